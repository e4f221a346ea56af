//! Suggestions: when an article opens, the worker suggests quotes, their speakers, sources
//! and claims (`annotator_formats::suggest`); the article shows them dashed, and the user
//! steps through them (G / Shift+G), accepts (V, or Shift+V for every one of a label) or
//! rejects them (R, Shift+R). Accepting or rejecting is one undo step; rejections are saved
//! with the work (`Annotations::rejected`), suggestions never are.

use super::*;
use crate::app::state::Suggested;
use crate::model::suggestion::{self, Accepted, Kind, Rejected, Speaker, Suggesters, Suggestion};

/// Keeps the suggestions in step with the open article, after every message: asks the
/// worker for another article's, and chooses again those shown after an edit.
pub(super) fn refresh(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !state.article_open || state.library.is_none() || !state.suggesters.any() {
        if state.suggested != Suggested::default() {
            state.suggested = Suggested::default();
        }
        return;
    }
    let document = &state.session.document;
    let article = Some((document.id.clone(), document.text.len_chars()));
    if state.suggested.article != article {
        let bytes = vec![document.text.as_str().as_bytes().to_vec()];
        state.suggested = Suggested {
            article: article.clone(),
            ..Suggested::default()
        };
        fx.push(Effect::Ask {
            job: Job::Suggest,
            bytes,
            asked: Asked::Suggest(article),
        });
        return;
    }
    let Some(list) = state.suggested.list.clone() else {
        return;
    };
    let session = &state.session;
    let chosen_for = (
        session.revision,
        state.suggesters,
        Rc::as_ptr(&session.schema) as usize,
    );
    if state.suggested.chosen_for == Some(chosen_for) {
        return;
    }
    let shown = suggestion::shown(
        &list,
        &session.annotations,
        &session.schema,
        state.suggesters,
    );
    let suggested = &mut state.suggested;
    // A current suggestion no longer shown (taken, rejected) gives way to the next one.
    suggested.current =
        (suggested.current).and_then(|at| shown.iter().copied().find(|shown| *shown >= at));
    suggested.shown = Rc::new(shown);
    suggested.chosen_for = Some(chosen_for);
}

/// Takes the worker's suggestions for an article, if it is still open.
pub(super) fn suggested(
    state: &mut AppState,
    article: Option<(String, usize)>,
    answer: Answer,
    fx: &mut Vec<Effect>,
) {
    if state.suggested.article != article {
        return;
    }
    match answer {
        Answer::Suggested(list) => {
            state.suggested.list = Some(Rc::new(list));
            refresh(state, fx);
        }
        Answer::Failed(why) => error(state, format!("No suggestions: {why}.")),
        _ => {}
    }
}

/// The suggestion shown at `at` of the list.
fn get(state: &AppState, at: usize) -> Option<&Suggestion> {
    state.suggested.list.as_ref()?.get(at)
}

/// Makes the next (or previous) suggestion shown the current one: after the current one,
/// else after the selected span, else from the top.
pub(super) fn step(state: &mut AppState, forward: bool, fx: &mut Vec<Effect>) {
    let shown = state.suggested.shown.clone();
    if shown.is_empty() {
        return info(state, no_suggestions(state));
    }
    let list = state.suggested.list.clone().unwrap_or_default();
    let from = match state.suggested.current {
        Some(at) => Some(list[at].start),
        None => state.session.selected_span().map(|span| span.range.start.0),
    };
    let next = match (forward, from) {
        (true, Some(from)) => shown
            .iter()
            .find(|at| list[**at].start > from)
            .or(shown.first()),
        (false, Some(from)) => shown
            .iter()
            .rev()
            .find(|at| list[**at].start < from)
            .or(shown.last()),
        (true, None) => shown.first(),
        (false, None) => shown.last(),
    };
    if let Some(&at) = next {
        show(state, at, fx);
    }
}

/// Makes suggestion `at` the current one, scrolls to it and says what it is.
fn show(state: &mut AppState, at: usize, fx: &mut Vec<Effect>) {
    let Some(suggestion) = get(state, at).cloned() else {
        return;
    };
    state.suggested.current = Some(at);
    // V and R act on the suggestion, not on a span.
    state.session.apply(Action::Select(None));
    fx.push(Effect::ClearSelection);
    fx.push(Effect::ScrollToText(CharOffset(suggestion.start)));
    let shown = &state.suggested.shown;
    let place = shown.iter().position(|shown| *shown == at).unwrap_or(0) + 1;
    let words = quote_of(state, &suggestion);
    info(
        state,
        format!(
            "Suggestion {place} of {}: {} “{words}” ({}).{}",
            shown.len(),
            suggestion.kind.label(),
            suggestion.reason,
            keys_hint(state)
        ),
    );
}

/// What the keys do now, for the notice: " V accepts, R rejects, G goes on."
fn keys_hint(state: &AppState) -> String {
    let key = |shortcut| state.keymap.hint(shortcut);
    match (
        key(Shortcut::Accept),
        key(Shortcut::Reject),
        key(Shortcut::NextSuggestion),
    ) {
        (Some(accept), Some(reject), Some(next)) => {
            format!(" {accept} accepts, {reject} rejects, {next} goes on.")
        }
        _ => String::new(),
    }
}

/// The words of a suggestion, shortened for a notice.
fn quote_of(state: &AppState, suggestion: &Suggestion) -> String {
    let words = (state.session.document.text).slice(suggestion.range());
    crate::model::text::shorten(words.unwrap_or_default(), 60)
}

fn no_suggestions(state: &AppState) -> String {
    match (&state.suggested.list, state.suggesters.any()) {
        (_, false) => "Every suggester is off (Suggestions, in the panel).".to_owned(),
        (None, _) => "The suggestions are being worked out.".to_owned(),
        (Some(_), _) => "No suggestion is left in this article.".to_owned(),
    }
}

/// The suggestions a command acts on: the current one, or (`all`) every one shown with its
/// label (`kind`, else the current one's).
fn picked(state: &AppState, all: bool, kind: Option<Kind>) -> Result<Vec<usize>, String> {
    let current = state.suggested.current;
    let Some(kind) = kind.or_else(|| current.and_then(|at| get(state, at)).map(|s| s.kind)) else {
        return Err(match state.suggested.shown.is_empty() {
            true => no_suggestions(state),
            false => format!(
                "Go to a suggestion first{}.",
                key_of(state, Shortcut::NextSuggestion)
            ),
        });
    };
    let list = state.suggested.list.clone().unwrap_or_default();
    Ok(match all {
        true => (state.suggested.shown.iter().copied())
            .filter(|at| list[*at].kind == kind)
            .collect(),
        false => current.into_iter().collect(),
    })
}

/// Accepts the current suggestion, or every one of a label, as one undo step; a quote
/// brings its speaker (while speakers are suggested) and their "said by" link.
pub(super) fn accept(
    state: &mut AppState,
    all: bool,
    kind: Option<Kind>,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let picked = match picked(state, all, kind) {
        Ok(picked) => picked,
        Err(why) => return info(state, why),
    };
    let list = state.suggested.list.clone().unwrap_or_default();
    let speakers = state.suggesters.speakers;
    let annotations = &state.session.annotations;
    let accepted: Vec<Accepted> = (picked.iter())
        .map(|at| {
            let one = &list[*at];
            let speaker = (one.speaker)
                .filter(|_| speakers)
                .and_then(|speaker| list.get(speaker))
                .filter(|speaker| !annotations.is_rejected(speaker.kind.label(), speaker.range()))
                .map(|speaker| Speaker {
                    range: speaker.range(),
                    id: SpanId::new(&env.new_id()),
                    link: env.new_id(),
                });
            Accepted {
                label: one.kind.label().to_owned(),
                range: one.range(),
                id: SpanId::new(&env.new_id()),
                speaker,
            }
        })
        .collect();
    let count = accepted.len();
    let linked = accepted.iter().filter(|one| one.speaker.is_some()).count();
    let now = env.now();
    if edit(state, Action::Accept { accepted, now }, fx) != Change::Work {
        return;
    }
    let with = match linked {
        0 => String::new(),
        1 if count == 1 => " with its speaker, linked".to_owned(),
        _ => format!(", {linked} with their speakers, linked"),
    };
    let what = match count {
        1 => "Accepted the suggestion".to_owned(),
        _ => format!("Accepted {count} suggestions"),
    };
    info(state, format!("{what}{with}. Ctrl+Z undoes it."));
    go_on(state, &picked, fx);
}

/// Rejects the current suggestion, or every one of a label, as one undo step.
pub(super) fn reject(state: &mut AppState, all: bool, kind: Option<Kind>, fx: &mut Vec<Effect>) {
    let picked = match picked(state, all, kind) {
        Ok(picked) => picked,
        Err(why) => return info(state, why),
    };
    let list = state.suggested.list.clone().unwrap_or_default();
    let rejected: Vec<Rejected> = (picked.iter())
        .map(|at| Rejected::of(list[*at].kind.label(), list[*at].range()))
        .collect();
    let count = rejected.len();
    if edit(state, Action::Reject(rejected), fx) != Change::Work {
        return;
    }
    let what = match count {
        1 => "Rejected the suggestion: it is not suggested again".to_owned(),
        _ => format!("Rejected {count} suggestions: they are not suggested again"),
    };
    info(state, format!("{what}. Ctrl+Z undoes it."));
    go_on(state, &picked, fx);
}

/// After suggestions were taken or rejected: the next one shown after the first of them
/// becomes the current one (the one taken stays selected).
fn go_on(state: &mut AppState, picked: &[usize], fx: &mut Vec<Effect>) {
    refresh(state, fx);
    let first = picked.first().copied().unwrap_or(0);
    let next = state.suggested.shown.iter().copied().find(|at| *at > first);
    state.suggested.current = next;
    if let Some(suggestion) = next.and_then(|at| get(state, at)) {
        fx.push(Effect::ScrollToText(CharOffset(suggestion.start)));
    }
}

/// Switches suggesters on or off (kept in the browser).
pub(super) fn set_suggesters(state: &mut AppState, on: Suggesters, fx: &mut Vec<Effect>) {
    state.suggesters = on;
    fx.push(Effect::SaveText(SUGGESTERS_KEY, on.to_stored()));
}
