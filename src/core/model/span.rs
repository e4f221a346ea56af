//! Spans (labelled ranges of the article) and relations between them.

use super::offsets::CharRange;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A span's stable id: never reused, never changed by edits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SpanId(pub Rc<str>);

impl SpanId {
    pub fn new(id: &str) -> Self {
        Self(Rc::from(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A moment as an RFC 3339 string in UTC, e.g. `2026-11-24T16:11:03.123Z`.
/// The clock lives outside the model; edits carry their time in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Timestamp(pub String);

/// A labelled range of the article text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub id: SpanId,
    pub label: String,
    pub range: CharRange,
    /// Exactly the article text at `range`; kept in step by every edit.
    pub text: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    /// The user's free-text note; empty when there is none.
    pub note: String,
    /// Attribute values by attribute name, e.g. "check-worthy" → "yes".
    pub attributes: BTreeMap<String, String>,
}

/// A typed link from one span to another, e.g. a quote "said by" a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: String,
    pub kind: String,
    pub from: SpanId,
    pub to: SpanId,
}
