//! Small helpers the components share: reading a form control and focusing on open.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The value of the input, text area or select an event came from ("" otherwise).
pub fn field_value(event: &Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

/// A node ref for a text input whose value is `value` when it appears and whenever `value`
/// changes, and otherwise what the user typed. (Yew's `value` prop is put back at every
/// render, so a render of the app under the field, such as a save finishing, would undo
/// the typing.)
#[hook]
pub fn use_initial_value(value: String) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(value, move |value| {
            if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
                input.set_value(value);
            }
        });
    }
    node
}

/// The value of the input behind `node` ("" when it is not an input).
pub fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|input| input.value())
        .unwrap_or_default()
}

/// A key hint beside a control's name ("O", "Shift+E"): hidden from assistive technology,
/// which reads the control's `aria-keyshortcuts` instead. Nothing when there is no key.
pub fn key_hint(key: Option<String>) -> Html {
    match key {
        Some(key) => html! { <kbd aria-hidden="true">{key}</kbd> },
        None => html! {},
    }
}

/// Gives the element behind `node` the keyboard focus when the component appears.
#[hook]
pub fn use_focus(node: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(element) = node.cast::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}

/// A node ref whose element takes the keyboard focus when the component appears.
#[hook]
pub fn use_focus_on_mount() -> NodeRef {
    let node = use_node_ref();
    use_focus(node.clone());
    node
}

/// What Tab can reach inside a dialog.
const FOCUSABLE: &str =
    "button:not([disabled]), a[href], input:not([disabled]):not([type=hidden]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// A node ref for a modal dialog's box. Tab and Shift+Tab go round the dialog's controls
/// (never out to the page or to `<body>`), and when the dialog goes, the focus returns to
/// where it was when the dialog came: the control that opened it, or the article when that
/// was nothing (a key pressed on the page) or is gone.
#[hook]
pub fn use_modal() -> NodeRef {
    let node = use_node_ref();
    // Read while the dialog first renders, before anything in it takes the focus.
    let opener = use_memo((), |_| gloo::utils::document().active_element());
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let trap = node.cast::<web_sys::HtmlElement>().map(|dialog| {
                let within = dialog.clone();
                // Not passive: the Tab it takes must not also move the focus on.
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(
                    &dialog,
                    "keydown",
                    options,
                    move |event| {
                        if let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                            go_round(&within, event);
                        }
                    },
                )
            });
            move || {
                drop(trap);
                give_back(opener.as_ref().as_ref());
            }
        });
    }
    node
}

/// `use_modal` for a long dialog read from its top: the dialog itself takes the focus, so
/// it opens scrolled to its top (its buttons are at the bottom) and a screen reader starts
/// at its title.
#[hook]
pub fn use_modal_at_top() -> NodeRef {
    let modal = use_modal();
    use_focus(modal.clone());
    modal
}

/// Tab on the dialog's last control goes to its first, Shift+Tab on its first to its last.
fn go_round(dialog: &web_sys::HtmlElement, event: &web_sys::KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Ok(found) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|at| found.item(at)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|control| control.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        event.prevent_default();
        return;
    };
    let active = gloo::utils::document().active_element();
    let at = |control: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|active| active == control.unchecked_ref::<web_sys::Element>())
    };
    let outside = !active
        .as_ref()
        .is_some_and(|active| dialog.contains(Some(active)))
        || active.as_ref() == Some(dialog.unchecked_ref());
    let next = match event.shift_key() {
        false if at(last) || outside => first,
        true if at(first) || outside => last,
        _ => return,
    };
    event.prevent_default();
    let _ = next.focus();
}

/// Gives the focus back to `opener`, or to the article.
fn give_back(opener: Option<&web_sys::Element>) {
    let document = gloo::utils::document();
    let opener = opener
        .filter(|opener| {
            opener.is_connected()
                && Some(*opener) != document.body().as_ref().map(|body| body.unchecked_ref())
        })
        .cloned()
        .or_else(|| document.query_selector(".aa-article").ok().flatten());
    if let Some(element) = opener.and_then(|opener| opener.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
