//! Finds a quote in a text again when its stored offsets no longer fit (the article was
//! edited or re-extracted): by the exact quote, with its prefix, suffix and old position
//! to choose among repeats, then by a fuzzy match that tolerates small edits.
//! A quote that cannot be found is reported, never guessed.

use crate::model::offsets::{CharOffset, CharRange};
use crate::model::text::ArticleText;

/// What is known of a span's place: its quote, the text around it and where it was.
#[derive(Clone, Copy, Debug, Default)]
pub struct Selector<'a> {
    pub quote: &'a str,
    /// Text just before the quote (any length; its end is compared).
    pub prefix: &'a str,
    /// Text just after the quote (any length; its start is compared).
    pub suffix: &'a str,
    /// Where the quote was, when known.
    pub hint: Option<CharRange>,
}

/// How a quote was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// At its stated offsets.
    InPlace,
    /// The same quote, elsewhere (the text before it changed, or its offsets were wrong).
    Moved,
    /// Text that differs from the quote by `edits` insertions, deletions or changes.
    Fuzzy { edits: usize },
}

/// Occurrences looked at, at most, when a quote repeats (a very common word).
const MAX_CANDIDATES: usize = 10_000;
/// Context compared on each side when choosing among repeats.
const CONTEXT_CHARS: usize = 32;
/// Quotes shorter than this are only found exactly: a fuzzy match of a few letters would
/// be a guess.
const MIN_FUZZY_CHARS: usize = 8;
/// Quotes longer than this are matched fuzzily by their first and last `PIECE_CHARS`.
const MAX_WHOLE_FUZZY_CHARS: usize = 256;
const PIECE_CHARS: usize = 64;
/// Characters searched on each side of the hint by the fuzzy matcher, beyond the quote.
const FUZZY_WINDOW: usize = 4_000;
/// Texts up to this length are searched whole when the quote is not near its hint.
const MAX_WHOLE_TEXT_FUZZY: usize = 100_000;

/// A text prepared for anchoring many quotes.
pub struct Anchorer<'t> {
    text: &'t ArticleText,
    chars: Vec<char>,
}

impl<'t> Anchorer<'t> {
    pub fn new(text: &'t ArticleText) -> Self {
        Self {
            text,
            chars: text.as_str().chars().collect(),
        }
    }

    /// Places a quote: at its hint when it is there, else at the best exact occurrence,
    /// else at the closest fuzzy match; `None` when it is nowhere to be found.
    pub fn find(&self, selector: &Selector) -> Option<(CharRange, Found)> {
        let quote: Vec<char> = selector.quote.chars().collect();
        if quote.is_empty() {
            return None;
        }
        if let Some(hint) = selector.hint {
            if self.text.slice(hint) == Some(selector.quote) {
                return Some((hint, Found::InPlace));
            }
        }
        if let Some(range) = self.best_exact(selector, quote.len()) {
            return Some((range, Found::Moved));
        }
        self.fuzzy(selector, &quote)
    }

    /// The exact occurrence with the most matching context, nearest the hint on ties.
    fn best_exact(&self, selector: &Selector, quote_chars: usize) -> Option<CharRange> {
        let prefix: Vec<char> = selector.prefix.chars().collect();
        let suffix: Vec<char> = selector.suffix.chars().collect();
        self.text
            .as_str()
            .match_indices(selector.quote)
            .take(MAX_CANDIDATES)
            .filter_map(|(byte, _)| self.text.char_of_byte(byte))
            .map(|start| CharRange::new(start.0, start.0 + quote_chars))
            .max_by_key(|range| {
                let before = &self.chars[..range.start.0];
                let after = &self.chars[range.end.0..];
                let context = common_suffix(before, &prefix) + common_prefix(after, &suffix);
                (context, std::cmp::Reverse(distance(*range, selector.hint)))
            })
    }

    fn fuzzy(&self, selector: &Selector, quote: &[char]) -> Option<(CharRange, Found)> {
        if quote.len() < MIN_FUZZY_CHARS {
            return None;
        }
        let windows = self.windows(selector.hint, quote.len());
        windows.into_iter().find_map(|window| {
            if quote.len() <= MAX_WHOLE_FUZZY_CHARS {
                let (range, edits) = self.approximate(window, quote, quote.len() / 5)?;
                return Some((range, Found::Fuzzy { edits }));
            }
            // Long quotes: find the head, then the tail after it; accept when the two
            // enclose about as much text as the quote.
            let allowed = PIECE_CHARS / 5;
            let (head, head_edits) = self.approximate(window, &quote[..PIECE_CHARS], allowed)?;
            let tail_window = CharRange::new(head.end.0, window.end.0);
            let (tail, tail_edits) =
                self.approximate(tail_window, &quote[quote.len() - PIECE_CHARS..], allowed)?;
            let range = CharRange::new(head.start.0, tail.end.0);
            let slack = quote.len() / 10;
            (range.len().abs_diff(quote.len()) <= slack).then(|| {
                let edits = head_edits + tail_edits + range.len().abs_diff(quote.len());
                (range, Found::Fuzzy { edits })
            })
        })
    }

    /// Where to look for a fuzzy match: near the hint first, then (for texts that are
    /// not too long) everywhere.
    fn windows(&self, hint: Option<CharRange>, quote_chars: usize) -> Vec<CharRange> {
        let len = self.chars.len();
        let mut windows = Vec::new();
        if let Some(hint) = hint {
            let reach = FUZZY_WINDOW + quote_chars;
            let start = hint.start.0.min(len).saturating_sub(reach);
            let end = hint.start.0.saturating_add(reach).min(len);
            windows.push(CharRange::new(start, end));
        }
        if len <= MAX_WHOLE_TEXT_FUZZY && windows.first() != Some(&CharRange::new(0, len)) {
            windows.push(CharRange::new(0, len));
        }
        windows
    }

    /// The substring of `window` closest to `pattern` by edit distance (at most `allowed`),
    /// found with Sellers' algorithm: the end by a forward pass, the start by a backward
    /// pass from that end.
    fn approximate(
        &self,
        window: CharRange,
        pattern: &[char],
        allowed: usize,
    ) -> Option<(CharRange, usize)> {
        let haystack = self.chars.get(window.start.0..window.end.0)?;
        let (end, edits) = best_end(haystack.iter(), pattern.iter(), allowed, false)?;
        let (back, _) = best_end(
            haystack[..end].iter().rev(),
            pattern.iter().rev(),
            allowed,
            true,
        )?;
        let start = window.start.0 + end - back;
        Some((CharRange::new(start, window.start.0 + end), edits))
    }
}

/// Sellers' algorithm: the end (exclusive, in `haystack` positions) of the substring with
/// the fewest edits from `pattern`, if within `allowed`; the earliest end on ties.
/// With `anchored`, the substring must start at the haystack's start.
fn best_end<'c>(
    haystack: impl Iterator<Item = &'c char>,
    pattern: impl Iterator<Item = &'c char>,
    allowed: usize,
    anchored: bool,
) -> Option<(usize, usize)> {
    let pattern: Vec<char> = pattern.copied().collect();
    // column[i] = fewest edits between pattern[..i] and some substring ending here.
    let mut column: Vec<usize> = (0..=pattern.len()).collect();
    let mut best: Option<(usize, usize)> = None;
    for (position, ch) in haystack.enumerate() {
        let mut diagonal = column[0];
        if anchored {
            column[0] = position + 1;
        }
        for (i, &expected) in pattern.iter().enumerate() {
            let substitute = diagonal + usize::from(expected != *ch);
            let next = substitute.min(column[i + 1] + 1).min(column[i] + 1);
            diagonal = column[i + 1];
            column[i + 1] = next;
        }
        let edits = column[pattern.len()];
        if edits <= allowed && best.is_none_or(|(_, fewest)| edits < fewest) {
            best = Some((position + 1, edits));
        }
    }
    best
}

fn common_suffix(text: &[char], prefix: &[char]) -> usize {
    text.iter()
        .rev()
        .zip(prefix.iter().rev())
        .take(CONTEXT_CHARS)
        .take_while(|(a, b)| a == b)
        .count()
}

fn common_prefix(text: &[char], suffix: &[char]) -> usize {
    text.iter()
        .zip(suffix)
        .take(CONTEXT_CHARS)
        .take_while(|(a, b)| a == b)
        .count()
}

fn distance(range: CharRange, hint: Option<CharRange>) -> usize {
    hint.map_or(0, |hint| range.start.0.abs_diff(hint.start.0))
}

/// Maps offsets in a text as a file stored it (maybe with `\r\n` or lone `\r`) to the
/// same places in the stored text, where every line ending is one `\n`.
pub struct LineEndingMap {
    /// Code point offsets (in the raw text) of each `\r` that normalisation removes.
    removed: Vec<usize>,
}

impl LineEndingMap {
    pub fn new(raw: &str) -> Self {
        let mut removed = Vec::new();
        let mut chars = raw.chars().enumerate().peekable();
        while let Some((index, ch)) = chars.next() {
            if ch == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n') {
                removed.push(index);
            }
        }
        Self { removed }
    }

    /// The stored offset of a raw offset.
    pub fn map(&self, raw: usize) -> CharOffset {
        CharOffset(raw - self.removed.partition_point(|&at| at < raw))
    }
}
