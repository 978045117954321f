//! Summarising one figure's samples: nearest-rank percentiles by selection
//! and a histogram, without a full sort.

use super::Histogram;
use crate::Kind;

/// Bins of each histogram.
const BINS: usize = 24;

/// Moves the finite values of `column` to its front and gives them: a
/// figure can be undefined in some samples (reads per write when a sample
/// has no writes), and those samples are left out of its statistics.
pub(super) fn finite_first(column: &mut [f64]) -> &mut [f64] {
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
pub(super) fn percentiles<const N: usize>(values: &mut [f64], ps: [f64; N]) -> [f64; N] {
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

pub(super) fn histogram(
    key: &str,
    label: &str,
    kind: Kind,
    column: &mut [f64],
    marks: [f64; 3],
) -> Histogram {
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
