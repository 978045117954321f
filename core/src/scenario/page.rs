//! What the user set in the page's availability section, as scenario data,
//! so that share links, drafts, scenario files and the CLI carry it.
//!
//! Each input is kept as text, as the user typed it (the system in the one
//! text form, [`crate::availability::system_text`]): the target `43m 12s
//! per month` means another availability under another month length, so
//! it is read under the scenario's conventions when used. An input not set
//! is the page's default: a 99.9% target, and a system that follows the
//! scenario's sizing. How the keys read and print is the field table's
//! ([`crate::fields::Setting`]); this is only the data.

use serde::{Deserialize, Serialize};

use super::object::object_only;

/// The availability section's target and system, when the user set them;
/// `None` each by default. In scenario JSON, an object left out when
/// neither is set: `"availability": {"target": "99.99%", "system": "lb
/// 99.99%; app 99.9% x3 any"}`.
///
/// ```
/// use envelope_core::{fields, Scenario};
/// let mut s = Scenario::default();
/// fields::set_setting(&mut s, "availability.system", "lb 99.99%;app 99.9% x3 any").unwrap();
/// assert_eq!(s.availability.system.as_deref(), Some("lb 99.99%; app 99.9% x3 any"));
/// assert!(serde_json::to_string(&Scenario::default()).unwrap().find("availability").is_none());
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "AvailabilityInputs", default, deny_unknown_fields)]
pub struct AvailabilityInputs {
    /// The availability target, as [`crate::availability::parse_target`]
    /// reads it under the scenario's conventions: `99.99%`, `four nines`,
    /// `43m 12s per month`. Absent: 99.9%.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The component system, as [`crate::availability::parse_system`]
    /// reads it: `lb 99.99%; app 99.9% x3 any; db 99.95% 2of3`. Absent: the
    /// typical web stack sized from the scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
}

object_only!(AvailabilityInputs, "an availability object");

impl AvailabilityInputs {
    /// Whether neither is set (then JSON leaves it out).
    pub fn is_empty(&self) -> bool {
        self.target.is_none() && self.system.is_none()
    }
}
