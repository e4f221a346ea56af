//! What a screen reader is told after each message: the edit made (tagged, re-labelled,
//! resized, deleted, linked, undone) or the span moved to ("Quote 3 of 12: …"). It is read
//! from the state before and after the message, so every way of doing a thing (a key, a
//! button, a click, the list) is announced the same. Hints that describe a state that has
//! ended go here too.

use super::{AppState, Ends, Msg};
use crate::keymap::Command;
use crate::model::annotations::Annotations;
use crate::model::span::{Span, SpanId};
use crate::model::text::shorten;
use std::rc::Rc;

/// What the state was before a message, as much as telling what it did needs.
pub(super) struct Before {
    annotations: Rc<Annotations>,
    document: String,
    selected: Option<SpanId>,
    /// Some(true) for an undo, Some(false) for a redo.
    undoing: Option<bool>,
}

impl Before {
    pub(super) fn of(state: &AppState, msg: &Msg) -> Self {
        let session = &state.session;
        Self {
            annotations: session.annotations.clone(),
            document: session.document.id.clone(),
            selected: session.selected.clone(),
            undoing: match msg {
                Msg::Command(Command::Undo) => Some(true),
                Msg::Command(Command::Redo) => Some(false),
                _ => None,
            },
        }
    }
}

/// Announces what the message did, and ends the hints whose state has ended.
pub(super) fn after(state: &mut AppState, before: Before) {
    let session = &state.session;
    let edited = !Rc::ptr_eq(&before.annotations, &session.annotations);
    let ended = state
        .notice
        .as_ref()
        .is_some_and(|notice| match notice.ends {
            Ends::Dismissed => false,
            Ends::LinkMode => state.linking.is_none(),
            Ends::NextEdit => edited,
        });
    if ended {
        state.notice = None;
    }
    if before.document != session.document.id {
        return; // another article: its notice says so
    }
    let said = if edited {
        edit(&before.annotations, &session.annotations, before.undoing)
    } else if before.selected != session.selected {
        (session.selected_span()).map(|span| place(&session.annotations, span))
    } else {
        None
    };
    if let Some(text) = said {
        state.spoken.text = text;
        state.spoken.count += 1;
    }
}

/// "Claim: “leaks fell 34%”".
fn named(span: &Span) -> String {
    format!("{}: “{}”", span.label, shorten(&span.text, 80))
}

/// "Quote 3 of 12: “…”": the span's place among the spans of its label.
fn place(annotations: &Annotations, span: &Span) -> String {
    let mut of_label = annotations
        .spans()
        .iter()
        .filter(|other| other.label == span.label);
    let at = of_label.position(|other| other.id == span.id).unwrap_or(0) + 1;
    let total = at + of_label.count();
    format!(
        "{} {at} of {total}: “{}”",
        span.label,
        shorten(&span.text, 80)
    )
}

/// What changed from `old` to `new`, in words; an undo (`Some(true)`) or a redo
/// (`Some(false)`) says so and what it brought back or took away.
fn edit(old: &Annotations, new: &Annotations, undoing: Option<bool>) -> Option<String> {
    let mut ranges = old.differences(new);
    // A span whose label changed is two differences at one range.
    ranges.dedup();
    let gone: Vec<&Span> = (ranges.iter())
        .flat_map(|range| old.at(*range))
        .filter(|span| new.get(&span.id) != Some(*span))
        .collect();
    let came: Vec<&Span> = (ranges.iter())
        .flat_map(|range| new.at(*range))
        .filter(|span| old.get(&span.id) != Some(*span))
        .collect();
    let links = new.relations().len().cmp(&old.relations().len());
    let what = match (&gone[..], &came[..]) {
        ([], []) if links.is_gt() => "Linked.".to_owned(),
        ([], []) if links.is_lt() => "Link removed.".to_owned(),
        ([], []) => return None, // a note or an attribute: its field shows it
        ([], [span]) if undoing.is_some() => format!("{} is back.", named(span)),
        ([span], []) if undoing.is_some() => format!("{} is gone.", named(span)),
        ([], [span]) => format!("Tagged {}", named(span)),
        ([span], []) => format!("Deleted {}", named(span)),
        ([was], [now]) if was.id == now.id && was.label != now.label => {
            format!("Re-labelled as {}", named(now))
        }
        ([was], [now]) if was.id == now.id => format!("Resized {}", named(now)),
        (gone, came) => format!("{} spans changed.", gone.len().max(came.len())),
    };
    Some(match undoing {
        Some(true) => format!("Undone: {what}"),
        Some(false) => format!("Redone: {what}"),
        None => what,
    })
}
