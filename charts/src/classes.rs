//! Per request class bar charts: storage, and ingress and egress.

use envelope_core::{format, Conventions, Measure, Report};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axis::Axis;
use crate::scale;
use crate::style::{self, display_name, failed, DrawResult, BLUE, ORANGE, TEAL};
use crate::{ChartKind, Drawn};

/// At most this many bars; the smallest classes beyond are summed into one
/// "other" row.
const MAX_ROWS: usize = 10;
/// How many classes the text alternative names.
const ALT_ROWS: usize = 5;

/// One row of a bar chart: a name and one value per bar (non-negative,
/// finite).
struct Row {
    name: String,
    values: Vec<f64>,
}

impl Row {
    fn total(&self) -> f64 {
        self.values.iter().sum()
    }
}

/// A value fit to draw: finite and positive, else zero.
fn usable(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// Sorts rows largest first, drops empty ones and folds the tail into
/// "Other (N classes)" when there are more than `max`.
fn arrange(mut rows: Vec<Row>, max: usize) -> Vec<Row> {
    rows.retain(|r| r.total() > 0.0);
    envelope_core::sorting::sort_by(&mut rows, |a, b| b.total().total_cmp(&a.total()));
    if rows.len() > max {
        let tail = rows.split_off(max - 1);
        let width = tail.first().map_or(0, |r| r.values.len());
        let values = (0..width)
            .map(|i| {
                tail.iter()
                    .map(|r| r.values.get(i).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        rows.push(Row {
            name: format!("Other ({} classes)", tail.len()),
            values,
        });
    }
    rows
}

/// "12 TB/day".
fn per_day(v: f64, conventions: &Conventions) -> String {
    format!(
        "{}/day",
        format::measure(&Measure::data_bytes(v), conventions)
    )
}

/// "and 3 more" when the text names only some of `count` rows.
fn more(count: usize) -> String {
    if count > ALT_ROWS {
        format!("; and {} more", count - ALT_ROWS)
    } else {
        String::new()
    }
}

/// Draws [`ChartKind::StorageByClass`].
pub(crate) fn draw_storage(report: &Report, size: (u32, u32)) -> DrawResult<Drawn> {
    let conventions = &report.conventions;
    let classes = &report.series.by_class;
    let rows: Vec<Row> = classes
        .iter()
        .map(|c| Row {
            name: display_name(&c.name),
            values: vec![usable(c.stored_bytes_per_day)],
        })
        .collect();
    let named = arrange(rows, usize::MAX);
    if named.is_empty() {
        let reason = if classes.is_empty() {
            "The report has no request classes."
        } else {
            "No request class stores data."
        };
        return Ok(Drawn::Empty {
            reason: reason.into(),
        });
    }
    let total: f64 = named.iter().map(Row::total).sum();
    let listed: Vec<String> = named
        .iter()
        .take(ALT_ROWS)
        .map(|r| {
            let share = format::measure(&Measure::Fraction(r.total() / total), conventions);
            format!("{} {} ({share})", r.name, per_day(r.total(), conventions))
        })
        .collect();
    let mut alt = format!(
        "Data stored per day by request class, {} in all: {}{}.",
        per_day(total, conventions),
        listed.join(", "),
        more(named.len())
    );
    let idle = classes.len() - named.len();
    if idle > 0 {
        alt.push_str(&format!(
            " {idle} of {} classes store nothing.",
            classes.len()
        ));
    }
    let rows = arrange(named, MAX_ROWS);
    bars(
        ChartKind::StorageByClass,
        &rows,
        &[("Stored per day (one copy)", TEAL)],
        "Stored per day",
        conventions,
        size,
    )
    .map(|svg| Drawn::Chart { svg, alt })
}

/// Draws [`ChartKind::BandwidthByClass`].
pub(crate) fn draw_bandwidth(report: &Report, size: (u32, u32)) -> DrawResult<Drawn> {
    let conventions = &report.conventions;
    let classes = &report.series.by_class;
    let rows: Vec<Row> = classes
        .iter()
        .map(|c| Row {
            name: display_name(&c.name),
            values: vec![
                usable(c.ingress_bytes_per_day),
                usable(c.egress_bytes_per_day),
            ],
        })
        .collect();
    let named = arrange(rows, usize::MAX);
    if named.is_empty() {
        let reason = if classes.is_empty() {
            "The report has no request classes."
        } else {
            "No request class moves data."
        };
        return Ok(Drawn::Empty {
            reason: reason.into(),
        });
    }
    let sum = |i: usize| named.iter().map(|r| r.values[i]).sum::<f64>();
    let listed: Vec<String> = named
        .iter()
        .take(ALT_ROWS)
        .map(|r| {
            format!(
                "{} {} in and {} out",
                r.name,
                per_day(r.values[0], conventions),
                per_day(r.values[1], conventions)
            )
        })
        .collect();
    let alt = format!(
        "Bandwidth per day by request class, {} in and {} out in all: {}{}.",
        per_day(sum(0), conventions),
        per_day(sum(1), conventions),
        listed.join("; "),
        more(named.len())
    );
    let rows = arrange(named, MAX_ROWS);
    let legend = [("Ingress (received)", BLUE), ("Egress (sent)", ORANGE)];
    bars(
        ChartKind::BandwidthByClass,
        &rows,
        &legend,
        "Bytes per day",
        conventions,
        size,
    )
    .map(|svg| Drawn::Chart { svg, alt })
}

/// Horizontal bars, one group per row and one bar per legend entry, with the
/// row names left of the axis and each value after its bar.
fn bars(
    kind: ChartKind,
    rows: &[Row],
    legend: &[(&str, RGBColor)],
    x_desc: &str,
    conventions: &Conventions,
    size: (u32, u32),
) -> DrawResult<String> {
    let max = scale::finite_max(rows.iter().flat_map(|r| r.values.iter().copied())).unwrap_or(0.0);
    let top = scale::axis_top(max, 0.28).unwrap_or(1.0);
    let unit = scale::bytes(max, conventions);
    let n = rows.len() as f64;
    // Bars fill 76% of their row, less when there are only one or two rows
    // (a single bar the height of the chart looks like a wall).
    let group = 0.76 * (n / 3.0).min(1.0);
    let per_bar = group / legend.len().max(1) as f64;
    let label_width = rows
        .iter()
        .map(|r| style::text_width(&r.name, 12.0))
        .max()
        .unwrap_or(0)
        + 18;
    let label_width = label_width.clamp(48, (size.0 as i32 * 45 / 100).max(48));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let header = style::header(&root, kind.title(), legend)?;
        let (_, body) = root.split_vertically(header);
        let mut chart = ChartBuilder::on(&body)
            .margin_top(6)
            .margin_right(24)
            .x_label_area_size(42)
            .y_label_area_size(label_width)
            .build_cartesian_2d(Axis::from(0.0..top / unit.divisor), Axis::from(0.0..n))
            .map_err(failed)?;
        style::mesh(
            &mut chart,
            (&format!("{x_desc} ({})", unit.name), 8),
            ("", 0),
        )?;

        let value_style = style::text(11.0, 0.85, HPos::Left, VPos::Center);
        for (i, row) in rows.iter().enumerate() {
            // The first row at the top.
            let slot_top = n - i as f64 - (1.0 - group) / 2.0;
            for (j, (&value, (_, color))) in row.values.iter().zip(legend).enumerate() {
                let y1 = slot_top - j as f64 * per_bar;
                let y0 = y1 - per_bar;
                let x = value / unit.divisor;
                chart
                    .draw_series([Rectangle::new([(0.0, y0), (x, y1)], color.filled())])
                    .map_err(failed)?;
                let (px, py) = chart.backend_coord(&(x, (y0 + y1) / 2.0));
                let text = format::measure(&Measure::data_bytes(value), conventions);
                root.draw(&Text::new(text, (px + 4, py), value_style.clone()))
                    .map_err(failed)?;
            }
            let (px, py) = chart.backend_coord(&(0.0, n - i as f64 - 0.5));
            root.draw(&Text::new(
                row.name.clone(),
                (px - 8, py),
                style::text(12.0, 1.0, HPos::Right, VPos::Center),
            ))
            .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrange_sorts_drops_and_folds() {
        let rows = (0..14)
            .map(|i| Row {
                name: format!("c{i}"),
                values: vec![i as f64],
            })
            .collect();
        let rows = arrange(rows, 5);
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        // c0 is empty and dropped; c13..c10 kept; c9..c1 folded.
        assert_eq!(names, ["c13", "c12", "c11", "c10", "Other (9 classes)"]);
        assert_eq!(rows[4].values, [45.0]);
    }

    #[test]
    fn unusable_values_are_zero() {
        assert_eq!(usable(f64::NAN), 0.0);
        assert_eq!(usable(f64::INFINITY), 0.0);
        assert_eq!(usable(-3.0), 0.0);
        assert_eq!(usable(2.0), 2.0);
    }
}
