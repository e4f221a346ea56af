//! Saving: every accepted change is held in the save queue at once (`accept_open`), the
//! writes start after a short delay, one at a time, and each result is applied to the
//! queue as it is then. Failed writes are retried; conflicts wait for the user.

use super::*;

/// Holds the open article's work in the save queue (and a schema change for the project)
/// and schedules the save.
pub(super) fn accept_open(state: &mut AppState, work_changed: bool, fx: &mut Vec<Effect>) {
    if state.storage != StorageState::Ready {
        return;
    }
    // Work nobody signed yet is signed by the user who changes it.
    let name = state.annotator.as_deref().filter(|name| !name.is_empty());
    if let (None, Some(name)) = (&state.session.document.annotator, name) {
        Rc::make_mut(&mut state.session.document).annotator = Some(name.to_owned());
    }
    let Some(library) = state.library.as_mut() else {
        return;
    };
    let session = &state.session;
    let labels = native::label_records(&session.schema);
    let links = native::link_records(&session.schema);
    if labels != library.project.labels || links != library.project.links {
        let taken = state.renames_taken.min(session.renamed.len());
        let change = ProjectChange::Schema {
            labels,
            links,
            renames: session.renamed[taken..].to_vec(),
        };
        state.renames_taken = session.renamed.len();
        let mut project = (*library.project).clone();
        change.apply(&mut project);
        library.set_project(project);
        state.queue.accept_project(&library.project.id, change);
    }
    let Some(shown) = library.entry() else {
        return;
    };
    let mut entry = shown.clone();
    entry.count(&library.project, &session.annotations);
    entry.annotator = session.document.annotator.clone();
    // The entry shown is replaced only when its status or signature changes (the status
    // line shows it), not for every count: the project view takes fresh counts when it opens.
    if entry.status != shown.status || entry.annotator != shown.annotator {
        Rc::make_mut(&mut library.entries)[library.current] = entry.clone();
    }
    state.queue.accept(
        Held {
            entry,
            document: session.document.clone(),
            annotations: session.annotations.clone(),
            history: session.history.clone(),
        },
        work_changed,
    );
    schedule_save(state, fx);
    if state.persistence == Persistence::Unknown {
        state.persistence = Persistence::Asked;
        fx.push(Effect::Persist);
    }
}

pub(super) fn schedule_save(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !state.save_scheduled {
        state.save_scheduled = true;
        fx.push(Effect::Later {
            ms: SAVE_DELAY_MS,
            msg: Box::new(Msg::SaveDue),
        });
    }
}

pub(super) fn schedule_retry(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !state.retry_scheduled {
        state.retry_scheduled = true;
        fx.push(Effect::Later {
            ms: RETRY_MS,
            msg: Box::new(Msg::RetrySaves),
        });
    }
}

/// Starts the next write, if one is due.
pub(super) fn pump(state: &mut AppState, fx: &mut Vec<Effect>) {
    if let Some((project, change)) = state.queue.next_project_change() {
        fx.push(Effect::Store(Store::WriteProject { project, change }));
    } else if let Some(write) = state.queue.next_write() {
        fx.push(Effect::Store(Store::Write(Box::new(write))));
    }
}

pub(super) fn save_due(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.save_scheduled = false;
    pump(state, fx);
}

/// A write ended: stored (other tabs are told), refused by another tab's save (the user
/// chooses), or failed (tried again a moment later).
pub(super) fn written(
    state: &mut AppState,
    write: &Write,
    result: Result<(), StoreError>,
    fx: &mut Vec<Effect>,
) {
    state.queue.written(write, result.clone());
    team::saved(state, write, result.is_ok(), fx);
    match result {
        Ok(()) => fx.push(Effect::Broadcast(TabMessage::Saved {
            key: write.key.clone(),
            version: write.version,
        })),
        Err(StoreError::Conflict { .. }) => {}
        Err(_) => schedule_retry(state, fx),
    }
    pump(state, fx);
}

pub(super) fn project_written(
    state: &mut AppState,
    result: Result<(), StoreError>,
    fx: &mut Vec<Effect>,
) {
    let failed = result.is_err();
    state.queue.project_written(result);
    if failed {
        schedule_retry(state, fx);
    } else {
        pump(state, fx);
    }
}

pub(super) fn retry_saves(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.retry_scheduled = false;
    if state.queue.retry() {
        pump(state, fx);
    }
}

/// In the "not stored" prompt: the failed write is tried again at once, and the user goes
/// on (the work stays held if it fails again).
pub(super) fn leave_retry(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.queue.retry();
    pump(state, fx);
    leave_now(state, fx);
}

/// True when the article's work waits for the user's choice against another tab's save.
fn in_conflict(state: &AppState, key: &str) -> bool {
    matches!(
        state.save_status(),
        crate::app::save_queue::SaveStatus::Conflict { key: ref first, .. } if first == key
    ) || matches!(
        state.queue.state(key),
        crate::app::save_queue::SaveState::Conflict { .. }
    )
}

/// This tab's work for article `key` is written over the other tab's (from the header, or
/// from the prompt about leaving it, which then goes on).
pub(super) fn keep_mine(state: &mut AppState, key: String, fx: &mut Vec<Effect>) {
    if in_conflict(state, &key) {
        state.queue.keep_mine(&key);
        if state.queue.held(&key).is_none() && state.open_key() == Some(key.as_str()) {
            // Nothing was held (the article was only open): what is shown is written over
            // theirs, spans and all.
            accept_open(state, true, fx);
        }
        schedule_save(state, fx);
    }
    leave_now(state, fx);
}

/// The other tab's work is taken for article `key`: this tab's is dropped, and theirs is
/// read again when the article stays open.
pub(super) fn take_theirs(state: &mut AppState, key: String, fx: &mut Vec<Effect>) {
    if in_conflict(state, &key) {
        state.queue.take_theirs(&key);
        let leaving = matches!(state.dialog, Dialog::Leave(_));
        let open = state.library.as_ref().map(|library| library.current);
        if let (false, Some(index), Some(true)) =
            (leaving, open, state.open_key().map(|open| open == key))
        {
            let request = state.open_request();
            fx.push(Effect::Store(Store::LoadArticle {
                request,
                index,
                key,
                place: None,
            }));
        }
    }
    leave_now(state, fx);
}
