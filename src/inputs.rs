//! The scenario form: generic over the core's field table, so every field the
//! core knows appears here with its label, unit, help and error.

use envelope_core::fields::{self, Field, Input, CLASS_FIELDS, SCENARIO_FIELDS};
use envelope_core::Scenario;
use leptos::prelude::*;

use crate::erased;
use crate::erased::Memo;
use crate::field::LabelledField;
use crate::form::{ClassRow, Form};
use crate::list::keyed;

/// How many groups the form's fields come in ([`ScenarioForm`]).
pub const GROUPS: usize = 7;

/// The groups of the scenario's fields, in the table's order.
fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = Vec::new();
    for f in SCENARIO_FIELDS {
        if !groups.contains(&f.group) {
            groups.push(f.group);
        }
    }
    groups
}

/// Every scenario field, grouped as the core groups them, with the request
/// class table after the users; the first `groups_shown` groups only (the
/// page builds the form a group at a time).
#[component]
pub fn ScenarioForm(form: Form, groups_shown: erased::RwSignal<usize>) -> impl IntoView {
    groups()
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            // Changes once, when the group's stage comes: the group is
            // built then and kept.
            let shown = Memo::new(move |_| groups_shown.get() > index);
            move || shown.get().then(|| fields_group(form, group))
        })
        .map(IntoAny::into_any)
        .collect_view()
}

/// One group of fields, the request classes after the users.
fn fields_group(form: Form, group: &'static str) -> impl IntoView {
    let inputs = SCENARIO_FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| f.group == group)
        .map(|(i, f)| scenario_field(form, i, f))
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <fieldset class="group">
            <legend>{group}</legend>
            {(group == "Uncertainty").then(|| view! {
                <p class="group-help">
                    "Any number field above also takes a range, e.g. 1M..10M or 2 to 5: a 90% interval (see Uncertainty)."
                </p>
            }.into_any())}
            {inputs}
        </fieldset>
        {(group == "Users").then(|| view! { <ClassTable form /> }.into_any())}
    }
}

fn scenario_field(
    form: Form,
    index: usize,
    field: &'static Field<Scenario>,
) -> Option<impl IntoView> {
    let text = form.text(index)?;
    let key = field.key;
    let error = Memo::new(move |_| form.status.with(|s| s.error(key)));
    let active = Memo::new(move |_| form.status.with(|s| s.is_active(index)));
    let (options, on_edit) = choice(form, field.input);
    Some(view! {
        <div class="field" hidden=move || !active.get() data-field=key>
            <LabelledField
                id=["f-", key].concat()
                label=field.label
                text
                error
                options
                unit=field.unit
                help=field.help
                on_edit
            />
        </div>
    })
}

/// A choice's options, and what follows picking one: fields that just
/// became active get values rather than "is empty" errors. No options for a
/// text or number field.
fn choice(
    form: Form,
    input: Input,
) -> (
    &'static [(&'static str, &'static str)],
    Option<Callback<()>>,
) {
    match input {
        Input::Choice(options) => (
            options,
            Some(Callback::new(move |()| form.fill_activated())),
        ),
        Input::Number(_) | Input::Text => (&[], None),
    }
}

/// The request classes as an editable table; on a phone each row becomes a
/// card (CSS), labelled by the column names.
#[component]
fn ClassTable(form: Form) -> impl IntoView {
    let headers = CLASS_FIELDS
        .iter()
        .map(|f| {
            view! {
                <th scope="col">
                    {f.label}
                    {(!f.unit.is_empty()).then(|| view! { <span class="unit">{f.unit}</span> }.into_any())}
                </th>
            }
        })
        .map(IntoAny::into_any).collect_view();
    let classes_error = Memo::new(move |_| form.status.with(|s| s.error("classes")));
    // Rows keyed by their ids, written out (see crate::list).
    let row_keys = Memo::new(move |_| {
        form.rows
            .with(|rows| rows.iter().map(|r| r.id.to_string()).collect())
    });
    let row_view = move |key: String| {
        form.rows
            .with_untracked(|rows| rows.iter().find(|r| r.id.to_string() == key).cloned())
            .map(|row| view! { <ClassRowView form row /> })
            .into_any()
    };
    view! {
        <fieldset class="group classes">
            <legend>"Request classes"</legend>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Request classes (scrolls sideways when narrow)">
                <table class="class-table">
                    <thead>
                        <tr>
                            {headers}
                            <th scope="col">
                                <span class="sr-only">"Remove"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody node_ref=keyed(row_keys, row_view)></tbody>
                </table>
            </div>
            <button type="button" class="add" on:click=move |_| form.add_class()>
                "Add request class"
            </button>
            {move || classes_error.get().map(|m| view! { <p class="error" role="alert">{m}</p> }.into_any())}
        </fieldset>
    }
}

#[component]
fn ClassRowView(form: Form, row: ClassRow) -> impl IntoView {
    let id = row.id;
    // The row's current position: error keys and labels count from it.
    let position = Memo::new(move |_| {
        form.rows
            .with(|rows| rows.iter().position(|r| r.id == id).unwrap_or(0))
    });
    let number = move || (position.get() + 1).to_string();
    let cells = CLASS_FIELDS
        .iter()
        .zip(row.texts)
        .map(|(field, text)| class_cell(form, id, position, field, text))
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <tr data-class-row=id.to_string()>
            {cells}
            <td class="remove">
                <button
                    type="button"
                    aria-label=move || ["Remove request class ", &number()].concat()
                    on:click=move |_| form.remove_class(id)
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

fn class_cell(
    form: Form,
    row_id: u32,
    position: Memo<usize>,
    field: &'static Field<envelope_core::RequestClass>,
    text: ArcRwSignal<String>,
) -> impl IntoView {
    let key = field.key;
    let row = row_id.to_string();
    let id = ["c", row.as_str(), "-", key].concat();
    let error = Memo::new(move |_| {
        let error_key = fields::class_field_key(position.get(), key);
        form.status.with(|s| s.error(&error_key))
    });
    let index = CLASS_FIELDS.iter().position(|f| f.key == key);
    let active = Memo::new(move |_| {
        let at = position.get();
        index.is_none_or(|i| form.status.with(|s| s.class_field_is_active(at, i)))
    });
    let label = Memo::new(move |_| {
        [
            field.label,
            " (request class ",
            &(position.get() + 1).to_string(),
            ")",
        ]
        .concat()
    });
    let (options, on_edit) = choice(form, field.input);
    let placeholder = Memo::new(move |_| {
        match (active.get(), key) {
            (true, _) => field.empty_means().unwrap_or(""),
            (false, "stored") => "n/a for reads",
            (false, _) => "n/a",
        }
        .to_owned()
    });
    view! {
        <td data-label=field.label data-key=key>
            <LabelledField
                id
                label=field.label
                aria_label=Some(label)
                text=RwSignal::from(text)
                error
                options
                placeholder=Some(placeholder)
                disabled=Some(Memo::new(move |_| !active.get()))
                on_edit
            />
        </td>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_builds_every_group() {
        assert_eq!(super::groups().len(), super::GROUPS);
    }
}
