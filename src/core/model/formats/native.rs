//! The native export format, version 1: the master format every other adapter derives
//! from, and the form in which work is saved in the browser.
//!
//! Keys come out in the order the structs declare them; output is pretty-printed JSON
//! with a final newline, so the same work always gives the same bytes.

use crate::model::annotations::Annotations;
use crate::model::curation::{self, Decision, Provenance};
use crate::model::document::{layout_from, layout_records, Document, Extra, LayoutRecord};
use crate::model::formats::draft::{read_jsonl, Draft, DraftRelation, DraftSpan, ReadError, Work};
use crate::model::offsets::CharRange;
use crate::model::schema::{AttributeDef, Label, LinkRule, Schema};
use crate::model::span::{joined, Evidence, Relation, Span, SpanId, Timestamp};
use crate::model::suggestion::Rejected;
use crate::model::text::ArticleText;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The app version written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The format's name, as written in the `format` key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum FormatName {
    #[serde(rename = "article-annotator")]
    ArticleAnnotator,
}

/// The unit of every `start`/`end` in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum OffsetUnit {
    /// Unicode code points, as Python's `str` indexes them.
    #[serde(rename = "codepoint")]
    Codepoint,
}

/// An annotated article in the native format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Article Annotator export, version 1")]
pub struct NativeExport {
    /// Always "article-annotator".
    pub format: FormatName,
    /// Always 1 for this version of the format.
    #[schemars(range(min = 1, max = 1))]
    pub format_version: u32,
    /// The version of the app that wrote the file.
    pub app_version: String,
    /// The unit of `start` and `end`: always "codepoint".
    pub offset_unit: OffsetUnit,
    pub document: DocumentRecord,
    /// The label schema: every span's `label` is one of these names.
    pub labels: Vec<LabelRecord>,
    /// Which links the schema allows: a span labelled `from` may link to one labelled `to`.
    #[serde(default)]
    pub links: Vec<LinkRuleRecord>,
    /// Spans in document order (start ascending, then longer first).
    pub spans: Vec<SpanRecord>,
    /// Links between spans (e.g. a quote to its source).
    pub relations: Vec<RelationRecord>,
    /// A gold article's adjudication: each cluster of the annotators' spans that was
    /// decided, how, by whom and when (docs/agreement.md); absent for other articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Suggestions the user rejected (label and place), so they are not suggested again
    /// when the file is opened; absent when there are none. Not annotations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_suggestions: Vec<Rejected>,
}

/// The article itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentRecord {
    pub id: String,
    pub title: String,
    /// Where the text came from (a URL or a file name), or null when unknown.
    pub source: Option<String>,
    /// The article text with line endings normalised to "\n".
    pub text: String,
    /// Lowercase hex SHA-256 of `text` encoded as UTF-8.
    pub text_sha256: String,
    /// Length of `text` in code points.
    pub length: usize,
    /// Length of `text` in UTF-16 code units.
    pub utf16_length: usize,
    /// Fields the article came with that the app does not use (e.g. a dataset's `topic`),
    /// kept and exported unchanged; absent when there are none.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
    /// Blocks of `text` that were headings, block quotes, list items or code where it came
    /// from (a web page, Markdown), in order; absent when every block is a paragraph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layout: Vec<LayoutRecord>,
    /// Who annotated the article (the annotator's name), when known; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
}

/// A label of the schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LabelRecord {
    pub name: String,
    /// CSS hex colour, e.g. "#fcd34d".
    pub color: String,
    /// The key that applies the label in the app.
    pub hotkey: String,
    /// Properties spans of this label can carry, each with its allowed values.
    #[serde(default)]
    pub attributes: Vec<AttributeRecord>,
    /// A frame label: a span of it and the spans it links to are one whole (e.g. an
    /// attribution's content with its source and cue; brat writes it as an event).
    /// Absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub frame: bool,
}

/// An attribute of a label, e.g. "check-worthy" with values yes / no / unsure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AttributeRecord {
    pub name: String,
    pub values: Vec<String>,
}

/// An allowed link between labels, e.g. Quote → Source as "said_by".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LinkRuleRecord {
    pub from: String,
    pub to: String,
    /// The `kind` of relations made under this rule.
    pub kind: String,
}

/// A labelled span: `document.text[start:end] == text` in Python.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SpanRecord {
    pub id: String,
    pub label: String,
    /// Start, in code points, inclusive.
    pub start: usize,
    /// End, in code points, exclusive.
    pub end: usize,
    /// The exact text at [start, end).
    pub text: String,
    /// Start in UTF-16 code units, for JavaScript's `text.slice(utf16_start, utf16_end)`.
    pub utf16_start: usize,
    /// End in UTF-16 code units, exclusive.
    pub utf16_end: usize,
    /// When the span was created (RFC 3339, UTC).
    pub created: String,
    /// When the span was last changed (RFC 3339, UTC).
    pub modified: String,
    /// The annotator's free-text note ("" when none).
    #[serde(default)]
    pub note: String,
    /// Attribute values by attribute name (keys sorted).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// A split span's pieces (e.g. a quotation interrupted by "she said"), in order, apart:
    /// `start` is the first piece's start, `end` the last one's end, and `text` their texts
    /// joined by " … ". Absent for a span in one piece.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<PieceRecord>,
    /// What a claim was checked against (URL, title, quoted passage, note), in the order
    /// it was added; absent when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// In a gold article: which annotators marked this span and how it came into the gold
    /// (from `decisions`, written for convenience and not read back); absent otherwise.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "skipped"
    )]
    #[schemars(with = "Option<Provenance>")]
    pub provenance: Option<Provenance>,
}

/// One piece of a split span: `document.text[start:end] == text` in Python.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PieceRecord {
    /// Start, in code points, inclusive.
    pub start: usize,
    /// End, in code points, exclusive.
    pub end: usize,
    /// The exact text at [start, end).
    pub text: String,
    /// Start in UTF-16 code units.
    pub utf16_start: usize,
    /// End in UTF-16 code units, exclusive.
    pub utf16_end: usize,
}

impl SpanRecord {
    /// The ranges the record states: its pieces, or its one range.
    pub fn pieces(&self) -> Vec<CharRange> {
        match self.ranges.is_empty() {
            true => vec![CharRange::new(self.start, self.end)],
            false => (self.ranges.iter())
                .map(|piece| CharRange::new(piece.start, piece.end))
                .collect(),
        }
    }
}

/// The span a (checked) record holds.
pub fn span_of(record: &SpanRecord, now: &Timestamp) -> Span {
    let mut span = Span::new(
        SpanId::new(&record.id),
        &record.label,
        CharRange::new(record.start, record.end),
        &record.text,
        now,
    );
    if record.ranges.len() > 1 {
        span.pieces = record.pieces();
    }
    span.note = record.note.clone();
    span.attributes = record.attributes.clone();
    span.evidence = record.evidence.clone();
    span
}

/// Reads past a value the app writes but never reads back (a span's provenance): its own
/// reader would cost the start-up download.
fn skipped<'de, D: serde::Deserializer<'de>, T>(reader: D) -> Result<Option<T>, D::Error> {
    serde::de::IgnoredAny::deserialize(reader)?;
    Ok(None)
}

/// A link from one span to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RelationRecord {
    pub id: String,
    /// The kind of link, e.g. "said_by".
    pub kind: String,
    /// The id of the span the link starts at.
    pub from: String,
    /// The id of the span the link points to.
    pub to: String,
}

/// The JSON Schema of the format, pretty-printed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(NativeExport);
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}

/// Builds the export of an annotated document.
pub fn export(document: &Document, schema: &Schema, annotations: &Annotations) -> NativeExport {
    let mut export = export_unhashed(document, schema, annotations);
    export.document.text_sha256 = document.text.sha256_hex();
    export
}

/// The export without the text's SHA-256 (left empty), for the app's own crossings that
/// `check` reads straight back: a stored article restored, a reviewed work from the
/// worker. `check` checks every span against the text itself, and hashing 1,000,000
/// characters costs about 40 ms of an open's task. Files get `export`.
pub fn export_unhashed(
    document: &Document,
    schema: &Schema,
    annotations: &Annotations,
) -> NativeExport {
    let text = &document.text;
    let record = DocumentRecord {
        id: document.id.clone(),
        title: document.title.clone(),
        source: document.source.clone(),
        text: text.as_str().to_owned(),
        text_sha256: String::new(),
        length: text.len_chars(),
        utf16_length: text.len_utf16(),
        extra: document.extra.clone(),
        layout: layout_records(&document.layout),
        annotator: document.annotator.clone(),
    };
    let mut spans = span_records(text, annotations);
    if !annotations.decisions().is_empty() {
        for span in &mut spans {
            span.provenance = curation::provenance(annotations, &span.id);
        }
    }
    let mut export = of_records(record, schema, spans, relation_records(annotations));
    export.decisions = annotations.decisions().to_vec();
    export.rejected_suggestions = annotations.rejected().to_vec();
    export
}

/// An export of these records under `schema`.
pub fn of_records(
    document: DocumentRecord,
    schema: &Schema,
    spans: Vec<SpanRecord>,
    relations: Vec<RelationRecord>,
) -> NativeExport {
    NativeExport {
        format: FormatName::ArticleAnnotator,
        format_version: 1,
        app_version: APP_VERSION.to_owned(),
        offset_unit: OffsetUnit::Codepoint,
        document,
        labels: label_records(schema),
        links: link_records(schema),
        spans,
        relations,
        decisions: Vec::new(),
        rejected_suggestions: Vec::new(),
    }
}

/// The schema's labels as records.
pub fn label_records(schema: &Schema) -> Vec<LabelRecord> {
    schema
        .iter()
        .map(|label| LabelRecord {
            name: label.name.clone(),
            color: label.color.clone(),
            hotkey: label.hotkey.to_string(),
            attributes: label
                .attributes
                .iter()
                .map(|attribute| AttributeRecord {
                    name: attribute.name.clone(),
                    values: attribute.values.clone(),
                })
                .collect(),
            frame: label.frame,
        })
        .collect()
}

/// The schema's link rules as records.
pub fn link_records(schema: &Schema) -> Vec<LinkRuleRecord> {
    schema
        .links()
        .iter()
        .map(|rule| LinkRuleRecord {
            from: rule.from.clone(),
            to: rule.to.clone(),
            kind: rule.kind.clone(),
        })
        .collect()
}

/// The spans as records, with their UTF-16 offsets into `text`.
pub fn span_records(text: &ArticleText, annotations: &Annotations) -> Vec<SpanRecord> {
    (annotations.spans().iter())
        .map(|span| span_record(text, span))
        .collect()
}

/// One span as a record.
pub fn span_record(text: &ArticleText, span: &Span) -> SpanRecord {
    SpanRecord {
        id: span.id.as_str().to_owned(),
        label: span.label.clone(),
        start: span.range.start.0,
        end: span.range.end.0,
        text: span.text.clone(),
        utf16_start: text.to_utf16(span.range.start).0,
        utf16_end: text.to_utf16(span.range.end).0,
        created: span.created.0.clone(),
        modified: span.modified.0.clone(),
        note: span.note.clone(),
        attributes: span.attributes.clone(),
        ranges: (span.pieces.iter())
            .map(|piece| PieceRecord {
                start: piece.start.0,
                end: piece.end.0,
                text: text.slice(*piece).unwrap_or_default().to_owned(),
                utf16_start: text.to_utf16(piece.start).0,
                utf16_end: text.to_utf16(piece.end).0,
            })
            .collect(),
        evidence: span.evidence.clone(),
        provenance: None,
    }
}

/// The relations as records.
pub fn relation_records(annotations: &Annotations) -> Vec<RelationRecord> {
    annotations
        .relations()
        .iter()
        .map(|relation| RelationRecord {
            id: relation.id.clone(),
            kind: relation.kind.clone(),
            from: relation.from.as_str().to_owned(),
            to: relation.to.as_str().to_owned(),
        })
        .collect()
}

/// The export as pretty-printed JSON with a final newline.
pub fn to_json(export: &NativeExport) -> String {
    // Serialising these plain structs cannot fail.
    let mut json = serde_json::to_string_pretty(export).unwrap_or_default();
    json.push('\n');
    json
}

/// Why a native file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON, or not the shape of the format.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON of the right shape whose content breaks the format's rules.
    Invalid(Vec<String>),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Json {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            ParseError::Invalid(problems) => write!(f, "{}", problems.join("; ")),
        }
    }
}

/// A document read back from the native format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub document: Document,
    pub schema: Schema,
    pub annotations: Annotations,
}

impl Imported {
    /// The work, as exporters see it.
    pub fn work(&self) -> Work<'_> {
        Work {
            document: &self.document,
            schema: &self.schema,
            annotations: &self.annotations,
        }
    }
}

/// Reads a native export, checking every span against the text.
pub fn parse(json: &str) -> Result<Imported, ParseError> {
    let file: NativeExport = serde_json::from_str(json).map_err(|error| ParseError::Json {
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })?;
    check(file)
}

/// Checks an export read by serde: every span against the text, labels, links and ids.
pub fn check(file: NativeExport) -> Result<Imported, ParseError> {
    let mut problems = Vec::new();
    if file.format_version != 1 {
        problems.push(format!(
            "format_version {} is not supported (this app reads version 1)",
            file.format_version
        ));
    }
    let text = ArticleText::new(&file.document.text);
    if text.as_str() != file.document.text {
        problems.push("document.text has \\r line endings; they must be \\n".to_owned());
    }
    let schema = schema_of(&file, &mut problems);
    let mut names: Vec<&str> = file
        .labels
        .iter()
        .map(|label| label.name.as_str())
        .collect();
    names.sort_unstable();
    for pair in names.windows(2).filter(|pair| pair[0] == pair[1]) {
        problems.push(format!("label “{}” is defined twice", pair[0]));
    }
    for rule in schema.links() {
        for end in [&rule.from, &rule.to] {
            if schema.get(end).is_none() {
                problems.push(format!(
                    "link rule {} → {}: label “{end}” is not in the label set",
                    rule.from, rule.to
                ));
            }
        }
    }
    let mut annotations = Annotations::default();
    for record in &file.spans {
        let range = CharRange::new(record.start, record.end);
        let where_ = format!("span “{}”", record.id);
        if record.id.is_empty() || record.id.chars().any(char::is_whitespace) {
            problems.push(format!("{where_}: an id must be non-empty, without spaces"));
            continue;
        }
        if record.end <= record.start {
            problems.push(format!(
                "{where_}: end {} is not after start {}",
                record.end, record.start
            ));
            continue;
        }
        let pieces = record.pieces();
        if record.end > text.len_chars() {
            problems.push(format!(
                "{where_}: end {} is past the text end {}",
                record.end,
                text.len_chars()
            ));
            continue;
        }
        if let Some(problem) = pieces_problem(&pieces, range, &record.ranges, &text) {
            problems.push(format!("{where_}: {problem}"));
            continue;
        }
        let quote = joined(&text, &pieces).unwrap_or_default();
        if quote != record.text {
            problems.push(format!(
                "{where_}: text “{}” does not match the article at {}..{} (“{quote}”)",
                record.text, record.start, record.end
            ));
            continue;
        }
        if schema.get(&record.label).is_none() {
            problems.push(format!(
                "{where_}: label “{}” is not in the label set",
                record.label
            ));
            continue;
        }
        let mut span = span_of(record, &Timestamp(record.created.clone()));
        span.modified = Timestamp(record.modified.clone());
        if !annotations.insert(span) {
            problems.push(format!("{where_}: the id is used twice"));
        }
    }
    for record in &file.relations {
        let relation = Relation {
            id: record.id.clone(),
            kind: record.kind.clone(),
            from: SpanId::new(&record.from),
            to: SpanId::new(&record.to),
        };
        if !annotations.insert_relation(relation) {
            problems.push(format!(
                "relation {}: it links missing spans or reuses an id",
                record.id
            ));
        }
    }
    for decision in file.decisions {
        if decision.end <= decision.start || decision.end > text.len_chars() {
            problems.push(format!(
                "decision {}..{}: not a range of the text",
                decision.start, decision.end
            ));
        } else {
            annotations.set_decision(decision);
        }
    }
    for rejected in file.rejected_suggestions {
        if rejected.end <= rejected.start || rejected.end > text.len_chars() {
            problems.push(format!(
                "rejected suggestion {}..{}: not a range of the text",
                rejected.start, rejected.end
            ));
        } else {
            annotations.reject(rejected);
        }
    }
    if !problems.is_empty() {
        return Err(ParseError::Invalid(problems));
    }
    Ok(Imported {
        document: Document {
            extra: file.document.extra,
            layout: layout_from(&file.document.layout, text.len_chars()),
            id: file.document.id,
            title: file.document.title,
            source: file.document.source,
            annotator: file.document.annotator,
            text,
        },
        schema,
        annotations,
    })
}

/// What is wrong with a record's pieces (`ranges`), if anything: they must be apart,
/// in order, none empty, span `range` exactly, and each give its own text.
fn pieces_problem(
    pieces: &[CharRange],
    range: CharRange,
    records: &[PieceRecord],
    text: &ArticleText,
) -> Option<String> {
    if records.len() == 1 {
        return Some("“ranges” lists one piece; a span in one piece has none".to_owned());
    }
    let first = pieces.first().map(|piece| piece.start);
    let last = pieces.last().map(|piece| piece.end);
    let apart = pieces.windows(2).all(|pair| pair[0].end < pair[1].start);
    if pieces.iter().any(CharRange::is_empty) || !apart {
        return Some("its ranges must be in order, apart, and not empty".to_owned());
    }
    if first != Some(range.start) || last != Some(range.end) {
        return Some(format!(
            "its ranges do not run from start {} to end {}",
            range.start.0, range.end.0
        ));
    }
    let wrong = (records.iter()).find(|piece| {
        text.slice(CharRange::new(piece.start, piece.end)) != Some(piece.text.as_str())
    })?;
    Some(format!(
        "the text “{}” of its range {}..{} does not match the article",
        wrong.text, wrong.start, wrong.end
    ))
}

/// The schema a file defines; a hotkey that is not one character is reported.
pub fn schema_of(file: &NativeExport, problems: &mut Vec<String>) -> Schema {
    schema_from(&file.labels, &file.links, problems)
}

/// The schema that label and link records define; a hotkey that is not one character is
/// reported.
pub fn schema_from(
    labels: &[LabelRecord],
    links: &[LinkRuleRecord],
    problems: &mut Vec<String>,
) -> Schema {
    Schema::new(
        labels
            .iter()
            .map(|label| {
                let mut keys = label.hotkey.chars();
                let hotkey = match (keys.next(), keys.next()) {
                    (Some(key), None) => key,
                    _ => {
                        problems.push(format!(
                            "label “{}”: hotkey “{}” must be one character",
                            label.name, label.hotkey
                        ));
                        ' '
                    }
                };
                Label {
                    name: label.name.clone(),
                    color: label.color.clone(),
                    hotkey,
                    attributes: label
                        .attributes
                        .iter()
                        .map(|attribute| AttributeDef {
                            name: attribute.name.clone(),
                            values: attribute.values.clone(),
                        })
                        .collect(),
                    frame: label.frame,
                }
            })
            .collect(),
        links
            .iter()
            .map(|rule| LinkRule {
                from: rule.from.clone(),
                to: rule.to.clone(),
                kind: rule.kind.clone(),
            })
            .collect(),
    )
}

/// The works as a JSONL dataset: one compact native export per line, one line per article.
pub fn export_jsonl(works: &[Work]) -> String {
    works
        .iter()
        .map(|work| {
            let export = export(work.document, work.schema, work.annotations);
            // Serialising these plain structs cannot fail.
            serde_json::to_string(&export).unwrap_or_default() + "\n"
        })
        .collect()
}

/// Reads back a JSONL dataset written by `export_jsonl`, checking every line as `parse`
/// does.
pub fn parse_jsonl(input: &str) -> Result<Vec<Imported>, ParseError> {
    (input.lines().filter(|line| !line.trim().is_empty()))
        .map(parse)
        .collect()
}

/// Reads a native file (one export) or a JSONL dataset (one export per line) for review.
/// Unlike `parse`, nothing is checked here beyond the shape: `import::review` does it.
pub fn import(input: &str) -> Result<Vec<Draft>, ReadError> {
    let input = input.trim_start_matches('\u{feff}');
    if is_jsonl(input) {
        return read_jsonl(input, |line, index| {
            serde_json::from_str::<NativeExport>(line)
                .map(draft_of)
                .map_err(|error| ReadError::json(&error, index))
        });
    }
    serde_json::from_str::<NativeExport>(input)
        .map(|file| vec![draft_of(file)])
        .map_err(|error| ReadError::json(&error, 0))
}

/// True when the input is JSON Lines: its first line is a whole JSON value, and more
/// lines follow.
pub fn is_jsonl(input: &str) -> bool {
    let mut lines = input.lines().filter(|line| !line.trim().is_empty());
    let first = lines.next().unwrap_or("");
    lines.next().is_some() && serde_json::from_str::<serde::de::IgnoredAny>(first).is_ok()
}

fn draft_of(file: NativeExport) -> Draft {
    let mut problems = Vec::new();
    let schema = schema_of(&file, &mut problems);
    Draft {
        id: Some(file.document.id),
        title: Some(file.document.title),
        source: file.document.source,
        text: Some(file.document.text),
        extra: file.document.extra,
        annotator: file.document.annotator,
        layout: file.document.layout,
        labels: schema.labels().to_vec(),
        links: schema.links().to_vec(),
        spans: file
            .spans
            .into_iter()
            .map(|span| DraftSpan {
                id: span.id,
                label: span.label,
                start: Some(span.start),
                end: Some(span.end),
                quote: Some(span.text),
                prefix: None,
                suffix: None,
                pieces: (span.ranges.iter())
                    .map(|piece| (piece.start, piece.end))
                    .collect(),
                note: span.note,
                attributes: span.attributes,
                evidence: span.evidence,
                created: Some(span.created),
                modified: Some(span.modified),
            })
            .collect(),
        relations: file
            .relations
            .into_iter()
            .map(|relation| DraftRelation {
                id: Some(relation.id),
                kind: relation.kind,
                from: relation.from,
                to: relation.to,
            })
            .collect(),
    }
}

/// The download name for a document's native export.
pub fn file_name(document: &Document) -> String {
    format!("{}.annotations.json", slug(document))
}

/// A document's title as a slug of whole words, at most 60 characters ("article" when the
/// title has no letters or digits): the stem of every export's name.
pub fn slug(document: &Document) -> String {
    slug_of(&document.title)
}

/// A title as a slug (see `slug`): its words of letters and digits in any script,
/// lowercased, joined by "-", at most 60 characters. Letters and digits are safe in a file
/// name on every file system (and zip names are written as UTF-8), so an Arabic or Greek
/// title keeps its words rather than losing every letter.
pub fn slug_of(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut slug = String::new();
    let mut length = 0;
    for word in words {
        let letters = word.chars().count();
        if length > 0 && length + 1 + letters > 60 {
            break;
        }
        if length > 0 {
            slug.push('-');
            length += 1;
        }
        slug.extend(word.chars().take(60));
        length += letters.min(60);
    }
    if slug.is_empty() {
        "article".to_owned()
    } else {
        slug
    }
}
