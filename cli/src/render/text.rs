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

use envelope_core::{Figure, Report};

use super::{rough_text, value_text};

/// Indent of figure lines under a section title.
const INDENT: &str = "  ";
/// Indent of derivation lines, under the figure's label.
const DERIVATION_INDENT: &str = "      ";

/// The report as text; with `rough`, each value is followed by the
/// interview-style rough figure and its error.
pub fn render(report: &Report, rough: bool) -> String {
    let label_width = report.figures().map(|f| width(&f.label)).max().unwrap_or(0);
    let value_width = report
        .figures()
        .map(|f| width(&value_text(&f.value, &report.conventions)))
        .max()
        .unwrap_or(0);
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
    for section in &report.sections {
        out.push('\n');
        out.push_str(&one_line(&section.title));
        out.push('\n');
        for figure in &section.figures {
            figure_lines(&mut out, figure, report, rough, label_width, value_width);
        }
    }
    out
}

fn figure_lines(
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
    out.push_str(DERIVATION_INDENT);
    out.push_str("= ");
    out.push_str(&one_line(&figure.derivation));
    out.push('\n');
}

/// `text` padded with spaces to `width` characters.
fn pad(text: &str, width: usize) -> String {
    let mut s = text.to_owned();
    s.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(self::width(text)),
    ));
    s
}

/// Display width, counted in characters (labels and values are short text).
fn width(text: &str) -> usize {
    one_line(text).chars().count()
}

/// Free text on one line: control characters (newlines, escapes a scenario
/// name could smuggle into a terminal) become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
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
        let text = render(&preset("photo-uploads"), false);
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
        let text = render(&report, false);
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
        let text = render(&preset("bandwidth"), false);
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
        let text = render(&preset("bandwidth"), false);
        assert!(text.contains("50 MB/s (400 Mbps)"), "{text}");
    }

    #[test]
    fn rough_mode_adds_the_rough_figure_and_its_error() {
        let report = preset("login-peak");
        let plain = render(&report, false);
        let rough = render(&report, true);
        assert!(!plain.contains(" ~ "));
        let peak = rough
            .lines()
            .find(|l| l.trim_start().starts_with("Peak requests/s"))
            .unwrap();
        assert!(peak.contains(" ~ "), "{peak}");
        assert!(peak.trim_end().ends_with("%)"), "{peak}");
    }

    #[test]
    fn control_characters_in_names_are_neutralised() {
        let mut s = presets::preset_scenario("bandwidth").unwrap();
        s.name = "evil\u{1b}[31m\nname".into();
        let text = render(&estimate(&s).unwrap(), false);
        assert!(text.starts_with("evil [31m name\n"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }
}
