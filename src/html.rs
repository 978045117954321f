//! A small writer of HTML text for the page's read-only tables and lists,
//! which the page sets as an element's `inner_html`.
//!
//! Why not Leptos' `view!` there: each typed view (a table of rows of cells
//! with attributes) compiles its own build, rebuild, mount and drop code,
//! once per distinct element tree, while these tables are redrawn whole
//! whenever their data changes anyway and hold nothing interactive. One
//! writer with a handful of non-generic methods serves every such table.
//!
//! Text is text: every attribute value and every text goes through
//! [`escape`], so a scenario's names (which come from strangers' links)
//! can never become markup.

/// HTML text under construction.
#[derive(Default)]
pub struct Html(String);

impl Html {
    /// An empty fragment.
    pub fn new() -> Html {
        Html::default()
    }

    /// `<tag a="v" ...>`, the values escaped; an attribute whose value is
    /// `None` is left out.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, Option<&str>)]) -> &mut Html {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            if let Some(value) = value {
                self.0.push(' ');
                self.0.push_str(name);
                self.0.push_str("=\"");
                escape(value, &mut self.0);
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        escape(text, &mut self.0);
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Html {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// `<tag ...>text</tag>`.
    pub fn element(
        &mut self,
        tag: &str,
        attributes: &[(&str, Option<&str>)],
        text: &str,
    ) -> &mut Html {
        self.open(tag, attributes).text(text).close(tag)
    }

    /// The HTML text.
    pub fn finish(self) -> String {
        self.0
    }
}

/// Appends `text` to `out` with the five characters that HTML gives a
/// meaning (in text and in quoted attribute values) written as references.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::new();
        h.open("tr", &[("data-key", Some("a\"b")), ("class", None)])
            .element(
                "th",
                &[("scope", Some("row"))],
                "<img src=x onerror='1'> & co",
            )
            .close("tr");
        assert_eq!(
            h.finish(),
            "<tr data-key=\"a&quot;b\"><th scope=\"row\">&lt;img src=x onerror=&#39;1&#39;&gt; &amp; co</th></tr>"
        );
    }
}
