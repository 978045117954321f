//! The Monte Carlo itself: draw, estimate, summarise.

use serde::Serialize;

use super::random::{RandomSource, StandardNormal, Xoshiro256};
use super::summary::{histogram, summarise, Scratch};
use super::{Distribution, InputRange};
use crate::fields::{self, NumberSlot};
use crate::keys::HEADLINES;
use crate::model::{
    self,
    sink::{Entry, Values},
};
use crate::{InputError, Kind, Measure, Scenario};

/// Samples a [`Simulator`] allocates for at a time: at the work budget
/// (some 530 figures) a chunk is about 4 MiB, where reserving all the
/// samples at once was 256 MiB in one slice of a page's run (tens of ms).
pub const SAMPLES_PER_CHUNK: usize = 1024;

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

/// The Monte Carlo that goes with a scenario's report: [`simulate_seeded`]
/// when some ranged input applies, `None` for a point scenario (no range,
/// or only ranges of fields that do not apply). The command line and the
/// web app's exports both print percentiles from this, so the same link
/// gives the same percentiles in both.
///
/// ```
/// use envelope_core::{fields, uncertainty, Scenario};
/// let mut s = Scenario::default();
/// assert!(uncertainty::simulate_ranges(&s).unwrap().is_none());
/// fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
/// let sim = uncertainty::simulate_ranges(&s).unwrap().unwrap();
/// assert_eq!((sim.samples, sim.seed), (10_000, Some(1)));
/// ```
///
/// # Errors
///
/// As [`simulate`]: every bad field, named.
pub fn simulate_ranges(s: &Scenario) -> Result<Option<Simulation>, Vec<InputError>> {
    if s.uncertainty.ranges.is_empty() {
        return Ok(None);
    }
    let sim = simulate_seeded(s)?;
    Ok((!sim.inputs.is_empty()).then_some(sim))
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
/// [`crate::uncertainty::WORK_BUDGET`] (256 MiB). They are allocated a
/// chunk of [`SAMPLES_PER_CHUNK`] samples at a time as the samples are
/// drawn, so that no slice of a page's run pays for the whole at once, and
/// freed figure by figure as they are summarised.
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
    /// Samples to draw.
    samples: usize,
    /// Samples drawn so far.
    done: usize,
    /// Each figure's value in the samples of the chunk being drawn, as the
    /// model gives them ([`Values`]).
    columns: Vec<Vec<f64>>,
    /// Each figure's values in the chunks drawn before; emptied once
    /// summarised.
    chunks: Vec<Vec<Vec<f64>>>,
    /// One figure's values in sample order, gathered from its chunks for its
    /// summary; kept from one figure to the next.
    gathered: Vec<f64>,
    /// Per sample, whether a report figure could not be estimated in it
    /// (found as each figure is summarised); empty while none.
    undefined: Vec<bool>,
    /// Figures summarised so far.
    summarised: usize,
    /// The summaries' buffers, kept from one figure to the next.
    scratch_summary: Scratch,
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
        let figures = crate::estimate::listing(&median);
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
            // Allocated chunk by chunk as the samples are drawn.
            columns: figures.iter().map(|_| Vec::new()).collect(),
            chunks: figures.iter().map(|_| Vec::new()).collect(),
            gathered: Vec::new(),
            undefined: Vec::new(),
            outputs: Vec::with_capacity(figures.len()),
            histograms: Vec::new(),
            summarised: 0,
            scratch_summary: Scratch::default(),
            figures,
            samples,
            done: 0,
        })
    }

    /// Samples to draw in all.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// Values it draws and keeps in all: samples x figures, at most
    /// [`super::WORK_BUDGET`]. A page can run a small simulation at once and
    /// slice a large one.
    pub fn work(&self) -> usize {
        self.samples * self.figures.len()
    }

    /// Samples drawn and estimated so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Draws and estimates up to `n` more samples; gives how many it did (0
    /// once every sample is done).
    pub fn run_samples(&mut self, n: usize) -> usize {
        let end = self.done.saturating_add(n).min(self.samples);
        for i in self.done..end {
            if i % SAMPLES_PER_CHUNK == 0 {
                self.start_chunk(SAMPLES_PER_CHUNK.min(self.samples - i));
            }
            for sampler in &self.samplers {
                let value = sampler.distribution.sample(&self.normal, &mut self.rng);
                sampler
                    .slot
                    .set(&mut self.scratch, sampler.slot.clamp(value));
            }
            model::run(&self.scratch, &mut Values::new(&mut self.columns));
        }
        let ran = end - self.done;
        self.done = end;
        ran
    }

    /// Files the chunk drawn so far (if any) and allocates the next, for
    /// `len` samples of every figure.
    fn start_chunk(&mut self, len: usize) {
        for (column, chunks) in self.columns.iter_mut().zip(&mut self.chunks) {
            let drawn = std::mem::replace(column, Vec::with_capacity(len));
            if !drawn.is_empty() {
                chunks.push(drawn);
            }
        }
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
            if !figure.defined {
                // Not in the report (reads per write without writes).
                self.chunks[j] = Vec::new();
                self.columns[j] = Vec::new();
                continue;
            }
            let key = figure.id.key();
            let kind = figure.kind;
            // In sample order, each chunk freed as it is gathered.
            let mut column = std::mem::take(&mut self.gathered);
            column.clear();
            column.reserve_exact(self.samples);
            for chunk in std::mem::take(&mut self.chunks[j]) {
                column.extend_from_slice(&chunk);
            }
            column.extend_from_slice(&std::mem::take(&mut self.columns[j]));
            let undefined = &mut self.undefined;
            let summary = summarise(&column, &mut self.scratch_summary, |i| {
                if undefined.is_empty() {
                    undefined.resize(column.len(), false);
                }
                undefined[i] = true;
            });
            let [p1, p5, p50, p95, p99] = summary.percentiles;
            let m = |v: f64| Measure::from_base(kind, v);
            if HEADLINES.contains(&key.as_str()) && summary.finite > 0 {
                let marks = [p5, p50, p95];
                self.histograms.push(histogram(
                    &key,
                    figure.label,
                    kind,
                    &column,
                    [p1, p99],
                    marks,
                ));
            }
            let mean = summary.mean;
            let undefined = (self.samples - summary.finite) as u32;
            self.outputs.push(Spread {
                key,
                label: figure.label.to_owned(),
                point: m(figure.value),
                p5: m(p5),
                p50: m(p50),
                p95: m(p95),
                mean: m(mean),
                undefined,
            });
            self.gathered = column;
        }
        let summarised = end - self.summarised;
        self.summarised = end;
        if end == self.figures.len() {
            self.scratch_summary = Scratch::default();
            self.gathered = Vec::new();
        }
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
        let tornadoes = tornadoes(&self.median, &self.samplers, &self.figures);
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
            undefined: self.undefined.iter().filter(|&&u| u).count() as u32,
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
fn tornadoes(median: &Scenario, samplers: &[Sampler], figures: &[Entry]) -> Vec<Tornado> {
    // Each figure's value with the first input low, then high, then the
    // second input low, high, and so on.
    let mut ends: Vec<Vec<f64>> = figures
        .iter()
        .map(|_| Vec::with_capacity(2 * samplers.len()))
        .collect();
    let mut scratch = median.clone();
    for sampler in samplers {
        for end in [sampler.low, sampler.high] {
            sampler.slot.set(&mut scratch, end);
            model::run(&scratch, &mut Values::new(&mut ends));
        }
        sampler
            .slot
            .set(&mut scratch, sampler.distribution.median());
    }
    HEADLINES
        .iter()
        .filter_map(|key| {
            let index = figures.iter().position(|f| f.defined && f.id.is(key))?;
            let kind = figures[index].kind;
            let m = |v: f64| Measure::from_base(kind, v);
            let mut swings: Vec<Swing> = samplers
                .iter()
                .zip(ends[index].chunks_exact(2))
                .map(|(sampler, at)| {
                    let input = |v: f64| Measure::from_base(sampler.slot.kind, v);
                    Swing {
                        field: sampler.slot.key.clone(),
                        label: sampler.slot.label.clone(),
                        input: [input(sampler.low), input(sampler.high)],
                        at_low: m(at[0]),
                        at_high: m(at[1]),
                    }
                })
                .collect();
            crate::sorting::sort_by(&mut swings, |a, b| b.width().total_cmp(&a.width()));
            Some(Tornado {
                key: (*key).to_owned(),
                label: figures[index].label.to_owned(),
                point: m(figures[index].value),
                swings,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    /// The model's figures for `s`, in report order (`count` of them).
    fn row(s: &Scenario, count: usize) -> Vec<f64> {
        let mut columns = vec![Vec::new(); count];
        model::run(s, &mut Values::new(&mut columns));
        columns
            .iter()
            .map(|column| column.first().copied().unwrap_or(f64::NAN))
            .collect()
    }

    /// The Monte Carlo written the plain way, as it was before the model
    /// wrote into the columns and the bucketed selection: each sample's row
    /// of figures kept, each figure's finite values sorted by `total_cmp`
    /// with its percentiles read off at their nearest ranks, its histogram
    /// counted over them, and a sample undefined when any report figure is
    /// not finite in it. Only the setup (ranges and the listing of figures) is the
    /// simulator's.
    fn reference(s: &Scenario) -> Simulation {
        let Simulator {
            mut rng,
            normal,
            samplers,
            median,
            mut scratch,
            figures,
            samples,
            ..
        } = Simulator::seeded(s).unwrap();
        let point = row(&median, figures.len());
        let rows: Vec<Vec<f64>> = (0..samples)
            .map(|_| {
                for sampler in &samplers {
                    let value = sampler.distribution.sample(&normal, &mut rng);
                    sampler.slot.set(&mut scratch, sampler.slot.clamp(value));
                }
                row(&scratch, figures.len())
            })
            .collect();
        let undefined = rows
            .iter()
            .filter(|row| {
                row.iter()
                    .zip(&figures)
                    .any(|(v, f)| f.defined && !v.is_finite())
            })
            .count() as u32;
        let (mut outputs, mut histograms) = (Vec::new(), Vec::new());
        for (j, figure) in figures.iter().enumerate().filter(|(_, f)| f.defined) {
            let mut finite: Vec<f64> = rows
                .iter()
                .map(|row| row[j])
                .filter(|v| v.is_finite())
                .collect();
            let mean = finite.iter().sum::<f64>() / finite.len() as f64;
            finite.sort_by(f64::total_cmp);
            let at = |p: f64| match finite.len() {
                0 => f64::NAN,
                n => finite[(p * (n - 1) as f64).round() as usize],
            };
            let (key, kind) = (figure.id.key(), figure.kind);
            let m = |v: f64| Measure::from_base(kind, v);
            if HEADLINES.contains(&key.as_str()) && !finite.is_empty() {
                let (low, high) = (at(0.01), at(0.99));
                let width = (high - low) / 24.0;
                let mut counts = vec![0u32; if width > 0.0 { 24 } else { 1 }];
                let below = finite.iter().filter(|&&v| v < low).count() as u32;
                let above = finite.iter().filter(|&&v| v > high).count() as u32;
                for &v in finite.iter().filter(|&&v| low <= v && v <= high) {
                    let bin = if width > 0.0 {
                        (((v - low) / width) as usize).min(23)
                    } else {
                        0
                    };
                    counts[bin] += 1;
                }
                histograms.push(Histogram {
                    key: key.clone(),
                    label: figure.label.to_owned(),
                    kind,
                    start: low,
                    width: width.max(0.0),
                    counts,
                    below,
                    above,
                    percentiles: [at(0.05), at(0.5), at(0.95)],
                });
            }
            outputs.push(Spread {
                key,
                label: figure.label.to_owned(),
                point: m(point[j]),
                p5: m(at(0.05)),
                p50: m(at(0.5)),
                p95: m(at(0.95)),
                mean: m(mean),
                undefined: (samples - finite.len()) as u32,
            });
        }
        histograms.sort_by_key(|h| HEADLINES.iter().position(|k| *k == h.key));
        let tornadoes = HEADLINES
            .iter()
            .filter_map(|key| {
                let index = figures.iter().position(|f| f.defined && f.id.is(key))?;
                let m = |v: f64| Measure::from_base(figures[index].kind, v);
                let at = |sampler: &Sampler, value: f64| {
                    let mut one = median.clone();
                    sampler.slot.set(&mut one, value);
                    m(row(&one, figures.len())[index])
                };
                let mut swings: Vec<Swing> = samplers
                    .iter()
                    .map(|sampler| {
                        let input = |v: f64| Measure::from_base(sampler.slot.kind, v);
                        Swing {
                            field: sampler.slot.key.clone(),
                            label: sampler.slot.label.clone(),
                            input: [input(sampler.low), input(sampler.high)],
                            at_low: at(sampler, sampler.low),
                            at_high: at(sampler, sampler.high),
                        }
                    })
                    .collect();
                swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
                Some(Tornado {
                    key: (*key).to_owned(),
                    label: figures[index].label.to_owned(),
                    point: m(point[index]),
                    swings,
                })
            })
            .collect();
        let inputs = samplers
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
            samples: samples as u32,
            undefined,
            seed: Some(s.uncertainty.seed),
            inputs,
            outputs,
            histograms,
            tornadoes,
        }
    }

    /// Every preset with ranges on users, the peak and the first class's
    /// count (from 0, so that some samples have no writes and their reads
    /// per write are undefined); values either side of zero (growth); and
    /// no writes at all (reads per write not in the report, and not
    /// counted as undefined).
    fn cases() -> Vec<(String, Scenario)> {
        let mut cases = Vec::new();
        for preset in presets::presets() {
            let mut s = presets::preset_scenario(preset.key).unwrap();
            fields::set_scenario_field(&mut s, "dau", "100k..5M").unwrap();
            fields::set_scenario_field(&mut s, "peak", "1.5x..6x").unwrap();
            fields::set_class_field(&mut s, 0, "count", "0..3").unwrap();
            cases.push((preset.key.to_owned(), s));
        }
        for text in [
            "dau=1M..10M&growth=-20%..40%",
            "classes=2&c0.kind=write&c0.count=0&c1.name=view&dau=1M..2M",
        ] {
            let decoded = crate::link::decode(text);
            assert!(
                decoded.warnings.is_empty(),
                "{text}: {:?}",
                decoded.warnings
            );
            cases.push((text.to_owned(), decoded.scenario));
        }
        cases
    }

    /// The simulation gives exactly what the plain way gives, field by
    /// field and to the bit (percentiles, means, histograms, tornadoes,
    /// undefined counts), at several seeds and sample counts; and so do its
    /// slices, however they are cut.
    #[test]
    fn same_simulation_as_the_plain_way_whole_or_in_slices() {
        for (name, mut s) in cases() {
            for (seed, samples) in [(1, 2_000), (7, 100), (1 << 53, 1_000)] {
                s.uncertainty.seed = seed;
                s.uncertainty.samples = samples;
                let got = simulate_seeded(&s).unwrap();
                let want = reference(&s);
                let what = format!("{name}, seed {seed}, {samples} samples");
                assert_eq!(got.undefined, want.undefined, "{what}");
                for (g, w) in got.outputs.iter().zip(&want.outputs) {
                    assert_eq!(g, w, "{what}");
                    let bits =
                        |s: &Spread| [s.p5, s.p50, s.p95, s.mean].map(|m| m.base_value().to_bits());
                    assert_eq!(bits(g), bits(w), "{what}: {}", g.key);
                }
                assert_eq!(got.histograms, want.histograms, "{what}");
                assert_eq!(got.tornadoes, want.tornadoes, "{what}");
                // Whatever is not compared above, and the outputs' count.
                assert_eq!(
                    serde_json::to_string(&got).unwrap(),
                    serde_json::to_string(&want).unwrap(),
                    "{what}"
                );
                let mut sliced = Simulator::seeded(&s).unwrap();
                while sliced.done() < sliced.samples() {
                    assert_eq!(sliced.summarise_figures(5), 0, "samples come first");
                    assert!(sliced.run_samples(37) > 0);
                }
                while sliced.summarise_figures(3) > 0 {}
                assert_eq!(sliced.finish(), got, "{what}, in slices");
            }
        }
    }

    /// The cases above do have undefined samples, and a figure that is not
    /// in the report.
    #[test]
    fn the_cases_cover_undefined_samples() {
        let cases = cases();
        let with_undefined = cases.iter().filter(|(_, s)| {
            let mut s = s.clone();
            s.uncertainty.samples = 1_000;
            simulate_seeded(&s).unwrap().undefined > 0
        });
        assert!(with_undefined.count() >= 3);
        assert!(cases.iter().any(|(_, s)| {
            let simulator = Simulator::seeded(s).unwrap();
            simulator.figures.iter().any(|f| !f.defined)
        }));
    }
}
