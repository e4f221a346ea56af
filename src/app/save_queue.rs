//! The save queue: every accepted change to an article is held here, by article, until
//! storage says it is written. Pure (no browser, no timers): the app asks it what to
//! write next and tells it how each write ended.
//!
//! An article is *clean* (nothing held), *pending* (held, waiting its turn), *writing*,
//! *failed* (held; retried) or in *conflict* (held; another tab saved the article since
//! this tab read it, and the user chooses). "Stored" advances only when a write commits.

use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::history::History;
use crate::model::project::Entry;
use crate::storage::{ProjectChange, StoreError};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// An article's work as the user last left it: what a save writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    /// Its entry (status, counts) as it should be stored.
    pub entry: Entry,
    pub document: Rc<Document>,
    pub annotations: Rc<Annotations>,
    pub history: History,
}

/// Where an article's work is.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Clean,
    Pending,
    Writing,
    /// The last write failed (why); the work is held and retried.
    Failed(String),
    /// Another tab saved the article (at version `theirs`) since this tab read it.
    Conflict {
        theirs: u64,
    },
}

/// What the header shows: derived from the queue, never set on its own.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Reading what was stored.
    Loading,
    Saved,
    Saving,
    /// Some work is not stored (why, and how many articles).
    Failed {
        problem: String,
        articles: usize,
    },
    /// An article (`key`, `title`) is in conflict with another tab's save.
    Conflict {
        key: String,
        title: String,
    },
    /// There is no storage: the work lives in this tab only.
    NoStorage(String),
}

impl SaveStatus {
    /// True when everything accepted is stored.
    pub fn is_saved(&self) -> bool {
        matches!(self, SaveStatus::Saved)
    }
}

/// One write to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub key: String,
    /// Which accepted change this writes (see [`SaveQueue::written`]).
    pub change: u64,
    pub held: Held,
    /// Write only if the stored version is still this.
    pub expected: Option<u64>,
    /// The version the write stores.
    pub version: u64,
    /// True when the spans changed since the last write (else only the entry is written).
    pub work_changed: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Slot {
    state: SaveState,
    /// The latest accepted change of this article.
    accepted: u64,
    held: Held,
    /// The spans changed since the last write that committed.
    work_changed: bool,
}

/// The queue of unstored work, by article key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveQueue {
    slots: BTreeMap<String, Slot>,
    /// Each article's version as this tab last read or wrote it.
    versions: HashMap<String, u64>,
    /// Articles another tab saved since this tab read them (their version).
    stale: HashMap<String, u64>,
    /// Project changes (project id, change) not yet stored, in order.
    projects: Vec<(String, ProjectChange)>,
    /// Why the last project change failed, while it is retried.
    project_failure: Option<String>,
    /// True while a write (of an article or a project change) is out.
    busy: bool,
    next_change: u64,
}

impl SaveQueue {
    /// Remembers the version of an article just read from storage (it is what this tab has
    /// seen: a later write expects it).
    pub fn read(&mut self, key: &str, version: u64) {
        self.versions.insert(key.to_owned(), version);
        self.stale.remove(key);
    }

    /// Holds an accepted change of an article. `work_changed` is false for changes to its
    /// entry alone (marked done).
    pub fn accept(&mut self, held: Held, work_changed: bool) {
        self.next_change += 1;
        let change = self.next_change;
        let key = held.entry.key.clone();
        let conflict = self.stale.get(&key).copied();
        match self.slots.get_mut(&key) {
            Some(slot) => {
                slot.accepted = change;
                slot.held = held;
                slot.work_changed |= work_changed;
                // A new edit tries a failed write again at once (a conflict still waits for
                // the user; a write out is followed by this one).
                if matches!(slot.state, SaveState::Clean | SaveState::Failed(_)) {
                    slot.state = SaveState::Pending;
                }
            }
            None => {
                let state = match conflict {
                    Some(theirs) => SaveState::Conflict { theirs },
                    None => SaveState::Pending,
                };
                self.slots.insert(
                    key,
                    Slot {
                        state,
                        accepted: change,
                        held,
                        work_changed,
                    },
                );
            }
        }
    }

    /// Holds a change to a project (rename, schema), stored before the articles' saves.
    pub fn accept_project(&mut self, project: &str, change: ProjectChange) {
        self.projects.push((project.to_owned(), change));
    }

    /// The next project change to store, if one waits and nothing is being written.
    pub fn next_project_change(&mut self) -> Option<(String, ProjectChange)> {
        if self.busy {
            return None;
        }
        let next = self.projects.first().cloned()?;
        self.busy = true;
        Some(next)
    }

    /// A project change ended: stored (dropped from the queue) or kept to try again.
    pub fn project_written(&mut self, result: Result<(), StoreError>) {
        self.busy = false;
        match result {
            Ok(()) => {
                if !self.projects.is_empty() {
                    self.projects.remove(0);
                }
                self.project_failure = None;
            }
            Err(error) => self.project_failure = Some(error.to_string()),
        }
    }

    /// The next article write, if one is due and nothing is being written. Project changes
    /// go first.
    pub fn next_write(&mut self) -> Option<Write> {
        if self.busy || !self.projects.is_empty() {
            return None;
        }
        let (key, slot) = self
            .slots
            .iter_mut()
            .find(|(_, slot)| slot.state == SaveState::Pending)?;
        slot.state = SaveState::Writing;
        let ours = self.versions.get(key).copied().unwrap_or(0);
        self.busy = true;
        let work_changed = std::mem::take(&mut slot.work_changed);
        Some(Write {
            key: key.clone(),
            change: slot.accepted,
            held: slot.held.clone(),
            expected: Some(ours),
            version: ours + 1,
            work_changed,
        })
    }

    /// A write ended. Stored: the article is clean unless it changed meanwhile. Failed or
    /// refused: the work stays held.
    pub fn written(&mut self, write: &Write, result: Result<(), StoreError>) {
        self.busy = false;
        let Some(slot) = self.slots.get_mut(&write.key) else {
            return;
        };
        match result {
            Ok(()) => {
                self.versions.insert(write.key.clone(), write.version);
                self.stale.remove(&write.key);
                if slot.accepted == write.change {
                    self.slots.remove(&write.key);
                } else {
                    // Changed while it was written: the newer work goes next.
                    slot.state = SaveState::Pending;
                }
            }
            Err(error) => {
                // The work of the failed write is still to be written.
                slot.work_changed |= write.work_changed;
                slot.state = match error {
                    StoreError::Conflict { theirs } => {
                        self.stale.insert(write.key.clone(), theirs);
                        SaveState::Conflict { theirs }
                    }
                    error => SaveState::Failed(error.to_string()),
                };
            }
        }
    }

    /// Failed writes are tried again (a timer, or the next edit, asks for this).
    pub fn retry(&mut self) -> bool {
        let mut any = false;
        for slot in self.slots.values_mut() {
            if matches!(slot.state, SaveState::Failed(_)) {
                slot.state = SaveState::Pending;
                any = true;
            }
        }
        any || !self.projects.is_empty()
    }

    /// Another tab saved an article at `version`: if this tab holds work for it, or has it
    /// open, that work would overwrite theirs, so it is in conflict.
    pub fn heard(&mut self, key: &str, version: u64) -> bool {
        let ours = self.versions.get(key).copied().unwrap_or(0);
        if version <= ours {
            return false;
        }
        self.stale.insert(key.to_owned(), version);
        if let Some(slot) = self.slots.get_mut(key) {
            if slot.state != SaveState::Writing {
                slot.state = SaveState::Conflict { theirs: version };
            }
        }
        true
    }

    /// The user keeps this tab's work over another tab's: it is written, spans and all,
    /// over the version of theirs this tab knows of (if yet another save came in between,
    /// that is a conflict again: nothing is overwritten unseen).
    pub fn keep_mine(&mut self, key: &str) {
        if let Some(slot) = self.slots.get_mut(key) {
            slot.work_changed = true;
            slot.state = SaveState::Pending;
        }
        if let Some(theirs) = self.stale.remove(key) {
            self.versions.insert(key.to_owned(), theirs);
        }
    }

    /// Forgets everything held for a project that is gone (deleted).
    pub fn forget_project(&mut self, project: &str) {
        let prefix = format!("{project}/");
        self.slots.retain(|key, _| !key.starts_with(&prefix));
        self.projects.retain(|(id, _)| id != project);
        if self.projects.is_empty() {
            self.project_failure = None;
        }
    }

    /// The user takes the other tab's work: this tab's is dropped (it reads theirs next).
    pub fn take_theirs(&mut self, key: &str) -> Option<Held> {
        self.stale.remove(key);
        self.slots.remove(key).map(|slot| slot.held)
    }

    /// The work held for an article that is not stored yet, if any: what opening it shows.
    /// The article's version as this tab last read or wrote it.
    pub fn version(&self, key: &str) -> Option<u64> {
        self.versions.get(key).copied()
    }

    /// The number of the article's latest change not stored yet.
    pub fn latest(&self, key: &str) -> Option<u64> {
        self.slots.get(key).map(|slot| slot.accepted)
    }

    pub fn held(&self, key: &str) -> Option<&Held> {
        self.slots.get(key).map(|slot| &slot.held)
    }

    pub fn state(&self, key: &str) -> SaveState {
        match self.slots.get(key) {
            Some(slot) => slot.state.clone(),
            None => match self.stale.get(key) {
                Some(&theirs) => SaveState::Conflict { theirs },
                None => SaveState::Clean,
            },
        }
    }

    /// True when an article's work would be at risk if it were left now: a write failed, or
    /// another tab's stands in its way.
    pub fn needs_decision(&self, key: &str) -> bool {
        self.slots.get(key).is_some_and(|slot| {
            matches!(
                slot.state,
                SaveState::Failed(_) | SaveState::Conflict { .. }
            )
        })
    }

    /// True when everything accepted is stored.
    pub fn all_stored(&self) -> bool {
        self.slots.is_empty() && self.projects.is_empty()
    }

    /// True when something is waiting for a write (and none is out).
    pub fn has_due(&self) -> bool {
        !self.busy
            && (!self.projects.is_empty()
                || (self.slots.values()).any(|slot| slot.state == SaveState::Pending))
    }

    /// True while a failed write waits to be tried again.
    pub fn has_failed(&self) -> bool {
        self.project_failure.is_some()
            || (self.slots.values()).any(|slot| matches!(slot.state, SaveState::Failed(_)))
    }

    /// The keys of the articles whose work is held, in key order.
    pub fn unstored(&self) -> impl Iterator<Item = (&String, &SaveState)> {
        self.slots.iter().map(|(key, slot)| (key, &slot.state))
    }

    /// What the header shows, with `open` the key of the open article.
    pub fn status(&self, open: Option<&str>) -> SaveStatus {
        let conflict = (self.slots.iter())
            .find(|(_, slot)| matches!(slot.state, SaveState::Conflict { .. }))
            .map(|(key, slot)| (key.clone(), slot.held.entry.title.clone()));
        let open_stale = open
            .filter(|key| self.stale.contains_key(*key))
            .map(|key| (key.to_owned(), String::new()));
        if let Some((key, title)) = conflict.or(open_stale) {
            return SaveStatus::Conflict { key, title };
        }
        let failed: Vec<&String> = (self.slots.values())
            .filter_map(|slot| match &slot.state {
                SaveState::Failed(problem) => Some(problem),
                _ => None,
            })
            .collect();
        if let Some(problem) = failed.first().copied().or(self.project_failure.as_ref()) {
            return SaveStatus::Failed {
                problem: problem.clone(),
                articles: failed.len(),
            };
        }
        if self.all_stored() {
            SaveStatus::Saved
        } else {
            SaveStatus::Saving
        }
    }
}
