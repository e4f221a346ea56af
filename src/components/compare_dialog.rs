//! "Compare annotators" (Shift+A): several annotators' files in, the agreement report out:
//! overall and per label, per pair, and the articles with the lowest agreement first, with
//! the report to download as JSON or CSV. docs/agreement.md defines each figure.

use super::fields::{field_value, use_focus_on_mount, use_modal};
use super::import_dialog::{drop_files, file_picker};
use crate::agreement::{Agreement, Table};
use std::rc::Rc;
use yew::prelude::*;

/// Where the comparison is.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareStep {
    /// Choosing files; `error` says why the last ones gave no report.
    Pick {
        error: Option<String>,
    },
    Report(Rc<Agreement>),
}

#[derive(Properties, PartialEq)]
pub struct CompareDialogProps {
    pub step: CompareStep,
    pub on_files: Callback<Vec<web_sys::File>>,
    /// Download the report: as JSON (`true`) or CSV.
    pub on_download: Callback<bool>,
    pub on_again: Callback<()>,
    /// Make the gold project, pre-merged at a threshold, opening at an article (its id).
    pub on_adjudicate: Callback<(usize, Option<String>)>,
    pub on_close: Callback<()>,
}

/// A table of the report: its first column names the row, the others are figures. In the
/// table of articles, an article's name makes the gold project and opens it there (with
/// `open`; else it is only a name).
pub fn table_html(table: &Table, open: Option<&Callback<String>>) -> Html {
    let rows = table.rows.iter().enumerate().map(|(at, row)| {
        let mut cells = row.iter();
        let name = cells.next().cloned().unwrap_or_default();
        let name = match (table.articles.get(at), open) {
            (Some(id), Some(open)) => {
                let (open, id) = (open.clone(), id.clone());
                html! {
                    <button type="button" class="aa-linkish" title="Adjudicate this article"
                        onclick={move |_: MouseEvent| open.emit(id.clone())}>
                        {name}<span class="aa-visually-hidden">{": adjudicate"}</span>
                    </button>
                }
            }
            _ => html! { {name} },
        };
        html! {
            <tr>
                <th scope="row" dir="auto">{name}</th>
                {for cells.map(|cell| html! { <td class="aa-num">{cell}</td> })}
            </tr>
        }
    });
    html! {
        <div class="aa-table-scroll">
            <table class="aa-table">
                <caption>{&table.caption}</caption>
                <thead><tr>{for table.headings.iter().map(|h| html! { <th scope="col">{h}</th> })}</tr></thead>
                <tbody>{for rows}</tbody>
            </table>
        </div>
    }
}

fn report_html(
    props: &CompareDialogProps,
    agreement: &Agreement,
    focus: NodeRef,
    threshold: UseStateHandle<usize>,
) -> Html {
    let count = agreement.annotators.len();
    let at = (*threshold).clamp(1, count.max(1));
    let open = {
        let on_adjudicate = props.on_adjudicate.clone();
        Callback::from(move |id: String| on_adjudicate.emit((at, Some(id))))
    };
    let onchange = {
        let threshold = threshold.clone();
        Callback::from(move |event: Event| {
            if let Ok(value) = field_value(&event).parse() {
                threshold.set(value);
            }
        })
    };
    let options = (1..=count).rev().map(|k| {
        html! { <option value={k.to_string()} selected={k == at}>{format!("{k} of {count}")}</option> }
    });
    html! {
        <>
            <p data-testid="compare-summary">{&agreement.summary}</p>
            {for agreement.tables.iter().map(|table| table_html(table, Some(&open)))}
            <ul class="aa-plain-list">{for agreement.notes.iter().map(|note| html! { <li dir="auto">{note}</li> })}</ul>
            <section class="aa-adjudicate" aria-labelledby="aa-adjudicate-title">
                <h3 id="aa-adjudicate-title">{"Adjudicate"}</h3>
                <p>{"A gold project: each article's spans that enough annotators marked alike \
                    (same label and offsets) go in at once; every other disagreement is yours to \
                    decide, span by span. The annotators' files are not changed."}</p>
                <label>{"Take at once what at least "}<select {onchange}>{for options}</select>
                    {" annotators marked alike"}</label>{" "}
                <button type="button" class="aa-button"
                    onclick={props.on_adjudicate.reform(move |_: MouseEvent| (at, None))}>
                    {"Make the gold project"}
                </button>
            </section>
            <div class="aa-dialog-actions">
                <button type="button" class="aa-button" ref={focus}
                    onclick={props.on_download.reform(|_: MouseEvent| true)}>{"Download report (JSON)"}</button>
                <button type="button" class="aa-button"
                    onclick={props.on_download.reform(|_: MouseEvent| false)}>{"Download report (CSV)"}</button>
                <button type="button" class="aa-button"
                    onclick={props.on_again.reform(|_: MouseEvent| ())}>{"Compare other files"}</button>
                <button type="button" class="aa-button"
                    onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
            </div>
        </>
    }
}

#[component]
pub fn CompareDialog(props: &CompareDialogProps) -> Html {
    let modal = use_modal();
    let focus = use_focus_on_mount();
    // Pre-merge what all annotators marked alike, unless the user lowers it.
    let threshold = use_state(|| usize::MAX);
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_close.emit(());
        }
    });
    let (ondragover, ondrop) = drop_files(&props.on_files);
    let body = match &props.step {
        CompareStep::Pick { error } => {
            html! {
                <>
                    <p>{"One file per annotator (native JSON or JSONL, or any format Import reads), named \
                        after the annotator, or one zip holding a folder per annotator with the same \
                        articles inside (brat's layout). Articles are matched by their text; nothing of \
                        the annotators' work or of this project changes."}</p>
                    {file_picker("Choose the annotators' files", &props.on_files, focus.clone())}
                    if let Some(error) = error {
                        <p class="aa-form-error" role="alert">{error}</p>
                    }
                    <div class="aa-dialog-actions">
                        <button type="button" class="aa-button"
                            onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                    </div>
                </>
            }
        }
        CompareStep::Report(agreement) => report_html(props, agreement, focus, threshold),
    };
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog aa-compare-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-compare-title" {onkeydown} {ondragover} {ondrop}>
                <h2 id="aa-compare-title">{"Compare annotators"}</h2>
                {body}
            </div>
        </div>
    }
}
