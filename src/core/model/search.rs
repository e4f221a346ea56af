//! Finding text in the article: case-insensitive matches as code-point ranges.

use super::offsets::CharRange;
use super::text::ArticleText;

/// The most matches reported; more would not help anyone reading them.
pub const MAX_MATCHES: usize = 5_000;

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Every non-overlapping, case-insensitive occurrence of `query` in `text`, in order
/// (at most [`MAX_MATCHES`]). Whitespace at the query's ends is ignored.
pub fn find_all(text: &ArticleText, query: &str) -> Vec<CharRange> {
    let needle: Vec<char> = query.trim().chars().map(fold).collect();
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let haystack: Vec<char> = text.as_str().chars().map(fold).collect();
    let mut matches = Vec::new();
    let mut at = 0;
    while at + needle.len() <= haystack.len() && matches.len() < MAX_MATCHES {
        if haystack[at] == first && haystack[at..at + needle.len()] == needle[..] {
            matches.push(CharRange::new(at, at + needle.len()));
            at += needle.len();
        } else {
            at += 1;
        }
    }
    matches
}
