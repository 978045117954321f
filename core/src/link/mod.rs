//! Share links: a [`Scenario`] as a readable, hand-editable URL query string,
//! and back.
//!
//! ```text
//! v=1&name=Photo%20app&dau=10M&peak_by=hour&peak_hour=20%25&classes=1&c0.name=upload%20photo&c0.kind=write&c0.count=5&c0.in=3MB
//! ```
//!
//! - Keys are the stable keys of the field table ([`crate::fields`]):
//!   [`fields::SCENARIO_FIELDS`](crate::fields::SCENARIO_FIELDS) for the scenario, and
//!   `c{index}.{key}` with [`fields::CLASS_FIELDS`](crate::fields::CLASS_FIELDS) keys for request classes
//!   (`c0.in`, `c1.count`).
//! - Values are the fields' own text ([`fields::Field::text`](crate::fields::Field::text)), so they read
//!   back exactly: `10M`, `3MB`, `5y`, `20%`. Spaces are dropped where the
//!   value reads back the same without them.
//! - Only what differs from [`Scenario::default`] is written. When the request
//!   classes differ from the default ones, every class is written: its name,
//!   and each field that differs from [`RequestClass::default`](crate::RequestClass::default)'s, after a
//!   `classes=N` count.
//! - `v=1` comes first: the format version, [`VERSION`].
//!
//! [`decode`] reads any text, never fails and never panics: what it cannot
//! use it skips with a [`Warning`], and every valid part is kept. The
//! scenario it returns always passes [`fields::validate`](crate::fields::validate).
//!
//! ```
//! use envelope_core::{link, RequestClass, Scenario, Users};
//! let mut s = Scenario::default();
//! s.users = Users::Daily { daily_active: 10e6 };
//! let query = link::encode(&s);
//! assert_eq!(query, "v=1&dau=10M");
//! let back = link::decode(&format!("https://example.com/?{query}"));
//! assert_eq!(back.scenario, s);
//! assert!(back.warnings.is_empty());
//! ```
//!
//! The full format, with every key, is described in `docs/share-links.md`.

mod decode;
mod encode;
mod query;

use std::fmt;

use crate::Scenario;
use decode::{read_scenario, shorten, Warnings};
use encode::write_scenario;
use query::{query_like_fragment, query_of, split_pairs};

/// The link format version written as `v=1`. A link with another version is
/// read as this one, with a warning.
pub const VERSION: u32 = 1;

/// The longest input, in bytes, that is read; longer input is cut (on a
/// character boundary) with a warning.
pub const MAX_INPUT_BYTES: usize = 16 * 1024;

/// The longest value, in characters after percent-decoding, that is read;
/// longer values are skipped with a warning.
pub const MAX_VALUE_CHARS: usize = 200;

/// The most warnings one decoded scenario carries; beyond them one last
/// warning says how many more there were.
pub const MAX_WARNINGS: usize = 50;

/// The prefix of the second scenario's keys in a comparison link
/// (`dau=10M&vs.dau=12M`).
pub const PAIR_PREFIX: &str = "vs.";

/// Characters of untrusted text shown in a warning.
const SHOWN_CHARS: usize = 40;

/// Something in a link that was skipped or changed while decoding it.
///
/// ```
/// use envelope_core::link;
/// let d = link::decode("dau=abc");
/// assert_eq!(d.warnings[0].key, "dau");
/// assert_eq!(
///     d.warnings[0].to_string(),
///     "Daily active users: 'abc' is not a number; write a count like 10M, optionally \
///      followed by users, requests, req, servers, nodes or shards"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The link key it is about (`dau`, `c0.in`, `vs.dau`); empty when it is
    /// about the link as a whole. A key holding control or text-direction
    /// characters has them escaped ([`crate::text::displayable`]).
    pub key: String,
    /// What happened, for people. Untrusted text in it is shortened to 40
    /// characters, with control and text-direction characters escaped.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A scenario read from a link, and what was skipped on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The scenario: the defaults with every valid part of the link applied.
    /// It always passes [`fields::validate`](crate::fields::validate).
    pub scenario: Scenario,
    /// What was ignored or changed, in link order (warnings about the
    /// request classes as a whole last); at most [`MAX_WARNINGS`] plus one
    /// "and N more".
    pub warnings: Vec<Warning>,
}

/// The query string (without `?`) of a link to `s`: `v=1` and then only what
/// differs from [`Scenario::default`].
///
/// [`decode`] reads it back to exactly `s`, without warnings, for every
/// scenario that passes [`fields::validate`](crate::fields::validate) and whose names hold no control
/// or text-direction characters (which [`decode`] removes; see [`crate::text`]).
///
/// ```
/// use envelope_core::{link, RequestClass, Scenario};
/// let mut s = Scenario::default();
/// s.name = "Photos & more".to_owned();
/// s.classes = vec![RequestClass::write("upload photo", 5.0, 3e6)];
/// assert_eq!(
///     link::encode(&s),
///     "v=1&name=Photos%20%26%20more&classes=1&c0.name=upload%20photo&c0.kind=write&c0.count=5&c0.in=3MB"
/// );
/// assert_eq!(link::encode(&Scenario::default()), "v=1");
/// ```
pub fn encode(s: &Scenario) -> String {
    let mut out = String::new();
    write_scenario(&mut out, s, "");
    out
}

/// The query string of a comparison link: `a` as [`encode`] writes it, then
/// `b` the same way (also relative to [`Scenario::default`], not to `a`) with
/// every key prefixed by `vs.`, starting with `vs.v=1`.
///
/// ```
/// use envelope_core::{link, Scenario, Users};
/// let a = Scenario { users: Users::Daily { daily_active: 10e6 }, ..Scenario::default() };
/// let b = Scenario { users: Users::Daily { daily_active: 12e6 }, ..Scenario::default() };
/// let query = link::encode_pair(&a, &b);
/// assert_eq!(query, "v=1&dau=10M&vs.v=1&vs.dau=12M");
/// let (first, second) = link::decode_pair(&query);
/// assert_eq!(first.scenario, a);
/// assert_eq!(second.unwrap().scenario, b);
/// ```
pub fn encode_pair(a: &Scenario, b: &Scenario) -> String {
    let mut out = encode(a);
    write_scenario(&mut out, b, PAIR_PREFIX);
    out
}

/// Reads a scenario from a link: a full URL (`https://host/path?x#y`), a
/// query string with or without its `?`, or nothing at all (the default
/// scenario). The fragment (after `#`) is not read: a fragment that looks
/// like a query (`#?dau=9M`) gives a warning. Never fails and never panics: unknown keys, bad values,
/// duplicates (the first is kept), overlong input and the like are skipped
/// with a [`Warning`] each, and everything valid is kept.
///
/// Keys of a comparison's second scenario (`vs.`) are left out; see
/// [`decode_pair`].
///
/// ```
/// use envelope_core::link;
/// let d = link::decode("?dau=5M&foo=1&c0.name=upload&c0.kind=write&c0.in=3%20MB");
/// assert_eq!(d.scenario.users.daily_active(), 5e6);
/// assert_eq!(d.scenario.classes.len(), 1);
/// assert_eq!(d.scenario.classes[0].bytes_in, 3e6);
/// let messages: Vec<String> = d.warnings.iter().map(|w| w.to_string()).collect();
/// assert_eq!(messages, ["ignored 'foo'"]);
/// ```
pub fn decode(input: &str) -> Decoded {
    decode_pair(input).0
}

/// Reads a comparison link: the scenario of the unprefixed keys, and the
/// scenario of the `vs.`-prefixed keys (each read from the defaults), or
/// `None` when the link has no `vs.` key. Never fails and never panics.
/// Warnings about the whole link (such as its length) go with the first.
///
/// ```
/// use envelope_core::link;
/// let (a, b) = link::decode_pair("dau=10M&vs.dau=12M");
/// assert_eq!(a.scenario.users.daily_active(), 10e6);
/// assert_eq!(b.unwrap().scenario.users.daily_active(), 12e6);
/// assert!(link::decode_pair("dau=10M").1.is_none());
/// ```
pub fn decode_pair(input: &str) -> (Decoded, Option<Decoded>) {
    let mut first = Warnings::default();
    let mut input = input;
    if input.len() > MAX_INPUT_BYTES {
        let mut end = MAX_INPUT_BYTES;
        while !input.is_char_boundary(end) {
            end -= 1;
        }
        input = &input[..end];
        first.push(
            "",
            format!("the link is longer than 16 KiB; only its first {end} bytes were read"),
        );
    }
    if let Some(fragment) = query_like_fragment(input) {
        first.push(
            "",
            format!(
                "ignored '#{}': the part after '#' is not read; put settings after '?'",
                shorten(fragment)
            ),
        );
    }
    let (a_pairs, b_pairs) = split_pairs(query_of(input));
    let a = read_scenario(&a_pairs, "", first);
    let b = if b_pairs.is_empty() {
        None
    } else {
        Some(read_scenario(&b_pairs, PAIR_PREFIX, Warnings::default()))
    };
    (a, b)
}
