//! Web pages read in the browser's inert parser (`page.js`), turned into `model::web_page`.

use crate::model::document::BlockKind;
use crate::model::intake::human_size;
use crate::model::rich_text::{flatten, Block};
use crate::model::web_page::Page;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/page.js")]
extern "C" {
    #[wasm_bindgen(js_name = readPage, catch)]
    async fn read_page(html: &str, max_markup: u32, max_elements: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = readPageFile, catch)]
    async fn read_page_file(
        file: &web_sys::File,
        max_markup: u32,
        max_elements: u32,
    ) -> Result<JsValue, JsValue>;
    /// The HTML of a paste, when the clipboard holds rich text.
    #[wasm_bindgen(js_name = pastedHtml)]
    pub fn html_of_paste(event: &web_sys::Event) -> Option<String>;
    /// The plain text of a paste.
    #[wasm_bindgen(js_name = pastedText)]
    pub fn text_of_paste(event: &web_sys::Event) -> String;
}

/// The largest saved page read, in bytes of the file.
pub const MAX_PAGE_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The most markup parsed (in UTF-16 units) once scripts, styles and embedded images are
/// set aside: a larger page would hold the tab for seconds.
pub const MAX_PAGE_MARKUP: usize = 12 * 1024 * 1024;

/// Pages with more elements are read as whole-page text only: the article finder would
/// take seconds on them.
const MAX_FINDER_ELEMENTS: u32 = 60_000;

/// What `page.js` returns.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPage {
    /// Set instead of everything else when the page was too large to parse.
    too_large: Option<usize>,
    title: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    site_name: Option<String>,
    lang: Option<String>,
    #[serde(default)]
    urls: Vec<String>,
    article: Option<Vec<(Option<BlockKind>, String)>>,
    #[serde(default)]
    whole: Vec<(Option<BlockKind>, String)>,
    finder_note: Option<String>,
}

fn blocks(raw: Vec<(Option<BlockKind>, String)>) -> Vec<Block> {
    raw.into_iter()
        .map(|(kind, text)| Block::new(kind, text))
        .collect()
}

/// Reads a page's HTML (a paste), or says why not.
pub async fn read(html: &str) -> Result<Page, String> {
    page_of(read_page(html, MAX_PAGE_MARKUP as u32, MAX_FINDER_ELEMENTS).await)
}

/// Reads a saved page file (decoded in the charset it declares), or says why not.
pub async fn read_file(file: &web_sys::File) -> Result<Page, String> {
    let size = file.size() as usize;
    if size > MAX_PAGE_FILE_BYTES {
        return Err(format!(
            "it is {}, larger than the {} limit for a saved page",
            human_size(size),
            human_size(MAX_PAGE_FILE_BYTES)
        ));
    }
    page_of(read_page_file(file, MAX_PAGE_MARKUP as u32, MAX_FINDER_ELEMENTS).await)
}

fn page_of(read: Result<JsValue, JsValue>) -> Result<Page, String> {
    let json = read.map_err(|error| {
        let reason = js_sys::Error::from(error).message();
        format!("the page could not be read ({reason})")
    })?;
    let raw: RawPage = serde_json::from_str(&json.as_string().unwrap_or_default())
        .map_err(|error| format!("the page could not be read ({error})"))?;
    if let Some(size) = raw.too_large {
        return Err(format!(
            "without its scripts, styles and embedded images the page is still {} of markup, \
             more than the {} the app reads; copy the article from the browser and paste it instead",
            human_size(size),
            human_size(MAX_PAGE_MARKUP)
        ));
    }
    let article = raw.article.map(|article| flatten(blocks(article)));
    Ok(Page {
        title: raw.title,
        byline: raw.byline,
        published: raw.published,
        site_name: raw.site_name,
        lang: raw.lang,
        urls: raw.urls,
        article: article.filter(|article| !article.text.is_empty()),
        whole: flatten(blocks(raw.whole)),
        finder_note: raw.finder_note,
    })
}
