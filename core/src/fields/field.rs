//! One input of a scenario: what it is called, how it is entered, its allowed
//! values, and how it reads and writes its place in the scenario.
//!
//! The tables of every field ([`super::SCENARIO_FIELDS`],
//! [`super::CLASS_FIELDS`]) are built from this type.

use crate::decimal::Decimal;
use crate::{format, parse, Conventions, Kind, Measure};

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

/// The smallest magnitude a number other than zero may have, in its base
/// unit (users, bytes, seconds, requests/s, dollars; for a fraction 1e-9 is
/// 0.0000001%): a billionth of a user or a byte means nothing, and values
/// far below it (1e-320) are subnormal, print as nonsense and make figures
/// overflow when divided by.
pub const MIN_MAGNITUDE: f64 = 1e-9;

/// One input of a scenario (`T` = [`crate::Scenario`]) or of a request class
/// (`T` = [`crate::RequestClass`]).
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
    pub(super) range: Range,
    pub(super) access: Access<T>,
    /// When the field applies, if not simply "when it has a value". Such a
    /// field keeps its value while it does not apply: a read keeps its bytes
    /// stored for when it becomes a write again.
    pub(super) active: Option<fn(&T) -> bool>,
    /// What an empty text means, for a field that may be left empty.
    pub(super) empty: Option<Empty<T>>,
    /// Whether the field may hold a range (see [`Field::takes_range`]).
    pub(super) ranged: bool,
    /// Whether the field takes whole numbers only (the Monte Carlo's seed
    /// and samples), read exactly rather than through `f64`.
    pub(super) whole: bool,
}

/// What an empty text means for a field that may be left empty: "bytes
/// stored" left empty is the same as bytes in.
pub(super) struct Empty<T> {
    /// For people: `same as bytes in`.
    pub meaning: &'static str,
    /// Stores "no value".
    pub clear: fn(&mut T),
}

/// The allowed values of a numeric field.
#[derive(Clone, Copy)]
pub(super) struct Range {
    pub min: f64,
    /// Whether `min` itself is allowed.
    pub min_inclusive: bool,
    pub max: f64,
}

pub(super) const ANY: Range = Range {
    min: f64::NEG_INFINITY,
    min_inclusive: true,
    max: f64::INFINITY,
};

pub(super) const fn at_least(min: f64, max: f64) -> Range {
    Range {
        min,
        min_inclusive: true,
        max,
    }
}

pub(super) const fn above(min: f64, max: f64) -> Range {
    Range {
        min,
        min_inclusive: false,
        max,
    }
}

pub(super) enum Access<T> {
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

    /// Whether the field keeps a value while it does not apply (a read's
    /// bytes stored), rather than having no place for one (monthly users
    /// while users are given daily).
    pub fn keeps_value_when_inactive(&self) -> bool {
        self.active.is_some()
    }

    /// What an empty text means for this field, when it may be left empty:
    /// `same as bytes in` for bytes stored. `None` when empty is an error.
    pub fn empty_means(&self) -> Option<&'static str> {
        self.empty.as_ref().map(|e| e.meaning)
    }

    /// The field's value as text that reads back to exactly the same value:
    /// readable (`3 MB`) where that is exact, the plain number otherwise.
    /// `None` when the field is inactive.
    pub fn text(&self, target: &T, conventions: &Conventions) -> Option<String> {
        if !self.is_active(target) {
            return None;
        }
        self.held_text(target, conventions)
    }

    /// The field's value as [`Field::text`] gives it, but also while the
    /// field does not apply, when it keeps one
    /// ([`Field::keeps_value_when_inactive`]). `None` when it holds no value.
    pub fn held_text(&self, target: &T, conventions: &Conventions) -> Option<String> {
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
    /// the field). `target` is unchanged on error. An empty text stores "no
    /// value" in a field that may be left empty ([`Field::empty_means`]).
    pub fn set(&self, target: &mut T, text: &str, conventions: &Conventions) -> Result<(), String> {
        if let Some(empty) = &self.empty {
            if text.trim().is_empty() {
                (empty.clear)(target);
                return Ok(());
            }
        }
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
                if text.chars().any(crate::text::is_hidden_control) {
                    return Err("contains control or text-direction characters".to_owned());
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
        let value = if self.whole {
            whole_number(kind, text, conventions, self.range.max)?
        } else {
            parse_number_text(kind, text, conventions)?
        };
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

    /// A number field's value in `target`, active or not.
    pub(super) fn number_value(&self, target: &T) -> Option<f64> {
        match self.access {
            Access::Number { get, .. } => get(target),
            _ => None,
        }
    }

    pub(super) fn number_setter(&self) -> Option<fn(&mut T, f64)> {
        match self.access {
            Access::Number { set, .. } => Some(set),
            _ => None,
        }
    }

    /// Whether the field may hold a range (`1M..10M`): every number field
    /// but the simulation's own settings.
    pub fn takes_range(&self) -> bool {
        matches!(self.input, Input::Number(_)) && self.ranged
    }

    /// Checks the field's current value in `target` against its range; a
    /// field that does not apply is not checked.
    pub fn validate(&self, target: &T) -> Result<(), String> {
        if !self.is_active(target) {
            return Ok(());
        }
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

    /// Checks `value` (base unit) against the field's allowed values.
    pub(super) fn check(&self, value: f64) -> Result<(), String> {
        let Input::Number(kind) = self.input else {
            return Ok(());
        };
        let r = self.range;
        let show = |v: f64| shown_value(kind, v);
        if !value.is_finite() {
            return Err("must be a finite number".to_owned());
        }
        if self.whole && value.fract() != 0.0 {
            return Err(format!("must be a whole number (got {})", show(value)));
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
        if value != 0.0 && value.abs() < MIN_MAGNITUDE {
            let bound = if value > 0.0 { "at least" } else { "at most" };
            return Err(format!(
                "must be 0 or {bound} {} (got {})",
                show(MIN_MAGNITUDE.copysign(value)),
                show(value)
            ));
        }
        Ok(())
    }
}

impl<T: Clone> Field<T> {
    /// Whether setting the field makes it apply to `target`: setting `dau`
    /// over users given monthly gives daily users, setting `peak` a peak
    /// factor; setting `mau` over users given daily changes nothing.
    pub(super) fn applies_once_set(&self, target: &T) -> bool {
        let Some(set) = self.number_setter() else {
            return self.is_active(target);
        };
        let mut probe = target.clone();
        set(&mut probe, self.range.min.max(0.0));
        self.is_active(&probe)
    }
}

/// A value in an error message: readable (`64 GB`, `70%`), but a whole count
/// with every digit, so a limit and a value just past it never print alike
/// (`1,000,000`, not `1 M`).
fn shown_value(kind: Kind, value: f64) -> String {
    if kind == Kind::Count && value.fract() == 0.0 && value.abs() < 1e38 {
        let digits = format::whole(value.abs() as u128);
        return if value < 0.0 {
            format!("-{digits}")
        } else {
            digits
        };
    }
    let measure = Measure::from_base(kind, value);
    let c = Conventions::default();
    match format::measure_alternate(&measure, &c) {
        // A network speed is entered in bits/s: `125 KB/s (1 Mbps)`.
        Some(bits) => format!("{} ({bits})", format::measure(&measure, &c)),
        None => format::measure(&measure, &c),
    }
}

/// Reads a whole number exactly: plain digits as an integer (so
/// 9007199254740993 is not taken for 9007199254740992, which `f64` rounds it
/// to), anything else (`10k`, `1e3`) as any number.
pub(super) fn whole_number(
    kind: Kind,
    text: &str,
    conventions: &Conventions,
    max: f64,
) -> Result<f64, String> {
    let digits = text.trim();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let too_large =
            |got: String| format!("must be at most {} (got {got})", format::whole(max as u128));
        let n: u128 = digits.parse().map_err(|_| too_large(shorten(digits)))?;
        let value = n as f64;
        // Exact in f64, or else beyond every limit a whole field has.
        return if value as u128 == n {
            Ok(value)
        } else {
            Err(too_large(format::whole(n)))
        };
    }
    // Whether it is whole is for [`Field::check`] to say.
    parse_number_text(kind, text, conventions)
}

/// Text of a number that [`parse::parse`] reads back to exactly `value`.
pub(super) fn exact_text(kind: Kind, value: f64, conventions: &Conventions) -> String {
    let readable = format::measure(&Measure::from_base(kind, value), conventions);
    match parse_number_text(kind, &readable, conventions) {
        Ok(v) if v == value => readable,
        _ => {
            // Rust prints the shortest text that reads back exactly; in
            // exponent form when plain digits would be long (1e-200).
            let plain = Decimal(value).to_string();
            let number = if plain.len() > 30 {
                format!("{:e}", Decimal(value))
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
pub(super) fn parse_number_text(
    kind: Kind,
    text: &str,
    conventions: &Conventions,
) -> Result<f64, String> {
    if text.trim().is_empty() {
        return Err("is empty; enter a value".to_owned());
    }
    let value = match kind {
        Kind::Duration => {
            parse::duration(text, conventions.month.days(), conventions.days_per_year())
        }
        _ => parse::parse(text, kind, conventions.bytes).map(|m| m.base_value()),
    };
    value.map_err(|e| e.to_string())
}

/// At most 40 characters of untrusted text, for error messages, with
/// control and text-direction characters escaped ([`crate::text::displayable`]).
pub(crate) fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        short.push('…');
    }
    crate::text::displayable(&short).into_owned()
}

/// A number field of the tables.
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
            empty: None,
            ranged: true,
            whole: false,
        }
    };
}

/// A choice field of the tables.
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
            empty: None,
            ranged: false,
            whole: false,
        }
    };
}

/// A free-text field (a name) of the tables.
macro_rules! text {
    ($key:literal, $label:literal, $group:literal, $help:literal,
     |$s:ident| $get:expr, |$t:ident, $v:ident| $set:expr) => {
        Field {
            key: $key,
            label: $label,
            unit: "",
            input: Input::Text,
            help: $help,
            group: $group,
            range: ANY,
            access: Access::Text {
                get: |$s| $get,
                set: |$t, $v| $set,
            },
            active: None,
            empty: None,
            ranged: false,
            whole: false,
        }
    };
}

pub(super) use {choice, number, text};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::class_field;
    use crate::RequestClass;

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
            assert_eq!(
                parse_number_text(Kind::Data, &text, &c),
                Ok(value),
                "{text}"
            );
            let mut back = RequestClass::default();
            if value == 0.0 || value >= MIN_MAGNITUDE {
                field.set(&mut back, &text, &c).expect("reads back");
                assert_eq!(back.bytes_in, value, "{text}");
            } else {
                // Read back exactly, but refused: below a billionth of a byte.
                assert!(field.set(&mut back, &text, &c).is_err(), "{text}");
            }
        }
    }

    #[test]
    fn names_with_control_or_direction_characters_are_refused() {
        use crate::fields::scenario_field;
        let c = Conventions::default();
        let name = scenario_field("name").expect("field");
        for bad in ["a\u{1b}[2J", "a\u{9b}b", "abc\u{202e}fdp.exe", "a\u{2066}b"] {
            let mut s = crate::Scenario::default();
            let e = name.set(&mut s, bad, &c).unwrap_err();
            assert_eq!(
                e, "contains control or text-direction characters",
                "{bad:?}"
            );
            assert_eq!(s.name, crate::Scenario::default().name);
        }
        // Direction marks are text people type in right-to-left names.
        let mut s = crate::Scenario::default();
        name.set(&mut s, "\u{5e9}\u{200f} v2", &c)
            .expect("a mark is kept");
        assert_eq!(s.name, "\u{5e9}\u{200f} v2");
    }

    #[test]
    fn quoted_values_and_keys_are_escaped() {
        use crate::fields::{self, Inactive};
        let hostile = "x\r\nerror: dau: fake\u{1b}[2J";
        let applied = fields::apply(
            crate::Scenario::default(),
            &[(hostile, "1"), ("users_by", hostile)],
            Inactive::Ignore,
        );
        for refused in &applied.errors {
            let e = &refused.error;
            assert!(
                !e.field.chars().any(crate::text::is_hidden_control),
                "{e:?}"
            );
            assert!(
                !e.message.chars().any(crate::text::is_hidden_control),
                "{e:?}"
            );
            assert!(e.message.contains("x\\u{d}\\u{a}error"), "{e:?}");
        }
        assert_eq!(applied.errors.len(), 2);
        assert_eq!(
            applied.errors[0].error.field,
            "x\\u{d}\\u{a}error: dau: fake\\u{1b}[2J"
        );
    }

    #[test]
    fn tiny_values_are_refused_and_zero_is_not() {
        let field = class_field("in").expect("field");
        let c = Conventions::default();
        let mut class = RequestClass::default();
        assert_eq!(
            field.set(&mut class, "1e-320", &c),
            Err("must be 0 or at least 1e-9 B (got 1e-320 B)".to_owned())
        );
    }
}
