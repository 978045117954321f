//! Keyed lists and parts shown on a condition: every list of the page goes
//! through [`keyed`], so Leptos' `<For>` is compiled once rather than once
//! per list, and every part shown only while something holds through
//! [`When`], in place of Leptos' `<Show>` (1.2 KB of the brotli'd wasm).
//!
//! A `<For>` is generic over its item and key types and its three closures,
//! and each instance brings its own copy of the keyed diffing and mounting
//! code (about 1 KB of the brotli'd wasm). Here the items are the keys, all
//! text (figure keys, or row ids written out), and the closures are fixed,
//! so the page's six lists share one copy. A row's view looks its row up by
//! key when the row first appears, as `<For>` would have handed it over.

use std::sync::Arc;

use leptos::prelude::*;

use crate::erased::Memo;

/// The items `keys` lists, each shown by `view`, keyed by itself: an item's
/// view is built when its key appears, kept (DOM and all) while it stays,
/// and moved when it moves.
pub fn keyed(
    keys: Memo<Vec<String>>,
    view: impl Fn(String) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    keyed_erased(keys, Arc::new(view))
}

/// [`keyed`] for any `view`: not generic, so that the `<For>` in it (its
/// closures' types) is compiled once, not once per caller.
fn keyed_erased(
    keys: Memo<Vec<String>>,
    view: Arc<dyn Fn(String) -> AnyView + Send + Sync>,
) -> AnyView {
    view! { <For each=move || keys.get() key=String::clone children=move |k| view(k) /> }.into_any()
}

/// Its children while `when` is true, nothing while it is false, built
/// again each time it turns true: Leptos' `<Show>`, over the page's erased
/// memo, so that Show's own memo of a `bool` (and Show, generic over its
/// condition) stay out of the wasm.
#[component]
pub fn When(when: Memo<bool>, children: ChildrenFn) -> impl IntoView {
    move || when.get().then(|| children())
}
