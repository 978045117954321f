//! The scenario's own system as an availability tree: the tiers and counts
//! the estimate sized, with round per-part availabilities to start from.
//!
//! [`stack_from_sizing`] takes how many application servers and cache nodes
//! the estimate sized and the replication factor ([`Sizing`], a report's
//! [`crate::Report::sizing`]), and builds the series of tiers a request
//! crosses:
//!
//! 1. the load balancer: one, or a pair of which either will do when there
//!    is more than one application server (a redundant tier is normally
//!    fronted by a redundant pair);
//! 2. `servers.app` application servers, any one of which can serve (1 of N);
//! 3. the database as `storage.replication` replicas, rounded up and at
//!    least one, of which a majority, `floor(r / 2) + 1`, must be up to
//!    accept writes (k of n);
//! 4. `cache.nodes` cache nodes, any one of which will do, left out when the
//!    report sizes none.
//!
//! Failures are assumed independent, as everywhere in
//! [`Component`](super::Component); counts above [`MAX_REPLICAS`] are capped
//! there.

use super::{Availability, Component, MAX_REPLICAS};
use crate::Sizing;

/// What each part of the stack is assumed to achieve on its own.
///
/// The [`Default`] values are round, editable assumptions, not measurements
/// or any provider's SLA:
///
/// | part               | default  | why                                        |
/// |--------------------|----------|--------------------------------------------|
/// | load balancer      | 99.99%   | managed balancers commonly promise this    |
/// | app server         | 99.5%    | one VM with deploys, reboots and crashes   |
/// | database replica   | 99.9%    | one database node including failovers      |
/// | cache node         | 99.9%    | one in-memory node                         |
///
/// ```
/// use envelope_core::availability::StackAvailabilities;
/// let parts = StackAvailabilities::default();
/// assert_eq!(parts.app_server.to_string(), "99.5%");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StackAvailabilities {
    /// One load balancer.
    pub load_balancer: Availability,
    /// One application server.
    pub app_server: Availability,
    /// One database replica.
    pub database_replica: Availability,
    /// One cache node.
    pub cache_node: Availability,
}

impl Default for StackAvailabilities {
    fn default() -> Self {
        // Unavailabilities written out, so the figures are exact and no
        // parsing can fail here.
        let from_u = |u: f64| Availability::from_unavailability(u).unwrap_or(Availability::PERFECT);
        StackAvailabilities {
            load_balancer: from_u(1e-4),
            app_server: from_u(5e-3),
            database_replica: from_u(1e-3),
            cache_node: from_u(1e-3),
        }
    }
}

/// Part names, as the limiting part is reported.
pub const LOAD_BALANCER: &str = "load balancer";
/// The application server part's name.
pub const APP_SERVER: &str = "app server";
/// The database replica part's name.
pub const DATABASE_REPLICA: &str = "database replica";
/// The cache node part's name.
pub const CACHE_NODE: &str = "cache node";

/// The scenario's system as a series of tiers (load balancer, application
/// servers 1-of-N, database majority quorum, cache tier), each part with the
/// availability `parts` gives it.
///
/// Never fails: a missing or non-finite count reads as 1 application server
/// and no cache; counts are rounded up and capped at [`MAX_REPLICAS`].
///
/// ```
/// use envelope_core::availability::{stack_from_sizing, StackAvailabilities};
/// use envelope_core::{estimate, Conventions, Scenario};
/// let report = estimate(&Scenario::default()).unwrap();
/// let system = stack_from_sizing(&report.sizing, &StackAvailabilities::default());
/// let result = system.evaluate(&Conventions::default()).unwrap();
/// assert_eq!(result.limiting.unwrap().name, "app server");
/// ```
pub fn stack_from_sizing(sizing: &Sizing, parts: &StackAvailabilities) -> Component {
    let app_servers = whole(sizing.app_servers).max(1);
    let cache_nodes = whole(sizing.cache_nodes);
    let replicas = whole(sizing.replicas).max(1);
    let quorum = replicas / 2 + 1;

    let load_balancer = Component::leaf(LOAD_BALANCER, parts.load_balancer);
    let mut tiers = vec![
        if app_servers > 1 {
            Component::k_of_n(1, 2, load_balancer)
        } else {
            load_balancer
        },
        Component::k_of_n(
            1,
            app_servers,
            Component::leaf(APP_SERVER, parts.app_server),
        ),
        Component::k_of_n(
            quorum,
            replicas,
            Component::leaf(DATABASE_REPLICA, parts.database_replica),
        ),
    ];
    if cache_nodes > 0 {
        tiers.push(Component::k_of_n(
            1,
            cache_nodes,
            Component::leaf(CACHE_NODE, parts.cache_node),
        ));
    }
    Component::series(tiers)
}

/// What [`stack_from_sizing`] had to cap, said for people: for each part
/// the estimate sized above [`MAX_REPLICAS`], how many it sized and how many
/// the system counts, e.g. `app servers: the scenario sizes 1,323; the
/// system counts 1,000, the most one part can have`. Empty when nothing is
/// capped. Front ends show it beside the system, so that no count is
/// changed silently.
///
/// ```
/// use envelope_core::availability::capped_parts;
/// use envelope_core::Sizing;
/// let sizing = Sizing { app_servers: 1_322.4, cache_nodes: 3.0, replicas: 3.0, ..Sizing::default() };
/// assert_eq!(
///     capped_parts(&sizing),
///     ["app servers: the scenario sizes 1,323; the system counts 1,000, the most one part can have"]
/// );
/// assert!(capped_parts(&Sizing { app_servers: 1_000.0, ..sizing }).is_empty());
/// ```
pub fn capped_parts(sizing: &Sizing) -> Vec<String> {
    [
        ("app servers", sizing.app_servers),
        ("cache nodes", sizing.cache_nodes),
        ("database replicas", sizing.replicas),
    ]
    .into_iter()
    .filter(|(_, count)| count.is_finite() && count.ceil() > f64::from(MAX_REPLICAS))
    .map(|(part, count)| {
        format!(
            "{part}: the scenario sizes {}; the system counts {}, the most one part can have",
            crate::format::number(count.ceil()),
            crate::format::number(f64::from(MAX_REPLICAS)),
        )
    })
    .collect()
}

/// `value` rounded up into `0..=MAX_REPLICAS`; 0 for NaN and negatives.
fn whole(value: f64) -> u32 {
    if value.is_nan() || value <= 0.0 {
        return 0;
    }
    // `as` saturates; the cap keeps the tree valid.
    (value.ceil().min(f64::from(MAX_REPLICAS))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate, keys, Conventions, Scenario};

    fn sizing(app: f64, cache: f64, replication: f64) -> Sizing {
        Sizing {
            app_servers: app,
            cache_nodes: cache,
            replicas: replication,
            ..Sizing::default()
        }
    }

    fn close(got: f64, want: f64) {
        assert!(
            (got - want).abs() <= 1e-12 * want.abs().max(1e-300),
            "got {got:e}, want {want:e}"
        );
    }

    #[test]
    fn defaults_are_the_documented_round_figures() {
        let p = StackAvailabilities::default();
        assert_eq!(p.load_balancer.to_string(), "99.99%");
        assert_eq!(p.app_server.to_string(), "99.5%");
        assert_eq!(p.database_replica.to_string(), "99.9%");
        assert_eq!(p.cache_node.to_string(), "99.9%");
    }

    #[test]
    fn three_app_servers_three_replicas_two_cache_nodes() {
        let p = StackAvailabilities::default();
        let system = stack_from_sizing(&sizing(3.0, 2.0, 3.0), &p);
        let expected = Component::series(vec![
            Component::k_of_n(1, 2, Component::leaf(LOAD_BALANCER, p.load_balancer)),
            Component::k_of_n(1, 3, Component::leaf(APP_SERVER, p.app_server)),
            Component::k_of_n(2, 3, Component::leaf(DATABASE_REPLICA, p.database_replica)),
            Component::k_of_n(1, 2, Component::leaf(CACHE_NODE, p.cache_node)),
        ]);
        assert_eq!(system, expected);

        let result = system.evaluate(&Conventions::default()).unwrap();
        // Tier by tier, by hand:
        // load balancers, any 1 of 2 at 99.99%: u = 0.0001^2     = 1e-8
        // app servers, any 1 of 3 at 99.5%:     u = 0.005^3      = 1.25e-7
        // database, 2 of 3 at 99.9%:            a = 0.999^3 + 3 x 0.999^2 x 0.001
        //                                         = 0.997002999 + 0.002994003 = 0.999997002
        // cache, any 1 of 2 at 99.9%:           u = 0.001^2      = 1e-6
        let tiers = [1.0 - 1e-8, 1.0 - 1.25e-7, 0.999_997_002, 1.0 - 1e-6];
        let product: f64 = tiers.iter().product();
        close(result.availability.fraction(), product);
        // 1 - product = the sum of the tiers' unavailabilities, 4.133e-6,
        // less the pairwise products, 3.54e-12 (triples are below 1e-17).
        let u = result.availability.unavailability();
        let want = 1e-8 + 1.25e-7 + 2.998e-6 + 1e-6 - 3.539e-12;
        assert!((u - want).abs() < 1e-15, "got {u:e}, want {want:e}");
        // The database's 2-of-3 quorum is the weakest tier.
        assert_eq!(result.limiting.unwrap().name, DATABASE_REPLICA);
    }

    #[test]
    fn one_app_server_gets_one_load_balancer_and_no_cache_is_left_out() {
        let p = StackAvailabilities::default();
        let system = stack_from_sizing(&sizing(1.0, 0.0, 1.0), &p);
        let expected = Component::series(vec![
            Component::leaf(LOAD_BALANCER, p.load_balancer),
            Component::k_of_n(1, 1, Component::leaf(APP_SERVER, p.app_server)),
            Component::k_of_n(1, 1, Component::leaf(DATABASE_REPLICA, p.database_replica)),
        ]);
        assert_eq!(system, expected);
        let a = system.availability().unwrap();
        close(a.fraction(), 0.9999 * 0.995 * 0.999);
    }

    #[test]
    fn fractional_replication_rounds_up_and_quorum_is_a_majority() {
        let p = StackAvailabilities::default();
        for (replication, n, k) in [
            (0.0, 1, 1),
            (1.0, 1, 1),
            (1.5, 2, 2),
            (2.0, 2, 2),
            (3.0, 3, 2),
            (4.0, 4, 3),
            (5.0, 5, 3),
        ] {
            let system = stack_from_sizing(&sizing(2.0, 0.0, replication), &p);
            let Component::Series(tiers) = system else {
                panic!("a series");
            };
            assert_eq!(
                tiers[2],
                Component::k_of_n(k, n, Component::leaf(DATABASE_REPLICA, p.database_replica)),
                "replication {replication}"
            );
        }
    }

    #[test]
    fn odd_counts_never_make_an_invalid_tree() {
        let p = StackAvailabilities::default();
        for (app, cache, replication) in [
            (f64::NAN, f64::NAN, f64::NAN),
            (-3.0, -1.0, -2.0),
            (f64::INFINITY, 1e12, f64::INFINITY),
            (2.2, 0.4, 2.5),
        ] {
            let system = stack_from_sizing(&sizing(app, cache, replication), &p);
            assert!(
                system.evaluate(&Conventions::default()).is_ok(),
                "{app} {cache} {replication}"
            );
        }
        // No counts at all.
        let system = stack_from_sizing(&Sizing::default(), &p);
        assert!(system.availability().is_ok());
    }

    #[test]
    fn counts_come_from_the_estimate() {
        let s = Scenario::default();
        let r = estimate(&s).unwrap();
        let app = r.figure(keys::APP_SERVERS).unwrap().value.base_value();
        let cache = r.figure(keys::CACHE_NODES).unwrap().value.base_value();
        assert_eq!((r.sizing.app_servers, r.sizing.cache_nodes), (app, cache));
        assert_eq!(r.sizing.replicas, s.storage.replication);
        let system = stack_from_sizing(&r.sizing, &StackAvailabilities::default());
        let Component::Series(tiers) = &system else {
            panic!("a series");
        };
        let Component::KOfN { n, .. } = &tiers[1] else {
            panic!("app servers are k of n");
        };
        assert_eq!(f64::from(*n), app.max(1.0));
        assert_eq!(tiers.len(), if cache > 0.0 { 4 } else { 3 });
    }
}
