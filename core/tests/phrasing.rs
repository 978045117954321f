//! Interview statements typed as they are said (issue 15): each through a
//! share link (the decoder applies the same `fields::apply` that `--set`,
//! the web form and scenario files use), with the arithmetic written out
//! and checked by hand.

use envelope_core::{
    estimate, keys, link, Bound, CacheRule, Concurrency, Frequency, Report, Scenario,
};

fn scenario(query: &str) -> Scenario {
    let decoded = link::decode(query);
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    decoded.scenario
}

fn value(report: &Report, key: &str) -> f64 {
    report
        .figure(key)
        .unwrap_or_else(|| panic!("no figure {key}"))
        .value
        .base_value()
}

fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "{got} != {want}"
    );
}

#[test]
fn five_hundred_requests_per_second() {
    // "500 requests per second": 500 /s x 86,400 s/day = 43.2 M a day, and
    // the average is the 500 /s that was said.
    let s = scenario("v=1&classes=1&c0.name=api&c0.count=500&c0.per=second");
    assert_eq!(s.classes[0].frequency, Frequency::PerSecond(500.0));
    let r = estimate(&s).unwrap();
    close(value(&r, &keys::class(0, keys::class::PER_DAY)), 43.2e6);
    close(value(&r, keys::AVG_RPS), 500.0);
    assert_eq!(
        r.figure(&keys::class(0, keys::class::PER_DAY))
            .unwrap()
            .derivation,
        "500 /s x 86,400 s/day = 43.2 M"
    );
    // Interview mode: the rough figure rounds what was typed. With the
    // interview day (100,000 s) the day holds 500 x 100,000 = 5 x 10^7
    // requests, and the average is still 500 /s (a daily count of 43.2 M
    // would have given 4 x 10^7 / 10^5 = 400 /s).
    let rough = r.figure(keys::AVG_RPS).unwrap().rough.as_ref().unwrap();
    close(rough.value.base_value(), 500.0);
    // The same under the interview day convention itself.
    let s = scenario("v=1&day=100000&classes=1&c0.count=500&c0.per=second");
    let r = estimate(&s).unwrap();
    close(value(&r, &keys::class(0, keys::class::PER_DAY)), 50e6);
    close(value(&r, keys::AVG_RPS), 500.0);
}

#[test]
fn rates_per_hour_and_totals_per_week() {
    // 18,000 an hour / 3,600 s/hour = 5 /s; x 86,400 s/day = 432,000 a day.
    let s = scenario("v=1&classes=1&c0.count=18000&c0.per=hour");
    let r = estimate(&s).unwrap();
    close(value(&r, &keys::class(0, keys::class::PER_DAY)), 432_000.0);
    close(value(&r, keys::AVG_RPS), 5.0);
    assert_eq!(
        r.figure(&keys::class(0, keys::class::PER_DAY))
            .unwrap()
            .derivation,
        "18,000 /hour / 3,600 s/hour x 86,400 s/day = 432,000"
    );
    // 7 M a week / 7 days = 1 M a day; / 86,400 s = 11.574 /s.
    let s = scenario("v=1&classes=1&c0.count=7M&c0.per=week");
    let r = estimate(&s).unwrap();
    close(value(&r, &keys::class(0, keys::class::PER_DAY)), 1e6);
    close(value(&r, keys::AVG_RPS), 1e6 / 86_400.0);
}

#[test]
fn ten_percent_of_users_upload_a_video_a_day() {
    // "10M daily users; 10% of users upload a video a day": 10,000,000 x
    // 10% x 1 = 1,000,000 uploads a day, 1e6 / 86,400 = 11.574 /s.
    let s = scenario(
        "v=1&dau=10M&classes=1&c0.name=upload%20video&c0.kind=write&c0.count=1&c0.share=10%25&c0.in=50MB",
    );
    assert_eq!(s.classes[0].users_share, 0.1);
    let r = estimate(&s).unwrap();
    close(value(&r, &keys::class(0, keys::class::PER_DAY)), 1e6);
    close(value(&r, keys::AVG_RPS), 1e6 / 86_400.0);
    // 1 M uploads x 50 MB = 50 TB stored a day (one copy, no overhead).
    close(value(&r, keys::STORED_PER_DAY), 50e12);
    assert_eq!(
        r.figure(&keys::class(0, keys::class::PER_DAY))
            .unwrap()
            .derivation,
        "10,000,000 users x 10% of them x 1 /user/day = 1 M"
    );
    // The share counts only per user per day: a fixed daily total ignores it.
    let s = scenario("v=1&dau=10M&classes=1&c0.count=5&c0.share=10%25&c0.per=day");
    let r = estimate(&s).unwrap();
    close(value(&r, &keys::class(0, keys::class::PER_DAY)), 5.0);
}

#[test]
fn a_share_outside_zero_to_one_hundred_percent_is_refused_by_name() {
    let decoded = link::decode("v=1&classes=1&c0.share=0%25");
    assert_eq!(decoded.scenario.classes[0].users_share, 1.0);
    assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
    assert!(
        decoded.warnings[0].key.contains("c0.share"),
        "{:?}",
        decoded.warnings
    );
    let decoded = link::decode("v=1&classes=1&c0.share=150%25");
    assert_eq!(decoded.scenario.classes[0].users_share, 1.0);
    assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
}

#[test]
fn links_made_before_the_new_forms_mean_what_they_meant() {
    // Written by the app before rates per second and shares of users
    // existed: the bandwidth worked example as 43.2 M a day.
    let old = "v=1&name=Bandwidth&classes=1&c0.name=serve&c0.count=43.2M&c0.per=day&c0.out=100KB";
    let s = scenario(old);
    assert_eq!(s.classes[0].frequency, Frequency::PerDay(43.2e6));
    assert_eq!(s.classes[0].users_share, 1.0);
    let r = estimate(&s).unwrap();
    close(value(&r, keys::AVG_RPS), 500.0);
    // And a link to such a scenario is written as it was.
    assert_eq!(link::encode(&s), old);
    // A scenario file without `users_share` reads as every user, and a
    // class of every user writes no `users_share`.
    let json = r#"{"classes":[{"name":"a","frequency":{"per_user_per_day":2}}]}"#;
    let s: Scenario = serde_json::from_str(json).unwrap();
    assert_eq!(s.classes[0].users_share, 1.0);
    assert!(!serde_json::to_string(&s).unwrap().contains("users_share"));
}

#[test]
fn the_new_forms_round_trip_through_links_and_files() {
    let query = "v=1&dau=10M&classes=2&c0.name=upload&c0.kind=write&c0.share=10%25&c1.name=api&c1.count=500&c1.per=second";
    let s = scenario(query);
    assert_eq!(scenario(&link::encode(&s)), s);
    let file = serde_json::to_string(&s).unwrap();
    assert!(file.contains("\"users_share\":0.1"), "{file}");
    assert!(file.contains("\"per_second\":500"), "{file}");
    assert_eq!(serde_json::from_str::<Scenario>(&file).unwrap(), s);
}

#[test]
fn how_many_urls_do_we_store_after_ten_years_and_how_long_is_the_key() {
    // "100 M new URLs a month, kept 10 years": 100,000,000 / 30 days =
    // 3,333,333.3 a day; x 3,650 days (10 x 365) = 12,166,666,667 URLs.
    // A base62 key: 62^5 = 916,132,832 is too few, 62^6 = 56,800,235,584
    // is enough: 6 characters.
    let s = scenario(
        "v=1&retention=10y&classes=1&c0.name=shorten&c0.kind=write&c0.count=100M&c0.per=month&c0.in=500B",
    );
    let r = estimate(&s).unwrap();
    close(value(&r, keys::OBJECTS_PER_DAY), 1e8 / 30.0);
    close(value(&r, keys::OBJECTS_RETENTION), 1e8 / 30.0 * 3650.0);
    close(value(&r, keys::ID_CHARS_BASE62), 6.0);
    assert_eq!(
        r.figure(keys::ID_CHARS_BASE62).unwrap().derivation,
        "fewest L with 62^L >= 12,166,666,667 objects (62^5 = 916,132,832 < it <= 62^6 = 56,800,235,584) = 6"
    );
    // Reads store nothing and count no objects; a write that keeps no
    // bytes (a like, say, stored elsewhere) counts none either.
    let s = scenario("v=1&classes=2&c0.kind=write&c0.stored=0B&c1.count=5");
    let r = estimate(&s).unwrap();
    assert_eq!(value(&r, keys::OBJECTS_PER_DAY), 0.0);
    assert_eq!(value(&r, keys::ID_CHARS_BASE62), 0.0);
}

#[test]
fn replicated_bytes_per_day_and_cost_per_day_and_year() {
    // Photo uploads: 1 M users x 5 photos x 3 MB = 15 TB a day; x 3
    // replicas = 45 TB written a day.
    let s = envelope_core::presets::preset_scenario("photo-uploads").unwrap();
    let r = estimate(&s).unwrap();
    close(value(&r, keys::STORED_REPLICATED_PER_DAY), 45e12);
    // A day's cost is the month's over its 30 days, a year's 365 of those.
    let month = value(&r, keys::COST_TOTAL);
    close(value(&r, keys::COST_PER_DAY), month / 30.0);
    close(value(&r, keys::COST_PER_YEAR), month / 30.0 * 365.0);
    // With 30.44-day months and 365.25-day years the same rule holds.
    let s = scenario("v=1&month=30.44&year=365.25");
    let r = estimate(&s).unwrap();
    let month = value(&r, keys::COST_TOTAL);
    close(value(&r, keys::COST_PER_DAY), month / 30.44);
    close(value(&r, keys::COST_PER_YEAR), month / 30.44 * 365.25);
}

#[test]
fn video_is_served_from_a_cdn_with_a_95_percent_hit_rate() {
    // 10 M users x 10 views of 1 MB = 100 M reads, 100 TB out a day. The
    // CDN serves 95%: 95 TB a day; the origin 5 TB a day, 5e12 / 86,400 =
    // 57.87 MB/s on average, x 2 peak = 115.74 MB/s.
    let s = scenario("v=1&dau=10M&classes=1&c0.name=watch&c0.count=10&c0.out=1MB&cdn_hit=95%25");
    let r = estimate(&s).unwrap();
    close(value(&r, keys::EGRESS_PER_DAY), 100e12);
    close(value(&r, keys::CDN_PER_DAY), 95e12);
    close(value(&r, keys::ORIGIN_EGRESS_PEAK), 5e12 / 86_400.0 * 2.0);
    // Requests: 1e8 / 86,400 x 2 = 2,314.8 /s at peak; 5% of them reach
    // the origin: 115.74 /s.
    close(value(&r, keys::PEAK_RPS), 1e8 / 86_400.0 * 2.0);
    close(
        value(&r, keys::ORIGIN_PEAK_RPS),
        1e8 / 86_400.0 * 2.0 * 0.05,
    );
    // Servers are sized by what reaches the origin: 115.74 req/s over
    // 1,000 x 70% is 1; 115.74 MB/s over 10 Gbps x 70% = 875 MB/s is 1.
    assert_eq!(value(&r, keys::SERVERS_BY_REQUESTS), 1.0);
    assert_eq!(value(&r, keys::SERVERS_BY_BANDWIDTH), 1.0);
    // Cost: the CDN's 95 TB x 30 days = 2.85 PB = 2,850,000 GB x $0.02 =
    // $57,000 a month; the origin's 5 TB x 30 = 150,000 GB x $0.05 =
    // $7,500.
    close(value(&r, keys::COST_CDN), 57_000.0);
    close(value(&r, keys::COST_EGRESS), 7_500.0);
    assert!(r
        .figure(keys::COST_TOTAL)
        .unwrap()
        .derivation
        .contains("+ $57,000 CDN"));
    // The origin's cache holds 20% of what reaches it, 20% x 5 TB = 1 TB,
    // not of the 100 TB the CDN mostly sends.
    close(value(&r, keys::CACHE_MEMORY), 1e12);
    assert!(r
        .figure(keys::CACHE_MEMORY)
        .unwrap()
        .derivation
        .starts_with("20% hot x 5 TB read per day past the CDN"));
    // Without the CDN the same site sends all 100 TB from the origin:
    // 2,314.8 req/s needs 4 servers (2,314.8 / 700 = 3.3), 2.31 GB/s
    // needs 3 (2,314.8 MB/s / 875 MB/s = 2.6).
    let s = scenario("v=1&dau=10M&classes=1&c0.name=watch&c0.count=10&c0.out=1MB");
    let r = estimate(&s).unwrap();
    assert_eq!(value(&r, keys::SERVERS_BY_REQUESTS), 4.0);
    assert_eq!(value(&r, keys::SERVERS_BY_BANDWIDTH), 3.0);
    assert_eq!(value(&r, keys::COST_CDN), 0.0);
    assert_eq!(
        r.figure(keys::CDN_PER_DAY).unwrap().derivation,
        "no CDN (0% hit rate) = 0 B"
    );
}

#[test]
fn a_monthly_count_over_the_interview_month() {
    // "100 M new URLs a month", divided as some published answers do, by a
    // month of 2.5 M s: 100,000,000 / 2,500,000 s = 40 /s. The month is
    // 2,500,000 / 86,400 = 28.935 days of 86,400 s, so a day holds
    // 100 M / 28.935 = 3,456,000 (= 40 /s x 86,400 s).
    let s = scenario("v=1&month=2.5Ms&classes=1&c0.name=shorten&c0.kind=write&c0.count=100M&c0.per=month&c0.in=500B");
    let r = estimate(&s).unwrap();
    close(value(&r, keys::AVG_RPS), 40.0);
    close(
        value(&r, &keys::class(0, keys::class::PER_DAY)),
        3_456_000.0,
    );
    // The 30-day month instead: 100 M / 2,592,000 s = 38.58 /s.
    let thirty = scenario(
        "v=1&classes=1&c0.name=shorten&c0.kind=write&c0.count=100M&c0.per=month&c0.in=500B",
    );
    close(
        value(&estimate(&thirty).unwrap(), keys::AVG_RPS),
        100e6 / 2_592_000.0,
    );
    // Interview mode rounds what was typed (100 M, already one figure) and
    // uses the 100,000 s day: the month is 2,500,000 / 100,000 = 25 such
    // days, 4 M a day, and the rate is still 40 /s.
    let rough = r.figure(keys::AVG_RPS).unwrap().rough.as_ref().unwrap();
    close(rough.value.base_value(), 40.0);
    // Monthly totals use the same month: 3,456,000 writes/day x 500 B =
    // 1.728 GB a day, x 28.935 days = 50 GB a month (100 M x 500 B).
    close(value(&r, keys::INGRESS_PER_MONTH), 50e9);
    // Durations and downtime stay in real seconds: "1mo" of retention is
    // the 2.5 M s month.
    let kept = scenario("v=1&month=2.5Ms&retention=1mo");
    close(kept.storage.retention_seconds, 2.5e6);
}

#[test]
fn defaults_that_change_a_result_are_said() {
    // The default scenario's read sends 1 KB in and its write 1 KB out; it
    // keeps 3 replicas and peaks at 2x: each is said where it counts.
    let r = estimate(&Scenario::default()).unwrap();
    let derivation = |key: &str| r.figure(key).unwrap().derivation.clone();
    assert!(
        derivation(keys::INGRESS_PER_DAY).contains("read 10 M x 1 KB (the default; 0 if none)"),
        "{}",
        derivation(keys::INGRESS_PER_DAY)
    );
    assert!(
        derivation(keys::EGRESS_PER_DAY).contains("write 1 M x 1 KB (the default; 0 if none)"),
        "{}",
        derivation(keys::EGRESS_PER_DAY)
    );
    assert!(derivation(keys::STORED_REPLICATED).contains("x 3 replicas (the default)"));
    // The class's own figure says it too: 10 M reads x 1 KB.
    assert_eq!(
        derivation(&keys::class(1, keys::class::INGRESS_PER_DAY)),
        "10,000,000 /day x 1 KB (the default; 0 if none) = 10 GB"
    );
    assert!(derivation(keys::PEAK_RPS).contains("x 2x peak factor (the default)"));
    // Given values are not called defaults: a URL shortener whose
    // redirects send no body says nothing of ingress for them.
    let s = scenario("v=1&replication=2&peak=3&classes=2&c0.name=shorten&c0.kind=write&c0.count=1M&c0.per=day&c0.in=500B&c0.out=500B&c1.name=redirect&c1.count=100&c1.per=write&c1.in=0&c1.out=500B");
    let r = estimate(&s).unwrap();
    let derivation = |key: &str| r.figure(key).unwrap().derivation.clone();
    for key in [
        keys::INGRESS_PER_DAY,
        keys::EGRESS_PER_DAY,
        keys::STORED_REPLICATED,
        keys::PEAK_RPS,
    ] {
        assert!(
            !derivation(key).contains("default"),
            "{key}: {}",
            derivation(key)
        );
    }
    // 1 M shortens x 500 B = 500 MB a day in; the redirects add nothing.
    close(value(&r, keys::INGRESS_PER_DAY), 500e6);
}

#[test]
fn one_upload_per_two_hundred_views() {
    // "1 upload per 200 views": 1 M users x 100 views = 100 M views a day;
    // one upload per 200 of them is 100 M / 200 = 500,000 uploads a day,
    // 500,000 / 86,400 = 5.787 uploads/s.
    let s = scenario(
        "v=1&dau=1M&classes=2&c0.name=view&c0.count=100&c1.name=upload&c1.kind=write&c1.count=200&c1.per=one_per&c1.of=view",
    );
    assert_eq!(s.classes[1].frequency, Frequency::OnePer(200.0));
    assert_eq!(s.classes[1].of, "view");
    let r = estimate(&s).unwrap();
    let per_day = keys::class(1, keys::class::PER_DAY);
    close(value(&r, &per_day), 500e3);
    close(value(&r, keys::AVG_WRITE_RPS), 500e3 / 86_400.0);
    assert_eq!(
        r.figure(&per_day).unwrap().derivation,
        "100,000,000 view/day / 200: one per 200 of view = 500,000"
    );
}

#[test]
fn a_hundred_reads_per_tweet_refers_to_the_named_class() {
    // "100 timeline reads per tweet", with a second write class (likes) that
    // "per write request" would have counted too: 1 M users x 2 tweets =
    // 2 M tweets a day; x 100 = 200 M reads, whatever the 10 M likes.
    let s = scenario(
        "v=1&dau=1M&classes=3&c0.name=tweet&c0.kind=write&c0.count=2&c1.name=like&c1.kind=write&c1.count=10&c2.name=read%20timeline&c2.count=100&c2.per=class&c2.of=Tweet",
    );
    let r = estimate(&s).unwrap();
    let per_day = keys::class(2, keys::class::PER_DAY);
    close(value(&r, &per_day), 200e6);
    assert_eq!(
        r.figure(&per_day).unwrap().derivation,
        "2,000,000 tweet/day x 100 per request of tweet = 200 M"
    );
    // The same reads counted per write request would be (2 M + 10 M) x 100.
    let mut per_write = s.clone();
    per_write.classes[2].frequency = Frequency::PerWrite(100.0);
    close(value(&estimate(&per_write).unwrap(), &per_day), 1.2e9);
}

#[test]
fn a_ratio_to_a_missing_a_shared_or_a_circular_class_is_refused_by_name() {
    // A link keeps the rest and says what it refused; the class then
    // counts 0 a day rather than a guess.
    let refused = |query: &str| {
        let decoded = link::decode(query);
        let warnings: Vec<(String, String)> = decoded
            .warnings
            .iter()
            .map(|w| (w.key.clone(), w.message.clone()))
            .collect();
        assert!(estimate(&decoded.scenario).is_ok(), "{query}");
        (decoded.scenario, warnings)
    };
    let (s, missing) = refused(
        "v=1&classes=2&c0.name=view&c1.name=upload&c1.kind=write&c1.count=200&c1.per=one_per&c1.of=views",
    );
    assert_eq!(
        missing,
        [(
            "c1.of".to_owned(),
            "Request class 2 of class: no request class is named \"views\"".to_owned()
        )]
    );
    assert_eq!(s.classes[1].frequency, Frequency::PerDay(0.0));
    assert_eq!(s.classes[0].name, "view", "the rest is kept");
    let (_, shared) = refused(
        "v=1&classes=3&c0.name=view&c1.name=View&c2.name=upload&c2.kind=write&c2.per=one_per&c2.of=view",
    );
    assert!(
        shared[0].1.contains("2 request classes are named \"view\""),
        "{shared:?}"
    );
    // Uploads counted per view, views counted per upload: no count to
    // start from.
    let (_, circle) = refused(
        "v=1&classes=2&c0.name=view&c0.per=class&c0.of=upload&c1.name=upload&c1.kind=write&c1.per=class&c1.of=view",
    );
    assert!(circle[0].1.contains("circle"), "{circle:?}");
    let (_, own) = refused("v=1&classes=1&c0.name=view&c0.per=class&c0.of=view");
    assert!(own[0].1.contains("its own requests"), "{own:?}");
    let (_, zero) =
        refused("v=1&classes=2&c0.name=view&c1.name=upload&c1.count=0&c1.per=one_per&c1.of=view");
    assert_eq!(zero[0].0, "c1.count", "{zero:?}");
    // A scenario file is checked, not mended: the error names the field.
    let mut file = Scenario::default();
    file.classes[1].frequency = Frequency::PerClass(10.0);
    file.classes[1].of = "writes".to_owned();
    let errors = estimate(&file).unwrap_err();
    assert_eq!(errors[0].field, "classes.1.of");
    assert_eq!(
        errors[0].message,
        "Request class 2 of class: no request class is named \"writes\""
    );
}

#[test]
fn each_tweet_delivered_to_two_hundred_timelines() {
    // "Each tweet is delivered to 200 followers' timelines", a tweet id of
    // 8 B in each: 100 M users x 2 tweets = 200 M tweets a day; x 200 =
    // 40 bn timeline writes a day; 40 bn / 86,400 s = 462,963 /s, x 2 peak
    // = 925,926 /s; 40 bn x 8 B = 320 GB a day.
    let s = scenario(
        "v=1&dau=100M&classes=1&c0.name=tweet&c0.kind=write&c0.count=2&c0.in=300B&c0.fanout=200&c0.fanout_bytes=8B",
    );
    assert_eq!(s.classes[0].fanout, Some(200.0));
    let r = estimate(&s).unwrap();
    close(value(&r, keys::FANOUT_PER_DAY), 40e9);
    close(value(&r, keys::FANOUT_PEAK_WPS), 40e9 / 86_400.0 * 2.0);
    close(value(&r, keys::FANOUT_STORED_PER_DAY), 320e9);
    close(
        value(&r, &keys::class(0, keys::class::FANOUT_PER_DAY)),
        40e9,
    );
    assert_eq!(
        r.figure(keys::FANOUT_PER_DAY).unwrap().derivation,
        "tweet 200 M x 200 each = 40 bn"
    );
    assert!(r
        .figure(keys::FANOUT_STORED_PER_DAY)
        .unwrap()
        .derivation
        .starts_with("tweet 40 bn x 8 B; not added to storage"));
    // Storage is the tweets alone: 200 M x 300 B = 60 GB a day.
    close(value(&r, keys::STORED_PER_DAY), 60e9);
    // No fan-out given: no fan-out figures.
    let plain = estimate(&scenario("v=1&classes=1&c0.name=tweet&c0.kind=write")).unwrap();
    assert!(plain.figure(keys::FANOUT_PER_DAY).is_none());
}

#[test]
fn each_server_holds_50k_concurrent_connections() {
    // Chat: "100 M daily users, 10% of them online at peak, each server
    // holds 50K connections", planned at the 70% target utilisation:
    // 100,000,000 x 10% = 10,000,000 connections;
    // ceil(10,000,000 / (50,000 x 70%)) = ceil(285.71) = 286 servers.
    // The default classes need far fewer: 100 M x 11 requests / 86,400 s
    // x 2 = 25,463 /s, ceil(25,463 / 700) = 37 by requests; 100 M x 10 x
    // 100 KB / 86,400 s x 2 = 2.31 GB/s out, ceil(2.31 / (1.25 x 70%)) = 3
    // by bandwidth. So connections bind.
    let s = scenario("v=1&dau=100M&connections_by=online&online_share=10%25&conn_per_server=50k");
    assert_eq!(s.capacity.concurrency, Concurrency::OnlineShare(0.1));
    let r = estimate(&s).unwrap();
    close(value(&r, keys::PEAK_CONNECTIONS), 10e6);
    close(value(&r, keys::SERVERS_BY_CONNECTIONS), 286.0);
    close(value(&r, keys::SERVERS_BY_REQUESTS), 37.0);
    close(value(&r, keys::SERVERS_BY_BANDWIDTH), 3.0);
    close(value(&r, keys::APP_SERVERS), 286.0);
    assert_eq!(r.server_bound, Bound::Connections);
    assert_eq!(
        r.figure(keys::PEAK_CONNECTIONS).unwrap().derivation,
        "100,000,000 daily users x 10% online at peak = 10 M"
    );
    assert_eq!(
        r.figure(keys::SERVERS_BY_CONNECTIONS).unwrap().derivation,
        "ceil(10,000,000 / (50,000 connections x 70% utilisation)) = 286"
    );
    assert_eq!(
        r.figure(keys::APP_SERVERS).unwrap().derivation,
        "max(37, 3, 286) + 0 spares; bound by connections = 286"
    );
    // Interview mode rounds the typed share and connections (already one
    // significant figure): the rough run also needs 286 servers, shown to
    // two significant figures, 290.
    let rough = r
        .figure(keys::SERVERS_BY_CONNECTIONS)
        .unwrap()
        .rough
        .as_ref()
        .unwrap();
    close(rough.value.base_value(), 290.0);

    // Little's law: 10 M users x 3 sessions a day / 86,400 s x 2 peak =
    // 694.44 arrivals/s, each connected 1,200 s: 833,333.3 connections;
    // ceil(833,333.3 / 35,000) = ceil(23.8) = 24 servers.
    // (A link names the choice: one that leaves it out chose the default,
    // none; `--set sessions=3` alone chooses sessions.)
    let s = scenario("v=1&dau=10M&connections_by=sessions&sessions=3&session_time=20min");
    assert_eq!(
        s.capacity.concurrency,
        Concurrency::Sessions {
            per_user_per_day: 3.0,
            seconds: 1_200.0
        }
    );
    let r = estimate(&s).unwrap();
    close(
        value(&r, keys::PEAK_CONNECTIONS),
        10e6 * 3.0 / 86_400.0 * 2.0 * 1_200.0,
    );
    close(value(&r, keys::SERVERS_BY_CONNECTIONS), 24.0);
    assert!(r
        .figure(keys::PEAK_CONNECTIONS)
        .unwrap()
        .derivation
        .starts_with("10,000,000 users x 3 sessions/day / 86,400 s/day x 2 peak x 1,200 s connected (Little's law)"));

    // Without concurrency there are no connection figures, and a link made
    // before them means what it meant.
    let r = estimate(&scenario("v=1&dau=100M")).unwrap();
    assert!(r.figure(keys::PEAK_CONNECTIONS).is_none());
    assert!(r.figure(keys::SERVERS_BY_CONNECTIONS).is_none());
    assert_eq!(r.server_bound, Bound::Requests);
}

#[test]
fn twenty_percent_of_the_objects_get_eighty_percent_of_the_reads() {
    // 1 M users write 1 MB a day, kept 1,000 days: 1 TB/day x 1,000 = 1 PB
    // kept (one copy). They read 10 items of 100 KB a day: 10 M reads a
    // day, 10 M / 86,400 s x 2 = 231.48 reads/s at the peak.
    let base = "v=1&dau=1M&retention=1000d&classes=2&c0.kind=write&c0.count=1&c0.in=1MB\
                &c1.count=10&c1.out=100KB";
    let peak_reads = 10e6 / 86_400.0 * 2.0;
    // "20% of the objects get 80% of the reads": 20% x 1 PB = 200 TB of
    // cache; x = 200 TB / 1 PB = 20% = h, so hit = 80% x 20% / 20% = 80%;
    // the database sees the other 20% of the peak reads: 46.296 /s.
    let s = scenario(&format!(
        "{base}&cache_rule=objects&cache_hot=20%25&cache_reads=80%25"
    ));
    assert_eq!(s.capacity.cache_rule, CacheRule::StoredObjects);
    let r = estimate(&s).unwrap();
    close(value(&r, keys::STORED_RETENTION), 1e15);
    close(value(&r, keys::CACHE_MEMORY), 200e12);
    close(value(&r, keys::CACHE_NODES), (200e12_f64 / 64e9).ceil());
    close(value(&r, keys::CACHE_HIT_RATIO), 0.8);
    close(value(&r, keys::DB_PEAK_READS), peak_reads * 0.2);
    assert_eq!(
        r.figure(keys::CACHE_MEMORY).unwrap().derivation,
        "20% hot x 1 PB kept (20% of the objects get 80% of the reads) = 200 TB"
    );
    assert_eq!(
        r.figure(keys::CACHE_HIT_RATIO).unwrap().derivation,
        "x = 200 TB cache / 1 PB kept = 20%, within the 20% hot: 80% x 20% / 20% \
         (20% of the objects get 80% of the reads, evenly within each part) = 80%"
    );
    assert_eq!(
        r.figure(keys::DB_PEAK_READS).unwrap().derivation,
        "231.5 req/s reads reaching the origin x (1 - 80% cache hit ratio) = 46.3 req/s"
    );

    // A CDN serving half the reads leaves the origin 115.74 reads/s; the
    // database sees 20% of them: 23.148 /s.
    let r = estimate(&scenario(&format!(
        "{base}&cache_rule=objects&cdn_hit=50%25"
    )))
    .unwrap();
    close(value(&r, keys::DB_PEAK_READS), peak_reads * 0.5 * 0.2);

    // A fixed 100 TB cache over the same 1 PB: x = 10% < 20% hot, so
    // hit = 80% x 10% / 20% = 40%; the database sees 60%.
    let r = estimate(&scenario(&format!(
        "{base}&cache_rule=fixed&cache_size=100TB"
    )))
    .unwrap();
    close(value(&r, keys::CACHE_MEMORY), 100e12);
    close(value(&r, keys::CACHE_HIT_RATIO), 0.4);
    close(value(&r, keys::DB_PEAK_READS), peak_reads * 0.6);
    // Past the hot share: 500 TB is x = 50%: 80% + 20% x (50% - 20%) / 80%
    // = 87.5%.
    let r = estimate(&scenario(&format!(
        "{base}&cache_rule=fixed&cache_size=500TB"
    )))
    .unwrap();
    close(value(&r, keys::CACHE_HIT_RATIO), 0.875);

    // A cache larger than the data it caches is flagged: 2 PB over 1 PB.
    let r = estimate(&scenario(&format!(
        "{base}&cache_rule=fixed&cache_size=2PB"
    )))
    .unwrap();
    close(value(&r, keys::CACHE_HIT_RATIO), 1.0);
    close(value(&r, keys::DB_PEAK_READS), 0.0);
    assert_eq!(
        r.figure(keys::CACHE_MEMORY).unwrap().derivation,
        "a fixed size, given; larger than the 1 PB kept: the whole data fits = 2 PB"
    );

    // The default rule, as before: 20% of a day's read bytes (10 M x
    // 100 KB = 1 TB): 200 GB, and the hit ratio the 80/20 rule gives, 80%.
    let r = estimate(&scenario(base)).unwrap();
    close(value(&r, keys::CACHE_MEMORY), 200e9);
    close(value(&r, keys::CACHE_HIT_RATIO), 0.8);
    assert_eq!(
        r.figure(keys::CACHE_MEMORY).unwrap().derivation,
        "20% hot x 1 TB read per day (20% of the read bytes get 80% of the reads) = 200 GB"
    );
}

#[test]
fn the_cache_rule_and_concurrency_round_trip_and_stay_out_when_default() {
    // Defaults are written neither to links nor to JSON.
    let d = Scenario::default();
    assert_eq!(link::encode(&d), "v=1");
    let json = serde_json::to_string(&d).unwrap();
    for key in [
        "cache_rule",
        "cache_reads_share",
        "cache_fixed_bytes",
        "concurrency",
        "connections_per_server",
    ] {
        assert!(!json.contains(key), "{key}: {json}");
    }
    // Each form round-trips through a link and a file.
    for query in [
        "v=1&cache_rule=objects&cache_reads=90%25",
        "v=1&cache_rule=fixed&cache_size=100TB",
        "v=1&connections_by=online&online_share=5%25&conn_per_server=100,000",
        "v=1&connections_by=sessions&sessions=3&session_time=20m",
    ] {
        let s = scenario(query);
        assert_eq!(link::encode(&s), query);
        let json = serde_json::to_string(&s).unwrap();
        let back: Scenario = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s, "{json}");
    }
    // Connections per server are kept while concurrency is not given.
    let mut s = Scenario::default();
    s.capacity.connections_per_server = 60e3;
    let query = link::encode(&s);
    assert_eq!(query, "v=1&conn_per_server=60,000");
    let decoded = link::decode(&query);
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    assert_eq!(decoded.scenario, s);
}

#[test]
fn links_and_files_made_before_these_statements_mean_what_they_meant() {
    // A link in the grammar from before issue 15's ratios, fan-out,
    // connections and cache rule: 10 M users x 2 uploads of 3 MB = 20 M
    // uploads; views "per write request" = 20 M x 100 = 2 bn, 200 KB each
    // = 400 TB read a day; the cache is 20% of it, 80 TB, as it always was.
    let link = "v=1&dau=10M&classes=2&c0.name=upload&c0.kind=write&c0.count=2&c0.in=3MB&c1.name=view&c1.count=100&c1.per=write&c1.out=200KB";
    let s = scenario(link);
    assert_eq!(s.classes[1].frequency, Frequency::PerWrite(100.0));
    assert_eq!(s.capacity.cache_rule, CacheRule::DailyReads);
    assert_eq!(s.capacity.concurrency, Concurrency::None);
    assert!(s
        .classes
        .iter()
        .all(|c| c.fanout.is_none() && c.of.is_empty()));
    let r = estimate(&s).unwrap();
    close(value(&r, &keys::class(1, keys::class::PER_DAY)), 2e9);
    close(value(&r, keys::CACHE_MEMORY), 0.2 * 400e12);
    for absent in [
        keys::FANOUT_PER_DAY,
        keys::PEAK_CONNECTIONS,
        keys::SERVERS_BY_CONNECTIONS,
    ] {
        assert!(r.figure(absent).is_none(), "{absent}");
    }
    // And the link it encodes to is the one it came from, key for key.
    let again = envelope_core::link::encode(&s);
    let mut a: Vec<&str> = link.split('&').collect();
    let mut b: Vec<&str> = again.split('&').collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);
    // A scenario file of that time: no new field, same meaning.
    let file = r#"{"users": {"daily": {"daily_active": 10000000}},
        "classes": [{"name": "upload", "direction": "write", "frequency": {"per_user_per_day": 2}, "bytes_in": 3e6},
                    {"name": "view", "frequency": {"per_write": 100}, "bytes_out": 2e5}],
        "capacity": {"cache_hot_share": 0.2}}"#;
    let from_file: Scenario = serde_json::from_str(file).unwrap();
    let r = estimate(&from_file).unwrap();
    close(value(&r, keys::CACHE_MEMORY), 0.2 * 400e12);
    assert!(r.figure(keys::FANOUT_PER_DAY).is_none());
}

#[test]
fn a_chain_of_ratios_cannot_overflow() {
    // 100 classes, each 10^15 per request of the next: 10^1500 a day
    // unchecked, past f64. A file is refused, naming a count; a link keeps
    // the rest, and every figure stays finite.
    let classes = (0..100)
        .map(|i| {
            let mut k = envelope_core::RequestClass::read(&format!("c{i}"), 1.0, 1e3);
            if i < 99 {
                k.frequency = Frequency::PerClass(1e15);
                k.of = format!("c{}", i + 1);
            }
            k
        })
        .collect();
    let s = Scenario {
        classes,
        ..Scenario::default()
    };
    let errors = estimate(&s).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.field.ends_with(".count") && e.message.contains("at most 10^42")),
        "{errors:?}"
    );
    let decoded = link::decode(&envelope_core::link::encode(&s));
    assert!(decoded
        .warnings
        .iter()
        .any(|w| w.message.contains("at most 10^42")));
    let r = estimate(&decoded.scenario).unwrap();
    for section in &r.sections {
        for f in &section.figures {
            assert!(f.value.base_value().is_finite(), "{}", f.key);
        }
    }
}
