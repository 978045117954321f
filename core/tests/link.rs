//! Share links: exact examples, hostile input, property round trips, the
//! comparison of two reports, and the share-links document's key table.

use envelope_core::availability::{
    parse_system, system_text, PartRow, Redundancy, SystemRow, MAX_SYSTEM_CHARS,
};
use envelope_core::compare::{compare, Delta};
use envelope_core::fields::{
    self, Input, CLASS_FIELDS, FOLLOWUP_FIELDS, MAX_CLASSES, SCENARIO_FIELDS,
};
use envelope_core::followup::latency::{steps_text, Step, OPERATIONS};
use envelope_core::link::{self, Decoded, MAX_WARNINGS};
use envelope_core::{
    estimate, presets, ByteUnits, CacheRule, Capacity, Concurrency, Conventions, Cost, DayLength,
    Direction, Followup, FollowupValue, Frequency, MonthLength, Peak, RequestClass, Scenario,
    Storage, Users, YearLength,
};
use proptest::prelude::*;

fn messages(d: &Decoded) -> Vec<String> {
    d.warnings.iter().map(|w| w.to_string()).collect()
}

fn keys(d: &Decoded) -> Vec<&str> {
    d.warnings.iter().map(|w| w.key.as_str()).collect()
}

fn round_trip(s: &Scenario) {
    let query = link::encode(s);
    let back = link::decode(&query);
    assert_eq!(back.warnings, vec![], "{query}");
    assert_eq!(back.scenario, *s, "{query}");
}

// ---------------------------------------------------------------------------
// Hand-written examples

#[test]
fn default_scenario_is_just_the_version() {
    assert_eq!(link::encode(&Scenario::default()), "v=1");
    let d = link::decode("v=1");
    assert_eq!(d.scenario, Scenario::default());
    assert!(d.warnings.is_empty());
}

#[test]
fn empty_input_is_the_default_scenario() {
    for input in [
        "",
        "?",
        "   ",
        "https://example.com/app",
        "https://example.com/?#",
        "&&&",
    ] {
        let d = link::decode(input);
        assert_eq!(d.scenario, Scenario::default(), "{input:?}");
        assert!(d.warnings.is_empty(), "{input:?}: {:?}", d.warnings);
    }
}

#[test]
fn a_known_scenario_encodes_to_an_exact_string() {
    let mut s = Scenario {
        name: "Photo app: 50% & more".to_owned(),
        users: Users::Daily { daily_active: 10e6 },
        peak: Peak::BusiestHourShare(0.2),
        ..Scenario::default()
    };
    s.storage.retention_seconds = 10.0 * 365.0 * 86_400.0;
    s.conventions.bytes = ByteUnits::Iec;
    s.classes = vec![
        RequestClass::write("upload photo", 5.0, 3.0 * 1024.0 * 1024.0),
        RequestClass {
            name: "view feed".to_owned(),
            direction: Direction::Read,
            frequency: Frequency::PerWrite(20.0),
            bytes_in: 1e3,
            bytes_out: 200.0 * 1024.0,
            bytes_stored: None,
            users_share: 1.0,
            ..RequestClass::default()
        },
    ];
    let query = link::encode(&s);
    assert_eq!(
        query,
        "v=1&name=Photo%20app:%2050%25%20%26%20more&dau=10M&peak_by=hour&peak_hour=20%25\
         &retention=10y&bytes=iec&classes=2\
         &c0.name=upload%20photo&c0.kind=write&c0.count=5&c0.in=3MiB\
         &c1.name=view%20feed&c1.count=20&c1.per=write&c1.out=200KiB"
    );
    round_trip(&s);
    // The same link as a full URL, with a fragment.
    let d = link::decode(&format!("https://envelope.example/app/?{query}#results"));
    assert_eq!(d.scenario, s);
    assert!(d.warnings.is_empty());
}

#[test]
fn the_login_peak_preset_round_trips() {
    let s = presets::preset_scenario("login-peak").unwrap();
    round_trip(&s);
    for preset in presets::presets() {
        round_trip(&presets::preset_scenario(preset.key).unwrap());
    }
}

#[test]
fn hand_written_links_are_read() {
    // Spaces, `+` for spaces, a literal `%`, conventions after the numbers
    // they affect.
    let d = link::decode(
        "dau=10M&peak_by=hour&peak_hour=20%&c0.name=upload+photo&c0.kind=write&c0.count=5\
         &c0.in=3 MB&c0.stored=1%20MB&cache_node=1KB&bytes=iec",
    );
    assert_eq!(messages(&d), Vec::<String>::new());
    let s = d.scenario;
    assert_eq!(s.users, Users::Daily { daily_active: 10e6 });
    assert_eq!(s.peak, Peak::BusiestHourShare(0.2));
    assert_eq!(s.conventions.bytes, ByteUnits::Iec);
    assert_eq!(s.capacity.cache_node_bytes, 1024.0);
    assert_eq!(s.classes.len(), 1);
    let c = &s.classes[0];
    assert_eq!(c.name, "upload photo");
    assert_eq!(c.direction, Direction::Write);
    assert_eq!(c.frequency, Frequency::PerUserPerDay(5.0));
    assert_eq!(c.bytes_in, 3.0 * 1024.0 * 1024.0);
    assert_eq!(c.bytes_stored, Some(1024.0 * 1024.0));
}

#[test]
fn a_hostile_link_keeps_its_valid_parts() {
    let d = link::decode(
        "?dau=abc&foo=1&dau=5&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&retention=1e999\
         &c0.in=NaN&c99999.name=x",
    );
    assert_eq!(
        messages(&d),
        [
            "Daily active users: 'abc' is not a number; write a count like 10M, optionally \
             followed by users, requests, req, servers, nodes or shards",
            "ignored 'foo'",
            "duplicate 'dau' ignored",
            "Retention: '1e999' has no unit; add a unit, e.g. 5y, 30d, 12h",
            "Request class 1 bytes in: 'NaN' is not a number; try KB, MB, GB, TB, KiB, MiB",
            "ignored 'c99999.name': at most 100 request classes, c0 to c99",
        ]
    );
    assert_eq!(
        keys(&d),
        ["dau", "foo", "dau", "retention", "c0.in", "c99999.name"]
    );
    let s = &d.scenario;
    // The name is kept as plain text: front ends show text only as text.
    assert_eq!(s.name, "<script>alert(1)</script>");
    assert_eq!(s.users, Scenario::default().users);
    assert_eq!(s.storage, Storage::default());
    assert_eq!(s.classes, vec![RequestClass::default()]);
    assert!(fields::validate(s).is_empty());
}

#[test]
fn bad_values_are_named_and_shortened() {
    let long = "9".repeat(150);
    let d = link::decode(&format!("replication=0&c0.kind=delete&dau=x{long}&peak=3"));
    let m = messages(&d);
    assert_eq!(m[0], "Replication factor: must be at least 1x (got 0x)");
    assert_eq!(
        m[1],
        "Request class 1 read or write: 'delete' is not one of read, write"
    );
    assert!(
        m[2].starts_with(&format!("Daily active users: 'x{}…'", "9".repeat(39))),
        "{}",
        m[2]
    );
    assert!(m[2].len() < 200, "{}", m[2]);
    assert_eq!(m.len(), 3);
    assert_eq!(d.scenario.peak, Peak::Factor(3.0));
}

#[test]
fn fields_that_do_not_apply_are_ignored_with_a_hint() {
    let d = link::decode("mau=100M&peak_hour=20%25");
    assert_eq!(
        messages(&d),
        [
            "Monthly active users: ignored, as it applies only with users_by=monthly",
            "Share of a day's requests in the busiest hour: ignored, as it applies only with peak_by=hour",
        ]
    );
    assert_eq!(d.scenario, Scenario::default());
    let d = link::decode("users_by=monthly&dau=5M&mau=100M&dau_share=30%25");
    assert_eq!(
        messages(&d),
        ["Daily active users: ignored, as it applies only with users_by=daily"]
    );
    assert_eq!(
        d.scenario.users,
        Users::Monthly {
            monthly_active: 100e6,
            daily_active_share: 0.3
        }
    );
}

#[test]
fn versions() {
    let d = link::decode("v=2&dau=5M");
    assert_eq!(
        messages(&d),
        ["link format version '2' is not supported; read as version 1"]
    );
    assert_eq!(d.scenario.users.daily_active(), 5e6);
    // No version at all is read as version 1.
    assert!(link::decode("dau=5M").warnings.is_empty());
}

#[test]
fn keys_that_are_not_text_are_kept_escaped() {
    let d = link::decode("%1B%5B2J%1B%5D0;pwned%07=1&x%0D%0Aerror:%20dau:%20fake=1");
    assert_eq!(
        keys(&d),
        [
            "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}",
            "x\\u{d}\\u{a}error: dau: fake"
        ]
    );
    for w in &d.warnings {
        assert!(!w.message.chars().any(char::is_control), "{w:?}");
    }
}

#[test]
fn names_lose_control_and_direction_characters() {
    let d = link::decode("name=a%0Ab%E2%80%AEc%00&c0.name=%E2%81%A6x%E2%81%A9");
    assert_eq!(
        messages(&d),
        [
            "Scenario name: removed 3 control or text-direction characters",
            "Request class 1 name: removed 2 control or text-direction characters",
        ]
    );
    assert_eq!(d.scenario.name, "abc");
    assert_eq!(d.scenario.classes[0].name, "x");
    // Zero-width joiners (emoji sequences) and marks are kept.
    let family = "👨\u{200D}👩\u{200D}👧 \u{200B}\u{200F}";
    let s = Scenario {
        name: family.to_owned(),
        ..Scenario::default()
    };
    round_trip(&s);
}

#[test]
fn long_names_are_cut_and_longer_values_ignored() {
    let d = link::decode(&format!(
        "name={}&c0.name={}",
        "n".repeat(100),
        "m".repeat(201)
    ));
    assert_eq!(
        messages(&d),
        [
            "Scenario name: longer than 80 characters; kept the first 80",
            "Name: ignored a value longer than 200 characters",
        ]
    );
    assert_eq!(d.scenario.name, "n".repeat(80));
    // The only class key was skipped: the default classes stay.
    assert_eq!(d.scenario.classes, Scenario::default().classes);
}

#[test]
fn invalid_percent_encoding_is_read_leniently() {
    let d = link::decode("name=%FF%zz%4&dau=%31%30M");
    assert_eq!(
        messages(&d),
        ["'name': invalid percent-encoding (not UTF-8)"]
    );
    assert_eq!(d.scenario.name, "\u{FFFD}%zz%4");
    assert_eq!(d.scenario.users.daily_active(), 10e6);
}

#[test]
fn class_indexes_are_never_allocated() {
    let d = link::decode("c5.name=five&c0.name=zero&c2.count=3&c100.name=x&c012.name=y");
    assert_eq!(
        messages(&d),
        [
            "ignored 'c100.name': at most 100 request classes, c0 to c99",
            "ignored 'c012.name'",
            "request classes should be numbered c0, c1, c2, ... without gaps; c0, c2, c5 were \
             read as classes 1 to 3",
        ]
    );
    let names: Vec<&str> = d.scenario.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["zero", "request", "five"]);
    assert_eq!(
        d.scenario.classes[1].frequency,
        Frequency::PerUserPerDay(3.0)
    );

    // Every index up to the limit, then more: only the first MAX_CLASSES.
    let query: Vec<String> = (0..MAX_CLASSES + 5)
        .map(|i| format!("c{i}.count={i}"))
        .collect();
    let d = link::decode(&query.join("&"));
    assert_eq!(d.scenario.classes.len(), MAX_CLASSES);
    assert_eq!(d.warnings.len(), 5);
    assert!(fields::validate(&d.scenario).is_empty());
}

#[test]
fn the_class_count_catches_cut_links() {
    let d = link::decode("classes=3&c0.name=a&c1.name=b");
    assert_eq!(
        messages(&d),
        ["the link declares 3 request classes but has 2; was it cut short?"]
    );
    assert_eq!(d.scenario.classes.len(), 2);
    let d = link::decode("classes=2");
    assert_eq!(
        messages(&d),
        ["the link declares 2 request classes but has none; kept the default ones"]
    );
    let d = link::decode("classes=abc&vs.classes=1000");
    assert_eq!(
        messages(&d),
        ["Request classes: 'abc' is not a whole number"]
    );
    let (_, b) = link::decode_pair("classes=abc&vs.classes=1000");
    let b = b.unwrap();
    assert_eq!(
        messages(&b),
        ["Request classes: must be 1 to 100 (got 1000)"]
    );
    assert_eq!(keys(&b), ["vs.classes"]);
}

#[test]
fn warnings_are_capped() {
    let query: Vec<String> = (0..500).map(|i| format!("unknown{i}=1")).collect();
    let d = link::decode(&query.join("&"));
    assert_eq!(d.warnings.len(), MAX_WARNINGS + 1);
    assert_eq!(d.warnings[0].to_string(), "ignored 'unknown0'");
    assert_eq!(
        d.warnings[MAX_WARNINGS].to_string(),
        "and 450 more warnings"
    );
    assert_eq!(d.warnings[MAX_WARNINGS].key, "");
}

#[test]
fn overlong_input_is_cut_on_a_char_boundary() {
    // 16 KiB of a 3-byte character does not end on a boundary.
    let input = format!("dau=7M&name={}", "€".repeat(10_000));
    let d = link::decode(&input);
    assert_eq!(d.warnings[0].key, "");
    assert_eq!(
        d.warnings[0].message,
        "the link is longer than 16 KiB; only its first 16383 bytes were read"
    );
    assert_eq!(d.scenario.users.daily_active(), 7e6);
}

#[test]
fn pairs() {
    let a = presets::preset_scenario("login-peak").unwrap();
    let mut b = a.clone();
    b.users = Users::Daily { daily_active: 12e6 };
    b.name = "vs. & more".to_owned();
    let query = link::encode_pair(&a, &b);
    assert!(query.starts_with(&link::encode(&a)));
    assert!(query.contains("&vs.v=1&"));
    let (da, db) = link::decode_pair(&query);
    let db = db.unwrap();
    assert_eq!((da.scenario, db.scenario), (a.clone(), b));
    assert!(da.warnings.is_empty() && db.warnings.is_empty());
    // b is relative to the defaults, so a default b is only `vs.v=1`.
    let query = link::encode_pair(&a, &Scenario::default());
    assert!(query.ends_with("&vs.v=1"));
    assert_eq!(
        link::decode_pair(&query).1.unwrap().scenario,
        Scenario::default()
    );
    // decode reads only the first scenario, without warnings about `vs.`.
    let d = link::decode(&query);
    assert_eq!(d.scenario, a);
    assert!(d.warnings.is_empty());
    // The second scenario's warnings carry its prefix.
    let (_, db) = link::decode_pair("dau=1M&vs.dau=x&vs.foo=1");
    let db = db.unwrap();
    assert_eq!(keys(&db), ["vs.dau", "vs.foo"]);
    assert_eq!(db.warnings[1].message, "ignored 'vs.foo'");
    assert!(link::decode_pair("dau=1M").1.is_none());
}

// Regression cases found by the fuzz run (tests/link_fuzz.rs) and by
// review: none of them may panic, and each decodes to a valid scenario.
#[test]
fn odd_inputs_never_panic() {
    let inputs = [
        "%",
        "%%",
        "%E2%82",
        "=",
        "==",
        "&=&",
        "?&?",
        "#",
        "?#?",
        "c",
        "c.",
        "c0.",
        "c0.name",
        "c18446744073709551616.name=x",
        "c00.name=x",
        "vs.",
        "vs.=",
        "vs.vs.dau=1",
        "name=%F0%9F%98",
        "dau=1e-400",
        "dau=-0",
        "retention=0.0000001ns",
        "retention=1e30y",
        "peak=1e308x",
        "c0.count=1,000,000,000,000,000,000",
        "nic=99999999999999999999Tbps",
        "v=\u{0}",
        "\u{202E}=\u{202E}",
        "dau=\u{FEFF}10M",
    ];
    for input in inputs {
        let (a, b) = link::decode_pair(input);
        assert!(fields::validate(&a.scenario).is_empty(), "{input:?}");
        if let Some(b) = b {
            assert!(fields::validate(&b.scenario).is_empty(), "{input:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// Properties

const YEAR: f64 = 365.0 * 86_400.0;

/// Values in `lo..=hi` (or above `lo` when `lo_inclusive` is false): round
/// numbers, arbitrary ones, tiny and huge ones, and the bounds.
fn value(lo: f64, lo_inclusive: bool, hi: f64) -> BoxedStrategy<f64> {
    // Nothing nearer zero than a field takes (fields::MIN_MAGNITUDE).
    let smallest = if lo > 0.0 { lo } else { fields::MIN_MAGNITUDE };
    let (log_lo, log_hi) = (smallest.log10(), hi.log10());
    let nice = (1u32..=999, -8i32..=18)
        .prop_map(|(m, e)| format!("{m}e{e}").parse::<f64>().unwrap_or(0.0));
    let mut edges = vec![hi, (lo + hi) / 2.0];
    if lo_inclusive {
        edges.push(lo);
    }
    if lo < 0.0 {
        edges.push(0.0);
    }
    prop_oneof![
        3 => nice,
        3 => lo..=hi,
        2 => (log_lo..=log_hi).prop_map(|e| 10f64.powf(e)),
        1 => proptest::sample::select(edges),
    ]
    .prop_map(move |v| {
        if v <= hi && (v > lo || (lo_inclusive && v == lo)) {
            v
        } else {
            hi
        }
    })
    .boxed()
}

/// Names of up to 80 characters: spaces, `&=%#+?/`, markup, unicode, emoji,
/// joiners; no control or text-direction characters.
fn name() -> impl Strategy<Value = String> {
    let special = proptest::sample::select(vec![
        ' ', '&', '=', '%', '#', '+', '?', '/', '<', '>', '"', '\'', ';', ',', 'é', 'ß', '中', 'ع',
        '😀', '👩', '\u{200D}', '\u{200B}', '\u{200F}', '\u{FE0F}', '~', '.', '$',
    ]);
    let any_char = any::<char>().prop_map(|c| {
        if envelope_core::text::is_hidden_control(c) {
            '_'
        } else {
            c
        }
    });
    prop::collection::vec(
        prop_oneof![3 => proptest::char::range('a', 'z'), 2 => special, 1 => any_char],
        0..=80,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn class() -> impl Strategy<Value = RequestClass> {
    let count = value(0.0, true, 1e15);
    let frequency = prop_oneof![
        count.clone().prop_map(Frequency::PerUserPerDay),
        count.clone().prop_map(Frequency::PerDay),
        count.clone().prop_map(Frequency::PerMonth),
        count.clone().prop_map(Frequency::PerSecond),
        count.clone().prop_map(Frequency::PerHour),
        count.clone().prop_map(Frequency::PerWeek),
        count.prop_map(Frequency::PerWrite),
    ];
    let bytes = || value(0.0, true, 1e18);
    // Every user, or a share of them (above 0, at most 1).
    let share = prop_oneof![Just(1.0), value(0.0, false, 1.0)];
    (
        name(),
        prop_oneof![Just(Direction::Read), Just(Direction::Write)],
        frequency,
        bytes(),
        bytes(),
        prop::option::of(bytes()),
        share,
        // A fan-out (writes caused downstream) and its bytes, or none.
        prop::option::of((value(0.0, true, 1e9), bytes())),
    )
        .prop_map(
            |(name, direction, frequency, bytes_in, bytes_out, bytes_stored, users_share, fan)| {
                RequestClass {
                    name,
                    direction,
                    frequency,
                    bytes_in,
                    bytes_out,
                    bytes_stored,
                    users_share,
                    fanout: fan.map(|(n, _)| n),
                    fanout_bytes: fan.map_or(0.0, |(_, b)| b),
                    of: String::new(),
                }
            },
        )
}

/// A value for each follow-up input (indexed as [`FOLLOWUP_FIELDS`]) that
/// it takes: numbers round, arbitrary, tiny and huge (those the input
/// refuses are dropped), choices, and steps.
fn followup_value(index: usize) -> BoxedStrategy<Option<FollowupValue>> {
    let field = &FOLLOWUP_FIELDS[index];
    let keep = move |value: FollowupValue| field.check_value(&value).is_ok().then_some(value);
    match field.input {
        Input::Number(_) if field.whole => prop_oneof![0u32..=300, 0u32..=2_000_000]
            .prop_map(move |v| keep(FollowupValue::Number(f64::from(v))))
            .boxed(),
        Input::Number(_) => value(0.0, true, 1e24)
            .prop_union(value(0.0, true, 1.0).boxed())
            .or(value(1e-12, true, 1e-6).boxed())
            .prop_map(move |v| keep(FollowupValue::Number(v)))
            .boxed(),
        Input::Choice(options) => proptest::sample::select(options)
            .prop_map(move |(v, _)| keep(FollowupValue::Text(v.to_owned())))
            .boxed(),
        Input::Text => prop::collection::vec((0..OPERATIONS.len(), 0u32..=1_000_000), 1..5)
            .prop_map(move |steps| {
                let steps: Vec<Step> = steps
                    .into_iter()
                    .map(|(op, count)| Step::new(OPERATIONS[op].key, count % 4 + count / 1000))
                    .collect();
                keep(FollowupValue::Text(steps_text(&steps)))
            })
            .boxed(),
    }
}

/// Some follow-up inputs set, each to a value it takes.
fn followup() -> impl Strategy<Value = Followup> {
    prop::collection::vec(
        (0..FOLLOWUP_FIELDS.len()).prop_flat_map(|i| (Just(i), followup_value(i))),
        0..8,
    )
    .prop_map(|set| {
        let mut f = Followup::default();
        for (i, value) in set {
            if let Some(value) = value {
                f.insert(FOLLOWUP_FIELDS[i].key.to_owned(), value);
            }
        }
        f
    })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let users = prop_oneof![
        value(0.0, true, 1e12).prop_map(|daily_active| Users::Daily { daily_active }),
        (value(0.0, true, 1e12), value(0.0, true, 1.0)).prop_map(|(m, share)| Users::Monthly {
            monthly_active: m,
            daily_active_share: share
        }),
    ];
    let peak = prop_oneof![
        value(1.0, true, 1000.0).prop_map(Peak::Factor),
        value(1.0 / 24.0, true, 1.0).prop_map(Peak::BusiestHourShare),
    ];
    let storage = (
        value(0.0, false, 1000.0 * YEAR),
        value(1.0, true, 100.0),
        value(0.0, true, 10.0),
        value(1.0, true, 1000.0),
        value(-1.0, false, 100.0),
        value(0.01, true, 1.0),
    )
        .prop_map(
            |(
                retention_seconds,
                replication,
                overhead,
                compression_ratio,
                yearly_growth,
                target_fill,
            )| {
                Storage {
                    retention_seconds,
                    replication,
                    overhead,
                    compression_ratio,
                    yearly_growth,
                    target_fill,
                }
            },
        );
    let capacity = (
        value(1e-3, true, 1e9),
        value(0.01, true, 1.0),
        value(0.0, true, 1e6),
        value(0.0, true, 1.0),
        value(1e3, true, 1e18),
        value(1e3, true, 1e18),
        value(1e3, true, 1e18),
        value(125e3, true, 1e15),
        value(0.0, true, 1.0),
    );
    // The cache rule and concurrency (issue 15), each its default half the
    // time.
    let cache_rule = prop_oneof![
        Just(CacheRule::DailyReads),
        Just(CacheRule::StoredObjects),
        Just(CacheRule::Fixed),
    ];
    let concurrency = prop_oneof![
        Just(Concurrency::None),
        value(0.0, true, 1.0).prop_map(Concurrency::OnlineShare),
        (value(0.0, true, 1e6), value(0.0, true, YEAR)).prop_map(|(per_user_per_day, seconds)| {
            Concurrency::Sessions {
                per_user_per_day,
                seconds,
            }
        }),
    ];
    let extra = (
        cache_rule,
        value(0.0, true, 1.0),
        value(0.0, true, 1e18),
        concurrency,
        value(1.0, true, 1e12),
    );
    let capacity = (capacity, extra).prop_map(
        |(
            (
                server_rps,
                target_utilisation,
                spare_servers,
                cache_hot_share,
                cache,
                disk,
                shard,
                nic,
                cdn_hit_ratio,
            ),
            (cache_rule, cache_reads_share, cache_fixed_bytes, concurrency, connections_per_server),
        )| {
            Capacity {
                server_rps,
                target_utilisation,
                spare_servers,
                cache_hot_share,
                cache_node_bytes: cache,
                storage_node_bytes: disk,
                shard_bytes: shard,
                nic_bits_per_second: nic * 8.0,
                cdn_hit_ratio,
                cache_rule,
                cache_reads_share,
                cache_fixed_bytes,
                concurrency,
                connections_per_server,
            }
        },
    );
    let price = || value(0.0, true, 1e9);
    let cost = (price(), price(), price(), price()).prop_map(|(s, g, e, cdn)| Cost {
        server_month_usd: s,
        storage_gb_month_usd: g,
        egress_gb_usd: e,
        cdn_gb_usd: cdn,
    });
    let conventions = (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(day, month, year, bytes)| Conventions {
            day: if day {
                DayLength::Interview
            } else {
                DayLength::Exact
            },
            month: if month {
                MonthLength::Days30_44
            } else {
                MonthLength::Days30
            },
            year: if year {
                YearLength::Days365_25
            } else {
                YearLength::Days365
            },
            bytes: if bytes { ByteUnits::Iec } else { ByteUnits::Si },
        },
    );
    // Half the time a field keeps its default, as in real links.
    let maybe = |p: f64| prop::bool::weighted(p);
    (
        (name(), maybe(0.5)),
        (users, maybe(0.7)),
        (prop::collection::vec(class(), 1..=8), maybe(0.8)),
        (peak, maybe(0.5)),
        (storage, maybe(0.5)),
        (capacity, maybe(0.5)),
        (cost, maybe(0.5)),
        (conventions, maybe(0.5)),
        (followup(), maybe(0.4)),
        (settings(), maybe(0.3)),
    )
        .prop_map(|(n, u, c, p, st, ca, co, cv, fu, se)| {
            let d = Scenario::default();
            Scenario {
                name: if n.1 { n.0 } else { d.name },
                users: if u.1 { u.0 } else { d.users },
                classes: if c.1 { c.0 } else { d.classes },
                peak: if p.1 { p.0 } else { d.peak },
                storage: if st.1 { st.0 } else { d.storage },
                capacity: if ca.1 { ca.0 } else { d.capacity },
                cost: if co.1 { co.0 } else { d.cost },
                conventions: if cv.1 { cv.0 } else { d.conventions },
                uncertainty: d.uncertainty,
                followup: if fu.1 { fu.0 } else { d.followup },
                availability: if se.1 { se.0 .0 } else { d.availability },
                interview: se.1 && se.0 .1,
            }
        })
        .prop_map(|mut s| {
            // At most a million-fold growth over the retention
            // (fields::MAX_GROWTH_FACTOR): otherwise no growth.
            let years = s.storage.retention_seconds / 86_400.0 / s.conventions.days_per_year();
            if (1.0 + s.storage.yearly_growth).powf(years) > fields::MAX_GROWTH_FACTOR {
                s.storage.yearly_growth = 0.0;
            }
            s
        })
}

/// Key and value fragments for hostile queries.
fn hostile_query() -> impl Strategy<Value = String> {
    let mut real: Vec<String> = SCENARIO_FIELDS.iter().map(|f| f.key.to_owned()).collect();
    for i in [0, 1, 7, 99, 100, 99999] {
        real.extend(CLASS_FIELDS.iter().map(|f| format!("c{i}.{}", f.key)));
    }
    real.extend(FOLLOWUP_FIELDS.iter().map(|f| f.key.to_owned()));
    real.extend(
        [
            "v",
            "classes",
            "vs.v",
            "vs.dau",
            "vs.c0.in",
            "vs.classes",
            "vs.bloom.items",
            "latency.steps.0.count",
        ]
        .map(String::from),
    );
    let key = prop_oneof![
        4 => proptest::sample::select(real),
        1 => "[a-z0-9._%]{0,12}",
        1 => any::<String>(),
    ];
    let value = prop_oneof![
        3 => proptest::sample::select(vec![
            "10M", "3 MB", "3MB", "20%", "20%25", "5y", "1e999", "-1e999", "NaN", "inf", "-0",
            "1e-320", "write", "read", "hour", "factor", "monthly", "iec", "100000", "30.44",
            "%", "%zz", "%FF%FE", "%E2%80%AE", "<script>", "1,000,000", "1_000", "$5", "3x",
            "99999999999999999999999999999999999", "0.000000000000000000000000001",
        ])
        .prop_map(String::from),
        2 => "[0-9a-zA-Z%. ,$+-]{0,20}",
        1 => any::<String>(),
        1 => "[0-9]{100,300}",
    ];
    let pair = (
        key,
        prop_oneof![Just("="), Just(""), Just("=="), Just("%3D")],
        value,
    )
        .prop_map(|(k, eq, v)| format!("{k}{eq}{v}"));
    (
        prop::collection::vec(pair, 0..40),
        proptest::sample::select(vec!["", "?", "https://example.com/p?", "/app?x"]),
        proptest::sample::select(vec!["", "#frag", "&", "#a?b=c"]),
    )
        .prop_map(|(pairs, head, tail)| format!("{head}{}{tail}", pairs.join("&")))
}

fn check_decoded(d: &Decoded) {
    assert!(fields::validate(&d.scenario).is_empty(), "{:?}", d.scenario);
    assert!(d.warnings.len() <= MAX_WARNINGS + 1);
    for w in &d.warnings {
        assert!(!w.message.chars().any(char::is_control), "{w:?}");
        assert!(w.message.chars().count() < 400, "{w:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Every valid scenario, with some inputs given as ranges and another
    /// seed and sample count half the time.
    #[test]
    fn every_valid_scenario_round_trips(s in ranged_scenario()) {
        prop_assume!(fields::validate(&s).is_empty());
        let query = link::encode(&s);
        let back = link::decode(&query);
        prop_assert_eq!(&back.warnings, &vec![], "{}", query);
        prop_assert_eq!(&back.scenario, &s, "{}", query);
        // Only what differs from the defaults is written.
        prop_assert!(!query.contains("=&") || query.contains("name=&"), "{}", query);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn pairs_round_trip(a in scenario(), b in scenario()) {
        prop_assume!(fields::validate(&a).is_empty() && fields::validate(&b).is_empty());
        let query = link::encode_pair(&a, &b);
        let (da, db) = link::decode_pair(&query);
        let db = db.expect("a second scenario");
        prop_assert_eq!(da.scenario, a);
        prop_assert_eq!(db.scenario, b);
        prop_assert!(da.warnings.is_empty() && db.warnings.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(input in any::<String>()) {
        let (a, b) = link::decode_pair(&input);
        check_decoded(&a);
        if let Some(b) = b {
            check_decoded(&b);
        }
    }

    #[test]
    fn hostile_queries_never_panic(input in hostile_query()) {
        let (a, b) = link::decode_pair(&input);
        check_decoded(&a);
        if let Some(b) = &b {
            check_decoded(b);
        }
        // Decoding is deterministic and `decode` is the pair's first half.
        prop_assert_eq!(link::decode(&input), a);
    }
}

// ---------------------------------------------------------------------------
// Comparison

fn delta<'a>(deltas: &'a [Delta], key: &str) -> &'a Delta {
    deltas
        .iter()
        .find(|d| d.key == key)
        .unwrap_or_else(|| panic!("no delta {key}"))
}

#[test]
fn fewer_replicas_shrink_replicated_storage_by_a_third() {
    let a = presets::preset_scenario("photo-uploads").unwrap();
    let mut b = a.clone();
    b.storage.replication = 2.0;
    let (ra, rb) = (estimate(&a).unwrap(), estimate(&b).unwrap());
    let deltas = compare(&ra, &rb);
    // Every figure of a, in a's order, and nothing else (same classes).
    let a_keys: Vec<&str> = ra.figures().map(|f| f.key.as_str()).collect();
    let d_keys: Vec<&str> = deltas.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(d_keys, a_keys);

    let replicated = delta(&deltas, "storage.retention_replicated");
    assert_eq!(
        replicated.label,
        ra.figure("storage.retention_replicated").unwrap().label
    );
    // 15 TB a day for 5 years, x3 then x2: 82.125 PB -> 54.75 PB.
    let (va, vb) = (
        replicated.a.unwrap().base_value(),
        replicated.b.unwrap().base_value(),
    );
    assert!((va - 15e12 * 365.0 * 5.0 * 3.0).abs() < 1.0);
    assert!((vb - 15e12 * 365.0 * 5.0 * 2.0).abs() < 1.0);
    assert!((replicated.absolute.unwrap() + 15e12 * 365.0 * 5.0).abs() < 1.0);
    assert!((replicated.percent.unwrap() - (-100.0 / 3.0)).abs() < 1e-9);

    let per_day = delta(&deltas, "storage.per_day");
    assert_eq!(per_day.a, per_day.b);
    assert_eq!(per_day.absolute, Some(0.0));
    assert_eq!(per_day.percent, Some(0.0));
}

#[test]
fn twenty_percent_more_users_is_twenty_percent_more_peak_traffic() {
    let a = presets::preset_scenario("login-peak").unwrap();
    let mut b = a.clone();
    b.users = Users::Daily {
        daily_active: a.users.daily_active() * 1.2,
    };
    let deltas = compare(&estimate(&a).unwrap(), &estimate(&b).unwrap());
    let peak = delta(&deltas, "total.peak_rps");
    // 10M logins in a day, 20% in the busiest hour: 555.6/s, then 666.7/s.
    assert!((peak.a.unwrap().base_value() - 10e6 * 0.2 / 3600.0).abs() < 1e-9);
    assert!((peak.absolute.unwrap() - 2e6 * 0.2 / 3600.0).abs() < 1e-9);
    assert!((peak.percent.unwrap() - 20.0).abs() < 1e-9);
}

#[test]
fn figures_only_in_b_come_last() {
    let a = Scenario::default();
    let mut b = a.clone();
    b.classes.push(RequestClass::read("search", 2.0, 5e3));
    let (ra, rb) = (estimate(&a).unwrap(), estimate(&b).unwrap());
    let deltas = compare(&ra, &rb);
    let a_count = ra.figures().count();
    assert_eq!(deltas.len(), rb.figures().count());
    assert!(deltas[..a_count].iter().all(|d| d.a.is_some()));
    let extra = &deltas[a_count..];
    assert!(!extra.is_empty());
    for d in extra {
        assert!(d.key.starts_with("class.2"), "{}", d.key);
        assert!(d.a.is_none() && d.b.is_some());
        assert_eq!((d.absolute, d.percent), (None, None));
    }
}

// ---------------------------------------------------------------------------
// The document

fn doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/share-links.md");
    std::fs::read_to_string(path).expect("docs/share-links.md")
}

/// The key tables of docs/share-links.md, generated from the field table.
fn key_tables() -> String {
    fn what(input: &Input, unit: &str) -> String {
        match input {
            Input::Number(_) => unit.to_owned(),
            Input::Choice(options) => {
                let values: Vec<String> = options.iter().map(|(v, _)| format!("`{v}`")).collect();
                values.join(", ")
            }
            Input::Text => format!("text, at most {} characters", fields::MAX_NAME_CHARS),
        }
    }
    fn default_text(text: Option<String>) -> String {
        match text {
            Some(t) if t.is_empty() => "(empty)".to_owned(),
            Some(t) => format!("`{t}`"),
            None => "(inactive)".to_owned(),
        }
    }
    let s = Scenario::default();
    let c = RequestClass::default();
    let mut out = String::from("| Key | Field | Value | Default |\n|---|---|---|---|\n");
    for f in SCENARIO_FIELDS {
        let d = default_text(f.text(&s, &s.conventions));
        out += &format!(
            "| `{}` | {} | {} | {d} |\n",
            f.key,
            f.label,
            what(&f.input, f.unit)
        );
    }
    out += "\n| Key | Field | Value | Default |\n|---|---|---|---|\n";
    for f in CLASS_FIELDS {
        let d = default_text(f.text(&c, &s.conventions));
        out += &format!(
            "| `c{{i}}.{}` | {} | {} | {d} |\n",
            f.key,
            f.label,
            what(&f.input, f.unit)
        );
    }
    out += "\n| Key | Input | Value |\n|---|---|---|\n";
    for f in FOLLOWUP_FIELDS {
        let value = match f.input {
            Input::Text => f.unit.to_owned(),
            _ if f.whole => format!("whole number: {}", f.unit),
            _ => what(&f.input, f.unit),
        };
        out += &format!("| `{}` | {} | {value} |\n", f.key, f.label);
    }
    out
}

#[test]
fn the_document_lists_every_key() {
    let doc = doc();
    let tables = key_tables();
    for table in tables.split("\n\n") {
        assert!(
            doc.contains(table),
            "docs/share-links.md is out of date; its key tables should read:\n\n{tables}"
        );
    }
    for f in SCENARIO_FIELDS {
        assert!(doc.contains(&format!("| `{}` |", f.key)), "{}", f.key);
    }
    for f in CLASS_FIELDS {
        assert!(
            doc.contains(&format!("| `c{{i}}.{}` |", f.key)),
            "{}",
            f.key
        );
    }
    for f in FOLLOWUP_FIELDS {
        assert!(doc.contains(&format!("| `{}` |", f.key)), "{}", f.key);
    }
}

// ---------------------------------------------------------------------------
// Follow-up inputs

/// A value each follow-up input takes, other than its calculator's
/// default: the example its unit gives (`items, e.g. 1B`), or a choice.
fn followup_example(f: &fields::FollowupField) -> String {
    match f.input {
        Input::Choice(options) => options[0].0.to_owned(),
        _ => f.unit.rsplit("e.g. ").next().unwrap().to_owned(),
    }
}

#[test]
fn every_followup_key_round_trips_through_a_link_and_json() {
    for f in FOLLOWUP_FIELDS {
        let text = followup_example(f);
        let mut s = Scenario::default();
        fields::set_followup_field(&mut s, f.key, &text)
            .unwrap_or_else(|e| panic!("{}={text}: {e}", f.key));
        assert!(fields::validate(&s).is_empty(), "{}", f.key);
        round_trip(&s);
        let query = link::encode(&s);
        assert!(
            query.starts_with(&format!("v=1&{}=", f.key)),
            "{query}: only the input set is written"
        );
        // The link's key and value, as a link writes them, read alone.
        assert_eq!(link::decode(&query).scenario.followup, s.followup);
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            json.contains(&format!("\"followup\":{{\"{}\":", f.key)),
            "{json}"
        );
        let back: Scenario = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s, "{json}");
    }
    // Nothing set: no follow-up member in JSON, nothing in a link.
    let json = serde_json::to_string(&Scenario::default()).unwrap();
    assert!(!json.contains("followup"), "{json}");
}

#[test]
fn followup_values_read_with_units_and_conventions() {
    let d = link::decode("v=1&bytes=iec&shards.data_bytes=1GB&bloom.false_positive_rate=0.1%25");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let f = &d.scenario.followup;
    // IEC bytes read first: a GB is 2^30 bytes.
    assert_eq!(
        f.get("shards.data_bytes"),
        Some(&FollowupValue::Number(1_073_741_824.0))
    );
    assert_eq!(
        f.get("bloom.false_positive_rate"),
        Some(&FollowupValue::Number(0.001))
    );
    round_trip(&d.scenario);
}

#[test]
fn bad_followup_values_are_skipped_naming_the_key() {
    let d = link::decode(
        "v=1&quorum.replicas=0&bloom.items=1M..10M&backoff.jitter=some&latency.steps=warp:2\
         &ids.timestamp_bits=41.5&bloom.bogus=1&quorum.read_quorum=3",
    );
    assert_eq!(
        keys(&d),
        [
            "quorum.replicas",
            "bloom.items",
            "backoff.jitter",
            "latency.steps",
            "ids.timestamp_bits",
            "bloom.bogus"
        ]
    );
    assert_eq!(
        messages(&d)[..3],
        [
            "Replicas (N): must be at least 1 (got 0)",
            "Items: takes a single value, not a range (follow-up inputs are not sampled)",
            "Jitter: 'some' is not one of none, full, equal",
        ]
    );
    // The good one is kept.
    let mut expected = Followup::default();
    expected.insert("quorum.read_quorum".into(), FollowupValue::Number(3.0));
    assert_eq!(d.scenario.followup, expected);
}

#[test]
fn json_followup_inputs_are_validated() {
    let s: Scenario = serde_json::from_str(
        r#"{"followup": {"bloom.items": 0, "bloom.nope": 1, "backoff.jitter": "full"}}"#,
    )
    .unwrap();
    let errors = fields::validate(&s);
    let named: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            ("bloom.items", "Items: must be at least 1 (got 0)"),
            ("bloom.nope", "Follow-up input: 'bloom.nope' is not one"),
        ]
    );
    assert!(
        estimate(&s).is_err(),
        "an invalid scenario is not estimated"
    );
}

#[test]
fn the_document_examples_decode_cleanly() {
    let doc = doc();
    let examples: Vec<&str> = doc
        .lines()
        .filter_map(|line| line.strip_prefix("| `v=1"))
        .filter_map(|rest| rest.split('`').next())
        .collect();
    assert!(examples.len() >= 8);
    for rest in examples {
        let link = format!("v=1{rest}");
        let (a, b) = link::decode_pair(&link);
        assert!(a.warnings.is_empty(), "{link}: {:?}", a.warnings);
        assert!(b.is_none_or(|b| b.warnings.is_empty()), "{link}");
    }
    // The example at the top reads as it says.
    let d = link::decode(
        "https://envelope.example/?v=1&name=Photo%20app&dau=10M&peak_by=hour&peak_hour=20%25\
         &classes=1&c0.name=upload%20photo&c0.kind=write&c0.count=5&c0.in=3MB",
    );
    assert!(d.warnings.is_empty());
    assert_eq!(d.scenario.classes[0].bytes_in, 3e6);
}

/// A valid scenario with some of its number fields turned into ranges around
/// their values, and maybe another seed and sample count.
fn ranged_scenario() -> impl Strategy<Value = Scenario> {
    (
        scenario(),
        prop::collection::vec(
            (any::<prop::sample::Index>(), 0.1f64..1.0, 1.0f64..20.0),
            0..6,
        ),
        prop::option::of((0u64..1_000_000, 100u32..=1_000_000)),
    )
        .prop_map(|(mut s, ranges, settings)| {
            if let Some((seed, samples)) = settings {
                s.uncertainty.seed = seed;
                s.uncertainty.samples = samples;
            }
            let mut keys: Vec<(Option<usize>, &str)> = SCENARIO_FIELDS
                .iter()
                .filter(|f| f.takes_range() && f.is_active(&s))
                .map(|f| (None, f.key))
                .collect();
            for (i, class) in s.classes.iter().enumerate() {
                for f in CLASS_FIELDS
                    .iter()
                    .filter(|f| f.takes_range() && f.is_active(class))
                {
                    keys.push((Some(i), f.key));
                }
            }
            let c = s.conventions;
            for (pick, down, up) in ranges {
                let (class, key) = *pick.get(&keys);
                // The field's value, scaled down and up, as exact text.
                let text = match class {
                    None => {
                        let f = fields::scenario_field(key).unwrap();
                        let v = f.parse_value(&f.text(&s, &c).unwrap(), &c).unwrap();
                        format!(
                            "{}..{}",
                            f.value_text(v * down, &c),
                            f.value_text(v * up, &c)
                        )
                    }
                    Some(i) => {
                        let f = fields::class_field(key).unwrap();
                        let Some(t) = f.text(&s.classes[i], &c) else {
                            continue;
                        };
                        let v = f.parse_value(&t, &c).unwrap();
                        format!(
                            "{}..{}",
                            f.value_text(v * down, &c),
                            f.value_text(v * up, &c)
                        )
                    }
                };
                // Out-of-range bounds (a fraction above 100%) are simply skipped.
                let _ = match class {
                    None => fields::set_scenario_field(&mut s, key, &text),
                    Some(i) => fields::set_class_field(&mut s, i, key, &text),
                };
            }
            s
        })
}

#[test]
fn a_range_is_written_as_low_dot_dot_high() {
    let mut s = Scenario::default();
    fields::set_scenario_field(&mut s, "dau", "1M to 10M").unwrap();
    fields::set_class_field(&mut s, 0, "in", "2 KB..5 KB").unwrap();
    fields::set_scenario_field(&mut s, "seed", "42").unwrap();
    let query = link::encode(&s);
    assert_eq!(
        query,
        "v=1&dau=1M..10M&seed=42&classes=2&c0.name=write&c0.kind=write&c0.in=2KB..5KB&c1.name=read&c1.count=10&c1.out=100KB"
    );
    round_trip(&s);
    // A bad range in a link is a named warning; the rest is kept.
    let d = link::decode("dau=10M..1M&peak=3x");
    assert_eq!(d.scenario.peak.factor(), 3.0);
    assert_eq!(
        d.warnings[0].to_string(),
        "Daily active users: the low end (10 M) is above the high end (1 M); write the smaller value first"
    );
}

#[test]
fn a_field_under_both_its_spellings_is_a_duplicate() {
    let d = link::decode("c0.in=5KB&classes.0.in=7KB&classes.1.out=2KB");
    assert_eq!(d.scenario.classes.len(), 2);
    assert_eq!(d.scenario.classes[0].bytes_in, 5e3);
    assert_eq!(d.scenario.classes[1].bytes_out, 2e3);
    assert_eq!(messages(&d), ["duplicate 'classes.0.in' ignored"]);
}

// ---------------------------------------------------------------------------
// The page's settings: availability target, system and interview mode

/// Rows as `parse_system` gives them: names trimmed and free of the
/// grammar's characters, `k` and `n` in plain digits (1 and 1 for a single
/// part, k = 1 for any one of n).
fn part_row() -> impl Strategy<Value = PartRow> {
    let availability = prop::sample::select(vec![
        "99.9%",
        "99.99%",
        "0.999",
        "four nines",
        "3.5 nines",
        "99.9 percent",
        "50%",
        "five 9s",
    ]);
    let name = prop_oneof![
        Just(String::new()),
        "[a-zA-Zé][a-z0-9]{0,6}( {1,2}[a-z0-9.%]{1,6}){0,2}",
    ];
    let redundancy = prop_oneof![
        Just((Redundancy::Single, 1, 1)),
        (1u32..=20).prop_map(|n| (Redundancy::AnyOfN, 1, n)),
        (1u32..=20).prop_flat_map(|n| (1..=n).prop_map(move |k| (Redundancy::KOfN, k, n))),
    ];
    (name, availability, redundancy).prop_map(|(name, availability, (redundancy, k, n))| PartRow {
        name,
        availability: availability.to_owned(),
        redundancy,
        k: k.to_string(),
        n: n.to_string(),
    })
}

fn system_rows() -> impl Strategy<Value = Vec<SystemRow>> {
    let row = prop_oneof![
        part_row().prop_map(SystemRow::Part),
        (any::<bool>(), prop::collection::vec(part_row(), 1..4))
            .prop_map(|(parallel, parts)| SystemRow::Group { parallel, parts }),
    ];
    prop::collection::vec(row, 1..6)
}

/// The availability section's inputs and interview mode, as set.
fn settings() -> impl Strategy<Value = (envelope_core::AvailabilityInputs, bool)> {
    let target = prop::option::of(prop::sample::select(vec![
        "99.99%",
        "four nines",
        "43m 12s per month",
        "5m a year",
    ]));
    (target, prop::option::of(system_rows()), any::<bool>()).prop_map(
        |(target, rows, interview)| {
            (
                envelope_core::AvailabilityInputs {
                    target: target.map(str::to_owned),
                    system: rows.map(|rows| system_text(&rows)),
                },
                interview,
            )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Rows -> text -> rows is exact, and so is text -> rows -> text.
    #[test]
    fn system_text_round_trips(rows in system_rows()) {
        let text = system_text(&rows);
        let back = parse_system(&text);
        prop_assert_eq!(back.as_ref(), Ok(&rows), "{}", text);
        prop_assert_eq!(system_text(&back.unwrap()), text);
    }

    /// Whatever the text, reading it never panics and stays bounded.
    #[test]
    fn any_system_text_is_read_or_refused(text in "[a-z0-9 .%;,()x]{0,80}") {
        if let Ok(rows) = parse_system(&text) {
            prop_assert_eq!(parse_system(&system_text(&rows)), Ok(rows));
        }
    }
}

#[test]
fn settings_travel_in_links_and_json() {
    let mut s = Scenario::default();
    for (key, text) in [
        ("availability.target", "99.99%"),
        (
            "availability.system",
            "lb 99.99%; app 99.9% x3 any; db 99.95% 2of3",
        ),
        ("interview", "on"),
    ] {
        fields::set_setting(&mut s, key, text).unwrap();
    }
    let query = link::encode(&s);
    assert_eq!(
        query,
        "v=1&availability.target=99.99%25\
         &availability.system=lb%2099.99%25%3B%20app%2099.9%25%20x3%20any%3B%20db%2099.95%25%202of3\
         &interview=on"
    );
    round_trip(&s);
    // Hand-typed, with ; unencoded and spaces as +: the same scenario.
    let typed = link::decode(
        "v=1&availability.target=99.99%25&interview=on\
         &availability.system=lb+99.99%25;app+99.9%25+x3+any;db+99.95%25+2of3",
    );
    assert_eq!(typed.warnings, vec![]);
    assert_eq!(typed.scenario, s);

    let json = serde_json::to_string(&s).unwrap();
    assert!(
        json.ends_with(
            r#""availability":{"target":"99.99%","system":"lb 99.99%; app 99.9% x3 any; db 99.95% 2of3"},"interview":true}"#
        ),
        "{json}"
    );
    let back: Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    // Unset, they are not written at all: old files and links unchanged.
    let plain = serde_json::to_string(&Scenario::default()).unwrap();
    assert!(!plain.contains("availability") && !plain.contains("interview"));
    assert_eq!(link::encode(&Scenario::default()), "v=1");
    // A file's system that does not read is a field error.
    let mut bad = Scenario::default();
    bad.availability.system = Some("lb".to_owned());
    let errors = fields::validate(&bad);
    assert_eq!(errors[0].field, "availability.system");
}

#[test]
fn bad_settings_in_a_link_are_warnings() {
    let d = link::decode("v=1&availability.system=lb&interview=maybe&availability.target=100%25");
    assert_eq!(d.scenario, Scenario::default());
    assert_eq!(
        keys(&d),
        ["availability.system", "interview", "availability.target"]
    );
    assert_eq!(
        messages(&d)[0],
        "Availability system: row 1: no availability at the end of 'lb'; write e.g. 'db 99.9%' or 'db 99.9% 2of3'"
    );
    let long = format!(
        "v=1&availability.system={}",
        "a%2099%25;".repeat(MAX_SYSTEM_CHARS / 5)
    );
    let d = link::decode(&long);
    assert_eq!(
        messages(&d),
        [format!(
            "Availability system: ignored a value longer than {MAX_SYSTEM_CHARS} characters"
        )]
    );
}
