//! Keeping the work in the browser's local storage so a reload loses nothing.

const KEY: &str = "article-annotator.session.v1";
const BROKEN_KEY: &str = "article-annotator.session.v1.unreadable";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Saves the native JSON of the current work.
pub fn save(json: &str) -> Result<(), String> {
    let storage = storage().ok_or("the browser's storage is not available")?;
    storage
        .set_item(KEY, json)
        .map_err(|_| "the browser's storage is full or disabled".to_owned())
}

/// The saved native JSON, if any.
pub fn load() -> Option<String> {
    storage()?.get_item(KEY).ok()?
}

/// Copies saved work that could not be read to another key, so a later save cannot
/// overwrite it. Returns that key.
pub fn set_aside(json: &str) -> Result<&'static str, String> {
    let storage = storage().ok_or("the browser's storage is not available")?;
    storage
        .set_item(BROKEN_KEY, json)
        .map(|()| BROKEN_KEY)
        .map_err(|_| "the browser's storage is full or disabled".to_owned())
}

const SNAPPING_KEY: &str = "article-annotator.snapping";

/// Whether word snapping is on (it is, unless the user turned it off).
pub fn snapping() -> bool {
    storage()
        .and_then(|storage| storage.get_item(SNAPPING_KEY).ok().flatten())
        .is_none_or(|value| value != "off")
}

/// Remembers the word snapping toggle (best effort: it is a preference, not work).
pub fn set_snapping(on: bool) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(SNAPPING_KEY, if on { "on" } else { "off" });
    }
}
