//! Reading a text into one field of a scenario, and a field's value back
//! as text: points and ranges (`1M..10M`), scenario and class fields.
//!
//! ```
//! use envelope_core::{fields, Scenario};
//! let mut s = Scenario::default();
//! fields::set_class_field(&mut s, 1, "out", "50KB..200KB").unwrap();
//! assert_eq!(s.uncertainty.ranges[0].field, "classes.1.out");
//! assert_eq!(
//!     fields::class_field_text(&s, 1, "out").as_deref(),
//!     Some("50 KB to 200 KB")
//! );
//! let err = fields::set_class_field(&mut s, 5, "out", "1KB").unwrap_err();
//! assert_eq!(err.to_string(), "there is no request class 6");
//! ```

use super::class_table::class_field;
use super::field::{shorten, Field, Input};
use super::followup_table::{followup_field, FollowupField};
use super::key::{class_field_key, class_label, class_number, form_order};
use super::scenario_table::scenario_field;
use super::slot::number_slot;
use super::validate::InputError;
use crate::scenario::{split_range, InputRange, Uncertainty, MAX_RANGES};
use crate::{text, Conventions, Scenario};

/// The current value of a scenario field as text that reads back exactly;
/// a ranged field gives `low to high`.
pub fn scenario_field_text(s: &Scenario, key: &str) -> Option<String> {
    let field = scenario_field(key)?;
    match s.uncertainty.range(key) {
        Some(r) if field.is_active(s) => Some(range_text(field, r.low, r.high, &s.conventions)),
        _ => field.text(s, &s.conventions),
    }
}

fn range_text<T>(field: &Field<T>, low: f64, high: f64, conventions: &Conventions) -> String {
    format!(
        "{} to {}",
        field.value_text(low, conventions),
        field.value_text(high, conventions)
    )
}

/// Sets a scenario field from text; on error the scenario is unchanged.
/// A number field also takes a range, `1M..10M` or `1M to 10M` (see
/// [`crate::uncertainty`]): the field then holds the range's median.
pub fn set_scenario_field(s: &mut Scenario, key: &str, text: &str) -> Result<(), InputError> {
    set_scenario_field_unpruned(s, key, text)?;
    prune_ranges(s);
    Ok(())
}

/// [`set_scenario_field`] leaving ranges that no longer apply in place, for
/// [`super::apply`], which prunes them once after all its pairs: pruning
/// after each of a link's hundreds of pairs made it quadratic.
pub(super) fn set_scenario_field_unpruned(
    s: &mut Scenario,
    key: &str,
    text: &str,
) -> Result<(), InputError> {
    let field = scenario_field(key).ok_or_else(|| InputError {
        field: key.to_owned(),
        message: format!("unknown field '{}'", shorten(key)),
    })?;
    let conventions = s.conventions;
    let error = |problem| InputError::new(key, field.label, problem);
    if let Some(value) = read_range(field, key, text, s, &conventions).map_err(error)? {
        // read_range gives a value only for number fields, which all have
        // a number setter.
        if let Some(set) = field.number_setter() {
            set(s, value);
        }
        return Ok(());
    }
    field.set(s, text, &conventions).map_err(error)?;
    s.uncertainty.remove_range(key);
    Ok(())
}

/// Reads `text` as a range for `field` when it is one, records it in `s`
/// and gives the median to store as the field's value; `None` for a point.
fn read_range<T>(
    field: &Field<T>,
    key: &str,
    text: &str,
    s: &mut Scenario,
    conventions: &Conventions,
) -> Result<Option<f64>, String> {
    if !matches!(field.input, Input::Number(_)) {
        return Ok(None);
    }
    let Some((low_text, high_text)) = split_range(text) else {
        return Ok(None);
    };
    if !field.takes_range() {
        return Err("takes a single value, not a range".to_owned());
    }
    let low = field
        .parse_value(low_text, conventions)
        .map_err(|e| format!("low end {e}"))?;
    let high = field
        .parse_value(high_text, conventions)
        .map_err(|e| format!("high end {e}"))?;
    if low > high {
        return Err(format!(
            "the low end ({}) is above the high end ({}); write the smaller value first",
            field.value_text(low, conventions),
            field.value_text(high, conventions)
        ));
    }
    if low == high {
        s.uncertainty.remove_range(key);
        return Ok(Some(low));
    }
    if s.uncertainty.range(key).is_none() && s.uncertainty.ranges.len() >= MAX_RANGES {
        // Ranges an earlier pair switched off are not counted (an unpruned
        // setter may have left them).
        prune_ranges(s);
    }
    if s.uncertainty.range(key).is_none() && s.uncertainty.ranges.len() >= MAX_RANGES {
        return Err(format!("at most {MAX_RANGES} inputs may be ranges"));
    }
    s.uncertainty.set_range(key, low, high);
    Ok(s.uncertainty.range(key).map(InputRange::median))
}

/// The current value of a class field as text that reads back exactly; a
/// ranged field gives `low to high`.
pub fn class_field_text(s: &Scenario, index: usize, key: &str) -> Option<String> {
    let field = class_field(key)?;
    let class = s.classes.get(index)?;
    match s.uncertainty.range(&class_field_key(index, key)) {
        Some(r) if field.is_active(class) => Some(range_text(field, r.low, r.high, &s.conventions)),
        _ => field.text(class, &s.conventions),
    }
}

/// Sets a field of request class `index` from text (a number field also
/// takes a range, as in [`set_scenario_field`]); on error the scenario is
/// unchanged.
pub fn set_class_field(
    s: &mut Scenario,
    index: usize,
    key: &str,
    text: &str,
) -> Result<(), InputError> {
    set_class_field_unpruned(s, index, key, text)?;
    prune_ranges(s);
    Ok(())
}

/// [`set_class_field`] leaving ranges that no longer apply in place, as
/// [`set_scenario_field_unpruned`].
pub(super) fn set_class_field_unpruned(
    s: &mut Scenario,
    index: usize,
    key: &str,
    text: &str,
) -> Result<(), InputError> {
    let error_key = class_field_key(index, key);
    let field = class_field(key).ok_or_else(|| InputError {
        field: error_key.clone(),
        message: format!("unknown field '{}'", shorten(key)),
    })?;
    if index >= s.classes.len() {
        return Err(InputError {
            field: error_key.clone(),
            message: format!("there is no request class {}", class_number(index)),
        });
    }
    let conventions = s.conventions;
    let error = |problem| InputError::new(&error_key, &class_label(index, field.label), problem);
    if let Some(value) = read_range(field, &error_key, text, s, &conventions).map_err(error)? {
        if let Some(set) = field.number_setter() {
            set(&mut s.classes[index], value);
        }
        return Ok(());
    }
    field
        .set(&mut s.classes[index], text, &conventions)
        .map_err(error)?;
    s.uncertainty.remove_range(&error_key);
    Ok(())
}

/// Sets the follow-up input `key` ([`super::FOLLOWUP_FIELDS`]) from text,
/// as an override kept in [`Scenario::followup`]; an empty text removes the
/// override, so the calculator takes the input from the scenario or its
/// default again. On error the scenario is unchanged.
///
/// ```
/// use envelope_core::{fields, Scenario};
/// let mut s = Scenario::default();
/// fields::set_followup_field(&mut s, "quorum.replicas", "5").unwrap();
/// assert_eq!(fields::followup_field_text(&s, "quorum.replicas").as_deref(), Some("5"));
/// let err = fields::set_followup_field(&mut s, "quorum.replicas", "0").unwrap_err();
/// assert_eq!(err.field, "quorum.replicas");
/// assert_eq!(err.message, "Replicas (N): must be at least 1 (got 0)");
/// ```
pub fn set_followup_field(s: &mut Scenario, key: &str, text: &str) -> Result<(), InputError> {
    let field = followup_field(key).ok_or_else(|| InputError {
        field: text::displayable(key).into_owned(),
        message: format!("unknown field '{}'", shorten(key)),
    })?;
    set_followup(s, field, text)
}

/// [`set_followup_field`] for a field already looked up.
pub(super) fn set_followup(
    s: &mut Scenario,
    field: &'static FollowupField,
    text: &str,
) -> Result<(), InputError> {
    let value = field
        .parse(text, &s.conventions)
        .map_err(|problem| InputError::new(field.key, field.label, problem))?;
    match value {
        Some(value) => s.followup.insert(field.key.to_owned(), value),
        None => s.followup.remove(field.key),
    };
    Ok(())
}

/// The value the user set for follow-up input `key`, as text that reads
/// back exactly; `None` when it is not set.
pub fn followup_field_text(s: &Scenario, key: &str) -> Option<String> {
    let field = followup_field(key)?;
    let value = s.followup.get(key)?;
    Some(field.value_text(value, &s.conventions))
}

/// Drops the ranges whose field no longer applies: its class is gone, or a
/// choice made it inactive (users now given monthly, a class now a read).
/// Every setter calls it, so a scenario built through this table never
/// holds a range it cannot use, and its share link reads back exactly; a
/// form keeps the field's text, so switching back restores the range.
pub(super) fn prune_ranges(s: &mut Scenario) {
    if s.uncertainty.ranges.is_empty() {
        return;
    }
    let keep: Vec<bool> = s
        .uncertainty
        .ranges
        .iter()
        .map(|r| number_slot(s, &r.field).is_some())
        .collect();
    let mut keep = keep.into_iter();
    s.uncertainty
        .ranges
        .retain(|_| keep.next().unwrap_or(false));
}

// Defined here rather than with `Uncertainty` (`crate::scenario`): keeping
// ranges in form order needs the field tables, and the scenario's data
// types need nothing from them.
impl Uncertainty {
    /// Sets (or replaces) the range on field `key`. Ranges are kept in form
    /// order (scenario fields, then each class's), whatever order they are
    /// set in, so equal scenarios compare equal.
    pub fn set_range(&mut self, key: &str, low: f64, high: f64) {
        if let Some(r) = self.ranges.iter_mut().find(|r| r.field == key) {
            (r.low, r.high) = (low, high);
            return;
        }
        let rank = form_order(key);
        let at = self
            .ranges
            .iter()
            .position(|r| form_order(&r.field) > rank)
            .unwrap_or(self.ranges.len());
        self.ranges.insert(
            at,
            InputRange {
                field: key.to_owned(),
                low,
                high,
            },
        );
    }
}
