//! The selection bridge in a real browser: DOM ranges over the rendered article, with
//! emoji and Arabic, become the code-point ranges Python would use.
//! Runs under wasm-bindgen-test in headless Chromium (`make test-browser`).
#![cfg(target_arch = "wasm32")]

use annotator::components::article_view::{ArticleView, Emphasis};
use annotator::model::document::Document;
use annotator::model::offsets::CharRange;
use annotator::model::segments::blocks;
use annotator::model::span::{SpanId, Timestamp};
use annotator::model::text::ArticleText;
use annotator::state::{Action, Session};
use annotator::web::selection::{select_range, selected_range};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "Minister Zoe\u{0301} said: “Emissions fell 12% 🌍📉 since 2019.”\r\n\r\nعمر الفاروق قال: «لم يحدث ذلك» 👩‍👩‍👧 family.\nLast line.";

fn session() -> Session {
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "t".to_owned(),
        title: "t".to_owned(),
        source: None,
        text: ArticleText::new(TEXT),
        annotator: None,
    };
    let mut session = Session::new(document, Default::default());
    // A span so that some text sits in <mark> segments, some in plain ones.
    session.apply(Action::Tag {
        id: SpanId::new("q"),
        label: "Quote".to_owned(),
        range: find(session.document.text.as_str(), "Emissions fell 12% 🌍📉"),
        exact: false,
        now: Timestamp("t".to_owned()),
    });
    session
}

fn find(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    session: Rc<Session>,
}

#[component]
fn Harness(props: &HarnessProps) -> Html {
    let session = &props.session;
    html! {
        <>
            <h2 class="outside-before">{"Heading outside the article"}</h2>
            <ArticleView document={session.document.clone()}
                schema={session.schema.clone()}
                blocks={Rc::new(blocks(&session.document, &session.annotations))}
                emphasis={Rc::new(Emphasis::default())} focus={None} caret_mode={false} chips={true}
                article_ref={NodeRef::default()}
                on_select={Callback::noop()} on_resize={Callback::noop()} on_extend={Callback::noop()} />
            <p class="outside-after">{"Text after the article"}</p>
        </>
    }
}

/// Renders the article into a fresh root and waits until it is in the page.
async fn render(session: Rc<Session>) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { session }).render();
    for _ in 0..500 {
        if let Ok(Some(article)) = root.query_selector("article") {
            if article.child_element_count() > 0 {
                return article;
            }
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    panic!("the article never rendered");
}

/// Every text node under `root`, in document order.
fn text_nodes(root: &Node) -> Vec<Node> {
    let mut found = Vec::new();
    let children = root.child_nodes();
    for index in 0..children.length() {
        let child = children.item(index).expect("child");
        if child.node_type() == Node::TEXT_NODE {
            found.push(child);
        } else {
            found.extend(text_nodes(&child));
        }
    }
    found
}

/// The DOM point just before the first occurrence of `needle` (or just after, with
/// `after`), found the way the browser counts: UTF-16 in the text node that holds it.
fn point_of(article: &Element, needle: &str, after: bool) -> (Node, u32) {
    for node in text_nodes(article) {
        let content = js_sys::JsString::from(node.text_content().unwrap_or_default());
        let at = content.index_of(needle, 0);
        if at >= 0 {
            let width = js_sys::JsString::from(needle).length() as i32;
            let offset = if after { at + width } else { at };
            return (node, offset as u32);
        }
    }
    panic!("{needle} not rendered");
}

fn select(start: (Node, u32), end: (Node, u32)) {
    let document = gloo::utils::document();
    let range = document.create_range().expect("range");
    range.set_start(&start.0, start.1).expect("start");
    range.set_end(&end.0, end.1).expect("end");
    let selection = gloo::utils::window()
        .get_selection()
        .expect("api")
        .expect("selection");
    selection.remove_all_ranges().expect("clear");
    selection.add_range(&range).expect("add");
}

#[wasm_bindgen_test]
async fn selection_after_astral_emoji_maps_to_code_points() {
    let session = Rc::new(session());
    let article = render(session.clone()).await;
    let text = &session.document.text;
    // In one text node, after a ZWJ emoji sequence: 5 code points, 8 UTF-16 units.
    select(
        point_of(&article, "family", false),
        point_of(&article, "family", true),
    );
    let range = selected_range(&article, text).expect("a range");
    assert_eq!(range, find(text.as_str(), "family"));
    assert_eq!(text.slice(range), Some("family"));
    // In the plain segment right after a highlight that holds emoji.
    select(
        point_of(&article, "since", false),
        point_of(&article, "2019", true),
    );
    let range = selected_range(&article, text).expect("a range");
    assert_eq!(text.slice(range), Some("since 2019"));
}

#[wasm_bindgen_test]
async fn selection_across_highlight_and_paragraphs_in_arabic_maps_to_code_points() {
    let session = Rc::new(session());
    let article = render(session.clone()).await;
    let text = &session.document.text;
    // From inside the highlighted quote, over two line breaks, into the Arabic sentence.
    select(
        point_of(&article, "12%", false),
        point_of(&article, "الفاروق", true),
    );
    let range = selected_range(&article, text).expect("a range");
    let expected = find(text.as_str(), "12% 🌍📉 since 2019.”\n\nعمر الفاروق");
    assert_eq!(range, expected);
    // And within the Arabic, ending after the family emoji (a ZWJ sequence).
    select(
        point_of(&article, "«", false),
        point_of(&article, "👩‍👩‍👧", true),
    );
    let range = selected_range(&article, text).expect("a range");
    assert_eq!(text.slice(range), Some("«لم يحدث ذلك» 👩‍👩‍👧"));
}

#[wasm_bindgen_test]
async fn selection_reaching_outside_the_article_is_clipped_and_one_outside_is_ignored() {
    let session = Rc::new(session());
    let article = render(session.clone()).await;
    let text = &session.document.text;
    // This test's own root: every test renders a fresh one into the same page.
    let root = article.parent_element().expect("root");
    let outside = |class: &str| -> Node {
        let found = root.query_selector(&format!(".{class}")).expect("query");
        found.expect("outside element").into()
    };
    let (before, after) = (outside("outside-before"), outside("outside-after"));
    select((before.clone(), 0), point_of(&article, "Minister", true));
    assert_eq!(
        selected_range(&article, text),
        Some(find(text.as_str(), "Minister"))
    );
    select(point_of(&article, "Last", false), (after.clone(), 1));
    assert_eq!(
        selected_range(&article, text),
        Some(find(text.as_str(), "Last line."))
    );
    select((after.clone(), 0), (after, 1));
    assert_eq!(selected_range(&article, text), None);
}

#[wasm_bindgen_test]
async fn selection_with_element_boundaries_covers_whole_paragraphs() {
    let session = Rc::new(session());
    let article = render(session.clone()).await;
    let text = &session.document.text;
    let paragraphs = article.query_selector_all("p").expect("paragraphs");
    let second: Node = paragraphs.item(1).expect("second paragraph");
    let count = second.child_nodes().length();
    select((second.clone(), 0), (second, count));
    let range = selected_range(&article, text).expect("a range");
    assert_eq!(
        text.slice(range),
        Some("عمر الفاروق قال: «لم يحدث ذلك» 👩‍👩‍👧 family.")
    );
    // A paragraph element as seen by a triple click: from its start to the next one's start.
    let first: Node = paragraphs.item(0).expect("first").dyn_into().expect("node");
    let third: Node = paragraphs.item(2).expect("third");
    select((first, 0), (third, 0));
    let range = selected_range(&article, text).expect("a range");
    assert!(text.slice(range).expect("slice").ends_with("👩‍👩‍👧 family.\n"));
}

#[wasm_bindgen_test]
async fn code_point_ranges_become_dom_selections_that_read_back_the_same() {
    let session = Rc::new(session());
    let article = render(session.clone()).await;
    let text = &session.document.text;
    // The other direction of the one conversion (search hits, caret, drag preview):
    // across highlights, after astral emoji and ZWJ sequences, in Arabic, over line breaks.
    for needle in [
        "family",
        "12% 🌍📉 since 2019.”\n\nعمر الفاروق",
        "«لم يحدث ذلك» 👩‍👩‍👧",
        "Last line.",
    ] {
        let range = find(text.as_str(), needle);
        assert!(select_range(&article, text, range), "{needle} selected");
        let selection = gloo::utils::window()
            .get_selection()
            .expect("api")
            .expect("selection");
        let shown: String = selection.to_string().into();
        assert_eq!(shown.replace("\n\n", "\n"), needle.replace("\n\n", "\n"));
        assert_eq!(selected_range(&article, text), Some(range), "{needle}");
    }
}
