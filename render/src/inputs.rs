//! A scenario's inputs as the web form shows them: each field's label and
//! its value, the scenario's fields in form order, then each request
//! class's fields under the class's name. The Markdown report's `## Inputs`
//! table is these rows.
//!
//! Everything comes from the core's one field table
//! ([`envelope_core::fields`]): the labels are the form's, numbers are the
//! texts the form holds (`10 M`, `3 MB`, a range as `1 M to 10 M`), and a
//! choice reads as the option the form shows (`per user per day`, not
//! `user_day`). Fields that do not apply to the scenario (monthly users
//! while users are given daily, bytes stored of a read) are left out, as the
//! form hides them; so are the Monte Carlo's samples and seed while no input
//! is a range (nothing is drawn). The scenario's name is not a row (it is
//! the report's title), nor is a class's name (it heads the class's rows).
//!
//! ```
//! use envelope_core::presets;
//! use envelope_render::inputs;
//! let scenario = presets::preset_scenario("photo-uploads").unwrap();
//! let rows = inputs::rows(&scenario);
//! let dau = rows.iter().find(|r| r.key == "dau").unwrap();
//! assert_eq!((dau.label.as_str(), dau.value.as_str()), ("Daily active users", "1 M"));
//! let bytes_in = rows.iter().find(|r| r.key == "classes.0.in").unwrap();
//! assert_eq!(bytes_in.label, "upload photo: Bytes in");
//! assert_eq!(bytes_in.value, "3 MB");
//! assert!(rows.iter().all(|r| r.key != "mau"), "users are given daily");
//! ```

use envelope_core::fields::{
    class_field_key, class_field_text, scenario_field_text, Field, Input, CLASS_FIELDS,
    SCENARIO_FIELDS,
};
use envelope_core::Scenario;

/// The form group of the Monte Carlo's own settings (samples, seed), which
/// apply only when some input is a range.
const UNCERTAINTY_GROUP: &str = "Uncertainty";

/// The key of the scenario's name and of a class's name: not rows of their
/// own (the title and the class's heading say them).
const NAME_KEY: &str = "name";

/// One input as the form shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputRow {
    /// The field's id, as errors and ranges name it: `dau`,
    /// `classes.0.in` ([`envelope_core::fields::FieldKey::id`]).
    pub key: String,
    /// The form's label; a request class's field is prefixed with the
    /// class's name: `upload photo: Bytes in`.
    pub label: String,
    /// The value as the form shows it: `10 M`, `1 M to 10 M`,
    /// `per user per day`, `same as bytes in`.
    pub value: String,
}

/// Every input of `scenario` that applies to it, in form order (see the
/// module documentation).
pub fn rows(scenario: &Scenario) -> Vec<InputRow> {
    let mut rows = Vec::new();
    let drawn = !scenario.uncertainty.ranges.is_empty();
    for field in SCENARIO_FIELDS.iter().filter(|f| f.key != NAME_KEY) {
        if !field.is_active(scenario) || (field.group == UNCERTAINTY_GROUP && !drawn) {
            continue;
        }
        let text = scenario_field_text(scenario, field.key);
        if let Some(value) = shown(field, text) {
            rows.push(InputRow {
                key: field.key.to_owned(),
                label: field.label.to_owned(),
                value,
            });
        }
    }
    for (index, class) in scenario.classes.iter().enumerate() {
        let title = class_title(scenario, index);
        for field in CLASS_FIELDS.iter().filter(|f| f.key != NAME_KEY) {
            if !field.is_active(class) {
                continue;
            }
            let text = class_field_text(scenario, index, field.key);
            if let Some(value) = shown(field, text) {
                rows.push(InputRow {
                    key: class_field_key(index, field.key),
                    label: format!("{title}: {}", field.label),
                    value,
                });
            }
        }
    }
    rows
}

/// How the rows of the request class at `index` are headed: its name; a
/// class without a name is `Request class 2`, and a name two classes share
/// gets the class's number, `read (request class 2)`, so no two classes'
/// rows read the same.
pub fn class_title(scenario: &Scenario, index: usize) -> String {
    let number = index as u128 + 1;
    let Some(class) = scenario.classes.get(index) else {
        return format!("Request class {number}");
    };
    let name = class.name.trim();
    if name.is_empty() {
        return format!("Request class {number}");
    }
    let shared = scenario
        .classes
        .iter()
        .filter(|c| c.name.trim() == name)
        .count()
        > 1;
    if shared {
        format!("{name} (request class {number})")
    } else {
        name.to_owned()
    }
}

/// A field's text as the form shows it: a choice's option label for its
/// value; an empty optional field as what empty means (`same as bytes in`).
fn shown<T>(field: &Field<T>, text: Option<String>) -> Option<String> {
    let Some(text) = text else {
        return field.empty_means().map(str::to_owned);
    };
    if let Input::Choice(options) = field.input {
        if let Some((_, label)) = options.iter().find(|(value, _)| *value == text) {
            return Some((*label).to_owned());
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::{fields, presets, RequestClass, Users};

    fn row<'a>(rows: &'a [InputRow], key: &str) -> Option<&'a InputRow> {
        rows.iter().find(|r| r.key == key)
    }

    #[test]
    fn scenario_fields_then_each_class_in_form_order() {
        let s = presets::preset_scenario("twitter").unwrap();
        let rows = rows(&s);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        let first_class = keys.iter().position(|k| k.starts_with("classes.")).unwrap();
        assert!(keys[..first_class].iter().all(|k| !k.contains('.')));
        assert_eq!(keys[first_class], "classes.0.kind");
        let last_scenario = SCENARIO_FIELDS
            .iter()
            .rev()
            .find(|f| f.is_active(&s))
            .unwrap();
        assert_eq!(keys[first_class - 1], last_scenario.key);
        // Class 1's rows all come before class 2's.
        let class_of = |k: &str| k.split('.').nth(1).map(|n| n.parse::<usize>().unwrap());
        let classes: Vec<usize> = keys.iter().filter_map(|k| class_of(k)).collect();
        assert!(classes.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        assert_eq!(classes.last(), Some(&(s.classes.len() - 1)));
        assert!(row(&rows, "name").is_none() && row(&rows, "classes.0.name").is_none());
        // Nothing is drawn: the Monte Carlo's settings do not apply.
        assert!(row(&rows, "samples").is_none() && row(&rows, "seed").is_none());
    }

    #[test]
    fn choices_read_as_the_form_shows_them() {
        let s = presets::preset_scenario("photo-uploads").unwrap();
        let rows = rows(&s);
        assert_eq!(row(&rows, "users_by").unwrap().value, "daily active users");
        assert_eq!(
            row(&rows, "classes.0.per").unwrap().value,
            "per user per day"
        );
        assert_eq!(row(&rows, "classes.0.kind").unwrap().value, "write");
        assert_eq!(
            row(&rows, "classes.0.per").unwrap().label,
            "upload photo: Counted"
        );
    }

    #[test]
    fn inactive_fields_are_left_out() {
        let mut s = Scenario {
            users: Users::Daily { daily_active: 10e6 },
            classes: vec![
                RequestClass::read("view", 10.0, 1e3),
                RequestClass::write("post", 1.0, 1e3),
            ],
            ..Scenario::default()
        };
        let rows = rows(&s);
        assert!(row(&rows, "dau").is_some());
        assert!(row(&rows, "mau").is_none(), "users are given daily");
        assert!(row(&rows, "dau_share").is_none());
        assert!(
            row(&rows, "classes.0.stored").is_none(),
            "a read stores nothing"
        );
        assert_eq!(
            row(&rows, "classes.1.stored").unwrap().value,
            "same as bytes in"
        );
        fields::set_scenario_field(&mut s, "users_by", "monthly").unwrap();
        let rows = super::rows(&s);
        assert!(row(&rows, "dau").is_none());
        assert!(row(&rows, "mau").is_some());
    }

    #[test]
    fn a_ranged_value_shows_its_range() {
        let mut s = presets::preset_scenario("photo-uploads").unwrap();
        fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
        fields::set_class_field(&mut s, 0, "in", "1MB..5MB").unwrap();
        let rows = rows(&s);
        assert_eq!(row(&rows, "dau").unwrap().value, "1 M to 10 M");
        assert_eq!(row(&rows, "samples").unwrap().value, "10,000");
        assert_eq!(row(&rows, "seed").unwrap().value, "1");
        assert_eq!(row(&rows, "classes.0.in").unwrap().value, "1 MB to 5 MB");
    }

    #[test]
    fn classes_without_or_sharing_a_name_are_told_apart() {
        let s = Scenario {
            classes: vec![
                RequestClass::read("read", 1.0, 1.0),
                RequestClass::read(" read ", 1.0, 1.0),
                RequestClass::read("", 1.0, 1.0),
            ],
            ..Scenario::default()
        };
        assert_eq!(class_title(&s, 0), "read (request class 1)");
        assert_eq!(class_title(&s, 1), "read (request class 2)");
        assert_eq!(class_title(&s, 2), "Request class 3");
        assert_eq!(class_title(&s, 7), "Request class 8");
        let rows = rows(&s);
        assert_eq!(
            row(&rows, "classes.2.in").unwrap().label,
            "Request class 3: Bytes in"
        );
    }
}
