//! Label Studio's JSON task export (what its "JSON" export writes and its import reads).
//!
//! Export: a JSON array with one task per article, `id` 1, 2, … in order:
//! - `data`: `text` (the article, "\n" line endings), `title`, `source` (when known),
//!   `article_id`;
//! - `meta`: `offset_unit` "codepoint" (every `start`/`end` counts Unicode code points,
//!   as current Label Studio does for `<Text>`), `exported_by`, `annotator` (who
//!   annotated the article, only when known), and `relation_ids`, the ids of the
//!   relation results in order (Label Studio relations carry no id);
//! - `annotations`: one annotation (`id` 1) whose `result` lists, per span in document
//!   order, a `labels` result (`from_name` "label", `to_name` "text", `value` with
//!   `start`, `end`, the quoted `text` and `labels`), then its note as a per-region
//!   `textarea` result (`from_name` "note") and each attribute as a per-region `choices`
//!   result whose `from_name` is the attribute's name, all with the span's id as their
//!   region `id`; then every relation as a `relation` result (`from_id`, `to_id`,
//!   `direction` "right", `labels` [kind]).
//! - A split span (a quote interrupted by "she said") is one `labels` region per piece,
//!   in order: the first with the span's id (and its note and attributes), the next ones
//!   `<id>~2`, `<id>~3`, …, so Label Studio shows each piece as a region of the label.
//!   The task's `meta.pieces` ties them: `{"<span id>": [[start, end], …]}`; on import
//!   the regions at those places after the first are its pieces again.
//!
//! The annotator is not written as the annotation's `completed_by`: Label Studio's import
//! (`_insert_valid_completed_by` in `label_studio/tasks/serializers.py`) accepts there
//! only the id of a member of its organization or `{"email": …}` of one, and refuses the
//! whole file otherwise ("… is not a valid annotator's email or ID"); without it the
//! annotation is the importing user's. A name goes in the task's `meta`, which Label
//! Studio stores with the task as it is and exports back.
//!
//! [`labeling_config`] gives the labeling configuration these names fit.
//!
//! Import takes an array of tasks or one task, Label Studio's JSON or JSON-MIN export:
//! - the text is `data.text`, else the only string in `data`; `data.title`,
//!   `data.source` and `data.article_id` are read when present, and `meta.annotator` (a
//!   string) as who annotated it (`completed_by`, a user id or email of a Label Studio
//!   instance, is not a name and is not read);
//! - the results are those of the first annotation that is not cancelled and has results
//!   (`completions` in files of Label Studio before 1.0), else of the first such
//!   prediction; JSON-MIN files give their regions under each control's name;
//! - a `labels` result (any `from_name`) is a span; one with several labels becomes one
//!   span per label, with ids `<region id>`, `<region id>#2`, …; `textarea` results of
//!   the same region id are its note (lines joined by "\n", several textareas by a blank
//!   line), `choices` results its attributes (`from_name` → the choices joined by ", "),
//!   given to every span of the region; results of other types are skipped;
//! - a `relation` result links `from_id` → `to_id` (`direction` "left" reverses it), one
//!   relation per label, "related_to" when it has none; `meta.relation_ids` gives their
//!   ids when it lists one per relation result;
//! - spans take the annotation's (JSON-MIN: the task's) `created_at` and `updated_at`
//!   as their times.
//!
//! Label Studio before its emoji fix counted UTF-16 units: positions are checked against
//! the quoted `text` by `review`, which re-anchors spans that disagree.

use crate::doccano::read_pieces;
use crate::model::formats::draft::{join_pieces, Draft, DraftRelation, DraftSpan, ReadError, Work};
use crate::model::offsets::CharRange;
use crate::model::schema::Schema;
use crate::model::span::Span;
use crate::w3c::{offset, string};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

type Object = Map<String, Value>;

/// The kind of a relation without labels.
const NO_KIND: &str = "related_to";

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Data<'a>,
    meta: Meta<'a>,
    annotations: [Annotation<'a>; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    article_id: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    offset_unit: &'static str,
    exported_by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
    relation_ids: Vec<&'a str>,
    /// Each split span's pieces `[start, end]`, by span id (see the module's notes).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pieces: BTreeMap<&'a str, Vec<(usize, usize)>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: usize,
    result: Vec<ResultItem<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ResultItem<'a> {
    Region {
        id: Cow<'a, str>,
        #[serde(rename = "type")]
        kind: &'static str,
        from_name: &'a str,
        to_name: &'static str,
        value: RegionValue<'a>,
    },
    Relation {
        from_id: &'a str,
        to_id: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
        direction: &'static str,
        labels: [&'a str; 1],
    },
}

#[derive(Serialize)]
struct RegionValue<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<[&'a str; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<[&'a str; 1]>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Text<'a> {
    Quote(&'a str),
    Lines([&'a str; 1]),
}

fn region<'a>(
    span: &'a Span,
    piece: Option<(usize, CharRange)>,
    kind: &'static str,
    from_name: &'a str,
    text: Option<Text<'a>>,
    labels: Option<[&'a str; 1]>,
    choices: Option<[&'a str; 1]>,
) -> ResultItem<'a> {
    // A split span's later pieces are regions of their own: ids `<id>~2`, `<id>~3`, ….
    let (id, range) = match piece {
        Some((at, range)) if at > 0 => (
            Cow::Owned(format!("{}~{}", span.id.as_str(), at + 1)),
            range,
        ),
        Some((_, range)) => (Cow::Borrowed(span.id.as_str()), range),
        None => (Cow::Borrowed(span.id.as_str()), span.range),
    };
    ResultItem::Region {
        id,
        kind,
        from_name,
        to_name: "text",
        value: RegionValue {
            start: range.start.0,
            end: range.end.0,
            text,
            labels,
            choices,
        },
    }
}

/// The Label Studio tasks of `works`, pretty-printed with a final newline.
pub fn export(works: &[Work]) -> String {
    let tasks: Vec<Task> = works
        .iter()
        .enumerate()
        .map(|(index, work)| task(index + 1, work))
        .collect();
    // Serialising these plain structs cannot fail.
    let mut json = serde_json::to_string_pretty(&tasks).unwrap_or_default();
    json.push('\n');
    json
}

fn task<'a>(id: usize, work: &Work<'a>) -> Task<'a> {
    let document = work.document;
    let mut result = Vec::new();
    let mut pieces = BTreeMap::new();
    for span in work.annotations.spans() {
        for (at, piece) in span.ranges().iter().enumerate() {
            let quote = Some(Text::Quote(document.text.slice(*piece).unwrap_or_default()));
            let labels = Some([span.label.as_str()]);
            result.push(region(
                span,
                Some((at, *piece)),
                "labels",
                "label",
                quote,
                labels,
                None,
            ));
        }
        if span.is_split() {
            let list = span.pieces.iter().map(|piece| (piece.start.0, piece.end.0));
            pieces.insert(span.id.as_str(), list.collect());
        }
        if !span.note.is_empty() {
            let note = Some(Text::Lines([&span.note]));
            result.push(region(span, None, "textarea", "note", note, None, None));
        }
        for (name, value) in &span.attributes {
            result.push(region(
                span,
                None,
                "choices",
                name,
                None,
                None,
                Some([value]),
            ));
        }
    }
    let relations = work.annotations.relations();
    result.extend(relations.iter().map(|relation| ResultItem::Relation {
        from_id: relation.from.as_str(),
        to_id: relation.to.as_str(),
        kind: "relation",
        direction: "right",
        labels: [&relation.kind],
    }));
    Task {
        id,
        data: Data {
            text: document.text.as_str(),
            title: &document.title,
            source: document.source.as_deref(),
            article_id: &document.id,
        },
        meta: Meta {
            offset_unit: "codepoint",
            exported_by: "article-annotator",
            annotator: document.annotator.as_deref(),
            relation_ids: relations
                .iter()
                .map(|relation| relation.id.as_str())
                .collect(),
            pieces,
        },
        annotations: [Annotation { id: 1, result }],
    }
}

/// Escapes text for an XML attribute value.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\n' => escaped.push_str("&#10;"),
            _ => escaped.push(ch),
        }
    }
    escaped
}

/// The Label Studio labeling configuration (XML) that the export's names fit: the
/// schema's labels with their colours, the text with its spaces kept, a per-region
/// note, its attributes as per-region choices, and its link kinds as relations.
pub fn labeling_config(schema: &Schema) -> String {
    let mut config = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for label in schema.iter() {
        config.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            xml(&label.name),
            xml(&label.color)
        ));
    }
    // Without pre-wrap Label Studio collapses runs of spaces and shifts the offsets.
    config.push_str(
        "  </Labels>\n  <Style>.htx-text { white-space: pre-wrap; }</Style>\n  \
         <Text name=\"text\" value=\"$text\"/>\n",
    );
    let mut kinds: Vec<&str> = Vec::new();
    for rule in schema.links() {
        if !kinds.contains(&rule.kind.as_str()) {
            kinds.push(&rule.kind);
        }
    }
    if !kinds.is_empty() {
        config.push_str("  <Relations>\n");
        for kind in kinds {
            config.push_str(&format!("    <Relation value=\"{}\"/>\n", xml(kind)));
        }
        config.push_str("  </Relations>\n");
    }
    config.push_str(
        "  <TextArea name=\"note\" toName=\"text\" perRegion=\"true\" editable=\"true\"/>\n",
    );
    // An attribute shared by several labels is one control: Label Studio names are unique.
    let mut attributes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for attribute in schema.iter().flat_map(|label| &label.attributes) {
        let values = attributes.entry(&attribute.name).or_default();
        for value in &attribute.values {
            if !values.contains(&value.as_str()) {
                values.push(value);
            }
        }
    }
    for (name, values) in attributes {
        config.push_str(&format!(
            "  <Choices name=\"{0}\" toName=\"text\" perRegion=\"true\" choice=\"single\">\n    <Header value=\"{0}\"/>\n",
            xml(name)
        ));
        for value in values {
            config.push_str(&format!("    <Choice value=\"{}\"/>\n", xml(value)));
        }
        config.push_str("  </Choices>\n");
    }
    config.push_str("</View>\n");
    config
}

/// Reads Label Studio tasks (JSON or JSON-MIN export): one `Draft` per task.
pub fn import(input: &str) -> Result<Vec<Draft>, ReadError> {
    let root: Value = serde_json::from_str(input).map_err(|error| ReadError::json(&error, 0))?;
    let tasks = match &root {
        Value::Array(tasks) => tasks.as_slice(),
        Value::Object(_) => std::slice::from_ref(&root),
        _ => {
            return Err(ReadError::new(
                "",
                "this is not a Label Studio export: expected an array of tasks or one task",
            ))
        }
    };
    if tasks.is_empty() {
        return Err(ReadError::new("", "the file holds no Label Studio tasks"));
    }
    tasks
        .iter()
        .enumerate()
        .map(|(index, task)| read_task(task, &format!("task {}", index + 1)))
        .collect()
}

/// The id of a region or relation end: a string, or a number as Label Studio's older
/// files write it.
fn id_of(value: Option<&Value>) -> Option<String> {
    match value {
        Some(Value::String(id)) if !id.is_empty() => Some(id.clone()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    }
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(one)) => vec![one.as_str()],
        _ => Vec::new(),
    }
}

fn read_task(task: &Value, at: &str) -> Result<Draft, ReadError> {
    let task = task
        .as_object()
        .ok_or_else(|| ReadError::new(at, "a task must be a JSON object"))?;
    let (data, min) = match task.get("data") {
        Some(Value::Object(data)) => (data, false),
        Some(_) => return Err(ReadError::new(at, "`data` must be an object")),
        // JSON-MIN: the task's data and its regions side by side.
        None if task.get("text").is_some_and(Value::is_string) => (task, true),
        None => {
            return Err(ReadError::new(
                at,
                "this is not a Label Studio task: it has no `data`",
            ))
        }
    };
    let data_at = format!("{at}, data");
    let mut text = string(data, "text", &data_at)?;
    if text.is_none() {
        let mut texts = data.values().filter_map(Value::as_str);
        text = match (texts.next(), texts.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        };
    }
    let owned = |value: Option<&str>| value.map(str::to_owned);
    // `meta` is free-form in Label Studio: an `annotator` there that is no string is not
    // ours, and ignored.
    let meta = task.get("meta").and_then(Value::as_object);
    let mut draft = Draft {
        id: owned(string(data, "article_id", &data_at)?),
        title: owned(string(data, "title", &data_at)?),
        source: owned(string(data, "source", &data_at)?),
        text: owned(text),
        annotator: owned(meta.and_then(|meta| meta.get("annotator")?.as_str())),
        ..Draft::default()
    };
    if min {
        read_min_regions(task, at, &mut draft)?;
        return Ok(draft);
    }
    let Some((annotation, results)) = first_results(task, at)? else {
        return Ok(draft);
    };
    let relation_ids = meta
        .map(|meta| strings(meta.get("relation_ids")))
        .unwrap_or_default();
    read_results(annotation, results, &relation_ids, at, &mut draft)?;
    if let Some(Value::Object(pieces)) = meta.and_then(|meta| meta.get("pieces")) {
        for span in &mut draft.spans {
            span.pieces = read_pieces(pieces.get(&span.id));
        }
        join_pieces(&mut draft.spans);
    }
    Ok(draft)
}

/// The first annotation (else prediction) that is not cancelled and has results.
fn first_results<'v>(
    task: &'v Map<String, Value>,
    at: &str,
) -> Result<Option<(&'v Object, &'v [Value])>, ReadError> {
    for key in ["annotations", "completions", "predictions"] {
        let Some(list) = task.get(key).filter(|list| !list.is_null()) else {
            continue;
        };
        let list = list
            .as_array()
            .ok_or_else(|| ReadError::new(at, format!("`{key}` must be an array")))?;
        for (index, annotation) in list.iter().enumerate() {
            let annotation_at = format!("{at}, {key} {}", index + 1);
            let annotation = annotation
                .as_object()
                .ok_or_else(|| ReadError::new(&annotation_at, "must be a JSON object"))?;
            if annotation.get("was_cancelled") == Some(&Value::Bool(true)) {
                continue;
            }
            let results = match annotation.get("result") {
                None | Some(Value::Null) => &[][..],
                Some(Value::Array(results)) => results.as_slice(),
                Some(_) => return Err(ReadError::new(annotation_at, "`result` must be an array")),
            };
            if !results.is_empty() {
                return Ok(Some((annotation, results)));
            }
        }
    }
    Ok(None)
}

/// Regions and the span ids made of each, in the order first seen.
#[derive(Default)]
struct Regions {
    spans_of: BTreeMap<String, Vec<usize>>,
}

fn read_results(
    annotation: &Map<String, Value>,
    results: &[Value],
    relation_ids: &[&str],
    at: &str,
    draft: &mut Draft,
) -> Result<(), ReadError> {
    let created = string(annotation, "created_at", at)?;
    let modified = string(annotation, "updated_at", at)?;
    let mut regions = Regions::default();
    let mut relation_results = Vec::new();
    let mut others = Vec::new();
    for (index, result) in results.iter().enumerate() {
        let result_at = format!("{at}, result {}", index + 1);
        let result = result
            .as_object()
            .ok_or_else(|| ReadError::new(&result_at, "a result must be a JSON object"))?;
        match string(result, "type", &result_at)? {
            Some("labels") => {
                let id = id_of(result.get("id")).unwrap_or_else(|| format!("region-{}", index + 1));
                let value = value_of(result, &result_at)?;
                let mut span = region_span(value, &result_at)?;
                span.quote = string(value, "text", &result_at)?.map(str::to_owned);
                span.created = created.map(str::to_owned);
                span.modified = modified.map(str::to_owned);
                read_labels(span, &id, strings(value.get("labels")), &mut regions, draft);
            }
            Some("relation") => relation_results.push((result, result_at)),
            Some("textarea" | "choices") => others.push((result, result_at)),
            _ => {}
        }
    }
    // Notes and attributes may come before their region's labels.
    for (result, result_at) in others {
        let Some(spans) = id_of(result.get("id")).and_then(|id| regions.spans_of.get(&id)) else {
            continue;
        };
        let value = value_of(result, &result_at)?;
        let is_note = result.get("type").and_then(Value::as_str) == Some("textarea");
        let name = string(result, "from_name", &result_at)?.unwrap_or("choice");
        let joined = if is_note {
            strings(value.get("text")).join("\n")
        } else {
            strings(value.get("choices")).join(", ")
        };
        for &index in spans {
            let Some(span) = draft.spans.get_mut(index) else {
                continue;
            };
            if !is_note {
                span.attributes.insert(name.to_owned(), joined.clone());
            } else if span.note.is_empty() {
                span.note = joined.clone();
            } else if !joined.is_empty() {
                span.note = format!("{}\n\n{joined}", span.note);
            }
        }
    }
    let ids_known = relation_ids.len() == relation_results.len();
    for (number, (result, result_at)) in relation_results.into_iter().enumerate() {
        let (Some(mut from), Some(mut to)) =
            (id_of(result.get("from_id")), id_of(result.get("to_id")))
        else {
            continue;
        };
        if string(result, "direction", &result_at)? == Some("left") {
            std::mem::swap(&mut from, &mut to);
        }
        let mut kinds = strings(result.get("labels"));
        if kinds.is_empty() {
            kinds.push(NO_KIND);
        }
        let id = relation_ids.get(number).filter(|_| ids_known);
        for (count, kind) in kinds.into_iter().enumerate() {
            draft.relations.push(DraftRelation {
                id: id.map(|id| match count {
                    0 => (*id).to_owned(),
                    _ => format!("{id}#{}", count + 1),
                }),
                kind: kind.to_owned(),
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    Ok(())
}

fn value_of<'v>(
    result: &'v Map<String, Value>,
    at: &str,
) -> Result<&'v Map<String, Value>, ReadError> {
    result
        .get("value")
        .and_then(Value::as_object)
        .ok_or_else(|| ReadError::new(at, "`value` must be an object"))
}

fn region_span(value: &Map<String, Value>, at: &str) -> Result<DraftSpan, ReadError> {
    Ok(DraftSpan {
        start: offset(value, "start", at)?,
        end: offset(value, "end", at)?,
        ..DraftSpan::default()
    })
}

/// Adds one span per label of a region: ids `<id>`, `<id>#2`, ….
fn read_labels(
    span: DraftSpan,
    id: &str,
    labels: Vec<&str>,
    regions: &mut Regions,
    draft: &mut Draft,
) {
    let spans = regions.spans_of.entry(id.to_owned()).or_default();
    for label in labels {
        let number = spans.len() + 1;
        spans.push(draft.spans.len());
        draft.spans.push(DraftSpan {
            id: match number {
                1 => id.to_owned(),
                _ => format!("{id}#{number}"),
            },
            label: label.to_owned(),
            ..span.clone()
        });
    }
}

/// JSON-MIN: each control's name holds its regions, `{start, end, text, labels}`.
fn read_min_regions(
    task: &Map<String, Value>,
    at: &str,
    draft: &mut Draft,
) -> Result<(), ReadError> {
    let created = string(task, "created_at", at)?;
    let modified = string(task, "updated_at", at)?;
    let mut regions = Regions::default();
    for (name, value) in task {
        let Value::Array(items) = value else { continue };
        for (index, item) in items.iter().enumerate() {
            let Some(region) = item.as_object().filter(|item| item.contains_key("labels")) else {
                continue;
            };
            let region_at = format!("{at}, {name} {}", index + 1);
            let mut span = region_span(region, &region_at)?;
            span.quote = string(region, "text", &region_at)?.map(str::to_owned);
            span.created = created.map(str::to_owned);
            span.modified = modified.map(str::to_owned);
            let id = format!("{}", draft.spans.len() + 1);
            read_labels(
                span,
                &id,
                strings(region.get("labels")),
                &mut regions,
                draft,
            );
        }
    }
    Ok(())
}
