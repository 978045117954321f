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
use crate::scenario::popular_part;
use crate::{format, keys, Bound, CacheRule, Concurrency, Measure, Scenario, Sizing};

/// The cache section; gives the cache node count.
///
/// The cache's size follows [`crate::Capacity::cache_rule`]; its hit ratio
/// is the two-segment popularity model of [`CacheRule::hit_ratio`] over the
/// rule's universe (a day's read bytes, or the data kept, one copy), and
/// the reads it misses at the peak reach the database.
pub(super) fn cache(
    s: &Scenario,
    // Bytes read per day from the origin, after the CDN.
    reads_out_day: Information,
    stored: &Stored,
    origin_peak_reads: PerSecond,
    sink: &mut impl Sink,
) -> f64 {
    let cap = &s.capacity;
    let m = |value: Measure| super::measure(&value, &s.conventions);
    let pct = |x: f64| format!("{}%", n(x * 100.0));
    sink.section(SectionId::Total("cache"), || "Cache".to_owned());
    let hot = cap.cache_hot_share;
    let reads_share = cap.cache_reads_share;
    let (memory, universe) = match cap.cache_rule {
        CacheRule::DailyReads => (reads_out_day * hot, reads_out_day),
        CacheRule::StoredObjects => (stored.kept * hot, stored.kept),
        CacheRule::Fixed => (Information::new::<byte>(cap.cache_fixed_bytes), stored.kept),
    };
    // What the hot share is of, as the derivations say it.
    let universe_text = || match cap.cache_rule {
        CacheRule::DailyReads if cap.cdn_hit_ratio > 0.0 => {
            format!("{} read per day past the CDN", m(Measure::Data(universe)))
        }
        CacheRule::DailyReads => format!("{} read per day", m(Measure::Data(universe))),
        CacheRule::StoredObjects | CacheRule::Fixed => {
            format!("{} kept", m(Measure::Data(universe)))
        }
    };
    let items = match cap.cache_rule {
        CacheRule::DailyReads => "the read bytes",
        CacheRule::StoredObjects | CacheRule::Fixed => "the objects",
    };
    let popularity = || {
        format!(
            "{} of {items} get {} of the reads",
            pct(hot),
            pct(reads_share)
        )
    };
    // A cache larger than the data it caches: said, since the whole data
    // fits in less.
    let too_big = memory > stored.kept;
    sink.figure(
        FigureId::Total(keys::CACHE_MEMORY),
        "Cache memory",
        Measure::Data(memory),
        || {
            let rule = match cap.cache_rule {
                CacheRule::Fixed => "a fixed size, given".to_owned(),
                _ => format!("{} hot x {} ({})", pct(hot), universe_text(), popularity()),
            };
            if too_big {
                format!(
                    "{rule}; larger than the {} kept: the whole data fits",
                    m(Measure::Data(stored.kept))
                )
            } else {
                rule
            }
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
    let (c_bytes, u_bytes) = (memory.get::<byte>(), universe.get::<byte>());
    let hit = CacheRule::hit_ratio(c_bytes, u_bytes, hot, reads_share);
    // The part cached first: the hot share, unless it gets fewer reads
    // than its size (then the rest), as the hit ratio takes it.
    let (first, first_reads) = popular_part(hot, reads_share);
    sink.figure(
        FigureId::Total(keys::CACHE_HIT_RATIO),
        "Cache hit ratio",
        Measure::Fraction(hit),
        || {
            if c_bytes.is_nan() || c_bytes <= 0.0 {
                return "no cache memory: every read misses".to_owned();
            }
            if u_bytes.is_nan() || u_bytes <= 0.0 {
                return format!("nothing to cache ({}): every read hits", universe_text());
            }
            let x = c_bytes / u_bytes;
            let share = format!(
                "x = {} cache / {} = {}",
                m(Measure::Data(memory)),
                universe_text(),
                pct(x)
            );
            let model = popularity();
            let part = if first_reads == reads_share && first == hot {
                "hot"
            } else {
                "cold (the more read per byte)"
            };
            if x >= 1.0 {
                format!("{share}: the whole universe fits, every read hits")
            } else if x <= first {
                format!(
                    "{share}, within the {} {part}: {} x {} / {} ({model}, evenly within each part)",
                    pct(first),
                    pct(first_reads),
                    pct(x),
                    pct(first)
                )
            } else {
                format!(
                    "{share}, past the {} {part}: {} + {} x ({} - {}) / {} ({model}, evenly within each part)",
                    pct(first),
                    pct(first_reads),
                    pct(1.0 - first_reads),
                    pct(x),
                    pct(first),
                    pct(1.0 - first)
                )
            }
        },
    );
    let db_reads = origin_peak_reads * (1.0 - hit);
    sink.figure(
        FigureId::Total(keys::DB_PEAK_READS),
        "Database reads, peak",
        Measure::Rate(db_reads),
        || {
            let cdn = if cap.cdn_hit_ratio == 0.0 {
                ""
            } else {
                " (after the CDN)"
            };
            format!(
                "{} reads reaching the origin{cdn} x (1 - {} cache hit ratio)",
                m(Measure::Rate(origin_peak_reads)),
                pct(hit)
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
    /// Daily active users: what concurrency is a share of.
    pub(super) daily_active: f64,
    /// The scenario's peak-to-average factor.
    pub(super) factor: f64,
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
    // Connections, when concurrency is given (a choice ranges cannot flip,
    // so every Monte Carlo sample has these figures or none has).
    let by_connections = connections(s, peak, sink);
    let mut bound = if by_bandwidth > by_requests {
        Bound::Bandwidth
    } else {
        Bound::Requests
    };
    let mut need = by_requests.max(by_bandwidth);
    if let Some(by_connections) = by_connections {
        if by_connections > need {
            bound = Bound::Connections;
            need = by_connections;
        }
    }
    let spares = cap.spare_servers.ceil();
    let app = need + spares;
    sink.figure(
        FigureId::Total(keys::APP_SERVERS),
        "Application servers",
        Measure::Count(app),
        || {
            let needs = match by_connections {
                Some(by_connections) => format!(
                    "{}, {}, {}",
                    n(by_requests),
                    n(by_bandwidth),
                    n(by_connections)
                ),
                None => format!("{}, {}", n(by_requests), n(by_bandwidth)),
            };
            let what = match bound {
                Bound::Requests => "requests",
                Bound::Bandwidth => "bandwidth",
                Bound::Connections => "connections",
            };
            format!("max({needs}) + {} spares; bound by {what}", n(spares))
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

/// Peak concurrent connections and the servers they need, when
/// concurrency is given: `None` (and no figures) when it is not.
/// Connections are planned at the target utilisation, as requests and
/// bandwidth are.
fn connections(s: &Scenario, peak: &Peaks, sink: &mut impl Sink) -> Option<f64> {
    let cap = &s.capacity;
    let c = &s.conventions;
    let concurrency = cap.concurrency;
    if concurrency.is_none() {
        return None;
    }
    let dau = peak.daily_active;
    let concurrent = concurrency.peak_connections(dau, peak.factor, c.seconds_per_day());
    sink.figure(
        FigureId::Total(keys::PEAK_CONNECTIONS),
        "Concurrent connections, peak",
        Measure::Count(concurrent),
        || match concurrency {
            Concurrency::OnlineShare(share) => format!(
                "{} daily users x {}% online at peak",
                n(dau),
                n(share * 100.0)
            ),
            Concurrency::Sessions {
                per_user_per_day,
                seconds,
            } => format!(
                "{} users x {} sessions/day / {} s/day x {} peak x {} s connected (Little's law)",
                n(dau),
                n(per_user_per_day),
                n(c.seconds_per_day()),
                n(peak.factor),
                n(seconds)
            ),
            Concurrency::None => String::new(),
        },
    );
    let per_server = cap.connections_per_server * cap.target_utilisation;
    let by_connections = if per_server > 0.0 {
        (concurrent / per_server).ceil()
    } else {
        0.0
    };
    sink.figure(
        FigureId::Total(keys::SERVERS_BY_CONNECTIONS),
        "Servers for the connections",
        Measure::Count(by_connections),
        || {
            format!(
                "ceil({} / ({} connections x {}% utilisation))",
                n(concurrent),
                n(cap.connections_per_server),
                n(cap.target_utilisation * 100.0)
            )
        },
    );
    Some(by_connections)
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
