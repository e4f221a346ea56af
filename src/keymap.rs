//! Which key does what. Pure, so the whole keyboard map is tested natively, and the help
//! dialog is generated from the same table.

use crate::model::schema::Schema;
use crate::model::words::{Direction, Edge, Step};

/// What a key press asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Tag the text selection with this label (exactly as selected when `exact`, otherwise
    /// snapped to words), or re-label the selected span.
    Label {
        name: String,
        exact: bool,
    },
    /// Delete the selected span.
    Delete,
    /// Leave the current mode, or clear the selected span and the text selection.
    Clear,
    OpenArticle,
    ExportJson,
    /// Choose a format to export in.
    ExportAs,
    /// Import annotations from a file (any importable format).
    Import,
    CopyJson,
    Undo,
    Redo,
    /// Select the next / previous span in document order.
    NextSpan,
    PreviousSpan,
    /// Move one boundary of the selected span.
    Nudge(Edge, Step, Direction),
    /// Link the selected quote or claim to a source.
    Link,
    EditNote,
    EditAttributes,
    /// Toggle the keyboard caret in the article.
    CaretMode,
    Search,
    FilterSpans,
    EditSchema,
    ToggleSnapping,
    /// Show or hide the label chip at the start of each span.
    ToggleChips,
    Help,
    /// The project view: its articles, progress, other projects.
    Projects,
    NextArticle,
    PreviousArticle,
    /// The next article of the project that is not done.
    NextUnfinished,
    /// Mark the open article done (or not done again).
    ToggleDone,
}

/// A key press as the browser reports it (`KeyboardEvent.key`, `.code` and modifiers).
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    /// The physical key, e.g. "Digit1" (so Shift+1 still names label 1).
    pub code: &'a str,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
    pub shift: bool,
    /// A span is selected and no control (button, field, link) has the focus: Tab may
    /// move between spans.
    pub focus_free: bool,
}

/// The keys of the app's own actions, as shown on buttons and in the help.
pub const OPEN_KEY: &str = "O";
pub const EXPORT_KEY: &str = "E";
pub const COPY_KEY: &str = "C";
pub const LINK_KEY: &str = "L";
pub const NOTE_KEY: &str = "N";
pub const ATTRIBUTES_KEY: &str = "A";
pub const CARET_KEY: &str = "I";
pub const FILTER_KEY: &str = "F";
pub const SCHEMA_KEY: &str = "S";
pub const SNAP_KEY: &str = "W";
pub const CHIPS_KEY: &str = "H";
pub const PROJECT_KEY: &str = "P";
pub const DONE_KEY: &str = "D";
pub const UNFINISHED_KEY: &str = "U";

/// Every shortcut with what it does, grouped for the help dialog (label keys come from the
/// schema and are listed separately).
pub const SHORTCUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "Spans",
        &[
            (
                "label key",
                "Tag the selected words (snapped to whole words), or re-label the selected span",
            ),
            (
                "Shift + label key",
                "Tag exactly the selected characters (no snapping)",
            ),
            ("W", "Turn word snapping on or off"),
            ("H", "Show or hide the label chip at the start of each span"),
            ("Delete / Backspace", "Delete the selected span"),
            (
                "J / Tab",
                "Select the next span (Tab: while a span is selected)",
            ),
            ("K / Shift+Tab", "Select the previous span"),
            (
                "Click again",
                "Where spans overlap, pick the next one under the pointer",
            ),
            (
                "Esc",
                "Leave caret, link or search mode; or clear the selection",
            ),
        ],
    ),
    (
        "Boundaries of the selected span",
        &[
            ("[ / ]", "Move the start one character left / right"),
            ("{ / }", "Move the start one word left / right"),
            (", / .", "Move the end one character left / right"),
            ("< / >", "Move the end one word left / right"),
            ("Drag a handle", "Move a boundary with the mouse"),
        ],
    ),
    (
        "Keyboard caret",
        &[
            ("I or F7", "Caret mode: put a caret in the article"),
            ("Arrows", "Move the caret (Ctrl+arrows: by word)"),
            (
                "Shift+arrows",
                "Extend the selection by character (with Ctrl: by word)",
            ),
            ("label key", "Tag the selection"),
        ],
    ),
    (
        "Links, notes, attributes",
        &[
            ("L", "Link the selected quote or claim to a source"),
            ("N", "Write a note on the selected span"),
            ("A", "Edit the selected span's attributes"),
        ],
    ),
    (
        "Finding",
        &[
            (
                "Ctrl+F or /",
                "Search the article (Enter: next, Shift+Enter: previous)",
            ),
            ("F", "Filter the span list"),
        ],
    ),
    (
        "Projects",
        &[
            ("P", "The project: its articles, their status and progress"),
            ("Shift+J / Shift+K", "Open the next / previous article"),
            ("U", "Open the next article that is not done"),
            ("D", "Mark the open article done (again: not done)"),
        ],
    ),
    (
        "Work",
        &[
            ("Ctrl+Z", "Undo"),
            ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
            ("S", "Edit the label schema"),
            ("O", "Open an article (text, Markdown or a saved web page)"),
            (
                "Ctrl+V",
                "Open what is pasted on the page: a web page's article, or text",
            ),
            (
                "Shift+O",
                "Import annotations (native, W3C, doccano, Label Studio, brat, spaCy)",
            ),
            ("E", "Export JSON"),
            ("Shift+E", "Export as… (every format)"),
            ("C", "Copy JSON"),
            ("?", "Show these shortcuts"),
        ],
    ),
];

/// The digit a digit key stands for without Shift ("Digit1" → '1'), whatever the layout
/// prints on it with Shift.
fn digit_of(code: &str) -> Option<char> {
    let mut chars = code.strip_prefix("Digit")?.chars();
    match (chars.next(), chars.next()) {
        (Some(digit), None) => Some(digit),
        _ => None,
    }
}

/// The command for a key press, if any. Other presses with Ctrl, Cmd or Alt are left to
/// the browser (so Ctrl+C still copies).
pub fn command_for(press: KeyPress<'_>, schema: &Schema) -> Option<Command> {
    // AltGr (reported as Ctrl+Alt) types the brackets on many layouts: let it nudge.
    let altgr = press.alt && press.ctrl;
    if press.alt && !altgr {
        return None;
    }
    if (press.ctrl && !altgr) || press.meta {
        return match (press.key.to_ascii_lowercase().as_str(), press.shift) {
            ("z", false) => Some(Command::Undo),
            ("z", true) | ("y", false) => Some(Command::Redo),
            ("f", false) => Some(Command::Search),
            _ => None,
        };
    }
    let nudge = |edge, step, direction| Some(Command::Nudge(edge, step, direction));
    use {Direction::*, Edge::*, Step::*};
    match press.key {
        "Delete" | "Backspace" => return Some(Command::Delete),
        "Escape" => return Some(Command::Clear),
        "F7" => return Some(Command::CaretMode),
        "Tab" if press.focus_free => {
            return Some(if press.shift {
                Command::PreviousSpan
            } else {
                Command::NextSpan
            })
        }
        "?" => return Some(Command::Help),
        "/" => return Some(Command::Search),
        "[" => return nudge(Start, Char, Backward),
        "]" => return nudge(Start, Char, Forward),
        "{" => return nudge(Start, Word, Backward),
        "}" => return nudge(Start, Word, Forward),
        "," => return nudge(End, Char, Backward),
        "." => return nudge(End, Char, Forward),
        "<" => return nudge(End, Word, Backward),
        ">" => return nudge(End, Word, Forward),
        _ => {}
    }
    if altgr {
        return None;
    }
    let mut chars = press.key.chars();
    let (Some(key), None) = (chars.next(), chars.next()) else {
        return None;
    };
    // Shift+digit types a symbol ('!' on US keyboards), so the digit comes from the
    // physical key; Shift+letter is the letter itself on every layout.
    let base = if press.shift {
        digit_of(press.code).unwrap_or(key)
    } else {
        key
    };
    if let Some(label) = schema.by_hotkey(base) {
        return Some(Command::Label {
            name: label.name.clone(),
            exact: press.shift,
        });
    }
    if press.shift {
        return match key.to_ascii_uppercase().to_string().as_str() {
            OPEN_KEY => Some(Command::Import),
            EXPORT_KEY => Some(Command::ExportAs),
            "J" => Some(Command::NextArticle),
            "K" => Some(Command::PreviousArticle),
            _ => None,
        };
    }
    Some(match key.to_ascii_uppercase().to_string().as_str() {
        OPEN_KEY => Command::OpenArticle,
        EXPORT_KEY => Command::ExportJson,
        COPY_KEY => Command::CopyJson,
        LINK_KEY => Command::Link,
        NOTE_KEY => Command::EditNote,
        ATTRIBUTES_KEY => Command::EditAttributes,
        CARET_KEY => Command::CaretMode,
        FILTER_KEY => Command::FilterSpans,
        SCHEMA_KEY => Command::EditSchema,
        SNAP_KEY => Command::ToggleSnapping,
        CHIPS_KEY => Command::ToggleChips,
        PROJECT_KEY => Command::Projects,
        DONE_KEY => Command::ToggleDone,
        UNFINISHED_KEY => Command::NextUnfinished,
        "J" => Command::NextSpan,
        "K" => Command::PreviousSpan,
        _ => return None,
    })
}
