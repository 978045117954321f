//! Reading and rewriting the names in a wasm module's import and export
//! sections. Every other section is copied byte for byte: only the names
//! change, so the code, the data and the indices stay as wasm-opt left them.

use std::fmt;

/// Why a wasm module could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct WasmError(pub String);

impl fmt::Display for WasmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "wasm: {}", self.0)
    }
}

fn error<T>(what: impl Into<String>) -> Result<T, WasmError> {
    Err(WasmError(what.into()))
}

const MAGIC_AND_VERSION: [u8; 8] = [0, b'a', b's', b'm', 1, 0, 0, 0];
const IMPORT_SECTION: u8 = 2;
const EXPORT_SECTION: u8 = 7;

/// One import: the module it comes from and its name there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub module: String,
    pub field: String,
}

/// The names a module imports and exports, in section order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub imports: Vec<Import>,
    pub exports: Vec<String>,
}

/// A cursor over a byte slice with the wasm encodings the two sections use.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn byte(&mut self) -> Result<u8, WasmError> {
        let Some(&b) = self.bytes.get(self.at) else {
            return error("ends in the middle of a section");
        };
        self.at += 1;
        Ok(b)
    }

    /// An unsigned LEB128 number of at most 64 bits (signed ones, such as
    /// heap types, are skipped with this too: only their length matters).
    fn leb(&mut self) -> Result<u64, WasmError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        error("a number longer than 64 bits")
    }

    fn size(&mut self) -> Result<usize, WasmError> {
        usize::try_from(self.leb()?).or_else(|_| error("a length too large"))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], WasmError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return error("a length beyond the end of its section");
        };
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<String, WasmError> {
        let n = self.size()?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).or_else(|_| error("a name that is not UTF-8"))
    }

    /// Limits of a table or a memory: flags, minimum, and a maximum when
    /// flag bit 0 says so (bit 3: a custom page size follows).
    fn limits(&mut self) -> Result<(), WasmError> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        if flags & 8 != 0 {
            self.leb()?;
        }
        Ok(())
    }

    /// A reference or value type: one byte, or 0x63/0x64 and a heap type.
    fn value_type(&mut self) -> Result<(), WasmError> {
        if matches!(self.byte()?, 0x63 | 0x64) {
            self.leb()?;
        }
        Ok(())
    }

    /// Skips what an import brings in (function, table, memory, global or
    /// tag), whose length depends on its kind.
    fn import_description(&mut self) -> Result<(), WasmError> {
        match self.byte()? {
            0 => self.leb().map(drop),
            1 => {
                self.value_type()?;
                self.limits()
            }
            2 => self.limits(),
            3 => {
                self.value_type()?;
                self.byte().map(drop)
            }
            4 => {
                self.byte()?;
                self.leb().map(drop)
            }
            kind => error(format!("an import of unknown kind {kind}")),
        }
    }
}

fn write_leb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

/// The module's sections as (id, contents), after checking the header.
fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>, WasmError> {
    if wasm.get(..8) != Some(&MAGIC_AND_VERSION[..]) {
        return error("not a wasm module (version 1)");
    }
    let mut r = Reader::new(&wasm[8..]);
    let mut out = Vec::new();
    while !r.done() {
        let id = r.byte()?;
        let n = r.size()?;
        out.push((id, r.take(n)?));
    }
    Ok(out)
}

/// Calls `entry` for each entry of an import or export section, with its
/// names and the bytes after them (what it imports, or the export's kind
/// and index), which a rewrite copies unchanged.
fn each_entry<'a>(
    id: u8,
    contents: &'a [u8],
    mut entry: impl FnMut(Option<String>, String, &'a [u8]),
) -> Result<(), WasmError> {
    let mut r = Reader::new(contents);
    let count = r.leb()?;
    for _ in 0..count {
        let module = if id == IMPORT_SECTION {
            Some(r.name()?)
        } else {
            None
        };
        let name = r.name()?;
        let start = r.at;
        if id == IMPORT_SECTION {
            r.import_description()?;
        } else {
            r.byte()?;
            r.leb()?;
        }
        entry(module, name, &contents[start..r.at]);
    }
    if !r.done() {
        return error("bytes after the last entry of a section");
    }
    Ok(())
}

/// The names `wasm` imports and exports.
pub fn names(wasm: &[u8]) -> Result<Names, WasmError> {
    let mut names = Names::default();
    for (id, contents) in sections(wasm)? {
        if id == IMPORT_SECTION || id == EXPORT_SECTION {
            each_entry(id, contents, |module, name, _| match module {
                Some(module) => names.imports.push(Import {
                    module,
                    field: name,
                }),
                None => names.exports.push(name),
            })?;
        }
    }
    Ok(names)
}

/// `wasm` with its imports and exports renamed: `renamed` has the new
/// names, in the order [`names`] lists the old ones (same lengths).
pub fn rename(wasm: &[u8], renamed: &Names) -> Result<Vec<u8>, WasmError> {
    let mut out = MAGIC_AND_VERSION.to_vec();
    let (mut imports, mut exports) = (renamed.imports.iter(), renamed.exports.iter());
    for (id, contents) in sections(wasm)? {
        let mut body = Vec::with_capacity(contents.len());
        if id == IMPORT_SECTION || id == EXPORT_SECTION {
            let mut entries = Vec::new();
            let mut missing = false;
            each_entry(id, contents, |module, _, rest| {
                let new = match module {
                    Some(_) => imports
                        .next()
                        .map(|i| (Some(i.module.as_str()), i.field.as_str())),
                    None => exports.next().map(|e| (None, e.as_str())),
                };
                match new {
                    Some(new) => entries.push((new, rest)),
                    None => missing = true,
                }
            })?;
            if missing {
                return error("fewer new names than the module has");
            }
            write_leb(&mut body, entries.len() as u64);
            for ((module, name), rest) in entries {
                if let Some(module) = module {
                    write_name(&mut body, module);
                }
                write_name(&mut body, name);
                body.extend_from_slice(rest);
            }
        } else {
            body.extend_from_slice(contents);
        }
        out.push(id);
        write_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    if imports.next().is_some() || exports.next().is_some() {
        return error("more new names than the module has");
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small module: a type, an imported function, table, memory and
    /// global, a function, and three exports, with a custom section.
    pub(crate) fn module(imports: &[(&str, &str)], exports: &[&str]) -> Vec<u8> {
        let mut m = MAGIC_AND_VERSION.to_vec();
        let section = |m: &mut Vec<u8>, id: u8, body: Vec<u8>| {
            m.push(id);
            write_leb(m, body.len() as u64);
            m.extend(body);
        };
        // type 0: (i32) -> ()
        section(&mut m, 1, vec![1, 0x60, 1, 0x7f, 0]);
        let mut body = Vec::new();
        write_leb(&mut body, imports.len() as u64);
        for (i, (module, field)) in imports.iter().enumerate() {
            write_name(&mut body, module);
            write_name(&mut body, field);
            body.extend_from_slice(match i % 4 {
                0 => &[0, 0][..],                   // function of type 0
                1 => &[1, 0x6f, 1, 2, 0x80, 1][..], // externref table 2..128
                2 => &[2, 0, 17][..],               // memory of 17 pages
                _ => &[3, 0x7f, 1][..],             // mutable i32 global
            });
        }
        section(&mut m, IMPORT_SECTION, body);
        section(&mut m, 3, vec![1, 0]); // one function of type 0
        let mut body = Vec::new();
        write_leb(&mut body, exports.len() as u64);
        for name in exports {
            write_name(&mut body, name);
            body.extend_from_slice(&[0, 0x81, 0x01]); // function 129
        }
        section(&mut m, EXPORT_SECTION, body);
        section(&mut m, 10, vec![1, 2, 0, 0x0b]); // its body: no locals, end
        let mut custom = Vec::new();
        write_name(&mut custom, "producers");
        custom.extend_from_slice(b"anything");
        section(&mut m, 0, custom);
        m
    }

    fn import(module: &str, field: &str) -> Import {
        Import {
            module: module.into(),
            field: field.into(),
        }
    }

    #[test]
    fn reads_the_names_in_order() {
        let m = module(
            &[
                ("wbg", "__wbg_a_1"),
                ("wbg", "t"),
                ("env", "m"),
                ("wbg", "g"),
            ],
            &["memory", "main"],
        );
        let n = names(&m).unwrap();
        assert_eq!(
            n.imports,
            [
                import("wbg", "__wbg_a_1"),
                import("wbg", "t"),
                import("env", "m"),
                import("wbg", "g")
            ]
        );
        assert_eq!(n.exports, ["memory", "main"]);
    }

    #[test]
    fn renaming_changes_the_names_and_nothing_else() {
        let old = module(
            &[
                ("./x_bg.js", "__wbg_alert_0123456789abcdef"),
                ("./x_bg.js", "t"),
            ],
            &["memory", "__wbindgen_malloc"],
        );
        let new_names = Names {
            imports: vec![import("a", "a"), import("a", "b")],
            exports: vec!["memory".into(), "a".into()],
        };
        let new = rename(&old, &new_names).unwrap();
        assert_eq!(names(&new).unwrap(), new_names);
        // The same module as if it had been written with the new names.
        assert_eq!(new, module(&[("a", "a"), ("a", "b")], &["memory", "a"]));
        // Renaming back gives the original bytes.
        assert_eq!(rename(&new, &names(&old).unwrap()).unwrap(), old);
    }

    #[test]
    fn a_count_that_differs_is_an_error() {
        let m = module(&[("wbg", "f")], &["main"]);
        let too_few = Names {
            imports: vec![],
            exports: vec!["a".into()],
        };
        assert!(rename(&m, &too_few).is_err());
        let too_many = Names {
            imports: vec![import("a", "a")],
            exports: vec!["a".into(), "b".into()],
        };
        assert!(rename(&m, &too_many).is_err());
    }

    #[test]
    fn damaged_modules_are_errors_not_panics() {
        assert!(names(b"\0asm\x02\0\0\0").is_err());
        assert!(names(b"").is_err());
        let m = module(&[("wbg", "f"), ("wbg", "t")], &["memory"]);
        for cut in 8..m.len() {
            // Every truncation either reads (a cut between sections) or
            // fails; none panics.
            let _ = names(&m[..cut]);
        }
        let mut bad_kind = module(&[("wbg", "f")], &[]);
        let at = bad_kind.windows(2).position(|w| w == [b'f', 0]).unwrap() + 1;
        bad_kind[at] = 9;
        assert_eq!(
            names(&bad_kind),
            Err(WasmError("an import of unknown kind 9".into()))
        );
    }
}
