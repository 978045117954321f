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
    const STEPS: usize = 96; // every 15 minutes
    const MAX_SHARPNESS: usize = 400;
    let hours: Vec<f64> = (0..=STEPS)
        .map(|i| 24.0 * i as f64 / STEPS as f64)
        .collect();
    let bump: Vec<f64> = hours
        .iter()
        .map(|h| (1.0 + (std::f64::consts::TAU * (h - 20.0) / 24.0).cos()) / 2.0)
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
