//! Bad input is refused with a message, before it can touch the current work.

use annotator::model::document::default_title;
use annotator::model::intake::{check_text, decode_file, IntakeError, MAX_ARTICLE_BYTES};

#[test]
fn accepts_utf8_text_and_drops_a_byte_order_mark() {
    let bytes = "\u{feff}Héllo “world” 😀".as_bytes();
    assert_eq!(
        decode_file("story.txt", bytes).as_deref(),
        Ok("Héllo “world” 😀")
    );
    assert!(decode_file("NOTES.MD", b"# Title\nBody").is_ok());
    assert!(decode_file("no-extension", b"plain").is_ok());
}

#[test]
fn refuses_empty_and_whitespace_only_articles() {
    assert_eq!(check_text(""), Err(IntakeError::Empty));
    assert_eq!(check_text(" \n\t\u{a0}\r\n"), Err(IntakeError::Empty));
    assert_eq!(decode_file("blank.txt", b"   \n"), Err(IntakeError::Empty));
}

#[test]
fn refuses_binary_files_utf16_and_invalid_utf8() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    assert_eq!(decode_file("photo.txt", png), Err(IntakeError::Binary));
    assert_eq!(
        decode_file("u16.txt", b"\xff\xfeh\x00i\x00"),
        Err(IntakeError::Utf16)
    );
    assert_eq!(
        decode_file("latin1.txt", b"caf\xe9 au lait"),
        Err(IntakeError::NotUtf8 { at: 3 })
    );
}

#[test]
fn refuses_other_file_types_and_oversized_articles() {
    assert_eq!(
        decode_file("report.pdf", b"%PDF-1.7"),
        Err(IntakeError::UnsupportedType {
            extension: "pdf".to_owned()
        })
    );
    let big = "a".repeat(MAX_ARTICLE_BYTES + 1);
    assert_eq!(
        check_text(&big),
        Err(IntakeError::TooLarge {
            bytes: MAX_ARTICLE_BYTES + 1
        })
    );
}

#[test]
fn messages_say_what_to_do() {
    let message = IntakeError::NotUtf8 { at: 3 }.to_string();
    assert!(message.contains("position 3") && message.contains("save it as UTF-8"));
    let message = IntakeError::TooLarge {
        bytes: 6 * 1024 * 1024,
    }
    .to_string();
    assert!(
        message.contains("6.0 MB") && message.contains("5.0 MB limit"),
        "{message}"
    );
}

#[test]
fn titles_come_from_the_first_line_or_the_file_name() {
    assert_eq!(default_title("\n# Big news\nbody", None), "Big news");
    assert_eq!(default_title("  \n", Some("draft.v2.txt")), "draft.v2");
    let long = "word ".repeat(40);
    let title = default_title(&long, None);
    assert!(title.ends_with('…') && title.chars().count() <= 120);
}

#[test]
fn markdown_files_lose_their_markup_and_text_files_keep_everything() {
    use annotator_formats::markdown::article_of;
    let markdown = article_of("Notes.MD", "# Title\n\nSome **bold** text.".to_owned());
    assert_eq!(markdown.text, "Title\n\nSome bold text.");
    assert_eq!(markdown.layout.len(), 1);
    let text = article_of("notes.txt", "# Title\n\nSome **bold** text.".to_owned());
    assert_eq!(text.text, "# Title\n\nSome **bold** text.");
    assert!(text.layout.is_empty());
}

#[test]
fn saved_web_pages_are_known_by_their_extension() {
    use annotator::model::intake::is_page_file;
    assert!(is_page_file("Story.HTML") && is_page_file("a.htm") && is_page_file("b.xhtml"));
    assert!(!is_page_file("notes.md") && !is_page_file("html") && !is_page_file("page.html.txt"));
}
