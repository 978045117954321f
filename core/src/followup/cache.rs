//! Caches: the load that gets past a cache, and the hit ratio a cache of a
//! given size gets when popularity follows Zipf's law.
//!
//! - With hit ratio `h`, `(1 - h)` of the requests and of the bytes reach
//!   the database.
//! - Zipf(s) over `n` objects: the `k`-th most popular object gets a share
//!   `k^-s / H(n, s)` of the requests, where `H(n, s) = sum over k <= n of
//!   k^-s` is the generalised harmonic number. A cache that holds the `C`
//!   most popular objects then hits `H(C, s) / H(n, s)` of them. That is
//!   the best a cache of `C` objects can do on independent requests (a
//!   perfect LFU cache in steady state, no cold misses or expiry); LRU gets
//!   somewhat less.
//!
//! `H` is summed directly for the first 1,000 terms and by the
//! Euler-Maclaurin formula beyond, so its work is bounded whatever `n`
//! (10^12 objects cost the same as 10^4).
//!
//! ```
//! use envelope_core::followup::cache;
//! // 1% of a million objects under Zipf(1) gets 68% of the hits.
//! let h = cache::zipf_hit_ratio(1e4, 1e6, 1.0);
//! assert!((h - 0.68004).abs() < 1e-5);
//! ```

use super::{figure, m, n, section, stored_objects, Check, Note, Origin, Prefilled};
use crate::{keys, Conventions, InputError, Measure, Numbers, Scenario, Section};

/// A cache in front of a database.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    /// The share of requests the cache answers, a fraction 0 to 1.
    pub hit_ratio: f64,
    /// Requests per second that reach the cache.
    pub requests_per_second: f64,
    /// Bytes per second those requests read, in bytes per second.
    pub bytes_per_second: f64,
    /// The Zipf exponent `s` of the objects' popularity, 0 (uniform) to 10;
    /// web objects are commonly measured between 0.6 and 1.
    pub zipf_exponent: f64,
    /// Objects there are (`n`), at least 1.
    pub objects: f64,
    /// Objects the cache holds (`C`), the most popular first.
    pub cache_objects: f64,
}

impl Default for Inputs {
    /// An 80% hit ratio on 10,000 requests/s reading 1 GB/s; a cache of
    /// 10,000 out of a million objects under Zipf(1).
    fn default() -> Self {
        Inputs {
            hit_ratio: 0.8,
            requests_per_second: 1e4,
            bytes_per_second: 1e9,
            zipf_exponent: 1.0,
            objects: 1e6,
            cache_objects: 1e4,
        }
    }
}

/// Terms of `H(n, s)` summed one by one before the Euler-Maclaurin tail.
const DIRECT_TERMS: u32 = 1_000;

/// The generalised harmonic number `H(n, s) = sum over 1 <= k <= n of
/// k^-s`, for `n` rounded down to a whole number (0 below 1) and `s >= 0`.
///
/// Up to 1,000 terms are summed (smallest first); beyond, `sum over a <= k
/// <= n of f(k)` with `f(x) = x^-s` and `a = 1,000` is `integral from a to
/// n of f + (f(a) + f(n)) / 2 + (f'(n) - f'(a)) / 12 - (f'''(n) - f'''(a))
/// / 720`, the Euler-Maclaurin formula, whose next term is below 10^-16
/// of the sum for any `s >= 0`.
///
/// ```
/// use envelope_core::followup::cache::harmonic;
/// assert_eq!(harmonic(3.0, 1.0), 1.0 + 0.5 + 1.0 / 3.0);
/// // H(n, 2) tends to pi^2 / 6 = 1.6449, less about 1/n.
/// assert!((harmonic(1e12, 2.0) - (std::f64::consts::PI.powi(2) / 6.0 - 1e-12)).abs() < 1e-14);
/// ```
pub fn harmonic(n: f64, s: f64) -> f64 {
    let n = n.floor();
    if n.is_nan() || n < 1.0 {
        return 0.0;
    }
    let f = |x: f64| x.powf(-s);
    if n <= f64::from(DIRECT_TERMS) {
        return (1..=n as u32).rev().map(|k| f(f64::from(k))).sum();
    }
    let a = f64::from(DIRECT_TERMS);
    let head: f64 = (1..DIRECT_TERMS).rev().map(|k| f(f64::from(k))).sum();
    // integral of x^-s from a to n: ln(n / a) at s = 1, otherwise
    // (n^(1-s) - a^(1-s)) / (1 - s) = a^(1-s) expm1((1-s) ln(n/a)) / (1-s),
    // which keeps its digits as s nears 1.
    let ln_ratio = (n / a).ln();
    let integral = if s == 1.0 {
        ln_ratio
    } else {
        a.powf(1.0 - s) * ((1.0 - s) * ln_ratio).exp_m1() / (1.0 - s)
    };
    let d1 = |x: f64| -s * x.powf(-s - 1.0);
    let d3 = |x: f64| -s * (s + 1.0) * (s + 2.0) * x.powf(-s - 3.0);
    head + integral + (f(a) + f(n)) / 2.0 + (d1(n) - d1(a)) / 12.0 - (d3(n) - d3(a)) / 720.0
}

/// The share of requests a cache of the `cache_objects` most popular of
/// `objects` objects answers under Zipf(`s`): `H(C, s) / H(n, s)`, 1 when
/// the cache holds every object.
pub fn zipf_hit_ratio(cache_objects: f64, objects: f64, s: f64) -> f64 {
    if cache_objects >= objects {
        return 1.0;
    }
    let total = harmonic(objects, s);
    if total > 0.0 {
        (harmonic(cache_objects, s) / total).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The cache's figures: requests and bytes per second that reach the
/// database at the given hit ratio (`cache.db_requests`, `cache.db_bytes`);
/// the hit ratio under Zipf popularity (`cache.zipf_hit_ratio`) and the
/// requests that reach the database at that ratio
/// (`cache.zipf_db_requests`).
pub fn compute(inputs: &Inputs, c: &Conventions) -> Result<Section, Vec<InputError>> {
    validate(inputs)?;
    let i = *inputs;
    let miss = 1.0 - i.hit_ratio;
    let miss_text = n(miss * 100.0);
    let objects = i.objects.floor();
    let cached = i.cache_objects.floor().min(objects);
    let zipf = zipf_hit_ratio(cached, objects, i.zipf_exponent);
    let figures = vec![
        figure(
            "cache.db_requests",
            "Requests that reach the database",
            Measure::per_second(miss * i.requests_per_second),
            format!(
                "(1 - {}% hits) x {}",
                n(i.hit_ratio * 100.0),
                m(Measure::per_second(i.requests_per_second), c)
            ),
            c,
        ),
        figure(
            "cache.db_bytes",
            "Bytes read from the database",
            Measure::bytes_per_second(miss * i.bytes_per_second),
            format!(
                "{miss_text}% misses x {}",
                m(Measure::bytes_per_second(i.bytes_per_second), c)
            ),
            c,
        ),
        figure(
            "cache.zipf_hit_ratio",
            "Hit ratio of the most popular objects under Zipf",
            Measure::Fraction(zipf),
            if cached >= objects {
                format!("the cache holds all {} objects", n(objects))
            } else {
                format!(
                    "H(C, s) / H(n, s) = H({}, {s}) / H({}, {s}) = {} / {}",
                    n(cached),
                    n(objects),
                    n(harmonic(cached, i.zipf_exponent)),
                    n(harmonic(objects, i.zipf_exponent)),
                    s = n(i.zipf_exponent),
                )
            },
            c,
        ),
        figure(
            "cache.zipf_db_requests",
            "Requests that reach the database at the Zipf hit ratio",
            Measure::per_second((1.0 - zipf) * i.requests_per_second),
            format!(
                "(1 - {}%) x {}",
                n(zipf * 100.0),
                m(Measure::per_second(i.requests_per_second), c)
            ),
            c,
        ),
    ];
    section(super::Calculator::Cache, figures)
}

fn validate(i: &Inputs) -> Result<(), Vec<InputError>> {
    let mut check = Check::new();
    check.field("cache.hit_ratio", i.hit_ratio);
    check.field("cache.requests_per_second", i.requests_per_second);
    check.field("cache.bytes_per_second", i.bytes_per_second);
    check.field("cache.zipf_exponent", i.zipf_exponent);
    check.field("cache.objects", i.objects);
    check.field("cache.cache_objects", i.cache_objects);
    check.finish()
}

/// The inputs with the requests from the scenario's peak reads, the bytes
/// from its peak egress (every response), the objects from its stored
/// objects (see the [module](super)'s convention), and the objects in the
/// cache as its cache memory over the bytes kept per object.
pub fn prefill(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    let c = &s.conventions;
    let mut inputs = Inputs::default();
    let mut notes = Vec::new();
    if let Some(reads) = numbers.get(keys::PEAK_READ_RPS) {
        inputs.requests_per_second = reads.base_value();
        notes.push(Note {
            origin: Origin::Scenario,
            field: "cache.requests_per_second",
            text: format!("{} from the scenario's peak reads", m(reads, c)),
        });
    }
    if let Some(egress) = numbers.get(keys::EGRESS_PEAK) {
        inputs.bytes_per_second = egress.base_value();
        notes.push(Note {
            origin: Origin::Scenario,
            field: "cache.bytes_per_second",
            text: format!(
                "{} from the scenario's peak egress (every response)",
                m(egress, c)
            ),
        });
    }
    if let Some(objects) = stored_objects(s, numbers) {
        inputs.objects = objects.count;
        notes.push(Note {
            origin: Origin::Scenario,
            field: "cache.objects",
            text: format!("n = {}", objects.text),
        });
        if let (Some(memory), true) = (numbers.get(keys::CACHE_MEMORY), objects.bytes_each > 0.0) {
            let cached = (memory.base_value() / objects.bytes_each)
                .floor()
                .min(objects.count);
            inputs.cache_objects = cached;
            notes.push(Note {
                origin: Origin::Scenario,
                field: "cache.cache_objects",
                text: format!(
                    "C = {} objects: the scenario's {} cache memory / {} kept per object",
                    m(Measure::Count(cached), c),
                    m(memory, c),
                    m(Measure::data_bytes(objects.bytes_each), c)
                ),
            });
        }
    }
    Prefilled { inputs, notes }
}

/// The inputs as used: what the user set in the scenario
/// ([`crate::Scenario::followup`]) over [`prefill`], each input with a
/// [`Note`] saying whether it was set or came from the scenario.
pub fn effective(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    super::effective::overlay(prefill(s, numbers), s, super::Calculator::Cache, |all| {
        &mut all.cache
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate_numbers;
    use proptest::prelude::*;

    use crate::followup::test_value as value;

    #[test]
    fn misses_reach_the_database() {
        let s = compute(&Inputs::default(), &Conventions::default()).unwrap();
        // (1 - 0.8) x 10,000 /s = 2,000 /s; 0.2 x 1 GB/s = 200 MB/s.
        assert!((value(&s, "cache.db_requests") - 2_000.0).abs() < 1e-9);
        assert!((value(&s, "cache.db_bytes") - 2e8).abs() < 1e-3);
        // H(1e4, 1) = ln 1e4 + gamma + 1/(2e4) - 1/(12e8) = 9.210340 + 0.577216
        // + 0.000050 = 9.787606; H(1e6, 1) = 13.815511 + 0.577216 + 0.0000005
        // = 14.392727; 9.787606 / 14.392727 = 0.680038.
        assert!((value(&s, "cache.zipf_hit_ratio") - 0.680_038).abs() < 1e-6);
        // (1 - 0.680038) x 10,000 = 3,199.6 /s.
        assert!((value(&s, "cache.zipf_db_requests") - 3_199.6).abs() < 0.05);
    }

    #[test]
    fn harmonic_numbers_agree_with_direct_sums() {
        for (n, s) in [
            (1_001.0, 1.0),
            (5_000.0, 0.5),
            (123_456.0, 0.999_999),
            (99_999.0, 2.5),
            (20_000.0, 0.0),
        ] {
            let direct: f64 = (1..=n as u64).rev().map(|k| (k as f64).powf(-s)).sum();
            let h = harmonic(n, s);
            assert!(
                ((h - direct) / direct).abs() < 1e-13,
                "H({n}, {s}) = {h}, summed {direct}"
            );
        }
        // Uniform popularity: H(n, 0) = n, a cache of C holds C / n.
        assert!((harmonic(1e12, 0.0) - 1e12).abs() < 1e-2);
        assert!((zipf_hit_ratio(1e9, 1e12, 0.0) - 1e-3).abs() < 1e-15);
        // Large n at s = 1: ln 1e12 + gamma + 1/(2e12) = 27.631021 + 0.577216.
        assert!((harmonic(1e12, 1.0) - 28.208_236_7).abs() < 1e-6);
        assert_eq!(harmonic(0.5, 1.0), 0.0);
    }

    #[test]
    fn a_cache_of_everything_hits_everything() {
        let i = Inputs {
            cache_objects: 2e6,
            ..Inputs::default()
        };
        let s = compute(&i, &Conventions::default()).unwrap();
        assert_eq!(value(&s, "cache.zipf_hit_ratio"), 1.0);
        assert_eq!(value(&s, "cache.zipf_db_requests"), 0.0);
        assert_eq!(
            s.figures[2].derivation,
            "the cache holds all 1,000,000 objects = 100%"
        );
    }

    #[test]
    fn bad_inputs_name_their_fields() {
        let i = Inputs {
            hit_ratio: 1.2,
            objects: 0.0,
            zipf_exponent: -1.0,
            ..Inputs::default()
        };
        let errors = compute(&i, &Conventions::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["cache.hit_ratio", "cache.zipf_exponent", "cache.objects"]
        );
        assert_eq!(errors[0].message, "Hit ratio: must be at most 1 (got 1.2)");
    }

    #[test]
    fn prefills_from_the_scenario() {
        let s = Scenario::default();
        let p = prefill(&s, &estimate_numbers(&s).unwrap());
        // Peak reads 1e7 / 86,400 x 2 = 231.5 /s.
        assert!((p.inputs.requests_per_second - 2e7 / 86_400.0).abs() < 1e-9);
        assert_eq!(p.inputs.objects, 1.825e9);
        // Cache memory: 1e7 reads x 100 KB = 1 TB/day x 20% hot = 200 GB;
        // / 10 KB per object = 20,000,000 objects.
        assert_eq!(p.inputs.cache_objects, 2e7);
        let note = &p.notes[3];
        assert_eq!(note.field, "cache.cache_objects");
        assert_eq!(
            note.text,
            "C = 20 M objects: the scenario's 200 GB cache memory / 10 KB kept per object"
        );
    }

    proptest! {
        #[test]
        fn a_bigger_cache_never_hits_less(
            n in 1.0f64..1e15, share in 0.0f64..1.0, more in 0.0f64..1.0, s in 0.0f64..10.0,
        ) {
            let c = (n * share).floor();
            let h = zipf_hit_ratio(c, n, s);
            prop_assert!((0.0..=1.0).contains(&h));
            let bigger = (c + (n - c) * more).floor();
            prop_assert!(zipf_hit_ratio(bigger, n, s) >= h - 1e-12);
        }

        #[test]
        fn harmonic_numbers_grow_with_n(n in 1.0f64..1e15, s in 0.0f64..10.0) {
            // Each term is positive, including across the switch to the
            // Euler-Maclaurin tail.
            prop_assert!(harmonic(n + 1.0, s) >= harmonic(n, s));
        }

        #[test]
        fn any_inputs_give_finite_figures_or_errors(
            hit_ratio in prop_oneof![Just(f64::NAN), -0.5f64..1.5],
            rate in -1.0f64..2e18,
            s in -1.0f64..11.0,
            objects in prop_oneof![Just(f64::INFINITY), -1.0f64..2e18],
            cached in -1.0f64..2e18,
        ) {
            let i = Inputs { hit_ratio, requests_per_second: rate, bytes_per_second: rate, zipf_exponent: s, objects, cache_objects: cached };
            if let Ok(s) = compute(&i, &Conventions::default()) {
                prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
            }
        }
    }
}
