//! A follow-up calculator's outcome (`envelope tool NAME`) for people and
//! programs: its inputs, each with its value and where it came from (set
//! by you, from the scenario, or the calculator's default) and how the
//! scenario gave it; then its figures with their derivations, as the
//! estimate's sections print.
//!
//! ```text
//! Bloom filter: bits and hash functions for a Bloom filter, and the rate it gives
//! Conventions: 86,400 s/day, 30-day month, 365-day year, SI bytes (1 KB = 1000 B)
//!
//! Inputs
//!   bloom.items                1 M  set by you
//!   bloom.false_positive_rate  1%   default
//!   bloom.bits_per_item        10   default
//!
//! Bloom filter
//!   Bits            9.585 M
//!       = ceil(-n ln p / (ln 2)^2) = ... = 9.585 M
//! ```

use envelope_core::fields::{FollowupField, Input};
use envelope_core::followup::{Calculator, Origin, Outcome};
use envelope_core::{format, Conventions, FollowupValue, Measure, Section};
use serde::Serialize;

use crate::markdown::escape;
use crate::text::{one_line, pad, width};
use crate::values::value_text;

/// The version of the `envelope tool --format json` document; bumped when
/// a member changes meaning or goes away (members may be added).
pub const TOOL_VERSION: u32 = 1;

/// Where an input's value came from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFrom {
    /// Set by the user (`--set`, the link, the scenario file's `followup`).
    Set,
    /// Worked out from the scenario.
    Scenario,
    /// The calculator's default.
    Default,
}

impl InputFrom {
    fn of(origin: Option<Origin>) -> InputFrom {
        match origin {
            Some(Origin::Set) => InputFrom::Set,
            Some(Origin::Scenario) => InputFrom::Scenario,
            None => InputFrom::Default,
        }
    }

    fn words(self) -> &'static str {
        match self {
            InputFrom::Set => "set by you",
            InputFrom::Scenario => "from the scenario",
            InputFrom::Default => "default",
        }
    }
}

/// One input of the calculator as it was used.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Serialize)]
pub struct ToolInput {
    /// Its key, as `--set` and share links take it: `bloom.items`.
    pub key: &'static str,
    /// What people call it: `Items`.
    pub label: &'static str,
    /// A number's value, typed, in its base unit; absent for a choice or
    /// the latency steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Measure>,
    /// The value as text: `1.825 bn`, `equal`, `datacenter_round_trip:2`.
    pub text: String,
    /// Where the value came from.
    pub from: InputFrom,
    /// How the scenario gave it, when it did: `n = 1.825 bn objects from
    /// the scenario: ...`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What `envelope tool NAME --format json` writes.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Tool"))]
#[derive(Debug, Serialize)]
pub struct JsonTool<'a> {
    /// The document's format version ([`TOOL_VERSION`]).
    pub version: u32,
    /// The calculator: `bloom`, `ids`, `quorum`, `shards`, `cache`,
    /// `latency` or `backoff`.
    pub tool: &'static str,
    /// The question it answers.
    pub question: &'static str,
    /// The scenario's name (may be empty).
    pub scenario: &'a str,
    /// The calendar and byte units the values are printed with.
    pub conventions: Conventions,
    /// Every input, in the calculator's order.
    pub inputs: Vec<ToolInput>,
    /// The figures, with derivations, as a report section.
    pub section: &'a Section,
}

/// The inputs of `outcome` as printed.
pub fn inputs(outcome: &Outcome, conventions: &Conventions) -> Vec<ToolInput> {
    outcome
        .inputs
        .iter()
        .map(|input| {
            let from = InputFrom::of(input.origin);
            ToolInput {
                key: input.field.key,
                label: input.field.label,
                value: measure(input.field, &input.value),
                text: shown(input.field, &input.value, conventions),
                from,
                note: (from == InputFrom::Scenario)
                    .then(|| {
                        outcome
                            .notes
                            .iter()
                            .find(|n| n.field == input.field.key)
                            .map(|n| n.text.clone())
                    })
                    .flatten(),
            }
        })
        .collect()
}

/// A number input's value, typed.
fn measure(field: &FollowupField, value: &FollowupValue) -> Option<Measure> {
    match (field.input, value) {
        (Input::Number(kind), FollowupValue::Number(v)) => Some(Measure::from_base(kind, *v)),
        _ => None,
    }
}

/// A value as people read it: `1.825 bn`, `1%`, `41` (a whole count with
/// every digit), the text of a choice or of the steps.
fn shown(field: &FollowupField, value: &FollowupValue, conventions: &Conventions) -> String {
    match (measure(field, value), value) {
        (Some(_), FollowupValue::Number(v)) if field.whole => format::number(*v),
        (Some(m), _) => value_text(&m, conventions),
        (None, FollowupValue::Text(t)) => t.clone(),
        (None, FollowupValue::Number(v)) => format::number(*v),
    }
}

/// The calculators, one a line: `bloom    bits and hash functions ...`.
pub fn list() -> String {
    let width = Calculator::ALL
        .iter()
        .map(|c| c.key().len())
        .max()
        .unwrap_or(0);
    Calculator::ALL
        .iter()
        .map(|c| format!("{:<width$}  {}\n", c.key(), c.question()))
        .collect()
}

/// The outcome as text: a title, the conventions, the inputs, then the
/// section with each figure's derivation below it, and how to set an input.
pub fn text(outcome: &Outcome, section: &Section, scenario: &str, c: &Conventions) -> String {
    let calculator = outcome.calculator;
    let mut out = format!("{}: {}\n", one_line(&section.title), calculator.question());
    if !scenario.trim().is_empty() {
        out.push_str(&format!("Scenario: {}\n", one_line(scenario.trim())));
    }
    out.push_str(&format!("Conventions: {}\n\nInputs\n", c.describe()));
    let rows = inputs(outcome, c);
    let key_width = rows.iter().map(|r| r.key.len()).max().unwrap_or(0);
    let text_width = rows.iter().map(|r| width(&r.text)).max().unwrap_or(0);
    for row in &rows {
        out.push_str(&format!(
            "  {}  {}  {}\n",
            pad(row.key, key_width),
            pad(&one_line(&row.text), text_width),
            row.from.words()
        ));
        if let Some(note) = &row.note {
            out.push_str(&format!("      {}\n", one_line(note)));
        }
    }
    out.push_str(&format!("\n{}\n", one_line(&section.title)));
    let label_width = section
        .figures
        .iter()
        .map(|f| width(&f.label))
        .max()
        .unwrap_or(0);
    for figure in &section.figures {
        out.push_str(&format!(
            "  {}  {}\n      = {}\n",
            pad(&one_line(&figure.label), label_width),
            value_text(&figure.value, c),
            one_line(&figure.derivation)
        ));
    }
    out.push_str(&format!(
        "\nSet an input with --set KEY=VALUE, e.g. --set {}={}\n",
        rows.first().map_or("", |r| r.key),
        rows.first().map_or(String::new(), |r| compact(&r.text))
    ));
    out
}

/// `1 M` as `--set` takes it without quotes: `1M`.
fn compact(text: &str) -> String {
    text.chars().filter(|c| *c != ' ').collect()
}

/// The outcome as Markdown: a heading, the inputs' table, then the
/// section's `| Figure | Value | How |` table; every text escaped.
pub fn markdown(outcome: &Outcome, section: &Section, scenario: &str, c: &Conventions) -> String {
    let mut out = format!(
        "# {}\n\n{}.\n\n",
        escape(&section.title),
        escape(&capitalised(outcome.calculator.question()))
    );
    if !scenario.trim().is_empty() {
        out.push_str(&format!("Scenario: {}\n\n", escape(scenario.trim())));
    }
    out.push_str(&format!(
        "Conventions: {}\n\n## Inputs\n\n| Input | Key | Value | From |\n| --- | --- | ---: | --- |\n",
        escape(&c.describe())
    ));
    for row in inputs(outcome, c) {
        let from = match &row.note {
            Some(note) => format!("{}: {}", row.from.words(), note),
            None => row.from.words().to_owned(),
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            escape(row.label),
            row.key,
            escape(&row.text),
            escape(&from)
        ));
    }
    out.push_str(&format!(
        "\n## {}\n\n| Figure | Value | How |\n| --- | ---: | --- |\n",
        escape(&section.title)
    ));
    for figure in &section.figures {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            escape(&figure.label),
            escape(&value_text(&figure.value, c)),
            escape(&figure.derivation)
        ));
    }
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::{estimate_numbers, fields, followup, Scenario};

    fn bloom(set: &[(&str, &str)]) -> (Outcome, Scenario) {
        let mut s = Scenario::default();
        for (key, text) in set {
            fields::set_followup_field(&mut s, key, text).unwrap();
        }
        let numbers = estimate_numbers(&s).unwrap();
        (followup::run(Calculator::Bloom, &s, &numbers), s)
    }

    #[test]
    fn inputs_say_where_each_came_from() {
        let (outcome, s) = bloom(&[("bloom.false_positive_rate", "0.1%")]);
        let rows = inputs(&outcome, &s.conventions);
        let from: Vec<(&str, InputFrom, &str)> = rows
            .iter()
            .map(|r| (r.key, r.from, r.text.as_str()))
            .collect();
        assert_eq!(
            from,
            [
                ("bloom.items", InputFrom::Scenario, "1.825 bn"),
                ("bloom.false_positive_rate", InputFrom::Set, "0.1%"),
                ("bloom.bits_per_item", InputFrom::Default, "10"),
            ]
        );
        assert!(rows[0].note.as_deref().unwrap().starts_with("n = 1.825 bn"));
        assert!(rows[1].note.is_none());
    }

    #[test]
    fn text_and_markdown_carry_inputs_figures_and_derivations() {
        let (outcome, s) = bloom(&[("bloom.items", "1M")]);
        let section = outcome.section.clone().unwrap();
        let t = text(&outcome, &section, "", &s.conventions);
        assert!(t.contains("\nInputs\n  bloom.items  "), "{t}");
        assert!(
            t.contains("  bloom.items                1 M  set by you\n"),
            "{t}"
        );
        assert!(t.contains("\n  Hash functions  "), "{t}");
        assert!(t.contains("      = ceil(-n ln p"), "{t}");
        let md = markdown(&outcome, &section, "", &s.conventions);
        assert!(md.starts_with("# Bloom filter\n\nBits and hash"), "{md}");
        assert!(
            md.contains("| Items | `bloom.items` | 1 M | set by you |"),
            "{md}"
        );
        assert_eq!(list().lines().count(), Calculator::ALL.len());
    }
}
