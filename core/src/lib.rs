#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod availability;
pub mod compare;
mod conventions;
pub mod decimal;
mod estimate;
pub mod fields;
pub mod followup;
pub mod format;
pub mod keys;
pub mod link;
mod math;
mod measure;
mod model;
mod numbers;
pub mod parse;
pub mod presets;
mod report;
mod scenario;
pub mod sorting;
pub mod text;
pub mod uncertainty;

pub use conventions::{ByteUnits, Conventions, DayLength, MonthLength, YearLength};
pub use estimate::{estimate, estimate_exact};
pub use fields::InputError;
pub use measure::{Kind, Measure};
pub use numbers::{estimate_numbers, Numbers};
pub use report::{
    Bound, ClassShare, Figure, Report, Rough, Section, Series, Sizing, StoragePoint, TrafficPoint,
    REPORT_VERSION,
};
pub use scenario::{
    class_named, requests_per_day_of_each, AvailabilityInputs, CacheRule, Capacity, Concurrency,
    Cost, Direction, Followup, FollowupValue, Frequency, InputRange, Peak, RequestClass, Scenario,
    Storage, Uncertainty, Users,
};
