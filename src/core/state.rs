//! The session (the article being annotated, its schema, spans, selection and undo history)
//! and the actions that change it. A pure reducer: no UI, no browser.

use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::draft::Work;
use crate::model::formats::native::{self, Imported};
use crate::model::history::{Edit, EditTarget, History};
use crate::model::offsets::CharRange;
use crate::model::sample::sample_document;
use crate::model::schema::{LinkRule, Schema};
use crate::model::span::{Evidence, Relation, Span, SpanId, Timestamp};
use crate::model::suggestion::{Accepted, Kind, Rejected};
use crate::model::words::{self, Direction, Edge, Step};
use std::rc::Rc;

/// Everything the user is working on.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub document: Rc<Document>,
    pub schema: Rc<Schema>,
    pub annotations: Rc<Annotations>,
    /// The span the user clicked or picked, if any.
    pub selected: Option<SpanId>,
    /// Counts accepted edits to the work (not selection changes): what must be saved.
    pub revision: u64,
    pub history: History,
    /// Every label rename applied to the schema since the article was opened (old name,
    /// new name), in order, undo and redo included: stored work of other articles follows
    /// them.
    pub renamed: Rc<Vec<(String, String)>>,
}

/// Something the user asked for. Ids and times are made outside, so `apply` stays pure.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replaces the article; its spans go with it.
    Open(Document),
    /// Replaces the whole session with saved work.
    Restore(Imported),
    /// Adds the spans, relations and labels of `Imported` (the open work plus what a file
    /// brought) as one edit: one undo takes the import back.
    Merge(Imported),
    /// Makes the work `Imported`'s (a team server's copy of it, or the merge with one) as
    /// one edit: spans and links it lacks go, the others are added or changed.
    Sync(Imported),
    /// Turns `range` (as selected) into a span labelled `label`: snapped to whole words with
    /// edge punctuation and whitespace trimmed, or exactly as selected when `exact`.
    Tag {
        id: SpanId,
        label: String,
        range: CharRange,
        exact: bool,
        now: Timestamp,
    },
    /// Tags `range` as `Tag` does and links the selected frame span (an attribution's
    /// Content) to the new span, as one edit; the frame stays selected, so its cue and
    /// source are tagged one after the other. A span of that label already exactly there
    /// is linked instead of a new one.
    TagInFrame {
        id: SpanId,
        label: String,
        range: CharRange,
        exact: bool,
        now: Timestamp,
        /// The frame span, and the id of the new link.
        frame: SpanId,
        link: String,
    },
    /// Gives a span another label (dropping attributes the new label does not define).
    Relabel {
        id: SpanId,
        label: String,
        now: Timestamp,
    },
    /// Moves a span's boundaries to `range`.
    Resize {
        id: SpanId,
        range: CharRange,
        now: Timestamp,
    },
    /// Moves one boundary of a span by a character or a word.
    Nudge {
        id: SpanId,
        edge: Edge,
        step: Step,
        direction: Direction,
        now: Timestamp,
    },
    SetNote {
        id: SpanId,
        note: String,
        now: Timestamp,
    },
    /// Sets (or with `None`, clears) one attribute of a span.
    SetAttribute {
        id: SpanId,
        name: String,
        value: Option<String>,
        now: Timestamp,
    },
    /// Sets (or clears) several attributes of a span as one edit.
    SetAttributes {
        id: SpanId,
        set: Vec<(String, Option<String>)>,
        now: Timestamp,
    },
    /// Adds `range` (as selected: snapped to words unless `exact`) to a span as another
    /// piece; a range that overlaps or touches a piece widens it instead.
    AddPiece {
        id: SpanId,
        range: CharRange,
        exact: bool,
        now: Timestamp,
    },
    /// Takes piece `at` (in order) out of a split span.
    RemovePiece {
        id: SpanId,
        at: usize,
        now: Timestamp,
    },
    /// Adds an evidence item to a span (a claim's).
    AddEvidence {
        id: SpanId,
        evidence: Evidence,
        now: Timestamp,
    },
    /// Removes a span's evidence item `at` (in order).
    RemoveEvidence {
        id: SpanId,
        at: usize,
        now: Timestamp,
    },
    /// Removes a span (and its links).
    Delete(SpanId),
    /// Links span `from` to span `to`, typed by the schema's rule for their labels.
    Link {
        id: String,
        from: SpanId,
        to: SpanId,
    },
    /// Removes a link.
    Unlink(String),
    /// Replaces the schema; `renames` (old name, new name) re-label the spans of renamed labels.
    SetSchema {
        schema: Schema,
        renames: Vec<(String, String)>,
        now: Timestamp,
    },
    /// Tags each of `ranges` with `label` (the new spans take `ids`), as one edit: "tag every
    /// occurrence". Ranges the label already covers exactly are left.
    TagEvery {
        label: String,
        ranges: Vec<CharRange>,
        ids: Vec<SpanId>,
        now: Timestamp,
    },
    /// Accepts suggestions, as one edit: their spans (a span of the same label and place
    /// there already is taken as it is), and each quote's speaker with its link.
    Accept {
        accepted: Vec<Accepted>,
        now: Timestamp,
    },
    /// Rejects suggestions, as one edit: they are not suggested again for this article.
    Reject(Vec<Rejected>),
    /// Decides a gold article's cluster (`curation::decide`): one undo step, after which
    /// no span is selected (the next disagreement's keys are the curator's again).
    Adjudicate(Edit),
    Undo,
    Redo,
    /// Selects a span, or clears the selection.
    Select(Option<SpanId>),
}

/// What an action changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing, and nothing to say: the action asked for what already is.
    None,
    /// Nothing: the action could not apply, for this reason (told to the user).
    Refused(Refusal),
    /// Only which span is selected.
    Selection,
    /// The work itself: it must be saved.
    Work,
}

/// Why an action could not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The selection holds only spaces, or nothing.
    EmptySelection,
    /// The schema has no such label.
    UnknownLabel(String),
    /// The span is gone (deleted or undone meanwhile).
    SpanGone,
    /// The link is gone.
    LinkGone,
    /// A new span's id is already taken (ids are never reused).
    IdTaken,
    NothingToUndo,
    NothingToRedo,
    /// The boundary cannot move that way (the span would be empty, or leave the text).
    CannotMove,
    /// Another span with the same label already covers exactly that text.
    Duplicate,
    /// The schema does not allow this link (why).
    LinkNotAllowed(String),
    /// The schema cannot be saved (what is wrong).
    SchemaProblems(Vec<String>),
    /// Only a split span has a piece to remove.
    OnePiece,
    /// Evidence with nothing filled in.
    EmptyEvidence,
}

impl Refusal {
    /// The reason as the user reads it.
    pub fn message(&self) -> String {
        match self {
            Refusal::EmptySelection => {
                "The selection holds no words (only spaces): select some text first.".to_owned()
            }
            Refusal::UnknownLabel(label) => {
                format!("The schema has no label “{label}”: add it in the label schema (in the Settings menu).")
            }
            Refusal::SpanGone => "That span no longer exists.".to_owned(),
            Refusal::LinkGone => "That link no longer exists.".to_owned(),
            Refusal::IdTaken => "That span id is already used; nothing was added.".to_owned(),
            Refusal::NothingToUndo => "Nothing to undo.".to_owned(),
            Refusal::NothingToRedo => "Nothing to redo.".to_owned(),
            Refusal::CannotMove => {
                "The boundary cannot move that way: the span would be empty or leave the text."
                    .to_owned()
            }
            Refusal::Duplicate => {
                "Another span with this label already covers exactly that text.".to_owned()
            }
            Refusal::LinkNotAllowed(why) => why.clone(),
            Refusal::SchemaProblems(problems) => problems.join(" "),
            Refusal::OnePiece => {
                "The span is in one piece: there is no piece to take out (Delete removes the span)."
                    .to_owned()
            }
            Refusal::EmptyEvidence => {
                "The evidence is empty: give it a link, a title, a passage or a note.".to_owned()
            }
        }
    }
}

impl Session {
    /// A session on `document` with no spans.
    pub fn new(document: Document, schema: Schema) -> Self {
        Self {
            document: Rc::new(document),
            schema: Rc::new(schema),
            annotations: Rc::default(),
            selected: None,
            revision: 0,
            history: History::default(),
            renamed: Rc::default(),
        }
    }

    /// A session on stored work, with its undo history.
    pub fn resume(
        document: Rc<Document>,
        schema: Schema,
        annotations: Rc<Annotations>,
        history: History,
    ) -> Self {
        Self {
            document,
            schema: Rc::new(schema),
            annotations,
            selected: None,
            revision: 0,
            history,
            renamed: Rc::default(),
        }
    }

    /// The open work, as exporters and the import review see it.
    pub fn work(&self) -> Work<'_> {
        Work {
            document: &self.document,
            schema: &self.schema,
            annotations: &self.annotations,
        }
    }

    /// The built-in sample article with the default schema.
    pub fn sample() -> Self {
        Self::new(sample_document(), Schema::default())
    }

    /// The work as native export JSON.
    pub fn export_json(&self) -> String {
        native::to_json(&native::export(
            &self.document,
            &self.schema,
            &self.annotations,
        ))
    }

    /// The selected span, if it still exists.
    pub fn selected_span(&self) -> Option<&Span> {
        self.selected
            .as_ref()
            .and_then(|id| self.annotations.get(id))
    }

    /// The rule under which `from` may link to `to`, or why it may not.
    pub fn link_rule(&self, from: &SpanId, to: &SpanId) -> Result<&LinkRule, String> {
        let (Some(from), Some(to)) = (self.annotations.get(from), self.annotations.get(to)) else {
            return Err("That span no longer exists.".to_owned());
        };
        if from.id == to.id {
            return Err("A span cannot be linked to itself.".to_owned());
        }
        let Some(rule) = self.schema.link_rule(&from.label, &to.label) else {
            let allowed: Vec<String> = self
                .schema
                .links()
                .iter()
                .map(|rule| format!("{} → {}", rule.from, rule.to))
                .collect();
            return Err(format!(
                "A {} cannot be linked to a {}: the schema allows {}.",
                from.label,
                to.label,
                if allowed.is_empty() {
                    "no links".to_owned()
                } else {
                    allowed.join(", ")
                }
            ));
        };
        let exists = self
            .annotations
            .relations()
            .iter()
            .any(|relation| relation.from == from.id && relation.to == to.id);
        if exists {
            return Err(format!(
                "This {} is already linked to that {}.",
                from.label, to.label
            ));
        }
        Ok(rule)
    }

    /// Why a new schema cannot replace the current one (empty when it can).
    pub fn schema_problems(&self, schema: &Schema, renames: &[(String, String)]) -> Vec<String> {
        let mut problems = schema.problems();
        for label in self.schema.iter() {
            let renamed = renames.iter().find(|(old, _)| old == &label.name);
            // Another label renamed onto this one's name replaces it: this one is removed.
            let replaced = renames
                .iter()
                .any(|(old, new)| old != new && new == &label.name);
            let name = match renamed {
                Some((_, new)) => Some(new.as_str()),
                None if replaced => None,
                None => Some(label.name.as_str()),
            };
            let used = self.annotations.count(&label.name);
            if used > 0 && name.and_then(|name| schema.get(name)).is_none() {
                problems.push(format!(
                    "Label “{}” is used by {used} span{}: re-label or delete {} first.",
                    label.name,
                    if used == 1 { "" } else { "s" },
                    if used == 1 { "it" } else { "them" }
                ));
            }
        }
        problems
    }

    /// Applies `action` and says what changed.
    pub fn apply(&mut self, action: Action) -> Change {
        let change = match action {
            Action::Open(document) => {
                let revision = self.revision;
                *self = Self::new(document, (*self.schema).clone());
                self.revision = revision;
                Change::Work
            }
            Action::Restore(imported) => {
                let revision = self.revision;
                *self = Self::new(imported.document, imported.schema);
                self.annotations = Rc::new(imported.annotations);
                self.revision = revision;
                Change::Work
            }
            Action::Undo => match self.history.undo() {
                Some(edit) => self.run(edit),
                None => Change::Refused(Refusal::NothingToUndo),
            },
            Action::Redo => match self.history.redo() {
                Some(edit) => self.run(edit),
                None => Change::Refused(Refusal::NothingToRedo),
            },
            Action::Select(id) => {
                let id = id.filter(|id| self.annotations.get(id).is_some());
                if id == self.selected {
                    Change::None
                } else {
                    self.selected = id;
                    Change::Selection
                }
            }
            Action::Tag {
                id,
                label,
                range,
                exact,
                now,
            } => self.tag(id, label, range, exact, now),
            Action::TagInFrame {
                id,
                label,
                range,
                exact,
                now,
                frame,
                link,
            } => match self.tagged(id, &label, range, exact, &now) {
                Ok(span) => self.tag_in_frame(span, frame, link),
                Err(change) => change,
            },
            Action::Relabel { id, label, now } => self.relabel(&id, label, now),
            Action::Adjudicate(edit) => {
                let change = self.commit(edit);
                self.selected = None;
                change
            }
            Action::Merge(imported) => match self.merge(imported) {
                Some(edit) => self.commit(edit),
                None => Change::None,
            },
            Action::Sync(imported) => match self.replace(imported) {
                Some(edit) => self.commit(edit),
                None => Change::None,
            },
            action @ (Action::TagEvery { .. }
            | Action::Accept { .. }
            | Action::Reject(_)
            | Action::Resize { .. }
            | Action::Nudge { .. }
            | Action::AddPiece { .. }
            | Action::RemovePiece { .. }
            | Action::AddEvidence { .. }
            | Action::RemoveEvidence { .. }
            | Action::SetNote { .. }
            | Action::SetAttribute { .. }
            | Action::SetAttributes { .. }
            | Action::Delete(_)
            | Action::Link { .. }
            | Action::Unlink(_)
            | Action::SetSchema { .. }) => match self.edit_for(action) {
                Ok(edit) => self.commit(edit),
                Err(change) => change,
            },
        };
        if change == Change::Work {
            self.revision += 1;
        }
        change
    }

    /// Applies an edit (new, undone or redone) and selects what it is about.
    fn run(&mut self, edit: Edit) -> Change {
        let renames = edit.renames();
        if !renames.is_empty() {
            Rc::make_mut(&mut self.renamed).extend(renames);
        }
        edit.apply(&mut EditTarget {
            schema: &mut self.schema,
            annotations: &mut self.annotations,
        });
        if let Some(span) = edit.focus() {
            self.selected = Some(span.id.clone());
        }
        if self
            .selected
            .as_ref()
            .is_some_and(|id| self.annotations.get(id).is_none())
        {
            self.selected = None;
        }
        Change::Work
    }

    /// Applies and records a new edit.
    fn commit(&mut self, edit: Edit) -> Change {
        let change = self.run(edit.clone());
        self.history.record(edit);
        change
    }

    /// A span changed by `change`, as an edit (None when nothing would change).
    fn change_span(
        &self,
        id: &SpanId,
        now: Timestamp,
        change: impl FnOnce(&mut Span),
    ) -> Result<Edit, Change> {
        let before = self.span(id)?.clone();
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return Err(Change::None);
        }
        after.modified = now;
        Ok(Edit::ChangeSpan { before, after })
    }

    /// A span moved to `pieces` (tidied), as an edit: refused when a piece would hold no
    /// words or leave the text, or when another span of its label is exactly there.
    fn move_span(&self, id: &SpanId, pieces: &[CharRange], now: Timestamp) -> Result<Edit, Change> {
        let text = &self.document.text;
        let mut moved = self.span(id)?.clone();
        let words = |piece: &CharRange| text.slice(*piece).is_some_and(|q| !q.trim().is_empty());
        if !moved.place(text, pieces) || !moved.ranges().iter().all(words) {
            return Err(Change::Refused(Refusal::CannotMove));
        }
        if (self.annotations.find_exact(&moved)).is_some_and(|other| other.id != *id) {
            return Err(Change::Refused(Refusal::Duplicate));
        }
        self.change_span(id, now, |span| {
            span.range = moved.range;
            span.pieces = moved.pieces;
            span.text = moved.text;
        })
    }

    /// The span with this id, or the refusal to act on a span that is gone.
    fn span(&self, id: &SpanId) -> Result<&Span, Change> {
        (self.annotations.get(id)).ok_or(Change::Refused(Refusal::SpanGone))
    }

    /// The edit an action stands for, checked against the work; otherwise why it does not
    /// apply (or that it would change nothing).
    fn edit_for(&self, action: Action) -> Result<Edit, Change> {
        let text = &self.document.text;
        let refused = Change::Refused;
        match action {
            Action::TagEvery {
                label,
                ranges,
                ids,
                now,
            } => {
                let mut added = Vec::new();
                for (range, id) in ranges.into_iter().zip(ids) {
                    let Some(quote) = text.slice(range) else {
                        continue;
                    };
                    let span = Span::new(id, &label, range, quote, &now);
                    if self.annotations.find_exact(&span).is_none()
                        && self.annotations.get(&span.id).is_none()
                    {
                        added.push(Edit::AddSpan(span));
                    }
                }
                match added.is_empty() {
                    true => Err(Change::None),
                    false => Ok(Edit::Batch(added)),
                }
            }
            Action::Accept { accepted, now } => self.accept(accepted, now),
            Action::Reject(rejected) => {
                let new: Vec<Rejected> = (rejected.into_iter())
                    .filter(|one| !self.annotations.is_rejected(&one.label, one.range()))
                    .collect();
                match new.is_empty() {
                    true => Err(Change::None),
                    false => Ok(Edit::Reject(new)),
                }
            }
            Action::Resize { id, range, now } => {
                let pieces = reshaped(self.span(&id)?.ranges(), range);
                self.move_span(&id, &pieces, now)
            }
            Action::Nudge {
                id,
                edge,
                step,
                direction,
                now,
            } => {
                // The first piece's start or the last piece's end.
                let mut pieces = self.span(&id)?.ranges().to_vec();
                let at = if edge == Edge::Start {
                    0
                } else {
                    pieces.len() - 1
                };
                pieces[at] = words::nudge(text, pieces[at], edge, step, direction)
                    .ok_or(refused(Refusal::CannotMove))?;
                self.move_span(&id, &pieces, now)
            }
            Action::AddPiece {
                id,
                range,
                exact,
                now,
            } => {
                let range = if exact {
                    range
                } else {
                    words::snap_to_words(text, range)
                };
                if text
                    .slice(range)
                    .is_none_or(|quote| quote.trim().is_empty())
                {
                    return Err(refused(Refusal::EmptySelection));
                }
                let mut pieces = self.span(&id)?.ranges().to_vec();
                pieces.push(range);
                self.move_span(&id, &pieces, now)
            }
            Action::RemovePiece { id, at, now } => {
                let mut pieces = self.span(&id)?.pieces.clone();
                if at >= pieces.len() {
                    return Err(refused(Refusal::OnePiece));
                }
                pieces.remove(at);
                self.move_span(&id, &pieces, now)
            }
            Action::AddEvidence { id, evidence, now } => {
                if evidence.is_empty() {
                    return Err(refused(Refusal::EmptyEvidence));
                }
                let trim = |field: &str| field.trim().to_owned();
                let evidence = Evidence {
                    url: trim(&evidence.url),
                    title: trim(&evidence.title),
                    passage: trim(&evidence.passage),
                    note: trim(&evidence.note),
                };
                self.change_span(&id, now, |span| span.evidence.push(evidence))
            }
            Action::RemoveEvidence { id, at, now } => self.change_span(&id, now, |span| {
                if at < span.evidence.len() {
                    span.evidence.remove(at);
                }
            }),
            Action::SetNote { id, note, now } => {
                self.change_span(&id, now, |span| span.note = note.trim_end().to_owned())
            }
            Action::SetAttribute {
                id,
                name,
                value,
                now,
            } => self.edit_for(Action::SetAttributes {
                id,
                set: vec![(name, value)],
                now,
            }),
            Action::SetAttributes { id, set, now } => self.change_span(&id, now, |span| {
                for (name, value) in set {
                    match value {
                        Some(value) => span.attributes.insert(name, value),
                        None => span.attributes.remove(&name),
                    };
                }
            }),
            Action::Delete(id) => {
                let span = self.span(&id)?.clone();
                let relations = self.annotations.relations_of(&id).cloned().collect();
                Ok(Edit::RemoveSpan { span, relations })
            }
            Action::Link { id, from, to } => {
                let rule = self.link_rule(&from, &to);
                let kind = rule
                    .map_err(|why| refused(Refusal::LinkNotAllowed(why)))?
                    .kind
                    .clone();
                Ok(Edit::AddRelation(Relation { id, kind, from, to }))
            }
            Action::Unlink(id) => (self.annotations.relations().iter())
                .find(|relation| relation.id == id)
                .cloned()
                .map(Edit::RemoveRelation)
                .ok_or(refused(Refusal::LinkGone)),
            Action::SetSchema {
                schema,
                renames,
                now,
            } => {
                if *self.schema == schema {
                    return Err(Change::None);
                }
                let problems = self.schema_problems(&schema, &renames);
                if !problems.is_empty() {
                    return Err(refused(Refusal::SchemaProblems(problems)));
                }
                let mut edits = vec![Edit::ChangeSchema {
                    before: self.schema.clone(),
                    after: Rc::new(schema),
                    renames: renames
                        .iter()
                        .filter(|(old, new)| old != new)
                        .cloned()
                        .collect(),
                }];
                for (old, new) in renames.iter().filter(|(old, new)| old != new) {
                    let spans = self.annotations.spans().iter();
                    for span in spans.filter(|span| &span.label == old) {
                        let span = Span::clone(span);
                        let mut after = span.clone();
                        after.label = new.clone();
                        after.modified = now.clone();
                        edits.push(Edit::ChangeSpan {
                            before: span.clone(),
                            after,
                        });
                    }
                }
                Ok(Edit::Batch(edits))
            }
            // Handled by `apply` itself.
            Action::Open(_)
            | Action::Restore(_)
            | Action::Merge(_)
            | Action::Sync(_)
            | Action::Tag { .. }
            | Action::TagInFrame { .. }
            | Action::Relabel { .. }
            | Action::Adjudicate(_)
            | Action::Undo
            | Action::Redo
            | Action::Select(_) => Err(Change::None),
        }
    }

    /// The edit that accepting suggestions makes (see `Action::Accept`).
    fn accept(&self, accepted: Vec<Accepted>, now: Timestamp) -> Result<Edit, Change> {
        let text = &self.document.text;
        let mut edits = Vec::new();
        // Spans of this edit so far (a speaker of two quotes is one Source).
        let mut made: Vec<(String, CharRange, SpanId)> = Vec::new();
        let mut span_for = |label: &str, range: CharRange, id: SpanId, edits: &mut Vec<Edit>| {
            let same = |span: &Span| span.label == label && span.range == range;
            if let Some(span) = self.annotations.at(range).find(|span| same(span)) {
                return Some(span.id.clone());
            }
            if let Some((.., id)) = made.iter().find(|(l, r, _)| l == label && *r == range) {
                return Some(id.clone());
            }
            let quote = text.slice(range)?.to_owned();
            if self.annotations.get(&id).is_some() {
                return None;
            }
            made.push((label.to_owned(), range, id.clone()));
            edits.push(Edit::AddSpan(Span::new(
                id.clone(),
                label,
                range,
                &quote,
                &now,
            )));
            Some(id)
        };
        let source = Kind::Source.label();
        for one in accepted {
            let Some(from) = span_for(&one.label, one.range, one.id, &mut edits) else {
                continue;
            };
            let Some(speaker) = one.speaker else {
                continue;
            };
            let Some(rule) = self.schema.link_rule(&one.label, source) else {
                continue;
            };
            let Some(to) = span_for(source, speaker.range, speaker.id, &mut edits) else {
                continue;
            };
            let linked = (self.annotations.relations().iter())
                .chain(edits.iter().filter_map(|edit| match edit {
                    Edit::AddRelation(relation) => Some(relation),
                    _ => None,
                }))
                .any(|relation| relation.from == from && relation.to == to);
            if !linked && !self.annotations.has_relation(&speaker.link) {
                edits.push(Edit::AddRelation(Relation {
                    id: speaker.link,
                    kind: rule.kind.clone(),
                    from,
                    to,
                }));
            }
        }
        match edits.is_empty() {
            true => Err(Change::None),
            false => Ok(Edit::Batch(edits)),
        }
    }

    /// The edit that turns the open work into `imported` (which extends it): the schema's
    /// new labels, then every span and relation it adds or changes.
    fn merge(&self, imported: Imported) -> Option<Edit> {
        let mut edits = Vec::new();
        if *self.schema != imported.schema {
            edits.push(Edit::ChangeSchema {
                before: self.schema.clone(),
                after: Rc::new(imported.schema),
                renames: Vec::new(),
            });
        }
        for span in imported.annotations.spans() {
            let span = &**span;
            match self.annotations.get(&span.id) {
                None => edits.push(Edit::AddSpan(span.clone())),
                Some(before) if before != span => edits.push(Edit::ChangeSpan {
                    before: before.clone(),
                    after: span.clone(),
                }),
                Some(_) => {}
            }
        }
        let known = self.annotations.relations();
        for relation in imported.annotations.relations() {
            if !known.iter().any(|known| known.id == relation.id) {
                edits.push(Edit::AddRelation(relation.clone()));
            }
        }
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// The edit that makes the work `imported`'s (see `Action::Sync`).
    fn replace(&self, imported: Imported) -> Option<Edit> {
        let target = &imported.annotations;
        let mut edits = Vec::new();
        for relation in self.annotations.relations() {
            if !target.relations().contains(relation) {
                edits.push(Edit::RemoveRelation(relation.clone()));
            }
        }
        for span in self.annotations.spans() {
            if target.get(&span.id).is_none() {
                edits.push(Edit::RemoveSpan {
                    span: (**span).clone(),
                    relations: Vec::new(),
                });
            }
        }
        let added: Vec<_> = (target.relations().iter())
            .filter(|relation| !self.annotations.relations().contains(relation))
            .cloned()
            .map(Edit::AddRelation)
            .collect();
        if let Some(Edit::Batch(more)) = self.merge(imported) {
            edits.extend(
                more.into_iter()
                    .filter(|edit| !matches!(edit, Edit::AddRelation(_))),
            );
        }
        edits.extend(added);
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// The new span a selection tags (snapped to words unless `exact`), or why not.
    fn tagged(
        &self,
        id: SpanId,
        label: &str,
        range: CharRange,
        exact: bool,
        now: &Timestamp,
    ) -> Result<Span, Change> {
        let text = &self.document.text;
        let range = if exact {
            range
        } else {
            words::snap_to_words(text, range)
        };
        if self.schema.get(label).is_none() {
            return Err(Change::Refused(Refusal::UnknownLabel(label.to_owned())));
        }
        let Some(quote) = text.slice(range).filter(|quote| !quote.trim().is_empty()) else {
            return Err(Change::Refused(Refusal::EmptySelection));
        };
        if self.annotations.get(&id).is_some() {
            return Err(Change::Refused(Refusal::IdTaken)); // ids are never reused
        }
        Ok(Span::new(id, label, range, quote, now))
    }

    fn tag(
        &mut self,
        id: SpanId,
        label: String,
        range: CharRange,
        exact: bool,
        now: Timestamp,
    ) -> Change {
        let span = match self.tagged(id, &label, range, exact, &now) {
            Ok(span) => span,
            Err(change) => return change,
        };
        if let Some(existing) = self.annotations.find_exact(&span) {
            return self.select_instead(existing.id.clone());
        }
        self.commit(Edit::AddSpan(span))
    }

    /// Adds `span` (or takes the one of its label already there) to the frame span
    /// `frame` by a link with id `link` (see `Action::TagInFrame`).
    fn tag_in_frame(&mut self, span: Span, frame: SpanId, link: String) -> Change {
        let label = &span.label;
        let Some(from) = self.annotations.get(&frame) else {
            return Change::Refused(Refusal::SpanGone);
        };
        let Some(rule) = self.schema.link_rule(&from.label, label) else {
            let why = format!(
                "A {} does not link to a {} in this schema.",
                from.label, label
            );
            return Change::Refused(Refusal::LinkNotAllowed(why));
        };
        let kind = rule.kind.clone();
        let mut edits = Vec::new();
        let to = match self.annotations.find_exact(&span) {
            Some(existing) => existing.id.clone(),
            None => {
                let id = span.id.clone();
                edits.push(Edit::AddSpan(span));
                id
            }
        };
        let linked = (self.annotations.relations_of(&frame))
            .any(|relation| relation.from == frame && relation.to == to);
        if !linked && !self.annotations.has_relation(&link) {
            edits.push(Edit::AddRelation(Relation {
                id: link,
                kind,
                from: frame.clone(),
                to,
            }));
        }
        if edits.is_empty() {
            return Change::None;
        }
        let change = self.commit(Edit::Batch(edits));
        self.selected = Some(frame);
        change
    }

    /// Re-labels a span; when an identical span with that label already exists, that one is
    /// selected instead, so no duplicate appears.
    fn relabel(&mut self, id: &SpanId, label: String, now: Timestamp) -> Change {
        let Some(span) = self.annotations.get(id) else {
            return Change::Refused(Refusal::SpanGone);
        };
        let Some(new_label) = self.schema.get(&label) else {
            return Change::Refused(Refusal::UnknownLabel(label));
        };
        if span.label == label {
            return Change::None;
        }
        let twin = Span {
            label: label.clone(),
            ..span.clone()
        };
        if let Some(existing) = self.annotations.find_exact(&twin) {
            return self.select_instead(existing.id.clone());
        }
        let keep: Vec<String> = new_label
            .attributes
            .iter()
            .map(|attribute| attribute.name.clone())
            .collect();
        // Links the schema does not allow for the new label go with the re-label (undoably).
        let broken: Vec<Edit> = self
            .annotations
            .relations_of(id)
            .filter(|relation| {
                let label_of = |end: &SpanId| {
                    if end == id {
                        Some(label.as_str())
                    } else {
                        self.annotations.get(end).map(|span| span.label.as_str())
                    }
                };
                let rule = label_of(&relation.from)
                    .zip(label_of(&relation.to))
                    .and_then(|(from, to)| self.schema.link_rule(from, to));
                rule.is_none_or(|rule| rule.kind != relation.kind)
            })
            .cloned()
            .map(Edit::RemoveRelation)
            .collect();
        let change = match self.change_span(id, now, |span| {
            span.label = label;
            span.attributes.retain(|name, _| keep.contains(name));
        }) {
            Ok(change) => change,
            Err(change) => return change,
        };
        if broken.is_empty() {
            self.commit(change)
        } else {
            self.commit(Edit::Batch(std::iter::once(change).chain(broken).collect()))
        }
    }

    fn select_instead(&mut self, id: SpanId) -> Change {
        if self.selected.as_ref() == Some(&id) {
            Change::None
        } else {
            self.selected = Some(id);
            Change::Selection
        }
    }
}

/// A span's pieces with its whole range moved to `range`: pieces clipped to it (those
/// left empty dropped), then the first stretched to its start and the last to its end.
fn reshaped(pieces: &[CharRange], range: CharRange) -> Vec<CharRange> {
    let mut kept: Vec<CharRange> = (pieces.iter())
        .map(|piece| CharRange {
            start: piece.start.max(range.start),
            end: piece.end.min(range.end),
        })
        .filter(|piece| !piece.is_empty())
        .collect();
    let Some(first) = kept.first_mut() else {
        return vec![range];
    };
    first.start = range.start;
    if let Some(last) = kept.last_mut() {
        last.end = range.end;
    }
    kept
}
