//! Picking the source a quote or claim links to: a searchable list of the spans the schema
//! allows, nearest first; clicking a span in the article works too.

use super::fields::{field_value, use_focus_on_mount};
use crate::model::annotations::Annotations;
use crate::model::schema::Schema;
use crate::model::span::{Span, SpanId};
use crate::model::text::shorten;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LinkPickerProps {
    pub schema: Rc<Schema>,
    pub annotations: Rc<Annotations>,
    /// The span the link starts at.
    pub from: Span,
    pub on_pick: Callback<SpanId>,
    pub on_cancel: Callback<()>,
}

/// "Link … to:" with a filter field (focused) and the candidate spans.
#[component]
pub fn LinkPicker(props: &LinkPickerProps) -> Html {
    let filter = use_state(String::new);
    let input_ref = use_focus_on_mount();
    let from = &props.from;
    let targets: Vec<String> = props
        .schema
        .link_targets(&from.label)
        .map(|rule| rule.to.clone())
        .collect();
    let needle = filter.to_lowercase();
    let mut candidates: Vec<&Span> = props
        .annotations
        .spans()
        .iter()
        .filter(|span| span.id != from.id && targets.contains(&span.label))
        .filter(|span| needle.is_empty() || span.text.to_lowercase().contains(&needle))
        .map(|span| &**span)
        .collect();
    // Nearest to the quote first: the source is usually close by.
    candidates.sort_by_key(|span| span.range.start.0.abs_diff(from.range.start.0));
    let first = candidates.first().map(|span| span.id.clone());
    let onkeydown = {
        let (on_pick, on_cancel) = (props.on_pick.clone(), props.on_cancel.clone());
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                if let Some(id) = first.clone() {
                    on_pick.emit(id);
                }
            }
            "Escape" => {
                event.prevent_default();
                event.stop_propagation();
                on_cancel.emit(());
            }
            _ => {}
        })
    };
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| filter.set(field_value(&event)))
    };
    let items = candidates.iter().take(200).map(|span| {
        let on_pick = props.on_pick.clone();
        let id = span.id.clone();
        html! {
            <li key={span.id.as_str()}>
                <button type="button" class="aa-span-item"
                    style={format!("--label-color: {}", props.schema.color_of(&span.label))}
                    onclick={move |_| on_pick.emit(id.clone())}>
                    <span class="aa-tag">{&span.label}</span>
                    <span class="aa-quote" dir="auto">{shorten(&span.text, 100)}</span>
                </button>
            </li>
        }
    });
    let wanted = if targets.is_empty() {
        "span".to_owned()
    } else {
        targets.join(" or ")
    };
    html! {
        <section class="aa-link-picker" aria-label="Link to a source">
            <h2 class="aa-panel-title">{format!("Link this {} to a {wanted}", from.label)}</h2>
            <p class="aa-hint">{"Click it in the article, or pick it here (Enter picks the first). Esc cancels."}</p>
            <input ref={input_ref} type="search" dir="auto" class="aa-filter-input"
                aria-label={format!("Find a {wanted}")} placeholder={format!("Find a {wanted}…")}
                value={(*filter).clone()} {oninput} {onkeydown} />
            if candidates.is_empty() {
                <p class="aa-hint">{format!("No {wanted} spans match. Tag the {wanted} first, then link again.")}</p>
            } else {
                <ul class="aa-span-list" aria-label="Candidates">{for items}</ul>
            }
            <button type="button" class="aa-button aa-small"
                onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel linking"}</button>
        </section>
    }
}
