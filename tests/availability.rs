//! Browser test of the availability section of the built app (dist/, from
//! `trunk build --release`): headless Chromium driven through chromedriver,
//! everything on 127.0.0.1, like tests/web.rs (whose support module this
//! reuses). Fails, never skips, when Chromium, chromedriver or dist/ is
//! missing.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use serde_json::json;
use support::browser::{
    attr, choose, console_errors, launch, open, session_id, text, type_into, wait_for_element,
    wait_for_text, wait_until,
};

const TARGET: &str = "#av-target";
const TARGET_ERROR: &str = r#"#av-target-err[role="alert"]"#;

fn target_row(period: &str) -> String {
    format!(r#"#av-target-downtime tr[data-period="{period}"] td"#)
}

#[tokio::test(flavor = "current_thread")]
async fn availability_section_works_in_headless_chromium() {
    let (server, _temp, driver, c) = launch("envelope-availability-test").await;
    let session = session_id(&c).await;

    println!("step: the page loads with the availability section");
    open(&c, &server.url("/")).await;
    let heading = text(&c, "#availability-title").await;
    assert_eq!(heading, "Availability");

    println!("step: 99.9% allows 8h 45m 36s a year and 43m 12s a 30-day month");
    type_into(&c, TARGET, "99.9%").await;
    wait_for_text(&c, &target_row("year"), "8h 45m 36s").await;
    wait_for_text(&c, &target_row("month"), "43m 12s").await;
    wait_for_text(&c, &target_row("day"), "1m 26.4s").await;
    let calendar = text(&c, "#av-target-downtime + .av-calendar .av-calendar-text").await;
    assert_eq!(calendar, "86,400 s day, 30-day month, 365-day year");

    println!("step: the page's month convention switches the table to 30.44 days");
    choose(&c, "#f-month", "30.44").await;
    wait_for_text(&c, &target_row("month"), "43m 50s").await;
    wait_until(
        &c,
        "#av-target-downtime + .av-calendar .av-calendar-text",
        "the 30.44-day month",
        |t| t.contains("30.44-day month"),
    )
    .await;
    assert_eq!(
        text(&c, &target_row("year")).await,
        "8h 45m 36s",
        "the year is still 365 days"
    );

    println!("step: other forms of the target");
    type_into(&c, TARGET, "four nines").await;
    wait_for_text(&c, &target_row("year"), "52m 33.6s").await;
    type_into(&c, TARGET, "43m 12s per month").await;
    // 2,592 s of a 30.44-day (2,630,016 s) month is 99.90145%: 31,080 s,
    // 8h 38m a 365-day year.
    wait_until(&c, &target_row("year"), "about 8h 38m", |t| {
        t.starts_with("8h 38m")
    })
    .await;

    println!("step: a bad target shows its named error; the rest of the page works");
    type_into(&c, TARGET, "99.9%").await;
    wait_for_text(&c, &target_row("year"), "8h 45m 36s").await;
    type_into(&c, TARGET, "abc").await;
    wait_for_element(&c, TARGET_ERROR, "an inline error for the bad target").await;
    let message = text(&c, TARGET_ERROR).await;
    println!("  error shown: {message:?}");
    assert!(
        message.starts_with("Availability target: 'abc'"),
        "the error names the field and quotes the text: {message:?}"
    );
    assert_eq!(
        attr(&c, TARGET, "aria-invalid").await.as_deref(),
        Some("true")
    );
    // The table keeps the last valid target and says so.
    assert_eq!(text(&c, &target_row("year")).await, "8h 45m 36s");
    let stale = text(&c, ".av-stale").await;
    assert!(stale.contains("last valid target, 99.9%"), "{stale:?}");
    // The scenario form still drives the results.
    let peak = r#".results [data-key="total.peak_rps"] .value"#;
    let before = text(&c, peak).await;
    type_into(&c, "#f-dau", "20M").await;
    wait_until(&c, peak, "a new peak rate", |t| {
        !t.is_empty() && t != before
    })
    .await;
    // Fixing the target clears the error.
    type_into(&c, TARGET, "99.95%").await;
    wait_for_text(&c, &target_row("year"), "4h 22m 48s").await;
    assert!(
        c.find(Locator::Css(TARGET_ERROR)).await.is_err(),
        "the error goes once the target reads"
    );
    assert_eq!(attr(&c, TARGET, "aria-invalid").await, None);

    println!("step: the composite system names its limiting component");
    let availability = wait_until(&c, "#av-composite-availability", "a percentage", |t| {
        t.ends_with('%')
    })
    .await;
    let limiting = text(&c, "#av-limiting").await;
    println!("  composite {availability}, limited by {limiting:?}");
    assert!(
        [
            "load balancer",
            "app server",
            "database replica",
            "cache node"
        ]
        .contains(&limiting.as_str()),
        "a part of the scenario's stack limits it: {limiting:?}"
    );
    assert!(
        !text(&c, "#av-composite-downtime tr[data-period=\"year\"] td")
            .await
            .is_empty()
    );

    println!("step: editing a part changes the composite; a bad part is named");
    let part_availability = "#av-composite-availability";
    let app_input = c
        .execute(
            "const input = [...document.querySelectorAll('.av-part input[id$=\"-name\"]')] \
               .find(i => i.value === arguments[0]); \
             return input ? '#' + input.id.replace(/-name$/, '-availability') : null;",
            vec![json!(limiting)],
        )
        .await
        .expect("find the limiting part's input");
    let app_input = app_input
        .as_str()
        .expect("the limiting part has a row")
        .to_owned();
    type_into(&c, &app_input, "100%").await;
    wait_until(&c, part_availability, "a different composite", |t| {
        !t.is_empty() && t != availability
    })
    .await;
    type_into(&c, &app_input, "lots").await;
    let part_error = format!(r#"{app_input}-err[role="alert"]"#);
    wait_for_element(&c, &part_error, "an inline error for the bad part").await;
    let message = text(&c, &part_error).await;
    assert!(
        message.starts_with(&format!("Availability of {limiting}:")),
        "{message:?}"
    );
    println!("step: reset from scenario restores the parts");
    c.find(Locator::XPath(
        "//button[normalize-space()='Reset from scenario']",
    ))
    .await
    .expect("the reset button")
    .click()
    .await
    .expect("click reset");
    wait_for_text(&c, part_availability, &availability).await;

    println!("step: a parallel group adds to the series; removing it restores the composite");
    let click = |label: &'static str| {
        let c = c.clone();
        async move {
            let xpath = format!("//button[normalize-space()='{label}']");
            c.find(Locator::XPath(&xpath))
                .await
                .unwrap_or_else(|e| panic!("no button {label:?}: {e}"))
                .click()
                .await
                .expect("click the button");
        }
    };
    click("Add parallel group").await;
    wait_for_element(&c, ".av-group .av-part", "a group with parts").await;
    // Two 99.9% replicas in parallel add a 1e-6 unavailability in series.
    wait_until(&c, part_availability, "a lower composite", |t| {
        !t.is_empty() && t != availability
    })
    .await;
    click("Remove group").await;
    wait_for_text(&c, part_availability, &availability).await;
    assert!(c.find(Locator::Css(".av-group")).await.is_err());

    println!("step: error budget and burn-rate alerts");
    let budget = text(&c, "#av-budget-time").await;
    // The SLO defaults to the target (99.95%) over 30 days: 21m 36s.
    assert!(budget.starts_with("21m 36s"), "{budget:?}");
    let burn = text(&c, "#av-burn").await;
    // 0.5% errors against 0.05% allowed burns 10x: 3 days.
    assert!(burn.contains("10x") && burn.contains("3d"), "{burn:?}");
    let alerts = c
        .execute(
            "return document.querySelectorAll('#av-alerts tbody tr').length;",
            vec![],
        )
        .await
        .expect("count alert rows");
    assert_eq!(alerts.as_u64(), Some(3), "page, page, ticket");

    println!("step: the nines chart marks the target and the composite");
    let chart = c
        .execute(
            "const f = document.querySelector('#av-chart'); \
             return { shapes: f.querySelectorAll('svg path, svg rect, svg polyline, svg line, svg circle').length, \
                      caption: f.querySelector('figcaption').textContent, \
                      label: f.querySelector('svg').getAttribute('aria-label') };",
            vec![],
        )
        .await
        .expect("inspect the nines chart");
    println!("  chart: {chart}");
    assert!(chart["shapes"].as_u64().unwrap_or(0) > 10, "{chart}");
    let caption = chart["caption"].as_str().unwrap_or("");
    assert!(
        caption.contains("Target 99.95% (3.30 nines): 4h 22m 48s per year"),
        "{caption:?}"
    );
    assert!(caption.contains("Composite"), "{caption:?}");

    let errors = console_errors(&driver, &session);
    assert!(
        errors.is_empty(),
        "console errors while using the page: {errors:#?}"
    );
    c.close().await.expect("close the browser");
}

/// Issue 18: the system sized from the scenario caps a part at 1,000 and
/// says so beside it (1B daily users: 3,125 cache nodes).
#[tokio::test(flavor = "current_thread")]
async fn a_capped_part_is_said_beside_the_system() {
    let (server, _temp, _driver, c) = launch("envelope-availability-capped").await;
    open(&c, &server.url("/?v=1&dau=1B")).await;
    let status = wait_until(&c, "#av-system-status", "the cap said", |t| {
        t.contains("Capped: cache nodes: the scenario sizes 3,125; the system counts 1,000")
    })
    .await;
    assert!(status.starts_with("Following the scenario."), "{status}");
    // Below the cap, nothing is said.
    open(&c, &server.url("/?v=1&dau=10M")).await;
    wait_for_text(&c, "#av-system-status", "Following the scenario.").await;
    c.close().await.expect("close the browser");
}

/// Issue 18: the section says whether the system meets the target and by
/// how much, in the core's words (the CLI prints the same line).
#[tokio::test(flavor = "current_thread")]
async fn the_verdict_says_whether_the_target_is_met_and_by_how_much() {
    let (server, _temp, _driver, c) = launch("envelope-availability-verdict").await;
    // One part at 99.95% against 99.9%: per 365-day year (31,536,000 s)
    // 0.0005 x 31,536,000 = 15,768 s = 4h 22m 48s against 31,536 s =
    // 8h 45m 36s, 15,768 s to spare; log10(0.001 / 0.0005) = 0.30 nines.
    open(
        &c,
        &server.url("/?v=1&availability.system=lb%2099.95%25&availability.target=99.9%25"),
    )
    .await;
    wait_for_text(
        &c,
        "#av-verdict",
        "Meets the 99.9% target: 99.95% allows 4h 22m 48s of downtime a year, \
         4h 22m 48s less than the target's 8h 45m 36s (0.30 nines to spare).",
    )
    .await;
    assert_eq!(
        attr(&c, "#av-verdict", "role").await.as_deref(),
        Some("status")
    );
    // 99.99% allows 0.0001 x 31,536,000 = 3,153.6 s = 52m 33.6s; over by
    // 15,768 - 3,153.6 = 12,614.4 s = 3h 30m 14.4s; 4 - 3.30 = 0.70 nines.
    type_into(&c, TARGET, "99.99%").await;
    wait_for_text(
        &c,
        "#av-verdict",
        "Misses the 99.99% target: 99.95% allows 4h 22m 48s of downtime a year, \
         3h 30m 14.4s more than the target's 52m 33.6s (0.70 nines short).",
    )
    .await;
    c.close().await.expect("close the browser");
}
