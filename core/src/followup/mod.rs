//! The follow-up questions: after "how much storage and how many requests",
//! the next ones a design review asks, each a small calculator with its
//! derivation.
//!
//! | module      | question                                                            |
//! |-------------|---------------------------------------------------------------------|
//! | [`bloom`]   | bits and hash functions for a Bloom filter, and the rate it gives   |
//! | [`ids`]     | how long an ID layout lasts, how fast it issues, random-ID collisions, short-code length |
//! | [`quorum`]  | whether R + W > N, failures tolerated, read and write availability  |
//! | [`shards`]  | shard count and its binding limit; consistent hashing's spread and movement |
//! | [`cache`]   | load behind a cache; the hit ratio of a cache under Zipf popularity |
//! | [`latency`] | a latency budget from the reference table; Little's law; M/M/c queueing and p99 |
//! | [`backoff`] | exponential backoff with jitter, and the load a retry storm adds    |
//!
//! Every calculator has the same shape:
//!
//! - `Inputs`: plain numbers in base units (bytes, seconds, per-second
//!   rates, fractions where 0.2 is 20%), with textbook [`Default`]s;
//! - `compute(&Inputs, &Conventions) -> Result<Section, Vec<InputError>>`:
//!   a [`Section`] of [`Figure`]s with stable keys
//!   (`bloom.bits`), typed values and derivations, or errors naming each bad
//!   input (`bloom.items`) and the problem. Nothing panics, and every value
//!   is a finite number;
//! - `prefill(&Scenario, &Numbers) -> Prefilled<Inputs>`: the inputs with
//!   what the scenario can supply filled in, each with a [`Note`] saying
//!   where it came from;
//! - `effective(&Scenario, &Numbers) -> Prefilled<Inputs>`: the inputs the
//!   user set ([`Scenario::followup`], keys from
//!   [`crate::fields::FOLLOWUP_FIELDS`]) over `prefill`, the notes saying
//!   which inputs were set ([`Origin::Set`]) and which came from the
//!   scenario ([`Origin::Scenario`]).
//!
//! [`run`] runs any [`Calculator`] by name over a scenario: every input with
//! its value and origin, and the section.
//!
//! ```
//! use envelope_core::followup::bloom;
//! use envelope_core::{estimate_numbers, format, Conventions, Scenario};
//!
//! // A filter for a million items at a 1% false-positive rate.
//! let c = Conventions::default();
//! let section = bloom::compute(&bloom::Inputs::default(), &c).unwrap();
//! let hashes = section.figures.iter().find(|f| f.key == "bloom.hashes").unwrap();
//! assert_eq!(hashes.value.base_value(), 7.0);
//! let bytes = section.figures.iter().find(|f| f.key == "bloom.bytes").unwrap();
//! assert_eq!(format::measure(&bytes.value, &c), "1.198 MB");
//!
//! // The same filter sized for the default scenario's stored objects.
//! let s = Scenario::default();
//! let prefilled = bloom::prefill(&s, &estimate_numbers(&s).unwrap());
//! assert_eq!(prefilled.inputs.items, 1.825e9);
//! assert!(prefilled.notes[0].text.starts_with("n = 1.825 bn objects from the scenario"));
//!
//! // A bad input names its field and never panics.
//! let bad = bloom::Inputs { false_positive_rate: 1.0, ..Default::default() };
//! let errors = bloom::compute(&bad, &c).unwrap_err();
//! assert_eq!(errors[0].field, "bloom.false_positive_rate");
//! ```

pub mod backoff;
pub mod bloom;
pub mod cache;
mod effective;
pub mod ids;
pub mod latency;
pub mod quorum;
pub mod shards;

pub(crate) use effective::AllInputs;
pub use effective::{run, Calculator, EffectiveInput, Outcome};

use crate::model::growth_days;
use crate::{format, keys, Conventions, Figure, InputError, Measure, Numbers, Scenario, Section};

/// Where an input that is not the calculator's default came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Worked out from the scenario ([`prefill`](bloom::prefill)).
    Scenario,
    /// Set by the user, as an override stored in the scenario
    /// ([`crate::Followup`]), over whatever the scenario would give.
    Set,
}

/// An input the scenario supplied or the user set, and how it was worked
/// out.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// Whether the scenario supplied it or the user set it.
    pub origin: Origin,
    /// The input's key, e.g. `bloom.items`.
    pub field: &'static str,
    /// What was taken, for people: `n = 1.825 bn objects from the scenario:
    /// 1 M write requests/day x 1,825 days kept (one object per write)`.
    pub text: String,
}

/// A calculator's inputs with what the scenario supplies filled in (and,
/// from each calculator's `effective`, such as [`bloom::effective`], what the
/// user set).
#[derive(Clone, Debug, PartialEq)]
pub struct Prefilled<I> {
    /// The inputs: the scenario's values where it has them, the defaults
    /// elsewhere.
    pub inputs: I,
    /// One note per input taken from the scenario (or set by the user), in
    /// the inputs' order.
    pub notes: Vec<Note>,
}

/// The objects a scenario keeps, which several calculators size for.
///
/// The scenario counts requests and bytes, not objects; the convention here
/// is that each write request stores one object, so the objects kept are
/// the write requests per day times the days of retention (with the
/// scenario's yearly growth, the growth-weighted days, as the storage
/// figures use).
#[derive(Clone, Debug, PartialEq)]
struct StoredObjects {
    count: f64,
    /// Bytes kept (one copy) per object: the retention's bytes over `count`.
    bytes_each: f64,
    /// `1.825 bn objects from the scenario: ...`, without the symbol.
    text: String,
}

fn stored_objects(s: &Scenario, n: &Numbers) -> Option<StoredObjects> {
    let c = &s.conventions;
    let writes_per_day = n.get(keys::AVG_WRITE_RPS)?.base_value() * c.seconds_per_day();
    // As the storage figures count it: retention in real days.
    let retention_days = s.storage.retention_seconds / 86_400.0;
    let days = growth_days(retention_days, c.days_per_year(), s.storage.yearly_growth);
    let count = (writes_per_day * days).round();
    if !(count >= 1.0 && count.is_finite()) {
        return None;
    }
    let kept = n.get(keys::STORED_RETENTION)?.base_value();
    let days_text = if s.storage.yearly_growth == 0.0 {
        format!("{} days kept", format::number(days))
    } else {
        format!(
            "{} days' worth kept over {} days at {}% yearly growth",
            format::number(days),
            format::number(retention_days),
            format::number(s.storage.yearly_growth * 100.0)
        )
    };
    Some(StoredObjects {
        count,
        bytes_each: kept / count,
        text: format!(
            "{} objects from the scenario: {} write requests/day x {days_text} (one object per write request)",
            format::measure(&Measure::Count(count), c),
            format::measure(&Measure::Count(writes_per_day), c),
        ),
    })
}

/// A figure with its derivation followed by ` = value`, as the report
/// writes them.
fn figure(key: &str, label: &str, value: Measure, derivation: String, c: &Conventions) -> Figure {
    Figure {
        key: key.to_owned(),
        label: label.to_owned(),
        derivation: format!("{derivation} = {}", format::measure(&value, c)),
        value,
        rough: None,
    }
}

/// The section, unless a figure is not a finite number: the inputs' bounds
/// are meant to rule that out, and this is the last line of defence (an
/// error naming the calculator rather than a figure printed as "out of
/// range").
fn section(calculator: Calculator, figures: Vec<Figure>) -> Result<Section, Vec<InputError>> {
    let (key, title) = (calculator.key(), calculator.title());
    if let Some(bad) = figures.iter().find(|f| !f.value.base_value().is_finite()) {
        return Err(vec![InputError::new(
            key,
            title,
            format!(
                "{} is out of range for these inputs; try smaller ones",
                bad.label
            ),
        )]);
    }
    Ok(Section {
        key: key.to_owned(),
        title: title.to_owned(),
        figures,
    })
}

/// The values one number input of a calculator takes on its own; checks
/// across inputs (R <= N, the bits of an ID layout) are the calculator's.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Bounds {
    /// `min <= value <= max`.
    Within(f64, f64),
    /// `min < value <= max`.
    Above(f64, f64),
    /// A check of its own, giving the problem if there is one.
    Custom(fn(f64) -> Option<String>),
}

impl Bounds {
    /// What is wrong with `value`, if anything; a NaN or an infinity is
    /// always wrong.
    pub(crate) fn problem(self, value: f64) -> Option<String> {
        let (min, max, min_inclusive) = match self {
            Bounds::Custom(problem) => return problem(value),
            Bounds::Within(min, max) => (min, max, true),
            Bounds::Above(min, max) => (min, max, false),
        };
        if !value.is_finite() {
            Some("must be a finite number".to_owned())
        } else if min_inclusive && value < min {
            Some(if min == 0.0 {
                format!("must not be negative (got {})", n(value))
            } else {
                format!("must be at least {} (got {})", n(min), n(value))
            })
        } else if !min_inclusive && value <= min {
            Some(format!("must be more than {} (got {})", n(min), n(value)))
        } else if value > max {
            Some(format!("must be at most {} (got {})", n(max), n(value)))
        } else {
            None
        }
    }
}

/// Collects the problems with a calculator's inputs, each naming its field.
struct Check {
    errors: Vec<InputError>,
}

impl Check {
    fn new() -> Check {
        Check { errors: Vec::new() }
    }

    fn fail(&mut self, key: &str, label: &str, problem: String) {
        self.errors.push(InputError::new(key, label, problem));
    }

    /// `min <= value <= max`; a NaN or an infinity is an error too.
    fn within(&mut self, key: &str, label: &str, value: f64, min: f64, max: f64) {
        self.bounds(key, label, value, Bounds::Within(min, max));
    }

    /// One input against its own bounds, as the follow-up field table
    /// ([`crate::fields::FOLLOWUP_FIELDS`]) gives them: the one place that
    /// says what each input takes, read both here and when a link or
    /// `--set` gives a value.
    fn field(&mut self, key: &str, value: f64) {
        match crate::fields::followup_field(key).and_then(|f| Some((f.label, f.bounds()?))) {
            Some((label, bounds)) => self.bounds(key, label, value, bounds),
            None => self.fail(key, key, "is not a follow-up number input".to_owned()),
        }
    }

    /// [`Check::field`] for a whole-number input.
    fn whole_field(&mut self, key: &str, value: u32) {
        self.field(key, f64::from(value));
    }

    /// `value` against `bounds`.
    fn bounds(&mut self, key: &str, label: &str, value: f64, bounds: Bounds) {
        if let Some(problem) = bounds.problem(value) {
            self.fail(key, label, problem);
        }
    }

    /// A whole number `min <= value <= max`.
    fn whole(&mut self, key: &str, label: &str, value: u32, min: u32, max: u32) {
        self.within(key, label, f64::from(value), f64::from(min), f64::from(max));
    }

    fn finish(self) -> Result<(), Vec<InputError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// The most items, ids or objects a calculator takes: far beyond any real
/// system (10^18), small enough that squares and products stay finite.
pub(crate) const MAX_COUNT: f64 = 1e18;

/// A plain number as the derivations print it.
fn n(x: f64) -> String {
    format::number(x)
}

/// A value as the figures print it.
fn m(value: Measure, c: &Conventions) -> String {
    format::measure(&value, c)
}

/// The base value of figure `key` of a calculator's section, for the
/// calculators' tests.
#[cfg(test)]
pub(crate) fn test_value(section: &Section, key: &str) -> f64 {
    section
        .figures
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("{key}"))
        .value
        .base_value()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate_numbers;

    #[test]
    fn stored_objects_are_writes_per_day_times_days_kept() {
        // Default scenario: 1 M users x 1 write/day = 1 M writes/day; 5 years
        // of 365 days = 1,825 days kept; 1.825e9 objects of 10 KB each.
        let s = Scenario::default();
        let o = stored_objects(&s, &estimate_numbers(&s).unwrap()).unwrap();
        assert_eq!(o.count, 1.825e9);
        assert!((o.bytes_each - 10e3).abs() < 1e-6, "{}", o.bytes_each);
        assert_eq!(
            o.text,
            "1.825 bn objects from the scenario: 1 M write requests/day x 1,825 days kept (one object per write request)"
        );
    }

    #[test]
    fn a_scenario_without_writes_has_no_objects() {
        let mut s = Scenario::default();
        s.classes.remove(0);
        assert_eq!(stored_objects(&s, &estimate_numbers(&s).unwrap()), None);
    }

    #[test]
    fn growth_counts_the_growth_weighted_days() {
        // 1 year of retention at 100% yearly growth: 365 x (2^1 - 1) / ln 2
        // = 526.6 days' worth of the first day's writes.
        let mut s = Scenario::default();
        s.storage.retention_seconds = 365.0 * 86_400.0;
        s.storage.yearly_growth = 1.0;
        let o = stored_objects(&s, &estimate_numbers(&s).unwrap()).unwrap();
        assert_eq!(o.count, (1e6 * 365.0 / std::f64::consts::LN_2).round());
        assert!(o
            .text
            .contains("526.6 days' worth kept over 365 days at 100% yearly growth"));
    }

    #[test]
    fn checks_name_the_field_and_the_problem() {
        let mut check = Check::new();
        check.within("x.a", "A", f64::NAN, 0.0, 1.0);
        check.within("x.b", "B", -1.0, 0.0, 1.0);
        check.bounds("x.c", "C", 0.0, Bounds::Above(0.0, 1.0));
        check.whole("x.d", "D", 5, 1, 3);
        let errors = check.finish().unwrap_err();
        let texts: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("x.a", "A: must be a finite number"),
                ("x.b", "B: must not be negative (got -1)"),
                ("x.c", "C: must be more than 0 (got 0)"),
                ("x.d", "D: must be at most 3 (got 5)"),
            ]
        );
    }
}
