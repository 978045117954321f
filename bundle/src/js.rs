//! Rewriting wasm-bindgen's JavaScript glue to the new names. The glue
//! names each import once, as a key of its imports object
//! (`__wbg_alert_0123456789abcdef: function(...)`), each import module once,
//! as a quoted key (`"./envelope-web_bg.js": imports`), and reads exports
//! as properties of the instance's exports (`wasm.__wbindgen_malloc(...)`).
//! The unminified glue (a debug build's) also declares JavaScript functions
//! named after some exports; those are its own names and stay. An import
//! named other than once, or an export's name in quotes (read some other
//! way than as a property), is an error rather than a guess: the rewrite
//! either accounts for every use or changes nothing.

use std::collections::HashMap;
use std::fmt;

/// Why the glue could not be rewritten.
#[derive(Debug, PartialEq, Eq)]
pub struct JsError(pub String);

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JavaScript glue: {}", self.0)
    }
}

/// Old and new names, each old name once.
pub type Renames = HashMap<String, String>;

fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Where the string opened by the quote at `open` ends (escapes skipped).
fn closing_quote(bytes: &[u8], open: usize) -> Option<usize> {
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b if b == bytes[open] => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// `js` with import modules (quoted keys), import names (keys) and exports
/// (`.name`) renamed.
pub fn rename(
    js: &str,
    modules: &Renames,
    imports: &Renames,
    exports: &Renames,
) -> Result<String, JsError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let bytes = js.as_bytes();
    let mut out = String::with_capacity(js.len());
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b == b'"' || b == b'\'' {
            // A quoted string: an import module, or copied as it is.
            let Some(end) = closing_quote(bytes, at) else {
                out.push_str(&js[at..]);
                break;
            };
            let text = &js[at + 1..end];
            if exports.contains_key(text) {
                return Err(JsError(format!("the export {text} is named in quotes")));
            }
            match modules.get_key_value(text) {
                Some((old, new)) => {
                    *seen.entry(old).or_default() += 1;
                    out.push(b as char);
                    out.push_str(new);
                    out.push(b as char);
                }
                None => out.push_str(&js[at..=end]),
            }
            at = end + 1;
        } else if is_identifier_byte(b) {
            let end = bytes[at..]
                .iter()
                .position(|&c| !is_identifier_byte(c))
                .map_or(bytes.len(), |e| at + e);
            let token = &js[at..end];
            if let Some((old, new)) = imports.get_key_value(token) {
                *seen.entry(old).or_default() += 1;
                out.push_str(new);
            } else if let Some(new) = exports
                .get(token)
                .filter(|_| at > 0 && bytes[at - 1] == b'.')
            {
                out.push_str(new);
            } else {
                out.push_str(token);
            }
            at = end;
        } else {
            let len = js[at..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&js[at..at + len]);
            at += len;
        }
    }
    for old in modules.keys().chain(imports.keys()) {
        let count = seen.get(old.as_str()).copied().unwrap_or(0);
        if count != 1 {
            return Err(JsError(format!("{old} appears {count} times, not once")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Renames {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    const GLUE: &str = r#"let w=(a=>{var k=((a,b)=>{E.__wbindgen_malloc(a,b)});return {__proto__:null,"./x_bg.js":{__wbg_alert_0123456789abcdef:function(a){alert(p(a))},__wbg_log_fedcba9876543210:(a)=>{console.log("__wbg_log")}}};const s=E.__wbindgen_malloc;E.__wbindgen_start()})"#;

    #[test]
    fn renames_keys_modules_and_export_reads() {
        let out = rename(
            GLUE,
            &map(&[("./x_bg.js", "a")]),
            &map(&[
                ("__wbg_alert_0123456789abcdef", "a"),
                ("__wbg_log_fedcba9876543210", "b"),
            ]),
            &map(&[
                ("__wbindgen_malloc", "a"),
                ("__wbindgen_start", "b"),
                ("unused_export", "c"),
            ]),
        )
        .unwrap();
        assert_eq!(
            out,
            r#"let w=(a=>{var k=((a,b)=>{E.a(a,b)});return {__proto__:null,"a":{a:function(a){alert(p(a))},b:(a)=>{console.log("__wbg_log")}}};const s=E.a;E.b()})"#
        );
    }

    #[test]
    fn a_longer_name_with_the_same_start_is_left_alone() {
        let out = rename(
            "E.__wbindgen_malloc_2(1);E.__wbindgen_malloc(2)",
            &map(&[]),
            &map(&[]),
            &map(&[("__wbindgen_malloc", "a")]),
        )
        .unwrap();
        assert_eq!(out, "E.__wbindgen_malloc_2(1);E.a(2)");
    }

    #[test]
    fn an_import_missing_or_twice_is_an_error() {
        let none = rename(
            GLUE,
            &map(&[]),
            &map(&[("__wbg_gone_0000000000000000", "a")]),
            &map(&[]),
        );
        assert_eq!(
            none,
            Err(JsError(
                "__wbg_gone_0000000000000000 appears 0 times, not once".into()
            ))
        );
        let twice = rename("{f_1:0,g:f_1}", &map(&[]), &map(&[("f_1", "a")]), &map(&[]));
        assert_eq!(twice, Err(JsError("f_1 appears 2 times, not once".into())));
        let module = rename(GLUE, &map(&[("./y_bg.js", "a")]), &map(&[]), &map(&[]));
        assert!(module.is_err());
    }

    #[test]
    fn a_function_of_the_glue_named_after_an_export_keeps_its_name() {
        let js =
            "function __wbindgen_invoke_1(a){wasm.__wbindgen_invoke_1(a)}g(__wbindgen_invoke_1)";
        let out = rename(
            js,
            &map(&[]),
            &map(&[]),
            &map(&[("__wbindgen_invoke_1", "a")]),
        )
        .unwrap();
        assert_eq!(
            out,
            "function __wbindgen_invoke_1(a){wasm.a(a)}g(__wbindgen_invoke_1)"
        );
    }

    #[test]
    fn an_export_named_in_quotes_is_an_error() {
        let out = rename(
            "wasm[\"__wbindgen_malloc\"](1)",
            &map(&[]),
            &map(&[]),
            &map(&[("__wbindgen_malloc", "a")]),
        );
        assert_eq!(
            out,
            Err(JsError(
                "the export __wbindgen_malloc is named in quotes".into()
            ))
        );
    }

    #[test]
    fn text_that_is_not_a_name_is_copied_as_it_is() {
        let js = "const s=`é ${1}`;/* ✓ */let t='it\\'s';let u=\"unterminated";
        assert_eq!(rename(js, &map(&[]), &map(&[]), &map(&[])).unwrap(), js);
    }
}
