//! A menu button (the WAI-ARIA pattern): its button opens a list of commands, the arrows
//! move through them, Enter runs one, Esc closes the menu and gives the focus back to the
//! button, and a click or Tab elsewhere closes it.

use super::fields::key_hint;
use crate::keymap::Command;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// One command of a menu, with its key as shown and as `aria-keyshortcuts` names it.
#[derive(Clone, PartialEq)]
pub struct Item {
    pub name: &'static str,
    pub hint: Option<String>,
    pub aria: Option<String>,
    pub command: Command,
}

#[derive(Properties, PartialEq)]
pub struct MenuProps {
    /// The button's text, which names the menu too.
    pub label: AttrValue,
    pub items: Vec<Item>,
    pub on_command: Callback<Command>,
}

/// The menu's items as elements, in order.
fn items_of(list: &NodeRef) -> Vec<web_sys::HtmlElement> {
    let Some(list) = list.cast::<web_sys::Element>() else {
        return Vec::new();
    };
    let Ok(found) = list.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|at| found.item(at)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Where the focus goes when the menu opens.
#[derive(Clone, Copy, PartialEq)]
enum Opened {
    Closed,
    AtFirst,
    AtLast,
}

#[component]
pub fn Menu(props: &MenuProps) -> Html {
    let opened = use_state(|| Opened::Closed);
    let (button, list) = (use_node_ref(), use_node_ref());
    let id = use_memo(props.label.clone(), |label| {
        format!("aa-menu-{}", label.to_lowercase().replace(' ', "-"))
    });
    {
        let list = list.clone();
        use_effect_with(*opened, move |opened| {
            let items = items_of(&list);
            let item = match opened {
                Opened::Closed => None,
                Opened::AtFirst => items.first(),
                Opened::AtLast => items.last(),
            };
            if let Some(item) = item {
                let _ = item.focus();
            }
        });
    }
    let close = {
        let (opened, button) = (opened.clone(), button.clone());
        move || {
            opened.set(Opened::Closed);
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        }
    };
    let onclick = {
        let opened = opened.clone();
        move |_: MouseEvent| {
            opened.set(match *opened {
                Opened::Closed => Opened::AtFirst,
                _ => Opened::Closed,
            })
        }
    };
    let on_button_key = {
        let opened = opened.clone();
        move |event: KeyboardEvent| {
            let at = match event.key().as_str() {
                "ArrowDown" => Opened::AtFirst,
                "ArrowUp" => Opened::AtLast,
                _ => return,
            };
            event.prevent_default();
            event.stop_propagation();
            opened.set(at);
        }
    };
    let on_list_key = {
        let (list, close) = (list.clone(), close.clone());
        move |event: KeyboardEvent| {
            let items = items_of(&list);
            let active = gloo::utils::document().active_element();
            let at = (items.iter()).position(|item| active.as_ref() == Some(item.unchecked_ref()));
            let last = items.len().saturating_sub(1);
            let to = match (event.key().as_str(), at) {
                ("ArrowDown", Some(at)) => (at + 1) % items.len(),
                ("ArrowUp", Some(at)) => at.checked_sub(1).unwrap_or(last),
                ("Home", _) | ("ArrowDown", None) => 0,
                ("End", _) | ("ArrowUp", None) => last,
                ("Escape", _) => {
                    event.prevent_default();
                    event.stop_propagation();
                    close();
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            event.stop_propagation();
            if let Some(item) = items.get(to) {
                let _ = item.focus();
            }
        }
    };
    // Focus leaving the menu (a click elsewhere, Tab) closes it.
    let onfocusout = {
        let opened = opened.clone();
        move |event: FocusEvent| {
            let within = (event.related_target())
                .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
                .zip(
                    event
                        .current_target()
                        .and_then(|me| me.dyn_into::<web_sys::Node>().ok()),
                )
                .is_some_and(|(target, me)| me.contains(Some(&target)));
            if !within {
                opened.set(Opened::Closed);
            }
        }
    };
    let items = props.items.iter().map(|item| {
        let (close, on_command, command) = (
            close.clone(),
            props.on_command.clone(),
            item.command.clone(),
        );
        // The button has the focus again before the command runs, so a dialog it opens
        // gives the focus back to the button.
        let onclick = move |_: MouseEvent| {
            close();
            on_command.emit(command.clone());
        };
        html! {
            <li role="none">
                <button type="button" role="menuitem" tabindex="-1" class="aa-menu-item"
                    aria-keyshortcuts={item.aria.clone()} {onclick}>
                    {item.name}{key_hint(item.hint.clone())}
                </button>
            </li>
        }
    });
    let open = *opened != Opened::Closed;
    html! {
        <div class="aa-menu" {onfocusout}>
            <button ref={button} type="button" class="aa-button" aria-haspopup="menu"
                aria-expanded={open.to_string()} aria-controls={(*id).clone()} {onclick}
                onkeydown={on_button_key}>
                {&props.label}<span class="aa-menu-arrow" aria-hidden="true">{"▾"}</span>
            </button>
            <ul ref={list} id={(*id).clone()} role="menu" class="aa-menu-list" aria-label={props.label.clone()}
                hidden={!open} onkeydown={on_list_key}>
                {for items}
            </ul>
        </div>
    }
}
