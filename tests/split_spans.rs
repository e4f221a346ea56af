//! Split spans (a quotation interrupted by its attribution is one quote in pieces) and a
//! claim's evidence: the edits, undo, and the formats that carry pieces.

mod common;

use annotator::model::formats::{Format, InFile};
use annotator::model::offsets::CharRange;
use annotator::model::span::{Evidence, SpanId, Timestamp};
use annotator::model::words::{Direction, Edge, Step};
use annotator::state::{Action, Change, Refusal, Session};
use annotator_formats::import::review;
use annotator_formats::{export, read};
use common::{at, find, tag, HARD_TEXT};

const QUOTE_TEXT: &str = "“Our group mainly consists of volunteers,” she said, “who want to offer an alternative.” The mayor 👩🏽‍⚖️ disagreed.\r\nقال: «لا»، ثم أضاف «أبداً».";

fn session_on(text: &str) -> Session {
    use annotator::model::document::Document;
    use annotator::model::text::ArticleText;
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        annotator: None,
        id: "doc-split".to_owned(),
        title: "Split".to_owned(),
        source: None,
        text: ArticleText::new(text),
    };
    Session::new(document, Default::default())
}

fn add_piece(session: &mut Session, id: &str, needle: &str) -> Change {
    let range = find(session.document.text.as_str(), needle);
    session.apply(Action::AddPiece {
        id: SpanId::new(id),
        range,
        exact: true,
        now: at("2026-12-03T10:00:00.000Z"),
    })
}

fn pieces(session: &Session, id: &str) -> Vec<String> {
    let span = session.annotations.get(&SpanId::new(id)).expect("the span");
    (span.ranges().iter())
        .map(|piece| session.document.text.slice(*piece).unwrap().to_owned())
        .collect()
}

#[test]
fn a_quote_interrupted_by_its_attribution_is_one_span_in_two_pieces_and_undo_takes_the_piece_back()
{
    let mut session = session_on(QUOTE_TEXT);
    tag(
        &mut session,
        "q",
        "Quote",
        "Our group mainly consists of volunteers,",
    );
    let one = (*session.annotations).clone();
    assert_eq!(
        add_piece(&mut session, "q", "who want to offer an alternative."),
        Change::Work
    );
    let span = session.annotations.get(&SpanId::new("q")).unwrap().clone();
    assert!(span.is_split());
    assert_eq!(
        pieces(&session, "q"),
        [
            "Our group mainly consists of volunteers,",
            "who want to offer an alternative."
        ]
    );
    assert_eq!(
        span.text,
        "Our group mainly consists of volunteers, … who want to offer an alternative."
    );
    assert_eq!(span.range.start, span.pieces[0].start);
    assert_eq!(span.range.end, span.pieces[1].end);
    assert_eq!(session.annotations.len(), 1, "one span, not two");
    session.apply(Action::Undo);
    assert_eq!(*session.annotations, one);
    session.apply(Action::Redo);
    assert_eq!(session.annotations.get(&SpanId::new("q")), Some(&span));
}

#[test]
fn a_piece_that_overlaps_or_touches_another_widens_it_and_white_space_between_pieces_joins_them() {
    let mut session = session_on(QUOTE_TEXT);
    tag(&mut session, "q", "Quote", "Our group");
    assert_eq!(add_piece(&mut session, "q", "group mainly"), Change::Work);
    assert_eq!(pieces(&session, "q"), ["Our group mainly"]);
    // Only a space apart: one piece.
    assert_eq!(add_piece(&mut session, "q", "consists"), Change::Work);
    assert_eq!(pieces(&session, "q"), ["Our group mainly consists"]);
    assert!(!session
        .annotations
        .get(&SpanId::new("q"))
        .unwrap()
        .is_split());
    // Inside it already: nothing changes.
    assert_eq!(add_piece(&mut session, "q", "group"), Change::None);
    // A blank selection is refused.
    let blank = find(QUOTE_TEXT, " she");
    let change = session.apply(Action::AddPiece {
        id: SpanId::new("q"),
        range: CharRange::new(blank.start.0, blank.start.0 + 1),
        exact: true,
        now: at("2026-12-03T10:00:00.000Z"),
    });
    assert_eq!(change, Change::Refused(Refusal::EmptySelection));
}

#[test]
fn a_piece_is_taken_out_and_the_last_one_cannot_be() {
    let mut session = session_on(QUOTE_TEXT);
    tag(&mut session, "q", "Quote", "Our group");
    add_piece(&mut session, "q", "volunteers");
    add_piece(&mut session, "q", "alternative");
    assert_eq!(
        pieces(&session, "q"),
        ["Our group", "volunteers", "alternative"]
    );
    let now = at("2026-12-03T10:01:00.000Z");
    let remove = |at| Action::RemovePiece {
        id: SpanId::new("q"),
        at,
        now: now.clone(),
    };
    assert_eq!(session.apply(remove(1)), Change::Work);
    assert_eq!(pieces(&session, "q"), ["Our group", "alternative"]);
    assert_eq!(session.apply(remove(0)), Change::Work);
    assert_eq!(pieces(&session, "q"), ["alternative"]);
    assert_eq!(
        session.annotations.get(&SpanId::new("q")).unwrap().text,
        "alternative"
    );
    assert_eq!(session.apply(remove(0)), Change::Refused(Refusal::OnePiece));
}

#[test]
fn boundary_keys_move_the_first_pieces_start_and_the_last_pieces_end() {
    let mut session = session_on(QUOTE_TEXT);
    tag(&mut session, "q", "Quote", "group mainly");
    add_piece(&mut session, "q", "want to offer");
    let nudge = |edge, direction| Action::Nudge {
        id: SpanId::new("q"),
        edge,
        step: Step::Word,
        direction,
        now: at("2026-12-03T10:02:00.000Z"),
    };
    assert_eq!(
        session.apply(nudge(Edge::Start, Direction::Backward)),
        Change::Work
    );
    assert_eq!(
        session.apply(nudge(Edge::End, Direction::Forward)),
        Change::Work
    );
    assert_eq!(
        pieces(&session, "q"),
        ["Our group mainly", "want to offer an"]
    );
}

#[test]
fn the_same_label_on_the_same_pieces_is_refused_as_a_duplicate() {
    let mut session = session_on(QUOTE_TEXT);
    tag(&mut session, "a", "Quote", "Our group");
    add_piece(&mut session, "a", "alternative");
    tag(&mut session, "b", "Quote", "Our group");
    assert_eq!(
        session.annotations.len(),
        2,
        "one piece is not the split span"
    );
    assert_eq!(
        add_piece(&mut session, "b", "alternative"),
        Change::Refused(Refusal::Duplicate)
    );
}

#[test]
fn evidence_is_added_trimmed_removed_and_undone_and_empty_evidence_is_refused() {
    let mut session = session_on(QUOTE_TEXT);
    tag(
        &mut session,
        "c",
        "Claim",
        "Our group mainly consists of volunteers",
    );
    let now = at("2026-12-03T10:03:00.000Z");
    let empty = Action::AddEvidence {
        id: SpanId::new("c"),
        evidence: Evidence {
            title: "  ".to_owned(),
            ..Evidence::default()
        },
        now: now.clone(),
    };
    assert_eq!(
        session.apply(empty),
        Change::Refused(Refusal::EmptyEvidence)
    );
    let evidence = Evidence {
        url: " https://registry.example/groups/42 ".to_owned(),
        title: "Charity register".to_owned(),
        passage: "Volunteers: 31 of 33 members".to_owned(),
        note: String::new(),
    };
    let before = (*session.annotations).clone();
    let add = Action::AddEvidence {
        id: SpanId::new("c"),
        evidence,
        now: now.clone(),
    };
    assert_eq!(session.apply(add), Change::Work);
    let span = session.annotations.get(&SpanId::new("c")).unwrap();
    assert_eq!(span.evidence.len(), 1);
    assert_eq!(span.evidence[0].url, "https://registry.example/groups/42");
    session.apply(Action::Undo);
    assert_eq!(*session.annotations, before);
    session.apply(Action::Redo);
    let remove = Action::RemoveEvidence {
        id: SpanId::new("c"),
        at: 0,
        now,
    };
    assert_eq!(session.apply(remove), Change::Work);
    assert!(session
        .annotations
        .get(&SpanId::new("c"))
        .unwrap()
        .evidence
        .is_empty());
}

#[test]
fn a_link_to_a_highlight_brings_its_passage() {
    let evidence = Evidence::from_link(
        "https://stats.example/report#:~:text=emissions%20rose,3%25%20in%202025&other",
    );
    assert_eq!(
        evidence.url,
        "https://stats.example/report#:~:text=emissions%20rose,3%25%20in%202025&other"
    );
    assert_eq!(evidence.passage, "emissions rose … 3% in 2025");
    let context =
        Evidence::from_link("https://x.example/#:~:text=the-,caf%C3%A9%20%F0%9F%8C%8D,-opened");
    assert_eq!(
        context.passage, "café 🌍",
        "prefix and suffix are context, not passage"
    );
    assert_eq!(Evidence::from_link("https://x.example/page").passage, "");
}

/// A session with split spans of every kind of text, a link to one, and evidence.
fn split_session() -> Session {
    let mut session = session_on(QUOTE_TEXT);
    tag(
        &mut session,
        "q1",
        "Quote",
        "Our group mainly consists of volunteers,",
    );
    add_piece(&mut session, "q1", "who want to offer an alternative.");
    tag(&mut session, "s1", "Source", "she");
    tag(&mut session, "q2", "Quote", "لا");
    add_piece(&mut session, "q2", "أبداً");
    // Across the line break (CRLF in the text given, "\n" once stored) and an emoji.
    tag(&mut session, "c1", "Claim", "👩🏽‍⚖️ disagreed.\nقال");
    add_piece(&mut session, "c1", "Our group");
    session.apply(Action::Link {
        id: "r1".to_owned(),
        from: SpanId::new("q1"),
        to: SpanId::new("s1"),
    });
    session.apply(Action::AddEvidence {
        id: SpanId::new("c1"),
        evidence: Evidence {
            url: "https://council.example/minutes".to_owned(),
            title: "Council minutes".to_owned(),
            passage: "The mayor voted against".to_owned(),
            note: "page 3".to_owned(),
        },
        now: at("2026-12-03T10:04:00.000Z"),
    });
    assert_eq!(pieces(&session, "c1"), ["Our group", "👩🏽‍⚖️ disagreed.\nقال"]);
    session
}

/// Exports in `format`, reads back as an import would, and returns the imported work's
/// spans and the second export's bytes.
fn round_trip(
    session: &Session,
    format: Format,
) -> (
    annotator::model::formats::native::Imported,
    Vec<u8>,
    Vec<u8>,
) {
    let file = export(format, &[session.work()]);
    let (_, drafts) = read(&[InFile {
        name: file.name.clone(),
        bytes: file.bytes.clone(),
    }])
    .expect("reads back");
    let now = Timestamp("2026-12-03T12:00:00.000Z".to_owned());
    let result = review(&drafts[0], session.work(), &now).expect("reviews");
    assert!(
        result.orphans.is_empty(),
        "{}: {:?}",
        format.name(),
        result.orphans
    );
    let again = export(format, &[result.imported.work()]).bytes;
    (result.imported, file.bytes, again)
}

#[test]
fn every_importable_format_carries_every_piece_back() {
    let session = split_session();
    for format in Format::ALL.into_iter().filter(|format| format.importable()) {
        let (imported, first, second) = round_trip(&session, format);
        assert!(first == second, "{} changed on the way back", format.name());
        for span in session.annotations.spans() {
            // brat, doccano and spaCy number their spans: found by label and place.
            let back = imported.annotations.find_exact(span);
            let back =
                back.unwrap_or_else(|| panic!("{}: {} is back", format.name(), span.id.as_str()));
            assert_eq!(
                back.ranges(),
                span.ranges(),
                "{}: {}",
                format.name(),
                span.id.as_str()
            );
            assert_eq!(back.text, span.text);
        }
    }
}

#[test]
fn the_native_export_writes_each_piece_with_its_text_and_utf16_offsets() {
    let session = split_session();
    let file = export(Format::Native, &[session.work()]);
    let json: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
    let text: Vec<char> = json["document"]["text"].as_str().unwrap().chars().collect();
    let utf16: Vec<u16> = json["document"]["text"]
        .as_str()
        .unwrap()
        .encode_utf16()
        .collect();
    let spans = json["spans"].as_array().unwrap();
    let mut split = 0;
    for span in spans {
        let Some(ranges) = span.get("ranges").and_then(|ranges| ranges.as_array()) else {
            continue;
        };
        split += 1;
        let mut parts = Vec::new();
        for piece in ranges {
            let number = |key: &str| piece[key].as_u64().unwrap() as usize;
            let words: String = text[number("start")..number("end")].iter().collect();
            assert_eq!(piece["text"].as_str().unwrap(), words);
            let units =
                String::from_utf16(&utf16[number("utf16_start")..number("utf16_end")]).unwrap();
            assert_eq!(units, words);
            parts.push(words);
        }
        assert_eq!(span["text"].as_str().unwrap(), parts.join(" … "));
        assert_eq!(span["start"], ranges[0]["start"]);
        assert_eq!(span["end"], ranges[ranges.len() - 1]["end"]);
    }
    assert_eq!(split, 3);
    let one = spans.iter().find(|span| span["id"] == "s1").unwrap();
    assert!(
        one.get("ranges").is_none(),
        "a span in one piece is written as before"
    );
    let claim = spans.iter().find(|span| span["id"] == "c1").unwrap();
    assert_eq!(claim["evidence"][0]["title"], "Council minutes");
}

#[test]
fn a_native_file_whose_pieces_do_not_hold_their_text_is_refused_with_a_reason() {
    let session = split_session();
    let file = export(Format::Native, &[session.work()]);
    let json = String::from_utf8(file.bytes).unwrap();
    let broken = json.replacen("\"text\": \"لا\"", "\"text\": \"نعم\"", 1);
    assert_ne!(broken, json);
    let error = annotator::model::formats::native::parse(&broken)
        .unwrap_err()
        .to_string();
    assert!(error.contains("does not match the article"), "{error}");
}

#[test]
fn brat_reads_a_parc_style_file_with_discontinuous_spans() {
    // PARC 3.0 / PolNeAR style: content in two fragments around its cue and source.
    let text = "“Our group mainly consists of volunteers,” she said, “who want to offer an alternative.”\n";
    let ann = "T1\tContent 1 41;54 87\tOur group mainly consists of volunteers, who want to offer an alternative.\nT2\tSource 43 46\tshe\nT3\tCue 47 51\tsaid\nR1\tsaid_by Arg1:T1 Arg2:T2\n";
    let files = [
        InFile {
            name: "parc.txt".to_owned(),
            bytes: text.as_bytes().to_vec(),
        },
        InFile {
            name: "parc.ann".to_owned(),
            bytes: ann.as_bytes().to_vec(),
        },
    ];
    let (format, drafts) = read(&files).expect("reads");
    assert_eq!(format, Format::Brat);
    let now = Timestamp("2026-12-03T12:00:00.000Z".to_owned());
    let result = review(&drafts[0], session_on(HARD_TEXT).work(), &now).expect("reviews");
    assert!(result.orphans.is_empty(), "{:?}", result.orphans);
    let content = result
        .imported
        .annotations
        .get(&SpanId::new("T1"))
        .expect("T1");
    assert_eq!(
        content.ranges(),
        [CharRange::new(1, 41), CharRange::new(54, 87)]
    );
    assert_eq!(
        content.text,
        "Our group mainly consists of volunteers, … who want to offer an alternative."
    );
    assert_eq!(result.imported.annotations.relations().len(), 1);
}

#[test]
fn a_piece_added_or_taken_out_in_the_middle_redraws_its_lines() {
    use annotator::model::segments::{blocks, update};
    let mut session = session_on(QUOTE_TEXT);
    tag(&mut session, "q", "Quote", "Our group");
    add_piece(&mut session, "q", "alternative");
    let before = (*session.annotations).clone();
    let drawn = blocks(&session.document, &before);
    // The middle piece leaves the span's whole range as it was.
    assert_eq!(add_piece(&mut session, "q", "volunteers"), Change::Work);
    let after = (*session.annotations).clone();
    assert_eq!(after.spans()[0].range, before.spans()[0].range);
    assert!(!before.differences(&after).is_empty());
    assert_eq!(
        update(&drawn, &before, &after),
        blocks(&session.document, &after)
    );
    assert_eq!(
        session
            .history
            .next_undo()
            .map(|edit| edit.describe())
            .as_deref(),
        Some("a piece of a Quote")
    );
}
