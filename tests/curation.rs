//! Adjudication: the clusters of several annotators' versions, how far they agree, the
//! pre-merge at k of n, and each decision as one undoable edit that is saved and exported
//! with the provenance of every gold span.

mod common;

use annotator::model::annotations::Annotations;
use annotator::model::curation::{decide, pre_merge, Choice, Curation, Deciding, Level, Outcome};
use annotator::model::document::Document;
use annotator::model::formats::native::{self, Imported};
use annotator::model::project::{StoredWork, WorkWriter};
use annotator::model::schema::Schema;
use annotator::model::span::{Relation, Span, SpanId, Timestamp};
use annotator::model::text::ArticleText;
use annotator::state::{Action, Session};
use common::{at, find};

const TEXT: &str = "Mayor Rana 😀 said the leak rate fell 34% in 2025. \
    وزارة المياه قالت إن التسربات انخفضت. Critics said the baseline was a guess.";

fn span(id: &str, label: &str, needle: &str) -> Span {
    let text = ArticleText::new(TEXT);
    let range = find(TEXT, needle);
    Span {
        id: SpanId::new(id),
        label: label.to_owned(),
        range,
        text: text.slice(range).expect("in the text").to_owned(),
        created: at("2026-12-01T10:00:00.000Z"),
        modified: at("2026-12-01T10:00:00.000Z"),
        note: String::new(),
        attributes: Default::default(),
        pieces: Vec::new(),
        evidence: Vec::new(),
    }
}

/// A version: spans (id, label, needle) and links (from, to).
fn version(spans: &[(&str, &str, &str)], links: &[(&str, &str)]) -> StoredWork {
    let text = ArticleText::new(TEXT);
    let mut annotations = Annotations::default();
    for (id, label, needle) in spans {
        annotations.insert(span(id, label, needle));
    }
    for (at, (from, to)) in links.iter().enumerate() {
        annotations.insert_relation(Relation {
            id: format!("r{at}"),
            kind: "said_by".to_owned(),
            from: SpanId::new(from),
            to: SpanId::new(to),
        });
    }
    StoredWork::of(&text, &annotations)
}

/// Three annotators: all agree on the Source and the Quote (linked); ana and ben agree on
/// the Claim, cleo made it longer; only cleo tagged the Arabic Source; ana and cleo tagged
/// "Critics" as a Source, ben as a Claim.
fn three() -> Curation {
    let quote = "the leak rate fell 34% in 2025";
    Curation {
        annotators: vec!["ana".into(), "ben".into(), "cleo".into()],
        threshold: 2,
        versions: vec![
            Some(version(
                &[
                    ("a1", "Source", "Mayor Rana 😀"),
                    ("a2", "Quote", quote),
                    ("a3", "Claim", "34% in 2025"),
                    ("a4", "Source", "Critics"),
                ],
                &[("a2", "a1")],
            )),
            Some(version(
                &[
                    ("b1", "Source", "Mayor Rana 😀"),
                    ("b2", "Quote", quote),
                    ("b3", "Claim", "34% in 2025"),
                    ("b4", "Claim", "Critics"),
                ],
                &[("b2", "b1")],
            )),
            Some(version(
                &[
                    ("c1", "Source", "Mayor Rana 😀"),
                    ("c2", "Quote", quote),
                    ("c3", "Claim", "fell 34% in 2025"),
                    ("c4", "Source", "وزارة المياه"),
                    ("c5", "Source", "Critics"),
                ],
                &[("c2", "c1")],
            )),
        ],
    }
}

fn ids() -> impl FnMut() -> String {
    let mut next = 0;
    move || {
        next += 1;
        format!("g{next}")
    }
}

fn now() -> Timestamp {
    at("2026-12-03T09:00:00.000Z")
}

#[test]
fn overlapping_spans_of_any_label_form_clusters_that_say_how_far_the_annotators_agree() {
    let curation = three();
    let clusters = curation.clusters();
    let text = ArticleText::new(TEXT);
    let shown: Vec<(&str, Level)> = (clusters.iter())
        .map(|cluster| {
            (
                text.slice(cluster.range).expect("in the text"),
                cluster.level,
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            ("Mayor Rana 😀", Level::All),
            // The Quote and the Claims inside it chain into one cluster.
            ("the leak rate fell 34% in 2025", Level::Some { agree: 2 }),
            ("وزارة المياه", Level::One),
            ("Critics", Level::Some { agree: 2 }),
        ]
    );
    // Offsets are code points: Python's text[start:end].
    assert_eq!(clusters[2].range, find(TEXT, "وزارة المياه"));
    assert_eq!(clusters[1].spans, vec![vec![1, 2], vec![1, 2], vec![1, 2]]);
}

#[test]
fn pre_merge_takes_what_k_of_n_marked_alike_and_decides_the_clusters_it_settles() {
    let curation = three();
    let gold = pre_merge(&curation, &now(), &mut ids());
    let spans: Vec<(&str, &str)> = (gold.spans().iter())
        .map(|span| (span.label.as_str(), span.text.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![
            ("Source", "Mayor Rana 😀"),
            ("Quote", "the leak rate fell 34% in 2025"),
            ("Claim", "34% in 2025"),
            ("Source", "Critics"),
        ]
    );
    // The link all three made, between merged spans.
    assert_eq!(gold.relations().len(), 1);
    let link = &gold.relations()[0];
    assert_eq!(
        gold.get(&link.from).map(|s| s.label.as_str()),
        Some("Quote")
    );
    assert_eq!(gold.get(&link.to).map(|s| s.label.as_str()), Some("Source"));
    // Decided: only the clusters where every span marked had 2 of 3 (Rana). The quote's
    // cluster has cleo's longer Claim, the Arabic source one annotator, Critics ben's
    // Claim: the curator decides those.
    let decided: Vec<(usize, usize, &Outcome)> = (gold.decisions().iter())
        .map(|decision| (decision.start, decision.end, &decision.outcome))
        .collect();
    let rana = find(TEXT, "Mayor Rana 😀");
    assert_eq!(decided, vec![(rana.start.0, rana.end.0, &Outcome::Merged)]);
    assert_eq!(
        gold.decisions()[0].adopted[0].annotators,
        vec!["ana", "ben", "cleo"]
    );
    // With all three required, only Rana's cluster is merged.
    let all = Curation {
        threshold: 3,
        ..three()
    };
    let strict = pre_merge(&all, &now(), &mut ids());
    assert_eq!(strict.len(), 2, "the Source and the Quote all three marked");
}

/// Dana deciding now, with fresh ids from `new_id`.
fn dana(new_id: &mut dyn FnMut() -> String) -> Deciding<'_> {
    Deciding {
        adjudicator: Some("dana".into()),
        now: now(),
        new_id,
    }
}

/// A gold session of the three versions, pre-merged.
fn gold_session() -> (Session, Curation) {
    let curation = three();
    let document = Document {
        id: "doc-1".into(),
        title: "Leaks".into(),
        source: None,
        text: ArticleText::new(TEXT),
        extra: Default::default(),
        layout: Default::default(),
        annotator: Some("dana".into()),
    };
    let annotations = pre_merge(&curation, &now(), &mut ids());
    let mut session = Session::sample();
    session.apply(Action::Restore(Imported {
        document,
        schema: Schema::default(),
        annotations,
    }));
    (session, curation)
}

#[test]
fn taking_a_version_swaps_the_clusters_spans_keeps_links_and_undoes_as_one_step() {
    let (mut session, curation) = gold_session();
    let clusters = curation.clusters();
    let before = (*session.annotations).clone();
    let mut new_id = ids();
    let mut new_id = || format!("x{}", new_id());
    let mut deciding = dana(&mut new_id);
    // Cleo's version of the quote's cluster: her Quote (linked to the merged Source) and
    // her longer Claim.
    let edit = decide(
        &curation,
        &clusters[1],
        &session.annotations,
        Choice::Take(2),
        &mut deciding,
    );
    session.apply(Action::Adjudicate(edit));
    assert_eq!(
        session.selected, None,
        "the next cluster's keys are the curator's"
    );
    let texts: Vec<(&str, &str)> = (session.annotations.spans().iter())
        .map(|span| (span.label.as_str(), span.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("Source", "Mayor Rana 😀"),
            ("Quote", "the leak rate fell 34% in 2025"),
            ("Claim", "fell 34% in 2025"),
            ("Source", "Critics"),
        ]
    );
    let quote = &session.annotations.spans()[1];
    let links: Vec<&str> = (session.annotations.relations_of(&quote.id))
        .map(|relation| {
            session
                .annotations
                .get(&relation.to)
                .map_or("", |s| s.text.as_str())
        })
        .collect();
    assert_eq!(
        links,
        vec!["Mayor Rana 😀"],
        "her link to the merged Source"
    );
    let decision = session
        .annotations
        .decision(clusters[1].range)
        .expect("decided");
    assert_eq!(decision.outcome, Outcome::Took("cleo".into()));
    assert_eq!(decision.adjudicator.as_deref(), Some("dana"));
    let claim = &session.annotations.spans()[2];
    let provenance =
        annotator::model::curation::provenance(&session.annotations, claim.id.as_str())
            .expect("adopted");
    assert_eq!(provenance.annotators, vec!["cleo"]);
    assert_eq!(
        session
            .history
            .next_undo()
            .map(|edit| edit.describe())
            .as_deref(),
        Some("taking cleo's version")
    );

    session.apply(Action::Undo);
    assert_eq!(
        *session.annotations, before,
        "one undo takes the decision back whole"
    );
    session.apply(Action::Redo);
    assert!(session.annotations.decision(clusters[1].range).is_some());

    // Nothing for the Arabic Source; the gold as it is for Critics.
    let edit = decide(
        &curation,
        &clusters[2],
        &session.annotations,
        Choice::Nothing,
        &mut deciding,
    );
    session.apply(Action::Adjudicate(edit));
    let edit = decide(
        &curation,
        &clusters[3],
        &session.annotations,
        Choice::AsIs,
        &mut deciding,
    );
    session.apply(Action::Adjudicate(edit));
    let outcomes: Vec<&Outcome> = (session.annotations.decisions().iter())
        .map(|d| &d.outcome)
        .collect();
    assert_eq!(
        outcomes,
        vec![
            &Outcome::Merged,
            &Outcome::Took("cleo".into()),
            &Outcome::Nothing,
            &Outcome::Edited
        ]
    );
    let critics = session
        .annotations
        .decision(clusters[3].range)
        .expect("decided");
    assert_eq!(critics.adopted[0].annotators, vec!["ana", "cleo"]);
}

#[test]
fn decisions_are_saved_and_exported_with_each_gold_spans_provenance_and_read_back() {
    let (mut session, curation) = gold_session();
    let clusters = curation.clusters();
    let mut new_id = ids();
    let mut new_id = || format!("x{}", new_id());
    let mut deciding = dana(&mut new_id);
    let edit = decide(
        &curation,
        &clusters[2],
        &session.annotations,
        Choice::Take(2),
        &mut deciding,
    );
    session.apply(Action::Adjudicate(edit));

    // Stored: the writer's bytes are serde's, decisions included, and read back.
    let text = &session.document.text;
    let mut writer = WorkWriter::new(text, &session.annotations);
    writer.write(1);
    let bytes = writer.finish();
    let stored = StoredWork::of(text, &session.annotations);
    assert_eq!(bytes, serde_json::to_vec(&stored).expect("serialises"));
    assert_eq!(stored.decisions.len(), 2);

    // Exported: each adopted span says who marked it and how it came in; the decisions
    // read back into the same work.
    let json = session.export_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let arabic = (value["spans"].as_array().expect("spans").iter())
        .find(|span| span["text"] == "وزارة المياه")
        .expect("taken");
    assert_eq!(
        arabic["provenance"]["annotators"],
        serde_json::json!(["cleo"])
    );
    assert_eq!(
        arabic["provenance"]["outcome"],
        serde_json::json!({"took": "cleo"})
    );
    assert_eq!(arabic["provenance"]["adjudicator"], "dana");
    let rana = (value["spans"].as_array().expect("spans").iter())
        .find(|span| span["text"] == "Mayor Rana 😀")
        .expect("merged");
    assert_eq!(rana["provenance"]["outcome"], "merged");
    assert!(rana["provenance"].get("adjudicator").is_none());
    assert_eq!(value["decisions"].as_array().map(Vec::len), Some(2));
    let imported = native::parse(&json).expect("reads back");
    assert_eq!(imported.annotations, *session.annotations);
    // An ordinary article's export has neither key.
    let plain = Session::sample().export_json();
    assert!(!plain.contains("\"decisions\"") && !plain.contains("\"provenance\""));
}
