//! Runs the storage effects against any [`Storage`]: IndexedDB in the app, memory in the
//! native tests. Each result goes back as a message; long jobs report progress between
//! runs. The browser's own effects (downloads, focus, timers) are run by the root.

use super::state::Progress;
use super::update::{Msg, Opening, Store, ADD_CHUNK};
use crate::model::project::WorkWriter;
use crate::storage::{AddTo, ArticleWrite, Storage, StoreError};

/// How many spans a save writes before it gives the page back (a few milliseconds).
const SPANS_PER_RUN: usize = 500;

/// What the storage runner needs of its shell.
pub struct Shell<'a> {
    /// Sends a message to `update` (progress while a job runs).
    pub send: &'a dyn Fn(Msg),
    /// The work an older version kept in local storage, if any (read, not taken).
    pub old_work: &'a dyn Fn() -> Option<String>,
}

/// How many articles a whole-project read (an export, a backup) takes per batch: each
/// batch is one message (restored and written as JSONL), with the page given back between.
pub const PROJECT_BATCH: usize = 100;

/// Runs a storage effect and gives its result as a message (none for fire-and-forget
/// ones).
pub async fn perform<S: Storage>(storage: &S, effect: Store, shell: &Shell<'_>) -> Option<Msg> {
    Some(match effect {
        Store::Start => match opening(storage).await {
            Ok(Some(opening)) => Msg::Started(Ok(opening)),
            Ok(None) => Msg::FirstStart((shell.old_work)()),
            Err(error) => Msg::Started(Err(error)),
        },
        Store::Restart => match opening(storage).await {
            Ok(Some(opening)) => Msg::ProjectsListed(Ok(opening)),
            Ok(None) => Msg::FirstStart(None),
            Err(error) => Msg::ProjectsListed(Err(error)),
        },
        Store::OpenProject { request, project } => {
            let result = storage.listing(&project.id).await;
            Msg::ProjectOpened {
                request,
                project,
                result,
            }
        }
        Store::LoadArticle {
            request,
            index,
            key,
            place,
        } => Msg::ArticleLoaded {
            request,
            index,
            place,
            result: storage.article(&key).await,
        },
        Store::Write(write) => {
            let held = &write.held;
            let work = match write.work_changed {
                true => {
                    // Written a run of spans at a time: a key pressed meanwhile is handled.
                    let mut writer = WorkWriter::new(&held.document.text, &held.annotations);
                    while !writer.write(SPANS_PER_RUN) {
                        storage.breathe().await;
                    }
                    Some(writer.finish())
                }
                false => None,
            };
            let history = work.as_ref().map(|_| held.history.to_json());
            let mut entry = held.entry.clone();
            entry.version = write.version;
            let result = storage
                .save(&ArticleWrite {
                    entry,
                    work,
                    history,
                    expected: write.expected,
                })
                .await;
            Msg::Written(write, result)
        }
        Store::WriteProject { project, change } => {
            Msg::ProjectWritten(storage.change_project(&project, &change).await.map(|_| ()))
        }
        Store::Add {
            to,
            labels,
            articles,
            message,
        } => {
            let total = articles.len();
            let mut to = to;
            let mut stored = None;
            let mut entries = Vec::with_capacity(total);
            for (at, chunk) in articles.chunks(ADD_CHUNK).enumerate() {
                if total > ADD_CHUNK {
                    (shell.send)(Msg::Progress(Progress {
                        title: "Adding articles".to_owned(),
                        done: at * ADD_CHUNK,
                        total,
                        cancel: false,
                    }));
                    storage.breathe().await;
                }
                match storage.add(&to, &labels, chunk).await {
                    Ok((project, added)) => {
                        to = AddTo::Existing(project.id.clone());
                        entries.extend(added);
                        stored = Some(project);
                    }
                    Err(error) => {
                        let result = match stored {
                            // Some chunks are stored: they are shown (and the notice says why
                            // the rest is not).
                            Some(project) if !entries.is_empty() => Ok((project, entries)),
                            _ => Err(error.clone()),
                        };
                        let message = Some(format!(
                            "Only {} of {total} articles were added: {error}.",
                            at * ADD_CHUNK
                        ));
                        return Some(Msg::ArticlesAdded {
                            result,
                            message: if at == 0 { None } else { message },
                        });
                    }
                }
            }
            let result = stored
                .map(|project| (project, entries))
                .ok_or_else(|| StoreError::Other("there was nothing to add".to_owned()));
            Msg::ArticlesAdded { result, message }
        }
        Store::DeleteProject(id) => Msg::ProjectDeleted(storage.delete_project(&id).await),
        Store::ReadProject {
            request,
            project,
            purpose,
        } => {
            // A batch at a time, each its own message, with the page given back between.
            let mut after: Option<String> = None;
            let result = loop {
                let batch = match storage
                    .project_articles(&project, after.as_deref(), PROJECT_BATCH)
                    .await
                {
                    Ok(batch) => batch,
                    Err(problem) => break Err(problem),
                };
                let last = batch.len() < PROJECT_BATCH;
                after = batch.last().map(|article| match article {
                    Ok(article) => article.entry.key.clone(),
                    Err(damaged) => damaged.key.clone(),
                });
                (shell.send)(Msg::ProjectPart {
                    request,
                    articles: batch,
                });
                if last {
                    break Ok(());
                }
                storage.breathe().await;
            };
            Msg::ProjectRead {
                request,
                purpose,
                result,
            }
        }
        Store::ReadRaw(key) => {
            let result = storage.raw(&key).await;
            Msg::RawRead(key, result)
        }
        Store::SetPlace(place) => {
            // Best effort: where the user was is not work.
            let _ = storage.set_place(&place).await;
            return None;
        }
    })
}

/// The projects, the one to open and its articles; `None` when storage holds no project.
async fn opening<S: Storage>(storage: &S) -> Result<Option<Opening>, StoreError> {
    let (projects, damaged_projects) = storage.projects().await?;
    let Some(first) = projects.first() else {
        return Ok(None);
    };
    let place = storage.place().await.unwrap_or(None);
    let project = place
        .as_ref()
        .and_then(|place| projects.iter().find(|project| project.id == place.project))
        .unwrap_or(first)
        .clone();
    let listing = storage.listing(&project.id).await?;
    Ok(Some(Opening {
        projects,
        damaged_projects,
        project,
        listing,
        place,
    }))
}
