//! brat standoff: `.txt` + `.ann` per article, zipped with brat's conf files.
mod common;

use annotator::model::annotations::Annotations;
use annotator::model::document::Document;
use annotator::model::formats::draft::{Draft, Work};
use annotator::model::offsets::CharRange;
use annotator::model::schema::Schema;
use annotator::model::span::{Relation, Span, SpanId, Timestamp};
use annotator::model::text::ArticleText;
use annotator_formats::brat::{self, brat_name};
use annotator_formats::zip;
use common::{assert_matches_file, rich_session};

fn foreign(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/foreign")
        .join(name);
    std::fs::read(path).expect("fixture")
}

fn file(name: &str, content: &str) -> (String, Vec<u8>) {
    (name.to_owned(), content.as_bytes().to_vec())
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// A `T` line: id, label, fragments, text column.
type TextBound = (String, String, Vec<(usize, usize)>, String);

/// The `T` lines of an `.ann`.
fn text_bound(ann: &str) -> Vec<TextBound> {
    ann.lines()
        .filter(|line| line.starts_with('T'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line}");
            let (label, offsets) = fields[1].split_once(' ').unwrap();
            let fragments = offsets
                .split(';')
                .map(|pair| {
                    let (start, end) = pair.split_once(' ').unwrap();
                    (start.parse().unwrap(), end.parse().unwrap())
                })
                .collect();
            (
                fields[0].to_owned(),
                label.to_owned(),
                fragments,
                fields[2].to_owned(),
            )
        })
        .collect()
}

/// A session-free work over `text` with the given (id, label, start, end) spans.
fn plain_work(text: &str, spans: &[(&str, &str, usize, usize)]) -> (Document, Schema, Annotations) {
    let text = ArticleText::new(text);
    let mut annotations = Annotations::default();
    for (id, label, start, end) in spans {
        let range = CharRange::new(*start, *end);
        annotations.insert(Span {
            id: SpanId::new(id),
            label: (*label).to_owned(),
            range,
            text: text.slice(range).unwrap().to_owned(),
            created: Timestamp("2026-01-01T00:00:00.000Z".to_owned()),
            modified: Timestamp("2026-01-01T00:00:00.000Z".to_owned()),
            note: String::new(),
            attributes: Default::default(),
            pieces: Vec::new(),
            evidence: Vec::new(),
        });
    }
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "doc".to_owned(),
        title: "Plain".to_owned(),
        source: None,
        text,
        annotator: None,
    };
    (document, Schema::default(), annotations)
}

#[test]
fn brat_export_of_the_hard_text_matches_the_committed_files() {
    let session = rich_session();
    let work = session.work();
    assert_matches_file(
        brat::export_ann(&work).as_bytes(),
        "tests/fixtures/formats/hard-text.ann",
    );
    assert_matches_file(
        session.document.text.as_str().as_bytes(),
        "tests/fixtures/formats/hard-text.txt",
    );
    assert_matches_file(
        &brat::export_zip(&[work]),
        "tests/fixtures/formats/hard-text.brat.zip",
    );
}

#[test]
fn every_brat_fragment_slices_the_txt_to_its_text_and_spans_keep_their_ends() {
    let session = rich_session();
    let text = session.document.text.as_str();
    let ann = brat::export_ann(&session.work());
    let lines = text_bound(&ann);
    assert_eq!(lines.len(), session.annotations.spans().len());
    for ((id, label, fragments, column), span) in lines.iter().zip(session.annotations.spans()) {
        let pieces: Vec<String> = fragments
            .iter()
            .map(|(start, end)| slice(text, *start, *end))
            .collect();
        assert_eq!(&pieces.join(" "), column, "{id}");
        assert!(pieces.iter().all(|piece| !piece.contains('\n')), "{id}");
        assert_eq!(label, &span.label);
        let (start, end) = (fragments[0].0, fragments.last().unwrap().1);
        assert_eq!((start, end), (span.range.start.0, span.range.end.0), "{id}");
        assert_eq!(slice(text, start, end), span.text, "{id}");
    }
}

#[test]
fn a_claim_across_a_line_break_is_written_as_two_fragments_as_brat_does() {
    let session = rich_session();
    let ann = brat::export_ann(&session.work());
    let c3 = text_bound(&ann)
        .into_iter()
        .find(|(_, _, fragments, _)| fragments.len() > 1)
        .unwrap();
    // "🌍📉.”\n\nعمر": the empty line between is skipped, the text column joins with a space.
    assert_eq!(c3.2, [(46, 50), (52, 55)]);
    assert_eq!(c3.3, "🌍📉.” عمر");
}

#[test]
fn spans_starting_or_ending_on_a_line_break_or_tab_keep_their_exact_ends() {
    let text = "Alpha\nBeta\n\nGamma\tDelta\n";
    let (document, schema, annotations) = plain_work(
        text,
        &[
            ("a", "Claim", 5, 11),   // "\nBeta\n"
            ("b", "Quote", 12, 23),  // "Gamma\tDelta"
            ("c", "Source", 10, 12), // "\n\n"
            ("d", "Claim", 23, 24),  // "\n" at the very end
        ],
    );
    let work = Work {
        document: &document,
        schema: &schema,
        annotations: &annotations,
    };
    let ann = brat::export_ann(&work);
    for (id, _, fragments, column) in text_bound(&ann) {
        assert!(!column.contains(['\n', '\t']), "{id}: {column:?}");
        for (start, end) in &fragments {
            assert!(!slice(text, *start, *end).contains(['\n', '\t']), "{id}");
        }
    }
    let drafts = brat::import_files(&[file("plain.txt", text), file("plain.ann", &ann)]).unwrap();
    let spans: Vec<(usize, usize)> = drafts[0]
        .spans
        .iter()
        .map(|span| (span.start.unwrap(), span.end.unwrap()))
        .collect();
    let expected: Vec<(usize, usize)> = annotations
        .spans()
        .iter()
        .map(|span| (span.range.start.0, span.range.end.0))
        .collect();
    assert_eq!(spans, expected);
}

#[test]
fn brat_zip_export_loads_back_with_labels_links_attributes_and_notes() {
    let session = rich_session();
    let drafts = brat::import_files(&[(
        "hard-text.brat.zip".to_owned(),
        brat::export_zip(&[session.work()]),
    )])
    .unwrap();
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.text.as_deref(), Some(session.document.text.as_str()));
    assert_eq!(draft.title.as_deref(), Some("hard-text"));
    assert_eq!(draft.source.as_deref(), Some("hard-text.txt"));

    // The schema comes back from the conf files, names mapped back by visual.conf.
    let schema = &session.schema;
    assert_eq!(draft.labels.len(), schema.labels().len());
    for (read, label) in draft.labels.iter().zip(schema.labels()) {
        assert_eq!(read.name, label.name);
        assert_eq!(read.color, label.color);
        assert_eq!(read.hotkey, label.hotkey);
        let names: Vec<&str> = read.attributes.iter().map(|a| a.name.as_str()).collect();
        let expected: Vec<&str> = label.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, expected);
        for (read, attribute) in read.attributes.iter().zip(&label.attributes) {
            let values: Vec<String> = attribute.values.iter().map(|v| brat_name(v)).collect();
            assert_eq!(read.values, values);
        }
    }
    assert_eq!(draft.links, schema.links());

    let spans = session.annotations.spans();
    assert_eq!(draft.spans.len(), spans.len());
    for (index, (read, span)) in draft.spans.iter().zip(spans).enumerate() {
        assert_eq!(read.id, format!("T{}", index + 1));
        assert_eq!(read.label, span.label);
        assert_eq!(read.start, Some(span.range.start.0));
        assert_eq!(read.end, Some(span.range.end.0));
        if span.text.contains('\n') {
            assert_eq!(read.quote, None, "a fragmented span has no single quote");
        } else {
            assert_eq!(read.quote.as_deref(), Some(span.text.as_str()));
        }
        assert_eq!(read.note, span.note.replace('\n', " "));
        let attributes: Vec<(String, String)> = span
            .attributes
            .iter()
            .map(|(name, value)| (name.clone(), brat_name(value)))
            .collect();
        let read_attributes: Vec<(String, String)> = read.attributes.clone().into_iter().collect();
        assert_eq!(read_attributes, attributes);
    }
    assert!(draft
        .spans
        .iter()
        .any(|span| span.attributes.contains_key("claim type")));

    let ordinal = |id: &SpanId| {
        let at = spans.iter().position(|span| &span.id == id).unwrap();
        format!("T{}", at + 1)
    };
    // R lines are ordered by their ends, not by the app's relation ids.
    let mut relations: Vec<(String, String, String)> = session
        .annotations
        .relations()
        .iter()
        .map(|r| (ordinal(&r.from), ordinal(&r.to), r.kind.clone()))
        .collect();
    relations.sort();
    let read: Vec<(String, String, String)> = draft
        .relations
        .iter()
        .map(|r| (r.from.clone(), r.to.clone(), r.kind.clone()))
        .collect();
    assert_eq!(read, relations);
}

#[test]
fn an_ann_beside_its_txt_without_conf_files_takes_names_as_written() {
    let session = rich_session();
    let drafts = brat::import_files(&[
        file("hard.txt", session.document.text.as_str()),
        file("hard.ann", &brat::export_ann(&session.work())),
    ])
    .unwrap();
    let draft = &drafts[0];
    assert!(draft.labels.is_empty() && draft.links.is_empty());
    assert_eq!(draft.title.as_deref(), Some("hard"));
    assert!(draft
        .spans
        .iter()
        .any(|span| span.attributes.contains_key("claim_type")));
    assert_eq!(draft.spans.len(), 7);
    assert_eq!(draft.relations.len(), 3);
}

#[test]
fn brat_export_is_deterministic() {
    let session = rich_session();
    let again = rich_session();
    assert_eq!(
        brat::export_ann(&session.work()),
        brat::export_ann(&again.work())
    );
    assert_eq!(
        brat::export_zip(&[session.work()]),
        brat::export_zip(&[again.work()])
    );
}

/// Imports `.txt` + `.ann` and exports the result again, building the work from the draft
/// as review would (offsets trusted, ids kept).
fn reexport(text: &str, ann: &str) -> String {
    let draft = brat::import_files(&[file("a.txt", text), file("a.ann", ann)])
        .unwrap()
        .remove(0);
    let text = ArticleText::new(draft.text.as_deref().unwrap());
    let mut annotations = Annotations::default();
    for span in &draft.spans {
        let range = CharRange::new(span.start.unwrap(), span.end.unwrap());
        annotations.insert(Span {
            id: SpanId::new(&span.id),
            label: span.label.clone(),
            range,
            text: text.slice(range).unwrap().to_owned(),
            created: Timestamp(String::new()),
            modified: Timestamp(String::new()),
            note: span.note.clone(),
            attributes: span.attributes.clone(),
            pieces: Vec::new(),
            evidence: Vec::new(),
        });
    }
    for relation in &draft.relations {
        assert!(annotations.insert_relation(Relation {
            id: relation.id.clone().unwrap(),
            kind: relation.kind.clone(),
            from: SpanId::new(&relation.from),
            to: SpanId::new(&relation.to),
        }));
    }
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "a".to_owned(),
        title: "a".to_owned(),
        source: None,
        text,
        annotator: None,
    };
    let schema = Schema::default();
    brat::export_ann(&Work {
        document: &document,
        schema: &schema,
        annotations: &annotations,
    })
}

#[test]
fn re_exporting_an_imported_brat_file_gives_the_same_ann() {
    let session = rich_session();
    let ann = brat::export_ann(&session.work());
    assert_eq!(reexport(session.document.text.as_str(), &ann), ann);
}

#[test]
fn twelve_links_re_export_in_the_same_order_whatever_their_ids_sort_to() {
    let text = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
    let spans: Vec<(String, usize)> = (0..13).map(|n| (format!("s{n}"), n * 2)).collect();
    let spec: Vec<(&str, &str, usize, usize)> = spans
        .iter()
        .map(|(id, at)| {
            (
                id.as_str(),
                if *at == 0 { "Source" } else { "Quote" },
                *at,
                at + 1,
            )
        })
        .collect();
    let (document, schema, mut annotations) = plain_work(text, &spec);
    for n in 1..13 {
        // Ids r1, r10, r11, r12, r2, … sort differently from the ends' order.
        assert!(annotations.insert_relation(Relation {
            id: format!("r{}", 13 - n),
            kind: "said_by".to_owned(),
            from: SpanId::new(&format!("s{n}")),
            to: SpanId::new("s0"),
        }));
    }
    let ann = brat::export_ann(&Work {
        document: &document,
        schema: &schema,
        annotations: &annotations,
    });
    assert!(ann.contains("R1\tsaid_by Arg1:T2 Arg2:T1\n"));
    assert!(ann.contains("R12\tsaid_by Arg1:T13 Arg2:T1\n"));
    assert_eq!(reexport(text, &ann), ann);
}

#[test]
fn articles_with_the_same_title_get_distinct_file_names_in_the_zip() {
    let first = rich_session();
    let second = rich_session();
    let bytes = brat::export_zip(&[first.work(), second.work()]);
    let names: Vec<String> = zip::read(&bytes)
        .unwrap()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        [
            "hard-text.txt",
            "hard-text.ann",
            "hard-text-2.txt",
            "hard-text-2.ann",
            "annotation.conf",
            "visual.conf",
            "kb_shortcuts.conf"
        ]
    );
    let drafts = brat::import_files(&[("both.zip".to_owned(), bytes)]).unwrap();
    let titles: Vec<_> = drafts.iter().map(|d| d.title.clone().unwrap()).collect();
    assert_eq!(titles, ["hard-text", "hard-text-2"]);
}

#[test]
fn brat_names_replace_spaces_and_punctuation_but_keep_letters_of_any_script() {
    assert_eq!(brat_name("claim type"), "claim_type");
    assert_eq!(brat_name("check-worthy"), "check-worthy");
    assert_eq!(brat_name("quote of fact"), "quote_of_fact");
    assert_eq!(brat_name("a|b,c:d<e>!"), "a_b_c_d_e__");
    assert_eq!(brat_name("Zitat über"), "Zitat_über");
    assert_eq!(brat_name("مصدر"), "مصدر");
    assert_eq!(brat_name(""), "_");
}

fn check_foreign_news(draft: &Draft) {
    assert!(draft
        .text
        .as_deref()
        .unwrap()
        .starts_with("Zoë Müller, the minister"));
    let spans: Vec<(&str, &str, usize, usize)> = draft
        .spans
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.label.as_str(),
                s.start.unwrap(),
                s.end.unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("T1", "Person", 0, 10),
            ("T2", "Claim", 33, 59),
            ("T3", "Organization", 65, 73),
            ("T4", "Claim", 0, 42),
            ("T5", "Statement", 26, 30),
        ]
    );
    let text = draft.text.as_deref().unwrap();
    for span in &draft.spans {
        if let Some(quote) = &span.quote {
            assert_eq!(&slice(text, span.start.unwrap(), span.end.unwrap()), quote);
        }
    }
    assert_eq!(draft.spans[3].quote, None);
    let claim = &draft.spans[1];
    assert_eq!(claim.note, "check against the report");
    assert_eq!(
        claim.attributes.get("Negated").map(String::as_str),
        Some("true")
    );
    assert_eq!(
        claim.attributes.get("Confidence").map(String::as_str),
        Some("High")
    );
    let relations: Vec<(&str, &str, &str)> = draft
        .relations
        .iter()
        .map(|r| (r.kind.as_str(), r.from.as_str(), r.to.as_str()))
        .collect();
    // Roles named Arg1/Arg2 decide the direction whatever their order; an event is its
    // trigger's links to its arguments, by role.
    assert_eq!(
        relations,
        [
            ("Said_by", "T2", "T1"),
            ("Agent", "T5", "T1"),
            ("Contradicts", "T3", "T2")
        ]
    );
}

#[test]
fn a_hand_written_brat_document_is_read_with_discontinuous_spans_and_flags() {
    let drafts = brat::import_files(&[
        ("brat-news.txt".to_owned(), foreign("brat-news.txt")),
        ("brat-news.ann".to_owned(), foreign("brat-news.ann")),
    ])
    .unwrap();
    assert_eq!(drafts.len(), 1);
    check_foreign_news(&drafts[0]);
    assert!(drafts[0].labels.is_empty());
}

#[test]
fn a_brat_collection_zipped_by_python_is_read_with_its_conf() {
    let drafts =
        brat::import_files(&[("collection.zip".to_owned(), foreign("brat-news-python.zip"))])
            .unwrap();
    // doc1 and the empty article; the macOS litter is not an article.
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[1].text.as_deref(), Some(""));
    assert_eq!(drafts[0].title.as_deref(), Some("doc1"));
    assert_eq!(drafts[0].source.as_deref(), Some("news/doc1.txt"));
    let draft = &drafts[0];
    // visual.conf names Said_by "Said by".
    assert_eq!(draft.relations[0].kind, "Said by");
    let labels: Vec<(&str, &str, char)> = draft
        .labels
        .iter()
        .map(|l| (l.name.as_str(), l.color.as_str(), l.hotkey))
        .collect();
    // Indented children are labels too; named colours and !unused types are left out.
    assert_eq!(
        labels,
        [
            ("Person", "#ffccaa", ' '),
            ("Organization", "#8fb2ff", ' '),
            ("Ministry", "", ' '),
            ("Claim", "", ' '),
            // An event type: a frame label.
            ("Statement", "", ' ')
        ]
    );
    let claim = &draft.labels[3];
    let attributes: Vec<(&str, Vec<&str>)> = claim
        .attributes
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.values.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        attributes,
        [
            ("Negated", vec!["true"]),
            ("Confidence", vec!["Low", "Medium", "High"])
        ]
    );
    let links: Vec<(&str, &str, &str)> = draft
        .links
        .iter()
        .map(|r| (r.from.as_str(), r.to.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("Claim", "Person", "Said by"),
            ("Claim", "Organization", "Said by"),
            ("Organization", "Claim", "Contradicts"),
            ("Person", "Person", "Equiv"),
            // The event type's role.
            ("Statement", "Person", "Agent"),
        ]
    );
}

#[test]
fn a_brat_collection_zipped_by_info_zip_reads_like_the_loose_files() {
    let zipped =
        brat::import_files(&[("news.zip".to_owned(), foreign("brat-news-infozip.zip"))]).unwrap();
    let loose = brat::import_files(&[
        ("doc1.txt".to_owned(), foreign("brat-news.txt")),
        ("doc1.ann".to_owned(), foreign("brat-news.ann")),
        (
            "annotation.conf".to_owned(),
            foreign("brat-annotation.conf"),
        ),
        ("visual.conf".to_owned(), foreign("brat-visual.conf")),
    ])
    .unwrap();
    assert_eq!(zipped.len(), 1);
    assert_eq!(zipped[0].spans, loose[0].spans);
    assert_eq!(zipped[0].relations, loose[0].relations);
    assert_eq!(zipped[0].labels, loose[0].labels);
    assert_eq!(zipped[0].links, loose[0].links);
}

#[test]
fn windows_line_endings_and_a_bom_in_the_ann_are_tolerated() {
    let ann = "\u{feff}T1\tClaim 0 5\tHello\r\n#1\tAnnotatorNotes T1\tcheck\r\n";
    let drafts = brat::import_files(&[file("x.txt", "Hello world"), file("x.ann", ann)]).unwrap();
    let span = &drafts[0].spans[0];
    assert_eq!(span.id, "T1");
    assert_eq!(span.quote.as_deref(), Some("Hello"));
    assert_eq!(span.note, "check");
}

#[test]
fn an_ann_without_its_txt_is_an_error_naming_both() {
    let error = brat::import_files(&[file("example.ann", "T1\tClaim 0 5\tHello\n")]).unwrap_err();
    assert_eq!(error.message, "example.ann has no example.txt beside it");
}

#[test]
fn a_txt_without_an_ann_is_an_article_without_spans() {
    let drafts = brat::import_files(&[file("lonely.txt", "Just text.")]).unwrap();
    assert_eq!(drafts.len(), 1);
    assert!(drafts[0].spans.is_empty());
}

#[test]
fn files_that_are_not_brat_are_refused() {
    let error = brat::import_files(&[file("notes.json", "{}")]).unwrap_err();
    assert!(error.message.contains("no brat files"), "{error}");
    let error = brat::import_files(&[]).unwrap_err();
    assert!(error.message.contains("no brat files"), "{error}");
}

#[test]
fn a_txt_that_is_not_utf8_is_an_error_at_that_file() {
    let error = brat::import_files(&[("bad.txt".to_owned(), vec![b'a', 0xff, 0xfe])]).unwrap_err();
    assert_eq!(error.at, "bad.txt");
    assert!(error.message.contains("not UTF-8"), "{error}");
}

#[test]
fn malformed_ann_lines_are_errors_with_their_line_number() {
    let text = "Hello world, again.";
    for (ann, line, words) in [
        ("T1\tClaim 0 5\tHello\nT2 Claim 6 11 world\n", 2, "tab"),
        ("\nT1\tClaim\tHello\n", 2, "type, a start and an end"),
        ("T1\tClaim -1 5\tHello\n", 1, "whole numbers"),
        (
            "T1\tClaim 0 99999999999999999999999\tHello\n",
            1,
            "whole numbers",
        ),
        ("T1\tClaim zero five\tHello\n", 1, "whole numbers"),
        ("T1\tClaim 0 5;6\tHello\n", 1, "whole numbers"),
        (
            "T1\tClaim 0 5\tHello\nT2\tClaim 6 11\tworld\n\n\nR1\tsaid_by Arg1:T1\n",
            5,
            "two arguments",
        ),
        ("A1\tNegated\n", 1, "name and the id"),
        ("\tClaim 0 5\tHello\n", 1, "tab"),
    ] {
        let error =
            brat::import_files(&[file("example.txt", text), file("example.ann", ann)]).unwrap_err();
        assert_eq!(error.at, format!("example.ann line {line}"), "{ann:?}");
        assert!(error.message.contains(words), "{ann:?}: {error}");
    }
}

#[test]
fn broken_zips_and_confs_give_errors_never_crashes() {
    let session = rich_session();
    let zipped = brat::export_zip(&[session.work()]);
    let error = brat::import_files(&[("cut.zip".to_owned(), zipped[..zipped.len() / 2].to_vec())])
        .unwrap_err();
    assert_eq!(error.at, "cut.zip");
    // Every byte of the zip damaged in turn: errors or drafts, never a panic.
    for at in 0..zipped.len() {
        let mut bytes = zipped.clone();
        bytes[at] ^= 0x55;
        let _ = brat::import_files(&[("x.zip".to_owned(), bytes)]);
    }
    // Every prefix of an .ann and of the confs.
    let ann = String::from_utf8(foreign("brat-news.ann")).unwrap();
    let conf = String::from_utf8(foreign("brat-annotation.conf")).unwrap();
    let visual = String::from_utf8(foreign("brat-visual.conf")).unwrap();
    let text = String::from_utf8(foreign("brat-news.txt")).unwrap();
    for cut in (0..=ann.len()).filter(|cut| ann.is_char_boundary(*cut)) {
        let _ = brat::import_files(&[file("a.txt", &text), file("a.ann", &ann[..cut])]);
    }
    for cut in (0..=conf.len()).filter(|cut| conf.is_char_boundary(*cut)) {
        let _ = brat::import_files(&[
            file("a.txt", &text),
            file("annotation.conf", &conf[..cut]),
            file("visual.conf", &visual[..cut.min(visual.len())]),
        ]);
    }
}

#[test]
fn a_conf_that_multiplies_out_to_too_many_rules_is_refused() {
    let types: Vec<String> = (0..400).map(|n| format!("T{n}")).collect();
    let conf = format!(
        "[entities]\n{}\n[relations]\nrel Arg1:{}, Arg2:{}\n",
        types.join("\n"),
        types.join("|"),
        types.join("|")
    );
    let error =
        brat::import_files(&[file("a.txt", "x"), file("annotation.conf", &conf)]).unwrap_err();
    assert_eq!(error.at, "annotation.conf");
}
