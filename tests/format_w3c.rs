//! W3C Web Annotation: exact selectors, lossless reload of our own files, and
//! Hypothesis-style files from other tools.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::draft::{DraftRelation, DraftSpan, Work};
use annotator::state::Session;
use annotator_formats::w3c;
use common::{assert_matches_file, rich_session};
use serde_json::Value;

fn export(session: &Session) -> String {
    w3c::export(&[session.work()])
}

fn read_fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/foreign")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

#[test]
fn w3c_export_of_the_hard_text_matches_the_committed_fixture() {
    let session = rich_session();
    assert_matches_file(
        export(&session).as_bytes(),
        "tests/fixtures/formats/hard-text.w3c.jsonld",
    );
}

#[test]
fn every_w3c_position_selector_slices_its_exact_quote_with_its_context() {
    let session = rich_session();
    let json: Value = serde_json::from_str(&export(&session)).expect("json");
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["offset_unit"], "codepoint");
    let text: Vec<char> = json["article_annotator_article"]["text"]
        .as_str()
        .expect("text")
        .chars()
        .collect();
    let slice = |from: usize, to: usize| text[from..to].iter().collect::<String>();
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(json["total"], items.len());
    let mut checked = 0;
    for item in items {
        let Some(selectors) = item["target"]["selector"].as_array() else {
            continue;
        };
        assert_eq!(item["target"]["source"], "https://example.org/hard");
        let (quote, position) = (&selectors[0], &selectors[1]);
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let start = position["start"].as_u64().expect("start") as usize;
        let end = position["end"].as_u64().expect("end") as usize;
        assert_eq!(slice(start, end), quote["exact"].as_str().expect("exact"));
        let prefix = quote["prefix"].as_str().unwrap_or("");
        let suffix = quote["suffix"].as_str().unwrap_or("");
        assert_eq!(prefix, slice(start.saturating_sub(32), start));
        assert_eq!(suffix, slice(end, (end + 32).min(text.len())));
        checked += 1;
    }
    assert_eq!(checked, session.annotations.len());
}

#[test]
fn w3c_spans_carry_label_note_attributes_and_times_as_bodies() {
    let session = rich_session();
    let json: Value = serde_json::from_str(&export(&session)).expect("json");
    let items = json["first"]["items"].as_array().expect("items");
    let q1 = items
        .iter()
        .find(|item| item["id"] == "urn:article-annotator:span:q1")
        .expect("q1");
    assert_eq!(q1["motivation"], "tagging");
    assert_eq!(q1["body"][0]["purpose"], "tagging");
    assert_eq!(q1["body"][0]["value"], "Quote");
    assert_eq!(q1["body"][1]["purpose"], "commenting");
    assert_eq!(
        q1["body"][1]["value"],
        "Check the \"12%\" figure,\nagainst the ministry's report"
    );
    let c2 = items
        .iter()
        .find(|item| item["id"] == "urn:article-annotator:span:c2")
        .expect("c2");
    let classifying: Vec<&str> = c2["body"]
        .as_array()
        .expect("body")
        .iter()
        .filter(|body| body["purpose"] == "classifying")
        .map(|body| body["value"].as_str().expect("value"))
        .collect();
    assert_eq!(classifying, ["check-worthy: yes", "claim type: statistic"]);
    assert_eq!(c2["created"], "2026-11-24T10:00:00.000Z");
    assert_eq!(c2["modified"], "2026-11-24T10:05:00.000Z");
    let link = items
        .iter()
        .find(|item| item["id"] == "urn:article-annotator:relation:r3")
        .expect("r3");
    assert_eq!(link["motivation"], "linking");
    assert_eq!(link["target"], "urn:article-annotator:span:c2");
    assert_eq!(link["body"][0], "urn:article-annotator:span:s1");
    assert_eq!(link["body"][1]["value"], "according_to");
}

#[test]
fn w3c_export_loads_back_with_its_labels_offsets_notes_attributes_and_relations() {
    let session = rich_session();
    let drafts = w3c::import(&export(&session)).expect("import");
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.id.as_deref(), Some("doc-hard"));
    assert_eq!(draft.title.as_deref(), Some("Hard text"));
    assert_eq!(draft.source.as_deref(), Some("https://example.org/hard"));
    assert_eq!(draft.text.as_deref(), Some(session.document.text.as_str()));
    let spans = session.annotations.spans();
    assert_eq!(draft.spans.len(), spans.len());
    for (read, span) in draft.spans.iter().zip(spans) {
        assert_eq!(read.id, span.id.as_str());
        assert_eq!(read.label, span.label);
        assert_eq!(read.start, Some(span.range.start.0));
        assert_eq!(read.end, Some(span.range.end.0));
        assert_eq!(read.quote.as_deref(), Some(span.text.as_str()));
        assert_eq!(read.note, span.note);
        assert_eq!(read.attributes, span.attributes);
        assert_eq!(read.created.as_deref(), Some(span.created.0.as_str()));
        assert_eq!(read.modified.as_deref(), Some(span.modified.0.as_str()));
    }
    let relations: Vec<DraftRelation> = session
        .annotations
        .relations()
        .iter()
        .map(|relation| DraftRelation {
            id: Some(relation.id.clone()),
            kind: relation.kind.clone(),
            from: relation.from.as_str().to_owned(),
            to: relation.to.as_str().to_owned(),
        })
        .collect();
    assert_eq!(draft.relations, relations);
}

#[test]
fn w3c_export_is_deterministic_and_several_articles_make_an_array_of_collections() {
    let session = rich_session();
    assert_eq!(export(&session), export(&session));
    let other = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "doc-other".to_owned(),
        source: None,
        ..(*session.document).clone()
    };
    let other = Work {
        document: &other,
        ..session.work()
    };
    let both = w3c::export(&[session.work(), other]);
    assert_eq!(both, w3c::export(&[session.work(), other]));
    assert!(both.ends_with("]\n"));
    let json: Value = serde_json::from_str(&both).expect("json");
    assert_eq!(json.as_array().expect("array").len(), 2);
    // Without a web address the target is the article's URN.
    assert_eq!(
        json[1]["first"]["items"][0]["target"]["source"],
        "urn:article-annotator:article:doc-other"
    );
    let drafts = w3c::import(&both).expect("import");
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[1].id.as_deref(), Some("doc-other"));
    assert_eq!(drafts[1].source, None);
    assert_eq!(drafts[1].spans.len(), session.annotations.len());
}

#[test]
fn w3c_annotations_without_the_embedded_article_are_read_for_anchoring() {
    let session = rich_session();
    let json: Value = serde_json::from_str(&export(&session)).expect("json");
    // A bare array of our annotations, as another tool would pass them on.
    let items = serde_json::to_string(&json["first"]["items"]).expect("items");
    let drafts = w3c::import(&items).expect("import");
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.text, None);
    assert_eq!(draft.source.as_deref(), Some("https://example.org/hard"));
    assert_eq!(draft.spans.len(), session.annotations.len());
    assert_eq!(draft.relations.len(), 3);
    let q2 = draft.spans.iter().find(|span| span.id == "q2").expect("q2");
    assert_eq!(q2.quote.as_deref(), Some("«لم يحدث ذلك»"));
    // 32 code points of context, across the line break.
    assert_eq!(
        q2.prefix.as_deref(),
        Some("fell 12% 🌍📉.”\n\nعمر الفاروق قال: ")
    );
    assert_eq!(
        q2.suffix.as_deref(),
        Some(".\nFamily 👩\u{200d}👩\u{200d}👧 said — later — it")
    );
}

#[test]
fn a_hypothesis_export_loads_with_tags_as_labels_and_comments_as_notes() {
    let drafts = w3c::import(&read_fixture("w3c-hypothesis.json")).expect("import");
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.text, None);
    assert_eq!(
        draft.source.as_deref(),
        Some("https://example.org/news/emissions")
    );
    assert_eq!(
        draft.title.as_deref(),
        Some("Emissions fell, minister says")
    );
    assert_eq!(
        draft.spans,
        vec![
            DraftSpan {
                id: "Kx3vQeJpEe-ak1c7W9oXhA".to_owned(),
                label: "Claim".to_owned(),
                start: Some(120),
                end: Some(146),
                quote: Some("emissions fell 12% in 2025".to_owned()),
                prefix: Some("The minister said that ".to_owned()),
                suffix: Some(", a record drop.".to_owned()),
                note: "Check against the EEA inventory.".to_owned(),
                created: Some("2026-03-02T09:14:05.221735+00:00".to_owned()),
                modified: Some("2026-03-02T09:20:44.002311+00:00".to_owned()),
                ..DraftSpan::default()
            },
            DraftSpan {
                id: "Kx3vQeJpEe-ak1c7W9oXhA#2".to_owned(),
                label: "statistic".to_owned(),
                start: Some(120),
                end: Some(146),
                quote: Some("emissions fell 12% in 2025".to_owned()),
                prefix: Some("The minister said that ".to_owned()),
                suffix: Some(", a record drop.".to_owned()),
                note: "Check against the EEA inventory.".to_owned(),
                created: Some("2026-03-02T09:14:05.221735+00:00".to_owned()),
                modified: Some("2026-03-02T09:20:44.002311+00:00".to_owned()),
                ..DraftSpan::default()
            },
            DraftSpan {
                id: "Lq09AeJpEe-9y2uS5b1B8w".to_owned(),
                label: "Annotation".to_owned(),
                quote: Some("Minister Zoé Fernández".to_owned()),
                prefix: Some("".to_owned()),
                suffix: Some(" said on Monday".to_owned()),
                created: Some("2026-03-02T09:15:10.000000+00:00".to_owned()),
                modified: Some("2026-03-02T09:15:10.000000+00:00".to_owned()),
                ..DraftSpan::default()
            },
        ]
    );
    assert!(draft.relations.is_empty());
}

#[test]
fn a_spec_shaped_annotation_page_loads_with_single_selectors_and_plain_bodies() {
    let drafts = w3c::import(&read_fixture("w3c-spec-page.jsonld")).expect("import");
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.source.as_deref(), Some("http://example.org/page1"));
    let labels: Vec<(&str, &str)> = draft
        .spans
        .iter()
        .map(|span| (span.id.as_str(), span.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("http://example.org/anno1", "Source"),
            ("http://example.org/anno2", "Annotation"),
            ("http://example.org/anno3", "Quote"),
        ]
    );
    let anno1 = &draft.spans[0];
    assert_eq!(anno1.start, Some(412));
    assert_eq!(anno1.end, Some(795));
    assert_eq!(anno1.quote, None);
    assert_eq!(
        anno1.attributes.get("kind").map(String::as_str),
        Some("person")
    );
    let anno2 = &draft.spans[1];
    assert_eq!(anno2.quote.as_deref(), Some("anotation"));
    assert_eq!(anno2.note, "I think this word is misspelled.");
    let anno3 = &draft.spans[2];
    assert_eq!(anno3.note, "A quote of the minister.");
    assert_eq!(
        draft.relations,
        vec![DraftRelation {
            id: Some("http://example.org/anno4".to_owned()),
            kind: "related_to".to_owned(),
            from: "http://example.org/anno3".to_owned(),
            to: "http://example.org/anno1".to_owned(),
        }]
    );
}

#[test]
fn broken_w3c_files_give_a_read_error_with_its_place() {
    let truncated = w3c::import("{\n  \"type\": \"Annotation\",\n  \"target\": [").unwrap_err();
    assert!(truncated.at.starts_with("line 3, column"), "{truncated}");
    let cases = [
        ("42", ""),
        ("\"Annotation\"", ""),
        ("[]", ""),
        ("{\"hello\": 1}", ""),
        ("{\"type\": \"AnnotationPage\", \"items\": 5}", ""),
        ("{\"items\": [1]}", "annotation 1"),
        (
            r#"{"target": {"selector": {"type": "TextPositionSelector", "start": -4, "end": 3}}}"#,
            "annotation 1",
        ),
        (
            r#"[{"target": {"selector": {"type": "TextPositionSelector", "start": 1e400}}}]"#,
            "line 1, column 72",
        ),
        (
            r#"[{}, {"target": {"selector": {"type": "TextPositionSelector", "start": 99999999999999999999999}}}]"#,
            "annotation 2",
        ),
        (
            r#"{"target": {"selector": {"type": "TextQuoteSelector", "exact": 12}}}"#,
            "annotation 1",
        ),
        (
            r#"{"first": {"items": [{"body": {"value": ["x"]}, "target": {"selector": []}}]}}"#,
            "annotation 1",
        ),
        (
            r#"[{"first": {"items": []}}, {"items": []}]"#,
            "collection 2",
        ),
        (
            r#"{"first": {"items": []}, "article_annotator_article": {"text": 3}}"#,
            "article_annotator_article",
        ),
    ];
    for (input, at) in cases {
        let error = w3c::import(input).expect_err(input);
        assert_eq!(error.at, at, "{input}: {error}");
        assert!(!error.message.is_empty());
    }
    let negative = w3c::import(cases[6].0).unwrap_err();
    assert!(negative.message.contains("whole number"), "{negative}");
}

#[test]
fn odd_but_readable_w3c_files_load_without_panicking() {
    // Absent keys, nulls and unknown shapes are skipped, not fatal.
    for input in [
        r#"{"target": "http://example.org/page"}"#,
        r#"{"target": null, "body": null}"#,
        r#"{"first": "http://example.org/page/1"}"#,
        r#"{"target": [1, "x", {"selector": null}], "motivation": "linking"}"#,
        r#"{"target": {"selector": [{"type": "RangeSelector"}, 7, null]}, "body": [null, 3, "http://x"]}"#,
        r#"{"target": {"selector": {}}, "tags": [1, null, "Claim"], "text": null}"#,
        r#"[{"id": "", "motivation": "linking", "target": {"id": 3}, "body": [{"id": "b"}]}]"#,
    ] {
        w3c::import(input).expect(input);
    }
}

#[test]
fn any_cut_of_a_w3c_export_is_an_error_or_a_draft_but_never_a_panic() {
    let session = rich_session();
    let json = export(&session);
    for (index, _) in json.char_indices().step_by(7) {
        let _ = w3c::import(&json[..index]);
    }
    // Values of every JSON type in every place of one annotation.
    let values = [
        "null",
        "true",
        "-1",
        "1.5",
        "18446744073709551616",
        "\"s\"",
        "[]",
        "{}",
    ];
    let template = r#"{"id": V, "motivation": V, "body": [V, {"value": V, "purpose": V}], "bodyValue": V, "tags": V, "text": V, "created": V, "target": [V, {"source": V, "selector": [V, {"type": "TextQuoteSelector", "exact": V, "prefix": V}, {"type": "TextPositionSelector", "start": V, "end": V}]}]}"#;
    for value in values {
        let _ = w3c::import(&template.replace('V', value));
    }
}

#[test]
fn every_w3c_annotation_names_the_annotator_as_its_creator_and_it_loads_back() {
    let session = rich_session();
    // Without an annotator no annotation has a creator (the fixture test pins the bytes).
    assert!(!export(&session).contains("\"creator\""));
    let document = Document {
        annotator: Some("ana".to_owned()),
        ..(*session.document).clone()
    };
    let work = Work {
        document: &document,
        ..session.work()
    };
    let exported = w3c::export(&[work]);
    assert!(exported.contains(
        "\"motivation\": \"tagging\",\n        \"creator\": {\n          \"type\": \"Person\",\n          \"name\": \"ana\"\n        },\n        \"created\""
    ));
    let json: Value = serde_json::from_str(&exported).expect("json");
    let items = json["first"]["items"].as_array().expect("items");
    // Spans and relations alike.
    assert_eq!(items.len(), session.annotations.len() + 3);
    for item in items {
        assert_eq!(
            item["creator"],
            serde_json::json!({"type": "Person", "name": "ana"}),
            "{item}"
        );
    }
    // So does the collection, for an article without spans.
    assert_eq!(
        json["creator"],
        serde_json::json!({"type": "Person", "name": "ana"})
    );
    assert!(exported.contains(
        "\"label\": \"Hard text\",\n  \"creator\": {\n    \"type\": \"Person\",\n    \"name\": \"ana\"\n  },\n  \"total\""
    ));
    let drafts = w3c::import(&exported).expect("import");
    assert_eq!(drafts[0].annotator.as_deref(), Some("ana"));
    let mut empty = json.clone();
    empty["first"]["items"] = serde_json::json!([]);
    let drafts = w3c::import(&empty.to_string()).expect("import");
    assert_eq!(drafts[0].annotator.as_deref(), Some("ana"));
    // A bare array of the annotations still names them.
    let bare = w3c::import(&json["first"]["items"].to_string()).expect("import");
    assert_eq!(bare[0].annotator.as_deref(), Some("ana"));
}

#[test]
fn a_w3c_creator_is_read_from_its_name_or_nickname_and_an_iri_names_no_one() {
    let annotation = |creator: &str| {
        format!(
            r#"{{"type": "Annotation", "creator": {creator}, "target": {{"source": "http://example.org/a",
               "selector": {{"type": "TextQuoteSelector", "exact": "fell"}}}}}}"#
        )
    };
    let cases = [
        (r#"{"type": "Person", "name": "سارة"}"#, Some("سارة")),
        (
            r#"{"type": "Person", "name": ["Zoé 👍🏽", "Z"]}"#,
            Some("Zoé 👍🏽"),
        ),
        (r#"{"type": "Person", "nickname": "zo"}"#, Some("zo")),
        (
            r#"["http://example.org/user1", {"type": "Software", "name": "tagger"}]"#,
            Some("tagger"),
        ),
        (r#""http://example.org/user1""#, None),
        (r#"{"id": "http://example.org/user1"}"#, None),
        ("null", None),
    ];
    for (creator, name) in cases {
        let drafts = w3c::import(&annotation(creator)).expect(creator);
        assert_eq!(drafts[0].annotator.as_deref(), name, "{creator}");
    }
    // The first annotation that names its creator names the article's annotator.
    let page = format!(
        r#"{{"type": "AnnotationPage", "items": [{}, {}, {}]}}"#,
        annotation("null"),
        annotation(r#"{"name": "ana"}"#),
        annotation(r#"{"name": "ben"}"#)
    );
    let drafts = w3c::import(&page).expect("page");
    assert_eq!(drafts[0].annotator.as_deref(), Some("ana"));
    // The spec-shaped page gives its creator as an IRI only.
    let drafts = w3c::import(&read_fixture("w3c-spec-page.jsonld")).expect("import");
    assert_eq!(drafts[0].annotator, None);
}
