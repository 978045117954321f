//! Parsing and formatting: hand-checked examples, error messages, and the
//! properties that hold them together (no panics, format-then-parse round
//! trips).

use envelope_core::parse::{self, ParseError};
use envelope_core::{format, ByteUnits, Conventions, Kind, Measure};
use proptest::prelude::*;

const ALL_KINDS: [Kind; 8] = [
    Kind::Count,
    Kind::Rate,
    Kind::Data,
    Kind::DataRate,
    Kind::Duration,
    Kind::Fraction,
    Kind::Multiplier,
    Kind::Money,
];

fn si() -> Conventions {
    Conventions::default()
}

fn iec() -> Conventions {
    Conventions {
        bytes: ByteUnits::Iec,
        ..Conventions::default()
    }
}

/// The base value of `text` read as `kind` under SI bytes.
fn value(text: &str, kind: Kind) -> f64 {
    value_in(text, kind, ByteUnits::Si)
}

fn value_in(text: &str, kind: Kind, bytes: ByteUnits) -> f64 {
    match parse::parse(text, kind, bytes) {
        Ok(m) => {
            assert_eq!(m.kind(), kind, "{text}");
            m.base_value()
        }
        Err(e) => panic!("{text:?} as {kind:?}: {e}"),
    }
}

/// The error message of `text` read as `kind` under SI bytes.
fn error(text: &str, kind: Kind) -> String {
    match parse::parse(text, kind, ByteUnits::Si) {
        Ok(m) => panic!("{text:?} as {kind:?} parsed as {m:?}"),
        Err(e) => e.to_string(),
    }
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(close(a, b), "{a} != {b}");
    }};
}

mod numbers {
    use super::*;

    #[test]
    fn suffixes_separators_and_signs() {
        let cases = [
            ("10M", 10e6),
            ("1.5B", 1.5e9),
            ("2.5k", 2500.0),
            ("2.5K", 2500.0),
            ("3G", 3e9),
            ("2T", 2e12),
            ("3e6", 3e6),
            ("3E6", 3e6),
            ("1.5e-3", 0.0015),
            ("1,000,000", 1e6),
            ("12,345.5", 12_345.5),
            ("1_000", 1000.0),
            ("0.5", 0.5),
            (".5", 0.5),
            ("-3", -3.0),
            ("+3", 3.0),
            ("  42  ", 42.0),
            ("10 M", 10e6),
            ("1e30", 1e30),
        ];
        for (text, expected) in cases {
            assert_eq!(parse::number(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn rejects_garbage_with_a_clear_message() {
        let err = parse::number("abc").unwrap_err();
        assert_eq!(
            err,
            ParseError {
                problem: "'abc' is not a number".into(),
                suggestion: "write digits, optionally with k, M, B or T, e.g. 10M".into(),
            }
        );
        for text in [
            "NaN", "inf", "-inf", "infinity", "10x", "1.2.3", "k", "--3", "1 2",
        ] {
            let err = parse::number(text).unwrap_err();
            assert!(err.problem.ends_with("is not a number"), "{text}: {err}");
        }
    }

    #[test]
    fn rejects_empty_huge_and_badly_grouped() {
        assert_eq!(
            parse::number("  ").unwrap_err().to_string(),
            "nothing was entered; write digits, optionally with k, M, B or T, e.g. 10M"
        );
        assert_eq!(
            parse::number("1e999").unwrap_err().to_string(),
            "'1e999' is too large; use a value between -1e30 and 1e30"
        );
        assert!(parse::number("1e31").is_err());
        assert!(parse::number("-2e30").is_err());
        assert!(parse::number("1e20T").is_err());
        assert_eq!(
            parse::number("1,5").unwrap_err().to_string(),
            "'1,5' is not a number; use commas only between groups of three digits \
             (1,000,000) and a dot for decimals (1.5)"
        );
        assert!(parse::number("10,00").is_err());
    }

    #[test]
    fn rejects_long_text_before_reading_it() {
        let long = "1".repeat(201);
        assert_eq!(
            parse::number(&long).unwrap_err().to_string(),
            "text is longer than 200 characters; shorten it"
        );
        let exactly = format!("{}1", " ".repeat(199));
        assert_eq!(parse::number(&exactly), Ok(1.0));
    }

    #[test]
    fn messages_escape_control_characters() {
        let err = parse::number("1\n2").unwrap_err();
        assert_eq!(err.problem, "'1\\n2' is not a number");
    }
}

mod kinds {
    use super::*;

    #[test]
    fn count() {
        assert_eq!(value("10M", Kind::Count), 10e6);
        assert_eq!(value("10M users", Kind::Count), 10e6);
        assert_eq!(value("500 requests", Kind::Count), 500.0);
        assert_eq!(value("12 req", Kind::Count), 12.0);
        assert_eq!(value("40 servers", Kind::Count), 40.0);
        assert_eq!(value("3 nodes", Kind::Count), 3.0);
        assert_eq!(value("64 Shards", Kind::Count), 64.0);
        assert_eq!(value("1.5 B", Kind::Count), 1.5e9);
        // What people say: words, and what Envelope prints for billions.
        assert_eq!(value("1.5 bn", Kind::Count), 1.5e9);
        assert_eq!(value("1bn", Kind::Count), 1e9);
        assert_eq!(value("500 million", Kind::Count), 500e6);
        assert_eq!(value("1 Billion users", Kind::Count), 1e9);
        assert_eq!(value("2 thousand requests", Kind::Count), 2e3);
        assert_eq!(value("3 trillion", Kind::Count), 3e12);
        assert_eq!(value("3 tn", Kind::Count), 3e12);
        assert_eq!(value("2.5 bn req/s", Kind::Rate), 2.5e9);
        assert_eq!(value("$1.2 billion", Kind::Money), 1.2e9);
        // A suffix stands alone: "1 bnx" is no count, "5 ms" no million.
        assert!(error("1 bnx", Kind::Count).contains("unknown unit"));
        assert_eq!(value("5 ms", Kind::Duration), 0.005);
        assert_eq!(
            error("10 apples", Kind::Count),
            "unknown unit \"apples\"; write a count like 10M, optionally followed by users, \
             requests, req, servers, nodes or shards"
        );
        assert!(parse::parse("10 MB", Kind::Count, ByteUnits::Si).is_err());
    }

    #[test]
    fn rate() {
        let cases = [
            ("500", 500.0),
            ("3.5k", 3500.0),
            ("500 req/s", 500.0),
            ("500/s", 500.0),
            ("500 rps", 500.0),
            ("12 qps", 12.0),
            ("3.5 k req/s", 3500.0),
            ("3.5k req/s", 3500.0),
            ("2.5 M req/s", 2.5e6),
            ("555.6 req/s", 555.6),
            ("1,200 req / s", 1200.0),
            ("60 Hz", 60.0),
        ];
        for (text, expected) in cases {
            assert_close!(value(text, Kind::Rate), expected);
        }
        assert_eq!(
            error("5 per minute", Kind::Rate),
            "unknown unit \"per minute\"; write events per second, e.g. 500, 3.5k, 500 req/s or 12 qps"
        );
        assert!(parse::parse("50 MB/s", Kind::Rate, ByteUnits::Si).is_err());
    }

    #[test]
    fn data_si() {
        let cases = [
            ("3 MB", 3e6),
            ("3MB", 3e6),
            ("100KiB", 102_400.0),
            ("1.5 TB", 1.5e12),
            ("512 B", 512.0),
            ("512", 512.0),
            ("10 bytes", 10.0),
            ("1 byte", 1.0),
            ("2 GiB", 2.0 * 1024f64.powi(3)),
            ("1 PB", 1e15),
            ("1 EB", 1e18),
            ("3 kB", 3000.0),
            ("3 KB", 3000.0),
            ("2 megabytes", 2e6),
            ("1,500 GB", 1.5e12),
            ("1 EiB", 1024f64.powi(6)),
        ];
        for (text, expected) in cases {
            assert_close!(value(text, Kind::Data), expected);
        }
    }

    #[test]
    fn data_iec_reads_short_suffixes_as_powers_of_1024() {
        let iec = ByteUnits::Iec;
        assert_eq!(value_in("1 KB", Kind::Data, iec), 1024.0);
        assert_eq!(value_in("3 MB", Kind::Data, iec), 3.0 * 1024f64.powi(2));
        assert_eq!(value_in("1 TB", Kind::Data, iec), 1024f64.powi(4));
        assert_eq!(value_in("100KiB", Kind::Data, iec), 102_400.0);
        assert_eq!(value_in("512", Kind::Data, iec), 512.0);
    }

    #[test]
    fn data_never_reads_bits_as_bytes() {
        assert_eq!(
            error("3 Mb", Kind::Data),
            "\"Mb\" is megabits, not bytes; write MB for megabytes"
        );
        let err = parse::parse("3 Mb", Kind::Data, ByteUnits::Si).unwrap_err();
        assert_eq!(err.problem, "\"Mb\" is megabits, not bytes");
        assert_eq!(err.suggestion, "write MB for megabytes");
        assert_eq!(
            error("3 Gbit", Kind::Data),
            "\"Gbit\" is gigabits, not bytes; write GB for gigabytes"
        );
        assert_eq!(
            error("3 kb", Kind::Data),
            "\"kb\" is kilobits, not bytes; write KB for kilobytes"
        );
        assert_eq!(
            error("8 b", Kind::Data),
            "\"b\" is bits, not bytes; write B for bytes"
        );
        assert_eq!(
            error("3 bits", Kind::Data),
            "\"bits\" is bits, not bytes; write B for bytes"
        );
    }

    #[test]
    fn data_unknown_units() {
        assert_eq!(
            error("3 XB", Kind::Data),
            "unknown unit \"XB\"; try KB, MB, GB, TB, KiB, MiB"
        );
        let err = parse::parse("3 XB", Kind::Data, ByteUnits::Si).unwrap_err();
        assert_eq!(err.problem, "unknown unit \"XB\"");
        assert_eq!(err.suggestion, "try KB, MB, GB, TB, KiB, MiB");
        assert!(parse::parse("3 mb", Kind::Data, ByteUnits::Si).is_err());
        assert_eq!(
            error("50 MB/s", Kind::Data),
            "\"MB/s\" is a data rate, not an amount of data; write an amount, e.g. 3 MB"
        );
        assert_eq!(
            error("abc MB", Kind::Data),
            "'abc MB' is not a number; try KB, MB, GB, TB, KiB, MiB"
        );
    }

    #[test]
    fn data_rate() {
        let cases = [
            ("50 MB/s", 50e6),
            ("50MB/s", 50e6),
            ("1.2 Gbps", 1.5e8),
            ("400 Mb/s", 50e6),
            ("400 Mbit/s", 50e6),
            ("400 Mbps", 50e6),
            ("10 Gbit/s", 1.25e9),
            ("100 KiB/s", 102_400.0),
            ("8 bps", 1.0),
            ("1 kbps", 125.0),
            ("3 B/s", 3.0),
            ("2 GB/sec", 2e9),
        ];
        for (text, expected) in cases {
            assert_close!(value(text, Kind::DataRate), expected);
        }
        // Bit rates stay decimal under IEC bytes; byte units follow the convention.
        let iec = ByteUnits::Iec;
        assert_eq!(value_in("400 Mbps", Kind::DataRate, iec), 50e6);
        assert_eq!(value_in("1 MB/s", Kind::DataRate, iec), 1024f64.powi(2));
    }

    #[test]
    fn data_rate_errors() {
        assert_eq!(
            error("50", Kind::DataRate),
            "'50' has no unit; add a unit, e.g. 50 MB/s or 400 Mbps"
        );
        assert_eq!(
            error("50MBps", Kind::DataRate),
            "\"MBps\" is ambiguous; write MB/s for bytes per second or Mbps for bits per second"
        );
        assert_eq!(
            error("50 MB", Kind::DataRate),
            "\"MB\" is an amount of data, not a rate; write MB/s"
        );
        assert_eq!(
            error("50 XB/s", Kind::DataRate),
            "unknown unit \"XB/s\"; try MB/s, GB/s, KiB/s, Mbps, Gbps"
        );
        assert!(parse::parse("50 /s", Kind::DataRate, ByteUnits::Si).is_err());
        assert!(parse::parse("50 ps", Kind::DataRate, ByteUnits::Si).is_err());
    }

    #[test]
    fn duration_with_default_calendar() {
        const DAY: f64 = 86_400.0;
        let cases = [
            ("5y", 5.0 * 365.0 * DAY),
            ("5 years", 5.0 * 365.0 * DAY),
            ("30d", 30.0 * DAY),
            ("30 days", 30.0 * DAY),
            ("6 months", 6.0 * 30.0 * DAY),
            ("6mo", 6.0 * 30.0 * DAY),
            ("2w", 14.0 * DAY),
            ("12h", 43_200.0),
            ("30m", 1800.0),
            ("30 min", 1800.0),
            ("45s", 45.0),
            ("864 ms", 0.864),
            ("86.4 us", 86.4e-6),
            ("86.4 µs", 86.4e-6),
            ("86.4 μs", 86.4e-6),
            ("100 ns", 100e-9),
            ("43m 12s", 2592.0),
            ("43m12s", 2592.0),
            ("8h 45m 36s", 31_536.0),
            ("1y 2d", 367.0 * DAY),
            ("1y 35d", 400.0 * DAY),
            ("3d 15h 36m", 315_360.0),
            ("43m 49.7s", 2629.7),
            ("0 s", 0.0),
            ("-3 s", -3.0),
            ("1.5 H", 5400.0),
        ];
        for (text, expected) in cases {
            assert_close!(value(text, Kind::Duration), expected);
        }
    }

    #[test]
    fn duration_with_a_calendar() {
        const DAY: f64 = 86_400.0;
        assert_close!(
            parse::duration("6 months", 30.44, 365.25).unwrap(),
            6.0 * 30.44 * DAY
        );
        assert_close!(parse::duration("1y", 30.44, 365.25).unwrap(), 365.25 * DAY);
        assert_close!(parse::duration("12h", 30.44, 365.25).unwrap(), 43_200.0);
    }

    #[test]
    fn duration_errors() {
        assert_eq!(
            error("5", Kind::Duration),
            "'5' has no unit; add a unit, e.g. 5y, 30d, 12h"
        );
        assert_eq!(
            error("5y 3", Kind::Duration),
            "'5y 3' has no unit; add a unit, e.g. 5y, 30d, 12h"
        );
        assert_eq!(
            error("5 fortnights", Kind::Duration),
            "unknown unit \"fortnights\"; try y, mo, w, d, h, min, s, ms, us, ns"
        );
        assert_eq!(
            error("5M", Kind::Duration),
            "\"M\" is ambiguous; write min for minutes or mo for months"
        );
        assert_eq!(
            error("soon", Kind::Duration),
            "'soon' is not a duration; add a unit, e.g. 5y, 30d, 12h"
        );
        assert!(parse::parse("5y/2", Kind::Duration, ByteUnits::Si).is_err());
        assert!(parse::parse("5y -2d", Kind::Duration, ByteUnits::Si).is_err());
    }

    #[test]
    fn fraction() {
        assert_eq!(value("20%", Kind::Fraction), 0.2);
        assert_close!(value("99.95%", Kind::Fraction), 0.9995);
        assert_eq!(value("0.2", Kind::Fraction), 0.2);
        assert_eq!(value("20 %", Kind::Fraction), 0.2);
        assert_eq!(value("150%", Kind::Fraction), 1.5);
        assert_eq!(
            error("20 pct", Kind::Fraction),
            "unknown unit \"pct\"; write a percentage or a fraction, e.g. 20% or 0.2"
        );
    }

    #[test]
    fn multiplier() {
        assert_eq!(value("3x", Kind::Multiplier), 3.0);
        assert_eq!(value("3 x", Kind::Multiplier), 3.0);
        assert_eq!(value("3×", Kind::Multiplier), 3.0);
        assert_eq!(value("3X", Kind::Multiplier), 3.0);
        assert_eq!(value("2.5", Kind::Multiplier), 2.5);
        assert!(parse::parse("3y", Kind::Multiplier, ByteUnits::Si).is_err());
    }

    #[test]
    fn money() {
        assert_eq!(value("$0.09", Kind::Money), 0.09);
        assert_eq!(value("0.09", Kind::Money), 0.09);
        assert_eq!(value("$1,200", Kind::Money), 1200.0);
        assert_eq!(value("$1.2k", Kind::Money), 1200.0);
        assert_eq!(value("150 USD", Kind::Money), 150.0);
        assert_eq!(value("$1.235 M", Kind::Money), 1.235e6);
        assert_eq!(value("$2.5 B", Kind::Money), 2.5e9);
        assert_eq!(value("-$5", Kind::Money), -5.0);
        assert_eq!(value("$ 5", Kind::Money), 5.0);
        assert_eq!(
            error("5 EUR", Kind::Money),
            "unknown unit \"EUR\"; write US dollars, e.g. $0.09, $1.2k or 150 USD"
        );
    }

    #[test]
    fn conventions_variant_uses_the_scenario_calendar_and_bytes() {
        let c = Conventions {
            month: envelope_core::MonthLength::Days30_44,
            ..iec()
        };
        let month = parse::parse_with_conventions("1mo", Kind::Duration, &c).unwrap();
        assert_close!(month.base_value(), 30.44 * 86_400.0);
        let kb = parse::parse_with_conventions("1 KB", Kind::Data, &c).unwrap();
        assert_eq!(kb.base_value(), 1024.0);
    }
}

mod formatting {
    use super::*;

    #[test]
    fn numbers() {
        let cases = [
            (10_000_000.0, "10,000,000"),
            (86_400.0, "86,400"),
            (231.48148, "231.5"),
            (0.2, "0.2"),
            (4.8, "4.8"),
            (0.000123456, "0.0001235"),
            (1_234_567.89, "1,234,568"),
            (1.5e21, "1.5e21"),
            (1e21, "1e21"),
            (0.0, "0"),
            (-0.0, "0"),
            (-1234.5678, "-1,235"),
            (-0.25, "-0.25"),
            (999.96, "1,000"),
            (1000.0, "1,000"),
            (12.0, "12"),
        ];
        for (x, expected) in cases {
            assert_eq!(format::number(x), expected, "{x}");
        }
        assert_eq!(format::number(f64::NAN), "out of range");
        assert_eq!(format::number(f64::INFINITY), "out of range");
        assert_eq!(format::number(f64::NEG_INFINITY), "out of range");
    }

    fn show(m: Measure) -> String {
        format::measure(&m, &si())
    }

    #[test]
    fn data() {
        assert_eq!(show(Measure::data_bytes(15e12)), "15 TB");
        assert_eq!(show(Measure::data_bytes(450e12)), "450 TB");
        assert_eq!(show(Measure::data_bytes(3e6)), "3 MB");
        assert_eq!(show(Measure::data_bytes(512.0)), "512 B");
        assert_eq!(show(Measure::data_bytes(0.0)), "0 B");
        assert_eq!(show(Measure::data_bytes(1.5e18)), "1.5 EB");
        assert_eq!(show(Measure::data_bytes(2.5e21)), "2,500 EB");
        assert_eq!(show(Measure::data_bytes(999_960.0)), "1 MB");
        let on_iec = |b: f64| format::measure(&Measure::data_bytes(b), &iec());
        assert_eq!(on_iec(1024.0), "1 KiB");
        assert_eq!(on_iec(1000.0), "1,000 B");
        assert_eq!(on_iec(3.0 * 1024f64.powi(2)), "3 MiB");
        assert_eq!(on_iec(1.5 * 1024f64.powi(4)), "1.5 TiB");
        assert_eq!(on_iec(15e12), "13.64 TiB");
    }

    #[test]
    fn data_rate() {
        let rate = Measure::bytes_per_second(50e6);
        assert_eq!(show(rate), "50 MB/s");
        assert_eq!(
            format::measure_alternate(&rate, &si()).as_deref(),
            Some("400 Mbps")
        );
        assert_eq!(
            format::measure_alternate(&rate, &iec()).as_deref(),
            Some("400 Mbps")
        );
        assert_eq!(format::measure(&rate, &iec()), "47.68 MiB/s");
        let slow = Measure::bytes_per_second(125.0);
        assert_eq!(
            format::measure_alternate(&slow, &si()).as_deref(),
            Some("1 kbps")
        );
        let fast = Measure::bytes_per_second(1.25e9);
        assert_eq!(
            format::measure_alternate(&fast, &si()).as_deref(),
            Some("10 Gbps")
        );
        for m in [
            Measure::Count(1.0),
            Measure::per_second(1.0),
            Measure::data_bytes(1.0),
            Measure::seconds(1.0),
            Measure::Fraction(0.5),
            Measure::Multiplier(2.0),
            Measure::Money(1.0),
        ] {
            assert_eq!(format::measure_alternate(&m, &si()), None);
        }
    }

    #[test]
    fn rate() {
        assert_eq!(show(Measure::per_second(555.56)), "555.6 req/s");
        assert_eq!(show(Measure::per_second(3472.2)), "3.472 k req/s");
        assert_eq!(show(Measure::per_second(2.5e6)), "2.5 M req/s");
        assert_eq!(show(Measure::per_second(0.05)), "0.05 req/s");
        assert_eq!(show(Measure::per_second(0.0123456)), "0.01235 req/s");
        assert_eq!(show(Measure::per_second(4e9)), "4 bn req/s");
    }

    #[test]
    fn durations() {
        let cases = [
            (31_536.0, "8h 45m 36s"),
            (2592.0, "43m 12s"),
            (2629.7, "43m 49.7s"),
            (0.864, "864 ms"),
            (8.64e-5, "86.4 us"),
            (0.031536, "31.54 ms"),
            (315_360.0, "3d 15h 36m"),
            (86_400.0 * 400.0, "1y 35d"),
            (0.0, "0 s"),
            (5.5e-9, "5.5 ns"),
            (45.0, "45s"),
            (1.23456, "1.235s"),
            (60.0, "1m"),
            (3601.0, "1h 1s"),
            (86_400.0 * 365.0 * 5.0, "5y"),
            (-3.0, "-3s"),
        ];
        for (s, expected) in cases {
            assert_eq!(format::duration(s), expected, "{s}");
            let m = Measure::seconds(s);
            assert_eq!(format::measure(&m, &si()), expected, "{s}");
        }
        assert_eq!(format::duration(f64::NAN), "out of range");
        assert_eq!(format::duration(f64::INFINITY), "out of range");
        assert_eq!(format::duration(1e20), "3,170,979,198,376y");
    }

    #[test]
    fn fractions() {
        assert_eq!(show(Measure::Fraction(0.2)), "20%");
        assert_eq!(show(Measure::Fraction(0.9995)), "99.95%");
        assert_eq!(show(Measure::Fraction(0.999999999)), "99.9999999%");
        assert_eq!(show(Measure::Fraction(0.048)), "4.8%");
        assert_eq!(show(Measure::Fraction(1.0)), "100%");
        assert_eq!(show(Measure::Fraction(0.0)), "0%");
        assert_eq!(show(Measure::Fraction(1.5)), "150%");
        assert_ne!(show(Measure::Fraction(1.0 - 1e-12)), "100%");
        assert_ne!(show(Measure::Fraction(1.0 + 1e-12)), "100%");
    }

    #[test]
    fn multipliers() {
        assert_eq!(show(Measure::Multiplier(4.8)), "4.8x");
        assert_eq!(show(Measure::Multiplier(3.0)), "3x");
        assert_eq!(show(Measure::Multiplier(1.23456)), "1.235x");
    }

    #[test]
    fn money() {
        let cases = [
            (150.0, "$150"),
            (118.2676, "$118.27"),
            (150.004, "$150"),
            (999.999, "$1,000"),
            (1.23456, "$1.235"),
            (1234.0, "$1,234"),
            (1234.4, "$1,234"),
            (0.05, "$0.05"),
            (12.345, "$12.35"),
            (12.5, "$12.50"),
            (5.0, "$5"),
            (1_234_567.0, "$1.235 M"),
            (2.5e9, "$2.5 bn"),
            (3e12, "$3 T"),
            (0.0009, "$0.0009"),
            (99.999, "$100"),
            (999_999.7, "$1 M"),
            (0.0, "$0"),
            (-5.0, "-$5"),
        ];
        for (x, expected) in cases {
            assert_eq!(show(Measure::Money(x)), expected, "{x}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(show(Measure::Count(12.0)), "12");
        assert_eq!(show(Measure::Count(1234.0)), "1,234");
        assert_eq!(show(Measure::Count(999_999.0)), "999,999");
        assert_eq!(show(Measure::Count(10e6)), "10 M");
        // Billions are "bn": "1.5 B" beside "100 B" of data reads as bytes.
        assert_eq!(show(Measure::Count(1.5e9)), "1.5 bn");
        assert_eq!(show(Measure::Count(2.5)), "2.5");
    }

    #[test]
    fn non_finite_values_never_panic() {
        for kind in ALL_KINDS {
            for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                let m = Measure::from_base(kind, x);
                let text = format::measure(&m, &si());
                assert_eq!(text, format::OUT_OF_RANGE);
                if let Some(bits) = format::measure_alternate(&m, &si()) {
                    assert_eq!(bits, format::OUT_OF_RANGE);
                }
            }
        }
    }
}

/// Relative difference, or absolute near zero.
fn relative_error(expected: f64, got: f64) -> f64 {
    if expected == 0.0 {
        got.abs()
    } else {
        ((got - expected) / expected).abs()
    }
}

/// Formats `v` as `kind`, parses it back, and checks the 4-significant-figure
/// rounding is all that was lost.
fn round_trips(kind: Kind, v: f64, conventions: &Conventions) -> Result<(), TestCaseError> {
    let text = format::measure(&Measure::from_base(kind, v), conventions);
    let back = parse::parse(&text, kind, conventions.bytes)
        .map_err(|e| TestCaseError::fail(format!("{v} -> {text:?}: {e}")))?
        .base_value();
    prop_assert!(
        relative_error(v, back) <= 5e-4,
        "{:?}: {} -> {:?} -> {}",
        kind,
        v,
        text,
        back
    );
    Ok(())
}

/// Log-uniform values between 10^lo and 10^hi.
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e| 10f64.powf(e))
}

fn any_kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(ALL_KINDS.to_vec())
}

fn any_bytes() -> impl Strategy<Value = ByteUnits> {
    prop_oneof![Just(ByteUnits::Si), Just(ByteUnits::Iec)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), kind in any_kind(), bytes in any_bytes()) {
        let _ = parse::parse(&text, kind, bytes);
        let _ = parse::number(&text);
        let _ = parse::duration(&text, 30.44, 365.25);
    }

    #[test]
    fn number_like_text_never_panics(
        text in "[ +\\-−0-9.,_eEkKMBGTbiBps/%x×$µμa-z]{0,40}",
        kind in any_kind(),
        bytes in any_bytes(),
    ) {
        let _ = parse::parse(&text, kind, bytes);
        let _ = parse::number(&text);
    }

    #[test]
    fn huge_text_is_rejected_cheaply(n in 201usize..5000, kind in any_kind()) {
        let text = "9".repeat(n);
        prop_assert!(parse::parse(&text, kind, ByteUnits::Si).is_err());
    }

    #[test]
    fn formatting_never_panics(x in any::<f64>(), kind in any_kind()) {
        let m = Measure::from_base(kind, x);
        let _ = format::measure(&m, &si());
        let _ = format::measure(&m, &iec());
        let _ = format::measure_alternate(&m, &si());
        let _ = format::number(x);
        let _ = format::duration(x);
    }

    #[test]
    fn wide_ranges_round_trip(
        v in log_uniform(-3.0, 18.0),
        kind in proptest::sample::select(vec![Kind::Data, Kind::DataRate, Kind::Rate, Kind::Count, Kind::Money]),
    ) {
        round_trips(kind, v, &si())?;
        round_trips(kind, v, &iec())?;
    }

    #[test]
    fn durations_round_trip(s in log_uniform(-6.0, 10.0)) {
        round_trips(Kind::Duration, s, &si())?;
        round_trips(Kind::Duration, s, &iec())?;
        let text = format::duration(s);
        let back = parse::duration(&text, 30.0, 365.0).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert!(relative_error(s, back) <= 5e-4, "{} -> {:?} -> {}", s, text, back);
    }

    #[test]
    fn fractions_round_trip(f in 0.0..=1.0f64) {
        round_trips(Kind::Fraction, f, &si())?;
    }

    #[test]
    fn multipliers_round_trip(x in log_uniform(-1.0, 2.0)) {
        round_trips(Kind::Multiplier, x, &si())?;
    }

    #[test]
    fn numbers_round_trip(x in log_uniform(-6.0, 30.0), negative in any::<bool>()) {
        let x = if negative { -x } else { x };
        let text = format::number(x);
        let back = parse::number(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert!(relative_error(x, back) <= 5e-4, "{} -> {:?} -> {}", x, text, back);
    }

    #[test]
    fn negative_values_round_trip(v in log_uniform(-3.0, 15.0), kind in any_kind()) {
        round_trips(kind, -v, &si())?;
    }

    #[test]
    fn fractions_below_one_never_print_as_100_percent(gap in log_uniform(-14.0, -1.0)) {
        let text = format::measure(&Measure::Fraction(1.0 - gap), &si());
        prop_assert_ne!(text, "100%");
    }
}
