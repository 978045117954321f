//! Ready-made scenarios: the classic worked examples and interview systems.
//!
//! Every preset is an ordinary [`Scenario`]: a starting point whose inputs
//! stay visible and editable. The figures in descriptions are assumptions
//! chosen for round numbers, not measurements of the real services.
//!
//! ```
//! use envelope_core::{estimate, format, presets};
//! let s = presets::preset_scenario("login-peak").unwrap();
//! let r = estimate(&s).unwrap();
//! let peak = r.figure("total.peak_rps").unwrap();
//! assert_eq!(format::measure(&peak.value, &s.conventions), "555.6 req/s");
//! ```

use crate::{Concurrency, Direction, Frequency, Peak, RequestClass, Scenario, Users};

/// A named starting point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable key, e.g. `photo-uploads`.
    pub key: &'static str,
    /// Title for menus.
    pub title: &'static str,
    /// What it models, in one sentence.
    pub description: &'static str,
}

/// All presets, in menu order.
pub fn presets() -> Vec<Preset> {
    PRESETS.iter().map(|(p, _)| *p).collect()
}

/// The scenario of the preset with this key.
pub fn preset_scenario(key: &str) -> Option<Scenario> {
    PRESETS
        .iter()
        .find(|(p, _)| p.key == key)
        .map(|(_, build)| build())
}

type Build = fn() -> Scenario;

const YEAR: f64 = 365.0 * 86_400.0;
const KB: f64 = 1e3;
const MB: f64 = 1e6;

static PRESETS: &[(Preset, Build)] = &[
    (
        Preset {
            key: "photo-uploads",
            title: "Photo uploads (worked example)",
            description: "1M daily users upload 5 photos of 3 MB a day: 15 TB a day, 450 TB a 30-day month.",
        },
        photo_uploads,
    ),
    (
        Preset {
            key: "login-peak",
            title: "Login peak (worked example)",
            description: "10M daily users log in once a day, 20% of them in the busiest hour: 555.6 logins/s at peak, 4.8x the average.",
        },
        login_peak,
    ),
    (
        Preset {
            key: "bandwidth",
            title: "Response bandwidth (worked example)",
            description: "500 requests/s, each answered with 100 KB: 50 MB/s, 400 Mbps.",
        },
        bandwidth,
    ),
    (
        Preset {
            key: "twitter",
            title: "Twitter-like feed",
            description: "300M monthly users, half daily; 2 posts and 100 timeline reads a day; 10% of posts carry a 500 KB image.",
        },
        twitter,
    ),
    (
        Preset {
            key: "url-shortener",
            title: "URL shortener",
            description: "100M new short links a month, 100 redirects per link, 500 bytes each, kept 10 years.",
        },
        url_shortener,
    ),
    (
        Preset {
            key: "pastebin",
            title: "Pastebin",
            description: "1M pastes a day of 10 KB, read 5 times each, kept 10 years.",
        },
        pastebin,
    ),
    (
        Preset {
            key: "photo-sharing",
            title: "Photo-sharing app",
            description: "500M daily users; 1 in 10 posts a 2 MB photo a day; each views 30 photos of 200 KB.",
        },
        photo_sharing,
    ),
    (
        Preset {
            key: "video",
            title: "Video site",
            description: "1B daily users watch 5 videos of 50 MB, 95% of them from a CDN; 1M uploads a day of 500 MB, stored in 3 renditions.",
        },
        video,
    ),
    (
        Preset {
            key: "chat",
            title: "Chat app",
            description: "500M daily users send 40 messages of 100 bytes a day, each delivered to 2 readers, kept 30 days.",
        },
        chat,
    ),
];

fn class(
    name: &str,
    direction: Direction,
    frequency: Frequency,
    bytes_in: f64,
    bytes_out: f64,
) -> RequestClass {
    RequestClass {
        name: name.to_owned(),
        direction,
        frequency,
        bytes_in,
        bytes_out,
        bytes_stored: None,
        users_share: 1.0,
        of: String::new(),
        fanout: None,
        fanout_bytes: 0.0,
    }
}

/// `class` counted per request of the class named `name`.
fn of(mut class: RequestClass, name: &str) -> RequestClass {
    class.of = name.to_owned();
    class
}

fn photo_uploads() -> Scenario {
    Scenario {
        name: "Photo uploads".to_owned(),
        users: Users::Daily { daily_active: 1e6 },
        classes: vec![class(
            "upload photo",
            Direction::Write,
            Frequency::PerUserPerDay(5.0),
            3.0 * MB,
            1.0 * KB,
        )],
        ..Scenario::default()
    }
}

fn login_peak() -> Scenario {
    Scenario {
        name: "Login peak".to_owned(),
        users: Users::Daily { daily_active: 10e6 },
        classes: vec![class(
            "log in",
            Direction::Read,
            Frequency::PerUserPerDay(1.0),
            1.0 * KB,
            1.0 * KB,
        )],
        peak: Peak::BusiestHourShare(0.2),
        ..Scenario::default()
    }
}

fn bandwidth() -> Scenario {
    Scenario {
        name: "Response bandwidth".to_owned(),
        classes: vec![class(
            "serve response",
            Direction::Read,
            // "500 requests per second", as said: the average is 500 /s
            // under any day-length convention.
            Frequency::PerSecond(500.0),
            1.0 * KB,
            100.0 * KB,
        )],
        peak: Peak::Factor(1.0),
        ..Scenario::default()
    }
}

fn twitter() -> Scenario {
    let mut post = class(
        "post",
        Direction::Write,
        Frequency::PerUserPerDay(2.0),
        1.0 * KB,
        1.0 * KB,
    );
    // "Each tweet is delivered to 200 followers' timelines", a tweet id of
    // 8 B in each.
    post.fanout = Some(200.0);
    post.fanout_bytes = 8.0;
    let mut s = Scenario {
        name: "Twitter-like feed".to_owned(),
        users: Users::Monthly {
            monthly_active: 300e6,
            daily_active_share: 0.5,
        },
        classes: vec![
            post,
            class(
                "upload image",
                Direction::Write,
                Frequency::PerUserPerDay(0.2),
                500.0 * KB,
                1.0 * KB,
            ),
            class(
                "read timeline",
                Direction::Read,
                Frequency::PerUserPerDay(100.0),
                1.0 * KB,
                50.0 * KB,
            ),
        ],
        peak: Peak::Factor(3.0),
        ..Scenario::default()
    };
    s.storage.overhead = 0.1;
    s
}

fn url_shortener() -> Scenario {
    let mut s = Scenario {
        name: "URL shortener".to_owned(),
        classes: vec![
            class(
                "shorten",
                Direction::Write,
                Frequency::PerMonth(100e6),
                500.0,
                500.0,
            ),
            class(
                "redirect",
                Direction::Read,
                Frequency::PerWrite(100.0),
                500.0,
                500.0,
            ),
        ],
        ..Scenario::default()
    };
    s.storage.retention_seconds = 10.0 * YEAR;
    s
}

fn pastebin() -> Scenario {
    let mut s = Scenario {
        name: "Pastebin".to_owned(),
        classes: vec![
            class(
                "create paste",
                Direction::Write,
                Frequency::PerDay(1e6),
                10.0 * KB,
                1.0 * KB,
            ),
            class(
                "read paste",
                Direction::Read,
                Frequency::PerWrite(5.0),
                1.0 * KB,
                10.0 * KB,
            ),
        ],
        ..Scenario::default()
    };
    s.storage.retention_seconds = 10.0 * YEAR;
    s
}

fn photo_sharing() -> Scenario {
    // "10% of users post a photo a day", as said.
    let mut post = class(
        "post photo",
        Direction::Write,
        Frequency::PerUserPerDay(1.0),
        2.0 * MB,
        1.0 * KB,
    );
    post.users_share = 0.1;
    let mut s = Scenario {
        name: "Photo-sharing app".to_owned(),
        users: Users::Daily {
            daily_active: 500e6,
        },
        classes: vec![
            post,
            class(
                "view photo",
                Direction::Read,
                Frequency::PerUserPerDay(30.0),
                1.0 * KB,
                200.0 * KB,
            ),
        ],
        peak: Peak::Factor(3.0),
        ..Scenario::default()
    };
    s.storage.yearly_growth = 0.2;
    s
}

fn video() -> Scenario {
    let mut upload = class(
        "upload video",
        Direction::Write,
        Frequency::PerDay(1e6),
        500.0 * MB,
        1.0 * KB,
    );
    // Three renditions (e.g. 1080p, 720p, 360p) stored per upload.
    upload.bytes_stored = Some(3.0 * 500.0 * MB);
    let mut s = Scenario {
        name: "Video site".to_owned(),
        users: Users::Daily { daily_active: 1e9 },
        classes: vec![
            upload,
            class(
                "watch video",
                Direction::Read,
                Frequency::PerUserPerDay(5.0),
                1.0 * KB,
                50.0 * MB,
            ),
        ],
        ..Scenario::default()
    };
    // "Video is served from a CDN with a 95% hit rate": the origin's
    // servers and egress carry the other 5%.
    s.capacity.cdn_hit_ratio = 0.95;
    s
}

fn chat() -> Scenario {
    let mut s = Scenario {
        name: "Chat app".to_owned(),
        users: Users::Daily {
            daily_active: 500e6,
        },
        classes: vec![
            class(
                "send message",
                Direction::Write,
                Frequency::PerUserPerDay(40.0),
                100.0,
                100.0,
            ),
            // "Each message is delivered twice" (to the recipient and to
            // the sender's other device), said per message sent.
            of(
                class(
                    "deliver message",
                    Direction::Read,
                    Frequency::PerClass(2.0),
                    100.0,
                    100.0,
                ),
                "send message",
            ),
        ],
        ..Scenario::default()
    };
    s.storage.retention_seconds = 30.0 * 86_400.0;
    // "10% of daily users are online at the peak; each server holds 50K
    // concurrent connections": stated assumptions, editable.
    s.capacity.concurrency = Concurrency::OnlineShare(0.1);
    s.capacity.connections_per_server = 50e3;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_unique() {
        let list = presets();
        assert_eq!(list.len(), 9);
        for p in &list {
            let s = preset_scenario(p.key).expect("preset builds");
            assert!(crate::estimate(&s).is_ok(), "{} is valid", p.key);
            assert_eq!(list.iter().filter(|q| q.key == p.key).count(), 1);
        }
        assert!(preset_scenario("nope").is_none());
    }
}
