//! Checks what an importer read (a `Draft`) against its text and the schema, whatever the
//! format: offsets in range, quotes that match, labels known, ids unique, relations whole.
//! Spans whose quote moved are re-anchored; spans that cannot be placed become orphans.
//! Nothing here changes the open work: the result is a `Review` the user may accept.

use crate::anchor::{Anchorer, Found, LineEndingMap, Selector};
use crate::model::annotations::Annotations;
use crate::model::document::{default_title, layout_from, Document, Layout};
use crate::model::formats::draft::{Draft, DraftSpan, Work};
use crate::model::formats::native::Imported;
use crate::model::offsets::CharRange;
use crate::model::schema::Schema;
use crate::model::schema_builder::SchemaBuilder;
use crate::model::span::{joined, tidy, Relation, Span, SpanId, Timestamp};
use crate::model::text::{normalise_line_endings, shorten, ArticleText};
use annotator_core::jobs::{Orphan, Review};
use std::collections::{HashMap, HashSet};

/// Reviews a draft. `open` is the open work: its schema is the base for formats that
/// carry no label set, and a draft without text is placed onto its article. `now` dates
/// spans the file gives no time for. Refuses (with a message) only a draft whose text
/// is empty.
pub fn review(draft: &Draft, open: Work, now: &Timestamp) -> Result<Review, String> {
    let mut problems = Vec::new();
    let onto_open_article = draft.text.is_none();
    let (document, map, annotations) = match &draft.text {
        Some(raw) => {
            if raw.trim().is_empty() {
                return Err("the article in the file has no text".to_owned());
            }
            let text = ArticleText::new(raw);
            let document = Document {
                extra: draft.extra.clone(),
                annotator: draft.annotator.clone(),
                id: draft
                    .id
                    .clone()
                    .filter(|id| !id.trim().is_empty())
                    .unwrap_or_else(|| {
                        let hash = text.sha256_hex();
                        format!("text-{}", &hash[..12])
                    }),
                title: draft
                    .title
                    .clone()
                    .filter(|title| !title.trim().is_empty())
                    .unwrap_or_else(|| default_title(text.as_str(), draft.source.as_deref())),
                source: draft.source.clone(),
                // Layout offsets are into normalised text: a text that had CR line
                // endings (never one the app wrote) keeps no layout.
                layout: if raw.contains('\r') {
                    Layout::new()
                } else {
                    layout_from(&draft.layout, text.len_chars())
                },
                text,
            };
            (document, LineEndingMap::new(raw), Annotations::default())
        }
        None => (
            open.document.clone(),
            LineEndingMap::new(""),
            open.annotations.clone(),
        ),
    };
    let mut schema = if draft.labels.is_empty() || onto_open_article {
        SchemaBuilder::from_open(open.schema)
    } else {
        SchemaBuilder::from_file(&draft.labels, &draft.links, &mut problems)
    };
    let mut spans = SpanPlacer {
        text: &document.text,
        anchorer: Anchorer::new(&document.text),
        map,
        annotations,
        now,
        by_file_id: HashMap::new(),
        problems: Vec::new(),
        orphans: Vec::new(),
        placed: 0,
        reanchored: 0,
    };
    for draft_span in &draft.spans {
        spans.place(draft_span, &mut schema);
    }
    problems.append(&mut spans.problems);
    let SpanPlacer {
        mut annotations,
        by_file_id,
        orphans,
        placed,
        reanchored,
        ..
    } = spans;
    let mut next_relation = 1;
    // The links kept so far, to find one given twice without a walk over them all.
    let mut links: HashSet<(SpanId, SpanId, String)> = (annotations.relations().iter())
        .map(|relation| {
            (
                relation.from.clone(),
                relation.to.clone(),
                relation.kind.clone(),
            )
        })
        .collect();
    for relation in &draft.relations {
        let ends = [&relation.from, &relation.to].map(|end| {
            by_file_id.get(end.as_str()).cloned().ok_or_else(|| {
                if draft.spans.iter().any(|span| &span.id == end) {
                    format!("span “{end}”, which could not be placed")
                } else {
                    format!("span “{end}”, which is not in the file")
                }
            })
        });
        let [from, to] = match ends {
            [Ok(from), Ok(to)] => [from, to],
            [Err(missing), _] | [_, Err(missing)] => {
                problems.push(format!(
                    "Relation {}: it points at {missing}; it is left out.",
                    relation_name(relation.id.as_deref(), &relation.from, &relation.to)
                ));
                continue;
            }
        };
        let labels = [&from, &to].map(|id| {
            annotations
                .get(id)
                .map(|span| span.label.clone())
                .unwrap_or_default()
        });
        let kind = if relation.kind.trim().is_empty() {
            "related".to_owned()
        } else {
            relation.kind.clone()
        };
        if !links.insert((from.clone(), to.clone(), kind.clone())) {
            problems.push(format!(
                "Relation {}: the same link is given twice; it is kept once.",
                relation_name(relation.id.as_deref(), &relation.from, &relation.to)
            ));
            continue;
        }
        schema.ensure_rule(&labels[0], &labels[1], &kind, true);
        let id = match relation.id.as_deref() {
            Some(id) if usable_id(id) && !annotations.has_relation(id) => id.to_owned(),
            _ => loop {
                let id = format!("r{next_relation}");
                next_relation += 1;
                if !annotations.has_relation(&id) {
                    break id;
                }
            },
        };
        annotations.insert_relation(Relation { id, kind, from, to });
    }
    problems.extend(schema.problems);
    Ok(Review {
        imported: Imported {
            document,
            schema: Schema::new(schema.labels, schema.links),
            annotations,
        },
        onto_open_article,
        problems,
        orphans,
        added_labels: schema.added,
        placed,
        reanchored,
    })
}

fn relation_name(id: Option<&str>, from: &str, to: &str) -> String {
    match id {
        Some(id) => format!("“{id}”"),
        None => format!("{from} → {to}"),
    }
}

fn usable_id(id: &str) -> bool {
    !id.is_empty() && !id.chars().any(char::is_whitespace)
}

/// Places draft spans in the text, one at a time.
struct SpanPlacer<'t> {
    text: &'t ArticleText,
    anchorer: Anchorer<'t>,
    map: LineEndingMap,
    annotations: Annotations,
    now: &'t Timestamp,
    by_file_id: HashMap<String, SpanId>,
    problems: Vec<String>,
    orphans: Vec<Orphan>,
    placed: usize,
    reanchored: usize,
}

impl SpanPlacer<'_> {
    fn place(&mut self, draft: &DraftSpan, schema: &mut SchemaBuilder) {
        let quote = draft.quote.as_deref().map(normalise_line_endings);
        let name = format!("Span “{}”", draft.id);
        let orphan = |reason: String| Orphan {
            id: draft.id.clone(),
            label: draft.label.clone(),
            quote: quote.clone().unwrap_or_default(),
            reason,
        };
        if draft.label.trim().is_empty() {
            self.orphans.push(orphan("it has no label".to_owned()));
            return;
        }
        if draft.pieces.len() > 1 {
            return self.place_pieces(draft, quote.as_deref(), schema, orphan);
        }
        let stated = match (draft.start, draft.end) {
            (Some(start), Some(end)) => Some(CharRange {
                start: self.map.map(start),
                end: self.map.map(end),
            }),
            _ => None,
        };
        let offsets_problem = match (draft.start, draft.end) {
            (Some(start), Some(end)) if end <= start => {
                Some(format!("end {end} is not after start {start}"))
            }
            (Some(_), Some(end)) if stated.is_some_and(|r| r.end > self.text.end()) => Some(
                format!("end {end} is past the text end {}", self.text.len_chars()),
            ),
            (Some(_), Some(_)) => None,
            _ => Some("it has no offsets".to_owned()),
        };
        let range = match &quote {
            Some(quote) => {
                let selector = Selector {
                    quote,
                    prefix: draft.prefix.as_deref().unwrap_or(""),
                    suffix: draft.suffix.as_deref().unwrap_or(""),
                    hint: stated,
                };
                match self.anchorer.find(&selector) {
                    Some((range, Found::InPlace)) => range,
                    Some((range, how)) => {
                        self.reanchored += 1;
                        let was = match (&offsets_problem, draft.start, draft.end) {
                            (None, Some(start), Some(end)) => {
                                format!("its quote is not at {start}..{end}")
                            }
                            (Some(problem), ..) => problem.clone(),
                            _ => "it has no offsets".to_owned(),
                        };
                        let placed = match how {
                            Found::Fuzzy { edits } => format!(
                                "the closest text, {edits} edit{} away, is at {}..{}: “{}”",
                                if edits == 1 { "" } else { "s" },
                                range.start.0,
                                range.end.0,
                                shorten(self.text.slice(range).unwrap_or(""), 60)
                            ),
                            _ => format!("found at {}..{}", range.start.0, range.end.0),
                        };
                        self.problems.push(format!("{name}: {was}; {placed}."));
                        range
                    }
                    None => {
                        let reason = match offsets_problem {
                            Some(problem) => format!("{problem}, and its quote is not in the text"),
                            None => "its quote is not in the text".to_owned(),
                        };
                        self.orphans.push(orphan(reason));
                        return;
                    }
                }
            }
            None => match (offsets_problem, stated) {
                (None, Some(range)) => range,
                (problem, _) => {
                    let reason = problem.unwrap_or_default();
                    self.orphans
                        .push(orphan(format!("{reason}, and no quote to find it by")));
                    return;
                }
            },
        };
        self.add(draft, &[range], schema);
    }

    /// Places a split span: its pieces must be in the text, in order and apart, and give
    /// its quote when the file has one. There is no re-anchoring of pieces.
    fn place_pieces(
        &mut self,
        draft: &DraftSpan,
        quote: Option<&str>,
        schema: &mut SchemaBuilder,
        orphan: impl Fn(String) -> Orphan,
    ) {
        let pieces: Vec<CharRange> = (draft.pieces.iter())
            .map(|(start, end)| CharRange {
                start: self.map.map(*start),
                end: self.map.map(*end),
            })
            .collect();
        let problem = if tidy(&pieces) != pieces || pieces.iter().any(|p| p.end > self.text.end()) {
            Some("its pieces are not in order, apart and within the text".to_owned())
        } else if quote.is_some_and(|quote| joined(self.text, &pieces).as_deref() != Some(quote)) {
            Some("its pieces' text is not its quote".to_owned())
        } else {
            None
        };
        match problem {
            Some(reason) => self.orphans.push(orphan(reason)),
            None => self.add(draft, &pieces, schema),
        }
    }

    /// Adds the span a draft describes at `pieces` (one range for most).
    fn add(&mut self, draft: &DraftSpan, pieces: &[CharRange], schema: &mut SchemaBuilder) {
        let name = format!("Span “{}”", draft.id);
        let label = schema.label(&draft.label);
        let attributes = schema.attributes(&label, &draft.attributes);
        let id = if usable_id(&draft.id) && self.annotations.get(&SpanId::new(&draft.id)).is_none()
        {
            draft.id.clone()
        } else {
            let fresh = self.fresh_id(&draft.id);
            if !draft.id.is_empty() {
                self.problems.push(format!(
                    "{name}: the id is used twice or has spaces; it becomes “{fresh}”."
                ));
            }
            fresh
        };
        let created = Timestamp(draft.created.clone().unwrap_or_else(|| self.now.0.clone()));
        let mut span = Span::new(SpanId::new(&id), &label, CharRange::default(), "", &created);
        span.place(self.text, pieces);
        span.modified = Timestamp(draft.modified.clone().unwrap_or_else(|| self.now.0.clone()));
        span.note = draft.note.clone();
        span.attributes = attributes;
        span.evidence = draft.evidence.clone();
        if let Some(same) = self.annotations.find_exact(&span) {
            self.problems.push(format!(
                "{name}: the same label on the same text is already span “{}”; it is kept once.",
                same.id.as_str()
            ));
            self.by_file_id.insert(draft.id.clone(), same.id.clone());
            return;
        }
        self.by_file_id.insert(draft.id.clone(), span.id.clone());
        self.annotations.insert(span);
        self.placed += 1;
    }

    fn fresh_id(&self, base: &str) -> String {
        let base: String = base.chars().filter(|c| !c.is_whitespace()).collect();
        let base = if base.is_empty() {
            "span".to_owned()
        } else {
            base
        };
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.annotations.get(&SpanId::new(id)).is_none())
            .unwrap_or(base)
    }
}
