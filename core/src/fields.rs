//! Every input a person can set, in one table: its key, label, unit, kind and
//! allowed range.
//!
//! The web form, share links, the CLI and [`crate::estimate`]'s validation
//! all read this table, so a field is named, parsed and range-checked the same
//! way everywhere. Keys are stable: share links carry them.
//!
//! ```
//! use envelope_core::{fields, Scenario};
//! let mut s = Scenario::default();
//! fields::set_scenario_field(&mut s, "dau", "10M").unwrap();
//! assert_eq!(s.users.daily_active(), 10e6);
//! let err = fields::set_scenario_field(&mut s, "replication", "0").unwrap_err();
//! assert_eq!(err.to_string(), "Replication factor: must be at least 1x (got 0x)");
//! assert_eq!(fields::scenario_field_text(&s, "dau").as_deref(), Some("10 M"));
//! ```

use crate::uncertainty::{split_range, InputRange, MAX_RANGES, MAX_SAMPLES, MIN_SAMPLES};
use crate::{
    format, parse, ByteUnits, Conventions, DayLength, Direction, Frequency, InputError, Kind,
    Measure, MonthLength, Peak, RequestClass, Scenario, Users, YearLength,
};

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A number with an optional unit, read by [`crate::parse::parse`].
    Number(Kind),
    /// One of a fixed set of values: `(value, label)` pairs.
    Choice(&'static [(&'static str, &'static str)]),
    /// Free text (names). Shown only as text, never as markup.
    Text,
}

/// The most characters a free-text field (a name) keeps.
pub const MAX_NAME_CHARS: usize = 80;
/// The most request classes a scenario may have.
pub const MAX_CLASSES: usize = 100;

/// One input of a scenario (`T` = [`Scenario`]) or of a request class
/// (`T` = [`RequestClass`]).
pub struct Field<T: 'static> {
    /// Stable key used by share links and error reports, e.g. `dau`.
    pub key: &'static str,
    /// What people call it, e.g. `Daily active users`.
    pub label: &'static str,
    /// The unit and an example, e.g. `bytes, e.g. 3 MB`.
    pub unit: &'static str,
    /// How it is entered.
    pub input: Input,
    /// One sentence on what it means.
    pub help: &'static str,
    /// The form section it belongs to: `Users`, `Peak`, `Storage`,
    /// `Capacity`, `Cost`, `Conventions` (empty for class fields).
    pub group: &'static str,
    range: Range,
    access: Access<T>,
    /// When the field applies, if not simply "when it has a value".
    active: Option<fn(&T) -> bool>,
}

/// The allowed values of a numeric field.
#[derive(Clone, Copy)]
struct Range {
    min: f64,
    /// Whether `min` itself is allowed.
    min_inclusive: bool,
    max: f64,
}

const ANY: Range = Range {
    min: f64::NEG_INFINITY,
    min_inclusive: true,
    max: f64::INFINITY,
};

const fn at_least(min: f64, max: f64) -> Range {
    Range {
        min,
        min_inclusive: true,
        max,
    }
}

const fn above(min: f64, max: f64) -> Range {
    Range {
        min,
        min_inclusive: false,
        max,
    }
}

enum Access<T> {
    Number {
        get: fn(&T) -> Option<f64>,
        set: fn(&mut T, f64),
    },
    Choice {
        get: fn(&T) -> &'static str,
        set: fn(&mut T, &str),
    },
    Text {
        get: fn(&T) -> String,
        set: fn(&mut T, &str),
    },
}

impl<T> Field<T> {
    /// Whether the field applies to `target` now (for example the monthly
    /// users field only when users are given monthly). Inactive fields keep
    /// their text in a form but are neither applied nor checked.
    pub fn is_active(&self, target: &T) -> bool {
        if let Some(active) = self.active {
            return active(target);
        }
        match self.access {
            Access::Number { get, .. } => get(target).is_some(),
            _ => true,
        }
    }

    /// The field's value as text that reads back to exactly the same value:
    /// readable (`3 MB`) where that is exact, the plain number otherwise.
    /// `None` when the field is inactive.
    pub fn text(&self, target: &T, conventions: &Conventions) -> Option<String> {
        match &self.access {
            Access::Number { get, .. } => {
                let value = get(target)?;
                let Input::Number(kind) = self.input else {
                    return None;
                };
                Some(exact_text(kind, value, conventions))
            }
            Access::Choice { get, .. } => Some(get(target).to_owned()),
            Access::Text { get, .. } => Some(get(target)),
        }
    }

    /// Reads `text` and stores it in `target`, or explains why not (naming
    /// the field). `target` is unchanged on error.
    pub fn set(&self, target: &mut T, text: &str, conventions: &Conventions) -> Result<(), String> {
        match &self.access {
            Access::Number { set, .. } => set(target, self.parse_value(text, conventions)?),
            Access::Choice { set, .. } => {
                let Input::Choice(options) = self.input else {
                    return Ok(());
                };
                let text = text.trim();
                if !options.iter().any(|(value, _)| *value == text) {
                    let allowed: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
                    return Err(format!(
                        "'{}' is not one of {}",
                        shorten(text),
                        allowed.join(", ")
                    ));
                }
                set(target, text);
            }
            Access::Text { set, .. } => {
                if text.chars().count() > MAX_NAME_CHARS {
                    return Err(format!("longer than {MAX_NAME_CHARS} characters"));
                }
                if text.chars().any(char::is_control) {
                    return Err("contains control characters".to_owned());
                }
                set(target, text);
            }
        }
        Ok(())
    }

    /// Reads a number field's text to its value in the base unit, checked
    /// against the field's allowed values.
    pub fn parse_value(&self, text: &str, conventions: &Conventions) -> Result<f64, String> {
        let Input::Number(kind) = self.input else {
            return Err("is not a number field".to_owned());
        };
        let value = parse_number_text(kind, text, conventions)?;
        self.check(value)?;
        Ok(value)
    }

    /// Text of `value` (base unit) for a number field that reads back to
    /// exactly `value`.
    pub fn value_text(&self, value: f64, conventions: &Conventions) -> String {
        match self.input {
            Input::Number(kind) => exact_text(kind, value, conventions),
            _ => String::new(),
        }
    }

    fn number_setter(&self) -> Option<fn(&mut T, f64)> {
        match self.access {
            Access::Number { set, .. } => Some(set),
            _ => None,
        }
    }

    /// Whether the field may hold a range (`1M..10M`): every number field
    /// but the simulation's own settings.
    pub fn takes_range(&self) -> bool {
        matches!(self.input, Input::Number(_)) && !POINT_ONLY.contains(&self.key)
    }

    /// Checks the field's current value in `target` against its range.
    pub fn validate(&self, target: &T) -> Result<(), String> {
        match &self.access {
            Access::Number { get, .. } => match get(target) {
                Some(value) => self.check(value),
                None => Ok(()),
            },
            Access::Text { get, .. } => {
                let text = get(target);
                if text.chars().count() > MAX_NAME_CHARS {
                    Err(format!("longer than {MAX_NAME_CHARS} characters"))
                } else {
                    Ok(())
                }
            }
            Access::Choice { .. } => Ok(()),
        }
    }

    fn check(&self, value: f64) -> Result<(), String> {
        let Input::Number(kind) = self.input else {
            return Ok(());
        };
        let r = self.range;
        let show = |v: f64| format::measure(&Measure::from_base(kind, v), &Conventions::default());
        if !value.is_finite() {
            return Err("must be a finite number".to_owned());
        }
        if value < r.min || (!r.min_inclusive && value == r.min) {
            return Err(if r.min == 0.0 && r.min_inclusive {
                format!("must not be negative (got {})", show(value))
            } else if r.min_inclusive {
                format!("must be at least {} (got {})", show(r.min), show(value))
            } else {
                format!("must be more than {} (got {})", show(r.min), show(value))
            });
        }
        if value > r.max {
            return Err(format!(
                "must be at most {} (got {})",
                show(r.max),
                show(value)
            ));
        }
        Ok(())
    }
}

/// Text of a number that [`parse::parse`] reads back to exactly `value`.
fn exact_text(kind: Kind, value: f64, conventions: &Conventions) -> String {
    let readable = format::measure(&Measure::from_base(kind, value), conventions);
    match parse_number_text(kind, &readable, conventions) {
        Ok(v) if v == value => readable,
        _ => {
            // Rust prints the shortest text that reads back exactly; in
            // exponent form when plain digits would be long (1e-200).
            let plain = format!("{value}");
            let number = if plain.len() > 30 {
                format!("{value:e}")
            } else {
                plain
            };
            match kind {
                Kind::Data => format!("{number} B"),
                Kind::DataRate => format!("{number} B/s"),
                Kind::Duration => format!("{number} s"),
                Kind::Rate => format!("{number}/s"),
                Kind::Multiplier => format!("{number}x"),
                Kind::Count | Kind::Fraction | Kind::Money => number,
            }
        }
    }
}

/// Reads a number of `kind`; durations use the scenario's month and year, so
/// `5y` is five of the scenario's years.
fn parse_number_text(kind: Kind, text: &str, conventions: &Conventions) -> Result<f64, String> {
    if text.trim().is_empty() {
        return Err("is empty; enter a value".to_owned());
    }
    let value = match kind {
        Kind::Duration => parse::duration(
            text,
            conventions.days_per_month(),
            conventions.days_per_year(),
        ),
        _ => parse::parse(text, kind, conventions.bytes).map(|m| m.base_value()),
    };
    value.map_err(|e| e.to_string())
}

/// At most 40 characters of untrusted text, for error messages.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        short.push('…');
    }
    short
}

macro_rules! number {
    ($key:literal, $label:literal, $unit:literal, $kind:ident, $group:literal, $range:expr,
     $help:literal, |$s:ident| $get:expr, |$t:ident, $v:ident| $set:expr) => {
        Field {
            key: $key,
            label: $label,
            unit: $unit,
            input: Input::Number(Kind::$kind),
            help: $help,
            group: $group,
            range: $range,
            access: Access::Number {
                get: |$s| $get,
                set: |$t, $v| $set,
            },
            active: None,
        }
    };
}

macro_rules! choice {
    ($key:literal, $label:literal, $group:literal, $options:expr, $help:literal,
     |$s:ident| $get:expr, |$t:ident, $v:ident| $set:expr) => {
        Field {
            key: $key,
            label: $label,
            unit: "",
            input: Input::Choice($options),
            help: $help,
            group: $group,
            range: ANY,
            access: Access::Choice {
                get: |$s| $get,
                set: |$t, $v| $set,
            },
            active: None,
        }
    };
}

/// Absurd-magnitude guards: beyond these a value is surely a typo.
const MAX_USERS: f64 = 1e12;
const MAX_BYTES: f64 = 1e18;
const MAX_PRICE: f64 = 1e9;
const YEAR_SECONDS: f64 = 365.0 * 86_400.0;
/// Seeds are whole numbers that `f64` holds exactly.
const MAX_SEED: f64 = 9_007_199_254_740_992.0;
/// Fields that take one value, never a range.
const POINT_ONLY: [&str; 2] = ["samples", "seed"];

/// The scenario-wide fields, in form order.
pub static SCENARIO_FIELDS: &[Field<Scenario>] = &[
    Field {
        key: "name",
        label: "Scenario name",
        unit: "",
        input: Input::Text,
        help: "A title for reports and share links.",
        group: "Users",
        range: ANY,
        access: Access::Text {
            get: |s| s.name.clone(),
            set: |s, v| s.name = v.to_owned(),
        },
        active: None,
    },
    choice!(
        "users_by",
        "Users given as",
        "Users",
        &[
            ("daily", "daily active users"),
            ("monthly", "monthly users x daily share")
        ],
        "Whether you know daily active users, or monthly users and the share active each day.",
        |s| match s.users {
            Users::Daily { .. } => "daily",
            Users::Monthly { .. } => "monthly",
        },
        |s, v| {
            let dau = s.users.daily_active();
            s.users = match v {
                "monthly" => match s.users {
                    m @ Users::Monthly { .. } => m,
                    Users::Daily { .. } => Users::Monthly {
                        monthly_active: dau * 2.0,
                        daily_active_share: 0.5,
                    },
                },
                _ => Users::Daily { daily_active: dau },
            }
        }
    ),
    number!(
        "dau",
        "Daily active users",
        "users, e.g. 10M",
        Count,
        "Users",
        at_least(0.0, MAX_USERS),
        "People who use the system on an average day.",
        |s| match s.users {
            Users::Daily { daily_active } => Some(daily_active),
            _ => None,
        },
        |s, v| s.users = Users::Daily { daily_active: v }
    ),
    number!(
        "mau",
        "Monthly active users",
        "users, e.g. 100M",
        Count,
        "Users",
        at_least(0.0, MAX_USERS),
        "People who use the system at least once a month.",
        |s| match s.users {
            Users::Monthly { monthly_active, .. } => Some(monthly_active),
            _ => None,
        },
        |s, v| if let Users::Monthly { monthly_active, .. } = &mut s.users {
            *monthly_active = v
        }
    ),
    number!(
        "dau_share",
        "Daily share of monthly users",
        "percent, e.g. 30%",
        Fraction,
        "Users",
        at_least(0.0, 1.0),
        "The share of monthly users active on an average day.",
        |s| match s.users {
            Users::Monthly {
                daily_active_share, ..
            } => Some(daily_active_share),
            _ => None,
        },
        |s, v| if let Users::Monthly {
            daily_active_share, ..
        } = &mut s.users
        {
            *daily_active_share = v
        }
    ),
    choice!(
        "peak_by",
        "Peak given as",
        "Peak",
        &[
            ("factor", "peak-to-average factor"),
            ("hour", "share of the day in the busiest hour")
        ],
        "How the busiest moment is described.",
        |s| match s.peak {
            Peak::Factor(_) => "factor",
            Peak::BusiestHourShare(_) => "hour",
        },
        |s, v| s.peak = match (v, s.peak) {
            ("hour", Peak::Factor(f)) => Peak::BusiestHourShare((f / 24.0).clamp(1.0 / 24.0, 1.0)),
            ("factor", Peak::BusiestHourShare(h)) => Peak::Factor(h * 24.0),
            (_, p) => p,
        }
    ),
    number!(
        "peak",
        "Peak-to-average factor",
        "times, e.g. 3x",
        Multiplier,
        "Peak",
        at_least(1.0, 1000.0),
        "How many times the average request rate the busiest moment brings.",
        |s| match s.peak {
            Peak::Factor(f) => Some(f),
            _ => None,
        },
        |s, v| s.peak = Peak::Factor(v)
    ),
    number!(
        "peak_hour",
        "Share of a day's requests in the busiest hour",
        "percent, e.g. 20%",
        Fraction,
        "Peak",
        at_least(1.0 / 24.0, 1.0),
        "20% in one hour is 0.2 x 24 = 4.8 times the average; at least 1/24 (4.17%), an even day.",
        |s| match s.peak {
            Peak::BusiestHourShare(h) => Some(h),
            _ => None,
        },
        |s, v| s.peak = Peak::BusiestHourShare(v)
    ),
    number!(
        "retention",
        "Retention",
        "time, e.g. 5y, 90d",
        Duration,
        "Storage",
        above(0.0, 1000.0 * YEAR_SECONDS),
        "How long written data is kept (y = 365 days, mo = 30 days).",
        |s| Some(s.storage.retention_seconds),
        |s, v| s.storage.retention_seconds = v
    ),
    number!(
        "replication",
        "Replication factor",
        "copies, e.g. 3",
        Multiplier,
        "Storage",
        at_least(1.0, 100.0),
        "Copies of every byte; 1.5 models erasure coding's overhead.",
        |s| Some(s.storage.replication),
        |s, v| s.storage.replication = v
    ),
    number!(
        "overhead",
        "Metadata and index overhead",
        "percent, e.g. 10%",
        Fraction,
        "Storage",
        at_least(0.0, 10.0),
        "Extra bytes per stored byte for metadata and indexes.",
        |s| Some(s.storage.overhead),
        |s, v| s.storage.overhead = v
    ),
    number!(
        "compression",
        "Compression ratio",
        "times, e.g. 2x (1x = none)",
        Multiplier,
        "Storage",
        at_least(1.0, 1000.0),
        "2x means data shrinks to half its size.",
        |s| Some(s.storage.compression_ratio),
        |s, v| s.storage.compression_ratio = v
    ),
    number!(
        "growth",
        "Yearly traffic growth",
        "percent per year, e.g. 20%",
        Fraction,
        "Storage",
        above(-1.0, 100.0),
        "How much more is written each year than the year before; negative for decline.",
        |s| Some(s.storage.yearly_growth),
        |s, v| s.storage.yearly_growth = v
    ),
    number!(
        "fill",
        "Target disk fill",
        "percent, e.g. 70%",
        Fraction,
        "Storage",
        above(0.0, 1.0),
        "How full disks may get; provisioned capacity = replicated data / fill.",
        |s| Some(s.storage.target_fill),
        |s, v| s.storage.target_fill = v
    ),
    number!(
        "server_rps",
        "Requests/s per server",
        "requests/s, e.g. 1k",
        Rate,
        "Capacity",
        above(0.0, 1e9),
        "What one application server sustains at full load.",
        |s| Some(s.capacity.server_rps),
        |s, v| s.capacity.server_rps = v
    ),
    number!(
        "utilisation",
        "Target utilisation at peak",
        "percent, e.g. 70%",
        Fraction,
        "Capacity",
        above(0.0, 1.0),
        "Plan servers to run at most this busy at peak, leaving headroom.",
        |s| Some(s.capacity.target_utilisation),
        |s, v| s.capacity.target_utilisation = v
    ),
    number!(
        "spares",
        "Spare servers",
        "servers, e.g. 2",
        Count,
        "Capacity",
        at_least(0.0, 1e6),
        "Extra servers for failures and deploys, added to the computed count.",
        |s| Some(s.capacity.spare_servers),
        |s, v| s.capacity.spare_servers = v
    ),
    number!(
        "cache_hot",
        "Hot share of daily reads cached",
        "percent, e.g. 20%",
        Fraction,
        "Capacity",
        at_least(0.0, 1.0),
        "The 80/20 rule caches 20% of a day's read volume.",
        |s| Some(s.capacity.cache_hot_share),
        |s, v| s.capacity.cache_hot_share = v
    ),
    number!(
        "cache_node",
        "Memory per cache node",
        "bytes, e.g. 64 GB",
        Data,
        "Capacity",
        above(0.0, MAX_BYTES),
        "Usable cache memory on one node.",
        |s| Some(s.capacity.cache_node_bytes),
        |s, v| s.capacity.cache_node_bytes = v
    ),
    number!(
        "disk_node",
        "Disk per storage node",
        "bytes, e.g. 16 TB",
        Data,
        "Capacity",
        above(0.0, MAX_BYTES),
        "Usable disk on one storage node.",
        |s| Some(s.capacity.storage_node_bytes),
        |s, v| s.capacity.storage_node_bytes = v
    ),
    number!(
        "shard",
        "Shard size",
        "bytes, e.g. 1 TB",
        Data,
        "Capacity",
        above(0.0, MAX_BYTES),
        "Data per shard (one copy).",
        |s| Some(s.capacity.shard_bytes),
        |s, v| s.capacity.shard_bytes = v
    ),
    number!(
        "nic",
        "Network per server",
        "bits/s, e.g. 10 Gbps",
        DataRate,
        "Capacity",
        above(0.0, 1e15),
        "NIC speed of one application server; bounds servers when traffic is heavy.",
        |s| Some(s.capacity.nic_bits_per_second / 8.0),
        |s, v| s.capacity.nic_bits_per_second = v * 8.0
    ),
    number!(
        "price_server",
        "Price per server-month",
        "dollars, e.g. $150",
        Money,
        "Cost",
        at_least(0.0, MAX_PRICE),
        "An editable assumption, not a provider's price.",
        |s| Some(s.cost.server_month_usd),
        |s, v| s.cost.server_month_usd = v
    ),
    number!(
        "price_storage",
        "Price per GB-month stored",
        "dollars, e.g. $0.02",
        Money,
        "Cost",
        at_least(0.0, MAX_PRICE),
        "Per 10^9 bytes of provisioned disk per month; an editable assumption.",
        |s| Some(s.cost.storage_gb_month_usd),
        |s, v| s.cost.storage_gb_month_usd = v
    ),
    number!(
        "price_egress",
        "Price per GB egress",
        "dollars, e.g. $0.05",
        Money,
        "Cost",
        at_least(0.0, MAX_PRICE),
        "Per 10^9 bytes sent out; an editable assumption.",
        |s| Some(s.cost.egress_gb_usd),
        |s, v| s.cost.egress_gb_usd = v
    ),
    number!(
        "samples",
        "Samples",
        "scenarios drawn, e.g. 10k",
        Count,
        "Uncertainty",
        at_least(MIN_SAMPLES as f64, MAX_SAMPLES as f64),
        "How many scenarios the Monte Carlo draws when an input is a range (rounded to a whole number); each change reruns them all, so 10x the samples is at least 10x the wait.",
        |s| Some(f64::from(s.uncertainty.samples)),
        |s, v| s.uncertainty.samples = v.round() as u32
    ),
    number!(
        "seed",
        "Random seed",
        "a whole number, e.g. 1",
        Count,
        "Uncertainty",
        at_least(0.0, MAX_SEED),
        "Fixes the random draws: the same seed gives the same percentiles.",
        |s| Some(s.uncertainty.seed as f64),
        |s, v| s.uncertainty.seed = v.round() as u64
    ),
    choice!(
        "day",
        "Seconds per day",
        "Conventions",
        &[
            ("86400", "86,400 s (exact)"),
            ("100000", "100,000 s (interview rounding)")
        ],
        "The day length used to turn daily counts into per-second rates.",
        |s| match s.conventions.day {
            DayLength::Exact => "86400",
            DayLength::Interview => "100000",
        },
        |s, v| s.conventions.day = if v == "100000" {
            DayLength::Interview
        } else {
            DayLength::Exact
        }
    ),
    choice!(
        "month",
        "Days per month",
        "Conventions",
        &[("30", "30 days"), ("30.44", "30.44 days (average)")],
        "The month used for monthly totals and costs.",
        |s| match s.conventions.month {
            MonthLength::Days30 => "30",
            MonthLength::Days30_44 => "30.44",
        },
        |s, v| s.conventions.month = if v == "30.44" {
            MonthLength::Days30_44
        } else {
            MonthLength::Days30
        }
    ),
    choice!(
        "year",
        "Days per year",
        "Conventions",
        &[("365", "365 days"), ("365.25", "365.25 days (average)")],
        "The year used for yearly totals and growth.",
        |s| match s.conventions.year {
            YearLength::Days365 => "365",
            YearLength::Days365_25 => "365.25",
        },
        |s, v| s.conventions.year = if v == "365.25" {
            YearLength::Days365_25
        } else {
            YearLength::Days365
        }
    ),
    choice!(
        "bytes",
        "Byte units",
        "Conventions",
        &[("si", "SI: 1 KB = 1000 B"), ("iec", "IEC: 1 KiB = 1024 B; KB read as KiB")],
        "What KB, MB, GB mean when typed, and how sizes are printed.",
        |s| match s.conventions.bytes {
            ByteUnits::Si => "si",
            ByteUnits::Iec => "iec",
        },
        |s, v| s.conventions.bytes = if v == "iec" {
            ByteUnits::Iec
        } else {
            ByteUnits::Si
        }
    ),
];

fn frequency_value(c: &RequestClass) -> f64 {
    match c.frequency {
        Frequency::PerUserPerDay(v)
        | Frequency::PerDay(v)
        | Frequency::PerMonth(v)
        | Frequency::PerWrite(v) => v,
    }
}

/// The fields of one request class, in table-column order.
pub static CLASS_FIELDS: &[Field<RequestClass>] = &[
    Field {
        key: "name",
        label: "Name",
        unit: "",
        input: Input::Text,
        help: "What the request does, e.g. upload photo.",
        group: "",
        range: ANY,
        access: Access::Text {
            get: |c| c.name.clone(),
            set: |c, v| c.name = v.to_owned(),
        },
        active: None,
    },
    choice!(
        "kind",
        "Read or write",
        "",
        &[("read", "read"), ("write", "write")],
        "Writes store data; reads do not.",
        |c| match c.direction {
            Direction::Read => "read",
            Direction::Write => "write",
        },
        |c, v| c.direction = if v == "write" {
            Direction::Write
        } else {
            Direction::Read
        }
    ),
    number!(
        "count",
        "How many",
        "requests, e.g. 2",
        Count,
        "",
        at_least(0.0, 1e15),
        "How many requests, counted as the next column says.",
        |c| Some(frequency_value(c)),
        |c, v| c.frequency = match c.frequency {
            Frequency::PerUserPerDay(_) => Frequency::PerUserPerDay(v),
            Frequency::PerDay(_) => Frequency::PerDay(v),
            Frequency::PerMonth(_) => Frequency::PerMonth(v),
            Frequency::PerWrite(_) => Frequency::PerWrite(v),
        }
    ),
    choice!(
        "per",
        "Counted",
        "",
        &[
            ("user_day", "per user per day"),
            ("day", "per day in total"),
            ("month", "per month in total"),
            ("write", "per write request (read:write ratio)")
        ],
        "Per daily user, a fixed total, or a ratio to all write requests.",
        |c| match c.frequency {
            Frequency::PerUserPerDay(_) => "user_day",
            Frequency::PerDay(_) => "day",
            Frequency::PerMonth(_) => "month",
            Frequency::PerWrite(_) => "write",
        },
        |c, v| {
            let n = frequency_value(c);
            c.frequency = match v {
                "day" => Frequency::PerDay(n),
                "month" => Frequency::PerMonth(n),
                "write" => Frequency::PerWrite(n),
                _ => Frequency::PerUserPerDay(n),
            }
        }
    ),
    number!(
        "in",
        "Bytes in",
        "bytes per request, e.g. 3 MB",
        Data,
        "",
        at_least(0.0, MAX_BYTES),
        "Sent by the client per request (ingress).",
        |c| Some(c.bytes_in),
        |c, v| c.bytes_in = v
    ),
    number!(
        "out",
        "Bytes out",
        "bytes per request, e.g. 100 KB",
        Data,
        "",
        at_least(0.0, MAX_BYTES),
        "Sent back per request (egress).",
        |c| Some(c.bytes_out),
        |c, v| c.bytes_out = v
    ),
    // Empty (unset) means "the same as bytes in", so its text is empty then,
    // and it applies to writes whether set or not.
    Field {
        active: Some(|c| c.direction == Direction::Write),
        ..number!(
            "stored",
            "Bytes stored",
            "bytes per write; empty = bytes in",
            Data,
            "",
            at_least(0.0, MAX_BYTES),
            "Kept per write request; empty means the same as bytes in.",
            |c| match c.direction {
                Direction::Write => c.bytes_stored,
                Direction::Read => None,
            },
            |c, v| c.bytes_stored = Some(v)
        )
    },
];

/// The scenario field with this key.
pub fn scenario_field(key: &str) -> Option<&'static Field<Scenario>> {
    SCENARIO_FIELDS.iter().find(|f| f.key == key)
}

/// The request-class field with this key.
pub fn class_field(key: &str) -> Option<&'static Field<RequestClass>> {
    CLASS_FIELDS.iter().find(|f| f.key == key)
}

/// The error key of a class field: `classes.1.in`.
pub fn class_field_key(index: usize, key: &str) -> String {
    format!("classes.{index}.{key}")
}

/// The current value of a scenario field as text that reads back exactly;
/// a ranged field gives `low to high`.
pub fn scenario_field_text(s: &Scenario, key: &str) -> Option<String> {
    let field = scenario_field(key)?;
    match s.uncertainty.range(key) {
        Some(r) if field.is_active(s) => Some(range_text(field, r.low, r.high, &s.conventions)),
        _ => field.text(s, &s.conventions),
    }
}

fn range_text<T>(field: &Field<T>, low: f64, high: f64, conventions: &Conventions) -> String {
    format!(
        "{} to {}",
        field.value_text(low, conventions),
        field.value_text(high, conventions)
    )
}

/// Sets a scenario field from text; on error the scenario is unchanged.
/// A number field also takes a range, `1M..10M` or `1M to 10M` (see
/// [`crate::uncertainty`]): the field then holds the range's median.
pub fn set_scenario_field(s: &mut Scenario, key: &str, text: &str) -> Result<(), InputError> {
    let field = scenario_field(key).ok_or_else(|| InputError {
        field: key.to_owned(),
        message: format!("unknown field '{}'", shorten(key)),
    })?;
    let conventions = s.conventions;
    let error = |problem| InputError::new(key, field.label, problem);
    if let Some(value) = read_range(field, key, text, s, &conventions).map_err(error)? {
        // read_range gives a value only for number fields, which all have
        // a number setter.
        if let Some(set) = field.number_setter() {
            set(s, value);
        }
        return Ok(());
    }
    field.set(s, text, &conventions).map_err(error)?;
    s.uncertainty.remove_range(key);
    prune_ranges(s);
    Ok(())
}

/// Reads `text` as a range for `field` when it is one, records it in `s`
/// and gives the median to store as the field's value; `None` for a point.
fn read_range<T>(
    field: &Field<T>,
    key: &str,
    text: &str,
    s: &mut Scenario,
    conventions: &Conventions,
) -> Result<Option<f64>, String> {
    if !matches!(field.input, Input::Number(_)) {
        return Ok(None);
    }
    let Some((low_text, high_text)) = split_range(text) else {
        return Ok(None);
    };
    if !field.takes_range() {
        return Err("takes a single value, not a range".to_owned());
    }
    let low = field
        .parse_value(low_text, conventions)
        .map_err(|e| format!("low end {e}"))?;
    let high = field
        .parse_value(high_text, conventions)
        .map_err(|e| format!("high end {e}"))?;
    if low > high {
        return Err(format!(
            "the low end ({}) is above the high end ({}); write the smaller value first",
            field.value_text(low, conventions),
            field.value_text(high, conventions)
        ));
    }
    if low == high {
        s.uncertainty.remove_range(key);
        return Ok(Some(low));
    }
    if s.uncertainty.range(key).is_none() && s.uncertainty.ranges.len() >= MAX_RANGES {
        return Err(format!("at most {MAX_RANGES} inputs may be ranges"));
    }
    s.uncertainty.set_range(key, low, high);
    Ok(s.uncertainty.range(key).map(InputRange::median))
}

/// The current value of a class field as text that reads back exactly; a
/// ranged field gives `low to high`.
pub fn class_field_text(s: &Scenario, index: usize, key: &str) -> Option<String> {
    let field = class_field(key)?;
    let class = s.classes.get(index)?;
    match s.uncertainty.range(&class_field_key(index, key)) {
        Some(r) if field.is_active(class) => Some(range_text(field, r.low, r.high, &s.conventions)),
        _ => field.text(class, &s.conventions),
    }
}

/// Sets a field of request class `index` from text (a number field also
/// takes a range, as in [`set_scenario_field`]); on error the scenario is
/// unchanged.
pub fn set_class_field(
    s: &mut Scenario,
    index: usize,
    key: &str,
    text: &str,
) -> Result<(), InputError> {
    let error_key = class_field_key(index, key);
    let field = class_field(key).ok_or_else(|| InputError {
        field: error_key.clone(),
        message: format!("unknown field '{}'", shorten(key)),
    })?;
    if index >= s.classes.len() {
        return Err(InputError {
            field: error_key.clone(),
            message: format!("there is no request class {}", index + 1),
        });
    }
    let conventions = s.conventions;
    let error = |problem| InputError::new(&error_key, &class_label(index, field.label), problem);
    if let Some(value) = read_range(field, &error_key, text, s, &conventions).map_err(error)? {
        if let Some(set) = field.number_setter() {
            set(&mut s.classes[index], value);
        }
        return Ok(());
    }
    field
        .set(&mut s.classes[index], text, &conventions)
        .map_err(error)?;
    s.uncertainty.remove_range(&error_key);
    prune_ranges(s);
    Ok(())
}

/// `classes.2.out` as (2, the `out` field), only in its one spelling (no
/// `classes.02.out` or `classes.+2.out`), so each field has one key.
fn class_key_parts(key: &str) -> Option<(usize, &'static Field<RequestClass>)> {
    let (index, field_key) = key.strip_prefix("classes.")?.split_once('.')?;
    let canonical = !index.is_empty()
        && index.bytes().all(|b| b.is_ascii_digit())
        && (index == "0" || !index.starts_with('0'));
    if !canonical {
        return None;
    }
    Some((index.parse().ok()?, class_field(field_key)?))
}

/// Drops the ranges whose field no longer applies: its class is gone, or a
/// choice made it inactive (users now given monthly, a class now a read).
/// Every setter calls it, so a scenario built through this table never
/// holds a range it cannot use, and its share link reads back exactly; a
/// form keeps the field's text, so switching back restores the range.
fn prune_ranges(s: &mut Scenario) {
    if s.uncertainty.ranges.is_empty() {
        return;
    }
    let keep: Vec<bool> = s
        .uncertainty
        .ranges
        .iter()
        .map(|r| number_slot(s, &r.field).is_some())
        .collect();
    let mut keep = keep.into_iter();
    s.uncertainty
        .ranges
        .retain(|_| keep.next().unwrap_or(false));
}

/// Where field `key` comes in the form: scenario fields in table order, then
/// each class's fields in column order; unknown keys last.
pub(crate) fn form_order(key: &str) -> (usize, usize) {
    if let Some(at) = SCENARIO_FIELDS.iter().position(|f| f.key == key) {
        return (0, at);
    }
    class_key_parts(key)
        .and_then(|(index, field)| {
            let column = CLASS_FIELDS.iter().position(|f| f.key == field.key)?;
            Some((index + 1, column))
        })
        .unwrap_or((usize::MAX, usize::MAX))
}

/// A number field a range applies to, resolved from its key; the Monte
/// Carlo writes sampled values through it.
pub(crate) struct NumberSlot {
    /// `dau`, `classes.0.count`.
    pub key: String,
    /// `Daily active users`, `Request class 1 how many`.
    pub label: String,
    pub kind: Kind,
    range: Range,
    place: Place,
}

enum Place {
    Scenario(fn(&mut Scenario, f64)),
    Class(usize, fn(&mut RequestClass, f64)),
}

impl NumberSlot {
    /// Stores `value` in the field.
    #[inline]
    pub fn set(&self, s: &mut Scenario, value: f64) {
        match self.place {
            Place::Scenario(set) => set(s, value),
            Place::Class(index, set) => set(&mut s.classes[index], value),
        }
    }

    /// `value` moved into the field's allowed values.
    #[inline]
    pub fn clamp(&self, value: f64) -> f64 {
        let r = self.range;
        let v = value.min(r.max);
        if v > r.min {
            v
        } else if r.min_inclusive {
            r.min
        } else {
            // Just above an exclusive bound (only reachable by a normal
            // range on a field whose minimum is excluded).
            r.min + f64::EPSILON * r.min.abs().max(1.0)
        }
    }
}

/// The active number field `key` of `s` (`dau`, `classes.2.out`) that takes
/// ranges, or `None`.
pub(crate) fn number_slot(s: &Scenario, key: &str) -> Option<NumberSlot> {
    if let Some(field) = scenario_field(key) {
        let Input::Number(kind) = field.input else {
            return None;
        };
        if !field.takes_range() || !field.is_active(s) {
            return None;
        }
        return Some(NumberSlot {
            key: key.to_owned(),
            label: field.label.to_owned(),
            kind,
            range: field.range,
            place: Place::Scenario(field.number_setter()?),
        });
    }
    let (index, field) = class_key_parts(key)?;
    let Input::Number(kind) = field.input else {
        return None;
    };
    if !field.takes_range() || !field.is_active(s.classes.get(index)?) {
        return None;
    }
    Some(NumberSlot {
        key: key.to_owned(),
        label: class_label(index, field.label),
        kind,
        range: field.range,
        place: Place::Class(index, field.number_setter()?),
    })
}

fn class_label(index: usize, label: &str) -> String {
    format!("Request class {} {}", index + 1, label.to_lowercase())
}

/// Rebuilds a scenario from a form's texts: `base` with every scenario field
/// text and every class's field texts applied. A field whose text is bad
/// keeps `base`'s value and yields one error; choices are applied before
/// numbers so that a field's activity follows the chosen mode. Class texts
/// beyond `base`'s classes add classes (up to [`MAX_CLASSES`]).
pub fn apply_texts(
    base: &Scenario,
    scenario_texts: &[(String, String)],
    class_texts: &[Vec<(String, String)>],
) -> (Scenario, Vec<InputError>) {
    let mut s = base.clone();
    let mut errors = Vec::new();
    let choices_first = |texts: &[(String, String)], is_choice: &dyn Fn(&str) -> bool| {
        let mut ordered: Vec<(String, String)> = texts.to_vec();
        crate::sorting::sort_by_key(&mut ordered, |(k, _)| !is_choice(k));
        ordered
    };
    let is_scenario_choice =
        |k: &str| scenario_field(k).is_some_and(|f| matches!(f.input, Input::Choice(_)));
    for (key, text) in choices_first(scenario_texts, &is_scenario_choice) {
        let active = scenario_field(&key).is_none_or(|f| f.is_active(&s));
        if active {
            if let Err(e) = set_scenario_field(&mut s, &key, &text) {
                errors.push(e);
            }
        }
    }
    let is_class_choice =
        |k: &str| class_field(k).is_some_and(|f| matches!(f.input, Input::Choice(_)));
    s.classes.truncate(class_texts.len().min(MAX_CLASSES));
    for (index, texts) in class_texts.iter().take(MAX_CLASSES).enumerate() {
        if s.classes.len() <= index {
            s.classes.push(RequestClass::default());
        }
        for (key, text) in choices_first(texts, &is_class_choice) {
            let active = class_field(&key).is_none_or(|f| f.is_active(&s.classes[index]));
            if !active {
                continue;
            }
            // An empty "bytes stored" means "same as bytes in".
            if key == "stored" && text.trim().is_empty() {
                s.classes[index].bytes_stored = None;
                continue;
            }
            if let Err(e) = set_class_field(&mut s, index, &key, &text) {
                errors.push(e);
            }
        }
    }
    prune_ranges(&mut s);
    (s, errors)
}

/// Checks every field of a scenario against its range, and the scenario as a
/// whole (at least one request class, at most [`MAX_CLASSES`]).
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
    errors
}

/// Checks each range: a known number field that applies and takes ranges,
/// given once, both ends allowed values, low <= high.
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
        let checked = if let Some(field) = scenario_field(key) {
            let result = if field.is_active(s) {
                check_range(field, r)
            } else {
                inactive()
            };
            (field.label.to_owned(), result)
        } else if let Some((index, field)) = class_key_parts(key) {
            match s.classes.get(index) {
                Some(class) if field.is_active(class) => {
                    (class_label(index, field.label), check_range(field, r))
                }
                Some(_) => (class_label(index, field.label), inactive()),
                None => (
                    format!("Range on '{}'", shorten(key)),
                    Err(format!("there is no request class {}", index + 1)),
                ),
            }
        } else {
            (
                format!("Range on '{}'", shorten(key)),
                Err("no such field".to_owned()),
            )
        };
        let duplicate = ranges[..position]
            .iter()
            .any(|earlier| earlier.field == key);
        match checked {
            (label, Err(problem)) => errors.push(InputError::new(key, &label, problem)),
            (label, Ok(())) if duplicate => {
                errors.push(InputError::new(key, &label, "has two ranges".to_owned()))
            }
            _ => {}
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
    fn field_text_reads_back_exactly_even_for_odd_values() {
        let c = Conventions::default();
        for value in [3e6, 1.0 / 3.0, 1.27e-199, 123_456_789.123, 0.0] {
            let class = RequestClass {
                bytes_in: value,
                ..RequestClass::default()
            };
            let field = class_field("in").expect("field");
            let text = field.text(&class, &c).expect("active");
            let mut back = RequestClass::default();
            field.set(&mut back, &text, &c).expect("reads back");
            assert_eq!(back.bytes_in, value, "{text}");
        }
    }
}
