//! How stored data accumulates over time, and an illustrative day of
//! traffic: the arithmetic behind the storage figures and the charts' series.

use crate::report::{StoragePoint, TrafficPoint};

/// How many days' worth of the first day's volume are written over `days`
/// days when the daily volume grows continuously by `growth` a year:
/// d(t) = d0 (1+g)^t, so the total is d0 x days/year x ((1+g)^T - 1) / ln(1+g)
/// for T years (just `days` without growth).
pub(crate) fn growth_days(days: f64, days_per_year: f64, growth: f64) -> f64 {
    if growth.abs() < 1e-12 {
        return days;
    }
    let years = days / days_per_year;
    days_per_year * (((1.0 + growth).powf(years) - 1.0) / (1.0 + growth).ln())
}

/// Points of the storage growth chart: what is kept (one copy, and
/// replicated) from day 0 to the end of the retention period.
pub(crate) fn storage_growth(
    stored_bytes_per_day: f64,
    retention_days: f64,
    days_per_year: f64,
    growth: f64,
    replication: f64,
) -> Vec<StoragePoint> {
    const POINTS: usize = 60;
    (0..=POINTS)
        .map(|i| {
            let day = retention_days * i as f64 / POINTS as f64;
            let kept = stored_bytes_per_day * growth_days(day, days_per_year, growth);
            StoragePoint {
                day,
                stored_bytes: kept,
                replicated_bytes: kept * replication,
            }
        })
        .collect()
}

/// Points of the day's traffic: every 15 minutes.
const STEPS: usize = 96;

/// cos(2 pi j / 96) for j = 0..=24 (a quarter turn in 15-minute steps),
/// correctly rounded (worked out to 60 digits). A table rather than
/// `f64::cos`: these are the only cosines the core takes, and the cosine's
/// code (its argument reduction included) was 2.6 KB of the web app's
/// brotli download. The tests check it against `f64::cos`.
const QUARTER_COSINES: [f64; STEPS / 4 + 1] = [
    1.0,
    0.9978589232386035,
    0.9914448613738104,
    0.9807852804032304,
    0.9659258262890683,
    0.9469301294951057,
    0.9238795325112867,
    0.8968727415326883,
    0.8660254037844386,
    0.8314696123025452,
    0.7933533402912352,
    0.7518398074789774,
    std::f64::consts::FRAC_1_SQRT_2, // cos 45°, the same correctly rounded value
    0.6593458151000688,
    0.6087614290087207,
    0.5555702330196022,
    0.5,
    0.4422886902190013,
    0.3826834323650898,
    0.3214394653031616,
    0.25881904510252074,
    0.19509032201612828,
    0.1305261922200516,
    0.06540312923014306,
    0.0,
];

/// cos(2 pi j / 96), from [`QUARTER_COSINES`] by the cosine's symmetries.
fn cos_step(j: i64) -> f64 {
    let j = j.rem_euclid(STEPS as i64) as usize;
    let q = STEPS / 4;
    match j {
        _ if j <= q => QUARTER_COSINES[j],
        _ if j <= 2 * q => -QUARTER_COSINES[2 * q - j],
        _ if j <= 3 * q => -QUARTER_COSINES[j - 2 * q],
        _ => QUARTER_COSINES[STEPS - j],
    }
}

/// An illustrative day of traffic whose average is the scenario's average and
/// whose maximum (at 20:00) is its peak: `avg x (floor + scale x bump(h)^k)`,
/// where the bump is a raised cosine sharpened (k grows) until the floor can
/// stay non-negative. Beyond about 60x a 15-minute grid cannot hold both the
/// mean and the peak; the floor is then clamped at zero and the drawn mean
/// runs above the true average.
pub(crate) fn daily_traffic(
    avg_reads: f64,
    avg_writes: f64,
    peak_factor: f64,
) -> Vec<TrafficPoint> {
    const MAX_SHARPNESS: usize = 400;
    /// The peak's step: 20:00.
    const PEAK: i64 = (20 * STEPS / 24) as i64;
    let hours: Vec<f64> = (0..=STEPS)
        .map(|i| 24.0 * i as f64 / STEPS as f64)
        .collect();
    // cos(2 pi (h - 20) / 24) at h = 24 i / 96.
    let bump: Vec<f64> = (0..=STEPS as i64)
        .map(|i| (1.0 + cos_step(i - PEAK)) / 2.0)
        .collect();
    let factor = peak_factor.max(1.0);
    let mut shape = bump.clone();
    let mean = |shape: &[f64]| shape[..STEPS].iter().sum::<f64>() / STEPS as f64;
    let mut k = 1;
    while mean(&shape) > 0.9 / factor && k < MAX_SHARPNESS {
        for (s, b) in shape.iter_mut().zip(&bump) {
            *s *= b;
        }
        k += 1;
    }
    let m = mean(&shape);
    let fitted = (factor - 1.0) / (1.0 - m);
    let (floor, scale) = if fitted <= factor {
        (factor - fitted, fitted)
    } else {
        (0.0, factor)
    };
    hours
        .iter()
        .zip(&shape)
        .map(|(&hour, &b)| {
            let level = floor + scale * b;
            TrafficPoint {
                hour,
                reads_per_second: avg_reads * level,
                writes_per_second: avg_writes * level,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table and its symmetries give the cosine of every step of the
    /// day, to within an ulp or two of `f64::cos` (which takes the angle
    /// after rounding it); the exact ones exactly.
    #[test]
    fn table_cosines_are_the_cosines() {
        for j in -200..200 {
            let angle = std::f64::consts::TAU * j as f64 / STEPS as f64;
            let (got, want) = (cos_step(j), angle.cos());
            assert!((got - want).abs() < 1e-14, "cos step {j}: {got} vs {want}");
        }
        for (j, exact) in [
            (0, 1.0),
            (16, 0.5),
            (24, 0.0),
            (32, -0.5),
            (48, -1.0),
            (72, 0.0),
        ] {
            assert_eq!(cos_step(j).abs(), f64::abs(exact), "cos step {j}");
        }
        // Hand-checked: cos(45 degrees) = sqrt(2) / 2, at step 12.
        assert_eq!(cos_step(12), std::f64::consts::FRAC_1_SQRT_2);
        assert_eq!(cos_step(-12), cos_step(12));
    }

    #[test]
    fn daily_curve_keeps_average_and_peak() {
        for factor in [1.0, 2.0, 4.8, 10.0] {
            let pts = daily_traffic(100.0, 10.0, factor);
            let mean: f64 = pts[..96].iter().map(|p| p.reads_per_second).sum::<f64>() / 96.0;
            let max = pts.iter().map(|p| p.reads_per_second).fold(0.0, f64::max);
            let min = pts
                .iter()
                .map(|p| p.reads_per_second)
                .fold(f64::MAX, f64::min);
            assert!((mean - 100.0).abs() < 1e-9, "mean {mean} for {factor}");
            assert!(
                (max - 100.0 * factor).abs() < 1e-9,
                "max {max} for {factor}"
            );
            assert!(min >= 0.0);
        }
        // Extreme factors keep the peak and never draw negative traffic.
        let pts = daily_traffic(1.0, 0.0, 1000.0);
        let max = pts.iter().map(|p| p.reads_per_second).fold(0.0, f64::max);
        assert!((max - 1000.0).abs() < 1e-6);
        assert!(pts.iter().all(|p| p.reads_per_second >= 0.0));
    }

    #[test]
    fn growth_days_hand_checked() {
        // No growth: the days themselves.
        assert_eq!(growth_days(730.0, 365.0, 0.0), 730.0);
        // 100% a year for 1 year: 365 x (2 - 1) / ln 2 = 526.58 days' worth.
        let d = growth_days(365.0, 365.0, 1.0);
        assert!((d - 365.0 / std::f64::consts::LN_2).abs() < 1e-9, "{d}");
    }
}
