//! Checks an incoming article (a file's bytes or pasted text) before it may replace the
//! current one. Every refusal is a value with a message a user can act on.

use super::document::{default_title, Document};
use super::rich_text::Flattened;
use super::text::ArticleText;
use std::fmt;

/// The largest article accepted, in bytes of UTF-8 (5 MiB: about 800,000 words).
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;

/// File extensions accepted as articles: plain text and Markdown (read here), and saved
/// web pages (`PAGE_EXTENSIONS`, read by the browser's parser in `web::page`).
pub const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// File extensions of saved web pages.
pub const PAGE_EXTENSIONS: [&str; 3] = ["html", "htm", "xhtml"];

/// Whether a file name is a saved web page.
pub fn is_page_file(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        PAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
    })
}

/// Whether a file name is a Markdown file (its markup is read in the worker).
pub fn is_markdown_file(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        matches!(extension.to_ascii_lowercase().as_str(), "md" | "markdown")
    })
}

/// The article a text or Markdown file becomes: titled by its first line (or the file's
/// name), with the file's name as its source.
pub fn document_of(name: &str, flat: Flattened, id: String) -> Document {
    Document {
        annotator: None,
        id,
        title: default_title(&flat.text, Some(name)),
        source: Some(name.to_owned()),
        text: ArticleText::new(&flat.text),
        extra: Default::default(),
        layout: flat.layout,
    }
}

/// Why an incoming article was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntakeError {
    /// No text, or only whitespace.
    Empty,
    /// Larger than `MAX_ARTICLE_BYTES`.
    TooLarge { bytes: usize },
    /// A file type other than plain text or Markdown.
    UnsupportedType { extension: String },
    /// Bytes that are not text at all (NUL bytes, as in images, PDFs, archives).
    Binary,
    /// Text in UTF-16, which the app does not read.
    Utf16,
    /// Not valid UTF-8; `at` is the byte offset of the first invalid byte.
    NotUtf8 { at: usize },
}

impl fmt::Display for IntakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntakeError::Empty => write!(f, "the article is empty; it needs some text to annotate"),
            IntakeError::TooLarge { bytes } => write!(
                f,
                "it is {}, larger than the {} limit",
                human_size(*bytes),
                human_size(MAX_ARTICLE_BYTES)
            ),
            IntakeError::UnsupportedType { extension } => write!(
                f,
                "“.{extension}” files are not articles; open a .txt, .md or .html file"
            ),
            IntakeError::Binary => write!(
                f,
                "it is a binary file, not text; open a .txt, .md or .html file"
            ),
            IntakeError::Utf16 => write!(
                f,
                "it is encoded as UTF-16; save it as UTF-8 and open it again"
            ),
            IntakeError::NotUtf8 { at } => write!(
                f,
                "it is not valid UTF-8 (first bad byte at position {at}); save it as UTF-8 and open it again"
            ),
        }
    }
}

/// A byte count for people: "812 bytes", "4.2 KB", "12.6 MB".
pub fn human_size(bytes: usize) -> String {
    const KIB: usize = 1024;
    let (unit, name) = match bytes {
        0..KIB => return format!("{bytes} bytes"),
        _ if bytes < KIB * KIB => (KIB, "KB"),
        _ => (KIB * KIB, "MB"),
    };
    let unit = unit as u64;
    format!("{} {name}", tenths((bytes as u64 * 10 + unit / 2) / unit))
}

/// A count of tenths written with one decimal ("42" → "4.2"), with integers only: float
/// formatting would add about 10 KB to the app's download.
pub fn tenths(tenths: u64) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Accepts pasted or decoded text as an article, or says why not.
pub fn check_text(text: &str) -> Result<(), IntakeError> {
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(IntakeError::TooLarge { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return Err(IntakeError::Empty);
    }
    Ok(())
}

/// Decodes a file's bytes into article text (a UTF-8 byte order mark is dropped),
/// or says why the file cannot be an article.
pub fn decode_file(name: &str, bytes: &[u8]) -> Result<String, IntakeError> {
    if let Some((_, extension)) = name.rsplit_once('.') {
        let extension = extension.to_lowercase();
        if !ARTICLE_EXTENSIONS.contains(&extension.as_str()) {
            return Err(IntakeError::UnsupportedType { extension });
        }
    }
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(IntakeError::TooLarge { bytes: bytes.len() });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(IntakeError::Utf16);
    }
    if bytes.contains(&0) {
        return Err(IntakeError::Binary);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| IntakeError::NotUtf8 {
        at: error.valid_up_to(),
    })?;
    check_text(text)?;
    Ok(text.to_owned())
}
