//! doccano JSONL in both forms: sequence labelling (`label` triples) and relation
//! extraction (`entities` and `relations`), exported exactly and read back, also from
//! files doccano writes.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::draft::Draft;
use annotator::model::text::ArticleText;
use annotator::state::Session;
use annotator_formats::doccano;
use common::{assert_matches_file, rich_session, tag};
use serde_json::Value;

fn lines(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `text[start:end]` in Python: code points.
fn slice(text: &str, start: &Value, end: &Value) -> String {
    let (start, end) = (
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    );
    text.chars().skip(start).take(end - start).collect()
}

fn foreign(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/formats/foreign/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn relation_ends(draft: &Draft) -> Vec<(Option<&str>, &str, &str, &str)> {
    draft
        .relations
        .iter()
        .map(|relation| {
            (
                relation.id.as_deref(),
                relation.kind.as_str(),
                relation.from.as_str(),
                relation.to.as_str(),
            )
        })
        .collect()
}

fn spans_of(draft: &Draft) -> Vec<(&str, &str, usize, usize)> {
    draft
        .spans
        .iter()
        .map(|span| {
            (
                span.id.as_str(),
                span.label.as_str(),
                span.start.unwrap(),
                span.end.unwrap(),
            )
        })
        .collect()
}

#[test]
fn doccano_sequence_export_of_the_hard_article_matches_the_fixture() {
    let session = rich_session();
    let jsonl = doccano::export_sequence(&[session.work()]);
    assert_matches_file(
        jsonl.as_bytes(),
        "tests/fixtures/formats/hard-text.doccano.jsonl",
    );
}

#[test]
fn doccano_relation_export_of_the_hard_article_matches_the_fixture() {
    let session = rich_session();
    let jsonl = doccano::export_relations(&[session.work()]);
    assert_matches_file(
        jsonl.as_bytes(),
        "tests/fixtures/formats/hard-text.doccano-relations.jsonl",
    );
}

#[test]
fn every_sequence_triple_slices_its_quote_from_the_exported_text() {
    let session = rich_session();
    let line = &lines(&doccano::export_sequence(&[session.work()]))[0];
    let text = line["text"].as_str().unwrap();
    assert_eq!(line["offset_unit"], "codepoint");
    assert_eq!(line["article_id"], "doc-hard");
    let triples = line["label"].as_array().unwrap();
    let details = line["span_details"].as_array().unwrap();
    assert_eq!(triples.len(), 7);
    assert_eq!(details.len(), 7);
    for (triple, detail) in triples.iter().zip(details) {
        assert_eq!(
            slice(text, &triple[0], &triple[1]),
            detail["text"].as_str().unwrap()
        );
        assert_eq!(triple[0], detail["start"]);
        assert_eq!(triple[1], detail["end"]);
        assert_eq!(triple[2], detail["label"]);
    }
}

#[test]
fn every_entity_slices_its_quote_and_relations_use_entity_ordinals() {
    let session = rich_session();
    let line = &lines(&doccano::export_relations(&[session.work()]))[0];
    let text = line["text"].as_str().unwrap();
    let entities = line["entities"].as_array().unwrap();
    for (index, entity) in entities.iter().enumerate() {
        assert_eq!(entity["id"], index + 1);
        assert_eq!(
            slice(text, &entity["start_offset"], &entity["end_offset"]),
            entity["text"].as_str().unwrap()
        );
    }
    let relations = line["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 3);
    for (index, relation) in relations.iter().enumerate() {
        assert_eq!(relation["id"], index + 1);
        let from = &entities[relation["from_id"].as_u64().unwrap() as usize - 1];
        let to = &entities[relation["to_id"].as_u64().unwrap() as usize - 1];
        assert_eq!(to["label"], "Source", "{relation}");
        assert_ne!(from["label"], "Source", "{relation}");
    }
    assert_eq!(relations[0]["type"], "said_by");
}

#[test]
fn doccano_sequence_export_loads_back_with_quotes_notes_and_attributes() {
    let session = rich_session();
    let drafts = doccano::import(&doccano::export_sequence(&[session.work()])).unwrap();
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.id.as_deref(), Some("doc-hard"));
    assert_eq!(draft.title.as_deref(), Some("Hard text"));
    assert_eq!(draft.source.as_deref(), Some("https://example.org/hard"));
    assert_eq!(draft.text.as_deref(), Some(session.document.text.as_str()));
    assert_eq!(common::draft_spans(draft), common::session_spans(&session));
    assert!(draft.relations.is_empty());
}

#[test]
fn doccano_relation_export_loads_back_with_its_relations() {
    let session = rich_session();
    let drafts = doccano::import(&doccano::export_relations(&[session.work()])).unwrap();
    let draft = &drafts[0];
    assert_eq!(draft.id.as_deref(), Some("doc-hard"));
    assert_eq!(common::draft_spans(draft), common::session_spans(&session));
    let quote = |id: &str| {
        let span = draft.spans.iter().find(|span| span.id == id).unwrap();
        span.quote.clone().unwrap()
    };
    let relations: Vec<(String, String, String)> = draft
        .relations
        .iter()
        .map(|relation| {
            (
                relation.kind.clone(),
                quote(&relation.from),
                quote(&relation.to),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = session
        .annotations
        .relations()
        .iter()
        .map(|relation| {
            let quote = |id| session.annotations.get(id).unwrap().text.clone();
            (
                relation.kind.clone(),
                quote(&relation.from),
                quote(&relation.to),
            )
        })
        .collect();
    assert_eq!(relations, expected);
    let ids: Vec<Option<&str>> = draft.relations.iter().map(|r| r.id.as_deref()).collect();
    assert_eq!(ids, [Some("1"), Some("2"), Some("3")]);
}

#[test]
fn exporting_twice_gives_the_same_bytes() {
    let one = rich_session();
    let two = rich_session();
    assert_eq!(
        doccano::export_sequence(&[one.work()]),
        doccano::export_sequence(&[two.work()])
    );
    assert_eq!(
        doccano::export_relations(&[one.work()]),
        doccano::export_relations(&[two.work()])
    );
}

#[test]
fn several_articles_give_one_line_each() {
    let rich = rich_session();
    let mut plain = Session::new(
        Document {
            layout: Default::default(),
            extra: Default::default(),
            annotator: None,
            id: "doc-2".to_owned(),
            title: "Second".to_owned(),
            source: None,
            text: ArticleText::new("Plain text."),
        },
        Default::default(),
    );
    tag(&mut plain, "x", "Claim", "Plain");
    for jsonl in [
        doccano::export_sequence(&[rich.work(), plain.work()]),
        doccano::export_relations(&[rich.work(), plain.work()]),
    ] {
        assert_eq!(jsonl.lines().count(), 2);
        assert!(jsonl.ends_with('\n'));
        assert!(lines(&jsonl)[1].get("source").is_none());
        let drafts = doccano::import(&jsonl).unwrap();
        assert_eq!(drafts[1].id.as_deref(), Some("doc-2"));
        assert_eq!(
            common::draft_spans(&drafts[1]),
            common::session_spans(&plain)
        );
    }
}

#[test]
fn a_relation_export_written_by_doccano_imports_with_its_ids() {
    let drafts = doccano::import(&foreign("doccano-relation-export.jsonl")).unwrap();
    assert_eq!(drafts.len(), 2);
    let draft = &drafts[0];
    // doccano's example id stands in for the article id.
    assert_eq!(draft.id.as_deref(), Some("2371"));
    assert_eq!(
        spans_of(draft),
        [
            ("9001", "PER", 0, 12),
            ("9002", "QUOTE", 19, 50),
            ("9003", "CLAIM", 20, 48),
            ("9004", "ORG", 62, 69),
        ]
    );
    assert_eq!(
        relation_ends(draft),
        [
            (Some("77"), "said_by", "9002", "9001"),
            (Some("78"), "according_to", "9003", "9004"),
        ]
    );
    assert!(drafts[1].spans.is_empty());
}

#[test]
fn a_sequence_export_written_by_doccano_imports() {
    let drafts = doccano::import(&foreign("doccano-sequence-export.jsonl")).unwrap();
    assert_eq!(drafts.len(), 2);
    let text = drafts[0].text.clone().unwrap();
    assert!(text.contains("📉"));
    assert_eq!(
        spans_of(&drafts[0]),
        [
            ("1", "PER", 0, 12),
            ("2", "CLAIM", 20, 48),
            ("3", "ORG", 62, 69)
        ]
    );
    let claim: String = text.chars().skip(20).take(28).collect();
    assert_eq!(claim, "Prices will fall next year 📉");
    assert_eq!(
        spans_of(&drafts[1]),
        [("1", "ORG", 0, 2), ("2", "MISC", 11, 17)]
    );
}

#[test]
fn doccano_import_examples_of_other_shapes_are_read() {
    // doccano's intent-detection example: triples under "entities".
    let intent = r#"{"text": "Find a flight from Memphis to Tacoma", "entities": [[0, 26, "City"], [30, 36, "City"]], "cats": ["flight"]}"#;
    let drafts = doccano::import(intent).unwrap();
    assert_eq!(
        spans_of(&drafts[0]),
        [("1", "City", 0, 26), ("2", "City", 30, 36)]
    );
    // Older exports: "labels", and "data" for the text; string ids.
    let old = r#"{"id": 1, "data": "Peter Blackburn", "labels": [[0, 15, "PERSON"]]}"#;
    let drafts = doccano::import(old).unwrap();
    assert_eq!(drafts[0].text.as_deref(), Some("Peter Blackburn"));
    assert_eq!(spans_of(&drafts[0]), [("1", "PERSON", 0, 15)]);
    let strings = r#"{"text": "ab", "entities": [{"id": "e1", "label": "X", "start_offset": 0, "end_offset": 1}, {"id": "e2", "label": "Y", "start_offset": 1, "end_offset": 2}], "relations": [{"from_id": "e1", "to_id": "e2", "type": "r"}]}"#;
    let drafts = doccano::import(strings).unwrap();
    assert_eq!(relation_ends(&drafts[0]), [(None, "r", "e1", "e2")]);
    // A text with nothing tagged.
    let drafts = doccano::import(r#"{"text": "Nothing here."}"#).unwrap();
    assert!(drafts[0].spans.is_empty());
}

#[test]
fn span_details_apply_only_to_the_identical_triple() {
    // doccano moved the second span; its details no longer describe it.
    let input = r#"{"text": "abc def", "label": [[0, 3, "X"], [4, 6, "Y"]], "span_details": [{"start": 0, "end": 3, "label": "X", "text": "abc", "note": "n", "attributes": {"k": "v"}}, {"start": 4, "end": 7, "label": "Y", "text": "def", "note": "old"}]}"#;
    let drafts = doccano::import(input).unwrap();
    let spans = &drafts[0].spans;
    assert_eq!(spans[0].quote.as_deref(), Some("abc"));
    assert_eq!(spans[0].note, "n");
    assert_eq!(spans[0].attributes.get("k").map(String::as_str), Some("v"));
    assert_eq!(spans[1].quote, None);
    assert_eq!(spans[1].note, "");
}

#[test]
fn malformed_files_give_a_located_error_and_never_panic() {
    let cases: &[(&str, &str, &str)] = &[
        ("", "", "no lines"),
        ("\n  \n", "", "no lines"),
        ("{\"text\": \"abc\", \"label\": [[0, 1", "line 1, column 31", "EOF"),
        ("{\"text\": \"a\"}\n{\"text\": \"b\"\n", "line 2, column 12", "EOF"),
        ("{\"text\": \"a\"}\n\"just a string\"", "line 2", "object"),
        ("{\"label\": []}", "line 1", "no \"text\""),
        ("{\"text\": [\"a\"]}", "line 1", "\"text\" must be a string"),
        ("{\"text\": \"a\", \"label\": \"X\"}", "line 1", "\"label\" must be a list"),
        ("{\"text\": \"a\", \"label\": [\"positive\"]}", "line 1", "label[0] must be a [start, end, label] triple"),
        ("{\"text\": \"a\", \"label\": [[0, 1]]}", "line 1", "label[0] must be a [start, end, label] triple"),
        ("{\"text\": \"a\", \"label\": [[-1, 1, \"X\"]]}", "line 1", "label[0][0] must be a whole number ≥ 0, not -1"),
        ("{\"text\": \"a\", \"label\": [[0, 1e30, \"X\"]]}", "line 1", "label[0][1] must be a whole number"),
        ("{\"text\": \"a\", \"label\": [[0, 184467440737095516160, \"X\"]]}", "line 1", "label[0][1] must be a whole number"),
        ("{\"text\": \"a\", \"label\": [[0, 1, 2]]}", "line 1", "label[0][2] must be a string"),
        ("{\"text\": \"a\", \"entities\": [{\"label\": \"X\", \"end_offset\": 1}]}", "line 1", "entities[0] has no \"start_offset\""),
        ("{\"text\": \"a\", \"entities\": [{\"start_offset\": \"0\", \"end_offset\": 1, \"label\": \"X\"}]}", "line 1", "entities[0].start_offset must be a whole number"),
        ("{\"text\": \"a\", \"entities\": [{\"start_offset\": 0, \"end_offset\": 1}]}", "line 1", "entities[0] has no \"label\""),
        ("{\"text\": \"a\", \"entities\": [], \"relations\": {}}", "line 1", "\"relations\" must be a list"),
        ("{\"text\": \"a\", \"entities\": [], \"relations\": [{\"from_id\": 1, \"type\": \"r\"}]}", "line 1", "relations[0].to_id must be an entity id"),
        ("{\"text\": \"a\", \"entities\": [], \"relations\": [{\"from_id\": 1, \"to_id\": [2], \"type\": \"r\"}]}", "line 1", "relations[0].to_id"),
        ("{\"text\": \"a\", \"entities\": [], \"relations\": [{\"from_id\": 1, \"to_id\": 2}]}", "line 1", "relations[0] has no \"type\""),
    ];
    for (input, at, message) in cases {
        let error = doccano::import(input).unwrap_err();
        assert_eq!(&error.at, at, "{input}: {error}");
        assert!(error.message.contains(message), "{input}: {error}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_input_is_read_or_refused_without_panicking(input in ".{0,200}") {
            let _ = doccano::import(&input);
        }

        #[test]
        fn any_json_line_is_read_or_refused_without_panicking(
            start in any::<i64>(),
            end in any::<f64>(),
            id in prop::sample::select(vec!["1", "\"a\"", "null", "[]", "{}", "-5", "1.5"]),
            label in prop::sample::select(vec!["\"X\"", "null", "3", "[]", "{}"]),
        ) {
            let entities = format!(
                r#"{{"text": "ab", "entities": [{{"id": {id}, "start_offset": {start}, "end_offset": {end}, "label": {label}}}], "relations": [{{"id": {id}, "from_id": {id}, "to_id": {id}, "type": {label}}}], "span_details": [{id}]}}"#
            );
            let _ = doccano::import(&entities);
            let triples = format!(r#"{{"text": "ab", "label": [[{start}, {end}, {label}], {id}]}}"#);
            let _ = doccano::import(&triples);
        }
    }
}

#[test]
fn doccano_lines_name_the_annotator_at_the_top_level_and_it_loads_back() {
    let session = rich_session();
    let document = Document {
        annotator: Some("ana".to_owned()),
        ..(*session.document).clone()
    };
    let work = annotator::model::formats::draft::Work {
        document: &document,
        ..session.work()
    };
    for jsonl in [
        doccano::export_sequence(&[work]),
        doccano::export_relations(&[work]),
    ] {
        assert_eq!(lines(&jsonl)[0]["annotator"], "ana");
        assert!(jsonl.ends_with(
            ",\"source\":\"https://example.org/hard\",\"annotator\":\"ana\",\"offset_unit\":\"codepoint\"}\n"
        ));
        let drafts = doccano::import(&jsonl).unwrap();
        assert_eq!(drafts[0].annotator.as_deref(), Some("ana"));
        assert!(drafts[0].extra.is_empty(), "{:?}", drafts[0].extra);
    }
    // Without one there is no key.
    assert!(lines(&doccano::export_sequence(&[session.work()]))[0]
        .get("annotator")
        .is_none());
}

#[test]
fn a_doccano_annotator_that_is_not_a_name_stays_an_extra_field() {
    let drafts =
        doccano::import("{\"text\": \"Hi there.\", \"annotator\": 7, \"topic\": \"x\"}\n").unwrap();
    let draft = &drafts[0];
    assert_eq!(draft.annotator, None);
    assert_eq!(draft.extra.get("annotator"), Some(&Value::from(7)));
    // Written back as it came; an article that names its own annotator writes that one,
    // once.
    let document = Document {
        layout: Default::default(),
        extra: draft.extra.clone(),
        annotator: None,
        id: "doc-x".to_owned(),
        title: "x".to_owned(),
        source: None,
        text: ArticleText::new("Hi there."),
    };
    let session = Session::new(document.clone(), Default::default());
    let line = doccano::export_sequence(&[session.work()]);
    assert_eq!(lines(&line)[0]["annotator"], 7);
    let named = Document {
        annotator: Some("سارة".to_owned()),
        ..document
    };
    let work = annotator::model::formats::draft::Work {
        document: &named,
        ..session.work()
    };
    let line = doccano::export_sequence(&[work]);
    assert_eq!(line.matches("\"annotator\"").count(), 1, "{line}");
    assert_eq!(lines(&line)[0]["annotator"], "سارة");
    assert_eq!(lines(&line)[0]["topic"], "x");
}
