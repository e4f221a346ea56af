//! The browser's IndexedDB, where projects and their articles are kept (through the `idb`
//! crate). Records are JSON under string keys: strings, except the work, which is kept as
//! UTF-8 bytes (a `Uint8Array`: copied out of wasm as it is, where a string of a long
//! article's spans would be decoded first; records stored as strings are read too):
//!
//! | store | key | value |
//! |---|---|---|
//! | `projects` | project id | [`Project`] |
//! | `entries` | article key (`project/position`) | [`Entry`] |
//! | `texts` | article key | the article text |
//! | `work` | article key | [`StoredWork`] |
//! | `meta` | `"place"` | [`Place`]: where the user was |

use crate::model::project::{key_range, Entry, Project, StoredWork};
use idb::{
    Database, DatabaseEvent, Factory, KeyRange, ObjectStore, ObjectStoreParams, Query, Transaction,
    TransactionMode, TransactionResult,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

const NAME: &str = "article-annotator";
const VERSION: u32 = 1;
const STORES: [&str; 5] = ["projects", "entries", "texts", "work", "meta"];
const PLACE_KEY: &str = "place";

/// Why storing or reading failed.
#[derive(Clone, Debug, PartialEq)]
pub enum DbError {
    /// The browser refused to store more (quota exceeded, disk full).
    Full,
    /// Another tab saved the article since this one read it (its version is `theirs`).
    Conflict { theirs: u64 },
    /// Anything else: storage disabled, a broken record.
    Other(String),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Full => write!(f, "the browser's storage for this site is full"),
            DbError::Conflict { .. } => write!(f, "another tab changed this article"),
            DbError::Other(message) => write!(f, "{message}"),
        }
    }
}

impl From<idb::Error> for DbError {
    fn from(error: idb::Error) -> Self {
        let text = error.to_string();
        if text.contains("QuotaExceeded") {
            DbError::Full
        } else {
            DbError::Other(format!("the browser's storage failed ({text})"))
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

/// An open connection.
pub struct Db(Database);

impl Db {
    /// Opens (or creates) the database.
    pub async fn open() -> Result<Db, DbError> {
        let factory = Factory::new()
            .map_err(|_| DbError::Other("this browser keeps no storage for the page".into()))?;
        let mut request = factory.open(NAME, Some(VERSION))?;
        request.on_upgrade_needed(|event| {
            let Ok(database) = event.database() else {
                return;
            };
            let existing = database.store_names();
            for store in STORES {
                if !existing.iter().any(|name| name == store) {
                    let _ = database.create_object_store(store, ObjectStoreParams::new());
                }
            }
        });
        Ok(Db(request.await?))
    }

    fn transaction(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction, DbError> {
        Ok(self.0.transaction(stores, mode)?)
    }

    /// Where the user was, if anywhere.
    pub async fn place(&self) -> Result<Option<Place>, DbError> {
        let tx = self.transaction(&["meta"], TransactionMode::ReadOnly)?;
        get(&tx.object_store("meta")?, PLACE_KEY).await
    }

    pub async fn set_place(&self, place: &Place) -> Result<(), DbError> {
        let tx = self.transaction(&["meta"], TransactionMode::ReadWrite)?;
        put(&tx.object_store("meta")?, PLACE_KEY, place).await?;
        finish(tx).await
    }

    /// Every project, oldest first.
    pub async fn projects(&self) -> Result<Vec<Project>, DbError> {
        let tx = self.transaction(&["projects"], TransactionMode::ReadOnly)?;
        let mut projects: Vec<Project> = get_all(&tx.object_store("projects")?, None).await?;
        projects.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        Ok(projects)
    }

    /// The articles of a project, in order.
    pub async fn entries(&self, project: &str) -> Result<Vec<Entry>, DbError> {
        let tx = self.transaction(&["entries"], TransactionMode::ReadOnly)?;
        get_all(&tx.object_store("entries")?, Some(range_of(project)?)).await
    }

    /// An article's entry (as stored now), text and work.
    pub async fn article(&self, key: &str) -> Result<(Entry, String, StoredWork), DbError> {
        let tx = self.transaction(&["entries", "texts", "work"], TransactionMode::ReadOnly)?;
        let entry: Entry = get(&tx.object_store("entries")?, key)
            .await?
            .ok_or_else(|| DbError::Other(format!("article {key} is not stored")))?;
        let text: Option<String> = tx
            .object_store("texts")?
            .get(JsValue::from_str(key))?
            .await?
            .and_then(|value| value.as_string());
        let text = text.ok_or_else(|| DbError::Other(format!("article {key} has no text")))?;
        let work = get(&tx.object_store("work")?, key)
            .await?
            .unwrap_or_default();
        Ok((entry, text, work))
    }

    /// Every article of a project (entry, text, work), in order, read at one moment.
    pub async fn project_articles(
        &self,
        project: &str,
    ) -> Result<Vec<(Entry, String, StoredWork)>, DbError> {
        let tx = self.transaction(&["entries", "texts", "work"], TransactionMode::ReadOnly)?;
        let entries: Vec<Entry> =
            get_all(&tx.object_store("entries")?, Some(range_of(project)?)).await?;
        let texts = tx
            .object_store("texts")?
            .get_all(Some(Query::KeyRange(range_of(project)?)), None)?
            .await?;
        let works: Vec<StoredWork> =
            get_all(&tx.object_store("work")?, Some(range_of(project)?)).await?;
        if texts.len() != entries.len() || works.len() != entries.len() {
            return Err(DbError::Other(
                "the project's records are incomplete".into(),
            ));
        }
        Ok(entries
            .into_iter()
            .zip(
                texts
                    .iter()
                    .map(|text| text.as_string().unwrap_or_default()),
            )
            .zip(works)
            .map(|((entry, text), work)| (entry, text, work))
            .collect())
    }

    /// Saves an article's entry (and its work, and the project, when given) in one
    /// transaction, if the stored entry is still at version `expected` (`None`: whatever
    /// it is).
    pub async fn save(
        &self,
        project: Option<&Project>,
        entry: &Entry,
        work: Option<&[u8]>,
        expected: Option<u64>,
    ) -> Result<(), DbError> {
        let tx = self.transaction(&["projects", "entries", "work"], TransactionMode::ReadWrite)?;
        let entries = tx.object_store("entries")?;
        let stored: Option<Entry> = get(&entries, &entry.key).await?;
        if let (Some(stored), Some(expected)) = (stored, expected) {
            if stored.version != expected {
                let _ = tx.abort();
                return Err(DbError::Conflict {
                    theirs: stored.version,
                });
            }
        }
        put(&entries, &entry.key, entry).await?;
        if let Some(work) = work {
            put_bytes(&tx.object_store("work")?, &entry.key, work).await?;
        }
        if let Some(project) = project {
            put(&tx.object_store("projects")?, &project.id, project).await?;
        }
        finish(tx).await
    }

    /// Stores a project and new articles of it (entry, text, work) in one transaction.
    pub async fn add(
        &self,
        project: &Project,
        articles: &[(Entry, String, StoredWork)],
    ) -> Result<(), DbError> {
        let tx = self.transaction(
            &["projects", "entries", "texts", "work"],
            TransactionMode::ReadWrite,
        )?;
        put(&tx.object_store("projects")?, &project.id, project).await?;
        let (entries, texts, works) = (
            tx.object_store("entries")?,
            tx.object_store("texts")?,
            tx.object_store("work")?,
        );
        for (entry, text, work) in articles {
            put(&entries, &entry.key, entry).await?;
            texts
                .put(
                    &JsValue::from_str(text),
                    Some(&JsValue::from_str(&entry.key)),
                )?
                .await?;
            let json =
                serde_json::to_vec(work).map_err(|error| DbError::Other(error.to_string()))?;
            put_bytes(&works, &entry.key, &json).await?;
        }
        finish(tx).await
    }

    /// Saves a project record alone (a new name).
    pub async fn put_project(&self, project: &Project) -> Result<(), DbError> {
        let tx = self.transaction(&["projects"], TransactionMode::ReadWrite)?;
        put(&tx.object_store("projects")?, &project.id, project).await?;
        finish(tx).await
    }

    /// Deletes a project and every article of it.
    pub async fn delete_project(&self, id: &str) -> Result<(), DbError> {
        let tx = self.transaction(
            &["projects", "entries", "texts", "work"],
            TransactionMode::ReadWrite,
        )?;
        tx.object_store("projects")?
            .delete(JsValue::from_str(id))?
            .await?;
        for store in ["entries", "texts", "work"] {
            tx.object_store(store)?.delete(range_of(id)?)?.await?;
        }
        finish(tx).await
    }
}

fn range_of(project: &str) -> Result<KeyRange, DbError> {
    let (low, high) = key_range(project);
    Ok(KeyRange::bound(
        &JsValue::from_str(&low),
        &JsValue::from_str(&high),
        None,
        None,
    )?)
}

async fn get<T: DeserializeOwned>(store: &ObjectStore, key: &str) -> Result<Option<T>, DbError> {
    store
        .get(JsValue::from_str(key))?
        .await?
        .map(|value| decode(&value))
        .transpose()
}

async fn get_all<T: DeserializeOwned>(
    store: &ObjectStore,
    range: Option<KeyRange>,
) -> Result<Vec<T>, DbError> {
    store
        .get_all(range.map(Query::KeyRange), None)?
        .await?
        .iter()
        .map(decode)
        .collect()
}

async fn put<T: Serialize>(store: &ObjectStore, key: &str, value: &T) -> Result<(), DbError> {
    let json = serde_json::to_string(value).map_err(|error| DbError::Other(error.to_string()))?;
    store
        .put(&JsValue::from_str(&json), Some(&JsValue::from_str(key)))?
        .await?;
    Ok(())
}

async fn put_bytes(store: &ObjectStore, key: &str, json: &[u8]) -> Result<(), DbError> {
    let bytes = js_sys::Uint8Array::from(json);
    store.put(&bytes, Some(&JsValue::from_str(key)))?.await?;
    Ok(())
}

fn decode<T: DeserializeOwned>(value: &JsValue) -> Result<T, DbError> {
    let json = match value.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => String::from_utf8(bytes.to_vec()).ok(),
        None => value.as_string(),
    };
    let json = json.ok_or_else(|| DbError::Other("a stored record is not JSON text".into()))?;
    serde_json::from_str(&json)
        .map_err(|error| DbError::Other(format!("a stored record could not be read ({error})")))
}

/// Commits and waits; an aborted transaction says why (a full disk above all).
async fn finish(tx: Transaction) -> Result<(), DbError> {
    // A handle to read the abort's reason after `commit` consumes `tx`.
    let raw: Option<web_sys::IdbTransaction> = tx
        .store_names()
        .first()
        .and_then(|name| tx.object_store(name).ok())
        .map(|store| store.transaction().into());
    match tx.commit()?.await {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) | Err(_) => {
            let name = raw
                .and_then(|raw| raw.error())
                .map(|error| error.name())
                .unwrap_or_default();
            Err(if name == "QuotaExceededError" {
                DbError::Full
            } else {
                DbError::Other(format!("the browser's storage refused the change ({name})"))
            })
        }
    }
}
