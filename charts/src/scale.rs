//! Display units for axes: the only arithmetic the charts do.

use envelope_core::{ByteUnits, Conventions};

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
    fn axis_tops() {
        assert_eq!(axis_top(0.0, 0.1), None);
        assert_eq!(axis_top(f64::INFINITY, 0.1), None);
        assert_eq!(axis_top(f64::MAX, 0.1), Some(f64::MAX));
        assert_eq!(finite_max([1.0, f64::NAN, 3.0, f64::INFINITY]), Some(3.0));
        assert_eq!(finite_max([f64::NAN]), None);
    }
}
