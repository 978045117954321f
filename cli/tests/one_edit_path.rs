//! Share links, `--set` and the web form's texts are three ways of writing
//! `key = text` pairs, and all three go through the core's one edit path,
//! `envelope_core::fields::apply`: the same pairs give the same scenario, the
//! same errors and the same ignored fields whichever way they come in.

use std::process::{Command, Output};

use envelope_core::fields::{self, Applied, Inactive, KeyError, CLASS_FIELDS, SCENARIO_FIELDS};
use envelope_core::{link, Scenario};

/// Every kind of field: a name, choices written after the fields they
/// govern, points and ranges, two classes in full, a field that a choice
/// switches off (`dau` with users given monthly), a bad value (`peak`), and
/// the follow-up calculators' inputs: numbers with units read under the
/// pairs' conventions, a whole number, a choice, the latency steps, and a
/// bad one (`bloom.false_positive_rate`); and the page's settings: a bad
/// availability target, a system and interview mode.
const PAIRS: &[(&str, &str)] = &[
    ("name", "Shop"),
    ("mau", "50M"),
    ("dau", "7M"),
    ("dau_share", "20%"),
    ("users_by", "monthly"),
    ("retention", "90d"),
    ("replication", "2..4"),
    ("peak", "abc"),
    ("growth", "-10%..30%"),
    ("day", "100000"),
    ("classes", "2"),
    ("c0.name", "upload"),
    ("c0.stored", "1MB"),
    ("c0.kind", "write"),
    ("c0.count", "3"),
    ("c0.per", "user_day"),
    ("c0.in", "2KB..4KB"),
    ("c0.out", "1KB"),
    ("c1.name", "view"),
    ("c1.kind", "read"),
    ("c1.count", "50"),
    ("c1.per", "write"),
    ("c1.in", "1KB"),
    ("c1.out", "100KB to 300KB"),
    ("bloom.items", "1 bn"),
    ("bloom.false_positive_rate", "0%"),
    ("shards.data_bytes", "10TB"),
    ("quorum.replicas", "5"),
    ("backoff.jitter", "equal"),
    ("latency.steps", "memory:2, disk_seek"),
    ("ids.tick_seconds", "1ms"),
    ("availability.target", "100%"),
    (
        "availability.system",
        "lb 99.99%;app server 99.9% x3 any; db 99.95% 2OF3",
    ),
    ("interview", "on"),
];

/// What the core makes of `pairs` over the default scenario, as `--set`
/// and the form ask for it.
fn core(pairs: &[(&str, &str)]) -> Applied {
    fields::apply(Scenario::default(), pairs, Inactive::Ignore)
}

fn envelope(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_envelope"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the envelope binary runs")
}

/// `envelope scenario v=1 --set k=v ...`: the default scenario with `pairs`.
fn cli(pairs: &[(&str, &str)]) -> Output {
    let mut args = vec!["scenario".to_owned(), "v=1".to_owned()];
    for (key, value) in pairs {
        args.push("--set".to_owned());
        args.push(format!("{key}={value}"));
    }
    envelope(&args)
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The pairs as a share link's query.
fn query(pairs: &[(&str, &str)]) -> String {
    let encode = |text: &str| text.replace('%', "%25").replace(' ', "%20");
    let parts: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    format!("v=1&{}", parts.join("&"))
}

/// What the web form does with `pairs` typed over the default scenario: its
/// texts are every field's, the typed ones and the rest as the form shows
/// them, and its rows are the scenario's classes.
fn form(pairs: &[(&str, &str)]) -> Applied {
    let base = Scenario::default();
    let typed = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| (*v).to_owned())
    };
    let scenario_texts: Vec<(String, String)> = SCENARIO_FIELDS
        .iter()
        .map(|f| {
            let shown = fields::scenario_field_text(&base, f.key).unwrap_or_default();
            (f.key.to_owned(), typed(f.key).unwrap_or(shown))
        })
        .collect();
    let class_texts: Vec<Vec<(String, String)>> = (0..base.classes.len())
        .map(|i| {
            CLASS_FIELDS
                .iter()
                .map(|f| {
                    let shown = fields::class_field_text(&base, i, f.key).unwrap_or_default();
                    let key = format!("c{i}.{}", f.key);
                    (f.key.to_owned(), typed(&key).unwrap_or(shown))
                })
                .collect()
        })
        .collect();
    let settings = pairs_typed(pairs, |k| fields::Setting::from_key(k).is_some());
    let mut pairs = fields::form_pairs(&scenario_texts, &class_texts);
    // The follow-up questions' inputs: each one typed is an override (one
    // left as prefilled is not sent, so it keeps following the scenario).
    for f in fields::FOLLOWUP_FIELDS {
        if let Some(text) = typed(f.key) {
            pairs.push((f.key.to_owned(), text));
        }
    }
    // The availability section and interview mode: each one typed, in
    // the order typed (the section sends its text as it changes).
    pairs.extend(settings);
    fields::apply(base, &pairs, Inactive::Ignore)
}

/// The pairs whose key `keep` accepts, in order, duplicates and all.
fn pairs_typed(pairs: &[(&str, &str)], keep: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(k, _)| keep(k))
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn the_pairs_are_what_the_test_means_them_to_be() {
    let applied = core(PAIRS);
    let refused: Vec<&str> = applied.errors.iter().map(|e| PAIRS[e.pair].0).collect();
    assert_eq!(
        refused,
        ["peak", "bloom.false_positive_rate", "availability.target"]
    );
    let ignored: Vec<&str> = applied.warnings.iter().map(|w| PAIRS[w.pair].0).collect();
    assert_eq!(ignored, ["dau"]);
    let s = &applied.scenario;
    assert_eq!(s.classes.len(), 2);
    assert_eq!(s.classes[0].bytes_stored, Some(1e6), "kind applies first");
    assert_eq!(s.uncertainty.ranges.len(), 4);
    let set: Vec<&str> = s.followup.iter().map(|(key, _)| key).collect();
    assert_eq!(
        set,
        [
            "backoff.jitter",
            "bloom.items",
            "ids.tick_seconds",
            "latency.steps",
            "quorum.replicas",
            "shards.data_bytes"
        ]
    );
    assert_eq!(s.availability.target, None);
    // Kept in its one text form.
    assert_eq!(
        s.availability.system.as_deref(),
        Some("lb 99.99%; app server 99.9% x3 any; db 99.95% 2of3")
    );
    assert!(s.interview);
    assert!(fields::validate(s).is_empty());
}

#[test]
fn a_share_link_applies_the_pairs_as_the_core_does() {
    let expected = core(PAIRS);
    let decoded = link::decode(&query(PAIRS));
    assert_eq!(decoded.scenario, expected.scenario);
    // Link warnings are in link order: refused and ignored pairs together.
    let mut words: Vec<(usize, String, String)> = expected
        .errors
        .iter()
        .map(|e| (e.pair, PAIRS[e.pair].0.to_owned(), e.error.message.clone()))
        .collect();
    for w in &expected.warnings {
        let hint = w.field.applies_with(&expected.scenario).unwrap();
        let message = format!(
            "{}: ignored, as it applies only with {hint}",
            w.field.label()
        );
        words.push((w.pair, PAIRS[w.pair].0.to_owned(), message));
    }
    words.sort();
    let expected_warnings: Vec<(String, String)> =
        words.into_iter().map(|(_, key, m)| (key, m)).collect();
    let warnings: Vec<(String, String)> = decoded
        .warnings
        .into_iter()
        .map(|w| (w.key, w.message))
        .collect();
    assert_eq!(warnings, expected_warnings);
}

#[test]
fn set_applies_the_pairs_as_the_core_does() {
    let expected = core(PAIRS);
    // Any refused pair fails the command, naming each.
    let o = cli(PAIRS);
    assert_eq!(o.status.code(), Some(2));
    let errors: Vec<String> = expected
        .errors
        .iter()
        .map(|e| format!("error: {}: {}", e.error.field, e.error.message))
        .collect();
    assert_eq!(lines(&o.stderr), errors);
    // Without them, the scenario is the core's, and each ignored pair is a
    // warning.
    let good: Vec<(&str, &str)> = PAIRS
        .iter()
        .enumerate()
        .filter(|(at, _)| expected.errors.iter().all(|e| e.pair != *at))
        .map(|(_, pair)| *pair)
        .collect();
    let expected = core(&good);
    let o = cli(&good);
    assert!(o.status.success(), "{:?}", lines(&o.stderr));
    let scenario: Scenario = serde_json::from_slice(&o.stdout).expect("a scenario");
    assert_eq!(scenario, expected.scenario);
    assert_eq!(
        scenario,
        core(PAIRS).scenario,
        "a refused pair changes nothing"
    );
    let warnings: Vec<String> = expected
        .warnings
        .iter()
        .map(|w| {
            format!(
                "warning: {}: does not apply to this scenario, so it is ignored",
                good[w.pair].0
            )
        })
        .collect();
    assert_eq!(lines(&o.stderr), warnings);
}

#[test]
fn the_form_applies_the_pairs_as_the_core_does() {
    let expected = core(PAIRS);
    let applied = form(PAIRS);
    assert_eq!(applied.scenario, expected.scenario);
    let errors = |a: &Applied| a.errors.iter().map(|e| e.error.clone()).collect::<Vec<_>>();
    assert_eq!(errors(&applied), errors(&expected));
    // The form has a text for every field; of the fields typed, the same
    // are ignored. (The others that do not apply, such as the busiest-hour
    // share, are ignored too, unseen: the form greys them out.)
    let typed = |key: &str| {
        PAIRS
            .iter()
            .any(|(k, _)| fields::FieldKey::parse(k) == fields::FieldKey::parse(key))
    };
    let form_pairs: Vec<String> = applied
        .warnings
        .iter()
        .map(|w| w.field.id())
        .filter(|id| typed(id))
        .collect();
    let core_pairs: Vec<String> = expected.warnings.iter().map(|w| w.field.id()).collect();
    assert_eq!(form_pairs, core_pairs);
}

/// A class key has one spelling: `c01.in` is refused everywhere, naming
/// `c1.in`; a link skips it with a warning, `--set` fails.
#[test]
fn a_non_canonical_key_is_refused_everywhere() {
    let pairs = [("c01.in", "5KB")];
    let applied = core(&pairs);
    assert_eq!(applied.scenario, Scenario::default());
    assert!(matches!(
        &applied.errors[0].bad_key,
        Some(KeyError::NotCanonical { canonical, .. }) if canonical == "c1.in"
    ));
    let decoded = link::decode(&query(&pairs));
    assert_eq!(decoded.scenario, Scenario::default());
    let warnings: Vec<String> = decoded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings, ["ignored 'c01.in'"]);
    let o = cli(&pairs);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        lines(&o.stderr),
        ["error: c01.in: write 'c1.in': class numbers have no leading zeros or signs"]
    );
    // The id spelling errors use is the same field, in a link and in --set.
    assert_eq!(link::decode("classes.0.in=5KB"), link::decode("c0.in=5KB"));
    let o = cli(&[("classes.1.in", "5KB")]);
    assert_eq!(o.stdout, cli(&[("c1.in", "5KB")]).stdout);
    assert_eq!(
        core(&[("classes.1.in", "5KB")]).scenario.classes[1].bytes_in,
        5e3
    );
}
