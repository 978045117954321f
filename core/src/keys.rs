//! The stable keys of the report's figures, named once.
//!
//! Share links, comparisons, the JSON report and every front end address
//! figures by these keys; use the constants rather than spelling the strings,
//! so a mistyped key is a compile error instead of a figure read as missing.
//!
//! ```
//! use envelope_core::{estimate, keys, Scenario};
//! let report = estimate(&Scenario::default()).unwrap();
//! assert!(report.figure(keys::PEAK_RPS).is_some());
//! assert_eq!(keys::class(1, keys::class::PER_DAY), "class.1.per_day");
//! ```

/// Daily active users (given, or monthly users x the daily share).
pub const DAILY_ACTIVE_USERS: &str = "users.daily_active";

/// Requests per day, every class.
pub const REQUESTS_PER_DAY: &str = "total.requests_per_day";
/// Average requests per second.
pub const AVG_RPS: &str = "total.avg_rps";
/// Peak requests per second.
pub const PEAK_RPS: &str = "total.peak_rps";
/// Average reads per second.
pub const AVG_READ_RPS: &str = "total.avg_read_rps";
/// Peak reads per second.
pub const PEAK_READ_RPS: &str = "total.peak_read_rps";
/// Average writes per second.
pub const AVG_WRITE_RPS: &str = "total.avg_write_rps";
/// Peak writes per second.
pub const PEAK_WRITE_RPS: &str = "total.peak_write_rps";
/// Reads per write (only when the scenario writes).
pub const READ_WRITE_RATIO: &str = "total.read_write_ratio";

/// Bytes received per day.
pub const INGRESS_PER_DAY: &str = "bandwidth.ingress_per_day";
/// Average ingress rate.
pub const INGRESS_AVG: &str = "bandwidth.ingress_avg";
/// Peak ingress rate.
pub const INGRESS_PEAK: &str = "bandwidth.ingress_peak";
/// Bytes received per month.
pub const INGRESS_PER_MONTH: &str = "bandwidth.ingress_per_month";
/// Bytes sent per day.
pub const EGRESS_PER_DAY: &str = "bandwidth.egress_per_day";
/// Average egress rate.
pub const EGRESS_AVG: &str = "bandwidth.egress_avg";
/// Peak egress rate.
pub const EGRESS_PEAK: &str = "bandwidth.egress_peak";
/// Bytes sent per month.
pub const EGRESS_PER_MONTH: &str = "bandwidth.egress_per_month";
/// Bytes a CDN sends per day (its hit rate of the reads' bytes).
pub const CDN_PER_DAY: &str = "bandwidth.cdn_per_day";
/// Peak egress from the origin: what the CDN does not serve.
pub const ORIGIN_EGRESS_PEAK: &str = "bandwidth.origin_egress_peak";

/// Bytes stored per day (one copy, after overhead and compression).
pub const STORED_PER_DAY: &str = "storage.per_day";
/// Bytes written per day to every replica.
pub const STORED_REPLICATED_PER_DAY: &str = "storage.replicated_per_day";
/// Bytes stored per month.
pub const STORED_PER_MONTH: &str = "storage.per_month";
/// Bytes stored per year.
pub const STORED_PER_YEAR: &str = "storage.per_year";
/// Bytes kept over the retention period, one copy.
pub const STORED_RETENTION: &str = "storage.retention";
/// Bytes kept over the retention period, every replica.
pub const STORED_REPLICATED: &str = "storage.retention_replicated";
/// Disk provisioned for the replicated bytes at the target fill.
pub const PROVISIONED_DISK: &str = "storage.provisioned";
/// Objects (records) written per day: one per write request that stores
/// bytes.
pub const OBJECTS_PER_DAY: &str = "storage.objects_per_day";
/// Objects kept over the retention period.
pub const OBJECTS_RETENTION: &str = "storage.objects_retention";
/// Characters of a base62 id that can name every object kept.
pub const ID_CHARS_BASE62: &str = "storage.id_chars_base62";

/// Writes caused downstream per day by every class's fan-out.
pub const FANOUT_PER_DAY: &str = "fanout.writes_per_day";
/// Fan-out writes per second at the peak.
pub const FANOUT_PEAK_WPS: &str = "fanout.peak_wps";
/// Bytes the fan-out writes store per day.
pub const FANOUT_STORED_PER_DAY: &str = "fanout.stored_per_day";

/// Cache memory.
pub const CACHE_MEMORY: &str = "cache.memory";
/// Cache nodes.
pub const CACHE_NODES: &str = "cache.nodes";
/// The share of the reads reaching the origin that the cache serves, by
/// the two-segment popularity model ([`crate::CacheRule::hit_ratio`]).
pub const CACHE_HIT_RATIO: &str = "cache.read_hit_ratio";
/// Peak reads that reach the database: the origin's peak reads (after the
/// CDN) the cache misses.
pub const DB_PEAK_READS: &str = "cache.db_peak_reads";

/// Peak requests that reach the origin: all but the CDN's hits.
pub const ORIGIN_PEAK_RPS: &str = "servers.origin_peak_rps";
/// Servers the peak request rate needs.
pub const SERVERS_BY_REQUESTS: &str = "servers.by_requests";
/// Servers the peak bandwidth needs.
pub const SERVERS_BY_BANDWIDTH: &str = "servers.by_bandwidth";
/// Concurrent connections at the peak (only when concurrency is given:
/// [`crate::Capacity::concurrency`]).
pub const PEAK_CONNECTIONS: &str = "servers.peak_connections";
/// Servers the peak concurrent connections need (only when concurrency
/// is given).
pub const SERVERS_BY_CONNECTIONS: &str = "servers.by_connections";
/// Application servers: the larger need plus spares.
pub const APP_SERVERS: &str = "servers.app";
/// Storage nodes for the provisioned disk.
pub const STORAGE_NODES: &str = "servers.storage_nodes";
/// Shards of one copy of the data.
pub const SHARDS: &str = "servers.shards";

/// Monthly cost of servers and cache nodes.
pub const COST_SERVERS: &str = "cost.servers";
/// Monthly cost of storage at full retention.
pub const COST_STORAGE: &str = "cost.storage";
/// Monthly cost of egress.
pub const COST_EGRESS: &str = "cost.egress";
/// Monthly cost of the CDN's egress.
pub const COST_CDN: &str = "cost.cdn";
/// Total monthly cost.
pub const COST_TOTAL: &str = "cost.total";
/// Total cost per day.
pub const COST_PER_DAY: &str = "cost.per_day";
/// Total cost per year.
pub const COST_PER_YEAR: &str = "cost.per_year";

/// The figures a capacity plan is usually decided on, in the order the
/// page's summary, the histograms and the tornadoes show them.
pub const HEADLINES: [&str; 5] = [
    PEAK_RPS,
    EGRESS_PEAK,
    STORED_REPLICATED,
    APP_SERVERS,
    COST_TOTAL,
];

/// The key of request class `index`'s figure `figure` (one of the [`class` module](mod@class)'s
/// constants): `class.0.per_day`.
pub fn class(index: usize, figure: &str) -> String {
    format!("class.{index}.{figure}")
}

/// The last part of each request class's figure keys (see [`class()`]).
pub mod class {
    /// Requests per day.
    pub const PER_DAY: &str = "per_day";
    /// Average requests per second.
    pub const AVG_RPS: &str = "avg_rps";
    /// Peak requests per second.
    pub const PEAK_RPS: &str = "peak_rps";
    /// Bytes received per day.
    pub const INGRESS_PER_DAY: &str = "ingress_per_day";
    /// Bytes sent per day.
    pub const EGRESS_PER_DAY: &str = "egress_per_day";
    /// Bytes stored per day (write classes only).
    pub const STORED_PER_DAY: &str = "stored_per_day";
    /// Writes caused downstream per day (classes with a fan-out only).
    pub const FANOUT_PER_DAY: &str = "fanout_per_day";
}
