// Long (about 690 lines before its tests): the model's one pass, every
// figure in report order, is the reason this module exists; its larger
// parts (capacity, classes, fan-out, series, storage) are modules of their
// own, and what is left here is the order that ties them together.

//! The capacity model, written once: a [`Scenario`] in, every figure out to a
//! [`Sink`], in report order (users, requests, bandwidth, storage, cache,
//! servers, cost, then each request class).
//!
//! The report ([`crate::estimate`]), the plain numbers
//! ([`crate::estimate_numbers`]) and the Monte Carlo
//! ([`crate::uncertainty::simulate`]) are sinks of this one pass, so a
//! formula changed here changes all of them. Quantities are `uom` quantities;
//! each figure's derivation is the formula with its numbers substituted, so a
//! reader can redo the arithmetic.

mod capacity;
mod classes;
mod fanout;
mod series;
pub(crate) mod sink;
mod storage;

use uom::si::f64::{Frequency as PerSecond, Information, InformationRate, Ratio, Time};
use uom::si::frequency::hertz;
use uom::si::information::byte;
use uom::si::information_rate::byte_per_second;
use uom::si::ratio::ratio;
use uom::si::time::second;

use crate::keys;
use crate::report::ClassShare;
use crate::{
    format, Conventions, Direction, Frequency, Kind, Measure, Peak, RequestClass, Scenario, Series,
    Users,
};
pub(crate) use series::growth_days;
use sink::{FigureId, SectionId, Sink};

std::thread_local! {
    /// Whether derivations write numbers in powers of ten (`4 x 10^10`):
    /// set only while [`run_powers_of_ten`] runs the model for interview
    /// mode's rough working.
    static POWERS_OF_TEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn powers_of_ten() -> bool {
    POWERS_OF_TEN.with(std::cell::Cell::get)
}

/// A plain number as the derivations print it: grouped digits
/// ([`format::number`]), or powers of ten ([`format::powers_of_ten`]) in
/// [`run_powers_of_ten`].
pub(super) fn n(x: f64) -> String {
    if powers_of_ten() {
        format::powers_of_ten(x)
    } else {
        format::number(x)
    }
}

/// A value as the derivations print it: in readable units
/// ([`format::measure`]), or powers of ten of its base unit
/// ([`format::measure_powers_of_ten`]) in [`run_powers_of_ten`].
pub(super) fn measure(value: &Measure, c: &Conventions) -> String {
    if powers_of_ten() {
        format::measure_powers_of_ten(value, c)
    } else {
        format::measure(value, c)
    }
}

/// [`run`], with every number of every derivation written in powers of ten
/// (`4 x 10^10 requests/day / 10^5 s/day`): interview mode's rough working,
/// from the rough scenario, so the working and the rough value are one
/// computation. The sink writes its own `= value` with
/// [`format::measure_powers_of_ten`].
pub(crate) fn run_powers_of_ten(s: &Scenario, sink: &mut impl Sink) {
    /// Puts the plain style back however the run ends.
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            POWERS_OF_TEN.with(|p| p.set(false));
        }
    }
    POWERS_OF_TEN.with(|p| p.set(true));
    let _restore = Restore;
    run(s, sink);
}

/// The most per-class terms a sum's derivation writes out; the classes
/// after them are summed into one `+ 92 more classes ...` term, so the
/// derivation of a 100-class scenario stays short.
pub(super) const MAX_TERMS: usize = 8;

/// A request class as a derivation names it: its name, or `class 3` (its
/// place, from 1) when it has none.
pub(super) fn class_name(index: usize, class: &RequestClass) -> String {
    if class.name.is_empty() {
        format!("class {}", index + 1)
    } else {
        class.name.clone()
    }
}

/// The terms of a sum over request classes, `upload photo 20 M + view feed
/// 1 bn`: `items` are the classes' indices with their terms' values; `term`
/// writes the term of class `index` for the first [`MAX_TERMS`], and the
/// rest are one term, `+ 92 more classes X`, `rest` writing the sum of
/// their values. Empty when there are no items. (Not generic: one copy in
/// the wasm for every sum.)
pub(super) fn class_terms(
    items: &[(usize, f64)],
    term: &dyn Fn(usize) -> String,
    rest: &dyn Fn(f64) -> String,
) -> String {
    let mut written: Vec<String> = items
        .iter()
        .take(MAX_TERMS)
        .map(|&(index, _)| term(index))
        .collect();
    let more = items.get(MAX_TERMS..).unwrap_or_default();
    if !more.is_empty() {
        let classes = if more.len() == 1 { "class" } else { "classes" };
        let sum: f64 = more.iter().map(|&(_, value)| value).sum();
        written.push(format!("{} more {classes} {}", more.len(), rest(sum)));
    }
    written.join(" + ")
}

/// As [`class_terms`], and when there are several terms, ` = total` after
/// them in parentheses, for use inside a longer formula:
/// `(view feed 1 bn + like 20 M = 1.02 bn)`; one term alone; `total` alone
/// when there are none.
pub(super) fn class_subtotal(
    items: &[(usize, f64)],
    term: &dyn Fn(usize) -> String,
    rest: &dyn Fn(f64) -> String,
    total: String,
) -> String {
    let terms = class_terms(items, term, rest);
    match items.len() {
        0 => total,
        1 => terms,
        _ => format!("({terms} = {total})"),
    }
}

/// `(index, value)` of each class `keep` keeps, for [`class_terms`].
pub(super) fn class_values(
    s: &Scenario,
    value: &dyn Fn(&RequestClass) -> f64,
    keep: &dyn Fn(&RequestClass) -> bool,
) -> Vec<(usize, f64)> {
    s.classes
        .iter()
        .enumerate()
        .filter(|(_, class)| keep(class))
        .map(|(i, class)| (i, value(class)))
        .collect()
}

/// One request class's daily volumes, the building blocks of every total.
#[derive(Clone, Copy)]
pub(super) struct ClassVolume {
    requests_per_day: f64,
    avg: PerSecond,
    ingress_per_day: Information,
    egress_per_day: Information,
    stored_per_day: Information,
    /// Writes caused downstream ("delivered to 200 timelines").
    fanout_per_day: f64,
    /// Bytes those downstream writes store.
    fanout_stored_per_day: Information,
}

/// What every class's volumes depend on besides the class itself.
pub(super) struct Basis<'a> {
    c: &'a Conventions,
    dau: f64,
    classes: &'a [RequestClass],
    /// Each class's requests per day, ratios resolved (0 where they
    /// cannot be: validation has said why).
    per_day: Vec<Option<f64>>,
    /// Writes per day counted other than as a ratio to writes: what a class
    /// given "per write request" multiplies.
    base_writes: f64,
    /// `(1 + overhead) / compression`: stored bytes per byte written.
    overhead: f64,
    day: Time,
}

impl Basis<'_> {
    /// The requests per day of `class`, one of the scenario's classes: found
    /// by its address in the slice every caller borrows it from (constant
    /// time: the Monte Carlo asks for every class in every sample), with a
    /// scan for any other reference.
    fn requests_per_day(&self, class: &RequestClass) -> f64 {
        let offset =
            (class as *const RequestClass as usize).wrapping_sub(self.classes.as_ptr() as usize);
        let at = offset / std::mem::size_of::<RequestClass>().max(1);
        let index = match self.classes.get(at) {
            Some(k) if std::ptr::eq(k, class) => Some(at),
            _ => self.classes.iter().position(|k| std::ptr::eq(k, class)),
        };
        index.and_then(|i| self.per_day[i]).unwrap_or(0.0)
    }

    fn volume(&self, class: &RequestClass) -> ClassVolume {
        let per_day = self.requests_per_day(class);
        let fanout = class.fanout.unwrap_or(0.0) * per_day;
        let stored_each = Information::new::<byte>(class.stored_per_request()) * self.overhead;
        ClassVolume {
            requests_per_day: per_day,
            avg: Ratio::new::<ratio>(per_day) / self.day,
            ingress_per_day: Information::new::<byte>(class.bytes_in) * per_day,
            egress_per_day: Information::new::<byte>(class.bytes_out) * per_day,
            stored_per_day: stored_each * per_day,
            fanout_per_day: fanout,
            fanout_stored_per_day: Information::new::<byte>(class.fanout_bytes) * fanout,
        }
    }
}

/// Sums over the classes that [`run`] needs.
pub(super) struct Totals {
    per_day: f64,
    avg: PerSecond,
    reads_per_day: f64,
    avg_reads: PerSecond,
    writes_per_day: f64,
    avg_writes: PerSecond,
    ingress_day: Information,
    egress_day: Information,
    stored_day: Information,
    /// Bytes that read requests send per day: what the cache holds a share of.
    reads_out_day: Information,
}

fn totals(s: &Scenario, basis: &Basis) -> Totals {
    let zero_rate = PerSecond::new::<hertz>(0.0);
    let zero_info = Information::new::<byte>(0.0);
    let mut t = Totals {
        per_day: 0.0,
        avg: zero_rate,
        reads_per_day: 0.0,
        avg_reads: zero_rate,
        writes_per_day: 0.0,
        avg_writes: zero_rate,
        ingress_day: zero_info,
        egress_day: zero_info,
        stored_day: zero_info,
        reads_out_day: zero_info,
    };
    for class in &s.classes {
        let v = basis.volume(class);
        t.per_day += v.requests_per_day;
        t.avg += v.avg;
        match class.direction {
            Direction::Read => {
                t.reads_per_day += v.requests_per_day;
                t.avg_reads += v.avg;
                t.reads_out_day += v.egress_per_day;
            }
            Direction::Write => {
                t.writes_per_day += v.requests_per_day;
                t.avg_writes += v.avg;
            }
        }
        t.ingress_day += v.ingress_per_day;
        t.egress_day += v.egress_per_day;
        t.stored_day += v.stored_per_day;
    }
    t
}

/// How many figures [`run`] gives for `s` (valid): what one Monte Carlo
/// sample holds.
pub(crate) fn figure_count(s: &Scenario) -> usize {
    // Counted by the Monte Carlo's own sink with no columns to fill: no
    // copy of the model just for counting.
    let mut values = sink::Values::new(&mut []);
    run(s, &mut values);
    values.count()
}

/// Runs the model on `s` (valid, every ranged field at its median) into
/// `sink`.
pub(crate) fn run(s: &Scenario, sink: &mut impl Sink) {
    let c = &s.conventions;
    let m = |value: Measure| measure(&value, c);
    let dau = users(s, sink);
    let per_day = crate::requests_per_day_of_each(&s.classes, dau, c);
    let basis = Basis {
        c,
        dau,
        classes: &s.classes,
        base_writes: s
            .classes
            .iter()
            .zip(&per_day)
            .filter(|(k, _)| {
                k.direction == Direction::Write && !matches!(k.frequency, Frequency::PerWrite(_))
            })
            .map(|(_, v)| v.unwrap_or(0.0))
            .sum(),
        per_day,
        overhead: (1.0 + s.storage.overhead) / s.storage.compression_ratio,
        day: Time::new::<second>(c.seconds_per_day()),
    };
    let t = totals(s, &basis);
    let peak_factor = s.peak.factor();
    let day_s = || n(c.seconds_per_day());

    // Requests.
    sink.section(SectionId::Total("traffic"), || "Requests".to_owned());
    sink.figure(
        FigureId::Total(keys::REQUESTS_PER_DAY),
        "Requests per day",
        Measure::Count(t.per_day),
        || {
            let per_day = |class: &RequestClass| basis.volume(class).requests_per_day;
            let terms = class_terms(
                &class_values(s, &per_day, &|_| true),
                &|i| {
                    let class = &s.classes[i];
                    format!(
                        "{} {}",
                        class_name(i, class),
                        m(Measure::Count(per_day(class)))
                    )
                },
                &|rest| m(Measure::Count(rest)),
            );
            if terms.is_empty() {
                "no request classes".to_owned()
            } else {
                terms
            }
        },
    );
    sink.figure(
        FigureId::Total(keys::AVG_RPS),
        "Average requests/s",
        Measure::Rate(t.avg),
        || format!("{} requests/day / {} s/day", n(t.per_day), day_s()),
    );
    sink.figure(
        FigureId::Total(keys::PEAK_RPS),
        "Peak requests/s",
        Measure::Rate(t.avg * peak_factor),
        || {
            let why = match s.peak {
                // The default is said: it doubles every peak figure.
                Peak::Factor(f) if s.peak == Peak::default() => {
                    format!("{}x peak factor (the default)", n(f))
                }
                Peak::Factor(f) => format!("{}x peak factor", n(f)),
                Peak::BusiestHourShare(h) => format!(
                    "{}x ({}% of the day in the busiest hour x 24 h)",
                    n(h * 24.0),
                    n(h * 100.0)
                ),
            };
            format!("{} x {why}", m(Measure::Rate(t.avg)))
        },
    );
    for (avg_key, peak_key, what, per_day, avg, direction) in [
        (
            keys::AVG_READ_RPS,
            keys::PEAK_READ_RPS,
            "reads",
            t.reads_per_day,
            t.avg_reads,
            Direction::Read,
        ),
        (
            keys::AVG_WRITE_RPS,
            keys::PEAK_WRITE_RPS,
            "writes",
            t.writes_per_day,
            t.avg_writes,
            Direction::Write,
        ),
    ] {
        let (avg_label, peak_label) = if what == "reads" {
            ("Average reads/s", "Peak reads/s")
        } else {
            ("Average writes/s", "Peak writes/s")
        };
        sink.figure(
            FigureId::Total(avg_key),
            avg_label,
            Measure::Rate(avg),
            || {
                let count = |class: &RequestClass| basis.volume(class).requests_per_day;
                let sum = class_subtotal(
                    &class_values(s, &count, &|class| class.direction == direction),
                    &|i| {
                        let class = &s.classes[i];
                        format!(
                            "{} {}",
                            class_name(i, class),
                            m(Measure::Count(count(class)))
                        )
                    },
                    &|rest| m(Measure::Count(rest)),
                    m(Measure::Count(per_day)),
                );
                format!("{sum} {what}/day / {} s/day", day_s())
            },
        );
        sink.figure(
            FigureId::Total(peak_key),
            peak_label,
            Measure::Rate(avg * peak_factor),
            || format!("{} x {}", m(Measure::Rate(avg)), n(peak_factor)),
        );
    }
    sink.optional_figure(
        FigureId::Total(keys::READ_WRITE_RATIO),
        "Reads per write",
        Kind::Multiplier,
        (t.writes_per_day > 0.0).then(|| Measure::Multiplier(t.reads_per_day / t.writes_per_day)),
        || {
            format!(
                "{} reads/day / {} writes/day",
                n(t.reads_per_day),
                n(t.writes_per_day)
            )
        },
    );

    // Bandwidth.
    sink.section(SectionId::Total("bandwidth"), || "Bandwidth".to_owned());
    let per_second = |per_day: Information| {
        InformationRate::new::<byte_per_second>(per_day.get::<byte>() / basis.day.get::<second>())
    };
    let ingress_avg = per_second(t.ingress_day);
    let egress_avg = per_second(t.egress_day);
    type Labels = [&'static str; 4];
    const INGRESS: Labels = [
        "Ingress per day",
        "Ingress, average",
        "Ingress, peak",
        "Ingress per month",
    ];
    const EGRESS: Labels = [
        "Egress per day",
        "Egress, average",
        "Egress, peak",
        "Egress per month",
    ];
    for (keys, labels, bytes, per_day, avg) in [
        (
            [
                keys::INGRESS_PER_DAY,
                keys::INGRESS_AVG,
                keys::INGRESS_PEAK,
                keys::INGRESS_PER_MONTH,
            ],
            INGRESS,
            "in",
            t.ingress_day,
            ingress_avg,
        ),
        (
            [
                keys::EGRESS_PER_DAY,
                keys::EGRESS_AVG,
                keys::EGRESS_PEAK,
                keys::EGRESS_PER_MONTH,
            ],
            EGRESS,
            "out",
            t.egress_day,
            egress_avg,
        ),
    ] {
        sink.figure(
            FigureId::Total(keys[0]),
            labels[0],
            Measure::Data(per_day),
            || {
                let bytes_of = |class: &RequestClass| {
                    if bytes == "in" {
                        class.bytes_in
                    } else {
                        class.bytes_out
                    }
                };
                let volume = |class: &RequestClass| {
                    let v = basis.volume(class);
                    if bytes == "in" {
                        v.ingress_per_day
                    } else {
                        v.egress_per_day
                    }
                };
                // Classes that move no bytes this way add nothing: left out.
                let moved = |class: &RequestClass| volume(class).get::<byte>();
                let terms = class_terms(
                    &class_values(s, &moved, &|class| moved(class) != 0.0),
                    &|i| {
                        let class = &s.classes[i];
                        // A read's request and a write's acknowledgement
                        // are 1 KB unless given: said, never added silently.
                        format!(
                            "{} {} x {}{}",
                            class_name(i, class),
                            m(Measure::Count(basis.volume(class).requests_per_day)),
                            m(Measure::data_bytes(bytes_of(class))),
                            class.assumed_bytes_note(bytes == "in")
                        )
                    },
                    &|rest| m(Measure::data_bytes(rest)),
                );
                if terms.is_empty() {
                    format!("no request class has bytes {bytes}")
                } else {
                    format!("requests/day x bytes {bytes}: {terms}")
                }
            },
        );
        sink.figure(
            FigureId::Total(keys[1]),
            labels[1],
            Measure::DataRate(avg),
            || format!("{} / {} s/day", m(Measure::Data(per_day)), day_s()),
        );
        sink.figure(
            FigureId::Total(keys[2]),
            labels[2],
            Measure::DataRate(avg * peak_factor),
            || format!("{} x {}", m(Measure::DataRate(avg)), n(peak_factor)),
        );
        per_month(sink, FigureId::Total(keys[3]), labels[3], per_day, c);
    }

    // A CDN in front of the origin serves its hit rate of the reads, with
    // the bytes they send; the origin sends the rest.
    let cdn = s.capacity.cdn_hit_ratio;
    let cdn_day = t.reads_out_day * cdn;
    let origin_egress_day =
        Information::new::<byte>((t.egress_day - cdn_day).get::<byte>().max(0.0));
    let origin_egress_avg = per_second(origin_egress_day);
    sink.figure(
        FigureId::Total(keys::CDN_PER_DAY),
        "Egress served by the CDN per day",
        Measure::Data(cdn_day),
        || {
            if cdn == 0.0 {
                "no CDN (0% hit rate)".to_owned()
            } else {
                format!(
                    "{} read egress/day x {}% CDN hit rate",
                    m(Measure::Data(t.reads_out_day)),
                    n(cdn * 100.0)
                )
            }
        },
    );
    sink.figure(
        FigureId::Total(keys::ORIGIN_EGRESS_PEAK),
        "Origin egress, peak",
        Measure::DataRate(origin_egress_avg * peak_factor),
        || {
            if cdn == 0.0 {
                "all of the egress: no CDN".to_owned()
            } else {
                format!(
                    "({} - {} from the CDN) / {} s/day x {}",
                    m(Measure::Data(t.egress_day)),
                    m(Measure::Data(cdn_day)),
                    day_s(),
                    n(peak_factor)
                )
            }
        },
    );

    let stored = storage::storage(s, &t, &basis, sink);
    fanout::fanout(s, &basis, peak_factor, sink);
    let busiest = if ingress_avg > origin_egress_avg {
        ingress_avg
    } else {
        origin_egress_avg
    } * peak_factor;
    let peak = capacity::Peaks {
        requests: t.avg * peak_factor,
        reads: t.avg_reads * peak_factor,
        busiest_direction: busiest,
        daily_active: dau,
        factor: peak_factor,
    };
    // The reads the origin serves at the peak: what the CDN leaves.
    let origin_reads = peak.reads * (1.0 - cdn);
    // The cache sits behind the CDN: a day's reads are those that reach the
    // origin (all of them without a CDN).
    let cache_nodes = capacity::cache(s, t.reads_out_day - cdn_day, &stored, origin_reads, sink);
    let mut sizing = capacity::servers(s, &peak, &stored, sink);
    sizing.counts.cache_nodes = cache_nodes;
    capacity::cost(
        s,
        sizing.counts.app_servers + cache_nodes,
        &stored,
        origin_egress_day,
        cdn_day,
        sink,
    );
    classes::classes(s, &basis, sink);

    sink.details(sizing.bound, sizing.counts, || Series {
        storage_growth: series::storage_growth(
            stored.per_day.get::<byte>(),
            stored.retention_days,
            c.days_per_year(),
            s.storage.yearly_growth,
            s.storage.replication,
        ),
        daily_traffic: series::daily_traffic(
            t.avg_reads.get::<hertz>(),
            t.avg_writes.get::<hertz>(),
            peak_factor,
        ),
        by_class: s
            .classes
            .iter()
            .map(|class| {
                let v = basis.volume(class);
                ClassShare {
                    name: class.name.clone(),
                    stored_bytes_per_day: v.stored_per_day.get::<byte>(),
                    ingress_bytes_per_day: v.ingress_per_day.get::<byte>(),
                    egress_bytes_per_day: v.egress_per_day.get::<byte>(),
                }
            })
            .collect(),
    });
}

/// A daily amount of data over a month of the scenario's convention.
pub(super) fn per_month(
    sink: &mut impl Sink,
    id: FigureId,
    label: &'static str,
    per_day: Information,
    c: &Conventions,
) {
    sink.figure(
        id,
        label,
        Measure::Data(per_day * c.days_per_month()),
        || {
            format!(
                "{} x {} days/month",
                measure(&Measure::Data(per_day), c),
                n(c.days_per_month())
            )
        },
    );
}

/// The users section; gives daily active users.
fn users(s: &Scenario, sink: &mut impl Sink) -> f64 {
    sink.section(SectionId::Total("users"), || "Users".to_owned());
    let id = FigureId::Total(keys::DAILY_ACTIVE_USERS);
    let label = "Daily active users";
    match s.users {
        Users::Daily { daily_active } => {
            sink.figure(id, label, Measure::Count(daily_active), || {
                "given".to_owned()
            });
            daily_active
        }
        Users::Monthly {
            monthly_active,
            daily_active_share,
        } => {
            let dau = monthly_active * daily_active_share;
            sink.figure(id, label, Measure::Count(dau), || {
                format!(
                    "{} monthly users x {}% active each day",
                    n(monthly_active),
                    n(daily_active_share * 100.0)
                )
            });
            dau
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(values: &[f64]) -> String {
        let items: Vec<(usize, f64)> = values.iter().copied().enumerate().collect();
        class_terms(&items, &|i| format!("c{i} {}", values[i]), &|rest| {
            format!("{rest}")
        })
    }

    #[test]
    fn terms_stop_at_eight_and_sum_the_rest() {
        assert_eq!(terms(&[]), "");
        assert_eq!(terms(&[1.0, 2.0]), "c0 1 + c1 2");
        // Nine terms: eight written, the ninth (9) as one more class.
        let nine: Vec<f64> = (1..=9).map(f64::from).collect();
        assert_eq!(
            terms(&nine),
            "c0 1 + c1 2 + c2 3 + c3 4 + c4 5 + c5 6 + c6 7 + c7 8 + 1 more class 9"
        );
        // Ten: 9 + 10 = 19 in two more classes.
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert!(terms(&ten).ends_with("c7 8 + 2 more classes 19"));
    }
}
