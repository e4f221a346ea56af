//! The app shell: the one [`AppState`], changed only by [`update`] through messages, and
//! the root component that renders it and hands the effects `update` asks for to the
//! [`Shell`](shell::Shell).
//!
//! Data flows one way: input → `Msg` → `update` → new state + effects → render / run the
//! effects → their results come back as `Msg`s, applied to the state as it is then.

mod dom;
pub mod effects;
mod incoming;
pub mod save_queue;
mod shell;
pub mod state;
mod team;
pub mod update;
mod view;

use crate::keymap::{Command, Keymap};
use crate::model::annotations::Annotations;
use crate::model::document::Document;
use crate::model::offsets::CharRange;
use crate::model::segments::{self, Block};
use crate::model::span::Timestamp;
use crate::model::suggestion::Suggesters;
use crate::web::{clock, storage};
use gloo::events::EventListener;
use shell::{Input, Shared, Shell};
use state::{AppState, Preference, Search, KEYMAP_KEY, NAME_KEY, PUBLISHER_KEY, SUGGESTERS_KEY};
use std::cell::RefCell;
use std::rc::Rc;
use update::{update, Effect, Env, Msg};
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

/// The article's blocks as last drawn: after an edit only the blocks it touched are split again.
type Drawn = Option<(Rc<Document>, Rc<Annotations>, Rc<Vec<Rc<Block>>>)>;

/// The whole app.
pub struct App {
    state: AppState,
    shell: Shell,
    shared: Rc<RefCell<Shared>>,
    drawn: RefCell<Drawn>,
    /// The search as last painted, and the revision it was painted on.
    painted: RefCell<(Option<Search>, u64)>,
    /// Disagreements are painted (cleared once the gold article is left).
    clusters_painted: std::cell::Cell<bool>,
    callbacks: view::Callbacks,
    _listeners: Vec<EventListener>,
}

impl Component for App {
    type Message = Input;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let send = ctx.link().callback(|input: Input| input);
        let shared = Rc::new(RefCell::new(Shared::default()));
        Self {
            state: AppState {
                chips: storage::flag(Preference::Chips.key()),
                keymap: Rc::new(Keymap::from_stored(&storage::text(KEYMAP_KEY))),
                annotator: storage::stored_text(NAME_KEY),
                publisher: storage::text(PUBLISHER_KEY),
                suggesters: Suggesters::from_stored(
                    storage::stored_text(SUGGESTERS_KEY).as_deref(),
                ),
                ..AppState::new(storage::flag(Preference::Snapping.key()))
            }
            .on_team_server(crate::web::server::served_by_team_server())
            .invited(crate::web::server::invitation_in_address()),
            shell: Shell::new(send.clone()),
            _listeners: shell::listeners(&send, &shared),
            shared,
            drawn: RefCell::default(),
            painted: RefCell::default(),
            clusters_painted: Default::default(),
            callbacks: callbacks(ctx.link()),
        }
    }

    fn update(&mut self, _ctx: &Context<Self>, input: Input) -> bool {
        let msg = match input {
            Input::Msg(msg) => msg,
            Input::Command(Command::Label { name, exact }) => Msg::Label {
                name,
                exact,
                selected: self.shell.selected(&self.state.session.document),
            },
            Input::Command(command @ (Command::AddPiece | Command::RemovePiece)) => Msg::Piece {
                add: command == Command::AddPiece,
                selected: self.shell.selected(&self.state.session.document),
            },
            Input::Command(command) => Msg::Command(command),
            Input::DbOpened(Ok(db)) => {
                self.shell.opened(db, &self.state.session.document);
                return false;
            }
            Input::DbOpened(Err(error)) => Msg::Started(Err(error)),
            Input::Files(purpose, files) => match self.shell.read_files(purpose, files) {
                Some(msg) => msg,
                None => return false,
            },
            Input::PastedHtml(html) => self.shell.read_pasted_html(html),
        };
        if update::may_leave_article(&msg) {
            // A note typed but not saved yet is taken in before another article may open.
            let typed =
                (self.state.session.selected_span()).and_then(|span| self.shell.typed_note(span));
            if let Some(note) = typed {
                self.apply(note);
            }
        }
        self.apply(msg);
        let mut shared = self.shared.borrow_mut();
        shared.blocked = self.state.input_blocked();
        shared.schema = self.state.session.schema.clone();
        shared.keymap = self.state.keymap.clone();
        shared.has_selection = self.state.session.selected.is_some();
        shared.adjudicating = update::adjudicating(&self.state);
        shared.unstored = self.state.has_unstored_work();
        true
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        let session = &self.state.session;
        let blocks = {
            let mut drawn = self.drawn.borrow_mut();
            let blocks = match drawn.as_ref() {
                // Signing an article copies its document: the same text and layout.
                Some((document, annotations, blocks))
                    if Rc::ptr_eq(document, &session.document)
                        || (document.text == session.document.text
                            && document.layout == session.document.layout) =>
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
        view::view(
            &self.state,
            &self.callbacks,
            blocks,
            &self.shell.article_ref,
        )
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first_render: bool) {
        self.shell.rendered();
        // Search matches are painted after every render that could change them (a
        // re-rendered paragraph has new text nodes); scrolled to only when the search moves.
        let state = &self.state;
        let mut painted = self.painted.borrow_mut();
        if painted.0 != state.search || painted.1 != state.session.revision {
            let moved = painted.0 != state.search;
            let article = &self.shell.article_ref;
            dom::paint_search(
                article,
                &state.session.document,
                state.search.as_ref(),
                moved,
            );
            *painted = (state.search.clone(), state.session.revision);
        }
        // A gold article's open disagreements, painted after every render (the blocks
        // drawn change as the reader scrolls).
        let curating = update::curating(state);
        if curating.is_some() || self.clusters_painted.get() {
            let open: Vec<(CharRange, &'static str)> = match &curating {
                Some(curating) => {
                    let annotations = &state.session.annotations;
                    (curating.clusters.iter())
                        .filter(|cluster| annotations.decision(cluster.range).is_none())
                        .map(|cluster| (cluster.range, cluster.level.name()))
                        .collect()
                }
                None => Vec::new(),
            };
            let current = (curating.as_ref())
                .and_then(|curating| curating.clusters.get(state.cluster?))
                .map(|cluster| cluster.range);
            dom::paint_clusters(
                &self.shell.article_ref,
                &state.session.document,
                &open,
                current,
            );
            self.clusters_painted.set(curating.is_some());
        }
    }
}

impl App {
    /// Applies a message to the state and runs the effects it asks for.
    fn apply(&mut self, msg: Msg) {
        let effects: Vec<Effect> = update(&mut self.state, msg, &mut BrowserEnv);
        self.shell.run(effects, &self.state.session.document);
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
        extend: link.callback(|()| Input::Command(Command::AddPiece)),
        link_to: link.callback(|id| Input::Msg(Msg::LinkTo(id))),
        files: link.callback(|(purpose, files)| Input::Files(purpose, files)),
        paste_html: link.callback(Input::PastedHtml),
    }
}
