//! Side-by-side comparison: the "Editing: A | B" switch over the one form,
//! the largest changes, and the table of both reports' figures grouped by
//! section (a request class's section is named after it), only the changed
//! ones unless the user asks for all ([`envelope_core::compare::compare`]).

use envelope_core::compare::{compare, largest_changes, Delta};
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
                let top = largest_changes(&deltas, TOP_CHANGES)
                    .into_iter()
                    .map(|d| {
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
                        view! {
                            <li data-key=d.key.clone()>
                                {[d.section.as_str(), ": ", d.label.as_str(), " "].concat()}
                                <strong>{change}</strong>
                            </li>
                        }
                    })
                    .collect_view();
                let all = show_all.get();
                let mut groups: Vec<(String, Vec<&Delta>)> = Vec::new();
                for d in deltas.iter().filter(|d| all || d.changed()) {
                    match groups.last_mut() {
                        Some((section, rows)) if *section == d.section => rows.push(d),
                        _ => groups.push((d.section.clone(), vec![d])),
                    }
                }
                let groups = groups
                    .into_iter()
                    .map(|(section, rows)| {
                        let rows = rows.into_iter().map(|d| row(d, &conventions)).collect_view();
                        view! {
                            <tbody>
                                <tr class="group">
                                    <th scope="colgroup" colspan="5">{section}</th>
                                </tr>
                                {rows}
                            </tbody>
                        }
                    })
                    .collect_view();
                let count = format!(
                    "{changed} of {} figures differ{}.",
                    deltas.len(),
                    if all { "" } else { "; the table shows those" }
                );
                view! {
                    <h3>"Largest changes, B against A"</h3>
                    <ol class="compare-top">{top}</ol>
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
                        {groups}
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

fn row(d: &Delta, conventions: &Conventions) -> impl IntoView {
    let value = |m: &Option<Measure>| {
        m.as_ref()
            .map_or_else(|| "—".to_owned(), |m| format::measure(m, conventions))
    };
    let kind = d.a.or(d.b).map(|m| m.kind());
    view! {
        <tr data-key=d.key.clone() class:changed=d.changed()>
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
