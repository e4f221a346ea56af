//! Paints ranges of the article (search matches, a drag preview) with the CSS Custom
//! Highlight API: no change to the DOM Yew owns, so nothing re-renders.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `CSS.highlights`, when the browser has it.
fn registry() -> Option<JsValue> {
    let css = Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    Reflect::get(&css, &"highlights".into())
        .ok()
        .filter(|registry| !registry.is_undefined())
}

fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Option<JsValue> {
    let function = Reflect::get(target, &method.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let args: Array = args.iter().copied().collect();
    function.apply(target, &args).ok()
}

/// Paints `ranges` (live `Range`s, or `StaticRange`s, which DOM changes need not update)
/// as the highlight `name` (styled in CSS with `::highlight(name)`),
/// replacing what it painted before. Returns false when the browser cannot.
pub fn paint<R: AsRef<JsValue>>(name: &str, ranges: &[R]) -> bool {
    let Some(registry) = registry() else {
        return false;
    };
    if ranges.is_empty() {
        return call(&registry, "delete", &[&name.into()]).is_some();
    }
    let Ok(constructor) = Reflect::get(&js_sys::global(), &"Highlight".into()) else {
        return false;
    };
    let Ok(constructor) = constructor.dyn_into::<Function>() else {
        return false;
    };
    let ranges: Array = ranges.iter().map(AsRef::as_ref).collect();
    let Ok(highlight) = Reflect::construct(&constructor, &ranges) else {
        return false;
    };
    call(&registry, "set", &[&name.into(), &highlight]).is_some()
}
