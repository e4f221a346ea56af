//! The team server: logging in, invitations, a team project's copy, and its sync. Every edit
//! is saved in the browser first (the save queue, as for any project); then the sync sends
//! each article with changes waiting, takes in the server's copies (a stale push's answer,
//! a pull's works) and pulls from its cursor. One call is out at a time; each answer comes
//! back as a message applied to the state as it is then.

use super::*;
use crate::app::state::GoldPlan;
use crate::model::project::StoredWork;
use crate::storage::NewArticle;
use crate::team::{
    mark_after, reconcile, Account, CallError, Curation, Dashboard, Invitation, Managing, Pulled,
    Reach, Reconciled, RemoteWork, SyncMark, Taken, TeamLink, TeamProject,
};
use std::collections::{BTreeMap, HashMap};

/// How long the sync waits before it tries an unreachable server again, in milliseconds.
pub const RETRY_TEAM_MS: u32 = 5_000;
/// How often an open team project asks the server for others' changes, in milliseconds.
pub const PULL_EVERY_MS: u32 = 30_000;

/// What the team server (and the sync's storage steps) answer.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamMsg {
    /// Who is logged in, asked at start.
    Me(Result<Account, CallError>),
    LogIn {
        username: String,
        password: String,
    },
    /// A login (or an invitation taken) ended.
    LoggedIn(Result<Account, CallError>),
    LogOut,
    LoggedOut,
    /// An invitation link was opened in the open app (its token).
    InvitationLink(String),
    /// What the invitation in the page's address is for.
    Invitation(Result<Invitation, CallError>),
    /// Take the invitation: as the account logged in, or as a new account (these).
    Accept {
        username: String,
        password: String,
    },
    /// Open a team project: its copy in this browser, or a copy downloaded now.
    Open(i64),
    /// Ask for the annotator's next article of a team project (the server assigns a new one
    /// when all theirs are done), and open it in the copy.
    Next(i64),
    Nexted(i64, Result<i64, CallError>),
    /// The articles assigned to the account since its copy was made, added to it.
    Assigned(Result<Option<Downloaded>, CallError>),
    /// Adjudicate a team project as its curator: the gold copy in this browser, or compare
    /// everyone's done work now (then Adjudicate in the report makes the gold copy).
    Adjudicate(i64),
    /// What a team project's gold is made from, read.
    CurationRead(i64, Result<Curation, CallError>),
    Downloaded(Result<Downloaded, String>),
    /// A push ended: the article's new mark, or why not.
    Pushed {
        key: String,
        result: Result<SyncMark, CallError>,
    },
    /// A push was stale: the server's copy, to take in.
    Stale {
        key: String,
        remote: RemoteWork,
    },
    /// A pull of a team project (its id on the server) ended.
    Pulled(i64, Result<Pulled, CallError>),
    /// The open article's base, read to take in the server's copy.
    Based {
        key: String,
        remote: RemoteWork,
        base: Result<StoredWork, StoreError>,
    },
    /// The server's copy taken into an article as stored.
    Taken {
        key: String,
        result: Result<Option<Box<Taken>>, StoreError>,
    },
    /// Ask the server again: it was unreachable (`retry`), or it is time to pull.
    Wake {
        retry: bool,
    },
    /// Manage a project as its coordinator (`None`: back to the list of projects).
    Manage(Option<i64>),
    Dashboard(i64, Result<Dashboard, CallError>),
    /// Make a one-time invitation for this role to the project managed.
    Invite(String),
    /// An invitation made: its role and link.
    Invited(Result<(String, String), CallError>),
    /// Assign every article of the project managed to as many annotators as its overlap.
    Fill,
    /// Assign (or unassign) an article of the project managed to an annotator (ids).
    Toggle {
        article: i64,
        annotator: i64,
    },
    Filled(Result<usize, CallError>),
    /// A dataset file read for a new team project: its name and text, or why not.
    DatasetRead(Result<(String, String), String>),
    /// Make a team project of the dataset read.
    Create {
        name: String,
        overlap: u32,
    },
    Created(Result<i64, CallError>),
}

/// A team project's copy, stored: its articles' marks, and where its pulls start.
#[derive(Clone, Debug, PartialEq)]
pub struct Downloaded {
    pub project: Project,
    pub entries: Vec<Entry>,
    pub marks: BTreeMap<String, SyncMark>,
    pub cursor: i64,
}

/// Work for the team server, and the sync's storage steps.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    Me,
    LogIn {
        username: String,
        password: String,
    },
    LogOut {
        csrf: String,
    },
    Invitation(String),
    Accept {
        token: String,
        csrf: Option<String>,
        username: String,
        password: String,
    },
    /// Download the account's articles of a team project and their work into `project`
    /// (a new local project whose schema is the server's).
    Download {
        team: TeamProject,
        project: Project,
    },
    /// Add to the open copy (`project`) the articles of team project `team` assigned to
    /// the account that it has not got (it has `known`).
    Assigned {
        team: i64,
        project: Project,
        known: Vec<i64>,
    },
    Next {
        project: i64,
        csrf: String,
    },
    /// Read what a team project's gold is made from.
    Curation(i64),
    /// Store a curator's gold copy (a new local project of gold articles, each marked).
    AddGold {
        project: Project,
        articles: Vec<NewArticle>,
    },
    Push {
        key: String,
        mark: SyncMark,
        project: i64,
        user: i64,
        /// Sent as the project's gold.
        gold: bool,
        csrf: String,
    },
    Pull {
        project: i64,
        since: i64,
    },
    /// Read the open article's base, to take the server's copy in.
    Base {
        key: String,
        remote: RemoteWork,
    },
    /// Take the server's copy into an article that is not open.
    Take {
        key: String,
        remote: RemoteWork,
    },
    /// Store an article's mark and base.
    Synced {
        key: String,
        mark: SyncMark,
        base: StoredWork,
    },
    Dashboard(i64),
    Invite {
        project: i64,
        role: String,
        csrf: String,
    },
    Fill {
        project: i64,
        csrf: String,
    },
    /// Replace the assignment matrix with these (article, annotator) pairs.
    Assign {
        project: i64,
        pairs: Vec<(i64, i64)>,
        csrf: String,
    },
    Create {
        name: String,
        overlap: u32,
        dataset: (String, Rc<str>),
        csrf: String,
    },
}

/// At start, once storage is read: who is logged in, and what an invitation is for.
pub(super) fn start(state: &AppState, fx: &mut Vec<Effect>) {
    if state.team.reach == Reach::NoServer {
        return;
    }
    fx.push(Effect::Team(Call::Me));
    if let Some((token, None)) = &state.team.invitation {
        fx.push(Effect::Team(Call::Invitation(token.clone())));
    }
}

/// A project was listed: a team project's copy starts syncing, with a pull from `cursor`
/// (0 after a reload: works already here are skipped by their version).
pub(super) fn listed(
    state: &mut AppState,
    marks: BTreeMap<String, SyncMark>,
    cursor: i64,
    fx: &mut Vec<Effect>,
) {
    let due = link(state).is_some();
    let copy = link(state).is_some_and(|link| !link.gold);
    let team = &mut state.team;
    team.assigned_due = copy;
    team.marks = Rc::new(marks);
    team.cursor = cursor;
    team.incoming.clear();
    team.refused.clear();
    team.after_save = None;
    team.pull_due = due;
    step(state, fx);
}

/// The open project's team link, if it is a team project's copy.
fn link(state: &AppState) -> Option<&TeamLink> {
    state.library.as_ref()?.project.team.as_ref()
}

pub(super) fn hear(state: &mut AppState, msg: TeamMsg, env: &mut dyn Env, fx: &mut Vec<Effect>) {
    match msg {
        TeamMsg::Me(result) => match result {
            Ok(account) => logged_in(state, account),
            Err(CallError::SignedOut) => state.team.reach = Reach::Online,
            Err(CallError::NoServer) => state.team.reach = Reach::NoServer,
            Err(_) => unreachable_now(state, fx),
        },
        TeamMsg::LogIn { username, password } => {
            state.team.said = None;
            fx.push(Effect::Team(Call::LogIn { username, password }));
        }
        TeamMsg::LoggedIn(result) => match result {
            Ok(account) => {
                let name = account.user.username.clone();
                let joined = |(_, invitation): &(String, Option<Invitation>)| {
                    invitation.as_ref().is_some_and(|invitation| {
                        account
                            .projects
                            .iter()
                            .any(|project| project.id == invitation.project)
                    })
                };
                if state.team.invitation.as_ref().is_some_and(joined) {
                    state.team.invitation = None;
                }
                logged_in(state, account);
                info(state, format!("Logged in to the team server as {name}."));
            }
            Err(error) => {
                state.team.said = Some(match error {
                    CallError::SignedOut => "The username or password is wrong.".to_owned(),
                    error => sentence(&error.describe()),
                });
            }
        },
        TeamMsg::LogOut => {
            state.team.managing = None;
            state.team.dataset = None;
            if let Some(account) = state.team.account.take() {
                fx.push(Effect::Team(Call::LogOut {
                    csrf: account.csrf.clone(),
                }));
            }
        }
        TeamMsg::LoggedOut => info(
            state,
            "Logged out of the team server. Your work stays in this browser.",
        ),
        TeamMsg::InvitationLink(token) => {
            state.team.said = None;
            state.team.invitation = Some((token.clone(), None));
            state.dialog = Dialog::Team;
            if state.team.reach != Reach::NoServer {
                fx.push(Effect::Team(Call::Invitation(token)));
            }
        }
        TeamMsg::Invitation(result) => {
            let Some((token, _)) = state.team.invitation.take() else {
                return;
            };
            match result {
                Ok(invitation) => state.team.invitation = Some((token, Some(invitation))),
                Err(error) => {
                    state.team.said = Some(format!(
                        "The invitation cannot be used: {}.",
                        error.describe()
                    ))
                }
            }
        }
        TeamMsg::Accept { username, password } => {
            if let Some((token, Some(_))) = &state.team.invitation {
                state.team.said = None;
                fx.push(Effect::Team(Call::Accept {
                    token: token.clone(),
                    csrf: (state.team.account.as_ref()).map(|account| account.csrf.clone()),
                    username,
                    password,
                }));
            }
        }
        TeamMsg::Open(id) => open(state, id, env, fx),
        TeamMsg::Adjudicate(id) => adjudicate(state, id, fx),
        TeamMsg::Next(id) => {
            if let Some(account) = &state.team.account {
                state.dialog = Dialog::Closed;
                fx.push(Effect::Team(Call::Next {
                    project: id,
                    csrf: account.csrf.clone(),
                }));
            }
        }
        TeamMsg::Nexted(id, result) => match result {
            Ok(article) => {
                state.team.want = Some(article);
                match link(state).is_some_and(|link| link.project == id && !link.gold) {
                    // The copy is open: the article is added to it if it is new, then opened.
                    true => state.team.assigned_due = true,
                    false => open(state, id, env, fx),
                }
            }
            Err(CallError::Refused(why)) => info(state, sentence(&why)),
            Err(problem) => asked_in_vain(state, problem, fx),
        },
        TeamMsg::Assigned(result) => {
            state.team.busy = false;
            match result {
                Ok(Some(added)) => newly_assigned(state, added),
                Ok(None) => {}
                Err(problem) => failed(state, problem, fx),
            }
            // An article asked for is opened once the copy has it; a check still due (a
            // Next asked while this one was out) may bring it yet.
            if let Some(article) = state.team.want {
                if open_assigned(state, article, fx) || !state.team.assigned_due {
                    state.team.want = None;
                }
            }
        }
        TeamMsg::CurationRead(id, result) => {
            state.busy = None;
            match result {
                Ok(curation) => compare(state, id, curation, env, fx),
                Err(CallError::Refused(why)) => {
                    error(state, format!("Nothing to adjudicate: {why}."))
                }
                Err(problem) => asked_in_vain(state, problem, fx),
            }
        }
        TeamMsg::Downloaded(result) => {
            state.busy = None;
            match result {
                Ok(copy) => {
                    let name = copy.project.name.clone();
                    let gold = (copy.project.team.as_ref()).is_some_and(|link| link.gold);
                    let count = copy.entries.len();
                    articles_added(state, Ok((copy.project, copy.entries)), None, fx);
                    listed(state, copy.marks, copy.cursor, fx);
                    let opened = match gold {
                        true => format!(
                            "Opened “{name}”: {count} articles to adjudicate. Each decision is \
                             sent to the team server as the gold."
                        ),
                        false => format!(
                            "Opened team project “{name}”: {count} articles assigned to you."
                        ),
                    };
                    info(state, opened);
                }
                Err(problem) => error(
                    state,
                    format!("The team project was not opened: {problem}."),
                ),
            }
        }
        TeamMsg::Pushed { key, result } => {
            state.team.busy = false;
            match result {
                Ok(mark) => {
                    state.team.reach = Reach::Online;
                    Rc::make_mut(&mut state.team.marks).insert(key.clone(), mark);
                    state.team.refused.remove(&key);
                }
                Err(CallError::Refused(why)) => {
                    let title = title_of(state, &key);
                    error(
                        state,
                        format!(
                            "The team server refused “{title}”: {why}. It is kept in this browser."
                        ),
                    );
                    state.team.refused.insert(key, why);
                }
                Err(error) => failed(state, error, fx),
            }
        }
        TeamMsg::Stale { key, remote } => {
            state.team.busy = false;
            state.team.reach = Reach::Online;
            state.team.incoming.insert(0, (key, remote));
        }
        TeamMsg::Pulled(project, result) => {
            state.team.busy = false;
            // Another project was opened meanwhile: its own pull starts from its cursor.
            if link(state).is_none_or(|link| link.project != project) {
                return step(state, fx);
            }
            match result {
                Ok(pulled) => {
                    state.team.reach = Reach::Online;
                    state.team.cursor = pulled.cursor;
                    for remote in pulled.works {
                        let key = (state.team.marks.iter())
                            .find(|(_, mark)| mark.article == remote.article)
                            .map(|(key, _)| key.clone());
                        if let Some(key) = key {
                            state.team.incoming.push((key, remote));
                        }
                    }
                    state.team.pull_due = pulled.more;
                    if !pulled.more {
                        wake_later(state, false, fx);
                    }
                }
                Err(error) => failed(state, error, fx),
            }
        }
        TeamMsg::Based { key, remote, base } => {
            state.team.busy = false;
            match base {
                Ok(base) if state.open_key() == Some(key.as_str()) => {
                    take_open(state, key, remote, base, fx)
                }
                // The article was left meanwhile: it is taken in as stored.
                Ok(_) => state.team.incoming.insert(0, (key, remote)),
                Err(problem) => error(
                    state,
                    format!("The team server's copy was not taken in: {problem}."),
                ),
            }
        }
        TeamMsg::Taken { key, result } => {
            state.team.busy = false;
            match result {
                Ok(Some(taken)) => taken_in(state, key, *taken),
                Ok(None) => {}
                Err(problem) => error(
                    state,
                    format!("The team server's copy was not taken in: {problem}."),
                ),
            }
        }
        TeamMsg::Manage(project) => {
            state.team.said = None;
            state.team.managing = project.map(|project| {
                fx.push(Effect::Team(Call::Dashboard(project)));
                Managing {
                    project,
                    dashboard: None,
                    link: None,
                }
            });
        }
        TeamMsg::Dashboard(project, result) => match result {
            Ok(dashboard) => {
                if let Some(managing) =
                    (state.team.managing.as_mut()).filter(|managing| managing.project == project)
                {
                    managing.dashboard = Some(Rc::new(dashboard));
                }
            }
            Err(error) => told(state, error, fx),
        },
        TeamMsg::Invite(role) => {
            if let (Some(managing), Some(account)) = (&state.team.managing, &state.team.account) {
                fx.push(Effect::Team(Call::Invite {
                    project: managing.project,
                    role,
                    csrf: account.csrf.clone(),
                }));
            }
        }
        TeamMsg::Invited(result) => match (result, state.team.managing.as_mut()) {
            (Ok(link), Some(managing)) => managing.link = Some(link),
            (Ok(_), None) => {}
            (Err(error), _) => told(state, error, fx),
        },
        TeamMsg::Fill => {
            if let (Some(managing), Some(account)) = (&state.team.managing, &state.team.account) {
                fx.push(Effect::Team(Call::Fill {
                    project: managing.project,
                    csrf: account.csrf.clone(),
                }));
            }
        }
        TeamMsg::Toggle { article, annotator } => {
            let managing = state.team.managing.as_mut();
            let dashboard = managing
                .and_then(|managing| Some((managing.project, managing.dashboard.as_mut()?)));
            if let (Some((project, dashboard)), Some(account)) = (dashboard, &state.team.account) {
                let pairs = dashboard.toggled(article, annotator);
                // Shown at once; the server's matrix replaces it when it answers.
                Rc::make_mut(dashboard).assign(&pairs);
                fx.push(Effect::Team(Call::Assign {
                    project,
                    pairs,
                    csrf: account.csrf.clone(),
                }));
            }
        }
        TeamMsg::Filled(result) => {
            match result {
                Ok(count) => info(state, format!("Assigned: {count} assignments in all.")),
                Err(error) => told(state, error, fx),
            }
            // The progress shows the matrix as the server has it, changed or not.
            if let Some(managing) = &state.team.managing {
                fx.push(Effect::Team(Call::Dashboard(managing.project)));
            }
        }
        TeamMsg::DatasetRead(result) => match result {
            Ok((name, text)) => {
                state.team.said = None;
                state.team.dataset = Some((name, Rc::from(text)));
            }
            Err(problem) => state.team.said = Some(problem),
        },
        TeamMsg::Create { name, overlap } => {
            let (Some(dataset), Some(account)) = (&state.team.dataset, &state.team.account) else {
                state.team.said = Some("Choose the dataset file first.".to_owned());
                return;
            };
            state.team.said = None;
            fx.push(Effect::Team(Call::Create {
                name,
                overlap,
                dataset: dataset.clone(),
                csrf: account.csrf.clone(),
            }));
        }
        TeamMsg::Created(result) => match result {
            Ok(project) => {
                state.team.dataset = None;
                info(
                    state,
                    "The team project is made: invite its people, then assign.",
                );
                fx.push(Effect::Team(Call::Me));
                return hear(state, TeamMsg::Manage(Some(project)), env, fx);
            }
            Err(error) => state.team.said = Some(sentence(&error.describe())),
        },
        TeamMsg::Wake { retry } => {
            state.team.wake_scheduled[usize::from(retry)] = false;
            if state.team.reach == Reach::Offline {
                state.team.reach = Reach::Unknown;
            }
            if state.team.account.is_none() && state.team.reach != Reach::NoServer {
                fx.push(Effect::Team(Call::Me));
            }
            state.team.pull_due |= link(state).is_some();
            state.team.assigned_due |= link(state).is_some_and(|link| !link.gold);
        }
    }
    step(state, fx);
}

/// A coordinator's call failed: said in the dialog (offline and logged out as any call).
fn told(state: &mut AppState, error: CallError, fx: &mut Vec<Effect>) {
    match error {
        CallError::Refused(why) => state.team.said = Some(sentence(&why)),
        error => failed(state, error, fx),
    }
}

fn logged_in(state: &mut AppState, account: Account) {
    let due = link(state).is_some();
    let team = &mut state.team;
    team.reach = Reach::Online;
    team.said = None;
    team.account = Some(Rc::new(account));
    team.pull_due |= due;
}

/// A call failed: offline (tried again later), logged out, or refused.
fn failed(state: &mut AppState, error: CallError, fx: &mut Vec<Effect>) {
    match error {
        CallError::SignedOut => {
            state.team.account = None;
            error_notice(
                state,
                "You are logged out of the team server. Your work is kept in this browser: \
                 log in to send it.",
            );
        }
        CallError::Refused(why) => error_notice(state, &format!("The team server said: {why}.")),
        CallError::Offline | CallError::NoServer => unreachable_now(state, fx),
    }
}

/// A call the user asked for failed: said, whatever it was (the sync's own calls say
/// nothing when the server is unreachable: the status does).
fn asked_in_vain(state: &mut AppState, error: CallError, fx: &mut Vec<Effect>) {
    if matches!(error, CallError::Offline | CallError::NoServer) {
        error_notice(
            state,
            "The team server cannot be reached. Nothing changed; try again once it answers.",
        );
    }
    failed(state, error, fx);
}

fn error_notice(state: &mut AppState, text: &str) {
    error(state, text.to_owned());
}

fn unreachable_now(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.team.reach = Reach::Offline;
    wake_later(state, true, fx);
}

/// Asks the server again later: soon after it was unreachable (`retry`), else for the next
/// pull. Each kind has one timer at a time.
fn wake_later(state: &mut AppState, retry: bool, fx: &mut Vec<Effect>) {
    if !std::mem::replace(&mut state.team.wake_scheduled[usize::from(retry)], true) {
        fx.push(Effect::Later {
            ms: if retry { RETRY_TEAM_MS } else { PULL_EVERY_MS },
            msg: Box::new(Msg::Team(TeamMsg::Wake { retry })),
        });
    }
}

fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_ascii_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

fn title_of(state: &AppState, key: &str) -> String {
    (state.library.as_ref())
        .and_then(|library| library.entries.iter().find(|entry| entry.key == key))
        .map_or_else(|| key.to_owned(), |entry| entry.title.clone())
}

/// Opens a team project: its copy in this browser if there is one, else a new copy.
fn open(state: &mut AppState, id: i64, env: &mut dyn Env, fx: &mut Vec<Effect>) {
    let Some(account) = state.team.account.clone() else {
        return;
    };
    let Some(team) = account.projects.iter().find(|project| project.id == id) else {
        return;
    };
    let copy = (state.library.as_ref()).and_then(|library| {
        (library.projects.iter())
            .find(|project| {
                (project.team.as_ref()).is_some_and(|link| {
                    link.project == id && link.user == account.user.id && !link.gold
                })
            })
            .map(|project| project.id.clone())
    });
    state.dialog = Dialog::Closed;
    if let Some(copy) = copy {
        return go_to(state, Leave::Project(copy), fx);
    }
    let mut project = Project::new(
        env.new_id(),
        team.name.clone(),
        env.now().0,
        &Schema::default(),
    );
    project.team = Some(TeamLink {
        project: id,
        user: account.user.id,
        username: account.user.username.clone(),
        gold: false,
    });
    state.busy = Some(Progress::waiting(format!("Downloading “{}”…", team.name)));
    fx.push(Effect::Team(Call::Download {
        team: team.clone(),
        project,
    }));
}

/// The gold copy of team project `id` made here by this account, if any.
fn gold_copy(state: &AppState, id: i64, user: i64) -> Option<String> {
    let library = state.library.as_ref()?;
    (library.projects.iter())
        .find(|project| {
            (project.team.as_ref())
                .is_some_and(|link| link.project == id && link.user == user && link.gold)
        })
        .map(|project| project.id.clone())
}

/// Adjudicates team project `id`: opens its gold copy in this browser, or reads everyone's
/// done work to compare.
fn adjudicate(state: &mut AppState, id: i64, fx: &mut Vec<Effect>) {
    let Some(account) = state.team.account.clone() else {
        return;
    };
    let Some(team) = account.projects.iter().find(|project| project.id == id) else {
        return;
    };
    state.dialog = Dialog::Closed;
    if let Some(copy) = gold_copy(state, id, account.user.id) {
        return go_to(state, Leave::Project(copy), fx);
    }
    state.busy = Some(Progress::waiting(format!(
        "Reading everyone's work on “{}”…",
        team.name
    )));
    fx.push(Effect::Team(Call::Curation(id)));
}

/// Compares everyone's done work on team project `id` in the worker, as files are compared:
/// the report opens, and its Adjudicate makes the gold copy (`gold_made`).
fn compare(
    state: &mut AppState,
    id: i64,
    curation: Curation,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let Some(account) = state.team.account.clone() else {
        return;
    };
    if curation.annotators.len() < 2 {
        let count = curation.annotators.len();
        return info(
            state,
            format!(
                "“{}” has done work from {count} annotator{} so far: adjudicating compares at \
                 least two. Articles count once their annotators mark them done.",
                curation.name,
                if count == 1 { "" } else { "s" }
            ),
        );
    }
    let (names, bytes): (Vec<String>, Vec<Vec<u8>>) = (curation.annotators.into_iter())
        .map(|works| (format!("{}.jsonl", works.name), works.jsonl.into_bytes()))
        .unzip();
    state.team.adjudicating = Some(Rc::new(GoldPlan {
        name: format!("Gold: {}", curation.name),
        link: TeamLink {
            project: id,
            user: account.user.id,
            username: account.user.username.clone(),
            gold: true,
        },
        articles: curation.articles,
    }));
    let job = Job::Agreement {
        names,
        now: env.now(),
    };
    ask(state, job, bytes, Asked::Compare(curation.name), fx);
}

/// The gold project of a team project's comparison, made in the worker: stored as the
/// curator's gold copy, each article on the server's gold if there is one (which it then
/// takes), else to be sent as pre-merged.
pub(super) fn gold_made(
    state: &mut AppState,
    plan: &GoldPlan,
    mut project: Project,
    articles: Vec<NewArticle>,
    fx: &mut Vec<Effect>,
) {
    project.team = Some(plan.link.clone());
    let mut kept = Vec::with_capacity(articles.len());
    for mut article in articles {
        let Some(gold) = (plan.articles.iter()).find(|gold| gold.doc_id == article.document.id)
        else {
            continue;
        };
        if let Some(work) = &gold.work {
            let entry = Entry::new(&project.id, 0, &article.document);
            let text = article.document.text.as_str().to_owned();
            match project::restore(&project, &entry, &text, work.clone()) {
                Ok(imported) => article.annotations = imported.annotations,
                Err(problem) => {
                    return error(
                        state,
                        format!(
                            "The gold of “{}” on the team server could not be read: {problem}.",
                            article.document.title
                        ),
                    )
                }
            }
        }
        article.sync = Some(gold.mark());
        kept.push(article);
    }
    state.busy = Some(Progress::waiting(format!("Making “{}”…", project.name)));
    fx.push(Effect::Team(Call::AddGold {
        project,
        articles: kept,
    }));
}

/// Articles newly assigned were added to a copy: to the list, if it is still the open
/// project (else they are there when it opens).
fn newly_assigned(state: &mut AppState, added: Downloaded) {
    let Some(library) = (state.library.as_mut()).filter(|open| open.project.id == added.project.id)
    else {
        return;
    };
    let count = added.entries.len();
    let name = added.project.name.clone();
    library.set_project(added.project);
    Rc::make_mut(&mut library.entries).extend(added.entries);
    Rc::make_mut(&mut state.team.marks).extend(added.marks);
    info(
        state,
        match count {
            1 => format!("A new article assigned to you was added to “{name}”."),
            count => format!("{count} new articles assigned to you were added to “{name}”."),
        },
    );
}

/// Opens the copy's article that is server article `article`, if the copy has it (true).
fn open_assigned(state: &mut AppState, article: i64, fx: &mut Vec<Effect>) -> bool {
    let key = (state.team.marks.iter())
        .find(|(_, mark)| mark.article == article)
        .map(|(key, _)| key.clone());
    let index = (state.library.as_ref()).and_then(|library| {
        (library.entries.iter()).position(|entry| Some(&entry.key) == key.as_ref())
    });
    if let Some(index) = index {
        go_to(state, Leave::Article(index), fx);
    }
    index.is_some()
}

/// The article's version as stored, as far as this tab knows.
fn stored_version(state: &AppState, key: &str, entries: &HashMap<&str, u64>) -> u64 {
    (state.queue.version(key)).unwrap_or_else(|| entries.get(key).copied().unwrap_or(0))
}

/// Starts the sync's next call, if none is out: a server's copy to take in, then an article
/// to send, then a pull.
pub(super) fn step(state: &mut AppState, fx: &mut Vec<Effect>) {
    let (Some(link), Some(account), Some(library)) = (
        link(state),
        state.team.account.as_ref(),
        state.library.as_ref(),
    ) else {
        return;
    };
    let team = &state.team;
    // A copy is sent only as the account whose work it is.
    let theirs = link.user != account.user.id;
    if theirs || team.busy || team.reach == Reach::Offline || state.storage != StorageState::Ready {
        return;
    }
    let (project, user, csrf) = (link.project, account.user.id, account.csrf.clone());
    let incoming = (team.incoming.iter()).position(|(key, _)| state.queue.latest(key).is_none());
    let call = if let Some(at) = incoming {
        let (key, remote) = state.team.incoming.remove(at);
        match state.open_key() == Some(key.as_str()) {
            true => Call::Base { key, remote },
            false => Call::Take { key, remote },
        }
    } else {
        let entries: HashMap<&str, u64> = (library.entries.iter())
            .map(|entry| (entry.key.as_str(), entry.version))
            .collect();
        let waiting = (team.marks.iter()).find(|(key, mark)| {
            !team.refused.contains_key(*key)
                && state.queue.latest(key).is_none()
                && mark.waiting(stored_version(state, key, &entries))
        });
        match waiting {
            Some((key, mark)) => Call::Push {
                key: key.clone(),
                mark: *mark,
                project,
                user,
                gold: link.gold,
                csrf,
            },
            None if team.assigned_due && !link.gold => Call::Assigned {
                team: project,
                project: library.project.as_ref().clone(),
                known: team.marks.values().map(|mark| mark.article).collect(),
            },
            // A gold copy is this curator's alone: nothing to pull into it.
            None if team.pull_due && !link.gold => Call::Pull {
                project,
                since: team.cursor,
            },
            None => return,
        }
    };
    match call {
        Call::Pull { .. } => state.team.pull_due = false,
        Call::Assigned { .. } => state.team.assigned_due = false,
        _ => {}
    }
    state.team.busy = true;
    fx.push(Effect::Team(call));
}

/// An article's save ended: a mark waiting for it is stored, and a refused article that
/// changed is sent again.
pub(super) fn saved(state: &mut AppState, write: &Write, ok: bool, fx: &mut Vec<Effect>) {
    if !ok {
        return;
    }
    state.team.refused.remove(&write.key);
    let due = matches!(&state.team.after_save,
        Some((key, change, ..)) if *key == write.key && write.change >= *change);
    if due {
        if let Some((key, _, mark, base)) = state.team.after_save.take() {
            fx.push(Effect::Team(Call::Synced { key, mark, base }));
        }
    }
    step(state, fx);
}

/// Takes the server's copy into the open article, as one edit (saved as every edit is);
/// its mark and base are stored once that save commits.
fn take_open(
    state: &mut AppState,
    key: String,
    remote: RemoteWork,
    base: StoredWork,
    fx: &mut Vec<Effect>,
) {
    let (Some(mark), Some(library)) = (state.team.marks.get(&key).copied(), &state.library) else {
        return;
    };
    let Some(entry) = library.entry().cloned() else {
        return;
    };
    let version = state.queue.version(&key).unwrap_or(entry.version);
    let changed = mark.waiting(version) || state.queue.latest(&key).is_some();
    let session = &state.session;
    let local = StoredWork::of(&session.document.text, &session.annotations);
    let (work, conflicts) = match reconcile(&mark, changed, &base, &local, &remote) {
        Reconciled::Unchanged => return,
        Reconciled::Take(work) => (work, Vec::new()),
        Reconciled::Merged { work, conflicts } => (work, conflicts),
    };
    let text = session.document.text.as_str().to_owned();
    let imported = match project::restore(&library.project, &entry, &text, work) {
        Ok(imported) => imported,
        Err(problem) => {
            return error(
                state,
                format!("The team server's copy of this article could not be read: {problem}."),
            )
        }
    };
    // Sent again (if it differs from the server's copy) as the work based on that copy.
    let mark = mark_after(&mark, remote.version, mark.pushed, true);
    Rc::make_mut(&mut state.team.marks).insert(key.clone(), mark);
    edit(state, Action::Sync(imported), fx);
    match state.queue.latest(&key) {
        Some(change) => state.team.after_save = Some((key, change, mark, remote.work)),
        None => fx.push(Effect::Team(Call::Synced {
            key,
            mark,
            base: remote.work,
        })),
    }
    told_conflicts(state, &conflicts);
}

/// The server's copy was taken into an article as stored.
fn taken_in(state: &mut AppState, key: String, taken: Taken) {
    Rc::make_mut(&mut state.team.marks).insert(key.clone(), taken.mark);
    if let (Some(entry), Some(library)) = (taken.entry, state.library.as_mut()) {
        let entries = Rc::make_mut(&mut library.entries);
        if let Some(known) = entries.iter_mut().find(|known| known.key == key) {
            *known = entry;
        }
    }
    told_conflicts(state, &taken.conflicts);
}

fn told_conflicts(state: &mut AppState, conflicts: &[crate::model::sync::Conflict]) {
    if conflicts.is_empty() {
        return;
    }
    let list: Vec<&str> = (conflicts.iter().take(3))
        .map(|conflict| conflict.message.as_str())
        .collect();
    error(
        state,
        format!(
            "Another browser changed the same spans: both versions are kept. {}",
            list.join(" ")
        ),
    );
}

/// What the status bar says of a team project's sync (`None`: not a team project).
pub fn sync_status(state: &AppState) -> Option<String> {
    let link = link(state)?;
    let library = state.library.as_ref()?;
    let team = &state.team;
    let entries: HashMap<&str, u64> = (library.entries.iter())
        .map(|entry| (entry.key.as_str(), entry.version))
        .collect();
    let waiting = (team.marks.iter())
        .filter(|(key, mark)| {
            state.queue.latest(key).is_some() || mark.waiting(stored_version(state, key, &entries))
        })
        .count();
    Some(match () {
        _ if team.reach == Reach::Offline => "Offline — saved in this browser".to_owned(),
        _ if team.account.is_none() => "Not logged in — saved in this browser".to_owned(),
        _ if team
            .account
            .as_ref()
            .is_some_and(|account| account.user.id != link.user) =>
        {
            format!(
                "Not sent: this copy is {}'s — saved in this browser",
                link.username
            )
        }
        _ if waiting == 1 => "1 change waiting".to_owned(),
        _ if waiting > 0 => format!("{waiting} changes waiting"),
        _ => "Synced".to_owned(),
    })
}
