//! The tokeniser behind the spaCy and CoNLL exports: spaCy's whitespace model, whole
//! emoji and words, and a token boundary at every span edge.

mod common;

use annotator::model::text::ArticleText;
use annotator_formats::tokens::{tokenise, Token};
use common::{find, HARD_TEXT};

/// The text back from the tokens, as spaCy's `Doc(words, spaces)` rebuilds it.
fn rebuild(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|token| format!("{}{}", token.text, if token.ws { " " } else { "" }))
        .collect()
}

fn texts(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().map(|token| token.text.as_str()).collect()
}

/// Every span starts at a token's start and ends at a token's end (what
/// `doc.char_span(start, end)` needs to return a span).
fn assert_on_boundaries(tokens: &[Token], spans: &[(usize, usize)]) {
    for &(start, end) in spans {
        assert!(
            tokens.iter().any(|token| token.start == start),
            "no token starts at {start}: {tokens:?}"
        );
        assert!(
            tokens.iter().any(|token| token.end == end),
            "no token ends at {end}: {tokens:?}"
        );
    }
}

/// Offsets count code points, agree with the token texts and follow each other.
fn assert_consistent(text: &str, tokens: &[Token]) {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    for token in tokens {
        assert_eq!(token.start, at, "{tokens:?}");
        let slice: String = chars[token.start..token.end].iter().collect();
        assert_eq!(slice, token.text);
        assert!(!token.text.is_empty());
        at = token.end + usize::from(token.ws);
    }
    assert_eq!(at, chars.len());
    assert_eq!(rebuild(tokens), text);
}

#[test]
fn a_plain_sentence_splits_into_words_with_trailing_spaces() {
    let tokens = tokenise("The minister said: no.", &[]);
    assert_eq!(texts(&tokens), ["The", "minister", "said", ":", "no", "."]);
    let ws: Vec<bool> = tokens.iter().map(|token| token.ws).collect();
    assert_eq!(ws, [true, true, false, true, false, false]);
    assert_consistent("The minister said: no.", &tokens);
}

#[test]
fn line_breaks_tabs_and_extra_spaces_are_tokens_of_their_own() {
    let text = "a  b\n\nc\td \n e";
    let tokens = tokenise(text, &[]);
    assert_eq!(
        texts(&tokens),
        ["a", " ", "b", "\n", "\n", "c", "\t", "d", "\n", " ", "e"]
    );
    // Only the first space after a word is folded into it.
    assert!(tokens[0].ws && !tokens[1].ws);
    // "d " folds; the space after a line break is a token.
    assert!(tokens[7].ws);
    assert_consistent(text, &tokens);
}

#[test]
fn a_leading_space_is_a_token() {
    let tokens = tokenise(" x", &[]);
    assert_eq!(texts(&tokens), [" ", "x"]);
    assert_consistent(" x", &tokens);
}

#[test]
fn emoji_sequences_and_combining_marks_stay_whole() {
    let text = "Family 👩‍👩‍👧 fine 👍🏽 Zoe\u{0301} 🇫🇷!";
    let tokens = tokenise(text, &[]);
    assert_eq!(
        texts(&tokens),
        ["Family", "👩‍👩‍👧", "fine", "👍🏽", "Zoe\u{0301}", "🇫🇷", "!"]
    );
    assert_consistent(text, &tokens);
}

#[test]
fn a_cut_inside_an_emoji_sequence_splits_it() {
    let text = "👩‍👩‍👧";
    // After the first woman and the zero-width joiner.
    let tokens = tokenise(text, &[(2, 5)]);
    assert_eq!(texts(&tokens), ["👩\u{200d}", "👩\u{200d}👧"]);
    assert_consistent(text, &tokens);
    assert_on_boundaries(&tokens, &[(2, 5)]);
}

#[test]
fn arabic_words_split_at_spaces_and_punctuation() {
    let text = "عمر الفاروق قال: «لم يحدث ذلك».";
    let tokens = tokenise(text, &[]);
    assert_eq!(
        texts(&tokens),
        [
            "عمر",
            "الفاروق",
            "قال",
            ":",
            "«",
            "لم",
            "يحدث",
            "ذلك",
            "»",
            "."
        ]
    );
    assert_consistent(text, &tokens);
}

#[test]
fn span_edges_split_words() {
    let text = "unbelievable";
    let tokens = tokenise(text, &[(2, 6)]);
    assert_eq!(texts(&tokens), ["un", "beli", "evable"]);
    assert_consistent(text, &tokens);
}

#[test]
fn a_span_with_a_space_at_its_edge_keeps_the_space_out_of_the_word_before() {
    // " said" starts at the space; "said " ends after one.
    let text = "He said it";
    let spans = [(2, 7), (3, 8)];
    let tokens = tokenise(text, &spans);
    assert_eq!(texts(&tokens), ["He", " ", "said", " ", "it"]);
    assert_consistent(text, &tokens);
    assert_on_boundaries(&tokens, &spans);
    // A span ending before a space or starting after it keeps spaCy's usual tokens.
    let tokens = tokenise(text, &[(3, 7)]);
    assert_eq!(texts(&tokens), ["He", "said", "it"]);
}

#[test]
fn the_hard_article_tokenises_back_to_itself_with_every_span_on_boundaries() {
    let text = ArticleText::new(HARD_TEXT);
    let text = text.as_str();
    let spans: Vec<(usize, usize)> = [
        "Emissions fell 12% 🌍📉.",
        "Minister Zoe\u{0301} Ferna\u{0301}ndez",
        "عمر الفاروق",
        "«لم يحدث ذلك»",
        "👩‍👩‍👧 said — later — it was fine 👍🏽",
        "fell 12%",
        "🌍📉.”\n\nعمر",
    ]
    .iter()
    .map(|needle| {
        let range = find(text, needle);
        (range.start.0, range.end.0)
    })
    .collect();
    let tokens = tokenise(text, &spans);
    assert_consistent(text, &tokens);
    assert_on_boundaries(&tokens, &spans);
}

#[test]
fn a_million_character_article_tokenises_quickly() {
    let paragraph = "Minister Zoe\u{0301} said “emissions fell 12% 🌍📉” — عمر قال ذلك.\n";
    let text = paragraph.repeat(1_000_000 / paragraph.chars().count() + 1);
    let length = text.chars().count();
    let spans: Vec<(usize, usize)> = (0..length / 100)
        .map(|index| (index * 100 + 3, index * 100 + 50))
        .collect();
    let started = std::time::Instant::now();
    let tokens = tokenise(&text, &spans);
    let elapsed = started.elapsed();
    assert_eq!(rebuild(&tokens), text);
    // Generous for an unoptimised build on a busy machine; quadratic work takes minutes.
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            " ",
            "  ",
            "é",
            "e\u{0301}",
            " \u{0301}",
            "\t\u{0301}",
            "😀",
            "👩‍👩‍👧",
            "👍🏽",
            "ع",
            "مرحبا",
            "中文",
            "\n",
            "\t",
            "—",
            "“",
            ".",
            "12%",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn tokens_rebuild_the_text_and_every_span_is_on_token_boundaries(
            text in tricky_text(),
            raw in prop::collection::vec((0usize..200, 1usize..40), 0..8),
        ) {
            let length = text.chars().count();
            let spans: Vec<(usize, usize)> = raw
                .iter()
                .filter(|_| length > 0)
                .map(|&(start, len)| {
                    let start = start % length;
                    (start, (start + len).min(length))
                })
                .filter(|(start, end)| start < end)
                .collect();
            let tokens = tokenise(&text, &spans);
            assert_consistent(&text, &tokens);
            assert_on_boundaries(&tokens, &spans);
        }
    }
}
