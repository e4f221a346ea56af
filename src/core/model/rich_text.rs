//! Text that came with structure (a web page, Markdown) becomes plain article text: one
//! block per paragraph, heading, quote or list item, a blank line between blocks, and the
//! kind of each block kept aside as the document's layout. Offsets stay code points into
//! that plain text, like every other article's.

use super::document::{BlockKind, Layout, Styled};
use super::offsets::CharRange;

/// A block as read from the source: its kind (`None` for a paragraph) and its raw text,
/// with the source's whitespace still in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: Option<BlockKind>,
    pub text: String,
}

impl Block {
    pub fn new(kind: Option<BlockKind>, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

/// The plain text and the layout of its blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flattened {
    pub text: String,
    pub layout: Layout,
}

impl Flattened {
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// A line break the source asked for (HTML `<br>`, a Markdown hard break); every other
/// run of whitespace inside a block becomes one space.
pub const LINE_BREAK: char = '\u{2028}';

/// Whitespace that HTML collapses, plus the no-break space (kept as a plain space so that
/// datasets do not carry invisible U+00A0 between words).
fn collapses(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}')
}

/// A block's text as it is stored: whitespace collapsed and trimmed on each line (code
/// keeps its lines and indentation), empty lines dropped.
fn tidy(block: &Block) -> String {
    if block.kind == Some(BlockKind::Code) {
        let text = block
            .text
            .replace("\r\n", "\n")
            .replace(['\r', LINE_BREAK], "\n");
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let first = lines.iter().position(|line| !line.is_empty());
        let last = lines.iter().rposition(|line| !line.is_empty());
        return match (first, last) {
            (Some(first), Some(last)) => lines[first..=last].join("\n"),
            _ => String::new(),
        };
    }
    block
        .text
        .split(LINE_BREAK)
        .map(|line| {
            line.split(collapses)
                .filter(|word| !word.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Joins the blocks with a blank line between them; blocks without text are left out.
pub fn flatten(blocks: impl IntoIterator<Item = Block>) -> Flattened {
    let mut flat = Flattened::default();
    let mut length = 0;
    for block in blocks {
        let text = tidy(&block);
        if text.is_empty() {
            continue;
        }
        if !flat.text.is_empty() {
            flat.text.push_str("\n\n");
            length += 2;
        }
        let start = length;
        length += text.chars().count();
        flat.text.push_str(&text);
        if let Some(kind) = block.kind {
            flat.layout.push(Styled {
                range: CharRange::new(start, length),
                kind,
            });
        }
    }
    flat
}
