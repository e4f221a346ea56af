//! The Yew root: layout, commands from keys and buttons, files, dialogs and saving.

mod store;

use crate::components::article_view::ArticleView;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::label_bar::LabelBar;
use crate::components::notice_bar::{Notice, NoticeBar};
use crate::components::open_dialog::{OpenDialog, PastedArticle};
use crate::components::span_list::SpanList;
use crate::components::toolbar::Toolbar;
use crate::keymap::{command_for, Command, KeyPress};
use crate::model::document::{default_title, Document};
use crate::model::formats::native;
use crate::model::segments;
use crate::model::span::SpanId;
use crate::model::text::ArticleText;
use crate::state::{Action, Session};
use crate::web::{clipboard, clock, download, files, selection};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Which dialog is open.
#[derive(Clone, Debug, PartialEq)]
enum Dialog {
    Closed,
    Open,
    /// A new article waits for the user to confirm replacing the current one.
    ConfirmReplace(Rc<Document>),
}

/// True when a key press belongs to a text field, not to the app.
fn typed_in_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element.is_content_editable()
        })
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let startup = use_memo((), |_| store::startup_session());
    let session = {
        let startup = startup.clone();
        use_reducer(move || startup.0.clone())
    };
    let notice = {
        let startup = startup.clone();
        use_state(move || startup.1.clone())
    };
    let dialog = use_state(|| Dialog::Closed);
    let dragging = use_state(|| false);
    let article_ref = use_node_ref();

    // Save every accepted edit (not the start-up state: saved work that could not be read
    // stays in storage until the user's first edit).
    let mounted = use_mut_ref(|| false);
    {
        let notice = notice.clone();
        let session = session.clone();
        use_effect_with(session.revision, move |_| {
            if !std::mem::replace(&mut *mounted.borrow_mut(), true) {
                return;
            }
            if let Err(problem) = store::save_session(&session) {
                notice.set(Some(Notice::error(format!(
                    "Your work is not saved: {problem}. Export the JSON to keep it."
                ))));
            }
        });
    }

    let blocks = {
        let session = session.clone();
        use_memo(session.revision, move |_| {
            segments::blocks(&session.document.text, &session.annotations)
        })
    };

    let open_document = {
        let (session, dialog, notice) = (session.clone(), dialog.clone(), notice.clone());
        Callback::from(move |document: Rc<Document>| {
            let title = document.title.clone();
            session.dispatch(Action::Open(Rc::unwrap_or_clone(document)));
            dialog.set(Dialog::Closed);
            notice.set(Some(Notice::info(format!("Opened “{title}”."))));
        })
    };
    // A new article replaces the current one at once, or after a confirmation when the
    // current one has spans.
    let offer_document = {
        let (session, dialog) = (session.clone(), dialog.clone());
        let open_document = open_document.clone();
        Callback::from(move |document: Document| {
            let document = Rc::new(document);
            if session.annotations.is_empty() {
                open_document.emit(document);
            } else {
                dialog.set(Dialog::ConfirmReplace(document));
            }
        })
    };
    let on_paste = {
        let offer_document = offer_document.clone();
        Callback::from(move |pasted: PastedArticle| {
            let title = if pasted.title.is_empty() {
                default_title(&pasted.text, None)
            } else {
                pasted.title
            };
            offer_document.emit(Document {
                id: clock::new_id(),
                title,
                source: Some(pasted.source).filter(|source| !source.is_empty()),
                text: ArticleText::new(&pasted.text),
            });
        })
    };
    let on_file = {
        let (offer_document, notice, dialog) =
            (offer_document.clone(), notice.clone(), dialog.clone());
        Callback::from(move |file: web_sys::File| {
            dialog.set(Dialog::Closed);
            let (offer_document, notice) = (offer_document.clone(), notice.clone());
            yew::platform::spawn_local(async move {
                match files::read_article(file).await {
                    (name, Ok(text)) => offer_document.emit(Document {
                        id: clock::new_id(),
                        title: default_title(&text, Some(&name)),
                        source: Some(name),
                        text: ArticleText::new(&text),
                    }),
                    (name, Err(problem)) => notice.set(Some(Notice::error(format!(
                        "“{name}” was not opened: {problem}. The current article is unchanged."
                    )))),
                }
            });
        })
    };

    let run = {
        let (session, dialog, notice, article_ref) = (
            session.clone(),
            dialog.clone(),
            notice.clone(),
            article_ref.clone(),
        );
        Callback::from(move |command: Command| match command {
            Command::Label(label) => {
                let text = &session.document.text;
                let range = article_ref
                    .cast::<web_sys::Element>()
                    .and_then(|article| selection::selected_range(&article, text));
                if let Some(range) = range {
                    let id = SpanId::new(&clock::new_id());
                    session.dispatch(Action::Tag {
                        id,
                        label,
                        range,
                        now: clock::now(),
                    });
                    selection::clear_selection();
                } else if selection::has_text_selection() {
                    notice.set(Some(Notice::info(
                        "Only text in the article can be tagged; that selection is outside it.",
                    )));
                } else if let Some(id) = session.selected.clone() {
                    session.dispatch(Action::Relabel {
                        id,
                        label,
                        now: clock::now(),
                    });
                } else {
                    notice.set(Some(Notice::info(
                        "Select some words in the article first, then choose a label.",
                    )));
                }
            }
            Command::Delete => {
                if let Some(id) = session.selected.clone() {
                    session.dispatch(Action::Delete(id));
                }
            }
            Command::Clear => {
                session.dispatch(Action::Select(None));
                selection::clear_selection();
            }
            Command::OpenArticle => dialog.set(Dialog::Open),
            Command::ExportJson => {
                let json = session.export_json();
                let name = native::file_name(&session.document);
                match download::download(&name, "application/json", &json) {
                    Ok(()) => notice.set(Some(Notice::info(format!("Exported {name}.")))),
                    Err(_) => notice.set(Some(Notice::error(
                        "The export could not be downloaded; try Copy JSON instead.",
                    ))),
                }
            }
            Command::CopyJson => {
                let json = session.export_json();
                let notice = notice.clone();
                yew::platform::spawn_local(async move {
                    notice.set(Some(match clipboard::copy_text(&json).await {
                        Ok(()) => Notice::info("Copied the JSON to the clipboard."),
                        Err(_) => Notice::error(
                            "The browser refused the clipboard; use Export JSON instead.",
                        ),
                    }));
                });
            }
        })
    };

    // Keys anywhere on the page, except while typing in a field or with a dialog open.
    let on_key = {
        let (run, labels, dialog_open) = (
            run.clone(),
            session.labels.clone(),
            *dialog != Dialog::Closed,
        );
        Callback::from(move |event: KeyboardEvent| {
            if dialog_open || event.repeat() || typed_in_field(&event) || event.default_prevented()
            {
                return;
            }
            let key = event.key();
            let press = KeyPress {
                key: &key,
                ctrl: event.ctrl_key(),
                meta: event.meta_key(),
                alt: event.alt_key(),
            };
            if let Some(command) = command_for(press, &labels) {
                event.prevent_default();
                run.emit(command);
            }
        })
    };
    let latest_on_key = use_mut_ref(|| on_key.clone());
    *latest_on_key.borrow_mut() = on_key;
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        // Not passive: the app's keys must be able to prevent the browser's default.
        let options = EventListenerOptions::enable_prevent_default();
        let listener =
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                    latest_on_key.borrow().emit(event.clone());
                }
            });
        move || drop(listener)
    });

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            if event.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let (dragging, on_file) = (dragging.clone(), on_file.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            let file = event
                .data_transfer()
                .and_then(|transfer| transfer.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                on_file.emit(file);
            }
        })
    };

    let on_select = {
        let session = session.clone();
        Callback::from(move |id: Option<SpanId>| session.dispatch(Action::Select(id)))
    };
    let on_pick = {
        let session = session.clone();
        Callback::from(move |id: SpanId| {
            scroll_to_span(&session, &id);
            session.dispatch(Action::Select(Some(id)));
        })
    };
    let close_dialog = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(Dialog::Closed))
    };
    let dialog_html = match &*dialog {
        Dialog::Closed => html! {},
        Dialog::Open => html! {
            <OpenDialog {on_paste} {on_file} on_cancel={close_dialog} />
        },
        Dialog::ConfirmReplace(document) => {
            let document = document.clone();
            let title = document.title.clone();
            html! {
                <ConfirmDialog span_count={session.annotations.len()} new_title={title}
                    on_confirm={open_document.reform(move |()| document.clone())}
                    on_cancel={close_dialog} />
            }
        }
    };
    let document = &session.document;
    html! {
        <div class={classes!("aa-app", dragging.then_some("is-dragging"))}
            {ondragover} {ondragleave} {ondrop}>
            <header class="aa-header">
                <h1 class="aa-brand">{"Article Annotator"}</h1>
                <Toolbar on_command={run.clone()} />
            </header>
            <LabelBar labels={session.labels.clone()} selected={session.selected_span().cloned()}
                on_label={run.reform(Command::Label)}
                on_delete={run.reform(|()| Command::Delete)}
                on_clear={run.reform(|()| Command::Clear)} />
            <NoticeBar notice={(*notice).clone()} on_dismiss={
                let notice = notice.clone();
                Callback::from(move |()| notice.set(None))
            } />
            <main class="aa-main">
                <section class="aa-document" aria-labelledby="aa-doc-title">
                    <h2 id="aa-doc-title" class="aa-doc-title">{&document.title}</h2>
                    if let Some(source) = &document.source {
                        <p class="aa-doc-source">{source}</p>
                    }
                    <ArticleView document={document.clone()}
                        labels={session.labels.clone()} blocks={blocks}
                        selected={session.selected.clone()} article_ref={article_ref}
                        {on_select} />
                </section>
                <aside class="aa-panel" aria-label="Spans">
                    <SpanList labels={session.labels.clone()}
                        annotations={session.annotations.clone()}
                        selected={session.selected.clone()} {on_pick} />
                </aside>
            </main>
            <div class="aa-drop-hint" aria-hidden="true">{"Drop a .txt or .md file to open it"}</div>
            {dialog_html}
        </div>
    }
}

/// Scrolls the article so the span's first segment is in the middle of the view.
fn scroll_to_span(session: &Session, id: &SpanId) {
    let Some(span) = session.annotations.get(id) else {
        return;
    };
    // Segments are cut at every span start, so exactly one segment starts there.
    let query = format!("article mark[data-s=\"{}\"]", span.range.start.0);
    let mark = gloo::utils::document()
        .query_selector(&query)
        .ok()
        .flatten();
    if let Some(mark) = mark {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        mark.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
