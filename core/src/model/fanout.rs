//! Fan-out: the writes a request causes downstream ("each tweet is
//! delivered to 200 followers' timelines") and the bytes they store,
//! counted on their own, beside the requests and storage they come from.

use uom::si::f64::Information;
use uom::si::information::byte;

use super::sink::{FigureId, SectionId, Sink};
use super::{class_name, class_terms, class_values, n, Basis};
use crate::{keys, Measure, RequestClass, Scenario};

/// The fan-out section, given when any class has a fan-out.
pub(super) fn fanout(s: &Scenario, basis: &Basis, peak_factor: f64, sink: &mut impl Sink) {
    if s.classes.iter().all(|class| class.fanout.is_none()) {
        return;
    }
    let c = basis.c;
    let m = |value: Measure| super::measure(&value, c);
    sink.section(SectionId::Total("fanout"), || "Fan-out".to_owned());
    // Sums first; the terms of the derivations (a list per sum) only when
    // a derivation is written, not in every Monte Carlo sample.
    let writes = |class: &RequestClass| basis.volume(class).fanout_per_day;
    let per_day: f64 = s.classes.iter().map(writes).sum();
    sink.figure(
        FigureId::Total(keys::FANOUT_PER_DAY),
        "Fan-out writes per day",
        Measure::Count(per_day),
        || {
            class_terms(
                &class_values(s, &writes, &|class| class.fanout.is_some()),
                &|i| {
                    let class = &s.classes[i];
                    format!(
                        "{} {} x {} each",
                        class_name(i, class),
                        m(Measure::Count(basis.volume(class).requests_per_day)),
                        n(class.fanout.unwrap_or(0.0))
                    )
                },
                &|rest| m(Measure::Count(rest)),
            )
        },
    );
    let avg = per_day / c.seconds_per_day();
    sink.figure(
        FigureId::Total(keys::FANOUT_PEAK_WPS),
        "Fan-out writes/s, peak",
        Measure::per_second(avg * peak_factor),
        || {
            format!(
                "{} /day / {} s/day x {} peak factor",
                m(Measure::Count(per_day)),
                n(c.seconds_per_day()),
                n(peak_factor)
            )
        },
    );
    let stored = |class: &RequestClass| basis.volume(class).fanout_stored_per_day.get::<byte>();
    let bytes: f64 = s.classes.iter().map(stored).sum();
    sink.figure(
        FigureId::Total(keys::FANOUT_STORED_PER_DAY),
        "Fan-out bytes per day",
        Measure::Data(Information::new::<byte>(bytes)),
        || {
            let storing = class_values(s, &stored, &|class| stored(class) != 0.0);
            let terms = class_terms(
                &storing,
                &|i| {
                    let class = &s.classes[i];
                    format!(
                        "{} {} x {}",
                        class_name(i, class),
                        m(Measure::Count(basis.volume(class).fanout_per_day)),
                        m(Measure::data_bytes(class.fanout_bytes))
                    )
                },
                &|rest| m(Measure::data_bytes(rest)),
            );
            if terms.is_empty() {
                "no bytes per fan-out write given".to_owned()
            } else {
                // Said so that nobody adds it twice: the objects fanned out
                // are already stored once by the request that wrote them.
                format!("{terms}; not added to storage (often a cache such as timelines)")
            }
        },
    );
}
