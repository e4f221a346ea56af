//! The side panel's list: counts per label, a filter, and every span in document order,
//! indented where one span lies inside another, with its links. A long list shows 200 rows
//! at a time (around the selected span, or paged by the user), so an edit among 10,000 spans
//! re-renders a window, not the list.

use super::fields::field_value;
use super::pager::{window_start, Pager, ROWS};
use crate::keymap::{Keymap, Shortcut};
use crate::model::annotations::Annotations;
use crate::model::schema::{kind_title, Schema};
use crate::model::span::{Relation, Span, SpanId};
use crate::model::text::shorten;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// The id of the filter field, so the filter key can focus it.
pub const FILTER_FIELD_ID: &str = "aa-span-filter";

#[derive(Properties, PartialEq)]
pub struct SpanListProps {
    pub schema: Rc<Schema>,
    pub annotations: Rc<Annotations>,
    pub selected: Option<SpanId>,
    pub keymap: Rc<Keymap>,
    /// Fired when the user picks a span in the list.
    pub on_pick: Callback<SpanId>,
}

/// How deep each span sits inside earlier spans (0 = not inside any).
fn depths(spans: &[Rc<Span>]) -> Vec<usize> {
    let mut open: Vec<usize> = Vec::new(); // ends of the spans that contain the current one
    spans
        .iter()
        .map(|span| {
            open.retain(|&end| end >= span.range.end.0 && end > span.range.start.0);
            let depth = open.len();
            open.push(span.range.end.0);
            depth
        })
        .collect()
}

/// Counts per label, a filter, then the spans; picking one selects it in the article.
#[component]
pub fn SpanList(props: &SpanListProps) -> Html {
    let text_filter = use_state(String::new);
    let label_filter = use_state(String::new);
    let attribute_filter = use_state(String::new);
    // The first row shown and the selection it was placed for; paging re-renders.
    let window = use_mut_ref(|| (0usize, None::<SpanId>));
    let rerender = use_force_update();
    let counts = props.schema.iter().map(|label| {
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
    let spans = props.annotations.spans();
    let depths = depths(spans);
    let needle = text_filter.trim().to_lowercase();
    let attribute = attribute_filter.split_once('\u{1f}');
    let shown: Vec<(&Span, &usize)> = spans
        .iter()
        .map(|span| &**span)
        .zip(&depths)
        .filter(|(span, _)| {
            (label_filter.is_empty() || span.label == *label_filter)
                && attribute.is_none_or(|(name, value)| {
                    span.attributes.get(name).is_some_and(|v| v == value)
                })
                && (needle.is_empty()
                    || span.text.to_lowercase().contains(&needle)
                    || span.note.to_lowercase().contains(&needle)
                    || span
                        .attributes
                        .values()
                        .any(|value| value.to_lowercase().contains(&needle)))
        })
        .collect();
    let begin = {
        let mut window = window.borrow_mut();
        let moved = window.1 != props.selected;
        let moved_to = props
            .selected
            .as_ref()
            .filter(|_| moved)
            .and_then(|selected| shown.iter().position(|(span, _)| span.id == *selected));
        window.0 = window_start(window.0, shown.len(), moved_to);
        window.1 = props.selected.clone();
        window.0
    };
    let end = shown.len().min(begin + ROWS);
    let on_page = {
        let (window, rerender) = (window.clone(), rerender.clone());
        Callback::from(move |to: usize| {
            window.borrow_mut().0 = to;
            rerender.force_update();
        })
    };
    // Each span's outgoing links, found once rather than per row.
    let mut outgoing: HashMap<&SpanId, Vec<&Relation>> = HashMap::new();
    for relation in props.annotations.relations() {
        outgoing.entry(&relation.from).or_default().push(relation);
    }
    let items: Vec<Html> = shown[begin..end]
        .iter()
        .map(|&(span, depth)| {
            let links: Vec<String> = (outgoing.get(&span.id).into_iter().flatten())
                .filter_map(|relation| {
                    let to = props.annotations.get(&relation.to)?;
                    Some(format!(
                        "→ {}: {}",
                        kind_title(&relation.kind),
                        shorten(&to.text, 60)
                    ))
                })
                .collect();
            html! {
                <SpanRow key={span.id.as_str()} span={span.clone()} depth={*depth} {links}
                    selected={props.selected.as_ref() == Some(&span.id)}
                    color={props.schema.color_of(&span.label).to_owned()}
                    on_pick={props.on_pick.clone()} />
            }
        })
        .collect();
    let label_options = props.schema.iter().map(|label| {
        html! { <option value={label.name.clone()} selected={*label_filter == label.name}>{&label.name}</option> }
    });
    let attribute_options = props.schema.iter().flat_map(|label| {
        label.attributes.iter().flat_map(|attribute| {
            attribute.values.iter().map(|value| {
                let key = format!("{}\u{1f}{value}", attribute.name);
                html! {
                    <option value={key.clone()} selected={*attribute_filter == key}>
                        {format!("{}: {value}", attribute.name)}
                    </option>
                }
            })
        })
    });
    let filtering = !needle.is_empty() || !label_filter.is_empty() || attribute.is_some();
    html! {
        <>
            <h2 class="aa-panel-title">{"Spans "}<span class="aa-total">{props.annotations.len()}</span></h2>
            <ul class="aa-counts" aria-label="Spans per label">{for counts}</ul>
            <div class="aa-filters" role="search" aria-label="Filter spans">
                <input id={FILTER_FIELD_ID} type="search" dir="auto" class="aa-filter-input"
                    aria-label="Filter spans by text, note or attribute" aria-keyshortcuts={props.keymap.aria(Shortcut::Filter)}
                    placeholder={props.keymap.hint(Shortcut::Filter).map_or("Filter spans…".to_owned(), |key| format!("Filter spans… ({key})"))} value={(*text_filter).clone()}
                    oninput={let (f, w) = (text_filter.clone(), window.clone()); move |e: InputEvent| { w.borrow_mut().0 = 0; f.set(field_value(&e)) }} />
                <select aria-label="Filter by label"
                    onchange={let (f, w) = (label_filter.clone(), window.clone()); move |e: Event| { w.borrow_mut().0 = 0; f.set(field_value(&e)) }}>
                    <option value="" selected={label_filter.is_empty()}>{"All labels"}</option>
                    {for label_options}
                </select>
                <select aria-label="Filter by attribute"
                    onchange={let (f, w) = (attribute_filter.clone(), window.clone()); move |e: Event| { w.borrow_mut().0 = 0; f.set(field_value(&e)) }}>
                    <option value="" selected={attribute.is_none()}>{"Any attribute"}</option>
                    {for attribute_options}
                </select>
            </div>
            if props.annotations.is_empty() {
                <p class="aa-hint">{"No spans yet. Select words in the article, then choose a label."}</p>
            } else if items.is_empty() {
                <p class="aa-hint">{"No span matches the filter."}</p>
            } else {
                <Pager {begin} len={shown.len()} noun="spans" {on_page} />
                <ol class="aa-span-list" start={(begin + 1).to_string()}
                    aria-label={if filtering { "Matching spans" } else { "Spans in document order" }}>
                    {items}
                </ol>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SpanRowProps {
    span: Span,
    depth: usize,
    selected: bool,
    color: String,
    /// The span's outgoing links, as shown.
    links: Vec<String>,
    on_pick: Callback<SpanId>,
}

/// One row of the list; an edit re-renders only the rows whose span changed.
#[component]
fn SpanRow(props: &SpanRowProps) -> Html {
    let SpanRowProps {
        span,
        depth,
        selected,
        ..
    } = props;
    let onclick = {
        let (on_pick, id) = (props.on_pick.clone(), span.id.clone());
        move |_| on_pick.emit(id.clone())
    };
    let links = (props.links.iter()).map(|link| html! { <span class="aa-item-link">{link}</span> });
    let extras = span.attributes.iter().map(|(name, value)| {
        html! {
            <span class="aa-chip">{format!("{name}: {value}")}</span>
        }
    });
    html! {
        <li style={format!("--depth: {depth}")}>
            <button type="button" class={classes!("aa-span-item", selected.then_some("is-selected"))}
                style={format!("--label-color: {}", props.color)}
                aria-pressed={selected.to_string()}
                data-span-id={span.id.as_str().to_owned()} data-depth={depth.to_string()}
                {onclick}>
                <span class="aa-tag">{&span.label}
                    if *depth > 0 { <span class="aa-muted">{" · inside"}</span> }
                </span>
                <span class="aa-quote" dir="auto">{shorten(&span.text, 140)}</span>
                {for links}
                if !span.attributes.is_empty() { <span class="aa-chips">{for extras}</span> }
                if !span.note.is_empty() {
                    <span class="aa-item-note">{"✎ "}{shorten(&span.note, 80)}</span>
                }
            </button>
        </li>
    }
}
