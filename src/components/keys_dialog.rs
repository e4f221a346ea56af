//! The keyboard settings (Ctrl+,): every single-character shortcut can move to another key
//! or lose its key, and all of them can be switched off at once (WCAG 2.1.4). A key that
//! is taken is refused, and the dialog says by what.

use super::fields::use_modal_at_top;
use crate::keymap::{self, Keymap, Shortcut, GROUPS};
use crate::model::schema::Schema;
use std::rc::Rc;
use yew::prelude::*;

/// What the keyboard settings are asked to change.
#[derive(Clone, Debug, PartialEq)]
pub enum KeysChange {
    /// Put a shortcut on a key, or (`None`) take its key away.
    Set(Shortcut, Option<char>),
    /// Switch every single-character key on or off.
    SingleKeys(bool),
    /// Every shortcut back on its default key.
    Defaults,
}

/// What the dialog says about the last change: what the keys now do, or why not.
#[derive(Clone, Debug, PartialEq)]
pub struct KeysSaid {
    pub text: String,
    pub refused: bool,
}

#[derive(Properties, PartialEq)]
pub struct KeysDialogProps {
    pub keymap: Rc<Keymap>,
    pub schema: Rc<Schema>,
    /// What the last change did, or why it was refused.
    pub said: Option<KeysSaid>,
    pub on_change: Callback<KeysChange>,
    pub on_close: Callback<()>,
}

#[component]
pub fn KeysDialog(props: &KeysDialogProps) -> Html {
    let modal = use_modal_at_top();
    // The shortcut whose new key is awaited (its Change button has the focus).
    let listening = use_state(|| None::<Shortcut>);
    {
        // A key taken: the wait is over. (A key refused: the row still waits for another.)
        let listening = listening.clone();
        use_effect_with(props.keymap.clone(), move |_| listening.set(None));
    }
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            on_close.emit(());
        }
    });
    let keys = &props.keymap;
    let shadowed: Vec<Shortcut> = keys.shadowed(&props.schema).collect();
    let row = |shortcut: Shortcut| {
        let key = keys.key(shortcut);
        let waiting = *listening == Some(shortcut);
        let onclick = {
            let listening = listening.clone();
            move |_: MouseEvent| listening.set((!waiting).then_some(shortcut))
        };
        let capture = {
            let (listening, on_change, current) = (listening.clone(), props.on_change.clone(), key);
            move |event: KeyboardEvent| {
                if !waiting {
                    return;
                }
                match event.key().as_str() {
                    "Tab" => return listening.set(None),
                    "Escape" => listening.set(None),
                    "Shift" | "Control" | "Alt" | "AltGraph" | "Meta" | "CapsLock" => {}
                    // A plain key, or what AltGr (reported as Ctrl+Alt) types.
                    key if !event.meta_key() && event.ctrl_key() == event.alt_key() => {
                        let typed = keymap::typed(key, event.shift_key());
                        let altgr = event.ctrl_key();
                        if let Some(key) =
                            typed.filter(|key| !altgr || !key.is_ascii_alphanumeric())
                        {
                            if Some(key) == current {
                                listening.set(None);
                            }
                            on_change.emit(KeysChange::Set(shortcut, Some(key)));
                        }
                    }
                    _ => {}
                }
                // Keys pressed to choose are not the button's (Enter, Space) or the dialog's.
                event.prevent_default();
                event.stop_propagation();
            }
        };
        let on_none = props
            .on_change
            .reform(move |_: MouseEvent| KeysChange::Set(shortcut, None));
        let label = (shadowed.contains(&shortcut))
            .then(|| key.and_then(|key| props.schema.by_hotkey(key)))
            .flatten();
        html! {
            <tr>
                <th scope="row">{shortcut.what()}</th>
                <td>
                    if let Some(key) = key {
                        <kbd>{keymap::shown(key)}</kbd>
                    } else {
                        <span class="aa-muted">{"no key"}</span>
                    }
                    if let Some(label) = label {
                        <span class="aa-form-error">{format!(" (the label {} has this key: it tags)", label.name)}</span>
                    }
                </td>
                <td class="aa-key-actions">
                    <button type="button" class={classes!("aa-button", "aa-small", waiting.then_some("is-on"))}
                        aria-pressed={waiting.to_string()} {onclick} onkeydown={capture}>
                        if waiting {
                            {"Press a letter, digit or sign… (Esc: keep)"}
                        } else {
                            {"Change"}
                        }
                        <span class="aa-visually-hidden">{format!(" the key for: {}", shortcut.what())}</span>
                    </button>
                    // Never disabled: it keeps the focus when it has just taken the key away.
                    <button type="button" class="aa-button aa-small" onclick={on_none}>
                        {"No key"}<span class="aa-visually-hidden">{format!(" for: {}", shortcut.what())}</span>
                    </button>
                </td>
            </tr>
        }
    };
    let groups = GROUPS.iter().map(|group| {
        let rows = Shortcut::all().filter(|shortcut| shortcut.group() == *group);
        html! {
            <table class="aa-keys aa-key-settings">
                <caption>{*group}</caption>
                <tbody>{for rows.map(row)}</tbody>
            </table>
        }
    });
    let on_single = {
        let (on_change, on) = (props.on_change.clone(), keys.single_keys);
        move |_: Event| on_change.emit(KeysChange::SingleKeys(!on))
    };
    let (said, refused) = match &props.said {
        Some(said) => (said.text.clone(), said.refused),
        None => (String::new(), false),
    };
    html! {
        <div class="aa-backdrop" onclick={props.on_close.reform(|_: MouseEvent| ())}>
            <div ref={modal} class="aa-dialog aa-help" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-keys-title" {onkeydown} onclick={|event: MouseEvent| event.stop_propagation()}>
                <h2 id="aa-keys-title">{"Keyboard"}</h2>
                <p class="aa-hint">{"A single-key shortcut acts the moment its key is pressed. Switch them \
                    off if you use speech input or press keys by accident: every action stays on its \
                    button, and keys with Ctrl, Esc, Delete, Tab, F7 and the arrows keep working. \
                    Label keys are set in the label schema. Kept in this browser."}</p>
                <label class="aa-check">
                    <input type="checkbox" checked={keys.single_keys} onchange={on_single} />
                    {"Single-key shortcuts"}
                </label>
                <p class={classes!("aa-keys-said", refused.then_some("aa-form-error"))} aria-live="polite"
                    data-testid="keys-said">{said}</p>
                <fieldset class="aa-key-list" disabled={!keys.single_keys}>
                    <legend class="aa-visually-hidden">{"Shortcuts"}</legend>
                    {for groups}
                </fieldset>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button"
                        onclick={props.on_change.reform(|_: MouseEvent| KeysChange::Defaults)}>
                        {"Restore the default keys"}
                    </button>
                    <button type="button" class="aa-button"
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
