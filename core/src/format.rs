//! Printing values for people: readable units, grouped digits.
//!
//! STUB: the signatures are final; the bodies are being written.

use crate::{Conventions, Measure};

/// The readable text of a value, in the unit that suits its size
/// (`15 TB`, `555.6 req/s`, `3.472 k req/s`, `50 MB/s`, `20%`, `3x`, `$1,234`).
pub fn measure(value: &Measure, conventions: &Conventions) -> String {
    let _ = conventions;
    format!("{}", value.base_value())
}

/// A second rendering where one helps: bits per second for data rates
/// (`400 Mbps` beside `50 MB/s`). `None` for other kinds.
pub fn measure_alternate(value: &Measure, conventions: &Conventions) -> Option<String> {
    let _ = (value, conventions);
    None
}

/// A plain number for derivations: grouped digits, at most four significant
/// figures after the integer part (`10,000,000`, `86,400`, `231.5`, `0.2`).
pub fn number(value: f64) -> String {
    format!("{value}")
}

/// A duration in compound units: `8h 45m 36s`, `43m 12s`, `864 ms`, `86.4 us`,
/// `2y 3d`; exact and readable from nanoseconds to centuries.
pub fn duration(seconds: f64) -> String {
    format!("{seconds} s")
}
