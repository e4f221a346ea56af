//! Every action has a key.

use annotator::keymap::{command_for, Command, KeyPress, SHORTCUTS};
use annotator::model::schema::Schema;
use annotator::model::words::{Direction, Edge, Step};

fn press(key: &str) -> Option<Command> {
    command_for(
        KeyPress {
            key,
            ..Default::default()
        },
        &Schema::default(),
    )
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
    assert_eq!(
        command_for(shifted, &Schema::default()),
        label("Quote", true)
    );
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
    assert_eq!(command_for(free(false), &schema), Some(Command::NextSpan));
    assert_eq!(
        command_for(free(true), &schema),
        Some(Command::PreviousSpan)
    );
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
    assert_eq!(command_for(ctrl("z", false), &schema), Some(Command::Undo));
    assert_eq!(command_for(ctrl("Z", true), &schema), Some(Command::Redo));
    assert_eq!(command_for(ctrl("y", false), &schema), Some(Command::Redo));
    assert_eq!(
        command_for(ctrl("f", false), &schema),
        Some(Command::Search)
    );
}

#[test]
fn other_presses_with_modifiers_are_left_to_the_browser() {
    let ctrl_c = KeyPress {
        key: "c",
        ctrl: true,
        ..Default::default()
    };
    assert_eq!(command_for(ctrl_c, &Schema::default()), None);
    let alt_1 = KeyPress {
        key: "1",
        alt: true,
        ..Default::default()
    };
    assert_eq!(command_for(alt_1, &Schema::default()), None);
}

#[test]
fn the_help_lists_every_single_letter_command() {
    let listed: Vec<&str> = SHORTCUTS
        .iter()
        .flat_map(|(_, keys)| keys.iter().map(|(keys, _)| *keys))
        .collect();
    for key in ["L", "N", "A", "S", "W", "O", "E", "C", "?", "Ctrl+Z"] {
        assert!(
            listed.iter().any(
                |listed| listed.split(" / ").any(|part| part.starts_with(key))
                    || listed.split(" or ").any(|part| part == key)
            ),
            "{key} is missing from the help"
        );
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
        command_for(altgr, &schema),
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
    assert_eq!(command_for(shift_q, &custom), label("Claim", true));
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
        command_for(shifted("E"), &Schema::default()),
        Some(Command::ExportAs)
    );
    assert_eq!(
        command_for(shifted("O"), &Schema::default()),
        Some(Command::Import)
    );
}
