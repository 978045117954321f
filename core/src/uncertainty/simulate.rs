//! The Monte Carlo itself: draw, estimate, summarise.

use serde::Serialize;

use super::random::{RandomSource, StandardNormal, Xoshiro256};
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

/// Bins of each histogram.
const BINS: usize = 24;
/// At most this many sampled values are held at once (64 MiB of `f64`); more
/// figures x samples are summarised in passes over the same random stream.
const BUFFER_VALUES: usize = 8 << 20;

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
    let mut rng = Xoshiro256::seed_from(s.uncertainty.seed);
    let mut sim = simulate(s, &mut rng)?;
    sim.seed = Some(s.uncertainty.seed);
    Ok(sim)
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

/// Runs the Monte Carlo: draws `s.uncertainty.samples` scenarios from its
/// ranged inputs (each independently), estimates each, and summarises every
/// figure. Deterministic for a given generator state. Fails, naming every bad
/// field, when the scenario (or a range) is out of range.
///
/// Percentiles are nearest-rank: the value at index round(p x (n - 1)) of the
/// sorted samples. Samples where a figure is undefined (reads per write with
/// no writes) are left out of that figure's percentiles and mean.
pub fn simulate<R: RandomSource + Clone>(
    s: &Scenario,
    rng: &mut R,
) -> Result<Simulation, Vec<InputError>> {
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
    // What each sample's row holds, and the point estimate's row.
    let mut catalogue = Catalogue(Vec::new());
    model::run(&median, &mut catalogue);
    let figures = catalogue.0;
    let mut point = Vec::with_capacity(figures.len());
    model::run(&median, &mut Values(&mut point));

    let n = s
        .uncertainty
        .samples
        .clamp(super::MIN_SAMPLES, super::MAX_SAMPLES) as usize;
    let count = figures.len();
    let per_pass = (BUFFER_VALUES / n).clamp(1, count.max(1));
    let normal = StandardNormal::new();
    let mut columns = vec![0.0; per_pass * n];
    let mut row = Vec::with_capacity(count);
    let mut scratch = median.clone();
    let start = rng.clone();
    let mut outputs = Vec::with_capacity(count);
    let mut histograms = Vec::new();
    let mut first = 0;
    while first < count {
        let last = (first + per_pass).min(count);
        let width = last - first;
        *rng = start.clone();
        for i in 0..n {
            for sampler in &samplers {
                let value = sampler.distribution.sample(&normal, rng);
                sampler.slot.set(&mut scratch, sampler.slot.clamp(value));
            }
            row.clear();
            model::run(&scratch, &mut Values(&mut row));
            for (j, value) in row[first..last].iter().enumerate() {
                columns[j * n + i] = *value;
            }
        }
        for j in 0..width {
            let figure = figures[first + j];
            if !figure.defined {
                // Not in the report (reads per write without writes).
                continue;
            }
            let key = figure.id.key();
            let kind = figure.kind;
            let column = finite_first(&mut columns[j * n..(j + 1) * n]);
            let (mean, [p5, p50, p95]) = if column.is_empty() {
                (f64::NAN, [f64::NAN; 3])
            } else {
                let mean = column.iter().sum::<f64>() / column.len() as f64;
                (mean, percentiles(column, [0.05, 0.5, 0.95]))
            };
            let m = |v: f64| Measure::from_base(kind, v);
            if HEADLINES.contains(&key.as_str()) && !column.is_empty() {
                histograms.push(histogram(&key, figure.label, kind, column, [p5, p50, p95]));
            }
            outputs.push(Spread {
                key,
                label: figure.label.to_owned(),
                point: m(point[first + j]),
                p5: m(p5),
                p50: m(p50),
                p95: m(p95),
                mean: m(mean),
            });
        }
        first = last;
    }
    crate::sorting::sort_by_key(&mut histograms, |h| {
        HEADLINES.iter().position(|k| *k == h.key)
    });

    let tornadoes = tornadoes(&median, &samplers, &figures, &point);
    let inputs = samplers
        .iter()
        .map(|sampler| {
            let m = |v: f64| Measure::from_base(sampler.slot.kind, v);
            let d = sampler.distribution;
            SampledInput {
                field: sampler.slot.key.clone(),
                label: sampler.slot.label.clone(),
                distribution: d.name(),
                low: m(sampler.low),
                median: m(sampler.median),
                high: m(sampler.high),
            }
        })
        .collect();
    Ok(Simulation {
        version: SIMULATION_VERSION,
        samples: n as u32,
        seed: None,
        inputs,
        outputs,
        histograms,
        tornadoes,
    })
}

/// Moves the finite values of `column` to its front and gives them: a
/// figure can be undefined in some samples (reads per write when a sample
/// has no writes), and those samples are left out of its statistics.
fn finite_first(column: &mut [f64]) -> &mut [f64] {
    let mut finite = 0;
    for i in 0..column.len() {
        if column[i].is_finite() {
            column.swap(i, finite);
            finite += 1;
        }
    }
    &mut column[..finite]
}

/// Nearest-rank percentiles of `values` (reordered in place), by selection
/// rather than a full sort. `ps` must be ascending.
fn percentiles<const N: usize>(values: &mut [f64], ps: [f64; N]) -> [f64; N] {
    let last = values.len() - 1;
    let indexes = ps.map(|p| (p * last as f64).round() as usize);
    let mut out = [0.0; N];
    select_many(values, 0, &indexes, &mut out);
    out
}

/// Puts the order statistics at `indexes` (ascending, relative to the whole
/// slice, `values` starting at `offset`) into `out`: the middle one first,
/// then each side within its own part, so the work halves at each level.
fn select_many(values: &mut [f64], offset: usize, indexes: &[usize], out: &mut [f64]) {
    if indexes.is_empty() {
        return;
    }
    let mid = indexes.len() / 2;
    let at = indexes[mid] - offset;
    let (left, nth, right) = values.select_nth_unstable_by(at, f64::total_cmp);
    let nth = *nth;
    // Equal indexes (few values) share the order statistic just found.
    let before = indexes[..mid].partition_point(|&i| i < indexes[mid]);
    let after = mid + 1 + indexes[mid + 1..].partition_point(|&i| i == indexes[mid]);
    out[before..after].fill(nth);
    select_many(left, offset, &indexes[..before], &mut out[..before]);
    select_many(right, offset + at + 1, &indexes[after..], &mut out[after..]);
}

fn histogram(key: &str, label: &str, kind: Kind, column: &mut [f64], marks: [f64; 3]) -> Histogram {
    let [low, high] = percentiles(column, [0.01, 0.99]);
    let width = (high - low) / BINS as f64;
    let mut counts = vec![0u32; if width > 0.0 { BINS } else { 1 }];
    let (mut below, mut above) = (0, 0);
    for &v in column.iter() {
        if v < low {
            below += 1;
        } else if v > high {
            above += 1;
        } else if width > 0.0 {
            let bin = (((v - low) / width) as usize).min(BINS - 1);
            counts[bin] += 1;
        } else {
            counts[0] += 1;
        }
    }
    Histogram {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
        start: low,
        width: width.max(0.0),
        counts,
        below,
        above,
        percentiles: marks,
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
            let index = figures.iter().position(|f| f.defined && f.id.is(key))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut v: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        assert_eq!(percentiles(&mut v, [0.05, 0.5, 0.95]), [5.0, 50.0, 95.0]);
        let mut one = vec![7.0];
        assert_eq!(percentiles(&mut one, [0.05, 0.5, 0.95]), [7.0, 7.0, 7.0]);
        let mut two = vec![9.0, 8.0];
        assert_eq!(
            percentiles(&mut two, [0.01, 0.05, 0.5, 0.95]),
            [8.0, 8.0, 9.0, 9.0]
        );
    }

    #[test]
    fn histogram_bins_cover_the_middle_98_percent() {
        let mut v: Vec<f64> = (0..1000).map(f64::from).collect();
        let h = histogram("k", "K", Kind::Count, &mut v, [0.0; 3]);
        assert_eq!(h.counts.len(), BINS);
        assert_eq!(h.counts.iter().sum::<u32>() + h.below + h.above, 1000);
        assert_eq!((h.below, h.above), (10, 10));
        assert_eq!(h.start, 10.0);
    }
}
