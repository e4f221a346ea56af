//! The app shell: the one [`AppState`], changed only by [`update`] through messages, and
//! the root component that renders it and runs the effects `update` asks for.
//!
//! Data flows one way: input → `Msg` → `update` → new state + effects → render / run the
//! effects → their results come back as `Msg`s, applied to the state as it is then.

mod dom;
pub mod effects;
mod incoming;
pub mod save_queue;
pub mod state;
pub mod update;
mod view;

use crate::keymap::{command_for, Command, KeyPress};
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::schema::Schema;
use crate::model::segments::{self, Block};
use crate::model::span::Timestamp;
use crate::storage::StoreError;
use crate::web::db::Db;
use crate::web::tabs::Tabs;
use crate::web::{clipboard, clock, download, page, selection, storage};
use gloo::events::{EventListener, EventListenerOptions};
use incoming::FilesFor;
use state::{AppState, Dialog, Search};
use std::cell::RefCell;
use std::rc::Rc;
use update::{update, Effect, Env, Msg, Selected};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The browser's clock and ids.
struct BrowserEnv;

impl Env for BrowserEnv {
    fn now(&self) -> Timestamp {
        clock::now()
    }

    fn new_id(&mut self) -> String {
        clock::new_id()
    }
}

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
struct Shared {
    /// A dialog or job is up, or storage is still read: keys are not the app's.
    blocked: bool,
    schema: Rc<Schema>,
    has_selection: bool,
    /// Something accepted is not stored yet: leaving the page asks first.
    unstored: bool,
}

/// The article's blocks as last drawn: after an edit only the blocks it touched are split again.
type Drawn = Option<(Rc<Document>, Rc<Annotations>, Rc<Vec<Rc<Block>>>)>;

/// The whole app.
pub struct App {
    state: AppState,
    article_ref: NodeRef,
    db: Option<Rc<Db>>,
    tabs: Option<Tabs>,
    shared: Rc<RefCell<Shared>>,
    drawn: RefCell<Drawn>,
    /// The search as last painted, and the revision it was painted on.
    painted: RefCell<(Option<Search>, u64)>,
    callbacks: view::Callbacks,
    /// Work for the page once this update is rendered (focus, caret, scroll).
    after_render: Vec<Box<dyn FnOnce()>>,
    _listeners: Vec<EventListener>,
}

impl Component for App {
    type Message = Input;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link().clone();
        yew::platform::spawn_local(async move {
            link.send_message(Input::DbOpened(Db::open().await.map(Rc::new)));
        });
        let link = ctx.link().clone();
        let tabs = Tabs::open(move |message| link.send_message(Input::Msg(Msg::Tab(message))));
        let shared = Rc::new(RefCell::new(Shared::default()));
        let listeners = listeners(ctx, &shared);
        Self {
            state: AppState::new(storage::snapping()),
            article_ref: NodeRef::default(),
            db: None,
            tabs,
            shared,
            drawn: RefCell::default(),
            painted: RefCell::default(),
            callbacks: callbacks(ctx.link()),
            after_render: Vec::new(),
            _listeners: listeners,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, input: Input) -> bool {
        let msg = match input {
            Input::Msg(msg) => msg,
            Input::Command(Command::Label { name, exact }) => Msg::Label {
                name,
                exact,
                selected: self.selected(),
            },
            Input::Command(command) => Msg::Command(command),
            Input::DbOpened(Ok(db)) => {
                self.db = Some(db);
                self.run(ctx, vec![Effect::Store(update::Store::Start)]);
                return false;
            }
            Input::DbOpened(Err(error)) => Msg::Started(Err(error)),
            Input::Files(purpose, files) => match self.read_files(ctx, purpose, files) {
                Some(msg) => msg,
                None => return false,
            },
            Input::PastedHtml(html) => {
                let link = ctx.link().clone();
                yew::platform::spawn_local(async move {
                    link.send_message(Input::Msg(incoming::read_pasted_html(html).await));
                });
                Msg::Busy("Reading the page…".to_owned())
            }
        };
        if update::may_leave_article(&msg) {
            self.take_typed_note(ctx);
        }
        let effects = update(&mut self.state, msg, &mut BrowserEnv);
        self.run(ctx, effects);
        let mut shared = self.shared.borrow_mut();
        shared.blocked = self.state.input_blocked();
        shared.schema = self.state.session.schema.clone();
        shared.has_selection = self.state.session.selected.is_some();
        shared.unstored = self.state.has_unstored_work();
        true
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        let session = &self.state.session;
        let blocks = {
            let mut drawn = self.drawn.borrow_mut();
            let blocks = match drawn.as_ref() {
                Some((document, annotations, blocks))
                    if Rc::ptr_eq(document, &session.document) =>
                {
                    if Rc::ptr_eq(annotations, &session.annotations) {
                        blocks.clone()
                    } else {
                        Rc::new(segments::update(blocks, annotations, &session.annotations))
                    }
                }
                _ => Rc::new(segments::blocks(&session.document, &session.annotations)),
            };
            *drawn = Some((
                session.document.clone(),
                session.annotations.clone(),
                blocks.clone(),
            ));
            blocks
        };
        view::view(&self.state, &self.callbacks, blocks, &self.article_ref)
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first_render: bool) {
        for then in self.after_render.drain(..) {
            dom::after_render(then);
        }
        // Search matches are painted after every render that could change them (a
        // re-rendered paragraph has new text nodes); scrolled to only when the search moves.
        let state = &self.state;
        let mut painted = self.painted.borrow_mut();
        if painted.0 != state.search || painted.1 != state.session.revision {
            let moved = painted.0 != state.search;
            dom::paint_search(
                &self.article_ref,
                &state.session.document,
                state.search.as_ref(),
                moved,
            );
            *painted = (state.search.clone(), state.session.revision);
        }
    }
}

impl App {
    /// What is selected in the article, for a label key.
    fn selected(&self) -> Selected {
        let article = self.article_ref.cast::<web_sys::Element>();
        let text = &self.state.session.document.text;
        match article.and_then(|article| selection::selected_range(&article, text)) {
            Some(range) => Selected::Range(range),
            None if selection::has_text_selection() => Selected::Outside,
            None => Selected::Nothing,
        }
    }

    /// A note typed in the panel but not saved yet (it is saved a moment after typing
    /// stops) is taken in now, before another article may replace the open one.
    fn take_typed_note(&mut self, ctx: &Context<Self>) {
        let field = gloo::utils::document()
            .get_element_by_id(crate::components::span_details::NOTE_FIELD_ID)
            .and_then(|field| field.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        let (Some(field), Some(span)) = (field, self.state.session.selected_span()) else {
            return;
        };
        if field.value().trim_end() != span.note {
            let msg = Msg::SetNote(span.id.clone(), field.value());
            let effects = update(&mut self.state, msg, &mut BrowserEnv);
            self.run(ctx, effects);
        }
    }

    /// Runs `then` once the page shows the state this update made.
    fn after_render(&mut self, then: impl FnOnce() + 'static) {
        self.after_render.push(Box::new(then));
    }

    /// Reads files in the browser; the result comes back as one message.
    fn read_files(
        &self,
        ctx: &Context<Self>,
        purpose: FilesFor,
        files: Vec<web_sys::File>,
    ) -> Option<Msg> {
        if files.is_empty() {
            return None;
        }
        let purpose = match purpose {
            FilesFor::Dropped
                if files
                    .iter()
                    .any(|file| incoming::is_import_file(&file.name())) =>
            {
                FilesFor::Import
            }
            FilesFor::Dropped => FilesFor::Articles,
            purpose => purpose,
        };
        let bytes: f64 = files.iter().map(|file| file.size()).sum();
        let pages = files
            .iter()
            .any(|file| crate::model::intake::is_page_file(&file.name()));
        let busy = match purpose {
            FilesFor::Import if bytes >= incoming::LARGE_IMPORT_BYTES => {
                Some(format!("Reading {}…", incoming::names_of(&files)))
            }
            FilesFor::Articles if pages => Some("Reading the page…".to_owned()),
            FilesFor::NewProject => Some("Reading the files…".to_owned()),
            _ => None,
        };
        let link = ctx.link().clone();
        yew::platform::spawn_local(async move {
            let msg = match purpose {
                FilesFor::Import => incoming::read_import(files).await,
                FilesFor::NewProject => incoming::read_new_project(files).await,
                FilesFor::Articles | FilesFor::Dropped => incoming::read_articles(files).await,
            };
            link.send_message(Input::Msg(msg));
        });
        busy.map(Msg::Busy)
    }

    /// Runs effects: storage's through `effects::perform`, the browser's here.
    fn run(&mut self, ctx: &Context<Self>, effects: Vec<Effect>) {
        for effect in effects {
            let link = ctx.link().clone();
            let send = move |msg: Msg| link.send_message(Input::Msg(msg));
            let article = self.article_ref.clone();
            let document = self.state.session.document.clone();
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
                        Err(_) => crate::components::notice_bar::Notice::error(
                            "The file could not be downloaded; try Copy JSON (C) instead.",
                        ),
                    },
                )),
                Effect::Copy(json) => yew::platform::spawn_local(async move {
                    use crate::components::notice_bar::Notice;
                    send(Msg::Notice(match clipboard::copy_text(&json).await {
                        Ok(()) => Notice::info("Copied the JSON to the clipboard."),
                        Err(_) => Notice::error(
                            "The browser refused the clipboard; use Export JSON instead.",
                        ),
                    }));
                }),
                Effect::Focus { id, otherwise } => self.after_render(move || {
                    if !dom::focus(id) {
                        send(Msg::Notice(otherwise));
                    }
                }),
                Effect::ScrollTo(start) => self.after_render(move || dom::scroll_to_span(start)),
                Effect::RestoreScroll(place) => self.after_render(move || {
                    yew::platform::spawn_local(dom::set_scroll(article, place));
                }),
                Effect::PlaceCaret(at) => self.after_render(move || {
                    if let Some(article) = article.cast::<web_sys::Element>() {
                        selection::place_caret(&article, &document.text, at);
                    }
                }),
                Effect::EnterCaret(at) => self.after_render(move || {
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
                Effect::SaveSnapping(on) => storage::set_snapping(on),
                Effect::Reload => {
                    let _ = gloo::utils::window().location().reload();
                }
                Effect::OldWorkMoved => storage::mark_old_work_moved(),
            }
        }
    }
}

/// The callbacks handed to components, made once (see `view::Callbacks`).
fn callbacks(link: &yew::html::Scope<App>) -> view::Callbacks {
    view::Callbacks {
        command: link.callback(Input::Command),
        send: link.callback(Input::Msg),
        select: link.callback(|id| Input::Msg(Msg::ClickSpan(id))),
        pick: link.callback(|id| Input::Msg(Msg::Pick(id))),
        resize: link.callback(|(edge, at)| Input::Msg(Msg::Resize(edge, at))),
        link_to: link.callback(|id| Input::Msg(Msg::LinkTo(id))),
        files: link.callback(|(purpose, files)| Input::Files(purpose, files)),
        paste_html: link.callback(Input::PastedHtml),
    }
}

/// The page-wide listeners: keys, pastes, scrolling, and leaving the page.
fn listeners(ctx: &Context<App>, shared: &Rc<RefCell<Shared>>) -> Vec<EventListener> {
    let document = gloo::utils::document();
    let window = gloo::utils::window();
    // Not passive: the app's keys and pastes must be able to prevent the browser's default.
    let options = EventListenerOptions::enable_prevent_default();
    let keys = {
        let (link, shared) = (ctx.link().clone(), shared.clone());
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
            };
            let Some(command) = command_for(press, &shared.schema) else {
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
                link.send_message(Input::Command(command));
            }
        })
    };
    // A paste on the page (not in a field, no dialog open) opens what was pasted: rich text
    // as a web page, plain text in "Open article".
    let pastes = {
        let (link, shared) = (ctx.link().clone(), shared.clone());
        EventListener::new_with_options(&document, "paste", options, move |event| {
            if shared.borrow().blocked || dom::typed_in_field(event) {
                return;
            }
            event.prevent_default();
            link.send_message(match page::html_of_paste(event) {
                Some(html) => Input::PastedHtml(html),
                None => Input::Msg(Msg::ShowDialog(Dialog::Open(page::text_of_paste(event)))),
            });
        })
    };
    // Where the user is in the article is remembered a moment after scrolling stops.
    let scrolls = {
        let link = ctx.link().clone();
        let pending = RefCell::new(None::<gloo::timers::callback::Timeout>);
        EventListener::new(&window, "scroll", move |_| {
            let link = link.clone();
            *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(400, move || {
                let scroll = gloo::utils::window().scroll_y().unwrap_or(0.0);
                let article = gloo::utils::document()
                    .query_selector(".aa-article")
                    .ok()
                    .flatten();
                let anchor = article
                    .and_then(|article| selection::view_anchor(&article))
                    .map(|(at, within)| (at.0, within));
                link.send_message(Input::Msg(Msg::Scrolled { scroll, anchor }));
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
    vec![keys, pastes, scrolls, unload]
}
