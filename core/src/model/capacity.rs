//! The machines and what they cost: cache, servers (by requests and by
//! bandwidth), storage nodes, shards, and the monthly cost.

use uom::si::f64::{Frequency as PerSecond, Information, InformationRate};
use uom::si::frequency::hertz;
use uom::si::information::byte;
use uom::si::information_rate::byte_per_second;
use uom::si::ratio::ratio;

use super::n;
use super::sink::{FigureId, SectionId, Sink};
use super::storage::Stored;
use crate::{format, keys, Bound, Measure, Scenario, Sizing};

/// The cache section; gives the cache node count.
pub(super) fn cache(s: &Scenario, reads_out_day: Information, sink: &mut impl Sink) -> f64 {
    let cap = &s.capacity;
    let m = |value: Measure| super::measure(&value, &s.conventions);
    sink.section(SectionId::Total("cache"), || "Cache".to_owned());
    let memory = reads_out_day * cap.cache_hot_share;
    sink.figure(
        FigureId::Total(keys::CACHE_MEMORY),
        "Cache memory",
        Measure::Data(memory),
        || {
            format!(
                "{} read per day x {}% hot",
                m(Measure::Data(reads_out_day)),
                n(cap.cache_hot_share * 100.0)
            )
        },
    );
    let node = Information::new::<byte>(cap.cache_node_bytes);
    let nodes = (memory / node).get::<ratio>().ceil();
    sink.figure(
        FigureId::Total(keys::CACHE_NODES),
        "Cache nodes",
        Measure::Count(nodes),
        || {
            format!(
                "ceil({} / {} per node)",
                m(Measure::Data(memory)),
                m(Measure::Data(node))
            )
        },
    );
    nodes
}

/// The peak rates the servers are sized for, before the CDN takes its
/// share of the reads.
pub(super) struct Peaks {
    pub(super) requests: PerSecond,
    pub(super) reads: PerSecond,
    /// The busier direction of the origin's network traffic (after the CDN).
    pub(super) busiest_direction: InformationRate,
}

/// What the servers section sized.
pub(super) struct Servers {
    pub(super) counts: Sizing,
    pub(super) bound: Bound,
}

/// The servers section; gives the machine counts (but cache nodes) and what
/// bounds the application servers.
pub(super) fn servers(
    s: &Scenario,
    peak: &Peaks,
    stored: &Stored,
    sink: &mut impl Sink,
) -> Servers {
    let cap = &s.capacity;
    let c = &s.conventions;
    let m = |value: Measure| super::measure(&value, c);
    sink.section(SectionId::Total("servers"), || "Servers".to_owned());
    let cdn = cap.cdn_hit_ratio;
    let peak_rps = peak.requests - peak.reads * cdn;
    let busiest_peak = peak.busiest_direction;
    sink.figure(
        FigureId::Total(keys::ORIGIN_PEAK_RPS),
        "Requests reaching the origin, peak",
        Measure::Rate(peak_rps),
        || {
            if cdn == 0.0 {
                "every request: no CDN".to_owned()
            } else {
                format!(
                    "{} - {} reads x {}% CDN hit rate",
                    m(Measure::Rate(peak.requests)),
                    m(Measure::Rate(peak.reads)),
                    n(cdn * 100.0)
                )
            }
        },
    );
    let per_server = PerSecond::new::<hertz>(cap.server_rps) * cap.target_utilisation;
    let by_requests = (peak_rps / per_server).get::<ratio>().ceil();
    let utilisation = || n(cap.target_utilisation * 100.0);
    sink.figure(
        FigureId::Total(keys::SERVERS_BY_REQUESTS),
        "Servers for the request rate",
        Measure::Count(by_requests),
        || {
            format!(
                "ceil({} / ({} x {}% utilisation))",
                m(Measure::Rate(peak_rps)),
                m(Measure::per_second(cap.server_rps)),
                utilisation()
            )
        },
    );
    let nic = InformationRate::new::<byte_per_second>(cap.nic_bits_per_second / 8.0)
        * cap.target_utilisation;
    let by_bandwidth = (busiest_peak / nic).get::<ratio>().ceil();
    sink.figure(
        FigureId::Total(keys::SERVERS_BY_BANDWIDTH),
        "Servers for the bandwidth",
        Measure::Count(by_bandwidth),
        || {
            let bits = |value: Measure| format::measure_alternate(&value, c).unwrap_or_default();
            format!(
                "ceil({} peak, the busier direction (NICs are full duplex) / ({} x {}% utilisation))",
                bits(Measure::DataRate(busiest_peak)),
                bits(Measure::bytes_per_second(cap.nic_bits_per_second / 8.0)),
                utilisation()
            )
        },
    );
    let bound = if by_bandwidth > by_requests {
        Bound::Bandwidth
    } else {
        Bound::Requests
    };
    let spares = cap.spare_servers.ceil();
    let app = by_requests.max(by_bandwidth) + spares;
    sink.figure(
        FigureId::Total(keys::APP_SERVERS),
        "Application servers",
        Measure::Count(app),
        || {
            format!(
                "max({}, {}) + {} spares; bound by {}",
                n(by_requests),
                n(by_bandwidth),
                n(spares),
                if bound == Bound::Bandwidth {
                    "bandwidth"
                } else {
                    "requests"
                }
            )
        },
    );
    let disk = Information::new::<byte>(cap.storage_node_bytes);
    let storage_nodes = (stored.provisioned / disk).get::<ratio>().ceil();
    sink.figure(
        FigureId::Total(keys::STORAGE_NODES),
        "Storage nodes",
        Measure::Count(storage_nodes),
        || {
            format!(
                "ceil({} provisioned / {} per node)",
                m(Measure::Data(stored.provisioned)),
                m(Measure::Data(disk))
            )
        },
    );
    let shard = Information::new::<byte>(cap.shard_bytes);
    let shards = (stored.kept / shard).get::<ratio>().ceil();
    sink.figure(
        FigureId::Total(keys::SHARDS),
        "Shards",
        Measure::Count(shards),
        || {
            format!(
                "ceil({} one copy / {} per shard)",
                m(Measure::Data(stored.kept)),
                m(Measure::Data(shard))
            )
        },
    );
    Servers {
        counts: Sizing {
            app_servers: app,
            cache_nodes: 0.0,
            storage_nodes,
            shards,
            replicas: s.storage.replication,
        },
        bound,
    }
}

/// The monthly cost section.
pub(super) fn cost(
    s: &Scenario,
    servers: f64,
    stored: &Stored,
    egress_day: Information,
    cdn_day: Information,
    sink: &mut impl Sink,
) {
    let cost = &s.cost;
    let c = &s.conventions;
    let m = |value: Measure| super::measure(&value, c);
    sink.section(SectionId::Total("cost"), || "Monthly cost".to_owned());
    let compute = servers * cost.server_month_usd;
    sink.figure(
        FigureId::Total(keys::COST_SERVERS),
        "Servers and cache nodes",
        Measure::Money(compute),
        || format!("{} nodes x ${}/month", n(servers), n(cost.server_month_usd)),
    );
    let gb = Information::new::<byte>(1e9);
    let storage = (stored.provisioned / gb).get::<ratio>() * cost.storage_gb_month_usd;
    sink.figure(
        FigureId::Total(keys::COST_STORAGE),
        "Storage (at full retention)",
        Measure::Money(storage),
        || {
            format!(
                "{} provisioned / 10^9 B/GB x ${}/GB-month",
                m(Measure::Data(stored.provisioned)),
                n(cost.storage_gb_month_usd)
            )
        },
    );
    let egress_month = egress_day * c.days_per_month();
    let egress = (egress_month / gb).get::<ratio>() * cost.egress_gb_usd;
    sink.figure(
        FigureId::Total(keys::COST_EGRESS),
        "Egress",
        Measure::Money(egress),
        || {
            format!(
                "{} per month / 10^9 B/GB x ${}/GB",
                m(Measure::Data(egress_month)),
                n(cost.egress_gb_usd)
            )
        },
    );
    let cdn_month = cdn_day * c.days_per_month();
    let cdn = (cdn_month / gb).get::<ratio>() * cost.cdn_gb_usd;
    sink.figure(
        FigureId::Total(keys::COST_CDN),
        "CDN",
        Measure::Money(cdn),
        || {
            if s.capacity.cdn_hit_ratio == 0.0 {
                "no CDN".to_owned()
            } else {
                format!(
                    "{} per month / 10^9 B/GB x ${}/GB",
                    m(Measure::Data(cdn_month)),
                    n(cost.cdn_gb_usd)
                )
            }
        },
    );
    let month = compute + storage + egress + cdn;
    sink.figure(
        FigureId::Total(keys::COST_TOTAL),
        "Total per month",
        Measure::Money(month),
        || {
            if s.capacity.cdn_hit_ratio == 0.0 {
                format!("${} + ${} + ${}", n(compute), n(storage), n(egress))
            } else {
                format!(
                    "${} + ${} + ${} + ${} CDN",
                    n(compute),
                    n(storage),
                    n(egress),
                    n(cdn)
                )
            }
        },
    );
    let day = month / c.days_per_month();
    sink.figure(
        FigureId::Total(keys::COST_PER_DAY),
        "Total per day",
        Measure::Money(day),
        || format!("${} / {} days/month", n(month), n(c.days_per_month())),
    );
    sink.figure(
        FigureId::Total(keys::COST_PER_YEAR),
        "Total per year",
        Measure::Money(day * c.days_per_year()),
        || format!("${} /day x {} days/year", n(day), n(c.days_per_year())),
    );
}
