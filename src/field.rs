//! One labelled input with its help and inline error, for every field of the
//! page: the scenario form, the request-class table and the availability
//! section.
//!
//! A field is a `<label>` (or, in a table whose column headers name it, an
//! `aria-label`), a text input or a `<select>`, an optional help with the
//! unit, and the error as `<p class="error" id="{id}-err" role="alert">`
//! while there is one. The control points at the help, and at the error
//! while it shows, with `aria-describedby` (never at an id that is not in
//! the page), and is `aria-invalid` while the error shows. The
//! container (a `div.field`, a table cell) is the caller's.

use leptos::prelude::*;

use crate::erased::Memo;

/// `aria-invalid` wants the string "true", not a bare attribute.
fn invalid(has_error: bool) -> Option<&'static str> {
    has_error.then_some("true")
}

/// Whether an optional flag is there and set (tracked).
fn is_set(flag: Option<Memo<bool>>) -> bool {
    flag.is_some_and(|f| f.get())
}

/// The ids a control is described by: its help's, and its error's while
/// the error shows (only ids that exist in the page).
///
/// The attributes above are written as closures in place, not as closure
/// variables: the view! macro gives every attribute written as a closure
/// one value type (patches/leptos_macro/PATCH.md), so one copy of Leptos'
/// attribute code serves them all.
fn described_by(
    help_id: Option<&str>,
    error_id: &str,
    error: Memo<Option<String>>,
) -> Option<String> {
    let error = error.with(Option::is_some).then_some(error_id);
    let ids: Vec<&str> = help_id.into_iter().chain(error).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled text input or choice with its help and inline error.
#[component]
pub fn LabelledField(
    /// The control's id; the error's is `{id}-err` and the help's `{id}-help`.
    #[prop(into)]
    id: String,
    /// What the field is, in a `<label>` (none with `aria_label`).
    label: &'static str,
    /// The control's `aria-label`, in place of the `<label>`: for a table
    /// cell, whose column header shows `label` (`Bytes in (request class 2)`).
    #[prop(optional_no_strip)]
    aria_label: Option<Memo<String>>,
    /// The text as typed, or the chosen option's value.
    text: RwSignal<String>,
    /// The field's error, shown under it.
    error: Memo<Option<String>>,
    /// `(value, label)` options: a `<select>` rather than a text input.
    #[prop(optional)]
    options: &'static [(&'static str, &'static str)],
    /// The unit the field is read in, shown with the help.
    #[prop(optional)]
    unit: &'static str,
    /// A line of help under the control.
    #[prop(optional)]
    help: &'static str,
    /// The text input's placeholder; for a choice, the option selected
    /// while `text` is empty (the value in use when none is chosen).
    #[prop(optional_no_strip)]
    placeholder: Option<Memo<String>>,
    /// Whether the field does not apply now; a disabled text input shows no
    /// text (it keeps it for when the field applies again).
    #[prop(optional_no_strip)]
    disabled: Option<Memo<bool>>,
    /// Called after every edit, once `text` has the new value.
    #[prop(optional_no_strip)]
    on_edit: Option<Callback<()>>,
) -> impl IntoView {
    let error_id = [id.as_str(), "-err"].concat();
    let has_help = !(unit.is_empty() && help.is_empty());
    let help_id = has_help.then(|| [id.as_str(), "-help"].concat());
    let help_for_described = help_id.clone();
    let error_for_described = error_id.clone();
    let is_disabled = move || is_set(disabled);
    let edited = move |value: String| {
        text.set(value);
        if let Some(on_edit) = on_edit {
            on_edit.run(());
        }
    };
    let has_label = aria_label.is_none();
    let control = if options.is_empty() {
        view! {
            <input
                type="text"
                id=id.clone()
                autocomplete="off"
                spellcheck="false"
                aria-label=move || aria_label.map(|l| l.get())
                aria-describedby=move || described_by(help_for_described.as_deref(), &error_for_described, error)
                aria-invalid=move || invalid(error.with(Option::is_some))
                disabled=move || is_set(disabled)
                placeholder=move || placeholder.map(|p| p.get())
                prop:value=move || if is_disabled() { String::new() } else { text.get() }
                on:input=move |ev| edited(event_target_value(&ev))
            />
        }
        .into_any()
    } else {
        let options = options
            .iter()
            .map(|&(value, option)| {
                view! {
                    <option value=value prop:selected=move || text.with(|t| {
                        if t.is_empty() {
                            placeholder.is_some_and(|p| p.with(|p| p == value))
                        } else {
                            t == value
                        }
                    })>
                        {option}
                    </option>
                }
            })
            .map(IntoAny::into_any)
            .collect_view();
        view! {
            <select
                id=id.clone()
                aria-label=move || aria_label.map(|l| l.get())
                aria-describedby=move || described_by(help_for_described.as_deref(), &error_for_described, error)
                aria-invalid=move || invalid(error.with(Option::is_some))
                disabled=move || is_set(disabled)
                on:change=move |ev| edited(event_target_value(&ev))
            >
                {options}
            </select>
        }
        .into_any()
    };
    view! {
        {has_label.then(|| view! { <label for=id>{label}</label> }.into_any())}
        {control}
        {help_id.map(|help_id| view! {
            <small class="help" id=help_id>
                {(!unit.is_empty()).then(|| view! { <span class="unit">{unit}</span> }.into_any())}
                {help}
            </small>
        }.into_any())}
        {move || {
            error.get().map(|message| view! { <p class="error" id=error_id.clone() role="alert">{message}</p> }.into_any())
        }}
    }
}
