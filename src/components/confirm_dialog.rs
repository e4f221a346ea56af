//! Asks before the current article and its spans are replaced.

use super::fields::use_focus_on_mount;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub span_count: usize,
    pub new_title: String,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// "Replace the article?" with the safe choice focused.
#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let keep_ref = use_focus_on_mount();
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    let spans = match props.span_count {
        1 => "1 span".to_owned(),
        n => format!("{n} spans"),
    };
    html! {
        <div class="aa-backdrop">
            <div class="aa-dialog" role="alertdialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-confirm-title" aria-describedby="aa-confirm-text" {onkeydown}>
                <h2 id="aa-confirm-title">{"Replace the current article?"}</h2>
                <p id="aa-confirm-text">
                    {format!("The current article has {spans}. Opening “{}” discards them. \
                        Export or copy the JSON first if you need them.", props.new_title)}
                </p>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button" ref={keep_ref}
                        onclick={props.on_cancel.reform(|_: MouseEvent| ())}>
                        {"Keep current article"}
                    </button>
                    <button type="button" class="aa-button is-danger"
                        onclick={props.on_confirm.reform(|_: MouseEvent| ())}>
                        {"Replace article"}
                    </button>
                </div>
            </div>
        </div>
    }
}
