//! The app's state, in one value: the session, the open project, the save queue, the
//! dialog, the notice, the modes and background work. Plain data: `update` changes it.

use super::save_queue::{SaveQueue, SaveStatus};
use crate::components::compare_dialog::CompareStep;
use crate::components::export_dialog::ExportChoice;
use crate::components::import_dialog::ImportStep;
use crate::components::keys_dialog::KeysSaid;
use crate::components::notice_bar::Notice;
use crate::components::tag_every_dialog::TagEveryPreview;
use crate::keymap::Keymap;
use crate::model::curation::Curating;
use crate::model::formats::native::{self, Imported};
use crate::model::formats::Format;
use crate::model::offsets::{CharOffset, CharRange};
use crate::model::project::{Entry, Project};
use crate::model::span::SpanId;
use crate::model::suggestion::{Suggesters, Suggestion};
use crate::model::web_page::{Origin, Page};
use crate::state::Session;
use crate::storage::Damaged;
use crate::team::{Account, Invitation, Managing, Reach, RemoteWork, SyncMark};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A toggle kept in the browser between visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preference {
    Snapping,
    Chips,
}

impl Preference {
    /// Its key in local storage.
    pub fn key(self) -> &'static str {
        match self {
            Preference::Snapping => "article-annotator.snapping",
            Preference::Chips => "article-annotator.chips",
        }
    }
}

/// Where the browser keeps the keyboard settings (`Keymap::to_stored`).
pub const KEYMAP_KEY: &str = "article-annotator.keys";
/// Where the browser keeps the fact-checking organisation (`AppState::publisher`).
pub const PUBLISHER_KEY: &str = "article-annotator.publisher";
/// Where the browser keeps which suggesters are on (`Suggesters::to_stored`).
pub const SUGGESTERS_KEY: &str = "article-annotator.suggesters";
/// Where the browser keeps the name the user's work is signed with ("": asked, none given).
pub const NAME_KEY: &str = "article-annotator.name";

/// The last announcement: what happened (tagged, deleted, moved to a span). `count` tells
/// one announcement from the next with the same words, so both are read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spoken {
    pub text: String,
    pub count: u32,
}

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

    /// The open article's storage key.
    pub fn key(&self) -> Option<&str> {
        self.entry().map(|entry| entry.key.as_str())
    }

    /// Replaces the open project's record (here and in the list of projects).
    pub fn set_project(&mut self, project: Project) {
        let projects = Rc::make_mut(&mut self.projects);
        match projects.iter_mut().find(|known| known.id == project.id) {
            Some(known) => *known = project.clone(),
            None => projects.push(project.clone()),
        }
        if self.project.id == project.id {
            self.project = Rc::new(project);
        }
    }
}

/// Which dialog is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    Closed,
    /// "Open article", with text pasted on the page (outside any field) already in it.
    Open(String),
    /// "Open web page": a saved page or a rich paste, read and waiting for confirmation.
    Page(Rc<Page>, Origin),
    /// The project view.
    Project,
    /// Asks before the open project is deleted.
    ConfirmDelete,
    /// The schema editor, with the problems of the last attempt to save.
    Schema(Vec<String>),
    Help,
    /// Compare annotators: the files to pick, or the agreement report.
    Compare(CompareStep),
    /// The keyboard settings, with what the last change did or why it was refused.
    Keys(Option<KeysSaid>),
    /// The name the user's work is signed with.
    Name,
    /// More than 20 occurrences to tag: listed first.
    TagEvery(Rc<TagEveryPreview>),
    /// "Export as…" with each format and what it would lose.
    Export(Rc<Vec<ExportChoice>>),
    Import(ImportStep),
    /// The open article's work is not stored (a write failed, or another tab's save is in
    /// the way) and the user asked to leave it: they choose what happens to it.
    Leave(Leave),
    /// The team server: logging in, invitations, the account's projects.
    Team,
}

/// Where the user asked to go from an article whose work is not stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Leave {
    Article(usize),
    Project(String),
}

/// How far a background job (an import, an export) is: shown over the page while it runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub title: String,
    pub done: usize,
    pub total: usize,
    /// The job runs in the worker: Cancel stops it.
    pub cancel: bool,
}

impl Progress {
    /// Work of unknown length to wait for (storage, the team server).
    pub fn waiting(title: String) -> Self {
        Progress {
            title,
            done: 0,
            total: 0,
            cancel: false,
        }
    }

    /// A job of unknown length in the worker, which Cancel stops.
    pub fn cancellable(title: String) -> Self {
        Progress {
            title,
            done: 0,
            total: 0,
            cancel: true,
        }
    }
}

/// An open search: the query, its matches and the current one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Search {
    pub query: String,
    pub matches: Rc<Vec<CharRange>>,
    pub current: Option<usize>,
}

/// Whether the browser keeps this site's storage when space runs short.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Persistence {
    /// Not asked yet (it is asked after the first edit).
    #[default]
    Unknown,
    Asked,
    Granted,
    Refused,
}

/// Where storage is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Storage {
    #[default]
    Opening,
    Ready,
    /// There is none (why): the work lives in this tab only.
    Missing(String),
}

/// What a project read is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectUse {
    Export(Format),
    Backup,
}

/// The team server as the app sees it, and the open team project's sync (`update::team`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Team {
    pub reach: Reach,
    pub account: Option<Rc<Account>>,
    /// An invitation from the page's address (`#invite=TOKEN`): its token and what it is for.
    pub invitation: Option<(String, Option<Invitation>)>,
    /// What the team dialog's last attempt said (a refused login).
    pub said: Option<String>,
    /// The project the coordinator manages in the dialog.
    pub managing: Option<Managing>,
    /// A dataset file read for a new team project: its name and text.
    pub dataset: Option<(String, Rc<str>)>,
    /// A team project's works are being compared for its gold: what the gold copy made
    /// of the comparison links to.
    pub adjudicating: Option<Rc<GoldPlan>>,
    /// A team project's copy is open: what the server last agreed about each article.
    pub marks: Rc<BTreeMap<String, SyncMark>>,
    /// Articles whose work the server refused (why): sent again once edited.
    pub refused: BTreeMap<String, String>,
    /// A call (or a storage step of the sync) is out: one at a time.
    pub(super) busy: bool,
    /// Where the next pull asks from, and whether one is due.
    pub(super) cursor: i64,
    pub(super) pull_due: bool,
    /// Whether to ask which articles are assigned to the account now (new ones are added
    /// to the copy), and the server article to open once the copy has it.
    pub(super) assigned_due: bool,
    pub(super) want: Option<i64>,
    /// Server copies to take in, each once its article has nothing left to save.
    pub(super) incoming: Vec<(String, RemoteWork)>,
    /// The open article took the server's copy as an edit: its mark and base are stored
    /// once the save of that edit (change number) commits.
    pub(super) after_save: Option<(String, u64, SyncMark, crate::model::project::StoredWork)>,
    /// A timer is set to ask the server again: for the next pull, and after it was
    /// unreachable.
    pub(super) wake_scheduled: [bool; 2],
}

/// A curator's gold copy of a team project, to make once the comparison of everyone's work
/// is adjudicated: its name, its link, and each article's gold on the server.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldPlan {
    pub name: String,
    pub link: crate::team::TeamLink,
    pub articles: Vec<crate::team::GoldArticle>,
}

/// The whole app's state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub session: Session,
    pub team: Team,
    /// The open project (`None` until storage has been read).
    pub library: Option<Library>,
    /// False while no article is open (the one asked for could not be read).
    pub article_open: bool,
    pub storage: Storage,
    pub queue: SaveQueue,
    pub dialog: Dialog,
    pub notice: Option<Notice>,
    /// What a screen reader was last told (`update::speaking`).
    pub spoken: Spoken,
    pub snapping: bool,
    /// Each span shows its label in a chip where it begins.
    pub chips: bool,
    /// Which single key does what (the user may move or switch them off).
    pub keymap: Rc<Keymap>,
    /// The name the user's work is signed with: `None` until they were asked, "" when
    /// they gave none.
    pub annotator: Option<String>,
    /// The fact-checking organisation that publishes the user's reviews ("": none):
    /// ClaimReview's `author`.
    pub publisher: String,
    pub caret_mode: bool,
    /// On a narrow screen, the span list is out as a drawer (a wide one always shows it).
    pub list_open: bool,
    /// The span a link is being made from.
    pub linking: Option<SpanId>,
    pub search: Option<Search>,
    /// Where the reader was in the article just opened (its stored place): a long article
    /// is drawn from there outwards.
    pub opened_at: Option<CharOffset>,
    /// A background job at work.
    pub busy: Option<Progress>,
    /// The last comparison's report files: JSON and CSV.
    pub compared: Option<(Vec<u8>, Vec<u8>)>,
    /// The gold article last read: its annotators' versions (shown while it is open).
    pub curating: Option<Rc<Curating>>,
    /// The gold article's current cluster (the disagreement being decided).
    pub cluster: Option<usize>,
    /// The open article's suggestions.
    pub suggested: Suggested,
    /// Which suggesters are on (a setting kept in the browser).
    pub suggesters: Suggesters,
    /// The article a gold project being made opens at.
    pub(super) gold_open: Option<usize>,
    pub dragging: bool,
    pub persistence: Persistence,
    /// Articles of the open project that could not be read.
    pub damaged: Vec<Damaged>,
    /// The article or project read whose answer is awaited: an answer to an older one is
    /// dropped (the user has moved on).
    pub(super) opening: Option<u64>,
    /// The whole-project read (export, backup) under way: what it has gathered so far.
    pub(super) reading: Option<Gathering>,
    pub(super) next_request: u64,
    /// How many of the session's label renames the project has taken.
    pub(super) renames_taken: usize,
    /// A save is scheduled (a timer will start the writes).
    pub(super) save_scheduled: bool,
    pub(super) retry_scheduled: bool,
    /// The first project is being made of an older version's work.
    pub(super) moving_old_work: bool,
    /// An article (or project) is being read to open.
    pub loading: bool,
}

/// The open article's suggestions (`update::suggesting`): asked of the worker when it
/// opens, never saved; those shown leave out the rejected and the annotated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggested {
    /// The article they are for (its id and length): another one asks again.
    pub article: Option<(String, usize)>,
    /// Every suggestion, in text order (`None` while the worker works on them).
    pub list: Option<Rc<Vec<Suggestion>>>,
    /// Those shown (indexes into `list`, in text order).
    pub shown: Rc<Vec<usize>>,
    /// What `shown` was chosen for: the work's revision, the suggesters and the schema.
    pub(super) chosen_for: Option<(u64, Suggesters, usize)>,
    /// The current suggestion (an index into `list`).
    pub current: Option<usize>,
}

/// A whole project's work (for an export or a backup), gathered a batch of articles at a
/// time as storage gives them, so no single message does it all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gathering {
    pub(super) request: u64,
    /// Every article so far as native JSONL, in project order.
    pub(super) lines: String,
    pub(super) count: usize,
    /// The first article (it names the file; a one-article Native JSON export is it).
    pub(super) first: Option<Imported>,
    pub(super) damaged: Vec<Damaged>,
    /// The open article was among the articles read (else it is added at the end).
    pub(super) open_seen: bool,
}

impl Gathering {
    pub(super) fn push(&mut self, work: Imported) {
        self.lines.push_str(&native::export_jsonl(&[work.work()]));
        self.count += 1;
        self.first.get_or_insert(work);
    }
}

impl AppState {
    /// Whether a team server served the page: without one, the app asks it nothing.
    pub fn on_team_server(mut self, served: bool) -> Self {
        if !served {
            self.team.reach = Reach::NoServer;
        }
        self
    }

    /// With the invitation in the page's address, if any: the team dialog opens on it.
    pub fn invited(mut self, token: Option<String>) -> Self {
        if let Some(token) = token {
            self.team.invitation = Some((token, None));
            self.dialog = Dialog::Team;
        }
        self
    }

    /// The state before storage is read: the sample article, in memory.
    pub fn new(snapping: bool) -> Self {
        Self {
            session: Session::sample(),
            team: Team::default(),
            library: None,
            article_open: false,
            storage: Storage::Opening,
            queue: SaveQueue::default(),
            dialog: Dialog::Closed,
            notice: None,
            spoken: Spoken::default(),
            snapping,
            chips: true,
            keymap: Rc::default(),
            annotator: None,
            publisher: String::new(),
            caret_mode: false,
            list_open: false,
            linking: None,
            search: None,
            opened_at: None,
            busy: None,
            compared: None,
            curating: None,
            cluster: None,
            suggested: Suggested::default(),
            suggesters: Suggesters::default(),
            gold_open: None,
            dragging: false,
            persistence: Persistence::Unknown,
            damaged: Vec::new(),
            opening: None,
            reading: None,
            next_request: 0,
            renames_taken: 0,
            save_scheduled: false,
            retry_scheduled: false,
            moving_old_work: false,
            loading: false,
        }
    }

    /// What the header says about saving.
    pub fn save_status(&self) -> SaveStatus {
        match &self.storage {
            Storage::Opening => SaveStatus::Loading,
            Storage::Missing(why) => SaveStatus::NoStorage(why.clone()),
            Storage::Ready => {
                let open = self.library.as_ref().and_then(Library::key);
                match self.queue.status(open) {
                    // While an article is read, "Saved" would speak of the one shown before.
                    SaveStatus::Saved if self.loading => SaveStatus::Loading,
                    status => status,
                }
            }
        }
    }

    /// True when leaving the page now would lose accepted work.
    pub fn has_unstored_work(&self) -> bool {
        match self.storage {
            Storage::Ready => !self.queue.all_stored(),
            // In memory only: everything is at risk once something was done.
            Storage::Missing(_) => self.session.revision > 0,
            Storage::Opening => false,
        }
    }

    /// The open article's storage key.
    pub fn open_key(&self) -> Option<&str> {
        self.library.as_ref().and_then(Library::key)
    }

    /// True when the page behind dialogs takes no input (a dialog or a job is up, or
    /// storage is still being read).
    pub fn input_blocked(&self) -> bool {
        self.dialog != Dialog::Closed || self.busy.is_some() || self.library.is_none()
    }

    /// A new request id.
    pub(super) fn request(&mut self) -> u64 {
        self.next_request += 1;
        self.next_request
    }

    /// Asks to open an article or project: the answer to any earlier open is dropped.
    pub(super) fn open_request(&mut self) -> u64 {
        let request = self.request();
        self.opening = Some(request);
        self.loading = true;
        request
    }
}
