//! The article text: normalised once on load, indexed for exact offset conversions.

use super::offsets::{CharOffset, CharRange, Utf16Offset};
use sha2::{Digest, Sha256};

/// The stored article text with an index from code points to UTF-8 bytes and UTF-16 units.
///
/// The text is immutable: a new article is a new `ArticleText`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleText {
    text: String,
    /// `byte_at[i]` is the UTF-8 byte offset of code point `i`; one extra entry for the end.
    byte_at: Vec<u32>,
    /// `utf16_at[i]` is the UTF-16 offset of code point `i`; one extra entry for the end.
    utf16_at: Vec<u32>,
}

/// `text` cut to at most `max` characters, ending in "…" when cut (for titles and lists).
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Lowercase hex SHA-256 of `text`'s UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Normalises line endings (`\r\n` and lone `\r`) to `\n`; everything else is kept as loaded.
pub fn normalise_line_endings(raw: &str) -> String {
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

impl ArticleText {
    /// Stores `raw` with line endings normalised to `\n`.
    pub fn new(raw: &str) -> Self {
        let text = normalise_line_endings(raw);
        let count = text.chars().count();
        let mut byte_at = Vec::with_capacity(count + 1);
        let mut utf16_at = Vec::with_capacity(count + 1);
        let mut utf16 = 0u32;
        for (byte, ch) in text.char_indices() {
            byte_at.push(byte as u32);
            utf16_at.push(utf16);
            utf16 += ch.len_utf16() as u32;
        }
        byte_at.push(text.len() as u32);
        utf16_at.push(utf16);
        Self {
            text,
            byte_at,
            utf16_at,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn len_chars(&self) -> usize {
        self.byte_at.len() - 1
    }

    /// Length in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.utf16_at[self.len_chars()] as usize
    }

    pub fn end(&self) -> CharOffset {
        CharOffset(self.len_chars())
    }

    /// The whole text as a range.
    pub fn full_range(&self) -> CharRange {
        CharRange {
            start: CharOffset(0),
            end: self.end(),
        }
    }

    /// The text of `range`, or `None` when the range is out of bounds or reversed.
    pub fn slice(&self, range: CharRange) -> Option<&str> {
        if range.start > range.end || range.end > self.end() {
            return None;
        }
        let from = self.byte_at[range.start.0] as usize;
        let to = self.byte_at[range.end.0] as usize;
        Some(&self.text[from..to])
    }

    /// The UTF-8 byte index of a code point position (clamped to the end of the text).
    pub fn byte_of(&self, at: CharOffset) -> usize {
        self.byte_at[at.0.min(self.len_chars())] as usize
    }

    /// The code point position of a UTF-8 byte index that starts a character.
    pub fn char_of_byte(&self, byte: usize) -> Option<CharOffset> {
        self.byte_at
            .binary_search(&(byte as u32))
            .ok()
            .map(CharOffset)
    }

    /// The UTF-16 position of a code point position (clamped to the end of the text).
    pub fn to_utf16(&self, at: CharOffset) -> Utf16Offset {
        Utf16Offset(self.utf16_at[at.0.min(self.len_chars())] as usize)
    }

    /// The code point position of a UTF-16 position. A position inside a surrogate pair
    /// rounds down to the start of its character; past the end clamps to the end.
    pub fn from_utf16(&self, at: Utf16Offset) -> CharOffset {
        let target = at.0.min(self.len_utf16()) as u32;
        // Index of the last code point whose UTF-16 start is <= target.
        let index = self.utf16_at.partition_point(|&u| u <= target) - 1;
        CharOffset(index)
    }

    /// Shrinks `range` so that it neither starts nor ends with whitespace.
    /// The result is empty when the range held only whitespace.
    pub fn trim(&self, range: CharRange) -> CharRange {
        let Some(slice) = self.slice(range) else {
            return CharRange::between(range.start, range.start);
        };
        let leading = slice.chars().take_while(|c| c.is_whitespace()).count();
        if leading == range.len() {
            return CharRange::between(range.start, range.start);
        }
        let trailing = slice
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        CharRange::new(range.start.0 + leading, range.end.0 - trailing)
    }

    /// The lines of the text (split at `\n`, which belongs to no line), with their ranges.
    /// Empty lines are included so that every code point outside a line is a `\n`.
    pub fn lines(&self) -> Vec<CharRange> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (index, ch) in self.text.chars().enumerate() {
            if ch == '\n' {
                lines.push(CharRange::new(start, index));
                start = index + 1;
            }
        }
        lines.push(CharRange::new(start, self.len_chars()));
        lines
    }

    /// Lowercase hex SHA-256 of the stored text's UTF-8 bytes.
    pub fn sha256_hex(&self) -> String {
        sha256_hex(&self.text)
    }
}
