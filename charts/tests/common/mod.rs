//! Helpers the integration tests share.
//!
//! Set `ENVELOPE_CHARTS_DUMP=dir` to also write the SVGs there for a look.

use envelope_charts::Chart;

/// Writes `chart` as `{name}.svg` to `$ENVELOPE_CHARTS_DUMP`, when set.
pub fn dump(name: &str, chart: &Chart) {
    if let Some(dir) = std::env::var_os("ENVELOPE_CHARTS_DUMP") {
        let path = std::path::Path::new(&dir).join(format!("{name}.svg"));
        std::fs::write(path, chart.standalone()).expect("writable dump directory");
    }
}

/// Structural checks every chart must pass, at any size: one `<svg>` root,
/// an image for screen readers with alt text, balanced `<text>`, no
/// leftover sentinel colour.
pub fn check_structure(chart: &Chart) {
    let svg = &chart.svg;
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(r#"role="img""#));
    assert!(!svg.contains("#010203"));
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(!chart.alt.is_empty());
}
