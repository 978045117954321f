//! A chart's SVG in the page, redrawn in place.
//!
//! Setting `innerHTML` on every keystroke makes the browser parse, style and
//! lay out all of a chart's nodes again. [`envelope_charts::patch`] works out
//! which attributes and texts changed (and which elements came or went), and
//! only those are touched here; anything it cannot patch is replaced whole.

use envelope_charts::patch::{patch, Edit, Patch};
use leptos::prelude::*;
use web_sys::Element;

use crate::erased::{self, Memo};
use crate::visible::ElementRef;

/// A `<div class="svg">` showing the SVG `svg` returns. Only for SVG from
/// envelope-charts: it escapes every text it draws (user-given class names
/// included), so inlining it adds no markup of anyone else's.
#[component]
pub fn Drawing(svg: Memo<String>) -> impl IntoView {
    let node = ElementRef::new();
    // What the div holds now, to patch from.
    let shown = erased::StoredValue::new(String::new());
    erased::effect(move || {
        let new = svg.get();
        if let Some(div) = node.get() {
            shown.update_value(|old| {
                redraw(&div, old, &new);
                *old = new;
            });
        }
    });
    view! { <div class="svg" node_ref=node></div> }
}

fn redraw(div: &Element, old: &str, new: &str) {
    if old == new {
        return;
    }
    let patched = !old.is_empty() && patch(old, new).is_some_and(|p| apply(div, &p).is_some());
    if !patched {
        div.set_inner_html(new);
    }
}

/// Applies `p` to the `<svg>` in `div`; `None` (the caller then replaces the
/// drawing) when the page's SVG is not the one `p` was made from.
fn apply(div: &Element, p: &Patch) -> Option<()> {
    let root = div.first_element_child()?;
    if root.child_element_count() as usize != p.children {
        return None;
    }
    // Live: indices follow the edits, as Patch's indices do.
    let children = root.children();
    let child = |index: &usize| children.item(u32::try_from(*index).ok()?);
    for edit in &p.edits {
        match edit {
            Edit::RootAttribute { name, value } => root.set_attribute(name, value).ok()?,
            Edit::Attribute {
                child: i,
                name,
                value,
            } => child(i)?.set_attribute(name, value).ok()?,
            Edit::Text { child: i, text } => child(i)?.set_text_content(Some(text)),
            Edit::Remove { child: i } => {
                let element = child(i)?;
                // The whitespace after it goes too (see Edit::Remove).
                if let Some(after) = element.next_sibling() {
                    let blank = after.node_type() == web_sys::Node::TEXT_NODE
                        && after
                            .text_content()
                            .is_some_and(|t| t.trim_start().is_empty());
                    if blank {
                        root.remove_child(&after).ok()?;
                    }
                }
                element.remove();
            }
            Edit::Insert { child: i, markup } => match child(i) {
                Some(next) => next.insert_adjacent_html("beforebegin", markup).ok()?,
                None => root.insert_adjacent_html("beforeend", markup).ok()?,
            },
        }
    }
    Some(())
}
