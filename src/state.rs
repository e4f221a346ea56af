//! The session (the article being annotated, its labels, spans and selection) and the
//! actions that change it. A pure reducer: no UI, no browser.

use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::native::{self, Imported};
use crate::model::label::LabelSet;
use crate::model::offsets::CharRange;
use crate::model::sample::sample_document;
use crate::model::span::{Span, SpanId, Timestamp};
use std::rc::Rc;

/// Everything the user is working on.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub document: Rc<Document>,
    pub labels: Rc<LabelSet>,
    pub annotations: Annotations,
    /// The span the user clicked or picked, if any.
    pub selected: Option<SpanId>,
    /// Counts accepted edits to the work (not selection changes): what must be saved.
    pub revision: u64,
}

/// Something the user asked for. Ids and times are made outside, so `apply` stays pure.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replaces the article; its spans go with it.
    Open(Document),
    /// Replaces the whole session with saved work.
    Restore(Imported),
    /// Turns `range` (as selected, whitespace and all) into a span labelled `label`.
    Tag {
        id: SpanId,
        label: String,
        range: CharRange,
        now: Timestamp,
    },
    /// Gives a span another label.
    Relabel {
        id: SpanId,
        label: String,
        now: Timestamp,
    },
    /// Removes a span (and its relations).
    Delete(SpanId),
    /// Selects a span, or clears the selection.
    Select(Option<SpanId>),
}

/// What an action changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing: the action did not apply (e.g. an empty selection).
    None,
    /// Only which span is selected.
    Selection,
    /// The work itself: it must be saved.
    Work,
}

impl Session {
    /// A session on `document` with no spans.
    pub fn new(document: Document, labels: LabelSet) -> Self {
        Self {
            document: Rc::new(document),
            labels: Rc::new(labels),
            annotations: Annotations::default(),
            selected: None,
            revision: 0,
        }
    }

    /// The built-in sample article with the default labels.
    pub fn sample() -> Self {
        Self::new(sample_document(), LabelSet::default())
    }

    /// The work as native export JSON (format version 1).
    pub fn export_json(&self) -> String {
        native::to_json(&native::export(
            &self.document,
            &self.labels,
            &self.annotations,
        ))
    }

    /// The selected span, if it still exists.
    pub fn selected_span(&self) -> Option<&Span> {
        self.selected
            .as_ref()
            .and_then(|id| self.annotations.get(id))
    }

    /// Applies `action` and says what changed.
    pub fn apply(&mut self, action: Action) -> Change {
        let change = match action {
            Action::Open(document) => {
                self.document = Rc::new(document);
                self.annotations = Annotations::default();
                self.selected = None;
                Change::Work
            }
            Action::Restore(imported) => {
                self.document = Rc::new(imported.document);
                self.labels = Rc::new(imported.labels);
                self.annotations = imported.annotations;
                self.selected = None;
                Change::Work
            }
            Action::Tag {
                id,
                label,
                range,
                now,
            } => self.tag(id, label, range, now),
            Action::Relabel { id, label, now } => self.relabel(&id, label, now),
            Action::Delete(id) => match self.annotations.remove(&id) {
                Some(_) => {
                    if self.selected.as_ref() == Some(&id) {
                        self.selected = None;
                    }
                    Change::Work
                }
                None => Change::None,
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
        };
        if change == Change::Work {
            self.revision += 1;
        }
        change
    }

    fn tag(&mut self, id: SpanId, label: String, range: CharRange, now: Timestamp) -> Change {
        let text = &self.document.text;
        let range = text.trim(range);
        let quote = text.slice(range).filter(|quote| !quote.is_empty());
        let (Some(quote), Some(_)) = (quote, self.labels.get(&label)) else {
            return Change::None;
        };
        let span = Span {
            id: id.clone(),
            label,
            range,
            text: quote.to_owned(),
            created: now.clone(),
            modified: now,
        };
        if let Some(existing) = self.annotations.find_exact(&span) {
            let existing = Some(existing.id.clone());
            return if self.selected == existing {
                Change::None
            } else {
                self.selected = existing;
                Change::Selection
            };
        }
        if !self.annotations.insert(span) {
            return Change::None;
        }
        self.selected = Some(id);
        Change::Work
    }

    /// Re-labels a span; when an identical span with that label already exists, that one is
    /// selected instead, so no duplicate appears.
    fn relabel(&mut self, id: &SpanId, label: String, now: Timestamp) -> Change {
        let Some(span) = self.annotations.get(id) else {
            return Change::None;
        };
        if span.label == label || self.labels.get(&label).is_none() {
            return Change::None;
        }
        let twin = Span {
            label: label.clone(),
            ..span.clone()
        };
        if let Some(existing) = self.annotations.find_exact(&twin) {
            self.selected = Some(existing.id.clone());
            return Change::Selection;
        }
        self.annotations.update(id, |span| {
            span.label = label;
            span.modified = now;
        });
        Change::Work
    }
}
