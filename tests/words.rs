//! Word snapping, edge trimming and edge nudging on text that breaks ASCII word rules.
//!
//! Selections are written inline: the two `|` marks are the range's start and end.

use annotator::model::offsets::{CharOffset, CharRange};
use annotator::model::text::ArticleText;
use annotator::model::words::{
    next_grapheme, next_word_end, nudge, prev_grapheme, prev_word_start, snap_to_words, trim_edges,
    Direction, Edge, Step,
};

/// The text without its two `|` marks, and the range they mark.
fn parse(marked: &str) -> (ArticleText, CharRange) {
    let mut clean = String::new();
    let mut marks = Vec::new();
    let mut count = 0;
    for c in marked.chars() {
        if c == '|' {
            marks.push(count);
        } else {
            clean.push(c);
            count += 1;
        }
    }
    assert_eq!(marks.len(), 2, "two | marks in {marked:?}");
    (ArticleText::new(&clean), CharRange::new(marks[0], marks[1]))
}

/// The text with `range` marked by `|`.
fn mark(text: &ArticleText, range: CharRange) -> String {
    let part = |from: usize, to: usize| text.slice(CharRange::new(from, to)).expect("in text");
    format!(
        "{}|{}|{}",
        part(0, range.start.0),
        part(range.start.0, range.end.0),
        part(range.end.0, text.len_chars())
    )
}

/// The text that `snap_to_words` makes of the marked selection.
fn snapped(marked: &str) -> String {
    let (text, range) = parse(marked);
    let snapped = snap_to_words(&text, range);
    assert!(snapped.start <= snapped.end && snapped.end <= text.end());
    text.slice(snapped).expect("in text").to_owned()
}

/// The marked text after nudging, or `None` when the nudge is refused.
fn nudged(marked: &str, edge: Edge, step: Step, direction: Direction) -> Option<String> {
    let (text, range) = parse(marked);
    nudge(&text, range, edge, step, direction).map(|moved| mark(&text, moved))
}

// Snapping a mouse selection.

#[test]
fn a_selection_cutting_a_word_extends_to_the_whole_word() {
    assert_eq!(snapped("The mini|ster sa|id so"), "minister said");
    assert_eq!(snapped("The minister| said| so"), "said");
    assert_eq!(snapped("The |minister| said"), "minister");
}

#[test]
fn accented_words_written_with_combining_marks_are_never_cut() {
    // Starting between the "e" and its accent still takes the whole "Zoé".
    assert_eq!(
        snapped("Minister Zoe|\u{301} Fern|a\u{301}ndez said"),
        "Zoe\u{301} Ferna\u{301}ndez"
    );
    // Ending before the accent takes the accent too.
    assert_eq!(snapped("Minister |Zoe|\u{301} said"), "Zoe\u{301}");
    // Precomposed letters are ordinary letters.
    assert_eq!(snapped("Señora Gon|zál|ez"), "González");
}

#[test]
fn arabic_words_are_extended_and_arabic_quotes_and_stops_trimmed() {
    let text = "قال الوزير عمر الفاروق: «لم يحدث ذلك».";
    // From inside "الوزير" to inside "ذلك".
    let marked = "قال الو|زير عمر الفاروق: «لم يحدث ذ|لك».";
    assert_eq!(parse(marked).0.as_str(), text);
    assert_eq!(snapped(marked), "الوزير عمر الفاروق: «لم يحدث ذلك");
    // The quotation with its guillemets and full stop comes out bare.
    assert_eq!(
        snapped("قال الوزير عمر الفاروق: |«لم يحدث ذلك».|"),
        "لم يحدث ذلك"
    );
    // Arabic comma and question mark are punctuation too.
    assert_eq!(snapped("|هل قال ذلك؟|"), "هل قال ذلك");
    assert_eq!(snapped("|عمر، |ثم"), "عمر");
}

#[test]
fn cjk_text_keeps_its_characters_and_loses_its_punctuation() {
    assert_eq!(snapped("他说|：“我们会赢。”|"), "我们会赢");
    assert_eq!(snapped("|「東京は晴れ」|と言った。"), "東京は晴れ");
    assert_eq!(snapped("彼は|東京、大阪。|"), "東京、大阪");
    assert_eq!(snapped("｛|（全角！）|｝"), "全角");
}

#[test]
fn emoji_sequences_with_zwj_and_skin_tones_are_never_cut() {
    // Starting inside the family (after the first woman) takes the whole family.
    assert_eq!(
        snapped("Family 👩|\u{200D}👩\u{200D}👧 sa|id"),
        "👩\u{200D}👩\u{200D}👧 said"
    );
    // Ending between the thumb and its skin tone takes the skin tone.
    assert_eq!(snapped("it was |fine 👍|🏽."), "fine 👍🏽");
    // Flags are pairs of regional indicators.
    assert_eq!(snapped("in |France 🇫|🇷 now"), "France 🇫🇷");
}

#[test]
fn curly_and_straight_quotes_around_a_selection_are_trimmed() {
    assert_eq!(
        snapped("He said |“Emissions fell 12%.”| Then"),
        "Emissions fell 12%"
    );
    assert_eq!(snapped("|‘Fine,’| she said"), "Fine");
    assert_eq!(snapped("Er sagte |„Nein“|."), "Nein");
    assert_eq!(snapped("Il a dit |« non »|."), "non");
    assert_eq!(snapped("|\"plain\"| and"), "plain");
    assert_eq!(snapped("(|see note 3|)"), "see note 3");
}

#[test]
fn currency_and_percent_signs_stay_with_their_numbers() {
    assert_eq!(snapped("It cost |$4.2 million,| they said"), "$4.2 million");
    assert_eq!(snapped("Emissions fell |12%.|"), "12%");
    assert_eq!(snapped("a |€30| fee"), "€30");
    assert_eq!(snapped("Tag |#climate @user|!"), "#climate @user");
}

#[test]
fn trailing_periods_and_commas_are_trimmed_but_inner_ones_kept() {
    assert_eq!(snapped("|Emissions fell, |he said"), "Emissions fell");
    assert_eq!(snapped("It |ended.|"), "ended");
    assert_eq!(snapped("He |don't| know"), "don't");
    assert_eq!(snapped("He do|n't kn|ow"), "don't know");
    assert_eq!(snapped("rose |3.5 points…|"), "3.5 points");
    // "U.S" stays whole; its final period is an edge like any other.
    assert_eq!(snapped("in the |U.S.|"), "U.S");
    assert_eq!(snapped("the U.|S. econ|omy"), "U.S. economy");
}

#[test]
fn a_selection_of_only_punctuation_and_space_is_empty() {
    for marked in [
        "a| — , “ |b",
        "end|.”|",
        "|!!! ?|",
        "a|   |b",
        "|\n\n|",
        "x|、。|y",
    ] {
        let (text, range) = parse(marked);
        let snapped = snap_to_words(&text, range);
        assert!(snapped.is_empty(), "{marked:?} gave {snapped:?}");
        assert_eq!(snapped.start, snapped.end);
        assert!(snapped.end <= text.end());
    }
}

#[test]
fn a_multi_line_selection_snaps_each_edge_on_its_own_line() {
    assert_eq!(
        snapped("First para|graph ends.\n\nSecond para|graph."),
        "paragraph ends.\n\nSecond paragraph"
    );
    // Blank lines at the edges are trimmed like spaces.
    assert_eq!(snapped("One.|\n\nTwo\n\n|Three"), "Two");
}

#[test]
fn a_backwards_or_overlong_selection_is_ordered_and_clamped() {
    let text = ArticleText::new("The minister said");
    let snapped = snap_to_words(&text, CharRange::new(10, 2));
    assert_eq!(text.slice(snapped), Some("The minister"));
    let snapped = snap_to_words(&text, CharRange::new(14, 99));
    assert_eq!(text.slice(snapped), Some("said"));
}

#[test]
fn a_click_without_a_selection_stays_collapsed() {
    let (text, range) = parse("Minister Zoe||\u{301} said");
    let snapped = snap_to_words(&text, range);
    assert!(snapped.is_empty());
    // Never inside "e" + accent: it moves to the start of the word.
    assert_eq!(snapped.start, CharOffset(9));
}

#[test]
fn trimming_alone_never_extends_the_selection() {
    let (text, range) = parse("The mini|ster, “|said");
    assert_eq!(
        mark(&text, trim_edges(&text, range)),
        "The mini|ster|, “said"
    );
    let (text, range) = parse("|  “Zoe\u{301}.”\n|");
    assert_eq!(mark(&text, trim_edges(&text, range)), "  “|Zoe\u{301}|.”\n");
    let (text, range) = parse("a| … |b");
    assert!(trim_edges(&text, range).is_empty());
}

#[test]
fn snapping_near_the_end_of_a_million_character_article_works() {
    let line = "Minister Zoe\u{301} said: “Emissions fell 12% 🌍📉.” عمر الفاروق قال ذلك.\n";
    let raw = line.repeat(1_000_000 / line.chars().count() + 1);
    let text = ArticleText::new(&raw);
    assert!(text.len_chars() > 1_000_000);
    let line_len = line.chars().count();
    let last_line = text.len_chars() - line_len;
    for offset in 0..200 {
        let start = last_line - line_len + offset % line_len;
        let range = CharRange::new(start, start + line_len / 2);
        let snapped = snap_to_words(&text, range);
        assert!(snapped.start <= snapped.end && snapped.end <= text.end());
    }
    let (start, end) = (last_line + 2, last_line + 11);
    let snapped = snap_to_words(&text, CharRange::new(start, end));
    assert_eq!(text.slice(snapped), Some("Minister Zoe\u{301}"));
}

// Nudging an edge of an existing span.

use Direction::{Backward, Forward};
use Edge::{End, Start};
use Step::{Char, Word};

#[test]
fn nudging_the_end_forward_by_a_word_takes_in_the_next_word() {
    assert_eq!(
        nudged("|Minister| Zoe\u{301}, said", End, Word, Forward).as_deref(),
        Some("|Minister Zoe\u{301}|, said")
    );
    // Whitespace and punctuation are skipped, as Ctrl+Arrow does.
    assert_eq!(
        nudged("|Minister Zoe\u{301}|, “said", End, Word, Forward).as_deref(),
        Some("|Minister Zoe\u{301}, “said|")
    );
}

#[test]
fn nudging_the_end_backward_by_a_word_drops_the_last_word() {
    assert_eq!(
        nudged("|Minister Zoe\u{301} said|", End, Word, Backward).as_deref(),
        Some("|Minister Zoe\u{301}| said")
    );
    assert_eq!(
        nudged("|Emissions fell 12%.”|", End, Word, Backward).as_deref(),
        Some("|Emissions fell 12%|.”")
    );
}

#[test]
fn nudging_the_start_backward_by_a_word_takes_in_the_previous_word() {
    assert_eq!(
        nudged("Minister |said|", Start, Word, Backward).as_deref(),
        Some("|Minister said|")
    );
    assert_eq!(
        nudged("“Emissions fell,” |he| said", Start, Word, Backward).as_deref(),
        Some("“Emissions |fell,” he| said")
    );
    // From inside a word it goes to that word's start.
    assert_eq!(
        nudged("Minister Zo|e\u{301} said|", Start, Word, Backward).as_deref(),
        Some("Minister |Zoe\u{301} said|")
    );
}

#[test]
fn nudging_the_start_forward_by_a_word_drops_the_first_word() {
    assert_eq!(
        nudged("|Minister, Zoe\u{301}| said", Start, Word, Forward).as_deref(),
        Some("Minister, |Zoe\u{301}| said")
    );
}

#[test]
fn nudging_by_a_character_never_splits_a_letter_from_its_combining_mark() {
    assert_eq!(
        nudged("|Zo|e\u{301} said", End, Char, Forward).as_deref(),
        Some("|Zoe\u{301}| said")
    );
    assert_eq!(
        nudged("|Zoe\u{301}| said", End, Char, Backward).as_deref(),
        Some("|Zo|e\u{301} said")
    );
    assert_eq!(
        nudged("|e\u{301}lan|", Start, Char, Forward).as_deref(),
        Some("e\u{301}|lan|")
    );
    assert_eq!(
        nudged("Zoe\u{301}|, said|", Start, Char, Backward).as_deref(),
        Some("Zo|e\u{301}, said|")
    );
}

#[test]
fn nudging_by_a_character_moves_over_a_whole_emoji_sequence() {
    assert_eq!(
        nudged("Family 👩\u{200D}👩\u{200D}👧|said|", Start, Char, Backward).as_deref(),
        Some("Family |👩\u{200D}👩\u{200D}👧said|")
    );
    assert_eq!(
        nudged("|fine |👍🏽.", End, Char, Forward).as_deref(),
        Some("|fine 👍🏽|.")
    );
    assert_eq!(
        nudged("|🇫🇷|🇩🇪", End, Char, Forward).as_deref(),
        Some("|🇫🇷🇩🇪|")
    );
}

#[test]
fn nudging_by_a_word_treats_an_emoji_sequence_as_one_word() {
    assert_eq!(
        nudged("|Family| 👩\u{200D}👩\u{200D}👧 said", End, Word, Forward).as_deref(),
        Some("|Family 👩\u{200D}👩\u{200D}👧| said")
    );
    assert_eq!(
        nudged("fine 👍🏽 |ok|", Start, Word, Backward).as_deref(),
        Some("fine |👍🏽 ok|")
    );
}

#[test]
fn nudging_by_a_word_works_in_arabic_and_cjk() {
    assert_eq!(
        nudged("|قال| الوزير: «لم»", End, Word, Forward).as_deref(),
        Some("|قال الوزير|: «لم»")
    );
    assert_eq!(
        nudged("قال الوزير: «|لم|»", Start, Word, Backward).as_deref(),
        Some("قال |الوزير: «لم|»")
    );
    // Each ideograph is a word of its own for UAX #29 without a dictionary.
    assert_eq!(
        nudged("|我|们会赢。", End, Word, Forward).as_deref(),
        Some("|我们|会赢。")
    );
}

#[test]
fn nudging_may_cross_line_breaks() {
    assert_eq!(
        nudged("|First.|\n\nSecond", End, Word, Forward).as_deref(),
        Some("|First.\n\nSecond|")
    );
    assert_eq!(
        nudged("First.\n\n|Second|", Start, Word, Backward).as_deref(),
        Some("|First.\n\nSecond|")
    );
    assert_eq!(
        nudged("|First|\nSecond", End, Char, Forward).as_deref(),
        Some("|First\n|Second")
    );
}

#[test]
fn nudges_that_would_empty_the_range_are_refused() {
    assert_eq!(nudged("|a|b", End, Char, Backward), None);
    assert_eq!(nudged("|e\u{301}|x", Start, Char, Forward), None);
    assert_eq!(nudged("x|👩\u{200D}👧|", End, Char, Backward), None);
    assert_eq!(nudged("|Minister| Zoe\u{301}", Start, Word, Forward), None);
    assert_eq!(nudged("Said |Minister|", End, Word, Backward), None);
    assert_eq!(
        nudged("Said, |Minister Zoe\u{301}|", Start, Word, Forward),
        Some("Said, Minister |Zoe\u{301}|".to_owned())
    );
}

#[test]
fn nudges_past_the_text_ends_are_refused() {
    assert_eq!(nudged("ab|cd|", End, Char, Forward), None);
    assert_eq!(nudged("|ab|cd", Start, Char, Backward), None);
    assert_eq!(nudged("|The end|.", End, Word, Forward), None);
    assert_eq!(nudged("“ |The| end", Start, Word, Backward), None);
    let text = ArticleText::new("short");
    assert_eq!(
        nudge(&text, CharRange::new(2, 9), End, Char, Backward),
        None
    );
    assert_eq!(nudge(&text, CharRange::new(4, 2), End, Char, Forward), None);
}

// Caret helpers.

#[test]
fn the_caret_moves_by_whole_graphemes() {
    let text = ArticleText::new("Zoe\u{301}👩\u{200D}👧!");
    assert_eq!(next_grapheme(&text, CharOffset(2)), CharOffset(4));
    assert_eq!(next_grapheme(&text, CharOffset(4)), CharOffset(7));
    assert_eq!(prev_grapheme(&text, CharOffset(7)), CharOffset(4));
    assert_eq!(prev_grapheme(&text, CharOffset(4)), CharOffset(2));
    // From inside a cluster it goes to the cluster's edge.
    assert_eq!(next_grapheme(&text, CharOffset(3)), CharOffset(4));
    assert_eq!(prev_grapheme(&text, CharOffset(5)), CharOffset(4));
    // Clamped at both ends.
    assert_eq!(next_grapheme(&text, CharOffset(8)), CharOffset(8));
    assert_eq!(next_grapheme(&text, CharOffset(99)), CharOffset(8));
    assert_eq!(prev_grapheme(&text, CharOffset(0)), CharOffset(0));
}

#[test]
fn the_caret_moves_by_words_skipping_punctuation() {
    let text = ArticleText::new("“Minister Zoe\u{301}, said.”");
    assert_eq!(next_word_end(&text, CharOffset(0)), CharOffset(9));
    assert_eq!(next_word_end(&text, CharOffset(9)), CharOffset(14));
    assert_eq!(next_word_end(&text, CharOffset(14)), CharOffset(20));
    assert_eq!(next_word_end(&text, CharOffset(20)), text.end());
    assert_eq!(prev_word_start(&text, text.end()), CharOffset(16));
    assert_eq!(prev_word_start(&text, CharOffset(16)), CharOffset(10));
    assert_eq!(prev_word_start(&text, CharOffset(12)), CharOffset(10));
    assert_eq!(prev_word_start(&text, CharOffset(1)), CharOffset(0));
    assert_eq!(prev_word_start(&text, CharOffset(99)), CharOffset(16));
}

/// Random texts mixing emoji, Arabic, combining marks, CJK, punctuation and line breaks.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;
    use unicode_segmentation::UnicodeSegmentation;

    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "word",
            " ",
            "e\u{301}",
            "\u{301}",
            "😀",
            "👩\u{200D}👩\u{200D}👧",
            "👍🏽",
            "🇫🇷",
            "ع",
            "مرحبا",
            "中文",
            "\n",
            "—",
            "“",
            "”",
            ",",
            ".",
            "'",
            "$",
            "%",
            "3.5",
            "،",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|parts| parts.concat())
    }

    /// Code-point offsets where a grapheme cluster starts, plus the end of the text.
    fn grapheme_boundaries(text: &ArticleText) -> HashSet<usize> {
        let s = text.as_str();
        let mut boundaries: HashSet<usize> = s
            .grapheme_indices(true)
            .map(|(byte, _)| s[..byte].chars().count())
            .collect();
        boundaries.insert(text.len_chars());
        boundaries
    }

    proptest! {
        #[test]
        fn snapping_stays_in_the_text_on_grapheme_boundaries(
            raw in tricky_text(),
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let text = ArticleText::new(&raw);
            let len = text.len_chars();
            let range = CharRange::new(a % (len + 1), b % (len + 1));
            let snapped = snap_to_words(&text, range);
            prop_assert!(snapped.start <= snapped.end);
            prop_assert!(snapped.end <= text.end());
            let boundaries = grapheme_boundaries(&text);
            prop_assert!(boundaries.contains(&snapped.start.0), "{:?} in {:?}", snapped, raw);
            prop_assert!(boundaries.contains(&snapped.end.0), "{:?} in {:?}", snapped, raw);
            // Snapped ranges are already trimmed and already snapped.
            prop_assert_eq!(trim_edges(&text, snapped), snapped);
            prop_assert_eq!(snap_to_words(&text, snapped), snapped);
        }

        #[test]
        fn nudging_never_empties_or_inverts_a_range(
            raw in tricky_text(),
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let text = ArticleText::new(&raw);
            let len = text.len_chars();
            let range = CharRange::between(CharOffset(a % (len + 1)), CharOffset(b % (len + 1)));
            let snapped = snap_to_words(&text, range);
            let boundaries = grapheme_boundaries(&text);
            for edge in [Start, End] {
                for step in [Char, Word] {
                    for direction in [Backward, Forward] {
                        for input in [range, snapped] {
                            let Some(moved) = nudge(&text, input, edge, step, direction) else {
                                continue;
                            };
                            prop_assert!(moved.start < moved.end, "{:?} from {:?}", moved, input);
                            prop_assert!(moved.end <= text.end());
                            prop_assert_ne!(moved, input);
                            // Only the chosen edge moves.
                            match edge {
                                Start => prop_assert_eq!(moved.end, input.end),
                                End => prop_assert_eq!(moved.start, input.start),
                            }
                            // From grapheme boundaries, a nudge lands on one.
                            if input == snapped {
                                prop_assert!(boundaries.contains(&moved.start.0));
                                prop_assert!(boundaries.contains(&moved.end.0));
                            }
                        }
                    }
                }
            }
        }
    }
}
