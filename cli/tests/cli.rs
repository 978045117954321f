//! The `envelope` binary end to end: every preset in every format, share
//! links, bad input, availability tables, charts and help.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use envelope_core::{estimate, link, presets, REPORT_VERSION};
use serde_json::Value;

const FORMATS: [&str; 3] = ["text", "markdown", "json"];

fn envelope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_envelope"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the envelope binary runs")
}

fn envelope_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_envelope"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the envelope binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// Runs `args`, expects success, returns stdout.
fn ok(args: &[&str]) -> String {
    let o = envelope(args);
    assert!(o.status.success(), "{args:?} failed: {}", stderr(&o));
    stdout(&o)
}

/// Runs `args`, expects exit status 2 and nothing on stdout, returns stderr.
fn fails(args: &[&str]) -> String {
    let o = envelope(args);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?}: {}{}",
        stdout(&o),
        stderr(&o)
    );
    assert!(o.stdout.is_empty(), "{args:?} printed {}", stdout(&o));
    stderr(&o)
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).expect("valid JSON")
}

/// The base value of figure `key` in a JSON report.
fn value(report: &Value, key: &str) -> f64 {
    report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["figures"].as_array().unwrap())
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no figure {key}"))["value"]["value"]
        .as_f64()
        .unwrap()
}

fn temp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn every_preset_in_every_format() {
    for preset in presets::presets() {
        let expected = estimate(&presets::preset_scenario(preset.key).unwrap()).unwrap();
        for format in FORMATS {
            let out = ok(&["estimate", "--preset", preset.key, "--format", format]);
            assert!(!out.is_empty());
            match format {
                "json" => {
                    let got: Value = serde_json::from_str(&out).unwrap();
                    assert_eq!(got["version"], REPORT_VERSION);
                    assert_eq!(
                        got,
                        serde_json::to_value(&expected).unwrap(),
                        "{}",
                        preset.key
                    );
                }
                "text" => {
                    assert!(out.starts_with(&format!("{}\nConventions: ", expected.name)));
                    for figure in expected.figures() {
                        assert!(
                            out.contains(&figure.label),
                            "{}: {}",
                            preset.key,
                            figure.label
                        );
                        assert!(out.contains(&format!("= {}\n", figure.derivation)));
                    }
                }
                _ => {
                    assert!(out.starts_with(&format!("# {}\n", expected.name)));
                    for section in &expected.sections {
                        assert!(out.contains(&format!("\n## {}\n", section.title)));
                    }
                    assert_eq!(
                        out.matches("| Figure | Value | How |").count(),
                        expected.sections.len()
                    );
                }
            }
        }
        // Interview mode too.
        assert!(ok(&["estimate", "--preset", preset.key, "--rough"]).contains(" ~ "));
    }
}

#[test]
fn the_worked_examples_give_their_known_values() {
    let photos = json(&["estimate", "--preset", "photo-uploads", "-f", "json"]);
    assert_eq!(value(&photos, "storage.per_day"), 15e12);
    assert_eq!(value(&photos, "storage.per_month"), 450e12);

    let login = json(&["estimate", "--preset", "login-peak", "--format", "json"]);
    let peak = value(&login, "total.peak_rps");
    assert!(close(peak, 10e6 * 0.2 / 3600.0), "{peak}");
    assert!((peak - 555.555).abs() < 0.001);

    let bandwidth = json(&["estimate", "--preset", "bandwidth", "--format", "json"]);
    assert_eq!(value(&bandwidth, "bandwidth.egress_peak"), 50e6);
    let text = ok(&["estimate", "--preset", "bandwidth"]);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Egress, peak"))
        .unwrap();
    assert!(line.contains("50 MB/s (400 Mbps)"), "{line}");
    let md = ok(&["estimate", "--preset", "bandwidth", "--format", "markdown"]);
    assert!(md.contains("| Egress, peak | 50 MB/s (400 Mbps) |"), "{md}");
    let text = ok(&["estimate", "--preset", "login-peak"]);
    assert!(text.contains("555.6 req/s"));
}

#[test]
fn a_share_link_gives_the_same_numbers_as_its_preset() {
    for preset in presets::presets() {
        let scenario = presets::preset_scenario(preset.key).unwrap();
        let query = link::encode(&scenario);
        let from_preset = json(&["estimate", "--preset", preset.key, "--format", "json"]);
        let url = format!("http://127.0.0.1:8080/?{query}");
        let question = format!("?{query}");
        for input in [url.as_str(), question.as_str(), query.as_str()] {
            let o = envelope(&["estimate", input, "--format", "json"]);
            assert!(o.status.success(), "{input}: {}", stderr(&o));
            assert!(o.stderr.is_empty(), "{input}: warnings {}", stderr(&o));
            let from_link: Value = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(from_link, from_preset, "{}", preset.key);
        }
    }
}

#[test]
fn url_prints_the_share_link_and_it_reads_back() {
    let url = ok(&["url", "--preset", "photo-uploads"]);
    let url = url.trim_end();
    assert!(url.starts_with("http://127.0.0.1:8080/?v=1&"), "{url}");
    let scenario = presets::preset_scenario("photo-uploads").unwrap();
    assert_eq!(link::decode(url).scenario, scenario);
    assert_eq!(
        ok(&[
            "url",
            "--preset",
            "login-peak",
            "--base",
            "https://envelope.example/app"
        ]),
        format!(
            "https://envelope.example/app?{}\n",
            link::encode(&presets::preset_scenario("login-peak").unwrap())
        )
    );
    // A share link round-trips through a scenario file.
    let file = temp("from-url.json");
    std::fs::write(&file, ok(&["scenario", url])).unwrap();
    assert_eq!(ok(&["url", file.to_str().unwrap()]).trim_end(), url);
}

#[test]
fn scenario_json_from_a_file_and_from_stdin() {
    let text = ok(&["scenario", "--preset", "twitter"]);
    let file = temp("twitter.json");
    std::fs::write(&file, &text).unwrap();
    let expected = ok(&["estimate", "--preset", "twitter", "-f", "json"]);
    assert_eq!(
        ok(&["estimate", file.to_str().unwrap(), "-f", "json"]),
        expected
    );
    let o = envelope_with_stdin(&["estimate", "-", "-f", "json"], &text);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), expected);
}

#[test]
fn link_warnings_go_to_stderr_and_do_not_fail() {
    let o = envelope(&["estimate", "?dau=abc&peak=3x", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with("warning: dau: Daily active users: 'abc' is not a number"),
        "{err}"
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        value(&report, "users.daily_active"),
        1e6,
        "the default stays"
    );
}

#[test]
fn an_out_of_range_scenario_is_an_error_naming_the_field() {
    let file = temp("negative.json");
    std::fs::write(&file, r#"{"users": {"daily": {"daily_active": -5}}}"#).unwrap();
    for command in ["estimate", "url", "scenario"] {
        let err = fails(&[command, file.to_str().unwrap()]);
        assert!(err.starts_with("error: dau: Daily active users: "), "{err}");
        assert!(err.contains("-5"), "{err}");
    }
    let err = fails(&["chart", "storage-growth", file.to_str().unwrap(), "-o", "-"]);
    assert!(err.starts_with("error: dau: "), "{err}");
}

#[test]
fn bad_files_and_names_exit_2_with_a_message() {
    let bad = temp("bad.json");
    std::fs::write(&bad, "{\n  \"name\": \"x\",\n  \"users\": 12\n}\n").unwrap();
    let err = fails(&["estimate", bad.to_str().unwrap()]);
    assert!(
        err.starts_with("error: ") && err.contains("bad.json"),
        "{err}"
    );
    assert!(err.contains("line 3 column"), "{err}");

    let unknown = temp("unknown-field.json");
    std::fs::write(&unknown, r#"{"dau": 5}"#).unwrap();
    assert!(fails(&["estimate", unknown.to_str().unwrap()]).contains("unknown field `dau`"));

    let err = fails(&["estimate", "/no/such/scenario.json"]);
    assert!(
        err.contains("cannot read '/no/such/scenario.json'"),
        "{err}"
    );

    let err = fails(&["estimate", "--preset", "nope"]);
    assert!(err.contains("unknown preset 'nope'"), "{err}");
    for preset in presets::presets() {
        assert!(err.contains(preset.key), "{err}");
    }

    let err = fails(&["chart", "pie", "--preset", "photo-uploads", "-o", "-"]);
    assert!(
        err.contains("storage-growth") && err.contains("bandwidth-by-class"),
        "{err}"
    );

    fails(&["estimate"]);
    fails(&["estimate", "--preset", "bandwidth", "--format", "yaml"]);
    fails(&["estimate", "x.json", "--preset", "bandwidth"]);
    fails(&["availability", "lots"]);
    fails(&["availability", "99.9%", "--month", "31"]);
    fails(&["nonsense"]);
}

#[test]
fn availability_tables() {
    let out = ok(&["availability", "99.9%"]);
    assert!(out.starts_with("Availability 99.9% (3 nines)\n"), "{out}");
    let year = out
        .lines()
        .find(|l| l.contains("per 365-day year"))
        .unwrap();
    assert!(year.ends_with(" 8h 45m 36s"), "{year}");
    let month = out
        .lines()
        .find(|l| l.contains("per 30-day month"))
        .unwrap();
    assert!(month.ends_with(" 43m 12s"), "{month}");

    // Other spellings, unquoted words, and budgets.
    for input in [
        &["0.999"][..],
        &["3", "nines"],
        &["three nines"],
        &["43m 12s per month"],
    ] {
        let mut args = vec!["availability"];
        args.extend_from_slice(input);
        assert_eq!(ok(&args), out, "{input:?}");
    }

    let out = ok(&[
        "availability",
        "99.9%",
        "--month",
        "30.44",
        "--year",
        "365.25",
    ]);
    assert!(out.contains("per 30.44-day month"), "{out}");
    assert!(out.contains("per 365.25-day year"), "{out}");

    let table = json(&["availability", "four nines", "--format", "json"]);
    assert_eq!(table["availability_text"], "99.99%");
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let year = rows.iter().find(|r| r["period"] == "year").unwrap();
    assert!(close(year["downtime_seconds"].as_f64().unwrap(), 3153.6));

    let md = ok(&["availability", "99.95%", "--format", "markdown"]);
    assert!(md.contains("| Period | Downtime |"), "{md}");
}

#[test]
fn charts_are_written_as_svg() {
    let out = temp("x.svg");
    let alt = ok(&[
        "chart",
        "storage-growth",
        "--preset",
        "photo-uploads",
        "-o",
        out.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
        "{svg}"
    );
    assert!(svg.contains("width=\"640\""), "a file has a natural size");
    assert!(!alt.trim().is_empty());
    assert!(svg.contains("aria-label="));

    for kind in [
        "storage-growth",
        "daily-traffic",
        "storage-by-class",
        "bandwidth-by-class",
    ] {
        let o = envelope(&[
            "chart", kind, "--preset", "twitter", "-o", "-", "--size", "800x400",
        ]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let svg = stdout(&o);
        assert!(
            svg.starts_with("<svg") && svg.contains("viewBox=\"0 0 800 400\""),
            "{kind}"
        );
        assert!(!stderr(&o).trim().is_empty(), "the alt text goes to stderr");
    }
}

#[test]
fn presets_are_listed_key_first() {
    let out = ok(&["presets"]);
    let lines: Vec<&str> = out.lines().collect();
    let all = presets::presets();
    assert_eq!(lines.len(), all.len());
    for (line, preset) in lines.iter().zip(&all) {
        assert!(line.starts_with(&format!("{}  ", preset.key)), "{line}");
        assert!(line.contains(&format!("{} \u{2014} {}", preset.title, preset.description)));
    }
    assert!(lines[0].starts_with("photo-uploads  Photo uploads (worked example) \u{2014} "));
}

#[test]
fn help_works_for_every_subcommand() {
    let top = ok(&["--help"]);
    let subcommands = [
        "estimate",
        "url",
        "availability",
        "chart",
        "presets",
        "scenario",
        "schema",
    ];
    for sub in subcommands {
        assert!(top.contains(sub), "{sub} missing from --help");
        let help = ok(&[sub, "--help"]);
        assert!(help.contains("Usage: envelope"), "{sub}: {help}");
        assert!(help.contains("Examples:"), "{sub}: {help}");
        assert_eq!(ok(&["help", sub]), help);
        assert!(ok(&[sub, "-h"]).contains("Examples:"));
    }
    assert!(ok(&["--version"]).starts_with("envelope "));
}

#[test]
fn no_colour_when_not_a_terminal() {
    let o = envelope(&["estimate", "--preset", "nope"]);
    assert!(!o.stderr.contains(&0x1b));
    let o = Command::new(env!("CARGO_BIN_EXE_envelope"))
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!o.stderr.contains(&0x1b), "{}", stderr(&o));
}

#[test]
fn the_documented_minimal_scenario_works() {
    // docs/json.md, "Scenario": keep the two in step.
    let file = temp("minimal.json");
    std::fs::write(
        &file,
        r#"{
  "name": "Photo uploads",
  "users": { "daily": { "daily_active": 1e6 } },
  "classes": [
    { "name": "upload photo", "direction": "write",
      "frequency": { "per_user_per_day": 5 }, "bytes_in": 3e6 }
  ]
}"#,
    )
    .unwrap();
    let report = json(&["estimate", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(value(&report, "storage.per_day"), 15e12);
    assert_eq!(report["server_bound"], "requests");
    assert_eq!(
        report,
        json(&["estimate", "--preset", "photo-uploads", "--format", "json"]),
        "the photo-uploads preset is this scenario"
    );
}

// Ranges, seeds and samples.

/// The spread of figure `key` in a JSON report's simulation.
fn spread<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["simulation"]["outputs"]
        .as_array()
        .expect("a simulation")
        .iter()
        .find(|o| o["key"] == key)
        .unwrap_or_else(|| panic!("no spread of {key}"))
}

/// A spread's `what` (`p5`, `p50`, ...) in the base unit.
fn at(spread: &Value, what: &str) -> f64 {
    spread[what]["value"].as_f64().unwrap()
}

fn within(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * b.abs()
}

#[test]
fn a_ranged_link_gives_percentiles_matching_the_hand_computed_ones() {
    // Default scenario: 11 requests per user per day, 2x peak, 86,400 s/day,
    // so peak = users x 22 / 86,400: 254.6/s at 1M users (the range's p5),
    // 2,546/s at 10M (its p95), 805.2/s at the median sqrt(1M x 10M).
    let report = json(&["estimate", "dau=1M..10M", "--format", "json"]);
    let peak = spread(&report, "total.peak_rps");
    let per_user = 22.0 / 86_400.0;
    assert!(within(at(peak, "p5"), 1e6 * per_user, 0.03), "{peak}");
    assert!(within(at(peak, "p95"), 10e6 * per_user, 0.03), "{peak}");
    assert!(
        within(at(peak, "p50"), 3_162_277.66 * per_user, 0.03),
        "{peak}"
    );
    assert!(within(at(peak, "point"), 805.2, 1e-4), "{peak}");
    assert!(within(at(peak, "p5"), 254.6, 0.03) && within(at(peak, "p95"), 2546.3, 0.03));
    // The report's own value is the point estimate, at the median.
    assert!(close(value(&report, "total.peak_rps"), at(peak, "point")));

    let sim = &report["simulation"];
    assert_eq!(sim["version"], 1);
    assert_eq!(sim["samples"], 10_000);
    assert_eq!(sim["seed"], 1);
    let inputs = sim["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0]["field"], "dau");
    assert_eq!(inputs[0]["distribution"], "lognormal");
    assert_eq!(inputs[0]["low"]["value"], 1e6);
    assert_eq!(inputs[0]["high"]["value"], 10e6);
    let tornado = &sim["tornadoes"][0];
    assert_eq!(tornado["key"], "total.peak_rps");
    let swing = &tornado["swings"][0];
    assert_eq!(swing["field"], "dau");
    assert!(within(
        swing["at_low"]["value"].as_f64().unwrap(),
        254.63,
        1e-4
    ));
    assert!(within(
        swing["at_high"]["value"].as_f64().unwrap(),
        2546.3,
        1e-4
    ));
    assert_eq!(sim["histograms"].as_array().unwrap().len(), 5);
}

#[test]
fn the_json_simulation_is_ordered_and_follows_the_report() {
    let report = json(&[
        "estimate",
        "--preset",
        "twitter",
        "--set",
        "dau=100M..300M",
        "--set",
        "c1.out=50KB..200KB",
        "--set",
        "growth=-10%..30%",
        "--format",
        "json",
    ]);
    let outputs = report["simulation"]["outputs"].as_array().unwrap();
    let figures: Vec<&Value> = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["figures"].as_array().unwrap())
        .collect();
    assert_eq!(outputs.len(), figures.len());
    for (spread, figure) in outputs.iter().zip(&figures) {
        assert_eq!(spread["key"], figure["key"]);
        assert_eq!(spread["point"], figure["value"], "{}", figure["key"]);
        let (p5, p50, p95) = (at(spread, "p5"), at(spread, "p50"), at(spread, "p95"));
        assert!(p5 <= p50 && p50 <= p95, "{spread}");
    }
    let inputs: Vec<(&str, &str)> = report["simulation"]["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["field"].as_str().unwrap(),
                i["distribution"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        inputs,
        [
            ("dau", "lognormal"),
            ("growth", "normal"),
            ("classes.1.out", "lognormal")
        ]
    );
}

#[test]
fn the_same_link_gives_the_same_bytes_and_another_seed_does_not() {
    for format in FORMATS {
        let args = ["estimate", "dau=1M..10M&c1.out=50KB..200KB", "-f", format];
        assert_eq!(ok(&args), ok(&args), "{format}");
    }
    let seed1 = json(&["estimate", "dau=1M..10M", "-f", "json"]);
    let seed2 = json(&["estimate", "dau=1M..10M", "--seed", "2", "-f", "json"]);
    assert_eq!(seed2["simulation"]["seed"], 2);
    let (a, b) = (
        spread(&seed1, "total.peak_rps"),
        spread(&seed2, "total.peak_rps"),
    );
    assert_eq!(a["point"], b["point"], "the point estimate does not move");
    assert_ne!(a["p5"], b["p5"]);
    assert_ne!(a["p95"], b["p95"]);
    // --seed is the link's seed= over whatever the link said.
    assert_eq!(
        ok(&["estimate", "dau=1M..10M&seed=2"]),
        ok(&["estimate", "dau=1M..10M&seed=9", "--seed", "2"])
    );
    assert_ne!(
        ok(&["estimate", "dau=1M..10M"]),
        ok(&["estimate", "dau=1M..10M", "--seed", "2"])
    );
    let more = json(&["estimate", "dau=1M..10M", "--samples", "20k", "-f", "json"]);
    assert_eq!(more["simulation"]["samples"], 20_000);
}

#[test]
fn text_shows_percentiles_inputs_and_what_moves_each_headline() {
    let link = "dau=1M..10M&seed=3&samples=2000";
    let text = ok(&["estimate", link]);
    let report = json(&["estimate", link, "-f", "json"]);
    let c = envelope_core::Conventions::default();
    let m = |kind: &str, v: &Value| {
        let kind = match kind {
            "rate" => envelope_core::Kind::Rate,
            "count" => envelope_core::Kind::Count,
            other => panic!("{other}"),
        };
        envelope_core::format::measure(
            &envelope_core::Measure::from_base(kind, v.as_f64().unwrap()),
            &c,
        )
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[2],
        "Percentiles of 2,000 samples with seed 3; ranges read as 90% intervals."
    );
    assert!(
        text.contains(
            "\nRanged inputs\n  Daily active users  1 M to 10 M  lognormal  median 3.162 M\n"
        ),
        "{text}"
    );
    // Under each figure, its percentiles (as in the JSON), then its derivation.
    let at_peak = lines
        .iter()
        .position(|l| l.starts_with("  Peak requests/s "))
        .unwrap();
    let peak = spread(&report, "total.peak_rps");
    let words: Vec<&str> = lines[at_peak + 1].split_whitespace().collect();
    let expected = format!(
        "p5 {} p50 {} p95 {} mean {}",
        m("rate", &peak["p5"]["value"]),
        m("rate", &peak["p50"]["value"]),
        m("rate", &peak["p95"]["value"]),
        m("rate", &peak["mean"]["value"])
    );
    assert_eq!(words.join(" "), expected);
    assert!(
        lines[at_peak + 2].starts_with("      = "),
        "{}",
        lines[at_peak + 2]
    );
    // A figure no range moves says so rather than repeating itself.
    let at_ratio = lines
        .iter()
        .position(|l| l.starts_with("  Reads per write "))
        .unwrap();
    assert_eq!(lines[at_ratio + 1], "      the same in every sample");
    // Every figure has its percentile line.
    let spreads = lines
        .iter()
        .filter(|l| l.starts_with("      p5 ") || **l == "      the same in every sample")
        .count();
    let figures = report["simulation"]["outputs"].as_array().unwrap().len();
    assert_eq!(spreads, figures);
    // The tornadoes: the output at the input's p5 and p95.
    let moves = text
        .split("\nWhat moves it most")
        .nth(1)
        .expect("tornadoes");
    assert!(
        moves.contains("\n  Peak requests/s (805.2 req/s)\n    Daily active users  1 M -> 254.6 req/s  10 M -> 2.546 k req/s\n"),
        "{moves}"
    );
    for headline in [
        "Egress, peak",
        "Replicated over the retention period",
        "Application servers",
        "Total per month",
    ] {
        assert!(moves.contains(&format!("\n  {headline} (")), "{headline}");
    }
    // Rough mode keeps its column.
    let rough = ok(&["estimate", link, "--rough"]);
    assert!(rough.contains(" ~ ") && rough.contains("      p5 "));
}

#[test]
fn markdown_gets_percentile_columns_and_tables() {
    for rough in [false, true] {
        let mut args = vec!["estimate", "dau=1M..10M", "--format", "markdown"];
        if rough {
            args.push("--rough");
        }
        let md = ok(&args);
        assert!(md.contains(
            "\nPercentiles of 10,000 samples with seed 1; ranges read as 90% intervals."
        ));
        assert!(md.contains(
            "\n## Ranged inputs\n\n| Input | Low (p5) | High (p95) | Distribution | Median |\n"
        ));
        assert!(
            md.contains("| Daily active users | 1 M | 10 M | lognormal | 3.162 M |"),
            "{md}"
        );
        let head = if rough {
            "| Figure | Value | p5 | p50 | p95 | Mean | How | Rough | Error | Working |"
        } else {
            "| Figure | Value | p5 | p50 | p95 | Mean | How |"
        };
        assert!(md.contains(head), "{md}");
        assert!(md.contains("\n## What moves it most\n"));
        assert!(
            md.contains("| Daily active users | 1 M | 254.6 req/s | 10 M | 2.546 k req/s |"),
            "{md}"
        );
        // Each table's rows have as many cells as its header.
        for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
            let cells =
                |line: &str| line.len() - line.replace('|', "").len() - line.matches("\\|").count();
            let mut lines = table.lines();
            let width = cells(lines.next().unwrap());
            for line in lines {
                assert_eq!(cells(line), width, "{line}");
            }
        }
    }
}

#[test]
fn point_scenarios_print_as_before_whatever_the_seed() {
    for preset in ["photo-uploads", "twitter"] {
        for format in FORMATS {
            let plain = ok(&["estimate", "--preset", preset, "-f", format]);
            assert!(!plain.contains("Percentiles") && !plain.contains("simulation"));
            let seeded = ok(&[
                "estimate",
                "--preset",
                preset,
                "-f",
                format,
                "--seed",
                "5",
                "--samples",
                "500",
            ]);
            // Markdown's share link carries the seed and samples, as any
            // link to the scenario does; the rest is the same.
            let without_link = |out: &str| {
                out.lines()
                    .filter(|l| !l.starts_with("Link: "))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(without_link(&seeded), without_link(&plain));
            if format == "markdown" {
                assert!(seeded.contains("&samples=500&seed=5&"), "{seeded}");
            } else {
                assert_eq!(seeded, plain);
            }
        }
    }
    // A range with equal ends is a point.
    assert_eq!(ok(&["estimate", "dau=3M..3M"]), ok(&["estimate", "dau=3M"]));
}

#[test]
fn set_edits_the_scenario_like_a_link() {
    assert_eq!(
        ok(&["estimate", "v=1", "--set", "dau=10M", "--set", "peak=3x"]),
        ok(&["estimate", "dau=10M&peak=3x"])
    );
    assert_eq!(
        ok(&["estimate", "v=1", "--set", "dau=1M to 10M", "-f", "json"]),
        ok(&["estimate", "dau=1M..10M", "-f", "json"])
    );
    // Classes by link key or by error key; choices apply first.
    let a = ok(&[
        "estimate",
        "--preset",
        "twitter",
        "--set",
        "c0.in=1KB",
        "--set",
        "bytes=iec",
    ]);
    let b = ok(&[
        "estimate",
        "--preset",
        "twitter",
        "--set",
        "bytes=iec",
        "--set",
        "classes.0.in=1KB",
    ]);
    assert_eq!(a, b);
    // A set field that does not apply is a warning, not an error.
    let o = envelope(&["estimate", "v=1", "--set", "mau=100M"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).starts_with("warning: mau: does not apply to this scenario"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn set_gives_concurrency_and_the_cache_rule_as_said() {
    // "10% of 100 M daily users online, 50K connections per server":
    // 10 M connections, ceil(10 M / (50 K x 70%)) = 286 servers, bound by
    // connections. Setting the share alone chooses it.
    let report = json(&[
        "estimate",
        "v=1",
        "--set",
        "dau=100M",
        "--set",
        "online_share=10%",
        "--set",
        "conn_per_server=50k",
        "-f",
        "json",
    ]);
    assert_eq!(value(&report, "servers.peak_connections"), 10e6);
    assert_eq!(value(&report, "servers.by_connections"), 286.0);
    assert_eq!(report["server_bound"], "connections");
    // The same as the link that names the choice.
    assert_eq!(
        report,
        json(&[
            "estimate",
            "v=1&dau=100M&connections_by=online&online_share=10%25",
            "-f",
            "json"
        ])
    );
    // A fixed 1 TB cache over the default scenario's data kept: 1 M users
    // x 10 KB a day x 1,825 days (5 years) = 18.25 TB; x = 1 / 18.25 =
    // 5.48%, within the 20% hot: hit = 80% x 5.48% / 20% = 21.9%.
    let report = json(&[
        "estimate",
        "v=1",
        "--set",
        "cache_rule=fixed",
        "--set",
        "cache_size=1TB",
        "-f",
        "json",
    ]);
    assert_eq!(value(&report, "cache.memory"), 1e12);
    let hit = value(&report, "cache.read_hit_ratio");
    assert!((hit - 0.8 * (1.0 / 18.25) / 0.2).abs() < 1e-9, "{hit}");
}

#[test]
fn bad_ranges_seeds_and_samples_exit_2_naming_the_field() {
    let err = fails(&["estimate", "dau=1M..10M", "--samples", "50"]);
    assert!(
        err.starts_with("error: samples: Samples: must be at least 100 (got 50)"),
        "{err}"
    );
    let err = fails(&["estimate", "v=1", "--set", "dau=10M..1M"]);
    assert!(
        err.starts_with(
            "error: dau: Daily active users: the low end (10 M) is above the high end (1 M)"
        ),
        "{err}"
    );
    let err = fails(&["estimate", "v=1", "--seed", "-1"]);
    assert!(
        err.starts_with("error: seed: Random seed: must not be negative"),
        "{err}"
    );
    let err = fails(&["estimate", "v=1", "--seed", "abc"]);
    assert!(err.starts_with("error: seed: Random seed: "), "{err}");
    let err = fails(&["estimate", "v=1", "--set", "seed=1..5"]);
    assert!(err.contains("takes a single value, not a range"), "{err}");
    let err = fails(&["estimate", "v=1", "--set", "c0.in=-1KB..5KB"]);
    assert!(err.starts_with("error: classes.0.in: "), "{err}");
    let err = fails(&["estimate", "v=1", "--set", "nope=3", "--set", "c9.in=1KB"]);
    assert!(
        err.starts_with("error: nope: unknown field 'nope'"),
        "{err}"
    );
    assert!(err.contains("\nerror: classes.9.in: "), "{err}");
    for command in ["url", "scenario"] {
        assert!(fails(&[command, "v=1", "--samples", "50"]).contains("Samples"));
    }
    assert!(fails(&["estimate", "v=1", "--set", "dau"]).contains("KEY=VALUE"));
    // A scenario file's bad range is named too.
    let file = temp("bad-range.json");
    std::fs::write(
        &file,
        r#"{"uncertainty": {"ranges": [{"field": "dau", "low": 5e6, "high": 1e6}]}}"#,
    )
    .unwrap();
    let err = fails(&["estimate", file.to_str().unwrap()]);
    assert!(err.starts_with("error: dau: Daily active users: "), "{err}");
}

#[test]
fn url_and_scenario_carry_ranges_seed_and_samples() {
    let url = ok(&["url", "dau=1M..10M&seed=7"]);
    assert!(url.contains("dau=1M..10M"), "{url}");
    assert!(url.contains("seed=7"), "{url}");
    let url = ok(&[
        "url",
        "--preset",
        "twitter",
        "--set",
        "dau=100M..300M",
        "--seed",
        "7",
        "--samples",
        "20k",
    ]);
    let url = url.trim_end();
    for part in ["dau=100M..300M", "seed=7", "samples="] {
        assert!(url.contains(part), "{part}: {url}");
    }
    let decoded = link::decode(url);
    assert!(decoded.warnings.is_empty());
    assert_eq!(decoded.scenario.uncertainty.seed, 7);
    assert_eq!(decoded.scenario.uncertainty.samples, 20_000);

    // scenario JSON carries `uncertainty`, and reads back to the same link
    // and the same estimate.
    let scenario = json(&["scenario", url]);
    let u = &scenario["uncertainty"];
    assert_eq!(u["seed"], 7);
    assert_eq!(u["samples"], 20_000);
    assert_eq!(u["ranges"][0]["field"], "dau");
    assert_eq!(u["ranges"][0]["low"], 100e6);
    assert_eq!(u["ranges"][0]["high"], 300e6);
    let file = temp("ranged.json");
    std::fs::write(&file, serde_json::to_string(&scenario).unwrap()).unwrap();
    let path = file.to_str().unwrap();
    assert_eq!(ok(&["url", path]).trim_end(), url);
    assert_eq!(
        ok(&["estimate", path, "-f", "json"]),
        ok(&["estimate", url, "-f", "json"])
    );
    assert!(json(&["estimate", path, "-f", "json"])["simulation"].is_object());
    // A hand-written file's value beside a range gives way to the median.
    let file = temp("hand-ranged.json");
    std::fs::write(
        &file,
        r#"{"users": {"daily": {"daily_active": 1e6}},
            "uncertainty": {"ranges": [{"field": "dau", "low": 1e6, "high": 1e7}]}}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    assert_eq!(
        ok(&["estimate", path, "-f", "json"]),
        ok(&["estimate", "dau=1M..10M", "-f", "json"])
    );
    assert_eq!(ok(&["url", path]), ok(&["url", "dau=1M..10M"]));
    // A point scenario has no `uncertainty` member.
    assert!(json(&["scenario", "--preset", "twitter"])
        .get("uncertainty")
        .is_none());
}

#[test]
fn the_documented_ranged_scenario_works() {
    // docs/json.md, "Ranges (`uncertainty`)": keep the two in step.
    let file = temp("documented-ranges.json");
    std::fs::write(
        &file,
        r#"{
  "users": { "daily": { "daily_active": 3162277.66 } },
  "uncertainty": {
    "ranges": [
      { "field": "dau", "low": 1e6, "high": 1e7 },
      { "field": "classes.1.out", "low": 50e3, "high": 200e3 }
    ],
    "seed": 7,
    "samples": 20000
  }
}"#,
    )
    .unwrap();
    let report = json(&["estimate", file.to_str().unwrap(), "-f", "json"]);
    let sim = &report["simulation"];
    assert_eq!(
        (sim["seed"].as_u64(), sim["samples"].as_u64()),
        (Some(7), Some(20_000))
    );
    let fields: Vec<&str> = sim["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["dau", "classes.1.out"]);
    let url = ok(&["url", file.to_str().unwrap()]);
    for part in ["&dau=1M..10M&", "&seed=7", "&c1.out=50KB..200KB"] {
        assert!(url.contains(part), "{part}: {url}");
    }
}

#[test]
fn the_work_budget_is_named_from_a_link_a_file_and_set() {
    // 547 figures since issue 15 added the cache hit ratio and database
    // reads: 33,554,432 / 547 = 61,342.
    let budget = "samples x 547 figures is over the work budget of 33,554,432 values; use at most 61,342 samples or fewer request classes";
    // --set and --samples: refused.
    let err = fails(&[
        "estimate",
        "v=1",
        "--set",
        "classes=100",
        "--set",
        "dau=1M..10M",
        "--samples",
        "1M",
    ]);
    assert!(
        err.starts_with(&format!("error: samples: Samples: 1,000,000 {budget}")),
        "{err}"
    );
    // A scenario file: refused.
    let file = temp("over-budget.json");
    let mut s = envelope_core::Scenario::default();
    s.classes.resize(100, Default::default());
    envelope_core::fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
    s.uncertainty.samples = 1_000_000;
    std::fs::write(&file, serde_json::to_string(&s).unwrap()).unwrap();
    let err = fails(&["estimate", file.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!("error: samples: Samples: 1,000,000 {budget}")),
        "{err}"
    );
    // A link: the samples drop to the most that fit, with a warning, and the
    // rest of the link is kept.
    let mut link = String::from("v=1&dau=1M..10M&samples=1M&seed=4&classes=100");
    for i in 0..100 {
        link += &format!("&c{i}.kind=write&c{i}.in=2KB");
    }
    let o = envelope(&["estimate", &link, "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let warning = stderr(&o);
    assert!(
        warning.contains("Samples: 1,000,000 samples x "),
        "{warning}"
    );
    assert!(warning.contains("over the work budget"), "{warning}");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let samples = v["simulation"]["samples"].as_u64().unwrap();
    let figures = v["simulation"]["outputs"].as_array().unwrap().len() as u64;
    assert!(
        samples * figures <= 1 << 25 && samples > 50_000,
        "{samples}"
    );
    assert_eq!(v["simulation"]["seed"], 4);
}

#[test]
fn samples_that_could_not_be_estimated_are_said() {
    let link = "classes=2&c0.kind=write&c0.count=0..2&c1.name=view";
    let v = json(&["estimate", link, "-f", "json"]);
    let undefined = v["simulation"]["undefined"].as_u64().unwrap();
    assert!(undefined > 0 && undefined < 10_000, "{undefined}");
    let said = format!(
        "{} of 10,000 samples could not be estimated",
        envelope_core::format::number(undefined as f64)
    );
    for format in ["text", "markdown"] {
        let out = ok(&["estimate", link, "-f", format]);
        assert!(out.contains(&said), "{format}: {out}");
    }
    // Nothing said when every sample was estimated.
    assert!(!ok(&["estimate", "dau=1M..10M"]).contains("could not be estimated"));
}

/// Every output of `args` (all three formats): no word that means a figure
/// is not a number, and in JSON no `null` but `error_percent`'s "none".
fn assert_no_inf_nan_or_null(args: &[&str]) {
    for format in FORMATS {
        let mut all = args.to_vec();
        all.extend(["-f", format]);
        let out = ok(&all);
        for word in ["inf", "NaN", "∞"] {
            let hit = out
                .split(|c: char| !c.is_alphanumeric() && c != '∞')
                .any(|w| w == word);
            assert!(!hit, "{all:?} printed {word}:\n{out}");
        }
        if format == "json" {
            let mut stack = vec![(String::new(), serde_json::from_str::<Value>(&out).unwrap())];
            while let Some((path, value)) = stack.pop() {
                match value {
                    Value::Null => assert!(path.ends_with("error_percent"), "{path} is null"),
                    Value::Array(items) => stack.extend(
                        items
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| (format!("{path}[{i}]"), v)),
                    ),
                    Value::Object(members) => {
                        stack.extend(members.into_iter().map(|(k, v)| (format!("{path}.{k}"), v)))
                    }
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn overflowing_inputs_are_named_errors_never_inf() {
    // Each printed `inf` or `NaN` with exit status 0 before.
    for link in [
        "?v=1&growth=100%&retention=1000y",
        "?v=1&fill=1e-300%",
        "?v=1&cache_node=1e-300B",
        "?v=1&shard=1e-300 B",
        "?v=1&nic=1e-300bps",
        "?v=1&growth=100%&retention=1000y&dau=1M..2M&samples=100",
    ] {
        let o = envelope(&["estimate", link]);
        assert!(o.status.success(), "{link}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("warning: "),
            "{link}: {}",
            stderr(&o)
        );
        assert_no_inf_nan_or_null(&["estimate", link]);
    }
    let e = stderr(&envelope(&["estimate", "?v=1&growth=100%&retention=1000y"]));
    assert!(
        e.contains("Retention: with 100% yearly growth, 1,000 years grow the data 2^1,000-fold"),
        "{e}"
    );
    // A file with the same values is refused, naming the field.
    let file = temp("runaway-growth.json");
    std::fs::write(
        &file,
        r#"{"storage": {"yearly_growth": 1.0, "retention_seconds": 31536000000}}"#,
    )
    .unwrap();
    let e = fails(&["estimate", file.to_str().unwrap()]);
    assert!(
        e.starts_with("error: retention: Retention: with 100% yearly growth"),
        "{e}"
    );
}

#[test]
fn a_scenario_file_must_be_an_object() {
    for (name, text) in [
        ("array.json", "[]"),
        ("evil.json", r#"["evil", {"daily": {"daily_active": 5}}]"#),
    ] {
        let file = temp(name);
        std::fs::write(&file, text).unwrap();
        let e = fails(&["estimate", file.to_str().unwrap()]);
        assert!(e.contains("expected a scenario object"), "{e}");
    }
}

#[test]
fn whole_numbers_and_class_numbers_are_exact() {
    let e = fails(&["estimate", "?v=1", "--samples", "1000001"]);
    assert_eq!(
        e,
        "error: samples: Samples: must be at most 1,000,000 (got 1,000,001)\n"
    );
    let e = fails(&["url", "?v=1", "--seed", "9007199254740993"]);
    assert!(e.contains("(got 9,007,199,254,740,993)"), "{e}");
    let e = fails(&["url", "?v=1", "--seed", "1.5"]);
    assert_eq!(
        e,
        "error: seed: Random seed: must be a whole number (got 1.5)\n"
    );
    let e = fails(&["url", "?v=1", "--samples", "150.5"]);
    assert_eq!(
        e,
        "error: samples: Samples: must be a whole number (got 150.5)\n"
    );
    // This panicked (usize overflow) in a debug build.
    let e = fails(&["url", "?v=1", "--set", "c18446744073709551615.name=x"]);
    assert!(
        e.contains("there is no request class 18446744073709551616"),
        "{e}"
    );
}

#[test]
fn a_fragment_is_not_read_as_the_query() {
    let o = envelope(&["estimate", "http://x/#?dau=9M", "-f", "json"]);
    assert!(o.status.success());
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(value(&report, "users.daily_active"), 1e6);
    assert!(stderr(&o).contains("ignored '#?dau=9M'"), "{}", stderr(&o));
}

#[test]
fn availability_targets_have_at_most_twelve_nines() {
    for target in [
        "1e-310 s per year",
        "99.999999999999999999999999999999999%",
        "13 nines",
    ] {
        let e = fails(&["availability", target]);
        assert!(e.contains("a target has at most 12 nines"), "{target}: {e}");
        assert!(!e.contains('∞'), "{e}");
    }
    let out = ok(&["availability", "12 nines"]);
    assert!(
        out.starts_with("Availability 99.9999999999% (12 nines)"),
        "{out}"
    );
}

/// Three 99.9% replicas, any one: 1 - 0.001^3 = 0.999999999; in series with
/// a 99.99% load balancer: 0.9999 x 0.999999999 = 0.9998999990001, an
/// unavailability of 1e-4 + 0.9999e-9 = 1.000009999e-4.
const LB_AND_THREE: &str = "lb 99.99%; app 99.9% x3 any";

#[test]
fn a_system_of_parts() {
    let out = ok(&["availability", "--system", LB_AND_THREE]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "System: lb 99.99%; app 99.9% x3 any");
    assert_eq!(lines[1], "Availability 99.9899999% (4.00 nines)");
    // The load balancer holds all but 1e-9 / 1.00001e-4 = 0.001% of the
    // downtime; were it perfect, the replicas' 1 - 1e-9 is left.
    assert_eq!(
        lines[2],
        "Limiting part: lb (100% of the downtime; were it perfect, 99.9999999%)"
    );
    assert!(out.contains("\n    1 of 3 x app  99.9999999%\n"), "{out}");
    // 1.000009999e-4 x 30 x 86,400 s = 259.2025917 s: 4m 19.2s a month.
    let month = lines
        .iter()
        .find(|l| l.contains("per 30-day month"))
        .unwrap();
    assert!(month.ends_with(" 4m 19.2s"), "{month}");

    let v = json(&["availability", "--system", LB_AND_THREE, "-f", "json"]);
    let u = v["availability"]["unavailability"].as_f64().unwrap();
    assert!((u - 1.000_009_999e-4).abs() < 1e-17, "{u:e}");
    assert_eq!(v["limiting"]["name"], "lb");
    assert_eq!(v["system"], LB_AND_THREE);
    assert!(v.get("target").is_none());
    let month = v["table"]["rows"][2]["downtime_seconds"].as_f64().unwrap();
    assert!((month - 259.202_591_7).abs() < 1e-6, "{month}");

    let md = ok(&["availability", "--system", LB_AND_THREE, "-f", "markdown"]);
    assert!(
        md.starts_with("## System availability 99.9899999% (4.00 nines)\n"),
        "{md}"
    );
    assert!(
        md.contains("| &nbsp;&nbsp;1 of 3 x app | 99.9999999% |\n"),
        "{md}"
    );
}

#[test]
fn a_system_against_its_target() {
    // 0.9998999990001 is a hair below 99.99%, and above 99.98%.
    // u = 1 - (1 - 1e-4)(1 - 1e-9) = 1.000009999e-4: per 365-day year
    // (31,536,000 s) 3,153.63 s, against the target's 1e-4 x 31,536,000 =
    // 3,153.6 s = 52m 33.6s: over by 0.9999e-9 x 31,536,000 = 0.03153 s.
    let out = ok(&["availability", "99.99%", "--system", LB_AND_THREE]);
    assert!(
        out.contains(
            "\nMisses the 99.99% target: 99.9899999% allows 52m 33.6s of downtime a year, \
             31.53 ms more than the target's 52m 33.6s (under 0.01 nines short).\n"
        ),
        "{out}"
    );
    // 99.98%: 2e-4 x 31,536,000 = 6,307.2 s = 1h 45m 7.2s; spare 6,307.2 -
    // 3,153.63 = 3,153.57 s = 52m 33.6s; nines log10(2e-4 / 1.00001e-4) = 0.30.
    let out = ok(&["availability", "99.98%", "--system", LB_AND_THREE]);
    assert!(
        out.contains(
            "\nMeets the 99.98% target: 99.99% allows 52m 33.6s of downtime a year, \
             52m 33.6s less than the target's 1h 45m 7.2s (0.30 nines to spare).\n"
        ),
        "{out}"
    );
    let v = json(&[
        "availability",
        "four nines",
        "--system",
        LB_AND_THREE,
        "-f",
        "json",
    ]);
    assert_eq!(v["target"]["met"], false);
    assert_eq!(v["target"]["text"], "four nines");
    assert!(v["target"]["verdict"]
        .as_str()
        .unwrap()
        .starts_with("Misses the 99.99% target: 99.9899999% allows"));
    // A k-of-n part and a parallel group: 2 of 3 at 99%: 1 - (3 x 0.99^2 x
    // 0.01 + 0.99^3) = 2.98e-4; two zones at 99.9% in parallel: 1e-6.
    let v = json(&[
        "availability",
        "--system",
        "db 99% 2of3; any(zone a 99.9%, zone b 99.9%)",
        "-f",
        "json",
    ]);
    let u = v["availability"]["unavailability"].as_f64().unwrap();
    let expected = 1.0 - (1.0 - 2.98e-4) * (1.0 - 1e-6);
    assert!((u - expected).abs() < 1e-15, "{u:e} vs {expected:e}");
    assert_eq!(v["limiting"]["name"], "db");
}

#[test]
fn a_bad_system_names_the_row() {
    let e = fails(&["availability", "--system", "lb 99.99%; app"]);
    assert_eq!(
        e,
        "error: availability.system: row 2: no availability at the end of 'app'; write e.g. 'db 99.9%' or 'db 99.9% 2of3'\n"
    );
    let e = fails(&["availability", "--system", "app 99.9% x3"]);
    assert!(
        e.contains("write 'x3 any' for any one of 3 replicas"),
        "{e}"
    );
    let e = fails(&["availability", "--system", "lb 99.99%", "--scenario", "v=1"]);
    assert!(e.contains("cannot be used with"), "{e}");
}

#[test]
fn a_scenario_s_availability_section() {
    // The link's system and target, as the web app would show them.
    let query = link::encode(&{
        let mut s = envelope_core::Scenario::default();
        envelope_core::fields::set_setting(&mut s, "availability.system", LB_AND_THREE).unwrap();
        envelope_core::fields::set_setting(&mut s, "availability.target", "99.99%").unwrap();
        s
    });
    let out = ok(&["availability", "--scenario", &query]);
    assert!(
        out.starts_with("System: lb 99.99%; app 99.9% x3 any\n"),
        "{out}"
    );
    assert!(out.contains("\nMisses the 99.99% target: "), "{out}");
    // A target on the command line wins over the link's.
    let out = ok(&["availability", "99.9%", "--scenario", &query]);
    assert!(out.contains("\nMeets the 99.9% target: "), "{out}");
    // Without a system: the stack sized from the scenario (the default
    // one needs one app server and three database replicas).
    let out = ok(&["availability", "--scenario", "v=1"]);
    assert!(
        out.starts_with(
            "System: load balancer 99.99%; app server 99.5%; database replica 99.9% 2of3; cache node"
        ),
        "{out}"
    );
    // The scenario's calendar unless --month says otherwise.
    let out = ok(&[
        "availability",
        "--scenario",
        &format!("{query}&month=30.44"),
    ]);
    assert!(out.contains("per 30.44-day month"), "{out}");
    let out = ok(&[
        "availability",
        "--scenario",
        &format!("{query}&month=30.44"),
        "--month",
        "30",
    ]);
    assert!(out.contains("per 30-day month"), "{out}");
}

/// Issue 18: the sized system caps a part at 1,000; that is said, not done
/// silently. 1B daily users need 3,125 cache nodes (the default scenario's
/// cache nodes scale with its users).
#[test]
fn a_capped_count_is_said() {
    let o = envelope(&["availability", "--scenario", "v=1&dau=1B"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "warning: cache nodes: the scenario sizes 3,125; the system counts 1,000, the most one part can have\n"
    );
    assert!(
        stdout(&o).contains("cache node 99.9% x1000 any"),
        "{}",
        stdout(&o)
    );
    // Nothing capped, nothing said.
    let o = envelope(&["availability", "--scenario", "v=1"]);
    assert_eq!(stderr(&o), "");
}

#[test]
fn csv_is_both_series_in_long_format() {
    let report = json(&["estimate", "--preset", "photo-uploads", "--format", "json"]);
    let csv = ok(&["estimate", "--preset", "photo-uploads", "--format", "csv"]);
    assert!(
        csv.starts_with("series,x,x_unit,y,y_unit\nstored,0,day,0,bytes\n"),
        "{csv}"
    );
    assert!(!csv.contains('\r') && csv.ends_with('\n'));
    let series = &report["series"];
    let storage = series["storage_growth"].as_array().unwrap();
    let traffic = series["daily_traffic"].as_array().unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 2 * storage.len() + 2 * traffic.len());
    let of = |name: &str| -> Vec<(f64, f64)> {
        rows.iter()
            .filter(|r| r[0] == name)
            .map(|r| (r[1].parse().unwrap(), r[3].parse().unwrap()))
            .collect()
    };
    let from_json = |points: &[Value], x: &str, y: &str| -> Vec<(f64, f64)> {
        points
            .iter()
            .map(|p| (p[x].as_f64().unwrap(), p[y].as_f64().unwrap()))
            .collect()
    };
    // The same numbers as the JSON report, exactly.
    assert_eq!(of("stored"), from_json(storage, "day", "stored_bytes"));
    assert_eq!(
        of("replicated"),
        from_json(storage, "day", "replicated_bytes")
    );
    assert_eq!(of("reads"), from_json(traffic, "hour", "reads_per_second"));
    assert_eq!(
        of("writes"),
        from_json(traffic, "hour", "writes_per_second")
    );
    // The last storage row is the stored total over the retention.
    let total = value(&report, "storage.retention");
    assert_eq!(of("stored").last().unwrap().1, total);
    let units: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[0], r[2], r[4])).collect();
    assert!(units.contains(&("replicated", "day", "bytes")));
    assert!(units.contains(&("writes", "hour", "requests per second")));
    // No thousands separators, exponents or words where a number goes.
    for word in ["NaN", "inf", "e+", "e-"] {
        assert!(!csv.contains(word), "{word}");
    }
}

#[test]
fn markdown_links_back_to_the_scenario() {
    let query = "v=1&dau=10M&peak=3x";
    let scenario = link::decode(query).scenario;
    let encoded = link::encode(&scenario);
    // A URL input: the link is at its address, its query replaced.
    let md = ok(&[
        "estimate",
        &format!("https://envelope.example.com/app/?{query}#results"),
        "--format",
        "markdown",
    ]);
    let expected = format!(
        "# Envelope estimate\n\nLink: <https://envelope.example.com/app/?{encoded}>\n\nConventions: "
    );
    assert!(md.starts_with(&expected), "{md}");
    assert!(md.contains("\n## Inputs\n\n| Input | Value |\n| --- | --- |\n"));
    assert!(md.contains("\n| Daily active users | 10 M |\n"), "{md}");
    assert!(md.contains("\n| Peak-to-average factor | 3x |\n"), "{md}");
    // The link reads back to the same scenario.
    let line = md.lines().nth(2).unwrap();
    let url = &line["Link: <".len()..line.len() - 1];
    assert_eq!(link::decode(url).scenario, scenario);
    // A query string or a preset: --base, by default the local app.
    let md = ok(&["estimate", query, "-f", "markdown"]);
    assert!(
        md.contains(&format!("\nLink: <http://127.0.0.1:8080/?{encoded}>\n")),
        "{md}"
    );
    let md = ok(&[
        "estimate",
        query,
        "-f",
        "markdown",
        "--base",
        "https://e.example/x?old=1",
    ]);
    assert!(
        md.contains(&format!("\nLink: <https://e.example/x?{encoded}>\n")),
        "{md}"
    );
    // --base wins over the input URL's address; control characters in it
    // are dropped and nothing can break out of the link.
    let md = ok(&[
        "estimate",
        &format!("http://a.example/?{query}"),
        "-f",
        "markdown",
        "--base",
        "https://b.example/a b>\n<c",
    ]);
    assert!(
        md.contains(&format!(
            "\nLink: <https://b.example/a%20b%3E%3Cc?{encoded}>\n"
        )),
        "{md}"
    );
    // Text, JSON and CSV carry no link.
    for format in ["text", "json", "csv"] {
        let out = ok(&[
            "estimate",
            &format!("http://a.example/?{query}"),
            "-f",
            format,
        ]);
        assert!(!out.contains("a.example"), "{format}: {out}");
    }
}

#[test]
fn markdown_is_the_renderers_text_for_the_links_scenario() {
    // The web app's "Copy as Markdown" is checked against envelope-render's
    // Markdown for the page's link (tests/export.rs at the top level); this
    // ties that text to what the command prints for the same link, with
    // ranges (percentiles) and with --rough (interview mode).
    let page = "http://127.0.0.1:8080/";
    let query = "v=1&name=Photo%20app&dau=5M..20M&c0.name=up%7Cload";
    let scenario = link::decode(query).scenario;
    let report = envelope_core::estimate(&scenario).unwrap();
    let simulation = envelope_core::uncertainty::simulate_ranges(&scenario).unwrap();
    assert!(simulation.is_some());
    let url = format!("{page}?{}", link::encode(&scenario));
    for rough in [false, true] {
        let mut args = vec!["estimate", url.as_str(), "--format", "markdown"];
        if rough {
            args.push("--rough");
        }
        let options = envelope_render::markdown::Options {
            simulation: simulation.as_ref(),
            rough,
            link: Some(&url),
        };
        assert_eq!(
            ok(&args),
            envelope_render::markdown::render(&report, &scenario, options)
        );
    }
}

#[test]
fn set_gives_ratios_to_a_named_class_and_fan_out() {
    // The default scenario's "write" (1 M a day) and "read" (10 M a day):
    // "1 read per 4 writes" is 1 M / 4 = 250,000 reads a day; a fan-out of
    // 50 on the writes is 1 M x 50 = 50 M writes downstream a day.
    let report = json(&[
        "estimate",
        "v=1",
        "--set",
        "c1.per=one_per",
        "--set",
        "c1.count=4",
        "--set",
        "c1.of=write",
        "--set",
        "c0.fanout=50",
        "-f",
        "json",
    ]);
    assert_eq!(value(&report, "class.1.per_day"), 250e3);
    assert_eq!(value(&report, "fanout.writes_per_day"), 50e6);
    // A name that is no class is refused, naming the key.
    let err = fails(&[
        "estimate",
        "v=1",
        "--set",
        "c1.per=class",
        "--set",
        "c1.of=writes",
    ]);
    assert!(
        err.contains("no request class is named \"writes\""),
        "{err}"
    );
}
