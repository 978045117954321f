//! Where a scenario comes from: a share link, a scenario JSON file (or `-`
//! for standard input), or a preset.

use std::borrow::Cow;
use std::io::{ErrorKind, Read};
use std::path::Path;

use envelope_core::fields::FieldKey;
use envelope_core::{link, presets, text, Scenario};

use crate::error::CliError;

/// A scenario read from the command line, with any warnings a share link
/// raised (fields it could not read and left at their defaults).
#[derive(Debug)]
pub struct Loaded {
    /// The scenario to estimate.
    pub scenario: Scenario,
    /// `(field key, message)` pairs, printed to stderr; never fatal.
    pub warnings: Vec<(String, String)>,
}

/// What INPUT looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A share link: a URL, or a query string (`?dau=10M`, `dau=10M&...`).
    Link,
    /// A scenario JSON file; `-` is standard input.
    File,
}

/// Decides whether `input` is a share link or a file path: URLs and text
/// starting with `?` are links; otherwise an existing file is a file, and
/// text containing `=` is a link.
pub fn classify(input: &str) -> Source {
    let trimmed = input.trim();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || trimmed.starts_with('?') {
        return Source::Link;
    }
    if input == "-" || Path::new(input).is_file() {
        return Source::File;
    }
    if trimmed.contains('=') {
        Source::Link
    } else {
        Source::File
    }
}

/// Loads the scenario named by exactly one of `input` and `preset`.
pub fn load(input: Option<&str>, preset: Option<&str>) -> Result<Loaded, CliError> {
    match (input, preset) {
        (_, Some(key)) => from_preset(key),
        (Some(input), None) => match classify(input) {
            Source::Link => Ok(from_link(input)),
            Source::File => from_file(input),
        },
        (None, None) => Err(CliError::input(
            "no scenario given: pass a share link, a scenario JSON file, or --preset NAME",
        )),
    }
}

/// The scenario of a preset, or an error listing the valid keys.
pub fn from_preset(key: &str) -> Result<Loaded, CliError> {
    presets::preset_scenario(key)
        .map(|scenario| Loaded {
            scenario,
            warnings: Vec::new(),
        })
        .ok_or_else(|| {
            let keys: Vec<&str> = presets::presets().iter().map(|p| p.key).collect();
            CliError::input(format!(
                "unknown preset '{key}'; valid presets: {}",
                keys.join(", ")
            ))
        })
}

/// The scenario of a share link (a URL or its query string).
pub fn from_link(text: &str) -> Loaded {
    let decoded = link::decode(text.trim());
    Loaded {
        scenario: decoded.scenario,
        warnings: decoded
            .warnings
            .into_iter()
            .map(|w| (w.key, w.message))
            .collect(),
    }
}

/// A scenario JSON file, or standard input for `-`, of at most
/// [`MAX_FILE_BYTES`]. Names lose any control and text-direction characters,
/// with a warning, as a share link's do.
pub fn from_file(path: &str) -> Result<Loaded, CliError> {
    let text = if path == "-" {
        read_capped(std::io::stdin().lock())
            .map_err(|e| CliError::input(format!("cannot read standard input: {e}")))?
    } else {
        std::fs::File::open(path)
            .and_then(read_capped)
            .map_err(|e| CliError::input(format!("cannot read '{path}': {e}")))?
    };
    let name = if path == "-" { "<stdin>" } else { path };
    let text =
        text.ok_or_else(|| CliError::input(format!("scenario file: larger than 1 MiB ({name})")))?;
    let mut scenario = parse_scenario_json(&text)
        .map_err(|e| CliError::input(format!("{name}: not a valid scenario: {e}")))?;
    let warnings = clean_names(&mut scenario);
    Ok(Loaded { scenario, warnings })
}

/// The most bytes of scenario JSON read: a scenario file is a few KB, and
/// `/dev/zero` or an endless pipe must not fill the memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// All of `reader` as UTF-8 text, or `None` when it holds more than
/// [`MAX_FILE_BYTES`]: at most one byte more is read, to tell.
fn read_capped(reader: impl Read) -> std::io::Result<Option<String>> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(None);
    }
    String::from_utf8(bytes).map(Some).map_err(|_| {
        std::io::Error::new(ErrorKind::InvalidData, "stream did not contain valid UTF-8")
    })
}

/// Removes control and text-direction characters from the scenario's and
/// its classes' names (a file is untrusted text, like a link); a
/// `(field, message)` warning for each name changed.
fn clean_names(s: &mut Scenario) -> Vec<(String, String)> {
    let mut names = vec![(FieldKey::parse("name"), &mut s.name)];
    for (index, class) in s.classes.iter_mut().enumerate() {
        names.push((FieldKey::parse(&format!("c{index}.name")), &mut class.name));
    }
    let mut warnings = Vec::new();
    for (key, name) in names {
        let Cow::Owned(clean) = text::without_controls(name) else {
            continue;
        };
        let removed = name.chars().count() - clean.chars().count();
        let s = if removed == 1 { "" } else { "s" };
        if let Ok(key) = key {
            warnings.push((
                key.id(),
                format!(
                    "{}: removed {removed} control or text-direction character{s}",
                    key.label()
                ),
            ));
        }
        *name = clean;
    }
    warnings
}

/// Parses scenario JSON; the error names the problem and its line and column.
pub fn parse_scenario_json(text: &str) -> Result<Scenario, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_files_are_told_apart() {
        assert_eq!(classify("http://127.0.0.1:8080/?dau=10M"), Source::Link);
        assert_eq!(classify("HTTPS://example.com/envelope#x"), Source::Link);
        assert_eq!(classify("?dau=10M"), Source::Link);
        assert_eq!(classify("dau=10M&peak=3x"), Source::Link);
        assert_eq!(classify("scenario.json"), Source::File);
        assert_eq!(classify("-"), Source::File);
        assert_eq!(classify("Cargo.toml"), Source::File);
    }

    #[test]
    fn unknown_presets_list_the_valid_ones() {
        let err = from_preset("nope").unwrap_err();
        assert!(
            err.message.contains("unknown preset 'nope'"),
            "{}",
            err.message
        );
        assert!(err.message.contains("photo-uploads"), "{}", err.message);
    }

    #[test]
    fn bad_json_names_line_and_column() {
        let err = parse_scenario_json("{\n  \"name\": 3\n}").unwrap_err();
        assert!(err.to_string().contains("line 2 column"), "{err}");
    }
}
