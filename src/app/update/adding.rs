//! Articles coming in: files, pastes, web pages, imports and new projects. New articles'
//! keys are taken by storage, inside the transaction that stores them.

use super::*;

pub(super) fn articles_read(
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

pub(super) fn open_page(
    state: &mut AppState,
    choice: PageChoice,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
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
pub(super) fn add_documents(
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
            curation: None,
            sync: None,
        })
        .collect();
    add_articles(state, works, Vec::new(), None, message, fx);
}

/// Stores articles in the open project (or a new one) and opens the first of them.
pub(super) fn add_articles(
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
        state.busy = None;
        if articles.len() > 1 {
            error(
                state,
                "This browser keeps no storage for the page, so one article at a time is open \
                 (the first of them); nothing is saved.",
            );
        }
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
            cancel: false,
        });
    }
    let to = match new_project {
        Some(project) => AddTo::New(project),
        None => AddTo::Existing(library.project.id.clone()),
    };
    fx.push(Effect::Store(Store::Add {
        to,
        labels,
        articles,
        message,
    }));
}

pub(super) fn articles_added(
    state: &mut AppState,
    result: Result<(Project, Vec<Entry>), StoreError>,
    message: Option<String>,
    fx: &mut Vec<Effect>,
) {
    // A large add goes on to open its first article under a busy notice.
    let large = state.busy.take().is_some();
    let (project, entries) = match result {
        Ok(added) => added,
        // The very first project could not be stored: the app works in the tab.
        Err(problem) if state.library.is_none() => {
            return start_in_memory(state, problem.to_string());
        }
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
    let known = library.projects.iter().any(|known| known.id == project.id);
    let is_new = first || !known;
    library.set_project(project.clone());
    if known && library.project.id != project.id {
        // Added to a project the user has left meanwhile: it is there when they go back.
        let count = match count {
            1 => "the article".to_owned(),
            count => format!("{count} articles"),
        };
        return info(
            state,
            format!("Added {count} to project “{}”.", project.name),
        );
    }
    let index = if is_new {
        // The new project opens.
        library.project = Rc::new(project.clone());
        let count = entries.len();
        library.entries = Rc::new(entries);
        // A gold project opens at the article asked for.
        (state.gold_open.take())
            .filter(|at| *at < count)
            .unwrap_or(0)
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
        return open_first_readable(state, 0, None, fx);
    }
    let text = message.unwrap_or_else(|| match (count, is_new) {
        (1, false) => "Added the article to the project.".to_owned(),
        (count, false) => format!("Added {count} articles to the project."),
        (count, true) => format!("Created project “{}” with {count} articles.", project.name),
    });
    info(state, text);
    if is_new {
        state.damaged.clear();
        state.article_open = false;
    }
    if large {
        state.busy = Some(Progress::waiting(OPENING.to_owned()));
    }
    open_article(state, index, None, fx);
}

/// The open work as native JSON, for a job that reviews against it.
pub(super) fn open_json(state: &AppState) -> String {
    native::export_jsonl(&[state.session.work()])
}

/// Gives the worker a job; what it is busy with (if the user should wait) is shown, with
/// Cancel, until it answers.
pub(super) fn ask(
    state: &mut AppState,
    job: Job,
    bytes: Vec<Vec<u8>>,
    asked: Asked,
    fx: &mut Vec<Effect>,
) {
    start(state, Effect::Ask { job, bytes, asked }, fx);
}

/// Runs an effect; a worker's job shows what it is busy with.
pub(super) fn start(state: &mut AppState, effect: Effect, fx: &mut Vec<Effect>) {
    if let Effect::Ask { asked, .. } = &effect {
        let busy = match asked {
            Asked::Import(files) => Some(format!("Reading {files}…")),
            Asked::Choose(_) | Asked::Suggest(_) => None,
            Asked::ImportAll(_) => Some("Reading every article…".to_owned()),
            Asked::Export { .. } => Some("Exporting…".to_owned()),
            Asked::Compare(files) => Some(format!("Comparing {files}…")),
            Asked::Gold { .. } => Some("Making the gold project…".to_owned()),
        };
        if let Some(title) = busy {
            state.busy = Some(Progress::cancellable(title));
        }
    }
    fx.push(effect);
}

/// Takes the worker's answer to what it was asked.
pub(super) fn answered(
    state: &mut AppState,
    asked: Asked,
    result: Result<(Answer, Vec<Vec<u8>>), String>,
    fx: &mut Vec<Effect>,
) {
    let (answer, bytes) = match result {
        Ok(answer) => answer,
        // A cancelled job's answer never comes (the worker is terminated and the tasks
        // that wait on it stop): this is said when the user cancels.
        Err(why) if why == CANCELLED => return,
        Err(why) => (Answer::Failed(why), Vec::new()),
    };
    if let Asked::Suggest(article) = asked {
        return super::suggesting::suggested(state, article, answer, fx);
    }
    // Every job but a review of another article runs under the busy dialog.
    if !matches!(asked, Asked::Choose(_)) {
        state.busy = None;
    }
    match (asked, answer) {
        (
            Asked::Import(files),
            Answer::Read {
                format,
                articles,
                review,
            },
        ) => {
            let review = ImportReview {
                files,
                format,
                articles,
                chosen: 0,
                review: reviewed(review, &bytes),
            };
            state.dialog = Dialog::Import(ImportStep::Review(Rc::new(review)));
        }
        (Asked::Import(_), Answer::Failed(why)) => {
            state.dialog = Dialog::Import(ImportStep::Pick {
                error: Some(format!("Not imported: {why}. Your work is unchanged.")),
            });
        }
        (Asked::Choose(chosen), Answer::Review(review)) => {
            if let Dialog::Import(ImportStep::Review(read)) = &state.dialog {
                let read = ImportReview {
                    chosen,
                    review: reviewed(review, &bytes),
                    ..(**read).clone()
                };
                state.dialog = Dialog::Import(ImportStep::Review(Rc::new(read)));
            }
        }
        (
            Asked::Export {
                project,
                articles,
                left_out,
                format,
            },
            Answer::Exported { name },
        ) => {
            let name = match project {
                Some(project) => project_file_name(&project, &name),
                None => name,
            };
            let done = exported(&name, articles, &left_out);
            let bytes = bytes.into_iter().next().unwrap_or_default();
            fx.push(Effect::Download {
                name,
                mime: format.mime(),
                bytes,
                done,
            });
        }
        (Asked::Compare(_), Answer::Agreement(agreement)) => {
            let mut files = bytes.into_iter();
            state.compared = Some((
                files.next().unwrap_or_default(),
                files.next().unwrap_or_default(),
            ));
            state.dialog = Dialog::Compare(CompareStep::Report(Rc::new(agreement)));
        }
        (Asked::Compare(_), Answer::Failed(why)) => {
            state.dialog = Dialog::Compare(CompareStep::Pick {
                error: Some(format!("No report: {why}.")),
            });
        }
        (_, Answer::Failed(why)) => error(state, format!("{why}. Your work is unchanged.")),
        (asked, _) => error(
            state,
            format!(
                "The worker gave an answer that does not fit ({asked:?}). Your work is unchanged."
            ),
        ),
    }
}

pub(super) fn import_accept(state: &mut AppState, _env: &mut dyn Env, fx: &mut Vec<Effect>) {
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
            curation: None,
            sync: None,
        };
        add_articles(state, vec![article], labels, None, Some(message), fx);
    }
}

/// Makes a project of the articles read for it.
pub(super) fn import_project(
    state: &mut AppState,
    read: ProjectRead,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let ProjectRead {
        name,
        schema,
        articles,
        curations,
        open,
        left_out,
        not_placed,
    } = read;
    state.gold_open =
        open.and_then(|id| (articles.iter()).position(|article| article.document.id == id));
    let mut curations = curations.into_iter();
    let articles: Vec<NewArticle> = (articles.into_iter())
        .map(|article| NewArticle {
            document: article.document,
            annotations: article.annotations,
            curation: curations.next().flatten(),
            sync: None,
        })
        .collect();
    let now = env.now();
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
    let gold = articles.iter().any(|article| article.curation.is_some());
    if let Some(plan) = (state.team.adjudicating.take()).filter(|_| gold) {
        return super::team::gold_made(state, &plan, project, articles, fx);
    }
    add_articles(state, articles, Vec::new(), Some(project), None, fx);
}
