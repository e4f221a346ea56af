//! Attribution as fact-checkers and the PARC corpora record it: content (possibly split),
//! cue and source tied in one frame; brat `E` lines read and written as that frame.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::{Format, InFile};
use annotator::model::offsets::CharRange;
use annotator::model::schema::Schema;
use annotator::model::span::{SpanId, Timestamp};
use annotator::model::text::ArticleText;
use annotator::state::{Action, Change, Session};
use annotator_formats::import::review;
use annotator_formats::{export, read};
use common::{at, find, tag};

const TEXT: &str = "“Our group mainly consists of volunteers,” she said, “who want to offer an alternative.”\nThe council, a spokesman claimed, had known for months.\n";

fn parc_session() -> Session {
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        annotator: None,
        id: "doc-parc".to_owned(),
        title: "PARC".to_owned(),
        source: None,
        text: ArticleText::new(TEXT),
    };
    Session::new(document, Schema::attribution())
}

/// Tags the first attribution's content (one piece) as "c1".
fn content(session: &mut Session) {
    tag(
        session,
        "c1",
        "Content",
        "Our group mainly consists of volunteers,",
    );
}

/// Tags `needle` with `label` into the frame `frame` (the gesture with a Content selected).
fn tag_into(session: &mut Session, frame: &str, id: &str, label: &str, needle: &str) -> Change {
    session.apply(Action::TagInFrame {
        id: SpanId::new(id),
        label: label.to_owned(),
        range: find(TEXT, needle),
        exact: true,
        now: at("2026-12-03T11:00:00.000Z"),
        frame: SpanId::new(frame),
        link: format!("{frame}-{id}"),
    })
}

/// The first attribution of TEXT: split content, its source and cue.
fn attribution(session: &mut Session) {
    tag(
        session,
        "c1",
        "Content",
        "Our group mainly consists of volunteers,",
    );
    session.apply(Action::AddPiece {
        id: SpanId::new("c1"),
        range: find(TEXT, "who want to offer an alternative."),
        exact: true,
        now: at("2026-12-03T11:00:00.000Z"),
    });
    assert_eq!(tag_into(session, "c1", "s1", "Source", "she"), Change::Work);
    assert_eq!(tag_into(session, "c1", "q1", "Cue", "said"), Change::Work);
}

#[test]
fn the_parc_preset_has_source_cue_and_a_content_frame_linking_to_both() {
    let schema = Schema::attribution();
    let names: Vec<&str> = schema.iter().map(|label| label.name.as_str()).collect();
    assert_eq!(names, ["Source", "Cue", "Content"]);
    assert!(schema.get("Content").unwrap().frame);
    assert!(!schema.get("Source").unwrap().frame);
    assert_eq!(
        schema.link_rule("Content", "Source").unwrap().kind,
        "source"
    );
    assert_eq!(schema.link_rule("Content", "Cue").unwrap().kind, "cue");
    assert!(schema.problems().is_empty(), "{:?}", schema.problems());
    assert!(
        !Schema::default().iter().any(|label| label.frame),
        "the default stays as it was"
    );
}

#[test]
fn tagging_into_a_frame_makes_and_links_the_span_in_one_step_and_keeps_the_frame_selected() {
    let mut session = parc_session();
    content(&mut session);
    let before = (*session.annotations).clone();
    assert_eq!(
        tag_into(&mut session, "c1", "s1", "Source", "she"),
        Change::Work
    );
    assert_eq!(
        session.selected,
        Some(SpanId::new("c1")),
        "the frame stays selected"
    );
    let relation = &session.annotations.relations()[0];
    assert_eq!(
        (
            relation.from.as_str(),
            relation.to.as_str(),
            relation.kind.as_str()
        ),
        ("c1", "s1", "source")
    );
    // A span already there is linked, not made twice; linking twice does nothing.
    session.apply(Action::Undo);
    assert_eq!(*session.annotations, before, "one undo takes span and link");
    tag(&mut session, "s9", "Source", "she");
    session.apply(Action::Select(Some(SpanId::new("c1"))));
    assert_eq!(
        tag_into(&mut session, "c1", "s1", "Source", "she"),
        Change::Work
    );
    assert_eq!(session.annotations.len(), 2);
    assert_eq!(session.annotations.relations()[0].to.as_str(), "s9");
    assert_eq!(
        tag_into(&mut session, "c1", "s2", "Source", "she"),
        Change::None
    );
}

#[test]
fn a_label_the_frame_does_not_link_to_is_refused_into_it() {
    let mut session = parc_session();
    content(&mut session);
    let change = tag_into(&mut session, "c1", "c2", "Content", "who want");
    assert!(matches!(change, Change::Refused(_)), "{change:?}");
}

#[test]
fn brat_writes_a_frame_as_an_event_and_reads_it_back_with_every_piece() {
    let mut session = parc_session();
    attribution(&mut session);
    session.apply(Action::SetAttribute {
        id: SpanId::new("c1"),
        name: "type".to_owned(),
        value: Some("direct".to_owned()),
        now: at("2026-12-03T11:01:00.000Z"),
    });
    let file = export(Format::Brat, &[session.work()]);
    let (_, drafts) = read(&[InFile {
        name: file.name.clone(),
        bytes: file.bytes.clone(),
    }])
    .expect("reads");
    let draft = &drafts[0];
    // The zip's files, as brat reads them.
    let zip = annotator_formats::zip::read(&file.bytes).expect("a zip");
    let text = |name: &str| {
        let (_, bytes) = zip
            .iter()
            .find(|(entry, _)| entry.ends_with(name))
            .expect(name);
        String::from_utf8(bytes.clone()).unwrap()
    };
    let ann = text(".ann");
    assert!(ann.contains("T1\tContent 1 41;54 87\t"), "{ann}");
    assert!(ann.contains("E1\tContent:T1 source:T2 cue:T3\n"), "{ann}");
    assert!(
        !ann.contains("\nR"),
        "the frame's links are the event, not relations: {ann}"
    );
    let conf = text("annotation.conf");
    assert!(
        conf.contains("[events]\nContent\tsource*:Source, cue*:Cue\n"),
        "{conf}"
    );
    assert!(!conf.contains("[entities]\nSource\nCue\nContent"), "{conf}");
    let now = Timestamp("2026-12-03T12:00:00.000Z".to_owned());
    let result = review(draft, session.work(), &now).expect("reviews");
    assert!(
        result.orphans.is_empty() && result.problems.is_empty(),
        "{:?} {:?}",
        result.orphans,
        result.problems
    );
    let imported = &result.imported;
    assert_eq!(
        imported.schema, *session.schema,
        "the preset comes back, frame and all"
    );
    let again = export(Format::Brat, &[imported.work()]);
    assert!(again.bytes == file.bytes, "the same zip again");
}

#[test]
fn a_parc_style_brat_collection_imports_with_every_piece_frame_attribute_and_note() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat/parc");
    let files: Vec<InFile> = ["annotation.conf", "parc.txt", "parc.ann"]
        .iter()
        .map(|name| InFile {
            name: (*name).to_owned(),
            bytes: std::fs::read(dir.join(name)).expect("fixture"),
        })
        .collect();
    let (format, drafts) = read(&files).expect("reads");
    assert_eq!(format, Format::Brat);
    let now = Timestamp("2026-12-03T12:00:00.000Z".to_owned());
    let result = review(&drafts[0], parc_session().work(), &now).expect("reviews");
    assert!(result.orphans.is_empty(), "{:?}", result.orphans);
    let work = &result.imported;
    let content = work.schema.get("Content").expect("Content");
    assert!(content.frame, "an event type is a frame");
    assert_eq!(work.schema.link_rule("Content", "Cue").unwrap().kind, "cue");
    let spans = &work.annotations;
    let c1 = spans.get(&SpanId::new("T1")).unwrap();
    assert_eq!(c1.ranges(), [CharRange::new(1, 41), CharRange::new(54, 87)]);
    assert_eq!(
        c1.attributes.get("type").map(String::as_str),
        Some("direct")
    );
    let c2 = spans.get(&SpanId::new("T4")).unwrap();
    assert_eq!(c2.text, "The council, … had known for months.");
    assert_eq!(c2.note, "Reported speech: no quotation marks.");
    let mut links: Vec<(String, String, String)> = (spans.relations().iter())
        .map(|r| {
            (
                r.from.as_str().to_owned(),
                r.kind.clone(),
                r.to.as_str().to_owned(),
            )
        })
        .collect();
    links.sort();
    let expected = [
        ("T1", "cue", "T3"),
        ("T1", "source", "T2"),
        ("T4", "cue", "T6"),
        ("T4", "source", "T5"),
    ];
    assert_eq!(
        links,
        expected.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
}
