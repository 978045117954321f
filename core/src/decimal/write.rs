//! `f64` to decimal text: [`Decimal`].

use super::big::Big;
use std::fmt;

/// A double written as std writes an `f64`: `{}`, `{:.2}`, `{:e}` and
/// `{:.3e}` of `Decimal(x)` give the same text as of `x`, digit for digit,
/// with the same signs, flags and widths (see the module above for why).
///
/// ```
/// use envelope_core::decimal::Decimal;
/// assert_eq!(format!("{}", Decimal(0.1 + 0.2)), "0.30000000000000004");
/// assert_eq!(format!("{}", Decimal(1e21)), "1000000000000000000000");
/// assert_eq!(format!("{:.2}", Decimal(2.675)), "2.67"); // 2.67499999999999982236431605997495353221893310546875
/// assert_eq!(format!("{:.0}", Decimal(2.5)), "2"); // ties to even
/// assert_eq!(format!("{:e}", Decimal(1234.5)), "1.2345e3");
/// assert_eq!(format!("{:.1e}", Decimal(-0.000_123)), "-1.2e-4");
/// assert_eq!(format!("{:>8.1}", Decimal(3.14159)), "     3.1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decimal(pub f64);

/// Decimal digits `d1 d2 ...` (no leading zero) and where the point goes:
/// the number is `0.d1d2... x 10^point`. No digits is zero.
struct Digits {
    digits: Vec<u8>,
    point: i32,
}

impl Digits {
    /// The shortest digits that read back as `x` (finite, not negative),
    /// from zmij's text of it (`123.45`, `1e-7`, `1.5e21`).
    fn shortest(x: f64) -> Digits {
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(x);
        let (mantissa, exponent) = match text.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (text, 0),
        };
        let mut digits = Vec::with_capacity(mantissa.len());
        let mut point = exponent;
        let mut before_dot = true;
        for b in mantissa.bytes() {
            match b {
                b'.' => before_dot = false,
                b'0'..=b'9' => {
                    if b == b'0' && digits.is_empty() {
                        // A leading zero: after the dot it moves the point.
                        point -= i32::from(!before_dot);
                    } else {
                        digits.push(b - b'0');
                        point += i32::from(before_dot);
                    }
                }
                _ => {}
            }
        }
        let zmij = Digits::trimmed(digits, point);
        // Where the double lies exactly halfway between two shortest
        // candidates, zmij and std pick different ones: std the one above.
        // That needs 16 or more digits (shorter decimals are further apart
        // than doubles, so only one of them reads back), and the double's
        // every digit to be those and a 5 after them. A double m x 2^e
        // with m odd has its last digit at 10^e (e < 0; an integer has no
        // such 5), so it has point - e digits: more than 18 rules it out,
        // which is nearly every double with 16 digits or more.
        let (m, e) = parts(x);
        let last = e + m.trailing_zeros() as i32;
        if zmij.digits.len() < 16 || last >= 0 || zmij.point - last > 18 {
            return zmij;
        }
        let above = Digits::exact(x).rounded_with(zmij.digits.len() as i32, false);
        if super::parse(&above.scientific(None)) == Some(x) {
            above
        } else {
            zmij
        }
    }

    /// Every digit of `x` (finite, not negative): a double is m x 2^e, so
    /// m x 2^e as an integer when e >= 0, and m x 5^-e / 10^-e when not.
    fn exact(x: f64) -> Digits {
        let (m, e) = parts(x);
        let mut n = Big(vec![m as u32, (m >> 32) as u32]);
        while n.0.last() == Some(&0) {
            n.0.pop();
        }
        if e >= 0 {
            n.shl(e as u32);
        } else {
            n.mul_pow5(e.unsigned_abs());
        }
        let digits = n.to_digits();
        let point = digits.len() as i32 + e.min(0);
        Digits::trimmed(digits, point)
    }

    /// The digits of `x` (finite, not negative) rounded to `decimals`
    /// places, halfway cases to even: the exact digits, or, when they
    /// cannot round otherwise, x x 10^decimals rounded as a double. That
    /// product is within half a unit in its last place of the exact one, so
    /// it rounds the same way unless it lies within one unit of a halfway
    /// point; under 2^50 a unit is at most 1/4.
    fn fixed(x: f64, decimals: usize) -> Digits {
        if decimals <= 22 {
            let scaled = x * 10f64.powi(decimals as i32);
            let whole = scaled.floor();
            let unit = scaled * f64::EPSILON;
            if scaled < (1u64 << 50) as f64 && ((scaled - whole) - 0.5).abs() > unit {
                let n = whole as u64 + u64::from(scaled - whole > 0.5);
                let digits: Vec<u8> = n.to_string().bytes().map(|b| b - b'0').collect();
                let point = digits.len() as i32 - decimals as i32;
                return Digits::trimmed(if n == 0 { Vec::new() } else { digits }, point);
            }
        }
        let digits = Digits::exact(x);
        let keep = digits.point.saturating_add(decimals.min(1100) as i32);
        digits.rounded(keep)
    }

    /// Without trailing zeros, which say nothing; zero has its point at 0.
    fn trimmed(mut digits: Vec<u8>, point: i32) -> Digits {
        while digits.last() == Some(&0) {
            digits.pop();
        }
        let point = if digits.is_empty() { 0 } else { point };
        Digits { digits, point }
    }

    /// Rounded to the first `keep` digits (none when `keep` is 0 or less),
    /// halfway cases to even, as std rounds a fixed number of digits.
    fn rounded(self, keep: i32) -> Digits {
        self.rounded_with(keep, true)
    }

    /// Rounded to the first `keep` digits, halfway cases to even or up.
    fn rounded_with(mut self, keep: i32, ties_to_even: bool) -> Digits {
        let len = self.digits.len() as i32;
        if keep >= len {
            return self;
        }
        if keep < 0 {
            // Everything is dropped, and the first dropped digit is a 0.
            return Digits::trimmed(Vec::new(), 0);
        }
        let keep = keep as usize;
        let first = self.digits[keep];
        let more = self.digits[keep + 1..].iter().any(|&d| d != 0);
        let last_odd = keep > 0 && self.digits[keep - 1] % 2 == 1;
        let up = first > 5 || (first == 5 && (more || last_odd || !ties_to_even));
        self.digits.truncate(keep);
        if up {
            // Add one at the last kept digit; 9s carry.
            loop {
                match self.digits.last_mut() {
                    Some(9) => {
                        self.digits.pop();
                    }
                    Some(d) => {
                        *d += 1;
                        break;
                    }
                    None => {
                        self.digits.push(1);
                        self.point += 1;
                        break;
                    }
                }
            }
        }
        Digits::trimmed(self.digits, self.point)
    }

    /// Written out without an exponent, with at least `decimals` digits
    /// after the point (and a point only if there are any).
    fn plain(&self, decimals: usize) -> String {
        let mut text = String::new();
        let digit = |i: i32| -> char {
            let d = usize::try_from(i)
                .ok()
                .and_then(|i| self.digits.get(i))
                .copied();
            char::from(b'0' + d.unwrap_or(0))
        };
        if self.point <= 0 {
            text.push('0');
        } else {
            (0..self.point).for_each(|i| text.push(digit(i)));
        }
        let wanted = (self.digits.len() as i32 - self.point).max(decimals as i32);
        if wanted > 0 {
            text.push('.');
            (self.point..self.point + wanted).for_each(|i| text.push(digit(i)));
        }
        text
    }

    /// Written as `d.ddde-7`, with exactly `decimals` digits after the point
    /// when given, else every digit.
    fn scientific(&self, decimals: Option<usize>) -> String {
        let exponent = if self.digits.is_empty() {
            0
        } else {
            self.point - 1
        };
        let decimals = decimals.unwrap_or(self.digits.len().saturating_sub(1));
        let digit = |i: usize| char::from(b'0' + self.digits.get(i).copied().unwrap_or(0));
        let mut text = String::new();
        text.push(digit(0));
        if decimals > 0 {
            text.push('.');
            (1..=decimals).for_each(|i| text.push(digit(i)));
        }
        text.push('e');
        text.push_str(&exponent.to_string());
        text
    }
}

/// A double (finite, not negative) as m x 2^e, m an integer under 2^53.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

impl Decimal {
    /// Writes `text` (digits, no sign) with the sign and the formatter's
    /// width, fill and flags, as std pads a number. `NaN` and `inf` are
    /// written whatever the precision, and `NaN` without a sign.
    fn pad(self, f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
        f.pad_integral(self.0.is_nan() || !self.0.is_sign_negative(), "", text)
    }

    /// `NaN` or `inf` (the sign comes from [`Decimal::pad`]), or `None`
    /// for a number.
    fn special(self) -> Option<&'static str> {
        match self.0 {
            x if x.is_nan() => Some("NaN"),
            x if x.is_infinite() => Some("inf"),
            _ => None,
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.special() {
            return self.pad(f, text);
        }
        let x = self.0.abs();
        let text = match f.precision() {
            None => Digits::shortest(x).plain(0),
            Some(decimals) => Digits::fixed(x, decimals).plain(decimals),
        };
        self.pad(f, &text)
    }
}

impl fmt::LowerExp for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.special() {
            return self.pad(f, text);
        }
        let x = self.0.abs();
        let text = match f.precision() {
            None => Digits::shortest(x).scientific(None),
            Some(decimals) => {
                let keep = decimals.min(1100) as i32 + 1;
                Digits::exact(x).rounded(keep).scientific(Some(decimals))
            }
        };
        self.pad(f, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;
    use proptest::prelude::*;

    /// Every way the core writes a double, ours against std's.
    fn same(x: f64, precision: usize) {
        let d = Decimal(x);
        assert_eq!(format!("{d}"), format!("{x}"), "{{}} of {x:?}");
        assert_eq!(format!("{d:e}"), format!("{x:e}"), "{{:e}} of {x:?}");
        assert_eq!(
            format!("{d:.precision$}"),
            format!("{x:.precision$}"),
            "{{:.{precision}}} of {x:?}"
        );
        assert_eq!(
            format!("{d:.precision$e}"),
            format!("{x:.precision$e}"),
            "{{:.{precision}e}} of {x:?}"
        );
    }

    #[test]
    fn edge_cases_write_as_std_writes_them() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            2.675,
            1.005,
            1.015,
            9.5,
            99.5,
            999.999_5,
            0.000_1,
            1e-7,
            1e15,
            1e16,
            1e21,
            1e22,
            1e23,
            123_456.789,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            1.797_693_134_862_315_7e308,
            4.35e-310,
            0.3,
            2.0f64.powi(60),
            9_007_199_254_740_993.0,
        ];
        for x in values {
            for precision in [0, 1, 2, 3, 5, 10, 17, 20, 30] {
                same(x, precision);
            }
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(format!("{}", Decimal(x)), format!("{x}"));
            assert_eq!(format!("{:.2}", Decimal(x)), format!("{x:.2}"));
            assert_eq!(format!("{:e}", Decimal(x)), format!("{x:e}"));
        }
    }

    #[test]
    fn flags_and_widths_pad_as_std_pads() {
        for x in [0.0, -0.0, 3.25, -3.25, 1e-7, 12_345.678] {
            let d = Decimal(x);
            assert_eq!(format!("{d:+}"), format!("{x:+}"));
            assert_eq!(format!("{d:>10.2}"), format!("{x:>10.2}"));
            assert_eq!(format!("{d:<10}"), format!("{x:<10}"));
            assert_eq!(format!("{d:08.1}"), format!("{x:08.1}"));
            assert_eq!(format!("{d:^12e}"), format!("{x:^12e}"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn every_double_writes_as_std_writes_it(bits in any::<u64>(), precision in 0usize..25) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            same(x, precision);
        }

        #[test]
        fn everyday_numbers_write_as_std_writes_them(
            whole in 0u64..10_000_000,
            scale in 0i32..12,
            precision in 0usize..8,
        ) {
            // Short decimals, the numbers people type: halfway cases at the
            // precision shown are common among them.
            let x = whole as f64 / 10f64.powi(scale);
            same(x, precision);
            same(-x, precision);
        }
    }
}
