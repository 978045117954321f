//! A system as a component editor shows it: a list of rows that are all
//! needed (in series), each row a part or a group of parts, all needed or
//! any one (series or parallel), each part one component or `k` of `n`
//! replicas of it. The rows hold the text as typed, so a half-typed
//! `99.9` stays on screen while it is invalid.
//!
//! [`rows_from_component`] lays a [`Component`] tree out as rows and
//! [`component_from_rows`] reads them back, naming the first problem. Rows
//! are flatter than trees: shapes they cannot show (a group in a group, a
//! k-of-n of a group) are left out when a tree is laid out.

use super::{Availability, Component, LeafAvailability, MAX_REPLICAS};

/// How many replicas of a part there are and how many must be up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redundancy {
    /// One, needed.
    Single,
    /// `n` replicas, any one will do.
    AnyOfN,
    /// `n` replicas, `k` of them needed.
    KOfN,
}

/// One part's inputs, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartRow {
    /// What it is, e.g. `app server`; names the part in errors and as the
    /// limiting part.
    pub name: String,
    /// One replica's availability, as [`Availability::parse`] reads it.
    pub availability: String,
    /// Single, any one of `n`, or `k` of `n`.
    pub redundancy: Redundancy,
    /// Replicas needed (k of n only), a whole number from 1 to `n`.
    pub k: String,
    /// Replicas (not for a single part), a whole number from 1 to
    /// [`MAX_REPLICAS`].
    pub n: String,
}

/// One line of the top-level list, which is in series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SystemRow {
    /// A part.
    Part(PartRow),
    /// A group of parts.
    Group {
        /// Any one part will do (parallel) rather than all (series).
        parallel: bool,
        /// Its parts.
        parts: Vec<PartRow>,
    },
}

/// What is wrong with a part's inputs, field by field; each message names
/// the field and the part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartProblems {
    /// The availability does not read.
    pub availability: Option<String>,
    /// `k` is not a whole number from 1 to `n`.
    pub k: Option<String>,
    /// `n` is not a whole number from 1 to [`MAX_REPLICAS`].
    pub n: Option<String>,
}

impl PartProblems {
    /// The first problem, in field order (availability, k, n); empty if none.
    pub fn first(self) -> String {
        self.availability.or(self.k).or(self.n).unwrap_or_default()
    }
}

impl PartRow {
    /// A new part as an editor adds it: 99.9%, single, with 2 of 3 ready
    /// should the user switch to k of n.
    ///
    /// ```
    /// use envelope_core::availability::{PartRow, Component, Availability};
    /// let part = PartRow::new("cache");
    /// assert_eq!(part.read(), Ok(Component::leaf("cache", Availability::parse("99.9%").unwrap())));
    /// ```
    pub fn new(name: impl Into<String>) -> PartRow {
        PartRow {
            name: name.into(),
            availability: "99.9%".to_owned(),
            redundancy: Redundancy::Single,
            k: "2".to_owned(),
            n: "3".to_owned(),
        }
    }

    /// A leaf, or `k` of `n` of a leaf, as a part; `None` for deeper shapes.
    /// An MTBF/MTTR leaf shows its availability (empty if the times are bad).
    pub fn from_component(component: &Component) -> Option<PartRow> {
        let (k, n, leaf) = match component {
            Component::KOfN { k, n, component } => (*k, *n, component.as_ref()),
            leaf => (1, 1, leaf),
        };
        let Component::Leaf { name, availability } = leaf else {
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
        Some(PartRow {
            name: name.clone(),
            availability: text,
            redundancy,
            k: k.to_string(),
            n: n.to_string(),
        })
    }

    /// The part as a tree: a leaf named by the trimmed name, or `k` of `n`
    /// replicas of it (a single part, or one replica, is the leaf itself).
    /// Every field that does not read is a problem, so each input can show
    /// its own.
    ///
    /// ```
    /// use envelope_core::availability::{PartRow, Redundancy};
    /// let mut part = PartRow::new("db");
    /// part.redundancy = Redundancy::KOfN;
    /// part.k = "4".to_owned();
    /// assert_eq!(
    ///     part.read().unwrap_err().k.unwrap(),
    ///     "Needed (k) of db: write a whole number from 1 to n (3)"
    /// );
    /// ```
    pub fn read(&self) -> Result<Component, PartProblems> {
        let who = match self.name.trim() {
            "" => "the unnamed component",
            name => name,
        };
        let mut problems = PartProblems::default();
        let availability = Availability::parse(&self.availability)
            .map_err(|e| problems.availability = Some(format!("Availability of {who}: {e}")))
            .ok();
        let n = match self.redundancy {
            Redundancy::Single => Some(1),
            _ => read_count(&self.n, MAX_REPLICAS).or_else(|| {
                problems.n = Some(format!(
                    "Replicas (n) of {who}: write a whole number from 1 to {MAX_REPLICAS}"
                ));
                None
            }),
        };
        let k = match self.redundancy {
            Redundancy::Single | Redundancy::AnyOfN => Some(1),
            Redundancy::KOfN => {
                let max = n.unwrap_or(MAX_REPLICAS);
                read_count(&self.k, max).or_else(|| {
                    problems.k = Some(format!(
                        "Needed (k) of {who}: write a whole number from 1 to n ({max})"
                    ));
                    None
                })
            }
        };
        match (availability, k, n) {
            (Some(a), Some(k), Some(n)) => {
                let leaf = Component::leaf(self.name.trim(), a);
                Ok(if n == 1 {
                    leaf
                } else {
                    Component::k_of_n(k, n, leaf)
                })
            }
            _ => Err(problems),
        }
    }
}

/// A whole number of replicas from 1 to `max`.
fn read_count(text: &str, max: u32) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|v| (1..=max).contains(v))
}

/// `system` as rows: a series is one row per tier, anything else one row.
/// A series or parallel tier becomes a group of the parts it has; shapes
/// rows cannot show are left out.
///
/// ```
/// use envelope_core::availability::{rows_from_component, Availability, Component, SystemRow};
/// let a = Availability::parse("99.9%").unwrap();
/// let rows = rows_from_component(&Component::series(vec![
///     Component::leaf("lb", a),
///     Component::parallel(vec![Component::leaf("a", a), Component::leaf("b", a)]),
/// ]));
/// assert!(matches!(&rows[0], SystemRow::Part(p) if p.name == "lb"));
/// assert!(matches!(&rows[1], SystemRow::Group { parallel: true, parts } if parts.len() == 2));
/// ```
pub fn rows_from_component(system: &Component) -> Vec<SystemRow> {
    let tiers = match system {
        Component::Series(tiers) => tiers.as_slice(),
        other => std::slice::from_ref(other),
    };
    tiers.iter().filter_map(row_of).collect()
}

fn row_of(tier: &Component) -> Option<SystemRow> {
    match tier {
        Component::Series(parts) | Component::Parallel(parts) => Some(SystemRow::Group {
            parallel: matches!(tier, Component::Parallel(_)),
            parts: parts.iter().filter_map(PartRow::from_component).collect(),
        }),
        other => PartRow::from_component(other).map(SystemRow::Part),
    }
}

/// The system the rows describe, a series of them, or the first problem:
/// a part's (see [`PartRow::read`]), an empty group's (`Group 2: ...`,
/// counting rows from 1) or no rows at all.
///
/// ```
/// use envelope_core::availability::{component_from_rows, PartRow, SystemRow};
/// let system = component_from_rows(&[SystemRow::Part(PartRow::new("lb"))]).unwrap();
/// assert_eq!(system.availability().unwrap().to_string(), "99.9%");
/// assert_eq!(
///     component_from_rows(&[]).unwrap_err(),
///     "Components: add at least one component."
/// );
/// ```
pub fn component_from_rows(rows: &[SystemRow]) -> Result<Component, String> {
    let tiers = rows
        .iter()
        .enumerate()
        .map(|(index, row)| match row {
            SystemRow::Part(part) => part.read().map_err(PartProblems::first),
            SystemRow::Group { parallel, parts } => group(index + 1, *parallel, parts),
        })
        .collect::<Result<Vec<Component>, String>>()?;
    if tiers.is_empty() {
        return Err("Components: add at least one component.".to_owned());
    }
    Ok(Component::series(tiers))
}

fn group(number: usize, parallel: bool, parts: &[PartRow]) -> Result<Component, String> {
    let parts = parts
        .iter()
        .map(|p| p.read().map_err(PartProblems::first))
        .collect::<Result<Vec<Component>, String>>()?;
    if parts.is_empty() {
        return Err(format!(
            "Group {number}: add a component to it or remove the group."
        ));
    }
    Ok(if parallel {
        Component::parallel(parts)
    } else {
        Component::series(parts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(text: &str) -> Availability {
        Availability::parse(text).unwrap()
    }

    fn part(name: &str, availability: &str, redundancy: Redundancy, k: &str, n: &str) -> PartRow {
        PartRow {
            name: name.to_owned(),
            availability: availability.to_owned(),
            redundancy,
            k: k.to_owned(),
            n: n.to_owned(),
        }
    }

    #[test]
    fn the_scenario_stack_lays_out_as_one_row_per_tier() {
        let stack = Component::series(vec![
            Component::k_of_n(1, 2, Component::leaf("load balancer", a("99.99%"))),
            Component::k_of_n(1, 3, Component::leaf("app server", a("99.5%"))),
            Component::k_of_n(2, 3, Component::leaf("database replica", a("99.9%"))),
            Component::leaf("cache node", a("99.9%")),
        ]);
        let rows = rows_from_component(&stack);
        let expected = vec![
            SystemRow::Part(part(
                "load balancer",
                "99.99%",
                Redundancy::AnyOfN,
                "1",
                "2",
            )),
            SystemRow::Part(part("app server", "99.5%", Redundancy::AnyOfN, "1", "3")),
            SystemRow::Part(part(
                "database replica",
                "99.9%",
                Redundancy::KOfN,
                "2",
                "3",
            )),
            SystemRow::Part(part("cache node", "99.9%", Redundancy::Single, "1", "1")),
        ];
        assert_eq!(rows, expected);
        // And back: the same tree.
        assert_eq!(component_from_rows(&rows), Ok(stack));
    }

    #[test]
    fn groups_round_trip_and_one_of_one_is_the_leaf() {
        let tree = Component::series(vec![
            Component::leaf("lb", a("99.99%")),
            Component::parallel(vec![
                Component::leaf("zone a", a("99%")),
                Component::k_of_n(2, 3, Component::leaf("zone b", a("99.9%"))),
            ]),
            Component::series(vec![Component::leaf("dns", a("99.95%"))]),
        ]);
        let rows = rows_from_component(&tree);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1],
            SystemRow::Group {
                parallel: true,
                parts: vec![
                    part("zone a", "99%", Redundancy::Single, "1", "1"),
                    part("zone b", "99.9%", Redundancy::KOfN, "2", "3"),
                ],
            }
        );
        assert!(
            matches!(&rows[2], SystemRow::Group { parallel: false, parts } if parts.len() == 1)
        );
        assert_eq!(component_from_rows(&rows), Ok(tree));

        // 1 of 1 reads back as the leaf itself: the same availability.
        let one = Component::k_of_n(1, 1, Component::leaf("x", a("99%")));
        let rows = rows_from_component(&one);
        assert_eq!(
            component_from_rows(&rows),
            Ok(Component::series(vec![Component::leaf("x", a("99%"))]))
        );
    }

    #[test]
    fn shapes_rows_cannot_show_are_left_out() {
        let deep = Component::series(vec![
            Component::leaf("kept", a("99%")),
            Component::k_of_n(
                1,
                2,
                Component::series(vec![Component::leaf("lost", a("99%"))]),
            ),
            Component::parallel(vec![
                Component::leaf("kept too", a("99%")),
                Component::parallel(vec![Component::leaf("lost too", a("99%"))]),
            ]),
        ]);
        let rows = rows_from_component(&deep);
        assert_eq!(rows.len(), 2);
        assert!(matches!(&rows[1], SystemRow::Group { parts, .. } if parts.len() == 1));
    }

    #[test]
    fn repair_times_show_as_their_availability() {
        // 999 h between failures, 1 h to repair: 999 / 1000 = 99.9%.
        let leaf = Component::leaf_mtbf("disk", 999.0 * 3600.0, 3600.0);
        assert_eq!(
            PartRow::from_component(&leaf),
            Some(part("disk", "99.9%", Redundancy::Single, "1", "1"))
        );
        let bad = Component::leaf_mtbf("disk", -1.0, 3600.0);
        assert_eq!(PartRow::from_component(&bad).unwrap().availability, "");
    }

    #[test]
    fn a_part_reads_as_a_leaf_or_k_of_n() {
        assert_eq!(
            part(" db ", "99.9%", Redundancy::Single, "x", "y").read(),
            Ok(Component::leaf("db", a("99.9%"))),
            "a single part ignores k and n, and its name is trimmed"
        );
        assert_eq!(
            part("db", "99.9%", Redundancy::AnyOfN, "x", "3").read(),
            Ok(Component::k_of_n(1, 3, Component::leaf("db", a("99.9%")))),
            "any one of n ignores k"
        );
        assert_eq!(
            part("db", "0.999", Redundancy::KOfN, " 2 ", "3").read(),
            Ok(Component::k_of_n(2, 3, Component::leaf("db", a("99.9%"))))
        );
        assert_eq!(
            part("db", "99.9%", Redundancy::KOfN, "1", "1").read(),
            Ok(Component::leaf("db", a("99.9%")))
        );
    }

    #[test]
    fn every_bad_field_of_a_part_is_named() {
        let problems = part("db", "lots", Redundancy::KOfN, "5", "1001")
            .read()
            .unwrap_err();
        assert_eq!(
            problems.availability.as_deref(),
            Some("Availability of db: 'lots' is not an availability; write e.g. 99.9%, 0.999, 3.5 nines or four nines")
        );
        assert_eq!(
            problems.n.as_deref(),
            Some("Replicas (n) of db: write a whole number from 1 to 1000")
        );
        // With n unreadable, k is checked against the most replicas.
        assert_eq!(problems.k, None);
        let problems = part("", "99%", Redundancy::KOfN, "4", "3")
            .read()
            .unwrap_err();
        assert_eq!(
            problems.clone().first(),
            "Needed (k) of the unnamed component: write a whole number from 1 to n (3)"
        );
        assert_eq!(problems.availability, None);
        for k in ["0", "-1", "1.5", ""] {
            assert!(
                part("x", "99%", Redundancy::KOfN, k, "3").read().is_err(),
                "{k:?}"
            );
        }
        assert_eq!(PartProblems::default().first(), "");
    }

    #[test]
    fn the_first_problem_of_the_rows_is_the_error() {
        let good = PartRow::new("lb");
        let bad = part("app", "101%", Redundancy::Single, "1", "1");
        let e = component_from_rows(&[SystemRow::Part(good.clone()), SystemRow::Part(bad)])
            .unwrap_err();
        assert!(e.starts_with("Availability of app: "), "{e}");
        let e = component_from_rows(&[
            SystemRow::Part(good),
            SystemRow::Group {
                parallel: true,
                parts: Vec::new(),
            },
        ])
        .unwrap_err();
        assert_eq!(e, "Group 2: add a component to it or remove the group.");
        assert_eq!(
            component_from_rows(&[]).unwrap_err(),
            "Components: add at least one component."
        );
    }

    #[test]
    fn a_series_group_of_two_parts_multiplies() {
        // 99% x 99.9% = 98.901%; in parallel, 1 - 0.01 x 0.001 = 99.999%.
        let parts = vec![PartRow::new("a"), {
            let mut b = PartRow::new("b");
            b.availability = "99%".to_owned();
            b
        }];
        let series = component_from_rows(&[SystemRow::Group {
            parallel: false,
            parts: parts.clone(),
        }])
        .unwrap();
        let got = series.availability().unwrap().fraction();
        assert!((got - 0.99 * 0.999).abs() < 1e-15, "{got}");
        let parallel = component_from_rows(&[SystemRow::Group {
            parallel: true,
            parts,
        }])
        .unwrap();
        let u = parallel.availability().unwrap().unavailability();
        assert!((u - 1e-5).abs() < 1e-18, "{u:e}");
    }
}
