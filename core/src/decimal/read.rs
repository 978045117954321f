//! Decimal text to `f64` (see the module above for why not `str::parse`).

use super::big::Big;

/// Significant digits kept exactly. A number halfway between two doubles has
/// at most 768 of them, so one more nonzero digit past these only says which
/// side of such a point the number is on, and a single `1` digit says the same.
const MAX_DIGITS: usize = 800;

/// Reads `[+-]digits[.digits][(e|E)[+-]digits]`, with a digit on at least
/// one side of the dot: `3`, `-0.5`, `1.`, `.25`, `6.02e23`. Too large a
/// number reads as infinity and too small a one as zero, as with
/// `str::parse`; unlike it, `inf` and `nan` are not numbers here.
///
/// ```
/// use envelope_core::decimal::parse;
/// assert_eq!(parse("0.1"), Some(0.1));
/// assert_eq!(parse("-2.5e-3"), Some(-0.0025));
/// assert_eq!(parse("9007199254740993"), Some(9007199254740992.0));
/// assert_eq!(parse("1e400"), Some(f64::INFINITY));
/// assert_eq!(parse("1,000"), None);
/// assert_eq!(parse("nan"), None);
/// ```
pub fn parse(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = b.first() == Some(&b'-');
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    // The value is `digits` (as an integer) times 10^exponent.
    let mut digits: Vec<u8> = Vec::new();
    let mut exponent: i64 = 0;
    let mut any_digit = false;
    // A nonzero digit past MAX_DIGITS.
    let mut beyond = false;
    let mut fraction = false;
    while let Some(&c) = b.get(i) {
        if c == b'.' && !fraction {
            fraction = true;
        } else if c.is_ascii_digit() {
            any_digit = true;
            let d = c - b'0';
            if digits.len() < MAX_DIGITS && (d != 0 || !digits.is_empty()) {
                digits.push(d);
                exponent -= i64::from(fraction);
            } else if digits.is_empty() {
                // A leading zero.
                exponent -= i64::from(fraction);
            } else {
                beyond |= d != 0;
                exponent += i64::from(!fraction);
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let minus = b.get(i) == Some(&b'-');
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            // Far beyond any double either way; saturating keeps it so.
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent += if minus { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    if beyond {
        digits.push(1);
        exponent -= 1;
    }
    let magnitude = magnitude(&digits, exponent);
    Some(if negative { -magnitude } else { magnitude })
}

/// The double nearest `digits` (no leading zero) times 10^exponent.
fn magnitude(digits: &[u8], exponent: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    // The number is 0.d1d2... x 10^point.
    let point = exponent + digits.len() as i64;
    if point > 310 {
        return f64::INFINITY;
    }
    if point <= -324 {
        // Under 10^-324, less than half the smallest double.
        return 0.0;
    }
    // Both factors exact (a double holds every integer up to 2^53 and every
    // power of ten up to 10^22), so the one operation rounds correctly.
    if digits.len() <= 19 && (-22..=22).contains(&exponent) {
        let w = digits.iter().fold(0u64, |w, &d| w * 10 + u64::from(d));
        if w <= 1 << 53 {
            let scale = (0..exponent.abs()).fold(1.0, |p, _| p * 10.0);
            return if exponent < 0 {
                w as f64 / scale
            } else {
                w as f64 * scale
            };
        }
    }
    exact(digits, exponent)
}

/// `magnitude` by exact arithmetic: the quotient num / den to 54 bits and
/// whether anything is left over, then rounded once.
fn exact(digits: &[u8], exponent: i64) -> f64 {
    let mut num = Big::from_digits(digits);
    let mut den = Big(vec![1]);
    if exponent >= 0 {
        num.mul_pow10(exponent as u32);
    } else {
        den.mul_pow10(exponent.unsigned_abs() as u32);
    }
    // Scale num / den into [1, 2): the number is that times 2^k.
    let mut k = num.bits() as i64 - den.bits() as i64;
    if k > 0 {
        den.shl(k as u32);
    } else {
        num.shl(k.unsigned_abs() as u32);
    }
    if num < den {
        num.shl(1);
        k -= 1;
    }
    let mut q: u64 = 0;
    for _ in 0..54 {
        q <<= 1;
        if num >= den {
            num.sub(&den);
            q |= 1;
        }
        num.shl(1);
    }
    let sticky = !num.is_zero();
    // q is in [2^53, 2^54): the number is q x 2^(k - 53), plus a bit more
    // when sticky. Below 2^-1022 the double has fewer bits: its unit is
    // 2^-1074, so `shift` of q's bits fall below it.
    let shift = if k >= -1022 { 1 } else { -k - 1021 };
    if shift >= 64 {
        return 0.0;
    }
    let mut m = q >> shift;
    let half = (q >> (shift - 1)) & 1 == 1;
    let rest = sticky || q & ((1 << (shift - 1)) - 1) != 0;
    if half && (rest || m & 1 == 1) {
        m += 1;
    }
    if shift > 1 {
        // A subnormal, or the smallest normal if it rounded up to 2^52:
        // the bits read the same either way.
        return f64::from_bits(m);
    }
    if m == 1 << 53 {
        m >>= 1;
        k += 1;
    }
    if k > 1023 {
        return f64::INFINITY;
    }
    f64::from_bits((((k + 1023) as u64) << 52) | (m & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    use super::parse;
    use proptest::prelude::*;

    /// What std reads, as this module promises to read it.
    fn std_parse(text: &str) -> Option<f64> {
        let lower = text.to_ascii_lowercase();
        if lower.contains("inf") || lower.contains("nan") {
            return None;
        }
        text.parse().ok()
    }

    fn same(text: &str) {
        let ours = parse(text).map(f64::to_bits);
        assert_eq!(ours, std_parse(text).map(f64::to_bits), "{text:?}");
    }

    #[test]
    fn edge_cases_read_as_std_reads_them() {
        let halfway_above = format!("9007199254740993{}1e-901", "0".repeat(900));
        let halfway_below = format!("9007199254740992{}e-900", "9".repeat(900));
        for text in [
            "0",
            "-0",
            "+0.000",
            "0e999999999999999999999",
            "1e-999999999999999999999",
            "1e999999999999999999999",
            "0.1",
            "0.30000000000000004",
            "1.",
            ".5",
            "-.5e-3",
            "123456789012345678901234567890",
            "9007199254740992",
            "9007199254740993",
            "9007199254740995",
            "18014398509481985",
            &halfway_above,
            &halfway_below,
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "7.4109846876186981e-324",
            "1e-323",
            "1e-324",
            "1e22",
            "1e23",
            "8.98846567431158e307",
            "4.35e-310",
            "",
            ".",
            "+",
            "-",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e5.",
            "1..2",
            "+-1",
            "1 ",
            " 1",
            "1,000",
            "1_000",
            "0x10",
            "inf",
            "-infinity",
            "NaN",
        ] {
            same(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn every_double_printed_reads_back(bits in any::<u64>(), precision in 0usize..20) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            for text in [
                format!("{x}"),
                format!("{x:e}"),
                format!("{x:.precision$e}"),
                format!("{x:.precision$}"),
            ] {
                same(&text);
            }
            prop_assert_eq!(parse(&format!("{x}")), Some(x));
        }

        #[test]
        fn decimal_text_reads_as_std_reads_it(
            text in "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?",
        ) {
            same(&text);
        }

        #[test]
        fn any_text_of_number_characters_reads_as_std_reads_it(text in "[0-9.eE+-]{0,12}") {
            same(&text);
        }
    }

    proptest! {
        // Slow cases (up to 1,130 digits each): fewer of them.
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        /// Numbers exactly halfway between two doubles, or a hair either
        /// side: odd 54-bit m times 2^p, written out exactly.
        #[test]
        fn halfway_numbers_round_as_std_rounds_them(
            m in (1u64 << 53..1 << 54).prop_map(|m| m | 1),
            p in -1130i32..970,
        ) {
            // m x 2^p = m x 5^-p / 10^-p for negative p; digits least
            // significant first.
            let mut digits: Vec<u8> = m.to_string().bytes().rev().map(|c| c - b'0').collect();
            let factor = if p < 0 { 5 } else { 2 };
            for _ in 0..p.unsigned_abs() {
                let mut carry = 0;
                for d in &mut digits {
                    let x = *d * factor + carry;
                    *d = x % 10;
                    carry = x / 10;
                }
                if carry > 0 {
                    digits.push(carry);
                }
            }
            let exponent = p.min(0);
            let text = |digits: &[u8], tail: &str| {
                let s: String = digits.iter().rev().map(|d| char::from(b'0' + d)).collect();
                format!("{s}{tail}e{}", i64::from(exponent) - tail.len() as i64)
            };
            same(&text(&digits, ""));
            same(&text(&digits, "0000000000000001"));
            // One less, then nines: just below halfway.
            let mut below = digits.clone();
            for d in &mut below {
                if *d > 0 {
                    *d -= 1;
                    break;
                }
                *d = 9;
            }
            same(&text(&below, "9999999999999999"));
        }
    }
}
