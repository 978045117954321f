//! The system editor's state: the core's rows ([`SystemRow`], [`PartRow`])
//! held as signals, one per input, so a keystroke wakes only its own field,
//! plus what only the page needs: stable row ids for the DOM, and whether the
//! user has edited the rows since they were filled from the scenario.
//!
//! Laying a tree out as rows and reading rows back into a tree is the
//! core's ([`rows_from_component`], [`component_from_rows`]).

use envelope_core::availability::{
    component_from_rows, rows_from_component, Component, PartRow, Redundancy, SystemRow,
};
use leptos::prelude::*;

use crate::erased;
use crate::erased::Memo;

/// One part's inputs. Reference counted: a removed row's signals go with
/// its view.
#[derive(Clone)]
pub(super) struct PartState {
    /// Stable while the row lives, for the DOM and its input ids.
    pub id: u32,
    pub name: ArcRwSignal<String>,
    pub availability: ArcRwSignal<String>,
    pub redundancy: ArcRwSignal<Redundancy>,
    pub k: ArcRwSignal<String>,
    pub n: ArcRwSignal<String>,
}

/// A group of parts, all needed (series) or any one (parallel).
#[derive(Clone)]
pub(super) struct GroupState {
    /// Stable while the row lives, for the DOM.
    pub id: u32,
    pub parallel: ArcRwSignal<bool>,
    pub parts: ArcRwSignal<Vec<PartState>>,
}

/// One line of the top-level list, which is in series.
#[derive(Clone)]
pub(super) enum RowState {
    Part(PartState),
    Group(GroupState),
}

impl RowState {
    /// The row's stable id.
    pub fn id(&self) -> u32 {
        match self {
            RowState::Part(p) => p.id,
            RowState::Group(g) => g.id,
        }
    }

    /// The row's text now; reading subscribes to every input of it.
    fn row(&self) -> SystemRow {
        match self {
            RowState::Part(p) => SystemRow::Part(p.row()),
            RowState::Group(g) => SystemRow::Group {
                parallel: g.parallel.get(),
                parts: g
                    .parts
                    .with(|parts| parts.iter().map(PartState::row).collect()),
            },
        }
    }
}

impl PartState {
    /// The part's text now; reading subscribes to every input of it.
    pub fn row(&self) -> PartRow {
        PartRow {
            name: self.name.get(),
            availability: self.availability.get(),
            redundancy: self.redundancy.get(),
            k: self.k.get(),
            n: self.n.get(),
        }
    }

    /// Shows `row`, waking only the inputs whose text changes.
    fn assign(&self, row: PartRow) {
        set_if_changed(&self.name, row.name);
        set_if_changed(&self.availability, row.availability);
        set_if_changed(&self.redundancy, row.redundancy);
        set_if_changed(&self.k, row.k);
        set_if_changed(&self.n, row.n);
    }
}

/// Sets `signal` only when the value differs, so unchanged fields wake
/// nothing.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: &ArcRwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// The editor's rows and whether the user has changed them since they were
/// filled from the scenario.
#[derive(Clone, Copy)]
pub(super) struct Editor {
    pub rows: erased::RwSignal<Vec<RowState>>,
    next_id: erased::StoredValue<u32>,
    pub edited: RwSignal<bool>,
    /// The tree the rows were last filled from.
    filled_from: erased::StoredValue<Option<Component>>,
}

impl Editor {
    pub fn new() -> Editor {
        Editor {
            rows: erased::RwSignal::new(Vec::new()),
            next_id: erased::StoredValue::new(0),
            edited: RwSignal::new(false),
            filled_from: erased::StoredValue::new(None),
        }
    }

    fn id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        id
    }

    /// Fills the rows from `scenario_stack` now, and again whenever it
    /// changes while the user has not edited them.
    pub fn follow(self, scenario_stack: Memo<Option<Component>>) {
        if let Some(tree) = scenario_stack.get_untracked() {
            self.load(&tree);
        }
        erased::effect(move || {
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
    pub fn load(&self, tree: &Component) {
        self.show(rows_from_component(tree));
        self.filled_from.set_value(Some(tree.clone()));
        if self.edited.get_untracked() {
            self.edited.set(false);
        }
    }

    /// Shows rows the user set earlier (a link's or the draft's system):
    /// they are the user's own, so they stop following the scenario.
    pub fn load_own(&self, rows: Vec<SystemRow>) {
        self.show(rows);
        self.filled_from.set_value(None);
        if !self.edited.get_untracked() {
            self.edited.set(true);
        }
    }

    /// Shows `rows`, in place when the rows already have their shape.
    fn show(&self, rows: Vec<SystemRow>) {
        let same_shape = self.rows.with_untracked(|states| {
            states.len() == rows.len()
                && states
                    .iter()
                    .zip(&rows)
                    .all(|(state, row)| match (state, row) {
                        (RowState::Part(_), SystemRow::Part(_)) => true,
                        (RowState::Group(g), SystemRow::Group { parts, .. }) => {
                            g.parts.with_untracked(Vec::len) == parts.len()
                        }
                        _ => false,
                    })
        });
        if same_shape {
            self.rows.with_untracked(|states| {
                for (state, row) in states.iter().zip(rows) {
                    match (state, row) {
                        (RowState::Part(p), SystemRow::Part(row)) => p.assign(row),
                        (RowState::Group(g), SystemRow::Group { parallel, parts }) => {
                            set_if_changed(&g.parallel, parallel);
                            g.parts.with_untracked(|states| {
                                for (p, row) in states.iter().zip(parts) {
                                    p.assign(row);
                                }
                            });
                        }
                        _ => {}
                    }
                }
            });
        } else {
            let states = rows.into_iter().map(|row| self.row_state(row)).collect();
            self.rows.set(states);
        }
    }

    fn part_state(&self, row: PartRow) -> PartState {
        PartState {
            id: self.id(),
            name: ArcRwSignal::new(row.name),
            availability: ArcRwSignal::new(row.availability),
            redundancy: ArcRwSignal::new(row.redundancy),
            k: ArcRwSignal::new(row.k),
            n: ArcRwSignal::new(row.n),
        }
    }

    fn row_state(&self, row: SystemRow) -> RowState {
        match row {
            SystemRow::Part(p) => RowState::Part(self.part_state(p)),
            SystemRow::Group { parallel, parts } => RowState::Group(GroupState {
                id: self.id(),
                parallel: ArcRwSignal::new(parallel),
                parts: ArcRwSignal::new(parts.into_iter().map(|p| self.part_state(p)).collect()),
            }),
        }
    }

    /// Marks the rows as the user's own: they stop following the scenario.
    pub fn changed(&self) {
        self.edited.set(true);
    }

    /// A new part, named by its position in the list it joins.
    fn numbered_part(&self, number: usize) -> PartState {
        self.part_state(PartRow::new(["component ", &number.to_string()].concat()))
    }

    pub fn add_part(&self) {
        let number = self.rows.with_untracked(Vec::len) + 1;
        let part = self.numbered_part(number);
        self.rows.update(|rows| rows.push(RowState::Part(part)));
        self.changed();
    }

    /// Adds a parallel pair of replicas, the usual reason for a group.
    pub fn add_group(&self) {
        let group = self.row_state(SystemRow::Group {
            parallel: true,
            parts: vec![PartRow::new("replica a"), PartRow::new("replica b")],
        });
        self.rows.update(|rows| rows.push(group));
        self.changed();
    }

    pub fn add_to_group(&self, group: &GroupState) {
        let number = group.parts.with_untracked(Vec::len) + 1;
        let part = self.numbered_part(number);
        group.parts.update(|parts| parts.push(part));
        self.changed();
    }

    /// Removes the part or group with this id, at the top or in a group.
    pub fn remove(&self, id: u32) {
        self.rows.update(|rows| {
            rows.retain(|r| r.id() != id);
            for row in rows.iter() {
                if let RowState::Group(g) = row {
                    if g.parts.with_untracked(|p| p.iter().any(|p| p.id == id)) {
                        g.parts.update(|p| p.retain(|p| p.id != id));
                    }
                }
            }
        });
        self.changed();
    }

    /// The rows' texts now; reading subscribes to every input.
    pub fn system_rows(&self) -> Vec<SystemRow> {
        self.rows
            .with(|rows| rows.iter().map(RowState::row).collect())
    }

    /// The system the rows describe, or the first problem (named).
    pub fn build(&self) -> Result<Component, String> {
        component_from_rows(&self.system_rows())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use envelope_core::availability::Availability;

    fn stack(app_servers: u32) -> Component {
        let a = Availability::parse("99.9%").unwrap();
        Component::series(vec![
            Component::leaf("load balancer", a),
            Component::k_of_n(1, app_servers, Component::leaf("app server", a)),
        ])
    }

    fn ids(editor: &Editor) -> Vec<u32> {
        editor
            .rows
            .with_untracked(|rows| rows.iter().map(RowState::id).collect())
    }

    #[test]
    fn a_count_change_updates_the_rows_in_place() {
        Owner::new().with(|| {
            let editor = Editor::new();
            editor.load(&stack(2));
            assert_eq!(editor.build(), Ok(stack(2)));
            let before = ids(&editor);
            editor.load(&stack(3));
            assert_eq!(ids(&editor), before, "the same rows, new values");
            assert_eq!(editor.build(), Ok(stack(3)));
        });
    }

    #[test]
    fn edits_add_and_remove_rows_and_mark_them_edited() {
        Owner::new().with(|| {
            let editor = Editor::new();
            editor.load(&stack(2));
            assert!(!editor.edited.get_untracked());
            editor.add_group();
            assert!(editor.edited.get_untracked());
            let Ok(Component::Series(tiers)) = editor.build() else {
                panic!("a series");
            };
            assert_eq!(tiers.len(), 3);
            assert!(matches!(&tiers[2], Component::Parallel(parts) if parts.len() == 2));
            let group = *ids(&editor).last().unwrap();
            editor.remove(group);
            assert_eq!(editor.build(), Ok(stack(2)));
            // Loading the scenario's stack again makes the rows follow it.
            editor.load(&stack(2));
            assert!(!editor.edited.get_untracked());
        });
    }

    #[test]
    fn rows_from_a_link_are_the_users_own() {
        Owner::new().with(|| {
            let editor = Editor::new();
            editor.load(&stack(2));
            let rows =
                envelope_core::availability::parse_system("lb 99.99%; app 99.9% x3 any").unwrap();
            editor.load_own(rows.clone());
            assert!(editor.edited.get_untracked());
            assert_eq!(editor.system_rows(), rows);
            assert_eq!(editor.build(), component_from_rows(&rows));
        });
    }
}
