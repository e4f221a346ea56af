//! The formats the app reads and writes, by name. The native format lives here; the
//! others (and reading and writing them) live in the `annotator-formats` crate, which runs
//! in the worker. Importers give `Draft`s, which the import review checks against the
//! text and the schema; exporters take `Work`s.

pub mod draft;
pub mod native;

use draft::Work;
use serde::{Deserialize, Serialize};

/// Every format the app writes, in the order the export dialog lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Native,
    NativeJsonl,
    W3c,
    DoccanoSequence,
    DoccanoRelations,
    LabelStudio,
    Brat,
    Spacy,
    Conll,
    Csv,
    ClaimsCsv,
    ClaimReview,
}

/// A file made by an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// A file the user picked or dropped for import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Format {
    pub const ALL: [Format; 12] = [
        Format::Native,
        Format::NativeJsonl,
        Format::W3c,
        Format::DoccanoSequence,
        Format::DoccanoRelations,
        Format::LabelStudio,
        Format::Brat,
        Format::Spacy,
        Format::Conll,
        Format::Csv,
        Format::ClaimsCsv,
        Format::ClaimReview,
    ];

    /// The format's name for people.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "Native JSON",
            Format::NativeJsonl => "Native JSONL dataset",
            Format::W3c => "W3C Web Annotation",
            Format::DoccanoSequence => "doccano (sequence labelling)",
            Format::DoccanoRelations => "doccano (relation extraction)",
            Format::LabelStudio => "Label Studio",
            Format::Brat => "brat standoff",
            Format::Spacy => "spaCy / Prodigy JSONL",
            Format::Conll => "CoNLL / IOB",
            Format::Csv => "CSV",
            Format::ClaimsCsv => "Claims CSV (verdicts)",
            Format::ClaimReview => "ClaimReview",
        }
    }

    /// What the export carries and what it leaves out, in a line.
    pub fn summary(self) -> &'static str {
        match self {
            Format::Native => "Everything: text, schema, spans, links, notes, attributes, times. The master format.",
            Format::NativeJsonl => "The native format, one article per line: a dataset for pandas or jq.",
            Format::W3c => "JSON-LD annotations with quote and position selectors; notes, attributes and links included.",
            Format::DoccanoSequence => "Text and [start, end, label] triples, with quotes, notes and attributes alongside. Links are left out.",
            Format::DoccanoRelations => "Entities (with quotes, notes and attributes) and relations. Span times are left out.",
            Format::LabelStudio => "A task with labels, relations, notes (textarea) and attributes (choices). Span times and label colours are left out.",
            Format::Brat => "A zip of .txt + .ann (T, R, A and # lines) with annotation.conf, visual.conf and kb_shortcuts.conf. Names become brat-safe (spaces → _); line breaks in notes become spaces.",
            Format::Spacy => "Text, tokens and spans (Doc.char_span never gives None), with relations. Span ids and times are left out.",
            Format::Conll => "One token per line with IOB tags. Overlapping spans cannot be represented.",
            Format::Csv => "One row per span with its note, attributes and linked source; no article text. Export only.",
            Format::ClaimsCsv => "One row per claim with its verdict, rating and source, for spreadsheets. Export only.",
            Format::ClaimReview => "schema.org ClaimReview, one per claim, its verdict as the rating; the publisher's fields to fill in. Export only.",
        }
    }

    /// The end of the download's name.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Native => ".annotations.json",
            Format::NativeJsonl => ".annotations.jsonl",
            Format::W3c => ".w3c.jsonld",
            Format::DoccanoSequence => ".doccano.jsonl",
            Format::DoccanoRelations => ".doccano-relations.jsonl",
            Format::LabelStudio => ".label-studio.json",
            Format::Brat => ".brat.zip",
            Format::Spacy => ".spacy.jsonl",
            Format::Conll => ".conll",
            Format::Csv => ".csv",
            Format::ClaimsCsv => ".claims.csv",
            Format::ClaimReview => ".claimreview.jsonld",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Native | Format::LabelStudio => "application/json",
            Format::W3c | Format::ClaimReview => "application/ld+json",
            Format::NativeJsonl
            | Format::DoccanoSequence
            | Format::DoccanoRelations
            | Format::Spacy => "application/jsonl",
            Format::Brat => "application/zip",
            Format::Conll => "text/plain;charset=utf-8",
            Format::Csv | Format::ClaimsCsv => "text/csv;charset=utf-8",
        }
    }

    /// True when one file of the format holds many articles (a project export); Native
    /// JSON holds one (its JSONL dataset is the project's native file).
    pub fn holds_many(self) -> bool {
        self != Format::Native
    }

    /// True when files in the format can be imported back.
    pub fn importable(self) -> bool {
        !matches!(
            self,
            Format::Conll | Format::Csv | Format::ClaimsCsv | Format::ClaimReview
        )
    }

    /// What this export would leave out of these works, if anything, for the dialog.
    pub fn losses(self, works: &[Work]) -> Option<String> {
        let spans = works
            .iter()
            .flat_map(|work| work.annotations.spans().iter());
        let split = spans.filter(|span| span.is_split()).count();
        let pieces = |how: &str| (split > 0).then(|| format!("{split} split span(s): {how}"));
        match self {
            Format::Conll => {
                let total: usize = works.iter().map(|work| work.annotations.len()).sum();
                let dropped: usize = works
                    .iter()
                    .map(|work| work.annotations.len() - work.annotations.apart().len())
                    .sum();
                let overlaps = (dropped > 0).then(|| {
                    format!("{dropped} of {total} spans overlap others and will be left out (the file's header says so).")
                });
                let chunks = pieces("each piece is tagged as a chunk of its own (IOB cannot tie them).");
                match (overlaps, chunks) {
                    (Some(overlaps), Some(chunks)) => Some(format!("{overlaps} {chunks}")),
                    (overlaps, chunks) => overlaps.or(chunks),
                }
            }
            Format::DoccanoSequence | Format::DoccanoRelations | Format::Spacy => pieces(
                "one span per piece; the first lists the pieces (\"pieces\"), which ties them when the file is imported here.",
            ),
            Format::LabelStudio => pieces(
                "one region per piece (ids <span id>, <span id>~2, …), tied by the task's meta.pieces.",
            ),
            Format::Csv | Format::ClaimsCsv => pieces(
                "one row each, its text the pieces joined by \" … \" and its offsets from the first piece to the last.",
            ),
            _ => None,
        }
    }
}

impl ExportFile {
    /// The file of `format` holding `bytes`, named after the first work's article.
    pub fn new(format: Format, works: &[Work], bytes: Vec<u8>) -> ExportFile {
        let stem = works
            .first()
            .map_or_else(|| "article".to_owned(), |work| native::slug(work.document));
        ExportFile {
            name: format!("{stem}{}", format.suffix()),
            mime: format.mime(),
            bytes,
        }
    }
}

/// Native JSON of one work: the one export the app writes itself (every other format is
/// written in the worker, by `annotator-formats`).
pub fn native_file(work: Work) -> ExportFile {
    let json = native::to_json(&native::export(
        work.document,
        work.schema,
        work.annotations,
    ));
    ExportFile::new(Format::Native, &[work], json.into_bytes())
}
