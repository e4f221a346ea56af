//! Splits the article into blocks (lines) and each block into segments at span boundaries,
//! so highlights are rendered from the model and never spliced into the page.

use super::annotations::Annotations;
use super::document::{kind_at, BlockKind, Document};
use super::offsets::{CharOffset, CharRange};
use super::span::{Span, SpanId};
use super::text::ArticleText;
use std::rc::Rc;

/// A span that covers a segment, with what the renderer needs to draw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cover {
    pub id: SpanId,
    pub label: String,
    /// The span begins with this segment (its label chip is drawn here).
    pub starts: bool,
    /// The span is in several pieces (drawn linked).
    pub split: bool,
}

/// A run of text with the same set of covering spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub range: CharRange,
    /// Covering spans in document order: outermost first, innermost last.
    pub covers: Vec<Cover>,
}

/// One line of the article (a paragraph in the view) and its segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub range: CharRange,
    /// Heading, quote, list item or code where the text came from; `None`: a paragraph.
    pub kind: Option<BlockKind>,
    pub segments: Rc<[Segment]>,
}

/// Splits `range` at every boundary of `spans` (all of which intersect it).
fn split(range: CharRange, spans: &[&Span]) -> Vec<Segment> {
    let mut cuts: Vec<CharOffset> = vec![range.start, range.end];
    for piece in spans.iter().flat_map(|span| span.ranges()) {
        for cut in [piece.start, piece.end] {
            if range.start < cut && cut < range.end {
                cuts.push(cut);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|pair| {
            let piece = CharRange::between(pair[0], pair[1]);
            let inside = |r: &CharRange| r.start <= piece.start && piece.end <= r.end;
            let covers = spans
                .iter()
                .filter(|span| span.ranges().iter().any(inside))
                .map(|span| Cover {
                    id: span.id.clone(),
                    label: span.label.clone(),
                    starts: span.range.start == piece.start,
                    split: span.is_split(),
                })
                .collect();
            Segment {
                range: piece,
                covers,
            }
        })
        .collect()
}

/// The article's blocks with their segments, in one sweep over lines and spans.
/// Empty lines become blocks without segments.
pub fn blocks(document: &Document, annotations: &Annotations) -> Vec<Rc<Block>> {
    let text: &ArticleText = &document.text;
    let spans = annotations.spans();
    let mut next = 0;
    let mut active: Vec<&Span> = Vec::new();
    text.lines()
        .into_iter()
        .map(|line| {
            active.retain(|span| span.range.end > line.start);
            while next < spans.len() && spans[next].range.start < line.end {
                if spans[next].range.end > line.start {
                    active.push(&spans[next]);
                }
                next += 1;
            }
            Rc::new(Block {
                range: line,
                kind: kind_at(&document.layout, line.start.0),
                segments: segments_of(line, &active),
            })
        })
        .collect()
}

/// The blocks after an edit: `previous` are the blocks of the same document under
/// `before`; only the blocks a changed span touches are split again (found through the
/// spans' order, without a scan of the article), and every other block is the same `Rc`,
/// so the view skips it by pointer.
pub fn update(previous: &[Rc<Block>], before: &Annotations, after: &Annotations) -> Vec<Rc<Block>> {
    let mut blocks = previous.to_vec();
    let changed = before.differences(after);
    if changed.is_empty() {
        return blocks;
    }
    let spans = after.spans();
    let longest = spans.iter().map(|span| span.range.len()).max().unwrap_or(0);
    let mut dirty: Vec<usize> = Vec::new();
    for range in changed {
        // The blocks this range intersects: blocks tile the text in order.
        let first = blocks.partition_point(|block| block.range.end <= range.start);
        let last = blocks.partition_point(|block| block.range.start < range.end);
        dirty.extend(first..last);
    }
    dirty.sort_unstable();
    dirty.dedup();
    for index in dirty {
        let block = &blocks[index];
        let line = block.range;
        // Spans that can reach this line start no earlier than `longest` before it.
        let from = spans.partition_point(|span| span.range.start.0 + longest <= line.start.0);
        let to = spans.partition_point(|span| span.range.start < line.end);
        let active: Vec<&Span> = spans[from..to.max(from)]
            .iter()
            .filter(|span| span.range.end > line.start)
            .map(|span| &**span)
            .collect();
        let segments = segments_of(line, &active);
        if segments != block.segments {
            blocks[index] = Rc::new(Block {
                range: line,
                kind: block.kind,
                segments,
            });
        }
    }
    blocks
}

/// The segments of one line under the spans that intersect it (in document order).
fn segments_of(line: CharRange, active: &[&Span]) -> Rc<[Segment]> {
    if line.is_empty() {
        Vec::new().into()
    } else {
        split(line, active).into()
    }
}
