//! The charts' `f64` axis: plotters' own (`RangedCoordf64`) for the
//! mapping and the tick positions, with tick labels written by
//! [`style::tick`](crate::style::tick) rather than by plotters' default
//! label formatter. Every chart passes its own label formatters anyway;
//! with plotters' axis type the default one (std's float formatting, some
//! 4 KB of the web app's download) was compiled in all the same.

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;

/// An `f64` axis over a range (see the module's documentation).
#[derive(Clone)]
pub(crate) struct Axis(RangedCoordf64);

impl From<Range<f64>> for Axis {
    fn from(range: Range<f64>) -> Axis {
        Axis(range.into())
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        self.0.key_points(hint)
    }

    fn range(&self) -> Range<f64> {
        self.0.range()
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> Range<i32> {
        self.0.axis_pixel_range(limit)
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        crate::style::tick(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_ticks_as_plotters_own_axis() {
        let ours = Axis::from(0.0..250.0);
        let theirs: RangedCoordf64 = (0.0..250.0).into();
        for v in [0.0, 12.5, 100.0, 250.0, 300.0] {
            assert_eq!(ours.map(&v, (10, 610)), theirs.map(&v, (10, 610)));
        }
        assert_eq!(ours.key_points(6), theirs.key_points(6));
        assert_eq!(ours.range(), 0.0..250.0);
        assert_eq!(Axis::format(&0.1), "0.1");
        assert_eq!(Axis::format(&1_500.0), crate::style::tick(1_500.0));
    }
}
