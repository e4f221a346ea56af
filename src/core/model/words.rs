//! Word-aware selection: snapping a mouse selection to whole words, trimming punctuation
//! from its edges, and nudging one edge of a span by a grapheme or by a word.
//!
//! Words and graphemes follow Unicode segmentation (UAX #29), never ASCII rules, so Arabic,
//! letters with combining marks, CJK and emoji sequences are never cut. Positions are code
//! points. Every search works on the `\n`-delimited line around the position (moving to
//! the neighbouring line only when a word nudge has to cross it), so a long article costs
//! no more than a short one.

use super::offsets::{CharOffset, CharRange};
use super::text::ArticleText;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Which edge of a span to move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// How far to move an edge: one grapheme cluster or one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Char,
    Word,
}

/// Which way to move an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Backward,
    Forward,
}

/// Extends a selection to whole words, then trims whitespace and punctuation from its edges.
pub fn snap_to_words(text: &ArticleText, range: CharRange) -> CharRange {
    // Edges may come in either order (a backwards drag) and past the end.
    let range = clamp_range(text, range);
    let start = grapheme_floor(text, extend_start(text, range.start));
    // A click is not a selection: it stays collapsed, but never inside a word or a cluster.
    if range.is_empty() {
        return CharRange { start, end: start };
    }
    let end = grapheme_ceil(text, extend_end(text, range.end));
    trim_edges(text, CharRange { start, end })
}

/// Shrinks a range so it neither starts nor ends with whitespace or punctuation (empty if nothing is left).
pub fn trim_edges(text: &ArticleText, range: CharRange) -> CharRange {
    // By grapheme cluster, so a punctuation mark carrying a combining mark leaves as a whole and the
    // edges stay on cluster boundaries. Only the edges are looked at: "don't" and "3.5"
    // keep their inner apostrophe and period, and symbols ($ % € # @) are not punctuation.
    let range = clamp_range(text, range);
    let empty = CharRange {
        start: range.start,
        end: range.start,
    };
    let Some(slice) = text.slice(range) else {
        return empty;
    };
    // One double-ended iterator, so the front and the back never count a grapheme twice.
    let mut graphemes = slice.graphemes(true);
    let mut start = range.start.0;
    loop {
        match graphemes.next() {
            None => return empty,
            Some(g) if is_separator(g) => start += g.chars().count(),
            Some(_) => break,
        }
    }
    let mut end = range.end.0;
    while let Some(g) = graphemes.next_back() {
        if !is_separator(g) {
            break;
        }
        end -= g.chars().count();
    }
    CharRange::new(start, end)
}

/// Moves one edge of `range` by a grapheme or a word; `None` if impossible or if the range would empty.
pub fn nudge(
    text: &ArticleText,
    range: CharRange,
    edge: Edge,
    step: Step,
    direction: Direction,
) -> Option<CharRange> {
    if range.start > range.end || range.end > text.end() {
        return None;
    }
    let from = match edge {
        Edge::Start => range.start,
        Edge::End => range.end,
    };
    // By word, the start moves between word starts and the end between word ends, so a
    // span keeps whole words; whitespace, punctuation and line breaks are skipped.
    let to = match (step, direction, edge) {
        (Step::Char, Direction::Forward, _) => {
            (from < text.end()).then(|| next_grapheme(text, from))
        }
        (Step::Char, Direction::Backward, _) => (from.0 > 0).then(|| prev_grapheme(text, from)),
        (Step::Word, Direction::Forward, Edge::Start) => find_next_word_start(text, from),
        (Step::Word, Direction::Forward, Edge::End) => find_next_word_end(text, from),
        (Step::Word, Direction::Backward, Edge::Start) => find_prev_word_start(text, from),
        (Step::Word, Direction::Backward, Edge::End) => find_prev_word_end(text, from),
    }?;
    let moved = match edge {
        Edge::Start => CharRange {
            start: to,
            end: range.end,
        },
        Edge::End => CharRange {
            start: range.start,
            end: to,
        },
    };
    (to != from && moved.start < moved.end).then_some(moved)
}

/// The end of the grapheme cluster at `at` (the text's end when already there).
pub fn next_grapheme(text: &ArticleText, at: CharOffset) -> CharOffset {
    let at = clamp_offset(text, at);
    let s = text.as_str();
    let byte = text.byte_of(at);
    let mut cursor = GraphemeCursor::new(byte, s.len(), true);
    match cursor.next_boundary(s, 0) {
        Ok(Some(next)) => CharOffset(at.0 + s[byte..next].chars().count()),
        Ok(None) => text.end(),
        // The whole text is one chunk, so the cursor never asks for more; one code point is a safe fallback.
        Err(_) => clamp_offset(text, CharOffset(at.0 + 1)),
    }
}

/// The start of the grapheme cluster before `at` (0 when already there).
pub fn prev_grapheme(text: &ArticleText, at: CharOffset) -> CharOffset {
    let at = clamp_offset(text, at);
    let s = text.as_str();
    let byte = text.byte_of(at);
    let mut cursor = GraphemeCursor::new(byte, s.len(), true);
    match cursor.prev_boundary(s, 0) {
        Ok(Some(prev)) => CharOffset(at.0 - s[prev..byte].chars().count()),
        Ok(None) => CharOffset(0),
        Err(_) => CharOffset(at.0.saturating_sub(1)),
    }
}

/// The first word end after `at`, skipping whitespace and punctuation (the text's end if none).
pub fn next_word_end(text: &ArticleText, at: CharOffset) -> CharOffset {
    find_next_word_end(text, clamp_offset(text, at)).unwrap_or(text.end())
}

/// The last word start before `at`, skipping whitespace and punctuation (0 if none).
pub fn prev_word_start(text: &ArticleText, at: CharOffset) -> CharOffset {
    find_prev_word_start(text, clamp_offset(text, at)).unwrap_or(CharOffset(0))
}

fn clamp_offset(text: &ArticleText, at: CharOffset) -> CharOffset {
    CharOffset(at.0.min(text.len_chars()))
}

fn clamp_range(text: &ArticleText, range: CharRange) -> CharRange {
    CharRange::between(
        clamp_offset(text, range.start),
        clamp_offset(text, range.end),
    )
}

/// One `\n`-delimited line (without its `\n`): its code-point range and its text.
struct Line<'a> {
    range: CharRange,
    text: &'a str,
}

/// The line holding `at`; a `\n` position belongs to the line it ends.
fn line_at(text: &ArticleText, at: CharOffset) -> Line<'_> {
    let at = clamp_offset(text, at);
    let s = text.as_str();
    let byte = text.byte_of(at);
    let start_byte = s[..byte].rfind('\n').map_or(0, |i| i + 1);
    let end_byte = s[byte..].find('\n').map_or(s.len(), |i| byte + i);
    let start = at.0 - s[start_byte..byte].chars().count();
    let end = at.0 + s[byte..end_byte].chars().count();
    Line {
        range: CharRange::new(start, end),
        text: &s[start_byte..end_byte],
    }
}

/// The line after `line`, if any.
fn next_line<'a>(text: &'a ArticleText, line: &Line<'_>) -> Option<Line<'a>> {
    (line.range.end < text.end()).then(|| line_at(text, CharOffset(line.range.end.0 + 1)))
}

/// The line before `line`, if any.
fn prev_line<'a>(text: &'a ArticleText, line: &Line<'_>) -> Option<Line<'a>> {
    (line.range.start.0 > 0).then(|| line_at(text, CharOffset(line.range.start.0 - 1)))
}

/// The UAX #29 word-boundary segments of a line with their code-point ranges, in order.
fn segments<'a>(line: &Line<'a>) -> impl Iterator<Item = (CharRange, &'a str)> + 'a {
    let mut at = line.range.start.0;
    line.text.split_word_bounds().map(move |segment| {
        let len = segment.chars().count();
        let range = CharRange::new(at, at + len);
        at += len;
        (range, segment)
    })
}

/// The word-boundary segment that strictly contains `at`, if `at` is not on a boundary.
fn segment_around(text: &ArticleText, at: CharOffset) -> Option<CharRange> {
    let line = line_at(text, at);
    segments(&line)
        .take_while(|(range, _)| range.start < at)
        .find(|(range, _)| range.end > at)
        .map(|(range, _)| range)
}

// Extending to the whole segment (not only to words) also keeps emoji sequences and
// whitespace runs whole; trimming removes the whitespace afterwards.
fn extend_start(text: &ArticleText, at: CharOffset) -> CharOffset {
    segment_around(text, at).map_or(at, |range| range.start)
}

fn extend_end(text: &ArticleText, at: CharOffset) -> CharOffset {
    segment_around(text, at).map_or(at, |range| range.end)
}

// Word boundaries are grapheme boundaries for nearly all text; these make sure of it
// for the rare exceptions (a prepended format character after a space).
fn grapheme_floor(text: &ArticleText, at: CharOffset) -> CharOffset {
    if is_grapheme_boundary(text, at) {
        at
    } else {
        prev_grapheme(text, at)
    }
}

fn grapheme_ceil(text: &ArticleText, at: CharOffset) -> CharOffset {
    if is_grapheme_boundary(text, at) {
        at
    } else {
        next_grapheme(text, at)
    }
}

fn is_grapheme_boundary(text: &ArticleText, at: CharOffset) -> bool {
    let s = text.as_str();
    let mut cursor = GraphemeCursor::new(text.byte_of(at), s.len(), true);
    cursor.is_boundary(s, 0).unwrap_or(true)
}

fn find_next_word_end(text: &ArticleText, at: CharOffset) -> Option<CharOffset> {
    let mut line = line_at(text, at);
    loop {
        let found = segments(&line)
            .filter(|(range, segment)| range.end > at && is_word(segment))
            .map(|(range, _)| range.end)
            .next();
        if found.is_some() {
            return found;
        }
        line = next_line(text, &line)?;
    }
}

fn find_next_word_start(text: &ArticleText, at: CharOffset) -> Option<CharOffset> {
    let mut line = line_at(text, at);
    loop {
        let found = segments(&line)
            .filter(|(range, segment)| range.start > at && is_word(segment))
            .map(|(range, _)| range.start)
            .next();
        if found.is_some() {
            return found;
        }
        line = next_line(text, &line)?;
    }
}

fn find_prev_word_start(text: &ArticleText, at: CharOffset) -> Option<CharOffset> {
    let mut line = line_at(text, at);
    loop {
        let found = segments(&line)
            .take_while(|(range, _)| range.start < at)
            .filter(|(_, segment)| is_word(segment))
            .map(|(range, _)| range.start)
            .last();
        if found.is_some() {
            return found;
        }
        line = prev_line(text, &line)?;
    }
}

fn find_prev_word_end(text: &ArticleText, at: CharOffset) -> Option<CharOffset> {
    let mut line = line_at(text, at);
    loop {
        let found = segments(&line)
            .take_while(|(range, _)| range.end < at)
            .filter(|(_, segment)| is_word(segment))
            .map(|(range, _)| range.end)
            .last();
        if found.is_some() {
            return found;
        }
        line = prev_line(text, &line)?;
    }
}

/// A segment is a word when it holds a grapheme that is not a separator: letters, digits,
/// symbols and emoji count, whitespace and punctuation do not.
fn is_word(segment: &str) -> bool {
    segment.graphemes(true).any(|g| !is_separator(g))
}

/// A grapheme is judged by its base character, so a space or a comma carrying a stray
/// combining mark still counts as a separator.
fn is_separator(grapheme: &str) -> bool {
    grapheme
        .chars()
        .next()
        .is_none_or(|c| is_blank(c) || is_edge_punctuation(c))
}

fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        // Invisible characters that are not Unicode whitespace: soft hyphen, zero-width
        // space/joiners, word joiner, byte order mark.
        || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Unicode punctuation that frames words (quotes, brackets, dashes, stops), by hand
/// because the standard library has no general category. Punctuation that behaves like
/// a symbol (% ‰ # @ & * / § ¶ primes) is left out on purpose so that it stays.
fn is_edge_punctuation(c: char) -> bool {
    match c {
        '!' | '"' | '\'' | '(' | ')' | ',' | '-' | '.' | ':' | ';' | '?' | '[' | ']' | '{'
        | '}' | '_' | '`' => true,
        // ¡ « · » ¿
        '\u{A1}' | '\u{AB}' | '\u{B7}' | '\u{BB}' | '\u{BF}' => true,
        // Greek question mark and ano teleia; Armenian.
        '\u{37E}' | '\u{387}' | '\u{55A}'..='\u{55F}' | '\u{589}' | '\u{58A}' => true,
        // Hebrew maqaf, paseq, sof pasuq, nun hafukha, geresh, gershayim.
        '\u{5BE}' | '\u{5C0}' | '\u{5C3}' | '\u{5C6}' | '\u{5F3}' | '\u{5F4}' => true,
        // Arabic ، ؍ ؛ ؝ ؞ ؟ ٫ ٬ ۔ (the Arabic percent sign ٪ stays).
        '\u{60C}'
        | '\u{60D}'
        | '\u{61B}'
        | '\u{61D}'..='\u{61F}'
        | '\u{66B}'
        | '\u{66C}'
        | '\u{6D4}' => true,
        // Devanagari danda and double danda, abbreviation sign; Thai; Myanmar; Georgian;
        // Ethiopic; Khmer.
        '\u{964}'
        | '\u{965}'
        | '\u{970}'
        | '\u{E4F}'
        | '\u{E5A}'
        | '\u{E5B}'
        | '\u{104A}'
        | '\u{104B}'
        | '\u{10FB}'
        | '\u{1361}'..='\u{1368}'
        | '\u{17D4}'..='\u{17D6}'
        | '\u{17D8}'..='\u{17DA}' => true,
        // General Punctuation: dashes, quotes, bullets, ellipsis … then ‹ › ‼ ‽ ⁇ and the
        // rest, skipping ‰ ‱ primes (2030–2037), fraction slash (2044), minus (2052).
        '\u{2010}'..='\u{2027}'
        | '\u{2038}'..='\u{2043}'
        | '\u{2045}'..='\u{2051}'
        | '\u{2053}'..='\u{205E}' => true,
        // Super/subscript parentheses, angle brackets, ornamental and math brackets.
        '\u{207D}'
        | '\u{207E}'
        | '\u{208D}'
        | '\u{208E}'
        | '\u{2329}'
        | '\u{232A}'
        | '\u{2768}'..='\u{2775}'
        | '\u{27C5}'
        | '\u{27C6}'
        | '\u{27E6}'..='\u{27EF}'
        | '\u{2983}'..='\u{2998}' => true,
        // Supplemental Punctuation (⸮ ⸺ ⸻ and friends).
        '\u{2E00}'..='\u{2E4F}' | '\u{2E52}'..='\u{2E5D}' => true,
        // CJK 、 。 〃 〈 〉 《 》 「 」 『 』 【 】 〔 〕 … 〜 〝 〞 〟 〰 〽 ゠ ・
        '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{3030}'
        | '\u{303D}'
        | '\u{30A0}'
        | '\u{30FB}' => true,
        // Ornate parentheses; vertical, compatibility and small forms (not ﹟ ﹠ ﹡ ﹩ ﹪ ﹫).
        '\u{FD3E}'
        | '\u{FD3F}'
        | '\u{FE10}'..='\u{FE19}'
        | '\u{FE30}'..='\u{FE52}'
        | '\u{FE54}'..='\u{FE5E}'
        | '\u{FE63}' => true,
        // Fullwidth ASCII (！ ？ （ ） ， ．…) follows its ASCII twin.
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).is_some_and(is_edge_punctuation)
        }
        // Fullwidth white parentheses and halfwidth CJK punctuation ｡ ｢ ｣ ､ ･
        '\u{FF5F}'..='\u{FF65}' => true,
        _ => false,
    }
}
