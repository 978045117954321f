//! The model's figures as plain numbers, for batch use: no labels,
//! derivations, rough values or chart series, so a program can estimate
//! thousands of scenarios quickly.

use crate::model::sink::{Entry, FigureId};
use crate::{fields, InputError, Measure, Scenario};

/// Every figure of a scenario's report as a typed value, in report order
/// (what [`estimate_numbers`] returns).
#[derive(Clone, Debug)]
pub struct Numbers {
    /// The model's listing (from the Monte Carlo's sink, so the model is
    /// not compiled once more for this one): optional figures the scenario
    /// does not have are kept as undefined, and skipped here.
    listing: Vec<Entry>,
}

impl Numbers {
    /// The figure with key `key` ([`crate::keys`]), as in [`crate::Report::figure`].
    pub fn get(&self, key: &str) -> Option<Measure> {
        self.entries()
            .find(|(id, _)| id.is(key))
            .map(|(_, value)| value)
    }

    /// Every figure's key and value, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (String, Measure)> + '_ {
        self.entries().map(|(id, value)| (id.key(), value))
    }

    /// How many figures there are.
    pub fn len(&self) -> usize {
        self.entries().count()
    }

    /// Whether there are none (never, for a valid scenario).
    pub fn is_empty(&self) -> bool {
        self.entries().next().is_none()
    }

    /// Every figure's identity and value, in report order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (FigureId, Measure)> + Clone + '_ {
        self.listing
            .iter()
            .filter(|e| e.defined)
            .map(|e| (e.id, Measure::from_base(e.kind, e.value)))
    }
}

/// Equal when they hold the same figures with the same values (the
/// listing's undefined figures are NaN inside, which would never equal).
impl PartialEq for Numbers {
    fn eq(&self, other: &Numbers) -> bool {
        self.entries().eq(other.entries())
    }
}

/// Estimates a scenario's figures as numbers only: the same values as
/// [`crate::estimate_exact`]'s report, without building any text, so it is
/// two orders of magnitude faster. For tools that estimate many scenarios.
///
/// Fails, naming every bad field, when the scenario is out of range.
///
/// ```
/// use envelope_core::{estimate_numbers, keys, RequestClass, Scenario, Users};
/// // Peak requests/s of 10,000 scenarios, from 1,000 to 10 M daily users.
/// let mut s = Scenario { classes: vec![RequestClass::read("view", 10.0, 1e5)], ..Scenario::default() };
/// let mut peaks = Vec::new();
/// for i in 1..=10_000 {
///     s.users = Users::Daily { daily_active: 1e3 * i as f64 };
///     let figures = estimate_numbers(&s).unwrap();
///     peaks.push(figures.get(keys::PEAK_RPS).unwrap().base_value());
/// }
/// // 10 M users x 10 views / 86,400 s x the default 2x peak.
/// assert!((peaks[9_999] - 1e7 * 10.0 / 86_400.0 * 2.0).abs() < 1e-6);
/// ```
pub fn estimate_numbers(scenario: &Scenario) -> Result<Numbers, Vec<InputError>> {
    let errors = fields::validate(scenario);
    if !errors.is_empty() {
        return Err(errors);
    }
    let listing = if scenario.uncertainty.ranges.is_empty() {
        crate::estimate::listing(scenario)
    } else {
        crate::estimate::listing(&fields::with_medians(scenario))
    };
    Ok(Numbers { listing })
}

#[cfg(test)]
mod tests {
    use crate::{estimate_exact, estimate_numbers, link, presets};

    /// The numbers are the report's figures: the same keys in the same
    /// order with the same values, optional figures included only where the
    /// report has them (the listing is the report's sink in another mode).
    #[test]
    fn numbers_are_the_reports_figures() {
        let mut scenarios: Vec<_> = presets::presets()
            .iter()
            .filter_map(|p| presets::preset_scenario(p.key))
            .collect();
        // No writes: no reads-per-write figure. Ranged: at the medians.
        scenarios.push(link::decode("classes=1&c0.kind=read").scenario);
        scenarios.push(link::decode("dau=1M..4M&c0.out=1KB..9KB").scenario);
        for s in &scenarios {
            let report = estimate_exact(s).unwrap();
            let expected: Vec<(String, f64)> = report
                .sections
                .iter()
                .flat_map(|section| &section.figures)
                .map(|f| (f.key.clone(), f.value.base_value()))
                .collect();
            let numbers = estimate_numbers(s).unwrap();
            let got: Vec<(String, f64)> = numbers
                .iter()
                .map(|(key, value)| (key, value.base_value()))
                .collect();
            assert_eq!(got, expected, "{}", s.name);
            assert_eq!(numbers.len(), expected.len());
            for figure in report.sections.iter().flat_map(|s| &s.figures) {
                assert_eq!(
                    numbers.get(&figure.key),
                    Some(figure.value),
                    "{}",
                    figure.key
                );
            }
        }
    }
}
