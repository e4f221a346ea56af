//! A local project that is a copy of a team server's project: what it syncs with, what the
//! server last agreed about each article, and how the server's copy of a work is taken in.
//! Pure: the requests are the app's (`web::server`), the records storage's.
//!
//! Every edit is saved in the browser first, as for any project. An article has changes
//! waiting while its entry's version is newer than the version last sent (`SyncMark::pushed`);
//! a push states the server's version it was based on (`SyncMark::version`), and a stale
//! push gets the server's copy back, merged here against the work both sides last agreed
//! on (the *base*, kept beside the mark).

use crate::model::project::{Entry, Status, StoredWork};
use crate::model::sync::{merge, Conflict};
use serde::{Deserialize, Serialize};

/// The team project a local project is a copy of, and whose copy it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLink {
    /// The project's id on the server.
    pub project: i64,
    /// The account the work is the work of.
    pub user: i64,
    pub username: String,
    /// The project's gold, adjudicated here by this account (a curator): each article is
    /// sent as its gold, and nothing is pulled into it.
    #[serde(default)]
    pub gold: bool,
}

/// What this browser and the server last agreed about one article's work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncMark {
    /// The article's id on the server.
    pub article: i64,
    /// Whether the article was done in the work last agreed on.
    #[serde(default)]
    pub done: bool,
    /// The server's version of the work last synced (0: the server has none).
    pub version: i64,
    /// The local entry version last sent or taken: a newer entry has changes waiting.
    pub pushed: u64,
    /// Made in this browser and never sent, so sent even though it is its base (a gold
    /// article's pre-merge, which the server has not had).
    #[serde(default)]
    pub unsent: bool,
}

impl SyncMark {
    /// True when the article, stored at `version`, has changes the server has not had.
    pub fn waiting(&self, version: u64) -> bool {
        self.unsent || version > self.pushed
    }
}

/// The server's copy of one work: an item of a pull, or what a stale push is answered with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemoteWork {
    pub article: i64,
    pub version: i64,
    pub work: StoredWork,
    #[serde(default)]
    pub done: bool,
}

/// How the server's copy of a work is taken in.
#[derive(Clone, Debug, PartialEq)]
pub enum Reconciled {
    /// The browser has it already.
    Unchanged,
    /// The browser had no change of its own: the server's copy replaces its work.
    Take(StoredWork),
    /// Both changed: the merge, still to be sent (it is based on the server's copy now).
    Merged {
        work: StoredWork,
        conflicts: Vec<Conflict>,
    },
}

/// Takes the server's copy of a work into the browser's: `local` is the work as it is here
/// (`changed`: with changes the server has not had), `base` the work last agreed on.
pub fn reconcile(
    mark: &SyncMark,
    changed: bool,
    base: &StoredWork,
    local: &StoredWork,
    remote: &RemoteWork,
) -> Reconciled {
    if remote.version <= mark.version {
        return Reconciled::Unchanged;
    }
    if !changed {
        return Reconciled::Take(remote.work.clone());
    }
    let merged = merge(base, local, &remote.work);
    Reconciled::Merged {
        work: merged.work,
        conflicts: merged.conflicts,
    }
}

/// The mark after the server's copy at `remote_version` was taken in: the local entry is now
/// at `local_version`, and it has changes still to send when the copy was merged.
pub fn mark_after(
    mark: &SyncMark,
    remote_version: i64,
    local_version: u64,
    merged: bool,
) -> SyncMark {
    SyncMark {
        article: mark.article,
        done: mark.done,
        version: remote_version,
        pushed: if merged { mark.pushed } else { local_version },
        unsent: merged && mark.unsent,
    }
}

/// What a pull of the server's works gives: the works changed after the cursor, and the
/// cursor to ask from next (`more`: ask again at once).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Pulled {
    pub cursor: i64,
    #[serde(default)]
    pub more: bool,
    pub works: Vec<RemoteWork>,
}

/// What the server says of a push.
#[derive(Clone, Debug, PartialEq)]
pub enum PushAnswer {
    /// Stored as this version.
    Stored(i64),
    /// The push was stale: the server's copy.
    Stale(RemoteWork),
}

/// What taking the server's copy into a stored article writes: the entry (one version on)
/// and work, when they change, and always the new mark and base.
#[derive(Clone, Debug, PartialEq)]
pub struct Taken {
    pub entry: Option<Entry>,
    pub work: Option<StoredWork>,
    pub mark: SyncMark,
    pub base: StoredWork,
    pub conflicts: Vec<Conflict>,
}

/// Takes the server's copy into an article as stored (`entry`, `local`) with its sync
/// record (`mark`, `base`); `None` when the browser has it already.
pub fn take(
    entry: &Entry,
    local: &StoredWork,
    mark: &SyncMark,
    base: &StoredWork,
    remote: &RemoteWork,
) -> Option<Taken> {
    let changed = mark.waiting(entry.version);
    let (work, conflicts, merged) = match reconcile(mark, changed, base, local, remote) {
        Reconciled::Unchanged => return None,
        Reconciled::Take(work) => (work, Vec::new(), false),
        Reconciled::Merged { work, conflicts } => (work, conflicts, true),
    };
    let mut entry = entry.clone();
    entry.version += 1;
    entry.count_work(&work);
    if remote.done && !merged {
        entry.status = Status::Done;
    }
    let mark = SyncMark {
        done: remote.done,
        ..mark_after(mark, remote.version, entry.version, merged)
    };
    Some(Taken {
        mark,
        entry: Some(entry),
        work: Some(work),
        base: remote.work.clone(),
        conflicts,
    })
}

/// Who is logged in to the team server, and their projects (`GET /api/me`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Account {
    pub user: User,
    /// The session's token that every change sends (`X-CSRF-Token`).
    pub csrf: String,
    #[serde(default)]
    pub projects: Vec<TeamProject>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    #[serde(default)]
    pub creates_projects: bool,
}

/// A project the account is a member of, with its roles there.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TeamProject {
    pub id: i64,
    pub name: String,
    pub roles: Vec<String>,
}

/// What an annotator's copy of a team project starts from (`GET /api/projects/{id}/copy`):
/// the schema, their assigned articles with their own work, and the change cursor after it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TeamCopy {
    pub name: String,
    pub labels: Vec<crate::model::formats::native::LabelRecord>,
    pub links: Vec<crate::model::formats::native::LinkRuleRecord>,
    pub cursor: i64,
    pub articles: Vec<CopiedArticle>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CopiedArticle {
    pub id: i64,
    pub doc_id: String,
    pub title: String,
    #[serde(default)]
    pub source: Option<String>,
    pub text: String,
    pub version: i64,
    pub done: bool,
    pub work: Option<StoredWork>,
}

/// What a curator's gold copy of a team project is made from
/// (`GET /api/projects/{id}/curation`): each annotator's works marked done, as native JSONL
/// (compared and pre-merged in the worker as files are), and the gold stored so far.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Curation {
    pub name: String,
    pub annotators: Vec<AnnotatorWorks>,
    pub articles: Vec<GoldArticle>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AnnotatorWorks {
    pub name: String,
    pub jsonl: String,
}

/// An article of a team project, and its gold on the server (version 0: none yet).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GoldArticle {
    pub id: i64,
    pub doc_id: String,
    pub version: i64,
    #[serde(default)]
    pub work: Option<StoredWork>,
}

impl GoldArticle {
    /// The mark a gold article made here starts with: on the server's gold if there is one
    /// (whose work the article then takes), else to be sent as made.
    pub fn mark(&self) -> SyncMark {
        SyncMark {
            article: self.id,
            done: false,
            version: self.version,
            pushed: 0,
            unsent: self.work.is_none(),
        }
    }
}

/// A team project as its coordinator follows it (`GET /api/projects/{id}/dashboard`): the
/// overlap, and progress per annotator and per article.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Dashboard {
    pub overlap: i32,
    pub annotators: Vec<AnnotatorProgress>,
    pub articles: Vec<ArticleProgress>,
    /// The agreement over the works marked done, as the app shows a comparison.
    #[serde(default)]
    pub agreement_view: Option<crate::agreement::Agreement>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AnnotatorProgress {
    pub id: i64,
    pub username: String,
    pub assigned: usize,
    pub started: usize,
    pub done: usize,
    pub spans: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ArticleProgress {
    pub id: i64,
    pub title: String,
    /// Who it is assigned to, who has started and who is done (usernames).
    pub assigned: Vec<String>,
    pub done: Vec<String>,
    pub gold: bool,
    pub status: String,
}

impl Dashboard {
    /// The assignment matrix (article, annotator) with one pair turned on or off.
    pub fn toggled(&self, article: i64, annotator: i64) -> Vec<(i64, i64)> {
        let mut pairs: Vec<(i64, i64)> = (self.articles.iter())
            .flat_map(|row| {
                (self.annotators.iter())
                    .filter(|person| row.assigned.contains(&person.username))
                    .map(|person| (row.id, person.id))
            })
            .collect();
        match pairs.iter().position(|pair| *pair == (article, annotator)) {
            Some(at) => {
                pairs.remove(at);
            }
            None => pairs.push((article, annotator)),
        }
        pairs
    }

    /// Shows these (article, annotator) pairs as the matrix.
    pub fn assign(&mut self, pairs: &[(i64, i64)]) {
        for row in &mut self.articles {
            row.assigned = (self.annotators.iter())
                .filter(|person| pairs.contains(&(row.id, person.id)))
                .map(|person| person.username.clone())
                .collect();
        }
    }
}

/// A team project its coordinator manages in the Team dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct Managing {
    pub project: i64,
    pub dashboard: Option<std::rc::Rc<Dashboard>>,
    /// The last invitation made: its role and link.
    pub link: Option<(String, String)>,
}

/// What an invitation is for (`GET /api/invitations/{token}`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Invitation {
    pub project: i64,
    pub project_name: String,
    pub role: String,
}

/// Whether the team server answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reach {
    /// Not asked yet.
    #[default]
    Unknown,
    /// No team server here: the app runs on its own (`trunk serve`).
    NoServer,
    Online,
    /// The last call could not reach it: it is asked again a moment later.
    Offline,
}

/// Why a call has no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The server cannot be reached (the network, or the server, is down).
    Offline,
    /// Nobody is logged in (or the session ended).
    SignedOut,
    /// No team server answers here: the app runs on its own.
    NoServer,
    /// The server refused (its message).
    Refused(String),
}

impl CallError {
    pub fn describe(&self) -> String {
        match self {
            CallError::Offline => "the team server cannot be reached".into(),
            CallError::SignedOut => "you are not logged in to the team server".into(),
            CallError::NoServer => "no team server answers here".into(),
            CallError::Refused(message) => message.clone(),
        }
    }
}
