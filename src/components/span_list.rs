//! The side panel: counts per label and every span in document order.

use crate::model::annotations::Annotations;
use crate::model::label::LabelSet;
use crate::model::span::SpanId;
use crate::model::text::shorten;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SpanListProps {
    pub labels: Rc<LabelSet>,
    pub annotations: Annotations,
    pub selected: Option<SpanId>,
    /// Fired when the user picks a span in the list.
    pub on_pick: Callback<SpanId>,
}

/// Counts per label, then the list of spans; picking one selects it in the article.
#[component]
pub fn SpanList(props: &SpanListProps) -> Html {
    let counts = props.labels.iter().map(|label| {
        html! {
            <li key={label.name.clone()} class="aa-count" style={format!("--label-color: {}", label.color)}>
                <span class="aa-swatch" aria-hidden="true"></span>
                <span>{&label.name}</span>
                <strong data-testid={format!("count-{}", label.name)}>
                    {props.annotations.count(&label.name)}
                </strong>
            </li>
        }
    });
    let items = props.annotations.spans().iter().map(|span| {
        let on_pick = props.on_pick.clone();
        let id = span.id.clone();
        let selected = props.selected.as_ref() == Some(&span.id);
        html! {
            <li key={span.id.as_str()}>
                <button type="button" class={classes!("aa-span-item", selected.then_some("is-selected"))}
                    style={format!("--label-color: {}", props.labels.color_of(&span.label))}
                    aria-pressed={selected.to_string()}
                    data-span-id={span.id.as_str().to_owned()}
                    onclick={move |_| on_pick.emit(id.clone())}>
                    <span class="aa-tag">{&span.label}</span>
                    <span class="aa-quote">{shorten(&span.text, 140)}</span>
                </button>
            </li>
        }
    });
    html! {
        <>
            <h2 class="aa-panel-title">{"Spans "}<span class="aa-total">{props.annotations.len()}</span></h2>
            <ul class="aa-counts" aria-label="Spans per label">{for counts}</ul>
            if props.annotations.is_empty() {
                <p class="aa-hint">{"No spans yet. Select words in the article and press 1, 2 or 3."}</p>
            } else {
                <ol class="aa-span-list" aria-label="Spans in document order">{for items}</ol>
            }
        </>
    }
}
