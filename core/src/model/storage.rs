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
    sink.figure(
        FigureId::Total(keys::STORED_REPLICATED_PER_DAY),
        "Replicated per day",
        Measure::Data(per_day * st.replication),
        || format!("{} x {}", m(Measure::Data(per_day)), replicas_text(st)),
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
    let days_kept = growth_days(retention_days, c.days_per_year(), st.yearly_growth);
    let kept = per_day * days_kept;
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
        || format!("{} x {}", m(Measure::Data(kept)), replicas_text(st)),
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
    objects(s, basis, retention_days, days_kept, sink);
    Stored {
        per_day,
        retention_days,
        kept,
        provisioned,
    }
}

/// The objects (records) the storage holds, counted as the bytes are: one
/// per write request that stores bytes, kept as long and growing as fast;
/// and the length of a base62 id that can name every one of them (the
/// next interview question after "how many do we store").
fn objects(s: &Scenario, basis: &Basis, retention_days: f64, days_kept: f64, sink: &mut impl Sink) {
    let c = &s.conventions;
    let m = |value: Measure| super::measure(&value, c);
    let writes = |class: &RequestClass| basis.volume(class).requests_per_day;
    let stores = |class: &RequestClass| class.stored_per_request() > 0.0;
    // The sum in every sample; the list of terms only for a derivation.
    let per_day: f64 = s.classes.iter().filter(|k| stores(k)).map(writes).sum();
    sink.figure(
        FigureId::Total(keys::OBJECTS_PER_DAY),
        "Objects written per day",
        Measure::Count(per_day),
        || {
            let storing = class_values(s, &writes, &stores);
            let terms = class_terms(
                &storing,
                &|i| {
                    let class = &s.classes[i];
                    format!(
                        "{} {}",
                        class_name(i, class),
                        m(Measure::Count(writes(class)))
                    )
                },
                &|rest| m(Measure::Count(rest)),
            );
            if storing.is_empty() {
                "no write class stores bytes".to_owned()
            } else {
                format!("one per write that stores bytes: {terms}")
            }
        },
    );
    let kept = per_day * days_kept;
    sink.figure(
        FigureId::Total(keys::OBJECTS_RETENTION),
        "Objects kept over the retention period",
        Measure::Count(kept),
        || {
            if days_kept == retention_days {
                format!("{} /day x {} days", n(per_day), n(retention_days))
            } else {
                format!(
                    "{} /day x {} days' worth of writes ({}% yearly growth over {} days, as the bytes)",
                    n(per_day),
                    n(days_kept),
                    n(s.storage.yearly_growth * 100.0),
                    n(retention_days)
                )
            }
        },
    );
    let chars = base62_chars(kept);
    sink.figure(
        FigureId::Total(keys::ID_CHARS_BASE62),
        "Base62 id length for every object kept",
        Measure::Count(chars),
        || {
            if kept < 1.0 {
                return "no objects to name".to_owned();
            }
            format!(
                "fewest L with 62^L >= {} objects (62^{} = {} < it <= 62^{} = {})",
                n(kept.ceil()),
                n(chars - 1.0),
                n(BASE62.powf(chars - 1.0)),
                n(chars),
                n(BASE62.powf(chars))
            )
        },
    );
}

/// The id alphabet's size: digits, lower and upper case letters.
const BASE62: f64 = 62.0;

/// The fewest base62 characters that give at least `objects` distinct ids
/// (0 for none; 1 for up to 62).
fn base62_chars(objects: f64) -> f64 {
    let needed = objects.ceil();
    if needed < 1.0 {
        return 0.0;
    }
    // The logarithm's estimate, corrected in whole steps where floating
    // point lands a hair off an exact power.
    let mut chars = (needed.ln() / BASE62.ln()).ceil().max(1.0);
    while chars > 1.0 && BASE62.powf(chars - 1.0) >= needed {
        chars -= 1.0;
    }
    while BASE62.powf(chars) < needed {
        chars += 1.0;
    }
    chars
}

/// `3 replicas (the default)`: the replication a derivation multiplies by,
/// saying when it is the default rather than a number the user gave, since
/// it triples every stored byte.
fn replicas_text(st: &crate::Storage) -> String {
    let default = if st.replication == crate::Storage::default().replication {
        " (the default)"
    } else {
        ""
    };
    format!("{} replicas{default}", n(st.replication))
}

#[cfg(test)]
mod tests {
    use super::base62_chars;

    #[test]
    fn base62_lengths_at_the_powers() {
        assert_eq!(base62_chars(0.0), 0.0);
        assert_eq!(base62_chars(1.0), 1.0);
        assert_eq!(base62_chars(62.0), 1.0);
        assert_eq!(base62_chars(63.0), 2.0);
        assert_eq!(base62_chars(3844.0), 2.0); // 62^2
        assert_eq!(base62_chars(3845.0), 3.0);
        // 62^7 = 3,521,614,606,208: seven characters name 3.5 T ids.
        assert_eq!(base62_chars(3_521_614_606_208.0), 7.0);
        assert_eq!(base62_chars(3_521_614_606_209.0), 8.0);
    }
}
