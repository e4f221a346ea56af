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

/// Every occurrence of `quote` in `text` as whole words (not inside a longer word: a quote
/// that starts or ends with a letter or digit must not touch another there), matching case
/// or not, in order.
pub fn occurrences(text: &ArticleText, quote: &str, match_case: bool) -> Vec<CharRange> {
    let fold_if = |c: char| if match_case { c } else { fold(c) };
    let needle: Vec<char> = quote.chars().map(fold_if).collect();
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else {
        return Vec::new();
    };
    let chars: Vec<char> = text.as_str().chars().collect();
    let haystack: Vec<char> = chars.iter().copied().map(fold_if).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at + needle.len() <= haystack.len() && found.len() < MAX_MATCHES {
        let end = at + needle.len();
        let glued_before = first.is_alphanumeric() && at > 0 && chars[at - 1].is_alphanumeric();
        let glued_after =
            last.is_alphanumeric() && chars.get(end).is_some_and(|c| c.is_alphanumeric());
        if haystack[at..end] == needle[..] && !glued_before && !glued_after {
            found.push(CharRange::new(at, end));
            at = end;
        } else {
            at += 1;
        }
    }
    found
}
