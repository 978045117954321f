//! Hostile input, bounded: every figure is a finite number or the input is a
//! named error, links and files mean what they say, and numbers in messages
//! are exact. Each test was a reproduction of a problem first.
// Tests read best as "the default scenario, but with this changed".
#![allow(clippy::field_reassign_with_default)]

use envelope_core::fields::{self, Inactive, MAX_GROWTH_FACTOR};
use envelope_core::link;
use envelope_core::{
    estimate, format, Direction, Frequency, Measure, Report, RequestClass, Rough, Scenario, Users,
};

const YEAR: f64 = 365.0 * 86_400.0;

/// Every number of the report's JSON, with its path; a `null` is a number
/// that was not one, except where JSON means "none" (`error_percent`).
fn numbers(value: &serde_json::Value, path: &str, out: &mut Vec<(String, f64)>) {
    match value {
        serde_json::Value::Number(n) => out.push((path.to_owned(), n.as_f64().unwrap_or(f64::NAN))),
        serde_json::Value::Null if !path.ends_with("error_percent") => {
            out.push((path.to_owned(), f64::NAN))
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                numbers(item, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(members) => {
            for (key, item) in members {
                numbers(item, &format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

/// The report's largest figure, after checking that every number in it,
/// and in its JSON, is finite.
fn all_finite(report: &Report) -> f64 {
    let json = serde_json::to_value(report).expect("a report serializes");
    let mut found = Vec::new();
    numbers(&json, "", &mut found);
    let mut largest: f64 = 0.0;
    for (path, v) in found {
        assert!(v.is_finite(), "{path} = {v}");
        largest = largest.max(v.abs());
    }
    largest
}

fn warning(link_text: &str, key: &str) -> String {
    let d = link::decode(link_text);
    let report = estimate(&d.scenario).expect("a decoded link estimates");
    all_finite(&report);
    d.warnings
        .iter()
        .find(|w| w.key == key)
        .unwrap_or_else(|| panic!("no warning on {key}: {:?}", d.warnings))
        .message
        .clone()
}

#[test]
fn growth_over_a_long_retention_is_a_named_error_not_inf() {
    // 100% a year for 1,000 years is 2^1000; a million-fold is at most
    // log2(10^6) = 19.93 years at 100%.
    assert_eq!(
        warning("?v=1&growth=100%&retention=1000y", "retention"),
        "Retention: with 100% yearly growth, 1,000 years grow the data 2^1,000-fold; \
         at most 1,000,000-fold, so at most 19.93 years at this growth"
    );
    // The link keeps the retention's default, 5 years: 2^5 = 32-fold.
    let d = link::decode("?v=1&growth=100%&retention=1000y");
    assert_eq!(d.scenario.storage.retention_seconds, 5.0 * YEAR);
    assert_eq!(d.scenario.storage.yearly_growth, 1.0);

    // A scenario file is refused, naming the retention.
    let mut s = Scenario::default();
    s.storage.yearly_growth = 1.0;
    s.storage.retention_seconds = 1000.0 * YEAR;
    let errors = estimate(&s).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "retention");
    s.storage.retention_seconds = 19.0 * YEAR;
    assert!(estimate(&s).is_ok());
    // A range's median is what is checked (the simulation counts samples
    // that overflow; see core/src/uncertainty): growth 558% to 10,000% has
    // the median sqrt(5.58 x 100) = 23.62, and 24.62^5 = 9.0e6 over 5 years.
    let mut s = Scenario::default();
    s.uncertainty.set_range("growth", 5.58, 100.0);
    let errors = estimate(&s).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "retention");
    assert!(
        errors[0]
            .message
            .contains("2,362% yearly growth, 5 years grow the data 24.62^5-fold"),
        "{}",
        errors[0]
    );
    // `--set` (or the form) refuses the one set last, and keeps the other.
    let applied = fields::apply(
        Scenario::default(),
        &[("retention", "1000y"), ("growth", "100%")],
        Inactive::Ignore,
    );
    assert_eq!(applied.errors.len(), 1);
    assert_eq!(applied.errors[0].pair, 1);
    assert_eq!(applied.errors[0].error.field, "growth");
    assert_eq!(applied.scenario.storage.yearly_growth, 0.0);
    assert_eq!(applied.scenario.storage.retention_seconds, 1000.0 * YEAR);
}

#[test]
fn divisors_have_sane_minimums() {
    assert_eq!(
        warning("?v=1&fill=1e-300%", "fill"),
        "Target disk fill: must be at least 1% (got 1e-300%)"
    );
    assert_eq!(
        warning("?v=1&cache_node=1e-300B", "cache_node"),
        "Memory per cache node: must be at least 1 KB (got 1e-300 B)"
    );
    assert_eq!(
        warning("?v=1&shard=1e-300 B", "shard"),
        "Shard size: must be at least 1 KB (got 1e-300 B)"
    );
    assert_eq!(
        warning("?v=1&nic=1e-300bps", "nic"),
        "Network per server: must be at least 125 KB/s (1 Mbps) (got 1.25e-301 B/s (1e-300 bps))"
    );
    assert_eq!(
        warning("?v=1&utilisation=0.5%", "utilisation"),
        "Target utilisation at peak: must be at least 1% (got 0.5%)"
    );
    assert_eq!(
        warning("?v=1&server_rps=0.0001", "server_rps"),
        "Requests/s per server: must be at least 0.001 req/s (got 0.0001 req/s)"
    );
    // The minimums themselves are allowed.
    let d = link::decode("?v=1&fill=1%&cache_node=1KB&shard=1KB&disk_node=1KB&nic=1Mbps");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    all_finite(&estimate(&d.scenario).unwrap());
}

/// The scenario that makes every figure as large as the bounds allow: every
/// multiplying input at its maximum, every dividing one at its minimum, 100
/// request classes, reads at the largest read:write ratio.
fn largest_scenario(growth: f64, years: f64) -> Scenario {
    let mut s = Scenario::default();
    s.users = Users::Daily { daily_active: 1e12 };
    s.classes = (0..100)
        .map(|i| RequestClass {
            name: format!("c{i}"),
            direction: if i % 2 == 0 {
                Direction::Write
            } else {
                Direction::Read
            },
            frequency: if i < 50 {
                Frequency::PerUserPerDay(1e15)
            } else {
                Frequency::PerWrite(1e15)
            },
            bytes_in: 1e18,
            bytes_out: 1e18,
            bytes_stored: None,
            users_share: 1.0,
            ..RequestClass::default()
        })
        .collect();
    s.peak = envelope_core::Peak::Factor(1000.0);
    s.storage.retention_seconds = years * YEAR;
    s.storage.replication = 100.0;
    s.storage.overhead = 10.0;
    s.storage.yearly_growth = growth;
    s.storage.target_fill = 0.01;
    s.capacity.server_rps = 1e-3;
    s.capacity.target_utilisation = 0.01;
    s.capacity.spare_servers = 1e6;
    s.capacity.cache_hot_share = 1.0;
    s.capacity.cache_node_bytes = 1e3;
    s.capacity.storage_node_bytes = 1e3;
    s.capacity.shard_bytes = 1e3;
    s.capacity.nic_bits_per_second = 1e6;
    s.cost.server_month_usd = 1e9;
    s.cost.storage_gb_month_usd = 1e9;
    s.cost.egress_gb_usd = 1e9;
    s
}

#[test]
fn the_largest_allowed_scenario_stays_finite() {
    // By hand: 25 write classes x 1e12 users x 1e15 + 25 at 1e15 x that
    // (1e44 each) store ~2.5e45 requests x 1e18 B x 11 (overhead) = 2.8e64 B
    // a day; a million-fold growth over 1,000 years keeps at most
    // 365 x (1e6 - 1) / ln(1.0139) = 2.6e10 days' worth, so 7e74 B, x 100
    // replicas / 1% fill = 7e78 B provisioned, x $1e9 per 1e9 B = $7e78 a
    // month: all far below f64's 1.8e308.
    let at_limit = MAX_GROWTH_FACTOR.powf(1.0 / 1000.0) - 1.0;
    for (growth, years) in [
        (at_limit * 0.999_999, 1000.0),
        (100.0, 2.99),
        (1.0, 19.9),
        (0.0, 1000.0),
        (-0.999_999, 1000.0),
    ] {
        let s = largest_scenario(growth, years);
        assert!(
            fields::validate(&s).is_empty(),
            "{:?}",
            fields::validate(&s)
        );
        let report = estimate(&s).unwrap();
        let largest = all_finite(&report);
        assert!(largest < 1e90, "{growth} {years}: {largest:e}");
    }
}

#[test]
fn nothing_prints_inf_nan_or_null() {
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let m = Measure::data_bytes(x);
        assert_eq!(
            format::measure(&m, &Default::default()),
            format::OUT_OF_RANGE
        );
        // JSON has no NaN: serde_json would write null; the report refuses.
        assert!(serde_json::to_string(&m).is_err());
        let rough = Rough {
            value: Measure::data_bytes(1.0),
            error_percent: Some(x),
            working: None,
        };
        assert!(serde_json::to_string(&rough).is_err());
    }
    let rough = Rough {
        value: Measure::data_bytes(1.0),
        error_percent: None,
        working: None,
    };
    assert_eq!(
        serde_json::to_string(&rough).unwrap(),
        r#"{"value":{"kind":"data","value":1.0,"unit":"bytes"},"error_percent":null}"#
    );
}

#[test]
fn a_decoded_link_always_estimates() {
    // A read's bytes stored, given as a range, is kept for when the class
    // becomes a write; the range goes (it cannot be sampled).
    let d = link::decode("?v=1&classes=1&c0.stored=1KB..2KB");
    assert!(fields::validate(&d.scenario).is_empty());
    all_finite(&estimate(&d.scenario).unwrap());
    assert!(d.scenario.uncertainty.ranges.is_empty());
}

#[test]
fn a_fragment_is_not_the_query() {
    let d = link::decode("http://x/#?dau=9M");
    assert_eq!(d.scenario.users.daily_active(), 1e6);
    assert_eq!(
        d.warnings[0].message,
        "ignored '#?dau=9M': the part after '#' is not read; put settings after '?'"
    );
    // A fragment after a query leaves the query as it is.
    let d = link::decode("http://x/?dau=2M#top");
    assert_eq!(d.scenario.users.daily_active(), 2e6);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

fn refused(pairs: &[(&str, &str)]) -> Vec<String> {
    fields::apply(Scenario::default(), pairs, Inactive::Ignore)
        .errors
        .into_iter()
        .map(|e| e.error.to_string())
        .collect()
}

#[test]
fn counts_in_messages_are_exact() {
    assert_eq!(
        refused(&[("samples", "1000001")]),
        ["Samples: must be at most 1,000,000 (got 1,000,001)"]
    );
    assert_eq!(
        refused(&[("dau", "1000000000001")]),
        ["Daily active users: must be at most 1,000,000,000,000 (got 1,000,000,000,001)"]
    );
}

#[test]
fn a_huge_class_index_does_not_wrap() {
    // usize::MAX + 1 is class 18446744073709551616, not class 0.
    assert_eq!(
        refused(&[("c18446744073709551615.name", "x")]),
        ["there is no request class 18446744073709551616"]
    );
}

#[test]
fn seed_and_samples_are_whole_numbers_read_exactly() {
    // 2^53 + 1 = 9007199254740993 is not an f64; it used to run as ...992.
    assert_eq!(
        refused(&[("seed", "9007199254740993")]),
        ["Random seed: must be at most 9,007,199,254,740,992 (got 9,007,199,254,740,993)"]
    );
    assert_eq!(
        refused(&[("seed", "1.5")]),
        ["Random seed: must be a whole number (got 1.5)"]
    );
    assert_eq!(
        refused(&[("samples", "150.5")]),
        ["Samples: must be a whole number (got 150.5)"]
    );
    let s = fields::apply(
        Scenario::default(),
        &[("seed", "9007199254740992"), ("samples", "20k")],
        Inactive::Ignore,
    );
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.scenario.uncertainty.seed, 9_007_199_254_740_992);
    assert_eq!(s.scenario.uncertainty.samples, 20_000);
}

#[test]
fn subnormal_and_absurdly_small_values_are_refused() {
    assert_eq!(
        refused(&[("dau", "1e-320")]),
        ["Daily active users: must be 0 or at least 1e-9 (got 1e-320)"]
    );
    assert_eq!(
        refused(&[("c0.in", "1e-10 B")]),
        ["Request class 1 bytes in: must be 0 or at least 1e-9 B (got 1e-10 B)"]
    );
    assert_eq!(
        refused(&[("growth", "-1e-12")]),
        ["Yearly traffic growth: must be 0 or at most -1e-7% (got -1e-10%)"]
    );
    // Zero and a billionth are fine.
    assert!(refused(&[("dau", "0"), ("c0.in", "1e-9 B")]).is_empty());
}

#[test]
fn warnings_quote_at_most_40_characters() {
    let unit = "X".repeat(190);
    let d = link::decode(&format!("?c0.in=1{unit}&dau=1 {unit}"));
    assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
    for w in &d.warnings {
        assert!(
            w.message.contains(&format!("\"{}…\"", "X".repeat(40))),
            "{w:?}"
        );
        assert!(!w.message.contains(&"X".repeat(41)), "{w:?}");
    }
}

#[test]
fn a_scenario_is_a_json_object() {
    let err = |json: &str| {
        serde_json::from_str::<Scenario>(json)
            .unwrap_err()
            .to_string()
    };
    assert!(
        err("[]").contains("expected a scenario object"),
        "{}",
        err("[]")
    );
    let evil = r#"["evil", {"daily": {"daily_active": 5}}]"#;
    assert!(
        err(evil).contains("expected a scenario object"),
        "{}",
        err(evil)
    );
    let nested = r#"{"classes": [["x", "read"]]}"#;
    assert!(
        err(nested).contains("expected a request class object"),
        "{}",
        err(nested)
    );
    let ranges = r#"{"uncertainty": {"ranges": [["dau", 1, 2]]}}"#;
    assert!(
        err(ranges).contains("expected a range object"),
        "{}",
        err(ranges)
    );
    // Objects read as before.
    let s: Scenario = serde_json::from_str(r#"{"name": "ok"}"#).unwrap();
    assert_eq!(s.name, "ok");
}
