//! Links between spans: only those the schema allows, typed by its rules.

mod common;

use annotator::model::formats::native;
use annotator::model::schema::{Label, LinkRule, Schema};
use annotator::model::span::SpanId;
use annotator::state::{Action, Change, Refusal, Session};
use common::{at, tag};

fn id(value: &str) -> SpanId {
    SpanId::new(value)
}

/// The sample with a claim, a quote and two sources, not yet linked.
fn tagged_sample() -> Session {
    let mut session = Session::sample();
    tag(&mut session, "claim", "Claim", "34 percent");
    tag(
        &mut session,
        "quote",
        "Quote",
        "We found leaks that had been running for twenty years under the old harbour district,",
    );
    tag(&mut session, "haddad", "Source", "Dr. Layla Haddad");
    tag(&mut session, "office", "Source", "Regional Audit Office");
    assert_eq!(session.annotations.len(), 4);
    session
}

fn link(session: &mut Session, relation: &str, from: &str, to: &str) -> Change {
    session.apply(Action::Link {
        id: relation.to_owned(),
        from: id(from),
        to: id(to),
    })
}

/// (id, kind, from, to) of every relation.
fn relations(session: &Session) -> Vec<(String, String, String, String)> {
    session
        .annotations
        .relations()
        .iter()
        .map(|relation| {
            (
                relation.id.clone(),
                relation.kind.clone(),
                relation.from.as_str().to_owned(),
                relation.to.as_str().to_owned(),
            )
        })
        .collect()
}

fn owned(parts: [&str; 4]) -> (String, String, String, String) {
    let [a, b, c, d] = parts.map(str::to_owned);
    (a, b, c, d)
}

/// Checks that linking `from` to `to` is refused, with a message containing every `words`,
/// and that the work is left as it was.
fn assert_refused(session: &mut Session, from: &str, to: &str, words: &[&str]) {
    let message = session
        .link_rule(&id(from), &id(to))
        .expect_err("the link must be refused");
    for word in words {
        assert!(
            message.contains(word),
            "“{message}” should mention “{word}”"
        );
    }
    let before = session.clone();
    assert_eq!(
        link(session, "refused", from, to),
        Change::Refused(Refusal::LinkNotAllowed(message))
    );
    assert_eq!(*session, before, "a refused link changes nothing");
}

#[test]
fn a_quote_links_to_its_source_as_said_by() {
    let mut session = tagged_sample();
    let rule = session
        .link_rule(&id("quote"), &id("haddad"))
        .expect("allowed");
    assert_eq!(
        (rule.kind.as_str(), rule.title()),
        ("said_by", "said by".to_owned())
    );
    assert_eq!(link(&mut session, "r1", "quote", "haddad"), Change::Work);
    assert_eq!(
        relations(&session),
        [owned(["r1", "said_by", "quote", "haddad"])]
    );
}

#[test]
fn a_claim_links_to_its_source_as_according_to() {
    let mut session = tagged_sample();
    assert_eq!(link(&mut session, "r1", "claim", "office"), Change::Work);
    assert_eq!(
        relations(&session),
        [owned(["r1", "according_to", "claim", "office"])]
    );
}

#[test]
fn one_source_can_back_both_a_quote_and_a_claim() {
    let mut session = tagged_sample();
    assert_eq!(link(&mut session, "r1", "quote", "haddad"), Change::Work);
    assert_eq!(link(&mut session, "r2", "claim", "haddad"), Change::Work);
    assert_eq!(link(&mut session, "r3", "claim", "office"), Change::Work);
    assert_eq!(session.annotations.relations_of(&id("haddad")).count(), 2);
    assert_eq!(session.annotations.relations_of(&id("claim")).count(), 2);
}

#[test]
fn a_source_cannot_point_at_a_quote_and_is_told_what_the_schema_allows() {
    let mut session = tagged_sample();
    assert_refused(
        &mut session,
        "haddad",
        "quote",
        &[
            "A Source cannot be linked to a Quote",
            "the schema allows",
            "Quote → Source",
            "Claim → Source",
        ],
    );
}

#[test]
fn a_quote_cannot_point_at_a_claim_and_is_told_what_the_schema_allows() {
    let mut session = tagged_sample();
    assert_refused(
        &mut session,
        "quote",
        "claim",
        &["A Quote cannot be linked to a Claim", "Quote → Source"],
    );
}

#[test]
fn two_sources_cannot_be_linked() {
    let mut session = tagged_sample();
    assert_refused(
        &mut session,
        "haddad",
        "office",
        &["Source", "Quote → Source"],
    );
}

#[test]
fn a_span_cannot_be_linked_to_itself() {
    let mut session = tagged_sample();
    assert_refused(&mut session, "quote", "quote", &["itself"]);
}

#[test]
fn the_same_link_cannot_be_made_twice() {
    let mut session = tagged_sample();
    assert_eq!(link(&mut session, "r1", "quote", "haddad"), Change::Work);
    assert_refused(&mut session, "quote", "haddad", &["already linked"]);
    assert_eq!(session.annotations.relations().len(), 1);
    // The other direction is a different (and here forbidden) link, not a duplicate.
    assert_refused(&mut session, "haddad", "quote", &["the schema allows"]);
}

#[test]
fn a_link_to_a_deleted_span_is_refused() {
    let mut session = tagged_sample();
    session.apply(Action::Delete(id("haddad")));
    assert_refused(&mut session, "quote", "haddad", &["no longer exists"]);
    assert_refused(&mut session, "ghost", "haddad", &["no longer exists"]);
}

#[test]
fn a_schema_without_link_rules_says_it_allows_no_links() {
    let mut session = tagged_sample();
    let schema = Schema::new(session.schema.labels().to_vec(), Vec::new());
    let change = session.apply(Action::SetSchema {
        schema,
        renames: Vec::new(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    assert_refused(
        &mut session,
        "quote",
        "haddad",
        &["the schema allows no links"],
    );
}

#[test]
fn deleting_a_span_removes_its_links_and_undo_restores_them() {
    let mut session = tagged_sample();
    link(&mut session, "r1", "quote", "haddad");
    link(&mut session, "r2", "claim", "office");
    link(&mut session, "r3", "claim", "haddad");
    let linked = relations(&session);
    assert_eq!(session.apply(Action::Delete(id("haddad"))), Change::Work);
    assert_eq!(
        relations(&session),
        [owned(["r2", "according_to", "claim", "office"])],
        "only the link not touching the deleted source is left"
    );
    assert_eq!(session.apply(Action::Undo), Change::Work);
    assert!(session.annotations.get(&id("haddad")).is_some());
    assert_eq!(relations(&session), linked, "every link is back, in order");
    assert_eq!(session.apply(Action::Redo), Change::Work);
    assert_eq!(relations(&session).len(), 1);
}

#[test]
fn unlinking_removes_only_that_link_and_undo_brings_it_back() {
    let mut session = tagged_sample();
    link(&mut session, "r1", "quote", "haddad");
    link(&mut session, "r2", "claim", "haddad");
    let linked = relations(&session);
    assert_eq!(session.apply(Action::Unlink("r1".to_owned())), Change::Work);
    assert_eq!(
        relations(&session),
        [owned(["r2", "according_to", "claim", "haddad"])]
    );
    assert_eq!(
        session.apply(Action::Unlink("r1".to_owned())),
        Change::Refused(Refusal::LinkGone),
        "already gone"
    );
    session.apply(Action::Undo);
    assert_eq!(relations(&session), linked);
}

#[test]
fn links_are_listed_in_the_same_order_however_they_were_made() {
    let mut first = tagged_sample();
    link(&mut first, "a", "quote", "haddad");
    link(&mut first, "b", "claim", "office");
    let mut second = tagged_sample();
    link(&mut second, "b", "claim", "office");
    link(&mut second, "a", "quote", "haddad");
    assert_eq!(
        first.annotations.relations(),
        second.annotations.relations()
    );
    assert_eq!(first.export_json(), second.export_json());
}

#[test]
fn links_survive_a_native_export_and_parse_round_trip() {
    let mut session = tagged_sample();
    link(&mut session, "r1", "quote", "haddad");
    link(&mut session, "r2", "claim", "office");
    link(&mut session, "r3", "claim", "haddad");
    let json = session.export_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["relations"].as_array().map(Vec::len), Some(3));
    assert_eq!(value["relations"][0]["kind"], "said_by");
    assert_eq!(value["links"][0]["from"], "Quote");
    let imported = native::parse(&json).expect("parses");
    assert_eq!(imported.annotations, *session.annotations);
    assert_eq!(imported.schema, *session.schema);
    // Restored work links and refuses exactly as before.
    let mut restored = Session::sample();
    assert_eq!(restored.apply(Action::Restore(imported)), Change::Work);
    assert_eq!(restored.export_json(), json);
    assert_refused(&mut restored, "quote", "haddad", &["already linked"]);
    assert_eq!(link(&mut restored, "r4", "quote", "office"), Change::Work);
}

#[test]
fn a_custom_schema_rule_allows_a_new_kind_of_link() {
    let mut session = tagged_sample();
    assert_refused(&mut session, "claim", "quote", &["Claim cannot be linked"]);
    let mut labels = session.schema.labels().to_vec();
    labels.push(Label {
        name: "Event".to_owned(),
        color: "#f0abfc".to_owned(),
        hotkey: '4',
        attributes: Vec::new(),
        frame: false,
    });
    let mut rules = session.schema.links().to_vec();
    rules.push(LinkRule {
        from: "Claim".to_owned(),
        to: "Quote".to_owned(),
        kind: "supported_by".to_owned(),
    });
    rules.push(LinkRule {
        from: "Claim".to_owned(),
        to: "Event".to_owned(),
        kind: "about".to_owned(),
    });
    let schema = Schema::new(labels, rules);
    assert!(schema.problems().is_empty(), "{:?}", schema.problems());
    let change = session.apply(Action::SetSchema {
        schema,
        renames: Vec::new(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    tag(&mut session, "event", "Event", "press conference");
    assert_eq!(link(&mut session, "r1", "claim", "quote"), Change::Work);
    assert_eq!(link(&mut session, "r2", "claim", "event"), Change::Work);
    assert_eq!(
        relations(&session),
        [
            owned(["r1", "supported_by", "claim", "quote"]),
            owned(["r2", "about", "claim", "event"]),
        ]
    );
    let targets: Vec<_> = session
        .schema
        .link_targets("Claim")
        .map(|rule| rule.to.as_str())
        .collect();
    assert_eq!(targets, ["Source", "Quote", "Event"]);
    // The refusal message lists the new rules too.
    assert_refused(
        &mut session,
        "event",
        "claim",
        &["Claim → Quote", "Claim → Event"],
    );
}

#[test]
fn relabelling_a_linked_source_drops_the_links_the_schema_no_longer_allows_and_undo_restores_them()
{
    let mut session = tagged_sample();
    link(&mut session, "r1", "quote", "haddad");
    link(&mut session, "r2", "claim", "haddad");
    let before = session.annotations.clone();
    let change = session.apply(Action::Relabel {
        id: id("haddad"),
        label: "Quote".to_owned(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    assert!(
        relations(&session).is_empty(),
        "a Quote cannot be said_by a Quote"
    );
    session.apply(Action::Undo);
    assert_eq!(
        session.annotations, before,
        "one undo restores label and links"
    );
}

#[test]
fn moving_a_span_onto_the_same_words_and_label_as_another_is_refused() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Source", "Dr. Layla Haddad");
    tag(&mut session, "b", "Source", "Layla Haddad");
    let change = session.apply(Action::Nudge {
        id: id("b"),
        edge: annotator::model::words::Edge::Start,
        step: annotator::model::words::Step::Word,
        direction: annotator::model::words::Direction::Backward,
        now: at("later"),
    });
    assert_eq!(change, Change::Refused(Refusal::Duplicate));
    assert_eq!(session.annotations.len(), 2);
}

#[test]
fn a_taken_id_is_never_reused_for_a_new_span() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Source", "Dr. Layla Haddad");
    let revision = session.revision;
    tag(&mut session, "a", "Claim", "34 percent");
    assert_eq!(session.revision, revision);
    assert_eq!(session.annotations.len(), 1);
    assert!(!session.history.can_redo());
    session.apply(Action::Undo);
    assert!(
        session.annotations.is_empty(),
        "the one undo takes back the first span only"
    );
}
