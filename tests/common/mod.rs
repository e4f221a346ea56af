//! Texts and helpers shared by the native tests.
#![allow(dead_code)]

use annotator::model::offsets::CharRange;
use annotator::model::span::{SpanId, Timestamp};
use annotator::state::{Action, Session};

/// Emoji (astral, with ZWJ and skin tone), Arabic, combining marks and CRLF line endings.
pub const HARD_TEXT: &str = "Minister Zoe\u{0301} Ferna\u{0301}ndez: “Emissions fell 12% 🌍📉.”\r\n\r\nعمر الفاروق قال: «لم يحدث ذلك».\r\nFamily 👩‍👩‍👧 said — later — it was fine 👍🏽.\rEnd.";

/// The code-point range of the first occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

pub fn at(time: &str) -> Timestamp {
    Timestamp(time.to_owned())
}

/// Tags exactly `needle` in the session's text with `label`, as the UI does with word
/// snapping off.
pub fn tag(session: &mut Session, id: &str, label: &str, needle: &str) {
    let range = find(session.document.text.as_str(), needle);
    session.apply(Action::Tag {
        id: SpanId::new(id),
        label: label.to_owned(),
        range,
        exact: true,
        now: at("2026-11-24T10:00:00.000Z"),
    });
}

/// An article of `HARD_TEXT` with overlapping and nested spans of every label, links of
/// both kinds, notes (one with a line break and quotes) and attributes: the work every
/// format adapter is tested on.
pub fn rich_session() -> Session {
    use annotator::model::document::Document;
    use annotator::model::text::ArticleText;
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        annotator: None,
        id: "doc-hard".to_owned(),
        title: "Hard text".to_owned(),
        source: Some("https://example.org/hard".to_owned()),
        text: ArticleText::new(HARD_TEXT),
    };
    let mut session = Session::new(document, Default::default());
    tag(&mut session, "q1", "Quote", "Emissions fell 12% 🌍📉.");
    tag(
        &mut session,
        "s1",
        "Source",
        "Minister Zoe\u{0301} Ferna\u{0301}ndez",
    );
    tag(&mut session, "s2", "Source", "عمر الفاروق");
    tag(&mut session, "q2", "Quote", "«لم يحدث ذلك»");
    tag(
        &mut session,
        "c1",
        "Claim",
        "👩‍👩‍👧 said — later — it was fine 👍🏽",
    );
    tag(&mut session, "c2", "Claim", "fell 12%");
    // A claim across a line break (CRLF in the source text, "\n" once stored).
    tag(&mut session, "c3", "Claim", "🌍📉.”\n\nعمر");
    let now = at("2026-11-24T10:05:00.000Z");
    for (relation, from, to) in [("r1", "q1", "s1"), ("r2", "q2", "s2"), ("r3", "c2", "s1")] {
        session.apply(Action::Link {
            id: relation.to_owned(),
            from: SpanId::new(from),
            to: SpanId::new(to),
        });
    }
    session.apply(Action::SetNote {
        id: SpanId::new("q1"),
        note: "Check the \"12%\" figure,\nagainst the ministry's report".to_owned(),
        now: now.clone(),
    });
    for (id, name, value) in [
        ("c2", "check-worthy", "yes"),
        ("c2", "claim type", "statistic"),
        ("s1", "kind", "person"),
    ] {
        session.apply(Action::SetAttribute {
            id: SpanId::new(id),
            name: name.to_owned(),
            value: Some(value.to_owned()),
            now: now.clone(),
        });
    }
    session
}

/// Compares `actual` with a committed file; `UPDATE_FIXTURES=1` rewrites the file instead.
pub fn assert_matches_file(actual: &[u8], relative: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("fixture folder");
        }
        std::fs::write(&path, actual).expect("writable fixture");
    }
    let expected = std::fs::read(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{relative} is out of date; run `UPDATE_FIXTURES=1 cargo test` and review the diff"
    );
}

/// A span as the formats' round-trip tests compare it: label, code-point start and end,
/// quote, note and attributes.
pub type SpanView = (
    String,
    usize,
    usize,
    String,
    String,
    std::collections::BTreeMap<String, String>,
);

/// The session's spans, in document order, as `SpanView`s.
pub fn session_spans(session: &Session) -> Vec<SpanView> {
    session
        .annotations
        .spans()
        .iter()
        .map(|span| {
            (
                span.label.clone(),
                span.range.start.0,
                span.range.end.0,
                span.text.clone(),
                span.note.clone(),
                span.attributes.clone(),
            )
        })
        .collect()
}

/// A draft's spans, in file order, as `SpanView`s (missing offsets or quote read as
/// impossible values, so they cannot compare equal).
pub fn draft_spans(draft: &annotator::model::formats::draft::Draft) -> Vec<SpanView> {
    draft
        .spans
        .iter()
        .map(|span| {
            (
                span.label.clone(),
                span.start.unwrap_or(usize::MAX),
                span.end.unwrap_or(usize::MAX),
                span.quote
                    .clone()
                    .unwrap_or_else(|| "<no quote>".to_owned()),
                span.note.clone(),
                span.attributes.clone(),
            )
        })
        .collect()
}

/// `schema` without the label `name`, with `links` as its link rules.
pub fn without_label(
    schema: &annotator::model::schema::Schema,
    name: &str,
    links: Vec<annotator::model::schema::LinkRule>,
) -> annotator::model::schema::Schema {
    let labels = schema.labels().iter().filter(|label| label.name != name);
    annotator::model::schema::Schema::new(labels.cloned().collect(), links)
}
