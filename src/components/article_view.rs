//! The article, rendered from the model: one paragraph per line, each split into
//! segments at span boundaries. Text goes in only as text nodes.

use crate::model::document::{BlockKind, Document};
use crate::model::offsets::{CharOffset, CharRange};
use crate::model::schema::{ink_for, Schema};
use crate::model::segments::{Block, Segment};
use crate::model::span::SpanId;
use crate::model::suggestion::Suggestion;
use crate::model::words::Edge;
use crate::web::highlight;
use crate::web::selection::{self, has_text_selection};
use gloo::events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What is drawn over the plain highlights: the selected span (with its boundary handles)
/// and the spans linked to it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Emphasis {
    pub selected: Option<(SpanId, CharRange)>,
    pub linked: Vec<SpanId>,
    /// Where the selected and linked spans are, so a block finds out whether it is
    /// concerned without looking at its segments.
    pub ranges: Vec<CharRange>,
}

impl Emphasis {
    fn touches(&self, block: &Block) -> bool {
        let line = block.range;
        self.ranges
            .iter()
            .any(|range| range.start < line.end && line.start < range.end)
    }
}

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// Compared by pointer first (Rc of an Eq type), so an unchanged article costs nothing.
    pub document: Rc<Document>,
    pub schema: Rc<Schema>,
    pub blocks: Rc<Vec<Rc<Block>>>,
    pub emphasis: Rc<Emphasis>,
    /// Where the reader is looking (the current search match, the selected span, the place
    /// the article was opened at): a long article is drawn from there outwards.
    pub focus: Option<CharOffset>,
    /// Caret mode: the article takes a keyboard caret (it stays read-only).
    pub caret_mode: bool,
    /// Each span's label is written in a chip where it begins.
    pub chips: bool,
    /// Where the bridge finds the `<article>` element.
    pub article_ref: NodeRef,
    /// Fired when a highlight or plain text is clicked: the innermost span under the
    /// pointer, or the next one outwards when clicked again.
    pub on_select: Callback<Option<SpanId>>,
    /// Fired when a boundary handle of the selected span is dropped at an offset.
    pub on_resize: Callback<(Edge, CharOffset)>,
    /// Fired when text is selected with Ctrl (or ⌘) held while a span is selected: the
    /// selection is to become another piece of it.
    pub on_extend: Callback<()>,
    /// Suggestions (`None` while they are worked out), those shown and the current one:
    /// painted over the text after each render (see `paint_suggestions`).
    #[prop_or_default]
    pub suggestions: Option<Rc<Vec<Suggestion>>>,
    #[prop_or_default]
    pub shown: Rc<Vec<usize>>,
    #[prop_or_default]
    pub current: Option<usize>,
}

/// The `<article>` element holding the text and its highlights.
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    // Set when a handle drag ends, so the click that follows does not change the selection.
    let dragged = use_mut_ref(|| false);
    let onclick = {
        let on_select = props.on_select.clone();
        let selected = props.emphasis.selected.as_ref().map(|(id, _)| id.clone());
        let dragged = dragged.clone();
        Callback::from(move |event: MouseEvent| {
            if std::mem::take(&mut *dragged.borrow_mut()) || has_text_selection() {
                return; // the end of a drag, not a click
            }
            let covers: Vec<SpanId> = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| element.closest("mark[data-spans]").ok().flatten())
                .and_then(|mark| mark.get_attribute("data-spans"))
                .map(|ids| ids.split(' ').map(SpanId::new).collect())
                .unwrap_or_default();
            on_select.emit(next_under_pointer(&covers, selected.as_ref()));
        })
    };
    let onmouseup = {
        let (dragged, on_extend) = (dragged.clone(), props.on_extend.clone());
        let selected = props.emphasis.selected.is_some();
        Callback::from(move |event: MouseEvent| {
            if selected && (event.ctrl_key() || event.meta_key()) && has_text_selection() {
                // The click that follows is part of this gesture, not a pick.
                *dragged.borrow_mut() = true;
                on_extend.emit(());
            }
        })
    };
    let drag = use_mut_ref(|| None::<[EventListener; 2]>);
    let onmousedown = {
        let dragged = dragged.clone();
        let (article_ref, document, on_resize) = (
            props.article_ref.clone(),
            props.document.clone(),
            props.on_resize.clone(),
        );
        let selected = props.emphasis.selected.clone();
        Callback::from(move |event: MouseEvent| {
            *dragged.borrow_mut() = false;
            let handle = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .filter(|element| element.class_list().contains("aa-handle"));
            let (Some(handle), Some((_, range))) = (handle, selected.clone()) else {
                return;
            };
            event.prevent_default();
            let edge = if handle.get_attribute("data-edge").as_deref() == Some("start") {
                Edge::Start
            } else {
                Edge::End
            };
            *drag.borrow_mut() = Some(drag_listeners(
                article_ref.clone(),
                document.clone(),
                range,
                edge,
                on_resize.clone(),
                drag.clone(),
            ));
            *dragged.borrow_mut() = true;
        })
    };
    let text_end = props.document.text.len_chars();
    let groups: Vec<&[Rc<Block>]> = props.blocks.chunks(GROUP).collect();
    let drawing = use_state(|| None::<Drawing>);
    let drawn = Drawing::now(drawing.as_ref(), &props.document.id, &groups, props.focus);
    let complete = drawn.groups.iter().all(|drawn| *drawn);
    {
        // The rest of a long article, a step per task, nearest to the focus first: the
        // page stays free for input in between.
        let (drawing, groups) = (drawing.clone(), props.blocks.clone());
        use_effect_with(drawn.clone(), move |drawn| {
            let next = (!complete).then(|| {
                let mut next = drawn.clone();
                let groups: Vec<&[Rc<Block>]> = groups.chunks(GROUP).collect();
                next.draw_near(&groups, drawn.focus);
                // Dropped (cancelled) when a render comes first: that one sets its own.
                gloo::timers::callback::Timeout::new(0, move || drawing.set(Some(next)))
            });
            move || drop(next)
        });
    }
    let groups = groups
        .iter()
        .zip(drawn.groups.iter())
        .map(|(blocks, drawn)| {
            let key = blocks[0].range.start.0;
            if !*drawn {
                return pending(blocks);
            }
            let emphasis = Some(props.emphasis.clone())
                .filter(|emphasis| blocks.iter().any(|block| emphasis.touches(block)));
            html! {
                <Group {key} document={props.document.clone()}
                    schema={props.schema.clone()} blocks={blocks.to_vec()} {emphasis} />
            }
        });
    // In caret mode the article is content-editable only to get a native caret; every
    // attempt to change its text (typing, paste, cut, drop) is refused before the browser
    // acts on it. Yew has no `onbeforeinput`, so the listener is added here.
    {
        let article_ref = props.article_ref.clone();
        use_effect_with((), move |_| {
            let listeners = article_ref.cast::<web_sys::Element>().map(|article| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                let refuse =
                    EventListener::new_with_options(&article, "beforeinput", options, |event| {
                        event.prevent_default();
                    });
                // Input-method composition cannot be cancelled: leaving the field ends it
                // before it writes anything into the article.
                let element = article.clone();
                let composing = EventListener::new(&article, "compositionstart", move |_| {
                    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = element.blur();
                    }
                });
                [refuse, composing]
            });
            move || drop(listeners)
        });
    }
    {
        // Suggestions near the window, painted after every render (a re-drawn block has new
        // text nodes, a group drawn late is there now) and as the reader scrolls: what is
        // painted costs the same in a long article as in a short one.
        let painting = use_mut_ref(|| None::<Painting>);
        let painted = use_mut_ref(Painted::default);
        *painting.borrow_mut() = Some(Painting {
            painted,
            article: props.article_ref.clone(),
            document: props.document.clone(),
            list: props.suggestions.clone(),
            shown: props.shown.clone(),
            current: props.current,
        });
        let on_scroll = painting.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "scroll", move |_| {
                if let Some(painting) = on_scroll.borrow().as_ref() {
                    painting.paint(true);
                }
            });
            move || drop(listener)
        });
        use_effect(move || {
            if let Some(painting) = painting.borrow().as_ref() {
                painting.paint(false);
            }
        });
    }
    let label = if props.caret_mode {
        "Article text (caret mode: arrows move, Shift+arrows select, Esc leaves)"
    } else {
        "Article text"
    };
    html! {
        <article class={classes!("aa-article", props.caret_mode.then_some("is-caret-mode"),
                (!props.chips).then_some("is-chipless"))}
            ref={props.article_ref.clone()} aria-label={label}
            contenteditable={props.caret_mode.then_some("true")}
            spellcheck="false" tabindex="-1"
            data-s="0" data-e={text_end.to_string()} aria-busy={(!complete).then_some("true")}
            {onclick} {onmousedown} {onmouseup}>
            {for groups}
        </article>
    }
}

/// What the suggestions' paint needs: the article and the suggestions as last rendered,
/// and what was painted (each suggestion's index and DOM range), so a repaint reuses the
/// ranges whose text is still there and does nothing when nothing changed.
struct Painting {
    article: NodeRef,
    document: Rc<Document>,
    list: Option<Rc<Vec<Suggestion>>>,
    shown: Rc<Vec<usize>>,
    current: Option<usize>,
    painted: Rc<std::cell::RefCell<Painted>>,
}

#[derive(Default)]
struct Painted {
    /// Each painted suggestion's index, range, and the lengths of its text nodes then.
    ranges: Vec<(usize, web_sys::StaticRange, [u32; 2])>,
    current: Option<usize>,
    /// The text near the window, found when the reader scrolls or another article
    /// opens: after an edit it is where it was (asking the page would force a layout).
    near: Option<(String, CharRange)>,
}

/// The lengths of a range's start and end text nodes (UTF-16 units).
fn node_lengths(range: &web_sys::StaticRange) -> [u32; 2] {
    [range.start_container(), range.end_container()].map(|node| {
        node.dyn_ref::<web_sys::CharacterData>()
            .map_or(0, web_sys::CharacterData::length)
    })
}

/// Still over the text it was made for: its nodes are in the page (an edit may draw a
/// block with new text nodes) and their lengths are those it was made over (a re-drawn
/// block may give a node it keeps other text, leaving the range's offsets stale).
fn still_valid(range: &web_sys::StaticRange, lengths: [u32; 2]) -> bool {
    range.start_container().is_connected()
        && range.end_container().is_connected()
        && node_lengths(range) == lengths
}

impl Painting {
    /// Paints the suggestions shown near the window (`selection::near_view`), dashed by
    /// label (`aa-suggest-quote`, `-source`, `-claim`), and the current one
    /// (`aa-suggest-current`).
    fn paint(&self, scrolled: bool) {
        let Some(article) = self.article.cast::<web_sys::Element>() else {
            return;
        };
        let list = self.list.as_deref().map_or(&[][..], Vec::as_slice);
        let text = &self.document.text;
        let mut painted = self.painted.borrow_mut();
        let id = &self.document.id;
        let near = match &painted.near {
            Some((of, near)) if of == id && !scrolled => Some(*near),
            _ if self.shown.is_empty() => None,
            _ => {
                let near = selection::near_view(&article);
                painted.near = near.map(|near| (id.clone(), near));
                near
            }
        };
        let near_window: Vec<usize> = (self.shown.iter().copied())
            .filter(|at| {
                list.get(*at).is_some_and(|s| {
                    near.is_some_and(|near| s.start < near.end.0 && near.start.0 < s.end)
                })
            })
            .collect();
        let unchanged = painted.current == self.current
            && painted.ranges.len() == near_window.len()
            && (painted.ranges.iter().zip(&near_window))
                .all(|((at, range, lengths), near)| at == near && still_valid(range, *lengths));
        if unchanged {
            return;
        }
        let mut old = std::mem::take(&mut painted.ranges).into_iter().peekable();
        let mut ranges: [Vec<web_sys::StaticRange>; 3] = Default::default();
        for at in near_window {
            // Both in text order: an old range of the same suggestion is reused if valid.
            while old.next_if(|(old, ..)| *old < at).is_some() {}
            let reused =
                old.next_if(|(old, range, lengths)| *old == at && still_valid(range, *lengths));
            let range = match reused {
                Some((_, range, lengths)) => Some((range, lengths)),
                None => (selection::static_range(&article, text, list[at].range())).map(|range| {
                    let lengths = node_lengths(&range);
                    (range, lengths)
                }),
            };
            if let Some((range, lengths)) = range {
                ranges[list[at].kind as usize].push(range.clone());
                painted.ranges.push((at, range, lengths));
            }
        }
        let names = ["aa-suggest-quote", "aa-suggest-source", "aa-suggest-claim"];
        for (name, ranges) in names.iter().zip(ranges) {
            highlight::paint(name, &ranges);
        }
        let current = (self.current.filter(|at| self.shown.contains(at)))
            .and_then(|at| list.get(at))
            .and_then(|suggestion| selection::static_range(&article, text, suggestion.range()));
        highlight::paint("aa-suggest-current", current.as_slice());
        painted.current = self.current;
    }
}

/// Which span a click picks: the innermost under the pointer; when the selected span is
/// under the pointer too, the next one outwards (wrapping), so repeated clicks cycle.
fn next_under_pointer(covers: &[SpanId], selected: Option<&SpanId>) -> Option<SpanId> {
    let position = selected.and_then(|id| covers.iter().position(|cover| cover == id));
    match position {
        Some(0) | None => covers.last().cloned(),
        Some(at) => covers.get(at - 1).cloned(),
    }
}

/// Follows the pointer while a boundary handle is dragged: the would-be span shows as the
/// text selection; on release the new boundary is reported.
fn drag_listeners(
    article_ref: NodeRef,
    document: Rc<Document>,
    range: CharRange,
    edge: Edge,
    on_resize: Callback<(Edge, CharOffset)>,
    drag: Rc<std::cell::RefCell<Option<[EventListener; 2]>>>,
) -> [EventListener; 2] {
    let target = gloo::utils::document();
    let offset_of = {
        let (article_ref, document) = (article_ref.clone(), document.clone());
        move |event: &web_sys::Event| {
            let event = event.dyn_ref::<MouseEvent>()?;
            let article = article_ref.cast::<web_sys::Element>()?;
            selection::offset_at_point(
                &article,
                &document.text,
                event.client_x() as f32,
                event.client_y() as f32,
            )
        }
    };
    let preview = {
        let offset_of = offset_of.clone();
        EventListener::new(&target, "mousemove", move |event| {
            let (Some(offset), Some(article)) =
                (offset_of(event), article_ref.cast::<web_sys::Element>())
            else {
                return;
            };
            let moved = match edge {
                Edge::Start => CharRange::between(offset, range.end),
                Edge::End => CharRange::between(range.start, offset),
            };
            selection::select_range(&article, &document.text, moved);
        })
    };
    let release = EventListener::new(&target, "mouseup", move |event| {
        if let Some(offset) = offset_of(event) {
            on_resize.emit((edge, offset));
        }
        selection::clear_selection();
        // Dropping the listeners ends the drag (deferred: this one is running).
        let drag = drag.clone();
        yew::platform::spawn_local(async move {
            drag.borrow_mut().take();
        });
    });
    [preview, release]
}

/// What the article holds before a step of drawing stops: about this many code points,
/// plus [`SEGMENT_COST`] for each segment (each is an element).
const DRAW_STEP: usize = 10_000;
const SEGMENT_COST: usize = 24;

/// Which groups of blocks are drawn yet. A long article is drawn a step at a time, so no
/// task holds the page for long; until then a group is a [`pending`] box of about its
/// height.
#[derive(Clone, Debug, PartialEq)]
struct Drawing {
    /// The article drawn (a new one starts again).
    article: String,
    groups: Vec<bool>,
    /// The group the drawing goes out from.
    focus: usize,
}

impl Drawing {
    /// What is drawn in this render: what was, and the groups around the focus when its
    /// own is not drawn yet (the focus is drawn at once: a jump lands on text).
    fn now(
        was: Option<&Drawing>,
        article: &str,
        groups: &[&[Rc<Block>]],
        focus: Option<CharOffset>,
    ) -> Drawing {
        let focus = focus
            .map(|at| {
                groups
                    .partition_point(|blocks| blocks[blocks.len() - 1].range.end <= at)
                    .min(groups.len().saturating_sub(1))
            })
            .unwrap_or(0);
        let mut drawing = match was {
            Some(was) if was.article == article && was.groups.len() == groups.len() => Drawing {
                focus,
                ..was.clone()
            },
            _ => Drawing {
                article: article.to_owned(),
                groups: vec![false; groups.len()],
                focus,
            },
        };
        if drawing.groups.get(focus) == Some(&false) {
            drawing.draw_near(groups, focus);
        }
        drawing
    }

    /// Draws the undrawn groups nearest to `focus` (after it first), one step's worth.
    fn draw_near(&mut self, groups: &[&[Rc<Block>]], focus: usize) {
        let mut cost = 0;
        let order =
            (0..groups.len()).flat_map(|distance| [focus + distance, focus.wrapping_sub(distance)]);
        for index in order.filter(|index| *index < groups.len()) {
            if cost >= DRAW_STEP {
                break;
            }
            if !std::mem::replace(&mut self.groups[index], true) {
                cost += groups[index]
                    .iter()
                    .map(|block| block.range.len() + SEGMENT_COST * block.segments.len())
                    .sum::<usize>();
            }
        }
    }
}

/// A group not drawn yet: an empty box of about its height, holding its blocks' offsets
/// (so a position inside it is still found among the article's children).
fn pending(blocks: &[Rc<Block>]) -> Html {
    let (first, last) = (&blocks[0], &blocks[blocks.len() - 1]);
    let lines: usize = blocks
        .iter()
        .map(|block| block.range.len().div_ceil(CHARS_PER_LINE).max(1))
        .sum();
    html! {
        <div key={first.range.start.0} class="aa-pending" aria-hidden="true"
            style={format!("--lines: {lines}; --blocks: {}", blocks.len())}
            data-s={first.range.start.0.to_string()} data-e={last.range.end.0.to_string()}></div>
    }
}

/// How many blocks one [`Group`] holds: an edit renders the groups whose blocks changed,
/// and the article compares a few hundred groups rather than every paragraph.
const GROUP: usize = 32;

#[derive(Properties, PartialEq)]
struct GroupProps {
    document: Rc<Document>,
    schema: Rc<Schema>,
    /// Compared by pointer first: a block an edit did not touch is the same `Rc`.
    blocks: Vec<Rc<Block>>,
    /// Only when it touches one of these blocks (so other groups do not re-render).
    emphasis: Option<Rc<Emphasis>>,
}

/// A run of consecutive blocks, rendered without an element of its own (the article's
/// children stay its blocks).
#[component]
fn Group(props: &GroupProps) -> Html {
    let paragraphs = props
        .blocks
        .iter()
        .filter(|block| !block.range.is_empty())
        .map(|block| {
            let emphasis = props
                .emphasis
                .clone()
                .filter(|emphasis| emphasis.touches(block));
            html! {
                <Paragraph key={block.range.start.0} document={props.document.clone()}
                    schema={props.schema.clone()} block={block.clone()} {emphasis} />
            }
        });
    html! { {for paragraphs} }
}

#[derive(Properties, PartialEq)]
struct ParagraphProps {
    document: Rc<Document>,
    schema: Rc<Schema>,
    block: Rc<Block>,
    /// Only when it touches this paragraph (so others do not re-render).
    emphasis: Option<Rc<Emphasis>>,
}

/// About how many characters a line of the article holds: a block far from the window is
/// not drawn, and takes the height of its estimated lines until it is.
const CHARS_PER_LINE: usize = 80;

/// One line of the article. Re-renders only when its own segments or emphasis change.
#[component]
fn Paragraph(props: &ParagraphProps) -> Html {
    let text = &props.document.text;
    let empty = Emphasis::default();
    let emphasis = props.emphasis.as_deref().unwrap_or(&empty);
    let segments = props.block.segments.iter().map(|segment| {
        let content = text.slice(segment.range).unwrap_or_default().to_owned();
        segment_html(segment, content, &props.schema, emphasis)
    });
    // A heading of the source page is announced as one; the text stays plain.
    let kind = props.block.kind;
    let heading = kind == Some(BlockKind::Heading);
    html! {
        <p class={classes!("aa-block", kind.map(|kind| format!("is-{}", kind.name())))} dir="auto"
            role={heading.then_some("heading")} aria-level={heading.then_some("3")}
            style={format!("--lines: {}", props.block.range.len().div_ceil(CHARS_PER_LINE))}
            data-s={props.block.range.start.0.to_string()}
            data-e={props.block.range.end.0.to_string()}>
            {for segments}
        </p>
    }
}

/// The most nesting levels drawn as separate underlines.
const MAX_UNDERLINES: usize = 4;

/// Each label's underline style, by its place in the schema: with the chip, what tells
/// labels apart without colour (and in forced colours, where backgrounds go).
const LINE_STYLES: [&str; 4] = ["solid", "dashed", "dotted", "double"];

fn handle(edge: &'static str, at: CharOffset) -> Html {
    let label = if edge == "start" {
        "Drag to move the start"
    } else {
        "Drag to move the end"
    };
    html! {
        <span class={classes!("aa-handle", format!("aa-handle-{edge}"))} data-edge={edge}
            data-s={at.0.to_string()} data-e={at.0.to_string()} contenteditable="false"
            title={label} aria-hidden="true"></span>
    }
}

fn segment_html(segment: &Segment, content: String, schema: &Schema, emphasis: &Emphasis) -> Html {
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
    let covers = |id: &SpanId| segment.covers.iter().any(|cover| &cover.id == id);
    let selected = emphasis
        .selected
        .as_ref()
        .filter(|(id, _)| covers(id))
        .map(|(_, range)| *range);
    let linked = emphasis.linked.iter().any(covers);
    let color = schema.color_of(&innermost.label);
    // Spans around the innermost one show as stacked underlines, outermost lowest.
    let outer = &segment.covers[..segment.covers.len() - 1];
    let underlines: Vec<String> = outer
        .iter()
        .take(MAX_UNDERLINES)
        .enumerate()
        .map(|(depth, cover)| {
            format!(
                "inset 0 -{}px 0 color-mix(in srgb, {} 75%, #000)",
                3 * (depth + 1),
                schema.color_of(&cover.label)
            )
        })
        .collect();
    let line = (schema.iter())
        .position(|label| label.name == innermost.label)
        .map_or(LINE_STYLES[0], |at| LINE_STYLES[at % LINE_STYLES.len()]);
    let mut style = format!(
        "--label-color: {color}; --label-ink: {}; --label-line: {line};",
        ink_for(color).0
    );
    if !underlines.is_empty() {
        style.push_str(&format!(
            " box-shadow: {}; padding-bottom: {}px;",
            underlines.join(", "),
            3 * underlines.len()
        ));
    }
    let title = segment
        .covers
        .iter()
        .map(|cover| cover.label.as_str())
        .collect::<Vec<_>>()
        .join(" › ");
    // The labels of the spans that begin here, for the chip (drawn by CSS, so it is not
    // article text).
    let starts: Vec<&str> = (segment.covers.iter())
        .filter(|cover| cover.starts)
        .map(|cover| cover.label.as_str())
        .collect();
    let starts = (!starts.is_empty()).then(|| starts.join(" · "));
    let start_handle = selected
        .filter(|range| range.start == segment.range.start)
        .map(|range| handle("start", range.start));
    let end_handle = selected
        .filter(|range| range.end == segment.range.end)
        .map(|range| handle("end", range.end));
    html! {
        <mark key={start.clone()}
            class={classes!("aa-mark", selected.is_some().then_some("is-selected"),
                linked.then_some("is-linked"), (!outer.is_empty()).then_some("is-nested"),
                innermost.split.then_some("is-split"))}
            data-s={start} data-e={end} data-spans={ids} data-label={innermost.label.clone()}
            data-depth={segment.covers.len().to_string()} data-starts={starts}
            aria-description={title.clone()} {title} {style}>
            {start_handle}{content}{end_handle}
        </mark>
    }
}
