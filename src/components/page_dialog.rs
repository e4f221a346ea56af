//! "Open web page": what was read from a saved page or a rich paste, before it becomes an
//! article. The user sees the text, switches between the article the finder kept and the
//! whole page when it guessed wrong, checks the title and source, and confirms.

use super::fields::{field_value, input_value, use_focus_on_mount, use_initial_value, use_modal};
use crate::model::document::{default_title, kind_at};
use crate::model::web_page::{Extraction, Origin, Page};
use std::rc::Rc;
use yew::prelude::*;

/// What the user confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageChoice {
    pub extraction: Extraction,
    pub title: String,
    pub source: String,
}

#[derive(Properties, PartialEq)]
pub struct PageDialogProps {
    pub page: Rc<Page>,
    pub origin: Origin,
    pub on_open: Callback<PageChoice>,
    pub on_cancel: Callback<()>,
}

/// The most blocks previewed (a long page shows its start and how much more there is).
const PREVIEW_BLOCKS: usize = 150;

#[component]
pub fn PageDialog(props: &PageDialogProps) -> Html {
    let modal = use_modal();
    let page = &props.page;
    let extraction = use_state(|| page.default_extraction());
    // Kept as typed: switching the text to open must not reset it.
    let title = use_state(|| {
        page.title
            .clone()
            .filter(|title| !title.trim().is_empty())
            .unwrap_or_else(|| default_title(&page.text_of(page.default_extraction()).text, None))
    });
    let on_title = {
        let title = title.clone();
        Callback::from(move |event: InputEvent| title.set(field_value(&event)))
    };
    let title_ref = use_focus_on_mount();
    let source_ref = use_initial_value(props.page.source_url().unwrap_or_default());
    let flat = page.text_of(*extraction);
    let onsubmit = {
        let (title, source_ref, extraction) =
            (title.clone(), source_ref.clone(), extraction.clone());
        let on_open = props.on_open.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_open.emit(PageChoice {
                extraction: *extraction,
                title: (*title).clone(),
                source: input_value(&source_ref),
            });
        })
    };
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_cancel.emit(());
        }
    });
    let choice = |value: Extraction, label: &str, words: Option<usize>| {
        let checked = *extraction == value;
        let extraction = extraction.clone();
        let onchange = Callback::from(move |_: Event| extraction.set(value));
        let text = match words {
            Some(words) => format!("{label} ({} words)", group(words)),
            None => format!("{label} (none found)"),
        };
        html! {
            <label class="aa-radio">
                <input type="radio" name="aa-extraction" {checked}
                    disabled={words.is_none()} {onchange} />
                {text}
            </label>
        }
    };
    let about: Vec<String> = [&page.byline, &page.published, &page.site_name]
        .into_iter()
        .flatten()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .collect();
    let whole_name = match props.origin {
        Origin::Clipboard => "Everything pasted",
        Origin::File { .. } => "Whole page text",
    };
    let mut at = 0;
    let blocks: Vec<Html> = flat
        .text
        .split("\n\n")
        .map(|block| {
            let kind = kind_at(&flat.layout, at);
            at += block.chars().count() + 2;
            html! {
                <p class={classes!("aa-block", kind.map(|kind| format!("is-{}", kind.name())))}>{block}</p>
            }
        })
        .collect();
    let more = blocks.len().saturating_sub(PREVIEW_BLOCKS);
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog aa-page-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-page-title" {onkeydown}>
                <h2 id="aa-page-title">{"Open web page"}</h2>
                if !about.is_empty() {
                    <p class="aa-page-about">{about.join(" · ")}</p>
                }
                <form {onsubmit}>
                    <fieldset class="aa-choice">
                        <legend>{"Text to open"}</legend>
                        {choice(Extraction::ArticleOnly, "Article only",
                            page.article.as_ref().map(|article| article.words()))}
                        {choice(Extraction::WholePage, whole_name, Some(page.whole.words()))}
                    </fieldset>
                    if let Some(note) = &page.finder_note {
                        <p class="aa-hint">{format!("Article finder: {note}.")}</p>
                    }
                    <div class="aa-field-row">
                        <label class="aa-field">
                            <span>{"Title"}</span>
                            <input ref={title_ref} type="text" dir="auto" value={(*title).clone()} oninput={on_title} />
                        </label>
                        <label class="aa-field">
                            <span>{"Source URL or name"}</span>
                            <input ref={source_ref} type="text" dir="auto" />
                        </label>
                    </div>
                    <section class="aa-page-preview" tabindex="0" aria-label="Preview of the text">
                        {for blocks.into_iter().take(PREVIEW_BLOCKS)}
                        if more > 0 {
                            <p class="aa-hint">{format!("… and {} more blocks.", group(more))}</p>
                        }
                    </section>
                    <div class="aa-dialog-actions">
                        <span class="aa-spacer"></span>
                        <button type="button" class="aa-button"
                            onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                        <button type="submit" class="aa-button is-primary">{"Open article"}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}

/// 12345 → "12,345".
fn group(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
