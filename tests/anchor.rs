//! Re-anchoring: a span whose offsets no longer fit its article is found again by its
//! quote, context and old position, or fuzzily after small edits; otherwise not at all.

use annotator::model::offsets::{CharOffset, CharRange};
use annotator::model::text::ArticleText;
use annotator_formats::anchor::{Anchorer, Found, LineEndingMap, Selector};

fn find(text: &str, selector: Selector) -> Option<(String, Found)> {
    let text = ArticleText::new(text);
    let anchorer = Anchorer::new(&text);
    anchorer
        .find(&selector)
        .map(|(range, found)| (text.slice(range).expect("in range").to_owned(), found))
}

#[test]
fn a_quote_at_its_offsets_stays_there() {
    let selector = Selector {
        quote: "fell",
        hint: Some(CharRange::new(10, 14)),
        ..Default::default()
    };
    let text = ArticleText::new("Emissions fell 12% 🌍.");
    let (range, found) = Anchorer::new(&text).find(&selector).expect("found");
    assert_eq!((range, found), (CharRange::new(10, 14), Found::InPlace));
}

#[test]
fn a_quote_after_an_inserted_emoji_is_found_one_code_point_later() {
    let text = ArticleText::new("🌍 Emissions fell 12%.");
    let selector = Selector {
        quote: "fell",
        hint: Some(CharRange::new(10, 14)),
        ..Default::default()
    };
    let (range, found) = Anchorer::new(&text).find(&selector).expect("found");
    assert_eq!((range, found), (CharRange::new(12, 16), Found::Moved));
}

#[test]
fn a_repeated_quote_is_told_apart_by_its_prefix_and_suffix() {
    let text = "He said no. Later, the minister said no to the plan. She said no.";
    let selector = Selector {
        quote: "said no",
        prefix: "the minister ",
        suffix: " to the plan",
        hint: None,
    };
    let text_chars = ArticleText::new(text);
    let (range, _) = Anchorer::new(&text_chars).find(&selector).expect("found");
    assert_eq!(range.start.0, text.find("said no to").expect("there"));
}

#[test]
fn a_repeated_quote_without_context_goes_to_the_occurrence_nearest_its_old_place() {
    let text = ArticleText::new("no. no. no. no. no.");
    let selector = Selector {
        quote: "no.",
        hint: Some(CharRange::new(11, 14)),
        ..Default::default()
    };
    let (range, found) = Anchorer::new(&text).find(&selector).expect("found");
    assert_eq!((range, found), (CharRange::new(12, 15), Found::Moved));
}

#[test]
fn a_quote_with_a_corrected_typo_is_found_fuzzily() {
    let found = find(
        "Intro. The minister said emissions fell by 12 percent last year. End.",
        Selector {
            quote: "emisions fell by 12 percent",
            hint: Some(CharRange::new(25, 52)),
            ..Default::default()
        },
    );
    assert_eq!(
        found,
        Some((
            "emissions fell by 12 percent".to_owned(),
            Found::Fuzzy { edits: 1 }
        ))
    );
}

#[test]
fn a_quote_in_arabic_with_a_changed_word_is_found_fuzzily() {
    let found = find(
        "مقدمة. قال عمر الفاروق إن ذلك لم يحدث أبدا. النهاية.",
        Selector {
            quote: "قال عمر الفاروق إن ذلك لم يحصل أبدا",
            hint: None,
            ..Default::default()
        },
    );
    let (quote, how) = found.expect("found");
    assert_eq!(quote, "قال عمر الفاروق إن ذلك لم يحدث أبدا");
    assert!(matches!(how, Found::Fuzzy { edits } if edits <= 3));
}

#[test]
fn a_long_quote_with_edits_inside_is_found_by_its_head_and_tail() {
    let middle = "word ".repeat(80);
    let quote = format!("The report begins here. {middle}And it ends there.");
    let edited = quote.replace("word word word", "term word word");
    let text = format!("Preface. {edited} Afterword.");
    let (found, how) = find(
        &text,
        Selector {
            quote: &quote,
            ..Default::default()
        },
    )
    .expect("found");
    assert_eq!(found, edited);
    assert!(matches!(how, Found::Fuzzy { .. }));
}

#[test]
fn a_quote_that_is_gone_is_not_guessed() {
    assert_eq!(
        find(
            "A completely different article about the weather.",
            Selector {
                quote: "emissions fell by 12 percent",
                hint: Some(CharRange::new(3, 31)),
                ..Default::default()
            }
        ),
        None
    );
    // Short quotes are never matched fuzzily.
    assert_eq!(
        find(
            "cat",
            Selector {
                quote: "cut",
                ..Default::default()
            }
        ),
        None
    );
}

#[test]
fn offsets_into_a_crlf_text_map_to_the_stored_text() {
    let raw = "ab\r\ncd\r\n\r\nef\rg";
    let stored = ArticleText::new(raw);
    let map = LineEndingMap::new(raw);
    let raw_chars: Vec<char> = raw.chars().collect();
    let e = raw_chars.iter().position(|&c| c == 'e').expect("e");
    assert_eq!(
        map.map(e),
        CharOffset(stored.as_str().find('e').expect("e"))
    );
    assert_eq!(map.map(raw_chars.len()), stored.end());
    assert_eq!(map.map(0), CharOffset(0));
}
