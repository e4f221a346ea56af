//! The tokeniser shared by the token-based exports (spaCy/Prodigy JSONL, CoNLL).
//!
//! Tokens split at Unicode word boundaries (UAX #29, so an emoji ZWJ sequence, a letter
//! with its combining marks or an Arabic word stays whole) and at every span boundary, so
//! that each span starts and ends on a token boundary. Whitespace is represented the way
//! spaCy represents it: one plain space after a word is that word's trailing whitespace
//! (`ws`), any other whitespace (line breaks, further spaces, tabs) is a token of its own.
//! Joining `text` plus a space where `ws` gives back the text exactly.

use unicode_segmentation::UnicodeSegmentation;

/// A token of the text; offsets in code points, half-open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Followed by one space that belongs to the token (spaCy's `whitespace_`).
    pub ws: bool,
}

impl Token {
    /// Whether the token is only whitespace (a line break, extra spaces, a tab).
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// Sorted, de-duplicated.
fn sorted(mut offsets: Vec<usize>) -> Vec<usize> {
    offsets.sort_unstable();
    offsets.dedup();
    offsets
}

/// Tokenises `text`, splitting also at the start and end of every span (`(start, end)` in
/// code points). A space is folded into the word before it only when no span starts at
/// the space or ends just after it, so that a span with a space at its edge still starts
/// and ends on token boundaries. Linear in the text length (plus sorting the spans).
pub fn tokenise(text: &str, spans: &[(usize, usize)]) -> Vec<Token> {
    let cuts = sorted(
        spans
            .iter()
            .flat_map(|&(start, end)| [start, end])
            .collect(),
    );
    let starts = sorted(spans.iter().map(|&(start, _)| start).collect());
    let ends = sorted(spans.iter().map(|&(_, end)| end).collect());
    let mut tokens: Vec<Token> = Vec::new();
    let mut next_cut = 0;
    // Code point offset of the current character.
    let mut at = 0;
    for segment in text.split_word_bounds() {
        let mut piece_byte = 0;
        let mut piece_start = at;
        for (byte, _) in segment.char_indices() {
            while cuts.get(next_cut).is_some_and(|&cut| cut < at) {
                next_cut += 1;
            }
            if at > piece_start && cuts.get(next_cut) == Some(&at) {
                push(
                    &mut tokens,
                    &segment[piece_byte..byte],
                    piece_start,
                    &starts,
                    &ends,
                );
                piece_byte = byte;
                piece_start = at;
            }
            at += 1;
        }
        push(
            &mut tokens,
            &segment[piece_byte..],
            piece_start,
            &starts,
            &ends,
        );
    }
    tokens
}

/// Appends the piece of text starting at code point `start`, folding a leading space into
/// the previous word when that keeps every span on token boundaries.
fn push(
    tokens: &mut Vec<Token>,
    mut piece: &str,
    mut start: usize,
    starts: &[usize],
    ends: &[usize],
) {
    if let Some(rest) = piece.strip_prefix(' ') {
        let foldable =
            starts.binary_search(&start).is_err() && ends.binary_search(&(start + 1)).is_err();
        if let Some(previous) = tokens.last_mut() {
            if foldable && !previous.ws && !previous.is_space() {
                previous.ws = true;
                piece = rest;
                start += 1;
            }
        }
    }
    if piece.is_empty() {
        return;
    }
    let end = start + piece.chars().count();
    tokens.push(Token {
        text: piece.to_owned(),
        start,
        end,
        ws: false,
    });
}
