//! What annotating does not need, kept out of the app's start-up download: the foreign
//! formats (reading and writing them), the import review and re-anchoring, Markdown and
//! zip. The worker (`src/worker`) runs it off the main thread; the app only speaks the
//! native format, from `annotator-core`.

pub mod agreement;
pub mod anchor;
pub mod brat;
pub mod claim_review;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod import;
pub mod jobs;
pub mod label_studio;
pub mod markdown;
pub mod spacy;
pub mod suggest;
pub mod tokens;
pub mod w3c;
pub mod zip;

/// The core's model, as `crate::model` (the modules here were written beside it).
pub(crate) use annotator_core::model;

use annotator_core::model::formats::draft::{Draft, ReadError, Work};
use annotator_core::model::formats::{self, native, ExportFile, Format, InFile};

/// Writes the works in this format.
pub fn export(format: Format, works: &[Work]) -> ExportFile {
    export_for(format, works, "")
}

/// `export`, with the fact-checking organisation that publishes the reviews ("": none):
/// ClaimReview's `author`.
pub fn export_for(format: Format, works: &[Work], publisher: &str) -> ExportFile {
    let bytes = match format {
        Format::Native => {
            return works.first().map_or_else(
                || ExportFile::new(format, works, Vec::new()),
                |work| formats::native_file(*work),
            )
        }
        Format::NativeJsonl => native::export_jsonl(works).into_bytes(),
        Format::W3c => w3c::export(works).into_bytes(),
        Format::DoccanoSequence => doccano::export_sequence(works).into_bytes(),
        Format::DoccanoRelations => doccano::export_relations(works).into_bytes(),
        Format::LabelStudio => label_studio::export(works).into_bytes(),
        Format::Brat => brat::export_zip(works),
        Format::Spacy => spacy::export(works).into_bytes(),
        Format::Conll => conll::export(works).text.into_bytes(),
        Format::Csv => csv::export(works).into_bytes(),
        Format::ClaimsCsv => csv::export_claims(works).into_bytes(),
        Format::ClaimReview => claim_review::export_for(works, publisher).into_bytes(),
    };
    ExportFile::new(format, works, bytes)
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
            "a text file alone is an article: open it with Open article (in the Article menu), or import it together with its brat .ann",
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
            "ClaimReview is for fact-check publishing; it cannot be imported",
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
