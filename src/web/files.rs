//! Reading files the user opened or dropped.

use super::{page, worker};
use crate::model::document::layout_from;
use crate::model::formats::InFile;
use crate::model::intake::{self, IntakeError, MAX_ARTICLE_BYTES};
use crate::model::rich_text::Flattened;
use crate::model::span::Timestamp;
use crate::model::web_page::{Origin, Page};
use annotator_core::jobs::{Answer, Job};

/// An article file, read.
pub enum ArticleFile {
    /// Plain text, or Markdown without its markup.
    Text(Flattened),
    /// A saved web page, with where it came from.
    Page(Box<Page>, Origin),
}

/// A file's name and what it holds as an article, or why it is not one.
pub async fn read_article(file: web_sys::File) -> (String, Result<ArticleFile, String>) {
    let name = file.name();
    if intake::is_page_file(&name) {
        let origin = Origin::File {
            name: name.clone(),
            modified: modified(&file),
        };
        let read = page::read_file(&file).await;
        return (
            name,
            read.map(|page| ArticleFile::Page(Box::new(page), origin)),
        );
    }
    let size = file.size() as usize;
    if size > MAX_ARTICLE_BYTES {
        return (name, Err(IntakeError::TooLarge { bytes: size }.to_string()));
    }
    let blob = gloo::file::Blob::from(file);
    let text = match gloo::file::futures::read_as_bytes(&blob).await {
        Ok(bytes) => intake::decode_file(&name, &bytes),
        Err(_) => Err(IntakeError::Binary),
    };
    let flat = match text {
        Ok(text) if intake::is_markdown_file(&name) => markdown(&name, text).await,
        Ok(text) => Ok(Flattened {
            text,
            layout: Vec::new(),
        }),
        Err(problem) => Err(problem.to_string()),
    };
    let checked = flat.and_then(|flat| {
        intake::check_text(&flat.text)
            .map(|()| ArticleFile::Text(flat))
            .map_err(|problem| problem.to_string())
    });
    (name, checked)
}

/// A Markdown file's text without its markup, with its layout (read in the worker).
async fn markdown(name: &str, text: String) -> Result<Flattened, String> {
    let job = Job::Markdown {
        name: name.to_owned(),
        text,
    };
    match worker::ask(job, Vec::new()).await? {
        (Answer::Markdown { text, layout }, _) => Ok(Flattened {
            layout: layout_from(&layout, text.chars().count()),
            text,
        }),
        (Answer::Failed(why), _) => Err(why),
        _ => Err("the worker gave an answer that does not fit".to_owned()),
    }
}

/// When the file was last changed, as the browser reports it.
fn modified(file: &web_sys::File) -> Option<Timestamp> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(file.last_modified()));
    (!date.get_time().is_nan()).then(|| Timestamp(String::from(date.to_iso_string())))
}

/// The most a set of imported files may weigh, in bytes (a dataset of thousands of articles).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// Reads the files picked or dropped for an import, or says why not.
pub async fn read_import(files: Vec<web_sys::File>) -> Result<Vec<InFile>, String> {
    let total: f64 = files.iter().map(|file| file.size()).sum();
    if total as usize > MAX_IMPORT_BYTES {
        return Err(format!(
            "the files weigh {}, more than the {} an import may",
            intake::human_size(total as usize),
            intake::human_size(MAX_IMPORT_BYTES)
        ));
    }
    let mut read = Vec::new();
    for file in files {
        let name = file.name();
        let blob = gloo::file::Blob::from(file);
        let bytes = gloo::file::futures::read_as_bytes(&blob)
            .await
            .map_err(|_| format!("“{name}” could not be read"))?;
        read.push(InFile { name, bytes });
    }
    Ok(read)
}
