//! The app core, natively: `update` with the real storage effect runner over the in-memory
//! storage. Every loss path found in the old shell is a story here, and a property test
//! interleaves edits, navigation, saves that complete, fail or conflict, and reloads.
#![cfg(not(target_arch = "wasm32"))]

use annotator::app::effects::{self, Shell};
use annotator::app::save_queue::SaveStatus;
use annotator::app::state::{AppState, Dialog};
use annotator::app::update::{update, Asked, Effect, Env, Msg, ProjectRead, Selected, Store};
use annotator::components::import_dialog::ImportStep;
use annotator::keymap::Command;
use annotator::model::document::Document;
use annotator::model::formats::native::{self, Imported};
use annotator::model::formats::Format;
use annotator::model::formats::InFile;
use annotator::model::offsets::CharRange;
use annotator::model::project::Project;
use annotator::model::span::Timestamp;
use annotator::model::suggestion::Kind;
use annotator::model::text::ArticleText;
use annotator::storage::{MemoryStorage, Storage};
use annotator_core::jobs::Answer;
use annotator_formats::jobs::Desk;
use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs a future of the in-memory storage, which never waits.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the in-memory storage never waits"),
    }
}

/// A clock that ticks a second per call, and ids counted up.
#[derive(Default)]
struct TestEnv {
    tick: u64,
    ids: u64,
}

impl Env for TestEnv {
    fn now(&self) -> Timestamp {
        Timestamp(format!(
            "2026-12-02T10:{:02}:{:02}.000Z",
            self.tick / 60 % 60,
            self.tick % 60
        ))
    }

    fn new_id(&mut self) -> String {
        self.ids += 1;
        self.tick += 1;
        format!("id-{:04}", self.ids)
    }
}

/// One browser tab: its app state and the effects waiting to run, over a storage that
/// outlives it (a reload makes a new tab on the same storage).
struct Tab<'a> {
    state: AppState,
    storage: &'a MemoryStorage,
    env: TestEnv,
    effects: Vec<Effect>,
    timers: Vec<Msg>,
    downloads: Vec<(String, Vec<u8>)>,
    broadcasts: Vec<annotator::web::tabs::Message>,
    /// The worker's work, done at once (the worker only carries letters to it).
    desk: Desk,
}

impl<'a> Tab<'a> {
    /// Opens the app on `storage`, as a page load does.
    fn open(storage: &'a MemoryStorage) -> Self {
        let mut tab = Tab {
            state: AppState::new(true),
            storage,
            env: TestEnv::default(),
            effects: vec![Effect::Store(Store::Start)],
            timers: Vec::new(),
            downloads: Vec::new(),
            broadcasts: Vec::new(),
            desk: Desk::default(),
        };
        // Ids differ between tabs and reloads, as the browser's random ids do.
        tab.env.ids = 1000 * (storage_ids(storage) + 1);
        tab.run();
        tab
    }

    fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.state, msg, &mut self.env);
        self.effects.extend(effects);
    }

    /// Runs every effect waiting (storage at once; timers are kept for `tick`).
    fn run(&mut self) {
        while !self.effects.is_empty() {
            let effects = std::mem::take(&mut self.effects);
            for effect in effects {
                self.perform(effect);
            }
        }
    }

    fn perform(&mut self, effect: Effect) {
        match effect {
            Effect::Store(work) => {
                let progress = RefCell::new(Vec::new());
                let send = |msg: Msg| progress.borrow_mut().push(msg);
                let shell = Shell {
                    send: &send,
                    old_work: &|| None,
                };
                let result = block_on(effects::perform(self.storage, work, &shell));
                for msg in progress.into_inner().into_iter().chain(result) {
                    self.send(msg);
                }
            }
            Effect::Later { msg, .. } => self.timers.push(*msg),
            Effect::Download { name, bytes, .. } => self.downloads.push((name, bytes)),
            Effect::Broadcast(message) => self.broadcasts.push(message),
            Effect::Persist => self.send(Msg::Persisted(true)),
            Effect::Ask { job, bytes, asked } => {
                let answer = self.desk.work(job, bytes);
                // As the shell does: a new project's articles come as the project read.
                let project = match &asked {
                    Asked::ImportAll(name) => Some((name.clone(), None)),
                    Asked::Gold { name, open } => Some((name.clone(), open.clone())),
                    _ => None,
                };
                let msg = match (project, answer) {
                    (
                        Some((name, open)),
                        (
                            Answer::Project {
                                left_out,
                                not_placed,
                            },
                            bytes,
                        ),
                    ) => {
                        let articles = std::str::from_utf8(&bytes[0]).expect("UTF-8");
                        let articles = native::parse_jsonl(articles).expect("the desk's JSONL");
                        // A gold project's versions, line for line, and their clusters.
                        let text = |at: usize| {
                            (bytes
                                .get(at)
                                .map(|b| std::str::from_utf8(b).expect("UTF-8")))
                            .unwrap_or_default()
                        };
                        let clusters: Vec<usize> =
                            serde_json::from_str(text(2)).unwrap_or_default();
                        let curations = (text(1).lines().zip(clusters))
                            .map(|(json, clusters)| {
                                Some(annotator::storage::StoredCuration {
                                    json: json.into(),
                                    clusters,
                                })
                            })
                            .collect();
                        Msg::NewProject(Ok(ProjectRead {
                            name,
                            schema: articles
                                .last()
                                .map(|last| last.schema.clone())
                                .unwrap_or_default(),
                            articles,
                            curations,
                            open,
                            left_out,
                            not_placed,
                        }))
                    }
                    (_, answer) => Msg::Answered(asked, Ok(answer)),
                };
                self.send(msg);
            }
            _ => {}
        }
    }

    /// Lets time pass: timers fire (saves start, failed writes are retried), and what they
    /// start runs.
    fn tick(&mut self) {
        for _ in 0..4 {
            for msg in std::mem::take(&mut self.timers) {
                self.send(msg);
            }
            self.run();
        }
    }

    fn text(&self) -> String {
        self.state.session.document.text.as_str().to_owned()
    }

    /// The code points of the first occurrence of `needle` in the open article.
    fn range_of(&self, needle: &str) -> CharRange {
        let text = self.text();
        let start = text.find(needle).expect("the words are in the article");
        let start = text[..start].chars().count();
        CharRange::new(start, start + needle.chars().count())
    }

    /// Sends a label key over `needle`, exactly as selected (effects not run yet).
    fn label(&mut self, label: &str, needle: &str) {
        let range = self.range_of(needle);
        self.send(Msg::Label {
            name: label.to_owned(),
            exact: true,
            selected: Selected::Range(range),
        });
    }

    /// Tags the first occurrence of `needle` exactly.
    fn tag(&mut self, label: &str, needle: &str) {
        self.label(label, needle);
        self.run();
    }

    /// Delivers what this tab told other tabs to `other`.
    fn tell(&mut self, other: &mut Tab) {
        for message in std::mem::take(&mut self.broadcasts) {
            other.send(Msg::Tab(message));
        }
        other.run();
    }

    fn command(&mut self, command: Command) {
        self.send(Msg::Command(command));
        self.run();
    }

    fn quotes(&self) -> Vec<String> {
        let spans = self.state.session.annotations.spans();
        spans.iter().map(|span| span.text.clone()).collect()
    }

    fn titles(&self) -> Vec<String> {
        let library = self.state.library.as_ref().expect("storage is read");
        library
            .entries
            .iter()
            .map(|entry| entry.title.clone())
            .collect()
    }

    fn status(&self) -> SaveStatus {
        self.state.save_status()
    }

    /// The article the header's conflict buttons are about.
    fn conflict(&self) -> String {
        match self.status() {
            SaveStatus::Conflict { key, .. } => key,
            status => panic!("no conflict: {status:?}"),
        }
    }

    /// The open article's key.
    fn open_key(&self) -> String {
        self.state
            .open_key()
            .expect("an article is open")
            .to_owned()
    }

    fn go_to(&mut self, index: usize) {
        self.send(Msg::GoTo(index));
        self.run();
    }
}

fn storage_ids(storage: &MemoryStorage) -> u64 {
    block_on(storage.projects()).map_or(0, |(projects, _)| projects.len() as u64)
}

fn article(title: &str, text: &str) -> Document {
    Document {
        id: title.to_lowercase().replace(' ', "-"),
        title: title.to_owned(),
        source: None,
        text: ArticleText::new(text),
        extra: Default::default(),
        layout: Default::default(),
        annotator: None,
    }
}

/// A new project's articles as read: one article of this text.
fn project_read(name: &str, text: &str) -> ProjectRead {
    ProjectRead {
        name: name.to_owned(),
        schema: Default::default(),
        articles: vec![Imported {
            document: article("", text),
            schema: Default::default(),
            annotations: Default::default(),
        }],
        curations: Vec::new(),
        open: None,
        left_out: 0,
        not_placed: 0,
    }
}

fn articles(count: usize) -> Vec<Result<Document, (String, String)>> {
    (1..=count)
        .map(|n| {
            Ok(article(
                &format!("Bulletin {n}"),
                &format!("Bulletin {n}: the council met on Monday and approved budget {n}."),
            ))
        })
        .collect()
}

#[test]
fn the_first_start_makes_the_sample_project_and_opens_it() {
    let storage = MemoryStorage::default();
    let tab = Tab::open(&storage);
    assert!(tab.state.article_open);
    assert!(tab.text().contains("Valmera"));
    assert_eq!(tab.titles().len(), 1);
    assert_eq!(tab.status(), SaveStatus::Saved);
    let (projects, _) = block_on(storage.projects()).unwrap();
    assert_eq!(projects[0].name, "Sample project");
}

#[test]
fn three_files_dropped_at_once_all_arrive_in_order_with_one_notice() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(3)));
    tab.run();
    assert_eq!(
        tab.state.notice.as_ref().map(|notice| notice.text.as_str()),
        Some("Added 3 articles to the project.")
    );
    let reloaded = Tab::open(&storage);
    let titles = reloaded.titles();
    assert_eq!(titles.len(), 4);
    assert_eq!(&titles[1..], ["Bulletin 1", "Bulletin 2", "Bulletin 3"]);
}

#[test]
fn adds_started_before_either_is_stored_both_keep_every_article() {
    // The old shell took each new article's key from a copy of the project read before the
    // first write: the second add overwrote the first.
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(2)));
    tab.send(Msg::ArticlesRead(vec![Ok(article(
        "Late",
        "A late article.",
    ))]));
    tab.run();
    let reloaded = Tab::open(&storage);
    let mut titles = reloaded.titles();
    titles.sort();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert_eq!(titles[..3], ["Bulletin 1", "Bulletin 2", "Late"]);
    let listing = block_on(storage.listing(&reloaded.state.library.unwrap().project.id)).unwrap();
    let mut keys: Vec<_> = listing
        .entries
        .iter()
        .map(|entry| entry.key.clone())
        .collect();
    keys.dedup();
    assert_eq!(keys.len(), 4, "every article has its own key");
}

#[test]
fn twenty_five_files_at_once_all_arrive_in_order() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(25)));
    tab.run();
    let titles = Tab::open(&storage).titles();
    let expected: Vec<String> = (1..=25).map(|n| format!("Bulletin {n}")).collect();
    assert_eq!(titles[1..], expected[..]);
}

#[test]
fn an_edit_is_saved_after_the_delay_and_survives_a_reload() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.tag("Source", "Dr. Layla Haddad");
    assert_eq!(
        tab.status(),
        SaveStatus::Saving,
        "held until the write commits"
    );
    tab.tick();
    assert_eq!(tab.status(), SaveStatus::Saved);
    assert_eq!(Tab::open(&storage).quotes(), ["Dr. Layla Haddad"]);
}

#[test]
fn a_failed_save_is_kept_through_navigation_and_stored_when_room_returns() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    tab.go_to(0);
    storage.set_full(true);
    tab.tag("Source", "Dr. Layla Haddad");
    tab.tick();
    assert!(
        matches!(tab.status(), SaveStatus::Failed { .. }),
        "{:?}",
        tab.status()
    );
    // Leaving asks first; "try again and go on" leaves the work held.
    tab.go_to(1);
    assert!(matches!(tab.state.dialog, Dialog::Leave(_)));
    tab.send(Msg::LeaveRetry);
    tab.run();
    assert!(
        tab.text().starts_with("Bulletin 1"),
        "the next article is open"
    );
    assert!(
        matches!(tab.status(), SaveStatus::Failed { .. }),
        "the status stays true"
    );
    // Back again: the held work is shown, not the stale stored copy.
    tab.go_to(0);
    assert_eq!(tab.state.dialog, Dialog::Closed);
    assert_eq!(tab.quotes(), ["Dr. Layla Haddad"]);
    tab.go_to(1);
    // Room again: the retry stores it.
    storage.set_full(false);
    tab.tick();
    assert_eq!(tab.status(), SaveStatus::Saved);
    let mut reloaded = Tab::open(&storage);
    reloaded.go_to(0);
    assert_eq!(reloaded.quotes(), ["Dr. Layla Haddad"]);
}

#[test]
fn a_conflict_followed_by_navigation_drops_nothing_and_the_status_stays_true() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    tab.go_to(0);
    let key = tab.state.open_key().unwrap().to_owned();
    // Another tab saves the article.
    storage.bump_version(&key);
    tab.tag("Source", "Dr. Layla Haddad");
    tab.tick();
    assert!(matches!(tab.status(), SaveStatus::Conflict { .. }));
    tab.go_to(1);
    assert!(matches!(tab.state.dialog, Dialog::Leave(_)), "leaving asks");
    tab.send(Msg::CloseDialog);
    tab.go_to(1);
    let open = tab.open_key();
    tab.send(Msg::KeepMine(open));
    tab.run();
    assert!(tab.text().starts_with("Bulletin 1"));
    tab.tag("Claim", "approved budget 1");
    tab.tick();
    assert_eq!(
        tab.status(),
        SaveStatus::Saved,
        "both articles are stored now"
    );
    let mut reloaded = Tab::open(&storage);
    reloaded.go_to(0);
    assert_eq!(reloaded.quotes(), ["Dr. Layla Haddad"]);
    reloaded.go_to(1);
    assert_eq!(reloaded.quotes(), ["approved budget 1"]);
}

#[test]
fn taking_theirs_drops_this_tabs_work_and_shows_theirs() {
    let storage = MemoryStorage::default();
    let mut first = Tab::open(&storage);
    let mut second = Tab::open(&storage);
    first.tag("Source", "Dr. Layla Haddad");
    first.tick();
    second.tag("Source", "Regional Audit Office");
    second.tick();
    assert!(matches!(second.status(), SaveStatus::Conflict { .. }));
    let key = second.conflict();
    second.send(Msg::TakeTheirs(key));
    second.run();
    assert_eq!(second.quotes(), ["Dr. Layla Haddad"]);
    assert_eq!(second.status(), SaveStatus::Saved);
}

#[test]
fn a_rename_is_not_reverted_by_a_schema_change_queued_after_it() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::RenameProject("Water audits".to_owned()));
    let mut schema = (*tab.state.session.schema).clone();
    let mut label = schema.get("Claim").unwrap().clone();
    label.color = "#123456".to_owned();
    schema = annotator::model::schema::Schema::new(
        schema
            .iter()
            .map(|l| {
                if l.name == "Claim" {
                    label.clone()
                } else {
                    l.clone()
                }
            })
            .collect(),
        schema.links().to_vec(),
    );
    tab.send(Msg::SaveSchema(
        annotator::components::schema_editor::SchemaChange {
            schema,
            renames: Vec::new(),
        },
    ));
    tab.run();
    tab.tick();
    let (projects, _): (Vec<Project>, _) = block_on(storage.projects()).unwrap();
    assert_eq!(projects[0].name, "Water audits");
    let claim = projects[0]
        .labels
        .iter()
        .find(|l| l.name == "Claim")
        .unwrap();
    assert_eq!(claim.color, "#123456");
}

#[test]
fn undo_history_survives_a_reload() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.tag("Source", "Dr. Layla Haddad");
    tab.tag("Source", "Regional Audit Office");
    tab.tick();
    let mut reloaded = Tab::open(&storage);
    assert_eq!(reloaded.quotes().len(), 2);
    reloaded.command(Command::Undo);
    assert_eq!(reloaded.quotes(), ["Dr. Layla Haddad"]);
    reloaded.command(Command::Redo);
    assert_eq!(reloaded.quotes().len(), 2);
}

#[test]
fn an_import_onto_the_open_article_is_one_undoable_step_after_the_history_before_it() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.tag("Source", "Dr. Layla Haddad");
    let text = tab.text();
    // A Hypothesis export: quotes and positions, no article text.
    let rows: Vec<serde_json::Value> = [("Source", "Regional Audit Office"), ("Claim", "34 percent")]
        .into_iter()
        .map(|(label, quote)| {
            let start = text[..text.find(quote).unwrap()].chars().count();
            serde_json::json!({
                "id": format!("h{start}"),
                "tags": [label],
                "target": [{"selector": [
                    {"type": "TextPositionSelector", "start": start, "end": start + quote.chars().count()},
                    {"type": "TextQuoteSelector", "exact": quote}
                ]}]
            })
        })
        .collect();
    let file = InFile {
        name: "hyp.w3c.jsonld".to_owned(),
        bytes: serde_json::json!({"total": 2, "rows": rows})
            .to_string()
            .into_bytes(),
    };
    tab.send(Msg::ImportRead(Ok((
        "hyp.w3c.jsonld".to_owned(),
        vec![file],
    ))));
    tab.run();
    assert!(
        matches!(&tab.state.dialog, Dialog::Import(ImportStep::Review(read)) if read.format == Format::W3c),
        "the worker's review is shown"
    );
    tab.send(Msg::ImportAccept);
    tab.run();
    assert_eq!(tab.quotes().len(), 3);
    tab.command(Command::Undo);
    assert_eq!(
        tab.quotes(),
        ["Dr. Layla Haddad"],
        "one undo takes the whole import back"
    );
    tab.command(Command::Undo);
    assert!(
        tab.quotes().is_empty(),
        "the edit before the import is still undoable"
    );
}

#[test]
fn a_damaged_article_is_listed_and_every_other_article_keeps_working() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    let broken = tab.state.library.as_ref().unwrap().entries[0].key.clone();
    storage.put_raw_work(&broken, "{\"spans\": [oops");
    let mut reloaded = Tab::open(&storage);
    // The place was the second article: it opens; the first is damaged when asked for.
    reloaded.go_to(0);
    assert!(reloaded
        .state
        .damaged
        .iter()
        .any(|damaged| damaged.key == broken));
    assert!(
        reloaded.text().starts_with("Bulletin 1"),
        "the open article stays open"
    );
    reloaded.tag("Claim", "approved budget 1");
    reloaded.tick();
    assert_eq!(reloaded.status(), SaveStatus::Saved, "saving goes on");
    reloaded.send(Msg::DownloadRaw(broken.clone()));
    reloaded.run();
    let (name, raw) = reloaded.downloads.last().unwrap();
    assert!(name.starts_with("damaged-"));
    assert!(
        String::from_utf8_lossy(raw).contains("oops"),
        "the raw record is downloadable"
    );
}

#[test]
fn a_project_export_holds_every_article_in_every_format_that_holds_many() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(3)));
    tab.run();
    tab.tag("Claim", "approved budget 1");
    for format in Format::ALL {
        tab.downloads.clear();
        tab.send(Msg::ExportProject(format));
        tab.run();
        if !format.holds_many() {
            assert!(
                tab.downloads.is_empty(),
                "{format:?} is refused for a project"
            );
            continue;
        }
        let (_, bytes) = tab.downloads.last().expect("downloaded");
        let text = String::from_utf8_lossy(bytes);
        if matches!(
            format,
            Format::Brat | Format::Csv | Format::ClaimsCsv | Format::ClaimReview
        ) {
            // A zip (its entries are counted by the e2e test); rows of spans or claims.
            continue;
        }
        for n in 1..=3 {
            assert!(
                text.contains(&format!("Bulletin {n}")) || text.contains(&format!("budget {n}")),
                "{format:?} holds article {n}"
            );
        }
    }
}

#[test]
fn a_project_is_exported_a_batch_at_a_time_with_every_article_once_in_order() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    let count = 2 * annotator::app::effects::PROJECT_BATCH + 49;
    tab.send(Msg::ArticlesRead(articles(count)));
    tab.run();
    // The open article's work is not stored yet: the export takes it from memory.
    tab.tag("Claim", "approved budget 1");
    tab.send(Msg::ExportProject(Format::NativeJsonl));
    tab.run();
    let (_, bytes) = tab.downloads.last().expect("downloaded");
    let lines: Vec<native::Imported> =
        native::parse_jsonl(&String::from_utf8_lossy(bytes)).expect("native JSONL");
    assert_eq!(
        lines.len(),
        count + 1,
        "the sample article and every bulletin, once"
    );
    let mut titles: Vec<&str> = lines
        .iter()
        .map(|work| work.document.title.as_str())
        .collect();
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), count + 1, "no article twice");
    assert!((1..=count).all(|n| titles.contains(&format!("Bulletin {n}").as_str())));
    let open = tab.state.session.document.title.clone();
    let tagged = lines
        .iter()
        .find(|work| work.document.title == open)
        .expect("the open article");
    assert_eq!(tagged.annotations.len(), 1, "with its unsaved tag");
    assert!(tab.state.busy.is_none(), "the busy dialog closed");
}

#[test]
fn leaving_the_page_asks_while_anything_accepted_is_not_stored() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    assert!(!tab.state.has_unstored_work());
    tab.tag("Source", "Dr. Layla Haddad");
    assert!(tab.state.has_unstored_work());
    tab.tick();
    assert!(!tab.state.has_unstored_work());
}

#[test]
fn persistent_storage_is_asked_for_after_the_first_edit() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    assert_eq!(
        tab.state.persistence,
        annotator::app::state::Persistence::Unknown
    );
    tab.tag("Source", "Dr. Layla Haddad");
    assert_eq!(
        tab.state.persistence,
        annotator::app::state::Persistence::Granted
    );
}

#[test]
fn a_stale_article_load_is_dropped_when_the_user_moved_on() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(2)));
    tab.run();
    // Two loads asked for before either answers: only the last one opens.
    tab.send(Msg::GoTo(0));
    tab.send(Msg::GoTo(1));
    tab.run();
    assert!(tab.text().starts_with("Bulletin 1"));
}

#[test]
fn another_tabs_save_heard_first_then_taking_theirs_shows_theirs() {
    let storage = MemoryStorage::default();
    let mut first = Tab::open(&storage);
    let mut second = Tab::open(&storage);
    first.tag("Source", "Dr. Layla Haddad");
    first.tick();
    first.tell(&mut second);
    assert!(
        matches!(second.status(), SaveStatus::Conflict { .. }),
        "told at once"
    );
    second.tag("Source", "Regional Audit Office");
    second.tick();
    assert!(matches!(second.status(), SaveStatus::Conflict { .. }));
    let key = second.conflict();
    second.send(Msg::TakeTheirs(key));
    second.run();
    assert_eq!(second.quotes(), ["Dr. Layla Haddad"]);
    assert_eq!(second.status(), SaveStatus::Saved);
}

/// The spans of stored or held work, as (label, start, end), in document order.
fn spans_of(
    annotations: &annotator::model::annotations::Annotations,
) -> Vec<(String, usize, usize)> {
    let spans = annotations.spans().iter();
    spans
        .map(|span| (span.label.clone(), span.range.start.0, span.range.end.0))
        .collect()
}

fn stored_spans(storage: &MemoryStorage, key: &str) -> Vec<(String, usize, usize)> {
    let article = block_on(storage.article(key)).expect("the article is stored");
    let work = article.work().expect("stored work reads");
    work.spans
        .iter()
        .map(|span| (span.label.clone(), span.start, span.end))
        .collect()
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    const WORDS: [&str; 8] = [
        "Dr. Layla Haddad",
        "Regional Audit Office",
        "34 percent",
        "council",
        "Monday",
        "approved",
        "budget",
        "Bulletin",
    ];

    #[derive(Clone, Debug)]
    enum Op {
        Tag(usize, usize),
        DeleteNext,
        Undo,
        Redo,
        GoTo(usize),
        /// The disk fills up, or has room again.
        Full(bool),
        /// Another tab saves an article (told to this tab, or not).
        OtherTabSaves(usize, bool),
        /// Time passes: saves start, failed ones are retried.
        Tick,
        /// In the "not stored" prompt: 0 retry, 1 keep mine, 2 take theirs, 3 stay.
        Answer(u8),
        /// Keep mine / reload to see theirs from the header.
        KeepMine,
        TakeTheirs,
        /// A reload (when nothing is at risk: otherwise the browser's prompt holds it).
        Reload,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..3usize, 0..WORDS.len()).prop_map(|(label, word)| Op::Tag(label, word)),
            1 => Just(Op::DeleteNext),
            1 => Just(Op::Undo),
            1 => Just(Op::Redo),
            2 => (0..3usize).prop_map(Op::GoTo),
            1 => any::<bool>().prop_map(Op::Full),
            1 => (0..3usize, any::<bool>()).prop_map(|(at, told)| Op::OtherTabSaves(at, told)),
            3 => Just(Op::Tick),
            1 => (0..4u8).prop_map(Op::Answer),
            1 => Just(Op::KeepMine),
            1 => Just(Op::TakeTheirs),
            1 => Just(Op::Reload),
        ]
    }

    /// Every accepted edit is stored, or held and shown as not stored.
    fn check(
        tab: &Tab,
        storage: &MemoryStorage,
        expected: &BTreeMap<String, Vec<(String, usize, usize)>>,
    ) {
        for (key, spans) in expected {
            match tab.state.queue.held(key) {
                Some(held) => {
                    assert_eq!(
                        &spans_of(&held.annotations),
                        spans,
                        "{key}: the held work is the latest"
                    );
                    assert_ne!(
                        tab.status(),
                        SaveStatus::Saved,
                        "{key} is held but shown saved"
                    );
                }
                None => assert_eq!(
                    &stored_spans(storage, key),
                    spans,
                    "{key}: stored is the latest"
                ),
            }
        }
        if tab.status() == SaveStatus::Saved {
            assert!(tab.state.queue.all_stored());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn every_accepted_edit_is_stored_or_held_and_shown_not_stored(ops in proptest::collection::vec(op(), 1..40)) {
            let storage = MemoryStorage::default();
            let mut tab = Tab::open(&storage);
            tab.send(Msg::ArticlesRead(articles(2)));
            tab.run();
            let keys: Vec<String> = tab.state.library.as_ref().unwrap().entries.iter().map(|e| e.key.clone()).collect();
            let mut expected: BTreeMap<String, Vec<(String, usize, usize)>> =
                keys.iter().map(|key| (key.clone(), Vec::new())).collect();
            let labels = ["Claim", "Quote", "Source"];
            for op in ops {
                // What the user sees of the open article is what they accepted.
                let before = tab.state.open_key().map(str::to_owned);
                match op {
                    Op::Tag(label, word) => {
                        if tab.state.dialog == Dialog::Closed && tab.text().contains(WORDS[word]) {
                            tab.tag(labels[label], WORDS[word]);
                        }
                    }
                    Op::DeleteNext => {
                        tab.command(Command::NextSpan);
                        tab.command(Command::Delete);
                    }
                    Op::Undo => tab.command(Command::Undo),
                    Op::Redo => tab.command(Command::Redo),
                    Op::GoTo(at) => tab.go_to(at),
                    Op::Full(full) => storage.set_full(full),
                    Op::OtherTabSaves(at, told) => {
                        if let Some(version) = storage.bump_version(&keys[at]) {
                            if told {
                                let message = annotator::web::tabs::Message::Saved { key: keys[at].clone(), version };
                                tab.send(Msg::Tab(message));
                                tab.run();
                            }
                        }
                    }
                    Op::Tick => tab.tick(),
                    Op::Answer(choice) => {
                        if matches!(tab.state.dialog, Dialog::Leave(_)) {
                            let conflict = before.as_deref().is_some_and(|key| matches!(tab.state.queue.state(key), annotator::app::save_queue::SaveState::Conflict { .. }));
                            let open = before.clone().unwrap_or_default();
                            let msg = match choice {
                                0 => Msg::LeaveRetry,
                                1 => Msg::KeepMine(open),
                                2 => Msg::TakeTheirs(open),
                                _ => Msg::CloseDialog,
                            };
                            let takes_theirs = conflict && choice == 2;
                            tab.send(msg);
                            tab.run();
                            if takes_theirs {
                                // The user chose to drop this tab's work for the other tab's.
                                let key = before.clone().unwrap();
                                expected.insert(key.clone(), stored_spans(&storage, &key));
                            }
                        }
                    }
                    // The header's buttons: they cannot be reached while a dialog is up.
                    Op::KeepMine => {
                        if let (SaveStatus::Conflict { key, .. }, Dialog::Closed) = (tab.status(), &tab.state.dialog) {
                            tab.send(Msg::KeepMine(key));
                            tab.run();
                        }
                    }
                    Op::TakeTheirs => {
                        if let (SaveStatus::Conflict { key, .. }, Dialog::Closed) = (tab.status(), &tab.state.dialog) {
                            tab.send(Msg::TakeTheirs(key.clone()));
                            tab.run();
                            expected.insert(key.clone(), stored_spans(&storage, &key));
                        }
                    }
                    Op::Reload => {
                        if !tab.state.has_unstored_work() {
                            tab = Tab::open(&storage);
                        }
                    }
                }
                if let (Some(key), true) = (tab.state.open_key(), tab.state.article_open) {
                    expected.insert(key.to_owned(), spans_of(&tab.state.session.annotations));
                }
                check(&tab, &storage, &expected);
            }
            // Room again, every conflict settled by keeping this tab's work: all is stored.
            // The status shows one conflict at a time, and a retried write may find the
            // next: a round for each (three articles in conflict took more than three).
            storage.set_full(false);
            for _ in 0..12 {
                if tab.state.queue.all_stored() && tab.state.dialog == Dialog::Closed {
                    break;
                }
                if tab.state.dialog != Dialog::Closed {
                    tab.send(Msg::CloseDialog);
                }
                if let SaveStatus::Conflict { key, .. } = tab.status() {
                    tab.send(Msg::KeepMine(key));
                }
                tab.run();
                tab.tick();
            }
            check(&tab, &storage, &expected);
            prop_assert!(tab.state.queue.all_stored(), "{:?}", tab.status());
            let mut reloaded = Tab::open(&storage);
            for (at, key) in keys.iter().enumerate() {
                reloaded.go_to(at);
                prop_assert_eq!(&spans_of(&reloaded.state.session.annotations), &expected[key]);
            }
        }
    }
}

#[test]
fn a_refused_action_says_why_and_changes_nothing() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    let before = tab.state.session.clone();
    tab.label("Claim", "\n\n"); // only the break between two paragraphs
    tab.run();
    assert_eq!(tab.state.session, before);
    let notice = tab.state.notice.clone().expect("told");
    assert_eq!(
        notice.text,
        annotator::state::Refusal::EmptySelection.message()
    );
    assert!(tab.state.queue.all_stored(), "nothing to save");
}

#[test]
fn a_note_saved_by_a_closing_panel_after_another_article_opened_is_not_an_error() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.tag("Source", "Dr. Layla Haddad");
    let id = tab
        .state
        .session
        .selected
        .clone()
        .expect("the new span is selected");
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    tab.send(Msg::DismissNotice);
    tab.send(Msg::SetNote(id, "typed late".to_owned()));
    assert_eq!(tab.state.notice, None);
    assert!(annotator::app::update::may_leave_article(&Msg::GoTo(0)));
    assert!(!annotator::app::update::may_leave_article(&Msg::SaveDue));
}

#[test]
fn an_unreadable_project_is_reported_and_the_others_open() {
    let storage = MemoryStorage::default();
    let tab = Tab::open(&storage);
    let id = tab.state.library.as_ref().unwrap().project.id.clone();
    // A second project, then the first one's record breaks.
    let mut tab = Tab::open(&storage);
    tab.send(Msg::NewProject(Ok(project_read(
        "Bulletins",
        "The council met on Monday.",
    ))));
    tab.run();
    storage.put_raw_project(&id, "{not json");
    let reloaded = Tab::open(&storage);
    assert!(reloaded.state.article_open);
    assert!(reloaded.text().starts_with("The council met"));
    let notice = reloaded.state.notice.clone().expect("told");
    assert!(
        notice.text.contains("1 stored project could not be read"),
        "{}",
        notice.text
    );
}

#[test]
fn a_backup_asked_for_while_an_article_is_read_drops_neither() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    tab.send(Msg::GoTo(0));
    tab.send(Msg::Backup);
    tab.run();
    assert!(tab.text().contains("Valmera"), "the article opened");
    assert!(!tab.state.loading);
    let (name, bytes) = tab.downloads.last().expect("the backup downloaded");
    assert!(name.starts_with("article-annotator-backup-"));
    assert_eq!(String::from_utf8_lossy(bytes).lines().count(), 2);
}

#[test]
fn when_the_last_article_is_damaged_the_app_opens_another_at_start() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    // The place is the new, second article; it breaks.
    let broken = tab.state.open_key().unwrap().to_owned();
    storage.put_raw_work(&broken, "[");
    let reloaded = Tab::open(&storage);
    assert!(reloaded.state.article_open);
    assert!(reloaded.text().contains("Valmera"));
    assert!(reloaded
        .state
        .damaged
        .iter()
        .any(|damaged| damaged.key == broken));
}

#[test]
fn keeping_mine_with_nothing_held_writes_what_is_shown_over_theirs() {
    let storage = MemoryStorage::default();
    let mut first = Tab::open(&storage);
    let mut second = Tab::open(&storage);
    first.tag("Source", "Dr. Layla Haddad");
    first.tick();
    first.tell(&mut second);
    assert!(matches!(second.status(), SaveStatus::Conflict { .. }));
    let key = second.conflict();
    second.send(Msg::KeepMine(key));
    second.run();
    second.tick();
    assert_eq!(second.status(), SaveStatus::Saved);
    let key = second.state.open_key().unwrap().to_owned();
    assert_eq!(
        stored_spans(&storage, &key),
        Vec::<(String, usize, usize)>::new()
    );
}

#[test]
fn the_leave_prompt_decides_for_the_open_article_not_the_first_in_conflict() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    let keys: Vec<String> = (tab.state.library.as_ref().unwrap().entries.iter())
        .map(|entry| entry.key.clone())
        .collect();
    // Both articles get into conflict: the first (in key order) while it is left behind.
    tab.go_to(0);
    storage.bump_version(&keys[0]);
    tab.tag("Source", "Dr. Layla Haddad");
    tab.tick();
    tab.go_to(1);
    tab.send(Msg::KeepMine(keys[0].clone())); // the prompt about the first article: keep it, go on
    tab.run();
    storage.bump_version(&keys[0]);
    storage.bump_version(&keys[1]);
    tab.tag("Claim", "approved budget 1");
    tab.tick();
    tab.go_to(0);
    assert!(matches!(tab.state.dialog, Dialog::Leave(_)));
    // The prompt is about the open article (the view sends its key).
    tab.send(Msg::TakeTheirs(keys[1].clone()));
    tab.run();
    // Theirs was taken for the second (open) article only; the first is still held.
    assert!(tab.state.queue.held(&keys[1]).is_none());
    assert!(tab.state.queue.held(&keys[0]).is_some());
    assert_eq!(tab.quotes(), ["Dr. Layla Haddad"]);
}

#[test]
fn an_old_schema_change_is_not_undone_after_the_article_was_left() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    tab.go_to(0);
    let mut labels: Vec<_> = tab.state.session.schema.iter().cloned().collect();
    let mut person = labels[2].clone();
    person.name = "Person".to_owned();
    person.hotkey = '4';
    labels.push(person);
    let schema =
        annotator::model::schema::Schema::new(labels, tab.state.session.schema.links().to_vec());
    tab.send(Msg::SaveSchema(
        annotator::components::schema_editor::SchemaChange {
            schema,
            renames: Vec::new(),
        },
    ));
    tab.tag("Source", "Dr. Layla Haddad");
    tab.tick();
    tab.go_to(1);
    tab.tag("Person", "council");
    tab.tick();
    tab.go_to(0);
    tab.command(Command::Undo);
    assert!(
        tab.quotes().is_empty(),
        "the span edit after the schema change undoes"
    );
    tab.command(Command::Undo);
    assert!(
        tab.state.session.schema.get("Person").is_some(),
        "the schema change does not"
    );
    tab.tick();
    let mut reloaded = Tab::open(&storage);
    reloaded.go_to(1);
    assert_eq!(
        reloaded.quotes(),
        ["council"],
        "the other article still opens"
    );
}

#[test]
fn an_edit_made_while_theirs_is_read_is_kept_and_still_in_conflict() {
    let storage = MemoryStorage::default();
    let mut first = Tab::open(&storage);
    let mut second = Tab::open(&storage);
    first.tag("Source", "Dr. Layla Haddad");
    first.tick();
    second.tag("Source", "Regional Audit Office");
    second.tick();
    assert!(matches!(second.status(), SaveStatus::Conflict { .. }));
    // "Reload to see it", and an edit on the old copy before theirs arrives.
    let key = second.conflict();
    second.send(Msg::TakeTheirs(key));
    second.label("Claim", "34 percent");
    second.run();
    second.tick();
    assert!(
        second.quotes().contains(&"34 percent".to_owned()),
        "the edit is shown"
    );
    assert!(
        matches!(second.status(), SaveStatus::Conflict { .. }),
        "and not written over theirs"
    );
    let key = second.state.open_key().unwrap().to_owned();
    assert_eq!(
        stored_spans(&storage, &key).len(),
        1,
        "theirs is stored as it was"
    );
}

#[test]
fn held_work_reopened_after_a_label_rename_reads_under_the_new_name() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    tab.go_to(0);
    storage.set_full(true);
    tab.tag("Source", "Dr. Layla Haddad");
    tab.tick();
    tab.go_to(1);
    tab.send(Msg::LeaveRetry);
    tab.run();
    storage.set_full(false);
    let labels: Vec<_> = (tab.state.session.schema.iter())
        .map(|label| {
            let mut label = label.clone();
            if label.name == "Source" {
                label.name = "Speaker".to_owned();
            }
            label
        })
        .collect();
    let links = (tab.state.session.schema.links().iter())
        .map(|rule| {
            let mut rule = rule.clone();
            if rule.to == "Source" {
                rule.to = "Speaker".to_owned();
            }
            rule
        })
        .collect();
    tab.send(Msg::SaveSchema(
        annotator::components::schema_editor::SchemaChange {
            schema: annotator::model::schema::Schema::new(labels, links),
            renames: vec![("Source".to_owned(), "Speaker".to_owned())],
        },
    ));
    tab.go_to(0);
    let labels: Vec<_> = (tab.state.session.annotations.spans().iter())
        .map(|span| span.label.clone())
        .collect();
    assert_eq!(labels, ["Speaker"]);
    tab.tick();
    assert_eq!(tab.status(), SaveStatus::Saved);
    let mut reloaded = Tab::open(&storage);
    reloaded.go_to(0);
    assert!(
        reloaded.state.article_open,
        "stored under the new name, not damaged"
    );
    assert_eq!(reloaded.quotes(), ["Dr. Layla Haddad"]);
}

#[test]
fn picking_an_article_in_the_project_view_closes_it() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::ArticlesRead(articles(1)));
    tab.run();
    tab.command(Command::Projects);
    assert_eq!(tab.state.dialog, Dialog::Project);
    tab.go_to(0);
    assert_eq!(tab.state.dialog, Dialog::Closed);
}

#[test]
fn without_storage_a_new_project_opens_its_first_article_and_the_page_is_free() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::Started(Err(
        annotator::storage::StoreError::Unavailable(
            "this browser keeps no storage for the page".to_owned(),
        ),
    )));
    tab.send(Msg::Busy("Reading the files…".to_owned()));
    tab.send(Msg::NewProject(Ok(project_read(
        "Bulletins",
        "The council met on Monday.",
    ))));
    tab.run();
    assert_eq!(tab.state.busy, None);
    assert!(tab.text().starts_with("The council met"));
}

#[test]
fn a_deleted_projects_unstored_work_is_forgotten_and_blocks_nothing() {
    use annotator::app::save_queue::SaveQueue;
    use annotator::storage::ProjectChange;
    let mut queue = SaveQueue::default();
    queue.accept_project("gone", ProjectChange::Rename("Old".to_owned()));
    assert!(!queue.all_stored());
    queue.forget_project("gone");
    assert!(queue.all_stored());
    assert_eq!(queue.status(None), SaveStatus::Saved);
}

#[test]
fn every_article_of_an_import_becomes_a_new_project_with_the_labels_they_bring() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    let lines = [
        serde_json::json!({"title": "Bulletin 1", "text": "The council met on Monday.", "label": [[4, 11, "Source"]]}),
        serde_json::json!({"title": "Bulletin 2", "text": "Leaks fell 34% in a year.", "label": [[0, 14, "Tally"]]}),
    ];
    let file = InFile {
        name: "bulletins.jsonl".to_owned(),
        bytes: lines
            .iter()
            .map(|line| format!("{line}\n"))
            .collect::<String>()
            .into_bytes(),
    };
    tab.send(Msg::ImportRead(Ok((
        "bulletins.jsonl".to_owned(),
        vec![file],
    ))));
    tab.run();
    tab.send(Msg::ImportAll);
    tab.run();
    let library = tab.state.library.as_ref().expect("a project");
    assert_eq!(library.project.name, "bulletins");
    assert_eq!(library.entries.len(), 2);
    assert!(
        tab.state.session.schema.get("Tally").is_some(),
        "the new label joined the schema"
    );
    assert_eq!(tab.state.busy, None);
    assert_eq!(tab.quotes(), ["council"]);
}

/// The native fixture as one annotator's file, changed by `change`.
fn annotator_file(name: &str, change: impl Fn(&mut serde_json::Value)) -> InFile {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/native-v1.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON");
    change(&mut json);
    let imported = native::parse(&json.to_string()).expect("native");
    InFile {
        name: format!("{name}.annotations.jsonl"),
        bytes: native::export_jsonl(&[imported.work()]).into_bytes(),
    }
}

#[test]
fn a_comparison_becomes_a_gold_project_whose_disagreements_are_decided_saved_and_exported() {
    use annotator::model::curation::Outcome;
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::SetName("dana".into()));
    // Ana tagged all 5 spans; Ben missed the minister; Cleo tagged "fell 12%" as a Quote.
    let files = vec![
        annotator_file("ana", |_| {}),
        annotator_file("ben", |json| {
            json["spans"].as_array_mut().expect("spans").remove(0);
        }),
        annotator_file("cleo", |json| json["spans"][2]["label"] = "Quote".into()),
    ];
    tab.send(Msg::CompareRead(Ok(("3 files".into(), files))));
    tab.run();
    assert!(matches!(tab.state.dialog, Dialog::Compare(_)));
    // What all three marked alike goes in at once.
    tab.send(Msg::Adjudicate {
        threshold: 3,
        open: Some("doc-hard".into()),
    });
    tab.run();
    let library = tab.state.library.as_ref().expect("a project");
    assert_eq!(library.project.name, "Gold: ana, ben, cleo");
    assert_eq!(
        tab.state.session.document.annotator.as_deref(),
        Some("dana")
    );
    assert_eq!(
        tab.quotes(),
        [
            "Emissions fell 12% 🌍📉.",
            "عمر الفاروق",
            "👩‍👩‍👧 said — later — it was fine 👍🏽"
        ]
    );
    let curating = annotator::app::update::curating(&tab.state).expect("a gold article");
    assert_eq!(curating.clusters.len(), 4);

    // X: the first disagreement (the minister: ana and cleo); 1 takes ana's.
    tab.command(Command::NextDisagreement);
    assert_eq!(tab.state.cluster, Some(0));
    assert_eq!(annotator::app::update::adjudicating(&tab.state), 3);
    tab.command(Command::Take(Some(0)));
    // The fixture writes its accents as combining marks.
    assert_eq!(tab.quotes()[0], "Minister Zoe\u{301} Ferna\u{301}ndez");
    // On to the next one: the quote, where cleo made "fell 12%" a Quote.
    assert_eq!(tab.state.cluster, Some(1));
    tab.command(Command::Take(Some(2)));
    let labels: Vec<&str> = (tab.state.session.annotations.spans().iter())
        .map(|span| span.label.as_str())
        .collect();
    assert_eq!(labels, ["Source", "Quote", "Quote", "Source", "Claim"]);
    // Undo takes that decision back whole; ben's version instead.
    tab.command(Command::Undo);
    assert!(tab
        .state
        .session
        .annotations
        .decision(curating.clusters[1].range)
        .is_none());
    tab.send(Msg::ShowCluster(1));
    tab.run();
    tab.command(Command::Take(Some(1)));
    let labels: Vec<&str> = (tab.state.session.annotations.spans().iter())
        .map(|span| span.label.as_str())
        .collect();
    assert_eq!(labels, ["Source", "Quote", "Claim", "Source", "Claim"]);
    assert!(tab
        .state
        .notice
        .as_ref()
        .is_some_and(|n| n.text.contains("Every disagreement")));
    tab.tick();

    // Saved: the decisions and the progress survive a reload.
    let mut again = Tab::open(&storage);
    let entry = again
        .state
        .library
        .as_ref()
        .and_then(|l| l.entry())
        .expect("open");
    assert_eq!(
        entry.curation.map(|c| (c.decided, c.clusters)),
        Some((4, 4))
    );
    let outcomes: Vec<Outcome> = (again.state.session.annotations.decisions().iter())
        .map(|decision| decision.outcome.clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Took("ana".into()),
            Outcome::Took("ben".into()),
            Outcome::Merged,
            Outcome::Merged
        ]
    );
    assert!(annotator::app::update::curating(&again.state).is_some());
    // Exported with each span's provenance.
    again.send(Msg::ExportProject(Format::NativeJsonl));
    again.run();
    let (_, bytes) = again.downloads.last().expect("exported");
    let line: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(bytes)
            .lines()
            .next()
            .expect("a line"),
    )
    .expect("JSON");
    assert_eq!(line["document"]["annotator"], "dana");
    assert_eq!(
        line["spans"][0]["provenance"]["annotators"],
        serde_json::json!(["ana", "cleo"])
    );
    assert_eq!(line["spans"][0]["provenance"]["adjudicator"], "dana");
    assert_eq!(line["decisions"].as_array().map(Vec::len), Some(4));
}

#[test]
fn tag_every_occurrence_tags_whole_words_as_one_undo_step_and_lists_more_than_twenty_first() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    let text =
        "Eurostat said so. The eurostat figures, Eurostat's own, and Eurostatistics differ. \
        Ask Eurostat.";
    tab.send(Msg::ArticlesRead(vec![Ok(article("Eurostat", text))]));
    tab.run();
    tab.tag("Source", "Eurostat");
    assert_eq!(tab.quotes(), ["Eurostat"]);
    // T: same case, whole words ("Eurostatistics" is another word; "Eurostat's" holds it).
    tab.command(Command::TagEvery { match_case: true });
    assert_eq!(tab.quotes(), ["Eurostat", "Eurostat", "Eurostat"]);
    let notice = tab.state.notice.clone().expect("said").text;
    assert_eq!(
        notice,
        "Tagged 2 more occurrences of “Eurostat” as Source (one undo)."
    );
    let selected = tab
        .state
        .session
        .selected_span()
        .map(|span| span.range.start.0);
    assert_eq!(selected, Some(0), "the chosen span stays selected");
    // Shift+T: any case adds the lower-case one.
    tab.command(Command::TagEvery { match_case: false });
    assert_eq!(tab.quotes().len(), 4);
    tab.command(Command::Undo);
    tab.command(Command::Undo);
    assert_eq!(tab.quotes(), ["Eurostat"], "each was one undo step");

    // More than twenty: listed first, tagged on confirmation.
    let many = vec!["Valmera"; 25].join(" water. ");
    tab.send(Msg::ArticlesRead(vec![Ok(article("Many", &many))]));
    tab.run();
    tab.tag("Source", "Valmera");
    tab.command(Command::TagEvery { match_case: true });
    let Dialog::TagEvery(preview) = &tab.state.dialog else {
        panic!("{:?}", tab.state.dialog);
    };
    assert_eq!(preview.contexts.len(), 24);
    assert_eq!(
        tab.quotes().len(),
        1,
        "nothing tagged before the user says so"
    );
    tab.send(Msg::TagEveryConfirm);
    tab.run();
    assert_eq!(tab.quotes().len(), 25);
    assert_eq!(tab.state.dialog, Dialog::Closed);
}

#[test]
fn suggestions_come_when_an_article_opens_and_are_accepted_or_rejected_one_undo_step_each() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    let text = "Water losses fell 34% in two years, the report shows.\n\n\
        “We found leaks that had been running for twenty years,” said Maria Lindqvist.\n\n\
        The council met on Monday. Prices rose faster than wages.";
    tab.send(Msg::ArticlesRead(vec![Ok(article("Leaks", text))]));
    tab.run();
    let shown = |tab: &Tab| -> Vec<(Kind, String)> {
        let list = tab.state.suggested.list.clone().expect("suggested");
        (tab.state.suggested.shown.iter())
            .map(|at| {
                let s = &list[*at];
                (
                    s.kind,
                    tab.text()
                        .chars()
                        .skip(s.start)
                        .take(s.end - s.start)
                        .collect(),
                )
            })
            .collect()
    };
    let quote = "We found leaks that had been running for twenty years,";
    assert_eq!(
        shown(&tab),
        [
            (
                Kind::Claim,
                "Water losses fell 34% in two years, the report shows.".to_owned()
            ),
            (Kind::Quote, quote.to_owned()),
            (Kind::Source, "Maria Lindqvist".to_owned()),
            (Kind::Claim, "Prices rose faster than wages.".to_owned()),
        ]
    );
    assert!(tab.quotes().is_empty(), "suggestions are not annotations");
    assert_eq!(tab.state.session.revision, 0, "nor are they work to save");

    // G, G: the quote; V takes it with its speaker and their link, as one step.
    tab.command(Command::NextSuggestion);
    tab.command(Command::NextSuggestion);
    let notice = tab.state.notice.clone().expect("said").text;
    assert!(
        notice.starts_with("Suggestion 2 of 4: Quote “We found"),
        "{notice}"
    );
    tab.command(Command::Accept { all: false });
    assert_eq!(tab.quotes(), [quote, "Maria Lindqvist"]);
    let relations = tab.state.session.annotations.relations().to_vec();
    assert_eq!(relations.len(), 1);
    assert_eq!(relations[0].kind, "said_by");
    let current = tab.state.suggested.current.map(|at| {
        let list = tab.state.suggested.list.clone().expect("suggested");
        list[at].kind
    });
    assert_eq!(current, Some(Kind::Claim), "the next one is current");
    assert_eq!(shown(&tab).len(), 2, "taken ones are not shown");
    tab.command(Command::Undo);
    assert!(
        tab.quotes().is_empty(),
        "one undo takes the quote, speaker and link"
    );
    assert_eq!(shown(&tab).len(), 4);
    tab.command(Command::Redo);

    // R rejects the last claim; Shift+V takes every claim left (one).
    tab.command(Command::PreviousSuggestion);
    tab.command(Command::Reject { all: false });
    assert_eq!(shown(&tab).len(), 1);
    tab.command(Command::PreviousSuggestion);
    tab.command(Command::Accept { all: true });
    assert_eq!(tab.quotes().len(), 3);
    assert!(shown(&tab).is_empty());

    // After a reload the rejection holds and nothing accepted is suggested again.
    tab.tick();
    let mut tab = Tab::open(&storage);
    tab.run();
    assert_eq!(tab.quotes().len(), 3);
    assert!(shown(&tab).is_empty(), "{:?}", shown(&tab));
    tab.command(Command::Undo);
    assert_eq!(
        shown(&tab).len(),
        1,
        "undoing the accept shows the claim again"
    );
    tab.command(Command::Undo);
    assert_eq!(shown(&tab).len(), 2, "undoing the rejection shows it again");

    // A suggester switched off hides its suggestions, and says so in the setting.
    let mut off = tab.state.suggesters;
    off.claims = false;
    tab.send(Msg::Suggesters(off));
    tab.run();
    assert!(shown(&tab).is_empty());
    assert_eq!(tab.state.suggesters.to_stored(), "quotes speakers sources");
}

#[test]
fn a_verdict_is_signed_and_dated_in_the_same_undo_step() {
    let storage = MemoryStorage::default();
    let mut tab = Tab::open(&storage);
    tab.send(Msg::SetName("Ana Ruiz".to_owned()));
    tab.send(Msg::ArticlesRead(vec![Ok(article(
        "Bills",
        "Bills rose 6.5% in 2026.",
    ))]));
    tab.run();
    tab.tag("Claim", "Bills rose 6.5% in 2026.");
    let id = tab
        .state
        .session
        .selected
        .clone()
        .expect("the new claim is selected");
    tab.send(Msg::SetAttribute(
        id.clone(),
        "verdict".to_owned(),
        Some("Half true".to_owned()),
    ));
    tab.run();
    let attributes = |tab: &Tab| {
        tab.state
            .session
            .annotations
            .get(&id)
            .expect("the claim")
            .attributes
            .clone()
    };
    let signed = attributes(&tab);
    assert_eq!(signed.get("verdict").map(String::as_str), Some("Half true"));
    assert_eq!(
        signed.get("reviewed by").map(String::as_str),
        Some("Ana Ruiz")
    );
    let day = signed.get("reviewed on").expect("dated").clone();
    assert_eq!(day.len(), 10, "{day}");
    assert!(tab.env.now().0.starts_with(&day));
    tab.command(Command::Undo);
    assert!(
        attributes(&tab).is_empty(),
        "one undo takes the verdict and its signature"
    );
    // Taking the verdict away takes its signature too.
    tab.command(Command::Redo);
    tab.send(Msg::SetAttribute(id.clone(), "verdict".to_owned(), None));
    tab.run();
    assert!(attributes(&tab).is_empty(), "{:?}", attributes(&tab));
}
