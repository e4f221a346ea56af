//! doccano JSONL, in both of doccano's span forms: one JSON object per article per line.
//!
//! - Sequence labelling: `{"text", "label": [[start, end, "Quote"], …], …}`; doccano
//!   imports only the triples, so the quotes, notes and attributes ride along in a
//!   parallel `span_details` list (same order, each with its own start/end/label, so a
//!   detail is applied on import only to the identical triple).
//! - Relation extraction: `{"text", "entities": [{"id", "label", "start_offset",
//!   "end_offset", "text", …}], "relations": [{"id", "from_id", "to_id", "type"}], …}`;
//!   entity and relation ids are 1-based ordinals in span and relation order, and each
//!   entity carries its quote, note and attributes as extra keys (doccano ignores them).
//! - A split span (a quote interrupted by "she said") is one triple / entity per piece,
//!   in order, one after the other, so doccano shows every piece as a span of the label;
//!   the first piece's detail / entity carries `"pieces": [[start, end], …]`, which ties
//!   them: on import, the entries at those places after it are its pieces again. Its
//!   note and attributes are on the first piece. Entity ids count pieces; a relation
//!   names the first piece's entity.
//!
//! doccano keeps any other top-level key as the example's metadata and writes it back on
//! export: the article is described by `article_id`, `title`, `source`, `annotator` (who
//! annotated it, only when known) and `"offset_unit": "codepoint"` (offsets count Unicode
//! code points, as Python's `str` does; `"id"` is avoided because doccano writes its own
//! example id there). On import a string `annotator` is who annotated the article; one of
//! another type is an extra field like any other (and, when the article names its own
//! annotator, that one is written in its place). doccano's own `Comments` (per example,
//! not per span) are neither written nor read.

use crate::model::document::{Document, Extra};
use crate::model::formats::draft::{
    join_pieces, read_json_lines, Draft, DraftRelation, DraftSpan, ReadError, Work,
};
use crate::model::offsets::CharRange;
use crate::model::span::Span;
use crate::model::text::shorten;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// An empty note or attribute map is left out of the JSON.
fn is_empty_map(map: &&BTreeMap<String, String>) -> bool {
    map.is_empty()
}

#[derive(Serialize)]
struct SequenceLine<'a> {
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    span_details: Vec<Detail<'a>>,
    #[serde(flatten)]
    article: ArticleKeys<'a>,
}

/// The article's keys at the end of each line, both forms alike.
#[derive(Serialize)]
struct ArticleKeys<'a> {
    article_id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
    offset_unit: &'static str,
    /// The article's other fields, at the top level as doccano keeps them.
    #[serde(flatten)]
    extra: Others<'a>,
}

impl<'a> ArticleKeys<'a> {
    fn of(document: &'a Document) -> Self {
        let annotator = document.annotator.as_deref();
        Self {
            article_id: &document.id,
            title: &document.title,
            source: document.source.as_deref(),
            annotator,
            offset_unit: "codepoint",
            extra: Others {
                extra: &document.extra,
                // One key per name: the article's annotator replaces an extra field's.
                without: annotator.map(|_| ANNOTATOR),
            },
        }
    }
}

/// The key of who annotated the article.
const ANNOTATOR: &str = "annotator";

/// The article's extra fields, less the key `without`.
struct Others<'a> {
    extra: &'a Extra,
    without: Option<&'static str>,
}

impl Serialize for Others<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.extra
                .iter()
                .filter(|(key, _)| Some(key.as_str()) != self.without),
        )
    }
}

#[derive(Serialize)]
struct Detail<'a> {
    start: usize,
    end: usize,
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

#[derive(Serialize)]
struct RelationLine<'a> {
    text: &'a str,
    entities: Vec<Entity<'a>>,
    relations: Vec<RelationRecord<'a>>,
    #[serde(flatten)]
    article: ArticleKeys<'a>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: usize,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pieces: Vec<(usize, usize)>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "is_empty_map")]
    attributes: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct RelationRecord<'a> {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'a str,
}

pub(crate) static NO_ATTRIBUTES: BTreeMap<String, String> = BTreeMap::new();

/// Each span's entries, one per piece: (span, piece, whether it is the first).
pub(crate) fn entries(spans: &[Rc<Span>]) -> impl Iterator<Item = (&Span, CharRange, bool)> {
    (spans.iter()).flat_map(|span| {
        (span.ranges().iter())
            .enumerate()
            .map(move |(at, piece)| (&**span, *piece, at == 0))
    })
}

/// A split span's pieces, written on its first entry (`[]` elsewhere).
pub(crate) fn pieces_of(span: &Span, first: bool) -> Vec<(usize, usize)> {
    match first {
        true => (span.pieces.iter())
            .map(|piece| (piece.start.0, piece.end.0))
            .collect(),
        false => Vec::new(),
    }
}

/// What only a span's first entry carries (its note, its attributes): `value` there,
/// `none` on the others.
pub(crate) fn first_only<'a, T: ?Sized>(value: &'a T, none: &'a T, first: bool) -> &'a T {
    if first {
        value
    } else {
        none
    }
}

/// `[[start, end], …]` as pieces; anything else in it is skipped.
pub(crate) fn read_pieces(value: Option<&Value>) -> Vec<(usize, usize)> {
    let Some(Value::Array(pieces)) = value else {
        return Vec::new();
    };
    (pieces.iter())
        .filter_map(|piece| match piece.as_array()?.as_slice() {
            [start, end] => Some((start.as_u64()? as usize, end.as_u64()? as usize)),
            _ => None,
        })
        .collect()
}

/// One compact JSON object and its line break.
fn push_line(out: &mut String, line: &impl Serialize) {
    // Serialising these plain structs cannot fail.
    out.push_str(&serde_json::to_string(line).unwrap_or_default());
    out.push('\n');
}

/// doccano's sequence-labelling JSONL: one line per article.
pub fn export_sequence(works: &[Work]) -> String {
    let mut out = String::new();
    for work in works {
        let spans = work.annotations.spans();
        let document = work.document;
        push_line(
            &mut out,
            &SequenceLine {
                text: document.text.as_str(),
                label: entries(spans)
                    .map(|(span, piece, _)| (piece.start.0, piece.end.0, span.label.as_str()))
                    .collect(),
                span_details: entries(spans)
                    .map(|(span, piece, first)| Detail {
                        start: piece.start.0,
                        end: piece.end.0,
                        label: &span.label,
                        text: document.text.slice(piece).unwrap_or_default(),
                        pieces: pieces_of(span, first),
                        note: first_only(&span.note, "", first),
                        attributes: first_only(&span.attributes, &NO_ATTRIBUTES, first),
                    })
                    .collect(),
                article: ArticleKeys::of(document),
            },
        );
    }
    out
}

/// doccano's relation-extraction JSONL: one line per article.
pub fn export_relations(works: &[Work]) -> String {
    let mut out = String::new();
    for work in works {
        let spans = work.annotations.spans();
        // Entity ids count pieces; a span is its first piece's entity.
        let ordinals: BTreeMap<&str, usize> = (entries(spans).enumerate())
            .filter(|(_, (.., first))| *first)
            .map(|(index, (span, ..))| (span.id.as_str(), index + 1))
            .collect();
        let ordinal = |id: &str| ordinals.get(id).copied().unwrap_or(0);
        let document = work.document;
        push_line(
            &mut out,
            &RelationLine {
                text: document.text.as_str(),
                entities: (entries(spans).enumerate())
                    .map(|(index, (span, piece, first))| Entity {
                        id: index + 1,
                        label: &span.label,
                        start_offset: piece.start.0,
                        end_offset: piece.end.0,
                        text: document.text.slice(piece).unwrap_or_default(),
                        pieces: pieces_of(span, first),
                        note: first_only(&span.note, "", first),
                        attributes: first_only(&span.attributes, &NO_ATTRIBUTES, first),
                    })
                    .collect(),
                relations: work
                    .annotations
                    .relations()
                    .iter()
                    .enumerate()
                    .map(|(index, relation)| RelationRecord {
                        id: index + 1,
                        from_id: ordinal(relation.from.as_str()),
                        to_id: ordinal(relation.to.as_str()),
                        kind: &relation.kind,
                    })
                    .collect(),
                article: ArticleKeys::of(document),
            },
        );
    }
    out
}

/// Reads doccano JSONL of either form, telling them apart line by line: `entities` with
/// objects is relation extraction; `label`/`labels` (or `entities`) with `[start, end,
/// label]` triples is sequence labelling. `data` is read when `text` is missing (doccano
/// 1.x); a string `annotator` is who annotated the article; other keys are the article's
/// extra fields.
pub fn import(input: &str) -> Result<Vec<Draft>, ReadError> {
    read_json_lines(input, read_line)
}

/// The keys of a line this app reads; any other is kept as the article's `extra`.
const KNOWN_KEYS: [&str; 13] = [
    "text",
    "data",
    "id",
    "article_id",
    "title",
    "source",
    "url",
    "label",
    "labels",
    "entities",
    "relations",
    "span_details",
    "offset_unit",
];

fn read_line(value: &Value) -> Result<Draft, String> {
    let line = value.as_object().ok_or_else(|| {
        format!(
            "expected a JSON object with a \"text\", found {}",
            describe(value)
        )
    })?;
    let text = match line.get("text").or_else(|| line.get("data")) {
        Some(Value::String(text)) => text.clone(),
        Some(other) => {
            return Err(format!(
                "\"text\" must be a string, not {}",
                describe(other)
            ))
        }
        None => return Err("the line has no \"text\"".to_owned()),
    };
    // The keys read into the draft; a string `annotator` is who annotated the article.
    let read = |key: &str, value: &Value| {
        KNOWN_KEYS.contains(&key) || (key == ANNOTATOR && value.is_string())
    };
    let mut draft = Draft {
        id: line
            .get("article_id")
            .or_else(|| line.get("id"))
            .and_then(id_of),
        // Metadata of another shape is not ours: ignored rather than refused.
        title: line.get("title").and_then(Value::as_str).map(str::to_owned),
        source: line
            .get("source")
            .or_else(|| line.get("url"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        text: Some(text),
        annotator: line
            .get(ANNOTATOR)
            .and_then(Value::as_str)
            .map(str::to_owned),
        extra: line
            .iter()
            .filter(|(key, value)| !read(key, value))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect(),
        ..Draft::default()
    };
    let (key, spans) = match ["entities", "label", "labels"]
        .into_iter()
        .find_map(|key| line.get(key).filter(|v| !v.is_null()).map(|v| (key, v)))
    {
        Some(found) => found,
        None => return Ok(draft),
    };
    let spans = spans
        .as_array()
        .ok_or_else(|| format!("\"{key}\" must be a list, not {}", describe(spans)))?;
    for (index, value) in spans.iter().enumerate() {
        let path = format!("{key}[{index}]");
        draft.spans.push(read_span(value, &path, index)?);
    }
    if let Some(Value::Array(details)) = line.get("span_details") {
        for (span, detail) in draft.spans.iter_mut().zip(details) {
            apply_detail(span, detail);
        }
    }
    join_pieces(&mut draft.spans);
    if let Some(relations) = line.get("relations").filter(|v| !v.is_null()) {
        let relations = relations
            .as_array()
            .ok_or_else(|| format!("\"relations\" must be a list, not {}", describe(relations)))?;
        for (index, value) in relations.iter().enumerate() {
            draft
                .relations
                .push(read_relation(value, &format!("relations[{index}]"))?);
        }
    }
    Ok(draft)
}

/// A span as a `[start, end, label]` triple or as an entity object. Spans without an id
/// get their 1-based position.
fn read_span(value: &Value, path: &str, index: usize) -> Result<DraftSpan, String> {
    let ordinal = (index + 1).to_string();
    match value {
        Value::Array(triple) => {
            let [start, end, label, ..] = triple.as_slice() else {
                return Err(format!("{path} must be a [start, end, label] triple"));
            };
            Ok(DraftSpan {
                id: ordinal,
                label: label_of(label, &format!("{path}[2]"))?,
                start: Some(offset(start, &format!("{path}[0]"))?),
                end: Some(offset(end, &format!("{path}[1]"))?),
                ..DraftSpan::default()
            })
        }
        Value::Object(entity) => {
            let field = |keys: [&'static str; 2]| {
                keys.into_iter()
                    .find_map(|key| entity.get(key).map(|value| (key, value)))
                    .ok_or_else(|| format!("{path} has no \"{}\"", keys[0]))
            };
            let (start_key, start) = field(["start_offset", "start"])?;
            let (end_key, end) = field(["end_offset", "end"])?;
            let label = entity
                .get("label")
                .ok_or_else(|| format!("{path} has no \"label\""))?;
            Ok(DraftSpan {
                id: entity.get("id").and_then(id_of).unwrap_or(ordinal),
                label: label_of(label, &format!("{path}.label"))?,
                start: Some(offset(start, &format!("{path}.{start_key}"))?),
                end: Some(offset(end, &format!("{path}.{end_key}"))?),
                quote: string(entity, "text", &format!("{path}.text"))?,
                note: string(entity, "note", &format!("{path}.note"))?.unwrap_or_default(),
                attributes: attributes(entity.get("attributes"), &format!("{path}.attributes"))?,
                pieces: read_pieces(entity.get("pieces")),
                ..DraftSpan::default()
            })
        }
        other => Err(format!(
            "{path} must be a [start, end, label] triple or an entity object, not {}",
            describe(other)
        )),
    }
}

/// Takes quote, note and attributes from a `span_details` entry when it describes the
/// same span; anything else in it is ignored (doccano may have changed the spans).
fn apply_detail(span: &mut DraftSpan, detail: &Value) {
    let Some(detail) = detail.as_object() else {
        return;
    };
    let same = detail.get("start").and_then(Value::as_u64) == span.start.map(|s| s as u64)
        && detail.get("end").and_then(Value::as_u64) == span.end.map(|e| e as u64)
        && detail.get("label").and_then(Value::as_str) == Some(span.label.as_str());
    if !same {
        return;
    }
    span.quote = detail
        .get("text")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(note) = detail.get("note").and_then(Value::as_str) {
        span.note = note.to_owned();
    }
    if let Ok(attributes) = attributes(detail.get("attributes"), "") {
        span.attributes = attributes;
    }
    span.pieces = read_pieces(detail.get("pieces"));
}

fn read_relation(value: &Value, path: &str) -> Result<DraftRelation, String> {
    let relation = value
        .as_object()
        .ok_or_else(|| format!("{path} must be an object, not {}", describe(value)))?;
    let end = |key: &str| {
        relation
            .get(key)
            .and_then(id_of)
            .ok_or_else(|| format!("{path}.{key} must be an entity id"))
    };
    let kind = relation
        .get("type")
        .or_else(|| relation.get("label"))
        .ok_or_else(|| format!("{path} has no \"type\""))?;
    Ok(DraftRelation {
        id: relation.get("id").and_then(id_of),
        kind: label_of(kind, &format!("{path}.type"))?,
        from: end("from_id")?,
        to: end("to_id")?,
    })
}

/// A JSON value in a few characters, for error messages.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Object(_) => "an object".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        other => shorten(&other.to_string(), 40),
    }
}

/// An offset: a whole number ≥ 0 (negative, fractional and huge numbers are refused).
pub(super) fn offset(value: &Value, path: &str) -> Result<usize, String> {
    value
        .as_u64()
        .and_then(|number| usize::try_from(number).ok())
        .ok_or_else(|| format!("{path} must be a whole number ≥ 0, not {}", describe(value)))
}

/// A label or relation type: a string.
pub(super) fn label_of(value: &Value, path: &str) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{path} must be a string, not {}", describe(value)))
}

/// An id written as a string or a whole number.
pub(super) fn id_of(value: &Value) -> Option<String> {
    match value {
        Value::String(id) => Some(id.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// An optional string field (missing or null: `None`).
pub(super) fn string(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(other) => Err(format!("{path} must be a string, not {}", describe(other))),
    }
}

/// Attribute values by name: an object whose values are strings (numbers and booleans
/// are written as text, nulls skipped).
pub(super) fn attributes(
    value: Option<&Value>,
    path: &str,
) -> Result<BTreeMap<String, String>, String> {
    let object = match value {
        None | Some(Value::Null) => return Ok(BTreeMap::new()),
        Some(Value::Object(object)) => object,
        Some(other) => return Err(format!("{path} must be an object, not {}", describe(other))),
    };
    let mut attributes = BTreeMap::new();
    for (name, value) in object {
        let value = match value {
            Value::Null => continue,
            Value::String(text) => text.clone(),
            Value::Number(_) | Value::Bool(_) => value.to_string(),
            other => {
                return Err(format!(
                    "{path}.{name} must be a string, not {}",
                    describe(other)
                ))
            }
        };
        attributes.insert(name.clone(), value);
    }
    Ok(attributes)
}
