//! A claim's review beyond its verdict: who gave it and when, a summary, where the review
//! is published, and the evidence it was checked against. Evidence is data the user
//! enters: a link is never fetched.

use super::fields::{field_value, input_value, key_hint, use_initial_value};
use crate::keymap::{Keymap, Shortcut};
use crate::model::schema::{REVIEWED_BY, REVIEWED_ON, REVIEW_URL, SUMMARY};
use crate::model::span::{Evidence, Span};
use std::rc::Rc;
use yew::prelude::*;

/// The id of the evidence form's first field, so the evidence key can focus it.
pub const EVIDENCE_FIELD_ID: &str = "aa-evidence-url";

#[derive(Properties, PartialEq)]
pub struct ReviewFieldsProps {
    pub span: Span,
    pub keymap: Rc<Keymap>,
    /// (attribute name, value or None to clear).
    pub on_attribute: Callback<(String, Option<String>)>,
    /// Evidence to add (`Ok`), or the index of an item to remove (`Err`).
    pub on_evidence: Callback<Result<Evidence, usize>>,
}

#[derive(Properties, PartialEq)]
struct AttributeFieldProps {
    name: &'static str,
    title: &'static str,
    kind: &'static str,
    /// The model's value ("" when none): shown when the field appears and whenever it
    /// changes (undo, redo), else what the user typed stays.
    value: String,
    on_attribute: Callback<(String, Option<String>)>,
}

/// A text field saved to one attribute when it changes (on leaving it, or Enter).
#[component]
fn AttributeField(props: &AttributeFieldProps) -> Html {
    let node = use_initial_value(props.value.clone());
    let name = props.name;
    let onchange = props.on_attribute.reform(move |event: Event| {
        let value = field_value(&event).trim().to_owned();
        (
            name.to_owned(),
            Some(value).filter(|value| !value.is_empty()),
        )
    });
    html! {
        <label class="aa-field">
            <span>{props.title}</span>
            <input ref={node} type={props.kind} dir="auto" aria-label={props.title} {onchange} />
        </label>
    }
}

/// The review fields and evidence of a claim.
#[component]
pub fn ReviewFields(props: &ReviewFieldsProps) -> Html {
    let span = &props.span;
    let (url, title, passage, note) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let area = |node: &NodeRef| {
        node.cast::<web_sys::HtmlTextAreaElement>()
            .map(|area| area.value())
            .unwrap_or_default()
    };
    let onsubmit = {
        let (url, title, passage, note) =
            (url.clone(), title.clone(), passage.clone(), note.clone());
        let on_evidence = props.on_evidence.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let evidence = Evidence {
                url: input_value(&url),
                title: input_value(&title),
                passage: area(&passage),
                note: input_value(&note),
            };
            if evidence.is_empty() {
                return;
            }
            on_evidence.emit(Ok(evidence));
            for node in [&url, &title, &note] {
                if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
                    input.set_value("");
                }
            }
            if let Some(field) = passage.cast::<web_sys::HtmlTextAreaElement>() {
                field.set_value("");
            }
        })
    };
    // A pasted "link to highlight" brings its quoted passage along.
    let oninput = {
        let passage = passage.clone();
        Callback::from(move |event: InputEvent| {
            let from_link = Evidence::from_link(&field_value(&event));
            if let Some(field) = passage.cast::<web_sys::HtmlTextAreaElement>() {
                if field.value().is_empty() && !from_link.passage.is_empty() {
                    field.set_value(&from_link.passage);
                }
            }
        })
    };
    let items = span.evidence.iter().enumerate().map(|(at, item)| {
        let name = [&item.title, &item.url, &item.passage, &item.note]
            .into_iter()
            .find(|field| !field.is_empty())
            .cloned()
            .unwrap_or_default();
        let remove = props.on_evidence.reform(move |_: MouseEvent| Err(at));
        html! {
            <li class="aa-evidence-item">
                if item.url.is_empty() {
                    <strong dir="auto">{&name}</strong>
                } else {
                    <a href={item.url.clone()} target="_blank" rel="noopener noreferrer" dir="auto">{&name}</a>
                }
                if !item.passage.is_empty() {
                    <blockquote dir="auto">{&item.passage}</blockquote>
                }
                if !item.note.is_empty() {
                    <p class="aa-muted" dir="auto">{&item.note}</p>
                }
                <button type="button" class="aa-button aa-small"
                    aria-label={format!("Remove evidence: {name}")} onclick={remove}>{"Remove"}</button>
            </li>
        }
    });
    let value = |name: &str| span.attributes.get(name).cloned().unwrap_or_default();
    let signed = match (
        span.attributes.get(REVIEWED_BY),
        span.attributes.get(REVIEWED_ON),
    ) {
        (Some(by), Some(on)) => format!("Verdict by {by} on {on}"),
        (None, Some(on)) => format!("Verdict given on {on}"),
        _ => String::new(),
    };
    html! {
        <fieldset class="aa-review">
            <legend>{"Review"}</legend>
            if !signed.is_empty() {
                <p class="aa-muted">{signed}</p>
            }
            <AttributeField name={SUMMARY} title="Summary" kind="text" value={value(SUMMARY)}
                on_attribute={props.on_attribute.clone()} />
            <AttributeField name={REVIEW_URL} title="Review URL" kind="url" value={value(REVIEW_URL)}
                on_attribute={props.on_attribute.clone()} />
            <h3 class="aa-subhead">{"Evidence "}{key_hint(props.keymap.hint(Shortcut::Evidence))}</h3>
            if !span.evidence.is_empty() {
                <ol class="aa-evidence" aria-label="Evidence">{for items}</ol>
            }
            <form class="aa-evidence-form" aria-label="Add evidence" {onsubmit}>
                <input ref={url} id={EVIDENCE_FIELD_ID} type="url" aria-label="Evidence link"
                    placeholder="Link (paste one: a link to a highlight brings its passage)" {oninput} />
                <input ref={title} type="text" dir="auto" aria-label="Evidence title" placeholder="Title" />
                <textarea ref={passage} dir="auto" rows="2" aria-label="Quoted passage" placeholder="Quoted passage" />
                <input ref={note} type="text" dir="auto" aria-label="Evidence note" placeholder="Note" />
                <button type="submit" class="aa-button aa-small">{"Add evidence"}</button>
            </form>
        </fieldset>
    }
}
