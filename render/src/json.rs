//! The JSON report: the core's [`Report`] exactly as before, plus a
//! `simulation` member when the scenario has ranged inputs.
//!
//! A point-only scenario writes the same bytes as `serde_json` of the
//! `Report` alone, so existing readers see no change; a ranged one adds one
//! optional member, which the report's versioning rules allow without a bump
//! of `version` (docs/json.md). The simulation carries its own `version`
//! (`envelope_core::uncertainty::SIMULATION_VERSION`) so that its shape can
//! change independently.

use envelope_core::uncertainty::Simulation;
use envelope_core::{Report, Scenario};
use serde::Serialize;

/// Everything Envelope concludes about a scenario.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Report"))]
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// The report's own fields, at the top level.
    #[serde(flatten)]
    pub report: &'a Report,
    /// The Monte Carlo over the scenario's ranged inputs: each figure's
    /// percentiles and mean, histograms and tornadoes of the headline
    /// figures. Present only when some input is a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulation: Option<&'a Simulation>,
}

impl<'a> JsonReport<'a> {
    /// The report, with the simulation when there is one.
    pub fn new(report: &'a Report, simulation: Option<&'a Simulation>) -> Self {
        JsonReport { report, simulation }
    }
}

/// The JSON report as `envelope estimate --format json` writes it: pretty
/// JSON (two-space indents) with a final newline.
///
/// ```
/// use envelope_core::{estimate, presets};
/// let report = estimate(&presets::preset_scenario("twitter").unwrap()).unwrap();
/// let json = envelope_render::json::render(&report, None).unwrap();
/// assert!(json.starts_with("{\n  \"version\": 1,\n") && json.ends_with("}\n"));
/// ```
///
/// # Errors
///
/// Only when serde_json refuses a value, which the report's types never
/// give it.
pub fn render(report: &Report, simulation: Option<&Simulation>) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&JsonReport::new(report, simulation)).map(|s| s + "\n")
}

/// A scenario file, as `envelope estimate FILE` reads it: pretty JSON
/// (two-space indents) with a final newline.
///
/// ```
/// use envelope_core::{presets, Scenario};
/// let s = presets::preset_scenario("twitter").unwrap();
/// let file = envelope_render::json::scenario(&s).unwrap();
/// assert_eq!(serde_json::from_str::<Scenario>(&file).unwrap(), s);
/// ```
///
/// # Errors
///
/// Only when serde_json refuses a value, which a scenario never gives it.
pub fn scenario(s: &Scenario) -> serde_json::Result<String> {
    serde_json::to_string_pretty(s).map(|s| s + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::{estimate, fields, presets, uncertainty, Scenario};

    #[test]
    fn a_point_report_is_the_core_report_byte_for_byte() {
        let report = estimate(&presets::preset_scenario("twitter").unwrap()).unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&JsonReport::new(&report, None)).unwrap(),
            serde_json::to_string_pretty(&report).unwrap()
        );
    }

    #[test]
    fn a_ranged_report_adds_a_versioned_simulation() {
        let mut s = Scenario::default();
        fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
        let report = estimate(&s).unwrap();
        let sim = uncertainty::simulate_seeded(&s).unwrap();
        let value = serde_json::to_value(JsonReport::new(&report, Some(&sim))).unwrap();
        let mut alone = serde_json::to_value(&report).unwrap();
        let simulation = value["simulation"].clone();
        assert_eq!(simulation["version"], uncertainty::SIMULATION_VERSION);
        assert_eq!(simulation["seed"], 1);
        assert_eq!(simulation["samples"], 10_000);
        alone["simulation"] = simulation;
        assert_eq!(value, alone);
    }
}
