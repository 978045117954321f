//! How long `estimate()` takes (one request class, and fifty), and a batch
//! of 10,000 one-class scenarios through `estimate()` and through the
//! numbers-only `estimate_numbers()`; and the edit path: the web form's
//! every-keystroke `fields::apply` of a 100-class scenario with ranges.
//!
//! Run with `cargo bench -p envelope-core`.

use criterion::{criterion_group, criterion_main, Criterion};
use envelope_core::{
    estimate, estimate_exact, estimate_numbers, fields, keys, link, RequestClass, Scenario, Users,
};
use std::hint::black_box;

fn scenario(classes: usize) -> Scenario {
    let classes = (0..classes)
        .map(|i| {
            if i % 2 == 0 {
                RequestClass::write(&format!("write {i}"), 1.0 + i as f64, 1e4 * (i + 1) as f64)
            } else {
                RequestClass::read(&format!("read {i}"), 10.0 + i as f64, 1e5)
            }
        })
        .collect();
    Scenario {
        classes,
        ..Scenario::default()
    }
}

fn bench(c: &mut Criterion) {
    for n in [1, 50] {
        let s = scenario(n);
        c.bench_function(&format!("estimate/{n} class(es)"), |b| {
            b.iter(|| estimate(black_box(&s)))
        });
        c.bench_function(&format!("estimate_exact/{n} class(es)"), |b| {
            b.iter(|| estimate_exact(black_box(&s)))
        });
        c.bench_function(&format!("estimate_numbers/{n} class(es)"), |b| {
            b.iter(|| estimate_numbers(black_box(&s)))
        });
    }
}

/// 10,000 one-class scenarios (users from 1,000 to 10 M), each's peak
/// requests/s summed: what a tool sweeping a parameter does.
fn batch(c: &mut Criterion) {
    let mut group = c.benchmark_group("batch of 10,000 one-class scenarios");
    group.sample_size(10);
    let scenarios: Vec<Scenario> = (1..=10_000)
        .map(|i| Scenario {
            users: Users::Daily {
                daily_active: 1e3 * i as f64,
            },
            ..scenario(1)
        })
        .collect();
    group.bench_function("estimate", |b| {
        b.iter(|| {
            scenarios
                .iter()
                .map(|s| {
                    estimate(s).map_or(0.0, |r| {
                        r.figure(keys::PEAK_RPS)
                            .map_or(0.0, |f| f.value.base_value())
                    })
                })
                .sum::<f64>()
        })
    });
    group.bench_function("estimate_numbers", |b| {
        b.iter(|| {
            scenarios
                .iter()
                .map(|s| {
                    estimate_numbers(s).map_or(0.0, |n| {
                        n.get(keys::PEAK_RPS).map_or(0.0, |v| v.base_value())
                    })
                })
                .sum::<f64>()
        })
    });
    group.finish();
}

/// What the form applies on each keystroke: every scenario and class field's
/// text, for the largest link the work budget allows (100 classes, a range
/// on users and on every class's bytes in).
fn form_apply(c: &mut Criterion) {
    let mut query = "?v=1&dau=1M..10M&classes=100".to_owned();
    for i in 0..100 {
        query += &format!("&c{i}.in=1KB..4KB");
    }
    let s = link::decode(&query).scenario;
    let scenario_texts: Vec<(String, String)> = fields::SCENARIO_FIELDS
        .iter()
        .map(|f| {
            let text = fields::scenario_field_text(&s, f.key).unwrap_or_default();
            (f.key.to_owned(), text)
        })
        .collect();
    let class_texts: Vec<Vec<(String, String)>> = (0..s.classes.len())
        .map(|i| {
            fields::CLASS_FIELDS
                .iter()
                .map(|f| {
                    let text = fields::class_field_text(&s, i, f.key).unwrap_or_default();
                    (f.key.to_owned(), text)
                })
                .collect()
        })
        .collect();
    let pairs = fields::form_pairs(&scenario_texts, &class_texts);
    c.bench_function("apply/form of 100 classes with 101 ranges", |b| {
        b.iter(|| fields::apply(black_box(s.clone()), &pairs, fields::Inactive::Ignore))
    });
}

criterion_group!(benches, bench, batch, form_apply);
criterion_main!(benches);
