//! The saved draft: the current scenario's share-link query string, kept in
//! `localStorage` so a reload (or a later visit) brings it back.
//!
//! Storage may be missing or refuse writes (private mode, quotas, disabled
//! cookies): every function here degrades silently, and nothing panics.

/// Where the draft lives.
pub const DRAFT_KEY: &str = "envelope.draft";
/// Where an older draft is kept when a shared link replaces it.
pub const PREVIOUS_KEY: &str = "envelope.draft.previous";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
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
