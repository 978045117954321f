// Long (about 740 lines before its tests) on purpose: this is the one
// grammar for every kind of value; its unit tables and the literal and
// suffix reading they share belong together, or the grammar exists in pieces.

//! Reading values that people type: `10M`, `3 MB`, `5y`, `99.95%`, `3x`.
//!
//! One parser serves the web app, share URLs and the CLI, so a value means the
//! same thing wherever it is typed. It reads everything [`crate::format`]
//! prints, so any printed figure can be pasted back in.
//!
//! The rules worth knowing:
//!
//! - Plain numbers take a magnitude suffix: `k`/`K` = 10^3, `M` = 10^6,
//!   `bn`/`B`/`G` = 10^9 (billion; Envelope prints `bn`), `T`/`tn` = 10^12,
//!   or a word: `thousand`, `million`, `billion`, `trillion`. Digits may be
//!   grouped with commas (`1,000,000`, groups of three) or underscores
//!   (`1_000`).
//! - `KB`, `MB`, ... are powers of [`ByteUnits::base`] (1000 or 1024);
//!   `KiB`, `MiB`, ... are always powers of 1024.
//! - A lowercase `b` is a bit and is never read as a byte. Bit rates (`Mbps`,
//!   `Mb/s`, `Mbit/s`) are always decimal: 1 Mbps = 10^6 bit/s.
//! - In durations `m` is minutes and `mo` months. [`parse`] reads a month as
//!   30 days and a year as 365 days; [`duration`] and
//!   [`parse_with_conventions`] take the calendar from the caller.
//! - Unit and keyword matching ignores ASCII case only (`MB`, `Mb`,
//!   `Megabytes`): every unit is ASCII but `µs`/`μs`, which have no case to
//!   fold. Unicode case folding would change nothing a unit can match and
//!   would put its tables (7 KB brotli) in the web app.
//! - No input panics, and text longer than [`MAX_LEN`] characters is rejected
//!   before it is read, so the work per call is bounded.
//!
//! ```
//! use envelope_core::{parse, ByteUnits, Kind};
//! let size = parse::parse("3 MB", Kind::Data, ByteUnits::Si).unwrap();
//! assert_eq!(size.base_value(), 3e6);
//! let err = parse::parse("3 XB", Kind::Data, ByteUnits::Si).unwrap_err();
//! assert_eq!(err.to_string(), r#"unknown unit "XB"; try KB, MB, GB, TB, KiB, MiB"#);
//! ```
//!
//! (Over 600 lines on purpose: the grammar of numbers, magnitudes and every
//! kind's units is one concept, read and changed together; the unit tables
//! sit beside the code that reads them.)

use crate::{ByteUnits, Conventions, Kind, Measure};

/// The longest text, in characters, that is read at all.
pub const MAX_LEN: usize = 200;

/// Larger magnitudes are typing mistakes, not estimates (10^30 bytes is a
/// million times all the storage on Earth), and they would overflow later
/// arithmetic into infinities.
const MAX_MAGNITUDE: f64 = 1e30;

/// Why a piece of text is not a value of the expected kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, e.g. `unknown unit "XB"`.
    pub problem: String,
    /// How to fix it, e.g. `try KB, MB, GB, TB, KiB, MiB`. May be empty.
    pub suggestion: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.suggestion.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}; {}", self.problem, self.suggestion)
        }
    }
}

impl std::error::Error for ParseError {}

// Suggestions, one per kind: what to write instead.
const NUMBER_HINT: &str = "write digits, optionally with k, M, B or T, e.g. 10M";
const COUNT_HINT: &str =
    "write a count like 10M, optionally followed by users, requests, req, servers, nodes or shards";
const RATE_HINT: &str = "write events per second, e.g. 500, 3.5k, 500 req/s or 12 qps";
const DATA_HINT: &str = "try KB, MB, GB, TB, KiB, MiB";
const DATA_RATE_HINT: &str = "add a unit, e.g. 50 MB/s or 400 Mbps";
const DURATION_HINT: &str = "add a unit, e.g. 5y, 30d, 12h";
const FRACTION_HINT: &str = "write a percentage or a fraction, e.g. 20% or 0.2";
const MULTIPLIER_HINT: &str = "write a multiplier, e.g. 3x or 2.5";
const MONEY_HINT: &str = "write US dollars, e.g. $0.09, $1.2k or 150 USD";

/// Reads `text` as a value of `kind`. `bytes` decides what `KB` means.
///
/// Durations are read with a 30-day month and a 365-day year (and 86,400 s
/// days); use [`parse_with_conventions`] or [`duration`] for another calendar.
///
/// ```
/// use envelope_core::{parse::parse, ByteUnits, Kind};
/// let v = |text, kind| parse(text, kind, ByteUnits::Si).unwrap().base_value();
/// assert_eq!(v("10M users", Kind::Count), 10e6);
/// assert_eq!(v("3.5 k req/s", Kind::Rate), 3500.0);
/// assert_eq!(v("100KiB", Kind::Data), 102_400.0);
/// assert_eq!(v("400 Mbps", Kind::DataRate), 50e6);
/// assert_eq!(v("43m 12s", Kind::Duration), 2592.0);
/// assert_eq!(v("20%", Kind::Fraction), 0.2);
/// assert_eq!(v("3x", Kind::Multiplier), 3.0);
/// assert_eq!(v("$1.2k", Kind::Money), 1200.0);
/// // Under IEC bytes, KB is 1024 bytes.
/// assert_eq!(parse("1 KB", Kind::Data, ByteUnits::Iec).unwrap().base_value(), 1024.0);
/// // A lowercase b is a bit, never a byte.
/// let err = parse("3 Mb", Kind::Data, ByteUnits::Si).unwrap_err();
/// assert_eq!(err.to_string(), r#""Mb" is megabits, not bytes; write MB for megabytes"#);
/// ```
pub fn parse(text: &str, kind: Kind, bytes: ByteUnits) -> Result<Measure, ParseError> {
    read(text, kind, bytes, 30.0, 365.0)
}

/// Like [`parse`], with months and years (and what `KB` means) taken from
/// `conventions`. Days are always 86,400 s: the calendar day, not the
/// scenario's interview day.
///
/// ```
/// use envelope_core::{parse, Conventions, Kind, YearLength};
/// let mut c = Conventions::default();
/// c.year = YearLength::Days365_25;
/// let year = parse::parse_with_conventions("1y", Kind::Duration, &c).unwrap();
/// assert_eq!(year.base_value(), 365.25 * 86_400.0);
/// ```
pub fn parse_with_conventions(
    text: &str,
    kind: Kind,
    conventions: &Conventions,
) -> Result<Measure, ParseError> {
    read(
        text,
        kind,
        conventions.bytes,
        conventions.month.days(),
        conventions.days_per_year(),
    )
}

fn read(
    text: &str,
    kind: Kind,
    bytes: ByteUnits,
    days_per_month: f64,
    days_per_year: f64,
) -> Result<Measure, ParseError> {
    let base = match kind {
        Kind::Count => count(text)?,
        Kind::Rate => rate(text)?,
        Kind::Data => data(text, bytes)?,
        Kind::DataRate => data_rate(text, bytes)?,
        Kind::Duration => duration(text, days_per_month, days_per_year)?,
        Kind::Fraction => fraction(text)?,
        Kind::Multiplier => multiplier(text)?,
        Kind::Money => money(text)?,
    };
    Ok(Measure::from_base(kind, base))
}

/// Reads a plain number with an optional magnitude suffix: `10M`, `1.5bn`,
/// `2.5k`, `500 million`, `3e6`, `1,000,000`, `1_000`, `-3`. Suffixes: `k`/`K`
/// = 10^3, `M` = 10^6, `bn`/`B`/`G` = 10^9 (billion), `T`/`tn` = 10^12, and
/// the words `thousand`, `million`, `billion`, `trillion`.
///
/// Rejects empty text, garbage, infinities, NaN and magnitudes above 10^30.
///
/// ```
/// use envelope_core::parse::number;
/// assert_eq!(number("10M"), Ok(10e6));
/// assert_eq!(number(" 1,000,000 "), Ok(1e6));
/// assert_eq!(number("1.5B"), Ok(1.5e9));
/// assert_eq!(
///     number("abc").unwrap_err().to_string(),
///     "'abc' is not a number; write digits, optionally with k, M, B or T, e.g. 10M"
/// );
/// ```
pub fn number(text: &str) -> Result<f64, ParseError> {
    let t = prepare(text, NUMBER_HINT)?;
    let (value, rest) = scaled_number(t, t, NUMBER_HINT)?;
    if !rest.trim().is_empty() {
        return Err(not_a_number(t, NUMBER_HINT));
    }
    finish(t, value)
}

/// Reads a duration and returns seconds: `5y`, `6 months`, `2w`, `30d`,
/// `12h`, `30m` or `30 min` (`m` is minutes, `mo` months), `45s`, `864 ms`,
/// `86.4 us` or `86.4 µs`, `100 ns`, and compounds such as `8h 45m 36s`.
///
/// A day is 86,400 s (the calendar day, not the scenario's interview day); a
/// month is `days_per_month` days and a year `days_per_year` days. A leading
/// sign applies to the whole duration. A bare number is an error: seconds,
/// days and years are all plausible readings.
///
/// ```
/// use envelope_core::parse::duration;
/// assert_eq!(duration("8h 45m 36s", 30.0, 365.0), Ok(31_536.0));
/// assert_eq!(duration("6mo", 30.44, 365.25), Ok(6.0 * (30.44 * 86_400.0)));
/// assert_eq!(duration("1y 2d", 30.0, 365.0), Ok(367.0 * 86_400.0));
/// assert_eq!(
///     duration("5", 30.0, 365.0).unwrap_err().to_string(),
///     "'5' has no unit; add a unit, e.g. 5y, 30d, 12h"
/// );
/// ```
pub fn duration(text: &str, days_per_month: f64, days_per_year: f64) -> Result<f64, ParseError> {
    let t = prepare(text, DURATION_HINT)?;
    let (sign, body) = sign(t);
    let mut rest = body;
    let mut total = 0.0;
    while !rest.trim_start().is_empty() {
        let (value, after) =
            literal(t, rest.trim_start())?.ok_or_else(|| not_a(t, "duration", DURATION_HINT))?;
        let after = after.trim_start();
        let unit_len = after
            .find(|c: char| !is_unit_letter(c))
            .unwrap_or(after.len());
        let unit = &after[..unit_len];
        if unit.is_empty() {
            return Err(if after.is_empty() {
                fail(format!("'{}' has no unit", shown(t)), DURATION_HINT)
            } else {
                not_a(t, "duration", DURATION_HINT)
            });
        }
        total += value * duration_unit(unit, days_per_month, days_per_year)?;
        rest = &after[unit_len..];
    }
    finish(t, sign * total)
}

/// Why text was rejected before it was read: too long or empty.
fn prepare<'a>(text: &'a str, hint: &str) -> Result<&'a str, ParseError> {
    // Counting at most MAX_LEN + 1 characters keeps this cheap on huge input.
    if text.chars().nth(MAX_LEN).is_some() {
        return Err(fail(
            format!("text is longer than {MAX_LEN} characters"),
            "shorten it",
        ));
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(fail("nothing was entered".to_owned(), hint));
    }
    Ok(t)
}

fn fail(problem: String, suggestion: &str) -> ParseError {
    ParseError {
        problem,
        suggestion: suggestion.to_owned(),
    }
}

fn not_a_number(text: &str, hint: &str) -> ParseError {
    not_a(text, "number", hint)
}

fn not_a(text: &str, what: &str, hint: &str) -> ParseError {
    fail(format!("'{}' is not a {what}", shown(text)), hint)
}

fn unknown_unit(unit: &str, hint: &str) -> ParseError {
    fail(format!("unknown unit \"{}\"", shown(unit)), hint)
}

/// The most characters of the text read that a message echoes; longer text
/// is cut there with `…`, as share-link warnings cut it.
const SHOWN_CHARS: usize = 40;

/// Whether `c` continues a unit's word: an ASCII letter, or any other
/// character than ASCII and whitespace. Units are ASCII but `µs`/`μs`, so a
/// word with another such character is an unknown unit, said as such. Not
/// `char::is_alphabetic`: its Unicode table was about 1 KB of the web app's
/// download, for words no unit has.
fn is_unit_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || !(c.is_ascii() || c.is_whitespace())
}

/// Text as it is echoed in messages: at most [`SHOWN_CHARS`] characters,
/// control characters escaped, so an error never smuggles a newline or
/// terminal escape into a page or a log, nor quotes a wall of text.
fn shown(text: &str) -> String {
    let cut = text.chars().nth(SHOWN_CHARS).is_some();
    let mut out: String = text
        .chars()
        .take(SHOWN_CHARS)
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    if cut {
        out.push('…');
    }
    out
}

/// Checks the final value: finite and of a sane size.
fn finish(text: &str, value: f64) -> Result<f64, ParseError> {
    if value.is_finite() && value.abs() <= MAX_MAGNITUDE {
        Ok(value)
    } else {
        Err(fail(
            format!("'{}' is too large", shown(text)),
            "use a value between -1e30 and 1e30",
        ))
    }
}

/// Splits a leading sign off: `-`, the Unicode minus `−`, or `+`.
fn sign(s: &str) -> (f64, &str) {
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        (-1.0, rest)
    } else {
        (1.0, s.strip_prefix('+').unwrap_or(s))
    }
}

/// Reads the signed number at the start of `s`, returning it and the rest.
/// `whole` is the full text, for messages.
fn signed<'a>(whole: &str, s: &'a str, hint: &str) -> Result<(f64, &'a str), ParseError> {
    let (sign, s) = sign(s);
    let (value, rest) = literal(whole, s)?.ok_or_else(|| not_a_number(whole, hint))?;
    Ok((sign * value, rest))
}

/// A signed number followed by an optional magnitude suffix (`2.5k`, `10 M`).
fn scaled_number<'a>(whole: &str, s: &'a str, hint: &str) -> Result<(f64, &'a str), ParseError> {
    let (value, rest) = signed(whole, s, hint)?;
    let (factor, rest) = magnitude(rest);
    Ok((value * factor, rest))
}

/// Magnitude suffixes on plain numbers, as symbols or words: `k`, `M`,
/// `bn` (what Envelope prints for billions), `B` (as in "1.5B users") and
/// `G` (its SI spelling), `T`; and `thousand`, `million`, `billion`,
/// `trillion` (any case). Longer spellings come first, so `bn` is not `b`.
const MAGNITUDES: [(&str, f64); 12] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("tn", 1e12),
    ("k", 1e3),
    ("K", 1e3),
    ("M", 1e6),
    ("B", 1e9),
    ("G", 1e9),
    ("T", 1e12),
];

/// Splits a magnitude suffix off the start of `s` (spaces allowed before it).
/// The suffix must stand alone, so `MB`, `ms` or `bytes` are left whole for
/// the unit readers. Words match in any case, symbols as written (`m` is
/// not a million: it is minutes or metres to too many readers).
fn magnitude(s: &str) -> (f64, &str) {
    let t = s.trim_start();
    for &(suffix, factor) in &MAGNITUDES {
        let Some(head) = t.get(..suffix.len()) else {
            continue;
        };
        let matches = if suffix.len() > 1 {
            head.eq_ignore_ascii_case(suffix)
        } else {
            head == suffix
        };
        let rest = &t[suffix.len()..];
        if matches && !rest.chars().next().is_some_and(is_unit_letter) {
            return (factor, rest);
        }
    }
    (1.0, s)
}

/// Reads the unsigned decimal literal at the start of `s`: digits grouped by
/// `,` or `_`, an optional fraction and an optional exponent (`3e6`).
/// Returns the value and the rest of `s`, `None` if `s` does not start with a
/// number, and an error for digits grouped wrongly (`whole` is for messages).
fn literal<'a>(whole: &str, s: &'a str) -> Result<Option<(f64, &'a str)>, ParseError> {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // A separator counts only between two digits, so `1,` or `,5` stop here.
    let separator =
        |i: usize, seps: &[u8]| seps.contains(&b[i]) && i > 0 && digit(i - 1) && digit(i + 1);
    let mut clean = String::new();
    let mut i = 0;
    while i < b.len() && (digit(i) || separator(i, b",_")) {
        if digit(i) {
            clean.push(char::from(b[i]));
        }
        i += 1;
    }
    let integer = &s[..i];
    if b.get(i) == Some(&b'.') && (digit(i + 1) || !integer.is_empty()) {
        clean.push('.');
        i += 1;
        while i < b.len() && (digit(i) || separator(i, b"_")) {
            if digit(i) {
                clean.push(char::from(b[i]));
            }
            i += 1;
        }
    }
    if !clean.bytes().any(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    if integer.contains(',') && !grouped_by_thousands(integer) {
        // `1,5` is a European decimal or a typo; either way not 15.
        return Err(fail(
            format!("'{}' is not a number", shown(whole)),
            "use commas only between groups of three digits (1,000,000) and a dot for decimals (1.5)",
        ));
    }
    // The exponent needs digits after it, so the E of `3 EB` stays a unit.
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if digit(j) {
            while digit(j) {
                j += 1;
            }
            clean.push_str(&s[i..j]);
            i = j;
        }
    }
    // `clean` is a valid decimal by construction; overflow gives infinity,
    // which `finish` rejects.
    Ok(crate::decimal::parse(&clean).map(|value| (value, &s[i..])))
}

/// `1,000,000` yes; `1,5` or `10,00` no.
fn grouped_by_thousands(integer: &str) -> bool {
    let mut groups = integer.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3)
}

/// Words a count may end with; they are read and ignored.
const COUNT_WORDS: [&str; 11] = [
    "users", "user", "requests", "request", "req", "servers", "server", "nodes", "node", "shards",
    "shard",
];

fn count(text: &str) -> Result<f64, ParseError> {
    let t = prepare(text, COUNT_HINT)?;
    let (value, rest) = scaled_number(t, t, COUNT_HINT)?;
    let word = rest.trim();
    if !word.is_empty() && !COUNT_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return Err(unknown_unit(word, COUNT_HINT));
    }
    finish(t, value)
}

/// Ways of writing "per second" after a rate, compared in lowercase with
/// spaces removed (`500 req / s` is `req/s`). Empty: a bare number is a rate.
const PER_SECOND: [&str; 16] = [
    "",
    "/s",
    "/sec",
    "/second",
    "persecond",
    "req/s",
    "req/sec",
    "reqs/s",
    "requests/s",
    "requests/sec",
    "rps",
    "qps",
    "ops/s",
    "events/s",
    "hz",
    "persec",
];

fn rate(text: &str) -> Result<f64, ParseError> {
    let t = prepare(text, RATE_HINT)?;
    let (value, rest) = scaled_number(t, t, RATE_HINT)?;
    let unit: String = rest
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if !PER_SECOND.contains(&unit.as_str()) {
        return Err(unknown_unit(rest.trim(), RATE_HINT));
    }
    finish(t, value)
}

/// What a data unit denotes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DataUnit {
    /// So many bytes.
    Bytes(f64),
    /// So many bits; `prefix` and `name` are for messages (`M`, `mega`).
    Bits {
        bits: f64,
        prefix: &'static str,
        name: &'static str,
    },
}

/// Data prefixes: symbol, power of the base, name. The empty prefix makes
/// plain `B` and `b` fall out of the same rules.
const DATA_PREFIXES: [(&str, i32, &str); 8] = [
    ("", 0, ""),
    ("K", 1, "kilo"),
    ("k", 1, "kilo"),
    ("M", 2, "mega"),
    ("G", 3, "giga"),
    ("T", 4, "tera"),
    ("P", 5, "peta"),
    ("E", 6, "exa"),
];

/// IEC prefix words, power by position (kibi = 1024^1).
const IEC_WORDS: [&str; 6] = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi"];

/// Reads a data unit: `B`, `KB`/`kB`, `MB`, ... (powers of `bytes.base()`),
/// `KiB`, `MiB`, ... (powers of 1024), `b`, `Kb`, `Mbit`, ... (decimal bits),
/// and the words `bytes`, `megabytes`, `gibibytes`, `bits`, `megabits`.
/// The empty unit is bytes. `None` for anything else.
fn data_unit(unit: &str, bytes: ByteUnits) -> Option<DataUnit> {
    if unit.is_empty() {
        return Some(DataUnit::Bytes(1.0));
    }
    let lower = unit.to_ascii_lowercase();
    for (symbol, power, name) in DATA_PREFIXES {
        let bits = DataUnit::Bits {
            bits: 1000f64.powi(power),
            prefix: if symbol == "k" { "K" } else { symbol },
            name,
        };
        if let Some(tail) = unit.strip_prefix(symbol) {
            match tail {
                "B" => return Some(DataUnit::Bytes(bytes.base().powi(power))),
                "iB" if power > 0 => return Some(DataUnit::Bytes(1024f64.powi(power))),
                "b" | "bit" | "bits" => return Some(bits),
                _ => {}
            }
        }
        // Words, in any case: `bytes`, `Megabytes`, `gigabits`.
        if let Some(tail) = lower.strip_prefix(name) {
            match tail {
                "byte" | "bytes" => return Some(DataUnit::Bytes(bytes.base().powi(power))),
                "bit" | "bits" => return Some(bits),
                _ => {}
            }
        }
    }
    IEC_WORDS.iter().zip(1..).find_map(|(word, power)| {
        let tail = lower.strip_prefix(word)?;
        matches!(tail, "byte" | "bytes").then(|| DataUnit::Bytes(1024f64.powi(power)))
    })
}

/// The error for a bit unit where bytes were expected.
fn bits_not_bytes(unit: &str, prefix: &str, name: &str) -> ParseError {
    fail(
        format!("\"{}\" is {name}bits, not bytes", shown(unit)),
        &format!("write {prefix}B for {name}bytes"),
    )
}

fn data(text: &str, bytes: ByteUnits) -> Result<f64, ParseError> {
    let t = prepare(text, DATA_HINT)?;
    let (value, rest) = signed(t, t, DATA_HINT)?;
    let unit = rest.trim();
    match data_unit(unit, bytes) {
        Some(DataUnit::Bytes(factor)) => finish(t, value * factor),
        Some(DataUnit::Bits { prefix, name, .. }) => Err(bits_not_bytes(unit, prefix, name)),
        None if per_second(unit).is_some() || unit.ends_with("ps") => Err(fail(
            format!("\"{}\" is a data rate, not an amount of data", shown(unit)),
            "write an amount, e.g. 3 MB",
        )),
        None => Err(unknown_unit(unit, DATA_HINT)),
    }
}

/// Ways of writing "per second" after a data unit (`MB/s`).
const DATA_PER_SECOND: [&str; 4] = ["/s", "/sec", "/second", " per second"];

/// The data unit of `unit` if it ends in a "per second" spelling.
fn per_second(unit: &str) -> Option<&str> {
    DATA_PER_SECOND
        .iter()
        .find_map(|suffix| unit.strip_suffix(suffix))
        .map(str::trim)
}

const DATA_RATE_UNITS_HINT: &str = "try MB/s, GB/s, KiB/s, Mbps, Gbps";

fn data_rate(text: &str, bytes: ByteUnits) -> Result<f64, ParseError> {
    let t = prepare(text, DATA_RATE_HINT)?;
    let (value, rest) = signed(t, t, DATA_RATE_HINT)?;
    let unit = rest.trim();
    if unit.is_empty() {
        // 50 what? Bytes and bits per second differ eightfold.
        return Err(fail(format!("'{}' has no unit", shown(t)), DATA_RATE_HINT));
    }
    let bytes_per_unit = |u: DataUnit| match u {
        DataUnit::Bytes(factor) => factor,
        // Bit rates are decimal whatever the byte convention, as networks use.
        DataUnit::Bits { bits, .. } => bits / 8.0,
    };
    if let Some(amount) = per_second(unit) {
        return match data_unit(amount, bytes) {
            Some(u) if !amount.is_empty() => finish(t, value * bytes_per_unit(u)),
            _ => Err(unknown_unit(unit, DATA_RATE_UNITS_HINT)),
        };
    }
    if let Some(amount) = unit.strip_suffix("ps") {
        return match data_unit(amount, bytes) {
            Some(u @ DataUnit::Bits { .. }) if !amount.is_empty() => {
                finish(t, value * bytes_per_unit(u))
            }
            // `MBps` is written for both megabytes and megabits per second.
            Some(DataUnit::Bytes(_)) if !amount.is_empty() => {
                let prefix = amount.trim_end_matches("iB").trim_end_matches('B');
                Err(fail(
                    format!("\"{}\" is ambiguous", shown(unit)),
                    &format!(
                        "write {}/s for bytes per second or {}bps for bits per second",
                        shown(amount),
                        shown(prefix)
                    ),
                ))
            }
            _ => Err(unknown_unit(unit, DATA_RATE_UNITS_HINT)),
        };
    }
    match data_unit(unit, bytes) {
        Some(_) => Err(fail(
            format!("\"{}\" is an amount of data, not a rate", shown(unit)),
            &format!("write {}/s", shown(unit)),
        )),
        None => Err(unknown_unit(unit, DATA_RATE_UNITS_HINT)),
    }
}

/// A duration unit's length: fixed, or taken from the calendar.
#[derive(Clone, Copy)]
enum Span {
    Seconds(f64),
    Months,
    Years,
}

/// Duration unit spellings (lowercase) and their lengths.
const DURATION_UNITS: [(&[&str], Span); 10] = [
    (
        &["ns", "nsec", "nanosecond", "nanoseconds"],
        Span::Seconds(1e-9),
    ),
    (
        &["us", "µs", "μs", "usec", "microsecond", "microseconds"],
        Span::Seconds(1e-6),
    ),
    (
        &["ms", "msec", "millisecond", "milliseconds"],
        Span::Seconds(1e-3),
    ),
    (
        &["s", "sec", "secs", "second", "seconds"],
        Span::Seconds(1.0),
    ),
    (
        &["m", "min", "mins", "minute", "minutes"],
        Span::Seconds(60.0),
    ),
    (&["h", "hr", "hrs", "hour", "hours"], Span::Seconds(3_600.0)),
    (&["d", "day", "days"], Span::Seconds(86_400.0)),
    (
        &["w", "wk", "wks", "week", "weeks"],
        Span::Seconds(604_800.0),
    ),
    (&["mo", "mos", "mon", "month", "months"], Span::Months),
    (&["y", "yr", "yrs", "year", "years"], Span::Years),
];

/// Seconds in one `unit`.
fn duration_unit(unit: &str, days_per_month: f64, days_per_year: f64) -> Result<f64, ParseError> {
    const DAY: f64 = 86_400.0;
    // `m` is minutes; a capital `M` alone is as likely to mean months.
    if unit == "M" {
        return Err(fail(
            "\"M\" is ambiguous".to_owned(),
            "write min for minutes or mo for months",
        ));
    }
    let lower = unit.to_ascii_lowercase();
    let span = DURATION_UNITS
        .iter()
        .find(|(names, _)| names.contains(&lower.as_str()))
        .map(|&(_, span)| span)
        .ok_or_else(|| unknown_unit(unit, "try y, mo, w, d, h, min, s, ms, us, ns"))?;
    Ok(match span {
        Span::Seconds(s) => s,
        Span::Months => days_per_month * DAY,
        Span::Years => days_per_year * DAY,
    })
}

fn fraction(text: &str) -> Result<f64, ParseError> {
    let t = prepare(text, FRACTION_HINT)?;
    let (value, rest) = signed(t, t, FRACTION_HINT)?;
    match rest.trim() {
        "" => finish(t, value),
        "%" => finish(t, value / 100.0),
        unit => Err(unknown_unit(unit, FRACTION_HINT)),
    }
}

fn multiplier(text: &str) -> Result<f64, ParseError> {
    let t = prepare(text, MULTIPLIER_HINT)?;
    let (value, rest) = signed(t, t, MULTIPLIER_HINT)?;
    match rest.trim() {
        "" | "x" | "X" | "×" | "times" => finish(t, value),
        unit => Err(unknown_unit(unit, MULTIPLIER_HINT)),
    }
}

fn money(text: &str) -> Result<f64, ParseError> {
    let t = prepare(text, MONEY_HINT)?;
    // `-$5` as well as `$5`, `$-5` and `5`.
    let (sign, s) = sign(t);
    let s = s.strip_prefix('$').map_or(s, str::trim_start);
    let (value, rest) = scaled_number(t, s, MONEY_HINT)?;
    let unit = rest.trim();
    if !(unit.is_empty()
        || unit.eq_ignore_ascii_case("usd")
        || unit.eq_ignore_ascii_case("dollars"))
    {
        return Err(unknown_unit(unit, MONEY_HINT));
    }
    finish(t, sign * value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Result<(f64, &str), ()> {
        literal("", s).map_err(|_| ())?.ok_or(())
    }

    #[test]
    fn literal_stops_before_units() {
        assert_eq!(lit("3EB").unwrap(), (3.0, "EB"));
        assert_eq!(lit("3e6 B").unwrap(), (3e6, " B"));
        assert_eq!(lit("1,000,000x").unwrap(), (1e6, "x"));
        assert_eq!(lit("1_000.5_5").unwrap(), (1000.55, ""));
        assert_eq!(lit(".5s").unwrap(), (0.5, "s"));
        assert_eq!(lit("5.").unwrap(), (5.0, ""));
        assert_eq!(lit("1,").unwrap(), (1.0, ","));
        assert!(lit(".").is_err());
        assert!(lit("1,5").is_err());
        assert!(lit("10,00").is_err());
    }

    #[test]
    fn magnitude_needs_to_stand_alone() {
        assert_eq!(magnitude("k req/s"), (1e3, " req/s"));
        assert_eq!(magnitude(" M"), (1e6, ""));
        assert_eq!(magnitude("MB"), (1.0, "MB"));
        assert_eq!(magnitude("ms"), (1.0, "ms"));
    }

    #[test]
    fn data_units() {
        let si = ByteUnits::Si;
        assert_eq!(data_unit("kB", si), Some(DataUnit::Bytes(1e3)));
        assert_eq!(
            data_unit("KB", ByteUnits::Iec),
            Some(DataUnit::Bytes(1024.0))
        );
        assert_eq!(data_unit("GiB", si), Some(DataUnit::Bytes(1024f64.powi(3))));
        assert_eq!(data_unit("Megabytes", si), Some(DataUnit::Bytes(1e6)));
        assert_eq!(
            data_unit("mebibytes", si),
            Some(DataUnit::Bytes(1024f64.powi(2)))
        );
        assert!(matches!(data_unit("Gbit", si), Some(DataUnit::Bits { bits, .. }) if bits == 1e9));
        assert_eq!(data_unit("XB", si), None);
        assert_eq!(data_unit("iB", si), None);
    }

    #[test]
    fn unit_words_end_at_ascii_non_letters_and_whitespace_only() {
        // µs and μs read as microseconds, whichever mu is typed.
        assert_eq!(duration("3 µs", 30.0, 365.0).unwrap(), 3e-6);
        assert_eq!(duration("3μs", 30.0, 365.0).unwrap(), 3e-6);
        // A word with other non-ASCII letters is one unknown unit, named whole.
        let e = duration("5 días", 30.0, 365.0).unwrap_err().to_string();
        assert!(e.contains("días"), "{e}");
        // A suffix is not read off the front of a longer word.
        assert!(count("5 kilos").is_err());
        assert!(count("5 kü").is_err());
    }

    #[test]
    fn shown_escapes_control_characters() {
        assert_eq!(shown("a\nb\u{1b}"), "a\\nb\\u{1b}");
        assert_eq!(shown("µs"), "µs");
        let long = "X".repeat(190);
        assert_eq!(shown(&long), format!("{}…", "X".repeat(40)));
    }
}
