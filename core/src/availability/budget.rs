//! Error budgets: what an SLO allows to fail, and how fast it is being spent.
//!
//! The burn-rate alerts follow the multi-window, multi-burn-rate recipe of
//! Google's *Site Reliability Workbook* (chapter "Alerting on SLOs").

use crate::decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Availability, AvailabilityError};

/// A service level objective: a target availability over a rolling window.
///
/// ```
/// use envelope_core::availability::{Availability, Slo};
/// let slo = Slo::new(Availability::parse("99.9%").unwrap(), 30.0 * 86_400.0).unwrap();
/// assert!((slo.budget_seconds() - 2592.0).abs() < 1e-9);            // 43m 12s
/// assert!((slo.budget_requests(1e9).unwrap() - 1e6).abs() < 1e-3);   // failed requests
/// let burn = slo.burn_rate(0.005).unwrap();                          // 0.5% errors
/// assert!((burn - 5.0).abs() < 1e-9);
/// let left = slo.seconds_to_exhaustion(0.005, 1.0).unwrap();
/// assert!((left - 6.0 * 86_400.0).abs() < 1e-6);                      // 6 days
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slo {
    /// The availability promised, e.g. 99.9%.
    pub target: Availability,
    /// The window it is measured over, in seconds (30 days is usual).
    pub window_seconds: f64,
}

/// Whether an alert wakes someone up or files a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertSeverity {
    /// Wake someone up.
    Page,
    /// Look at it during working hours.
    Ticket,
}

/// One burn-rate alert: fire when the error rate over both the long and
/// the short window exceeds `error_rate`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BurnRateAlert {
    /// Page or ticket.
    pub severity: AlertSeverity,
    /// How many times faster than sustainable the budget is burning.
    pub burn_rate: f64,
    /// The long window, seconds (1 h, 6 h, 3 days).
    pub long_window_seconds: f64,
    /// The short window that stops the alert soon after recovery, seconds
    /// (5 min, 30 min, 6 h): one twelfth of the long one.
    pub short_window_seconds: f64,
    /// The fraction of the whole budget spent by the time it fires:
    /// `burn rate x long window / SLO window` (0.02 for 14.4x over 1 h of 30 days).
    pub budget_consumed: f64,
    /// The error-rate threshold, `burn rate x (1 - SLO)`.
    pub error_rate: f64,
    /// False when the threshold is above 100% errors, so the alert can never
    /// fire (a loose SLO with a fast burn rate).
    pub reachable: bool,
}

/// The workbook's recommended alerts: (severity, burn rate, long window,
/// short window), windows in hours.
const STANDARD_ALERTS: [(AlertSeverity, f64, f64, f64); 3] = [
    (AlertSeverity::Page, 14.4, 1.0, 5.0 / 60.0),
    (AlertSeverity::Page, 6.0, 6.0, 0.5),
    (AlertSeverity::Ticket, 1.0, 72.0, 6.0),
];

impl Slo {
    /// An SLO of `target` over `window_seconds`. A 100% target has no error
    /// budget to reason about, so it is an error, as is a window that is not
    /// positive and finite.
    pub fn new(target: Availability, window_seconds: f64) -> Result<Slo, AvailabilityError> {
        if target.is_perfect() {
            return Err(AvailabilityError::new(
                "target",
                "a 100% objective leaves no error budget; use e.g. 99.9%",
            ));
        }
        if !(window_seconds.is_finite() && window_seconds > 0.0) {
            return Err(AvailabilityError::new(
                "window_seconds",
                format!(
                    "the window must be positive and finite, got {} s",
                    Decimal(window_seconds)
                ),
            ));
        }
        Ok(Slo {
            target,
            window_seconds,
        })
    }

    /// The error budget as time: `(1 - SLO) x window` (43m 12s for 99.9% over 30 days).
    pub fn budget_seconds(&self) -> f64 {
        self.target.downtime(self.window_seconds)
    }

    /// The error budget as failed requests out of `requests` in the window
    /// (1e6 of 1e9 for 99.9%).
    pub fn budget_requests(&self, requests: f64) -> Result<f64, AvailabilityError> {
        if !(requests.is_finite() && requests >= 0.0) {
            return Err(AvailabilityError::new(
                "requests",
                format!(
                    "the request count must be zero or more, got {}",
                    Decimal(requests)
                ),
            ));
        }
        Ok(self.target.unavailability() * requests)
    }

    /// Requests in the window at a steady `requests_per_day` (a calendar
    /// day of 86,400 s, as the window is wall-clock time): 1,000 a day over
    /// 30 days is 30,000.
    ///
    /// ```
    /// use envelope_core::availability::{Availability, Slo};
    /// let slo = Slo::new(Availability::parse("99.9%").unwrap(), 30.0 * 86_400.0).unwrap();
    /// assert_eq!(slo.requests_in_window(1_000.0), 30_000.0);
    /// ```
    pub fn requests_in_window(&self, requests_per_day: f64) -> f64 {
        requests_per_day * self.window_seconds / super::SECONDS_PER_DAY
    }

    /// How many times faster than sustainable an `error_rate` (0 to 1)
    /// spends the budget: `error rate / (1 - SLO)`; 5 for 0.5% against 99.9%.
    pub fn burn_rate(&self, error_rate: f64) -> Result<f64, AvailabilityError> {
        if !(error_rate.is_finite() && (0.0..=1.0).contains(&error_rate)) {
            return Err(AvailabilityError::new(
                "error_rate",
                format!(
                    "the error rate must be from 0 to 1, got {}",
                    Decimal(error_rate)
                ),
            ));
        }
        Ok(error_rate / self.target.unavailability())
    }

    /// Seconds until the budget is gone at `error_rate`, with
    /// `budget_remaining` (0 to 1) of it left: `remaining x window / burn rate`.
    /// Infinite for an error rate of 0; 6 days for 0.5% against a fresh 99.9%
    /// 30-day budget.
    pub fn seconds_to_exhaustion(
        &self,
        error_rate: f64,
        budget_remaining: f64,
    ) -> Result<f64, AvailabilityError> {
        if !(budget_remaining.is_finite() && (0.0..=1.0).contains(&budget_remaining)) {
            return Err(AvailabilityError::new(
                "budget_remaining",
                format!(
                    "the remaining budget must be from 0 to 1, got {}",
                    Decimal(budget_remaining)
                ),
            ));
        }
        let burn = self.burn_rate(error_rate)?;
        if burn == 0.0 {
            return Ok(f64::INFINITY);
        }
        Ok(budget_remaining * self.window_seconds / burn)
    }

    /// The workbook's three multi-window burn-rate alerts for this SLO:
    /// page at 14.4x over 1 h (5 min short window), page at 6x over 6 h
    /// (30 min), ticket at 1x over 3 days (6 h). For a 30-day window they
    /// fire after 2%, 5% and 10% of the budget is spent.
    ///
    /// ```
    /// use envelope_core::availability::{Availability, Slo};
    /// let slo = Slo::new(Availability::parse("99.9%").unwrap(), 30.0 * 86_400.0).unwrap();
    /// let consumed: Vec<f64> = slo.burn_rate_alerts().iter().map(|a| a.budget_consumed).collect();
    /// assert!((consumed[0] - 0.02).abs() < 1e-12);
    /// assert!((consumed[1] - 0.05).abs() < 1e-12);
    /// assert!((consumed[2] - 0.10).abs() < 1e-12);
    /// ```
    pub fn burn_rate_alerts(&self) -> Vec<BurnRateAlert> {
        STANDARD_ALERTS
            .iter()
            .map(|&(severity, burn_rate, long_hours, short_hours)| {
                let long_window_seconds = long_hours * 3600.0;
                let error_rate = burn_rate * self.target.unavailability();
                BurnRateAlert {
                    severity,
                    burn_rate,
                    long_window_seconds,
                    short_window_seconds: short_hours * 3600.0,
                    budget_consumed: burn_rate * long_window_seconds / self.window_seconds,
                    error_rate,
                    reachable: error_rate <= 1.0,
                }
            })
            .collect()
    }
}
