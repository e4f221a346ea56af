//! Importing checks every span against its text and the schema before anything changes:
//! problems are listed, moved quotes re-anchored, unplaceable spans kept as orphans.

mod common;

use annotator::model::formats::draft::{Draft, DraftRelation, DraftSpan};
use annotator::model::formats::native;
use annotator::model::span::{SpanId, Timestamp};
use annotator::state::Session;
use annotator_core::jobs::Review;
use annotator_formats::import::review;
use common::rich_session;

fn now() -> Timestamp {
    Timestamp("2026-11-24T12:00:00.000Z".to_owned())
}

fn review_onto_sample(draft: &Draft) -> Review {
    let open = Session::sample();
    review(draft, open.work(), &now()).expect("reviewable")
}

fn span(id: &str, label: &str, start: usize, end: usize, quote: Option<&str>) -> DraftSpan {
    DraftSpan {
        id: id.to_owned(),
        label: label.to_owned(),
        start: Some(start),
        end: Some(end),
        quote: quote.map(str::to_owned),
        ..Default::default()
    }
}

fn draft(text: &str, spans: Vec<DraftSpan>) -> Draft {
    Draft {
        text: Some(text.to_owned()),
        spans,
        ..Default::default()
    }
}

#[test]
fn a_native_export_imports_back_as_the_same_work_without_problems() {
    let session = rich_session();
    let drafts = native::import(&session.export_json()).expect("reads");
    assert_eq!(drafts.len(), 1);
    let result = review_onto_sample(&drafts[0]);
    assert_eq!(result.problems, Vec::<String>::new());
    assert!(result.orphans.is_empty());
    assert_eq!(result.imported.document, *session.document);
    assert_eq!(result.imported.schema, *session.schema);
    assert_eq!(result.imported.annotations, *session.annotations);
    assert_eq!((result.placed, result.reanchored), (7, 0));
}

#[test]
fn a_jsonl_dataset_holds_one_article_per_line() {
    let first = rich_session();
    let second = Session::sample();
    let jsonl = native::export_jsonl(&[first.work(), second.work()]);
    assert_eq!(jsonl.lines().count(), 2);
    let drafts = native::import(&jsonl).expect("reads");
    assert_eq!(drafts.len(), 2);
    assert_eq!(
        drafts[1].title.as_deref(),
        Some(second.document.title.as_str())
    );
}

#[test]
fn a_broken_line_of_a_dataset_is_reported_by_its_line() {
    let session = rich_session();
    let jsonl = native::export_jsonl(&[session.work(), session.work()]);
    let broken = jsonl.replacen("\"format\":\"article-annotator\"", "\"format\":", 2);
    let lines: Vec<&str> = jsonl.lines().collect();
    let broken = format!("{}\n{}", lines[0], broken.lines().nth(1).expect("line 2"));
    let error = native::import(&broken).expect_err("line 2 is broken");
    assert!(error.at.starts_with("line 2, column"), "{error}");
}

#[test]
fn malformed_json_names_its_line_and_column() {
    let error = native::import("{\n  \"format\": ,\n}").expect_err("malformed");
    assert_eq!(error.at, "line 2, column 13");
}

#[test]
fn a_quote_whose_offsets_moved_is_found_again_and_reported() {
    // The file's offsets are from a version of the text without the leading emoji.
    let text = "🌍 The minister said emissions fell by 12 percent.";
    let result = review_onto_sample(&draft(
        text,
        vec![span(
            "c1",
            "Claim",
            18,
            46,
            Some("emissions fell by 12 percent"),
        )],
    ));
    let placed = &result.imported.annotations.spans()[0];
    assert_eq!(placed.text, "emissions fell by 12 percent");
    assert_eq!(placed.range.start.0, 20);
    assert_eq!(result.reanchored, 1);
    assert!(
        result.problems[0].contains("its quote is not at 18..46; found at 20..48"),
        "{:?}",
        result.problems
    );
}

#[test]
fn a_quote_edited_slightly_is_placed_fuzzily_and_reported() {
    let text = "The minister said emissions fell by 12 percent last year.";
    let result = review_onto_sample(&draft(
        text,
        vec![span(
            "c1",
            "Claim",
            18,
            45,
            Some("emisions fell by 12 percent"),
        )],
    ));
    assert_eq!(result.placed, 1);
    assert!(
        result.problems[0].contains("1 edit away"),
        "{:?}",
        result.problems
    );
}

#[test]
fn spans_that_cannot_be_placed_become_orphans_with_their_reason() {
    let text = "Short text.";
    let result = review_onto_sample(&draft(
        text,
        vec![
            span("a", "Claim", 0, 500, None),
            span("b", "Claim", 5, 5, None),
            span("c", "Quote", 0, 5, Some("not in this text at all")),
            span("d", "Quote", 0, 5, Some("Short")),
        ],
    ));
    let reasons: Vec<(&str, &str)> = result
        .orphans
        .iter()
        .map(|orphan| (orphan.id.as_str(), orphan.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "a",
                "end 500 is past the text end 11, and no quote to find it by"
            ),
            (
                "b",
                "end 5 is not after start 5, and no quote to find it by"
            ),
            ("c", "its quote is not in the text"),
        ]
    );
    assert_eq!(result.placed, 1);
}

#[test]
fn unknown_labels_are_offered_for_the_schema_and_near_names_are_matched() {
    let text = "Dr Ada Lovelace said the engine works.";
    let result = review_onto_sample(&draft(
        text,
        vec![
            span("1", "PERSON", 0, 15, None),
            span("2", "quote", 21, 37, None),
            span("3", "PERSON", 3, 6, None),
        ],
    ));
    assert_eq!(result.added_labels, ["PERSON"]);
    let schema = &result.imported.schema;
    let person = schema.get("PERSON").expect("added");
    assert!(schema.problems().is_empty(), "{:?}", schema.problems());
    assert_eq!(person.hotkey, '4');
    let labels: Vec<&str> = result
        .imported
        .annotations
        .spans()
        .iter()
        .map(|span| span.label.as_str())
        .collect();
    assert_eq!(labels, ["PERSON", "PERSON", "Quote"]);
    assert!(result
        .problems
        .contains(&"Label “quote” is read as “Quote”.".to_owned()));
}

#[test]
fn duplicate_ids_are_renamed_and_said() {
    let text = "one two three";
    let result = review_onto_sample(&draft(
        text,
        vec![
            span("x", "Claim", 0, 3, None),
            span("x", "Claim", 4, 7, None),
        ],
    ));
    let ids: Vec<&str> = result
        .imported
        .annotations
        .spans()
        .iter()
        .map(|span| span.id.as_str())
        .collect();
    assert_eq!(ids, ["x", "x-2"]);
    assert!(result.problems[0].contains("becomes “x-2”"));
}

#[test]
fn relations_to_missing_or_unplaced_spans_are_left_out_and_said() {
    let text = "Ada said it works.";
    let mut file = draft(
        text,
        vec![
            span("q", "Quote", 9, 17, None),
            span("s", "Source", 0, 3, None),
            span("gone", "Source", 0, 300, None),
        ],
    );
    let relation = |id: &str, to: &str| DraftRelation {
        id: Some(id.to_owned()),
        kind: "said_by".to_owned(),
        from: "q".to_owned(),
        to: to.to_owned(),
    };
    file.relations = vec![
        relation("r1", "s"),
        relation("r2", "gone"),
        relation("r3", "nowhere"),
    ];
    let result = review_onto_sample(&file);
    assert_eq!(result.imported.annotations.relations().len(), 1);
    assert_eq!(
        result.problems,
        [
            "Relation “r2”: it points at span “gone”, which could not be placed; it is left out.",
            "Relation “r3”: it points at span “nowhere”, which is not in the file; it is left out.",
        ]
    );
}

#[test]
fn offsets_into_a_crlf_text_land_on_the_same_characters_once_stored() {
    let text = "Line one.\r\n\r\nAda said “it works” 👍🏽.\r\n";
    // As Python's text.index("it works"), which counts the "\r" characters.
    let start = text[..text.find("it works").expect("there")]
        .chars()
        .count();
    let result = review_onto_sample(&draft(
        text,
        vec![span("q", "Quote", start, start + 8, None)],
    ));
    assert_eq!(result.imported.annotations.spans()[0].text, "it works");
    assert!(result.problems.is_empty());
}

#[test]
fn a_file_without_text_is_placed_onto_the_open_article_beside_its_spans() {
    let open = rich_session();
    let file = Draft {
        text: None,
        spans: vec![DraftSpan {
            id: "w3c-1".to_owned(),
            label: "Source".to_owned(),
            quote: Some("Family".to_owned()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let result = review(&file, open.work(), &now()).expect("reviewable");
    assert!(result.onto_open_article);
    assert_eq!(result.imported.document, *open.document);
    assert_eq!(
        result.imported.annotations.len(),
        open.annotations.len() + 1
    );
    assert!(result
        .imported
        .annotations
        .get(&SpanId::new("w3c-1"))
        .is_some_and(|span| span.text == "Family"));
}

#[test]
fn an_article_without_text_is_refused() {
    let open = Session::sample();
    assert!(review(&draft("  \n ", Vec::new()), open.work(), &now()).is_err());
}
