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
    async fn read_page(html: &str, max_elements: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fileText, catch)]
    async fn file_text(file: &web_sys::File) -> Result<JsValue, JsValue>;
    fn slim(html: &str) -> String;
    #[wasm_bindgen(js_name = pastedHtml)]
    fn pasted_html(event: &web_sys::Event) -> Option<String>;
    #[wasm_bindgen(js_name = pastedText)]
    fn pasted_text(event: &web_sys::Event) -> String;
}

/// The largest saved page read, in bytes of the file.
pub const MAX_PAGE_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The most markup parsed once scripts, styles and embedded images are set aside: a
/// larger page would hold the tab for seconds.
pub const MAX_PAGE_MARKUP: usize = 12 * 1024 * 1024;

/// Pages with more elements are read as whole-page text only: the article finder would
/// take seconds on them.
const MAX_FINDER_ELEMENTS: u32 = 60_000;

/// What `page.js` returns.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPage {
    title: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    site_name: Option<String>,
    lang: Option<String>,
    #[serde(default)]
    urls: Vec<String>,
    article: Option<Vec<(Option<BlockKind>, String)>>,
    whole: Vec<(Option<BlockKind>, String)>,
    finder_note: Option<String>,
}

fn blocks(raw: Vec<(Option<BlockKind>, String)>) -> Vec<Block> {
    raw.into_iter()
        .map(|(kind, text)| Block::new(kind, text))
        .collect()
}

/// Reads a page's HTML, or says why not.
pub async fn read(html: &str) -> Result<Page, String> {
    let html = slim(html);
    if html.len() > MAX_PAGE_MARKUP {
        return Err(format!(
            "without its scripts, styles and embedded images the page is still {} of markup, \
             more than the {} the app reads; copy the article from the browser and paste it instead",
            human_size(html.len()),
            human_size(MAX_PAGE_MARKUP)
        ));
    }
    let json = read_page(&html, MAX_FINDER_ELEMENTS)
        .await
        .map_err(|error| format!("the page could not be read ({error:?})"))?;
    let raw: RawPage = serde_json::from_str(&json.as_string().unwrap_or_default())
        .map_err(|error| format!("the page could not be read ({error})"))?;
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

/// A saved page's text, decoded in the charset it declares.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let size = file.size() as usize;
    if size > MAX_PAGE_FILE_BYTES {
        return Err(format!(
            "it is {}, larger than the {} limit for a saved page",
            human_size(size),
            human_size(MAX_PAGE_FILE_BYTES)
        ));
    }
    file_text(file)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| "the file could not be read".to_owned())
}

/// The HTML of a paste, when the clipboard holds rich text.
pub fn html_of_paste(event: &web_sys::Event) -> Option<String> {
    pasted_html(event)
}

/// The plain text of a paste.
pub fn text_of_paste(event: &web_sys::Event) -> String {
    pasted_text(event)
}

/// Whether a file name is a saved web page.
pub fn is_page_file(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        matches!(
            extension.to_ascii_lowercase().as_str(),
            "html" | "htm" | "xhtml"
        )
    })
}
