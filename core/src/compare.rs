//! Side-by-side comparison of two reports, figure by figure.
//!
//! ```
//! use envelope_core::{compare::compare, estimate, Scenario};
//! let a = Scenario::default();
//! let mut b = a.clone();
//! b.storage.replication = 2.0;
//! let deltas = compare(&estimate(&a).unwrap(), &estimate(&b).unwrap());
//! let replicated = deltas.iter().find(|d| d.key == "storage.retention_replicated").unwrap();
//! assert!((replicated.percent.unwrap() + 100.0 / 3.0).abs() < 1e-9);
//! ```

use std::collections::HashSet;

use crate::{Measure, Report};

/// How one figure differs between two reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Delta {
    /// The figure's stable key, e.g. `total.peak_rps`.
    pub key: String,
    /// The figure's label (from the first report when it has the figure).
    pub label: String,
    /// The value in the first report, if it has the figure.
    pub a: Option<Measure>,
    /// The value in the second report, if it has the figure.
    pub b: Option<Measure>,
    /// `b - a` in the kind's base unit (bytes, seconds, events/s, ...);
    /// `None` unless both have the figure, of the same kind, and the
    /// difference is finite.
    pub absolute: Option<f64>,
    /// `(b - a) / |a| x 100`: positive when `b` is larger. `Some(0.0)` when
    /// both are zero; `None` when `a` is zero and `b` is not, or when
    /// [`Delta::absolute`] is `None`.
    pub percent: Option<f64>,
}

/// Compares two reports: one [`Delta`] for every figure of `a`, in `a`'s
/// order, then one for every figure only `b` has (such as an extra request
/// class), in `b`'s order.
///
/// ```
/// use envelope_core::{compare::compare, estimate, Scenario, Users};
/// let a = Scenario::default();
/// let b = Scenario { users: Users::Daily { daily_active: 1.2e6 }, ..a.clone() };
/// let deltas = compare(&estimate(&a).unwrap(), &estimate(&b).unwrap());
/// let peak = deltas.iter().find(|d| d.key == "total.peak_rps").unwrap();
/// assert!((peak.percent.unwrap() - 20.0).abs() < 1e-9);
/// ```
pub fn compare(a: &Report, b: &Report) -> Vec<Delta> {
    let mut deltas: Vec<Delta> = a
        .figures()
        .map(|fa| {
            let vb = b.figure(&fa.key).map(|fb| fb.value);
            delta(&fa.key, &fa.label, Some(fa.value), vb)
        })
        .collect();
    let in_a: HashSet<&str> = a.figures().map(|f| f.key.as_str()).collect();
    deltas.extend(
        b.figures()
            .filter(|fb| !in_a.contains(fb.key.as_str()))
            .map(|fb| delta(&fb.key, &fb.label, None, Some(fb.value))),
    );
    deltas
}

fn delta(key: &str, label: &str, a: Option<Measure>, b: Option<Measure>) -> Delta {
    let (absolute, percent) = match (a, b) {
        (Some(va), Some(vb)) if va.kind() == vb.kind() => {
            let (x, y) = (va.base_value(), vb.base_value());
            let diff = y - x;
            if !diff.is_finite() {
                (None, None)
            } else if x == 0.0 {
                (Some(diff), (y == 0.0).then_some(0.0))
            } else {
                let percent = diff / x.abs() * 100.0;
                (Some(diff), percent.is_finite().then_some(percent))
            }
        }
        _ => (None, None),
    };
    Delta {
        key: key.to_owned(),
        label: label.to_owned(),
        a,
        b,
        absolute,
        percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_kinds() {
        let d = delta(
            "k",
            "K",
            Some(Measure::Count(0.0)),
            Some(Measure::Count(0.0)),
        );
        assert_eq!((d.absolute, d.percent), (Some(0.0), Some(0.0)));
        let d = delta(
            "k",
            "K",
            Some(Measure::Count(0.0)),
            Some(Measure::Count(5.0)),
        );
        assert_eq!((d.absolute, d.percent), (Some(5.0), None));
        let d = delta(
            "k",
            "K",
            Some(Measure::Count(4.0)),
            Some(Measure::Money(5.0)),
        );
        assert_eq!((d.absolute, d.percent), (None, None));
        let d = delta(
            "k",
            "K",
            Some(Measure::Fraction(-0.5)),
            Some(Measure::Fraction(-0.25)),
        );
        assert_eq!((d.absolute, d.percent), (Some(0.25), Some(50.0)));
        let d = delta("k", "K", None, Some(Measure::Count(1.0)));
        assert_eq!((d.absolute, d.percent), (None, None));
    }
}
