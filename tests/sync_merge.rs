//! Merging this browser's work with the server's copy (offline-first sync): three-way by
//! span id, nothing either side accepted lost, true conflicts kept twice and reported.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::model::formats::native::{RelationRecord, SpanRecord};
use annotator_core::model::project::StoredWork;
use annotator_core::model::sync::merge;
use proptest::prelude::*;

fn span(id: &str, label: &str, start: usize, end: usize) -> SpanRecord {
    SpanRecord {
        id: id.to_owned(),
        label: label.to_owned(),
        start,
        end,
        text: format!("t{start}-{end}"),
        utf16_start: start,
        utf16_end: end,
        created: "2026-12-03T10:00:00Z".to_owned(),
        modified: "2026-12-03T10:00:00Z".to_owned(),
        note: String::new(),
        attributes: Default::default(),
        ranges: Vec::new(),
        evidence: Vec::new(),
        provenance: None,
    }
}

fn relation(id: &str, from: &str, to: &str) -> RelationRecord {
    RelationRecord {
        id: id.to_owned(),
        kind: "said_by".to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
    }
}

fn work(spans: Vec<SpanRecord>, relations: Vec<RelationRecord>) -> StoredWork {
    StoredWork {
        spans,
        relations,
        ..StoredWork::default()
    }
}

fn ids(work: &StoredWork) -> Vec<&str> {
    work.spans.iter().map(|span| span.id.as_str()).collect()
}

#[test]
fn additions_on_both_sides_are_both_kept() {
    let base = work(vec![span("s1", "Claim", 0, 5)], vec![]);
    let mut ours = base.clone();
    ours.spans.push(span("s2", "Quote", 10, 20));
    let mut theirs = base.clone();
    theirs.spans.push(span("s3", "Source", 30, 35));
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(ids(&merged.work), ["s1", "s2", "s3"]);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn a_change_on_one_side_is_taken_and_the_same_change_on_both_is_taken_once() {
    let base = work(
        vec![span("s1", "Claim", 0, 5), span("s2", "Quote", 10, 20)],
        vec![],
    );
    let mut ours = base.clone();
    ours.spans[0].note = "checked".to_owned();
    let mut theirs = base.clone();
    theirs.spans[1].label = "Claim".to_owned();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.work.spans[0].note, "checked");
    assert_eq!(merged.work.spans[1].label, "Claim");
    assert!(merged.conflicts.is_empty());
    // The same change, made at different times: agreed, not a conflict.
    let mut later = ours.clone();
    later.spans[0].modified = "2026-12-04T08:00:00Z".to_owned();
    let merged = merge(&base, &ours, &later);
    assert_eq!(ids(&merged.work), ["s1", "s2"]);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn a_span_changed_differently_on_both_sides_is_kept_twice_and_reported() {
    let base = work(
        vec![span("q1", "Quote", 0, 5), span("src", "Source", 10, 15)],
        vec![relation("r1", "q1", "src")],
    );
    let mut ours = base.clone();
    ours.spans[0].note = "ours".to_owned();
    let mut theirs = base.clone();
    theirs.spans[0].end = 7;
    theirs.spans[0].text = "t0-7".to_owned();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(ids(&merged.work), ["q1-theirs", "q1", "src"]);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].theirs.as_deref(), Some("q1-theirs"));
    assert!(merged.conflicts[0]
        .message
        .contains("both versions are kept"));
    // Each version keeps its link to the source.
    let links: Vec<(&str, &str)> = (merged.work.relations.iter())
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(links, [("q1", "src"), ("q1-theirs", "src")]);
}

#[test]
fn a_delete_is_taken_unless_the_other_side_changed_the_span() {
    let base = work(
        vec![
            span("s1", "Claim", 0, 5),
            span("s2", "Quote", 10, 20),
            span("src", "Source", 30, 35),
        ],
        vec![relation("r1", "s2", "src")],
    );
    let mut ours = base.clone();
    ours.spans.retain(|s| s.id != "s1" && s.id != "s2");
    ours.relations.clear();
    let mut theirs = base.clone();
    theirs.spans[1].note = "changed there".to_owned();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(ids(&merged.work), ["s2", "src"], "s1 deleted, s2 kept");
    assert_eq!(merged.conflicts.len(), 1);
    assert!(merged.conflicts[0]
        .message
        .contains("deleted here but changed elsewhere"));
    // The link went with s2 here; s2 is kept, and so is its link.
    assert_eq!(merged.work.relations.len(), 1);
    // The other way round: deleted there, changed here.
    let merged = merge(&base, &theirs, &ours);
    assert_eq!(ids(&merged.work), ["s2", "src"]);
    assert!(merged.conflicts[0]
        .message
        .contains("deleted elsewhere but changed here"));
}

#[test]
fn relations_added_on_either_side_are_kept_and_one_to_a_deleted_span_goes() {
    let base = work(
        vec![
            span("q1", "Quote", 0, 5),
            span("q2", "Quote", 6, 9),
            span("src", "Source", 10, 15),
        ],
        vec![],
    );
    let mut ours = base.clone();
    ours.relations.push(relation("r1", "q1", "src"));
    let mut theirs = base.clone();
    theirs.relations.push(relation("r2", "q2", "src"));
    let merged = merge(&base, &ours, &theirs);
    let kept: Vec<&str> = merged
        .work
        .relations
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(kept, ["r1", "r2"]);
    theirs.spans.retain(|s| s.id != "q1");
    let merged = merge(&base, &ours, &theirs);
    let kept: Vec<&str> = merged
        .work
        .relations
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        kept,
        ["r2"],
        "q1 was deleted there, unchanged here: its link goes too"
    );
}

/// A version grown from `base`: some spans changed, some deleted, some added (ids
/// `<side><n>`, so the two sides never make the same id).
fn grow(base: &StoredWork, side: &str, edits: &[(u8, usize)]) -> StoredWork {
    let mut work = base.clone();
    for (n, (kind, at)) in edits.iter().enumerate() {
        match kind % 3 {
            0 => work
                .spans
                .push(span(&format!("{side}{n}"), "Claim", *at, at + 3)),
            1 if !work.spans.is_empty() => {
                let i = at % work.spans.len();
                work.spans[i].note = format!("{side} edit {n}");
            }
            _ if !work.spans.is_empty() => {
                let i = at % work.spans.len();
                work.spans.remove(i);
            }
            _ => {}
        }
    }
    work
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every span added on either side is in the merge exactly once; a span neither side
    /// deleted is there; merging with an unchanged side gives the other side.
    #[test]
    fn nothing_either_side_added_or_kept_is_lost(
        base_spans in prop::collection::vec(0usize..100, 0..6),
        ours_edits in prop::collection::vec((0u8..3, 0usize..100), 0..8),
        theirs_edits in prop::collection::vec((0u8..3, 0usize..100), 0..8),
    ) {
        let base = work(
            base_spans.iter().enumerate().map(|(i, at)| span(&format!("b{i}"), "Quote", *at, at + 2)).collect(),
            vec![],
        );
        let ours = grow(&base, "o", &ours_edits);
        let theirs = grow(&base, "t", &theirs_edits);
        let merged = merge(&base, &ours, &theirs);
        let all = ids(&merged.work);
        for added in ours.spans.iter().chain(&theirs.spans).filter(|s| !s.id.starts_with('b')) {
            prop_assert_eq!(all.iter().filter(|id| **id == added.id).count(), 1);
        }
        for kept in base.spans.iter().filter(|s| ours.spans.iter().any(|o| o.id == s.id) && theirs.spans.iter().any(|t| t.id == s.id)) {
            prop_assert!(all.contains(&kept.id.as_str()));
        }
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        prop_assert_eq!(sorted.len(), all.len(), "no id twice");
        let alone = merge(&base, &ours, &base);
        prop_assert_eq!(ids(&alone.work).len(), ours.spans.len());
        prop_assert!(alone.conflicts.is_empty());
    }
}
