//! Every importable format gives back what it exported: export → import → export is
//! byte-identical, for random texts (emoji, Arabic, combining marks, CJK, CRLF) with
//! random overlapping spans (some split in pieces), links, notes and attributes, and sometimes an annotator's
//! name (every importable format but brat carries it back). Files go through the same
//! recognition and review as a user's import.

mod common;

use annotator::model::formats::draft::Work;
use annotator::model::formats::{Format, InFile};
use annotator::model::span::Timestamp;
use annotator::state::Session;
use annotator_formats::import::review;
use annotator_formats::{export, read};

/// Exports `session` in `format`, reads the file back as an import would, and exports
/// the result again.
fn round_trip(session: &Session, format: Format) -> Result<(Vec<u8>, Vec<u8>), String> {
    let file = export(format, &[session.work()]);
    let (read_as, drafts) = read(&[InFile {
        name: file.name.clone(),
        bytes: file.bytes.clone(),
    }])
    .map_err(|error| format!("{}: {error}", format.name()))?;
    if read_as != format
        && !(format == Format::DoccanoSequence && read_as == Format::DoccanoRelations)
    {
        return Err(format!("{} was read as {}", format.name(), read_as.name()));
    }
    let [draft] = drafts.as_slice() else {
        return Err(format!(
            "{}: {} articles read back",
            format.name(),
            drafts.len()
        ));
    };
    let now = Timestamp("2026-11-24T12:00:00.000Z".to_owned());
    let result = review(draft, session.work(), &now)?;
    if !result.orphans.is_empty() {
        return Err(format!("{}: orphans {:?}", format.name(), result.orphans));
    }
    let imported = &result.imported;
    // brat standoff has no place for who annotated the article.
    let annotator = match format {
        Format::Brat => None,
        _ => session.document.annotator.as_ref(),
    };
    if imported.document.annotator.as_ref() != annotator {
        return Err(format!(
            "{}: annotator {:?} read back as {:?}",
            format.name(),
            session.document.annotator,
            imported.document.annotator
        ));
    }
    let again = export(
        format,
        &[Work {
            document: &imported.document,
            schema: &imported.schema,
            annotations: &imported.annotations,
        }],
    );
    Ok((file.bytes, again.bytes))
}

fn importable() -> impl Iterator<Item = Format> {
    Format::ALL.into_iter().filter(|format| format.importable())
}

#[test]
fn every_importable_format_round_trips_the_rich_article() {
    let session = common::rich_session();
    for format in importable() {
        let (first, second) = round_trip(&session, format).expect("round trip");
        assert!(
            first == second,
            "{} changed on the way back:\n{}\n---\n{}",
            format.name(),
            String::from_utf8_lossy(&first),
            String::from_utf8_lossy(&second)
        );
    }
}

#[test]
fn every_importable_format_round_trips_the_annotator_of_the_rich_article() {
    let mut session = common::rich_session();
    let mut document = (*session.document).clone();
    document.annotator = Some("سارة 👩\u{200d}👩\u{200d}👧".to_owned());
    session.document = std::rc::Rc::new(document);
    for format in importable() {
        let (first, second) = round_trip(&session, format).expect("round trip");
        assert!(
            first == second,
            "{} changed on the way back:\n{}\n---\n{}",
            format.name(),
            String::from_utf8_lossy(&first),
            String::from_utf8_lossy(&second)
        );
    }
}

#[test]
fn every_export_is_deterministic_and_names_its_file_after_the_title() {
    let session = common::rich_session();
    for format in Format::ALL {
        let first = export(format, &[session.work()]);
        let second = export(format, &[session.work()]);
        assert_eq!(first, second, "{}", format.name());
        assert!(first.name.starts_with("hard-text."), "{}", first.name);
        assert!(!first.bytes.is_empty(), "{}", format.name());
    }
}

#[test]
fn the_native_export_round_trips_to_the_very_same_work() {
    let session = common::rich_session();
    let file = export(Format::Native, &[session.work()]);
    let (_, drafts) = read(&[InFile {
        name: file.name,
        bytes: file.bytes,
    }])
    .expect("reads");
    let now = Timestamp("2026-11-24T12:00:00.000Z".to_owned());
    let imported = review(&drafts[0], Session::sample().work(), &now)
        .expect("reviews")
        .imported;
    assert_eq!(imported.document, *session.document);
    assert_eq!(imported.schema, *session.schema);
    assert_eq!(imported.annotations, *session.annotations);
}

#[test]
fn files_that_are_not_annotations_are_refused_with_a_reason() {
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "notes.json",
            b"{\"hello\": 1}",
            "not a format this app imports",
        ),
        ("broken.json", b"{\n  \"text\": ,\n}", "line 2, column"),
        ("latin1.json", b"{\"text\": \"caf\xe9\"}", "not UTF-8"),
        (
            "claims.jsonld",
            b"{\"@context\": \"https://schema.org\", \"@graph\": []}",
            "cannot be imported",
        ),
    ];
    for (name, bytes, expected) in cases {
        let error = read(&[InFile {
            name: name.to_owned(),
            bytes: bytes.to_vec(),
        }])
        .expect_err(name);
        assert!(error.to_string().contains(expected), "{name}: {error}");
        assert!(error.to_string().contains(name), "{name}: {error}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use annotator::model::document::Document;
    use annotator::model::schema::Schema;
    use annotator::model::span::SpanId;
    use annotator::model::text::ArticleText;
    use annotator::state::Action;
    use proptest::prelude::*;

    /// Pieces of text that break naive offset handling.
    const PIECES: [&str; 16] = [
        "The minister",
        " said",
        " emissions",
        " fell 12%",
        ".",
        "\r\n",
        "\n\n",
        " ",
        "🌍",
        "👩‍👩‍👧",
        "👍🏽",
        "عمر الفاروق",
        " قال",
        "Zoe\u{0301}",
        "北京市",
        "«ذلك»",
    ];

    /// Annotators' names: plain, Arabic, emoji, a combining mark, quotes and spaces.
    const NAMES: [&str; 5] = [
        "ana",
        "سارة",
        "Zoe\u{0301} 👍🏽",
        "\"Ben\" O'Neil",
        "  spaced  ",
    ];

    #[derive(Clone, Debug)]
    struct Plan {
        pieces: Vec<usize>,
        spans: Vec<(usize, usize, usize)>,
        links: Vec<(usize, usize)>,
        notes: Vec<(usize, String)>,
        attributes: Vec<(usize, usize)>,
        annotator: Option<usize>,
        /// More pieces for spans (span, start, length): split spans.
        more: Vec<(usize, usize, usize)>,
    }

    fn plan() -> impl Strategy<Value = Plan> {
        (
            prop::collection::vec(0..PIECES.len(), 1..40),
            prop::collection::vec((0..400usize, 1..60usize, 0..3usize), 0..12),
            prop::collection::vec((0..12usize, 0..12usize), 0..24),
            prop::collection::vec((0..12usize, "[a-z \"',;\n]{0,20}"), 0..4),
            prop::collection::vec((0..12usize, 0..6usize), 0..6),
            prop::option::of(0..NAMES.len()),
            prop::collection::vec((0..12usize, 0..400usize, 1..20usize), 0..6),
        )
            .prop_map(
                |(pieces, spans, links, notes, attributes, annotator, more)| Plan {
                    pieces,
                    spans,
                    links,
                    notes,
                    attributes,
                    annotator,
                    more,
                },
            )
            // An article needs some text (the app refuses blank ones).
            .prop_filter("blank article", |plan| {
                plan.pieces.iter().any(|&at| !PIECES[at].trim().is_empty())
            })
    }

    fn build(plan: &Plan) -> Session {
        let raw: String = plan.pieces.iter().map(|&at| PIECES[at]).collect();
        let document = Document {
            layout: Default::default(),
            extra: Default::default(),
            id: "doc-prop".to_owned(),
            title: "Property article".to_owned(),
            source: None,
            text: ArticleText::new(&raw),
            annotator: plan.annotator.map(|at| NAMES[at].to_owned()),
        };
        let length = document.text.len_chars();
        let mut session = Session::new(document, Schema::default());
        let labels = ["Claim", "Quote", "Source"];
        let now = common::at("2026-11-24T10:00:00.000Z");
        for (serial, &(start, len, label)) in plan.spans.iter().enumerate() {
            let start = start % length.max(1);
            let end = (start + len).min(length);
            session.apply(Action::Tag {
                id: SpanId::new(&format!("s{serial}")),
                label: labels[label].to_owned(),
                range: annotator::model::offsets::CharRange::new(start, end),
                exact: true,
                now: now.clone(),
            });
        }
        let ids: Vec<SpanId> = session
            .annotations
            .spans()
            .iter()
            .map(|span| span.id.clone())
            .collect();
        if ids.is_empty() {
            return session;
        }
        for &(at, start, len) in &plan.more {
            let start = start % length.max(1);
            session.apply(Action::AddPiece {
                id: ids[at % ids.len()].clone(),
                range: annotator::model::offsets::CharRange::new(start, (start + len).min(length)),
                exact: true,
                now: now.clone(),
            });
        }
        for (serial, &(from, to)) in plan.links.iter().enumerate() {
            session.apply(Action::Link {
                id: format!("r{serial}"),
                from: ids[from % ids.len()].clone(),
                to: ids[to % ids.len()].clone(),
            });
        }
        for (at, note) in &plan.notes {
            session.apply(Action::SetNote {
                id: ids[at % ids.len()].clone(),
                note: note.clone(),
                now: now.clone(),
            });
        }
        let choices = [
            ("Claim", "check-worthy", "yes"),
            ("Claim", "check-worthy", "unsure"),
            ("Claim", "claim type", "quote of fact"),
            ("Source", "kind", "organisation"),
            ("Source", "kind", "person"),
            ("Claim", "claim type", "statistic"),
        ];
        for &(at, choice) in &plan.attributes {
            let id = ids[at % ids.len()].clone();
            let (label, name, value) = choices[choice];
            if session
                .annotations
                .get(&id)
                .is_some_and(|span| span.label == label)
            {
                session.apply(Action::SetAttribute {
                    id,
                    name: name.to_owned(),
                    value: Some(value.to_owned()),
                    now: now.clone(),
                });
            }
        }
        session
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn export_import_export_is_identical_for_every_lossless_format(plan in plan()) {
            let session = build(&plan);
            for format in importable() {
                let (first, second) = round_trip(&session, format).map_err(TestCaseError::fail)?;
                prop_assert!(
                    first == second,
                    "{} changed on the way back:\n{}\n---\n{}",
                    format.name(),
                    String::from_utf8_lossy(&first),
                    String::from_utf8_lossy(&second)
                );
            }
        }
    }
}
