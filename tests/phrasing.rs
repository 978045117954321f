//! Interview statements typed into the page as they are said (issue 15):
//! a rate per second, a share of users, a CDN's hit rate; the figures the
//! core gives for them (core/tests/phrasing.rs has the arithmetic), and the
//! link that carries them. Headless Chromium on the built app (dist/).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::browser::{
    assert_no_console_errors, choose, launch, open, text, type_into, wait_for_text, wait_for_url,
};

fn result(key: &str) -> String {
    format!(r#".results .figure[data-key="{key}"] .value"#)
}

fn class_input(key: &str) -> String {
    format!(
        r#".class-table tbody tr:first-child td[data-key="{key}"] input, .class-table tbody tr:first-child td[data-key="{key}"] select"#
    )
}

#[tokio::test(flavor = "current_thread")]
async fn statements_go_in_as_they_are_said() {
    let (server, _temp, driver, c) = launch("envelope-phrasing").await;
    // One read class, 10 M daily users.
    open(&c, &server.url("/?v=1&dau=10M&classes=1&c0.name=watch")).await;

    println!("step: \"500 requests per second\"");
    choose(&c, &class_input("per"), "second").await;
    type_into(&c, &class_input("count"), "500").await;
    wait_for_text(&c, &result("total.avg_rps"), "500 req/s").await;
    assert_eq!(text(&c, &result("class.0.per_day")).await, "43.2 M");
    wait_for_url(&c, "the rate in the link", |u| {
        u.contains("c0.count=500") && u.contains("c0.per=second")
    })
    .await;

    println!("step: \"10% of users watch a video a day\"");
    choose(&c, &class_input("per"), "user_day").await;
    type_into(&c, &class_input("count"), "1").await;
    type_into(&c, &class_input("share"), "10%").await;
    // 10,000,000 x 10% x 1 = 1 M a day, 11.57 req/s.
    wait_for_text(&c, &result("class.0.per_day"), "1 M").await;
    assert_eq!(text(&c, &result("total.avg_rps")).await, "11.57 req/s");
    wait_for_url(&c, "the share in the link", |u| {
        u.contains("c0.share=10%25")
    })
    .await;

    println!("step: \"served from a CDN with a 95% hit rate\"");
    type_into(&c, &class_input("share"), "100%").await;
    type_into(&c, &class_input("count"), "10").await;
    type_into(&c, &class_input("out"), "1MB").await;
    type_into(&c, "#f-cdn_hit", "95%").await;
    // 100 TB a day out; the CDN sends 95 TB, the origin 5 TB: 115.7 MB/s
    // at the 2x peak, and 5% of 2,315 req/s reaches it.
    wait_for_text(&c, &result("bandwidth.cdn_per_day"), "95 TB").await;
    assert_eq!(
        text(&c, &result("bandwidth.origin_egress_peak")).await,
        "115.7 MB/s"
    );
    assert_eq!(
        text(&c, &result("servers.origin_peak_rps")).await,
        "115.7 req/s"
    );
    assert_eq!(text(&c, &result("cost.cdn")).await, "$57,000");
    wait_for_url(&c, "the CDN in the link", |u| u.contains("cdn_hit=95%25")).await;
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the browser");
}
