//! The calendar and byte conventions every figure depends on.
//!
//! Back-of-the-envelope numbers disagree mostly because people silently use a
//! different day, month or kilobyte. Envelope makes the choice explicit: every
//! scenario carries its [`Conventions`], and every report prints them.

use serde::{Deserialize, Serialize};

/// How long a day is, in seconds.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DayLength {
    /// The real day: 86,400 s.
    #[default]
    Exact,
    /// Interview arithmetic: 100,000 s (10^5), about 16% more than a real day.
    Interview,
}

impl DayLength {
    /// Seconds in one day under this convention.
    ///
    /// ```
    /// use envelope_core::DayLength;
    /// assert_eq!(DayLength::Exact.seconds(), 86_400.0);
    /// assert_eq!(DayLength::Interview.seconds(), 100_000.0);
    /// ```
    pub fn seconds(self) -> f64 {
        match self {
            DayLength::Exact => 86_400.0,
            DayLength::Interview => 100_000.0,
        }
    }
}

/// How many days make a month.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MonthLength {
    /// 30 days, the usual billing and SLA month.
    #[default]
    Days30,
    /// 30.44 days, the average Gregorian month (365.25 / 12, rounded).
    Days30_44,
    /// Interview arithmetic: 2.5 million seconds (2.5 x 10^6), the month
    /// some published answers divide monthly counts by (about 28.94 days of
    /// 86,400 s, 3.5% shorter than 30 days). Rates from monthly counts are
    /// then the count / 2.5 M s under either day length.
    Interview,
}

/// Seconds in the interview month, [`MonthLength::Interview`].
const INTERVIEW_MONTH_SECONDS: f64 = 2.5e6;

/// Seconds in a real day: what durations and downtime are measured in,
/// whatever day length rates use.
const REAL_DAY_SECONDS: f64 = 86_400.0;

impl MonthLength {
    /// Days of 86,400 s in one month under this convention: what
    /// durations (`6mo`) and downtime per month are measured in.
    ///
    /// ```
    /// use envelope_core::MonthLength;
    /// assert_eq!(MonthLength::Days30.days(), 30.0);
    /// // 2,500,000 s / 86,400 s/day = 28.935... days.
    /// assert!((MonthLength::Interview.days() - 28.935_185).abs() < 1e-6);
    /// ```
    pub fn days(self) -> f64 {
        match self {
            MonthLength::Days30 => 30.0,
            MonthLength::Days30_44 => 30.44,
            MonthLength::Interview => INTERVIEW_MONTH_SECONDS / REAL_DAY_SECONDS,
        }
    }
}

/// How many days make a year.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum YearLength {
    /// 365 days.
    #[default]
    Days365,
    /// 365.25 days, the Julian year that averages in leap days.
    Days365_25,
}

impl YearLength {
    /// Days in one year under this convention.
    ///
    /// ```
    /// use envelope_core::YearLength;
    /// assert_eq!(YearLength::Days365_25.days(), 365.25);
    /// ```
    pub fn days(self) -> f64 {
        match self {
            YearLength::Days365 => 365.0,
            YearLength::Days365_25 => 365.25,
        }
    }
}

/// Whether "KB" means 1000 bytes (SI) or "KiB"-style 1024 bytes (IEC).
///
/// Explicit IEC suffixes (`KiB`, `MiB`, ...) always mean powers of 1024 and SI
/// suffixes under [`ByteUnits::Si`] powers of 1000. Under [`ByteUnits::Iec`]
/// the short suffixes (`KB`, `MB`, ...) are read as powers of 1024, the way many
/// operating systems use them, and figures are printed with IEC suffixes.
/// Bits per second are always decimal (1 Mbps = 10^6 bit/s), as networks use.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ByteUnits {
    /// 1 KB = 1000 B, 1 MB = 10^6 B, ...
    #[default]
    Si,
    /// 1 KiB = 1024 B, 1 MiB = 2^20 B, ...
    Iec,
}

impl ByteUnits {
    /// The multiplier between successive prefixes: 1000 or 1024.
    pub fn base(self) -> f64 {
        match self {
            ByteUnits::Si => 1000.0,
            ByteUnits::Iec => 1024.0,
        }
    }
}

/// The conventions a scenario is computed under.
///
/// The defaults are the ones the classic worked examples use: an 86,400 s day,
/// a 30-day month, a 365-day year and SI bytes.
///
/// ```
/// use envelope_core::Conventions;
/// let c = Conventions::default();
/// assert_eq!(c.seconds_per_day(), 86_400.0);
/// assert_eq!(c.days_per_month(), 30.0);
/// assert_eq!(c.days_per_year(), 365.0);
/// assert_eq!(c.describe(), "86,400 s/day, 30-day month, 365-day year, SI bytes (1 KB = 1000 B)");
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Conventions {
    /// Seconds per day.
    pub day: DayLength,
    /// Days per month.
    pub month: MonthLength,
    /// Days per year.
    pub year: YearLength,
    /// SI or IEC byte prefixes.
    pub bytes: ByteUnits,
}

impl Conventions {
    /// Seconds in a day.
    pub fn seconds_per_day(&self) -> f64 {
        self.day.seconds()
    }
    /// Days in a month, in days of the scenario's day length: what a
    /// monthly count is divided by to give a daily one, and daily amounts
    /// are multiplied by for monthly ones. For the 2.5 M s month that is
    /// 2,500,000 s over the day's seconds (25 days of 100,000 s), so that a
    /// monthly count over the month's seconds is the count / 2.5 M s.
    ///
    /// ```
    /// use envelope_core::{Conventions, DayLength, MonthLength};
    /// let c = Conventions { month: MonthLength::Interview, ..Conventions::default() };
    /// assert_eq!(c.seconds_per_month(), 2.5e6);
    /// let c = Conventions { day: DayLength::Interview, ..c };
    /// assert_eq!(c.days_per_month(), 25.0);
    /// assert_eq!(c.seconds_per_month(), 2.5e6);
    /// ```
    pub fn days_per_month(&self) -> f64 {
        match self.month {
            MonthLength::Interview => INTERVIEW_MONTH_SECONDS / self.seconds_per_day(),
            month => month.days(),
        }
    }
    /// Days in a year.
    pub fn days_per_year(&self) -> f64 {
        self.year.days()
    }
    /// Seconds in a month (days per month x seconds per day).
    pub fn seconds_per_month(&self) -> f64 {
        self.days_per_month() * self.seconds_per_day()
    }
    /// Seconds in a year (days per year x seconds per day).
    pub fn seconds_per_year(&self) -> f64 {
        self.days_per_year() * self.seconds_per_day()
    }
    /// One line naming every convention, for reports and the UI.
    pub fn describe(&self) -> String {
        let day = match self.day {
            DayLength::Exact => "86,400 s/day",
            DayLength::Interview => "100,000 s/day (interview rounding)",
        };
        let month = match self.month {
            MonthLength::Days30 => "30-day month",
            MonthLength::Days30_44 => "30.44-day month",
            MonthLength::Interview => "2.5 M s month (interview rounding)",
        };
        let year = match self.year {
            YearLength::Days365 => "365-day year",
            YearLength::Days365_25 => "365.25-day year",
        };
        let bytes = match self.bytes {
            ByteUnits::Si => "SI bytes (1 KB = 1000 B)",
            ByteUnits::Iec => "IEC bytes (1 KiB = 1024 B; KB read as KiB)",
        };
        format!("{day}, {month}, {year}, {bytes}")
    }
}
