//! Display units for axes: the only arithmetic the charts do.

use envelope_core::{decimal, format, ByteUnits, Conventions, Kind, Measure};

/// An axis unit: divide values by `divisor` and write `name` in the label.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Unit {
    pub divisor: f64,
    pub name: &'static str,
}

const SI_BYTES: [&str; 9] = ["B", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
const IEC_BYTES: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
const COUNTS: [&str; 5] = ["", "k", "M", "G", "T"];

/// The largest prefix of `base` not above `max`.
fn pick(max: f64, base: f64, names: &'static [&'static str]) -> Unit {
    let mut divisor = 1.0;
    let mut name = names[0];
    for &candidate in &names[1..] {
        let next = divisor * base;
        if max.is_finite() && max >= next {
            divisor = next;
            name = candidate;
        } else {
            break;
        }
    }
    Unit { divisor, name }
}

/// A byte unit (`PB`, or `PiB` under IEC conventions) for values up to `max`.
pub(crate) fn bytes(max: f64, conventions: &Conventions) -> Unit {
    match conventions.bytes {
        ByteUnits::Si => pick(max, 1000.0, &SI_BYTES),
        ByteUnits::Iec => pick(max, 1024.0, &IEC_BYTES),
    }
}

/// A decimal multiplier (`""`, `k`, `M`, ...) for counts up to `max`.
pub(crate) fn count(max: f64) -> Unit {
    pick(max, 1000.0, &COUNTS)
}

/// A time unit for an x axis spanning `days`: years for two years or more,
/// months for two months or more, else days. The name is plural.
pub(crate) fn time(days: f64, conventions: &Conventions) -> Unit {
    let year = conventions.days_per_year();
    let month = conventions.days_per_month();
    if days >= 2.0 * year {
        Unit {
            divisor: year,
            name: "years",
        }
    } else if days >= 2.0 * month {
        Unit {
            divisor: month,
            name: "months",
        }
    } else {
        Unit {
            divisor: 1.0,
            name: "days",
        }
    }
}

/// The step an axis of `kind` values up to `max` (in the kind's base unit)
/// counts in, so that its ticks fall on round numbers of the unit
/// [`format::measure`] prints: a power of 1000 (of 1024 for IEC bytes) for
/// counts, rates, data and money, 1% for fractions, and ns, us, ms, s, min,
/// h or days for durations.
pub(crate) fn step(kind: Kind, max: f64, conventions: &Conventions) -> f64 {
    const DURATIONS: [f64; 7] = [1e-9, 1e-6, 1e-3, 1.0, 60.0, 3_600.0, 86_400.0];
    match kind {
        Kind::Data | Kind::DataRate => bytes(max, conventions).divisor,
        Kind::Count | Kind::Rate | Kind::Money => count(max).divisor,
        Kind::Fraction => 0.01,
        Kind::Multiplier => 1.0,
        Kind::Duration => DURATIONS
            .into_iter()
            .rev()
            .find(|&d| max.is_finite() && max >= 2.0 * d)
            .unwrap_or(1.0),
    }
}

/// A tick label on an axis of `kind` values counted in `step`s (see
/// [`step`]): `value` steps printed as the core prints figures, with their
/// unit (`2.5 k req/s`, `3 TB`, `1h 30m`). Empty for a negative value unless
/// `signed`: the padding left of data that is never negative should not
/// read `-2 k req/s`.
pub(crate) fn measure_tick(
    value: f64,
    (kind, step, signed): (Kind, f64, bool),
    conventions: &Conventions,
) -> String {
    // Plotters' ticks carry floating-point noise (0.30000000000000004).
    // (decimal::parse reads as str::parse does, without its 10 KB table.)
    let value = decimal::parse(&format!("{:.6e}", decimal::Decimal(value))).unwrap_or(value);
    let value = if value == 0.0 { 0.0 } else { value };
    if value < 0.0 && !signed {
        return String::new();
    }
    format::measure(&Measure::from_base(kind, value * step), conventions)
}

/// How many x tick labels to ask plotters for on an `axis` (as for
/// [`measure_tick`]) `plot_width` pixels wide reaching `max` steps either
/// side of zero: 5 to 10, at most one per label width (plotters then picks
/// round steps, often fewer). Labels are measured at two significant
/// figures (`6.2 k req/s`), as round ticks print.
pub(crate) fn tick_count(
    plot_width: f64,
    max: f64,
    axis: (Kind, f64, bool),
    conventions: &Conventions,
) -> usize {
    let rounded = decimal::parse(&format!("{:.1e}", decimal::Decimal(max))).unwrap_or(max);
    let sample = measure_tick(rounded, (axis.0, axis.1, true), conventions);
    let width = crate::style::text_width(&sample, 12.0).max(24);
    ((plot_width / f64::from(width)) as usize).clamp(5, 10)
}

/// An x axis of `kind` values from `lo` to `hi` (in the kind's base unit)
/// on a plot `plot_width` pixels wide, negative ticks labelled if `signed`:
/// the axis as [`measure_tick`] takes it (its [`step`] in the middle) and
/// the [`tick_count`] to ask plotters for.
pub(crate) fn measure_axis(
    kind: Kind,
    (lo, hi): (f64, f64),
    signed: bool,
    plot_width: f64,
    conventions: &Conventions,
) -> ((Kind, f64, bool), usize) {
    let max = lo.abs().max(hi.abs());
    let axis = (kind, step(kind, max, conventions), signed);
    (
        axis,
        tick_count(plot_width, max / axis.1, axis, conventions),
    )
}

/// The top of an axis showing values up to `max`, with a little headroom;
/// `None` when there is nothing to show (no positive finite maximum).
pub(crate) fn axis_top(max: f64, headroom: f64) -> Option<f64> {
    if !(max.is_finite() && max > 0.0) {
        return None;
    }
    let top = max * (1.0 + headroom);
    Some(if top.is_finite() { top } else { max })
}

/// The largest finite value, if any.
pub(crate) fn finite_max(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |m, v| Some(m.map_or(v, |m: f64| m.max(v))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_units() {
        let si = Conventions::default();
        assert_eq!(bytes(8.2e15, &si).name, "PB");
        assert_eq!(bytes(999.0, &si).name, "B");
        assert_eq!(bytes(0.0, &si).name, "B");
        assert_eq!(bytes(1e40, &si).name, "YB");
        assert_eq!(bytes(f64::NAN, &si).name, "B");
        let iec = Conventions {
            bytes: ByteUnits::Iec,
            ..si
        };
        let unit = bytes(3.0 * 1024.0 * 1024.0, &iec);
        assert_eq!((unit.name, unit.divisor), ("MiB", 1024.0 * 1024.0));
    }

    #[test]
    fn count_and_time_units() {
        assert_eq!(count(450.0).name, "");
        assert_eq!(count(3_472.0).name, "k");
        assert_eq!(count(2.5e6).name, "M");
        let c = Conventions::default();
        assert_eq!(time(5.0 * 365.0, &c).name, "years");
        assert_eq!(time(365.0, &c).name, "months");
        assert_eq!(time(30.0, &c).name, "days");
    }

    #[test]
    fn measure_ticks() {
        let c = Conventions::default();
        let rate = step(Kind::Rate, 3_600.0, &c);
        assert_eq!(rate, 1000.0);
        let axis = (Kind::Rate, rate, false);
        assert_eq!(measure_tick(2.5, axis, &c), "2.5 k req/s");
        assert_eq!(measure_tick(0.30000000000000004, axis, &c), "300 req/s");
        assert_eq!(measure_tick(-0.0, axis, &c), "0 req/s");
        assert_eq!(measure_tick(-2.0, axis, &c), "");
        assert_eq!(
            measure_tick(-2.0, (Kind::Rate, rate, true), &c),
            "-2 k req/s"
        );
        let data = step(Kind::Data, 3.2e12, &c);
        assert_eq!(measure_tick(3.0, (Kind::Data, data, false), &c), "3 TB");
        let iec = Conventions {
            bytes: ByteUnits::Iec,
            ..c
        };
        let tib = step(Kind::Data, 3.0 * 1024f64.powi(4), &iec);
        assert_eq!(measure_tick(1.5, (Kind::Data, tib, false), &iec), "1.5 TiB");
        assert_eq!(step(Kind::Duration, 5.0 * 3_600.0, &c), 3_600.0);
        assert_eq!(step(Kind::Duration, 0.5, &c), 1e-3);
        assert_eq!(step(Kind::Duration, f64::NAN, &c), 1.0);
        assert_eq!(measure_tick(25.0, (Kind::Fraction, 0.01, false), &c), "25%");
        assert_eq!(measure_tick(1.5, (Kind::Money, 1e6, false), &c), "$1.5 M");
        // "6.2 k req/s" is about 80 pixels.
        assert_eq!(tick_count(560.0, 6.239, axis, &c), 7);
        assert_eq!(tick_count(100.0, 6.239, axis, &c), 5);
        assert_eq!(tick_count(4000.0, f64::NAN, axis, &c), 10);
    }

    #[test]
    fn axis_tops() {
        assert_eq!(axis_top(0.0, 0.1), None);
        assert_eq!(axis_top(f64::INFINITY, 0.1), None);
        assert_eq!(axis_top(f64::MAX, 0.1), Some(f64::MAX));
        assert_eq!(finite_max([1.0, f64::NAN, 3.0, f64::INFINITY]), Some(3.0));
        assert_eq!(finite_max([f64::NAN]), None);
    }
}
