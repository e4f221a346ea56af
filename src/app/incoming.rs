//! Articles coming in: files opened or dropped (text, Markdown, saved web pages) and
//! pastes (plain or rich). A web page is shown in the "Open web page" preview first when
//! it comes alone; several files at once join the project directly.

use super::commands::Ui;
use super::library::Progress;
use super::Dialog;
use crate::components::notice_bar::Notice;
use crate::components::page_dialog::PageChoice;
use crate::model::document::{layout_records, Document};
use crate::model::formats::draft::Draft;
use crate::model::intake;
use crate::model::web_page::{Origin, Page};
use crate::web::files::{self, ArticleFile};
use crate::web::{clock, page};
use std::rc::Rc;

impl Ui {
    /// Opens article files: each joins the open project. A single web page is previewed
    /// first (`preview`); pages among several files keep the article the finder found.
    pub fn open_files(&self, picked: Vec<web_sys::File>) {
        let ui = self.clone();
        let preview = picked.len() == 1;
        yew::platform::spawn_local(async move {
            for file in picked {
                let is_page = intake::is_page_file(&file.name());
                if is_page {
                    ui.reading_page();
                }
                let (name, read) = files::read_article(file).await;
                if is_page {
                    ui.dialog.set(Dialog::Closed);
                }
                match read {
                    Ok(ArticleFile::Page(page, origin)) if preview => {
                        ui.dialog.set(Dialog::Page(Rc::from(page), origin))
                    }
                    read => match read.and_then(|read| document_of(&name, read)) {
                        Ok(document) => ui.add_document(document),
                        Err(problem) => ui.notice.set(Some(Notice::error(format!(
                            "“{name}” was not opened: {problem}. The current article is unchanged."
                        )))),
                    },
                }
            }
        });
    }

    /// Reads pasted rich text as a web page and previews it.
    pub fn open_pasted_html(&self, html: String) {
        let ui = self.clone();
        ui.reading_page();
        yew::platform::spawn_local(async move {
            match page::read(&html).await {
                Ok(page) => ui
                    .dialog
                    .set(Dialog::Page(Rc::new(page), Origin::Clipboard)),
                Err(problem) => {
                    ui.dialog.set(Dialog::Closed);
                    ui.notice.set(Some(Notice::error(format!(
                        "The pasted text was not opened: {problem}. The current article is unchanged."
                    ))));
                }
            }
        });
    }

    /// The previewed page, as the user confirmed it, joins the project.
    pub fn open_page(&self, page: &Page, origin: &Origin, choice: PageChoice) {
        self.dialog.set(Dialog::Closed);
        let document = page.document(
            choice.extraction,
            &choice.title,
            &choice.source,
            origin,
            &clock::now(),
            clock::new_id(),
        );
        if let Err(problem) = intake::check_text(document.text.as_str()) {
            return self.notice.set(Some(Notice::error(format!(
                "The page was not opened: {problem}. The current article is unchanged."
            ))));
        }
        self.add_document(document);
    }

    fn reading_page(&self) {
        self.dialog.set(Dialog::Busy(Progress {
            title: "Reading the page…".to_owned(),
            done: 0,
            total: 0,
        }));
    }
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
pub fn draft_of(name: &str, read: ArticleFile) -> Result<Draft, String> {
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
