//! Side-by-side comparison: the "Editing: A | B" switch over the one form,
//! the largest changes, and the table of both reports' figures grouped by
//! section (a request class's section is named after it), only the changed
//! ones unless the user asks for all ([`envelope_core::compare::compare`]).

use envelope_core::compare::{compare, largest_changes, Delta};
use envelope_core::decimal::Decimal;
use envelope_core::format;
use envelope_core::Kind;
use envelope_core::{Conventions, Measure};
use leptos::prelude::*;

use crate::html::Html;
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

/// How many of the largest changes are listed above the table.
const TOP_CHANGES: usize = 5;

/// The comparison table, while comparing.
#[component]
pub fn ComparePanel(share: Share) -> impl IntoView {
    let show_all = RwSignal::new(false);
    move || {
        let (a, b) = share.reports()?;
        let body = match (a, b) {
            (Some(a), Some(b)) => {
                let conventions = a.conventions;
                let deltas = compare(&a, &b);
                let changed = deltas.iter().filter(|d| d.changed()).count();
                let mut top = Html::new();
                for d in largest_changes(&deltas, TOP_CHANGES) {
                    let kind = d.a.or(d.b).map(|m| m.kind());
                    let change = match d.percent {
                        Some(_) => [
                            percent(d.percent),
                            " (".into(),
                            absolute(d.absolute, kind, &conventions),
                            ")".into(),
                        ]
                        .concat(),
                        None if d.a.is_none() => "only in B".to_owned(),
                        None if d.b.is_none() => "only in A".to_owned(),
                        None => absolute(d.absolute, kind, &conventions),
                    };
                    top.open("li", &[("data-key", Some(&d.key))])
                        .text(&[d.section.as_str(), ": ", d.label.as_str(), " "].concat())
                        .element("strong", &[], &change)
                        .close("li");
                }
                let all = show_all.get();
                let mut table = Html::new();
                table.open("thead", &[]).open("tr", &[]);
                for head in ["Figure", "A", "B", "B − A", "Change"] {
                    table.element("th", &[("scope", Some("col"))], head);
                }
                table.close("tr").close("thead");
                let mut section: Option<&str> = None;
                for d in deltas.iter().filter(|d| all || d.changed()) {
                    if section != Some(d.section.as_str()) {
                        if section.is_some() {
                            table.close("tbody");
                        }
                        section = Some(d.section.as_str());
                        table
                            .open("tbody", &[])
                            .open("tr", &[("class", Some("group"))])
                            .element("th", &[("scope", Some("colgroup")), ("colspan", Some("5"))], &d.section)
                            .close("tr");
                    }
                    row(&mut table, d, &conventions);
                }
                if section.is_some() {
                    table.close("tbody");
                }
                let count = format!(
                    "{changed} of {} figures differ{}.",
                    deltas.len(),
                    if all { "" } else { "; the table shows those" }
                );
                view! {
                    <h3>"Largest changes, B against A"</h3>
                    <ol class="compare-top" inner_html=top.finish()></ol>
                    <p class="compare-count">
                        {count} " "
                        <label class="switch">
                            <input
                                type="checkbox"
                                id="compare-all"
                                prop:checked=all
                                on:change=move |ev| show_all.set(event_target_checked(&ev))
                            />
                            " Show every figure"
                        </label>
                    </p>
                    <table class="compare-table" inner_html=table.finish()></table>
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
                    "B started as a copy of A. Use “Editing: A | B” above the scenario to change either; the link holds both. The summary and the results show the scenario being edited."
                </p>
                <button type="button" id="close-compare" on:click=move |_| share.close_compare()>
                    "Close comparison"
                </button>
                {body}
            </section>
        })
    }
}

/// A figure's row: its label, both values, the difference and the change.
fn row(table: &mut Html, d: &Delta, conventions: &Conventions) {
    let value = |m: &Option<Measure>| {
        m.as_ref()
            .map_or_else(|| "—".to_owned(), |m| format::measure(m, conventions))
    };
    let kind = d.a.or(d.b).map(|m| m.kind());
    table
        .open(
            "tr",
            &[
                ("data-key", Some(&d.key)),
                ("class", d.changed().then_some("changed")),
            ],
        )
        .element("th", &[("scope", Some("row"))], &d.label)
        .element("td", &[("class", Some("a"))], &value(&d.a))
        .element("td", &[("class", Some("b"))], &value(&d.b))
        .element(
            "td",
            &[("class", Some("absolute"))],
            &absolute(d.absolute, kind, conventions),
        )
        .element("td", &[("class", Some("percent"))], &percent(d.percent))
        .close("tr");
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
    let digits = format!("{:.1}", Decimal(p.abs()));
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
