//! Downtime per calendar period, and back from a downtime budget.
//!
//! Availability is about wall-clock time, so a day here is always 86,400 s,
//! whatever day length the scenario uses for traffic arithmetic; the month
//! and year follow the scenario's [`Conventions`] (30 or 30.44 days, 365 or
//! 365.25 days), because that is where SLA figures disagree.

use serde::{Deserialize, Serialize};

use super::Availability;
use crate::parse::ParseError;
use crate::{Conventions, MonthLength, YearLength};

/// Seconds in a wall-clock day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// A calendar period downtime is budgeted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 86,400 s.
    Day,
    /// 7 days.
    Week,
    /// 30 or 30.44 days, per the conventions.
    Month,
    /// 3 months.
    Quarter,
    /// 365 or 365.25 days, per the conventions.
    Year,
}

impl Period {
    /// Every period, shortest first: the rows of a [`DowntimeTable`].
    pub const ALL: [Period; 5] = [
        Period::Day,
        Period::Week,
        Period::Month,
        Period::Quarter,
        Period::Year,
    ];

    /// The period's name: `day`, `week`, `month`, `quarter`, `year`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The period's length in seconds under `conventions`.
    ///
    /// ```
    /// use envelope_core::{availability::Period, Conventions, MonthLength};
    /// let c = Conventions { month: MonthLength::Days30_44, ..Conventions::default() };
    /// assert_eq!(Period::Month.seconds(&Conventions::default()), 2_592_000.0);
    /// assert!((Period::Month.seconds(&c) - 2_630_016.0).abs() < 1e-6);
    /// ```
    pub fn seconds(self, conventions: &Conventions) -> f64 {
        let days = match self {
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => conventions.month.days(),
            Period::Quarter => 3.0 * conventions.month.days(),
            Period::Year => conventions.days_per_year(),
        };
        days * SECONDS_PER_DAY
    }

    /// Reads a period word: `day`, `daily`, `d`, `week`, `wk`, `w`, `month`,
    /// `mo`, `quarter`, `q`, `year`, `yr`, `y`, `annual`, ... in any ASCII
    /// case (as units are: see [`crate::parse`]).
    pub fn parse(text: &str) -> Option<Period> {
        let t = text.trim().to_ascii_lowercase();
        let period = match t.as_str() {
            "day" | "days" | "daily" | "d" => Period::Day,
            "week" | "weeks" | "weekly" | "wk" | "w" => Period::Week,
            "month" | "months" | "monthly" | "mo" | "mon" => Period::Month,
            "quarter" | "quarters" | "quarterly" | "q" | "qtr" => Period::Quarter,
            "year" | "years" | "yearly" | "annual" | "annually" | "yr" | "y" => Period::Year,
            _ => return None,
        };
        Some(period)
    }
}

/// One row of a [`DowntimeTable`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DowntimeRow {
    /// Which period.
    pub period: Period,
    /// The period's name, `day` to `year`.
    pub name: String,
    /// The period's length in seconds.
    pub period_seconds: f64,
    /// The downtime allowed in the period, in seconds.
    pub downtime_seconds: f64,
    /// The downtime for people (`43m 12s`), `none` for 100%.
    pub text: String,
}

/// The downtime an availability allows per day, week, month, quarter and
/// year, with the calendar conventions it was computed under.
///
/// ```
/// use envelope_core::{availability::{Availability, DowntimeTable, Period}, Conventions};
/// let table = DowntimeTable::new(Availability::parse("99.9%").unwrap(), &Conventions::default());
/// let month = table.row(Period::Month).unwrap();
/// assert!((month.downtime_seconds - 2592.0).abs() < 1e-9);
/// assert_eq!(table.conventions, "86,400 s day, 30-day month, 365-day year");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DowntimeTable {
    /// The availability the table is for.
    pub availability: Availability,
    /// The availability as text, `99.9%`.
    pub availability_text: String,
    /// The nines as text, `3 nines`.
    pub nines_text: String,
    /// The calendar conventions in words: `86,400 s day, 30-day month, 365-day year`.
    pub conventions: String,
    /// One row per [`Period`], shortest first.
    pub rows: Vec<DowntimeRow>,
}

impl DowntimeTable {
    /// The table for `availability` under `conventions`.
    pub fn new(availability: Availability, conventions: &Conventions) -> Self {
        let rows = Period::ALL
            .iter()
            .map(|&period| {
                let period_seconds = period.seconds(conventions);
                let downtime_seconds = availability.downtime(period_seconds);
                DowntimeRow {
                    period,
                    name: period.name().to_string(),
                    period_seconds,
                    downtime_seconds,
                    text: downtime_text(downtime_seconds),
                }
            })
            .collect();
        DowntimeTable {
            availability,
            availability_text: availability.to_string(),
            nines_text: availability.describe_nines(),
            conventions: describe_calendar(conventions),
            rows,
        }
    }

    /// The row for `period`.
    pub fn row(&self, period: Period) -> Option<&DowntimeRow> {
        self.rows.iter().find(|r| r.period == period)
    }
}

/// The calendar conventions that matter for downtime, in words.
pub fn describe_calendar(conventions: &Conventions) -> String {
    let month = match conventions.month {
        MonthLength::Days30 => "30-day month",
        MonthLength::Days30_44 => "30.44-day month",
        MonthLength::Interview => "2.5 M s month",
    };
    let year = match conventions.year {
        YearLength::Days365 => "365-day year",
        YearLength::Days365_25 => "365.25-day year",
    };
    format!("86,400 s day, {month}, {year}")
}

/// A downtime for people; `none` for exactly zero, so 100% never reads as a
/// rounded-away figure.
pub fn downtime_text(seconds: f64) -> String {
    if seconds == 0.0 {
        "none".to_string()
    } else {
        crate::format::duration(seconds)
    }
}

/// Words that join a duration to its period: `5 minutes a year`.
pub(super) const CONNECTORS: [&str; 5] = ["per", "a", "an", "each", "every"];

/// Reads a downtime budget, `<duration> <per|a|/> <period>`, as the
/// availability it allows: `43m 12s per month`, `5 min a year`,
/// `52.6m/year`, `1h per week`, `8.64 s per day`, `26 s/quarter`.
///
/// An error if the text does not read that way or the downtime is not less
/// than the period.
///
/// ```
/// use envelope_core::{availability::parse_budget, Conventions};
/// let a = parse_budget("43m 12s per month", &Conventions::default()).unwrap();
/// assert_eq!(a.to_string(), "99.9%");
/// ```
pub fn parse_budget(text: &str, conventions: &Conventions) -> Result<Availability, ParseError> {
    let lower = text.trim().to_ascii_lowercase();
    let (duration, period) = split_budget(&lower).ok_or_else(|| ParseError {
        problem: format!("'{}' is not a downtime per period", text.trim()),
        suggestion: "write e.g. 43m 12s per month, 5m a year or 26 s/quarter".to_string(),
    })?;
    let seconds = crate::parse::duration(
        &duration,
        conventions.month.days(),
        conventions.days_per_year(),
    )?;
    Availability::from_downtime(seconds, period.seconds(conventions)).map_err(|e| ParseError {
        problem: e.message,
        suggestion: format!(
            "a budget per {} must be shorter than a {}",
            period.name(),
            period.name()
        ),
    })
}

/// Splits `43m 12s per month` into (`43m 12s`, month).
fn split_budget(text: &str) -> Option<(String, Period)> {
    let (head, period_word) = match text.rsplit_once('/') {
        Some((head, word)) => (head.trim(), word.trim()),
        None => {
            let (head, word) = text.rsplit_once(char::is_whitespace)?;
            let head = head.trim_end();
            let head = CONNECTORS
                .iter()
                .find_map(|c| {
                    head.strip_suffix(c)
                        .filter(|h| h.is_empty() || h.ends_with(char::is_whitespace))
                })
                .unwrap_or(head);
            (head.trim(), word.trim())
        }
    };
    let period = Period::parse(period_word)?;
    if head.is_empty() {
        return None;
    }
    Some((head.to_string(), period))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_split_into_duration_and_period() {
        let cases = [
            ("43m 12s per month", "43m 12s", Period::Month),
            ("5 minutes a year", "5 minutes", Period::Year),
            ("52.6m/year", "52.6m", Period::Year),
            ("1h per week", "1h", Period::Week),
            ("8.64 s per day", "8.64 s", Period::Day),
            ("26 s/quarter", "26 s", Period::Quarter),
            ("26 s / quarter", "26 s", Period::Quarter),
            ("1h every week", "1h", Period::Week),
        ];
        for (text, duration, period) in cases {
            assert_eq!(
                split_budget(text),
                Some((duration.to_string(), period)),
                "{text}"
            );
        }
        assert_eq!(split_budget("per month"), None);
        assert_eq!(split_budget("5m per fortnight"), None);
        assert_eq!(split_budget("5m"), None);
    }

    #[test]
    fn a_day_is_wall_clock_even_under_interview_rounding() {
        let c = Conventions {
            day: crate::DayLength::Interview,
            ..Conventions::default()
        };
        assert_eq!(Period::Day.seconds(&c), 86_400.0);
    }
}
