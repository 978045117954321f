//! How wide a chart is drawn ([`drawn_width`], [`chart_size`]), and whether
//! part of the page is on (or near) the screen, so that charts below
//! the fold are not redrawn on every keystroke: a chart's SVG is rebuilt when
//! its inputs change *and* it can be seen, or when it comes into view.
//!
//! Every chart is drawn once it has something to draw, seen or not, so its
//! text alternative is always there; after that an off-screen chart keeps
//! its last drawing until it is scrolled near the viewport (300 px ahead),
//! when it catches up before it is painted.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use crate::erased::{self, Memo};

/// A `node_ref` to an element of the page. Every HTML element the page's
/// `view!` builds is a custom element to the compiler (one type for every
/// tag: patches/leptos_macro/PATCH.md), so one reference type serves all;
/// its element is a `web_sys::HtmlElement`.
pub type ElementRef = NodeRef<leptos::tachys::html::element::Custom<&'static str>>;

/// A signal that follows whether `node` is within 300 px of the viewport.
/// Where IntersectionObserver is missing it is always true (draw always).
///
/// A read-write signal (callers only read it), as the page's other flags
/// are, so that Leptos' separate read and write signal types stay out of
/// the wasm.
pub fn near_screen(node: ElementRef) -> RwSignal<bool> {
    let visible = RwSignal::new(false);
    let mut observed = false;
    erased::effect(move || {
        if observed {
            return;
        }
        let Some(element) = node.get() else {
            return;
        };
        observed = true;
        if observe(&element, visible).is_none() {
            visible.set(true);
        }
    });
    visible
}

fn observe(element: &web_sys::Element, set: RwSignal<bool>) -> Option<()> {
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

/// The width in CSS pixels that `node` is laid out at, measured once it is
/// in the page and again whenever the window is resized; 640 until then.
/// A chart drawn on a grid this wide shows its text at the size it was
/// drawn (11 to 15 px), at every window width.
pub fn drawn_width(node: ElementRef) -> erased::ReadSignal<u32> {
    measured_width(node, false)
}

/// [`drawn_width`] of the first element in `grid` (one cell of a grid of
/// equal columns), or of the grid while it is empty.
pub fn cell_width(grid: ElementRef) -> erased::ReadSignal<u32> {
    measured_width(grid, true)
}

fn measured_width(node: ElementRef, first_cell: bool) -> erased::ReadSignal<u32> {
    let width = erased::RwSignal::new(envelope_charts::DEFAULT_SIZE.0);
    let measure = move || {
        if let Some(element) = node.get_untracked() {
            let cell = first_cell
                .then(|| element.first_element_child())
                .flatten()
                .unwrap_or_else(|| element.into());
            // Whole pixels, rounded down: a grid a fraction wider than the
            // chart is shown would shrink its text below its size.
            let measured = cell.get_bounding_client_rect().width().floor();
            let measured = if measured >= 1.0 && measured < f64::from(u32::MAX) {
                measured as u32
            } else {
                0
            };
            if measured > 0 && width.get_untracked() != measured {
                width.set(measured);
            }
        }
    };
    erased::effect(move || {
        if node.get().is_some() {
            measure();
        }
    });
    let listener = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || listener.remove());
    width.read_only()
}

/// The pixel grid a chart `width` CSS pixels wide is drawn on: that width
/// (at least the charts' smallest, 240), and a height of `ratio` times it
/// within `heights`.
pub fn chart_size(width: u32, ratio: f64, heights: (u32, u32)) -> (u32, u32) {
    let width = width.max(envelope_charts::MIN_SIZE.0);
    let height = (f64::from(width) * ratio).round() as u32;
    (width, height.clamp(heights.0, heights.1))
}

/// A memo of `draw()` that redraws only while `visible`, and whenever it
/// has nothing drawn yet (`T::default()`): a chart whose data arrives while
/// it is off screen (a simulation that finishes after the page is built)
/// still gets its drawing and its text alternative. Off screen, the first
/// drawing waits for a task of its own.
pub fn drawn_when_visible<T>(
    visible: RwSignal<bool>,
    draw: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    // A chart off screen is first drawn in a task of its own, after the
    // part of the page it belongs to is built, so that building the page
    // never waits for a drawing nobody sees yet.
    let may_draw_unseen = RwSignal::new(false);
    set_timeout(move || may_draw_unseen.set(true), Duration::ZERO);
    // A printed page shows every chart as the scenario is now.
    let printing = crate::print::printing();
    let visible = move || visible.get() || printing();
    Memo::new(move |previous: Option<&T>| match previous {
        Some(previous) if !visible() && *previous != T::default() => previous.clone(),
        _ => {
            // Track visibility from the first run on, so that coming into
            // view redraws.
            if !visible() && !may_draw_unseen.get() {
                return T::default();
            }
            draw()
        }
    })
}
