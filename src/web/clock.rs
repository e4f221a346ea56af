//! Time and fresh ids, made here so the model stays deterministic.

use crate::model::span::Timestamp;
use wasm_bindgen::JsValue;

/// Now, as an RFC 3339 UTC timestamp.
pub fn now() -> Timestamp {
    Timestamp(String::from(js_sys::Date::new_0().to_iso_string()))
}

/// A fresh random id (a UUID v4 where the browser offers `crypto.randomUUID`).
pub fn new_id() -> String {
    // randomUUID exists only in secure contexts (https, localhost); calling it elsewhere throws.
    let uuid = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .filter(|crypto| js_sys::Reflect::has(crypto, &JsValue::from_str("randomUUID")) == Ok(true))
        .map(|crypto| crypto.random_uuid());
    uuid.unwrap_or_else(|| {
        let random = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        format!("{:08x}-{:08x}-{:08x}", random(), random(), random())
    })
}
