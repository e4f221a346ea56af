//! CoNLL-style IOB2 export (export only): one token per line, tab-separated
//! `token  start  end  tag`, with `start`/`end` in code points (end exclusive) and tags
//! `B-Quote`, `I-Quote`, `O`.
//!
//! Each article starts with `# ` comment lines (its id, title and source, the offset unit,
//! the columns, and how many spans were dropped); a blank line separates articles and
//! sentences, a sentence being a line of the text (a line break that falls inside a kept
//! span does not end the sentence, so the span's tags stay in one run). Whitespace
//! tokens are not written.
//!
//! A split span (a quote interrupted by "she said") is tagged piece by piece, each piece
//! a chunk of its own (`B-Quote` at each piece's first token), the words between them
//! `O` or another span's: IOB has no way to tie chunks together.
//!
//! IOB gives each token one tag, so overlapping and nested spans cannot all be kept.
//! Spans are taken in document order (start ascending, longer first) and a span is kept
//! when it does not overlap one already kept: an enclosing span wins over the spans
//! inside it, and the earlier of two crossing spans wins.

use crate::model::formats::draft::Work;
use crate::tokens::tokenise;
use std::fmt::Write;

/// The export's text and how many spans it could not represent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conll {
    pub text: String,
    /// Spans left out, over all articles (overlapping or nested ones).
    pub dropped: usize,
}

/// A header value or cell on one line: tabs and line breaks become spaces.
fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The works as CoNLL IOB2, articles in the given order.
pub fn export(works: &[Work]) -> Conll {
    let mut out = String::new();
    let mut dropped = 0;
    for (index, work) in works.iter().enumerate() {
        let document = work.document;
        let spans = work.annotations.spans();
        let kept = work.annotations.apart();
        dropped += spans.len() - kept.len();
        if index > 0 {
            out.push('\n');
        }
        // Writing to a String cannot fail.
        let _ = writeln!(out, "# article_id: {}", one_line(&document.id));
        let _ = writeln!(out, "# title: {}", one_line(&document.title));
        if let Some(source) = &document.source {
            let _ = writeln!(out, "# source: {}", one_line(source));
        }
        out.push_str(
            "# offset_unit: codepoint (start and end count Unicode code points of the article text, end exclusive)\n\
             # columns: token, start, end, IOB2 tag (tab-separated)\n",
        );
        let _ = writeln!(
            out,
            "# dropped: {} of {} spans (overlapping or nested spans cannot be represented in IOB)",
            spans.len() - kept.len(),
            spans.len()
        );
        // Every piece of the kept spans is a chunk of its own (they are apart).
        let mut chunks: Vec<(usize, usize, &str)> = (kept.iter())
            .flat_map(|span| {
                (span.ranges().iter())
                    .map(|piece| (piece.start.0, piece.end.0, span.label.as_str()))
            })
            .collect();
        chunks.sort_unstable();
        let ranges: Vec<(usize, usize)> =
            chunks.iter().map(|&(start, end, _)| (start, end)).collect();
        let mut next = 0;
        // A line break ended a sentence that has tokens: a blank line goes before the
        // next token (none at the end, no empty sentences).
        let mut sentence_ended = false;
        let mut sentence_open = false;
        // The kept span whose B- tag has been written.
        let mut begun = None;
        for token in tokenise(document.text.as_str(), &ranges) {
            while ranges.get(next).is_some_and(|&(_, end)| end <= token.start) {
                next += 1;
            }
            let inside = ranges
                .get(next)
                .is_some_and(|&(start, _)| start <= token.start);
            if token.is_space() {
                if sentence_open && !inside && token.text.contains('\n') {
                    sentence_ended = true;
                    sentence_open = false;
                }
                continue;
            }
            let tag = match chunks.get(next).filter(|_| inside) {
                // The chunk's first written token (a leading space is not written).
                Some((.., label)) if begun != Some(next) => {
                    begun = Some(next);
                    format!("B-{}", one_line(label))
                }
                Some((.., label)) => format!("I-{}", one_line(label)),
                None => "O".to_owned(),
            };
            if sentence_ended {
                out.push('\n');
                sentence_ended = false;
            }
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{tag}",
                one_line(&token.text),
                token.start,
                token.end
            );
            sentence_open = true;
        }
    }
    Conll { text: out, dropped }
}
