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
//! | `work` | article key | `StoredWork` (spans and relations) |
//! | `history` | article key | the article's undo history (see `History::to_json`) |
//! | `curation` | article key | a gold article's annotators' versions (`Curation`) |
//! | `meta` | `"place"` | [`Place`]: where the user was |
//! | `sync` | article key | a team article's [`SyncMark`] |
//! | `base` | article key | the `StoredWork` it last agreed on with the server |
//!
//! Records are read one by one where one of them may be broken: a record that cannot be
//! read marks its article damaged, and every other article and project goes on working.

use crate::model::formats::native::LabelRecord;
use crate::model::project::{key_range, Entry, Project, StoredWork};
use crate::storage::{
    new_records, raw_record, AddTo, ArticleWrite, Damaged, Listing, Place, ProjectChange, Storage,
    StoreError, StoredArticle,
};
use crate::team::{self, RemoteWork, SyncMark, Taken};
use idb::{
    Database, DatabaseEvent, Factory, KeyRange, ObjectStore, ObjectStoreParams, Query, Transaction,
    TransactionMode, TransactionResult,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

const NAME: &str = "article-annotator";
const VERSION: u32 = 4;
const STORES: [&str; 9] = [
    "projects", "entries", "texts", "work", "history", "curation", "meta", "sync", "base",
];
const ARTICLE_STORES: [&str; 5] = ["entries", "texts", "work", "history", "curation"];
const PLACE_KEY: &str = "place";

fn failed(error: idb::Error) -> StoreError {
    let text = error.to_string();
    if text.contains("QuotaExceeded") {
        StoreError::Full
    } else {
        StoreError::Other(format!("the browser's storage failed ({text})"))
    }
}

/// An open connection.
pub struct Db(Database);

impl Db {
    /// Opens (or creates, or upgrades) the database.
    pub async fn open() -> Result<Db, StoreError> {
        let factory = Factory::new().map_err(|_| {
            StoreError::Unavailable("this browser keeps no storage for the page".into())
        })?;
        let mut request = factory
            .open(NAME, Some(VERSION))
            .map_err(|error| StoreError::Unavailable(failed(error).to_string()))?;
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
        let database = request
            .await
            .map_err(|error| StoreError::Unavailable(failed(error).to_string()))?;
        Ok(Db(database))
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<Transaction, StoreError> {
        self.0.transaction(stores, mode).map_err(failed)
    }
}

impl Storage for Db {
    async fn projects(&self) -> Result<(Vec<Project>, Vec<Damaged>), StoreError> {
        let tx = self.transaction(&["projects"], TransactionMode::ReadOnly)?;
        let store = tx.object_store("projects").map_err(failed)?;
        let keys = store
            .get_all_keys(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let values = store
            .get_all(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let (mut projects, mut damaged) = (Vec::new(), Vec::new());
        for (key, value) in keys.iter().zip(values.iter()) {
            match decode::<Project>(value) {
                Ok(project) => projects.push(project),
                Err(problem) => damaged.push(Damaged {
                    key: key.as_string().unwrap_or_default(),
                    problem,
                }),
            }
        }
        projects.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        Ok((projects, damaged))
    }

    async fn listing(&self, project: &str) -> Result<Listing, StoreError> {
        let tx = self.transaction(&["entries", "sync"], TransactionMode::ReadOnly)?;
        let store = tx.object_store("entries").map_err(failed)?;
        let (low, high) = key_range(project);
        let (keys, values) = keyed(&store, &low, &high, false, None).await?;
        let mut listing = Listing::default();
        let sync = tx.object_store("sync").map_err(failed)?;
        let (marked, marks) = keyed(&sync, &low, &high, false, None).await?;
        for (key, mark) in marked.into_iter().zip(marks.iter()) {
            if let Ok(mark) = decode::<SyncMark>(mark) {
                listing.marks.insert(key, mark);
            }
        }
        for (key, value) in keys.into_iter().zip(values.iter()) {
            match decode::<Entry>(value) {
                Ok(entry) => listing.entries.push(entry),
                Err(problem) => listing.damaged.push(Damaged { key, problem }),
            }
        }
        Ok(listing)
    }

    async fn article(&self, key: &str) -> Result<StoredArticle, StoreError> {
        let tx = self.transaction(&ARTICLE_STORES, TransactionMode::ReadOnly)?;
        let [entry, text, work, history, curation] = read_article(&tx, key).await?;
        let entry =
            entry.ok_or_else(|| StoreError::Other(format!("article {key} is not stored")))?;
        let entry: Entry = decode(&entry).map_err(StoreError::Other)?;
        let text = text
            .and_then(|text| text.as_string())
            .ok_or_else(|| StoreError::Other(format!("article {key} has no text")))?;
        Ok(StoredArticle {
            entry,
            text,
            work: work
                .map(|work| text_of(&work))
                .transpose()
                .map_err(StoreError::Other)?,
            history: history.and_then(|history| text_of(&history).ok()),
            curation: curation.and_then(|curation| text_of(&curation).ok()),
        })
    }

    async fn project_articles(
        &self,
        project: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Result<StoredArticle, Damaged>>, StoreError> {
        let tx = self.transaction(&ARTICLE_STORES, TransactionMode::ReadOnly)?;
        let store = |name| tx.object_store(name).map_err(failed);
        let (low, high) = key_range(project);
        let from = after.unwrap_or(&low);
        let count = u32::try_from(limit).unwrap_or(u32::MAX);
        let (keys, entries) = keyed(
            &store("entries")?,
            from,
            &high,
            after.is_some(),
            Some(count),
        )
        .await?;
        let (Some(first), Some(last)) = (keys.first(), keys.last()) else {
            return Ok(Vec::new());
        };
        // Joined by key, never by position: a store missing a record damages one article.
        let texts = by_key(&store("texts")?, first, last).await?;
        let works = by_key(&store("work")?, first, last).await?;
        Ok(keys
            .into_iter()
            .zip(entries.iter())
            .map(|(key, entry)| {
                let damaged = |problem: String| Damaged {
                    key: key.clone(),
                    problem,
                };
                let entry: Entry = decode(entry).map_err(damaged)?;
                let text = (texts.get(&key).and_then(JsValue::as_string))
                    .ok_or_else(|| damaged("its text is missing".to_owned()))?;
                let work = works.get(&key).map(text_of).transpose().map_err(damaged)?;
                Ok(StoredArticle {
                    entry,
                    text,
                    work,
                    history: None,
                    curation: None,
                })
            })
            .collect())
    }

    async fn raw(&self, key: &str) -> Result<String, StoreError> {
        let tx = self.transaction(&ARTICLE_STORES, TransactionMode::ReadOnly)?;
        let [entry, text, work, history, _] = read_article(&tx, key).await?;
        let text_of = |value: Option<JsValue>| value.and_then(|value| text_of(&value).ok());
        Ok(raw_record(
            key,
            text_of(entry).as_deref(),
            text_of(text).as_deref(),
            text_of(work).as_deref(),
            text_of(history).as_deref(),
        ))
    }

    async fn save(&self, write: &ArticleWrite) -> Result<(), StoreError> {
        let tx = self.transaction(&["entries", "work", "history"], TransactionMode::ReadWrite)?;
        let entries = tx.object_store("entries").map_err(failed)?;
        let key = &write.entry.key;
        let stored = entries
            .get(JsValue::from_str(key))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let Some(stored) = stored else {
            let _ = tx.abort();
            return Err(StoreError::Other(format!(
                "article {key} is no longer stored"
            )));
        };
        if let Some(expected) = write.expected {
            let version = decode::<Entry>(&stored)
                .map(|stored| stored.version)
                .unwrap_or(0);
            if version != expected {
                let _ = tx.abort();
                return Err(StoreError::Conflict { theirs: version });
            }
        }
        put(&entries, key, &write.entry).await?;
        if let Some(work) = &write.work {
            put_bytes(&tx.object_store("work").map_err(failed)?, key, work).await?;
        }
        if let Some(history) = &write.history {
            put_bytes(&tx.object_store("history").map_err(failed)?, key, history).await?;
        }
        finish(tx).await
    }

    async fn add(
        &self,
        to: &AddTo,
        labels: &[LabelRecord],
        articles: &[crate::storage::NewArticle],
    ) -> Result<(Project, Vec<Entry>), StoreError> {
        let tx = self.transaction(
            &[
                "projects", "entries", "texts", "work", "curation", "sync", "base",
            ],
            TransactionMode::ReadWrite,
        )?;
        let projects = tx.object_store("projects").map_err(failed)?;
        // The project as stored now: its next position is the new articles' first key.
        let mut project = match to {
            AddTo::New(project) => project.clone(),
            AddTo::Existing(id) => read_project(&projects, id).await?,
        };
        ProjectChange::AddLabels(labels.to_vec()).apply(&mut project);
        let records = new_records(&mut project, articles);
        put(&projects, &project.id, &project).await?;
        let (entries, texts, works) = (
            tx.object_store("entries").map_err(failed)?,
            tx.object_store("texts").map_err(failed)?,
            tx.object_store("work").map_err(failed)?,
        );
        let mut added = Vec::with_capacity(records.len());
        for ((entry, work), article) in records.into_iter().zip(articles) {
            put(&entries, &entry.key, &entry).await?;
            texts
                .put(
                    &JsValue::from_str(article.document.text.as_str()),
                    Some(&JsValue::from_str(&entry.key)),
                )
                .map_err(failed)?
                .await
                .map_err(failed)?;
            put_bytes(&works, &entry.key, &work).await?;
            if let Some(mark) = &article.sync {
                let mark = SyncMark {
                    pushed: entry.version,
                    ..*mark
                };
                put(&tx.object_store("sync").map_err(failed)?, &entry.key, &mark).await?;
                put_bytes(&tx.object_store("base").map_err(failed)?, &entry.key, &work).await?;
            }
            if let Some(curation) = &article.curation {
                (tx.object_store("curation").map_err(failed)?)
                    .put(
                        &JsValue::from_str(&curation.json),
                        Some(&JsValue::from_str(&entry.key)),
                    )
                    .map_err(failed)?
                    .await
                    .map_err(failed)?;
            }
            added.push(entry);
        }
        finish(tx).await?;
        Ok((project, added))
    }

    async fn change_project(
        &self,
        id: &str,
        change: &ProjectChange,
    ) -> Result<Project, StoreError> {
        let tx = self.transaction(&["projects"], TransactionMode::ReadWrite)?;
        let projects = tx.object_store("projects").map_err(failed)?;
        let mut project = read_project(&projects, id).await?;
        change.apply(&mut project);
        put(&projects, id, &project).await?;
        finish(tx).await?;
        Ok(project)
    }

    async fn delete_project(&self, id: &str) -> Result<(), StoreError> {
        let mut stores = vec!["projects", "sync", "base"];
        stores.extend(ARTICLE_STORES);
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        tx.object_store("projects")
            .map_err(failed)?
            .delete(JsValue::from_str(id))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let (low, high) = key_range(id);
        for store in ARTICLE_STORES.iter().chain(&["sync", "base"]) {
            tx.object_store(store)
                .map_err(failed)?
                .delete(range_of(&low, &high, false)?)
                .map_err(failed)?
                .await
                .map_err(failed)?;
        }
        finish(tx).await
    }

    async fn place(&self) -> Result<Option<Place>, StoreError> {
        let tx = self.transaction(&["meta"], TransactionMode::ReadOnly)?;
        let value = tx
            .object_store("meta")
            .map_err(failed)?
            .get(JsValue::from_str(PLACE_KEY))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        Ok(value.and_then(|value| decode(&value).ok()))
    }

    async fn set_place(&self, place: &Place) -> Result<(), StoreError> {
        let tx = self.transaction(&["meta"], TransactionMode::ReadWrite)?;
        put(&tx.object_store("meta").map_err(failed)?, PLACE_KEY, place).await?;
        finish(tx).await
    }

    async fn breathe(&self) {
        gloo::timers::future::TimeoutFuture::new(0).await;
    }

    async fn base(&self, key: &str) -> Result<StoredWork, StoreError> {
        let tx = self.transaction(&["base"], TransactionMode::ReadOnly)?;
        read_base(&tx, key).await
    }

    async fn synced(
        &self,
        key: &str,
        mark: &SyncMark,
        base: &StoredWork,
    ) -> Result<(), StoreError> {
        let tx = self.transaction(&["sync", "base"], TransactionMode::ReadWrite)?;
        put(&tx.object_store("sync").map_err(failed)?, key, mark).await?;
        put(&tx.object_store("base").map_err(failed)?, key, base).await?;
        finish(tx).await
    }

    async fn take_remote(
        &self,
        key: &str,
        remote: &RemoteWork,
    ) -> Result<Option<Taken>, StoreError> {
        let stores = ["entries", "work", "history", "sync", "base"];
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        let missing = |what: &str| StoreError::Other(format!("article {key} has no {what}"));
        let entry: Entry = decode(
            &get(&tx, "entries", key)
                .await?
                .ok_or_else(|| missing("entry"))?,
        )
        .map_err(StoreError::Other)?;
        let mark: SyncMark = decode(
            &get(&tx, "sync", key)
                .await?
                .ok_or_else(|| missing("team record"))?,
        )
        .map_err(StoreError::Other)?;
        let local: StoredWork = match get(&tx, "work", key).await? {
            Some(work) => decode(&work).map_err(StoreError::Other)?,
            None => StoredWork::default(),
        };
        let base = read_base(&tx, key).await?;
        let Some(taken) = team::take(&entry, &local, &mark, &base, remote) else {
            let _ = tx.abort();
            return Ok(None);
        };
        if let (Some(entry), Some(work)) = (&taken.entry, &taken.work) {
            put(&tx.object_store("entries").map_err(failed)?, key, entry).await?;
            put(&tx.object_store("work").map_err(failed)?, key, work).await?;
            (tx.object_store("history").map_err(failed)?)
                .delete(JsValue::from_str(key))
                .map_err(failed)?
                .await
                .map_err(failed)?;
        }
        put(&tx.object_store("sync").map_err(failed)?, key, &taken.mark).await?;
        put(&tx.object_store("base").map_err(failed)?, key, &taken.base).await?;
        finish(tx).await?;
        Ok(Some(taken))
    }
}

/// The record under `key` in a store of the transaction, if any.
async fn get(tx: &Transaction, store: &str, key: &str) -> Result<Option<JsValue>, StoreError> {
    (tx.object_store(store).map_err(failed)?)
        .get(JsValue::from_str(key))
        .map_err(failed)?
        .await
        .map_err(failed)
}

/// A team article's base (empty when none is kept).
async fn read_base(tx: &Transaction, key: &str) -> Result<StoredWork, StoreError> {
    match get(tx, "base", key).await? {
        Some(base) => decode(&base).map_err(StoreError::Other),
        None => Ok(StoredWork::default()),
    }
}

/// An article's records (entry, text, work, history, curation), each as stored, if at all.
async fn read_article(tx: &Transaction, key: &str) -> Result<[Option<JsValue>; 5], StoreError> {
    let mut records = [None, None, None, None, None];
    for (slot, store) in records.iter_mut().zip(ARTICLE_STORES) {
        *slot = tx
            .object_store(store)
            .map_err(failed)?
            .get(JsValue::from_str(key))
            .map_err(failed)?
            .await
            .map_err(failed)?;
    }
    Ok(records)
}

async fn read_project(store: &ObjectStore, id: &str) -> Result<Project, StoreError> {
    let value = store
        .get(JsValue::from_str(id))
        .map_err(failed)?
        .await
        .map_err(failed)?;
    let value = value.ok_or_else(|| StoreError::Other(format!("project {id} is not stored")))?;
    decode(&value).map_err(StoreError::Other)
}

/// The keys from `low` to `high` (`low` itself left out when `after`).
fn range_of(low: &str, high: &str, after: bool) -> Result<KeyRange, StoreError> {
    KeyRange::bound(
        &JsValue::from_str(low),
        &JsValue::from_str(high),
        Some(after),
        None,
    )
    .map_err(failed)
}

/// Records in one store from `low` to `high` (at most `count`), with their keys, in key
/// order.
async fn keyed(
    store: &ObjectStore,
    low: &str,
    high: &str,
    after: bool,
    count: Option<u32>,
) -> Result<(Vec<String>, Vec<JsValue>), StoreError> {
    let range = || range_of(low, high, after).map(Query::KeyRange).map(Some);
    let keys = store
        .get_all_keys(range()?, count)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    let values = store
        .get_all(range()?, count)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    let keys = keys
        .iter()
        .map(|key| key.as_string().unwrap_or_default())
        .collect();
    Ok((keys, values))
}

/// Records in one store from `low` to `high`, by key.
async fn by_key(
    store: &ObjectStore,
    low: &str,
    high: &str,
) -> Result<HashMap<String, JsValue>, StoreError> {
    let (keys, values) = keyed(store, low, high, false, None).await?;
    Ok(keys.into_iter().zip(values).collect())
}

async fn put<T: Serialize>(store: &ObjectStore, key: &str, value: &T) -> Result<(), StoreError> {
    let json =
        serde_json::to_string(value).map_err(|error| StoreError::Other(error.to_string()))?;
    store
        .put(&JsValue::from_str(&json), Some(&JsValue::from_str(key)))
        .map_err(failed)?
        .await
        .map_err(failed)?;
    Ok(())
}

async fn put_bytes(store: &ObjectStore, key: &str, json: &[u8]) -> Result<(), StoreError> {
    let bytes = js_sys::Uint8Array::from(json);
    store
        .put(&bytes, Some(&JsValue::from_str(key)))
        .map_err(failed)?
        .await
        .map_err(failed)?;
    Ok(())
}

/// A record's JSON text: stored as UTF-8 bytes, or as a string by older versions.
fn text_of(value: &JsValue) -> Result<String, String> {
    match value.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => String::from_utf8(bytes.to_vec()).ok(),
        None => value.as_string(),
    }
    .ok_or_else(|| "a stored record is not JSON text".to_owned())
}

fn decode<T: DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let json = text_of(value)?;
    serde_json::from_str(&json)
        .map_err(|error| format!("a stored record could not be read ({error})"))
}

/// Commits and waits; an aborted transaction says why (a full disk above all).
async fn finish(tx: Transaction) -> Result<(), StoreError> {
    // A handle to read the abort's reason after `commit` consumes `tx`.
    let raw: Option<web_sys::IdbTransaction> = tx
        .store_names()
        .first()
        .and_then(|name| tx.object_store(name).ok())
        .map(|store| store.transaction().into());
    match tx.commit().map_err(failed)?.await {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) | Err(_) => {
            let name = raw
                .and_then(|raw| raw.error())
                .map(|error| error.name())
                .unwrap_or_default();
            Err(if name == "QuotaExceededError" {
                StoreError::Full
            } else {
                StoreError::Other(format!("the browser's storage refused the change ({name})"))
            })
        }
    }
}
