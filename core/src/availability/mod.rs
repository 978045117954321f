//! Availability in nines, end to end.
//!
//! - [`Availability`]: one figure, read from `99.95%`, `0.9995`, `3.5 nines`
//!   or `four nines`, stored as the unavailability so nine nines stay exact.
//! - [`DowntimeTable`]: the downtime it allows per day, week, month,
//!   quarter and year under the scenario's calendar [`Conventions`](crate::Conventions);
//!   [`parse_budget`] goes back from `43m 12s per month` to an availability.
//! - [`Component`]: systems built from series, parallel and k-of-n parts,
//!   their availability and the part that limits it.
//! - [`Slo`]: error budgets, burn rates and burn-rate alert thresholds.
//! - [`parse_target`], [`parse_window`], [`parse_error_rate`]: the text people
//!   type for a target, an SLO window and an error rate, read one way for
//!   every front end.
//! - [`SystemRow`]: a system as a component editor's rows of text, to and
//!   from a [`Component`] tree; [`parse_system`] and [`system_text`]: the
//!   same rows as one line of text (`lb 99.99%; app 99.9% x3 any`).
//! - [`Verdict`]: whether a system meets a target, and by how much
//!   (downtime per year and nines).
//!
//! ```
//! use envelope_core::{availability::{Availability, Period}, Conventions};
//! let a = Availability::parse("99.9%").unwrap();
//! let table = a.downtime_table(&Conventions::default());
//! assert!((table.row(Period::Year).unwrap().downtime_seconds - 31_536.0).abs() < 1e-9);
//! ```

mod budget;
mod component;
mod downtime;
mod error;
mod input;
mod nines;
mod rows;
mod stack;
mod system_text;
mod verdict;

pub use budget::{AlertSeverity, BurnRateAlert, Slo};
pub use component::{
    k_of_n_unavailability, series_unavailability, Component, LeafAvailability, Limiting, Part,
    SystemAvailability, MAX_COMPONENTS, MAX_DEPTH, MAX_REPLICAS,
};
use downtime::CONNECTORS;
pub use downtime::{
    describe_calendar, downtime_text, parse_budget, DowntimeRow, DowntimeTable, Period,
    SECONDS_PER_DAY,
};
pub use error::AvailabilityError;
pub use input::{parse_error_rate, parse_target, parse_window, MAX_TARGET_NINES};
pub use nines::Availability;
pub use rows::{
    component_from_rows, rows_from_component, PartProblems, PartRow, Redundancy, SystemRow,
};
pub use stack::{
    capped_parts, stack_from_sizing, StackAvailabilities, APP_SERVER, CACHE_NODE, DATABASE_REPLICA,
    LOAD_BALANCER,
};
pub use system_text::{parse_system, system_text, MAX_SYSTEM_CHARS};
pub use verdict::Verdict;

impl Availability {
    /// The downtime this availability allows per day, week, month, quarter
    /// and year under `conventions`.
    pub fn downtime_table(&self, conventions: &crate::Conventions) -> DowntimeTable {
        DowntimeTable::new(*self, conventions)
    }
}
