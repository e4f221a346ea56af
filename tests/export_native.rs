//! The native export, version 1: exact offsets, stable bytes, a schema that matches.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::native::{self, ParseError};
use annotator::model::text::ArticleText;
use annotator::state::Session;
use common::{tag, HARD_TEXT};
use std::path::Path;

fn hard_session() -> Session {
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "doc-hard".to_owned(),
        title: "Hard text".to_owned(),
        source: Some("https://example.org/hard".to_owned()),
        text: ArticleText::new(HARD_TEXT),
        annotator: None,
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
    tag(
        &mut session,
        "c1",
        "Claim",
        "👩‍👩‍👧 said — later — it was fine 👍🏽",
    );
    tag(&mut session, "c2", "Claim", "fell 12%");
    session
}

#[test]
fn exports_quotes_with_python_compatible_offsets() {
    let session = hard_session();
    let json: serde_json::Value = serde_json::from_str(&session.export_json()).expect("json");
    let text: Vec<char> = json["document"]["text"]
        .as_str()
        .expect("text")
        .chars()
        .collect();
    let utf16: Vec<u16> = json["document"]["text"]
        .as_str()
        .expect("text")
        .encode_utf16()
        .collect();
    let spans = json["spans"].as_array().expect("spans");
    assert_eq!(spans.len(), 5);
    for span in spans {
        let start = span["start"].as_u64().expect("start") as usize;
        let end = span["end"].as_u64().expect("end") as usize;
        let quote: String = text[start..end].iter().collect();
        assert_eq!(
            quote,
            span["text"].as_str().expect("quote"),
            "text[start:end]"
        );
        let (u_start, u_end) = (
            span["utf16_start"].as_u64().expect("u16") as usize,
            span["utf16_end"].as_u64().expect("u16") as usize,
        );
        let js_slice = String::from_utf16(&utf16[u_start..u_end]).expect("whole characters");
        assert_eq!(
            js_slice, quote,
            "JavaScript text.slice(utf16_start, utf16_end)"
        );
    }
}

#[test]
fn export_declares_format_unit_document_and_labels_in_a_stable_key_order() {
    let json = hard_session().export_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["format"], "article-annotator");
    assert_eq!(value["format_version"], 1);
    assert_eq!(value["offset_unit"], "codepoint");
    assert_eq!(value["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(value["relations"], serde_json::json!([]));
    assert!(!value["document"]["text"]
        .as_str()
        .expect("text")
        .contains('\r'));
    assert_eq!(value["labels"][1]["name"], "Quote");
    let keys: Vec<_> = [
        "\"format\"",
        "\"format_version\"",
        "\"app_version\"",
        "\"offset_unit\"",
        "\"document\"",
        "\"labels\"",
        "\"spans\"",
        "\"relations\"",
    ]
    .iter()
    .map(|key| json.find(key).expect("key present"))
    .collect();
    assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "key order");
    assert!(json.starts_with("{\n  \"format\""), "pretty-printed");
}

#[test]
fn the_committed_fixture_is_what_the_exporter_writes() {
    common::assert_matches_file(
        hard_session().export_json().as_bytes(),
        "tests/fixtures/native-v1.json",
    );
}

#[test]
fn the_committed_json_schema_is_what_the_code_describes() {
    common::assert_matches_file(
        native::json_schema().as_bytes(),
        "docs/export-v1.schema.json",
    );
}

#[test]
fn an_export_reads_back_into_the_same_work() {
    let session = hard_session();
    let imported = native::parse(&session.export_json()).expect("parses");
    assert_eq!(*session.document, imported.document);
    assert_eq!(*session.schema, imported.schema);
    assert_eq!(*session.annotations, imported.annotations);
}

#[test]
fn reading_reports_every_broken_span_with_its_reason() {
    let mut value: serde_json::Value =
        serde_json::from_str(&hard_session().export_json()).expect("json");
    value["spans"][0]["end"] = serde_json::json!(10_000);
    value["spans"][1]["text"] = serde_json::json!("not the text");
    value["spans"][2]["label"] = serde_json::json!("Opinion");
    value["spans"][3]["end"] = value["spans"][3]["start"].clone();
    let Err(ParseError::Invalid(problems)) = native::parse(&value.to_string()) else {
        panic!("broken spans must be refused");
    };
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[0].contains("past the text end"));
    assert!(problems[1].contains("does not match"));
    assert!(problems[2].contains("not in the label set"));
    assert!(problems[3].contains("is not after start"));
}

#[test]
fn reading_refuses_ids_with_spaces_and_labels_defined_twice() {
    let mut value: serde_json::Value =
        serde_json::from_str(&hard_session().export_json()).expect("json");
    value["spans"][0]["id"] = serde_json::json!("has space");
    value["spans"][1]["id"] = serde_json::json!("");
    value["labels"][2]["name"] = serde_json::json!("Quote");
    let Err(ParseError::Invalid(problems)) = native::parse(&value.to_string()) else {
        panic!("bad ids and labels must be refused");
    };
    assert!(
        problems[0].contains("“Quote” is defined twice"),
        "{problems:?}"
    );
    assert_eq!(
        problems
            .iter()
            .filter(|problem| problem.contains("an id must be non-empty"))
            .count(),
        2
    );
}

#[test]
fn malformed_json_is_reported_with_line_and_column() {
    let Err(ParseError::Json { line, column, .. }) = native::parse("{\n  \"format\": ,\n}") else {
        panic!("malformed json must be refused");
    };
    assert_eq!((line, column), (2, 13));
}

#[test]
fn file_names_are_short_slugs_of_the_title_in_its_own_script() {
    let session = Session::sample();
    assert_eq!(
        native::file_name(&session.document),
        "valmera-says-it-cut-leaking-water-by-a-third-auditors-want.annotations.json"
    );
    for (title, slug) in [
        (
            "وزارة المياه: التسربات انخفضت 34%",
            "وزارة-المياه-التسربات-انخفضت-34",
        ),
        ("Café «Zürich» — Ελλάδα 2026", "café-zürich-ελλάδα-2026"),
        ("“…” 💧 —", "article"),
    ] {
        assert_eq!(native::slug_of(title), slug, "{title}");
    }
    let long = "كلمة ".repeat(30);
    let slug = native::slug_of(&long);
    assert!(
        slug.chars().count() <= 60 && slug.ends_with("كلمة"),
        "{slug}"
    );
}

#[test]
fn the_documented_example_reads_back_and_writes_out_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example-export.json");
    let json = std::fs::read_to_string(path).expect("docs/example-export.json");
    let imported = native::parse(&json).expect("the documented example is valid");
    assert_eq!(imported.annotations.len(), 3);
    let again = native::to_json(&native::export(
        &imported.document,
        &imported.schema,
        &imported.annotations,
    ));
    assert_eq!(again, json);
}

#[test]
fn who_annotated_an_article_is_written_and_read_back_and_older_files_have_no_one() {
    let mut session = hard_session();
    let mut document = (*session.document).clone();
    document.annotator = Some("Ana López".to_owned());
    session.document = std::rc::Rc::new(document);
    let json = session.export_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["document"]["annotator"], "Ana López");
    let imported = native::parse(&json).expect("parses");
    assert_eq!(imported.document.annotator.as_deref(), Some("Ana López"));
    // The committed fixture predates the field: no one, and no key written.
    assert!(!hard_session().export_json().contains("\"annotator\""));
}
