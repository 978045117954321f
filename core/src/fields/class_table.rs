//! The fields of one request class, in table-column order.

use super::field::{above, at_least, choice, number, text, Access, Empty, Field, Input, ANY};
use super::scenario_table::MAX_BYTES;
use crate::{Direction, Frequency, Kind, RequestClass};

/// The most request classes a scenario may have.
pub const MAX_CLASSES: usize = 100;

fn frequency_value(c: &RequestClass) -> f64 {
    c.frequency.count()
}

/// The fields of one request class, in table-column order.
pub static CLASS_FIELDS: &[Field<RequestClass>] = &[
    text!(
        "name",
        "Name",
        "",
        "What the request does, e.g. upload photo.",
        |c| c.name.clone(),
        |c, v| c.name = v.to_owned()
    ),
    choice!(
        "kind",
        "Read or write",
        "",
        &[("read", "read"), ("write", "write")],
        "Writes store data; reads do not.",
        |c| match c.direction {
            Direction::Read => "read",
            Direction::Write => "write",
        },
        |c, v| c.direction = if v == "write" {
            Direction::Write
        } else {
            Direction::Read
        }
    ),
    number!(
        "count",
        "How many",
        "requests, e.g. 2",
        Count,
        "",
        at_least(0.0, 1e15),
        "How many requests, counted as the next column says.",
        |c| Some(frequency_value(c)),
        |c, v| c.frequency = c.frequency.with_count(v)
    ),
    choice!(
        "per",
        "Counted",
        "",
        &[
            ("user_day", "per user per day"),
            ("second", "per second"),
            ("hour", "per hour"),
            ("day", "per day in total"),
            ("week", "per week in total"),
            ("month", "per month in total"),
            ("write", "per write request (read:write ratio)"),
            ("class", "per request of a class (Of class)"),
            ("one_per", "one per N of a class (Of class)")
        ],
        "Per daily user, a rate per second or hour, a fixed total, a ratio to all write requests, or a ratio to one named class both ways: 100 per tweet, or 1 upload per 200 views.",
        |c| match c.frequency {
            Frequency::PerUserPerDay(_) => "user_day",
            Frequency::PerSecond(_) => "second",
            Frequency::PerHour(_) => "hour",
            Frequency::PerDay(_) => "day",
            Frequency::PerWeek(_) => "week",
            Frequency::PerMonth(_) => "month",
            Frequency::PerWrite(_) => "write",
            Frequency::PerClass(_) => "class",
            Frequency::OnePer(_) => "one_per",
        },
        |c, v| {
            let n = frequency_value(c);
            c.frequency = match v {
                "second" => Frequency::PerSecond(n),
                "hour" => Frequency::PerHour(n),
                "day" => Frequency::PerDay(n),
                "week" => Frequency::PerWeek(n),
                "month" => Frequency::PerMonth(n),
                "write" => Frequency::PerWrite(n),
                "class" => Frequency::PerClass(n),
                "one_per" => Frequency::OnePer(n),
                _ => Frequency::PerUserPerDay(n),
            }
        }
    ),
    // Applies to counts per user per day only; kept while another counting
    // is chosen, for when it comes back.
    Field {
        active: Some(|c| matches!(c.frequency, Frequency::PerUserPerDay(_))),
        ..number!(
            "share",
            "Share of users",
            "percent of daily users, e.g. 10%",
            Fraction,
            "",
            above(0.0, 1.0),
            "How many of the daily users make these requests: 10% of users upload a video a day. Each of them makes the count above.",
            |c| Some(c.users_share),
            |c, v| c.users_share = v
        )
    },
    // Names the class a ratio refers to. Always open, so that it can be
    // typed before or after the counting that reads it (a ratio to no class
    // is refused, and the counting with it); unread by other countings.
    text!(
        "of",
        "Of class",
        "",
        "For a ratio (per request of, one per): the class it counts per, by name: tweet in 100 reads per tweet, view in 1 upload per 200 views.",
        |c| c.of.clone(),
        |c, v| c.of = v.to_owned()
    ),
    number!(
        "in",
        "Bytes in",
        "bytes per request, e.g. 3 MB",
        Data,
        "",
        at_least(0.0, MAX_BYTES),
        "Sent by the client per request (ingress). A new read starts at 1 KB, said in the derivations as the default; type 0 if it sends no body.",
        |c| Some(c.bytes_in),
        |c, v| c.bytes_in = v
    ),
    number!(
        "out",
        "Bytes out",
        "bytes per request, e.g. 100 KB",
        Data,
        "",
        at_least(0.0, MAX_BYTES),
        "Sent back per request (egress). A new write starts at a 1 KB acknowledgement, said in the derivations as the default; type 0 if none.",
        |c| Some(c.bytes_out),
        |c, v| c.bytes_out = v
    ),
    // Applies to writes only, set or not; a read keeps its value for when it
    // becomes a write again. Empty (unset) means "the same as bytes in".
    Field {
        active: Some(|c| c.direction == Direction::Write),
        empty: Some(Empty {
            meaning: "same as bytes in",
            clear: |c| c.bytes_stored = None,
        }),
        ..number!(
            "stored",
            "Bytes stored",
            "bytes per write; empty = bytes in",
            Data,
            "",
            at_least(0.0, MAX_BYTES),
            "Kept per write request; empty means the same as bytes in.",
            |c| c.bytes_stored,
            |c, v| c.bytes_stored = Some(v)
        )
    },
    // Empty (unset) means no fan-out: its figures are left out. Open to
    // every class, given or not.
    Field {
        active: Some(|_| true),
        empty: Some(Empty {
            meaning: "no fan-out",
            clear: |c| c.fanout = None,
        }),
        ..number!(
            "fanout",
            "Fan-out",
            "writes per request; empty = none",
            Count,
            "",
            at_least(0.0, 1e9),
            "Writes each request causes downstream, counted on their own: each tweet delivered to 200 followers' timelines is 200.",
            |c| c.fanout,
            |c, v| c.fanout = Some(v)
        )
    },
    Field {
        active: Some(|c| c.fanout.is_some()),
        ..number!(
            "fanout_bytes",
            "Bytes per fan-out write",
            "bytes, e.g. 8 B",
            Data,
            "",
            at_least(0.0, MAX_BYTES),
            "Stored by each fan-out write: a tweet id in a timeline is 8 B.",
            |c| Some(c.fanout_bytes),
            |c, v| c.fanout_bytes = v
        )
    },
];

/// The request-class field with this key.
pub fn class_field(key: &str) -> Option<&'static Field<RequestClass>> {
    CLASS_FIELDS.iter().find(|f| f.key == key)
}
