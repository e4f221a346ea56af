//! An article: its identity, metadata and text.

use super::text::{shorten, ArticleText};
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
