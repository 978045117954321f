//! The downtime an availability allows, as text or Markdown.

use envelope_core::availability::{DowntimeRow, DowntimeTable, Period, SECONDS_PER_DAY};

use super::markdown::escape;

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
    let text = format!("{days:.2}");
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
    let mut out = format!(
        "## Availability {} ({})\n\nCalendar: {}\n\n| Period | Downtime |\n| --- | ---: |\n",
        escape(&table.availability_text),
        escape(&table.nines_text),
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
