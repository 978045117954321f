//! Fields set on the command line over the loaded scenario: `--set KEY=VALUE`
//! (repeatable; a number field also takes a range, `--set dau=1M..10M`),
//! `--seed N` and `--samples N`. Every value goes through the core's field
//! table, so it is read, range-checked and named exactly as a share link's or
//! the web form's.

use envelope_core::fields::{self, Input};
use envelope_core::{InputError, Scenario};

use crate::error::CliError;

/// `KEY=VALUE` split at its first `=`; clap calls this for each `--set`.
pub fn parse_assignment(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!(
            "'{text}' is not KEY=VALUE; write e.g. dau=10M, dau=1M..10M or c0.in=3MB"
        )),
    }
}

/// Where a `--set` key points.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// A scenario field: `dau`, `peak`, `seed`.
    Scenario(String),
    /// A field of request class `index`: `c0.in` or `classes.0.in`.
    Class(usize, String),
}

/// Reads a key: a share link's (`dau`, `c0.in`) or an error report's
/// (`classes.0.in`).
fn target(key: &str) -> Target {
    let class = key
        .strip_prefix("classes.")
        .or_else(|| key.strip_prefix('c'))
        .and_then(|rest| rest.split_once('.'))
        .filter(|(index, _)| !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|(index, field)| Some((index.parse::<usize>().ok()?, field)));
    match class {
        Some((index, field)) => Target::Class(index, field.to_owned()),
        None => Target::Scenario(key.to_owned()),
    }
}

/// Whether `target` is a choice (`users_by`, `bytes`, `c0.kind`): choices are
/// applied before numbers, as in a share link, because they decide which
/// fields apply and what `KB` means.
fn is_choice(target: &Target) -> bool {
    let input = match target {
        Target::Scenario(key) => fields::scenario_field(key).map(|f| f.input),
        Target::Class(_, key) => fields::class_field(key).map(|f| f.input),
    };
    matches!(input, Some(Input::Choice(_)))
}

/// Whether the field `target` names applies to `s` as it now is.
fn is_active(s: &Scenario, target: &Target) -> bool {
    match target {
        Target::Scenario(key) => fields::scenario_field(key).is_none_or(|f| f.is_active(s)),
        Target::Class(index, key) => match (fields::class_field(key), s.classes.get(*index)) {
            (Some(f), Some(class)) => f.is_active(class),
            _ => true,
        },
    }
}

/// Applies `--set` assignments in their order, choices first, then `--seed`
/// and `--samples`. Every bad value is reported (exit status 2), each naming
/// its field; on success, gives a warning for each field that does not
/// apply to the scenario (say `mau` while users are given daily).
pub fn apply(
    s: &mut Scenario,
    set: &[(String, String)],
    seed: Option<&str>,
    samples: Option<&str>,
) -> Result<Vec<(String, String)>, CliError> {
    let mut assignments: Vec<(Target, &str, &str)> = set
        .iter()
        .map(|(key, value)| (target(key), key.as_str(), value.as_str()))
        .collect();
    assignments.sort_by_key(|(t, _, _)| !is_choice(t));
    for (key, value) in [("seed", seed), ("samples", samples)] {
        if let Some(value) = value {
            assignments.push((Target::Scenario(key.to_owned()), key, value));
        }
    }
    let mut errors: Vec<InputError> = Vec::new();
    for (target, key, value) in &assignments {
        let result = match target {
            Target::Scenario(field) => fields::set_scenario_field(s, field, value),
            Target::Class(index, field) => fields::set_class_field(s, *index, field, value),
        };
        if let Err(mut e) = result {
            if e.message.starts_with("unknown field") {
                e.field = (*key).to_owned();
                e.message.push_str(
                    "; use a share link's keys: dau, peak, retention, ..., c0.in, c1.count \
                     (docs/share-links.md)",
                );
            }
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(CliError::fields(&errors));
    }
    Ok(assignments
        .iter()
        .filter(|(target, _, _)| !is_active(s, target))
        .map(|(_, key, _)| {
            (
                (*key).to_owned(),
                "does not apply to this scenario, so it is ignored".to_owned(),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(set: &[(&str, &str)]) -> Result<Scenario, CliError> {
        let mut s = Scenario::default();
        let set: Vec<(String, String)> = set
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        apply(&mut s, &set, None, None).map(|_| s)
    }

    #[test]
    fn assignments_split_at_the_first_equals_sign() {
        assert_eq!(
            parse_assignment("name=a=b"),
            Ok(("name".into(), "a=b".into()))
        );
        assert_eq!(
            parse_assignment(" dau =1M..10M"),
            Ok(("dau".into(), "1M..10M".into()))
        );
        assert!(parse_assignment("dau").is_err());
        assert!(parse_assignment("=3").is_err());
    }

    #[test]
    fn keys_name_scenario_or_class_fields() {
        assert_eq!(target("dau"), Target::Scenario("dau".into()));
        assert_eq!(target("c1.in"), Target::Class(1, "in".into()));
        assert_eq!(target("classes.12.out"), Target::Class(12, "out".into()));
        assert_eq!(target("cache_hot"), Target::Scenario("cache_hot".into()));
        assert_eq!(
            target("compression"),
            Target::Scenario("compression".into())
        );
        assert_eq!(target("c+1.in"), Target::Scenario("c+1.in".into()));
    }

    #[test]
    fn ranges_points_and_class_fields() {
        let s = applied(&[("dau", "1M..10M"), ("c1.out", "90KB to 110KB")]).unwrap();
        let keys: Vec<&str> = s
            .uncertainty
            .ranges
            .iter()
            .map(|r| r.field.as_str())
            .collect();
        assert_eq!(keys, ["dau", "classes.1.out"]);
        let s = applied(&[("dau", "1M..10M"), ("dau", "2M")]).unwrap();
        assert!(s.uncertainty.ranges.is_empty(), "a point replaces a range");
        assert_eq!(s.users.daily_active(), 2e6);
    }

    #[test]
    fn choices_apply_first() {
        let s = applied(&[("c0.in", "1KB"), ("bytes", "iec")]).unwrap();
        assert_eq!(s.classes[0].bytes_in, 1024.0);
    }

    #[test]
    fn every_bad_value_is_named() {
        let e = applied(&[("dau", "10M..1M"), ("nope", "3"), ("c7.in", "1KB")]).unwrap_err();
        let lines: Vec<&str> = e.message.lines().collect();
        assert_eq!(lines.len(), 3, "{}", e.message);
        assert!(lines[0].starts_with("dau: Daily active users: the low end"));
        assert!(lines[1].starts_with("nope: unknown field 'nope'"));
        assert!(lines[2].starts_with("classes.7.in: "), "{}", lines[2]);
    }

    #[test]
    fn seed_and_samples_go_through_the_field_table() {
        let mut s = Scenario::default();
        apply(&mut s, &[], Some("7"), Some("20k")).unwrap();
        assert_eq!((s.uncertainty.seed, s.uncertainty.samples), (7, 20_000));
        let e = apply(&mut s, &[], None, Some("50")).unwrap_err();
        assert!(e.message.starts_with("samples: Samples: "), "{}", e.message);
    }

    #[test]
    fn inactive_fields_are_warned_about() {
        let mut s = Scenario::default();
        let set = vec![("mau".to_owned(), "100M".to_owned())];
        let warnings = apply(&mut s, &set, None, None).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, "mau");
    }
}
