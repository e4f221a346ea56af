//! Texts and helpers shared by the native tests.
#![allow(dead_code)]

use annotator::model::offsets::CharRange;
use annotator::model::span::{SpanId, Timestamp};
use annotator::state::{Action, Session};

/// Emoji (astral, with ZWJ and skin tone), Arabic, combining marks and CRLF line endings.
pub const HARD_TEXT: &str = "Minister Zoe\u{0301} Ferna\u{0301}ndez: “Emissions fell 12% 🌍📉.”\r\n\r\nعمر الفاروق قال: «لم يحدث ذلك».\r\nFamily 👩‍👩‍👧 said — later — it was fine 👍🏽.\rEnd.";

/// The code-point range of the first occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

pub fn at(time: &str) -> Timestamp {
    Timestamp(time.to_owned())
}

/// Tags exactly `needle` in the session's text with `label`, as the UI does with word
/// snapping off.
pub fn tag(session: &mut Session, id: &str, label: &str, needle: &str) {
    let range = find(session.document.text.as_str(), needle);
    session.apply(Action::Tag {
        id: SpanId::new(id),
        label: label.to_owned(),
        range,
        exact: true,
        now: at("2026-11-24T10:00:00.000Z"),
    });
}
