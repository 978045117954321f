//! Fixtures and checks the unit tests of several chart modules share.

use envelope_core::presets::preset_scenario;
use envelope_core::uncertainty::{simulate_seeded, Simulation};
use envelope_core::{estimate, fields, Report, Scenario};

/// The photo-uploads preset's report with `users` daily users.
pub(crate) fn photo_report(users: f64) -> Report {
    let mut s = preset_scenario("photo-uploads").expect("a preset");
    fields::set_scenario_field(&mut s, "dau", &users.to_string()).expect("users");
    estimate(&s).expect("a report")
}

/// Daily users from 1 M to 10 M and the second class's responses from
/// 90 KB to 110 KB.
pub(crate) fn simulation() -> Simulation {
    let mut s = Scenario::default();
    fields::set_scenario_field(&mut s, "dau", "1M..10M").unwrap();
    fields::set_class_field(&mut s, 1, "out", "90KB..110KB").unwrap();
    simulate_seeded(&s).unwrap()
}

/// Rectangles filled with `color`, less the legend's swatch.
pub(crate) fn bars(svg: &str, color: &str) -> usize {
    svg.split("<rect")
        .skip(1)
        .filter_map(|r| r.split('>').next())
        .filter(|r| r.contains(&format!("fill=\"{color}\"")))
        .count()
        .saturating_sub(1)
}

/// Well-formed enough: one root, balanced `<text>`, no leftover sentinels,
/// no NaN or infinity.
pub(crate) fn assert_valid_svg(svg: &str) {
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"), "{svg}");
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(!svg.contains("#010203") && !svg.contains("#010204"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
}
