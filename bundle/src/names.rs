//! The short names given out: `a`..`z`, `A`..`Z`, then `aa`, `ab`, ...
//! Letters only, so that every name is a JavaScript identifier (the glue
//! reads exports as `exports.name` and lists imports as `name: function`).

const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The `n`th short name (0 is `a`, 51 is `Z`, 52 is `aa`): each name once,
/// the shortest first.
pub fn short_name(mut n: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// Short names in order, skipping those in `reserved` (names kept as they
/// are, which a new name must not take).
pub struct ShortNames<'a> {
    next: usize,
    reserved: &'a [&'a str],
}

impl<'a> ShortNames<'a> {
    pub fn new(reserved: &'a [&'a str]) -> Self {
        ShortNames { next: 0, reserved }
    }
}

impl Iterator for ShortNames<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            let name = short_name(self.next);
            self.next += 1;
            if !self.reserved.contains(&name.as_str()) {
                return Some(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_short_first_and_never_repeat() {
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(25), "z");
        assert_eq!(short_name(26), "A");
        assert_eq!(short_name(51), "Z");
        assert_eq!(short_name(52), "aa");
        assert_eq!(short_name(53), "ab");
        assert_eq!(short_name(52 + 52 * 52 - 1), "ZZ");
        assert_eq!(short_name(52 + 52 * 52), "aaa");
        let names: Vec<String> = (0..5000).map(short_name).collect();
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
        assert!(names.windows(2).all(|w| w[0].len() <= w[1].len()));
    }

    #[test]
    fn reserved_names_are_skipped() {
        let names: Vec<String> = ShortNames::new(&["b", "memory"]).take(3).collect();
        assert_eq!(names, ["a", "c", "d"]);
    }
}
