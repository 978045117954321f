//! The form's state: the text of every input exactly as typed, and what the
//! core makes of it.
//!
//! The texts are the source of truth, not a parsed [`Scenario`]: a half-typed
//! `3 M` must stay on screen while it is invalid. Every keystroke rebuilds the
//! scenario from the texts with [`fields::form_pairs`] and [`fields::apply`],
//! the edit path share links and the CLI take too (a bad field keeps its last
//! good value and reports one error), and re-estimates it, so one bad field
//! never blanks the other results.
//!
//! The page's own settings that travel with the scenario (the availability
//! section's target and system, interview mode: [`fields::SETTINGS`]) are
//! texts of the form too, sent as pairs after the others; the sections that
//! show them write their texts here, so links and drafts carry them. So are
//! the follow-up calculators' inputs ([`FOLLOWUP_FIELDS`]): an empty text
//! leaves an input to the scenario or the calculator's default.

use envelope_core::fields::{
    self, Inactive, Input, Setting, CLASS_FIELDS, FOLLOWUP_FIELDS, SCENARIO_FIELDS, SETTINGS,
};
use envelope_core::{estimate, InputError, Report, RequestClass, Scenario};
use leptos::prelude::*;

use crate::erased;
use crate::erased::Memo;

/// One row of the request-class table.
#[derive(Clone)]
pub struct ClassRow {
    /// Stable across edits, additions and removals, so the table keeps its
    /// DOM (and the focused input) while the row's position changes.
    pub id: u32,
    /// The text of each class field, in [`CLASS_FIELDS`] order. Reference
    /// counted: a removed row's signals are freed with its view.
    pub texts: Vec<ArcRwSignal<String>>,
}

/// What the core made of the form.
#[derive(Clone, PartialEq)]
pub struct Outcome {
    /// The scenario as applied: bad fields keep their previous value.
    pub scenario: Scenario,
    /// One error per bad field (keys as in [`InputError::field`]).
    pub errors: Vec<InputError>,
    /// The latest report; stale when the current input cannot be estimated.
    pub report: Option<Report>,
    /// Whether `report` comes from an earlier input.
    pub stale: bool,
}

/// What the form's fields show besides their text: the errors and which
/// fields apply. A memo of its own, compared by value: a keystroke that only
/// changes numbers (the usual one) changes neither, so the ~130 fields'
/// memos are not re-run for it.
#[derive(Clone, Default, PartialEq)]
pub struct FieldStatus {
    errors: Vec<InputError>,
    /// Per scenario field, in [`SCENARIO_FIELDS`] order.
    active: Vec<bool>,
    /// Per request class, per field in [`CLASS_FIELDS`] order.
    class_active: Vec<Vec<bool>>,
}

impl FieldStatus {
    fn of(outcome: &Outcome) -> FieldStatus {
        let s = &outcome.scenario;
        FieldStatus {
            errors: outcome.errors.clone(),
            active: SCENARIO_FIELDS.iter().map(|f| f.is_active(s)).collect(),
            class_active: s
                .classes
                .iter()
                .map(|c| CLASS_FIELDS.iter().map(|f| f.is_active(c)).collect())
                .collect(),
        }
    }

    /// The error message of the field with this key, if it has one.
    pub fn error(&self, key: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == key)
            .map(|e| e.message.clone())
    }

    /// Whether scenario field `index` (in [`SCENARIO_FIELDS`] order) applies.
    pub fn is_active(&self, index: usize) -> bool {
        self.active.get(index).copied().unwrap_or(true)
    }

    /// Whether field `index` (in [`CLASS_FIELDS`] order) of request class
    /// `class` applies; true for a class the scenario does not have yet.
    pub fn class_field_is_active(&self, class: usize, index: usize) -> bool {
        self.class_active
            .get(class)
            .and_then(|c| c.get(index))
            .copied()
            .unwrap_or(true)
    }
}

/// The form: every text, the scenario it starts from, and the outcome.
#[derive(Clone, Copy)]
pub struct Form {
    /// Where values come from when a text is bad: the loaded preset, kept
    /// with as many classes as the table has rows.
    base: erased::RwSignal<Scenario>,
    /// The text of each scenario field, in [`SCENARIO_FIELDS`] order.
    texts: erased::StoredValue<Vec<RwSignal<String>>>,
    /// The request-class table.
    pub rows: erased::RwSignal<Vec<ClassRow>>,
    /// The text of each setting, in [`SETTINGS`] order; empty when unset.
    settings: erased::StoredValue<Vec<RwSignal<String>>>,
    /// The text of each follow-up input, in [`FOLLOWUP_FIELDS`] order;
    /// empty when unset.
    followup: erased::StoredValue<Vec<RwSignal<String>>>,
    next_id: erased::StoredValue<u32>,
    /// Recomputed on every change of any text.
    pub outcome: Memo<Outcome>,
    /// The outcome's errors and active fields.
    pub status: Memo<FieldStatus>,
}

impl Form {
    /// A form filled from `scenario`.
    pub fn new(scenario: Scenario) -> Form {
        let texts: Vec<RwSignal<String>> = SCENARIO_FIELDS
            .iter()
            .map(|f| {
                RwSignal::new(fields::scenario_field_text(&scenario, f.key).unwrap_or_default())
            })
            .collect();
        let base = erased::RwSignal::new(scenario.clone());
        let rows = erased::RwSignal::new(Vec::new());
        let settings: Vec<RwSignal<String>> = SETTINGS
            .iter()
            .map(|s| RwSignal::new(s.text(&scenario).unwrap_or_default()))
            .collect();
        let followup: Vec<RwSignal<String>> = FOLLOWUP_FIELDS
            .iter()
            .map(|f| {
                RwSignal::new(fields::followup_field_text(&scenario, f.key).unwrap_or_default())
            })
            .collect();
        let texts_for_memo = texts.clone();
        let settings_for_memo = settings.clone();
        let followup_for_memo = followup.clone();
        let outcome = Memo::new(move |previous: Option<&Outcome>| {
            let scenario_texts: Vec<(String, String)> = SCENARIO_FIELDS
                .iter()
                .zip(&texts_for_memo)
                .map(|(f, t)| (f.key.to_owned(), t.get()))
                .collect();
            let class_texts: Vec<Vec<(String, String)>> = rows.with(|rows: &Vec<ClassRow>| {
                rows.iter()
                    .map(|row| {
                        CLASS_FIELDS
                            .iter()
                            .zip(&row.texts)
                            .map(|(f, t)| (f.key.to_owned(), t.get()))
                            .collect()
                    })
                    .collect()
            });
            let mut pairs = fields::form_pairs(&scenario_texts, &class_texts);
            pairs.extend(
                SETTINGS
                    .iter()
                    .zip(&settings_for_memo)
                    .map(|(s, t)| (s.key().to_owned(), t.get())),
            );
            pairs.extend(
                FOLLOWUP_FIELDS
                    .iter()
                    .zip(&followup_for_memo)
                    .map(|(f, t)| (f.key.to_owned(), t.get())),
            );
            // The texts of fields that do not apply stay on screen, unread.
            let applied = base.with(|b| fields::apply(b.clone(), &pairs, Inactive::Ignore));
            let scenario = applied.scenario;
            let mut errors: Vec<InputError> = applied.errors.into_iter().map(|r| r.error).collect();
            match estimate(&scenario) {
                Ok(report) => Outcome {
                    scenario,
                    errors,
                    report: Some(report),
                    stale: false,
                },
                Err(more) => {
                    // Range errors repeat what apply already said;
                    // keep one message per field.
                    for e in more {
                        if !errors.iter().any(|x| x.field == e.field) {
                            errors.push(e);
                        }
                    }
                    let report = previous.and_then(|p| p.report.clone());
                    Outcome {
                        scenario,
                        errors,
                        report,
                        stale: true,
                    }
                }
            }
        });
        let form = Form {
            base,
            texts: erased::StoredValue::new(texts),
            rows,
            settings: erased::StoredValue::new(settings),
            followup: erased::StoredValue::new(followup),
            next_id: erased::StoredValue::new(0),
            outcome,
            status: Memo::new(move |_| outcome.with(FieldStatus::of)),
        };
        form.rows.set(form.rows_of(&scenario));
        form
    }

    /// The text signal of scenario field `index` (in [`SCENARIO_FIELDS`] order).
    pub fn text(&self, index: usize) -> Option<RwSignal<String>> {
        self.texts.with_value(|t| t.get(index).copied())
    }

    /// The text of `setting`: empty when it is not set (the page's
    /// default). Sections write a text here only once it reads.
    pub fn setting(&self, setting: Setting) -> RwSignal<String> {
        let index = SETTINGS.iter().position(|s| *s == setting).unwrap_or(0);
        // One text per setting, made from SETTINGS itself: always there.
        self.settings.with_value(|s| s[index])
    }

    /// The text of follow-up input `key` (`bloom.items`): empty when it is
    /// not set. `None` for a key that is not in [`FOLLOWUP_FIELDS`].
    pub fn followup_text(&self, key: &str) -> Option<RwSignal<String>> {
        let index = FOLLOWUP_FIELDS.iter().position(|f| f.key == key)?;
        self.followup.with_value(|t| t.get(index).copied())
    }

    /// Replaces every text with `scenario`'s values (a preset).
    pub fn load(&self, scenario: Scenario) {
        self.texts.with_value(|texts| {
            for (f, t) in SCENARIO_FIELDS.iter().zip(texts) {
                t.set(fields::scenario_field_text(&scenario, f.key).unwrap_or_default());
            }
        });
        self.settings.with_value(|texts| {
            for (s, t) in SETTINGS.iter().zip(texts) {
                let text = s.text(&scenario).unwrap_or_default();
                if t.with_untracked(|t| *t != text) {
                    t.set(text);
                }
            }
        });
        self.followup.with_value(|texts| {
            for (f, t) in FOLLOWUP_FIELDS.iter().zip(texts) {
                let text = fields::followup_field_text(&scenario, f.key).unwrap_or_default();
                if t.with_untracked(|t| *t != text) {
                    t.set(text);
                }
            }
        });
        self.rows.set(self.rows_of(&scenario));
        self.base.set(scenario);
    }

    fn rows_of(&self, scenario: &Scenario) -> Vec<ClassRow> {
        (0..scenario.classes.len())
            .map(|i| self.row_of(scenario, i))
            .collect()
    }

    fn row_of(&self, scenario: &Scenario, index: usize) -> ClassRow {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        let texts = CLASS_FIELDS
            .iter()
            .map(|f| {
                ArcRwSignal::new(
                    fields::class_field_text(scenario, index, f.key).unwrap_or_default(),
                )
            })
            .collect();
        ClassRow { id, texts }
    }

    /// Appends a request class with default values.
    pub fn add_class(&self) {
        let mut scenario = self.outcome.with_untracked(|o| o.scenario.clone());
        let class = RequestClass {
            name: String::from("request ") + &(scenario.classes.len() + 1).to_string(),
            ..RequestClass::default()
        };
        scenario.classes.push(class.clone());
        let row = self.row_of(&scenario, scenario.classes.len() - 1);
        self.base.update(|b| b.classes.push(class));
        self.rows.update(|rows| rows.push(row));
    }

    /// Removes the request class whose row has this id.
    pub fn remove_class(&self, id: u32) {
        let Some(position) = self
            .rows
            .with_untracked(|rows| rows.iter().position(|r| r.id == id))
        else {
            return;
        };
        self.rows.update(|rows| {
            rows.remove(position);
        });
        self.base.update(|b| {
            if position < b.classes.len() {
                b.classes.remove(position);
            }
        });
    }

    /// After a choice changed (daily or monthly users, read or write, ...),
    /// fields that just became active and have no text get the value the
    /// core derived for them, rather than an "is empty" error.
    pub fn fill_activated(&self) {
        let scenario = self.outcome.with_untracked(|o| o.scenario.clone());
        self.texts.with_value(|texts| {
            for (f, t) in SCENARIO_FIELDS.iter().zip(texts) {
                if t.with_untracked(String::is_empty) && f.is_active(&scenario) {
                    t.set(fields::scenario_field_text(&scenario, f.key).unwrap_or_default());
                }
            }
        });
        self.rows.with_untracked(|rows| {
            for (index, (row, class)) in rows.iter().zip(&scenario.classes).enumerate() {
                for (f, t) in CLASS_FIELDS.iter().zip(&row.texts) {
                    // An empty text that means something (bytes stored left
                    // empty is "same as bytes in") stays empty.
                    let fillable = f.empty_means().is_none() && matches!(f.input, Input::Number(_));
                    if fillable && t.with_untracked(String::is_empty) && f.is_active(class) {
                        t.set(
                            fields::class_field_text(&scenario, index, f.key).unwrap_or_default(),
                        );
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::link;

    #[test]
    fn settings_travel_through_the_form() {
        Owner::new().with(|| {
            let opened = link::decode(
                "v=1&availability.target=99.99%25&availability.system=lb+99.99%25;app+99.9%25+x3+any&interview=on",
            )
            .scenario;
            let form = Form::new(opened.clone());
            assert_eq!(form.setting(Setting::AvailabilityTarget).get_untracked(), "99.99%");
            // The form's scenario, which links and drafts are written from,
            // keeps them.
            assert_eq!(form.outcome.get_untracked().scenario, opened);
            // A section writes a text: the scenario follows.
            form.setting(Setting::AvailabilityTarget)
                .set("four nines".to_owned());
            let s = form.outcome.get_untracked().scenario;
            assert_eq!(s.availability.target.as_deref(), Some("four nines"));
            assert!(link::encode(&s).contains("availability.target=four%20nines"));
            // A preset without them unsets them.
            form.load(Scenario::default());
            assert_eq!(form.setting(Setting::Interview).get_untracked(), "");
            assert_eq!(form.outcome.get_untracked().scenario, Scenario::default());
        });
    }

    #[test]
    fn followup_inputs_travel_through_the_form() {
        Owner::new().with(|| {
            let opened = link::decode("v=1&bloom.items=1M&backoff.jitter=none").scenario;
            let form = Form::new(opened.clone());
            let items = form.followup_text("bloom.items").expect("a text");
            assert_eq!(items.get_untracked(), "1 M");
            assert_eq!(form.outcome.get_untracked().scenario, opened);
            // Typed text is read by the core's grammar; empty unsets it.
            items.set("2 billion".to_owned());
            let s = form.outcome.get_untracked().scenario;
            assert!(
                link::encode(&s).contains("bloom.items=2bn"),
                "{}",
                link::encode(&s)
            );
            items.set(String::new());
            let s = form.outcome.get_untracked().scenario;
            assert!(!link::encode(&s).contains("bloom.items"));
            // A bad text is an error naming the input; the rest stays.
            form.followup_text("quorum.replicas")
                .expect("a text")
                .set("none".to_owned());
            let outcome = form.outcome.get_untracked();
            assert_eq!(outcome.errors.len(), 1);
            assert_eq!(outcome.errors[0].field, "quorum.replicas");
            assert!(link::encode(&outcome.scenario).contains("backoff.jitter=none"));
            // A preset without them clears them.
            form.load(Scenario::default());
            assert_eq!(
                form.followup_text("backoff.jitter")
                    .unwrap()
                    .get_untracked(),
                ""
            );
            assert!(form.followup_text("no.such").is_none());
        });
    }
}
