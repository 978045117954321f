//! A Monte Carlo figure's distribution: one bar per bin of samples, with the
//! 5th, 50th and 95th percentiles marked.
//!
//! Every count, bin edge and percentile comes from the core's [`Histogram`];
//! the only arithmetic here is each bin's share of the samples and the axis
//! range.

use envelope_core::uncertainty::Histogram;
use envelope_core::{format, Conventions, Measure};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::style::{
    self, failed, DrawResult, BLUE, DASHED_INK, INK, RED, RIGHT_MARGIN, X_LABEL_AREA,
};
use crate::{clamp_size, finish_drawn, scale, Chart, Drawn};

/// Pixels between the rows of percentile labels at the top of the plot.
const LABEL_ROW: i32 = 15;
/// Size of the percentile labels.
const LABEL_PX: f64 = 11.0;
/// Room for the y tick labels and description.
const Y_LABEL_AREA: u32 = 56;
const TOP_MARGIN: u32 = 6;

/// The histogram of one simulated figure, `h`, on a `size` pixel grid
/// (clamped to 240x160 through 4096x4096): one bar per bin, its height the
/// bin's share of all samples; the x axis in the figure's unit (tick labels
/// such as `2.5 k req/s` or `3 TB`, byte units per `conventions`); dashed
/// lines at the 5th and 95th percentiles and a solid one at the median, each
/// labelled with its value. The title is the figure's label.
///
/// The histogram spans the 1st to the 99th percentile; the samples beyond
/// (`h.below`, `h.above`) are not drawn, and the chart says so under the
/// plot and in the text alternative.
///
/// Never panics: when every sample is equal (one bin of width 0) the chart
/// is one bar at that value; with no samples, or bins that are not finite
/// numbers, it is a "No data to chart" drawing that says why.
///
/// ```
/// use envelope_charts::{histogram_chart, DEFAULT_SIZE};
/// use envelope_core::{fields, uncertainty, Conventions, Scenario};
/// let mut s = Scenario::default();
/// fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
/// let sim = uncertainty::simulate_seeded(&s).unwrap();
/// let chart = histogram_chart(&sim.histograms[0], &Conventions::default(), DEFAULT_SIZE);
/// assert!(chart.alt.starts_with("Histogram of Peak requests/s over 10,000 samples: 5th percentile "));
/// assert!(chart.svg.contains("Share of samples (%)"));
/// ```
pub fn histogram_chart(h: &Histogram, conventions: &Conventions, size: (u32, u32)) -> Chart {
    let size = clamp_size(size);
    let title = style::plain_text(&h.label);
    finish_drawn(&title, size, draw(h, &title, conventions, size))
}

/// The 5th, 50th and 95th percentiles' names, in the order of
/// [`Histogram::percentiles`].
const NAMES: [&str; 3] = ["5th percentile", "median", "95th percentile"];

/// One labelled vertical line.
struct Marker {
    value: f64,
    label: String,
    /// Row of the label, from the top of the plot.
    row: i32,
    /// Whether the label would rather sit right of the line.
    right: bool,
    color: RGBColor,
}

fn draw(
    h: &Histogram,
    title: &str,
    conventions: &Conventions,
    size: (u32, u32),
) -> DrawResult<Drawn> {
    let binned: u64 = h.counts.iter().map(|&c| u64::from(c)).sum();
    let samples = binned + u64::from(h.below) + u64::from(h.above);
    if h.counts.is_empty() || samples == 0 {
        return Ok(Drawn::Empty {
            reason: "The simulation drew no samples.".into(),
        });
    }
    let end = h.start + h.width * h.counts.len() as f64;
    if !(h.start.is_finite() && h.width.is_finite() && h.width >= 0.0 && end.is_finite()) {
        return Ok(Drawn::Empty {
            reason: "The samples are not finite numbers.".into(),
        });
    }
    let kind = h.kind;
    let text = |v: f64| format::measure(&Measure::from_base(kind, v), conventions);
    let share = |count: u64| count as f64 / samples as f64;
    let percent = |fraction: f64| format::measure(&Measure::Fraction(fraction), conventions);
    // Every sample equal: one bin of width 0.
    let single = h.width == 0.0;

    // The text alternative.
    let [p5, _, p95] = h.percentiles;
    let mut alt = format!(
        "Histogram of {title} over {} samples: ",
        format::number(samples as f64)
    );
    if single && binned == samples {
        alt.push_str(&format!("every sample is {}", text(h.start)));
    } else {
        if single {
            alt.push_str(&format!(
                "{} of samples are {}; ",
                percent(share(binned)),
                text(h.start)
            ));
        }
        let marks: Vec<String> = NAMES
            .iter()
            .zip(h.percentiles)
            .filter(|(_, v)| v.is_finite())
            .map(|(name, v)| format!("{name} {}", text(v)))
            .collect();
        alt.push_str(&marks.join(", "));
    }
    let not_drawn = match (h.below, h.above) {
        (0, 0) => None,
        (below, 0) => Some(format!(
            "{} of samples below {}",
            percent(share(below.into())),
            text(h.start)
        )),
        (0, above) => Some(format!(
            "{} of samples above {}",
            percent(share(above.into())),
            text(end)
        )),
        (below, above) => Some(format!(
            "{} of samples below {} and {} above {}",
            percent(share(below.into())),
            text(h.start),
            percent(share(above.into())),
            text(end)
        )),
    };
    match &not_drawn {
        Some(clause) => alt.push_str(&format!("; {clause} are not drawn.")),
        None => alt.push('.'),
    }
    if !single {
        // The first of the tallest bins.
        let (tallest, count) =
            h.counts.iter().enumerate().fold(
                (0, 0),
                |best, (i, &c)| if c > best.1 { (i, c) } else { best },
            );
        let from = h.start + h.width * tallest as f64;
        alt.push_str(&format!(
            " The tallest bar holds {} of samples, from {} to {}.",
            percent(share(count.into())),
            text(from),
            text(from + h.width)
        ));
    }

    // What to draw, in the kind's base unit.
    let markers: Vec<Marker> = if p5 == p95 && p5.is_finite() {
        vec![Marker {
            value: p5,
            label: format!("5th, 50th and 95th percentiles {}", text(p5)),
            row: 0,
            right: true,
            color: RED,
        }]
    } else {
        // Rows from the top: the 5th percentile, the 95th, the median.
        [(0, false, INK), (2, true, RED), (1, true, INK)]
            .into_iter()
            .zip(NAMES)
            .zip(h.percentiles)
            .filter(|(_, value)| value.is_finite())
            .map(|(((row, right, color), name), value)| Marker {
                value,
                label: format!("{name} {}", text(value)),
                row,
                right,
                color,
            })
            .collect()
    };
    let (lo, hi) = if single {
        let pad = if h.start == 0.0 {
            1.0
        } else {
            h.start.abs() * 0.25
        };
        (h.start - pad, h.start + pad)
    } else {
        let pad = (end - h.start) * 0.02;
        (h.start - pad, end + pad)
    };
    let (lo, hi) = markers
        .iter()
        .fold((lo, hi), |(lo, hi), m| (lo.min(m.value), hi.max(m.value)));
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Ok(Drawn::Empty {
            reason: "The samples are too large to draw.".into(),
        });
    }
    // (left edge, right edge, share in %) per bar with samples in it.
    let bars: Vec<(f64, f64, f64)> = if single {
        let half = (hi - lo) / 48.0;
        vec![(h.start - half, h.start + half, 100.0 * share(binned))]
    } else {
        let gap = h.width * 0.06;
        h.counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(i, &c)| {
                let x0 = h.start + h.width * i as f64;
                (x0 + gap, x0 + h.width - gap, 100.0 * share(c.into()))
            })
            .collect()
    };
    let tallest = bars.iter().map(|b| b.2).fold(0.0, f64::max);

    // Room at the top of the plot for the label rows.
    let rows = markers.iter().map(|m| m.row + 1).max().unwrap_or(0);
    let note = not_drawn
        .as_ref()
        .map(|clause| format!("Not drawn: {clause}."));
    let footer = note
        .as_deref()
        .map_or(0, |note| style::footer_height(note, size.0));
    let legend_label = format!("Share of {} samples", format::number(samples as f64));
    let legend = [(legend_label.as_str(), BLUE)];
    let top = style::header_height(size.0, &legend);
    let plot_height = size
        .1
        .saturating_sub(top + footer + X_LABEL_AREA + TOP_MARGIN)
        .max(1) as f64;
    let label_band = (f64::from(rows * LABEL_ROW + 6) / plot_height).min(0.6);
    let y_top = scale::axis_top(tallest, 0.05)
        .map_or(100.0, |top| top / (1.0 - label_band))
        .min(100.0 / (1.0 - label_band));

    let signed = h.start < 0.0 || markers.iter().any(|m| m.value < 0.0);
    let plot_width = size.0.saturating_sub(Y_LABEL_AREA + RIGHT_MARGIN) as f64;
    let (axis, x_labels) = scale::measure_axis(kind, (lo, hi), signed, plot_width, conventions);
    let step = axis.1;
    let x_fmt = |v: &f64| scale::measure_tick(*v, axis, conventions);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        style::header(&root, title, &legend)?;
        let (_, rest) = root.split_vertically(top);
        let (body, foot) = rest.split_vertically(size.1.saturating_sub(top + footer));
        if let Some(note) = &note {
            style::footnote(&foot, note)?;
        }
        let mut chart = style::plot(
            &body,
            TOP_MARGIN,
            Y_LABEL_AREA,
            lo / step..hi / step,
            0.0..y_top,
        )?;
        style::mesh_with(
            &mut chart,
            (title, x_labels),
            ("Share of samples (%)", 5),
            &x_fmt,
        )?;
        chart
            .draw_series(bars.iter().map(|&(x0, x1, y)| {
                Rectangle::new([(x0 / step, 0.0), (x1 / step, y)], BLUE.filled())
            }))
            .map_err(failed)?;

        // Each line rises to its label's row, so a label only has to keep
        // clear of the lines that reach its row (those of the rows above).
        let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
        let xs: Vec<i32> = markers
            .iter()
            .map(|m| chart.backend_coord(&(m.value / step, 0.0)).0)
            .collect();
        for (marker, &px) in markers.iter().zip(&xs) {
            let top = y_pixels.start + 3 + marker.row * LABEL_ROW;
            let line = if marker.color == RED {
                RED.stroke_width(2)
            } else {
                DASHED_INK.mix(0.8).stroke_width(1)
            };
            root.draw(&PathElement::new(vec![(px, y_pixels.end), (px, top)], line))
                .map_err(failed)?;
            let width = style::text_width(&marker.label, LABEL_PX);
            let span = |right: bool| {
                if right {
                    (px + 6, px + 6 + width)
                } else {
                    (px - 6 - width, px - 6)
                }
            };
            let fits = |right: bool| {
                let (a, b) = span(right);
                a >= x_pixels.start && b <= x_pixels.end
            };
            let clear = |right: bool| {
                let (a, b) = span(right);
                fits(right)
                    && markers
                        .iter()
                        .zip(&xs)
                        .all(|(m, &x)| m.row >= marker.row || x < a || x > b)
            };
            let sides = [marker.right, !marker.right];
            let right = sides
                .into_iter()
                .find(|&r| clear(r))
                .or_else(|| sides.into_iter().find(|&r| fits(r)))
                .unwrap_or(x_pixels.end - px >= px - x_pixels.start);
            let (dx, anchor) = if right {
                (6, HPos::Left)
            } else {
                (-6, HPos::Right)
            };
            let mut label_style = style::text(LABEL_PX, 1.0, anchor, VPos::Top);
            label_style.color = marker.color.to_backend_color();
            root.draw(&Text::new(
                marker.label.clone(),
                (px + dx, top),
                label_style,
            ))
            .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(Drawn::Chart { svg, alt })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_valid_svg, simulation};
    use crate::DEFAULT_SIZE;
    use envelope_core::uncertainty::{simulate_seeded, Simulation};
    use envelope_core::{Kind, Scenario};

    fn peak(sim: &Simulation) -> &Histogram {
        sim.histograms
            .iter()
            .find(|h| h.key == "total.peak_rps")
            .unwrap()
    }

    /// Bars are the only rectangles in the series colour besides the
    /// legend's swatch.
    fn bars(svg: &str) -> usize {
        crate::test_support::bars(svg, "#3A86D6")
    }

    #[test]
    fn histogram_of_peak_requests() {
        let sim = simulation();
        let h = peak(&sim);
        let c = Conventions::default();
        let chart = histogram_chart(h, &c, DEFAULT_SIZE);
        assert_valid_svg(&chart.svg);
        let nonempty = h.counts.iter().filter(|&&n| n > 0).count();
        assert!(nonempty > 10, "{h:?}");
        assert_eq!(bars(&chart.svg), nonempty);

        let m = |v: f64| format::measure(&Measure::per_second(v), &c);
        let [p5, p50, p95] = h.percentiles;
        let end = h.start + h.width * h.counts.len() as f64;
        let expected = format!(
            "Histogram of Peak requests/s over 10,000 samples: 5th percentile {}, median {}, \
             95th percentile {}; 1% of samples below {} and 1% above {} are not drawn.",
            m(p5),
            m(p50),
            m(p95),
            m(h.start),
            m(end)
        );
        assert!(
            chart.alt.starts_with(&expected),
            "{}\n{expected}",
            chart.alt
        );
        assert!(
            chart.alt.contains(" The tallest bar holds "),
            "{}",
            chart.alt
        );
        assert!(chart.alt.contains("req/s"));
        // The percentiles are labelled on their lines, ticks carry the unit.
        for label in [
            format!("5th percentile {}", m(p5)),
            format!("median {}", m(p50)),
            format!("95th percentile {}", m(p95)),
        ] {
            assert!(chart.svg.contains(&label), "{label}");
        }
        assert!(chart.svg.contains(" k req/s\n</text>"), "{}", chart.svg);
        assert!(chart.svg.contains("Share of samples (%)"));
        assert!(chart.svg.contains("<title>Peak requests/s</title>"));
        assert!(chart.svg.contains("Not drawn: 1% of samples below"));
        assert!(chart.svg.contains("stroke-dasharray"), "p5 and p95 dashed");
        assert!(chart.svg.contains(&format!("aria-label=\"{}\"", chart.alt)));
    }

    #[test]
    fn histogram_axes_use_the_figures_unit() {
        let sim = simulation();
        let c = Conventions::default();
        let storage = sim
            .histograms
            .iter()
            .find(|h| h.key == "storage.retention_replicated")
            .unwrap();
        assert_eq!(storage.kind, Kind::Data);
        let chart = histogram_chart(storage, &c, DEFAULT_SIZE);
        assert_valid_svg(&chart.svg);
        assert!(chart.svg.contains(" TB\n</text>"), "{}", chart.svg);
        let iec = Conventions {
            bytes: envelope_core::ByteUnits::Iec,
            ..c
        };
        let chart = histogram_chart(storage, &iec, DEFAULT_SIZE);
        assert!(chart.svg.contains(" TiB\n</text>"), "{}", chart.svg);
        assert!(chart.alt.contains(" TiB"), "{}", chart.alt);
    }

    #[test]
    fn histogram_is_deterministic() {
        let c = Conventions::default();
        let a = histogram_chart(peak(&simulation()), &c, DEFAULT_SIZE);
        let b = histogram_chart(peak(&simulation()), &c, DEFAULT_SIZE);
        assert_eq!(a, b);
    }

    #[test]
    fn every_sample_equal_is_one_bar() {
        // No ranged input: every sample is the point estimate.
        let sim = simulate_seeded(&Scenario::default()).unwrap();
        let h = peak(&sim);
        assert_eq!((h.width, h.counts.len()), (0.0, 1));
        let c = Conventions::default();
        let chart = histogram_chart(h, &c, DEFAULT_SIZE);
        assert_valid_svg(&chart.svg);
        assert_eq!(bars(&chart.svg), 1);
        let value = format::measure(&Measure::per_second(h.start), &c);
        assert_eq!(
            chart.alt,
            format!("Histogram of Peak requests/s over 10,000 samples: every sample is {value}.")
        );
        assert!(chart
            .svg
            .contains(&format!("5th, 50th and 95th percentiles {value}")));
    }

    #[test]
    fn degenerate_histograms_never_panic() {
        let base = Histogram {
            key: "k".into(),
            label: "Cost".into(),
            kind: Kind::Money,
            start: 0.0,
            width: 0.0,
            counts: vec![5],
            below: 0,
            above: 0,
            percentiles: [0.0; 3],
        };
        let cases = [
            base.clone(),
            Histogram {
                counts: vec![],
                ..base.clone()
            },
            Histogram {
                counts: vec![0, 0],
                ..base.clone()
            },
            Histogram {
                start: f64::NAN,
                ..base.clone()
            },
            Histogram {
                width: f64::INFINITY,
                counts: vec![1, 2],
                ..base.clone()
            },
            Histogram {
                start: f64::MAX,
                width: f64::MAX,
                counts: vec![1, 2],
                ..base.clone()
            },
            Histogram {
                start: -5.0,
                width: 1.0,
                counts: vec![3, 0, 1],
                below: 1,
                above: 0,
                percentiles: [f64::NAN, -4.0, f64::INFINITY],
                ..base.clone()
            },
            Histogram {
                start: 7.0,
                counts: vec![90],
                below: 5,
                above: 5,
                percentiles: [7.0; 3],
                ..base.clone()
            },
            Histogram {
                start: 1e-300,
                width: 1e-310,
                counts: vec![1; 24],
                percentiles: [1e-300; 3],
                kind: Kind::Duration,
                ..base.clone()
            },
        ];
        let c = Conventions::default();
        for h in cases {
            for size in [DEFAULT_SIZE, (0, 0), (100_000, 10)] {
                let chart = histogram_chart(&h, &c, size);
                assert_valid_svg(&chart.svg);
                assert!(!chart.alt.is_empty());
            }
        }
        let empty = histogram_chart(
            &Histogram {
                counts: vec![],
                ..base.clone()
            },
            &c,
            DEFAULT_SIZE,
        );
        assert_eq!(
            empty.alt,
            "Cost: no data to chart. The simulation drew no samples."
        );
        assert!(empty.svg.contains("No data to chart"));
        let outliers = histogram_chart(
            &Histogram {
                start: 7.0,
                counts: vec![90],
                below: 5,
                above: 5,
                percentiles: [7.0; 3],
                ..base
            },
            &c,
            DEFAULT_SIZE,
        );
        assert_eq!(
            outliers.alt,
            "Histogram of Cost over 100 samples: 90% of samples are $7; 5th percentile $7, \
             median $7, 95th percentile $7; 5% of samples below $7 and 5% above $7 are not drawn."
        );
    }
}
