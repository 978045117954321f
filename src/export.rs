//! Taking the estimate away: the whole report as Markdown on the clipboard,
//! the scenario file and the JSON report, the series as CSV, and each chart
//! as SVG or PNG. Every text is what the `envelope` command writes for the
//! same scenario (envelope-render, envelope-charts): the page adds only the
//! clipboard and the downloads. Nothing is built until asked for.

use envelope_charts::{render, ChartKind, DEFAULT_SIZE};
use envelope_core::uncertainty::simulate_ranges;
use envelope_core::{link, Scenario};
use envelope_render::{csv, json, markdown};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::form::{Form, Outcome};

/// What a button exports.
#[derive(Clone, Copy)]
enum Export {
    Scenario,
    Report,
    Series,
}

/// The export buttons under the share bar.
#[component]
pub fn ExportBar(form: Form, interview: RwSignal<bool>) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        status.set(String::new());
        let Some(text) = markdown_text(form, interview.get_untracked()) else {
            return;
        };
        let clipboard = web_sys::window()
            .and_then(|w| {
                js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).ok()
            })
            .filter(|c| !c.is_undefined() && !c.is_null());
        let Some(clipboard) = clipboard else {
            save_markdown(form, &text, status);
            return;
        };
        let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => status.set("Markdown copied".to_owned()),
                // No clipboard for this page (a permission, an old browser):
                // the same text as a file.
                Err(_) => save_markdown(form, &text, status),
            }
        });
    };
    let save = move |what: Export| {
        move |_| {
            status.set(String::new());
            let saved = form.outcome.with_untracked(|o| {
                let report = o.report.as_ref()?;
                let name = file_stem(&o.scenario);
                let (file, mime, text) = match what {
                    Export::Scenario => (
                        [name.as_str(), ".scenario.json"].concat(),
                        "application/json",
                        json::scenario(&o.scenario).ok()?,
                    ),
                    Export::Report => {
                        let sim = simulate_ranges(&o.scenario).ok()?;
                        (
                            [name.as_str(), ".report.json"].concat(),
                            "application/json",
                            json::render(report, sim.as_ref()).ok()?,
                        )
                    }
                    Export::Series => (
                        [name.as_str(), "-series.csv"].concat(),
                        "text/csv",
                        csv::render(report),
                    ),
                };
                save_text(&file, mime, &text).then_some(file)
            });
            status.set(match saved {
                Some(file) => ["Saved ", &file].concat(),
                None => "This browser did not save the file".to_owned(),
            });
        }
    };
    // Folded on a phone, as the presets are, so that the first screen
    // shows the answer.
    view! {
        <section class="export" aria-labelledby="export-title">
        <details open=crate::wide_window()>
            <summary>
                <h2 id="export-title">"Take it with you"</h2>
            </summary>
            <div class="share-row">
            <button type="button" id="copy-markdown" disabled=move || form.outcome.with(unavailable) on:click=copy>
                "Copy as Markdown"
            </button>
            <button type="button" id="download-scenario" disabled=move || form.outcome.with(unavailable) on:click=save(Export::Scenario)>
                "Scenario file (JSON)"
            </button>
            <button type="button" id="download-report" disabled=move || form.outcome.with(unavailable) on:click=save(Export::Report)>
                "Report (JSON)"
            </button>
            <button type="button" id="download-csv" disabled=move || form.outcome.with(unavailable) on:click=save(Export::Series)>
                "Storage and traffic series (CSV)"
            </button>
            <p class="share-status" id="export-status" role="status" aria-live="polite">
                {move || status.get()}
            </p>
            </div>
        </details>
        </section>
    }
}

/// The report as `envelope estimate --format markdown` prints it for the
/// page's link (with `--rough` in interview mode).
/// Whether there is nothing to export: no report, or one from an earlier
/// input. (A function the buttons' `disabled` closures call: written as
/// closures, the view! macro gives them one value type.)
fn unavailable(o: &Outcome) -> bool {
    o.stale || o.report.is_none()
}

fn markdown_text(form: Form, rough: bool) -> Option<String> {
    form.outcome.with_untracked(|o| {
        let report = o.report.as_ref().filter(|_| !o.stale)?;
        let link = crate::share::full_url(&link::encode(&o.scenario));
        let simulation = simulate_ranges(&o.scenario).ok()?;
        let options = markdown::Options {
            simulation: simulation.as_ref(),
            rough,
            link: Some(&link),
        };
        Some(markdown::render(report, &o.scenario, options))
    })
}

fn save_markdown(form: Form, text: &str, status: RwSignal<String>) {
    let file = form.outcome.with_untracked(|o| file_stem(&o.scenario)) + ".md";
    status.set(if save_text(&file, "text/markdown", text) {
        ["No clipboard here: saved ", &file, " instead"].concat()
    } else {
        "This browser allows neither copying nor saving".to_owned()
    });
}

/// Buttons that save a chart as the SVG `envelope chart` writes (640 x 360,
/// light) or as a PNG of it at twice that size.
#[component]
pub fn ChartDownloads(form: Form, kind: ChartKind) -> impl IntoView {
    let svg = move || {
        form.outcome.with_untracked(|o| {
            let report = o.report.as_ref()?;
            let file = [file_stem(&o.scenario).as_str(), "-", kind.name()].concat();
            Some((render(kind, report, DEFAULT_SIZE).standalone(), file))
        })
    };
    let title = kind.title();
    view! {
        <div class="chart-downloads">
            <button
                type="button"
                data-download="svg"
                aria-label=["Download the ", title, " chart as SVG"].concat()
                on:click=move |_| {
                    if let Some((svg, file)) = svg() {
                        save_text(&(file + ".svg"), "image/svg+xml", &svg);
                    }
                }
            >
                "SVG"
            </button>
            <button
                type="button"
                data-download="png"
                aria-label=["Download the ", title, " chart as PNG"].concat()
                on:click=move |_| {
                    if let Some((svg, file)) = svg() {
                        save_png(&svg, DEFAULT_SIZE, &(file + ".png"));
                    }
                }
            >
                "PNG"
            </button>
        </div>
    }
}

/// A file name from the scenario's name: letters, digits and dashes, at
/// most 40; `envelope` for a scenario without a name.
fn file_stem(s: &Scenario) -> String {
    let mut stem = String::new();
    for c in s.name.chars() {
        if stem.len() >= 40 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "envelope".to_owned()
    } else {
        stem.to_owned()
    }
}

/// Saves `text` as a download named `file`; false when the browser would not.
fn save_text(file: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|blob| save_blob(&blob, file))
        .is_some()
}

fn save_blob(blob: &web_sys::Blob, file: &str) -> Option<()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let anchor: web_sys::HtmlAnchorElement = web_sys::window()?
        .document()?
        .create_element("a")
        .ok()?
        .dyn_into()
        .ok()?;
    anchor.set_href(&url);
    anchor.set_download(file);
    anchor.click();
    // The download has started from the URL by then; it is only freed.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    Some(())
}

/// Draws `svg` on a canvas at twice its `size`, on white, and saves it as a
/// PNG named `file`.
fn save_png(svg: &str, size: (u32, u32), file: &str) {
    let (width, height) = (size.0 * 2, size.1 * 2);
    let Ok(image) = web_sys::HtmlImageElement::new_with_width_and_height(width, height) else {
        return;
    };
    let file = file.to_owned();
    let drawn = image.clone();
    let onload = Closure::once_into_js(move || {
        let _ = draw_png(&drawn, width, height, file);
    });
    image.set_onload(Some(onload.unchecked_ref()));
    let source = js_sys::encode_uri_component(svg);
    image.set_src(&["data:image/svg+xml;charset=utf-8,", &String::from(source)].concat());
}

fn draw_png(
    image: &web_sys::HtmlImageElement,
    width: u32,
    height: u32,
    file: String,
) -> Option<()> {
    let canvas: web_sys::HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            image,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .ok()?;
    let saved = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        if let Some(blob) = blob {
            let _ = save_blob(&blob, &file);
        }
    });
    canvas
        .to_blob_with_type(saved.unchecked_ref(), "image/png")
        .ok()
}
