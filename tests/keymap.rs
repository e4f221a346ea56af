//! Every action has a key.

use annotator::keymap::{command_for, Command, KeyPress};
use annotator::model::label::LabelSet;

fn press(key: &str) -> Option<Command> {
    command_for(
        KeyPress {
            key,
            ..Default::default()
        },
        &LabelSet::default(),
    )
}

#[test]
fn number_keys_apply_claim_quote_and_source() {
    assert_eq!(press("1"), Some(Command::Label("Claim".to_owned())));
    assert_eq!(press("2"), Some(Command::Label("Quote".to_owned())));
    assert_eq!(press("3"), Some(Command::Label("Source".to_owned())));
    assert_eq!(press("4"), None);
}

#[test]
fn editing_and_document_keys() {
    assert_eq!(press("Delete"), Some(Command::Delete));
    assert_eq!(press("Backspace"), Some(Command::Delete));
    assert_eq!(press("Escape"), Some(Command::Clear));
    assert_eq!(press("o"), Some(Command::OpenArticle));
    assert_eq!(press("E"), Some(Command::ExportJson));
    assert_eq!(press("c"), Some(Command::CopyJson));
}

#[test]
fn presses_with_modifiers_are_left_to_the_browser() {
    let ctrl_c = KeyPress {
        key: "c",
        ctrl: true,
        ..Default::default()
    };
    assert_eq!(command_for(ctrl_c, &LabelSet::default()), None);
}
