//! Reading a scenario from a link's pairs: what the link format itself says
//! (version, duplicates, class numbering, the declared class count, overlong
//! values, names to clean) is sorted out here; the pairs left go through
//! [`fields::apply`], whose errors and warnings become link [`Warning`]s.

use super::query::Pair;
use super::{Decoded, Warning, MAX_VALUE_CHARS, MAX_WARNINGS, SHOWN_CHARS, VERSION};
use crate::fields::{
    self, FieldKey, Inactive, Input, KeyError, MAX_CLASSES, MAX_NAME_CHARS, SCENARIO_FIELDS,
};
use crate::{text, Scenario};

/// Warnings in link order, capped at [`MAX_WARNINGS`] when finished.
#[derive(Default)]
pub(super) struct Warnings {
    /// Each warning with the position in the link of the pair it is about.
    list: Vec<(usize, Warning)>,
    /// The position of the pair being read.
    at: usize,
}

impl Warnings {
    /// A warning about the pair at `key`; a key that is not text (it holds
    /// control or text-direction characters) is kept escaped, as messages
    /// quote it.
    pub(super) fn push(&mut self, key: &str, message: String) {
        self.list.push((
            self.at,
            Warning {
                key: escape(key),
                message,
            },
        ));
    }

    fn finish(mut self) -> Vec<Warning> {
        crate::sorting::sort_by_key(&mut self.list, |(at, _)| *at);
        let more = self.list.len().saturating_sub(MAX_WARNINGS);
        let mut list: Vec<Warning> = self
            .list
            .into_iter()
            .take(MAX_WARNINGS)
            .map(|(_, w)| w)
            .collect();
        if more > 0 {
            let s = if more == 1 { "" } else { "s" };
            list.push(Warning {
                key: String::new(),
                message: format!("and {more} more warning{s}"),
            });
        }
        list
    }
}

/// A pair of the link that names a field, kept to be applied.
struct Kept<'a> {
    pair: &'a Pair,
    key: FieldKey,
}

/// Reads one scenario from its pairs: sorts out what the link format itself
/// says (version, duplicates, class numbering, the declared class count,
/// overlong values, names to clean), then applies the rest with
/// [`fields::apply`] and words its errors and warnings as link warnings.
pub(super) fn read_scenario(pairs: &[Pair], prefix: &str, mut warnings: Warnings) -> Decoded {
    let keys: Vec<&str> = pairs.iter().map(|pair| pair.key.as_str()).collect();
    let repeated = crate::sorting::repeated(&keys);
    let mut scenario_pairs: Vec<Kept> = Vec::new();
    let mut classes = ClassPairs::default();
    let mut class_count: Option<&Pair> = None;

    for (pair, repeated) in pairs.iter().zip(repeated) {
        warnings.at = pair.position;
        let link_key = pair.link_key.as_str();
        if pair.bad_encoding {
            warnings.push(
                link_key,
                format!(
                    "'{}': invalid percent-encoding (not UTF-8)",
                    shorten(link_key)
                ),
            );
        }
        let key = FieldKey::parse(&pair.key);
        // `c0.in` and `classes.0.in` name one field: the first is kept.
        let spelled_twice = match key {
            Ok(key @ FieldKey::Class(index, _)) => classes
                .get(index)
                .is_some_and(|kept| kept.iter().any(|k| k.key == key)),
            _ => false,
        };
        if repeated || spelled_twice {
            warnings.push(
                link_key,
                format!("duplicate '{}' ignored", shorten(link_key)),
            );
            continue;
        }
        if pair.key == "v" {
            if pair.value.trim() != VERSION.to_string() {
                warnings.push(
                    link_key,
                    format!(
                        "link format version '{}' is not supported; read as version {VERSION}",
                        shorten(&pair.value)
                    ),
                );
            }
            continue;
        }
        match key {
            Ok(key @ FieldKey::ClassCount) => {
                if !too_long(pair, &key.label(), &mut warnings) {
                    class_count = Some(pair);
                }
            }
            Ok(key @ FieldKey::Scenario(field)) => {
                if !too_long(pair, field.label, &mut warnings) {
                    scenario_pairs.push(Kept { pair, key });
                }
            }
            Ok(key @ FieldKey::Followup(field)) => {
                if !too_long(pair, field.label, &mut warnings) {
                    scenario_pairs.push(Kept { pair, key });
                }
            }
            // A system of many parts is longer than other values: its own
            // limit, which its parser keeps too.
            Ok(key @ FieldKey::Setting(setting)) => {
                if !too_long_for(pair, setting.label(), setting.max_chars(), &mut warnings) {
                    scenario_pairs.push(Kept { pair, key });
                }
            }
            Ok(key @ FieldKey::Class(index, field)) if index < MAX_CLASSES => {
                if !too_long(pair, field.label, &mut warnings) {
                    classes.push(index, Kept { pair, key });
                }
            }
            Ok(FieldKey::Class(..)) | Err(KeyError::ClassLimit(_)) => warnings.push(
                link_key,
                format!(
                    "ignored '{}': at most {MAX_CLASSES} request classes, c0 to c{}",
                    shorten(link_key),
                    MAX_CLASSES - 1
                ),
            ),
            Err(_) => warnings.push(link_key, format!("ignored '{}'", shorten(link_key))),
        }
    }

    // Each pair handed to `fields::apply`, with the link pair it comes from.
    let mut applied_pairs: Vec<(String, String)> = Vec::new();
    let mut sources: Vec<Option<&Pair>> = Vec::new();
    for Kept { pair, key } in scenario_pairs {
        warnings.at = pair.position;
        let value = value_of(pair, key, &mut warnings);
        applied_pairs.push((pair.key.clone(), value));
        sources.push(Some(pair));
    }
    let mut s = Scenario::default();
    // A choice a link leaves out is its default, so the link chose it: a
    // field it switches off is ignored, as when the choice is written.
    for choice in SCENARIO_FIELDS {
        let given = applied_pairs.iter().any(|(key, _)| key == choice.key);
        if matches!(choice.input, Input::Choice(_)) && !given {
            if let Some(text) = choice.text(&s, &s.conventions) {
                applied_pairs.push((choice.key.to_owned(), text));
                sources.push(None);
            }
        }
    }
    let count_key = format!("{prefix}classes");
    let classes = read_classes(classes, class_count, &count_key, &mut warnings);
    if !classes.is_empty() {
        // The link's classes replace the default ones, each read from a new
        // class's defaults.
        s.classes.clear();
        applied_pairs.push(("classes".to_owned(), classes.len().to_string()));
        sources.push(None);
    }
    for (position, entries) in classes.into_iter().enumerate() {
        for Kept { pair, key } in entries {
            let FieldKey::Class(_, field) = key else {
                continue;
            };
            // Renumbered: the link's classes are read in order, without gaps.
            let key = FieldKey::Class(position, field);
            warnings.at = pair.position;
            let value = value_of(pair, key, &mut warnings);
            applied_pairs.push((key.link_key(), value));
            sources.push(Some(pair));
        }
    }

    let applied = fields::apply(s, &applied_pairs, Inactive::Keep);
    let source = |at: usize| sources.get(at).copied().flatten();
    for refused in &applied.errors {
        let (link_key, at) = source(refused.pair).map_or((count_key.as_str(), usize::MAX), |p| {
            (p.link_key.as_str(), p.position)
        });
        warnings.at = at;
        let message = match &refused.bad_key {
            Some(_) => format!("ignored '{}'", shorten(link_key)),
            None => shown_error(&refused.error.message, &applied_pairs[refused.pair].1),
        };
        warnings.push(link_key, message);
    }
    for ignored in &applied.warnings {
        let Some(pair) = source(ignored.pair) else {
            continue;
        };
        warnings.at = pair.position;
        let hint = ignored
            .field
            .applies_with(&applied.scenario)
            .map(|h| format!(", as it applies only with {h}"))
            .unwrap_or_default();
        warnings.push(
            &pair.link_key,
            format!("{}: ignored{hint}", ignored.field.label()),
        );
    }
    debug_assert!(fields::validate(&applied.scenario).is_empty());
    Decoded {
        scenario: applied.scenario,
        warnings: warnings.finish(),
    }
}

/// The value of a pair as it is applied: a name cleaned (see
/// [`clean_name`]), anything else as it is.
fn value_of(pair: &Pair, key: FieldKey, warnings: &mut Warnings) -> String {
    let is_text = match key {
        FieldKey::Scenario(field) => field.input == Input::Text,
        FieldKey::Class(_, field) => field.input == Input::Text,
        // A system's names are cleaned by its parser.
        FieldKey::ClassCount | FieldKey::Followup(_) | FieldKey::Setting(_) => false,
    };
    if is_text {
        clean_name(&pair.value, &key.label(), &pair.link_key, warnings)
    } else {
        pair.value.clone()
    }
}

/// The pairs of each request class the link names, by class index, in
/// index order. A sorted vector rather than a `BTreeMap`: one copy of the
/// B-tree's code fewer in the page (0.8 KB brotli).
#[derive(Default)]
struct ClassPairs<'a>(Vec<(usize, Vec<Kept<'a>>)>);

impl<'a> ClassPairs<'a> {
    /// The pairs kept for class `index`.
    fn get(&self, index: usize) -> Option<&[Kept<'a>]> {
        let at = self.0.binary_search_by_key(&index, |c| c.0).ok()?;
        Some(&self.0[at].1)
    }

    /// Keeps `kept` for class `index`.
    fn push(&mut self, index: usize, kept: Kept<'a>) {
        match self.0.binary_search_by_key(&index, |c| c.0) {
            Ok(at) => self.0[at].1.push(kept),
            Err(at) => self.0.insert(at, (index, vec![kept])),
        }
    }
}

/// The link's classes in order, after checking the declared count and the
/// numbering against them (with warnings).
fn read_classes<'a>(
    ClassPairs(classes): ClassPairs<'a>,
    class_count: Option<&Pair>,
    count_key: &str,
    warnings: &mut Warnings,
) -> Vec<Vec<Kept<'a>>> {
    warnings.at = usize::MAX;
    let declared = class_count.and_then(|pair| {
        warnings.at = pair.position;
        match fields::class_count(&pair.value) {
            Ok(n) => Some(n),
            Err(problem) => {
                let label = FieldKey::ClassCount.label();
                warnings.push(&pair.link_key, escape(&format!("{label}: {problem}")));
                None
            }
        }
    });
    warnings.at = usize::MAX;
    if classes.is_empty() {
        if let Some(n) = declared {
            warnings.push(
                count_key,
                format!(
                    "the link declares {n} request classes but has none; kept the default ones"
                ),
            );
        }
        return Vec::new();
    }
    if let Some(n) = declared {
        if n != classes.len() {
            warnings.push(
                count_key,
                format!(
                    "the link declares {n} request classes but has {}; was it cut short?",
                    classes.len()
                ),
            );
        }
    }
    let indexes: Vec<usize> = classes.iter().map(|(index, _)| *index).collect();
    if indexes
        .iter()
        .enumerate()
        .any(|(position, index)| position != *index)
    {
        let listed: Vec<String> = indexes.iter().take(5).map(|i| format!("c{i}")).collect();
        let more = if indexes.len() > 5 { ", ..." } else { "" };
        warnings.push(
            "",
            format!(
                "request classes should be numbered c0, c1, c2, ... without gaps; {}{more} were read as classes 1 to {}",
                listed.join(", "),
                indexes.len()
            ),
        );
    }
    classes.into_iter().map(|(_, kept)| kept).collect()
}

/// Skips (with a warning) a value longer than [`MAX_VALUE_CHARS`].
fn too_long(pair: &Pair, label: &str, warnings: &mut Warnings) -> bool {
    too_long_for(pair, label, MAX_VALUE_CHARS, warnings)
}

/// Skips (with a warning) a value longer than `max` characters.
fn too_long_for(pair: &Pair, label: &str, max: usize, warnings: &mut Warnings) -> bool {
    let long = pair.value.chars().nth(max).is_some();
    if long {
        warnings.push(
            &pair.link_key,
            format!("{label}: ignored a value longer than {max} characters"),
        );
    }
    long
}

/// A name as it is kept: without control and text-direction characters
/// ([`text::is_hidden_control`]), and at most [`MAX_NAME_CHARS`] characters.
fn clean_name(value: &str, label: &str, link_key: &str, warnings: &mut Warnings) -> String {
    let mut removed = 0;
    let mut name: String = value
        .chars()
        .filter(|c| {
            let drop = text::is_hidden_control(*c);
            removed += usize::from(drop);
            !drop
        })
        .collect();
    if removed > 0 {
        let s = if removed == 1 { "" } else { "s" };
        warnings.push(
            link_key,
            format!("{label}: removed {removed} control or text-direction character{s}"),
        );
    }
    if name.chars().count() > MAX_NAME_CHARS {
        name = name.chars().take(MAX_NAME_CHARS).collect();
        warnings.push(
            link_key,
            format!(
                "{label}: longer than {MAX_NAME_CHARS} characters; kept the first {MAX_NAME_CHARS}"
            ),
        );
    }
    name
}

/// An error message with the offending text shortened and made safe to show.
fn shown_error(message: &str, text: &str) -> String {
    let trimmed = text.trim();
    let message = if trimmed.chars().nth(SHOWN_CHARS).is_some() && !trimmed.is_empty() {
        message.replace(trimmed, &shorten(trimmed))
    } else {
        message.to_owned()
    };
    escape(&message)
}

/// At most 40 characters of untrusted text, safe to show.
pub(super) fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(SHOWN_CHARS).collect();
    if text.chars().nth(SHOWN_CHARS).is_some() {
        short.push('…');
    }
    escape(&short)
}

/// Control and text-direction characters as `\u{..}` escapes.
fn escape(text: &str) -> String {
    text::displayable(text).into_owned()
}
