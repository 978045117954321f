//! Downtime per year against the number of nines, on a log scale, with a
//! target and a composite system's availability marked.
//!
//! Every downtime drawn or written comes from the core
//! ([`Availability::from_nines`], [`Availability::downtime`],
//! [`downtime_text`]); the only arithmetic here is `log10` for the axis and
//! the axis range.

use envelope_core::availability::{downtime_text, Availability, SECONDS_PER_DAY};
use envelope_core::decimal::Decimal;
use envelope_core::Conventions;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axis::Axis;
use crate::style::{self, failed, DrawResult, BLUE, DASHED_RED, INK, RED, TEAL};
use crate::Chart;

/// The chart's title.
pub const NINES_TITLE: &str = "Downtime per year by availability";

/// Whole nines always on the x axis.
const FIRST_NINE: f64 = 1.0;
const LAST_NINE: f64 = 9.0;
/// The axis never grows beyond this many nines; marks beyond are described
/// in the text alternative as off the chart.
const MOST_NINES: f64 = 15.0;

/// Labelled y ticks: round durations first, then fillers where there is room.
const PRIMARY_TICKS: [(f64, &str); 9] = [
    (1e-9, "1 ns"),
    (1e-6, "1 µs"),
    (1e-3, "1 ms"),
    (1.0, "1 s"),
    (60.0, "1 min"),
    (3_600.0, "1 h"),
    (SECONDS_PER_DAY, "1 day"),
    (7.0 * SECONDS_PER_DAY, "1 week"),
    (30.0 * SECONDS_PER_DAY, "30 days"),
];
const SECONDARY_TICKS: [(f64, &str); 6] = [
    (1e-2, "10 ms"),
    (1e-1, "100 ms"),
    (10.0, "10 s"),
    (600.0, "10 min"),
    (6.0 * 3_600.0, "6 h"),
    (365.0 * SECONDS_PER_DAY, "1 year"),
];
/// Closest two y tick labels may be, in pixels.
const TICK_GAP: i32 = 15;

/// One availability to mark on the curve.
struct Mark {
    label: &'static str,
    availability: Availability,
    color: RGBColor,
}

/// Downtime per year (log scale) for 1 to 9 nines, with `target` and
/// `composite` marked and labelled, on a `size` pixel grid (clamped to
/// 240x160 through 4096x4096). The year is the one `conventions` use.
///
/// Never panics: `None`, 100% (no downtime, infinitely many nines) and
/// figures beyond 15 nines are left off the drawing and described in the
/// text alternative.
///
/// ```
/// use envelope_charts::{nines_chart, DEFAULT_SIZE};
/// use envelope_core::{availability::Availability, Conventions};
/// let target = Availability::parse("99.9%").ok();
/// let chart = nines_chart(target, None, &Conventions::default(), DEFAULT_SIZE);
/// assert!(chart.svg.contains("Downtime per 365-day year (log scale)"));
/// assert!(chart.alt.contains("Target 99.9% (3 nines): 8h 45m 36s per year"));
/// ```
pub fn nines_chart(
    target: Option<Availability>,
    composite: Option<Availability>,
    conventions: &Conventions,
    size: (u32, u32),
) -> Chart {
    let size = (size.0.clamp(240, 4096), size.1.clamp(160, 4096));
    let year = conventions.days_per_year() * SECONDS_PER_DAY;
    let marks: Vec<Mark> = [("Target", target, RED), ("Composite", composite, TEAL)]
        .into_iter()
        .filter_map(|(label, availability, color)| {
            availability.map(|availability| Mark {
                label,
                availability,
                color,
            })
        })
        .collect();
    let alt = alt_text(&marks, conventions, year);
    let body = match draw(&marks, conventions, year, size) {
        Ok(svg) => svg,
        Err(error) => style::empty_svg(
            NINES_TITLE,
            &format!("The chart could not be drawn ({error})."),
            size,
        ),
    };
    Chart {
        svg: style::finish(&body, size, NINES_TITLE, &alt),
        alt,
    }
}

/// Whether a mark can be drawn: finite, positive downtime within the axis.
fn on_chart(a: &Availability) -> bool {
    let n = a.nines();
    n.is_finite() && n <= MOST_NINES && a.unavailability() > 0.0
}

/// `99.9% (3 nines)`.
fn describe(a: &Availability) -> String {
    format!("{a} ({})", a.describe_nines())
}

fn year_name(conventions: &Conventions) -> String {
    format!("{}-day year", Decimal(conventions.days_per_year()))
}

fn alt_text(marks: &[Mark], conventions: &Conventions, year: f64) -> String {
    let ends: Vec<String> = [FIRST_NINE, LAST_NINE]
        .into_iter()
        .filter_map(|n| Availability::from_nines(n).ok())
        .map(|a| {
            format!(
                "{} at {} ({a})",
                downtime_text(a.downtime(year)),
                a.describe_nines()
            )
        })
        .collect();
    let mut alt = format!(
        "Downtime per {} falls tenfold with each nine, from {}.",
        year_name(conventions),
        ends.join(" to ")
    );
    for mark in marks {
        let a = &mark.availability;
        let downtime = downtime_text(a.downtime(year));
        let off = if on_chart(a) { "" } else { ", off the chart" };
        alt.push_str(&format!(
            " {} {}: {downtime} per year{off}.",
            mark.label,
            describe(a)
        ));
    }
    if marks.is_empty() {
        alt.push_str(" No target or composite to mark.");
    }
    alt
}

/// `log10` of the downtime per year at `a`, the y of the curve.
fn y_of(a: &Availability, year: f64) -> f64 {
    a.downtime(year).log10()
}

fn draw(
    marks: &[Mark],
    conventions: &Conventions,
    year: f64,
    size: (u32, u32),
) -> DrawResult<String> {
    let drawn: Vec<&Mark> = marks.iter().filter(|m| on_chart(&m.availability)).collect();
    let mark_nines = drawn.iter().map(|m| m.availability.nines());
    let x_min = mark_nines
        .clone()
        .fold(FIRST_NINE, f64::min)
        .floor()
        .max(0.0);
    let x_max = mark_nines.fold(LAST_NINE, f64::max).ceil().min(MOST_NINES);

    // The curve through every whole nine and every mark, all from the core.
    let mut curve: Vec<(f64, Availability)> = (x_min.max(FIRST_NINE) as u32..=x_max as u32)
        .filter_map(|n| Availability::from_nines(f64::from(n)).ok())
        .map(|a| (a.nines(), a))
        .chain(
            drawn
                .iter()
                .map(|m| (m.availability.nines(), m.availability)),
        )
        .collect();
    envelope_core::sorting::sort_by(&mut curve, |a, b| a.0.total_cmp(&b.0));
    let points: Vec<(f64, f64)> = curve.iter().map(|(n, a)| (*n, y_of(a, year))).collect();
    let whole: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(n, _)| n.fract() == 0.0)
        .collect();
    let (y_lo, y_hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    if !(y_lo.is_finite() && y_hi.is_finite()) {
        return Err("no finite downtime".to_owned());
    }
    let (y_lo, y_hi) = (y_lo - 0.5, y_hi + 0.5);

    let mut legend = vec![("Downtime per year", BLUE)];
    legend.extend(drawn.iter().map(|m| (m.label, m.color)));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let top = style::header(&root, NINES_TITLE, &legend)?;
        let (_, body) = root.split_vertically(top);
        let mut chart = ChartBuilder::on(&body)
            .margin_top(6)
            .margin_right(24)
            .margin_bottom(4)
            .x_label_area_size(42)
            .y_label_area_size(72)
            .build_cartesian_2d(Axis::from(x_min..x_max), Axis::from(y_lo..y_hi))
            .map_err(failed)?;
        let x_desc = "Availability in nines (3 nines = 99.9%)";
        let y_desc = format!("Downtime per {} (log scale)", year_name(conventions));
        let x_labels = (x_max - x_min) as usize + 1;
        style::mesh(&mut chart, (x_desc, x_labels), (&y_desc, 0))?;
        y_ticks(&root, &mut chart, (x_min, x_max), (y_lo, y_hi))?;

        chart
            .draw_series(LineSeries::new(points, BLUE.stroke_width(2)))
            .map_err(failed)?;
        chart
            .draw_series(whole.into_iter().map(|p| Circle::new(p, 3, BLUE.filled())))
            .map_err(failed)?;

        let (plot_left, plot_right) = {
            let (x_range, _) = chart.plotting_area().get_pixel_range();
            (x_range.start, x_range.end)
        };
        for (index, mark) in drawn.iter().enumerate() {
            let a = &mark.availability;
            let (n, y) = (a.nines(), y_of(a, year));
            let guide = if mark.color == RED {
                DASHED_RED.stroke_width(1)
            } else {
                mark.color.stroke_width(1)
            };
            chart
                .draw_series(LineSeries::new([(n, y_lo), (n, y)], guide))
                .map_err(failed)?;
            let label = format!(
                "{} {a}: {} / year",
                mark.label,
                downtime_text(a.downtime(year))
            );
            // The curve falls to the right, so the space above a point and
            // the space along the x axis are clear of it: the first label
            // goes just above its point, the second at the foot of its guide
            // line; each to the right, or to the left at the plot's edge.
            let (px, py) = chart.backend_coord(&(n, y));
            let (_, foot) = chart.backend_coord(&(n, y_lo));
            let width = style::text_width(&label, 12.0);
            let right = px + 10 + width <= plot_right || px - 10 - width < plot_left;
            let (dx, h) = if right {
                (10, HPos::Left)
            } else {
                (-10, HPos::Right)
            };
            let dy = if index == 0 { -8 } else { foot - py - 6 };
            let element = EmptyElement::at((n, y))
                + Circle::new((0, 0), 6, mark.color.filled())
                + Circle::new((0, 0), 6, INK.stroke_width(1))
                + Text::new(label, (dx, dy), style::text(12.0, 1.0, h, VPos::Bottom));
            chart
                .draw_series(std::iter::once(element))
                .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(svg)
}

/// Horizontal grid lines and duration labels at round durations, skipping
/// any label that would crowd one already placed.
fn y_ticks<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &mut style::Plot<'_, DB>,
    (x_min, x_max): (f64, f64),
    (y_lo, y_hi): (f64, f64),
) -> DrawResult<()> {
    let mut placed: Vec<i32> = Vec::new();
    for (seconds, label) in PRIMARY_TICKS.iter().chain(&SECONDARY_TICKS) {
        let y = seconds.log10();
        if !(y_lo..=y_hi).contains(&y) {
            continue;
        }
        let (px, py) = chart.backend_coord(&(x_min, y));
        if placed.iter().any(|&p| (p - py).abs() < TICK_GAP) {
            continue;
        }
        placed.push(py);
        chart
            .draw_series(LineSeries::new(
                [(x_min, y), (x_max, y)],
                INK.mix(style::GRID_OPACITY),
            ))
            .map_err(failed)?;
        root.draw(&Text::new(
            (*label).to_owned(),
            (px - 8, py),
            style::text(12.0, 0.85, HPos::Right, VPos::Center),
        ))
        .map_err(failed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{test_support, DEFAULT_SIZE};
    use envelope_core::MonthLength;

    fn a(text: &str) -> Availability {
        Availability::parse(text).unwrap()
    }

    /// Well-formed enough: one root, balanced, no leftover sentinels.
    fn assert_valid_svg(svg: &str) {
        test_support::assert_valid_svg(svg);
        assert_eq!(
            svg.matches("<title").count(),
            svg.matches("</title>").count(),
            "title"
        );
    }

    #[test]
    fn axes_curve_and_both_marks() {
        let c = Conventions::default();
        let chart = nines_chart(Some(a("99.9%")), Some(a("99.95%")), &c, DEFAULT_SIZE);
        assert_valid_svg(&chart.svg);
        assert!(chart.svg.contains("Downtime per 365-day year (log scale)"));
        assert!(chart
            .svg
            .contains("Availability in nines (3 nines = 99.9%)"));
        assert!(chart.svg.contains("Target 99.9%: 8h 45m 36s / year"));
        assert!(chart.svg.contains("Composite 99.95%: 4h 22m 48s / year"));
        assert!(chart.svg.contains("stroke-dasharray"), "the target's guide");
        for tick in ["1 s", "1 min", "1 h", "1 day"] {
            assert!(chart.svg.contains(&format!("\n{tick}\n</text>")), "{tick}");
        }
        assert!(chart.alt.starts_with(
            "Downtime per 365-day year falls tenfold with each nine, from 36d 12h at 1 nine (90%) to 31.54 ms at 9 nines (99.9999999%)."
        ), "{}", chart.alt);
        assert!(chart
            .alt
            .contains("Target 99.9% (3 nines): 8h 45m 36s per year."));
        assert!(chart
            .alt
            .contains("Composite 99.95% (3.30 nines): 4h 22m 48s per year."));
        assert!(chart.svg.contains(&format!("aria-label=\"{}\"", chart.alt)));
    }

    #[test]
    fn the_year_follows_the_conventions() {
        let c = Conventions {
            year: envelope_core::YearLength::Days365_25,
            month: MonthLength::Days30_44,
            ..Conventions::default()
        };
        let chart = nines_chart(Some(a("99.9%")), None, &c, DEFAULT_SIZE);
        assert!(chart
            .svg
            .contains("Downtime per 365.25-day year (log scale)"));
        // 0.001 x 365.25 x 86,400 s = 31,557.6 s
        assert!(
            chart
                .alt
                .contains("Target 99.9% (3 nines): 8h 45m 57.6s per year."),
            "{}",
            chart.alt
        );
    }

    #[test]
    fn nothing_to_mark_perfect_and_extreme_figures_never_panic() {
        let c = Conventions::default();
        let cases = [
            (None, None),
            (Some(Availability::PERFECT), Some(Availability::PERFECT)),
            (Some(a("99.9999999999999999999%")), Some(a("0.000001%"))),
            (Some(a("50%")), Some(a("15 nines"))),
            (Availability::from_unavailability(1e-300).ok(), None),
            (
                Availability::from_fraction(f64::MIN_POSITIVE).ok(),
                Some(a("0.5")),
            ),
        ];
        for (target, composite) in cases {
            for size in [DEFAULT_SIZE, (0, 0), (100_000, 10)] {
                let chart = nines_chart(target, composite, &c, size);
                assert_valid_svg(&chart.svg);
                assert!(
                    chart.svg.contains("(log scale)"),
                    "{target:?} {composite:?}"
                );
                assert!(!chart.alt.is_empty());
            }
        }
        let none = nines_chart(None, None, &c, DEFAULT_SIZE);
        assert!(none.alt.ends_with("No target or composite to mark."));
        let perfect = nines_chart(Some(Availability::PERFECT), None, &c, DEFAULT_SIZE);
        assert!(
            perfect
                .alt
                .contains("Target 100% (no downtime): none per year, off the chart."),
            "{}",
            perfect.alt
        );
    }

    #[test]
    fn marks_widen_the_axis() {
        let c = Conventions::default();
        let chart = nines_chart(Some(a("12 nines")), Some(a("50%")), &c, DEFAULT_SIZE);
        assert!(
            chart.svg.contains("\n12\n</text>"),
            "the x axis reaches 12 nines"
        );
        assert!(chart.svg.contains("\n0\n</text>"), "and starts at 0");
        assert!(chart.svg.contains("Composite 50%"));
    }
}
