//! Projects in the app: where the user was when the page loads, saving every accepted
//! edit within moments (one save at a time, never two versions of an article racing),
//! moving between articles, adding articles and whole projects, exports and backups, and
//! word with other tabs.

use super::commands::Ui;
use super::Dialog;
use crate::components::notice_bar::Notice;
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::draft::{Draft, Work};
use crate::model::formats::native::{self, Imported};
use crate::model::formats::Format;
use crate::model::import;
use crate::model::project::{self, Entry, Project, Status, StoredWork};
use crate::model::sample::sample_document;
use crate::model::schema::Schema;
use crate::state::Action;
use crate::web::db::{Db, DbError, Place};
use crate::web::tabs::{Message, Tabs};
use crate::web::{clock, download, storage};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

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
    work: Option<StoredWork>,
    /// Save whatever version is stored (the user chose to overwrite another tab's).
    force: bool,
}

/// What the app keeps about storage between renders.
#[derive(Default)]
pub struct Store {
    db: Option<Rc<Db>>,
    tabs: Option<Tabs>,
    tab: String,
    /// Each article's version as this tab last read or wrote it.
    versions: HashMap<String, u64>,
    /// The open article's work as last stored: a revision that changes nothing is not saved.
    stored: Option<(String, Annotations, Schema)>,
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

/// The backup's file name.
fn backup_name() -> String {
    let day: String = clock::now().0.chars().take(10).collect();
    format!("article-annotator-backup-{day}.jsonl")
}

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
        let scroll = current_is(&entries, current, &place.article).then_some(place.scroll);
        let library = Library {
            projects: Rc::new(projects),
            project: Rc::new(project),
            entries: Rc::new(entries),
            current,
        };
        let project = library.project.id.clone();
        self.load(current, scroll, Some(library)).await;
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

    fn open_tabs(&self) {
        let store = Rc::downgrade(&self.store);
        let tab = clock::new_id();
        // The channel outlives this render: it reaches the app through the latest `Ui`.
        let tabs = Tabs::open(move |message| {
            let latest = store
                .upgrade()
                .and_then(|store| store.borrow().latest.upgrade());
            if let Some(latest) = latest {
                let ui = latest.borrow().clone();
                ui.hear(message);
            }
        });
        let mut store = self.store.borrow_mut();
        store.tab = tab;
        store.tabs = tabs;
    }

    /// Tells other tabs which project this one has open.
    fn announce_project(&self, project: &str) {
        let store = self.store.borrow();
        if let Some(tabs) = &store.tabs {
            tabs.send(&Message::Hello {
                tab: store.tab.clone(),
                project: project.to_owned(),
            });
        }
    }

    fn hear(&self, message: Message) {
        let Some(library) = self.library.as_ref() else {
            return;
        };
        let project = library.project.id.as_str();
        match message {
            Message::Hello {
                tab,
                project: theirs,
            } if theirs == project => {
                let store = self.store.borrow();
                if let Some(tabs) = &store.tabs {
                    tabs.send(&Message::Here {
                        tab: store.tab.clone(),
                        project: theirs,
                    });
                }
                drop(store);
                self.warn_other_tab(&tab);
            }
            Message::Here {
                tab,
                project: theirs,
            } if theirs == project => self.warn_other_tab(&tab),
            Message::Saved { key, version, .. } => {
                let ours = self.store.borrow().versions.get(&key).copied();
                if library.entry().is_some_and(|entry| entry.key == key)
                    && ours.is_some_and(|ours| version > ours)
                {
                    let mut store = self.store.borrow_mut();
                    store.in_conflict = true;
                    store.theirs.insert(key, version);
                    self.status.set(SaveStatus::Conflict);
                }
            }
            _ => {}
        }
    }

    fn warn_other_tab(&self, _tab: &str) {
        self.notice.set(Some(Notice::error(
            "This project is open in another tab too. Work in one tab: if both change the same \
             article, the later save is stopped and you choose which to keep.",
        )));
    }

    /// Loads article `index` of the open project into the session; scrolls to `scroll`.
    /// `library` replaces the open library first (another project).
    async fn load(&self, index: usize, scroll: Option<f64>, library: Option<Library>) {
        let Some(mut library) = library.or_else(|| (*self.library).clone()) else {
            return;
        };
        let Some(key) = library.entries.get(index).map(|entry| entry.key.clone()) else {
            self.status.set(SaveStatus::Saved);
            return;
        };
        let Some(db) = self.storage_db() else {
            return;
        };
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
                return;
            }
        };
        {
            let mut store = self.store.borrow_mut();
            store.versions.insert(key.clone(), entry.version);
            store.stored = Some((
                key.clone(),
                imported.annotations.clone(),
                imported.schema.clone(),
            ));
            store.renames_taken = Rc::default();
        }
        Rc::make_mut(&mut library.entries)[index] = entry;
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
            scroll: scroll.unwrap_or(0.0),
        };
        let _ = db.set_place(&place).await;
        super::commands::after_render(move || set_scroll(place.scroll));
    }

    /// Opens article `index` of the open project.
    pub fn go_to(&self, index: usize) {
        let ui = self.clone();
        yew::platform::spawn_local(async move { ui.load(index, None, None).await });
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

    /// Marks the open article done, or not done again.
    pub fn toggle_done(&self) {
        let Some(mut library) = (*self.library).clone() else {
            return;
        };
        let current = library.current;
        let Some(entry) = Rc::make_mut(&mut library.entries).get_mut(current) else {
            return;
        };
        entry.status = match entry.status {
            Status::Done if self.session.annotations.is_empty() => Status::NotStarted,
            Status::Done => Status::InProgress,
            _ => Status::Done,
        };
        let (status, title) = (entry.status, entry.title.clone());
        let job = Job {
            entry: entry.clone(),
            work: None,
            force: false,
        };
        self.library.set(Some(library));
        self.notice.set(Some(Notice::info(format!(
            "“{title}” is marked {}.",
            status.describe()
        ))));
        self.enqueue(job, None);
    }

    /// Saves the session if it changed what is stored (called after every revision).
    pub fn autosave(&self) {
        let Some(mut library) = (*self.library).clone() else {
            return;
        };
        let session = &self.session;
        let Some(entry) = library.entry().cloned() else {
            return;
        };
        let mut store = self.store.borrow_mut();
        let unchanged = store
            .stored
            .as_ref()
            .is_some_and(|(key, annotations, schema)| {
                *key == entry.key
                    && *annotations == *session.annotations
                    && *schema == *session.schema
            });
        if unchanged {
            return;
        }
        let schema_changed = native::label_records(&session.schema) != library.project.labels
            || native::link_records(&session.schema) != library.project.links;
        let project = schema_changed.then(|| {
            let project = Rc::make_mut(&mut library.project);
            // The session's log grows; after a restore it starts again.
            let taken = &store.renames_taken;
            let renames = match session.renamed.strip_prefix(taken.as_slice()) {
                Some(new) => new,
                None => session.renamed.as_slice(),
            };
            project.set_schema(&session.schema, renames);
            store.renames_taken = session.renamed.clone();
            project.clone()
        });
        let mut entry = entry;
        entry.count(&library.project, &session.annotations);
        store.stored = Some((
            entry.key.clone(),
            (*session.annotations).clone(),
            (*session.schema).clone(),
        ));
        drop(store);
        let current = library.current;
        Rc::make_mut(&mut library.entries)[current] = entry.clone();
        if let Some(project) = &project {
            let projects = Rc::make_mut(&mut library.projects);
            if let Some(slot) = projects.iter_mut().find(|p| p.id == project.id) {
                *slot = project.clone();
            }
        }
        self.library.set(Some(library));
        let work = StoredWork::of(&session.document.text, &session.annotations);
        self.enqueue(
            Job {
                entry,
                work: Some(work),
                force: false,
            },
            project,
        );
    }

    /// Saves the open article over what another tab saved.
    pub fn overwrite(&self) {
        let Some(library) = self.library.as_ref() else {
            return;
        };
        let Some(entry) = library.entry().cloned() else {
            return;
        };
        let work = StoredWork::of(&self.session.document.text, &self.session.annotations);
        self.enqueue(
            Job {
                entry,
                work: Some(work),
                force: true,
            },
            Some((*library.project).clone()),
        );
    }

    fn enqueue(&self, job: Job, project: Option<Project>) {
        let mut store = self.store.borrow_mut();
        if store.db.is_none() {
            return;
        }
        if project.is_some() {
            store.queued_project = project;
        }
        if job.force {
            store.in_conflict = false;
        }
        store.queued.insert(job.entry.key.clone(), job);
        if store.in_conflict {
            return;
        }
        self.status.set(SaveStatus::Saving);
        if store.busy {
            return;
        }
        store.busy = true;
        drop(store);
        let ui = self.clone();
        yew::platform::spawn_local(async move { ui.drain().await });
    }

    /// Runs queued saves one after another until none is left.
    async fn drain(&self) {
        let mut failure = None;
        loop {
            let (db, job, project, expected) = {
                let mut store = self.store.borrow_mut();
                let Some((_, job)) = store.queued.pop_first() else {
                    store.busy = false;
                    break;
                };
                let project = store.queued_project.take();
                let expected = store.versions.get(&job.entry.key).copied();
                (store.db.clone(), job, project, expected)
            };
            let Some(db) = db else { break };
            let mut entry = job.entry;
            let theirs = self.store.borrow().theirs.get(&entry.key).copied();
            entry.version = expected.max(theirs).unwrap_or(0) + 1;
            let expected = (!job.force).then_some(expected.unwrap_or(0));
            match db
                .save(project.as_ref(), &entry, job.work.as_ref(), expected)
                .await
            {
                Ok(()) => {
                    let mut store = self.store.borrow_mut();
                    store.versions.insert(entry.key.clone(), entry.version);
                    if let Some(tabs) = &store.tabs {
                        tabs.send(&Message::Saved {
                            tab: store.tab.clone(),
                            key: entry.key.clone(),
                            version: entry.version,
                        });
                    }
                }
                Err(error) => {
                    let mut store = self.store.borrow_mut();
                    if let Some(project) = project {
                        // Keep the schema change for the next try.
                        store.queued_project.get_or_insert(project);
                    }
                    if let DbError::Conflict { theirs } = error {
                        store.theirs.insert(entry.key.clone(), theirs);
                        store.in_conflict = true;
                    }
                    failure = Some(error);
                }
            }
        }
        self.status.set(match failure {
            None => SaveStatus::Saved,
            Some(DbError::Conflict { .. }) => SaveStatus::Conflict,
            Some(error) => SaveStatus::Failed(format!(
                "{error}; your work is kept in this tab until you close it"
            )),
        });
    }

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
            ui.dialog.set(Dialog::Closed);
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
            ui.load(first_new, None, Some(library)).await;
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

    fn show_progress(&self, title: &str, done: usize, total: usize) {
        self.dialog.set(Dialog::Busy(Progress {
            title: title.to_owned(),
            done,
            total,
        }));
    }

    /// Every article of the open project, the open one as it is in the session.
    async fn project_works(&self) -> Result<Vec<Imported>, String> {
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
            let views: Vec<Work> = works
                .iter()
                .map(|work| Work {
                    document: &work.document,
                    schema: &work.schema,
                    annotations: &work.annotations,
                })
                .collect();
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
            let views: Vec<Work> = works
                .iter()
                .map(|work| Work {
                    document: &work.document,
                    schema: &work.schema,
                    annotations: &work.annotations,
                })
                .collect();
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
    pub fn remember_scroll(&self, scroll: f64) {
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
        };
        yew::platform::spawn_local(async move {
            let _ = db.set_place(&place).await;
        });
    }
}

/// The records of a new article of `project` (taking the next position).
fn stored_article(
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

/// True when the article at `current` is the one stored as `key`.
fn current_is(entries: &[Entry], current: usize, key: &str) -> bool {
    entries.get(current).is_some_and(|entry| entry.key == key)
}

/// Scrolls the page to `top` (pixels).
fn set_scroll(top: f64) {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, top);
    }
}
