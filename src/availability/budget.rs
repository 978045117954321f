//! The error budget: an SLO (the target unless given), its window and an
//! observed error rate, and what they allow: the budget as time and as
//! failed requests, the burn rate, and the workbook's burn-rate alerts.

use envelope_core::availability::{
    parse_error_rate, parse_window, AlertSeverity, Availability, BurnRateAlert, Slo,
};
use envelope_core::{format, Conventions, Measure};
use leptos::prelude::*;

use super::{named, read_target};
use crate::erased::Memo;
use crate::field::LabelledField;
use crate::html::Html;

/// The SLO window the panel opens with.
const FIRST_WINDOW: &str = "30d";
/// The observed error rate it opens with.
const FIRST_ERROR_RATE: &str = "0.5%";

/// A fraction as a percentage, `0.5%`.
fn percent(fraction: f64) -> String {
    format::measure(&Measure::Fraction(fraction), &Conventions::default())
}

/// A count for people, `1.2 M`.
fn count(value: f64) -> String {
    format::measure(&Measure::Count(value), &Conventions::default())
}

/// The SLO's inputs and what its budget allows.
#[component]
pub(super) fn BudgetPanel(
    target: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
    requests_per_day: Memo<Option<f64>>,
) -> impl IntoView {
    let slo_text = RwSignal::new(String::new());
    let window_text = RwSignal::new(FIRST_WINDOW.to_owned());
    let rate_text = RwSignal::new(FIRST_ERROR_RATE.to_owned());
    let objective = Memo::new(move |_| {
        let c = conventions.get();
        slo_text.with(|t| {
            if t.trim().is_empty() {
                target
                    .get()
                    .ok_or_else(|| "SLO: give an objective, e.g. 99.9%".to_owned())
            } else {
                read_target("SLO", t, &c)
            }
        })
    });
    let window = Memo::new(move |_| {
        let c = conventions.get();
        window_text.with(|t| named("SLO window", parse_window(t, &c)))
    });
    let rate =
        Memo::new(move |_| rate_text.with(|t| named("Observed error rate", parse_error_rate(t))));
    // Field errors show at their fields; this is only what Slo::new refuses.
    let slo = Memo::new(move |_| match (objective.get(), window.get()) {
        (Ok(a), Ok(w)) => Some(Slo::new(a, w).map_err(|e| ["SLO: ", &e.message].concat())),
        _ => None,
    });
    let slo_error = Memo::new(move |_| objective.with(|o| o.as_ref().err().cloned()));
    let window_error = Memo::new(move |_| window.with(|w| w.as_ref().err().cloned()));
    let rate_error = Memo::new(move |_| rate.with(|r| r.as_ref().err().cloned()));
    let placeholder = move || {
        target
            .get()
            .map(|a| ["same as the target, ", &a.to_string()].concat())
            .unwrap_or_default()
    };
    let valid = move || slo.get().and_then(Result::ok);
    let budget_time = move || {
        valid().map(|s| {
            format!(
                "{} of full downtime in {}",
                format::duration(s.budget_seconds()),
                format::duration(s.window_seconds)
            )
        })
    };
    let budget_requests = move || {
        let s = valid()?;
        let per_day = requests_per_day.get()?;
        let requests = s.requests_in_window(per_day);
        let failed = s.budget_requests(requests).ok()?;
        Some(format!(
            "{} failed requests of {} in the window (the scenario's {} requests a day)",
            count(failed),
            count(requests),
            count(per_day)
        ))
    };
    let burn = move || {
        let s = valid()?;
        let r = rate.get().ok()?;
        let burn = s.burn_rate(r).ok()?;
        let left = s.seconds_to_exhaustion(r, 1.0).ok()?;
        Some(if left.is_infinite() {
            "Burn rate 0x: with no errors the budget is never spent.".to_owned()
        } else {
            format!(
                "Burn rate {}: a full budget is gone in {}.",
                format::measure(&Measure::Multiplier(burn), &Conventions::default()),
                format::duration(left)
            )
        })
    };
    let refused = move || slo.get().and_then(Result::err);
    let alerts = Memo::new(move |_| valid().map(|s| s.burn_rate_alerts()).unwrap_or_default());
    view! {
        <div class="av-panel av-budget">
            <h3>"Error budget"</h3>
            <div class="field">
                <LabelledField
                    id="av-slo"
                    label="SLO"
                    text=slo_text
                    error=slo_error
                    placeholder=Some(Memo::new(move |_| placeholder()))
                />
            </div>
            <div class="field">
                <LabelledField id="av-window" label="SLO window" text=window_text error=window_error />
            </div>
            <div class="field">
                <LabelledField
                    id="av-error-rate"
                    label="Observed error rate"
                    text=rate_text
                    error=rate_error
                />
            </div>
            {move || refused().map(|m| view! { <p class="error" role="alert">{m}</p> }.into_any())}
            <dl class="av-result">
                <div>
                    <dt>"Budget as time"</dt>
                    <dd id="av-budget-time">{budget_time}</dd>
                </div>
                <div>
                    <dt>"Budget as requests"</dt>
                    <dd id="av-budget-requests">{budget_requests}</dd>
                </div>
                <div>
                    <dt>"At the observed error rate"</dt>
                    <dd id="av-burn">{burn}</dd>
                </div>
            </dl>
            <AlertTable alerts />
        </div>
    }
}

/// The workbook's multi-window burn-rate alerts for the SLO.
#[component]
fn AlertTable(alerts: Memo<Vec<BurnRateAlert>>) -> impl IntoView {
    let rows = move || {
        let mut rows = Html::new();
        for a in alerts.get() {
            let severity = match a.severity {
                AlertSeverity::Page => "page",
                AlertSeverity::Ticket => "ticket",
            };
            let threshold = if a.reachable {
                ["errors above ", &percent(a.error_rate)].concat()
            } else {
                "never fires: above 100% errors".to_owned()
            };
            rows.open("tr", &[])
                .element("th", &[("scope", Some("row"))], severity)
                .element(
                    "td",
                    &[],
                    &format::measure(&Measure::Multiplier(a.burn_rate), &Conventions::default()),
                )
                .element("td", &[], &format::duration(a.long_window_seconds))
                .element("td", &[], &format::duration(a.short_window_seconds))
                .element("td", &[], &threshold)
                .element("td", &[], &percent(a.budget_consumed))
                .close("tr");
        }
        rows.finish()
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Burn-rate alerts (scrolls sideways when narrow)">
            <table id="av-alerts">
                <caption>"Burn-rate alerts (multi-window, from Google's SRE workbook)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Alert"</th>
                        <th scope="col">"Burn rate"</th>
                        <th scope="col">"Long window"</th>
                        <th scope="col">"Short window"</th>
                        <th scope="col">"Fires on both windows at"</th>
                        <th scope="col">"Budget spent by then"</th>
                    </tr>
                </thead>
                <tbody inner_html=rows></tbody>
            </table>
        </div>
    }
}
