//! Whole-project exports and backups: every article, the held work included.

use super::*;

pub(super) fn read_project(state: &mut AppState, purpose: ProjectUse, fx: &mut Vec<Effect>) {
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
        state.reading = Some(request);
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
        cancel: false,
    });
    let request = state.request();
    state.reading = Some(request);
    fx.push(Effect::Store(Store::ReadProject {
        request,
        project: library.project.id.clone(),
        purpose,
    }));
}

pub(super) fn open_work(state: &AppState) -> Imported {
    Imported {
        document: (*state.session.document).clone(),
        schema: (*state.session.schema).clone(),
        annotations: (*state.session.annotations).clone(),
    }
}

pub(super) fn project_read(
    state: &mut AppState,
    request: u64,
    purpose: ProjectUse,
    result: Result<Vec<Result<StoredArticle, Damaged>>, StoreError>,
    today: &str,
    fx: &mut Vec<Effect>,
) {
    if state.reading != Some(request) {
        return;
    }
    state.reading = None;
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

pub(super) fn project_works_ready(
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
            let export = export_works(format, &views, Some(project_name), left_out);
            start(state, export, fx);
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

/// Exports works: Native JSON here, every other format in the worker. `project` names the
/// project when the works are its articles; `left_out` is added to the notice.
pub(super) fn export_works(
    format: Format,
    works: &[Work],
    project: Option<String>,
    left_out: String,
) -> Effect {
    // The native formats are the app's own: written here, with no trip to the worker.
    let native = match (format, works) {
        (Format::Native, [work]) => Some(native_file(*work)),
        (Format::NativeJsonl, _) => Some(ExportFile::new(
            format,
            works,
            native::export_jsonl(works).into_bytes(),
        )),
        _ => None,
    };
    if let Some(mut file) = native {
        if let Some(project) = &project {
            file.name = project_file_name(project, &file.name);
        }
        let done = exported(&file.name, works.len(), &left_out);
        return download(file, done);
    }
    Effect::Ask {
        job: Job::Export {
            format,
            works: native::export_jsonl(works),
        },
        bytes: Vec::new(),
        asked: Asked::Export {
            format,
            project,
            articles: works.len(),
            left_out,
        },
    }
}

/// What the notice says once an export of `articles` articles downloads as `name`.
pub(super) fn exported(name: &str, articles: usize, left_out: &str) -> Notice {
    Notice::info(match articles {
        1 => format!("Exported {name}.{left_out}"),
        count => format!("Exported {count} articles as {name}.{left_out}"),
    })
}

/// "dataset.doccano.jsonl" for an export named "first-article.doccano.jsonl".
pub(super) fn project_file_name(project: &str, article_file: &str) -> String {
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
