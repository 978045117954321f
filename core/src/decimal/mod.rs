//! Decimal text and `f64`, both ways, digit for digit as std reads and
//! writes them, for every number the core reads or shows.
//!
//! Why not std's own: reading with `str::parse` carries a 10 KB table of
//! 128-bit powers of five, and writing with `format!` carries Grisu with a
//! Dragon fallback (9 KB of wasm code and a 1 KB table of cached powers).
//! Random-looking tables and arithmetic constants are what brotli packs
//! worst, and together they were some 14 KB of the web app's download.
//! Here:
//! - [`parse`] reads a number of at most 19 digits and a power of ten up to
//!   22 (nearly everything anyone types) with one exact multiplication or
//!   division, and anything else exactly with small big integers, slower (a
//!   few microseconds) but rare;
//! - [`Decimal`] writes the shortest digits that read back (`{}`, `{:e}`)
//!   with zmij, which the JSON writer uses anyway, and a fixed number of
//!   decimals or of significant digits (`{:.2}`, `{:.3e}`) from the exact
//!   digits of the double, worked out with the same big integers.

mod big;
mod read;
mod write;

pub use read::parse;
pub use write::Decimal;
