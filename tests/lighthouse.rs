//! Lighthouse against the release build (dist/), served as a static host
//! serves it: each file's brotli-compressed copy (`FILE.br`, made here with
//! `brotli -q 11`) to a browser that takes brotli. Prints the scores and
//! the metrics behind the performance score, for mobile and desktop.
//!
//! Not part of the test command: it takes about a minute, and its numbers
//! move with the machine's load, so they are measured and reported (issue
//! notes, README), never asserted. Run it with `bash scripts/lighthouse.sh`,
//! which installs npm's lighthouse and builds the app first; with
//! `ENVELOPE_LIGHTHOUSE_OUT=DIR` the whole JSON reports are kept in DIR.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;
use std::process::Command;

use support::browser::dist_dir;
use support::{chromium_binary, StaticServer, TempDir};

/// Copies `from` to `to`, with a `.br` beside each text and wasm file.
fn precompressed_copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dist/") {
        let path = entry.expect("a dist/ entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("a directory");
            precompressed_copy(&path, &target);
            continue;
        }
        std::fs::copy(&path, &target).expect("copy a file");
        let compressible = ["html", "js", "css", "wasm", "svg", "json", "txt"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext));
        if compressible {
            let status = Command::new("brotli")
                .args(["-q", "11", "-k", "-f"])
                .arg(&target)
                .status()
                .expect("brotli (scripts/install-tools.sh browser)");
            assert!(status.success(), "brotli {}", target.display());
        }
    }
}

/// Runs Lighthouse on `url` (`desktop` or the default mobile emulation,
/// 4x CPU slowdown and a slow 4G network) and returns its JSON report.
fn lighthouse(url: &str, desktop: bool, out: &Path) -> serde_json::Value {
    let tools = std::env::var("ENVELOPE_TOOLS_DIR").unwrap_or_else(|_| {
        format!(
            "{}/.cache/envelope-tools",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    let binary = Path::new(&tools).join("node_modules/.bin/lighthouse");
    let profile = out.with_extension("profile");
    let mut command = Command::new(&binary);
    command
        .arg(url)
        .args([
            "--only-categories=performance,accessibility,best-practices,seo",
            "--output=json",
            "--quiet",
        ])
        .arg(format!("--output-path={}", out.display()))
        .arg(format!(
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run \
             --disable-background-networking --disable-component-update --disable-sync \
             --user-data-dir={}",
            profile.display()
        ))
        .env("CHROME_PATH", chromium_binary());
    if desktop {
        command.arg("--preset=desktop");
    }
    let status = command.status().unwrap_or_else(|e| {
        panic!(
            "run {} ({e}): scripts/lighthouse.sh installs it",
            binary.display()
        )
    });
    assert!(status.success(), "lighthouse failed on {url}");
    let text = std::fs::read_to_string(out).expect("lighthouse's report");
    serde_json::from_str(&text).expect("lighthouse's JSON")
}

fn print_report(form: &str, report: &serde_json::Value) {
    let score = |category: &str| {
        report["categories"][category]["score"]
            .as_f64()
            .map_or("-".to_owned(), |s| format!("{:.0}", s * 100.0))
    };
    let metric = |audit: &str| {
        report["audits"][audit]["displayValue"]
            .as_str()
            .unwrap_or("-")
            .replace('\u{a0}', " ")
    };
    println!(
        "{form:8} performance {:>3}  accessibility {:>3}  best practices {:>3}  SEO {:>3}",
        score("performance"),
        score("accessibility"),
        score("best-practices"),
        score("seo")
    );
    println!(
        "         FCP {}  LCP {}  TBT {}  CLS {}  Speed Index {}  transferred {:.0} KiB",
        metric("first-contentful-paint"),
        metric("largest-contentful-paint"),
        metric("total-blocking-time"),
        metric("cumulative-layout-shift"),
        metric("speed-index"),
        report["audits"]["total-byte-weight"]["numericValue"]
            .as_f64()
            .unwrap_or(0.0)
            / 1024.0,
    );
}

#[test]
#[ignore = "measures, takes about a minute: run with scripts/lighthouse.sh"]
fn lighthouse_scores() {
    let temp = TempDir::new("envelope-lighthouse");
    let site = temp.0.join("site");
    std::fs::create_dir_all(&site).expect("a site directory");
    precompressed_copy(&dist_dir(), &site);
    let server = StaticServer::start(site);
    let url = server.url("/");
    for (form, desktop) in [("mobile", false), ("desktop", true)] {
        let out = temp.0.join(format!("{form}.json"));
        let report = lighthouse(&url, desktop, &out);
        print_report(form, &report);
        // The whole report, for a closer look: ENVELOPE_LIGHTHOUSE_OUT=dir.
        if let Ok(dir) = std::env::var("ENVELOPE_LIGHTHOUSE_OUT") {
            let kept = Path::new(&dir).join(format!("lighthouse-{form}.json"));
            std::fs::copy(&out, &kept).expect("keep the report");
            println!("         report: {}", kept.display());
        }
    }
}
