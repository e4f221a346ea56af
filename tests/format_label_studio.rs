//! Label Studio JSON tasks: code-point regions with notes, choices and relations, and
//! files exported by Label Studio itself.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::draft::{DraftRelation, DraftSpan, Work};
use annotator::state::Session;
use annotator_formats::label_studio;
use common::{assert_matches_file, rich_session};
use serde_json::Value;
use std::collections::BTreeMap;

fn export(session: &Session) -> String {
    label_studio::export(&[session.work()])
}

fn read_fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/foreign")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

#[test]
fn label_studio_export_of_the_hard_text_matches_the_committed_fixture() {
    let session = rich_session();
    assert_matches_file(
        export(&session).as_bytes(),
        "tests/fixtures/formats/hard-text.label-studio.json",
    );
}

#[test]
fn every_label_studio_region_slices_its_quote_by_code_points() {
    let session = rich_session();
    let json: Value = serde_json::from_str(&export(&session)).expect("json");
    let task = &json[0];
    assert_eq!(task["id"], 1);
    assert_eq!(task["meta"]["offset_unit"], "codepoint");
    assert_eq!(task["data"]["article_id"], "doc-hard");
    let text: Vec<char> = task["data"]["text"]
        .as_str()
        .expect("text")
        .chars()
        .collect();
    let mut labelled = 0;
    for result in task["annotations"][0]["result"].as_array().expect("result") {
        if result["type"] != "labels" {
            continue;
        }
        let start = result["value"]["start"].as_u64().expect("start") as usize;
        let end = result["value"]["end"].as_u64().expect("end") as usize;
        let quote: String = text[start..end].iter().collect();
        assert_eq!(quote, result["value"]["text"].as_str().expect("quote"));
        assert_eq!(result["from_name"], "label");
        assert_eq!(result["to_name"], "text");
        labelled += 1;
    }
    assert_eq!(labelled, session.annotations.len());
}

#[test]
fn label_studio_notes_attributes_and_links_use_the_region_ids() {
    let session = rich_session();
    let json: Value = serde_json::from_str(&export(&session)).expect("json");
    let results = json[0]["annotations"][0]["result"]
        .as_array()
        .expect("result");
    let of = |id: &str, kind: &str| -> Vec<&Value> {
        results
            .iter()
            .filter(|result| result["id"] == id && result["type"] == kind)
            .collect()
    };
    let note = of("q1", "textarea");
    assert_eq!(note.len(), 1);
    assert_eq!(note[0]["from_name"], "note");
    assert_eq!(
        note[0]["value"]["text"][0],
        "Check the \"12%\" figure,\nagainst the ministry's report"
    );
    let choices = of("c2", "choices");
    let names: Vec<&Value> = choices.iter().map(|result| &result["from_name"]).collect();
    assert_eq!(names, ["check-worthy", "claim type"]);
    assert_eq!(choices[1]["value"]["choices"][0], "statistic");
    let relations: Vec<&Value> = results
        .iter()
        .filter(|result| result["type"] == "relation")
        .collect();
    assert_eq!(relations.len(), 3);
    assert_eq!(relations[2]["from_id"], "c2");
    assert_eq!(relations[2]["to_id"], "s1");
    assert_eq!(relations[2]["direction"], "right");
    assert_eq!(relations[2]["labels"][0], "according_to");
    assert_eq!(
        json[0]["meta"]["relation_ids"],
        serde_json::json!(["r1", "r2", "r3"])
    );
}

#[test]
fn label_studio_export_loads_back_with_its_labels_offsets_notes_attributes_and_relations() {
    let session = rich_session();
    let drafts = label_studio::import(&export(&session)).expect("import");
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.id.as_deref(), Some("doc-hard"));
    assert_eq!(draft.title.as_deref(), Some("Hard text"));
    assert_eq!(draft.source.as_deref(), Some("https://example.org/hard"));
    assert_eq!(draft.text.as_deref(), Some(session.document.text.as_str()));
    let expected: Vec<DraftSpan> = session
        .annotations
        .spans()
        .iter()
        .map(|span| DraftSpan {
            id: span.id.as_str().to_owned(),
            label: span.label.clone(),
            start: Some(span.range.start.0),
            end: Some(span.range.end.0),
            quote: Some(span.text.clone()),
            note: span.note.clone(),
            attributes: span.attributes.clone(),
            ..DraftSpan::default()
        })
        .collect();
    assert_eq!(draft.spans, expected);
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
fn label_studio_export_is_deterministic_with_one_task_per_article() {
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
    let both = label_studio::export(&[session.work(), other]);
    assert_eq!(both, label_studio::export(&[session.work(), other]));
    assert!(both.ends_with("]\n"));
    let json: Value = serde_json::from_str(&both).expect("json");
    assert_eq!(json[1]["id"], 2);
    assert_eq!(json[1]["data"].get("source"), None);
    let drafts = label_studio::import(&both).expect("import");
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[1].id.as_deref(), Some("doc-other"));
    assert_eq!(drafts[1].source, None);
}

#[test]
fn a_label_studio_project_export_loads_its_first_submitted_annotation_or_predictions() {
    let drafts = label_studio::import(&read_fixture("label-studio-ner.json")).expect("import");
    assert_eq!(drafts.len(), 2);
    let first = &drafts[0];
    assert!(first
        .text
        .as_deref()
        .is_some_and(|text| text.starts_with("🌍 Climate")));
    assert_eq!(first.id, None);
    let times = (
        Some("2026-02-11T10:21:33.145872Z".to_owned()),
        Some("2026-02-11T10:25:02.503118Z".to_owned()),
    );
    let span = |id: &str, label: &str, start, end, quote: &str| DraftSpan {
        id: id.to_owned(),
        label: label.to_owned(),
        start: Some(start),
        end: Some(end),
        quote: Some(quote.to_owned()),
        created: times.0.clone(),
        modified: times.1.clone(),
        ..DraftSpan::default()
    };
    let claim = DraftSpan {
        note: "Check against the EEA inventory.\nAsk the ministry.".to_owned(),
        attributes: BTreeMap::from([("check-worthy".to_owned(), "yes".to_owned())]),
        ..span("aB3dE_fGh1", "Claim", 38, 64, "emissions fell 12% in 2025")
    };
    assert_eq!(
        first.spans,
        vec![
            claim,
            span("Zz9_yX8wV7", "Source", 94, 107, "Zoé Fernández"),
            span("Zz9_yX8wV7#2", "Person", 94, 107, "Zoé Fernández"),
            span("Qp4-rS5tU6", "Source", 111, 133, "the Environment Agency"),
        ]
    );
    let relation = |kind: &str, from: &str, to: &str| DraftRelation {
        id: None,
        kind: kind.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
    };
    assert_eq!(
        first.relations,
        vec![
            relation("according_to", "aB3dE_fGh1", "Zz9_yX8wV7"),
            // "direction": "left" points from `to_id` to `from_id`.
            relation("related_to", "Zz9_yX8wV7", "Qp4-rS5tU6"),
        ]
    );
    // No annotations: the predictions; the text is the only string of `data`.
    let second = &drafts[1];
    assert_eq!(
        second.text.as_deref(),
        Some("Officials said the bridge will reopen in May.")
    );
    assert_eq!(second.spans.len(), 1);
    assert_eq!(second.spans[0].id, "7");
    assert_eq!(second.spans[0].label, "Claim");
    assert_eq!(
        (second.spans[0].start, second.spans[0].end),
        (Some(15), Some(44))
    );
}

#[test]
fn a_label_studio_json_min_export_loads_its_regions() {
    let drafts = label_studio::import(&read_fixture("label-studio-min.json")).expect("import");
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert!(draft
        .text
        .as_deref()
        .is_some_and(|text| text.ends_with("Agency.")));
    let read: Vec<(&str, &str, Option<usize>, Option<&str>)> = draft
        .spans
        .iter()
        .map(|span| {
            (
                span.id.as_str(),
                span.label.as_str(),
                span.start,
                span.quote.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("1", "Claim", Some(38), Some("emissions fell 12% in 2025")),
            ("2", "Source", Some(94), Some("Zoé Fernández")),
        ]
    );
    assert_eq!(
        draft.spans[0].modified.as_deref(),
        Some("2026-02-11T10:25:02.503118Z")
    );
}

#[test]
fn the_labeling_config_names_the_controls_the_export_uses() {
    let session = rich_session();
    let config = label_studio::labeling_config(&session.schema);
    assert!(config.starts_with("<View>\n"));
    assert!(config.ends_with("</View>\n"));
    for needle in [
        "<Labels name=\"label\" toName=\"text\">",
        "<Label value=\"Claim\" background=\"#fcd34d\"/>",
        "<Style>.htx-text { white-space: pre-wrap; }</Style>",
        "<Text name=\"text\" value=\"$text\"/>",
        "<Relation value=\"said_by\"/>",
        "<Relation value=\"according_to\"/>",
        "<TextArea name=\"note\" toName=\"text\" perRegion=\"true\"",
        "<Choices name=\"claim type\" toName=\"text\" perRegion=\"true\"",
        "<Choice value=\"quote of fact\"/>",
    ] {
        assert!(config.contains(needle), "{needle} in\n{config}");
    }
}

#[test]
fn broken_label_studio_files_give_a_read_error_with_its_place() {
    let truncated = label_studio::import("[\n  {\n    \"data\": {\"text\": \"abc").unwrap_err();
    assert!(truncated.at.starts_with("line 3, column"), "{truncated}");
    let cases = [
        ("42", ""),
        ("[]", ""),
        ("[1]", "task 1"),
        ("{\"hello\": 1}", "task 1"),
        ("[{\"data\": {\"text\": \"a\"}}, {\"data\": []}]", "task 2"),
        ("{\"data\": {\"text\": 5}}", "task 1, data"),
        (
            r#"{"data": {"text": "a"}, "annotations": {"result": []}}"#,
            "task 1",
        ),
        (
            r#"{"data": {"text": "a"}, "annotations": [{"result": {}}]}"#,
            "task 1, annotations 1",
        ),
        (
            r#"{"data": {"text": "a"}, "annotations": [{"result": [{"type": "labels", "value": {"start": -1, "end": 2, "labels": ["A"]}}]}]}"#,
            "task 1, result 1",
        ),
        (
            r#"{"data": {"text": "a"}, "annotations": [{"result": [{}, {"type": "labels", "value": {"start": 0, "end": 123456789012345678901234567890, "labels": ["A"]}}]}]}"#,
            "task 1, result 2",
        ),
        (
            r#"{"data": {"text": "a"}, "annotations": [{"result": [{"type": "labels", "value": 3}]}]}"#,
            "task 1, result 1",
        ),
        (
            r#"{"data": {"text": "a"}, "annotations": [{"result": [{"type": "labels", "value": {"text": 7}}]}]}"#,
            "task 1, result 1",
        ),
        (
            r#"{"text": "a", "label": [{"start": "0", "labels": ["A"]}]}"#,
            "task 1, label 1",
        ),
        (
            r#"{"data": {"text": "a"}, "annotations": [{"result": [{"type": 3}]}]}"#,
            "task 1, result 1",
        ),
    ];
    for (input, at) in cases {
        let error = label_studio::import(input).expect_err(input);
        assert_eq!(error.at, at, "{input}: {error}");
        assert!(!error.message.is_empty());
    }
}

#[test]
fn odd_but_readable_label_studio_files_load_without_panicking() {
    for input in [
        r#"{"data": {}}"#,
        r#"{"data": {"a": "x", "b": "y"}, "annotations": null}"#,
        r#"{"data": {"text": "a"}, "annotations": [{"was_cancelled": true, "result": [1]}]}"#,
        r#"{"data": {"text": "a"}, "annotations": [{"result": [{"type": "labels", "value": {"labels": []}}]}]}"#,
        r#"{"data": {"text": "a"}, "annotations": [{"result": [{"type": "relation"}, {"type": "textarea", "id": "x"}, {"id": "y"}]}]}"#,
        r#"{"data": {"text": "a"}, "meta": {"relation_ids": 5}, "annotations": [{"result": [{"type": "relation", "from_id": 1, "to_id": 2, "labels": "x"}]}]}"#,
    ] {
        label_studio::import(input).expect(input);
    }
}

#[test]
fn any_cut_of_a_label_studio_export_is_an_error_or_a_draft_but_never_a_panic() {
    let session = rich_session();
    let json = export(&session);
    for (index, _) in json.char_indices().step_by(7) {
        let _ = label_studio::import(&json[..index]);
    }
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
    let template = r#"[V, {"id": V, "data": {"text": V, "title": V}, "meta": {"relation_ids": V}, "annotations": [V, {"was_cancelled": V, "created_at": V, "result": [V, {"id": V, "type": "labels", "value": {"start": V, "end": V, "text": V, "labels": V}}, {"id": V, "type": "textarea", "value": {"text": V}}, {"id": V, "type": "choices", "from_name": V, "value": {"choices": V}}, {"type": "relation", "from_id": V, "to_id": V, "direction": V, "labels": V}]}]}]"#;
    for value in values {
        let _ = label_studio::import(&template.replace('V', value));
    }
}

#[test]
fn label_studio_tasks_name_the_annotator_in_their_meta_and_it_loads_back() {
    let session = rich_session();
    // Without an annotator the meta has no key for it (the fixture test pins the bytes).
    let json: Value = serde_json::from_str(&export(&session)).expect("json");
    assert_eq!(json[0]["meta"].get("annotator"), None);
    let document = Document {
        annotator: Some("سارة".to_owned()),
        ..(*session.document).clone()
    };
    let work = Work {
        document: &document,
        ..session.work()
    };
    let exported = label_studio::export(&[work]);
    let json: Value = serde_json::from_str(&exported).expect("json");
    assert_eq!(json[0]["meta"]["annotator"], "سارة");
    assert!(exported.contains(
        "\"exported_by\": \"article-annotator\",\n      \"annotator\": \"سارة\",\n      \"relation_ids\": ["
    ));
    // Label Studio's import takes as `completed_by` only a member's id or email, and
    // refuses the file otherwise: it is left out, and the name is not put in `data`.
    let annotation = json[0]["annotations"][0].as_object().expect("annotation");
    assert_eq!(annotation.keys().collect::<Vec<_>>(), ["id", "result"]);
    assert_eq!(json[0]["data"].get("annotator"), None);
    let drafts = label_studio::import(&exported).expect("import");
    assert_eq!(drafts[0].annotator.as_deref(), Some("سارة"));
}

#[test]
fn a_label_studio_user_id_names_no_annotator() {
    // Label Studio's own exports: `completed_by` a user id, JSON-MIN `annotator` one too.
    for fixture in ["label-studio-ner.json", "label-studio-min.json"] {
        let drafts = label_studio::import(&read_fixture(fixture)).expect(fixture);
        assert!(
            drafts.iter().all(|draft| draft.annotator.is_none()),
            "{fixture}"
        );
    }
    // A `meta.annotator` of another shape is another tool's, and ignored.
    let task = r#"{"data": {"text": "Hi"}, "meta": {"annotator": 3}}"#;
    let drafts = label_studio::import(task).expect("task");
    assert_eq!(drafts[0].annotator, None);
}
