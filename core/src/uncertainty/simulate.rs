//! The Monte Carlo itself: draw, estimate, summarise.

use serde::Serialize;

use super::random::{RandomSource, StandardNormal, Xoshiro256};
use super::summary::{finite_first, histogram, percentiles};
use super::{Distribution, InputRange};
use crate::fields::{self, NumberSlot};
use crate::keys::HEADLINES;
use crate::model::{
    self,
    sink::{Catalogue, Entry, Values},
};
use crate::{InputError, Kind, Measure, Scenario};

/// The version of [`Simulation`]'s serialized shape.
pub const SIMULATION_VERSION: u32 = 1;

/// A ranged input as the simulation read it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampledInput {
    /// The field's key: `dau`, `classes.0.count`.
    pub field: String,
    /// The field's label: `Daily active users`.
    pub label: String,
    /// `lognormal`, `normal` or `point`.
    pub distribution: &'static str,
    /// The 5th percentile (the range's low bound).
    pub low: Measure,
    /// The median: the value the point estimate uses.
    pub median: Measure,
    /// The 95th percentile (the range's high bound).
    pub high: Measure,
}

/// One figure's distribution over the samples.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spread {
    /// The report figure's key, e.g. `total.peak_rps`.
    pub key: String,
    /// Its label, e.g. `Peak requests/s`.
    pub label: String,
    /// The figure with every input at its median (the report's value).
    pub point: Measure,
    /// 5th percentile of the samples.
    pub p5: Measure,
    /// Median of the samples.
    pub p50: Measure,
    /// 95th percentile of the samples.
    pub p95: Measure,
    /// Mean of the samples.
    pub mean: Measure,
    /// Samples in which the figure could not be estimated (not a finite
    /// number: no writes to divide by, or past the largest number): left
    /// out of its percentiles and mean. Absent from JSON when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub undefined: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Counts of samples in equal-width bins between a headline figure's 1st and
/// 99th percentiles.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Histogram {
    /// The figure's key.
    pub key: String,
    /// The figure's label.
    pub label: String,
    /// What the values measure (their unit is the kind's base unit).
    pub kind: Kind,
    /// The first bin's lower edge (the 1st percentile), in the base unit.
    pub start: f64,
    /// Each bin's width, in the base unit (0 when every sample is equal).
    pub width: f64,
    /// Samples per bin.
    pub counts: Vec<u32>,
    /// Samples below the first bin (the lowest 1%).
    pub below: u32,
    /// Samples above the last bin (the highest 1%).
    pub above: u32,
    /// The 5th, 50th and 95th percentiles, to mark on the chart.
    pub percentiles: [f64; 3],
}

/// How far one input moves one output.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Swing {
    /// The input's key.
    pub field: String,
    /// The input's label.
    pub label: String,
    /// The input's 5th and 95th percentiles.
    pub input: [Measure; 2],
    /// The output with this input at its 5th percentile and every other
    /// input at its median.
    pub at_low: Measure,
    /// The output with this input at its 95th percentile.
    pub at_high: Measure,
}

impl Swing {
    /// |at_high - at_low| in the output's base unit: the bar's length.
    pub fn width(&self) -> f64 {
        (self.at_high.base_value() - self.at_low.base_value()).abs()
    }
}

/// The inputs that move one headline figure, widest swing first.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tornado {
    /// The figure's key.
    pub key: String,
    /// The figure's label.
    pub label: String,
    /// The figure with every input at its median.
    pub point: Measure,
    /// One bar per ranged input, widest first.
    pub swings: Vec<Swing>,
}

/// What [`simulate`] found.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Simulation {
    /// The shape's version, [`SIMULATION_VERSION`]: bumped when a field
    /// changes meaning or goes away.
    pub version: u32,
    /// Scenarios drawn.
    pub samples: u32,
    /// Samples in which some figure could not be estimated (each
    /// [`Spread::undefined`] says which). Absent from JSON when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub undefined: u32,
    /// The seed, when the generator came from one ([`simulate_seeded`]).
    pub seed: Option<u64>,
    /// The ranged inputs, in the order they were set.
    pub inputs: Vec<SampledInput>,
    /// Every report figure's spread, in report order.
    pub outputs: Vec<Spread>,
    /// Histograms of the [`HEADLINES`] figures.
    pub histograms: Vec<Histogram>,
    /// Tornadoes of the [`HEADLINES`] figures.
    pub tornadoes: Vec<Tornado>,
}

impl Simulation {
    /// The spread of report figure `key`.
    pub fn output(&self, key: &str) -> Option<&Spread> {
        self.outputs.iter().find(|o| o.key == key)
    }

    /// Input values drawn: samples x ranged inputs.
    pub fn input_samples(&self) -> u64 {
        u64::from(self.samples) * self.inputs.len() as u64
    }
}

/// [`simulate`] with a [`Xoshiro256`] seeded from the scenario's
/// [`crate::uncertainty::Uncertainty::seed`].
pub fn simulate_seeded(s: &Scenario) -> Result<Simulation, Vec<InputError>> {
    Ok(Simulator::seeded(s)?.finish())
}

/// Runs the Monte Carlo: draws `s.uncertainty.samples` scenarios from its
/// ranged inputs (each independently), estimates each, and summarises every
/// figure. Deterministic for a given generator state, which it leaves just
/// past the draws. Fails, naming every bad field, when the scenario (or a
/// range) is out of range or over the work budget
/// ([`crate::uncertainty::WORK_BUDGET`]).
///
/// Percentiles are nearest-rank: the value at index round(p x (n - 1)) of the
/// sorted samples. Samples where a figure is undefined (reads per write with
/// no writes, or a number too large for `f64`) are left out of that figure's
/// percentiles and mean, and counted ([`Spread::undefined`]).
pub fn simulate<R: RandomSource>(s: &Scenario, rng: &mut R) -> Result<Simulation, Vec<InputError>> {
    Ok(Simulator::new(s, rng)?.finish())
}

/// One ranged input ready to sample.
struct Sampler {
    slot: NumberSlot,
    distribution: Distribution,
    /// The range's median and ends exactly as given (exp(ln x) may be off
    /// by an ulp).
    median: f64,
    low: f64,
    high: f64,
}

/// [`simulate`] a slice at a time, so that a page can run it between
/// keystrokes: [`Simulator::run_samples`] draws and estimates the next
/// samples, [`Simulator::summarise_figures`] then summarises the next
/// figures, and [`Simulator::finish`] does what is left and gives the
/// [`Simulation`]. The result is exactly [`simulate`]'s for the same
/// generator, however the work is sliced.
///
/// Every figure of every sample is held until its summary (exact
/// percentiles need them all): samples x figures values, at most
/// [`crate::uncertainty::WORK_BUDGET`], reserved up front and freed figure
/// by figure as they are summarised.
///
/// ```
/// use envelope_core::uncertainty::{simulate, Simulator, Xoshiro256};
/// use envelope_core::{fields, Scenario};
/// let mut s = Scenario::default();
/// fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
/// let mut sim = Simulator::new(&s, Xoshiro256::seed_from(3)).unwrap();
/// while sim.run_samples(1_000) > 0 {
///     // A page yields to the browser here.
/// }
/// assert_eq!((sim.done(), sim.samples()), (10_000, 10_000));
/// while sim.summarise_figures(10) > 0 {}
/// let whole = simulate(&s, &mut Xoshiro256::seed_from(3)).unwrap();
/// assert_eq!(sim.finish(), whole);
/// ```
pub struct Simulator<R> {
    rng: R,
    seed: Option<u64>,
    normal: StandardNormal,
    samplers: Vec<Sampler>,
    /// The scenario with every range at its median.
    median: Scenario,
    /// The scenario each sample is drawn into.
    scratch: Scenario,
    /// What each place of a sample's row holds.
    figures: Vec<Entry>,
    /// The row of the point estimate.
    point: Vec<f64>,
    /// Samples to draw.
    samples: usize,
    /// Samples drawn so far.
    done: usize,
    /// Each figure's value in each sample so far; emptied once summarised.
    columns: Vec<Vec<f64>>,
    row: Vec<f64>,
    /// Samples with a figure that could not be estimated.
    undefined: u32,
    /// Figures summarised so far.
    summarised: usize,
    outputs: Vec<Spread>,
    histograms: Vec<Histogram>,
}

impl Simulator<Xoshiro256> {
    /// A simulator with a [`Xoshiro256`] seeded from the scenario's
    /// [`crate::uncertainty::Uncertainty::seed`], as [`simulate_seeded`].
    pub fn seeded(s: &Scenario) -> Result<Simulator<Xoshiro256>, Vec<InputError>> {
        let mut simulator = Simulator::new(s, Xoshiro256::seed_from(s.uncertainty.seed))?;
        simulator.seed = Some(s.uncertainty.seed);
        Ok(simulator)
    }
}

impl<R: RandomSource> Simulator<R> {
    /// Checks `s` (as [`simulate`]) and gets ready to draw its samples from
    /// `rng` (pass `&mut rng` to keep the generator).
    pub fn new(s: &Scenario, rng: R) -> Result<Simulator<R>, Vec<InputError>> {
        let errors = fields::validate(s);
        if !errors.is_empty() {
            return Err(errors);
        }
        // In form order whatever order the scenario lists them in (a JSON file
        // may differ from its share link): each input's draws come from the same
        // part of the random stream either way.
        let mut ranges: Vec<&InputRange> = s.uncertainty.ranges.iter().collect();
        crate::sorting::sort_by_key(&mut ranges, |r| fields::form_order(&r.field));
        let samplers: Vec<Sampler> = ranges
            .into_iter()
            .filter_map(|r| {
                Some(Sampler {
                    slot: fields::number_slot(s, &r.field)?,
                    distribution: r.distribution(),
                    median: r.median(),
                    low: r.low,
                    high: r.high,
                })
            })
            .collect();
        let median = fields::with_medians(s);
        let mut catalogue = Catalogue(Vec::new());
        model::run(&median, &mut catalogue);
        let figures = catalogue.0;
        let mut point = Vec::with_capacity(figures.len());
        model::run(&median, &mut Values(&mut point));
        let samples = s
            .uncertainty
            .samples
            .clamp(super::MIN_SAMPLES, super::MAX_SAMPLES) as usize;
        Ok(Simulator {
            rng,
            seed: None,
            normal: StandardNormal::new(),
            samplers,
            scratch: median.clone(),
            median,
            columns: figures
                .iter()
                .map(|_| Vec::with_capacity(samples))
                .collect(),
            row: Vec::with_capacity(figures.len()),
            outputs: Vec::with_capacity(figures.len()),
            histograms: Vec::new(),
            summarised: 0,
            figures,
            point,
            samples,
            done: 0,
            undefined: 0,
        })
    }

    /// Samples to draw in all.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// Samples drawn and estimated so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Draws and estimates up to `n` more samples; gives how many it did (0
    /// once every sample is done).
    pub fn run_samples(&mut self, n: usize) -> usize {
        let end = self.done.saturating_add(n).min(self.samples);
        for _ in self.done..end {
            for sampler in &self.samplers {
                let value = sampler.distribution.sample(&self.normal, &mut self.rng);
                sampler
                    .slot
                    .set(&mut self.scratch, sampler.slot.clamp(value));
            }
            self.row.clear();
            model::run(&self.scratch, &mut Values(&mut self.row));
            let mut undefined = false;
            for ((column, value), figure) in
                self.columns.iter_mut().zip(&self.row).zip(&self.figures)
            {
                column.push(*value);
                undefined |= figure.defined() && !value.is_finite();
            }
            self.undefined += u32::from(undefined);
        }
        let ran = end - self.done;
        self.done = end;
        ran
    }

    /// Once every sample is drawn, summarises up to `n` more figures
    /// (percentiles, mean, histogram) and frees their samples; gives how many
    /// it did (0 before the samples are done, and once every figure is).
    pub fn summarise_figures(&mut self, n: usize) -> usize {
        if self.done < self.samples {
            return 0;
        }
        let end = self.summarised.saturating_add(n).min(self.figures.len());
        for j in self.summarised..end {
            let figure = self.figures[j];
            let mut values = std::mem::take(&mut self.columns[j]);
            if !figure.defined() {
                // Not in the report (reads per write without writes).
                continue;
            }
            let key = figure.id.key();
            let kind = figure.kind;
            let column = finite_first(&mut values);
            let (mean, [p5, p50, p95]) = if column.is_empty() {
                (f64::NAN, [f64::NAN; 3])
            } else {
                let mean = column.iter().sum::<f64>() / column.len() as f64;
                (mean, percentiles(column, [0.05, 0.5, 0.95]))
            };
            let m = |v: f64| Measure::from_base(kind, v);
            if HEADLINES.contains(&key.as_str()) && !column.is_empty() {
                let marks = [p5, p50, p95];
                self.histograms
                    .push(histogram(&key, figure.label, kind, column, marks));
            }
            let undefined = (self.samples - column.len()) as u32;
            self.outputs.push(Spread {
                key,
                label: figure.label.to_owned(),
                point: m(self.point[j]),
                p5: m(p5),
                p50: m(p50),
                p95: m(p95),
                mean: m(mean),
                undefined,
            });
        }
        let summarised = end - self.summarised;
        self.summarised = end;
        summarised
    }

    /// Draws any samples left, summarises any figures left, and gives the
    /// simulation.
    pub fn finish(mut self) -> Simulation {
        self.run_samples(usize::MAX);
        self.summarise_figures(usize::MAX);
        let n = self.samples;
        let (outputs, mut histograms) = (self.outputs, self.histograms);
        crate::sorting::sort_by_key(&mut histograms, |h| {
            HEADLINES.iter().position(|k| *k == h.key)
        });
        let tornadoes = tornadoes(&self.median, &self.samplers, &self.figures, &self.point);
        let inputs = self
            .samplers
            .iter()
            .map(|sampler| {
                let m = |v: f64| Measure::from_base(sampler.slot.kind, v);
                SampledInput {
                    field: sampler.slot.key.clone(),
                    label: sampler.slot.label.clone(),
                    distribution: sampler.distribution.name(),
                    low: m(sampler.low),
                    median: m(sampler.median),
                    high: m(sampler.high),
                }
            })
            .collect();
        Simulation {
            version: SIMULATION_VERSION,
            samples: n as u32,
            undefined: self.undefined,
            seed: self.seed,
            inputs,
            outputs,
            histograms,
            tornadoes,
        }
    }
}

/// One-at-a-time sensitivity: each input at its 5th and then its 95th
/// percentile, the others at their medians.
fn tornadoes(
    median: &Scenario,
    samplers: &[Sampler],
    figures: &[Entry],
    point: &[f64],
) -> Vec<Tornado> {
    let mut scratch = median.clone();
    let (mut low, mut high) = (Vec::new(), Vec::new());
    let mut ends = Vec::with_capacity(samplers.len());
    for sampler in samplers {
        sampler.slot.set(&mut scratch, sampler.low);
        low.clear();
        model::run(&scratch, &mut Values(&mut low));
        sampler.slot.set(&mut scratch, sampler.high);
        high.clear();
        model::run(&scratch, &mut Values(&mut high));
        sampler
            .slot
            .set(&mut scratch, sampler.distribution.median());
        ends.push((low.clone(), high.clone()));
    }
    HEADLINES
        .iter()
        .filter_map(|key| {
            let index = figures.iter().position(|f| f.defined() && f.id.is(key))?;
            let kind = figures[index].kind;
            let m = |v: f64| Measure::from_base(kind, v);
            let mut swings: Vec<Swing> = samplers
                .iter()
                .zip(&ends)
                .map(|(sampler, (low, high))| {
                    let input = |v: f64| Measure::from_base(sampler.slot.kind, v);
                    Swing {
                        field: sampler.slot.key.clone(),
                        label: sampler.slot.label.clone(),
                        input: [input(sampler.low), input(sampler.high)],
                        at_low: m(low[index]),
                        at_high: m(high[index]),
                    }
                })
                .collect();
            crate::sorting::sort_by(&mut swings, |a, b| b.width().total_cmp(&a.width()));
            Some(Tornado {
                key: (*key).to_owned(),
                label: figures[index].label.to_owned(),
                point: m(point[index]),
                swings,
            })
        })
        .collect()
}
