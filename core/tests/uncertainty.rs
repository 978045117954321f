//! Ranges and the Monte Carlo: fixed seeds, hand-checked numbers, and the
//! summary checked against the report figure by figure.

use envelope_core::uncertainty::{
    simulate, simulate_seeded, Distribution, RandomSource, StandardNormal, Xoshiro256, Z90,
};
use envelope_core::{estimate_exact, fields, link, presets, Scenario};
use proptest::prelude::*;

fn scenario_with(texts: &[(&str, &str)]) -> Scenario {
    let mut s = Scenario::default();
    for (key, text) in texts {
        fields::set_scenario_field(&mut s, key, text).unwrap();
    }
    s
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

#[test]
fn a_lognormal_from_a_90_percent_interval_reproduces_its_bounds() {
    // 100,000 draws of 1M..10M users: the sample's 5th and 95th percentiles
    // are the bounds within 1%, its median sqrt(1M x 10M) = 3.162M.
    let d = Distribution::from_interval(1e6, 10e6);
    let normal = StandardNormal::new();
    let mut rng = Xoshiro256::seed_from(12345);
    let mut draws: Vec<f64> = (0..100_000).map(|_| d.sample(&normal, &mut rng)).collect();
    draws.sort_by(f64::total_cmp);
    let at = |p: f64| draws[(p * (draws.len() - 1) as f64).round() as usize];
    assert!(close(at(0.05), 1e6, 0.01), "p5 {}", at(0.05));
    assert!(close(at(0.95), 10e6, 0.01), "p95 {}", at(0.95));
    assert!(close(at(0.5), 3_162_277.66, 0.01), "p50 {}", at(0.5));
    // Its mean is exp(mu + sigma^2 / 2): sigma = ln(10) / (2 x 1.6449) = 0.6999.
    let sigma = 10f64.ln() / (2.0 * Z90);
    let mean = draws.iter().sum::<f64>() / draws.len() as f64;
    assert!(
        close(mean, 3_162_277.66 * (sigma * sigma / 2.0).exp(), 0.01),
        "mean {mean}"
    );
}

#[test]
fn a_normal_range_is_used_when_a_bound_is_not_positive() {
    let d = Distribution::from_interval(-0.1, 0.3);
    assert_eq!(d.name(), "normal");
    let normal = StandardNormal::new();
    let mut rng = Xoshiro256::seed_from(1);
    let mut draws: Vec<f64> = (0..100_000).map(|_| d.sample(&normal, &mut rng)).collect();
    draws.sort_by(f64::total_cmp);
    assert!((draws[5_000] + 0.1).abs() < 0.004, "{}", draws[5_000]);
    assert!((draws[95_000] - 0.3).abs() < 0.004, "{}", draws[95_000]);
}

#[test]
fn a_point_scenario_has_zero_width_percentiles_equal_to_the_estimate() {
    for preset in presets::presets() {
        let s = presets::preset_scenario(preset.key).unwrap();
        let report = estimate_exact(&s).unwrap();
        let sim = simulate_seeded(&s).unwrap();
        assert!(sim.inputs.is_empty());
        assert_eq!(sim.outputs.len(), report.figures().count());
        for (spread, figure) in sim.outputs.iter().zip(report.figures()) {
            assert_eq!(spread.key, figure.key);
            let v = figure.value.base_value();
            for (what, x) in [
                ("point", spread.point),
                ("p5", spread.p5),
                ("p50", spread.p50),
                ("p95", spread.p95),
                ("mean", spread.mean),
            ] {
                assert!(
                    close(x.base_value(), v, 1e-12),
                    "{} {}: {what} {} vs {v}",
                    preset.key,
                    figure.key,
                    x.base_value()
                );
            }
        }
    }
}

#[test]
fn users_between_1m_and_10m_give_peak_traffic_between_the_matching_bounds() {
    // Default scenario: 11 requests per user per day, 2x peak. With users
    // 1M..10M the peak is 11 x 2 / 86,400 per user: 254.6/s at 1M users,
    // 2,546/s at 10M, 805.2/s at the median 3.162M.
    let s = scenario_with(&[("dau", "1M..10M")]);
    assert!(close(s.users.daily_active(), 3_162_277.66, 1e-9));
    let sim = simulate_seeded(&s).unwrap();
    assert_eq!(sim.samples, 10_000);
    assert_eq!(sim.seed, Some(1));
    assert_eq!(sim.input_samples(), 10_000);
    let peak = sim.output("total.peak_rps").unwrap();
    assert!(
        close(peak.point.base_value(), 805.2, 1e-3),
        "{:?}",
        peak.point
    );
    assert!(close(peak.p5.base_value(), 254.6, 0.03), "{:?}", peak.p5);
    assert!(close(peak.p95.base_value(), 2546.3, 0.03), "{:?}", peak.p95);
    assert!(close(peak.p50.base_value(), 805.2, 0.03), "{:?}", peak.p50);
    // The tornado of a single input: peak at its 5th and 95th percentiles.
    let tornado = &sim.tornadoes[0];
    assert_eq!(tornado.key, "total.peak_rps");
    let swing = &tornado.swings[0];
    assert_eq!(swing.field, "dau");
    assert!(
        close(swing.at_low.base_value(), 254.63, 1e-3),
        "{:?}",
        swing.at_low
    );
    assert!(
        close(swing.at_high.base_value(), 2546.3, 1e-3),
        "{:?}",
        swing.at_high
    );
    // One histogram per headline, every sample counted once.
    assert_eq!(sim.histograms.len(), 5);
    for h in &sim.histograms {
        assert_eq!(
            h.counts.iter().sum::<u32>() + h.below + h.above,
            10_000,
            "{}",
            h.key
        );
    }
}

#[test]
fn the_widest_input_leads_the_tornado() {
    // Users vary 10x, read size 1.2x: users move egress most.
    let mut s = scenario_with(&[("dau", "1M..10M")]);
    fields::set_class_field(&mut s, 1, "out", "90KB..110KB").unwrap();
    let sim = simulate_seeded(&s).unwrap();
    let egress = sim
        .tornadoes
        .iter()
        .find(|t| t.key == "bandwidth.egress_peak")
        .unwrap();
    let order: Vec<&str> = egress.swings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(order, ["dau", "classes.1.out"]);
    assert!(egress.swings[0].width() > egress.swings[1].width());
}

#[test]
fn the_same_seed_gives_the_same_percentiles_and_another_seed_does_not() {
    let s = scenario_with(&[("dau", "1M..10M"), ("replication", "2..4")]);
    let a = simulate_seeded(&s).unwrap();
    let b = simulate_seeded(&s).unwrap();
    assert_eq!(a, b);
    let mut other = s.clone();
    other.uncertainty.seed = 2;
    let c = simulate_seeded(&other).unwrap();
    assert_ne!(a.output("total.peak_rps"), c.output("total.peak_rps"));
    // And the link carries ranges, seed and samples: its scenario simulates the same.
    let back = link::decode(&link::encode(&other)).scenario;
    assert_eq!(simulate_seeded(&back).unwrap(), c);
}

#[test]
fn figures_summarised_in_a_later_pass_agree_with_the_first() {
    // 100 read classes x 20,000 samples is over 10M values, more than the
    // 8M the simulation holds at once, so the class figures at the end are
    // summarised in a second pass over the same random stream. Class k's
    // requests per day are users x (k + 1) in every sample, so its
    // percentiles must be exactly the users' (first pass) times k + 1.
    let mut s = Scenario {
        classes: (0..100)
            .map(|k| envelope_core::RequestClass::read("r", (k + 1) as f64, 1e3))
            .collect(),
        ..Scenario::default()
    };
    fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
    s.uncertainty.samples = 20_000;
    let mut rng = Xoshiro256::seed_from(9);
    let sim = simulate(&s, &mut rng).unwrap();
    assert!(sim.outputs.len() * 20_000 > 8 << 20, "more than one pass");
    let users = sim.output("users.daily_active").unwrap();
    for k in [0usize, 57, 99] {
        let class = sim.output(&format!("class.{k}.per_day")).unwrap();
        let times = (k + 1) as f64;
        for (a, b) in [
            (users.p5, class.p5),
            (users.p50, class.p50),
            (users.p95, class.p95),
        ] {
            assert_eq!(a.base_value() * times, b.base_value(), "class {k}");
        }
    }
    // The caller's generator ends just past the draws, whatever the passes.
    let mut expected = Xoshiro256::seed_from(9);
    let normal = envelope_core::uncertainty::StandardNormal::new();
    for _ in 0..20_000 {
        normal.sample(&mut expected);
    }
    assert_eq!(rng.next_u64(), expected.next_u64());
}

#[test]
fn samples_outside_a_field_are_clamped_to_it() {
    // Replication 1..3 is lognormal; its lower tail would go below 1x.
    let s = scenario_with(&[("replication", "1..3")]);
    let sim = simulate_seeded(&s).unwrap();
    let replicated = sim.output("storage.retention_replicated").unwrap();
    let kept = sim.output("storage.retention").unwrap();
    assert!(replicated.p5.base_value() >= kept.p5.base_value() * (1.0 - 1e-12));
}

#[test]
fn bad_ranges_are_named() {
    let mut s = Scenario::default();
    let e = fields::set_scenario_field(&mut s, "dau", "10M..1M").unwrap_err();
    assert_eq!(e.field, "dau");
    assert_eq!(
        e.to_string(),
        "Daily active users: the low end (10 M) is above the high end (1 M); write the smaller value first"
    );
    let e = fields::set_class_field(&mut s, 0, "in", "1 KB to lots").unwrap_err();
    assert_eq!(e.field, "classes.0.in");
    assert!(
        e.to_string()
            .starts_with("Request class 1 bytes in: high end "),
        "{e}"
    );
    let e = fields::set_scenario_field(&mut s, "seed", "1..5").unwrap_err();
    assert_eq!(
        e.to_string(),
        "Random seed: takes a single value, not a range"
    );
    let e = fields::set_scenario_field(&mut s, "fill", "50%..120%").unwrap_err();
    assert!(e.to_string().starts_with("Target disk fill"), "{e}");
    assert_eq!(s, Scenario::default(), "a bad range changes nothing");
    // A range with equal ends is a point.
    fields::set_scenario_field(&mut s, "dau", "5M..5M").unwrap();
    assert!(s.uncertainty.ranges.is_empty());
    assert_eq!(s.users.daily_active(), 5e6);
    // Setting a point removes the range.
    fields::set_scenario_field(&mut s, "dau", "1M to 4M").unwrap();
    assert_eq!(
        fields::scenario_field_text(&s, "dau").as_deref(),
        Some("1 M to 4 M")
    );
    fields::set_scenario_field(&mut s, "dau", "3M").unwrap();
    assert!(s.uncertainty.ranges.is_empty());
    // Ranges from JSON are checked too.
    let json = r#"{"uncertainty":{"ranges":[{"field":"replication","low":0.5,"high":3}]}}"#;
    let s: Scenario = serde_json::from_str(json).unwrap();
    let errors = fields::validate(&s);
    assert_eq!(errors[0].field, "replication");
    assert_eq!(
        errors[0].to_string(),
        "Replication factor: low end must be at least 1x (got 0.5x)"
    );
    let json = r#"{"uncertainty":{"ranges":[{"field":"classes.7.in","low":1,"high":3}]}}"#;
    let s: Scenario = serde_json::from_str(json).unwrap();
    assert_eq!(
        fields::validate(&s)[0].to_string(),
        "Range on 'classes.7.in': there is no request class 8"
    );
}

/// A preset with some inputs scaled and conventions switched.
fn varied_scenario() -> impl Strategy<Value = Scenario> {
    let keys: Vec<&'static str> = presets::presets().iter().map(|p| p.key).collect();
    (
        proptest::sample::select(keys),
        0.01f64..100.0,
        -0.5f64..2.0,
        prop::collection::vec(0.1f64..10.0, 4),
        any::<[bool; 4]>(),
    )
        .prop_map(|(key, users, growth, scales, conventions)| {
            let mut s = presets::preset_scenario(key).unwrap();
            let dau = s.users.daily_active() * users;
            let _ = fields::set_scenario_field(&mut s, "users_by", "daily");
            fields::set_scenario_field(&mut s, "dau", &format!("{dau}")).unwrap();
            s.storage.yearly_growth = growth;
            s.storage.replication *= scales[0].max(1.0);
            s.capacity.server_rps *= scales[1];
            s.capacity.cache_hot_share = (s.capacity.cache_hot_share * scales[2]).min(1.0);
            for c in &mut s.classes {
                c.bytes_out *= scales[3];
            }
            for (key, (on, value)) in ["day", "month", "year", "bytes"]
                .iter()
                .zip(conventions.iter().zip(["100000", "30.44", "365.25", "iec"]))
            {
                if *on {
                    fields::set_scenario_field(&mut s, key, value).unwrap();
                }
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The simulation summarises every figure of the report, with the same
    /// key and label, its point at exactly the report's value (both are
    /// sinks of one model), and no figure the report leaves out.
    #[test]
    fn the_simulation_covers_every_report_figure(s in varied_scenario()) {
        prop_assume!(fields::validate(&s).is_empty());
        let report = estimate_exact(&s).unwrap();
        let mut small = s.clone();
        small.uncertainty.samples = 100;
        let sim = simulate_seeded(&small).unwrap();
        prop_assert_eq!(sim.outputs.len(), report.figures().count());
        for (spread, figure) in sim.outputs.iter().zip(report.figures()) {
            prop_assert_eq!(&spread.key, &figure.key);
            prop_assert_eq!(&spread.label, &figure.label);
            prop_assert_eq!(spread.point, figure.value);
        }
    }

    /// Raising both bounds of the users' range never lowers a percentile of
    /// a figure that grows with users; raising the high bound never lowers
    /// the median or the 95th percentile.
    #[test]
    fn percentiles_are_monotone_in_the_bounds(low in 1e3f64..1e7, ratio in 1.01f64..100.0, up in 1.0f64..3.0) {
        let range = |lo: f64, hi: f64| {
            let mut s = scenario_with(&[("dau", &format!("{lo}..{hi}"))]);
            s.uncertainty.samples = 2_000;
            simulate_seeded(&s).unwrap()
        };
        let base = range(low, low * ratio);
        let shifted = range(low * up, low * ratio * up);
        let wider = range(low, low * ratio * up);
        for key in ["total.peak_rps", "bandwidth.egress_peak", "storage.retention_replicated", "cost.total"] {
            let (b, s, w) = (base.output(key).unwrap(), shifted.output(key).unwrap(), wider.output(key).unwrap());
            for (x, y) in [(b.p5, s.p5), (b.p50, s.p50), (b.p95, s.p95), (b.mean, s.mean)] {
                prop_assert!(y.base_value() >= x.base_value() * (1.0 - 1e-12), "{key} shifted");
            }
            for (x, y) in [(b.p50, w.p50), (b.p95, w.p95)] {
                prop_assert!(y.base_value() >= x.base_value() * (1.0 - 1e-12), "{key} wider");
            }
        }
    }
}
