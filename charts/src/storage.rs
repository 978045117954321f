//! Stored bytes over the retention period.

use envelope_core::{format, Measure, Report};
use plotters::prelude::*;

use crate::axis::Axis;
use crate::scale::{self, Unit};
use crate::style::{self, failed, DrawResult, BLUE, ORANGE};
use crate::{ChartKind, Drawn};

/// "5 years", "1 month".
fn span(value: f64, unit: &Unit) -> String {
    let name = if value == 1.0 {
        unit.name.trim_end_matches('s')
    } else {
        unit.name
    };
    format!("{} {name}", format::number(value))
}

/// Draws [`ChartKind::StorageGrowth`].
pub(crate) fn draw(report: &Report, size: (u32, u32)) -> DrawResult<Drawn> {
    let conventions = &report.conventions;
    let points = &report.series.storage_growth;
    let stored: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.day.is_finite() && p.stored_bytes.is_finite())
        .map(|p| (p.day, p.stored_bytes))
        .collect();
    let replicated: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.day.is_finite() && p.replicated_bytes.is_finite())
        .map(|p| (p.day, p.replicated_bytes))
        .collect();
    let days = stored.iter().chain(&replicated).map(|p| p.0);
    let first_day = days.clone().fold(f64::INFINITY, f64::min).min(0.0);
    let last_day = days.fold(f64::NEG_INFINITY, f64::max);
    let Some(y_max) = scale::finite_max(stored.iter().chain(&replicated).map(|p| p.1)) else {
        return Ok(Drawn::Empty {
            reason: "The report has no storage figures.".into(),
        });
    };
    if !last_day.is_finite() || last_day <= first_day {
        return Ok(Drawn::Empty {
            reason: "Storage needs at least two points in time.".into(),
        });
    }
    let y_min = stored
        .iter()
        .chain(&replicated)
        .map(|p| p.1)
        .fold(0.0, f64::min);
    let Some(y_top) = scale::axis_top(y_max, 0.06) else {
        return Ok(Drawn::Empty {
            reason: "The scenario stores no data.".into(),
        });
    };

    let time = scale::time(last_day, conventions);
    let bytes = scale::bytes(y_max, conventions);
    let data = |v: f64| format::measure(&Measure::data_bytes(v), conventions);

    // The replication factor, as the series shows it at the end.
    let last_stored = stored.last().map_or(0.0, |p| p.1);
    let last_replicated = replicated.last().map_or(0.0, |p| p.1);
    let factor = (last_stored > 0.0 && last_replicated.is_finite()).then(|| {
        format::measure(
            &Measure::Multiplier(last_replicated / last_stored),
            conventions,
        )
    });

    let replicated_label = match &factor {
        Some(f) => format!("Replicated ({f})"),
        None => "Replicated".to_owned(),
    };
    let alt = {
        let first_stored = stored.first().map_or(0.0, |p| p.1);
        let verb = if last_stored >= first_stored {
            "grows"
        } else {
            "falls"
        };
        let mut alt = format!(
            "Storage {verb} from {} to {} over {} (one copy)",
            data(first_stored),
            data(last_stored),
            span((last_day - first_day) / time.divisor, &time),
        );
        match &factor {
            Some(f) => alt.push_str(&format!(
                "; {} with {f} replication.",
                data(last_replicated)
            )),
            None => alt.push_str(&format!("; {} replicated.", data(last_replicated))),
        }
        alt
    };

    let scaled = |series: &[(f64, f64)]| -> Vec<(f64, f64)> {
        series
            .iter()
            .map(|&(d, b)| (d / time.divisor, b / bytes.divisor))
            .collect()
    };
    let (stored, replicated) = (scaled(&stored), scaled(&replicated));
    let x_range = first_day / time.divisor..last_day / time.divisor;
    let y_range = y_min / bytes.divisor..y_top / bytes.divisor;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let legend = [
            ("Stored (one copy)", BLUE),
            (replicated_label.as_str(), ORANGE),
        ];
        let top = style::header(&root, ChartKind::StorageGrowth.title(), &legend)?;
        let (_, body) = root.split_vertically(top);
        let mut chart = ChartBuilder::on(&body)
            .margin_top(6)
            .margin_right(24)
            .margin_bottom(4)
            .x_label_area_size(42)
            .y_label_area_size(64)
            .build_cartesian_2d(Axis::from(x_range), Axis::from(y_range))
            .map_err(failed)?;
        let x_desc = format!("Time ({})", time.name);
        let y_desc = format!("Stored ({})", bytes.name);
        style::mesh(&mut chart, (&x_desc, 8), (&y_desc, 6))?;
        for (series, color) in [(replicated, ORANGE), (stored, BLUE)] {
            chart
                .draw_series(
                    AreaSeries::new(series, 0.0, color.mix(0.15))
                        .border_style(color.stroke_width(2)),
                )
                .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(Drawn::Chart { svg, alt })
}
