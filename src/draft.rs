//! The saved draft: the current scenario's share-link query string, kept in
//! `localStorage` so a reload (or a later visit) brings it back.
//!
//! Storage may be missing or refuse writes (private mode, quotas, disabled
//! cookies): every function here degrades silently, and nothing panics.

/// Where the draft lives.
pub const DRAFT_KEY: &str = "envelope.draft";
/// Where an older draft is kept when a shared link replaces it.
pub const PREVIOUS_KEY: &str = "envelope.draft.previous";

/// Where, in this tab's `sessionStorage`, the page keeps the query it last
/// wrote (to the address bar and the draft).
pub const TAB_WRITTEN_KEY: &str = "envelope.tab-written";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Remembers, for this tab only, that it last wrote `query`; best effort.
pub fn remember_written(query: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(TAB_WRITTEN_KEY, query);
    }
}

/// The query this tab last wrote, if any.
pub fn written_in_this_tab() -> Option<String> {
    session_storage()?.get_item(TAB_WRITTEN_KEY).ok().flatten()
}

/// Whether this page was opened by reloading or by going back or forward
/// (not by following or typing a link), from the Navigation Timing entry.
pub fn returned_to() -> bool {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return false;
    };
    let entry = performance.get_entries_by_type("navigation").get(0);
    let kind = js_sys::Reflect::get(&entry, &wasm_bindgen::JsValue::from_str("type"))
        .ok()
        .and_then(|t| t.as_string());
    matches!(kind.as_deref(), Some("reload" | "back_forward"))
}

/// The stored value of `key`, if storage works and holds one.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; best effort.
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}
