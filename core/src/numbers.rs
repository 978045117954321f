//! The model's figures as plain numbers, for batch use: no labels,
//! derivations, rough values or chart series, so a program can estimate
//! thousands of scenarios quickly.

use crate::model::sink::{Catalogue, FigureId};
use crate::{fields, model, InputError, Measure, Scenario};

/// Every figure of a scenario's report as a typed value, in report order
/// (what [`estimate_numbers`] returns).
#[derive(Clone, Debug)]
pub struct Numbers {
    /// The model's catalogue (the Monte Carlo's sink, so the model is not
    /// compiled once more for this one): optional figures the scenario does
    /// not have are kept as undefined, and skipped here.
    catalogue: Catalogue,
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
        self.catalogue
            .0
            .iter()
            .filter(|e| e.defined)
            .map(|e| (e.id, Measure::from_base(e.kind, e.value)))
    }
}

/// Equal when they hold the same figures with the same values (the
/// catalogue's undefined figures are NaN inside, which would never equal).
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
    let mut catalogue = Catalogue(Vec::with_capacity(40 + 6 * scenario.classes.len()));
    if scenario.uncertainty.ranges.is_empty() {
        model::run(scenario, &mut catalogue);
    } else {
        model::run(&fields::with_medians(scenario), &mut catalogue);
    }
    Ok(Numbers { catalogue })
}
