//! Side-by-side comparison: the "Editing: A | B" switch over the one form,
//! and the table of every figure of both reports with their differences
//! ([`envelope_core::compare::compare`]).

use envelope_core::compare::{compare, Delta};
use envelope_core::format;
use envelope_core::Kind;
use envelope_core::{Conventions, Measure};
use leptos::prelude::*;

use crate::share::Share;

/// The minus sign used in differences (U+2212).
const MINUS: &str = "\u{2212}";

/// Which scenario the form edits while comparing.
#[component]
pub fn EditingToggle(share: Share) -> impl IntoView {
    let button = move |b: bool, label: &'static str| {
        view! {
            <button
                type="button"
                data-side=if b { "b" } else { "a" }
                aria-pressed=move || (share.editing_b.get() == b).to_string()
                on:click=move |_| share.edit(b)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="editing" role="group" aria-label="Scenario being edited" hidden=move || !share.comparing.get()>
            <span>"Editing:"</span>
            {button(false, "A")}
            {button(true, "B")}
        </div>
    }
}

/// The comparison table, while comparing.
#[component]
pub fn ComparePanel(share: Share) -> impl IntoView {
    move || {
        let (a, b) = share.reports()?;
        let body = match (a, b) {
            (Some(a), Some(b)) => {
                let conventions = a.conventions;
                let rows = compare(&a, &b)
                    .into_iter()
                    .map(|d| row(&d, &conventions))
                    .collect_view();
                view! {
                    <table class="compare-table">
                        <thead>
                            <tr>
                                <th scope="col">"Figure"</th>
                                <th scope="col">"A"</th>
                                <th scope="col">"B"</th>
                                <th scope="col">"B − A"</th>
                                <th scope="col">"Change"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }
            _ => view! { <p>"One of the scenarios cannot be estimated yet: fix its errors to compare."</p> }
                .into_any(),
        };
        Some(view! {
            <section class="compare" aria-labelledby="compare-title">
                <h2 id="compare-title">"Comparison: A and B"</h2>
                <p class="compare-help">
                    "B started as a copy of A. Use “Editing: A | B” above the scenario to change either; the link holds both."
                </p>
                <button type="button" id="close-compare" on:click=move |_| share.close_compare()>
                    "Close comparison"
                </button>
                {body}
            </section>
        })
    }
}

fn row(d: &Delta, conventions: &Conventions) -> impl IntoView {
    let value = |m: &Option<Measure>| {
        m.as_ref()
            .map_or_else(|| "—".to_owned(), |m| format::measure(m, conventions))
    };
    let kind = d.a.or(d.b).map(|m| m.kind());
    view! {
        <tr data-key=d.key.clone()>
            <th scope="row">{d.label.clone()}</th>
            <td class="a">{value(&d.a)}</td>
            <td class="b">{value(&d.b)}</td>
            <td class="absolute">{absolute(d.absolute, kind, conventions)}</td>
            <td class="percent">{percent(d.percent)}</td>
        </tr>
    }
}

/// `b - a` in the figure's unit with its sign, or "—".
fn absolute(value: Option<f64>, kind: Option<Kind>, conventions: &Conventions) -> String {
    let (Some(v), Some(kind)) = (value, kind) else {
        return "—".to_owned();
    };
    let magnitude = format::measure(&of_kind(kind, v.abs()), conventions);
    signed(v, magnitude)
}

/// A percentage change with one decimal and its sign, or "—".
pub fn percent(value: Option<f64>) -> String {
    let Some(p) = value.filter(|p| p.is_finite()) else {
        return "—".to_owned();
    };
    let digits = format!("{:.1}", p.abs());
    if digits == "0.0" {
        return "0%".to_owned();
    }
    signed(p, digits + "%")
}

fn signed(value: f64, magnitude: String) -> String {
    if value > 0.0 {
        ["+", &magnitude].concat()
    } else if value < 0.0 {
        [MINUS, &magnitude].concat()
    } else {
        magnitude
    }
}

fn of_kind(kind: Kind, v: f64) -> Measure {
    match kind {
        Kind::Count => Measure::Count(v),
        Kind::Rate => Measure::per_second(v),
        Kind::Data => Measure::data_bytes(v),
        Kind::DataRate => Measure::bytes_per_second(v),
        Kind::Duration => Measure::seconds(v),
        Kind::Fraction => Measure::Fraction(v),
        Kind::Multiplier => Measure::Multiplier(v),
        Kind::Money => Measure::Money(v),
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_have_signs() {
        assert_eq!(percent(Some(-100.0 / 3.0)), "\u{2212}33.3%");
        assert_eq!(percent(Some(20.0)), "+20.0%");
        assert_eq!(percent(Some(0.01)), "0%");
        assert_eq!(percent(None), "—");
    }
}
