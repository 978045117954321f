//! The availability section: a target in nines and its downtime, the
//! scenario's system as editable parts with its composite availability, the
//! error budget of an SLO, and the nines chart.
//!
//! Everything is computed, and every input read, by the core's
//! `availability` module; these files only hold the text, call it and show
//! what it returns. User text (part names, inputs) is only ever rendered as
//! text; the one markup inserted is the chart's SVG ([`crate::drawing`]),
//! which envelope-charts escapes.
//!
//! - [`target`]: the target and its downtime table;
//! - [`editor`]: the system editor's state, rows of signals;
//! - [`system`]: the system editor's views and the composite;
//! - [`budget`]: the error budget and burn-rate alerts.

mod budget;
mod editor;
mod system;
mod target;

use envelope_charts::{nines_chart, NINES_TITLE};
use envelope_core::availability::{
    capped_parts, parse_system, parse_target, stack_from_sizing, system_text, Availability,
    Component, StackAvailabilities,
};
use envelope_core::fields::Setting;
use envelope_core::parse::ParseError;
use envelope_core::{keys, Conventions, Sizing};
use leptos::prelude::*;

use crate::charts::without_style_elements;
use crate::drawing::Drawing;
use crate::erased::{self, Memo};
use crate::form::Form;
use crate::visible::{chart_size, drawn_when_visible, drawn_width, near_screen, ElementRef};
use budget::BudgetPanel;
use editor::Editor;
use system::SystemPanel;
use target::TargetPanel;

/// The target the section opens with.
const FIRST_TARGET: &str = "99.9%";

/// The core's reading of a field, its error preceded by the field's name.
fn named<T>(field: &str, read: Result<T, ParseError>) -> Result<T, String> {
    read.map_err(|e| [field, ": ", &e.to_string()].concat())
}

/// Reads an availability (`99.95%`, `four nines`) or a downtime budget
/// (`43m 12s per month`), naming the field in the error.
fn read_target(field: &str, text: &str, c: &Conventions) -> Result<Availability, String> {
    named(field, parse_target(text, c))
}

/// The few numbers of the scenario and its report the section reads: the
/// counts `stack_from_sizing` sizes the system from and the calendar. Kept
/// in a memo so keystrokes that leave them alone (most of them) wake
/// nothing here.
#[derive(Clone, Copy, Debug, PartialEq)]
struct SectionInputs {
    /// The report's machine counts, when there is a report.
    sizing: Option<Sizing>,
    /// The scenario's conventions (month and year lengths for the tables).
    conventions: Conventions,
}

/// The whole section.
#[component]
pub fn AvailabilitySection(form: Form) -> impl IntoView {
    let inputs = Memo::new(move |_| {
        form.outcome.with(|o| SectionInputs {
            sizing: o.report.as_ref().map(|r| r.sizing),
            conventions: o.scenario.conventions,
        })
    });
    // Only the error budget's "failed requests" line follows the users.
    let requests_per_day = Memo::new(move |_| {
        form.outcome.with(|o| {
            o.report
                .as_ref()
                .and_then(|r| r.figure(keys::REQUESTS_PER_DAY))
                .map(|f| f.value.base_value())
        })
    });
    let conventions = Memo::new(move |_| inputs.with(|i| i.conventions));
    let target_setting = form.setting(Setting::AvailabilityTarget);
    let target_text = RwSignal::new(shown_target_text(&target_setting.get_untracked()));
    let target = Memo::new(move |_| {
        let c = conventions.get();
        target_text.with(|t| read_target("Availability target", t, &c))
    });
    travel_target(target_setting, target_text, target);
    // A bad target keeps the last good one on screen, like the scenario's
    // fields keep their last good value.
    let shown_target =
        Memo::new(
            move |previous: Option<&Option<Availability>>| match target.get() {
                Ok(a) => Some(a),
                Err(_) => previous.copied().flatten(),
            },
        );
    let editor = Editor::new();
    // Rebuilt only when the counts change.
    // Counts the system could not take as sized, said beside it.
    let capped = Memo::new(move |_| {
        inputs.with(|i| i.sizing.as_ref().map(capped_parts).unwrap_or_default())
    });
    let scenario_stack = Memo::new(move |_| {
        inputs.with(|i| {
            i.sizing
                .map(|sizing| stack_from_sizing(&sizing, &StackAvailabilities::default()))
        })
    });
    editor.follow(scenario_stack);
    travel_system(
        form.setting(Setting::AvailabilitySystem),
        editor,
        scenario_stack,
    );
    let system = Memo::new(move |_| {
        let c = conventions.get();
        editor.build().and_then(|tree| {
            tree.evaluate(&c)
                .map_err(|e| ["Components: ", &e.to_string()].concat())
        })
    });
    let composite = Memo::new(move |_| system.with(|s| s.as_ref().ok().map(|s| s.availability)));
    view! {
        <section class="availability" aria-labelledby="availability-title">
            <h2 id="availability-title">"Availability"</h2>
            <p class="help">
                "Availability in nines: the downtime a target allows, what the scenario's own servers, database and cache add up to, and the error budget an SLO leaves."
            </p>
            <div class="av-grid">
                <TargetPanel target_text target shown_target conventions />
                <NinesFigure target=shown_target composite conventions />
                <SystemPanel editor system scenario_stack capped target=shown_target conventions />
                <BudgetPanel target=shown_target conventions requests_per_day />
            </div>
        </section>
    }
}

/// The target text the section shows for the form's setting: the setting,
/// or the first target when it is unset.
fn shown_target_text(setting: &str) -> String {
    if setting.is_empty() {
        FIRST_TARGET.to_owned()
    } else {
        setting.to_owned()
    }
}

/// The form's setting for the target text `typed`: unset for the first
/// target, so a link leaves out what the page opens with anyway.
fn target_setting_text(typed: &str) -> String {
    match typed.trim() {
        FIRST_TARGET => String::new(),
        t => t.to_owned(),
    }
}

/// Keeps the target in the form's `availability.target` setting (and so
/// in links and drafts): a target that reads is written there, and a new
/// setting (a link or preset loaded) is shown. A half-typed target is not
/// written, so the setting keeps the last good one.
fn travel_target(
    setting: RwSignal<String>,
    text: RwSignal<String>,
    target: Memo<Result<Availability, String>>,
) {
    erased::effect(move || {
        // Tracks the text too: another spelling of the same target
        // (`99.990%`) is written as typed.
        let written = text.with(|t| target_setting_text(t));
        if target.with(Result::is_ok) && setting.with_untracked(|s| *s != written) {
            setting.set(written);
        }
    });
    erased::effect(move || {
        let stored = setting.get();
        if text.with_untracked(|t| target_setting_text(t)) != stored {
            text.set(shown_target_text(&stored));
        }
    });
}

/// The system text the editor's rows stand for when the user has made
/// them their own and they read; empty while they follow the scenario;
/// `None` while they do not read (half-typed). Tracked.
fn own_system_text(editor: Editor) -> Option<String> {
    if !editor.edited.get() {
        return Some(String::new());
    }
    parse_system(&system_text(&editor.system_rows()))
        .ok()
        .map(|rows| system_text(&rows))
}

/// Keeps the editor's rows in the form's `availability.system` setting:
/// rows the user edited, once they read, are written there (rows that
/// follow the scenario are not: the setting is unset); a new setting (a
/// link or preset loaded) is shown, or, unset, the scenario's stack again.
fn travel_system(
    setting: RwSignal<String>,
    editor: Editor,
    scenario_stack: Memo<Option<Component>>,
) {
    if let Ok(rows) = setting.with_untracked(|t| parse_system(t)) {
        editor.load_own(rows);
    }
    erased::effect(move || {
        if let Some(text) = own_system_text(editor) {
            if setting.with_untracked(|s| *s != text) {
                setting.set(text);
            }
        }
    });
    erased::effect(move || {
        let stored = setting.get();
        if untrack(|| own_system_text(editor)).as_ref() == Some(&stored) {
            return;
        }
        if stored.is_empty() {
            if let Some(tree) = scenario_stack.get_untracked() {
                editor.load(&tree);
            }
        } else if let Ok(rows) = parse_system(&stored) {
            editor.load_own(rows);
        }
    });
}

/// The nines chart: the target and the composite on the scale of nines.
#[component]
fn NinesFigure(
    target: Memo<Option<Availability>>,
    composite: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
) -> impl IntoView {
    // Redrawn only near the screen: the composite follows the scenario, so
    // off-screen it would otherwise be redrawn on every keystroke.
    let svg = ElementRef::new();
    let width = drawn_width(svg);
    let chart = drawn_when_visible(near_screen(svg), move || {
        let c = nines_chart(
            target.get(),
            composite.get(),
            &conventions.get(),
            chart_size(width.get(), 0.6, (260, 480)),
        );
        (without_style_elements(c.svg), c.alt)
    });
    view! {
        <figure class="chart av-chart" id="av-chart" aria-labelledby="av-chart-caption">
            <div node_ref=svg>
                <Drawing svg=Memo::new(move |_| chart.with(|c| c.0.clone())) />
            </div>
            <figcaption id="av-chart-caption">
                <strong>{NINES_TITLE}</strong>
                <span class="chart-alt">{move || chart.with(|c| c.1.clone())}</span>
            </figcaption>
        </figure>
    }
}
