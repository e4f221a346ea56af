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
use web_sys::{Element, Node, Range, Selection, StaticRange};

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

/// The last rendered block that starts at or before `offset` (blocks are in order).
fn block_at(article: &Element, offset: CharOffset) -> Option<Element> {
    let blocks = article.children();
    let (mut low, mut high) = (0, blocks.length());
    while low < high {
        let middle = (low + high) / 2;
        let start = offset_attr(&blocks.item(middle)?, START_ATTR)?;
        if start <= offset {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    blocks.item(low.checked_sub(1)?)
}

/// Where the window is in the article, by text rather than pixels (blocks far from the view
/// have estimated heights, so a pixel position moves as they are drawn): the first block
/// still showing at the window's top edge, as its first code point, and how many pixels of
/// it are above the edge. `None` while the article starts below the edge.
pub fn view_anchor(article: &Element) -> Option<(CharOffset, f64)> {
    let blocks = article.children();
    let (mut low, mut high) = (0, blocks.length());
    while low < high {
        let middle = (low + high) / 2;
        if blocks.item(middle)?.get_bounding_client_rect().bottom() > 0.0 {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    let block = blocks.item(low)?;
    let top = block.get_bounding_client_rect().top();
    if low == 0 && top > 0.0 {
        return None;
    }
    Some((offset_attr(&block, START_ATTR)?, -top))
}

/// The text of the blocks from a window's height above the window to two below it: what a
/// reader may reach before a repaint.
pub fn near_view(article: &Element) -> Option<CharRange> {
    let blocks = article.children();
    let height = window_height();
    // The first block whose edge (`bottom` or `top`) is past `limit`.
    let first_past = |limit: f64, bottom: bool| {
        let (mut low, mut high) = (0, blocks.length());
        while low < high {
            let middle = (low + high) / 2;
            let rect = blocks.item(middle)?.get_bounding_client_rect();
            match if bottom { rect.bottom() } else { rect.top() } > limit {
                true => high = middle,
                false => low = middle + 1,
            }
        }
        Some(low)
    };
    let (first, past) = (first_past(-height, true)?, first_past(2.0 * height, false)?);
    let start = offset_attr(&blocks.item(first)?, START_ATTR)?;
    let end = offset_attr(&blocks.item(past.checked_sub(1)?.max(first))?, END_ATTR)?;
    Some(CharRange::between(start, end))
}

/// Scrolls the window back to a [`view_anchor`]. Returns how far it moved (in pixels), or
/// `None` when no block shows `at`.
pub fn scroll_to_anchor(article: &Element, at: CharOffset, within: f64) -> Option<f64> {
    let block = block_at(article, at)?;
    let off = block.get_bounding_client_rect().top() + within;
    if off.abs() >= 1.0 {
        let window = gloo::utils::window();
        window.scroll_to_with_x_and_y(0.0, window.scroll_y().unwrap_or(0.0) + off);
    }
    Some(off)
}

/// Repeats `place` over the next frames until what it scrolled to stays put. Blocks near
/// the window take their real heights as they are drawn (far ones have estimated heights),
/// which can move it. `place` scrolls and returns how far off it was, in pixels, or `None`
/// when there is nothing to place any more. A later call ends an earlier one, and so does
/// the user taking over (a wheel, a touch, a key or a click). Returns false when there was
/// nothing to place at all.
pub async fn settle(mut place: impl FnMut() -> Option<f64>) -> bool {
    thread_local! {
        static LATEST: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let mine = LATEST.with(|latest| {
        latest.set(latest.get().wrapping_add(1));
        latest.get()
    });
    let taken_over = std::rc::Rc::new(std::cell::Cell::new(false));
    let window = gloo::utils::window();
    let _listeners: Vec<gloo::events::EventListener> =
        ["wheel", "touchstart", "keydown", "mousedown"]
            .into_iter()
            .map(|name| {
                let taken_over = taken_over.clone();
                gloo::events::EventListener::new(&window, name, move |_| taken_over.set(true))
            })
            .collect();
    let mut still = 0;
    for round in 0..20 {
        if taken_over.get() || LATEST.with(|latest| latest.get()) != mine {
            break;
        }
        match place() {
            None => return round > 0,
            Some(off) if off.abs() < 1.0 => still += 1,
            Some(_) => still = 0,
        }
        if still == 3 {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(16).await;
    }
    true
}

/// The window's height in CSS pixels.
fn window_height() -> f64 {
    (gloo::utils::window().inner_height().ok())
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0)
}

/// True when `element` is more than a window's height above the window or two below it:
/// too far for a smooth scroll, which would aim at estimated heights.
pub fn is_far(element: &Element) -> bool {
    let (height, rect) = (window_height(), element.get_bounding_client_rect());
    rect.bottom() < -height || rect.top() > 2.0 * height
}

/// Scrolls the window so `element`'s middle is at the window's middle; returns how far off
/// it was, in pixels (`None` once the element has left the page).
pub fn center(element: &Element) -> Option<f64> {
    if !element.is_connected() {
        return None;
    }
    let window = gloo::utils::window();
    let rect = element.get_bounding_client_rect();
    let off = (rect.top() + rect.bottom()) / 2.0 - window_height() / 2.0;
    if off.abs() >= 1.0 {
        window.scroll_to_with_x_and_y(0.0, window.scroll_y().unwrap_or(0.0) + off);
    }
    Some(off)
}

/// The DOM boundary point that shows code-point `offset`: a text node (or element) and an
/// offset in it. The reverse of `boundary_offset`, through the same one conversion.
pub fn dom_point(article: &Element, text: &ArticleText, offset: CharOffset) -> Option<(Node, u32)> {
    let block = block_at(article, offset)?;
    let block_end = offset_attr(&block, END_ATTR)?;
    let offset = offset.min(block_end);
    let segments = block.children();
    let mut found = None;
    for index in 0..segments.length() {
        let segment = segments.item(index)?;
        let (start, end) = (
            offset_attr(&segment, START_ATTR)?,
            offset_attr(&segment, END_ATTR)?,
        );
        if start <= offset && offset <= end {
            found = Some((segment, start));
            if offset < end {
                break;
            }
        }
    }
    let (segment, start) = found?;
    let children = segment.child_nodes();
    let text_node = (0..children.length())
        .filter_map(|index| children.item(index))
        .find(|node| node.node_type() == Node::TEXT_NODE)?;
    let local = text.to_utf16(offset).0 - text.to_utf16(start).0;
    Some((text_node, u32::try_from(local).ok()?))
}

/// A DOM range over the code-point range `range` of the article.
pub fn dom_range(article: &Element, text: &ArticleText, range: CharRange) -> Option<Range> {
    let (start_node, start) = dom_point(article, text, range.start)?;
    let (end_node, end) = dom_point(article, text, range.end)?;
    let dom = Range::new().ok()?;
    dom.set_start(&start_node, start).ok()?;
    dom.set_end(&end_node, end).ok()?;
    Some(dom)
}

/// `dom_range` as a `StaticRange`: the page does not keep it up to date as the DOM changes
/// (a live range costs every change of the article a little), so it is for painting what
/// is drawn now.
pub fn static_range(
    article: &Element,
    text: &ArticleText,
    range: CharRange,
) -> Option<StaticRange> {
    let (start_node, start) = dom_point(article, text, range.start)?;
    let (end_node, end) = dom_point(article, text, range.end)?;
    let init = web_sys::StaticRangeInit::new(&end_node, end, &start_node, start);
    StaticRange::new(&init).ok()
}

/// Makes `range` the browser's text selection (shown as the native selection highlight).
pub fn select_range(article: &Element, text: &ArticleText, range: CharRange) -> bool {
    let (Some(selection), Some(dom)) = (selection(), dom_range(article, text, range)) else {
        return false;
    };
    let _ = selection.remove_all_ranges();
    selection.add_range(&dom).is_ok()
}

/// Puts a collapsed selection (the caret in caret mode) at `offset`.
pub fn place_caret(article: &Element, text: &ArticleText, offset: CharOffset) -> bool {
    select_range(article, text, CharRange::between(offset, offset))
}

/// The code-point offset of the text under the pointer at (`x`, `y`) in the viewport.
pub fn offset_at_point(
    article: &Element,
    text: &ArticleText,
    x: f32,
    y: f32,
) -> Option<CharOffset> {
    let position = gloo::utils::document().caret_position_from_point(x, y)?;
    let node = position.offset_node()?;
    if !article.contains(Some(&node)) {
        return None; // over the panel, the header or a margin: not a place in the text
    }
    boundary_offset(article, &node, position.offset(), text)
}

/// The code-point offset of the caret (the selection's focus) in the article, if it is there.
pub fn caret_offset(article: &Element, text: &ArticleText) -> Option<CharOffset> {
    let selection = selection()?;
    let node = selection.focus_node()?;
    if !article.contains(Some(&node)) {
        return None;
    }
    boundary_offset(article, &node, selection.focus_offset(), text)
}
