//! The system editor's views: the parts and groups as rows of inputs, the
//! buttons that add, remove and reset them, and the composite availability
//! they add up to.

use envelope_core::availability::{
    Availability, Component, Redundancy, StackAvailabilities, SystemAvailability, Verdict,
};
use envelope_core::{format, Conventions, Measure};
use leptos::prelude::*;

use super::editor::{Editor, GroupState, PartState, RowState};
use super::target::DowntimeTableView;
use crate::erased::Memo;
use crate::field::LabelledField;
use crate::list::keyed;

/// The redundancy choices: the value of each `<option>` and its label.
const REDUNDANCY: [(Redundancy, &str, &str); 3] = [
    (Redundancy::Single, "single", "single"),
    (Redundancy::AnyOfN, "any", "1 of N (any one)"),
    (Redundancy::KOfN, "k-of-n", "k of n (quorum)"),
];

/// The redundancy an `<option>` value stands for; single for any other.
fn redundancy_of(value: &str) -> Redundancy {
    REDUNDANCY
        .iter()
        .find(|(_, v, _)| *v == value)
        .map_or(Redundancy::Single, |(r, _, _)| *r)
}

/// The parts, their buttons and the composite.
#[component]
pub(super) fn SystemPanel(
    editor: Editor,
    system: Memo<Result<SystemAvailability, String>>,
    scenario_stack: Memo<Option<Component>>,
    capped: Memo<Vec<String>>,
    /// The target the composite is judged against.
    #[prop(into)]
    target: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
) -> impl IntoView {
    let reset = move |_| {
        if let Some(tree) = scenario_stack.get_untracked() {
            editor.load(&tree);
        }
    };
    let defaults = StackAvailabilities::default();
    let assumptions = format!(
        "Filled from the scenario's application servers (any one can serve), storage replication (a majority must be up to write) and cache nodes (any one will do), behind a load balancer (a pair when there are several app servers). Assumed per part: load balancer {}, app server {}, database replica {}, cache node {}. Failures are taken as independent, so many nines are an upper bound.",
        defaults.load_balancer, defaults.app_server, defaults.database_replica, defaults.cache_node
    );
    // Rows keyed by their ids, written out (see crate::list).
    let row_keys = Memo::new(move |_| {
        editor
            .rows
            .with(|rows| rows.iter().map(|r| r.id().to_string()).collect())
    });
    let row_view = move |key: String| {
        editor
            .rows
            .with_untracked(|rows| rows.iter().find(|r| r.id().to_string() == key).cloned())
            .map(|row| view! { <RowView editor row /> })
            .into_any()
    };
    let status = move || {
        if editor.edited.get() {
            "Edited: the parts no longer follow the scenario.".to_owned()
        } else {
            capped.with(|notes| {
                notes
                    .iter()
                    .fold("Following the scenario.".to_owned(), |text, note| {
                        [&text, " Capped: ", note, "."].concat()
                    })
            })
        }
    };
    view! {
        <div class="av-panel av-system">
            <h3>"System"</h3>
            <p class="help">{assumptions}</p>
            <p class="help" role="status" id="av-system-status">{status}</p>
            <ul class="av-parts" aria-label="Components, all needed (in series)" node_ref=keyed(row_keys, row_view)></ul>
            <div class="av-buttons">
                <button type="button" on:click=move |_| editor.add_part()>
                    "Add component"
                </button>
                <button type="button" on:click=move |_| editor.add_group()>
                    "Add parallel group"
                </button>
                <button type="button" on:click=reset>
                    "Reset from scenario"
                </button>
            </div>
            <CompositeView system target conventions />
        </div>
    }
}

#[component]
fn RowView(editor: Editor, row: RowState) -> impl IntoView {
    match row {
        RowState::Part(part) => view! { <PartView editor part /> }.into_any(),
        RowState::Group(group) => view! { <GroupView editor group /> }.into_any(),
    }
}

#[component]
fn GroupView(editor: Editor, group: GroupState) -> impl IntoView {
    let id = group.id;
    let kind_id = format!("av-g{id}-kind");
    let parallel = group.parallel.clone();
    let parallel_selected = group.parallel.clone();
    let set_parallel = group.parallel.clone();
    let parts = group.parts.clone();
    let part_keys = {
        let parts = parts.clone();
        Memo::new(move |_| parts.with(|p| p.iter().map(|p| p.id.to_string()).collect()))
    };
    let part_view = move |key: String| {
        parts
            .with_untracked(|p| p.iter().find(|p| p.id.to_string() == key).cloned())
            .map(|part| view! { <PartView editor part /> })
            .into_any()
    };
    let summary = {
        let parallel = group.parallel.clone();
        let parts = group.parts.clone();
        move || {
            let count = parts.with(Vec::len).to_string();
            if parallel.get() {
                ["Group: any one of ", &count, " will do"].concat()
            } else {
                ["Group: all ", &count, " needed"].concat()
            }
        }
    };
    view! {
        <li class="av-group" data-row=id>
            <fieldset>
                <legend>{summary}</legend>
                <div class="field">
                    <label for=kind_id.clone()>"Group kind"</label>
                    <select
                        id=kind_id
                        on:change=move |ev| {
                            set_parallel.set(event_target_value(&ev) == "parallel");
                            editor.changed();
                        }
                    >
                        <option value="parallel" prop:selected=move || parallel_selected.get()>
                            "parallel: any one will do"
                        </option>
                        <option value="series" prop:selected=move || !parallel.get()>
                            "series: all needed"
                        </option>
                    </select>
                </div>
                <ul class="av-parts" node_ref=keyed(part_keys, part_view)></ul>
                <div class="av-buttons">
                    <button type="button" on:click={
                        let group = group.clone();
                        move |_| editor.add_to_group(&group)
                    }>"Add component to group"</button>
                    <button type="button" on:click=move |_| editor.remove(id)>
                        "Remove group"
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

#[component]
fn PartView(editor: Editor, part: PartState) -> impl IntoView {
    let id = part.id;
    let field_id = move |field: &str| format!("av-p{id}-{field}");
    let problems = {
        let part = part.clone();
        Memo::new(move |_| part.row().read().err().unwrap_or_default())
    };
    let redundancy = part.redundancy.clone();
    let shows_n = {
        let r = redundancy.clone();
        move || r.get() != Redundancy::Single
    };
    let shows_k = {
        let r = redundancy.clone();
        move || r.get() == Redundancy::KOfN
    };
    let remove_label = {
        let name = part.name.clone();
        move || ["Remove ", &name.get()].concat()
    };
    let options = REDUNDANCY
        .into_iter()
        .map(|(r, value, label)| {
            let current = redundancy.clone();
            view! { <option value=value prop:selected=move || current.get() == r>{label}</option> }
        })
        .map(IntoAny::into_any)
        .collect_view();
    let set_redundancy = redundancy.clone();
    // Any edit makes the rows the user's own.
    let on_edit = Some(Callback::new(move |()| editor.changed()));
    view! {
        <li class="av-part" data-row=id>
            <div class="field">
                <LabelledField
                    id=field_id("name")
                    label="Name"
                    text=RwSignal::from(part.name.clone())
                    error=Memo::new(|_| None::<String>)
                    on_edit
                />
            </div>
            <div class="field">
                <LabelledField
                    id=field_id("availability")
                    label="Availability"
                    text=RwSignal::from(part.availability.clone())
                    error=Memo::new(move |_| problems.with(|p| p.availability.clone()))
                    on_edit
                />
            </div>
            <div class="field">
                <label for=field_id("kind")>"Redundancy"</label>
                <select
                    id=field_id("kind")
                    on:change=move |ev| {
                        set_redundancy.set(redundancy_of(&event_target_value(&ev)));
                        editor.changed();
                    }
                >
                    {options}
                </select>
            </div>
            <div class="av-count" hidden=move || !shows_k()>
                <div class="field">
                    <LabelledField
                        id=field_id("k")
                        label="Needed (k)"
                        text=RwSignal::from(part.k.clone())
                        error=Memo::new(move |_| problems.with(|p| p.k.clone()))
                        on_edit
                    />
                </div>
            </div>
            <div class="av-count" hidden=move || !shows_n()>
                <div class="field">
                    <LabelledField
                        id=field_id("n")
                        label="Replicas (n)"
                        text=RwSignal::from(part.n.clone())
                        error=Memo::new(move |_| problems.with(|p| p.n.clone()))
                        on_edit
                    />
                </div>
            </div>
            <button
                type="button"
                class="av-remove"
                aria-label=remove_label
                on:click=move |_| editor.remove(id)
            >
                "Remove"
            </button>
        </li>
    }
}

/// The composite availability, whether it meets the target, its downtime
/// and the limiting part.
#[component]
fn CompositeView(
    system: Memo<Result<SystemAvailability, String>>,
    target: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
) -> impl IntoView {
    // The core's verdict (met or missed, by how much); empty without a
    // system or a target.
    let verdict = Memo::new(move |_| {
        let c = conventions.get();
        let Some(target) = target.get() else {
            return String::new();
        };
        system.with(|s| {
            s.as_ref()
                .map(|s| Verdict::new(s.availability, target, &c).text)
                .unwrap_or_default()
        })
    });
    let ok = move |f: fn(&SystemAvailability) -> String| {
        move || system.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    let error = move || system.with(|s| s.as_ref().err().cloned());
    let limiting = ok(|s| match &s.limiting {
        Some(l) => l.name.clone(),
        None => "none: the system is never down".to_owned(),
    });
    let limiting_detail = ok(|s| {
        s.limiting
            .as_ref()
            .map(|l| {
                format!(
                    "were it perfect, the system would reach {} ({} of its downtime gone)",
                    l.availability_if_perfect,
                    format::measure(&Measure::Fraction(l.share), &Conventions::default())
                )
            })
            .unwrap_or_default()
    });
    let table = Memo::new(move |_| system.with(|s| s.as_ref().ok().map(|s| s.table.clone())));
    view! {
        <div class="av-composite" aria-live="polite">
            <h4>"Composite"</h4>
            {move || error().map(|m| view! { <p class="error" role="alert" id="av-system-err">{m}</p> })}
            <p id="av-verdict" role="status" class="av-verdict">{move || verdict.get()}</p>
            <dl class="av-result" hidden=move || system.with(Result::is_err)>
                <div>
                    <dt>"Availability"</dt>
                    <dd id="av-composite-availability">{ok(|s| s.table.availability_text.clone())}</dd>
                </div>
                <div>
                    <dt>"Nines"</dt>
                    <dd id="av-composite-nines">{ok(|s| s.table.nines_text.clone())}</dd>
                </div>
                <div>
                    <dt>"Limiting component"</dt>
                    <dd>
                        <span id="av-limiting">{limiting}</span>
                        " "
                        <span class="alt">{limiting_detail}</span>
                    </dd>
                </div>
            </dl>
            <DowntimeTableView
                id="av-composite-downtime"
                caption="Downtime the composite allows"
                table
            />
        </div>
    }
}
