//! Share links: a [`Scenario`] as a readable, hand-editable URL query string,
//! and back.
//!
//! ```text
//! v=1&name=Photo%20app&dau=10M&peak_by=hour&peak_hour=20%25&classes=1&c0.name=upload%20photo&c0.kind=write&c0.count=5&c0.in=3MB
//! ```
//!
//! - Keys are the stable keys of the field table ([`crate::fields`]):
//!   [`fields::SCENARIO_FIELDS`] for the scenario, and
//!   `c{index}.{key}` with [`fields::CLASS_FIELDS`] keys for request classes
//!   (`c0.in`, `c1.count`).
//! - Values are the fields' own text ([`fields::Field::text`]), so they read
//!   back exactly: `10M`, `3MB`, `5y`, `20%`. Spaces are dropped where the
//!   value reads back the same without them.
//! - Only what differs from [`Scenario::default`] is written. When the request
//!   classes differ from the default ones, every class is written: its name,
//!   and each field that differs from [`RequestClass::default`]'s, after a
//!   `classes=N` count.
//! - `v=1` comes first: the format version, [`VERSION`].
//!
//! [`decode`] reads any text, never fails and never panics: what it cannot
//! use it skips with a [`Warning`], and every valid part is kept. The
//! scenario it returns always passes [`fields::validate`].
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

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::fields::{
    self, Field, FieldKey, Inactive, Input, KeyError, CLASS_FIELDS, MAX_CLASSES, MAX_NAME_CHARS,
    SCENARIO_FIELDS,
};
use crate::{Conventions, InputRange, RequestClass, Scenario};

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
    /// about the link as a whole.
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
    /// It always passes [`fields::validate`].
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
/// scenario that passes [`fields::validate`] and whose names hold no control
/// or text-direction override characters (which [`decode`] removes).
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
/// scenario). Never fails and never panics: unknown keys, bad values,
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
    let (a_pairs, b_pairs) = split_pairs(query_of(input));
    let a = read_scenario(&a_pairs, "", first);
    let b = if b_pairs.is_empty() {
        None
    } else {
        Some(read_scenario(&b_pairs, PAIR_PREFIX, Warnings::default()))
    };
    (a, b)
}

// ---------------------------------------------------------------------------
// Encoding

fn write_scenario(out: &mut String, s: &Scenario, prefix: &str) {
    let defaults = Scenario::default();
    let conventions = &s.conventions;
    push_pair(out, prefix, "v", &VERSION.to_string());
    for field in SCENARIO_FIELDS {
        let Some(text) = field.text(s, conventions) else {
            continue;
        };
        if let Some(range) = s.uncertainty.range(field.key) {
            push_pair(
                out,
                prefix,
                field.key,
                &range_text(field, range, conventions),
            );
            continue;
        }
        // Compared under the scenario's own conventions, so an unchanged
        // value is never written just because it prints differently.
        if field.text(&defaults, conventions).as_deref() == Some(text.as_str()) {
            continue;
        }
        let text = match field.input {
            Input::Number(_) => exact_number(text, |t| reads_back(field, s, t, conventions)),
            _ => text,
        };
        push_pair(out, prefix, field.key, &text);
    }
    let class_ranges = s
        .uncertainty
        .ranges
        .iter()
        .any(|r| r.field.starts_with("classes."));
    if s.classes == defaults.classes && !class_ranges {
        return;
    }
    push_pair(out, prefix, "classes", &s.classes.len().to_string());
    let default_class = RequestClass::default();
    for (index, class) in s.classes.iter().enumerate() {
        for field in CLASS_FIELDS {
            // Written whenever it holds a value, also when it does not apply
            // (a read's bytes stored), so that the scenario reads back exactly.
            let Some(text) = field.held_text(class, conventions) else {
                continue;
            };
            let key = FieldKey::Class(index, field);
            if let Some(range) = s.uncertainty.range(&key.id()) {
                if field.is_active(class) {
                    let text = range_text(field, range, conventions);
                    push_pair(out, prefix, &key.link_key(), &text);
                    continue;
                }
            }
            let default = field.held_text(&default_class, conventions);
            if field.key != "name" && default.as_deref() == Some(text.as_str()) {
                continue;
            }
            let text = match field.input {
                Input::Number(_) => {
                    exact_number(text, |t| reads_back(field, class, t, conventions))
                }
                _ => text,
            };
            push_pair(out, prefix, &key.link_key(), &text);
        }
    }
}

/// `low..high`, each end as short as [`exact_number`] makes it.
fn range_text<T>(field: &Field<T>, range: &InputRange, conventions: &Conventions) -> String {
    let end = |value: f64| {
        exact_number(field.value_text(value, conventions), |t| {
            field.parse_value(t, conventions) == Ok(value)
        })
    };
    format!("{}..{}", end(range.low), end(range.high))
}

/// Whether setting `field` of `target` from `text` leaves `target` unchanged.
fn reads_back<T: Clone + PartialEq>(
    field: &Field<T>,
    target: &T,
    text: &str,
    conventions: &Conventions,
) -> bool {
    let mut probe = target.clone();
    field.set(&mut probe, text, conventions).is_ok() && probe == *target
}

/// The shortest of a number field's texts that reads back exactly: `text`
/// without its spaces, `text` itself, or the number in scientific notation
/// (for values whose plain digits are too long to read, such as 1e-300).
fn exact_number(text: String, reads_back: impl Fn(&str) -> bool) -> String {
    let compact: String = text.chars().filter(|c| *c != ' ').collect();
    if compact != text && reads_back(&compact) {
        return compact;
    }
    if reads_back(&text) {
        return text;
    }
    // Field::text falls back to Rust's shortest exact digits plus a unit
    // (`0.000…1 B`); the same number in scientific notation is short.
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(text.len());
    if let Ok(value) = text[..end].parse::<f64>() {
        let unit = &text[end..];
        for candidate in [
            format!("{value:e}{}", unit.trim_start()),
            format!("{value:e}{unit}"),
        ] {
            if reads_back(&candidate) {
                return candidate;
            }
        }
    }
    text
}

fn push_pair(out: &mut String, prefix: &str, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    percent_encode(out, prefix);
    percent_encode(out, key);
    out.push('=');
    percent_encode(out, value);
}

/// Percent-encodes `text` onto `out`: ASCII letters, digits, `-._~` and the
/// harmless `,/:$` are kept; everything else, spaces (`%20`) and `+` (`%2B`)
/// included, is written as `%XX` bytes of its UTF-8.
fn percent_encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~,/:$".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

// ---------------------------------------------------------------------------
// Decoding

/// One `key=value` of the link, percent-decoded.
struct Pair {
    key: String,
    value: String,
    /// The link key as written (with `vs.` for the second scenario).
    link_key: String,
    /// Whether percent-decoding met bytes that are not UTF-8.
    bad_encoding: bool,
    /// Its position in the link, to report warnings in link order.
    position: usize,
}

/// The query part of `input`: after the first `?` when what precedes it
/// looks like a URL (no `=` or `&`), up to the first `#`. A URL without `?`
/// (`https://host/path`) has none.
fn query_of(input: &str) -> &str {
    let mut query = input.trim();
    if let Some(at) = query.find('?') {
        if !query[..at].contains(['=', '&']) {
            query = &query[at + 1..];
        }
    } else if is_url(query) {
        return "";
    }
    match query.find('#') {
        Some(at) => &query[..at],
        None => query,
    }
}

/// Whether `text` starts with a URL scheme and `://`, or is a path.
fn is_url(text: &str) -> bool {
    if text.starts_with('/') {
        return true;
    }
    text.find("://").is_some_and(|at| {
        let scheme = &text[..at];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
    })
}

/// The pairs of the first scenario and of the second (`vs.`) one.
fn split_pairs(query: &str) -> (Vec<Pair>, Vec<Pair>) {
    let mut first = Vec::new();
    let mut second = Vec::new();
    for (position, part) in query.split('&').enumerate() {
        if part.is_empty() {
            continue;
        }
        let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
        let (link_key, key_ok) = percent_decode(raw_key);
        let (value, value_ok) = percent_decode(raw_value);
        let bad_encoding = !(key_ok && value_ok);
        match link_key.strip_prefix(PAIR_PREFIX) {
            Some(key) => {
                let key = key.to_owned();
                second.push(Pair {
                    key,
                    value,
                    link_key,
                    bad_encoding,
                    position,
                });
            }
            None => {
                let key = link_key.clone();
                first.push(Pair {
                    key,
                    value,
                    link_key,
                    bad_encoding,
                    position,
                });
            }
        }
    }
    (first, second)
}

/// Percent-decodes `text`, reading `+` as a space and keeping a `%` that is
/// not followed by two hex digits as it is (so a hand-typed `20%` works).
/// The flag is false when the bytes were not UTF-8 (they become U+FFFD).
fn percent_decode(text: &str) -> (String, bool) {
    if !text.contains(['%', '+']) {
        return (text.to_owned(), true);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let hex = |j: usize| bytes.get(j).and_then(|b| char::from(*b).to_digit(16));
        match byte {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(high), Some(low)) => {
                    // Two hex digits are at most 0xFF.
                    out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            _ => out.push(byte),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => (s, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

/// Warnings in link order, capped at [`MAX_WARNINGS`] when finished.
#[derive(Default)]
struct Warnings {
    /// Each warning with the position in the link of the pair it is about.
    list: Vec<(usize, Warning)>,
    /// The position of the pair being read.
    at: usize,
}

impl Warnings {
    fn push(&mut self, key: &str, message: String) {
        self.list.push((
            self.at,
            Warning {
                key: key.to_owned(),
                message,
            },
        ));
    }

    fn finish(mut self) -> Vec<Warning> {
        crate::sorting::sort_by_key(&mut self.list, |(at, _)| *at);
        let more = self.list.len().saturating_sub(MAX_WARNINGS);
        let mut list: Vec<Warning> = self
            .list
            .into_iter()
            .take(MAX_WARNINGS)
            .map(|(_, w)| w)
            .collect();
        if more > 0 {
            let s = if more == 1 { "" } else { "s" };
            list.push(Warning {
                key: String::new(),
                message: format!("and {more} more warning{s}"),
            });
        }
        list
    }
}

/// A pair of the link that names a field, kept to be applied.
struct Kept<'a> {
    pair: &'a Pair,
    key: FieldKey,
}

/// Reads one scenario from its pairs: sorts out what the link format itself
/// says (version, duplicates, class numbering, the declared class count,
/// overlong values, names to clean), then applies the rest with
/// [`fields::apply`] and words its errors and warnings as link warnings.
fn read_scenario(pairs: &[Pair], prefix: &str, mut warnings: Warnings) -> Decoded {
    let mut seen: HashSet<String> = HashSet::new();
    let mut scenario_pairs: Vec<Kept> = Vec::new();
    let mut classes: BTreeMap<usize, Vec<Kept>> = BTreeMap::new();
    let mut class_count: Option<&Pair> = None;

    for pair in pairs {
        warnings.at = pair.position;
        let link_key = pair.link_key.as_str();
        if pair.bad_encoding {
            warnings.push(
                link_key,
                format!(
                    "'{}': invalid percent-encoding (not UTF-8)",
                    shorten(link_key)
                ),
            );
        }
        let key = FieldKey::parse(&pair.key);
        // `c0.in` and `classes.0.in` name one field: the first is kept.
        let field_name = key.as_ref().map_or(pair.key.clone(), FieldKey::link_key);
        if !seen.insert(field_name) {
            warnings.push(
                link_key,
                format!("duplicate '{}' ignored", shorten(link_key)),
            );
            continue;
        }
        if pair.key == "v" {
            if pair.value.trim() != VERSION.to_string() {
                warnings.push(
                    link_key,
                    format!(
                        "link format version '{}' is not supported; read as version {VERSION}",
                        shorten(&pair.value)
                    ),
                );
            }
            continue;
        }
        match key {
            Ok(key @ FieldKey::ClassCount) => {
                if !too_long(pair, &key.label(), &mut warnings) {
                    class_count = Some(pair);
                }
            }
            Ok(key @ FieldKey::Scenario(field)) => {
                if !too_long(pair, field.label, &mut warnings) {
                    scenario_pairs.push(Kept { pair, key });
                }
            }
            Ok(key @ FieldKey::Class(index, field)) if index < MAX_CLASSES => {
                if !too_long(pair, field.label, &mut warnings) {
                    classes.entry(index).or_default().push(Kept { pair, key });
                }
            }
            Ok(FieldKey::Class(..)) | Err(KeyError::ClassLimit(_)) => warnings.push(
                link_key,
                format!(
                    "ignored '{}': at most {MAX_CLASSES} request classes, c0 to c{}",
                    shorten(link_key),
                    MAX_CLASSES - 1
                ),
            ),
            Err(_) => warnings.push(link_key, format!("ignored '{}'", shorten(link_key))),
        }
    }

    // Each pair handed to `fields::apply`, with the link pair it comes from.
    let mut applied_pairs: Vec<(String, String)> = Vec::new();
    let mut sources: Vec<Option<&Pair>> = Vec::new();
    for Kept { pair, key } in scenario_pairs {
        warnings.at = pair.position;
        let value = value_of(pair, key, &mut warnings);
        applied_pairs.push((pair.key.clone(), value));
        sources.push(Some(pair));
    }
    let mut s = Scenario::default();
    // A choice a link leaves out is its default, so the link chose it: a
    // field it switches off is ignored, as when the choice is written.
    for choice in SCENARIO_FIELDS {
        let given = applied_pairs.iter().any(|(key, _)| key == choice.key);
        if matches!(choice.input, Input::Choice(_)) && !given {
            if let Some(text) = choice.text(&s, &s.conventions) {
                applied_pairs.push((choice.key.to_owned(), text));
                sources.push(None);
            }
        }
    }
    let count_key = format!("{prefix}classes");
    let classes = read_classes(classes, class_count, &count_key, &mut warnings);
    if !classes.is_empty() {
        // The link's classes replace the default ones, each read from a new
        // class's defaults.
        s.classes.clear();
        applied_pairs.push(("classes".to_owned(), classes.len().to_string()));
        sources.push(None);
    }
    for (position, entries) in classes.into_iter().enumerate() {
        for Kept { pair, key } in entries {
            let FieldKey::Class(_, field) = key else {
                continue;
            };
            // Renumbered: the link's classes are read in order, without gaps.
            let key = FieldKey::Class(position, field);
            warnings.at = pair.position;
            let value = value_of(pair, key, &mut warnings);
            applied_pairs.push((key.link_key(), value));
            sources.push(Some(pair));
        }
    }

    let applied = fields::apply(s, &applied_pairs, Inactive::Keep);
    let source = |at: usize| sources.get(at).copied().flatten();
    for refused in &applied.errors {
        let (link_key, at) = source(refused.pair).map_or((count_key.as_str(), usize::MAX), |p| {
            (p.link_key.as_str(), p.position)
        });
        warnings.at = at;
        let message = match &refused.bad_key {
            Some(_) => format!("ignored '{}'", shorten(link_key)),
            None => shown_error(&refused.error.message, &applied_pairs[refused.pair].1),
        };
        warnings.push(link_key, message);
    }
    for ignored in &applied.warnings {
        let Some(pair) = source(ignored.pair) else {
            continue;
        };
        warnings.at = pair.position;
        let hint = ignored
            .field
            .applies_with(&applied.scenario)
            .map(|h| format!(", as it applies only with {h}"))
            .unwrap_or_default();
        warnings.push(
            &pair.link_key,
            format!("{}: ignored{hint}", ignored.field.label()),
        );
    }
    debug_assert!(fields::validate(&applied.scenario).is_empty());
    Decoded {
        scenario: applied.scenario,
        warnings: warnings.finish(),
    }
}

/// The value of a pair as it is applied: a name cleaned (see
/// [`clean_name`]), anything else as it is.
fn value_of(pair: &Pair, key: FieldKey, warnings: &mut Warnings) -> String {
    let is_text = match key {
        FieldKey::Scenario(field) => field.input == Input::Text,
        FieldKey::Class(_, field) => field.input == Input::Text,
        FieldKey::ClassCount => false,
    };
    if is_text {
        clean_name(&pair.value, &key.label(), &pair.link_key, warnings)
    } else {
        pair.value.clone()
    }
}

/// The link's classes in order, after checking the declared count and the
/// numbering against them (with warnings).
fn read_classes<'a>(
    classes: BTreeMap<usize, Vec<Kept<'a>>>,
    class_count: Option<&Pair>,
    count_key: &str,
    warnings: &mut Warnings,
) -> Vec<Vec<Kept<'a>>> {
    warnings.at = usize::MAX;
    let declared = class_count.and_then(|pair| {
        warnings.at = pair.position;
        match fields::class_count(&pair.value) {
            Ok(n) => Some(n),
            Err(problem) => {
                let label = FieldKey::ClassCount.label();
                warnings.push(&pair.link_key, escape(&format!("{label}: {problem}")));
                None
            }
        }
    });
    warnings.at = usize::MAX;
    if classes.is_empty() {
        if let Some(n) = declared {
            warnings.push(
                count_key,
                format!(
                    "the link declares {n} request classes but has none; kept the default ones"
                ),
            );
        }
        return Vec::new();
    }
    if let Some(n) = declared {
        if n != classes.len() {
            warnings.push(
                count_key,
                format!(
                    "the link declares {n} request classes but has {}; was it cut short?",
                    classes.len()
                ),
            );
        }
    }
    let indexes: Vec<usize> = classes.keys().copied().collect();
    if indexes
        .iter()
        .enumerate()
        .any(|(position, index)| position != *index)
    {
        let listed: Vec<String> = indexes.iter().take(5).map(|i| format!("c{i}")).collect();
        let more = if indexes.len() > 5 { ", ..." } else { "" };
        warnings.push(
            "",
            format!(
                "request classes should be numbered c0, c1, c2, ... without gaps; {}{more} were read as classes 1 to {}",
                listed.join(", "),
                indexes.len()
            ),
        );
    }
    classes.into_values().collect()
}

/// Skips (with a warning) a value longer than [`MAX_VALUE_CHARS`].
fn too_long(pair: &Pair, label: &str, warnings: &mut Warnings) -> bool {
    let long = pair.value.chars().nth(MAX_VALUE_CHARS).is_some();
    if long {
        warnings.push(
            &pair.link_key,
            format!("{label}: ignored a value longer than {MAX_VALUE_CHARS} characters"),
        );
    }
    long
}

/// A name as it is kept: without control and text-direction override
/// characters, and at most [`MAX_NAME_CHARS`] characters.
fn clean_name(value: &str, label: &str, link_key: &str, warnings: &mut Warnings) -> String {
    let mut removed = 0;
    let mut name: String = value
        .chars()
        .filter(|c| {
            let drop = c.is_control() || is_direction_override(*c);
            removed += usize::from(drop);
            !drop
        })
        .collect();
    if removed > 0 {
        let s = if removed == 1 { "" } else { "s" };
        warnings.push(
            link_key,
            format!("{label}: removed {removed} control or text-direction character{s}"),
        );
    }
    if name.chars().count() > MAX_NAME_CHARS {
        name = name.chars().take(MAX_NAME_CHARS).collect();
        warnings.push(
            link_key,
            format!(
                "{label}: longer than {MAX_NAME_CHARS} characters; kept the first {MAX_NAME_CHARS}"
            ),
        );
    }
    name
}

/// The explicit bidirectional embeddings, overrides and isolates, which can
/// make text display in a different order than it is stored.
fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An error message with the offending text shortened and made safe to show.
fn shown_error(message: &str, text: &str) -> String {
    let trimmed = text.trim();
    let message = if trimmed.chars().nth(SHOWN_CHARS).is_some() && !trimmed.is_empty() {
        message.replace(trimmed, &shorten(trimmed))
    } else {
        message.to_owned()
    };
    escape(&message)
}

/// At most 40 characters of untrusted text, safe to show.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(SHOWN_CHARS).collect();
    if text.chars().nth(SHOWN_CHARS).is_some() {
        short.push('…');
    }
    escape(&short)
}

/// Control and text-direction characters as `\u{..}` escapes.
fn escape(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() || is_direction_override(c))
    {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() || is_direction_override(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_round_trip() {
        let text = "a b&c=d%e#f+g/ü😀";
        let mut encoded = String::new();
        percent_encode(&mut encoded, text);
        assert_eq!(encoded, "a%20b%26c%3Dd%25e%23f%2Bg/%C3%BC%F0%9F%98%80");
        assert_eq!(percent_decode(&encoded), (text.to_owned(), true));
    }

    #[test]
    fn percent_decoding_is_lenient() {
        assert_eq!(percent_decode("20%"), ("20%".to_owned(), true));
        assert_eq!(percent_decode("%zz%4"), ("%zz%4".to_owned(), true));
        assert_eq!(percent_decode("a+b"), ("a b".to_owned(), true));
        assert!(!percent_decode("%FF").1);
    }

    #[test]
    fn query_parts() {
        assert_eq!(query_of("https://h/p?a=1#x"), "a=1");
        assert_eq!(query_of("?a=1"), "a=1");
        assert_eq!(query_of("a=1&b=what?"), "a=1&b=what?");
        assert_eq!(query_of("https://h/p"), "");
        assert_eq!(query_of("/app"), "");
        assert_eq!(query_of("c0.name=://"), "c0.name=://");
        assert_eq!(query_of(""), "");
    }
}
