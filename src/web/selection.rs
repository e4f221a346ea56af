//! The bridge between the browser's selection (DOM nodes and UTF-16 offsets) and the
//! model's code-point offsets.
//!
//! The article view marks every element that holds text with `data-s` / `data-e`: the
//! code-point range it shows. A text node lives only inside a segment element, so a DOM
//! boundary point maps to (segment start + UTF-16 offset inside the segment), which
//! `ArticleText::from_utf16` turns into code points: the one conversion in the app.

use crate::model::offsets::{CharOffset, CharRange, Utf16Offset};
use crate::model::text::ArticleText;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range, Selection};

/// Attribute holding the code-point start of the text an element shows.
pub const START_ATTR: &str = "data-s";
/// Attribute holding the code-point end of the text an element shows.
pub const END_ATTR: &str = "data-e";

fn selection() -> Option<Selection> {
    web_sys::window()?.get_selection().ok()?
}

/// True when the user has selected some text anywhere on the page.
pub fn has_text_selection() -> bool {
    selection().is_some_and(|selection| !selection.is_collapsed())
}

/// Removes the browser's text selection.
pub fn clear_selection() {
    if let Some(selection) = selection() {
        let _ = selection.remove_all_ranges();
    }
}

/// The code-point range of the current text selection within `article`.
///
/// A selection that starts or ends outside the article is clipped to it; one entirely
/// outside, or collapsed, gives `None`. Whitespace is not trimmed here (the model does it).
pub fn selected_range(article: &Element, text: &ArticleText) -> Option<CharRange> {
    let selection = selection()?;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let start = boundary_offset(
        article,
        &range.start_container().ok()?,
        range.start_offset().ok()?,
        text,
    )?;
    let end = boundary_offset(
        article,
        &range.end_container().ok()?,
        range.end_offset().ok()?,
        text,
    )?;
    Some(CharRange::between(start, end)).filter(|range| !range.is_empty())
}

fn offset_attr(element: &Element, name: &str) -> Option<CharOffset> {
    element.get_attribute(name)?.parse().ok().map(CharOffset)
}

/// Maps a DOM boundary point (node, offset) to a code-point offset in the article.
fn boundary_offset(
    article: &Element,
    node: &Node,
    offset: u32,
    text: &ArticleText,
) -> Option<CharOffset> {
    let inside = Range::new().ok()?;
    inside.select_node_contents(article).ok()?;
    match inside.compare_point(node, offset).ok()? {
        order if order < 0 => return Some(CharOffset(0)),
        order if order > 0 => return Some(text.end()),
        _ => {}
    }
    if node.node_type() == Node::TEXT_NODE {
        let segment = node.parent_element()?;
        let start = offset_attr(&segment, START_ATTR)?;
        let utf16 = text.to_utf16(start).0 + offset as usize;
        return Some(text.from_utf16(Utf16Offset(utf16)));
    }
    let element = node.dyn_ref::<Element>()?;
    match element.child_nodes().item(offset) {
        Some(child) => start_of(&child),
        None => offset_attr(element, END_ATTR),
    }
}

/// The code-point start of what a node shows.
fn start_of(node: &Node) -> Option<CharOffset> {
    match node.dyn_ref::<Element>() {
        Some(element) => offset_attr(element, START_ATTR),
        None => offset_attr(&node.parent_element()?, START_ATTR),
    }
}
