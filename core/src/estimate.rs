//! The estimation itself: a [`Scenario`] in, a [`Report`] out.
//!
//! Quantities are `uom` quantities from here on; each figure records the
//! formula with its numbers substituted, so a reader can redo the arithmetic.

use uom::si::f64::{Frequency as PerSecond, Information, InformationRate, Ratio, Time};
use uom::si::frequency::hertz;
use uom::si::information::byte;
use uom::si::information_rate::byte_per_second;
use uom::si::ratio::ratio;
use uom::si::time::second;

use crate::report::{ClassShare, StoragePoint, TrafficPoint};
use crate::{
    fields, format, Bound, Conventions, DayLength, Direction, Figure, Frequency, InputError,
    Measure, Report, Rough, Scenario, Section, Series, Users, REPORT_VERSION,
};

/// Estimates a scenario. Each figure also gets its interview-style rough
/// value ([`Figure::rough`]): the same scenario with every input rounded to
/// one significant figure and a 100,000-second day, the result rounded to two
/// significant figures, and its error against the exact figure.
///
/// Fails, naming every bad field, when the scenario is out of range.
pub fn estimate(scenario: &Scenario) -> Result<Report, Vec<InputError>> {
    let mut report = estimate_exact(scenario)?;
    // The rounded scenario stays in range (rounding never crosses the bounds
    // that matter), but if it does not, the report simply has no rough values.
    // Ranged inputs are rounded at their medians.
    let rough = if scenario.uncertainty.ranges.is_empty() {
        roughen(scenario)
    } else {
        roughen(&crate::uncertainty::with_medians(scenario))
    };
    if let Ok(rough) = estimate_exact(&rough) {
        for section in &mut report.sections {
            for figure in &mut section.figures {
                if let Some(r) = rough.figure(&figure.key) {
                    figure.rough = Some(rough_of(&figure.value, &r.value));
                }
            }
        }
    }
    Ok(report)
}

/// Estimates a scenario without the interview-style rough values. A ranged
/// field counts at its range's median.
pub fn estimate_exact(scenario: &Scenario) -> Result<Report, Vec<InputError>> {
    let errors = fields::validate(scenario);
    if !errors.is_empty() {
        return Err(errors);
    }
    if scenario.uncertainty.ranges.is_empty() {
        Ok(Estimator::new(scenario).run())
    } else {
        // Ranged fields count at their medians (see uncertainty::with_medians).
        Ok(Estimator::new(&crate::uncertainty::with_medians(scenario)).run())
    }
}

/// Rounds `x` to `digits` significant figures.
fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

fn rough_of(exact: &Measure, rough: &Measure) -> Rough {
    let value = Measure::from_base(rough.kind(), round_significant(rough.base_value(), 2));
    let (e, r) = (exact.base_value(), value.base_value());
    let error_percent = if e == 0.0 {
        (r == 0.0).then_some(0.0)
    } else {
        Some((r - e) / e * 100.0)
    };
    Rough {
        value,
        error_percent,
    }
}

/// The scenario a candidate would work with: inputs to one significant
/// figure and a 10^5-second day.
fn roughen(s: &Scenario) -> Scenario {
    let r = |x: f64| round_significant(x, 1);
    let mut s = s.clone();
    // Rounded points, not ranges (whose medians would undo the rounding).
    s.uncertainty.ranges.clear();
    s.conventions.day = DayLength::Interview;
    s.users = match s.users {
        Users::Daily { daily_active } => Users::Daily {
            daily_active: r(daily_active),
        },
        Users::Monthly {
            monthly_active,
            daily_active_share,
        } => Users::Monthly {
            monthly_active: r(monthly_active),
            daily_active_share: r(daily_active_share),
        },
    };
    for c in &mut s.classes {
        c.frequency = match c.frequency {
            Frequency::PerUserPerDay(v) => Frequency::PerUserPerDay(r(v)),
            Frequency::PerDay(v) => Frequency::PerDay(r(v)),
            Frequency::PerMonth(v) => Frequency::PerMonth(r(v)),
            Frequency::PerWrite(v) => Frequency::PerWrite(r(v)),
        };
        c.bytes_in = r(c.bytes_in);
        c.bytes_out = r(c.bytes_out);
        c.bytes_stored = c.bytes_stored.map(r);
    }
    s
}

/// Collects figures section by section.
struct Estimator<'a> {
    s: &'a Scenario,
    c: Conventions,
    sections: Vec<Section>,
}

/// Per-class daily volumes, the building blocks of every total.
struct ClassVolume {
    requests_per_day: f64,
    avg: PerSecond,
    ingress_per_day: Information,
    egress_per_day: Information,
    stored_per_day: Information,
}

impl<'a> Estimator<'a> {
    fn new(s: &'a Scenario) -> Self {
        Estimator {
            s,
            c: s.conventions,
            sections: Vec::new(),
        }
    }

    fn n(x: f64) -> String {
        format::number(x)
    }

    fn m(&self, m: Measure) -> String {
        format::measure(&m, &self.c)
    }

    fn section(&mut self, key: &str, title: &str) {
        self.sections.push(Section {
            key: key.to_owned(),
            title: title.to_owned(),
            figures: Vec::new(),
        });
    }

    /// Adds a figure whose derivation is `formula = value`.
    fn figure(&mut self, key: &str, label: &str, value: Measure, formula: String) -> Measure {
        let derivation = format!("{formula} = {}", self.m(value));
        if let Some(section) = self.sections.last_mut() {
            section.figures.push(Figure {
                key: key.to_owned(),
                label: label.to_owned(),
                value,
                derivation,
                rough: None,
            });
        }
        value
    }

    fn day(&self) -> Time {
        Time::new::<second>(self.c.seconds_per_day())
    }

    /// A daily amount of data spread evenly over the day. (uom keeps
    /// information and time of different "kinds", so the quotient is
    /// rebuilt as a rate.)
    fn per_second(&self, per_day: Information) -> InformationRate {
        InformationRate::new::<byte_per_second>(per_day.get::<byte>() / self.day().get::<second>())
    }

    fn run(mut self) -> Report {
        let s = self.s;
        let c = self.c;
        let dau = self.users();
        let volumes = self.classes(dau);
        let peak_factor = s.peak.factor();

        // Totals of requests.
        self.section("traffic", "Requests");
        let sum_where = |pick: &dyn Fn(Direction) -> bool| -> (f64, PerSecond) {
            volumes
                .iter()
                .zip(&s.classes)
                .filter(|(_, c)| pick(c.direction))
                .fold((0.0, PerSecond::new::<hertz>(0.0)), |(n, r), (v, _)| {
                    (n + v.requests_per_day, r + v.avg)
                })
        };
        let (per_day, avg) = sum_where(&|_| true);
        let (reads_per_day, avg_reads) = sum_where(&|d| d == Direction::Read);
        let (writes_per_day, avg_writes) = sum_where(&|d| d == Direction::Write);
        self.figure(
            "total.requests_per_day",
            "Requests per day",
            Measure::Count(per_day),
            format!("sum over {} request classes", s.classes.len()),
        );
        let day_s = Self::n(c.seconds_per_day());
        self.figure(
            "total.avg_rps",
            "Average requests/s",
            Measure::Rate(avg),
            format!("{} requests/day / {day_s} s/day", Self::n(per_day)),
        );
        let peak_why = match s.peak {
            crate::Peak::Factor(f) => format!("{}x peak factor", Self::n(f)),
            crate::Peak::BusiestHourShare(h) => {
                format!(
                    "{}x ({}% of the day in the busiest hour x 24 h)",
                    Self::n(h * 24.0),
                    Self::n(h * 100.0)
                )
            }
        };
        self.figure(
            "total.peak_rps",
            "Peak requests/s",
            Measure::Rate(avg * peak_factor),
            format!("{} x {peak_why}", self.m(Measure::Rate(avg))),
        );
        self.figure(
            "total.avg_read_rps",
            "Average reads/s",
            Measure::Rate(avg_reads),
            format!("{} reads/day / {day_s} s/day", Self::n(reads_per_day)),
        );
        self.figure(
            "total.peak_read_rps",
            "Peak reads/s",
            Measure::Rate(avg_reads * peak_factor),
            format!(
                "{} x {}",
                self.m(Measure::Rate(avg_reads)),
                Self::n(peak_factor)
            ),
        );
        self.figure(
            "total.avg_write_rps",
            "Average writes/s",
            Measure::Rate(avg_writes),
            format!("{} writes/day / {day_s} s/day", Self::n(writes_per_day)),
        );
        self.figure(
            "total.peak_write_rps",
            "Peak writes/s",
            Measure::Rate(avg_writes * peak_factor),
            format!(
                "{} x {}",
                self.m(Measure::Rate(avg_writes)),
                Self::n(peak_factor)
            ),
        );
        if writes_per_day > 0.0 {
            self.figure(
                "total.read_write_ratio",
                "Reads per write",
                Measure::Multiplier(reads_per_day / writes_per_day),
                format!(
                    "{} reads/day / {} writes/day",
                    Self::n(reads_per_day),
                    Self::n(writes_per_day)
                ),
            );
        }

        // Bandwidth.
        self.section("bandwidth", "Bandwidth");
        let zero_info = Information::new::<byte>(0.0);
        let ingress_day = volumes.iter().fold(zero_info, |a, v| a + v.ingress_per_day);
        let egress_day = volumes.iter().fold(zero_info, |a, v| a + v.egress_per_day);
        let ingress_avg = self.per_second(ingress_day);
        let egress_avg = self.per_second(egress_day);
        for (dir, per_day_total, avg_rate) in [
            ("ingress", ingress_day, ingress_avg),
            ("egress", egress_day, egress_avg),
        ] {
            let title = if dir == "ingress" {
                "Ingress"
            } else {
                "Egress"
            };
            self.figure(
                &format!("bandwidth.{dir}_per_day"),
                &format!("{title} per day"),
                Measure::Data(per_day_total),
                format!(
                    "sum over request classes of requests/day x bytes {}",
                    if dir == "ingress" { "in" } else { "out" }
                ),
            );
            self.figure(
                &format!("bandwidth.{dir}_avg"),
                &format!("{title}, average"),
                Measure::DataRate(avg_rate),
                format!("{} / {day_s} s/day", self.m(Measure::Data(per_day_total))),
            );
            self.figure(
                &format!("bandwidth.{dir}_peak"),
                &format!("{title}, peak"),
                Measure::DataRate(avg_rate * peak_factor),
                format!(
                    "{} x {}",
                    self.m(Measure::DataRate(avg_rate)),
                    Self::n(peak_factor)
                ),
            );
            self.figure(
                &format!("bandwidth.{dir}_per_month"),
                &format!("{title} per month"),
                Measure::Data(per_day_total * c.days_per_month()),
                format!(
                    "{} x {} days/month",
                    self.m(Measure::Data(per_day_total)),
                    Self::n(c.days_per_month())
                ),
            );
        }

        // Storage.
        let stored = self.storage(&volumes);

        // Cache, servers, cost.
        let reads_out_day = volumes
            .iter()
            .zip(&s.classes)
            .filter(|(_, c)| c.direction == Direction::Read)
            .fold(zero_info, |a, (v, _)| a + v.egress_per_day);
        let cache_nodes = self.cache(reads_out_day);
        let peak_rps = avg * peak_factor;
        let busiest = if ingress_avg > egress_avg {
            ingress_avg
        } else {
            egress_avg
        } * peak_factor;
        let (app_servers, bound) = self.servers(peak_rps, busiest, stored);
        self.cost(app_servers + cache_nodes, stored, egress_day);

        // Totals read first; the per-class detail follows them.
        let (classes, mut sections): (Vec<Section>, Vec<Section>) = self
            .sections
            .into_iter()
            .partition(|section| section.key.starts_with("class."));
        sections.extend(classes);

        Report {
            version: REPORT_VERSION,
            name: s.name.clone(),
            conventions: c,
            sections,
            server_bound: bound,
            series: Series {
                storage_growth: stored.growth_curve(),
                daily_traffic: daily_traffic(
                    avg_reads.get::<hertz>(),
                    avg_writes.get::<hertz>(),
                    peak_factor,
                ),
                by_class: s
                    .classes
                    .iter()
                    .zip(&volumes)
                    .map(|(c, v)| ClassShare {
                        name: c.name.clone(),
                        stored_bytes_per_day: v.stored_per_day.get::<byte>(),
                        ingress_bytes_per_day: v.ingress_per_day.get::<byte>(),
                        egress_bytes_per_day: v.egress_per_day.get::<byte>(),
                    })
                    .collect(),
            },
        }
    }

    fn users(&mut self) -> f64 {
        self.section("users", "Users");
        match self.s.users {
            Users::Daily { daily_active } => {
                self.figure(
                    "users.daily_active",
                    "Daily active users",
                    Measure::Count(daily_active),
                    "given".to_owned(),
                );
                daily_active
            }
            Users::Monthly {
                monthly_active,
                daily_active_share,
            } => {
                let dau = monthly_active * daily_active_share;
                self.figure(
                    "users.daily_active",
                    "Daily active users",
                    Measure::Count(dau),
                    format!(
                        "{} monthly users x {}% active each day",
                        Self::n(monthly_active),
                        Self::n(daily_active_share * 100.0)
                    ),
                );
                dau
            }
        }
    }

    /// Daily volumes of each class, and a section per class.
    fn classes(&mut self, dau: f64) -> Vec<ClassVolume> {
        let s = self.s;
        let c = self.c;
        // Reads given as a ratio to writes multiply the writes counted any other way.
        let base_writes: f64 = s
            .classes
            .iter()
            .filter(|k| {
                k.direction == Direction::Write && !matches!(k.frequency, Frequency::PerWrite(_))
            })
            .map(|k| k.frequency.requests_per_day(dau, 0.0, &c))
            .sum();
        let overhead = (1.0 + s.storage.overhead) / s.storage.compression_ratio;
        let mut volumes = Vec::with_capacity(s.classes.len());
        for (i, class) in s.classes.iter().enumerate() {
            let per_day = class.frequency.requests_per_day(dau, base_writes, &c);
            let why = match class.frequency {
                Frequency::PerUserPerDay(n) => {
                    format!("{} users x {} /user/day", Self::n(dau), Self::n(n))
                }
                Frequency::PerDay(n) => format!("{} /day, given", Self::n(n)),
                Frequency::PerMonth(n) => format!(
                    "{} /month / {} days/month",
                    Self::n(n),
                    Self::n(c.days_per_month())
                ),
                Frequency::PerWrite(r) => format!(
                    "{} writes/day x {} per write",
                    Self::n(base_writes),
                    Self::n(r)
                ),
            };
            let avg: PerSecond = Ratio::new::<ratio>(per_day) / self.day();
            let bytes_in = Information::new::<byte>(class.bytes_in);
            let bytes_out = Information::new::<byte>(class.bytes_out);
            let stored_each = Information::new::<byte>(class.stored_per_request()) * overhead;
            let v = ClassVolume {
                requests_per_day: per_day,
                avg,
                ingress_per_day: bytes_in * per_day,
                egress_per_day: bytes_out * per_day,
                stored_per_day: stored_each * per_day,
            };
            let name = if class.name.is_empty() {
                format!("class {}", i + 1)
            } else {
                class.name.clone()
            };
            let dir = match class.direction {
                Direction::Read => "read",
                Direction::Write => "write",
            };
            self.section(&format!("class.{i}"), &format!("{name} ({dir})"));
            let k = |what: &str| format!("class.{i}.{what}");
            self.figure(
                &k("per_day"),
                "Requests per day",
                Measure::Count(per_day),
                why,
            );
            self.figure(
                &k("avg_rps"),
                "Average requests/s",
                Measure::Rate(avg),
                format!(
                    "{} /day / {} s/day",
                    Self::n(per_day),
                    Self::n(c.seconds_per_day())
                ),
            );
            self.figure(
                &k("peak_rps"),
                "Peak requests/s",
                Measure::Rate(avg * s.peak.factor()),
                format!(
                    "{} x {}",
                    self.m(Measure::Rate(avg)),
                    Self::n(s.peak.factor())
                ),
            );
            self.figure(
                &k("ingress_per_day"),
                "Ingress per day",
                Measure::Data(v.ingress_per_day),
                format!(
                    "{} /day x {}",
                    Self::n(per_day),
                    self.m(Measure::Data(bytes_in))
                ),
            );
            self.figure(
                &k("egress_per_day"),
                "Egress per day",
                Measure::Data(v.egress_per_day),
                format!(
                    "{} /day x {}",
                    Self::n(per_day),
                    self.m(Measure::Data(bytes_out))
                ),
            );
            if class.direction == Direction::Write {
                self.figure(
                    &k("stored_per_day"),
                    "Stored per day",
                    Measure::Data(v.stored_per_day),
                    format!(
                        "{} /day x {}{}",
                        Self::n(per_day),
                        self.m(Measure::data_bytes(class.stored_per_request())),
                        self.overhead_text()
                    ),
                );
            }
            volumes.push(v);
        }
        volumes
    }

    /// ` x (1 + 10% overhead) / 2x compression`, or nothing when neither applies.
    fn overhead_text(&self) -> String {
        let st = &self.s.storage;
        let mut t = String::new();
        if st.overhead != 0.0 {
            t += &format!(" x (1 + {}% overhead)", Self::n(st.overhead * 100.0));
        }
        if st.compression_ratio != 1.0 {
            t += &format!(" / {}x compression", Self::n(st.compression_ratio));
        }
        t
    }

    fn storage(&mut self, volumes: &[ClassVolume]) -> StoredData {
        let st = self.s.storage;
        let c = self.c;
        self.section("storage", "Storage");
        let per_day = volumes
            .iter()
            .fold(Information::new::<byte>(0.0), |a, v| a + v.stored_per_day);
        self.figure(
            "storage.per_day",
            "Stored per day",
            Measure::Data(per_day),
            format!(
                "sum over write classes of writes/day x bytes stored{}",
                self.overhead_text()
            ),
        );
        self.figure(
            "storage.per_month",
            "Stored per month",
            Measure::Data(per_day * c.days_per_month()),
            format!(
                "{} x {} days/month",
                self.m(Measure::Data(per_day)),
                Self::n(c.days_per_month())
            ),
        );
        self.figure(
            "storage.per_year",
            "Stored per year",
            Measure::Data(per_day * c.days_per_year()),
            format!(
                "{} x {} days/year",
                self.m(Measure::Data(per_day)),
                Self::n(c.days_per_year())
            ),
        );
        let data = StoredData {
            per_day,
            retention_days: st.retention_seconds / 86_400.0,
            days_per_year: c.days_per_year(),
            growth: st.yearly_growth,
            replication: st.replication,
        };
        let kept = data.kept_after(data.retention_days);
        let days = format!("{} days", Self::n(data.retention_days));
        let formula = if st.yearly_growth == 0.0 {
            format!("{} x {days} retention", self.m(Measure::Data(per_day)))
        } else {
            let g = 1.0 + st.yearly_growth;
            let years = data.retention_days / c.days_per_year();
            format!(
                "{} x {} days/year x ({}^{} - 1) / ln {} years ({}% yearly growth over {days})",
                self.m(Measure::Data(per_day)),
                Self::n(c.days_per_year()),
                Self::n(g),
                Self::n(years),
                Self::n(g),
                Self::n(st.yearly_growth * 100.0)
            )
        };
        self.figure(
            "storage.retention",
            "Stored over the retention period",
            Measure::Data(kept),
            formula,
        );
        self.figure(
            "storage.retention_replicated",
            "Replicated over the retention period",
            Measure::Data(kept * st.replication),
            format!(
                "{} x {} replicas",
                self.m(Measure::Data(kept)),
                Self::n(st.replication)
            ),
        );
        self.figure(
            "storage.provisioned",
            "Provisioned disk",
            Measure::Data(kept * st.replication / st.target_fill),
            format!(
                "{} / {}% target fill",
                self.m(Measure::Data(kept * st.replication)),
                Self::n(st.target_fill * 100.0)
            ),
        );
        data
    }

    fn cache(&mut self, reads_out_day: Information) -> f64 {
        let cap = self.s.capacity;
        self.section("cache", "Cache");
        let memory = reads_out_day * cap.cache_hot_share;
        self.figure(
            "cache.memory",
            "Cache memory",
            Measure::Data(memory),
            format!(
                "{} read per day x {}% hot",
                self.m(Measure::Data(reads_out_day)),
                Self::n(cap.cache_hot_share * 100.0)
            ),
        );
        let node = Information::new::<byte>(cap.cache_node_bytes);
        let nodes = (memory / node).get::<ratio>().ceil();
        self.figure(
            "cache.nodes",
            "Cache nodes",
            Measure::Count(nodes),
            format!(
                "ceil({} / {} per node)",
                self.m(Measure::Data(memory)),
                self.m(Measure::Data(node))
            ),
        );
        nodes
    }

    fn servers(
        &mut self,
        peak_rps: PerSecond,
        busiest_peak: InformationRate,
        stored: StoredData,
    ) -> (f64, Bound) {
        let cap = self.s.capacity;
        self.section("servers", "Servers");
        let per_server = PerSecond::new::<hertz>(cap.server_rps) * cap.target_utilisation;
        let by_requests = (peak_rps / per_server).get::<ratio>().ceil();
        self.figure(
            "servers.by_requests",
            "Servers for the request rate",
            Measure::Count(by_requests),
            format!(
                "ceil({} / ({} x {}% utilisation))",
                self.m(Measure::Rate(peak_rps)),
                self.m(Measure::per_second(cap.server_rps)),
                Self::n(cap.target_utilisation * 100.0)
            ),
        );
        let nic = InformationRate::new::<byte_per_second>(cap.nic_bits_per_second / 8.0)
            * cap.target_utilisation;
        let by_bandwidth = (busiest_peak / nic).get::<ratio>().ceil();
        self.figure("servers.by_bandwidth", "Servers for the bandwidth", Measure::Count(by_bandwidth),
            format!("ceil({} peak, the busier direction (NICs are full duplex) / ({} x {}% utilisation))",
                format::measure_alternate(&Measure::DataRate(busiest_peak), &self.c).unwrap_or_default(),
                format::measure_alternate(&Measure::bytes_per_second(cap.nic_bits_per_second / 8.0), &self.c).unwrap_or_default(),
                Self::n(cap.target_utilisation * 100.0)));
        let bound = if by_bandwidth > by_requests {
            Bound::Bandwidth
        } else {
            Bound::Requests
        };
        let app = by_requests.max(by_bandwidth) + cap.spare_servers.ceil();
        self.figure(
            "servers.app",
            "Application servers",
            Measure::Count(app),
            format!(
                "max({}, {}) + {} spares; bound by {}",
                Self::n(by_requests),
                Self::n(by_bandwidth),
                Self::n(cap.spare_servers.ceil()),
                if bound == Bound::Bandwidth {
                    "bandwidth"
                } else {
                    "requests"
                }
            ),
        );
        let replicated = stored.kept_after(stored.retention_days) * stored.replication;
        let provisioned = replicated / self.s.storage.target_fill;
        let disk = Information::new::<byte>(cap.storage_node_bytes);
        self.figure(
            "servers.storage_nodes",
            "Storage nodes",
            Measure::Count((provisioned / disk).get::<ratio>().ceil()),
            format!(
                "ceil({} provisioned / {} per node)",
                self.m(Measure::Data(provisioned)),
                self.m(Measure::Data(disk))
            ),
        );
        let kept = stored.kept_after(stored.retention_days);
        let shard = Information::new::<byte>(cap.shard_bytes);
        self.figure(
            "servers.shards",
            "Shards",
            Measure::Count((kept / shard).get::<ratio>().ceil()),
            format!(
                "ceil({} one copy / {} per shard)",
                self.m(Measure::Data(kept)),
                self.m(Measure::Data(shard))
            ),
        );
        (app, bound)
    }

    fn cost(&mut self, servers: f64, stored: StoredData, egress_day: Information) {
        let cost = self.s.cost;
        let c = self.c;
        self.section("cost", "Monthly cost");
        let compute = servers * cost.server_month_usd;
        self.figure(
            "cost.servers",
            "Servers and cache nodes",
            Measure::Money(compute),
            format!(
                "{} nodes x ${}/month",
                Self::n(servers),
                Self::n(cost.server_month_usd)
            ),
        );
        let gb = Information::new::<byte>(1e9);
        let provisioned = stored.kept_after(stored.retention_days) * stored.replication
            / self.s.storage.target_fill;
        let storage = (provisioned / gb).get::<ratio>() * cost.storage_gb_month_usd;
        self.figure(
            "cost.storage",
            "Storage (at full retention)",
            Measure::Money(storage),
            format!(
                "{} provisioned / 10^9 B/GB x ${}/GB-month",
                self.m(Measure::Data(provisioned)),
                Self::n(cost.storage_gb_month_usd)
            ),
        );
        let egress_month = egress_day * c.days_per_month();
        let egress = (egress_month / gb).get::<ratio>() * cost.egress_gb_usd;
        self.figure(
            "cost.egress",
            "Egress",
            Measure::Money(egress),
            format!(
                "{} per month / 10^9 B/GB x ${}/GB",
                self.m(Measure::Data(egress_month)),
                Self::n(cost.egress_gb_usd)
            ),
        );
        self.figure(
            "cost.total",
            "Total per month",
            Measure::Money(compute + storage + egress),
            format!(
                "${} + ${} + ${}",
                Self::n(compute),
                Self::n(storage),
                Self::n(egress)
            ),
        );
    }
}

/// How many days' worth of the first day's volume are written over `days`
/// days when the daily volume grows continuously by `growth` a year:
/// d(t) = d0 (1+g)^t, so the total is d0 x days/year x ((1+g)^T - 1) / ln(1+g)
/// for T years (just `days` without growth). The report and the Monte
/// Carlo's model both use it.
pub(crate) fn growth_days(days: f64, days_per_year: f64, growth: f64) -> f64 {
    if growth.abs() < 1e-12 {
        return days;
    }
    let years = days / days_per_year;
    days_per_year * (((1.0 + growth).powf(years) - 1.0) / (1.0 + growth).ln())
}

/// How data accumulates: a daily volume that grows yearly, kept for the
/// retention period.
#[derive(Clone, Copy)]
struct StoredData {
    per_day: Information,
    retention_days: f64,
    days_per_year: f64,
    growth: f64,
    replication: f64,
}

impl StoredData {
    /// Data written in the first `days` days (one copy), see [`growth_days`].
    fn kept_after(&self, days: f64) -> Information {
        self.per_day * growth_days(days, self.days_per_year, self.growth)
    }

    fn growth_curve(&self) -> Vec<StoragePoint> {
        const POINTS: usize = 60;
        (0..=POINTS)
            .map(|i| {
                let day = self.retention_days * i as f64 / POINTS as f64;
                let kept = self.kept_after(day).get::<byte>();
                StoragePoint {
                    day,
                    stored_bytes: kept,
                    replicated_bytes: kept * self.replication,
                }
            })
            .collect()
    }
}

/// An illustrative day of traffic whose average is the scenario's average and
/// whose maximum (at 20:00) is its peak: `avg x (floor + scale x bump(h)^k)`,
/// where the bump is a raised cosine sharpened (k grows) until the floor can
/// stay non-negative. Beyond about 60x a 15-minute grid cannot hold both the
/// mean and the peak; the floor is then clamped at zero and the drawn mean
/// runs above the true average.
fn daily_traffic(avg_reads: f64, avg_writes: f64, peak_factor: f64) -> Vec<TrafficPoint> {
    const STEPS: usize = 96; // every 15 minutes
    const MAX_SHARPNESS: usize = 400;
    let hours: Vec<f64> = (0..=STEPS)
        .map(|i| 24.0 * i as f64 / STEPS as f64)
        .collect();
    let bump: Vec<f64> = hours
        .iter()
        .map(|h| (1.0 + (std::f64::consts::TAU * (h - 20.0) / 24.0).cos()) / 2.0)
        .collect();
    let factor = peak_factor.max(1.0);
    let mut shape = bump.clone();
    let mean = |shape: &[f64]| shape[..STEPS].iter().sum::<f64>() / STEPS as f64;
    let mut k = 1;
    while mean(&shape) > 0.9 / factor && k < MAX_SHARPNESS {
        for (s, b) in shape.iter_mut().zip(&bump) {
            *s *= b;
        }
        k += 1;
    }
    let m = mean(&shape);
    let fitted = (factor - 1.0) / (1.0 - m);
    let (floor, scale) = if fitted <= factor {
        (factor - fitted, fitted)
    } else {
        (0.0, factor)
    };
    hours
        .iter()
        .zip(&shape)
        .map(|(&hour, &b)| {
            let level = floor + scale * b;
            TrafficPoint {
                hour,
                reads_per_second: avg_reads * level,
                writes_per_second: avg_writes * level,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_to_significant_figures() {
        assert_eq!(round_significant(86_400.0, 1), 90_000.0);
        assert_eq!(round_significant(231.48, 2), 230.0);
        assert_eq!(round_significant(0.0, 2), 0.0);
        assert_eq!(round_significant(-0.0456, 1), -0.05);
    }

    #[test]
    fn daily_curve_keeps_average_and_peak() {
        for factor in [1.0, 2.0, 4.8, 10.0] {
            let pts = daily_traffic(100.0, 10.0, factor);
            let mean: f64 = pts[..96].iter().map(|p| p.reads_per_second).sum::<f64>() / 96.0;
            let max = pts.iter().map(|p| p.reads_per_second).fold(0.0, f64::max);
            let min = pts
                .iter()
                .map(|p| p.reads_per_second)
                .fold(f64::MAX, f64::min);
            assert!((mean - 100.0).abs() < 1e-9, "mean {mean} for {factor}");
            assert!(
                (max - 100.0 * factor).abs() < 1e-9,
                "max {max} for {factor}"
            );
            assert!(min >= 0.0);
        }
        // Extreme factors keep the peak and never draw negative traffic.
        let pts = daily_traffic(1.0, 0.0, 1000.0);
        let max = pts.iter().map(|p| p.reads_per_second).fold(0.0, f64::max);
        assert!((max - 1000.0).abs() < 1e-6);
        assert!(pts.iter().all(|p| p.reads_per_second >= 0.0));
    }
}
