//! `exp` and `ln` in plain IEEE arithmetic.
//!
//! Two reasons not to use the platform's: the same seed must give the same
//! percentiles in the CLI (native libm) and the browser (Rust's wasm libm),
//! which differ in the last bit for some inputs; and in wasm these are 2-3x
//! faster than the library's, which the sampler's speed depends on. Both are
//! accurate to a few units in the last place (tested against std).

/// ln 2 split in two: `LN2_HI` has its low bits zero, so `k * LN2_HI` is
/// exact for any exponent `k` (fdlibm's constants).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
const LOG2_E: f64 = std::f64::consts::LOG2_E;

/// e^x.
#[inline]
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.782_712_893_384 {
        return f64::INFINITY;
    }
    if x < -745.133_219_101_941_1 {
        return 0.0;
    }
    // x = k ln2 + r with |r| <= ln2 / 2.
    let k = (x * LOG2_E).round_ties_even();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // e^r by its Taylor series to r^13 / 13!: the rest is below 5e-18.
    let e_r = taylor_exp(r);
    scale_by_power_of_two(e_r, k as i32)
}

/// e^r for |r| <= ln 2 / 2: the sum of r^n / n! to n = 13, evaluated by
/// Estrin's scheme (pairs, then pairs of pairs) so that the multiplications
/// do not wait on each other as in Horner's rule.
#[inline]
fn taylor_exp(r: f64) -> f64 {
    const C: [f64; 14] = [
        1.0,
        1.0,
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5_040.0,
        1.0 / 40_320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
    ];
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let pair = |i: usize| C[i] + C[i + 1] * r;
    let low = (pair(0) + pair(2) * r2) + (pair(4) + pair(6) * r2) * r4;
    let high = (pair(8) + pair(10) * r2) + pair(12) * r4;
    low + high * r8
}

/// `x * 2^k` for the exponents `exp` produces, -1075 <= k <= 1024.
#[inline]
fn scale_by_power_of_two(x: f64, k: i32) -> f64 {
    let two_to = |k: i32| f64::from_bits(((k + 1023) as u64) << 52);
    if k > 1023 {
        x * two_to(1023) * two_to(k - 1023)
    } else if k < -1022 {
        // Two steps, so the result may be subnormal without 2^k being one.
        x * two_to(k + 1000) * two_to(-1000)
    } else {
        x * two_to(k)
    }
}

/// The natural logarithm; NaN below zero, -inf at zero.
#[inline]
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x == f64::INFINITY {
        return x;
    }
    // Subnormals: scale into the normal range first.
    let (x, offset) = if x < f64::MIN_POSITIVE {
        (x * 2f64.powi(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i32 - 1023 + offset;
    let mut m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716:
    // 2 (s + s^3/3 + s^5/5 + ...), to s^23 (the rest is below 1e-19).
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut p = 1.0 / 23.0;
    let mut n = 21.0;
    while n >= 1.0 {
        p = p * s2 + 1.0 / n;
        n -= 2.0;
    }
    let k = f64::from(e);
    k * LN2_HI + (2.0 * s * p + k * LN2_LO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    #[test]
    fn ln2_splits_exactly() {
        assert_eq!(LN2_HI.to_bits() & 0x1f_ffff, 0, "low bits zero");
        assert!((LN2_HI + LN2_LO - std::f64::consts::LN_2).abs() < 1e-17);
    }

    #[test]
    fn exp_matches_std_within_two_ulps() {
        let mut worst = 0;
        let mut x = -740.0;
        while x < 709.0 {
            worst = worst.max(ulps(exp(x), x.exp()));
            x += 0.013_7;
        }
        for x in [0.0, 1.0, -1.0, 1e-300, -1e-300, 0.346, -0.346, 1e-10] {
            worst = worst.max(ulps(exp(x), x.exp()));
        }
        assert!(worst <= 2, "worst {worst} ulps");
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert!(exp(-745.0) > 0.0, "subnormal results survive");
    }

    #[test]
    fn ln_matches_std_within_two_ulps() {
        let mut worst = 0;
        let mut x = 1e-310;
        while x < 1e300 {
            worst = worst.max(ulps(ln(x), x.ln()));
            x *= 1.013_7;
        }
        for x in [0.5, 1.0, 2.0, 0.999_999_9, 1.000_000_1, std::f64::consts::E] {
            worst = worst.max(ulps(ln(x), x.ln()));
        }
        assert!(worst <= 2, "worst {worst} ulps");
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
    }
}
