//! The built-in sample article the app opens on.

use super::document::Document;
use super::text::ArticleText;

/// An original news story with claims, attributed quotes, named sources, Arabic and
/// accented names, curly quotes, an em dash and an emoji.
pub const SAMPLE_TEXT: &str = include_str!("sample_article.txt");

/// The sample article as a document.
pub fn sample_document() -> Document {
    Document {
        annotator: None,
        layout: Default::default(),
        extra: Default::default(),
        id: "sample-valmera-water".to_owned(),
        title: "Valmera says it cut leaking water by a third. Auditors want to see the meters."
            .to_owned(),
        source: Some("Built-in sample article".to_owned()),
        text: ArticleText::new(SAMPLE_TEXT),
    }
}
