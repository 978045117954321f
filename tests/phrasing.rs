//! Interview statements typed into the page as they are said (issue 15):
//! a rate per second, a share of users, a CDN's hit rate, a ratio to a
//! named class, fan-out, connections per server, the cache rule and the
//! interview month; the figures the
//! core gives for them (core/tests/phrasing.rs has the arithmetic), and the
//! link that carries them. Headless Chromium on the built app (dist/).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::browser::{
    assert_no_console_errors, choose, launch, open, text, type_into, wait_for_text, wait_for_url,
    wait_until,
};

fn result(key: &str) -> String {
    format!(r#".results .figure[data-key="{key}"] .value"#)
}

fn class_input(key: &str) -> String {
    row_input(1, key)
}

/// The input of field `key` in request class row `row` (from 1).
fn row_input(row: usize, key: &str) -> String {
    format!(
        r#".class-table tbody tr:nth-child({row}) td[data-key="{key}"] input, .class-table tbody tr:nth-child({row}) td[data-key="{key}"] select"#
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

    println!("step: \"1 upload per 200 views\", each delivered to 200 timelines");
    open(
        &c,
        &server
            .url("/?v=1&dau=1M&classes=2&c0.name=view&c0.count=100&c1.name=upload&c1.kind=write"),
    )
    .await;
    choose(&c, &row_input(2, "per"), "one_per").await;
    type_into(&c, &row_input(2, "count"), "200").await;
    type_into(&c, &row_input(2, "of"), "view").await;
    // 1 M x 100 = 100 M views; one upload per 200: 500,000 a day.
    wait_for_text(&c, &result("class.1.per_day"), "500,000").await;
    type_into(&c, &row_input(2, "fanout"), "200").await;
    // 500,000 x 200 = 100 M writes downstream a day.
    wait_for_text(&c, &result("fanout.writes_per_day"), "100 M").await;
    wait_for_url(&c, "the ratio and the fan-out in the link", |u| {
        u.contains("c1.per=one_per") && u.contains("c1.of=view") && u.contains("c1.fanout=200")
    })
    .await;
    // A name that is no class is said beside the field; the page goes on.
    type_into(&c, &row_input(2, "of"), "views").await;
    wait_until(
        &c,
        ".class-table .error",
        "the missing class named",
        |got| got.contains("no request class is named \"views\""),
    )
    .await;
    type_into(&c, &row_input(2, "of"), "view").await;

    println!("step: \"each server holds 50K connections\", 10% online at peak");
    choose(&c, "#f-connections_by", "online").await;
    type_into(&c, "#f-online_share", "10%").await;
    // 1 M x 10% = 100 k connections; ceil(100 k / (50 k x 70%)) = 3.
    wait_for_text(&c, &result("servers.peak_connections"), "100,000").await;
    assert_eq!(text(&c, &result("servers.by_connections")).await, "3");

    println!("step: \"20% of the objects get 80% of the reads\"");
    choose(&c, "#f-cache_rule", "objects").await;
    wait_for_text(&c, &result("cache.read_hit_ratio"), "80%").await;

    println!("step: a 2.5 M s month");
    choose(&c, "#f-month", "2.5Ms").await;
    wait_for_url(&c, "the month in the link", |u| u.contains("month=2.5Ms")).await;
    assert_no_console_errors(&driver, &c).await;
    c.close().await.expect("close the browser");
}
