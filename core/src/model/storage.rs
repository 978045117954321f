//! The storage section: what is written per day, month and year, and what
//! is kept over the retention period, replicated and provisioned.

use uom::si::f64::Information;

use super::sink::{FigureId, SectionId, Sink};
use super::{class_name, class_terms, class_values, growth_days, n, per_month, Basis, Totals};
use crate::{keys, Measure, RequestClass, Scenario};

/// ` x (1 + 10% overhead) / 2x compression`, or nothing when neither applies.
pub(super) fn overhead_text(s: &Scenario) -> String {
    let st = &s.storage;
    let mut t = String::new();
    if st.overhead != 0.0 {
        t += &format!(" x (1 + {}% overhead)", n(st.overhead * 100.0));
    }
    if st.compression_ratio != 1.0 {
        t += &format!(" / {}x compression", n(st.compression_ratio));
    }
    t
}

/// What is kept: the figures that storage, servers and cost share.
pub(super) struct Stored {
    pub(super) per_day: Information,
    pub(super) retention_days: f64,
    /// One copy over the retention period.
    pub(super) kept: Information,
    /// The replicated bytes at the target fill.
    pub(super) provisioned: Information,
}

pub(super) fn storage(s: &Scenario, t: &Totals, basis: &Basis, sink: &mut impl Sink) -> Stored {
    let st = &s.storage;
    let c = &s.conventions;
    let m = |value: Measure| super::measure(&value, c);
    sink.section(SectionId::Total("storage"), || "Storage".to_owned());
    let per_day = t.stored_day;
    sink.figure(
        FigureId::Total(keys::STORED_PER_DAY),
        "Stored per day",
        Measure::Data(per_day),
        || {
            // Read classes and writes that keep nothing add nothing: left
            // out. Terms are before overhead and compression.
            let stored = |class: &RequestClass| {
                basis.volume(class).requests_per_day * class.stored_per_request()
            };
            let storing = class_values(s, &stored, &|class| stored(class) != 0.0);
            let terms = class_terms(
                &storing,
                &|i| {
                    let class = &s.classes[i];
                    format!(
                        "{} {} x {}",
                        class_name(i, class),
                        m(Measure::Count(basis.volume(class).requests_per_day)),
                        m(Measure::data_bytes(class.stored_per_request()))
                    )
                },
                &|rest| m(Measure::data_bytes(rest)),
            );
            let overhead = overhead_text(s);
            match storing.len() {
                0 => "no write class stores bytes".to_owned(),
                _ if overhead.is_empty() => format!("writes/day x bytes stored: {terms}"),
                _ => format!("writes/day x bytes stored: ({terms}){overhead}"),
            }
        },
    );
    per_month(
        sink,
        FigureId::Total(keys::STORED_PER_MONTH),
        "Stored per month",
        per_day,
        c,
    );
    sink.figure(
        FigureId::Total(keys::STORED_PER_YEAR),
        "Stored per year",
        Measure::Data(per_day * c.days_per_year()),
        || {
            format!(
                "{} x {} days/year",
                m(Measure::Data(per_day)),
                n(c.days_per_year())
            )
        },
    );
    let retention_days = st.retention_seconds / 86_400.0;
    let kept = per_day * growth_days(retention_days, c.days_per_year(), st.yearly_growth);
    sink.figure(
        FigureId::Total(keys::STORED_RETENTION),
        "Stored over the retention period",
        Measure::Data(kept),
        || {
            let days = format!("{} days", n(retention_days));
            if st.yearly_growth == 0.0 {
                format!("{} x {days} retention", m(Measure::Data(per_day)))
            } else {
                let g = 1.0 + st.yearly_growth;
                let years = retention_days / c.days_per_year();
                format!(
                    "{} x {} days/year x ({}^{} - 1) / ln {} years ({}% yearly growth over {days})",
                    m(Measure::Data(per_day)),
                    n(c.days_per_year()),
                    n(g),
                    n(years),
                    n(g),
                    n(st.yearly_growth * 100.0)
                )
            }
        },
    );
    let replicated = kept * st.replication;
    sink.figure(
        FigureId::Total(keys::STORED_REPLICATED),
        "Replicated over the retention period",
        Measure::Data(replicated),
        || {
            format!(
                "{} x {} replicas",
                m(Measure::Data(kept)),
                n(st.replication)
            )
        },
    );
    let provisioned = replicated / st.target_fill;
    sink.figure(
        FigureId::Total(keys::PROVISIONED_DISK),
        "Provisioned disk",
        Measure::Data(provisioned),
        || {
            format!(
                "{} / {}% target fill",
                m(Measure::Data(replicated)),
                n(st.target_fill * 100.0)
            )
        },
    );
    Stored {
        per_day,
        retention_days,
        kept,
        provisioned,
    }
}
