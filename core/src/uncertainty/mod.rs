//! Estimates under uncertainty: a seeded Monte Carlo over a scenario's
//! ranged inputs, percentiles on every figure, and which inputs matter most.
//!
//! The ranges themselves are scenario data ([`InputRange`], [`Uncertainty`],
//! re-exported here). Any numeric field may be a range, `1M..10M` or
//! `1M to 10M`, read as a 90% interval: its bounds are the 5th and 95th percentiles of a lognormal
//! distribution when both are positive, of a normal one otherwise. The
//! scenario keeps the range in [`Uncertainty::ranges`] and the median as the
//! field's value, so [`crate::estimate`] gives the point estimate.
//!
//! [`simulate`] then draws [`Uncertainty::samples`] scenarios (10,000 by
//! default), estimates each with the same arithmetic as the report, and
//! gives every figure its 5th, 50th and 95th percentiles and mean, a
//! histogram of the headline figures, and a tornado of each headline's
//! sensitivity to each ranged input. Samples outside a field's allowed values
//! are clamped to them (replication never drops below 1x); samples in which a
//! figure cannot be estimated (not a finite number) are counted
//! ([`Spread::undefined`], [`Simulation::undefined`]).
//!
//! Its work is bounded: samples x report figures at most [`WORK_BUDGET`],
//! checked by [`crate::fields::validate`], so one pass holds every value and
//! the cost is linear in the samples. [`Simulator`] runs the same simulation
//! in slices, for a page that must keep answering keystrokes.
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

mod random;
mod simulate;
mod summary;

pub use crate::fields::with_medians;
pub use crate::keys::HEADLINES;
pub use crate::scenario::{
    split_range, Distribution, InputRange, Uncertainty, DEFAULT_SAMPLES, DEFAULT_SEED, MAX_RANGES,
    MAX_SAMPLES, MIN_SAMPLES, WORK_BUDGET, Z90,
};
pub use random::{RandomSource, StandardNormal, Xoshiro256};
pub use simulate::{
    simulate, simulate_ranges, simulate_seeded, Histogram, SampledInput, Simulation, Simulator,
    Spread, Swing, Tornado, SAMPLES_PER_CHUNK, SIMULATION_VERSION,
};
