//! The availability section: a target in nines and its downtime, the
//! scenario's system as editable parts with its composite availability, the
//! error budget of an SLO, and the nines chart.
//!
//! Everything is computed by the core's `availability` module; this file
//! only reads text, calls it and shows what it returns. User text (part
//! names, inputs) is only ever rendered as text; the one markup inserted is
//! the chart's SVG ([`crate::drawing`]), which envelope-charts escapes.

use envelope_charts::{nines_chart, DEFAULT_SIZE, NINES_TITLE};
use envelope_core::availability::{
    parse_budget, stack_from_report, AlertSeverity, Availability, BurnRateAlert, Component as Tree,
    DowntimeTable, LeafAvailability, Period, Slo, StackAvailabilities, SystemAvailability,
    MAX_REPLICAS,
};
use envelope_core::{format, parse, ByteUnits, Conventions, Kind, Measure};
use leptos::html::Div;
use leptos::prelude::*;

use crate::charts::without_style_elements;
use crate::drawing::Drawing;
use crate::form::Form;
use crate::visible::{drawn_when_visible, near_screen};

/// The target the section opens with.
const FIRST_TARGET: &str = "99.9%";
/// The SLO window it opens with.
const FIRST_WINDOW: &str = "30d";
/// The observed error rate it opens with.
const FIRST_ERROR_RATE: &str = "0.5%";

/// `aria-invalid` wants the string "true", not a bare attribute.
fn invalid(has_error: bool) -> Option<&'static str> {
    has_error.then_some("true")
}

/// Reads an availability (`99.95%`, `four nines`) or a downtime budget
/// (`43m 12s per month`), naming the field in the error.
fn read_availability(field: &str, text: &str, c: &Conventions) -> Result<Availability, String> {
    let text = text.trim();
    // A budget ends in a period word: `... per month`, `.../year`, `... a day`.
    let last_word = text
        .rsplit(|ch: char| ch == '/' || ch.is_whitespace())
        .next()
        .unwrap_or("");
    let read = if Period::parse(last_word).is_some() {
        parse_budget(text, c)
    } else {
        Availability::parse(text)
    };
    read.map_err(|e| [field, ": ", &e.to_string()].concat())
}

/// The few numbers of the scenario and its report the section reads: the
/// counts `stack_from_report` sizes the system from and the calendar. Kept
/// in a memo so keystrokes that leave them alone (most of them) wake
/// nothing here.
#[derive(Clone, Copy, Debug, PartialEq)]
struct SectionInputs {
    /// Whether there is a report to fill the system from.
    has_report: bool,
    /// The report's `servers.app`.
    app_servers: Option<f64>,
    /// The report's `cache.nodes`.
    cache_nodes: Option<f64>,
    /// The scenario's storage replication.
    replication: f64,
    /// The scenario's conventions (month and year lengths for the tables).
    conventions: Conventions,
}

/// The whole section.
#[component]
pub fn AvailabilitySection(form: Form) -> impl IntoView {
    let inputs = Memo::new(move |_| {
        form.outcome.with(|o| {
            let figure = |key: &str| {
                o.report
                    .as_ref()
                    .and_then(|r| r.figure(key))
                    .map(|f| f.value.base_value())
            };
            SectionInputs {
                has_report: o.report.is_some(),
                app_servers: figure("servers.app"),
                cache_nodes: figure("cache.nodes"),
                replication: o.scenario.storage.replication,
                conventions: o.scenario.conventions,
            }
        })
    });
    // Only the error budget's "failed requests" line follows the users.
    let requests_per_day = Memo::new(move |_| {
        form.outcome.with(|o| {
            o.report
                .as_ref()
                .and_then(|r| r.figure("total.requests_per_day"))
                .map(|f| f.value.base_value())
        })
    });
    let conventions = Memo::new(move |_| inputs.with(|i| i.conventions));
    let target_text = RwSignal::new(FIRST_TARGET.to_owned());
    let target = Memo::new(move |_| {
        let c = conventions.get();
        target_text.with(|t| read_availability("Availability target", t, &c))
    });
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
    // Rebuilt only when `inputs` changes; everything `stack_from_report`
    // reads is in it, so the report itself is read untracked.
    let scenario_stack = Memo::new(move |_| {
        if !inputs.with(|i| i.has_report) {
            return None;
        }
        form.outcome.with_untracked(|o| {
            o.report
                .as_ref()
                .map(|r| stack_from_report(r, &o.scenario, &StackAvailabilities::default()))
        })
    });
    editor.follow(scenario_stack);
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
                <SystemPanel editor system scenario_stack />
                <BudgetPanel target=shown_target conventions requests_per_day />
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------
// Target and downtime table

#[component]
fn TargetPanel(
    target_text: RwSignal<String>,
    target: Memo<Result<Availability, String>>,
    shown_target: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
) -> impl IntoView {
    let error = Memo::new(move |_| target.with(|t| t.as_ref().err().cloned()));
    let table = Signal::derive(move || {
        let c = conventions.get();
        shown_target.get().map(|a| a.downtime_table(&c))
    });
    let stale = move || {
        error
            .with(Option::is_some)
            .then(|| shown_target.get())
            .flatten()
            .map(|a| ["Showing the last valid target, ", &a.to_string(), "."].concat())
    };
    view! {
        <div class="av-panel av-target">
            <h3>"Target"</h3>
            <div class="field">
                <label for="av-target">"Availability target"</label>
                <input
                    type="text"
                    id="av-target"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="av-target-help av-target-err"
                    aria-invalid=move || invalid(error.with(Option::is_some))
                    prop:value=move || target_text.get()
                    on:input=move |ev| target_text.set(event_target_value(&ev))
                />
                <small class="help" id="av-target-help">
                    "A percentage (99.95%), a fraction (0.9995), nines (3.5 nines, four nines) or a downtime budget (43m 12s per month)."
                </small>
                {move || {
                    error
                        .get()
                        .map(|m| view! { <p class="error" id="av-target-err" role="alert">{m}</p> })
                }}
            </div>
            <p class="av-stale" role="status">{stale}</p>
            <DowntimeTableView
                id="av-target-downtime"
                caption="Downtime the target allows"
                table
            />
        </div>
    }
}

/// Downtime per day, week, month, quarter and year, with the calendar
/// conventions the table was computed under beside it; rows keep their DOM
/// while values change.
#[component]
fn DowntimeTableView(
    id: &'static str,
    caption: &'static str,
    table: Signal<Option<DowntimeTable>>,
) -> impl IntoView {
    let rows = Period::ALL
        .into_iter()
        .map(|period| {
            let text = move || {
                table.with(|t| {
                    t.as_ref()
                        .and_then(|t| t.row(period))
                        .map_or_else(|| "—".to_owned(), |r| r.text.clone())
                })
            };
            view! {
                <tr data-period=period.name()>
                    <th scope="row">{period.name()}</th>
                    <td>{text}</td>
                </tr>
            }
        })
        .collect_view();
    let summary = move || {
        table.with(|t| {
            t.as_ref()
                .map(|t| [t.availability_text.as_str(), ", ", t.nines_text.as_str()].concat())
                .unwrap_or_default()
        })
    };
    let calendar = move || table.with(|t| t.as_ref().map(|t| t.conventions.clone()));
    view! {
        <div class="av-downtime">
            <table id=id>
                <caption>
                    {caption}
                    <span class="av-of">{summary}</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Per"</th>
                        <th scope="col">"Downtime"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="av-calendar">
                <strong>"Calendar: "</strong>
                <span class="av-calendar-text">{calendar}</span>
                " (switch the month and year under Conventions)"
            </p>
        </div>
    }
}

// ---------------------------------------------------------------------------
// The system editor: state

/// How many replicas of a part there are and how many must be up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Redundancy {
    /// One, needed.
    Single,
    /// n replicas, any one will do.
    AnyOfN,
    /// n replicas, k of them needed.
    KOfN,
}

impl Redundancy {
    const ALL: [(Redundancy, &'static str, &'static str); 3] = [
        (Redundancy::Single, "single", "single"),
        (Redundancy::AnyOfN, "any", "1 of N (any one)"),
        (Redundancy::KOfN, "k-of-n", "k of n (quorum)"),
    ];

    fn from_value(value: &str) -> Redundancy {
        Redundancy::ALL
            .iter()
            .find(|(_, v, _)| *v == value)
            .map_or(Redundancy::Single, |(r, _, _)| *r)
    }
}

/// One part's inputs, as typed. Reference counted: a removed row's signals
/// go with its view.
#[derive(Clone)]
struct PartRow {
    id: u32,
    name: ArcRwSignal<String>,
    availability: ArcRwSignal<String>,
    redundancy: ArcRwSignal<Redundancy>,
    k: ArcRwSignal<String>,
    n: ArcRwSignal<String>,
}

/// A group of parts, all needed (series) or any one (parallel).
#[derive(Clone)]
struct GroupRow {
    id: u32,
    parallel: ArcRwSignal<bool>,
    children: ArcRwSignal<Vec<PartRow>>,
}

/// One line of the top-level list, which is in series.
#[derive(Clone)]
enum Row {
    Part(PartRow),
    Group(GroupRow),
}

impl Row {
    fn id(&self) -> u32 {
        match self {
            Row::Part(p) => p.id,
            Row::Group(g) => g.id,
        }
    }
}

/// The editor's rows and whether the user has changed them since they were
/// filled from the scenario.
#[derive(Clone, Copy)]
struct Editor {
    rows: RwSignal<Vec<Row>>,
    next_id: StoredValue<u32>,
    edited: RwSignal<bool>,
    /// The tree the rows were last filled from.
    filled_from: StoredValue<Option<Tree>>,
}

impl Editor {
    fn new() -> Editor {
        Editor {
            rows: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            edited: RwSignal::new(false),
            filled_from: StoredValue::new(None),
        }
    }

    fn id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        id
    }

    fn part(
        &self,
        name: &str,
        availability: String,
        redundancy: Redundancy,
        k: u32,
        n: u32,
    ) -> PartRow {
        self.part_row(PartData {
            name: name.to_owned(),
            availability,
            redundancy,
            k: k.to_string(),
            n: n.to_string(),
        })
    }

    fn new_part(&self, number: usize) -> PartRow {
        let name = ["component ", &number.to_string()].concat();
        self.part(&name, "99.9%".to_owned(), Redundancy::Single, 2, 3)
    }

    /// Fills the rows from `scenario_stack` now, and again whenever it
    /// changes while the user has not edited them.
    fn follow(self, scenario_stack: Memo<Option<Tree>>) {
        if let Some(tree) = scenario_stack.get_untracked() {
            self.load(&tree);
        }
        Effect::new(move |_| {
            let Some(tree) = scenario_stack.get() else {
                return;
            };
            let same = self.filled_from.with_value(|f| f.as_ref() == Some(&tree));
            if !same && !self.edited.get_untracked() {
                self.load(&tree);
            }
        });
    }

    /// Shows `tree`'s parts. When the rows already have its shape (the
    /// same parts and groups, as when only a count changed) their values
    /// are set in place, so only the changed fields update; otherwise the
    /// rows are replaced.
    fn load(&self, tree: &Tree) {
        let tiers = match tree {
            Tree::Series(tiers) => tiers.as_slice(),
            other => std::slice::from_ref(other),
        };
        let data: Vec<RowData> = tiers.iter().filter_map(row_data).collect();
        let same_shape = self.rows.with_untracked(|rows| {
            rows.len() == data.len()
                && rows.iter().zip(&data).all(|(row, d)| match (row, d) {
                    (Row::Part(_), RowData::Part(_)) => true,
                    (Row::Group(g), RowData::Group { children, .. }) => {
                        g.children.with_untracked(Vec::len) == children.len()
                    }
                    _ => false,
                })
        });
        if same_shape {
            self.rows.with_untracked(|rows| {
                for (row, d) in rows.iter().zip(data) {
                    match (row, d) {
                        (Row::Part(p), RowData::Part(d)) => p.assign(d),
                        (Row::Group(g), RowData::Group { parallel, children }) => {
                            set_if_changed(&g.parallel, parallel);
                            g.children.with_untracked(|parts| {
                                for (p, d) in parts.iter().zip(children) {
                                    p.assign(d);
                                }
                            });
                        }
                        _ => {}
                    }
                }
            });
        } else {
            let rows = data.into_iter().map(|d| self.row(d)).collect();
            self.rows.set(rows);
        }
        self.filled_from.set_value(Some(tree.clone()));
        if self.edited.get_untracked() {
            self.edited.set(false);
        }
    }

    fn part_row(&self, d: PartData) -> PartRow {
        PartRow {
            id: self.id(),
            name: ArcRwSignal::new(d.name),
            availability: ArcRwSignal::new(d.availability),
            redundancy: ArcRwSignal::new(d.redundancy),
            k: ArcRwSignal::new(d.k),
            n: ArcRwSignal::new(d.n),
        }
    }

    fn row(&self, d: RowData) -> Row {
        match d {
            RowData::Part(p) => Row::Part(self.part_row(p)),
            RowData::Group { parallel, children } => Row::Group(GroupRow {
                id: self.id(),
                parallel: ArcRwSignal::new(parallel),
                children: ArcRwSignal::new(
                    children.into_iter().map(|p| self.part_row(p)).collect(),
                ),
            }),
        }
    }

    fn changed(&self) {
        self.edited.set(true);
    }

    fn add_part(&self) {
        let number = self.rows.with_untracked(Vec::len) + 1;
        let part = self.new_part(number);
        self.rows.update(|rows| rows.push(Row::Part(part)));
        self.changed();
    }

    fn add_group(&self) {
        let a = self.part("replica a", "99.9%".to_owned(), Redundancy::Single, 2, 3);
        let b = self.part("replica b", "99.9%".to_owned(), Redundancy::Single, 2, 3);
        let group = GroupRow {
            id: self.id(),
            parallel: ArcRwSignal::new(true),
            children: ArcRwSignal::new(vec![a, b]),
        };
        self.rows.update(|rows| rows.push(Row::Group(group)));
        self.changed();
    }

    fn add_to_group(&self, group: &GroupRow) {
        let number = group.children.with_untracked(Vec::len) + 1;
        let part = self.new_part(number);
        group.children.update(|children| children.push(part));
        self.changed();
    }

    /// Removes the part or group with this id, at the top or in a group.
    fn remove(&self, id: u32) {
        self.rows.update(|rows| {
            rows.retain(|r| r.id() != id);
            for row in rows.iter() {
                if let Row::Group(g) = row {
                    if g.children.with_untracked(|c| c.iter().any(|p| p.id == id)) {
                        g.children.update(|c| c.retain(|p| p.id != id));
                    }
                }
            }
        });
        self.changed();
    }

    /// The system the rows describe, or the first problem (named).
    fn build(&self) -> Result<Tree, String> {
        let tiers = self.rows.with(|rows| {
            rows.iter()
                .enumerate()
                .map(|(index, row)| match row {
                    Row::Part(p) => read_part(&p.values()).map_err(|e| e.first()),
                    Row::Group(g) => build_group(index + 1, g),
                })
                .collect::<Result<Vec<Tree>, String>>()
        })?;
        if tiers.is_empty() {
            return Err("Components: add at least one component.".to_owned());
        }
        Ok(Tree::series(tiers))
    }
}

/// A part's texts as the scenario fills them, before they become signals.
struct PartData {
    name: String,
    availability: String,
    redundancy: Redundancy,
    k: String,
    n: String,
}

/// A top-level line as the scenario fills it.
enum RowData {
    Part(PartData),
    Group {
        parallel: bool,
        children: Vec<PartData>,
    },
}

/// Sets `signal` only when the value differs, so unchanged fields wake
/// nothing.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: &ArcRwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

impl PartRow {
    fn assign(&self, d: PartData) {
        set_if_changed(&self.name, d.name);
        set_if_changed(&self.availability, d.availability);
        set_if_changed(&self.redundancy, d.redundancy);
        set_if_changed(&self.k, d.k);
        set_if_changed(&self.n, d.n);
    }
}

fn row_data(tree: &Tree) -> Option<RowData> {
    match tree {
        Tree::Series(parts) | Tree::Parallel(parts) => Some(RowData::Group {
            parallel: matches!(tree, Tree::Parallel(_)),
            children: parts.iter().filter_map(part_data).collect(),
        }),
        other => part_data(other).map(RowData::Part),
    }
}

/// A leaf, or a k-of-n of a leaf, as one part; `None` for deeper shapes.
fn part_data(tree: &Tree) -> Option<PartData> {
    let (k, n, leaf) = match tree {
        Tree::KOfN { k, n, component } => (*k, *n, component.as_ref()),
        leaf => (1, 1, leaf),
    };
    let Tree::Leaf { name, availability } = leaf else {
        return None;
    };
    let text = match *availability {
        LeafAvailability::Given(a) => a.to_string(),
        LeafAvailability::Repair {
            mtbf_seconds,
            mttr_seconds,
        } => Availability::from_mtbf_mttr(mtbf_seconds, mttr_seconds)
            .map(|a| a.to_string())
            .unwrap_or_default(),
    };
    let redundancy = match (k, n) {
        (_, 1) => Redundancy::Single,
        (1, _) => Redundancy::AnyOfN,
        _ => Redundancy::KOfN,
    };
    Some(PartData {
        name: name.clone(),
        availability: text,
        redundancy,
        k: k.to_string(),
        n: n.to_string(),
    })
}

fn build_group(number: usize, group: &GroupRow) -> Result<Tree, String> {
    let parts = group.children.with(|children| {
        children
            .iter()
            .map(|p| read_part(&p.values()).map_err(|e| e.first()))
            .collect::<Result<Vec<Tree>, String>>()
    })?;
    if parts.is_empty() {
        return Err(format!(
            "Group {number}: add a component to it or remove the group."
        ));
    }
    Ok(if group.parallel.get() {
        Tree::parallel(parts)
    } else {
        Tree::series(parts)
    })
}

/// A part's texts at one moment (reading them subscribes).
struct PartValues {
    name: String,
    availability: String,
    redundancy: Redundancy,
    k: String,
    n: String,
}

impl PartRow {
    fn values(&self) -> PartValues {
        PartValues {
            name: self.name.get(),
            availability: self.availability.get(),
            redundancy: self.redundancy.get(),
            k: self.k.get(),
            n: self.n.get(),
        }
    }
}

/// What is wrong with a part's inputs, field by field.
#[derive(Clone, Debug, Default, PartialEq)]
struct PartProblems {
    availability: Option<String>,
    k: Option<String>,
    n: Option<String>,
}

impl PartProblems {
    fn first(self) -> String {
        self.availability.or(self.k).or(self.n).unwrap_or_default()
    }
}

/// A whole number of replicas from 1 to `max`.
fn read_count(text: &str, max: u32) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|v| (1..=max).contains(v))
}

/// The part as a tree: a leaf, or `k` of `n` replicas of it.
fn read_part(v: &PartValues) -> Result<Tree, PartProblems> {
    let who = match v.name.trim() {
        "" => "the unnamed component",
        name => name,
    };
    let mut problems = PartProblems::default();
    let availability = Availability::parse(&v.availability)
        .map_err(|e| problems.availability = Some(format!("Availability of {who}: {e}")))
        .ok();
    let n = match v.redundancy {
        Redundancy::Single => Some(1),
        _ => read_count(&v.n, MAX_REPLICAS).or_else(|| {
            problems.n = Some(format!(
                "Replicas (n) of {who}: write a whole number from 1 to {MAX_REPLICAS}"
            ));
            None
        }),
    };
    let k = match v.redundancy {
        Redundancy::Single | Redundancy::AnyOfN => Some(1),
        Redundancy::KOfN => {
            let max = n.unwrap_or(MAX_REPLICAS);
            read_count(&v.k, max).or_else(|| {
                problems.k = Some(format!(
                    "Needed (k) of {who}: write a whole number from 1 to n ({max})"
                ));
                None
            })
        }
    };
    match (availability, k, n) {
        (Some(a), Some(k), Some(n)) => {
            let leaf = Tree::leaf(v.name.trim(), a);
            Ok(if n == 1 {
                leaf
            } else {
                Tree::k_of_n(k, n, leaf)
            })
        }
        _ => Err(problems),
    }
}

// ---------------------------------------------------------------------------
// The system editor: views

#[component]
fn SystemPanel(
    editor: Editor,
    system: Memo<Result<SystemAvailability, String>>,
    scenario_stack: Memo<Option<Tree>>,
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
    let status = move || {
        if editor.edited.get() {
            "Edited: the parts no longer follow the scenario."
        } else {
            "Following the scenario."
        }
    };
    view! {
        <div class="av-panel av-system">
            <h3>"System"</h3>
            <p class="help">{assumptions}</p>
            <p class="help" role="status">{status}</p>
            <ul class="av-parts" aria-label="Components, all needed (in series)">
                <For each=move || editor.rows.get() key=Row::id let:row>
                    <RowView editor row />
                </For>
            </ul>
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
            <CompositeView system />
        </div>
    }
}

#[component]
fn RowView(editor: Editor, row: Row) -> impl IntoView {
    match row {
        Row::Part(part) => view! { <PartView editor part /> }.into_any(),
        Row::Group(group) => view! { <GroupView editor group /> }.into_any(),
    }
}

#[component]
fn GroupView(editor: Editor, group: GroupRow) -> impl IntoView {
    let id = group.id;
    let kind_id = format!("av-g{id}-kind");
    let parallel = group.parallel.clone();
    let set_parallel = group.parallel.clone();
    let children = group.children.clone();
    let summary = {
        let parallel = group.parallel.clone();
        let children = group.children.clone();
        move || {
            let count = children.with(Vec::len).to_string();
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
                        <option value="parallel" prop:selected={
                            let p = parallel.clone();
                            move || p.get()
                        }>"parallel: any one will do"</option>
                        <option value="series" prop:selected=move || !parallel.get()>
                            "series: all needed"
                        </option>
                    </select>
                </div>
                <ul class="av-parts">
                    <For each=move || children.get() key=|p| p.id let:part>
                        <PartView editor part />
                    </For>
                </ul>
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
fn PartView(editor: Editor, part: PartRow) -> impl IntoView {
    let id = part.id;
    let field_id = move |field: &str| format!("av-p{id}-{field}");
    let problems = {
        let part = part.clone();
        Memo::new(move |_| read_part(&part.values()).err().unwrap_or_default())
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
    let options = Redundancy::ALL
        .into_iter()
        .map(|(r, value, label)| {
            let current = redundancy.clone();
            view! { <option value=value prop:selected=move || current.get() == r>{label}</option> }
        })
        .collect_view();
    let set_redundancy = redundancy.clone();
    view! {
        <li class="av-part" data-row=id>
            <TextField
                id=field_id("name")
                label="Name"
                text=part.name.clone()
                error=Signal::derive(|| None)
                editor
            />
            <TextField
                id=field_id("availability")
                label="Availability"
                text=part.availability.clone()
                error=Signal::derive(move || problems.with(|p| p.availability.clone()))
                editor
            />
            <div class="field">
                <label for=field_id("kind")>"Redundancy"</label>
                <select
                    id=field_id("kind")
                    on:change=move |ev| {
                        set_redundancy.set(Redundancy::from_value(&event_target_value(&ev)));
                        editor.changed();
                    }
                >
                    {options}
                </select>
            </div>
            <div class="av-count" hidden=move || !shows_k()>
                <TextField
                    id=field_id("k")
                    label="Needed (k)"
                    text=part.k.clone()
                    error=Signal::derive(move || problems.with(|p| p.k.clone()))
                    editor
                />
            </div>
            <div class="av-count" hidden=move || !shows_n()>
                <TextField
                    id=field_id("n")
                    label="Replicas (n)"
                    text=part.n.clone()
                    error=Signal::derive(move || problems.with(|p| p.n.clone()))
                    editor
                />
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

/// A labelled text input with its inline error.
#[component]
fn TextField(
    id: String,
    label: &'static str,
    text: ArcRwSignal<String>,
    error: Signal<Option<String>>,
    editor: Editor,
) -> impl IntoView {
    let error_id = format!("{id}-err");
    let shown = text.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                autocomplete="off"
                spellcheck="false"
                aria-describedby=error_id.clone()
                aria-invalid=move || invalid(error.with(Option::is_some))
                prop:value=move || shown.get()
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    editor.changed();
                }
            />
            {move || {
                error.get().map(|m| view! { <p class="error" id=error_id.clone() role="alert">{m}</p> })
            }}
        </div>
    }
}

/// The composite availability, its downtime and the limiting part.
#[component]
fn CompositeView(system: Memo<Result<SystemAvailability, String>>) -> impl IntoView {
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
    let table = Signal::derive(move || system.with(|s| s.as_ref().ok().map(|s| s.table.clone())));
    view! {
        <div class="av-composite" aria-live="polite">
            <h4>"Composite"</h4>
            {move || error().map(|m| view! { <p class="error" role="alert" id="av-system-err">{m}</p> })}
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

// ---------------------------------------------------------------------------
// Error budget

/// Reads an error rate: `0.5%` or `0.005`, from 0 to 100%.
fn read_error_rate(text: &str) -> Result<f64, String> {
    let field = "Observed error rate: ";
    let rate = parse::parse(text, Kind::Fraction, ByteUnits::Si)
        .map_err(|e| [field, &e.to_string()].concat())?
        .base_value();
    if (0.0..=1.0).contains(&rate) {
        Ok(rate)
    } else {
        Err([field, "write a rate from 0% to 100%, e.g. 0.5%"].concat())
    }
}

/// Reads the SLO window: `30d`, `4w`, `1mo`.
fn read_window(text: &str, c: &Conventions) -> Result<f64, String> {
    let field = "SLO window: ";
    match parse::duration(text, c.days_per_month(), c.days_per_year()) {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() => Ok(seconds),
        Ok(_) => Err([field, "the window must be longer than zero, e.g. 30d"].concat()),
        Err(e) => Err([field, &e.to_string()].concat()),
    }
}

fn percent(fraction: f64) -> String {
    format::measure(&Measure::Fraction(fraction), &Conventions::default())
}

fn count(value: f64) -> String {
    format::measure(&Measure::Count(value), &Conventions::default())
}

#[component]
fn BudgetPanel(
    target: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
    requests_per_day: Memo<Option<f64>>,
) -> impl IntoView {
    let slo_text = RwSignal::new(String::new());
    let window_text = RwSignal::new(FIRST_WINDOW.to_owned());
    let rate_text = RwSignal::new(FIRST_ERROR_RATE.to_owned());
    let objective = Memo::new(move |_| {
        let c = conventions.get();
        slo_text.with(|t| {
            if t.trim().is_empty() {
                target
                    .get()
                    .ok_or_else(|| "SLO: give an objective, e.g. 99.9%".to_owned())
            } else {
                read_availability("SLO", t, &c)
            }
        })
    });
    let window = Memo::new(move |_| {
        let c = conventions.get();
        window_text.with(|t| read_window(t, &c))
    });
    let rate = Memo::new(move |_| rate_text.with(|t| read_error_rate(t)));
    // Field errors show at their fields; this is only what Slo::new refuses.
    let slo = Memo::new(move |_| match (objective.get(), window.get()) {
        (Ok(a), Ok(w)) => Some(Slo::new(a, w).map_err(|e| ["SLO: ", &e.message].concat())),
        _ => None,
    });
    let slo_error = Signal::derive(move || objective.with(|o| o.as_ref().err().cloned()));
    let window_error = Signal::derive(move || window.with(|w| w.as_ref().err().cloned()));
    let rate_error = Signal::derive(move || rate.with(|r| r.as_ref().err().cloned()));
    let placeholder = move || {
        target
            .get()
            .map(|a| ["same as the target, ", &a.to_string()].concat())
            .unwrap_or_default()
    };
    let valid = move || slo.get().and_then(Result::ok);
    let budget_time = move || {
        valid().map(|s| {
            format!(
                "{} of full downtime in {}",
                format::duration(s.budget_seconds()),
                format::duration(s.window_seconds)
            )
        })
    };
    let budget_requests = move || {
        let s = valid()?;
        let per_day = requests_per_day.get()?;
        let requests = s.requests_in_window(per_day);
        let failed = s.budget_requests(requests).ok()?;
        Some(format!(
            "{} failed requests of {} in the window (the scenario's {} requests a day)",
            count(failed),
            count(requests),
            count(per_day)
        ))
    };
    let burn = move || {
        let s = valid()?;
        let r = rate.get().ok()?;
        let burn = s.burn_rate(r).ok()?;
        let left = s.seconds_to_exhaustion(r, 1.0).ok()?;
        Some(if left.is_infinite() {
            "Burn rate 0x: with no errors the budget is never spent.".to_owned()
        } else {
            format!(
                "Burn rate {}: a full budget is gone in {}.",
                format::measure(&Measure::Multiplier(burn), &Conventions::default()),
                format::duration(left)
            )
        })
    };
    let refused = move || slo.get().and_then(Result::err);
    let alerts = Signal::derive(move || valid().map(|s| s.burn_rate_alerts()).unwrap_or_default());
    view! {
        <div class="av-panel av-budget">
            <h3>"Error budget"</h3>
            <PlainField id="av-slo" label="SLO" text=slo_text error=slo_error placeholder=Signal::derive(placeholder) />
            <PlainField id="av-window" label="SLO window" text=window_text error=window_error placeholder=Signal::derive(String::new) />
            <PlainField id="av-error-rate" label="Observed error rate" text=rate_text error=rate_error placeholder=Signal::derive(String::new) />
            {move || refused().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <dl class="av-result">
                <div>
                    <dt>"Budget as time"</dt>
                    <dd id="av-budget-time">{budget_time}</dd>
                </div>
                <div>
                    <dt>"Budget as requests"</dt>
                    <dd id="av-budget-requests">{budget_requests}</dd>
                </div>
                <div>
                    <dt>"At the observed error rate"</dt>
                    <dd id="av-burn">{burn}</dd>
                </div>
            </dl>
            <AlertTable alerts />
        </div>
    }
}

/// A labelled text input with its inline error, on a plain signal.
#[component]
fn PlainField(
    id: &'static str,
    label: &'static str,
    text: RwSignal<String>,
    error: Signal<Option<String>>,
    placeholder: Signal<String>,
) -> impl IntoView {
    let error_id = [id, "-err"].concat();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                type="text"
                id=id
                autocomplete="off"
                spellcheck="false"
                placeholder=move || placeholder.get()
                aria-describedby=error_id.clone()
                aria-invalid=move || invalid(error.with(Option::is_some))
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
            {move || {
                error.get().map(|m| view! { <p class="error" id=error_id.clone() role="alert">{m}</p> })
            }}
        </div>
    }
}

/// The workbook's multi-window burn-rate alerts for the SLO.
#[component]
fn AlertTable(alerts: Signal<Vec<BurnRateAlert>>) -> impl IntoView {
    let rows = move || {
        alerts
            .get()
            .into_iter()
            .map(|a| {
                let severity = match a.severity {
                    AlertSeverity::Page => "page",
                    AlertSeverity::Ticket => "ticket",
                };
                let threshold = if a.reachable {
                    ["errors above ", &percent(a.error_rate)].concat()
                } else {
                    "never fires: above 100% errors".to_owned()
                };
                view! {
                    <tr>
                        <th scope="row">{severity}</th>
                        <td>{format::measure(&Measure::Multiplier(a.burn_rate), &Conventions::default())}</td>
                        <td>{format::duration(a.long_window_seconds)}</td>
                        <td>{format::duration(a.short_window_seconds)}</td>
                        <td>{threshold}</td>
                        <td>{percent(a.budget_consumed)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-scroll">
            <table id="av-alerts">
                <caption>"Burn-rate alerts (multi-window, from Google's SRE workbook)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Alert"</th>
                        <th scope="col">"Burn rate"</th>
                        <th scope="col">"Long window"</th>
                        <th scope="col">"Short window"</th>
                        <th scope="col">"Fires on both windows at"</th>
                        <th scope="col">"Budget spent by then"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

// ---------------------------------------------------------------------------
// The nines chart

#[component]
fn NinesFigure(
    #[prop(into)] target: Signal<Option<Availability>>,
    composite: Memo<Option<Availability>>,
    conventions: Memo<Conventions>,
) -> impl IntoView {
    // Redrawn only near the screen: the composite follows the scenario, so
    // off-screen it would otherwise be redrawn on every keystroke.
    let svg = NodeRef::<Div>::new();
    let chart = drawn_when_visible(near_screen(svg), move || {
        let c = nines_chart(
            target.get(),
            composite.get(),
            &conventions.get(),
            DEFAULT_SIZE,
        );
        (without_style_elements(c.svg), c.alt)
    });
    view! {
        <figure class="chart av-chart" id="av-chart" aria-labelledby="av-chart-caption">
            <div node_ref=svg>
                <Drawing svg=move || chart.with(|c| c.0.clone()) />
            </div>
            <figcaption id="av-chart-caption">
                <strong>{NINES_TITLE}</strong>
                <span class="chart-alt">{move || chart.with(|c| c.1.clone())}</span>
            </figcaption>
        </figure>
    }
}
