//! Availability in nines: the hand-checked figures and the properties the
//! arithmetic must keep.

use envelope_core::availability::{
    k_of_n_unavailability, parse_budget, AlertSeverity, Availability, Component, DowntimeTable,
    Period, Slo,
};
use envelope_core::{Conventions, MonthLength, YearLength};
use proptest::prelude::*;

const DAY: f64 = 86_400.0;
const YEAR_365: f64 = 365.0 * DAY;

fn a(text: &str) -> Availability {
    Availability::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-9 * expected.abs().max(f64::MIN_POSITIVE);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected}"
    );
}

fn conventions(month: MonthLength, year: YearLength) -> Conventions {
    Conventions {
        month,
        year,
        ..Conventions::default()
    }
}

fn downtime(table: &DowntimeTable, period: Period) -> f64 {
    table.row(period).unwrap().downtime_seconds
}

// ---- The seeds' table: downtime per 365-day year -------------------------

#[test]
fn seeds_table_downtime_per_365_day_year() {
    let rows = [
        ("90%", 3_153_600.0),
        ("99%", 315_360.0),
        ("99.5%", 157_680.0),
        ("99.9%", 31_536.0),
        ("99.95%", 15_768.0),
        ("99.99%", 3_153.6),
        ("99.999%", 315.36),
        ("99.9999%", 31.536),
        ("99.99999%", 3.1536),
        ("99.999999%", 0.31536),
        ("99.9999999%", 0.031536),
    ];
    let table_conventions = Conventions::default();
    for (text, seconds) in rows {
        let availability = a(text);
        close(availability.downtime(YEAR_365), seconds, text);
        let table = availability.downtime_table(&table_conventions);
        close(downtime(&table, Period::Year), seconds, text);
        assert_eq!(availability.to_string(), text, "prints as typed");
    }
}

#[test]
fn nine_nines_is_never_zero_or_one_hundred_percent() {
    let nine = a("99.9999999%");
    assert_eq!(nine.unavailability(), 1e-9);
    assert_eq!(nine.to_string(), "99.9999999%");
    assert_eq!(nine.describe_nines(), "9 nines");
    let table = nine.downtime_table(&Conventions::default());
    let year = table.row(Period::Year).unwrap();
    close(year.downtime_seconds, 0.031536, "9 nines per year");
    assert_eq!(year.text, "31.54 ms");
    assert_eq!(table.availability_text, "99.9999999%");
}

// ---- Calendar conventions ------------------------------------------------

#[test]
fn three_nines_per_month_and_year_under_each_convention() {
    let three = a("99.9%");
    let c30 = conventions(MonthLength::Days30, YearLength::Days365);
    let c3044 = conventions(MonthLength::Days30_44, YearLength::Days365_25);

    let t30 = three.downtime_table(&c30);
    close(downtime(&t30, Period::Month), 2592.0, "30-day month");
    assert_eq!(t30.row(Period::Month).unwrap().text, "43m 12s");
    close(downtime(&t30, Period::Year), 31_536.0, "365-day year");
    assert_eq!(t30.row(Period::Year).unwrap().text, "8h 45m 36s");
    close(downtime(&t30, Period::Day), 86.4, "day");
    close(downtime(&t30, Period::Week), 604.8, "week");
    close(downtime(&t30, Period::Quarter), 7776.0, "30-day quarter");
    assert_eq!(t30.conventions, "86,400 s day, 30-day month, 365-day year");

    let t3044 = three.downtime_table(&c3044);
    close(downtime(&t3044, Period::Month), 2630.016, "30.44-day month");
    // 0.001 x 30.44 x 86,400 s = 2,630.016 s = 43m 50.016s. (The issue's
    // "43m 49.7s" is 2,629.7 s, a 30.437-day Gregorian month, not 30.44.)
    assert_eq!(t3044.row(Period::Month).unwrap().text, "43m 50s");
    close(downtime(&t3044, Period::Year), 31_557.6, "365.25-day year");
    assert_eq!(t3044.row(Period::Year).unwrap().text, "8h 45m 57.6s");
    close(
        downtime(&t3044, Period::Quarter),
        7890.048,
        "30.44-day quarter",
    );
    assert_eq!(
        t3044.conventions,
        "86,400 s day, 30.44-day month, 365.25-day year"
    );
}

#[test]
fn table_rows_come_shortest_first_with_their_periods() {
    let table = a("99.9%").downtime_table(&Conventions::default());
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["day", "week", "month", "quarter", "year"]);
    let periods: Vec<f64> = table.rows.iter().map(|r| r.period_seconds).collect();
    assert_eq!(
        periods,
        [DAY, 7.0 * DAY, 30.0 * DAY, 90.0 * DAY, 365.0 * DAY]
    );
    assert_eq!(table.nines_text, "3 nines");
}

// ---- Parsing -------------------------------------------------------------

#[test]
fn every_written_form_parses() {
    let cases = [
        ("99.95%", 5e-4),
        ("99.95 %", 5e-4),
        ("99.95 percent", 5e-4),
        ("0.9995", 5e-4),
        (".9995", 5e-4),
        ("4 nines", 1e-4),
        ("four nines", 1e-4),
        ("Four Nines", 1e-4),
        ("five 9s", 1e-5),
        ("5 9s", 1e-5),
        ("1 nine", 0.1),
        ("nine nines", 1e-9),
        ("99.9999999%", 1e-9),
        ("0.999999999", 1e-9),
        ("  99.9%  ", 1e-3),
        ("1", 0.0),
        ("100%", 0.0),
        ("50%", 0.5),
    ];
    for (text, u) in cases {
        let parsed = a(text);
        close(parsed.unavailability(), u, text);
    }
    // 3.5 nines = 1 - 10^-3.5 = 99.9684%.
    let three_and_a_half = a("3.5 nines");
    close(
        three_and_a_half.unavailability(),
        10f64.powf(-3.5),
        "3.5 nines",
    );
    assert_eq!(three_and_a_half.to_string(), "99.9684%");
    // 99.95% is 3.30 nines.
    assert_eq!(a("99.95%").describe_nines(), "3.30 nines");
    close(a("99.95%").nines(), 3.301029995663981, "99.95% in nines");
    assert_eq!("99.9%".parse::<Availability>().unwrap(), a("0.999"));
}

#[test]
fn nonsense_and_out_of_range_are_errors() {
    for text in [
        "abc nines",
        "nines",
        "150%",
        "100.0001%",
        "0%",
        "0",
        "0.0%",
        "-5%",
        "-0.5",
        "1.5",
        "99.9",
        "",
        "   ",
        "%",
        "nan%",
        "inf",
        "NaN",
        "0 nines",
        "-3 nines",
        "1000 nines",
        "zero nines",
        "99.9.9%",
        "99,9%",
    ] {
        assert!(
            Availability::parse(text).is_err(),
            "{text:?} should not parse"
        );
    }
    let ambiguous = Availability::parse("99.9").unwrap_err();
    assert!(ambiguous.suggestion.contains("99.9%"), "{ambiguous}");
}

#[test]
fn one_hundred_percent_has_no_downtime_and_infinite_nines() {
    let perfect = a("100%");
    assert!(perfect.is_perfect());
    assert_eq!(perfect, Availability::PERFECT);
    assert!(perfect.nines().is_infinite());
    assert_eq!(perfect.describe_nines(), "no downtime");
    assert_eq!(perfect.to_string(), "100%");
    let table = perfect.downtime_table(&Conventions::default());
    for row in &table.rows {
        assert_eq!(row.downtime_seconds, 0.0);
        assert_eq!(row.text, "none");
    }
}

#[test]
fn numeric_constructors_validate() {
    assert!(Availability::from_fraction(0.0).is_err());
    assert!(Availability::from_fraction(f64::NAN).is_err());
    assert!(Availability::from_fraction(1.0).unwrap().is_perfect());
    assert!(Availability::from_percent(100.5).is_err());
    close(
        Availability::from_percent(99.95).unwrap().unavailability(),
        5e-4,
        "percent",
    );
    assert!(Availability::from_unavailability(1.0).is_err());
    assert!(Availability::from_unavailability(-0.1).is_err());
    assert!(Availability::from_nines(0.0).is_err());
    assert!(Availability::from_nines(f64::INFINITY).is_err());
    assert!(Availability::from_mtbf_mttr(0.0, 1.0).is_err());
    assert!(Availability::from_mtbf_mttr(1.0, f64::INFINITY).is_err());
    assert!(Availability::from_mtbf_mttr(-1.0, 1.0).is_err());
}

#[test]
fn mtbf_and_mttr() {
    // 1000 h between failures, 1 h to repair: 1000/1001 = 0.999000999...
    let hour = 3600.0;
    let from_repair = Availability::from_mtbf_mttr(1000.0 * hour, hour).unwrap();
    close(from_repair.fraction(), 0.999_000_999_000_999, "1000h/1h");
    close(from_repair.unavailability(), 1.0 / 1001.0, "1000h/1h down");
    let leaf = Component::leaf_mtbf("disk", 1000.0 * hour, hour);
    close(
        leaf.availability().unwrap().unavailability(),
        1.0 / 1001.0,
        "leaf",
    );
}

// ---- Back from a downtime budget -----------------------------------------

#[test]
fn budgets_give_availabilities() {
    let c = Conventions::default();
    let cases = [
        ("43m 12s per month", 2592.0 / (30.0 * DAY)),
        ("5 minutes a year", 300.0 / YEAR_365),
        ("5 min a year", 300.0 / YEAR_365),
        ("52.6m/year", 3156.0 / YEAR_365),
        ("1h per week", 3600.0 / (7.0 * DAY)),
        ("8.64 s per day", 1e-4),
        ("26 s/quarter", 26.0 / (90.0 * DAY)),
    ];
    for (text, u) in cases {
        let availability = parse_budget(text, &c).unwrap_or_else(|e| panic!("{text}: {e}"));
        close(availability.unavailability(), u, text);
    }
    assert_eq!(
        parse_budget("43m 12s per month", &c).unwrap().to_string(),
        "99.9%"
    );
    assert_eq!(
        parse_budget("8.64 s per day", &c).unwrap().describe_nines(),
        "4 nines"
    );
    assert_eq!(
        parse_budget("52.6m/year", &c).unwrap().describe_nines(),
        "4.00 nines"
    );
    // The month follows the conventions.
    let long_months = conventions(MonthLength::Days30_44, YearLength::Days365);
    let three = parse_budget("43m 49.7s per month", &long_months).unwrap();
    close(
        three.unavailability(),
        2629.7 / (30.44 * DAY),
        "30.44-day month",
    );
}

#[test]
fn budgets_longer_than_their_period_are_errors() {
    let c = Conventions::default();
    for text in [
        "25h per day",
        "1d per day",
        "8d per week",
        "1y per month",
        "abc per day",
        "5m per fortnight",
        "5m",
        "per month",
        "",
    ] {
        assert!(parse_budget(text, &c).is_err(), "{text:?} should not parse");
    }
}

#[test]
fn from_downtime_checks_the_period() {
    assert!(Availability::from_downtime(10.0, 10.0).is_err());
    assert!(Availability::from_downtime(-1.0, 10.0).is_err());
    assert!(Availability::from_downtime(1.0, 0.0).is_err());
    assert!(Availability::from_downtime(0.0, 10.0).unwrap().is_perfect());
}

// ---- Composite systems ---------------------------------------------------

#[test]
fn series_parallel_and_k_of_n_by_hand() {
    let series = Component::series(vec![
        Component::leaf("web", a("99%")),
        Component::leaf("db", a("99.9%")),
    ]);
    close(
        series.availability().unwrap().fraction(),
        0.98901,
        "0.99 x 0.999",
    );

    let parallel = Component::parallel(vec![
        Component::leaf("a", a("99%")),
        Component::leaf("b", a("99%")),
    ]);
    close(
        parallel.availability().unwrap().fraction(),
        0.9999,
        "two 0.99 in parallel",
    );
    close(parallel.availability().unwrap().unavailability(), 1e-4, "u");

    // 2 of 3 at 0.99: 3 x 0.99^2 x 0.01 + 0.99^3 = 0.999702.
    let quorum = Component::k_of_n(2, 3, Component::leaf("db", a("99%")));
    close(
        quorum.availability().unwrap().fraction(),
        0.999702,
        "2 of 3",
    );
    close(
        quorum.availability().unwrap().unavailability(),
        0.000298,
        "2 of 3 u",
    );

    // 1 of n is parallel, n of n is series.
    let leaf = Component::leaf("x", a("99%"));
    close(
        Component::k_of_n(1, 2, leaf.clone())
            .availability()
            .unwrap()
            .fraction(),
        0.9999,
        "1 of 2",
    );
    close(
        Component::k_of_n(2, 2, leaf)
            .availability()
            .unwrap()
            .fraction(),
        0.9801,
        "2 of 2",
    );
}

#[test]
fn many_nines_stay_exact_through_a_series() {
    let nine = a("99.9999999%");
    let series = Component::series(vec![Component::leaf("a", nine), Component::leaf("b", nine)]);
    // 1 - (1 - 1e-9)^2 = 2e-9 - 1e-18.
    close(
        series.availability().unwrap().unavailability(),
        2e-9,
        "two 9-nines",
    );
}

#[test]
fn the_limiting_leaf_is_named_by_path() {
    let system = Component::series(vec![
        Component::leaf("load balancer", a("99.99%")),
        Component::k_of_n(2, 3, Component::leaf("database replica", a("99%"))),
        Component::parallel(vec![
            Component::leaf("app 1", a("99%")),
            Component::leaf("app 2", a("99%")),
        ]),
    ]);
    let result = system.evaluate(&Conventions::default()).unwrap();
    let limiting = result.limiting.unwrap();
    assert_eq!(limiting.name, "database replica");
    assert_eq!(limiting.path, "system[1].component");
    // Without the database's 2.98e-4 the rest is 1e-4 + 1e-4.
    close(
        limiting.availability_if_perfect.unavailability(),
        1.0 - 0.9999 * 0.9999,
        "without the database",
    );
    assert!(
        limiting.share > 0.5 && limiting.share < 0.6,
        "{}",
        limiting.share
    );
    let paths: Vec<&str> = result.parts.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "system",
            "system[0]",
            "system[1]",
            "system[1].component",
            "system[2]",
            "system[2][0]",
            "system[2][1]"
        ]
    );
    assert_eq!(result.parts[2].label, "2 of 3 x database replica");
    assert_eq!(result.parts[4].label, "any 1 of 2");
    assert_eq!(result.parts[0].label, "series of 3");
    close(
        result.availability.fraction(),
        0.9999 * 0.999702 * 0.9999,
        "total",
    );
    let year = result.table.row(Period::Year).unwrap();
    close(
        year.downtime_seconds,
        (1.0 - 0.9999 * 0.999702 * 0.9999) * YEAR_365,
        "per year",
    );

    let perfect = Component::leaf("ideal", Availability::PERFECT);
    assert!(perfect
        .evaluate(&Conventions::default())
        .unwrap()
        .limiting
        .is_none());
}

#[test]
fn typical_web_stack() {
    let stack =
        Component::typical_web_stack(4, a("99%"), a("99.99%"), 3, 2, a("99.9%"), 2, a("99.9%"));
    match &stack {
        Component::Series(tiers) => {
            assert_eq!(tiers.len(), 4);
            assert!(matches!(tiers[1], Component::KOfN { k: 1, n: 4, .. }));
            assert!(matches!(tiers[2], Component::KOfN { k: 2, n: 3, .. }));
            assert!(matches!(tiers[3], Component::KOfN { k: 1, n: 2, .. }));
        }
        other => panic!("not a series: {other:?}"),
    }
    let app = 1e-8; // 0.01^4
    let db = k_of_n_unavailability(2, 3, 0.001);
    let cache = 1e-6;
    let expected = 1.0 - (1.0 - 1e-4) * (1.0 - app) * (1.0 - db) * (1.0 - cache);
    let result = stack.evaluate(&Conventions::default()).unwrap();
    close(result.availability.unavailability(), expected, "web stack");
    assert_eq!(result.limiting.unwrap().name, "load balancer");

    let no_cache =
        Component::typical_web_stack(2, a("99%"), a("99.99%"), 3, 2, a("99.9%"), 0, a("99%"));
    match no_cache {
        Component::Series(tiers) => assert_eq!(tiers.len(), 3),
        other => panic!("not a series: {other:?}"),
    }
    let bad_quorum =
        Component::typical_web_stack(2, a("99%"), a("99.99%"), 3, 4, a("99.9%"), 1, a("99%"));
    assert_eq!(bad_quorum.availability().unwrap_err().path, "system[2].k");
}

#[test]
fn invalid_trees_are_errors_with_paths() {
    let leaf = || Component::leaf("x", a("99%"));
    let cases = [
        (Component::k_of_n(0, 3, leaf()), "system.k"),
        (Component::k_of_n(4, 3, leaf()), "system.k"),
        (Component::k_of_n(1, 0, leaf()), "system.n"),
        (Component::k_of_n(1, 1001, leaf()), "system.n"),
        (Component::series(vec![]), "system"),
        (
            Component::parallel(vec![leaf(), Component::parallel(vec![])]),
            "system[1]",
        ),
        (
            Component::series(vec![leaf(), Component::leaf_mtbf("disk", -1.0, 1.0)]),
            "system[1].availability.mtbf_seconds",
        ),
        (
            Component::series(vec![Component::leaf_mtbf("disk", 1.0, f64::NAN)]),
            "system[0].availability.mttr_seconds",
        ),
    ];
    for (tree, path) in cases {
        let error = tree.availability().unwrap_err();
        assert_eq!(error.path, path, "{error}");
        assert!(error.to_string().starts_with(path));
    }
    assert!(Component::k_of_n(1000, 1000, leaf()).availability().is_ok());

    let mut deep = leaf();
    for _ in 0..100 {
        deep = Component::k_of_n(1, 2, deep);
    }
    assert!(deep.evaluate(&Conventions::default()).is_err());
}

#[test]
fn trees_round_trip_through_json() {
    let stack = Component::typical_web_stack(
        3,
        a("99.5%"),
        a("99.99%"),
        5,
        3,
        a("99.9999999%"),
        2,
        a("99%"),
    );
    let json = serde_json::to_string(&stack).unwrap();
    let back: Component = serde_json::from_str(&json).unwrap();
    assert_eq!(back, stack);

    let with_repair = Component::leaf_mtbf("disk", 3.6e6, 3600.0);
    let json = serde_json::to_string(&with_repair).unwrap();
    assert_eq!(
        serde_json::from_str::<Component>(&json).unwrap(),
        with_repair
    );

    // Hand-written scenarios may give availabilities as text or fractions.
    let written = r#"{"series": [
        {"leaf": {"name": "lb", "availability": "99.99%"}},
        {"k_of_n": {"k": 2, "n": 3, "component": {"leaf": {"name": "db", "availability": 0.99}}}},
        {"leaf": {"name": "disk", "availability": {"mtbf_seconds": 3600000, "mttr_seconds": 3600}}}
    ]}"#;
    let tree: Component = serde_json::from_str(written).unwrap();
    let expected = 1.0 - 0.9999 * 0.999702 * (1000.0 / 1001.0);
    close(
        tree.availability().unwrap().unavailability(),
        expected,
        "written tree",
    );

    for bad in [
        r#"{"leaf": {"name": "x", "availability": "150%"}}"#,
        r#"{"leaf": {"name": "x", "availability": 0}}"#,
        r#"{"leaf": {"name": "x", "availability": {"unavailability": 1.0}}}"#,
    ] {
        assert!(serde_json::from_str::<Component>(bad).is_err(), "{bad}");
    }
}

// ---- Error budgets -------------------------------------------------------

#[test]
fn error_budget_burn_rate_and_exhaustion() {
    let window = 30.0 * DAY;
    let slo = Slo::new(a("99.9%"), window).unwrap();
    close(slo.budget_seconds(), 2592.0, "budget");
    close(slo.budget_requests(1e9).unwrap(), 1e6, "failed requests");
    close(slo.burn_rate(0.005).unwrap(), 5.0, "0.5% against 99.9%");
    close(
        slo.seconds_to_exhaustion(0.005, 1.0).unwrap(),
        6.0 * DAY,
        "fresh",
    );
    close(
        slo.seconds_to_exhaustion(0.005, 0.5).unwrap(),
        3.0 * DAY,
        "half",
    );
    assert!(slo.seconds_to_exhaustion(0.0, 1.0).unwrap().is_infinite());
    assert!(slo.burn_rate(1.5).is_err());
    assert!(slo.burn_rate(-0.1).is_err());
    assert!(slo.budget_requests(-1.0).is_err());
    assert!(slo.seconds_to_exhaustion(0.01, 2.0).is_err());
    assert!(Slo::new(a("100%"), window).is_err());
    assert!(Slo::new(a("99.9%"), 0.0).is_err());
}

#[test]
fn burn_rate_alerts_follow_the_workbook() {
    let slo = Slo::new(a("99.9%"), 30.0 * DAY).unwrap();
    let alerts = slo.burn_rate_alerts();
    let expected = [
        (AlertSeverity::Page, 14.4, 3600.0, 300.0, 0.02, 0.0144),
        (AlertSeverity::Page, 6.0, 6.0 * 3600.0, 1800.0, 0.05, 0.006),
        (
            AlertSeverity::Ticket,
            1.0,
            3.0 * DAY,
            6.0 * 3600.0,
            0.10,
            0.001,
        ),
    ];
    assert_eq!(alerts.len(), expected.len());
    for (alert, (severity, burn, long, short, consumed, rate)) in alerts.iter().zip(expected) {
        assert_eq!(alert.severity, severity);
        close(alert.burn_rate, burn, "burn");
        close(alert.long_window_seconds, long, "long window");
        close(alert.short_window_seconds, short, "short window");
        close(alert.budget_consumed, consumed, "consumed");
        close(alert.error_rate, rate, "error rate");
        assert!(alert.reachable);
    }
    // A 28-day window spends a larger share in the same hour.
    let four_weeks = Slo::new(a("99.9%"), 28.0 * DAY).unwrap();
    close(
        four_weeks.burn_rate_alerts()[0].budget_consumed,
        14.4 / (28.0 * 24.0),
        "28 days",
    );
    // 14.4 x 10% errors is more than all requests failing.
    let loose = Slo::new(a("90%"), 30.0 * DAY).unwrap();
    assert!(!loose.burn_rate_alerts()[0].reachable);
}

// ---- Properties ----------------------------------------------------------

/// The chance that at least `k` of `n` are up, summed directly.
fn direct_k_of_n_availability(k: u32, n: u32, a: f64) -> f64 {
    let u = 1.0 - a;
    (k..=n)
        .map(|i| {
            let mut choose = 1.0;
            for j in 0..i {
                choose = choose * f64::from(n - j) / f64::from(j + 1);
            }
            choose * a.powi(i as i32) * u.powi((n - i) as i32)
        })
        .sum()
}

fn direct_k_of_n_unavailability(k: u32, n: u32, u: f64) -> f64 {
    let a = 1.0 - u;
    (0..k)
        .map(|i| {
            let mut choose = 1.0;
            for j in 0..i {
                choose = choose * f64::from(n - j) / f64::from(j + 1);
            }
            choose * a.powi(i as i32) * u.powi((n - i) as i32)
        })
        .sum()
}

fn availability_strategy() -> impl Strategy<Value = Availability> {
    prop_oneof![
        (1e-6f64..1.0).prop_map(|u| Availability::from_unavailability(u).unwrap()),
        (0.1f64..12.0).prop_map(|n| Availability::from_nines(n).unwrap()),
    ]
}

fn tree_strategy() -> impl Strategy<Value = Component> {
    let leaf = availability_strategy().prop_map(|a| Component::leaf("leaf", a));
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Component::Series),
            prop::collection::vec(inner.clone(), 1..4).prop_map(Component::Parallel),
            (1u32..5, 0u32..4, inner).prop_map(|(k, extra, c)| Component::k_of_n(k, k + extra, c)),
        ]
    })
}

proptest! {
    #[test]
    fn parsing_never_panics(text in ".{0,40}") {
        let _ = Availability::parse(&text);
        let _ = parse_budget(&text, &Conventions::default());
    }

    #[test]
    fn parsing_near_miss_text_never_panics(
        text in "[0-9. %-]{0,12}(nines|9s|%| per day|/year| a week|)",
    ) {
        if let Ok(parsed) = Availability::parse(&text) {
            prop_assert!(parsed.unavailability() >= 0.0 && parsed.unavailability() < 1.0);
        }
        let _ = parse_budget(&text, &Conventions::default());
    }

    #[test]
    fn k_of_n_matches_the_direct_binomial_sum(
        n in 1u32..40, k_seed in 0u32..1000, u in 1e-4f64..0.9,
    ) {
        let k = 1 + k_seed % n;
        let a = 1.0 - u;
        let tree = Component::k_of_n(k, n, Component::leaf("r", Availability::from_unavailability(u).unwrap()));
        let ours = tree.availability().unwrap();
        let direct_u = direct_k_of_n_unavailability(k, n, u);
        let direct_a = direct_k_of_n_availability(k, n, a);
        prop_assert!((ours.unavailability() - direct_u).abs() <= 1e-9 * direct_u.max(1e-300),
            "u: ours {} direct {}", ours.unavailability(), direct_u);
        // The availability side is 1 - u, so near 0 only absolute accuracy
        // is left; that is the price of keeping many nines exact.
        prop_assert!((ours.fraction() - direct_a).abs() <= 1e-9 * direct_a + 1e-14,
            "a: ours {} direct {}", ours.fraction(), direct_a);
    }

    #[test]
    fn another_replica_never_lowers_availability(
        n in 1u32..60, k_seed in 0u32..1000, u in 1e-9f64..0.99,
    ) {
        let k = 1 + k_seed % n;
        let fewer = k_of_n_unavailability(k, n, u);
        let more = k_of_n_unavailability(k, n + 1, u);
        prop_assert!(more <= fewer * (1.0 + 1e-12), "{k} of {n}: {fewer} -> {more}");
    }

    #[test]
    fn another_parallel_branch_never_lowers_availability(
        tree in tree_strategy(), extra in availability_strategy(),
    ) {
        let before = tree.availability().unwrap();
        let after = Component::parallel(vec![tree.clone(), Component::leaf("extra", extra)])
            .availability()
            .unwrap();
        prop_assert!(after.unavailability() <= before.unavailability());
        if let Component::Parallel(mut branches) = tree.clone() {
            branches.push(Component::leaf("extra", extra));
            let widened = Component::Parallel(branches).availability().unwrap();
            prop_assert!(widened.unavailability() <= before.unavailability() * (1.0 + 1e-12));
        }
    }

    #[test]
    fn evaluation_of_random_trees_stays_in_range(tree in tree_strategy()) {
        let result = tree.evaluate(&Conventions::default()).unwrap();
        let u = result.availability.unavailability();
        prop_assert!((0.0..=1.0).contains(&u));
        for part in &result.parts {
            prop_assert!(part.unavailability_removed <= u * (1.0 + 1e-12) + 1e-300);
        }
        if let Some(limiting) = result.limiting {
            prop_assert!(limiting.share > 0.0 && limiting.share <= 1.0 + 1e-12);
        }
    }

    #[test]
    fn nines_to_downtime_to_nines_round_trips(
        nines in 0.05f64..15.0,
        period in prop::sample::select(vec![Period::Day, Period::Week, Period::Month, Period::Quarter, Period::Year]),
    ) {
        let c = Conventions::default();
        let availability = Availability::from_nines(nines).unwrap();
        let seconds = availability.downtime(period.seconds(&c));
        let back = Availability::from_downtime(seconds, period.seconds(&c)).unwrap();
        prop_assert!((back.nines() - nines).abs() <= 1e-9 * nines);
    }

    #[test]
    fn percent_text_round_trips_to_three_figures(u in 1e-12f64..0.5) {
        let availability = Availability::from_unavailability(u).unwrap();
        let text = availability.to_string();
        let back = Availability::parse(&text).unwrap();
        prop_assert!((back.unavailability() - u).abs() <= 6e-3 * u, "{u} -> {text}");
        prop_assert!(text != "100%");
    }
}
