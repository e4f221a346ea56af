//! Which key does what. Pure, so the whole keyboard map is tested natively, and the help
//! dialog, the buttons' key hints and the shortcuts settings are generated from it.
//!
//! Two kinds of keys: the fixed ones, which carry a modifier or are not characters
//! (Ctrl+Z, Delete, Esc, Tab, F7), and the single-character ones (O, J, [ …), each of
//! which the user may move to another key or switch off, and all of which can be
//! switched off at once (WCAG 2.1.4).

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
    /// The shortcuts settings: move a key, switch one or all single keys off.
    KeySettings,
    /// Compare several annotators' files: the agreement report.
    CompareAnnotators,
    /// The name the user's work is signed with.
    YourName,
    /// The team server: log in, join, open a team project, sync.
    Team,
    /// The project view: its articles, progress, other projects.
    Projects,
    NextArticle,
    PreviousArticle,
    /// The next article of the project that is not done.
    NextUnfinished,
    /// Mark the open article done (or not done again).
    ToggleDone,
    /// In a gold article: the next (or previous) disagreement not decided yet.
    NextDisagreement,
    PreviousDisagreement,
    /// Decide the current disagreement: annotator `i`'s version (`None`: no span).
    Take(Option<usize>),
    /// Decide the current disagreement as the gold now has it (after editing it).
    MarkDecided,
    /// Tag every other occurrence of the selected span's text (whole words) with its label:
    /// same case only, or any case.
    TagEvery {
        match_case: bool,
    },
    /// The next (or previous) suggestion shown.
    NextSuggestion,
    PreviousSuggestion,
    /// Accept the current suggestion (`all`: every suggestion of its label in the article).
    Accept {
        all: bool,
    },
    /// Reject the current suggestion (`all`: every suggestion of its label in the article).
    Reject {
        all: bool,
    },
    /// Add the text selection to the selected span as another piece.
    AddPiece,
    /// Take a piece out of the selected split span (the one the text selection is in, or
    /// the last).
    RemovePiece,
    /// Add evidence to the selected claim.
    AddEvidence,
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
    /// A gold article's disagreement is current and no span is selected: digits 1 to this
    /// take an annotator's version, 0 takes none (0: digits are label keys as always).
    pub adjudicating: usize,
}

/// An action on a single character key: the keys a user may move or switch off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shortcut {
    Snapping,
    Chips,
    NextSpan,
    PreviousSpan,
    StartCharBack,
    StartCharOn,
    StartWordBack,
    StartWordOn,
    EndCharBack,
    EndCharOn,
    EndWordBack,
    EndWordOn,
    Caret,
    Link,
    Note,
    Attributes,
    Search,
    Filter,
    Projects,
    NextArticle,
    PreviousArticle,
    Unfinished,
    Done,
    Schema,
    Open,
    Import,
    Export,
    ExportAs,
    Copy,
    Compare,
    Name,
    Team,
    NextDisagreement,
    PreviousDisagreement,
    MarkDecided,
    TagEvery,
    TagEveryAnyCase,
    AddPiece,
    RemovePiece,
    Evidence,
    NextSuggestion,
    PreviousSuggestion,
    Accept,
    AcceptAll,
    Reject,
    RejectAll,
    Help,
}

/// How an action is known: its name in storage, its key out of the box, the help's group
/// it is listed in, and what it does.
struct Definition {
    shortcut: Shortcut,
    id: &'static str,
    key: char,
    group: &'static str,
    what: &'static str,
}

const fn def(
    shortcut: Shortcut,
    id: &'static str,
    key: char,
    group: &'static str,
    what: &'static str,
) -> Definition {
    Definition {
        shortcut,
        id,
        key,
        group,
        what,
    }
}

const SPANS: &str = "Spans";
const BOUNDARIES: &str = "Boundaries of the selected span";
const CARET: &str = "Keyboard caret";
const LINKS: &str = "Links, notes, attributes";
const FINDING: &str = "Finding";
const PROJECTS: &str = "Projects";
const WORK: &str = "Work";
const ADJUDICATION: &str = "Adjudication";
const SUGGESTIONS: &str = "Suggestions";

/// Every single-key action, in the help's order.
static DEFINITIONS: [Definition; 47] = {
    use Shortcut::*;
    [
        def(
            Snapping,
            "snapping",
            'w',
            SPANS,
            "Turn word snapping on or off",
        ),
        def(
            Chips,
            "chips",
            'h',
            SPANS,
            "Show or hide the label chip at the start of each span",
        ),
        def(NextSpan, "next-span", 'j', SPANS, "Select the next span"),
        def(
            PreviousSpan,
            "previous-span",
            'k',
            SPANS,
            "Select the previous span",
        ),
        def(
            TagEvery,
            "tag-every",
            't',
            SPANS,
            "Tag every other occurrence of the selected span's words (same case) with its label",
        ),
        def(
            TagEveryAnyCase,
            "tag-every-any-case",
            'T',
            SPANS,
            "Tag every other occurrence of the selected span's words, in any case",
        ),
        def(
            AddPiece,
            "add-piece",
            '+',
            SPANS,
            "Add the selected text to the selected span as another piece (a quote \
             interrupted by \"she said\" is one span); or Ctrl+drag",
        ),
        def(
            RemovePiece,
            "remove-piece",
            '-',
            SPANS,
            "Take a piece out of the selected split span (the selected one, else the last)",
        ),
        def(
            StartCharBack,
            "start-char-back",
            '[',
            BOUNDARIES,
            "Move the start one character back",
        ),
        def(
            StartCharOn,
            "start-char-on",
            ']',
            BOUNDARIES,
            "Move the start one character on",
        ),
        def(
            StartWordBack,
            "start-word-back",
            '{',
            BOUNDARIES,
            "Move the start one word back",
        ),
        def(
            StartWordOn,
            "start-word-on",
            '}',
            BOUNDARIES,
            "Move the start one word on",
        ),
        def(
            EndCharBack,
            "end-char-back",
            ',',
            BOUNDARIES,
            "Move the end one character back",
        ),
        def(
            EndCharOn,
            "end-char-on",
            '.',
            BOUNDARIES,
            "Move the end one character on",
        ),
        def(
            EndWordBack,
            "end-word-back",
            '<',
            BOUNDARIES,
            "Move the end one word back",
        ),
        def(
            EndWordOn,
            "end-word-on",
            '>',
            BOUNDARIES,
            "Move the end one word on",
        ),
        def(
            Caret,
            "caret",
            'i',
            CARET,
            "Caret mode: put a caret in the article",
        ),
        def(
            Link,
            "link",
            'l',
            LINKS,
            "Link the selected quote or claim to a source",
        ),
        def(
            Note,
            "note",
            'n',
            LINKS,
            "Write a note on the selected span",
        ),
        def(
            Attributes,
            "attributes",
            'a',
            LINKS,
            "Edit the selected span's attributes",
        ),
        def(
            Evidence,
            "evidence",
            'b',
            LINKS,
            "Add evidence to the selected claim (a link, title, quoted passage, note)",
        ),
        def(
            Search,
            "search",
            '/',
            FINDING,
            "Search the article (Enter: next, Shift+Enter: previous)",
        ),
        def(Filter, "filter", 'f', FINDING, "Filter the span list"),
        def(
            Projects,
            "projects",
            'p',
            PROJECTS,
            "The project: its articles, their status and progress",
        ),
        def(
            NextArticle,
            "next-article",
            'J',
            PROJECTS,
            "Open the next article",
        ),
        def(
            PreviousArticle,
            "previous-article",
            'K',
            PROJECTS,
            "Open the previous article",
        ),
        def(
            Unfinished,
            "unfinished",
            'u',
            PROJECTS,
            "Open the next article that is not done",
        ),
        def(
            Done,
            "done",
            'd',
            PROJECTS,
            "Mark the open article done (again: not done)",
        ),
        def(Schema, "schema", 's', WORK, "Edit the label schema"),
        def(
            Open,
            "open",
            'o',
            WORK,
            "Open an article (text, Markdown or a saved web page)",
        ),
        def(
            Import,
            "import",
            'O',
            WORK,
            "Import annotations (native, W3C, doccano, Label Studio, brat, spaCy)",
        ),
        def(Export, "export", 'e', WORK, "Export JSON"),
        def(
            ExportAs,
            "export-as",
            'E',
            WORK,
            "Export as… (every format)",
        ),
        def(Copy, "copy", 'c', WORK, "Copy JSON"),
        def(
            Compare,
            "compare",
            'A',
            WORK,
            "Compare annotators: agreement between several annotators' files",
        ),
        def(
            Name,
            "name",
            'y',
            WORK,
            "Your name: who the work is signed by",
        ),
        def(
            Team,
            "team",
            'M',
            WORK,
            "Team server: log in, open a team project, sync",
        ),
        def(
            NextDisagreement,
            "next-disagreement",
            'x',
            ADJUDICATION,
            "Gold article: the next disagreement not decided (then 1–9 take that \
             annotator's version, 0 none)",
        ),
        def(
            PreviousDisagreement,
            "previous-disagreement",
            'X',
            ADJUDICATION,
            "Gold article: the previous disagreement not decided",
        ),
        def(
            MarkDecided,
            "mark-decided",
            'm',
            ADJUDICATION,
            "Gold article: mark the disagreement decided as the gold now has it",
        ),
        def(
            NextSuggestion,
            "next-suggestion",
            'g',
            SUGGESTIONS,
            "Go to the next suggestion (then V accepts it, R rejects it)",
        ),
        def(
            PreviousSuggestion,
            "previous-suggestion",
            'G',
            SUGGESTIONS,
            "Go to the previous suggestion",
        ),
        def(
            Accept,
            "accept",
            'v',
            SUGGESTIONS,
            "Accept the suggestion (a quote with its speaker and their link)",
        ),
        def(
            AcceptAll,
            "accept-all",
            'V',
            SUGGESTIONS,
            "Accept every suggestion of the current one's label in the article",
        ),
        def(Reject, "reject", 'r', SUGGESTIONS, "Reject the suggestion"),
        def(
            RejectAll,
            "reject-all",
            'R',
            SUGGESTIONS,
            "Reject every suggestion of the current one's label in the article",
        ),
        def(Help, "help", '?', WORK, "Show the keyboard shortcuts"),
    ]
};

impl Shortcut {
    fn definition(self) -> &'static Definition {
        let at = DEFINITIONS.iter().position(|def| def.shortcut == self);
        &DEFINITIONS[at.expect("every action is defined")]
    }

    /// Every action, in the help's order.
    pub fn all() -> impl Iterator<Item = Shortcut> {
        DEFINITIONS.iter().map(|def| def.shortcut)
    }

    /// What it does, as the help and the settings say it.
    pub fn what(self) -> &'static str {
        self.definition().what
    }

    pub fn group(self) -> &'static str {
        self.definition().group
    }

    /// Its key out of the box.
    pub fn default_key(self) -> char {
        self.definition().key
    }

    /// Its name in storage (stable across versions).
    pub fn id(self) -> &'static str {
        self.definition().id
    }

    fn command(self) -> Command {
        use {Direction::*, Edge::*, Step::*};
        match self {
            Shortcut::Snapping => Command::ToggleSnapping,
            Shortcut::Chips => Command::ToggleChips,
            Shortcut::NextSpan => Command::NextSpan,
            Shortcut::PreviousSpan => Command::PreviousSpan,
            Shortcut::StartCharBack => Command::Nudge(Start, Char, Backward),
            Shortcut::StartCharOn => Command::Nudge(Start, Char, Forward),
            Shortcut::StartWordBack => Command::Nudge(Start, Word, Backward),
            Shortcut::StartWordOn => Command::Nudge(Start, Word, Forward),
            Shortcut::EndCharBack => Command::Nudge(End, Char, Backward),
            Shortcut::EndCharOn => Command::Nudge(End, Char, Forward),
            Shortcut::EndWordBack => Command::Nudge(End, Word, Backward),
            Shortcut::EndWordOn => Command::Nudge(End, Word, Forward),
            Shortcut::Caret => Command::CaretMode,
            Shortcut::Link => Command::Link,
            Shortcut::Note => Command::EditNote,
            Shortcut::Attributes => Command::EditAttributes,
            Shortcut::Search => Command::Search,
            Shortcut::Filter => Command::FilterSpans,
            Shortcut::Projects => Command::Projects,
            Shortcut::NextArticle => Command::NextArticle,
            Shortcut::PreviousArticle => Command::PreviousArticle,
            Shortcut::Unfinished => Command::NextUnfinished,
            Shortcut::Done => Command::ToggleDone,
            Shortcut::Schema => Command::EditSchema,
            Shortcut::Open => Command::OpenArticle,
            Shortcut::Import => Command::Import,
            Shortcut::Export => Command::ExportJson,
            Shortcut::ExportAs => Command::ExportAs,
            Shortcut::Copy => Command::CopyJson,
            Shortcut::Compare => Command::CompareAnnotators,
            Shortcut::Name => Command::YourName,
            Shortcut::Team => Command::Team,
            Shortcut::NextDisagreement => Command::NextDisagreement,
            Shortcut::PreviousDisagreement => Command::PreviousDisagreement,
            Shortcut::MarkDecided => Command::MarkDecided,
            Shortcut::TagEvery => Command::TagEvery { match_case: true },
            Shortcut::TagEveryAnyCase => Command::TagEvery { match_case: false },
            Shortcut::AddPiece => Command::AddPiece,
            Shortcut::RemovePiece => Command::RemovePiece,
            Shortcut::Evidence => Command::AddEvidence,
            Shortcut::NextSuggestion => Command::NextSuggestion,
            Shortcut::PreviousSuggestion => Command::PreviousSuggestion,
            Shortcut::Accept => Command::Accept { all: false },
            Shortcut::AcceptAll => Command::Accept { all: true },
            Shortcut::Reject => Command::Reject { all: false },
            Shortcut::RejectAll => Command::Reject { all: true },
            Shortcut::Help => Command::Help,
        }
    }
}

/// The keys that carry a modifier or are not characters: always on, not movable.
pub static FIXED: &[(&str, &[(&str, &str)])] = &[
    (
        SPANS,
        &[
            ("Delete / Backspace", "Delete the selected span"),
            (
                "Tab / Shift+Tab",
                "Select the next / previous span (while a span is selected)",
            ),
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
        BOUNDARIES,
        &[("Drag a handle", "Move a boundary with the mouse")],
    ),
    (
        CARET,
        &[
            ("F7", "Caret mode: put a caret in the article"),
            ("Arrows", "Move the caret (Ctrl+arrows: by word)"),
            (
                "Shift+arrows",
                "Extend the selection by character (with Ctrl: by word)",
            ),
        ],
    ),
    (FINDING, &[("Ctrl+F", "Search the article")]),
    (
        ADJUDICATION,
        &[
            (
                "1–9",
                "Gold article, a disagreement current and no span selected: take that \
                 annotator's version",
            ),
            (
                "0",
                "Gold article: take no span for the current disagreement",
            ),
        ],
    ),
    (
        WORK,
        &[
            ("Ctrl+Z", "Undo"),
            ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
            (
                "Ctrl+V",
                "Open what is pasted on the page: a web page's article, or text",
            ),
            (
                "Ctrl+,",
                "Keyboard settings: move or switch off single-key shortcuts",
            ),
        ],
    ),
];

/// The groups of the help, in order.
pub static GROUPS: &[&str] = &[
    SPANS,
    BOUNDARIES,
    CARET,
    LINKS,
    FINDING,
    PROJECTS,
    SUGGESTIONS,
    ADJUDICATION,
    WORK,
];

/// The letter in lower case (any other character as it is). Only lower-casing is used:
/// upper-casing would bring in Unicode's whole upper-case table (19 KB of start-up download).
fn lower(key: char) -> char {
    let mut cased = key.to_lowercase();
    match (cased.next(), cased.next()) {
        (Some(one), None) => one,
        _ => key,
    }
}

/// A key that is typed with Shift: an upper-case letter.
fn shifted(key: char) -> bool {
    lower(key) != key
}

/// A key as people read it: "O", "Shift+O", "[".
pub fn shown(key: char) -> String {
    match shifted(key) {
        true => format!("Shift+{key}"),
        false => key.to_ascii_uppercase().to_string(),
    }
}

/// A key as `aria-keyshortcuts` names it: "o", "Shift+O", "[".
pub fn aria(key: char) -> String {
    match shifted(key) {
        true => format!("Shift+{key}"),
        false => key.to_string(),
    }
}

/// The character a key press stands for, if it is one: a letter in lower case, or in upper
/// case with Shift (so Caps Lock changes nothing); any other character as typed.
pub fn typed(key: &str, shift: bool) -> Option<char> {
    let mut chars = key.chars();
    let (Some(key), None) = (chars.next(), chars.next()) else {
        return None;
    };
    Some(match shift {
        // The browser gives Shift+letter in upper case (Caps Lock aside).
        true => key.to_ascii_uppercase(),
        false => lower(key),
    })
}

/// Which single key each action is on (`None`: switched off), and whether single keys
/// work at all. Kept in the browser as the differences from the default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    pub single_keys: bool,
    keys: Vec<(Shortcut, Option<char>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            single_keys: true,
            keys: Shortcut::all()
                .map(|action| (action, Some(action.default_key())))
                .collect(),
        }
    }
}

/// Why a key cannot go to an action, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

impl Keymap {
    /// Every shortcut back on its default key (single keys stay on or off).
    pub fn restore_defaults(&mut self) {
        self.keys = Keymap::default().keys;
    }

    /// The key an action is on, if it is on one.
    pub fn key(&self, action: Shortcut) -> Option<char> {
        (self.keys.iter())
            .find(|(on, _)| *on == action)
            .and_then(|(_, key)| *key)
    }

    /// The key as shown on a button ("O", "Shift+O"), if single keys work and it has one.
    pub fn hint(&self, action: Shortcut) -> Option<String> {
        self.live_key(action).map(shown)
    }

    /// The key for `aria-keyshortcuts`, if single keys work and the action has one.
    pub fn aria(&self, action: Shortcut) -> Option<String> {
        self.live_key(action).map(aria)
    }

    fn live_key(&self, action: Shortcut) -> Option<char> {
        self.key(action).filter(|_| self.single_keys)
    }

    /// The action on a key.
    pub fn shortcut_on(&self, key: char) -> Option<Shortcut> {
        (self.keys.iter())
            .find(|(_, on)| *on == Some(key))
            .map(|(action, _)| *action)
    }

    /// Moves an action to `key` (`None`: switches it off), or says why not: the key is not
    /// a single visible character, another action has it, or a label of the schema does
    /// (label keys come first, with Shift too).
    pub fn set(
        &mut self,
        action: Shortcut,
        key: Option<char>,
        schema: &Schema,
    ) -> Result<(), Refused> {
        if let Some(key) = key {
            if key.is_whitespace() || key.is_control() {
                return Err(Refused(
                    "Space, Enter and Tab keep their usual work: pick a letter, digit or sign."
                        .to_owned(),
                ));
            }
            if let Some(label) = schema.by_hotkey(key) {
                return Err(Refused(format!(
                    "{} tags as {} (label keys are set in the schema, S): pick another key.",
                    shown(key),
                    label.name
                )));
            }
            if let Some(other) = self.shortcut_on(key).filter(|other| *other != action) {
                return Err(Refused(format!(
                    "{} already does “{}”: switch that off or move it first.",
                    shown(key),
                    other.what()
                )));
            }
        }
        for (on, was) in &mut self.keys {
            if *on == action {
                *was = key;
            }
        }
        Ok(())
    }

    /// Actions whose key a label of the schema has taken: they do nothing until moved.
    pub fn shadowed<'a>(&'a self, schema: &'a Schema) -> impl Iterator<Item = Shortcut> + 'a {
        (self.keys.iter())
            .filter(|(_, key)| key.is_some_and(|key| schema.by_hotkey(key).is_some()))
            .map(|(action, _)| *action)
    }

    /// The differences from the default, one `id=key` per line (`id=` when off), and
    /// `single-keys=off` when they are off: what the browser keeps.
    pub fn to_stored(&self) -> String {
        let mut lines: Vec<String> = (self.keys.iter())
            .filter(|(action, key)| *key != Some(action.default_key()))
            .map(|(action, key)| {
                format!(
                    "{}={}",
                    action.id(),
                    key.map(String::from).unwrap_or_default()
                )
            })
            .collect();
        if !self.single_keys {
            lines.insert(0, "single-keys=off".to_owned());
        }
        lines.join("\n")
    }

    /// Reads what `to_stored` wrote. Lines it does not know are skipped; a map in which two
    /// actions share a key (written by hand) falls back to the default.
    pub fn from_stored(stored: &str) -> Keymap {
        let mut map = Keymap::default();
        for line in stored.lines() {
            let Some((id, key)) = line.split_once('=') else {
                continue;
            };
            if id == "single-keys" {
                map.single_keys = key != "off";
                continue;
            }
            let mut chars = key.chars();
            let key = match (chars.next(), chars.next()) {
                (None, _) => None,
                (Some(key), None) if !key.is_whitespace() && !key.is_control() => Some(key),
                _ => continue,
            };
            for (action, was) in &mut map.keys {
                if action.id() == id {
                    *was = key;
                }
            }
        }
        let keys: Vec<char> = map.keys.iter().filter_map(|(_, key)| *key).collect();
        let shared = (keys.iter().enumerate()).any(|(at, key)| keys[..at].contains(key));
        if shared {
            map.restore_defaults();
        }
        map
    }
}

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
pub fn command_for(press: KeyPress<'_>, schema: &Schema, keymap: &Keymap) -> Option<Command> {
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
            (",", false) => Some(Command::KeySettings),
            _ => None,
        };
    }
    match press.key {
        "Delete" | "Backspace" => return Some(Command::Delete),
        "Escape" => return Some(Command::Clear),
        "F7" => return Some(Command::CaretMode),
        "Tab" if press.focus_free => {
            return Some(match press.shift {
                true => Command::PreviousSpan,
                false => Command::NextSpan,
            })
        }
        _ => {}
    }
    let mut chars = press.key.chars();
    let (Some(key), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if !keymap.single_keys {
        return None;
    }
    let digit = digit_of(press.code).and_then(|digit| digit.to_digit(10));
    if let (Some(digit), false, false) = (digit, press.shift, altgr) {
        match digit as usize {
            0 if press.adjudicating > 0 => return Some(Command::Take(None)),
            at if at <= press.adjudicating => return Some(Command::Take(Some(at - 1))),
            _ => {}
        }
    }
    if !altgr {
        // Shift+digit types a symbol ('!' on US keyboards), so the digit comes from the
        // physical key; Shift+letter is the letter itself on every layout.
        let base = match press.shift {
            true => digit_of(press.code).unwrap_or(key),
            false => key,
        };
        if let Some(label) = schema.by_hotkey(base) {
            return Some(Command::Label {
                name: label.name.clone(),
                exact: press.shift,
            });
        }
    }
    let action = keymap.shortcut_on(typed(press.key, press.shift)?)?;
    // With AltGr only what AltGr types (signs, letters like ł): Ctrl+Alt with a plain
    // letter or digit is another program's shortcut.
    (!altgr || !key.is_ascii_alphanumeric()).then(|| action.command())
}
