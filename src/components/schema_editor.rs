//! The label schema editor: add, rename, recolour and re-key labels, edit their attributes
//! and the links allowed between them. Nothing changes until "Save schema".

use super::fields::{field_value, use_focus_on_mount, use_modal};
use crate::model::intake::tenths;
use crate::model::schema::{
    attributes_from_lines, attributes_to_lines, ink_for, links_from_lines, links_to_lines, Label,
    Schema,
};
use std::rc::Rc;
use yew::prelude::*;

/// One label row as the user edits it.
#[derive(Clone, Debug, PartialEq)]
struct LabelDraft {
    /// The name the label had when the editor opened (None for a new label): a rename
    /// re-labels its spans.
    original: Option<String>,
    name: String,
    color: String,
    hotkey: String,
    attributes: String,
    /// A frame label (see `Label::frame`).
    frame: bool,
}

/// A schema the user asked to save, with the renames it implies.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaChange {
    pub schema: Schema,
    pub renames: Vec<(String, String)>,
}

#[derive(Properties, PartialEq)]
pub struct SchemaEditorProps {
    pub schema: Rc<Schema>,
    /// Problems with the last attempt to save (from the session), shown to the user.
    pub problems: Vec<String>,
    pub on_save: Callback<SchemaChange>,
    pub on_cancel: Callback<()>,
}

const NEW_COLORS: [&str; 6] = [
    "#f9a8d4", "#c4b5fd", "#fdba74", "#5eead4", "#a3e635", "#e879f9",
];

fn drafts(schema: &Schema) -> Vec<LabelDraft> {
    schema
        .iter()
        .map(|label| LabelDraft {
            original: Some(label.name.clone()),
            name: label.name.clone(),
            color: label.color.clone(),
            hotkey: label.hotkey.to_string(),
            attributes: attributes_to_lines(&label.attributes),
            frame: label.frame,
        })
        .collect()
}

/// The schema the drafts describe, or the first reason they do not describe one.
fn build(rows: &[LabelDraft], links: &str) -> Result<SchemaChange, Vec<String>> {
    let mut problems = Vec::new();
    let mut labels = Vec::new();
    for row in rows {
        let mut keys = row.hotkey.trim().chars();
        let hotkey = match (keys.next(), keys.next()) {
            (Some(key), None) => key,
            _ => {
                problems.push(format!(
                    "Label “{}”: the key must be one character.",
                    row.name
                ));
                ' '
            }
        };
        let attributes = attributes_from_lines(&row.attributes).unwrap_or_else(|problem| {
            problems.push(format!("Label “{}”: {problem}", row.name));
            Vec::new()
        });
        labels.push(Label {
            name: row.name.trim().to_owned(),
            color: row.color.clone(),
            hotkey,
            attributes,
            frame: row.frame,
        });
    }
    let links = links_from_lines(links).unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    let renames: Vec<(String, String)> = rows
        .iter()
        .filter_map(|row| Some((row.original.clone()?, row.name.trim().to_owned())))
        .collect();
    // Rules still written with a label's old name follow the rename (unless another label
    // now has that name).
    let mut schema = Schema::new(labels, links);
    for (old, new) in &renames {
        if schema.get(old).is_none() {
            schema = schema.with_label_renamed(old, new);
        }
    }
    Ok(SchemaChange { schema, renames })
}

/// A modal dialog with one row per label, the link rules, and Save / Cancel.
#[component]
pub fn SchemaEditor(props: &SchemaEditorProps) -> Html {
    let modal = use_modal();
    let rows = use_state(|| drafts(&props.schema));
    let links = use_state(|| links_to_lines(props.schema.links()));
    let local_problems = use_state(Vec::<String>::new);
    let first_ref = use_focus_on_mount();
    let edit = |index: usize, change: fn(&mut LabelDraft, String)| {
        let rows = rows.clone();
        Callback::from(move |event: InputEvent| {
            let mut next = (*rows).clone();
            if let Some(row) = next.get_mut(index) {
                change(row, field_value(&event));
            }
            rows.set(next);
        })
    };
    let row_html = rows.iter().enumerate().map(|(index, row)| {
        let (ink, ratio) = ink_for(&row.color);
        let remove = {
            let rows = rows.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*rows).clone();
                next.remove(index);
                rows.set(next);
            })
        };
        let name_ref = if index == 0 { first_ref.clone() } else { NodeRef::default() };
        let title = if row.name.is_empty() { format!("label {}", index + 1) } else { row.name.clone() };
        html! {
            <fieldset class="aa-schema-row" key={index}>
                <legend>{format!("Label {}", index + 1)}</legend>
                <div class="aa-field-row">
                    <label class="aa-field"><span>{"Name"}</span>
                        <input ref={name_ref} dir="auto" value={row.name.clone()} aria-label={format!("Name of {title}")}
                            oninput={edit(index, |row, value| row.name = value)} />
                    </label>
                    <label class="aa-field aa-narrow"><span>{"Key"}</span>
                        <input value={row.hotkey.clone()} maxlength="1" aria-label={format!("Key of {title}")}
                            oninput={edit(index, |row, value| row.hotkey = value)} />
                    </label>
                    <label class="aa-field aa-narrow"><span>{"Colour"}</span>
                        <input type="color" value={row.color.clone()} aria-label={format!("Colour of {title}")}
                            oninput={edit(index, |row, value| row.color = value)} />
                    </label>
                    <span class="aa-contrast" style={format!("background: {}; color: {ink}", row.color)}
                        title="Text on this colour is drawn in black or white, whichever reads better">
                        {format!("Sample text · contrast {}:1", tenths((ratio * 10.0).round() as u64))}
                    </span>
                </div>
                <label class="aa-check">
                    <input type="checkbox" checked={row.frame}
                        onchange={{
                            let rows = rows.clone();
                            move |_: Event| {
                                let mut next = (*rows).clone();
                                if let Some(row) = next.get_mut(index) {
                                    row.frame = !row.frame;
                                }
                                rows.set(next);
                            }
                        }} />
                    {" A frame: a span of it and the spans it links to are one whole (brat: an event)"}
                </label>
                <label class="aa-field"><span>{"Attributes (one per line: name: value, value, …)"}</span>
                    <textarea class="aa-attributes-input" rows="2" value={row.attributes.clone()}
                        aria-label={format!("Attributes of {title}")}
                        oninput={edit(index, |row, value| row.attributes = value)} />
                </label>
                <button type="button" class="aa-button aa-small" onclick={remove}>
                    {format!("Remove {title}")}</button>
            </fieldset>
        }
    });
    let add = {
        let rows = rows.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*rows).clone();
            let taken: Vec<char> = next
                .iter()
                .filter_map(|row| row.hotkey.chars().next())
                .collect();
            let hotkey = ('1'..='9')
                .find(|key| !taken.contains(key))
                .map(String::from)
                .unwrap_or_default();
            next.push(LabelDraft {
                original: None,
                name: String::new(),
                color: NEW_COLORS[next.len() % NEW_COLORS.len()].to_owned(),
                hotkey,
                attributes: String::new(),
                frame: false,
            });
            rows.set(next);
        })
    };
    let save = {
        let (rows, links, local_problems) = (rows.clone(), links.clone(), local_problems.clone());
        let on_save = props.on_save.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match build(&rows, &links) {
                Ok(change) => {
                    local_problems.set(Vec::new());
                    on_save.emit(change);
                }
                Err(problems) => local_problems.set(problems),
            }
        })
    };
    // A preset replaces every row and rule (labels whose spans remain are refused on save).
    let preset = |schema: fn() -> Schema| {
        let (rows, links) = (rows.clone(), links.clone());
        Callback::from(move |_: MouseEvent| {
            let schema = schema();
            let mut next = drafts(&schema);
            for row in &mut next {
                row.original = None;
            }
            rows.set(next);
            links.set(links_to_lines(schema.links()));
        })
    };
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    let problems: Vec<&String> = local_problems.iter().chain(props.problems.iter()).collect();
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog aa-schema-editor" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-schema-title" {onkeydown}>
            // A form inside the dialog (a form may not take the dialog role).
            <form class="aa-schema-form" onsubmit={save}>
                <h2 id="aa-schema-title">{"Label schema"}</h2>
                if !problems.is_empty() {
                    <ul class="aa-form-error" role="alert">
                        {for problems.iter().map(|problem| html! { <li>{problem}</li> })}
                    </ul>
                }
                <p class="aa-presets">{"Start from: "}
                    <button type="button" class="aa-button aa-small" onclick={preset(Schema::default)}>
                        {"Claims, quotes and sources"}</button>{" "}
                    <button type="button" class="aa-button aa-small" onclick={preset(Schema::attribution)}>
                        {"Attribution (PARC)"}</button>
                </p>
                {for row_html}
                <button type="button" class="aa-button" onclick={add}>{"Add label"}</button>
                <label class="aa-field"><span>{"Allowed links (one per line: From -> To: kind)"}</span>
                    <textarea class="aa-links-input" rows="3" value={(*links).clone()} aria-label="Allowed links"
                        oninput={let links = links.clone(); move |event: InputEvent| links.set(field_value(&event))} />
                </label>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button"
                        onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                    <button type="submit" class="aa-button is-primary">{"Save schema"}</button>
                </div>
            </form>
            </div>
        </div>
    }
}
