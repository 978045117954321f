//! `envelope tool NAME`: each follow-up calculator end to end, in text and
//! JSON, with numbers worked out by hand; inputs set with `--set`, in a
//! link or in a scenario file; bad values named.

use std::process::{Command, Output};

use serde_json::Value;

fn envelope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_envelope"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the envelope binary runs")
}

fn ok(args: &[&str]) -> String {
    let o = envelope(args);
    assert!(
        o.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// Runs `args`, expects exit status 2 and nothing on stdout; gives stderr.
fn fails(args: &[&str]) -> String {
    let o = envelope(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert!(o.stdout.is_empty(), "{args:?}");
    String::from_utf8(o.stderr).expect("UTF-8")
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&ok(&args)).expect("JSON")
}

/// The base value of figure `key`.
fn figure(doc: &Value, key: &str) -> f64 {
    doc["section"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no figure {key}"))["value"]["value"]
        .as_f64()
        .unwrap()
}

/// The input `key` of a JSON outcome.
fn input<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no input {key}"))
}

/// The line of `text` that starts, after its indent, with `start`.
fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line {start:?} in\n{text}"))
}

#[test]
fn without_a_name_the_tools_are_listed() {
    let out = ok(&["tool"]);
    let names: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["bloom", "ids", "quorum", "shards", "cache", "latency", "backoff"]
    );
    let e = fails(&["tool", "sketch", "v=1"]);
    assert_eq!(
        e,
        "error: unknown tool 'sketch'; valid tools: bloom, ids, quorum, shards, cache, latency, backoff\n"
    );
    let e = fails(&["tool", "bloom"]);
    assert!(e.starts_with("error: no scenario given"), "{e}");
}

#[test]
fn bloom_a_million_items_at_one_percent() {
    let args = [
        "tool",
        "bloom",
        "v=1",
        "--set",
        "bloom.items=1M",
        "--set",
        "bloom.false_positive_rate=1%",
    ];
    // m = -n ln p / (ln 2)^2 = 1e6 x 4.605170 / 0.480453 = 9,585,058.4,
    // rounded up: 9,585,059 bits = 1,198,132 bytes; k = 9.585 x ln 2 =
    // 6.64 -> 7 hashes.
    let text = ok(&args);
    assert!(line(&text, "Bits  ").ends_with("9.585 M"), "{text}");
    assert!(line(&text, "Size  ").ends_with("1.198 MB"), "{text}");
    assert!(line(&text, "Hash functions  ").ends_with(" 7"), "{text}");
    assert!(
        text.contains("      = ceil(-n ln p / (ln 2)^2) = ceil(-1,000,000 x ln 0.01 / 0.4805)"),
        "{text}"
    );
    assert!(
        line(&text, "bloom.items  ").ends_with("set by you"),
        "{text}"
    );
    assert!(
        line(&text, "bloom.bits_per_item  ").ends_with("default"),
        "{text}"
    );
    let doc = json(&args);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"], "bloom");
    assert_eq!(figure(&doc, "bloom.bits"), 9_585_059.0);
    assert_eq!(figure(&doc, "bloom.bytes"), 9_585_059.0 / 8.0);
    assert_eq!(figure(&doc, "bloom.hashes"), 7.0);
    let items = input(&doc, "bloom.items");
    assert_eq!(items["from"], "set");
    assert_eq!(items["value"]["value"], 1e6);
    assert_eq!(items["text"], "1 M");
}

#[test]
fn bloom_items_come_from_the_scenario_and_say_so() {
    // The default scenario: 1 M writes a day kept 1,825 days = 1.825 bn
    // objects.
    let doc = json(&["tool", "bloom", "v=1"]);
    let items = input(&doc, "bloom.items");
    assert_eq!(items["from"], "scenario");
    assert_eq!(items["value"]["value"], 1.825e9);
    assert!(items["note"]
        .as_str()
        .unwrap()
        .starts_with("n = 1.825 bn objects from the scenario"));
    assert_eq!(input(&doc, "bloom.false_positive_rate")["from"], "default");
    assert!(input(&doc, "bloom.false_positive_rate")
        .get("note")
        .is_none());
    let text = ok(&["tool", "bloom", "v=1"]);
    assert!(
        text.contains("from the scenario\n      n = 1.825 bn objects from the scenario: 1 M write requests/day x 1,825 days kept"),
        "{text}"
    );
}

#[test]
fn ids_a_41_bit_millisecond_timestamp_lasts_69_7_years() {
    let args = [
        "tool",
        "ids",
        "v=1",
        "--set",
        "ids.timestamp_bits=41",
        "--set",
        "ids.tick_seconds=1ms",
        "--set",
        "ids.sequence_bits=12",
    ];
    // 2^41 ms = 2,199,023,255.552 s; / (365 x 86,400 s) = 69.73 years.
    let doc = json(&args);
    let lifetime = figure(&doc, "ids.lifetime");
    assert!((lifetime - 2_199_023_255.552).abs() < 1e-3, "{lifetime}");
    assert!((lifetime / 31_536_000.0 - 69.73).abs() < 0.005);
    // 12 sequence bits: 2^12 = 4,096 ids per ms per machine.
    assert_eq!(figure(&doc, "ids.per_tick"), 4096.0);
    assert_eq!(input(&doc, "ids.tick_seconds")["text"], "1 ms");
    let text = ok(&args);
    assert!(
        text.contains(
            "= 2^41 ticks x 1 ms = 2,199,023,256 s / 31,536,000 s per 365-day year = 69.73 years"
        ),
        "{text}"
    );
}

#[test]
fn quorum_of_three_with_two_and_two_overlaps() {
    let args = [
        "tool",
        "quorum",
        "v=1",
        "--set",
        "quorum.replicas=3",
        "--set",
        "quorum.read_quorum=2",
        "--set",
        "quorum.write_quorum=2",
    ];
    // R + W - N = 2 + 2 - 3 = 1 replica in every read and write quorum;
    // N - R = 1 failure survived; 1 - (0.001^3 + 3 x 0.999 x 0.001^2) =
    // 1 - 2.998e-6 = 99.9997%.
    let doc = json(&args);
    assert_eq!(figure(&doc, "quorum.read_write_overlap"), 1.0);
    assert_eq!(figure(&doc, "quorum.read_failures"), 1.0);
    let a = figure(&doc, "quorum.read_availability");
    assert!((a - (1.0 - 2.998e-6)).abs() < 1e-12, "{a}");
    let text = ok(&args);
    assert!(
        text.contains("R + W - N = 2 + 2 - 3: R + W > N, every read sees the latest write"),
        "{text}"
    );
    // N alone: R and W follow it as a majority, 3 of 5.
    let doc = json(&["tool", "quorum", "v=1", "--set", "quorum.replicas=5"]);
    assert_eq!(input(&doc, "quorum.read_quorum")["value"]["value"], 3.0);
    assert!(input(&doc, "quorum.read_quorum")["note"]
        .as_str()
        .unwrap()
        .contains("R = 3, a majority of the 5 replicas"));
    assert_eq!(figure(&doc, "quorum.read_write_overlap"), 1.0);
    // The scenario's replication gives N.
    let doc = json(&["tool", "quorum", "v=1&replication=5"]);
    assert_eq!(input(&doc, "quorum.replicas")["value"]["value"], 5.0);
    assert_eq!(input(&doc, "quorum.replicas")["from"], "scenario");
}

#[test]
fn shards_bound_by_data_and_keys_moved_on_a_join() {
    let args = [
        "tool",
        "shards",
        "v=1",
        "--set",
        "shards.data_bytes=10TB",
        "--set",
        "shards.shard_bytes=1TB",
        "--set",
        "shards.writes_per_second=5k",
        "--set",
        "shards.reads_per_second=5k",
        "--set",
        "shards.servers=10",
    ];
    // 10 TB / 1 TB = 10 shards; 5,000 / 1,000 = 5; 5,000 / 10,000 -> 1:
    // data binds. A server joining 10 takes 1 / 11 = 9.09% of the keys.
    let doc = json(&args);
    assert_eq!(figure(&doc, "shards.count"), 10.0);
    assert_eq!(figure(&doc, "shards.by_writes"), 5.0);
    assert!((figure(&doc, "shards.moved_on_join") - 1.0 / 11.0).abs() < 1e-15);
    assert!(ok(&args).contains("bound by data"));
}

#[test]
fn cache_misses_reach_the_database() {
    let args = [
        "tool",
        "cache",
        "v=1",
        "--set",
        "cache.hit_ratio=80%",
        "--set",
        "cache.requests_per_second=10k",
        "--set",
        "cache.bytes_per_second=1GB/s",
    ];
    // (1 - 0.8) x 10,000 = 2,000 requests/s; 0.2 x 1 GB/s = 200 MB/s.
    let doc = json(&args);
    assert!((figure(&doc, "cache.db_requests") - 2000.0).abs() < 1e-9);
    assert!((figure(&doc, "cache.db_bytes") - 200e6).abs() < 1e-3);
    let text = ok(&args);
    assert!(
        line(&text, "cache.bytes_per_second").contains("1 GB/s (8 Gbps)"),
        "{text}"
    );
}

#[test]
fn latency_budget_and_queue() {
    let args = [
        "tool",
        "latency",
        "v=1",
        "--set",
        "latency.steps=datacenter_round_trip:2, continent_round_trip",
        "--set",
        "latency.arrival_rate=3k",
        "--set",
        "latency.servers=4",
        "--set",
        "latency.service_rate=1k",
    ];
    // Dean: 2 x 500 us + 150 ms = 151 ms; rho = 3,000 / (4 x 1,000) = 75%.
    let doc = json(&args);
    assert!((figure(&doc, "latency.budget") - 0.151).abs() < 1e-12);
    assert_eq!(figure(&doc, "latency.utilisation"), 0.75);
    assert_eq!(
        input(&doc, "latency.steps")["text"],
        "datacenter_round_trip:2,continent_round_trip"
    );
    // Colin Scott's figures: a round trip is 500 us there too.
    let doc = json(&[&args[..], &["--set", "latency.source=scott2020"]].concat());
    assert!((figure(&doc, "latency.budget") - 0.151).abs() < 1e-12);
    assert_eq!(input(&doc, "latency.source")["text"], "scott2020");
    let text = ok(&args);
    assert!(
        text.contains("= 2 x 500 us + 1 x 150 ms = 151 ms"),
        "{text}"
    );
}

#[test]
fn backoff_retry_storm() {
    let args = [
        "tool",
        "backoff",
        "v=1",
        "--set",
        "backoff.requests_per_second=1k",
        "--set",
        "backoff.failure_rate=50%",
    ];
    // 1 + 0.5 + 0.25 + 0.125 + 0.0625 + 0.03125 = 1.96875 attempts;
    // 1,000 /s x 1.96875 = 1,968.75 /s.
    let doc = json(&args);
    assert_eq!(figure(&doc, "backoff.load"), 1968.75);
    // Equal jitter: three quarters of 3.1 s of ceilings = 2.325 s.
    let doc = json(&[&args[..], &["--set", "backoff.jitter=equal"]].concat());
    assert!((figure(&doc, "backoff.mean_total_wait") - 2.325).abs() < 1e-12);
    assert!(ok(&args).contains("1 + q + ... + q^r = 1 + 0.5 + ... + 0.5^5"));
}

#[test]
fn markdown_has_the_inputs_and_the_figures() {
    let out = ok(&[
        "tool",
        "bloom",
        "--preset",
        "photo-uploads",
        "--format",
        "markdown",
    ]);
    assert!(out.starts_with("# Bloom filter\n"), "{out}");
    assert!(out.contains("Scenario: Photo uploads\n"), "{out}");
    assert!(out.contains("| Items | `bloom.items` | "), "{out}");
    assert!(out.contains("| Hash functions | 7 | "), "{out}");
}

#[test]
fn set_a_link_and_a_file_give_the_same_outcome() {
    let by_set = ok(&[
        "tool",
        "bloom",
        "v=1",
        "--set",
        "bloom.items=1M",
        "--set",
        "bloom.false_positive_rate=0.1%",
    ]);
    let by_link = ok(&[
        "tool",
        "bloom",
        "v=1&bloom.items=1M&bloom.false_positive_rate=0.1%25",
    ]);
    assert_eq!(by_set, by_link);
    // The scenario (with its follow-up inputs) as JSON, read back.
    let scenario = ok(&[
        "scenario",
        "v=1&bloom.items=1M&bloom.false_positive_rate=0.1%25",
    ]);
    assert!(
        scenario.contains("\"followup\": {\n    \"bloom.false_positive_rate\": 0.001,\n    \"bloom.items\": 1000000.0\n  }"),
        "{scenario}"
    );
    let path = std::env::temp_dir().join(format!("envelope-tool-{}.json", std::process::id()));
    std::fs::write(&path, &scenario).unwrap();
    let by_file = ok(&["tool", "bloom", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(by_file, by_link);
    // And its share link carries them.
    let url = ok(&["url", "v=1", "--set", "bloom.items=1M"]);
    assert_eq!(url, "http://127.0.0.1:8080/?v=1&bloom.items=1M\n");
}

#[test]
fn bad_values_exit_2_naming_the_field() {
    let e = fails(&["tool", "quorum", "v=1", "--set", "quorum.replicas=0"]);
    assert_eq!(
        e,
        "error: quorum.replicas: Replicas (N): must be at least 1 (got 0)\n"
    );
    // Checked across inputs when the calculator runs: R is at most N.
    let e = fails(&["tool", "quorum", "v=1", "--set", "quorum.read_quorum=4"]);
    assert_eq!(
        e,
        "error: quorum.read_quorum: Read quorum (R): must be at most 3 (got 4)\n"
    );
    let e = fails(&["tool", "bloom", "v=1", "--set", "bloom.items=1M..10M"]);
    assert_eq!(
        e,
        "error: bloom.items: Items: takes a single value, not a range (follow-up inputs are not sampled)\n"
    );
    let e = fails(&[
        "tool",
        "bloom",
        "v=1",
        "--set",
        "bloom.false_positive_rate=lots",
    ]);
    assert!(
        e.starts_with("error: bloom.false_positive_rate: False-positive rate: 'lots' is not"),
        "{e}"
    );
    let e = fails(&[
        "tool",
        "latency",
        "v=1",
        "--set",
        "latency.steps=warp\u{1b}[2J",
    ]);
    assert!(
        e.starts_with("error: latency.steps: Steps: step 1: unknown operation \"warp\\u{1b}[2J\""),
        "{e}"
    );
    let e = fails(&["tool", "bloom", "v=1", "--set", "bloom.nope=1"]);
    assert!(
        e.starts_with("error: bloom.nope: unknown field 'bloom.nope'"),
        "{e}"
    );
    // A link's bad value is a warning, and the input keeps its source.
    let o = envelope(&["tool", "bloom", "v=1&bloom.items=0", "--format", "json"]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "warning: bloom.items: Items: must be at least 1 (got 0)\n"
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(input(&doc, "bloom.items")["from"], "scenario");
    // Also over a busy queue: the calculator's own error, named.
    let e = fails(&[
        "tool",
        "latency",
        "v=1",
        "--set",
        "latency.arrival_rate=5k",
        "--set",
        "latency.servers=4",
        "--set",
        "latency.service_rate=1k",
    ]);
    assert!(e.starts_with("error: latency.arrival_rate: "), "{e}");
}

#[test]
fn every_tool_runs_on_every_preset_in_every_format() {
    for name in [
        "bloom", "ids", "quorum", "shards", "cache", "latency", "backoff",
    ] {
        for preset in ["photo-uploads", "twitter", "login-peak"] {
            for format in ["text", "markdown", "json"] {
                let out = ok(&["tool", name, "--preset", preset, "--format", format]);
                assert!(
                    !out.contains("NaN") && !out.contains("inf"),
                    "{name} {preset}"
                );
            }
        }
    }
}
