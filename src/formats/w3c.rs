//! W3C Web Annotation Data Model (JSON-LD, context `http://www.w3.org/ns/anno.jsonld`).
//!
//! Export: one `AnnotationCollection` per article (a JSON array of them for several
//! articles), whose `first` `AnnotationPage` lists in `items`:
//! - one `Annotation` per span (`id` `urn:article-annotator:span:<span id>`, motivation
//!   "tagging"): `body` holds a `TextualBody` with purpose "tagging" whose `value` is the
//!   label, the note (when there is one) with purpose "commenting", and each attribute
//!   with purpose "classifying" as "name: value" (attribute names hold no ':');
//!   `created`/`modified` are the span's; `target` is the article IRI (its source when
//!   that is an http(s) URL, else `urn:article-annotator:article:<document id>`) with a
//!   `TextQuoteSelector` (exact quote, up to 32 code points of prefix and suffix) and a
//!   `TextPositionSelector`. A split span's `target` is a list of such targets, one per
//!   piece in order: the model's "several targets" (each is what the body is about), not
//!   a `Choice` (which offers alternatives) nor several selectors of one target (which
//!   the model reads as equivalent ways to find the same text);
//! - then one `Annotation` per relation (`id` `urn:article-annotator:relation:<id>`,
//!   motivation "linking"): `target` is the from-span's annotation id, `body` the
//!   to-span's annotation id and a "tagging" `TextualBody` holding the relation's kind;
//! - every annotation names the article's annotator, when it has one, as its `creator`:
//!   the model's agent, `{"type": "Person", "name": <annotator>}` (no key otherwise); so
//!   does the collection (so that an article without spans keeps it too).
//!
//! Positions are Unicode code points, half-open, into the text with "\n" line endings
//! (what the W3C model defines: "characters"). Two extension keys (the model allows
//! extra properties; other tools ignore them) sit on the collection: `offset_unit`
//! ("codepoint") and `article_annotator_article` (`id`, `title`, `source`, `text`), so
//! that our own exports load back with their article.
//!
//! Import accepts our collections (or an array of them), a collection whose `first` (and
//! `next`) pages are embedded, a page, a single annotation, a JSON array of annotations,
//! and Hypothesis API annotations (also a search answer's `rows`): `target` as object,
//! string or array (several targets with selectors and positions are a split span's
//! pieces; else the first with a selector is used), `selector` as object or array
//! (`TextQuoteSelector`, `TextPositionSelector`; others such as `RangeSelector` are
//! ignored), `body` as object, string or array, and `bodyValue`.
//! - A body's purpose (else the annotation's motivation) says what it is: "tagging" gives
//!   a label; "classifying" an attribute when its value holds ':' (else a label); anything
//!   else is a note (several notes are joined by a blank line). Hypothesis `tags` are
//!   labels and its `text` a note.
//! - The annotator is the `name` (else `nickname`) of the first annotation's `creator`
//!   that gives one (an agent object, or an array of them), else of the collection's; a
//!   `creator` that is only an IRI names no one.
//! - An annotation with several labels becomes one span per label, with ids `<id>`,
//!   `<id>#2`, `<id>#3`…; one without a label gets the label "Annotation".
//! - An annotation without a text selector is a relation when its motivation is
//!   "linking" (first id in `target` → first id in `body`, kind from its text body, else
//!   "related_to"); otherwise it is skipped (it annotates a whole resource).
//! - Without the embedded article, `Draft::text` is `None` and positions from other tools
//!   (Hypothesis counts UTF-16 units of the page) are hints: `review` re-anchors by quote.

use crate::model::formats::draft::{Draft, DraftRelation, DraftSpan, ReadError, Work};
use crate::model::offsets::CharRange;
use crate::model::span::{Span, PIECE_GAP};
use crate::model::text::{shorten, ArticleText};
use serde::Serialize;
use serde_json::{Map, Value};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const SPAN_PREFIX: &str = "urn:article-annotator:span:";
const RELATION_PREFIX: &str = "urn:article-annotator:relation:";
const ARTICLE_PREFIX: &str = "urn:article-annotator:article:";
const ARTICLE_KEY: &str = "article_annotator_article";
/// Code points of context kept before and after each quote.
const CONTEXT_CHARS: usize = 32;
/// The label of an annotation that carries none.
const NO_LABEL: &str = "Annotation";
/// The kind of a link that names none.
const NO_KIND: &str = "related_to";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent<'a>>,
    total: usize,
    offset_unit: &'static str,
    article_annotator_article: Article<'a>,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Article<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    body: Vec<Body>,
    target: Target<'a>,
}

/// Who made an annotation: the W3C model's agent (a person, named).
#[derive(Clone, Copy, Serialize)]
struct Agent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body {
    Reference(String),
    Text(TextualBody),
}

#[derive(Serialize)]
struct TextualBody {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    format: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Target<'a> {
    Reference(String),
    /// A split span: one text target per piece.
    Pieces(Vec<Target<'a>>),
    Text {
        source: String,
        selector: (QuoteSelector<'a>, PositionSelector),
    },
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    prefix: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

fn text_body(purpose: &'static str, value: String) -> Body {
    Body::Text(TextualBody {
        kind: "TextualBody",
        purpose,
        value,
        format: "text/plain",
    })
}

/// The W3C annotations of `works`: one collection, or an array of them for several
/// works; pretty-printed with a final newline.
pub fn export(works: &[Work]) -> String {
    let collections: Vec<Collection> = works.iter().map(collection).collect();
    // Serialising these plain structs cannot fail.
    let mut json = match collections.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
    .unwrap_or_default();
    json.push('\n');
    json
}

/// The article's IRI: its source when that is a web address, else a URN of its id.
fn article_iri(id: &str, source: Option<&str>) -> String {
    match source {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => url.to_owned(),
        _ => format!("{ARTICLE_PREFIX}{id}"),
    }
}

fn collection<'a>(work: &Work<'a>) -> Collection<'a> {
    let document = work.document;
    let source = article_iri(&document.id, document.source.as_deref());
    let collection_id = format!("urn:article-annotator:collection:{}", document.id);
    let creator = document.annotator.as_deref().map(|name| Agent {
        kind: "Person",
        name,
    });
    let mut items: Vec<Annotation<'a>> = work
        .annotations
        .spans()
        .iter()
        .map(|span| span_annotation(span, &document.text, &source, creator))
        .collect();
    items.extend(
        work.annotations
            .relations()
            .iter()
            .map(|relation| Annotation {
                id: format!("{RELATION_PREFIX}{}", relation.id),
                kind: "Annotation",
                motivation: "linking",
                creator,
                created: None,
                modified: None,
                body: vec![
                    Body::Reference(format!("{SPAN_PREFIX}{}", relation.to.as_str())),
                    text_body("tagging", relation.kind.clone()),
                ],
                target: Target::Reference(format!("{SPAN_PREFIX}{}", relation.from.as_str())),
            }),
    );
    Collection {
        context: CONTEXT,
        id: collection_id.clone(),
        kind: "AnnotationCollection",
        label: &document.title,
        creator,
        total: items.len(),
        offset_unit: "codepoint",
        article_annotator_article: Article {
            id: &document.id,
            title: &document.title,
            source: document.source.as_deref(),
            text: document.text.as_str(),
        },
        first: Page {
            id: format!("{collection_id}:page:1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    }
}

/// The text target of one piece of a span (its whole range, for most).
fn text_target<'a>(piece: CharRange, text: &'a ArticleText, source: &str) -> Target<'a> {
    let (start, end) = (piece.start.0, piece.end.0);
    let before = CharRange::new(start.saturating_sub(CONTEXT_CHARS), start);
    let after = CharRange::new(end, end.saturating_add(CONTEXT_CHARS).min(text.len_chars()));
    Target::Text {
        source: source.to_owned(),
        selector: (
            QuoteSelector {
                kind: "TextQuoteSelector",
                exact: text.slice(piece).unwrap_or_default(),
                prefix: text.slice(before).unwrap_or_default(),
                suffix: text.slice(after).unwrap_or_default(),
            },
            PositionSelector {
                kind: "TextPositionSelector",
                start,
                end,
            },
        ),
    }
}

fn span_annotation<'a>(
    span: &'a Span,
    text: &'a ArticleText,
    source: &str,
    creator: Option<Agent<'a>>,
) -> Annotation<'a> {
    let mut body = vec![text_body("tagging", span.label.clone())];
    if !span.note.is_empty() {
        body.push(text_body("commenting", span.note.clone()));
    }
    body.extend(
        span.attributes
            .iter()
            .map(|(name, value)| text_body("classifying", format!("{name}: {value}"))),
    );
    Annotation {
        id: format!("{SPAN_PREFIX}{}", span.id.as_str()),
        kind: "Annotation",
        motivation: "tagging",
        creator,
        created: Some(&span.created.0),
        modified: Some(&span.modified.0),
        body,
        target: match span.pieces.as_slice() {
            [] => text_target(span.range, text, source),
            pieces => Target::Pieces(
                (pieces.iter())
                    .map(|piece| text_target(*piece, text, source))
                    .collect(),
            ),
        },
    }
}

/// Reads W3C Web Annotation JSON (ours or another tool's): one `Draft` per collection,
/// or one for a page, a single annotation or a list of annotations.
pub fn import(input: &str) -> Result<Vec<Draft>, ReadError> {
    let root: Value = serde_json::from_str(input).map_err(|error| ReadError::json(&error, 0))?;
    let not_annotations = || {
        ReadError::new(
            "",
            "this is not W3C Web Annotation JSON: expected an Annotation, an AnnotationPage, \
             an AnnotationCollection or an array of them",
        )
    };
    match &root {
        Value::Array(items) if items.is_empty() => {
            Err(ReadError::new("", "the file holds no annotations"))
        }
        Value::Array(items)
            if items
                .first()
                .and_then(Value::as_object)
                .is_some_and(is_collection) =>
        {
            items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let place = format!("collection {}", index + 1);
                    match item.as_object() {
                        Some(object) if is_collection(object) => {
                            read_collection(object, &format!("{place}, "))
                        }
                        _ => Err(ReadError::new(
                            place,
                            "expected an AnnotationCollection, like the first",
                        )),
                    }
                })
                .collect()
        }
        Value::Array(items) => Ok(vec![read_items(items, "")?]),
        Value::Object(object) if is_collection(object) => Ok(vec![read_collection(object, "")?]),
        Value::Object(object) => {
            // A page, a Hypothesis search answer, or one annotation.
            if let Some(items) = object.get("items").or_else(|| object.get("rows")) {
                Ok(vec![read_items(array(items, "", "items")?, "")?])
            } else if object.contains_key("target") {
                Ok(vec![read_items(std::slice::from_ref(&root), "")?])
            } else {
                Err(not_annotations())
            }
        }
        _ => Err(not_annotations()),
    }
}

fn has_type(object: &Map<String, Value>, name: &str) -> bool {
    strings(object.get("type")).contains(&name)
}

fn is_collection(object: &Map<String, Value>) -> bool {
    has_type(object, "AnnotationCollection") || object.contains_key("first")
}

/// A value that may be one item or an array of them, as a list (null and absent: empty).
fn list(value: Option<&Value>) -> &[Value] {
    match value {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) => items,
        Some(one) => std::slice::from_ref(one),
    }
}

/// The strings of a value that may be a string or an array of them.
fn strings(value: Option<&Value>) -> Vec<&str> {
    list(value).iter().filter_map(Value::as_str).collect()
}

fn array<'v>(value: &'v Value, place: &str, key: &str) -> Result<&'v [Value], ReadError> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| {
        ReadError::new(
            place.trim_end_matches(", "),
            format!("`{key}` must be an array"),
        )
    })
}

/// A short rendering of a bad value for an error message.
fn show(value: &Value) -> String {
    shorten(&value.to_string(), 40)
}

/// The string at `key`; `None` when absent or null, an error when of another type.
pub(crate) fn string<'v>(
    object: &'v Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<&'v str>, ReadError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(ReadError::new(
            at,
            format!("`{key}` must be a string, not {}", show(other)),
        )),
    }
}

/// The offset at `key`; `None` when absent or null, an error unless a whole number ≥ 0.
pub(crate) fn offset(
    object: &Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<usize>, ReadError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|number| usize::try_from(number).ok())
            .map(Some)
            .ok_or_else(|| {
                ReadError::new(
                    at,
                    format!("`{key}` must be a whole number ≥ 0, not {}", show(value)),
                )
            }),
    }
}

/// Our ids without their URN prefix; other tools' ids as they are.
fn local_id(id: &str) -> &str {
    id.strip_prefix(SPAN_PREFIX)
        .or_else(|| id.strip_prefix(RELATION_PREFIX))
        .unwrap_or(id)
}

fn read_collection(object: &Map<String, Value>, place: &str) -> Result<Draft, ReadError> {
    let mut items: Vec<&Value> = Vec::new();
    if let Some(list) = object.get("items") {
        items.extend(array(list, place, "items")?);
    }
    let mut page = object.get("first");
    while let Some(Value::Object(current)) = page {
        if let Some(list) = current.get("items") {
            items.extend(array(list, place, "first.items")?);
        }
        page = current.get("next");
    }
    let mut draft = read_items(items, place)?;
    if draft.annotator.is_none() {
        draft.annotator = creator_name(object.get("creator"));
    }
    if let Some(article) = object.get(ARTICLE_KEY) {
        let at = format!("{place}{ARTICLE_KEY}");
        let article = article
            .as_object()
            .ok_or_else(|| ReadError::new(&at, "must be an object"))?;
        let owned = |value: Option<&str>| value.map(str::to_owned);
        draft.id = owned(string(article, "id", &at)?).or(draft.id);
        draft.title = owned(string(article, "title", &at)?);
        draft.source = owned(string(article, "source", &at)?);
        draft.text = owned(string(article, "text", &at)?);
    }
    Ok(draft)
}

fn read_items<'v>(
    items: impl IntoIterator<Item = &'v Value>,
    place: &str,
) -> Result<Draft, ReadError> {
    let mut draft = Draft::default();
    for (index, item) in items.into_iter().enumerate() {
        let at = format!("{place}annotation {}", index + 1);
        let annotation = item
            .as_object()
            .ok_or_else(|| ReadError::new(&at, "an annotation must be a JSON object"))?;
        read_annotation(annotation, index, &at, &mut draft)?;
    }
    Ok(draft)
}

/// The name of an annotation's creator: the first agent object (of one or an array) with
/// a `name` (a string or an array of them) or else a `nickname`. An IRI names no one.
fn creator_name(creator: Option<&Value>) -> Option<String> {
    list(creator)
        .iter()
        .filter_map(Value::as_object)
        .find_map(|agent| {
            let names = strings(agent.get("name"));
            let nicknames = strings(agent.get("nickname"));
            names
                .first()
                .or(nicknames.first())
                .map(|&name| name.to_owned())
        })
}

/// Records the article an annotation targets, from the first annotation that says.
fn note_article(draft: &mut Draft, iri: &str) {
    if draft.source.is_none() && draft.id.is_none() {
        match iri.strip_prefix(ARTICLE_PREFIX) {
            Some(id) => draft.id = Some(id.to_owned()),
            None => draft.source = Some(iri.to_owned()),
        }
    }
}

fn read_annotation(
    annotation: &Map<String, Value>,
    index: usize,
    at: &str,
    draft: &mut Draft,
) -> Result<(), ReadError> {
    if draft.annotator.is_none() {
        draft.annotator = creator_name(annotation.get("creator"));
    }
    let id = match annotation.get("id") {
        Some(Value::String(id)) if !id.is_empty() => Some(local_id(id).to_owned()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    };
    let motivations = strings(annotation.get("motivation"));
    let targets = list(annotation.get("target"));
    let bodies = list(annotation.get("body"));
    let texts: Vec<&Map<String, Value>> = (targets.iter())
        .filter_map(Value::as_object)
        .filter(|target| target.contains_key("selector"))
        .collect();
    let Some(target) = texts.first() else {
        if motivations.contains(&"linking") {
            read_link(id, targets, bodies, at, draft)?;
        }
        return Ok(());
    };
    if let Some(source) = strings(target.get("source")).first() {
        note_article(draft, source);
    } else if let Some(uri) = string(annotation, "uri", at)? {
        note_article(draft, uri);
    }
    if draft.title.is_none() {
        // Hypothesis: `document.title` is an array of the page's titles.
        let document = annotation.get("document").and_then(Value::as_object);
        let title = document.and_then(|document| strings(document.get("title")).first().copied());
        draft.title = title.map(str::to_owned);
    }
    let mut span = DraftSpan {
        created: string(annotation, "created", at)?.map(str::to_owned),
        modified: string(annotation, "modified", at)?
            .or(string(annotation, "updated", at)?)
            .map(str::to_owned),
        ..DraftSpan::default()
    };
    read_selectors(target, at, &mut span)?;
    if texts.len() > 1 {
        // A split span: one text target per piece, each with its position.
        let mut pieces = Vec::new();
        let mut quotes = Vec::new();
        for target in &texts {
            let mut piece = DraftSpan::default();
            read_selectors(target, at, &mut piece)?;
            pieces.extend(piece.start.zip(piece.end));
            quotes.push(piece.quote);
        }
        if pieces.len() == texts.len() {
            span.start = pieces.first().map(|piece| piece.0);
            span.end = pieces.last().map(|piece| piece.1);
            span.quote = (quotes.into_iter().collect::<Option<Vec<String>>>())
                .map(|quotes| quotes.join(PIECE_GAP));
            span.pieces = pieces;
        }
    }
    let mut labels: Vec<String> = Vec::new();
    let mut notes: Vec<&str> = Vec::new();
    let default_purpose = motivations.first().copied().unwrap_or("commenting");
    let body_value = annotation.get("bodyValue").map(|value| (value, true));
    for (body, is_body_value) in bodies.iter().map(|body| (body, false)).chain(body_value) {
        let (value, purpose) = match body {
            Value::Object(body) => match string(body, "value", at)? {
                Some(value) => {
                    let purposes = strings(body.get("purpose"));
                    (value, purposes.first().copied().unwrap_or(default_purpose))
                }
                // A body without a value refers to another resource.
                None => continue,
            },
            // `bodyValue` is a text body; a string in `body` is a resource's IRI.
            Value::String(value) if is_body_value => (value.as_str(), default_purpose),
            _ => continue,
        };
        match (purpose, value.split_once(':')) {
            ("classifying", Some((name, value))) => {
                let value = value.strip_prefix(' ').unwrap_or(value);
                span.attributes
                    .insert(name.trim().to_owned(), value.to_owned());
            }
            ("tagging" | "classifying", _) => labels.push(value.to_owned()),
            _ => notes.push(value),
        }
    }
    // Hypothesis keeps its tags and its comment outside the W3C bodies.
    labels.extend(
        strings(annotation.get("tags"))
            .into_iter()
            .map(str::to_owned),
    );
    if let Some(text) = string(annotation, "text", at)? {
        notes.push(text);
    }
    notes.retain(|note| !note.is_empty());
    span.note = notes.join("\n\n");
    if labels.is_empty() {
        labels.push(NO_LABEL.to_owned());
    }
    let id = id.unwrap_or_else(|| format!("annotation-{}", index + 1));
    for (number, label) in labels.into_iter().enumerate() {
        draft.spans.push(DraftSpan {
            id: match number {
                0 => id.clone(),
                _ => format!("{id}#{}", number + 1),
            },
            label,
            ..span.clone()
        });
    }
    Ok(())
}

/// The quote and position a text target's selectors give (the first of each kind).
fn read_selectors(
    target: &Map<String, Value>,
    at: &str,
    span: &mut DraftSpan,
) -> Result<(), ReadError> {
    for selector in list(target.get("selector"))
        .iter()
        .filter_map(Value::as_object)
    {
        if has_type(selector, "TextQuoteSelector") && span.quote.is_none() {
            span.quote = string(selector, "exact", at)?.map(str::to_owned);
            span.prefix = string(selector, "prefix", at)?.map(str::to_owned);
            span.suffix = string(selector, "suffix", at)?.map(str::to_owned);
        } else if has_type(selector, "TextPositionSelector") && span.start.is_none() {
            span.start = offset(selector, "start", at)?;
            span.end = offset(selector, "end", at)?;
        }
    }
    Ok(())
}

/// A "linking" annotation between two annotations: target → first body reference.
fn read_link(
    id: Option<String>,
    targets: &[Value],
    bodies: &[Value],
    at: &str,
    draft: &mut Draft,
) -> Result<(), ReadError> {
    let reference = |value: &Value| match value {
        Value::String(iri) => Some(local_id(iri).to_owned()),
        Value::Object(object) if !object.contains_key("value") => object
            .get("id")
            .or_else(|| object.get("source"))
            .and_then(Value::as_str)
            .map(|iri| local_id(iri).to_owned()),
        _ => None,
    };
    let from = targets.iter().find_map(reference);
    let to = bodies.iter().find_map(reference);
    let mut kind = None;
    for body in bodies.iter().filter_map(Value::as_object) {
        if let Some(value) = string(body, "value", at)? {
            kind = Some(value);
            break;
        }
    }
    if let (Some(from), Some(to)) = (from, to) {
        draft.relations.push(DraftRelation {
            id,
            kind: kind.unwrap_or(NO_KIND).to_owned(),
            from,
            to,
        });
    }
    Ok(())
}
