//! What [`crate::estimate`] returns: typed figures, each with the arithmetic
//! behind it, grouped in sections, plus the series the charts draw.
//!
//! Every front end renders this one model (the web page, the CLI's text,
//! Markdown and JSON, the SVG charts); none of them computes anything.

use serde::Serialize;

use crate::measure::Finite;
use crate::{Conventions, Measure};

/// One result: a typed value and how it was obtained.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// A stable identifier, e.g. `total.peak_rps`. Share links, comparisons
    /// and the JSON schema use it; it never changes meaning.
    pub key: String,
    /// What it is, for people: `Peak requests/s`.
    pub label: String,
    /// The value with its unit.
    pub value: Measure,
    /// The formula with its numbers substituted, e.g.
    /// `10,000,000 users x 2 /day / 86,400 s/day = 231.5 /s`.
    pub derivation: String,
    /// The figure a candidate gets with powers-of-ten arithmetic, when the
    /// report was made with [`crate::estimate`] (`None` inside that rough run).
    pub rough: Option<Rough>,
}

/// The interview-style approximation of a figure.
///
/// ```
/// use envelope_core::{estimate, keys, Scenario, Users};
/// let mut s = Scenario::default();
/// s.users = Users::Daily { daily_active: 4e7 };
/// let report = estimate(&s).unwrap();
/// let rough = report.figure(keys::AVG_RPS).unwrap().rough.clone().unwrap();
/// // 4 x 10^7 users make 4 x 10^7 writes and 4 x 10^8 reads a day (the
/// // default classes): 4.4 x 10^8 over a 10^5 s day.
/// assert_eq!(
///     rough.working.as_deref(),
///     Some("4.4 x 10^8 requests/day / 10^5 s/day = 4.4 x 10^3 /s")
/// );
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rough {
    /// The approximate value, to one or two significant figures.
    pub value: Measure,
    /// Its error against the exact value, in percent (positive: too high).
    /// Zero when both are zero; `None` when the exact value is zero but the
    /// rough one is not.
    // Never NaN or infinite in JSON: serializing one is an error.
    #[serde(serialize_with = "finite_percent")]
    pub error_percent: Option<f64>,
    /// The arithmetic behind the rough value in powers of ten, from the same
    /// rounded inputs and 10^5 s day: `4 x 10^10 requests/day / 10^5 s/day =
    /// 4 x 10^5 /s`. Its result is before the rough value's rounding to two
    /// significant figures. For scenario-wide figures only (`None`, and
    /// left out of JSON, for a request class's own figures).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
}

/// [`Rough::error_percent`] as JSON: `null` only for "no percentage", never
/// for a number that is not finite (see [`Finite`]).
fn finite_percent<S: serde::Serializer>(
    percent: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    percent.map(Finite).serialize(serializer)
}

/// A titled group of figures: `Traffic`, `Storage`, ...
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// A stable identifier, e.g. `storage`.
    pub key: String,
    /// A heading for people.
    pub title: String,
    /// The figures, in reading order.
    pub figures: Vec<Figure>,
}

/// Which resource decides how many application servers are needed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Requests per second per server.
    Requests,
    /// Network bandwidth per server.
    Bandwidth,
    /// Concurrent connections per server
    /// ([`crate::Capacity::connections_per_server`]).
    Connections,
}

/// One point of the storage growth chart.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct StoragePoint {
    /// Time since the start, in days.
    pub day: f64,
    /// Data kept after overhead and compression, one copy, in bytes.
    pub stored_bytes: f64,
    /// The same times the replication factor, in bytes.
    pub replicated_bytes: f64,
}

/// One point of the traffic-over-a-day chart.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TrafficPoint {
    /// Hour of the day, 0 to 24.
    pub hour: f64,
    /// Read requests per second at that hour.
    pub reads_per_second: f64,
    /// Write requests per second at that hour.
    pub writes_per_second: f64,
}

/// One request class's share of storage and bandwidth.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassShare {
    /// The class's name.
    pub name: String,
    /// Bytes stored per day (after overhead and compression, one copy).
    pub stored_bytes_per_day: f64,
    /// Bytes received per day.
    pub ingress_bytes_per_day: f64,
    /// Bytes sent per day.
    pub egress_bytes_per_day: f64,
}

/// How many machines of each kind the estimate sizes, as numbers: what the
/// availability section builds the scenario's system from
/// ([`crate::availability::stack_from_sizing`]), without looking figures up
/// by key.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sizing {
    /// Application servers, spares included ([`crate::keys::APP_SERVERS`]).
    pub app_servers: f64,
    /// Cache nodes ([`crate::keys::CACHE_NODES`]).
    pub cache_nodes: f64,
    /// Storage nodes ([`crate::keys::STORAGE_NODES`]).
    pub storage_nodes: f64,
    /// Shards ([`crate::keys::SHARDS`]).
    pub shards: f64,
    /// Copies of the data: the scenario's replication factor.
    pub replicas: f64,
}

/// The data behind the charts.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Series {
    /// Storage kept from day 0 to the end of the retention period.
    pub storage_growth: Vec<StoragePoint>,
    /// An illustrative day: a smooth daily curve whose average and maximum
    /// are the scenario's average and peak request rates (the busiest hour
    /// is drawn at 20:00). The shape is a model; the average and peak are not.
    pub daily_traffic: Vec<TrafficPoint>,
    /// Per request class storage and bandwidth, for the breakdown charts.
    pub by_class: Vec<ClassShare>,
}

/// Everything Envelope concludes about a scenario.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The report format version: bumped when a key changes meaning.
    pub version: u32,
    /// The scenario's name.
    pub name: String,
    /// The conventions every figure used.
    pub conventions: Conventions,
    /// The figures, grouped.
    pub sections: Vec<Section>,
    /// What bounds the application server count.
    pub server_bound: Bound,
    /// The machine counts, typed (not in the JSON report, whose figures
    /// carry them).
    #[serde(skip)]
    pub sizing: Sizing,
    /// Chart data.
    pub series: Series,
}

/// The current [`Report::version`].
pub const REPORT_VERSION: u32 = 1;

impl Report {
    /// The figure with this key, if any.
    ///
    /// ```
    /// use envelope_core::{estimate, Scenario};
    /// let report = estimate(&Scenario::default()).unwrap();
    /// assert!(report.figure("total.peak_rps").is_some());
    /// assert!(report.figure("no.such.key").is_none());
    /// ```
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures().find(|f| f.key == key)
    }

    /// Every figure, section by section.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.sections.iter().flat_map(|s| s.figures.iter())
    }
}
