//! Local storage: the snapping preference, and the work an older version of the app kept
//! there (moved into a project on first start).

const KEY: &str = "article-annotator.session.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

const MOVED_KEY: &str = "article-annotator.session.v1.moved";

/// The native JSON an older version saved, the first time it is asked for: it is then
/// marked as moved into a project (and left in place), so deleting that project later does
/// not bring it back.
pub fn take_old_work() -> Option<String> {
    let storage = storage()?;
    if storage.get_item(MOVED_KEY).ok()?.is_some() {
        return None;
    }
    let json = storage.get_item(KEY).ok()??;
    let _ = storage.set_item(MOVED_KEY, "1");
    Some(json)
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
