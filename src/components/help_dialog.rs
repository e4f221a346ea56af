//! The keyboard shortcuts, generated from the key map as the user has set it (`?` opens it).

use super::fields::use_modal_at_top;
use crate::keymap::{self, Keymap, Shortcut, FIXED, GROUPS};
use crate::model::schema::Schema;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpDialogProps {
    pub schema: Rc<Schema>,
    pub keymap: Rc<Keymap>,
    /// Open the keyboard settings.
    pub on_keys: Callback<()>,
    pub on_close: Callback<()>,
}

/// Every shortcut, grouped, with the schema's label keys first.
#[component]
pub fn HelpDialog(props: &HelpDialogProps) -> Html {
    let modal = use_modal_at_top();
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if matches!(event.key().as_str(), "Escape" | "?") {
            event.prevent_default();
            event.stop_propagation();
            on_close.emit(());
        }
    });
    let keys = &props.keymap;
    let row = |keys: String, what: String| html! { <tr><th scope="row"><kbd>{keys}</kbd></th><td>{what}</td></tr> };
    let labels = props.schema.iter().map(|label| {
        row(
            keymap::shown(label.hotkey),
            format!("Tag as {} (or re-label the selected span)", label.name),
        )
    });
    let labels = keys.single_keys.then(|| labels.collect::<Html>());
    // Single keys (as the user set them; those without a key are left out), then the
    // fixed keys of the same group.
    let groups = GROUPS.iter().map(|group| {
        let single = (Shortcut::all())
            .filter(|shortcut| shortcut.group() == *group)
            .filter_map(|shortcut| Some((keys.hint(shortcut)?, shortcut.what().to_owned())));
        let fixed = (FIXED.iter())
            .filter(|(of, _)| of == group)
            .flat_map(|(_, rows)| {
                rows.iter()
                    .map(|(keys, what)| ((*keys).to_owned(), (*what).to_owned()))
            });
        html! {
            <table class="aa-keys">
                <caption>{*group}</caption>
                <tbody>{for single.chain(fixed).map(|(keys, what)| row(keys, what))}</tbody>
            </table>
        }
    });
    let exact = keys.single_keys.then(|| {
        row(
            "Shift + label key".to_owned(),
            "Tag exactly the selected characters (no snapping)".to_owned(),
        )
    });
    html! {
        <div class="aa-backdrop" onclick={props.on_close.reform(|_: MouseEvent| ())}>
            <div ref={modal} class="aa-dialog aa-help" role="dialog" aria-modal="true" tabindex="-1" aria-labelledby="aa-help-title"
                {onkeydown} onclick={|event: MouseEvent| event.stop_propagation()}>
                <h2 id="aa-help-title">{"Keyboard shortcuts"}</h2>
                if !keys.single_keys {
                    <p class="aa-hint">{"Single-key shortcuts are off: label and command keys do nothing; \
                        the buttons do it all."}</p>
                }
                <table class="aa-keys">
                    <caption>{"Labels"}</caption>
                    <tbody>{labels}{exact}</tbody>
                </table>
                {for groups}
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button" aria-keyshortcuts="Control+,"
                        onclick={props.on_keys.reform(|_: MouseEvent| ())}>{"Change keys…"}</button>
                    <button type="button" class="aa-button"
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
