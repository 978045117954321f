//! The four envelope-charts SVGs, inlined so they take the page's text colour
//! (they draw in `currentColor`) in light and dark schemes.

use envelope_charts::{render, ChartKind};
use leptos::prelude::*;

use crate::drawing::Drawing;
use crate::erased::Memo;
use crate::export::ChartDownloads;
use crate::form::Form;
use crate::visible::{chart_size, drawn_when_visible, drawn_width, near_screen, ElementRef};

/// Removes `<style>` elements from an SVG. The charts carry one for when they
/// are opened on their own; inlined it does nothing, and the page's
/// Content-Security-Policy (no inline styles) would report it as a violation.
pub(crate) fn without_style_elements(svg: String) -> String {
    let Some(start) = svg.find("<style") else {
        return svg;
    };
    let Some(len) = svg[start..].find("</style>") else {
        return svg;
    };
    let mut out = String::with_capacity(svg.len());
    out.push_str(&svg[..start]);
    out.push_str(&svg[start + len + "</style>".len()..]);
    without_style_elements(out)
}

/// Every chart, each a `<figure>` with its text alternative as caption;
/// redrawn while near the screen (see [`crate::visible`]), on a grid as wide
/// as the chart is shown, so that its text is 11 to 15 CSS px at any width.
#[component]
pub fn Charts(form: Form) -> impl IntoView {
    let grid = ElementRef::new();
    let visible = near_screen(grid);
    let figures = ChartKind::ALL
        .into_iter()
        .map(|kind| {
            let shown = ElementRef::new();
            let width = drawn_width(shown);
            let chart = drawn_when_visible(visible, move || {
                let size = chart_size(width.get(), 0.6, (260, 480));
                form.outcome
                    .with(|o| {
                        o.report.as_ref().map(|r| {
                            let c = render(kind, r, size);
                            (without_style_elements(c.svg), c.alt)
                        })
                    })
                    .unwrap_or_default()
            });
            let caption_id = ["chart-", kind.name()].concat();
            let labelled_by = caption_id.clone();
            view! {
                <figure class="chart" data-chart=kind.name() aria-labelledby=labelled_by>
                    <div node_ref=shown>
                        <Drawing svg=Memo::new(move |_| chart.with(|c| c.0.clone())) />
                    </div>
                    <figcaption id=caption_id>
                        <strong>{kind.title()}</strong>
                        " "
                        <span class="chart-alt">{move || chart.with(|c| c.1.clone())}</span>
                    </figcaption>
                    <ChartDownloads form kind />
                </figure>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">"Charts"</h2>
            <div class="chart-grid" node_ref=grid>{figures}</div>
        </section>
    }
}
