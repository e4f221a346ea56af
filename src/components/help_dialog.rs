//! The keyboard shortcuts, generated from the key map (`?` opens it).

use super::fields::use_modal;
use crate::keymap::SHORTCUTS;
use crate::model::schema::Schema;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpDialogProps {
    pub schema: Rc<Schema>,
    pub on_close: Callback<()>,
}

/// Every shortcut, grouped, with the schema's label keys first.
#[component]
pub fn HelpDialog(props: &HelpDialogProps) -> Html {
    let modal = use_modal();
    {
        // The dialog itself takes the focus, so it opens at its top (its Close button is at
        // the bottom) and a screen reader starts at its title.
        let modal = modal.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = modal.cast::<web_sys::HtmlElement>() {
                let _ = dialog.focus();
            }
        });
    }
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if matches!(event.key().as_str(), "Escape" | "?") {
            event.prevent_default();
            event.stop_propagation();
            on_close.emit(());
        }
    });
    let row = |keys: String, what: String| html! { <tr><th scope="row"><kbd>{keys}</kbd></th><td>{what}</td></tr> };
    let labels = props.schema.iter().map(|label| {
        row(
            label.hotkey.to_string(),
            format!("Tag as {} (or re-label the selected span)", label.name),
        )
    });
    let groups = SHORTCUTS.iter().map(|(group, keys)| {
        html! {
            <table class="aa-keys">
                <caption>{*group}</caption>
                <tbody>{for keys.iter().map(|(keys, what)| row((*keys).to_owned(), (*what).to_owned()))}</tbody>
            </table>
        }
    });
    html! {
        <div class="aa-backdrop" onclick={props.on_close.reform(|_: MouseEvent| ())}>
            <div ref={modal} class="aa-dialog aa-help" role="dialog" aria-modal="true" tabindex="-1" aria-labelledby="aa-help-title"
                {onkeydown} onclick={|event: MouseEvent| event.stop_propagation()}>
                <h2 id="aa-help-title">{"Keyboard shortcuts"}</h2>
                <table class="aa-keys">
                    <caption>{"Labels"}</caption>
                    <tbody>{for labels}</tbody>
                </table>
                {for groups}
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button"
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
