//! Where projects and articles are kept, behind one trait: the browser's IndexedDB
//! (`web::db`) in the app, [`MemoryStorage`] in native tests. Pure: no browser here.
//!
//! Two rules keep every write whole:
//! - a new article's key is taken *inside* the transaction that stores it, from the
//!   project record as stored then (never from a copy the app read earlier);
//! - a project is changed field by field inside a transaction ([`ProjectChange`]), never
//!   by writing back a whole record that may be stale.

use crate::model::annotations::Annotations;
use crate::model::curation::Decided;
use crate::model::document::Document;
use crate::model::formats::native::LabelRecord;
use crate::model::project::{Entry, Project, StoredWork};
use crate::team::{self, RemoteWork, SyncMark, Taken};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// Why storing or reading failed.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The browser refused to store more (quota exceeded, disk full).
    Full,
    /// Another tab saved the article since this one read it (its version is `theirs`).
    Conflict { theirs: u64 },
    /// Storage cannot be used at all (disabled, private mode, blocked).
    Unavailable(String),
    /// Anything else: a refused transaction, a missing record.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => write!(f, "the browser's storage for this site is full"),
            StoreError::Conflict { .. } => write!(f, "another tab changed this article"),
            StoreError::Unavailable(message) | StoreError::Other(message) => {
                write!(f, "{message}")
            }
        }
    }
}

/// Where the user was: the project, the article and how far down it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub project: String,
    pub article: String,
    /// How far down, in pixels: used when `anchor` is missing.
    #[serde(default)]
    pub scroll: f64,
    /// The block at the top of the window (its first code point) and how many pixels of
    /// it were scrolled past (see `selection::view_anchor`).
    #[serde(default)]
    pub anchor: Option<(usize, f64)>,
}

/// A stored record that could not be read: listed, never dropped, its raw data kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Damaged {
    /// The article's key (or the project's id).
    pub key: String,
    pub problem: String,
}

/// The articles of a project as listed: those readable, in order, and those damaged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub damaged: Vec<Damaged>,
    /// A team project's copy: what the server last agreed about each article, by key.
    pub marks: BTreeMap<String, SyncMark>,
}

/// An article as stored. The work and the history are decoded by the caller, so one
/// broken record is reported for that article alone.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredArticle {
    pub entry: Entry,
    pub text: String,
    /// The work's JSON (absent: no spans yet).
    pub work: Option<String>,
    /// The undo history's JSON, if one was stored.
    pub history: Option<String>,
    /// A gold article's versions (`Curation` as JSON), read with the article alone.
    pub curation: Option<String>,
}

impl StoredArticle {
    /// The stored spans and relations, or why they cannot be read.
    pub fn work(&self) -> Result<StoredWork, String> {
        match &self.work {
            None => Ok(StoredWork::default()),
            Some(json) => serde_json::from_str(json)
                .map_err(|error| format!("its stored work could not be read ({error})")),
        }
    }
}

/// One save of an article: its entry (with the new version), and its work and history
/// when they changed, written if the stored entry is still at `expected`.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleWrite {
    pub entry: Entry,
    pub work: Option<Vec<u8>>,
    pub history: Option<Vec<u8>>,
    /// `None`: overwrite whatever is stored (the user chose to keep theirs over another tab's).
    pub expected: Option<u64>,
}

/// A new article to store.
#[derive(Clone, Debug, PartialEq)]
pub struct NewArticle {
    pub document: Document,
    pub annotations: Annotations,
    /// A gold article's annotators' versions.
    pub curation: Option<StoredCuration>,
    /// A team project's article: its article on the server (the mark's `pushed` is set
    /// to the new entry's version, and its work is the base).
    pub sync: Option<SyncMark>,
}

/// A gold article's versions as stored: the `Curation`'s JSON as the worker wrote it (kept
/// as text: the app never writes it again) and how many clusters it has.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCuration {
    pub json: Rc<str>,
    pub clusters: usize,
}

/// Which project new articles go to.
#[derive(Clone, Debug, PartialEq)]
pub enum AddTo {
    Existing(String),
    /// A project made for them (stored in the same transaction).
    New(Project),
}

/// A change to a stored project, applied to the record as it is in storage.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectChange {
    Rename(String),
    /// A new schema, and the label renames that came with it (appended to the log).
    Schema {
        labels: Vec<LabelRecord>,
        links: Vec<crate::model::formats::native::LinkRuleRecord>,
        renames: Vec<(String, String)>,
    },
    /// Labels the project does not have yet are added (imported articles use them).
    AddLabels(Vec<LabelRecord>),
}

impl ProjectChange {
    /// Applies the change to a project record.
    pub fn apply(&self, project: &mut Project) {
        match self {
            ProjectChange::Rename(name) => project.name = name.clone(),
            ProjectChange::Schema {
                labels,
                links,
                renames,
            } => {
                project.labels = labels.clone();
                project.links = links.clone();
                project.renames.extend_from_slice(renames);
            }
            ProjectChange::AddLabels(labels) => {
                for label in labels {
                    if !project.labels.iter().any(|known| known.name == label.name) {
                        project.labels.push(label.clone());
                    }
                }
            }
        }
    }
}

/// The records of new articles of `project`, each taking the next position (and so its
/// key) from the project as it is now: call inside the transaction that stores them.
pub fn new_records(project: &mut Project, articles: &[NewArticle]) -> Vec<(Entry, Vec<u8>)> {
    articles
        .iter()
        .map(|article| {
            let position = project.take_position();
            let mut entry = Entry::new(&project.id, position, &article.document);
            if let Some(curation) = &article.curation {
                entry.curation = Some(Decided {
                    decided: 0,
                    clusters: curation.clusters,
                });
            }
            entry.count(project, &article.annotations);
            let work = StoredWork::of(&article.document.text, &article.annotations);
            let json = serde_json::to_vec(&work).expect("stored work serialises");
            (entry, json)
        })
        .collect()
}

/// Storage of projects and articles. Every method is one transaction: it happens whole
/// or not at all.
#[allow(async_fn_in_trait)] // the app is single-threaded: no Send bound is wanted
pub trait Storage {
    /// Every readable project, oldest first, and those that could not be read.
    async fn projects(&self) -> Result<(Vec<Project>, Vec<Damaged>), StoreError>;
    /// A project's articles in order (joined by key), and those that could not be read.
    async fn listing(&self, project: &str) -> Result<Listing, StoreError>;
    /// One article: entry, text, work and history, read at one moment.
    async fn article(&self, key: &str) -> Result<StoredArticle, StoreError>;
    /// A project's articles in order, at most `limit` of them after the key `after` (from
    /// the first when `None`): a long read goes a batch at a time, each read at one moment.
    /// A damaged article is listed.
    async fn project_articles(
        &self,
        project: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Result<StoredArticle, Damaged>>, StoreError>;
    /// Whatever is stored for an article, as text, for a damaged article's download.
    async fn raw(&self, key: &str) -> Result<String, StoreError>;
    /// Saves an article (see [`ArticleWrite`]).
    async fn save(&self, write: &ArticleWrite) -> Result<(), StoreError>;
    /// Stores new articles (and a new project) in one transaction; keys are taken inside
    /// it. Gives the project as stored after, and the new articles' entries.
    async fn add(
        &self,
        to: &AddTo,
        labels: &[LabelRecord],
        articles: &[NewArticle],
    ) -> Result<(Project, Vec<Entry>), StoreError>;
    /// Changes a project field by field; gives the project as stored after.
    async fn change_project(&self, id: &str, change: &ProjectChange)
        -> Result<Project, StoreError>;
    /// Deletes a project and every article of it.
    async fn delete_project(&self, id: &str) -> Result<(), StoreError>;
    /// Where the user was, if anywhere.
    async fn place(&self) -> Result<Option<Place>, StoreError>;
    async fn set_place(&self, place: &Place) -> Result<(), StoreError>;
    /// Gives the page back for a moment between runs of long work (nothing in memory).
    async fn breathe(&self);
    /// The work a team article last agreed on with the server (empty when none is kept).
    async fn base(&self, key: &str) -> Result<StoredWork, StoreError>;
    /// Keeps what a team article and the server agreed on after a push.
    async fn synced(&self, key: &str, mark: &SyncMark, base: &StoredWork)
        -> Result<(), StoreError>;
    /// Takes the server's copy of a team article's work into it as stored now (see
    /// `team::take`), in one transaction; its undo history, which no longer leads to
    /// its work, is dropped. `None`: the browser had it already.
    async fn take_remote(
        &self,
        key: &str,
        remote: &RemoteWork,
    ) -> Result<Option<Taken>, StoreError>;
}

/// What [`MemoryStorage`] keeps of an article.
#[derive(Clone, Debug, Default)]
struct MemoryArticle {
    entry: String,
    text: String,
    work: Option<String>,
    history: Option<String>,
    curation: Option<String>,
    /// A team article's mark and base, as JSON.
    sync: Option<(String, String)>,
}

#[derive(Default)]
struct Memory {
    projects: BTreeMap<String, String>,
    articles: BTreeMap<String, MemoryArticle>,
    place: Option<Place>,
    /// While set, every write fails as a full disk would.
    full: bool,
}

/// Storage in memory, for native tests: the same records and the same rules as IndexedDB
/// (records kept as JSON, keys taken inside the write, versions checked).
#[derive(Default)]
pub struct MemoryStorage(RefCell<Memory>);

impl MemoryStorage {
    /// Makes every later write fail as a full disk does (or work again).
    pub fn set_full(&self, full: bool) {
        self.0.borrow_mut().full = full;
    }

    /// Replaces an article's stored work with `json` (as another tab or a broken disk would).
    pub fn put_raw_work(&self, key: &str, json: &str) {
        if let Some(article) = self.0.borrow_mut().articles.get_mut(key) {
            article.work = Some(json.to_owned());
        }
    }

    /// Replaces a project's stored record with `json` (as a broken disk would).
    pub fn put_raw_project(&self, id: &str, json: &str) {
        self.0
            .borrow_mut()
            .projects
            .insert(id.to_owned(), json.to_owned());
    }

    /// Sets an article's stored version, as another tab's save would.
    pub fn bump_version(&self, key: &str) -> Option<u64> {
        let mut memory = self.0.borrow_mut();
        let article = memory.articles.get_mut(key)?;
        let mut entry: Entry = serde_json::from_str(&article.entry).ok()?;
        entry.version += 1;
        article.entry = serde_json::to_string(&entry).ok()?;
        Some(entry.version)
    }

    fn writable(&self) -> Result<std::cell::RefMut<'_, Memory>, StoreError> {
        let memory = self.0.borrow_mut();
        if memory.full {
            return Err(StoreError::Full);
        }
        Ok(memory)
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("records serialise")
}

fn read_project(memory: &Memory, id: &str) -> Result<Project, StoreError> {
    let json = (memory.projects.get(id))
        .ok_or_else(|| StoreError::Other(format!("project {id} is not stored")))?;
    serde_json::from_str(json)
        .map_err(|error| StoreError::Other(format!("project {id} could not be read ({error})")))
}

fn project_keys<'a>(memory: &'a Memory, project: &str) -> impl Iterator<Item = &'a String> {
    let prefix = format!("{project}/");
    (memory.articles.keys()).filter(move |key| key.starts_with(&prefix))
}

fn stored_article(key: &str, article: &MemoryArticle) -> Result<StoredArticle, Damaged> {
    let entry = serde_json::from_str(&article.entry).map_err(|error| Damaged {
        key: key.to_owned(),
        problem: format!("its entry could not be read ({error})"),
    })?;
    Ok(StoredArticle {
        entry,
        text: article.text.clone(),
        work: article.work.clone(),
        history: article.history.clone(),
        curation: article.curation.clone(),
    })
}

impl Storage for MemoryStorage {
    async fn projects(&self) -> Result<(Vec<Project>, Vec<Damaged>), StoreError> {
        let memory = self.0.borrow();
        let (mut projects, mut damaged) = (Vec::new(), Vec::new());
        for (id, json) in &memory.projects {
            match serde_json::from_str::<Project>(json) {
                Ok(project) => projects.push(project),
                Err(error) => damaged.push(Damaged {
                    key: id.clone(),
                    problem: format!("the project could not be read ({error})"),
                }),
            }
        }
        projects.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        Ok((projects, damaged))
    }

    async fn listing(&self, project: &str) -> Result<Listing, StoreError> {
        let memory = self.0.borrow();
        let mut listing = Listing::default();
        for key in project_keys(&memory, project) {
            let article = &memory.articles[key];
            let mark =
                (article.sync.as_ref()).and_then(|(mark, _)| serde_json::from_str(mark).ok());
            if let Some(mark) = mark {
                listing.marks.insert(key.clone(), mark);
            }
            match stored_article(key, article) {
                Ok(article) => listing.entries.push(article.entry),
                Err(damaged) => listing.damaged.push(damaged),
            }
        }
        Ok(listing)
    }

    async fn article(&self, key: &str) -> Result<StoredArticle, StoreError> {
        let memory = self.0.borrow();
        let article = (memory.articles.get(key))
            .ok_or_else(|| StoreError::Other(format!("article {key} is not stored")))?;
        stored_article(key, article).map_err(|damaged| StoreError::Other(damaged.problem))
    }

    async fn project_articles(
        &self,
        project: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Result<StoredArticle, Damaged>>, StoreError> {
        let memory = self.0.borrow();
        Ok(project_keys(&memory, project)
            .filter(|key| after.is_none_or(|after| key.as_str() > after))
            .take(limit)
            .map(|key| stored_article(key, &memory.articles[key]))
            .collect())
    }

    async fn raw(&self, key: &str) -> Result<String, StoreError> {
        let memory = self.0.borrow();
        let article = (memory.articles.get(key))
            .ok_or_else(|| StoreError::Other(format!("article {key} is not stored")))?;
        Ok(raw_record(
            key,
            Some(&article.entry),
            Some(&article.text),
            article.work.as_deref(),
            article.history.as_deref(),
        ))
    }

    async fn save(&self, write: &ArticleWrite) -> Result<(), StoreError> {
        let mut memory = self.writable()?;
        let key = &write.entry.key;
        let article = (memory.articles.get_mut(key))
            .ok_or_else(|| StoreError::Other(format!("article {key} is not stored")))?;
        if let Some(expected) = write.expected {
            let stored: Option<Entry> = serde_json::from_str(&article.entry).ok();
            if let Some(stored) = stored.filter(|stored| stored.version != expected) {
                return Err(StoreError::Conflict {
                    theirs: stored.version,
                });
            }
        }
        article.entry = to_json(&write.entry);
        if let Some(work) = &write.work {
            article.work = Some(String::from_utf8_lossy(work).into_owned());
        }
        if let Some(history) = &write.history {
            article.history = Some(String::from_utf8_lossy(history).into_owned());
        }
        Ok(())
    }

    async fn add(
        &self,
        to: &AddTo,
        labels: &[LabelRecord],
        articles: &[NewArticle],
    ) -> Result<(Project, Vec<Entry>), StoreError> {
        let mut memory = self.writable()?;
        let mut project = match to {
            AddTo::Existing(id) => read_project(&memory, id)?,
            AddTo::New(project) => project.clone(),
        };
        ProjectChange::AddLabels(labels.to_vec()).apply(&mut project);
        let records = new_records(&mut project, articles);
        let mut entries = Vec::with_capacity(records.len());
        for ((entry, work), article) in records.into_iter().zip(articles) {
            memory.articles.insert(
                entry.key.clone(),
                MemoryArticle {
                    entry: to_json(&entry),
                    text: article.document.text.as_str().to_owned(),
                    work: Some(String::from_utf8_lossy(&work).into_owned()),
                    history: None,
                    curation: (article.curation.as_ref()).map(|curation| curation.json.to_string()),
                    sync: (article.sync.as_ref()).map(|mark| {
                        let mark = SyncMark {
                            pushed: entry.version,
                            ..*mark
                        };
                        (to_json(&mark), String::from_utf8_lossy(&work).into_owned())
                    }),
                },
            );
            entries.push(entry);
        }
        memory
            .projects
            .insert(project.id.clone(), to_json(&project));
        Ok((project, entries))
    }

    async fn change_project(
        &self,
        id: &str,
        change: &ProjectChange,
    ) -> Result<Project, StoreError> {
        let mut memory = self.writable()?;
        let mut project = read_project(&memory, id)?;
        change.apply(&mut project);
        memory.projects.insert(id.to_owned(), to_json(&project));
        Ok(project)
    }

    async fn delete_project(&self, id: &str) -> Result<(), StoreError> {
        let mut memory = self.writable()?;
        memory.projects.remove(id);
        let prefix = format!("{id}/");
        memory.articles.retain(|key, _| !key.starts_with(&prefix));
        Ok(())
    }

    async fn place(&self) -> Result<Option<Place>, StoreError> {
        Ok(self.0.borrow().place.clone())
    }

    async fn set_place(&self, place: &Place) -> Result<(), StoreError> {
        self.writable()?.place = Some(place.clone());
        Ok(())
    }

    async fn breathe(&self) {}

    async fn base(&self, key: &str) -> Result<StoredWork, StoreError> {
        let memory = self.0.borrow();
        let base = (memory.articles.get(key)).and_then(|article| article.sync.as_ref());
        match base {
            Some((_, base)) => serde_json::from_str(base).map_err(|error| {
                StoreError::Other(format!(
                    "the synced work of {key} could not be read ({error})"
                ))
            }),
            None => Ok(StoredWork::default()),
        }
    }

    async fn synced(
        &self,
        key: &str,
        mark: &SyncMark,
        base: &StoredWork,
    ) -> Result<(), StoreError> {
        let mut memory = self.writable()?;
        let article = (memory.articles.get_mut(key))
            .ok_or_else(|| StoreError::Other(format!("article {key} is not stored")))?;
        article.sync = Some((to_json(mark), to_json(base)));
        Ok(())
    }

    async fn take_remote(
        &self,
        key: &str,
        remote: &RemoteWork,
    ) -> Result<Option<Taken>, StoreError> {
        let base = self.base(key).await?;
        let mut memory = self.writable()?;
        let article = (memory.articles.get_mut(key))
            .ok_or_else(|| StoreError::Other(format!("article {key} is not stored")))?;
        let stored =
            stored_article(key, article).map_err(|damaged| StoreError::Other(damaged.problem))?;
        let mark: SyncMark = (article.sync.as_ref())
            .and_then(|(mark, _)| serde_json::from_str(mark).ok())
            .ok_or_else(|| StoreError::Other(format!("article {key} is not a team article")))?;
        let local = stored.work().map_err(StoreError::Other)?;
        let Some(taken) = team::take(&stored.entry, &local, &mark, &base, remote) else {
            return Ok(None);
        };
        if let (Some(entry), Some(work)) = (&taken.entry, &taken.work) {
            article.entry = to_json(entry);
            article.work = Some(to_json(work));
            article.history = None;
        }
        article.sync = Some((to_json(&taken.mark), to_json(&taken.base)));
        Ok(Some(taken))
    }
}

/// A damaged article's records as one JSON object of strings, for its download.
pub fn raw_record(
    key: &str,
    entry: Option<&str>,
    text: Option<&str>,
    work: Option<&str>,
    history: Option<&str>,
) -> String {
    let record = serde_json::json!({
        "key": key,
        "entry": entry,
        "text": text,
        "work": work,
        "history": history,
    });
    serde_json::to_string_pretty(&record).expect("JSON values serialise")
}
