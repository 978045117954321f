//! Untrusted text kept as text: names, keys and values that come from a
//! share link, a scenario file or the command line are shown in terminals,
//! Markdown, SVG and the page, where some characters are not text but
//! instructions.
//!
//! - Control characters (C0, DEL, C1): `ESC` starts terminal escape
//!   sequences (clear the screen, set the window title), `CR` and `LF` start
//!   a new line that can pass for one of the program's own.
//! - Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
//!   U+2066–U+2069): they make text display in another order than it is
//!   stored, so a name can read as something else (`exe.txt` shown as
//!   `txt.exe`). The direction marks (U+200E, U+200F, U+061C) are kept: they
//!   only settle the direction of neutral characters next to them, and people
//!   who type right-to-left text use them.
//!
//! [`is_hidden_control`] says which characters those are, once, for every
//! place that shows untrusted text. Where it enters, a name is refused or
//! cleaned ([`without_controls`]); a key or value quoted in a message is
//! escaped ([`displayable`]), so the message still shows what was given.
//!
//! ```
//! use envelope_core::text;
//! assert_eq!(text::displayable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
//! assert_eq!(text::without_controls("photo\u{202E}gpj.exe"), "photogpj.exe");
//! assert_eq!(text::displayable("plain"), "plain");
//! ```

use std::borrow::Cow;

/// Whether `c` is a control character (C0, DEL, C1) or a bidirectional
/// control (embeddings, overrides, isolates and marks): a character that
/// does something to a terminal or to the order text is shown in, rather
/// than being shown.
///
/// ```
/// use envelope_core::text::is_hidden_control;
/// assert!(is_hidden_control('\u{1b}'));
/// assert!(is_hidden_control('\u{9b}'));
/// assert!(is_hidden_control('\u{202e}'));
/// assert!(!is_hidden_control('é'));
/// ```
pub fn is_hidden_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The explicit bidirectional embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` safe to quote in a message: each [`is_hidden_control`] character
/// as a visible escape (`\u{1b}`), everything else as it is. Borrowed when
/// there is nothing to escape; applying it twice changes nothing more.
///
/// ```
/// use envelope_core::text::displayable;
/// assert_eq!(displayable("x\r\nerror: fake"), "x\\u{d}\\u{a}error: fake");
/// assert_eq!(displayable("\u{202e}abc"), "\\u{202e}abc");
/// ```
pub fn displayable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` without its [`is_hidden_control`] characters: how a name is kept.
/// Borrowed when there is nothing to remove.
///
/// ```
/// use envelope_core::text::without_controls;
/// assert_eq!(without_controls("up\u{202e}load\n"), "upload");
/// ```
pub fn without_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !is_hidden_control(*c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_of_every_kind_are_hidden_controls() {
        for c in [
            '\0', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}',
        ] {
            assert!(is_hidden_control(c), "{c:?}");
        }
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            assert!(is_hidden_control(c), "{c:?}");
        }
        for c in [
            ' ', 'a', 'é', '€', '…', '\u{200B}', '\u{2029}', 'א', 'ع', '\u{200E}', '\u{200F}',
            '\u{061C}',
        ] {
            assert!(!is_hidden_control(c), "{c:?}");
        }
    }

    #[test]
    fn displayable_escapes_visibly_and_is_idempotent() {
        let hostile = "\u{1b}[2J\u{1b}]0;pwned\u{7}\r\nerror: dau: fake\u{202e}";
        let shown = displayable(hostile);
        assert_eq!(
            shown,
            "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}\\u{a}error: dau: fake\\u{202e}"
        );
        assert!(!shown.chars().any(is_hidden_control));
        assert_eq!(displayable(&shown), shown);
        assert!(matches!(displayable("Photo uploads"), Cow::Borrowed(_)));
    }

    #[test]
    fn without_controls_removes_them() {
        assert_eq!(without_controls("a\u{1b}[31mb\u{85}c\u{2066}d"), "a[31mbcd");
        assert!(matches!(without_controls("עברית"), Cow::Borrowed(_)));
    }
}
