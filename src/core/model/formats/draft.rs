//! What an importer reads out of a file, before it is checked: the interchange between
//! the format adapters and `review`, which validates, re-anchors and builds the work.
//!
//! Adapters only translate syntax; every rule about offsets, quotes, labels and ids is
//! checked once, in `review`, whatever the format.

use crate::model::annotations::Annotations;
use crate::model::document::{Document, Extra, LayoutRecord};
use crate::model::schema::{Label, LinkRule, Schema};
use crate::model::span::{Evidence, PIECE_GAP};
use std::collections::BTreeMap;
use std::fmt;

/// One annotated article as an exporter sees it.
#[derive(Clone, Copy, Debug)]
pub struct Work<'a> {
    pub document: &'a Document,
    pub schema: &'a Schema,
    pub annotations: &'a Annotations,
}

/// One article as read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The article's id in the file, if it has one.
    pub id: Option<String>,
    pub title: Option<String>,
    /// Where the article came from (a URL or a file name), if the file says.
    pub source: Option<String>,
    /// The article text exactly as stored in the file (`\r\n` kept: `review` maps
    /// offsets through the line-ending normalisation). `None` when the file carries only
    /// annotations (W3C without embedded text): they are anchored on the open article.
    pub text: Option<String>,
    /// Fields of the article the app does not use, kept and exported unchanged.
    pub extra: Extra,
    /// Who annotated the article, when the file says.
    pub annotator: Option<String>,
    /// Headings, quotes and list items of the text (native files, web pages, Markdown).
    pub layout: Vec<LayoutRecord>,
    /// Labels the file defines (with colours, keys, attributes), in its order; empty when
    /// the format has no label set.
    pub labels: Vec<Label>,
    /// Link rules the file defines; empty when the format has none.
    pub links: Vec<LinkRule>,
    pub spans: Vec<DraftSpan>,
    pub relations: Vec<DraftRelation>,
}

/// A span as read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftSpan {
    /// The span's id in the file ("T3", "17", a UUID): relations refer to it, and it is
    /// kept as the span's id when it is usable (non-empty, no spaces, unique).
    pub id: String,
    pub label: String,
    /// Code-point offsets `[start, end)` as the file states them, if it states any.
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The quoted text, if the file carries it (checked against the text at the offsets;
    /// used to re-anchor when they disagree).
    pub quote: Option<String>,
    /// Text just before and after the quote (W3C `TextQuoteSelector`), to re-anchor.
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// A split span's pieces `[start, end)` as the file states them, when it has several
    /// (`start` and `end` then run from the first to the last; `quote`, if any, is their
    /// texts joined by " … ").
    pub pieces: Vec<(usize, usize)>,
    pub note: String,
    pub attributes: BTreeMap<String, String>,
    pub evidence: Vec<Evidence>,
    /// RFC 3339 times, when the format keeps them.
    pub created: Option<String>,
    pub modified: Option<String>,
}

/// A relation as read from a file; `from` and `to` are `DraftSpan::id`s.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftRelation {
    /// The relation's id in the file, if it has one.
    pub id: Option<String>,
    pub kind: String,
    pub from: String,
    pub to: String,
}

/// Joins the entries a format without split spans writes one per piece (doccano,
/// Label Studio, spaCy) back into split spans. An entry whose `pieces` lists several is
/// the first piece; for each later piece, the first entry after it with its label at
/// that place (and no pieces of its own) is that piece: it is dropped, and its quote
/// joins the first one's (the span's quote, as the native format gives it).
pub fn join_pieces(spans: &mut Vec<DraftSpan>) {
    let found = later_pieces(spans);
    let mut dropped = vec![false; spans.len()];
    for (at, pieces) in found.into_iter().enumerate() {
        if pieces.is_empty() {
            continue;
        }
        let mut quotes = vec![spans[at].quote.clone()];
        for piece in pieces {
            if let Some(other) = piece {
                dropped[other] = true;
            }
            quotes.push(piece.and_then(|other| spans[other].quote.clone()));
        }
        let span = &mut spans[at];
        span.start = span.pieces.first().map(|piece| piece.0);
        span.end = span.pieces.last().map(|piece| piece.1);
        span.quote = (quotes.into_iter().collect::<Option<Vec<String>>>())
            .map(|quotes| quotes.join(PIECE_GAP));
    }
    let mut index = 0;
    spans.retain(|_| {
        index += 1;
        !dropped[index - 1]
    });
}

/// For each entry that lists pieces, where its later pieces' own entries are (`None`:
/// not in the file); empty for the others. See [`join_pieces`].
pub fn later_pieces(spans: &[DraftSpan]) -> Vec<Vec<Option<usize>>> {
    let mut taken = vec![false; spans.len()];
    let mut found = vec![Vec::new(); spans.len()];
    for at in 0..spans.len() {
        if spans[at].pieces.len() < 2 || taken[at] {
            continue;
        }
        for &(start, end) in &spans[at].pieces[1..] {
            let piece = (at + 1..spans.len()).find(|&other| {
                let entry = &spans[other];
                !taken[other]
                    && entry.label == spans[at].label
                    && (entry.start, entry.end) == (Some(start), Some(end))
                    && entry.pieces.len() < 2
            });
            if let Some(other) = piece {
                taken[other] = true;
            }
            found[at].push(piece);
        }
    }
    found
}

/// Why a file could not be read at all (nothing of it can be imported).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// Where in the file, for people: "line 3, column 14", "example.ann line 2", or "".
    pub at: String,
    pub message: String,
}

impl ReadError {
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            at: at.into(),
            message: message.into(),
        }
    }

    /// A JSON syntax or shape error, with its line and column. `line_offset` is added to
    /// the line (for the lines of a JSONL file: the JSON of line 7 is parsed alone).
    pub fn json(error: &serde_json::Error, line_offset: usize) -> Self {
        Self::new(
            format!(
                "line {}, column {}",
                error.line() + line_offset,
                error.column()
            ),
            json_message(error),
        )
    }
}

/// serde_json's message without its trailing " at line L column C".
fn json_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// Parses each non-blank line of a JSONL file with `parse_line`, numbering errors by
/// the file's lines.
pub fn read_jsonl<T>(
    input: &str,
    mut parse_line: impl FnMut(&str, usize) -> Result<T, ReadError>,
) -> Result<Vec<T>, ReadError> {
    let mut items = Vec::new();
    for (index, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        items.push(parse_line(line, index)?);
    }
    if items.is_empty() {
        return Err(ReadError::new("", "the file has no lines of JSON"));
    }
    Ok(items)
}

/// Reads a JSONL file of one JSON object per line (a leading byte order mark is allowed)
/// with `read_line`, locating its errors by line ("line 4: …").
pub fn read_json_lines(
    input: &str,
    read_line: impl Fn(&serde_json::Value) -> Result<Draft, String>,
) -> Result<Vec<Draft>, ReadError> {
    read_jsonl(
        input.strip_prefix('\u{feff}').unwrap_or(input),
        |line, index| {
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|error| ReadError::json(&error, index))?;
            read_line(&value)
                .map_err(|message| ReadError::new(format!("line {}", index + 1), message))
        },
    )
}
