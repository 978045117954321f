//! The follow-up calculators' inputs that the user set, as scenario data.
//!
//! A calculator ([`crate::followup`]) takes what it can from the scenario
//! and its defaults for the rest; each input the user sets is kept here,
//! under its key (`bloom.items`), and wins over both. An input not here is
//! not set: it stays "from the scenario or the default", and follows the
//! scenario when that changes. Which keys there are, what they take and
//! how they read and print is the field table's
//! ([`crate::fields::FOLLOWUP_FIELDS`]); this is only the data.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of one follow-up input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FollowupValue {
    /// A number in the input's base unit (bytes, seconds, per second,
    /// fractions where 0.01 is 1%).
    Number(f64),
    /// A choice's value (`equal`) or the latency steps
    /// (`datacenter_round_trip:2,memory_1mb`).
    Text(String),
}

/// The follow-up calculators' inputs the user set, by key (`bloom.items`);
/// empty by default. In scenario JSON, an object of key to value, left out
/// when empty: `"followup": {"bloom.items": 1e9, "backoff.jitter": "equal"}`.
///
/// ```
/// use envelope_core::{fields, Followup, FollowupValue, Scenario};
/// let mut s = Scenario::default();
/// fields::set_followup_field(&mut s, "bloom.false_positive_rate", "0.1%").unwrap();
/// assert_eq!(s.followup.get("bloom.false_positive_rate"), Some(&FollowupValue::Number(0.001)));
/// // Empty text clears it: the calculator's own value again.
/// fields::set_followup_field(&mut s, "bloom.false_positive_rate", "").unwrap();
/// assert_eq!(s.followup, Followup::default());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Followup {
    /// Each input set, sorted by key, each key once. Checked by
    /// [`crate::fields::validate`]: every key one of
    /// [`crate::fields::FOLLOWUP_FIELDS`], every value one it takes.
    ///
    /// A sorted vector rather than a `BTreeMap`: a scenario holds a few of
    /// these at most, and without the B-tree's code for them the page's
    /// wasm is 3.0 KB (brotli) lighter.
    inputs: Vec<(String, FollowupValue)>,
}

impl Followup {
    /// Whether no input is set (then JSON leaves it out).
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The value set for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&FollowupValue> {
        let at = self.position(key).ok()?;
        Some(&self.inputs[at].1)
    }

    /// Sets input `key` to `value`; gives back the value it had.
    ///
    /// ```
    /// use envelope_core::{Followup, FollowupValue};
    /// let mut f = Followup::default();
    /// f.insert("bloom.items".to_owned(), FollowupValue::Number(1e9));
    /// let old = f.insert("bloom.items".to_owned(), FollowupValue::Number(2e9));
    /// assert_eq!(old, Some(FollowupValue::Number(1e9)));
    /// assert_eq!(f.get("bloom.items"), Some(&FollowupValue::Number(2e9)));
    /// assert_eq!(f.remove("bloom.items"), Some(FollowupValue::Number(2e9)));
    /// assert!(f.is_empty());
    /// ```
    pub fn insert(&mut self, key: String, value: FollowupValue) -> Option<FollowupValue> {
        match self.position(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.inputs[at].1, value)),
            Err(at) => {
                self.inputs.insert(at, (key, value));
                None
            }
        }
    }

    /// Clears input `key`; gives back the value it had.
    pub fn remove(&mut self, key: &str) -> Option<FollowupValue> {
        let at = self.position(key).ok()?;
        Some(self.inputs.remove(at).1)
    }

    /// Each input set, as key and value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FollowupValue)> {
        self.inputs.iter().map(|(key, value)| (key.as_str(), value))
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.inputs.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

/// As a JSON object of key to value, in key order.
impl Serialize for Followup {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// From a JSON object of key to value; of a key given twice, the last.
impl<'de> Deserialize<'de> for Followup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inputs = BTreeMap::<String, FollowupValue>::deserialize(deserializer)?;
        Ok(Followup {
            inputs: inputs.into_iter().collect(),
        })
    }
}

/// The JSON Schema: an object whose members are the follow-up inputs of
/// [`crate::fields::FOLLOWUP_FIELDS`], each optional, described from the
/// table (numbers in their base unit, whole numbers as integers, choices
/// as their values, the latency steps as text).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Followup {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Followup".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        use crate::fields::{Input, FOLLOWUP_FIELDS};
        let mut properties = BTreeMap::new();
        for field in FOLLOWUP_FIELDS {
            let described = |what: String| format!("{}: {} {what}", field.label, field.help);
            let schema = match field.input {
                Input::Number(_) if field.whole => schemars::json_schema!({
                    "type": "integer",
                    "description": described("A whole number.".to_owned()),
                }),
                Input::Number(kind) => schemars::json_schema!({
                    "type": "number",
                    "description": described(format!(
                        "Base unit: {}.",
                        crate::Measure::base_unit(kind)
                    )),
                }),
                Input::Choice(options) => schemars::json_schema!({
                    "enum": options.iter().map(|(value, _)| *value).collect::<Vec<_>>(),
                    "description": described(String::new()).trim_end().to_owned(),
                }),
                Input::Text => schemars::json_schema!({
                    "type": "string",
                    "description": described(format!("Written as {}.", field.unit)),
                }),
            };
            properties.insert(field.key, schema);
        }
        schemars::json_schema!({
            "description": "The follow-up calculators' inputs the user set, by key; each wins over what the calculator would take from the scenario or its default. Left out when none is set.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Followup, FollowupValue};

    /// Inputs read from JSON in any order are found by key (the lookup
    /// relies on key order) and written back as an object in key order,
    /// the order a `BTreeMap` gave; a key given twice keeps the last value.
    #[test]
    fn inputs_keep_key_order_through_json() {
        let f: Followup = serde_json::from_str(
            r#"{"quorum.replicas": 5, "backoff.jitter": "full", "bloom.items": 1e6, "backoff.jitter": "equal"}"#,
        )
        .unwrap();
        assert_eq!(f.get("quorum.replicas"), Some(&FollowupValue::Number(5.0)));
        assert_eq!(f.get("bloom.items"), Some(&FollowupValue::Number(1e6)));
        assert_eq!(
            f.get("backoff.jitter"),
            Some(&FollowupValue::Text("equal".into()))
        );
        assert_eq!(f.get("bloom"), None);
        let keys: Vec<&str> = f.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["backoff.jitter", "bloom.items", "quorum.replicas"]);
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"backoff.jitter":"equal","bloom.items":1000000.0,"quorum.replicas":5.0}"#
        );

        // Inserted in any order, kept in key order.
        let mut g = Followup::default();
        for key in ["quorum.replicas", "bloom.items", "backoff.jitter"] {
            assert_eq!(g.insert(key.to_owned(), FollowupValue::Number(1.0)), None);
        }
        let keys: Vec<&str> = g.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["backoff.jitter", "bloom.items", "quorum.replicas"]);
        assert_eq!(g.remove("bloom.items"), Some(FollowupValue::Number(1.0)));
        assert_eq!(g.remove("bloom.items"), None);
        assert_eq!(g.get("quorum.replicas"), Some(&FollowupValue::Number(1.0)));
    }
}
