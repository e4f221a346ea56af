//! Adjudication: the gold project of a comparison is made (pre-merged in the worker), and
//! in a gold article the curator steps through the disagreements (X / Shift+X), taking
//! one annotator's version (1–9), none (0), or editing the gold with every tool and
//! marking it decided (M). Each decision is one undo step (`curation::decide`).

use super::*;
use crate::model::curation::{self, decide, Choice, Deciding};

/// Asks the worker for the gold project of the last comparison, pre-merged at `threshold`,
/// to open at the article with id `open` (else its first).
pub(super) fn make_gold(
    state: &mut AppState,
    threshold: usize,
    open: Option<String>,
    env: &mut dyn Env,
    fx: &mut Vec<Effect>,
) {
    let Dialog::Compare(CompareStep::Report(agreement)) = &state.dialog else {
        return;
    };
    // A team project's comparison makes the curator's gold copy, signed by their account.
    let (name, adjudicator) = match &state.team.adjudicating {
        Some(plan) => (plan.name.clone(), Some(plan.link.username.clone())),
        None => (
            format!("Gold: {}", agreement.annotators.join(", ")),
            state.annotator.clone().filter(|name| !name.is_empty()),
        ),
    };
    let job = Job::Gold {
        threshold,
        adjudicator,
        now: env.now(),
    };
    ask(state, job, Vec::new(), Asked::Gold { name, open }, fx);
}

/// The open gold article's versions and clusters, when the open article is one.
pub fn curating(state: &AppState) -> Option<Rc<Curating>> {
    let curating = state.curating.as_ref()?;
    (state.article_open && Some(curating.key.as_str()) == state.open_key())
        .then(|| curating.clone())
}

/// Makes cluster `at` the current one and scrolls to it; says what it is.
pub(super) fn show_cluster(state: &mut AppState, at: usize, fx: &mut Vec<Effect>) {
    let Some(curating) = curating(state) else {
        return;
    };
    let Some(cluster) = curating.clusters.get(at) else {
        return;
    };
    state.cluster = Some(at);
    // Digits take a version while no span is selected.
    state.session.apply(Action::Select(None));
    fx.push(Effect::ClearSelection);
    fx.push(Effect::ScrollToText(cluster.range.start));
}

/// Moves to the next (or previous) cluster not decided yet, from the current one.
pub(super) fn step(state: &mut AppState, forward: bool, fx: &mut Vec<Effect>) {
    let Some(curating) = curating(state) else {
        return info(
            state,
            "This article is not a gold article: Compare annotators (Shift+A), then \
             Adjudicate, makes one.",
        );
    };
    let decided = curation::decided(&curating.clusters, &state.session.annotations);
    let count = decided.len();
    let from = state.cluster;
    let order: Vec<usize> = match (forward, from) {
        (true, Some(at)) => (at + 1..count).chain(0..=at.min(count)).collect(),
        (true, None) => (0..count).collect(),
        (false, Some(at)) => (0..at).rev().chain((at..count).rev()).collect(),
        (false, None) => (0..count).rev().collect(),
    };
    match order
        .into_iter()
        .find(|at| !decided.get(*at).copied().unwrap_or(true))
    {
        Some(at) => show_cluster(state, at, fx),
        None => info(
            state,
            format!(
                "Every disagreement of this article is decided ({count} clusters). Next \
                 article not done{}.",
                key_of(state, Shortcut::Unfinished)
            ),
        ),
    }
}

/// Decides the current cluster as `choice`, then moves to the next one not decided.
pub(super) fn take(state: &mut AppState, choice: Choice, env: &mut dyn Env, fx: &mut Vec<Effect>) {
    let Some(curating) = curating(state) else {
        return;
    };
    let Some(cluster) = state.cluster.and_then(|at| curating.clusters.get(at)) else {
        return info(
            state,
            format!(
                "Pick a disagreement first{}, or in the Adjudication panel.",
                key_of(state, Shortcut::NextDisagreement)
            ),
        );
    };
    if let Choice::Take(who) = choice {
        if curating
            .curation
            .versions
            .get(who)
            .is_none_or(Option::is_none)
        {
            return info(state, "That annotator has not got this article.");
        }
    }
    let now = env.now();
    let mut new_id = || env.new_id();
    let mut deciding = Deciding {
        adjudicator: state.annotator.clone().filter(|name| !name.is_empty()),
        now,
        new_id: &mut new_id,
    };
    let decision = decide(
        &curating.curation,
        cluster,
        &state.session.annotations,
        choice,
        &mut deciding,
    );
    if edit(state, Action::Adjudicate(decision), fx) == Change::Work {
        step(state, true, fx);
    }
}

/// How many annotators' versions digits take now: those of the open gold article while a
/// disagreement is current (0 otherwise).
pub fn adjudicating(state: &AppState) -> usize {
    match (curating(state), state.cluster) {
        (Some(curating), Some(_)) => curating.curation.annotators.len(),
        _ => 0,
    }
}
