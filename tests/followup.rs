//! Browser test of the follow-up questions section of the built app (dist/,
//! from `trunk build --release`): headless Chromium driven through
//! chromedriver, everything on 127.0.0.1, like tests/web.rs (whose support
//! module this reuses). Fails, never skips, when Chromium, chromedriver or
//! dist/ is missing.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use envelope_core::followup::{self, Calculator};
use envelope_core::presets::preset_scenario;
use envelope_core::{estimate_numbers, format};
use fantoccini::Locator;
use support::browser::{
    assert_no_console_errors, attr, click, launch, open, text, type_into, value, wait_for_element,
    wait_for_text, wait_for_url, wait_until,
};

fn calc(key: &str) -> String {
    format!(r#"details.followup-calc[data-calculator="{key}"]"#)
}

fn figure(calculator: &str, key: &str) -> String {
    format!(r#"{} .figure[data-key="{key}"] .value"#, calc(calculator))
}

/// Opens a calculator by its summary, as a person would: scrolled to,
/// then clicked. Sections off screen are laid out only as they come near
/// it (`content-visibility: auto`), so the page can still move under the
/// pointer for a frame or two; a click that lands elsewhere is tried again.
async fn unfold(c: &fantoccini::Client, key: &str) {
    let summary = format!("{} > summary", calc(key));
    let body = format!("{} .followup-body", calc(key));
    for _ in 0..20 {
        c.execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
            vec![summary.clone().into()],
        )
        .await
        .expect("scroll to the calculator");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let element = wait_for_element(c, &summary, "the calculator's summary").await;
        if element.click().await.is_ok() {
            wait_for_element(c, &body, "the open calculator").await;
            return;
        }
    }
    panic!("`{summary}` could not be clicked");
}

#[tokio::test(flavor = "current_thread")]
async fn follow_up_questions_work_in_headless_chromium() {
    let (server, _temp, driver, c) = launch("envelope-followup-test").await;

    println!("step: the section is there, every calculator folded");
    open(&c, &server.url("/")).await;
    assert_eq!(text(&c, "#followup-title").await, "Follow-up questions");
    for calculator in Calculator::ALL {
        let css = calc(calculator.key());
        let summary = text(&c, &format!("{css} > summary")).await;
        assert_eq!(
            summary,
            format!("{}: {}", calculator.title(), calculator.question())
        );
        assert_eq!(attr(&c, &css, "open").await, None, "{css} starts folded");
        let bodies = c
            .find_all(Locator::Css(&format!("{css} .followup-body")))
            .await
            .expect("query");
        assert!(bodies.is_empty(), "{css} computes nothing while folded");
    }

    println!("step: the Bloom filter opens prefilled from the scenario, and says so");
    unfold(&c, "bloom").await;
    // What the core makes of the page's first scenario, the photo-uploads
    // preset: its stored objects are the filter's items.
    let preset = preset_scenario("photo-uploads").expect("the first preset");
    let numbers = estimate_numbers(&preset).expect("the preset estimates");
    let expected = followup::run(Calculator::Bloom, &preset, &numbers);
    let items = expected.inputs[0].value.clone();
    let items_text = expected.inputs[0]
        .field
        .value_text(&items, &preset.conventions);
    let placeholder = attr(&c, "#fu-bloom-items", "placeholder").await;
    assert_eq!(
        placeholder.as_deref(),
        Some(format!("{items_text} (from the scenario)").as_str())
    );
    assert_eq!(value(&c, "#fu-bloom-items").await, "", "nothing typed yet");
    let note = text(
        &c,
        r#"li[data-origin="scenario"][data-field="bloom.items"]"#,
    )
    .await;
    println!("  note: {note}");
    assert!(note.starts_with(&format!("n = {items_text} objects from the scenario")));
    let section = expected.section.expect("the preset's filter computes");
    let bits = section
        .figures
        .iter()
        .find(|f| f.key == "bloom.bits")
        .expect("bits");
    let scenario_bits = format::measure(&bits.value, &preset.conventions);
    wait_for_text(&c, &figure("bloom", "bloom.bits"), &scenario_bits).await;
    // The default rate: 1%, seven hash functions whatever the item count.
    wait_for_text(&c, &figure("bloom", "bloom.hashes"), "7").await;
    let chart = format!("{} .followup-chart figcaption", calc("bloom"));
    wait_until(&c, &chart, "the rate curve with the sized filter", |t| {
        t.starts_with("The false-positive rate falls") && t.contains("Sized filter: ")
    })
    .await;

    println!("step: typed inputs win, say so and travel in the link");
    type_into(&c, "#fu-bloom-items", "1M").await;
    // n = 1M, p = 1%: m = ceil(-1e6 ln 0.01 / ln^2 2) = 9,585,059 bits =
    // 1.198 MB; k = 9.585 x ln 2 = 6.64 -> 7; (1 - e^(-7/9.585))^7 = 1.004%.
    wait_for_text(&c, &figure("bloom", "bloom.bits"), "9.585 M").await;
    wait_for_text(&c, &figure("bloom", "bloom.bytes"), "1.198 MB").await;
    wait_for_text(&c, &figure("bloom", "bloom.rate"), "1.004%").await;
    wait_for_text(
        &c,
        r#"li[data-origin="set"][data-field="bloom.items"]"#,
        "Items = 1 M, set by you",
    )
    .await;
    let derivation = text(
        &c,
        &format!(
            r#"{} .figure[data-key="bloom.bits"] .derivation"#,
            calc("bloom")
        ),
    )
    .await;
    assert_eq!(
        derivation,
        "ceil(-n ln p / (ln 2)^2) = ceil(-1,000,000 x ln 0.01 / 0.4805) = ceil(9,585,058) = 9.585 M"
    );
    wait_until(&c, &chart, "the sized filter at 9.585 bits", |t| {
        t.contains("Sized filter: 9.585 bits per item, 1.004%.")
            && t.contains("Given filter: 10 bits per item, 0.8194%.")
    })
    .await;
    let link = wait_for_url(&c, "the items in the link", |u| {
        u.contains("bloom.items=1M")
    })
    .await;

    println!("step: a bad input names its field; the calculator goes on without it");
    type_into(&c, "#fu-bloom-items", "lots").await;
    let error = text(&c, r#"#fu-bloom-items-err[role="alert"]"#).await;
    println!("  error: {error}");
    assert!(error.starts_with("Items: "), "{error}");
    // As every field of the form: a bad text keeps the value the scenario
    // was loaded with, here none, so the items come from the scenario.
    wait_for_text(&c, &figure("bloom", "bloom.bits"), &scenario_bits).await;

    println!("step: the link opens with the inputs it carries");
    open(&c, &link).await;
    unfold(&c, "bloom").await;
    assert_eq!(value(&c, "#fu-bloom-items").await, "1 M");
    wait_for_text(&c, &figure("bloom", "bloom.bytes"), "1.198 MB").await;

    println!("step: the queue's p99 against utilisation");
    unfold(&c, "latency").await;
    type_into(&c, "#fu-latency-servers", "1").await;
    type_into(&c, "#fu-latency-service_rate", "1000").await;
    type_into(&c, "#fu-latency-arrival_rate", "800").await;
    // M/M/1 at 80%: p99 = ln 100 / (1,000 - 800) = 23.03 ms; at 90%, twice.
    wait_for_text(&c, &figure("latency", "latency.utilisation"), "80%").await;
    wait_for_text(&c, &figure("latency", "latency.p99"), "23.03 ms").await;
    wait_for_text(&c, &figure("latency", "latency.p99_at_90"), "46.05 ms").await;
    let p99_chart = format!("{} .followup-chart figcaption", calc("latency"));
    wait_until(&c, &p99_chart, "the curve and the servers' mark", |t| {
        t.starts_with("p99 response time of 1 server serving 1,000 requests/s each rises from 4.848 ms at 5% to 46.05 ms at 90% and 460.5 ms at 99%.")
            && t.ends_with("Your servers: 80%, p99 23.03 ms.")
    })
    .await;
    let svg = format!("{} .followup-chart svg", calc("latency"));
    wait_for_element(&c, &svg, "the p99 chart's drawing").await;
    let label = attr(&c, &svg, "aria-label").await.unwrap_or_default();
    assert!(
        label.ends_with("Your servers: 80%, p99 23.03 ms."),
        "{label}"
    );

    println!("step: the choice of jitter shows the one in use, and can be changed");
    unfold(&c, "backoff").await;
    assert_eq!(value(&c, "#fu-backoff-jitter").await, "full", "the default");
    support::browser::choose(&c, "#fu-backoff-jitter", "none").await;
    wait_for_url(&c, "the jitter in the link", |u| {
        u.contains("backoff.jitter=none")
    })
    .await;

    println!("step: one button takes every input from the scenario again");
    click(&c, &format!("{} .followup-reset", calc("bloom"))).await;
    wait_until(
        &c,
        r#"li[data-field="bloom.items"]"#,
        "the items from the scenario again",
        |t| t.starts_with(&format!("n = {items_text} objects from the scenario")),
    )
    .await;
    assert_eq!(value(&c, "#fu-bloom-items").await, "");
    wait_for_url(&c, "no items in the link", |u| !u.contains("bloom.items")).await;

    assert_no_console_errors(&driver, &c).await;
}
