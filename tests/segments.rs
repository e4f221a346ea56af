//! Highlights come from the model: each line split into segments at span boundaries.

mod common;

use annotator::model::segments::{blocks, Block};
use annotator::state::Session;
use common::{tag, HARD_TEXT};
use std::rc::Rc;

fn session_on(text: &str) -> Session {
    let mut document = annotator::model::sample::sample_document();
    document.text = annotator::model::text::ArticleText::new(text);
    Session::new(document, Default::default())
}

/// Each segment as (text, ids covering it).
fn rendered(session: &Session, blocks: &[Rc<Block>]) -> Vec<(String, Vec<String>)> {
    blocks
        .iter()
        .flat_map(|block| block.segments.iter())
        .map(|segment| {
            let text = session.document.text.slice(segment.range).unwrap_or("?");
            let ids = segment
                .covers
                .iter()
                .map(|c| c.id.as_str().to_owned())
                .collect();
            (text.to_owned(), ids)
        })
        .collect()
}

#[test]
fn segments_rebuild_the_text_exactly_with_emoji_arabic_and_crlf() {
    let mut session = session_on(HARD_TEXT);
    tag(&mut session, "q", "Quote", "Emissions fell 12% 🌍📉.");
    tag(&mut session, "s", "Source", "عمر الفاروق");
    tag(&mut session, "c", "Claim", "👩‍👩‍👧 said");
    let blocks = blocks(&session.document, &session.annotations);
    let joined: Vec<String> = blocks
        .iter()
        .map(|block| {
            block
                .segments
                .iter()
                .map(|s| session.document.text.slice(s.range).unwrap_or("?"))
                .collect::<String>()
        })
        .collect();
    assert_eq!(joined.join("\n"), session.document.text.as_str());
    let marked: Vec<_> = rendered(&session, &blocks)
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .collect();
    assert_eq!(
        marked,
        [
            ("Emissions fell 12% 🌍📉.".to_owned(), vec!["q".to_owned()]),
            ("عمر الفاروق".to_owned(), vec!["s".to_owned()]),
            ("👩‍👩‍👧 said".to_owned(), vec!["c".to_owned()]),
        ]
    );
}

#[test]
fn a_span_across_lines_is_split_per_line() {
    let mut session = session_on("First line ends\nsecond line starts");
    tag(&mut session, "x", "Claim", "ends\nsecond");
    let blocks = blocks(&session.document, &session.annotations);
    let marked: Vec<_> = rendered(&session, &blocks)
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(text, _)| text)
        .collect();
    assert_eq!(marked, ["ends", "second"]);
}

#[test]
fn nested_spans_cut_segments_with_the_outer_span_first() {
    let mut session = session_on("He said the rate fell to 4% in May.");
    tag(&mut session, "outer", "Claim", "the rate fell to 4% in May");
    tag(&mut session, "inner", "Quote", "4%");
    let blocks = blocks(&session.document, &session.annotations);
    let segments = rendered(&session, &blocks);
    assert_eq!(
        segments,
        [
            ("He said ".to_owned(), vec![]),
            ("the rate fell to ".to_owned(), vec!["outer".to_owned()]),
            (
                "4%".to_owned(),
                vec!["outer".to_owned(), "inner".to_owned()]
            ),
            (" in May".to_owned(), vec!["outer".to_owned()]),
            (".".to_owned(), vec![]),
        ]
    );
}

#[test]
fn a_paragraph_without_spans_is_one_plain_segment() {
    let session = session_on("Just text.\n\nMore text.");
    let blocks = blocks(&session.document, &session.annotations);
    assert_eq!(blocks.len(), 3);
    assert_eq!(blocks[0].segments.len(), 1);
    assert!(blocks[1].segments.is_empty());
    assert!(blocks[2].segments[0].covers.is_empty());
}

/// Checks what every rendering must hold: the blocks rebuild the text, each block's
/// segments tile its line, and each segment is covered by exactly the spans containing it,
/// in document order (outermost first).
fn assert_segments_are_exact(session: &Session, blocks: &[Rc<Block>]) {
    let text = &session.document.text;
    let lines: Vec<String> = blocks
        .iter()
        .map(|block| {
            let mut at = block.range.start;
            for segment in block.segments.iter() {
                assert_eq!(segment.range.start, at, "segments tile the line");
                assert!(!segment.range.is_empty(), "no empty segment");
                at = segment.range.end;
            }
            if !block.segments.is_empty() {
                assert_eq!(at, block.range.end, "segments reach the line end");
            }
            block
                .segments
                .iter()
                .map(|s| text.slice(s.range).unwrap_or("?"))
                .collect::<String>()
        })
        .collect();
    assert_eq!(lines.join("\n"), text.as_str(), "segments rebuild the text");
    for segment in blocks.iter().flat_map(|block| block.segments.iter()) {
        let containing: Vec<(&str, &str)> = session
            .annotations
            .spans()
            .iter()
            .filter(|span| {
                span.range.start <= segment.range.start && segment.range.end <= span.range.end
            })
            .map(|span| (span.id.as_str(), span.label.as_str()))
            .collect();
        let covers: Vec<(&str, &str)> = segment
            .covers
            .iter()
            .map(|cover| (cover.id.as_str(), cover.label.as_str()))
            .collect();
        assert_eq!(covers, containing, "covers of {:?}", segment.range);
        // Outer first: each cover starts no later than the next, and ends no earlier when they start together.
        let ranges: Vec<_> = segment
            .covers
            .iter()
            .map(|cover| session.annotations.get(&cover.id).expect("span").range)
            .collect();
        for pair in ranges.windows(2) {
            assert!(
                pair[0].start < pair[1].start
                    || (pair[0].start == pair[1].start && pair[0].end >= pair[1].end),
                "outer first: {pair:?}"
            );
        }
    }
}

/// Each segment as (text, labels covering it), without the uncovered ones.
fn labelled(session: &Session, blocks: &[Rc<Block>]) -> Vec<(String, Vec<String>)> {
    blocks
        .iter()
        .flat_map(|block| block.segments.iter())
        .filter(|segment| !segment.covers.is_empty())
        .map(|segment| {
            let text = session.document.text.slice(segment.range).unwrap_or("?");
            let labels = segment.covers.iter().map(|c| c.label.clone()).collect();
            (text.to_owned(), labels)
        })
        .collect()
}

fn pair(text: &str, labels: &[&str]) -> (String, Vec<String>) {
    (
        text.to_owned(),
        labels.iter().map(|label| (*label).to_owned()).collect(),
    )
}

#[test]
fn a_source_inside_a_quote_inside_a_claim_is_drawn_outer_first() {
    let mut session = session_on("Officials said “Haddad fixed the pipes” on Monday.");
    // Made innermost first, to show the order comes from the spans, not from the clicks.
    tag(&mut session, "source", "Source", "Haddad");
    tag(&mut session, "quote", "Quote", "“Haddad fixed the pipes”");
    tag(
        &mut session,
        "claim",
        "Claim",
        "said “Haddad fixed the pipes” on Monday",
    );
    let blocks = blocks(&session.document, &session.annotations);
    assert_segments_are_exact(&session, &blocks);
    assert_eq!(
        labelled(&session, &blocks),
        [
            pair("said ", &["Claim"]),
            pair("“", &["Claim", "Quote"]),
            pair("Haddad", &["Claim", "Quote", "Source"]),
            pair(" fixed the pipes”", &["Claim", "Quote"]),
            pair(" on Monday", &["Claim"]),
        ]
    );
}

#[test]
fn two_labels_on_the_same_words_cover_the_same_segment() {
    let mut session = session_on("The rate fell to 4% in May.");
    tag(&mut session, "q", "Quote", "fell to 4%");
    tag(&mut session, "c", "Claim", "fell to 4%");
    let blocks = blocks(&session.document, &session.annotations);
    assert_segments_are_exact(&session, &blocks);
    assert_eq!(
        labelled(&session, &blocks),
        [pair("fell to 4%", &["Claim", "Quote"])],
        "one segment, both labels, in label order"
    );
}

#[test]
fn partially_overlapping_spans_split_into_three_runs() {
    let mut session = session_on("Leaks fell by a third in two years, officials said.");
    tag(&mut session, "a", "Claim", "Leaks fell by a third");
    tag(&mut session, "b", "Quote", "by a third in two years");
    let blocks = blocks(&session.document, &session.annotations);
    assert_segments_are_exact(&session, &blocks);
    assert_eq!(
        labelled(&session, &blocks),
        [
            pair("Leaks fell ", &["Claim"]),
            pair("by a third", &["Claim", "Quote"]),
            pair(" in two years", &["Quote"]),
        ]
    );
}

#[test]
fn overlapping_and_nested_spans_across_lines_and_emoji_stay_exact() {
    let mut session = session_on(HARD_TEXT);
    tag(
        &mut session,
        "all",
        "Claim",
        "Emissions fell 12% 🌍📉.”\n\nعمر",
    );
    tag(&mut session, "emoji", "Source", "🌍📉");
    tag(&mut session, "fell", "Quote", "fell 12% 🌍");
    tag(&mut session, "arabic", "Quote", "عمر الفاروق قال");
    tag(&mut session, "family", "Claim", "👩‍👩‍👧 said — later");
    tag(
        &mut session,
        "later",
        "Source",
        "later — it was fine 👍🏽.\nEnd",
    );
    let blocks = blocks(&session.document, &session.annotations);
    assert_segments_are_exact(&session, &blocks);
    assert_eq!(
        labelled(&session, &blocks)
            .into_iter()
            .filter(|(_, labels)| labels.len() > 1)
            .collect::<Vec<_>>(),
        [
            pair("fell 12% ", &["Claim", "Quote"]),
            pair("🌍", &["Claim", "Quote", "Source"]),
            pair("📉", &["Claim", "Source"]),
            pair("عمر", &["Claim", "Quote"]),
            pair("later", &["Claim", "Source"]),
        ]
    );
}

/// Random spans (nested, overlapping, duplicated, across lines) over hard text.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use annotator::model::offsets::CharRange;
    use annotator::model::segments::update;
    use annotator::model::span::SpanId;
    use annotator::state::Action;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_segment_is_covered_by_exactly_the_spans_containing_it(
            spans in prop::collection::vec((0..120usize, 1..40usize, 0..3usize), 0..12),
        ) {
            let mut session = session_on(HARD_TEXT);
            let total = session.document.text.len_chars();
            for (serial, (start, len, label)) in spans.into_iter().enumerate() {
                let start = start % total;
                session.apply(Action::Tag {
                    id: SpanId::new(&format!("s{serial}")),
                    label: ["Claim", "Quote", "Source"][label].to_owned(),
                    range: CharRange::new(start, (start + len).min(total)),
                    exact: true,
                    now: common::at("2026-11-24T10:00:00.000Z"),
                });
            }
            let blocks = blocks(&session.document, &session.annotations);
            assert_segments_are_exact(&session, &blocks);
        }

        /// After any edit, the updated blocks equal the blocks drawn afresh, and the
        /// blocks the edit did not touch are the very same `Rc`s.
        #[test]
        fn an_update_redraws_only_the_blocks_an_edit_touches(
            spans in prop::collection::vec((0..120usize, 1..40usize, 0..3usize), 0..12),
            edits in prop::collection::vec((0..4usize, 0..120usize, 1..40usize, 0..3usize), 1..6),
        ) {
            let mut session = session_on(HARD_TEXT);
            let total = session.document.text.len_chars();
            let tag_at = |session: &mut Session, id: String, start: usize, len: usize, label: usize| {
                let start = start % total;
                session.apply(Action::Tag {
                    id: SpanId::new(&id),
                    label: ["Claim", "Quote", "Source"][label].to_owned(),
                    range: CharRange::new(start, (start + len).min(total)),
                    exact: true,
                    now: common::at("2026-11-24T10:00:00.000Z"),
                });
            };
            for (serial, (start, len, label)) in spans.into_iter().enumerate() {
                tag_at(&mut session, format!("s{serial}"), start, len, label);
            }
            let mut drawn = blocks(&session.document, &session.annotations);
            for (serial, (kind, start, len, label)) in edits.into_iter().enumerate() {
                let before = session.annotations.clone();
                let first = session.annotations.spans().first().map(|span| span.id.clone());
                match (kind, first) {
                    (0, Some(id)) => drop(session.apply(Action::Delete(id))),
                    (1, Some(id)) => drop(session.apply(Action::Relabel {
                        id,
                        label: ["Claim", "Quote", "Source"][label].to_owned(),
                        now: common::at("2026-11-24T10:00:01.000Z"),
                    })),
                    (2, _) => drop(session.apply(Action::Undo)),
                    _ => tag_at(&mut session, format!("e{serial}"), start, len, label),
                };
                let updated = update(&drawn, &before, &session.annotations);
                let fresh = blocks(&session.document, &session.annotations);
                prop_assert_eq!(&updated, &fresh);
                let changed = before.differences(&session.annotations);
                for (old, new) in drawn.iter().zip(&updated) {
                    let touched = changed.iter().any(|range| {
                        range.start < new.range.end && new.range.start < range.end
                    });
                    prop_assert!(touched || Rc::ptr_eq(old, new), "untouched block redrawn: {:?}", new.range);
                }
                drawn = updated;
            }
        }
    }
}
