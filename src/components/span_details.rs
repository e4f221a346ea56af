//! The selected span in full: its note, attributes and links, all editable by keyboard.

use super::fields::field_value;
use super::fields::key_hint;
use super::review_fields::ReviewFields;
use crate::keymap::{Keymap, Shortcut};
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::schema::{kind_title, Schema, VERDICT};
use crate::model::span::{Evidence, Span, SpanId};
use crate::model::text::shorten;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The id of the note field, so the note key can focus it.
pub const NOTE_FIELD_ID: &str = "aa-note";
/// How long after the last keystroke a note is saved.
const NOTE_SAVE_DELAY_MS: u32 = 700;

/// The id of the attribute group, so the attributes key can focus its first control.
pub const ATTRIBUTES_ID: &str = "aa-attributes";

#[derive(Properties, PartialEq)]
pub struct SpanDetailsProps {
    pub schema: Rc<Schema>,
    /// The article (a split span's pieces are shown in its words).
    pub document: Rc<Document>,
    pub span: Span,
    pub annotations: Rc<Annotations>,
    pub keymap: Rc<Keymap>,
    pub on_note: Callback<String>,
    /// (attribute name, value or None to clear).
    pub on_attribute: Callback<(String, Option<String>)>,
    pub on_link: Callback<()>,
    /// Tag every other occurrence of its words with its label.
    pub on_tag_every: Callback<()>,
    /// A relation id to remove.
    pub on_unlink: Callback<String>,
    pub on_pick: Callback<SpanId>,
    /// The index of a piece to take out of a split span.
    pub on_remove_piece: Callback<usize>,
    /// Evidence to add (`Ok`), or the index of an item to remove (`Err`).
    pub on_evidence: Callback<Result<Evidence, usize>>,
}

/// Note, attributes and links of the selected span.
#[component]
pub fn SpanDetails(props: &SpanDetailsProps) -> Html {
    let span = &props.span;
    let label = props.schema.get(&span.label);
    // The note field is not controlled by the model: a re-render while the user types
    // (a drag, a toggle, a save elsewhere) must never reset it. The model's note is copied
    // in when it changes from outside (another span, undo); typing is saved a moment after
    // it stops, on leaving the field, or at once with Ctrl+Enter.
    let note_ref = use_node_ref();
    // What is typed but not yet saved, and the timer that will save it.
    let unsaved = use_mut_ref(|| None::<String>);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        // Leaving the span (the panel shows another one) saves what is still unsaved.
        let (unsaved, timer, on_note) = (unsaved.clone(), timer.clone(), props.on_note.clone());
        use_effect_with((), move |_| {
            move || {
                timer.borrow_mut().take();
                if let Some(value) = unsaved.borrow_mut().take() {
                    on_note.emit(value);
                }
            }
        });
    }
    {
        let note_ref = note_ref.clone();
        use_effect_with(span.note.clone(), move |note| {
            if let Some(area) = note_ref.cast::<web_sys::HtmlTextAreaElement>() {
                if area.value().trim_end() != note.as_str() {
                    area.set_value(note);
                }
            }
        });
    }
    let note = {
        let on_note = props.on_note.clone();
        let save_now = {
            let (on_note, unsaved, timer) = (on_note.clone(), unsaved.clone(), timer.clone());
            Callback::from(move |value: String| {
                timer.borrow_mut().take();
                unsaved.borrow_mut().take();
                on_note.emit(value);
            })
        };
        let oninput = {
            let (on_note, unsaved, timer) = (on_note.clone(), unsaved.clone(), timer.clone());
            Callback::from(move |event: InputEvent| {
                *unsaved.borrow_mut() = Some(field_value(&event));
                let (on_note, unsaved) = (on_note.clone(), unsaved.clone());
                let save = gloo::timers::callback::Timeout::new(NOTE_SAVE_DELAY_MS, move || {
                    if let Some(value) = unsaved.borrow_mut().take() {
                        on_note.emit(value);
                    }
                });
                *timer.borrow_mut() = Some(save); // replaces (cancels) the previous one
            })
        };
        let onchange = save_now.reform(|event: Event| field_value(&event));
        // Ctrl+Enter saves at once; Esc leaves the field (which saves it).
        let onkeydown = Callback::from(move |event: KeyboardEvent| {
            let area = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
            if let Some(area) = area {
                if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                    event.prevent_default();
                    save_now.emit(area.value());
                } else if event.key() == "Escape" && !event.is_composing() {
                    event.prevent_default();
                    let _ = area.blur();
                }
            }
        });
        html! {
            <label class="aa-field">
                <span>{"Note "}{key_hint(props.keymap.hint(Shortcut::Note))}</span>
                <textarea ref={note_ref} id={NOTE_FIELD_ID} dir="auto" class="aa-note" rows="3" aria-label="Note"
                    defaultvalue={span.note.clone()}
                    placeholder="Why this span matters, what to check… (saved as you type)"
                    {oninput} {onchange} {onkeydown} />
            </label>
        }
    };
    let attributes = label.map(|label| &label.attributes).filter(|list| !list.is_empty()).map(|list| {
        let controls = list.iter().map(|attribute| {
            let current = span.attributes.get(&attribute.name).cloned();
            let name = attribute.name.clone();
            let onchange = props.on_attribute.reform(move |event: Event| {
                let value = field_value(&event);
                (name.clone(), Some(value).filter(|value| !value.is_empty()))
            });
            let unknown = current
                .clone()
                .filter(|value| !attribute.values.contains(value))
                .map(|value| html! { <option value={value.clone()} selected=true>{format!("{value} (not in schema)")}</option> });
            let options = attribute.values.iter().map(|value| {
                html! {
                    <option value={value.clone()} selected={current.as_ref() == Some(value)}>
                        {value}
                    </option>
                }
            });
            // Keyed by the value too: a select the user touched keeps its own choice unless
            // it is rebuilt, and undo or redo must show the model's value.
            html! {
                <label class="aa-attribute" key={format!("{}\u{1f}{}", attribute.name, current.clone().unwrap_or_default())}>
                    <span>{&attribute.name}</span>
                    <select aria-label={attribute.name.clone()} {onchange}>
                        <option value="" selected={current.is_none()}>{"—"}</option>
                        {for options}
                        {unknown}
                    </select>
                </label>
            }
        });
        html! {
            <fieldset id={ATTRIBUTES_ID} class="aa-attributes">
                <legend>{"Attributes "}{key_hint(props.keymap.hint(Shortcut::Attributes))}</legend>
                {for controls}
            </fieldset>
        }
    });
    let links = props.annotations.relations_of(&span.id).filter_map(|relation| {
        let outgoing = relation.from == span.id;
        let other_id = if outgoing { &relation.to } else { &relation.from };
        let other = props.annotations.get(other_id)?;
        let on_unlink = props.on_unlink.clone();
        let relation_id = relation.id.clone();
        let on_pick = props.on_pick.clone();
        let pick_id = other.id.clone();
        let kind = kind_title(&relation.kind);
        let (arrow, words) = if outgoing {
            ("→", format!("{kind}: {}", other.label))
        } else {
            ("←", format!("{} {kind} this", other.label))
        };
        let quote = shorten(&other.text, 80);
        Some(html! {
            <li key={relation.id.clone()} class="aa-link">
                <button type="button" class="aa-link-target"
                    style={format!("--label-color: {}", props.schema.color_of(&other.label))}
                    aria-label={format!("{words} “{quote}” (select it)")}
                    onclick={move |_| on_pick.emit(pick_id.clone())}>
                    <span aria-hidden="true">{arrow}{" "}</span>{words.clone()}{" "}<q>{quote.clone()}</q>
                </button>
                <button type="button" class="aa-button aa-small"
                    aria-label={format!("Remove link: {words} “{quote}”")}
                    onclick={move |_| on_unlink.emit(relation_id.clone())}>{"Unlink"}</button>
            </li>
        })
    }).collect::<Vec<_>>();
    let can_link = props.schema.link_targets(&span.label).next().is_some();
    let targets = props
        .schema
        .link_targets(&span.label)
        .map(|rule| rule.to.clone())
        .collect::<Vec<_>>()
        .join(" or ");
    let range = format!("characters {}–{}", span.range.start.0, span.range.end.0);
    let text = &props.document.text;
    let pieces = span.pieces.iter().enumerate().map(|(at, piece)| {
        let words = shorten(text.slice(*piece).unwrap_or_default(), 80);
        let remove = props.on_remove_piece.reform(move |_: MouseEvent| at);
        html! {
            <li>
                <q dir="auto">{words.clone()}</q>{" "}
                <span class="aa-muted">{format!("{}–{}", piece.start.0, piece.end.0)}</span>{" "}
                <button type="button" class="aa-button aa-small"
                    aria-label={format!("Take out piece {}: “{words}”", at + 1)} onclick={remove}>{"Take out"}</button>
            </li>
        }
    });
    let reviewed = label.is_some_and(|label| label.attribute(VERDICT).is_some());
    html! {
        <section class="aa-details" aria-label="Selected span"
            style={format!("--label-color: {}", props.schema.color_of(&span.label))}>
            <p class="aa-details-head">
                <span class="aa-tag">{&span.label}</span>{" "}
                <span class="aa-muted">{range}</span>
            </p>
            <blockquote class="aa-details-quote" dir="auto">{shorten(&span.text, 400)}</blockquote>
            if span.is_split() {
                <ol class="aa-pieces" aria-label="Pieces">{for pieces}</ol>
            }
            if !links.is_empty() {
                <ul class="aa-links" aria-label="Links">{links}</ul>
            }
            if can_link {
                <button type="button" class="aa-button aa-small" aria-keyshortcuts={props.keymap.aria(Shortcut::Link)}
                    onclick={props.on_link.reform(|_: MouseEvent| ())}>
                    {format!("Link to {targets}")}{key_hint(props.keymap.hint(Shortcut::Link))}
                </button>
            }
            <button type="button" class="aa-button aa-small" aria-keyshortcuts={props.keymap.aria(Shortcut::TagEvery)}
                onclick={props.on_tag_every.reform(|_: MouseEvent| ())}>
                {"Tag every occurrence"}{key_hint(props.keymap.hint(Shortcut::TagEvery))}
            </button>
            {attributes}
            if reviewed || !span.evidence.is_empty() {
                <ReviewFields span={span.clone()} keymap={props.keymap.clone()}
                    on_attribute={props.on_attribute.clone()} on_evidence={props.on_evidence.clone()} />
            }
            {note}
        </section>
    }
}
