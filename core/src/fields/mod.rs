//! Every input a person can set, in one table: its key, label, unit, kind and
//! allowed range; and the one way texts are applied to a scenario.
//!
//! The web form, share links, the CLI and [`crate::estimate`]'s validation
//! all read this table, so a field is named, parsed and range-checked the same
//! way everywhere. Keys are stable: share links carry them.
//!
//! - [`Field`]: one input, how it reads and writes its text.
//! - [`SCENARIO_FIELDS`] and [`CLASS_FIELDS`]: the table itself; and
//!   [`FOLLOWUP_FIELDS`], the follow-up calculators' inputs
//!   ([`crate::followup`]), kept in the scenario as overrides.
//! - [`FieldKey`]: the one grammar of keys (`dau`, `c0.in`, `classes.0.in`,
//!   `bloom.items`, and the page's [`Setting`]s, `availability.target`,
//!   `availability.system`, `interview`).
//! - [`set_scenario_field`], [`set_class_field`], [`set_followup_field`]:
//!   one text into one field, and [`scenario_field_text`],
//!   [`class_field_text`], [`followup_field_text`] back.
//! - [`apply`]: `key = text` pairs into a scenario, the edit path of links,
//!   `--set` and the form.
//! - [`validate`] and [`InputError`]: whether a scenario is fit to estimate:
//!   each field within its bounds, and the data's growth over its retention
//!   at most [`MAX_GROWTH_FACTOR`]-fold, which together keep every figure
//!   finite.
//!
//! ```
//! use envelope_core::{fields, Scenario};
//! let mut s = Scenario::default();
//! fields::set_scenario_field(&mut s, "dau", "10M").unwrap();
//! assert_eq!(s.users.daily_active(), 10e6);
//! let err = fields::set_scenario_field(&mut s, "replication", "0").unwrap_err();
//! assert_eq!(err.to_string(), "Replication factor: must be at least 1x (got 0x)");
//! assert_eq!(fields::scenario_field_text(&s, "dau").as_deref(), Some("10 M"));
//! ```

mod apply;
mod class_table;
mod combined;
mod edit;
mod field;
mod followup_table;
mod key;
mod scenario_table;
mod settings;
mod slot;
mod validate;

pub use apply::{apply, form_pairs, Applied, Ignored, Inactive, Refused};
pub use class_table::{class_field, CLASS_FIELDS, MAX_CLASSES};
pub use combined::MAX_GROWTH_FACTOR;
pub use edit::{
    class_field_text, followup_field_text, scenario_field_text, set_class_field,
    set_followup_field, set_scenario_field,
};
pub use field::{Field, Input, MAX_NAME_CHARS, MIN_MAGNITUDE};
pub use followup_table::{followup_field, FollowupField, FOLLOWUP_FIELDS};
pub use key::{class_field_key, FieldKey, KeyError};
pub use scenario_table::{scenario_field, SCENARIO_FIELDS};
pub use settings::{set_setting, setting_text, Setting, SETTINGS};
pub use slot::with_medians;
pub use validate::{validate, InputError};

pub(crate) use apply::class_count;
pub(crate) use field::shorten as shorten_text;
pub(crate) use key::form_order;
pub(crate) use slot::{number_slot, NumberSlot};
