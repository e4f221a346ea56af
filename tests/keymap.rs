//! Every action has a key.

use annotator::keymap::{command_for, Command, KeyPress, Keymap, Refused, Shortcut, FIXED, GROUPS};
use annotator::model::schema::Schema;
use annotator::model::schema::RESERVED_KEYS;
use annotator::model::words::{Direction, Edge, Step};

fn press(key: &str) -> Option<Command> {
    press_with(key, &Keymap::default())
}

fn press_with(key: &str, keymap: &Keymap) -> Option<Command> {
    let press = KeyPress {
        key,
        ..Default::default()
    };
    command_for(press, &Schema::default(), keymap)
}

/// `command_for` with the default keys.
fn command(press: KeyPress<'_>, schema: &Schema) -> Option<Command> {
    command_for(press, schema, &Keymap::default())
}

fn label(name: &str, exact: bool) -> Option<Command> {
    Some(Command::Label {
        name: name.to_owned(),
        exact,
    })
}

#[test]
fn number_keys_apply_claim_quote_and_source() {
    assert_eq!(press("1"), label("Claim", false));
    assert_eq!(press("2"), label("Quote", false));
    assert_eq!(press("3"), label("Source", false));
    assert_eq!(press("4"), None);
}

#[test]
fn shift_with_a_label_key_tags_exactly_without_snapping() {
    let shifted = KeyPress {
        key: "@",
        code: "Digit2",
        shift: true,
        ..Default::default()
    };
    assert_eq!(command(shifted, &Schema::default()), label("Quote", true));
}

#[test]
fn editing_and_document_keys() {
    assert_eq!(press("Delete"), Some(Command::Delete));
    assert_eq!(press("Backspace"), Some(Command::Delete));
    assert_eq!(press("Escape"), Some(Command::Clear));
    assert_eq!(press("o"), Some(Command::OpenArticle));
    assert_eq!(press("E"), Some(Command::ExportJson));
    assert_eq!(press("c"), Some(Command::CopyJson));
    assert_eq!(press("l"), Some(Command::Link));
    assert_eq!(press("n"), Some(Command::EditNote));
    assert_eq!(press("a"), Some(Command::EditAttributes));
    assert_eq!(press("i"), Some(Command::CaretMode));
    assert_eq!(press("F7"), Some(Command::CaretMode));
    assert_eq!(press("s"), Some(Command::EditSchema));
    assert_eq!(press("w"), Some(Command::ToggleSnapping));
    assert_eq!(press("f"), Some(Command::FilterSpans));
    assert_eq!(press("/"), Some(Command::Search));
    assert_eq!(press("?"), Some(Command::Help));
    assert_eq!(press("j"), Some(Command::NextSpan));
    assert_eq!(press("k"), Some(Command::PreviousSpan));
}

#[test]
fn bracket_keys_nudge_the_start_and_angle_keys_the_end() {
    use {Direction::*, Edge::*, Step::*};
    assert_eq!(press("["), Some(Command::Nudge(Start, Char, Backward)));
    assert_eq!(press("}"), Some(Command::Nudge(Start, Word, Forward)));
    assert_eq!(press("."), Some(Command::Nudge(End, Char, Forward)));
    assert_eq!(press("<"), Some(Command::Nudge(End, Word, Backward)));
}

#[test]
fn tab_moves_between_spans_only_when_no_control_has_focus() {
    assert_eq!(press("Tab"), None, "Tab keeps moving between controls");
    let free = |shift| KeyPress {
        key: "Tab",
        shift,
        focus_free: true,
        ..Default::default()
    };
    let schema = Schema::default();
    assert_eq!(command(free(false), &schema), Some(Command::NextSpan));
    assert_eq!(command(free(true), &schema), Some(Command::PreviousSpan));
}

#[test]
fn ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_y_redo() {
    let ctrl = |key, shift| KeyPress {
        key,
        ctrl: true,
        shift,
        ..Default::default()
    };
    let schema = Schema::default();
    assert_eq!(command(ctrl("z", false), &schema), Some(Command::Undo));
    assert_eq!(command(ctrl("Z", true), &schema), Some(Command::Redo));
    assert_eq!(command(ctrl("y", false), &schema), Some(Command::Redo));
    assert_eq!(command(ctrl("f", false), &schema), Some(Command::Search));
}

#[test]
fn other_presses_with_modifiers_are_left_to_the_browser() {
    let ctrl_c = KeyPress {
        key: "c",
        ctrl: true,
        ..Default::default()
    };
    assert_eq!(command(ctrl_c, &Schema::default()), None);
    let alt_1 = KeyPress {
        key: "1",
        alt: true,
        ..Default::default()
    };
    assert_eq!(command(alt_1, &Schema::default()), None);
}

#[test]
fn every_shortcut_has_its_own_default_key_which_no_label_may_take() {
    let keys: Vec<char> = Shortcut::all().map(Shortcut::default_key).collect();
    let mut distinct = keys.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        keys.len(),
        "two shortcuts share a default key"
    );
    for key in keys {
        assert!(
            RESERVED_KEYS.contains(key.to_ascii_lowercase()),
            "{key} is not reserved: a label could take it"
        );
    }
    for shortcut in Shortcut::all() {
        assert!(
            GROUPS.contains(&shortcut.group()),
            "{shortcut:?} is in no group of the help"
        );
    }
    for (group, _) in FIXED {
        assert!(GROUPS.contains(group), "{group} is not a group of the help");
    }
}

#[test]
fn altgr_brackets_nudge_and_shift_letters_follow_the_layout_not_the_key_position() {
    use {Direction::*, Edge::*, Step::*};
    let altgr = KeyPress {
        key: "[",
        ctrl: true,
        alt: true,
        ..Default::default()
    };
    let schema = Schema::default();
    assert_eq!(
        command(altgr, &schema),
        Some(Command::Nudge(Start, Char, Backward))
    );
    let mut labels = schema.labels().to_vec();
    labels[0].hotkey = 'q';
    let custom = Schema::new(labels, schema.links().to_vec());
    // On AZERTY the letter Q sits where QWERTY has A: the letter counts, not the position.
    let shift_q = KeyPress {
        key: "Q",
        code: "KeyA",
        shift: true,
        ..Default::default()
    };
    assert_eq!(command(shift_q, &custom), label("Claim", true));
}

#[test]
fn shift_e_exports_in_any_format_and_shift_o_imports() {
    let shifted = |key| KeyPress {
        key,
        code: "",
        shift: true,
        ..Default::default()
    };
    assert_eq!(
        command(shifted("E"), &Schema::default()),
        Some(Command::ExportAs)
    );
    assert_eq!(
        command(shifted("O"), &Schema::default()),
        Some(Command::Import)
    );
}

#[test]
fn a_shortcut_moved_to_another_key_works_there_and_not_on_its_old_key() {
    let mut keys = Keymap::default();
    keys.set(Shortcut::Open, Some('z'), &Schema::default())
        .expect("g is free");
    assert_eq!(press_with("z", &keys), Some(Command::OpenArticle));
    assert_eq!(press_with("o", &keys), None);
    // With Shift, as the settings dialog reads it: an upper-case letter.
    keys.set(Shortcut::Copy, Some('Q'), &Schema::default())
        .expect("Shift+Q is free");
    let shift_q = KeyPress {
        key: "Q",
        shift: true,
        ..Default::default()
    };
    assert_eq!(
        command_for(shift_q, &Schema::default(), &keys),
        Some(Command::CopyJson)
    );
    assert_eq!(
        press_with("q", &keys),
        None,
        "Q without Shift is another key"
    );
    assert_eq!(keys.hint(Shortcut::Copy).as_deref(), Some("Shift+Q"));
    assert_eq!(keys.aria(Shortcut::Copy).as_deref(), Some("Shift+Q"));
    assert_eq!(keys.hint(Shortcut::Open).as_deref(), Some("Z"));
    assert_eq!(keys.aria(Shortcut::Open).as_deref(), Some("z"));
}

#[test]
fn a_taken_key_is_refused_with_what_takes_it() {
    let schema = Schema::default();
    let mut keys = Keymap::default();
    let refused = |result: Result<(), Refused>| result.expect_err("refused").0;
    let why = refused(keys.set(Shortcut::Open, Some('e'), &schema));
    assert!(why.contains("Export JSON"), "{why}");
    let why = refused(keys.set(Shortcut::Open, Some('2'), &schema));
    assert!(why.contains("Quote"), "{why}");
    let why = refused(keys.set(Shortcut::Open, Some(' '), &schema));
    assert!(why.contains("Space"), "{why}");
    // A label letter with Shift tags exactly: it is the label's too.
    let mut labels = schema.labels().to_vec();
    labels[0].hotkey = 'q';
    let custom = Schema::new(labels, schema.links().to_vec());
    let why = refused(keys.set(Shortcut::Open, Some('Q'), &custom));
    assert!(why.contains("Claim"), "{why}");
    assert_eq!(keys, Keymap::default(), "a refused change changes nothing");
    // Its own key again is no conflict.
    assert_eq!(keys.set(Shortcut::Open, Some('o'), &schema), Ok(()));
}

#[test]
fn a_shortcut_can_lose_its_key_and_every_single_key_can_be_switched_off() {
    let schema = Schema::default();
    let mut keys = Keymap::default();
    keys.set(Shortcut::NextSpan, None, &schema)
        .expect("always allowed");
    assert_eq!(press_with("j", &keys), None);
    assert_eq!(keys.hint(Shortcut::NextSpan), None);
    assert_eq!(press_with("k", &keys), Some(Command::PreviousSpan));

    keys.single_keys = false;
    for key in ["1", "2", "o", "k", "[", "?", "/", "E"] {
        assert_eq!(press_with(key, &keys), None, "{key} still acts");
    }
    assert_eq!(
        keys.hint(Shortcut::Open),
        None,
        "no key is shown while they are off"
    );
    // What has a modifier or is not a character keeps working.
    for (key, expected) in [
        ("Delete", Command::Delete),
        ("Escape", Command::Clear),
        ("F7", Command::CaretMode),
    ] {
        assert_eq!(press_with(key, &keys), Some(expected));
    }
    let ctrl = |key| KeyPress {
        key,
        ctrl: true,
        ..Default::default()
    };
    assert_eq!(command_for(ctrl("z"), &schema, &keys), Some(Command::Undo));
    assert_eq!(
        command_for(ctrl(","), &schema, &keys),
        Some(Command::KeySettings)
    );
    let tab = KeyPress {
        key: "Tab",
        focus_free: true,
        ..Default::default()
    };
    assert_eq!(command_for(tab, &schema, &keys), Some(Command::NextSpan));
}

#[test]
fn the_keys_kept_in_the_browser_read_back_as_set() {
    let schema = Schema::default();
    assert_eq!(Keymap::default().to_stored(), "", "defaults keep nothing");
    let mut keys = Keymap::default();
    keys.set(Shortcut::Open, Some('z'), &schema).expect("free");
    keys.set(Shortcut::Help, None, &schema).expect("allowed");
    keys.set(Shortcut::Copy, Some('ش'), &schema)
        .expect("any letter");
    keys.single_keys = false;
    let stored = keys.to_stored();
    assert_eq!(Keymap::from_stored(&stored), keys, "{stored}");
    // What cannot be right is skipped: unknown names, two characters, two actions on one key.
    let odd = Keymap::from_stored("open=z\nnot-a-shortcut=x\ncopy=xy\n\nnonsense");
    assert_eq!(odd.key(Shortcut::Open), Some('z'));
    assert_eq!(odd.key(Shortcut::Copy), Some('c'));
    let clash = Keymap::from_stored("single-keys=off\nopen=e");
    assert_eq!(
        clash.key(Shortcut::Open),
        Some('o'),
        "a clash falls back to the defaults"
    );
    assert!(!clash.single_keys, "but keeps single keys off");
}

#[test]
fn a_label_given_a_moved_shortcuts_key_takes_it_and_the_settings_say_so() {
    let schema = Schema::default();
    let mut keys = Keymap::default();
    keys.set(Shortcut::Open, Some('z'), &schema).expect("free");
    let mut labels = schema.labels().to_vec();
    labels[0].hotkey = 'z';
    let custom = Schema::new(labels, schema.links().to_vec());
    let press = KeyPress {
        key: "z",
        ..Default::default()
    };
    assert_eq!(command_for(press, &custom, &keys), label("Claim", false));
    assert_eq!(keys.shadowed(&custom).collect::<Vec<_>>(), [Shortcut::Open]);
}

#[test]
fn caps_lock_changes_nothing() {
    assert_eq!(press("O"), Some(Command::OpenArticle));
    assert_eq!(press("J"), Some(Command::NextSpan));
}

#[test]
fn altgr_reaches_a_shortcut_moved_to_what_altgr_types_but_not_a_plain_letter() {
    let schema = Schema::default();
    let mut keys = Keymap::default();
    keys.set(Shortcut::Open, Some('ł'), &schema).expect("free");
    let altgr = |key| KeyPress {
        key,
        ctrl: true,
        alt: true,
        ..Default::default()
    };
    assert_eq!(
        command_for(altgr("ł"), &schema, &keys),
        Some(Command::OpenArticle)
    );
    // Ctrl+Alt+C is not Copy JSON.
    assert_eq!(command_for(altgr("c"), &schema, &keys), None);
}

#[test]
fn while_adjudicating_digits_take_a_version_and_zero_takes_none_else_they_are_label_keys() {
    let schema = Schema::default();
    let keys = Keymap::default();
    let digit = |code: &'static str, key: &'static str, adjudicating: usize| KeyPress {
        key,
        code,
        adjudicating,
        ..Default::default()
    };
    let press = |p| command_for(p, &schema, &keys);
    assert_eq!(press(digit("Digit1", "1", 3)), Some(Command::Take(Some(0))));
    assert_eq!(press(digit("Digit3", "3", 3)), Some(Command::Take(Some(2))));
    assert_eq!(press(digit("Digit0", "0", 3)), Some(Command::Take(None)));
    // A fourth digit with three annotators, and every digit when not adjudicating, is the
    // label key it always was.
    assert!(matches!(
        press(digit("Digit1", "1", 0)),
        Some(Command::Label { .. })
    ));
    assert_eq!(
        press(digit("Digit4", "4", 3)),
        command_for(digit("Digit4", "4", 0), &schema, &keys)
    );
    // Shift+digit still tags exactly.
    let shifted = KeyPress {
        shift: true,
        ..digit("Digit1", "!", 3)
    };
    assert!(matches!(
        press(shifted),
        Some(Command::Label { exact: true, .. })
    ));
    // With single keys off, digits do nothing (the panel's buttons still decide).
    let mut off = Keymap::default();
    off.single_keys = false;
    assert_eq!(command_for(digit("Digit1", "1", 3), &schema, &off), None);
}
