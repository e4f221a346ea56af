//! Local storage: the preferences (snapping, chips, keys, the user's name), and the work an older version of the app kept
//! there (moved into a project on first start).

const KEY: &str = "article-annotator.session.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

const MOVED_KEY: &str = "article-annotator.session.v1.moved";

/// The native JSON an older version saved, until it has been moved into a project (it is
/// left in place, marked moved, so deleting that project later does not bring it back).
pub fn old_work() -> Option<String> {
    let storage = storage()?;
    if storage.get_item(MOVED_KEY).ok()?.is_some() {
        return None;
    }
    storage.get_item(KEY).ok()?
}

/// Marks the older version's work as moved: called once the project holding it is stored.
pub fn mark_old_work_moved() {
    if let Some(storage) = storage() {
        let _ = storage.set_item(MOVED_KEY, "1");
    }
}

/// Whether the toggle kept under `key` is on (it is, unless the user turned it off).
pub fn flag(key: &str) -> bool {
    storage()
        .and_then(|storage| storage.get_item(key).ok().flatten())
        .is_none_or(|value| value != "off")
}

/// The text kept under `key` ("" when there is none).
pub fn text(key: &str) -> String {
    stored_text(key).unwrap_or_default()
}

/// The text kept under `key`, if any (`None`: never set).
pub fn stored_text(key: &str) -> Option<String> {
    storage().and_then(|storage| storage.get_item(key).ok().flatten())
}

/// Keeps a text under `key` (best effort: it is a preference, not work).
pub fn set_text(key: &str, text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, text);
    }
}

/// Remembers a toggle (best effort: it is a preference, not work).
pub fn set_flag(key: &str, on: bool) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, if on { "on" } else { "off" });
    }
}
