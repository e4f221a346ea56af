//! The root's dealings with the page: focus, scrolling, the caret, search paint. Called by
//! the effect runner; no state here.

use super::state::Search;
use crate::model::document::Document;
use crate::model::offsets::{CharOffset, CharRange};
use crate::model::text::ArticleText;
use crate::storage::Place;
use crate::web::{highlight, selection};
use wasm_bindgen::JsCast;
use yew::NodeRef;

/// Runs `then` once the render caused by the current message has reached the page. Yew's
/// scheduler runs in the futures queue (microtasks), and this is queued after it: it runs
/// before the browser takes the next key, which a timer would not (input goes first).
pub fn after_render(then: impl FnOnce() + 'static) {
    yew::platform::spawn_local(async move { then() });
}

/// True when a key press belongs to a text field, not to the app. The article in caret
/// mode is editable only for its caret: its keys are the app's.
pub fn typed_in_field(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| {
            // In caret mode the target is the article or the text element holding the caret.
            let in_article = element.closest(".aa-article").ok().flatten().is_some();
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || (element.is_content_editable() && !in_article)
        })
}

/// True when no control has the focus (the page or the article has it), so Tab can move
/// between spans instead of between controls.
pub fn focus_is_free() -> bool {
    gloo::utils::document()
        .active_element()
        .is_none_or(|element| {
            matches!(element.tag_name().as_str(), "BODY" | "HTML")
                || element.class_list().contains("aa-article")
        })
}

/// Focuses the control with this id (the first field of a fieldset); false when there is
/// none.
pub fn focus(id: &str) -> bool {
    let element = gloo::utils::document().get_element_by_id(id);
    let target = element.and_then(|element| {
        if element.tag_name() == "FIELDSET" {
            element.query_selector("select, input").ok().flatten()
        } else {
            Some(element)
        }
    });
    match target.and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(target) => target.focus().is_ok(),
        None => false,
    }
}

/// Scrolls the span starting at `start` so its first segment is in the middle of the view.
pub fn scroll_to_span(start: CharOffset) {
    // Segments are cut at every span start, so exactly one segment starts there.
    let query = format!("article mark[data-s=\"{}\"]", start.0);
    let Some(mark) = gloo::utils::document()
        .query_selector(&query)
        .ok()
        .flatten()
    else {
        return;
    };
    if selection::is_far(&mark) {
        // Far away: a smooth scroll would aim at where estimated heights put the span
        // (blocks far from the window are not drawn) and miss it. The jump is instant and
        // kept on the span while the blocks around it are drawn.
        yew::platform::spawn_local(async move {
            selection::settle(move || {
                let mark = gloo::utils::document().query_selector(&query).ok()??;
                selection::center(&mark)
            })
            .await;
        });
    } else {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        mark.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Paints the search matches (and the current one), and scrolls the current one into view.
pub fn paint_search(
    article_ref: &NodeRef,
    document: &Document,
    search: Option<&Search>,
    scroll: bool,
) {
    let Some(article) = article_ref.cast::<web_sys::Element>() else {
        return;
    };
    let text = &document.text;
    let (matches, current) = match search {
        Some(open) => (open.matches.as_slice(), open.current),
        None => (&[][..], None),
    };
    let ranges: Vec<web_sys::Range> = matches
        .iter()
        .filter_map(|range| selection::dom_range(&article, text, *range))
        .collect();
    highlight::paint("aa-search", &ranges);
    let current = current.and_then(|at| matches.get(at));
    let current_range = current.and_then(|range| selection::dom_range(&article, text, *range));
    highlight::paint("aa-search-current", current_range.as_slice());
    let element = current_range
        .filter(|_| scroll)
        .and_then(|range| range.start_container().ok())
        .and_then(|node| node.parent_element());
    if let Some(element) = element {
        // Kept in the middle while the blocks around it are drawn (see `selection::settle`).
        yew::platform::spawn_local(async move {
            selection::settle(move || selection::center(&element)).await;
        });
    }
}

/// Scrolls the window back to a remembered place: to its block (kept there while the
/// blocks near it take their real heights), or else to its pixels.
pub async fn set_scroll(article: NodeRef, place: Place) {
    let anchored = match place.anchor {
        Some((at, within)) => {
            selection::settle(|| {
                let element = article.cast::<web_sys::Element>()?;
                selection::scroll_to_anchor(&element, CharOffset(at), within)
            })
            .await
        }
        None => false,
    };
    if !anchored {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, place.scroll);
    }
}

/// Focuses the article and puts its caret at `at`, or at the top left of the window.
pub fn enter_caret(article: &web_sys::Element, text: &ArticleText, at: Option<CharOffset>) {
    if let Some(element) = article.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
    let at = at
        .or_else(|| first_visible_offset(article, text))
        .unwrap_or(CharOffset(0));
    selection::place_caret(article, text, at);
}

/// The offset of the text at the top left of the visible part of the article.
fn first_visible_offset(article: &web_sys::Element, text: &ArticleText) -> Option<CharOffset> {
    let rect = article.get_bounding_client_rect();
    // Below the sticky label bar (and the search bar), which cover the top of the view.
    let bars = gloo::utils::document()
        .query_selector_all(".aa-label-bar, .aa-search")
        .ok()
        .map(|bars| {
            (0..bars.length())
                .filter_map(|index| bars.item(index))
                .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
                .map(|bar| bar.get_bounding_client_rect().bottom())
                .fold(0.0, f64::max)
        })
        .unwrap_or(0.0);
    let y = rect.top().max(bars) as f32 + 12.0;
    let x = rect.left() as f32 + 4.0;
    selection::offset_at_point(article, text, x, y)
}

/// Asks the browser to keep this site's storage when space runs short; true if it will.
pub async fn persist() -> bool {
    let Ok(promise) = gloo::utils::window().navigator().storage().persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}

/// Paints a gold article's open disagreements by how far the annotators agree
/// (`aa-agree-some`, `aa-agree-one`) and the current one (`aa-cluster-current`), in the
/// blocks drawn now. `clusters` are each cluster's range and level name.
pub fn paint_clusters(
    article_ref: &NodeRef,
    document: &Document,
    clusters: &[(CharRange, &'static str)],
    current: Option<CharRange>,
) {
    let Some(article) = article_ref.cast::<web_sys::Element>() else {
        return;
    };
    let text = &document.text;
    for level in ["some", "one"] {
        let ranges: Vec<web_sys::Range> = (clusters.iter())
            .filter(|(_, name)| *name == level)
            .filter_map(|(range, _)| selection::dom_range(&article, text, *range))
            .collect();
        highlight::paint(&format!("aa-agree-{level}"), &ranges);
    }
    let current = current.and_then(|range| selection::dom_range(&article, text, range));
    highlight::paint("aa-cluster-current", current.as_slice());
}
