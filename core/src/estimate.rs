//! The report: the capacity model's figures with their labels and
//! derivations ([`estimate`]), and the interview-style rough values beside
//! them. The same sink lists the figures without any text ([`listing`]),
//! for the numbers-only entry point and the simulator.

use crate::model::sink::{Entry, FigureId, SectionId, Sink};
use crate::{
    fields, format, model, Bound, Concurrency, Conventions, DayLength, Figure, InputError, Kind,
    Measure, Report, Rough, Scenario, Section, Series, Sizing, Users, REPORT_VERSION,
};

/// Estimates a scenario. Each figure also gets its interview-style rough
/// value ([`Figure::rough`]): the same scenario with every input rounded to
/// one significant figure and a 100,000-second day, the result rounded to two
/// significant figures, and its error against the exact figure.
///
/// Fails, naming every bad field, when the scenario is out of range.
///
/// ```
/// use envelope_core::{estimate, keys, Scenario};
/// let report = estimate(&Scenario::default()).unwrap();
/// let peak = report.figure(keys::PEAK_RPS).unwrap();
/// assert!(peak.derivation.ends_with(&envelope_core::format::measure(&peak.value, &report.conventions)));
/// assert!(peak.rough.is_some());
/// ```
pub fn estimate(scenario: &Scenario) -> Result<Report, Vec<InputError>> {
    let mut report = estimate_exact(scenario)?;
    // The rounded scenario stays in range (rounding never crosses the bounds
    // that matter), but if it does not, the report simply has no rough values.
    // Ranged inputs are rounded at their medians.
    let rough = if scenario.uncertainty.ranges.is_empty() {
        roughen(scenario)
    } else {
        roughen(&fields::with_medians(scenario))
    };
    if fields::validate(&rough).is_empty() {
        // The report's own sink (one copy of the model in the wasm), in
        // working mode.
        let mut working = ReportSink::new(rough.conventions, Mode::Working);
        model::run_powers_of_ten(&rough, &mut working);
        add_rough(&mut report, working.sections);
    }
    Ok(report)
}

/// Puts each rough figure beside the exact one with the same key, with its
/// working when it has one. Both come from the same model in the same
/// order, so one forward walk pairs them.
fn add_rough(report: &mut Report, rough: Vec<Section>) {
    let mut rough: Vec<Figure> = rough.into_iter().flat_map(|s| s.figures).collect();
    let mut next = 0;
    for section in &mut report.sections {
        for figure in &mut section.figures {
            let rest = rough.get_mut(next..).unwrap_or_default();
            if let Some(at) = rest.iter().position(|r| r.key == figure.key) {
                let r = &mut rest[at];
                let mut value = rough_of(&figure.value, &r.value);
                let working = std::mem::take(&mut r.derivation);
                value.working = (!working.is_empty()).then_some(working);
                figure.rough = Some(value);
                next += at + 1;
            }
        }
    }
}

/// Estimates a scenario without the interview-style rough values. A ranged
/// field counts at its range's median.
///
/// ```
/// use envelope_core::{estimate_exact, keys, Scenario};
/// let report = estimate_exact(&Scenario::default()).unwrap();
/// assert!(report.figure(keys::APP_SERVERS).unwrap().rough.is_none());
/// ```
pub fn estimate_exact(scenario: &Scenario) -> Result<Report, Vec<InputError>> {
    let errors = fields::validate(scenario);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut sink = ReportSink::new(scenario.conventions, Mode::Exact);
    if scenario.uncertainty.ranges.is_empty() {
        model::run(scenario, &mut sink);
    } else {
        // Ranged fields count at their medians (see fields::with_medians).
        model::run(&fields::with_medians(scenario), &mut sink);
    }
    Ok(Report {
        version: REPORT_VERSION,
        name: scenario.name.clone(),
        conventions: scenario.conventions,
        sections: sink.sections,
        server_bound: sink.bound,
        sizing: sink.sizing,
        series: sink.series,
    })
}

/// The figures the model gives for `s` (valid), in the layout of the Monte
/// Carlo's columns ([`crate::model::sink::Values`]), with their labels,
/// kinds and values: what [`crate::estimate_numbers`] returns and what the
/// simulator names its columns by. No text is written.
pub(crate) fn listing(s: &Scenario) -> Vec<Entry> {
    let mut sink = ReportSink::new(s.conventions, Mode::Listing);
    sink.listing.reserve(40 + 6 * s.classes.len());
    model::run(s, &mut sink);
    sink.listing
}

/// What a [`ReportSink`] run is for.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// The report: every derivation written out and followed by ` = value`.
    Exact,
    /// The rough run for interview mode's working: derivations end in
    /// `= value` in powers of ten; a request class's figures get none (an
    /// empty derivation), and the charts' series are not made.
    Working,
    /// Only the list of figures ([`listing`]): no text, no series. A mode
    /// of this sink rather than a sink of its own so that the page's wasm
    /// holds the model twice (here, and the Monte Carlo's [`Values`], whose
    /// hot loop must stay as it is), not three times: 1.1 KB brotli.
    ///
    /// [`Values`]: crate::model::sink::Values
    Listing,
}

/// The report's sink: sections of labelled figures, each derivation
/// written out and followed by ` = value`; or, in [`Mode::Listing`], the
/// bare list of figures.
struct ReportSink {
    conventions: Conventions,
    sections: Vec<Section>,
    bound: Bound,
    sizing: Sizing,
    series: Series,
    mode: Mode,
    /// The figures of a [`Mode::Listing`] run.
    listing: Vec<Entry>,
}

impl ReportSink {
    fn new(conventions: Conventions, mode: Mode) -> Self {
        ReportSink {
            conventions,
            sections: Vec::new(),
            bound: Bound::Requests,
            sizing: Sizing::default(),
            series: Series::default(),
            mode,
            listing: Vec::new(),
        }
    }

    /// [`Sink::figure`] once the derivation is written: not generic, so the
    /// model, which calls `figure` with a closure of its own for each of
    /// some sixty figures, holds one copy of this rather than sixty.
    #[inline(never)]
    fn push(&mut self, id: FigureId, label: &'static str, value: Measure, derivation: String) {
        let working = self.mode == Mode::Working;
        let result = if working {
            format::measure_powers_of_ten(&value, &self.conventions)
        } else {
            format::measure(&value, &self.conventions)
        };
        // A request class's figure in working mode has none.
        let derivation = if working && derivation.is_empty() {
            derivation
        } else {
            [derivation.as_str(), " = ", &result].concat()
        };
        if let Some(section) = self.sections.last_mut() {
            section.figures.push(Figure {
                key: id.key(),
                label: label.to_owned(),
                value,
                derivation,
                rough: None,
            });
        }
    }

    /// A [`Mode::Listing`] run's figure: its value in the base unit, NaN
    /// for an optional figure this scenario does not have.
    #[inline]
    fn list(&mut self, id: FigureId, label: &'static str, kind: Kind, value: f64, defined: bool) {
        self.listing.push(Entry {
            id,
            label,
            kind,
            defined,
            value,
        });
    }
}

impl Sink for ReportSink {
    fn section(&mut self, id: SectionId, title: impl FnOnce() -> String) {
        if self.mode == Mode::Listing {
            return;
        }
        self.sections.push(Section {
            key: match id {
                SectionId::Total(key) => key.to_owned(),
                SectionId::Class(index) => format!("class.{index}"),
            },
            title: title(),
            figures: Vec::new(),
        });
    }

    // Inlined into each of the model's calls: in a listing run that leaves
    // a check and a push (numbers-only estimates take 10.7 k instructions
    // a scenario instead of 12.1 k), and the page's wasm is no larger.
    #[inline(always)]
    fn figure(
        &mut self,
        id: FigureId,
        label: &'static str,
        value: Measure,
        derivation: impl FnOnce() -> String,
    ) {
        let derivation = match self.mode {
            Mode::Listing => return self.list(id, label, value.kind(), value.base_value(), true),
            Mode::Working if matches!(id, FigureId::Class(..)) => String::new(),
            _ => derivation(),
        };
        self.push(id, label, value, derivation);
    }

    fn optional_figure(
        &mut self,
        id: FigureId,
        label: &'static str,
        kind: Kind,
        value: Option<Measure>,
        derivation: impl FnOnce() -> String,
    ) {
        if self.mode == Mode::Listing {
            let base = value.map_or(f64::NAN, |v| v.base_value());
            self.list(id, label, kind, base, value.is_some());
        } else if let Some(value) = value {
            self.figure(id, label, value, derivation);
        }
    }

    fn details(&mut self, bound: Bound, sizing: Sizing, series: impl FnOnce() -> Series) {
        self.bound = bound;
        self.sizing = sizing;
        if self.mode == Mode::Exact {
            self.series = series();
        }
    }
}

/// Rounds `x` to `digits` significant figures.
fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

fn rough_of(exact: &Measure, rough: &Measure) -> Rough {
    let value = Measure::from_base(rough.kind(), round_significant(rough.base_value(), 2));
    let (e, r) = (exact.base_value(), value.base_value());
    let error_percent = if e == 0.0 {
        (r == 0.0).then_some(0.0)
    } else {
        Some((r - e) / e * 100.0)
    };
    Rough {
        value,
        error_percent,
        working: None,
    }
}

/// The scenario a candidate would work with: inputs to one significant
/// figure and a 10^5-second day.
fn roughen(s: &Scenario) -> Scenario {
    let r = |x: f64| round_significant(x, 1);
    let mut s = s.clone();
    // Rounded points, not ranges (whose medians would undo the rounding).
    s.uncertainty.ranges.clear();
    s.conventions.day = DayLength::Interview;
    s.users = match s.users {
        Users::Daily { daily_active } => Users::Daily {
            daily_active: r(daily_active),
        },
        Users::Monthly {
            monthly_active,
            daily_active_share,
        } => Users::Monthly {
            monthly_active: r(monthly_active),
            daily_active_share: r(daily_active_share),
        },
    };
    for c in &mut s.classes {
        c.frequency = c.frequency.with_count(r(c.frequency.count()));
        c.fanout = c.fanout.map(r);
        c.fanout_bytes = r(c.fanout_bytes);
        c.users_share = r(c.users_share);
        c.bytes_in = r(c.bytes_in);
        c.bytes_out = r(c.bytes_out);
        c.bytes_stored = c.bytes_stored.map(r);
    }
    // Concurrency and the cache as typed: "10% online", "3 sessions of
    // 20 min", "50K connections", "80% of the reads", "100 TB".
    let cap = &mut s.capacity;
    cap.concurrency = match cap.concurrency {
        Concurrency::None => Concurrency::None,
        Concurrency::OnlineShare(share) => Concurrency::OnlineShare(r(share)),
        Concurrency::Sessions {
            per_user_per_day,
            seconds,
        } => Concurrency::Sessions {
            per_user_per_day: r(per_user_per_day),
            seconds: r(seconds),
        },
    };
    cap.connections_per_server = r(cap.connections_per_server);
    cap.cache_reads_share = r(cap.cache_reads_share);
    cap.cache_fixed_bytes = r(cap.cache_fixed_bytes);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_to_significant_figures() {
        assert_eq!(round_significant(86_400.0, 1), 90_000.0);
        assert_eq!(round_significant(231.48, 2), 230.0);
        assert_eq!(round_significant(0.0, 2), 0.0);
        assert_eq!(round_significant(-0.0456, 1), -0.05);
    }
}
