//! The downtime an availability allows, as text or Markdown; and a system
//! of parts (`--system`): its availability, downtime, limiting part and
//! whether it meets a target.

use envelope_core::availability::{
    Availability, DowntimeRow, DowntimeTable, Period, SystemAvailability, Verdict, SECONDS_PER_DAY,
};
use envelope_core::decimal::Decimal;
use envelope_core::text::displayable;
use envelope_core::Conventions;
use serde::Serialize;

use crate::markdown::escape;

/// The period in words with its length where conventions differ:
/// `per day`, `per week`, `per 30-day month`, `per 90-day quarter`,
/// `per 365-day year`.
pub fn period_label(row: &DowntimeRow) -> String {
    match row.period {
        Period::Day | Period::Week => format!("per {}", row.name),
        _ => format!(
            "per {}-day {}",
            days(row.period_seconds / SECONDS_PER_DAY),
            row.name
        ),
    }
}

/// A day count to two decimals at most: `30`, `30.44`, `91.32`, `365.25`.
fn days(days: f64) -> String {
    let text = format!("{:.2}", Decimal(days));
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `99.9% (3 nines)`, then the calendar, then one aligned row per period.
pub fn text(table: &DowntimeTable) -> String {
    let labels: Vec<String> = table.rows.iter().map(period_label).collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out = format!(
        "Availability {} ({})\nCalendar: {}\n\nAllowed downtime\n",
        table.availability_text, table.nines_text, table.conventions
    );
    for (row, label) in table.rows.iter().zip(&labels) {
        out.push_str(&format!("  {label:<width$}  {}\n", row.text));
    }
    out
}

/// A heading, the calendar, and a `| Period | Downtime |` table.
pub fn markdown(table: &DowntimeTable) -> String {
    format!(
        "## Availability {} ({})\n{}",
        escape(&table.availability_text),
        escape(&table.nines_text),
        downtime_markdown(table)
    )
}

/// The calendar and a `| Period | Downtime |` table, after a blank line:
/// one writer for a target's and a system's Markdown.
fn downtime_markdown(table: &DowntimeTable) -> String {
    let mut out = format!(
        "\nCalendar: {}\n\n| Period | Downtime |\n| --- | ---: |\n",
        escape(&table.conventions)
    );
    for row in &table.rows {
        out.push_str(&format!(
            "| {} | {} |\n",
            escape(&period_label(row)),
            escape(&row.text)
        ));
    }
    out
}

/// A system's availability, as computed for `--system`.
pub struct SystemReport {
    /// The system in its one text form.
    pub system: String,
    /// Its availability, downtime, parts and limiting part.
    pub result: SystemAvailability,
    /// The target as given, and as read.
    pub target: Option<(String, Availability)>,
    /// The calendar the system was evaluated under (the verdict's year).
    pub conventions: Conventions,
}

/// `a` as a percentage with six significant digits of its unavailability,
/// trailing zeros dropped: `99.9899999%` where the table's rounded text
/// says `99.99%`, so a system a hair below its target reads as below it.
pub fn precise(a: Availability) -> String {
    a.precise()
}

/// Whether the system meets the target and by how much, in the core's
/// words ([`Verdict`]): `Meets the 99.9% target: ...` or `Misses ...`.
fn verdict(report: &SystemReport) -> Option<String> {
    let (_, target) = report.target.as_ref()?;
    Some(Verdict::new(report.result.availability, *target, &report.conventions).text)
}

/// The limiting part in words, when there is one.
fn limiting(report: &SystemReport) -> Option<String> {
    let l = report.result.limiting.as_ref()?;
    Some(format!(
        "Limiting part: {} ({:.0}% of the downtime; were it perfect, {})",
        displayable(&l.name),
        Decimal(l.share * 100.0),
        precise(l.availability_if_perfect)
    ))
}

/// The system, its availability and nines, the limiting part, the target's
/// verdict, each part, and the downtime per period.
pub fn system_text(report: &SystemReport) -> String {
    let table = &report.result.table;
    let mut out = format!(
        "System: {}\nAvailability {} ({})\n",
        displayable(&report.system),
        precise(table.availability),
        table.nines_text
    );
    for line in [limiting(report), verdict(report)].into_iter().flatten() {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("\nParts\n");
    for part in &report.result.parts {
        out.push_str(&format!(
            "  {}{}  {}\n",
            "  ".repeat(part.depth),
            displayable(&part.label),
            precise(part.availability)
        ));
    }
    out.push_str(&format!("\nCalendar: {}\n\nDowntime\n", table.conventions));
    let labels: Vec<String> = table.rows.iter().map(period_label).collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for (row, label) in table.rows.iter().zip(&labels) {
        out.push_str(&format!("  {label:<width$}  {}\n", row.text));
    }
    out
}

/// As [`system_text`], with a heading and tables.
pub fn system_markdown(report: &SystemReport) -> String {
    let table = &report.result.table;
    let mut out = format!(
        "## System availability {} ({})\n\nSystem: `{}`\n\n",
        escape(&precise(table.availability)),
        escape(&table.nines_text),
        report.system.replace('`', "'")
    );
    for line in [limiting(report), verdict(report)].into_iter().flatten() {
        out.push_str(&format!("{}\n\n", escape(&line)));
    }
    out.push_str("| Part | Availability |\n| --- | ---: |\n");
    for part in &report.result.parts {
        out.push_str(&format!(
            "| {}{} | {} |\n",
            "&nbsp;&nbsp;".repeat(part.depth),
            escape(&part.label),
            escape(&precise(part.availability))
        ));
    }
    out.push_str(&downtime_markdown(table));
    out
}

/// What `--system --format json` writes.
#[derive(Serialize)]
pub struct JsonSystem<'a> {
    /// The system in its one text form.
    system: &'a str,
    /// Its availability, downtime table, limiting part and parts.
    #[serde(flatten)]
    result: &'a SystemAvailability,
    /// The target and whether the system meets it, when one is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<JsonTarget<'a>>,
}

#[derive(Serialize)]
struct JsonTarget<'a> {
    text: &'a str,
    availability: Availability,
    met: bool,
    /// The verdict in words, as the text output prints it.
    verdict: String,
}

impl<'a> JsonSystem<'a> {
    /// The report as JSON.
    pub fn new(report: &'a SystemReport) -> Self {
        JsonSystem {
            system: &report.system,
            result: &report.result,
            target: report.target.as_ref().map(|(text, a)| {
                let v = Verdict::new(report.result.availability, *a, &report.conventions);
                JsonTarget {
                    text,
                    availability: *a,
                    met: v.met,
                    verdict: v.text,
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::availability::Availability;
    use envelope_core::{Conventions, MonthLength, YearLength};

    fn table(text: &str, conventions: &Conventions) -> DowntimeTable {
        Availability::parse(text)
            .unwrap()
            .downtime_table(conventions)
    }

    #[test]
    fn precise_shows_six_digits_of_the_downtime() {
        let a = |u: f64| Availability::from_unavailability(u).unwrap();
        // 1 - 1.000009999e-4 = 0.9998999990001: 99.9899999%, not 99.99%.
        assert_eq!(precise(a(1.000_009_999e-4)), "99.9899999%");
        assert_eq!(precise(a(1e-4)), "99.99%");
        assert_eq!(precise(a(0.5)), "50%");
        assert_eq!(precise(a(1e-9)), "99.9999999%");
        assert_eq!(precise(a(0.0)), "100%");
    }

    #[test]
    fn three_nines_in_text() {
        let out = text(&table("99.9%", &Conventions::default()));
        assert!(out.starts_with("Availability 99.9% (3 nines)\n"), "{out}");
        assert!(out.contains("  per 30-day month    43m 12s\n"), "{out}");
        assert!(out.contains("  per 365-day year    8h 45m 36s\n"), "{out}");
        assert!(out.contains("  per 90-day quarter  2h 9m 36s\n"), "{out}");
    }

    #[test]
    fn average_calendar_months_and_years() {
        let c = Conventions {
            month: MonthLength::Days30_44,
            year: YearLength::Days365_25,
            ..Conventions::default()
        };
        let out = text(&table("99.9%", &c));
        assert!(out.contains("per 30.44-day month"), "{out}");
        assert!(out.contains("per 365.25-day year"), "{out}");
    }

    #[test]
    fn markdown_table() {
        let out = markdown(&table("four nines", &Conventions::default()));
        assert!(
            out.starts_with("## Availability 99.99% (4 nines)\n"),
            "{out}"
        );
        assert!(
            out.contains("| Period | Downtime |\n| --- | ---: |\n| per day | "),
            "{out}"
        );
        assert_eq!(out.lines().filter(|l| l.starts_with("| per ")).count(), 5);
    }
}
