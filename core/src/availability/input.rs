//! The text people type for an availability target, an SLO window and an
//! observed error rate, read one way for every front end (the web app's
//! availability section and `envelope availability`).
//!
//! The errors are [`ParseError`]s that say what is wrong with the text; each
//! front end puts its own field name in front (`Availability target: ...`,
//! `availability: ...`).

use super::{parse_budget, Availability, Period, CONNECTORS};
use crate::decimal::Decimal;
use crate::format;
use crate::parse::ParseError;
use crate::{ByteUnits, Conventions, Kind};

/// Reads an availability target: a figure as [`Availability::parse`] reads
/// it (`99.95%`, `0.9995`, `3.5 nines`, `four nines`) or a downtime budget as
/// [`parse_budget`] reads it (`43m 12s per month`, `5m a year`,
/// `26 s/quarter`), under `conventions`' month and year.
///
/// A target has at most [`MAX_TARGET_NINES`] nines: 100%, or a budget of
/// no downtime (or less than a millionth of a microsecond a year), is an
/// error that says so.
///
/// No text reads both ways (a budget ends in a period word, which no figure
/// does), so the order the two are tried in never changes the result. When
/// neither reads, the error is the budget's if the text looks like one (it
/// ends in a period word, or has a `/` or a joining word such as `per` or
/// `a`), and the figure's otherwise.
///
/// ```
/// use envelope_core::{availability::parse_target, Conventions};
/// let c = Conventions::default();
/// assert_eq!(parse_target("four nines", &c).unwrap().to_string(), "99.99%");
/// assert_eq!(parse_target("43m 12s per month", &c).unwrap().to_string(), "99.9%");
/// assert!(parse_target("lots", &c).unwrap_err().to_string().starts_with("'lots' is not an availability"));
/// assert!(parse_target("5m per fortnight", &c).unwrap_err().to_string().contains("not a downtime per period"));
/// ```
pub fn parse_target(text: &str, conventions: &Conventions) -> Result<Availability, ParseError> {
    let target = match Availability::parse(text) {
        Ok(a) => a,
        Err(as_figure) => parse_budget(text, conventions).map_err(|as_budget| {
            if looks_like_budget(text) {
                as_budget
            } else {
                as_figure
            }
        })?,
    };
    at_most_max_nines(target, conventions)
}

/// The most nines an availability target may have: 12, 99.9999999999%,
/// 31.54 us of downtime a year. More is beyond anything measured, and
/// budgets shrink to nothing a downtime table can show.
pub const MAX_TARGET_NINES: f64 = 12.0;

/// `target`, or an error when it has more than [`MAX_TARGET_NINES`] nines.
fn at_most_max_nines(target: Availability, c: &Conventions) -> Result<Availability, ParseError> {
    let least = 10f64.powf(-MAX_TARGET_NINES);
    // 99.9999999999% itself reads a rounding below 1e-12.
    if target.unavailability() >= least * (1.0 - 1e-9) {
        return Ok(target);
    }
    let year = c.days_per_year() * 86_400.0;
    let what = if target.is_perfect() {
        "100% allows no downtime at all".to_owned()
    } else {
        format!("that is {}", target.describe_nines())
    };
    Err(ParseError {
        problem: format!(
            "{what}; a target has at most {} nines (99.9999999999%, {} of downtime a year)",
            Decimal(MAX_TARGET_NINES),
            format::duration(least * year)
        ),
        suggestion: String::new(),
    })
}

/// Whether `text` was probably meant as a downtime budget: it ends in a
/// period word (`... month`, `.../year`), or has a `/` or a word that joins a
/// duration to its period (`per`, `a`, `every`, ...).
fn looks_like_budget(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    let last_word = lower
        .rsplit(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or("");
    Period::parse(last_word).is_some()
        || lower.contains('/')
        || lower.split_whitespace().any(|w| CONNECTORS.contains(&w))
}

/// Reads an observed error rate, `0.5%` or `0.005`, from 0 to 100%, as a
/// fraction from 0 to 1.
///
/// ```
/// use envelope_core::availability::parse_error_rate;
/// assert_eq!(parse_error_rate("0.5%"), Ok(0.005));
/// assert_eq!(parse_error_rate("0.005"), Ok(0.005));
/// assert_eq!(
///     parse_error_rate("150%").unwrap_err().to_string(),
///     "write a rate from 0% to 100%, e.g. 0.5%"
/// );
/// ```
pub fn parse_error_rate(text: &str) -> Result<f64, ParseError> {
    let rate = crate::parse::parse(text, Kind::Fraction, ByteUnits::Si)?.base_value();
    if (0.0..=1.0).contains(&rate) {
        Ok(rate)
    } else {
        Err(ParseError {
            problem: "write a rate from 0% to 100%, e.g. 0.5%".to_owned(),
            suggestion: String::new(),
        })
    }
}

/// Reads an SLO window, `30d`, `4w` or `1mo` (a month and a year as long as
/// `conventions` say), as seconds, longer than zero.
///
/// ```
/// use envelope_core::{availability::parse_window, Conventions};
/// let c = Conventions::default();
/// assert_eq!(parse_window("30d", &c), Ok(2_592_000.0));
/// assert_eq!(
///     parse_window("0d", &c).unwrap_err().to_string(),
///     "the window must be longer than zero, e.g. 30d"
/// );
/// ```
pub fn parse_window(text: &str, conventions: &Conventions) -> Result<f64, ParseError> {
    let seconds =
        crate::parse::duration(text, conventions.month.days(), conventions.days_per_year())?;
    if seconds > 0.0 && seconds.is_finite() {
        Ok(seconds)
    } else {
        Err(ParseError {
            problem: "the window must be longer than zero, e.g. 30d".to_owned(),
            suggestion: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MonthLength, YearLength};

    fn target(text: &str) -> Result<String, String> {
        parse_target(text, &Conventions::default())
            .map(|a| a.to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn every_spelling_of_a_target_reads() {
        // By hand: 99.9% leaves 0.1%; 43m 12s = 2,592 s of a 30-day month
        // (2,592,000 s) is 0.1%; 8h 45m 36s = 31,536 s of 365 days is 0.1%.
        for text in [
            "99.9%",
            "99.9 percent",
            "0.999",
            "3 nines",
            "three nines",
            "  THREE NINES ",
            "43m 12s per month",
            "43m 12s a month",
            "43m 12s/month",
            "43m 12s / month",
            "43m 12s month",
            "8h 45m 36s per year",
            "1m 26.4s per day",
            "10m 4.8s every week",
        ] {
            assert_eq!(target(text), Ok("99.9%".to_owned()), "{text}");
        }
        // 3.5 nines: 1 - 10^-3.5 = 1 - 0.000316 = 99.9684%.
        assert_eq!(target("3.5 nines"), Ok("99.9684%".to_owned()));
        assert_eq!(target("four nines"), Ok("99.99%".to_owned()));
        // 26 s of a 90-day quarter (7,776,000 s) is 3.34e-6, shown to three
        // significant digits of the missing 0.000334%: 99.999666%.
        assert_eq!(target("26 s/quarter"), Ok("99.999666%".to_owned()));
    }

    #[test]
    fn budgets_follow_the_calendar() {
        // 2,592 s of a 30.44-day month (2,630,016 s) is 0.0986% missing:
        // 99.9014%.
        let c = Conventions {
            month: MonthLength::Days30_44,
            year: YearLength::Days365_25,
            ..Conventions::default()
        };
        let a = parse_target("43m 12s per month", &c).unwrap();
        assert!((a.unavailability() - 2592.0 / 2_630_016.0).abs() < 1e-15);
        assert_eq!(a.to_string(), "99.9014%");
    }

    #[test]
    fn figures_and_budgets_never_overlap() {
        // A figure never ends in a period word, and a budget always does, so
        // trying the figure first (as the CLI did) and deciding by the last
        // word (as the web app did) read the same texts.
        for text in ["99.9%", "0.999", "3 nines", "five 9s", "1 nine", "100%"] {
            assert!(Availability::parse(text).is_ok(), "{text}");
            assert!(!looks_like_budget(text), "{text}");
        }
        for text in ["43m 12s per month", "5m/y", "1h every week", "30s d"] {
            assert!(Availability::parse(text).is_err(), "{text}");
            assert!(looks_like_budget(text), "{text}");
        }
    }

    #[test]
    fn the_error_is_the_one_for_what_was_meant() {
        let figure = |e: &str| e.contains("is not an availability") || e.contains("ambiguous");
        let budget = |e: &str| !figure(e);
        // Plainly figures.
        for text in ["lots", "abc", "99.9", "1e400%"] {
            let e = target(text).unwrap_err();
            assert!(figure(&e) || e.contains("percentage"), "{text}: {e}");
        }
        assert_eq!(
            target("abc").unwrap_err(),
            "'abc' is not an availability; write e.g. 99.9%, 0.999, 3.5 nines or four nines"
        );
        // Ends in a period word (the web app's rule).
        let e = target("43x month").unwrap_err();
        assert!(budget(&e), "{e}");
        let e = target("1 day").unwrap_err();
        assert_eq!(e, "'1' has no unit; add a unit, e.g. 5y, 30d, 12h");
        // A slash or a joining word (the CLI's rule).
        let e = target("5m per fortnight").unwrap_err();
        assert_eq!(
            e,
            "'5m per fortnight' is not a downtime per period; \
             write e.g. 43m 12s per month, 5m a year or 26 s/quarter"
        );
        assert!(budget(&target("abc/def").unwrap_err()));
        // A budget that reads but is longer than its period.
        let e = target("31d per month").unwrap_err();
        assert!(
            e.contains("a budget per month must be shorter than a month"),
            "{e}"
        );
        // Nothing at all.
        assert_eq!(
            target("  ").unwrap_err(),
            "no availability given; write e.g. 99.9%, 0.999 or 3 nines"
        );
    }

    #[test]
    fn targets_have_at_most_twelve_nines() {
        // 12 nines of a 365-day year: 1e-12 x 31,536,000 s = 31.54 us.
        assert_eq!(target("99.9999999999%"), Ok("99.9999999999%".to_owned()));
        assert_eq!(target("twelve nines"), Ok("99.9999999999%".to_owned()));
        assert_eq!(
            target("13 nines").unwrap_err(),
            "that is 13 nines; a target has at most 12 nines \
             (99.9999999999%, 31.54 us of downtime a year)"
        );
        assert_eq!(
            target("100%").unwrap_err(),
            "100% allows no downtime at all; a target has at most 12 nines \
             (99.9999999999%, 31.54 us of downtime a year)"
        );
        for text in [
            "1e-310 s per year",
            "0 s per month",
            "99.999999999999999999999999999999999%",
        ] {
            let e = target(text).unwrap_err();
            assert!(e.contains("at most 12 nines"), "{text}: {e}");
            assert!(!e.contains('∞'), "{e}");
        }
    }

    #[test]
    fn error_rates_are_fractions_from_zero_to_one() {
        assert_eq!(parse_error_rate("0.5%"), Ok(0.005));
        assert_eq!(parse_error_rate(" 0.005 "), Ok(0.005));
        assert_eq!(parse_error_rate("0"), Ok(0.0));
        assert_eq!(parse_error_rate("100%"), Ok(1.0));
        let range = "write a rate from 0% to 100%, e.g. 0.5%";
        assert_eq!(parse_error_rate("101%").unwrap_err().to_string(), range);
        assert_eq!(parse_error_rate("-1%").unwrap_err().to_string(), range);
        let e = parse_error_rate("lots").unwrap_err().to_string();
        assert!(e.contains("'lots'"), "{e}");
        assert!(parse_error_rate("").is_err());
    }

    #[test]
    fn windows_are_positive_durations_on_the_calendar() {
        let c = Conventions::default();
        assert_eq!(parse_window("30d", &c), Ok(30.0 * 86_400.0));
        assert_eq!(parse_window("4w", &c), Ok(28.0 * 86_400.0));
        assert_eq!(parse_window("1mo", &c), Ok(30.0 * 86_400.0));
        let long = Conventions {
            month: MonthLength::Days30_44,
            ..Conventions::default()
        };
        let month = parse_window("1mo", &long).unwrap();
        assert!((month - 30.44 * 86_400.0).abs() < 1e-6);
        let zero = "the window must be longer than zero, e.g. 30d";
        assert_eq!(parse_window("0s", &c).unwrap_err().to_string(), zero);
        assert_eq!(parse_window("-3d", &c).unwrap_err().to_string(), zero);
        let e = parse_window("30", &c).unwrap_err().to_string();
        assert_eq!(e, "'30' has no unit; add a unit, e.g. 5y, 30d, 12h");
    }
}
