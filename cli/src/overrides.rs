//! Fields set on the command line over the loaded scenario: `--set KEY=VALUE`
//! (repeatable; a number field also takes a range, `--set dau=1M..10M`, and
//! `--set classes=N` adds or removes request classes), `--seed N` and
//! `--samples N`. They are pairs for the core's one edit path,
//! [`fields::apply`], so every value is read, range-checked and named exactly
//! as a share link's or the web form's.

use envelope_core::fields::{self, Inactive, KeyError};
use envelope_core::{InputError, Scenario};

use crate::error::CliError;

/// `KEY=VALUE` split at its first `=`; clap calls this for each `--set`.
pub fn parse_assignment(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!(
            "'{}' is not KEY=VALUE; write e.g. dau=10M, dau=1M..10M or c0.in=3MB",
            envelope_core::text::displayable(text)
        )),
    }
}

/// The pairs to apply: `--set` assignments in their order, then `--seed` and
/// `--samples` (so they win over a `--set seed=...`).
fn pairs<'a>(
    set: &'a [(String, String)],
    seed: Option<&'a str>,
    samples: Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    let mut pairs: Vec<(&str, &str)> = set.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for (key, value) in [("seed", seed), ("samples", samples)] {
        if let Some(value) = value {
            pairs.push((key, value));
        }
    }
    pairs
}

/// Applies `--set` assignments (choices first, as in a share link), then
/// `--seed` and `--samples`. Every bad value is reported (exit status 2),
/// each naming its field; on success, gives a warning for each field that
/// does not apply to the scenario (say `mau` while users are given daily),
/// which is left as it was.
pub fn apply(
    s: &mut Scenario,
    set: &[(String, String)],
    seed: Option<&str>,
    samples: Option<&str>,
) -> Result<Vec<(String, String)>, CliError> {
    let pairs = pairs(set, seed, samples);
    let applied = fields::apply(std::mem::take(s), &pairs, Inactive::Ignore);
    *s = applied.scenario;
    if !applied.errors.is_empty() {
        let errors: Vec<InputError> = applied
            .errors
            .into_iter()
            .map(|refused| {
                let mut e = refused.error;
                if matches!(refused.bad_key, Some(KeyError::Unknown(_))) {
                    e.message.push_str(
                        "; use a share link's keys: dau, peak, retention, ..., c0.in, c1.count, \
                         or a follow-up calculator's: bloom.items, quorum.replicas, ... \
                         (docs/share-links.md)",
                    );
                }
                e
            })
            .collect();
        return Err(CliError::fields(&errors));
    }
    Ok(applied
        .warnings
        .iter()
        .map(|ignored| {
            (
                pairs[ignored.pair].0.to_owned(),
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
        use envelope_core::fields::FieldKey;
        let id = |key: &str| FieldKey::parse(key).map(|k| k.id());
        assert_eq!(id("dau"), Ok("dau".into()));
        assert_eq!(id("c1.in"), Ok("classes.1.in".into()));
        assert_eq!(id("classes.12.out"), Ok("classes.12.out".into()));
        assert_eq!(id("cache_hot"), Ok("cache_hot".into()));
        assert_eq!(id("compression"), Ok("compression".into()));
        // Not class 1's bytes in: one spelling per field.
        assert!(id("c+1.in").is_err());
    }

    #[test]
    fn classes_are_added_and_removed() {
        let s = applied(&[("classes", "3"), ("c2.name", "third"), ("c2.kind", "write")]).unwrap();
        assert_eq!(s.classes.len(), 3);
        assert_eq!(s.classes[2].name, "third");
        assert_eq!(s.classes[..2], Scenario::default().classes[..]);
        // `classes` comes first, so a class removed takes its range along.
        let mut s = applied(&[("c1.out", "1KB..5KB")]).unwrap();
        apply(&mut s, &[("classes".into(), "1".into())], None, None).unwrap();
        assert_eq!(s.classes, Scenario::default().classes[..1]);
        assert!(
            s.uncertainty.ranges.is_empty(),
            "the range went with its class"
        );
        let e = applied(&[("classes", "0")]).unwrap_err();
        assert_eq!(
            e.message,
            "classes: Request classes: must be 1 to 100 (got 0)"
        );
    }

    #[test]
    fn a_non_canonical_key_is_named() {
        let e = applied(&[("c01.in", "1KB")]).unwrap_err();
        assert_eq!(
            e.message,
            "c01.in: write 'c1.in': class numbers have no leading zeros or signs"
        );
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
