//! The accessibility audit: axe-core (from npm, installed by
//! `scripts/install-tools.sh browser`, injected into the page through
//! chromedriver: never from a CDN, and the page's own CSP is untouched) run
//! on the built app (dist/) in headless Chromium, in every state a user
//! reaches: the default page, a scenario with ranges, interview mode with
//! every "show your work", the availability section and every follow-up
//! calculator open, dark mode, and a phone's width. Each must have no
//! violation of any rule axe runs by default (WCAG 2.x A and AA, and axe's
//! best practices). Fails, never skips, when axe-core is missing.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

use envelope_core::followup::Calculator;
use fantoccini::Client;
use serde_json::json;
use support::browser::{launch, open, session_id, wait_for_element, wait_until};
use support::ChromeDriver;

/// axe-core's browser build, where scripts/install-tools.sh puts it.
fn axe_source() -> String {
    let tools = std::env::var_os("ENVELOPE_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/envelope-tools")
        });
    let file = tools.join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!(
            "axe-core not found at {} ({e}): run `bash scripts/install-tools.sh browser`. \
             The audit never skips.",
            file.display()
        )
    })
}

/// The violations axe finds in the page as it is now, one line each: rule,
/// impact, help and the first few elements it names.
async fn violations(c: &Client, axe: &str) -> Vec<String> {
    let injected = c
        .execute(&format!("{axe}\nreturn typeof window.axe;"), vec![])
        .await
        .expect("inject axe-core");
    assert_eq!(injected, "object", "axe-core defines window.axe");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }) \
               .then(r => done(r.violations.map(v => \
                 `${v.id} (${v.impact}): ${v.help}: ` + \
                 v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', ')))) \
               .catch(e => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    found
        .as_array()
        .expect("a list of violations")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Runs axe in the page's current state; collects what it finds under
/// `state`, so that one run reports every state's violations.
async fn audit(c: &Client, axe: &str, state: &str, found: &mut Vec<String>) {
    let v = violations(c, axe).await;
    println!("  {state}: {} violations", v.len());
    found.extend(v.into_iter().map(|v| format!("{state}: {v}")));
}

/// Opens every "show your work", the interview mode and every follow-up
/// calculator, and scrolls through the page so that every section is laid
/// out (sections off screen are not, until they come near it).
async fn open_everything(c: &Client) {
    c.execute(
        "document.querySelector('#interview-mode').click(); \
         for (const d of document.querySelectorAll('details')) d.open = true;",
        vec![],
    )
    .await
    .expect("open every details element");
    for calculator in Calculator::ALL {
        wait_for_element(
            c,
            &format!(
                r#"details.followup-calc[data-calculator="{}"] .followup-body"#,
                calculator.key()
            ),
            "an opened calculator's body",
        )
        .await;
    }
    wait_for_element(c, ".figure .derivation:not(:empty)", "a derivation shown").await;
    scroll_through(c).await;
}

async fn scroll_through(c: &Client) {
    c.execute_async(
        "const done = arguments[arguments.length - 1]; \
         let y = 0; \
         const step = () => { window.scrollTo(0, y); y += innerHeight; \
           if (y < document.documentElement.scrollHeight + innerHeight) requestAnimationFrame(step); \
           else { window.scrollTo(0, 0); requestAnimationFrame(() => done(true)); } }; \
         step();",
        vec![],
    )
    .await
    .expect("scroll through the page");
}

fn dark(driver: &ChromeDriver, session: &str, on: bool) {
    let features = if on {
        json!([{ "name": "prefers-color-scheme", "value": "dark" }])
    } else {
        json!([])
    };
    driver.cdp(
        session,
        "Emulation.setEmulatedMedia",
        json!({ "features": features }),
    );
}

#[tokio::test(flavor = "current_thread")]
async fn axe_finds_no_violation_in_any_state_at_any_width() {
    let axe = axe_source();
    let (server, _temp, driver, c) = launch("envelope-audit").await;
    let session = session_id(&c).await;
    let mut found = Vec::new();

    for (width, height) in [(1280, 900), (390, 844)] {
        c.set_window_size(width, height)
            .await
            .expect("set the window size");
        println!("step: {width} px wide");
        for scheme in ["light", "dark"] {
            dark(&driver, &session, scheme == "dark");
            open(&c, &server.url("/")).await;
            scroll_through(&c).await;
            audit(
                &c,
                &axe,
                &format!("{width} px, {scheme}, default page"),
                &mut found,
            )
            .await;

            open(&c, &server.url("/?v=1&dau=5M..20M&c0.count=1..3")).await;
            wait_until(&c, ".summary .card .spread", "percentiles", |t| {
                t.contains("p5")
            })
            .await;
            scroll_through(&c).await;
            audit(
                &c,
                &axe,
                &format!("{width} px, {scheme}, ranges"),
                &mut found,
            )
            .await;

            open_everything(&c).await;
            audit(
                &c,
                &axe,
                &format!("{width} px, {scheme}, everything open, interview mode"),
                &mut found,
            )
            .await;
        }
    }
    dark(&driver, &session, false);
    assert!(
        found.is_empty(),
        "axe-core found {} violations:\n{}",
        found.len(),
        found.join("\n")
    );
    c.close().await.expect("close the browser");
}
