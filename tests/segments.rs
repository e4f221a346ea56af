//! Highlights come from the model: each line split into segments at span boundaries.

mod common;

use annotator::model::segments::{blocks, Block};
use annotator::state::Session;
use common::{tag, HARD_TEXT};

fn session_on(text: &str) -> Session {
    let mut document = annotator::model::sample::sample_document();
    document.text = annotator::model::text::ArticleText::new(text);
    Session::new(document, Default::default())
}

/// Each segment as (text, ids covering it).
fn rendered(session: &Session, blocks: &[Block]) -> Vec<(String, Vec<String>)> {
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
    let blocks = blocks(&session.document.text, &session.annotations);
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
    let blocks = blocks(&session.document.text, &session.annotations);
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
    let blocks = blocks(&session.document.text, &session.annotations);
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
    let blocks = blocks(&session.document.text, &session.annotations);
    assert_eq!(blocks.len(), 3);
    assert_eq!(blocks[0].segments.len(), 1);
    assert!(blocks[1].segments.is_empty());
    assert!(blocks[2].segments[0].covers.is_empty());
}
