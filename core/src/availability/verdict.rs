//! Whether a system meets an availability target, and by how much: the
//! margin as downtime per year and as nines.

use super::{downtime_text, Availability, Period};
use crate::decimal::Decimal;
use crate::Conventions;

/// A system's availability judged against a target.
///
/// The margin is given two ways: downtime per year (what the target allows
/// minus what the system allows, under the conventions' year) and nines
/// (the system's nines minus the target's). Both are positive when the
/// target is met with room to spare.
///
/// ```
/// use envelope_core::availability::{Availability, Verdict};
/// use envelope_core::Conventions;
/// let a = |t: &str| Availability::parse(t).unwrap();
/// let v = Verdict::new(a("99.95%"), a("99.9%"), &Conventions::default());
/// assert!(v.met);
/// // 0.0005 x 31,536,000 s = 15,768 s; 0.001 x 31,536,000 s = 31,536 s.
/// assert!((v.margin_seconds_per_year - 15_768.0).abs() < 1e-6);
/// assert_eq!(
///     v.text,
///     "Meets the 99.9% target: 99.95% allows 4h 22m 48s of downtime a year, \
///      4h 22m 48s less than the target's 8h 45m 36s (0.30 nines to spare)."
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Whether the system is at least as available as the target.
    pub met: bool,
    /// The system's downtime per year, seconds.
    pub system_downtime_per_year: f64,
    /// The target's downtime per year, seconds.
    pub target_downtime_per_year: f64,
    /// `target - system` downtime per year, seconds: positive when met with
    /// room to spare, negative when missed.
    pub margin_seconds_per_year: f64,
    /// The system's nines minus the target's; `None` when either is 100%
    /// (infinitely many nines).
    pub margin_nines: Option<f64>,
    /// The verdict in one sentence, e.g. `Misses the 99.99% target: ...`.
    pub text: String,
}

impl Verdict {
    /// Judges `system` against `target`, with the year of `conventions`.
    /// Never panics; every number is finite.
    pub fn new(system: Availability, target: Availability, conventions: &Conventions) -> Self {
        let year = Period::Year.seconds(conventions);
        let system_down = system.downtime(year);
        let target_down = target.downtime(year);
        let met = system.unavailability() <= target.unavailability();
        let margin = target_down - system_down;
        let margin_nines =
            (!system.is_perfect() && !target.is_perfect()).then(|| system.nines() - target.nines());
        let target_text = target.to_string();
        let mut system_text = system.to_string();
        if system_text == target_text && system != target {
            // Rounded alike but not equal: show the digits that differ.
            system_text = system.precise();
        }
        let allows = if system.is_perfect() {
            format!("{system_text} allows no downtime")
        } else {
            format!(
                "{system_text} allows {} of downtime a year",
                downtime_text(system_down)
            )
        };
        let text = if system.unavailability() == target.unavailability() {
            format!("Meets the {target_text} target exactly: {allows}, the target's whole budget.")
        } else if target.is_perfect() {
            format!("Misses the {target_text} target: {allows}, where the target allows none.")
        } else {
            let (verb, than, nines_word) = if met {
                ("Meets", "less", "to spare")
            } else {
                ("Misses", "more", "short")
            };
            let nines = margin_nines
                .map(|d| format!(" ({} {nines_word})", nines_text(d.abs())))
                .unwrap_or_default();
            format!(
                "{verb} the {target_text} target: {allows}, {} {than} than the target's {}{nines}.",
                downtime_text(margin.abs()),
                downtime_text(target_down)
            )
        };
        Verdict {
            met,
            system_downtime_per_year: system_down,
            target_downtime_per_year: target_down,
            margin_seconds_per_year: margin,
            margin_nines,
            text,
        }
    }
}

/// A count of nines: `1 nine`, `2 nines`, `0.30 nines`, and
/// `under 0.01 nines` where two decimals would read as none.
fn nines_text(n: f64) -> String {
    let whole = n.round();
    if (n - whole).abs() < 1e-9 && whole >= 1.0 {
        return if whole == 1.0 {
            "1 nine".to_owned()
        } else {
            format!("{} nines", Decimal(whole))
        };
    }
    if n < 0.005 {
        return "under 0.01 nines".to_owned();
    }
    format!("{:.2} nines", Decimal(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::YearLength;

    fn a(text: &str) -> Availability {
        Availability::parse(text).unwrap()
    }

    #[test]
    fn a_system_above_its_target() {
        let v = Verdict::new(a("99.95%"), a("99.9%"), &Conventions::default());
        // Year: 365 x 86,400 = 31,536,000 s.
        // System: 0.0005 x 31,536,000 = 15,768 s = 4h 22m 48s (14,400 + 1,320 + 48).
        // Target: 0.001 x 31,536,000 = 31,536 s = 8h 45m 36s (28,800 + 2,700 + 36).
        // Margin: 31,536 - 15,768 = 15,768 s; nines: log10(0.001/0.0005) = log10 2 = 0.30.
        assert!(v.met);
        assert!((v.system_downtime_per_year - 15_768.0).abs() < 1e-6);
        assert!((v.target_downtime_per_year - 31_536.0).abs() < 1e-6);
        assert!((v.margin_seconds_per_year - 15_768.0).abs() < 1e-6);
        assert!((v.margin_nines.unwrap() - 2f64.log10()).abs() < 1e-12);
        assert_eq!(
            v.text,
            "Meets the 99.9% target: 99.95% allows 4h 22m 48s of downtime a year, \
             4h 22m 48s less than the target's 8h 45m 36s (0.30 nines to spare)."
        );
    }

    #[test]
    fn a_system_below_its_target() {
        let v = Verdict::new(a("99.9%"), a("99.99%"), &Conventions::default());
        // System: 31,536 s = 8h 45m 36s. Target: 0.0001 x 31,536,000 = 3,153.6 s
        // = 52m 33.6s. Over by 31,536 - 3,153.6 = 28,382.4 s = 7h 53m 2.4s
        // (25,200 + 3,180 + 2.4). Nines: 3 - 4 = -1.
        assert!(!v.met);
        assert!((v.margin_seconds_per_year + 28_382.4).abs() < 1e-6);
        assert!((v.margin_nines.unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(
            v.text,
            "Misses the 99.99% target: 99.9% allows 8h 45m 36s of downtime a year, \
             7h 53m 2.4s more than the target's 52m 33.6s (1 nine short)."
        );
    }

    #[test]
    fn the_year_follows_the_conventions() {
        let c = Conventions {
            year: YearLength::Days365_25,
            ..Conventions::default()
        };
        let v = Verdict::new(a("99.99%"), a("99.9%"), &c);
        // Year: 365.25 x 86,400 = 31,557,600 s. Target 31,557.6 s, system
        // 3,155.76 s; margin 28,401.84 s. Nines 4 - 3 = 1.
        assert!((v.margin_seconds_per_year - 28_401.84).abs() < 1e-6);
        assert!(v.text.ends_with("(1 nine to spare)."), "{}", v.text);
    }

    #[test]
    fn equal_perfect_and_hair_thin_cases() {
        let c = Conventions::default();
        let exact = Verdict::new(a("99.9%"), a("three nines"), &c);
        assert!(exact.met);
        assert_eq!(exact.margin_seconds_per_year, 0.0);
        assert!(exact.text.starts_with("Meets the 99.9% target exactly"));

        let perfect = Verdict::new(Availability::PERFECT, a("99.9%"), &c);
        assert!(perfect.met);
        assert_eq!(perfect.margin_nines, None);
        assert_eq!(
            perfect.text,
            "Meets the 99.9% target: 100% allows no downtime, \
             8h 45m 36s less than the target's 8h 45m 36s."
        );

        let never = Verdict::new(a("99.9%"), Availability::PERFECT, &c);
        assert!(!never.met);
        assert!(never.text.ends_with("where the target allows none."));

        // u = 1.000009999e-4 rounds to 99.99% but misses it: shown precisely.
        // Over by 0.9999e-9 x 31,536,000 = 0.03153 s = 31.53 ms.
        let hair = Availability::from_unavailability(1.000_009_999e-4).unwrap();
        let v = Verdict::new(hair, a("99.99%"), &c);
        assert!(!v.met);
        assert!(v.text.contains("99.9899999% allows"), "{}", v.text);
        assert!(v.text.contains("31.53 ms more"), "{}", v.text);
        assert!(v.text.ends_with("(under 0.01 nines short)."), "{}", v.text);
    }

    #[test]
    fn nines_in_words() {
        assert_eq!(nines_text(1.0), "1 nine");
        assert_eq!(nines_text(2.0), "2 nines");
        assert_eq!(nines_text(0.304), "0.30 nines");
        assert_eq!(nines_text(0.004), "under 0.01 nines");
        assert_eq!(nines_text(1.5), "1.50 nines");
    }

    #[test]
    fn every_pair_of_extremes_is_finite() {
        let c = Conventions::default();
        let cases = [
            Availability::PERFECT,
            Availability::from_unavailability(1e-300).unwrap(),
            a("99.9999999%"),
            a("50%"),
            Availability::from_unavailability(0.999_999).unwrap(),
        ];
        for s in cases {
            for t in cases {
                let v = Verdict::new(s, t, &c);
                assert!(v.margin_seconds_per_year.is_finite());
                assert!(v.margin_nines.is_none_or(f64::is_finite));
                assert!(
                    !v.text.contains("NaN") && !v.text.contains("inf"),
                    "{}",
                    v.text
                );
            }
        }
    }
}
