//! Reference tables an interview leans on: latency numbers, powers of two
//! and the nines.

use envelope_core::availability::{Availability, Period};
use envelope_core::Conventions;
use leptos::prelude::*;

use crate::form::Form;

/// (operation, Jeff Dean's figure, Colin Scott's 2020 figure).
const LATENCY: [(&str, &str, &str); 14] = [
    ("L1 cache reference", "0.5 ns", "1 ns"),
    ("Branch mispredict", "5 ns", "3 ns"),
    ("L2 cache reference", "7 ns", "4 ns"),
    ("Mutex lock/unlock", "25 ns", "17 ns"),
    ("Main memory reference", "100 ns", "100 ns"),
    ("Compress 1 KB with Zippy (Snappy)", "3 µs", "2 µs"),
    (
        "Send 1 KB over a 1 Gbps network (Scott: 2 KB, commodity network)",
        "10 µs",
        "44 ns",
    ),
    ("Read 4 KB randomly from SSD", "150 µs", "16 µs"),
    ("Read 1 MB sequentially from memory", "250 µs", "3 µs"),
    ("Round trip within the same datacenter", "500 µs", "500 µs"),
    ("Read 1 MB sequentially from SSD", "1 ms", "49 µs"),
    ("Disk seek", "10 ms", "2 ms"),
    ("Read 1 MB sequentially from disk", "20 ms", "825 µs"),
    (
        "Send a packet California → Netherlands → California",
        "150 ms",
        "150 ms",
    ),
];

/// (power, exact value, approximate decimal, binary unit).
const POWERS: [(&str, &str, &str, &str); 6] = [
    ("2^10", "1,024", "about a thousand (10^3)", "1 KiB"),
    ("2^20", "1,048,576", "about a million (10^6)", "1 MiB"),
    ("2^30", "1,073,741,824", "about a billion (10^9)", "1 GiB"),
    (
        "2^40",
        "1,099,511,627,776",
        "about a trillion (10^12)",
        "1 TiB",
    ),
    (
        "2^50",
        "1,125,899,906,842,624",
        "about a quadrillion (10^15)",
        "1 PiB",
    ),
    (
        "2^60",
        "1,152,921,504,606,846,976",
        "about a quintillion (10^18)",
        "1 EiB",
    ),
];

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
        conventions
            .with(nines_rows)
            .into_iter()
            .map(|(availability, cells)| {
                view! {
                    <tr>
                        <th scope="row">{availability}</th>
                        {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };
    let calendar = move || conventions.with(envelope_core::availability::describe_calendar);
    view! {
        <section class="reference" aria-labelledby="reference-title">
            <h2 id="reference-title">"Reference"</h2>
            <div class="reference-grid">
                <div class="table-scroll">
                    <table id="latency">
                        <caption>"Latency numbers every engineer should know"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Operation"</th>
                                <th scope="col">"Jeff Dean, 2009–2012"</th>
                                <th scope="col">"Colin Scott, 2020"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {LATENCY
                                .iter()
                                .map(|&(op, dean, scott)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{op}</th>
                                            <td>{dean}</td>
                                            <td>{scott}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <p class="source">
                        "Sources: Jeff Dean, \"Numbers everyone should know\" ("
                        <a href="https://research.google/people/jeff/">"talks"</a>
                        ", 2009 LADIS keynote; values as in the widely shared 2012 list, which gives 3 µs to compress and 20 ms per MB from disk where the 2009 slides had 10 µs and 30 ms). "
                        "Colin Scott, \"Latency numbers every programmer should know\" ("
                        <a href="https://colin-scott.github.io/personal_website/research/interactive_latency.html">
                            "interactive"
                        </a> ", values for 2020, extrapolated from hardware trends). Orders of magnitude, not benchmarks."
                    </p>
                </div>
                <div class="table-scroll">
                    <table id="powers">
                        <caption>"Powers of two"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Power"</th>
                                <th scope="col">"Exact value"</th>
                                <th scope="col">"Roughly"</th>
                                <th scope="col">"Bytes"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {POWERS
                                .iter()
                                .map(|&(p, exact, approx, unit)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{p}</th>
                                            <td>{exact}</td>
                                            <td>{approx}</td>
                                            <td>{unit}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="table-scroll">
                    <table id="nines">
                        <caption>"The nines: allowed downtime"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Availability"</th>
                                {NINE_PERIODS
                                    .iter()
                                    .map(|p| view! { <th scope="col">"per " {p.name()}</th> })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>{nines}</tbody>
                    </table>
                    <p class="source">"Computed under the scenario's calendar: " {calendar} "."</p>
                </div>
            </div>
        </section>
    }
}
