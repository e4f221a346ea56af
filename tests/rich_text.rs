//! Web pages and Markdown become plain article text with a layout of headings, quotes,
//! list items and code; the layout is stored, exported and read back.

use annotator::model::document::{kind_at, BlockKind, Styled};
use annotator::model::formats::native;
use annotator::model::offsets::CharRange;
use annotator::model::rich_text::{flatten, Block, LINE_BREAK};
use annotator::model::span::Timestamp;
use annotator::model::web_page::{is_web_address, Extraction, Origin, Page};
use annotator::model::{annotations::Annotations, schema::Schema};
use annotator_formats::markdown;

fn styled(start: usize, end: usize, kind: BlockKind) -> Styled {
    Styled {
        range: CharRange::new(start, end),
        kind,
    }
}

/// What Python's `text[start:end]` gives.
fn slice(text: &str, styled: &Styled) -> String {
    text.chars()
        .skip(styled.range.start.0)
        .take(styled.range.len())
        .collect()
}

#[test]
fn blocks_become_paragraphs_with_a_blank_line_and_their_kinds_in_code_points() {
    let flat = flatten([
        Block::new(Some(BlockKind::Heading), "\n  Café 👩‍👩‍👧 الخبر\t "),
        Block::new(None, "First\n   paragraph,\u{a0}with  spaces."),
        Block::new(None, "   \n\t"),
        Block::new(Some(BlockKind::Quote), "“A quote”"),
        Block::new(
            Some(BlockKind::Item),
            format!("line one{LINE_BREAK}  line two"),
        ),
        Block::new(Some(BlockKind::Code), "\n  let x = 1;\n\n  y()  \n"),
    ]);
    assert_eq!(
        flat.text,
        "Café 👩‍👩‍👧 الخبر\n\nFirst paragraph, with spaces.\n\n“A quote”\n\nline one\nline two\n\n  let x = 1;\n\n  y()"
    );
    let kinds: Vec<_> = flat.layout.iter().map(|styled| styled.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading,
            BlockKind::Quote,
            BlockKind::Item,
            BlockKind::Code
        ]
    );
    let quoted: Vec<_> = flat
        .layout
        .iter()
        .map(|styled| slice(&flat.text, styled))
        .collect();
    assert_eq!(
        quoted,
        [
            "Café 👩‍👩‍👧 الخبر",
            "“A quote”",
            "line one\nline two",
            "  let x = 1;\n\n  y()"
        ]
    );
    assert_eq!(flat.words(), 18);
}

#[test]
fn a_line_finds_the_kind_of_the_block_it_is_in() {
    let layout = [
        styled(0, 5, BlockKind::Heading),
        styled(7, 20, BlockKind::Item),
    ];
    assert_eq!(kind_at(&layout, 0), Some(BlockKind::Heading));
    assert_eq!(kind_at(&layout, 5), None);
    assert_eq!(kind_at(&layout, 7), Some(BlockKind::Item));
    assert_eq!(kind_at(&layout, 12), Some(BlockKind::Item));
    assert_eq!(kind_at(&layout, 20), None);
}

#[test]
fn markdown_keeps_the_text_without_the_markup() {
    let source = "---\ntitle: Front matter\n---\n\
        # The *water* report #\n\n\
        Officials said **34%** of [the water](https://example.org/a \"t\") was _saved_,\n\
        a figure in `code` and snake_case_name, 2 * 3 * 4 \\*not emphasis\\*.\n\n\
        > “It works,” said\n> Dr. Haddad.\n\n\
        - first ![a chart](chart.png)\n  continued\n* [ ] second\n1. third\n\n\
        Setext heading\n===\n\n\
        ***\n\n\
        ```rust\nlet x = **1**;\n```\n\n\
        | a | b |\n|---|---|\n| 1 | 2 |\n\n\
        [ref]: https://example.org\n\
        Line with hard break  \nnext &amp; <em>last</em> <https://example.org/x>\r\n";
    let flat = markdown::to_text(source);
    assert_eq!(
        flat.text,
        "The water report\n\n\
         Officials said 34% of the water was saved, a figure in code and snake_case_name, 2 * 3 * 4 *not emphasis*.\n\n\
         “It works,” said Dr. Haddad.\n\n\
         first a chart continued\n\nsecond\n\nthird\n\n\
         Setext heading\n\n\
         let x = **1**;\n\n\
         a | b\n\n1 | 2\n\n\
         Line with hard break\nnext & last https://example.org/x"
    );
    let kinds: Vec<_> = flat
        .layout
        .iter()
        .map(|styled| (slice(&flat.text, styled), styled.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("The water report".to_owned(), BlockKind::Heading),
            ("“It works,” said Dr. Haddad.".to_owned(), BlockKind::Quote),
            ("first a chart continued".to_owned(), BlockKind::Item),
            ("second".to_owned(), BlockKind::Item),
            ("third".to_owned(), BlockKind::Item),
            ("Setext heading".to_owned(), BlockKind::Heading),
            ("let x = **1**;".to_owned(), BlockKind::Code),
        ]
    );
}

#[test]
fn markdown_without_markup_is_its_own_text() {
    let plain = "A plain paragraph.\n\nAnother one, with 3 - 2 = 1 and an email a@b.org.";
    assert_eq!(markdown::to_text(plain).text, plain);
    assert!(markdown::to_text(plain).layout.is_empty());
}

fn page() -> Page {
    Page {
        title: Some("Water report — The Valmera Times".to_owned()),
        byline: Some("By Layla Haddad".to_owned()),
        published: Some("2026-03-12T08:00:00Z".to_owned()),
        site_name: Some("The Valmera Times".to_owned()),
        lang: Some("en".to_owned()),
        urls: vec![
            "/relative/path".to_owned(),
            "javascript:alert(1)".to_owned(),
            " https://valmera.example/news/water ".to_owned(),
        ],
        article: Some(flatten([
            Block::new(Some(BlockKind::Heading), "Water report"),
            Block::new(None, "The article."),
        ])),
        whole: flatten([Block::new(None, "Menu"), Block::new(None, "The article.")]),
        finder_note: None,
    }
}

#[test]
fn only_absolute_web_addresses_become_the_source() {
    assert_eq!(
        page().source_url().as_deref(),
        Some("https://valmera.example/news/water")
    );
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "https://",
        "http://a b",
        "/x",
        "ftp://x",
    ] {
        assert!(!is_web_address(bad), "{bad}");
    }
    assert!(is_web_address("HTTPS://Example.org/x?y=1"));
}

#[test]
fn a_page_becomes_a_document_with_its_provenance_and_layout() {
    let page = page();
    assert_eq!(page.default_extraction(), Extraction::ArticleOnly);
    let origin = Origin::File {
        name: "water.html".to_owned(),
        modified: Some(Timestamp("2026-03-12T09:00:00.000Z".to_owned())),
    };
    let now = Timestamp("2026-11-24T10:00:00.000Z".to_owned());
    let source = page.source_url().unwrap();
    let document = page.document(
        Extraction::ArticleOnly,
        "  ",
        &source,
        &origin,
        &now,
        "d1".to_owned(),
    );
    assert_eq!(document.text.as_str(), "Water report\n\nThe article.");
    assert_eq!(document.title, "Water report");
    assert_eq!(
        document.source.as_deref(),
        Some("https://valmera.example/news/water")
    );
    assert_eq!(document.layout, [styled(0, 12, BlockKind::Heading)]);
    assert_eq!(
        document.extra["provenance"],
        serde_json::json!({
            "url": "https://valmera.example/news/water",
            "page_title": "Water report — The Valmera Times",
            "byline": "By Layla Haddad",
            "published": "2026-03-12T08:00:00Z",
            "site_name": "The Valmera Times",
            "lang": "en",
            "file": "water.html",
            "file_modified": "2026-03-12T09:00:00.000Z",
            "via": "html_file",
            "extraction": "article",
            "imported": "2026-11-24T10:00:00.000Z",
        })
    );
    let whole = page.document(
        Extraction::WholePage,
        "Mine",
        "",
        &Origin::Clipboard,
        &now,
        "d2".to_owned(),
    );
    assert_eq!(whole.text.as_str(), "Menu\n\nThe article.");
    assert_eq!(whole.title, "Mine");
    assert_eq!(whole.source, None);
    assert_eq!(whole.extra["provenance"]["via"], "clipboard");
    assert_eq!(whole.extra["provenance"]["extraction"], "whole_page");

    // The layout and provenance go out in the native export and come back unchanged.
    let exported = native::export(&document, &Schema::default(), &Annotations::default());
    let json = serde_json::to_value(&exported).unwrap();
    assert_eq!(
        json["document"]["layout"],
        serde_json::json!([{ "start": 0, "end": 12, "kind": "heading" }])
    );
    let back = native::check(exported).unwrap();
    assert_eq!(back.document, document);
}

#[test]
fn a_page_without_an_article_offers_the_whole_page() {
    let page = Page {
        article: None,
        ..page()
    };
    assert_eq!(page.default_extraction(), Extraction::WholePage);
    assert_eq!(
        page.text_of(Extraction::ArticleOnly).text,
        "Menu\n\nThe article."
    );
}

#[test]
fn markdown_keeps_prose_that_only_looks_like_markup() {
    let flat = markdown::to_text(
        "---\n\nA rule opens this text.\n\nSubtitle\n---\n\n[Update]: the story was corrected.\n\nSee [2][3] and [the note][n].\n\n[n]: https://example.org/n \"Note\"\n",
    );
    assert_eq!(
        flat.text,
        "A rule opens this text.\n\nSubtitle\n\n[Update]: the story was corrected.\n\nSee [2][3] and the note."
    );
}

#[test]
fn hostile_markdown_is_read_in_linear_time_without_deep_recursion() {
    // Each of these was quadratic or recursed once per bracket; 200,000 characters would
    // take minutes (or overflow the stack) if they still did.
    let nested = format!("{}a{}", "[".repeat(50_000), "](x)".repeat(50_000));
    for hostile in [
        "<".repeat(200_000),
        "[".repeat(200_000),
        "`".to_owned() + &" a`` b".repeat(40_000),
        " *a".repeat(50_000) + &" a_ ".repeat(50_000),
        nested,
    ] {
        let flat = markdown::to_text(&hostile);
        assert!(!flat.text.is_empty());
    }
}
