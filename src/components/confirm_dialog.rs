//! Asks before something that cannot be undone, with the safe choice focused.

use super::fields::{use_focus_on_mount, use_modal};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub title: String,
    pub text: String,
    /// The button that does it ("Delete project").
    pub confirm: String,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let modal = use_modal();
    let keep_ref = use_focus_on_mount();
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog" role="alertdialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-confirm-title" aria-describedby="aa-confirm-text" {onkeydown}>
                <h2 id="aa-confirm-title">{&props.title}</h2>
                <p id="aa-confirm-text">{&props.text}</p>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button" ref={keep_ref}
                        onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                    <button type="button" class="aa-button is-danger"
                        onclick={props.on_confirm.reform(|_: MouseEvent| ())}>{&props.confirm}</button>
                </div>
            </div>
        </div>
    }
}
