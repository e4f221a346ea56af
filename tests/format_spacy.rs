//! spaCy / Prodigy JSONL: tokens spaCy rebuilds the text from, spans on token
//! boundaries, Prodigy's relation form, and files Prodigy writes read back.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::draft::Draft;
use annotator::model::text::ArticleText;
use annotator::state::Session;
use annotator_formats::spacy;
use common::{assert_matches_file, rich_session, tag};
use serde_json::Value;

fn lines(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `text[start:end]` in Python: code points.
fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Relations as (kind, from quote, to quote).
fn session_relations(session: &Session) -> Vec<(String, String, String)> {
    let quote = |id| session.annotations.get(id).unwrap().text.clone();
    session
        .annotations
        .relations()
        .iter()
        .map(|relation| {
            (
                relation.kind.clone(),
                quote(&relation.from),
                quote(&relation.to),
            )
        })
        .collect()
}

fn draft_relations(draft: &Draft) -> Vec<(String, String, String)> {
    let quote = |id: &str| {
        let span = draft.spans.iter().find(|span| span.id == id).unwrap();
        span.quote.clone().unwrap()
    };
    draft
        .relations
        .iter()
        .map(|relation| {
            (
                relation.kind.clone(),
                quote(&relation.from),
                quote(&relation.to),
            )
        })
        .collect()
}

#[test]
fn spacy_export_of_the_hard_article_matches_the_fixture() {
    let session = rich_session();
    let jsonl = spacy::export(&[session.work()]);
    assert_matches_file(
        jsonl.as_bytes(),
        "tests/fixtures/formats/hard-text.spacy.jsonl",
    );
}

#[test]
fn every_exported_span_slices_its_quote_and_sits_on_its_tokens() {
    let session = rich_session();
    let jsonl = spacy::export(&[session.work()]);
    assert!(jsonl.ends_with('\n'));
    let task = &lines(&jsonl)[0];
    let text = task["text"].as_str().unwrap();
    assert_eq!(text, session.document.text.as_str());
    assert_eq!(task["meta"]["offset_unit"], "codepoint");
    let tokens = task["tokens"].as_array().unwrap();
    // spaCy's Doc(words, spaces) gives back the text.
    let rebuilt: String = tokens
        .iter()
        .map(|token| {
            let ws = if token["ws"].as_bool().unwrap() {
                " "
            } else {
                ""
            };
            format!("{}{ws}", token["text"].as_str().unwrap())
        })
        .collect();
    assert_eq!(rebuilt, text);
    for (index, token) in tokens.iter().enumerate() {
        assert_eq!(token["id"], index);
        let (start, end) = (
            token["start"].as_u64().unwrap(),
            token["end"].as_u64().unwrap(),
        );
        assert_eq!(slice(text, start, end), token["text"].as_str().unwrap());
    }
    let spans = task["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 7);
    for span in spans {
        let (start, end) = (
            span["start"].as_u64().unwrap(),
            span["end"].as_u64().unwrap(),
        );
        assert_eq!(slice(text, start, end), span["text"].as_str().unwrap());
        let first = &tokens[span["token_start"].as_u64().unwrap() as usize];
        let last = &tokens[span["token_end"].as_u64().unwrap() as usize];
        assert_eq!(first["start"], span["start"], "{span}");
        assert_eq!(last["end"], span["end"], "{span}");
    }
    // Prodigy's relation form: head/child are the last tokens of the spans.
    let relations = task["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 3);
    for relation in relations {
        assert_eq!(relation["head"], relation["head_span"]["token_end"]);
        assert_eq!(relation["child"], relation["child_span"]["token_end"]);
    }
    assert_eq!(relations[0]["label"], "said_by");
    assert_eq!(relations[0]["head_span"]["label"], "Quote");
    assert_eq!(relations[0]["child_span"]["label"], "Source");
}

#[test]
fn spacy_export_loads_back_with_its_spans_notes_attributes_and_relations() {
    let session = rich_session();
    let drafts = spacy::import(&spacy::export(&[session.work()])).unwrap();
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.id.as_deref(), Some("doc-hard"));
    assert_eq!(draft.title.as_deref(), Some("Hard text"));
    assert_eq!(draft.source.as_deref(), Some("https://example.org/hard"));
    assert_eq!(draft.text.as_deref(), Some(session.document.text.as_str()));
    assert_eq!(common::draft_spans(draft), common::session_spans(&session));
    assert_eq!(draft_relations(draft), session_relations(&session));
    // Ids are 1, 2, … in file order.
    let ids: Vec<&str> = draft.spans.iter().map(|span| span.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7"]);
}

#[test]
fn exporting_twice_gives_the_same_bytes() {
    let session = rich_session();
    assert_eq!(
        spacy::export(&[session.work()]),
        spacy::export(&[rich_session().work()])
    );
}

#[test]
fn several_articles_give_one_line_each_and_load_back_in_order() {
    let rich = rich_session();
    let mut plain = Session::new(
        Document {
            layout: Default::default(),
            extra: Default::default(),
            id: "doc-2".to_owned(),
            title: "Second".to_owned(),
            source: None,
            text: ArticleText::new("Nothing  tagged\there.\n"),
            annotator: None,
        },
        Default::default(),
    );
    tag(&mut plain, "x", "Claim", "tagged");
    let jsonl = spacy::export(&[rich.work(), plain.work()]);
    assert_eq!(jsonl.lines().count(), 2);
    let second = &lines(&jsonl)[1];
    assert!(second["meta"].get("source").is_none());
    let drafts = spacy::import(&jsonl).unwrap();
    assert_eq!(drafts[1].id.as_deref(), Some("doc-2"));
    assert_eq!(drafts[1].source, None);
    assert_eq!(
        common::draft_spans(&drafts[1]),
        common::session_spans(&plain)
    );
}

#[test]
fn a_span_with_spaces_at_its_edges_still_has_its_own_tokens() {
    let mut session = Session::new(
        Document {
            layout: Default::default(),
            extra: Default::default(),
            id: "d".to_owned(),
            title: "t".to_owned(),
            source: None,
            text: ArticleText::new("He said it was fine."),
            annotator: None,
        },
        Default::default(),
    );
    tag(&mut session, "a", "Quote", " said ");
    tag(&mut session, "b", "Claim", "it was");
    let task = &lines(&spacy::export(&[session.work()]))[0];
    let tokens = task["tokens"].as_array().unwrap();
    for span in task["spans"].as_array().unwrap() {
        let first = &tokens[span["token_start"].as_u64().unwrap() as usize];
        let last = &tokens[span["token_end"].as_u64().unwrap() as usize];
        assert_eq!(first["start"], span["start"]);
        assert_eq!(last["end"], span["end"]);
    }
}

#[test]
fn a_file_written_by_prodigy_rel_manual_imports() {
    let input = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/foreign/prodigy-rel-manual.jsonl"
    ))
    .unwrap();
    let drafts = spacy::import(&input).unwrap();
    assert_eq!(drafts.len(), 2);
    let draft = &drafts[0];
    assert_eq!(draft.source.as_deref(), Some("news-2026-11.jsonl"));
    let spans: Vec<(&str, Option<usize>, Option<usize>)> = draft
        .spans
        .iter()
        .map(|span| (span.label.as_str(), span.start, span.end))
        .collect();
    assert_eq!(
        spans,
        [
            ("SOURCE", Some(0), Some(12)),
            ("QUOTE", Some(19), Some(48)),
            ("CLAIM", Some(20), Some(46)),
        ]
    );
    assert_eq!(draft.spans[0].quote.as_deref(), Some("Anna Schmidt"));
    assert_eq!(draft.spans[1].quote, None);
    // One relation by head_span/child_span, one by token indices alone.
    assert_eq!(
        draft_relation_ends(draft),
        [("SAID_BY", "2", "1"), ("ACCORDING_TO", "3", "1")]
    );
    // A task of Prodigy's ner.manual: spans without tokens or relations.
    let second = &drafts[1];
    assert_eq!(second.spans.len(), 1);
    assert_eq!(second.spans[0].label, "ORG");
    assert!(second.relations.is_empty());
}

fn draft_relation_ends(draft: &Draft) -> Vec<(&str, &str, &str)> {
    draft
        .relations
        .iter()
        .map(|relation| {
            (
                relation.kind.as_str(),
                relation.from.as_str(),
                relation.to.as_str(),
            )
        })
        .collect()
}

#[test]
fn a_relation_to_something_that_is_not_a_span_is_kept_for_the_review_to_name() {
    let input = r#"{"text": "a b", "spans": [{"start": 0, "end": 1, "label": "X"}], "relations": [{"head": 0, "child": 1, "label": "R", "head_span": {"start": 0, "end": 1, "label": "X"}, "child_span": {"start": 2, "end": 3, "label": null}}]}"#;
    let drafts = spacy::import(input).unwrap();
    assert_eq!(draft_relation_ends(&drafts[0]), [("R", "1", "2..3")]);
}

#[test]
fn malformed_files_give_a_located_error_and_never_panic() {
    let cases: &[(&str, &str, &str)] = &[
        ("", "", "no lines"),
        ("{\"text\": \"abc\", \"spans\": [", "line 1, column 26", "EOF"),
        ("{\"text\": \"a\"}\n\n[1, 2]", "line 3", "object"),
        ("{\"spans\": []}", "line 1", "no \"text\""),
        ("{\"text\": 7}", "line 1", "\"text\" must be a string"),
        ("{\"text\": \"a\", \"spans\": {}}", "line 1", "\"spans\" must be a list"),
        ("{\"text\": \"a\", \"spans\": [3]}", "line 1", "spans[0] must be an object"),
        ("{\"text\": \"a\", \"spans\": [{\"start\": 0, \"end\": 1}]}", "line 1", "spans[0] has no \"label\""),
        ("{\"text\": \"a\", \"spans\": [{\"start\": -1, \"end\": 1, \"label\": \"X\"}]}", "line 1", "spans[0].start must be a whole number ≥ 0, not -1"),
        ("{\"text\": \"a\", \"spans\": [{\"start\": 0, \"end\": 1e40, \"label\": \"X\"}]}", "line 1", "spans[0].end must be a whole number"),
        ("{\"text\": \"a\", \"spans\": [{\"start\": 0, \"end\": 99999999999999999999999, \"label\": \"X\"}]}", "line 1", "spans[0].end must be a whole number"),
        ("{\"text\": \"a\", \"spans\": [{\"start\": 0.5, \"end\": 1, \"label\": \"X\"}]}", "line 1", "spans[0].start"),
        ("{\"text\": \"a\", \"spans\": [{\"start\": 0, \"end\": 1, \"label\": 5}]}", "line 1", "spans[0].label must be a string"),
        ("{\"text\": \"a\", \"spans\": [{\"start\": 0, \"end\": 1, \"label\": \"X\", \"attributes\": [1]}]}", "line 1", "spans[0].attributes must be an object"),
        ("{\"text\": \"a\", \"relations\": [{\"label\": \"R\"}]}", "line 1", "relations[0] has neither \"head_span\" nor \"head\""),
        ("{\"text\": \"a\", \"relations\": [{\"head\": 0, \"child\": 0}]}", "line 1", "relations[0] has no \"label\""),
        ("{\"text\": \"a\", \"relations\": [{\"label\": \"R\", \"head_span\": {\"start\": 0}}]}", "line 1", "relations[0].head_span has no \"end\""),
    ];
    for (input, at, message) in cases {
        let error = spacy::import(input).unwrap_err();
        assert_eq!(&error.at, at, "{input}: {error}");
        assert!(error.message.contains(message), "{input}: {error}");
    }
    // A byte-order mark and blank lines are fine.
    assert!(spacy::import("\u{feff}{\"text\": \"a\"}\n\n").is_ok());
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_input_is_read_or_refused_without_panicking(input in ".{0,200}") {
            let _ = spacy::import(&input);
        }

        #[test]
        fn any_json_line_is_read_or_refused_without_panicking(
            start in any::<i64>(),
            end in any::<i64>(),
            head in any::<i64>(),
            label in prop::sample::select(vec!["\"X\"", "null", "3", "[]", "{}"]),
        ) {
            let line = format!(
                r#"{{"text": "ab", "spans": [{{"start": {start}, "end": {end}, "label": {label}, "token_end": {head}}}], "relations": [{{"head": {head}, "child": {end}, "label": {label}}}]}}"#
            );
            let _ = spacy::import(&line);
        }
    }
}

#[test]
fn spacy_meta_names_the_annotator_and_it_loads_back() {
    let session = rich_session();
    assert!(lines(&spacy::export(&[session.work()]))[0]["meta"]
        .get("annotator")
        .is_none());
    let document = Document {
        annotator: Some("Zoe\u{0301} 👍🏽".to_owned()),
        ..(*session.document).clone()
    };
    let work = annotator::model::formats::draft::Work {
        document: &document,
        ..session.work()
    };
    let jsonl = spacy::export(&[work]);
    assert_eq!(lines(&jsonl)[0]["meta"]["annotator"], "Zoe\u{0301} 👍🏽");
    assert!(jsonl.contains(
        "\"meta\":{\"id\":\"doc-hard\",\"title\":\"Hard text\",\"source\":\"https://example.org/hard\",\"annotator\":\"Zoe\u{0301} 👍🏽\",\"offset_unit\":\"codepoint\"},"
    ));
    let drafts = spacy::import(&jsonl).unwrap();
    assert_eq!(drafts[0].annotator.as_deref(), Some("Zoe\u{0301} 👍🏽"));
}
