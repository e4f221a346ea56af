//! Markdown files keep their text without the markup: headings, block quotes, list items
//! and code blocks become blocks of those kinds, emphasis and code marks are dropped, and
//! links and images are reduced to their text. Not a full CommonMark parser: it covers
//! what articles saved as Markdown use, and leaves anything it does not recognise as text.

use crate::model::document::BlockKind;
use crate::model::rich_text::{flatten, Block, Flattened, LINE_BREAK};
use std::collections::HashSet;

/// Labels of the link reference definitions (`[label]: url`), lower case.
type Refs = HashSet<String>;

/// How far link texts are read inside link texts; deeper brackets stay text.
const MAX_LINK_DEPTH: usize = 8;
/// Inline constructs are looked for this far ahead at most, so that a hostile paragraph
/// (thousands of `<` or `[` without an end) is read in linear time.
const LOOKAHEAD: usize = 2000;
/// Emphasis runs waiting for a partner; older ones stay text.
const MAX_OPENERS: usize = 64;

/// The text of a Markdown document, with the layout of its blocks.
pub fn to_text(markdown: &str) -> Flattened {
    flatten(blocks(markdown))
}

/// A block being gathered line by line.
struct Open {
    kind: Option<BlockKind>,
    lines: Vec<String>,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let normalised = markdown.replace("\r\n", "\n").replace('\r', "\n");
    let body = without_front_matter(&normalised);
    let refs: Refs = body
        .lines()
        .filter_map(|line| reference_label(line.trim_start()))
        .collect();
    let mut lines = body.lines().peekable();
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let close = |open: &mut Option<Open>, out: &mut Vec<Block>| {
        if let Some(block) = open.take() {
            let text = if block.kind == Some(BlockKind::Code) {
                block.lines.join("\n")
            } else {
                inline(&join_soft_breaks(&block.lines), &refs, 0)
            };
            out.push(Block::new(block.kind, text));
        }
    };
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(fence) = fence_of(trimmed).filter(|_| indent < 4) {
            close(&mut open, &mut out);
            let mut code = Vec::new();
            for line in lines.by_ref() {
                if line.trim_start().starts_with(fence) {
                    break;
                }
                code.push(line.to_owned());
            }
            out.push(Block::new(Some(BlockKind::Code), code.join("\n")));
            continue;
        }
        if trimmed.is_empty() {
            close(&mut open, &mut out);
            continue;
        }
        // A line of = or - under a paragraph makes it a heading.
        let is_paragraph = open.as_ref().is_some_and(|open| open.kind.is_none());
        if is_paragraph && indent < 4 && is_setext_underline(trimmed) {
            if let Some(open) = open.as_mut() {
                open.kind = Some(BlockKind::Heading);
            }
            close(&mut open, &mut out);
            continue;
        }
        if indent < 4 && is_thematic_break(trimmed) {
            close(&mut open, &mut out);
            continue;
        }
        // A definition cannot interrupt a paragraph: inside one, the line is text.
        if indent < 4 && open.is_none() && reference_label(trimmed).is_some() {
            continue;
        }
        if let Some(heading) = atx_heading(trimmed).filter(|_| indent < 4) {
            close(&mut open, &mut out);
            out.push(Block::new(
                Some(BlockKind::Heading),
                inline(heading, &refs, 0),
            ));
            continue;
        }
        if let Some(quoted) = trimmed.strip_prefix('>').filter(|_| indent < 4) {
            let quoted = quoted.strip_prefix(' ').unwrap_or(quoted);
            let continuing = open
                .as_mut()
                .filter(|open| open.kind == Some(BlockKind::Quote));
            if quoted.trim().is_empty() {
                close(&mut open, &mut out);
            } else if let Some(quote) = continuing {
                quote.lines.push(quoted.to_owned());
            } else {
                close(&mut open, &mut out);
                open = Some(Open {
                    kind: Some(BlockKind::Quote),
                    lines: vec![quoted.to_owned()],
                });
            }
            continue;
        }
        if let Some(item) = list_item(trimmed).filter(|_| indent < 8) {
            close(&mut open, &mut out);
            open = Some(Open {
                kind: Some(BlockKind::Item),
                lines: vec![item.to_owned()],
            });
            continue;
        }
        if trimmed.starts_with('|') {
            close(&mut open, &mut out);
            if !is_table_delimiter(trimmed) {
                out.push(Block::new(None, inline(&table_row(trimmed), &refs, 0)));
            }
            continue;
        }
        match open.as_mut() {
            // A lazy continuation line joins the open block (paragraph, item or quote).
            Some(open) => open.lines.push(line.to_owned()),
            None => {
                open = Some(Open {
                    kind: None,
                    lines: vec![line.to_owned()],
                })
            }
        }
    }
    close(&mut open, &mut out);
    out
}

/// YAML front matter (`---`, then `key: value` lines, then `---`, at the very top) is
/// metadata, not article text. A document that merely starts with a rule keeps its text.
fn without_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    let first = rest.lines().next().unwrap_or("");
    let is_yaml_key = first.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
    });
    if !is_yaml_key {
        return text;
    }
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None if rest.ends_with("\n---") => "",
        None => text,
    }
}

fn fence_of(line: &str) -> Option<&'static str> {
    if line.starts_with("```") {
        Some("```")
    } else if line.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

fn is_setext_underline(line: &str) -> bool {
    let line = line.trim_end();
    !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
}

fn is_thematic_break(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|&c| c == marks[0])
}

/// The label of a link reference definition (`[id]: https://… "title"`), which defines a
/// link target and shows nothing. "[Update]: the story was corrected" is text.
fn reference_label(line: &str) -> Option<String> {
    let rest = line.strip_prefix('[')?;
    let end = rest.find("]:")?;
    let label = &rest[..end];
    if label.is_empty() || label.contains(['[', ']']) {
        return None;
    }
    // One destination without spaces, then at most a quoted title.
    let mut after = rest[end + 2..].trim().splitn(2, char::is_whitespace);
    after.next().filter(|destination| !destination.is_empty())?;
    let title = after.next().map(str::trim).unwrap_or("");
    let title_ok = title.is_empty() || title.starts_with(['"', '\'', '(']);
    title_ok.then(|| label.to_lowercase())
}

/// The text of an ATX heading (`## Title ##`).
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    Some(if closed.is_empty() || closed.ends_with(' ') {
        closed.trim_end()
    } else {
        rest
    })
}

/// The text of a list item (`- x`, `* x`, `+ x`, `1. x`, `1) x`), task boxes removed.
fn list_item(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_marker = if line.starts_with(['-', '*', '+']) {
        &line[1..]
    } else if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
        &line[digits + 1..]
    } else {
        return None;
    };
    if !after_marker.starts_with([' ', '\t']) {
        return None;
    }
    let item = after_marker.trim_start();
    Some(
        ["[ ] ", "[x] ", "[X] "]
            .iter()
            .find_map(|task| item.strip_prefix(task))
            .unwrap_or(item),
    )
}

fn is_table_delimiter(line: &str) -> bool {
    line.chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

fn table_row(line: &str) -> String {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Joins a block's lines: a line ending in two spaces or a backslash breaks the line,
/// any other line break is a space.
fn join_soft_breaks(lines: &[String]) -> String {
    let mut joined = String::new();
    for (at, line) in lines.iter().enumerate() {
        let last = at + 1 == lines.len();
        let hard = !last && (line.ends_with("  ") || line.ends_with('\\'));
        let line = if hard && line.ends_with('\\') {
            &line[..line.len() - 1]
        } else {
            line.as_str()
        };
        joined.push_str(line.trim());
        if !last {
            joined.push(if hard { LINE_BREAK } else { ' ' });
        }
    }
    joined
}

/// Inline markup removed: escapes, code spans, images and links (their text), autolinks,
/// HTML tags, emphasis and strikethrough marks that come in pairs, and common entities.
/// `depth` counts the link texts this text is inside.
fn inline(text: &str, refs: &Refs, depth: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Piece> = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c == '\\'
            && chars
                .get(at + 1)
                .is_some_and(|next| next.is_ascii_punctuation())
        {
            out.push(Piece::Text(chars[at + 1].to_string()));
            at += 2;
        } else if c == '`' {
            let ticks = run_length(&chars, at, '`');
            match find_run(&chars, at + ticks, '`', ticks, at + ticks + LOOKAHEAD) {
                Some(end) => {
                    let code: String = chars[at + ticks..end].iter().collect();
                    out.push(Piece::Text(code.trim().to_owned()));
                    at = end + ticks;
                }
                None => {
                    out.push(Piece::Text("`".repeat(ticks)));
                    at += ticks;
                }
            }
        } else if let Some((label, end)) = link(&chars, at, refs).filter(|_| depth < MAX_LINK_DEPTH)
        {
            out.push(Piece::Text(inline(&label, refs, depth + 1)));
            at = end;
        } else if c == '<' {
            match ahead(&chars, at).iter().position(|&c| c == '>') {
                Some(length) if is_tag_or_autolink(&chars[at + 1..at + length]) => {
                    let inner: String = chars[at + 1..at + length].iter().collect();
                    if inner.contains("://") || inner.starts_with("mailto:") {
                        out.push(Piece::Text(inner));
                    }
                    at += length + 1;
                }
                _ => {
                    out.push(Piece::Text("<".to_owned()));
                    at += 1;
                }
            }
        } else if c == '&' {
            match entity(&chars, at) {
                Some((decoded, end)) => {
                    out.push(Piece::Text(decoded.to_string()));
                    at = end;
                }
                None => {
                    out.push(Piece::Text("&".to_owned()));
                    at += 1;
                }
            }
        } else if matches!(c, '*' | '_' | '~') {
            let length = run_length(&chars, at, c);
            let before = at.checked_sub(1).map(|at| chars[at]);
            let after = chars.get(at + length).copied();
            let space_or_none = |c: Option<char>| c.is_none_or(char::is_whitespace);
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            // `_` inside a word (snake_case) is text; `*` may emphasise inside a word.
            let (can_open, can_close) = if c == '_' {
                (
                    !space_or_none(after) && !word(before),
                    !space_or_none(before) && !word(after),
                )
            } else {
                (!space_or_none(after), !space_or_none(before))
            };
            out.push(Piece::Marks {
                mark: c,
                length,
                can_open: can_open && (c != '~' || length == 2),
                can_close: can_close && (c != '~' || length == 2),
            });
            at += length;
        } else {
            out.push(Piece::Text(c.to_string()));
            at += 1;
        }
    }
    pair_marks(&mut out);
    out.into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text,
            Piece::Marks { mark, length, .. } => mark.to_string().repeat(length),
            Piece::Paired => String::new(),
        })
        .collect()
}

/// Output of the inline pass before emphasis marks are paired.
enum Piece {
    Text(String),
    Marks {
        mark: char,
        length: usize,
        can_open: bool,
        can_close: bool,
    },
    /// Marks that found their partner: dropped.
    Paired,
}

/// Each closing run of marks drops itself and the nearest opening run of the same mark
/// and length before it; marks without a partner stay as text (`2 * 3`, `a_b`).
fn pair_marks(pieces: &mut [Piece]) {
    let mut openers: Vec<(usize, char, usize)> = Vec::new();
    for at in 0..pieces.len() {
        let Piece::Marks {
            mark,
            length,
            can_open,
            can_close,
        } = pieces[at]
        else {
            continue;
        };
        let partner = can_close
            .then(|| {
                openers
                    .iter()
                    .rposition(|&(_, m, l)| m == mark && l == length)
            })
            .flatten();
        if let Some(found) = partner {
            let (opener, _, _) = openers[found];
            openers.truncate(found);
            pieces[opener] = Piece::Paired;
            pieces[at] = Piece::Paired;
        } else if can_open {
            if openers.len() == MAX_OPENERS {
                openers.remove(0);
            }
            openers.push((at, mark, length));
        }
    }
}

fn run_length(chars: &[char], at: usize, c: char) -> usize {
    chars[at..].iter().take_while(|&&x| x == c).count()
}

/// The characters from `at`, as far as inline constructs are looked for.
fn ahead(chars: &[char], at: usize) -> &[char] {
    &chars[at..chars.len().min(at + LOOKAHEAD)]
}

/// The start of the next run of exactly `length` `c`s at or after `from`, before `until`.
fn find_run(chars: &[char], from: usize, c: char, length: usize, until: usize) -> Option<usize> {
    let mut at = from;
    while at < chars.len().min(until) {
        if chars[at] == c {
            let run = run_length(chars, at, c);
            if run == length {
                return Some(at);
            }
            at += run;
        } else {
            at += 1;
        }
    }
    None
}

/// `[text](url)`, `[text][ref]` (with `ref` defined), `![alt](src)`: the text, and where it
/// ends. `[2][3]` without definitions is text.
fn link(chars: &[char], at: usize, refs: &Refs) -> Option<(String, usize)> {
    let open = if chars[at] == '!' && chars.get(at + 1) == Some(&'[') {
        at + 1
    } else if chars[at] == '[' {
        at
    } else {
        return None;
    };
    let mut depth = 0;
    let mut close = None;
    for (offset, &c) in ahead(chars, open).iter().enumerate() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + offset);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let label: String = chars[open + 1..close].iter().collect();
    let end = match chars.get(close + 1) {
        Some('(') => close + 1 + ahead(chars, close + 1).iter().position(|&c| c == ')')? + 1,
        Some('[') => {
            let length = ahead(chars, close + 1).iter().position(|&c| c == ']')?;
            let reference: String = chars[close + 2..close + 1 + length].iter().collect();
            let reference = if reference.is_empty() {
                &label
            } else {
                &reference
            };
            if !refs.contains(&reference.to_lowercase()) {
                return None;
            }
            close + 1 + length + 1
        }
        _ => return None,
    };
    Some((label, end))
}

/// `<a href="…">`, `</em>`, `<br/>`, `<https://…>`: markup, not text.
fn is_tag_or_autolink(inner: &[char]) -> bool {
    let first = inner.first().copied().unwrap_or(' ');
    (first.is_ascii_alphabetic() || first == '/' || first == '!') && !inner.contains(&'<')
}

/// A character reference (`&amp;`, `&#8212;`, `&#x2014;`) and where it ends.
fn entity(chars: &[char], at: usize) -> Option<(char, usize)> {
    let length = chars[at..].iter().take(12).position(|&c| c == ';')?;
    let name: String = chars[at + 1..at + length].iter().collect();
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value)?
    } else {
        match name.as_str() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            _ => return None,
        }
    };
    Some((decoded, at + length + 1))
}

/// The article text of a decoded file: Markdown without its markup (with the layout of
/// its headings, quotes and lists), any other text as it is.
pub fn article_of(name: &str, text: String) -> Flattened {
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_lowercase());
    match extension.as_deref() {
        Some("md" | "markdown") => to_text(&text),
        _ => Flattened {
            text,
            layout: Vec::new(),
        },
    }
}
