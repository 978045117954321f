//! Writing a scenario as a link: only what differs from the defaults, each
//! value in its shortest text that reads back exactly.

use super::VERSION;
use crate::decimal::Decimal;
use crate::fields::{
    Field, FieldKey, Input, CLASS_FIELDS, FOLLOWUP_FIELDS, SCENARIO_FIELDS, SETTINGS,
};
use crate::{Conventions, InputRange, RequestClass, Scenario};

pub(super) fn write_scenario(out: &mut String, s: &Scenario, prefix: &str) {
    let defaults = Scenario::default();
    let conventions = &s.conventions;
    push_pair(out, prefix, "v", &VERSION.to_string());
    for field in SCENARIO_FIELDS {
        // Held text: a field that keeps its value while it does not apply
        // (connections per server without concurrency) travels with it,
        // as a class's bytes stored do.
        let Some(text) = field.held_text(s, conventions) else {
            continue;
        };
        if let Some(range) = s.uncertainty.range(field.key) {
            push_pair(
                out,
                prefix,
                field.key,
                &range_text(field, range, conventions),
            );
            continue;
        }
        // Compared under the scenario's own conventions, so an unchanged
        // value is never written just because it prints differently.
        if field.held_text(&defaults, conventions).as_deref() == Some(text.as_str()) {
            continue;
        }
        let text = match field.input {
            Input::Number(_) => exact_number(text, |t| reads_back(field, s, t, conventions)),
            _ => text,
        };
        push_pair(out, prefix, field.key, &text);
    }
    let class_ranges = s
        .uncertainty
        .ranges
        .iter()
        .any(|r| r.field.starts_with("classes."));
    if s.classes != defaults.classes || class_ranges {
        write_classes(out, s, prefix);
    }
    write_followup(out, s, prefix);
    // The page's settings, last, only when set: a link without them is
    // the page's defaults, as before they travelled.
    for setting in SETTINGS {
        if let Some(text) = setting.text(s) {
            push_pair(out, prefix, setting.key(), &text);
        }
    }
}

/// `classes=N`, then each class's fields.
fn write_classes(out: &mut String, s: &Scenario, prefix: &str) {
    let conventions = &s.conventions;
    push_pair(out, prefix, "classes", &s.classes.len().to_string());
    let default_class = RequestClass::default();
    for (index, class) in s.classes.iter().enumerate() {
        for field in CLASS_FIELDS {
            // Written whenever it holds a value, also when it does not apply
            // (a read's bytes stored), so that the scenario reads back exactly.
            let Some(text) = field.held_text(class, conventions) else {
                continue;
            };
            let key = FieldKey::Class(index, field);
            if let Some(range) = s.uncertainty.range(&key.id()) {
                if field.is_active(class) {
                    let text = range_text(field, range, conventions);
                    push_pair(out, prefix, &key.link_key(), &text);
                    continue;
                }
            }
            let default = field.held_text(&default_class, conventions);
            if field.key != "name" && default.as_deref() == Some(text.as_str()) {
                continue;
            }
            let text = match field.input {
                Input::Number(_) => {
                    exact_number(text, |t| reads_back(field, class, t, conventions))
                }
                _ => text,
            };
            push_pair(out, prefix, &key.link_key(), &text);
        }
    }
}

/// The follow-up inputs the user set, last, in table order: each value as
/// short as it reads back exactly.
fn write_followup(out: &mut String, s: &Scenario, prefix: &str) {
    for field in FOLLOWUP_FIELDS {
        let Some(value) = s.followup.get(field.key) else {
            continue;
        };
        let text = field.value_text(value, &s.conventions);
        let text = match field.input {
            Input::Number(_) => exact_number(text, |t| {
                field.parse(t, &s.conventions).ok().flatten().as_ref() == Some(value)
            }),
            _ => text,
        };
        push_pair(out, prefix, field.key, &text);
    }
}

/// `low..high`, each end as short as [`exact_number`] makes it.
fn range_text<T>(field: &Field<T>, range: &InputRange, conventions: &Conventions) -> String {
    let end = |value: f64| {
        exact_number(field.value_text(value, conventions), |t| {
            field.parse_value(t, conventions) == Ok(value)
        })
    };
    format!("{}..{}", end(range.low), end(range.high))
}

/// Whether setting `field` of `target` from `text` leaves `target` unchanged.
fn reads_back<T: Clone + PartialEq>(
    field: &Field<T>,
    target: &T,
    text: &str,
    conventions: &Conventions,
) -> bool {
    let mut probe = target.clone();
    field.set(&mut probe, text, conventions).is_ok() && probe == *target
}

/// The shortest of a number field's texts that reads back exactly: `text`
/// without its spaces, `text` itself, or the number in scientific notation
/// (for values whose plain digits are too long to read, such as 1e-300).
fn exact_number(text: String, reads_back: impl Fn(&str) -> bool) -> String {
    let compact: String = text.chars().filter(|c| *c != ' ').collect();
    if compact != text && reads_back(&compact) {
        return compact;
    }
    if reads_back(&text) {
        return text;
    }
    // Field::text falls back to Rust's shortest exact digits plus a unit
    // (`0.000…1 B`); the same number in scientific notation is short.
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(text.len());
    if let Some(value) = crate::decimal::parse(&text[..end]) {
        let unit = &text[end..];
        for candidate in [
            format!("{:e}{}", Decimal(value), unit.trim_start()),
            format!("{:e}{unit}", Decimal(value)),
        ] {
            if reads_back(&candidate) {
                return candidate;
            }
        }
    }
    text
}

fn push_pair(out: &mut String, prefix: &str, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    percent_encode(out, prefix);
    percent_encode(out, key);
    out.push('=');
    percent_encode(out, value);
}

/// Percent-encodes `text` onto `out`: ASCII letters, digits, `-._~` and the
/// harmless `,/:$` are kept; everything else, spaces (`%20`) and `+` (`%2B`)
/// included, is written as `%XX` bytes of its UTF-8.
pub(super) fn percent_encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~,/:$".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}
