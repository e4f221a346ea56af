//! The shell's side of the browser: the effects `update` asks for are run here (storage
//! through `effects::perform`, the rest in the page), and the page-wide listeners turn
//! keys, pastes, scrolling and leaving the page into input for the root.

use super::dom;
use super::effects;
use super::incoming::{self, FilesFor};
use super::state::{Dialog, Progress};
use super::update::{Asked, Effect, Msg, ProjectRead, Selected, Store, TeamMsg};
use crate::components::notice_bar::Notice;
use crate::keymap::{command_for, Command, KeyPress, Keymap};
use crate::model::document::Document;
use crate::model::schema::Schema;
use crate::model::span::Span;
use crate::storage::Place;
use crate::storage::StoreError;
use crate::web::db::Db;
use crate::web::tabs::Tabs;
use crate::web::{clipboard, download, page, selection, storage, worker};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the root component is sent.
#[allow(clippy::large_enum_variant)] // one at a time, moved at once: boxing buys nothing
pub enum Input {
    Msg(Msg),
    /// A command from a key or a button (a label key reads the article's selection first).
    Command(Command),
    DbOpened(Result<Rc<Db>, StoreError>),
    Files(FilesFor, Vec<web_sys::File>),
    /// Rich text pasted (HTML), to read as a web page.
    PastedHtml(String),
}

/// What the page-wide listeners need to know between renders.
#[derive(Default)]
pub struct Shared {
    /// A dialog or job is up, or storage is still read: keys are not the app's.
    pub blocked: bool,
    pub schema: Rc<Schema>,
    pub keymap: Rc<Keymap>,
    pub has_selection: bool,
    /// A gold article's disagreement is current: how many annotators' versions digits take.
    pub adjudicating: usize,
    /// Something accepted is not stored yet: leaving the page asks first.
    pub unstored: bool,
}

/// Storage, the other tabs, the article element, and what waits for the next render.
pub struct Shell {
    send: Callback<Input>,
    db: Option<Rc<Db>>,
    tabs: Option<Tabs>,
    pub article_ref: NodeRef,
    /// Work for the page once the current update is rendered (focus, caret, scroll).
    after_render: Vec<Box<dyn FnOnce()>>,
}

impl Shell {
    /// Opens storage (its answer comes as `Input::DbOpened`) and the channel to other tabs.
    pub fn new(send: Callback<Input>) -> Self {
        let opened = send.clone();
        yew::platform::spawn_local(async move {
            opened.emit(Input::DbOpened(Db::open().await.map(Rc::new)));
        });
        let heard = send.clone();
        let tabs = Tabs::open(move |message| heard.emit(Input::Msg(Msg::Tab(message))));
        Self {
            send,
            db: None,
            tabs,
            article_ref: NodeRef::default(),
            after_render: Vec::new(),
        }
    }

    /// Storage is open: the app starts reading it.
    pub fn opened(&mut self, db: Rc<Db>, document: &Rc<Document>) {
        self.db = Some(db);
        self.run(vec![Effect::Store(Store::Start)], document);
    }

    /// Runs what waited for the render that just happened.
    pub fn rendered(&mut self) {
        for then in self.after_render.drain(..) {
            dom::after_render(then);
        }
    }

    fn later(&mut self, then: impl FnOnce() + 'static) {
        self.after_render.push(Box::new(then));
    }

    /// What is selected in the article, for a label key.
    pub fn selected(&self, document: &Document) -> Selected {
        let article = self.article_ref.cast::<web_sys::Element>();
        let text = &document.text;
        match article.and_then(|article| selection::selected_range(&article, text)) {
            Some(range) => Selected::Range(range),
            None if selection::has_text_selection() => Selected::Outside,
            None => Selected::Nothing,
        }
    }

    /// The note typed in the panel for `span` but not saved yet (it is saved a moment
    /// after typing stops), as a message.
    pub fn typed_note(&self, span: &Span) -> Option<Msg> {
        let field = gloo::utils::document()
            .get_element_by_id(crate::components::span_details::NOTE_FIELD_ID)
            .and_then(|field| field.dyn_into::<web_sys::HtmlTextAreaElement>().ok())?;
        (field.value().trim_end() != span.note)
            .then(|| Msg::SetNote(span.id.clone(), field.value()))
    }

    /// Reads files in the browser; the result comes back as one message. Gives what the
    /// page is busy with meanwhile, if it says so.
    pub fn read_files(&self, purpose: FilesFor, files: Vec<web_sys::File>) -> Option<Msg> {
        if files.is_empty() {
            return None;
        }
        let import = files
            .iter()
            .any(|file| incoming::is_import_file(&file.name()));
        let purpose = match purpose {
            FilesFor::Dropped if import => FilesFor::Import,
            FilesFor::Dropped => FilesFor::Articles,
            purpose => purpose,
        };
        let pages = (files.iter()).any(|file| crate::model::intake::is_page_file(&file.name()));
        // Imports and new projects go on in the worker, which Cancel stops.
        let busy = match purpose {
            FilesFor::Import => Some(Msg::Progress(Progress::cancellable(format!(
                "Reading {}…",
                incoming::names_of(&files)
            )))),
            FilesFor::NewProject | FilesFor::Compare => Some(Msg::Progress(Progress::cancellable(
                "Reading the files…".to_owned(),
            ))),
            FilesFor::Articles if pages => Some(Msg::Busy("Reading the page…".to_owned())),
            _ => None,
        };
        let send = self.send.clone();
        yew::platform::spawn_local(async move {
            let msg = match purpose {
                FilesFor::Import => incoming::read_import(files).await,
                FilesFor::NewProject => incoming::read_new_project(files).await,
                FilesFor::Compare => incoming::read_compare(files).await,
                FilesFor::TeamDataset => incoming::read_team_dataset(files).await,
                FilesFor::Articles | FilesFor::Dropped => incoming::read_articles(files).await,
            };
            send.emit(Input::Msg(msg));
        });
        busy
    }

    /// Reads pasted rich text as a web page; the result comes back as a message.
    pub fn read_pasted_html(&self, html: String) -> Msg {
        let send = self.send.clone();
        yew::platform::spawn_local(async move {
            send.emit(Input::Msg(incoming::read_pasted_html(html).await));
        });
        Msg::Busy("Reading the page…".to_owned())
    }

    /// Runs effects: storage's through `effects::perform`, the page's here. `document` is
    /// the open article (as the update left it) for caret and selection work.
    pub fn run(&mut self, effects: Vec<Effect>, document: &Rc<Document>) {
        for effect in effects {
            let to_app = self.send.clone();
            let send = move |msg: Msg| to_app.emit(Input::Msg(msg));
            let article = self.article_ref.clone();
            let document = document.clone();
            match effect {
                Effect::Store(work) => {
                    let Some(db) = self.db.clone() else {
                        continue;
                    };
                    yew::platform::spawn_local(async move {
                        let shell = effects::Shell {
                            send: &send,
                            old_work: &storage::old_work,
                        };
                        if let Some(msg) = effects::perform(&*db, work, &shell).await {
                            send(msg);
                        }
                    });
                }
                Effect::Team(call) => {
                    let Some(db) = self.db.clone() else {
                        continue;
                    };
                    yew::platform::spawn_local(async move {
                        if let Some(msg) = super::team::perform(&*db, call).await {
                            send(msg);
                        }
                    });
                }
                Effect::Later { ms, msg } => {
                    gloo::timers::callback::Timeout::new(ms, move || send(*msg)).forget();
                }
                Effect::Download {
                    name,
                    mime,
                    bytes,
                    done,
                } => send(Msg::Notice(
                    match download::download_bytes(&name, mime, &bytes) {
                        Ok(()) => done,
                        Err(_) => Notice::error(
                            "The file could not be downloaded; try Copy JSON (in the Article menu) instead.",
                        ),
                    },
                )),
                Effect::Copy(json) => yew::platform::spawn_local(async move {
                    send(Msg::Notice(match clipboard::copy_text(&json).await {
                        Ok(()) => Notice::info("Copied the JSON to the clipboard."),
                        Err(_) => Notice::error(
                            "The browser refused the clipboard; use Export JSON instead.",
                        ),
                    }));
                }),
                Effect::Focus { id, otherwise } => self.later(move || {
                    if !dom::focus(id) {
                        send(Msg::Notice(otherwise));
                    }
                }),
                Effect::ScrollTo(start) => self.later(move || dom::scroll_to_span(start)),
                Effect::RestoreScroll(place) => self.later(move || {
                    yew::platform::spawn_local(dom::set_scroll(article, place));
                }),
                Effect::ScrollToText(at) => self.later(move || {
                    // Its block's top a little below the bars over the article.
                    let place = Place {
                        anchor: Some((at.0, -160.0)),
                        ..Place::default()
                    };
                    yew::platform::spawn_local(dom::set_scroll(article, place));
                }),
                Effect::PlaceCaret(at) => self.later(move || {
                    if let Some(article) = article.cast::<web_sys::Element>() {
                        selection::place_caret(&article, &document.text, at);
                    }
                }),
                Effect::EnterCaret(at) => self.later(move || {
                    if let Some(article) = article.cast::<web_sys::Element>() {
                        dom::enter_caret(&article, &document.text, at);
                    }
                }),
                Effect::ClearSelection => selection::clear_selection(),
                Effect::SelectText(range) => {
                    if let Some(article) = article.cast::<web_sys::Element>() {
                        selection::select_range(&article, &document.text, range);
                    }
                }
                Effect::Broadcast(message) => {
                    if let Some(tabs) = &self.tabs {
                        tabs.send(&message);
                    }
                }
                Effect::Persist => yew::platform::spawn_local(async move {
                    send(Msg::Persisted(dom::persist().await));
                }),
                Effect::SavePreference(preference, on) => storage::set_flag(preference.key(), on),
                Effect::SaveText(key, text) => storage::set_text(key, &text),
                Effect::Ask { job, bytes, asked } => yew::platform::spawn_local(async move {
                    let ticket = worker::Ticket::take();
                    let answer = worker::ask(job, bytes).await;
                    send(match asked {
                        // Many articles: read a chunk at a time, the page free in between.
                        Asked::ImportAll(name) if answer.is_ok() => {
                            Msg::NewProject(incoming::project_answered(name, answer, ticket).await)
                        }
                        Asked::Gold { name, open } if answer.is_ok() => {
                            let read = incoming::project_answered(name, answer, ticket).await;
                            Msg::NewProject(read.map(|read| ProjectRead { open, ..read }))
                        }
                        asked => Msg::Answered(asked, answer),
                    });
                }),
                Effect::CancelWork => worker::cancel(),
                Effect::WarmWorker => worker::warm(),
                Effect::OldWorkMoved => storage::mark_old_work_moved(),
            }
        }
    }
}

/// The page-wide listeners: keys, pastes, scrolling, and leaving the page.
pub fn listeners(send: &Callback<Input>, shared: &Rc<RefCell<Shared>>) -> Vec<EventListener> {
    let document = gloo::utils::document();
    let window = gloo::utils::window();
    // Not passive: the app's keys and pastes must be able to prevent the browser's default.
    let options = EventListenerOptions::enable_prevent_default();
    let keys = {
        let (send, shared) = (send.clone(), shared.clone());
        EventListener::new_with_options(&document, "keydown", options, move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let shared = shared.borrow();
            // Keys that compose text in an input method are the input method's.
            if shared.blocked
                || event.is_composing()
                || dom::typed_in_field(event)
                || event.default_prevented()
            {
                return;
            }
            let (key, code) = (event.key(), event.code());
            let press = KeyPress {
                key: &key,
                code: &code,
                ctrl: event.ctrl_key(),
                meta: event.meta_key(),
                alt: event.alt_key(),
                shift: event.shift_key(),
                // Tab moves between spans only while one is selected, so from a fresh page
                // (or after Esc) Tab still reaches every control.
                focus_free: shared.has_selection && dom::focus_is_free(),
                // With no span and no text selected (digits tag a text selection).
                adjudicating: match shared.has_selection || selection::has_text_selection() {
                    true => 0,
                    false => shared.adjudicating,
                },
            };
            let Some(command) = command_for(press, &shared.schema, &shared.keymap) else {
                return;
            };
            // Held keys repeat only what is safe to repeat.
            let repeatable = matches!(
                command,
                Command::Nudge(..)
                    | Command::NextSpan
                    | Command::PreviousSpan
                    | Command::Undo
                    | Command::Redo
            );
            event.prevent_default();
            if !event.repeat() || repeatable {
                send.emit(Input::Command(command));
            }
        })
    };
    // A paste on the page (not in a field, no dialog open) opens what was pasted: rich text
    // as a web page, plain text in "Open article".
    let pastes = {
        let (send, shared) = (send.clone(), shared.clone());
        EventListener::new_with_options(&document, "paste", options, move |event| {
            if shared.borrow().blocked || dom::typed_in_field(event) {
                return;
            }
            event.prevent_default();
            send.emit(match page::html_of_paste(event) {
                Some(html) => Input::PastedHtml(html),
                None => Input::Msg(Msg::ShowDialog(Dialog::Open(page::text_of_paste(event)))),
            });
        })
    };
    // Where the user is in the article is remembered a moment after scrolling stops.
    let scrolls = {
        let send = send.clone();
        let pending = RefCell::new(None::<gloo::timers::callback::Timeout>);
        EventListener::new(&window, "scroll", move |_| {
            let send = send.clone();
            *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(400, move || {
                let scroll = gloo::utils::window().scroll_y().unwrap_or(0.0);
                let article = gloo::utils::document()
                    .query_selector(".aa-article")
                    .ok()
                    .flatten();
                let anchor = article
                    .and_then(|article| selection::view_anchor(&article))
                    .map(|(at, within)| (at.0, within));
                send.emit(Input::Msg(Msg::Scrolled { scroll, anchor }));
            }));
        })
    };
    // Leaving the page while accepted work is not stored asks first.
    let unload = {
        let shared = shared.clone();
        EventListener::new_with_options(&window, "beforeunload", options, move |event| {
            if shared.borrow().unstored {
                event.prevent_default();
                let _ = js_sys::Reflect::set(event, &"returnValue".into(), &"".into());
            }
        })
    };
    // An invitation link pasted into the address of the open app changes only its fragment:
    // the page stays, and the invitation is read here.
    let invitations = {
        let send = send.clone();
        EventListener::new(&window, "hashchange", move |_| {
            if let Some(token) = crate::web::server::invitation_in_address() {
                send.emit(Input::Msg(Msg::Team(TeamMsg::InvitationLink(token))));
            }
        })
    };
    vec![keys, pastes, scrolls, unload, invitations]
}
