//! How long `estimate()` takes: one request class, and fifty.
//!
//! Run with `cargo bench -p envelope-core`.

use criterion::{criterion_group, criterion_main, Criterion};
use envelope_core::{estimate, estimate_exact, RequestClass, Scenario};
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
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
