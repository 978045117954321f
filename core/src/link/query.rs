//! A link's text as `key=value` pairs: the query part of a URL, split and
//! percent-decoded leniently.

use super::PAIR_PREFIX;

/// One `key=value` of the link, percent-decoded.
pub(super) struct Pair {
    /// The key without `vs.`.
    pub key: String,
    pub value: String,
    /// The link key as written (with `vs.` for the second scenario).
    pub link_key: String,
    /// Whether percent-decoding met bytes that are not UTF-8.
    pub bad_encoding: bool,
    /// Its position in the link, to report warnings in link order.
    pub position: usize,
}

/// The query part of `input`: what comes before the first `#` (the
/// fragment, which is never the query, even when it holds a `?`), and of
/// that what follows the first `?` when what precedes it looks like a URL
/// (no `=` or `&`). A URL without `?` (`https://host/path`) has none.
pub(super) fn query_of(input: &str) -> &str {
    let mut query = without_fragment(input.trim());
    if let Some(at) = query.find('?') {
        if !query[..at].contains(['=', '&']) {
            query = &query[at + 1..];
        }
    } else if is_url(query) {
        return "";
    }
    query
}

/// `text` up to its first `#`.
fn without_fragment(text: &str) -> &str {
    text.split_once('#').map_or(text, |(before, _)| before)
}

/// The fragment of `input` (after its first `#`) when it looks like a query
/// (`#?dau=9M`, `#dau=9M`): someone may have meant it as one.
pub(super) fn query_like_fragment(input: &str) -> Option<&str> {
    let (_, fragment) = input.trim().split_once('#')?;
    fragment.contains('=').then_some(fragment)
}

/// Whether `text` starts with a URL scheme and `://`, or is a path.
fn is_url(text: &str) -> bool {
    if text.starts_with('/') {
        return true;
    }
    text.find("://").is_some_and(|at| {
        let scheme = &text[..at];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
    })
}

/// The pairs of the first scenario and of the second (`vs.`) one.
pub(super) fn split_pairs(query: &str) -> (Vec<Pair>, Vec<Pair>) {
    let mut first = Vec::new();
    let mut second = Vec::new();
    for (position, part) in query.split('&').enumerate() {
        if part.is_empty() {
            continue;
        }
        let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
        let (link_key, key_ok) = percent_decode(raw_key);
        let (value, value_ok) = percent_decode(raw_value);
        let bad_encoding = !(key_ok && value_ok);
        match link_key.strip_prefix(PAIR_PREFIX) {
            Some(key) => {
                let key = key.to_owned();
                second.push(Pair {
                    key,
                    value,
                    link_key,
                    bad_encoding,
                    position,
                });
            }
            None => {
                let key = link_key.clone();
                first.push(Pair {
                    key,
                    value,
                    link_key,
                    bad_encoding,
                    position,
                });
            }
        }
    }
    (first, second)
}

/// Percent-decodes `text`, reading `+` as a space and keeping a `%` that is
/// not followed by two hex digits as it is (so a hand-typed `20%` works).
/// The flag is false when the bytes were not UTF-8 (they become U+FFFD).
fn percent_decode(text: &str) -> (String, bool) {
    if !text.contains(['%', '+']) {
        return (text.to_owned(), true);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let hex = |j: usize| bytes.get(j).and_then(|b| char::from(*b).to_digit(16));
        match byte {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(high), Some(low)) => {
                    // Two hex digits are at most 0xFF.
                    out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            _ => out.push(byte),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => (s, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::super::encode::percent_encode;
    use super::*;

    #[test]
    fn percent_round_trip() {
        let text = "a b&c=d%e#f+g/ü😀";
        let mut encoded = String::new();
        percent_encode(&mut encoded, text);
        assert_eq!(encoded, "a%20b%26c%3Dd%25e%23f%2Bg/%C3%BC%F0%9F%98%80");
        assert_eq!(percent_decode(&encoded), (text.to_owned(), true));
    }

    #[test]
    fn percent_decoding_is_lenient() {
        assert_eq!(percent_decode("20%"), ("20%".to_owned(), true));
        assert_eq!(percent_decode("%zz%4"), ("%zz%4".to_owned(), true));
        assert_eq!(percent_decode("a+b"), ("a b".to_owned(), true));
        assert!(!percent_decode("%FF").1);
    }

    #[test]
    fn query_parts() {
        assert_eq!(query_of("https://h/p?a=1#x"), "a=1");
        assert_eq!(query_of("?a=1"), "a=1");
        assert_eq!(query_of("a=1&b=what?"), "a=1&b=what?");
        assert_eq!(query_of("https://h/p"), "");
        assert_eq!(query_of("/app"), "");
        assert_eq!(query_of("c0.name=://"), "c0.name=://");
        assert_eq!(query_of(""), "");
    }

    #[test]
    fn a_fragment_is_not_the_query() {
        assert_eq!(query_of("http://x/#?dau=9M"), "");
        assert_eq!(query_of("#?dau=9M"), "");
        assert_eq!(query_of("?a=1#?dau=9M"), "a=1");
        assert_eq!(query_like_fragment("http://x/#?dau=9M"), Some("?dau=9M"));
        assert_eq!(query_like_fragment("http://x/?a=1#top"), None);
        assert_eq!(query_like_fragment("http://x/?a=1"), None);
    }
}
