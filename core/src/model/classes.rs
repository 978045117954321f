//! A section per request class: its requests, rates and bytes.

use super::sink::{FigureId, SectionId, Sink};
use super::storage::overhead_text;
use super::{n, Basis};
use crate::keys::class as per_class;
use crate::{Direction, Frequency, Measure, Scenario};

/// A section per request class, after the totals.
pub(super) fn classes(s: &Scenario, basis: &Basis, sink: &mut impl Sink) {
    let c = basis.c;
    let m = |value: Measure| super::measure(&value, c);
    let peak_factor = s.peak.factor();
    for (i, class) in s.classes.iter().enumerate() {
        let v = basis.volume(class);
        let per_day = v.requests_per_day;
        let dir = match class.direction {
            Direction::Read => "read",
            Direction::Write => "write",
        };
        sink.section(SectionId::Class(i), || {
            if class.name.is_empty() {
                format!("class {} ({dir})", i + 1)
            } else {
                format!("{} ({dir})", class.name)
            }
        });
        // The class a ratio refers to (looked up only when a derivation is
        // written, not in every Monte Carlo sample): its name and its
        // requests per day.
        let referred = || crate::class_named(&s.classes, &class.of);
        let of_name =
            || referred().map_or_else(String::new, |k| super::class_name(k, &s.classes[k]));
        let of = || {
            let per_day = referred().and_then(|k| basis.per_day[k]).unwrap_or(0.0);
            format!("{} {}/day", n(per_day), of_name())
        };
        sink.figure(
            FigureId::Class(i, per_class::PER_DAY),
            "Requests per day",
            Measure::Count(per_day),
            || match class.frequency {
                Frequency::PerUserPerDay(x) if class.users_share != 1.0 => format!(
                    "{} users x {}% of them x {} /user/day",
                    n(basis.dau),
                    n(class.users_share * 100.0),
                    n(x)
                ),
                Frequency::PerUserPerDay(x) => {
                    format!("{} users x {} /user/day", n(basis.dau), n(x))
                }
                Frequency::PerDay(x) => format!("{} /day, given", n(x)),
                Frequency::PerMonth(x) => {
                    format!("{} /month / {} days/month", n(x), n(c.days_per_month()))
                }
                Frequency::PerWrite(r) => {
                    format!("{} writes/day x {} per write", n(basis.base_writes), n(r))
                }
                Frequency::PerSecond(x) => {
                    format!("{} /s x {} s/day", n(x), n(c.seconds_per_day()))
                }
                Frequency::PerHour(x) => format!(
                    "{} /hour / 3,600 s/hour x {} s/day",
                    n(x),
                    n(c.seconds_per_day())
                ),
                Frequency::PerWeek(x) => format!("{} /week / 7 days/week", n(x)),
                Frequency::PerClass(r) => {
                    format!("{} x {} per request of {}", of(), n(r), of_name())
                }
                Frequency::OnePer(r) => {
                    format!("{} / {}: one per {} of {}", of(), n(r), n(r), of_name())
                }
            },
        );
        sink.figure(
            FigureId::Class(i, per_class::AVG_RPS),
            "Average requests/s",
            Measure::Rate(v.avg),
            || format!("{} /day / {} s/day", n(per_day), n(c.seconds_per_day())),
        );
        sink.figure(
            FigureId::Class(i, per_class::PEAK_RPS),
            "Peak requests/s",
            Measure::Rate(v.avg * peak_factor),
            || format!("{} x {}", m(Measure::Rate(v.avg)), n(peak_factor)),
        );
        sink.figure(
            FigureId::Class(i, per_class::INGRESS_PER_DAY),
            "Ingress per day",
            Measure::Data(v.ingress_per_day),
            || {
                format!(
                    "{} /day x {}{}",
                    n(per_day),
                    m(Measure::data_bytes(class.bytes_in)),
                    class.assumed_bytes_note(true)
                )
            },
        );
        sink.figure(
            FigureId::Class(i, per_class::EGRESS_PER_DAY),
            "Egress per day",
            Measure::Data(v.egress_per_day),
            || {
                format!(
                    "{} /day x {}{}",
                    n(per_day),
                    m(Measure::data_bytes(class.bytes_out)),
                    class.assumed_bytes_note(false)
                )
            },
        );
        if let Some(fanout) = class.fanout {
            sink.figure(
                FigureId::Class(i, per_class::FANOUT_PER_DAY),
                "Fan-out writes per day",
                Measure::Count(v.fanout_per_day),
                || format!("{} /day x {} each", n(per_day), n(fanout)),
            );
        }
        if class.direction == Direction::Write {
            sink.figure(
                FigureId::Class(i, per_class::STORED_PER_DAY),
                "Stored per day",
                Measure::Data(v.stored_per_day),
                || {
                    format!(
                        "{} /day x {}{}",
                        n(per_day),
                        m(Measure::data_bytes(class.stored_per_request())),
                        overhead_text(s)
                    )
                },
            );
        }
    }
}
