//! The label schema: what makes one unusable, and what changing it does to the spans.

mod common;

use annotator::model::schema::{
    attributes_from_lines, attributes_to_lines, contrast_ratio, ink_for, links_from_lines,
    links_to_lines, parse_hex_color, AttributeDef, Label, LinkRule, Schema, RESERVED_KEYS,
};
use annotator::model::span::SpanId;
use annotator::state::{Action, Change, Refusal, Session};
use common::{at, tag};

fn label(name: &str, color: &str, hotkey: char) -> Label {
    Label {
        name: name.to_owned(),
        color: color.to_owned(),
        hotkey,
        attributes: Vec::new(),
        frame: false,
    }
}

fn rule(from: &str, to: &str, kind: &str) -> LinkRule {
    LinkRule {
        from: from.to_owned(),
        to: to.to_owned(),
        kind: kind.to_owned(),
    }
}

fn attribute(name: &str, values: &[&str]) -> AttributeDef {
    AttributeDef {
        name: name.to_owned(),
        values: values.iter().map(|value| (*value).to_owned()).collect(),
    }
}

/// The default schema with one label changed by `change`.
fn default_with(name: &str, change: impl FnOnce(&mut Label)) -> Schema {
    let defaults = Schema::default();
    let mut labels = defaults.labels().to_vec();
    let index = labels
        .iter()
        .position(|label| label.name == name)
        .expect("a default label");
    change(&mut labels[index]);
    Schema::new(labels, defaults.links().to_vec())
}

/// Checks that `schema` has exactly one problem and that it mentions every word.
fn assert_one_problem(schema: &Schema, words: &[&str]) {
    let problems = schema.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    for word in words {
        assert!(
            problems[0].contains(word),
            "“{}” should mention “{word}”",
            problems[0]
        );
    }
}

#[test]
fn the_default_schema_has_no_problems() {
    let schema = Schema::default();
    assert_eq!(schema.problems(), Vec::<String>::new());
    let names: Vec<_> = schema.iter().map(|label| label.name.as_str()).collect();
    assert_eq!(names, ["Claim", "Quote", "Source"]);
    let keys: Vec<_> = schema.iter().map(|label| label.hotkey).collect();
    assert_eq!(keys, ['1', '2', '3']);
    assert_eq!(
        schema.by_hotkey('2').map(|l| l.name.as_str()),
        Some("Quote")
    );
}

#[test]
fn a_label_defined_twice_is_reported() {
    let schema = Schema::new(
        vec![
            label("Claim", "#fcd34d", '1'),
            label("Claim", "#93c5fd", '2'),
        ],
        Vec::new(),
    );
    assert_one_problem(&schema, &["“Claim” is defined twice"]);
    // A link rule still naming the label it replaced is a second problem.
    let schema = default_with("Source", |label| label.name = "Quote".to_owned());
    let problems = schema.problems();
    assert!(problems.contains(&"Label “Quote” is defined twice.".to_owned()));
    assert!(problems.contains(&"Link “said by”: there is no label “Source”.".to_owned()));
}

#[test]
fn a_label_without_a_name_or_with_padded_name_is_reported() {
    assert_one_problem(
        &Schema::new(
            vec![label("Claim", "#fcd34d", '1'), label("  ", "#93c5fd", '2')],
            Vec::new(),
        ),
        &["Label 2 has no name"],
    );
    assert_one_problem(
        &Schema::new(vec![label(" Claim", "#fcd34d", '1')], Vec::new()),
        &["starts or ends with a space"],
    );
}

#[test]
fn two_labels_on_the_same_key_are_reported_whatever_its_case() {
    let schema = Schema::new(
        vec![
            label("Person", "#fcd34d", 'q'),
            label("Place", "#93c5fd", 'Q'),
        ],
        Vec::new(),
    );
    assert_one_problem(&schema, &["“Person” and “Place” share the key “Q”"]);
    assert_eq!(
        schema.by_hotkey('q').map(|l| l.name.as_str()),
        Some("Person")
    );
    assert_one_problem(
        &default_with("Source", |label| label.hotkey = '1'),
        &["“Claim” and “Source” share the key"],
    );
}

#[test]
fn keys_the_app_uses_for_commands_cannot_be_label_keys() {
    for key in ['l', 'o', 'L', 'O', 'k', 'j', '?', '/', '[', '.'] {
        let schema = default_with("Quote", |label| label.hotkey = key);
        assert_one_problem(&schema, &["taken by an app command"]);
    }
    for key in RESERVED_KEYS.chars() {
        let schema = default_with("Quote", |label| label.hotkey = key);
        assert_eq!(schema.problems().len(), 1, "key {key:?} is reserved");
    }
    for key in ['2', 'q', 'Q', 'z', '9'] {
        let schema = default_with("Quote", |label| label.hotkey = key);
        assert!(schema.problems().is_empty(), "key {key:?} is free");
    }
}

#[test]
fn a_label_without_a_key_is_reported() {
    for key in [' ', '\t', '\u{7}'] {
        assert_one_problem(
            &default_with("Quote", |label| label.hotkey = key),
            &["“Quote” needs a hotkey"],
        );
    }
}

#[test]
fn colours_that_are_not_rrggbb_are_reported() {
    for colour in [
        "red",
        "#fff",
        "fcd34d",
        "#fcd34",
        "#fcd34d0",
        "#gggggg",
        "",
        "#ｆｆｆｆｆｆ",
    ] {
        let schema = default_with("Claim", |label| label.color = colour.to_owned());
        assert_one_problem(&schema, &["is not a #rrggbb colour", colour]);
    }
    for colour in ["#000000", "#FFFFFF", "#aBc123"] {
        let schema = default_with("Claim", |label| label.color = colour.to_owned());
        assert!(schema.problems().is_empty(), "{colour} is fine");
    }
    assert_eq!(parse_hex_color("#0a0B0c"), Some([10, 11, 12]));
}

#[test]
fn empty_attribute_values_and_names_are_reported() {
    let schema = default_with("Quote", |label| {
        label.attributes = vec![attribute("tone", &["angry", " ", "calm"])];
    });
    assert_one_problem(&schema, &["“Quote”, attribute “tone”: a value is empty"]);
    let schema = default_with("Quote", |label| {
        label.attributes = vec![attribute("tone", &[])];
    });
    assert_one_problem(&schema, &["give at least one value"]);
    let schema = default_with("Quote", |label| {
        label.attributes = vec![attribute(" ", &["yes"])];
    });
    assert_one_problem(&schema, &["an attribute has no name"]);
    let schema = default_with("Quote", |label| {
        label.attributes = vec![attribute("tone", &["a"]), attribute("tone", &["b"])];
    });
    assert_one_problem(&schema, &["attribute “tone” is defined twice"]);
}

#[test]
fn link_rules_naming_missing_labels_are_reported() {
    let defaults = Schema::default();
    let mut links = defaults.links().to_vec();
    links.push(rule("Quote", "Speaker", "said_by"));
    links.push(rule("Event", "Place", "located_in"));
    let schema = Schema::new(defaults.labels().to_vec(), links);
    let problems = schema.problems();
    assert_eq!(
        problems,
        [
            "Link “said by”: there is no label “Speaker”.",
            "Link “located in”: there is no label “Event”.",
            "Link “located in”: there is no label “Place”.",
        ]
    );
}

#[test]
fn a_link_kind_must_be_one_word() {
    for kind in ["", "said by", " "] {
        let mut links = Schema::default().links().to_vec();
        links[0].kind = kind.to_owned();
        let schema = Schema::new(Schema::default().labels().to_vec(), links);
        assert_one_problem(&schema, &["Link Quote → Source", "without spaces"]);
    }
}

#[test]
fn every_problem_of_a_broken_schema_is_reported_at_once() {
    let schema = Schema::new(
        vec![
            label("Claim", "yellow", 'l'),
            label("Claim", "#93c5fd", '2'),
            label("Source", "#86efac", '2'),
        ],
        vec![rule("Quote", "Source", "said by")],
    );
    assert_eq!(schema.problems().len(), 6, "{:?}", schema.problems());
}

#[test]
fn removing_a_label_that_spans_still_use_is_refused() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    tag(&mut session, "b", "Claim", "42 million euros");
    let without_claim = common::without_label(
        &session.schema,
        "Claim",
        vec![rule("Quote", "Source", "said_by")],
    );
    assert!(without_claim.problems().is_empty());
    let problems = session.schema_problems(&without_claim, &[]);
    assert_eq!(
        problems,
        ["Label “Claim” is used by 2 spans: re-label or delete them first."]
    );
    let before = session.clone();
    let change = session.apply(Action::SetSchema {
        schema: without_claim.clone(),
        renames: Vec::new(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(
        change,
        Change::Refused(Refusal::SchemaProblems(problems.clone()))
    );
    assert_eq!(session, before, "nothing changed");
    // With one span left the message says so; with none the label can go.
    session.apply(Action::Delete(SpanId::new("a")));
    assert_eq!(
        session.schema_problems(&without_claim, &[]),
        ["Label “Claim” is used by 1 span: re-label or delete it first."]
    );
    session.apply(Action::Delete(SpanId::new("b")));
    assert!(session.schema_problems(&without_claim, &[]).is_empty());
}

#[test]
fn a_broken_schema_is_refused_and_leaves_the_work_alone() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    let broken = default_with("Quote", |label| label.hotkey = 'o');
    assert_eq!(session.schema_problems(&broken, &[]), broken.problems());
    let before = session.clone();
    let problems = broken.problems();
    let change = session.apply(Action::SetSchema {
        schema: broken,
        renames: Vec::new(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Refused(Refusal::SchemaProblems(problems)));
    assert_eq!(session, before);
    let same = Schema::default();
    let change = session.apply(Action::SetSchema {
        schema: same,
        renames: Vec::new(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::None, "the same schema is not an edit");
}

#[test]
fn renaming_a_label_relabels_its_spans_and_undo_brings_the_old_name_back() {
    let mut session = Session::sample();
    tag(&mut session, "a", "Claim", "34 percent");
    tag(&mut session, "b", "Claim", "42 million euros");
    tag(&mut session, "s", "Source", "Chloé Lefèvre");
    session.apply(Action::Link {
        id: "r1".to_owned(),
        from: SpanId::new("a"),
        to: SpanId::new("s"),
    });
    let renamed = Schema::default().with_label_renamed("Claim", "Assertion");
    // Without saying it is a rename, dropping “Claim” would orphan its spans.
    assert_eq!(session.schema_problems(&renamed, &[]).len(), 1);
    let renames = [("Claim".to_owned(), "Assertion".to_owned())];
    assert!(session.schema_problems(&renamed, &renames).is_empty());
    let before = session.clone();
    let change = session.apply(Action::SetSchema {
        schema: renamed,
        renames: renames.to_vec(),
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    assert_eq!(session.annotations.count("Assertion"), 2);
    assert_eq!(session.annotations.count("Claim"), 0);
    let span = session.annotations.get(&SpanId::new("a")).expect("span");
    assert_eq!(span.modified, at("2026-11-24T12:00:00.000Z"));
    assert_eq!(span.created, at("2026-11-24T10:00:00.000Z"));
    assert_eq!(
        session.schema_problems(&Schema::default(), &[]),
        ["Label “Assertion” is used by 2 spans: re-label or delete them first."]
    );
    assert!(
        session
            .link_rule(&SpanId::new("b"), &SpanId::new("s"))
            .is_ok(),
        "the renamed rule still links"
    );
    assert_eq!(session.apply(Action::Undo), Change::Work);
    assert_eq!(*session.annotations, *before.annotations);
    assert_eq!(*session.schema, Schema::default());
    assert_eq!(session.annotations.count("Claim"), 2);
}

#[test]
fn two_labels_can_swap_names_in_one_change() {
    let mut session = Session::sample();
    tag(&mut session, "c", "Claim", "34 percent");
    tag(&mut session, "q", "Quote", "The water we save is real,");
    let defaults = Schema::default();
    let swap = |name: &str| match name {
        "Claim" => "Quote".to_owned(),
        "Quote" => "Claim".to_owned(),
        other => other.to_owned(),
    };
    let schema = Schema::new(
        defaults
            .labels()
            .iter()
            .map(|label| Label {
                name: swap(&label.name),
                ..label.clone()
            })
            .collect(),
        defaults
            .links()
            .iter()
            .map(|link| rule(&swap(&link.from), &link.to, &link.kind))
            .collect(),
    );
    let renames = vec![
        ("Claim".to_owned(), "Quote".to_owned()),
        ("Quote".to_owned(), "Claim".to_owned()),
    ];
    let change = session.apply(Action::SetSchema {
        schema,
        renames,
        now: at("2026-11-24T12:00:00.000Z"),
    });
    assert_eq!(change, Change::Work);
    let label_of = |id: &str| {
        session
            .annotations
            .get(&SpanId::new(id))
            .map(|span| span.label.clone())
    };
    assert_eq!(label_of("c").as_deref(), Some("Quote"));
    assert_eq!(label_of("q").as_deref(), Some("Claim"));
}

#[test]
fn ink_on_every_colour_of_a_4096_colour_grid_reads_at_aa_contrast() {
    let mut lowest = f64::MAX;
    for r in (0..=0xffu8).step_by(0x11) {
        for g in (0..=0xffu8).step_by(0x11) {
            for b in (0..=0xffu8).step_by(0x11) {
                let colour = format!("#{r:02x}{g:02x}{b:02x}");
                let (ink, ratio) = ink_for(&colour);
                let ink_rgb = parse_hex_color(ink).expect("ink is a colour");
                assert!(ink == "#000000" || ink == "#ffffff", "{colour}: {ink}");
                assert!(ratio >= 4.5, "{colour}: {ink} at {ratio:.2}");
                let measured = contrast_ratio([r, g, b], ink_rgb);
                assert!(
                    (measured - ratio).abs() < 1e-9,
                    "{colour}: ratio is the ink's"
                );
                lowest = lowest.min(ratio);
            }
        }
    }
    assert!(lowest >= 4.58, "documented floor, lowest {lowest:.3}");
    assert_eq!(ink_for("#000000"), ("#ffffff", 21.0));
    assert_eq!(ink_for("#ffffff").0, "#000000");
    assert_eq!(ink_for("not a colour"), ("#000000", 21.0));
}

#[test]
fn ink_for_each_default_label_is_readable() {
    for label in Schema::default().iter() {
        let (ink, ratio) = ink_for(&label.color);
        assert_eq!(ink, "#000000", "{} is a light colour", label.name);
        assert!(ratio >= 7.0, "{}: {ratio:.2}", label.name);
    }
}

#[test]
fn attribute_lines_read_back_into_the_same_attributes() {
    for label in Schema::default().iter() {
        let lines = attributes_to_lines(&label.attributes);
        assert_eq!(
            attributes_from_lines(&lines),
            Ok(label.attributes.clone()),
            "{lines}"
        );
    }
    assert_eq!(
        attributes_to_lines(&Schema::default().labels()[0].attributes),
        "check-worthy: yes, no, unsure\n\
         claim type: statistic, quote of fact, prediction, causal, comparison, other\n\
         verdict: True, Mostly true, Half true, Mostly false, False, Pants on fire, Unproven"
    );
    let messy = "\n  tone :  angry ,calm,, \n\n  kind: رسمي, 🙂  \n";
    assert_eq!(
        attributes_from_lines(messy),
        Ok(vec![
            attribute("tone", &["angry", "calm"]),
            attribute("kind", &["رسمي", "🙂"]),
        ])
    );
    assert_eq!(attributes_from_lines(""), Ok(Vec::new()));
    let error = attributes_from_lines("tone angry").expect_err("no colon");
    assert!(error.contains("“tone angry”"), "{error}");
}

#[test]
fn link_lines_read_back_into_the_same_rules() {
    let rules = Schema::default().links().to_vec();
    let lines = links_to_lines(&rules);
    assert_eq!(
        lines,
        "Quote -> Source: said_by\nClaim -> Source: according_to"
    );
    assert_eq!(links_from_lines(&lines), Ok(rules));
    assert_eq!(
        links_from_lines(" Claim → Event :about\n\n"),
        Ok(vec![rule("Claim", "Event", "about")])
    );
    for bad in ["Quote Source: said_by", "Quote -> Source"] {
        let error = links_from_lines(bad).expect_err("malformed");
        assert!(error.contains("Quote -> Source: said_by"), "{error}");
    }
}

#[test]
fn a_schema_edited_as_lines_is_the_schema_it_was_made_from() {
    let schema = Schema::default();
    let labels = schema
        .iter()
        .map(|label| Label {
            attributes: attributes_from_lines(&attributes_to_lines(&label.attributes))
                .expect("lines read back"),
            ..label.clone()
        })
        .collect();
    let links = links_from_lines(&links_to_lines(schema.links())).expect("lines read back");
    assert_eq!(Schema::new(labels, links), schema);
}

#[test]
fn label_names_and_attributes_that_would_break_the_editor_lines_are_reported() {
    let mut schema_labels = Schema::default().labels().to_vec();
    schema_labels[0].name = "Claim: big".to_owned();
    schema_labels[1].hotkey = '%';
    schema_labels[2].attributes[0]
        .values
        .push("a, b".to_owned());
    let schema = Schema::new(schema_labels, Vec::new());
    let problems = schema.problems().join("\n");
    assert!(problems.contains("cannot contain “:”"), "{problems}");
    assert!(
        problems.contains("must be a letter or a digit"),
        "{problems}"
    );
    assert!(problems.contains("cannot contain a comma"), "{problems}");
}

#[test]
fn renaming_a_label_onto_a_removed_one_that_is_in_use_is_refused() {
    let mut session = Session::sample();
    common::tag(&mut session, "s", "Source", "Dr. Layla Haddad");
    common::tag(&mut session, "q", "Quote", "34 percent");
    // Quote is renamed to Source and the old Source row is dropped.
    let mut labels = Schema::default().labels().to_vec();
    labels.remove(2);
    labels[1].name = "Source".to_owned();
    let schema = Schema::new(labels, Vec::new());
    let renames = vec![
        ("Claim".to_owned(), "Claim".to_owned()),
        ("Quote".to_owned(), "Source".to_owned()),
    ];
    let problems = session.schema_problems(&schema, &renames);
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("“Source” is used by 1 span")),
        "{problems:?}"
    );
}
