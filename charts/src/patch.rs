//! What changed between two drawings of a chart, so that a page showing the
//! old one can update it in place.
//!
//! Why: replacing a chart's `innerHTML` on every keystroke makes the browser
//! parse, style and lay out all of its ~120 nodes again. While someone types,
//! a chart usually keeps its shape (the same elements in the same order) and
//! only coordinates and labels move, so setting just the attributes and texts
//! that differ is much cheaper. Where the shape changes (an axis gains a
//! tick) the elements of the longest common run of shapes are kept and
//! edited, and only the others are removed or inserted.
//!
//! This reads the SVG this crate writes (plotters' SVG backend): a root
//! `<svg>` whose children are elements with double-quoted attributes and at
//! most text inside, with whitespace between them. Anything else (comments,
//! nesting, an unknown entity in a value that changes) is "not patchable"
//! (replace the whole drawing), never an error.
//!
//! The whitespace after a child belongs to it: it is removed and inserted
//! with the child, and children are kept only where it is the same, so the
//! page's text nodes end up exactly as parsing the new drawing gives them.

use std::borrow::Cow;

/// How to turn the old drawing into the new one in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Patch {
    /// How many element children the old drawing's root `<svg>` has: a page
    /// checks that what it shows still has them before editing.
    pub children: usize,
    /// The changes, root first, then children in document order.
    pub edits: Vec<Edit>,
}

/// One change of a [`Patch`]. Values are unescaped: ready for
/// `setAttribute` and `textContent`.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Set attribute `name` of the root `<svg>` element to `value`.
    RootAttribute {
        /// The attribute's name.
        name: String,
        /// Its new value.
        value: String,
    },
    /// Set attribute `name` of the root's `child`th element child.
    Attribute {
        /// The child's index among the root's element children.
        child: usize,
        /// The attribute's name.
        name: String,
        /// Its new value.
        value: String,
    },
    /// Replace the text inside the root's `child`th element child.
    Text {
        /// The child's index among the root's element children.
        child: usize,
        /// The new text.
        text: String,
    },
    /// Remove the root's `child`th element child and the whitespace text
    /// after it.
    Remove {
        /// The child's index among the root's element children.
        child: usize,
    },
    /// Insert `markup`, one SVG element and the whitespace after it, as the
    /// root's `child`th element child (after the last one when `child` is
    /// their count).
    Insert {
        /// The index the new element gets among the root's element children.
        child: usize,
        /// The element and the whitespace after it, as SVG markup.
        markup: String,
    },
}

/// The edits that turn drawing `old` into drawing `new`, or `None` when
/// either is not SVG as this crate writes it or their roots differ in shape
/// (other attribute names): then replace the whole drawing.
///
/// Child indices in the edits refer to the drawing as the edits before them
/// left it: apply them in order. Children are matched by shape (name,
/// attribute names, text or not, whitespace after) along the longest common
/// subsequence.
///
/// ```
/// use envelope_charts::patch::{patch, Edit};
///
/// let old = r#"<svg viewBox="0 0 10 10"><line x1="1" y1="2"/><text x="3">1 PB</text></svg>"#;
/// let new = r#"<svg viewBox="0 0 10 10"><line x1="1" y1="5"/><text x="3">2 &amp; 3</text></svg>"#;
/// let p = patch(old, new).expect("same shape");
/// assert_eq!(p.children, 2);
/// assert_eq!(
///     p.edits,
///     [
///         Edit::Attribute { child: 0, name: "y1".into(), value: "5".into() },
///         Edit::Text { child: 1, text: "2 & 3".into() },
///     ]
/// );
/// // A root with other attributes: replace the whole drawing.
/// assert_eq!(patch(old, r#"<svg><line x1="1" y1="2"/></svg>"#), None);
/// ```
pub fn patch(old: &str, new: &str) -> Option<Patch> {
    let (old, new) = (parse(old)?, parse(new)?);
    if !same_shape(&old.root, &new.root) {
        return None;
    }
    let mut edits = Vec::new();
    for ((name, was), (_, now)) in old.root.attributes.iter().zip(&new.root.attributes) {
        if was != now {
            edits.push(Edit::RootAttribute {
                name: (*name).to_owned(),
                value: unescape(now)?.into_owned(),
            });
        }
    }
    let mut child = 0;
    for step in align(&old.children, &new.children) {
        let (a, b) = match step {
            Step::Remove => {
                edits.push(Edit::Remove { child });
                continue;
            }
            Step::Insert(b) => {
                let markup = new.children[b].markup.to_owned();
                edits.push(Edit::Insert { child, markup });
                child += 1;
                continue;
            }
            Step::Keep(a, b) => (&old.children[a], &new.children[b]),
        };
        for ((name, was), (_, now)) in a.attributes.iter().zip(&b.attributes) {
            if was != now {
                edits.push(Edit::Attribute {
                    child,
                    name: (*name).to_owned(),
                    value: unescape(now)?.into_owned(),
                });
            }
        }
        if let (Some(was), Some(now)) = (a.text, b.text) {
            if was != now {
                edits.push(Edit::Text {
                    child,
                    text: unescape(now)?.into_owned(),
                });
            }
        }
        child += 1;
    }
    Some(Patch {
        children: old.children.len(),
        edits,
    })
}

/// One step from the old children to the new.
enum Step {
    /// Drop the next old child.
    Remove,
    /// Insert this new child.
    Insert(usize),
    /// Keep this old child as this new one (same shape).
    Keep(usize, usize),
}

/// The steps that keep the longest common subsequence of shapes (a chart
/// has under a hundred children, so the quadratic table is small).
fn align(old: &[Element], new: &[Element]) -> Vec<Step> {
    let (n, m) = (old.len(), new.len());
    // longest[i][j]: the longest common run of old[i..] and new[j..].
    let mut longest = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            longest[i][j] = if same_shape(&old[i], &new[j]) {
                longest[i + 1][j + 1] + 1
            } else {
                longest[i + 1][j].max(longest[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::with_capacity(n.max(m));
    while i < n || j < m {
        if i < n && j < m && same_shape(&old[i], &new[j]) {
            steps.push(Step::Keep(i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || longest[i][j + 1] >= longest[i + 1][j]) {
            steps.push(Step::Insert(j));
            j += 1;
        } else {
            steps.push(Step::Remove);
            i += 1;
        }
    }
    steps
}

/// An element as written: its name, its attributes (raw, still escaped) in
/// order, the raw text inside it unless it is self-closing, the whitespace
/// after it (after the root's start tag, for the root), and its whole markup
/// with that whitespace.
#[derive(Debug, PartialEq)]
struct Element<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, &'a str)>,
    text: Option<&'a str>,
    trailing: &'a str,
    markup: &'a str,
}

#[derive(Debug, PartialEq)]
struct Drawing<'a> {
    root: Element<'a>,
    children: Vec<Element<'a>>,
}

/// Same element name, same attribute names in the same order, text in both
/// or neither, and the same whitespace after.
fn same_shape(a: &Element, b: &Element) -> bool {
    a.name == b.name
        && a.text.is_some() == b.text.is_some()
        && a.trailing == b.trailing
        && a.attributes.len() == b.attributes.len()
        && a.attributes
            .iter()
            .zip(&b.attributes)
            .all(|(x, y)| x.0 == y.0)
}

fn parse(svg: &str) -> Option<Drawing<'_>> {
    let (mut root, mut rest, closed) = open_tag(svg.trim_start())?;
    if root.name != "svg" || closed {
        return None;
    }
    (root.trailing, rest) = split_whitespace(rest);
    let mut children = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix("</svg>") {
            return after
                .trim()
                .is_empty()
                .then_some(Drawing { root, children });
        }
        let start = rest;
        let (mut element, after, closed) = open_tag(rest)?;
        rest = after;
        if !closed {
            let end = rest.find('<')?;
            element.text = Some(&rest[..end]);
            rest = rest[end..]
                .strip_prefix("</")?
                .strip_prefix(element.name)?
                .strip_prefix('>')?;
        }
        (element.trailing, rest) = split_whitespace(rest);
        element.markup = &start[..start.len() - rest.len()];
        children.push(element);
    }
}

/// The whitespace at the start of `s`, and the rest.
fn split_whitespace(s: &str) -> (&str, &str) {
    s.split_at(s.len() - s.trim_start().len())
}

/// Reads `<name attr="value" ...>` or `.../>` at the start of `s`: the
/// element, what follows it, and whether it closed itself.
fn open_tag(s: &str) -> Option<(Element<'_>, &str, bool)> {
    let s = s.strip_prefix('<')?;
    let name_end = s.find(|c: char| !is_name_char(c))?;
    let name = &s[..name_end];
    if name.is_empty() {
        return None;
    }
    let mut rest = &s[name_end..];
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        for (end, closed) in [("/>", true), (">", false)] {
            if let Some(after) = rest.strip_prefix(end) {
                let element = Element {
                    name,
                    attributes,
                    text: None,
                    trailing: "",
                    markup: "",
                };
                return Some((element, after, closed));
            }
        }
        let name_end = rest.find(|c: char| !is_name_char(c))?;
        let attribute = &rest[..name_end];
        if attribute.is_empty() {
            return None;
        }
        rest = rest[name_end..].trim_start().strip_prefix('=')?;
        rest = rest.trim_start().strip_prefix('"')?;
        let close = rest.find('"')?;
        attributes.push((attribute, &rest[..close]));
        rest = &rest[close + 1..];
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_' | '.')
}

/// `text` with XML's five named entities and numeric references replaced;
/// `None` for anything else after an `&`, and for references a browser
/// would read otherwise.
fn unescape(text: &str) -> Option<Cow<'_, str>> {
    if !text.contains('&') {
        return Some(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';')? + at;
        let entity = &rest[at + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let (digits, radix) = match entity.strip_prefix("#x").or(entity.strip_prefix("#X"))
                {
                    Some(hex) => (hex, 16),
                    None => (entity.strip_prefix('#')?, 10),
                };
                // Digits only (from_str_radix takes a sign), and none of the
                // codes an HTML parser maps to something else (NUL, C1).
                if !digits.chars().all(|c| c.is_digit(radix)) {
                    return None;
                }
                let code = u32::from_str_radix(digits, radix).ok()?;
                if code == 0 || (0x80..=0x9F).contains(&code) {
                    return None;
                }
                char::from_u32(code)?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::photo_report;
    use crate::{render, ChartKind, DEFAULT_SIZE};

    /// An element with its values unescaped, and the whitespace after it.
    type Owned = (String, Vec<(String, String)>, Option<String>, String);

    fn owned(e: &Element) -> Owned {
        let attributes = e
            .attributes
            .iter()
            .map(|(n, v)| ((*n).to_owned(), unescape(v).unwrap().into_owned()))
            .collect();
        let text = e.text.map(|t| unescape(t).unwrap().into_owned());
        (e.name.to_owned(), attributes, text, e.trailing.to_owned())
    }

    /// The root and its children, unescaped.
    fn parsed(svg: &str) -> Vec<Owned> {
        let d = parse(svg).expect("parses");
        std::iter::once(&d.root)
            .chain(&d.children)
            .map(owned)
            .collect()
    }

    /// `markup` (elements) as children of a root, unescaped.
    fn elements(markup: &str) -> Vec<Owned> {
        parsed(&format!("<svg>{markup}</svg>")).split_off(1)
    }

    /// Applies `p` to the parsed `old`, as a page applies it to the DOM.
    fn applied(old: &str, p: &Patch) -> Vec<Owned> {
        let mut all = parsed(old);
        assert_eq!(p.children, all.len() - 1);
        for edit in &p.edits {
            let (index, name, value) = match edit {
                Edit::RootAttribute { name, value } => (0, name, value),
                Edit::Attribute { child, name, value } => (child + 1, name, value),
                Edit::Text { child, text } => {
                    all[child + 1].2 = Some(text.clone());
                    continue;
                }
                Edit::Remove { child } => {
                    all.remove(child + 1);
                    continue;
                }
                Edit::Insert { child, markup } => {
                    let mut new = elements(markup);
                    assert_eq!(new.len(), 1, "one element: {markup}");
                    all.insert(child + 1, new.remove(0));
                    continue;
                }
            };
            let slot = all[index].1.iter_mut().find(|(n, _)| n == name).unwrap();
            slot.1 = value.clone();
        }
        all
    }

    #[test]
    fn patching_a_redrawn_chart_gives_the_new_drawing() {
        let (mut edited, mut replaced) = (0, 0);
        for kind in ChartKind::ALL {
            for users in [1.1e6, 1.2e6, 2.0e6, 9.0e6, 0.2e6] {
                let old = render(kind, &photo_report(1.0e6), DEFAULT_SIZE).svg;
                let new = render(kind, &photo_report(users), DEFAULT_SIZE).svg;
                let p = patch(&old, &new).expect("the charts' SVG is patchable");
                assert!(!p.edits.is_empty(), "{kind:?}: something moved");
                assert_eq!(applied(&old, &p), parsed(&new), "{kind:?} at {users} users");
                for e in &p.edits {
                    match e {
                        Edit::Insert { .. } => replaced += 1,
                        _ => edited += 1,
                    }
                }
            }
        }
        // Most of the work is setting attributes, not building elements.
        assert!(
            edited > 4 * replaced,
            "{edited} edits, {replaced} new elements"
        );
    }

    #[test]
    fn an_unchanged_drawing_needs_no_edits() {
        let svg = render(ChartKind::DailyTraffic, &photo_report(1.0e6), DEFAULT_SIZE).svg;
        let p = patch(&svg, &svg).expect("same shape");
        assert!(p.edits.is_empty());
    }

    #[test]
    fn children_are_edited_inserted_and_removed_in_place() {
        let a = r#"<svg a="1"><line x="1"/><text y="2">t</text><rect w="3"/></svg>"#;
        let b = r#"<svg a="2"><line x="5"/><rect w="3"/><text y="2">u &amp; v</text><line/></svg>"#;
        let p = patch(a, b).expect("patchable");
        let set = |child, name: &str, value: &str| Edit::Attribute {
            child,
            name: name.into(),
            value: value.into(),
        };
        let insert = |child, markup: &str| Edit::Insert {
            child,
            markup: markup.into(),
        };
        let root = Edit::RootAttribute {
            name: "a".into(),
            value: "2".into(),
        };
        assert_eq!(
            p.edits,
            // Line and text are kept and edited; the rect moves behind them.
            [
                root,
                set(0, "x", "5"),
                insert(1, r#"<rect w="3"/>"#),
                Edit::Text {
                    child: 2,
                    text: "u & v".into()
                },
                insert(3, "<line/>"),
                Edit::Remove { child: 4 },
            ]
        );
        assert_eq!(applied(a, &p), parsed(b));
        let back = patch(b, a).expect("patchable");
        assert_eq!(applied(b, &back), parsed(a));
    }

    #[test]
    fn whitespace_goes_with_the_element_before_it() {
        let a = "<svg a=\"1\">\n<line x=\"1\"/>\n<rect/>\n<text>t</text>\n</svg>";
        let b = "<svg a=\"1\">\n<line x=\"2\"/>\n<text>t</text>\n<circle/>\n</svg>";
        let p = patch(a, b).expect("patchable");
        assert_eq!(
            p.edits,
            [
                Edit::Attribute {
                    child: 0,
                    name: "x".into(),
                    value: "2".into()
                },
                Edit::Remove { child: 1 },
                Edit::Insert {
                    child: 2,
                    markup: "<circle/>\n".into()
                },
            ]
        );
        assert_eq!(applied(a, &p), parsed(b));
        // Other whitespace after a child: it is not kept.
        let c = "<svg a=\"1\">\n<line x=\"1\"/> <rect/>\n<text>t</text>\n</svg>";
        let p = patch(a, c).expect("patchable");
        assert_eq!(applied(a, &p), parsed(c));
        assert!(
            p.edits.contains(&Edit::Insert {
                child: 0,
                markup: "<line x=\"1\"/> ".into()
            }) && p.edits.contains(&Edit::Remove { child: 1 }),
            "{p:?}"
        );
        // Other whitespace after the root's start tag: not patchable.
        assert_eq!(patch(a, &a.replacen(">\n<line", "><line", 1)), None);
    }

    #[test]
    fn other_roots_and_other_markup_are_not_patched() {
        let a = r#"<svg a="1"><line x="1"/><text y="2">t</text></svg>"#;
        for b in [
            r#"<svg a="1" b="2"><line x="1"/><text y="2">t</text></svg>"#,
            r#"<svg b="1"><line x="1"/><text y="2">t</text></svg>"#,
            r#"<svg a="1"><line x="1"/><text y="2"><tspan/></text></svg>"#,
            r#"<svg a="1"><!-- c --><line x="1"/><text y="2">t</text></svg>"#,
            r#"<svg a="1"><line x="1"/><text y="2">&nbsp;</text></svg>"#,
            r#"<svg a="1"><line x='1'/><text y="2">t</text></svg>"#,
            r#"<svg a="1"><line x="1"/><text y="2">t</text></svg><p/>"#,
            r#"<svg a="1"><line x="1"/><text y="2">t</text>"#,
            r#"<div a="1"><line x="1"/><text y="2">t</text></div>"#,
            "",
        ] {
            assert_eq!(patch(a, b), None, "{b}");
        }
    }

    #[test]
    fn entities_are_unescaped() {
        assert_eq!(
            unescape("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42;").as_deref(),
            Some("a <b> & \"c\" 'd' AB")
        );
        assert_eq!(unescape("no entities").as_deref(), Some("no entities"));
        assert_eq!(unescape("&bogus;"), None);
        assert_eq!(unescape("&amp"), None);
        assert_eq!(unescape("&#xD800;"), None);
        for other in [
            "&#+65;", "&#x+41;", "&#0;", "&#x80;", "&#159;", "&#;", "&#x;",
        ] {
            assert_eq!(unescape(other), None, "{other}");
        }
    }
}
