//! A `Letter` as a message between the app and the worker: `{id, json, bytes}`, the body
//! as JSON and the files' bytes as `Uint8Array`s beside it (transferred, not copied). The
//! app includes this file too (`web::worker`), so both sides read and write one shape.

use annotator_core::jobs::Letter;
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// What the worker posts once its module is loaded and it listens: letters sent before
/// that would be lost, so the app holds them until it hears this.
pub fn ready() -> JsValue {
    let message = Object::new();
    let _ = Reflect::set(&message, &"ready".into(), &true.into());
    message.into()
}

/// True for the worker's `ready` message.
pub fn is_ready(message: &JsValue) -> bool {
    Reflect::get(message, &"ready".into()).is_ok_and(|ready| ready.is_truthy())
}

/// The message for a letter, and the buffers to transfer with it.
pub fn to_message<T: Serialize>(letter: Letter<T>) -> (JsValue, Array) {
    let message = Object::new();
    let json = serde_json::to_string(&letter.body).expect("jobs and answers serialise");
    let bytes = Array::new();
    let transfer = Array::new();
    for file in &letter.bytes {
        let array = Uint8Array::from(file.as_slice());
        transfer.push(&array.buffer());
        bytes.push(&array);
    }
    let _ = Reflect::set(&message, &"id".into(), &letter.id.into());
    let _ = Reflect::set(&message, &"json".into(), &json.into());
    let _ = Reflect::set(&message, &"bytes".into(), &bytes);
    (message.into(), transfer)
}

/// The letter a message holds, or why it is not one.
pub fn from_message<T: DeserializeOwned>(message: &JsValue) -> Result<Letter<T>, String> {
    let field = |name: &str| Reflect::get(message, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let id = field("id").as_f64().ok_or("a message without a number")? as u32;
    let json = field("json")
        .as_string()
        .ok_or("a message without a body")?;
    let body = serde_json::from_str(&json).map_err(|error| error.to_string())?;
    let bytes = (field("bytes").dyn_into::<Array>())
        .map(|files| {
            (files.iter())
                .map(|file| Uint8Array::new(&file).to_vec())
                .collect()
        })
        .unwrap_or_default();
    Ok(Letter { id, body, bytes })
}
