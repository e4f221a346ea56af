//! Which key does what. Pure, so the whole keyboard map is tested natively.

use crate::model::label::LabelSet;

/// What a key press asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Tag the text selection with this label, or re-label the selected span.
    Label(String),
    /// Delete the selected span.
    Delete,
    /// Clear the selected span and the text selection.
    Clear,
    OpenArticle,
    ExportJson,
    CopyJson,
}

/// A key press as the browser reports it (`KeyboardEvent.key` and modifiers).
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
}

/// The keys of the app's own actions, as shown on the buttons.
pub const OPEN_KEY: &str = "O";
pub const EXPORT_KEY: &str = "E";
pub const COPY_KEY: &str = "C";

/// The command for a key press, if any. Presses with Ctrl, Cmd or Alt are left to the
/// browser (so Ctrl+C still copies).
pub fn command_for(press: KeyPress<'_>, labels: &LabelSet) -> Option<Command> {
    if press.ctrl || press.meta || press.alt {
        return None;
    }
    let mut chars = press.key.chars();
    if let (Some(key), None) = (chars.next(), chars.next()) {
        if let Some(label) = labels.by_hotkey(key) {
            return Some(Command::Label(label.name.clone()));
        }
        return match key.to_ascii_uppercase().to_string().as_str() {
            OPEN_KEY => Some(Command::OpenArticle),
            EXPORT_KEY => Some(Command::ExportJson),
            COPY_KEY => Some(Command::CopyJson),
            _ => None,
        };
    }
    match press.key {
        "Delete" | "Backspace" => Some(Command::Delete),
        "Escape" => Some(Command::Clear),
        _ => None,
    }
}
