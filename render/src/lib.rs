//! Envelope's renderers: a [`Report`](envelope_core::Report), a downtime
//! table or a follow-up calculator's outcome as text for people and
//! programs. The `envelope` CLI prints these, and the web app copies and
//! downloads the very same bytes ("Copy as Markdown" is
//! `envelope estimate --format markdown`). Nothing here computes an
//! estimate; it only prints what the core returned.
//!
//! - [`text`]: aligned plain text for the terminal.
//! - [`markdown`]: the whole report for design docs: title, share link,
//!   conventions, inputs, every figure with its derivation, and the
//!   simulation's tables when inputs are ranges.
//! - [`json`]: the JSON report, the core's report plus the simulation.
//! - [`csv`]: the chart series (storage growth, an illustrative day's
//!   traffic) as one long-format CSV.
//! - [`inputs`]: a scenario's inputs as the web form shows them.
//! - [`link`]: share URLs, and a URL made safe for Markdown.
//! - [`availability`]: downtime tables and systems of parts.
//! - [`tool`]: the follow-up calculators' outcomes.
//! - [`values`]: how a value, a rough value, an error and a spread print.
//!
//! The crate builds for `wasm32-unknown-unknown` with no web crates. The
//! `schema` feature derives `schemars::JsonSchema` for the JSON documents
//! (the CLI's `envelope schema`); it is off by default.
//!
//! ```
//! use envelope_core::{estimate, presets};
//! use envelope_render::{link, markdown};
//!
//! let scenario = presets::preset_scenario("photo-uploads").expect("a preset");
//! let report = estimate(&scenario).expect("a valid scenario");
//! let url = link::scenario_url("http://127.0.0.1:8080/", &scenario);
//! let md = markdown::render(
//!     &report,
//!     &scenario,
//!     markdown::Options {
//!         link: Some(&url),
//!         ..markdown::Options::default()
//!     },
//! );
//! assert!(md.starts_with("# Photo uploads\n\nLink: <http://127.0.0.1:8080/?v=1&"));
//! assert!(md.contains("\n## Inputs\n\n| Input | Value |\n"));
//! assert!(md.contains("\n| Stored per day | 15 TB | "));
//! ```

#![deny(missing_docs)]

pub mod availability;
pub mod csv;
pub mod inputs;
pub mod json;
pub mod link;
pub mod markdown;
pub mod text;
pub mod tool;
pub mod values;
