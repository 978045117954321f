//! The target panel: the availability target as typed, and the downtime it
//! allows per day, week, month, quarter and year.

use envelope_core::availability::{Availability, DowntimeTable, Period};
use envelope_core::Conventions;
use leptos::prelude::*;

use crate::erased::Memo;
use crate::field::LabelledField;
use crate::html::Html;

/// The target's input and its downtime table; a bad target keeps the last
/// good one's table and says so.
#[component]
pub(super) fn TargetPanel(
    target_text: RwSignal<String>,
    target: Memo<Result<Availability, String>>,
    shown_target: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
) -> impl IntoView {
    let error = Memo::new(move |_| target.with(|t| t.as_ref().err().cloned()));
    let table = Memo::new(move |_| {
        let c = conventions.get();
        shown_target.get().map(|a| a.downtime_table(&c))
    });
    let stale = move || {
        error
            .with(Option::is_some)
            .then(|| shown_target.get())
            .flatten()
            .map(|a| ["Showing the last valid target, ", &a.to_string(), "."].concat())
    };
    view! {
        <div class="av-panel av-target">
            <h3>"Target"</h3>
            <div class="field">
                <LabelledField
                    id="av-target"
                    label="Availability target"
                    text=target_text
                    error
                    help="A percentage (99.95%), a fraction (0.9995), nines (3.5 nines, four nines) or a downtime budget (43m 12s per month)."
                />
            </div>
            <p class="av-stale" role="status">{stale}</p>
            <DowntimeTableView
                id="av-target-downtime"
                caption="Downtime the target allows"
                table
            />
        </div>
    }
}

/// Downtime per day, week, month, quarter and year, with the calendar
/// conventions the table was computed under beside it; rows keep their DOM
/// while values change.
#[component]
pub(super) fn DowntimeTableView(
    id: &'static str,
    caption: &'static str,
    table: Memo<Option<DowntimeTable>>,
) -> impl IntoView {
    let rows = move || {
        let mut rows = Html::new();
        table.with(|t| {
            for period in Period::ALL {
                let row = t.as_ref().and_then(|t| t.row(period));
                rows.open("tr", &[("data-period", Some(period.name()))])
                    .element("th", &[("scope", Some("row"))], period.name())
                    .element("td", &[], row.map_or("—", |r| r.text.as_str()))
                    .close("tr");
            }
        });
        rows.finish()
    };
    let summary = move || {
        table.with(|t| {
            t.as_ref()
                .map(|t| [t.availability_text.as_str(), ", ", t.nines_text.as_str()].concat())
                .unwrap_or_default()
        })
    };
    let calendar = move || table.with(|t| t.as_ref().map(|t| t.conventions.clone()));
    view! {
        <div class="av-downtime">
            <table id=id>
                <caption>
                    {caption}
                    <span class="av-of">{summary}</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Per"</th>
                        <th scope="col">"Downtime"</th>
                    </tr>
                </thead>
                <tbody inner_html=rows></tbody>
            </table>
            <p class="av-calendar">
                <strong>"Calendar: "</strong>
                <span class="av-calendar-text">{calendar}</span>
                " (switch the month and year under Conventions)"
            </p>
        </div>
    }
}
