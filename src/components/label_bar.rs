//! The label buttons (Claim, Quote, Source) and the selected span's actions.

use crate::model::label::LabelSet;
use crate::model::span::Span;
use crate::model::text::shorten;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LabelBarProps {
    pub labels: Rc<LabelSet>,
    /// The selected span, if any.
    pub selected: Option<Span>,
    pub on_label: Callback<String>,
    pub on_delete: Callback<()>,
    pub on_clear: Callback<()>,
}

/// Buttons that tag the text selection or re-label the selected span.
#[component]
pub fn LabelBar(props: &LabelBarProps) -> Html {
    // Keep the text selection when a button is pressed with the mouse.
    let keep_selection = Callback::from(|event: MouseEvent| event.prevent_default());
    let selected_label = props.selected.as_ref().map(|span| span.label.as_str());
    let buttons = props.labels.iter().map(|label| {
        let on_label = props.on_label.clone();
        let name = label.name.clone();
        let active = selected_label == Some(label.name.as_str());
        html! {
            <button type="button" key={label.name.clone()}
                class={classes!("aa-label-button", active.then_some("is-active"))}
                style={format!("--label-color: {}", label.color)}
                aria-label={label.name.clone()} aria-keyshortcuts={label.hotkey.to_string()}
                aria-pressed={active.to_string()}
                onmousedown={keep_selection.clone()}
                onclick={move |_| on_label.emit(name.clone())}>
                <span class="aa-swatch" aria-hidden="true"></span>
                {&label.name}<kbd>{label.hotkey}</kbd>
            </button>
        }
    });
    let on_delete = props.on_delete.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    let status = match &props.selected {
        Some(span) => html! {
            <span class="aa-selection-status">
                {"Selected: "}<strong>{&span.label}</strong>{" "}
                <q>{shorten(&span.text, 60)}</q>
            </span>
        },
        None => html! {
            <span class="aa-selection-status aa-hint">
                {"Select words in the article, then press a label key."}
            </span>
        },
    };
    html! {
        <div class="aa-label-bar" role="toolbar" aria-label="Labels">
            {for buttons}
            <span class="aa-divider" aria-hidden="true"></span>
            <button type="button" class="aa-button" aria-label="Delete span"
                aria-keyshortcuts="Delete" disabled={props.selected.is_none()}
                onclick={on_delete}>
                {"Delete span"}<kbd>{"Del"}</kbd>
            </button>
            <button type="button" class="aa-button" aria-label="Clear selection"
                aria-keyshortcuts="Escape" disabled={props.selected.is_none()}
                onclick={on_clear}>
                {"Clear"}<kbd>{"Esc"}</kbd>
            </button>
            {status}
        </div>
    }
}
