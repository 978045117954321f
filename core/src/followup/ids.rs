//! ID space: how long a Snowflake-style layout lasts and how fast it
//! issues, how likely random IDs are to collide, and how long a short code
//! must be.
//!
//! - A layout of `t` timestamp bits counting ticks of `r` seconds lasts
//!   `2^t x r` seconds from its epoch (41 bits of milliseconds: 69.73
//!   years of the scenario's [`Conventions`] year, 365 days by default).
//!   `b` machine bits name `2^b` machines; `s` sequence bits give each
//!   machine `2^s` ids per tick.
//! - Random ids: `n` ids of `b` random bits collide with probability about
//!   `1 - exp(-n (n - 1) / 2^(b + 1))` (the birthday bound), computed with
//!   `expm1` so that tiny probabilities keep their digits; certain (1) once
//!   there are more ids than values.
//! - Short codes: the shortest length `L` whose keyspace `base^L` is at
//!   least `n x margin`. With that margin a new random code hits an
//!   existing one with probability at most `1 / margin`, so a generator
//!   that retries on a collision rarely needs to.
//!
//! ```
//! use envelope_core::followup::ids;
//! assert_eq!(ids::code_length(3e12, 62.0), 7); // 62^7 = 3.52e12
//! assert!((ids::collision_probability(1e9, 64) - 0.02674).abs() < 1e-5);
//! ```

use super::{figure, m, n, section, stored_objects, Check, Note, Origin, Prefilled};
use crate::decimal::Decimal;
use crate::{keys, Conventions, InputError, Measure, Numbers, Scenario, Section};

/// An ID layout, and how many ids are needed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    /// Bits of the timestamp, 1 to 64.
    pub timestamp_bits: u32,
    /// The timestamp's resolution: seconds per tick (0.001 for
    /// milliseconds).
    pub tick_seconds: f64,
    /// Bits naming the machine that issues the id, 0 to 64.
    pub machine_bits: u32,
    /// Bits of the per-machine sequence within one tick, 0 to 64.
    pub sequence_bits: u32,
    /// Ids the system needs per second at its busiest (0: not asked).
    pub ids_per_second: f64,
    /// Ids issued in all (`n`), for random ids and short codes: at least 1.
    pub ids: f64,
    /// Random bits of a random id, 1 to 256 (a version 4 UUID has 122).
    pub random_bits: u32,
    /// How many times `ids` a short code's keyspace must be, at least 1.
    pub code_margin: f64,
}

impl Default for Inputs {
    /// Twitter's Snowflake (41-bit milliseconds, 10 machine bits, 12
    /// sequence bits), 10,000 ids/s; a billion 64-bit random ids; codes with
    /// a keyspace 100 times the ids.
    fn default() -> Self {
        Inputs {
            timestamp_bits: 41,
            tick_seconds: 0.001,
            machine_bits: 10,
            sequence_bits: 12,
            ids_per_second: 1e4,
            ids: 1e9,
            random_bits: 64,
            code_margin: 100.0,
        }
    }
}

/// The most bits a layout may use in all (two 64-bit words).
const MAX_LAYOUT_BITS: u32 = 128;

/// The ids' figures: lifetime (`ids.lifetime`), bits used
/// (`ids.layout_bits`), machines (`ids.machines`), ids per tick per machine
/// (`ids.per_tick`), ids/s per machine (`ids.per_second_per_machine`) and in
/// all (`ids.per_second`), headroom over the need (`ids.headroom`, when
/// one is given); the random ids' collision probability
/// (`ids.collision_probability`); short-code lengths and keyspaces in base62
/// and base64 (`ids.base62_length`, `ids.base62_keyspace`,
/// `ids.base64_length`, `ids.base64_keyspace`).
pub fn compute(inputs: &Inputs, c: &Conventions) -> Result<Section, Vec<InputError>> {
    validate(inputs)?;
    let i = *inputs;
    let ticks = 2f64.powi(i.timestamp_bits as i32);
    let lifetime = ticks * i.tick_seconds;
    let machines = 2f64.powi(i.machine_bits as i32);
    let per_tick = 2f64.powi(i.sequence_bits as i32);
    let per_machine = per_tick / i.tick_seconds;
    let all = per_machine * machines;
    let used = i.timestamp_bits + i.machine_bits + i.sequence_bits;
    let tick = m(Measure::seconds(i.tick_seconds), c);
    let mut figures = vec![
        figure(
            "ids.lifetime",
            "Lifetime from the epoch",
            Measure::seconds(lifetime),
            format!(
                "2^{} ticks x {tick} = {} s / {} s per {}-day year = {} years",
                i.timestamp_bits,
                n(lifetime),
                n(c.seconds_per_year()),
                // Every digit: 365.25, not 365.3.
                Decimal(c.days_per_year()),
                n(lifetime / c.seconds_per_year())
            ),
            c,
        ),
        figure(
            "ids.layout_bits",
            "Bits used",
            Measure::Count(f64::from(used)),
            format!(
                "{} timestamp + {} machine + {} sequence bits{}",
                i.timestamp_bits,
                i.machine_bits,
                i.sequence_bits,
                if used <= 63 {
                    " (fits a signed 64-bit integer)"
                } else if used <= 64 {
                    " (fits an unsigned 64-bit integer)"
                } else {
                    " (more than a 64-bit integer)"
                }
            ),
            c,
        ),
        figure(
            "ids.machines",
            "Machines",
            Measure::Count(machines),
            format!("2^{}", i.machine_bits),
            c,
        ),
        figure(
            "ids.per_tick",
            "Ids per tick per machine",
            Measure::Count(per_tick),
            format!("2^{}", i.sequence_bits),
            c,
        ),
        figure(
            "ids.per_second_per_machine",
            "Ids per second per machine",
            Measure::per_second(per_machine),
            format!("{} per tick / {tick}", n(per_tick)),
            c,
        ),
        figure(
            "ids.per_second",
            "Ids per second, every machine",
            Measure::per_second(all),
            format!("{} /s x {} machines", n(per_machine), n(machines)),
            c,
        ),
    ];
    if i.ids_per_second > 0.0 {
        figures.push(figure(
            "ids.headroom",
            "Headroom over the ids needed",
            Measure::Multiplier(all / i.ids_per_second),
            format!("{} /s / {} /s needed", n(all), n(i.ids_per_second)),
            c,
        ));
    }
    let ids = i.ids.floor();
    figures.push(figure(
        "ids.collision_probability",
        "Random ids: chance of any collision",
        Measure::Fraction(collision_probability(ids, i.random_bits)),
        if ids > 2f64.powi(i.random_bits as i32) {
            format!(
                "{} ids > 2^{} values: a collision is certain",
                n(ids),
                i.random_bits
            )
        } else {
            format!(
                "1 - exp(-n (n - 1) / 2^(b + 1)) = 1 - exp(-{} x {} / 2^{})",
                n(ids),
                n(ids - 1.0),
                i.random_bits + 1
            )
        },
        c,
    ));
    let target = ids * i.code_margin;
    for (base, length_key, keyspace_key, name) in [
        (62.0, "ids.base62_length", "ids.base62_keyspace", "base62"),
        (64.0, "ids.base64_length", "ids.base64_keyspace", "base64"),
    ] {
        let length = code_length(target, base);
        let keyspace = base.powi(length as i32);
        figures.push(figure(
            length_key,
            if base == 62.0 {
                "Short code length, base62"
            } else {
                "Short code length, base64"
            },
            Measure::Count(f64::from(length)),
            format!(
                "shortest L with {}^L >= {} ids x {} margin = {} ({}^{} = {})",
                n(base),
                n(ids),
                n(i.code_margin),
                n(target),
                n(base),
                length.saturating_sub(1),
                n(base.powi(length as i32 - 1))
            ),
            c,
        ));
        figures.push(figure(
            keyspace_key,
            if base == 62.0 {
                "Short code keyspace, base62"
            } else {
                "Short code keyspace, base64"
            },
            Measure::Count(keyspace),
            format!("{}^{length} ({name} codes)", n(base)),
            c,
        ));
    }
    section(super::Calculator::Ids, figures)
}

fn validate(i: &Inputs) -> Result<(), Vec<InputError>> {
    let mut check = Check::new();
    check.whole_field("ids.timestamp_bits", i.timestamp_bits);
    check.field("ids.tick_seconds", i.tick_seconds);
    check.whole_field("ids.machine_bits", i.machine_bits);
    check.whole_field("ids.sequence_bits", i.sequence_bits);
    let used = u64::from(i.timestamp_bits) + u64::from(i.machine_bits) + u64::from(i.sequence_bits);
    if used > u64::from(MAX_LAYOUT_BITS) {
        check.fail(
            "ids.sequence_bits",
            "Sequence bits",
            format!("the layout uses {used} bits in all; at most {MAX_LAYOUT_BITS}"),
        );
    }
    check.field("ids.ids_per_second", i.ids_per_second);
    check.field("ids.ids", i.ids);
    check.whole_field("ids.random_bits", i.random_bits);
    check.field("ids.code_margin", i.code_margin);
    check.finish()
}

/// The chance that `ids` random ids of `bits` random bits are not all
/// different: `1 - exp(-n (n - 1) / 2^(b + 1))`, 1 when there are more ids
/// than values, 0 for fewer than two ids.
///
/// This is the usual approximation of the exact `1 - prod(1 - i / 2^b)`
/// over `i < n`: a lower bound on it (as `1 - x <= e^-x`), and close while
/// `n` is small against `2^b`.
pub fn collision_probability(ids: f64, bits: u32) -> f64 {
    let values = 2f64.powi(bits as i32);
    if ids < 2.0 {
        return 0.0;
    }
    if ids > values {
        return 1.0;
    }
    let exponent = ids * (ids - 1.0) / (2.0 * values);
    -(-exponent).exp_m1()
}

/// The shortest length `L >= 1` with `base^L >= keys`, for `base` at least
/// 2: how many characters of a `base`-letter alphabet tell `keys` things
/// apart.
pub fn code_length(keys: f64, base: f64) -> u32 {
    if keys.is_nan() || keys <= 1.0 {
        return 1;
    }
    // The logarithm is close; the powers decide.
    let mut length = (keys.ln() / base.ln()).ceil().max(1.0) as u32;
    while base.powi(length as i32) < keys {
        length += 1;
    }
    while length > 1 && base.powi(length as i32 - 1) >= keys {
        length -= 1;
    }
    length
}

/// The inputs with the ids taken from the scenario's stored objects (one
/// id per object, see the [module](super)'s convention) and the ids needed
/// per second from its peak write rate (one id per write request).
pub fn prefill(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    let c = &s.conventions;
    let mut prefilled = Prefilled {
        inputs: Inputs::default(),
        notes: Vec::new(),
    };
    if let Some(peak) = numbers.get(keys::PEAK_WRITE_RPS) {
        let rate = peak.base_value();
        if rate > 0.0 {
            prefilled.inputs.ids_per_second = rate;
            prefilled.notes.push(Note {
                origin: Origin::Scenario,
                field: "ids.ids_per_second",
                text: format!(
                    "{} ids needed from the scenario's peak write rate (one id per write request)",
                    m(peak, c)
                ),
            });
        }
    }
    if let Some(objects) = stored_objects(s, numbers) {
        prefilled.inputs.ids = objects.count;
        prefilled.notes.push(Note {
            origin: Origin::Scenario,
            field: "ids.ids",
            text: format!("n = {} (one id each)", objects.text),
        });
    }
    prefilled
}

/// The inputs as used: what the user set in the scenario
/// ([`crate::Scenario::followup`]) over [`prefill`], each input with a
/// [`Note`] saying whether it was set or came from the scenario.
pub fn effective(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    super::effective::overlay(prefill(s, numbers), s, super::Calculator::Ids, |all| {
        &mut all.ids
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate_numbers, YearLength};
    use proptest::prelude::*;

    use crate::followup::test_value as value;

    #[test]
    fn snowflake() {
        let c = Conventions::default();
        let s = compute(&Inputs::default(), &c).unwrap();
        // 2^41 ms = 2,199,023,255.552 s; / 31,536,000 s per 365-day year
        // = 69.73 years.
        assert_eq!(value(&s, "ids.lifetime"), 2_199_023_255.552);
        assert!(s.figures[0].derivation.contains(
            "2^41 ticks x 1 ms = 2,199,023,256 s / 31,536,000 s per 365-day year = 69.73 years"
        ));
        // 41 + 10 + 12 = 63 bits; 2^10 = 1,024 machines; 2^12 = 4,096 per ms;
        // 4,096 / 0.001 s = 4,096,000 /s per machine; x 1,024 = 4,194,304,000 /s.
        assert_eq!(value(&s, "ids.layout_bits"), 63.0);
        assert_eq!(value(&s, "ids.machines"), 1024.0);
        assert_eq!(value(&s, "ids.per_tick"), 4096.0);
        assert_eq!(value(&s, "ids.per_second_per_machine"), 4_096_000.0);
        assert_eq!(value(&s, "ids.per_second"), 4_194_304_000.0);
        // 4,194,304,000 / 10,000 needed = 419,430.4x.
        assert!((value(&s, "ids.headroom") - 419_430.4).abs() < 1e-6);
        // A 365.25-day year: 2,199,023,255.552 / 31,557,600 = 69.68 years.
        let julian = Conventions {
            year: YearLength::Days365_25,
            ..c
        };
        let s = compute(&Inputs::default(), &julian).unwrap();
        assert!(s.figures[0]
            .derivation
            .contains("per 365.25-day year = 69.68 years"));
    }

    #[test]
    fn random_ids_collide_by_the_birthday_bound() {
        // 1e9 ids in 64 bits: 1e9 x (1e9 - 1) / 2^65 = 9.99999999e17 /
        // 3.6893488e19 = 0.0271051; 1 - e^-0.0271051 = 0.0267410.
        assert!((collision_probability(1e9, 64) - 0.0267410).abs() < 1e-7);
        // 2^32 ids in 64 bits: about 2^64 / 2^65 = 1/2 -> 1 - e^-0.5 = 0.393469.
        let p = collision_probability(2f64.powi(32), 64);
        assert!((p - 0.393469).abs() < 1e-6, "{p}");
        // A billion version 4 UUIDs (122 bits): 1e18 / 2^123 = 9.4e-20,
        // which 1 - exp would round to 0; expm1 keeps it.
        let p = collision_probability(1e9, 122);
        assert!(
            (p / (1e9 * (1e9 - 1.0) / 2f64.powi(123)) - 1.0).abs() < 1e-12,
            "{p}"
        );
        assert!(p > 0.0);
        // Fewer than two ids never collide; more ids than values always do.
        assert_eq!(collision_probability(1.0, 8), 0.0);
        assert_eq!(collision_probability(257.0, 8), 1.0);
    }

    #[test]
    fn short_codes() {
        // 62^6 = 56,800,235,584 < 1e11 <= 62^7 = 3,521,614,606,208.
        assert_eq!(code_length(1e11, 62.0), 7);
        // Exactly a power: 62^7 keys need 7 characters, one more needs 8.
        assert_eq!(code_length(3_521_614_606_208.0, 62.0), 7);
        assert_eq!(code_length(3_521_614_606_209.0, 62.0), 8);
        // 64^6 = 68,719,476,736 < 1e11 <= 64^7.
        assert_eq!(code_length(1e11, 64.0), 7);
        assert_eq!(code_length(1.0, 62.0), 1);
        assert_eq!(code_length(62.0, 62.0), 1);
        assert_eq!(code_length(63.0, 62.0), 2);
        let s = compute(&Inputs::default(), &Conventions::default()).unwrap();
        // 1e9 ids x 100 margin = 1e11: 7 characters, 62^7 = 3.52e12 codes.
        assert_eq!(value(&s, "ids.base62_length"), 7.0);
        assert_eq!(value(&s, "ids.base62_keyspace"), 3_521_614_606_208.0);
        assert_eq!(value(&s, "ids.base64_keyspace"), 4_398_046_511_104.0);
        let f = s
            .figures
            .iter()
            .find(|f| f.key == "ids.base62_length")
            .unwrap();
        assert_eq!(
            f.derivation,
            "shortest L with 62^L >= 1,000,000,000 ids x 100 margin = 100,000,000,000 (62^6 = 56,800,235,584) = 7"
        );
    }

    #[test]
    fn bad_layouts_name_their_fields() {
        let c = Conventions::default();
        let too_wide = Inputs {
            timestamp_bits: 64,
            machine_bits: 64,
            sequence_bits: 64,
            ..Inputs::default()
        };
        let errors = compute(&too_wide, &c).unwrap_err();
        assert_eq!(errors[0].field, "ids.sequence_bits");
        assert_eq!(
            errors[0].message,
            "Sequence bits: the layout uses 192 bits in all; at most 128"
        );
        let errors = compute(
            &Inputs {
                tick_seconds: 0.0,
                ids: 0.0,
                ..Inputs::default()
            },
            &c,
        )
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["ids.tick_seconds", "ids.ids"]);
        // No need given: no headroom figure.
        let s = compute(
            &Inputs {
                ids_per_second: 0.0,
                ..Inputs::default()
            },
            &c,
        )
        .unwrap();
        assert!(s.figures.iter().all(|f| f.key != "ids.headroom"));
    }

    #[test]
    fn prefills_ids_and_rate_from_the_scenario() {
        let s = Scenario::default();
        let p = prefill(&s, &estimate_numbers(&s).unwrap());
        // Peak writes: 1 M writes/day / 86,400 s x 2 = 23.15 /s.
        assert!((p.inputs.ids_per_second - 2e6 / 86_400.0).abs() < 1e-9);
        assert_eq!(p.inputs.ids, 1.825e9);
        assert_eq!(p.notes[0].field, "ids.ids_per_second");
        assert_eq!(
            p.notes[0].text,
            "23.15 req/s ids needed from the scenario's peak write rate (one id per write request)"
        );
        assert!(p.notes[1]
            .text
            .starts_with("n = 1.825 bn objects from the scenario"));
    }

    proptest! {
        #[test]
        fn code_length_is_the_shortest_that_fits(keys in 1.0f64..1e30, base in 2u32..100) {
            let base = f64::from(base);
            let l = code_length(keys, base);
            prop_assert!(base.powi(l as i32) >= keys);
            prop_assert!(l == 1 || base.powi(l as i32 - 1) < keys);
        }

        #[test]
        fn collisions_grow_with_ids_and_shrink_with_bits(
            ids in 2.0f64..1e15, more in 1.0f64..10.0, bits in 1u32..200,
        ) {
            let p = collision_probability(ids, bits);
            prop_assert!((0.0..=1.0).contains(&p));
            prop_assert!(collision_probability(ids * more, bits) >= p);
            prop_assert!(collision_probability(ids, bits + 1) <= p);
        }

        #[test]
        fn any_inputs_give_finite_figures_or_errors(
            timestamp_bits in 0u32..70, machine_bits in 0u32..70, sequence_bits in 0u32..70,
            tick_seconds in prop_oneof![Just(f64::NAN), -1.0f64..1e5],
            ids in prop_oneof![Just(f64::INFINITY), -1.0f64..2e18],
            random_bits in 0u32..300,
            code_margin in 0.0f64..2e12,
            ids_per_second in -1.0f64..1e18,
        ) {
            let inputs = Inputs {
                timestamp_bits, tick_seconds, machine_bits, sequence_bits,
                ids_per_second, ids, random_bits, code_margin,
            };
            if let Ok(s) = compute(&inputs, &Conventions::default()) {
                prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
            }
        }
    }
}
