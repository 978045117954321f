//! Markdown for design docs: a heading per section and a
//! `| Figure | Value | How |` table, GitHub-flavoured, with every piece of
//! text escaped so that scenario and class names cannot break the table or
//! turn into links, emphasis or HTML.
//!
//! When inputs are ranges, a simulation adds a sentence on what the
//! percentiles are of, a "Ranged inputs" table, `p5`, `p50`, `p95` and
//! `Mean` columns beside each value, and a "What moves it most" table per
//! headline figure.

use envelope_core::text::is_hidden_control;
use envelope_core::uncertainty::Simulation;
use envelope_core::{Conventions, Report};

use super::{error_text, moving_swings, simulation_summary, spread_cells, value_text, POINT_NOTE};
use envelope_core::format;

/// The report as Markdown; with `rough`, three more columns give the
/// interview-style rough value, its error and its working in powers of ten
/// (empty for a request class's own figures); with a simulation (the
/// scenario has ranged inputs), four more give each figure's percentiles and
/// mean.
pub fn render(report: &Report, sim: Option<&Simulation>, rough: bool) -> String {
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
    if let Some(sim) = sim {
        out.push_str(&format!(
            "\n{} {}\n",
            escape(&simulation_summary(sim)),
            escape(POINT_NOTE)
        ));
        ranged_inputs(&mut out, sim, &report.conventions);
    }
    let (spread_head, spread_rule) = if sim.is_some() {
        (" p5 | p50 | p95 | Mean |", " ---: | ---: | ---: | ---: |")
    } else {
        ("", "")
    };
    for section in &report.sections {
        out.push_str(&format!("\n## {}\n\n", escape(&section.title)));
        if rough {
            out.push_str(&format!(
                "| Figure | Value |{spread_head} How | Rough | Error | Working |\n"
            ));
            out.push_str(&format!(
                "| --- | ---: |{spread_rule} --- | ---: | ---: | --- |\n"
            ));
        } else {
            out.push_str(&format!("| Figure | Value |{spread_head} How |\n"));
            out.push_str(&format!("| --- | ---: |{spread_rule} --- |\n"));
        }
        for figure in &section.figures {
            let value = value_text(&figure.value, &report.conventions);
            out.push_str(&format!(
                "| {} | {} |",
                escape(&figure.label),
                escape(&value)
            ));
            if let Some(sim) = sim {
                let cells = match sim.output(&figure.key) {
                    Some(spread) => spread_cells(spread, &report.conventions).map(|c| escape(&c)),
                    None => Default::default(),
                };
                for cell in cells {
                    out.push_str(&format!(" {cell} |"));
                }
            }
            out.push_str(&format!(" {} |", escape(&figure.derivation)));
            if rough {
                let (value, error, working) = match &figure.rough {
                    Some(r) => (
                        escape(&format::measure(&r.value, &report.conventions)),
                        escape(&error_text(r.error_percent)),
                        escape(r.working.as_deref().unwrap_or_default()),
                    ),
                    None => (String::new(), String::new(), String::new()),
                };
                out.push_str(&format!(" {value} | {error} | {working} |"));
            }
            out.push('\n');
        }
    }
    if let Some(sim) = sim {
        what_moves_it(&mut out, sim, &report.conventions);
    }
    out
}

/// `## Ranged inputs`: a row per input.
fn ranged_inputs(out: &mut String, sim: &Simulation, conventions: &Conventions) {
    out.push_str("\n## Ranged inputs\n\n");
    out.push_str("| Input | Low (p5) | High (p95) | Distribution | Median |\n");
    out.push_str("| --- | ---: | ---: | --- | ---: |\n");
    for input in &sim.inputs {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            escape(&input.label),
            escape(&format::measure(&input.low, conventions)),
            escape(&format::measure(&input.high, conventions)),
            escape(input.distribution),
            escape(&format::measure(&input.median, conventions)),
        ));
    }
}

/// `## What moves it most`: a table per headline figure.
fn what_moves_it(out: &mut String, sim: &Simulation, conventions: &Conventions) {
    out.push_str("\n## What moves it most\n\n");
    out.push_str(
        "Each figure with one ranged input at its 5th and then its 95th percentile, \
         the others at their medians; widest swing first.\n",
    );
    let m = |value| escape(&format::measure(value, conventions));
    for tornado in &sim.tornadoes {
        out.push_str(&format!(
            "\n### {} ({})\n\n",
            escape(&tornado.label),
            m(&tornado.point)
        ));
        let mut swings = moving_swings(tornado).peekable();
        if swings.peek().is_none() {
            out.push_str("No ranged input moves it.\n");
            continue;
        }
        out.push_str("| Input | Input p5 | Figure at p5 | Input p95 | Figure at p95 |\n");
        out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
        for swing in swings {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                escape(&swing.label),
                m(&swing.input[0]),
                m(&swing.at_low),
                m(&swing.input[1]),
                m(&swing.at_high),
            ));
        }
    }
}

/// Text made safe as inline Markdown inside a heading or a table cell:
/// Markdown's special characters are backslash-escaped (`|` as `\|`, which
/// GitHub tables need even inside code), `&` becomes `&amp;` so no entity is
/// read, and line breaks, other control characters and text-direction
/// characters become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c if is_hidden_control(c) => out.push(' '),
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
        let md = render(&report, None, false);
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
            let md = render(&preset("twitter"), None, rough);
            let cells = if rough { 6 } else { 3 };
            for line in md.lines().filter(|l| l.starts_with('|')) {
                // Unescaped pipes separate cells.
                let pipes = line.len() - line.replace('|', "").len() - line.matches("\\|").count();
                assert_eq!(pipes, cells + 1, "{line}");
            }
        }
    }

    #[test]
    fn simulation_rows_have_as_many_cells_as_their_header() {
        use envelope_core::{fields, uncertainty};
        let mut s = presets::preset_scenario("twitter").unwrap();
        fields::set_scenario_field(&mut s, "dau", "100M..300M").unwrap();
        fields::set_class_field(&mut s, 0, "name", "a|b").unwrap();
        fields::set_class_field(&mut s, 0, "in", "1KB..2KB").unwrap();
        let report = estimate(&s).unwrap();
        let sim = uncertainty::simulate_seeded(&s).unwrap();
        for rough in [false, true] {
            let md = render(&report, Some(&sim), rough);
            for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
                let cells = |line: &str| {
                    line.len() - line.replace('|', "").len() - line.matches("\\|").count()
                };
                let mut lines = table.lines();
                let width = cells(lines.next().unwrap());
                for line in lines {
                    assert_eq!(cells(line), width, "{line}");
                }
            }
        }
    }

    #[test]
    fn user_text_is_escaped() {
        let mut s = presets::preset_scenario("photo-uploads").unwrap();
        s.name = "A|B *bold* [link](x) <b>&amp;".into();
        s.classes = vec![RequestClass::write("up|load_`x`", 5.0, 3e6)];
        let md = render(&estimate(&s).unwrap(), None, false);
        assert!(
            md.starts_with("# A\\|B \\*bold\\* \\[link\\](x) \\<b\\>&amp;amp;\n"),
            "{md}"
        );
        assert!(!md.contains("up|load"), "{md}");
        assert!(md.contains("up\\|load\\_\\`x\\`"), "{md}");
    }

    #[test]
    fn data_rates_show_bits_per_second() {
        assert!(render(&preset("bandwidth"), None, false).contains("50 MB/s (400 Mbps)"));
    }

    #[test]
    fn rough_columns() {
        let md = render(&preset("login-peak"), None, true);
        assert!(md.contains("| Figure | Value | How | Rough | Error | Working |"));
        let average = md
            .lines()
            .find(|l| l.starts_with("| Average requests/s |"))
            .unwrap();
        // 10 M logins a day over a 100,000 s day: 100 /s, 14% under the
        // exact 115.7 req/s.
        assert!(
            average.ends_with("| 100 req/s | -14% | 10^7 requests/day / 10^5 s/day = 100 /s |"),
            "{average}"
        );
        // A request class's own figures have no working: an empty cell.
        let class_rows: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("| Average requests/s |"))
            .collect();
        assert_eq!(class_rows.len(), 2, "the total and the class");
        assert!(class_rows[1].ends_with("| -14% |  |"), "{}", class_rows[1]);
    }

    #[test]
    fn escape_handles_newlines_and_plain_text() {
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape("abc\u{202e}fdp\u{2066}.exe\u{85}"), "abc fdp .exe ");
        assert_eq!(
            escape("10,000,000 users x 2 /day = 20 M"),
            "10,000,000 users x 2 /day = 20 M"
        );
    }
}
