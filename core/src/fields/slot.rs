//! Where a ranged field's value goes: the Monte Carlo writes each sampled
//! value through a [`NumberSlot`], resolved once from the range's key, and
//! the point estimate puts every ranged field at its median ([`with_medians`]).

use super::field::{Input, Range};
use super::key::FieldKey;
use crate::{Kind, RequestClass, Scenario};

/// A number field a range applies to, resolved from its key; the Monte
/// Carlo writes sampled values through it.
pub(crate) struct NumberSlot {
    /// `dau`, `classes.0.count`.
    pub key: String,
    /// `Daily active users`, `Request class 1 how many`.
    pub label: String,
    pub kind: Kind,
    range: Range,
    place: Place,
}

enum Place {
    Scenario(fn(&mut Scenario, f64)),
    Class(usize, fn(&mut RequestClass, f64)),
}

impl NumberSlot {
    /// Stores `value` in the field.
    #[inline]
    pub fn set(&self, s: &mut Scenario, value: f64) {
        match self.place {
            Place::Scenario(set) => set(s, value),
            Place::Class(index, set) => set(&mut s.classes[index], value),
        }
    }

    /// `value` moved into the field's allowed values.
    #[inline]
    pub fn clamp(&self, value: f64) -> f64 {
        let r = self.range;
        let v = value.min(r.max);
        if v > r.min {
            v
        } else if r.min_inclusive {
            r.min
        } else {
            // Just above an exclusive bound (only reachable by a normal
            // range on a field whose minimum is excluded).
            r.min + f64::EPSILON * r.min.abs().max(1.0)
        }
    }
}

/// The active number field with id `key` of `s` (`dau`, `classes.2.out`)
/// that takes ranges, or `None`.
pub(crate) fn number_slot(s: &Scenario, key: &str) -> Option<NumberSlot> {
    let field_key = FieldKey::from_id(key)?;
    match field_key {
        FieldKey::Scenario(field) => {
            let Input::Number(kind) = field.input else {
                return None;
            };
            if !field.takes_range() || !field.is_active(s) {
                return None;
            }
            Some(NumberSlot {
                key: key.to_owned(),
                label: field_key.label(),
                kind,
                range: field.range,
                place: Place::Scenario(field.number_setter()?),
            })
        }
        FieldKey::Class(index, field) => {
            let Input::Number(kind) = field.input else {
                return None;
            };
            if !field.takes_range() || !field.is_active(s.classes.get(index)?) {
                return None;
            }
            Some(NumberSlot {
                key: key.to_owned(),
                label: field_key.label(),
                kind,
                range: field.range,
                place: Place::Class(index, field.number_setter()?),
            })
        }
        FieldKey::ClassCount | FieldKey::Followup(_) | FieldKey::Setting(_) => None,
    }
}

/// `s` with every ranged field (that applies) at its range's median: the
/// scenario of the point estimate. Setting a range through [`crate::fields`] already
/// stores the median; a scenario from JSON may hold any value beside its
/// range, and this is what [`crate::estimate`] uses then.
///
/// ```
/// use envelope_core::{fields, Scenario};
/// let json = r#"{"users":{"daily":{"daily_active":5}},
///   "uncertainty":{"ranges":[{"field":"dau","low":1e6,"high":1e8}]}}"#;
/// let s: Scenario = serde_json::from_str(json).unwrap();
/// let m = fields::with_medians(&s);
/// assert!((m.users.daily_active() - 1e7).abs() < 1e-3);
/// ```
pub fn with_medians(s: &Scenario) -> Scenario {
    let mut median = s.clone();
    for r in &s.uncertainty.ranges {
        if let Some(slot) = number_slot(s, &r.field) {
            slot.set(&mut median, r.median());
        }
    }
    median
}
