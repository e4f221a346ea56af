//! What the app asks of the worker and what the worker answers: plain data. A job or an
//! answer travels as JSON, with the bytes of files beside it (never inside the JSON): see
//! `Letter`. The app (`web::worker`) and the worker (`src/worker`) both speak it; work
//! crosses as native JSON, the one format both sides know.

use crate::agreement::Agreement;
use crate::model::document::LayoutRecord;
use crate::model::formats::native::{self, Imported};
use crate::model::formats::Format;
use crate::model::span::Timestamp;
use crate::model::suggestion::Suggestion;
use serde::{Deserialize, Serialize};

/// What a job fails with when the user cancelled it (the worker was terminated).
pub const CANCELLED: &str = "cancelled";

/// A job for the worker. Files' bytes travel beside the job, in `Letter::bytes`, in the
/// order of their names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Job {
    /// Read annotation files (a brat set, or one file in any importable format) and review
    /// draft 0 against the open work (native JSON). The worker keeps the drafts and the
    /// open work for `Review` and `Project` until the next `Read`.
    Read {
        names: Vec<String>,
        open: String,
        now: Timestamp,
    },
    /// Review draft `chosen` of the last read, against the open work it came with.
    Review { chosen: usize, now: Timestamp },
    /// Review every draft of these files (none: of the last read) as the articles of a
    /// new project.
    Project { names: Vec<String>, now: Timestamp },
    /// Write works in a format: the works travel beside as bytes (native JSONL, one
    /// article a line, UTF-8), transferred rather than copied into the letter's JSON.
    /// `publisher` is the fact-checking organisation ("": none), ClaimReview's author.
    Export { format: Format, publisher: String },
    /// A Markdown file's text without its markup, with the layout of its blocks.
    Markdown { name: String, text: String },
    /// Measure how far annotators agree. Each file is one annotator's work, named after the
    /// file; a zip holding a folder per annotator (brat's and `bratiaa`'s layout) gives one
    /// annotator per folder.
    Agreement { names: Vec<String>, now: Timestamp },
    /// The gold project of the last comparison: its articles pre-merged at `threshold`
    /// (what that many annotators marked alike), signed by `adjudicator`. Answered as a
    /// `Project`, with each article's versions (`Curation`) as JSONL beside its articles,
    /// and how many clusters each has (a JSON array).
    Gold {
        threshold: usize,
        adjudicator: Option<String>,
        now: Timestamp,
    },
    /// Suggest spans in an article: its text travels beside (UTF-8), its language is told
    /// by its words.
    Suggest,
}

/// What the worker answers a job. File bytes (an export's) travel beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The files read: their format, one line per article ("Title (12 spans)"), and the
    /// review of the first.
    /// A review's work travels beside (see `Review::into_letter`).
    Read {
        format: Format,
        articles: Vec<String>,
        review: Result<Review<()>, String>,
    },
    /// The review of another article of the last read; its work travels beside.
    Review(Result<Review<()>, String>),
    /// What could not be taken into a new project. Its articles travel beside as bytes
    /// (native JSONL, UTF-8; the schema grows from one to the next, so the last article's
    /// fits them all): transferred, not copied into the letter's JSON and out again.
    Project { left_out: usize, not_placed: usize },
    /// An export's file name; its bytes travel beside.
    Exported { name: String },
    Markdown {
        text: String,
        layout: Vec<LayoutRecord>,
    },
    /// The agreement report; its JSON and CSV files travel beside, in that order.
    Agreement(Agreement),
    /// The suggestions for an article, in text order.
    Suggested(Vec<Suggestion>),
    /// The job could not be done: why, for the user.
    Failed(String),
}

/// A job or an answer with its number (answers carry their job's) and the bytes of the
/// files it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter<T> {
    pub id: u32,
    pub body: T,
    pub bytes: Vec<Vec<u8>>,
}

/// What importing a draft would give, and everything the user should know first.
///
/// `W` is the work that accepting the import opens: an `Imported`, or nothing (`()`) in
/// the worker's answer, beside which the work travels as native JSON bytes, read once on
/// arrival (`Review::with_work`) rather than escaped into the letter's JSON and out again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review<W = Imported> {
    #[serde(skip)]
    pub imported: W,
    /// True when the file had no article text and its spans join the open article's.
    pub onto_open_article: bool,
    /// Sentences a user can act on: moved and fuzzy spans, renamed ids, skipped relations.
    pub problems: Vec<String>,
    /// Spans that could not be placed in the text.
    pub orphans: Vec<Orphan>,
    /// Labels the file uses that the schema did not have; accepting adds them.
    pub added_labels: Vec<String>,
    /// Spans placed, and of those how many were re-anchored (moved or fuzzy).
    pub placed: usize,
    pub reanchored: usize,
}

/// A span that could not be placed in the text, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orphan {
    pub id: String,
    pub label: String,
    pub quote: String,
    pub reason: String,
}

impl Review {
    /// The review for a letter, and its work as the bytes to travel beside it (native
    /// JSON, UTF-8).
    pub fn into_letter(self) -> (Review<()>, Vec<u8>) {
        let work = &self.imported;
        let export = native::export_unhashed(&work.document, &work.schema, &work.annotations);
        // Serialising these plain structs cannot fail.
        let bytes = serde_json::to_vec(&export).unwrap_or_default();
        (self.with(()), bytes)
    }
}

impl Review<()> {
    /// The review with its work, read back with every check from the native JSON bytes
    /// it travelled as.
    pub fn with_work(self, bytes: &[u8]) -> Result<Review, String> {
        let json = std::str::from_utf8(bytes).map_err(|_| "the reviewed work is not UTF-8")?;
        let imported = native::parse(json)
            .map_err(|error| format!("the reviewed work did not read back: {error}"))?;
        Ok(self.with(imported))
    }
}

impl<W> Review<W> {
    fn with<V>(self, imported: V) -> Review<V> {
        Review {
            imported,
            onto_open_article: self.onto_open_article,
            problems: self.problems,
            orphans: self.orphans,
            added_labels: self.added_labels,
            placed: self.placed,
            reanchored: self.reanchored,
        }
    }
}

/// A reviewing answer's review with its work from the bytes beside it.
pub fn reviewed(review: Result<Review<()>, String>, bytes: &[Vec<u8>]) -> Result<Review, String> {
    let bytes = bytes.first().ok_or("the reviewed work did not come")?;
    review?.with_work(bytes)
}
