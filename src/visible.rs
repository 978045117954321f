//! Whether part of the page is on (or near) the screen, so that charts below
//! the fold are not redrawn on every keystroke: a chart's SVG is rebuilt when
//! its inputs change *and* it can be seen, or when it comes into view.
//!
//! Every chart is drawn once it has something to draw, seen or not, so its
//! text alternative is always there; after that an off-screen chart keeps
//! its last drawing until it is scrolled near the viewport (300 px ahead),
//! when it catches up before it is painted.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// A signal that follows whether `node` is within 300 px of the viewport.
/// Where IntersectionObserver is missing it is always true (draw always).
pub fn near_screen(node: NodeRef<Div>) -> ReadSignal<bool> {
    let (visible, set_visible) = signal(false);
    Effect::new(move |observed: Option<bool>| {
        if observed == Some(true) {
            return true;
        }
        let Some(element) = node.get() else {
            return false;
        };
        if observe(&element, set_visible).is_none() {
            set_visible.set(true);
        }
        true
    });
    visible
}

fn observe(element: &web_sys::HtmlDivElement, set: WriteSignal<bool>) -> Option<()> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(last) = entries.iter().last() {
            let entry: IntersectionObserverEntry = last.unchecked_into();
            set.set(entry.is_intersecting());
        }
    });
    let init = IntersectionObserverInit::new();
    init.set_root_margin("300px");
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok()?;
    observer.observe(element);
    // The observer lives as long as the page (a handful of them).
    callback.forget();
    Some(())
}

/// A memo of `draw()` that redraws only while `visible`, and whenever it
/// has nothing drawn yet (`T::default()`): a chart whose data arrives while
/// it is off screen (a simulation that finishes after the page is built)
/// still gets its drawing and its text alternative.
pub fn drawn_when_visible<T>(
    visible: ReadSignal<bool>,
    draw: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&T>| match previous {
        Some(previous) if !visible.get() && *previous != T::default() => previous.clone(),
        _ => {
            // Track visibility from the first run on, so that coming into
            // view redraws.
            visible.track();
            draw()
        }
    })
}
