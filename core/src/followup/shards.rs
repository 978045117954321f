//! Shards and consistent hashing: how many shards the data and the request
//! rates need (and which limit binds), and how evenly a hash ring with
//! virtual nodes spreads the load and how much moves when a server joins
//! or leaves.
//!
//! - Shards: `max(ceil(data / data per shard), ceil(writes/s / writes/s per
//!   shard), ceil(reads/s / reads/s per shard), 1)`; the largest term is the
//!   binding limit ([`Limit`]).
//! - Spread: with `S` servers of `V` virtual nodes each, the ring holds
//!   `S V` random points, and a server's share of the keys is the sum of
//!   the `V` arcs that end at its points. The arcs of random points on a
//!   circle are exchangeably Dirichlet(1, ..., 1) distributed, so a
//!   server's share is Beta(V, (S - 1) V): mean `1 / S` and relative
//!   standard deviation `sqrt((S - 1) / (S V + 1))`, which tends to
//!   `1 / sqrt(V)` as `S` grows (the usual rule of thumb, as in the
//!   Dynamo paper's discussion of virtual nodes; Karger et al. 1997 show
//!   `O(log S)` virtual nodes bound the imbalance). Exact for random ring
//!   positions; hashes behave like them.
//! - Movement: a server that joins takes its fair share, `1 / (S + 1)` of
//!   the keys, all from the others; one that leaves hands over its `1 / S`.
//!   Everything else stays put, which is the point of consistent hashing
//!   (`hash mod S` moves about `S / (S + 1)` of the keys).
//!
//! ```
//! use envelope_core::followup::shards::{self, Limit};
//! let (count, limit) = shards::shard_count(&shards::Inputs::default());
//! assert_eq!((count, limit), (10.0, Limit::Data));
//! ```

use super::{figure, m, n, section, Check, Note, Origin, Prefilled, MAX_COUNT};
use crate::{keys, Conventions, InputError, Measure, Numbers, Scenario, Section};

/// What to shard, each shard's limits, and the ring.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    /// Data to hold, one copy, in bytes.
    pub data_bytes: f64,
    /// Data one shard may hold, in bytes.
    pub shard_bytes: f64,
    /// Writes per second at peak, all shards.
    pub writes_per_second: f64,
    /// Writes per second one shard sustains.
    pub shard_writes_per_second: f64,
    /// Reads per second at peak, all shards.
    pub reads_per_second: f64,
    /// Reads per second one shard sustains (all its replicas together).
    pub shard_reads_per_second: f64,
    /// Servers on the hash ring (`S`), 1 to 1,000,000.
    pub servers: u32,
    /// Virtual nodes per server (`V`), 1 to 100,000.
    pub virtual_nodes: u32,
}

impl Default for Inputs {
    /// 10 TB at 1 TB per shard; 5,000 writes/s at 1,000 per shard; 50,000
    /// reads/s at 10,000 per shard; 10 servers with 100 virtual nodes each.
    fn default() -> Self {
        Inputs {
            data_bytes: 10e12,
            shard_bytes: 1e12,
            writes_per_second: 5e3,
            shard_writes_per_second: 1e3,
            reads_per_second: 5e4,
            shard_reads_per_second: 1e4,
            servers: 10,
            virtual_nodes: 100,
        }
    }
}

/// Which limit decides the shard count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The data per shard.
    Data,
    /// The writes per second per shard.
    Writes,
    /// The reads per second per shard.
    Reads,
}

impl Limit {
    /// The limit for people: `data`, `writes`, `reads`.
    pub fn name(self) -> &'static str {
        match self {
            Limit::Data => "data",
            Limit::Writes => "writes",
            Limit::Reads => "reads",
        }
    }
}

/// The shards `inputs` need (at least 1) and the binding limit; on a tie
/// the first of data, writes, reads.
pub fn shard_count(inputs: &Inputs) -> (f64, Limit) {
    let [data, writes, reads] = by_limit(inputs);
    let mut best = (data.max(1.0), Limit::Data);
    for (count, limit) in [(writes, Limit::Writes), (reads, Limit::Reads)] {
        if count > best.0 {
            best = (count, limit);
        }
    }
    best
}

fn by_limit(i: &Inputs) -> [f64; 3] {
    [
        (i.data_bytes / i.shard_bytes).ceil(),
        (i.writes_per_second / i.shard_writes_per_second).ceil(),
        (i.reads_per_second / i.shard_reads_per_second).ceil(),
    ]
}

/// The relative standard deviation of one server's share of the keys on a
/// ring of `servers` servers with `virtual_nodes` points each:
/// `sqrt((S - 1) / (S V + 1))` (see the [module](self) docs).
pub fn load_spread(servers: u32, virtual_nodes: u32) -> f64 {
    let (s, v) = (f64::from(servers), f64::from(virtual_nodes));
    ((s - 1.0) / (s * v + 1.0)).sqrt()
}

/// The shards' figures: shards by data, writes and reads
/// (`shards.by_data`, `shards.by_writes`, `shards.by_reads`), the count
/// (`shards.count`, naming the binding limit), the load spread
/// (`shards.load_spread`), the share of keys that moves when a server
/// joins (`shards.moved_on_join`) or leaves (`shards.moved_on_leave`), and
/// the bytes a join moves (`shards.bytes_moved_on_join`).
pub fn compute(inputs: &Inputs, c: &Conventions) -> Result<Section, Vec<InputError>> {
    validate(inputs)?;
    let i = *inputs;
    let [data, writes, reads] = by_limit(&i);
    let (count, limit) = shard_count(&i);
    let s = f64::from(i.servers);
    let v = f64::from(i.virtual_nodes);
    let spread = load_spread(i.servers, i.virtual_nodes);
    let figures = vec![
        figure(
            "shards.by_data",
            "Shards for the data",
            Measure::Count(data),
            format!(
                "ceil({} / {} per shard)",
                m(Measure::data_bytes(i.data_bytes), c),
                m(Measure::data_bytes(i.shard_bytes), c)
            ),
            c,
        ),
        figure(
            "shards.by_writes",
            "Shards for the writes",
            Measure::Count(writes),
            format!(
                "ceil({} / {} per shard)",
                m(Measure::per_second(i.writes_per_second), c),
                m(Measure::per_second(i.shard_writes_per_second), c)
            ),
            c,
        ),
        figure(
            "shards.by_reads",
            "Shards for the reads",
            Measure::Count(reads),
            format!(
                "ceil({} / {} per shard)",
                m(Measure::per_second(i.reads_per_second), c),
                m(Measure::per_second(i.shard_reads_per_second), c)
            ),
            c,
        ),
        figure(
            "shards.count",
            "Shards",
            Measure::Count(count),
            format!(
                "max({}, {}, {}, 1); bound by {}",
                n(data),
                n(writes),
                n(reads),
                limit.name()
            ),
            c,
        ),
        figure(
            "shards.load_spread",
            "Load spread per server (relative std. dev.)",
            Measure::Fraction(spread),
            format!(
                "sqrt((S - 1) / (S V + 1)) = sqrt({} / ({} x {} + 1)), about 1 / sqrt(V) = {}%",
                n(s - 1.0),
                n(s),
                n(v),
                n(100.0 / v.sqrt())
            ),
            c,
        ),
        figure(
            "shards.moved_on_join",
            "Keys that move when a server joins",
            Measure::Fraction(1.0 / (s + 1.0)),
            format!("1 / (S + 1) = 1 / {}", n(s + 1.0)),
            c,
        ),
        figure(
            "shards.moved_on_leave",
            "Keys that move when a server leaves",
            Measure::Fraction(1.0 / s),
            format!("1 / S = 1 / {}", n(s)),
            c,
        ),
        figure(
            "shards.bytes_moved_on_join",
            "Data that moves when a server joins",
            Measure::data_bytes(i.data_bytes / (s + 1.0)),
            format!(
                "{} / {}",
                m(Measure::data_bytes(i.data_bytes), c),
                n(s + 1.0)
            ),
            c,
        ),
    ];
    section(super::Calculator::Shards, figures)
}

fn validate(i: &Inputs) -> Result<(), Vec<InputError>> {
    let mut check = Check::new();
    check.field("shards.data_bytes", i.data_bytes);
    check.field("shards.shard_bytes", i.shard_bytes);
    check.field("shards.writes_per_second", i.writes_per_second);
    check.field("shards.shard_writes_per_second", i.shard_writes_per_second);
    check.field("shards.reads_per_second", i.reads_per_second);
    check.field("shards.shard_reads_per_second", i.shard_reads_per_second);
    check.whole_field("shards.servers", i.servers);
    check.whole_field("shards.virtual_nodes", i.virtual_nodes);
    check.finish()?;
    // Each term is at most 1e24 / 1e-300: check the quotients are counts.
    let [data, writes, reads] = by_limit(i);
    let mut check = Check::new();
    for (count, key, label) in [
        (data, "shards.shard_bytes", "Data per shard"),
        (
            writes,
            "shards.shard_writes_per_second",
            "Writes per second per shard",
        ),
        (
            reads,
            "shards.shard_reads_per_second",
            "Reads per second per shard",
        ),
    ] {
        if count > MAX_COUNT {
            check.fail(
                key,
                label,
                format!("too small: it makes {} shards", n(count)),
            );
        }
    }
    check.finish()
}

/// The inputs with the data (one copy over the retention period), the
/// data per shard, the peak write and read rates from the scenario, and
/// the servers on the ring from its storage nodes.
pub fn prefill(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    let c = &s.conventions;
    let mut inputs = Inputs {
        shard_bytes: s.capacity.shard_bytes,
        ..Inputs::default()
    };
    let mut notes = Vec::new();
    let mut note = |field, value: Measure, text: &str| {
        notes.push(Note {
            origin: Origin::Scenario,
            field,
            text: format!("{} {text}", m(value, c)),
        });
    };
    if let Some(data) = numbers.get(keys::STORED_RETENTION) {
        inputs.data_bytes = data.base_value();
        note(
            "shards.data_bytes",
            data,
            "from the scenario: one copy over the retention period",
        );
    }
    note(
        "shards.shard_bytes",
        Measure::data_bytes(inputs.shard_bytes),
        "per shard from the scenario's capacity",
    );
    if let Some(writes) = numbers.get(keys::PEAK_WRITE_RPS) {
        inputs.writes_per_second = writes.base_value();
        note(
            "shards.writes_per_second",
            writes,
            "from the scenario's peak writes",
        );
    }
    if let Some(reads) = numbers.get(keys::PEAK_READ_RPS) {
        inputs.reads_per_second = reads.base_value();
        note(
            "shards.reads_per_second",
            reads,
            "from the scenario's peak reads",
        );
    }
    if let Some(nodes) = numbers.get(keys::STORAGE_NODES) {
        let servers = nodes.base_value().clamp(1.0, 1e6) as u32;
        inputs.servers = servers;
        notes.push(Note {
            origin: Origin::Scenario,
            field: "shards.servers",
            text: format!("S = {servers} servers: the scenario's storage nodes"),
        });
    }
    Prefilled { inputs, notes }
}

/// The inputs as used: what the user set in the scenario
/// ([`crate::Scenario::followup`]) over [`prefill`], each input with a
/// [`Note`] saying whether it was set or came from the scenario.
pub fn effective(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    super::effective::overlay(prefill(s, numbers), s, super::Calculator::Shards, |all| {
        &mut all.shards
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate_numbers;
    use proptest::prelude::*;

    use crate::followup::test_value as value;

    #[test]
    fn the_binding_limit_is_named() {
        let c = Conventions::default();
        let s = compute(&Inputs::default(), &c).unwrap();
        // 10 TB / 1 TB = 10; 5,000 / 1,000 = 5; 50,000 / 10,000 = 5.
        assert_eq!(value(&s, "shards.by_data"), 10.0);
        assert_eq!(value(&s, "shards.by_writes"), 5.0);
        assert_eq!(value(&s, "shards.by_reads"), 5.0);
        assert_eq!(value(&s, "shards.count"), 10.0);
        assert_eq!(
            s.figures[3].derivation,
            "max(10, 5, 5, 1); bound by data = 10"
        );
        // 25,001 writes/s at 1,000 per shard: ceil(25.001) = 26, bound by writes.
        let i = Inputs {
            writes_per_second: 25_001.0,
            ..Inputs::default()
        };
        assert_eq!(shard_count(&i), (26.0, Limit::Writes));
        // Nothing to store or serve still takes one shard.
        let i = Inputs {
            data_bytes: 0.0,
            writes_per_second: 0.0,
            reads_per_second: 0.0,
            ..Inputs::default()
        };
        assert_eq!(shard_count(&i), (1.0, Limit::Data));
    }

    #[test]
    fn ring_spread_and_movement() {
        let c = Conventions::default();
        let s = compute(&Inputs::default(), &c).unwrap();
        // S = 10, V = 100: sqrt(9 / 1,001) = sqrt(0.008991) = 0.09482,
        // against the rule of thumb 1 / sqrt(100) = 0.1.
        assert!((value(&s, "shards.load_spread") - 0.094_821).abs() < 1e-6);
        // Join: 1 / 11 = 9.09%; leave: 1 / 10; 10 TB / 11 = 909.1 GB.
        assert_eq!(value(&s, "shards.moved_on_join"), 1.0 / 11.0);
        assert_eq!(value(&s, "shards.moved_on_leave"), 0.1);
        assert_eq!(value(&s, "shards.bytes_moved_on_join"), 10e12 / 11.0);
        // One server holds everything: no spread.
        assert_eq!(load_spread(1, 1), 0.0);
        // Many servers, one point each: sqrt((S-1)/(S+1)) -> 1 = 1/sqrt(1).
        assert!((load_spread(1_000_000, 1) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn bad_limits_name_their_fields() {
        let c = Conventions::default();
        let i = Inputs {
            shard_bytes: 0.0,
            servers: 0,
            ..Inputs::default()
        };
        let fields: Vec<_> = compute(&i, &c)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["shards.shard_bytes", "shards.servers"]);
        let i = Inputs {
            data_bytes: 1e24,
            shard_bytes: 1.0,
            ..Inputs::default()
        };
        let e = compute(&i, &c).unwrap_err();
        assert_eq!(
            e[0].message,
            "Data per shard: too small: it makes 1e24 shards"
        );
    }

    #[test]
    fn prefills_from_the_scenario() {
        let s = Scenario::default();
        let p = prefill(&s, &estimate_numbers(&s).unwrap());
        // 1.825e9 objects x 10 KB = 18.25 TB kept; 1 TB per shard;
        // peak writes 2e6 / 86,400 = 23.15 /s, peak reads 2e7 / 86,400 = 231.5 /s.
        assert_eq!(p.inputs.data_bytes, 18.25e12);
        assert_eq!(p.inputs.shard_bytes, 1e12);
        assert!((p.inputs.reads_per_second - 2e7 / 86_400.0).abs() < 1e-9);
        // 18.25 TB x 3 / 0.7 = 78.2 TB provisioned / 16 TB per node -> 5 nodes.
        assert_eq!(p.inputs.servers, 5);
        let texts: Vec<_> = p.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "18.25 TB from the scenario: one copy over the retention period",
                "1 TB per shard from the scenario's capacity",
                "23.15 req/s from the scenario's peak writes",
                "231.5 req/s from the scenario's peak reads",
                "S = 5 servers: the scenario's storage nodes",
            ]
        );
        let (count, limit) = shard_count(&p.inputs);
        assert_eq!((count, limit), (19.0, Limit::Data));
    }

    proptest! {
        #[test]
        fn more_virtual_nodes_never_spread_the_load_more(s in 1u32..10_000, v in 1u32..10_000) {
            let spread = load_spread(s, v);
            prop_assert!(load_spread(s, v + 1) <= spread);
            // Below the rule of thumb 1 / sqrt(V), and within 1% of it for 100+ servers.
            prop_assert!(spread <= 1.0 / f64::from(v).sqrt());
            if s >= 100 {
                prop_assert!(spread >= 0.99 / f64::from(v).sqrt());
            }
        }

        #[test]
        fn the_count_covers_every_limit(
            data in 0.0f64..1e18, per in 1.0f64..1e15,
            writes in 0.0f64..1e9, reads in 0.0f64..1e9,
        ) {
            let i = Inputs { data_bytes: data, shard_bytes: per, writes_per_second: writes, reads_per_second: reads, ..Inputs::default() };
            let (count, _) = shard_count(&i);
            prop_assert!(count * per >= data);
            prop_assert!(count * i.shard_writes_per_second >= writes);
            prop_assert!(count * i.shard_reads_per_second >= reads);
            prop_assert!(count >= 1.0);
        }

        #[test]
        fn any_inputs_give_finite_figures_or_errors(
            data in prop_oneof![Just(f64::NAN), -1.0f64..2e24],
            per in prop_oneof![Just(f64::INFINITY), -1.0f64..1e3],
            rate in -1.0f64..2e18,
            servers in 0u32..2_000_000, v in 0u32..200_000,
        ) {
            let i = Inputs { data_bytes: data, shard_bytes: per, writes_per_second: rate, shard_writes_per_second: per, servers, virtual_nodes: v, ..Inputs::default() };
            if let Ok(s) = compute(&i, &Conventions::default()) {
                prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
            }
        }
    }
}
