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

use envelope_core::fields::{self, CLASS_FIELDS, SCENARIO_FIELDS};
use envelope_core::link::{self, Decoded, MAX_WARNINGS};
use envelope_core::{parse, ByteUnits, Conventions, Kind, MonthLength, YearLength};
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

/// Value fragments for links.
const VALUES: &[&str] = &[
    "10M",
    "3 MB",
    "3MB",
    "3 MiB",
    "20%",
    "20%25",
    "5y",
    "90d",
    "8h 45m 36s",
    "8h45m36s",
    "1e999",
    "-1e999",
    "1e-999",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "-0",
    "0",
    "1e-320",
    "write",
    "read",
    "hour",
    "factor",
    "daily",
    "monthly",
    "si",
    "iec",
    "86400",
    "100000",
    "30",
    "30.44",
    "365",
    "365.25",
    "user_day",
    "day",
    "month",
    "%",
    "%%",
    "%zz",
    "%F",
    "%FF%FE",
    "%E2%80%AE",
    "%C0%80",
    "%ED%A0%80",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "<script>",
    "1,000,000",
    "1,5",
    "1_000",
    "$5",
    "$-5",
    "-$5",
    "3x",
    "×",
    "1.5B",
    "1 EB",
    "400 Mbps",
    "1.25GB/s",
    "1e30",
    "1.0000000000000002e30",
    "\u{202E}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0}",
    "\u{2212}5",
    "+5",
    "١٢٣",
    "５",
    "😀",
    "upload+photo",
    "a%20b",
    "",
    " ",
    "=",
    "&",
    "?",
    "#",
    "%26",
    "%3D",
    "%23",
];

/// A key of a link: real scenario and class keys (sometimes with `vs.`),
/// odd class indexes and random keys, chosen by `pick` and varied by
/// `noise`.
fn key_of(pick: u16, noise: u32) -> String {
    let prefix = match noise % 11 {
        0 | 1 => "vs.",
        2 => "vs.vs.",
        3 => "%76s.",
        _ => "",
    };
    let n = usize::from(pick);
    let key = match n % 4 {
        0 | 1 => {
            let all = SCENARIO_FIELDS.len() + 2;
            match (n / 4) % all {
                i if i < SCENARIO_FIELDS.len() => SCENARIO_FIELDS[i].key.to_owned(),
                i if i == SCENARIO_FIELDS.len() => "v".to_owned(),
                _ => "classes".to_owned(),
            }
        }
        2 => {
            let field = CLASS_FIELDS[(n / 4) % CLASS_FIELDS.len()].key;
            let index = match (noise >> 4) % 8 {
                0 => "99".to_owned(),
                1 => "100".to_owned(),
                2 => "00".to_owned(),
                3 => format!("{}", u64::from(noise) * 1_000_003),
                4 => String::new(),
                _ => ((noise >> 8) % 10).to_string(),
            };
            format!("c{index}.{field}")
        }
        _ => {
            // Random short keys, sometimes with odd characters.
            let mut k = String::new();
            let mut x = noise;
            for _ in 0..(x % 7) {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                k.push(
                    char::from_u32(x % 0x3000)
                        .filter(|c| *c != '&')
                        .unwrap_or('x'),
                );
            }
            k
        }
    };
    format!("{prefix}{key}")
}

/// A value: a fragment, sometimes spliced with a random character, a long
/// run of digits, random %-escapes or a huge number.
fn value_of(pick: u16, noise: u32, extra: &str) -> String {
    let fragment = VALUES[usize::from(pick) % VALUES.len()];
    match noise % 10 {
        0 => {
            let c = char::from_u32(noise >> 8).unwrap_or('\u{FFFD}');
            let cut = fragment
                .char_indices()
                .nth((noise as usize >> 4) % 4)
                .map_or(fragment.len(), |(i, _)| i);
            format!("{}{c}{}", &fragment[..cut], &fragment[cut..])
        }
        1 => "9".repeat((noise >> 4) as usize % 300),
        2 => {
            let mut v = String::new();
            for b in (noise >> 4).to_le_bytes() {
                v.push_str(&format!("%{b:02X}"));
            }
            v
        }
        3 => format!("{}e{}", noise >> 4, (noise % 700) as i32 - 350),
        4 => format!("{fragment}{extra}"),
        _ => fragment.to_owned(),
    }
}

/// Query strings built from key and value fragments, with separators,
/// URL heads and tails, and a little arbitrary text.
fn query() -> impl Strategy<Value = String> {
    let pair = (any::<u16>(), any::<u16>(), any::<u32>(), 0u8..12);
    (
        prop::collection::vec(pair, 0..40),
        prop::collection::vec(any::<char>(), 0..6),
        0usize..6,
        0usize..5,
    )
        .prop_map(|(pairs, extra, head, tail)| {
            let extra: String = extra.into_iter().collect();
            let mut q =
                String::from(["", "?", "https://example.com/p?", "/app?x", "  ", "?&"][head]);
            for (k, v, noise, eq) in pairs {
                q.push_str(&key_of(k, noise));
                q.push_str(match eq {
                    0 => "",
                    1 => "==",
                    2 => "%3D",
                    _ => "=",
                });
                q.push_str(&value_of(v, noise.rotate_left(7), &extra));
                q.push_str(match noise % 23 {
                    0 => "&&",
                    1 => ";",
                    2 => "&amp;",
                    _ => "&",
                });
            }
            q.push_str(["", "#frag", "&", "#a?b=c", "?"][tail]);
            q
        })
}

fn check(d: &Decoded) -> Result<(), TestCaseError> {
    prop_assert!(fields::validate(&d.scenario).is_empty(), "{:?}", d.scenario);
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
