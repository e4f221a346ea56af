//! Notes and attributes: stored as typed, carried by the native format, undone like any edit.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::native;
use annotator::model::span::SpanId;
use annotator::model::text::ArticleText;
use annotator::state::{Action, Change, Refusal, Session};
use common::{at, tag, HARD_TEXT};

fn id(value: &str) -> SpanId {
    SpanId::new(value)
}

fn note(session: &mut Session, span: &str, text: &str) -> Change {
    session.apply(Action::SetNote {
        id: id(span),
        note: text.to_owned(),
        now: at("2026-11-24T11:00:00.000Z"),
    })
}

fn set(session: &mut Session, span: &str, name: &str, value: Option<&str>) -> Change {
    session.apply(Action::SetAttribute {
        id: id(span),
        name: name.to_owned(),
        value: value.map(str::to_owned),
        now: at("2026-11-24T11:30:00.000Z"),
    })
}

/// The hard text with a claim, a quote and a source carrying notes and attributes.
fn annotated_hard_text() -> Session {
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "doc-hard".to_owned(),
        title: "Hard text".to_owned(),
        source: None,
        text: ArticleText::new(HARD_TEXT),
        annotator: None,
    };
    let mut session = Session::new(document, Default::default());
    tag(&mut session, "c", "Claim", "Emissions fell 12% 🌍📉.");
    tag(&mut session, "q", "Quote", "«لم يحدث ذلك»");
    tag(&mut session, "s", "Source", "عمر الفاروق");
    note(
        &mut session,
        "c",
        "Check the “12%” 🌍 against the ministry's table.\nSecond line, with a tab\there.",
    );
    note(&mut session, "q", "ملاحظة: قال ذلك مرتين");
    set(&mut session, "c", "check-worthy", Some("yes"));
    set(&mut session, "c", "claim type", Some("statistic"));
    set(&mut session, "s", "kind", Some("person"));
    session.apply(Action::Link {
        id: "r1".to_owned(),
        from: id("q"),
        to: id("s"),
    });
    session
}

#[test]
fn notes_and_attributes_survive_a_native_export_and_parse_round_trip() {
    let session = annotated_hard_text();
    let json = session.export_json();
    let imported = native::parse(&json).expect("parses");
    assert_eq!(imported.annotations, *session.annotations);
    let claim = imported.annotations.get(&id("c")).expect("claim");
    assert!(claim.note.starts_with("Check the “12%” 🌍"));
    assert!(claim.note.contains("\n"), "line breaks in notes are kept");
    assert_eq!(
        claim.attributes.get("claim type").map(String::as_str),
        Some("statistic")
    );
    assert_eq!(
        imported
            .annotations
            .get(&id("q"))
            .map(|span| span.note.as_str()),
        Some("ملاحظة: قال ذلك مرتين")
    );
    let again = native::to_json(&native::export(
        &imported.document,
        &imported.schema,
        &imported.annotations,
    ));
    assert_eq!(again, json, "byte for byte");
}

#[test]
fn the_export_carries_notes_as_text_and_attributes_with_sorted_keys() {
    let session = annotated_hard_text();
    let json = session.export_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let spans = value["spans"].as_array().expect("spans");
    let claim = spans.iter().find(|span| span["id"] == "c").expect("claim");
    assert_eq!(
        claim["attributes"],
        serde_json::json!({"check-worthy": "yes", "claim type": "statistic"})
    );
    assert!(
        json.find("\"check-worthy\"") < json.find("\"claim type\""),
        "attribute keys in sorted order"
    );
    let source = spans.iter().find(|span| span["id"] == "s").expect("source");
    assert_eq!(source["note"], "", "no note is an empty string");
    assert_eq!(source["attributes"], serde_json::json!({"kind": "person"}));
    let quote = spans.iter().find(|span| span["id"] == "q").expect("quote");
    assert_eq!(quote["attributes"], serde_json::json!({}));
}

#[test]
fn a_file_without_notes_or_attributes_reads_as_empty_ones() {
    let session = annotated_hard_text();
    let mut value: serde_json::Value = serde_json::from_str(&session.export_json()).expect("json");
    for span in value["spans"].as_array_mut().expect("spans") {
        let span = span.as_object_mut().expect("object");
        span.remove("note");
        span.remove("attributes");
    }
    let imported = native::parse(&value.to_string()).expect("older files still read");
    for span in imported.annotations.spans() {
        assert_eq!(span.note, "");
        assert!(span.attributes.is_empty());
    }
}

#[test]
fn restoring_saved_work_brings_back_notes_and_attributes() {
    let session = annotated_hard_text();
    let imported = native::parse(&session.export_json()).expect("parses");
    let mut restored = Session::sample();
    assert_eq!(restored.apply(Action::Restore(imported)), Change::Work);
    assert_eq!(*restored.annotations, *session.annotations);
    assert_eq!(restored.export_json(), session.export_json());
}

#[test]
fn a_note_is_stored_without_trailing_whitespace_and_the_same_note_is_no_edit() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    assert_eq!(
        note(&mut session, "a", "  Ask the auditor.  \n\n"),
        Change::Work
    );
    let span = session.annotations.get(&id("a")).expect("span");
    assert_eq!(
        span.note, "  Ask the auditor.",
        "leading indentation is the user's"
    );
    assert_eq!(span.modified, at("2026-11-24T11:00:00.000Z"));
    assert_eq!(
        note(&mut session, "a", "  Ask the auditor.\t"),
        Change::None,
        "the same note after trimming"
    );
    assert_eq!(note(&mut session, "a", ""), Change::Work);
    assert_eq!(
        session.annotations.get(&id("a")).map(|s| s.note.as_str()),
        Some("")
    );
    assert_eq!(
        note(&mut session, "ghost", "hello"),
        Change::Refused(Refusal::SpanGone)
    );
}

#[test]
fn setting_an_attribute_twice_to_the_same_value_is_one_edit_and_clearing_removes_it() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    assert_eq!(
        set(&mut session, "a", "check-worthy", Some("no")),
        Change::Work
    );
    assert_eq!(
        set(&mut session, "a", "check-worthy", Some("no")),
        Change::None
    );
    assert_eq!(
        set(&mut session, "a", "check-worthy", Some("unsure")),
        Change::Work
    );
    assert_eq!(set(&mut session, "a", "check-worthy", None), Change::Work);
    assert_eq!(set(&mut session, "a", "check-worthy", None), Change::None);
    let span = session.annotations.get(&id("a")).expect("span");
    assert!(span.attributes.is_empty());
    let value: serde_json::Value = serde_json::from_str(&session.export_json()).expect("json");
    assert_eq!(value["spans"][0]["attributes"], serde_json::json!({}));
    // Undo walks back through unsure and no.
    session.apply(Action::Undo);
    let value_of = |session: &Session| {
        session
            .annotations
            .get(&id("a"))
            .and_then(|span| span.attributes.get("check-worthy").cloned())
    };
    assert_eq!(value_of(&session).as_deref(), Some("unsure"));
    session.apply(Action::Undo);
    assert_eq!(value_of(&session).as_deref(), Some("no"));
}

#[test]
fn relabelling_keeps_the_note_and_only_the_attributes_the_new_label_defines() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "Chloé Lefèvre");
    note(&mut session, "a", "Actually the spokesperson.");
    set(&mut session, "a", "check-worthy", Some("no"));
    set(&mut session, "a", "kind", Some("person"));
    let change = session.apply(Action::Relabel {
        id: id("a"),
        label: "Source".to_owned(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    let span = session.annotations.get(&id("a")).expect("span");
    assert_eq!(span.note, "Actually the spokesperson.");
    assert_eq!(
        span.attributes
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["kind"],
        "Source defines kind, not check-worthy"
    );
    session.apply(Action::Undo);
    let span = session.annotations.get(&id("a")).expect("span");
    assert_eq!(
        span.attributes.len(),
        2,
        "undo brings the dropped attribute back"
    );
}

#[test]
fn resizing_a_span_keeps_its_note_and_attributes() {
    let mut session = annotated_hard_text();
    let before = session.annotations.get(&id("c")).expect("claim").clone();
    let change = session.apply(Action::Nudge {
        id: id("c"),
        edge: annotator::model::words::Edge::Start,
        step: annotator::model::words::Step::Word,
        direction: annotator::model::words::Direction::Forward,
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    let after = session.annotations.get(&id("c")).expect("claim");
    assert_eq!(after.text, "fell 12% 🌍📉.");
    assert_eq!(
        (&after.note, &after.attributes),
        (&before.note, &before.attributes)
    );
}
