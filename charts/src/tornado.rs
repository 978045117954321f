//! A tornado: how far each ranged input moves one simulated figure.
//!
//! Every value drawn or written comes from the core's [`Tornado`]; the only
//! arithmetic here is the axis range.

use envelope_core::uncertainty::{Swing, Tornado};
use envelope_core::{decimal, format, Conventions, Measure};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::style::{self, failed, DrawResult, BLUE, INK, ORANGE, RIGHT_MARGIN};
use crate::{clamp_size, finish_drawn, scale, Chart, Drawn};

/// At most this many bars; narrower swings are left to the text.
const MAX_ROWS: usize = 10;
/// At most this many inputs in the text alternative.
const ALT_ROWS: usize = 20;
/// Room above the plot for the point estimate's label.
const TOP_MARGIN: u32 = 22;
/// Size of the values at the ends of the bars.
const VALUE_PX: f64 = 11.0;
/// What the two colours mean.
const LEGEND: [(&str, RGBColor); 2] = [
    ("Input at its 5th percentile", BLUE),
    ("Input at its 95th percentile", ORANGE),
];

/// The tornado of one simulated figure, `t`, on a `size` pixel grid
/// (clamped to 240x160 through 4096x4096): one horizontal bar per ranged
/// input, widest swing at the top, each spanning the figure's value with that
/// input at its 5th percentile (blue) and at its 95th (orange), every other
/// input at its median, around a vertical line at the point estimate. Bars
/// are labelled with the input and its range (`Daily active users 1 M–10 M`)
/// and their ends with the figure's values; the x axis is in the figure's
/// unit (byte units per `conventions`). The title is
/// `Sensitivity of` and the figure's label.
///
/// The ten widest swings are drawn; the text alternative lists up to twenty.
///
/// Never panics: with no ranged inputs (no swings), or no swing with finite
/// values, the chart is a "No data to chart" drawing that says why.
///
/// ```
/// use envelope_charts::{tornado_chart, DEFAULT_SIZE};
/// use envelope_core::{fields, uncertainty, Conventions, Scenario};
/// let mut s = Scenario::default();
/// fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
/// let sim = uncertainty::simulate_seeded(&s).unwrap();
/// let chart = tornado_chart(&sim.tornadoes[0], &Conventions::default(), DEFAULT_SIZE);
/// assert!(chart.svg.contains("Daily active users 1 M–10 M"));
/// assert!(chart.alt.contains("Daily active users 1 M–10 M moves it from "));
///
/// let none = uncertainty::simulate_seeded(&Scenario::default()).unwrap();
/// let chart = tornado_chart(&none.tornadoes[0], &Conventions::default(), DEFAULT_SIZE);
/// assert!(chart.alt.contains("no ranged inputs"));
/// ```
pub fn tornado_chart(t: &Tornado, conventions: &Conventions, size: (u32, u32)) -> Chart {
    let size = clamp_size(size);
    let label = style::plain_text(&t.label);
    let title = format!("Sensitivity of {label}");
    finish_drawn(&title, size, draw(t, &label, &title, conventions, size))
}

/// A swing fit to draw: finite values.
fn usable(s: &Swing) -> bool {
    s.at_low.base_value().is_finite() && s.at_high.base_value().is_finite()
}

/// `Daily active users 1 M–10 M`. The bounds are the lognormal's
/// percentiles, computed back from the range the person typed, so they are
/// rounded to 12 significant figures first: 999,999.9999999 is `1 M`, not
/// `1,000,000`.
fn row_label(s: &Swing, conventions: &Conventions) -> String {
    let bound = |m: &Measure| {
        let v = m.base_value();
        let v = decimal::parse(&format!("{:.11e}", decimal::Decimal(v))).unwrap_or(v);
        format::measure(&Measure::from_base(m.kind(), v), conventions)
    };
    format!(
        "{} {}–{}",
        style::plain_text(&s.label),
        bound(&s.input[0]),
        bound(&s.input[1])
    )
}

fn draw(
    t: &Tornado,
    label: &str,
    title: &str,
    conventions: &Conventions,
    size: (u32, u32),
) -> DrawResult<Drawn> {
    let point = t.point.base_value();
    if t.swings.is_empty() {
        return Ok(Drawn::Empty {
            reason: "The scenario has no ranged inputs; give a field a range, such as 1M..10M."
                .into(),
        });
    }
    if !point.is_finite() {
        return Ok(Drawn::Empty {
            reason: "The point estimate is not a finite number.".into(),
        });
    }
    let kind = t.point.kind();
    let text = |v: f64| format::measure(&Measure::from_base(kind, v), conventions);

    // The text alternative: every input, in the core's order (widest first).
    let listed: Vec<String> = t
        .swings
        .iter()
        .take(ALT_ROWS)
        .map(|s| {
            let (low, high) = (s.at_low.base_value(), s.at_high.base_value());
            let input = row_label(s, conventions);
            if low == point && high == point {
                format!("{input} leaves it at {}", text(point))
            } else {
                format!("{input} moves it from {} to {}", text(low), text(high))
            }
        })
        .collect();
    let more = t.swings.len().saturating_sub(ALT_ROWS);
    let mut alt = format!(
        "What moves {label} (point estimate {}), widest swing first, each input from its 5th to \
         its 95th percentile with the others at their medians: {}",
        text(point),
        listed.join("; ")
    );
    if more > 0 {
        alt.push_str(&format!("; and {more} more with smaller swings"));
    }
    alt.push('.');

    let rows: Vec<&Swing> = t
        .swings
        .iter()
        .filter(|s| usable(s))
        .take(MAX_ROWS)
        .collect();
    if rows.is_empty() {
        return Ok(Drawn::Empty {
            reason: "No input's swing is a finite number.".into(),
        });
    }
    let left_out = t.swings.len() - rows.len();
    let labels: Vec<String> = rows.iter().map(|s| row_label(s, conventions)).collect();

    // The rows' labels take what they need, up to half the width; long ones
    // get a smaller font.
    let limit = (size.0 as i32 / 2).max(48);
    let need = |px: f64| {
        labels
            .iter()
            .map(|l| style::text_width(l, px))
            .max()
            .unwrap_or(0)
            + 18
    };
    let label_px = if need(12.0) <= limit { 12.0 } else { 10.0 };
    let label_area = need(label_px).clamp(48, limit) as u32;

    // The x range: every end and the point, with room for the end values.
    let (lo, hi) = rows.iter().fold((point, point), |(lo, hi), s| {
        let (a, b) = (s.at_low.base_value(), s.at_high.base_value());
        (lo.min(a).min(b), hi.max(a).max(b))
    });
    let data_lo = lo;
    let plot_width = size.0.saturating_sub(label_area + RIGHT_MARGIN).max(1) as f64;
    let (lo, hi) = if hi > lo {
        let value_width = rows
            .iter()
            .flat_map(|s| [s.at_low, s.at_high])
            .map(|m| style::text_width(&format::measure(&m, conventions), VALUE_PX))
            .max()
            .unwrap_or(0) as f64
            + 8.0;
        let value_width = value_width.min(plot_width * 0.35);
        let pad = (hi - lo) * value_width / (plot_width - 2.0 * value_width);
        (lo - pad, hi + pad)
    } else {
        let pad = if point == 0.0 {
            1.0
        } else {
            point.abs() * 0.25
        };
        (point - pad, point + pad)
    };
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Ok(Drawn::Empty {
            reason: "The figure's values are too large to draw.".into(),
        });
    }
    let (axis, x_labels) =
        scale::measure_axis(kind, (lo, hi), data_lo < 0.0, plot_width, conventions);
    let step = axis.1;
    let x_fmt = |v: &f64| scale::measure_tick(*v, axis, conventions);
    let n = rows.len() as f64;
    // Bars fill 60% of their row, less when there are only one or two.
    let thickness = 0.6 * (n / 3.0).min(1.0);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let top = style::header(&root, title, &LEGEND)?;
        let (_, rest) = root.split_vertically(top);
        let mut note = "Each bar: one input from its 5th to its 95th percentile, \
                        the others at their medians."
            .to_owned();
        if left_out > 0 {
            note.push_str(&format!(
                " {left_out} more with smaller swings are not drawn."
            ));
        }
        let (body, foot) = rest.split_vertically(
            size.1
                .saturating_sub(top + style::footer_height(&note, size.0)),
        );
        style::footnote(&foot, &note)?;
        let mut chart = style::plot(&body, TOP_MARGIN, label_area, lo / step..hi / step, 0.0..n)?;
        style::mesh_with(&mut chart, (label, x_labels), ("", 0), &x_fmt)?;

        let x = |v: f64| v / step;
        let value_style = |h: HPos| style::text(VALUE_PX, 0.85, h, VPos::Center);
        for (i, (swing, row_name)) in rows.iter().zip(&labels).enumerate() {
            // The widest at the top.
            let middle = n - i as f64 - 0.5;
            let (y0, y1) = (middle - thickness / 2.0, middle + thickness / 2.0);
            let ends = [
                (swing.at_low.base_value(), BLUE),
                (swing.at_high.base_value(), ORANGE),
            ];
            let mut by_length = ends;
            // The longer first, so a shorter one on the same side shows.
            envelope_core::sorting::sort_by(&mut by_length, |a, b| {
                (b.0 - point).abs().total_cmp(&(a.0 - point).abs())
            });
            chart
                .draw_series(
                    by_length
                        .iter()
                        .filter(|(v, _)| *v != point)
                        .map(|&(v, color)| {
                            Rectangle::new([(x(point), y0), (x(v), y1)], color.filled())
                        }),
                )
                .map_err(failed)?;
            // Values at the outer ends: the farther one on each side.
            for side in [-1.0, 1.0] {
                let outer = by_length
                    .iter()
                    .find(|(v, _)| (*v - point) * side > 0.0)
                    .map(|&(v, _)| v);
                if let Some(v) = outer {
                    let (px, py) = chart.backend_coord(&(x(v), middle));
                    let (dx, h) = if side > 0.0 {
                        (4, HPos::Left)
                    } else {
                        (-4, HPos::Right)
                    };
                    root.draw(&Text::new(text(v), (px + dx, py), value_style(h)))
                        .map_err(failed)?;
                }
            }
            if ends.iter().all(|(v, _)| *v == point) {
                let (px, py) = chart.backend_coord(&(x(point), middle));
                root.draw(&Text::new(
                    "no effect".to_owned(),
                    (px + 6, py),
                    value_style(HPos::Left),
                ))
                .map_err(failed)?;
            }
            let (px, py) = chart.backend_coord(&(lo / step, middle));
            root.draw(&Text::new(
                row_name.clone(),
                (px - 8, py),
                style::text(label_px, 1.0, HPos::Right, VPos::Center),
            ))
            .map_err(failed)?;
        }

        // The point estimate over the bars, labelled above the plot.
        chart
            .draw_series(LineSeries::new(
                [(x(point), 0.0), (x(point), n)],
                INK.stroke_width(2),
            ))
            .map_err(failed)?;
        let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
        let (px, _) = chart.backend_coord(&(x(point), 0.0));
        let point_label = format!("Point estimate {}", text(point));
        let half = style::text_width(&point_label, VALUE_PX) / 2;
        let cx = px.clamp(
            x_pixels.start + half,
            (x_pixels.end - half).max(x_pixels.start + half),
        );
        root.draw(&Text::new(
            point_label,
            (cx, y_pixels.start - 6),
            style::text(VALUE_PX, 1.0, HPos::Center, VPos::Bottom),
        ))
        .map_err(failed)?;
        root.present().map_err(failed)?;
    }
    Ok(Drawn::Chart { svg, alt })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_valid_svg, bars, simulation};
    use crate::DEFAULT_SIZE;
    use envelope_core::uncertainty::{simulate_seeded, Simulation};
    use envelope_core::Scenario;

    fn tornado<'a>(sim: &'a Simulation, key: &str) -> &'a Tornado {
        sim.tornadoes.iter().find(|t| t.key == key).unwrap()
    }

    #[test]
    fn tornado_of_egress_lists_users_first() {
        let sim = simulation();
        let t = tornado(&sim, "bandwidth.egress_peak");
        assert_eq!(t.swings.len(), 2);
        let c = Conventions::default();
        let chart = tornado_chart(t, &c, DEFAULT_SIZE);
        assert_valid_svg(&chart.svg);
        // Both inputs move egress both ways: two bars each.
        assert_eq!(bars(&chart.svg, "#3A86D6"), 2);
        assert_eq!(bars(&chart.svg, "#D66D0F"), 2);

        let users = chart.svg.find("Daily active users 1 M–10 M").unwrap();
        let bytes = chart
            .svg
            .find("Request class 2 bytes out 90 KB–110 KB")
            .unwrap();
        assert!(users < bytes, "widest first");

        let m = |v: &Measure| format::measure(v, &c);
        let [users, bytes] = [&t.swings[0], &t.swings[1]];
        assert_eq!(users.label, "Daily active users");
        let expected = format!(
            "What moves Peak egress (point estimate {}), widest swing first, each input from its \
             5th to its 95th percentile with the others at their medians: Daily active users \
             1 M–10 M moves it from {} to {}; Request class 2 bytes out 90 KB–110 KB moves it \
             from {} to {}.",
            m(&t.point),
            m(&users.at_low),
            m(&users.at_high),
            m(&bytes.at_low),
            m(&bytes.at_high)
        );
        assert_eq!(chart.alt, expected.replace("Peak egress", &t.label));
        for end in [&users.at_low, &users.at_high, &bytes.at_low, &bytes.at_high] {
            assert!(
                chart.svg.contains(&format!("\n{}\n</text>", m(end))),
                "{}",
                m(end)
            );
        }
        assert!(chart
            .svg
            .contains(&format!("Point estimate {}", m(&t.point))));
        assert!(chart
            .svg
            .contains(&format!("<title>Sensitivity of {}</title>", t.label)));
        for (legend, _) in LEGEND {
            assert!(chart.svg.contains(legend), "{legend}");
        }
        assert!(chart.svg.contains("/s\n</text>"), "ticks carry the unit");
    }

    #[test]
    fn an_input_with_no_effect_is_still_listed() {
        let sim = simulation();
        let t = tornado(&sim, "total.peak_rps");
        let c = Conventions::default();
        let chart = tornado_chart(t, &c, DEFAULT_SIZE);
        assert_valid_svg(&chart.svg);
        let point = format::measure(&t.point, &c);
        assert!(
            chart.alt.ends_with(&format!(
                "; Request class 2 bytes out 90 KB–110 KB leaves it at {point}."
            )),
            "{}",
            chart.alt
        );
        let users = chart
            .alt
            .find("Daily active users 1 M–10 M moves it from")
            .unwrap();
        let bytes = chart.alt.find("Request class 2 bytes out").unwrap();
        assert!(users < bytes);
        assert!(chart.svg.contains("no effect"));
        assert_eq!(bars(&chart.svg, "#3A86D6"), 1);
        assert_eq!(bars(&chart.svg, "#D66D0F"), 1);
    }

    #[test]
    fn tornado_is_deterministic() {
        let c = Conventions::default();
        let a = tornado_chart(tornado(&simulation(), "cost.total"), &c, DEFAULT_SIZE);
        let b = tornado_chart(tornado(&simulation(), "cost.total"), &c, DEFAULT_SIZE);
        assert_eq!(a, b);
    }

    #[test]
    fn no_ranged_inputs() {
        let sim = simulate_seeded(&Scenario::default()).unwrap();
        let t = tornado(&sim, "total.peak_rps");
        assert!(t.swings.is_empty());
        let chart = tornado_chart(t, &Conventions::default(), DEFAULT_SIZE);
        assert_valid_svg(&chart.svg);
        assert!(chart.svg.contains("No data to chart"));
        assert!(chart.svg.contains("no ranged inputs"));
        assert_eq!(
            chart.alt,
            "Sensitivity of Peak requests/s: no data to chart. The scenario has no ranged \
             inputs; give a field a range, such as 1M..10M."
        );
    }

    #[test]
    fn degenerate_tornadoes_never_panic() {
        let sim = simulation();
        let base = tornado(&sim, "bandwidth.egress_peak").clone();
        let swing = base.swings[0].clone();
        // One swing with these ends, under this point estimate.
        let one = |point: Measure, at_low: Measure, at_high: Measure| Tornado {
            point,
            swings: vec![Swing {
                at_low,
                at_high,
                ..swing.clone()
            }],
            ..base.clone()
        };
        let rate = Measure::bytes_per_second;
        let (point, high) = (base.point, swing.at_high);
        let cases = [
            Tornado {
                point: rate(f64::NAN),
                ..base.clone()
            },
            one(point, rate(f64::INFINITY), high),
            one(rate(0.0), rate(0.0), rate(0.0)),
            one(rate(f64::MAX), rate(-f64::MAX), high),
            // Both ends above the point (a figure not monotonic in the input).
            one(rate(1.0), rate(2.0), rate(3.0)),
            Tornado {
                swings: (0..30).map(|_| swing.clone()).collect(),
                ..base.clone()
            },
        ];
        let c = Conventions::default();
        for t in &cases {
            for size in [DEFAULT_SIZE, (0, 0), (100_000, 10)] {
                let chart = tornado_chart(t, &c, size);
                assert_valid_svg(&chart.svg);
                assert!(!chart.alt.is_empty());
            }
        }
        let many = tornado_chart(&cases[5], &c, DEFAULT_SIZE);
        assert_eq!(bars(&many.svg, "#3A86D6"), MAX_ROWS);
        // The note wraps to the chart's width, at spaces.
        let note: Vec<&str> = many
            .svg
            .split("<text")
            .filter_map(|t| t.split('>').nth(1))
            .map(|t| t.split('<').next().unwrap_or_default().trim())
            .skip_while(|t| !t.starts_with("Each bar:"))
            .take(2)
            .collect();
        assert_eq!(
            note.join(" "),
            "Each bar: one input from its 5th to its 95th percentile, the others at their medians. 20 more with smaller swings are not drawn."
        );
        assert!(many.alt.ends_with("; and 10 more with smaller swings."));
        let same_side = tornado_chart(&cases[4], &c, DEFAULT_SIZE);
        assert_eq!(bars(&same_side.svg, "#3A86D6"), 1);
        assert_eq!(bars(&same_side.svg, "#D66D0F"), 1);
    }
}
