//! Renders every chart from a report and checks the SVG and its text.
//!
//! Set `ENVELOPE_CHARTS_DUMP=dir` to also write the SVGs there for a look.

mod common;

use common::{check_structure, dump};
use envelope_charts::{render, Chart, ChartKind, DEFAULT_SIZE};
use envelope_core::{
    estimate, format, Bound, ByteUnits, ClassShare, Conventions, Measure, Report, RequestClass,
    Scenario, Series, Sizing, StoragePoint, TrafficPoint, Users, REPORT_VERSION,
};

const PB: f64 = 1e15;

/// The photo-sharing example: 1.64 PB a year for five years, three copies;
/// 10,000 req/s on average, 20,000 at 20:00.
fn hand_made() -> Report {
    let conventions = Conventions::default();
    let storage_growth = (0..=60)
        .map(|m| {
            let day = m as f64 * 365.0 / 12.0;
            let stored = 1.64 * PB * day / 365.0;
            StoragePoint {
                day,
                stored_bytes: stored,
                replicated_bytes: 3.0 * stored,
            }
        })
        .collect();
    let daily_traffic = (0..=48)
        .map(|i| {
            let hour = i as f64 / 2.0;
            let shape = (2.0 * std::f64::consts::PI * (hour - 20.0) / 24.0).cos();
            let total = 10_000.0 + 10_000.0 * shape;
            TrafficPoint {
                hour,
                reads_per_second: total * 0.9,
                writes_per_second: total * 0.1,
            }
        })
        .collect();
    let by_class = vec![
        ClassShare {
            name: "upload photo".into(),
            stored_bytes_per_day: 4.5e12,
            ingress_bytes_per_day: 4.5e12,
            egress_bytes_per_day: 1.5e9,
        },
        ClassShare {
            name: "post comment".into(),
            stored_bytes_per_day: 0.5e12,
            ingress_bytes_per_day: 0.5e12,
            egress_bytes_per_day: 0.2e9,
        },
        ClassShare {
            name: "view feed".into(),
            stored_bytes_per_day: 0.0,
            ingress_bytes_per_day: 1e10,
            egress_bytes_per_day: 90e12,
        },
    ];
    Report {
        version: REPORT_VERSION,
        name: "photos".into(),
        conventions,
        sections: vec![],
        server_bound: Bound::Requests,
        sizing: Sizing::default(),
        series: Series {
            storage_growth,
            daily_traffic,
            by_class,
        },
    }
}

/// A real report: ten million daily users uploading a 2 MB photo a day
/// and viewing 20 feeds of 500 KB.
fn estimated() -> Report {
    let scenario = Scenario {
        users: Users::Daily { daily_active: 10e6 },
        classes: vec![
            RequestClass::write("upload photo", 1.0, 2e6),
            RequestClass::read("view feed", 20.0, 500e3),
        ],
        ..Scenario::default()
    };
    estimate(&scenario).expect("a valid scenario")
}

/// Structural checks every chart must pass.
fn check_svg(chart: &Chart) {
    check_structure(chart);
    let svg = &chart.svg;
    assert!(svg.contains(r#"viewBox="0 0 640 360""#));
    assert!(svg.contains(r#"width="100%""#));
    assert!(svg.contains(r#"font-family="sans-serif""#));
    // Text and axes follow the page.
    assert!(svg.contains(r#"fill="currentColor""#));
    // Every attribute quoted: the alt text stands escaped in aria-label.
    let escaped = chart
        .alt
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;");
    assert!(svg.contains(&format!("aria-label=\"{escaped}\"")));
}

#[test]
fn storage_growth() {
    let report = hand_made();
    let c = &report.conventions;
    let chart = render(ChartKind::StorageGrowth, &report, DEFAULT_SIZE);
    dump("storage-growth", &chart);
    check_svg(&chart);
    assert!(chart.svg.contains("Stored (PB)"), "{}", chart.svg);
    assert!(chart.svg.contains("Time (years)"));
    assert!(chart.svg.contains("<polygon"), "area fills");
    assert!(chart.svg.contains("<polyline"), "lines");
    assert!(chart.svg.contains("Replicated ("));
    let last = format::measure(&Measure::data_bytes(5.0 * 1.64 * PB), c);
    let replicated = format::measure(&Measure::data_bytes(3.0 * 5.0 * 1.64 * PB), c);
    let factor = format::measure(&Measure::Multiplier(3.0), c);
    let expected = format!(
        "Storage grows from {} to {last} over {} years (one copy); {replicated} with {factor} replication.",
        format::measure(&Measure::data_bytes(0.0), c),
        format::number(5.0),
    );
    assert_eq!(chart.alt, expected);
}

#[test]
fn storage_growth_in_months_and_iec_units() {
    let mut report = hand_made();
    report.conventions.bytes = ByteUnits::Iec;
    report.series.storage_growth.truncate(13); // one year
    let chart = render(ChartKind::StorageGrowth, &report, DEFAULT_SIZE);
    check_svg(&chart);
    assert!(chart.svg.contains("Time (months)"));
    assert!(chart.svg.contains("Stored (PiB)"), "{}", chart.svg);
}

#[test]
fn daily_traffic() {
    let report = hand_made();
    let c = &report.conventions;
    let chart = render(ChartKind::DailyTraffic, &report, DEFAULT_SIZE);
    dump("daily-traffic", &chart);
    check_svg(&chart);
    assert!(chart.svg.contains("Hour of day"));
    assert!(chart.svg.contains("Requests/s (k)"));
    assert!(chart.svg.contains("illustrative"));
    assert!(chart.svg.matches("<polyline").count() >= 3);
    let avg = format::measure(&Measure::per_second(10_000.0), c);
    let peak = format::measure(&Measure::per_second(20_000.0), c);
    assert!(
        chart
            .alt
            .contains(&format!("average {avg} and peak at {peak} around 20:00")),
        "{}",
        chart.alt
    );
    assert!(chart.alt.contains("model"));
    assert!(chart.svg.contains(&format!("peak {}", peak)));
}

#[test]
fn storage_by_class() {
    let report = hand_made();
    let c = &report.conventions;
    let chart = render(ChartKind::StorageByClass, &report, DEFAULT_SIZE);
    dump("storage-by-class", &chart);
    check_svg(&chart);
    assert!(chart.svg.contains("Stored per day (TB)"), "{}", chart.svg);
    assert!(chart.svg.contains("upload photo"));
    // Two classes store data: two bars (the legend swatch is a rect too).
    assert!(chart.svg.matches("<rect").count() >= 3);
    assert!(
        !chart.svg.contains(">view feed<"),
        "reads store nothing and get no bar"
    );
    let day = |v: f64| format!("{}/day", format::measure(&Measure::data_bytes(v), c));
    let share = format::measure(&Measure::Fraction(0.9), c);
    assert!(
        chart.alt.contains(&format!("{} in all", day(5e12))),
        "{}",
        chart.alt
    );
    assert!(
        chart
            .alt
            .contains(&format!("upload photo {} ({share})", day(4.5e12))),
        "{}",
        chart.alt
    );
    assert!(chart.alt.contains("1 of 3 classes store nothing"));
}

#[test]
fn bandwidth_by_class() {
    let report = hand_made();
    let c = &report.conventions;
    let chart = render(ChartKind::BandwidthByClass, &report, DEFAULT_SIZE);
    dump("bandwidth-by-class", &chart);
    check_svg(&chart);
    assert!(chart.svg.contains("Bytes per day (TB)"));
    assert!(chart.svg.contains("Ingress"));
    assert!(chart.svg.contains("Egress"));
    assert!(chart.svg.matches("<rect").count() >= 6 + 2);
    let day = |v: f64| format!("{}/day", format::measure(&Measure::data_bytes(v), c));
    assert!(
        chart.alt.contains(&format!(
            "view feed {} in and {} out",
            day(1e10),
            day(90e12)
        )),
        "{}",
        chart.alt
    );
    // Largest first.
    assert!(chart.alt.find("view feed") < chart.alt.find("upload photo"));
}

#[test]
fn class_names_are_escaped_and_cut() {
    let mut report = hand_made();
    report.series.by_class[0].name = "<script>alert(1)</script>".into();
    report.series.by_class[1].name =
        "Tom & \"Jerry\" 'quotes' and a very long tail that goes on".into();
    for kind in [ChartKind::StorageByClass, ChartKind::BandwidthByClass] {
        let chart = render(kind, &report, DEFAULT_SIZE);
        check_svg(&chart);
        for text in [&chart.svg, &chart.standalone()] {
            assert!(!text.contains("<script"), "{text}");
            // 25 characters: cut to 24 and an ellipsis.
            assert!(
                text.contains("&lt;script&gt;alert(1)&lt;/script…"),
                "{text}"
            );
            assert!(!text.contains("\"Jerry\""));
            assert!(
                text.contains("Tom &amp; &quot;Jerry&quot; &apos;quotes&apos; a…"),
                "{text}"
            );
            assert!(!text.contains("very long tail"));
        }
        // The alt text is plain text: the front end escapes it where it goes.
        assert!(chart.alt.contains("<script>alert(1)</script…"));
    }
}

#[test]
fn names_lose_control_and_direction_characters() {
    let mut report = hand_made();
    report.series.by_class[0].name = "abc\u{202e}fdp.exe\u{1b}[2J\u{9b}".into();
    report.series.by_class[1].name = "r\u{202e}ead\u{2066}".into();
    let hidden = |c: char| c != '\n' && envelope_core::text::is_hidden_control(c);
    for kind in [ChartKind::StorageByClass, ChartKind::BandwidthByClass] {
        let chart = render(kind, &report, DEFAULT_SIZE);
        check_svg(&chart);
        for text in [&chart.svg, &chart.standalone(), &chart.alt] {
            assert!(!text.chars().any(hidden), "{kind}: {text:?}");
        }
        assert!(chart.alt.contains("abc fdp.exe [2J"), "{}", chart.alt);
    }
}

fn empty_report() -> Report {
    Report {
        series: Series::default(),
        ..hand_made()
    }
}

#[test]
fn empty_data_renders_a_message() {
    for kind in ChartKind::ALL {
        let chart = render(kind, &empty_report(), DEFAULT_SIZE);
        check_svg(&chart);
        assert!(chart.svg.contains("No data to chart"), "{kind}");
        assert!(chart.alt.contains("no data"), "{}", chart.alt);
    }
}

#[test]
fn zero_and_non_finite_data_renders_a_message() {
    let mut report = hand_made();
    for p in &mut report.series.storage_growth {
        p.stored_bytes = 0.0;
        p.replicated_bytes = f64::NAN;
    }
    for p in &mut report.series.daily_traffic {
        p.reads_per_second = f64::INFINITY;
        p.writes_per_second = 0.0;
    }
    for c in &mut report.series.by_class {
        c.stored_bytes_per_day = f64::NAN;
        c.ingress_bytes_per_day = -1.0;
        c.egress_bytes_per_day = f64::NEG_INFINITY;
    }
    for kind in ChartKind::ALL {
        let chart = render(kind, &report, DEFAULT_SIZE);
        check_svg(&chart);
        assert!(
            chart.svg.contains("No data to chart"),
            "{kind}: {}",
            chart.svg
        );
    }
}

#[test]
fn odd_values_never_panic() {
    let values = [
        0.0,
        -0.0,
        -1.0,
        1e-300,
        5e-324,
        1.0,
        1e300,
        f64::MAX,
        f64::MIN,
        f64::NAN,
        f64::INFINITY,
    ];
    for &a in &values {
        for &b in &values {
            let report = Report {
                series: Series {
                    storage_growth: vec![
                        StoragePoint {
                            day: 0.0,
                            stored_bytes: a,
                            replicated_bytes: b,
                        },
                        StoragePoint {
                            day: b,
                            stored_bytes: b,
                            replicated_bytes: a,
                        },
                    ],
                    daily_traffic: vec![
                        TrafficPoint {
                            hour: a,
                            reads_per_second: a,
                            writes_per_second: b,
                        },
                        TrafficPoint {
                            hour: 12.0,
                            reads_per_second: b,
                            writes_per_second: a,
                        },
                    ],
                    by_class: vec![ClassShare {
                        name: String::new(),
                        stored_bytes_per_day: a,
                        ingress_bytes_per_day: b,
                        egress_bytes_per_day: a,
                    }],
                },
                ..hand_made()
            };
            for kind in ChartKind::ALL {
                for size in [(0, 0), DEFAULT_SIZE, (u32::MAX, u32::MAX)] {
                    let chart = render(kind, &report, size);
                    assert!(chart.svg.starts_with("<svg"));
                }
            }
        }
    }
}

#[test]
fn many_classes_are_folded() {
    let mut report = hand_made();
    report.series.by_class = (1..=30)
        .map(|i| ClassShare {
            name: format!("class {i}"),
            stored_bytes_per_day: i as f64 * 1e9,
            ingress_bytes_per_day: i as f64 * 1e9,
            egress_bytes_per_day: i as f64 * 2e9,
        })
        .collect();
    let chart = render(ChartKind::StorageByClass, &report, DEFAULT_SIZE);
    dump("many-classes", &chart);
    assert!(chart.svg.contains("Other (21 classes)"));
    assert!(chart.alt.contains("and 25 more"));
}

#[test]
fn standalone_has_a_fixed_size() {
    let chart = render(ChartKind::StorageGrowth, &hand_made(), (800, 400));
    let file = chart.standalone();
    let root = file.lines().next().unwrap_or_default();
    assert!(root.contains(r#"width="800" height="400""#), "{root}");
    assert!(!root.contains("100%"));
    assert_eq!(
        file.replace(r#"width="800" height="400""#, r#"width="100%""#),
        chart.svg
    );
}

#[test]
fn estimated_report_renders() {
    let report = estimated();
    let c = &report.conventions;
    for kind in ChartKind::ALL {
        let chart = render(kind, &report, DEFAULT_SIZE);
        dump(&format!("estimated-{kind}"), &chart);
        check_svg(&chart);
        assert!(
            !chart.svg.contains("No data to chart"),
            "{kind}: {}",
            chart.alt
        );
        assert!(chart.svg.contains("<polyline") || chart.svg.contains("<rect"));
    }
    // The charts agree with the report's own figures.
    if let Some(peak) = report.figure("total.peak_rps") {
        let chart = render(ChartKind::DailyTraffic, &report, DEFAULT_SIZE);
        let text = format::measure(&peak.value, c);
        assert!(
            chart.alt.contains(&format!("peak at {text}")),
            "{} vs {text}",
            chart.alt
        );
    }
    if let Some(per_day) = report.figure("storage.per_day") {
        let chart = render(ChartKind::StorageByClass, &report, DEFAULT_SIZE);
        let text = format::measure(&per_day.value, c);
        assert!(
            chart.alt.contains(&format!("{text}/day in all")),
            "{} vs {text}",
            chart.alt
        );
    }
}
