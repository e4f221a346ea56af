//! The label buttons (Claim, Quote, Source) and the selected span's actions.

use super::fields::key_hint;
use crate::keymap::{Command, Keymap, Shortcut};
use crate::model::schema::{ink_for, Schema};
use crate::model::span::Span;
use crate::model::text::shorten;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LabelBarProps {
    pub labels: Rc<Schema>,
    /// The selected span, if any.
    pub selected: Option<Span>,
    /// Word snapping is on.
    pub snapping: bool,
    /// Label chips are shown.
    pub chips: bool,
    pub caret_mode: bool,
    pub keymap: Rc<Keymap>,
    /// Label buttons (Shift+click: exact, no snapping), Delete, Clear and the toggles.
    pub on_command: Callback<Command>,
}

/// Buttons that tag the text selection or re-label the selected span.
#[component]
pub fn LabelBar(props: &LabelBarProps) -> Html {
    // Keep the text selection when a button is pressed with the mouse.
    let keep_selection = Callback::from(|event: MouseEvent| event.prevent_default());
    let keys = &props.keymap;
    let selected_label = props.selected.as_ref().map(|span| span.label.as_str());
    let buttons = props.labels.iter().map(|label| {
        let on_command = props.on_command.clone();
        let name = label.name.clone();
        let active = selected_label == Some(label.name.as_str());
        html! {
            <button type="button" key={label.name.clone()}
                class={classes!("aa-label-button", active.then_some("is-active"))}
                style={format!("--label-color: {}; --label-ink: {}", label.color, ink_for(&label.color).0)}
                aria-keyshortcuts={keys.single_keys.then(|| label.hotkey.to_string())}
                aria-pressed={active.to_string()}
                onmousedown={keep_selection.clone()}
                onclick={move |event: MouseEvent| on_command.emit(Command::Label {
                    name: name.clone(),
                    exact: event.shift_key(),
                })}>
                <span class="aa-swatch" aria-hidden="true"></span>
                {&label.name}{key_hint(keys.single_keys.then(|| label.hotkey.to_string()))}
            </button>
        }
    });
    let on_delete = props.on_command.reform(|_: MouseEvent| Command::Delete);
    let on_clear = props.on_command.reform(|_: MouseEvent| Command::Clear);
    let on_snap = props
        .on_command
        .reform(|_: MouseEvent| Command::ToggleSnapping);
    let on_caret = props.on_command.reform(|_: MouseEvent| Command::CaretMode);
    let on_chips = props
        .on_command
        .reform(|_: MouseEvent| Command::ToggleChips);
    let status = match &props.selected {
        Some(span) => html! {
            <span class="aa-selection-status">
                {"Selected: "}<strong>{&span.label}</strong>{" "}
                <q>{shorten(&span.text, 60)}</q>
            </span>
        },
        None => html! {
            <span class="aa-selection-status aa-hint">
                {"Select words in the article, then choose a label."}
            </span>
        },
    };
    html! {
        <div class="aa-label-bar" role="toolbar" aria-label="Labels">
            {for buttons}
            <span class="aa-divider" aria-hidden="true"></span>
            <button type="button" class="aa-button" aria-keyshortcuts="Delete" disabled={props.selected.is_none()}
                onclick={on_delete}>
                {"Delete span"}<kbd aria-hidden="true">{"Del"}</kbd>
            </button>
            <button type="button" class="aa-button" aria-keyshortcuts="Escape" disabled={props.selected.is_none()}
                onclick={on_clear}>
                {"Clear"}<kbd aria-hidden="true">{"Esc"}</kbd>
            </button>
            <span class="aa-divider" aria-hidden="true"></span>
            <button type="button" class={classes!("aa-button", "aa-toggle", props.snapping.then_some("is-on"))}
                aria-pressed={props.snapping.to_string()} aria-keyshortcuts={keys.aria(Shortcut::Snapping)}
                onmousedown={keep_selection.clone()} onclick={on_snap}>
                {"Snap to words"}{key_hint(keys.hint(Shortcut::Snapping))}
            </button>
            <button type="button" class={classes!("aa-button", "aa-toggle", props.caret_mode.then_some("is-on"))}
                aria-pressed={props.caret_mode.to_string()} aria-keyshortcuts={keys.aria(Shortcut::Caret).map_or("F7".to_owned(), |key| format!("{key} F7"))}
                onclick={on_caret}>
                {"Caret mode"}{key_hint(Some(keys.hint(Shortcut::Caret).unwrap_or("F7".to_owned())))}
            </button>
            <button type="button" class={classes!("aa-button", "aa-toggle", props.chips.then_some("is-on"))}
                aria-pressed={props.chips.to_string()} aria-keyshortcuts={keys.aria(Shortcut::Chips)}
                onmousedown={keep_selection.clone()} onclick={on_chips}>
                {"Label chips"}{key_hint(keys.hint(Shortcut::Chips))}
            </button>
            {status}
        </div>
    }
}
