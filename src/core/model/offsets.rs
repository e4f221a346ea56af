//! Offsets with their unit in the type.
//!
//! The canonical unit is the Unicode code point (what Python's `text[start:end]` counts).
//! The browser counts UTF-16 code units; `ArticleText` converts between the two, and
//! nothing else in the program does.

use serde::{Deserialize, Serialize};

/// A position in the article text, counted in Unicode code points.
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct CharOffset(pub usize);

/// A position in the article text, counted in UTF-16 code units (JavaScript string indices).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Utf16Offset(pub usize);

/// A half-open range `[start, end)` of code points.
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct CharRange {
    pub start: CharOffset,
    pub end: CharOffset,
}

impl CharRange {
    /// Builds a range from two positions given in either order.
    pub fn between(a: CharOffset, b: CharOffset) -> Self {
        Self {
            start: a.min(b),
            end: a.max(b),
        }
    }

    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: CharOffset(start),
            end: CharOffset(end),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn len(&self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }
}
