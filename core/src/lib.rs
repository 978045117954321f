//! # envelope-core
//!
//! The estimation core of Envelope, a back-of-the-envelope capacity
//! calculator: a [`Scenario`] goes in, [`estimate`] turns it into a
//! [`Report`] of typed figures, each with the arithmetic behind it.
//!
//! The crate is pure: no I/O, clock, threads, randomness or web APIs, so the
//! browser app, the CLI and other tools get the same numbers.
//!
//! ```
//! use envelope_core::{estimate, format, RequestClass, Scenario, Users};
//!
//! let mut scenario = Scenario::default();
//! scenario.users = Users::Daily { daily_active: 1_000_000.0 };
//! scenario.classes = vec![RequestClass::write("upload photo", 5.0, 3e6)];
//!
//! let report = estimate(&scenario).expect("a valid scenario");
//! let per_day = report.figure("storage.per_day").unwrap();
//! assert_eq!(format::measure(&per_day.value, &scenario.conventions), "15 TB");
//! println!("{}", per_day.derivation);
//! ```
//!
//! Conventions (seconds per day, days per month and year, SI or IEC bytes)
//! are part of every scenario; see [`Conventions`].
#![deny(missing_docs)]

pub mod availability;
mod conventions;
mod estimate;
pub mod fields;
pub mod format;
mod measure;
pub mod parse;
pub mod presets;
mod report;
mod scenario;

pub use conventions::{ByteUnits, Conventions, DayLength, MonthLength, YearLength};
pub use estimate::{estimate, estimate_exact, InputError};
pub use measure::{Kind, Measure};
pub use report::{
    Bound, ClassShare, Figure, Report, Rough, Section, Series, StoragePoint, TrafficPoint,
    REPORT_VERSION,
};
pub use scenario::{
    Capacity, Cost, Direction, Frequency, Peak, RequestClass, Scenario, Storage, Users,
};
