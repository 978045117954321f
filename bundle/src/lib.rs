//! A step of the web build (Trunk.toml's post_build hook runs it through
//! `scripts/short-names.sh`): gives the names that the wasm module and its
//! wasm-bindgen glue share short names, in both files.
//!
//! wasm-bindgen names each import after the Rust item plus a 16-digit hash
//! (`__wbg_addEventListener_847fd86b8c33ec43`) and some exports after whole
//! Rust paths. Each name is written twice, once in the wasm and once in the
//! JavaScript, and the hashes are random digits that brotli cannot pack:
//! about 3.8 KB of the page's download. The browser only matches the two
//! files' names with each other, so any names do, as long as both files
//! agree. This renames every import module, every import and every export
//! (but `memory`, which boot.js reads by name) to `a`, `b`, ...
//!
//! ```
//! // Nothing to rename: a module with no imports or exports stays as it is.
//! let empty = b"\0asm\x01\0\0\0";
//! let (wasm, js) = envelope_bundle::shorten_names(empty, "wasm_bindgen();").unwrap();
//! assert_eq!((&wasm[..], js.as_str()), (&empty[..], "wasm_bindgen();"));
//! ```
#![deny(missing_docs)]

mod js;
mod names;
mod wasm;

use std::collections::HashMap;
use std::fmt;

pub use js::JsError;
pub use wasm::WasmError;

/// Exports kept under their own names: boot.js reads the memory as
/// `memory` (for the browser tests' memory check).
const KEPT_EXPORTS: [&str; 1] = ["memory"];

/// Why the names could not be shortened. Either file was left as it was.
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// The wasm module could not be read.
    Wasm(WasmError),
    /// The glue used a name other than as expected.
    Js(JsError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Wasm(e) => e.fmt(f),
            Error::Js(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

/// The wasm module and its glue with short names for every import module,
/// import and export (but `memory`).
pub fn shorten_names(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String), Error> {
    let old = wasm::names(wasm).map_err(Error::Wasm)?;
    let mut modules = HashMap::new();
    let mut module_names = names::ShortNames::new(&[]);
    let mut field_names = names::ShortNames::new(&[]);
    let mut imports = HashMap::new();
    let mut new = wasm::Names::default();
    for import in &old.imports {
        let module = modules
            .entry(import.module.clone())
            .or_insert_with(|| module_names.next().expect("endless"))
            .clone();
        let field = field_names.next().expect("endless");
        imports.insert(import.field.clone(), field.clone());
        new.imports.push(wasm::Import { module, field });
    }
    let mut export_names = names::ShortNames::new(&KEPT_EXPORTS);
    let mut exports = HashMap::new();
    for name in &old.exports {
        let short = if KEPT_EXPORTS.contains(&name.as_str()) {
            name.clone()
        } else {
            let short = export_names.next().expect("endless");
            exports.insert(name.clone(), short.clone());
            short
        };
        new.exports.push(short);
    }
    let js = js::rename(js, &modules, &imports, &exports).map_err(Error::Js)?;
    let wasm = wasm::rename(wasm, &new).map_err(Error::Wasm)?;
    Ok((wasm, js))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_files_get_the_same_short_names() {
        let module = wasm::tests::module(
            &[
                ("./x_bg.js", "__wbg_alert_0123456789abcdef"),
                ("./x_bg.js", "__wbg_log_fedcba9876543210"),
            ],
            &["memory", "__wbindgen_malloc", "__wbindgen_start"],
        );
        let glue = r#"return {"./x_bg.js":{__wbg_alert_0123456789abcdef:a=>alert(a),__wbg_log_fedcba9876543210:a=>log(a)}};E.__wbindgen_malloc(1);E.__wbindgen_start();window.m=E.memory"#;
        let (wasm, js) = shorten_names(&module, glue).unwrap();
        assert_eq!(
            wasm,
            wasm::tests::module(&[("a", "a"), ("a", "b")], &["memory", "a", "b"])
        );
        assert_eq!(
            js,
            r#"return {"a":{a:a=>alert(a),b:a=>log(a)}};E.a(1);E.b();window.m=E.memory"#
        );
        let new = wasm::names(&wasm).unwrap();
        for import in &new.imports {
            assert!(js.contains(&format!("\"{}\"", import.module)));
            assert!(js.contains(&format!("{}:", import.field)));
        }
    }

    #[test]
    fn a_glue_that_does_not_match_the_module_is_an_error() {
        let module = wasm::tests::module(
            &[("./x_bg.js", "__wbg_alert_0123456789abcdef")],
            &["memory"],
        );
        let other_glue = r#"return {"./x_bg.js":{__wbg_alert_ffffffffffffffff:a=>alert(a)}}"#;
        let e = shorten_names(&module, other_glue).unwrap_err();
        assert_eq!(
            e.to_string(),
            "JavaScript glue: __wbg_alert_0123456789abcdef appears 0 times, not once"
        );
    }
}
