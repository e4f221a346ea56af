//! The "Open article" dialog: paste text (with an optional title and source) or pick a file.

use super::fields::{input_value, use_focus_on_mount, use_modal};
use crate::model::intake::{self, ARTICLE_EXTENSIONS};
use crate::web::page;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Text the user pasted, already checked by `intake::check_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedArticle {
    pub title: String,
    pub source: String,
    pub text: String,
}

#[derive(Properties, PartialEq)]
pub struct OpenDialogProps {
    /// Text to start with (pasted on the page before the dialog opened).
    #[prop_or_default]
    pub text: String,
    pub on_paste: Callback<PastedArticle>,
    /// Rich text pasted into the text area: read as a web page instead.
    pub on_paste_html: Callback<String>,
    pub on_file: Callback<web_sys::File>,
    pub on_cancel: Callback<()>,
}

/// A modal form; the text area has focus when it opens.
#[component]
pub fn OpenDialog(props: &OpenDialogProps) -> Html {
    let modal = use_modal();
    let title_ref = use_node_ref();
    let source_ref = use_node_ref();
    let text_ref = use_focus_on_mount();
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (title_ref, source_ref, text_ref) =
            (title_ref.clone(), source_ref.clone(), text_ref.clone());
        let error = error.clone();
        let on_paste = props.on_paste.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let text = text_ref
                .cast::<HtmlTextAreaElement>()
                .map(|area| area.value())
                .unwrap_or_default();
            match intake::check_text(&text) {
                Ok(()) => on_paste.emit(PastedArticle {
                    title: input_value(&title_ref).trim().to_owned(),
                    source: input_value(&source_ref).trim().to_owned(),
                    text,
                }),
                Err(problem) => error.set(Some(format!("Not opened: {problem}."))),
            }
        })
    };
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: Event| {
            let file = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                on_file.emit(file);
            }
        })
    };
    let onpaste = {
        let on_paste_html = props.on_paste_html.clone();
        Callback::from(move |event: Event| {
            if let Some(html) = page::html_of_paste(&event) {
                event.prevent_default();
                on_paste_html.emit(html);
            }
        })
    };
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    let accept = ARTICLE_EXTENSIONS
        .iter()
        .map(|extension| format!(".{extension}"))
        .chain(["text/plain", "text/markdown", "text/html"].map(str::to_owned))
        .collect::<Vec<_>>()
        .join(",");
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog aa-open-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-open-title" {onkeydown}>
                <h2 id="aa-open-title">{"Open article"}</h2>
                <form {onsubmit}>
                    <label class="aa-field">
                        <span>{"Article text"}</span>
                        // Not `value`: that would put back `props.text` at every render of the app (a
                        // save finishing), over what the user typed.
                        <textarea ref={text_ref} dir="auto" rows="12" {onpaste} defaultvalue={props.text.clone()}
                            placeholder="Paste the article text here, or a page copied from the browser" />
                    </label>
                    <div class="aa-field-row">
                        <label class="aa-field">
                            <span>{"Title (optional)"}</span>
                            <input ref={title_ref} type="text" dir="auto" />
                        </label>
                        <label class="aa-field">
                            <span>{"Source URL or name (optional)"}</span>
                            <input ref={source_ref} type="text" dir="auto" />
                        </label>
                    </div>
                    if let Some(message) = &*error {
                        <p class="aa-form-error" role="alert">{message}</p>
                    }
                    <div class="aa-dialog-actions">
                        <label class="aa-button aa-file-button">
                            {"Open a file…"}
                            <input type="file" class="aa-visually-hidden" {accept} {onchange}
                                aria-label="Open a .txt, .md or .html file" />
                        </label>
                        <span class="aa-spacer"></span>
                        <button type="button" class="aa-button"
                            onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                        <button type="submit" class="aa-button is-primary">{"Open pasted text"}</button>
                    </div>
                    <p class="aa-hint">
                        {format!("Plain text or Markdown (UTF-8, up to {}), or a web page saved from the browser (.html). You can also drop a file anywhere on the page, or paste outside any field.",
                            intake::human_size(intake::MAX_ARTICLE_BYTES))}
                    </p>
                </form>
            </div>
        </div>
    }
}
