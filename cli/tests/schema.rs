//! The committed JSON Schemas in `schema/` must be what `envelope schema`
//! generates from the core types today.

use std::path::PathBuf;
use std::process::Command;

fn generated(which: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_envelope"))
        .args(["schema", which])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn committed_path(which: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../schema/{which}.schema.json"))
}

/// Fails when a committed schema differs from the generated one; with
/// `UPDATE_SCHEMA=1` in the environment, rewrites it instead.
fn check(which: &str) {
    let path = committed_path(which);
    let fresh = generated(which);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "schema/{which}.schema.json is out of date with the core types.\n\
         Regenerate it with:\n\
         \n    cargo run -p envelope-cli -- schema {which} > schema/{which}.schema.json\n\
         \nor regenerate them all with:\n\
         \n    UPDATE_SCHEMA=1 cargo test -p envelope-cli --test schema\n\
         \nIf a report field changed meaning, bump REPORT_VERSION and docs/json.md too."
    );
}

#[test]
fn scenario_schema_is_up_to_date() {
    check("scenario");
}

#[test]
fn report_schema_is_up_to_date() {
    check("report");
}

#[test]
fn tool_schema_is_up_to_date() {
    check("tool");
}

#[test]
fn schemas_are_json_schema_2020_12() {
    for which in ["scenario", "report", "tool"] {
        let schema: serde_json::Value = serde_json::from_str(&generated(which)).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(schema["$defs"].is_object());
    }
}
