//! Installable and offline: the built app (dist/) registers its service
//! worker and web app manifest; after one visit it loads and computes with
//! the site gone; and when a changed build is deployed, the next load runs
//! it and the old build's cache is deleted. Headless Chromium through
//! chromedriver, everything on 127.0.0.1, the site served from a copy of
//! dist/ (so that "deploying" changes only the copy).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::json;
use support::browser::{dist_dir, open, open_browser, session_id, type_into, wait_until, WAIT};
use support::{free_port, ChromeDriver, StaticServer, TempDir};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the site's copy");
    for entry in std::fs::read_dir(from).expect("read dist/").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file of dist/");
        }
    }
}

/// The service worker's cache names (`envelope-VERSION`), once the page is
/// controlled by an activated service worker whose cache holds every file.
async fn caches_when_controlled(c: &Client) -> Vec<String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let state = c
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 const controlled = !!navigator.serviceWorker.controller; \
                 caches.keys().then(keys => done({ controlled, keys }));",
                vec![],
            )
            .await
            .expect("read the service worker's state");
        let keys: Vec<String> = state["keys"]
            .as_array()
            .map(|k| {
                k.iter()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if state["controlled"] == true && keys.len() == 1 {
            return keys;
        }
        assert!(
            Instant::now() < deadline,
            "no service worker took control with one cache: {state}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The version the build's sw.js names its cache with.
fn sw_version(site: &Path) -> String {
    let sw = std::fs::read_to_string(site.join("sw.js")).expect("dist/sw.js, written by the build");
    let start = sw
        .find("const VERSION = \"")
        .expect("sw.js names its VERSION")
        + 17;
    sw[start..start + 16].to_owned()
}

#[tokio::test(flavor = "current_thread")]
async fn installs_loads_offline_and_updates_to_a_new_build() {
    let temp = TempDir::new("envelope-offline");
    let site = temp.0.join("site");
    copy_dir(&dist_dir(), &site);
    let first_version = sw_version(&site);
    let port = free_port();
    let server = StaticServer::start_on(site.clone(), port);
    let driver = ChromeDriver::start(&temp.0);
    let c = open_browser(&driver, &temp).await;
    let session = session_id(&c).await;
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");

    println!("step: the first visit installs the service worker, and the page is installable");
    open(&c, &url("/")).await;
    let caches = caches_when_controlled(&c).await;
    assert_eq!(caches, vec![format!("envelope-{first_version}")]);
    let manifest = driver.cdp(&session, "Page.getAppManifest", json!({}));
    println!("  manifest: {}", manifest["url"]);
    assert!(
        manifest["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/manifest.webmanifest")),
        "{manifest}"
    );
    assert_eq!(
        manifest["errors"],
        json!([]),
        "the manifest parses: {manifest}"
    );
    let installability = driver.cdp(&session, "Page.getInstallabilityErrors", json!({}));
    assert_eq!(
        installability["installabilityErrors"],
        json!([]),
        "Chromium finds the page installable: {installability}"
    );

    println!("step: with the site gone, a share link still loads and computes");
    server.stop();
    open(&c, &url("/?v=1&dau=20M")).await;
    wait_until(
        &c,
        r#".card[data-key="total.peak_rps"] .value"#,
        "a peak rate",
        |t| !t.is_empty(),
    )
    .await;
    let before = support::browser::text(&c, r#".card[data-key="total.peak_rps"] .value"#).await;
    type_into(&c, "#f-dau", "40M").await;
    let after = wait_until(
        &c,
        r#".card[data-key="total.peak_rps"] .value"#,
        "the peak to change with the users",
        |t| t != before,
    )
    .await;
    println!("  offline: {before} -> {after}");

    println!("step: a changed build deployed at the same address runs on the next load");
    let page = std::fs::read_to_string(site.join("index.html")).expect("the site's index.html");
    let changed = page.replacen(
        "<title>",
        r#"<meta name="envelope-deploy" content="second"><title>"#,
        1,
    );
    assert_ne!(
        page, changed,
        "index.html has a title to put the change before"
    );
    std::fs::write(site.join("index.html"), changed).expect("change the build");
    // The build's own hook writes the new build's service worker.
    let hook = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/service-worker.sh"))
        .env("TRUNK_STAGING_DIR", &site)
        .env("TRUNK_SOURCE_DIR", env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run scripts/service-worker.sh");
    assert!(hook.success());
    let second_version = sw_version(&site);
    assert_ne!(
        first_version, second_version,
        "a changed build has a new version"
    );
    let server = StaticServer::start_on(site.clone(), port);
    open(&c, &url("/")).await;
    let deployed = c
        .execute(
            "const m = document.querySelector('meta[name=envelope-deploy]'); return m && m.content;",
            vec![],
        )
        .await
        .expect("read the page");
    assert_eq!(deployed, "second", "the new build's page runs");
    // The new service worker installs, takes over and deletes the old cache.
    let deadline = Instant::now() + WAIT;
    loop {
        let caches = caches_when_controlled(&c).await;
        if caches == vec![format!("envelope-{second_version}")] {
            break;
        }
        assert!(Instant::now() < deadline, "caches stayed {caches:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    println!("step: offline again, the new build is what loads");
    server.stop();
    open(&c, &url("/")).await;
    let deployed = c
        .execute(
            "const m = document.querySelector('meta[name=envelope-deploy]'); return m && m.content;",
            vec![],
        )
        .await
        .expect("read the page");
    assert_eq!(deployed, "second", "the cached page is the new build's");
    c.close().await.expect("close the browser");
}
