//! Browser tests of share links, drafts and the comparison, against the built
//! app (dist/, from `trunk build --release`): headless Chromium through
//! chromedriver, everything on 127.0.0.1. Every browser session has its own
//! fresh profile (`--user-data-dir`), so localStorage starts empty.
//!
//! Run after the trunk build with
//! `cargo test -p envelope-web --test share -- --nocapture --test-threads 1`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;
use support::browser::{
    assert_no_console_errors, click, dist_dir, launch, open, open_browser, text, type_into, url_of,
    value, wait_for_element, wait_for_text, WAIT,
};
use support::{ChromeDriver, StaticServer, TempDir};

const PEAK: &str = r#".results [data-key="total.peak_rps"] .value"#;

/// Polls `probe` until `ok` holds of its result; panics with the last one.
macro_rules! wait_until {
    ($what:expr, $probe:expr, $ok:expr) => {{
        let deadline = Instant::now() + WAIT;
        loop {
            let got = $probe;
            if $ok(&got) {
                break got;
            }
            assert!(Instant::now() < deadline, "{}: last saw {:?}", $what, got);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }};
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_opens_the_same_scenario_in_a_fresh_browser() {
    let server = StaticServer::start(dist_dir());
    let temp = TempDir::new("envelope-share-link");
    let driver = ChromeDriver::start(&temp.0);
    let first = TempDir::new("envelope-share-profile-a");
    let c = open_browser(&driver, &first).await;
    open(&c, &server.url("/")).await;
    type_into(&c, "#f-dau", "20M").await;
    let url = wait_until!(
        "the address bar follows the users field",
        url_of(&c).await,
        |u: &String| u.contains("dau=20M")
    );
    println!("  address bar: {url}");
    assert!(url.contains("?v=1&"), "a share link: {url}");
    let peak = text(&c, PEAK).await;
    assert!(!peak.is_empty(), "peak requests/s shown");
    assert_eq!(
        value(&c, "#share-url").await,
        url,
        "the link field shows the full URL"
    );

    println!("step: Copy link says what it did");
    click(&c, "#copy-link").await;
    let status = wait_until!(
        "the copy status",
        text(&c, ".share-status[aria-live]").await,
        |s: &String| s == "Link copied" || s == "Press Ctrl+C to copy"
    );
    println!("  copy status: {status}");

    println!("step: a clipboard that refuses falls back to selecting the link");
    c.execute(
        "Object.defineProperty(navigator, 'clipboard', { configurable: true, \
           value: { writeText: () => Promise.reject(new Error('denied')) } });",
        vec![],
    )
    .await
    .expect("replace the clipboard");
    click(&c, "#copy-link").await;
    wait_until!(
        "the fallback status",
        text(&c, ".share-status[aria-live]").await,
        |s: &String| s == "Press Ctrl+C to copy"
    );
    let focused = c
        .execute(
            "const e = document.activeElement; \
             return [e.id, e.selectionStart, e.selectionEnd, e.value.length];",
            vec![],
        )
        .await
        .expect("read the focused element");
    let len = url.len();
    assert_eq!(
        focused,
        json!(["share-url", 0, len, len]),
        "the fallback selects the link"
    );
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the first browser");

    let second = TempDir::new("envelope-share-profile-b");
    let c = open_browser(&driver, &second).await;
    open(&c, &url).await;
    wait_until!(
        "the link's peak requests/s",
        text(&c, PEAK).await,
        |p: &String| *p == peak
    );
    assert_eq!(
        value(&c, "#f-dau").await.replace(' ', ""),
        "20M",
        "the link fills the form"
    );
    assert!(
        c.find(Locator::Css(".link-warnings")).await.is_err(),
        "a link the app wrote has no warnings"
    );
    assert_eq!(url_of(&c).await, url, "the address bar keeps the link");
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the second browser");
}

/// Types `users` and runs `leave` (a navigation) in one task, so that the
/// address bar's debounce cannot run first; returns once the new page is
/// ready.
async fn edit_and_leave(c: &fantoccini::Client, users: &str, leave: &str) {
    c.execute(
        &format!(
            "window.__left = true; \
             const input = document.querySelector('#f-dau'); input.value = '{users}'; \
             input.dispatchEvent(new Event('input', {{ bubbles: true }})); {leave};"
        ),
        vec![],
    )
    .await
    .expect("edit and leave");
    wait_until!(
        "the next page",
        c.execute(
            "return !window.__left && document.documentElement.hasAttribute('data-ready');",
            vec![]
        )
        .await
        .ok()
        .and_then(|v| v.as_bool()),
        |ready: &Option<bool>| *ready == Some(true)
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_reload_keeps_the_draft() {
    let (server, _temp, _driver, c) = launch("envelope-share-draft").await;
    open(&c, &server.url("/")).await;
    type_into(&c, "#f-dau", "7M").await;
    wait_until!("the address bar follows", url_of(&c).await, |u: &String| u
        .contains("dau=7M"));
    let peak = text(&c, PEAK).await;
    // The bare URL: no query, so the draft is what comes back.
    open(&c, &server.url("/")).await;
    wait_until!(
        "the draft's users",
        value(&c, "#f-dau").await,
        |v: &String| v.replace(' ', "") == "7M"
    );
    assert_eq!(text(&c, PEAK).await, peak, "the draft's results");
    let url = url_of(&c).await;
    assert!(
        url.contains("dau=7M"),
        "the address bar shows the draft: {url}"
    );
    // Leaving the page right after an edit, before the address bar's
    // debounce has written anything: the draft is written as the page goes.
    edit_and_leave(&c, "8M", "location.href = '/'").await;
    wait_until!(
        "the draft written on leaving",
        value(&c, "#f-dau").await,
        |v: &String| v.replace(' ', "") == "8M"
    );
    // A reload right after an edit: the browser reloads the address as it
    // was, one edit behind, and the page brings the newer draft back.
    wait_until!("the address bar follows", url_of(&c).await, |u: &String| u
        .contains("dau=8M"));
    edit_and_leave(&c, "9M", "location.reload()").await;
    wait_until!(
        "the edit made just before the reload",
        value(&c, "#f-dau").await,
        |v: &String| v.replace(' ', "") == "9M"
    );
    let url = wait_until!(
        "the address bar catches up",
        url_of(&c).await,
        |u: &String| u.contains("dau=9M")
    );
    assert_eq!(
        text(&c, "#restore-draft").await,
        "",
        "no draft notice: the page shows the newest edit ({url})"
    );
    // But an address opened (not reloaded) is a link like any other, even
    // the one the reload had left behind: it wins, and the newer draft is
    // offered.
    let behind = url.replace("dau=9M", "dau=8M");
    open(&c, &behind).await;
    assert_eq!(value(&c, "#f-dau").await.replace(' ', ""), "8M");
    wait_for_element(&c, "#restore-draft", "the newer draft offered").await;
    c.close().await.expect("close the browser");
}

#[tokio::test(flavor = "current_thread")]
async fn a_hostile_link_shows_warnings_and_only_text() {
    let (server, _temp, driver, c) = launch("envelope-share-hostile").await;
    open(&c, &server.url("/")).await;
    let scripts_before = c
        .execute("return document.querySelectorAll('script').length;", vec![])
        .await
        .expect("count scripts");
    open(
        &c,
        &server.url("/?dau=abc&foo=1&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    )
    .await;
    wait_for_element(&c, ".link-warnings li", "the link's warnings are listed").await;
    let warnings = c
        .execute(
            "return [...document.querySelectorAll('.link-warnings li')].map(li => li.textContent);",
            vec![],
        )
        .await
        .expect("read the warnings");
    let warnings: Vec<String> = warnings
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|w| w.as_str().map(str::to_owned))
        .collect();
    println!("  warnings: {warnings:?}");
    assert!(
        warnings.iter().any(|w| w == "ignored 'foo'"),
        "the unknown key is named: {warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("Daily active users") && w.contains("abc")),
        "the bad users value is named: {warnings:?}"
    );
    let notice = text(&c, ".link-warnings").await;
    assert!(
        notice.contains("This link had problems"),
        "a visible notice: {notice:?}"
    );
    let shown = text(&c, ".link-warnings .link-name").await;
    assert!(
        shown.contains("<script>alert(1)</script>"),
        "the name is literal text: {shown:?}"
    );
    assert_eq!(
        value(&c, "#f-name").await,
        "<script>alert(1)</script>",
        "the name field holds the literal text"
    );
    let dom = c
        .execute(
            "return { scripts: document.querySelectorAll('script').length, \
               inline: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert')).length, \
               raw: document.body.innerHTML.includes('<script>alert') };",
            vec![],
        )
        .await
        .expect("inspect the DOM");
    assert_eq!(
        dom["scripts"], scripts_before,
        "no script element added: {dom}"
    );
    assert_eq!(dom["inline"], json!(0), "no inline alert script: {dom}");
    assert_eq!(dom["raw"], json!(false), "no raw markup: {dom}");
    click(&c, "#dismiss-warnings").await;
    wait_until!(
        "the warnings are dismissed",
        c.find(Locator::Css(".link-warnings")).await.is_ok(),
        |present: &bool| !present
    );
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the browser");
}

#[tokio::test(flavor = "current_thread")]
async fn compare_two_scenarios_and_share_the_comparison() {
    let (server, _temp, driver, c) = launch("envelope-share-compare").await;
    open(&c, &server.url("/")).await;
    click(&c, r#"button[data-preset="photo-uploads"]"#).await;
    let replication_a = value(&c, "#f-replication").await;
    click(&c, "#compare").await;
    click(&c, r#".editing button[data-side="b"]"#).await;
    type_into(&c, "#f-replication", "2").await;
    let row = r#".compare tr[data-key="storage.retention_replicated"]"#;
    let percent = wait_until!(
        "the replicated storage difference",
        text(&c, &format!("{row} .percent")).await,
        |p: &String| p == "\u{2212}33.3%"
    );
    let absolute = text(&c, &format!("{row} .absolute")).await;
    let label = text(&c, &format!("{row} th")).await;
    println!("  {label}: {percent}, {absolute}");
    assert_eq!(label, "Replicated over the retention period");
    assert!(
        absolute.starts_with('\u{2212}'),
        "a negative difference: {absolute:?}"
    );
    println!("step: the summary says which scenario it shows");
    assert_eq!(
        text(&c, "#summary-side").await,
        "Scenario B (the one being edited)"
    );

    println!("step: the largest changes first, largest first");
    let top = c
        .execute(
            "return [...document.querySelectorAll('.compare-top li')].map(li => li.textContent);",
            vec![],
        )
        .await
        .expect("read the largest changes");
    let top: Vec<String> = top
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    println!("  {top:?}");
    assert_eq!(top.len(), 5, "{top:?}");
    let sizes: Vec<f64> = top
        .iter()
        .map(|t| {
            let percent = t
                .rsplit_once(" (")
                .and_then(|(head, _)| head.rsplit_once(' '))
                .map(|(_, p)| {
                    p.trim_start_matches(['+', '\u{2212}'])
                        .trim_end_matches('%')
                })
                .unwrap_or_default();
            percent
                .parse::<f64>()
                .unwrap_or_else(|_| panic!("a percentage in {t:?}"))
        })
        .collect();
    assert!(
        sizes.windows(2).all(|w| w[0] >= w[1]),
        "largest first: {sizes:?}"
    );
    // 3 replicas -> 2 takes a third off everything replicated.
    assert!(sizes[0] >= 33.3, "{sizes:?}");

    println!("step: only the changed figures, grouped by section; every one on request");
    let shown = |c: &fantoccini::Client| {
        let c = c.clone();
        async move {
            c.execute(
                "return { rows: document.querySelectorAll('.compare-table tbody tr[data-key]').length, \
                   users: !!document.querySelector('.compare tr[data-key=\"users.daily_active\"]'), \
                   groups: [...document.querySelectorAll('.compare-table tr.group th')].map(t => t.textContent), \
                   count: document.querySelector('.compare-count').textContent };",
                vec![],
            )
            .await
            .expect("read the table")
        }
    };
    let changed = shown(&c).await;
    println!("  {changed}");
    assert_eq!(
        changed["users"], false,
        "unchanged users are left out: {changed}"
    );
    assert!(
        changed["groups"]
            .as_array()
            .is_some_and(|g| g.iter().any(|t| t == "Storage")),
        "{changed}"
    );
    let rows = changed["rows"].as_u64().unwrap_or(0);
    assert!(
        changed["count"]
            .as_str()
            .is_some_and(|t| t.starts_with(&format!("{rows} of "))),
        "the count says how many differ: {changed}"
    );
    let group = c
        .execute(
            "const row = document.querySelector(arguments[0]); \
             return row.closest('tbody').querySelector('tr.group th').textContent;",
            vec![serde_json::json!(row)],
        )
        .await
        .expect("the row's group");
    assert_eq!(group, "Storage");
    // Out of the form first: while a field has focus the summary sticks
    // to the top of the column, over the comparison.
    c.execute("document.activeElement.blur();", vec![])
        .await
        .expect("leave the field");
    click(&c, "#compare-all").await;
    let all = wait_until!("every figure", shown(&c).await, |v: &serde_json::Value| v
        ["users"]
        == true);
    println!("  {all}");
    assert!(all["rows"].as_u64().unwrap_or(0) > rows, "{all}");
    assert!(
        all["groups"]
            .as_array()
            .is_some_and(|g| g.iter().any(|t| t == "upload photo (write)")),
        "a request class's rows under its name: {all}"
    );

    let url = wait_until!("a comparison link", url_of(&c).await, |u: &String| u
        .contains("vs.replication=2"));
    assert!(url.contains("vs.v=1"), "a comparison link: {url}");

    println!("step: A keeps its own replication");
    click(&c, r#".editing button[data-side="a"]"#).await;
    wait_for_text(&c, "#summary-side", "Scenario A (the one being edited)").await;
    wait_until!(
        "A's replication",
        value(&c, "#f-replication").await,
        |v: &String| *v == replication_a
    );
    assert_eq!(text(&c, &format!("{row} .percent")).await, "\u{2212}33.3%");

    println!("step: the comparison link opens both in a fresh browser");
    c.close().await.expect("close the browser");
    let fresh = TempDir::new("envelope-share-compare-b");
    let c = open_browser(&driver, &fresh).await;
    open(&c, &url).await;
    wait_until!(
        "the shared comparison",
        text(&c, &format!("{row} .percent")).await,
        |p: &String| p == "\u{2212}33.3%"
    );

    println!("step: close the comparison");
    click(&c, "#close-compare").await;
    wait_until!(
        "the comparison closes",
        c.find(Locator::Css(".compare")).await.is_ok(),
        |present: &bool| !present
    );
    let url = wait_until!("a single link again", url_of(&c).await, |u: &String| !u
        .contains("vs."));
    println!("  address bar: {url}");

    println!("step: compare with a pasted link");
    let mut other = url.clone();
    other.push_str("&replication=2");
    type_into(&c, "#compare-link", &other).await;
    click(&c, "#compare-link-load").await;
    wait_until!(
        "the pasted link as B",
        text(&c, &format!("{row} .percent")).await,
        |p: &String| p == "\u{2212}33.3%"
    );

    println!("step: Back undoes the pasted comparison, Forward brings it back");
    c.back().await.expect("Back");
    wait_until!(
        "the comparison gone",
        c.find(Locator::Css(".compare")).await.is_ok(),
        |present: &bool| !present
    );
    let back = url_of(&c).await;
    assert!(!back.contains("vs."), "{back}");
    c.forward().await.expect("Forward");
    wait_until!(
        "the comparison again",
        text(&c, &format!("{row} .percent")).await,
        |p: &String| p == "\u{2212}33.3%"
    );
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the browser");
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_over_a_different_draft_offers_to_restore_it() {
    let (server, _temp, driver, c) = launch("envelope-share-restore").await;
    open(&c, &server.url("/")).await;
    type_into(&c, "#f-dau", "7M").await;
    wait_until!("the address bar follows", url_of(&c).await, |u: &String| u
        .contains("dau=7M"));

    open(&c, &server.url("/?v=1&dau=9M")).await;
    wait_until!(
        "the link's users",
        value(&c, "#f-dau").await,
        |v: &String| v.replace(' ', "") == "9M"
    );
    wait_for_element(&c, ".draft-notice", "the unsaved-draft notice").await;
    let notice = text(&c, ".draft-notice").await;
    assert!(
        notice.contains("You have an unsaved draft from before"),
        "{notice:?}"
    );
    let stored = c
        .execute("return localStorage.getItem('envelope.draft');", vec![])
        .await
        .expect("read the draft");
    assert!(
        stored.as_str().is_some_and(|d| d.contains("dau=7M")),
        "the link has not overwritten the draft: {stored}"
    );
    click(&c, "#restore-draft").await;
    wait_until!(
        "the draft's users",
        value(&c, "#f-dau").await,
        |v: &String| v.replace(' ', "") == "7M"
    );
    wait_until!("the address bar follows", url_of(&c).await, |u: &String| u
        .contains("dau=7M"));
    assert!(
        c.find(Locator::Css(".draft-notice")).await.is_err(),
        "the notice is gone"
    );

    println!("step: editing a link over a draft keeps the draft as the previous one");
    open(&c, &server.url("/?v=1&dau=9M")).await;
    wait_for_element(&c, ".draft-notice", "the unsaved-draft notice again").await;
    type_into(&c, "#f-dau", "11M").await;
    let stored = wait_until!(
        "the edited link becomes the draft",
        c.execute(
            "return [localStorage.getItem('envelope.draft'), \
                     localStorage.getItem('envelope.draft.previous')];",
            vec![],
        )
        .await
        .expect("read the drafts"),
        |d: &serde_json::Value| d[0].as_str().is_some_and(|d| d.contains("dau=11M"))
    );
    assert!(
        stored[1].as_str().is_some_and(|d| d.contains("dau=7M")),
        "the older draft is kept: {stored}"
    );
    click(&c, "#restore-draft").await;
    wait_until!(
        "the older draft again",
        value(&c, "#f-dau").await,
        |v: &String| v.replace(' ', "") == "7M"
    );
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the browser");
}

/// Issue 18: a preset wiped the scenario with no undo, and Back then left
/// the app. Each preset is a history entry now: Back brings back what the
/// page showed before it, unsaved edits included, and Forward the preset.
#[tokio::test(flavor = "current_thread")]
async fn back_undoes_a_preset() {
    let (server, _temp, driver, c) = launch("envelope-share-preset-back").await;
    open(&c, &server.url("/")).await;
    // An edit the debounce has not yet written when the preset is clicked.
    type_into(&c, "#f-dau", "7M").await;
    click(&c, r#"button[data-preset="url-shortener"]"#).await;
    let preset_dau = wait_until!(
        "the preset's users",
        value(&c, "#f-dau").await,
        |v: &String| v != "7M" && v != "7 M"
    );
    let preset_url = wait_until!("the preset's link", url_of(&c).await, |u: &String| !u
        .contains("dau=7M"));

    println!("step: Back returns to the edited scenario, still in the app");
    c.back().await.expect("go back");
    wait_until!(
        "the edit before the preset",
        value(&c, "#f-dau").await,
        |v: &String| v == "7 M"
    );
    let url = url_of(&c).await;
    assert!(url.starts_with(&server.url("/")), "still the app: {url}");
    assert!(url.contains("dau=7M"), "{url}");

    println!("step: Forward brings the preset back");
    c.forward().await.expect("go forward");
    wait_until!(
        "the preset again",
        value(&c, "#f-dau").await,
        |v: &String| *v == preset_dau
    );
    assert_eq!(url_of(&c).await, preset_url);

    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the browser");
}

/// Issue 18: the availability target, the component system and interview
/// mode were neither in the link nor in the draft. Now a reload brings them
/// back, and a link carries a system of parts.
#[tokio::test(flavor = "current_thread")]
async fn availability_and_interview_mode_travel_in_the_draft_and_links() {
    let (server, _temp, driver, c) = launch("envelope-share-availability").await;
    open(&c, &server.url("/")).await;
    type_into(&c, "#av-target", "99.99%").await;
    click(&c, "#interview-mode").await;
    let url = wait_until!("the address bar follows", url_of(&c).await, |u: &String| u
        .contains("availability.target=")
        && u.contains("interview=on"));
    assert!(url.contains("99.99"), "{url}");
    // The bare URL: the draft brings both back.
    open(&c, &server.url("/")).await;
    wait_until!(
        "the draft's target",
        value(&c, "#av-target").await,
        |v: &String| v == "99.99%"
    );
    let checked = c
        .execute(
            "return document.querySelector('#interview-mode').checked;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_bool());
    assert_eq!(checked, Some(true), "interview mode back after a reload");
    // A link with a system: a 99.99% load balancer in series with three
    // 99.9% app servers of which any one will do (1 - 0.001^3): the load
    // balancer limits it.
    open(
        &c,
        &server.url("/?v=1&availability.system=lb%2099.99%25%3B%20app%2099.9%25%20x3%20any"),
    )
    .await;
    let limiting = wait_until!(
        "the linked system's limiting part",
        text(&c, "#av-limiting").await,
        |t: &String| t.contains("lb")
    );
    assert!(!limiting.contains("app"), "{limiting}");
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the browser");
}
