//! Ranged inputs as plain scenario data: which fields are ranges, their
//! ends, how a range reads as a distribution, and the Monte Carlo's settings.
//!
//! Any numeric field may be a range, `1M..10M` or `1M to 10M`, read as a 90%
//! interval: its bounds are the 5th and 95th percentiles of a lognormal
//! distribution when both are positive, of a normal one otherwise. The
//! scenario keeps the range in [`Uncertainty::ranges`] and the median as the
//! field's value. Drawing samples from the ranges is
//! [`crate::uncertainty`]'s; this module only describes them.

use serde::{Deserialize, Serialize};

use super::object::object_only;
use crate::math::{exp, ln};

/// Samples drawn when a scenario does not say.
pub const DEFAULT_SAMPLES: u32 = 10_000;
/// The fewest samples a simulation may draw.
pub const MIN_SAMPLES: u32 = 100;
/// The most samples a simulation may draw.
pub const MAX_SAMPLES: u32 = 1_000_000;
/// The most ranged inputs a scenario may have.
pub const MAX_RANGES: usize = 200;
/// The Monte Carlo's work budget: at most this many figure values, samples x
/// report figures, per simulation (2^25, 256 MiB of `f64`). The simulation
/// holds every value at once to take exact percentiles, and each sample's
/// cost is one pass of the model, in proportion to its figures (a scenario
/// has more figures than ranged inputs to draw), so the budget bounds both
/// its memory and its time, whatever a link asks. The default samples fit
/// with the most request classes; a scenario whose samples x figures is over
/// it is refused, naming its samples.
pub const WORK_BUDGET: u64 = 1 << 25;
/// The seed when a scenario does not say.
pub const DEFAULT_SEED: u64 = 1;

/// A scenario's ranged inputs and how to sample them.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Uncertainty", default, deny_unknown_fields)]
pub struct Uncertainty {
    /// Inputs given as ranges, each at most once, in form order.
    pub ranges: Vec<InputRange>,
    /// The random generator's seed: the same seed gives the same percentiles.
    pub seed: u64,
    /// How many scenarios to draw.
    pub samples: u32,
}

object_only!(Uncertainty, "an uncertainty object");

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            ranges: Vec::new(),
            seed: DEFAULT_SEED,
            samples: DEFAULT_SAMPLES,
        }
    }
}

// `set_range`, which keeps the ranges in form order, is defined with the
// field table that fixes that order (`crate::fields`), so that this data
// module needs nothing from the table.
impl Uncertainty {
    /// Whether nothing differs from the defaults (then JSON leaves it out).
    pub fn is_default(&self) -> bool {
        *self == Uncertainty::default()
    }

    /// The range on field `key` (`dau`, `classes.0.count`), if any.
    pub fn range(&self, key: &str) -> Option<&InputRange> {
        self.ranges.iter().find(|r| r.field == key)
    }

    /// Makes field `key` a point again.
    pub fn remove_range(&mut self, key: &str) {
        self.ranges.retain(|r| r.field != key);
    }
}

/// The standard normal's 95th percentile: a 90% interval spans ±Z90 standard
/// deviations around the median.
pub const Z90: f64 = 1.644_853_626_951_472_2;

/// One input given as a range rather than a point.
///
/// ```
/// use envelope_core::{fields, Scenario};
/// let mut s = Scenario::default();
/// fields::set_scenario_field(&mut s, "dau", "1M..100M").unwrap();
/// let range = &s.uncertainty.ranges[0];
/// assert_eq!((range.field.as_str(), range.low, range.high), ("dau", 1e6, 100e6));
/// // The point value becomes the median: the geometric mean for a lognormal.
/// assert!((s.users.daily_active() - 10e6).abs() < 1e-3);
/// assert_eq!(fields::scenario_field_text(&s, "dau").as_deref(), Some("1 M to 100 M"));
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "InputRange", deny_unknown_fields)]
pub struct InputRange {
    /// The field's key, as in errors: `dau`, `classes.0.count`.
    pub field: String,
    /// The 5th percentile, in the field's base unit.
    pub low: f64,
    /// The 95th percentile, in the field's base unit.
    pub high: f64,
}

object_only!(InputRange, "a range object");

impl InputRange {
    /// The distribution this range stands for.
    pub fn distribution(&self) -> Distribution {
        Distribution::from_interval(self.low, self.high)
    }

    /// The median, the value the point estimate uses: the distribution's,
    /// kept within the range's ends (for a very tight range, exp of the mean
    /// of the logarithms can round just outside them).
    pub fn median(&self) -> f64 {
        // Not f64::clamp, which panics on NaN or crossed bounds (a scenario
        // file may hold either; validation names them).
        let m = self.distribution().median();
        if m < self.low {
            self.low
        } else if m > self.high {
            self.high
        } else {
            m
        }
    }
}

/// How a ranged input is sampled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Distribution {
    /// A single value (both bounds equal).
    Point(f64),
    /// ln(x) is normal with this mean and standard deviation: used when both
    /// bounds are positive, since sizes, counts and rates are right-skewed
    /// and never negative.
    LogNormal {
        /// Mean of ln(x).
        mu: f64,
        /// Standard deviation of ln(x).
        sigma: f64,
    },
    /// Normal with this mean and standard deviation: used when a bound is
    /// zero or negative (a growth rate of -10% to 30%).
    Normal {
        /// Mean (and median).
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
}

impl Distribution {
    /// The distribution whose 5th and 95th percentiles are `low` and `high`:
    /// lognormal when both are positive, normal otherwise, a point when they
    /// are equal. `low` must not exceed `high`.
    ///
    /// ```
    /// use envelope_core::uncertainty::Distribution;
    /// let d = Distribution::from_interval(1e6, 10e6);
    /// assert!((d.median() - 3_162_277.66).abs() < 0.01); // sqrt(1M x 10M)
    /// assert!((d.p5() - 1e6).abs() < 1e-3 && (d.p95() - 10e6).abs() < 1e-2);
    /// let n = Distribution::from_interval(-0.1, 0.3);
    /// assert!((n.median() - 0.1).abs() < 1e-12);
    /// ```
    pub fn from_interval(low: f64, high: f64) -> Distribution {
        if low == high {
            Distribution::Point(low)
        } else if low > 0.0 {
            let (a, b) = (ln(low), ln(high));
            Distribution::LogNormal {
                mu: (a + b) / 2.0,
                sigma: (b - a) / (2.0 * Z90),
            }
        } else {
            Distribution::Normal {
                mean: (low + high) / 2.0,
                sd: (high - low) / (2.0 * Z90),
            }
        }
    }

    /// The median: the point estimate uses it.
    pub fn median(&self) -> f64 {
        self.at_z(0.0)
    }

    /// The value `z` standard deviations (of the underlying normal) from the
    /// median.
    pub fn at_z(&self, z: f64) -> f64 {
        match *self {
            Distribution::Point(v) => v,
            Distribution::LogNormal { mu, sigma } => exp(mu + sigma * z),
            Distribution::Normal { mean, sd } => mean + sd * z,
        }
    }

    /// The 5th percentile: the range's low bound.
    pub fn p5(&self) -> f64 {
        self.at_z(-Z90)
    }

    /// The 95th percentile: the range's high bound.
    pub fn p95(&self) -> f64 {
        self.at_z(Z90)
    }

    /// `lognormal`, `normal` or `point`.
    pub fn name(&self) -> &'static str {
        match self {
            Distribution::Point(_) => "point",
            Distribution::LogNormal { .. } => "lognormal",
            Distribution::Normal { .. } => "normal",
        }
    }
}

/// Splits `1M..10M` or `1M to 10M` into its bounds' texts; `None` for a
/// point value.
///
/// ```
/// use envelope_core::uncertainty::split_range;
/// assert_eq!(split_range("1M..10M"), Some(("1M", "10M")));
/// assert_eq!(split_range(" 2 TO 5 "), Some(("2", "5")));
/// assert_eq!(split_range("-10% .. 30%"), Some(("-10%", "30%")));
/// assert_eq!(split_range("3 MB"), None);
/// ```
pub fn split_range(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    if let Some(at) = text.find("..") {
        return Some((text[..at].trim(), text[at + 2..].trim()));
    }
    let lower = text.to_ascii_lowercase();
    let at = lower.find(" to ")?;
    Some((text[..at].trim(), text[at + 4..].trim()))
}
