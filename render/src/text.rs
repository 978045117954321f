//! Plain text for the terminal: the title, the conventions, then each
//! section with aligned labels and values and each figure's derivation on
//! the line below.
//!
//! ```text
//! Photo uploads (worked example)
//! Conventions: 86,400 s/day, 30-day month, 365-day year, SI bytes (1 KB = 1000 B)
//!
//! Storage
//!   Stored per day        15 TB
//!       = 5,000,000 /day x 3 MB = 15 TB
//! ```
//!
//! When inputs are ranges, a simulation adds what the percentiles are of, a
//! "Ranged inputs" block, a percentile line under each figure, and a "What
//! moves it most" block per headline figure:
//!
//! ```text
//! Percentiles of 10,000 samples with seed 1; ranges read as 90% intervals.
//! Each value is the point estimate, with every ranged input at its median.
//!
//! Ranged inputs
//!   Daily active users  1 M to 10 M  lognormal  median 3.162 M
//!
//! Requests
//!   Peak requests/s       805.2 req/s
//!       p5 261.1 req/s  p50 807.7 req/s  p95 2.572 k req/s  mean 1.036 k req/s
//!       = 402.6 req/s x 2x peak factor = 805.2 req/s
//!
//! What moves it most (each input at its p5 and p95, the others at their medians)
//!   Peak requests/s (805.2 req/s)
//!     Daily active users  1 M -> 254.6 req/s  10 M -> 2.546 k req/s
//! ```

use envelope_core::text::is_hidden_control;
use envelope_core::uncertainty::Simulation;
use envelope_core::{format, Conventions, Figure, Report};

use crate::values::{
    is_flat, moving_swings, rough_text, simulation_summary, spread_cells, value_text, POINT_NOTE,
};

/// Indent of figure lines under a section title.
const INDENT: &str = "  ";
/// Indent of derivation lines, under the figure's label.
const DERIVATION_INDENT: &str = "      ";
/// What a percentile line says when no ranged input moves the figure.
const FLAT: &str = "the same in every sample";

/// The report as text; with `rough`, each value is followed by the
/// interview-style rough figure and its error; with a simulation (the
/// scenario has ranged inputs), each figure gets its percentiles.
pub fn render(report: &Report, sim: Option<&Simulation>, rough: bool) -> String {
    let label_width = report.figures().map(|f| width(&f.label)).max().unwrap_or(0);
    let value_width = report
        .figures()
        .map(|f| width(&value_text(&f.value, &report.conventions)))
        .max()
        .unwrap_or(0);
    let spread_widths = sim.map(|sim| {
        let mut widths = [0; 4];
        for spread in &sim.outputs {
            for (w, cell) in widths
                .iter_mut()
                .zip(spread_cells(spread, &report.conventions))
            {
                *w = (*w).max(width(&cell));
            }
        }
        widths
    });
    let mut out = String::new();
    let title = if report.name.trim().is_empty() {
        "Envelope estimate"
    } else {
        report.name.trim()
    };
    out.push_str(&one_line(title));
    out.push('\n');
    out.push_str("Conventions: ");
    out.push_str(&report.conventions.describe());
    out.push('\n');
    if let Some(sim) = sim {
        out.push_str(&simulation_summary(sim));
        out.push('\n');
        out.push_str(POINT_NOTE);
        out.push('\n');
        ranged_inputs(&mut out, sim, &report.conventions);
    }
    for section in &report.sections {
        out.push('\n');
        out.push_str(&one_line(&section.title));
        out.push('\n');
        for figure in &section.figures {
            figure_line(&mut out, figure, report, rough, label_width, value_width);
            if let (Some(sim), Some(widths)) = (sim, spread_widths) {
                spread_line(&mut out, sim, &figure.key, &report.conventions, widths);
            }
            out.push_str(DERIVATION_INDENT);
            out.push_str("= ");
            out.push_str(&one_line(&figure.derivation));
            out.push('\n');
            // Interview mode: the rough value's working, in powers of ten.
            if let Some(working) = figure.rough.as_ref().and_then(|r| r.working.as_deref()) {
                if rough {
                    out.push_str(DERIVATION_INDENT);
                    out.push_str("~ ");
                    out.push_str(&one_line(working));
                    out.push('\n');
                }
            }
        }
    }
    if let Some(sim) = sim {
        what_moves_it(&mut out, sim, &report.conventions);
    }
    out
}

/// `Ranged inputs`: each input's label, range, distribution and median.
fn ranged_inputs(out: &mut String, sim: &Simulation, conventions: &Conventions) {
    let rows: Vec<[String; 4]> = sim
        .inputs
        .iter()
        .map(|input| {
            [
                one_line(&input.label),
                format!(
                    "{} to {}",
                    format::measure(&input.low, conventions),
                    format::measure(&input.high, conventions)
                ),
                input.distribution.to_owned(),
                format!("median {}", format::measure(&input.median, conventions)),
            ]
        })
        .collect();
    out.push_str("\nRanged inputs\n");
    table(out, INDENT, &rows);
}

/// The percentile line under a figure.
fn spread_line(
    out: &mut String,
    sim: &Simulation,
    key: &str,
    conventions: &Conventions,
    widths: [usize; 4],
) {
    let Some(spread) = sim.output(key) else {
        return;
    };
    out.push_str(DERIVATION_INDENT);
    if is_flat(spread) {
        out.push_str(FLAT);
    } else {
        let cells = spread_cells(spread, conventions);
        let parts: Vec<String> = ["p5", "p50", "p95", "mean"]
            .iter()
            .zip(cells.iter().zip(widths))
            .map(|(name, (cell, w))| format!("{name} {}", pad(cell, w)))
            .collect();
        out.push_str(parts.join("  ").trim_end());
    }
    out.push('\n');
}

/// `What moves it most`: for each headline figure, the ranged inputs that
/// move it, widest swing first, with the figure at each input's p5 and p95.
fn what_moves_it(out: &mut String, sim: &Simulation, conventions: &Conventions) {
    out.push_str(
        "\nWhat moves it most (each input at its p5 and p95, the others at their medians)\n",
    );
    for tornado in &sim.tornadoes {
        out.push_str(INDENT);
        out.push_str(&format!(
            "{} ({})\n",
            one_line(&tornado.label),
            format::measure(&tornado.point, conventions)
        ));
        let rows: Vec<[String; 3]> = moving_swings(tornado)
            .map(|swing| {
                let at = |input, output| {
                    format!(
                        "{} -> {}",
                        format::measure(input, conventions),
                        format::measure(output, conventions)
                    )
                };
                [
                    one_line(&swing.label),
                    at(&swing.input[0], &swing.at_low),
                    at(&swing.input[1], &swing.at_high),
                ]
            })
            .collect();
        if rows.is_empty() {
            out.push_str(INDENT);
            out.push_str(INDENT);
            out.push_str("no ranged input moves it\n");
        } else {
            table(out, &format!("{INDENT}{INDENT}"), &rows);
        }
    }
}

/// Rows of cells in aligned columns, two spaces apart.
fn table<const N: usize>(out: &mut String, indent: &str, rows: &[[String; N]]) {
    let mut widths = [0; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    for row in rows {
        let cells: Vec<String> = row.iter().zip(widths).map(|(c, w)| pad(c, w)).collect();
        out.push_str(indent);
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
}

/// A figure's label and value (and rough value), aligned.
fn figure_line(
    out: &mut String,
    figure: &Figure,
    report: &Report,
    rough: bool,
    label_width: usize,
    value_width: usize,
) {
    let label = one_line(&figure.label);
    let value = value_text(&figure.value, &report.conventions);
    out.push_str(INDENT);
    out.push_str(&pad(&label, label_width));
    out.push_str("  ");
    match (rough, figure.rough.as_ref()) {
        (true, Some(r)) => {
            out.push_str(&pad(&value, value_width));
            out.push_str("  ~ ");
            out.push_str(&rough_text(r, &report.conventions));
        }
        _ => out.push_str(&value),
    }
    out.push('\n');
}

/// `text` padded with spaces to `width` characters.
pub(crate) fn pad(text: &str, width: usize) -> String {
    let mut s = text.to_owned();
    s.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(self::width(text)),
    ));
    s
}

/// Display width, counted in characters (labels and values are short text).
pub(crate) fn width(text: &str) -> usize {
    one_line(text).chars().count()
}

/// Free text on one line: control and text-direction characters (newlines,
/// escapes a scenario name could smuggle into a terminal, overrides that
/// reorder what is shown) become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if is_hidden_control(c) { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::{estimate, presets};

    fn preset(key: &str) -> Report {
        estimate(&presets::preset_scenario(key).unwrap()).unwrap()
    }

    #[test]
    fn title_conventions_then_sections() {
        let text = render(&preset("photo-uploads"), None, false);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("Photo uploads"));
        assert_eq!(
            lines.next(),
            Some("Conventions: 86,400 s/day, 30-day month, 365-day year, SI bytes (1 KB = 1000 B)")
        );
        assert!(text.contains("\nStorage\n"), "{text}");
        let per_day = text
            .lines()
            .find(|l| l.trim_start().starts_with("Stored per day"))
            .unwrap();
        assert!(per_day.trim_end().ends_with("15 TB"), "{per_day}");
    }

    #[test]
    fn every_figure_has_its_derivation_below() {
        let report = preset("login-peak");
        let text = render(&report, None, false);
        let lines: Vec<&str> = text.lines().collect();
        let figure_lines: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with(INDENT) && !lines[i].starts_with(DERIVATION_INDENT))
            .collect();
        let figures: Vec<_> = report.figures().collect();
        assert_eq!(figure_lines.len(), figures.len());
        for (&at, figure) in figure_lines.iter().zip(figures) {
            assert!(
                lines[at].starts_with(&format!("{INDENT}{} ", figure.label)),
                "{}",
                lines[at]
            );
            assert_eq!(
                lines[at + 1],
                format!("{DERIVATION_INDENT}= {}", figure.derivation)
            );
        }
    }

    #[test]
    fn values_line_up() {
        let text = render(&preset("bandwidth"), None, false);
        let columns: Vec<usize> = text
            .lines()
            .filter(|l| l.starts_with(INDENT) && !l.starts_with(DERIVATION_INDENT))
            .map(|l| {
                let rest = &l[INDENT.len()..];
                // The value starts after the label and at least two spaces.
                let gap = rest.find("  ").unwrap();
                gap + rest[gap..].len() - rest[gap..].trim_start().len()
            })
            .collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
    }

    #[test]
    fn data_rates_show_bits_per_second_too() {
        let text = render(&preset("bandwidth"), None, false);
        assert!(text.contains("50 MB/s (400 Mbps)"), "{text}");
    }

    #[test]
    fn rough_mode_adds_the_rough_figure_and_its_error() {
        let report = preset("login-peak");
        let plain = render(&report, None, false);
        let rough = render(&report, None, true);
        assert!(!plain.contains(" ~ "));
        let peak = rough
            .lines()
            .find(|l| l.trim_start().starts_with("Peak requests/s"))
            .unwrap();
        assert!(peak.contains(" ~ "), "{peak}");
        assert!(peak.trim_end().ends_with("%)"), "{peak}");
        // The working under the derivation: 10 M users rounded stay 10^7
        // logins a day; 10^7 / 10^5 s = 100 /s; x 4.8 = 480 /s.
        assert!(
            rough.contains(
                "\n      = 115.7 req/s x 4.8x (20% of the day in the busiest hour x 24 h) = 555.6 req/s\n      \
                 ~ 100 /s x 4.8x (20% of the day in the busiest hour x 24 h) = 480 /s\n"
            ),
            "{rough}"
        );
        assert!(
            rough.contains("\n      ~ 10^7 requests/day / 10^5 s/day = 100 /s\n"),
            "{rough}"
        );
        assert!(!plain.contains("\n      ~ "), "no working without --rough");
    }

    #[test]
    fn a_simulation_puts_percentiles_between_value_and_derivation() {
        use envelope_core::{fields, uncertainty};
        let mut s = presets::preset_scenario("login-peak").unwrap();
        fields::set_scenario_field(&mut s, "dau", "5M..20M").unwrap();
        let report = estimate(&s).unwrap();
        let sim = uncertainty::simulate_seeded(&s).unwrap();
        let text = render(&report, Some(&sim), false);
        let lines: Vec<&str> = text.lines().collect();
        let figures: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                lines[i].starts_with(DERIVATION_INDENT) && lines[i].trim_start().starts_with("= ")
            })
            .collect();
        assert_eq!(figures.len(), report.figures().count());
        for at in figures {
            let spread = lines[at - 1];
            assert!(
                spread.starts_with("      p5 ") || spread == format!("{DERIVATION_INDENT}{FLAT}"),
                "{spread}"
            );
        }
        assert!(
            text.contains(
                "\nRanged inputs\n  Daily active users  5 M to 20 M  lognormal  median 10 M\n"
            ),
            "{text}"
        );
        assert!(text.contains("\nWhat moves it most "), "{text}");
        // Without a simulation, nothing of it.
        assert!(!render(&report, None, false).contains("p5"));
    }

    #[test]
    fn control_characters_in_names_are_neutralised() {
        let mut s = presets::preset_scenario("bandwidth").unwrap();
        s.name = "evil\u{1b}[31m\nname".into();
        let text = render(&estimate(&s).unwrap(), None, false);
        assert!(text.starts_with("evil [31m name\n"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn direction_overrides_in_names_are_neutralised() {
        let mut s = presets::preset_scenario("bandwidth").unwrap();
        s.name = "abc\u{202e}fdp.exe".into();
        s.classes[0].name = "r\u{202e}ead\u{9b}2J".into();
        let text = render(&estimate(&s).unwrap(), None, false);
        assert!(text.starts_with("abc fdp.exe\n"), "{text}");
        let hidden = |c: char| c != '\n' && is_hidden_control(c);
        assert!(!text.chars().any(hidden), "{text}");
    }
}
