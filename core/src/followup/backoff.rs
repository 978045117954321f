//! Retries: exponential backoff with jitter, and the load a retry storm
//! adds.
//!
//! - Retry `i` (0 for the first retry) waits up to `min(cap, base x
//!   factor^i)`.
//! - Jitter, as the AWS Architecture Blog's "Exponential Backoff And
//!   Jitter" (Marc Brooker, 2015) defines it: with **full** jitter the wait
//!   is uniform between 0 and that ceiling, so its mean is half of it; with
//!   **equal** jitter it is half the ceiling plus a uniform share of the
//!   other half, mean three quarters; with none, the ceiling itself.
//!   **Decorrelated** jitter (`min(cap, uniform(base, 3 x previous wait))`)
//!   depends on the previous draw and has no per-retry ceiling of this
//!   form, so it is not offered here.
//! - Load: with each attempt failing independently with probability `q`
//!   and up to `r` retries, each request makes `1 + q + q^2 + ... + q^r`
//!   attempts on average. When failures are not independent (the
//!   dependency is down, so every attempt fails) each request makes all
//!   `r + 1`: the worst case, and the usual shape of a retry storm.
//!
//! ```
//! use envelope_core::followup::backoff;
//! let i = backoff::Inputs::default();
//! // 100 ms doubling, capped at 10 s: 100, 200, 400, 800, 1,600 ms.
//! assert_eq!(backoff::ceilings(&i), [0.1, 0.2, 0.4, 0.8, 1.6]);
//! // Half of every attempt failing: 1 + 0.5 + ... + 0.5^5 = 1.96875 attempts.
//! assert_eq!(backoff::attempts_per_request(0.5, 5), 1.96875);
//! ```

use super::{figure, m, n, section, Check, Note, Origin, Prefilled};
use crate::{format, keys, Conventions, InputError, Measure, Numbers, Scenario, Section};

/// How a wait is drawn below its ceiling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Jitter {
    /// No jitter: every client waits the ceiling, and retries arrive in
    /// synchronised waves.
    None,
    /// Uniform between 0 and the ceiling (mean: half).
    #[default]
    Full,
    /// Half the ceiling plus a uniform share of the other half (mean:
    /// three quarters).
    Equal,
}

impl Jitter {
    /// The mean wait as a share of the ceiling.
    pub fn mean_share(self) -> f64 {
        match self {
            Jitter::None => 1.0,
            Jitter::Full => 0.5,
            Jitter::Equal => 0.75,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Jitter::None => "no jitter: the whole ceiling",
            Jitter::Full => "full jitter: half the ceiling on average",
            Jitter::Equal => "equal jitter: three quarters of the ceiling on average",
        }
    }
}

/// A retry policy and the traffic it applies to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    /// The first retry's ceiling, in seconds.
    pub base_seconds: f64,
    /// How much each ceiling grows over the one before, at least 1.
    pub factor: f64,
    /// The most any retry waits, in seconds.
    pub cap_seconds: f64,
    /// Retries after the first attempt (`r`), 0 to 100.
    pub retries: u32,
    /// How waits are drawn below their ceilings.
    pub jitter: Jitter,
    /// The chance that one attempt fails (`q`), a fraction 0 to 1.
    pub failure_rate: f64,
    /// Requests per second before any retry.
    pub requests_per_second: f64,
}

impl Default for Inputs {
    /// 100 ms doubling to a 10 s cap, 5 retries with full jitter; half of
    /// the attempts failing, on 1,000 requests/s.
    fn default() -> Self {
        Inputs {
            base_seconds: 0.1,
            factor: 2.0,
            cap_seconds: 10.0,
            retries: 5,
            jitter: Jitter::Full,
            failure_rate: 0.5,
            requests_per_second: 1e3,
        }
    }
}

/// The most retries taken.
pub const MAX_RETRIES: u32 = 100;

/// Each retry's ceiling, `min(cap, base x factor^i)` for `i` from 0 to
/// `retries - 1`, in seconds.
pub fn ceilings(inputs: &Inputs) -> Vec<f64> {
    let retries = inputs.retries.min(MAX_RETRIES);
    (0..retries)
        .map(|i| (inputs.base_seconds * inputs.factor.powi(i as i32)).min(inputs.cap_seconds))
        .collect()
}

/// The mean attempts per request when each fails independently with
/// probability `q` and up to `retries` retries follow a failure:
/// `1 + q + ... + q^retries`.
pub fn attempts_per_request(q: f64, retries: u32) -> f64 {
    // At most 101 terms: summed directly, exact at q = 1.
    (0..=retries.min(MAX_RETRIES))
        .map(|i| q.powi(i as i32))
        .sum()
}

/// The policy's figures: the first and last retry's ceilings
/// (`backoff.first_ceiling`, `backoff.last_ceiling`, when there are
/// retries), the mean and longest total wait (`backoff.mean_total_wait`,
/// `backoff.max_total_wait`), attempts per request with independent
/// failures and the load they make (`backoff.attempts`, `backoff.load`),
/// and the same when every attempt fails (`backoff.worst_attempts`,
/// `backoff.worst_load`).
pub fn compute(inputs: &Inputs, c: &Conventions) -> Result<Section, Vec<InputError>> {
    validate(inputs)?;
    let i = *inputs;
    let ceilings = ceilings(&i);
    let d = |seconds: f64| format::duration(seconds);
    let mut figures = Vec::with_capacity(8);
    if let (Some(&first), Some(&last)) = (ceilings.first(), ceilings.last()) {
        figures.push(figure(
            "backoff.first_ceiling",
            "First retry's wait, at most",
            Measure::seconds(first),
            format!(
                "min(cap, base) = min({}, {})",
                d(i.cap_seconds),
                d(i.base_seconds)
            ),
            c,
        ));
        figures.push(figure(
            "backoff.last_ceiling",
            "Last retry's wait, at most",
            Measure::seconds(last),
            format!(
                "min(cap, base x factor^{}) = min({}, {} x {}^{})",
                i.retries - 1,
                d(i.cap_seconds),
                d(i.base_seconds),
                n(i.factor),
                i.retries - 1
            ),
            c,
        ));
    }
    let max_total: f64 = ceilings.iter().sum();
    let share = i.jitter.mean_share();
    let sum_text = if ceilings.len() <= 6 {
        ceilings
            .iter()
            .map(|&s| d(s))
            .collect::<Vec<_>>()
            .join(" + ")
    } else {
        format!("sum of {} ceilings", ceilings.len())
    };
    figures.push(figure(
        "backoff.mean_total_wait",
        "Mean total wait, every retry",
        Measure::seconds(share * max_total),
        format!("{} x ({sum_text}), {}", n(share), i.jitter.describe()),
        c,
    ));
    figures.push(figure(
        "backoff.max_total_wait",
        "Longest total wait, every retry",
        Measure::seconds(max_total),
        if ceilings.is_empty() {
            "no retries".to_owned()
        } else {
            sum_text
        },
        c,
    ));
    let q = i.failure_rate;
    let attempts = attempts_per_request(q, i.retries);
    let rps = m(Measure::per_second(i.requests_per_second), c);
    figures.extend([
        figure(
            "backoff.attempts",
            "Attempts per request, failures independent",
            Measure::Multiplier(attempts),
            format!(
                "1 + q + ... + q^r = 1 + {q} + ... + {q}^{}",
                i.retries,
                q = n(q)
            ),
            c,
        ),
        figure(
            "backoff.load",
            "Load with retries, failures independent",
            Measure::per_second(i.requests_per_second * attempts),
            format!("{rps} x {}", n(attempts)),
            c,
        ),
        figure(
            "backoff.worst_attempts",
            "Attempts per request when every attempt fails",
            Measure::Multiplier(f64::from(i.retries) + 1.0),
            format!(
                "1 + {} retries (failures not independent: the dependency is down)",
                i.retries
            ),
            c,
        ),
        figure(
            "backoff.worst_load",
            "Load with retries when every attempt fails",
            Measure::per_second(i.requests_per_second * (f64::from(i.retries) + 1.0)),
            format!("{rps} x {}", i.retries + 1),
            c,
        ),
    ]);
    section(super::Calculator::Backoff, figures)
}

fn validate(i: &Inputs) -> Result<(), Vec<InputError>> {
    let mut check = Check::new();
    check.field("backoff.base_seconds", i.base_seconds);
    check.field("backoff.factor", i.factor);
    check.field("backoff.cap_seconds", i.cap_seconds);
    check.whole_field("backoff.retries", i.retries);
    check.field("backoff.failure_rate", i.failure_rate);
    check.field("backoff.requests_per_second", i.requests_per_second);
    check.finish()
}

/// The inputs with the requests per second from the scenario's peak.
pub fn prefill(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    let mut inputs = Inputs::default();
    let mut notes = Vec::new();
    if let Some(peak) = numbers.get(keys::PEAK_RPS) {
        inputs.requests_per_second = peak.base_value();
        notes.push(Note {
            origin: Origin::Scenario,
            field: "backoff.requests_per_second",
            text: format!(
                "{} from the scenario's peak requests",
                m(peak, &s.conventions)
            ),
        });
    }
    Prefilled { inputs, notes }
}

/// The inputs as used: what the user set in the scenario
/// ([`crate::Scenario::followup`]) over [`prefill`], each input with a
/// [`Note`] saying whether it was set or came from the scenario.
pub fn effective(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    super::effective::overlay(prefill(s, numbers), s, super::Calculator::Backoff, |all| {
        &mut all.backoff
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate_numbers;
    use proptest::prelude::*;

    use crate::followup::test_value as value;

    #[test]
    fn doubling_with_full_jitter() {
        let c = Conventions::default();
        let s = compute(&Inputs::default(), &c).unwrap();
        // Ceilings 0.1, 0.2, 0.4, 0.8, 1.6 s: 3.1 s in all, 1.55 s mean.
        assert_eq!(value(&s, "backoff.first_ceiling"), 0.1);
        assert_eq!(value(&s, "backoff.last_ceiling"), 1.6);
        assert!((value(&s, "backoff.max_total_wait") - 3.1).abs() < 1e-12);
        assert!((value(&s, "backoff.mean_total_wait") - 1.55).abs() < 1e-12);
        // 1 + 0.5 + 0.25 + 0.125 + 0.0625 + 0.03125 = 1.96875;
        // 1,000 /s x 1.96875 = 1,968.75 /s; worst 6 x 1,000 = 6,000 /s.
        assert_eq!(value(&s, "backoff.attempts"), 1.96875);
        assert_eq!(value(&s, "backoff.load"), 1968.75);
        assert_eq!(value(&s, "backoff.worst_attempts"), 6.0);
        assert_eq!(value(&s, "backoff.worst_load"), 6000.0);
        assert_eq!(
            s.figures[2].derivation,
            "0.5 x (100 ms + 200 ms + 400 ms + 800 ms + 1.6s), full jitter: half the ceiling on average = 1.55s"
        );
    }

    #[test]
    fn the_cap_holds_and_equal_jitter_averages_three_quarters() {
        // 1 s tripling, cap 5 s, 4 retries: 1, 3, 5 (not 9), 5 (not 27) = 14 s;
        // equal jitter: 0.75 x 14 = 10.5 s.
        let i = Inputs {
            base_seconds: 1.0,
            factor: 3.0,
            cap_seconds: 5.0,
            retries: 4,
            jitter: Jitter::Equal,
            ..Inputs::default()
        };
        assert_eq!(ceilings(&i), [1.0, 3.0, 5.0, 5.0]);
        let s = compute(&i, &Conventions::default()).unwrap();
        assert_eq!(value(&s, "backoff.mean_total_wait"), 10.5);
    }

    #[test]
    fn no_retries_and_certain_failure() {
        let c = Conventions::default();
        let i = Inputs {
            retries: 0,
            ..Inputs::default()
        };
        let s = compute(&i, &c).unwrap();
        assert!(s.figures.iter().all(|f| f.key != "backoff.first_ceiling"));
        assert_eq!(value(&s, "backoff.max_total_wait"), 0.0);
        assert_eq!(value(&s, "backoff.attempts"), 1.0);
        // q = 1: every retry happens, 1 + 1 + 1 + 1 = 4 attempts with 3 retries.
        assert_eq!(attempts_per_request(1.0, 3), 4.0);
        assert_eq!(attempts_per_request(0.0, 3), 1.0);
    }

    #[test]
    fn bad_inputs_name_their_fields() {
        let i = Inputs {
            factor: 0.5,
            retries: 1_000,
            failure_rate: -0.1,
            ..Inputs::default()
        };
        let errors = compute(&i, &Conventions::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["backoff.factor", "backoff.retries", "backoff.failure_rate"]
        );
        assert_eq!(
            errors[0].message,
            "Backoff factor: must be at least 1 (got 0.5)"
        );
    }

    #[test]
    fn prefills_the_rate_from_the_scenario() {
        let s = Scenario::default();
        let p = prefill(&s, &estimate_numbers(&s).unwrap());
        assert!((p.inputs.requests_per_second - 2.2e7 / 86_400.0).abs() < 1e-9);
        assert_eq!(
            p.notes[0].text,
            "254.6 req/s from the scenario's peak requests"
        );
    }

    proptest! {
        #[test]
        fn independent_failures_never_cost_more_than_the_worst_case(
            q in 0.0f64..=1.0, retries in 0u32..=100,
        ) {
            let a = attempts_per_request(q, retries);
            prop_assert!(a >= 1.0);
            prop_assert!(a <= f64::from(retries) + 1.0 + 1e-9);
            // The closed form (1 - q^(r+1)) / (1 - q) where it is defined.
            if q < 0.99 {
                let closed = (1.0 - q.powi(retries as i32 + 1)) / (1.0 - q);
                prop_assert!((a - closed).abs() < 1e-9 * closed);
            }
        }

        #[test]
        fn ceilings_grow_to_the_cap(
            base in 1e-6f64..10.0, factor in 1.0f64..100.0, cap in 1e-6f64..1e4, retries in 0u32..=100,
        ) {
            let i = Inputs { base_seconds: base, factor, cap_seconds: cap, retries, ..Inputs::default() };
            let c = ceilings(&i);
            prop_assert_eq!(c.len(), retries as usize);
            prop_assert!(c.windows(2).all(|w| w[1] >= w[0]));
            prop_assert!(c.iter().all(|&x| x <= cap && x.is_finite()));
        }

        #[test]
        fn any_inputs_give_finite_figures_or_errors(
            base in prop_oneof![Just(f64::NAN), -1.0f64..1e5],
            factor in -1.0f64..200.0,
            cap in prop_oneof![Just(f64::INFINITY), -1.0f64..1e8],
            retries in 0u32..200,
            q in -0.5f64..1.5,
            rps in -1.0f64..2e18,
        ) {
            let i = Inputs { base_seconds: base, factor, cap_seconds: cap, retries, failure_rate: q, requests_per_second: rps, ..Inputs::default() };
            if let Ok(s) = compute(&i, &Conventions::default()) {
                prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
            }
        }
    }
}
