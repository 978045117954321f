//! A calculator's effective inputs: what the user set
//! ([`crate::Scenario::followup`]) over what the scenario supplies
//! ([`bloom::prefill`] and the others) over the calculator's defaults; and
//! [`run`], any calculator by name over a scenario, as the CLI's
//! `envelope tool NAME` asks.
//!
//! ```
//! use envelope_core::followup::{self, bloom, Calculator, Origin};
//! use envelope_core::{estimate_numbers, fields, Scenario};
//! let mut s = Scenario::default();
//! fields::set_followup_field(&mut s, "bloom.false_positive_rate", "0.1%").unwrap();
//! let numbers = estimate_numbers(&s).unwrap();
//! let inputs = bloom::effective(&s, &numbers);
//! assert_eq!(inputs.inputs.false_positive_rate, 0.001);
//! assert_eq!(inputs.inputs.items, 1.825e9); // from the scenario
//! let origins: Vec<_> = inputs.notes.iter().map(|n| (n.field, n.origin)).collect();
//! assert_eq!(
//!     origins,
//!     [("bloom.items", Origin::Scenario), ("bloom.false_positive_rate", Origin::Set)]
//! );
//!
//! let outcome = followup::run(Calculator::Bloom, &s, &numbers);
//! assert_eq!(outcome.section.unwrap().title, "Bloom filter");
//! ```

use super::{backoff, bloom, cache, ids, latency, quorum, shards, Note, Origin, Prefilled};
use crate::fields::{FollowupField, FOLLOWUP_FIELDS};
use crate::{FollowupValue, InputError, Numbers, Scenario, Section};

/// One of the follow-up calculators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Calculator {
    /// [`bloom`]: a Bloom filter's bits and hash functions.
    Bloom,
    /// [`ids`]: how long an ID layout lasts; random-ID collisions.
    Ids,
    /// [`quorum`]: R + W > N, failures tolerated, availability.
    Quorum,
    /// [`shards`]: shard count; consistent hashing's spread.
    Shards,
    /// [`cache`]: load behind a cache; Zipf hit ratios.
    Cache,
    /// [`latency`]: a latency budget; Little's law and M/M/c queues.
    Latency,
    /// [`backoff`]: exponential backoff with jitter; retry storms.
    Backoff,
}

impl Calculator {
    /// Every calculator, in the order the follow-up questions come.
    pub const ALL: [Calculator; 7] = [
        Calculator::Bloom,
        Calculator::Ids,
        Calculator::Quorum,
        Calculator::Shards,
        Calculator::Cache,
        Calculator::Latency,
        Calculator::Backoff,
    ];

    /// Its name and the prefix of its inputs' keys: `bloom`.
    pub fn key(self) -> &'static str {
        match self {
            Calculator::Bloom => "bloom",
            Calculator::Ids => "ids",
            Calculator::Quorum => "quorum",
            Calculator::Shards => "shards",
            Calculator::Cache => "cache",
            Calculator::Latency => "latency",
            Calculator::Backoff => "backoff",
        }
    }

    /// The calculator named `key` (`bloom`), if any.
    pub fn from_key(key: &str) -> Option<Calculator> {
        Calculator::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Its title, as its [`Section`]'s: `Bloom filter`.
    pub fn title(self) -> &'static str {
        match self {
            Calculator::Bloom => "Bloom filter",
            Calculator::Ids => "ID space",
            Calculator::Quorum => "Quorums",
            Calculator::Shards => "Shards and consistent hashing",
            Calculator::Cache => "Cache effect",
            Calculator::Latency => "Latency and queues",
            Calculator::Backoff => "Retries and backoff",
        }
    }

    /// The question it answers, in one line.
    pub fn question(self) -> &'static str {
        match self {
            Calculator::Bloom => {
                "bits and hash functions for a Bloom filter, and the rate it gives"
            }
            Calculator::Ids => {
                "how long an ID layout lasts, how fast it issues, random-ID collisions, short-code length"
            }
            Calculator::Quorum => {
                "whether R + W > N, failures tolerated, read and write availability"
            }
            Calculator::Shards => {
                "shard count and its binding limit; consistent hashing's spread and movement"
            }
            Calculator::Cache => {
                "load behind a cache; the hit ratio of a cache under Zipf popularity"
            }
            Calculator::Latency => {
                "a latency budget from the reference table; Little's law; M/M/c queueing and p99"
            }
            Calculator::Backoff => {
                "exponential backoff with jitter, and the load a retry storm adds"
            }
        }
    }

    /// Its inputs in the field table, in order.
    pub fn fields(self) -> impl Iterator<Item = &'static FollowupField> {
        FOLLOWUP_FIELDS
            .iter()
            .filter(move |f| f.calculator() == Some(self))
    }
}

/// Every calculator's inputs: what the field table's setters and getters
/// ([`FollowupField`]) read and write, so that one table serves them all.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct AllInputs {
    pub bloom: bloom::Inputs,
    pub ids: ids::Inputs,
    pub quorum: quorum::Inputs,
    pub shards: shards::Inputs,
    pub cache: cache::Inputs,
    pub latency: latency::Inputs,
    pub backoff: backoff::Inputs,
}

/// `prefilled` with every input the user set in `s` for `calculator` put
/// over it, each with a [`Note`] of [`Origin::Set`] in place of the
/// scenario's; `place` is where the calculator's inputs sit in
/// [`AllInputs`]. A value [`crate::fields::validate`] would refuse is not
/// applied (validation names it).
pub(super) fn overlay<I: Default>(
    prefilled: Prefilled<I>,
    s: &Scenario,
    calculator: Calculator,
    place: fn(&mut AllInputs) -> &mut I,
) -> Prefilled<I> {
    let Prefilled { inputs, mut notes } = prefilled;
    let mut all = AllInputs::default();
    *place(&mut all) = inputs;
    for field in calculator.fields() {
        let Some(value) = s.followup.get(field.key) else {
            continue;
        };
        if field.check_value(value).is_err() {
            continue;
        }
        field.set(&mut all, value);
        notes.retain(|note| note.field != field.key);
        notes.push(Note {
            origin: Origin::Set,
            field: field.key,
            text: format!(
                "{} = {}, set by you",
                field.label,
                field.value_text(value, &s.conventions)
            ),
        });
    }
    let order = |note: &Note| {
        calculator
            .fields()
            .position(|f| f.key == note.field)
            .unwrap_or(usize::MAX)
    };
    crate::sorting::sort_by_key(&mut notes, order);
    Prefilled {
        inputs: std::mem::take(place(&mut all)),
        notes,
    }
}

/// One input of a calculator as it was used.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectiveInput {
    /// The input.
    pub field: &'static FollowupField,
    /// Its value.
    pub value: FollowupValue,
    /// Where it came from; `None` for the calculator's default.
    pub origin: Option<Origin>,
}

/// What a calculator makes of a scenario ([`run`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The calculator.
    pub calculator: Calculator,
    /// Every input, in the calculator's order, with its value and origin.
    pub inputs: Vec<EffectiveInput>,
    /// How each input that is not a default was worked out or set.
    pub notes: Vec<Note>,
    /// The figures, or the inputs' problems, each naming its field.
    pub section: Result<Section, Vec<InputError>>,
}

/// Runs `calculator` over scenario `s` (whose figures are `numbers`): its
/// effective inputs (the user's over the scenario's over the defaults), and
/// its section.
pub fn run(calculator: Calculator, s: &Scenario, numbers: &Numbers) -> Outcome {
    let c = &s.conventions;
    let mut all = AllInputs::default();
    let (notes, section) = match calculator {
        Calculator::Bloom => {
            let p = bloom::effective(s, numbers);
            let section = bloom::compute(&p.inputs, c);
            all.bloom = p.inputs;
            (p.notes, section)
        }
        Calculator::Ids => {
            let p = ids::effective(s, numbers);
            let section = ids::compute(&p.inputs, c);
            all.ids = p.inputs;
            (p.notes, section)
        }
        Calculator::Quorum => {
            let p = quorum::effective(s, numbers);
            let section = quorum::compute(&p.inputs, c);
            all.quorum = p.inputs;
            (p.notes, section)
        }
        Calculator::Shards => {
            let p = shards::effective(s, numbers);
            let section = shards::compute(&p.inputs, c);
            all.shards = p.inputs;
            (p.notes, section)
        }
        Calculator::Cache => {
            let p = cache::effective(s, numbers);
            let section = cache::compute(&p.inputs, c);
            all.cache = p.inputs;
            (p.notes, section)
        }
        Calculator::Latency => {
            let p = latency::effective(s, numbers);
            let section = latency::compute(&p.inputs, c);
            all.latency = p.inputs;
            (p.notes, section)
        }
        Calculator::Backoff => {
            let p = backoff::effective(s, numbers);
            let section = backoff::compute(&p.inputs, c);
            all.backoff = p.inputs;
            (p.notes, section)
        }
    };
    let inputs = calculator
        .fields()
        .map(|field| EffectiveInput {
            field,
            value: field.get(&all),
            origin: notes
                .iter()
                .find(|note| note.field == field.key)
                .map(|note| note.origin),
        })
        .collect();
    Outcome {
        calculator,
        inputs,
        notes,
        section,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate_numbers, fields};

    #[test]
    fn every_calculator_has_its_inputs_in_the_table() {
        let s = Scenario::default();
        let numbers = estimate_numbers(&s).unwrap();
        for calculator in Calculator::ALL {
            assert_eq!(Calculator::from_key(calculator.key()), Some(calculator));
            let outcome = run(calculator, &s, &numbers);
            let section = outcome.section.expect("the defaults compute");
            assert_eq!(section.key, calculator.key());
            assert_eq!(section.title, calculator.title());
            assert!(!outcome.inputs.is_empty());
            // Every note is about one of the calculator's inputs.
            for note in &outcome.notes {
                assert!(
                    calculator.fields().any(|f| f.key == note.field),
                    "{}",
                    note.field
                );
            }
        }
    }

    #[test]
    fn every_setter_reaches_its_calculator() {
        // Each field set to a value other than its default changes what
        // its getter reads back, through its own calculator's inputs.
        for field in FOLLOWUP_FIELDS {
            let mut all = AllInputs::default();
            let before = field.get(&all);
            let other = match &before {
                FollowupValue::Number(v) if *v == 2.0 => FollowupValue::Number(3.0),
                FollowupValue::Number(_) => FollowupValue::Number(2.0),
                FollowupValue::Text(t) if t == "memory" => FollowupValue::Text("l1_cache".into()),
                FollowupValue::Text(_) => match field.input {
                    fields::Input::Choice(options) => FollowupValue::Text(
                        options
                            .iter()
                            .map(|(v, _)| *v)
                            .find(|v| FollowupValue::Text((*v).to_owned()) != before)
                            .unwrap()
                            .to_owned(),
                    ),
                    _ => FollowupValue::Text("memory".into()),
                },
            };
            field.set(&mut all, &other);
            assert_eq!(field.get(&all), other, "{}", field.key);
            let mut calculators = 0;
            let d = AllInputs::default();
            calculators += usize::from(all.bloom != d.bloom);
            calculators += usize::from(all.ids != d.ids);
            calculators += usize::from(all.quorum != d.quorum);
            calculators += usize::from(all.shards != d.shards);
            calculators += usize::from(all.cache != d.cache);
            calculators += usize::from(all.latency != d.latency);
            calculators += usize::from(all.backoff != d.backoff);
            assert_eq!(calculators, 1, "{}", field.key);
        }
    }

    #[test]
    fn set_inputs_win_and_say_so() {
        let mut s = Scenario::default();
        fields::set_followup_field(&mut s, "bloom.items", "1M").unwrap();
        let numbers = estimate_numbers(&s).unwrap();
        let p = bloom::effective(&s, &numbers);
        assert_eq!(p.inputs.items, 1e6);
        assert_eq!(p.notes.len(), 1);
        assert_eq!(p.notes[0].origin, Origin::Set);
        assert_eq!(p.notes[0].text, "Items = 1 M, set by you");
        let outcome = run(Calculator::Bloom, &s, &numbers);
        let origins: Vec<_> = outcome.inputs.iter().map(|i| i.origin).collect();
        assert_eq!(origins, [Some(Origin::Set), None, None]);
    }
}
