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
                     project, or export each article on its own (Export as…).",
                    format.name(),
                    library.entries.len(),
                    Format::NativeJsonl.name()
                ),
            );
        }
    }
    let request = state.request();
    state.reading = Some(Gathering {
        request,
        ..Gathering::default()
    });
    if state.storage != StorageState::Ready {
        // No storage: the open article is all there is.
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
        total: library.entries.len(),
        cancel: false,
    });
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

/// A batch of the project's articles: each is restored (the open one and held work are
/// taken from memory: they are newer) and added to what is gathered.
pub(super) fn project_part(
    state: &mut AppState,
    request: u64,
    articles: Vec<Result<StoredArticle, Damaged>>,
) {
    let Some(mut gathering) = state.reading.take() else {
        return;
    };
    if gathering.request != request {
        state.reading = Some(gathering);
        return;
    }
    if let Some(library) = state.library.clone() {
        let open = library.key().map(str::to_owned);
        for article in articles {
            let article = match article {
                Ok(article) => article,
                Err(broken) => {
                    gathering.damaged.push(broken);
                    continue;
                }
            };
            let key = article.entry.key.clone();
            if state.article_open && open.as_deref() == Some(key.as_str()) {
                gathering.open_seen = true;
                gathering.push(open_work(state));
            } else if let Some(held) = state.queue.held(&key) {
                gathering.push(Imported {
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
                    Ok(imported) => gathering.push(imported),
                    Err(problem) => gathering.damaged.push(Damaged { key, problem }),
                }
            }
        }
    }
    if let Some(busy) = state.busy.as_mut() {
        busy.done = gathering.count + gathering.damaged.len();
    }
    state.reading = Some(gathering);
}

/// The whole-project read ended: what was gathered is exported or backed up.
pub(super) fn project_read(
    state: &mut AppState,
    request: u64,
    purpose: ProjectUse,
    result: Result<(), StoreError>,
    today: &str,
    fx: &mut Vec<Effect>,
) {
    let Some(mut gathering) = state.reading.take() else {
        return;
    };
    if gathering.request != request {
        state.reading = Some(gathering);
        return;
    }
    let Some(library) = state.library.clone() else {
        return;
    };
    match (result, purpose) {
        (Ok(()), _) => {}
        // Without storage, the open article is all there is.
        (Err(_), _) if state.storage != StorageState::Ready => gathering = Gathering::default(),
        (Err(problem), ProjectUse::Export(_)) => {
            state.busy = None;
            return error(state, format!("Not exported: {problem}."));
        }
        // Storage cannot be read: the backup has what this tab holds.
        (Err(_), ProjectUse::Backup) => gathering = Gathering::default(),
    }
    if state.article_open && library.key().is_some() && !gathering.open_seen {
        // The open article was not among what storage gave: it is still included.
        gathering.push(open_work(state));
    }
    project_works_ready(state, purpose, gathering, today, fx);
}

pub(super) fn project_works_ready(
    state: &mut AppState,
    purpose: ProjectUse,
    gathered: Gathering,
    today: &str,
    fx: &mut Vec<Effect>,
) {
    state.busy = None;
    if matches!(state.dialog, Dialog::Project) && matches!(purpose, ProjectUse::Export(_)) {
        state.dialog = Dialog::Closed;
    }
    let left_out = match gathered.damaged.len() {
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
            let first = gathered.first.as_ref().map(Imported::work);
            let lines = Lines {
                first,
                count: gathered.count,
                jsonl: gathered.lines,
            };
            let export = export_lines(
                format,
                lines,
                Some(project_name),
                left_out,
                &state.publisher,
            );
            start(state, export, fx);
        }
        ProjectUse::Backup => {
            let name = format!("article-annotator-backup-{today}.jsonl");
            let done = Notice::info(format!(
                "Downloaded a backup of {} articles ({name}). Import… reads it back as a \
                 project.{left_out}",
                gathered.count
            ));
            fx.push(Effect::Download {
                name,
                mime: "application/jsonl",
                bytes: gathered.lines.into_bytes(),
                done,
            });
        }
    }
}

/// Works to export, as native JSONL, with the first of them.
pub(super) struct Lines<'a> {
    first: Option<Work<'a>>,
    count: usize,
    jsonl: String,
}

/// Exports works: Native JSON here, every other format in the worker. `project` names the
/// project when the works are its articles; `left_out` is added to the notice.
pub(super) fn export_works(
    format: Format,
    works: &[Work],
    project: Option<String>,
    left_out: String,
    publisher: &str,
) -> Effect {
    let lines = Lines {
        first: works.first().copied(),
        count: works.len(),
        // One article as Native JSON needs no JSONL.
        jsonl: match (format, works) {
            (Format::Native, [_]) => String::new(),
            _ => native::export_jsonl(works),
        },
    };
    export_lines(format, lines, project, left_out, publisher)
}

/// Exports works given as native JSONL: the native formats here, with no trip to the
/// worker; every other format in the worker.
fn export_lines(
    format: Format,
    lines: Lines,
    project: Option<String>,
    left_out: String,
    publisher: &str,
) -> Effect {
    let Lines {
        first,
        count,
        jsonl,
    } = lines;
    let mut file = match (format, first) {
        (Format::Native, Some(work)) if count == 1 => native_file(work),
        (Format::NativeJsonl, first) => {
            ExportFile::new(format, first.as_slice(), jsonl.into_bytes())
        }
        _ => {
            return Effect::Ask {
                job: Job::Export {
                    format,
                    publisher: publisher.to_owned(),
                },
                bytes: vec![jsonl.into_bytes()],
                asked: Asked::Export {
                    format,
                    project,
                    articles: count,
                    left_out,
                },
            }
        }
    };
    if let Some(project) = &project {
        file.name = project_file_name(project, &file.name);
    }
    let done = exported(&file.name, count, &left_out);
    download(file, done)
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
