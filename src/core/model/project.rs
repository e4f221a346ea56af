//! Projects: queues of articles that share one label schema, and the records the browser
//! stores for them. Pure: the storage itself is in `web::db`.
//!
//! An article is stored as three records, so an edit rewrites only what changed:
//! its [`Entry`] (title, status, span counts: what the project view lists), its text
//! (written once) and its [`StoredWork`] (spans and relations, rewritten on every save).

use super::annotations::Annotations;
use super::curation::{Decided, Decision};
use super::document::{layout_from, layout_records, Document, Extra, LayoutRecord};
use super::formats::native::{
    self, DocumentRecord, Imported, LabelRecord, LinkRuleRecord, NativeExport, ParseError,
    RelationRecord, SpanRecord,
};
use super::schema::Schema;
use super::schema_builder;
use super::suggestion::Rejected;
use super::text::{sha256_hex, ArticleText};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A project as stored: its name, its schema, and where renamed labels went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    /// When it was created (RFC 3339).
    pub created: String,
    pub labels: Vec<LabelRecord>,
    pub links: Vec<LinkRuleRecord>,
    /// Every label rename (old name, new name), in order: an article stored when the
    /// log was `n` long reads its labels through the renames from `n` on.
    #[serde(default)]
    pub renames: Vec<(String, String)>,
    /// The position the next article added gets.
    pub next_position: u32,
    /// The team project this one is a copy of (absent: a project of this browser alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<crate::team::TeamLink>,
}

impl Project {
    pub fn new(id: String, name: String, created: String, schema: &Schema) -> Self {
        Self {
            id,
            name,
            created,
            labels: native::label_records(schema),
            links: native::link_records(schema),
            renames: Vec::new(),
            next_position: 0,
            team: None,
        }
    }

    /// The project's label schema.
    pub fn schema(&self) -> Schema {
        native::schema_from(&self.labels, &self.links, &mut Vec::new())
    }

    /// Takes a new schema, and the renames that came with it (in order), so articles stored
    /// under the old names read under the new ones.
    pub fn set_schema(&mut self, schema: &Schema, renames: &[(String, String)]) {
        self.labels = native::label_records(schema);
        self.links = native::link_records(schema);
        self.renames.extend_from_slice(renames);
    }

    /// The name now of a label stored when `generation` renames had been made.
    pub fn label_now(&self, label: &str, generation: usize) -> String {
        let mut name = label.to_owned();
        for (old, new) in self.renames.iter().skip(generation) {
            if name == *old {
                name = new.clone();
            }
        }
        name
    }

    /// How many renames have been made: what an article stored now records.
    pub fn generation(&self) -> usize {
        self.renames.len()
    }

    /// Reserves the next position (and so the next storage key) for a new article.
    pub fn take_position(&mut self) -> u32 {
        let position = self.next_position;
        self.next_position += 1;
        position
    }
}

/// Where an article is in the user's work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    /// The user said it is finished.
    Done,
}

impl Status {
    pub fn describe(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Done => "done",
        }
    }
}

/// What the project view shows of an article, stored apart from its text and work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The storage key of the article's records: the project id and the position.
    pub key: String,
    pub project: String,
    pub position: u32,
    /// The document's own id (as exported).
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layout: Vec<LayoutRecord>,
    /// Who annotated the article, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    /// Text length in code points.
    pub length: usize,
    pub status: Status,
    /// Spans per label.
    pub counts: BTreeMap<String, usize>,
    pub relations: usize,
    /// Counts saves, so a tab can tell when another one saved the article since it read it.
    pub version: u64,
    /// The project's rename count when the article was last saved (see `Project::renames`).
    #[serde(default)]
    pub generation: usize,
    /// A gold article's curation: clusters decided, of all (absent for other articles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curation: Option<Decided>,
}

impl Entry {
    /// A new article at `position` of `project`.
    pub fn new(project: &str, position: u32, document: &Document) -> Self {
        Self {
            key: key_of(project, position),
            project: project.to_owned(),
            position,
            id: document.id.clone(),
            title: document.title.clone(),
            source: document.source.clone(),
            extra: document.extra.clone(),
            annotator: document.annotator.clone(),
            layout: layout_records(&document.layout),
            length: document.text.len_chars(),
            status: Status::NotStarted,
            counts: BTreeMap::new(),
            relations: 0,
            version: 0,
            generation: 0,
            curation: None,
        }
    }

    /// Takes the counts of `annotations` (labelled as `project` names them now); an article
    /// with spans is at least in progress.
    pub fn count(&mut self, project: &Project, annotations: &Annotations) {
        self.generation = project.generation();
        self.counts.clear();
        for span in annotations.spans() {
            match self.counts.get_mut(&span.label) {
                Some(count) => *count += 1,
                None => drop(self.counts.insert(span.label.clone(), 1)),
            }
        }
        self.relations = annotations.relations().len();
        if let Some(curation) = &mut self.curation {
            curation.decided = annotations.decisions().len().min(curation.clusters);
        }
        if self.status == Status::NotStarted && !annotations.is_empty() {
            self.status = Status::InProgress;
        }
    }

    /// Takes the counts of a stored work (its labels as stored: a team project's copy
    /// renames none).
    pub fn count_work(&mut self, work: &StoredWork) {
        self.counts.clear();
        for span in &work.spans {
            *self.counts.entry(span.label.clone()).or_default() += 1;
        }
        self.relations = work.relations.len();
        if self.status == Status::NotStarted && !work.spans.is_empty() {
            self.status = Status::InProgress;
        }
    }

    pub fn spans(&self) -> usize {
        self.counts.values().sum()
    }

    /// The document this entry describes, with `text`.
    pub fn document(&self, text: &str) -> Document {
        Document {
            id: self.id.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            extra: self.extra.clone(),
            annotator: self.annotator.clone(),
            layout: layout_from(&self.layout, text.chars().count()),
            text: ArticleText::new(text),
        }
    }
}

/// The storage key of the article at `position` in `project`: keys sort by position
/// within a project, so one key range reads a project's articles in order.
pub fn key_of(project: &str, position: u32) -> String {
    format!("{project}/{position:09}")
}

/// The range of keys holding `project`'s articles (inclusive bounds).
pub fn key_range(project: &str) -> (String, String) {
    (format!("{project}/"), format!("{project}/\u{ffff}"))
}

/// An article's spans, relations and (a gold article's) decisions as stored (rewritten on
/// every save).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredWork {
    pub spans: Vec<SpanRecord>,
    pub relations: Vec<RelationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
}

impl StoredWork {
    pub fn of(text: &ArticleText, annotations: &Annotations) -> Self {
        Self {
            spans: native::span_records(text, annotations),
            relations: native::relation_records(annotations),
            decisions: annotations.decisions().to_vec(),
            rejected: annotations.rejected().to_vec(),
        }
    }
}

/// Writes an article's [`StoredWork`] as JSON a run of spans at a time, so the save of a
/// long article can give the page back between runs. The bytes are exactly those of
/// `serde_json::to_vec(&StoredWork::of(text, annotations))`.
pub struct WorkWriter<'a> {
    text: &'a ArticleText,
    annotations: &'a Annotations,
    written: usize,
    json: Vec<u8>,
}

impl<'a> WorkWriter<'a> {
    pub fn new(text: &'a ArticleText, annotations: &'a Annotations) -> Self {
        Self {
            text,
            annotations,
            written: 0,
            json: br#"{"spans":["#.to_vec(),
        }
    }

    /// Writes up to `count` more spans. Returns true once every span is written.
    pub fn write(&mut self, count: usize) -> bool {
        let spans = &self.annotations.spans()[self.written..];
        for span in spans.iter().take(count) {
            if self.written > 0 {
                self.json.push(b',');
            }
            let record = native::span_record(self.text, span);
            serde_json::to_writer(&mut self.json, &record).expect("a record serialises");
            self.written += 1;
        }
        self.written == self.annotations.len()
    }

    /// The whole record: the spans not written yet, then the relations.
    pub fn finish(mut self) -> Vec<u8> {
        self.write(usize::MAX);
        self.json.extend_from_slice(br#"],"relations":"#);
        let relations = native::relation_records(self.annotations);
        serde_json::to_writer(&mut self.json, &relations).expect("records serialise");
        let decisions = self.annotations.decisions();
        if !decisions.is_empty() {
            self.json.extend_from_slice(br#","decisions":"#);
            serde_json::to_writer(&mut self.json, decisions).expect("records serialise");
        }
        let rejected = self.annotations.rejected();
        if !rejected.is_empty() {
            self.json.extend_from_slice(br#","rejected":"#);
            serde_json::to_writer(&mut self.json, rejected).expect("records serialise");
        }
        self.json.push(b'}');
        self.json
    }
}

/// A stored article as a native export under the project's schema: labels renamed since it
/// was stored read under their new names, and a label the schema no longer has is added
/// back (so nothing stored is dropped).
pub fn export(project: &Project, entry: &Entry, text: &str, work: StoredWork) -> NativeExport {
    let mut export = unhashed(project, entry, text, work);
    export.document.text_sha256 = sha256_hex(text);
    export
}

/// `export` without the text's SHA-256, for `restore`, which reads it straight back (see
/// `native::export_unhashed`).
fn unhashed(project: &Project, entry: &Entry, text: &str, work: StoredWork) -> NativeExport {
    let mut spans = work.spans;
    let names: Vec<String> = spans
        .iter()
        .map(|span| project.label_now(&span.label, entry.generation))
        .collect();
    let schema = project.schema();
    let mut missing: Vec<&str> = Vec::new();
    for name in &names {
        if schema.get(name).is_none() && !missing.contains(&name.as_str()) {
            missing.push(name);
        }
    }
    let (schema, _) = schema_builder::with_labels(&schema, &missing);
    for (span, name) in spans.iter_mut().zip(names) {
        span.label = name;
    }
    // The record straight from the entry: `check` indexes the text (an `ArticleText`) once.
    let length = text.chars().count();
    let document = DocumentRecord {
        id: entry.id.clone(),
        title: entry.title.clone(),
        source: entry.source.clone(),
        text: text.to_owned(),
        text_sha256: String::new(),
        length,
        utf16_length: text.encode_utf16().count(),
        extra: entry.extra.clone(),
        layout: layout_records(&layout_from(&entry.layout, length)),
        annotator: entry.annotator.clone(),
    };
    let mut export = native::of_records(document, &schema, spans, work.relations);
    export.decisions = work.decisions;
    export.rejected_suggestions = work.rejected;
    export
}

/// A stored article, read back and checked like a native file.
pub fn restore(
    project: &Project,
    entry: &Entry,
    text: &str,
    work: StoredWork,
) -> Result<Imported, ParseError> {
    native::check(unhashed(project, entry, text, work))
}

/// How far a project is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub articles: usize,
    pub done: usize,
    pub in_progress: usize,
    pub spans: usize,
}

pub fn progress(entries: &[Entry]) -> Progress {
    let mut progress = Progress {
        articles: entries.len(),
        ..Progress::default()
    };
    for entry in entries {
        match entry.status {
            Status::Done => progress.done += 1,
            Status::InProgress => progress.in_progress += 1,
            Status::NotStarted => {}
        }
        progress.spans += entry.spans();
    }
    progress
}

/// The index of the first article after `current` (wrapping around) that is not done.
pub fn next_unfinished(entries: &[Entry], current: usize) -> Option<usize> {
    let count = entries.len();
    (1..=count)
        .map(|step| (current + step) % count)
        .find(|&at| entries[at].status != Status::Done)
}
