//! The span set: found by id through its range index, whatever the edits.

use annotator::model::annotations::{id_order, Annotations};
use annotator::model::offsets::CharRange;
use annotator::model::span::{Span, SpanId, Timestamp};

fn span(id: &str, label: &str, start: usize, end: usize) -> Span {
    Span {
        id: SpanId::new(id),
        label: label.to_owned(),
        range: CharRange::new(start, end),
        text: "x".repeat(end - start),
        created: Timestamp("t".to_owned()),
        modified: Timestamp("t".to_owned()),
        note: String::new(),
        attributes: Default::default(),
        pieces: Vec::new(),
        evidence: Vec::new(),
    }
}

#[test]
fn spans_on_the_same_words_are_each_found_by_id_after_moves_and_removals() {
    let mut annotations = Annotations::default();
    for (id, label) in [
        ("a", "Claim"),
        ("b", "Quote"),
        ("c", "Claim"),
        ("d", "Source"),
    ] {
        assert!(annotations.insert(span(id, label, 5, 9)));
    }
    assert!(
        !annotations.insert(span("b", "Claim", 0, 2)),
        "an id is never taken twice"
    );
    for id in ["a", "b", "c", "d"] {
        assert_eq!(
            annotations.get(&SpanId::new(id)).map(|s| s.id.as_str()),
            Some(id)
        );
    }
    assert!(annotations.update(&SpanId::new("c"), |span| {
        span.range = CharRange::new(1, 3);
        span.text = "xx".to_owned();
    }));
    assert_eq!(
        annotations.get(&SpanId::new("c")).unwrap().range,
        CharRange::new(1, 3)
    );
    assert_eq!(
        annotations.remove(&SpanId::new("b")).unwrap().label,
        "Quote"
    );
    assert!(annotations.get(&SpanId::new("b")).is_none());
    assert!(annotations.get(&SpanId::new("a")).is_some());
    assert!(
        annotations.insert(span("b", "Quote", 5, 9)),
        "a removed id can come back (undo)"
    );
    let mut twin = Annotations::default();
    for (id, label, start, end) in [
        ("c", "Claim", 1, 3),
        ("d", "Source", 5, 9),
        ("b", "Quote", 5, 9),
        ("a", "Claim", 5, 9),
    ] {
        twin.insert(span(id, label, start, end));
    }
    assert_eq!(annotations, twin, "equal whatever order the edits came in");
}

#[test]
fn the_span_with_a_range_and_label_is_found_among_its_neighbours() {
    let mut annotations = Annotations::default();
    for (id, label, start, end) in [
        ("a", "Claim", 0, 9),
        ("b", "Quote", 2, 5),
        ("c", "Claim", 2, 5),
        ("d", "Source", 2, 5),
        ("e", "Claim", 2, 4),
        ("f", "Quote", 3, 5),
    ] {
        assert!(annotations.insert(span(id, label, start, end)));
    }
    let found = |label, start, end| {
        (annotations.find_exact(&span("x", label, start, end))).map(|span| span.id.as_str())
    };
    assert_eq!(found("Claim", 2, 5), Some("c"));
    assert_eq!(found("Source", 2, 5), Some("d"));
    assert_eq!(found("Quote", 3, 5), Some("f"));
    assert_eq!(found("Claim", 0, 9), Some("a"));
    assert_eq!(found("Quote", 2, 4), None);
    assert_eq!(found("Claim", 3, 5), None);
    assert_eq!(found("Claim", 9, 10), None);
}

#[test]
fn ids_order_their_numbers_by_value() {
    let mut ids = vec![
        "10", "r10", "2", "r2", "1", "r1", "b", "a7", "a07", "a10x", "a10",
    ];
    ids.sort_by(|a, b| id_order(a, b));
    assert_eq!(
        ids,
        ["1", "2", "10", "a07", "a7", "a10", "a10x", "b", "r1", "r2", "r10"]
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_span_is_found_by_id_as_a_walk_would_find_it(
            ops in proptest::collection::vec((0..3u8, 0..12usize, 0..6usize, 1..4usize, 0..2usize), 1..80)
        ) {
            let mut annotations = Annotations::default();
            let labels = ["Claim", "Quote"];
            for (op, id, start, length, label) in ops {
                let id = format!("s{id}");
                match op {
                    0 => drop(annotations.insert(span(&id, labels[label], start, start + length))),
                    1 => drop(annotations.remove(&SpanId::new(&id))),
                    _ => drop(annotations.update(&SpanId::new(&id), |span| {
                        span.range = CharRange::new(start, start + length);
                    })),
                }
                for n in 0..12 {
                    let id = SpanId::new(&format!("s{n}"));
                    let walked = annotations.spans().iter().find(|span| span.id == id).map(|span| &**span);
                    prop_assert_eq!(annotations.get(&id), walked);
                }
            }
        }
    }
}
