//! A gold article's adjudication, beside the article: how far it is, the disagreements
//! (clusters of the annotators' overlapping spans) with how far the annotators agree in
//! words (never by colour alone), and for the current one every annotator's spans beside
//! the gold's, each with the key that takes it.

use super::fields::key_hint;
use crate::keymap::{Command, Keymap, Shortcut};
use crate::model::annotations::Annotations;
use crate::model::curation::{Cluster, Curating, Level, Outcome};
use crate::model::document::Document;
use crate::model::formats::native::SpanRecord;
use crate::model::offsets::CharRange;
use crate::model::text::{shorten, ArticleText};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CurationPanelProps {
    pub curating: Rc<Curating>,
    pub annotations: Rc<Annotations>,
    pub document: Rc<Document>,
    /// The current cluster.
    pub cluster: Option<usize>,
    /// A span is selected: digits are label keys, not the curator's.
    pub span_selected: bool,
    pub keymap: Rc<Keymap>,
    pub on_cluster: Callback<usize>,
    pub on_command: Callback<Command>,
}

/// How far the annotators agree, in words.
fn agreement(level: Level, annotators: usize) -> String {
    match level {
        Level::All => "all agree".to_owned(),
        Level::Some { agree } => format!("{agree} of {annotators} agree"),
        Level::One => "no two agree".to_owned(),
    }
}

/// The cluster's text, shortened for a list.
fn excerpt(text: &ArticleText, range: CharRange) -> String {
    shorten(text.slice(range).unwrap_or_default(), 60)
}

/// Spans as "Label “quote”" items (none: "no span").
fn spans_html<'a>(spans: impl Iterator<Item = (&'a str, &'a str)>) -> Html {
    let items: Vec<Html> = spans
        .map(|(label, quote)| {
            html! {
                <li><span class="aa-version-label">{label}</span>{" "}
                    <q dir="auto">{shorten(quote, 80)}</q></li>
            }
        })
        .collect();
    match items.is_empty() {
        true => html! { <span class="aa-muted">{"no span"}</span> },
        false => html! { <ul class="aa-version-spans">{items}</ul> },
    }
}

fn outcome_words(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Merged => "pre-merged".to_owned(),
        Outcome::Took(name) => format!("took {name}'s version"),
        Outcome::Nothing => "took no span".to_owned(),
        Outcome::Edited => "edited in the gold".to_owned(),
    }
}

/// The current cluster: each annotator's spans, the gold's, and the keys that decide.
fn current_html(props: &CurationPanelProps, at: usize, cluster: &Cluster) -> Html {
    let curation = &props.curating.curation;
    let count = props.curating.clusters.len();
    let keys = !props.span_selected && props.keymap.single_keys;
    // A decision's button: its text, words only assistive technology reads after it, its
    // key (as `aria-keyshortcuts` says it, and as shown).
    let take = |text: &str, more: String, key: Option<(String, String)>, command: Command| {
        let (aria, hint) = key.unzip();
        html! {
            <button type="button" class="aa-button" aria-keyshortcuts={aria}
                onclick={props.on_command.reform(move |_: MouseEvent| command.clone())}>
                {text}<span class="aa-visually-hidden">{more}</span>{key_hint(hint)}
            </button>
        }
    };
    // Digits decide while no span is selected (else they are label keys).
    let digit = |digit: usize| keys.then(|| (digit.to_string(), digit.to_string()));
    let rows = (curation.annotators.iter().enumerate()).map(|(who, name)| {
        let has = curation.versions.get(who).is_some_and(Option::is_some);
        let spans: Vec<&SpanRecord> = curation.spans_of(cluster, who);
        let key = (who < 9).then(|| digit(who + 1)).flatten();
        html! {
            <tr>
                <th scope="row" dir="auto">{name}</th>
                <td>{match has {
                    true => spans_html(spans.iter().map(|s| (s.label.as_str(), s.text.as_str()))),
                    false => html! { <span class="aa-muted">{"has not got this article"}</span> },
                }}</td>
                <td>if has { {take("Take", format!(" {name}'s version"), key, Command::Take(Some(who)))} }</td>
            </tr>
        }
    });
    let gold: Vec<(&str, &str)> = (props.annotations.spans().iter())
        .filter(|span| span.range.start < cluster.range.end && cluster.range.start < span.range.end)
        .map(|span| (span.label.as_str(), span.text.as_str()))
        .collect();
    let decision = props.annotations.decision(cluster.range);
    let status = match decision {
        Some(decision) => format!(
            "Decided: {}{}.",
            outcome_words(&decision.outcome),
            decision
                .adjudicator
                .as_ref()
                .map_or(String::new(), |by| format!(" by {by}"))
        ),
        None => "Not decided yet.".to_owned(),
    };
    let mark =
        (props.keymap.aria(Shortcut::MarkDecided)).zip(props.keymap.hint(Shortcut::MarkDecided));
    html! {
        <div class={classes!("aa-cluster", format!("is-{}", cluster.level.name()))}>
            <h3 class="aa-cluster-title">
                {format!("Cluster {} of {count}: ", at + 1)}<q dir="auto">{excerpt(&props.document.text, cluster.range)}</q>
            </h3>
            <p class="aa-cluster-status" data-testid="cluster-status">
                {format!("{} · {status}", agreement(cluster.level, curation.annotators.len()))}
            </p>
            <table class="aa-versions">
                <caption class="aa-visually-hidden">{"Each annotator's spans here, and the gold's"}</caption>
                <tbody>
                    {for rows}
                    <tr>
                        <th scope="row">{"None"}</th>
                        <td></td>
                        <td>{take("Take none", String::new(), digit(0), Command::Take(None))}</td>
                    </tr>
                    <tr class="aa-gold-row">
                        <th scope="row">{"Gold now"}</th>
                        <td>{spans_html(gold.into_iter())}</td>
                        <td>{take("Mark decided", String::new(), mark, Command::MarkDecided)}</td>
                    </tr>
                </tbody>
            </table>
            if props.span_selected {
                <p class="aa-hint">{"A span is selected: digits re-label it. Esc, then 1–9 take a version."}</p>
            }
        </div>
    }
}

#[component]
pub fn CurationPanel(props: &CurationPanelProps) -> Html {
    let curating = &props.curating;
    let clusters = &curating.clusters;
    let decided: Vec<bool> = crate::model::curation::decided(clusters, &props.annotations);
    let done = decided.iter().filter(|done| **done).count();
    let annotators = curating.curation.annotators.len();
    let items = clusters.iter().enumerate().map(|(at, cluster)| {
        let current = props.cluster == Some(at);
        let on_cluster = props.on_cluster.clone();
        let state = match decided[at] {
            true => "decided",
            false => "open",
        };
        html! {
            <li key={at} class={classes!("aa-cluster-item", format!("is-{}", cluster.level.name()), decided[at].then_some("is-decided"))}>
                <button type="button" class="aa-linkish" aria-current={current.then_some("true")}
                    onclick={move |_: MouseEvent| on_cluster.emit(at)}>
                    <q dir="auto">{excerpt(&props.document.text, cluster.range)}</q>
                    {format!(" — {}, {state}", agreement(cluster.level, annotators))}
                </button>
            </li>
        }
    });
    let next = props.keymap.hint(Shortcut::NextDisagreement);
    let previous = props.keymap.hint(Shortcut::PreviousDisagreement);
    let button =
        |label: &'static str, hint: Option<String>, aria: Option<String>, command: Command| {
            html! {
                <button type="button" class="aa-button" aria-keyshortcuts={aria}
                    onclick={props.on_command.reform(move |_: MouseEvent| command.clone())}>
                    {label}{key_hint(hint)}
                </button>
            }
        };
    html! {
        <section class="aa-curation" aria-labelledby="aa-curation-title">
            <h2 id="aa-curation-title" class="aa-panel-title">{"Adjudication"}</h2>
            <p data-testid="curation-progress">
                {format!("{done} of {} clusters decided · {} annotators: {}", clusters.len(), annotators,
                    curating.curation.annotators.join(", "))}
            </p>
            <progress max={clusters.len().max(1).to_string()} value={done.to_string()}
                aria-label="Clusters decided"></progress>
            <div class="aa-curation-nav">
                {button("Previous disagreement", previous, props.keymap.aria(Shortcut::PreviousDisagreement), Command::PreviousDisagreement)}
                {button("Next disagreement", next, props.keymap.aria(Shortcut::NextDisagreement), Command::NextDisagreement)}
            </div>
            if let Some((at, cluster)) = props.cluster.and_then(|at| Some((at, clusters.get(at)?))) {
                {current_html(props, at, cluster)}
            }
            <details class="aa-cluster-list">
                <summary>{format!("Every cluster ({})", clusters.len())}</summary>
                <ol>{for items}</ol>
            </details>
        </section>
    }
}
