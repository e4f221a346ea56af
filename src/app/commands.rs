//! What each command does: the glue between keys / buttons, the session and the browser.

use super::library::{Library, SaveStatus, StoreRef};
use super::{Dialog, Search};
use crate::components::export_dialog::ExportChoice;
use crate::components::import_dialog::ImportStep;
use crate::components::notice_bar::Notice;
use crate::components::search_bar::SEARCH_FIELD_ID;
use crate::components::span_details::{ATTRIBUTES_ID, NOTE_FIELD_ID};
use crate::components::span_list::FILTER_FIELD_ID;
use crate::keymap::Command;
use crate::model::formats::{native, Format};
use crate::model::offsets::{CharOffset, CharRange};
use crate::model::span::SpanId;
use crate::model::words::Edge;
use crate::state::{Action, Session};
use crate::web::{clipboard, clock, download, selection};
use yew::prelude::*;

/// The app's state handles, so commands can read and change them.
#[derive(Clone)]
pub struct Ui {
    pub session: UseReducerHandle<Session>,
    pub notice: UseStateHandle<Option<Notice>>,
    pub dialog: UseStateHandle<Dialog>,
    pub snapping: UseStateHandle<bool>,
    pub caret_mode: UseStateHandle<bool>,
    /// The span a link is being made from.
    pub linking: UseStateHandle<Option<SpanId>>,
    pub search: UseStateHandle<Option<Search>>,
    pub article_ref: NodeRef,
    /// The open project and its articles (`None` while storage is read).
    pub library: UseStateHandle<Option<Library>>,
    pub status: UseStateHandle<SaveStatus>,
    pub store: StoreRef,
}

fn focus(id: &str) -> bool {
    let element = gloo::utils::document().get_element_by_id(id);
    let target = element.and_then(|element| {
        if element.tag_name() == "FIELDSET" {
            element.query_selector("select, input").ok().flatten()
        } else {
            Some(element)
        }
    });
    match target
        .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(target).ok())
    {
        Some(target) => target.focus().is_ok(),
        None => false,
    }
}

impl Ui {
    fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice::info(text)));
    }

    fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice::error(text)));
    }

    fn article(&self) -> Option<web_sys::Element> {
        self.article_ref.cast::<web_sys::Element>()
    }

    /// Runs a command from a key or a button.
    pub fn run(&self, command: Command) {
        let session = &self.session;
        match command {
            Command::Label { name, exact } => self.label(name, exact),
            Command::Delete => match session.selected.clone() {
                Some(id) => session.dispatch(Action::Delete(id)),
                None => self.info("Select a span first (click it, or press Tab), then Delete."),
            },
            Command::Clear => {
                if self.linking.is_some() {
                    self.linking.set(None);
                    self.info("Linking cancelled.");
                } else if self.search.is_some() {
                    self.search.set(None);
                } else if *self.caret_mode {
                    self.set_caret_mode(false);
                } else {
                    session.dispatch(Action::Select(None));
                    selection::clear_selection();
                }
            }
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::NextSpan | Command::PreviousSpan => {
                let spans = session.annotations.spans();
                if spans.is_empty() {
                    return self.info("There are no spans yet.");
                }
                let at = session
                    .selected
                    .as_ref()
                    .and_then(|id| spans.iter().position(|span| &span.id == id));
                let next = match (command == Command::NextSpan, at) {
                    (true, Some(at)) => (at + 1) % spans.len(),
                    (true, None) => 0,
                    (false, Some(0) | None) => spans.len() - 1,
                    (false, Some(at)) => at - 1,
                };
                self.pick(spans[next].id.clone());
            }
            Command::Nudge(edge, step, direction) => match session.selected.clone() {
                Some(id) => session.dispatch(Action::Nudge {
                    id,
                    edge,
                    step,
                    direction,
                    now: clock::now(),
                }),
                None => {
                    self.info("Select a span first; then [ ] { } move its start, , . < > its end.")
                }
            },
            Command::Link => self.start_linking(),
            Command::EditNote => {
                if session.selected.is_none() || !focus(NOTE_FIELD_ID) {
                    self.info("Select a span first, then press N to write its note.");
                }
            }
            Command::EditAttributes => {
                if session.selected.is_none() || !focus(ATTRIBUTES_ID) {
                    self.info(
                        "The selected span has no attributes (select a span whose label has some).",
                    );
                }
            }
            Command::CaretMode => self.set_caret_mode(!*self.caret_mode),
            Command::Search => {
                if self.search.is_none() {
                    self.search.set(Some(Search::default()));
                } else {
                    focus(SEARCH_FIELD_ID);
                }
            }
            Command::FilterSpans => {
                focus(FILTER_FIELD_ID);
            }
            Command::EditSchema => self.dialog.set(Dialog::Schema(Vec::new())),
            Command::ToggleSnapping => {
                let on = !*self.snapping;
                self.snapping.set(on);
                crate::web::storage::set_snapping(on);
                self.info(if on {
                    "Word snapping on: selections extend to whole words; edge punctuation is trimmed."
                } else {
                    "Word snapping off: spans keep exactly the characters you select."
                });
            }
            Command::Help => self.dialog.set(Dialog::Help),
            Command::Projects => self.show_projects(),
            Command::NextArticle => self.step_article(true),
            Command::PreviousArticle => self.step_article(false),
            Command::NextUnfinished => self.next_unfinished(),
            Command::ToggleDone => self.toggle_done(),
            Command::OpenArticle => self.dialog.set(Dialog::Open(String::new())),
            Command::ExportJson => {
                let json = session.export_json();
                let name = native::file_name(&session.document);
                match download::download(&name, "application/json", &json) {
                    Ok(()) => self.info(format!("Exported {name}.")),
                    Err(_) => {
                        self.error("The export could not be downloaded; try Copy JSON instead.")
                    }
                }
            }
            Command::ExportAs => {
                let works = [session.work()];
                let choices = Format::ALL
                    .iter()
                    .map(|format| ExportChoice {
                        format: *format,
                        losses: format.losses(&works),
                    })
                    .collect();
                self.dialog.set(Dialog::Export(std::rc::Rc::new(choices)));
            }
            Command::Import => self
                .dialog
                .set(Dialog::Import(ImportStep::Pick { error: None })),
            Command::CopyJson => {
                let json = session.export_json();
                let notice = self.notice.clone();
                yew::platform::spawn_local(async move {
                    notice.set(Some(match clipboard::copy_text(&json).await {
                        Ok(()) => Notice::info("Copied the JSON to the clipboard."),
                        Err(_) => Notice::error(
                            "The browser refused the clipboard; use Export JSON instead.",
                        ),
                    }));
                });
            }
        }
    }

    /// Tags the text selection, or re-labels the selected span.
    fn label(&self, name: String, exact: bool) {
        let session = &self.session;
        let text = &session.document.text;
        let range = self
            .article()
            .and_then(|article| selection::selected_range(&article, text));
        if let Some(range) = range {
            session.dispatch(Action::Tag {
                id: SpanId::new(&clock::new_id()),
                label: name,
                range,
                exact: exact || !*self.snapping,
                now: clock::now(),
            });
            selection::clear_selection();
            if let (true, Some(article)) = (*self.caret_mode, self.article()) {
                // Keep going: the caret goes to the end of what was tagged, once the
                // article has re-rendered with the new span.
                let document = session.document.clone();
                after_render(move || {
                    selection::place_caret(&article, &document.text, range.end);
                });
            }
        } else if selection::has_text_selection() {
            self.info("Only text in the article can be tagged; that selection is outside it.");
        } else if let Some(id) = session.selected.clone() {
            session.dispatch(Action::Relabel {
                id,
                label: name,
                now: clock::now(),
            });
        } else {
            self.info("Select some words in the article first (or press I for the keyboard caret), then choose a label.");
        }
    }

    fn undo_redo(&self, undo: bool) {
        let history = &self.session.history;
        let edit = if undo {
            history.next_undo()
        } else {
            history.next_redo()
        };
        match edit {
            Some(edit) => {
                let what = edit.describe();
                self.session
                    .dispatch(if undo { Action::Undo } else { Action::Redo });
                self.info(format!("{} {what}.", if undo { "Undid" } else { "Redid" }));
            }
            None => self.info(if undo {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            }),
        }
    }

    /// A click in the article: completes a link while linking, otherwise selects.
    pub fn select_in_article(&self, id: Option<SpanId>) {
        match (self.linking.is_some(), id) {
            (true, Some(id)) => self.link_to(id),
            (true, None) => {}
            (false, id) => self.session.dispatch(Action::Select(id)),
        }
    }

    /// Selects a span and scrolls it into view.
    pub fn pick(&self, id: SpanId) {
        super::scroll_to_span(&self.session, &id);
        self.session.dispatch(Action::Select(Some(id)));
    }

    fn start_linking(&self) {
        let Some(span) = self.session.selected_span() else {
            return self
                .info("Select a quote or claim first, then press L to link it to its source.");
        };
        if self
            .session
            .schema
            .link_targets(&span.label)
            .next()
            .is_none()
        {
            let allowed: Vec<String> = self
                .session
                .schema
                .links()
                .iter()
                .map(|rule| format!("{} → {}", rule.from, rule.to))
                .collect();
            return self.error(format!(
                "A {} cannot start a link: the schema allows {}.",
                span.label,
                if allowed.is_empty() {
                    "no links".to_owned()
                } else {
                    allowed.join(", ")
                }
            ));
        }
        self.linking.set(Some(span.id.clone()));
        self.info("Linking: click the source in the article or pick it in the panel. Esc cancels.");
    }

    /// Completes a link to `to`, or says why it is refused (staying in link mode).
    pub fn link_to(&self, to: SpanId) {
        let Some(from) = (*self.linking).clone() else {
            return;
        };
        match self.session.link_rule(&from, &to) {
            Ok(rule) => {
                let (kind, target) = (rule.title(), rule.to.clone());
                self.session.dispatch(Action::Link {
                    id: clock::new_id(),
                    from: from.clone(),
                    to,
                });
                self.session.dispatch(Action::Select(Some(from)));
                self.linking.set(None);
                self.info(format!("Linked: {kind} this {target}. Ctrl+Z undoes it."));
            }
            Err(why) => self.error(why),
        }
    }

    /// Moves a boundary of the selected span to where its handle was dropped.
    pub fn resize(&self, (edge, offset): (Edge, CharOffset)) {
        let Some(span) = self.session.selected_span() else {
            return;
        };
        let range = match edge {
            Edge::Start => CharRange::between(offset, span.range.end),
            Edge::End => CharRange::between(span.range.start, offset),
        };
        if range.is_empty() || range == span.range {
            return;
        }
        self.session.dispatch(Action::Resize {
            id: span.id.clone(),
            range,
            now: clock::now(),
        });
    }

    fn set_caret_mode(&self, on: bool) {
        self.caret_mode.set(on);
        let Some(article) = self.article() else {
            return;
        };
        if !on {
            selection::clear_selection();
            self.info("Caret mode off.");
            return;
        }
        let document = self.session.document.clone();
        let start = self.session.selected_span().map(|span| span.range.start);
        let session_article = article.clone();
        // After the render that makes the article editable: focus it and place the caret.
        after_render(move || {
            if let Some(element) =
                wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&session_article)
            {
                let _ = element.focus();
            }
            let at = start
                .or_else(|| first_visible_offset(&session_article, &document.text))
                .unwrap_or(CharOffset(0));
            selection::place_caret(&session_article, &document.text, at);
        });
        self.info("Caret mode: arrows move, Shift+arrows select (Ctrl: by word), a label key tags. Esc leaves.");
    }
}

/// The offset of the text at the top left of the visible part of the article.
fn first_visible_offset(
    article: &web_sys::Element,
    text: &crate::model::text::ArticleText,
) -> Option<CharOffset> {
    let rect = article.get_bounding_client_rect();
    // Below the sticky label bar (and the search bar), which cover the top of the view.
    let bars = gloo::utils::document()
        .query_selector_all(".aa-label-bar, .aa-search")
        .ok()
        .map(|bars| {
            (0..bars.length())
                .filter_map(|index| bars.item(index))
                .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
                .map(|bar| bar.get_bounding_client_rect().bottom())
                .fold(0.0, f64::max)
        })
        .unwrap_or(0.0);
    let y = rect.top().max(bars) as f32 + 12.0;
    let x = rect.left() as f32 + 4.0;
    selection::offset_at_point(article, text, x, y)
}

/// Runs `then` once the render caused by the current event has reached the page. Yew's
/// scheduler runs in the futures queue (microtasks), and this is queued after it: it runs
/// before the browser takes the next key, which a timer would not (input goes first).
pub(super) fn after_render(then: impl FnOnce() + 'static) {
    yew::platform::spawn_local(async move { then() });
}
