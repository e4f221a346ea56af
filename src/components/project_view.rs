//! The project (P): its articles with status and span counts, progress, and the projects
//! of this browser (switch, rename, delete, export, new from files). A project of
//! thousands of articles lists 200 at a time, starting around the open one.

use super::fields::{field_value, use_focus_on_mount, use_initial_value, use_modal};
use super::pager::{window_start, Pager, ROWS};
use crate::model::formats::Format;
use crate::model::project::{self, Entry, Project};
use crate::model::schema::ink_for;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The open project and its articles, as the view lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    /// Every project in this browser.
    pub projects: Rc<Vec<Project>>,
    pub project: Rc<Project>,
    pub entries: Rc<Vec<Entry>>,
    /// The open article's index.
    pub current: usize,
    /// Articles that could not be read: key and why.
    pub damaged: Vec<(String, String)>,
    /// Titles of the articles whose work is not stored yet, with why.
    pub unstored: Vec<(String, String)>,
    /// Whether the browser keeps this storage when space runs short (`None`: not asked).
    pub persisted: Option<bool>,
}

#[derive(Properties, PartialEq)]
pub struct ProjectViewProps {
    pub library: Listed,
    /// Downloads a damaged article's stored records (its key).
    pub on_download_raw: Callback<String>,
    /// Opens the article at this index.
    pub on_open: Callback<usize>,
    pub on_switch: Callback<String>,
    pub on_rename: Callback<String>,
    /// Asks to delete the open project (the app confirms).
    pub on_delete: Callback<()>,
    pub on_export: Callback<Format>,
    /// Files picked to become a new project.
    pub on_new_project: Callback<Vec<web_sys::File>>,
    pub on_close: Callback<()>,
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

#[component]
pub fn ProjectView(props: &ProjectViewProps) -> Html {
    let modal = use_modal();
    let close_ref = use_focus_on_mount();
    let name_ref = use_initial_value(props.library.project.name.clone());
    let format = use_state(|| Format::NativeJsonl);
    // Formats that hold one article are offered only for a project of one article.
    let many = props.library.entries.len() > 1;
    let library = &props.library;
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_close.emit(());
        }
    });
    let progress = project::progress(&library.entries);
    let percent = (progress.done * 100)
        .checked_div(progress.articles)
        .unwrap_or(0);
    let schema = library.project.schema();
    // The first row shown, and the open article it was placed for; paging re-renders.
    let window = use_mut_ref(|| (0usize, None::<usize>));
    let rerender = use_force_update();
    let begin = {
        let mut window = window.borrow_mut();
        let moved_to = Some(library.current).filter(|current| window.1 != Some(*current));
        window.0 = window_start(window.0, library.entries.len(), moved_to);
        window.1 = Some(library.current);
        window.0
    };
    let on_page = Callback::from(move |to: usize| {
        window.borrow_mut().0 = to;
        rerender.force_update();
    });
    let shown = library.entries.iter().enumerate().skip(begin).take(ROWS);
    let rows = shown.map(|(index, entry)| {
        let counts = schema.iter().map(|label| {
            let count: usize = entry
                .counts
                .iter()
                .filter(|(name, _)| library.project.label_now(name, entry.generation) == label.name)
                .map(|(_, count)| count)
                .sum();
            let (ink, _) = ink_for(&label.color);
            html! {
                <td class="aa-num">
                    if count > 0 {
                        <span class="aa-chip" style={format!("background:{};color:{ink}", label.color)}>{count}</span>
                    }
                </td>
            }
        });
        let status = entry.status;
        let on_open = props.on_open.reform(move |_: MouseEvent| index);
        html! {
            <tr class={classes!((index == library.current).then_some("is-current"))}
                aria-current={(index == library.current).then_some("true")}>
                <td class="aa-num">{index + 1}</td>
                <td><button type="button" class="aa-linkish" dir="auto" onclick={on_open}>{&entry.title}</button></td>
                <td><span class={classes!("aa-status", format!("is-{status:?}").to_lowercase())}>{status.describe()}</span>
                    if let Some(curation) = entry.curation {
                        <span class="aa-curation-count">{format!(" · {} of {} decided", curation.decided, curation.clusters)}</span>
                    }
                </td>
                {for counts}
            </tr>
        }
    });
    let on_switch = props.on_switch.reform(|event: Event| field_value(&event));
    let on_rename = props.on_rename.reform(|event: Event| field_value(&event));
    let on_format = {
        let format = format.clone();
        Callback::from(move |event: Event| {
            let value = field_value(&event);
            if let Some(chosen) = Format::ALL.into_iter().find(|f| f.name() == value) {
                format.set(chosen);
            }
        })
    };
    let on_files = props.on_new_project.reform(|event: Event| {
        let input = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
        let files = input
            .as_ref()
            .and_then(web_sys::HtmlInputElement::files)
            .map(|list| (0..list.length()).filter_map(|at| list.get(at)).collect())
            .unwrap_or_default();
        if let Some(input) = input {
            input.set_value("");
        }
        files
    });
    let on_export = {
        let (format, on_export) = (format.clone(), props.on_export.clone());
        Callback::from(move |_: MouseEvent| on_export.emit(*format))
    };
    html! {
        <div class="aa-backdrop" onclick={props.on_close.reform(|_: MouseEvent| ())}>
            <div ref={modal} class="aa-dialog aa-project-view" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-project-title" {onkeydown}
                onclick={|event: MouseEvent| event.stop_propagation()}>
                <h2 id="aa-project-title">{"Project"}</h2>
                <div class="aa-project-bar">
                    <label>{"Project "}
                        <select aria-label="Open project" onchange={on_switch}>
                            {for library.projects.iter().map(|project| html! {
                                <option value={project.id.clone()}
                                    selected={project.id == library.project.id}>{&project.name}</option>
                            })}
                        </select>
                    </label>
                    <label>{"Name "}
                        <input ref={name_ref} type="text" dir="auto" aria-label="Project name"
                            onchange={on_rename} />
                    </label>
                    <button type="button" class="aa-button is-danger"
                        onclick={props.on_delete.reform(|_: MouseEvent| ())}>{"Delete project…"}</button>
                </div>
                <p class="aa-progress-line" id="aa-project-progress">
                    {format!(
                        "{} of {} done ({percent}%), {} in progress, {}.",
                        progress.done,
                        plural(progress.articles, "article", "articles"),
                        progress.in_progress,
                        plural(progress.spans, "span", "spans"),
                    )}
                </p>
                <progress max={progress.articles.max(1).to_string()} value={progress.done.to_string()}
                    aria-labelledby="aa-project-progress"></progress>
                if let Some((decided, clusters)) = curated(&library.entries) {
                    <p class="aa-progress-line" data-testid="curation-total">
                        {format!("Adjudication: {decided} of {clusters} clusters decided.")}
                    </p>
                }
                <Pager {begin} len={library.entries.len()} noun="articles" {on_page} />
                <div class="aa-project-table">
                    <table>
                        <thead><tr>
                            <th scope="col">{"#"}</th>
                            <th scope="col">{"Article"}</th>
                            <th scope="col">{"Status"}</th>
                            {for schema.iter().map(|label| html! { <th scope="col">{&label.name}</th> })}
                        </tr></thead>
                        <tbody>{for rows}</tbody>
                    </table>
                </div>
                <div class="aa-project-bar">
                    <label>{"Export the project as "}
                        <select aria-label="Export format" onchange={on_format}>
                            {for Format::ALL.into_iter().map(|f| {
                                let single = many && !f.holds_many();
                                let name = match single {
                                    true => format!("{} (one article per file: not for a project)", f.name()),
                                    false => f.name().to_owned(),
                                };
                                html! {
                                    <option value={f.name()} selected={f == *format}
                                        disabled={single}>{name}</option>
                                }
                            })}
                        </select>
                    </label>
                    <button type="button" class="aa-button" onclick={on_export}>{"Export project"}</button>
                    <label class="aa-button aa-file-button">
                        {"New project from files…"}
                        <input type="file" multiple=true class="aa-visually-hidden"
                            accept=".jsonl,.json,.jsonld,.zip,.txt,.md,.html,.htm,.ann,.conf" onchange={on_files} />
                    </label>
                </div>
                if !library.unstored.is_empty() {
                    <section class="aa-unstored" aria-labelledby="aa-unstored-title">
                        <h3 id="aa-unstored-title">{"Not stored yet"}</h3>
                        <ul>
                            {for library.unstored.iter().map(|(title, why)| html! {
                                <li>{format!("“{title}”: {why}")}</li>
                            })}
                        </ul>
                    </section>
                }
                if !library.damaged.is_empty() {
                    <section class="aa-damaged" aria-labelledby="aa-damaged-title">
                        <h3 id="aa-damaged-title">{"Damaged articles"}</h3>
                        <p>{"These stored articles could not be read. They are left exactly as they are;                             every other article works as before."}</p>
                        <ul>
                            {for library.damaged.iter().map(|(key, problem)| {
                                let on_download = props.on_download_raw.reform({
                                    let key = key.clone();
                                    move |_: MouseEvent| key.clone()
                                });
                                html! {
                                    <li>
                                        {format!("{key}: {problem} ")}
                                        <button type="button" class="aa-button aa-small"
                                            onclick={on_download}>{"Download its stored records"}</button>
                                    </li>
                                }
                            })}
                        </ul>
                    </section>
                }
                <p class="aa-hint" data-testid="persistence">
                    {match library.persisted {
                        Some(true) => "This browser keeps the project's storage even when space runs short.",
                        Some(false) => "This browser may clear the project's storage when space runs short: export or back up your work.",
                        None => "Storage: the browser is asked to keep it after your first edit.",
                    }}
                </p>
                <p class="aa-hint">
                    {"Shift+J / Shift+K: next / previous article. U: next unfinished. D: mark done. \
                      A JSONL file (one article per line: text, and optional title, url, id and \
                      any other fields) or any annotation export becomes a new project."}
                </p>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button" ref={close_ref}
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}

/// A gold project's clusters decided, of all (`None` for other projects).
fn curated(entries: &[Entry]) -> Option<(usize, usize)> {
    (entries.iter())
        .filter_map(|entry| entry.curation)
        .map(|curation| (curation.decided, curation.clusters))
        .reduce(|(a, b), (c, d)| (a + c, b + d))
}
