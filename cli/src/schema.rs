//! The JSON Schemas of scenario files, of the JSON report and of a
//! calculator's JSON outcome (`envelope tool`), generated with
//! schemars from the core types (`envelope-core`'s `schema` feature).
//!
//! The committed copies in `schema/` are these, byte for byte; a test fails
//! when they drift.

use schemars::generate::SchemaSettings;
use schemars::transform::{transform_subschemas, Transform};
use schemars::Schema;

/// The schema of a scenario JSON file, as `envelope estimate FILE` reads it
/// (fields with defaults are optional).
pub fn scenario() -> Schema {
    SchemaSettings::draft2020_12()
        .for_deserialize()
        .with_transform(CleanDescriptions)
        .into_generator()
        .into_root_schema_for::<envelope_core::Scenario>()
}

/// The schema of the report `envelope estimate --format json` writes (every
/// field is always present, but `simulation` only when inputs are ranges).
pub fn report() -> Schema {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(CleanDescriptions)
        .into_generator()
        .into_root_schema_for::<envelope_render::json::JsonReport<'static>>()
}

/// The schema of what `envelope tool NAME --format json` writes.
pub fn tool() -> Schema {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(CleanDescriptions)
        .into_generator()
        .into_root_schema_for::<envelope_render::tool::JsonTool<'static>>()
}

/// Turns rustdoc comments into plain descriptions: fenced code blocks
/// (doctests) are dropped and intra-doc links (``[`Scenario`]``) keep only
/// their code text.
#[derive(Clone, Copy, Debug)]
struct CleanDescriptions;

impl Transform for CleanDescriptions {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(serde_json::Value::String(text)) = schema.get_mut("description") {
            *text = clean(text);
        }
        transform_subschemas(self, schema);
    }
}

fn clean(doc: &str) -> String {
    let mut kept = Vec::new();
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            kept.push(line);
        }
    }
    kept.join("\n")
        .trim()
        .replace("[`crate::", "[`")
        .replace("[`", "`")
        .replace("`]", "`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_code_blocks_and_links_are_cleaned() {
        assert_eq!(
            clean("A scenario, see [`crate::Report`].\n\n```\nlet x = 1;\n```"),
            "A scenario, see `Report`."
        );
    }

    #[test]
    fn schemas_describe_the_types() {
        let s = serde_json::to_value(scenario()).unwrap();
        assert_eq!(s["title"], "Scenario");
        assert!(!s.to_string().contains("```"));
        let r = serde_json::to_value(report()).unwrap();
        assert_eq!(r["title"], "Report");
        assert!(r["$defs"]["Measure"]["oneOf"].is_array());
        let required = r["$defs"]["Figure"]["required"].as_array().unwrap();
        assert!(
            required.iter().any(|k| k == "rough"),
            "a report always writes rough"
        );
        let top: Vec<&str> = r["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        for key in ["version", "name", "sections", "series"] {
            assert!(top.contains(&key), "{key}: {top:?}");
        }
        assert!(
            !top.contains(&"simulation"),
            "only ranged scenarios have one"
        );
        assert_eq!(
            r["properties"]["simulation"]["anyOf"][0]["$ref"],
            "#/$defs/Simulation"
        );
        let spread = r["$defs"]["Spread"]["required"].as_array().unwrap();
        assert!(spread.iter().any(|k| k == "p95"), "the simulation is typed");
    }
}
