//! One adapter per file format. Exporters take `Work`s; importers give `Draft`s, which
//! `review` checks against the text and the schema before anything is imported.

pub mod brat;
pub mod claim_review;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod draft;
pub mod label_studio;
pub mod native;
pub mod spacy;
pub mod tokens;
pub mod w3c;
pub mod zip;

use draft::{Draft, ReadError, Work};

/// Every format the app writes, in the order the export dialog lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    pub const ALL: [Format; 11] = [
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
            Format::ClaimReview => "ClaimReview stubs",
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
            Format::ClaimReview => "schema.org ClaimReview drafts, one per claim, to fill in. Export only.",
        }
    }

    /// The end of the download's name.
    fn suffix(self) -> &'static str {
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
            Format::ClaimReview => ".claimreview.jsonld",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Native | Format::LabelStudio => "application/json",
            Format::W3c | Format::ClaimReview => "application/ld+json",
            Format::NativeJsonl
            | Format::DoccanoSequence
            | Format::DoccanoRelations
            | Format::Spacy => "application/jsonl",
            Format::Brat => "application/zip",
            Format::Conll => "text/plain;charset=utf-8",
            Format::Csv => "text/csv;charset=utf-8",
        }
    }

    /// True when one file of the format holds many articles (a project export); Native
    /// JSON holds one (its JSONL dataset is the project's native file).
    pub fn holds_many(self) -> bool {
        self != Format::Native
    }

    /// True when files in the format can be imported back.
    pub fn importable(self) -> bool {
        !matches!(self, Format::Conll | Format::Csv | Format::ClaimReview)
    }

    /// What this export would leave out of these works, if anything, for the dialog.
    pub fn losses(self, works: &[Work]) -> Option<String> {
        match self {
            Format::Conll => {
                let total: usize = works.iter().map(|work| work.annotations.len()).sum();
                let dropped: usize = works.iter().map(conll::dropped_spans).sum();
                (dropped > 0).then(|| {
                    format!("{dropped} of {total} spans overlap others and will be left out (the file's header says so).")
                })
            }
            _ => None,
        }
    }

    /// Writes the works in this format.
    pub fn export(self, works: &[Work]) -> ExportFile {
        let bytes = match self {
            Format::Native => match works.first() {
                Some(work) => native::to_json(&native::export(
                    work.document,
                    work.schema,
                    work.annotations,
                ))
                .into_bytes(),
                None => Vec::new(),
            },
            Format::NativeJsonl => native::export_jsonl(works).into_bytes(),
            Format::W3c => w3c::export(works).into_bytes(),
            Format::DoccanoSequence => doccano::export_sequence(works).into_bytes(),
            Format::DoccanoRelations => doccano::export_relations(works).into_bytes(),
            Format::LabelStudio => label_studio::export(works).into_bytes(),
            Format::Brat => brat::export_zip(works),
            Format::Spacy => spacy::export(works).into_bytes(),
            Format::Conll => conll::export(works).text.into_bytes(),
            Format::Csv => csv::export(works).into_bytes(),
            Format::ClaimReview => claim_review::export(works).into_bytes(),
        };
        let stem = works
            .first()
            .map_or_else(|| "article".to_owned(), |work| native::slug(work.document));
        ExportFile {
            name: format!("{stem}{}", self.suffix()),
            mime: self.mime(),
            bytes,
        }
    }
}

/// Reads picked or dropped files: a brat set (.ann, .txt, .conf, .zip) or one file in
/// any importable format, recognised by its content.
pub fn read(files: &[InFile]) -> Result<(Format, Vec<Draft>), ReadError> {
    let extension = |file: &InFile| {
        file.name
            .rsplit_once('.')
            .map(|(_, extension)| extension.to_ascii_lowercase())
            .unwrap_or_default()
    };
    if files
        .iter()
        .any(|file| matches!(extension(file).as_str(), "ann" | "zip" | "conf"))
    {
        let pairs: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|file| (file.name.clone(), file.bytes.clone()))
            .collect();
        return brat::import_files(&pairs).map(|drafts| (Format::Brat, drafts));
    }
    let [file] = files else {
        return Err(ReadError::new(
            "",
            "pick one file, or a brat .txt with its .ann",
        ));
    };
    if matches!(extension(file).as_str(), "txt" | "md") {
        return Err(ReadError::new(
            file.name.clone(),
            "a text file alone is an article: open it with Open article (O), or import it together with its brat .ann",
        ));
    }
    let text = std::str::from_utf8(&file.bytes)
        .map_err(|error| {
            ReadError::new(
                file.name.clone(),
                format!(
                    "it is not UTF-8 text (first bad byte at position {})",
                    error.valid_up_to()
                ),
            )
        })?
        .trim_start_matches('\u{feff}');
    let jsonl = native::is_jsonl(text) || file.name.to_ascii_lowercase().ends_with(".jsonl");
    let in_file = |error: ReadError| ReadError {
        at: if error.at.is_empty() {
            file.name.clone()
        } else {
            format!("{}, {}", file.name, error.at)
        },
        message: error.message,
    };
    let format = detect(text, jsonl).map_err(in_file)?;
    let drafts = match format {
        Format::Native | Format::NativeJsonl => native::import(text),
        Format::W3c => w3c::import(text),
        Format::DoccanoSequence | Format::DoccanoRelations => doccano::import(text),
        Format::LabelStudio => label_studio::import(text),
        Format::Spacy => spacy::import(text),
        _ => Err(ReadError::new("", "this format cannot be imported")),
    }
    .map_err(in_file)?;
    Ok((format, drafts))
}

/// True for Label Studio's JSON-MIN export: `label` holds objects (doccano's holds
/// `[start, end, label]` triples).
fn first_label_is_object(object: &serde_json::Value) -> bool {
    object
        .get("label")
        .and_then(|labels| labels.get(0))
        .is_some_and(|label| label.get("labels").is_some())
}

/// Recognises a format by the keys of its first JSON value (its first line, for JSONL).
fn detect(text: &str, jsonl: bool) -> Result<Format, ReadError> {
    let first = if jsonl {
        text.lines()
            .find(|line| !line.trim().is_empty())
            .unwrap_or("")
    } else {
        text
    };
    let value: serde_json::Value = match serde_json::from_str(first) {
        Ok(value) => value,
        Err(error) => {
            let error = ReadError::json(&error, 0);
            return Err(ReadError {
                message: format!("it is not JSON: {}", error.message),
                ..error
            });
        }
    };
    let object = match &value {
        serde_json::Value::Array(items) => items.first().unwrap_or(&serde_json::Value::Null),
        other => other,
    };
    let has = |key: &str| object.get(key).is_some();
    let kind = object
        .get("type")
        .and_then(|kind| kind.as_str())
        .unwrap_or("");
    let context = object
        .get("@context")
        .map(|context| context.to_string())
        .unwrap_or_default();
    if object.get("format").and_then(|format| format.as_str()) == Some("article-annotator") {
        Ok(if jsonl {
            Format::NativeJsonl
        } else {
            Format::Native
        })
    } else if context.contains("schema.org") {
        Err(ReadError::new(
            "",
            "ClaimReview stubs are for fact-check publishing; they cannot be imported",
        ))
    } else if context.contains("w3.org/ns/anno")
        || matches!(
            kind,
            "Annotation" | "AnnotationCollection" | "AnnotationPage"
        )
        || (has("target") && (has("body") || has("motivation") || has("tags") || has("uri")))
        || has("rows")
    {
        Ok(Format::W3c)
    } else if object.get("data").is_some_and(serde_json::Value::is_object)
        || (has("text") && first_label_is_object(object))
    {
        Ok(Format::LabelStudio)
    } else if (has("text") || has("data")) && has("entities") && has("relations") {
        Ok(Format::DoccanoRelations)
    } else if (has("text") || has("data")) && (has("label") || has("labels") || has("entities")) {
        Ok(Format::DoccanoSequence)
    } else if has("text") && (has("spans") || has("tokens")) {
        Ok(Format::Spacy)
    } else if object.get("text").is_some_and(serde_json::Value::is_string) {
        // Articles without labels yet (`text`, maybe `title`, `url`, `id`, other fields):
        // doccano's own form for unlabelled text.
        Ok(Format::DoccanoSequence)
    } else if value.as_array().is_some_and(|items| items.is_empty()) {
        Err(ReadError::new("", "it is an empty list"))
    } else {
        Err(ReadError::new("", "it is JSON, but not a format this app imports (native, W3C, doccano, Label Studio, spaCy/Prodigy, or brat)"))
    }
}
