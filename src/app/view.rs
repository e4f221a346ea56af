//! The layout: the state rendered as components, each given plain data and callbacks that
//! send messages.

use super::incoming::FilesFor;
use super::save_queue::{SaveState, SaveStatus};
use super::state::AppState;
use super::state::{Dialog, Library, Persistence};
use super::update::{self, Msg, TeamMsg};
use crate::components::article_view::{ArticleView, Emphasis};
use crate::components::compare_dialog::{CompareDialog, CompareStep};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::curation_panel::CurationPanel;
use crate::components::export_dialog::ExportDialog;
use crate::components::help_dialog::HelpDialog;
use crate::components::import_dialog::{ImportDialog, ImportStep};
use crate::components::keys_dialog::KeysDialog;
use crate::components::label_bar::LabelBar;
use crate::components::leave_dialog::LeaveDialog;
use crate::components::link_picker::LinkPicker;
use crate::components::name_dialog::{NameDialog, NamePrompt};
use crate::components::notice_bar::NoticeBar;
use crate::components::open_dialog::{OpenDialog, PastedArticle};
use crate::components::page_dialog::PageDialog;
use crate::components::progress_dialog::ProgressDialog;
use crate::components::project_view::{Listed, ProjectView};
use crate::components::save_status::{SaveStatusView, Shown};
use crate::components::schema_editor::SchemaEditor;
use crate::components::search_bar::SearchBar;
use crate::components::span_details::SpanDetails;
use crate::components::span_list::SpanList;
use crate::components::suggestion_panel::SuggestionPanel;
use crate::components::tag_every_dialog::TagEveryDialog;
use crate::components::team_dialog::TeamDialog;
use crate::components::toolbar::Toolbar;
use crate::keymap::{Command, Shortcut};
use crate::model::offsets::CharOffset;
use crate::model::segments::Block;
use crate::model::span::SpanId;
use crate::model::words::Edge;
use std::rc::Rc;
use yew::prelude::*;

/// Callbacks made once by the root, so a render of the app (a notice, a toggle) does not
/// re-render the article or the span list, whose props compare callbacks by pointer.
pub struct Callbacks {
    pub command: Callback<Command>,
    pub send: Callback<Msg>,
    pub select: Callback<Option<SpanId>>,
    pub pick: Callback<SpanId>,
    pub resize: Callback<(Edge, CharOffset)>,
    /// A Ctrl+drag selection in the article: added to the selected span as a piece.
    pub extend: Callback<()>,
    pub link_to: Callback<SpanId>,
    pub files: Callback<(FilesFor, Vec<web_sys::File>)>,
    pub paste_html: Callback<String>,
}

impl Callbacks {
    /// A callback that sends `msg`, whatever it is called with.
    fn to<T>(&self, msg: Msg) -> Callback<T> {
        let send = self.send.clone();
        Callback::from(move |_| send.emit(msg.clone()))
    }

    fn files(&self, purpose: fn() -> FilesFor) -> Callback<Vec<web_sys::File>> {
        self.files.reform(move |files| (purpose(), files))
    }
}

/// The page: header, label bar, article, panel, dialogs.
pub fn view(
    state: &AppState,
    on: &Callbacks,
    blocks: Rc<Vec<Rc<Block>>>,
    article_ref: &NodeRef,
) -> Html {
    let session = &state.session;
    let emphasis = Rc::new(emphasis(session));
    let panel = match (
        state
            .linking
            .as_ref()
            .and_then(|id| session.annotations.get(id)),
        session.selected_span(),
    ) {
        (Some(from), _) => html! {
            <LinkPicker schema={session.schema.clone()} annotations={session.annotations.clone()}
                from={from.clone()} on_pick={on.link_to.clone()} on_cancel={on.to(Msg::CancelLink)} />
        },
        (None, Some(span)) => {
            let id = span.id.clone();
            let send = on.send.clone();
            let on_note = send.reform({
                let id = id.clone();
                move |note| Msg::SetNote(id.clone(), note)
            });
            let on_attribute = send.reform({
                let id = id.clone();
                move |(name, value)| Msg::SetAttribute(id.clone(), name, value)
            });
            let on_unlink = send.reform(Msg::Unlink);
            let on_remove_piece = send.reform({
                let id = id.clone();
                move |at| Msg::RemovePiece(id.clone(), at)
            });
            let on_evidence = send.reform({
                let id = id.clone();
                move |change| Msg::Evidence(id.clone(), change)
            });
            html! {
                <SpanDetails key={id.as_str()} schema={session.schema.clone()} span={span.clone()}
                    document={session.document.clone()}
                    annotations={session.annotations.clone()} keymap={state.keymap.clone()} {on_note} {on_attribute}
                    {on_remove_piece} {on_evidence}
                    on_link={on.command.reform(|()| Command::Link)} {on_unlink} on_pick={on.pick.clone()}
                    on_tag_every={on.command.reform(|()| Command::TagEvery { match_case: true })} />
            }
        }
        (None, None) => html! {},
    };
    let search = match &state.search {
        Some(open) => html! {
            <SearchBar query={open.query.clone()} count={open.matches.len()} current={open.current}
                on_query={on.send.reform(Msg::SearchQuery)} on_step={on.send.reform(Msg::SearchStep)}
                on_close={on.to(Msg::SearchClose)} />
        },
        None => html! {},
    };
    let ondragover = {
        // `dragover` fires many times a second: only the change is sent.
        let (send, dragging) = (on.send.clone(), state.dragging);
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if !dragging {
                send.emit(Msg::Dragging(true));
            }
        })
    };
    let ondragleave = {
        let send = on.send.clone();
        Callback::from(move |event: DragEvent| {
            if event.related_target().is_none() {
                send.emit(Msg::Dragging(false));
            }
        })
    };
    let ondrop = {
        let (send, files) = (on.send.clone(), on.files.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            send.emit(Msg::Dragging(false));
            let dropped: Vec<web_sys::File> = event
                .data_transfer()
                .and_then(|transfer| transfer.files())
                .map(|list| (0..list.length()).filter_map(|at| list.get(at)).collect())
                .unwrap_or_default();
            files.emit((FilesFor::Dropped, dropped));
        })
    };
    let document = &session.document;
    let blocked = state.dialog != Dialog::Closed || state.busy.is_some();
    // The article the header's Keep mine / Reload to see it are about.
    let conflict = match state.save_status() {
        SaveStatus::Conflict { key, .. } => key,
        _ => String::new(),
    };
    html! {
        <div class={classes!("aa-app", state.dragging.then_some("is-dragging"))}
            {ondragover} {ondragleave} {ondrop}>
            // While a dialog is open, the page behind it can be neither focused nor clicked.
            <div class="aa-shell" inert={blocked}>
            <header class="aa-header">
                <h1 class="aa-brand">{"Article Annotator"}</h1>
                <Toolbar on_command={on.command.clone()} keymap={state.keymap.clone()} can_undo={session.history.can_undo()}
                    can_redo={session.history.can_redo()} />
            </header>
            // A landmark, so the label bar is inside a region; it holds the bar still.
            <section class="aa-labels" aria-label="Labels">
                <LabelBar labels={session.schema.clone()} selected={session.selected_span().cloned()}
                    snapping={state.snapping} chips={state.chips} caret_mode={state.caret_mode}
                    keymap={state.keymap.clone()}
                    on_command={on.command.clone()} />
            </section>
            {search}
            // Always in view, wherever the reader is in the article: whether the work is
            // stored, and the current notice.
            <footer class="aa-status-bar">
                // A narrow screen has no room for the span list beside the article: it is a
                // drawer, put out and away here (or with F, and Esc).
                <button type="button" class="aa-button aa-list-toggle" aria-controls="aa-span-list"
                    aria-expanded={state.list_open.to_string()}
                    onclick={on.to(Msg::ShowList(!state.list_open))}>
                    {"Spans "}<span class="aa-total">{session.annotations.len()}</span>
                </button>
                <NoticeBar notice={state.notice.clone()} on_dismiss={on.to(Msg::DismissNotice)} />
                <SaveStatusView shown={shown(state)} persisted={persisted(state.persistence)}
                    on_retry={on.to(Msg::RetrySaves)} on_backup={on.to(Msg::Backup)}
                    on_take_theirs={on.to(Msg::TakeTheirs(conflict.clone()))}
                    on_keep_mine={on.to(Msg::KeepMine(conflict))} />
                if let Some(synced) = update::sync_status(state) {
                    <button type="button" class="aa-button aa-small aa-sync-status"
                        data-testid="sync-status" aria-label={format!("Team: {synced}")}
                        onclick={on.to(Msg::ShowDialog(Dialog::Team))}>{synced}</button>
                }
                // What just happened, for a screen reader (tagged, deleted, "Quote 3 of 12:
                // …"). A live region without the status role: the notice slot is the status.
                <div class="aa-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="spoken">
                    {&state.spoken.text}
                    // The same words twice are still a change, so both are read.
                    if state.spoken.count % 2 == 1 { {"\u{200b}"} }
                </div>
            </footer>
            // Until an article is open (or known to be unreadable), there is nothing to show.
            if state.library.is_none() || (state.loading && !state.article_open) {
                <p class="aa-loading" role="status">{"Opening your work…"}</p>
            } else {
            if state.annotator.is_none() {
                <NamePrompt on_save={on.send.reform(Msg::SetName)} />
            }
            <main class="aa-main">
                <section class="aa-document" aria-labelledby="aa-doc-title">
                    if let Some(open) = state.library.as_ref() {
                        <p class="aa-doc-place">
                            <button type="button" class="aa-linkish" aria-keyshortcuts={state.keymap.aria(Shortcut::Projects)}
                                onclick={on.command.reform(|_: MouseEvent| Command::Projects)}>
                                {&open.project.name}
                            </button>
                            {format!(" · article {} of {}", open.current + 1, open.entries.len())}
                            if let (Some(entry), true) = (open.entry(), state.article_open) {
                                {format!(" · {}", entry.status.describe())}
                            }
                        </p>
                    }
                    if state.article_open {
                        <h2 id="aa-doc-title" class="aa-doc-title" dir="auto">{&document.title}</h2>
                        if let Some(source) = &document.source {
                            <p class="aa-doc-source">{source}</p>
                        }
                        <ArticleView document={document.clone()}
                            schema={session.schema.clone()} {blocks} {emphasis} focus={focus(state)}
                            caret_mode={state.caret_mode} chips={state.chips} article_ref={article_ref.clone()}
                            on_select={on.select.clone()} on_resize={on.resize.clone()} on_extend={on.extend.clone()}
                            suggestions={state.suggested.list.clone()} shown={state.suggested.shown.clone()}
                            current={state.suggested.current} />
                    } else {
                        <h2 id="aa-doc-title" class="aa-doc-title">{"No article is open"}</h2>
                        <p class="aa-hint">{format!("The article asked for could not be read (see the message \
                            below). Open another one in the project view{}; the damaged one is listed there.",
                            state.keymap.hint(Shortcut::Projects).map_or(String::new(), |key| format!(" ({key})")))}</p>
                    }
                </section>
                <aside class={classes!("aa-panel", state.linking.is_some().then_some("is-linking"))} aria-label="Spans">
                    if let Some(curating) = update::curating(state) {
                        <CurationPanel {curating} annotations={session.annotations.clone()}
                            document={session.document.clone()} cluster={state.cluster}
                            span_selected={session.selected.is_some()} keymap={state.keymap.clone()}
                            on_cluster={on.send.reform(Msg::ShowCluster)} on_command={on.command.clone()} />
                    }
                    if state.article_open && state.linking.is_none() {
                        <SuggestionPanel document={session.document.clone()} list={state.suggested.list.clone()}
                            shown={state.suggested.shown.clone()} current={state.suggested.current}
                            suggesters={state.suggesters} keymap={state.keymap.clone()}
                            on_command={on.command.clone()}
                            on_all={on.send.reform(|(kind, accept)| Msg::SuggestAll { kind, accept })}
                            on_suggesters={on.send.reform(Msg::Suggesters)} />
                    }
                    {panel}
                    <div id="aa-span-list" class={classes!("aa-span-list-box", state.list_open.then_some("is-open"))}>
                        <SpanList schema={session.schema.clone()}
                            annotations={session.annotations.clone()}
                            selected={session.selected.clone()} keymap={state.keymap.clone()} on_pick={on.pick.clone()} />
                    </div>
                </aside>
            </main>
            }
            if state.linking.is_some() {
                // The notice bar announces the same; this is the visual reminder.
                <div class="aa-mode-banner" aria-hidden="true">{"Linking: click the source span, or pick it in the panel. Esc cancels."}</div>
            }
            <div class="aa-drop-hint" aria-hidden="true">{"Drop a .txt, .md or .html file to open it, or annotations to import them"}</div>
            </div>
            {dialog(state, on)}
            if let Some(progress) = &state.busy {
                <ProgressDialog title={progress.title.clone()} done={progress.done} total={progress.total}
                    on_cancel={progress.cancel.then(|| on.to(Msg::CancelWork))} />
            }
        </div>
    }
}

/// Where the reader is looking: the current search match, else the selected span, else
/// where the article was opened.
fn focus(state: &AppState) -> Option<CharOffset> {
    let search = (state.search.as_ref())
        .and_then(|search| search.matches.get(search.current?))
        .map(|range| range.start);
    let selected = state.session.selected_span().map(|span| span.range.start);
    let suggestion = (state.suggested.current)
        .and_then(|at| state.suggested.list.as_ref()?.get(at))
        .map(|suggestion| CharOffset(suggestion.start));
    search.or(selected).or(suggestion).or(state.opened_at)
}

/// The selected span and the spans linked to it, drawn stronger.
fn emphasis(session: &crate::state::Session) -> Emphasis {
    let selected = session.selected_span();
    let linked: Vec<SpanId> = selected
        .map(|span| {
            (session.annotations.relations_of(&span.id))
                .map(|relation| match relation.from == span.id {
                    true => relation.to.clone(),
                    false => relation.from.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let ranges = (linked.iter())
        .filter_map(|id| session.annotations.get(id))
        .map(|span| span.range)
        .chain(selected.map(|span| span.range))
        .collect();
    Emphasis {
        selected: selected.map(|span| (span.id.clone(), span.range)),
        linked,
        ranges,
    }
}

fn persisted(persistence: Persistence) -> Option<bool> {
    match persistence {
        Persistence::Granted => Some(true),
        Persistence::Refused => Some(false),
        Persistence::Unknown | Persistence::Asked => None,
    }
}

/// The save status as the header shows it.
fn shown(state: &AppState) -> Shown {
    match state.save_status() {
        SaveStatus::Loading => Shown::Loading,
        SaveStatus::Saved => Shown::Saved,
        SaveStatus::Saving => Shown::Saving,
        SaveStatus::Failed { problem, .. } => Shown::Failed(problem),
        SaveStatus::NoStorage(problem) => Shown::NoStorage(problem),
        SaveStatus::Conflict { key, title } => Shown::Conflict(match state.open_key() {
            Some(open) if open == key => "this article".to_owned(),
            _ => format!("“{title}”"),
        }),
    }
}

/// The project view's data.
fn listed(state: &AppState, library: &Library) -> Listed {
    let unstored = (state.queue.unstored())
        .filter_map(|(key, save)| {
            let why = match save {
                SaveState::Failed(problem) => problem.clone(),
                SaveState::Conflict { .. } => "another tab saved it meanwhile".to_owned(),
                SaveState::Pending | SaveState::Writing => "being saved".to_owned(),
                SaveState::Clean => return None,
            };
            let title = state.queue.held(key).map(|held| held.entry.title.clone())?;
            Some((title, why))
        })
        .collect();
    Listed {
        projects: library.projects.clone(),
        project: library.project.clone(),
        entries: library.entries.clone(),
        current: library.current,
        damaged: (state.damaged.iter())
            .map(|damaged| (damaged.key.clone(), damaged.problem.clone()))
            .collect(),
        unstored,
        persisted: persisted(state.persistence),
    }
}

fn dialog(state: &AppState, on: &Callbacks) -> Html {
    let session = &state.session;
    let close = on.to::<()>(Msg::CloseDialog);
    match &state.dialog {
        Dialog::Closed => html! {},
        Dialog::Open(text) => {
            let on_paste = on.send.reform(|pasted: PastedArticle| Msg::Pasted {
                title: pasted.title,
                source: pasted.source,
                text: pasted.text,
            });
            let on_file = on.files.reform(|file| (FilesFor::Articles, vec![file]));
            html! {
                <OpenDialog text={text.clone()} {on_paste} on_paste_html={on.paste_html.clone()}
                    {on_file} on_cancel={close} />
            }
        }
        Dialog::Page(page, origin) => html! {
            <PageDialog page={page.clone()} origin={origin.clone()}
                on_open={on.send.reform(Msg::OpenPage)} on_cancel={close} />
        },
        Dialog::Project => match &state.library {
            Some(library) => html! {
                <ProjectView library={listed(state, library)}
                    on_download_raw={on.send.reform(Msg::DownloadRaw)}
                    on_open={on.send.reform(Msg::GoTo)}
                    on_switch={on.send.reform(Msg::SwitchProject)}
                    on_rename={on.send.reform(Msg::RenameProject)}
                    on_delete={on.to(Msg::ShowDialog(Dialog::ConfirmDelete))}
                    on_export={on.send.reform(Msg::ExportProject)}
                    on_new_project={on.files(|| FilesFor::NewProject)} on_close={close} />
            },
            None => html! {},
        },
        Dialog::ConfirmDelete => {
            let (name, count) = (state.library.as_ref()).map_or((String::new(), 0), |open| {
                (open.project.name.clone(), open.entries.len())
            });
            html! {
                <ConfirmDialog title={format!("Delete project “{name}”?")}
                    text={format!("Its {count} articles and every span, link and note in them \
                        are deleted from this browser. Export the project first to keep a copy.")}
                    confirm="Delete project" on_confirm={on.to(Msg::DeleteProject)}
                    on_cancel={close} />
            }
        }
        Dialog::Schema(problems) => html! {
            <SchemaEditor schema={session.schema.clone()} problems={problems.clone()}
                on_save={on.send.reform(Msg::SaveSchema)} on_cancel={close} />
        },
        Dialog::Help => html! {
            <HelpDialog schema={session.schema.clone()} keymap={state.keymap.clone()}
                on_keys={on.to(Msg::ShowDialog(Dialog::Keys(None)))} on_close={close} />
        },
        Dialog::Compare(step) => html! {
            <CompareDialog step={step.clone()} on_files={on.files(|| FilesFor::Compare)}
                on_download={on.send.reform(Msg::CompareDownload)}
                on_again={on.to(Msg::ShowDialog(Dialog::Compare(CompareStep::Pick { error: None })))}
                on_adjudicate={on.send.reform(|(threshold, open)| Msg::Adjudicate { threshold, open })}
                on_close={close.clone()} />
        },
        Dialog::Keys(said) => html! {
            <KeysDialog keymap={state.keymap.clone()} schema={session.schema.clone()} said={said.clone()}
                on_change={on.send.reform(Msg::Keys)} on_close={close} />
        },
        Dialog::TagEvery(preview) => html! {
            <TagEveryDialog preview={preview.clone()} on_confirm={on.to(Msg::TagEveryConfirm)}
                on_cancel={close} />
        },
        Dialog::Name => html! {
            <NameDialog name={state.annotator.clone().unwrap_or_default()}
                publisher={state.publisher.clone()} on_publisher={on.send.reform(Msg::SetPublisher)}
                on_save={on.send.reform(Msg::SetName)} on_close={close} />
        },
        Dialog::Export(choices) => html! {
            <ExportDialog choices={choices.clone()} on_export={on.send.reform(Msg::ExportOpen)}
                on_cancel={close} />
        },
        Dialog::Import(step) => html! {
            <ImportDialog step={step.clone()} open_title={session.document.title.clone()}
                open_spans={session.annotations.len()} on_files={on.files(|| FilesFor::Import)}
                on_choose={on.send.reform(Msg::ImportChoose)} on_accept={on.to(Msg::ImportAccept)}
                on_import_all={on.to(Msg::ImportAll)}
                on_back={on.to(Msg::ShowDialog(Dialog::Import(ImportStep::Pick { error: None })))}
                on_cancel={close} />
        },
        Dialog::Team => {
            let team = &state.team;
            let team_msg = |msg: fn(String, String) -> TeamMsg| {
                on.send
                    .reform(move |(username, password)| Msg::Team(msg(username, password)))
            };
            html! {
                <TeamDialog reach={team.reach} account={team.account.clone()}
                    invitation={team.invitation.as_ref().and_then(|(_, invitation)| invitation.clone())}
                    reading_invitation={matches!(team.invitation, Some((_, None)))}
                    said={team.said.clone()}
                    on_login={team_msg(|username, password| TeamMsg::LogIn { username, password })}
                    on_accept={team_msg(|username, password| TeamMsg::Accept { username, password })}
                    on_logout={on.to(Msg::Team(TeamMsg::LogOut))}
                    on_open={on.send.reform(|id| Msg::Team(TeamMsg::Open(id)))}
                    on_next={on.send.reform(|id| Msg::Team(TeamMsg::Next(id)))}
                    on_adjudicate={on.send.reform(|id| Msg::Team(TeamMsg::Adjudicate(id)))}
                    managing={team.managing.clone()}
                    dataset={team.dataset.as_ref().map(|(name, _)| name.clone())}
                    on_manage={on.send.reform(|id| Msg::Team(TeamMsg::Manage(id)))}
                    on_invite={on.send.reform(|role| Msg::Team(TeamMsg::Invite(role)))}
                    on_fill={on.to(Msg::Team(TeamMsg::Fill))}
                    on_toggle={on.send.reform(|(article, annotator)| Msg::Team(TeamMsg::Toggle { article, annotator }))}
                    on_dataset={on.files(|| FilesFor::TeamDataset)}
                    on_create={on.send.reform(|(name, overlap)| Msg::Team(TeamMsg::Create { name, overlap }))}
                    on_close={close} />
            }
        }
        Dialog::Leave(_) => {
            let key = state.open_key().unwrap_or_default();
            let (conflict, problem) = match state.queue.state(key) {
                SaveState::Conflict { .. } => (true, String::new()),
                SaveState::Failed(problem) => (false, problem),
                _ => (false, String::new()),
            };
            let title = (state.library.as_ref())
                .and_then(Library::entry)
                .map(|entry| entry.title.clone())
                .unwrap_or_default();
            html! {
                <LeaveDialog {title} {conflict} {problem} on_retry={on.to(Msg::LeaveRetry)}
                    on_keep_mine={on.to(Msg::KeepMine(key.to_owned()))}
                    on_take_theirs={on.to(Msg::TakeTheirs(key.to_owned()))}
                    on_backup={on.to(Msg::Backup)} on_stay={close} />
            }
        }
    }
}
