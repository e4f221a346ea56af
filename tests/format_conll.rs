//! CoNLL IOB2 export: one token per line with code-point offsets, outer spans kept when
//! spans overlap, and the header saying how many spans IOB could not hold.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::Format;
use annotator::model::text::ArticleText;
use annotator::state::Session;
use annotator_formats::conll;
use common::{assert_matches_file, rich_session, tag};

fn session_of(text: &str) -> Session {
    Session::new(
        Document {
            layout: Default::default(),
            extra: Default::default(),
            id: "d".to_owned(),
            title: "T".to_owned(),
            source: None,
            text: ArticleText::new(text),
            annotator: None,
        },
        Default::default(),
    )
}

/// The (token, tag) rows of an export, with `None` for each blank line.
fn rows(text: &str) -> Vec<Option<(String, String)>> {
    text.lines()
        .filter(|line| !line.starts_with("# "))
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            match cells.as_slice() {
                [""] => None,
                [token, _, _, tag] => Some((token.to_string(), tag.to_string())),
                _ => panic!("not four columns: {line:?}"),
            }
        })
        .collect()
}

fn tags(text: &str) -> Vec<String> {
    rows(text)
        .into_iter()
        .map(|row| row.map_or_else(|| "|".to_owned(), |(token, tag)| format!("{token}/{tag}")))
        .collect()
}

#[test]
fn conll_export_of_the_hard_article_matches_the_fixture() {
    let session = rich_session();
    let export = conll::export(&[session.work()]);
    assert_matches_file(
        export.text.as_bytes(),
        "tests/fixtures/formats/hard-text.conll",
    );
}

#[test]
fn nested_and_crossing_spans_are_dropped_and_counted() {
    let session = rich_session();
    let export = conll::export(&[session.work()]);
    // "fell 12%" sits inside the quote; the claim across the line break crosses it.
    assert_eq!(export.dropped, 2);
    assert_eq!(
        Format::Conll.losses(&[session.work()]).as_deref(),
        Some("2 of 7 spans overlap others and will be left out (the file's header says so).")
    );
    assert!(export.text.contains(
        "# dropped: 2 of 7 spans (overlapping or nested spans cannot be represented in IOB)\n"
    ));
    assert!(export.text.contains("# offset_unit: codepoint"));
    assert!(export
        .text
        .contains("# article_id: doc-hard\n# title: Hard text\n"));
}

#[test]
fn every_token_line_slices_its_token_from_the_article_text() {
    let session = rich_session();
    let export = conll::export(&[session.work()]);
    let chars: Vec<char> = session.document.text.as_str().chars().collect();
    let mut count = 0;
    for line in export
        .text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
    {
        let cells: Vec<&str> = line.split('\t').collect();
        let (start, end): (usize, usize) = (cells[1].parse().unwrap(), cells[2].parse().unwrap());
        let token: String = chars[start..end].iter().collect();
        assert_eq!(token, cells[0]);
        assert!(!token.trim().is_empty());
        count += 1;
    }
    assert!(count > 20);
}

#[test]
fn tags_follow_iob2_and_each_kept_span_is_one_run() {
    let session = rich_session();
    let export = conll::export(&[session.work()]);
    let mut previous = "O".to_owned();
    for row in rows(&export.text) {
        let Some((_, tag)) = row else {
            previous = "O".to_owned();
            continue;
        };
        if let Some(label) = tag.strip_prefix("I-") {
            assert!(
                previous.ends_with(&format!("-{label}")),
                "{previous} then {tag}"
            );
        }
        previous = tag;
    }
    let tagged: Vec<String> = tags(&export.text)
        .into_iter()
        .filter(|row| !row.ends_with("/O"))
        .collect();
    assert_eq!(
        &tagged[..3],
        [
            "Minister/B-Source",
            "Zoe\u{0301}/I-Source",
            "Ferna\u{0301}ndez/I-Source"
        ]
    );
    assert!(tagged.contains(&"👩‍👩‍👧/B-Claim".to_owned()));
    assert!(tagged.contains(&"👍🏽/I-Claim".to_owned()));
}

#[test]
fn lines_of_the_text_become_sentences() {
    let session = session_of("One two.\n\n\nThree\tfour  five.\n");
    let export = conll::export(&[session.work()]);
    assert_eq!(
        tags(&export.text),
        ["One/O", "two/O", "./O", "|", "Three/O", "four/O", "five/O", "./O"]
    );
    assert_eq!(export.dropped, 0);
    assert!(export.text.contains("# dropped: 0 of 0 spans"));
}

#[test]
fn a_span_across_a_line_break_stays_in_one_sentence() {
    let mut session = session_of("He said:\nno way.\nThe end.");
    tag(&mut session, "a", "Quote", "said:\nno");
    let export = conll::export(&[session.work()]);
    assert_eq!(
        tags(&export.text),
        [
            "He/O",
            "said/B-Quote",
            ":/I-Quote",
            "no/I-Quote",
            "way/O",
            "./O",
            "|",
            "The/O",
            "end/O",
            "./O"
        ]
    );
}

#[test]
fn a_span_starting_with_a_space_begins_at_its_first_written_token() {
    let mut session = session_of("a  b c");
    tag(&mut session, "a", "Claim", " b");
    let export = conll::export(&[session.work()]);
    assert_eq!(tags(&export.text), ["a/O", "b/B-Claim", "c/O"]);
}

#[test]
fn span_edges_inside_words_split_the_tokens() {
    let mut session = session_of("unbelievable");
    tag(&mut session, "a", "Claim", "believ");
    let export = conll::export(&[session.work()]);
    assert_eq!(tags(&export.text), ["un/O", "believ/B-Claim", "able/O"]);
}

#[test]
fn of_two_crossing_spans_the_first_is_kept_and_nested_ones_lose_to_outer_ones() {
    let mut session = session_of("alpha beta gamma delta");
    tag(&mut session, "a", "Claim", "alpha beta");
    tag(&mut session, "b", "Quote", "beta gamma");
    tag(&mut session, "c", "Source", "delta");
    tag(&mut session, "d", "Claim", "gamma delta");
    let export = conll::export(&[session.work()]);
    assert_eq!(
        tags(&export.text),
        [
            "alpha/B-Claim",
            "beta/I-Claim",
            "gamma/B-Claim",
            "delta/I-Claim"
        ]
    );
    assert_eq!(export.dropped, 2);
}

#[test]
fn articles_are_separated_by_a_blank_line_and_each_has_its_header() {
    let rich = rich_session();
    let plain = session_of("Plain.");
    let export = conll::export(&[rich.work(), plain.work()]);
    assert_eq!(export.dropped, 2);
    assert!(export
        .text
        .contains("\n\n# article_id: d\n# title: T\n# offset_unit"));
    assert!(export.text.ends_with("Plain\t0\t5\tO\n.\t5\t6\tO\n"));
    assert_eq!(export.text.matches("# dropped:").count(), 2);
}

#[test]
fn exporting_twice_gives_the_same_bytes() {
    assert_eq!(
        conll::export(&[rich_session().work()]),
        conll::export(&[rich_session().work()])
    );
}
