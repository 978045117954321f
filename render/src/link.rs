//! Share URLs: the web app's address with a scenario's share link
//! ([`envelope_core::link::encode`]) as its query string, and such a URL
//! made safe to print in Markdown.
//!
//! ```
//! use envelope_core::Scenario;
//! use envelope_render::link;
//! let mut s = Scenario::default();
//! s.users = envelope_core::Users::Daily { daily_active: 10e6 };
//! assert_eq!(
//!     link::scenario_url("https://envelope.example/app?old=1#top", &s),
//!     "https://envelope.example/app?v=1&dau=10M"
//! );
//! assert_eq!(link::base_of("https://x.example/a?v=1&dau=1M"), "https://x.example/a");
//! ```

use envelope_core::text::is_hidden_control;
use envelope_core::Scenario;

use crate::markdown::escape;

/// The address a URL's query and fragment are dropped from: its scheme,
/// host and path, `https://x.example/app` of
/// `https://x.example/app?v=1#top`.
pub fn base_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// `base` (without any query or fragment) with `query` as its query
/// string: `share_url("http://127.0.0.1:8080/", "v=1")` is
/// `http://127.0.0.1:8080/?v=1`.
pub fn share_url(base: &str, query: &str) -> String {
    format!("{}?{query}", base_of(base))
}

/// The share URL of `scenario` at the web app's address `base`:
/// [`share_url`] of [`envelope_core::link::encode`].
pub fn scenario_url(base: &str, scenario: &Scenario) -> String {
    share_url(base, &envelope_core::link::encode(scenario))
}

/// A URL as inline Markdown. Control and text-direction characters are
/// dropped, and anything else a URL does not hold as it is (spaces, `<`,
/// `>`, `"`, `\`, `` ` ``, `{`, `|`, `}`, `^`, non-ASCII letters) is
/// percent-encoded, byte by byte of its UTF-8. An `http://` or `https://`
/// URL then becomes an autolink, `<https://...>`: inside one nothing is
/// read as Markdown (a backslash escape there would become part of the
/// address), and nothing left can end it early. Any other text (a base
/// that is not a web address) is [`escape`]d plain text, never a link.
///
/// ```
/// use envelope_render::link::markdown;
/// assert_eq!(
///     markdown("http://127.0.0.1:8080/?v=1&c0.name=a%20b"),
///     "<http://127.0.0.1:8080/?v=1&c0.name=a%20b>"
/// );
/// assert_eq!(markdown("https://x.example/a b>\n<c?v=1"), "<https://x.example/a%20b%3E%3Cc?v=1>");
/// assert_eq!(markdown("javascript:alert(1)//?v=1"), "javascript:alert(1)//?v=1");
/// assert_eq!(markdown("file_name?v=1"), "file\\_name?v=1");
/// ```
pub fn markdown(url: &str) -> String {
    let mut clean = String::with_capacity(url.len());
    for c in url.chars().filter(|&c| !is_hidden_control(c)) {
        if c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c) {
            clean.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                clean.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    let lower = clean.get(..8).unwrap_or(&clean).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!("<{clean}>")
    } else {
        escape(&clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_urls_replace_any_query() {
        assert_eq!(
            share_url("http://127.0.0.1:8080/", "v=1"),
            "http://127.0.0.1:8080/?v=1"
        );
        assert_eq!(
            share_url("https://x.example/app?old=1#frag", "v=1&dau=10M"),
            "https://x.example/app?v=1&dau=10M"
        );
        assert_eq!(
            base_of("https://x.example/app#frag?x"),
            "https://x.example/app"
        );
        assert_eq!(base_of(""), "");
    }

    #[test]
    fn markdown_urls_cannot_break_out() {
        // Controls and direction marks go; what could end the autolink or
        // be read as HTML is percent-encoded.
        let md = markdown("HTTPS://x.example/\u{1b}[2J\u{202e}<img src=x>\"é\n?v=1");
        assert_eq!(md, "<HTTPS://x.example/[2J%3Cimg%20src=x%3E%22%C3%A9?v=1>");
        let inner = &md[1..md.len() - 1];
        assert!(!inner.contains(['<', '>', ' ', '\\', '\n']), "{inner}");
        // Not a web address: plain escaped text, which no renderer links.
        assert_eq!(markdown("<b>x</b>"), "%3Cb%3Ex%3C/b%3E");
        assert_eq!(markdown("ftp://x/?v=1&y"), "ftp://x/?v=1&amp;y");
        assert_eq!(markdown(""), "");
        assert_eq!(markdown("http:/"), "http:/");
    }
}
