//! The report: a summary strip of the headline figures, then every section
//! and figure the core produced, each with its arithmetic ("show your work")
//! and, in interview mode, its rough powers-of-ten value and the working
//! behind it.
//!
//! Rendering is generic over the report's sections, so a figure the core adds
//! shows up here with no change. Rows are keyed by figure key: typing updates
//! the text in place, and an open "show your work" stays open.
//!
//! A figure's arithmetic is written only while its "show your work" is open,
//! and its rough value only in interview mode: otherwise every keystroke
//! would format and send to the page about twice the text anyone can see.

use envelope_core::{format, keys, Bound, Conventions, Report, Rough};
use leptos::prelude::*;

use crate::erased::{self, Memo};
use crate::form::Form;
use crate::list::keyed;
use crate::uncertainty::{spread_text, Simulated};

/// One figure as text.
#[derive(Clone, Default, PartialEq)]
struct Shown {
    label: String,
    value: String,
    /// Bits per second beside bytes per second.
    alternate: Option<String>,
}

fn shown(report: &Report, key: &str) -> Option<Shown> {
    let figure = report.figure(key)?;
    let c = &report.conventions;
    Some(Shown {
        label: figure.label.clone(),
        value: format::measure(&figure.value, c),
        alternate: format::measure_alternate(&figure.value, c),
    })
}

/// The rough value of figure `key` (`working` false), or the working
/// behind it (`working: 3 x 10^7 requests/day / 10^5 s/day = 300 /s`, for
/// the figures the core gives one), in interview mode only. Tracks the
/// report only while interview mode is on. One function for both, so the
/// page holds one copy of the code that renders them.
fn rough_when(
    form: Form,
    interview: RwSignal<bool>,
    key: String,
    working: bool,
) -> impl Fn() -> Option<String> {
    move || {
        if !interview.get() {
            return None;
        }
        form.outcome.with(|o| {
            let report = o.report.as_ref()?;
            let rough = report.figure(&key)?.rough.as_ref()?;
            if working {
                Some(["working: ", rough.working.as_deref()?].concat())
            } else {
                Some(rough_text(rough, &report.conventions))
            }
        })
    }
}

fn rough_text(rough: &Rough, c: &Conventions) -> String {
    let mut text = String::from("rough ≈ ");
    text += &format::measure(&rough.value, c);
    match rough.error_percent {
        Some(e) => {
            text += " (";
            text += &format::error_percent(Some(e));
            text += " off)";
        }
        None => text += " (exact value is zero)",
    }
    text
}

/// A figure's text, recomputed only when the report changes it.
fn shown_memo(form: Form, key: String) -> Memo<Shown> {
    Memo::new(move |_| {
        form.outcome
            .with(|o| o.report.as_ref().and_then(|r| shown(r, &key)))
            .unwrap_or_default()
    })
}

/// The headline figures, the active conventions and the interview switch.
#[component]
pub fn Summary(
    form: Form,
    interview: RwSignal<bool>,
    simulated: erased::ReadSignal<Option<Simulated>>,
    /// While comparing, the scenario shown: `A` or `B`.
    side: Memo<Option<&'static str>>,
) -> impl IntoView {
    let cards = keys::HEADLINES
        .iter()
        .map(|&key| {
            let s = shown_memo(form, key.to_owned());
            let spread = spread_memo(simulated, key.to_owned());
            let bound = move || {
                (key == keys::APP_SERVERS)
                    .then(|| {
                        form.outcome.with(|o| {
                            o.report.as_ref().map(|r| {
                                // Owned text, as the card's other texts: one
                                // type of reactive text in the page's wasm.
                                match r.server_bound {
                                    Bound::Requests => "bound by requests/s",
                                    Bound::Bandwidth => "bound by network bandwidth",
                                    Bound::Connections => "bound by concurrent connections",
                                }
                                .to_owned()
                            })
                        })
                    })
                    .flatten()
            };
            let rough = rough_when(form, interview, key.to_owned(), false);
            view! {
                <div class="card" data-key=key hidden=move || s.with(|s| s.label.is_empty())>
                    <span class="label">{move || s.with(|s| s.label.clone())}</span>
                    <span class="value">{move || s.with(|s| s.value.clone())}</span>
                    <span class="alt">{move || s.with(|s| s.alternate.clone())}</span>
                    <span class="alt">{bound}</span>
                    <span class="rough">{rough}</span>
                    <span class="spread">{move || spread.get()}</span>
                </div>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    let conventions = move || form.outcome.with(|o| o.scenario.conventions.describe());
    let stale = move || form.outcome.with(|o| o.stale);
    view! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">"Summary"</h2>
            <p class="summary-side" id="summary-side" hidden=move || side.get().is_none()>
                {move || side.get().map(|side| ["Scenario ", side, " (the one being edited)"].concat())}
            </p>
            <div class="cards">{cards}</div>
            <p class="conventions">
                <strong>"Conventions: "</strong>
                <span id="active-conventions">{conventions}</span>
            </p>
            <label class="switch">
                <input
                    type="checkbox"
                    role="switch"
                    id="interview-mode"
                    prop:checked=move || interview.get()
                    on:change=move |ev| interview.set(event_target_checked(&ev))
                />
                " Interview mode: show the rough powers-of-ten figure and its error beside each result"
            </label>
            <p class="stale" role="status" hidden=move || !stale()>
                "Some inputs cannot be estimated yet; the results below are from the last valid input."
            </p>
        </section>
    }
}

/// A figure's percentiles as text, when the scenario has ranges.
fn spread_memo(
    simulated: erased::ReadSignal<Option<Simulated>>,
    key: String,
) -> Memo<Option<String>> {
    Memo::new(move |_| simulated.with(|s| s.as_ref().and_then(|s| spread_text(s, &key))))
}

/// Every section of the report.
#[component]
pub fn Results(
    form: Form,
    interview: RwSignal<bool>,
    simulated: erased::ReadSignal<Option<Simulated>>,
) -> impl IntoView {
    // Section keys, titles and figure keys: the DOM follows this layout.
    let layout = Memo::new(move |_| {
        form.outcome.with(|o| {
            o.report
                .as_ref()
                .map(|r| {
                    r.sections
                        .iter()
                        .map(|s| {
                            let keys: Vec<String> =
                                s.figures.iter().map(|f| f.key.clone()).collect();
                            (s.key.clone(), s.title.clone(), keys)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let section_keys = Memo::new(move |_| layout.with(|l| l.iter().map(|s| s.0.clone()).collect()));
    let figure_row =
        move |key: String| view! { <FigureRow form interview simulated key /> }.into_any();
    let section = move |key: String| {
        let heading_id = ["sec-", key.as_str()].concat();
        let labelled_by = heading_id.clone();
        let k = key.clone();
        let title = move || layout.with(|l| l.iter().find(|s| s.0 == k).map(|s| s.1.clone()));
        let figure_keys = Memo::new(move |_| {
            layout
                .with(|l| l.iter().find(|s| s.0 == key).map(|s| s.2.clone()))
                .unwrap_or_default()
        });
        view! {
            <section class="result-section" aria-labelledby=labelled_by>
                <h3 id=heading_id>{title}</h3>
                <dl node_ref=keyed(figure_keys, figure_row)></dl>
            </section>
        }
        .into_any()
    };
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title">"Results"</h2>
            <div class="result-sections" node_ref=keyed(section_keys, section)></div>
        </section>
    }
}

#[component]
fn FigureRow(
    form: Form,
    interview: RwSignal<bool>,
    simulated: erased::ReadSignal<Option<Simulated>>,
    key: String,
) -> impl IntoView {
    let s = shown_memo(form, key.clone());
    let spread = spread_memo(simulated, key.clone());
    let rough = rough_when(form, interview, key.clone(), false);
    // Classed as the rough value too, so it shows in interview mode only.
    let working = rough_when(form, interview, key.clone(), true);
    let open = RwSignal::new(false);
    let k = key.clone();
    let printing = crate::print::printing();
    let derivation = move || {
        if !open.get() && !printing() {
            return None;
        }
        form.outcome
            .with(|o| Some(o.report.as_ref()?.figure(&k)?.derivation.clone()))
    };
    view! {
        <div class="figure" data-key=key>
            <dt>{move || s.with(|s| s.label.clone())}</dt>
            <dd>
                <span class="value">{move || s.with(|s| s.value.clone())}</span>
                <span class="alt">{move || s.with(|s| s.alternate.clone())}</span>
                <span class="rough">{rough}</span>
                " "
                <span class="rough rough-working">{working}</span>
                <span class="spread">{move || spread.get()}</span>
                <details on:toggle=move |ev| {
                    open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
                }>
                    <summary>"Show your work"</summary>
                    <p class="derivation">{derivation}</p>
                </details>
            </dd>
        </div>
    }
}
