//! Where the capacity model's figures go.
//!
//! The model ([`super::run`]) is written once and emits each figure, in
//! report order, to a [`Sink`]: the report sink keeps labels and calls each
//! derivation to get its text; the Monte Carlo's sink keeps the plain
//! numbers and never builds a string. Derivations are closures so that only
//! the sink that shows them pays for formatting.

use crate::{Bound, Kind, Measure, Series, Sizing};

/// A figure's identity without allocating its key: `Total("total.peak_rps")`
/// or `Class(2, "per_day")` for `class.2.per_day`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FigureId {
    /// A scenario-wide figure, by its whole key ([`crate::keys`]).
    Total(&'static str),
    /// A figure of request class `.0`, by the last part of its key
    /// ([`crate::keys::class`]).
    Class(usize, &'static str),
}

impl FigureId {
    /// The figure's key as the report writes it.
    pub fn key(self) -> String {
        match self {
            FigureId::Total(key) => key.to_owned(),
            FigureId::Class(index, figure) => crate::keys::class(index, figure),
        }
    }

    /// Whether this is the figure with key `key`, without allocating.
    pub fn is(self, key: &str) -> bool {
        match self {
            FigureId::Total(k) => k == key,
            FigureId::Class(index, figure) => key
                .strip_prefix("class.")
                .and_then(|rest| rest.split_once('.'))
                .is_some_and(|(i, f)| {
                    // One spelling per index: no `+12` or `012`.
                    f == figure
                        && i.parse() == Ok(index)
                        && (i == "0" || !i.starts_with(['0', '+']))
                }),
        }
    }
}

/// A section's identity: `Total("storage")`, or request class `Class(2)`
/// (`class.2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SectionId {
    /// A scenario-wide section.
    Total(&'static str),
    /// The section of request class `.0`.
    Class(usize),
}

/// Receives the model's output in report order.
pub(crate) trait Sink {
    /// Starts a section; `title` is called only by sinks that show it.
    fn section(&mut self, id: SectionId, title: impl FnOnce() -> String);

    /// One figure. `derivation` gives the formula with its numbers
    /// substituted (without the trailing `= value`); only sinks that show it
    /// call it.
    fn figure(
        &mut self,
        id: FigureId,
        label: &'static str,
        value: Measure,
        derivation: impl FnOnce() -> String,
    );

    /// A figure that only some scenarios have (reads per write, when there
    /// are writes): `None` where it is undefined. The report leaves it out
    /// then; the Monte Carlo keeps its place so every sample lines up.
    fn optional_figure(
        &mut self,
        id: FigureId,
        label: &'static str,
        kind: Kind,
        value: Option<Measure>,
        derivation: impl FnOnce() -> String,
    ) {
        let _ = kind;
        if let Some(value) = value {
            self.figure(id, label, value, derivation);
        }
    }

    /// What bounds the server count, the machine counts, and the charts'
    /// data; called once, last. Only the report wants them.
    fn details(&mut self, bound: Bound, sizing: Sizing, series: impl FnOnce() -> Series) {
        let _ = (bound, sizing, series);
    }
}

/// The Monte Carlo's sink: appends each figure's value, in its base unit,
/// to that figure's own column (the `j`th figure of the report to
/// `columns[j]`), optional figures as NaN where undefined, so that every
/// run fills every column once. Run after run, a column gathers one
/// figure's values (over a simulation's samples, or a tornado's ends)
/// straight from the model, with no row to copy out. No allocation once the
/// columns have room.
pub(crate) struct Values<'a> {
    columns: &'a mut [Vec<f64>],
    /// The column of the next figure.
    next: usize,
}

impl<'a> Values<'a> {
    /// A sink for one run of the model into `columns`, one per figure.
    pub fn new(columns: &'a mut [Vec<f64>]) -> Values<'a> {
        Values { columns, next: 0 }
    }

    /// How many figures the run gave, whether or not they had a column.
    pub fn count(&self) -> usize {
        self.next
    }

    #[inline]
    fn put(&mut self, value: f64) {
        // The caller gives a column per figure of the listing, which every
        // run emits; a figure past them would be dropped rather than panic.
        if let Some(column) = self.columns.get_mut(self.next) {
            column.push(value);
        }
        self.next += 1;
    }
}

impl Sink for Values<'_> {
    #[inline]
    fn section(&mut self, _: SectionId, _: impl FnOnce() -> String) {}

    #[inline]
    fn figure(&mut self, _: FigureId, _: &'static str, value: Measure, _: impl FnOnce() -> String) {
        self.put(value.base_value());
    }

    #[inline]
    fn optional_figure(
        &mut self,
        _: FigureId,
        _: &'static str,
        _: Kind,
        value: Option<Measure>,
        _: impl FnOnce() -> String,
    ) {
        self.put(value.map_or(f64::NAN, |v| v.base_value()));
    }
}

/// What each place of [`Values`]' layout holds (listed by the report's
/// sink, [`crate::estimate::listing`]): the figure, its label and
/// kind, whether the scenario it was taken from has it, and its value there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub id: FigureId,
    pub label: &'static str,
    pub kind: Kind,
    /// False for an optional figure undefined in this scenario.
    pub defined: bool,
    /// Its value in this scenario, in the base unit (NaN where undefined):
    /// the Monte Carlo's point estimate, with no second run of the model.
    pub value: f64,
}

#[cfg(test)]
mod tests {
    use super::FigureId;

    #[test]
    fn figure_ids_match_their_keys_only() {
        let id = FigureId::Class(12, "per_day");
        assert_eq!(id.key(), "class.12.per_day");
        assert!(id.is("class.12.per_day"));
        for other in [
            "class.012.per_day",
            "class.+12.per_day",
            "class.1.per_day",
            "class.12.avg_rps",
            "12.per_day",
        ] {
            assert!(!id.is(other), "{other}");
        }
        assert!(FigureId::Total("cost.total").is("cost.total"));
        assert!(!FigureId::Total("cost.total").is("cost.totals"));
    }
}
