//! Requests per second over an illustrative day.

use envelope_core::{format, Measure, Report};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axis::Axis;
use crate::scale;
use crate::style::{
    self, failed, DrawResult, BLUE, DASHED_INK, DASHED_RED, INK, ORANGE, RED, TEAL,
};
use crate::{ChartKind, Drawn};

/// `20:00` for 20.0. Whole minutes of the day in integers: a float
/// remainder would bring the wasm's `fmod` (0.9 KB of code) for this alone.
fn clock(hour: f64) -> String {
    let minutes = ((hour * 60.0).round() as i64).rem_euclid(24 * 60);
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The average of a curve over its hours (trapezoids), or the plain mean
/// when the hours do not span an interval.
fn average(points: &[(f64, f64)]) -> f64 {
    let span = match (points.first(), points.last()) {
        (Some(a), Some(b)) => b.0 - a.0,
        _ => return 0.0,
    };
    if span > 0.0 {
        let area: f64 = points
            .windows(2)
            .map(|w| (w[1].0 - w[0].0) * (w[0].1 + w[1].1) / 2.0)
            .sum();
        area / span
    } else {
        points.iter().map(|p| p.1).sum::<f64>() / points.len() as f64
    }
}

/// Draws [`ChartKind::DailyTraffic`].
pub(crate) fn draw(report: &Report, size: (u32, u32)) -> DrawResult<Drawn> {
    let conventions = &report.conventions;
    let mut points: Vec<_> = report
        .series
        .daily_traffic
        .iter()
        .filter(|p| p.hour.is_finite())
        .copied()
        .collect();
    envelope_core::sorting::sort_by(&mut points, |a, b| a.hour.total_cmp(&b.hour));
    let reads: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.reads_per_second.is_finite())
        .map(|p| (p.hour, p.reads_per_second))
        .collect();
    let writes: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.writes_per_second.is_finite())
        .map(|p| (p.hour, p.writes_per_second))
        .collect();
    let total: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (p.hour, p.reads_per_second + p.writes_per_second))
        .filter(|p| p.1.is_finite())
        .collect();

    let Some(peak) = scale::finite_max(total.iter().map(|p| p.1)) else {
        return Ok(Drawn::Empty {
            reason: "The report has no traffic figures.".into(),
        });
    };
    let Some(y_top) = scale::axis_top(peak, 0.14) else {
        return Ok(Drawn::Empty {
            reason: "The scenario has no requests.".into(),
        });
    };
    let avg = average(&total);
    let peak_hour = total.iter().find(|p| p.1 == peak).map_or(0.0, |p| p.0);
    let rate = |v: f64| format::measure(&Measure::per_second(v), conventions);
    let read_peak = scale::finite_max(reads.iter().map(|p| p.1)).unwrap_or(0.0);
    let write_peak = scale::finite_max(writes.iter().map(|p| p.1)).unwrap_or(0.0);
    let alt = format!(
        "Over an illustrative day, requests average {} and peak at {} around {}; reads peak at {}, \
         writes at {}. The shape of the day is a model; the average and the peak are the scenario's.",
        rate(avg),
        rate(peak),
        clock(peak_hour),
        rate(read_peak),
        rate(write_peak),
    );

    let unit = scale::count(peak);
    let scaled = |series: &[(f64, f64)]| -> Vec<(f64, f64)> {
        series.iter().map(|&(h, v)| (h, v / unit.divisor)).collect()
    };
    let x0 = points.first().map_or(0.0, |p| p.hour).min(0.0);
    let x1 = points.last().map_or(24.0, |p| p.hour).max(24.0);
    let y0 = reads.iter().chain(&writes).map(|p| p.1).fold(0.0, f64::min) / unit.divisor;
    let (avg_y, peak_y) = (avg / unit.divisor, peak / unit.divisor);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let legend = [
            ("Total", TEAL),
            ("Reads", BLUE),
            ("Writes", ORANGE),
            ("Peak", RED),
            ("Average", INK),
        ];
        let top = style::header(&root, ChartKind::DailyTraffic.title(), &legend)?;
        let (_, rest) = root.split_vertically(top);
        let note =
            "The shape is illustrative: only the average and the peak come from the scenario.";
        let footer_height = style::footer_height(note, size.0);
        let (body, footer) = rest.split_vertically(size.1.saturating_sub(top + footer_height));
        style::footnote(&footer, note)?;
        let mut chart = ChartBuilder::on(&body)
            .margin_top(6)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(64)
            .build_cartesian_2d(Axis::from(x0..x1), Axis::from(y0..y_top / unit.divisor))
            .map_err(failed)?;
        let y_desc = if unit.name.is_empty() {
            "Requests/s".to_owned()
        } else {
            format!("Requests/s ({})", unit.name)
        };
        style::mesh(&mut chart, ("Hour of day", 13), (&y_desc, 6))?;

        let label = |text: String, y: f64, color: RGBColor, v: VPos| {
            let mut style = style::text(11.0, 1.0, HPos::Right, v);
            style.color = color.to_backend_color();
            Text::new(text, (x1, y), style)
        };
        chart
            .draw_series(LineSeries::new(
                [(x0, avg_y), (x1, avg_y)],
                DASHED_INK.mix(0.7).stroke_width(1),
            ))
            .map_err(failed)?;
        chart
            .draw_series(LineSeries::new(
                [(x0, peak_y), (x1, peak_y)],
                DASHED_RED.stroke_width(1),
            ))
            .map_err(failed)?;
        for (series, color) in [(writes, ORANGE), (reads, BLUE), (total, TEAL)] {
            chart
                .draw_series(LineSeries::new(scaled(&series), color.stroke_width(2)))
                .map_err(failed)?;
        }
        chart
            .draw_series([
                label(format!("peak {}", rate(peak)), peak_y, RED, VPos::Bottom),
                label(format!("average {}", rate(avg)), avg_y, INK, VPos::Top),
            ])
            .map_err(failed)?;
        root.present().map_err(failed)?;
    }
    Ok(Drawn::Chart { svg, alt })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_average() {
        assert_eq!(clock(20.0), "20:00");
        assert_eq!(clock(7.5), "7:30");
        assert_eq!(clock(24.0), "0:00");
        assert_eq!(clock(23.9999), "0:00");
        assert_eq!(clock(-0.5), "23:30");
        assert_eq!(clock(49.25), "1:15");
        assert_eq!(average(&[(0.0, 1.0), (12.0, 3.0), (24.0, 1.0)]), 2.0);
        assert_eq!(average(&[(5.0, 4.0)]), 4.0);
        assert_eq!(average(&[]), 0.0);
    }
}
