//! Colours, text styles and the SVG post-processing that makes the charts
//! follow the page's colour scheme.

use std::ops::Range;

use envelope_core::text::is_hidden_control;
use envelope_core::{decimal, format};

use crate::axis::Axis;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The sentinel colour for text and axes; [`finish`] turns it into
/// `currentColor`. No series colour may equal it.
pub(crate) const INK: RGBColor = RGBColor(0x01, 0x02, 0x03);
/// Grid lines: the ink at low opacity.
pub(crate) const GRID_OPACITY: f64 = 0.15;

/// Mid-tone series colours, readable on white and on near-black.
pub(crate) const BLUE: RGBColor = RGBColor(0x3A, 0x86, 0xD6);
/// Second series colour.
pub(crate) const ORANGE: RGBColor = RGBColor(0xD6, 0x6D, 0x0F);
/// Third series colour.
pub(crate) const TEAL: RGBColor = RGBColor(0x1F, 0x9E, 0x89);
/// Reference lines (peak).
pub(crate) const RED: RGBColor = RGBColor(0xD9, 0x4A, 0x4A);

/// Sentinels for dashed lines: plotters draws a dashed line as one
/// `<polyline>` per dash, so these are drawn solid and [`finish`] adds a
/// `stroke-dasharray`. Dashed ink:
pub(crate) const DASHED_INK: RGBColor = RGBColor(0x01, 0x02, 0x04);
/// Dashed [`RED`].
pub(crate) const DASHED_RED: RGBColor = RGBColor(0xD9, 0x4A, 0x4B);
/// What the sentinels become.
const REPLACEMENTS: [(&str, &str); 3] = [
    ("=\"#010203\"", "=\"currentColor\""),
    (
        "stroke=\"#010204\"",
        "stroke=\"currentColor\" stroke-dasharray=\"6 4\"",
    ),
    (
        "stroke=\"#D94A4B\"",
        "stroke=\"#D94A4A\" stroke-dasharray=\"6 4\"",
    ),
];

/// The one font family: no fonts are loaded, the viewer picks one.
pub(crate) const FONT: &str = "sans-serif";

/// [`FONT`] as plotters names it. Not `FONT` itself: plotters reads a family
/// given as text with `to_lowercase`, which would put Unicode's case tables
/// (7 KB brotli) in the web app.
const FAMILY: FontFamily<'static> = FontFamily::SansSerif;

/// Plotters writes `font-size` as the size it is given divided by 1.24.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// Failures inside plotters, as text (the SVG backend writes to a `String`,
/// so in practice there are none).
pub(crate) type DrawResult<T> = Result<T, String>;

/// Turns a plotters error into a [`DrawResult`] error. The backend's own
/// error is named, not formatted: it is an `io::Error` that the SVG writer
/// never returns, and formatting it would bring std's table of I/O error
/// texts into the page (0.4 KB brotli).
pub(crate) fn failed<E: std::error::Error + Send + Sync>(error: DrawingAreaErrorKind<E>) -> String {
    match error {
        DrawingAreaErrorKind::BackendError(_) => "the SVG writer failed",
        DrawingAreaErrorKind::SharingError => "the drawing was in use elsewhere",
        DrawingAreaErrorKind::LayoutError => "the chart's layout did not fit",
    }
    .to_owned()
}

/// A text style of `px` pixels in the ink colour with `opacity`, anchored at
/// `h`, `v`.
pub(crate) fn text(px: f64, opacity: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(FAMILY, px * PLOTTERS_FONT_SCALE, FontStyle::Normal),
        color: INK.mix(opacity).to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// A bold text style, for titles.
pub(crate) fn bold(px: f64) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(FAMILY, px * PLOTTERS_FONT_SCALE, FontStyle::Bold),
        color: INK.to_backend_color(),
        pos: Pos::new(HPos::Left, VPos::Center),
    }
}

/// A rough width of `text` at `px` pixels: the layout never asks plotters
/// (which on wasm32 would ask the DOM).
pub(crate) fn text_width(text: &str, px: f64) -> i32 {
    (text.chars().count() as f64 * px * 0.6).ceil() as i32
}

/// Height of the header band holding the title and the legend.
pub(crate) const HEADER: u32 = 52;
/// Left edge of the title and legend.
pub(crate) const INSET: i32 = 12;

/// Height of one more row of legend entries, when they do not fit in one.
const LEGEND_ROW: u32 = 18;

/// Where each legend entry goes: `(x, row)`, wrapping onto a new row at
/// the chart's right edge (a narrow chart, as on a phone).
fn legend_places(width: u32, legend: &[(&str, RGBColor)]) -> Vec<(i32, u32)> {
    let right = i32::try_from(width).unwrap_or(i32::MAX) - INSET;
    let mut x = INSET;
    let mut row = 0;
    legend
        .iter()
        .map(|(label, _)| {
            let entry = 18 + text_width(label, 12.0);
            if x > INSET && x + entry > right {
                x = INSET;
                row += 1;
            }
            let place = (x, row);
            x += entry + 20;
            place
        })
        .collect()
}

/// The header band's height for `legend` on a chart `width` pixels wide:
/// [`HEADER`], and [`LEGEND_ROW`] more for each row the legend wraps onto.
pub(crate) fn header_height(width: u32, legend: &[(&str, RGBColor)]) -> u32 {
    let rows = legend_places(width, legend).last().map_or(0, |p| p.1);
    HEADER + rows * LEGEND_ROW
}

/// Draws the chart's title and the legend in the header band; returns the
/// band's height ([`header_height`]).
pub(crate) fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    legend: &[(&str, RGBColor)],
) -> DrawResult<u32> {
    root.draw(&Text::new(title.to_owned(), (INSET, 16), bold(15.0)))
        .map_err(failed)?;
    let width = root.dim_in_pixel().0;
    for ((label, color), (x, row)) in legend.iter().zip(legend_places(width, legend)) {
        let y = 38 + (row * LEGEND_ROW) as i32;
        root.draw(&Rectangle::new(
            [(x, y - 6), (x + 12, y + 6)],
            color.filled(),
        ))
        .map_err(failed)?;
        root.draw(&Text::new(
            (*label).to_owned(),
            (x + 18, y),
            text(12.0, 1.0, HPos::Left, VPos::Center),
        ))
        .map_err(failed)?;
    }
    Ok(header_height(width, legend))
}

/// The chart type every chart here uses: plain `f64` axes ([`Axis`]).
pub(crate) type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Height of the band under a plot that holds one line of [`footnote`].
pub(crate) const FOOTER: u32 = 22;
/// Height of each further line of a footnote that wraps.
const FOOTNOTE_LINE: u32 = 14;

/// `note` in lines that fit a chart `width` pixels wide, broken at spaces.
fn footnote_lines(note: &str, width: u32) -> Vec<String> {
    let room = i32::try_from(width).unwrap_or(i32::MAX) - 2 * INSET;
    let mut lines: Vec<String> = Vec::new();
    for word in note.split(' ') {
        match lines.last_mut() {
            Some(line) if text_width(&[line.as_str(), " ", word].concat(), 11.0) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// The band a [`footnote`] of `note` takes under a plot `width` pixels
/// wide: [`FOOTER`] for one line, more when it wraps.
pub(crate) fn footer_height(note: &str, width: u32) -> u32 {
    let lines = footnote_lines(note, width).len().max(1) as u32;
    FOOTER + (lines - 1) * FOOTNOTE_LINE
}

/// Room right of a plot, for the last x tick label.
pub(crate) const RIGHT_MARGIN: u32 = 24;
/// Room under a plot for the x tick labels and description.
pub(crate) const X_LABEL_AREA: u32 = 42;

/// A [`Plot`] on `area` spanning `x` and `y`, with `top` pixels above it,
/// `y_label_area` left of it for the y tick labels, and the shared
/// [`RIGHT_MARGIN`] and [`X_LABEL_AREA`].
pub(crate) fn plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    top: u32,
    y_label_area: u32,
    x: Range<f64>,
    y: Range<f64>,
) -> DrawResult<Plot<'a, DB>> {
    ChartBuilder::on(area)
        .margin_top(top)
        .margin_right(RIGHT_MARGIN)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(Axis::from(x), Axis::from(y))
        .map_err(failed)
}

/// The small print in the band under a plot ([`footer_height`] tall),
/// wrapped to its width.
pub(crate) fn footnote<DB: DrawingBackend>(
    foot: &DrawingArea<DB, Shift>,
    note: &str,
) -> DrawResult<()> {
    let width = foot.dim_in_pixel().0;
    for (i, line) in footnote_lines(note, width).into_iter().enumerate() {
        foot.draw(&Text::new(
            line,
            (INSET, 10 + (i as u32 * FOOTNOTE_LINE) as i32),
            text(11.0, 0.75, HPos::Left, VPos::Center),
        ))
        .map_err(failed)?;
    }
    Ok(())
}

/// A tick label: a plain number, free of floating-point noise.
pub(crate) fn tick(value: f64) -> String {
    let value = decimal::parse(&format!("{:.6e}", decimal::Decimal(value))).unwrap_or(value);
    // -0 prints as "-0"; nobody wants that on an axis.
    format::number(if value == 0.0 { 0.0 } else { value })
}

/// Axes, tick labels and grid in the ink colour, with axis descriptions.
/// `y_labels == 0` hides the y ticks and horizontal grid (bar charts label
/// their rows themselves).
pub(crate) fn mesh<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    x: (&str, usize),
    y: (&str, usize),
) -> DrawResult<()> {
    mesh_with(chart, x, y, &|v: &f64| tick(*v))
}

/// [`mesh`] with x tick labels written by `x_fmt` (values with units, for
/// instance).
pub(crate) fn mesh_with<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    (x_desc, x_labels): (&str, usize),
    (y_desc, y_labels): (&str, usize),
    x_fmt: &dyn Fn(&f64) -> String,
) -> DrawResult<()> {
    let fmt = |v: &f64| tick(*v);
    let mut mesh = chart.configure_mesh();
    mesh.axis_style(INK.mix(0.6))
        .bold_line_style(INK.mix(GRID_OPACITY))
        .light_line_style(TRANSPARENT)
        .label_style(text(12.0, 0.85, HPos::Center, VPos::Center))
        .axis_desc_style(text(13.0, 1.0, HPos::Center, VPos::Center))
        .x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(x_fmt)
        .y_label_formatter(&fmt)
        .x_desc(x_desc)
        .y_desc(y_desc);
    if y_labels == 0 {
        mesh.disable_y_mesh();
    }
    mesh.draw().map_err(failed)
}

/// The text people see for a class name from an untrusted source: control
/// and text-direction characters ([`is_hidden_control`]) and XML-invalid
/// characters become spaces, and names over 24
/// characters are cut with `…`. (Plotters escapes `<`, `&` and quotes.)
pub(crate) fn display_name(name: &str) -> String {
    const MAX: usize = 24;
    let clean = plain_text(name);
    if clean.chars().count() <= MAX {
        return clean;
    }
    let cut: String = clean.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

/// [`display_name`] with a longer cut (80 characters): for labels the core
/// writes (figure and field labels, `Request class 2 bytes out`).
pub(crate) fn plain_text(name: &str) -> String {
    const MAX: usize = 80;
    let clean: String = name
        .chars()
        .map(|c| {
            if is_hidden_control(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return "(unnamed)".to_owned();
    }
    if clean.chars().count() <= MAX {
        return clean.to_owned();
    }
    let cut: String = clean.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

/// Escapes text for an XML attribute value or element content; control and
/// text-direction characters but tabs and line breaks become spaces.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_hidden_control(c) && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The opening tag plotters writes, for [`empty_svg`] to imitate.
fn plotters_header(size: (u32, u32)) -> String {
    let (w, h) = size;
    format!("<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n")
}

/// A chart with nothing to show: the title, a dashed frame and the reason.
/// Written by hand, so it cannot fail.
pub(crate) fn empty_svg(title: &str, reason: &str, size: (u32, u32)) -> String {
    let (w, h) = size;
    let (cx, cy) = (w / 2, (h + HEADER) / 2);
    let mut svg = plotters_header(size);
    svg.push_str(&format!(
        "<text x=\"{INSET}\" y=\"16\" dy=\"0.5ex\" font-size=\"15\" font-weight=\"bold\" fill=\"#010203\">{}</text>\n",
        escape(title)
    ));
    svg.push_str(&format!(
        "<rect x=\"{INSET}\" y=\"{HEADER}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#010203\" opacity=\"0.3\" stroke-dasharray=\"4 4\"/>\n",
        w.saturating_sub(2 * INSET as u32),
        h.saturating_sub(HEADER + INSET as u32),
    ));
    svg.push_str(&format!(
        "<text x=\"{cx}\" y=\"{cy}\" text-anchor=\"middle\" font-size=\"15\" fill=\"#010203\">No data to chart</text>\n"
    ));
    svg.push_str(&format!(
        "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#010203\" opacity=\"0.75\">{}</text>\n",
        cy + 22,
        escape(reason)
    ));
    svg.push_str("</svg>\n");
    svg
}

/// Rewrites plotters' SVG: a responsive, accessible root element, ink in
/// `currentColor`, and a colour for the SVG when it is a document of its own.
pub(crate) fn finish(svg: &str, size: (u32, u32), title: &str, alt: &str) -> String {
    let (w, h) = size;
    // Plotters' first line is its `<svg ...>` tag; everything after is ours.
    let body = match svg.split_once('\n') {
        Some((first, rest)) if first.starts_with("<svg") => rest,
        _ => svg,
    };
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{}\" font-family=\"{FONT}\">\n",
        escape(alt)
    ));
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    // Only matches when the <svg> is the root of its own document (a file,
    // an <img>); inlined in HTML the root is <html>, so the page's colour wins.
    out.push_str(
        "<style>svg:root{color:#1f2328}\
         @media (prefers-color-scheme:dark){svg:root{color:#e6edf3}}</style>\n",
    );
    // Every user-supplied string in the body is escaped, so `"` only occurs
    // in attribute syntax: these replacements cannot touch user text.
    let mut body = body.to_owned();
    for (sentinel, colour) in REPLACEMENTS {
        body = body.replace(sentinel, colour);
    }
    let body = body
        .replace(" opacity=\"1\"", "")
        .replace(&format!(" font-family=\"{FONT}\""), "");
    out.push_str(&tidy_font_sizes(&body));
    out
}

/// Rounds `font-size="15.000000000000002"` (plotters divides by 1.24) to two
/// decimals.
fn tidy_font_sizes(svg: &str) -> String {
    const ATTR: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(ATTR) {
        let (before, after) = rest.split_at(at + ATTR.len());
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        let (value, tail) = after.split_at(end);
        match decimal::parse(value) {
            Some(size) => {
                out.push_str(&decimal::Decimal((size * 100.0).round() / 100.0).to_string())
            }
            None => out.push_str(value),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// [`finish`]'s output with a fixed pixel size instead of `width="100%"`.
pub(crate) fn fixed_size(svg: &str) -> String {
    let Some((first, rest)) = svg.split_once('\n') else {
        return svg.to_owned();
    };
    let size = first
        .split_once("viewBox=\"0 0 ")
        .and_then(|(_, after)| after.split_once('"'))
        .and_then(|(dims, _)| dims.split_once(' '))
        .map(|(w, h)| (w.to_owned(), h.to_owned()));
    match size {
        Some((w, h)) if first.contains(" width=\"100%\"") => {
            let first = first.replacen(
                " width=\"100%\"",
                &format!(" width=\"{w}\" height=\"{h}\""),
                1,
            );
            format!("{first}\n{rest}")
        }
        _ => svg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_cut() {
        assert_eq!(display_name("upload photo"), "upload photo");
        assert_eq!(display_name("  \u{0}\u{7} "), "(unnamed)");
        assert_eq!(display_name("a\u{0}b"), "a b");
        let long = "x".repeat(40);
        assert_eq!(display_name(&long), format!("{}…", "x".repeat(24)));
        assert_eq!(display_name(&"é".repeat(30)).chars().count(), 25);
        assert_eq!(
            plain_text("Request class 2 bytes out"),
            "Request class 2 bytes out"
        );
        assert_eq!(plain_text(&"y".repeat(100)).chars().count(), 81);
    }

    #[test]
    fn font_sizes_are_rounded() {
        assert_eq!(
            tidy_font_sizes(r#"<text font-size="15.000000000000002">a</text><text font-size="x">"#),
            r#"<text font-size="15">a</text><text font-size="x">"#
        );
        assert_eq!(tidy_font_sizes("font-size=\"12"), "font-size=\"12");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{1}b"), "a b");
        assert_eq!(escape("a\u{202e}b\u{9b}c"), "a b c");
    }

    #[test]
    fn sentinel_colour_is_what_plotters_writes() {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, (100, 100)).into_drawing_area();
            root.draw(&Text::new(
                "x",
                (1, 1),
                text(12.0, 1.0, HPos::Left, VPos::Top),
            ))
            .unwrap();
            root.present().unwrap();
        }
        assert!(buf.contains(REPLACEMENTS[0].0), "{buf}");
        let done = finish(&buf, (100, 100), "t", "a");
        assert!(!done.contains("#010203"));
    }

    #[test]
    fn fixed_size_rewrites_only_the_root() {
        let svg = finish(&empty_svg("T", "why", (300, 200)), (300, 200), "T", "alt");
        let fixed = fixed_size(&svg);
        assert!(fixed.starts_with("<svg"));
        assert!(fixed
            .lines()
            .next()
            .unwrap()
            .contains(r#"width="300" height="200""#));
        assert!(!fixed.contains("100%"));
    }
}
