//! `update`: every message (a key, a click, a result of async work) changes the one app
//! state and says which effects to run. Pure: effects are values, run by the shell
//! (`effects`), whose results come back as messages applied to the state as it is then.

mod adding;
mod adjudicating;
mod editing;
mod exporting;
mod moving;
mod saving;
mod speaking;
mod suggesting;
mod tabs;
mod team;

use adding::*;
use adjudicating::*;
use editing::*;
use exporting::*;
use moving::*;
use saving::*;
use tabs::*;
pub use team::{sync_status, Call, Downloaded, TeamMsg};

use super::save_queue::{Held, Write};
use super::state::{
    AppState, Dialog, Gathering, Leave, Library, Persistence, Preference, Progress, ProjectUse,
    KEYMAP_KEY, NAME_KEY, PUBLISHER_KEY, SUGGESTERS_KEY,
};
use super::state::{Search, Storage as StorageState};
use crate::components::compare_dialog::CompareStep;
use crate::components::export_dialog::ExportChoice;
use crate::components::import_dialog::{ImportReview, ImportStep};
use crate::components::keys_dialog::{KeysChange, KeysSaid};
use crate::components::notice_bar::{Ends, Notice};
use crate::components::page_dialog::PageChoice;
use crate::components::review_fields::EVIDENCE_FIELD_ID;
use crate::components::schema_editor::SchemaChange;
use crate::components::search_bar::SEARCH_FIELD_ID;
use crate::components::span_details::{ATTRIBUTES_ID, NOTE_FIELD_ID};
use crate::components::span_list::FILTER_FIELD_ID;
use crate::components::tag_every_dialog::TagEveryPreview;
use crate::keymap::{self, Command, Refused, Shortcut};
use crate::model::annotations::Annotations;
use crate::model::curation::Curating;
use crate::model::document::Document;
use crate::model::formats::draft::Work;
use crate::model::formats::native::{self, Imported, LabelRecord};
use crate::model::formats::{native_file, ExportFile, Format, InFile};
use crate::model::history::History;
use crate::model::offsets::{CharOffset, CharRange};
use crate::model::project::{self, Entry, Project, Status};
use crate::model::sample::sample_document;
use crate::model::schema::{Schema, REVIEWED_BY, REVIEWED_ON, VERDICT};
use crate::model::search;
use crate::model::span::{Evidence, SpanId, Timestamp};
use crate::model::suggestion::{Kind, Suggesters};
use crate::model::web_page::{Origin, Page};
use crate::model::words::Edge;
use crate::state::{Action, Change, Session};
use crate::storage::{
    AddTo, Damaged, Listing, NewArticle, Place, ProjectChange, StoreError, StoredArticle,
    StoredCuration,
};
use crate::web::tabs::Message as TabMessage;
pub use adjudicating::{adjudicating, curating};
use annotator_core::jobs::{reviewed, Answer, Job, CANCELLED};
pub use exporting::project_name_of;
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
    /// Projects whose record could not be read (left as they are).
    pub damaged_projects: Vec<Damaged>,
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
    /// Add the text selection to the selected span as a piece (`add`), or take out the
    /// piece it is in (else the last).
    Piece {
        add: bool,
        selected: Selected,
    },
    /// Take piece `at` out of a split span.
    RemovePiece(SpanId, usize),
    /// Add evidence to a span (`Ok`), or remove its item `at` (`Err(at)`).
    Evidence(SpanId, Result<Evidence, usize>),
    Unlink(String),
    SaveSchema(SchemaChange),
    /// A change in the keyboard settings.
    Keys(KeysChange),
    /// The name the user's work is signed with ("": none).
    SetName(String),
    /// The fact-checking organisation that publishes the user's reviews ("": none).
    SetPublisher(String),
    /// Put out (or away) the span list's drawer of a narrow screen.
    ShowList(bool),
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
    /// Annotation files read for the import review (their names, and the files), or why
    /// not.
    ImportRead(Result<(String, Vec<InFile>), String>),
    /// Annotators' files read for a comparison (their names, and the files).
    CompareRead(Result<(String, Vec<InFile>), String>),
    /// Download the comparison's report: as JSON (`true`) or CSV.
    CompareDownload(bool),
    /// Make the comparison's gold project, pre-merged at `threshold`, and open it (at the
    /// article with id `open`).
    Adjudicate {
        threshold: usize,
        open: Option<String>,
    },
    /// Make this cluster of the gold article the current disagreement.
    ShowCluster(usize),
    /// Tag the occurrences the "Tag every occurrence" preview listed.
    TagEveryConfirm,
    /// Switch suggesters on or off.
    Suggesters(Suggesters),
    /// Accept (or reject) every suggestion of this kind shown in the article.
    SuggestAll {
        kind: Kind,
        accept: bool,
    },
    ImportChoose(usize),
    ImportAccept,
    ImportAll,
    /// The articles of a new project, or why there are none.
    NewProject(Result<ProjectRead, String>),
    /// The worker's answer to a job, with what it was asked for; or why there is none.
    Answered(Asked, Result<(Answer, Vec<Vec<u8>>), String>),
    /// Stop the worker's job (the user pressed Cancel).
    CancelWork,
    /// Articles stored (an add is never stale: what it stored is always shown).
    ArticlesAdded {
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
    /// A batch of a whole-project read, in project order.
    ProjectPart {
        request: u64,
        articles: Vec<Result<StoredArticle, Damaged>>,
    },
    /// A whole-project read ended (every batch came before).
    ProjectRead {
        request: u64,
        purpose: ProjectUse,
        result: Result<(), StoreError>,
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
    /// Keep this tab's work for this article over another tab's save.
    KeepMine(String),
    /// Take the other tab's save of this article (this tab's work for it is dropped).
    TakeTheirs(String),
    Tab(TabMessage),
    /// Where the window is in the open article (the scroll offset and the text anchor).
    Scrolled {
        scroll: f64,
        anchor: Option<(usize, f64)>,
    },
    Persisted(bool),
    /// The team server's answers, and the sync's.
    Team(TeamMsg),
}

/// Work for storage (run by `effects::perform` against any `Storage`); each result comes
/// back as a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Store {
    /// Read the projects, where the user was and the open project's articles.
    Start,
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
}

/// Work for the shell: storage, the browser, timers. Results come back as messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Store(Store),
    /// The first project was stored: the older version's work is marked moved.
    OldWorkMoved,
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
    /// Scroll the block holding this offset of the article near the top of the window.
    ScrollToText(CharOffset),
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
    SavePreference(Preference, bool),
    /// Keep a setting in the browser's local storage: its key and text.
    SaveText(&'static str, String),
    /// Give the worker a job (with its files' bytes); its answer comes back as
    /// `Msg::Answered` with `asked`.
    Ask {
        job: Job,
        bytes: Vec<Vec<u8>>,
        asked: Asked,
    },
    /// Terminate the worker: its job's answer is "cancelled".
    CancelWork,
    /// Start the worker, if it is not running, for a job the user is about to ask for.
    WarmWorker,
    /// Ask the team server (or store what the sync agreed with it).
    Team(Call),
}

/// What a worker job was asked for: how its answer is taken.
#[derive(Clone, Debug, PartialEq)]
pub enum Asked {
    /// The import review of files (their names).
    Import(String),
    /// The review of another article of the same files.
    Choose(usize),
    /// The agreement of annotators' files (their names).
    Compare(String),
    /// Every article of the files reviewed, for a new project of this name.
    ImportAll(String),
    /// The gold project of the last comparison (its name), to open at the article with
    /// this id.
    Gold { name: String, open: Option<String> },
    /// Suggestions for the article with this id and length.
    Suggest(Option<(String, usize)>),
    /// An export: of the project (its name) or of the open article; how many articles,
    /// and what the notice adds about articles left out.
    Export {
        format: Format,
        project: Option<String>,
        articles: usize,
        left_out: String,
    },
}

/// The articles read for a new project.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectRead {
    pub name: String,
    /// The schema every article fits.
    pub schema: Schema,
    /// Articles of annotation files (reviewed in the worker) and of text files.
    pub articles: Vec<Imported>,
    /// A gold project's: each article's annotators' versions, in order (else empty).
    pub curations: Vec<Option<StoredCuration>>,
    /// The id of the article to open first (else the first).
    pub open: Option<String>,
    /// Articles that could not be read, and spans that could not be placed.
    pub left_out: usize,
    pub not_placed: usize,
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
            | Msg::KeepMine(_)
            | Msg::TakeTheirs(_)
            | Msg::Command(
                Command::NextArticle | Command::PreviousArticle | Command::NextUnfinished
            )
    )
}

/// Applies a message to the state and gives the effects to run.
pub fn update(state: &mut AppState, msg: Msg, env: &mut dyn Env) -> Vec<Effect> {
    let before = speaking::Before::of(state, &msg);
    let mut fx = apply(state, msg, env);
    suggesting::refresh(state, &mut fx);
    speaking::after(state, before);
    fx
}

fn apply(state: &mut AppState, msg: Msg, env: &mut dyn Env) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Started(result) => {
            let stored = result.is_ok();
            started(state, result, &mut fx);
            if stored {
                team::start(state, &mut fx);
            }
        }
        Msg::FirstStart(old) => {
            first_start(state, old, env, &mut fx);
            team::start(state, &mut fx);
        }
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
            // A verdict is signed and dated, in the same undo step (ClaimReview's creator
            // and datePublished).
            let mut set = Vec::new();
            if name == VERDICT {
                let reviewer = state.annotator.clone().filter(|name| !name.is_empty());
                let day = value.as_ref().map(|_| now.0.chars().take(10).collect());
                set.push((REVIEWED_BY.to_owned(), reviewer.filter(|_| day.is_some())));
                set.push((REVIEWED_ON.to_owned(), day));
            }
            set.insert(0, (name, value));
            edit(state, Action::SetAttributes { id, set, now }, &mut fx);
        }
        Msg::Unlink(id) => drop(edit(state, Action::Unlink(id), &mut fx)),
        Msg::Piece { add, selected } => piece(state, add, selected, env, &mut fx),
        Msg::RemovePiece(id, at) => {
            let now = env.now();
            edit(state, Action::RemovePiece { id, at, now }, &mut fx);
        }
        Msg::Evidence(id, change) => {
            let now = env.now();
            let action = match change {
                Ok(evidence) => Action::AddEvidence { id, evidence, now },
                Err(at) => Action::RemoveEvidence { id, at, now },
            };
            edit(state, action, &mut fx);
        }
        Msg::SaveSchema(change) => save_schema(state, change, env, &mut fx),
        Msg::Keys(change) => change_keys(state, change, &mut fx),
        Msg::SetName(name) => set_name(state, name, &mut fx),
        Msg::SetPublisher(name) => {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            fx.push(Effect::SaveText(PUBLISHER_KEY, name.clone()));
            state.publisher = name;
        }
        Msg::Adjudicate { threshold, open } => make_gold(state, threshold, open, env, &mut fx),
        Msg::ShowCluster(at) => show_cluster(state, at, &mut fx),
        Msg::TagEveryConfirm => {
            if let Dialog::TagEvery(preview) = &state.dialog {
                let match_case = preview.match_case;
                state.dialog = Dialog::Closed;
                tag_every(state, match_case, true, env, &mut fx);
            }
        }
        Msg::Suggesters(on) => suggesting::set_suggesters(state, on, &mut fx),
        Msg::SuggestAll { kind, accept: true } => {
            suggesting::accept(state, true, Some(kind), env, &mut fx)
        }
        Msg::SuggestAll {
            kind,
            accept: false,
        } => suggesting::reject(state, true, Some(kind), &mut fx),
        Msg::ShowList(open) => state.list_open = open,
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
        Msg::Busy(title) => state.busy = Some(Progress::waiting(title)),
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
                annotator: None,
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
        // Cancelled: said when the user cancelled.
        Msg::ImportRead(Err(why)) | Msg::NewProject(Err(why)) if why == CANCELLED => {}
        Msg::ImportRead(result) => match result {
            Ok((names, files)) => {
                let (names_list, bytes) = files
                    .into_iter()
                    .map(|file| (file.name, file.bytes))
                    .unzip();
                let job = Job::Read {
                    names: names_list,
                    open: open_json(state),
                    now: env.now(),
                };
                ask(state, job, bytes, Asked::Import(names), &mut fx);
            }
            Err(error) => {
                state.busy = None;
                state.dialog = Dialog::Import(ImportStep::Pick {
                    error: Some(format!("Not imported: {error}. Your work is unchanged.")),
                });
            }
        },
        Msg::CompareRead(Err(why)) if why == CANCELLED => {}
        Msg::CompareRead(Ok((names, files))) => {
            // Files compared: not a team project's gold.
            state.team.adjudicating = None;
            let (names_list, bytes) = files
                .into_iter()
                .map(|file| (file.name, file.bytes))
                .unzip();
            let job = Job::Agreement {
                names: names_list,
                now: env.now(),
            };
            ask(state, job, bytes, Asked::Compare(names), &mut fx);
        }
        Msg::CompareRead(Err(error)) => {
            state.busy = None;
            state.dialog = Dialog::Compare(CompareStep::Pick {
                error: Some(format!("No report: {error}.")),
            });
        }
        Msg::CompareDownload(json) => {
            if let Some((report, csv)) = &state.compared {
                let (name, mime, bytes) = match json {
                    true => ("agreement-report.json", "application/json", report.clone()),
                    false => ("agreement-report.csv", "text/csv", csv.clone()),
                };
                fx.push(Effect::Download {
                    name: name.to_owned(),
                    mime,
                    bytes,
                    done: Notice::info(format!("Downloaded {name}.")),
                });
            }
        }
        Msg::ImportChoose(chosen) => {
            let job = Job::Review {
                chosen,
                now: env.now(),
            };
            ask(state, job, Vec::new(), Asked::Choose(chosen), &mut fx);
        }
        Msg::ImportAccept => import_accept(state, env, &mut fx),
        Msg::ImportAll => {
            if let Dialog::Import(ImportStep::Review(read)) = &state.dialog {
                let name = project_name_of(&read.files);
                let job = Job::Project {
                    names: Vec::new(),
                    now: env.now(),
                };
                ask(state, job, Vec::new(), Asked::ImportAll(name), &mut fx);
            }
        }
        Msg::NewProject(result) => match result {
            Ok(read) => import_project(state, read, env, &mut fx),
            Err(problem) => {
                state.busy = None;
                state.notice = Some(Notice::error(format!(
                    "No project was made: {problem}. Your work is unchanged."
                )));
            }
        },
        Msg::Answered(asked, result) => answered(state, asked, result, &mut fx),
        Msg::CancelWork => {
            state.busy = None;
            // The worker's suggestions for the open article went with it: asked again.
            if state.suggested.list.is_none() {
                state.suggested = Default::default();
            }
            info(state, "Cancelled. Your work is unchanged.");
            fx.push(Effect::CancelWork);
        }
        Msg::ArticlesAdded { result, message } => articles_added(state, result, message, &mut fx),
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
        } => project_opened(state, request, project, result, &mut fx),
        Msg::RenameProject(name) => rename_project(state, name, &mut fx),
        Msg::DeleteProject => {
            if let (Some(library), StorageState::Ready) = (&state.library, &state.storage) {
                fx.push(Effect::Store(Store::DeleteProject(
                    library.project.id.clone(),
                )));
            }
        }
        Msg::ProjectDeleted(result) => project_deleted(state, result, &mut fx),
        Msg::ProjectsListed(result) => {
            let notice = state.notice.take();
            started(state, result, &mut fx);
            state.notice = notice.or(state.notice.take());
        }
        Msg::ExportProject(format) => read_project(state, ProjectUse::Export(format), &mut fx),
        Msg::ExportOpen(format) => {
            state.dialog = Dialog::Closed;
            let export = export_works(
                format,
                &[state.session.work()],
                None,
                String::new(),
                &state.publisher,
            );
            start(state, export, &mut fx);
        }
        Msg::Backup => read_project(state, ProjectUse::Backup, &mut fx),
        Msg::ProjectPart { request, articles } => project_part(state, request, articles),
        Msg::ProjectRead {
            request,
            purpose,
            result,
        } => {
            let today: String = env.now().0.chars().take(10).collect();
            project_read(state, request, purpose, result, &today, &mut fx)
        }
        Msg::DownloadRaw(key) => fx.push(Effect::Store(Store::ReadRaw(key))),
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
        Msg::SaveDue => save_due(state, &mut fx),
        Msg::Written(write, result) => written(state, &write, result, &mut fx),
        Msg::ProjectWritten(result) => project_written(state, result, &mut fx),
        Msg::RetrySaves => retry_saves(state, &mut fx),
        Msg::LeaveRetry => leave_retry(state, &mut fx),
        Msg::KeepMine(key) => keep_mine(state, key, &mut fx),
        Msg::TakeTheirs(key) => take_theirs(state, key, &mut fx),
        Msg::Tab(message) => hear(state, message, &mut fx),
        Msg::Scrolled { scroll, anchor } => {
            if let (Some(library), StorageState::Ready) = (&state.library, &state.storage) {
                if let Some(key) = library.key() {
                    fx.push(Effect::Store(Store::SetPlace(Place {
                        project: library.project.id.clone(),
                        article: key.to_owned(),
                        scroll,
                        anchor,
                    })));
                }
            }
        }
        Msg::Team(msg) => team::hear(state, msg, env, &mut fx),
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

fn download(file: ExportFile, done: Notice) -> Effect {
    Effect::Download {
        name: file.name,
        mime: file.mime,
        bytes: file.bytes,
        done,
    }
}
