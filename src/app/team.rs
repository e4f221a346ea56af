//! Runs the team server's calls (`update::Call`): the requests through `web::server`, and
//! the sync's storage steps against any [`Storage`]. Each result goes back as a message.

use super::update::{Call, Downloaded, Msg, TeamMsg};
use crate::model::document::Document;
use crate::model::project::{self, Entry, Project, Status};
use crate::model::text::ArticleText;
use crate::storage::{AddTo, NewArticle, Storage};
use crate::team::{CallError, CopiedArticle, PushAnswer, SyncMark, TeamProject};
use crate::web::server;
use std::collections::BTreeMap;

pub async fn perform<S: Storage>(storage: &S, call: Call) -> Option<Msg> {
    let msg = match call {
        Call::Me => TeamMsg::Me(server::me().await),
        Call::LogIn { username, password } => {
            TeamMsg::LoggedIn(server::login(&username, &password).await)
        }
        Call::LogOut { csrf } => {
            let _ = server::logout(&csrf).await;
            TeamMsg::LoggedOut
        }
        Call::Invitation(token) => TeamMsg::Invitation(server::invitation(&token).await),
        Call::Accept {
            token,
            csrf,
            username,
            password,
        } => TeamMsg::LoggedIn(server::accept(&token, csrf.as_deref(), &username, &password).await),
        Call::Download { team, project } => TeamMsg::Downloaded(
            download(storage, team, project)
                .await
                .map_err(|error| error.describe()),
        ),
        Call::Push {
            key,
            mark,
            project,
            user,
            gold,
            csrf,
        } => {
            let to = server::Target {
                project,
                user,
                gold,
                csrf: &csrf,
            };
            push(storage, key, mark, to).await
        }
        Call::Assigned {
            team,
            project,
            known,
        } => TeamMsg::Assigned(newly_assigned(storage, team, project, known).await),
        Call::Next { project, csrf } => {
            TeamMsg::Nexted(project, server::next(project, &csrf).await)
        }
        Call::Curation(project) => TeamMsg::CurationRead(project, server::curation(project).await),
        Call::AddGold { project, articles } => TeamMsg::Downloaded(
            store_copy(storage, AddTo::New(project), &articles, 0)
                .await
                .map_err(|error| error.describe()),
        ),
        Call::Pull { project, since } => {
            TeamMsg::Pulled(project, server::pull(project, since).await)
        }
        Call::Base { key, remote } => {
            let base = storage.base(&key).await;
            TeamMsg::Based { key, remote, base }
        }
        Call::Take { key, remote } => {
            let result = storage
                .take_remote(&key, &remote)
                .await
                .map(|taken| taken.map(Box::new));
            TeamMsg::Taken { key, result }
        }
        Call::Synced { key, mark, base } => {
            // A mark not stored is found again: the next push is stale and merges.
            let _ = storage.synced(&key, &mark, &base).await;
            return None;
        }
        Call::Dashboard(project) => TeamMsg::Dashboard(project, server::dashboard(project).await),
        Call::Invite {
            project,
            role,
            csrf,
        } => TeamMsg::Invited(
            server::invite(project, &role, &csrf)
                .await
                .map(|link| (role, link)),
        ),
        Call::Fill { project, csrf } => TeamMsg::Filled(server::fill(project, &csrf).await),
        Call::Assign {
            project,
            pairs,
            csrf,
        } => TeamMsg::Filled(server::assign(project, &pairs, &csrf).await),
        Call::Create {
            name,
            overlap,
            dataset,
            csrf,
        } => {
            TeamMsg::Created(server::create(&name, overlap, (&dataset.0, &dataset.1), &csrf).await)
        }
    };
    Some(Msg::Team(msg))
}

fn refused(error: impl std::fmt::Display) -> CallError {
    CallError::Refused(error.to_string())
}

/// Downloads the account's articles of a team project with their work, as a new local
/// project (stored in one transaction, each article with its mark and base); with the
/// change cursor to pull from after them.
async fn download<S: Storage>(
    storage: &S,
    team: TeamProject,
    mut project: Project,
) -> Result<Downloaded, CallError> {
    let copy = server::copy(team.id).await?;
    project.labels = copy.labels;
    project.links = copy.links;
    if copy.articles.is_empty() {
        return Err(refused(format!(
            "nothing of “{}” is assigned to you yet: ask its coordinator, or press Next to \
             annotate",
            team.name
        )));
    }
    let articles = (copy.articles.into_iter())
        .map(|article| copied(&project, article))
        .collect::<Result<Vec<_>, _>>()?;
    store_copy(storage, AddTo::New(project), &articles, copy.cursor).await
}

/// An article of the server's copy as a new article of the local copy, marked.
fn copied(project: &Project, article: CopiedArticle) -> Result<NewArticle, CallError> {
    let document = Document {
        id: article.doc_id,
        title: article.title,
        source: article.source,
        text: ArticleText::new(&article.text),
        extra: Default::default(),
        layout: Default::default(),
        annotator: None,
    };
    let entry = Entry::new(&project.id, 0, &document);
    let work = article.work.unwrap_or_default();
    let imported = project::restore(project, &entry, &article.text, work).map_err(refused)?;
    Ok(NewArticle {
        document,
        annotations: imported.annotations,
        curation: None,
        sync: Some(SyncMark {
            article: article.id,
            done: article.done,
            version: article.version,
            pushed: 0,
            unsent: false,
        }),
    })
}

/// The articles assigned to the account since its copy (`project`, the open project) was
/// made, added to it; `None` when there are none. Asking which articles are assigned is
/// light; the copy, with the texts, is asked only when some are new.
async fn newly_assigned<S: Storage>(
    storage: &S,
    team: i64,
    project: Project,
    known: Vec<i64>,
) -> Result<Option<Downloaded>, CallError> {
    // Searched in a plain list: an annotator's articles are hundreds, and a set would link
    // a sort or a hash table of its own into the start-up download.
    let known = |id: &i64| known.contains(id);
    let ids = server::article_ids(team).await?;
    if ids.iter().all(known) {
        return Ok(None);
    }
    let copy = server::copy(team).await?;
    let articles = (copy.articles.into_iter())
        .filter(|article| !known(&article.id))
        .map(|article| copied(&project, article))
        .collect::<Result<Vec<_>, _>>()?;
    if articles.is_empty() {
        return Ok(None);
    }
    let to = AddTo::Existing(project.id.clone());
    store_copy(storage, to, &articles, 0).await.map(Some)
}

/// Stores a team project's copy (a new local project, or articles added to one), in one
/// transaction, each article with its mark and base; its pulls start from `cursor`.
async fn store_copy<S: Storage>(
    storage: &S,
    to: AddTo,
    articles: &[NewArticle],
    cursor: i64,
) -> Result<Downloaded, CallError> {
    let (project, entries) = storage.add(&to, &[], articles).await.map_err(refused)?;
    let mut marks = BTreeMap::new();
    for (entry, article) in entries.iter().zip(articles) {
        if let Some(mark) = article.sync {
            let pushed = entry.version;
            marks.insert(entry.key.clone(), SyncMark { pushed, ..mark });
        }
    }
    Ok(Downloaded {
        project,
        entries,
        marks,
        cursor,
    })
}

/// Sends an article's work as stored, based on the server's version in its mark; stored,
/// the new mark and base are kept. Nothing is sent when the work is what the server has.
async fn push<S: Storage>(
    storage: &S,
    key: String,
    mark: SyncMark,
    to: server::Target<'_>,
) -> TeamMsg {
    let result = async {
        let stored = storage.article(&key).await.map_err(refused)?;
        let work = stored.work().map_err(refused)?;
        let done = stored.entry.status == Status::Done;
        let base = storage.base(&key).await.map_err(refused)?;
        let version = if work == base && done == mark.done && !mark.unsent {
            mark.version
        } else {
            let json = serde_json::to_string(&work).map_err(refused)?;
            match server::push(to, mark.article, mark.version, &json, done).await? {
                PushAnswer::Stored(version) => version,
                PushAnswer::Stale(remote) => return Ok(Err(remote)),
            }
        };
        let mark = SyncMark {
            version,
            done,
            pushed: stored.entry.version,
            unsent: false,
            ..mark
        };
        storage.synced(&key, &mark, &work).await.map_err(refused)?;
        Ok(Ok(mark))
    };
    match result.await {
        Ok(Ok(mark)) => TeamMsg::Pushed {
            key,
            result: Ok(mark),
        },
        Ok(Err(remote)) => TeamMsg::Stale { key, remote },
        Err(error) => TeamMsg::Pushed {
            key,
            result: Err(error),
        },
    }
}
