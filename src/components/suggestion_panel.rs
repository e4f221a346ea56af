//! The suggestions, beside the article: how many of each label are shown (with Accept all
//! and Reject all), the current one with why it was suggested and its keys, and which
//! suggesters are on.

use super::fields::key_hint;
use crate::keymap::{Command, Keymap, Shortcut};
use crate::model::document::Document;
use crate::model::suggestion::{Kind, Suggesters, Suggestion};
use crate::model::text::shorten;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SuggestionPanelProps {
    pub document: Rc<Document>,
    /// Every suggestion (`None` while they are worked out) and those shown.
    pub list: Option<Rc<Vec<Suggestion>>>,
    pub shown: Rc<Vec<usize>>,
    pub current: Option<usize>,
    pub suggesters: Suggesters,
    pub keymap: Rc<Keymap>,
    pub on_command: Callback<Command>,
    /// Accept (`true`) or reject every suggestion of a label.
    pub on_all: Callback<(Kind, bool)>,
    pub on_suggesters: Callback<Suggesters>,
}

const KINDS: [(Kind, &str); 3] = [
    (Kind::Quote, "quotes"),
    (Kind::Source, "sources"),
    (Kind::Claim, "claims"),
];

#[component]
pub fn SuggestionPanel(props: &SuggestionPanelProps) -> Html {
    let list = props.list.clone().unwrap_or_default();
    let keymap = &props.keymap;
    // Its text, and "suggestion" after it for assistive technology.
    let button = |label: &'static str, shortcut: Shortcut, command: Command| {
        html! {
            <button type="button" class="aa-button" aria-keyshortcuts={keymap.aria(shortcut)}
                onclick={props.on_command.reform(move |_: MouseEvent| command.clone())}>
                {label}<span class="aa-visually-hidden">{" suggestion"}</span>
                {key_hint(keymap.hint(shortcut))}
            </button>
        }
    };
    let counts = KINDS.iter().map(|(kind, plural)| {
        let count = (props.shown.iter()).filter(|at| list[**at].kind == *kind).count();
        let all = |accept: bool| {
            let on_all = props.on_all.clone();
            let kind = *kind;
            Callback::from(move |_: MouseEvent| on_all.emit((kind, accept)))
        };
        html! {
            <li>
                {format!("{count} {plural} ")}
                if count > 0 {
                    <button type="button" class="aa-linkish" onclick={all(true)}>
                        {"Accept all"}<span class="aa-visually-hidden">{format!(" {count} {plural}")}</span>
                    </button>{" · "}
                    <button type="button" class="aa-linkish" onclick={all(false)}>
                        {"Reject all"}<span class="aa-visually-hidden">{format!(" {count} {plural}")}</span>
                    </button>
                }
            </li>
        }
    });
    let current = props.current.and_then(|at| {
        let suggestion = list.get(at)?;
        let place = props.shown.iter().position(|shown| *shown == at)? + 1;
        let text = &props.document.text;
        let words = text.slice(suggestion.range()).unwrap_or_default();
        let speaker = (suggestion.speaker)
            .and_then(|speaker| list.get(speaker))
            .filter(|_| props.suggesters.speakers)
            .and_then(|speaker| text.slice(speaker.range()));
        Some(html! {
            <div class={classes!("aa-suggestion", format!("is-{}", suggestion.kind.label().to_ascii_lowercase()))}
                data-testid="current-suggestion">
                <p class="aa-suggestion-title">
                    {format!("{} of {}: {} ", place, props.shown.len(), suggestion.kind.label())}
                    <q dir="auto">{shorten(words, 120)}</q>
                </p>
                <p class="aa-muted">{format!("Why: {}", suggestion.reason)}</p>
                if let Some(speaker) = speaker {
                    <p>{"Said by "}<q dir="auto">{speaker}</q>{" (accepted with it, linked)"}</p>
                }
                <div class="aa-curation-nav">
                    {button("Accept", Shortcut::Accept, Command::Accept { all: false })}
                    {button("Reject", Shortcut::Reject, Command::Reject { all: false })}
                </div>
            </div>
        })
    });
    let status = match &props.list {
        _ if !props.suggesters.any() => "Every suggester is off.".to_owned(),
        None => "Working them out…".to_owned(),
        Some(_) => format!("{} in this article.", props.shown.len()),
    };
    // In the order of `Suggesters` (quotes, speakers, sources, claims).
    let toggles = [
        "Quotes",
        "Speakers and their links",
        "Sources (documents, institutions)",
        "Check-worthy claims",
    ]
    .into_iter()
    .enumerate()
    .map(|(at, label)| {
        let on = props.suggesters;
        let checked = on.is_on(at);
        let onchange = props
            .on_suggesters
            .reform(move |_: Event| on.with(at, !checked));
        html! {
            <li><label><input type="checkbox" {checked} {onchange} />{" "}{label}</label></li>
        }
    });
    html! {
        <section class="aa-suggestions" aria-labelledby="aa-suggestions-title">
            <h2 id="aa-suggestions-title" class="aa-panel-title">{"Suggestions"}</h2>
            <p data-testid="suggestions-status">{status}</p>
            if !props.shown.is_empty() {
                <ul class="aa-suggestion-counts">{for counts}</ul>
                <div class="aa-curation-nav">
                    {button("Previous", Shortcut::PreviousSuggestion, Command::PreviousSuggestion)}
                    {button("Next", Shortcut::NextSuggestion, Command::NextSuggestion)}
                </div>
            }
            {for current}
            <details class="aa-suggesters">
                <summary>{"Suggest…"}</summary>
                <ul>{for toggles}</ul>
            </details>
        </section>
    }
}
