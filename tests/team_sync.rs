//! A team project's copy in the browser's storage (the in-memory storage keeps the same
//! records and rules as IndexedDB): each article's mark and base are stored with it, the
//! server's copy is taken in whole when the browser has no change of its own and merged
//! when it has, and the session takes a copy in as one undoable edit.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::model::annotations::Annotations;
use annotator_core::model::document::Document;
use annotator_core::model::formats::native::SpanRecord;
use annotator_core::model::project::{Project, Status, StoredWork};
use annotator_core::model::schema::Schema;
use annotator_core::model::text::ArticleText;
use annotator_core::storage::{AddTo, ArticleWrite, MemoryStorage, NewArticle, Storage};
use annotator_core::team::{self, RemoteWork, SyncMark, TeamLink};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the in-memory storage never waits"),
    }
}

const TEXT: &str = "Ministers said «the plan works», according to the report.";

fn span(id: &str, label: &str, start: usize, end: usize) -> SpanRecord {
    let text: String = TEXT.chars().skip(start).take(end - start).collect();
    let utf16 = |at: usize| TEXT.chars().take(at).map(char::len_utf16).sum();
    SpanRecord {
        id: id.to_owned(),
        label: label.to_owned(),
        start,
        end,
        text,
        utf16_start: utf16(start),
        utf16_end: utf16(end),
        created: "2026-12-03T10:00:00Z".to_owned(),
        modified: "2026-12-03T10:00:00Z".to_owned(),
        note: String::new(),
        attributes: Default::default(),
        ranges: Vec::new(),
        evidence: Vec::new(),
        provenance: None,
    }
}

fn work(spans: Vec<SpanRecord>) -> StoredWork {
    StoredWork {
        spans,
        ..StoredWork::default()
    }
}

fn ids(work: &StoredWork) -> Vec<&str> {
    work.spans.iter().map(|span| span.id.as_str()).collect()
}

/// A new article of a team project's copy (its text `TEXT`, no spans), marked.
fn marked_article(mark: SyncMark) -> NewArticle {
    let document = Document {
        id: "doc-1".into(),
        title: "Plan".into(),
        source: None,
        text: ArticleText::new(TEXT),
        extra: Default::default(),
        layout: Default::default(),
        annotator: None,
    };
    NewArticle {
        document,
        annotations: Annotations::default(),
        curation: None,
        sync: Some(mark),
    }
}

/// A team project's copy with one article (server article 7, at server version 3, whose
/// work is one Claim): its key.
fn team_copy(storage: &MemoryStorage) -> String {
    let mut project = Project::new(
        "p1".into(),
        "Team".into(),
        "2026-12-03".into(),
        &Schema::default(),
    );
    project.team = Some(TeamLink {
        project: 1,
        user: 2,
        username: "ana".into(),
        gold: false,
    });
    let article = marked_article(SyncMark {
        article: 7,
        done: false,
        version: 3,
        pushed: 99,
        unsent: false,
    });
    let (_, entries) = block_on(storage.add(&AddTo::New(project), &[], &[article])).unwrap();
    entries[0].key.clone()
}

/// Saves `work` as the article's next version, as the app's save does.
fn save_locally(storage: &MemoryStorage, key: &str, work: &StoredWork) {
    let stored = block_on(storage.article(key)).unwrap();
    let mut entry = stored.entry;
    let expected = entry.version;
    entry.version += 1;
    let write = ArticleWrite {
        entry,
        work: Some(serde_json::to_vec(work).unwrap()),
        history: Some(b"[]".to_vec()),
        expected: Some(expected),
    };
    block_on(storage.save(&write)).unwrap();
}

fn stored_work(storage: &MemoryStorage, key: &str) -> StoredWork {
    block_on(storage.article(key)).unwrap().work().unwrap()
}

#[test]
fn a_downloaded_article_is_listed_with_its_mark_and_nothing_waiting() {
    let storage = MemoryStorage::default();
    let key = team_copy(&storage);
    let listing = block_on(storage.listing("p1")).unwrap();
    let mark = listing.marks[&key];
    assert_eq!((mark.article, mark.version), (7, 3));
    // `pushed` is the new entry's version: nothing waits.
    assert_eq!(mark.pushed, listing.entries[0].version);
    assert!(!mark.waiting(listing.entries[0].version));
    assert_eq!(
        block_on(storage.base(&key)).unwrap(),
        stored_work(&storage, &key)
    );
}

#[test]
fn the_servers_copy_replaces_an_unchanged_article_and_its_history_goes() {
    let storage = MemoryStorage::default();
    let key = team_copy(&storage);
    let remote = RemoteWork {
        article: 7,
        version: 5,
        work: work(vec![span("s1", "Claim", 0, 9)]),
        done: true,
    };
    let taken = block_on(storage.take_remote(&key, &remote))
        .unwrap()
        .expect("taken");
    assert!(taken.conflicts.is_empty());
    let stored = block_on(storage.article(&key)).unwrap();
    assert_eq!(stored.work().unwrap(), remote.work);
    assert_eq!(
        stored.history, None,
        "the old undo steps no longer lead to this work"
    );
    assert_eq!(stored.entry.status, Status::Done);
    assert_eq!(stored.entry.counts["Claim"], 1);
    // Nothing waits: the work is the server's.
    assert_eq!(taken.mark.version, 5);
    assert!(!taken.mark.waiting(stored.entry.version));
    assert_eq!(block_on(storage.base(&key)).unwrap(), remote.work);
    // The same copy again (a pull from an older cursor) changes nothing.
    assert_eq!(block_on(storage.take_remote(&key, &remote)).unwrap(), None);
}

#[test]
fn a_changed_article_is_merged_with_the_servers_copy_and_still_waits() {
    let storage = MemoryStorage::default();
    let key = team_copy(&storage);
    // Offline here: a Quote added and saved.
    let mine = work(vec![span("q1", "Quote", 15, 29)]);
    save_locally(&storage, &key, &mine);
    // Meanwhile another browser sent a Source.
    let remote = RemoteWork {
        article: 7,
        version: 4,
        work: work(vec![span("s9", "Source", 49, 55)]),
        done: false,
    };
    let taken = block_on(storage.take_remote(&key, &remote))
        .unwrap()
        .expect("merged");
    let stored = block_on(storage.article(&key)).unwrap();
    assert_eq!(
        ids(&stored.work().unwrap()),
        ["q1", "s9"],
        "both sides kept"
    );
    assert!(taken.conflicts.is_empty());
    // Still to send, now based on the server's version 4.
    assert_eq!(taken.mark.version, 4);
    assert!(taken.mark.waiting(stored.entry.version));
    assert_eq!(block_on(storage.base(&key)).unwrap(), remote.work);
}

#[test]
fn the_same_span_changed_on_both_sides_keeps_both_versions_and_says_so() {
    let storage = MemoryStorage::default();
    let key = team_copy(&storage);
    let base = work(vec![span("c1", "Claim", 0, 9)]);
    let remote = RemoteWork {
        article: 7,
        version: 4,
        work: base.clone(),
        done: false,
    };
    block_on(storage.take_remote(&key, &remote)).unwrap();
    save_locally(&storage, &key, &work(vec![span("c1", "Claim", 0, 14)]));
    let theirs = RemoteWork {
        article: 7,
        version: 6,
        work: work(vec![span("c1", "Quote", 0, 9)]),
        done: false,
    };
    let taken = block_on(storage.take_remote(&key, &theirs))
        .unwrap()
        .expect("merged");
    assert_eq!(taken.conflicts.len(), 1);
    let kept = stored_work(&storage, &key);
    assert_eq!(kept.spans.len(), 2, "both versions of c1 are kept");
    assert!(kept
        .spans
        .iter()
        .any(|span| span.label == "Claim" && span.end == 14));
    assert!(kept.spans.iter().any(|span| span.label == "Quote"));
}

#[test]
fn a_mark_and_base_stored_after_a_push_are_read_back() {
    let storage = MemoryStorage::default();
    let key = team_copy(&storage);
    let pushed = work(vec![span("s1", "Claim", 0, 9)]);
    let mark = SyncMark {
        article: 7,
        done: true,
        version: 8,
        pushed: 12,
        unsent: false,
    };
    block_on(storage.synced(&key, &mark, &pushed)).unwrap();
    assert_eq!(block_on(storage.listing("p1")).unwrap().marks[&key], mark);
    assert_eq!(block_on(storage.base(&key)).unwrap(), pushed);
    // Deleting the project deletes its team records too.
    block_on(storage.delete_project("p1")).unwrap();
    assert!(block_on(storage.listing("p1")).unwrap().marks.is_empty());
}

#[test]
fn reconcile_takes_merges_or_leaves() {
    let mark = SyncMark {
        article: 1,
        done: false,
        version: 2,
        pushed: 5,
        unsent: false,
    };
    let base = work(vec![]);
    let local = work(vec![span("a", "Claim", 0, 9)]);
    let remote = |version| RemoteWork {
        article: 1,
        version,
        work: work(vec![span("b", "Source", 49, 55)]),
        done: false,
    };
    assert_eq!(
        team::reconcile(&mark, true, &base, &local, &remote(2)),
        team::Reconciled::Unchanged
    );
    assert_eq!(
        team::reconcile(&mark, false, &base, &local, &remote(3)),
        team::Reconciled::Take(remote(3).work)
    );
    match team::reconcile(&mark, true, &base, &local, &remote(3)) {
        team::Reconciled::Merged { work, conflicts } => {
            assert_eq!(ids(&work), ["a", "b"]);
            assert!(conflicts.is_empty());
        }
        other => panic!("expected a merge, got {other:?}"),
    }
}

#[test]
fn a_gold_article_made_here_waits_until_sent_even_as_its_own_base() {
    let fresh = team::GoldArticle {
        id: 7,
        doc_id: "doc-1".into(),
        version: 0,
        work: None,
    };
    let mark = fresh.mark();
    assert!(mark.unsent && mark.waiting(0), "{mark:?}");
    // Stored with its article, the mark keeps that it was never sent.
    let storage = MemoryStorage::default();
    let project = Project::new(
        "g1".into(),
        "Gold".into(),
        "2026-12-04".into(),
        &Schema::default(),
    );
    let article = marked_article(mark);
    let (_, entries) = block_on(storage.add(&AddTo::New(project), &[], &[article])).unwrap();
    let listed = block_on(storage.listing("g1")).unwrap().marks[&entries[0].key];
    assert!(
        listed.unsent && listed.waiting(entries[0].version),
        "{listed:?}"
    );
    // Taken from the server whole, it is sent no more; merged, it still is.
    assert!(!team::mark_after(&listed, 1, entries[0].version, false).waiting(entries[0].version));
    assert!(team::mark_after(&listed, 1, entries[0].version, true).unsent);
    // A gold the server has already: the copy starts on it, with nothing to send.
    let stored = team::GoldArticle {
        version: 4,
        work: Some(work(vec![span("g", "Claim", 0, 9)])),
        ..fresh
    };
    let mark = stored.mark();
    assert!(!mark.waiting(0) && mark.version == 4, "{mark:?}");
}

#[test]
fn a_box_of_the_matrix_turns_one_assignment_on_or_off() {
    let person = |id: i64, name: &str| team::AnnotatorProgress {
        id,
        username: name.into(),
        assigned: 0,
        started: 0,
        done: 0,
        spans: 0,
    };
    let article = |id: i64, assigned: &[&str]| team::ArticleProgress {
        id,
        title: format!("Article {id}"),
        assigned: assigned.iter().map(|name| name.to_string()).collect(),
        done: Vec::new(),
        gold: false,
        status: "not started".into(),
    };
    let mut dashboard = team::Dashboard {
        overlap: 2,
        annotators: vec![person(1, "ana"), person(2, "ben")],
        articles: vec![article(10, &["ana", "ben"]), article(11, &["ben"])],
        agreement_view: None,
    };
    // Off: ben leaves article 10; on: ana gets article 11. Every other pair stays.
    let off = dashboard.toggled(10, 2);
    assert_eq!(off, vec![(10, 1), (11, 2)]);
    let on = dashboard.toggled(11, 1);
    assert_eq!(on, vec![(10, 1), (10, 2), (11, 2), (11, 1)]);
    dashboard.assign(&off);
    assert_eq!(dashboard.articles[0].assigned, vec!["ana".to_owned()]);
    assert_eq!(dashboard.articles[1].assigned, vec!["ben".to_owned()]);
}
