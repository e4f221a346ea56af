//! Saving: every revision that changed the article is written a moment later, one save
//! at a time, with a version check against other tabs.

use super::Job;
use super::SaveStatus;
use crate::app::commands::Ui;
use crate::components::notice_bar::Notice;
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::native;
use crate::model::project::Project;
use crate::model::project::Status;
use crate::model::project::WorkWriter;
use crate::web::db::DbError;
use crate::web::tabs::Message;
use std::rc::Rc;

/// How long a save waits after the edit that started it, in milliseconds.
const SAVE_DELAY_MS: u32 = 40;

/// How many spans a save writes before it gives the page back (a few milliseconds).
const SPANS_PER_RUN: usize = 500;

/// An article's work as stored, written a run of spans at a time: a key pressed while a
/// long article is being saved is handled between two runs.
async fn stored_json(document: &Document, annotations: &Annotations) -> Vec<u8> {
    let mut writer = WorkWriter::new(&document.text, annotations);
    while !writer.write(SPANS_PER_RUN) {
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
    writer.finish()
}

impl Ui {
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
                // Rc equality looks at the pointer first: an unchanged Rc costs nothing.
                *key == entry.key
                    && *annotations == session.annotations
                    && *schema == session.schema
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
            session.annotations.clone(),
            session.schema.clone(),
        ));
        drop(store);
        // The entry shown is replaced only when its status changes (the status line shows
        // it), not for every count: that would render the whole app a second time per edit.
        // The project view takes fresh counts when it opens (`show_projects`).
        let current = library.current;
        let status_changed = library
            .entries
            .get(current)
            .is_none_or(|shown| shown.status != entry.status);
        if status_changed || project.is_some() {
            Rc::make_mut(&mut library.entries)[current] = entry.clone();
            if let Some(project) = &project {
                let projects = Rc::make_mut(&mut library.projects);
                if let Some(slot) = projects.iter_mut().find(|p| p.id == project.id) {
                    *slot = project.clone();
                }
            }
            self.library.set(Some(library));
        }
        let work = (session.document.clone(), session.annotations.clone());
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
        let work = (
            self.session.document.clone(),
            self.session.annotations.clone(),
        );
        self.enqueue(
            Job {
                entry,
                work: Some(work),
                force: true,
            },
            Some((*library.project).clone()),
        );
    }

    pub(super) fn enqueue(&self, mut job: Job, project: Option<Project>) {
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
        // A later job for the same article replaces an earlier one still waiting, but keeps
        // its work if it has none of its own (marking done right after an edit).
        if let Some(waiting) = store.queued.remove(&job.entry.key) {
            job.work = job.work.or(waiting.work);
            job.force |= waiting.force;
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
        yew::platform::spawn_local(async move {
            // Saving waits for the edit to be painted (and gathers the edits of a burst):
            // written at once, its JSON and the IndexedDB write would hold the frame.
            gloo::timers::future::TimeoutFuture::new(SAVE_DELAY_MS).await;
            ui.drain().await
        });
    }

    /// Waits until the saves queued so far are written. Reads of stored articles wait for
    /// this: saving starts a moment after an edit, and IndexedDB orders transactions by
    /// when they start, so a read started first would see the article before the edit.
    pub(super) async fn settled(&self) {
        while self.store.borrow().busy {
            gloo::timers::future::TimeoutFuture::new(SAVE_DELAY_MS / 4).await;
        }
    }

    /// Runs queued saves one after another until none is left.
    pub(super) async fn drain(&self) {
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
            let work = match &job.work {
                Some((document, annotations)) => Some(stored_json(document, annotations).await),
                None => None,
            };
            match db
                .save(project.as_ref(), &entry, work.as_deref(), expected)
                .await
            {
                Ok(()) => {
                    let mut store = self.store.borrow_mut();
                    store.versions.insert(entry.key.clone(), entry.version);
                    if let Some(tabs) = &store.tabs {
                        tabs.send(&Message::Saved {
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
}
