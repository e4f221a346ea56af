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

/// A node ref whose element takes the keyboard focus when the component appears.
#[hook]
pub fn use_focus_on_mount() -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    node
}
