//! Markdown for design docs: a heading per section and a
//! `| Figure | Value | How |` table, GitHub-flavoured, with every piece of
//! text escaped so that scenario and class names cannot break the table or
//! turn into links, emphasis or HTML.

use envelope_core::Report;

use super::{error_text, value_text};
use envelope_core::format;

/// The report as Markdown; with `rough`, two more columns give the
/// interview-style rough value and its error.
pub fn render(report: &Report, rough: bool) -> String {
    let mut out = String::new();
    let title = if report.name.trim().is_empty() {
        "Envelope estimate"
    } else {
        report.name.trim()
    };
    out.push_str(&format!("# {}\n\n", escape(title)));
    out.push_str(&format!(
        "Conventions: {}\n",
        escape(&report.conventions.describe())
    ));
    for section in &report.sections {
        out.push_str(&format!("\n## {}\n\n", escape(&section.title)));
        if rough {
            out.push_str("| Figure | Value | How | Rough | Error |\n");
            out.push_str("| --- | ---: | --- | ---: | ---: |\n");
        } else {
            out.push_str("| Figure | Value | How |\n");
            out.push_str("| --- | ---: | --- |\n");
        }
        for figure in &section.figures {
            let value = value_text(&figure.value, &report.conventions);
            out.push_str(&format!(
                "| {} | {} | {} |",
                escape(&figure.label),
                escape(&value),
                escape(&figure.derivation)
            ));
            if rough {
                let (value, error) = match &figure.rough {
                    Some(r) => (
                        escape(&format::measure(&r.value, &report.conventions)),
                        escape(&error_text(r.error_percent)),
                    ),
                    None => (String::new(), String::new()),
                };
                out.push_str(&format!(" {value} | {error} |"));
            }
            out.push('\n');
        }
    }
    out
}

/// Text made safe as inline Markdown inside a heading or a table cell:
/// Markdown's special characters are backslash-escaped (`|` as `\|`, which
/// GitHub tables need even inside code), `&` becomes `&amp;` so no entity is
/// read, and line breaks and other control characters become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::{estimate, presets, RequestClass};

    fn preset(key: &str) -> Report {
        estimate(&presets::preset_scenario(key).unwrap()).unwrap()
    }

    #[test]
    fn a_heading_and_a_table_per_section() {
        let report = preset("photo-uploads");
        let md = render(&report, false);
        assert!(md.starts_with("# Photo uploads\n\nConventions: "), "{md}");
        for section in &report.sections {
            assert!(md.contains(&format!(
                "\n## {}\n\n| Figure | Value | How |\n| --- | ---: | --- |\n",
                section.title
            )));
        }
        assert!(md.contains("| Stored per day | 15 TB | "), "{md}");
    }

    #[test]
    fn every_table_row_has_the_same_number_of_cells() {
        for rough in [false, true] {
            let md = render(&preset("twitter"), rough);
            let cells = if rough { 5 } else { 3 };
            for line in md.lines().filter(|l| l.starts_with('|')) {
                // Unescaped pipes separate cells.
                let pipes = line.len() - line.replace('|', "").len() - line.matches("\\|").count();
                assert_eq!(pipes, cells + 1, "{line}");
            }
        }
    }

    #[test]
    fn user_text_is_escaped() {
        let mut s = presets::preset_scenario("photo-uploads").unwrap();
        s.name = "A|B *bold* [link](x) <b>&amp;".into();
        s.classes = vec![RequestClass::write("up|load_`x`", 5.0, 3e6)];
        let md = render(&estimate(&s).unwrap(), false);
        assert!(
            md.starts_with("# A\\|B \\*bold\\* \\[link\\](x) \\<b\\>&amp;amp;\n"),
            "{md}"
        );
        assert!(!md.contains("up|load"), "{md}");
        assert!(md.contains("up\\|load\\_\\`x\\`"), "{md}");
    }

    #[test]
    fn data_rates_show_bits_per_second() {
        assert!(render(&preset("bandwidth"), false).contains("50 MB/s (400 Mbps)"));
    }

    #[test]
    fn rough_columns() {
        let md = render(&preset("login-peak"), true);
        assert!(md.contains("| Figure | Value | How | Rough | Error |"));
        let peak = md
            .lines()
            .find(|l| l.starts_with("| Peak requests/s |"))
            .unwrap();
        assert!(peak.ends_with("% |"), "{peak}");
    }

    #[test]
    fn escape_handles_newlines_and_plain_text() {
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(
            escape("10,000,000 users x 2 /day = 20 M"),
            "10,000,000 users x 2 /day = 20 M"
        );
    }
}
