//! "Import annotations": pick or drop files, then review what the import would do (the
//! problems found, the spans re-anchored or left unplaced) before accepting it. Nothing
//! changes until the user presses Import.

use super::fields::{field_value, use_focus_on_mount, use_modal};
use crate::model::formats::Format;
use annotator_core::jobs::Review;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// File types the picker offers.
const ACCEPT: &str = ".json,.jsonl,.jsonld,.ann,.txt,.conf,.zip,application/json";
/// Problems and orphans listed in full up to this many; the rest are counted.
const LISTED: usize = 200;

/// Where the import is.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportStep {
    /// Choosing files; `error` says why the last ones could not be read.
    Pick {
        error: Option<String>,
    },
    Review(Rc<ImportReview>),
}

/// Files read and one of their articles reviewed.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReview {
    /// The files' names, for the heading.
    pub files: String,
    pub format: Format,
    /// Each article in the files, as "Title (12 spans)".
    pub articles: Vec<String>,
    pub chosen: usize,
    /// The review of the chosen article, or why it cannot be imported.
    pub review: Result<Review, String>,
}

#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    pub step: ImportStep,
    /// The open article's title and span count, to say what an import replaces.
    pub open_title: String,
    pub open_spans: usize,
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_choose: Callback<usize>,
    pub on_accept: Callback<()>,
    /// Makes a new project of every article in the files.
    pub on_import_all: Callback<()>,
    pub on_back: Callback<()>,
    pub on_cancel: Callback<()>,
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|list| (0..list.length()).filter_map(|at| list.get(at)).collect())
        .unwrap_or_default()
}

/// A dialog's drop handlers: files dropped on it go to `on_files` (and not to the page,
/// whose own drop opens articles).
pub fn drop_files(
    on_files: &Callback<Vec<web_sys::File>>,
) -> (Callback<DragEvent>, Callback<DragEvent>) {
    let ondragover = Callback::from(|event: DragEvent| {
        event.prevent_default();
        event.stop_propagation();
    });
    let on_files = on_files.clone();
    let ondrop = Callback::from(move |event: DragEvent| {
        event.prevent_default();
        event.stop_propagation();
        let files = files_of(event.data_transfer().and_then(|transfer| transfer.files()));
        if !files.is_empty() {
            on_files.emit(files);
        }
    });
    (ondragover, ondrop)
}

/// "Choose files…" (the input named `name`, focused by `focus`) and "or drop them here".
pub fn file_picker(
    name: &'static str,
    on_files: &Callback<Vec<web_sys::File>>,
    focus: NodeRef,
) -> Html {
    let on_files = on_files.clone();
    let onchange = Callback::from(move |event: Event| {
        let input =
            (event.target()).and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
        let files = files_of(input.as_ref().and_then(|input| input.files()));
        if !files.is_empty() {
            on_files.emit(files);
        }
    });
    html! {
        <div class="aa-drop-zone">
            <label class="aa-button is-primary aa-file-button">
                {"Choose files…"}
                <input type="file" multiple=true class="aa-visually-hidden" accept={ACCEPT}
                    {onchange} ref={focus} aria-label={name} />
            </label>
            <span>{" or drop them here."}</span>
        </div>
    }
}

/// The import dialog: a picker, then the review.
#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let modal = use_modal();
    let focus_ref = use_focus_on_mount();
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    let (ondragover, ondrop) = drop_files(&props.on_files);
    let body = match &props.step {
        ImportStep::Pick { error } => {
            html! {
                <>
                    <p>{"Native JSON or JSONL, W3C Web Annotation, doccano (both forms), Label Studio, spaCy / Prodigy JSONL, or brat (.txt with its .ann, or a zip). The format is recognised from the content."}</p>
                    {file_picker("Choose files to import", &props.on_files, focus_ref.clone())}
                    if let Some(error) = error {
                        <p class="aa-form-error" role="alert">{error}</p>
                    }
                    <div class="aa-dialog-actions">
                        <button type="button" class="aa-button"
                            onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                    </div>
                </>
            }
        }
        ImportStep::Review(read) => review_html(props, read, focus_ref),
    };
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog aa-import-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-import-title" {onkeydown} {ondragover} {ondrop}>
                <h2 id="aa-import-title">{"Import annotations"}</h2>
                {body}
            </div>
        </div>
    }
}

fn review_html(props: &ImportDialogProps, read: &ImportReview, focus_ref: NodeRef) -> Html {
    let chooser = (read.articles.len() > 1).then(|| {
        let on_choose = props.on_choose.clone();
        let onchange = Callback::from(move |event: Event| {
            if let Ok(at) = field_value(&event).parse() {
                on_choose.emit(at);
            }
        });
        html! {
            <label class="aa-field">
                <span>{format!("Article ({} in the file)", read.articles.len())}</span>
                <select {onchange}>
                    {for read.articles.iter().enumerate().map(|(at, title)| html! {
                        <option value={at.to_string()} selected={at == read.chosen}>{title}</option>
                    })}
                </select>
            </label>
        }
    });
    let actions = |can_import: bool, focus_ref: NodeRef| {
        html! {
            <div class="aa-dialog-actions">
                <button type="button" class="aa-button"
                    onclick={props.on_back.reform(|_: MouseEvent| ())}>{"Other files…"}</button>
                <span class="aa-spacer"></span>
                <button type="button" class="aa-button"
                    onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                if read.articles.len() > 1 {
                    <button type="button" class="aa-button"
                        onclick={props.on_import_all.reform(|_: MouseEvent| ())}>
                        {format!("Import all {} as a new project", read.articles.len())}
                    </button>
                }
                if can_import {
                    <button type="button" class="aa-button is-primary" ref={focus_ref}
                        onclick={props.on_accept.reform(|_: MouseEvent| ())}>{"Import"}</button>
                }
            </div>
        }
    };
    let heading = html! {
        <p class="aa-import-source">{format!("{} — read as {}", read.files, read.format.name())}</p>
    };
    let review = match &read.review {
        Err(problem) => {
            return html! {
                <>
                    {heading}
                    {chooser}
                    <p class="aa-form-error" role="alert">{format!("This article cannot be imported: {problem}.")}</p>
                    {actions(false, focus_ref)}
                </>
            }
        }
        Ok(review) => review,
    };
    let imported = &review.imported;
    let relations = imported.annotations.relations().len();
    let summary = format!(
        "“{}”: {} span{} placed{}, {} link{}.",
        imported.document.title,
        review.placed,
        plural(review.placed),
        if review.reanchored > 0 {
            format!(" ({} re-anchored)", review.reanchored)
        } else {
            String::new()
        },
        relations,
        plural(relations),
    );
    let consequence = if review.onto_open_article {
        format!(
            "The file has no article text: its spans are placed on the open article “{}” by their quotes, beside its {} spans.",
            props.open_title, props.open_spans
        )
    } else {
        "Importing adds the article to the open project and opens it; the open article \
         stays as it is."
            .to_owned()
    };
    let list = |items: Vec<String>| {
        let more = items.len().saturating_sub(LISTED);
        html! {
            <ul class="aa-import-list">
                {for items.into_iter().take(LISTED).map(|item| html! { <li>{item}</li> })}
                if more > 0 { <li>{format!("… and {more} more")}</li> }
            </ul>
        }
    };
    html! {
        <>
            {heading}
            {chooser}
            <p class="aa-import-summary" role="status">{summary}</p>
            if !review.added_labels.is_empty() {
                <p>{format!("New label{}: {} — importing adds {} to the schema.",
                    plural(review.added_labels.len()), review.added_labels.join(", "),
                    if review.added_labels.len() == 1 { "it" } else { "them" })}</p>
            }
            if !review.orphans.is_empty() {
                <section aria-labelledby="aa-import-orphans">
                    <h3 id="aa-import-orphans">{format!("Not placed ({}): these spans will not be imported", review.orphans.len())}</h3>
                    {list(review.orphans.iter().map(|orphan| format!(
                        "{} “{}” ({}): {}", orphan.label, orphan.quote, orphan.id, orphan.reason)).collect())}
                </section>
            }
            if !review.problems.is_empty() {
                <section aria-labelledby="aa-import-problems">
                    <h3 id="aa-import-problems">{format!("Problems ({})", review.problems.len())}</h3>
                    {list(review.problems.clone())}
                </section>
            }
            <p class="aa-hint">{consequence}</p>
            {actions(true, focus_ref)}
        </>
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
