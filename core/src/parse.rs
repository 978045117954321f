//! Reading values that people type: `10M`, `3 MB`, `5y`, `99.95%`, `3x`.
//!
//! STUB: the signatures are final; the bodies are being written.

use crate::{ByteUnits, Kind, Measure};

/// Why a piece of text is not a value of the expected kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, e.g. `unknown unit "XB"`.
    pub problem: String,
    /// How to fix it, e.g. `try KB, MB, GB, TB, KiB, MiB`. May be empty.
    pub suggestion: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.suggestion.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}; {}", self.problem, self.suggestion)
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads `text` as a value of `kind`. `bytes` decides what `KB` means.
pub fn parse(text: &str, kind: Kind, bytes: ByteUnits) -> Result<Measure, ParseError> {
    let _ = bytes;
    let v = number(text)?;
    Ok(Measure::from_base(kind, v))
}

/// Reads a plain number with an optional magnitude suffix: `10M`, `1.5B`,
/// `2.5k`, `3e6`, `1,000,000`.
pub fn number(text: &str) -> Result<f64, ParseError> {
    text.trim().parse::<f64>().map_err(|_| ParseError {
        problem: format!("'{}' is not a number", text.trim()),
        suggestion: String::new(),
    })
}
