//! Summarising one figure's samples: their mean, nearest-rank percentiles
//! and a histogram, in a few linear passes rather than a sort.
//!
//! Why not `select_nth_unstable` on the values: it was most of the Monte
//! Carlo's work (about 60 instructions per value for three selections, each
//! comparing by `f64::total_cmp`, and two more for a histogram). Here each
//! value becomes an integer that orders as `total_cmp` does; one pass counts
//! the integers per bucket of their top bits, which tells each percentile's
//! bucket, a second gathers only those buckets' values, and they are
//! searched the same way (see [`order_statistics`]). The percentiles are the
//! same values: the order statistics of the same total order. Only the last
//! few keys are compared, by an insertion sort, so std's selection (a few KB
//! of the web app's download) is not needed either.

use super::Histogram;
use crate::Kind;

/// Bins of each histogram.
const BINS: usize = 24;

/// The percentiles each figure gets: the 1st and 99th are a histogram's
/// edges, the 5th, 50th and 95th the spread's.
pub(super) const PERCENTILES: [f64; 5] = [0.01, 0.05, 0.5, 0.95, 0.99];

/// Buckets of a counting pass, 2^11: few enough to clear and walk (8 KB,
/// on the stack of each of at most six levels), many enough that a bucket of 10,000 samples of a figure
/// spread over a few octaves holds a few dozen.
const BUCKET_BITS: u32 = 11;
const BUCKETS: usize = 1 << BUCKET_BITS;

/// Keys few enough to sort rather than count.
const FEW: usize = 32;

/// `v` as an integer in the order of `f64::total_cmp`: a negative value has
/// every bit flipped (larger magnitudes first), a positive one its sign bit
/// set (above every negative).
fn ordered(v: f64) -> u64 {
    let bits = v.to_bits();
    bits ^ (((bits as i64 >> 63) as u64) | 1 << 63)
}

/// The value [`ordered`] made `key` from.
fn unordered(key: u64) -> f64 {
    f64::from_bits(key ^ (((!key as i64 >> 63) as u64) | 1 << 63))
}

/// Buffers kept between figures: the largest, a key per sample, is
/// allocated once.
#[derive(Default)]
pub(super) struct Scratch {
    /// The finite values of the figure being summarised, as [`ordered`] keys.
    keys: Vec<u64>,
}

/// One figure's statistics over the samples where it is finite.
pub(super) struct Summary {
    /// Samples in which it is finite.
    pub finite: usize,
    /// Their mean (NaN when there are none).
    pub mean: f64,
    /// Their [`PERCENTILES`], nearest-rank: the value at index
    /// round(p x (n - 1)) of the sorted values (NaN when there are none).
    pub percentiles: [f64; 5],
}

/// Summarises `column`, one figure's value in each sample in sample order,
/// leaving out the samples where it is not finite (reads per write when a
/// sample has no writes, or past the largest number): `undefined` is called
/// with each such sample's index.
pub(super) fn summarise(
    column: &[f64],
    scratch: &mut Scratch,
    mut undefined: impl FnMut(usize),
) -> Summary {
    let keys = &mut scratch.keys;
    keys.clear();
    // From -0.0 in sample order, as std's `Sum` adds: the same mean to the bit.
    let mut sum = -0.0;
    // Nearly every figure is finite in every sample: then each pass is one
    // simple loop (v x 0 is 0 exactly when v is finite, and compiles to
    // vector instructions where `is_finite` would not).
    if column
        .iter()
        .fold(true, |finite, &v| finite & (v * 0.0 == 0.0))
    {
        for &v in column {
            sum += v;
        }
        keys.extend(column.iter().map(|&v| ordered(v)));
    } else {
        for (i, &v) in column.iter().enumerate() {
            if v.is_finite() {
                sum += v;
                keys.push(ordered(v));
            } else {
                undefined(i);
            }
        }
    }
    let n = keys.len();
    let mut percentiles = [f64::NAN; 5];
    if n > 0 {
        let mut ranks = [0; 5];
        for (rank, p) in ranks.iter_mut().zip(PERCENTILES) {
            *rank = (p * (n - 1) as f64).round() as usize;
        }
        let mut found = [0; 5];
        order_statistics(keys, &ranks, 0, &mut found);
        for (percentile, key) in percentiles.iter_mut().zip(found) {
            *percentile = unordered(key);
        }
    }
    Summary {
        finite: n,
        // NaN when there are none: -0.0 / 0.
        mean: sum / n as f64,
        percentiles,
    }
}

/// Puts the order statistics of `keys` at `ranks` less `minus` (ascending,
/// each within `keys`) into `out`, mostly by counting rather than
/// comparing: one pass counts the keys per bucket of their offset from the
/// least key (its top bits); buckets come in key order, so the counts say
/// which bucket holds each rank; a second pass gathers those buckets' keys,
/// and each bucket is searched the same way in turn, until it is one key
/// value or a few keys, sorted. A bucket's keys span at most 1/2^10 of its
/// parent's, so the levels are few however the keys crowd together (values
/// either side of zero, one value in most samples).
fn order_statistics(keys: &mut [u64], ranks: &[usize], minus: usize, out: &mut [u64]) {
    if keys.len() <= FEW {
        // Insertion sort: a few lines, and quick for a few keys.
        for i in 1..keys.len() {
            let mut j = i;
            while j > 0 && keys[j - 1] > keys[j] {
                keys.swap(j - 1, j);
                j -= 1;
            }
        }
        for (out, rank) in out.iter_mut().zip(ranks) {
            *out = keys[rank - minus];
        }
        return;
    }
    let (lo, hi) = keys.iter().fold((u64::MAX, u64::MIN), |(lo, hi), &key| {
        (lo.min(key), hi.max(key))
    });
    if lo == hi {
        out.fill(lo);
        return;
    }
    let shift = (u64::BITS - (hi - lo).leading_zeros()).saturating_sub(BUCKET_BITS);
    // The offset has at most BUCKET_BITS bits left after the shift: the mask
    // changes nothing but spares a bounds check per key.
    let bucket = |key: u64| ((key - lo) >> shift) as usize & (BUCKETS - 1);
    let mut counts = [0u32; BUCKETS];
    for &key in keys.iter() {
        counts[bucket(key)] += 1;
    }
    // The buckets that hold a rank, in order: each's first rank, keys
    // before it, and index.
    let mut groups = Vec::with_capacity(ranks.len());
    let mut wanted = [false; BUCKETS];
    let (mut b, mut before) = (0, 0);
    for (i, &rank) in ranks.iter().enumerate() {
        while before + counts[b] as usize <= rank - minus {
            before += counts[b] as usize;
            b += 1;
        }
        if !wanted[b] {
            groups.push((i, before, b));
            wanted[b] = true;
        }
    }
    if shift == 0 {
        // Buckets one key wide: each holds copies of one key.
        for (g, &(first, _, b)) in groups.iter().enumerate() {
            let end = groups.get(g + 1).map_or(ranks.len(), |next| next.0);
            out[first..end].fill(lo + b as u64);
        }
        return;
    }
    // Those buckets' keys in one pass over all, then each's own.
    let picked: Vec<u64> = keys
        .iter()
        .copied()
        .filter(|&key| wanted[bucket(key)])
        .collect();
    for (g, &(first, before, b)) in groups.iter().enumerate() {
        let end = groups.get(g + 1).map_or(ranks.len(), |next| next.0);
        let mut inside: Vec<u64> = picked
            .iter()
            .copied()
            .filter(|&key| bucket(key) == b)
            .collect();
        order_statistics(
            &mut inside,
            &ranks[first..end],
            minus + before,
            &mut out[first..end],
        );
    }
}

/// Counts of `column`'s finite values in [`BINS`] equal bins from `low` to
/// `high` (its 1st and 99th percentiles), and those below and above.
pub(super) fn histogram(
    key: &str,
    label: &str,
    kind: Kind,
    column: &[f64],
    [low, high]: [f64; 2],
    marks: [f64; 3],
) -> Histogram {
    let width = (high - low) / BINS as f64;
    let mut counts = vec![0u32; if width > 0.0 { BINS } else { 1 }];
    let (mut below, mut above) = (0, 0);
    for &v in column.iter().filter(|v| v.is_finite()) {
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
    use crate::uncertainty::{RandomSource, Xoshiro256};
    use proptest::prelude::*;

    /// The summary the plain way: the finite values sorted by `total_cmp`,
    /// the value at each nearest rank, the mean by std's `Sum`.
    fn sorted_summary(column: &[f64]) -> (usize, f64, [f64; 5]) {
        let mut finite: Vec<f64> = column.iter().copied().filter(|v| v.is_finite()).collect();
        let mean = finite.iter().sum::<f64>() / finite.len() as f64;
        finite.sort_by(f64::total_cmp);
        let at = |p: f64| finite[(p * (finite.len() - 1) as f64).round() as usize];
        (finite.len(), mean, PERCENTILES.map(at))
    }

    fn check(column: &[f64]) {
        let mut undefined = Vec::new();
        let got = summarise(column, &mut Scratch::default(), |i| undefined.push(i));
        let want_undefined: Vec<usize> = (0..column.len())
            .filter(|&i| !column[i].is_finite())
            .collect();
        assert_eq!(undefined, want_undefined);
        if got.finite == 0 {
            assert!(column.iter().all(|v| !v.is_finite()));
            assert!(got.mean.is_nan() && got.percentiles.iter().all(|p| p.is_nan()));
            return;
        }
        let (finite, mean, percentiles) = sorted_summary(column);
        assert_eq!(got.finite, finite);
        // Bit for bit: -0.0 is not 0.0 here.
        assert_eq!(got.mean.to_bits(), mean.to_bits(), "mean of {column:?}");
        assert_eq!(
            got.percentiles.map(f64::to_bits),
            percentiles.map(f64::to_bits),
            "percentiles of {column:?}"
        );
    }

    #[test]
    fn keys_order_as_total_cmp() {
        let values = [
            f64::NEG_INFINITY,
            -f64::MAX,
            -1.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            f64::MAX,
            f64::INFINITY,
        ];
        for w in values.windows(2) {
            assert!(ordered(w[0]) < ordered(w[1]), "{w:?}");
        }
        for v in values {
            assert_eq!(unordered(ordered(v)).to_bits(), v.to_bits());
        }
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        let s = summarise(&v, &mut Scratch::default(), |_| {});
        assert_eq!(s.percentiles, [1.0, 5.0, 50.0, 95.0, 99.0]);
        assert_eq!(s.mean, 50.0);
        let one = summarise(&[7.0], &mut Scratch::default(), |_| {});
        assert_eq!(one.percentiles, [7.0; 5]);
        let two = summarise(&[9.0, 8.0], &mut Scratch::default(), |_| {});
        assert_eq!(two.percentiles, [8.0, 8.0, 9.0, 9.0, 9.0]);
    }

    #[test]
    fn crowded_buckets_and_odd_values() {
        // One value in most samples, either side of zero, signed zeros, the
        // extremes, undefined samples, nothing finite at all.
        let mut crowded = vec![3.0; 9_000];
        crowded.extend((0..1_000).map(f64::from));
        check(&crowded);
        check(&(-500..500).map(|i| f64::from(i) * 1e-3).collect::<Vec<_>>());
        check(&[0.0, -0.0, -0.0, 0.0, -0.0]);
        check(&[-0.0, -0.0]);
        check(&[f64::MAX, -f64::MAX, 0.0, f64::MIN_POSITIVE, 1e300]);
        check(&[f64::NAN, 1.0, f64::INFINITY, 2.0, f64::NEG_INFINITY, 3.0]);
        check(&[f64::NAN, f64::INFINITY]);
        check(&[]);
    }

    /// A value drawn from `bits`: from a small set (many ties, signed
    /// zeros), any bit pattern, a lognormal-like spread, either side of
    /// zero, or not finite. Drawn from a seed rather than by proptest's
    /// strategies, which are slow to make thousands of values in a debug
    /// build.
    fn value(bits: u64) -> f64 {
        let unit = (bits >> 11) as f64 / (1u64 << 53) as f64;
        match bits % 8 {
            0 | 1 => ((bits >> 8) % 7) as f64 - 3.0,
            2 => f64::from_bits(bits),
            3 => (unit * 30.0).exp(),
            4 => unit * 2e3 - 1e3,
            5 => -0.0,
            6 => [f64::NAN, f64::INFINITY, f64::NEG_INFINITY][(bits >> 8) as usize % 3],
            _ => 1e6 + unit,
        }
    }

    proptest! {
        #[test]
        fn same_as_sorting(seed in any::<u64>(), len in 0usize..3_000, kinds in 1u64..=8) {
            // Fewer kinds of values in some columns: all ties, all finite.
            let mut rng = Xoshiro256::seed_from(seed);
            let column: Vec<f64> = (0..len)
                .map(|_| value(rng.next_u64() / 8 * 8 + rng.next_u64() % kinds))
                .collect();
            check(&column);
        }
    }

    #[test]
    fn histogram_bins_cover_the_middle_98_percent() {
        let v: Vec<f64> = (0..1000).map(f64::from).collect();
        let s = summarise(&v, &mut Scratch::default(), |_| {});
        let [p1, _, _, _, p99] = s.percentiles;
        let h = histogram("k", "K", Kind::Count, &v, [p1, p99], [0.0; 3]);
        assert_eq!(h.counts.len(), BINS);
        assert_eq!(h.counts.iter().sum::<u32>() + h.below + h.above, 1000);
        assert_eq!((h.below, h.above), (10, 10));
        assert_eq!(h.start, 10.0);
    }
}
