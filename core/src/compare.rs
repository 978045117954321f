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

use crate::{Figure, Measure, Report};

/// How one figure differs between two reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Delta {
    /// The figure's stable key, e.g. `total.peak_rps`.
    pub key: String,
    /// The figure's label (from the first report when it has the figure).
    pub label: String,
    /// The title of the report section it is in (from the first report
    /// when it has the figure): `Storage`, or a request class's
    /// `upload photo (write)`, which names the class its figures are of.
    pub section: String,
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
        .sections
        .iter()
        .flat_map(|section| {
            section.figures.iter().map(|fa| {
                let vb = b.figure(&fa.key).map(|fb| fb.value);
                delta(fa, &section.title, Some(fa.value), vb)
            })
        })
        .collect();
    let mut in_a: Vec<&str> = a.figures().map(|f| f.key.as_str()).collect();
    crate::sorting::sort_by(&mut in_a, |x, y| x.cmp(y));
    deltas.extend(b.sections.iter().flat_map(|section| {
        section
            .figures
            .iter()
            .filter(|fb| in_a.binary_search(&fb.key.as_str()).is_err())
            .map(|fb| delta(fb, &section.title, None, Some(fb.value)))
    }));
    deltas
}

impl Delta {
    /// Whether the figure differs between the reports: a different value,
    /// or in one report only.
    pub fn changed(&self) -> bool {
        self.a != self.b
    }
}

/// The `n` deltas that changed the most, largest first: figures in one
/// report only and figures that grew from zero first (no percentage says
/// how much), then by the size of the percentage change. Unchanged figures
/// are left out; ties keep the reports' order.
///
/// ```
/// use envelope_core::{compare::{compare, largest_changes}, estimate, Scenario};
/// let a = Scenario::default();
/// let mut b = a.clone();
/// b.storage.replication = 6.0; // from 3: +100% replicated storage
/// let deltas = compare(&estimate(&a).unwrap(), &estimate(&b).unwrap());
/// let top = largest_changes(&deltas, 3);
/// // Replicated bytes per day come first (the report's order breaks the tie).
/// assert_eq!(top[0].key, "storage.replicated_per_day");
/// assert_eq!(top[1].key, "storage.retention_replicated");
/// assert!((top[0].percent.unwrap() - 100.0).abs() < 1e-9);
/// assert!(top.iter().all(|d| d.changed()));
/// ```
pub fn largest_changes(deltas: &[Delta], n: usize) -> Vec<&Delta> {
    let size = |d: &Delta| d.percent.map_or(f64::INFINITY, f64::abs);
    let mut changed: Vec<&Delta> = deltas.iter().filter(|d| d.changed()).collect();
    crate::sorting::sort_by(&mut changed, |x, y| size(y).total_cmp(&size(x)));
    changed.truncate(n);
    changed
}

fn delta(figure: &Figure, section: &str, a: Option<Measure>, b: Option<Measure>) -> Delta {
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
        key: figure.key.clone(),
        label: figure.label.clone(),
        section: section.to_owned(),
        a,
        b,
        absolute,
        percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate, fields, Scenario};

    fn d(a: Option<Measure>, b: Option<Measure>) -> Delta {
        let figure = Figure {
            key: "k".into(),
            label: "K".into(),
            value: Measure::Count(0.0),
            derivation: String::new(),
            rough: None,
        };
        delta(&figure, "S", a, b)
    }

    #[test]
    fn deltas_name_their_section_and_class() {
        let a = Scenario::default();
        let mut b = a.clone();
        fields::set_scenario_field(&mut b, "replication", "2").unwrap();
        // One more class in B: its figures come last, under its own name.
        let applied = fields::apply(
            b,
            &[("classes", "3"), ("c2.name", "search")],
            fields::Inactive::Ignore,
        );
        let b = applied.scenario;
        let deltas = compare(&estimate(&a).unwrap(), &estimate(&b).unwrap());
        let replicated = deltas
            .iter()
            .find(|d| d.key == "storage.retention_replicated")
            .unwrap();
        assert_eq!(replicated.section, "Storage");
        // 3 replicas -> 2: (2 - 3) / 3 = -33.3%.
        assert!((replicated.percent.unwrap() + 100.0 / 3.0).abs() < 1e-9);
        let added = deltas.iter().find(|d| d.key == "class.2.per_day").unwrap();
        assert_eq!(added.section, "search (read)");
        assert_eq!((added.a, added.changed()), (None, true));
        assert!(deltas.last().unwrap().key.starts_with("class.2."));
        let users = deltas
            .iter()
            .find(|d| d.key == "users.daily_active")
            .unwrap();
        assert!(!users.changed());
        // Largest first: the new class's figures (no percentage), then
        // the -33.3% of replicated storage before smaller changes.
        let top = largest_changes(&deltas, 100);
        let first_known = top.iter().position(|d| d.percent.is_some()).unwrap();
        assert!(top[..first_known].iter().all(|d| d.percent.is_none()));
        let sizes: Vec<f64> = top[first_known..]
            .iter()
            .map(|d| d.percent.unwrap().abs())
            .collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        assert!(top.iter().all(|d| d.changed()));
        assert_eq!(largest_changes(&deltas, 2).len(), 2);
        assert!(
            largest_changes(&compare(&estimate(&a).unwrap(), &estimate(&a).unwrap()), 5).is_empty()
        );
    }

    #[test]
    fn zero_and_kinds() {
        let x = d(Some(Measure::Count(0.0)), Some(Measure::Count(0.0)));
        assert_eq!((x.absolute, x.percent), (Some(0.0), Some(0.0)));
        let x = d(Some(Measure::Count(0.0)), Some(Measure::Count(5.0)));
        assert_eq!((x.absolute, x.percent), (Some(5.0), None));
        let x = d(Some(Measure::Count(4.0)), Some(Measure::Money(5.0)));
        assert_eq!((x.absolute, x.percent), (None, None));
        let x = d(
            Some(Measure::Fraction(-0.5)),
            Some(Measure::Fraction(-0.25)),
        );
        assert_eq!((x.absolute, x.percent), (Some(0.25), Some(50.0)));
        let x = d(None, Some(Measure::Count(1.0)));
        assert_eq!((x.absolute, x.percent), (None, None));
    }
}
