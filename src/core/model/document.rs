//! An article: its identity, metadata and text.

use super::offsets::CharRange;
use super::text::{shorten, ArticleText};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Fields an article came with that the app does not use (a dataset's `topic`,
/// `gold_label`, …): kept as they were and exported unchanged.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// An article being annotated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// A stable id for the article, kept across saves and exports.
    pub id: String,
    pub title: String,
    /// Where the text came from: a URL or a file name, when known.
    pub source: Option<String>,
    pub text: ArticleText,
    pub extra: Extra,
    /// Blocks that were headings, block quotes, list items or code where the text came
    /// from (a web page, Markdown), in text order; every other block is a paragraph.
    pub layout: Layout,
    /// Who annotated the article, when known: the name its work was stamped with.
    pub annotator: Option<String>,
}

/// How a block of the article was set where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Quote,
    Item,
    Code,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Quote => "quote",
            BlockKind::Item => "item",
            BlockKind::Code => "code",
        }
    }
}

/// A block of the text that is not a plain paragraph: code points `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Styled {
    pub range: CharRange,
    pub kind: BlockKind,
}

/// The styled blocks of a text, in order and not overlapping.
pub type Layout = Vec<Styled>;

/// Keeps the entries of `layout` that fit a text of `length` code points, in order and
/// without overlaps (a layout is presentation: a bad entry is dropped, never an error).
pub fn checked_layout(layout: impl IntoIterator<Item = Styled>, length: usize) -> Layout {
    let mut kept: Layout = Vec::new();
    for styled in layout {
        let after_last = kept
            .last()
            .is_none_or(|last| last.range.end <= styled.range.start);
        if styled.range.start < styled.range.end && styled.range.end.0 <= length && after_last {
            kept.push(styled);
        }
    }
    kept
}

/// A styled block as stored and exported: code points `[start, end)` and its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LayoutRecord {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

pub fn layout_records(layout: &[Styled]) -> Vec<LayoutRecord> {
    layout
        .iter()
        .map(|styled| LayoutRecord {
            start: styled.range.start.0,
            end: styled.range.end.0,
            kind: styled.kind,
        })
        .collect()
}

/// The layout stored as `records`, for a text of `length` code points.
pub fn layout_from(records: &[LayoutRecord], length: usize) -> Layout {
    checked_layout(
        records.iter().map(|record| Styled {
            range: CharRange::new(record.start, record.end),
            kind: record.kind,
        }),
        length,
    )
}

/// The kind of the block that starts at `start`, looked up in `layout`.
pub fn kind_at(layout: &[Styled], start: usize) -> Option<BlockKind> {
    let at = layout.partition_point(|styled| styled.range.end.0 <= start);
    layout
        .get(at)
        .filter(|styled| styled.range.start.0 <= start)
        .map(|styled| styled.kind)
}

/// The longest title derived from the text.
const TITLE_MAX_CHARS: usize = 120;

/// A title for a text that came without one: its first non-empty line (without a leading
/// Markdown `#`), shortened to 120 characters; or the file name without its extension.
pub fn default_title(text: &str, file_name: Option<&str>) -> String {
    let first_line = text
        .lines()
        .map(|line| line.trim().trim_start_matches('#').trim())
        .find(|line| !line.is_empty());
    match (first_line, file_name) {
        (Some(line), _) if line.chars().count() <= TITLE_MAX_CHARS => line.to_owned(),
        (Some(line), None) => shorten(line, TITLE_MAX_CHARS),
        (_, Some(name)) => name
            .rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_owned(),
        (None, None) => "Untitled article".to_owned(),
    }
}
