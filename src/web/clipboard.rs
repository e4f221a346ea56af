//! Writing text to the system clipboard.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let navigator = window.navigator();
    // The clipboard API exists only in secure contexts (https, localhost).
    if js_sys::Reflect::has(&navigator, &JsValue::from_str("clipboard")) != Ok(true) {
        return Err(JsValue::from_str("no clipboard"));
    }
    let promise = navigator.clipboard().write_text(text);
    JsFuture::from(promise).await.map(|_| ())
}
