//! Asked when the user leaves an article whose work is not stored: a write failed, or
//! another tab saved the article meanwhile. Nothing is dropped without their word.

use super::fields::{use_focus_on_mount, use_modal};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LeaveDialogProps {
    /// The article's title.
    pub title: String,
    /// True when another tab's save is in the way (else a write failed).
    pub conflict: bool,
    /// Why the last write failed.
    pub problem: String,
    pub on_retry: Callback<()>,
    pub on_keep_mine: Callback<()>,
    pub on_take_theirs: Callback<()>,
    pub on_backup: Callback<()>,
    pub on_stay: Callback<()>,
}

#[component]
pub fn LeaveDialog(props: &LeaveDialogProps) -> Html {
    let modal = use_modal();
    let stay_ref = use_focus_on_mount();
    let on_stay = props.on_stay.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_stay.emit(());
        }
    });
    let button = |label: &'static str, callback: &Callback<()>| {
        html! {
            <button type="button" class="aa-button" onclick={callback.reform(|_: MouseEvent| ())}>
                {label}
            </button>
        }
    };
    let text = if props.conflict {
        format!(
            "Another tab saved “{}” after this tab opened it, so your changes are not stored. \
             Keep yours (they replace the other tab's), take the other tab's (yours are \
             dropped), or download a backup first.",
            props.title
        )
    } else {
        format!(
            "Your changes to “{}” are not stored yet ({}). They stay in this tab and are saved \
             as soon as the browser lets them, even after you move on; download a backup to \
             be safe.",
            props.title, props.problem
        )
    };
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog" role="alertdialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-leave-title" aria-describedby="aa-leave-text" {onkeydown}>
                <h2 id="aa-leave-title">{"This article's work is not stored"}</h2>
                <p id="aa-leave-text">{text}</p>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button" ref={stay_ref}
                        onclick={props.on_stay.reform(|_: MouseEvent| ())}>{"Stay here"}</button>
                    {button("Download a backup", &props.on_backup)}
                    if props.conflict {
                        {button("Take theirs and go on", &props.on_take_theirs)}
                        {button("Keep mine and go on", &props.on_keep_mine)}
                    } else {
                        {button("Try again and go on", &props.on_retry)}
                    }
                </div>
            </div>
        </div>
    }
}
