//! Rendering a [`Report`](envelope_core::Report) or a downtime table for
//! people: plain text for the terminal and Markdown for design docs. JSON is
//! serde's. Nothing here computes an estimate; it only prints what the core
//! returned.

pub mod availability;
pub mod markdown;
pub mod text;

use envelope_core::{format, Conventions, Measure, Rough};

/// A figure's value as printed: `50 MB/s (400 Mbps)` for data rates, the
/// plain value otherwise.
pub fn value_text(value: &Measure, conventions: &Conventions) -> String {
    let main = format::measure(value, conventions);
    match format::measure_alternate(value, conventions) {
        Some(alt) => format!("{main} ({alt})"),
        None => main,
    }
}

/// The rough value and its error: `600 req/s (+8.0%)`.
pub fn rough_text(rough: &Rough, conventions: &Conventions) -> String {
    format!(
        "{} ({})",
        format::measure(&rough.value, conventions),
        error_text(rough.error_percent)
    )
}

/// An error in percent, signed, to one decimal: `+8.0%`, `-3.5%`; `0%` when
/// exact and `0.0%` when under 0.05% either way; `n/a` when there is none
/// (the exact value is zero).
pub fn error_text(error_percent: Option<f64>) -> String {
    match error_percent {
        Some(0.0) => "0%".to_owned(),
        Some(e) if e.abs() < 0.05 => "0.0%".to_owned(),
        Some(e) if e.is_finite() => format!("{e:+.1}%"),
        Some(e) => format!("{e}%"),
        None => "n/a".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_rates_get_bits_beside_bytes() {
        let c = Conventions::default();
        assert_eq!(
            value_text(&Measure::bytes_per_second(50e6), &c),
            "50 MB/s (400 Mbps)"
        );
        assert_eq!(value_text(&Measure::data_bytes(15e12), &c), "15 TB");
    }

    #[test]
    fn errors_are_signed_percentages() {
        assert_eq!(error_text(Some(8.0)), "+8.0%");
        assert_eq!(error_text(Some(-3.46)), "-3.5%");
        assert_eq!(error_text(Some(0.0)), "0%");
        assert_eq!(error_text(Some(-1e-9)), "0.0%");
        assert_eq!(error_text(None), "n/a");
    }

    #[test]
    fn rough_values_carry_their_error() {
        let c = Conventions::default();
        let r = Rough {
            value: Measure::per_second(600.0),
            error_percent: Some(8.0),
        };
        assert_eq!(rough_text(&r, &c), "600 req/s (+8.0%)");
    }
}
