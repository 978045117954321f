// Long (about 950 lines before its tests): the scenario's types, each with
// its fields' units, defaults and serde attributes, are the JSON scenario
// format (docs/ and schema/ mirror them); split across files, the format
// would be read in pieces. Its parts with logic of their own (followup,
// object, page, ranges) are modules of their own.

//! What the user describes: population, request classes, peak, storage,
//! capacity, cost and conventions.
//!
//! A scenario is plain data at the edge of the core: every number is in the
//! unit its field name says (`_bytes`, `_seconds`, `_per_day`, fractions where
//! 0.2 means 20%). It round-trips through JSON, and every field but the
//! population and the request classes has a default.

mod followup;
mod object;
mod page;
mod ranges;

use serde::{Deserialize, Serialize};

pub use ranges::{
    split_range, Distribution, InputRange, Uncertainty, DEFAULT_SAMPLES, DEFAULT_SEED, MAX_RANGES,
    MAX_SAMPLES, MIN_SAMPLES, WORK_BUDGET, Z90,
};

pub use followup::{Followup, FollowupValue};
pub use page::AvailabilityInputs;

use crate::Conventions;
use object::object_only;

/// A complete description of the system to estimate.
///
/// ```
/// use envelope_core::{Scenario, RequestClass, Users};
/// let mut s = Scenario::default();
/// s.users = Users::Daily { daily_active: 1e6 };
/// s.classes = vec![RequestClass::write("upload photo", 5.0, 3e6)];
/// let json = serde_json::to_string(&s).unwrap();
/// let back: Scenario = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, s);
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Scenario", default, deny_unknown_fields)]
pub struct Scenario {
    /// A title for the scenario, shown in reports. Free text.
    pub name: String,
    /// Who uses the system each day.
    pub users: Users,
    /// The kinds of request the system serves; at least one.
    pub classes: Vec<RequestClass>,
    /// How much busier the busiest moment is than the average.
    pub peak: Peak,
    /// Retention, replication and the other storage assumptions.
    pub storage: Storage,
    /// Server, cache, disk and network sizing assumptions.
    pub capacity: Capacity,
    /// Prices, as editable assumptions.
    pub cost: Cost,
    /// Day, month, year and byte conventions.
    pub conventions: Conventions,
    /// Inputs given as ranges, and how the Monte Carlo samples them
    /// ([`crate::uncertainty`]). Left out of JSON when it is the default.
    #[serde(skip_serializing_if = "Uncertainty::is_default")]
    pub uncertainty: Uncertainty,
    /// The follow-up calculators' inputs the user set ([`crate::followup`]),
    /// by key. Left out of JSON when none is set.
    #[serde(skip_serializing_if = "Followup::is_empty")]
    pub followup: Followup,
    /// The availability section's target and system, when the user set
    /// them (`availability.target`, `availability.system`). Left out of
    /// JSON when neither is set.
    #[serde(skip_serializing_if = "AvailabilityInputs::is_empty")]
    pub availability: AvailabilityInputs,
    /// Whether the page shows its interview mode (rough working beside the
    /// figures). Left out of JSON when off.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interview: bool,
}

object_only!(Scenario, "a scenario object");

impl Default for Scenario {
    /// One million daily users who each read a 100 KB item 10 times a day and
    /// write a 10 KB item once a day, with the default assumptions.
    fn default() -> Self {
        Scenario {
            name: String::new(),
            users: Users::Daily { daily_active: 1e6 },
            classes: vec![
                RequestClass::write("write", 1.0, 10e3),
                RequestClass::read("read", 10.0, 100e3),
            ],
            peak: Peak::default(),
            storage: Storage::default(),
            capacity: Capacity::default(),
            cost: Cost::default(),
            conventions: Conventions::default(),
            uncertainty: Uncertainty::default(),
            followup: Followup::default(),
            availability: AvailabilityInputs::default(),
            interview: false,
        }
    }
}

/// How many people use the system on an average day.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Users {
    /// Daily active users, given directly.
    Daily {
        /// Users active on an average day.
        daily_active: f64,
    },
    /// Monthly users times the share of them active on a given day.
    Monthly {
        /// Users active at least once a month.
        monthly_active: f64,
        /// The share of monthly users active on an average day (0.5 = 50%).
        daily_active_share: f64,
    },
}

impl Users {
    /// Daily active users.
    ///
    /// ```
    /// use envelope_core::Users;
    /// let u = Users::Monthly { monthly_active: 100e6, daily_active_share: 0.3 };
    /// assert_eq!(u.daily_active(), 30e6);
    /// ```
    pub fn daily_active(&self) -> f64 {
        match *self {
            Users::Daily { daily_active } => daily_active,
            Users::Monthly {
                monthly_active,
                daily_active_share,
            } => monthly_active * daily_active_share,
        }
    }
}

/// Whether a request class reads or writes.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Reads: served from storage or cache, stores nothing.
    #[default]
    Read,
    /// Writes: stores data.
    Write,
}

/// How often requests of a class arrive.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Requests per daily active user per day.
    PerUserPerDay(f64),
    /// A fixed total of requests per day, whatever the users.
    PerDay(f64),
    /// A fixed total of requests per month (of the scenario's month length).
    PerMonth(f64),
    /// This many requests for every write request of the scenario
    /// (the read:write ratio shortcut: reads = writes x ratio).
    PerWrite(f64),
    /// A steady rate of requests per second ("500 requests per second"),
    /// whatever the users and the length of a day: the average rate is
    /// this number under any day-length convention.
    PerSecond(f64),
    /// Requests per hour (3,600 s), as steady as [`Frequency::PerSecond`].
    PerHour(f64),
    /// A fixed total of requests per week (7 days).
    PerWeek(f64),
    /// This many requests for every request of the class named in
    /// [`RequestClass::of`] ("100 reads per tweet": 100).
    PerClass(f64),
    /// One request for every this many requests of the class named in
    /// [`RequestClass::of`] ("1 upload per 200 views": 200).
    OnePer(f64),
}

impl Frequency {
    /// Requests per day: `daily_active` users times the per-user rate, the
    /// fixed daily total, the monthly total over the month's days, or
    /// `base_writes` (write requests per day counted any other way) times
    /// the ratio.
    ///
    /// ```
    /// use envelope_core::{Conventions, Frequency};
    /// let c = Conventions::default(); // 30-day month
    /// assert_eq!(Frequency::PerUserPerDay(2.0).requests_per_day(1e6, 0.0, &c), 2e6);
    /// assert_eq!(Frequency::PerMonth(3e6).requests_per_day(1e6, 0.0, &c), 1e5);
    /// assert_eq!(Frequency::PerWrite(100.0).requests_per_day(1e6, 5e4, &c), 5e6);
    /// // 500 /s over an 86,400 s day; 3,600 /hour is 1 /s; 7 a week is 1 a day.
    /// assert_eq!(Frequency::PerSecond(500.0).requests_per_day(0.0, 0.0, &c), 43.2e6);
    /// assert_eq!(Frequency::PerHour(3600.0).requests_per_day(0.0, 0.0, &c), 86_400.0);
    /// assert_eq!(Frequency::PerWeek(7.0).requests_per_day(0.0, 0.0, &c), 1.0);
    /// ```
    pub fn requests_per_day(self, daily_active: f64, base_writes: f64, c: &Conventions) -> f64 {
        match self {
            Frequency::PerUserPerDay(n) => daily_active * n,
            Frequency::PerDay(n) => n,
            Frequency::PerMonth(n) => n / c.days_per_month(),
            Frequency::PerWrite(r) => base_writes * r,
            Frequency::PerSecond(n) => n * c.seconds_per_day(),
            Frequency::PerHour(n) => n / SECONDS_PER_HOUR * c.seconds_per_day(),
            Frequency::PerWeek(n) => n / DAYS_PER_WEEK,
            // Ratios to a named class are resolved over the whole scenario
            // (`RequestClass::per_day_of_each`): `base_writes` is that
            // class's requests per day here.
            Frequency::PerClass(r) => base_writes * r,
            Frequency::OnePer(r) if r > 0.0 => base_writes / r,
            Frequency::OnePer(_) => 0.0,
        }
    }

    /// The number given, whatever it counts per.
    pub fn count(self) -> f64 {
        match self {
            Frequency::PerUserPerDay(n)
            | Frequency::PerDay(n)
            | Frequency::PerMonth(n)
            | Frequency::PerWrite(n)
            | Frequency::PerSecond(n)
            | Frequency::PerHour(n)
            | Frequency::PerWeek(n)
            | Frequency::PerClass(n)
            | Frequency::OnePer(n) => n,
        }
    }

    /// Whether this counts per requests of a named class
    /// ([`Frequency::PerClass`] or [`Frequency::OnePer`]).
    ///
    /// ```
    /// use envelope_core::Frequency;
    /// assert!(Frequency::OnePer(200.0).is_ratio_to_class());
    /// assert!(!Frequency::PerWrite(100.0).is_ratio_to_class());
    /// ```
    pub fn is_ratio_to_class(self) -> bool {
        matches!(self, Frequency::PerClass(_) | Frequency::OnePer(_))
    }

    /// The same way of counting with another number.
    ///
    /// ```
    /// use envelope_core::Frequency;
    /// assert_eq!(Frequency::OnePer(200.0).with_count(100.0), Frequency::OnePer(100.0));
    /// ```
    pub fn with_count(self, n: f64) -> Frequency {
        match self {
            Frequency::PerUserPerDay(_) => Frequency::PerUserPerDay(n),
            Frequency::PerDay(_) => Frequency::PerDay(n),
            Frequency::PerMonth(_) => Frequency::PerMonth(n),
            Frequency::PerWrite(_) => Frequency::PerWrite(n),
            Frequency::PerSecond(_) => Frequency::PerSecond(n),
            Frequency::PerHour(_) => Frequency::PerHour(n),
            Frequency::PerWeek(_) => Frequency::PerWeek(n),
            Frequency::PerClass(_) => Frequency::PerClass(n),
            Frequency::OnePer(_) => Frequency::OnePer(n),
        }
    }
}

/// The bytes of a read's request and of a write's acknowledgement unless
/// given: 1 KB, said beside every figure it adds to
/// ([`RequestClass::assumes_bytes_in`]).
pub(crate) const DEFAULT_SMALL_BYTES: f64 = 1e3;

/// The index of the class named `name` among `classes`, compared without
/// case or surrounding spaces; `None` when no class, or more than one, has
/// that name, or the name is empty.
///
/// ```
/// use envelope_core::{class_named, RequestClass};
/// let classes = [RequestClass::write("tweet", 1.0, 300.0), RequestClass::read("view", 100.0, 1e3)];
/// assert_eq!(class_named(&classes, " Tweet "), Some(0));
/// assert_eq!(class_named(&classes, "like"), None);
/// ```
pub fn class_named(classes: &[RequestClass], name: &str) -> Option<usize> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let mut matching = classes
        .iter()
        .enumerate()
        .filter(|(_, class)| class.name.trim().eq_ignore_ascii_case(name))
        .map(|(i, _)| i);
    match (matching.next(), matching.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// Requests per day of each class, with ratios resolved: a count per user,
/// per second... stands alone; "per write request" multiplies the writes
/// per day of every write class not itself counted per write request; "per
/// request of" / "one per" a named class multiplies / divides that class's
/// requests per day. `None` for a class whose count cannot be resolved: it
/// names no class (or two), or its ratios go round in a circle (validation
/// names both; the model counts such a class as 0).
///
/// ```
/// use envelope_core::{requests_per_day_of_each, Conventions, Frequency, RequestClass};
/// let view = RequestClass::read("view", 100.0, 1e3);
/// let mut upload = RequestClass::write("upload", 1.0, 3e6);
/// upload.frequency = Frequency::OnePer(200.0); // 1 upload per 200 views
/// upload.of = "view".to_owned();
/// let per_day = requests_per_day_of_each(&[view, upload], 1e6, &Conventions::default());
/// assert_eq!(per_day, [Some(100e6), Some(500e3)]);
/// ```
pub fn requests_per_day_of_each(
    classes: &[RequestClass],
    daily_active: f64,
    c: &Conventions,
) -> Vec<Option<f64>> {
    // Resolved in dependency order (Kahn's algorithm), in time linear in
    // the classes: the Monte Carlo runs this once per sample. Node `n` is
    // the writes per day that "per write request" multiplies.
    let n = classes.len();
    let writes = n;
    let is_ratio = |k: &RequestClass| k.frequency.is_ratio_to_class();
    let is_base_write = |k: &RequestClass| {
        k.direction == Direction::Write && !matches!(k.frequency, Frequency::PerWrite(_))
    };
    if !classes.iter().any(is_ratio) {
        // No ratio to a named class (the common case, and every Monte
        // Carlo sample of such a scenario): the other counts, then the
        // writes they make, then the classes per write request.
        let mut per_day: Vec<Option<f64>> = classes
            .iter()
            .map(|k| match k.frequency {
                Frequency::PerWrite(_) => None,
                _ => Some(k.requests_per_day(daily_active, 0.0, c)),
            })
            .collect();
        let base_writes: f64 = classes
            .iter()
            .zip(&per_day)
            .filter(|(k, _)| is_base_write(k))
            .map(|(_, v)| v.unwrap_or(0.0))
            .sum();
        for (class, v) in classes.iter().zip(per_day.iter_mut()) {
            if v.is_none() {
                *v = Some(class.requests_per_day(daily_active, base_writes, c));
            }
        }
        return per_day;
    }
    let refs = ratio_targets(classes);
    let mut waiting = vec![0usize; n + 1];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for (i, class) in classes.iter().enumerate() {
        if is_ratio(class) {
            // A ratio to no class waits forever: it stays unresolved.
            waiting[i] = 1;
            if let Some(target) = refs[i] {
                dependents[target].push(i);
            }
        } else if matches!(class.frequency, Frequency::PerWrite(_)) {
            waiting[i] = 1;
            dependents[writes].push(i);
        }
        if is_base_write(class) {
            waiting[writes] += 1;
            dependents[i].push(writes);
        }
    }
    let mut per_day: Vec<Option<f64>> = vec![None; n];
    let mut base_writes = 0.0;
    let mut ready: Vec<usize> = (0..=n).filter(|&i| waiting[i] == 0).collect();
    while let Some(node) = ready.pop() {
        if node == writes {
            base_writes = classes
                .iter()
                .zip(&per_day)
                .filter(|(k, _)| is_base_write(k))
                .map(|(_, v)| v.unwrap_or(0.0))
                .sum();
        } else {
            let class = &classes[node];
            let base = match class.frequency {
                Frequency::PerWrite(_) => base_writes,
                _ => refs[node].and_then(|t| per_day[t]).unwrap_or(0.0),
            };
            // A chain of ratios multiplies: capped, so that no figure can
            // overflow (validation refuses a scenario that reaches the cap).
            let count = class.requests_per_day(daily_active, base, c);
            per_day[node] = Some(count.min(MAX_RATIO_REQUESTS_PER_DAY));
        }
        for &next in &dependents[node] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.push(next);
            }
        }
    }
    per_day
}

/// The class each ratio class refers to ([`class_named`]), found through a
/// sorted index of the names rather than a scan per class; `None` for
/// classes that are no ratio.
fn ratio_targets(classes: &[RequestClass]) -> Vec<Option<usize>> {
    let is_ratio = |k: &RequestClass| k.frequency.is_ratio_to_class();
    if !classes.iter().any(is_ratio) {
        return vec![None; classes.len()];
    }
    let mut names: Vec<(String, usize)> = classes
        .iter()
        .enumerate()
        .map(|(i, k)| (k.name.trim().to_ascii_lowercase(), i))
        .collect();
    // The crate's own sort: std's would add its sorts to the wasm.
    crate::sorting::sort_by(&mut names, |a, b| a.0.cmp(&b.0));
    classes
        .iter()
        .map(|class| {
            if !is_ratio(class) {
                return None;
            }
            let name = class.of.trim().to_ascii_lowercase();
            if name.is_empty() {
                return None;
            }
            let at = names.partition_point(|(k, _)| *k < name);
            match names.get(at..at + 2) {
                // Two classes of that name: it names neither.
                Some([(a, _), (b, _)]) if *a == name && *b == name => None,
                _ => names.get(at).filter(|(k, _)| *k == name).map(|&(_, i)| i),
            }
        })
        .collect()
}

/// The most requests a day a class counted per another class may reach
/// (10^42, what a ratio to all writes reaches at the fields' bounds: 10^12
/// users x 10^15 requests x 10^15 per write): a chain of 100 ratios of
/// 10^15 each would otherwise overflow.
pub(crate) const MAX_RATIO_REQUESTS_PER_DAY: f64 = 1e42;

/// Seconds in an hour, for rates given per hour.
pub(crate) const SECONDS_PER_HOUR: f64 = 3_600.0;

/// Days in a week, for totals given per week.
pub(crate) const DAYS_PER_WEEK: f64 = 7.0;

/// One kind of request, e.g. "upload photo" or "view feed".
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "RequestClass", default, deny_unknown_fields)]
pub struct RequestClass {
    /// A name people recognise. Free text.
    pub name: String,
    /// Read or write.
    pub direction: Direction,
    /// How often it happens.
    pub frequency: Frequency,
    /// Bytes the client sends per request (ingress).
    pub bytes_in: f64,
    /// Bytes the system sends back per request (egress).
    pub bytes_out: f64,
    /// Bytes stored per write request; `None` means the same as `bytes_in`.
    /// Ignored for reads, which store nothing.
    pub bytes_stored: Option<f64>,
    /// The share of daily active users who make these requests ("10% of
    /// users upload a video a day": 0.1), when the count is per user per
    /// day; 1 (every user) unless given, and then not written.
    #[serde(default = "every_user", skip_serializing_if = "is_every_user")]
    pub users_share: f64,
    /// The class a [`Frequency::PerClass`] or [`Frequency::OnePer`] count
    /// refers to, by name (compared without case or surrounding spaces);
    /// empty otherwise, and then not written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub of: String,
    /// Writes each request causes downstream ("each tweet is delivered to
    /// 200 followers' timelines": 200), counted as their own figures;
    /// `None` (no fan-out) unless given, and then not written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fanout: Option<f64>,
    /// Bytes each fan-out write stores (a tweet id in a timeline: 8 B); 0
    /// unless given, and then not written.
    #[serde(skip_serializing_if = "is_zero")]
    pub fanout_bytes: f64,
}

fn every_user() -> f64 {
    1.0
}

fn is_every_user(share: &f64) -> bool {
    *share == 1.0
}

object_only!(RequestClass, "a request class object");

impl Default for RequestClass {
    fn default() -> Self {
        RequestClass::read("request", 1.0, 1e3)
    }
}

impl RequestClass {
    /// A write class: `per_user_per_day` requests of `bytes` each, sent in and
    /// stored, with a 1 KB acknowledgement out.
    pub fn write(name: &str, per_user_per_day: f64, bytes: f64) -> RequestClass {
        RequestClass {
            name: name.to_owned(),
            direction: Direction::Write,
            frequency: Frequency::PerUserPerDay(per_user_per_day),
            bytes_in: bytes,
            bytes_out: DEFAULT_SMALL_BYTES,
            bytes_stored: None,
            users_share: 1.0,
            of: String::new(),
            fanout: None,
            fanout_bytes: 0.0,
        }
    }
    /// A read class: `per_user_per_day` requests of 1 KB in, `bytes` out.
    pub fn read(name: &str, per_user_per_day: f64, bytes: f64) -> RequestClass {
        RequestClass {
            name: name.to_owned(),
            direction: Direction::Read,
            frequency: Frequency::PerUserPerDay(per_user_per_day),
            bytes_in: DEFAULT_SMALL_BYTES,
            bytes_out: bytes,
            bytes_stored: None,
            users_share: 1.0,
            of: String::new(),
            fanout: None,
            fanout_bytes: 0.0,
        }
    }
    /// Requests of this class per day: [`Frequency::requests_per_day`],
    /// a count per user applying to the class's
    /// [`users_share`](RequestClass::users_share) of the daily users.
    ///
    /// ```
    /// use envelope_core::{Conventions, RequestClass};
    /// let mut upload = RequestClass::write("upload video", 1.0, 50e6);
    /// upload.users_share = 0.1; // 10% of users upload a video a day
    /// assert_eq!(upload.requests_per_day(10e6, 0.0, &Conventions::default()), 1e6);
    /// ```
    pub fn requests_per_day(&self, daily_active: f64, base_writes: f64, c: &Conventions) -> f64 {
        let users = match self.frequency {
            Frequency::PerUserPerDay(_) => daily_active * self.users_share,
            _ => daily_active,
        };
        self.frequency.requests_per_day(users, base_writes, c)
    }

    /// Whether this is a read whose bytes in are the 1 KB a new class
    /// starts with ([`RequestClass::read`]): an assumption the derivations
    /// say, since a read that sends no body sends 0.
    ///
    /// ```
    /// use envelope_core::RequestClass;
    /// let mut view = RequestClass::read("view", 10.0, 100e3);
    /// assert!(view.assumes_bytes_in());
    /// view.bytes_in = 0.0;
    /// assert!(!view.assumes_bytes_in());
    /// ```
    pub fn assumes_bytes_in(&self) -> bool {
        self.direction == Direction::Read && self.bytes_in == DEFAULT_SMALL_BYTES
    }

    /// Whether this is a write whose bytes out are the 1 KB
    /// acknowledgement a new write starts with ([`RequestClass::write`]).
    pub fn assumes_bytes_out(&self) -> bool {
        self.direction == Direction::Write && self.bytes_out == DEFAULT_SMALL_BYTES
    }

    /// What a derivation says after this class's bytes in (`inbound`) or
    /// bytes out: " (the default; 0 if none)" where they are the 1 KB a
    /// new class starts with and were never changed, else nothing.
    pub(crate) fn assumed_bytes_note(&self, inbound: bool) -> &'static str {
        let assumed = if inbound {
            self.assumes_bytes_in()
        } else {
            self.assumes_bytes_out()
        };
        if assumed {
            " (the default; 0 if none)"
        } else {
            ""
        }
    }

    /// Bytes this class stores per request: 0 for reads, `bytes_stored` or
    /// else `bytes_in` for writes.
    pub fn stored_per_request(&self) -> f64 {
        match self.direction {
            Direction::Read => 0.0,
            Direction::Write => self.bytes_stored.unwrap_or(self.bytes_in),
        }
    }
}

/// How the busiest moment compares with the average.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Peak {
    /// Peak traffic is this many times the average (2.0 = 2x).
    Factor(f64),
    /// This share of a day's requests arrives in the busiest hour
    /// (0.2 = 20%, i.e. 0.2 x 24 = 4.8x the average).
    BusiestHourShare(f64),
}

impl Default for Peak {
    fn default() -> Self {
        Peak::Factor(2.0)
    }
}

impl Peak {
    /// Peak-to-average factor. A busiest-hour share `s` gives `s x 24`.
    ///
    /// ```
    /// use envelope_core::Peak;
    /// assert!((Peak::BusiestHourShare(0.2).factor() - 4.8).abs() < 1e-12);
    /// ```
    pub fn factor(&self) -> f64 {
        match *self {
            Peak::Factor(f) => f,
            Peak::BusiestHourShare(s) => s * 24.0,
        }
    }
}

/// How data is kept.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Storage", default, deny_unknown_fields)]
pub struct Storage {
    /// How long written data is kept, in seconds.
    pub retention_seconds: f64,
    /// Copies of every byte (3 = three replicas).
    pub replication: f64,
    /// Metadata and index overhead on top of the payload (0.1 = 10%).
    pub overhead: f64,
    /// Compression ratio: 2.0 means data shrinks to half; 1.0 is none.
    pub compression_ratio: f64,
    /// Yearly growth of the write traffic (0.2 = 20% more each year).
    pub yearly_growth: f64,
    /// How full disks may get before more are bought (0.7 = 70%).
    pub target_fill: f64,
}

object_only!(Storage, "a storage object");

impl Default for Storage {
    fn default() -> Self {
        Storage {
            retention_seconds: 5.0 * 365.0 * 86_400.0,
            replication: 3.0,
            overhead: 0.0,
            compression_ratio: 1.0,
            yearly_growth: 0.0,
            target_fill: 0.7,
        }
    }
}

/// Sizing assumptions for servers, caches, disks and networks.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Capacity", default, deny_unknown_fields)]
pub struct Capacity {
    /// Requests per second one application server sustains at 100% load.
    pub server_rps: f64,
    /// The share of that capacity to plan for at peak (0.7 = 70%).
    pub target_utilisation: f64,
    /// Extra servers kept for failures and deploys.
    pub spare_servers: f64,
    /// The hot share of the cache's universe that is cached (0.2 = the
    /// 80/20 rule's 20%): of a day's read bytes or of the data kept, as
    /// [`Capacity::cache_rule`] says.
    pub cache_hot_share: f64,
    /// How the cache is sized; [`CacheRule::DailyReads`] unless given, and
    /// then not written.
    #[serde(skip_serializing_if = "CacheRule::is_default")]
    pub cache_rule: CacheRule,
    /// The share of the reads that the hot share gets ("20% of the objects
    /// get 80% of the reads": 0.8): what the cache's hit ratio is computed
    /// from. 0.8 unless given, and then not written.
    #[serde(skip_serializing_if = "is_default_reads_share")]
    pub cache_reads_share: f64,
    /// The cache's size in bytes under [`CacheRule::Fixed`]; 64 GB unless
    /// given, and then not written.
    #[serde(skip_serializing_if = "is_default_fixed_cache")]
    pub cache_fixed_bytes: f64,
    /// Memory per cache node, in bytes.
    pub cache_node_bytes: f64,
    /// Usable disk per storage node, in bytes.
    pub storage_node_bytes: f64,
    /// Data per shard, in bytes.
    pub shard_bytes: f64,
    /// Network interface speed per application server, in bits per second.
    pub nic_bits_per_second: f64,
    /// The share of read requests (and of the bytes they send) that a CDN
    /// or edge cache in front of the origin serves ("a 95% hit rate":
    /// 0.95); 0, no CDN, unless given, and then not written.
    #[serde(skip_serializing_if = "is_zero")]
    pub cdn_hit_ratio: f64,
    /// How many users are connected at the peak; [`Concurrency::None`] (no
    /// connection figures) unless given, and then not written.
    #[serde(skip_serializing_if = "Concurrency::is_none")]
    pub concurrency: Concurrency,
    /// Concurrent connections one application server holds at 100% load
    /// ("each server holds 50K concurrent connections"); used only when
    /// [`Capacity::concurrency`] is given. 50,000 unless given, and then not
    /// written.
    #[serde(skip_serializing_if = "is_default_connections")]
    pub connections_per_server: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// The share of the reads the hot share gets unless given: the 80/20
/// rule's 80%.
pub(crate) const DEFAULT_CACHE_READS_SHARE: f64 = 0.8;

/// A fixed cache's size unless given: one 64 GB node.
pub(crate) const DEFAULT_CACHE_FIXED_BYTES: f64 = 64e9;

/// Connections per server unless given.
pub(crate) const DEFAULT_CONNECTIONS_PER_SERVER: f64 = 50_000.0;

fn is_default_reads_share(x: &f64) -> bool {
    *x == DEFAULT_CACHE_READS_SHARE
}

fn is_default_fixed_cache(x: &f64) -> bool {
    *x == DEFAULT_CACHE_FIXED_BYTES
}

fn is_default_connections(x: &f64) -> bool {
    *x == DEFAULT_CONNECTIONS_PER_SERVER
}

/// How big the cache is, and over what universe its hit ratio is reckoned.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheRule {
    /// Cache = the hot share x a day's read bytes that reach the origin
    /// (the universe: those bytes, all of a day's read bytes without a
    /// CDN). What the cache always was before the rule could be said.
    #[default]
    DailyReads,
    /// Cache = the hot share x the data kept, one copy ("20% of the
    /// objects"; the universe: the data kept).
    StoredObjects,
    /// Cache = [`Capacity::cache_fixed_bytes`], a given size (the universe:
    /// the data kept).
    Fixed,
}

impl CacheRule {
    /// Whether this is the default rule (then JSON leaves it out).
    pub fn is_default(&self) -> bool {
        *self == CacheRule::DailyReads
    }

    /// The share of reads a cache of `cache` bytes serves over a universe
    /// of `universe` bytes, when the hot share `hot_share` of the universe
    /// gets the share `reads_share` of the reads and the rest gets the
    /// rest, evenly within each part, and the cache holds the most popular
    /// bytes. With `x` = cache / universe and `h`, `r` the two shares:
    ///
    /// - `r x / h` while `x <= h` (part of the hot set fits);
    /// - `r + (1 - r)(x - h) / (1 - h)` while `h < x < 1`;
    /// - 1 once `x >= 1` (the whole universe fits).
    ///
    /// When the hot share gets fewer reads than its size (`r < h`), the
    /// rest is the more popular part and is cached first: the formula then
    /// takes `1 - h` and `1 - r`. An empty cache hits nothing; a cache over
    /// an empty universe hits everything. Shares are clamped to 0..1; the result is always finite,
    /// in 0..1, and never decreases as the cache grows.
    ///
    /// ```
    /// use envelope_core::CacheRule;
    /// // 20% of the objects get 80% of the reads.
    /// assert!((CacheRule::hit_ratio(200.0, 1000.0, 0.2, 0.8) - 0.8).abs() < 1e-12);
    /// // Half of the hot set: half of its 80%.
    /// assert!((CacheRule::hit_ratio(100.0, 1000.0, 0.2, 0.8) - 0.4).abs() < 1e-12);
    /// assert_eq!(CacheRule::hit_ratio(2000.0, 1000.0, 0.2, 0.8), 1.0);
    /// assert_eq!(CacheRule::hit_ratio(0.0, 1000.0, 0.2, 0.8), 0.0);
    /// ```
    pub fn hit_ratio(cache: f64, universe: f64, hot_share: f64, reads_share: f64) -> f64 {
        let share = |v: f64| if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
        let (h, r) = popular_part(share(hot_share), share(reads_share));
        if cache.is_nan() || cache <= 0.0 {
            return 0.0;
        }
        if universe.is_nan() || universe <= 0.0 {
            return 1.0;
        }
        let x = cache / universe;
        let hit = if x >= 1.0 {
            1.0
        } else if x <= h {
            // h > 0 here: x > 0.
            r * x / h
        } else {
            // h < x < 1, so 1 - h > 0.
            r + (1.0 - r) * (x - h) / (1.0 - h)
        };
        share(hit)
    }
}

/// The more popular part of a two-part popularity model, as `(its share
/// of the universe, its share of the reads)`: the hot share and its reads,
/// unless the hot share gets fewer reads than its size, when the rest is
/// the more popular part.
pub(crate) fn popular_part(hot_share: f64, reads_share: f64) -> (f64, f64) {
    if reads_share < hot_share {
        (1.0 - hot_share, 1.0 - reads_share)
    } else {
        (hot_share, reads_share)
    }
}

/// How many users are connected at the busiest moment.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Concurrency {
    /// Not given: no connection figures, and connections bound nothing.
    #[default]
    None,
    /// This share of the daily users is online at the peak ("10% of daily
    /// users online at peak": 0.1).
    OnlineShare(f64),
    /// Little's law: concurrent = arrivals/s x time connected, where the
    /// arrivals are the daily users x sessions per user per day / seconds
    /// per day x the peak factor (so it is the peak).
    Sessions {
        /// Sessions each daily user starts a day.
        per_user_per_day: f64,
        /// How long a session stays connected, in seconds.
        seconds: f64,
    },
}

impl Concurrency {
    /// Whether concurrency is not given (then JSON leaves it out).
    pub fn is_none(&self) -> bool {
        *self == Concurrency::None
    }

    /// Peak concurrent connections for `daily_active` users, a peak factor
    /// `peak_factor` and a day of `seconds_per_day`; 0 when not given.
    ///
    /// ```
    /// use envelope_core::Concurrency;
    /// assert_eq!(Concurrency::OnlineShare(0.1).peak_connections(1e7, 2.0, 86_400.0), 1e6);
    /// // 86,400 users x 1 session/day / 86,400 s x 2 peak = 2 arrivals/s,
    /// // each connected 600 s: 1,200 connected at once.
    /// let sessions = Concurrency::Sessions { per_user_per_day: 1.0, seconds: 600.0 };
    /// assert_eq!(sessions.peak_connections(86_400.0, 2.0, 86_400.0), 1_200.0);
    /// ```
    pub fn peak_connections(
        &self,
        daily_active: f64,
        peak_factor: f64,
        seconds_per_day: f64,
    ) -> f64 {
        match *self {
            Concurrency::None => 0.0,
            Concurrency::OnlineShare(share) => daily_active * share,
            Concurrency::Sessions {
                per_user_per_day,
                seconds,
            } => daily_active * per_user_per_day / seconds_per_day * peak_factor * seconds,
        }
    }
}

object_only!(Capacity, "a capacity object");

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            server_rps: 1_000.0,
            target_utilisation: 0.7,
            spare_servers: 0.0,
            cache_hot_share: 0.2,
            cache_node_bytes: 64e9,
            storage_node_bytes: 16e12,
            shard_bytes: 1e12,
            nic_bits_per_second: 10e9,
            cdn_hit_ratio: 0.0,
            cache_rule: CacheRule::DailyReads,
            cache_reads_share: DEFAULT_CACHE_READS_SHARE,
            cache_fixed_bytes: DEFAULT_CACHE_FIXED_BYTES,
            concurrency: Concurrency::None,
            connections_per_server: DEFAULT_CONNECTIONS_PER_SERVER,
        }
    }
}

/// Prices. The defaults are round, editable assumptions, not any provider's
/// price list.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Cost", default, deny_unknown_fields)]
pub struct Cost {
    /// Dollars per server (or cache node) per month.
    pub server_month_usd: f64,
    /// Dollars per gigabyte (10^9 bytes) stored per month.
    pub storage_gb_month_usd: f64,
    /// Dollars per gigabyte (10^9 bytes) sent out from the origin.
    pub egress_gb_usd: f64,
    /// Dollars per gigabyte (10^9 bytes) the CDN sends; written only when
    /// it is not the default.
    #[serde(skip_serializing_if = "is_default_cdn_price")]
    pub cdn_gb_usd: f64,
}

/// The CDN's price per GB unless told otherwise: a round, editable
/// assumption (CDN list prices run from about $0.01 to $0.10 per GB, lower
/// at volume), like the other prices.
pub(crate) const DEFAULT_CDN_GB_USD: f64 = 0.02;

fn is_default_cdn_price(x: &f64) -> bool {
    *x == DEFAULT_CDN_GB_USD
}

object_only!(Cost, "a cost object");

impl Default for Cost {
    fn default() -> Self {
        Cost {
            server_month_usd: 150.0,
            storage_gb_month_usd: 0.02,
            egress_gb_usd: 0.05,
            cdn_gb_usd: DEFAULT_CDN_GB_USD,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CacheRule;
    use proptest::prelude::*;

    #[test]
    fn a_chain_of_ratios_written_backwards_resolves_in_one_pass() {
        use super::{requests_per_day_of_each, Frequency, RequestClass};
        // c99 is 1,000 a day; each class before it is 2 per request of the
        // next: c0 is 1,000 x 2^99. Written so that a pass in order
        // resolves one class at a time.
        let mut classes: Vec<RequestClass> = (0..100)
            .map(|i| {
                let mut k = RequestClass::read(&format!("c{i}"), 1.0, 1e3);
                k.frequency = Frequency::PerClass(2.0);
                k.of = format!("C{}", i + 1);
                k
            })
            .collect();
        classes[99].frequency = Frequency::PerDay(1e3);
        let c = crate::Conventions::default();
        let per_day = requests_per_day_of_each(&classes, 0.0, &c);
        assert_eq!(per_day[99], Some(1e3));
        assert_eq!(per_day[0], Some(1e3 * 2f64.powi(99)));
        // Close the chain into a circle: nothing in it resolves.
        classes[99].frequency = Frequency::OnePer(3.0);
        classes[99].of = "c0".to_owned();
        let per_day = requests_per_day_of_each(&classes, 0.0, &c);
        assert!(per_day.iter().all(Option::is_none));
        // Per write request after a write counted per a read: the write
        // resolves first, then the reads per write.
        let mut view = RequestClass::read("view", 10.0, 1e3);
        view.frequency = Frequency::PerUserPerDay(10.0);
        let mut upload = RequestClass::write("upload", 1.0, 1e3);
        upload.frequency = Frequency::OnePer(5.0);
        upload.of = "view".to_owned();
        let mut like = RequestClass::read("like", 1.0, 1e3);
        like.frequency = Frequency::PerWrite(4.0);
        let per_day = requests_per_day_of_each(&[like, upload, view], 100.0, &c);
        // 100 users x 10 = 1,000 views; 1,000 / 5 = 200 uploads; x 4 = 800.
        assert_eq!(per_day, [Some(800.0), Some(200.0), Some(1e3)]);
    }

    fn hit(cache: f64, universe: f64, h: f64, r: f64) -> f64 {
        CacheRule::hit_ratio(cache, universe, h, r)
    }

    fn close(got: f64, want: f64) {
        assert!((got - want).abs() < 1e-12, "{got} != {want}");
    }

    #[test]
    fn hit_ratio_by_segment() {
        // Within the hot 20%: 80% x x / 20%.
        close(hit(100.0, 1000.0, 0.2, 0.8), 0.4);
        close(hit(200.0, 1000.0, 0.2, 0.8), 0.8);
        // Past it: 80% + 20% x (x - 20%) / 80%.
        close(hit(600.0, 1000.0, 0.2, 0.8), 0.8 + 0.2 * 0.4 / 0.8);
        // The whole universe fits, or more.
        assert_eq!(hit(1000.0, 1000.0, 0.2, 0.8), 1.0);
        assert_eq!(hit(5000.0, 1000.0, 0.2, 0.8), 1.0);
        // No cache, or nothing to cache.
        assert_eq!(hit(0.0, 1000.0, 0.2, 0.8), 0.0);
        assert_eq!(hit(0.0, 0.0, 0.2, 0.8), 0.0);
        assert_eq!(hit(10.0, 0.0, 0.2, 0.8), 1.0);
    }

    #[test]
    fn hit_ratio_edges_never_divide_by_zero() {
        // h = 0: the hot part is empty; the rest is uniform from r.
        close(hit(500.0, 1000.0, 0.0, 0.8), 0.8 + 0.2 * 0.5);
        // h = 1 and r = 1: everything is hot; the hit ratio is x.
        close(hit(500.0, 1000.0, 1.0, 1.0), 0.5);
        // h = 1 with r < 1 reads as its complement, h = 0, r = 0.2: the
        // rest, of no size, gets 20% of the reads.
        close(hit(500.0, 1000.0, 1.0, 0.8), 0.2 + 0.8 * 0.5);
        // A hot share that gets fewer reads than its size: the rest (80%
        // of the data, 90% of the reads) is cached first.
        close(hit(400.0, 1000.0, 0.2, 0.1), 0.9 * 0.4 / 0.8);
        // Uniform popularity (r = h): the hit ratio is the cached share.
        close(hit(300.0, 1000.0, 0.5, 0.5), 0.3);
        close(hit(700.0, 1000.0, 0.5, 0.5), 0.7);
        // Out-of-range and non-finite inputs stay finite, in 0..1.
        for (c, u, h, r) in [
            (f64::NAN, 1.0, 0.2, 0.8),
            (1.0, f64::NAN, 0.2, 0.8),
            (1.0, 2.0, f64::NAN, f64::NAN),
            (1.0, 2.0, -1.0, 2.0),
            (f64::INFINITY, 1.0, 0.2, 0.8),
            (1.0, f64::INFINITY, 0.2, 0.8),
            (-1.0, 2.0, 0.2, 0.8),
        ] {
            let got = hit(c, u, h, r);
            assert!(got.is_finite() && (0.0..=1.0).contains(&got), "{got}");
        }
    }

    #[test]
    fn hit_ratio_is_monotone_in_the_cache() {
        let mut last = 0.0;
        for i in 0..=120 {
            let got = hit(f64::from(i) * 10.0, 1000.0, 0.2, 0.8);
            assert!(got >= last, "{i}: {got} < {last}");
            last = got;
        }
    }

    proptest! {
        #[test]
        fn hit_ratio_is_a_share_that_never_falls_as_the_cache_grows(
            a in 0.0..2e18f64,
            b in 0.0..2e18f64,
            universe in 0.0..1e18f64,
            h in 0.0..=1.0f64,
            r in 0.0..=1.0f64,
        ) {
            let (small, large) = if a <= b { (a, b) } else { (b, a) };
            let lo = hit(small, universe, h, r);
            let hi = hit(large, universe, h, r);
            prop_assert!(lo.is_finite() && (0.0..=1.0).contains(&lo));
            prop_assert!(hi.is_finite() && (0.0..=1.0).contains(&hi));
            // Up to rounding at the segments' joint.
            prop_assert!(hi >= lo - 1e-12, "{lo} > {hi}");
        }
    }
}
