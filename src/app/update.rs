//! `update`: every message (a key, a click, a result of async work) changes the one app
//! state and says which effects to run. Pure: effects are values, run by the shell
//! (`effects`), whose results come back as messages applied to the state as it is then.

use super::save_queue::{Held, Write};
use super::state::{AppState, Dialog, Leave, Library, Persistence, Progress, ProjectUse};
use super::state::{Search, Storage as StorageState};
use crate::components::export_dialog::ExportChoice;
use crate::components::import_dialog::{ImportReview, ImportStep};
use crate::components::notice_bar::Notice;
use crate::components::page_dialog::PageChoice;
use crate::components::schema_editor::SchemaChange;
use crate::components::search_bar::SEARCH_FIELD_ID;
use crate::components::span_details::{ATTRIBUTES_ID, NOTE_FIELD_ID};
use crate::components::span_list::FILTER_FIELD_ID;
use crate::keymap::Command;
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::formats::draft::{Draft, Work};
use crate::model::formats::native::{self, Imported, LabelRecord};
use crate::model::formats::Format;
use crate::model::history::History;
use crate::model::import;
use crate::model::offsets::{CharOffset, CharRange};
use crate::model::project::{self, Entry, Project, Status};
use crate::model::sample::sample_document;
use crate::model::schema::Schema;
use crate::model::search;
use crate::model::span::{SpanId, Timestamp};
use crate::model::web_page::{Origin, Page};
use crate::model::words::Edge;
use crate::state::{Action, Change, Session};
use crate::storage::{
    AddTo, Damaged, Listing, NewArticle, Place, ProjectChange, StoreError, StoredArticle,
};
use crate::web::tabs::Message as TabMessage;
use std::rc::Rc;

/// How long a save waits after the edit that starts it (the edit is painted first, and a
/// burst of edits is written once), in milliseconds.
pub const SAVE_DELAY_MS: u32 = 40;
/// How long a failed write waits before it is tried again, in milliseconds.
pub const RETRY_MS: u32 = 2_000;
/// Articles stored per transaction when many are added (progress shows between them).
pub const ADD_CHUNK: usize = 200;
/// What the page says while a large article is read and drawn.
const OPENING: &str = "Opening the article";
/// Articles this long (characters, all together) are added under a busy notice.
const LARGE_ARTICLE_CHARS: usize = 100_000;

/// The clock and fresh ids, from outside (the browser's, or a test's).
pub trait Env {
    fn now(&self) -> Timestamp;
    fn new_id(&mut self) -> String;
}

/// What the label key found to tag: the shell reads the browser's selection.
#[derive(Clone, Debug, PartialEq)]
pub enum Selected {
    /// Text of the article, as code points.
    Range(CharRange),
    /// A selection outside the article.
    Outside,
    Nothing,
}

/// What storage held when the app started.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    pub projects: Vec<Project>,
    pub project: Project,
    pub listing: Listing,
    pub place: Option<Place>,
}

/// An article read from a file or a paste, or why it could not be.
pub type ReadArticle = Result<Document, (String, String)>;

/// Everything that can happen to the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Storage has been read (or could not be).
    Started(Result<Opening, StoreError>),
    /// Storage holds no project yet: the first one is made, with the work an older version
    /// kept in local storage (its JSON), or the sample.
    FirstStart(Option<String>),
    Command(Command),
    /// A label key or button, with what is selected in the article.
    Label {
        name: String,
        exact: bool,
        selected: Selected,
    },
    /// A click in the article on a span (or beside every span).
    ClickSpan(Option<SpanId>),
    /// A span picked in the panel (selected and scrolled to).
    Pick(SpanId),
    /// A handle of the selected span dropped at an offset.
    Resize(Edge, CharOffset),
    LinkTo(SpanId),
    CancelLink,
    SetNote(SpanId, String),
    SetAttribute(SpanId, String, Option<String>),
    Unlink(String),
    SaveSchema(SchemaChange),
    SearchQuery(String),
    SearchStep(isize),
    /// The search bar closed: its current match (if any) is left selected in the article.
    SearchClose,
    ShowDialog(Dialog),
    CloseDialog,
    DismissNotice,
    Notice(Notice),
    Dragging(bool),
    /// A long read started (a large file, a web page).
    Busy(String),
    /// Articles read from files or a paste, in order: each joins the project.
    ArticlesRead(Vec<ReadArticle>),
    /// An article typed or pasted in "Open article".
    Pasted {
        title: String,
        source: String,
        text: String,
    },
    /// A web page read, to preview; or why it could not be read.
    PageRead(Result<(Rc<Page>, Origin), String>),
    OpenPage(PageChoice),
    /// Annotation files read for the import review (their names), or why not.
    ImportRead(Result<(String, Format, Vec<Draft>), String>),
    ImportChoose(usize),
    ImportAccept,
    ImportAll,
    /// Articles for a new project (its name), or why there are none.
    NewProject(Result<(String, Vec<Draft>), String>),
    ArticlesAdded {
        request: u64,
        result: Result<(Project, Vec<Entry>), StoreError>,
        message: Option<String>,
    },
    Progress(Progress),
    GoTo(usize),
    ArticleLoaded {
        request: u64,
        index: usize,
        place: Option<Place>,
        result: Result<StoredArticle, StoreError>,
    },
    SwitchProject(String),
    ProjectOpened {
        request: u64,
        project: Project,
        result: Result<Listing, StoreError>,
    },
    RenameProject(String),
    DeleteProject,
    ProjectDeleted(Result<(), StoreError>),
    /// The projects as stored, after one was deleted.
    ProjectsListed(Result<Opening, StoreError>),
    ExportProject(Format),
    ExportOpen(Format),
    Backup,
    ProjectRead {
        request: u64,
        purpose: ProjectUse,
        result: Result<Vec<Result<StoredArticle, Damaged>>, StoreError>,
    },
    DownloadRaw(String),
    RawRead(String, Result<String, StoreError>),
    /// The save delay is over: writes start.
    SaveDue,
    Written(Box<Write>, Result<(), StoreError>),
    ProjectWritten(Result<(), StoreError>),
    RetrySaves,
    /// In the "not stored" prompt: try the failed write again, then go on.
    LeaveRetry,
    KeepMine,
    TakeTheirs,
    Tab(TabMessage),
    /// Where the window is in the open article (the scroll offset and the text anchor).
    Scrolled {
        scroll: f64,
        anchor: Option<(usize, f64)>,
    },
    Persisted(bool),
}

/// Work for the shell: storage, the browser, timers. Results come back as messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Read the projects, where the user was and the open project's articles.
    Start,
    /// The first project was stored: the older version's work is marked moved.
    OldWorkMoved,
    OpenProject {
        request: u64,
        project: Project,
    },
    LoadArticle {
        request: u64,
        index: usize,
        key: String,
        place: Option<Place>,
    },
    Write(Box<Write>),
    WriteProject {
        project: String,
        change: ProjectChange,
    },
    Add {
        request: u64,
        to: AddTo,
        labels: Vec<LabelRecord>,
        articles: Vec<NewArticle>,
        message: Option<String>,
    },
    DeleteProject(String),
    /// Read the projects again (after a delete) as at start.
    Restart,
    ReadProject {
        request: u64,
        project: String,
        purpose: ProjectUse,
    },
    ReadRaw(String),
    SetPlace(Place),
    /// Send `msg` after `ms` milliseconds.
    Later {
        ms: u32,
        msg: Box<Msg>,
    },
    Download {
        name: String,
        mime: &'static str,
        bytes: Vec<u8>,
        /// Shown when the download started.
        done: Notice,
    },
    Copy(String),
    /// Focus a control by id; `otherwise` is shown when there is none.
    Focus {
        id: &'static str,
        otherwise: Notice,
    },
    /// Scroll the span starting at this offset into view.
    ScrollTo(CharOffset),
    /// Put the window back where the user was in the article just opened.
    RestoreScroll(Place),
    /// After the next render: the caret at this offset.
    PlaceCaret(CharOffset),
    /// After the next render: focus the article with its caret at this offset (or at the
    /// top of the window).
    EnterCaret(Option<CharOffset>),
    ClearSelection,
    SelectText(CharRange),
    Broadcast(TabMessage),
    /// Ask the browser to keep this site's storage.
    Persist,
    SaveSnapping(bool),
    Reload,
}

/// True for the messages that may put another article in the session: what is typed in
/// the open article's fields (a note not yet saved) is taken in first.
pub fn may_leave_article(msg: &Msg) -> bool {
    matches!(
        msg,
        Msg::Started(_)
            | Msg::GoTo(_)
            | Msg::ArticleLoaded { .. }
            | Msg::SwitchProject(_)
            | Msg::ProjectOpened { .. }
            | Msg::ProjectsListed(_)
            | Msg::ArticlesAdded { .. }
            | Msg::LeaveRetry
            | Msg::KeepMine
            | Msg::TakeTheirs
            | Msg::Command(
                Command::NextArticle | Command::PreviousArticle | Command::NextUnfinished
            )
    )
}

/// Applies a message to the state and gives the effects to run.
pub fn update(state: &mut AppState, msg: Msg, env: &mut dyn Env) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Started(result) => started(state, result, &mut fx),
        Msg::FirstStart(old) => first_start(state, old, env, &mut fx),
        Msg::Command(command) => run(state, command, env, &mut fx),
        Msg::Label {
            name,
            exact,
            selected,
        } => label(state, name, exact, selected, env, &mut fx),
        Msg::ClickSpan(id) => match (&state.linking, id) {
            (Some(_), Some(id)) => link_to(state, id, env, &mut fx),
            (Some(_), None) => {}
            (None, id) => {
                state.session.apply(Action::Select(id));
            }
        },
        Msg::Pick(id) => pick(state, id, &mut fx),
        Msg::Resize(edge, offset) => {
            let Some(span) = state.session.selected_span() else {
                return fx;
            };
            let range = match edge {
                Edge::Start => CharRange::between(offset, span.range.end),
                Edge::End => CharRange::between(span.range.start, offset),
            };
            if !range.is_empty() && range != span.range {
                let (id, now) = (span.id.clone(), env.now());
                edit(state, Action::Resize { id, range, now }, &mut fx);
            }
        }
        Msg::LinkTo(id) => link_to(state, id, env, &mut fx),
        Msg::CancelLink => state.linking = None,
        Msg::SetNote(id, note) => {
            // A panel closing saves what was typed; after another article opened, the note
            // was taken in already (see `may_leave_article`) and its span is not here.
            if state.session.annotations.get(&id).is_some() {
                let now = env.now();
                edit(state, Action::SetNote { id, note, now }, &mut fx);
            }
        }
        Msg::SetAttribute(id, name, value) => {
            let now = env.now();
            let action = Action::SetAttribute {
                id,
                name,
                value,
                now,
            };
            edit(state, action, &mut fx);
        }
        Msg::Unlink(id) => drop(edit(state, Action::Unlink(id), &mut fx)),
        Msg::SaveSchema(change) => save_schema(state, change, env, &mut fx),
        Msg::SearchQuery(query) => {
            let matches = Rc::new(search::find_all(&state.session.document.text, &query));
            let current = (!matches.is_empty()).then_some(0);
            state.search = Some(Search {
                query,
                matches,
                current,
            });
        }
        Msg::SearchStep(step) => {
            if let Some(open) = &mut state.search {
                let count = open.matches.len() as isize;
                if count > 0 {
                    let at = open.current.map_or(0, |at| at as isize);
                    open.current = Some((at + step).rem_euclid(count) as usize);
                }
            }
        }
        Msg::SearchClose => {
            let current = (state.search.take())
                .and_then(|open| open.current.and_then(|at| open.matches.get(at).copied()));
            // The match stays selected: a label key now tags it.
            if let Some(range) = current {
                fx.push(Effect::SelectText(range));
            }
        }
        Msg::ShowDialog(dialog) => state.dialog = dialog,
        Msg::CloseDialog => state.dialog = Dialog::Closed,
        Msg::DismissNotice => state.notice = None,
        Msg::Notice(notice) => state.notice = Some(notice),
        Msg::Dragging(on) => state.dragging = on,
        Msg::Busy(title) => {
            state.busy = Some(Progress {
                title,
                done: 0,
                total: 0,
            })
        }
        Msg::ArticlesRead(read) => articles_read(state, read, env, &mut fx),
        Msg::Pasted {
            title,
            source,
            text,
        } => {
            state.dialog = Dialog::Closed;
            let text = crate::model::text::ArticleText::new(&text);
            let title = match title.trim() {
                "" => crate::model::document::default_title(text.as_str(), None),
                title => title.to_owned(),
            };
            let document = Document {
                id: env.new_id(),
                title,
                source: Some(source).filter(|source| !source.trim().is_empty()),
                text,
                extra: Default::default(),
                layout: Default::default(),
            };
            add_documents(state, vec![document], None, &mut fx);
        }
        Msg::PageRead(result) => {
            state.busy = None;
            match result {
                Ok((page, origin)) => state.dialog = Dialog::Page(page, origin),
                Err(problem) => state.notice = Some(Notice::error(problem)),
            }
        }
        Msg::OpenPage(choice) => open_page(state, choice, env, &mut fx),
        Msg::ImportRead(result) => {
            state.busy = None;
            state.dialog = Dialog::Import(match result {
                Ok((files, format, drafts)) => {
                    let review = review_import(state, files, format, Rc::new(drafts), 0, env);
                    ImportStep::Review(Rc::new(review))
                }
                Err(error) => ImportStep::Pick {
                    error: Some(format!("Not imported: {error}. Your work is unchanged.")),
                },
            });
        }
        Msg::ImportChoose(chosen) => {
            if let Dialog::Import(ImportStep::Review(read)) = &state.dialog {
                let read = (**read).clone();
                let review =
                    review_import(state, read.files, read.format, read.drafts, chosen, env);
                state.dialog = Dialog::Import(ImportStep::Review(Rc::new(review)));
            }
        }
        Msg::ImportAccept => import_accept(state, env, &mut fx),
        Msg::ImportAll => {
            if let Dialog::Import(ImportStep::Review(read)) = &state.dialog {
                let (name, drafts) = (project_name_of(&read.files), read.drafts.clone());
                import_project(state, name, &drafts, env, &mut fx);
            }
        }
        Msg::NewProject(result) => match result {
            Ok((name, drafts)) => import_project(state, name, &drafts, env, &mut fx),
            Err(problem) => {
                state.busy = None;
                state.notice = Some(Notice::error(format!(
                    "No project was made: {problem}. Your work is unchanged."
                )));
            }
        },
        Msg::ArticlesAdded {
            request,
            result,
            message,
        } => articles_added(state, request, result, message, &mut fx),
        Msg::Progress(progress) => state.busy = Some(progress),
        Msg::GoTo(index) => go_to(state, Leave::Article(index), &mut fx),
        Msg::ArticleLoaded {
            request,
            index,
            place,
            result,
        } => article_loaded(state, request, index, place, result, &mut fx),
        Msg::SwitchProject(id) => go_to(state, Leave::Project(id), &mut fx),
        Msg::ProjectOpened {
            request,
            project,
            result,
        } => {
            if state.awaiting != Some(request) {
                return fx;
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
                    open_first_readable(state, 0, None, &mut fx);
                }
                (Err(error), _) => {
                    state.notice = Some(Notice::error(format!(
                        "The project could not be opened: {error}."
                    )))
                }
                (Ok(_), None) => {}
            }
        }
        Msg::RenameProject(name) => {
            let name = name.trim().to_owned();
            if let (false, Some(library)) = (name.is_empty(), state.library.as_mut()) {
                let change = ProjectChange::Rename(name);
                let mut project = (*library.project).clone();
                change.apply(&mut project);
                library.set_project(project);
                if state.storage == StorageState::Ready {
                    state.queue.accept_project(&library.project.id, change);
                    schedule_save(state, &mut fx);
                }
            }
        }
        Msg::DeleteProject => {
            if let (Some(library), StorageState::Ready) = (&state.library, &state.storage) {
                fx.push(Effect::DeleteProject(library.project.id.clone()));
            }
        }
        Msg::ProjectDeleted(result) => match result {
            Ok(()) => {
                let gone = state
                    .library
                    .take()
                    .map(|library| library.project.name.clone());
                state.dialog = Dialog::Closed;
                state.article_open = false;
                state.notice = gone.map(|gone| Notice::info(format!("Deleted project “{gone}”.")));
                fx.push(Effect::Restart);
            }
            Err(error) => {
                state.notice = Some(Notice::error(format!(
                    "The project was not deleted: {error}."
                )))
            }
        },
        Msg::ProjectsListed(result) => {
            let notice = state.notice.take();
            started(state, result, &mut fx);
            state.notice = notice.or(state.notice.take());
        }
        Msg::ExportProject(format) => read_project(state, ProjectUse::Export(format), &mut fx),
        Msg::ExportOpen(format) => {
            state.dialog = Dialog::Closed;
            let file = format.export(&[state.session.work()]);
            let done = Notice::info(format!("Exported {}.", file.name));
            fx.push(download(file, done));
        }
        Msg::Backup => read_project(state, ProjectUse::Backup, &mut fx),
        Msg::ProjectRead {
            request,
            purpose,
            result,
        } => {
            let today: String = env.now().0.chars().take(10).collect();
            project_read(state, request, purpose, result, &today, &mut fx)
        }
        Msg::DownloadRaw(key) => fx.push(Effect::ReadRaw(key)),
        Msg::RawRead(key, result) => match result {
            Ok(raw) => fx.push(Effect::Download {
                name: format!("damaged-{}.json", key.replace('/', "-")),
                mime: "application/json",
                bytes: raw.into_bytes(),
                done: Notice::info("Downloaded the damaged article's stored records."),
            }),
            Err(error) => {
                state.notice = Some(Notice::error(format!(
                    "The stored records could not be read: {error}."
                )))
            }
        },
        Msg::SaveDue => {
            state.save_scheduled = false;
            pump(state, &mut fx);
        }
        Msg::Written(write, result) => {
            state.queue.written(&write, result.clone());
            match result {
                Ok(()) => fx.push(Effect::Broadcast(TabMessage::Saved {
                    key: write.key.clone(),
                    version: write.version,
                })),
                Err(StoreError::Conflict { .. }) => {}
                Err(_) => schedule_retry(state, &mut fx),
            }
            pump(state, &mut fx);
        }
        Msg::ProjectWritten(result) => {
            let failed = result.is_err();
            state.queue.project_written(result);
            if failed {
                schedule_retry(state, &mut fx);
            } else {
                pump(state, &mut fx);
            }
        }
        Msg::RetrySaves => {
            state.retry_scheduled = false;
            if state.queue.retry() {
                pump(state, &mut fx);
            }
        }
        Msg::LeaveRetry => {
            state.queue.retry();
            pump(state, &mut fx);
            leave_now(state, &mut fx);
        }
        Msg::KeepMine => {
            if let Some(key) = conflict_key(state) {
                state.queue.keep_mine(&key);
                if state.queue.held(&key).is_none() && state.open_key() == Some(key.as_str()) {
                    accept_open(state, false, &mut fx);
                }
                schedule_save(state, &mut fx);
            }
            leave_now(state, &mut fx);
        }
        Msg::TakeTheirs => {
            if let Some(key) = conflict_key(state) {
                state.queue.take_theirs(&key);
                let leaving = matches!(state.dialog, Dialog::Leave(_));
                let open = state.library.as_ref().map(|library| library.current);
                if let (false, Some(index), Some(true)) =
                    (leaving, open, state.open_key().map(|open| open == key))
                {
                    // Theirs is read again into this tab.
                    let request = state.request();
                    state.loading = true;
                    fx.push(Effect::LoadArticle {
                        request,
                        index,
                        key,
                        place: None,
                    });
                }
            }
            leave_now(state, &mut fx);
        }
        Msg::Tab(message) => hear(state, message, &mut fx),
        Msg::Scrolled { scroll, anchor } => {
            if let (Some(library), StorageState::Ready) = (&state.library, &state.storage) {
                if let Some(key) = library.key() {
                    fx.push(Effect::SetPlace(Place {
                        project: library.project.id.clone(),
                        article: key.to_owned(),
                        scroll,
                        anchor,
                    }));
                }
            }
        }
        Msg::Persisted(granted) => {
            state.persistence = if granted {
                Persistence::Granted
            } else {
                Persistence::Refused
            }
        }
    }
    fx
}

fn info(state: &mut AppState, text: impl Into<String>) {
    state.notice = Some(Notice::info(text));
}

fn error(state: &mut AppState, text: impl Into<String>) {
    state.notice = Some(Notice::error(text));
}

fn download(file: crate::model::formats::ExportFile, done: Notice) -> Effect {
    Effect::Download {
        name: file.name,
        mime: file.mime,
        bytes: file.bytes,
        done,
    }
}

// ---- Start-up -------------------------------------------------------------------------

fn started(state: &mut AppState, result: Result<Opening, StoreError>, fx: &mut Vec<Effect>) {
    let opening = match result {
        Ok(opening) => opening,
        Err(error) => return start_in_memory(state, error.to_string()),
    };
    state.storage = StorageState::Ready;
    let place = opening.place.clone().unwrap_or_default();
    let index = (opening.listing.entries.iter())
        .position(|entry| entry.key == place.article)
        .unwrap_or(0);
    let place = (opening.listing.entries.get(index))
        .filter(|entry| entry.key == place.article)
        .map(|_| place);
    state.damaged = opening.listing.damaged;
    state.library = Some(Library {
        projects: Rc::new(opening.projects),
        project: Rc::new(opening.project),
        entries: Rc::new(opening.listing.entries),
        current: index,
    });
    state.article_open = false;
    open_first_readable(state, index, place, fx);
}

/// The app goes on without storage: the open work lives in this tab only.
fn start_in_memory(state: &mut AppState, why: String) {
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

fn first_start(state: &mut AppState, old: Option<String>, env: &mut dyn Env, fx: &mut Vec<Effect>) {
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
    let request = state.request();
    fx.push(Effect::Add {
        request,
        to: AddTo::New(project),
        labels: Vec::new(),
        articles: vec![NewArticle {
            document: imported.document,
            annotations: imported.annotations,
        }],
        message: None,
    });
    state.moving_old_work = moved;
}

// ---- Editing ---------------------------------------------------------------------------

/// Applies an action to the session; accepted work goes to the save queue at once.
fn edit(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Change {
    if !state.article_open {
        error(
            state,
            "No article is open: open one in the project view (P).",
        );
        return Change::None;
    }
    let change = state.session.apply(action);
    if let Change::Refused(refusal) = &change {
        error(state, refusal.message());
    }
    if change == Change::Work {
        if state
            .linking
            .as_ref()
            .is_some_and(|id| state.session.annotations.get(id).is_none())
        {
            state.linking = None;
        }
        accept_open(state, true, fx);
    }
    change
}

/// Holds the open article's work in the save queue (and a schema change for the project)
/// and schedules the save.
fn accept_open(state: &mut AppState, work_changed: bool, fx: &mut Vec<Effect>) {
    if state.storage != StorageState::Ready {
        return;
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
    // The entry shown is replaced only when its status changes (the status line shows it),
    // not for every count: the project view takes fresh counts when it opens.
    if entry.status != shown.status {
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

fn schedule_save(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !state.save_scheduled {
        state.save_scheduled = true;
        fx.push(Effect::Later {
            ms: SAVE_DELAY_MS,
            msg: Box::new(Msg::SaveDue),
        });
    }
}

fn schedule_retry(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !state.retry_scheduled {
        state.retry_scheduled = true;
        fx.push(Effect::Later {
            ms: RETRY_MS,
            msg: Box::new(Msg::RetrySaves),
        });
    }
}

/// Starts the next write, if one is due.
fn pump(state: &mut AppState, fx: &mut Vec<Effect>) {
    if let Some((project, change)) = state.queue.next_project_change() {
        fx.push(Effect::WriteProject { project, change });
    } else if let Some(write) = state.queue.next_write() {
        fx.push(Effect::Write(Box::new(write)));
    }
}

fn run(state: &mut AppState, command: Command, env: &mut dyn Env, fx: &mut Vec<Effect>) {
    let session = &state.session;
    match command {
        // The shell reads the selection and sends `Msg::Label`; without it, nothing is selected.
        Command::Label { name, exact } => label(state, name, exact, Selected::Nothing, env, fx),
        Command::Delete => match session.selected.clone() {
            Some(id) => drop(edit(state, Action::Delete(id), fx)),
            None => info(
                state,
                "Select a span first (click it, or press Tab), then Delete.",
            ),
        },
        Command::Clear => {
            if state.linking.take().is_some() {
                info(state, "Linking cancelled.");
            } else if state.search.is_some() {
                state.search = None;
            } else if state.caret_mode {
                state.caret_mode = false;
                fx.push(Effect::ClearSelection);
                info(state, "Caret mode off.");
            } else {
                state.session.apply(Action::Select(None));
                fx.push(Effect::ClearSelection);
            }
        }
        Command::Undo | Command::Redo => {
            let undo = command == Command::Undo;
            let history = &session.history;
            let what = match undo {
                true => history.next_undo(),
                false => history.next_redo(),
            }
            .map(|edit| edit.describe());
            match what {
                Some(what) => {
                    let action = if undo { Action::Undo } else { Action::Redo };
                    if edit(state, action, fx) == Change::Work {
                        let verb = if undo { "Undid" } else { "Redid" };
                        info(state, format!("{verb} {what}."));
                    }
                }
                None => info(
                    state,
                    if undo {
                        "Nothing to undo."
                    } else {
                        "Nothing to redo."
                    },
                ),
            }
        }
        Command::NextSpan | Command::PreviousSpan => {
            let spans = session.annotations.spans();
            if spans.is_empty() {
                return info(state, "There are no spans yet.");
            }
            let at = (session.selected.as_ref())
                .and_then(|id| spans.iter().position(|span| &span.id == id));
            let next = match (command == Command::NextSpan, at) {
                (true, Some(at)) => (at + 1) % spans.len(),
                (true, None) => 0,
                (false, Some(0) | None) => spans.len() - 1,
                (false, Some(at)) => at - 1,
            };
            let id = spans[next].id.clone();
            pick(state, id, fx);
        }
        Command::Nudge(edge, step, direction) => match session.selected.clone() {
            Some(id) => {
                let now = env.now();
                let action = Action::Nudge {
                    id,
                    edge,
                    step,
                    direction,
                    now,
                };
                edit(state, action, fx);
            }
            None => info(
                state,
                "Select a span first; then [ ] { } move its start, , . < > its end.",
            ),
        },
        Command::Link => start_linking(state),
        Command::EditNote => focus(
            state,
            NOTE_FIELD_ID,
            "Select a span first, then press N to write its note.",
            fx,
        ),
        Command::EditAttributes => focus(
            state,
            ATTRIBUTES_ID,
            "The selected span has no attributes (select a span whose label has some).",
            fx,
        ),
        Command::CaretMode => {
            state.caret_mode = !state.caret_mode;
            if state.caret_mode {
                let start = state.session.selected_span().map(|span| span.range.start);
                fx.push(Effect::EnterCaret(start));
                info(state, "Caret mode: arrows move, Shift+arrows select (Ctrl: by word), a label key tags. Esc leaves.");
            } else {
                fx.push(Effect::ClearSelection);
                info(state, "Caret mode off.");
            }
        }
        Command::Search => match state.search {
            None => state.search = Some(Search::default()),
            Some(_) => fx.push(Effect::Focus {
                id: SEARCH_FIELD_ID,
                otherwise: Notice::info("Ctrl+F searches the article."),
            }),
        },
        Command::FilterSpans => fx.push(Effect::Focus {
            id: FILTER_FIELD_ID,
            otherwise: Notice::info("There is no span list to filter."),
        }),
        Command::EditSchema => state.dialog = Dialog::Schema(Vec::new()),
        Command::ToggleSnapping => {
            state.snapping = !state.snapping;
            fx.push(Effect::SaveSnapping(state.snapping));
            info(
                state,
                if state.snapping {
                    "Word snapping on: selections extend to whole words; edge punctuation is trimmed."
                } else {
                    "Word snapping off: spans keep exactly the characters you select."
                },
            );
        }
        Command::Help => state.dialog = Dialog::Help,
        Command::Projects => {
            // The open article's counts, which saving does not refresh in the list.
            if let (Some(library), true) = (state.library.as_mut(), state.article_open) {
                let (current, project) = (library.current, library.project.clone());
                if let Some(entry) = Rc::make_mut(&mut library.entries).get_mut(current) {
                    entry.count(&project, &state.session.annotations);
                }
            }
            state.dialog = Dialog::Project;
        }
        Command::NextArticle | Command::PreviousArticle => {
            let Some(library) = &state.library else {
                return;
            };
            let forward = command == Command::NextArticle;
            let (count, at) = (library.entries.len(), library.current);
            match forward {
                true if at + 1 < count => go_to(state, Leave::Article(at + 1), fx),
                false if at > 0 && at <= count => go_to(state, Leave::Article(at - 1), fx),
                true => info(state, "This is the last article of the project."),
                false => info(state, "This is the first article of the project."),
            }
        }
        Command::NextUnfinished => {
            let Some(library) = &state.library else {
                return;
            };
            match project::next_unfinished(&library.entries, library.current) {
                Some(index) => go_to(state, Leave::Article(index), fx),
                None => info(state, "Every other article of the project is done."),
            }
        }
        Command::ToggleDone => toggle_done(state, fx),
        Command::OpenArticle => state.dialog = Dialog::Open(String::new()),
        Command::ExportJson => {
            let file = Format::Native.export(&[session.work()]);
            let done = Notice::info(format!("Exported {}.", file.name));
            fx.push(download(file, done));
        }
        Command::ExportAs => {
            let works = [session.work()];
            let choices = (Format::ALL.iter())
                .map(|format| ExportChoice {
                    format: *format,
                    losses: format.losses(&works),
                })
                .collect();
            state.dialog = Dialog::Export(Rc::new(choices));
        }
        Command::Import => state.dialog = Dialog::Import(ImportStep::Pick { error: None }),
        Command::CopyJson => fx.push(Effect::Copy(session.export_json())),
    }
}

fn focus(state: &mut AppState, id: &'static str, otherwise: &str, fx: &mut Vec<Effect>) {
    if state.session.selected.is_none() {
        return info(state, otherwise);
    }
    fx.push(Effect::Focus {
        id,
        otherwise: Notice::info(otherwise),
    });
}

/// Tags the selection, or re-labels the selected span.
fn label(
    state: &mut AppState,
    name: String,
    exact: bool,
    selected: Selected,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    match selected {
        Selected::Range(range) => {
            let action = Action::Tag {
                id: SpanId::new(&env.new_id()),
                label: name,
                range,
                exact: exact || !state.snapping,
                now: env.now(),
            };
            edit(state, action, fx);
            fx.push(Effect::ClearSelection);
            if state.caret_mode {
                // Keep going: the caret goes to the end of what was tagged.
                fx.push(Effect::PlaceCaret(range.end));
            }
        }
        Selected::Outside => info(
            state,
            "Only text in the article can be tagged; that selection is outside it.",
        ),
        Selected::Nothing => match state.session.selected.clone() {
            Some(id) => {
                let now = env.now();
                edit(state, Action::Relabel { id, label: name, now }, fx);
            }
            None => info(state, "Select some words in the article first (or press I for the keyboard caret), then choose a label."),
        },
    }
}

fn pick(state: &mut AppState, id: SpanId, fx: &mut Vec<Effect>) {
    if let Some(span) = state.session.annotations.get(&id) {
        fx.push(Effect::ScrollTo(span.range.start));
    }
    state.session.apply(Action::Select(Some(id)));
}

fn start_linking(state: &mut AppState) {
    let Some(span) = state.session.selected_span() else {
        return info(
            state,
            "Select a quote or claim first, then press L to link it to its source.",
        );
    };
    let schema = &state.session.schema;
    if schema.link_targets(&span.label).next().is_none() {
        let allowed: Vec<String> = (schema.links().iter())
            .map(|rule| format!("{} → {}", rule.from, rule.to))
            .collect();
        let allowed = match allowed.is_empty() {
            true => "no links".to_owned(),
            false => allowed.join(", "),
        };
        let label = span.label.clone();
        return error(
            state,
            format!("A {label} cannot start a link: the schema allows {allowed}."),
        );
    }
    state.linking = Some(span.id.clone());
    info(
        state,
        "Linking: click the source in the article or pick it in the panel. Esc cancels.",
    );
}

/// Completes a link to `to`, or says why it is refused (staying in link mode).
fn link_to(state: &mut AppState, to: SpanId, env: &mut dyn Env, fx: &mut Vec<Effect>) {
    let Some(from) = state.linking.clone() else {
        return;
    };
    match state.session.link_rule(&from, &to) {
        Ok(rule) => {
            let (kind, target) = (rule.title(), rule.to.clone());
            let id = env.new_id();
            edit(
                state,
                Action::Link {
                    id,
                    from: from.clone(),
                    to,
                },
                fx,
            );
            state.session.apply(Action::Select(Some(from)));
            state.linking = None;
            info(
                state,
                format!("Linked: {kind} this {target}. Ctrl+Z undoes it."),
            );
        }
        Err(why) => error(state, why),
    }
}

fn save_schema(
    state: &mut AppState,
    change: SchemaChange,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    if *state.session.schema == change.schema {
        state.dialog = Dialog::Closed;
        return info(state, "The schema has not changed.");
    }
    let problems = state
        .session
        .schema_problems(&change.schema, &change.renames);
    if !problems.is_empty() {
        state.dialog = Dialog::Schema(problems);
        return;
    }
    let now = env.now();
    let action = Action::SetSchema {
        schema: change.schema,
        renames: change.renames,
        now,
    };
    if edit(state, action, fx) == Change::Work {
        state.dialog = Dialog::Closed;
        info(state, "Schema saved. Ctrl+Z undoes the change.");
    }
}

fn toggle_done(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !state.article_open {
        return;
    }
    let empty = state.session.annotations.is_empty();
    let Some(library) = state.library.as_mut() else {
        return;
    };
    let current = library.current;
    let project = library.project.clone();
    let Some(entry) = Rc::make_mut(&mut library.entries).get_mut(current) else {
        return;
    };
    entry.count(&project, &state.session.annotations);
    entry.status = match entry.status {
        Status::Done if empty => Status::NotStarted,
        Status::Done => Status::InProgress,
        _ => Status::Done,
    };
    let (status, title) = (entry.status, entry.title.clone());
    info(state, format!("“{title}” is marked {}.", status.describe()));
    accept_open(state, false, fx);
}

// ---- Moving between articles and projects ---------------------------------------------

/// Goes to another article or project, unless the open article's work is not stored: then
/// the user chooses first.
fn go_to(state: &mut AppState, to: Leave, fx: &mut Vec<Effect>) {
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
fn leave_now(state: &mut AppState, fx: &mut Vec<Effect>) {
    if let Dialog::Leave(to) = std::mem::replace(&mut state.dialog, Dialog::Closed) {
        leave_to(state, to, fx);
    }
}

fn leave_to(state: &mut AppState, to: Leave, fx: &mut Vec<Effect>) {
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
            let request = state.request();
            state.loading = true;
            fx.push(Effect::OpenProject { request, project });
        }
    }
}

/// The article being left keeps its latest counts in the list.
fn keep_counts_of_open(state: &mut AppState) {
    if let (Some(library), true) = (state.library.as_mut(), state.article_open) {
        let (current, project) = (library.current, library.project.clone());
        if let Some(entry) = Rc::make_mut(&mut library.entries).get_mut(current) {
            entry.count(&project, &state.session.annotations);
        }
    }
}

/// Opens article `index`: from the save queue when work for it is held there (that is
/// newer than what is stored), else from storage.
fn open_article(state: &mut AppState, index: usize, place: Option<Place>, fx: &mut Vec<Effect>) {
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
    if let Some(held) = state.queue.held(&key).cloned() {
        state.awaiting = None;
        let Some(library) = &state.library else {
            return;
        };
        let schema = library.project.schema();
        state.session = Session::resume(held.document, schema, held.annotations, held.history);
        return opened(state, index, held.entry, place, fx);
    }
    let request = state.request();
    state.loading = true;
    fx.push(Effect::LoadArticle {
        request,
        index,
        key,
        place,
    });
}

/// Opens the first readable article from `index` on (at start, or after a project opens).
fn open_first_readable(
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

fn article_loaded(
    state: &mut AppState,
    request: u64,
    index: usize,
    place: Option<Place>,
    result: Result<StoredArticle, StoreError>,
    fx: &mut Vec<Effect>,
) {
    if state.awaiting != Some(request) {
        return; // the user has moved on since
    }
    state.awaiting = None;
    state.loading = false;
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
                     and listed in the project view (P), where its stored records can be \
                     downloaded; every other article opens and saves as before."
                ),
            );
            if !state.article_open {
                // Nothing is open yet: the next readable article is.
                let next = index + 1;
                let count = library.entries.len();
                if next < count {
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
fn opened(
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
    if new_project {
        fx.push(Effect::Broadcast(TabMessage::Hello {
            project: library.project.id.clone(),
        }));
    }
    fx.push(Effect::SetPlace(place.clone()));
    fx.push(Effect::RestoreScroll(place));
}

// ---- Articles coming in ------------------------------------------------------------------

fn articles_read(
    state: &mut AppState,
    read: Vec<ReadArticle>,
    _env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    state.busy = None;
    // Files picked in "Open article" have been read: the dialog's work is done.
    if matches!(state.dialog, Dialog::Open(_)) {
        state.dialog = Dialog::Closed;
    }
    let mut documents = Vec::new();
    let mut refused = Vec::new();
    for article in read {
        match article {
            Ok(document) => documents.push(document),
            Err((name, problem)) => refused.push(format!("“{name}” was not opened: {problem}.")),
        }
    }
    let refused = refused.join(" ");
    if documents.is_empty() {
        if !refused.is_empty() {
            error(
                state,
                format!("{refused} The current article is unchanged."),
            );
        }
        return;
    }
    let count = documents.len();
    let added = match count {
        1 => "Added the article to the project.".to_owned(),
        count => format!("Added {count} articles to the project."),
    };
    let message = match refused.is_empty() {
        true => added,
        false => format!("{added} {refused}"),
    };
    add_documents(state, documents, Some(message), fx);
}

fn open_page(state: &mut AppState, choice: PageChoice, env: &mut dyn Env, fx: &mut Vec<Effect>) {
    let Dialog::Page(page, origin) = std::mem::replace(&mut state.dialog, Dialog::Closed) else {
        return;
    };
    let document = page.document(
        choice.extraction,
        &choice.title,
        &choice.source,
        &origin,
        &env.now(),
        env.new_id(),
    );
    if let Err(problem) = crate::model::intake::check_text(document.text.as_str()) {
        return error(
            state,
            format!("The page was not opened: {problem}. The current article is unchanged."),
        );
    }
    add_documents(state, vec![document], None, fx);
}

/// New articles (without spans) join the open project, in order; the first opens.
fn add_documents(
    state: &mut AppState,
    documents: Vec<Document>,
    message: Option<String>,
    fx: &mut Vec<Effect>,
) {
    let works = documents
        .into_iter()
        .map(|document| NewArticle {
            document,
            annotations: Annotations::default(),
        })
        .collect();
    add_articles(state, works, Vec::new(), None, message, fx);
}

/// Stores articles in the open project (or a new one) and opens the first of them.
fn add_articles(
    state: &mut AppState,
    articles: Vec<NewArticle>,
    labels: Vec<LabelRecord>,
    new_project: Option<Project>,
    message: Option<String>,
    fx: &mut Vec<Effect>,
) {
    let Some(library) = &state.library else {
        return;
    };
    if state.storage != StorageState::Ready {
        // No storage: the article replaces the open one, in this tab only.
        if let Some(first) = articles.into_iter().next() {
            let schema = (*state.session.schema).clone();
            state.session.apply(Action::Restore(Imported {
                document: first.document,
                schema,
                annotations: first.annotations,
            }));
        }
        return;
    }
    let characters: usize = (articles.iter())
        .map(|article| article.document.text.len_chars())
        .sum();
    if articles.len() > ADD_CHUNK || characters >= LARGE_ARTICLE_CHARS {
        state.busy = Some(Progress {
            title: "Adding articles".to_owned(),
            done: 0,
            total: if articles.len() > ADD_CHUNK {
                articles.len()
            } else {
                0
            },
        });
    }
    let to = match new_project {
        Some(project) => AddTo::New(project),
        None => AddTo::Existing(library.project.id.clone()),
    };
    let request = state.request();
    fx.push(Effect::Add {
        request,
        to,
        labels,
        articles,
        message,
    });
}

fn articles_added(
    state: &mut AppState,
    request: u64,
    result: Result<(Project, Vec<Entry>), StoreError>,
    message: Option<String>,
    fx: &mut Vec<Effect>,
) {
    // A large add goes on to open its first article under a busy notice.
    let large = state.busy.take().is_some();
    let (project, entries) = match result {
        Ok(added) => added,
        Err(problem) => {
            return error(
                state,
                format!("The articles were not added: {problem}. Nothing else changed."),
            );
        }
    };
    let count = entries.len();
    let first = state.library.is_none();
    let library = state.library.get_or_insert_with(|| Library {
        projects: Rc::new(Vec::new()),
        project: Rc::new(project.clone()),
        entries: Rc::new(Vec::new()),
        current: 0,
    });
    let is_new = first || library.project.id != project.id;
    library.set_project(project.clone());
    let index = if is_new {
        // The new project opens.
        library.project = Rc::new(project.clone());
        library.entries = Rc::new(entries);
        0
    } else {
        let list = Rc::make_mut(&mut library.entries);
        let first_new = list.len();
        list.extend(entries);
        first_new
    };
    if first {
        // The very first start: this is the whole of storage.
        state.storage = StorageState::Ready;
        if std::mem::take(&mut state.moving_old_work) {
            fx.push(Effect::OldWorkMoved);
        }
        state.awaiting = None;
        return open_first_readable(state, 0, None, fx);
    }
    let text = message.unwrap_or_else(|| match (count, is_new) {
        (1, false) => "Added the article to the project.".to_owned(),
        (count, false) => format!("Added {count} articles to the project."),
        (count, true) => format!("Created project “{}” with {count} articles.", project.name),
    });
    info(state, text);
    let _ = request; // an add is never stale: what it stored is shown
    if is_new {
        state.damaged.clear();
        state.article_open = false;
    }
    if large {
        state.busy = Some(Progress {
            title: OPENING.to_owned(),
            done: 0,
            total: 0,
        });
    }
    open_article(state, index, None, fx);
}

/// Reviews article `chosen` of the drafts read from `files` against the open work.
fn review_import(
    state: &AppState,
    files: String,
    format: Format,
    drafts: Rc<Vec<Draft>>,
    chosen: usize,
    env: &mut dyn Env,
) -> ImportReview {
    let articles = (drafts.iter().enumerate())
        .map(|(at, draft)| {
            let title = (draft.title.clone()).unwrap_or_else(|| format!("Article {}", at + 1));
            format!("{title} ({} spans)", draft.spans.len())
        })
        .collect();
    let review = match drafts.get(chosen) {
        Some(draft) => import::review(draft, state.session.work(), &env.now()),
        None => Err("the file holds no article".to_owned()),
    };
    ImportReview {
        files,
        format,
        drafts,
        articles,
        chosen,
        review,
    }
}

fn import_accept(state: &mut AppState, _env: &mut dyn Env, fx: &mut Vec<Effect>) {
    let Dialog::Import(ImportStep::Review(read)) = &state.dialog else {
        return;
    };
    let Ok(review) = &read.review else {
        return;
    };
    let unplaced = match review.orphans.len() {
        0 => String::new(),
        count => format!(" {count} could not be placed and were left out."),
    };
    let message = format!(
        "Imported “{}” from {}: {} spans.{unplaced}",
        review.imported.document.title,
        read.format.name(),
        review.imported.annotations.len()
    );
    let (imported, onto_open) = (review.imported.clone(), review.onto_open_article);
    state.dialog = Dialog::Closed;
    if onto_open {
        // One step, undone by one Ctrl+Z; the history before it stays.
        if edit(state, Action::Merge(imported), fx) != Change::None {
            info(state, format!("{message} Ctrl+Z undoes the import."));
        } else {
            info(state, message);
        }
    } else {
        let labels = native::label_records(&imported.schema);
        let article = NewArticle {
            document: imported.document,
            annotations: imported.annotations,
        };
        add_articles(state, vec![article], labels, None, Some(message), fx);
    }
}

/// Reviews every draft (as the import review does) and makes a project of them.
fn import_project(
    state: &mut AppState,
    name: String,
    drafts: &[Draft],
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let mut articles = Vec::new();
    let mut schema = Schema::default();
    let (mut left_out, mut not_placed) = (0, 0);
    let empty = sample_document();
    let now = env.now();
    for draft in drafts {
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
                articles.push(NewArticle {
                    document: review.imported.document,
                    annotations: review.imported.annotations,
                });
            }
            Err(_) => left_out += 1,
        }
    }
    state.dialog = Dialog::Closed;
    if articles.is_empty() {
        state.busy = None;
        return error(
            state,
            "No article of the file could be read; nothing was imported.",
        );
    }
    if left_out + not_placed > 0 {
        error(
            state,
            format!(
                "{left_out} articles could not be read and {not_placed} spans could not be \
                 placed; they were left out."
            ),
        );
    }
    let project = Project::new(env.new_id(), name, now.0, &schema);
    add_articles(state, articles, Vec::new(), Some(project), None, fx);
}

// ---- Exports and backups -------------------------------------------------------------------

fn read_project(state: &mut AppState, purpose: ProjectUse, fx: &mut Vec<Effect>) {
    let Some(library) = state.library.clone() else {
        return;
    };
    if let ProjectUse::Export(format) = purpose {
        if !format.holds_many() && library.entries.len() > 1 {
            return error(
                state,
                format!(
                    "{} holds one article; the project has {}. Choose “{}” for the whole \
                     project, or export each article on its own (Shift+E).",
                    format.name(),
                    library.entries.len(),
                    Format::NativeJsonl.name()
                ),
            );
        }
    }
    if state.storage != StorageState::Ready {
        // No storage: the open article is all there is.
        let request = state.request();
        let works = Err(StoreError::Unavailable("no storage".to_owned()));
        return fx.push(Effect::Later {
            ms: 0,
            msg: Box::new(Msg::ProjectRead {
                request,
                purpose,
                result: works,
            }),
        });
    }
    state.busy = Some(Progress {
        title: match purpose {
            ProjectUse::Export(_) => "Exporting".to_owned(),
            ProjectUse::Backup => "Making a backup".to_owned(),
        },
        done: 0,
        total: 0,
    });
    let request = state.request();
    fx.push(Effect::ReadProject {
        request,
        project: library.project.id.clone(),
        purpose,
    });
}

fn open_work(state: &AppState) -> Imported {
    Imported {
        document: (*state.session.document).clone(),
        schema: (*state.session.schema).clone(),
        annotations: (*state.session.annotations).clone(),
    }
}

fn project_read(
    state: &mut AppState,
    request: u64,
    purpose: ProjectUse,
    result: Result<Vec<Result<StoredArticle, Damaged>>, StoreError>,
    today: &str,
    fx: &mut Vec<Effect>,
) {
    if state.awaiting != Some(request) {
        return;
    }
    state.awaiting = None;
    let Some(library) = state.library.clone() else {
        return;
    };
    let stored = match (result, purpose) {
        (Ok(stored), _) => stored,
        // Without storage, the open article is all there is.
        (Err(_), _) if state.storage != StorageState::Ready => Vec::new(),
        (Err(problem), ProjectUse::Export(_)) => {
            state.busy = None;
            return error(state, format!("Not exported: {problem}."));
        }
        // Storage cannot be read: the backup has what this tab holds.
        (Err(_), ProjectUse::Backup) => Vec::new(),
    };
    let open = library.key().map(str::to_owned);
    let mut works = Vec::new();
    let mut damaged = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for article in stored {
        let article = match article {
            Ok(article) => article,
            Err(broken) => {
                damaged.push(broken);
                continue;
            }
        };
        let key = article.entry.key.clone();
        seen.insert(key.clone());
        if state.article_open && open.as_deref() == Some(key.as_str()) {
            works.push(open_work(state));
        } else if let Some(held) = state.queue.held(&key) {
            // Work not stored yet is newer than storage's.
            works.push(Imported {
                document: (*held.document).clone(),
                schema: library.project.schema(),
                annotations: (*held.annotations).clone(),
            });
        } else {
            let restored = article.work().and_then(|work| {
                project::restore(&library.project, &article.entry, &article.text, work)
                    .map_err(|error| error.to_string())
            });
            match restored {
                Ok(imported) => works.push(imported),
                Err(problem) => damaged.push(Damaged { key, problem }),
            }
        }
    }
    if state.article_open && open.as_ref().is_some_and(|key| !seen.contains(key)) {
        // The open article was not among what storage gave: it is still included.
        works.push(open_work(state));
    }
    project_works_ready(state, purpose, works, damaged, today, fx);
}

fn project_works_ready(
    state: &mut AppState,
    purpose: ProjectUse,
    works: Vec<Imported>,
    damaged: Vec<Damaged>,
    today: &str,
    fx: &mut Vec<Effect>,
) {
    state.busy = None;
    if matches!(state.dialog, Dialog::Project) && matches!(purpose, ProjectUse::Export(_)) {
        state.dialog = Dialog::Closed;
    }
    let views: Vec<Work> = works.iter().map(Imported::work).collect();
    let left_out = match damaged.len() {
        0 => String::new(),
        count => format!(
            " {count} damaged article{} could not be read and {} left out (see the project view).",
            if count == 1 { "" } else { "s" },
            if count == 1 { "was" } else { "were" },
        ),
    };
    let project_name =
        (state.library.as_ref()).map_or("project".to_owned(), |l| l.project.name.clone());
    match purpose {
        ProjectUse::Export(format) => {
            let mut file = format.export(&views);
            file.name = project_file_name(&project_name, &file.name);
            let done = Notice::info(format!(
                "Exported {} article{} as {}.{left_out}",
                works.len(),
                if works.len() == 1 { "" } else { "s" },
                file.name
            ));
            fx.push(download(file, done));
        }
        ProjectUse::Backup => {
            let jsonl = native::export_jsonl(&views);
            let name = format!("article-annotator-backup-{today}.jsonl");
            let done = Notice::info(format!(
                "Downloaded a backup of {} articles ({name}). Import… reads it back as a \
                 project.{left_out}",
                works.len()
            ));
            fx.push(Effect::Download {
                name,
                mime: "application/jsonl",
                bytes: jsonl.into_bytes(),
                done,
            });
        }
    }
}

/// "dataset.doccano.jsonl" for an export named "first-article.doccano.jsonl".
fn project_file_name(project: &str, article_file: &str) -> String {
    let stem = native::slug_of(project);
    let suffix = (article_file.split_once('.')).map_or("", |(_, suffix)| suffix);
    format!("{stem}.{suffix}")
}

/// A project name from the names of the files it was made of.
pub fn project_name_of(files: &str) -> String {
    let first = files.split(", ").next().unwrap_or(files);
    let stem = first.split('.').next().unwrap_or(first).trim();
    if stem.is_empty() {
        "Imported articles".to_owned()
    } else {
        stem.to_owned()
    }
}

// ---- Other tabs ----------------------------------------------------------------------------

fn conflict_key(state: &AppState) -> Option<String> {
    match state.save_status() {
        super::save_queue::SaveStatus::Conflict { key, .. } => Some(key),
        _ => None,
    }
}

fn hear(state: &mut AppState, message: TabMessage, fx: &mut Vec<Effect>) {
    let Some(library) = &state.library else {
        return;
    };
    let project = library.project.id.clone();
    match message {
        TabMessage::Hello { project: theirs } if theirs == project => {
            fx.push(Effect::Broadcast(TabMessage::Here { project: theirs }));
            warn_other_tab(state);
        }
        TabMessage::Here { project: theirs } if theirs == project => warn_other_tab(state),
        TabMessage::Saved { key, version } => {
            let open = state.open_key() == Some(key.as_str());
            if open || state.queue.held(&key).is_some() {
                state.queue.heard(&key, version);
            }
        }
        _ => {}
    }
}

fn warn_other_tab(state: &mut AppState) {
    error(
        state,
        "This project is open in another tab too. Work in one tab: if both change the same \
         article, the later save is stopped and you choose which to keep.",
    );
}
