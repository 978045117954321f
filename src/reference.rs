//! Reference tables an interview leans on: latency numbers, powers of two
//! and the nines.

use envelope_core::availability::{Availability, Period};
use envelope_core::Conventions;
use leptos::prelude::*;

use crate::erased::Memo;
use crate::form::Form;
use crate::html::Html;

/// Latency numbers, static: written out as HTML because a table that never
/// changes needs no reactive code (the wasm stays smaller). Columns: the
/// operation, Jeff Dean's figure, Colin Scott's 2020 figure. The same rows
/// as the core's `followup::latency::OPERATIONS` (a test checks).
const LATENCY_HTML: &str = concat!(
    r#"<table id="latency"><caption>Latency numbers every engineer should know</caption>"#,
    r#"<thead><tr><th scope="col">Operation</th><th scope="col">Jeff Dean, 2009–2012</th>"#,
    r#"<th scope="col">Colin Scott, 2020</th></tr></thead><tbody>"#,
    r#"<tr><th scope="row">L1 cache reference</th><td>0.5 ns</td><td>1 ns</td></tr>"#,
    r#"<tr><th scope="row">Branch mispredict</th><td>5 ns</td><td>3 ns</td></tr>"#,
    r#"<tr><th scope="row">L2 cache reference</th><td>7 ns</td><td>4 ns</td></tr>"#,
    r#"<tr><th scope="row">Mutex lock/unlock</th><td>25 ns</td><td>17 ns</td></tr>"#,
    r#"<tr><th scope="row">Main memory reference</th><td>100 ns</td><td>100 ns</td></tr>"#,
    r#"<tr><th scope="row">Compress 1 KB with Zippy (Snappy)</th><td>3 µs</td><td>2 µs</td></tr>"#,
    r#"<tr><th scope="row">Send 1 KB over a 1 Gbps network (Scott: 2 KB, commodity network)</th>"#,
    r#"<td>10 µs</td><td>44 ns</td></tr>"#,
    r#"<tr><th scope="row">Read 4 KB randomly from SSD</th><td>150 µs</td><td>16 µs</td></tr>"#,
    r#"<tr><th scope="row">Read 1 MB sequentially from memory</th><td>250 µs</td><td>3 µs</td></tr>"#,
    r#"<tr><th scope="row">Round trip within the same datacenter</th><td>500 µs</td><td>500 µs</td></tr>"#,
    r#"<tr><th scope="row">Read 1 MB sequentially from SSD</th><td>1 ms</td><td>49 µs</td></tr>"#,
    r#"<tr><th scope="row">Disk seek</th><td>10 ms</td><td>2 ms</td></tr>"#,
    r#"<tr><th scope="row">Read 1 MB sequentially from disk</th><td>20 ms</td><td>825 µs</td></tr>"#,
    r#"<tr><th scope="row">Send a packet California → Netherlands → California</th>"#,
    r#"<td>150 ms</td><td>150 ms</td></tr>"#,
    r#"</tbody></table>"#,
    r#"<p class="source">Sources: Jeff Dean, “Numbers everyone should know” "#,
    r#"(<a href="https://research.google/people/jeff/">talks</a>, 2009 LADIS keynote; values as in "#,
    r#"the widely shared 2012 list, which gives 3 µs to compress 1 KB and 20 ms per MB from disk "#,
    r#"where the 2009 slides had 10 µs and 30 ms). Colin Scott, “Latency numbers every programmer "#,
    r#"should know” (<a href="https://colin-scott.github.io/personal_website/research/interactive_latency.html">"#,
    r#"interactive</a>, values for 2020, extrapolated from hardware trends). Orders of magnitude, "#,
    r#"not benchmarks.</p>"#,
);

/// Powers of two, 2^10 to 2^60, with their names; static like the latency table.
const POWERS_HTML: &str = concat!(
    r#"<table id="powers"><caption>Powers of two</caption><thead><tr><th scope="col">Power</th>"#,
    r#"<th scope="col">Exact value</th><th scope="col">Roughly</th><th scope="col">Bytes</th>"#,
    r#"</tr></thead><tbody>"#,
    r#"<tr><th scope="row">2^10</th><td>1,024</td><td>a thousand (10^3)</td><td>1 KiB</td></tr>"#,
    r#"<tr><th scope="row">2^20</th><td>1,048,576</td><td>a million (10^6)</td><td>1 MiB</td></tr>"#,
    r#"<tr><th scope="row">2^30</th><td>1,073,741,824</td><td>a billion (10^9)</td><td>1 GiB</td></tr>"#,
    r#"<tr><th scope="row">2^40</th><td>1,099,511,627,776</td><td>a trillion (10^12)</td>"#,
    r#"<td>1 TiB</td></tr>"#,
    r#"<tr><th scope="row">2^50</th><td>1,125,899,906,842,624</td><td>a quadrillion (10^15)</td>"#,
    r#"<td>1 PiB</td></tr>"#,
    r#"<tr><th scope="row">2^60</th><td>1,152,921,504,606,846,976</td>"#,
    r#"<td>a quintillion (10^18)</td><td>1 EiB</td></tr>"#,
    r#"</tbody></table>"#,
);

const NINES: [&str; 7] = [
    "90%", "99%", "99.9%", "99.95%", "99.99%", "99.999%", "99.9999%",
];
const NINE_PERIODS: [Period; 4] = [Period::Year, Period::Month, Period::Week, Period::Day];

/// Allowed downtime per period for each row of the nines table, computed by
/// the core under the scenario's calendar conventions.
fn nines_rows(conventions: &Conventions) -> Vec<(String, Vec<String>)> {
    NINES
        .iter()
        .filter_map(|text| Availability::parse(text).ok())
        .map(|a| {
            let table = a.downtime_table(conventions);
            let cells = NINE_PERIODS
                .iter()
                .map(|&p| table.row(p).map(|r| r.text.clone()).unwrap_or_default())
                .collect();
            (
                table.availability_text.clone() + " (" + &table.nines_text + ")",
                cells,
            )
        })
        .collect()
}

/// The three reference tables.
#[component]
pub fn Reference(form: Form) -> impl IntoView {
    let conventions = Memo::new(move |_| form.outcome.with(|o| o.scenario.conventions));
    let nines = move || {
        let mut rows = Html::new();
        for (availability, cells) in conventions.with(nines_rows) {
            rows.open("tr", &[])
                .element("th", &[("scope", Some("row"))], &availability);
            for cell in cells {
                rows.element("td", &[], &cell);
            }
            rows.close("tr");
        }
        rows.finish()
    };
    let mut head = Html::new();
    head.element("th", &[("scope", Some("col"))], "Availability");
    for period in NINE_PERIODS {
        head.element(
            "th",
            &[("scope", Some("col"))],
            &["per ", period.name()].concat(),
        );
    }
    let calendar = move || conventions.with(envelope_core::availability::describe_calendar);
    view! {
        <section class="reference" aria-labelledby="reference-title">
            <h2 id="reference-title">"Reference"</h2>
            <div class="reference-grid">
                <div class="table-scroll" tabindex="0" role="region" aria-label="Latency numbers (scrolls sideways when narrow)" inner_html=LATENCY_HTML></div>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Powers of two (scrolls sideways when narrow)" inner_html=POWERS_HTML></div>
                <div class="table-scroll" tabindex="0" role="region" aria-label="The nines (scrolls sideways when narrow)">
                    <table id="nines">
                        <caption>"The nines: allowed downtime"</caption>
                        <thead>
                            <tr inner_html=head.finish()></tr>
                        </thead>
                        <tbody inner_html=nines></tbody>
                    </table>
                    <p class="source">"Computed under the scenario's calendar: " {calendar} "."</p>
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::LATENCY_HTML;
    use envelope_core::followup::latency::OPERATIONS;
    use envelope_core::parse;

    /// The page's static latency table and the core's (which the latency
    /// budget sums) are one table: same rows, order and figures.
    #[test]
    fn the_latency_table_is_the_cores() {
        let rows: Vec<&str> = LATENCY_HTML
            .split(r#"<tr><th scope="row">"#)
            .skip(1)
            .collect();
        assert_eq!(rows.len(), OPERATIONS.len());
        for (row, op) in rows.iter().zip(OPERATIONS) {
            let (label, cells) = row.split_once("</th>").expect("a row header");
            assert_eq!(label.replace('→', "->"), op.label);
            let values: Vec<f64> = cells
                .split("<td>")
                .skip(1)
                .map(|cell| {
                    let text = cell.split("</td>").next().unwrap_or_default();
                    parse::duration(text, 30.0, 365.0).expect(text)
                })
                .collect();
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
            assert!(close(values[0], op.dean_seconds), "{}: {values:?}", op.key);
            assert!(close(values[1], op.scott_seconds), "{}: {values:?}", op.key);
        }
    }
}
