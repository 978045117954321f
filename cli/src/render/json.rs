//! The JSON report: the core's [`Report`] exactly as before, plus a
//! `simulation` member when the scenario has ranged inputs.
//!
//! A point-only scenario writes the same bytes as `serde_json` of the
//! `Report` alone, so existing readers see no change; a ranged one adds one
//! optional member, which the report's versioning rules allow without a bump
//! of `version` (docs/json.md). The simulation carries its own `version`
//! ([`SIMULATION_VERSION`]) so that its shape can change independently.

use std::borrow::Cow;

use envelope_core::uncertainty::Simulation;
use envelope_core::Report;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;

/// The version of the `simulation` member's shape: bumped when one of its
/// fields changes meaning or goes away.
pub const SIMULATION_VERSION: u32 = 1;

/// Everything Envelope concludes about a scenario.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Report")]
pub struct JsonReport<'a> {
    /// The report's own fields, at the top level.
    #[serde(flatten)]
    pub report: &'a Report,
    /// The Monte Carlo over the scenario's ranged inputs: each figure's
    /// percentiles and mean, histograms and tornadoes of the headline
    /// figures. Present only when some input is a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "JsonSimulation<'static>")]
    pub simulation: Option<JsonSimulation<'a>>,
}

impl<'a> JsonReport<'a> {
    /// The report, with the simulation when there is one.
    pub fn new(report: &'a Report, simulation: Option<&'a Simulation>) -> Self {
        JsonReport {
            report,
            simulation: simulation.map(|simulation| JsonSimulation {
                version: SIMULATION_VERSION,
                simulation,
            }),
        }
    }
}

/// The core's [`Simulation`] with a version number in front.
#[derive(Debug, Serialize)]
pub struct JsonSimulation<'a> {
    /// [`SIMULATION_VERSION`].
    pub version: u32,
    /// The simulation's fields, beside `version`.
    #[serde(flatten)]
    pub simulation: &'a Simulation,
}

/// The core's simulation types do not derive `JsonSchema`, so this schema
/// lists only the top-level members; docs/json.md describes the rest.
impl JsonSchema for JsonSimulation<'_> {
    fn schema_name() -> Cow<'static, str> {
        "Simulation".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let array = |description: &str| json_schema!({ "type": "array", "items": { "type": "object" }, "description": description });
        json_schema!({
            "description": "The Monte Carlo over the scenario's ranged inputs (see docs/json.md, \"Simulation\").",
            "type": "object",
            "properties": {
                "version": {
                    "description": "The simulation format version (now 1): bumped when a field changes meaning or goes away.",
                    "type": "integer", "format": "uint32", "minimum": 0
                },
                "samples": {
                    "description": "Scenarios drawn.",
                    "type": "integer", "format": "uint32", "minimum": 0
                },
                "seed": {
                    "description": "The random generator's seed: the same seed and samples give the same percentiles.",
                    "type": ["integer", "null"], "format": "uint64", "minimum": 0
                },
                "inputs": array("The ranged inputs: {field, label, distribution, low, median, high}, measures as in the report."),
                "outputs": array("Every report figure's spread, in report order: {key, label, point, p5, p50, p95, mean}."),
                "histograms": array("Headline figures' histograms: {key, label, kind, start, width, counts, below, above, percentiles}, numbers in the kind's base unit."),
                "tornadoes": array("Headline figures' sensitivities: {key, label, point, swings: [{field, label, input: [p5, p95], at_low, at_high}]}, widest swing first."),
            },
            "required": ["version", "samples", "seed", "inputs", "outputs", "histograms", "tornadoes"]
        })
    }
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
        assert_eq!(simulation["version"], SIMULATION_VERSION);
        assert_eq!(simulation["seed"], 1);
        assert_eq!(simulation["samples"], 10_000);
        alone["simulation"] = simulation;
        assert_eq!(value, alone);
        // Every top-level member the schema requires is there.
        let schema =
            serde_json::to_value(JsonSimulation::json_schema(&mut SchemaGenerator::default()))
                .unwrap();
        for key in schema["required"].as_array().unwrap() {
            assert!(
                value["simulation"].get(key.as_str().unwrap()).is_some(),
                "{key}"
            );
        }
    }
}
