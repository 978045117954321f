//! Browser tests of the built app (dist/, from `trunk build --release`):
//! headless Chromium driven through chromedriver, everything on 127.0.0.1.
//!
//! Run by scripts/test.sh after the trunk build. They fail, never skip, when
//! Chromium, chromedriver or dist/ is missing. Besides asserting, they print
//! two timings for the notes: navigation to first result, and keystroke to
//! paint.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use support::{chromium_binary, ChromeDriver, StaticServer, TempDir};

const WAIT: Duration = Duration::from_secs(20);

fn dist_dir() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: run `trunk build --release` first (scripts/test.sh does)",
        dist.display()
    );
    dist
}

async fn open_browser(driver: &ChromeDriver, profile: &TempDir) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium_binary(),
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.0.join("profile").display()),
            ],
        }),
    );
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url())
        .await
        .unwrap_or_else(|e| panic!("no browser session through chromedriver: {e}"))
}

/// The text of the first element matching `css`.
async fn text(c: &Client, css: &str) -> String {
    match c.find(Locator::Css(css)).await {
        Ok(el) => el.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits until the text at `css` equals `want`; the app updates after the
/// input event, in a microtask.
async fn wait_for_text(c: &Client, css: &str, want: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let got = text(c, css).await;
        if got == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "`{css}` shows {got:?}, expected {want:?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Replaces the text of the input at `css` by typing, as a person would.
async fn type_into(c: &Client, css: &str, value: &str) {
    let input = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no input `{css}`: {e}"));
    input.clear().await.expect("clear the input");
    input.send_keys(value).await.expect("type into the input");
}

async fn click_preset(c: &Client, key: &str) {
    let css = format!(r#"button[data-preset="{key}"]"#);
    c.find(Locator::Css(&css))
        .await
        .unwrap_or_else(|e| panic!("no preset button {key}: {e}"))
        .click()
        .await
        .expect("click the preset");
}

fn result(key: &str) -> String {
    format!(r#".results [data-key="{key}"] .value"#)
}

/// Severe console messages (errors, CSP violations, failed loads) since the
/// last call.
fn console_errors(driver: &ChromeDriver, session: &str) -> Vec<String> {
    driver
        .browser_log(session)
        .into_iter()
        .inspect(|(level, message)| println!("  console {level}: {message}"))
        .filter(|(level, _)| level == "SEVERE")
        .map(|(_, message)| message)
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn the_app_works_in_headless_chromium() {
    let dist = dist_dir();
    let server = StaticServer::start(dist);
    let temp = TempDir::new("envelope-web-test");
    let driver = ChromeDriver::start(&temp.0);
    let c = open_browser(&driver, &temp).await;
    let session = c.session_id().await.ok().flatten().expect("a session id");

    println!("step: the page loads and renders a first result");
    c.goto(&server.url("/")).await.expect("open the page");
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("html[data-ready]"))
        .await
        .expect("the app marks <html data-ready> once it shows a result");
    let first_result_ms = c
        .execute("return window.__envelope_first_result_ms;", vec![])
        .await
        .expect("read the first-result mark");
    let errors = console_errors(&driver, &session);
    assert!(
        errors.is_empty(),
        "console errors while loading: {errors:#?}"
    );
    assert!(
        !text(&c, &result("total.peak_rps")).await.is_empty(),
        "peak requests/s shown"
    );
    let conventions = text(&c, "#active-conventions").await;
    assert!(
        conventions.contains("s/day"),
        "active conventions shown: {conventions:?}"
    );

    println!("step: login-peak preset, then more users");
    click_preset(&c, "login-peak").await;
    wait_for_text(&c, &result("total.peak_rps"), "555.6 req/s").await;
    wait_for_text(
        &c,
        r#".summary [data-key="total.peak_rps"] .value"#,
        "555.6 req/s",
    )
    .await;
    type_into(&c, "#f-dau", "20M").await;
    wait_for_text(&c, &result("total.peak_rps"), "1.111 k req/s").await;

    println!("step: a bad value shows its named error and the other results stay");
    let storage_before = text(&c, &result("storage.per_day")).await;
    let peak_before = text(&c, &result("total.peak_rps")).await;
    let bytes_in = r#".class-table tbody tr:first-child td[data-key="in"]"#;
    type_into(&c, &format!("{bytes_in} input"), "3 XB").await;
    let error_css = format!(r#"{bytes_in} .error[role="alert"]"#);
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&error_css))
        .await
        .expect("an inline error for the bad field");
    let message = text(&c, &error_css).await;
    println!("  error shown: {message:?}");
    assert!(
        message.contains("Request class 1"),
        "the error names the field: {message:?}"
    );
    assert!(
        message.contains("XB"),
        "the error quotes the bad unit: {message:?}"
    );
    let invalid = c
        .find(Locator::Css(&format!("{bytes_in} input")))
        .await
        .expect("the bad input")
        .attr("aria-invalid")
        .await
        .expect("read aria-invalid");
    assert_eq!(invalid.as_deref(), Some("true"));
    assert_eq!(
        text(&c, &result("total.peak_rps")).await,
        peak_before,
        "other results stay"
    );
    assert_eq!(
        text(&c, &result("storage.per_day")).await,
        storage_before,
        "other results stay"
    );

    println!("step: the photo-uploads preset fills the form and its results appear");
    click_preset(&c, "photo-uploads").await;
    wait_for_text(&c, &result("storage.per_day"), "15 TB").await;
    let dau = c
        .find(Locator::Css("#f-dau"))
        .await
        .expect("users input")
        .prop("value")
        .await;
    let dau = dau.ok().flatten().unwrap_or_default();
    assert!(!dau.is_empty(), "the preset fills the users field");
    assert!(
        c.find(Locator::Css(&error_css)).await.is_err(),
        "loading a preset clears the earlier error"
    );

    println!("step: the four charts are drawn");
    let charts = c
        .execute(
            "return [...document.querySelectorAll('section.charts figure.chart')].map(f => ({ \
               name: f.dataset.chart, \
               shapes: f.querySelectorAll('svg path, svg rect, svg polyline, svg line').length, \
               caption: f.querySelector('figcaption').textContent }));",
            vec![],
        )
        .await
        .expect("inspect the charts");
    let charts = charts.as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = charts.iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "storage-growth",
            "daily-traffic",
            "storage-by-class",
            "bandwidth-by-class"
        ],
        "the four report charts: {charts:?}"
    );
    for chart in &charts {
        assert!(
            chart["shapes"].as_u64().unwrap_or(0) > 0,
            "a chart with shapes: {chart}"
        );
        assert!(
            chart["caption"].as_str().is_some_and(|s| s.len() > 20),
            "a text alternative: {chart}"
        );
    }

    println!("step: the reference tables are there");
    assert!(text(&c, "#latency").await.contains("Colin Scott"));
    assert!(text(&c, "#powers").await.contains("1,125,899,906,842,624"));
    assert!(text(&c, "#nines").await.contains("99.99%"));

    println!("step: timings");
    let mut keystrokes = Vec::new();
    for users in ["2M", "3M", "4M", "5M", "6M", "7M", "8M", "9M", "10M", "11M"] {
        let ms = c
            .execute_async(
                "const [value, done] = arguments; \
                 const input = document.querySelector('#f-dau'); \
                 const t0 = performance.now(); \
                 input.value = value; \
                 input.dispatchEvent(new Event('input', { bubbles: true })); \
                 requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));",
                vec![json!(users)],
            )
            .await
            .expect("time a keystroke");
        keystrokes.push(ms.as_f64().unwrap_or(f64::NAN));
    }
    // The last value must be on screen when the frame was painted.
    let storage = text(&c, &result("storage.per_day")).await;
    assert_eq!(storage, "165 TB", "11M users x 5 x 3 MB per day");
    keystrokes.sort_by(f64::total_cmp);
    println!(
        "TIMING first result after navigation: {} ms",
        first_result_ms
            .as_f64()
            .map_or("?".into(), |v| format!("{v:.0}"))
    );
    println!(
        "TIMING keystroke to paint (10 edits of users): median {:.1} ms, max {:.1} ms",
        keystrokes[keystrokes.len() / 2],
        keystrokes[keystrokes.len() - 1]
    );

    let errors = console_errors(&driver, &session);
    assert!(
        errors.is_empty(),
        "console errors while using the page: {errors:#?}"
    );
    c.close().await.expect("close the browser");
}

#[test]
fn the_test_server_serves_wasm_and_js_with_their_mime_types() {
    use std::path::Path;
    assert_eq!(
        support::mime_type(Path::new("a_bg.wasm")),
        "application/wasm"
    );
    assert!(support::mime_type(Path::new("a.js")).starts_with("text/javascript"));
    let root = Path::new("/srv/dist");
    assert_eq!(support::resolve(root, "/x.js?v=1"), Some(root.join("x.js")));
    assert_eq!(support::resolve(root, "/../etc/passwd"), None);
}
