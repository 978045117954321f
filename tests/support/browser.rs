//! The browser side of the tests: a Chromium session through chromedriver on
//! the built app (dist/), and the small fantoccini helpers the tests share.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::{chromium_binary, ChromeDriver, StaticServer, TempDir};

/// How long any wait lasts before the test fails.
pub const WAIT: Duration = Duration::from_secs(20);

/// The built app, from `trunk build --release`; panics when it is missing.
pub fn dist_dir() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: run `trunk build --release` first (scripts/test.sh does)",
        dist.display()
    );
    dist
}

/// A new headless Chromium session with a fresh profile under `profile`,
/// asking for the browser's console log.
pub async fn open_browser(driver: &ChromeDriver, profile: &TempDir) -> Client {
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

/// The app served from dist/, a chromedriver logging into a fresh temp dir
/// named after `prefix`, and a browser session whose profile is in that dir.
/// Bind them in this order so they drop browser first, server last.
pub async fn launch(prefix: &str) -> (StaticServer, TempDir, ChromeDriver, Client) {
    let server = StaticServer::start(dist_dir());
    let temp = TempDir::new(prefix);
    let driver = ChromeDriver::start(&temp.0);
    let c = open_browser(&driver, &temp).await;
    (server, temp, driver, c)
}

/// The browser session's id, for chromedriver's log endpoint.
pub async fn session_id(c: &Client) -> String {
    c.session_id().await.ok().flatten().expect("a session id")
}

/// Opens `url` and waits for the app's first result.
pub async fn open(c: &Client, url: &str) {
    c.goto(url).await.expect("open the page");
    wait_for_element(
        c,
        "html[data-ready]",
        "the app marks <html data-ready> once the whole page is painted",
    )
    .await;
}

/// Waits for an element matching `css`; panics with `what` if none comes.
pub async fn wait_for_element(c: &Client, css: &str, what: &str) -> Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .expect(what)
}

/// The text of the first element matching `css`, or "" if there is none.
pub async fn text(c: &Client, css: &str) -> String {
    match c.find(Locator::Css(css)).await {
        Ok(el) => el.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The `value` property of the first element matching `css`, or "".
pub async fn value(c: &Client, css: &str) -> String {
    match c.find(Locator::Css(css)).await {
        Ok(el) => el.prop("value").await.ok().flatten().unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The attribute `name` of the element at `css`, which must exist.
pub async fn attr(c: &Client, css: &str, name: &str) -> Option<String> {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element `{css}`: {e}"))
        .attr(name)
        .await
        .expect("read an attribute")
}

/// The address bar.
pub async fn url_of(c: &Client) -> String {
    c.current_url()
        .await
        .map(|u| u.as_str().to_owned())
        .unwrap_or_default()
}

/// Reads `read` every 25 ms until `ok` accepts it, and returns it; after
/// [`WAIT`], fails with `failure` of the last reading.
async fn poll<F, R>(
    mut read: R,
    ok: impl Fn(&str) -> bool,
    failure: impl Fn(&str) -> String,
) -> String
where
    R: FnMut() -> F,
    F: std::future::Future<Output = String>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        let got = read().await;
        if ok(&got) {
            return got;
        }
        assert!(Instant::now() < deadline, "{}", failure(&got));
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Waits until the address bar satisfies `ok` (`what` describes it for the
/// failure message); returns it. The address bar follows the form once
/// typing pauses (src/share.rs, `FOLLOW_DELAY`).
pub async fn wait_for_url(c: &Client, what: &str, ok: impl Fn(&str) -> bool) -> String {
    poll(
        || url_of(c),
        ok,
        |url| format!("the address bar is {url}, expected {what}"),
    )
    .await
}

/// Waits until the text at `css` satisfies `ok` (`what` describes it for
/// the failure message); returns it. The app updates after the input event,
/// in a microtask.
pub async fn wait_until(c: &Client, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    poll(
        || text(c, css),
        ok,
        |got| format!("`{css}` shows {got:?}, expected {what}"),
    )
    .await
}

/// Waits until the text at `css` equals `want`.
pub async fn wait_for_text(c: &Client, css: &str, want: &str) {
    wait_until(c, css, &format!("{want:?}"), |got| got == want).await;
}

/// Replaces the text of the input at `css` by typing, as a person would.
pub async fn type_into(c: &Client, css: &str, value: &str) {
    let input = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no input `{css}`: {e}"));
    input.clear().await.expect("clear the input");
    input.send_keys(value).await.expect("type into the input");
}

/// Chooses the option with value `value` in the `<select>` at `css`.
pub async fn choose(c: &Client, css: &str, value: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no select `{css}`: {e}"))
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value} in `{css}`: {e}"));
}

/// Waits for the element at `css`, then clicks it.
pub async fn click(c: &Client, css: &str) {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}` to click: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click `{css}`: {e}"));
}

/// Severe console messages (errors, CSP violations, failed loads) since the
/// last call.
pub fn console_errors(driver: &ChromeDriver, session: &str) -> Vec<String> {
    driver
        .browser_log(session)
        .into_iter()
        .inspect(|(level, message)| println!("  console {level}: {message}"))
        .filter(|(level, _)| level == "SEVERE")
        .map(|(_, message)| message)
        .collect()
}

/// Asserts the session logged no severe console message since the last call.
pub async fn assert_no_console_errors(driver: &ChromeDriver, c: &Client) {
    let errors = console_errors(driver, &session_id(c).await);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// Sets the input at `css` to `value` as one keystroke would (an `input`
/// event) and gives the milliseconds until the frame after it was painted:
/// the reactive update, layout and paint.
pub async fn time_keystroke(c: &Client, css: &str, value: &str) -> f64 {
    c.execute_async(
        "const [css, value, done] = arguments; \
         const input = document.querySelector(css); \
         const t0 = performance.now(); \
         input.value = value; \
         input.dispatchEvent(new Event('input', { bubbles: true })); \
         requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));",
        vec![serde_json::json!(css), serde_json::json!(value)],
    )
    .await
    .expect("time a keystroke")
    .as_f64()
    .unwrap_or(f64::NAN)
}

/// How the charts of the page section at `section` read on screen: for each
/// drawn chart, the smallest text in CSS px (its font size times the SVG's
/// on-screen width over its viewBox width), and its height on screen and
/// its caption's. Scrolls the section into view first and waits until every
/// chart in it has been redrawn at its on-screen width (its viewBox as wide
/// as the SVG is shown, give or take a pixel).
pub async fn chart_text_sizes(c: &Client, section: &str) -> Vec<serde_json::Value> {
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView();",
        vec![json!(section)],
    )
    .await
    .expect("scroll to the charts");
    let deadline = Instant::now() + WAIT;
    loop {
        let charts = c
            .execute(
                "return [...document.querySelectorAll(arguments[0] + ' figure.chart')].map(f => { \
                   const svg = f.querySelector('svg'); \
                   if (!svg) return null; \
                   const shown = svg.getBoundingClientRect(); \
                   const grid = svg.viewBox.baseVal.width; \
                   const scale = shown.width / grid; \
                   const sizes = [...svg.querySelectorAll('text')] \
                     .map(t => parseFloat(getComputedStyle(t).fontSize) * scale); \
                   const caption = f.querySelector('figcaption').getBoundingClientRect(); \
                   return { chart: f.dataset.chart || f.id || f.className, \
                     shown: shown.width, grid, smallest: Math.min(...sizes), \
                     height: shown.height, caption: caption.height }; \
                 }).filter(x => x);",
                vec![json!(section)],
            )
            .await
            .expect("measure the charts");
        let charts = charts.as_array().cloned().unwrap_or_default();
        let settled = !charts.is_empty()
            && charts.iter().all(|chart| {
                let shown = chart["shown"].as_f64().unwrap_or(0.0);
                let grid = chart["grid"].as_f64().unwrap_or(0.0);
                (shown - grid).abs() <= 1.0
            });
        if settled || Instant::now() >= deadline {
            return charts;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
