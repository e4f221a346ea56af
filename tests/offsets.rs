//! The one conversion between code points and UTF-16, on text that breaks naive code.

mod common;

use annotator::model::offsets::{CharOffset, CharRange, Utf16Offset};
use annotator::model::text::ArticleText;
use common::{find, HARD_TEXT};

#[test]
fn line_endings_are_normalised_to_newline_and_nothing_else_changes() {
    let text = ArticleText::new("a\r\nb\rc\nd\u{0301}");
    assert_eq!(text.as_str(), "a\nb\nc\nd\u{0301}");
    assert_eq!(text.len_chars(), 8);
}

#[test]
fn slices_by_code_points_like_python() {
    let text = ArticleText::new(HARD_TEXT);
    let stored = text.as_str();
    // Python: text[start:end] counts code points, so an emoji is one, a combining mark one.
    for needle in ["🌍📉", "Zoe\u{0301}", "عمر الفاروق", "👩‍👩‍👧", "👍🏽", "End."]
    {
        let range = find(stored, needle);
        assert_eq!(text.slice(range), Some(needle), "slice of {needle}");
    }
}

#[test]
fn converts_utf16_positions_after_astral_characters() {
    let text = ArticleText::new("a😀b");
    assert_eq!(text.len_chars(), 3);
    assert_eq!(text.len_utf16(), 4);
    assert_eq!(text.to_utf16(CharOffset(2)), Utf16Offset(3));
    assert_eq!(text.from_utf16(Utf16Offset(3)), CharOffset(2));
    // Inside the surrogate pair rounds down to the emoji's start.
    assert_eq!(text.from_utf16(Utf16Offset(2)), CharOffset(1));
    // Past the end clamps.
    assert_eq!(text.from_utf16(Utf16Offset(99)), CharOffset(3));
}

#[test]
fn trims_whitespace_including_newlines_and_nbsp() {
    let text = ArticleText::new("  \u{a0}Hello, world\n \t");
    let trimmed = text.trim(text.full_range());
    assert_eq!(text.slice(trimmed), Some("Hello, world"));
    let blank = ArticleText::new("x   y");
    assert!(blank.trim(CharRange::new(1, 4)).is_empty());
}

#[test]
fn lines_cover_everything_but_the_newlines() {
    let text = ArticleText::new("one\n\ntwo 😀\n");
    let lines: Vec<_> = text
        .lines()
        .into_iter()
        .map(|line| text.slice(line).unwrap_or("?"))
        .collect();
    assert_eq!(lines, ["one", "", "two 😀", ""]);
}

#[test]
fn hashes_the_stored_text_as_utf8() {
    let text = ArticleText::new("abc");
    assert_eq!(
        text.sha256_hex(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn out_of_range_slices_are_refused() {
    let text = ArticleText::new("short");
    assert_eq!(text.slice(CharRange::new(2, 9)), None);
    assert_eq!(text.slice(CharRange::new(4, 3)), None);
}

/// Random texts mixing emoji, Arabic, combining marks, CJK and every line ending.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use annotator::model::text::normalise_line_endings;
    use proptest::prelude::*;

    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            " ",
            "é",
            "e\u{0301}",
            "😀",
            "👩‍👩‍👧",
            "ع",
            "مرحبا",
            "中文",
            "\r\n",
            "\r",
            "\n",
            "—",
            "“",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn utf16_round_trips_at_every_code_point(raw in tricky_text()) {
            let text = ArticleText::new(&raw);
            prop_assert_eq!(text.as_str(), normalise_line_endings(&raw));
            let utf16: Vec<u16> = text.as_str().encode_utf16().collect();
            prop_assert_eq!(text.len_utf16(), utf16.len());
            for index in 0..=text.len_chars() {
                let at = CharOffset(index);
                let back = text.from_utf16(text.to_utf16(at));
                prop_assert_eq!(back, at);
                // The UTF-16 prefix decodes to the same code points as the code-point prefix.
                let prefix = String::from_utf16(&utf16[..text.to_utf16(at).0]).unwrap();
                prop_assert_eq!(Some(prefix.as_str()), text.slice(CharRange::new(0, index)));
            }
        }
    }
}
