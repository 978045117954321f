//! Keyed lists and parts shown on a condition: every list of the page goes
//! through [`keyed`], and every part shown only while something holds
//! through [`When`], in place of Leptos' `<Show>` (1.2 KB of the brotli'd
//! wasm).
//!
//! The same reason runs through the page's other lists and optional parts:
//! a list of views built once is collected as `AnyView`s
//! (`.map(IntoAny::into_any).collect_view()`), and an optional part is an
//! `Option<AnyView>` (`.then(|| view! { ... }.into_any())`). Leptos
//! compiles a vector's or an option's rendering once per item type, and
//! the page had one such type per element tree: 2.9 KB of the brotli'd
//! wasm (2026-12-03).
//!
//! Why not Leptos' `<For>`: its keyed diff (a hash set of keys, moves
//! worked out for any reordering) and its render-effect state were 12 KB of
//! the page's code before wasm-opt, for six lists of at most a hundred
//! rows, whose keys (figure keys, row ids) come and go but almost never
//! change order. [`keyed`] finds rows by a linear search, inserts new rows
//! where they belong and moves rows only when the order of the ones that
//! stay has changed.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::tachys::view::{any_view::AnyViewState, Mountable, Render};

use crate::erased::{self, Memo};
use crate::visible::ElementRef;

/// One row: its key, its DOM and the owner of its signals and effects.
struct Row {
    key: String,
    view: AnyViewState,
    /// Kept so that the row's memos and effects live exactly as long as
    /// the row: dropping the owner disposes of them.
    _owner: Owner,
}

/// A `node_ref` for the element that holds the list: the children of that
/// element are the rows of `keys`, each shown by `view`, keyed by itself. A
/// row's view is built when its key appears, kept (DOM and all) while it
/// stays, and moved when it moves. The element holds nothing else.
pub fn keyed(keys: Memo<Vec<String>>, view: impl Fn(String) -> AnyView + 'static) -> ElementRef {
    let parent = ElementRef::new();
    keyed_into(parent, keys, Box::new(view));
    parent
}

/// [`keyed`] into the element `parent` refers to, for an element the page
/// also measures or observes through that reference. Not generic:
/// compiled once for the page's lists.
pub fn keyed_into(
    parent: ElementRef,
    keys: Memo<Vec<String>>,
    view: Box<dyn Fn(String) -> AnyView>,
) {
    // Rows are owned by the list's owner, not by the effect's, which
    // disposes of what it owns each time it runs again.
    let owner = Owner::current().unwrap_or_default();
    let rows: Rc<RefCell<Vec<Row>>> = Rc::default();
    erased::effect(move || {
        let Some(parent) = parent.get() else {
            return;
        };
        keys.with(|keys| {
            untrack(|| {
                let mut rows = rows.borrow_mut();
                reconcile(&parent, &mut rows, keys, &|key| {
                    let row_owner = owner.child();
                    let view = row_owner.with(|| view(key.to_owned()).build());
                    Row {
                        key: key.to_owned(),
                        view,
                        _owner: row_owner,
                    }
                });
            })
        });
    });
}

/// Makes `rows`, shown in `parent`, the rows of `keys` in that order:
/// rows whose key is gone are taken out, new rows are built by `build` and
/// put in place, and the rest stay where they are unless their order
/// changed.
fn reconcile(
    parent: &web_sys::Element,
    rows: &mut Vec<Row>,
    keys: &[String],
    build: &dyn Fn(&str) -> Row,
) {
    let mut old = std::mem::take(rows);
    // Whether the rows that stay keep their order: then only new rows move
    // into the DOM.
    let staying: Vec<&str> = keys
        .iter()
        .filter(|k| old.iter().any(|r| r.key == **k))
        .map(String::as_str)
        .collect();
    let in_order = old
        .iter()
        .filter(|r| keys.contains(&r.key))
        .map(|r| r.key.as_str())
        .eq(staying.iter().copied());
    let mut new: Vec<(Row, bool)> = Vec::with_capacity(keys.len());
    for key in keys {
        // A key listed twice gets one row, as in Leptos' `<For>`.
        if new.iter().any(|(r, _)| r.key == *key) {
            continue;
        }
        match old.iter().position(|r| r.key == *key) {
            Some(i) => new.push((old.remove(i), false)),
            None => new.push((build(key), true)),
        }
    }
    for mut gone in old {
        gone.view.unmount();
    }
    if in_order {
        // New rows go in before the next row that was already there, or
        // at the end.
        for i in 0..new.len() {
            if new[i].1 {
                let (before, after) = new.split_at_mut(i + 1);
                let row = &mut before[i].0;
                let placed = after
                    .iter()
                    .find(|(_, fresh)| !fresh)
                    .is_some_and(|(next, _)| next.view.insert_before_this(&mut row.view));
                if !placed {
                    row.view.mount(parent, None);
                }
            }
        }
    } else {
        // Appending each row in turn moves them all into the new order.
        for (row, _) in &mut new {
            row.view.mount(parent, None);
        }
    }
    rows.extend(new.into_iter().map(|(row, _)| row));
}

/// Its children while `when` is true, nothing while it is false, built
/// again each time it turns true: Leptos' `<Show>`, over the page's erased
/// memo, so that Show's own memo of a `bool` (and Show, generic over its
/// condition) stay out of the wasm.
#[component]
pub fn When(when: Memo<bool>, children: ChildrenFn) -> impl IntoView {
    move || when.get().then(|| children())
}
