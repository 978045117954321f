//! The follow-up calculators' two curves, each on a log y axis with the
//! user's case marked: a Bloom filter's false-positive rate against bits per
//! item, and a queue's p99 response time against utilisation.
//!
//! Every point comes from the core ([`bloom::rate_series`],
//! [`latency::p99_series`]) and every mark from the calculator's figures;
//! the only arithmetic here is `log10` for the axis, the axis range and
//! which ticks fit.

use envelope_core::followup::{bloom, latency};
use envelope_core::{format, Conventions, Measure};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::style::{self, failed, DrawResult, BLUE, INK, RED, TEAL};
use crate::{finish_drawn, Chart, Drawn};

/// The Bloom filter chart's title.
pub const BLOOM_TITLE: &str = "False-positive rate by bits per item";

/// The queue chart's title.
pub const P99_TITLE: &str = "p99 response time by utilisation";

/// Bits per item the Bloom chart always shows.
const BLOOM_BITS: u32 = 24;

/// Closest two y tick labels may be, in pixels.
const TICK_GAP: i32 = 16;

/// A case to mark on a curve: where the user's inputs put it.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveMark {
    /// What it is, e.g. `Sized filter`.
    pub label: String,
    /// Its x: bits per item, or utilisation as a fraction.
    pub x: f64,
    /// Its y: a rate as a fraction, or a p99 in seconds.
    pub y: f64,
}

/// One curve on a log y axis, ready to draw.
struct Curve<'a> {
    title: &'static str,
    /// The curve's legend entry.
    name: &'static str,
    x_desc: &'a str,
    y_desc: &'a str,
    points: Vec<(f64, f64)>,
    x_range: (f64, f64),
    x_ticks: usize,
    x_text: &'a dyn Fn(f64) -> String,
    y_text: &'a dyn Fn(f64) -> String,
    marks: &'a [CurveMark],
}

/// The false-positive rate of a large Bloom filter with the best whole
/// number of hash functions, for 1 to 24 bits per item (further, to 48, when
/// a mark lies beyond), on a log scale, with `marks` (bits per item, rate)
/// drawn on it; a `size` pixel grid (clamped to 240x160 through 4096x4096).
///
/// Never panics: marks that are not finite and positive, or beyond the
/// axis, are left off the drawing and said in the text alternative.
///
/// ```
/// use envelope_charts::{bloom_chart, CurveMark, DEFAULT_SIZE};
/// let sized = CurveMark { label: "Sized filter".into(), x: 9.585, y: 0.010_04 };
/// let chart = bloom_chart(&[sized], DEFAULT_SIZE);
/// assert!(chart.svg.contains("False-positive rate (log scale)"));
/// assert!(chart.alt.contains("Sized filter: 9.585 bits per item, 1.004%."));
/// ```
pub fn bloom_chart(marks: &[CurveMark], size: (u32, u32)) -> Chart {
    let size = crate::clamp_size(size);
    let widest = marks
        .iter()
        .map(|m| m.x)
        .filter(|x| x.is_finite())
        .fold(f64::from(BLOOM_BITS), f64::max)
        .ceil()
        .min(f64::from(bloom::MAX_CHART_BITS));
    let points = bloom::rate_series(widest as u32);
    let last = points.last().map_or(widest, |p| p.0);
    let c = Conventions::default();
    let rate = |p: f64| format::measure(&Measure::Fraction(p), &c);
    let y_text = |p: f64| {
        if p >= 1e-5 {
            rate(p)
        } else {
            ["1 in ", &format::measure(&Measure::Count(1.0 / p), &c)].concat()
        }
    };
    let x_text = |b: f64| style::tick(b);
    let first = points.first().map(|p| y_text(p.1)).unwrap_or_default();
    let end = points.last().map(|p| y_text(p.1)).unwrap_or_default();
    let mut alt = format!(
        "The false-positive rate falls about 0.62 times with each bit per item (with the best whole number of hash functions), from {first} at 1 bit to {end} at {} bits per item.",
        format::number(last)
    );
    describe_marks(&mut alt, marks, (1.0, last), &|m| {
        format!("{} bits per item, {}", format::number(m.x), y_text(m.y))
    });
    let curve = Curve {
        title: BLOOM_TITLE,
        name: "Rate with the best whole number of hashes",
        x_desc: "Bits per item (m / n)",
        y_desc: "False-positive rate (log scale)",
        points,
        x_range: (1.0, last),
        x_ticks: (last as usize / 2).clamp(2, 13),
        x_text: &x_text,
        y_text: &y_text,
        marks,
    };
    finish_drawn(BLOOM_TITLE, size, draw(&curve, alt, size))
}

/// The p99 response time of `servers` M/M/c servers serving
/// `service_rate` requests/s each, from 5% to 99% utilisation, on a log
/// scale, with `mark` (utilisation, p99 in seconds) drawn on it; a `size`
/// pixel grid (clamped to 240x160 through 4096x4096).
///
/// Never panics: servers or rates the core cannot queue give a chart that
/// says so.
///
/// ```
/// use envelope_charts::{p99_chart, CurveMark, DEFAULT_SIZE};
/// let now = CurveMark { label: "Your servers".into(), x: 0.8, y: 0.023_03 };
/// let chart = p99_chart(1, 1000.0, Some(now), DEFAULT_SIZE);
/// assert!(chart.svg.contains("Utilisation"));
/// assert!(chart.alt.contains("from 4.848 ms at 5% to 46.05 ms at 90% and 460.5 ms at 99%"));
/// assert!(chart.alt.contains("Your servers: 80%, p99 23.03 ms."));
/// ```
pub fn p99_chart(
    servers: u32,
    service_rate: f64,
    mark: Option<CurveMark>,
    size: (u32, u32),
) -> Chart {
    let size = crate::clamp_size(size);
    let points = latency::p99_series(servers, service_rate);
    if points.is_empty() {
        return finish_drawn(
            P99_TITLE,
            size,
            Ok(Drawn::Empty {
                reason: "These servers cannot be queued (no servers or no service rate).".into(),
            }),
        );
    }
    let c = Conventions::default();
    let percent = |u: f64| format::measure(&Measure::Fraction(u), &c);
    let at = |u: f64| {
        points
            .iter()
            .find(|p| (p.0 - u).abs() < 1e-9)
            .map(|p| format!("{} at {}", format::duration(p.1), percent(u)))
    };
    let rises: Vec<String> = [0.05, 0.9, 0.99].into_iter().filter_map(at).collect();
    let mut alt = format!(
        "p99 response time of {} server{} serving {} requests/s each rises from {}.",
        format::number(f64::from(servers)),
        if servers == 1 { "" } else { "s" },
        format::number(service_rate),
        match rises.as_slice() {
            [a, b, c] => format!("{a} to {b} and {c}"),
            other => other.join(" to "),
        }
    );
    let marks: Vec<CurveMark> = mark.into_iter().collect();
    describe_marks(&mut alt, &marks, (0.0, 1.0), &|m| {
        format!("{}, p99 {}", percent(m.x), format::duration(m.y))
    });
    let x_text = |u: f64| percent(u);
    let y_text = |s: f64| format::duration(s);
    let curve = Curve {
        title: P99_TITLE,
        name: "p99 of an M/M/c queue",
        x_desc: "Utilisation (arrivals / capacity)",
        y_desc: "p99 response time (log scale)",
        points,
        x_range: (0.0, 1.0),
        x_ticks: 11,
        x_text: &x_text,
        y_text: &y_text,
        marks: &marks,
    };
    finish_drawn(P99_TITLE, size, draw(&curve, alt, size))
}

/// Whether a mark can be drawn within `x_range`.
fn on_chart(m: &CurveMark, (lo, hi): (f64, f64)) -> bool {
    m.x.is_finite() && m.y.is_finite() && m.y > 0.0 && m.x >= lo && m.x <= hi
}

/// Appends each mark (` Sized filter: ...`) to `alt`.
fn describe_marks(
    alt: &mut String,
    marks: &[CurveMark],
    x_range: (f64, f64),
    describe: &dyn Fn(&CurveMark) -> String,
) {
    for m in marks {
        let label = style::plain_text(&m.label);
        if on_chart(m, x_range) {
            alt.push_str(&format!(" {label}: {}.", describe(m)));
        } else {
            alt.push_str(&format!(" {label}: off the chart."));
        }
    }
}

fn draw(curve: &Curve<'_>, alt: String, size: (u32, u32)) -> DrawResult<Drawn> {
    let (x_lo, x_hi) = curve.x_range;
    let drawn: Vec<&CurveMark> = curve
        .marks
        .iter()
        .filter(|m| on_chart(m, curve.x_range))
        .collect();
    let logs: Vec<(f64, f64)> = curve
        .points
        .iter()
        .filter(|p| p.1 > 0.0 && p.1.is_finite())
        .map(|p| (p.0, p.1.log10()))
        .collect();
    let ys = logs
        .iter()
        .map(|p| p.1)
        .chain(drawn.iter().map(|m| m.y.log10()));
    let (y_lo, y_hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    if !(y_lo.is_finite() && y_hi.is_finite()) {
        return Ok(Drawn::Empty {
            reason: "The curve has no positive values.".into(),
        });
    }
    let (y_lo, y_hi) = ((y_lo - 0.15).floor(), (y_hi + 0.15).ceil());
    let mut legend = vec![(curve.name, BLUE)];
    let colours = [RED, TEAL];
    legend.extend(
        drawn
            .iter()
            .zip(colours)
            .map(|(m, colour)| (m.label.as_str(), colour)),
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let top = style::header(&root, curve.title, &legend)?;
        let (_, body) = root.split_vertically(top);
        let mut chart = style::plot(&body, 6, 84, x_lo..x_hi, y_lo..y_hi)?;
        let x_text = |v: &f64| (curve.x_text)(*v);
        style::mesh_with(
            &mut chart,
            (curve.x_desc, curve.x_ticks),
            (curve.y_desc, 0),
            &x_text,
        )?;
        y_ticks(&root, &mut chart, (x_lo, x_hi), (y_lo, y_hi), curve.y_text)?;
        chart
            .draw_series(LineSeries::new(logs.iter().copied(), BLUE.stroke_width(2)))
            .map_err(failed)?;
        chart
            .draw_series(logs.iter().map(|&p| Circle::new(p, 2, BLUE.filled())))
            .map_err(failed)?;
        let plot_right = chart.plotting_area().get_pixel_range().0.end;
        for (index, (mark, colour)) in drawn.iter().zip(colours).enumerate() {
            let y = mark.y.log10();
            chart
                .draw_series(LineSeries::new(
                    [(mark.x, y_lo), (mark.x, y)],
                    colour.stroke_width(1),
                ))
                .map_err(failed)?;
            // Both curves fall or rise steadily, so a label goes to the
            // right of its point (left at the plot's edge), the second one
            // lower than the first so that two close marks stay readable.
            let label = style::display_name(&mark.label);
            let (px, _) = chart.backend_coord(&(mark.x, y));
            let width = style::text_width(&label, 12.0);
            let (dx, h) = if px + 10 + width <= plot_right {
                (10, HPos::Left)
            } else {
                (-10, HPos::Right)
            };
            let dy = if index == 0 { -8 } else { 18 };
            let element = EmptyElement::at((mark.x, y))
                + Circle::new((0, 0), 6, colour.filled())
                + Circle::new((0, 0), 6, INK.stroke_width(1))
                + Text::new(label, (dx, dy), style::text(12.0, 1.0, h, VPos::Bottom));
            chart
                .draw_series(std::iter::once(element))
                .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(Drawn::Chart { svg, alt })
}

/// Grid lines and labels at each power of ten in range, skipping labels
/// that would crowd the last one placed.
fn y_ticks<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &mut style::Plot<'_, DB>,
    (x_lo, x_hi): (f64, f64),
    (y_lo, y_hi): (f64, f64),
    text: &dyn Fn(f64) -> String,
) -> DrawResult<()> {
    let mut last: Option<i32> = None;
    let mut y = y_hi;
    while y >= y_lo {
        let (px, py) = chart.backend_coord(&(x_lo, y));
        if last.is_none_or(|l| (py - l).abs() >= TICK_GAP) {
            last = Some(py);
            chart
                .draw_series(LineSeries::new(
                    [(x_lo, y), (x_hi, y)],
                    INK.mix(style::GRID_OPACITY),
                ))
                .map_err(failed)?;
            root.draw(&Text::new(
                text(10f64.powf(y)),
                (px - 8, py),
                style::text(12.0, 0.85, HPos::Right, VPos::Center),
            ))
            .map_err(failed)?;
        }
        y -= 1.0;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{test_support, DEFAULT_SIZE};

    fn mark(label: &str, x: f64, y: f64) -> CurveMark {
        CurveMark {
            label: label.into(),
            x,
            y,
        }
    }

    #[test]
    fn the_bloom_curve_and_its_marks() {
        // n = 1M at 1%: m/n = -ln 0.01 / ln^2 2 = 9.585 bits, 7 hashes,
        // 1.004%; the reverse question's 10 bits per item give 0.819%.
        let chart = bloom_chart(
            &[
                mark("Sized filter", 9.585, 0.010_04),
                mark("Given filter", 10.0, 0.008_19),
            ],
            DEFAULT_SIZE,
        );
        test_support::assert_valid_svg(&chart.svg);
        assert!(chart.svg.contains("Bits per item (m / n)"));
        // The y axis: 1 in 1 through 1e-5 at 24 bits per item.
        for tick in ["10%", "1%", "0.1%", "0.01%", "0.001%"] {
            assert!(chart.svg.contains(&format!("\n{tick}\n</text>")), "{tick}");
        }
        // 1 bit per item, 1 hash: 1 - e^-1 = 63.21%; 24 bits, 17 hashes.
        assert!(
            chart.alt.starts_with("The false-positive rate falls about 0.62 times with each bit per item (with the best whole number of hash functions), from 63.21% at 1 bit to "),
            "{}",
            chart.alt
        );
        assert!(chart.alt.contains("at 24 bits per item."), "{}", chart.alt);
        assert!(chart
            .alt
            .contains(" Sized filter: 9.585 bits per item, 1.004%."));
        assert!(chart
            .alt
            .contains(" Given filter: 10 bits per item, 0.819%."));
        assert!(chart.svg.contains("\nSized filter\n</text>"));
    }

    #[test]
    fn a_mark_beyond_24_bits_widens_the_axis_to_48_at_most() {
        let wide = bloom_chart(&[mark("Sized filter", 30.2, 1e-7)], DEFAULT_SIZE);
        assert!(wide.alt.contains("at 31 bits per item."), "{}", wide.alt);
        assert!(wide.svg.contains("\n1 in 10 M\n</text>"), "{}", wide.svg);
        let far = bloom_chart(&[mark("Sized filter", 900.0, 1e-200)], DEFAULT_SIZE);
        assert!(far.alt.contains("at 48 bits per item."), "{}", far.alt);
        assert!(far.alt.ends_with(" Sized filter: off the chart."));
    }

    #[test]
    fn the_p99_curve_rises_tenfold_from_5_to_90_percent() {
        // M/M/1 at 1,000/s: p99 = ln 100 / (mu - lambda): 4.848 ms at 5%,
        // 46.05 ms at 90%, 460.5 ms at 99%.
        let chart = p99_chart(
            1,
            1000.0,
            Some(mark("Your servers", 0.8, 0.023_03)),
            DEFAULT_SIZE,
        );
        test_support::assert_valid_svg(&chart.svg);
        assert!(chart.alt.starts_with(
            "p99 response time of 1 server serving 1,000 requests/s each rises from 4.848 ms at 5% to 46.05 ms at 90% and 460.5 ms at 99%."
        ), "{}", chart.alt);
        assert!(chart.alt.ends_with(" Your servers: 80%, p99 23.03 ms."));
        for tick in ["10 ms", "100 ms", "50%", "90%"] {
            assert!(chart.svg.contains(&format!("\n{tick}\n</text>")), "{tick}");
        }
    }

    #[test]
    fn nothing_to_queue_and_bad_marks_never_panic() {
        for (servers, rate) in [(0, 1000.0), (1, 0.0), (1, f64::NAN), (u32::MAX, 1.0)] {
            let chart = p99_chart(servers, rate, None, DEFAULT_SIZE);
            test_support::assert_valid_svg(&chart.svg);
            assert!(chart.alt.contains("no data to chart"), "{}", chart.alt);
        }
        for m in [
            mark("a", f64::NAN, 0.1),
            mark("b", 5.0, f64::INFINITY),
            mark("c", 5.0, 0.0),
            mark("d", -1.0, 0.5),
        ] {
            for size in [DEFAULT_SIZE, (0, 0), (100_000, 10)] {
                let chart = bloom_chart(std::slice::from_ref(&m), size);
                test_support::assert_valid_svg(&chart.svg);
                assert!(chart.alt.ends_with(": off the chart."), "{}", chart.alt);
                let chart = p99_chart(2, 10.0, Some(m.clone()), size);
                test_support::assert_valid_svg(&chart.svg);
            }
        }
    }
}
