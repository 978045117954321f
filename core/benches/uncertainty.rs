//! How fast the Monte Carlo samples: raw input draws (the issue's "input
//! samples per second") and whole simulations of 10,000 scenarios.
//!
//! Run with `cargo bench -p envelope-core --bench uncertainty`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use envelope_core::uncertainty::{simulate, Distribution, StandardNormal, Xoshiro256};
use envelope_core::{fields, presets, Scenario};
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

criterion_group!(benches, draws, simulations);
criterion_main!(benches);
