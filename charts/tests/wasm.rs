//! The crate must build for the browser. Slow (a separate target directory),
//! so ignored by default: `cargo test -p envelope-charts -- --ignored`.

use std::process::Command;

#[test]
#[ignore = "builds the crate again for wasm32; run with --ignored"]
fn builds_for_wasm32() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let target_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wasm32-check");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--manifest-path",
            manifest,
            "--target",
            "wasm32-unknown-unknown",
            "--target-dir",
            target_dir,
        ])
        .status()
        .expect("cargo runs");
    assert!(
        status.success(),
        "envelope-charts does not build for wasm32-unknown-unknown"
    );
}
