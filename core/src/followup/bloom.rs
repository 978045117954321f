//! Bloom filters: how many bits and hash functions a false-positive rate
//! takes, and the rate a given size really gives.
//!
//! For `n` items and a wanted false-positive rate `p`, the optimal filter
//! has `m = -n ln p / (ln 2)^2` bits and `k = (m / n) ln 2` hash functions.
//! A real filter has whole bits and a whole number of hashes, so the rate
//! it gives is `(1 - e^(-k n / m))^k` with `m` rounded up and `k` the whole
//! number (the floor or the ceiling of the optimum, at least 1) that gives
//! the lower rate. That is the optimum rounded to the nearest whole number
//! except just past halfway, where the two rates differ by under 0.1%; and
//! it makes sure more bits never raise the rate.
//!
//! ```
//! use envelope_core::followup::bloom;
//! // 10 bits per item: k = 10 ln 2 = 6.93 -> 7 hashes, (1 - e^(-0.7))^7 = 0.82%.
//! let (k, p) = bloom::false_positive_rate(10e6, 1e6);
//! assert_eq!(k, 7);
//! assert!((p - 0.008194).abs() < 1e-6);
//! ```

use std::f64::consts::LN_2;

use super::{figure, m, n, section, stored_objects, Check, Note, Origin, Prefilled};
use crate::{Conventions, InputError, Measure, Numbers, Scenario, Section};

/// What to size a Bloom filter for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    /// Items the filter holds (`n`), a count: at least 1.
    pub items: f64,
    /// The false-positive rate wanted (`p`), a fraction strictly between 0
    /// and 1 (0.01 is 1%).
    pub false_positive_rate: f64,
    /// For the reverse question, the bits per item of a given filter
    /// (`m / n`): what rate do `m = bits_per_item x n` bits give?
    pub bits_per_item: f64,
}

impl Default for Inputs {
    /// A million items at 1%, and the rate of a 10-bits-per-item filter.
    fn default() -> Self {
        Inputs {
            items: 1e6,
            false_positive_rate: 0.01,
            bits_per_item: 10.0,
        }
    }
}

/// The lowest false-positive rate taken (10^-300, 1e-298%): the bits it
/// needs, 1,438 per item, stay finite for any item count.
const MIN_RATE: f64 = 1e-300;

/// The most bits per item taken: 1,000 bits per item is a rate of 2^-693.
pub(crate) const MAX_BITS_PER_ITEM: f64 = 1e3;

/// The filter for `inputs`: bits (`bloom.bits`), bytes (`bloom.bytes`),
/// bits per item (`bloom.bits_per_item`), hash functions (`bloom.hashes`)
/// and the rate they give (`bloom.rate`); then for the reverse question the
/// given filter's bits (`bloom.reverse_bits`), hashes
/// (`bloom.reverse_hashes`) and rate (`bloom.reverse_rate`).
pub fn compute(inputs: &Inputs, c: &Conventions) -> Result<Section, Vec<InputError>> {
    validate(inputs)?;
    let Inputs {
        items,
        false_positive_rate: p,
        bits_per_item,
    } = *inputs;
    let items = items.floor();
    let exact = -items * p.ln() / (LN_2 * LN_2);
    let bits = exact.ceil();
    let (k, rate) = false_positive_rate(bits, items);
    let mut figures = vec![
        figure(
            "bloom.bits",
            "Bits",
            Measure::Count(bits),
            format!(
                "ceil(-n ln p / (ln 2)^2) = ceil(-{} x ln {} / 0.4805) = ceil({})",
                n(items),
                n(p),
                n(exact)
            ),
            c,
        ),
        figure(
            "bloom.bytes",
            "Size",
            Measure::data_bytes(bits / 8.0),
            format!("{} bits / 8", n(bits)),
            c,
        ),
        figure(
            "bloom.bits_per_item",
            "Bits per item",
            Measure::Count(bits / items),
            format!("{} bits / {} items", n(bits), n(items)),
            c,
        ),
        figure(
            "bloom.hashes",
            "Hash functions",
            Measure::Count(f64::from(k)),
            format!(
                "(m / n) ln 2 = {} x 0.6931 = {}, to the better whole number",
                n(bits / items),
                n(bits / items * LN_2)
            ),
            c,
        ),
        figure(
            "bloom.rate",
            "False-positive rate with whole bits and hashes",
            Measure::Fraction(rate),
            format!(
                "(1 - e^(-k n / m))^k = (1 - e^(-{k} x {} / {}))^{k}",
                n(items),
                n(bits)
            ),
            c,
        ),
    ];
    let given = (bits_per_item * items).ceil();
    let (k, rate) = false_positive_rate(given, items);
    figures.extend([
        figure(
            "bloom.reverse_bits",
            "Given filter: bits",
            Measure::Count(given),
            format!("{} bits per item x {} items", n(bits_per_item), n(items)),
            c,
        ),
        figure(
            "bloom.reverse_hashes",
            "Given filter: hash functions",
            Measure::Count(f64::from(k)),
            format!(
                "(m / n) ln 2 = {} x 0.6931 = {}, to the better whole number",
                n(given / items),
                n(given / items * LN_2)
            ),
            c,
        ),
        figure(
            "bloom.reverse_rate",
            "Given filter: false-positive rate",
            Measure::Fraction(rate),
            format!(
                "(1 - e^(-{k} x {} / {}))^{k} (a filter of {})",
                n(items),
                n(given),
                m(Measure::data_bytes(given / 8.0), c)
            ),
            c,
        ),
    ]);
    section(super::Calculator::Bloom, figures)
}

fn validate(inputs: &Inputs) -> Result<(), Vec<InputError>> {
    let mut check = Check::new();
    check.field("bloom.items", inputs.items);
    check.field("bloom.false_positive_rate", inputs.false_positive_rate);
    check.field("bloom.bits_per_item", inputs.bits_per_item);
    check.finish()
}

/// What is wrong with a false-positive rate `p`, if anything: it must be
/// strictly between 0 (infinitely many bits) and 1 (none), and at least
/// [`MIN_RATE`].
pub(crate) fn rate_problem(p: f64) -> Option<String> {
    if !(p > 0.0 && p < 1.0) {
        // Also NaN.
        Some(format!(
            "must be more than 0% and less than 100% (got {})",
            if p.is_finite() {
                format!("{}%", n(p * 100.0))
            } else {
                "not a number".to_owned()
            }
        ))
    } else if p < MIN_RATE {
        Some(format!(
            "must be at least {}% (got {}%)",
            n(MIN_RATE * 100.0),
            n(p * 100.0)
        ))
    } else {
        None
    }
}

/// The whole number of hash functions that gives `bits` bits holding
/// `items` items the lowest false-positive rate, and that rate
/// `(1 - e^(-k n / m))^k`.
///
/// The optimum `(m / n) ln 2` is rarely whole; of its floor and ceiling (at
/// least 1) the better is taken. `bits` and `items` are positive.
pub fn false_positive_rate(bits: f64, items: f64) -> (u32, f64) {
    let optimum = bits / items * LN_2;
    // Bounded by the inputs: at most 1,000 bits per item, k <= 694.
    let floor = (optimum.floor().max(1.0)).min(f64::from(u32::MAX)) as u32;
    let ceil = floor + 1;
    let (rate_floor, rate_ceil) = (rate(floor, bits, items), rate(ceil, bits, items));
    if rate_ceil < rate_floor {
        (ceil, rate_ceil)
    } else {
        (floor, rate_floor)
    }
}

/// `(1 - e^(-k n / m))^k`, as `exp(k ln(-expm1(-k n / m)))` so that tiny
/// rates keep their digits.
fn rate(k: u32, bits: f64, items: f64) -> f64 {
    let k = f64::from(k);
    (k * (-(-k * items / bits).exp_m1()).ln()).exp()
}

/// The most bits per item [`rate_series`] goes to: a rate of about 1e-10.
pub const MAX_CHART_BITS: u32 = 48;

/// The chart of false-positive rate against bits per item, from 1 to
/// `last` bits per item (clamped to 2 through [`MAX_CHART_BITS`]):
/// `(bits per item, rate)` with the best whole number of hash functions, for
/// a large filter (the rate depends only on `m / n`).
///
/// ```
/// let series = envelope_core::followup::bloom::rate_series(24);
/// assert_eq!(series.len(), 24);
/// assert!(series.windows(2).all(|w| w[1].1 < w[0].1));
/// // 10 bits per item with 7 hash functions: 0.819%.
/// assert!((series[9].1 - 0.008_19).abs() < 1e-5);
/// ```
pub fn rate_series(last: u32) -> Vec<(f64, f64)> {
    (1..=last.clamp(2, MAX_CHART_BITS))
        .map(|b| {
            let b = f64::from(b);
            (b, false_positive_rate(b, 1.0).1)
        })
        .collect()
}

/// The inputs with the items taken from the scenario's stored objects (see
/// the [module](super)'s convention: one object per write request, kept for
/// the retention period).
pub fn prefill(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    let mut prefilled = Prefilled {
        inputs: Inputs::default(),
        notes: Vec::new(),
    };
    if let Some(objects) = stored_objects(s, numbers) {
        prefilled.inputs.items = objects.count;
        prefilled.notes.push(Note {
            origin: Origin::Scenario,
            field: "bloom.items",
            text: format!("n = {}", objects.text),
        });
    }
    prefilled
}

/// The inputs as used: what the user set in the scenario
/// ([`crate::Scenario::followup`]) over [`prefill`], each input with a
/// [`Note`] saying whether it was set or came from the scenario.
pub fn effective(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    super::effective::overlay(prefill(s, numbers), s, super::Calculator::Bloom, |all| {
        &mut all.bloom
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate_numbers;
    use proptest::prelude::*;

    use crate::followup::test_value as value;

    #[test]
    fn a_million_items_at_one_percent() {
        let s = compute(&Inputs::default(), &Conventions::default()).unwrap();
        // m = -1e6 x ln 0.01 / (ln 2)^2 = 1e6 x 4.605170 / 0.480453 = 9,585,058.4
        // -> 9,585,059 bits = 1,198,132.4 bytes.
        assert_eq!(value(&s, "bloom.bits"), 9_585_059.0);
        assert_eq!(value(&s, "bloom.bytes"), 9_585_059.0 / 8.0);
        // k = 9.585059 x 0.693147 = 6.6439; 7 beats 6:
        // k = 7: 7 / 9.585059 = 0.730303, e^-0.730303 = 0.481763,
        //        (1 - 0.481763)^7 = 0.518237^7 = 0.0100392
        // k = 6: 6 / 9.585059 = 0.625974, (1 - e^-0.625974)^6
        //        = 0.465260^6 = 0.0101432
        assert_eq!(value(&s, "bloom.hashes"), 7.0);
        let p = value(&s, "bloom.rate");
        assert!((p - 0.0100392).abs() < 5e-8, "{p}");
        // Reverse, 10 bits per item: 1e7 bits, k = 6.93 -> 7,
        // (1 - e^-0.7)^7 = (1 - 0.496585)^7 = 0.503415^7 = 0.0081937.
        assert_eq!(value(&s, "bloom.reverse_bits"), 1e7);
        assert_eq!(value(&s, "bloom.reverse_hashes"), 7.0);
        assert!((value(&s, "bloom.reverse_rate") - 0.0081937).abs() < 5e-8);
        let bits = &s.figures[0];
        assert_eq!(
            bits.derivation,
            "ceil(-n ln p / (ln 2)^2) = ceil(-1,000,000 x ln 0.01 / 0.4805) = ceil(9,585,058) = 9.585 M"
        );
    }

    #[test]
    fn the_floor_wins_just_past_halfway() {
        // 2.079 bits per item: optimum 2.079 x ln 2 = 1.4411 hashes;
        // k = 1: 1 - e^(-1/2.079) = 1 - 0.618165 = 0.381835
        // k = 2: (1 - e^(-2/2.079))^2 = (1 - 0.382127)^2 = 0.381766: lower.
        let (k, p) = false_positive_rate(2.079, 1.0);
        assert_eq!(k, 2);
        assert!((p - 0.381766).abs() < 1e-6, "{p}");
        // Two bits per item: optimum 1.386 -> k = 1, 1 - e^-0.5 = 0.393469.
        let (k, p) = false_positive_rate(2e6, 1e6);
        assert_eq!(k, 1);
        assert!((p - 0.393469).abs() < 1e-6);
    }

    #[test]
    fn bad_inputs_name_their_fields() {
        let c = Conventions::default();
        for (inputs, field, text) in [
            (
                Inputs {
                    items: 0.0,
                    ..Inputs::default()
                },
                "bloom.items",
                "Items: must be at least 1 (got 0)",
            ),
            (
                Inputs {
                    false_positive_rate: 0.0,
                    ..Inputs::default()
                },
                "bloom.false_positive_rate",
                "False-positive rate: must be more than 0% and less than 100% (got 0%)",
            ),
            (
                Inputs {
                    false_positive_rate: 1.0,
                    ..Inputs::default()
                },
                "bloom.false_positive_rate",
                "False-positive rate: must be more than 0% and less than 100% (got 100%)",
            ),
            (
                Inputs {
                    false_positive_rate: f64::NAN,
                    ..Inputs::default()
                },
                "bloom.false_positive_rate",
                "False-positive rate: must be more than 0% and less than 100% (got not a number)",
            ),
            (
                Inputs {
                    bits_per_item: 0.0,
                    ..Inputs::default()
                },
                "bloom.bits_per_item",
                "Bits per item: must be more than 0 (got 0)",
            ),
        ] {
            let errors = compute(&inputs, &c).unwrap_err();
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].field, field);
            assert_eq!(errors[0].message, text);
        }
    }

    #[test]
    fn extreme_rates_stay_finite() {
        let c = Conventions::default();
        let tiny = Inputs {
            items: 1e18,
            false_positive_rate: 1e-300,
            bits_per_item: 1e3,
        };
        let s = compute(&tiny, &c).unwrap();
        assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
        // 1,000 bits per item: 0.5^693 and below, 0 in f64 or near it.
        assert!(value(&s, "bloom.reverse_rate") < 1e-200);
    }

    #[test]
    fn prefills_the_items_from_the_scenario() {
        let s = Scenario::default();
        let p = prefill(&s, &estimate_numbers(&s).unwrap());
        assert_eq!(p.inputs.items, 1.825e9);
        assert_eq!(p.notes.len(), 1);
        assert_eq!(p.notes[0].field, "bloom.items");
        assert_eq!(
            p.notes[0].text,
            "n = 1.825 bn objects from the scenario: 1 M write requests/day x 1,825 days kept (one object per write request)"
        );
        // The rest are the defaults.
        assert_eq!(p.inputs.false_positive_rate, 0.01);
    }

    proptest! {
        #[test]
        fn more_bits_never_raise_the_rate(
            items in 1.0f64..1e12,
            bits_per_item in 0.01f64..100.0,
            more in 0.0f64..10.0,
        ) {
            let bits = (bits_per_item * items).ceil();
            let (_, p) = false_positive_rate(bits, items);
            let (_, q) = false_positive_rate((bits * (1.0 + more)).ceil() + 1.0, items);
            prop_assert!(q <= p, "{q} > {p}");
            prop_assert!((0.0..=1.0).contains(&p));
        }

        #[test]
        fn the_filter_meets_its_rate_within_rounding(
            items in 1.0f64..1e15,
            exponent in -30.0f64..-0.31,
        ) {
            // The optimum with real k gives exactly p; whole k costs a
            // little: at most 1.1x at ten or more items (where a whole bit
            // barely matters) and p below 1/2 (an optimum of at least one
            // hash; below that, one hash is too many).
            let p = 10f64.powf(exponent);
            let c = Conventions::default();
            let s = compute(&Inputs { items, false_positive_rate: p, bits_per_item: 10.0 }, &c).unwrap();
            let rate = value(&s, "bloom.rate");
            if items >= 10.0 {
                prop_assert!(rate <= p * 1.1, "{rate} vs {p}");
            }
            prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
        }

        #[test]
        fn any_inputs_give_finite_figures_or_errors(
            items in prop_oneof![Just(f64::NAN), Just(-1.0), 0.0f64..2e18],
            p in prop_oneof![Just(f64::INFINITY), -1.0f64..2.0],
            bits_per_item in -1.0f64..2e3,
        ) {
            let inputs = Inputs { items, false_positive_rate: p, bits_per_item };
            if let Ok(s) = compute(&inputs, &Conventions::default()) {
                prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
            }
        }
    }
}
