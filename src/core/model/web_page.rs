//! A web page (a saved `.html` file or pasted rich text) read into article text: what the
//! page says about itself, the article found in it, and the whole page's text as a
//! fallback when the finder guessed wrong. The reading itself happens in the browser
//! (`web::page`); this is what the app does with the result.

use super::document::{default_title, Document, Extra};
use super::rich_text::Flattened;
use super::span::Timestamp;
use super::text::ArticleText;
use serde_json::{json, Map, Value};

/// What was read from a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The page's own metadata (`og:title`, JSON-LD `headline`, `<title>`, …).
    pub title: Option<String>,
    pub byline: Option<String>,
    /// When the article was published, as the page states it.
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// Where the page lives, best first: `<link rel=canonical>`, `og:url`, JSON-LD `url`,
    /// the "saved from" mark browsers write into saved pages.
    pub urls: Vec<String>,
    /// The article the finder kept, or `None` when it found none.
    pub article: Option<Flattened>,
    /// Every visible text of the page.
    pub whole: Flattened,
    /// Why the finder was not run or gave up, for people.
    pub finder_note: Option<String>,
}

/// Which text of the page becomes the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extraction {
    ArticleOnly,
    WholePage,
}

impl Extraction {
    pub fn name(self) -> &'static str {
        match self {
            Extraction::ArticleOnly => "article",
            Extraction::WholePage => "whole_page",
        }
    }
}

/// How the page reached the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file opened or dropped, with its name and last-modified time (for a saved page:
    /// about when it was retrieved).
    File {
        name: String,
        modified: Option<Timestamp>,
    },
    Clipboard,
}

impl Page {
    /// The first of the page's URLs that is an absolute http(s) address.
    pub fn source_url(&self) -> Option<String> {
        self.urls
            .iter()
            .map(|url| url.trim())
            .find(|url| is_web_address(url))
            .map(str::to_owned)
    }

    /// The extraction offered first: the article when one was found.
    pub fn default_extraction(&self) -> Extraction {
        match &self.article {
            Some(article) if !article.text.is_empty() => Extraction::ArticleOnly,
            _ => Extraction::WholePage,
        }
    }

    pub fn text_of(&self, extraction: Extraction) -> &Flattened {
        match (extraction, &self.article) {
            (Extraction::ArticleOnly, Some(article)) => article,
            _ => &self.whole,
        }
    }

    /// The article to add: `title` and `source` as the user confirmed them, the page's
    /// metadata and how it was read kept in `extra.provenance`.
    pub fn document(
        &self,
        extraction: Extraction,
        title: &str,
        source: &str,
        origin: &Origin,
        now: &Timestamp,
        id: String,
    ) -> Document {
        let flat = self.text_of(extraction);
        let title = match title.trim() {
            "" => default_title(&flat.text, None),
            title => title.to_owned(),
        };
        let source = match (source.trim(), origin) {
            ("", Origin::File { name, .. }) => Some(name.clone()),
            ("", Origin::Clipboard) => None,
            (source, _) => Some(source.to_owned()),
        };
        let mut extra = Extra::new();
        extra.insert(
            "provenance".to_owned(),
            self.provenance(extraction, origin, now),
        );
        Document {
            annotator: None,
            id,
            title,
            source,
            text: ArticleText::new(&flat.text),
            extra,
            layout: flat.layout.clone(),
        }
    }

    fn provenance(&self, extraction: Extraction, origin: &Origin, now: &Timestamp) -> Value {
        let mut record = Map::new();
        let mut put = |key: &str, value: Option<&String>| {
            if let Some(value) = value.filter(|value| !value.trim().is_empty()) {
                record.insert(key.to_owned(), json!(value.trim()));
            }
        };
        put("url", self.source_url().as_ref());
        put("page_title", self.title.as_ref());
        put("byline", self.byline.as_ref());
        put("published", self.published.as_ref());
        put("site_name", self.site_name.as_ref());
        put("lang", self.lang.as_ref());
        match origin {
            Origin::File { name, modified } => {
                put("file", Some(name));
                put("file_modified", modified.as_ref().map(|time| &time.0));
            }
            Origin::Clipboard => {}
        }
        let via = match origin {
            Origin::File { .. } => "html_file",
            Origin::Clipboard => "clipboard",
        };
        record.insert("via".to_owned(), json!(via));
        record.insert("extraction".to_owned(), json!(extraction.name()));
        record.insert("imported".to_owned(), json!(now.0));
        Value::Object(record)
    }
}

/// An absolute http(s) address without spaces or control characters: the only kind of
/// URL kept from a page (never `javascript:` or `data:`).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > lower.find("//").map_or(0, |at| at + 2)
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}
