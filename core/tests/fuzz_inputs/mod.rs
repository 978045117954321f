//! Share-link inputs for the fuzz runs (`link_fuzz.rs`, `report_fuzz.rs`):
//! query strings built from real and odd keys and values, separators, URL
//! heads and tails, and a little arbitrary text.

use envelope_core::fields::{CLASS_FIELDS, SCENARIO_FIELDS};
use proptest::prelude::*;

/// Value fragments for links.
const VALUES: &[&str] = &[
    "10M",
    "3 MB",
    "3MB",
    "3 MiB",
    "20%",
    "20%25",
    "5y",
    "90d",
    "8h 45m 36s",
    "8h45m36s",
    "1e999",
    "-1e999",
    "1e-999",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "-0",
    "0",
    "1e-320",
    "write",
    "read",
    "hour",
    "factor",
    "daily",
    "monthly",
    "si",
    "iec",
    "86400",
    "100000",
    "30",
    "30.44",
    "365",
    "365.25",
    "user_day",
    "day",
    "month",
    "%",
    "%%",
    "%zz",
    "%F",
    "%FF%FE",
    "%E2%80%AE",
    "%C0%80",
    "%ED%A0%80",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "<script>",
    "1,000,000",
    "1,5",
    "1_000",
    "$5",
    "$-5",
    "-$5",
    "3x",
    "×",
    "1.5B",
    "1 EB",
    "400 Mbps",
    "1.25GB/s",
    "1e30",
    "1.0000000000000002e30",
    "\u{202E}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0}",
    "\u{2212}5",
    "+5",
    "١٢٣",
    "５",
    "😀",
    "upload+photo",
    "a%20b",
    "",
    " ",
    "=",
    "&",
    "?",
    "#",
    "%26",
    "%3D",
    "%23",
];

/// A key of a link: real scenario and class keys (sometimes with `vs.`),
/// odd class indexes and random keys, chosen by `pick` and varied by
/// `noise`.
fn key_of(pick: u16, noise: u32) -> String {
    let prefix = match noise % 11 {
        0 | 1 => "vs.",
        2 => "vs.vs.",
        3 => "%76s.",
        _ => "",
    };
    let n = usize::from(pick);
    let key = match n % 4 {
        0 | 1 => {
            let all = SCENARIO_FIELDS.len() + 2;
            match (n / 4) % all {
                i if i < SCENARIO_FIELDS.len() => SCENARIO_FIELDS[i].key.to_owned(),
                i if i == SCENARIO_FIELDS.len() => "v".to_owned(),
                _ => "classes".to_owned(),
            }
        }
        2 => {
            let field = CLASS_FIELDS[(n / 4) % CLASS_FIELDS.len()].key;
            let index = match (noise >> 4) % 8 {
                0 => "99".to_owned(),
                1 => "100".to_owned(),
                2 => "00".to_owned(),
                3 => format!("{}", u64::from(noise) * 1_000_003),
                4 => String::new(),
                _ => ((noise >> 8) % 10).to_string(),
            };
            format!("c{index}.{field}")
        }
        _ => {
            // Random short keys, sometimes with odd characters.
            let mut k = String::new();
            let mut x = noise;
            for _ in 0..(x % 7) {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                k.push(
                    char::from_u32(x % 0x3000)
                        .filter(|c| *c != '&')
                        .unwrap_or('x'),
                );
            }
            k
        }
    };
    format!("{prefix}{key}")
}

/// A value: a fragment, sometimes spliced with a random character, a long
/// run of digits, random %-escapes or a huge number.
fn value_of(pick: u16, noise: u32, extra: &str) -> String {
    let fragment = VALUES[usize::from(pick) % VALUES.len()];
    match noise % 10 {
        0 => {
            let c = char::from_u32(noise >> 8).unwrap_or('\u{FFFD}');
            let cut = fragment
                .char_indices()
                .nth((noise as usize >> 4) % 4)
                .map_or(fragment.len(), |(i, _)| i);
            format!("{}{c}{}", &fragment[..cut], &fragment[cut..])
        }
        1 => "9".repeat((noise >> 4) as usize % 300),
        2 => {
            let mut v = String::new();
            for b in (noise >> 4).to_le_bytes() {
                v.push_str(&format!("%{b:02X}"));
            }
            v
        }
        3 => format!("{}e{}", noise >> 4, (noise % 700) as i32 - 350),
        4 => format!("{fragment}{extra}"),
        _ => fragment.to_owned(),
    }
}

/// Query strings built from key and value fragments, with separators,
/// URL heads and tails, and a little arbitrary text.
pub fn query() -> impl Strategy<Value = String> {
    let pair = (any::<u16>(), any::<u16>(), any::<u32>(), 0u8..12);
    (
        prop::collection::vec(pair, 0..40),
        prop::collection::vec(any::<char>(), 0..6),
        0usize..6,
        0usize..5,
    )
        .prop_map(|(pairs, extra, head, tail)| {
            let extra: String = extra.into_iter().collect();
            let mut q =
                String::from(["", "?", "https://example.com/p?", "/app?x", "  ", "?&"][head]);
            for (k, v, noise, eq) in pairs {
                q.push_str(&key_of(k, noise));
                q.push_str(match eq {
                    0 => "",
                    1 => "==",
                    2 => "%3D",
                    _ => "=",
                });
                q.push_str(&value_of(v, noise.rotate_left(7), &extra));
                q.push_str(match noise % 23 {
                    0 => "&&",
                    1 => ";",
                    2 => "&amp;",
                    _ => "&",
                });
            }
            q.push_str(["", "#frag", "&", "#a?b=c", "?"][tail]);
            q
        })
}
