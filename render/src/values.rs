//! A figure's value, rough value, error and spread as printed: the pieces
//! the text and Markdown reports share, so both say `50 MB/s (400 Mbps)`
//! and `+8.0%` the same way.

use envelope_core::uncertainty::{Simulation, Spread, Swing, Tornado};
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

/// An error in percent: [`format::error_percent`].
pub fn error_text(error_percent: Option<f64>) -> String {
    format::error_percent(error_percent)
}

/// What the percentiles are of, in one sentence: `Percentiles of 10,000
/// samples with seed 1; ranges read as 90% intervals.`, and how many samples
/// could not be estimated, when some could not (they are left out of the
/// percentiles).
pub fn simulation_summary(sim: &Simulation) -> String {
    let seed = match sim.seed {
        Some(seed) => format!("with seed {seed}"),
        None => "with a random seed".to_owned(),
    };
    let samples = format::number(f64::from(sim.samples));
    let mut text =
        format!("Percentiles of {samples} samples {seed}; ranges read as 90% intervals.");
    if sim.undefined > 0 {
        text += &format!(
            " {} of {samples} samples could not be estimated (a figure past the largest number, or undefined) and are left out of that figure's percentiles.",
            format::number(f64::from(sim.undefined))
        );
    }
    text
}

/// The sentence saying what each printed value is when inputs are ranges.
pub const POINT_NOTE: &str =
    "Each value is the point estimate, with every ranged input at its median.";

/// A spread's p5, p50, p95 and mean as printed (no bits-per-second
/// alternative: the columns stay narrow).
pub fn spread_cells(spread: &Spread, conventions: &Conventions) -> [String; 4] {
    [spread.p5, spread.p50, spread.p95, spread.mean].map(|m| format::measure(&m, conventions))
}

/// Whether every sample gave the point value: no ranged input moves this
/// figure (to within rounding).
pub fn is_flat(spread: &Spread) -> bool {
    let point = spread.point.base_value();
    [spread.p5, spread.p95, spread.mean]
        .iter()
        .all(|m| same(m.base_value(), point))
}

/// The swings of a tornado that move its output at all, widest first.
pub fn moving_swings(tornado: &Tornado) -> impl Iterator<Item = &Swing> {
    tornado
        .swings
        .iter()
        .filter(|s| !same(s.at_low.base_value(), s.at_high.base_value()))
}

/// Equal to within floating-point noise.
fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
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
        assert_eq!(error_text(Some(-0.0123)), "-0.012%");
        assert_eq!(error_text(None), "n/a");
    }

    #[test]
    fn the_summary_names_samples_and_seed() {
        use envelope_core::{fields, uncertainty, Scenario};
        let mut s = Scenario::default();
        fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
        let sim = uncertainty::simulate_seeded(&s).unwrap();
        assert_eq!(
            simulation_summary(&sim),
            "Percentiles of 10,000 samples with seed 1; ranges read as 90% intervals."
        );
        let flat = sim.output("total.read_write_ratio").unwrap();
        assert!(is_flat(flat), "{flat:?}");
        assert!(!is_flat(sim.output("total.peak_rps").unwrap()));
        let tornado = &sim.tornadoes[0];
        assert_eq!(moving_swings(tornado).count(), 1);
        let overflowing =
            envelope_core::link::decode("classes=2&c0.kind=write&c0.count=0..2&c1.name=view");
        let sim = uncertainty::simulate_seeded(&overflowing.scenario).unwrap();
        assert!(sim.undefined > 0);
        assert!(simulation_summary(&sim).ends_with(&format!(
            "intervals. {} of 10,000 samples could not be estimated (a figure past the largest number, or undefined) and are left out of that figure's percentiles.",
            format::number(f64::from(sim.undefined))
        )));
    }

    #[test]
    fn rough_values_carry_their_error() {
        let c = Conventions::default();
        let r = Rough {
            value: Measure::per_second(600.0),
            error_percent: Some(8.0),
            working: None,
        };
        assert_eq!(rough_text(&r, &c), "600 req/s (+8.0%)");
    }
}
