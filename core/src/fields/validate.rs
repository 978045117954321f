//! Whether a scenario is fit to estimate: every field within its allowed
//! values, one to [`MAX_CLASSES`] request classes, and every range on a
//! field that takes one, and a Monte Carlo within [`WORK_BUDGET`]. Problems
//! are [`InputError`]s, each naming its field.

use super::class_table::{CLASS_FIELDS, MAX_CLASSES};
use super::combined::{check_growth, Blame};
use super::field::{shorten, Field};
use super::followup_table::followup_field;
use super::key::{class_field_key, class_label, class_number, FieldKey};
use super::scenario_table::{MAX_SEED, SCENARIO_FIELDS};
use crate::scenario::{InputRange, MAX_RANGES, MAX_RATIO_REQUESTS_PER_DAY, WORK_BUDGET};
use crate::{format, model, text, Frequency, Scenario};

/// A problem with one field of a scenario.
///
/// ```
/// use envelope_core::{estimate, Scenario};
/// let mut s = Scenario::default();
/// s.storage.replication = 0.0;
/// let errors = estimate(&s).unwrap_err();
/// assert_eq!(errors[0].field, "replication");
/// assert_eq!(errors[0].to_string(), "Replication factor: must be at least 1x (got 0x)");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// The field's stable key: `dau`, `classes.1.in` (see [`crate::fields`]).
    pub field: String,
    /// The field's label, the problem and how to fix it:
    /// `Request class 2 bytes in: unknown unit "XB"; try KB, MB, ...`.
    pub message: String,
}

impl InputError {
    pub(crate) fn new(field: &str, label: &str, problem: String) -> InputError {
        InputError {
            field: field.to_owned(),
            message: format!("{label}: {problem}"),
        }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// Checks every field of a scenario against its range, and the scenario as a
/// whole (at least one request class, at most [`MAX_CLASSES`]; the data's
/// growth over its retention at most [`super::MAX_GROWTH_FACTOR`]-fold; with
/// ranges, samples x figures within [`WORK_BUDGET`]).
///
/// ```
/// use envelope_core::{fields, Scenario};
/// let mut s = Scenario::default();
/// fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
/// s.classes.resize(100, Default::default());
/// s.uncertainty.samples = 1_000_000;
/// let errors = fields::validate(&s);
/// assert_eq!(errors[0].field, "samples");
/// assert!(errors[0].message.starts_with("Samples: 1,000,000 samples x 547 figures is over"));
/// ```
pub fn validate(s: &Scenario) -> Vec<InputError> {
    let mut errors = Vec::new();
    for field in SCENARIO_FIELDS {
        if let Err(problem) = field.validate(s) {
            errors.push(InputError::new(field.key, field.label, problem));
        }
    }

    if s.classes.is_empty() {
        errors.push(InputError::new(
            "classes",
            "Request classes",
            "add at least one request class".to_owned(),
        ));
    }
    if s.classes.len() > MAX_CLASSES {
        errors.push(InputError::new(
            "classes",
            "Request classes",
            format!(
                "at most {MAX_CLASSES} request classes (got {})",
                s.classes.len()
            ),
        ));
    }
    for (index, class) in s.classes.iter().enumerate().take(MAX_CLASSES) {
        for field in CLASS_FIELDS {
            if let Err(problem) = field.validate(class) {
                errors.push(InputError::new(
                    &class_field_key(index, field.key),
                    &class_label(index, field.label),
                    problem,
                ));
            }
        }
    }
    errors.extend(ratio_errors(s).into_iter().map(|(_, e)| e));
    if s.uncertainty.seed > MAX_SEED as u64 && s.uncertainty.seed as f64 <= MAX_SEED {
        // The field check sees the seed as f64, which rounds 2^53 + 1 down.
        errors.push(InputError::new(
            "seed",
            "Random seed",
            format!(
                "must be at most {} (got {})",
                MAX_SEED as u64, s.uncertainty.seed
            ),
        ));
    }
    validate_ranges(s, &mut errors);
    validate_followup(s, &mut errors);
    for setting in super::SETTINGS {
        if let Err(problem) = setting.check(s) {
            errors.push(InputError::new(setting.key(), setting.label(), problem));
        }
    }
    // Growth and retention together, once each is fine on its own (its
    // ranges too: the check reads their medians).
    let growth_fields_valid = !errors
        .iter()
        .any(|e| e.field == Blame::Growth.key() || e.field == Blame::Retention.key());
    if growth_fields_valid {
        errors.extend(check_growth(s, Blame::Retention));
    }
    if errors.is_empty() {
        // The figures are counted by running the model, which wants a
        // scenario that is otherwise valid.
        errors.extend(over_budget(s).map(|(_, error)| error));
    }
    errors
}

/// When `s` (valid but for this) has ranges and more samples x figures than
/// [`WORK_BUDGET`]: the most samples that fit, and the error naming the
/// samples field.
pub(crate) fn over_budget(s: &Scenario) -> Option<(u32, InputError)> {
    if s.uncertainty.ranges.is_empty() {
        // No ranges, no simulation: the samples cost nothing.
        return None;
    }
    let figures = model::figure_count(s).max(1) as u64;
    let samples = u64::from(s.uncertainty.samples);
    if samples * figures <= WORK_BUDGET {
        return None;
    }
    // Over MIN_SAMPLES even with the most classes (a test checks it).
    let most = (WORK_BUDGET / figures) as u32;
    let problem = format!(
        "{} samples x {figures} figures is over the work budget of {} values; use at most {} samples or fewer request classes",
        format::number(samples as f64),
        format::number(WORK_BUDGET as f64),
        format::number(f64::from(most)),
    );
    Some((most, InputError::new("samples", "Samples", problem)))
}

/// Brings a scenario's samples within [`WORK_BUDGET`], for the edit path
/// ([`super::apply`]) whose scenario must always validate: the samples drop
/// to the most that fit, and the error says so.
pub(crate) fn fit_work_budget(s: &mut Scenario) -> Option<InputError> {
    // Only the budget's error, not another one on the same field; without
    // ranges there is none (and no need to validate on every edit).
    if s.uncertainty.ranges.is_empty() || !matches!(&validate(s)[..], [e] if e.field == "samples") {
        return None;
    }
    let (most, error) = over_budget(s)?;
    s.uncertainty.samples = most;
    Some(error)
}

/// Checks each range: a known number field that applies and takes ranges,
/// given once, both ends allowed values, low <= high.
/// Ratios to a named class ("100 per tweet", "1 upload per 200 views"):
/// the name must pick one other class, "one per" needs a count above 0, and
/// the ratios must not go round in a circle. Each error is on the `of` (or
/// the count) of the class that counts per another, with that class's index.
pub(crate) fn ratio_errors(s: &Scenario) -> Vec<(usize, InputError)> {
    let classes = &s.classes[..s.classes.len().min(MAX_CLASSES)];
    let error = |index: usize, key: &str, problem: String| {
        let label = super::class_field(key).map_or("", |f| f.label);
        (
            index,
            InputError::new(
                &class_field_key(index, key),
                &class_label(index, label),
                problem,
            ),
        )
    };
    let mut errors = Vec::new();
    for (index, class) in classes.iter().enumerate() {
        if !class.frequency.is_ratio_to_class() {
            continue;
        }
        let name = shorten(&text::displayable(class.of.trim()));
        let problem = if name.is_empty() {
            Some("name the class this is counted per, e.g. tweet".to_owned())
        } else {
            let same = classes
                .iter()
                .filter(|k| k.name.trim().eq_ignore_ascii_case(class.of.trim()))
                .count();
            match (same, crate::class_named(classes, &class.of)) {
                (0, _) => Some(format!("no request class is named \"{name}\"")),
                (_, None) => Some(format!(
                    "{same} request classes are named \"{name}\"; rename all but one"
                )),
                (_, Some(k)) if k == index => {
                    Some("a class cannot be counted per its own requests".to_owned())
                }
                _ => None,
            }
        };
        if let Some(problem) = problem {
            errors.push(error(index, "of", problem));
        }
        if class.frequency == Frequency::OnePer(0.0) {
            errors.push(error(
                index,
                "count",
                "one per 0 requests is no rate: give how many requests of the other class make one of these".to_owned(),
            ));
        }
    }
    if !errors.is_empty() {
        return errors;
    }
    let per_day = crate::requests_per_day_of_each(classes, s.users.daily_active(), &s.conventions);
    for (index, class) in classes.iter().enumerate() {
        if per_day[index].is_none() && class.frequency.is_ratio_to_class() {
            let name = shorten(&text::displayable(class.of.trim()));
            errors.push(error(
                index,
                "of",
                format!("\"{name}\" is counted back from this class (the ratios go round in a circle): give one of them its own count"),
            ));
        } else if class.frequency.is_ratio_to_class()
            && per_day[index].is_some_and(|v| v >= MAX_RATIO_REQUESTS_PER_DAY)
        {
            errors.push(error(
                index,
                "count",
                "the ratios multiply to 10^42 requests a day or more; at most 10^42".to_owned(),
            ));
        }
    }
    errors
}

fn validate_ranges(s: &Scenario, errors: &mut Vec<InputError>) {
    let ranges = &s.uncertainty.ranges;
    if ranges.len() > MAX_RANGES {
        errors.push(InputError::new(
            "ranges",
            "Ranges",
            format!(
                "at most {MAX_RANGES} inputs may be ranges (got {})",
                ranges.len()
            ),
        ));
    }
    for (position, r) in ranges.iter().enumerate().take(MAX_RANGES) {
        let key = r.field.as_str();
        let inactive = || Err("the field does not apply to this scenario".to_owned());
        let checked = match FieldKey::from_id(key) {
            Some(FieldKey::Scenario(field)) => {
                let result = if field.is_active(s) {
                    check_range(field, r)
                } else {
                    inactive()
                };
                (field.label.to_owned(), result)
            }
            Some(FieldKey::Class(index, field)) => match s.classes.get(index) {
                Some(class) if field.is_active(class) => {
                    (class_label(index, field.label), check_range(field, r))
                }
                Some(_) => (class_label(index, field.label), inactive()),
                None => (
                    format!("Range on '{}'", shorten(key)),
                    Err(format!("there is no request class {}", class_number(index))),
                ),
            },
            Some(FieldKey::ClassCount | FieldKey::Followup(_) | FieldKey::Setting(_)) | None => (
                format!("Range on '{}'", shorten(key)),
                Err("no such field".to_owned()),
            ),
        };
        let duplicate = ranges[..position]
            .iter()
            .any(|earlier| earlier.field == key);
        // Scenario data: a range on no field names it, shown as text.
        let key = &text::displayable(key);
        match checked {
            (label, Err(problem)) => errors.push(InputError::new(key, &label, problem)),
            (label, Ok(())) if duplicate => {
                errors.push(InputError::new(key, &label, "has two ranges".to_owned()))
            }
            _ => {}
        }
    }
}

/// Every follow-up input set is one of [`super::FOLLOWUP_FIELDS`], with a
/// value it takes. (Checks across a calculator's inputs are the
/// calculator's, when it runs.)
fn validate_followup(s: &Scenario, errors: &mut Vec<InputError>) {
    for (key, value) in s.followup.iter() {
        // Scenario data: a key that names no input is shown as text.
        match followup_field(key) {
            Some(field) => {
                if let Err(problem) = field.check_value(value) {
                    errors.push(InputError::new(field.key, field.label, problem));
                }
            }
            None => errors.push(InputError::new(
                &text::displayable(key),
                "Follow-up input",
                format!("'{}' is not one", shorten(key)),
            )),
        }
    }
}

fn check_range<T>(field: &Field<T>, r: &InputRange) -> Result<(), String> {
    if !field.takes_range() {
        return Err("takes a single value, not a range".to_owned());
    }
    field.check(r.low).map_err(|e| format!("low end {e}"))?;
    field.check(r.high).map_err(|e| format!("high end {e}"))?;
    if r.low > r.high {
        return Err("the low end is above the high end".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_on_no_field_is_named_as_text() {
        let mut s = Scenario::default();
        s.uncertainty.ranges.push(InputRange {
            field: "x\r\nerror: dau: fake\u{1b}[2J".to_owned(),
            low: 1.0,
            high: 2.0,
        });
        let errors = validate(&s);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        assert_eq!(e.field, "x\\u{d}\\u{a}error: dau: fake\\u{1b}[2J");
        assert_eq!(
            e.message,
            "Range on 'x\\u{d}\\u{a}error: dau: fake\\u{1b}[2J': no such field"
        );
    }
}
