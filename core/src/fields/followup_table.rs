// Long (about 660 lines before its tests): a table, one entry per follow-up
// input, 41 of them.

//! The follow-up calculators' inputs ([`crate::followup`]) as fields: each
//! one's key (the one its calculator's errors use, `bloom.items`), label,
//! how it is entered, and the values it takes on its own.
//!
//! The calculators check their inputs against these same bounds
//! ([`FollowupField::bounds`]), so a value a link or `--set` gives is
//! refused with the same words the calculator would use; checks across
//! inputs (R <= N, the bits of an ID layout) are the calculator's, when it
//! runs. The user's values are kept in [`crate::Scenario::followup`] as
//! overrides; [`FollowupField::get`] and [`FollowupField::set`] read and
//! write a calculator's inputs, so this table is the one list of them.
//!
//! ```
//! use envelope_core::fields;
//! let f = fields::followup_field("quorum.replicas").unwrap();
//! assert_eq!(f.label, "Replicas (N)");
//! assert!(f.parse("5", &Default::default()).is_ok());
//! assert_eq!(
//!     f.parse("2.5", &Default::default()).unwrap_err(),
//!     "must be a whole number (got 2.5)"
//! );
//! assert_eq!(
//!     f.parse("0", &Default::default()).unwrap_err(),
//!     "must be at least 1 (got 0)"
//! );
//! ```

use super::field::{exact_text, parse_number_text, shorten, whole_number, Input};
use crate::availability::MAX_REPLICAS;
use crate::decimal::Decimal;
use crate::followup::{
    backoff::{Jitter, MAX_RETRIES},
    bloom::{self, MAX_BITS_PER_ITEM},
    latency::{self, Source, MAX_SERVERS},
    AllInputs, Bounds, Calculator, MAX_COUNT,
};
use crate::scenario::split_range;
use crate::{format, Conventions, FollowupValue, Kind};

use Bounds::{Above, Within};

/// One input of a follow-up calculator.
pub struct FollowupField {
    /// Stable key used by share links, `--set`, scenario JSON and errors:
    /// `bloom.items`.
    pub key: &'static str,
    /// What people call it, as the calculator's errors do: `Items`.
    pub label: &'static str,
    /// The unit and an example: `items, e.g. 1B`.
    pub unit: &'static str,
    /// How it is entered: a number of a kind, a choice, or text (the
    /// latency steps, [`latency::parse_steps`]).
    pub input: Input,
    /// One sentence on what it means.
    pub help: &'static str,
    /// Whether it takes whole numbers only (it is a count of bits,
    /// replicas, servers...).
    pub whole: bool,
    bounds: Option<Bounds>,
    get: fn(&AllInputs) -> FollowupValue,
    set: fn(&mut AllInputs, &FollowupValue),
}

impl std::fmt::Debug for FollowupField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FollowupField({})", self.key)
    }
}

impl PartialEq for FollowupField {
    fn eq(&self, other: &FollowupField) -> bool {
        self.key == other.key
    }
}

impl FollowupField {
    /// The calculator it is an input of, named by its key's prefix.
    pub fn calculator(&self) -> Option<Calculator> {
        Calculator::from_key(self.key.split('.').next().unwrap_or_default())
    }

    /// The values a number input takes on its own.
    pub(crate) fn bounds(&self) -> Option<Bounds> {
        self.bounds
    }

    /// Its value in a calculator's inputs.
    pub(crate) fn get(&self, inputs: &AllInputs) -> FollowupValue {
        (self.get)(inputs)
    }

    /// Stores `value`, which [`FollowupField::check_value`] accepted, in a
    /// calculator's inputs.
    pub(crate) fn set(&self, inputs: &mut AllInputs, value: &FollowupValue) {
        (self.set)(inputs, value)
    }

    /// Reads `text` as this input: `Ok(None)` for an empty text (the input
    /// is not set: the calculator takes it from the scenario or its
    /// default), the value otherwise, in base units, checked. The problem
    /// is worded for people; untrusted text in it is shortened and escaped.
    pub fn parse(
        &self,
        text: &str,
        conventions: &Conventions,
    ) -> Result<Option<FollowupValue>, String> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let value = match self.input {
            Input::Number(kind) => {
                if split_range(text).is_some() {
                    return Err(
                        "takes a single value, not a range (follow-up inputs are not sampled)"
                            .to_owned(),
                    );
                }
                let value = if self.whole {
                    whole_number(kind, text, conventions, f64::from(u32::MAX))?
                } else {
                    parse_number_text(kind, text, conventions)?
                };
                FollowupValue::Number(value)
            }
            Input::Choice(_) => FollowupValue::Text(text.trim().to_owned()),
            Input::Text => FollowupValue::Text(latency::steps_text(&latency::parse_steps(text)?)),
        };
        self.check_value(&value)?;
        Ok(Some(value))
    }

    /// Whether `value` is one this input takes: a number within its bounds
    /// (whole where it must be), one of its choices, or steps as
    /// [`latency::steps_text`] writes them.
    pub fn check_value(&self, value: &FollowupValue) -> Result<(), String> {
        match (self.input, value) {
            (Input::Number(_), FollowupValue::Number(v)) => {
                if self.whole && v.is_finite() && v.fract() != 0.0 {
                    return Err(format!(
                        "must be a whole number (got {})",
                        format::number(*v)
                    ));
                }
                match self.bounds.and_then(|b| b.problem(*v)) {
                    Some(problem) => Err(problem),
                    None => Ok(()),
                }
            }
            (Input::Choice(options), FollowupValue::Text(t)) => {
                if options.iter().any(|(value, _)| value == t) {
                    Ok(())
                } else {
                    let allowed: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
                    Err(format!(
                        "'{}' is not one of {}",
                        shorten(t),
                        allowed.join(", ")
                    ))
                }
            }
            (Input::Text, FollowupValue::Text(t)) => {
                let written = latency::steps_text(&latency::parse_steps(t)?);
                if written == *t {
                    Ok(())
                } else {
                    Err(format!("write it as '{}'", shorten(&written)))
                }
            }
            (Input::Number(_), FollowupValue::Text(_)) => Err("must be a number".to_owned()),
            (_, FollowupValue::Number(_)) => Err("must be text, not a number".to_owned()),
        }
    }

    /// `value` as text that [`FollowupField::parse`] reads back to exactly
    /// `value`: readable (`1 bn`, `1%`, `100 ms`) where that is exact.
    pub fn value_text(&self, value: &FollowupValue, conventions: &Conventions) -> String {
        match (self.input, value) {
            (Input::Number(kind), FollowupValue::Number(v)) => exact_text(kind, *v, conventions),
            (_, FollowupValue::Number(v)) => Decimal(*v).to_string(),
            (_, FollowupValue::Text(t)) => t.clone(),
        }
    }
}

/// The follow-up field with this key.
pub fn followup_field(key: &str) -> Option<&'static FollowupField> {
    FOLLOWUP_FIELDS.iter().find(|f| f.key == key)
}

/// A number input of the table.
macro_rules! number {
    ($key:literal, $label:literal, $unit:literal, $kind:ident, $bounds:expr, $help:literal,
     |$a:ident| $place:expr) => {
        FollowupField {
            key: $key,
            label: $label,
            unit: $unit,
            input: Input::Number(Kind::$kind),
            help: $help,
            whole: false,
            bounds: Some($bounds),
            get: |$a| FollowupValue::Number($place),
            set: |$a, value| {
                if let FollowupValue::Number(v) = value {
                    $place = *v;
                }
            },
        }
    };
}

/// A whole-number input (a `u32` of the calculator's inputs).
macro_rules! whole {
    ($key:literal, $label:literal, $unit:literal, $bounds:expr, $help:literal,
     |$a:ident| $place:expr) => {
        FollowupField {
            key: $key,
            label: $label,
            unit: $unit,
            input: Input::Number(Kind::Count),
            help: $help,
            whole: true,
            bounds: Some($bounds),
            get: |$a| FollowupValue::Number(f64::from($place)),
            set: |$a, value| {
                if let FollowupValue::Number(v) = value {
                    // Checked whole and within bounds below u32::MAX.
                    $place = *v as u32;
                }
            },
        }
    };
}

/// The jitter choices: `(value, label)`.
const JITTERS: &[(&str, &str)] = &[
    ("none", "none: every client waits the whole ceiling"),
    ("full", "full: uniform from 0 to the ceiling"),
    (
        "equal",
        "equal: half the ceiling plus a uniform share of the rest",
    ),
];

/// The latency figures' sources: `(value, label)`.
const SOURCES: &[(&str, &str)] = &[
    ("dean", "Jeff Dean's figures (2009-2012)"),
    ("scott2020", "Colin Scott's figures for 2020"),
];

/// Every follow-up input, calculator by calculator, each in its inputs'
/// order.
pub static FOLLOWUP_FIELDS: &[FollowupField] = &[
    number!(
        "bloom.items",
        "Items",
        "items, e.g. 1B",
        Count,
        Within(1.0, MAX_COUNT),
        "Items the filter holds (n).",
        |a| a.bloom.items
    ),
    number!(
        "bloom.false_positive_rate",
        "False-positive rate",
        "percent, e.g. 1%",
        Fraction,
        Bounds::Custom(bloom::rate_problem),
        "The false-positive rate wanted (p).",
        |a| a.bloom.false_positive_rate
    ),
    number!(
        "bloom.bits_per_item",
        "Bits per item",
        "bits, e.g. 10",
        Count,
        Above(0.0, MAX_BITS_PER_ITEM),
        "For the reverse question: the bits per item of a given filter.",
        |a| a.bloom.bits_per_item
    ),
    whole!(
        "ids.timestamp_bits",
        "Timestamp bits",
        "bits, e.g. 41",
        Within(1.0, 64.0),
        "Bits of the id's timestamp.",
        |a| a.ids.timestamp_bits
    ),
    number!(
        "ids.tick_seconds",
        "Tick",
        "time, e.g. 1ms",
        Duration,
        Within(1e-9, 86_400.0),
        "The timestamp's resolution, from a nanosecond to a day.",
        |a| a.ids.tick_seconds
    ),
    whole!(
        "ids.machine_bits",
        "Machine bits",
        "bits, e.g. 10",
        Within(0.0, 64.0),
        "Bits naming the machine that issues the id.",
        |a| a.ids.machine_bits
    ),
    whole!(
        "ids.sequence_bits",
        "Sequence bits",
        "bits, e.g. 12",
        Within(0.0, 64.0),
        "Bits of the per-machine sequence within one tick.",
        |a| a.ids.sequence_bits
    ),
    number!(
        "ids.ids_per_second",
        "Ids needed per second",
        "ids/s, e.g. 10k",
        Rate,
        Within(0.0, MAX_COUNT),
        "Ids the system needs per second at its busiest (0: not asked).",
        |a| a.ids.ids_per_second
    ),
    number!(
        "ids.ids",
        "Ids issued",
        "ids, e.g. 1B",
        Count,
        Within(1.0, MAX_COUNT),
        "Ids issued in all (n), for random ids and short codes.",
        |a| a.ids.ids
    ),
    whole!(
        "ids.random_bits",
        "Random bits",
        "bits, e.g. 122",
        Within(1.0, 256.0),
        "Random bits of a random id (a version 4 UUID has 122).",
        |a| a.ids.random_bits
    ),
    number!(
        "ids.code_margin",
        "Short code margin",
        "times, e.g. 100",
        Count,
        Within(1.0, 1e12),
        "How many times the ids a short code's keyspace must be.",
        |a| a.ids.code_margin
    ),
    whole!(
        "quorum.replicas",
        "Replicas (N)",
        "replicas, e.g. 3",
        Within(1.0, MAX_REPLICAS as f64),
        "Replicas of each item.",
        |a| a.quorum.replicas
    ),
    whole!(
        "quorum.read_quorum",
        "Read quorum (R)",
        "replicas, e.g. 2",
        Within(1.0, MAX_REPLICAS as f64),
        "Replicas a read asks, at most N.",
        |a| a.quorum.read_quorum
    ),
    whole!(
        "quorum.write_quorum",
        "Write quorum (W)",
        "replicas, e.g. 2",
        Within(1.0, MAX_REPLICAS as f64),
        "Replicas that acknowledge a write, at most N.",
        |a| a.quorum.write_quorum
    ),
    number!(
        "quorum.replica_availability",
        "Replica availability",
        "percent, e.g. 99.9%",
        Fraction,
        Within(0.0, 1.0),
        "The chance that one replica is up.",
        |a| a.quorum.replica_availability
    ),
    number!(
        "shards.data_bytes",
        "Data",
        "bytes, e.g. 10 TB",
        Data,
        Within(0.0, 1e24),
        "Data to hold, one copy.",
        |a| a.shards.data_bytes
    ),
    number!(
        "shards.shard_bytes",
        "Data per shard",
        "bytes, e.g. 1 TB",
        Data,
        Above(0.0, 1e24),
        "Data one shard may hold.",
        |a| a.shards.shard_bytes
    ),
    number!(
        "shards.writes_per_second",
        "Writes per second",
        "writes/s, e.g. 5k",
        Rate,
        Within(0.0, MAX_COUNT),
        "Writes per second at peak, all shards.",
        |a| a.shards.writes_per_second
    ),
    number!(
        "shards.shard_writes_per_second",
        "Writes per second per shard",
        "writes/s, e.g. 1k",
        Rate,
        Above(0.0, MAX_COUNT),
        "Writes per second one shard sustains.",
        |a| a.shards.shard_writes_per_second
    ),
    number!(
        "shards.reads_per_second",
        "Reads per second",
        "reads/s, e.g. 50k",
        Rate,
        Within(0.0, MAX_COUNT),
        "Reads per second at peak, all shards.",
        |a| a.shards.reads_per_second
    ),
    number!(
        "shards.shard_reads_per_second",
        "Reads per second per shard",
        "reads/s, e.g. 10k",
        Rate,
        Above(0.0, MAX_COUNT),
        "Reads per second one shard sustains (all its replicas together).",
        |a| a.shards.shard_reads_per_second
    ),
    whole!(
        "shards.servers",
        "Servers",
        "servers, e.g. 10",
        Within(1.0, 1e6),
        "Servers on the hash ring (S).",
        |a| a.shards.servers
    ),
    whole!(
        "shards.virtual_nodes",
        "Virtual nodes per server",
        "nodes, e.g. 100",
        Within(1.0, 1e5),
        "Virtual nodes per server on the ring (V).",
        |a| a.shards.virtual_nodes
    ),
    number!(
        "cache.hit_ratio",
        "Hit ratio",
        "percent, e.g. 80%",
        Fraction,
        Within(0.0, 1.0),
        "The share of requests the cache answers.",
        |a| a.cache.hit_ratio
    ),
    number!(
        "cache.requests_per_second",
        "Requests per second",
        "requests/s, e.g. 10k",
        Rate,
        Within(0.0, MAX_COUNT),
        "Requests per second that reach the cache.",
        |a| a.cache.requests_per_second
    ),
    number!(
        "cache.bytes_per_second",
        "Bytes per second",
        "bytes/s, e.g. 1 GB/s",
        DataRate,
        Within(0.0, 1e24),
        "Bytes per second those requests read.",
        |a| a.cache.bytes_per_second
    ),
    number!(
        "cache.zipf_exponent",
        "Zipf exponent",
        "a number, 0 to 10, e.g. 0.8",
        Count,
        Within(0.0, 10.0),
        "The Zipf exponent s of the objects' popularity (0 is uniform).",
        |a| a.cache.zipf_exponent
    ),
    number!(
        "cache.objects",
        "Objects",
        "objects, e.g. 1M",
        Count,
        Within(1.0, MAX_COUNT),
        "Objects there are (n).",
        |a| a.cache.objects
    ),
    number!(
        "cache.cache_objects",
        "Objects in the cache",
        "objects, e.g. 10k",
        Count,
        Within(0.0, MAX_COUNT),
        "Objects the cache holds (C), the most popular first.",
        |a| a.cache.cache_objects
    ),
    FollowupField {
        key: "latency.steps",
        label: "Steps",
        unit: "operation:count, ..., e.g. datacenter_round_trip:2,ssd_random_4kb",
        input: Input::Text,
        help: "The request's steps, each an operation of the reference latency table and how many times it is done.",
        whole: false,
        bounds: None,
        get: |a| FollowupValue::Text(latency::steps_text(&a.latency.steps)),
        set: |a, value| {
            if let FollowupValue::Text(t) = value {
                if let Ok(steps) = latency::parse_steps(t) {
                    a.latency.steps = steps;
                }
            }
        },
    },
    FollowupField {
        key: "latency.source",
        label: "Latency figures",
        unit: "",
        input: Input::Choice(SOURCES),
        help: "Whose figures the steps take.",
        whole: false,
        bounds: None,
        get: |a| {
            FollowupValue::Text(
                match a.latency.source {
                    Source::Dean => "dean",
                    Source::Scott2020 => "scott2020",
                }
                .to_owned(),
            )
        },
        set: |a, value| {
            if let FollowupValue::Text(t) = value {
                a.latency.source = match t.as_str() {
                    "scott2020" => Source::Scott2020,
                    _ => Source::Dean,
                };
            }
        },
    },
    number!(
        "latency.arrival_rate",
        "Arrival rate",
        "requests/s, e.g. 3k",
        Rate,
        Within(0.0, MAX_COUNT),
        "Requests arriving per second (lambda).",
        |a| a.latency.arrival_rate
    ),
    whole!(
        "latency.servers",
        "Servers",
        "servers, e.g. 4",
        Within(1.0, MAX_SERVERS as f64),
        "Servers sharing the queue (c).",
        |a| a.latency.servers
    ),
    number!(
        "latency.service_rate",
        "Service rate per server",
        "requests/s, e.g. 1k",
        Rate,
        Above(0.0, MAX_COUNT),
        "Requests per second one server completes when busy (mu).",
        |a| a.latency.service_rate
    ),
    number!(
        "backoff.base_seconds",
        "Base wait",
        "time, e.g. 100ms",
        Duration,
        Within(1e-6, 86_400.0),
        "The first retry's ceiling, from a microsecond to a day.",
        |a| a.backoff.base_seconds
    ),
    number!(
        "backoff.factor",
        "Backoff factor",
        "times, e.g. 2x",
        Multiplier,
        Within(1.0, 100.0),
        "How much each ceiling grows over the one before.",
        |a| a.backoff.factor
    ),
    number!(
        "backoff.cap_seconds",
        "Cap",
        "time, e.g. 10s",
        Duration,
        Within(1e-6, 86_400.0 * 365.0),
        "The most any retry waits.",
        |a| a.backoff.cap_seconds
    ),
    whole!(
        "backoff.retries",
        "Retries",
        "retries, e.g. 5",
        Within(0.0, MAX_RETRIES as f64),
        "Retries after the first attempt (r).",
        |a| a.backoff.retries
    ),
    FollowupField {
        key: "backoff.jitter",
        label: "Jitter",
        unit: "",
        input: Input::Choice(JITTERS),
        help: "How waits are drawn below their ceilings.",
        whole: false,
        bounds: None,
        get: |a| {
            FollowupValue::Text(
                match a.backoff.jitter {
                    Jitter::None => "none",
                    Jitter::Full => "full",
                    Jitter::Equal => "equal",
                }
                .to_owned(),
            )
        },
        set: |a, value| {
            if let FollowupValue::Text(t) = value {
                a.backoff.jitter = match t.as_str() {
                    "none" => Jitter::None,
                    "equal" => Jitter::Equal,
                    _ => Jitter::Full,
                };
            }
        },
    },
    number!(
        "backoff.failure_rate",
        "Failure rate",
        "percent, e.g. 50%",
        Fraction,
        Within(0.0, 1.0),
        "The chance that one attempt fails (q).",
        |a| a.backoff.failure_rate
    ),
    number!(
        "backoff.requests_per_second",
        "Requests per second",
        "requests/s, e.g. 1k",
        Rate,
        Within(0.0, MAX_COUNT),
        "Requests per second before any retry.",
        |a| a.backoff.requests_per_second
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followup::Calculator;

    #[test]
    fn keys_are_unique_and_name_their_calculator() {
        for (i, f) in FOLLOWUP_FIELDS.iter().enumerate() {
            assert!(f.calculator().is_some(), "{}", f.key);
            assert!(
                FOLLOWUP_FIELDS[..i].iter().all(|g| g.key != f.key),
                "{}",
                f.key
            );
            assert!(f.label.is_ascii(), "{}", f.label);
        }
        // Calculator by calculator, in order.
        let order: Vec<Calculator> = FOLLOWUP_FIELDS
            .iter()
            .filter_map(FollowupField::calculator)
            .collect();
        let mut sorted = order.clone();
        sorted.dedup();
        assert_eq!(sorted, Calculator::ALL);
    }

    #[test]
    fn every_default_value_is_one_the_field_takes_and_reads_back() {
        let all = AllInputs::default();
        let c = Conventions::default();
        for f in FOLLOWUP_FIELDS {
            let value = f.get(&all);
            assert_eq!(f.check_value(&value), Ok(()), "{}", f.key);
            let text = f.value_text(&value, &c);
            assert_eq!(f.parse(&text, &c), Ok(Some(value)), "{} {text}", f.key);
        }
    }

    #[test]
    fn values_read_with_units_and_are_checked() {
        let c = Conventions::default();
        let read = |key: &str, text: &str| followup_field(key).unwrap().parse(text, &c);
        assert_eq!(
            read("bloom.items", "1 bn"),
            Ok(Some(FollowupValue::Number(1e9)))
        );
        assert_eq!(
            read("bloom.false_positive_rate", "1%"),
            Ok(Some(FollowupValue::Number(0.01)))
        );
        assert_eq!(
            read("ids.tick_seconds", "1ms"),
            Ok(Some(FollowupValue::Number(0.001)))
        );
        assert_eq!(
            read("shards.data_bytes", "10 TB"),
            Ok(Some(FollowupValue::Number(10e12)))
        );
        assert_eq!(read("bloom.items", " "), Ok(None));
        assert_eq!(
            read("bloom.items", "1M..10M").unwrap_err(),
            "takes a single value, not a range (follow-up inputs are not sampled)"
        );
        assert_eq!(
            read("bloom.false_positive_rate", "100%").unwrap_err(),
            "must be more than 0% and less than 100% (got 100%)"
        );
        assert_eq!(
            read("backoff.jitter", "lots").unwrap_err(),
            "'lots' is not one of none, full, equal"
        );
        assert_eq!(
            read("latency.steps", "memory:2, disk_seek"),
            Ok(Some(FollowupValue::Text("memory:2,disk_seek".into())))
        );
        assert!(read("latency.steps", "warp_drive")
            .unwrap_err()
            .starts_with("step 1: unknown operation \"warp_drive\""));
        assert_eq!(
            read("quorum.replicas", "99999999999999999999").unwrap_err(),
            "must be at most 4,294,967,295 (got 99,999,999,999,999,999,999)"
        );
    }

    #[test]
    fn stored_values_are_checked_too() {
        let steps = followup_field("latency.steps").unwrap();
        assert_eq!(
            steps.check_value(&FollowupValue::Text("memory:1".into())),
            Err("write it as 'memory'".to_owned())
        );
        assert_eq!(
            steps.check_value(&FollowupValue::Number(1.0)),
            Err("must be text, not a number".to_owned())
        );
        let items = followup_field("bloom.items").unwrap();
        assert_eq!(
            items.check_value(&FollowupValue::Text("x".into())),
            Err("must be a number".to_owned())
        );
    }
}
