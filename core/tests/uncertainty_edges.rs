//! Edge cases of ranges and the Monte Carlo, from a review: odd texts and
//! JSON, key aliases, range order, inactive fields, undefined figures, tight
//! ranges, seeds at their limit, links under every convention, and the
//! largest simulation the work budget allows against a full sort.
//!
//! The heavy one is `#[ignore]`d in debug builds; run it with
//! `cargo test -p envelope-core --release --test uncertainty_edges -- --include-ignored`.

use envelope_core::uncertainty::{
    simulate, simulate_seeded, with_medians, Distribution, InputRange, RandomSource, Simulation,
    StandardNormal, Xoshiro256, MAX_RANGES, WORK_BUDGET,
};
use envelope_core::{
    estimate, estimate_exact, fields, format, link, Direction, Frequency, Kind, Measure,
    RequestClass, Scenario, Users,
};
use proptest::prelude::*;

fn scenario_with(texts: &[(&str, &str)]) -> Scenario {
    let mut s = Scenario::default();
    for (key, text) in texts {
        fields::set_scenario_field(&mut s, key, text).unwrap();
    }
    s
}

fn small(mut s: Scenario, samples: u32) -> Scenario {
    s.uncertainty.samples = samples;
    s
}

fn from_json(json: &str) -> Scenario {
    serde_json::from_str(json).unwrap()
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

/// Nearest-rank percentile of sorted values, as `simulate` documents it.
fn nearest_rank(sorted: &[f64], p: f64) -> f64 {
    sorted[(p * (sorted.len() - 1) as f64).round() as usize]
}

// ---------------------------------------------------------------------------
// Text input: odd range texts never panic and name the field.

#[test]
fn odd_range_texts_are_errors_that_name_the_field() {
    let texts = [
        "..",
        "1..",
        "..5",
        "1 to",
        "to 5",
        " to ",
        "1M..10M..100M",
        "1 to 5 to 9",
        "1...5",
        "10M..1M",
        "-5..5",
        "NaN..5",
        "1..inf",
        "1e400..1e401",
        "１..５",
        "1M – 10M",
        "ÄÖÜ to 5",
        "5 to ÄÖÜ",
        "💥..💥",
        "1\u{0}..2",
        "1..2\u{202e}",
    ];
    for text in texts {
        let mut s = Scenario::default();
        let before = s.clone();
        match fields::set_scenario_field(&mut s, "dau", text) {
            Ok(()) => panic!("{text:?} was accepted: {:?}", s.uncertainty),
            Err(e) => {
                assert_eq!(e.field, "dau", "{text:?}");
                assert!(
                    e.to_string().starts_with("Daily active users: "),
                    "{text:?}: {e}"
                );
            }
        }
        assert_eq!(s, before, "{text:?} changed the scenario");
        let e = fields::set_class_field(&mut s, 1, "out", text).unwrap_err();
        assert_eq!(e.field, "classes.1.out", "{text:?}");
        // And in a link: a warning, no panic, the scenario valid.
        let d = link::decode(&format!("dau={}", text.replace('&', "%26")));
        assert!(fields::validate(&d.scenario).is_empty());
    }
}

#[test]
fn range_texts_that_are_fine() {
    for (text, low, high) in [
        ("1.5..2.5", 1.5, 2.5),
        (".5..1", 0.5, 1.0),
        ("1e3..1e4", 1e3, 1e4),
        ("1 TO 5", 1.0, 5.0),
        ("1M to 10M", 1e6, 10e6),
        ("  2k .. 3k  ", 2e3, 3e3),
        ("0..1000", 0.0, 1000.0),
    ] {
        let mut s = Scenario::default();
        fields::set_scenario_field(&mut s, "dau", text).unwrap();
        let r = s.uncertainty.range("dau").unwrap();
        assert_eq!((r.low, r.high), (low, high), "{text}");
    }
    // A huge text: bounded work, a clear error.
    let long = format!("1..{}", "9".repeat(100_000));
    let mut s = Scenario::default();
    assert!(fields::set_scenario_field(&mut s, "dau", &long).is_err());
}

#[test]
fn seed_and_samples_never_take_ranges_and_their_limits_are_named() {
    let mut s = Scenario::default();
    for (key, text) in [
        ("seed", "1..5"),
        ("samples", "100..200"),
        ("seed", "-1"),
        ("seed", "9007199254740994"),
        ("samples", "99"),
        ("samples", "1000001"),
        ("samples", "1e300"),
        ("users_by", "daily..monthly"),
    ] {
        let e = fields::set_scenario_field(&mut s, key, text).unwrap_err();
        assert_eq!(e.field, key, "{text}");
    }
    fields::set_scenario_field(&mut s, "seed", "9007199254740992").unwrap();
    assert_eq!(s.uncertainty.seed, 1 << 53);
    fields::set_scenario_field(&mut s, "samples", "100").unwrap();
    fields::set_scenario_field(&mut s, "samples", "1M").unwrap();
}

// ---------------------------------------------------------------------------
// JSON input: whatever it holds, validate names it and nothing panics.

#[test]
fn bad_ranges_from_json_are_named_and_never_panic() {
    let cases = [
        // (ranges JSON, expected error field)
        (r#"[{"field":"dau","low":1e6,"high":1e400}]"#, None), // serde rejects 1e400
        (r#"[{"field":"dau","low":-1,"high":5}]"#, Some("dau")),
        (r#"[{"field":"dau","low":5,"high":1}]"#, Some("dau")),
        (r#"[{"field":"dau","low":1e13,"high":1e14}]"#, Some("dau")),
        (r#"[{"field":"seed","low":1,"high":5}]"#, Some("seed")),
        (
            r#"[{"field":"samples","low":100,"high":500}]"#,
            Some("samples"),
        ),
        (
            r#"[{"field":"users_by","low":1,"high":5}]"#,
            Some("users_by"),
        ),
        (r#"[{"field":"name","low":1,"high":5}]"#, Some("name")),
        (r#"[{"field":"nope","low":1,"high":5}]"#, Some("nope")),
        (r#"[{"field":"","low":1,"high":5}]"#, Some("")),
        (
            r#"[{"field":"classes.0.name","low":1,"high":5}]"#,
            Some("classes.0.name"),
        ),
        (
            r#"[{"field":"classes.0.kind","low":1,"high":5}]"#,
            Some("classes.0.kind"),
        ),
        (
            r#"[{"field":"classes.x.in","low":1,"high":5}]"#,
            Some("classes.x.in"),
        ),
        (
            r#"[{"field":"classes.99999999999999999999999.in","low":1,"high":5}]"#,
            Some("classes.99999999999999999999999.in"),
        ),
        (
            r#"[{"field":"classes.2.in","low":1,"high":5}]"#,
            Some("classes.2.in"),
        ),
        (
            r#"[{"field":"classes.0.nope","low":1,"high":5}]"#,
            Some("classes.0.nope"),
        ),
        (
            r#"[{"field":"dau","low":1,"high":5},{"field":"dau","low":2,"high":6}]"#,
            Some("dau"),
        ),
        (r#"[{"field":"fill","low":0,"high":0.5}]"#, Some("fill")),
        (
            r#"[{"field":"growth","low":-1,"high":0.5}]"#,
            Some("growth"),
        ),
        (
            r#"[{"field":"replication","low":0.5,"high":3}]"#,
            Some("replication"),
        ),
    ];
    for (ranges, field) in cases {
        let json = format!(r#"{{"uncertainty":{{"ranges":{ranges}}}}}"#);
        let parsed: Result<Scenario, _> = serde_json::from_str(&json);
        let Some(field) = field else {
            assert!(parsed.is_err(), "{json}");
            continue;
        };
        let s = parsed.unwrap();
        let errors = fields::validate(&s);
        assert!(
            errors.iter().any(|e| e.field == field),
            "{json}: {errors:?}"
        );
        assert!(estimate(&s).is_err());
        assert!(simulate_seeded(&small(s.clone(), 100)).is_err());
        // with_medians is public and runs on unvalidated scenarios too.
        let _ = with_medians(&s);
    }
}

#[test]
fn non_finite_bounds_through_the_api_are_rejected_not_sampled() {
    for (low, high) in [
        (f64::NAN, 5.0),
        (1.0, f64::NAN),
        (1.0, f64::INFINITY),
        (f64::NEG_INFINITY, 5.0),
        (f64::NAN, f64::NAN),
    ] {
        let mut s = Scenario::default();
        s.uncertainty.set_range("dau", low, high);
        s.uncertainty.set_range("growth", low, high);
        let errors = fields::validate(&s);
        assert!(errors.iter().any(|e| e.field == "dau"), "{low} {high}");
        assert!(errors.iter().any(|e| e.field == "growth"), "{low} {high}");
        assert!(simulate_seeded(&s).is_err());
        let _ = with_medians(&s);
        let _ = Distribution::from_interval(low, high).median();
    }
}

#[test]
fn samples_and_seed_at_their_limits_from_json() {
    // Samples below the minimum and above the maximum are named.
    for samples in [0u64, 99, 1_000_001, u32::MAX as u64] {
        let s = from_json(&format!(
            r#"{{"uncertainty":{{"ranges":[{{"field":"dau","low":1e6,"high":1e7}}],"samples":{samples}}}}}"#
        ));
        let errors = fields::validate(&s);
        assert!(errors.iter().any(|e| e.field == "samples"), "{samples}");
    }
    // Seeds above 2^53 are named too (the field holds whole numbers f64 holds exactly).
    let s = from_json(r#"{"uncertainty":{"seed":18446744073709551615}}"#);
    assert!(fields::validate(&s).iter().any(|e| e.field == "seed"));
    // At the limits they work.
    for seed in [0u64, 1 << 53] {
        let s = from_json(&format!(
            r#"{{"uncertainty":{{"ranges":[{{"field":"dau","low":1e6,"high":1e7}}],"samples":100,"seed":{seed}}}}}"#
        ));
        let sim = simulate_seeded(&s).unwrap();
        assert_eq!(sim.samples, 100);
        assert_eq!(sim.seed, Some(seed));
        // The field holds the median, as the field setters leave it.
        let s = with_medians(&s);
        let back = link::decode(&link::encode(&s));
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        assert_eq!(back.scenario, s, "{}", link::encode(&s));
    }
}

/// A JSON seed of 2^53 + 1 would round to 2^53 as f64, so the seed field and
/// the link could not carry it: it is refused, compared as an integer.
#[test]
fn a_seed_above_2_pow_53_is_refused_as_the_link_could_not_carry_it() {
    let seed: u64 = (1 << 53) + 1;
    let s = from_json(&format!(
        r#"{{"uncertainty":{{"ranges":[{{"field":"dau","low":1e6,"high":1e7}}],"samples":100,"seed":{seed}}}}}"#
    ));
    let errors = fields::validate(&s);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "seed");
    assert_eq!(
        errors[0].to_string(),
        "Random seed: must be at most 9007199254740992 (got 9007199254740993)"
    );
    // 2^53 itself is fine and survives the link.
    let s = from_json(
        r#"{"uncertainty":{"ranges":[{"field":"dau","low":1e6,"high":1e7}],"samples":100,"seed":9007199254740992}}"#,
    );
    assert!(fields::validate(&s).is_empty());
    assert_eq!(
        link::decode(&link::encode(&s)).scenario.uncertainty.seed,
        1 << 53
    );
}

// ---------------------------------------------------------------------------
// Range keys: aliases, order, inactive fields.

/// `classes.01.count` and `classes.+1.count` would name the same field as
/// `classes.1.count`: only the canonical spelling is a field key, so an
/// alias is an unknown field, never a second range on one field.
#[test]
fn non_canonical_class_keys_are_not_field_keys() {
    let s = from_json(
        r#"{"uncertainty":{"ranges":[
            {"field":"classes.1.count","low":5,"high":20},
            {"field":"classes.01.count","low":1000,"high":2000}],"samples":100}}"#,
    );
    let errors = fields::validate(&s);
    assert!(
        !errors.is_empty(),
        "two ranges on class 2's count were accepted: {:?}",
        s.uncertainty.ranges
    );
}

#[test]
fn a_non_canonical_class_key_is_refused_not_lost_by_the_link() {
    let s = from_json(
        r#"{"uncertainty":{"ranges":[{"field":"classes.+1.count","low":5,"high":20}],"samples":100}}"#,
    );
    if !fields::validate(&s).is_empty() {
        return; // Rejected: fine.
    }
    let sim = simulate_seeded(&s).unwrap();
    assert_eq!(sim.inputs.len(), 1, "the alias is sampled");
    let back = link::decode(&link::encode(&s)).scenario;
    let again = simulate_seeded(&back).unwrap();
    assert_eq!(
        again.inputs.len(),
        1,
        "the link {} lost the range",
        link::encode(&s)
    );
}

/// Ranges from JSON may be listed in any order; they are sampled in form
/// order, as fields, links and the CLI's --set keep them, so the same ranges
/// and seed give the same percentiles, and a file and its link agree.
#[test]
fn json_range_order_does_not_change_the_percentiles() {
    let a = from_json(
        r#"{"uncertainty":{"ranges":[
            {"field":"dau","low":1e6,"high":1e7},
            {"field":"replication","low":2,"high":4}],"samples":1000}}"#,
    );
    let b = from_json(
        r#"{"uncertainty":{"ranges":[
            {"field":"replication","low":2,"high":4},
            {"field":"dau","low":1e6,"high":1e7}],"samples":1000}}"#,
    );
    assert!(fields::validate(&a).is_empty() && fields::validate(&b).is_empty());
    let (sa, sb) = (simulate_seeded(&a).unwrap(), simulate_seeded(&b).unwrap());
    // The link of b reads back in form order, as a.
    let b_via_link = link::decode(&link::encode(&b)).scenario;
    assert_eq!(b_via_link.uncertainty.ranges, a.uncertainty.ranges);
    let key = "storage.retention_replicated";
    assert_eq!(
        sa.output(key),
        sb.output(key),
        "the same ranges in another order give other percentiles"
    );
}

/// A choice that makes a ranged field inactive (users given monthly, a class
/// now a read) drops its range, so the scenario's link reads back exactly;
/// a range on an inactive field from JSON is refused by name.
#[test]
fn a_range_on_a_field_made_inactive_is_dropped_and_the_link_reads_back() {
    let mut s = scenario_with(&[("dau", "1M..10M")]);
    fields::set_scenario_field(&mut s, "users_by", "monthly").unwrap();
    assert!(fields::validate(&s).is_empty());
    assert!(
        s.uncertainty.range("dau").is_none(),
        "dropped while inactive"
    );
    let back = link::decode(&link::encode(&s));
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.scenario, s, "{}", link::encode(&s));
    let json = r#"{"users":{"monthly":{"monthly_active":1e8,"daily_active_share":0.3}},
        "uncertainty":{"ranges":[{"field":"dau","low":1e6,"high":1e7}]}}"#;
    let errors = fields::validate(&from_json(json));
    assert_eq!(
        errors[0].to_string(),
        "Daily active users: the field does not apply to this scenario"
    );
}

#[test]
fn a_range_on_bytes_stored_goes_when_the_class_becomes_a_read() {
    let mut s = Scenario::default();
    fields::set_class_field(&mut s, 0, "stored", "1KB..5KB").unwrap();
    fields::set_class_field(&mut s, 0, "kind", "read").unwrap();
    assert!(fields::validate(&s).is_empty());
    assert!(s.uncertainty.ranges.is_empty());
    let back = link::decode(&link::encode(&s));
    assert_eq!(back.scenario, s, "{}", link::encode(&s));
}

/// Ranges on inactive fields are ignored by the simulation and the estimate.
#[test]
fn ranges_on_inactive_fields_are_ignored_by_the_simulation() {
    let mut s = scenario_with(&[("dau", "1M..10M")]);
    fields::set_scenario_field(&mut s, "users_by", "monthly").unwrap();
    let sim = simulate_seeded(&small(s.clone(), 100)).unwrap();
    assert!(sim.inputs.is_empty());
    let report = estimate_exact(&s).unwrap();
    let dau = report
        .figure("users.daily_active")
        .unwrap()
        .value
        .base_value();
    assert_eq!(dau, s.users.daily_active());
    for o in &sim.outputs {
        assert_eq!(o.p5, o.p95, "{}", o.key);
    }
}

/// A JSON range whose field holds another value than the median: estimates
/// use the median; after a link round trip the value is the median, so the
/// estimate and simulation are the same (the scenario itself is not).
#[test]
fn a_json_value_beside_a_range_counts_at_the_median_and_the_link_keeps_the_estimate() {
    let s = from_json(
        r#"{"users":{"daily":{"daily_active":5}},
            "uncertainty":{"ranges":[{"field":"dau","low":1e6,"high":1e8}],"samples":200}}"#,
    );
    let back = link::decode(&link::encode(&s)).scenario;
    assert_eq!(estimate(&s).unwrap(), estimate(&back).unwrap());
    assert_eq!(
        simulate_seeded(&s).unwrap(),
        simulate_seeded(&back).unwrap()
    );
}

/// A JSON range with equal ends is a valid "point" input; the link turns
/// it into a plain value, so the simulation's list of inputs changes.
#[test]
fn a_json_range_with_equal_ends_round_trips_to_a_plain_value() {
    let s = from_json(
        r#"{"uncertainty":{"ranges":[{"field":"dau","low":5e6,"high":5e6}],"samples":100}}"#,
    );
    assert!(fields::validate(&s).is_empty());
    let sim = simulate_seeded(&s).unwrap();
    assert_eq!(sim.inputs.len(), 1);
    assert_eq!(sim.inputs[0].distribution, "point");
    let back = link::decode(&link::encode(&s)).scenario;
    assert_eq!(back.users.daily_active(), 5e6);
    // Documented here, not asserted as a bug: the back scenario has no range.
    assert!(back.uncertainty.ranges.is_empty());
    let again = simulate_seeded(&back).unwrap();
    assert_eq!(sim.outputs, again.outputs);
}

// ---------------------------------------------------------------------------
// Removed classes, many classes, many ranges.

#[test]
fn ranges_follow_their_classes_through_the_form_s_apply() {
    let mut base = Scenario::default();
    fields::set_class_field(&mut base, 0, "in", "1KB..10KB").unwrap();
    fields::set_class_field(&mut base, 1, "count", "5..20").unwrap();
    fields::set_scenario_field(&mut base, "dau", "1M..3M").unwrap();
    let texts = |s: &Scenario, i: usize| -> Vec<(String, String)> {
        fields::CLASS_FIELDS
            .iter()
            .filter_map(|f| Some((f.key.to_owned(), fields::class_field_text(s, i, f.key)?)))
            .collect()
    };
    // The web form's edit: the texts of its rows, as pairs, over its base.
    let apply_rows = |rows: &[Vec<(String, String)>]| {
        let pairs = fields::form_pairs(&[], rows);
        let applied = fields::apply(base.clone(), &pairs, fields::Inactive::Ignore);
        (applied.scenario, applied.errors)
    };
    // Remove class 0: class 1 moves to 0 with its range.
    let (s, errors) = apply_rows(&[texts(&base, 1)]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        fields::validate(&s).is_empty(),
        "{:?}",
        fields::validate(&s)
    );
    let keys: Vec<&str> = s
        .uncertainty
        .ranges
        .iter()
        .map(|r| r.field.as_str())
        .collect();
    assert_eq!(keys, ["dau", "classes.0.count"]);
    // Remove class 1: its range goes.
    let (s, errors) = apply_rows(&[texts(&base, 0)]);
    assert!(errors.is_empty(), "{errors:?}");
    let keys: Vec<&str> = s
        .uncertainty
        .ranges
        .iter()
        .map(|r| r.field.as_str())
        .collect();
    assert_eq!(keys, ["dau", "classes.0.in"]);
    assert!(fields::validate(&s).is_empty());
}

#[test]
fn a_hundred_classes_with_two_hundred_ranges() {
    let mut s = Scenario {
        classes: (0..100)
            .map(|i| {
                if i % 2 == 0 {
                    RequestClass::write(&format!("w{i}"), 1.0, 10e3)
                } else {
                    RequestClass::read(&format!("r{i}"), 3.0, 50e3)
                }
            })
            .collect(),
        ..Scenario::default()
    };
    for i in 0..100 {
        fields::set_class_field(&mut s, i, "count", "0.5..2").unwrap();
        fields::set_class_field(&mut s, i, "in", "1KB..100KB").unwrap();
    }
    assert_eq!(s.uncertainty.ranges.len(), MAX_RANGES);
    let e = fields::set_scenario_field(&mut s, "dau", "1M..2M").unwrap_err();
    assert_eq!(e.field, "dau");
    assert!(e.to_string().contains("at most 200"), "{e}");
    // Replacing an existing range is still allowed at the limit.
    fields::set_class_field(&mut s, 3, "count", "1..3").unwrap();
    s.uncertainty.samples = 200;
    let sim = simulate_seeded(&s).unwrap();
    assert_eq!(sim.inputs.len(), 200);
    assert_eq!(sim.tornadoes.len(), 5);
    assert!(sim.tornadoes.iter().all(|t| t.swings.len() == 200));
    // The link carries all of them.
    let back = link::decode(&link::encode(&s));
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.scenario, s);
    // 201 ranges from JSON are named.
    let mut json = serde_json::to_value(&s).unwrap();
    json["uncertainty"]["ranges"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"field":"dau","low":1e6,"high":2e6}));
    let over: Scenario = serde_json::from_value(json).unwrap();
    assert!(fields::validate(&over).iter().any(|e| e.field == "ranges"));
}

// ---------------------------------------------------------------------------
// Percentiles: nearest rank on the very draws, checked against a full sort.

/// Redraws the simulation's stream for a single range on `dau` (the first
/// figure, `users.daily_active`, is then the clamped draw itself).
fn redraw_dau(low: f64, high: f64, seed: u64, n: usize) -> (Vec<f64>, Xoshiro256) {
    let d = Distribution::from_interval(low, high);
    let normal = StandardNormal::new();
    let mut rng = Xoshiro256::seed_from(seed);
    let draws = (0..n)
        .map(|_| d.sample(&normal, &mut rng).clamp(0.0, 1e12))
        .collect();
    (draws, rng)
}

fn check_dau_percentiles(sim: &Simulation, low: f64, high: f64, seed: u64, n: usize) {
    let (draws, _) = redraw_dau(low, high, seed, n);
    let mean = draws.iter().sum::<f64>() / n as f64;
    let mut sorted = draws;
    sorted.sort_by(f64::total_cmp);
    let out = sim.output("users.daily_active").unwrap();
    assert_eq!(out.p5.base_value(), nearest_rank(&sorted, 0.05));
    assert_eq!(out.p50.base_value(), nearest_rank(&sorted, 0.5));
    assert_eq!(out.p95.base_value(), nearest_rank(&sorted, 0.95));
    assert_eq!(out.mean.base_value(), mean);
    let h = sim
        .histograms
        .iter()
        .find(|h| h.key == "total.peak_rps")
        .unwrap();
    assert_eq!(h.counts.iter().sum::<u32>() + h.below + h.above, n as u32);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// select_many's percentiles equal a full sort's nearest-rank ones, and
    /// the rng the caller gets back is just past the draws.
    #[test]
    fn percentiles_match_a_full_sort(
        low in 0.0f64..1e6,
        width in 1.0f64..1e7,
        seed in 0u64..=(1u64 << 53),
        n in 100usize..1500,
    ) {
        let high = low + width;
        let mut s = Scenario::default();
        s.uncertainty.set_range("dau", low, high);
        s.uncertainty.samples = n as u32;
        s.uncertainty.seed = seed;
        let mut rng = Xoshiro256::seed_from(seed);
        let sim = simulate(&s, &mut rng).unwrap();
        check_dau_percentiles(&sim, low, high, seed, n);
        let (_, mut expected) = redraw_dau(low, high, seed, n);
        prop_assert_eq!(rng.next_u64(), expected.next_u64());
    }
}

#[test]
fn percentiles_at_the_smallest_sample_count_and_with_ties() {
    // dau 0..10M is normal: 5% of draws clamp to 0, so p5 sits in a run of ties.
    for seed in 0..20 {
        let mut s = scenario_with(&[("dau", "0..10M")]);
        s.uncertainty.samples = 100;
        s.uncertainty.seed = seed;
        let sim = simulate_seeded(&s).unwrap();
        check_dau_percentiles(&sim, 0.0, 10e6, seed, 100);
    }
}

// ---------------------------------------------------------------------------
// Clamping.

#[test]
fn normal_ranges_are_clamped_at_the_field_minimum() {
    let s = small(scenario_with(&[("dau", "0..10M")]), 2000);
    let sim = simulate_seeded(&s).unwrap();
    assert_eq!(sim.inputs[0].distribution, "normal");
    let dau = sim.output("users.daily_active").unwrap();
    // About 5% of draws are below zero: p5 is near zero, never below it.
    assert!((0.0..0.5e6).contains(&dau.p5.base_value()), "{:?}", dau.p5);
    assert!(close(dau.p50.base_value(), 5e6, 0.05));
    let h = &sim.histograms[0];
    assert!(h.start >= 0.0);
    // Growth -99%..+50% is normal; the draws below -100% clamp just above it.
    let s = small(scenario_with(&[("growth", "-99%..50%")]), 2000);
    let sim = simulate_seeded(&s).unwrap();
    for o in &sim.outputs {
        for v in [o.p5, o.p50, o.p95, o.mean] {
            assert!(
                v.base_value().is_finite() && v.base_value() >= 0.0,
                "{}",
                o.key
            );
        }
    }
    // Tornado ends are the range's ends themselves.
    let t = &sim.tornadoes[2];
    assert_eq!(t.key, "storage.retention_replicated");
    assert_eq!(t.swings[0].input[0].base_value(), -0.99);
}

/// With users 0..10M (a normal range, so about 5% of draws clamp to zero
/// users), the samples with no traffic have 0 reads / 0 writes: "Reads per
/// write" is undefined there, and those samples are left out of its
/// percentiles and mean, which stay finite.
#[test]
fn samples_without_writes_are_left_out_of_reads_per_write() {
    let s = small(scenario_with(&[("dau", "0..10M")]), 2000);
    let sim = simulate_seeded(&s).unwrap();
    let ratio = sim.output("total.read_write_ratio").unwrap();
    assert_eq!(ratio.point.base_value(), 10.0);
    for (what, v) in [
        ("p5", ratio.p5),
        ("p50", ratio.p50),
        ("p95", ratio.p95),
        ("mean", ratio.mean),
    ] {
        assert!(
            v.base_value().is_finite(),
            "{what} = {} (shown as {:?})",
            v.base_value(),
            format::measure(&v, &s.conventions)
        );
    }
}

#[test]
fn a_write_count_range_from_zero_keeps_reads_per_write_finite() {
    let mut s = Scenario::default();
    fields::set_class_field(&mut s, 0, "count", "0..2").unwrap();
    let sim = simulate_seeded(&small(s, 2000)).unwrap();
    let ratio = sim.output("total.read_write_ratio").unwrap();
    assert!(
        ratio.mean.base_value().is_finite() && ratio.p95.base_value().is_finite(),
        "mean {} p95 {}",
        ratio.mean.base_value(),
        ratio.p95.base_value()
    );
}

#[test]
fn non_finite_spreads_do_not_panic_when_formatted_or_serialized() {
    let s = small(scenario_with(&[("dau", "0..10M")]), 500);
    let sim = simulate_seeded(&s).unwrap();
    for o in &sim.outputs {
        for v in [o.point, o.p5, o.p50, o.p95, o.mean] {
            let _ = format::measure(&v, &s.conventions);
        }
    }
    let json = serde_json::to_string(&sim).unwrap();
    assert!(!json.is_empty());
    for kind in [
        Kind::Count,
        Kind::Data,
        Kind::Rate,
        Kind::Money,
        Kind::Multiplier,
    ] {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let _ = format::measure(&Measure::from_base(kind, v), &s.conventions);
        }
    }
}

/// The median of a lognormal range is exp((ln low + ln high) / 2): for
/// large or tiny values the logarithm's rounding (an ulp of ln x is many
/// ulps of x) would put the median of a tight range outside the range (e.g.
/// 8 ulps below 1e12 - 1 ulp); the range's median is kept within its ends.
#[test]
fn the_median_of_a_tight_range_stays_within_its_ends() {
    let mut worst = Vec::new();
    for edge in [
        1e12f64,
        1e15,
        1e18,
        1e9,
        1000.0,
        100.0,
        10.0,
        1.0,
        1.0 / 24.0,
        0.7,
        3e-7,
    ] {
        for (low, high) in [
            (f64::from_bits(edge.to_bits() - 1), edge),
            (edge, f64::from_bits(edge.to_bits() + 1)),
            (f64::from_bits(edge.to_bits() - 3), edge),
            (edge, f64::from_bits(edge.to_bits() + 3)),
        ] {
            let m = InputRange {
                field: "dau".into(),
                low,
                high,
            }
            .median();
            if !(low..=high).contains(&m) {
                worst.push((low, high, m));
            }
        }
    }
    assert!(worst.is_empty(), "medians outside their ranges: {worst:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_median_of_any_positive_range_is_within_its_ends(
        low in 1e-300f64..1e300,
        steps in 1u64..4,
    ) {
        let high = f64::from_bits(low.to_bits() + steps);
        let m = InputRange { field: "dau".into(), low, high }.median();
        prop_assert!((low..=high).contains(&m), "{} {} {}", low, high, m);
    }
}

/// The field's value after setting a valid range at its upper limit is the
/// median; it must itself be valid.
#[test]
fn a_valid_range_at_a_field_limit_leaves_a_valid_scenario() {
    for (key, text) in [
        ("dau", "999999999999.9999..1T"),
        ("fill", "99.99999999999999%..100%"),
        ("utilisation", "99.99999999999999%..100%"),
        ("cache_hot", "99.99999999999999%..100%"),
        ("dau_share", "99.99999999999999%..100%"),
        ("peak_hour", "4.1666666666666664%..4.166666666666667%"),
        ("replication", "1..1.0000000000000002"),
        ("compression", "1..1.0000000000000002"),
    ] {
        let mut s = Scenario::default();
        if key == "dau_share" {
            fields::set_scenario_field(&mut s, "users_by", "monthly").unwrap();
        }
        if key == "peak_hour" {
            fields::set_scenario_field(&mut s, "peak_by", "hour").unwrap();
        }
        if fields::set_scenario_field(&mut s, key, text).is_err() {
            continue;
        }
        assert!(
            fields::validate(&s).is_empty(),
            "{key} = {text}: {:?}",
            fields::validate(&s)
        );
        assert!(simulate_seeded(&small(s, 100)).is_ok());
    }
}

/// Replication "99.99999999999999..100" is a valid range (both ends within
/// 1x..100x), and the median stored as the field's value must stay valid too
/// (unclamped it would round to just above 100x).
#[test]
fn a_tight_range_at_the_replication_limit_leaves_a_valid_scenario() {
    let mut s = Scenario::default();
    fields::set_scenario_field(&mut s, "replication", "99.99999999999999..100").unwrap();
    let errors = fields::validate(&s);
    assert!(
        errors.is_empty(),
        "{errors:?} (value {})",
        s.storage.replication
    );
}

// ---------------------------------------------------------------------------
// Rough values.

/// `estimate` gives each figure a rough value computed from the inputs
/// rounded to one significant figure. A ranged input is rounded at its
/// median: users 1M..10M (median 3.162M) give a rough 3M users, as the same
/// median typed as a point does.
#[test]
fn rough_values_round_ranged_inputs_at_their_medians() {
    let ranged = scenario_with(&[("dau", "1M..10M")]);
    let point = Scenario {
        users: Users::Daily {
            daily_active: ranged.users.daily_active(),
        },
        ..Scenario::default()
    };
    let a = estimate(&ranged).unwrap();
    let b = estimate(&point).unwrap();
    for key in ["users.daily_active", "total.peak_rps"] {
        let ra = a.figure(key).unwrap().rough.clone().unwrap();
        let rb = b.figure(key).unwrap().rough.clone().unwrap();
        assert_eq!(
            ra.value.base_value(),
            rb.value.base_value(),
            "{key}: rough of a range vs of its median as a point"
        );
    }
}

// ---------------------------------------------------------------------------
// Model vs report, for scenario shapes the existing proptest does not make.

fn class_strategy() -> impl Strategy<Value = RequestClass> {
    (
        any::<bool>(),
        0usize..4,
        0.0f64..50.0,
        0.0f64..1e7,
        0.0f64..1e7,
        prop::option::of(0.0f64..1e7),
    )
        .prop_map(
            |(write, per, count, bytes_in, bytes_out, stored)| RequestClass {
                name: String::new(),
                direction: if write {
                    Direction::Write
                } else {
                    Direction::Read
                },
                frequency: match per {
                    0 => Frequency::PerUserPerDay(count),
                    1 => Frequency::PerDay(count * 1e5),
                    2 => Frequency::PerMonth(count * 1e6),
                    _ => Frequency::PerWrite(count),
                },
                bytes_in,
                bytes_out,
                bytes_stored: stored,
                users_share: 1.0,
                ..RequestClass::default()
            },
        )
}

fn shaped_scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(class_strategy(), 1..6),
        any::<bool>(),
        1e3f64..1e9,
        0.01f64..1.0,
        -0.9f64..3.0,
        1.0f64..3650.0,
        any::<[bool; 5]>(),
        (0.0f64..2.0, 1.0f64..4.0, 0.0f64..20.0),
    )
        .prop_map(
            |(
                classes,
                monthly,
                users,
                share,
                growth,
                days,
                flags,
                (overhead, compression, spares),
            )| {
                let mut s = Scenario {
                    classes,
                    users: if monthly {
                        Users::Monthly {
                            monthly_active: users,
                            daily_active_share: share,
                        }
                    } else {
                        Users::Daily {
                            daily_active: users,
                        }
                    },
                    ..Scenario::default()
                };
                s.storage.yearly_growth = if flags[4] { 0.0 } else { growth };
                s.storage.retention_seconds = days * 86_400.0;
                s.storage.overhead = overhead;
                s.storage.compression_ratio = compression;
                s.capacity.spare_servers = spares;
                for (key, (on, value)) in ["day", "month", "year", "bytes"]
                    .iter()
                    .zip(flags.iter().zip(["100000", "30.44", "365.25", "iec"]))
                {
                    if *on {
                        fields::set_scenario_field(&mut s, key, value).unwrap();
                    }
                }
                if flags[0] {
                    fields::set_scenario_field(&mut s, "peak_by", "hour").unwrap();
                    fields::set_scenario_field(&mut s, "peak_hour", "9%").unwrap();
                }
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Monthly users, per-day / per-month / per-write counts, growth,
    /// overhead, compression, spares, a busiest-hour peak: the model's point
    /// figures equal the report's.
    #[test]
    fn the_model_matches_the_report_for_every_frequency_and_users_mode(s in shaped_scenario()) {
        prop_assume!(fields::validate(&s).is_empty());
        let report = estimate_exact(&s).unwrap();
        let sim = simulate_seeded(&small(s.clone(), 100)).unwrap();
        prop_assert_eq!(sim.outputs.len(), report.figures().count());
        for (spread, figure) in sim.outputs.iter().zip(report.figures()) {
            prop_assert_eq!(&spread.key, &figure.key);
            let (a, b) = (spread.point.base_value(), figure.value.base_value());
            prop_assert!(
                a == b || close(a, b, 1e-9) || (a.is_nan() && b.is_nan()),
                "{}: model {} vs report {}", figure.key, a, b
            );
            // No ranges: every percentile is the point.
            prop_assert!(spread.p5 == spread.point || close(spread.p5.base_value(), a, 1e-12) || a.is_nan());
        }
    }

    /// The same with ranges on users, a class count and growth: the point
    /// (medians) figures still equal the report's.
    #[test]
    fn the_model_matches_the_report_with_ranges(s in shaped_scenario(), down in 0.1f64..1.0, up in 1.0f64..10.0) {
        prop_assume!(fields::validate(&s).is_empty());
        let mut s = s;
        let users_key = if matches!(s.users, Users::Monthly { .. }) { "mau" } else { "dau" };
        let u = s.users.daily_active();
        let u = if users_key == "mau" { match s.users { Users::Monthly { monthly_active, .. } => monthly_active, _ => u } } else { u };
        let _ = fields::set_scenario_field(&mut s, users_key, &format!("{}..{}", u * down, u * up));
        let _ = fields::set_scenario_field(&mut s, "growth", "-20%..40%");
        let _ = fields::set_class_field(&mut s, 0, "count", "0..3");
        prop_assume!(fields::validate(&s).is_empty());
        let report = estimate_exact(&s).unwrap();
        let sim = simulate_seeded(&small(s.clone(), 100)).unwrap();
        prop_assert_eq!(sim.outputs.len(), report.figures().count());
        for (spread, figure) in sim.outputs.iter().zip(report.figures()) {
            prop_assert_eq!(&spread.key, &figure.key);
            let (a, b) = (spread.point.base_value(), figure.value.base_value());
            prop_assert!(a == b || close(a, b, 1e-9), "{}: model {} vs report {}", figure.key, a, b);
        }
    }
}

// ---------------------------------------------------------------------------
// Links: ranges under every convention.

#[test]
fn ranges_round_trip_through_links_under_every_convention() {
    let mut s = Scenario::default();
    for (key, value) in [
        ("day", "100000"),
        ("month", "30.44"),
        ("year", "365.25"),
        ("bytes", "iec"),
    ] {
        fields::set_scenario_field(&mut s, key, value).unwrap();
    }
    for (key, text) in [
        ("retention", "1y..5y"),
        ("retention", "1 year to 5 years"),
        ("retention", "90d..2y"),
        ("retention", "1mo..18mo"),
        ("retention", "1.5h..3d"),
        ("growth", "-10%..30%"),
        ("growth", "-99.5%..0%"),
        ("cache_node", "64GiB..256GiB"),
        ("nic", "1Gbps..25Gbps"),
        ("price_server", "$100..$1,000"),
        ("dau", "1,000,000 to 3_000_000"),
        ("dau", "1234567.891..7654321.123"),
        ("peak", "1.5x..3x"),
    ] {
        let mut t = s.clone();
        fields::set_scenario_field(&mut t, key, text)
            .unwrap_or_else(|e| panic!("{key}={text}: {e}"));
        fields::set_class_field(&mut t, 0, "in", "1KiB..1MiB").unwrap();
        fields::set_class_field(&mut t, 1, "out", "1.5KB..1.7MB").unwrap();
        fields::set_class_field(&mut t, 1, "count", "1/3..7").ok();
        t.uncertainty.seed = 123_456_789;
        t.uncertainty.samples = 2_500;
        let query = link::encode(&t);
        let back = link::decode(&query);
        assert!(back.warnings.is_empty(), "{query}: {:?}", back.warnings);
        assert_eq!(back.scenario, t, "{query}");
        // The field's text reads back too.
        let text_back = fields::scenario_field_text(&t, key).unwrap();
        let mut u = t.clone();
        fields::set_scenario_field(&mut u, key, &text_back).unwrap();
        assert_eq!(u, t, "{key}: {text_back}");
    }
}

#[test]
fn odd_float_bounds_round_trip_through_links() {
    for (low, high) in [
        (1.0 / 3.0, 2.0 / 3.0),
        (1e-300, 1e-299),
        (0.1 + 0.2, 0.7),
        (123_456_789.123_456_7, 987_654_321.987_654_3),
        (5e-324, 1e-323),
    ] {
        for key in ["dau", "overhead", "price_egress"] {
            let mut s = Scenario::default();
            s.uncertainty.set_range(key, low, high);
            let m = Distribution::from_interval(low, high).median();
            let setter_ok = fields::validate(&s).is_empty();
            if !setter_ok {
                continue;
            }
            // The field holds the median, as set_scenario_field would leave it.
            s = with_medians(&s);
            let _ = m;
            let query = link::encode(&s);
            let back = link::decode(&query);
            assert!(back.warnings.is_empty(), "{query}: {:?}", back.warnings);
            assert_eq!(back.scenario, s, "{query}");
        }
    }
}

// ---------------------------------------------------------------------------
// Determinism.

#[test]
fn the_same_seed_gives_identical_simulations_and_leaves_the_rng_just_past_its_draws() {
    let mut s = scenario_with(&[
        ("dau", "1M..10M"),
        ("growth", "-10%..30%"),
        ("peak", "2x..5x"),
    ]);
    fields::set_class_field(&mut s, 1, "out", "10KB..1MB").unwrap();
    s.uncertainty.samples = 300;
    let mut r1 = Xoshiro256::seed_from(77);
    let mut r2 = Xoshiro256::seed_from(77);
    let a = simulate(&s, &mut r1).unwrap();
    let b = simulate(&s, &mut r2).unwrap();
    assert_eq!(a, b);
    assert_eq!(r1, r2);
    // Just past 300 x 4 draws of the normal sampler, in range order.
    let normal = StandardNormal::new();
    let mut expected = Xoshiro256::seed_from(77);
    for _ in 0..300 * 4 {
        normal.sample(&mut expected);
    }
    assert_eq!(r1, expected);
    // A second run from the returned state differs (the stream moved on).
    let c = simulate(&s, &mut r1).unwrap();
    assert_ne!(a.outputs, c.outputs);
    // simulate_seeded is simulate with the scenario's seed.
    s.uncertainty.seed = 77;
    let mut seeded = simulate_seeded(&s).unwrap();
    assert_eq!(seeded.seed, Some(77));
    seeded.seed = None;
    assert_eq!(seeded, a);
}

// ---------------------------------------------------------------------------
// The largest simulation: as many samples as the work budget allows.

/// The default scenario with users 1M..10M at the most samples the work
/// budget allows (745,654 of its 45 figures: one pass holds them all). Users
/// are the first figure, class 1's and 2's requests per day the last ones:
/// their percentiles must be exactly users' x 1 and x 10. (This ran 1M
/// samples in seven passes before the budget; one more sample is refused.)
#[test]
#[cfg_attr(debug_assertions, ignore = "slow in debug; run with --release")]
fn the_most_samples_the_budget_allows_give_the_same_percentiles_as_a_full_sort() {
    let mut s = scenario_with(&[("dau", "1M..10M")]);
    let most = (WORK_BUDGET / 45) as u32;
    s.uncertainty.samples = most + 1;
    assert_eq!(fields::validate(&s)[0].field, "samples");
    s.uncertainty.samples = most;
    s.uncertainty.seed = 5;
    let mut rng = Xoshiro256::seed_from(5);
    let sim = simulate(&s, &mut rng).unwrap();
    assert_eq!(sim.outputs.len(), 45);
    check_dau_percentiles(&sim, 1e6, 1e7, 5, most as usize);
    let (_, mut expected) = redraw_dau(1e6, 1e7, 5, most as usize);
    assert_eq!(
        rng.next_u64(),
        expected.next_u64(),
        "rng just past the draws"
    );
    let users = sim.output("users.daily_active").unwrap();
    for (key, times) in [("class.0.per_day", 1.0), ("class.1.per_day", 10.0)] {
        let o = sim.output(key).unwrap();
        assert_eq!(o.p5.base_value(), users.p5.base_value() * times, "{key}");
        assert_eq!(o.p50.base_value(), users.p50.base_value() * times, "{key}");
        assert_eq!(o.p95.base_value(), users.p95.base_value() * times, "{key}");
        assert!(close(
            o.mean.base_value(),
            users.mean.base_value() * times,
            1e-12
        ));
    }
    // Deterministic.
    let again = simulate(&s, &mut Xoshiro256::seed_from(5)).unwrap();
    assert_eq!(sim, again);
}

/// `apply` prunes ranges that no longer apply once, after all its pairs (a
/// prune after each pair made a 100-class form take 28 ms per keystroke);
/// a range a choice switched off still does not count against the limit.
#[test]
fn ranges_switched_off_by_a_choice_leave_room_for_new_ones() {
    let mut pairs: Vec<(String, String)> = vec![
        ("users_by".into(), "monthly".into()),
        ("mau".into(), "10M..20M".into()),
        ("classes".into(), "100".into()),
    ];
    for i in 0..100 {
        pairs.push((format!("c{i}.in"), "1KB..2KB".into()));
    }
    for i in 0..99 {
        pairs.push((format!("c{i}.out"), "1KB..2KB".into()));
    }
    let full = fields::apply(Scenario::default(), &pairs, fields::Inactive::Ignore);
    assert!(full.errors.is_empty(), "{:?}", full.errors);
    assert_eq!(full.scenario.uncertainty.ranges.len(), MAX_RANGES);

    let more = [("users_by", "daily"), ("c99.out", "1KB..2KB")];
    let applied = fields::apply(full.scenario.clone(), &more, fields::Inactive::Ignore);
    assert!(applied.errors.is_empty(), "{:?}", applied.errors);
    let ranges = &applied.scenario.uncertainty.ranges;
    assert_eq!(ranges.len(), MAX_RANGES);
    assert!(ranges.iter().all(|r| r.field != "mau"));
    assert!(ranges.iter().any(|r| r.field == "classes.99.out"));

    // With every range still applying, one more is refused, naming the limit.
    let refused = fields::apply(
        applied.scenario,
        &[("dau", "1M..2M")],
        fields::Inactive::Ignore,
    );
    assert_eq!(refused.errors.len(), 1, "{:?}", refused.errors);
    assert!(refused.errors[0].error.message.contains("at most 200"));
}
