//! [`Availability`]: one figure read as a percentage, a fraction or nines.
//!
//! The value is stored as the *unavailability* `1 - a`. Near 100% that is
//! the side with the digits: 99.9999999% is exactly representable as
//! `u = 1e-9` (to f64 rounding), while `0.999999999` as an f64 keeps only
//! about seven significant digits of its distance from 1. Every figure
//! people care about (downtime, nines, burn rates) is proportional to `u`.

use serde::{Deserialize, Serialize};

use super::AvailabilityError;
use crate::decimal::Decimal;
use crate::parse::ParseError;

/// The most nines a figure may be given with; beyond about 308 the
/// unavailability is no longer an f64 at all, and nobody means 300 nines.
const MAX_NINES: f64 = 300.0;

/// An availability: the fraction of time a system is up, in `[0, 1]`.
///
/// Built from user input it is always above 0 (a system that is never up
/// has no meaningful downtime budget) and at most 1 (`100%`, which has no
/// downtime and infinitely many nines).
///
/// ```
/// use envelope_core::availability::Availability;
///
/// let a: Availability = "99.95%".parse().unwrap();
/// assert!((a.nines() - 3.30).abs() < 0.005);
/// assert_eq!(a.to_string(), "99.95%");
///
/// let b = Availability::parse("3.5 nines").unwrap();
/// assert_eq!(b.to_string(), "99.9684%");
///
/// // Nine nines keep their digits: the unavailability is parsed from the
/// // decimal text, not computed as 1 - 0.999999999.
/// let c = Availability::parse("99.9999999%").unwrap();
/// assert_eq!(c.unavailability(), 1e-9);
/// assert_eq!(c.describe_nines(), "9 nines");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "AvailabilityRepr", into = "AvailabilityRepr")]
pub struct Availability {
    /// `1 - availability`, in `[0, 1]`.
    unavailability: f64,
}

/// How an [`Availability`] is written in JSON: `{"unavailability": 1e-9}`
/// (what we write, lossless), or, for hand-written scenarios, a number
/// (the fraction, `0.999`) or a string in any form [`Availability::parse`]
/// reads (`"99.9%"`, `"four nines"`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum AvailabilityRepr {
    Unavailability { unavailability: f64 },
    Fraction(f64),
    Text(String),
}

impl TryFrom<AvailabilityRepr> for Availability {
    type Error = String;
    fn try_from(repr: AvailabilityRepr) -> Result<Self, String> {
        match repr {
            AvailabilityRepr::Unavailability { unavailability } => {
                Availability::from_unavailability(unavailability).map_err(|e| e.to_string())
            }
            AvailabilityRepr::Fraction(a) => {
                Availability::from_fraction(a).map_err(|e| e.to_string())
            }
            AvailabilityRepr::Text(text) => Availability::parse(&text).map_err(|e| e.to_string()),
        }
    }
}

impl From<Availability> for AvailabilityRepr {
    fn from(a: Availability) -> Self {
        AvailabilityRepr::Unavailability {
            unavailability: a.unavailability,
        }
    }
}

impl Availability {
    /// 100%: never down.
    pub const PERFECT: Availability = Availability {
        unavailability: 0.0,
    };

    /// From the fraction of time up, `0 < a <= 1` (`0.999`).
    ///
    /// Prefer [`Availability::from_unavailability`] or text for many nines:
    /// an f64 near 1 has already lost the digits that matter.
    ///
    /// ```
    /// use envelope_core::availability::Availability;
    /// assert!(Availability::from_fraction(0.999).is_ok());
    /// assert!(Availability::from_fraction(0.0).is_err());
    /// assert!(Availability::from_fraction(1.5).is_err());
    /// ```
    pub fn from_fraction(a: f64) -> Result<Self, AvailabilityError> {
        if !(a.is_finite() && a > 0.0 && a <= 1.0) {
            return Err(AvailabilityError::new(
                "availability",
                format!(
                    "availability must be above 0 and at most 1 (100%), got {}",
                    Decimal(a)
                ),
            ));
        }
        Ok(Availability {
            unavailability: 1.0 - a,
        })
    }

    /// From the unavailability `1 - a`, `0 <= u < 1` (`0.001` for 99.9%).
    pub fn from_unavailability(u: f64) -> Result<Self, AvailabilityError> {
        if !(u.is_finite() && (0.0..1.0).contains(&u)) {
            return Err(AvailabilityError::new(
                "unavailability",
                format!(
                    "unavailability must be at least 0 and below 1, got {}",
                    Decimal(u)
                ),
            ));
        }
        Ok(Availability { unavailability: u })
    }

    /// From a percentage, `0 < p <= 100` (`99.95`).
    pub fn from_percent(p: f64) -> Result<Self, AvailabilityError> {
        if !(p.is_finite() && p > 0.0 && p <= 100.0) {
            return Err(AvailabilityError::new(
                "availability",
                format!(
                    "availability must be above 0% and at most 100%, got {}%",
                    Decimal(p)
                ),
            ));
        }
        // (100 - p) is exact for p in [50, 100] (Sterbenz), so this loses
        // nothing the f64 `p` still had.
        Ok(Availability {
            unavailability: (100.0 - p) / 100.0,
        })
    }

    /// From a count of nines, `n > 0`: `a = 1 - 10^-n` (3.5 nines = 99.9684%).
    ///
    /// ```
    /// use envelope_core::availability::Availability;
    /// assert_eq!(Availability::from_nines(4.0).unwrap().unavailability(), 1e-4);
    /// ```
    pub fn from_nines(n: f64) -> Result<Self, AvailabilityError> {
        if !(n.is_finite() && n > 0.0 && n <= MAX_NINES) {
            return Err(AvailabilityError::new(
                "nines",
                format!(
                    "nines must be above 0 and at most {}, got {}",
                    Decimal(MAX_NINES),
                    Decimal(n)
                ),
            ));
        }
        Ok(Availability {
            unavailability: ten_to_minus(n),
        })
    }

    /// From mean time between failures and mean time to repair (any one
    /// unit, the same for both): `a = MTBF / (MTBF + MTTR)`.
    ///
    /// ```
    /// use envelope_core::availability::Availability;
    /// let a = Availability::from_mtbf_mttr(1000.0, 1.0).unwrap();
    /// assert!((a.fraction() - 1000.0 / 1001.0).abs() < 1e-15);
    /// ```
    pub fn from_mtbf_mttr(mtbf: f64, mttr: f64) -> Result<Self, AvailabilityError> {
        if !(mtbf.is_finite() && mtbf > 0.0) {
            return Err(AvailabilityError::new(
                "mtbf",
                format!("MTBF must be positive and finite, got {}", Decimal(mtbf)),
            ));
        }
        if !(mttr.is_finite() && mttr > 0.0) {
            return Err(AvailabilityError::new(
                "mttr",
                format!("MTTR must be positive and finite, got {}", Decimal(mttr)),
            ));
        }
        // u = MTTR / (MTBF + MTTR) directly keeps the small side exact.
        let u = mttr / (mtbf + mttr);
        if u >= 1.0 {
            return Err(AvailabilityError::new(
                "mtbf",
                format!(
                    "MTBF {} is negligible next to MTTR {}: never up",
                    Decimal(mtbf),
                    Decimal(mttr)
                ),
            ));
        }
        Ok(Availability { unavailability: u })
    }

    /// From a downtime over a period (both in seconds): `u = downtime / period`.
    /// An error if the downtime is negative or is not less than the period.
    ///
    /// ```
    /// use envelope_core::availability::Availability;
    /// let a = Availability::from_downtime(2592.0, 30.0 * 86_400.0).unwrap();
    /// assert_eq!(a.to_string(), "99.9%");
    /// ```
    pub fn from_downtime(downtime: f64, period: f64) -> Result<Self, AvailabilityError> {
        if !(period.is_finite() && period > 0.0) {
            return Err(AvailabilityError::new(
                "period",
                format!(
                    "the period must be positive and finite, got {} s",
                    Decimal(period)
                ),
            ));
        }
        if !(downtime.is_finite() && downtime >= 0.0) {
            return Err(AvailabilityError::new(
                "downtime",
                format!(
                    "the downtime must be zero or more, got {} s",
                    Decimal(downtime)
                ),
            ));
        }
        if downtime >= period {
            return Err(AvailabilityError::new(
                "downtime",
                format!(
                    "a downtime of {} is not less than the period of {}: never up",
                    crate::format::duration(downtime),
                    crate::format::duration(period)
                ),
            ));
        }
        Ok(Availability {
            unavailability: downtime / period,
        })
    }

    /// Clamps a computed unavailability into `[0, 1]`; for results of
    /// arithmetic on valid values, which may round to exactly 0 or 1.
    pub(crate) fn from_computed_unavailability(u: f64) -> Self {
        let u = if u.is_nan() { 1.0 } else { u.clamp(0.0, 1.0) };
        Availability { unavailability: u }
    }

    /// Reads `99.95%`, `99.95 percent`, `0.9995`, `3.5 nines`, `4 nines`,
    /// `four nines`, `five 9s`, `1 nine`.
    ///
    /// Decimal text is complemented digit by digit, so `99.9999999%` gives
    /// exactly the unavailability `1e-9`. A bare number above 1 is refused
    /// as ambiguous (`99.9` is probably `99.9%`).
    ///
    /// ```
    /// use envelope_core::availability::Availability;
    /// assert_eq!(Availability::parse("five 9s").unwrap().to_string(), "99.999%");
    /// assert_eq!(Availability::parse("0.9995").unwrap().to_string(), "99.95%");
    /// assert!(Availability::parse("150%").is_err());
    /// assert!(Availability::parse("abc nines").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let lower = text.trim().to_ascii_lowercase();
        let t = lower.as_str();
        if t.is_empty() {
            return Err(problem(
                "no availability given",
                "write e.g. 99.9%, 0.999 or 3 nines",
            ));
        }
        if let Some(count) = strip_any(t, &["nines", "nine", "9's", "9s"]) {
            return parse_nines(count.trim(), t);
        }
        if let Some(number) = strip_any(t, &["%", "percent"]) {
            let number = number.trim();
            let u = complement_decimal(number, 100).or_else(|| {
                let p = plain_number(number)?;
                (p.is_finite() && (0.0..=100.0).contains(&p)).then_some((100.0 - p) / 100.0)
            });
            return match u {
                Some(u) if u < 1.0 => Ok(Availability { unavailability: u }),
                Some(_) => Err(problem(
                    "an availability of 0% is never up",
                    "give a percentage above 0%",
                )),
                None => Err(problem(
                    &format!("'{}' is not a percentage from 0% to 100%", text.trim()),
                    "write e.g. 99.95%",
                )),
            };
        }
        let u = complement_decimal(t, 1).or_else(|| {
            let a = plain_number(t)?;
            (a.is_finite() && (0.0..=1.0).contains(&a)).then_some(1.0 - a)
        });
        match u {
            Some(u) if u < 1.0 => Ok(Availability { unavailability: u }),
            Some(_) => Err(problem(
                "an availability of 0 is never up",
                "give a fraction above 0, e.g. 0.999",
            )),
            None => match plain_number(t) {
                Some(x) if x > 1.0 && x <= 100.0 => Err(problem(
                    &format!("'{}' is ambiguous as an availability", text.trim()),
                    &format!(
                        "write {}% for a percentage, or a fraction like 0.999",
                        text.trim()
                    ),
                )),
                _ => Err(problem(
                    &format!("'{}' is not an availability", text.trim()),
                    "write e.g. 99.9%, 0.999, 3.5 nines or four nines",
                )),
            },
        }
    }

    /// The fraction of time up, `a` (e.g. `0.999`).
    pub fn fraction(&self) -> f64 {
        1.0 - self.unavailability
    }

    /// The fraction of time down, `1 - a` (e.g. `0.001`); exact for many nines.
    pub fn unavailability(&self) -> f64 {
        self.unavailability
    }

    /// The availability in percent (e.g. `99.9`).
    pub fn percent(&self) -> f64 {
        100.0 - 100.0 * self.unavailability
    }

    /// `-log10(1 - a)`: 3 for 99.9%, 3.30 for 99.95%, infinite for 100%.
    pub fn nines(&self) -> f64 {
        -self.unavailability.log10()
    }

    /// Whether this is exactly 100% (no downtime, infinite nines).
    pub fn is_perfect(&self) -> bool {
        self.unavailability == 0.0
    }

    /// The allowed downtime over `period_seconds`: `(1 - a) x period`.
    ///
    /// ```
    /// use envelope_core::availability::Availability;
    /// let a = Availability::parse("99.9%").unwrap();
    /// assert!((a.downtime(365.0 * 86_400.0) - 31_536.0).abs() < 1e-9);
    /// ```
    pub fn downtime(&self, period_seconds: f64) -> f64 {
        self.unavailability * period_seconds
    }

    /// The percentage with six significant digits of the unavailability,
    /// trailing zeros dropped: `99.9899999%` where [`Display`](std::fmt::Display)
    /// rounds to `99.99%`, so a figure a hair below another reads as below it.
    ///
    /// ```
    /// use envelope_core::availability::Availability;
    /// let a = Availability::from_unavailability(1.000_009_999e-4).unwrap();
    /// assert_eq!(a.to_string(), "99.99%");
    /// assert_eq!(a.precise(), "99.9899999%");
    /// assert_eq!(Availability::PERFECT.precise(), "100%");
    /// ```
    pub fn precise(&self) -> String {
        let down = self.unavailability * 100.0;
        if down <= 0.0 {
            return "100%".to_owned();
        }
        // Decimals for six significant digits of the downtime share; at most
        // 15, where f64 runs out.
        let decimals = (5.0 - down.log10().floor()).clamp(0.0, 15.0) as usize;
        let text = format!("{:.decimals$}", Decimal(100.0 - down));
        [trim_zeros(&text).as_str(), "%"].concat()
    }

    /// The nines for people: `3 nines`, `3.30 nines`, `1 nine`, and for 100%
    /// (whose nines are infinite) `no downtime`, never `∞`.
    pub fn describe_nines(&self) -> String {
        let n = self.nines();
        if n.is_infinite() {
            return "no downtime".to_string();
        }
        let rounded = n.round();
        if (n - rounded).abs() < 1e-9 {
            let rounded = rounded + 0.0; // turn -0 into 0
            if rounded == 1.0 {
                "1 nine".to_string()
            } else {
                format!("{} nines", Decimal(rounded))
            }
        } else {
            format!("{:.2} nines", Decimal(n))
        }
    }
}

impl std::fmt::Display for Availability {
    /// The percentage with enough digits to show the unavailability to about
    /// three significant figures: `99.9%`, `99.95%`, `99.9684%`,
    /// `99.9999999%`, never `100%` unless it is exactly 100%.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", percent_text(self.unavailability))
    }
}

impl std::str::FromStr for Availability {
    type Err = ParseError;
    fn from_str(text: &str) -> Result<Self, ParseError> {
        Availability::parse(text)
    }
}

fn problem(problem: &str, suggestion: &str) -> ParseError {
    ParseError {
        problem: problem.to_string(),
        suggestion: suggestion.to_string(),
    }
}

/// `text` without the first of `suffixes` it ends with.
fn strip_any<'a>(text: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes.iter().find_map(|s| text.strip_suffix(s))
}

/// A decimal number (`1e-3`, `+5`), finite.
fn plain_number(text: &str) -> Option<f64> {
    crate::decimal::parse(text).filter(|x| x.is_finite())
}

/// 10^-n, exact to f64 rounding for whole n: dividing by a power of ten
/// that is itself exact (up to 10^22) rounds once, where `powf` may not.
fn ten_to_minus(n: f64) -> f64 {
    if n.fract() == 0.0 && n <= 22.0 {
        1.0 / 10f64.powi(n as i32)
    } else {
        10f64.powf(-n)
    }
}

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

fn parse_nines(count: &str, whole: &str) -> Result<Availability, ParseError> {
    let n = NUMBER_WORDS
        .iter()
        .position(|w| *w == count)
        .map(|i| (i + 1) as f64)
        .or_else(|| plain_number(count));
    match n {
        Some(n) => Availability::from_nines(n).map_err(|e| problem(&e.message, "")),
        None => Err(problem(
            &format!("'{whole}' does not give a number of nines"),
            "write e.g. 4 nines, four nines or 3.5 nines",
        )),
    }
}

/// `(whole - x) / whole` for a decimal `x` written as `digits[.digits]`,
/// computed on the digits so no precision is lost near `whole`; `None` if
/// the text is not such a decimal, has too many digits, or exceeds `whole`.
fn complement_decimal(text: &str, whole: u128) -> Option<f64> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f),
        None => (text, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    let int = int.trim_start_matches('0');
    // u128 holds 38 digits; `whole` needs up to three of them.
    if int.len() + frac.len() > 34 {
        return None;
    }
    let mut mantissa: u128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        mantissa = mantissa * 10 + u128::from(b - b'0');
    }
    let scale = 10u128.pow(frac.len() as u32);
    let total = whole * scale;
    let missing = total.checked_sub(mantissa)?;
    Some(missing as f64 / total as f64)
}

/// The percentage text for an unavailability (without the `%`).
fn percent_text(u: f64) -> String {
    if u == 0.0 {
        return "100".to_string();
    }
    if u >= 1.0 {
        return "0".to_string();
    }
    if u > 0.5 {
        // Mostly down: the availability itself is the small, precise side;
        // show it to about four significant figures.
        let percent = 100.0 * (1.0 - u);
        let decimals = (3 - percent.log10().floor() as i64).clamp(0, 30) as usize;
        return trim_zeros(&format!("{:.decimals$}", Decimal(percent)));
    }
    let missing_percent = 100.0 * u;
    // Decimals that show three significant digits of the missing part.
    let decimals = ((-missing_percent.log10()).floor() as i64 + 3).clamp(1, 34) as u32;
    let scale = 10u128.pow(decimals);
    let missing = (missing_percent * scale as f64).round() as u128;
    let digits = (100 * scale).saturating_sub(missing);
    let int = digits / scale;
    let frac = digits % scale;
    let text = format!("{int}.{frac:0width$}", width = decimals as usize);
    trim_zeros(&text)
}

fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_complement_is_exact() {
        assert_eq!(complement_decimal("99.9999999", 100), Some(1e-9));
        assert_eq!(complement_decimal("0.999", 1), Some(0.001));
        assert_eq!(complement_decimal("100", 100), Some(0.0));
        assert_eq!(complement_decimal("100.1", 100), None);
        assert_eq!(complement_decimal(".5", 1), Some(0.5));
        assert_eq!(complement_decimal(".", 1), None);
        assert_eq!(complement_decimal("1e3", 1), None);
    }

    #[test]
    fn percent_text_keeps_the_nines() {
        assert_eq!(percent_text(0.001), "99.9");
        assert_eq!(percent_text(0.0005), "99.95");
        assert_eq!(percent_text(1e-9), "99.9999999");
        assert_eq!(percent_text(1e-15), "99.9999999999999");
        assert_eq!(percent_text(1e-30), "99.9999999999999999999999999999");
        assert_eq!(percent_text(0.1), "90");
        assert_eq!(percent_text(0.0), "100");
        assert_eq!(percent_text(0.75), "25");
    }

    #[test]
    fn whole_nines_are_exact_powers() {
        for n in 1..=22 {
            let u = ten_to_minus(n as f64);
            assert_eq!(u, format!("1e-{n}").parse::<f64>().unwrap());
        }
    }
}
