// Long (about 630 lines): a table, one entry per scenario-wide field.

//! The scenario-wide fields, in form order: users, peak, storage,
//! capacity, cost, the Monte Carlo's settings and the conventions.

use super::field::{above, at_least, choice, number, text, Access, Field, Input, ANY};
use crate::scenario::{MAX_SAMPLES, MIN_SAMPLES};
use crate::{
    ByteUnits, CacheRule, Concurrency, DayLength, Kind, MonthLength, Peak, Scenario, Users,
    YearLength,
};

/// Absurd-magnitude guards: beyond these a value is surely a typo.
const MAX_USERS: f64 = 1e12;
pub(super) const MAX_BYTES: f64 = 1e18;
const MAX_PRICE: f64 = 1e9;
const YEAR_SECONDS: f64 = 365.0 * 86_400.0;
/// Seeds are whole numbers that `f64` holds exactly.
pub(super) const MAX_SEED: f64 = 9_007_199_254_740_992.0;
/// The smallest node, cache node and shard size: below it a size is surely
/// a typo, and dividing data by it could overflow.
const MIN_NODE_BYTES: f64 = 1e3;
/// The slowest network card, 1 Mbps, in bytes/s.
const MIN_NIC_BYTES_PER_SECOND: f64 = 1e6 / 8.0;
/// The lowest target disk fill and utilisation, 1%.
const MIN_TARGET_SHARE: f64 = 0.01;
/// The slowest server, one request every 1,000 s.
const MIN_SERVER_RPS: f64 = 1e-3;

/// The share of daily users online when concurrency is first chosen as a
/// share: 10%.
const DEFAULT_ONLINE_SHARE: f64 = 0.1;
/// A session's time connected when sessions are first chosen: 30 minutes.
const DEFAULT_SESSION_SECONDS: f64 = 1_800.0;

/// The scenario-wide fields, in form order.
pub static SCENARIO_FIELDS: &[Field<Scenario>] = &[
    text!(
        "name",
        "Scenario name",
        "Users",
        "A title for reports and share links.",
        |s| s.name.clone(),
        |s, v| s.name = v.to_owned()
    ),
    choice!(
        "users_by",
        "Users given as",
        "Users",
        &[
            ("daily", "daily active users"),
            ("monthly", "monthly users x daily share")
        ],
        "Whether you know daily active users, or monthly users and the share active each day.",
        |s| match s.users {
            Users::Daily { .. } => "daily",
            Users::Monthly { .. } => "monthly",
        },
        |s, v| {
            let dau = s.users.daily_active();
            s.users = match v {
                "monthly" => match s.users {
                    m @ Users::Monthly { .. } => m,
                    Users::Daily { .. } => Users::Monthly {
                        monthly_active: dau * 2.0,
                        daily_active_share: 0.5,
                    },
                },
                _ => Users::Daily { daily_active: dau },
            }
        }
    ),
    number!(
        "dau",
        "Daily active users",
        "users, e.g. 10M",
        Count,
        "Users",
        at_least(0.0, MAX_USERS),
        "People who use the system on an average day.",
        |s| match s.users {
            Users::Daily { daily_active } => Some(daily_active),
            _ => None,
        },
        |s, v| s.users = Users::Daily { daily_active: v }
    ),
    number!(
        "mau",
        "Monthly active users",
        "users, e.g. 100M",
        Count,
        "Users",
        at_least(0.0, MAX_USERS),
        "People who use the system at least once a month.",
        |s| match s.users {
            Users::Monthly { monthly_active, .. } => Some(monthly_active),
            _ => None,
        },
        |s, v| if let Users::Monthly { monthly_active, .. } = &mut s.users {
            *monthly_active = v
        }
    ),
    number!(
        "dau_share",
        "Daily share of monthly users",
        "percent, e.g. 30%",
        Fraction,
        "Users",
        at_least(0.0, 1.0),
        "The share of monthly users active on an average day.",
        |s| match s.users {
            Users::Monthly {
                daily_active_share, ..
            } => Some(daily_active_share),
            _ => None,
        },
        |s, v| if let Users::Monthly {
            daily_active_share, ..
        } = &mut s.users
        {
            *daily_active_share = v
        }
    ),
    choice!(
        "peak_by",
        "Peak given as",
        "Peak",
        &[
            ("factor", "peak-to-average factor"),
            ("hour", "share of the day in the busiest hour")
        ],
        "How the busiest moment is described.",
        |s| match s.peak {
            Peak::Factor(_) => "factor",
            Peak::BusiestHourShare(_) => "hour",
        },
        |s, v| s.peak = match (v, s.peak) {
            ("hour", Peak::Factor(f)) => Peak::BusiestHourShare((f / 24.0).clamp(1.0 / 24.0, 1.0)),
            ("factor", Peak::BusiestHourShare(h)) => Peak::Factor(h * 24.0),
            (_, p) => p,
        }
    ),
    number!(
        "peak",
        "Peak-to-average factor",
        "times, e.g. 3x",
        Multiplier,
        "Peak",
        at_least(1.0, 1000.0),
        "How many times the average request rate the busiest moment brings.",
        |s| match s.peak {
            Peak::Factor(f) => Some(f),
            _ => None,
        },
        |s, v| s.peak = Peak::Factor(v)
    ),
    number!(
        "peak_hour",
        "Share of a day's requests in the busiest hour",
        "percent, e.g. 20%",
        Fraction,
        "Peak",
        at_least(1.0 / 24.0, 1.0),
        "20% in one hour is 0.2 x 24 = 4.8 times the average; at least 1/24 (4.17%), an even day.",
        |s| match s.peak {
            Peak::BusiestHourShare(h) => Some(h),
            _ => None,
        },
        |s, v| s.peak = Peak::BusiestHourShare(v)
    ),
    number!(
        "retention",
        "Retention",
        "time, e.g. 5y, 90d",
        Duration,
        "Storage",
        above(0.0, 1000.0 * YEAR_SECONDS),
        "How long written data is kept (y = 365 days, mo = 30 days).",
        |s| Some(s.storage.retention_seconds),
        |s, v| s.storage.retention_seconds = v
    ),
    number!(
        "replication",
        "Replication factor",
        "copies, e.g. 3",
        Multiplier,
        "Storage",
        at_least(1.0, 100.0),
        "Copies of every byte; 1.5 models erasure coding's overhead.",
        |s| Some(s.storage.replication),
        |s, v| s.storage.replication = v
    ),
    number!(
        "overhead",
        "Metadata and index overhead",
        "percent, e.g. 10%",
        Fraction,
        "Storage",
        at_least(0.0, 10.0),
        "Extra bytes per stored byte for metadata and indexes.",
        |s| Some(s.storage.overhead),
        |s, v| s.storage.overhead = v
    ),
    number!(
        "compression",
        "Compression ratio",
        "times, e.g. 2x (1x = none)",
        Multiplier,
        "Storage",
        at_least(1.0, 1000.0),
        "2x means data shrinks to half its size.",
        |s| Some(s.storage.compression_ratio),
        |s, v| s.storage.compression_ratio = v
    ),
    number!(
        "growth",
        "Yearly traffic growth",
        "percent per year, e.g. 20%",
        Fraction,
        "Storage",
        above(-1.0, 100.0),
        "How much more is written each year than the year before; negative for decline.",
        |s| Some(s.storage.yearly_growth),
        |s, v| s.storage.yearly_growth = v
    ),
    number!(
        "fill",
        "Target disk fill",
        "percent, 1% to 100%, e.g. 70%",
        Fraction,
        "Storage",
        at_least(MIN_TARGET_SHARE, 1.0),
        "How full disks may get; provisioned capacity = replicated data / fill.",
        |s| Some(s.storage.target_fill),
        |s, v| s.storage.target_fill = v
    ),
    number!(
        "server_rps",
        "Requests/s per server",
        "requests/s, at least 0.001, e.g. 1k",
        Rate,
        "Capacity",
        at_least(MIN_SERVER_RPS, 1e9),
        "What one application server sustains at full load.",
        |s| Some(s.capacity.server_rps),
        |s, v| s.capacity.server_rps = v
    ),
    number!(
        "utilisation",
        "Target utilisation at peak",
        "percent, 1% to 100%, e.g. 70%",
        Fraction,
        "Capacity",
        at_least(MIN_TARGET_SHARE, 1.0),
        "Plan servers to run at most this busy at peak, leaving headroom.",
        |s| Some(s.capacity.target_utilisation),
        |s, v| s.capacity.target_utilisation = v
    ),
    number!(
        "spares",
        "Spare servers",
        "servers, e.g. 2",
        Count,
        "Capacity",
        at_least(0.0, 1e6),
        "Extra servers for failures and deploys, added to the computed count.",
        |s| Some(s.capacity.spare_servers),
        |s, v| s.capacity.spare_servers = v
    ),
    choice!(
        "cache_rule",
        "Cache sized by",
        "Capacity",
        &[
            ("reads", "hot share of a day's read bytes"),
            ("objects", "hot share of the objects kept"),
            ("fixed", "a fixed size")
        ],
        "What the cache holds: a hot share of a day's read bytes (those past the CDN, if any), a hot share of the data kept (\"20% of the objects get 80% of the reads\"), or a size you give. Its hit ratio follows from the hot share and the share of reads it gets.",
        |s| match s.capacity.cache_rule {
            CacheRule::DailyReads => "reads",
            CacheRule::StoredObjects => "objects",
            CacheRule::Fixed => "fixed",
        },
        |s, v| s.capacity.cache_rule = match v {
            "objects" => CacheRule::StoredObjects,
            "fixed" => CacheRule::Fixed,
            _ => CacheRule::DailyReads,
        }
    ),
    number!(
        "cache_hot",
        "Hot share cached",
        "percent, e.g. 20%",
        Fraction,
        "Capacity",
        at_least(0.0, 1.0),
        "The hot share of a day's read bytes or of the objects kept, as the cache rule says: the 80/20 rule's 20%. A fixed cache is compared with it for the hit ratio.",
        |s| Some(s.capacity.cache_hot_share),
        |s, v| s.capacity.cache_hot_share = v
    ),
    number!(
        "cache_reads",
        "Share of reads the hot share gets",
        "percent, e.g. 80%",
        Fraction,
        "Capacity",
        at_least(0.0, 1.0),
        "The 80/20 rule's 80%: the hot share gets this share of the reads, the rest the rest, evenly within each part. Gives the cache's hit ratio and the reads that reach the database.",
        |s| Some(s.capacity.cache_reads_share),
        |s, v| s.capacity.cache_reads_share = v
    ),
    // Applies to a fixed cache only; kept while another rule is chosen.
    Field {
        active: Some(|s| s.capacity.cache_rule == CacheRule::Fixed),
        ..number!(
            "cache_size",
            "Cache size",
            "bytes, e.g. 100 TB",
            Data,
            "Capacity",
            at_least(0.0, MAX_BYTES),
            "The cache memory, given, when the cache is a fixed size.",
            |s| Some(s.capacity.cache_fixed_bytes),
            |s, v| s.capacity.cache_fixed_bytes = v
        )
    },
    number!(
        "cache_node",
        "Memory per cache node",
        "bytes, at least 1 KB, e.g. 64 GB",
        Data,
        "Capacity",
        at_least(MIN_NODE_BYTES, MAX_BYTES),
        "Usable cache memory on one node.",
        |s| Some(s.capacity.cache_node_bytes),
        |s, v| s.capacity.cache_node_bytes = v
    ),
    number!(
        "disk_node",
        "Disk per storage node",
        "bytes, at least 1 KB, e.g. 16 TB",
        Data,
        "Capacity",
        at_least(MIN_NODE_BYTES, MAX_BYTES),
        "Usable disk on one storage node.",
        |s| Some(s.capacity.storage_node_bytes),
        |s, v| s.capacity.storage_node_bytes = v
    ),
    number!(
        "shard",
        "Shard size",
        "bytes, at least 1 KB, e.g. 1 TB",
        Data,
        "Capacity",
        at_least(MIN_NODE_BYTES, MAX_BYTES),
        "Data per shard (one copy).",
        |s| Some(s.capacity.shard_bytes),
        |s, v| s.capacity.shard_bytes = v
    ),
    number!(
        "nic",
        "Network per server",
        "bits/s, at least 1 Mbps, e.g. 10 Gbps",
        DataRate,
        "Capacity",
        at_least(MIN_NIC_BYTES_PER_SECOND, 1e15),
        "NIC speed of one application server; bounds servers when traffic is heavy.",
        |s| Some(s.capacity.nic_bits_per_second / 8.0),
        |s, v| s.capacity.nic_bits_per_second = v * 8.0
    ),
    number!(
        "cdn_hit",
        "CDN hit rate",
        "percent of reads, e.g. 95%",
        Fraction,
        "Capacity",
        at_least(0.0, 1.0),
        "The share of reads a CDN (or edge cache) serves, with their bytes; the origin's servers and egress carry the rest. 0% is no CDN.",
        |s| Some(s.capacity.cdn_hit_ratio),
        |s, v| s.capacity.cdn_hit_ratio = v
    ),
    choice!(
        "connections_by",
        "Concurrent connections given as",
        "Capacity",
        &[
            ("none", "not given"),
            ("online", "share of daily users online at peak"),
            ("sessions", "sessions x time connected (Little's law)")
        ],
        "How many users are connected at the peak, for servers sized by connections (chat, push, streaming): a share of daily users online, or sessions per user a day x how long each stays connected.",
        |s| match s.capacity.concurrency {
            Concurrency::None => "none",
            Concurrency::OnlineShare(_) => "online",
            Concurrency::Sessions { .. } => "sessions",
        },
        |s, v| s.capacity.concurrency = match (v, s.capacity.concurrency) {
            ("online", c @ Concurrency::OnlineShare(_)) => c,
            ("online", _) => Concurrency::OnlineShare(DEFAULT_ONLINE_SHARE),
            ("sessions", c @ Concurrency::Sessions { .. }) => c,
            ("sessions", _) => Concurrency::Sessions {
                per_user_per_day: 1.0,
                seconds: DEFAULT_SESSION_SECONDS,
            },
            _ => Concurrency::None,
        }
    ),
    number!(
        "online_share",
        "Daily users online at peak",
        "percent of daily users, e.g. 10%",
        Fraction,
        "Capacity",
        at_least(0.0, 1.0),
        "The share of daily users connected at the busiest moment: 10% of daily users online at peak.",
        |s| match s.capacity.concurrency {
            Concurrency::OnlineShare(share) => Some(share),
            _ => None,
        },
        |s, v| s.capacity.concurrency = Concurrency::OnlineShare(v)
    ),
    number!(
        "sessions",
        "Sessions per user per day",
        "sessions, e.g. 3",
        Count,
        "Capacity",
        at_least(0.0, 1e6),
        "How many times a daily user connects a day; with the time connected, Little's law gives the connections at the peak (arrivals/s x the peak factor x seconds connected).",
        |s| match s.capacity.concurrency {
            Concurrency::Sessions {
                per_user_per_day, ..
            } => Some(per_user_per_day),
            _ => None,
        },
        |s, v| s.capacity.concurrency = Concurrency::Sessions {
            per_user_per_day: v,
            seconds: match s.capacity.concurrency {
                Concurrency::Sessions { seconds, .. } => seconds,
                _ => DEFAULT_SESSION_SECONDS,
            },
        }
    ),
    number!(
        "session_time",
        "Time connected per session",
        "time, e.g. 20min",
        Duration,
        "Capacity",
        at_least(0.0, YEAR_SECONDS),
        "How long each session stays connected.",
        |s| match s.capacity.concurrency {
            Concurrency::Sessions { seconds, .. } => Some(seconds),
            _ => None,
        },
        |s, v| s.capacity.concurrency = Concurrency::Sessions {
            per_user_per_day: match s.capacity.concurrency {
                Concurrency::Sessions {
                    per_user_per_day, ..
                } => per_user_per_day,
                _ => 1.0,
            },
            seconds: v,
        }
    ),
    // Applies once concurrency is given; kept meanwhile.
    Field {
        active: Some(|s| !s.capacity.concurrency.is_none()),
        ..number!(
            "conn_per_server",
            "Connections per server",
            "connections, e.g. 50k",
            Count,
            "Capacity",
            at_least(1.0, 1e12),
            "Concurrent connections one application server holds at full load; planned at the target utilisation, like requests.",
            |s| Some(s.capacity.connections_per_server),
            |s, v| s.capacity.connections_per_server = v
        )
    },
    number!(
        "price_server",
        "Price per server-month",
        "dollars, e.g. $150",
        Money,
        "Cost",
        at_least(0.0, MAX_PRICE),
        "An editable assumption, not a provider's price.",
        |s| Some(s.cost.server_month_usd),
        |s, v| s.cost.server_month_usd = v
    ),
    number!(
        "price_storage",
        "Price per GB-month stored",
        "dollars, e.g. $0.02",
        Money,
        "Cost",
        at_least(0.0, MAX_PRICE),
        "Per 10^9 bytes of provisioned disk per month; an editable assumption.",
        |s| Some(s.cost.storage_gb_month_usd),
        |s, v| s.cost.storage_gb_month_usd = v
    ),
    number!(
        "price_egress",
        "Price per GB egress",
        "dollars, e.g. $0.05",
        Money,
        "Cost",
        at_least(0.0, MAX_PRICE),
        "Per 10^9 bytes sent out from the origin; an editable assumption.",
        |s| Some(s.cost.egress_gb_usd),
        |s, v| s.cost.egress_gb_usd = v
    ),
    number!(
        "price_cdn",
        "Price per GB from the CDN",
        "dollars, e.g. $0.02",
        Money,
        "Cost",
        at_least(0.0, MAX_PRICE),
        "Per 10^9 bytes the CDN sends; an editable assumption.",
        |s| Some(s.cost.cdn_gb_usd),
        |s, v| s.cost.cdn_gb_usd = v
    ),
    // The simulation's own settings take one value, never a range.
    Field {
        ranged: false,
        whole: true,
        ..number!(
            "samples",
            "Samples",
            "scenarios drawn, e.g. 10k",
            Count,
            "Uncertainty",
            at_least(MIN_SAMPLES as f64, MAX_SAMPLES as f64),
            "How many scenarios the Monte Carlo draws when an input is a range (a whole number); each change reruns them all, so 10x the samples is at least 10x the wait.",
            |s| Some(f64::from(s.uncertainty.samples)),
            |s, v| s.uncertainty.samples = v.round() as u32
        )
    },
    Field {
        ranged: false,
        whole: true,
        ..number!(
            "seed",
            "Random seed",
            "a whole number, e.g. 1",
            Count,
            "Uncertainty",
            at_least(0.0, MAX_SEED),
            "Fixes the random draws: the same seed gives the same percentiles.",
            |s| Some(s.uncertainty.seed as f64),
            |s, v| s.uncertainty.seed = v.round() as u64
        )
    },
    choice!(
        "day",
        "Seconds per day",
        "Conventions",
        &[
            ("86400", "86,400 s (exact)"),
            ("100000", "100,000 s (interview rounding)")
        ],
        "The day length used to turn daily counts into per-second rates.",
        |s| match s.conventions.day {
            DayLength::Exact => "86400",
            DayLength::Interview => "100000",
        },
        |s, v| s.conventions.day = if v == "100000" {
            DayLength::Interview
        } else {
            DayLength::Exact
        }
    ),
    choice!(
        "month",
        "Days per month",
        "Conventions",
        &[
            ("30", "30 days"),
            ("30.44", "30.44 days (average)"),
            ("2.5Ms", "2.5 M s (interview rounding)")
        ],
        "The month used for monthly counts, totals and costs. 2.5 M s is the interview month: a monthly count / 2,500,000 s gives its rate per second.",
        |s| match s.conventions.month {
            MonthLength::Days30 => "30",
            MonthLength::Days30_44 => "30.44",
            MonthLength::Interview => "2.5Ms",
        },
        |s, v| s.conventions.month = match v {
            "30.44" => MonthLength::Days30_44,
            "2.5Ms" => MonthLength::Interview,
            _ => MonthLength::Days30,
        }
    ),
    choice!(
        "year",
        "Days per year",
        "Conventions",
        &[("365", "365 days"), ("365.25", "365.25 days (average)")],
        "The year used for yearly totals and growth.",
        |s| match s.conventions.year {
            YearLength::Days365 => "365",
            YearLength::Days365_25 => "365.25",
        },
        |s, v| s.conventions.year = if v == "365.25" {
            YearLength::Days365_25
        } else {
            YearLength::Days365
        }
    ),
    choice!(
        "bytes",
        "Byte units",
        "Conventions",
        &[("si", "SI: 1 KB = 1000 B"), ("iec", "IEC: 1 KiB = 1024 B; KB read as KiB")],
        "What KB, MB, GB mean when typed, and how sizes are printed.",
        |s| match s.conventions.bytes {
            ByteUnits::Si => "si",
            ByteUnits::Iec => "iec",
        },
        |s, v| s.conventions.bytes = if v == "iec" {
            ByteUnits::Iec
        } else {
            ByteUnits::Si
        }
    ),
];

/// The scenario field with this key.
pub fn scenario_field(key: &str) -> Option<&'static Field<Scenario>> {
    SCENARIO_FIELDS.iter().find(|f| f.key == key)
}
