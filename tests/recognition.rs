//! A picked file is recognised by its content, whichever tool wrote it, and read by the
//! right importer: every fixture (ours and the real tools') lands in its format.

use annotator::model::formats::{Format, InFile};
use annotator_formats::read;
use std::path::Path;

fn file(relative: &str) -> InFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(relative);
    InFile {
        name: relative.rsplit('/').next().unwrap_or(relative).to_owned(),
        bytes: std::fs::read(&path).unwrap_or_else(|_| panic!("{relative} is there")),
    }
}

fn recognised(relatives: &[&str]) -> (Format, usize) {
    let files: Vec<InFile> = relatives.iter().map(|relative| file(relative)).collect();
    let (format, drafts) = read(&files).unwrap_or_else(|error| panic!("{relatives:?}: {error}"));
    let spans = drafts.iter().map(|draft| draft.spans.len()).sum();
    (format, spans)
}

#[test]
fn our_own_exports_are_recognised() {
    for (relative, format) in [
        ("hard-text.w3c.jsonld", Format::W3c),
        ("hard-text.label-studio.json", Format::LabelStudio),
        ("hard-text.doccano.jsonl", Format::DoccanoSequence),
        (
            "hard-text.doccano-relations.jsonl",
            Format::DoccanoRelations,
        ),
        ("hard-text.spacy.jsonl", Format::Spacy),
        ("hard-text.brat.zip", Format::Brat),
    ] {
        let (read_as, spans) = recognised(&[relative]);
        assert_eq!(read_as, format, "{relative}");
        assert_eq!(spans, 7, "{relative}");
    }
    assert_eq!(
        recognised(&["hard-text.txt", "hard-text.ann"]).0,
        Format::Brat
    );
}

#[test]
fn files_written_by_other_tools_are_recognised() {
    for (relatives, format) in [
        (&["foreign/w3c-hypothesis.json"][..], Format::W3c),
        (&["foreign/w3c-spec-page.jsonld"][..], Format::W3c),
        (&["foreign/label-studio-ner.json"][..], Format::LabelStudio),
        (&["foreign/label-studio-min.json"][..], Format::LabelStudio),
        (
            &["foreign/doccano-sequence-export.jsonl"][..],
            Format::DoccanoSequence,
        ),
        (
            &["foreign/doccano-relation-export.jsonl"][..],
            Format::DoccanoRelations,
        ),
        (&["foreign/prodigy-rel-manual.jsonl"][..], Format::Spacy),
        (
            &["foreign/brat-news.txt", "foreign/brat-news.ann"][..],
            Format::Brat,
        ),
        (&["foreign/brat-news-infozip.zip"][..], Format::Brat),
        (&["foreign/brat-news-python.zip"][..], Format::Brat),
    ] {
        let (read_as, spans) = recognised(relatives);
        assert_eq!(read_as, format, "{relatives:?}");
        assert!(spans > 0, "{relatives:?} has spans");
    }
}

#[test]
fn a_text_file_alone_is_sent_to_open_article() {
    let error = read(&[file("hard-text.txt")]).expect_err("an article, not annotations");
    assert!(error.to_string().contains("Open article"), "{error}");
}
