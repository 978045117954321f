//! Random numbers for the Monte Carlo: a seeded generator and a fast,
//! exact standard-normal sampler.
//!
//! The core has no clock and no entropy source: callers pass the generator
//! in, so a given seed always gives the same samples.

/// A source of uniformly distributed 64-bit words.
///
/// Implement it to drive [`crate::uncertainty::simulate`] with your own
/// generator; [`Xoshiro256`] is the one Envelope uses.
pub trait RandomSource {
    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64;

    /// A uniform number in the open interval (0, 1): 53 random bits, never
    /// exactly 0 or 1, so its logarithm is always finite.
    fn next_open01(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }
}

/// A generator lent out: [`crate::uncertainty::simulate`] draws through
/// `&mut rng` and leaves the caller's generator just past the draws.
impl<R: RandomSource + ?Sized> RandomSource for &mut R {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        (**self).next_u64()
    }
}

/// The xoshiro256++ generator (Blackman and Vigna, 2019): small, fast and
/// statistically strong; not for cryptography. Seeded through SplitMix64 so
/// that nearby seeds give unrelated streams.
///
/// ```
/// use envelope_core::uncertainty::{RandomSource, Xoshiro256};
/// let mut a = Xoshiro256::seed_from(42);
/// let mut b = Xoshiro256::seed_from(42);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert_ne!(Xoshiro256::seed_from(43).next_u64(), Xoshiro256::seed_from(42).next_u64());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Xoshiro256 {
    state: [u64; 4],
}

impl Xoshiro256 {
    /// A generator whose stream is fixed by `seed`.
    pub fn seed_from(seed: u64) -> Xoshiro256 {
        let mut x = seed;
        let mut split_mix = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Xoshiro256 {
            state: [split_mix(), split_mix(), split_mix(), split_mix()],
        }
    }
}

impl RandomSource for Xoshiro256 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }
}

use crate::math::{exp, ln};
use crate::scenario::Distribution;

/// Layers of the ziggurat.
const LAYERS: usize = 256;
/// Where the tail starts: the right edge of the bottom layer.
const TAIL_START: f64 = 3.654_152_885_361_009;
/// The area of each layer under exp(-x²/2).
const LAYER_AREA: f64 = 4.928_673_233_99e-3;

/// Draws standard normal numbers with the ziggurat method (Marsaglia and
/// Tsang, 2000, in the 256-layer form of Doornik, 2005): 99% of draws cost one
/// random word, a multiply and a compare; the rest fall back to exact
/// rejection, so the draws are exactly normal (no table interpolation).
///
/// ```
/// use envelope_core::uncertainty::{StandardNormal, Xoshiro256};
/// let normal = StandardNormal::new();
/// let mut rng = Xoshiro256::seed_from(7);
/// let n = 100_000;
/// let mean = (0..n).map(|_| normal.sample(&mut rng)).sum::<f64>() / n as f64;
/// assert!(mean.abs() < 0.01);
/// ```
#[derive(Clone, Debug)]
pub struct StandardNormal {
    /// x[i]: the right edge of layer i; x[0] is the bottom layer's virtual
    /// width (its area over its height), x[LAYERS] = 0.
    x: [f64; LAYERS + 1],
    /// f[i] = exp(-x[i]²/2).
    f: [f64; LAYERS + 1],
}

impl Default for StandardNormal {
    fn default() -> Self {
        StandardNormal::new()
    }
}

fn density(x: f64) -> f64 {
    exp(-0.5 * x * x)
}

impl StandardNormal {
    /// Builds the layer tables (a few microseconds).
    pub fn new() -> StandardNormal {
        let mut x = [0.0; LAYERS + 1];
        x[0] = LAYER_AREA / density(TAIL_START);
        x[1] = TAIL_START;
        for i in 2..LAYERS {
            // Each layer has the same area: width x[i-1] times the height
            // difference f(x[i]) - f(x[i-1]).
            let height = LAYER_AREA / x[i - 1] + density(x[i - 1]);
            x[i] = (-2.0 * ln(height)).sqrt();
        }
        x[LAYERS] = 0.0;
        let mut f = [0.0; LAYERS + 1];
        for (fi, xi) in f.iter_mut().zip(&x) {
            *fi = density(*xi);
        }
        StandardNormal { x, f }
    }

    /// One draw from the standard normal distribution.
    #[inline]
    pub fn sample<R: RandomSource + ?Sized>(&self, rng: &mut R) -> f64 {
        loop {
            let bits = rng.next_u64();
            let layer = (bits & 0xff) as usize;
            // 53 high bits as a uniform number in [-1, 1).
            let u = (bits >> 11) as f64 * (2.0 / (1u64 << 53) as f64) - 1.0;
            let x = u * self.x[layer];
            if x.abs() < self.x[layer + 1] {
                return x;
            }
            if layer == 0 {
                return self.tail(rng, u < 0.0);
            }
            let y = self.f[layer + 1] + (self.f[layer] - self.f[layer + 1]) * rng.next_open01();
            if y < density(x) {
                return x;
            }
        }
    }

    /// A draw beyond the tail start (Marsaglia, 1964).
    #[cold]
    fn tail<R: RandomSource + ?Sized>(&self, rng: &mut R, negative: bool) -> f64 {
        loop {
            let x = ln(rng.next_open01()) / TAIL_START;
            let y = ln(rng.next_open01());
            if -2.0 * y >= x * x {
                return if negative {
                    x - TAIL_START
                } else {
                    TAIL_START - x
                };
            }
        }
    }
}

// Drawing from a range's distribution is sampling, so it lives here rather
// than with the range itself (`crate::scenario`), which is plain data.
impl Distribution {
    /// One random draw.
    #[inline]
    pub fn sample<R: RandomSource + ?Sized>(&self, normal: &StandardNormal, rng: &mut R) -> f64 {
        match *self {
            Distribution::Point(v) => v,
            Distribution::LogNormal { mu, sigma } => exp(mu + sigma * normal.sample(rng)),
            Distribution::Normal { mean, sd } => mean + sd * normal.sample(rng),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_tables_close_at_zero() {
        let n = StandardNormal::new();
        // The last computed edge must land just above zero: the recurrence
        // accumulates every layer's area, so a wrong constant shows here.
        assert!(
            n.x[LAYERS - 1] > 0.0 && n.x[LAYERS - 1] < 0.3,
            "{}",
            n.x[LAYERS - 1]
        );
        assert!((n.x[1] - TAIL_START).abs() < 1e-15);
        assert!(n.x.windows(2).skip(1).all(|w| w[0] > w[1]));
    }

    #[test]
    fn xoshiro_matches_its_reference_stream() {
        // First outputs of xoshiro256++ from the state {1, 2, 3, 4}
        // (reference implementation at prng.di.unimi.it).
        let mut rng = Xoshiro256 {
            state: [1, 2, 3, 4],
        };
        // Checked by hand: rotl(1 + 4, 23) + 1, then the state update.
        let first: Vec<u64> = (0..2).map(|_| rng.next_u64()).collect();
        assert_eq!(first, [41_943_041, 58_720_359]);
    }

    #[test]
    fn normal_draws_have_the_normal_quantiles_and_moments() {
        let normal = StandardNormal::new();
        let mut rng = Xoshiro256::seed_from(2026);
        let n = 400_000;
        let mut draws: Vec<f64> = (0..n).map(|_| normal.sample(&mut rng)).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.006, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "variance {var}");
        draws.sort_by(f64::total_cmp);
        let q = |p: f64| draws[(p * (n - 1) as f64).round() as usize];
        for (p, z) in [
            (0.05, -1.644_853_6),
            (0.5, 0.0),
            (0.95, 1.644_853_6),
            (0.999, 3.090_232),
        ] {
            assert!(
                (q(p) - z).abs() < 0.02 + 0.02 * z.abs(),
                "p{p}: {} vs {z}",
                q(p)
            );
        }
        // The tail beyond 3.65 holds 0.0129% of draws in each direction.
        let beyond = draws.iter().filter(|x| x.abs() > TAIL_START).count() as f64 / n as f64;
        assert!((beyond - 2.58e-4).abs() < 1e-4, "tail share {beyond}");
    }
}
