//! Applying `key = text` pairs to a scenario: the one edit path that share
//! links, the CLI's `--set` and the web form all go through. Each of them only
//! turns its input into pairs and [`apply`]'s outcome into its own messages.
//!
//! ```
//! use envelope_core::fields::{self, Inactive};
//! use envelope_core::Scenario;
//! let pairs = [("c0.in", "2KB"), ("bytes", "iec"), ("mau", "5M"), ("peak", "abc")];
//! let applied = fields::apply(Scenario::default(), &pairs, Inactive::Ignore);
//! // Choices come first, so 2KB is read as 2 KiB.
//! assert_eq!(applied.scenario.classes[0].bytes_in, 2048.0);
//! assert_eq!(applied.errors[0].error.field, "peak");
//! assert_eq!(applied.errors[0].pair, 3);
//! // Monthly users do not apply while users are given daily.
//! assert_eq!(applied.warnings[0].pair, 2);
//! assert_eq!(
//!     applied.warnings[0].field.applies_with(&applied.scenario).as_deref(),
//!     Some("users_by=monthly")
//! );
//! ```

use super::class_table::MAX_CLASSES;
use super::combined::{check_growth, Blame};
use super::edit::{
    prune_ranges, set_class_field_unpruned, set_followup, set_scenario_field_unpruned,
};
use super::field::{shorten, Field};
use super::key::{class_pair_key, FieldKey, KeyError};
use super::scenario_table::scenario_field;
use super::validate::{fit_work_budget, InputError};
use crate::{text, Frequency, RequestClass, Scenario};

/// What [`apply`] does with a pair for a field that does not apply but
/// keeps its value meanwhile ([`super::Field::keeps_value_when_inactive`]:
/// the bytes stored of a read, kept for when it becomes a write).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inactive {
    /// It is not read, with an [`Ignored`] warning, as for any field that
    /// does not apply: an edit with no effect (the form, `--set`).
    Ignore,
    /// It is set, without a warning, so that a share link gives back exactly
    /// the scenario it was written from.
    Keep,
}

/// What [`apply`] made of the pairs.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The scenario with every good pair applied; a refused or ignored pair
    /// leaves its field as it was.
    pub scenario: Scenario,
    /// The pairs refused, in the order given.
    pub errors: Vec<Refused>,
    /// The pairs not read because their field does not apply, in the order
    /// given.
    pub warnings: Vec<Ignored>,
}

/// A pair [`apply`] refused: its key names no field, or its text is bad for
/// the field.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// Where the pair is among those given, from 0.
    pub pair: usize,
    /// Why the key names no field, when it is the key that is at fault.
    pub bad_key: Option<KeyError>,
    /// The field's id (or the key as given, when it names none, with control
    /// and text-direction characters escaped) and what is wrong.
    pub error: InputError,
}

/// A pair [`apply`] did not read because its field does not apply to the
/// scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Ignored {
    /// Where the pair is among those given, from 0.
    pub pair: usize,
    /// The field; [`FieldKey::applies_with`] says what would make it apply.
    pub field: FieldKey,
}

/// Applies `key = text` pairs to `scenario`.
///
/// Keys are read by [`FieldKey::parse`]: scenario fields (`dau`), class
/// fields (`c0.in`), `classes`, the number of request classes (1 to
/// [`MAX_CLASSES`]; classes are removed from the end or added as
/// [`RequestClass::default`]), and the follow-up calculators' inputs
/// (`bloom.items`, [`super::FOLLOWUP_FIELDS`]), and the page's settings
/// (`availability.system`, [`super::SETTINGS`]). Numbers also take ranges
/// (`1M..10M`), but for follow-up inputs, which take one value; an empty
/// text means "no value" for a field that may be left empty
/// ([`super::Field::empty_means`]), and "not set" for a follow-up input or
/// a setting.
///
/// `classes` comes first, then every choice, then the rest, each in the
/// order given: what a number means (`KB`, `y`) and whether its field
/// applies depend on the choices, wherever they are. A later pair for the
/// same field overrides an earlier one. A bad pair leaves its field as it
/// was and gives one [`Refused`]; so does a growth or retention that would
/// make the data grow more than [`super::MAX_GROWTH_FACTOR`]-fold over its
/// retention (the later of the two is refused). Samples over the Monte
/// Carlo's work budget ([`crate::uncertainty::WORK_BUDGET`]) drop to the most
/// that fit, with a [`Refused`] on the samples pair (or on the last pair,
/// when the samples were not among them; with no pairs, the scenario is as
/// given).
///
/// A pair whose field does not apply is not read, with an [`Ignored`]
/// warning, when a choice among the pairs switched the field off
/// (`users_by=monthly` and `dau`) or when setting it would not make it apply
/// (`mau` while users are given daily). Otherwise it is read: a field that
/// selects its own mode when set does (`dau` over users given monthly gives
/// daily users), and `inactive` says what becomes of a field that keeps its
/// value while it does not apply. Never panics, whatever the text.
// Not inlined: the web app calls it from the form and from the link
// decoder, and one copy of it in the wasm is enough.
#[inline(never)]
pub fn apply<K: AsRef<str>, V: AsRef<str>>(
    scenario: Scenario,
    pairs: &[(K, V)],
    inactive: Inactive,
) -> Applied {
    let before = scenario.clone();
    let mut s = scenario;
    let mut errors = Vec::new();
    // The pairs read without error, in the order applied.
    let mut set = Vec::new();
    let mut warnings = Vec::new();
    let mut keyed: Vec<(usize, FieldKey, &str)> = Vec::with_capacity(pairs.len());
    for (at, (key, text)) in pairs.iter().enumerate() {
        let key = key.as_ref();
        match FieldKey::parse(key) {
            Ok(field) => keyed.push((at, field, text.as_ref())),
            Err(e) => errors.push(Refused {
                pair: at,
                error: InputError {
                    field: text::displayable(key).into_owned(),
                    message: e.to_string(),
                },
                bad_key: Some(e),
            }),
        }
    }
    crate::sorting::sort_by_key(&mut keyed, |(_, key, _)| match key {
        FieldKey::ClassCount => 0,
        key if key.is_choice() => 1,
        _ => 2,
    });
    let keyed_samples = keyed
        .iter()
        .rev()
        .find(|(_, key, _)| matches!(key, FieldKey::Scenario(f) if f.key == "samples"))
        .map(|(at, _, _)| *at);
    let chosen: Vec<FieldKey> = keyed
        .iter()
        .map(|(_, key, _)| *key)
        .filter(FieldKey::is_choice)
        .collect();
    for (at, key, text) in keyed {
        if !is_read(&s, key, &chosen, inactive) {
            warnings.push(Ignored {
                pair: at,
                field: key,
            });
            continue;
        }
        let result = match key {
            FieldKey::ClassCount => set_class_count(&mut s, text),
            FieldKey::Scenario(field) => set_scenario_field_unpruned(&mut s, field.key, text),
            FieldKey::Class(index, field) => {
                set_class_field_unpruned(&mut s, index, field.key, text)
            }
            FieldKey::Followup(field) => set_followup(&mut s, field, text),
            FieldKey::Setting(setting) => setting
                .set(&mut s, text)
                .map_err(|problem| InputError::new(setting.key(), setting.label(), problem)),
        };
        match result {
            Ok(()) => set.push((at, key)),
            Err(error) => errors.push(Refused {
                pair: at,
                bad_key: None,
                error,
            }),
        }
    }
    refuse_runaway_growth(&before, &mut s, &set, &mut errors);
    refuse_broken_ratios(&before, &mut s, &set, pairs.len(), &mut errors);
    prune_ranges(&mut s);
    // Blamed on the samples pair, or on the last pair (the classes or ranges
    // that made the samples too many); without pairs, nothing changed here
    // and validation names the samples.
    if let Some(pair) = keyed_samples.or(pairs.len().checked_sub(1)) {
        if let Some(error) = fit_work_budget(&mut s) {
            // A pair refused already keeps its first error.
            if errors.iter().all(|e| e.pair != pair) {
                errors.push(Refused {
                    pair,
                    bad_key: None,
                    error,
                });
            }
        }
    }
    crate::sorting::sort_by_key(&mut errors, |e| e.pair);
    crate::sorting::sort_by_key(&mut warnings, |w| w.pair);
    Applied {
        scenario: s,
        errors,
        warnings,
    }
}

/// Refuses the pairs for growth and retention that make the data grow more
/// than [`super::MAX_GROWTH_FACTOR`]-fold over its retention, the one applied
/// last first, putting their fields back as they were in `before`: so the
/// scenario [`apply`] gives passes the check whenever `before` did, as a
/// share link's promises.
fn refuse_runaway_growth(
    before: &Scenario,
    s: &mut Scenario,
    set: &[(usize, FieldKey)],
    errors: &mut Vec<Refused>,
) {
    let mut restored: Vec<Blame> = Vec::new();
    for &(at, key) in set.iter().rev() {
        let blame = match key {
            FieldKey::Scenario(field) if field.key == Blame::Growth.key() => Blame::Growth,
            FieldKey::Scenario(field) if field.key == Blame::Retention.key() => Blame::Retention,
            _ => continue,
        };
        let Some(error) = check_growth(s, blame) else {
            return;
        };
        if !restored.contains(&blame) {
            restore(before, s, blame.key());
            restored.push(blame);
        }
        errors.push(Refused {
            pair: at,
            bad_key: None,
            error,
        });
    }
}

/// Refuses what leaves a class counted per another class that is not there
/// (renamed, removed, named twice) or that counts back per it: the class
/// takes back its counting from `before` or, a class that is new or was
/// broken there too, is counted per user per day; the error is laid on the
/// pair that set its `of`, else its counting, else its count, else the
/// last pair. So the scenario [`apply`] gives passes validation whenever
/// `before` did, as a share link's promises.
fn refuse_broken_ratios(
    before: &Scenario,
    s: &mut Scenario,
    set: &[(usize, FieldKey)],
    pairs: usize,
    errors: &mut Vec<Refused>,
) {
    // Each round mends a class, by its old counting (at most once each) or
    // by counting 0: at most two rounds per class.
    for _ in 0..=2 * s.classes.len() {
        let broken = super::validate::ratio_errors(s);
        let Some((index, error)) = broken.into_iter().next() else {
            return;
        };
        let blame = if error.field.ends_with(".count") {
            ["count", "per", "of"]
        } else {
            ["of", "per", "count"]
        };
        let pair = blame.iter().find_map(|name| {
            set.iter().rev().find_map(|&(at, key)| match key {
                FieldKey::Class(i, field) if i == index && field.key == *name => Some(at),
                _ => None,
            })
        });
        if let Some(pair) = pair.or(pairs.checked_sub(1)) {
            if errors.iter().all(|e| e.pair != pair) {
                errors.push(Refused {
                    pair,
                    bad_key: None,
                    error,
                });
            }
        }
        let class = &mut s.classes[index];
        let old = before
            .classes
            .get(index)
            .filter(|old| old.frequency != class.frequency || old.of != class.of);
        match old {
            Some(old) => {
                class.frequency = old.frequency;
                class.of = old.of.clone();
            }
            None => {
                class.frequency = Frequency::PerDay(0.0);
            }
        }
    }
}

/// Puts the scenario field `key` of `s`, and its range, back as in `before`.
fn restore(before: &Scenario, s: &mut Scenario, key: &str) {
    let Some(field) = scenario_field(key) else {
        return;
    };
    if let (Some(value), Some(set)) = (field.number_value(before), field.number_setter()) {
        set(s, value);
    }
    s.uncertainty.remove_range(key);
    if let Some(r) = before.uncertainty.range(key) {
        s.uncertainty.set_range(key, r.low, r.high);
    }
}

/// Whether a pair for `key` is read into `s`: when its field applies; when
/// it keeps its value while it does not and `inactive` says to keep it; or
/// when setting it makes it apply, unless a choice among the pairs (`chosen`)
/// is what switched it off.
fn is_read(s: &Scenario, key: FieldKey, chosen: &[FieldKey], inactive: Inactive) -> bool {
    let chosen_off = || {
        key.deciding_choice(s)
            .is_some_and(|(choice, _)| chosen.contains(&choice))
    };
    match key {
        FieldKey::ClassCount | FieldKey::Followup(_) | FieldKey::Setting(_) => true,
        FieldKey::Scenario(field) => reads(field, s, inactive, chosen_off),
        // A class that does not exist is for set_class_field_unpruned to name.
        FieldKey::Class(index, field) => s
            .classes
            .get(index)
            .is_none_or(|class| reads(field, class, inactive, chosen_off)),
    }
}

fn reads<T: Clone>(
    field: &Field<T>,
    target: &T,
    inactive: Inactive,
    chosen_off: impl FnOnce() -> bool,
) -> bool {
    field.is_active(target)
        || (inactive == Inactive::Keep && field.keeps_value_when_inactive())
        || (field.applies_once_set(target) && !chosen_off())
}

/// Reads `classes=N`'s text: a whole number of request classes, 1 to
/// [`MAX_CLASSES`]. The problem is worded for people.
pub(crate) fn class_count(text: &str) -> Result<usize, String> {
    let text = text.trim();
    match text.parse::<usize>() {
        Ok(n) if (1..=MAX_CLASSES).contains(&n) => Ok(n),
        Ok(n) => Err(format!("must be 1 to {MAX_CLASSES} (got {n})")),
        Err(_) => Err(format!("'{}' is not a whole number", shorten(text))),
    }
}

/// Removes classes from the end, or adds default ones, to make `text` of
/// them; ranges on removed classes go with them.
fn set_class_count(s: &mut Scenario, text: &str) -> Result<(), InputError> {
    let count = class_count(text).map_err(|problem| {
        let key = FieldKey::ClassCount;
        InputError::new(&key.id(), &key.label(), problem)
    })?;
    s.classes.resize(count, RequestClass::default());
    prune_ranges(s);
    Ok(())
}

/// The pairs a form's texts stand for: each scenario field's text under its
/// key, then `classes=N` for a table of N rows (at most [`MAX_CLASSES`] are
/// read; a table without rows adds nothing, leaving the scenario's
/// classes), then each row's texts as `c{i}.{key}`.
///
/// ```
/// use envelope_core::fields;
/// let texts = [("dau".to_owned(), "5M".to_owned())];
/// let rows = [vec![("in".to_owned(), "2KB".to_owned())]];
/// let pairs: Vec<(String, String)> = fields::form_pairs(&texts, &rows);
/// let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
/// assert_eq!(keys, ["dau", "classes", "c0.in"]);
/// ```
pub fn form_pairs(
    scenario_texts: &[(String, String)],
    class_texts: &[Vec<(String, String)>],
) -> Vec<(String, String)> {
    let rows = &class_texts[..class_texts.len().min(MAX_CLASSES)];
    let mut pairs = scenario_texts.to_vec();
    if !rows.is_empty() {
        pairs.push(("classes".to_owned(), rows.len().to_string()));
    }
    for (index, texts) in rows.iter().enumerate() {
        for (key, text) in texts {
            pairs.push((class_pair_key(index, key), text.clone()));
        }
    }
    pairs
}
