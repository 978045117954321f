//! Markdown for design docs: the whole report, GitHub-flavoured, with every
//! piece of text escaped so that scenario and class names cannot break the
//! tables or turn into links, emphasis or HTML. In order:
//!
//! - `# ` the scenario's name (`Envelope estimate` when it has none);
//! - `Link: <https://...>`, the scenario's share URL, when the caller gives
//!   one ([`Options::link`], made with [`crate::link::scenario_url`]), so
//!   the document leads back to the calculator;
//! - `Conventions: ...`, the calendar and byte units every figure used;
//! - `## Inputs`: a `| Input | Value |` row per input that applies, as the
//!   web form shows it ([`crate::inputs`]), ranges as `1 M to 10 M`;
//! - per section of the report, a heading and a `| Figure | Value | How |`
//!   table, each figure with its derivation.
//!
//! When inputs are ranges, a simulation adds a sentence on what the
//! percentiles are of and a "Ranged inputs" table (after the inputs),
//! `p5`, `p50`, `p95` and `Mean` columns beside each value, and a "What
//! moves it most" table per headline figure at the end. With
//! [`Options::rough`], three more columns give each figure's interview-style
//! rough value, its error and its working.
//!
//! ```
//! use envelope_core::{estimate, presets};
//! use envelope_render::{link, markdown};
//! let scenario = presets::preset_scenario("photo-uploads").unwrap();
//! let report = estimate(&scenario).unwrap();
//! let url = link::scenario_url("https://envelope.example/", &scenario);
//! let options = markdown::Options { link: Some(&url), ..Default::default() };
//! let md = markdown::render(&report, &scenario, options);
//! assert!(md.starts_with("# Photo uploads\n\nLink: <https://envelope.example/?v=1&"));
//! assert!(md.contains("\n## Inputs\n\n| Input | Value |\n| --- | --- |\n"));
//! assert!(md.contains("\n| upload photo: Bytes in | 3 MB |\n"));
//! ```

use envelope_core::text::is_hidden_control;
use envelope_core::uncertainty::Simulation;
use envelope_core::{format, Conventions, Report, Scenario};

use crate::values::{
    error_text, moving_swings, simulation_summary, spread_cells, value_text, POINT_NOTE,
};
use crate::{inputs, link};

/// What the Markdown holds beyond the report's figures and the inputs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The Monte Carlo of the scenario's ranged inputs, when it has some:
    /// four more columns give each figure's percentiles and mean, and
    /// tables give the ranged inputs and what moves the headline figures.
    pub simulation: Option<&'a Simulation>,
    /// Interview mode: three more columns give the rough value in powers of
    /// ten, its error and its working (empty for a request class's own
    /// figures).
    pub rough: bool,
    /// The scenario's share URL, printed as a `Link:` line under the title
    /// ([`crate::link::markdown`] makes it safe); none without one.
    pub link: Option<&'a str>,
}

/// The report of `scenario` as Markdown (see the module documentation);
/// `report` is [`envelope_core::estimate`] of `scenario`.
pub fn render(report: &Report, scenario: &Scenario, options: Options<'_>) -> String {
    let Options {
        simulation: sim,
        rough,
        link,
    } = options;
    let mut out = String::new();
    let title = if report.name.trim().is_empty() {
        "Envelope estimate"
    } else {
        report.name.trim()
    };
    out.push_str(&format!("# {}\n\n", escape(title)));
    if let Some(url) = link {
        out.push_str(&format!("Link: {}\n\n", link::markdown(url)));
    }
    out.push_str(&format!(
        "Conventions: {}\n",
        escape(&report.conventions.describe())
    ));
    inputs_table(&mut out, scenario);
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

/// `## Inputs`: a row per input that applies, as the form shows it.
fn inputs_table(out: &mut String, scenario: &Scenario) {
    out.push_str("\n## Inputs\n\n| Input | Value |\n| --- | --- |\n");
    for row in inputs::rows(scenario) {
        out.push_str(&format!(
            "| {} | {} |\n",
            escape(&row.label),
            escape(&row.value)
        ));
    }
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
    use envelope_core::{estimate, fields, presets, RequestClass};

    fn preset(key: &str) -> (Report, Scenario) {
        let scenario = presets::preset_scenario(key).unwrap();
        (estimate(&scenario).unwrap(), scenario)
    }

    /// The Markdown of a preset, with or without rough columns.
    fn md(key: &str, rough: bool) -> String {
        let (report, scenario) = preset(key);
        let options = Options {
            rough,
            ..Options::default()
        };
        render(&report, &scenario, options)
    }

    #[test]
    fn a_heading_and_a_table_per_section() {
        let (report, scenario) = preset("photo-uploads");
        let md = render(&report, &scenario, Options::default());
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
            let md = md("twitter", rough);
            let cells = if rough { 6 } else { 3 };
            let figures = md.split("\n## Inputs\n").nth(1).unwrap();
            let figures = &figures[figures.find("\n## ").unwrap()..];
            for line in figures.lines().filter(|l| l.starts_with('|')) {
                // Unescaped pipes separate cells.
                let pipes = line.len() - line.replace('|', "").len() - line.matches("\\|").count();
                assert_eq!(pipes, cells + 1, "{line}");
            }
        }
    }

    #[test]
    fn simulation_rows_have_as_many_cells_as_their_header() {
        use envelope_core::uncertainty;
        let mut s = presets::preset_scenario("twitter").unwrap();
        fields::set_scenario_field(&mut s, "dau", "100M..300M").unwrap();
        fields::set_class_field(&mut s, 0, "name", "a|b").unwrap();
        fields::set_class_field(&mut s, 0, "in", "1KB..2KB").unwrap();
        let report = estimate(&s).unwrap();
        let sim = uncertainty::simulate_seeded(&s).unwrap();
        for rough in [false, true] {
            let options = Options {
                simulation: Some(&sim),
                rough,
                link: Some("http://x/?v=1"),
            };
            let md = render(&report, &s, options);
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
        let md = render(&estimate(&s).unwrap(), &s, Options::default());
        assert!(
            md.starts_with("# A\\|B \\*bold\\* \\[link\\](x) \\<b\\>&amp;amp;\n"),
            "{md}"
        );
        assert!(!md.contains("up|load"), "{md}");
        assert!(md.contains("up\\|load\\_\\`x\\`"), "{md}");
    }

    #[test]
    fn data_rates_show_bits_per_second() {
        assert!(md("bandwidth", false).contains("50 MB/s (400 Mbps)"));
    }

    #[test]
    fn rough_columns() {
        let md = md("login-peak", true);
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

    /// Cells of a table row: unescaped pipes, less one.
    fn cells(line: &str) -> usize {
        line.len() - line.replace('|', "").len() - line.matches("\\|").count() - 1
    }

    /// The `## Inputs` table's lines, header and rule included.
    fn inputs_table(md: &str) -> Vec<&str> {
        let table = md
            .split("\n## Inputs\n\n")
            .nth(1)
            .expect("an Inputs section");
        table.lines().take_while(|l| l.starts_with('|')).collect()
    }

    #[test]
    fn inputs_follow_the_conventions_two_cells_a_row() {
        for p in presets::presets() {
            let (report, scenario) = preset(p.key);
            let md = render(&report, &scenario, Options::default());
            let conventions = format!(
                "Conventions: {}\n\n## Inputs\n\n| Input | Value |\n| --- | --- |\n",
                escape(&report.conventions.describe())
            );
            assert!(md.contains(&conventions), "{md}");
            let table = inputs_table(&md);
            assert_eq!(table.len(), 2 + inputs::rows(&scenario).len());
            for line in &table {
                assert_eq!(cells(line), 2, "{}: {line}", p.key);
            }
            // Then the figures.
            let after = md.split("\n## Inputs\n\n").nth(1).unwrap();
            assert!(after.contains(&format!("\n\n## {}\n", report.sections[0].title)));
        }
        let md = md("photo-uploads", false);
        for row in [
            "| Daily active users | 1 M |",
            "| Users given as | daily active users |",
            "| upload photo: Read or write | write |",
            "| upload photo: How many | 5 |",
            "| upload photo: Counted | per user per day |",
            "| upload photo: Bytes in | 3 MB |",
        ] {
            assert!(inputs_table(&md).contains(&row), "{row}\n{md}");
        }
    }

    #[test]
    fn inputs_escape_class_names_and_leave_out_what_does_not_apply() {
        let mut s = presets::preset_scenario("twitter").unwrap();
        fields::set_class_field(&mut s, 0, "name", "a|b *c*").unwrap();
        fields::set_class_field(&mut s, 1, "kind", "read").unwrap();
        let report = estimate(&s).unwrap();
        let md = render(&report, &s, Options::default());
        let table = inputs_table(&md);
        assert!(
            table
                .iter()
                .any(|l| l.starts_with("| a\\|b \\*c\\*: Bytes in | ")),
            "{table:#?}"
        );
        assert!(table.iter().all(|l| cells(l) == 2), "{table:#?}");
        // Daily active users do not apply while users are given monthly,
        // nor bytes stored to a read.
        let has = |start: &str| table.iter().any(|l| l.starts_with(start));
        assert!(table.contains(&"| Monthly active users | 300 M |"), "{md}");
        assert!(!has("| Daily active users |"), "{md}");
        let class = escape(&inputs::class_title(&s, 1));
        assert!(!has(&format!("| {class}: Bytes stored |")), "{md}");
        assert!(has(&format!("| {class}: Bytes in |")), "{md}");
        // The scenario's name is the title, not a row too.
        assert!(!has("| Scenario name |"));
    }

    #[test]
    fn an_input_typed_as_a_range_shows_the_range() {
        use envelope_core::uncertainty;
        let mut s = presets::preset_scenario("photo-uploads").unwrap();
        fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
        fields::set_class_field(&mut s, 0, "out", "1KB to 3KB").unwrap();
        let report = estimate(&s).unwrap();
        let sim = uncertainty::simulate_seeded(&s).unwrap();
        let options = Options {
            simulation: Some(&sim),
            ..Options::default()
        };
        let md = render(&report, &s, options);
        let table = inputs_table(&md);
        assert!(
            table.contains(&"| Daily active users | 1 M to 10 M |"),
            "{md}"
        );
        assert!(
            table.contains(&"| upload photo: Bytes out | 1 KB to 3 KB |"),
            "{md}"
        );
        // The simulation's sentence and tables come after the inputs.
        let inputs_at = md.find("\n## Inputs\n").unwrap();
        assert!(md.find("\nPercentiles of ").unwrap() > inputs_at);
        assert!(md.find("\n## Ranged inputs\n").unwrap() > inputs_at);
    }

    #[test]
    fn the_link_line_comes_under_the_title() {
        let (report, scenario) = preset("photo-uploads");
        let url = crate::link::scenario_url("https://envelope.example/app?x=1", &scenario);
        let options = Options {
            link: Some(&url),
            ..Options::default()
        };
        let md = render(&report, &scenario, options);
        let expected = format!(
            "# Photo uploads\n\nLink: <https://envelope.example/app?{}>\n\nConventions: ",
            envelope_core::link::encode(&scenario)
        );
        assert!(md.starts_with(&expected), "{md}");
        assert_eq!(md.matches("Link: ").count(), 1);
        // Without a link, no line.
        assert!(!render(&report, &scenario, Options::default()).contains("Link:"));
        // A hostile base cannot break out of the link or add markup.
        let options = Options {
            link: Some("https://x.example/>\n# <b>hi</b>\u{202e}?v=1"),
            ..Options::default()
        };
        let md = render(&report, &scenario, options);
        let line = md.lines().nth(2).unwrap();
        assert_eq!(
            line,
            "Link: <https://x.example/%3E#%20%3Cb%3Ehi%3C/b%3E?v=1>"
        );
        assert!(md.lines().filter(|l| l.starts_with("# ")).count() == 1);
        let options = Options {
            link: Some("not a url_*?v=1"),
            ..Options::default()
        };
        let md = render(&report, &scenario, options);
        assert_eq!(md.lines().nth(2), Some("Link: not%20a%20url\\_\\*?v=1"));
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
