//! Printing values for people: readable units, grouped digits.
//!
//! Figures are printed to four significant figures in the unit that suits
//! their size, with trailing zeros trimmed and a space before the unit
//! (`15 TB`, `3.472 k req/s`). Everything printed here reads back through
//! [`crate::parse`] to the same value within that rounding (relative error at
//! most 5 × 10^-4). Nothing here panics. A value that is not a finite number
//! (NaN, an infinity) prints as [`OUT_OF_RANGE`], never as `NaN` or `inf`: the
//! inputs' bounds keep every figure finite, and this word is the last line of
//! defence should one not be.
//!
//! ```
//! use envelope_core::{format, Conventions, Measure};
//! let c = Conventions::default();
//! assert_eq!(format::measure(&Measure::data_bytes(450e12), &c), "450 TB");
//! assert_eq!(format::measure(&Measure::per_second(3472.2), &c), "3.472 k req/s");
//! assert_eq!(format::duration(31_536.0), "8h 45m 36s");
//! assert_eq!(format::number(1_234_567.89), "1,234,568");
//! ```

use crate::decimal::Decimal;
use crate::{ByteUnits, Conventions, Kind, Measure};

/// Significant figures in printed figures: enough to check arithmetic by
/// hand, few enough to read at a glance.
const SIG: usize = 4;

/// The readable text of a value, in the unit that suits its size
/// (`15 TB`, `555.6 req/s`, `3.472 k req/s`, `50 MB/s`, `20%`, `3x`, `$1,234`).
///
/// - Data and data rates use the conventions' byte units: `KB`, `MB`, ...
///   (powers of 1000) or `KiB`, `MiB`, ... (powers of 1024), the largest unit
///   whose value is at least 1.
/// - Rates: `req/s`, `k req/s`, `M req/s`, `bn req/s` (billion), `T req/s`.
/// - Counts: plain below a million (`1,234`), then `10 M`, `1.5 bn`, `2 T`:
///   billions are `bn`, never `B`, which is a byte.
/// - Durations: see [`duration`].
/// - Fractions as percentages; a fraction other than 1 never prints as
///   `100%` (up to 15 significant figures are kept to show the difference).
/// - Money: whole amounts as they are (`$150`); otherwise whole dollars from
///   $1,000 (`$1,234`), cents below (`$12.35`, `$118.27`, and 4 significant
///   figures below $10, such as `$1.235` or `$0.0009`); `M`, `bn`, `T` from
///   a million (`$1.235 M`).
///
/// ```
/// use envelope_core::{format::measure, ByteUnits, Conventions, Measure};
/// let si = Conventions::default();
/// let iec = Conventions { bytes: ByteUnits::Iec, ..si };
/// assert_eq!(measure(&Measure::data_bytes(15e12), &si), "15 TB");
/// assert_eq!(measure(&Measure::data_bytes(1_048_576.0), &iec), "1 MiB");
/// assert_eq!(measure(&Measure::bytes_per_second(50e6), &si), "50 MB/s");
/// assert_eq!(measure(&Measure::per_second(555.56), &si), "555.6 req/s");
/// assert_eq!(measure(&Measure::Count(10e6), &si), "10 M");
/// assert_eq!(measure(&Measure::Fraction(0.9995), &si), "99.95%");
/// assert_eq!(measure(&Measure::Multiplier(4.8), &si), "4.8x");
/// assert_eq!(measure(&Measure::Money(1_234_567.0), &si), "$1.235 M");
/// ```
pub fn measure(value: &Measure, conventions: &Conventions) -> String {
    let v = value.base_value();
    if !v.is_finite() {
        return non_finite();
    }
    match value.kind() {
        Kind::Count => count(v),
        Kind::Rate => scaled(v, &RATE_UNITS, ""),
        Kind::Data => scaled(v, &data_units(conventions.bytes), ""),
        Kind::DataRate => scaled(v, &data_units(conventions.bytes), "/s"),
        Kind::Duration => duration(v),
        Kind::Fraction => percent(v),
        Kind::Multiplier => format!("{}x", number(v)),
        Kind::Money => money(v),
    }
}

/// A second rendering where one helps: bits per second for data rates
/// (`400 Mbps` beside `50 MB/s`). `None` for other kinds.
///
/// Bit rates are always decimal (1 Mbps = 10^6 bit/s), whatever the byte
/// convention, as networks quote them.
///
/// ```
/// use envelope_core::{format::measure_alternate, Conventions, Measure};
/// let c = Conventions::default();
/// assert_eq!(measure_alternate(&Measure::bytes_per_second(50e6), &c).as_deref(), Some("400 Mbps"));
/// assert_eq!(measure_alternate(&Measure::data_bytes(50e6), &c), None);
/// ```
pub fn measure_alternate(value: &Measure, conventions: &Conventions) -> Option<String> {
    // Bits are decimal in every convention, so the conventions do not matter.
    let _ = conventions;
    match value {
        Measure::DataRate(_) => {
            let bits = value.base_value() * 8.0;
            Some(if bits.is_finite() {
                scaled(bits, &BIT_RATE_UNITS, "")
            } else {
                non_finite()
            })
        }
        _ => None,
    }
}

/// A plain number for derivations: grouped digits, at most four significant
/// figures after the integer part (`10,000,000`, `86,400`, `231.5`, `0.2`).
///
/// The integer part is never rounded away (`1,234,568`). From 10^15 up and
/// below 10^-6 numbers are printed in scientific notation (`1.5e21`).
///
/// ```
/// use envelope_core::format::number;
/// assert_eq!(number(10_000_000.0), "10,000,000");
/// assert_eq!(number(231.48148), "231.5");
/// assert_eq!(number(0.000123456), "0.0001235");
/// assert_eq!(number(1.5e21), "1.5e21");
/// assert_eq!(number(-4.8), "-4.8");
/// assert_eq!(number(f64::NAN), "out of range");
/// ```
pub fn number(value: f64) -> String {
    significant(value, SIG)
}

/// A number as powers-of-ten arithmetic writes it, for interview mode's
/// rough working ([`crate::Rough::working`]): `4 x 10^10`, `10^5`,
/// `1.02 x 10^9`, `5 x 10^-4`, the mantissa to three significant figures;
/// from 0.01 up to 1,000 as [`number`] prints it (`24`, `0.2`, `365`).
///
/// ```
/// use envelope_core::format::powers_of_ten;
/// assert_eq!(powers_of_ten(4e10), "4 x 10^10");
/// assert_eq!(powers_of_ten(1e5), "10^5");
/// assert_eq!(powers_of_ten(1.02e9), "1.02 x 10^9");
/// assert_eq!(powers_of_ten(9.996e5), "10^6");
/// assert_eq!(powers_of_ten(-3e4), "-3 x 10^4");
/// assert_eq!(powers_of_ten(0.0005), "5 x 10^-4");
/// assert_eq!(powers_of_ten(24.0), "24");
/// assert_eq!(powers_of_ten(0.0), "0");
/// assert_eq!(powers_of_ten(f64::INFINITY), "out of range");
/// ```
pub fn powers_of_ten(value: f64) -> String {
    if !value.is_finite() {
        return non_finite();
    }
    let magnitude = value.abs();
    // Beyond about 10^±300 the powers of ten below are not f64s.
    if magnitude == 0.0
        || (0.01..1000.0).contains(&magnitude)
        || !(1e-300..1e300).contains(&magnitude)
    {
        return number(value);
    }
    let mut exponent = magnitude.log10().floor() as i32;
    let mut mantissa = rounded(magnitude / 10f64.powi(exponent), 3);
    // log10 may be off by one at a power of ten, and rounding may carry.
    if mantissa >= 10.0 {
        exponent += 1;
        mantissa = rounded(magnitude / 10f64.powi(exponent), 3);
    } else if mantissa < 1.0 {
        exponent -= 1;
        mantissa = rounded(magnitude / 10f64.powi(exponent), 3);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    if mantissa == 1.0 {
        format!("{sign}10^{exponent}")
    } else {
        format!(
            "{sign}{} x 10^{exponent}",
            trim_zeros(format!("{:.2}", Decimal(mantissa)))
        )
    }
}

/// A value as [`powers_of_ten`] writes it, in its base unit: counts bare
/// (`2 x 10^7`), rates `/s`, data `B`, data rates `B/s`; durations,
/// percentages, multipliers and money as [`measure`] prints them.
///
/// ```
/// use envelope_core::{format::measure_powers_of_ten, Conventions, Measure};
/// let c = Conventions::default();
/// assert_eq!(measure_powers_of_ten(&Measure::per_second(4e5), &c), "4 x 10^5 /s");
/// assert_eq!(measure_powers_of_ten(&Measure::data_bytes(6e13), &c), "6 x 10^13 B");
/// assert_eq!(measure_powers_of_ten(&Measure::Multiplier(3.0), &c), "3x");
/// ```
pub fn measure_powers_of_ten(value: &Measure, conventions: &Conventions) -> String {
    let v = value.base_value();
    match value.kind() {
        Kind::Count => powers_of_ten(v),
        Kind::Rate => [powers_of_ten(v).as_str(), " /s"].concat(),
        Kind::Data => [powers_of_ten(v).as_str(), " B"].concat(),
        Kind::DataRate => [powers_of_ten(v).as_str(), " B/s"].concat(),
        _ => measure(value, conventions),
    }
}

/// A rough figure's error against the exact one ([`crate::Rough`]), in
/// percent, signed and to two significant figures: `+8.0%`, `-16%`,
/// `+0.31%`; `0%` when exact; `n/a` when there is none (the exact value is
/// zero). The page, the CLI and Markdown all print it this way.
///
/// ```
/// use envelope_core::format::error_percent;
/// assert_eq!(error_percent(Some(8.0)), "+8.0%");
/// assert_eq!(error_percent(Some(-16.2)), "-16%");
/// assert_eq!(error_percent(Some(123.4)), "+120%");
/// assert_eq!(error_percent(Some(0.3123)), "+0.31%");
/// assert_eq!(error_percent(Some(0.0)), "0%");
/// assert_eq!(error_percent(None), "n/a");
/// ```
pub fn error_percent(error: Option<f64>) -> String {
    let Some(e) = error else {
        return "n/a".to_owned();
    };
    if e == 0.0 {
        return "0%".to_owned();
    }
    let magnitude = e.abs();
    let digits = if !(1e-6..1e15).contains(&magnitude) {
        significant(magnitude, 2)
    } else {
        let exponent = magnitude.log10().floor() as i32;
        if exponent >= 1 {
            let unit = 10f64.powi(exponent - 1);
            group(&format!(
                "{:.0}",
                Decimal((magnitude / unit).round() * unit)
            ))
        } else {
            let decimals = (1 - exponent) as usize;
            format!("{:.decimals$}", Decimal(magnitude))
        }
    };
    let sign = if e > 0.0 { "+" } else { "-" };
    [sign, &digits, "%"].concat()
}

/// A whole number with every digit, grouped (`1,000,001`,
/// `9,007,199,254,740,993`): for counts in messages, where `1 M` could hide
/// the one that matters.
///
/// ```
/// use envelope_core::format::whole;
/// assert_eq!(whole(1_000_001), "1,000,001");
/// assert_eq!(whole(18_446_744_073_709_551_616), "18,446,744,073,709,551,616");
/// ```
pub fn whole(n: u128) -> String {
    group(&n.to_string())
}

/// A duration in compound units: `8h 45m 36s`, `43m 12s`, `864 ms`, `86.4 us`,
/// `2y 3d`; exact and readable from nanoseconds to centuries.
///
/// From one second up: at most three adjacent units of y (365 days), d, h,
/// m (minutes) and s, starting with the largest that fits; zero components
/// are left out, and the last one keeps a decimal when needed (`43m 49.7s`),
/// or more when four significant figures of the whole need them
/// (`1.235s`). Below one second: ms, us or ns to four significant figures.
/// Zero is `0 s`; negative durations get a minus sign.
///
/// ```
/// use envelope_core::format::duration;
/// assert_eq!(duration(2_592.0), "43m 12s");
/// assert_eq!(duration(2_629.7), "43m 49.7s");
/// assert_eq!(duration(315_360.0), "3d 15h 36m");
/// assert_eq!(duration(86_400.0 * 400.0), "1y 35d");
/// assert_eq!(duration(0.031536), "31.54 ms");
/// assert_eq!(duration(8.64e-5), "86.4 us");
/// assert_eq!(duration(0.0), "0 s");
/// ```
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return non_finite();
    }
    if seconds < 0.0 {
        return format!("-{}", duration(-seconds));
    }
    if seconds == 0.0 {
        return "0 s".to_owned();
    }
    if rounded(seconds, SIG) < 1.0 {
        return scaled(seconds, &SUBSECOND_UNITS, "");
    }
    // Beyond ~300 million years compound units stop being readable.
    if seconds >= 1e16 {
        return format!("{}y", number(seconds / COMPOUND_UNITS[0].0));
    }
    compound(seconds)
}

/// What a value that is not a finite number prints as, wherever it is
/// printed.
pub const OUT_OF_RANGE: &str = "out of range";

/// [`OUT_OF_RANGE`], for NaN and the infinities alike: none is a figure.
fn non_finite() -> String {
    OUT_OF_RANGE.to_owned()
}

/// `value` to `sig` significant figures, digits grouped, trailing zeros
/// trimmed; the integer part is never rounded away. Scientific notation from
/// 10^15 up and below 10^-6.
fn significant(value: f64, sig: usize) -> String {
    if !value.is_finite() {
        return non_finite();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    let magnitude = value.abs();
    let text = if !(1e-6..1e15).contains(&magnitude) {
        scientific(magnitude, sig)
    } else {
        // log10 may be off by one right at a power of ten; that changes the
        // digits shown by one, never the value's correctness.
        let exponent = magnitude.log10().floor() as i64;
        let decimals = (sig as i64 - 1 - exponent).max(0) as usize;
        group(&trim_zeros(format!("{:.decimals$}", Decimal(magnitude))))
    };
    if value < 0.0 && text != "0" {
        format!("-{text}")
    } else {
        text
    }
}

/// `1.5e21`, `1.235e-7`: Rust's exponent notation with the mantissa trimmed.
fn scientific(magnitude: f64, sig: usize) -> String {
    let text = format!("{:.*e}", sig.saturating_sub(1), Decimal(magnitude));
    match text.split_once('e') {
        Some((mantissa, exponent)) => format!("{}e{exponent}", trim_zeros(mantissa.to_owned())),
        None => text,
    }
}

/// `12.3400` -> `12.34`, `5.000` -> `5`; integers are left alone.
fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// Commas between thousands in the integer part: `1234567.5` -> `1,234,567.5`.
fn group(text: &str) -> String {
    let (integer, fraction) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let mut grouped = String::with_capacity(text.len() + integer.len() / 3);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

/// `value` rounded to `sig` significant figures, as a number: used to pick
/// units by what will be printed, so 999.96 B prints as `1 KB`, not
/// `1,000 B`.
fn rounded(value: f64, sig: usize) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    // Computed, not printed and re-read: this runs for every unit candidate
    // of every figure, and a string round trip made formatting the slowest
    // part of an estimate.
    let scale = 10f64.powi(sig as i32 - 1 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// `value` in the largest of `units` (factor, label; ascending) in which it
/// prints as at least 1, or the first, with `suffix` after the label:
/// `3.472 k req/s`, `50 MB/s`.
fn scaled(value: f64, units: &[(f64, &str)], suffix: &str) -> String {
    let magnitude = value.abs();
    let (factor, label) = units
        .iter()
        .rev()
        .find(|(factor, _)| rounded(magnitude / factor, SIG) >= 1.0)
        .unwrap_or(&units[0]);
    format!("{} {label}{suffix}", significant(value / factor, SIG))
}

const RATE_UNITS: [(f64, &str); 5] = [
    (1.0, "req/s"),
    (1e3, "k req/s"),
    (1e6, "M req/s"),
    (1e9, "bn req/s"),
    (1e12, "T req/s"),
];

/// Decimal bit rates, for [`measure_alternate`].
const BIT_RATE_UNITS: [(f64, &str); 6] = [
    (1.0, "bps"),
    (1e3, "kbps"),
    (1e6, "Mbps"),
    (1e9, "Gbps"),
    (1e12, "Tbps"),
    (1e15, "Pbps"),
];

const SUBSECOND_UNITS: [(f64, &str); 3] = [(1e-9, "ns"), (1e-6, "us"), (1e-3, "ms")];

/// Large counts are named in words people say: 10 M users, 1.5 bn requests
/// (`bn`, as "40 B" beside "100 B" of data would read as bytes).
const COUNT_UNITS: [(f64, &str); 3] = [(1e6, "M"), (1e9, "bn"), (1e12, "T")];

const SI_DATA: [&str; 7] = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
const IEC_DATA: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/// Data units under a byte convention: powers of 1000 or 1024.
fn data_units(bytes: ByteUnits) -> [(f64, &'static str); 7] {
    let labels = match bytes {
        ByteUnits::Si => SI_DATA,
        ByteUnits::Iec => IEC_DATA,
    };
    let mut units = [(1.0, ""); 7];
    for (power, (unit, label)) in units.iter_mut().zip(labels).enumerate() {
        *unit = (bytes.base().powi(power as i32), label);
    }
    units
}

fn count(value: f64) -> String {
    // Below a million every digit is kept: 999,999 servers is not 1 M.
    if value.abs() < 1e6 {
        number(value)
    } else {
        scaled(value, &COUNT_UNITS, "")
    }
}

fn percent(fraction: f64) -> String {
    let percent = fraction * 100.0;
    let mut text = number(percent);
    // 99.9999999% is not 100%: with availability, the digits that would round
    // away are the point. Add digits until the difference shows.
    for sig in SIG..=15 {
        text = significant(percent, sig);
        if fraction == 1.0 || text != "100" {
            break;
        }
    }
    format!("{text}%")
}

fn money(dollars: f64) -> String {
    let magnitude = dollars.abs();
    let text = if rounded(magnitude, SIG) >= 1e6 {
        scaled(magnitude, &COUNT_UNITS, "")
    } else if magnitude >= 1000.0 {
        group(&format!("{:.0}", Decimal(magnitude)))
    } else if magnitude >= 100.0 {
        // Whole dollars alone would lose the fourth significant figure.
        group(format!("{:.2}", Decimal(magnitude)).trim_end_matches(".00"))
    } else {
        cents(magnitude)
    };
    let sign = if dollars < 0.0 && text != "0" {
        "-"
    } else {
        ""
    };
    format!("{sign}${text}")
}

/// Below $100: whole dollars as they are (`5`), otherwise at least two
/// decimals (`12.50`) and four significant figures (`1.235`), so a
/// per-request cost of $0.0009 does not print as $0.00.
fn cents(magnitude: f64) -> String {
    let text = significant(magnitude, SIG);
    match text.split_once('.') {
        Some((whole, fraction)) if fraction.len() < 2 => format!("{whole}.{fraction:0<2}"),
        _ => text,
    }
}

/// Compound duration units, largest first; a year is 365 days.
const COMPOUND_UNITS: [(f64, &str); 5] = [
    (31_536_000.0, "y"),
    (86_400.0, "d"),
    (3_600.0, "h"),
    (60.0, "m"),
    (1.0, "s"),
];

/// `8h 45m 36s`: `seconds` is finite, at least 0.9995 and below 10^16.
fn compound(seconds: f64) -> String {
    let mut first = COMPOUND_UNITS
        .iter()
        .position(|&(unit, _)| seconds >= unit)
        .unwrap_or(COMPOUND_UNITS.len() - 1);
    loop {
        let last = (first + 2).min(COMPOUND_UNITS.len() - 1);
        let last_unit = COMPOUND_UNITS[last].0;
        let decimals = decimals_for(seconds, last_unit);
        let scale = 10u64.pow(decimals);
        // Work in whole ticks of the last unit's last decimal: integer
        // division then splits the value exactly, carries included.
        let ticks = (seconds / last_unit * scale as f64).round() as u64;
        let per = |unit: f64| (unit / last_unit).round() as u64 * scale;
        // Rounding can carry into a larger unit (59.9996 s is 1m): start
        // one unit higher.
        if first > 0 && ticks >= per(COMPOUND_UNITS[first - 1].0) {
            first -= 1;
            continue;
        }
        let mut parts = Vec::with_capacity(3);
        let mut rest = ticks;
        for &(unit, label) in &COMPOUND_UNITS[first..last] {
            let n = rest / per(unit);
            rest %= per(unit);
            if n > 0 {
                parts.push(format!("{n}{label}"));
            }
        }
        if rest > 0 {
            let whole = rest / scale;
            let fraction = rest % scale;
            let text = format!("{whole}.{fraction:0width$}", width = decimals as usize);
            parts.push(format!("{}{}", trim_zeros(text), COMPOUND_UNITS[last].1));
        }
        return parts.join(" ");
    }
}

/// Decimals of the last compound unit: at least one (`49.7s`), and enough
/// that rounding stays within four significant figures of the whole value.
fn decimals_for(seconds: f64, last_unit: f64) -> u32 {
    let mut decimals = 1;
    while decimals < 6 && last_unit / 10f64.powi(decimals as i32) > seconds * 1e-3 {
        decimals += 1;
    }
    decimals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(group("1234567.25"), "1,234,567.25");
        assert_eq!(group("123"), "123");
        assert_eq!(group("1000"), "1,000");
    }

    #[test]
    fn rounding_picks_the_printed_unit() {
        assert_eq!(rounded(999.96, 4), 1000.0);
        assert_eq!(scaled(999.96, &RATE_UNITS, ""), "1 k req/s");
        assert_eq!(duration(59.9996), "1m");
        assert_eq!(duration(0.99996), "1s");
        assert_eq!(duration(0.00099996), "1 ms");
    }
}
