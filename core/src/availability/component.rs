//! Composite systems: availability of a tree of series, parallel and
//! k-of-n parts, and which part limits it.
//!
//! Every formula assumes independent failures: the replicas of a k-of-n
//! tier and the branches of a parallel group do not fail together. Shared
//! power, deploys or bugs break that assumption, so treat results with many
//! nines as upper bounds.
//!
//! All arithmetic runs on unavailabilities (`u = 1 - a`), which stay exact
//! for many nines where availabilities round to 1.

use serde::{Deserialize, Serialize};

use super::{Availability, AvailabilityError, DowntimeTable};
use crate::Conventions;

/// The deepest a tree may nest; deeper trees are an error rather than a
/// risk to the stack, and no real system needs 32 levels.
pub const MAX_DEPTH: usize = 32;
/// The most parts a tree may have, counting every node once; the limiting
/// part is found by re-evaluating the tree per part, so this also bounds time.
pub const MAX_COMPONENTS: usize = 1000;
/// The most replicas a k-of-n tier may have.
pub const MAX_REPLICAS: u32 = 1000;

/// A part of a system, as a tree.
///
/// Serialized externally tagged in snake case, e.g.
/// `{"series": [{"leaf": {"name": "lb", "availability": {"unavailability": 0.001}}}, ...]}`.
/// Leaf availabilities may also be written as text (`"99.9%"`).
///
/// ```
/// use envelope_core::availability::{Availability, Component};
/// let a = |t: &str| Availability::parse(t).unwrap();
/// let system = Component::series(vec![
///     Component::leaf("load balancer", a("99.99%")),
///     Component::k_of_n(2, 3, Component::leaf("db", a("99%"))),
/// ]);
/// let result = system.evaluate(&Default::default()).unwrap();
/// assert!((result.availability.fraction() - 0.9999 * 0.999702).abs() < 1e-12);
/// assert_eq!(result.limiting.unwrap().name, "db");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// A single part that is up or down as a whole.
    Leaf {
        /// What it is, e.g. `database replica`; names the limiting part.
        name: String,
        /// How available it is.
        availability: LeafAvailability,
    },
    /// All parts are needed: `a = a1 x a2 x ...`.
    Series(Vec<Component>),
    /// Any one part will do: `u = u1 x u2 x ...`.
    Parallel(Vec<Component>),
    /// `n` identical replicas of `component`, at least `k` of them up.
    KOfN {
        /// Replicas that must be up, `1 <= k <= n`.
        k: u32,
        /// Replicas, `1 <= n <= 1000`.
        n: u32,
        /// One replica.
        component: Box<Component>,
    },
}

/// A leaf's availability: given, or from failure and repair times.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LeafAvailability {
    /// Given directly.
    Given(Availability),
    /// `MTBF / (MTBF + MTTR)`.
    Repair {
        /// Mean time between failures, seconds.
        mtbf_seconds: f64,
        /// Mean time to repair, seconds.
        mttr_seconds: f64,
    },
}

impl From<Availability> for LeafAvailability {
    fn from(a: Availability) -> Self {
        LeafAvailability::Given(a)
    }
}

/// A system's availability, its downtime and what limits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SystemAvailability {
    /// The whole system's availability.
    pub availability: Availability,
    /// Its downtime per day, week, month, quarter and year.
    pub table: DowntimeTable,
    /// The leaf whose perfection would help most; `None` for a perfect system.
    pub limiting: Option<Limiting>,
    /// Every part of the tree in depth-first order, root first.
    pub parts: Vec<Part>,
}

/// The leaf that limits a system: making it perfect raises the total most.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limiting {
    /// Where it is in the tree (see [`Part::path`]).
    pub path: String,
    /// Its name.
    pub name: String,
    /// The system's availability were this leaf (every replica of it) perfect.
    pub availability_if_perfect: Availability,
    /// The share of the system's unavailability that would go away, 0 to 1.
    pub share: f64,
}

/// One part of an evaluated tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Where it is: `system` for the root, `[i]` for the i-th child of a
    /// series or parallel group, `.component` for a k-of-n replica:
    /// `system[2].component`.
    pub path: String,
    /// Its name (leaves) or shape: `series of 3`, `any 1 of 2`, `2 of 3 x db`.
    pub label: String,
    /// Nesting depth, 0 for the root.
    pub depth: usize,
    /// Whether it is a leaf.
    pub is_leaf: bool,
    /// Its own availability (one replica, for a k-of-n replica).
    pub availability: Availability,
    /// The system's unavailability that would go away were it perfect.
    pub unavailability_removed: f64,
}

/// A validated tree, flattened: node 0 is the root, children follow their
/// parent (depth-first), so evaluation is a loop over indices with no
/// unbounded recursion on user data.
struct Flat {
    nodes: Vec<Node>,
}

struct Node {
    kind: Kind,
    path: String,
    label: String,
    depth: usize,
}

enum Kind {
    Leaf(f64),
    Series(Vec<usize>),
    Parallel(Vec<usize>),
    KOfN { k: u32, n: u32, child: usize },
}

impl Component {
    /// A leaf with an availability.
    pub fn leaf(name: impl Into<String>, availability: Availability) -> Self {
        Component::Leaf {
            name: name.into(),
            availability: LeafAvailability::Given(availability),
        }
    }

    /// A leaf with an availability of `MTBF / (MTBF + MTTR)` (seconds);
    /// checked when the tree is evaluated.
    pub fn leaf_mtbf(name: impl Into<String>, mtbf_seconds: f64, mttr_seconds: f64) -> Self {
        Component::Leaf {
            name: name.into(),
            availability: LeafAvailability::Repair {
                mtbf_seconds,
                mttr_seconds,
            },
        }
    }

    /// Parts that are all needed.
    pub fn series(parts: Vec<Component>) -> Self {
        Component::Series(parts)
    }

    /// Parts of which any one will do.
    pub fn parallel(parts: Vec<Component>) -> Self {
        Component::Parallel(parts)
    }

    /// `n` replicas of `component`, at least `k` of them up.
    pub fn k_of_n(k: u32, n: u32, component: Component) -> Self {
        Component::KOfN {
            k,
            n,
            component: Box::new(component),
        }
    }

    /// The usual web stack, as a series of tiers that are all needed:
    ///
    /// 1. one load balancer;
    /// 2. `app_servers` stateless app servers, any one of which can serve
    ///    (1 of N; the others must carry the load, which is a capacity
    ///    question this does not check);
    /// 3. `db_replicas` database replicas, of which `db_write_quorum` must be
    ///    up to accept writes (e.g. 2 of 3 for a majority quorum);
    /// 4. `cache_nodes` cache nodes, any one of which will do (the cache is
    ///    taken to be on the critical path); left out when `cache_nodes` is 0.
    ///
    /// Failures are assumed independent. Counts are checked when the tree is
    /// evaluated (`db_write_quorum` must be 1 to `db_replicas`).
    ///
    /// ```
    /// use envelope_core::availability::{Availability, Component};
    /// let a = |t: &str| Availability::parse(t).unwrap();
    /// let stack = Component::typical_web_stack(4, a("99%"), a("99.99%"), 3, 2, a("99.9%"), 2, a("99.9%"));
    /// let result = stack.evaluate(&Default::default()).unwrap();
    /// assert_eq!(result.limiting.unwrap().name, "load balancer");
    /// ```
    // Eight plain counts and figures mirror the scenario's fields one to one;
    // a parameter struct would only rename them.
    #[allow(clippy::too_many_arguments)]
    pub fn typical_web_stack(
        app_servers: u32,
        app_availability: Availability,
        load_balancer_availability: Availability,
        db_replicas: u32,
        db_write_quorum: u32,
        db_availability: Availability,
        cache_nodes: u32,
        cache_availability: Availability,
    ) -> Component {
        let mut tiers = vec![
            Component::leaf("load balancer", load_balancer_availability),
            Component::k_of_n(
                1,
                app_servers,
                Component::leaf("app server", app_availability),
            ),
            Component::k_of_n(
                db_write_quorum,
                db_replicas,
                Component::leaf("database replica", db_availability),
            ),
        ];
        if cache_nodes > 0 {
            tiers.push(Component::k_of_n(
                1,
                cache_nodes,
                Component::leaf("cache node", cache_availability),
            ));
        }
        Component::Series(tiers)
    }

    /// The availability of the whole tree, or why the tree is invalid.
    ///
    /// ```
    /// use envelope_core::availability::{Availability, Component};
    /// let a = Availability::parse("99%").unwrap();
    /// let pair = Component::parallel(vec![Component::leaf("a", a), Component::leaf("b", a)]);
    /// assert!((pair.availability().unwrap().unavailability() - 1e-4).abs() < 1e-18);
    /// ```
    pub fn availability(&self) -> Result<Availability, AvailabilityError> {
        let flat = Flat::new(self)?;
        Ok(Availability::from_computed_unavailability(
            flat.unavailability(None),
        ))
    }

    /// The tree's availability, downtime table under `conventions`, every
    /// part's contribution and the limiting leaf, or why it is invalid.
    pub fn evaluate(
        &self,
        conventions: &Conventions,
    ) -> Result<SystemAvailability, AvailabilityError> {
        let flat = Flat::new(self)?;
        let total = flat.unavailability(None);
        let availability = Availability::from_computed_unavailability(total);
        let mut parts = Vec::with_capacity(flat.nodes.len());
        let mut limiting: Option<(usize, f64, f64)> = None;
        for (index, node) in flat.nodes.iter().enumerate() {
            let if_perfect = flat.unavailability(Some(index));
            let removed = (total - if_perfect).max(0.0);
            let is_leaf = matches!(node.kind, Kind::Leaf(_));
            // Strictly greater: ties go to the first leaf in tree order.
            if is_leaf && removed > 0.0 && limiting.is_none_or(|(_, best, _)| removed > best) {
                limiting = Some((index, removed, if_perfect));
            }
            parts.push(Part {
                path: node.path.clone(),
                label: node.label.clone(),
                depth: node.depth,
                is_leaf,
                availability: Availability::from_computed_unavailability(flat.own(index)),
                unavailability_removed: removed,
            });
        }
        let limiting = limiting.map(|(index, removed, if_perfect)| Limiting {
            path: flat.nodes[index].path.clone(),
            name: flat.nodes[index].label.clone(),
            availability_if_perfect: Availability::from_computed_unavailability(if_perfect),
            share: removed / total,
        });
        Ok(SystemAvailability {
            availability,
            table: DowntimeTable::new(availability, conventions),
            limiting,
            parts,
        })
    }
}

impl Flat {
    /// Validates `root` and flattens it.
    fn new(root: &Component) -> Result<Flat, AvailabilityError> {
        let mut flat = Flat { nodes: Vec::new() };
        flat.push(root, "system".to_string(), 0)?;
        Ok(flat)
    }

    /// Appends `c` and its subtree; returns its index. Recursion is bounded
    /// by [`MAX_DEPTH`], checked before descending.
    fn push(
        &mut self,
        c: &Component,
        path: String,
        depth: usize,
    ) -> Result<usize, AvailabilityError> {
        if depth >= MAX_DEPTH {
            return Err(AvailabilityError::new(
                path,
                format!("the system nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        if self.nodes.len() >= MAX_COMPONENTS {
            return Err(AvailabilityError::new(
                path,
                format!("the system has more than {MAX_COMPONENTS} parts"),
            ));
        }
        let index = self.nodes.len();
        // Placeholder until the children are known; kinds refer to indices.
        self.nodes.push(Node {
            kind: Kind::Leaf(0.0),
            path: path.clone(),
            label: String::new(),
            depth,
        });
        let (kind, label) = match c {
            Component::Leaf { name, availability } => {
                let u = leaf_unavailability(name, availability, &path)?;
                (Kind::Leaf(u), name.clone())
            }
            Component::Series(parts) | Component::Parallel(parts) => {
                let series = matches!(c, Component::Series(_));
                if parts.is_empty() {
                    let shape = if series { "series" } else { "parallel group" };
                    return Err(AvailabilityError::new(
                        path,
                        format!("a {shape} needs at least one part"),
                    ));
                }
                let mut children = Vec::with_capacity(parts.len());
                for (i, part) in parts.iter().enumerate() {
                    children.push(self.push(part, format!("{path}[{i}]"), depth + 1)?);
                }
                if series {
                    (Kind::Series(children), format!("series of {}", parts.len()))
                } else {
                    (
                        Kind::Parallel(children),
                        format!("any 1 of {}", parts.len()),
                    )
                }
            }
            Component::KOfN { k, n, component } => {
                let (k, n) = (*k, *n);
                if n == 0 || n > MAX_REPLICAS {
                    return Err(AvailabilityError::new(
                        format!("{path}.n"),
                        format!("n must be between 1 and {MAX_REPLICAS}, got {n}"),
                    ));
                }
                if k == 0 || k > n {
                    return Err(AvailabilityError::new(
                        format!("{path}.k"),
                        format!("k must be between 1 and n ({n}), got {k}"),
                    ));
                }
                let child = self.push(component, format!("{path}.component"), depth + 1)?;
                let label = format!("{k} of {n} x {}", self.nodes[child].label);
                (Kind::KOfN { k, n, child }, label)
            }
        };
        self.nodes[index].kind = kind;
        self.nodes[index].label = label;
        Ok(index)
    }

    /// The unavailability of node `index` taken alone (one replica).
    fn own(&self, index: usize) -> f64 {
        self.node_unavailability(index, None)
    }

    /// The root's unavailability, with node `perfect` (if any) made perfect.
    fn unavailability(&self, perfect: Option<usize>) -> f64 {
        self.node_unavailability(0, perfect)
    }

    /// Recursion depth is at most [`MAX_DEPTH`], checked when flattening.
    fn node_unavailability(&self, index: usize, perfect: Option<usize>) -> f64 {
        if perfect == Some(index) {
            return 0.0;
        }
        match &self.nodes[index].kind {
            Kind::Leaf(u) => *u,
            Kind::Series(children) => series_unavailability(
                children
                    .iter()
                    .map(|&c| self.node_unavailability(c, perfect)),
            ),
            Kind::Parallel(children) => children
                .iter()
                .map(|&c| self.node_unavailability(c, perfect))
                .product(),
            Kind::KOfN { k, n, child } => {
                k_of_n_unavailability(*k, *n, self.node_unavailability(*child, perfect))
            }
        }
    }
}

fn leaf_unavailability(
    name: &str,
    availability: &LeafAvailability,
    path: &str,
) -> Result<f64, AvailabilityError> {
    match *availability {
        LeafAvailability::Given(a) => Ok(a.unavailability()),
        LeafAvailability::Repair {
            mtbf_seconds,
            mttr_seconds,
        } => Availability::from_mtbf_mttr(mtbf_seconds, mttr_seconds)
            .map(|a| a.unavailability())
            .map_err(|e| {
                AvailabilityError::new(
                    format!("{path}.availability.{}_seconds", e.path),
                    format!("{} ('{name}')", e.message),
                )
            }),
    }
}

/// `1 - prod(1 - u_i)`, via logarithms so that small unavailabilities add
/// up exactly instead of vanishing against 1.
pub fn series_unavailability(us: impl IntoIterator<Item = f64>) -> f64 {
    let log_up: f64 = us.into_iter().map(|u| (-u).ln_1p()).sum();
    (-log_up.exp_m1()).clamp(0.0, 1.0)
}

/// The unavailability of `n` independent replicas with unavailability `u`
/// each when at least `k` must be up: the chance that fewer than `k` are,
/// `sum over i < k of C(n, i) a^i u^(n-i)`.
///
/// Terms are summed in log space: `u^n` alone underflows for a thousand
/// replicas, and the log of the binomial coefficient never overflows.
///
/// ```
/// use envelope_core::availability::k_of_n_unavailability;
/// // 2 of 3 at 99%: 1 - (3 x 0.99^2 x 0.01 + 0.99^3) = 0.000298
/// assert!((k_of_n_unavailability(2, 3, 0.01) - 0.000298).abs() < 1e-15);
/// ```
pub fn k_of_n_unavailability(k: u32, n: u32, u: f64) -> f64 {
    if u <= 0.0 || k == 0 {
        return 0.0;
    }
    if u >= 1.0 || k > n {
        return 1.0;
    }
    let ln_u = u.ln();
    let ln_a = (-u).ln_1p();
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut total = 0.0;
    for i in 0..k {
        let term = ln_choose + f64::from(i) * ln_a + f64::from(n - i) * ln_u;
        total += term.exp();
        // C(n, i+1) = C(n, i) x (n - i) / (i + 1)
        ln_choose += f64::from(n - i).ln() - f64::from(i + 1).ln();
    }
    total.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(text: &str) -> Availability {
        Availability::parse(text).unwrap()
    }

    #[test]
    fn a_thousand_replicas_do_not_underflow_to_zero_when_most_are_needed() {
        // 999 of 1000 at 99%: almost surely more than one is down.
        let u = k_of_n_unavailability(999, 1000, 0.01);
        assert!(u > 0.99 && u <= 1.0, "{u}");
        // 1 of 1000 at 99%: 1e-2000, honestly zero in f64.
        assert_eq!(k_of_n_unavailability(1, 1000, 0.01), 0.0);
    }

    #[test]
    fn deep_trees_are_errors_not_stack_overflows() {
        let mut c = Component::leaf("x", a("99%"));
        for _ in 0..40 {
            c = Component::series(vec![c]);
        }
        let e = c.availability().unwrap_err();
        assert!(e.message.contains("deeper than 32"), "{e}");
        let mut ok = Component::leaf("x", a("99%"));
        for _ in 0..31 {
            ok = Component::series(vec![ok]);
        }
        assert!(ok.availability().is_ok());
    }

    #[test]
    fn too_many_parts_are_an_error() {
        let c = Component::parallel(vec![Component::leaf("x", a("99%")); MAX_COMPONENTS]);
        assert!(c.availability().is_err());
        let c = Component::parallel(vec![Component::leaf("x", a("99%")); MAX_COMPONENTS - 1]);
        assert!(c.availability().is_ok());
    }

    #[test]
    fn error_paths_point_at_the_field() {
        let c = Component::series(vec![
            Component::leaf("lb", a("99.9%")),
            Component::k_of_n(4, 3, Component::leaf("db", a("99%"))),
        ]);
        let e = c.availability().unwrap_err();
        assert_eq!(e.path, "system[1].k");
        let c = Component::parallel(vec![Component::leaf_mtbf("disk", 1000.0, 0.0)]);
        let e = c.availability().unwrap_err();
        assert_eq!(e.path, "system[0].availability.mttr_seconds");
        assert!(e.message.contains("disk"));
    }
}
