//! CSV export: one RFC 4180 row per span, for spreadsheets and pandas.
mod common;

use annotator::model::span::{Evidence, SpanId};
use annotator::state::{Action, Session};
use annotator_formats::csv;
use common::{assert_matches_file, rich_session, tag};

/// A strict RFC 4180 reader: records end in CRLF, quoted fields may hold anything.
fn parse(csv: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = csv.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("a bare LF ends a record"),
            _ => field.push(c),
        }
    }
    assert!(!quoted, "an unclosed quote");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record has no CRLF"
    );
    records
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn csv_export_of_the_hard_text_matches_the_committed_file() {
    let session = rich_session();
    assert_matches_file(
        csv::export(&[session.work()]).as_bytes(),
        "tests/fixtures/formats/hard-text.csv",
    );
}

#[test]
fn every_csv_row_slices_the_article_to_its_text_by_code_points() {
    let session = rich_session();
    let text = session.document.text.as_str();
    let records = parse(&csv::export(&[session.work()]));
    assert_eq!(
        records[0],
        [
            "article_id",
            "span_id",
            "label",
            "start_codepoint",
            "end_codepoint",
            "text",
            "note",
            "attributes",
            "linked_source_id",
            "linked_source",
            "link_kind"
        ]
    );
    let spans = session.annotations.spans();
    assert_eq!(records.len(), spans.len() + 1);
    for (row, span) in records[1..].iter().zip(spans) {
        assert_eq!(row.len(), 11);
        assert_eq!(row[0], "doc-hard");
        assert_eq!(row[1], span.id.as_str(), "rows come in document order");
        assert_eq!(row[2], span.label);
        let (start, end): (usize, usize) = (row[3].parse().unwrap(), row[4].parse().unwrap());
        assert_eq!(slice(text, start, end), row[5], "{}", row[1]);
        assert_eq!(row[5], span.text);
        assert_eq!(row[6], span.note, "notes keep their line breaks and quotes");
    }
}

#[test]
fn csv_rows_carry_attributes_and_the_sources_they_link_to() {
    let session = rich_session();
    let records = parse(&csv::export(&[session.work()]));
    let row = |id: &str| records.iter().find(|row| row[1] == id).unwrap().clone();
    let c2 = row("c2");
    assert_eq!(c2[7], "check-worthy=yes; claim type=statistic");
    assert_eq!(
        c2[8..],
        ["s1", "Minister Zoe\u{301} Ferna\u{301}ndez", "according_to"]
    );
    let q2 = row("q2");
    assert_eq!(q2[8..], ["s2", "عمر الفاروق", "said_by"]);
    let s1 = row("s1");
    assert_eq!(s1[7], "kind=person");
    assert_eq!(s1[8..], ["", "", ""], "incoming links are not listed");
}

#[test]
fn a_quote_linked_to_two_sources_lists_both_in_each_link_column() {
    let mut session = rich_session();
    session.apply(Action::Link {
        id: "r4".to_owned(),
        from: SpanId::new("q1"),
        to: SpanId::new("s2"),
    });
    let records = parse(&csv::export(&[session.work()]));
    let q1 = records.iter().find(|row| row[1] == "q1").unwrap();
    assert_eq!(
        q1[8..],
        [
            "s1 | s2",
            "Minister Zoe\u{301} Ferna\u{301}ndez | عمر الفاروق",
            "said_by | said_by"
        ]
    );
}

#[test]
fn fields_with_commas_quotes_or_line_breaks_are_quoted_and_others_are_not() {
    let session = rich_session();
    let out = csv::export(&[session.work()]);
    assert!(out.contains(",\"Check the \"\"12%\"\" figure,\nagainst the ministry's report\","));
    assert!(out.contains("\r\ndoc-hard,c2,Claim,37,45,fell 12%,,"));
    assert!(out.ends_with("\r\n"));
    assert_eq!(out.matches("\r\n").count(), 8, "a header and 7 rows");
}

#[test]
fn several_articles_share_one_header_and_keep_their_ids() {
    let first = rich_session();
    let mut second = rich_session();
    tag(&mut second, "extra", "Claim", "End.");
    let records = parse(&csv::export(&[first.work(), second.work()]));
    assert_eq!(records.len(), 1 + 7 + 8);
    assert_eq!(
        records.iter().filter(|row| row[0] == "article_id").count(),
        1
    );
    assert_eq!(records.last().unwrap()[1], "extra");
}

#[test]
fn an_article_without_spans_gives_just_the_header() {
    let session = Session::new(rich_session().document.as_ref().clone(), Default::default());
    let out = csv::export(&[session.work()]);
    assert_eq!(parse(&out).len(), 1);
}

#[test]
fn csv_export_is_deterministic() {
    assert_eq!(
        csv::export(&[rich_session().work()]),
        csv::export(&[rich_session().work()])
    );
}

#[test]
fn the_claims_csv_has_one_row_per_claim_with_its_verdict_rating_and_source() {
    let mut session = rich_session();
    let claims: Vec<(String, String)> = (session.annotations.spans().iter())
        .filter(|span| span.label == "Claim")
        .map(|span| (span.id.as_str().to_owned(), span.text.clone()))
        .collect();
    assert_eq!(claims.len(), 3);
    for ((id, _), verdict) in claims.iter().zip(["False", "Unproven"]) {
        session.apply(Action::SetAttribute {
            id: SpanId::new(id),
            name: "verdict".to_owned(),
            value: Some(verdict.to_owned()),
            now: common::at("2026-11-24T10:05:00.000Z"),
        });
    }
    let rows = parse(&csv::export_claims(&[session.work()]));
    assert_eq!(
        rows[0],
        [
            "article_id",
            "article_title",
            "article_url",
            "claim_id",
            "start_codepoint",
            "end_codepoint",
            "claim",
            "verdict",
            "rating_value",
            "best_rating",
            "worst_rating",
            "reviewed_by",
            "reviewed_on",
            "source",
            "source_kind",
            "note",
            "summary",
            "review_url",
            "evidence"
        ]
    );
    assert_eq!(rows.len(), 4, "a header and one row per claim");
    let column = |row: &Vec<String>, name: &str| {
        let at = rows[0]
            .iter()
            .position(|header| header == name)
            .expect("a column");
        row[at].clone()
    };
    for (row, (id, text)) in rows[1..].iter().zip(&claims) {
        assert_eq!(column(row, "claim_id"), *id);
        assert_eq!(column(row, "claim"), *text);
        let (start, end): (usize, usize) = (
            column(row, "start_codepoint").parse().expect("a number"),
            column(row, "end_codepoint").parse().expect("a number"),
        );
        assert_eq!(slice(session.document.text.as_str(), start, end), *text);
    }
    let rated: Vec<[String; 4]> = rows[1..]
        .iter()
        .map(|row| {
            ["verdict", "rating_value", "best_rating", "worst_rating"].map(|name| column(row, name))
        })
        .collect();
    assert_eq!(rated[0], ["False", "2", "6", "1"]);
    assert_eq!(
        rated[1],
        ["Unproven", "", "", ""],
        "off the scale: no number"
    );
    assert_eq!(rated[2], ["", "", "", ""]);
    let c2 = rows
        .iter()
        .find(|row| column(row, "claim_id") == "c2")
        .expect("c2");
    assert_eq!(column(c2, "source"), "Minister Zoe\u{301} Ferna\u{301}ndez");
    assert_eq!(column(c2, "source_kind"), "person");
}

#[test]
fn the_claims_csv_carries_the_review_fields_and_the_evidence_one_item_per_line() {
    let mut session = rich_session();
    let now = common::at("2026-11-24T10:05:00.000Z");
    let c2 = SpanId::new("c2");
    session.apply(Action::SetAttributes {
        id: c2.clone(),
        set: vec![
            (
                "summary".to_owned(),
                Some("Emissions rose, «not» fell.".to_owned()),
            ),
            (
                "review url".to_owned(),
                Some("https://checks.example/c2".to_owned()),
            ),
        ],
        now: now.clone(),
    });
    for (url, title, passage, note) in [
        (
            "https://stats.example/2025",
            "Statistics office, 2025",
            "rose 3%",
            "",
        ),
        ("", "Phone call with the ministry", "", "they could not say"),
    ] {
        let evidence = Evidence {
            url: url.to_owned(),
            title: title.to_owned(),
            passage: passage.to_owned(),
            note: note.to_owned(),
        };
        let change = session.apply(Action::AddEvidence {
            id: c2.clone(),
            evidence,
            now: now.clone(),
        });
        assert_eq!(change, annotator::state::Change::Work);
    }
    let rows = parse(&csv::export_claims(&[session.work()]));
    let at = |name: &str| {
        rows[0]
            .iter()
            .position(|header| header == name)
            .expect("a column")
    };
    let row = rows
        .iter()
        .find(|row| row[at("claim_id")] == "c2")
        .expect("c2");
    assert_eq!(row[at("summary")], "Emissions rose, «not» fell.");
    assert_eq!(row[at("review_url")], "https://checks.example/c2");
    assert_eq!(
        row[at("evidence")],
        "Statistics office, 2025 <https://stats.example/2025> “rose 3%”\nPhone call with the ministry (they could not say)"
    );
}
