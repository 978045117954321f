//! Taking the estimate away, in headless Chromium on the built app (dist/):
//! "Copy as Markdown" puts on the clipboard the text `envelope estimate
//! --format markdown` prints for the page's link; the scenario file, the
//! JSON report, the CSV of the series and each chart's SVG are the bytes
//! the `envelope` command writes (envelope-render and envelope-charts, the
//! code the command runs, are called here on the same link), the PNG is
//! the chart at twice its size; and the print layout shows the inputs as a
//! table, every derivation, black on white, within an A4 page.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use envelope_charts::{render, ChartKind, DEFAULT_SIZE};
use envelope_core::uncertainty::simulate_ranges;
use envelope_core::{estimate, link, Scenario};
use envelope_render::{csv, json, markdown};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;
use support::browser::{
    assert_no_console_errors, click, launch, open, session_id, text, url_of, wait_for_url,
    wait_until, WAIT,
};

/// Waits for `name` to be completely downloaded into `dir`; its bytes.
async fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
    let file = dir.join(name);
    let deadline = Instant::now() + WAIT;
    loop {
        // Chromium writes `NAME.crdownload` and renames it when done; the
        // final name can exist, empty, before that.
        let partial = dir.join(format!("{name}.crdownload"));
        if file.is_file() && !partial.exists() {
            if let Ok(bytes) = std::fs::read(&file) {
                if !bytes.is_empty() {
                    return bytes;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "{name} was not downloaded into {}: {:?}",
            dir.display(),
            std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn clipboard(c: &Client) -> String {
    c.execute_async(
        "const done = arguments[arguments.length - 1]; \
         navigator.clipboard.readText().then(done, e => done(`clipboard: ${e}`));",
        vec![],
    )
    .await
    .expect("read the clipboard")
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (word(16), word(20))
}

#[tokio::test(flavor = "current_thread")]
async fn every_export_is_what_the_command_writes() {
    let (server, temp, driver, c) = launch("envelope-export").await;
    let session = session_id(&c).await;
    let downloads: PathBuf = temp.0.join("downloads");
    std::fs::create_dir_all(&downloads).expect("a downloads directory");
    driver.cdp(
        &session,
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads }),
    );
    driver.cdp(
        &session,
        "Browser.grantPermissions",
        json!({ "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    );
    // A scenario with a range, a name to make file names of, and a class
    // name that Markdown must escape.
    open(
        &c,
        &server.url("/?v=1&name=Photo%20app&dau=5M..20M&c0.name=up|load"),
    )
    .await;
    wait_until(&c, ".summary .card .spread", "percentiles", |t| {
        t.contains("p5")
    })
    .await;
    let page = url_of(&c).await;
    let decoded = link::decode(page.split_once('?').map_or("", |q| q.1));
    let scenario = decoded.scenario;
    let report = estimate(&scenario).expect("the page's scenario estimates");
    let sim = simulate_ranges(&scenario).expect("the page's ranges simulate");
    assert!(sim.is_some(), "the scenario has a range");

    println!("step: Copy as Markdown, from the keyboard");
    c.execute("document.querySelector('#copy-markdown').focus();", vec![])
        .await
        .expect("focus the button");
    c.active_element()
        .await
        .expect("the focused button")
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("press Enter");
    wait_until(&c, "#export-status", "the copy confirmed", |t| {
        t == "Markdown copied"
    })
    .await;
    let copied = clipboard(&c).await;
    let link = [
        page.split_once('?').map_or(page.as_str(), |p| p.0),
        "?",
        &link::encode(&scenario),
    ]
    .concat();
    let options = markdown::Options {
        simulation: sim.as_ref(),
        rough: false,
        link: Some(&link),
    };
    let want = markdown::render(&report, &scenario, options);
    assert_eq!(copied, want, "the clipboard holds the command's Markdown");
    assert!(copied.contains("## Inputs"), "{copied}");
    assert!(copied.contains("up\\|load"), "escaped class name: {copied}");
    assert!(copied.contains("p95"), "percentiles: {copied}");
    assert!(
        copied.contains(&format!("Link: <{link}>")),
        "the link: {copied}"
    );

    println!("step: in interview mode, the Markdown has the rough columns (`--rough`)");
    click(&c, "#interview-mode").await;
    // Interview mode travels in the link (`interview=on`).
    let page = wait_for_url(&c, "interview=on", |u| u.contains("interview=on")).await;
    click(&c, "#copy-markdown").await;
    let deadline = Instant::now() + WAIT;
    let rough = loop {
        let got = clipboard(&c).await;
        if got != copied || Instant::now() > deadline {
            break got;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let interview = link::decode(page.split_once('?').map_or("", |q| q.1)).scenario;
    let interview_link = [
        page.split_once('?').map_or(page.as_str(), |p| p.0),
        "?",
        &link::encode(&interview),
    ]
    .concat();
    let options = markdown::Options {
        rough: true,
        link: Some(&interview_link),
        ..options
    };
    assert_eq!(
        rough,
        markdown::render(
            &estimate(&interview).expect("estimates"),
            &interview,
            options
        )
    );
    assert!(rough.contains("| Rough | Error | Working |"), "{rough}");
    click(&c, "#interview-mode").await;

    println!("step: Download the scenario file, the JSON report and the CSV");
    click(&c, "#download-scenario").await;
    let file =
        String::from_utf8(downloaded(&downloads, "photo-app.scenario.json").await).expect("UTF-8");
    assert_eq!(file, json::scenario(&scenario).expect("a scenario file"));
    let read: Scenario = serde_json::from_str(&file).expect("what `envelope estimate FILE` reads");
    assert_eq!(read, scenario);
    click(&c, "#download-report").await;
    let file = downloaded(&downloads, "photo-app.report.json").await;
    assert_eq!(
        String::from_utf8(file).expect("UTF-8"),
        json::render(&report, sim.as_ref()).expect("a JSON report")
    );
    click(&c, "#download-csv").await;
    let file = downloaded(&downloads, "photo-app-series.csv").await;
    assert_eq!(
        String::from_utf8(file).expect("UTF-8"),
        csv::render(&report)
    );

    println!("step: each chart as SVG and PNG");
    for kind in ChartKind::ALL {
        let figure = format!(r#"figure.chart[data-chart="{}"]"#, kind.name());
        c.execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![json!(figure)],
        )
        .await
        .expect("scroll to the chart");
        click(&c, &format!(r#"{figure} button[data-download="svg"]"#)).await;
        let svg = downloaded(&downloads, &format!("photo-app-{}.svg", kind.name())).await;
        assert_eq!(
            String::from_utf8(svg).expect("UTF-8"),
            render(kind, &report, DEFAULT_SIZE).standalone(),
            "{} as `envelope chart` writes it",
            kind.name()
        );
        click(&c, &format!(r#"{figure} button[data-download="png"]"#)).await;
        let png = downloaded(&downloads, &format!("photo-app-{}.png", kind.name())).await;
        assert_eq!(png_size(&png), (DEFAULT_SIZE.0 * 2, DEFAULT_SIZE.1 * 2));
    }
    let labels = c
        .find_all(Locator::Css("button[data-download]"))
        .await
        .expect("the chart buttons");
    for button in labels {
        let label = button
            .attr("aria-label")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(label.starts_with("Download the "), "{label}");
    }
    assert_no_console_errors(&driver, &c).await;

    println!("step: the print layout, as wide as an A4 page less its margins");
    // 210 mm less 2 x 14 mm of margin, at 96 CSS px an inch: 688 px.
    c.set_window_size(688 + 15, 900)
        .await
        .expect("an A4-wide window");
    driver.cdp(
        &session,
        "Emulation.setEmulatedMedia",
        json!({ "media": "print" }),
    );
    // The page hears of print media in an event, then renders: measured
    // once the inputs table is there (or after WAIT, and then failed).
    let deadline = Instant::now() + WAIT;
    let print = loop {
        let print = c
            .execute(
                "const shown = css => [...document.querySelectorAll(css)].filter(e => e.checkVisibility()).length; \
                 const derivations = [...document.querySelectorAll('.results .figure .derivation')]; \
                 return { form: shown('form.inputs'), buttons: shown('button'), \
                   inputs: shown('.print-inputs tbody tr'), link: document.querySelector('.print-link')?.textContent, \
                   figures: derivations.length, written: derivations.filter(d => d.textContent.trim()).length, \
                   background: getComputedStyle(document.body).backgroundColor, \
                   colour: getComputedStyle(document.body).color, \
                   width: innerWidth, scrollWidth: document.documentElement.scrollWidth };",
                vec![],
            )
            .await
            .expect("measure the print layout");
        let rendered =
            print["inputs"].as_u64().unwrap_or(0) > 0 && print["written"] == print["figures"];
        if rendered || Instant::now() > deadline {
            break print;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    println!("  {print}");
    assert_eq!(print["form"], 0, "the form is not printed: {print}");
    assert_eq!(print["buttons"], 0, "no buttons on paper: {print}");
    assert!(
        print["inputs"].as_u64().unwrap_or(0) >= 10,
        "the inputs as a table: {print}"
    );
    assert_eq!(
        print["link"].as_str().map(str::trim),
        Some(link.as_str()),
        "{print}"
    );
    assert!(print["figures"].as_u64().unwrap_or(0) > 20, "{print}");
    assert_eq!(
        print["written"], print["figures"],
        "every derivation written: {print}"
    );
    assert_eq!(print["background"], "rgb(255, 255, 255)", "{print}");
    assert_eq!(print["colour"], "rgb(0, 0, 0)", "{print}");
    assert!(
        print["scrollWidth"].as_f64() <= print["width"].as_f64(),
        "nothing wider than the page: {print}"
    );
    let pdf = driver.cdp(
        &session,
        "Page.printToPDF",
        json!({ "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": false }),
    );
    let pdf = pdf["data"].as_str().expect("a PDF").len();
    assert!(pdf > 10_000, "a PDF of the page ({pdf} base64 characters)");
    driver.cdp(
        &session,
        "Emulation.setEmulatedMedia",
        json!({ "media": "" }),
    );
    // Back on screen, the "show your work" the print opened are closed.
    let open_after = c
        .execute(
            "return document.querySelectorAll('.figure details[open]').length;",
            vec![],
        )
        .await
        .expect("count open derivations");
    assert_eq!(open_after, 0);
    assert!(text(&c, "#export-status").await.starts_with("Saved "));
    c.close().await.expect("close the browser");
}
