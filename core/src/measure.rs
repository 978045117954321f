//! Typed values: what every report figure and every parsed input is.
//!
//! Inside the core, quantities are [`uom`] quantities, so the compiler checks
//! that bytes per second times seconds is bytes. Plain numbers appear only at
//! the edges: in [`crate::Scenario`] fields (whose names carry their unit) and
//! in the text that [`crate::format`] prints and [`crate::parse`] reads.

use serde::{Serialize, Serializer};
use uom::si::f64::{Frequency, Information, InformationRate, Time};
use uom::si::frequency::hertz;
use uom::si::information::byte;
use uom::si::information_rate::byte_per_second;
use uom::si::time::second;

/// What kind of value a field holds or a figure is: decides how text is read
/// and how values are printed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A plain count: users, servers, shards (`10M`, `1,000`, `3e6`).
    Count,
    /// Events per second: requests/s (`500`, `3.5k req/s`, `12/s`).
    Rate,
    /// An amount of data (`3 MB`, `100KiB`, `1.5 TB`).
    Data,
    /// Data per second (`50 MB/s`, `1.2 Gbps`, `400 Mb/s`).
    DataRate,
    /// A span of time (`5y`, `30d`, `6 months`, `43m 12s`).
    Duration,
    /// A share or percentage (`20%`, `0.2`).
    Fraction,
    /// A multiplier (`3x`, `2.5`).
    Multiplier,
    /// US dollars (`$0.09`, `12.5`).
    Money,
}

/// A typed value with its unit.
///
/// ```
/// use envelope_core::{Measure, Conventions, format};
/// let day = Measure::data_bytes(15e12);
/// assert_eq!(format::measure(&day, &Conventions::default()), "15 TB");
/// assert_eq!(day.base_value(), 15e12);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// A dimensionless count.
    Count(f64),
    /// Events (requests) per second.
    Rate(Frequency),
    /// An amount of data.
    Data(Information),
    /// Data per unit time.
    DataRate(InformationRate),
    /// A span of time.
    Duration(Time),
    /// A share: 0.2 is 20%.
    Fraction(f64),
    /// A multiplier: 3.0 is 3x.
    Multiplier(f64),
    /// US dollars.
    Money(f64),
}

impl Measure {
    /// Events per second.
    pub fn per_second(events: f64) -> Measure {
        Measure::Rate(Frequency::new::<hertz>(events))
    }
    /// An amount of data, in bytes.
    pub fn data_bytes(bytes: f64) -> Measure {
        Measure::Data(Information::new::<byte>(bytes))
    }
    /// A data rate, in bytes per second.
    pub fn bytes_per_second(bytes: f64) -> Measure {
        Measure::DataRate(InformationRate::new::<byte_per_second>(bytes))
    }
    /// A duration, in seconds.
    pub fn seconds(seconds: f64) -> Measure {
        Measure::Duration(Time::new::<second>(seconds))
    }

    /// The kind of this value.
    pub fn kind(&self) -> Kind {
        match self {
            Measure::Count(_) => Kind::Count,
            Measure::Rate(_) => Kind::Rate,
            Measure::Data(_) => Kind::Data,
            Measure::DataRate(_) => Kind::DataRate,
            Measure::Duration(_) => Kind::Duration,
            Measure::Fraction(_) => Kind::Fraction,
            Measure::Multiplier(_) => Kind::Multiplier,
            Measure::Money(_) => Kind::Money,
        }
    }

    /// The value as a plain number in its base unit: events/s, bytes, bytes/s,
    /// seconds, a fraction (0.2 for 20%), a multiplier, or dollars.
    pub fn base_value(&self) -> f64 {
        match *self {
            Measure::Count(v)
            | Measure::Fraction(v)
            | Measure::Multiplier(v)
            | Measure::Money(v) => v,
            Measure::Rate(f) => f.get::<hertz>(),
            Measure::Data(i) => i.get::<byte>(),
            Measure::DataRate(r) => r.get::<byte_per_second>(),
            Measure::Duration(t) => t.get::<second>(),
        }
    }

    /// A value of `kind` from a plain number in the kind's base unit (the
    /// inverse of [`Measure::base_value`]).
    pub fn from_base(kind: Kind, value: f64) -> Measure {
        match kind {
            Kind::Count => Measure::Count(value),
            Kind::Rate => Measure::per_second(value),
            Kind::Data => Measure::data_bytes(value),
            Kind::DataRate => Measure::bytes_per_second(value),
            Kind::Duration => Measure::seconds(value),
            Kind::Fraction => Measure::Fraction(value),
            Kind::Multiplier => Measure::Multiplier(value),
            Kind::Money => Measure::Money(value),
        }
    }

    /// The name of the base unit [`Measure::base_value`] is in, as the JSON
    /// report writes it.
    pub fn base_unit(kind: Kind) -> &'static str {
        match kind {
            Kind::Count => "count",
            Kind::Rate => "per_second",
            Kind::Data => "bytes",
            Kind::DataRate => "bytes_per_second",
            Kind::Duration => "seconds",
            Kind::Fraction => "fraction",
            Kind::Multiplier => "multiplier",
            Kind::Money => "usd",
        }
    }
}

/// Serialized as `{"kind": ..., "value": <base value>, "unit": <base unit>}`.
/// A value that is not a finite number is an error, never `null`: JSON has
/// no NaN or infinity, and the report's schema says `value` is a number.
impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Measure", 3)?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("value", &Finite(self.base_value()))?;
        s.serialize_field("unit", Measure::base_unit(self.kind()))?;
        s.end()
    }
}

/// A number that serializes only when finite: serde_json would write NaN
/// and the infinities as `null`, which no reader of a report expects.
pub(crate) struct Finite(pub f64);

impl Serialize for Finite {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() {
            serializer.serialize_f64(self.0)
        } else {
            Err(serde::ser::Error::custom(
                "a figure is out of range (not a finite number)",
            ))
        }
    }
}

/// The JSON Schema of the serialized form: one of eight objects, each pairing
/// a `kind` with its base `unit`, and the `value` in that unit.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Measure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Measure".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kinds = [
            (Kind::Count, "count"),
            (Kind::Rate, "rate"),
            (Kind::Data, "data"),
            (Kind::DataRate, "data_rate"),
            (Kind::Duration, "duration"),
            (Kind::Fraction, "fraction"),
            (Kind::Multiplier, "multiplier"),
            (Kind::Money, "money"),
        ];
        let variants: Vec<schemars::Schema> = kinds
            .iter()
            .map(|&(kind, name)| {
                schemars::json_schema!({
                    "type": "object",
                    "properties": {
                        "kind": { "const": name },
                        "value": { "type": "number", "format": "double" },
                        "unit": { "const": Measure::base_unit(kind) }
                    },
                    "required": ["kind", "value", "unit"],
                    "additionalProperties": false
                })
            })
            .collect();
        schemars::json_schema!({
            "description": "A typed value: its kind, its value as a plain number in the kind's base unit, and that unit's name (`{\"kind\": \"data\", \"value\": 15e12, \"unit\": \"bytes\"}`).",
            "oneOf": variants
        })
    }
}
