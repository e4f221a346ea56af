//! Articles coming in: files opened or dropped (text, Markdown, saved web pages),
//! annotation files for import, and pastes. Each is read in the browser and becomes one
//! message; several files at once become one message, in the order given.

use super::update::{project_name_of, Msg, ProjectRead};
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::native::{self, Imported};
use crate::model::intake;
use crate::model::schema::Schema;
use crate::model::web_page::Origin;
use crate::storage::StoredCuration;
use crate::web::files::{self, ArticleFile};
use crate::web::worker::{self, Ticket};
use crate::web::{clock, page};
use annotator_core::jobs::{Answer, Job};
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
    /// Annotators' files to compare.
    Compare,
    /// A dataset file for a new team project (read as text, sent to the team server).
    TeamDataset,
}

/// File extensions that hold annotations rather than an article.
const IMPORT_EXTENSIONS: [&str; 6] = ["json", "jsonl", "jsonld", "ann", "zip", "conf"];

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

/// Reads annotators' files for a comparison (the worker reads and measures them).
pub async fn read_compare(picked: Vec<web_sys::File>) -> Msg {
    let (names, ticket) = (names_of(&picked), Ticket::take());
    let read = files::read_import(picked).await;
    Msg::CompareRead(ticket.check().and(read).map(|read| (names, read)))
}

/// Reads annotation files for the import review (the worker reads their formats).
pub async fn read_import(picked: Vec<web_sys::File>) -> Msg {
    let (names, ticket) = (names_of(&picked), Ticket::take());
    let read = files::read_import(picked).await;
    Msg::ImportRead(ticket.check().and(read).map(|read| (names, read)))
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

/// Makes a project of picked files: annotation files are read in any importable format
/// (in the worker), text, Markdown and web pages become articles without spans.
pub async fn read_new_project(picked: Vec<web_sys::File>) -> Msg {
    let ticket = Ticket::take();
    Msg::NewProject(project_of(picked, ticket).await)
}

async fn project_of(picked: Vec<web_sys::File>, ticket: Ticket) -> Result<ProjectRead, String> {
    let mut read = ProjectRead {
        curations: Vec::new(),
        open: None,
        name: project_name_of(&names_of(&picked)),
        schema: Schema::default(),
        articles: Vec::new(),
        left_out: 0,
        not_placed: 0,
    };
    let (annotations, articles): (Vec<_>, Vec<_>) = picked
        .into_iter()
        .partition(|file| is_import_file(&file.name()));
    if !annotations.is_empty() {
        let read_files = files::read_import(annotations).await;
        ticket.check()?;
        let (names, bytes) = (read_files?.into_iter())
            .map(|file| (file.name, file.bytes))
            .unzip();
        let now = clock::now();
        let answer = worker::ask(Job::Project { names, now }, bytes).await;
        read = project_answered(read.name, answer, ticket).await?;
    }
    for file in articles {
        let (name, article) = files::read_article(file).await;
        ticket.check()?;
        let document = (article.and_then(|article| document_of(&name, article)))
            .map_err(|problem| format!("“{name}” could not be read ({problem})"))?;
        read.articles.push(Imported {
            document,
            schema: Schema::default(),
            annotations: Annotations::default(),
        });
    }
    Ok(read)
}

/// Articles parsed from the worker's JSONL between pauses, so that the page stays responsive
/// (a 5,000-article dataset is read in tasks of this many articles).
const PARSE_CHUNK: usize = 100;

/// A new project's articles from the worker's answer to `Job::Project`, read a chunk at a
/// time with the page free in between; or why there are none.
pub async fn project_answered(
    name: String,
    answer: Result<(Answer, Vec<Vec<u8>>), String>,
    ticket: Ticket,
) -> Result<ProjectRead, String> {
    let (articles, versions, clusters, left_out, not_placed) = match answer? {
        (
            Answer::Project {
                left_out,
                not_placed,
            },
            bytes,
        ) => {
            let mut bytes = bytes.into_iter();
            let articles = String::from_utf8(bytes.next().unwrap_or_default())
                .map_err(|_| "the worker's articles are not UTF-8".to_owned())?;
            // A gold project's: each article's versions, line for line (read a chunk at a
            // time below, kept as the text they are: read when their article opens), and
            // their clusters' counts.
            let versions = bytes.next().unwrap_or_default();
            let clusters = String::from_utf8(bytes.next().unwrap_or_default()).unwrap_or_default();
            let clusters: Vec<usize> = serde_json::from_str(&clusters).unwrap_or_default();
            (articles, versions, clusters, left_out, not_placed)
        }
        (Answer::Failed(why), _) => return Err(why),
        _ => return Err("the worker gave an answer that does not fit".to_owned()),
    };
    let mut read = Vec::new();
    let mut curations = Vec::new();
    let mut versions = versions.split(|byte| *byte == b'\n').zip(clusters);
    let lines = articles.lines().filter(|line| !line.trim().is_empty());
    for (at, line) in lines.enumerate() {
        if at > 0 && at % PARSE_CHUNK == 0 {
            gloo::timers::future::TimeoutFuture::new(0).await;
            ticket.check()?;
        }
        read.push(
            native::parse(line)
                .map_err(|problem| format!("an article did not read back ({problem})"))?,
        );
        if let Some((json, clusters)) = versions.next() {
            let json = std::str::from_utf8(json)
                .map_err(|_| "the worker's versions are not UTF-8".to_owned())?;
            curations.push(Some(StoredCuration {
                json: Rc::from(json),
                clusters,
            }));
        }
    }
    Ok(ProjectRead {
        curations,
        open: None,
        name,
        // The schema grew from article to article: the last one's fits them all.
        schema: (read.last()).map_or_else(Schema::default, |last| last.schema.clone()),
        articles: read,
        left_out,
        not_placed,
    })
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

/// A dataset file for a new team project, read as text.
pub async fn read_team_dataset(picked: Vec<web_sys::File>) -> Msg {
    let result = match picked.into_iter().next() {
        Some(file) => {
            let name = file.name();
            let read = gloo::file::futures::read_as_text(&gloo::file::Blob::from(file)).await;
            read.map(|text| (name.clone(), text))
                .map_err(|_| format!("{name} could not be read as text."))
        }
        None => Err("Choose the dataset file first.".to_owned()),
    };
    Msg::Team(crate::app::update::TeamMsg::DatasetRead(result))
}
