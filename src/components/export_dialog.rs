//! "Export as…": every format with what it carries and, for lossy ones, what this
//! article would lose. Each row downloads at once.

use super::fields::{use_focus_on_mount, use_modal};
use crate::model::formats::Format;
use std::rc::Rc;
use yew::prelude::*;

/// A format as the dialog lists it, with what exporting this work in it would lose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportChoice {
    pub format: Format,
    pub losses: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct ExportDialogProps {
    pub choices: Rc<Vec<ExportChoice>>,
    pub on_export: Callback<Format>,
    pub on_cancel: Callback<()>,
}

/// A list of download buttons, one per format; the first has focus.
#[component]
pub fn ExportDialog(props: &ExportDialogProps) -> Html {
    let modal = use_modal();
    let first_ref = use_focus_on_mount();
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    let rows = props.choices.iter().enumerate().map(|(index, choice)| {
        let format = choice.format;
        let on_export = props.on_export.clone();
        let node = if index == 0 {
            first_ref.clone()
        } else {
            NodeRef::default()
        };
        let description_id = format!("aa-export-{index}");
        html! {
            <li class="aa-export-row">
                <button type="button" class="aa-button" ref={node}
                    aria-describedby={description_id.clone()}
                    onclick={move |_| on_export.emit(format)}>
                    {format.name()}
                </button>
                <p id={description_id} class="aa-export-about">
                    {format.summary()}
                    if let Some(losses) = &choice.losses {
                        <strong class="aa-export-loss">{" "}{losses}</strong>
                    }
                </p>
            </li>
        }
    });
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog aa-export-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-export-title" {onkeydown}>
                <h2 id="aa-export-title">{"Export as…"}</h2>
                <p class="aa-hint">
                    {"Every offset is in Unicode code points (Python's text[start:end]); each file says so where its format has room."}
                </p>
                <ul class="aa-export-list">{for rows}</ul>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button"
                        onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
