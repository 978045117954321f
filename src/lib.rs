//! # envelope-web
//!
//! Envelope's browser app: a one-page capacity calculator. The form's texts
//! go through the core ([`envelope_core::fields::apply`] and
//! [`envelope_core::estimate`]) on every keystroke; the page renders the
//! report, its charts and reference tables. The app computes nothing itself.
//!
//! The page must never panic (a panic kills the wasm app): nothing on a path a
//! user can reach unwraps, and the core is total over any text.

mod availability;
mod charts;
mod compare;
mod draft;
mod drawing;
mod erased;
mod export;
mod field;
mod followup;
mod form;
mod html;
mod inputs;
mod list;
mod print;
mod reference;
mod results;
mod share;
mod uncertainty;
mod visible;

use envelope_core::fields::Setting;
use envelope_core::presets::{self, preset_scenario};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

use crate::charts::Charts;
use crate::erased::Memo;
use crate::form::Form;
use crate::inputs::ScenarioForm;
use crate::list::When;
use crate::reference::Reference;
use crate::results::{Results, Summary};

/// The preset the page opens with.
const FIRST_PRESET: &str = "photo-uploads";

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    print::follow();
    let form = Form::new(preset_scenario(FIRST_PRESET).unwrap_or_default());
    let share = share::Share::start(form);
    // Interview mode travels in links and drafts as the form's `interview`
    // setting: the checkbox and the setting follow each other.
    let interview_text = form.setting(Setting::Interview);
    let interview = RwSignal::new(interview_text.get_untracked() == "on");
    erased::effect(move || {
        let on = interview_text.with(|t| t == "on");
        if interview.get_untracked() != on {
            interview.set(on);
        }
    });
    erased::effect(move || {
        let text = if interview.get() { "on" } else { "" };
        if interview_text.with_untracked(|t| t != text) {
            interview_text.set(text.to_owned());
        }
    });
    let simulating = uncertainty::simulated(form);
    let simulated = simulating.result;
    // The page is built in stages, each in a task of its own after the
    // previous one is painted, so that no task keeps the browser busy for
    // long (a phone's main thread is several times slower than a laptop's)
    // and the first result does not wait for the rest: first the header,
    // the presets and the summary (the headline figures); then the form, a
    // group of fields a stage; then the detailed results, uncertainty,
    // charts, availability, follow-up questions and reference tables. The
    // first and the last stage record when they reached the screen, for the
    // browser tests' timings.
    let stage = erased::RwSignal::new(0usize);
    // An effect runs once the first stage is in the DOM.
    erased::effect(move || {
        after_paint(move || {
            record_time("__envelope_first_result_ms");
            build_next_stage(stage);
        });
    });
    let after_form = inputs::GROUPS;
    let shown = move |part: usize| Memo::new(move |_| stage.get() > after_form + part);
    view! {
        <a class="skip" href="#results-title">"Skip to results"</a>
        // The title and tagline are in index.html, painted before the app
        // runs; the app adds the controls under them.
        <div class="top-controls">
            <Presets share />
            <share::ShareBar share />
            <export::ExportBar form interview />
        </div>
        <main class="layout" class:interview=move || interview.get()>
            <form class="inputs" aria-label="Scenario" on:submit=|ev| ev.prevent_default()>
                <h2>"Scenario"</h2>
                <compare::EditingToggle share />
                <ScenarioForm form groups_shown=stage />
            </form>
            <print::PrintHead form />
            // First on a phone (CSS grid areas), so the headline figures
            // sit right under the presets.
            <Summary form interview simulated side=share.side() />
            <div class="outputs">
                <compare::ComparePanel share />
                <When when=shown(0)>
                    <Results form interview simulated />
                </When>
                <When when=shown(1)>
                    <uncertainty::UncertaintySection form simulating />
                </When>
                <When when=shown(2)>
                    <Charts form />
                </When>
            </div>
        </main>
        <When when=shown(3)>
            <availability::AvailabilitySection form />
        </When>
        <When when=shown(4)>
            <followup::FollowupSection form />
        </When>
        <When when=shown(5)>
            <Reference form />
        </When>
        <footer>
            <p>"Envelope runs entirely in this page: no network requests after loading, no tracking."</p>
        </footer>
    }
}

/// Buttons that load a preset into the form, each as a new history entry
/// (Back undoes it); the form stays editable.
#[component]
fn Presets(share: share::Share) -> impl IntoView {
    let buttons = presets::presets()
        .into_iter()
        .map(|p| {
            view! {
                <li>
                    <button
                        type="button"
                        data-preset=p.key
                        title=p.description
                        on:click=move |_| {
                            if let Some(s) = preset_scenario(p.key) {
                                share.load_preset(s);
                            }
                        }
                    >
                        {p.title}
                    </button>
                </li>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    // One control on a phone, so that the first screen shows the answer
    // rather than a wall of buttons; open where there is room for them.
    view! {
        <nav class="presets" aria-label="Presets">
            <details open=wide_window()>
                <summary>
                    <h2>"Start from a preset"</h2>
                </summary>
                <ul>{buttons}</ul>
            </details>
        </nav>
    }
}

/// The window width from which the page lays out in two columns: the
/// stylesheet's `min-width: 62rem` at the default 16 px font size.
const WIDE_LAYOUT_PX: f64 = 992.0;

/// Whether the window is wide enough for two columns: the header's groups
/// of buttons (presets, exports) start open there and folded on a phone.
pub(crate) fn wide_window() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= WIDE_LAYOUT_PX)
}

/// The parts of the page built after the form, a stage each: results,
/// uncertainty, charts, availability, follow-up questions, reference.
const PARTS_AFTER_FORM: usize = 6;

/// The stages after the first: the form's groups, then the parts after it.
const LAST_STAGE: usize = inputs::GROUPS + PARTS_AFTER_FORM;

/// Shows the next stage of the page once the browser has painted the
/// current one, and so on to the last; then marks the page ready.
fn build_next_stage(stage: erased::RwSignal<usize>) {
    stage.update(|s| *s += 1);
    after_paint(move || {
        if stage.get_untracked() < LAST_STAGE {
            build_next_stage(stage);
        } else {
            record_time("__envelope_whole_page_ms");
            mark_ready();
        }
    });
}

/// Runs `f` once the browser has painted the DOM as it is now: it paints
/// right after running its animation-frame callbacks, so a task queued from
/// one of them runs after that paint.
fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}

/// Sets `window[name]` to the milliseconds since navigation. Best effort: a
/// failure changes nothing a user sees.
fn record_time(name: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let ms = window.performance().map(|p| p.now()).unwrap_or(-1.0);
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str(name), &JsValue::from_f64(ms));
}

/// Sets `data-ready` on `<html>` once the whole page is built, for the
/// browser tests to wait on.
fn mark_ready() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("data-ready", "true");
    }
}
