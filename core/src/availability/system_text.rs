//! A system of parts as one line of text, for share links, scenario files
//! and `envelope availability --system`: what a component editor's
//! [`SystemRow`]s say, typed by hand.
//!
//! ```text
//! system     = row *( ";" row )              all rows needed (in series)
//! row        = part | group
//! group      = ( "any" | "all" ) "(" part *( "," part ) ")"
//!                                            any one part / all parts
//! part       = [name] availability [redundancy]
//! redundancy = "x" N " any"                  N replicas, any one will do
//!            | K "of" N                      N replicas, K of them needed
//! ```
//!
//! For example `lb 99.99%; app server 99.9% x3 any; db four nines 2of3;
//! any(zone a 99.9%, zone b 99.5%)`.
//!
//! - The availability is the shortest run of words at the end of the part
//!   (before the redundancy) that [`Availability::parse`] reads, so names
//!   may have spaces and end in numbers (`server 2 99.9%`), and the
//!   availability may have words (`four nines`). Everything before it is
//!   the name, kept as typed (trimmed); it may be empty.
//! - Names cannot hold `;`, `,`, `(` or `)`, which the grammar uses;
//!   [`system_text`] writes them as spaces. Control and text-direction
//!   characters are removed from names ([`crate::text`]), and a name is at
//!   most [`MAX_NAME_CHARS`](crate::fields::MAX_NAME_CHARS) characters.
//! - `any`, `all`, `x` and `of` are read in any case; empty rows (a
//!   trailing `;`) are skipped.
//! - At most [`MAX_SYSTEM_CHARS`] characters and [`MAX_COMPONENTS`] nodes
//!   in the tree it makes (each part, group and k-of-n tier counts), so
//!   reading and evaluating it stay cheap whatever the input.
//!
//! [`parse_system`] gives the rows, each part checked as
//! [`PartRow::read`] checks it; [`system_text`] writes rows back. Rows that
//! [`parse_system`] gives come back exactly from their text, and the text
//! it writes reads back as the same rows.
//!
//! ```
//! use envelope_core::availability::{component_from_rows, parse_system, system_text};
//! let rows = parse_system("lb 99.99%; app 99.9% x3 any").unwrap();
//! assert_eq!(system_text(&rows), "lb 99.99%; app 99.9% x3 any");
//! // 0.9999 x (1 - 0.001^3) = 0.999899999...
//! let a = component_from_rows(&rows).unwrap().availability().unwrap();
//! assert!((a.fraction() - 0.9999 * (1.0 - 1e-9)).abs() < 1e-15);
//! ```

use super::{component_from_rows, Availability, PartRow, Redundancy, SystemRow, MAX_COMPONENTS};
use crate::fields::MAX_NAME_CHARS;
use crate::text;

/// The longest system text read, in characters: room for a few hundred
/// parts, and a bound on the work a hostile link can ask for.
pub const MAX_SYSTEM_CHARS: usize = 4000;

/// The most words tried as an availability at the end of a part
/// (`99.9 percent`, `3.5 nines`): longer runs are never one.
const MAX_AVAILABILITY_WORDS: usize = 3;

/// Reads a system in the grammar of this module's documentation, or says
/// what is wrong, naming the row (from 1) and, in a group, the part.
///
/// ```
/// use envelope_core::availability::{parse_system, Redundancy, SystemRow};
/// let rows = parse_system("db 99.95% 2of3").unwrap();
/// let SystemRow::Part(db) = &rows[0] else { panic!() };
/// assert_eq!((db.name.as_str(), db.redundancy, db.k.as_str(), db.n.as_str()), ("db", Redundancy::KOfN, "2", "3"));
/// assert_eq!(
///     parse_system("lb 99.99%; app 99.9% x3").unwrap_err(),
///     "row 2: write 'x3 any' for any one of 3 replicas, or 'KofN' (e.g. 2of3) for K of them"
/// );
/// ```
pub fn parse_system(text: &str) -> Result<Vec<SystemRow>, String> {
    let chars = text.chars().count();
    if chars > MAX_SYSTEM_CHARS {
        return Err(format!(
            "at most {MAX_SYSTEM_CHARS} characters (got {chars})"
        ));
    }
    let mut rows = Vec::new();
    for (index, row) in text.split(';').enumerate() {
        let row = row.trim();
        if row.is_empty() {
            continue;
        }
        let number = index + 1;
        let read = read_row(row).map_err(|problem| format!("row {number}: {problem}"))?;
        rows.push(read);
    }
    if rows.is_empty() {
        return Err("no parts; write e.g. 'lb 99.99%; app 99.9% x3 any'".to_owned());
    }
    let nodes = node_count(&rows);
    if nodes > MAX_COMPONENTS {
        return Err(format!(
            "at most {MAX_COMPONENTS} components, counting each group and k-of-n tier (got {nodes})"
        ));
    }
    // Every part read already; this names empty groups and any problem the
    // tree as a whole has.
    let system = component_from_rows(&rows)?;
    system.availability().map_err(|e| e.to_string())?;
    Ok(rows)
}

/// The rows as text in this module's grammar, rows joined by `; ` and a
/// group's parts by `, `. Each part's name and availability are written
/// as they are (trimmed, without control characters; `;`, `,`, `(` and
/// `)` in a name as spaces), its replicas as `x3 any` or `2of3`.
///
/// ```
/// use envelope_core::availability::{system_text, PartRow, SystemRow};
/// let rows = [SystemRow::Group { parallel: true, parts: vec![PartRow::new("a"), PartRow::new("b")] }];
/// assert_eq!(system_text(&rows), "any(a 99.9%, b 99.9%)");
/// ```
pub fn system_text(rows: &[SystemRow]) -> String {
    let rows: Vec<String> = rows
        .iter()
        .map(|row| match row {
            SystemRow::Part(part) => part_text(part),
            SystemRow::Group { parallel, parts } => {
                let parts: Vec<String> = parts.iter().map(part_text).collect();
                let word = if *parallel { "any" } else { "all" };
                format!("{word}({})", parts.join(", "))
            }
        })
        .collect();
    rows.join("; ")
}

fn part_text(part: &PartRow) -> String {
    let name: String = text::without_controls(&part.name)
        .chars()
        .map(|c| {
            if matches!(c, ';' | ',' | '(' | ')') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let availability = text::without_controls(&part.availability);
    let mut out = String::new();
    for piece in [name.trim(), availability.trim()] {
        if !piece.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(piece);
        }
    }
    match part.redundancy {
        Redundancy::Single => {}
        Redundancy::AnyOfN => out.push_str(&format!(" x{} any", part.n.trim())),
        Redundancy::KOfN => out.push_str(&format!(" {}of{}", part.k.trim(), part.n.trim())),
    }
    out
}

/// Nodes of the tree the rows make: the root, each group, each part and
/// each part's k-of-n tier.
fn node_count(rows: &[SystemRow]) -> usize {
    let part = |p: &PartRow| {
        if p.redundancy == Redundancy::Single {
            1
        } else {
            2
        }
    };
    1 + rows
        .iter()
        .map(|row| match row {
            SystemRow::Part(p) => part(p),
            SystemRow::Group { parts, .. } => 1 + parts.iter().map(part).sum::<usize>(),
        })
        .sum::<usize>()
}

fn read_row(row: &str) -> Result<SystemRow, String> {
    if let Some((parallel, inner)) = group_of(row) {
        let mut parts = Vec::new();
        for (index, part) in inner.split(',').enumerate() {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let part =
                read_part(part).map_err(|problem| format!("part {}: {problem}", index + 1))?;
            parts.push(part);
        }
        if parts.is_empty() {
            return Err("an empty group; write e.g. any(a 99.9%, b 99.9%)".to_owned());
        }
        return Ok(SystemRow::Group { parallel, parts });
    }
    if row.contains(['(', ')']) {
        return Err(
            "a group is written any(part, part) or all(part, part); names cannot hold ( or )"
                .to_owned(),
        );
    }
    if row.contains(',') {
        return Err(
            "',' separates the parts of a group, any(...) or all(...); separate rows with ';'"
                .to_owned(),
        );
    }
    read_part(row).map(SystemRow::Part)
}

/// `any(...)` or `all(...)`: whether it is parallel, and what is inside.
fn group_of(row: &str) -> Option<(bool, &str)> {
    let word = row.get(..3)?;
    let parallel = match word.to_ascii_lowercase().as_str() {
        "any" => true,
        "all" => false,
        _ => return None,
    };
    let inner = row[3..].trim_start().strip_prefix('(')?.strip_suffix(')')?;
    Some((parallel, inner))
}

fn read_part(part: &str) -> Result<PartRow, String> {
    // Each word with where it starts, so the name is kept as typed.
    let words: Vec<(usize, &str)> = part
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w))
        .collect();
    let (redundancy, k, n, used) = redundancy_of(&words)?;
    let words = &words[..words.len() - used];
    let end = words.last().map_or(0, |(at, w)| at + w.len());
    let start = (1..=words.len().min(MAX_AVAILABILITY_WORDS))
        .map(|count| words[words.len() - count].0)
        .find(|&start| Availability::parse(&part[start..end]).is_ok())
        // None reads: after a name, the last word is meant as the
        // availability, and reading it says what is wrong with it.
        .or_else(|| (words.len() >= 2).then(|| words[words.len() - 1].0))
        .ok_or_else(|| {
            format!(
                "no availability at the end of '{}'; write e.g. 'db 99.9%' or 'db 99.9% 2of3'",
                crate::fields::shorten_text(part)
            )
        })?;
    let name = text::without_controls(part[..start].trim())
        .trim()
        .to_owned();
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "a name is at most {MAX_NAME_CHARS} characters ('{}')",
            crate::fields::shorten_text(&name)
        ));
    }
    let row = PartRow {
        name,
        availability: part[start..end].to_owned(),
        redundancy,
        k,
        n,
    };
    row.read().map_err(|problems| problems.first())?;
    Ok(row)
}

/// The redundancy at the end of a part's words, its `k` and `n` as text,
/// and how many words it took (0 for a single part).
fn redundancy_of(words: &[(usize, &str)]) -> Result<(Redundancy, String, String, usize), String> {
    let last = words.last().map(|(_, w)| w.to_ascii_lowercase());
    let before = words
        .len()
        .checked_sub(2)
        .map(|i| words[i].1.to_ascii_lowercase());
    let replicas = |word: &str| {
        word.strip_prefix('x')
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_owned)
    };
    if let Some(last) = &last {
        if let Some((k, n)) = last.split_once("of") {
            let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            if digits(k) && digits(n) {
                return Ok((Redundancy::KOfN, k.to_owned(), n.to_owned(), 1));
            }
        }
        if last == "any" {
            if let Some(n) = before.as_deref().and_then(replicas) {
                return Ok((Redundancy::AnyOfN, "1".to_owned(), n, 2));
            }
        }
        if let Some(n) = replicas(last) {
            return Err(format!(
                "write 'x{n} any' for any one of {n} replicas, or 'KofN' (e.g. 2of3) for K of them"
            ));
        }
    }
    Ok((Redundancy::Single, "1".to_owned(), "1".to_owned(), 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::Component;

    fn part(name: &str, availability: &str, redundancy: Redundancy, k: &str, n: &str) -> PartRow {
        PartRow {
            name: name.to_owned(),
            availability: availability.to_owned(),
            redundancy,
            k: k.to_owned(),
            n: n.to_owned(),
        }
    }

    #[test]
    fn every_shape_reads_and_writes_back() {
        let text = "lb 99.99%; app server 99.9% x3 any; db four nines 2of3; \
                    any(zone a 99.9%, zone b 0.995 1of2); all(dns 99.95%)";
        let rows = parse_system(text).unwrap();
        assert_eq!(
            rows,
            vec![
                SystemRow::Part(part("lb", "99.99%", Redundancy::Single, "1", "1")),
                SystemRow::Part(part("app server", "99.9%", Redundancy::AnyOfN, "1", "3")),
                SystemRow::Part(part("db", "four nines", Redundancy::KOfN, "2", "3")),
                SystemRow::Group {
                    parallel: true,
                    parts: vec![
                        part("zone a", "99.9%", Redundancy::Single, "1", "1"),
                        part("zone b", "0.995", Redundancy::KOfN, "1", "2"),
                    ],
                },
                SystemRow::Group {
                    parallel: false,
                    parts: vec![part("dns", "99.95%", Redundancy::Single, "1", "1")],
                },
            ]
        );
        assert_eq!(system_text(&rows), text.replace("                    ", ""));
    }

    #[test]
    fn names_may_have_numbers_and_words_availability_too() {
        let rows = parse_system("server 2 99.9%;  3.5 nines ;Any(a 99%)").unwrap();
        assert_eq!(
            rows[0],
            SystemRow::Part(part("server 2", "99.9%", Redundancy::Single, "1", "1"))
        );
        assert_eq!(
            rows[1],
            SystemRow::Part(part("", "3.5 nines", Redundancy::Single, "1", "1"))
        );
        assert!(matches!(&rows[2], SystemRow::Group { parallel: true, .. }));
        assert_eq!(system_text(&rows), "server 2 99.9%; 3.5 nines; any(a 99%)");
    }

    #[test]
    fn the_example_system_is_hand_checked() {
        // Three 99.9% replicas, any one: 1 - 0.001^3 = 0.999999999; in
        // series with a 99.99% load balancer: 0.9999 x 0.999999999.
        let rows = parse_system("lb 99.99%; app 99.9% x3 any").unwrap();
        let system = component_from_rows(&rows).unwrap();
        let expected = Component::series(vec![
            Component::leaf("lb", Availability::parse("99.99%").unwrap()),
            Component::k_of_n(
                1,
                3,
                Component::leaf("app", Availability::parse("99.9%").unwrap()),
            ),
        ]);
        assert_eq!(system, expected);
        let u = system.availability().unwrap().unavailability();
        // 1 - 0.9999 x 0.999999999 = 1e-4 + 0.9999e-9 = 1.000009999e-4.
        assert!((u - 1.000_009_999e-4).abs() < 1e-16, "{u:e}");
    }

    #[test]
    fn problems_name_the_row_and_part() {
        let e = |t: &str| parse_system(t).unwrap_err();
        assert_eq!(e(""), "no parts; write e.g. 'lb 99.99%; app 99.9% x3 any'");
        assert_eq!(e(" ; ;"), e(""));
        assert_eq!(
            e("lb 99.99%; app"),
            "row 2: no availability at the end of 'app'; write e.g. 'db 99.9%' or 'db 99.9% 2of3'"
        );
        assert_eq!(
            e("db 99.9% 4of3"),
            "row 1: Needed (k) of db: write a whole number from 1 to n (3)"
        );
        assert_eq!(
            e("db 99.9% x1001 any"),
            "row 1: Replicas (n) of db: write a whole number from 1 to 1000"
        );
        assert!(e("db 101%").starts_with("row 1: Availability of db: "));
        assert_eq!(
            e("lb 99%; any(a 99%, b)"),
            "row 2: part 2: no availability at the end of 'b'; write e.g. 'db 99.9%' or 'db 99.9% 2of3'"
        );
        assert_eq!(
            e("any( , )"),
            "row 1: an empty group; write e.g. any(a 99.9%, b 99.9%)"
        );
        assert!(e("a (b) 99%").starts_with("row 1: a group is written"));
        assert!(e("a 99%, b 99%").starts_with("row 1: ',' separates"));
        assert!(e(&format!("{} 99%", "n".repeat(81))).starts_with("row 1: a name is at most 80"));
        assert!(e(&"a 99%;".repeat(1000)).starts_with("at most 4000 characters"));
        let many = vec!["1%"; 1000].join(";");
        assert_eq!(
            e(&many),
            "at most 1000 components, counting each group and k-of-n tier (got 1001)"
        );
        assert!(parse_system(&vec!["1%"; 999].join(";")).is_ok());
    }

    #[test]
    fn names_lose_controls_and_grammar_characters() {
        let rows = parse_system("up\u{202e}load 99%").unwrap();
        assert_eq!(
            rows[0],
            SystemRow::Part(part("upload", "99%", Redundancy::Single, "1", "1"))
        );
        let odd = [SystemRow::Part(part(
            "a;b(c),d\u{1b}",
            " 99% ",
            Redundancy::AnyOfN,
            "7",
            " 2",
        ))];
        assert_eq!(system_text(&odd), "a b c  d 99% x2 any");
        assert!(parse_system(&system_text(&odd)).is_ok());
    }
}
