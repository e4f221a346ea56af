//! Search in the article: a field, "3 of 12", previous / next. Matches are painted by the
//! app with the CSS Custom Highlight API, so searching never re-renders the article.

use super::fields::{field_value, use_focus_on_mount};
use yew::prelude::*;

/// The id of the search field, so Ctrl+F can focus it again.
pub const SEARCH_FIELD_ID: &str = "aa-search-field";

#[derive(Properties, PartialEq)]
pub struct SearchBarProps {
    pub query: String,
    pub count: usize,
    /// The current match (0-based), when there are matches.
    pub current: Option<usize>,
    pub on_query: Callback<String>,
    /// +1 for the next match, -1 for the previous one.
    pub on_step: Callback<isize>,
    /// Closes the search, leaving the current match selected (a label key then tags it).
    pub on_close: Callback<()>,
}

/// The search field (focused when it opens).
#[component]
pub fn SearchBar(props: &SearchBarProps) -> Html {
    let input_ref = use_focus_on_mount();
    let oninput = props
        .on_query
        .reform(|event: InputEvent| field_value(&event));
    let onkeydown = {
        let (on_step, on_close) = (props.on_step.clone(), props.on_close.clone());
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                on_step.emit(if event.shift_key() { -1 } else { 1 });
            }
            "Escape" => {
                event.prevent_default();
                event.stop_propagation();
                on_close.emit(());
            }
            _ => {}
        })
    };
    let status = match (props.count, props.current) {
        (0, _) if props.query.trim().is_empty() => String::new(),
        (0, _) => "No matches".to_owned(),
        (count, Some(at)) => format!("{} of {count}", at + 1),
        (count, None) => format!("{count} matches"),
    };
    html! {
        <div class="aa-search" role="search" aria-label="Search the article">
            <input ref={input_ref} id={SEARCH_FIELD_ID} type="search" dir="auto" class="aa-filter-input" aria-label="Search the article"
                placeholder="Search the article…" value={props.query.clone()} {oninput} {onkeydown} />
            <span class="aa-search-status" role="status" data-testid="search-status">{status}</span>
            <button type="button" class="aa-button aa-small" aria-label="Previous match"
                disabled={props.count == 0} onclick={props.on_step.reform(|_: MouseEvent| -1)}>{"↑"}</button>
            <button type="button" class="aa-button aa-small" aria-label="Next match"
                disabled={props.count == 0} onclick={props.on_step.reform(|_: MouseEvent| 1)}>{"↓"}</button>
            <button type="button" class="aa-button aa-small" aria-label="Close search"
                onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}<kbd>{"Esc"}</kbd></button>
        </div>
    }
}
