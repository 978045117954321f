//! The report's chart series as one CSV in long format, which a spreadsheet
//! can filter or pivot by series:
//!
//! ```text
//! series,x,x_unit,y,y_unit
//! stored,0,day,0,bytes
//! stored,30.416666666666668,day,456250000000000,bytes
//! ...
//! replicated,0,day,0,bytes
//! ...
//! reads,0,hour,0,requests per second
//! ...
//! writes,24,hour,75.23148148148148,requests per second
//! ```
//!
//! - [`HEADER`] is the first line, and the only one that is not data.
//! - Then the storage growth ([`envelope_core::Series::storage_growth`]):
//!   every point's data kept, one copy, as `stored`, then every point's
//!   replicated total as `replicated`; `x` is the day, `y` bytes.
//! - Then the illustrative day ([`envelope_core::Series::daily_traffic`]):
//!   every point's read rate as `reads`, then every point's write rate as
//!   `writes`; `x` is the hour of the day, `y` requests per second.
//! - Numbers are plain decimals, no thousands separators and no exponent,
//!   each the shortest text that reads back to exactly the value (Rust's
//!   `Display` of `f64`); zero is `0`, never `-0`. The core's series are
//!   always finite; should a value not be, its cell is left empty rather
//!   than holding `NaN` or `inf`.
//! - RFC 4180, with LF line ends (every line, the last too, ends with
//!   `\n`): no field holds a comma, quote or line break, so none is quoted.
//!
//! ```
//! use envelope_core::{estimate, presets};
//! let report = estimate(&presets::preset_scenario("photo-uploads").unwrap()).unwrap();
//! let csv = envelope_render::csv::render(&report);
//! let mut lines = csv.lines();
//! assert_eq!(lines.next(), Some("series,x,x_unit,y,y_unit"));
//! assert_eq!(lines.next(), Some("stored,0,day,0,bytes"));
//! ```

use std::fmt::Write;

use envelope_core::decimal::Decimal;
use envelope_core::Report;

/// The CSV's first line, without its line end.
pub const HEADER: &str = "series,x,x_unit,y,y_unit";

/// The unit of a storage point's `x`.
pub const DAY: &str = "day";
/// The unit of a traffic point's `x`.
pub const HOUR: &str = "hour";
/// The unit of a storage point's `y`.
pub const BYTES: &str = "bytes";
/// The unit of a traffic point's `y`.
pub const REQUESTS_PER_SECOND: &str = "requests per second";

/// The report's storage growth and daily traffic as one CSV (see the module
/// documentation): `2 x (storage points + traffic points)` rows after the
/// header.
pub fn render(report: &Report) -> String {
    let series = &report.series;
    let storage = &series.storage_growth;
    let traffic = &series.daily_traffic;
    let mut out = String::with_capacity(48 * (1 + 2 * (storage.len() + traffic.len())));
    out.push_str(HEADER);
    out.push('\n');
    let stored = storage.iter().map(|p| (p.day, p.stored_bytes));
    rows(&mut out, "stored", DAY, BYTES, stored);
    let replicated = storage.iter().map(|p| (p.day, p.replicated_bytes));
    rows(&mut out, "replicated", DAY, BYTES, replicated);
    let reads = traffic.iter().map(|p| (p.hour, p.reads_per_second));
    rows(&mut out, "reads", HOUR, REQUESTS_PER_SECOND, reads);
    let writes = traffic.iter().map(|p| (p.hour, p.writes_per_second));
    rows(&mut out, "writes", HOUR, REQUESTS_PER_SECOND, writes);
    out
}

/// A row per `(x, y)` point of one series.
fn rows(
    out: &mut String,
    name: &str,
    x_unit: &str,
    y_unit: &str,
    points: impl Iterator<Item = (f64, f64)>,
) {
    for (x, y) in points {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{name},{},{x_unit},{},{y_unit}", number(x), number(y));
    }
}

/// A value as a CSV cell: the shortest decimal that reads back exactly,
/// `0` for either zero, empty when not finite.
fn number(value: f64) -> String {
    if !value.is_finite() {
        String::new()
    } else if value == 0.0 {
        "0".to_owned()
    } else {
        Decimal(value).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::{estimate, keys, presets};

    fn preset(key: &str) -> Report {
        estimate(&presets::preset_scenario(key).unwrap()).unwrap()
    }

    /// The data rows as (series, x, x unit, y, y unit), each parsed.
    fn rows(csv: &str) -> Vec<(String, f64, String, f64, String)> {
        csv.lines()
            .skip(1)
            .map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                assert_eq!(cells.len(), 5, "{line}");
                (
                    cells[0].to_owned(),
                    cells[1].parse().unwrap(),
                    cells[2].to_owned(),
                    cells[3].parse().unwrap(),
                    cells[4].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn a_header_then_every_point_of_both_series() {
        for p in presets::presets() {
            let report = preset(p.key);
            let csv = render(&report);
            assert!(csv.starts_with("series,x,x_unit,y,y_unit\n"), "{csv}");
            assert!(csv.ends_with('\n') && !csv.contains('\r'));
            assert_eq!(csv.lines().filter(|l| l.starts_with("series,")).count(), 1);
            let s = &report.series;
            let rows = rows(&csv);
            assert!(!s.storage_growth.is_empty() && !s.daily_traffic.is_empty());
            assert_eq!(
                rows.len(),
                2 * s.storage_growth.len() + 2 * s.daily_traffic.len(),
                "{}",
                p.key
            );
            // Every number reads back to exactly the report's value.
            let (stored, rest) = rows.split_at(s.storage_growth.len());
            let (replicated, rest) = rest.split_at(s.storage_growth.len());
            let (reads, writes) = rest.split_at(s.daily_traffic.len());
            for (point, (st, re)) in s.storage_growth.iter().zip(stored.iter().zip(replicated)) {
                assert_eq!(
                    (st.0.as_str(), st.2.as_str(), st.4.as_str()),
                    ("stored", "day", "bytes")
                );
                assert_eq!(re.0, "replicated");
                assert_eq!((st.1, st.3), (point.day, point.stored_bytes));
                assert_eq!((re.1, re.3), (point.day, point.replicated_bytes));
            }
            for (point, (r, w)) in s.daily_traffic.iter().zip(reads.iter().zip(writes)) {
                assert_eq!(
                    (r.0.as_str(), r.2.as_str(), r.4.as_str()),
                    ("reads", "hour", "requests per second")
                );
                assert_eq!(w.0, "writes");
                assert_eq!((r.1, r.3), (point.hour, point.reads_per_second));
                assert_eq!((w.1, w.3), (point.hour, point.writes_per_second));
            }
            // Plain numbers: no NaN, inf, exponent or thousands separator.
            for word in ["NaN", "inf", "e+", "e-", "-0,"] {
                assert!(!csv.contains(word), "{}: {word}", p.key);
            }
        }
    }

    #[test]
    fn photo_uploads_by_hand() {
        let report = preset("photo-uploads");
        let csv = render(&report);
        // Day 0: nothing stored yet.
        assert_eq!(csv.lines().nth(1), Some("stored,0,day,0,bytes"));
        // The last point is the end of the retention: the report's stored
        // total, one copy and replicated.
        let rows = rows(&csv);
        let last = |name: &str| rows.iter().rfind(|r| r.0 == name).unwrap().3;
        let figure = |key: &str| report.figure(key).unwrap().value.base_value();
        assert_eq!(last("stored"), figure(keys::STORED_RETENTION));
        assert_eq!(last("replicated"), figure(keys::STORED_REPLICATED));
        // 15 TB a day: day 1 (if drawn) or the last day is a whole multiple.
        let per_day = figure(keys::STORED_PER_DAY);
        assert_eq!(per_day, 15e12);
        // No reads; the writes' busiest hour is the peak rate.
        assert!(rows.iter().filter(|r| r.0 == "reads").all(|r| r.3 == 0.0));
        let peak = rows
            .iter()
            .filter(|r| r.0 == "writes")
            .map(|r| r.3)
            .fold(0.0, f64::max);
        let peak_figure = figure(keys::PEAK_RPS);
        assert!(
            (peak - peak_figure).abs() <= 1e-9 * peak_figure,
            "{peak} vs {peak_figure}"
        );
    }

    #[test]
    fn a_value_that_is_not_finite_leaves_its_cell_empty() {
        let mut report = preset("photo-uploads");
        report.series.storage_growth[1].stored_bytes = f64::NAN;
        report.series.daily_traffic[0].writes_per_second = f64::INFINITY;
        report.series.daily_traffic[1].reads_per_second = -0.0;
        let csv = render(&report);
        let line = csv.lines().nth(2).unwrap();
        assert!(
            line.starts_with("stored,") && line.ends_with(",day,,bytes"),
            "{line}"
        );
        assert!(!csv.contains("NaN") && !csv.contains("inf") && !csv.contains("-0"));
        assert_eq!(number(1.5e13), "15000000000000");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(f64::NEG_INFINITY), "");
    }
}
