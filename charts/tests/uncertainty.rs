//! Draws every histogram and tornado of a real Monte Carlo and checks the
//! SVG and its text.
//!
//! Set `ENVELOPE_CHARTS_DUMP=dir` to also write the SVGs there for a look.

mod common;

use common::{check_structure, dump};
use envelope_charts::{histogram_chart, tornado_chart, Chart, DEFAULT_SIZE};
use envelope_core::uncertainty::{simulate_seeded, Simulation, HEADLINES};
use envelope_core::{fields, format, Conventions, Scenario};

/// A scenario with five ranged inputs, across users, traffic, storage,
/// servers and cost.
fn simulation() -> Simulation {
    let mut s = Scenario::default();
    fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
    fields::set_scenario_field(&mut s, "peak", "2..4").unwrap();
    fields::set_scenario_field(&mut s, "replication", "2..4").unwrap();
    fields::set_scenario_field(&mut s, "server_rps", "500..2000").unwrap();
    fields::set_class_field(&mut s, 1, "out", "90KB..110KB").unwrap();
    simulate_seeded(&s).unwrap()
}

/// Structural checks every chart must pass.
fn check_svg(chart: &Chart) {
    check_structure(chart);
    let svg = &chart.svg;
    assert!(!svg.contains("#010204"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert!(!svg.contains("No data to chart"), "{}", chart.alt);
}

/// One chart per headline figure (`items`, keyed by `key`) at the default
/// size, each dumped as `{name}-{key}` and checked.
fn every_headline<'a, T>(
    items: &'a [T],
    name: &str,
    key: fn(&T) -> &str,
    draw: fn(&T, &Conventions, (u32, u32)) -> Chart,
    c: &Conventions,
) -> Vec<(&'a T, Chart)> {
    assert_eq!(items.len(), HEADLINES.len());
    items
        .iter()
        .map(|item| {
            let chart = draw(item, c, DEFAULT_SIZE);
            dump(&format!("{name}-{}", key(item)), &chart);
            check_svg(&chart);
            (item, chart)
        })
        .collect()
}

#[test]
fn every_headline_histogram() {
    let sim = simulation();
    let c = Conventions::default();
    let charts = every_headline(
        &sim.histograms,
        "histogram",
        |h| &h.key,
        histogram_chart,
        &c,
    );
    for (h, chart) in charts {
        let spread = sim.output(&h.key).unwrap();
        let expected = format!(
            "Histogram of {} over 10,000 samples: 5th percentile {}, median {}, 95th percentile {}",
            h.label,
            format::measure(&spread.p5, &c),
            format::measure(&spread.p50, &c),
            format::measure(&spread.p95, &c),
        );
        assert!(chart.alt.starts_with(&expected), "{}", chart.alt);
    }
}

#[test]
fn every_headline_tornado() {
    let sim = simulation();
    let c = Conventions::default();
    let charts = every_headline(&sim.tornadoes, "tornado", |t| &t.key, tornado_chart, &c);
    for (t, chart) in charts {
        // The inputs in the core's order, widest swing first.
        let at: Vec<usize> = t
            .swings
            .iter()
            .map(|s| chart.alt.find(&format!("{} ", s.label)).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{}", chart.alt);
    }
}

#[test]
fn small_and_large_grids() {
    let sim = simulation();
    let c = Conventions::default();
    for size in [(240, 160), (320, 240), (1280, 720)] {
        for (h, t) in sim.histograms.iter().zip(&sim.tornadoes) {
            check_svg(&histogram_chart(h, &c, size));
            check_svg(&tornado_chart(t, &c, size));
        }
    }
}

#[test]
fn a_scenario_without_ranges() {
    let sim = simulate_seeded(&Scenario::default()).unwrap();
    let c = Conventions::default();
    for (h, t) in sim.histograms.iter().zip(&sim.tornadoes) {
        // Every sample is the point estimate: one bar.
        let chart = histogram_chart(h, &c, DEFAULT_SIZE);
        dump(&format!("point-histogram-{}", h.key), &chart);
        check_svg(&chart);
        assert!(chart.alt.contains(": every sample is "), "{}", chart.alt);
        // No inputs to swing: the empty-chart convention.
        let chart = tornado_chart(t, &c, DEFAULT_SIZE);
        dump(&format!("point-tornado-{}", t.key), &chart);
        assert!(chart.svg.contains("No data to chart"));
        assert!(chart.alt.contains("no ranged inputs"), "{}", chart.alt);
    }
}
