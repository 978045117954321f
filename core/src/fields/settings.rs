//! The page's own inputs that travel with a scenario: the availability
//! section's target and component system, and interview mode. Each is a
//! key of the one key grammar ([`super::FieldKey::Setting`]), read from
//! text here for links, `--set`, scenario files and the page alike, and
//! kept in [`crate::Scenario::availability`] and
//! [`crate::Scenario::interview`] only when set.
//!
//! ```
//! use envelope_core::{fields, Scenario};
//! let mut s = Scenario::default();
//! fields::set_setting(&mut s, "availability.target", "four nines").unwrap();
//! fields::set_setting(&mut s, "interview", "on").unwrap();
//! assert_eq!(fields::setting_text(&s, "availability.target").as_deref(), Some("four nines"));
//! assert!(s.interview);
//! assert_eq!(
//!     fields::set_setting(&mut s, "availability.system", "lb").unwrap_err().to_string(),
//!     "Availability system: row 1: no availability at the end of 'lb'; write e.g. 'db 99.9%' or 'db 99.9% 2of3'"
//! );
//! // Empty text unsets: the page's default again.
//! fields::set_setting(&mut s, "availability.target", "").unwrap();
//! assert_eq!(s.availability.target, None);
//! ```

use super::field::shorten;
use super::validate::InputError;
use crate::availability::{parse_system, parse_target, system_text, MAX_SYSTEM_CHARS};
use crate::{text, Scenario};

/// One of the page's inputs that travel with a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// `availability.target`: the availability target, as
    /// [`parse_target`] reads it (`99.99%`, `43m 12s per month`).
    AvailabilityTarget,
    /// `availability.system`: the component system, as [`parse_system`]
    /// reads it (`lb 99.99%; app 99.9% x3 any`).
    AvailabilitySystem,
    /// `interview`: interview mode, `on` or `off`.
    Interview,
}

/// Every setting, in the order links write them.
pub const SETTINGS: [Setting; 3] = [
    Setting::AvailabilityTarget,
    Setting::AvailabilitySystem,
    Setting::Interview,
];

/// The longest availability target read, in characters: a target is a
/// figure or a budget (`43m 12s per month`), never long.
const MAX_TARGET_CHARS: usize = 100;

impl Setting {
    /// The setting whose key is `key`.
    pub fn from_key(key: &str) -> Option<Setting> {
        SETTINGS.into_iter().find(|s| s.key() == key)
    }

    /// Its stable key, for links, `--set`, errors: `availability.target`.
    pub fn key(self) -> &'static str {
        match self {
            Setting::AvailabilityTarget => "availability.target",
            Setting::AvailabilitySystem => "availability.system",
            Setting::Interview => "interview",
        }
    }

    /// What people call it: `Availability target`.
    pub fn label(self) -> &'static str {
        match self {
            Setting::AvailabilityTarget => "Availability target",
            Setting::AvailabilitySystem => "Availability system",
            Setting::Interview => "Interview mode",
        }
    }

    /// The longest text read for it, in characters: share links skip a
    /// longer value with a warning.
    pub fn max_chars(self) -> usize {
        match self {
            Setting::AvailabilitySystem => MAX_SYSTEM_CHARS,
            _ => MAX_TARGET_CHARS,
        }
    }

    /// Sets it in `s` from `text`: empty text unsets it (the page's
    /// default). A target is read under `s`'s conventions and kept as
    /// typed (trimmed, without control characters); a system is kept in
    /// its one text form ([`system_text`]). The problem is worded for
    /// people; untrusted text in it is shortened and escaped.
    pub fn set(self, s: &mut Scenario, text: &str) -> Result<(), String> {
        let text = text::without_controls(text.trim()).into_owned();
        match self {
            Setting::AvailabilityTarget => {
                s.availability.target = match text.as_str() {
                    "" => None,
                    t if t.chars().count() > MAX_TARGET_CHARS => {
                        return Err(format!("at most {MAX_TARGET_CHARS} characters"))
                    }
                    t => {
                        parse_target(t, &s.conventions).map_err(|e| e.to_string())?;
                        Some(text)
                    }
                }
            }
            Setting::AvailabilitySystem => {
                s.availability.system = match text.as_str() {
                    "" => None,
                    t => Some(system_text(&parse_system(t)?)),
                }
            }
            Setting::Interview => {
                s.interview = match text.to_ascii_lowercase().as_str() {
                    "on" | "true" | "yes" | "1" => true,
                    "" | "off" | "false" | "no" | "0" => false,
                    _ => return Err(format!("write on or off (got '{}')", shorten(&text))),
                }
            }
        }
        Ok(())
    }

    /// Its value in `s` as text that [`Setting::set`] reads back the same;
    /// `None` when it is not set (interview mode: when off).
    pub fn text(self, s: &Scenario) -> Option<String> {
        match self {
            Setting::AvailabilityTarget => s.availability.target.clone(),
            Setting::AvailabilitySystem => s.availability.system.clone(),
            Setting::Interview => s.interview.then(|| "on".to_owned()),
        }
    }

    /// Whether the value `s` holds reads (a scenario file may hold any
    /// text): the problem, as [`Setting::set`] words it.
    pub(crate) fn check(self, s: &Scenario) -> Result<(), String> {
        match self.text(s) {
            Some(text) if self != Setting::Interview => {
                let mut probe = s.clone();
                self.set(&mut probe, &text)
            }
            _ => Ok(()),
        }
    }
}

/// Sets the setting `key` of `s` from `text` ([`Setting::set`]); the error
/// names the key.
pub fn set_setting(s: &mut Scenario, key: &str, text: &str) -> Result<(), InputError> {
    let Some(setting) = Setting::from_key(key) else {
        return Err(InputError::new(
            &text::displayable(key),
            &shorten(key),
            "unknown field".to_owned(),
        ));
    };
    setting
        .set(s, text)
        .map_err(|problem| InputError::new(setting.key(), setting.label(), problem))
}

/// The setting `key` of `s` as text ([`Setting::text`]); `None` when it is
/// not set or `key` names no setting.
pub fn setting_text(s: &Scenario, key: &str) -> Option<String> {
    Setting::from_key(key)?.text(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_setting_reads_and_prints_back() {
        for setting in SETTINGS {
            assert_eq!(Setting::from_key(setting.key()), Some(setting));
        }
        let mut s = Scenario::default();
        for (key, text, shown) in [
            (
                "availability.target",
                " 43m 12s per month ",
                "43m 12s per month",
            ),
            ("availability.system", "db 99.9%  2OF3;", "db 99.9% 2of3"),
            ("interview", "TRUE", "on"),
        ] {
            set_setting(&mut s, key, text).unwrap();
            assert_eq!(setting_text(&s, key).as_deref(), Some(shown), "{key}");
            let mut again = s.clone();
            set_setting(&mut again, key, shown).unwrap();
            assert_eq!(again, s, "{key}");
            assert_eq!(Setting::from_key(key).unwrap().check(&s), Ok(()));
        }
        for key in ["availability.target", "availability.system", "interview"] {
            set_setting(&mut s, key, "").unwrap();
        }
        assert_eq!(s, Scenario::default());
    }

    #[test]
    fn bad_values_are_refused_naming_the_key() {
        let mut s = Scenario::default();
        let e = set_setting(&mut s, "availability.target", "100%").unwrap_err();
        assert_eq!(e.field, "availability.target");
        assert!(e.message.starts_with("Availability target: "), "{e}");
        let e = set_setting(&mut s, "interview", "maybe").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Interview mode: write on or off (got 'maybe')"
        );
        let e = set_setting(&mut s, "availability.target", &"9".repeat(101)).unwrap_err();
        assert_eq!(e.to_string(), "Availability target: at most 100 characters");
        assert_eq!(s, Scenario::default(), "nothing changed");
        // Stored text that does not read, as a scenario file may hold.
        s.availability.system = Some("lb".to_owned());
        assert!(Setting::AvailabilitySystem.check(&s).is_err());
    }
}
