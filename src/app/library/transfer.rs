//! Articles in and out in bulk: adding articles, new projects from files, whole-project
//! exports and backups, in chunks with progress.

use super::Progress;
use crate::app::commands::Ui;
use crate::app::Dialog;
use crate::components::notice_bar::Notice;
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::draft::Draft;
use crate::model::formats::draft::Work;
use crate::model::formats::native;
use crate::model::formats::native::Imported;
use crate::model::formats::Format;
use crate::model::import;
use crate::model::project;
use crate::model::project::Entry;
use crate::model::project::Project;
use crate::model::project::StoredWork;
use crate::model::sample::sample_document;
use crate::model::schema::Schema;
use crate::state::Action;
use crate::web::clock;
use crate::web::download;
use std::rc::Rc;

/// Articles this long (characters, all together) are added under a busy dialog.
const LARGE_ARTICLE_CHARS: usize = 100_000;

impl Ui {
    /// Adds documents (with their work) to the open project, or to a new project named
    /// `new_project`, and opens the first of them. Long lists go in chunks, with progress.
    pub fn add_articles(
        &self,
        works: Vec<Imported>,
        new_project: Option<String>,
        message: Option<String>,
    ) {
        let Some(library) = (*self.library).clone() else {
            return;
        };
        let Some(db) = self.storage_db() else {
            // No storage: the article replaces the open one, in this tab only.
            if let Some(first) = works.into_iter().next() {
                self.session.dispatch(Action::Restore(first));
            }
            return;
        };
        let ui = self.clone();
        // A long article takes a moment to store and draw: the page says so meanwhile.
        let characters: usize = (works.iter())
            .map(|work| work.document.text.len_chars())
            .sum();
        let large = works.len() > 200 || characters >= LARGE_ARTICLE_CHARS;
        if large {
            self.show_progress("Adding articles", 0, 0);
        }
        yew::platform::spawn_local(async move {
            let mut library = library;
            let total = works.len();
            let mut project = match &new_project {
                Some(name) => Project::new(
                    clock::new_id(),
                    name.clone(),
                    clock::now().0,
                    works
                        .first()
                        .map_or(&Schema::default(), |work| &work.schema),
                ),
                None => (*library.project).clone(),
            };
            let mut entries: Vec<Entry> = match new_project {
                Some(_) => Vec::new(),
                None => (*library.entries).clone(),
            };
            let first_new = entries.len();
            let mut schema = project.schema();
            for (chunk_index, chunk) in works.chunks(200).enumerate() {
                if total > 200 {
                    ui.show_progress("Adding articles", chunk_index * 200, total);
                }
                let mut articles = Vec::new();
                for imported in chunk {
                    let document = imported.document.clone();
                    let (merged, _) = import::with_labels(
                        &schema,
                        &imported
                            .schema
                            .iter()
                            .map(|l| l.name.as_str())
                            .collect::<Vec<_>>(),
                    );
                    schema = merged;
                    let article = stored_article(&mut project, &document, &imported.annotations);
                    entries.push(article.0.clone());
                    articles.push(article);
                }
                project.set_schema(&schema, &[]);
                if let Err(error) = db.add(&project, &articles).await {
                    ui.dialog.set(Dialog::Closed);
                    ui.notice.set(Some(Notice::error(format!(
                        "The articles were not all added: {error}."
                    ))));
                    return;
                }
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
            let is_new = library.project.id != project.id;
            let projects = Rc::make_mut(&mut library.projects);
            match projects.iter_mut().find(|known| known.id == project.id) {
                Some(known) => *known = project.clone(),
                None => projects.push(project.clone()),
            }
            library.project = Rc::new(project);
            library.entries = Rc::new(entries);
            ui.notice.set(Some(Notice::info(match (total, is_new) {
                _ if message.is_some() => message.unwrap_or_default(),
                (1, false) => "Added the article to the project.".to_owned(),
                (count, false) => format!("Added {count} articles to the project."),
                (count, true) => format!(
                    "Created project “{}” with {count} articles.",
                    library.project.name
                ),
            })));
            let project = is_new.then(|| library.project.id.clone());
            if large {
                ui.show_progress("Opening the article", 0, 0);
            } else {
                ui.dialog.set(Dialog::Closed);
            }
            ui.load(first_new, None, Some(library)).await;
            if large {
                ui.close_progress();
            }
            if let Some(project) = project {
                ui.announce_project(&project);
            }
        });
    }

    /// Adds a new article (opened or pasted) to the open project and opens it.
    pub fn add_document(&self, document: Document) {
        self.add_articles(
            vec![Imported {
                document,
                schema: (*self.session.schema).clone(),
                annotations: Annotations::default(),
            }],
            None,
            None,
        );
    }

    /// Reviews every draft (as the import review does) and makes a project of them.
    pub fn import_project(&self, name: String, drafts: Rc<Vec<Draft>>) {
        let ui = self.clone();
        yew::platform::spawn_local(async move {
            let mut works = Vec::new();
            let mut schema = Schema::default();
            let (mut left_out, mut not_placed) = (0, 0);
            let empty = sample_document();
            let now = clock::now();
            for (at, draft) in drafts.iter().enumerate() {
                if at % 100 == 0 && drafts.len() > 100 {
                    ui.show_progress("Reading articles", at, drafts.len());
                    gloo::timers::future::TimeoutFuture::new(0).await;
                }
                if draft.text.is_none() {
                    left_out += 1;
                    continue;
                }
                let open = Work {
                    document: &empty,
                    schema: &schema,
                    annotations: &Annotations::default(),
                };
                match import::review(draft, open, &now) {
                    Ok(review) => {
                        not_placed += review.orphans.len();
                        schema = review.imported.schema.clone();
                        works.push(review.imported);
                    }
                    Err(_) => left_out += 1,
                }
            }
            if works.is_empty() {
                ui.dialog.set(Dialog::Closed);
                return ui.notice.set(Some(Notice::error(
                    "No article of the file could be read; nothing was imported.",
                )));
            }
            if left_out + not_placed > 0 {
                ui.notice.set(Some(Notice::error(format!(
                    "{left_out} articles could not be read and {not_placed} spans could not be \
                     placed; they were left out."
                ))));
            }
            ui.add_articles(works, Some(name), None);
        });
    }

    /// Closes the progress dialog, if it is still the one shown (the user may have moved
    /// on to another dialog after the page was ready).
    fn close_progress(&self) {
        let latest = self.store.borrow().latest.upgrade();
        if let Some(latest) = latest {
            let latest = latest.borrow();
            if matches!(*latest.dialog, Dialog::Busy(_)) {
                latest.dialog.set(Dialog::Closed);
            }
        }
    }

    pub(super) fn show_progress(&self, title: &str, done: usize, total: usize) {
        self.dialog.set(Dialog::Busy(Progress {
            title: title.to_owned(),
            done,
            total,
        }));
    }

    /// Every article of the open project, the open one as it is in the session.
    pub(super) async fn project_works(&self) -> Result<Vec<Imported>, String> {
        let library = (*self.library)
            .clone()
            .ok_or("the project is still loading")?;
        let current = Imported {
            document: (*self.session.document).clone(),
            schema: (*self.session.schema).clone(),
            annotations: (*self.session.annotations).clone(),
        };
        let Some(db) = self.storage_db() else {
            return Ok(vec![current]);
        };
        self.settled().await;
        let stored = db
            .project_articles(&library.project.id)
            .await
            .map_err(|error| error.to_string())?;
        let mut works = Vec::with_capacity(stored.len());
        for (at, (entry, text, work)) in stored.into_iter().enumerate() {
            if at % 100 == 0 && library.entries.len() > 100 {
                self.show_progress("Exporting", at, library.entries.len());
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
            if Some(&entry.key) == library.entry().map(|open| &open.key) {
                works.push(current.clone());
                continue;
            }
            let imported =
                project::restore(&library.project, &entry, &text, work).map_err(|error| {
                    format!("article “{}” could not be read ({error})", entry.title)
                })?;
            works.push(imported);
        }
        Ok(works)
    }

    /// Downloads the whole open project in `format`.
    pub fn export_project(&self, format: Format) {
        let ui = self.clone();
        yew::platform::spawn_local(async move {
            let works = ui.project_works().await;
            ui.dialog.set(Dialog::Closed);
            let works = match works {
                Ok(works) => works,
                Err(problem) => {
                    return ui
                        .notice
                        .set(Some(Notice::error(format!("Not exported: {problem}."))))
                }
            };
            let views: Vec<Work> = works.iter().map(Imported::work).collect();
            let mut file = format.export(&views);
            if let Some(library) = ui.library.as_ref() {
                file.name = project_file_name(&library.project.name, &file.name);
            }
            ui.notice.set(Some(
                match download::download_bytes(&file.name, file.mime, &file.bytes) {
                    Ok(()) => Notice::info(format!(
                        "Exported {} articles as {}.",
                        works.len(),
                        file.name
                    )),
                    Err(_) => Notice::error("The export could not be downloaded."),
                },
            ));
        });
    }

    /// Downloads everything of the open project this tab can reach, as a JSONL dataset
    /// that "Import…" reads back as a project.
    pub fn backup(&self) {
        let ui = self.clone();
        yew::platform::spawn_local(async move {
            let works = match ui.project_works().await {
                Ok(works) => works,
                // Storage cannot be read: at least the open article.
                Err(_) => vec![Imported {
                    document: (*ui.session.document).clone(),
                    schema: (*ui.session.schema).clone(),
                    annotations: (*ui.session.annotations).clone(),
                }],
            };
            ui.dialog.set(Dialog::Closed);
            let views: Vec<Work> = works.iter().map(Imported::work).collect();
            let jsonl = native::export_jsonl(&views);
            let name = backup_name();
            ui.notice.set(Some(
                match download::download(&name, "application/jsonl", &jsonl) {
                    Ok(()) => Notice::info(format!(
                        "Downloaded a backup of {} articles ({name}). Import… reads it back \
                         as a project.",
                        works.len()
                    )),
                    Err(_) => Notice::error("The backup could not be downloaded."),
                },
            ));
        });
    }
}

/// The records of a new article of `project` (taking the next position).
pub(super) fn stored_article(
    project: &mut Project,
    document: &Document,
    annotations: &Annotations,
) -> (Entry, String, StoredWork) {
    let position = project.take_position();
    let mut entry = Entry::new(&project.id, position, document);
    entry.count(project, annotations);
    let work = StoredWork::of(&document.text, annotations);
    (entry, document.text.as_str().to_owned(), work)
}

/// "dataset.doccano.jsonl" for an export named "first-article.doccano.jsonl".
fn project_file_name(project: &str, article_file: &str) -> String {
    let stem = native::slug_of(project);
    let suffix = article_file
        .split_once('.')
        .map_or("", |(_, suffix)| suffix);
    format!("{stem}.{suffix}")
}

/// The backup's file name.
fn backup_name() -> String {
    let day: String = clock::now().0.chars().take(10).collect();
    format!("article-annotator-backup-{day}.jsonl")
}
