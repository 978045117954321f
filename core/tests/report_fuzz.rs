//! A long fuzz run of the whole path from hostile input to report: at least
//! a million cases, each an arbitrary share link and an arbitrary scenario
//! JSON file. For every case: nothing panics; each case takes a bounded time;
//! a decoded link always estimates; a file either is refused (by the JSON
//! reader or with named field errors) or estimates; and every number of every
//! report, walked in its serialized JSON, is finite (no `null` but where it
//! means "none": a figure's `rough`, a rough value's `error_percent`). Ignored by default; run it in release mode:
//!
//! ```text
//! cargo test -p envelope-core --release --test report_fuzz -- --ignored --nocapture
//! ```
//!
//! Set `REPORT_FUZZ_CASES` to change the number of cases. Any failure it
//! finds becomes a regular regression test in `tests/bounded.rs`.

mod fuzz_inputs;

use std::cell::Cell;
use std::time::{Duration, Instant};

use envelope_core::fields::{CLASS_FIELDS, SCENARIO_FIELDS};
use envelope_core::{estimate, link, Report, RequestClass, Scenario};
use fuzz_inputs::query;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

/// The longest one case (a link and a file, each estimated) may take.
const MAX_CASE_TIME: Duration = Duration::from_secs(1);

fn cases() -> u32 {
    std::env::var("REPORT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

/// Numbers a hostile file might hold: the bounds and just past them,
/// subnormals, the largest doubles, integers past 2^53, and anything.
fn number() -> BoxedStrategy<f64> {
    prop_oneof![
        3 => proptest::sample::select(vec![
            0.0, -0.0, 1.0, -1.0, 0.5, 0.01, 0.009_999, 1e-9, 9.9e-10, 1e-300, 1e-320, 5e-324,
            1e3, 999.0, 125e3, 1e6, 1e9, 1e12, 1e15, 1e18, 1.000_001e18, 1e30, 1e300,
            f64::MAX, -f64::MAX, 100.0, 101.0, 1000.0, 3.154e10, 3.2e10, -0.999_999,
            9_007_199_254_740_993.0, 4_294_967_296.0, 1_000_001.0, 99.0,
        ]),
        2 => any::<f64>().prop_filter("JSON numbers are finite", |x| x.is_finite()),
        2 => -1e20f64..1e20,
        1 => (-330i32..330).prop_map(|e| 10f64.powi(e)),
    ]
    .boxed()
}

/// Anything else a leaf of a file might be: a string, a boolean, null, an
/// array, an object, a whole number.
fn other_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        proptest::sample::select(vec![
            "daily",
            "monthly",
            "exact",
            "interview",
            "days30",
            "days30_44",
            "days365",
            "days365_25",
            "si",
            "iec",
            "read",
            "write",
            "99.9%",
            "1e999",
            "NaN",
            "inf",
            "",
            "dau",
            "classes.0.in",
            "classes.99.in",
            "x",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        any::<String>().prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
        Just(Value::Array(vec![])),
        Just(serde_json::json!({})),
        Just(serde_json::json!(["evil", {"daily": {"daily_active": 5}}])),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
    ]
    .boxed()
}

/// What becomes of one leaf, and the hostile number it may become.
type LeafChoice = (u8, f64);

/// A range's end: mostly one most fields allow, sometimes hostile.
fn range_end() -> BoxedStrategy<f64> {
    prop_oneof![3 => 1.0f64..10.0, 1 => number()].boxed()
}

/// Seeds: mostly ones that are allowed, sometimes past 2^53.
fn seed() -> BoxedStrategy<u64> {
    prop_oneof![5 => 0u64..=1 << 53, 1 => any::<u64>()].boxed()
}

/// The id of a field a range may name, or a name no field has.
fn range_field() -> BoxedStrategy<String> {
    let scenario: Vec<String> = SCENARIO_FIELDS.iter().map(|f| f.key.to_owned()).collect();
    let class: Vec<&str> = CLASS_FIELDS.iter().map(|f| f.key).collect();
    prop_oneof![
        3 => proptest::sample::select(scenario),
        3 => (0usize..3, proptest::sample::select(class))
            .prop_map(|(i, key)| format!("classes.{i}.{key}")),
        1 => "[a-z.0-9]{0,16}",
    ]
    .boxed()
}

/// Scenario files: the default's JSON with up to 12 classes (or just past
/// the limit), up to a third of its numbers replaced by hostile ones, now
/// and then a leaf by something of another type, ranges added, and
/// sometimes the whole file replaced by something that is not a scenario.
fn scenario_file() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((0u8..64, number()), 24),
        prop_oneof![10 => 0usize..12, 1 => Just(101usize)],
        prop_oneof![
            Just(Vec::new()),
            prop::collection::vec((range_field(), range_end(), range_end()), 1..4),
        ],
        (0u8..40, other_leaf(), seed(), prop_oneof![Just(0u8), 1u8..4, 4u8..24]),
    )
        .prop_map(|(choices, classes, ranges, (shape, other, seed, rate))| {
            let s = Scenario {
                classes: (0..classes)
                    .map(|i| {
                        if i % 2 == 0 {
                            RequestClass::write("w", 1.0, 1e4)
                        } else {
                            RequestClass::read("r", 10.0, 1e5)
                        }
                    })
                    .collect(),
                ..Scenario::default()
            };
            let mut doc = serde_json::to_value(&s).expect("the default serializes");
            let mut at = 0;
            let other = (shape == 4).then_some(&other);
            mutate(&mut doc, &choices, rate, other, &mut at);
            let ranges: Vec<Value> = ranges
                .into_iter()
                .map(|(field, low, high)| serde_json::json!({"field": field, "low": low, "high": high}))
                .collect();
            doc["uncertainty"] = serde_json::json!({"ranges": ranges, "seed": seed, "samples": 100});
            match shape {
                0 => other.map_or_else(String::new, Value::to_string),
                1 => Value::Array(vec![Value::from("evil"), doc]).to_string(),
                2 => doc.to_string().replacen("1.0", "1e999", 1),
                3 => doc.to_string().replacen("100", "1.5", 1),
                _ => doc.to_string(),
            }
        })
}

/// Replaces leaves of `value`, in order, cycling through the choices: a
/// number by a hostile number `rate` times in 64 (a few numbers out of
/// range make a file an error; most files should estimate), and when given
/// `other`, any leaf by it one time in 64.
fn mutate(
    value: &mut Value,
    choices: &[LeafChoice],
    rate: u8,
    other: Option<&Value>,
    at: &mut usize,
) {
    match value {
        Value::Object(members) => {
            for (_, member) in members.iter_mut() {
                mutate(member, choices, rate, other, at);
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                mutate(item, choices, rate, other, at);
            }
        }
        leaf => {
            let (pick, number) = choices[*at % choices.len()];
            match other {
                Some(other) if pick == 63 => *leaf = other.clone(),
                _ if pick < rate && leaf.is_number() => *leaf = Value::from(number),
                _ => {}
            }
            *at += 1;
        }
    }
}

/// Whether every number in the report's JSON is finite (and it serializes).
fn check_report(report: &Report) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(report);
    prop_assert!(json.is_ok(), "{:?}", json.err());
    let mut stack = vec![(String::new(), json.unwrap_or_default())];
    while let Some((path, value)) = stack.pop() {
        match value {
            Value::Number(n) => {
                prop_assert!(n.as_f64().is_some_and(f64::is_finite), "{path} = {n}")
            }
            // `null` only where the report means "none": a figure without a
            // rough value, a rough value without a percentage.
            Value::Null => prop_assert!(
                path.ends_with(".rough") || path.ends_with(".error_percent"),
                "{path} is null"
            ),
            Value::Array(items) => stack.extend(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| (format!("{path}[{i}]"), item)),
            ),
            Value::Object(members) => stack.extend(
                members
                    .into_iter()
                    .map(|(key, item)| (format!("{path}.{key}"), item)),
            ),
            _ => {}
        }
    }
    Ok(())
}

#[test]
#[ignore = "a million cases: run with --release --ignored"]
fn fuzz_links_and_files_to_finite_reports() {
    let cases = cases();
    let start = Instant::now();
    // The runner takes a `Fn`: tallies go in cells.
    let slowest = Cell::new(Duration::ZERO);
    let (files_read, files_estimated) = (Cell::new(0u64), Cell::new(0u64));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..Config::default()
    });
    runner
        .run(&(query(), scenario_file()), |(link_text, file)| {
            let case_start = Instant::now();
            let (a, b) = link::decode_pair(&link_text);
            for decoded in std::iter::once(&a).chain(b.as_ref()) {
                let report = estimate(&decoded.scenario);
                prop_assert!(report.is_ok(), "{link_text:?}: {:?}", report.err());
                if let Ok(report) = report {
                    check_report(&report)?;
                }
            }
            if let Ok(s) = serde_json::from_str::<Scenario>(&file) {
                files_read.set(files_read.get() + 1);
                match estimate(&s) {
                    Ok(report) => {
                        files_estimated.set(files_estimated.get() + 1);
                        check_report(&report)?;
                    }
                    Err(errors) => {
                        prop_assert!(!errors.is_empty());
                        for e in &errors {
                            // The field is the key as the file gave it (maybe
                            // empty); the message names what is wrong.
                            prop_assert!(!e.message.is_empty(), "{e:?}");
                        }
                    }
                }
            }
            let took = case_start.elapsed();
            slowest.set(slowest.get().max(took));
            prop_assert!(took < MAX_CASE_TIME, "{took:?}: {link_text:?} {file}");
            Ok(())
        })
        .unwrap();
    eprintln!(
        "links and files: {cases} cases in {:.1} s ({} files read as scenarios, \
         {} estimated), slowest case {:.1} ms, no panics, every figure finite",
        start.elapsed().as_secs_f64(),
        files_read.get(),
        files_estimated.get(),
        slowest.get().as_secs_f64() * 1e3
    );
}
