//! Editing the open article: commands, tagging, links, the schema; every accepted edit is
//! held in the save queue at once, and the writes are started here.

use super::*;
use crate::model::curation::Choice;

/// Applies an action to the session; accepted work goes to the save queue at once.
pub(super) fn edit(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Change {
    if !state.article_open {
        error(
            state,
            format!(
                "No article is open: open one in the project view{}.",
                key_of(state, Shortcut::Projects)
            ),
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

pub(super) fn run(state: &mut AppState, command: Command, env: &mut dyn Env, fx: &mut Vec<Effect>) {
    let session = &state.session;
    match command {
        Command::NextSuggestion => super::suggesting::step(state, true, fx),
        Command::PreviousSuggestion => super::suggesting::step(state, false, fx),
        Command::Accept { all } => super::suggesting::accept(state, all, None, env, fx),
        Command::Reject { all } => super::suggesting::reject(state, all, None, fx),
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
            } else if state.list_open {
                state.list_open = false;
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
        Command::EditNote => {
            let key = key_of(state, Shortcut::Note);
            let otherwise = format!("Select a span first, then write its note{key}.");
            focus(state, NOTE_FIELD_ID, &otherwise, fx)
        }
        Command::AddPiece | Command::RemovePiece => {
            let add = command == Command::AddPiece;
            piece(state, add, Selected::Nothing, env, fx)
        }
        Command::AddEvidence => {
            let key = key_of(state, Shortcut::Evidence);
            let otherwise = format!("Select a claim first, then add its evidence{key}.");
            focus(state, EVIDENCE_FIELD_ID, &otherwise, fx)
        }
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
        Command::FilterSpans => {
            state.list_open = true;
            fx.push(Effect::Focus {
                id: FILTER_FIELD_ID,
                otherwise: Notice::info("There is no span list to filter."),
            })
        }
        Command::EditSchema => state.dialog = Dialog::Schema(Vec::new()),
        Command::ToggleSnapping => toggle(state, Preference::Snapping, fx),
        Command::ToggleChips => toggle(state, Preference::Chips, fx),
        Command::Help => state.dialog = Dialog::Help,
        Command::KeySettings => state.dialog = Dialog::Keys(None),
        Command::YourName => state.dialog = Dialog::Name,
        Command::Team => state.dialog = Dialog::Team,
        Command::NextDisagreement => step(state, true, fx),
        Command::PreviousDisagreement => step(state, false, fx),
        Command::Take(who) => {
            let choice = who.map_or(Choice::Nothing, Choice::Take);
            take(state, choice, env, fx);
        }
        Command::MarkDecided => take(state, Choice::AsIs, env, fx),
        Command::TagEvery { match_case } => tag_every(state, match_case, false, env, fx),
        Command::Projects => {
            // The open article's counts, which saving does not refresh in the list.
            if let (Some(library), true) = (state.library.as_mut(), state.article_open) {
                let (current, project) = (library.current, library.project.clone());
                if let Some(entry) = Rc::make_mut(&mut library.entries).get_mut(current) {
                    entry.count(&project, &state.session.annotations);
                }
            }
            state.dialog = Dialog::Project;
            // Exports and new projects from files are the worker's: start it meanwhile.
            fx.push(Effect::WarmWorker);
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
            let file = native_file(session.work());
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
            fx.push(Effect::WarmWorker);
        }
        Command::Import => {
            state.dialog = Dialog::Import(ImportStep::Pick { error: None });
            // The files are read in the worker: it starts while they are picked.
            fx.push(Effect::WarmWorker);
        }
        Command::CopyJson => fx.push(Effect::Copy(session.export_json())),
        Command::CompareAnnotators => {
            state.dialog = Dialog::Compare(CompareStep::Pick { error: None });
            fx.push(Effect::WarmWorker);
        }
    }
}

pub(super) fn focus(state: &mut AppState, id: &'static str, otherwise: &str, fx: &mut Vec<Effect>) {
    if state.session.selected.is_none() {
        return info(state, otherwise);
    }
    fx.push(Effect::Focus {
        id,
        otherwise: Notice::info(otherwise),
    });
}

/// Tags the selection, or re-labels the selected span.
pub(super) fn label(
    state: &mut AppState,
    name: String,
    exact: bool,
    selected: Selected,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    match selected {
        Selected::Range(range) => {
            let (id, exact, now) = (
                SpanId::new(&env.new_id()),
                exact || !state.snapping,
                env.now(),
            );
            // With a frame span selected (an attribution's Content), its cue and source are
            // tagged into it: made and linked in one step, the frame staying selected.
            let session = &state.session;
            let frame = (session.selected_span())
                .filter(|span| {
                    session
                        .schema
                        .get(&span.label)
                        .is_some_and(|label| label.frame)
                })
                .filter(|span| session.schema.link_rule(&span.label, &name).is_some())
                .map(|span| span.id.clone());
            let action = match frame {
                Some(frame) => Action::TagInFrame {
                    id,
                    label: name,
                    range,
                    exact,
                    now,
                    frame,
                    link: env.new_id(),
                },
                None => Action::Tag {
                    id,
                    label: name,
                    range,
                    exact,
                    now,
                },
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
                edit(
                    state,
                    Action::Relabel {
                        id,
                        label: name,
                        now,
                    },
                    fx,
                );
            }
            None => {
                state.notice = Some(Notice::hint(
                    "Select some words in the article first (or put a caret in it: F7), then choose a label.",
                    Ends::NextEdit,
                ));
            }
        },
    }
}

/// Adds the text selection to the selected span as another piece (`add`), or takes out
/// the piece the selection is in (else the last).
pub(super) fn piece(
    state: &mut AppState,
    add: bool,
    selected: Selected,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let Some(span) = state.session.selected_span() else {
        let key = key_of(state, Shortcut::AddPiece);
        return info(
            state,
            format!("Select a span first; then select more words and add them as a piece{key} (or Ctrl+drag)."),
        );
    };
    let (id, now) = (span.id.clone(), env.now());
    let action = match (add, selected) {
        (_, Selected::Outside) => {
            return info(state, "Only text in the article can be a piece of a span.");
        }
        (true, Selected::Nothing) => {
            return info(
                state,
                "Select the words to add to the span (hold Ctrl while dragging, or select them and press the key again).",
            );
        }
        (true, Selected::Range(range)) => Action::AddPiece {
            id,
            range,
            exact: !state.snapping,
            now,
        },
        (false, selected) => {
            let selected = |piece: &CharRange| matches!(selected, Selected::Range(range) if piece.start < range.end && range.start < piece.end);
            let pieces = &span.pieces;
            let at = (pieces.iter().position(selected)).unwrap_or(pieces.len().saturating_sub(1));
            Action::RemovePiece { id, at, now }
        }
    };
    if edit(state, action, fx) == Change::Work && add {
        fx.push(Effect::ClearSelection);
    }
}

pub(super) fn pick(state: &mut AppState, id: SpanId, fx: &mut Vec<Effect>) {
    if let Some(span) = state.session.annotations.get(&id) {
        fx.push(Effect::ScrollTo(span.range.start));
    }
    state.session.apply(Action::Select(Some(id)));
    // On a narrow screen the drawer goes, so the span is seen.
    state.list_open = false;
}

pub(super) fn start_linking(state: &mut AppState) {
    let Some(span) = state.session.selected_span() else {
        return info(
            state,
            format!(
                "Select a quote or claim first, then link it to its source{}.",
                key_of(state, Shortcut::Link)
            ),
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
    state.notice = Some(Notice::hint(
        "Linking: click the source in the article or pick it in the panel. Esc cancels.",
        Ends::LinkMode,
    ));
}

/// " (N)": a shortcut's key as a message mentions it, or nothing when it has none.
pub(super) fn key_of(state: &AppState, shortcut: Shortcut) -> String {
    (state.keymap.hint(shortcut)).map_or(String::new(), |key| format!(" ({key})"))
}

/// Turns a preference on or off, keeps it in the browser, and says what it now does.
fn toggle(state: &mut AppState, preference: Preference, fx: &mut Vec<Effect>) {
    let chips = key_of(state, Shortcut::Chips);
    let (flag, on, off) = match preference {
        Preference::Snapping => (
            &mut state.snapping,
            "Word snapping on: selections extend to whole words; edge punctuation is trimmed."
                .to_owned(),
            "Word snapping off: spans keep exactly the characters you select.".to_owned(),
        ),
        Preference::Chips => (
            &mut state.chips,
            format!("Label chips shown: each span's label is written where it begins; Label chips{chips} hides them."),
            format!("Label chips hidden: labels show by colour and underline style; Label chips{chips} shows them."),
        ),
    };
    *flag = !*flag;
    let now = *flag;
    fx.push(Effect::SavePreference(preference, now));
    info(state, if now { on } else { off });
}

/// Applies a change of the keyboard settings, keeps them in the browser and says in the
/// dialog what the keys now do; or says why the change is refused (the keys stay as they
/// were).
pub(super) fn change_keys(state: &mut AppState, change: KeysChange, fx: &mut Vec<Effect>) {
    let mut keys = (*state.keymap).clone();
    let text = match change {
        KeysChange::Set(shortcut, key) => {
            if let Err(Refused(why)) = keys.set(shortcut, key, &state.session.schema) {
                let said = KeysSaid {
                    text: why,
                    refused: true,
                };
                state.dialog = Dialog::Keys(Some(said));
                return;
            }
            match key {
                Some(key) => format!("{}: now {}.", shortcut.what(), keymap::shown(key)),
                None => format!(
                    "{}: no key now (its button still does it).",
                    shortcut.what()
                ),
            }
        }
        KeysChange::SingleKeys(on) => {
            keys.single_keys = on;
            match on {
                true => "Single-key shortcuts on.".to_owned(),
                false => "Single-key shortcuts off: keys with Ctrl, and Esc, Delete, Tab, F7 \
                    and the arrows still work; every action stays on its button."
                    .to_owned(),
            }
        }
        KeysChange::Defaults => {
            keys.restore_defaults();
            "Every shortcut is on its default key again.".to_owned()
        }
    };
    fx.push(Effect::SaveText(KEYMAP_KEY, keys.to_stored()));
    state.keymap = Rc::new(keys);
    state.dialog = Dialog::Keys(Some(KeysSaid {
        text,
        refused: false,
    }));
}

/// Completes a link to `to`, or says why it is refused (staying in link mode).
pub(super) fn link_to(state: &mut AppState, to: SpanId, env: &mut dyn Env, fx: &mut Vec<Effect>) {
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

pub(super) fn save_schema(
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

pub(super) fn toggle_done(state: &mut AppState, fx: &mut Vec<Effect>) {
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

/// Signs the user's work with `name` from now on ("": unsigned); the articles signed
/// already keep their name.
pub(super) fn set_name(state: &mut AppState, name: String, fx: &mut Vec<Effect>) {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    fx.push(Effect::SaveText(NAME_KEY, name.clone()));
    if state.dialog == Dialog::Name {
        state.dialog = Dialog::Closed;
    }
    let said = match name.as_str() {
        "" => "Your work is not signed. Settings ▸ Your name… signs it.".to_owned(),
        name => format!("Your work is signed “{name}” from now on."),
    };
    state.notice = Some(Notice::info(said));
    state.annotator = Some(name);
}

/// Occurrences tagged at once; more are listed first.
const TAG_EVERY_AT_ONCE: usize = 20;

/// Tags every other occurrence of the selected span's words (whole words, `match_case`)
/// with its label, as one undo step; more than 20 are listed first (unless `confirmed`).
pub(super) fn tag_every(
    state: &mut AppState,
    match_case: bool,
    confirmed: bool,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let Some(span) = state.session.selected_span().cloned() else {
        return info(
            state,
            format!(
                "Select a span first: its words are tagged wherever else they occur{}.",
                key_of(state, Shortcut::TagEvery)
            ),
        );
    };
    if span.is_split() {
        return info(
            state,
            "That span is in pieces: tag every occurrence works on a span in one piece.",
        );
    }
    let text = &state.session.document.text;
    let annotations = &state.session.annotations;
    let ranges: Vec<CharRange> = search::occurrences(text, &span.text, match_case)
        .into_iter()
        .filter(|range| {
            !annotations
                .at(*range)
                .any(|other| other.label == span.label)
        })
        .collect();
    let quote = crate::model::text::shorten(&span.text, 60);
    if ranges.is_empty() {
        return info(
            state,
            format!(
                "No other occurrence of “{quote}” is left to tag as {}.",
                span.label
            ),
        );
    }
    if ranges.len() > TAG_EVERY_AT_ONCE && !confirmed {
        let context = |from: usize, to: usize| {
            let range = CharRange::new(from, to.min(text.len_chars()));
            text.slice(range).unwrap_or_default().replace('\n', " ")
        };
        let contexts = (ranges.iter())
            .map(|range| {
                (
                    context(range.start.0.saturating_sub(30), range.start.0),
                    context(range.start.0, range.end.0),
                    context(range.end.0, range.end.0 + 30),
                )
            })
            .collect();
        state.dialog = Dialog::TagEvery(Rc::new(TagEveryPreview {
            label: span.label.clone(),
            quote,
            match_case,
            contexts,
        }));
        return;
    }
    let count = ranges.len();
    let ids = (0..count).map(|_| SpanId::new(&env.new_id())).collect();
    let action = Action::TagEvery {
        label: span.label.clone(),
        ranges,
        ids,
        now: env.now(),
    };
    if edit(state, action, fx) == Change::Work {
        // The span the user chose stays selected.
        state.session.apply(Action::Select(Some(span.id.clone())));
        let more = match count {
            1 => "1 more occurrence".to_owned(),
            count => format!("{count} more occurrences"),
        };
        info(
            state,
            format!("Tagged {more} of “{quote}” as {} (one undo).", span.label),
        );
    }
}
