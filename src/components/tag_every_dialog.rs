//! "Tag every occurrence" when there are more than 20: the occurrences listed in their
//! context first, then tagged with one click (one undo step).

use super::fields::{use_focus_on_mount, use_modal};
use std::rc::Rc;
use yew::prelude::*;

/// What would be tagged: the label, the words, and each occurrence in its context
/// (before, the words, after).
#[derive(Clone, Debug, PartialEq)]
pub struct TagEveryPreview {
    pub label: String,
    pub quote: String,
    pub match_case: bool,
    pub contexts: Vec<(String, String, String)>,
}

#[derive(Properties, PartialEq)]
pub struct TagEveryDialogProps {
    pub preview: Rc<TagEveryPreview>,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// Occurrences listed at most (the count says how many there are).
const LISTED: usize = 200;

#[component]
pub fn TagEveryDialog(props: &TagEveryDialogProps) -> Html {
    let modal = use_modal();
    let focus = use_focus_on_mount();
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    let preview = &props.preview;
    let count = preview.contexts.len();
    let case = match preview.match_case {
        true => "same case",
        false => "any case",
    };
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog aa-tag-every" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-tag-every-title" {onkeydown}>
                <h2 id="aa-tag-every-title">{format!("Tag {count} more as {}?", preview.label)}</h2>
                <p dir="auto">{format!("Every other occurrence of “{}” ({case}, whole words):", preview.quote)}</p>
                <ol class="aa-occurrences">
                    {for preview.contexts.iter().take(LISTED).map(|(before, words, after)| html! {
                        <li dir="auto">{"…"}{before}<mark>{words}</mark>{after}{"…"}</li>
                    })}
                </ol>
                if count > LISTED {
                    <p>{format!("and {} more.", count - LISTED)}</p>
                }
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button"
                        onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                    <button type="button" class="aa-button" ref={focus}
                        onclick={props.on_confirm.reform(|_: MouseEvent| ())}>{format!("Tag all {count}")}</button>
                </div>
            </div>
        </div>
    }
}
