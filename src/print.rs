//! Printing. While the page is printed (or shown as print media), every
//! figure's "show your work" is open and its arithmetic written, charts
//! below the fold are redrawn with the current scenario, and the form prints
//! as a table of its inputs (assets/style.css's `@media print` does the
//! rest: one column, black on white, links followed by their address).
//!
//! Browsers say so in two ways: `beforeprint`/`afterprint` around a print,
//! and a change of `matchMedia("print")`, which print previews and
//! emulated print media (the browser tests) also raise.

use std::cell::Cell;

use envelope_core::link;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::form::Form;
use crate::html::Html;

thread_local! {
    /// Whether the page is being printed, once [`follow`] follows it. The
    /// page's one shared state outside its components' props; a thread
    /// local rather than a Leptos context, whose map of contexts by type
    /// the page would compile for this alone (1.4 KB of the brotli'd
    /// wasm).
    static PRINTING: Cell<Option<RwSignal<bool>>> = const { Cell::new(None) };
}

/// Whether the page is being printed (tracked), as [`follow`] follows it;
/// always false before that.
pub fn printing() -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let printing = PRINTING.with(Cell::get);
    move || printing.is_some_and(|p| p.get())
}

/// Follows the browser's print state for the page's lifetime.
pub fn follow() {
    // A read-write signal, as the page's other flags are, so that Leptos'
    // separate read and write signal types stay out of the wasm.
    let printing = RwSignal::new(false);
    PRINTING.with(|p| p.set(Some(printing)));
    let Some(window) = web_sys::window() else {
        return;
    };
    let set = move |on: bool| {
        if printing.get_untracked() != on {
            open_derivations(on);
            printing.set(on);
        }
    };
    for (event, on) in [("beforeprint", true), ("afterprint", false)] {
        let listener = Closure::<dyn Fn()>::new(move || set(on));
        let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        listener.forget();
    }
    if let Ok(Some(query)) = window.match_media("print") {
        let listener = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |event: web_sys::MediaQueryListEvent| set(event.matches()),
        );
        let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        listener.forget();
    }
}

/// Opens every closed "show your work" for printing (`on`), marking the
/// ones it opened; closes those again afterwards.
fn open_derivations(on: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = if on {
        ".figure details:not([open])"
    } else {
        ".figure details[data-print-opened]"
    };
    let Ok(found) = document.query_selector_all(selector) else {
        return;
    };
    for i in 0..found.length() {
        let Some(details) = found
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        else {
            continue;
        };
        details.set_open(on);
        if on {
            let _ = details.set_attribute("data-print-opened", "");
        } else {
            let _ = details.remove_attribute("data-print-opened");
        }
    }
}

/// What the form prints as: the share link and a table of every input in
/// use (the rows the Markdown report's "Inputs" has), built only while
/// printing.
#[component]
pub fn PrintHead(form: Form) -> impl IntoView {
    let printing = printing();
    let content = move || {
        printing().then(|| {
            form.outcome.with(|o| {
                let link = crate::share::full_url(&link::encode(&o.scenario));
                (link, envelope_render::inputs::rows(&o.scenario))
            })
        })
    };
    view! {
        <section class="print-only print-inputs" aria-label="Inputs">
            {move || {
                content()
                    .map(|(link, rows)| {
                        let mut html = Html::new();
                        for row in rows {
                            html.open("tr", &[])
                                .element("th", &[("scope", Some("row"))], &row.label)
                                .element("td", &[], &row.value)
                                .close("tr");
                        }
                        view! {
                            <p class="print-link">{link}</p>
                            <table>
                                <caption>"Inputs"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Input"</th>
                                        <th scope="col">"Value"</th>
                                    </tr>
                                </thead>
                                <tbody inner_html=html.finish()></tbody>
                            </table>
                        }
                    })
            }}
        </section>
    }
}
