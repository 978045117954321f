//! The follow-up questions: the core's calculators
//! ([`envelope_core::followup`]), each folded until opened, prefilled from
//! the scenario and saying so, every input overridable.
//!
//! An input's text lives in the form ([`Form::followup_text`]), so it
//! travels in links and drafts; an empty text leaves the input to the
//! scenario or the calculator's default, shown as the placeholder. A
//! calculator computes only while it is open: closed, it costs a keystroke
//! nothing.

use envelope_charts::{bloom_chart, p99_chart, Chart, CurveMark};
use envelope_core::fields::{FollowupField, Input};
use envelope_core::followup::{self, Calculator, Origin, Outcome};
use envelope_core::{estimate_numbers, format, FollowupValue};
use leptos::prelude::*;

use crate::charts::without_style_elements;
use crate::drawing::Drawing;
use crate::erased::Memo;
use crate::field::LabelledField;
use crate::form::Form;
use crate::html::Html;
use crate::list::When;
use crate::visible::{chart_size, drawn_width, ElementRef};

/// The whole section: one folded part per calculator.
#[component]
pub fn FollowupSection(form: Form) -> impl IntoView {
    let parts = Calculator::ALL
        .into_iter()
        .map(|calculator| view! { <CalculatorPart form calculator /> })
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <section class="followup" aria-labelledby="followup-title">
            <h2 id="followup-title">"Follow-up questions"</h2>
            <p class="help">
                "The questions a design review asks next, each prefilled from the scenario where it can be. Leave an input empty to take it from the scenario (or the calculator's default, shown greyed); what you type travels in the share link."
            </p>
            {parts}
        </section>
    }
}

/// One calculator: a `<details>` whose body exists only while it is open.
#[component]
fn CalculatorPart(form: Form, calculator: Calculator) -> impl IntoView {
    let key = calculator.key();
    let open = RwSignal::new(false);
    view! {
        <details
            class="followup-calc"
            data-calculator=key
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>
                <strong>{calculator.title()}</strong>
                ": "
                {calculator.question()}
            </summary>
            <When when=Memo::new(move |_| open.get())>
                <CalculatorBody form calculator />
            </When>
        </details>
    }
}

/// A calculator's inputs, notes, figures and chart.
#[component]
fn CalculatorBody(form: Form, calculator: Calculator) -> impl IntoView {
    // The scenario's figures as plain numbers (the core's fast path) on
    // every change; an input that cannot be estimated keeps the last
    // outcome.
    let outcome = Memo::new(move |previous: Option<&Option<Outcome>>| {
        form.outcome
            .with(|o| {
                let numbers = estimate_numbers(&o.scenario).ok()?;
                Some(followup::run(calculator, &o.scenario, &numbers))
            })
            .or_else(|| previous.cloned().flatten())
    });
    let inputs = calculator
        .fields()
        .map(|field| view! { <FollowupInput form field outcome /> })
        .map(IntoAny::into_any)
        .collect_view();
    let reset = move |_| {
        for field in calculator.fields() {
            if let Some(text) = form.followup_text(field.key) {
                if text.with_untracked(|t| !t.is_empty()) {
                    text.set(String::new());
                }
            }
        }
    };
    let notes = move || {
        let mut notes = Html::new();
        outcome.with(|o| {
            for note in o.iter().flat_map(|o| &o.notes) {
                let origin = match note.origin {
                    Origin::Scenario => "scenario",
                    Origin::Set => "set",
                };
                notes.element(
                    "li",
                    &[
                        ("data-origin", Some(origin)),
                        ("data-field", Some(note.field)),
                    ],
                    &note.text,
                );
            }
        });
        notes.finish()
    };
    // Problems that no input shows: across inputs, or the section's own.
    let problems = move || {
        let mut problems = Html::new();
        outcome.with(|o| {
            let errors = o.iter().filter_map(|o| o.section.as_ref().err()).flatten();
            for e in errors.filter(|e| !calculator.fields().any(|f| f.key == e.field)) {
                problems.element(
                    "p",
                    &[("class", Some("error")), ("role", Some("alert"))],
                    &e.message,
                );
            }
        });
        problems.finish()
    };
    let figures = move || {
        let mut figures = Html::new();
        let c = form.outcome.with(|o| o.scenario.conventions);
        outcome.with(|o| {
            let section = o.iter().filter_map(|o| o.section.as_ref().ok());
            for f in section.flat_map(|s| &s.figures) {
                figures
                    .open(
                        "div",
                        &[("class", Some("figure")), ("data-key", Some(&f.key))],
                    )
                    .element("dt", &[], &f.label)
                    .open("dd", &[])
                    .element(
                        "span",
                        &[("class", Some("value"))],
                        &format::measure(&f.value, &c),
                    )
                    .element("p", &[("class", Some("derivation"))], &f.derivation)
                    .close("dd")
                    .close("div");
            }
        });
        figures.finish()
    };
    // (svg, text alternative), empty for a calculator without a curve: the
    // type the page's other charts use.
    let shown = ElementRef::new();
    let width = drawn_width(shown);
    let chart = Memo::new(move |_| {
        let size = chart_size(width.get(), 0.6, (260, 480));
        outcome
            .with(|o| o.as_ref().and_then(|o| curve(o, size)))
            .map(|c| (without_style_elements(c.svg), c.alt))
            .unwrap_or_default()
    });
    let chart_id = ["fu-chart-", calculator.key()].concat();
    let labelled_by = chart_id.clone();
    view! {
        <div class="followup-body">
            <div class="followup-inputs">{inputs}</div>
            <button type="button" class="followup-reset" on:click=reset>
                "Take every input from the scenario again"
            </button>
            <ul class="followup-notes" aria-label="Where the inputs came from" inner_html=notes></ul>
            <div class="followup-problems" inner_html=problems></div>
            <dl class="followup-figures" inner_html=figures></dl>
            <When when=Memo::new(move |_| chart.with(|c| !c.0.is_empty()))>
                <figure class="chart followup-chart" aria-labelledby=labelled_by.clone()>
                    <div node_ref=shown>
                        <Drawing svg=Memo::new(move |_| chart.with(|c| c.0.clone())) />
                    </div>
                    <figcaption id=chart_id.clone()>
                        <span class="chart-alt">
                            {move || chart.with(|c| c.1.clone())}
                        </span>
                    </figcaption>
                </figure>
            </When>
        </div>
    }
}

/// One input: its text, with the value in use as the placeholder.
#[component]
fn FollowupInput(
    form: Form,
    field: &'static FollowupField,
    outcome: Memo<Option<Outcome>>,
) -> impl IntoView {
    // Every follow-up field has a text in the form (both come from
    // FOLLOWUP_FIELDS); a detached one would only never travel.
    let text = form
        .followup_text(field.key)
        .unwrap_or_else(|| RwSignal::new(String::new()));
    let in_use = Memo::new(move |_| {
        outcome
            .with(|o| {
                let input = o
                    .as_ref()?
                    .inputs
                    .iter()
                    .find(|i| i.field.key == field.key)?;
                let c = form.outcome.with(|o| o.scenario.conventions);
                let value = field.value_text(&input.value, &c);
                Some(match (field.input, input.origin) {
                    // A choice shows its option, not a placeholder.
                    (Input::Choice(_), _) => value,
                    (_, Some(Origin::Scenario)) => {
                        [value.as_str(), " (from the scenario)"].concat()
                    }
                    (_, _) => [value.as_str(), " (default)"].concat(),
                })
            })
            .unwrap_or_default()
    });
    let error = Memo::new(move |_| {
        form.status.with(|s| s.error(field.key)).or_else(|| {
            outcome.with(|o| {
                let errors = o.as_ref()?.section.as_ref().err()?;
                errors
                    .iter()
                    .find(|e| e.field == field.key)
                    .map(|e| e.message.clone())
            })
        })
    });
    let options = match field.input {
        Input::Choice(options) => options,
        _ => &[],
    };
    let id = ["fu-", &field.key.replace('.', "-")].concat();
    view! {
        <div class="field">
            <LabelledField
                id
                label=field.label
                text
                error
                options
                unit=field.unit
                help=field.help
                placeholder=Some(in_use)
            />
        </div>
    }
}

/// The chart of a calculator whose curve says more than its numbers: the
/// Bloom filter's rate by bits per item, the queue's p99 by utilisation.
fn curve(outcome: &Outcome, size: (u32, u32)) -> Option<Chart> {
    let section = outcome.section.as_ref().ok()?;
    let figure = |key: &str| {
        section
            .figures
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.base_value())
    };
    let input = |key: &str| {
        outcome
            .inputs
            .iter()
            .find(|i| i.field.key == key)
            .and_then(|i| match i.value {
                FollowupValue::Number(v) => Some(v),
                FollowupValue::Text(_) => None,
            })
    };
    let mark = |label: &str, x: Option<f64>, y: Option<f64>| {
        Some(CurveMark {
            label: label.to_owned(),
            x: x?,
            y: y?,
        })
    };
    let chart = match outcome.calculator {
        Calculator::Bloom => {
            let marks: Vec<CurveMark> = [
                mark(
                    "Sized filter",
                    figure("bloom.bits_per_item"),
                    figure("bloom.rate"),
                ),
                mark(
                    "Given filter",
                    input("bloom.bits_per_item"),
                    figure("bloom.reverse_rate"),
                ),
            ]
            .into_iter()
            .flatten()
            .collect();
            bloom_chart(&marks, size)
        }
        Calculator::Latency => {
            let servers = input("latency.servers")?;
            let rate = input("latency.service_rate")?;
            let now = mark(
                "Your servers",
                figure("latency.utilisation"),
                figure("latency.p99"),
            );
            // Whole and within u32: the field takes whole counts up to
            // the core's MAX_SERVERS.
            p99_chart(servers as u32, rate, now, size)
        }
        _ => return None,
    };
    Some(chart)
}
