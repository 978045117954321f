//! The one check over two fields: how much the data grows over its
//! retention.
//!
//! Data written `growth` more each year is kept for the retention period, so
//! the stored figures grow with (1 + growth)^years: 100% a year for 1,000
//! years is 2^1,000, beyond any `f64`. That factor is at most
//! [`MAX_GROWTH_FACTOR`]. Every other figure stays finite for any mix of
//! allowed values, because each field's own bounds keep every product and
//! quotient in range: at most 10^12 users x 10^15 requests x 10^15 (a
//! read:write ratio) x 100 classes x 10^18 bytes, times the growth factor
//! and the retention, over fills, utilisations, node sizes and network
//! speeds that are never below 1%, 1 KB or 1 Mbps, stays below 10^90, far
//! from `f64`'s 10^308 (tested in `core/tests/finite.rs`).

use super::scenario_table::scenario_field;
use super::slot::with_medians;
use super::validate::InputError;
use crate::{format, Measure, Scenario};

/// The most the stored data may grow over the retention period:
/// (1 + yearly growth)^(retention in years) is at most a million (100% a
/// year for 19.9 years, 20% for 75 years, 1.4% for 1,000 years).
pub const MAX_GROWTH_FACTOR: f64 = 1e6;

/// The field a growth problem is laid on: the one set last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Blame {
    /// `growth`: too much growth for this retention.
    Growth,
    /// `retention`: too long a retention for this growth.
    Retention,
}

impl Blame {
    pub(super) fn key(self) -> &'static str {
        match self {
            Blame::Growth => "growth",
            Blame::Retention => "retention",
        }
    }
}

/// How many times the data grows over the retention period: (1 + yearly
/// growth)^(retention in years).
fn growth_factor(s: &Scenario) -> f64 {
    let st = &s.storage;
    let years = st.retention_seconds / 86_400.0 / s.conventions.days_per_year();
    (1.0 + st.yearly_growth).powf(years)
}

/// The error, laid on `blame`'s field, when the data grows more than
/// [`MAX_GROWTH_FACTOR`]-fold over the retention period at the point
/// estimate (ranged fields at their medians).
///
/// `Retention: with 100% yearly growth, 1,000 years grow the data
/// 2^1,000-fold; at most 1,000,000-fold, so at most 19.93 years at this
/// growth`.
pub(super) fn check_growth(s: &Scenario, blame: Blame) -> Option<InputError> {
    // The point estimate puts each ranged field at its median.
    let medians;
    let s = if s.uncertainty.ranges.is_empty() {
        s
    } else {
        medians = with_medians(s);
        &medians
    };
    let factor = growth_factor(s);
    if factor <= MAX_GROWTH_FACTOR {
        return None;
    }
    let st = &s.storage;
    let c = &s.conventions;
    let years = st.retention_seconds / 86_400.0 / c.days_per_year();
    let percent = |g: f64| format::measure(&Measure::Fraction(g), c);
    let fold = format!(
        "grow the data {}^{}-fold; at most {}-fold",
        format::number(1.0 + st.yearly_growth),
        format::number(years),
        format::whole(MAX_GROWTH_FACTOR as u128)
    );
    let problem = match blame {
        Blame::Retention => format!(
            "with {} yearly growth, {} years {fold}, so at most {} years at this growth",
            percent(st.yearly_growth),
            format::number(years),
            format::number(MAX_GROWTH_FACTOR.ln() / st.yearly_growth.ln_1p())
        ),
        Blame::Growth => format!(
            "over {} years of retention, {} a year would {fold}, so at most {} a year over this retention",
            format::number(years),
            percent(st.yearly_growth),
            percent((MAX_GROWTH_FACTOR.ln() / years).exp_m1())
        ),
    };
    let field = scenario_field(blame.key())?;
    Some(InputError::new(field.key, field.label, problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(growth: f64, years: f64) -> Scenario {
        let mut s = Scenario::default();
        s.storage.yearly_growth = growth;
        s.storage.retention_seconds = years * 365.0 * 86_400.0;
        s
    }

    #[test]
    fn a_million_fold_is_the_limit() {
        // 2^19 = 524,288 and 2^20 = 1,048,576: hand-checked.
        assert!(check_growth(&scenario(1.0, 19.0), Blame::Retention).is_none());
        let e = check_growth(&scenario(1.0, 20.0), Blame::Retention).unwrap();
        assert_eq!(e.field, "retention");
        assert_eq!(
            e.message,
            "Retention: with 100% yearly growth, 20 years grow the data 2^20-fold; \
             at most 1,000,000-fold, so at most 19.93 years at this growth"
        );
        // log2(10^6) = 19.93; 10^(6/1000) - 1 = 1.39%.
        let e = check_growth(&scenario(1.0, 1000.0), Blame::Growth).unwrap();
        assert_eq!(e.field, "growth");
        assert_eq!(
            e.message,
            "Yearly traffic growth: over 1,000 years of retention, 100% a year would grow \
             the data 2^1,000-fold; at most 1,000,000-fold, so at most 1.391% a year over \
             this retention"
        );
        // Decline never grows the data.
        assert!(check_growth(&scenario(-0.5, 1000.0), Blame::Growth).is_none());
        // A range is checked at its median: sqrt(10% x 1,000%) = 100%.
        let mut s = scenario(0.0, 20.0);
        s.uncertainty.set_range("growth", 0.1, 10.0);
        assert_eq!(
            check_growth(&s, Blame::Retention).unwrap().field,
            "retention"
        );
    }
}
