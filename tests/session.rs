//! The reducer: what tagging, re-labelling, deleting and selecting do to the work.

mod common;

use annotator::model::document::Document;
use annotator::model::span::SpanId;
use annotator::model::text::ArticleText;
use annotator::state::{Action, Change, Refusal, Session};
use common::{at, find, tag};

fn id(value: &str) -> SpanId {
    SpanId::new(value)
}

#[test]
fn tagging_a_selection_trims_whitespace_and_stores_the_exact_quote() {
    let mut session = Session::sample();
    let text = session.document.text.as_str().to_owned();
    let range = find(&text, " Dr. Layla Haddad ");
    let change = session.apply(Action::Tag {
        id: id("s1"),
        label: "Source".to_owned(),
        range,
        exact: false,
        now: at("2026-11-24T10:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    let span = session.annotations.get(&id("s1")).expect("span");
    assert_eq!(span.text, "Dr. Layla Haddad");
    assert_eq!(
        session.document.text.slice(span.range),
        Some("Dr. Layla Haddad")
    );
    assert_eq!(session.selected, Some(id("s1")), "the new span is selected");
    assert_eq!(session.revision, 1);
}

#[test]
fn a_whitespace_only_or_unknown_label_selection_changes_nothing() {
    let mut session = Session::sample();
    let before = session.clone();
    let spaces = find(session.document.text.as_str(), "\n\n");
    let change = session.apply(Action::Tag {
        id: id("x"),
        label: "Claim".to_owned(),
        range: spaces,
        exact: false,
        now: at("t"),
    });
    assert_eq!(change, Change::Refused(Refusal::EmptySelection));
    tag(&mut session, "y", "Opinion", "Valmera");
    assert_eq!(session, before);
}

#[test]
fn tagging_the_same_words_with_the_same_label_selects_the_existing_span() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    session.apply(Action::Select(None));
    tag(&mut session, "b", "Claim", "34 percent");
    assert_eq!(session.annotations.len(), 1);
    assert_eq!(session.selected, Some(id("a")));
}

#[test]
fn relabelling_keeps_id_and_creation_time_and_updates_modified() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "Chloé Lefèvre");
    let change = session.apply(Action::Relabel {
        id: id("a"),
        label: "Source".to_owned(),
        now: at("2026-11-24T11:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    let span = session.annotations.get(&id("a")).expect("span");
    assert_eq!(span.label, "Source");
    assert_eq!(span.created, at("2026-11-24T10:00:00.000Z"));
    assert_eq!(span.modified, at("2026-11-24T11:00:00.000Z"));
    let again = session.apply(Action::Relabel {
        id: id("a"),
        label: "Source".to_owned(),
        now: at("later"),
    });
    assert_eq!(again, Change::None, "same label is not an edit");
}

#[test]
fn deleting_the_selected_span_clears_the_selection() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Quote", "The water we save is real,");
    assert_eq!(session.apply(Action::Delete(id("a"))), Change::Work);
    assert!(session.annotations.is_empty());
    assert_eq!(session.selected, None);
    assert_eq!(
        session.apply(Action::Delete(id("a"))),
        Change::Refused(Refusal::SpanGone)
    );
}

#[test]
fn spans_stay_in_document_order_whatever_order_they_were_made_in() {
    let mut session = Session::sample();
    tag(&mut session, "late", "Claim", "42 million euros");
    tag(&mut session, "early", "Claim", "34 percent");
    tag(&mut session, "inner", "Quote", "Valmera Water Authority");
    let order: Vec<_> = session
        .annotations
        .spans()
        .iter()
        .map(|span| span.id.as_str().to_owned())
        .collect();
    assert_eq!(order, ["inner", "early", "late"]);
}

#[test]
fn selecting_a_missing_span_selects_nothing() {
    let mut session = Session::sample();
    assert_eq!(
        session.apply(Action::Select(Some(id("ghost")))),
        Change::None
    );
    tag(&mut session, "a", "Claim", "34 percent");
    assert_eq!(session.apply(Action::Select(None)), Change::Selection);
    assert_eq!(session.revision, 1, "selection is not work to save");
}

#[test]
fn opening_an_article_replaces_text_and_spans() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "new".to_owned(),
        title: "New".to_owned(),
        source: None,
        text: ArticleText::new("Fresh\r\ntext"),
        annotator: None,
    };
    assert_eq!(session.apply(Action::Open(document)), Change::Work);
    assert!(session.annotations.is_empty());
    assert_eq!(session.document.text.as_str(), "Fresh\ntext");
}

#[test]
fn relabelling_onto_an_identical_span_selects_it_instead_of_duplicating() {
    let mut session = Session::sample();
    tag(&mut session, "claim", "Claim", "34 percent");
    tag(&mut session, "quote", "Quote", "34 percent");
    session.apply(Action::Select(Some(id("claim"))));
    let change = session.apply(Action::Relabel {
        id: id("claim"),
        label: "Quote".to_owned(),
        now: at("later"),
    });
    assert_eq!(change, Change::Selection);
    assert_eq!(session.annotations.len(), 2);
    assert_eq!(session.annotations.count("Claim"), 1);
    assert_eq!(session.selected, Some(id("quote")));
}
