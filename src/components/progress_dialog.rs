//! A long job's progress (an import or an export): the page waits, and says how far. A
//! job in the worker can be cancelled (Cancel, or Esc).

use super::fields::{use_focus_on_mount, use_modal};
use yew::prelude::*;

/// The Cancel button's id: it takes the focus, so Esc and Enter reach it.
const CANCEL_ID: &str = "aa-busy-cancel";

#[derive(Properties, PartialEq)]
pub struct ProgressDialogProps {
    pub title: String,
    pub done: usize,
    pub total: usize,
    /// Stops the job, when it can be stopped.
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

#[component]
pub fn ProgressDialog(props: &ProgressDialogProps) -> Html {
    let modal = use_modal();
    let cancel_ref = use_focus_on_mount();
    let on_key = props.on_cancel.clone().map(|cancel| {
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                cancel.emit(());
            }
        })
    });
    html! {
        <div class="aa-backdrop" onkeydown={on_key}>
            <div ref={modal} class="aa-dialog aa-busy" role="dialog" aria-modal="true" aria-labelledby="aa-busy-title"
                aria-busy="true">
                <h2 id="aa-busy-title">{&props.title}</h2>
                // A job of unknown length (reading a web page) shows a moving bar only.
                if props.total == 0 {
                    <progress></progress>
                } else {
                    <progress max={props.total.to_string()} value={props.done.to_string()}></progress>
                    <p role="status">{format!("{} of {}", props.done, props.total)}</p>
                }
                if let Some(cancel) = &props.on_cancel {
                    <div class="aa-dialog-actions">
                        <button type="button" id={CANCEL_ID} ref={cancel_ref} onclick={cancel.reform(|_| ())}>
                            {"Cancel"}
                        </button>
                    </div>
                }
            </div>
        </div>
    }
}
