//! A long fuzz run of the share-link decoder and the value parser: at least a
//! million generated inputs each, none of which may panic. Ignored by default;
//! run it in release mode:
//!
//! ```text
//! cargo test -p envelope-core --release --test link_fuzz -- --ignored --nocapture
//! ```
//!
//! Set `LINK_FUZZ_CASES` to change the number of cases. Any crash it finds
//! becomes a regular regression test in `tests/link.rs`.

use std::time::Instant;

mod fuzz_inputs;

use envelope_core::fields;
use envelope_core::link::{self, Decoded, MAX_WARNINGS};
use envelope_core::{estimate, parse, ByteUnits, Conventions, Kind, MonthLength, YearLength};
use fuzz_inputs::query;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    std::env::var("LINK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..Config::default()
    })
}

/// Values: real-looking ones, unit soup, %-escapes, huge and tiny numbers,
/// unicode and arbitrary text.
fn value() -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(vec![
            "10M", "3 MB", "3MB", "3 MiB", "20%", "20%25", "5y", "90d", "8h 45m 36s", "1e999",
            "-1e999", "1e-999", "NaN", "nan", "inf", "-inf", "-0", "0", "1e-320", "write", "read",
            "hour", "factor", "daily", "monthly", "si", "iec", "86400", "100000", "30", "30.44",
            "365", "365.25", "user_day", "day", "month", "%", "%%", "%zz", "%F", "%FF%FE",
            "%E2%80%AE", "%C0%80", "%ED%A0%80", "<script>alert(1)</script>", "1,000,000",
            "1,5", "1_000", "$5", "$-5", "-$5", "3x", "×", "1.5B", "1 EB", "1 ZB", "400 Mbps",
            "1e30", "1.0000000000000002e30", "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{0}",
            "\u{2212}5", "+5", "١٢٣", "５", "😀",
        ])
        .prop_map(String::from),
        3 => "[0-9a-zA-Z%., $+_/×µ-]{0,24}",
        2 => "[-+]?[0-9]{1,40}(\\.[0-9]{0,40})?([eE][-+]?[0-9]{1,5})? ?[a-zA-Z/%]{0,6}",
        1 => "(%[0-9A-Fa-f]{2}){0,12}",
        1 => "[0-9]{150,260}",
        2 => any::<String>(),
    ]
    .boxed()
}

fn check(d: &Decoded) -> Result<(), TestCaseError> {
    prop_assert!(fields::validate(&d.scenario).is_empty(), "{:?}", d.scenario);
    // What the decoder promises: the scenario estimates at once.
    prop_assert!(estimate(&d.scenario).is_ok(), "{:?}", d.scenario);
    prop_assert!(d.warnings.len() <= MAX_WARNINGS + 1);
    for w in &d.warnings {
        prop_assert!(!w.message.chars().any(char::is_control), "{:?}", w);
    }
    Ok(())
}

#[test]
#[ignore = "a million cases: run with --release --ignored"]
fn fuzz_link_decoding() {
    let cases = cases();
    let start = Instant::now();
    let mut runner = runner(cases);
    runner
        .run(&query(), |input| {
            let (a, b) = link::decode_pair(&input);
            check(&a)?;
            if let Some(b) = &b {
                check(b)?;
            }
            prop_assert_eq!(&link::decode(&input), &a);
            // What was decoded encodes and decodes back to itself.
            let again = link::decode(&link::encode(&a.scenario));
            prop_assert!(again.warnings.is_empty(), "{:?}", again.warnings);
            prop_assert_eq!(&again.scenario, &a.scenario);
            Ok(())
        })
        .unwrap();
    eprintln!(
        "link decoding: {cases} cases in {:.1} s, no panics",
        start.elapsed().as_secs_f64()
    );
}

#[test]
#[ignore = "a million cases: run with --release --ignored"]
fn fuzz_value_parsing() {
    const KINDS: [Kind; 8] = [
        Kind::Count,
        Kind::Rate,
        Kind::Data,
        Kind::DataRate,
        Kind::Duration,
        Kind::Fraction,
        Kind::Multiplier,
        Kind::Money,
    ];
    let odd_calendar = Conventions {
        month: MonthLength::Days30_44,
        year: YearLength::Days365_25,
        bytes: ByteUnits::Iec,
        ..Conventions::default()
    };
    let cases = cases();
    let start = Instant::now();
    let mut runner = runner(cases);
    runner
        .run(&value(), |text| {
            for kind in KINDS {
                for bytes in [ByteUnits::Si, ByteUnits::Iec] {
                    if let Ok(m) = parse::parse(&text, kind, bytes) {
                        prop_assert!(m.base_value().is_finite(), "{text:?} {kind:?}");
                    }
                }
                if let Ok(m) = parse::parse_with_conventions(&text, kind, &odd_calendar) {
                    prop_assert!(m.base_value().is_finite(), "{text:?} {kind:?}");
                }
            }
            if let Ok(v) = parse::number(&text) {
                prop_assert!(v.is_finite());
            }
            if let Ok(v) = parse::duration(&text, 30.44, 365.25) {
                prop_assert!(v.is_finite());
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "value parsing: {cases} cases x 8 kinds in {:.1} s, no panics",
        start.elapsed().as_secs_f64()
    );
}
