//! Estimates under uncertainty: ranges on inputs, a seeded Monte Carlo,
//! percentiles on every figure, and which inputs matter most.
//!
//! Any numeric field may be a range, `1M..10M` or `1M to 10M`, read as a 90%
//! interval: its bounds are the 5th and 95th percentiles of a lognormal
//! distribution when both are positive, of a normal one otherwise. The
//! scenario keeps the range in [`Uncertainty::ranges`] and the median as the
//! field's value, so [`crate::estimate`] gives the point estimate.
//!
//! [`simulate`] then draws [`Uncertainty::samples`] scenarios (10,000 by
//! default), estimates each with the same arithmetic as the report, and
//! gives every figure its 5th, 50th and 95th percentiles and mean, a
//! histogram of the headline figures, and a tornado of each headline's
//! sensitivity to each ranged input. Samples outside a field's allowed values
//! are clamped to them (replication never drops below 1x).
//!
//! ```
//! use envelope_core::{fields, uncertainty, Scenario};
//! let mut s = Scenario::default();
//! fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
//! let sim = uncertainty::simulate_seeded(&s).unwrap();
//! let peak = sim.output("total.peak_rps").unwrap();
//! // Peak requests are linear in users, so their percentiles follow the range's.
//! let ratio = peak.p95.base_value() / peak.p5.base_value();
//! assert!((ratio - 10.0).abs() < 0.5, "{ratio}");
//! assert_eq!(sim.tornadoes[0].swings[0].field, "dau");
//! ```

mod math;
mod random;
mod range;
mod simulate;

use serde::{Deserialize, Serialize};

pub use crate::keys::HEADLINES;
pub use random::{RandomSource, StandardNormal, Xoshiro256};
pub use range::{split_range, Distribution, InputRange, Z90};
pub use simulate::{
    simulate, simulate_seeded, with_medians, Histogram, SampledInput, Simulation, Spread, Swing,
    Tornado, SIMULATION_VERSION,
};

/// Samples drawn when a scenario does not say.
pub const DEFAULT_SAMPLES: u32 = 10_000;
/// The fewest samples a simulation may draw.
pub const MIN_SAMPLES: u32 = 100;
/// The most samples a simulation may draw.
pub const MAX_SAMPLES: u32 = 1_000_000;
/// The most ranged inputs a scenario may have.
pub const MAX_RANGES: usize = 200;
/// The seed when a scenario does not say.
pub const DEFAULT_SEED: u64 = 1;

/// A scenario's ranged inputs and how to sample them.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Uncertainty {
    /// Inputs given as ranges, each at most once, in form order.
    pub ranges: Vec<InputRange>,
    /// The random generator's seed: the same seed gives the same percentiles.
    pub seed: u64,
    /// How many scenarios to draw.
    pub samples: u32,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            ranges: Vec::new(),
            seed: DEFAULT_SEED,
            samples: DEFAULT_SAMPLES,
        }
    }
}

impl Uncertainty {
    /// Whether nothing differs from the defaults (then JSON leaves it out).
    pub fn is_default(&self) -> bool {
        *self == Uncertainty::default()
    }

    /// The range on field `key` (`dau`, `classes.0.count`), if any.
    pub fn range(&self, key: &str) -> Option<&InputRange> {
        self.ranges.iter().find(|r| r.field == key)
    }

    /// Sets (or replaces) the range on field `key`. Ranges are kept in form
    /// order (scenario fields, then each class's), whatever order they are
    /// set in, so equal scenarios compare equal.
    pub fn set_range(&mut self, key: &str, low: f64, high: f64) {
        if let Some(r) = self.ranges.iter_mut().find(|r| r.field == key) {
            (r.low, r.high) = (low, high);
            return;
        }
        let rank = crate::fields::form_order(key);
        let at = self
            .ranges
            .iter()
            .position(|r| crate::fields::form_order(&r.field) > rank)
            .unwrap_or(self.ranges.len());
        self.ranges.insert(
            at,
            InputRange {
                field: key.to_owned(),
                low,
                high,
            },
        );
    }

    /// Makes field `key` a point again.
    pub fn remove_range(&mut self, key: &str) {
        self.ranges.retain(|r| r.field != key);
    }
}
