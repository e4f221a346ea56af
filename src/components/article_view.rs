//! The article, rendered from the model: one paragraph per line, each split into
//! segments at span boundaries. Text goes in only as text nodes.

use crate::model::document::Document;
use crate::model::label::LabelSet;
use crate::model::segments::{Block, Segment};
use crate::model::span::SpanId;
use crate::web::selection::has_text_selection;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// Compared by pointer first (Rc of an Eq type), so an unchanged article costs nothing.
    pub document: Rc<Document>,
    pub labels: Rc<LabelSet>,
    pub blocks: Rc<Vec<Block>>,
    pub selected: Option<SpanId>,
    /// Where the bridge finds the `<article>` element.
    pub article_ref: NodeRef,
    /// Fired when a highlight (the innermost span under the pointer) or plain text is clicked.
    pub on_select: Callback<Option<SpanId>>,
}

/// The `<article>` element holding the text and its highlights.
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let on_select = props.on_select.clone();
    // One listener for all highlights: the clicked mark names its spans.
    let onclick = Callback::from(move |event: MouseEvent| {
        if has_text_selection() {
            return; // the end of a drag, not a click
        }
        let mark = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("mark[data-spans]").ok().flatten());
        let innermost = mark
            .and_then(|mark| mark.get_attribute("data-spans"))
            .and_then(|ids| ids.split(' ').next_back().map(SpanId::new));
        on_select.emit(innermost);
    });
    let text_end = props.document.text.len_chars();
    let paragraphs = props
        .blocks
        .iter()
        .filter(|block| !block.range.is_empty())
        .map(|block| {
            let selected = props.selected.clone().filter(|id| covers_block(block, id));
            html! {
                <Paragraph key={block.range.start.0} document={props.document.clone()}
                    labels={props.labels.clone()} block={block.clone()} {selected} />
            }
        });
    html! {
        <article class="aa-article" ref={props.article_ref.clone()} aria-label="Article text"
            data-s="0" data-e={text_end.to_string()} {onclick}>
            {for paragraphs}
        </article>
    }
}

fn covers_block(block: &Block, id: &SpanId) -> bool {
    block
        .segments
        .iter()
        .any(|segment| segment.covers.iter().any(|cover| &cover.id == id))
}

#[derive(Properties, PartialEq)]
struct ParagraphProps {
    document: Rc<Document>,
    labels: Rc<LabelSet>,
    block: Block,
    /// The selected span, only when it touches this paragraph (so others do not re-render).
    selected: Option<SpanId>,
}

/// One line of the article. Re-renders only when its own segments or selection change.
#[component]
fn Paragraph(props: &ParagraphProps) -> Html {
    let text = &props.document.text;
    let segments = props.block.segments.iter().map(|segment| {
        let content = text.slice(segment.range).unwrap_or_default().to_owned();
        segment_html(segment, content, &props.labels, props.selected.as_ref())
    });
    html! {
        <p class="aa-block" data-s={props.block.range.start.0.to_string()}
            data-e={props.block.range.end.0.to_string()}>
            {for segments}
        </p>
    }
}

fn segment_html(
    segment: &Segment,
    content: String,
    labels: &LabelSet,
    selected: Option<&SpanId>,
) -> Html {
    let start = segment.range.start.0.to_string();
    let end = segment.range.end.0.to_string();
    let Some(innermost) = segment.covers.last() else {
        return html! { <span key={start.clone()} data-s={start} data-e={end}>{content}</span> };
    };
    let ids = segment
        .covers
        .iter()
        .map(|cover| cover.id.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let is_selected = selected.is_some_and(|id| segment.covers.iter().any(|c| &c.id == id));
    let outer = segment
        .covers
        .first()
        .filter(|_| segment.covers.len() > 1)
        .map(|cover| format!(" --outer-color: {};", labels.color_of(&cover.label)))
        .unwrap_or_default();
    let style = format!(
        "--label-color: {};{outer}",
        labels.color_of(&innermost.label)
    );
    html! {
        <mark key={start.clone()}
            class={classes!("aa-mark", is_selected.then_some("is-selected"),
                (segment.covers.len() > 1).then_some("is-nested"))}
            data-s={start} data-e={end} data-spans={ids} data-label={innermost.label.clone()}
            title={innermost.label.clone()} {style}>
            {content}
        </mark>
    }
}
