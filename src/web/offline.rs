//! The app's offline copy: a service worker (`sw.js`, served beside `index.html`) keeps the
//! app's files, so the app opens with no server (its work is in IndexedDB). It is asked
//! for where the browser has service workers (a secure context: https, or this machine).

use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;

/// Registers the service worker; nothing is said if the browser has none or refuses it
/// (the app works as before: it needs its server to open).
pub fn keep_app() {
    let window = gloo::utils::window();
    if !window.is_secure_context() {
        return;
    }
    let navigator = window.navigator();
    let Ok(container) = Reflect::get(&navigator, &"serviceWorker".into()) else {
        return;
    };
    let register = Reflect::get(&container, &"register".into())
        .ok()
        .and_then(|register| register.dyn_into::<Function>().ok());
    let Some(register) = register else {
        return;
    };
    if let Ok(promise) = register.call1(&container, &"/sw.js".into()) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            // A refusal is the browser's to keep: the app works without its offline copy.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}
