//! Quorums: with `N` replicas, reads that ask `R` of them and writes that
//! wait for `W`, what is guaranteed and how available each is.
//!
//! - `R + W > N`: every read quorum meets every write quorum in at least
//!   `R + W - N` replicas, so a read sees the latest acknowledged write.
//! - `W > N / 2` (`2W > N`): any two write quorums meet, so two conflicting
//!   writes cannot both succeed unseen by each other.
//! - A read survives `N - R` replica failures and a write `N - W`.
//! - With each replica up with probability `a`, independently, a read
//!   succeeds when at least `R` of `N` are up: `sum over i >= R of
//!   C(N, i) a^i (1 - a)^(N - i)`, the k-of-n sum of
//!   [`k_of_n_unavailability`].
//!
//! ```
//! use envelope_core::followup::quorum;
//! assert!(quorum::quorums_meet(3, 2, 2));
//! assert!(!quorum::quorums_meet(3, 1, 2));
//! ```

use super::{figure, m, n, section, Check, Note, Origin, Prefilled};
use crate::availability::{k_of_n_unavailability, MAX_REPLICAS};
use crate::{Conventions, InputError, Measure, Numbers, Scenario, Section};

/// A replicated store's quorums.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    /// Replicas of each item (`N`), 1 to 1,000.
    pub replicas: u32,
    /// Replicas a read asks (`R`), 1 to `N`.
    pub read_quorum: u32,
    /// Replicas that acknowledge a write (`W`), 1 to `N`.
    pub write_quorum: u32,
    /// The chance that one replica is up, a fraction (0.999 is 99.9%).
    pub replica_availability: f64,
}

impl Default for Inputs {
    /// Three replicas, majority reads and writes (2 and 2), 99.9% each (the
    /// database replica of [`StackAvailabilities`](crate::availability::StackAvailabilities)).
    fn default() -> Self {
        Inputs {
            replicas: 3,
            read_quorum: 2,
            write_quorum: 2,
            replica_availability: 0.999,
        }
    }
}

/// Whether every `r`-replica read quorum meets every `w`-replica write
/// quorum among `n` replicas: `r + w > n` (pigeonhole: two sets of `r` and
/// `w` out of `n` share at least `r + w - n` members, and when
/// `r + w <= n` two disjoint ones exist).
pub fn quorums_meet(n: u32, r: u32, w: u32) -> bool {
    u64::from(r) + u64::from(w) > u64::from(n)
}

/// The chance that at least `k` of `n` replicas are up when each is up
/// with probability `a`, independently.
pub fn at_least_up(k: u32, n: u32, a: f64) -> f64 {
    1.0 - k_of_n_unavailability(k, n, 1.0 - a)
}

/// The quorum's figures: replicas every read and write quorum share
/// (`quorum.read_write_overlap`; 0 when reads may miss the latest write),
/// replicas any two write quorums share (`quorum.write_write_overlap`),
/// failures reads and writes survive (`quorum.read_failures`,
/// `quorum.write_failures`), and the availability of a read and of a write
/// (`quorum.read_availability`, `quorum.write_availability`).
pub fn compute(inputs: &Inputs, c: &Conventions) -> Result<Section, Vec<InputError>> {
    validate(inputs)?;
    let Inputs {
        replicas: big_n,
        read_quorum: r,
        write_quorum: w,
        replica_availability: a,
    } = *inputs;
    let (nf, rf, wf) = (f64::from(big_n), f64::from(r), f64::from(w));
    let overlap = (rf + wf - nf).max(0.0);
    let write_overlap = (2.0 * wf - nf).max(0.0);
    let each = m(Measure::Fraction(a), c);
    let availability = |k: u32| {
        format!(
            "1 - sum over i < {k} of C({big_n}, i) x {}^i x {}^({big_n} - i): at least {k} of {big_n} replicas up, each {each}, independently",
            n(a),
            n(1.0 - a)
        )
    };
    let figures = vec![
        figure(
            "quorum.read_write_overlap",
            "Replicas every read and write quorum share",
            Measure::Count(overlap),
            if quorums_meet(big_n, r, w) {
                format!(
                    "R + W - N = {r} + {w} - {big_n}: R + W > N, every read sees the latest write"
                )
            } else {
                format!(
                    "R + W = {} <= N = {big_n}: a read can miss the latest write",
                    r + w
                )
            },
            c,
        ),
        figure(
            "quorum.write_write_overlap",
            "Replicas any two write quorums share",
            Measure::Count(write_overlap),
            if write_overlap > 0.0 {
                format!(
                    "2W - N = 2 x {w} - {big_n}: W > N/2, no two conflicting writes both succeed"
                )
            } else {
                format!(
                    "2W = {} <= N = {big_n}: two conflicting writes can both succeed",
                    2 * w
                )
            },
            c,
        ),
        figure(
            "quorum.read_failures",
            "Replica failures a read survives",
            Measure::Count(nf - rf),
            format!("N - R = {big_n} - {r}"),
            c,
        ),
        figure(
            "quorum.write_failures",
            "Replica failures a write survives",
            Measure::Count(nf - wf),
            format!("N - W = {big_n} - {w}"),
            c,
        ),
        figure(
            "quorum.read_availability",
            "Read availability",
            Measure::Fraction(at_least_up(r, big_n, a)),
            availability(r),
            c,
        ),
        figure(
            "quorum.write_availability",
            "Write availability",
            Measure::Fraction(at_least_up(w, big_n, a)),
            availability(w),
            c,
        ),
    ];
    section(super::Calculator::Quorum, figures)
}

fn validate(i: &Inputs) -> Result<(), Vec<InputError>> {
    let mut check = Check::new();
    check.whole_field("quorum.replicas", i.replicas);
    // A quorum larger than N can never be met: say so rather than report 0%.
    let n = i.replicas.clamp(1, MAX_REPLICAS);
    check.whole("quorum.read_quorum", "Read quorum (R)", i.read_quorum, 1, n);
    check.whole(
        "quorum.write_quorum",
        "Write quorum (W)",
        i.write_quorum,
        1,
        n,
    );
    check.field("quorum.replica_availability", i.replica_availability);
    check.finish()
}

/// The inputs with `N` from the scenario's replication factor (rounded to
/// whole replicas, at most 1,000) and majority quorums `R = W = N/2 + 1`
/// (rounded down), the usual choice that meets both `R + W > N` and
/// `W > N/2`.
pub fn prefill(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    // The replication factor is an input, not a figure.
    let _ = numbers;
    let replicas = s
        .storage
        .replication
        .round()
        .clamp(1.0, f64::from(MAX_REPLICAS)) as u32;
    let majority = replicas / 2 + 1;
    let note = |field, text: String| Note {
        origin: Origin::Scenario,
        field,
        text,
    };
    Prefilled {
        inputs: Inputs {
            replicas,
            read_quorum: majority,
            write_quorum: majority,
            ..Inputs::default()
        },
        notes: vec![
            note(
                "quorum.replicas",
                format!(
                    "N = {replicas} replicas from the scenario's replication factor ({}x)",
                    n(s.storage.replication)
                ),
            ),
            note(
                "quorum.read_quorum",
                format!("R = {majority}, a majority of the {replicas} replicas"),
            ),
            note(
                "quorum.write_quorum",
                format!("W = {majority}, a majority of the {replicas} replicas"),
            ),
        ],
    }
}

/// The inputs as used: what the user set in the scenario
/// ([`crate::Scenario::followup`]) over [`prefill`], each input with a
/// [`Note`] saying whether it was set or came from the scenario.
pub fn effective(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    let mut effective =
        super::effective::overlay(prefill(s, numbers), s, super::Calculator::Quorum, |all| {
            &mut all.quorum
        });
    // R and W prefilled as a majority of the scenario's N would be a
    // minority of an N the user set (2 and 2 of 5 do not overlap): they
    // follow the N used, unless set too.
    let replicas = effective.inputs.replicas;
    let majority = replicas / 2 + 1;
    for (field, quorum, name) in [
        ("quorum.read_quorum", &mut effective.inputs.read_quorum, "R"),
        (
            "quorum.write_quorum",
            &mut effective.inputs.write_quorum,
            "W",
        ),
    ] {
        let set = |key: &str| s.followup.get(key).is_some();
        if set("quorum.replicas") && !set(field) {
            *quorum = majority;
            for note in effective.notes.iter_mut().filter(|n| n.field == field) {
                note.text = format!("{name} = {majority}, a majority of the {replicas} replicas");
            }
        }
    }
    effective
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate_numbers;
    use proptest::prelude::*;

    use crate::followup::test_value as value;

    #[test]
    fn three_replicas_two_and_two() {
        let c = Conventions::default();
        let s = compute(&Inputs::default(), &c).unwrap();
        // 2 + 2 - 3 = 1 replica shared; 2 x 2 - 3 = 1; 3 - 2 = 1 failure each.
        assert_eq!(value(&s, "quorum.read_write_overlap"), 1.0);
        assert_eq!(value(&s, "quorum.write_write_overlap"), 1.0);
        assert_eq!(value(&s, "quorum.read_failures"), 1.0);
        assert_eq!(value(&s, "quorum.write_failures"), 1.0);
        // P(at least 2 of 3 up) = a^3 + 3 a^2 (1 - a) at a = 0.999:
        // 0.997002999 + 3 x 0.998001 x 0.001 = 0.997002999 + 0.002994003
        // = 0.999997002 (unavailability 2.998e-6).
        let read = value(&s, "quorum.read_availability");
        assert!((read - 0.999_997_002).abs() < 1e-12, "{read}");
        assert_eq!(
            s.figures[0].derivation,
            "R + W - N = 2 + 2 - 3: R + W > N, every read sees the latest write = 1"
        );
    }

    #[test]
    fn one_and_three_of_three() {
        // R = 1, W = 3: 1 + 3 > 3 still meets, but writes survive no
        // failure; a read needs one of three up: 1 - 0.001^3 = 1 - 1e-9;
        // a write needs all three: 0.999^3 = 0.997002999.
        let c = Conventions::default();
        let i = Inputs {
            read_quorum: 1,
            write_quorum: 3,
            ..Inputs::default()
        };
        let s = compute(&i, &c).unwrap();
        assert_eq!(value(&s, "quorum.read_write_overlap"), 1.0);
        assert_eq!(value(&s, "quorum.write_failures"), 0.0);
        assert!((value(&s, "quorum.read_availability") - (1.0 - 1e-9)).abs() < 1e-15);
        assert!((value(&s, "quorum.write_availability") - 0.997_002_999).abs() < 1e-12);
        // R = 1, W = 1: 1 + 1 <= 3, no overlap, and two writes may conflict.
        let i = Inputs {
            read_quorum: 1,
            write_quorum: 1,
            ..Inputs::default()
        };
        let s = compute(&i, &c).unwrap();
        assert_eq!(value(&s, "quorum.read_write_overlap"), 0.0);
        assert_eq!(value(&s, "quorum.write_write_overlap"), 0.0);
        assert!(s.figures[0]
            .derivation
            .starts_with("R + W = 2 <= N = 3: a read can miss"));
    }

    #[test]
    fn a_quorum_larger_than_n_is_an_error() {
        let c = Conventions::default();
        let i = Inputs {
            read_quorum: 4,
            write_quorum: 0,
            ..Inputs::default()
        };
        let errors = compute(&i, &c).unwrap_err();
        assert_eq!(errors[0].field, "quorum.read_quorum");
        assert_eq!(
            errors[0].message,
            "Read quorum (R): must be at most 3 (got 4)"
        );
        assert_eq!(errors[1].field, "quorum.write_quorum");
        assert_eq!(
            errors[1].message,
            "Write quorum (W): must be at least 1 (got 0)"
        );
        let i = Inputs {
            replica_availability: 1.5,
            replicas: 0,
            ..Inputs::default()
        };
        let fields: Vec<_> = compute(&i, &c)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "quorum.replicas",
                "quorum.read_quorum",
                "quorum.write_quorum",
                "quorum.replica_availability"
            ]
        );
    }

    #[test]
    fn prefills_n_from_replication_and_majorities() {
        let mut s = Scenario::default();
        s.storage.replication = 5.0;
        let p = prefill(&s, &estimate_numbers(&s).unwrap());
        // 5 / 2 + 1 = 3 (integer division).
        assert_eq!(
            (
                p.inputs.replicas,
                p.inputs.read_quorum,
                p.inputs.write_quorum
            ),
            (5, 3, 3)
        );
        assert_eq!(
            p.notes[0].text,
            "N = 5 replicas from the scenario's replication factor (5x)"
        );
        assert_eq!(p.notes[1].text, "R = 3, a majority of the 5 replicas");
    }

    /// Whether every `r`-subset of `n` replicas meets every `w`-subset, by
    /// trying every pair of subsets (as bit masks).
    fn every_pair_meets(n: u32, r: u32, w: u32) -> bool {
        let sets = |size: u32| (0u32..1 << n).filter(move |s| s.count_ones() == size);
        sets(r).all(|a| sets(w).all(|b| a & b != 0))
    }

    proptest! {
        #[test]
        fn r_plus_w_over_n_is_exactly_when_quorums_meet(n in 1u32..=8, r in 1u32..=8, w in 1u32..=8) {
            prop_assume!(r <= n && w <= n);
            prop_assert_eq!(quorums_meet(n, r, w), every_pair_meets(n, r, w));
        }

        #[test]
        fn larger_quorums_are_less_available(n in 1u32..=50, k in 1u32..=50, a in 0.0f64..=1.0) {
            prop_assume!(k < n);
            let p = at_least_up(k, n, a);
            prop_assert!((0.0..=1.0).contains(&p));
            prop_assert!(at_least_up(k + 1, n, a) <= p + 1e-15);
        }

        #[test]
        fn any_inputs_give_finite_figures_or_errors(
            replicas in 0u32..1_200, read_quorum in 0u32..1_200, write_quorum in 0u32..1_200,
            replica_availability in prop_oneof![Just(f64::NAN), -0.5f64..1.5],
        ) {
            let i = Inputs { replicas, read_quorum, write_quorum, replica_availability };
            if let Ok(s) = compute(&i, &Conventions::default()) {
                prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
            }
        }
    }
}
