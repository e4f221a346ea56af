//! Start-up and moving between articles and projects: an article opens from the save
//! queue when its work is held there, else from storage; a late answer is dropped.

use super::*;

pub(super) fn started(
    state: &mut AppState,
    result: Result<Opening, StoreError>,
    fx: &mut Vec<Effect>,
) {
    let opening = match result {
        Ok(opening) => opening,
        Err(error) => return start_in_memory(state, error.to_string()),
    };
    state.storage = StorageState::Ready;
    if let Some(first) = opening.damaged_projects.first() {
        let count = opening.damaged_projects.len();
        error(
            state,
            format!(
                "{count} stored project{} could not be read ({}); {} left as {} and every \
                 other project works as before.",
                if count == 1 { "" } else { "s" },
                first.problem,
                if count == 1 { "it is" } else { "they are" },
                if count == 1 { "it is" } else { "they are" },
            ),
        );
    }
    let place = opening.place.clone().unwrap_or_default();
    let index = (opening.listing.entries.iter())
        .position(|entry| entry.key == place.article)
        .unwrap_or(0);
    let place = (opening.listing.entries.get(index))
        .filter(|entry| entry.key == place.article)
        .map(|_| place);
    state.damaged = opening.listing.damaged;
    let marks = opening.listing.marks;
    state.library = Some(Library {
        projects: Rc::new(opening.projects),
        project: Rc::new(opening.project),
        entries: Rc::new(opening.listing.entries),
        current: index,
    });
    state.article_open = false;
    open_first_readable(state, index, place, fx);
    team::listed(state, marks, 0, fx);
}

/// The app goes on without storage: the open work lives in this tab only.
pub(super) fn start_in_memory(state: &mut AppState, why: String) {
    let project = Project::new(
        "unsaved".to_owned(),
        "Unsaved project".to_owned(),
        String::new(),
        &state.session.schema,
    );
    let entry = Entry::new(&project.id, 0, &state.session.document);
    state.library = Some(Library {
        projects: Rc::new(vec![project.clone()]),
        project: Rc::new(project),
        entries: Rc::new(vec![entry]),
        current: 0,
    });
    state.article_open = true;
    state.storage = StorageState::Missing(format!("{why}; your work is kept in this tab only"));
}

pub(super) fn first_start(
    state: &mut AppState,
    old: Option<String>,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let (name, imported, moved) = match old.and_then(|json| native::parse(&json).ok()) {
        Some(imported) => ("My articles", imported, true),
        None => (
            "Sample project",
            Imported {
                document: sample_document(),
                schema: Schema::default(),
                annotations: Annotations::default(),
            },
            false,
        ),
    };
    let project = Project::new(env.new_id(), name.to_owned(), env.now().0, &imported.schema);
    fx.push(Effect::Store(Store::Add {
        to: AddTo::New(project),
        labels: Vec::new(),
        articles: vec![NewArticle {
            document: imported.document,
            annotations: imported.annotations,
            curation: None,
            sync: None,
        }],
        message: None,
    }));
    state.moving_old_work = moved;
}

/// Goes to another article or project, unless the open article's work is not stored: then
/// the user chooses first.
pub(super) fn go_to(state: &mut AppState, to: Leave, fx: &mut Vec<Effect>) {
    // Picked in the project view: the view has done its work.
    if state.dialog == Dialog::Project {
        state.dialog = Dialog::Closed;
    }
    let at_risk = state.article_open
        && state.storage == StorageState::Ready
        && state
            .open_key()
            .is_some_and(|key| state.queue.needs_decision(key));
    if at_risk {
        state.dialog = Dialog::Leave(to);
        return;
    }
    leave_to(state, to, fx);
}

/// Goes on where the "not stored" prompt was going, if it was up.
pub(super) fn leave_now(state: &mut AppState, fx: &mut Vec<Effect>) {
    if let Dialog::Leave(to) = std::mem::replace(&mut state.dialog, Dialog::Closed) {
        leave_to(state, to, fx);
    }
}

pub(super) fn leave_to(state: &mut AppState, to: Leave, fx: &mut Vec<Effect>) {
    match to {
        Leave::Article(index) => open_article(state, index, None, fx),
        Leave::Project(id) => {
            let Some(library) = &state.library else {
                return;
            };
            let Some(project) = library.projects.iter().find(|p| p.id == id).cloned() else {
                return;
            };
            if state.storage != StorageState::Ready {
                return;
            }
            keep_counts_of_open(state);
            let request = state.open_request();
            fx.push(Effect::Store(Store::OpenProject { request, project }));
        }
    }
}

/// The article being left keeps its latest counts in the list.
pub(super) fn keep_counts_of_open(state: &mut AppState) {
    if let (Some(library), true) = (state.library.as_mut(), state.article_open) {
        let (current, project) = (library.current, library.project.clone());
        if let Some(entry) = Rc::make_mut(&mut library.entries).get_mut(current) {
            entry.count(&project, &state.session.annotations);
        }
    }
}

/// Opens article `index`: from the save queue when work for it is held there (that is
/// newer than what is stored), else from storage.
pub(super) fn open_article(
    state: &mut AppState,
    index: usize,
    place: Option<Place>,
    fx: &mut Vec<Effect>,
) {
    let Some(library) = &state.library else {
        return;
    };
    let Some(key) = library.entries.get(index).map(|entry| entry.key.clone()) else {
        return;
    };
    if state.storage != StorageState::Ready {
        return;
    }
    keep_counts_of_open(state);
    if state.queue.held(&key).is_some() {
        state.opening = None;
        return open_held(state, index, &key, place, fx);
    }
    let request = state.open_request();
    fx.push(Effect::Store(Store::LoadArticle {
        request,
        index,
        key,
        place,
    }));
}

/// Opens the work the save queue holds for an article (newer than what is stored). Labels
/// renamed since it was held read under their new names; its undo history then no longer
/// fits and starts afresh, as it does when it reached back past a schema change (undoing
/// one now would change the project's schema under other articles).
fn open_held(
    state: &mut AppState,
    index: usize,
    key: &str,
    place: Option<Place>,
    fx: &mut Vec<Effect>,
) {
    let (Some(library), Some(held)) = (&state.library, state.queue.held(key)) else {
        return;
    };
    let project = &library.project;
    let generation = held.entry.generation;
    let mut annotations = held.annotations.clone();
    let mut history = held.history.without_schema_changes();
    if generation < project.generation() {
        let spans = annotations.spans().to_vec();
        for span in spans {
            let label = project.label_now(&span.label, generation);
            if label != span.label {
                Rc::make_mut(&mut annotations).update(&span.id, |span| span.label = label);
            }
        }
        history = History::default();
    }
    let mut entry = held.entry.clone();
    entry.count(project, &annotations);
    state.session = Session::resume(
        held.document.clone(),
        project.schema(),
        annotations,
        history,
    );
    opened(state, index, entry, place, fx);
}

/// Opens the first readable article from `index` on (at start, or after a project opens).
pub(super) fn open_first_readable(
    state: &mut AppState,
    index: usize,
    place: Option<Place>,
    fx: &mut Vec<Effect>,
) {
    let Some(library) = &state.library else {
        return;
    };
    let count = library.entries.len();
    if count == 0 {
        state.article_open = false;
        return;
    }
    open_article(state, index.min(count - 1), place, fx);
}

pub(super) fn article_loaded(
    state: &mut AppState,
    request: u64,
    index: usize,
    place: Option<Place>,
    result: Result<StoredArticle, StoreError>,
    fx: &mut Vec<Effect>,
) {
    if state.opening != Some(request) {
        return; // the user has moved on since
    }
    state.opening = None;
    state.loading = false;
    if (state.busy.as_ref()).is_some_and(|busy| busy.title == OPENING) {
        state.busy = None;
    }
    let Some(library) = state.library.clone() else {
        return;
    };
    let number = index + 1;
    let stored = match result {
        Ok(stored) => stored,
        Err(problem) => {
            return error(
                state,
                format!("Article {number} was not opened: {problem}."),
            );
        }
    };
    // A gold article's versions (read with it alone): shown while it is open.
    if let Some(json) = &stored.curation {
        let key = stored.entry.key.clone();
        let same = (state.curating.as_ref()).is_some_and(|curating| curating.key == key);
        if !same {
            state.cluster = None;
            state.curating = serde_json::from_str(json)
                .ok()
                .map(|curation| Rc::new(Curating::new(key, curation)));
        }
    }
    if state.queue.held(&stored.entry.key).is_some() {
        // Edited while it was read (the old copy was still shown): the held work is newer
        // than the stored copy, and stays the one shown and written.
        return open_held(state, index, &stored.entry.key, place, fx);
    }
    let restored = stored.work().and_then(|work| {
        project::restore(&library.project, &stored.entry, &stored.text, work)
            .map_err(|error| format!("its stored work could not be read ({error})"))
    });
    let imported = match restored {
        Ok(imported) => imported,
        Err(problem) => {
            let title = stored.entry.title.clone();
            state
                .damaged
                .retain(|damaged| damaged.key != stored.entry.key);
            state.damaged.push(Damaged {
                key: stored.entry.key.clone(),
                problem: problem.clone(),
            });
            error(
                state,
                format!(
                    "Article {number} (“{title}”) was not opened: {problem}. It is left as it is \
                     and listed in the project view{}, where its stored records can be \
                     downloaded; every other article opens and saves as before.",
                    key_of(state, Shortcut::Projects)
                ),
            );
            if !state.article_open {
                // Nothing is open yet: the next article not known to be damaged is.
                let count = library.entries.len();
                let damaged = |at: &usize| {
                    let key = &library.entries[*at].key;
                    state.damaged.iter().any(|damaged| &damaged.key == key)
                };
                let next = (1..count)
                    .map(|step| (index + step) % count)
                    .find(|at| !damaged(at));
                if let Some(next) = next {
                    open_article(state, next, None, fx);
                }
            }
            return;
        }
    };
    let history = stored
        .history
        .as_deref()
        .and_then(|json| History::from_json(json, &imported.annotations).ok())
        .map(|history| history.without_schema_changes())
        .unwrap_or_default();
    state.queue.read(&stored.entry.key, stored.entry.version);
    state.session = Session::resume(
        Rc::new(imported.document),
        imported.schema,
        Rc::new(imported.annotations),
        history,
    );
    opened(state, index, stored.entry, place, fx);
}

/// The article at `index` is in the session now.
pub(super) fn opened(
    state: &mut AppState,
    index: usize,
    entry: Entry,
    place: Option<Place>,
    fx: &mut Vec<Effect>,
) {
    let Some(library) = state.library.as_mut() else {
        return;
    };
    let new_project = !state.article_open || library.current != index;
    let key = entry.key.clone();
    if let Some(slot) = Rc::make_mut(&mut library.entries).get_mut(index) {
        *slot = entry;
    }
    library.current = index;
    state.article_open = true;
    state.loading = false;
    if (state.busy.as_ref()).is_some_and(|busy| busy.title == OPENING) {
        state.busy = None;
    }
    state.renames_taken = 0;
    state.search = None;
    state.linking = None;
    state.caret_mode = false;
    let place = Place {
        project: library.project.id.clone(),
        article: key,
        ..place.unwrap_or_default()
    };
    state.opened_at = place.anchor.map(|(at, _)| CharOffset(at));
    if new_project {
        fx.push(Effect::Broadcast(TabMessage::Hello {
            project: library.project.id.clone(),
        }));
    }
    fx.push(Effect::Store(Store::SetPlace(place.clone())));
    fx.push(Effect::RestoreScroll(place));
}

/// Another project's articles were listed: its first readable article opens.
pub(super) fn project_opened(
    state: &mut AppState,
    request: u64,
    project: Project,
    result: Result<Listing, StoreError>,
    fx: &mut Vec<Effect>,
) {
    if state.opening != Some(request) {
        return;
    }
    state.loading = false;
    match (result, state.library.as_mut()) {
        (Ok(listing), Some(library)) => {
            library.set_project(project.clone());
            library.project = Rc::new(project);
            library.entries = Rc::new(listing.entries);
            library.current = 0;
            state.damaged = listing.damaged;
            state.article_open = false;
            state.dialog = Dialog::Closed;
            open_first_readable(state, 0, None, fx);
            team::listed(state, listing.marks, 0, fx);
        }
        (Err(problem), _) => error(
            state,
            format!("The project could not be opened: {problem}."),
        ),
        (Ok(_), None) => {}
    }
}

/// A new name, shown at once and stored as a change of that field alone.
pub(super) fn rename_project(state: &mut AppState, name: String, fx: &mut Vec<Effect>) {
    let name = name.trim().to_owned();
    if let (false, Some(library)) = (name.is_empty(), state.library.as_mut()) {
        let change = ProjectChange::Rename(name);
        let mut project = (*library.project).clone();
        change.apply(&mut project);
        library.set_project(project);
        if state.storage == StorageState::Ready {
            state.queue.accept_project(&library.project.id, change);
            schedule_save(state, fx);
        }
    }
}

/// The open project is gone from storage: the others are read again.
pub(super) fn project_deleted(
    state: &mut AppState,
    result: Result<(), StoreError>,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok(()) => {
            if let Some(library) = &state.library {
                state.queue.forget_project(&library.project.id);
            }
            let gone = (state.library.take()).map(|library| library.project.name.clone());
            state.dialog = Dialog::Closed;
            state.article_open = false;
            state.notice = gone.map(|gone| Notice::info(format!("Deleted project “{gone}”.")));
            fx.push(Effect::Store(Store::Restart));
        }
        Err(problem) => error(state, format!("The project was not deleted: {problem}.")),
    }
}
