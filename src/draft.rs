//! The saved draft: the current scenario's share-link query string, kept in
//! `localStorage` so a reload (or a later visit) brings it back.
//!
//! Storage may be missing or refuse writes (private mode, quotas, disabled
//! cookies): every function here degrades silently, and nothing panics.

/// Where the draft lives.
pub const DRAFT_KEY: &str = "envelope.draft";
/// Where an older draft is kept when a shared link replaces it.
pub const PREVIOUS_KEY: &str = "envelope.draft.previous";

/// Where, in this tab's `sessionStorage`, a page that left with the
/// address bar behind its last edit notes both queries: the address it left
/// behind and the draft it saved, as `behind` + [`LEFT_BEHIND_SEPARATOR`] +
/// `ahead`.
pub const LEFT_BEHIND_KEY: &str = "envelope.left-behind";
/// Queries never contain a newline (the codec percent-encodes it).
const LEFT_BEHIND_SEPARATOR: char = '\n';

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Notes, for a reload of this tab, that the page left `behind` in the
/// address bar while its draft was already `ahead`; best effort.
pub fn note_left_behind(behind: &str, ahead: &str) {
    if let Some(s) = session_storage() {
        let note = [behind, ahead].join(&LEFT_BEHIND_SEPARATOR.to_string());
        let _ = s.set_item(LEFT_BEHIND_KEY, &note);
    }
}

/// The `(behind, ahead)` pair [`note_left_behind`] noted, removed as it is
/// read so that it applies to the next load only.
pub fn take_left_behind() -> Option<(String, String)> {
    let s = session_storage()?;
    let note = s.get_item(LEFT_BEHIND_KEY).ok().flatten()?;
    let _ = s.remove_item(LEFT_BEHIND_KEY);
    let (behind, ahead) = note.split_once(LEFT_BEHIND_SEPARATOR)?;
    Some((behind.to_owned(), ahead.to_owned()))
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
