//! Decode a share link, estimate it, and print one figure with its unit.
//!
//! ```text
//! cargo run -p envelope-core --example from_link -- '?dau=10M'
//! cargo run -p envelope-core --example from_link -- 'http://127.0.0.1:8080/?v=1&dau=10M' storage.per_day
//! ```
//!
//! The first argument is a share link (a full URL or its query string); the
//! optional second is a figure key (default `total.peak_rps`). Fields the link
//! cannot read are reported on stderr and keep their defaults, as in the app.

use std::process::ExitCode;

use envelope_core::{estimate, format, link};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(input) = args.next() else {
        eprintln!("usage: from_link <SHARE-LINK> [FIGURE-KEY]");
        return ExitCode::from(2);
    };
    let key = args.next().unwrap_or_else(|| "total.peak_rps".to_owned());

    let decoded = link::decode(&input);
    for warning in &decoded.warnings {
        eprintln!("warning: {}: {}", warning.key, warning.message);
    }
    // A decoded scenario always passes validation, so this only fails if the
    // core and the link format disagree.
    let report = match estimate(&decoded.scenario) {
        Ok(report) => report,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {}: {}", e.field, e.message);
            }
            return ExitCode::from(2);
        }
    };
    let Some(figure) = report.figure(&key) else {
        eprintln!("error: no figure '{key}'");
        return ExitCode::from(2);
    };
    // The typed value: printed for people, and as a plain number in the
    // kind's base unit for programs.
    println!(
        "{}: {} ({} {})",
        figure.label,
        format::measure(&figure.value, &report.conventions),
        figure.value.base_value(),
        envelope_core::Measure::base_unit(figure.value.kind()),
    );
    println!("  = {}", figure.derivation);
    ExitCode::SUCCESS
}
