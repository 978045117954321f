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
