//! Field keys: how a share link, `--set`, a form, an error or a range names
//! one input. There is one grammar, read by [`FieldKey::parse`]:
//!
//! - a scenario field's key from [`super::SCENARIO_FIELDS`]: `dau`, `peak`;
//! - `classes`, the number of request classes;
//! - a request-class field, `c{i}.{key}` with a key from
//!   [`super::CLASS_FIELDS`] (`c0.in`, `c12.count`), as share links and
//!   `--set` write it; or `classes.{i}.{key}` (`classes.0.in`), the field's
//!   id, as errors and ranges name it, so an error's key can be typed back;
//! - a follow-up calculator's input from [`super::FOLLOWUP_FIELDS`]:
//!   `bloom.items`, `quorum.replicas`, the key its calculator's errors use;
//! - one of the page's [`super::SETTINGS`]: `availability.target`,
//!   `availability.system`, `interview`.
//!
//! `{i}` counts from 0 in plain digits. Other ways of writing the number
//! (`c01.in`, `c+1.in`) are refused with [`KeyError::NotCanonical`], which
//! names the one spelling: a field never has two keys, so it can never be
//! set twice, or hold two ranges, under different names.
//!
//! ```
//! use envelope_core::fields::{FieldKey, KeyError};
//! let key = FieldKey::parse("c1.in").unwrap();
//! assert_eq!(key.id(), "classes.1.in");
//! assert_eq!(key.link_key(), "c1.in");
//! assert_eq!(key.label(), "Request class 2 bytes in");
//! assert_eq!(FieldKey::parse("classes.1.in"), Ok(key));
//! let e = FieldKey::parse("c01.in").unwrap_err();
//! assert!(matches!(e, KeyError::NotCanonical { .. }));
//! assert_eq!(e.to_string(), "write 'c1.in': class numbers have no leading zeros or signs");
//! ```

use std::fmt;

use super::class_table::{class_field, CLASS_FIELDS, MAX_CLASSES};
use super::field::{shorten, Field, Input};
use super::followup_table::{followup_field, FollowupField, FOLLOWUP_FIELDS};
use super::scenario_table::{scenario_field, SCENARIO_FIELDS};
use super::settings::{Setting, SETTINGS};
use crate::{RequestClass, Scenario};

/// One input of a scenario, named.
#[derive(Clone, Copy)]
pub enum FieldKey {
    /// A scenario-wide field: `dau`.
    Scenario(&'static Field<Scenario>),
    /// A field of the request class at this index (from 0): `c2.out`.
    Class(usize, &'static Field<RequestClass>),
    /// The number of request classes: `classes`.
    ClassCount,
    /// An input of a follow-up calculator: `bloom.items`.
    Followup(&'static FollowupField),
    /// One of the page's inputs that travel with a scenario:
    /// `availability.system`.
    Setting(Setting),
}

/// Why a text is not a [`FieldKey`]. Untrusted text in it is shortened to 40
/// characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// It names no field: `foo`, `c0.nope`.
    Unknown(String),
    /// It names a class field with its number written otherwise than in
    /// plain digits (`c01.in`, `c+1.in`).
    NotCanonical {
        /// The key as given.
        key: String,
        /// The key as it is written: `c1.in`.
        canonical: String,
    },
    /// Its class number is too large to be one (`c99999999999999999999.in`).
    ClassLimit(String),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Unknown(key) => write!(f, "unknown field '{key}'"),
            KeyError::NotCanonical { canonical, .. } => write!(
                f,
                "write '{canonical}': class numbers have no leading zeros or signs"
            ),
            KeyError::ClassLimit(_) => write!(
                f,
                "at most {MAX_CLASSES} request classes, c0 to c{}",
                MAX_CLASSES - 1
            ),
        }
    }
}

impl std::error::Error for KeyError {}

impl FieldKey {
    /// Reads a key in the grammar of this module's documentation.
    pub fn parse(text: &str) -> Result<FieldKey, KeyError> {
        if text == "classes" {
            return Ok(FieldKey::ClassCount);
        }
        if let Some(field) = scenario_field(text) {
            return Ok(FieldKey::Scenario(field));
        }
        if let Some(field) = followup_field(text) {
            return Ok(FieldKey::Followup(field));
        }
        if let Some(setting) = Setting::from_key(text) {
            return Ok(FieldKey::Setting(setting));
        }
        let unknown = || KeyError::Unknown(shorten(text));
        let (is_id, rest) = match text.strip_prefix("classes.") {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('c').ok_or_else(unknown)?),
        };
        let (number, key) = rest.split_once('.').ok_or_else(unknown)?;
        let field = class_field(key).ok_or_else(unknown)?;
        let digits = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
        if digits && (number == "0" || !number.starts_with('0')) {
            return match number.parse() {
                Ok(index) => Ok(FieldKey::Class(index, field)),
                Err(_) => Err(KeyError::ClassLimit(shorten(text))),
            };
        }
        // Another spelling of a number, `01` or `+1`: name the one spelling.
        let index: usize = number.parse().map_err(|_| unknown())?;
        let key = FieldKey::Class(index, field);
        Err(KeyError::NotCanonical {
            key: shorten(text),
            canonical: if is_id { key.id() } else { key.link_key() },
        })
    }

    /// The key whose [`FieldKey::id`] is exactly `id`: how ranges and errors
    /// name fields (`dau`, `classes.0.in`), so a link key is not one.
    pub fn from_id(id: &str) -> Option<FieldKey> {
        FieldKey::parse(id).ok().filter(|key| key.id() == id)
    }

    /// How errors and ranges name the field: `dau`, `classes.1.in`,
    /// `classes` ([`crate::InputError::field`], [`crate::InputRange::field`]).
    pub fn id(&self) -> String {
        match self {
            FieldKey::Scenario(field) => field.key.to_owned(),
            FieldKey::Class(index, field) => class_field_key(*index, field.key),
            FieldKey::ClassCount => "classes".to_owned(),
            FieldKey::Followup(field) => field.key.to_owned(),
            FieldKey::Setting(setting) => setting.key().to_owned(),
        }
    }

    /// How share links and `--set` write it: `dau`, `c1.in`, `classes`.
    pub fn link_key(&self) -> String {
        match self {
            FieldKey::Class(index, field) => class_pair_key(*index, field.key),
            _ => self.id(),
        }
    }

    /// What people call it: `Daily active users`, `Request class 2 bytes in`.
    pub fn label(&self) -> String {
        match self {
            FieldKey::Scenario(field) => field.label.to_owned(),
            FieldKey::Class(index, field) => class_label(*index, field.label),
            FieldKey::ClassCount => "Request classes".to_owned(),
            FieldKey::Followup(field) => field.label.to_owned(),
            FieldKey::Setting(setting) => setting.label().to_owned(),
        }
    }

    /// Whether it is a choice (`users_by`, `bytes`, `c0.kind`): choices are
    /// applied before numbers, since they decide which fields apply and
    /// what `KB` means.
    pub fn is_choice(&self) -> bool {
        let input = match self {
            FieldKey::Scenario(field) => field.input,
            FieldKey::Class(_, field) => field.input,
            FieldKey::Followup(field) => field.input,
            FieldKey::ClassCount | FieldKey::Setting(_) => return false,
        };
        matches!(input, Input::Choice(_))
    }

    /// The choice that would make the field apply to `s`, as a pair:
    /// `users_by=monthly` for `mau` while users are given daily,
    /// `c0.kind=write` for `c0.stored` of a read. `None` when no single
    /// choice does.
    pub fn applies_with(&self, s: &Scenario) -> Option<String> {
        let (choice, value) = self.deciding_choice(s)?;
        Some(format!("{}={value}", choice.link_key()))
    }

    /// The choice, and its option, that would make the field apply to `s`.
    pub(super) fn deciding_choice(&self, s: &Scenario) -> Option<(FieldKey, &'static str)> {
        match *self {
            FieldKey::Scenario(field) => {
                let (choice, value) = choice_making_active(SCENARIO_FIELDS, field, s, s)?;
                Some((FieldKey::Scenario(choice), value))
            }
            FieldKey::Class(index, field) => {
                let class = s.classes.get(index)?;
                let (choice, value) = choice_making_active(CLASS_FIELDS, field, class, s)?;
                Some((FieldKey::Class(index, choice), value))
            }
            // Follow-up inputs and settings are always read: no choice
            // switches them off.
            FieldKey::ClassCount | FieldKey::Followup(_) | FieldKey::Setting(_) => None,
        }
    }

    /// Where the field comes in the form: scenario fields in table order,
    /// then each class's fields in column order, then follow-up inputs.
    fn form_position(&self) -> (usize, usize) {
        match self {
            FieldKey::Scenario(field) => (0, position(SCENARIO_FIELDS, field)),
            FieldKey::Class(index, field) => {
                (index.saturating_add(1), position(CLASS_FIELDS, field))
            }
            FieldKey::Followup(field) => (
                usize::MAX - 1,
                FOLLOWUP_FIELDS
                    .iter()
                    .position(|f| f.key == field.key)
                    .unwrap_or(usize::MAX),
            ),
            FieldKey::Setting(setting) => (
                usize::MAX - 1,
                FOLLOWUP_FIELDS.len() + SETTINGS.iter().position(|s| s == setting).unwrap_or(0),
            ),
            FieldKey::ClassCount => (usize::MAX, usize::MAX),
        }
    }
}

/// Where `field` is in `table`.
fn position<T>(table: &[Field<T>], field: &Field<T>) -> usize {
    table
        .iter()
        .position(|f| f.key == field.key)
        .unwrap_or(usize::MAX)
}

impl PartialEq for FieldKey {
    fn eq(&self, other: &FieldKey) -> bool {
        match (self, other) {
            (FieldKey::Scenario(a), FieldKey::Scenario(b)) => a.key == b.key,
            (FieldKey::Class(i, a), FieldKey::Class(j, b)) => i == j && a.key == b.key,
            (FieldKey::ClassCount, FieldKey::ClassCount) => true,
            (FieldKey::Followup(a), FieldKey::Followup(b)) => a.key == b.key,
            (FieldKey::Setting(a), FieldKey::Setting(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for FieldKey {}

impl fmt::Debug for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FieldKey({})", self.id())
    }
}

impl fmt::Display for FieldKey {
    /// The field's [`FieldKey::id`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// The id of a class field: `classes.1.in` (see [`FieldKey::id`]).
pub fn class_field_key(index: usize, key: &str) -> String {
    format!("classes.{index}.{key}")
}

/// The link key of a class field: `c1.in` (see [`FieldKey::link_key`]).
pub(crate) fn class_pair_key(index: usize, key: &str) -> String {
    format!("c{index}.{key}")
}

/// `Request class 2 bytes in`. The labels are ASCII (a test checks), so
/// ASCII lowercasing is all they need.
pub(super) fn class_label(index: usize, label: &str) -> String {
    format!(
        "Request class {} {}",
        class_number(index),
        label.to_ascii_lowercase()
    )
}

/// The number people give the class at `index`: one more, counted in a type
/// that cannot overflow (`c18446744073709551615.in` is class
/// 18446744073709551616, not 0).
pub(super) fn class_number(index: usize) -> u128 {
    // usize is at most 64 bits wide, so this is exact.
    index as u128 + 1
}

/// Where the field with id `key` comes in the form: scenario fields in table
/// order, then each class's fields in column order; unknown keys last.
pub(crate) fn form_order(key: &str) -> (usize, usize) {
    FieldKey::from_id(key)
        .map(|k| k.form_position())
        .unwrap_or((usize::MAX, usize::MAX))
}

/// The first choice among `fields`, and its option, that makes `field`
/// apply to `target` (of scenario `s`).
fn choice_making_active<T: Clone>(
    fields: &'static [Field<T>],
    field: &Field<T>,
    target: &T,
    s: &Scenario,
) -> Option<(&'static Field<T>, &'static str)> {
    fields.iter().find_map(|choice| {
        let Input::Choice(options) = choice.input else {
            return None;
        };
        options.iter().find_map(|&(value, _)| {
            let mut probe = target.clone();
            choice.set(&mut probe, value, &s.conventions).ok()?;
            field.is_active(&probe).then_some((choice, value))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_index(key: &str) -> Option<usize> {
        match FieldKey::parse(key) {
            Ok(FieldKey::Class(index, _)) => Some(index),
            _ => None,
        }
    }

    #[test]
    fn class_labels_are_ascii() {
        for f in CLASS_FIELDS {
            assert!(f.label.is_ascii(), "{}", f.label);
        }
        assert_eq!(class_label(1, "Bytes In"), "Request class 2 bytes in");
    }

    #[test]
    fn class_keys() {
        assert_eq!(class_index("c0.in"), Some(0));
        assert_eq!(class_index("c12.name"), Some(12));
        assert_eq!(class_index("classes.12.name"), Some(12));
        assert!(matches!(
            FieldKey::parse("c012.name"),
            Err(KeyError::NotCanonical { canonical, .. }) if canonical == "c12.name"
        ));
        assert!(matches!(
            FieldKey::parse("classes.+1.in"),
            Err(KeyError::NotCanonical { canonical, .. }) if canonical == "classes.1.in"
        ));
        assert!(matches!(
            FieldKey::parse("c.name"),
            Err(KeyError::Unknown(_))
        ));
        assert!(matches!(
            FieldKey::parse("c1.foo"),
            Err(KeyError::Unknown(_))
        ));
        assert!(matches!(
            FieldKey::parse("c99999999999999999999999.in"),
            Err(KeyError::ClassLimit(_))
        ));
        assert_eq!(FieldKey::parse("classes"), Ok(FieldKey::ClassCount));
        assert_eq!(
            FieldKey::parse("cache_hot").map(|k| k.id()),
            Ok("cache_hot".into())
        );
    }

    #[test]
    fn ids_are_only_the_id_spelling() {
        assert!(FieldKey::from_id("classes.1.in").is_some());
        assert!(FieldKey::from_id("c1.in").is_none());
        assert!(FieldKey::from_id("classes.01.in").is_none());
        assert_eq!(form_order("dau"), (0, 2));
        assert_eq!(form_order("classes.0.name"), (1, 0));
        assert_eq!(form_order("c0.name"), (usize::MAX, usize::MAX));
    }
}
