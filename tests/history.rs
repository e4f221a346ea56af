//! Undo and redo: every edit to the work can be taken back exactly, and done again.

mod common;

use annotator::model::annotations::Annotations;
use annotator::model::schema::{Label, Schema};
use annotator::model::span::{Span, SpanId};
use annotator::model::words::{Direction, Edge, Step};
use annotator::state::{Action, Change, Refusal, Session};
use common::{at, find, tag};

fn id(value: &str) -> SpanId {
    SpanId::new(value)
}

/// The work as undo sees it: spans, relations and schema.
fn work(session: &Session) -> (Annotations, Schema) {
    ((*session.annotations).clone(), (*session.schema).clone())
}

/// The sample with two sources, two quotes and a claim, linked in the order
/// q1 → s1, q2 → s2, c1 → s1; c1 carries both Claim attributes.
fn linked_sample() -> Session {
    let mut session = Session::sample();
    tag(&mut session, "s1", "Source", "Dr. Layla Haddad");
    tag(
        &mut session,
        "q1",
        "Quote",
        "We found leaks that had been running for twenty years under the old harbour district,",
    );
    tag(&mut session, "s2", "Source", "José Martínez Ibáñez");
    tag(
        &mut session,
        "q2",
        "Quote",
        "You cannot claim a 34 percent cut when the starting number was a guess,",
    );
    tag(&mut session, "c1", "Claim", "34 percent");
    for (relation, from, to) in [("r1", "q1", "s1"), ("r2", "q2", "s2"), ("r3", "c1", "s1")] {
        let change = session.apply(Action::Link {
            id: relation.to_owned(),
            from: id(from),
            to: id(to),
        });
        assert_eq!(change, Change::Work, "link {relation}");
    }
    for (name, value) in [("check-worthy", "yes"), ("claim type", "statistic")] {
        session.apply(Action::SetAttribute {
            id: id("c1"),
            name: name.to_owned(),
            value: Some(value.to_owned()),
            now: at("2026-11-24T10:30:00.000Z"),
        });
    }
    assert_eq!(session.annotations.len(), 5);
    assert_eq!(session.annotations.relations().len(), 3);
    session
}

/// Applies `action` (which must change the work), then checks that undo gives back exactly
/// the work before it and redo exactly the work after it, twice over.
fn assert_undo_and_redo(session: &mut Session, action: Action) {
    let before = work(session);
    assert_eq!(session.apply(action), Change::Work, "the edit applies");
    let after = work(session);
    assert_ne!(before, after, "the edit changed the work");
    for _ in 0..2 {
        assert_eq!(session.apply(Action::Undo), Change::Work);
        assert_eq!(*session.annotations, before.0, "undo restores the spans");
        assert_eq!(*session.schema, before.1, "undo restores the schema");
        assert!(!session.history.can_undo() || session.history.can_redo());
        assert_eq!(session.apply(Action::Redo), Change::Work);
        assert_eq!(*session.annotations, after.0, "redo restores the edit");
        assert_eq!(*session.schema, after.1, "redo restores the schema edit");
    }
}

#[test]
fn undoing_a_new_span_removes_it_and_redo_brings_it_back() {
    let mut session = linked_sample();
    let range = find(session.document.text.as_str(), "41.2 million cubic metres");
    assert_undo_and_redo(
        &mut session,
        Action::Tag {
            id: id("new"),
            label: "Claim".to_owned(),
            range,
            exact: false,
            now: at("2026-11-24T12:00:00.000Z"),
        },
    );
}

#[test]
fn undoing_the_first_span_leaves_an_empty_article() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    assert_eq!(session.apply(Action::Undo), Change::Work);
    assert!(session.annotations.is_empty());
    assert_eq!(session.selected, None, "the removed span is not selected");
    assert_eq!(session.apply(Action::Redo), Change::Work);
    assert_eq!(session.annotations.len(), 1);
    assert_eq!(
        session.selected,
        Some(id("a")),
        "redo selects the span again"
    );
}

#[test]
fn undoing_a_delete_brings_back_the_span_and_its_links() {
    let mut session = linked_sample();
    // s1 is the end of r1 and r3, with r2 between them.
    assert_undo_and_redo(&mut session, Action::Delete(id("s1")));
    assert_eq!(
        session.annotations.relations().len(),
        1,
        "redo deleted r1, r3"
    );
    session.apply(Action::Undo);
    let kinds: Vec<_> = session
        .annotations
        .relations()
        .iter()
        .map(|relation| (relation.id.as_str(), relation.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [("r1", "said_by"), ("r2", "said_by"), ("r3", "according_to")]
    );
}

#[test]
fn undoing_a_delete_of_a_span_that_starts_a_link_restores_the_link() {
    let mut session = linked_sample();
    assert_undo_and_redo(&mut session, Action::Delete(id("q1")));
}

#[test]
fn undoing_a_relabel_restores_the_label_and_the_attributes_it_dropped() {
    let mut session = linked_sample();
    assert_undo_and_redo(
        &mut session,
        Action::Relabel {
            id: id("c1"),
            label: "Source".to_owned(),
            now: at("2026-11-24T12:00:00.000Z"),
        },
    );
    let span = session.annotations.get(&id("c1")).expect("span");
    assert!(
        span.attributes.is_empty(),
        "Source defines neither attribute"
    );
}

#[test]
fn undoing_a_resize_restores_the_boundaries_and_the_quote() {
    let mut session = linked_sample();
    let range = find(session.document.text.as_str(), "by 34 percent in two years");
    assert_undo_and_redo(
        &mut session,
        Action::Resize {
            id: id("c1"),
            range,
            now: at("2026-11-24T12:00:00.000Z"),
        },
    );
    let span = session.annotations.get(&id("c1")).expect("span");
    assert_eq!(span.text, "by 34 percent in two years");
}

#[test]
fn undoing_a_nudge_by_word_or_by_character_restores_the_edge() {
    let mut session = linked_sample();
    for (edge, step, direction) in [
        (Edge::End, Step::Word, Direction::Forward),
        (Edge::Start, Step::Word, Direction::Backward),
        (Edge::End, Step::Char, Direction::Backward),
        (Edge::Start, Step::Char, Direction::Forward),
    ] {
        assert_undo_and_redo(
            &mut session,
            Action::Nudge {
                id: id("c1"),
                edge,
                step,
                direction,
                now: at("2026-11-24T12:00:00.000Z"),
            },
        );
    }
}

#[test]
fn undoing_a_note_restores_the_old_note() {
    let mut session = linked_sample();
    for note in ["Check the 2023 baseline.", "Second thought 🤔", ""] {
        assert_undo_and_redo(
            &mut session,
            Action::SetNote {
                id: id("c1"),
                note: note.to_owned(),
                now: at("2026-11-24T12:00:00.000Z"),
            },
        );
    }
}

#[test]
fn undoing_an_attribute_change_restores_the_old_value_or_its_absence() {
    let mut session = linked_sample();
    for (name, value) in [
        ("check-worthy", Some("unsure")),
        ("claim type", None),
        ("claim type", Some("comparison")),
    ] {
        assert_undo_and_redo(
            &mut session,
            Action::SetAttribute {
                id: id("c1"),
                name: name.to_owned(),
                value: value.map(str::to_owned),
                now: at("2026-11-24T12:00:00.000Z"),
            },
        );
    }
}

#[test]
fn undoing_a_link_removes_it() {
    let mut session = linked_sample();
    tag(&mut session, "c2", "Claim", "27.1 million cubic metres");
    assert_undo_and_redo(
        &mut session,
        Action::Link {
            id: "r4".to_owned(),
            from: id("c2"),
            to: id("s1"),
        },
    );
}

#[test]
fn undoing_an_unlink_puts_the_link_back_where_it_was() {
    let mut session = linked_sample();
    assert_undo_and_redo(&mut session, Action::Unlink("r1".to_owned()));
    assert_undo_and_redo(&mut session, Action::Unlink("r2".to_owned()));
}

#[test]
fn undoing_a_schema_change_restores_the_old_schema() {
    let mut session = linked_sample();
    let labels = session
        .schema
        .labels()
        .iter()
        .map(|label| Label {
            color: if label.name == "Quote" {
                "#1e3a8a".to_owned()
            } else {
                label.color.clone()
            },
            ..label.clone()
        })
        .collect();
    let schema = Schema::new(labels, session.schema.links().to_vec());
    assert_undo_and_redo(
        &mut session,
        Action::SetSchema {
            schema,
            renames: Vec::new(),
            now: at("2026-11-24T12:00:00.000Z"),
        },
    );
    assert_eq!(session.schema.color_of("Quote"), "#1e3a8a");
}

#[test]
fn undoing_a_label_rename_brings_back_the_old_name_on_every_span() {
    let mut session = linked_sample();
    tag(&mut session, "c2", "Claim", "27.1 million cubic metres");
    let schema = session.schema.with_label_renamed("Claim", "Assertion");
    assert_undo_and_redo(
        &mut session,
        Action::SetSchema {
            schema,
            renames: vec![("Claim".to_owned(), "Assertion".to_owned())],
            now: at("2026-11-24T12:00:00.000Z"),
        },
    );
    assert_eq!(session.annotations.count("Assertion"), 2);
    assert_eq!(session.annotations.count("Claim"), 0);
    session.apply(Action::Undo);
    assert_eq!(session.annotations.count("Claim"), 2);
    assert!(session.schema.get("Assertion").is_none());
}

#[test]
fn undo_with_nothing_to_undo_changes_nothing() {
    let mut session = Session::sample();
    let before = session.clone();
    let nothing_to_undo = Change::Refused(Refusal::NothingToUndo);
    let nothing_to_redo = Change::Refused(Refusal::NothingToRedo);
    assert_eq!(session.apply(Action::Undo), nothing_to_undo);
    assert_eq!(session.apply(Action::Redo), nothing_to_redo);
    assert_eq!(session, before, "not even the revision moves");
    tag(&mut session, "a", "Claim", "34 percent");
    assert_eq!(
        session.apply(Action::Redo),
        nothing_to_redo,
        "nothing undone yet"
    );
    assert_eq!(session.apply(Action::Undo), Change::Work);
    assert_eq!(session.apply(Action::Undo), nothing_to_undo);
}

#[test]
fn a_new_edit_after_undo_clears_what_could_be_redone() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    tag(&mut session, "b", "Quote", "The water we save is real,");
    session.apply(Action::Undo);
    assert!(session.history.can_redo());
    tag(&mut session, "c", "Source", "Chloé Lefèvre");
    assert!(!session.history.can_redo());
    assert_eq!(
        session.apply(Action::Redo),
        Change::Refused(Refusal::NothingToRedo)
    );
    let ids: Vec<_> = session
        .annotations
        .spans()
        .iter()
        .map(|span| span.id.as_str().to_owned())
        .collect();
    assert_eq!(ids, ["a", "c"], "b stays undone");
}

#[test]
fn undo_and_redo_are_work_to_save() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    assert_eq!(session.revision, 1);
    session.apply(Action::Undo);
    session.apply(Action::Redo);
    assert_eq!(session.revision, 3);
}

#[test]
fn selection_changes_are_not_undone() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    tag(&mut session, "b", "Claim", "42 million euros");
    session.apply(Action::Select(Some(id("a"))));
    session.apply(Action::Undo);
    assert_eq!(
        session.annotations.len(),
        1,
        "undo took back b, not the click"
    );
    assert_eq!(session.selected, Some(id("a")));
}

/// Random sequences of edits (and undos and redos) on the sample and on hard text.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use annotator::model::document::Document;
    use annotator::model::offsets::CharRange;
    use annotator::model::schema::LinkRule;
    use annotator::model::text::ArticleText;
    use proptest::prelude::*;
    use proptest::sample::Index;

    #[derive(Clone, Debug)]
    enum Op {
        Tag {
            start: Index,
            len: usize,
            label: Index,
            exact: bool,
        },
        Delete(Index),
        Relabel(Index, Index),
        Resize {
            span: Index,
            start: Index,
            len: usize,
        },
        Nudge {
            span: Index,
            end: bool,
            word: bool,
            forward: bool,
        },
        Note(Index, &'static str),
        Attribute {
            span: Index,
            name: Index,
            value: Option<Index>,
        },
        /// From one span to another; `allowed` picks a target the schema allows.
        Link {
            from: Index,
            to: Index,
            allowed: bool,
        },
        Unlink(Index),
        RenameClaim,
        Recolour(Index, &'static str),
        ToggleEventLabel,
        ToggleSourceToQuoteRule,
        Select(Option<Index>),
        Undo,
        Redo,
    }

    fn op() -> impl Strategy<Value = Op> {
        let note = prop::sample::select(vec!["", "check", "  padded  \n", "مرحبا 👍🏽"]);
        let colour = prop::sample::select(vec!["#fcd34d", "#1e3a8a", "#ffffff", "#000000"]);
        prop_oneof![
            5 => (any::<Index>(), 0..60usize, any::<Index>(), any::<bool>()).prop_map(
                |(start, len, label, exact)| Op::Tag { start, len, label, exact }
            ),
            1 => any::<Index>().prop_map(Op::Delete),
            1 => (any::<Index>(), any::<Index>()).prop_map(|(span, label)| Op::Relabel(span, label)),
            1 => (any::<Index>(), any::<Index>(), 0..40usize)
                .prop_map(|(span, start, len)| Op::Resize { span, start, len }),
            2 => (any::<Index>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
                |(span, end, word, forward)| Op::Nudge { span, end, word, forward }
            ),
            1 => (any::<Index>(), note).prop_map(|(span, note)| Op::Note(span, note)),
            1 => (any::<Index>(), any::<Index>(), any::<Option<Index>>())
                .prop_map(|(span, name, value)| Op::Attribute { span, name, value }),
            5 => (any::<Index>(), any::<Index>(), prop::bool::weighted(0.8))
                .prop_map(|(from, to, allowed)| Op::Link { from, to, allowed }),
            1 => any::<Index>().prop_map(Op::Unlink),
            1 => Just(Op::RenameClaim),
            1 => (any::<Index>(), colour).prop_map(|(label, colour)| Op::Recolour(label, colour)),
            1 => Just(Op::ToggleEventLabel),
            1 => Just(Op::ToggleSourceToQuoteRule),
            1 => any::<Option<Index>>().prop_map(Op::Select),
            2 => Just(Op::Undo),
            1 => Just(Op::Redo),
        ]
    }

    const ATTRIBUTE_NAMES: [&str; 4] = ["check-worthy", "claim type", "kind", "free"];

    fn pick<T>(items: &[T], index: &Index) -> Option<T>
    where
        T: Clone,
    {
        (!items.is_empty()).then(|| items[index.index(items.len())].clone())
    }

    fn span_ids(session: &Session) -> Vec<SpanId> {
        session
            .annotations
            .spans()
            .iter()
            .map(|span| span.id.clone())
            .collect()
    }

    /// A range of about `len` code points from `start`, clamped to the text.
    fn range_in(session: &Session, start: &Index, len: usize) -> CharRange {
        let total = session.document.text.len_chars();
        let start = start.index(total + 1);
        CharRange::new(start, (start + len).min(total))
    }

    /// The action an op stands for in the current session (None when it cannot be built).
    fn action(session: &Session, op: &Op, serial: usize) -> Option<Action> {
        let now = at(&format!("2026-11-24T12:00:{:02}.000Z", serial % 60));
        let ids = span_ids(session);
        let labels: Vec<String> = session.schema.iter().map(|l| l.name.clone()).collect();
        Some(match op {
            Op::Tag {
                start,
                len,
                label,
                exact,
            } => Action::Tag {
                id: id(&format!("s{serial}")),
                label: pick(&labels, label)?,
                range: range_in(session, start, *len),
                exact: *exact,
                now,
            },
            Op::Delete(span) => Action::Delete(pick(&ids, span)?),
            Op::Relabel(span, label) => Action::Relabel {
                id: pick(&ids, span)?,
                label: pick(&labels, label)?,
                now,
            },
            Op::Resize { span, start, len } => Action::Resize {
                id: pick(&ids, span)?,
                range: range_in(session, start, *len),
                now,
            },
            Op::Nudge {
                span,
                end,
                word,
                forward,
            } => Action::Nudge {
                id: pick(&ids, span)?,
                edge: if *end { Edge::End } else { Edge::Start },
                step: if *word { Step::Word } else { Step::Char },
                direction: if *forward {
                    Direction::Forward
                } else {
                    Direction::Backward
                },
                now,
            },
            Op::Note(span, note) => Action::SetNote {
                id: pick(&ids, span)?,
                note: (*note).to_owned(),
                now,
            },
            Op::Attribute { span, name, value } => {
                let span = session.annotations.get(&pick(&ids, span)?)?;
                let name = pick(&ATTRIBUTE_NAMES, name)?;
                let values = session
                    .schema
                    .get(&span.label)
                    .and_then(|label| label.attribute(name))
                    .map_or_else(|| vec!["anything".to_owned()], |a| a.values.clone());
                Action::SetAttribute {
                    id: span.id.clone(),
                    name: name.to_owned(),
                    value: match value {
                        Some(value) => Some(pick(&values, value)?),
                        None => None,
                    },
                    now,
                }
            }
            Op::Link { from, to, allowed } => {
                let from = session.annotations.get(&pick(&ids, from)?)?;
                let targets: Vec<SpanId> = session
                    .annotations
                    .spans()
                    .iter()
                    .filter(|to| {
                        !allowed || session.schema.link_rule(&from.label, &to.label).is_some()
                    })
                    .map(|to| to.id.clone())
                    .collect();
                Action::Link {
                    id: format!("r{serial}"),
                    from: from.id.clone(),
                    to: pick(&targets, to)?,
                }
            }
            Op::Unlink(relation) => {
                Action::Unlink(pick(session.annotations.relations(), relation)?.id)
            }
            Op::RenameClaim => {
                let (old, new) = if session.schema.get("Claim").is_some() {
                    ("Claim", "Assertion")
                } else {
                    ("Assertion", "Claim")
                };
                Action::SetSchema {
                    schema: session.schema.with_label_renamed(old, new),
                    renames: vec![(old.to_owned(), new.to_owned())],
                    now,
                }
            }
            Op::Recolour(label, colour) => {
                let name = pick(&labels, label)?;
                let labels = session
                    .schema
                    .labels()
                    .iter()
                    .map(|label| Label {
                        color: if label.name == name {
                            (*colour).to_owned()
                        } else {
                            label.color.clone()
                        },
                        ..label.clone()
                    })
                    .collect();
                Action::SetSchema {
                    schema: Schema::new(labels, session.schema.links().to_vec()),
                    renames: Vec::new(),
                    now,
                }
            }
            Op::ToggleEventLabel => {
                let mut labels = session.schema.labels().to_vec();
                if session.schema.get("Event").is_some() {
                    labels.retain(|label| label.name != "Event");
                } else {
                    labels.push(Label {
                        name: "Event".to_owned(),
                        color: "#f0abfc".to_owned(),
                        hotkey: '4',
                        attributes: Vec::new(),
                        frame: false,
                    });
                }
                Action::SetSchema {
                    schema: Schema::new(labels, session.schema.links().to_vec()),
                    renames: Vec::new(),
                    now,
                }
            }
            Op::ToggleSourceToQuoteRule => {
                let mut links = session.schema.links().to_vec();
                if session.schema.link_rule("Source", "Quote").is_some() {
                    links.retain(|rule| rule.from != "Source");
                } else {
                    links.push(LinkRule {
                        from: "Source".to_owned(),
                        to: "Quote".to_owned(),
                        kind: "quoted_in".to_owned(),
                    });
                }
                Action::SetSchema {
                    schema: Schema::new(session.schema.labels().to_vec(), links),
                    renames: Vec::new(),
                    now,
                }
            }
            Op::Select(span) => Action::Select(match span {
                Some(span) => Some(pick(&ids, span)?),
                None => None,
            }),
            Op::Undo => Action::Undo,
            Op::Redo => Action::Redo,
        })
    }

    /// What must hold after every step, whatever happened before.
    fn check_invariants(session: &Session) -> Result<(), TestCaseError> {
        let text = &session.document.text;
        let spans = session.annotations.spans();
        for span in spans {
            prop_assert!(!span.range.is_empty(), "empty span {:?}", span);
            prop_assert_eq!(text.slice(span.range), Some(span.text.as_str()));
            prop_assert!(!span.text.trim().is_empty(), "blank span {:?}", span);
            prop_assert!(
                session.schema.get(&span.label).is_some(),
                "span label {} not in the schema",
                span.label
            );
        }
        for pair in spans.windows(2) {
            let key = |span: &annotator::model::span::Span| {
                (
                    span.range.start,
                    std::cmp::Reverse(span.range.end),
                    span.label.clone(),
                    span.id.clone(),
                )
            };
            prop_assert!(key(&pair[0]) < key(&pair[1]), "order {:?}", pair);
        }
        let relations = session.annotations.relations();
        for (index, relation) in relations.iter().enumerate() {
            prop_assert!(session.annotations.get(&relation.from).is_some());
            prop_assert!(session.annotations.get(&relation.to).is_some());
            prop_assert!(relation.from != relation.to);
            prop_assert!(
                relations[..index]
                    .iter()
                    .all(|other| other.id != relation.id),
                "relation id {} used twice",
                relation.id
            );
        }
        if let Some(selected) = &session.selected {
            prop_assert!(session.annotations.get(selected).is_some());
        }
        Ok(())
    }

    fn session_on(sample: bool) -> Session {
        if sample {
            Session::sample()
        } else {
            let document = Document {
                layout: Default::default(),
                extra: Default::default(),
                id: "hard".to_owned(),
                title: "Hard".to_owned(),
                source: None,
                text: ArticleText::new(common::HARD_TEXT),
                annotator: None,
            };
            Session::new(document, Schema::default())
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_sequence_of_edits_undoes_back_to_the_start_and_redoes_to_the_end(
            sample in any::<bool>(),
            ops in prop::collection::vec(op(), 1..40),
        ) {
            let mut session = session_on(sample);
            let start = work(&session);
            // The work before each edit that can be undone, and after each one undone.
            let mut past: Vec<(Annotations, Schema)> = Vec::new();
            let mut future: Vec<(Annotations, Schema)> = Vec::new();
            for (serial, op) in ops.iter().enumerate() {
                let Some(action) = action(&session, op, serial) else {
                    continue;
                };
                let before = work(&session);
                let revision = session.revision;
                let change = session.apply(action.clone());
                let after = work(&session);
                match (&action, change) {
                    (Action::Undo, Change::Work) => {
                        prop_assert_eq!(Some(&after), past.last(), "undo gives back the work before the edit");
                        past.pop();
                        future.push(before);
                    }
                    (Action::Undo, change) => {
                        prop_assert_eq!(change, Change::Refused(Refusal::NothingToUndo));
                        prop_assert!(past.is_empty(), "undo refused with edits to undo");
                    }
                    (Action::Redo, Change::Work) => {
                        prop_assert_eq!(Some(&after), future.last(), "redo gives back the work after the edit");
                        future.pop();
                        past.push(before);
                    }
                    (Action::Redo, change) => {
                        prop_assert_eq!(change, Change::Refused(Refusal::NothingToRedo));
                        prop_assert!(future.is_empty(), "redo refused with edits to redo");
                    }
                    (_, Change::Work) => {
                        prop_assert!(session.history.can_undo());
                        prop_assert!(!session.history.can_redo(), "a new edit clears redo");
                        prop_assert_ne!(&before, &after, "{:?} is work but changed nothing", action);
                        past.push(before);
                        future.clear();
                    }
                    (_, _) => {
                        prop_assert_eq!(&before, &after, "{:?} changed the work without saying so", action);
                        prop_assert_eq!(session.revision, revision);
                    }
                }
                check_invariants(&session)?;
            }
            let end = work(&session);
            let edits = past.len();
            // Every undo gives back the work before its edit, down to the start.
            let mut undone = Vec::new();
            while let Some(expected) = past.pop() {
                undone.push(work(&session));
                prop_assert_eq!(session.apply(Action::Undo), Change::Work);
                prop_assert_eq!(&work(&session), &expected, "undo {} of {}", undone.len(), edits);
                check_invariants(&session)?;
            }
            prop_assert_eq!(session.apply(Action::Undo), Change::Refused(Refusal::NothingToUndo));
            prop_assert_eq!(&work(&session), &start, "everything undone is the start");
            // Every redo gives back the work after its edit, up to the end.
            while let Some(expected) = undone.pop() {
                prop_assert_eq!(session.apply(Action::Redo), Change::Work);
                prop_assert_eq!(&work(&session), &expected, "redo back towards the end");
                check_invariants(&session)?;
            }
            prop_assert_eq!(&work(&session), &end, "everything redone is the end");
        }
    }
}

#[test]
fn a_history_of_a_hundred_thousand_edits_undoes_and_drops_without_trouble() {
    use annotator::model::history::{Edit, History};
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    let span = session.annotations.spans()[0].clone();
    let mut history = History::default();
    for _ in 0..100_000 {
        history.record(Edit::AddSpan(Span::clone(&span)));
    }
    let snapshot = history.clone(); // shares every frame, as session snapshots do
    assert!(history.undo().is_some());
    assert!(history.can_redo());
    drop(history);
    drop(snapshot);
}
