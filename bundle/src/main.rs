//! `envelope-bundle short-names DIR`: shortens the names shared by the one
//! `*_bg.wasm` in DIR and its glue (the `.js` of the same stem), in place.
//! Trunk's post_build hook runs it on the build's staging directory
//! (scripts/short-names.sh); the crate's docs say why.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, dir] = &args[..] else {
        eprintln!("usage: envelope-bundle short-names DIR");
        return ExitCode::from(2);
    };
    if command != "short-names" {
        eprintln!(
            "envelope-bundle: unknown command {command:?}; usage: envelope-bundle short-names DIR"
        );
        return ExitCode::from(2);
    }
    match short_names(Path::new(dir)) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("envelope-bundle: {e}");
            ExitCode::FAILURE
        }
    }
}

fn short_names(dir: &Path) -> Result<String, String> {
    let wasm_files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with("_bg.wasm")))
        .collect();
    let [wasm_path] = &wasm_files[..] else {
        return Err(format!(
            "{}: {} files end in _bg.wasm, not one",
            dir.display(),
            wasm_files.len()
        ));
    };
    let stem = wasm_path
        .to_str()
        .and_then(|s| s.strip_suffix("_bg.wasm"))
        .expect("checked above");
    let js_path = PathBuf::from(format!("{stem}.js"));
    let wasm = std::fs::read(wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let js =
        std::fs::read_to_string(&js_path).map_err(|e| format!("{}: {e}", js_path.display()))?;
    let (new_wasm, new_js) =
        envelope_bundle::shorten_names(&wasm, &js).map_err(|e| e.to_string())?;
    std::fs::write(wasm_path, &new_wasm).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    std::fs::write(&js_path, &new_js).map_err(|e| format!("{}: {e}", js_path.display()))?;
    Ok(format!(
        "short names: wasm {} -> {} bytes, glue {} -> {} bytes",
        wasm.len(),
        new_wasm.len(),
        js.len(),
        new_js.len()
    ))
}
