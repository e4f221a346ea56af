//! Spans (labelled ranges of the article) and relations between them.

use super::offsets::CharRange;
use super::text::ArticleText;
use schemars::JsonSchema;
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

/// What stands between a split span's pieces in its `text`, and wherever its words are
/// shown: "Our group…," she said, "who…" is the quote `Our group … who…`.
pub const PIECE_GAP: &str = " … ";

/// A labelled range of the article text, or several (a split span: a quotation
/// interrupted by its attribution is one quote in two pieces).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub id: SpanId,
    pub label: String,
    /// The whole span: from its first piece's start to its last piece's end.
    pub range: CharRange,
    /// A split span's pieces: sorted, apart (never touching), none empty, at least two,
    /// spanning `range`. Empty for a span in one piece, the common case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pieces: Vec<CharRange>,
    /// Exactly the article text at `range`, or a split span's pieces' texts joined by
    /// [`PIECE_GAP`]; kept in step by every edit.
    pub text: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    /// The user's free-text note; empty when there is none.
    pub note: String,
    /// Attribute values by attribute name, e.g. "check-worthy" → "yes".
    pub attributes: BTreeMap<String, String>,
    /// What a claim was checked against, in the order it was added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// One piece of evidence a claim was checked against. Data the user enters: a link is
/// never fetched (the app stays offline).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    pub url: String,
    pub title: String,
    /// The passage of the evidence that bears on the claim, as quoted from it.
    pub passage: String,
    pub note: String,
}

impl Evidence {
    /// Evidence from a pasted link: its URL, and the passage its text fragment quotes
    /// (`#:~:text=start,end`, what a browser's "Copy link to highlight" makes), the
    /// fragment's start and end joined by [`PIECE_GAP`].
    pub fn from_link(link: &str) -> Self {
        let url = link.trim().to_owned();
        let passage = (url.split_once("#:~:text="))
            .map(|(_, fragment)| {
                let directive = fragment.split('&').next().unwrap_or("");
                // `prefix-,start,end,-suffix`: the context is not the passage.
                (directive.split(','))
                    .filter(|part| !part.ends_with('-') && !part.starts_with('-'))
                    .map(percent_decoded)
                    .collect::<Vec<_>>()
                    .join(PIECE_GAP)
            })
            .unwrap_or_default();
        Self {
            url,
            passage,
            ..Self::default()
        }
    }

    /// True when nothing is filled in.
    pub fn is_empty(&self) -> bool {
        [&self.url, &self.title, &self.passage, &self.note]
            .iter()
            .all(|field| field.trim().is_empty())
    }
}

impl Span {
    /// A new span in one piece, with no note, attributes or evidence.
    pub fn new(id: SpanId, label: &str, range: CharRange, text: &str, now: &Timestamp) -> Self {
        Self {
            id,
            label: label.to_owned(),
            range,
            pieces: Vec::new(),
            text: text.to_owned(),
            created: now.clone(),
            modified: now.clone(),
            note: String::new(),
            attributes: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }

    /// The ranges the span covers: its pieces, or its one range.
    pub fn ranges(&self) -> &[CharRange] {
        match self.pieces.is_empty() {
            true => std::slice::from_ref(&self.range),
            false => &self.pieces,
        }
    }

    /// True when the span is in several pieces.
    pub fn is_split(&self) -> bool {
        !self.pieces.is_empty()
    }

    /// Puts the span at `ranges` (tidied: see [`tidy`]; pieces apart only by white space
    /// joined) of `text`: its range, pieces and text. False (and nothing changed) when no piece is left or one is outside the text.
    pub fn place(&mut self, text: &ArticleText, ranges: &[CharRange]) -> bool {
        // Pieces apart only by spaces or line breaks are one piece.
        let mut pieces: Vec<CharRange> = Vec::new();
        for piece in tidy(ranges) {
            let gap = |last: &CharRange| CharRange::between(last.end, piece.start);
            match pieces.last_mut() {
                Some(last)
                    if text
                        .slice(gap(last))
                        .is_some_and(|gap| gap.trim().is_empty()) =>
                {
                    last.end = piece.end;
                }
                _ => pieces.push(piece),
            }
        }
        let Some(quote) = joined(text, &pieces) else {
            return false;
        };
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return false;
        };
        self.range = CharRange {
            start: first.start,
            end: last.end,
        };
        self.pieces = if pieces.len() > 1 { pieces } else { Vec::new() };
        self.text = quote;
        true
    }
}

/// `%XX` escapes decoded (as UTF-8; a broken sequence as U+FFFD).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = (bytes.get(at + 1..at + 3))
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Ranges as a split span's pieces: empty ones dropped, the rest sorted, and those that
/// overlap or touch merged.
pub fn tidy(ranges: &[CharRange]) -> Vec<CharRange> {
    // A span has few pieces: an insertion sort (a library sort of ranges would be a
    // new sort in the app's download).
    let mut sorted: Vec<CharRange> = Vec::with_capacity(ranges.len());
    for range in ranges.iter().filter(|range| !range.is_empty()) {
        let at = sorted.partition_point(|other| other <= range);
        sorted.insert(at, *range);
    }
    let mut pieces: Vec<CharRange> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match pieces.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => pieces.push(range),
        }
    }
    pieces
}

/// The texts of `pieces` joined by [`PIECE_GAP`]; None when one is outside `text`.
pub fn joined(text: &ArticleText, pieces: &[CharRange]) -> Option<String> {
    let mut quote = String::new();
    for (index, piece) in pieces.iter().enumerate() {
        if index > 0 {
            quote.push_str(PIECE_GAP);
        }
        quote.push_str(text.slice(*piece)?);
    }
    Some(quote)
}

/// A typed link from one span to another, e.g. a quote "said by" a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: String,
    pub kind: String,
    pub from: SpanId,
    pub to: SpanId,
}
