//! # envelope-charts
//!
//! Envelope's charts, drawn with [plotters] as SVG text from an
//! [`envelope_core::Report`]. The web app inlines the SVG in the page and the
//! CLI (`envelope chart KIND INPUT -o file.svg`) writes it to a file; neither
//! draws anything itself.
//!
//! Charts only display what the report's [`envelope_core::Series`] holds: the
//! only arithmetic here is choosing axis units (`PB`, `k`) and summaries for
//! the text alternative (largest value, share of a total).
//!
//! ```
//! use envelope_charts::{render, ChartKind, DEFAULT_SIZE};
//! use envelope_core::{Bound, Conventions, Report, Series, Sizing, StoragePoint, REPORT_VERSION};
//!
//! let year = 365.0;
//! let report = Report {
//!     version: REPORT_VERSION,
//!     name: "photos".into(),
//!     conventions: Conventions::default(),
//!     sections: vec![],
//!     server_bound: Bound::Requests,
//!     sizing: Sizing::default(),
//!     series: Series {
//!         storage_growth: (0..=5)
//!             .map(|y| StoragePoint {
//!                 day: y as f64 * year,
//!                 stored_bytes: y as f64 * 1.64e15,
//!                 replicated_bytes: y as f64 * 3.0 * 1.64e15,
//!             })
//!             .collect(),
//!         ..Series::default()
//!     },
//! };
//!
//! let chart = render(ChartKind::StorageGrowth, &report, DEFAULT_SIZE);
//! assert!(chart.svg.starts_with("<svg"));
//! assert!(chart.svg.contains("Stored (PB)"));
//! assert!(chart.alt.starts_with("Storage grows from"));
//! // A file for the CLI: the same drawing with a fixed pixel size.
//! let file = chart.standalone();
//! assert!(file.contains(r#"width="640""#));
//! ```
//!
//! ## Monte Carlo charts
//!
//! Outside [`ChartKind`], two charts draw what
//! [`envelope_core::uncertainty::simulate`] found for one headline figure:
//! [`histogram_chart`] (its samples in bins, the 5th, 50th and 95th
//! percentiles marked) and [`tornado_chart`] (how far each ranged input
//! moves it, widest first). Their x axes carry the figure's unit on every
//! tick (`2.5 k req/s`, `3 TB`).
//!
//! ## Light and dark pages
//!
//! Text, axes and grid lines are drawn in `currentColor` (the grid at 15%
//! opacity), and nothing paints a background. An SVG inlined in HTML takes
//! the `color` of its parent element, so the charts follow the page's text
//! colour in both schemes with no script. Plotters cannot write
//! `currentColor` itself, so they are drawn in a sentinel colour that no
//! series uses and the SVG text is rewritten afterwards. Series colours are
//! mid-tones that read on white and on near-black.
//!
//! An SVG opened on its own (a file from the CLI, an `<img>`) has no parent;
//! for that case the SVG carries a `svg:root { color: ... }` rule with a
//! `prefers-color-scheme: dark` variant. The selector only matches when the
//! `<svg>` is the document's root element, so it does nothing when inlined.
//!
//! ## Size
//!
//! [`render`] lays the chart out on a `size` pixel grid (fonts are 11 to
//! 15 px of that grid) and writes `viewBox="0 0 W H"` with `width="100%"`
//! and no `height`: inlined, the chart fills its container's width and the
//! browser derives the height from the viewBox's aspect ratio
//! (`preserveAspectRatio="xMidYMid meet"`). Cap it with CSS on the container
//! (`max-width: 48rem`) if needed. [`Chart::standalone`] writes a fixed
//! `width="W" height="H"` instead, for files.
//!
//! ## Text
//!
//! No fonts are loaded: `<text>` elements name the `sans-serif` family and
//! the viewer picks the font. Plotters escapes `<`, `>`, `&`, `"` and `'` in
//! text it writes; class names (which come from share links) also lose
//! control and text-direction characters and are cut to 24 characters plus
//! `…`. The layout never
//! asks plotters to measure text (no plotters titles or legends), so the
//! output is the same on every target: on `wasm32` plotters would otherwise
//! measure text through the browser's DOM.
#![deny(missing_docs)]

mod axis;
mod classes;
mod curve;
mod histogram;
mod nines;
pub mod patch;
mod scale;
mod storage;
mod style;
#[cfg(test)]
mod test_support;
mod tornado;
mod traffic;

use envelope_core::Report;

pub use curve::{bloom_chart, p99_chart, CurveMark, BLOOM_TITLE, P99_TITLE};
pub use histogram::histogram_chart;
pub use nines::{nines_chart, NINES_TITLE};
pub use tornado::tornado_chart;

/// The pixel grid the web app and the CLI use unless told otherwise.
pub const DEFAULT_SIZE: (u32, u32) = (640, 360);

/// The smallest pixel grid a chart is laid out on: [`render`] clamps a
/// smaller `size` up to it.
pub const MIN_SIZE: (u32, u32) = (240, 160);

/// The largest pixel grid a chart is laid out on: [`render`] clamps a larger
/// `size` down to it.
pub const MAX_SIZE: (u32, u32) = (4096, 4096);

/// Which chart to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Stored bytes, one copy and replicated, over the retention period.
    StorageGrowth,
    /// Reads and writes per second over an illustrative day.
    DailyTraffic,
    /// Bytes stored per day by request class.
    StorageByClass,
    /// Ingress and egress bytes per day by request class.
    BandwidthByClass,
}

impl ChartKind {
    /// Every chart, in the order the app shows them.
    pub const ALL: [ChartKind; 4] = [
        ChartKind::StorageGrowth,
        ChartKind::DailyTraffic,
        ChartKind::StorageByClass,
        ChartKind::BandwidthByClass,
    ];

    /// The stable name the CLI and URLs use: `storage-growth`,
    /// `daily-traffic`, `storage-by-class`, `bandwidth-by-class`.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::StorageGrowth => "storage-growth",
            ChartKind::DailyTraffic => "daily-traffic",
            ChartKind::StorageByClass => "storage-by-class",
            ChartKind::BandwidthByClass => "bandwidth-by-class",
        }
    }

    /// A heading for people.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::StorageGrowth => "Storage growth",
            ChartKind::DailyTraffic => "Traffic over a day",
            ChartKind::StorageByClass => "Storage per day by request class",
            ChartKind::BandwidthByClass => "Bandwidth per day by request class",
        }
    }

    /// The kind with this [`ChartKind::name`].
    ///
    /// ```
    /// use envelope_charts::ChartKind;
    /// for kind in ChartKind::ALL {
    ///     assert_eq!(ChartKind::from_name(kind.name()), Some(kind));
    /// }
    /// assert_eq!(ChartKind::from_name("pie"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for ChartKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A drawn chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    /// A complete `<svg>` element, responsive (`width="100%"` and a
    /// `viewBox`), with `role="img"` and [`Chart::alt`] as its `aria-label`.
    pub svg: String,
    /// The chart's data in words, for screen readers and `alt` attributes.
    pub alt: String,
}

impl Chart {
    /// The SVG with a fixed `width` and `height` in pixels (the `size` given
    /// to [`render`]) in place of `width="100%"`: what a file should hold,
    /// so that image viewers show it at its natural size.
    pub fn standalone(&self) -> String {
        style::fixed_size(&self.svg)
    }
}

/// Draws one chart of `report` on a `size` pixel grid (clamped to
/// [`MIN_SIZE`] through [`MAX_SIZE`], 240x160 through 4096x4096).
///
/// Never panics: a chart without data (an empty series, all zeros, only NaN
/// or infinite values) is a valid SVG that says "No data to chart".
pub fn render(kind: ChartKind, report: &Report, size: (u32, u32)) -> Chart {
    let size = clamp_size(size);
    let drawn = match kind {
        ChartKind::StorageGrowth => storage::draw(report, size),
        ChartKind::DailyTraffic => traffic::draw(report, size),
        ChartKind::StorageByClass => classes::draw_storage(report, size),
        ChartKind::BandwidthByClass => classes::draw_bandwidth(report, size),
    };
    finish_drawn(kind.title(), size, drawn)
}

/// A pixel grid clamped to [`MIN_SIZE`] through [`MAX_SIZE`].
pub(crate) fn clamp_size(size: (u32, u32)) -> (u32, u32) {
    (
        size.0.clamp(MIN_SIZE.0, MAX_SIZE.0),
        size.1.clamp(MIN_SIZE.1, MAX_SIZE.1),
    )
}

/// What a chart module produced.
pub(crate) enum Drawn {
    /// Plotters' SVG and the text alternative.
    Chart { svg: String, alt: String },
    /// Nothing to draw, and why (a sentence).
    Empty { reason: String },
}

/// A "No data" drawing titled `title`, and its alt text.
pub(crate) fn empty_titled(title: &str, size: (u32, u32), reason: &str) -> (String, String) {
    let alt = format!("{title}: no data to chart. {reason}");
    let svg = style::empty_svg(title, reason, size);
    (svg, alt)
}

/// Turns a [`Drawn`] (or a failure) titled `title` into a [`Chart`]: what
/// the charts outside [`ChartKind`] share with [`render`].
pub(crate) fn finish_drawn(
    title: &str,
    size: (u32, u32),
    drawn: style::DrawResult<Drawn>,
) -> Chart {
    let (body, alt) = match drawn {
        Ok(Drawn::Chart { svg, alt }) => (svg, alt),
        Ok(Drawn::Empty { reason }) => empty_titled(title, size, &reason),
        Err(error) => empty_titled(
            title,
            size,
            &format!("The chart could not be drawn ({error})."),
        ),
    };
    Chart {
        svg: style::finish(&body, size, title, &alt),
        alt,
    }
}
