//! spaCy / Prodigy JSONL: one task per article per line, as Prodigy's `spans_manual` and
//! `relations` interfaces read and write them.
//!
//! `{"text", "meta": {"id", "title", "source"?, "annotator"?, "offset_unit":
//! "codepoint"}, "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start",
//! "end", "token_start", "token_end", "label", "text", "note"?, "attributes"?}],
//! "relations": [{"head", "child", "head_span", "child_span", "label"}]}`.
//!
//! `meta.annotator` is who annotated the article, written only when known (Prodigy shows
//! a task's `meta` and keeps it in its database; its own `_annotator_id`, "<dataset>-
//! <session>", is not read).
//!
//! Offsets count code points (Python's `str` indices). The tokens come from
//! `tokens::tokenise` cut at every span boundary, so
//! `Doc(nlp.vocab, words=[t["text"] …], spaces=[t["ws"] …])` rebuilds the text exactly
//! and `doc.char_span(start, end)` finds every span, overlapping ones included.
//! `token_end` is inclusive, and a relation's `head`/`child` is the index of the last
//! token of its head/child span, as Prodigy writes them. A relation goes from its
//! `head` (the app's `from`, e.g. the quote) to its `child` (`to`, e.g. the source).
//! Span and relation ids are not written: on import, relations are matched to spans by
//! `head_span`/`child_span` offsets and label, and spans get ids 1, 2, … in file order.
//! A split span is one span entry per piece, one after the other (each a `char_span` of
//! spaCy's `Doc`); the first carries `"pieces": [[start, end], …]`, which ties them back
//! into one span on import, and its note and attributes; a relation names the first.

use crate::doccano::{
    attributes, describe, entries, first_only, id_of, label_of, offset, pieces_of, read_pieces,
    string, NO_ATTRIBUTES,
};
use crate::model::formats::draft::{
    join_pieces, later_pieces, read_json_lines, Draft, DraftRelation, DraftSpan, ReadError, Work,
};
use crate::tokens::{tokenise, Token};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Task<'a> {
    text: &'a str,
    meta: Meta<'a>,
    tokens: Vec<TokenRecord<'a>>,
    spans: Vec<SpanRecord<'a>>,
    relations: Vec<RelationRecord<'a>>,
}

#[derive(Serialize)]
struct Meta<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
    offset_unit: &'static str,
}

#[derive(Serialize)]
struct TokenRecord<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

/// An empty attribute map is left out of the JSON.
fn is_empty_map(map: &&BTreeMap<String, String>) -> bool {
    map.is_empty()
}

#[derive(Serialize)]
struct SpanRecord<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
    text: &'a str,
    /// On a split span's first piece: every piece `[start, end]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pieces: Vec<(usize, usize)>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "is_empty_map")]
    attributes: &'a BTreeMap<String, String>,
}

/// A relation's end, as Prodigy's `head_span`/`child_span`.
#[derive(Clone, Copy, Serialize)]
struct SpanRef<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct RelationRecord<'a> {
    head: usize,
    child: usize,
    head_span: SpanRef<'a>,
    child_span: SpanRef<'a>,
    label: &'a str,
}

/// The first and last (inclusive) token of `[start, end)`.
fn token_range(tokens: &[Token], start: usize, end: usize) -> (usize, usize) {
    let first = tokens.partition_point(|token| token.start < start);
    let last = tokens
        .partition_point(|token| token.end <= end)
        .saturating_sub(1)
        .max(first);
    (first, last)
}

/// The JSONL of the works, one line per article.
pub fn export(works: &[Work]) -> String {
    let mut out = String::new();
    for work in works {
        let document = work.document;
        let text = document.text.as_str();
        let spans = work.annotations.spans();
        let ranges: Vec<(usize, usize)> = entries(spans)
            .map(|(_, piece, _)| (piece.start.0, piece.end.0))
            .collect();
        let tokens = tokenise(text, &ranges);
        let refs: Vec<SpanRef> = entries(spans)
            .map(|(span, piece, _)| {
                let (start, end) = (piece.start.0, piece.end.0);
                let (token_start, token_end) = token_range(&tokens, start, end);
                SpanRef {
                    start,
                    end,
                    token_start,
                    token_end,
                    label: &span.label,
                }
            })
            .collect();
        // A relation names a split span by its first piece.
        let by_id: BTreeMap<&str, SpanRef> = entries(spans)
            .zip(&refs)
            .filter(|((.., first), _)| *first)
            .map(|((span, ..), reference)| (span.id.as_str(), *reference))
            .collect();
        let task = Task {
            text,
            meta: Meta {
                id: &document.id,
                title: &document.title,
                source: document.source.as_deref(),
                annotator: document.annotator.as_deref(),
                offset_unit: "codepoint",
            },
            tokens: tokens
                .iter()
                .enumerate()
                .map(|(id, token)| TokenRecord {
                    text: &token.text,
                    start: token.start,
                    end: token.end,
                    id,
                    ws: token.ws,
                })
                .collect(),
            spans: entries(spans)
                .zip(&refs)
                .map(|((span, piece, first), reference)| SpanRecord {
                    start: reference.start,
                    end: reference.end,
                    token_start: reference.token_start,
                    token_end: reference.token_end,
                    label: &span.label,
                    text: work.document.text.slice(piece).unwrap_or_default(),
                    pieces: pieces_of(span, first),
                    note: first_only(&span.note, "", first),
                    attributes: first_only(&span.attributes, &NO_ATTRIBUTES, first),
                })
                .collect(),
            relations: work
                .annotations
                .relations()
                .iter()
                .filter_map(|relation| {
                    let head = *by_id.get(relation.from.as_str())?;
                    let child = *by_id.get(relation.to.as_str())?;
                    Some(RelationRecord {
                        head: head.token_end,
                        child: child.token_end,
                        head_span: head,
                        child_span: child,
                        label: &relation.kind,
                    })
                })
                .collect(),
        };
        // Serialising these plain structs cannot fail.
        out.push_str(&serde_json::to_string(&task).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Reads spaCy/Prodigy JSONL: `text` is required; `spans` need `start`, `end` and
/// `label`; `tokens` are not needed; `relations` are matched to spans by `head_span` and
/// `child_span` (offsets, and label when given), else by the span whose last token is
/// `head`/`child`. `meta.id`, `meta.title` and `meta.source` describe the article, and
/// `meta.annotator` says who annotated it.
pub fn import(input: &str) -> Result<Vec<Draft>, ReadError> {
    read_json_lines(input, read_task)
}

/// A list under `key`, empty when missing or null.
fn list<'a>(task: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], String> {
    match task.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(format!("\"{key}\" must be a list, not {}", describe(other))),
    }
}

fn read_task(value: &Value) -> Result<Draft, String> {
    let task = value.as_object().ok_or_else(|| {
        format!(
            "expected a JSON object with a \"text\", found {}",
            describe(value)
        )
    })?;
    let text = match task.get("text") {
        Some(Value::String(text)) => text.clone(),
        Some(other) => {
            return Err(format!(
                "\"text\" must be a string, not {}",
                describe(other)
            ))
        }
        None => return Err("the line has no \"text\"".to_owned()),
    };
    let meta = task.get("meta").and_then(Value::as_object);
    let meta_text = |key: &str| meta?.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut draft = Draft {
        id: meta.and_then(|meta| meta.get("id")).and_then(id_of),
        title: meta_text("title"),
        source: meta_text("source"),
        annotator: meta_text("annotator"),
        text: Some(text),
        ..Draft::default()
    };
    // Each span's last token, if the file gives it, to resolve `head`/`child` alone.
    let mut last_tokens = Vec::new();
    for (index, value) in list(task, "spans")?.iter().enumerate() {
        let path = format!("spans[{index}]");
        let span = value
            .as_object()
            .ok_or_else(|| format!("{path} must be an object, not {}", describe(value)))?;
        let field = |key: &str| {
            span.get(key)
                .ok_or_else(|| format!("{path} has no \"{key}\""))
        };
        draft.spans.push(DraftSpan {
            id: (index + 1).to_string(),
            label: label_of(field("label")?, &format!("{path}.label"))?,
            start: Some(offset(field("start")?, &format!("{path}.start"))?),
            end: Some(offset(field("end")?, &format!("{path}.end"))?),
            quote: string(span, "text", &format!("{path}.text"))?,
            note: string(span, "note", &format!("{path}.note"))?.unwrap_or_default(),
            attributes: attributes(span.get("attributes"), &format!("{path}.attributes"))?,
            pieces: read_pieces(span.get("pieces")),
            ..DraftSpan::default()
        });
        last_tokens.push(span.get("token_end").and_then(Value::as_u64));
    }
    // A split span's later pieces are not what a relation names.
    let later: Vec<usize> = (later_pieces(&draft.spans).into_iter())
        .flatten()
        .flatten()
        .collect();
    for (index, value) in list(task, "relations")?.iter().enumerate() {
        let path = format!("relations[{index}]");
        let relation = value
            .as_object()
            .ok_or_else(|| format!("{path} must be an object, not {}", describe(value)))?;
        let end = |role: &str| -> Result<String, String> {
            let found = match relation
                .get(&format!("{role}_span"))
                .and_then(Value::as_object)
            {
                Some(reference) => {
                    let at = |key: &str| {
                        reference
                            .get(key)
                            .ok_or_else(|| format!("{path}.{role}_span has no \"{key}\""))
                            .and_then(|value| offset(value, &format!("{path}.{role}_span.{key}")))
                    };
                    let (start, end) = (at("start")?, at("end")?);
                    let label = reference.get("label").and_then(Value::as_str);
                    let found = (draft.spans.iter().enumerate()).find(|(at, span)| {
                        !later.contains(at)
                            && span.start == Some(start)
                            && span.end == Some(end)
                            && label.is_none_or(|label| label == span.label)
                    });
                    found
                        .map(|(_, span)| span.id.clone())
                        .ok_or(format!("{start}..{end}"))
                }
                None => {
                    let token = relation
                        .get(role)
                        .ok_or_else(|| format!("{path} has neither \"{role}_span\" nor \"{role}\""))
                        .and_then(|value| offset(value, &format!("{path}.{role}")))?;
                    let found = (last_tokens.iter().enumerate())
                        .position(|(at, last)| !later.contains(&at) && *last == Some(token as u64));
                    found
                        .map(|index| (index + 1).to_string())
                        .ok_or(format!("token {token}"))
                }
            };
            // An end that is no span keeps a description of where it points, so that the
            // review names the relation it cannot link.
            Ok(found.unwrap_or_else(|missing| missing))
        };
        draft.relations.push(DraftRelation {
            id: None,
            kind: label_of(
                relation
                    .get("label")
                    .ok_or_else(|| format!("{path} has no \"label\""))?,
                &format!("{path}.label"),
            )?,
            from: end("head")?,
            to: end("child")?,
        });
    }
    // After the relations, which name a split span by its first piece's place.
    join_pieces(&mut draft.spans);
    Ok(draft)
}
