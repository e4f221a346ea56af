//! Projects in the app: where the user was when the page loads, moving between articles
//! and projects. Saving is in `saving`, other tabs in `tabs`, bulk imports, exports and
//! backups in `transfer`.

use super::commands::Ui;
use super::Dialog;
use crate::components::notice_bar::Notice;
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::native::{self, Imported};
use crate::model::offsets::CharOffset;
use crate::model::project::{self, Entry, Project};
use crate::model::sample::sample_document;
use crate::model::schema::Schema;
use crate::state::Action;
use crate::web::db::{Db, DbError, Place};
use crate::web::tabs::Tabs;
use crate::web::{clock, selection, storage};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use yew::NodeRef;

mod saving;
mod tabs;
mod transfer;

use transfer::stored_article;

/// The open project and its articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    /// Every project in this browser (for switching).
    pub projects: Rc<Vec<Project>>,
    pub project: Rc<Project>,
    pub entries: Rc<Vec<Entry>>,
    /// The open article's index in `entries`.
    pub current: usize,
}

impl Library {
    pub fn entry(&self) -> Option<&Entry> {
        self.entries.get(self.current)
    }
}

/// Whether the work shown is stored.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Reading what was stored.
    Loading,
    Saved,
    Saving,
    /// Storing failed: the work is kept in this tab only (a backup download is offered).
    Failed(String),
    /// Another tab saved this article since this tab read it: saving here stops until
    /// the user reloads or chooses to overwrite.
    Conflict,
}

/// How far a long job (an import, an export) is.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub title: String,
    pub done: usize,
    pub total: usize,
}

/// One save of an article (its entry, and its work when that changed).
struct Job {
    entry: Entry,
    /// The article and its annotations as they were; their records are made when the save
    /// runs, after the edit is painted.
    work: Option<(Rc<Document>, Rc<Annotations>)>,
    /// Save whatever version is stored (the user chose to overwrite another tab's).
    force: bool,
}

/// What the app keeps about storage between renders.
#[derive(Default)]
pub struct Store {
    db: Option<Rc<Db>>,
    tabs: Option<Tabs>,
    /// Each article's version as this tab last read or wrote it.
    versions: HashMap<String, u64>,
    /// The open article's work as last stored: a revision that changes nothing is not saved.
    stored: Option<(String, Rc<Annotations>, Rc<Schema>)>,
    /// The session's renames the project has taken.
    renames_taken: Rc<Vec<(String, String)>>,
    /// Versions other tabs saved that this tab's saves ran into.
    theirs: HashMap<String, u64>,
    /// The app's latest handles, for callbacks that outlive a render (other tabs' word).
    pub latest: std::rc::Weak<RefCell<Ui>>,
    busy: bool,
    /// A save ran into another tab's: saving waits for the user's choice.
    in_conflict: bool,
    queued: BTreeMap<String, Job>,
    queued_project: Option<Project>,
}

pub type StoreRef = Rc<RefCell<Store>>;

impl Ui {
    fn storage_db(&self) -> Option<Rc<Db>> {
        self.store.borrow().db.clone()
    }

    /// Opens storage and the place the user was (or, the very first time, a project with
    /// the work of the older local-storage version or the sample article).
    pub fn start(&self) {
        let ui = self.clone();
        yew::platform::spawn_local(async move {
            let db = match Db::open().await {
                Ok(db) => Rc::new(db),
                Err(error) => return ui.start_in_memory(error),
            };
            ui.store.borrow_mut().db = Some(db.clone());
            ui.open_tabs();
            if let Err(error) = ui.restore_place(&db).await {
                ui.start_in_memory(error);
            }
        });
    }

    fn start_in_memory(&self, error: DbError) {
        let project = Project::new(
            clock::new_id(),
            "Unsaved project".to_owned(),
            clock::now().0,
            &self.session.schema,
        );
        let entry = Entry::new(&project.id, 0, &self.session.document);
        self.library.set(Some(Library {
            projects: Rc::new(vec![project.clone()]),
            project: Rc::new(project),
            entries: Rc::new(vec![entry]),
            current: 0,
        }));
        self.status.set(SaveStatus::Failed(format!(
            "{error}; your work is kept in this tab only"
        )));
    }

    async fn restore_place(&self, db: &Db) -> Result<(), DbError> {
        let mut projects = db.projects().await?;
        if projects.is_empty() {
            projects.push(self.first_project(db).await?);
        }
        let place = db.place().await?.unwrap_or_default();
        let project = projects
            .iter()
            .find(|project| project.id == place.project)
            .unwrap_or(&projects[0])
            .clone();
        let entries = db.entries(&project.id).await?;
        let current = entries
            .iter()
            .position(|entry| entry.key == place.article)
            .unwrap_or(0);
        let place = current_is(&entries, current, &place.article).then_some(place.clone());
        let library = Library {
            projects: Rc::new(projects),
            project: Rc::new(project),
            entries: Rc::new(entries),
            current,
        };
        let project = library.project.id.clone();
        if !self.load(current, place, Some(library)).await {
            // What is stored stays as it is: this tab works in memory and saves nothing.
            self.store.borrow_mut().db = None;
            self.start_in_memory(DbError::Other(
                "the stored work could not be opened".to_owned(),
            ));
            return Ok(());
        }
        self.announce_project(&project);
        Ok(())
    }

    /// The first project: the work an older version kept in local storage, or the sample.
    async fn first_project(&self, db: &Db) -> Result<Project, DbError> {
        let (name, imported) =
            match storage::take_old_work().and_then(|json| native::parse(&json).ok()) {
                Some(imported) => ("My articles", imported),
                None => (
                    "Sample project",
                    Imported {
                        document: sample_document(),
                        schema: Schema::default(),
                        annotations: Annotations::default(),
                    },
                ),
            };
        let mut project = Project::new(
            clock::new_id(),
            name.to_owned(),
            clock::now().0,
            &imported.schema,
        );
        let article = stored_article(&mut project, &imported.document, &imported.annotations);
        db.add(&project, &[article]).await?;
        Ok(project)
    }

    /// Loads article `index` of the open project into the session; scrolls back to `place`
    /// (where the user was in it), or to the top.
    /// `library` replaces the open library first (another project).
    async fn load(&self, index: usize, place: Option<Place>, library: Option<Library>) -> bool {
        let within_project = library.is_none();
        let Some(mut library) = library.or_else(|| (*self.library).clone()) else {
            return false;
        };
        let Some(key) = library.entries.get(index).map(|entry| entry.key.clone()) else {
            return false;
        };
        let Some(db) = self.storage_db() else {
            return false;
        };
        self.settled().await;
        let read = db.article(&key).await.map_err(|error| error.to_string());
        let restored = read.and_then(|(entry, text, work)| {
            project::restore(&library.project, &entry, &text, work)
                .map(|imported| (entry, imported))
                .map_err(|error| format!("its stored work could not be read ({error})"))
        });
        let (entry, imported) = match restored {
            Ok(restored) => restored,
            Err(problem) => {
                self.notice.set(Some(Notice::error(format!(
                    "Article {} was not opened: {problem}.",
                    index + 1
                ))));
                return false;
            }
        };
        {
            let mut store = self.store.borrow_mut();
            store.versions.insert(key.clone(), entry.version);
            store.stored = Some((
                key.clone(),
                Rc::new(imported.annotations.clone()),
                Rc::new(imported.schema.clone()),
            ));
            store.renames_taken = Rc::default();
        }
        // The article left keeps its latest counts (saving does not refresh them per edit).
        let (left, project) = (library.current, library.project.clone());
        let entries = Rc::make_mut(&mut library.entries);
        if let Some(left) = entries.get_mut(left).filter(|_| within_project) {
            left.count(&project, &self.session.annotations);
        }
        entries[index] = entry;
        library.current = index;
        self.search.set(None);
        self.linking.set(None);
        self.caret_mode.set(false);
        self.session.dispatch(Action::Restore(imported));
        let project = library.project.id.clone();
        self.library.set(Some(library));
        if !matches!(*self.status, SaveStatus::Failed(_)) {
            self.status.set(SaveStatus::Saved);
        }
        let place = Place {
            project,
            article: key,
            ..place.unwrap_or_default()
        };
        let _ = db.set_place(&place).await;
        let article = self.article_ref.clone();
        super::commands::after_render(move || {
            yew::platform::spawn_local(set_scroll(article, place))
        });
        true
    }

    /// Opens article `index` of the open project.
    pub fn go_to(&self, index: usize) {
        let ui = self.clone();
        yew::platform::spawn_local(async move {
            ui.load(index, None, None).await;
        });
    }

    /// Opens the next or previous article.
    pub fn step_article(&self, forward: bool) {
        let Some(library) = self.library.as_ref() else {
            return;
        };
        let count = library.entries.len();
        let next = match (forward, library.current) {
            (true, at) if at + 1 < count => at + 1,
            (false, at) if at > 0 => at - 1,
            _ => {
                return self.notice.set(Some(Notice::info(if forward {
                    "This is the last article of the project."
                } else {
                    "This is the first article of the project."
                })))
            }
        };
        self.go_to(next);
    }

    pub fn next_unfinished(&self) {
        let Some(library) = self.library.as_ref() else {
            return;
        };
        match project::next_unfinished(&library.entries, library.current) {
            Some(index) => self.go_to(index),
            None => self.notice.set(Some(Notice::info(
                "Every other article of the project is done.",
            ))),
        }
    }

    /// Opens another project where its user left it (its first article).
    pub fn switch_project(&self, id: String) {
        let Some(library) = (*self.library).clone() else {
            return;
        };
        let Some(project) = library.projects.iter().find(|p| p.id == id).cloned() else {
            return;
        };
        let Some(db) = self.storage_db() else {
            return;
        };
        let ui = self.clone();
        yew::platform::spawn_local(async move {
            match db.entries(&project.id).await {
                Ok(entries) => {
                    let next = Library {
                        project: Rc::new(project),
                        entries: Rc::new(entries),
                        current: 0,
                        ..library
                    };
                    ui.dialog.set(Dialog::Closed);
                    let project = next.project.id.clone();
                    ui.load(0, None, Some(next)).await;
                    ui.announce_project(&project);
                }
                Err(error) => ui.notice.set(Some(Notice::error(format!(
                    "The project could not be opened: {error}."
                )))),
            }
        });
    }

    pub fn rename_project(&self, name: String) {
        let Some(mut library) = (*self.library).clone() else {
            return;
        };
        let name = name.trim().to_owned();
        if name.is_empty() {
            return;
        }
        Rc::make_mut(&mut library.project).name = name.clone();
        let project = (*library.project).clone();
        if let Some(slot) = Rc::make_mut(&mut library.projects)
            .iter_mut()
            .find(|p| p.id == project.id)
        {
            *slot = project.clone();
        }
        self.library.set(Some(library));
        if let Some(db) = self.storage_db() {
            let ui = self.clone();
            yew::platform::spawn_local(async move {
                if let Err(error) = db.put_project(&project).await {
                    ui.status.set(SaveStatus::Failed(error.to_string()));
                }
            });
        }
    }

    /// Deletes the open project (the user confirmed) and opens another, or a new sample.
    pub fn delete_project(&self) {
        let (Some(library), Some(db)) = ((*self.library).clone(), self.storage_db()) else {
            return;
        };
        let ui = self.clone();
        yew::platform::spawn_local(async move {
            let gone = library.project.name.clone();
            if let Err(error) = db.delete_project(&library.project.id).await {
                return ui.notice.set(Some(Notice::error(format!(
                    "The project was not deleted: {error}."
                ))));
            }
            ui.dialog.set(Dialog::Closed);
            ui.library.set(None);
            ui.status.set(SaveStatus::Loading);
            if let Err(error) = ui.restore_place(&db).await {
                return ui.start_in_memory(error);
            }
            ui.notice
                .set(Some(Notice::info(format!("Deleted project “{gone}”."))));
        });
    }

    /// Remembers how far down the article the user is (best effort).
    /// Opens the project view, the open article's counts taken from the session (saving
    /// does not refresh them on every edit).
    pub fn show_projects(&self) {
        if let Some(mut library) = (*self.library).clone() {
            let current = library.current;
            let project = library.project.clone();
            if let Some(entry) = Rc::make_mut(&mut library.entries).get_mut(current) {
                entry.count(&project, &self.session.annotations);
            }
            self.library.set(Some(library));
        }
        self.dialog.set(Dialog::Project);
    }

    /// Remembers where the window is in the open article.
    pub fn remember_scroll(&self) {
        let scroll = gloo::utils::window().scroll_y().unwrap_or(0.0);
        let anchor = (self.article_ref.cast::<web_sys::Element>())
            .and_then(|article| selection::view_anchor(&article))
            .map(|(at, within)| (at.0, within));
        let (Some(library), Some(db)) = (self.library.as_ref(), self.storage_db()) else {
            return;
        };
        let Some(entry) = library.entry() else {
            return;
        };
        let place = Place {
            project: library.project.id.clone(),
            article: entry.key.clone(),
            scroll,
            anchor,
        };
        yew::platform::spawn_local(async move {
            let _ = db.set_place(&place).await;
        });
    }
}

/// True when the article at `current` is the one stored as `key`.
fn current_is(entries: &[Entry], current: usize, key: &str) -> bool {
    entries.get(current).is_some_and(|entry| entry.key == key)
}

/// Scrolls the window back to a remembered place: to its block (kept there while the
/// blocks near it take their real heights), or else to its pixels.
async fn set_scroll(article: NodeRef, place: Place) {
    let anchored = match place.anchor {
        Some((at, within)) => {
            selection::settle(|| {
                let element = article.cast::<web_sys::Element>()?;
                selection::scroll_to_anchor(&element, CharOffset(at), within)
            })
            .await
        }
        None => false,
    };
    if !anchored {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, place.scroll);
    }
}
