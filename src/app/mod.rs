//! The Yew root: layout, commands from keys and buttons, files, dialogs and saving.

mod commands;
mod incoming;
pub mod library;
mod store;

use crate::components::article_view::{ArticleView, Emphasis};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::export_dialog::{ExportChoice, ExportDialog};
use crate::components::help_dialog::HelpDialog;
use crate::components::import_dialog::{ImportDialog, ImportReview, ImportStep};
use crate::components::label_bar::LabelBar;
use crate::components::link_picker::LinkPicker;
use crate::components::notice_bar::{Notice, NoticeBar};
use crate::components::open_dialog::{OpenDialog, PastedArticle};
use crate::components::page_dialog::PageDialog;
use crate::components::progress_dialog::ProgressDialog;
use crate::components::project_view::ProjectView;
use crate::components::save_status::SaveStatusView;
use crate::components::schema_editor::{SchemaChange, SchemaEditor};
use crate::components::search_bar::SearchBar;
use crate::components::span_details::SpanDetails;
use crate::components::span_list::SpanList;
use crate::components::toolbar::Toolbar;
use crate::keymap::{command_for, Command, KeyPress};
use crate::model::annotations::Annotations;
use crate::model::document::{default_title, Document};
use crate::model::formats::{self, draft::Draft, Format};
use crate::model::import;
use crate::model::offsets::CharRange;
use crate::model::search;
use crate::model::segments::{self, Block};
use crate::model::span::SpanId;
use crate::model::text::ArticleText;
use crate::model::web_page::{Origin, Page};
use crate::state::{Action, Session};
use crate::web::{clock, download, files, highlight, page, selection};
use gloo::events::{EventListener, EventListenerOptions};
use library::{Library, Progress, SaveStatus, Store};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Which dialog is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    Closed,
    /// "Open article", with text pasted on the page (outside any field) already in it.
    Open(String),
    /// "Open web page": a saved page or a rich paste, read and waiting for confirmation.
    Page(Rc<Page>, Origin),
    /// The project view.
    Project,
    /// Asks before the open project is deleted.
    ConfirmDelete,
    /// A long import or export at work.
    Busy(Progress),
    /// The schema editor, with the problems of the last attempt to save.
    Schema(Vec<String>),
    Help,
    /// "Export as…" with each format and what it would lose.
    Export(Rc<Vec<ExportChoice>>),
    Import(ImportStep),
}

/// File extensions that hold annotations rather than an article.
const IMPORT_EXTENSIONS: [&str; 6] = ["json", "jsonl", "jsonld", "ann", "zip", "conf"];

fn is_import_file(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        IMPORT_EXTENSIONS.contains(&extension.to_lowercase().as_str())
    })
}

/// Reviews article `chosen` of the drafts read from `files` against the open work.
fn review_import(
    session: &Session,
    files: String,
    format: Format,
    drafts: Rc<Vec<Draft>>,
    chosen: usize,
) -> ImportReview {
    let articles = drafts
        .iter()
        .enumerate()
        .map(|(at, draft)| {
            let title = draft
                .title
                .clone()
                .unwrap_or_else(|| format!("Article {}", at + 1));
            format!("{title} ({} spans)", draft.spans.len())
        })
        .collect();
    let review = match drafts.get(chosen) {
        Some(draft) => import::review(draft, session.work(), &clock::now()),
        None => Err("the file holds no article".to_owned()),
    };
    ImportReview {
        files,
        format,
        drafts,
        articles,
        chosen,
        review,
    }
}

/// An open search: the query, its matches and the current one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Search {
    pub query: String,
    pub matches: Rc<Vec<CharRange>>,
    pub current: Option<usize>,
}

/// True when a key press belongs to a text field, not to the app. The article in caret
/// mode is editable only for its caret: its keys are the app's.
fn typed_in_field(event: &Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| {
            // In caret mode the target is the article or the text element holding the caret.
            let in_article = element.closest(".aa-article").ok().flatten().is_some();
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || (element.is_content_editable() && !in_article)
        })
}

/// True when no control has the focus (the page or the article has it), so Tab can move
/// between spans instead of between controls.
fn focus_is_free() -> bool {
    gloo::utils::document()
        .active_element()
        .is_none_or(|element| {
            matches!(element.tag_name().as_str(), "BODY" | "HTML")
                || element.class_list().contains("aa-article")
        })
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let session = use_reducer(Session::sample);
    let notice = use_state(|| None::<Notice>);
    let library = use_state(|| None::<Library>);
    let status = use_state(|| SaveStatus::Loading);
    let store = use_mut_ref(Store::default);
    let dialog = use_state(|| Dialog::Closed);
    let dragging = use_state(|| false);
    let snapping = use_state(crate::web::storage::snapping);
    let caret_mode = use_state(|| false);
    let linking = use_state(|| None::<SpanId>);
    let search = use_state(|| None::<Search>);
    let article_ref = use_node_ref();

    let ui = commands::Ui {
        session: session.clone(),
        notice: notice.clone(),
        dialog: dialog.clone(),
        snapping: snapping.clone(),
        caret_mode: caret_mode.clone(),
        linking: linking.clone(),
        search: search.clone(),
        article_ref: article_ref.clone(),
        library: library.clone(),
        status: status.clone(),
        store: store.clone(),
    };
    // The callbacks handed to components are made once and reach the latest state through
    // this cell, so a re-render of the app (a notice, a toggle) does not re-render the
    // article or the span list.
    let latest = use_mut_ref(|| ui.clone());
    *latest.borrow_mut() = ui.clone();
    {
        // Storage opens once, after the first render; other tabs' word reaches the latest
        // handles through the store.
        let (ui, latest) = (ui.clone(), latest.clone());
        use_effect_with((), move |_| {
            ui.store.borrow_mut().latest = Rc::downgrade(&latest);
            ui.start();
        });
    }
    // Where the user is in the article is remembered a moment after scrolling stops.
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let pending = Rc::new(std::cell::RefCell::new(
                None::<gloo::timers::callback::Timeout>,
            ));
            let listener = EventListener::new(&gloo::utils::window(), "scroll", move |_| {
                let latest = latest.clone();
                *pending.borrow_mut() =
                    Some(gloo::timers::callback::Timeout::new(400, move || {
                        latest.borrow().clone().remember_scroll();
                    }));
            });
            move || drop(listener)
        });
    }
    // Every accepted edit is saved.
    {
        let latest = latest.clone();
        use_effect_with(session.revision, move |_| {
            latest.borrow().clone().autosave()
        });
    }
    // The article's blocks: after an edit, only the blocks it touched are split again.
    let drawn = use_mut_ref(|| None::<(Rc<Document>, Rc<Annotations>, Rc<Vec<Rc<Block>>>)>);
    let blocks = {
        let mut drawn = drawn.borrow_mut();
        let blocks = match drawn.as_ref() {
            Some((document, annotations, blocks)) if Rc::ptr_eq(document, &session.document) => {
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

    let on_paste = {
        let (latest, dialog) = (latest.clone(), dialog.clone());
        Callback::from(move |pasted: PastedArticle| {
            let title = if pasted.title.is_empty() {
                default_title(&pasted.text, None)
            } else {
                pasted.title
            };
            dialog.set(Dialog::Closed);
            let ui = latest.borrow().clone();
            ui.add_document(Document {
                extra: Default::default(),
                layout: Default::default(),
                id: clock::new_id(),
                title,
                source: Some(pasted.source).filter(|source| !source.is_empty()),
                text: ArticleText::new(&pasted.text),
            });
        })
    };
    let on_file = {
        let (latest, dialog) = (latest.clone(), dialog.clone());
        Callback::from(move |file: web_sys::File| {
            dialog.set(Dialog::Closed);
            latest.borrow().open_files(vec![file]);
        })
    };
    let on_paste_html = use_latest_callback(&latest, commands::Ui::open_pasted_html);

    let on_import_files = {
        let (session, dialog) = (session.clone(), dialog.clone());
        Callback::from(move |picked: Vec<web_sys::File>| {
            let (session, dialog) = (session.clone(), dialog.clone());
            let names = names_of(&picked);
            // A large file takes a moment to read and check: the page says so meanwhile.
            let bytes: f64 = picked.iter().map(|file| file.size()).sum();
            if bytes >= LARGE_IMPORT_BYTES {
                dialog.set(Dialog::Busy(Progress {
                    title: format!("Reading {names}…"),
                    done: 0,
                    total: 0,
                }));
            }
            yew::platform::spawn_local(async move {
                let read = files::read_import(picked)
                    .await
                    .and_then(|read| formats::read(&read).map_err(|error| error.to_string()));
                dialog.set(Dialog::Import(match read {
                    Ok((format, drafts)) => ImportStep::Review(Rc::new(review_import(
                        &session,
                        names,
                        format,
                        Rc::new(drafts),
                        0,
                    ))),
                    Err(error) => ImportStep::Pick {
                        error: Some(format!("Not imported: {error}. Your work is unchanged.")),
                    },
                }));
            });
        })
    };

    let run = use_latest_callback(&latest, commands::Ui::run);
    let on_select = use_latest_callback(&latest, commands::Ui::select_in_article);
    let on_pick = use_latest_callback(&latest, commands::Ui::pick);
    let on_resize = use_latest_callback(&latest, commands::Ui::resize);
    let on_link_pick = use_latest_callback(&latest, commands::Ui::link_to);

    // Keys anywhere on the page, except while typing in a field or with a dialog open.
    let on_key = {
        let (run, schema, dialog_open) = (
            run.clone(),
            session.schema.clone(),
            // Nothing is edited before the stored work is open.
            *dialog != Dialog::Closed || library.is_none(),
        );
        // Tab moves between spans only while one is selected, so from a fresh page (or
        // after Esc) Tab still reaches every control.
        let has_selection = session.selected.is_some();
        Callback::from(move |event: KeyboardEvent| {
            // Keys that compose text in an input method are the input method's.
            if dialog_open
                || event.is_composing()
                || typed_in_field(&event)
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
                focus_free: has_selection && focus_is_free(),
            };
            let Some(command) = command_for(press, &schema) else {
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
                run.emit(command);
            }
        })
    };
    use_document_listener(
        "keydown",
        Callback::from(move |event: Event| {
            if let Ok(event) = event.dyn_into::<KeyboardEvent>() {
                on_key.emit(event);
            }
        }),
    );

    // A paste on the page (not in a field, no dialog open) opens what was pasted: rich text
    // as a web page, plain text in "Open article".
    let on_page_paste = {
        let (latest, dialog_open) = (
            latest.clone(),
            *dialog != Dialog::Closed || library.is_none(),
        );
        Callback::from(move |event: Event| {
            if dialog_open || typed_in_field(&event) {
                return;
            }
            event.prevent_default();
            let ui = latest.borrow().clone();
            match page::html_of_paste(&event) {
                Some(html) => ui.open_pasted_html(html),
                None => ui.dialog.set(Dialog::Open(page::text_of_paste(&event))),
            }
        })
    };
    use_document_listener("paste", on_page_paste);

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
        let (dragging, latest, on_import_files) =
            (dragging.clone(), latest.clone(), on_import_files.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            let files: Vec<web_sys::File> = event
                .data_transfer()
                .and_then(|transfer| transfer.files())
                .map(|list| (0..list.length()).filter_map(|at| list.get(at)).collect())
                .unwrap_or_default();
            // Annotation files are imported (with a review); anything else is an article.
            if files.iter().any(|file| is_import_file(&file.name())) {
                on_import_files.emit(files);
            } else {
                // Each article file dropped joins the project.
                latest.borrow().open_files(files);
            }
        })
    };

    let on_link_cancel = {
        let linking = linking.clone();
        Callback::from(move |()| linking.set(None))
    };
    let on_schema_save = {
        let (session, dialog, notice) = (session.clone(), dialog.clone(), notice.clone());
        Callback::from(move |change: SchemaChange| {
            let unchanged = *session.schema == change.schema;
            if unchanged {
                dialog.set(Dialog::Closed);
                notice.set(Some(Notice::info("The schema has not changed.")));
                return;
            }
            let problems = session.schema_problems(&change.schema, &change.renames);
            if !problems.is_empty() {
                dialog.set(Dialog::Schema(problems));
                return;
            }
            session.dispatch(Action::SetSchema {
                schema: change.schema,
                renames: change.renames,
                now: clock::now(),
            });
            dialog.set(Dialog::Closed);
            notice.set(Some(Notice::info(
                "Schema saved. Ctrl+Z undoes the change.",
            )));
        })
    };

    // Search: matches are found in the model and painted without re-rendering the article.
    let on_query = {
        let (search, session) = (search.clone(), session.clone());
        Callback::from(move |query: String| {
            let matches = Rc::new(search::find_all(&session.document.text, &query));
            let current = (!matches.is_empty()).then_some(0);
            search.set(Some(Search {
                query,
                matches,
                current,
            }));
        })
    };
    let on_search_step = {
        let search = search.clone();
        Callback::from(move |step: isize| {
            if let Some(open) = (*search).clone() {
                let count = open.matches.len() as isize;
                if count > 0 {
                    let at = open.current.map_or(0, |at| at as isize);
                    let current = Some(((at + step).rem_euclid(count)) as usize);
                    search.set(Some(Search { current, ..open }));
                }
            }
        })
    };
    let on_search_close = {
        let (search, session, article_ref) = (search.clone(), session.clone(), article_ref.clone());
        Callback::from(move |()| {
            let current = search
                .as_ref()
                .and_then(|open| open.current.and_then(|at| open.matches.get(at).copied()));
            search.set(None);
            // Leave the current match selected: a label key now tags it.
            if let (Some(range), Some(article)) = (current, article_ref.cast::<web_sys::Element>())
            {
                selection::select_range(&article, &session.document.text, range);
            }
        })
    };
    {
        let article_ref = article_ref.clone();
        let document = session.document.clone();
        // Repainted after every edit (a re-rendered paragraph has new text nodes); scrolled
        // to only when the search itself moves.
        let scrolled_to = use_mut_ref(|| None::<Search>);
        use_effect_with(((*search).clone(), session.revision), move |(search, _)| {
            let moved = *scrolled_to.borrow() != *search;
            paint_search(&article_ref, &document, search.as_ref(), moved);
            *scrolled_to.borrow_mut() = search.clone();
        });
    }
    // A link being made from a span that is gone (deleted, undone) is no longer being made.
    {
        let linking = linking.clone();
        let gone = linking
            .as_ref()
            .is_some_and(|id| session.annotations.get(id).is_none());
        use_effect_with(gone, move |gone| {
            if *gone {
                linking.set(None);
            }
        });
    }

    let emphasis = {
        let session = session.clone();
        use_memo((session.selected.clone(), session.revision), move |_| {
            let selected = session.selected_span();
            let mut emphasis = Emphasis {
                selected: selected.map(|span| (span.id.clone(), span.range)),
                linked: selected
                    .map(|span| {
                        session
                            .annotations
                            .relations_of(&span.id)
                            .map(|relation| {
                                if relation.from == span.id {
                                    relation.to.clone()
                                } else {
                                    relation.from.clone()
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                ranges: Vec::new(),
            };
            emphasis.ranges = (emphasis.linked.iter())
                .filter_map(|id| session.annotations.get(id))
                .map(|span| span.range)
                .chain(selected.map(|span| span.range))
                .collect();
            emphasis
        })
    };

    let close_dialog = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(Dialog::Closed))
    };
    let dialog_html = match &*dialog {
        Dialog::Closed => html! {},
        Dialog::Open(text) => html! {
            <OpenDialog text={text.clone()} {on_paste} {on_paste_html} {on_file}
                on_cancel={close_dialog} />
        },
        Dialog::Page(page, origin) => {
            let (ui, shown) = (ui.clone(), (page.clone(), origin.clone()));
            let on_open = Callback::from(move |choice| ui.open_page(&shown.0, &shown.1, choice));
            html! {
                <PageDialog page={page.clone()} origin={origin.clone()} {on_open}
                    on_cancel={close_dialog} />
            }
        }
        Dialog::Project => match library.as_ref() {
            Some(open) => {
                let ui = ui.clone();
                let on_open = {
                    let (ui, dialog) = (ui.clone(), dialog.clone());
                    Callback::from(move |index: usize| {
                        dialog.set(Dialog::Closed);
                        ui.go_to(index);
                    })
                };
                let on_new_project = {
                    let latest = latest.clone();
                    Callback::from(move |files: Vec<web_sys::File>| {
                        let ui = latest.borrow().clone();
                        new_project_from(ui, files);
                    })
                };
                let on_delete = {
                    let dialog = dialog.clone();
                    Callback::from(move |()| dialog.set(Dialog::ConfirmDelete))
                };
                html! {
                    <ProjectView library={open.clone()} {on_open}
                        on_switch={Callback::from({ let ui = ui.clone(); move |id| ui.switch_project(id) })}
                        on_rename={Callback::from({ let ui = ui.clone(); move |name| ui.rename_project(name) })}
                        {on_delete}
                        on_export={Callback::from({ let ui = ui.clone(); move |format| ui.export_project(format) })}
                        {on_new_project} on_close={close_dialog} />
                }
            }
            None => html! {},
        },
        Dialog::ConfirmDelete => {
            let (name, count) = library.as_ref().map_or((String::new(), 0), |open| {
                (open.project.name.clone(), open.entries.len())
            });
            let ui = ui.clone();
            html! {
                <ConfirmDialog title={format!("Delete project “{name}”?")}
                    text={format!("Its {count} articles and every span, link and note in them \
                        are deleted from this browser. Export the project first to keep a copy.")}
                    confirm="Delete project" on_confirm={Callback::from(move |()| ui.delete_project())}
                    on_cancel={close_dialog} />
            }
        }
        Dialog::Busy(progress) => html! {
            <ProgressDialog title={progress.title.clone()} done={progress.done} total={progress.total} />
        },
        Dialog::Schema(problems) => html! {
            <SchemaEditor schema={session.schema.clone()} problems={problems.clone()}
                on_save={on_schema_save} on_cancel={close_dialog} />
        },
        Dialog::Help => html! {
            <HelpDialog schema={session.schema.clone()} on_close={close_dialog} />
        },
        Dialog::Export(choices) => {
            let on_export = {
                let (session, dialog, notice) = (session.clone(), dialog.clone(), notice.clone());
                Callback::from(move |format: Format| {
                    let file = format.export(&[session.work()]);
                    dialog.set(Dialog::Closed);
                    notice.set(Some(
                        match download::download_bytes(&file.name, file.mime, &file.bytes) {
                            Ok(()) => Notice::info(format!("Exported {}.", file.name)),
                            Err(_) => Notice::error("The export could not be downloaded."),
                        },
                    ));
                })
            };
            html! { <ExportDialog choices={choices.clone()} {on_export} on_cancel={close_dialog} /> }
        }
        Dialog::Import(step) => {
            let on_choose = {
                let (session, dialog, step) = (session.clone(), dialog.clone(), step.clone());
                Callback::from(move |chosen: usize| {
                    if let ImportStep::Review(read) = &step {
                        let read = (**read).clone();
                        dialog.set(Dialog::Import(ImportStep::Review(Rc::new(review_import(
                            &session,
                            read.files,
                            read.format,
                            read.drafts,
                            chosen,
                        )))));
                    }
                })
            };
            let on_accept = {
                let (ui, step) = (ui.clone(), step.clone());
                Callback::from(move |()| {
                    let ImportStep::Review(read) = &step else {
                        return;
                    };
                    let Ok(review) = &read.review else {
                        return;
                    };
                    let unplaced = match review.orphans.len() {
                        0 => String::new(),
                        count => format!(" {count} could not be placed and were left out."),
                    };
                    let message = format!(
                        "Imported “{}” from {}: {} spans.{unplaced}",
                        review.imported.document.title,
                        read.format.name(),
                        review.imported.annotations.len()
                    );
                    ui.dialog.set(Dialog::Closed);
                    if review.onto_open_article {
                        ui.notice.set(Some(Notice::info(message)));
                        ui.session
                            .dispatch(Action::Restore(review.imported.clone()));
                    } else {
                        ui.add_articles(vec![review.imported.clone()], None, Some(message));
                    }
                })
            };
            let on_import_all = {
                let (ui, step) = (ui.clone(), step.clone());
                Callback::from(move |()| {
                    if let ImportStep::Review(read) = &step {
                        let name = project_name_of(&read.files);
                        ui.import_project(name, read.drafts.clone());
                    }
                })
            };
            let on_back = {
                let dialog = dialog.clone();
                Callback::from(move |()| {
                    dialog.set(Dialog::Import(ImportStep::Pick { error: None }))
                })
            };
            html! {
                <ImportDialog step={step.clone()} open_title={session.document.title.clone()}
                    open_spans={session.annotations.len()} on_files={on_import_files.clone()}
                    {on_choose} {on_accept} {on_import_all} {on_back} on_cancel={close_dialog} />
            }
        }
    };
    let panel = match (
        linking.as_ref().and_then(|id| session.annotations.get(id)),
        session.selected_span(),
    ) {
        (Some(from), _) => html! {
            <LinkPicker schema={session.schema.clone()} annotations={session.annotations.clone()}
                from={from.clone()} on_pick={on_link_pick} on_cancel={on_link_cancel} />
        },
        (None, Some(span)) => {
            let id = span.id.clone();
            let on_note = {
                let (session, id) = (session.clone(), id.clone());
                Callback::from(move |note: String| {
                    session.dispatch(Action::SetNote {
                        id: id.clone(),
                        note,
                        now: clock::now(),
                    })
                })
            };
            let on_attribute = {
                let (session, id) = (session.clone(), id.clone());
                Callback::from(move |(name, value): (String, Option<String>)| {
                    session.dispatch(Action::SetAttribute {
                        id: id.clone(),
                        name,
                        value,
                        now: clock::now(),
                    })
                })
            };
            let on_unlink = {
                let session = session.clone();
                Callback::from(move |relation: String| session.dispatch(Action::Unlink(relation)))
            };
            html! {
                <SpanDetails key={id.as_str()} schema={session.schema.clone()} span={span.clone()}
                    annotations={session.annotations.clone()} {on_note} {on_attribute}
                    on_link={run.reform(|()| Command::Link)} {on_unlink} on_pick={on_pick.clone()} />
            }
        }
        (None, None) => html! {},
    };
    let search_html = match &*search {
        Some(open) => html! {
            <SearchBar query={open.query.clone()} count={open.matches.len()} current={open.current}
                {on_query} on_step={on_search_step} on_close={on_search_close} />
        },
        None => html! {},
    };
    let document = &session.document;
    html! {
        <div class={classes!("aa-app", dragging.then_some("is-dragging"))}
            {ondragover} {ondragleave} {ondrop}>
            // While a dialog is open, the page behind it can be neither focused nor clicked.
            <div class="aa-shell" inert={*dialog != Dialog::Closed}>
            <header class="aa-header">
                <h1 class="aa-brand">{"Article Annotator"}</h1>
                <Toolbar on_command={run.clone()} can_undo={session.history.can_undo()}
                    can_redo={session.history.can_redo()} />
                <SaveStatusView status={(*status).clone()}
                    on_backup={Callback::from({ let ui = ui.clone(); move |()| ui.backup() })}
                    on_reload={Callback::from(|()| { let _ = gloo::utils::window().location().reload(); })}
                    on_overwrite={Callback::from({ let ui = ui.clone(); move |()| ui.overwrite() })} />
            </header>
            <LabelBar labels={session.schema.clone()} selected={session.selected_span().cloned()}
                snapping={*snapping} caret_mode={*caret_mode} on_command={run.clone()} />
            {search_html}
            <NoticeBar notice={(*notice).clone()} on_dismiss={
                let notice = notice.clone();
                Callback::from(move |()| notice.set(None))
            } />
            if library.is_none() {
                <p class="aa-loading" role="status">{"Opening your work…"}</p>
            } else {
            <main class="aa-main">
                <section class="aa-document" aria-labelledby="aa-doc-title">
                    if let Some(open) = library.as_ref() {
                        <p class="aa-doc-place">
                            <button type="button" class="aa-linkish" aria-keyshortcuts="p"
                                onclick={run.reform(|_: MouseEvent| Command::Projects)}>
                                {&open.project.name}
                            </button>
                            {format!(" · article {} of {}", open.current + 1, open.entries.len())}
                            if let Some(entry) = open.entry() {
                                {format!(" · {}", entry.status.describe())}
                            }
                        </p>
                    }
                    <h2 id="aa-doc-title" class="aa-doc-title">{&document.title}</h2>
                    if let Some(source) = &document.source {
                        <p class="aa-doc-source">{source}</p>
                    }
                    <ArticleView document={document.clone()}
                        schema={session.schema.clone()} {blocks} {emphasis}
                        caret_mode={*caret_mode} article_ref={article_ref}
                        {on_select} {on_resize} />
                </section>
                <aside class={classes!("aa-panel", linking.is_some().then_some("is-linking"))} aria-label="Spans">
                    {panel}
                    <SpanList schema={session.schema.clone()}
                        annotations={session.annotations.clone()}
                        selected={session.selected.clone()} {on_pick} />
                </aside>
            </main>
            }
            if linking.is_some() {
                // The notice bar announces the same; this is the visual reminder.
                <div class="aa-mode-banner" aria-hidden="true">{"Linking: click the source span, or pick it in the panel. Esc cancels."}</div>
            }
            <div class="aa-drop-hint" aria-hidden="true">{"Drop a .txt, .md or .html file to open it, or annotations to import them"}</div>
            </div>
            {dialog_html}
        </div>
    }
}

/// Listens to `name` events on the whole document while the app lives, always with the
/// latest `handler`. Not passive: the app's keys and pastes must be able to prevent the
/// browser's default.
#[hook]
fn use_document_listener(name: &'static str, handler: Callback<Event>) {
    let latest = use_mut_ref(|| handler.clone());
    *latest.borrow_mut() = handler;
    use_effect_with((), move |_| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            name,
            options,
            move |event| latest.borrow().emit(event.clone()),
        );
        move || drop(listener)
    });
}

/// A callback made on the first render that calls `action` on the latest `Ui`.
#[hook]
fn use_latest_callback<T: 'static>(
    latest: &Rc<std::cell::RefCell<commands::Ui>>,
    action: fn(&commands::Ui, T),
) -> Callback<T> {
    let latest = latest.clone();
    use_callback((), move |value: T, _| {
        // A copy of the handles: the action may re-render the app, which updates the cell.
        let ui = latest.borrow().clone();
        action(&ui, value);
    })
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
    let Some(mark) = mark else {
        return;
    };
    if selection::is_far(&mark) {
        // Far away: a smooth scroll would aim at where estimated heights put the span
        // (blocks far from the window are not drawn) and miss it. The jump is instant and
        // kept on the span while the blocks around it are drawn.
        yew::platform::spawn_local(async move {
            selection::settle(move || {
                let mark = gloo::utils::document().query_selector(&query).ok()??;
                selection::center(&mark)
            })
            .await;
        });
    } else {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        mark.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Paints the search matches (and the current one), and scrolls the current one into view.
fn paint_search(article_ref: &NodeRef, document: &Document, search: Option<&Search>, scroll: bool) {
    let Some(article) = article_ref.cast::<web_sys::Element>() else {
        return;
    };
    let text = &document.text;
    let (matches, current) = match search {
        Some(open) => (open.matches.as_slice(), open.current),
        None => (&[][..], None),
    };
    let ranges: Vec<web_sys::Range> = matches
        .iter()
        .filter_map(|range| selection::dom_range(&article, text, *range))
        .collect();
    highlight::paint("aa-search", &ranges);
    let current = current.and_then(|at| matches.get(at));
    let current_range = current.and_then(|range| selection::dom_range(&article, text, *range));
    highlight::paint("aa-search-current", current_range.as_slice());
    let element = current_range
        .filter(|_| scroll)
        .and_then(|range| range.start_container().ok())
        .and_then(|node| node.parent_element());
    if let Some(element) = element {
        // Kept in the middle while the blocks around it are drawn (see `selection::settle`).
        yew::platform::spawn_local(async move {
            selection::settle(move || selection::center(&element)).await;
        });
    }
}

/// Files this large (bytes, all together) are read under a busy dialog.
const LARGE_IMPORT_BYTES: f64 = 256.0 * 1024.0;

/// The files' names, for messages and headings.
fn names_of(files: &[web_sys::File]) -> String {
    files
        .iter()
        .map(web_sys::File::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A project name from the names of the files it was made of.
fn project_name_of(files: &str) -> String {
    let first = files.split(", ").next().unwrap_or(files);
    let stem = first.split('.').next().unwrap_or(first).trim();
    if stem.is_empty() {
        "Imported articles".to_owned()
    } else {
        stem.to_owned()
    }
}

/// Makes a project of picked files: annotation files are read in any importable format,
/// text and Markdown files become articles without spans.
fn new_project_from(ui: commands::Ui, picked: Vec<web_sys::File>) {
    if picked.is_empty() {
        return;
    }
    let names = names_of(&picked);
    yew::platform::spawn_local(async move {
        let (annotations, articles): (Vec<_>, Vec<_>) = picked
            .into_iter()
            .partition(|file| is_import_file(&file.name()));
        let mut drafts = Vec::new();
        if !annotations.is_empty() {
            let read = files::read_import(annotations)
                .await
                .and_then(|read| formats::read(&read).map_err(|error| error.to_string()));
            match read {
                Ok((_, read)) => drafts.extend(read),
                Err(error) => {
                    return ui.notice.set(Some(Notice::error(format!(
                        "No project was made: {error}. Your work is unchanged."
                    ))))
                }
            }
        }
        for file in articles {
            let (name, read) = files::read_article(file).await;
            match read.and_then(|read| incoming::draft_of(&name, read)) {
                Ok(draft) => drafts.push(draft),
                Err(problem) => {
                    return ui.notice.set(Some(Notice::error(format!(
                        "No project was made: “{name}” could not be read ({problem})."
                    ))))
                }
            }
        }
        ui.import_project(project_name_of(&names), Rc::new(drafts));
    });
}
