//! Projects: stored articles read back exactly, renames follow into stored articles,
//! progress and the next unfinished article.

mod common;

use annotator::model::formats::native;
use annotator::model::project::{
    self, key_of, next_unfinished, progress, Entry, Project, Status, StoredWork, WorkWriter,
};
use annotator::state::Action;
use common::{at, rich_session, without_label};

fn stored(session: &annotator::state::Session) -> (Project, Entry, String, StoredWork) {
    let mut project = Project::new(
        "p1".to_owned(),
        "Dataset".to_owned(),
        "2026-11-24T10:00:00.000Z".to_owned(),
        &session.schema,
    );
    let position = project.take_position();
    let mut entry = Entry::new("p1", position, &session.document);
    entry.count(&project, &session.annotations);
    let text = session.document.text.as_str().to_owned();
    // Through JSON, as the browser stores them.
    let work = WorkWriter::new(&session.document.text, &session.annotations).finish();
    let work = serde_json::from_slice(&work).unwrap();
    let entry = serde_json::from_str(&serde_json::to_string(&entry).unwrap()).unwrap();
    (project, entry, text, work)
}

#[test]
fn a_stored_article_reads_back_as_it_was() {
    let mut session = rich_session();
    session.document = std::rc::Rc::new(annotator::model::document::Document {
        layout: Default::default(),
        extra: [("topic".to_owned(), serde_json::json!({"a": [1, "ب"]}))].into(),
        ..(*session.document).clone()
    });
    let (project, entry, text, work) = stored(&session);
    assert_eq!(entry.key, key_of("p1", 0));
    assert_eq!(entry.status, Status::InProgress);
    assert_eq!(entry.spans(), session.annotations.len());
    let restored = project::restore(&project, &entry, &text, work.clone()).expect("valid");
    assert_eq!(restored.document, *session.document);
    assert_eq!(restored.annotations, *session.annotations);
    assert_eq!(restored.schema, *session.schema);
    // The project's export is the article's native export, byte for byte.
    assert_eq!(
        native::to_json(&project::export(&project, &entry, &text, work)),
        session.export_json()
    );
}

#[test]
fn the_work_written_a_few_spans_at_a_time_is_the_whole_record() {
    let session = rich_session();
    let (text, annotations) = (&session.document.text, &session.annotations);
    let whole = serde_json::to_vec(&StoredWork::of(text, annotations)).unwrap();
    for run in [1, 2, 1000] {
        let mut writer = WorkWriter::new(text, annotations);
        let mut calls = 1;
        while !writer.write(run) {
            calls += 1;
        }
        assert_eq!(
            calls,
            annotations.len().div_ceil(run).max(1),
            "runs of {run}"
        );
        assert_eq!(writer.finish(), whole, "runs of {run}");
    }
    let empty = annotator::model::annotations::Annotations::default();
    assert_eq!(
        WorkWriter::new(text, &empty).finish(),
        serde_json::to_vec(&StoredWork::of(text, &empty)).unwrap()
    );
}

#[test]
fn renames_reach_articles_stored_under_the_old_names() {
    let mut session = rich_session();
    let (mut project, entry, text, work) = stored(&session);
    // Quote → Citation, then Source → Quote: stored "Quote" spans are now Citations and
    // stored "Source" spans are Quotes.
    for (old, new) in [("Quote", "Citation"), ("Source", "Quote")] {
        let schema = session.schema.with_label_renamed(old, new);
        session.apply(Action::SetSchema {
            schema,
            renames: vec![(old.to_owned(), new.to_owned())],
            now: at("2026-11-24T11:00:00.000Z"),
        });
    }
    project.set_schema(&session.schema, &session.renamed);
    let restored = project::restore(&project, &entry, &text, work.clone()).expect("valid");
    assert_eq!(
        restored.annotations.spans(),
        session
            .annotations
            .spans()
            .iter()
            .map(|span| {
                let mut span = annotator::model::span::Span::clone(span);
                span.modified = restored.annotations.get(&span.id).unwrap().modified.clone();
                std::rc::Rc::new(span)
            })
            .collect::<Vec<_>>()
            .as_slice()
    );
    // Undo both: the aliases lead back.
    session.apply(Action::Undo);
    session.apply(Action::Undo);
    project.set_schema(&session.schema, &session.renamed[2..]);
    let restored = project::restore(&project, &entry, &text, work).expect("valid");
    assert_eq!(restored.annotations, *session.annotations);
    assert_eq!(project.label_now("Quote", 0), "Quote");
    // Stored between the renames ("Citation" existed) and after both ("Quote" meant the
    // old Source): both read as the labels are named again.
    assert_eq!(project.label_now("Citation", 1), "Quote");
    assert_eq!(project.label_now("Quote", 2), "Source");
}

#[test]
fn a_label_gone_from_the_schema_comes_back_rather_than_losing_spans() {
    let session = rich_session();
    let (mut project, entry, text, work) = stored(&session);
    let without_claims = without_label(&session.schema, "Claim", Vec::new());
    project.set_schema(&without_claims, &[]);
    let restored = project::restore(&project, &entry, &text, work).expect("valid");
    assert_eq!(restored.annotations.len(), session.annotations.len());
    assert!(restored.schema.get("Claim").is_some());
}

#[test]
fn progress_and_the_next_unfinished_article() {
    let session = rich_session();
    let entries: Vec<Entry> = [
        Status::Done,
        Status::NotStarted,
        Status::Done,
        Status::InProgress,
    ]
    .into_iter()
    .enumerate()
    .map(|(at, status)| Entry {
        status,
        ..Entry::new("p", at as u32, &session.document)
    })
    .collect();
    let counted = progress(&entries);
    assert_eq!(
        (counted.articles, counted.done, counted.in_progress),
        (4, 2, 1)
    );
    assert_eq!(next_unfinished(&entries, 1), Some(3));
    assert_eq!(next_unfinished(&entries, 3), Some(1));
    let all_done: Vec<Entry> = entries
        .into_iter()
        .map(|entry| Entry {
            status: Status::Done,
            ..entry
        })
        .collect();
    assert_eq!(next_unfinished(&all_done, 0), None);
}

#[test]
fn keys_sort_by_position_within_their_project() {
    let (low, high) = project::key_range("p1");
    let keys = [key_of("p1", 2), key_of("p1", 10), key_of("p1", 100_000)];
    assert!(keys.windows(2).all(|pair| pair[0] < pair[1]));
    assert!(keys.iter().all(|key| *key >= low && *key <= high));
    assert!(key_of("p10", 0) > high || key_of("p10", 0) < low);
}
