//! The spans and relations of one document, kept in document order.

use super::curation::Decision;
use super::offsets::CharRange;
use super::span::{Relation, Span, SpanId};
use super::suggestion::Rejected;
use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;
use std::rc::Rc;

/// All spans (in document order) and relations (in id order, numbers by value: see
/// [`id_order`]) of a document.
///
/// Document order: by start, then longer spans first (so an enclosing span comes before
/// the spans nested in it), then label, then pieces (a span in one piece first), then id.
/// Both orders depend only on the content, so undoing a removal restores the exact work.
#[derive(Clone, Debug, Default)]
pub struct Annotations {
    /// Shared with earlier copies of the work (the undo history, the save queue, the
    /// article drawn): an edit copies pointers, not every span.
    spans: Vec<Rc<Span>>,
    relations: Vec<Relation>,
    /// Each span's range by id: a span is found by a binary search for its range, not a
    /// walk over every span (an import of many spans would take quadratic time).
    ranges: HashMap<SpanId, CharRange>,
    /// A gold article's decided clusters (see `curation`), by range.
    decisions: Vec<Decision>,
    /// Suggestions the user rejected, by range then label.
    rejected: Vec<Rejected>,
}

impl PartialEq for Annotations {
    /// The spans, relations, decisions and rejections (the index follows from them).
    fn eq(&self, other: &Self) -> bool {
        self.spans == other.spans
            && self.relations == other.relations
            && self.decisions == other.decisions
            && self.rejected == other.rejected
    }
}

impl Eq for Annotations {}

/// A split span's pieces come before its id: a span in one piece and a split span of the
/// same label and whole range keep their order whatever ids a file gives them.
fn order_key(span: &Span) -> (usize, Reverse<usize>, &str, &[CharRange], &SpanId) {
    (
        span.range.start.0,
        Reverse(span.range.end.0),
        span.label.as_str(),
        &span.pieces,
        &span.id,
    )
}

/// Ids compared with their runs of digits read as numbers, so the ids a file numbers
/// 1, 2, … 10 keep the file's order ("2" before "10"; plain string order would put
/// "10" second and a round trip through the file would reorder the relations).
/// Ties (leading zeros) fall back to string order, so the order is total.
pub fn id_order(a: &str, b: &str) -> Ordering {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (mut x, mut y) = (a, b);
    loop {
        let (run_x, run_y) = (digits(x), digits(y));
        let step = if run_x > 0 && run_y > 0 {
            let (vx, vy) = (
                x[..run_x].trim_start_matches('0'),
                y[..run_y].trim_start_matches('0'),
            );
            (vx.len().cmp(&vy.len()).then(vx.cmp(vy)), run_x, run_y)
        } else {
            match (x.chars().next(), y.chars().next()) {
                (None, None) => return a.cmp(b),
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (Some(cx), Some(cy)) => (cx.cmp(&cy), cx.len_utf8(), cy.len_utf8()),
            }
        };
        if step.0.is_ne() {
            return step.0;
        }
        (x, y) = (&x[step.1..], &y[step.2..]);
    }
}

impl Annotations {
    pub fn spans(&self) -> &[Rc<Span>] {
        &self.spans
    }

    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The spans none of whose pieces overlaps a piece of one kept before them, in
    /// document order: what a format without overlaps (CoNLL's IOB) can hold. (A span in
    /// the gap of a split span is kept with it.)
    pub fn apart(&self) -> Vec<&Span> {
        let mut kept: Vec<&Span> = Vec::new();
        // The kept spans' pieces, apart and so sorted by start and by end alike.
        let mut taken: Vec<CharRange> = Vec::new();
        for span in &self.spans {
            let free = span.ranges().iter().all(|piece| {
                let next = taken.partition_point(|other| other.end <= piece.start);
                taken.get(next).is_none_or(|other| other.start >= piece.end)
            });
            if free {
                for piece in span.ranges() {
                    let at = taken.partition_point(|other| other.start < piece.start);
                    taken.insert(at, *piece);
                }
                kept.push(span);
            }
        }
        kept
    }

    pub fn get(&self, id: &SpanId) -> Option<&Span> {
        self.position(id).map(|at| &*self.spans[at])
    }

    /// Where the span with this id is in document order.
    fn position(&self, id: &SpanId) -> Option<usize> {
        let range = self.ranges.get(id)?;
        let first = self.first_at(*range);
        (self.spans[first..].iter())
            .take_while(|span| span.range == *range)
            .position(|span| &span.id == id)
            .map(|within| first + within)
    }

    /// Where the spans with exactly this range start in document order (a binary search).
    /// Spans with the same range sit together (by label, then id): a few at most.
    fn first_at(&self, range: CharRange) -> usize {
        let key = (range.start.0, Reverse(range.end.0));
        self.spans
            .partition_point(|span| (span.range.start.0, Reverse(span.range.end.0)) < key)
    }

    /// The spans with exactly this range (a binary search).
    pub fn at(&self, range: CharRange) -> impl Iterator<Item = &Span> {
        (self.spans[self.first_at(range)..].iter())
            .take_while(move |span| span.range == range)
            .map(|span| &**span)
    }

    /// The span with exactly this label and place (the same pieces), if one exists.
    pub fn find_exact(&self, span: &Span) -> Option<&Span> {
        (self.at(span.range))
            .find(|other| other.label == span.label && other.ranges() == span.ranges())
    }

    /// Inserts `span` at its place in document order. Returns false (and changes nothing)
    /// when a span with the same id already exists.
    pub fn insert(&mut self, span: Span) -> bool {
        if self.get(&span.id).is_some() {
            return false;
        }
        let at = self
            .spans
            .partition_point(|other| order_key(other) < order_key(&span));
        self.ranges.insert(span.id.clone(), span.range);
        self.spans.insert(at, Rc::new(span));
        true
    }

    /// Changes a span in place through `edit`, keeping document order.
    /// Returns false when there is no such span.
    pub fn update(&mut self, id: &SpanId, edit: impl FnOnce(&mut Span)) -> bool {
        let Some(index) = self.position(id) else {
            return false;
        };
        let mut span = Rc::unwrap_or_clone(self.spans.remove(index));
        self.ranges.remove(id);
        edit(&mut span);
        self.insert(span)
    }

    /// Removes a span and every relation that touches it.
    pub fn remove(&mut self, id: &SpanId) -> Option<Span> {
        let index = self.position(id)?;
        self.relations
            .retain(|relation| &relation.from != id && &relation.to != id);
        self.ranges.remove(id);
        Some(Rc::unwrap_or_clone(self.spans.remove(index)))
    }

    /// Adds a relation between two existing spans, at its place in id order. Returns false
    /// when either end is missing or the id is taken.
    pub fn insert_relation(&mut self, relation: Relation) -> bool {
        let ends_exist = self.get(&relation.from).is_some() && self.get(&relation.to).is_some();
        match self.relation_at(&relation.id) {
            Err(at) if ends_exist => {
                self.relations.insert(at, relation);
                true
            }
            _ => false,
        }
    }

    /// True when a relation has this id.
    pub fn has_relation(&self, id: &str) -> bool {
        self.relation_at(id).is_ok()
    }

    /// Where the relation with this id is in id order, or where it would go.
    fn relation_at(&self, id: &str) -> Result<usize, usize> {
        self.relations
            .binary_search_by(|other| id_order(&other.id, id))
    }

    /// Removes a relation by id.
    pub fn remove_relation(&mut self, id: &str) -> Option<Relation> {
        let index = self.relation_at(id).ok()?;
        Some(self.relations.remove(index))
    }

    /// The relations that start or end at a span.
    pub fn relations_of<'a>(&'a self, id: &'a SpanId) -> impl Iterator<Item = &'a Relation> {
        self.relations
            .iter()
            .filter(move |relation| &relation.from == id || &relation.to == id)
    }

    /// The ranges of the spans that are in one of `self` and `other` but not the other
    /// (by id, label, range and pieces: what the article draws), in one walk over both
    /// orders.
    pub fn differences(&self, other: &Annotations) -> Vec<CharRange> {
        let (mut old, mut new) = (self.spans.iter().peekable(), other.spans.iter().peekable());
        let mut changed = Vec::new();
        loop {
            match (old.peek(), new.peek()) {
                (None, None) => return changed,
                (Some(a), Some(b)) if order_key(a) == order_key(b) => {
                    old.next();
                    new.next();
                }
                (Some(a), Some(b)) if order_key(a) < order_key(b) => {
                    changed.push(a.range);
                    old.next();
                }
                (Some(a), None) => {
                    changed.push(a.range);
                    old.next();
                }
                (_, Some(b)) => {
                    changed.push(b.range);
                    new.next();
                }
            }
        }
    }

    /// A gold article's decisions, by range.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The decision of the cluster at exactly `range`.
    pub fn decision(&self, range: CharRange) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|decision| decision.range() == range)
    }

    /// Records `decision`, replacing the one of the same range.
    pub fn set_decision(&mut self, decision: Decision) {
        self.remove_decision(decision.range());
        let key = (decision.start, decision.end);
        let at = (self.decisions).partition_point(|other| (other.start, other.end) < key);
        self.decisions.insert(at, decision);
    }

    /// Forgets the decision of the cluster at `range`; false when there was none.
    pub fn remove_decision(&mut self, range: CharRange) -> bool {
        let before = self.decisions.len();
        self.decisions.retain(|decision| decision.range() != range);
        self.decisions.len() != before
    }

    /// The suggestions the user rejected, by range then label.
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Whether the suggestion of `label` at `range` was rejected.
    pub fn is_rejected(&self, label: &str, range: CharRange) -> bool {
        self.rejected_at(label, range).is_ok()
    }

    fn rejected_at(&self, label: &str, range: CharRange) -> Result<usize, usize> {
        let key = (range.start.0, range.end.0, label);
        (self.rejected)
            .binary_search_by(|known| (known.start, known.end, known.label.as_str()).cmp(&key))
    }

    /// Records a rejection; false when it was already recorded.
    pub fn reject(&mut self, rejected: Rejected) -> bool {
        match self.rejected_at(&rejected.label, rejected.range()) {
            Ok(_) => false,
            Err(at) => {
                self.rejected.insert(at, rejected);
                true
            }
        }
    }

    /// Forgets a rejection; false when there was none.
    pub fn unreject(&mut self, rejected: &Rejected) -> bool {
        match self.rejected_at(&rejected.label, rejected.range()) {
            Ok(at) => {
                self.rejected.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// How many spans carry `label`.
    pub fn count(&self, label: &str) -> usize {
        self.spans.iter().filter(|span| span.label == label).count()
    }
}
