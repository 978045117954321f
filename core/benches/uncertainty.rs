//! How fast the Monte Carlo samples: raw input draws (the issue's "input
//! samples per second"), whole simulations of 10,000 scenarios, and the
//! worst a link can ask for within the work budget (which must take under
//! 2 s).
//!
//! Run with `cargo bench -p envelope-core --bench uncertainty`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use envelope_core::fields::{self, Inactive, CLASS_FIELDS, SCENARIO_FIELDS};
use envelope_core::uncertainty::{simulate, Distribution, StandardNormal, Xoshiro256, MAX_RANGES};
use envelope_core::{presets, Scenario};
use std::hint::black_box;

const DRAWS: u64 = 1_000_000;

fn draws(c: &mut Criterion) {
    let mut group = c.benchmark_group("input samples");
    group.throughput(Throughput::Elements(DRAWS));
    let normal = StandardNormal::new();
    for (name, d) in [
        ("lognormal 1M..10M", Distribution::from_interval(1e6, 10e6)),
        ("normal -10%..30%", Distribution::from_interval(-0.1, 0.3)),
    ] {
        group.bench_function(name, |b| {
            let mut rng = Xoshiro256::seed_from(1);
            b.iter(|| {
                let mut sum = 0.0;
                for _ in 0..DRAWS {
                    sum += d.sample(&normal, &mut rng);
                }
                black_box(sum)
            })
        });
    }
    group.finish();
}

fn ranged(preset: &str, texts: &[(&str, &str)], classes: &[(usize, &str, &str)]) -> Scenario {
    let mut s = presets::preset_scenario(preset).expect("preset");
    for (key, text) in texts {
        fields::set_scenario_field(&mut s, key, text).expect("field");
    }
    for (index, key, text) in classes {
        fields::set_class_field(&mut s, *index, key, text).expect("class field");
    }
    s
}

fn simulations(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate 10,000 samples");
    group.sample_size(20);
    group.throughput(Throughput::Elements(10_000));
    let cases = [
        (
            "photo uploads, 3 ranges",
            ranged(
                "photo-uploads",
                &[("dau", "500k..2M"), ("replication", "2..4")],
                &[(0, "in", "1MB..5MB")],
            ),
        ),
        (
            "twitter, 5 ranges",
            ranged(
                "twitter",
                &[
                    ("dau", "100M..300M"),
                    ("peak", "2x..5x"),
                    ("growth", "0%..40%"),
                ],
                &[(0, "count", "1..4"), (1, "out", "50KB..500KB")],
            ),
        ),
    ];
    for (name, s) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| simulate(black_box(s), &mut Xoshiro256::seed_from(1)))
        });
    }
    group.finish();
}

/// The worst link a stranger can send, as the issue measured it: `classes`
/// request classes and a range on every field that takes one (up to
/// [`MAX_RANGES`]), each from 0.8x to 1.25x its value.
fn everything_ranged(classes: usize) -> Scenario {
    let s = fields::apply(
        Scenario::default(),
        &[("classes", classes.to_string())],
        Inactive::Ignore,
    )
    .scenario;
    let c = s.conventions;
    let range = |lo: String, hi: String| [lo, hi].join("..");
    let mut pairs = Vec::new();
    for f in SCENARIO_FIELDS {
        let Some(v) = f.text(&s, &c).and_then(|t| f.parse_value(&t, &c).ok()) else {
            continue;
        };
        if f.takes_range() && f.is_active(&s) {
            let (lo, hi) = if v > 0.0 {
                (v * 0.8, v * 1.25)
            } else {
                (v, v + 1.0)
            };
            pairs.push((
                f.key.to_owned(),
                range(f.value_text(lo, &c), f.value_text(hi, &c)),
            ));
        }
    }
    for (index, class) in s.classes.iter().enumerate() {
        for f in CLASS_FIELDS {
            let Some(v) = f.text(class, &c).and_then(|t| f.parse_value(&t, &c).ok()) else {
                continue;
            };
            if f.takes_range() && f.is_active(class) {
                let (lo, hi) = if v > 0.0 {
                    (v * 0.8, v * 1.25)
                } else {
                    (v, v + 1.0)
                };
                let text = range(f.value_text(lo, &c), f.value_text(hi, &c));
                pairs.push((format!("c{index}.{}", f.key), text));
            }
        }
    }
    let mut applied = fields::apply(s, &pairs, Inactive::Ignore).scenario;
    applied.uncertainty.ranges.truncate(MAX_RANGES);
    applied
}

/// The worst link within the budget: ranges on every field of 30 and of 100
/// classes, at the most samples the work budget allows.
fn worst(c: &mut Criterion) {
    let mut group = c.benchmark_group("worst link");
    group.sample_size(10);
    for classes in [30usize, 100] {
        let mut s = everything_ranged(classes);
        s.uncertainty.samples = 1_000_000;
        // The samples pair is refused and the samples dropped to the most
        // that fit.
        let fitted = fields::apply(s, &[("samples", "1M")], Inactive::Ignore);
        assert_eq!(fitted.errors.len(), 1, "{:?}", fitted.errors);
        let s = fitted.scenario;
        let name = format!(
            "{classes} classes, {} ranges, {} samples",
            s.uncertainty.ranges.len(),
            s.uncertainty.samples
        );
        group.bench_function(name, |b| {
            b.iter(|| simulate(black_box(&s), &mut Xoshiro256::seed_from(1)))
        });
    }
    group.finish();
}

criterion_group!(benches, draws, simulations, worst);
criterion_main!(benches);
