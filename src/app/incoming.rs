//! Articles coming in: files opened or dropped (text, Markdown, saved web pages),
//! annotation files for import, and pastes. Each is read in the browser and becomes one
//! message; several files at once become one message, in the order given.

use super::update::{project_name_of, Msg};
use crate::model::document::{layout_records, Document};
use crate::model::formats::{self, draft::Draft};
use crate::model::intake;
use crate::model::web_page::Origin;
use crate::web::files::{self, ArticleFile};
use crate::web::{clock, page};
use std::rc::Rc;

/// What picked or dropped files are for.
pub enum FilesFor {
    /// Articles joining the project.
    Articles,
    /// Annotations, for the import review.
    Import,
    NewProject,
    /// Dropped on the page: annotations if any file is one, else articles.
    Dropped,
}

/// File extensions that hold annotations rather than an article.
const IMPORT_EXTENSIONS: [&str; 6] = ["json", "jsonl", "jsonld", "ann", "zip", "conf"];

/// Files this large (bytes, all together) are read under a busy notice.
pub const LARGE_IMPORT_BYTES: f64 = 256.0 * 1024.0;

pub fn is_import_file(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        IMPORT_EXTENSIONS.contains(&extension.to_lowercase().as_str())
    })
}

/// The files' names, for messages and headings.
pub fn names_of(files: &[web_sys::File]) -> String {
    files
        .iter()
        .map(web_sys::File::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads article files, in order. A single web page is previewed first; pages among several
/// files keep the article the finder found.
pub async fn read_articles(picked: Vec<web_sys::File>) -> Msg {
    let preview = picked.len() == 1;
    let mut read = Vec::with_capacity(picked.len());
    for file in picked {
        let (name, article) = files::read_article(file).await;
        match article {
            Ok(ArticleFile::Page(page, origin)) if preview => {
                return Msg::PageRead(Ok((Rc::from(page), origin)));
            }
            article => read.push(
                article
                    .and_then(|article| document_of(&name, article))
                    .map_err(|problem| (name, problem)),
            ),
        }
    }
    Msg::ArticlesRead(read)
}

/// Reads annotation files for the import review.
pub async fn read_import(picked: Vec<web_sys::File>) -> Msg {
    let names = names_of(&picked);
    let read = files::read_import(picked)
        .await
        .and_then(|read| formats::read(&read).map_err(|error| error.to_string()));
    Msg::ImportRead(read.map(|(format, drafts)| (names, format, drafts)))
}

/// Reads pasted rich text as a web page, to preview.
pub async fn read_pasted_html(html: String) -> Msg {
    Msg::PageRead(
        page::read(&html)
            .await
            .map(|page| (Rc::new(page), Origin::Clipboard))
            .map_err(|problem| {
                format!(
                    "The pasted text was not opened: {problem}. The current article is unchanged."
                )
            }),
    )
}

/// Makes a project of picked files: annotation files are read in any importable format,
/// text, Markdown and web pages become articles without spans.
pub async fn read_new_project(picked: Vec<web_sys::File>) -> Msg {
    let names = names_of(&picked);
    let (annotations, articles): (Vec<_>, Vec<_>) = picked
        .into_iter()
        .partition(|file| is_import_file(&file.name()));
    let mut drafts = Vec::new();
    if !annotations.is_empty() {
        let read = files::read_import(annotations)
            .await
            .and_then(|read| formats::read(&read).map_err(|error| error.to_string()));
        match read {
            Ok((_, read)) => drafts.extend(read),
            Err(error) => return Msg::NewProject(Err(error)),
        }
    }
    for file in articles {
        let (name, read) = files::read_article(file).await;
        match read.and_then(|read| draft_of(&name, read)) {
            Ok(draft) => drafts.push(draft),
            Err(problem) => {
                return Msg::NewProject(Err(format!("“{name}” could not be read ({problem})")))
            }
        }
    }
    Msg::NewProject(Ok((project_name_of(&names), drafts)))
}

/// The article a read file becomes (a web page: the article the finder kept), or why a
/// page gave none (no text, or too much).
fn document_of(name: &str, read: ArticleFile) -> Result<Document, String> {
    let document = match read {
        ArticleFile::Text(flat) => intake::document_of(name, flat, clock::new_id()),
        ArticleFile::Page(page, origin) => {
            let source = page.source_url().unwrap_or_default();
            let extraction = page.default_extraction();
            let now = clock::now();
            page.document(extraction, "", &source, &origin, &now, clock::new_id())
        }
    };
    intake::check_text(document.text.as_str()).map_err(|problem| problem.to_string())?;
    Ok(document)
}

/// A draft of a read file, for a new project.
fn draft_of(name: &str, read: ArticleFile) -> Result<Draft, String> {
    let document = document_of(name, read)?;
    Ok(Draft {
        title: Some(document.title),
        source: document.source,
        text: Some(document.text.as_str().to_owned()),
        extra: document.extra,
        layout: layout_records(&document.layout),
        ..Draft::default()
    })
}
