//! Exact decimal numbers for indicator values.
//!
//! Figures in government documents are decimals written by people (`48.02亿元`, `87.5%`). Storing them as
//! floating point would print `2.3亿` as `229999999.99999997`; a [`Decimal`] keeps the digits exactly as an
//! integer mantissa and a power-of-ten scale, and only turns into a float for sorting or charts.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// An exact decimal: `mantissa × 10^-scale`, always kept in lowest terms (no trailing zeros in the mantissa
/// when `scale > 0`), so that equal numbers have equal representations and `==` is numeric equality.
///
/// Packed to 4-byte alignment: 20 bytes instead of the 32 an `i128` field's 16-byte alignment would pad it to
/// (an indicator holds five of them, 100,000 indicators at 1,000 cities). Fields are only ever read by value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(C, packed(4))]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// The largest scale (digits after the point) a [`Decimal`] accepts.
const MAX_SCALE: u32 = 18;
/// The largest number of significant digits a [`Decimal`] accepts; far beyond any real figure, and small enough
/// that scaling by 10^12 (万亿) cannot overflow an `i128`.
const MAX_DIGITS: usize = 24;

/// Why a string is not a [`Decimal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDecimalError(String);

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseDecimalError {}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };

    /// Builds `mantissa × 10^-scale`, reduced to lowest terms. Returns `None` when `scale` is too large.
    pub fn new(mantissa: i128, scale: u32) -> Option<Decimal> {
        if scale > MAX_SCALE {
            return None;
        }
        Some(Decimal { mantissa, scale }.normalized())
    }

    /// An integer as a decimal.
    pub fn from_int(n: i64) -> Decimal {
        Decimal { mantissa: i128::from(n), scale: 0 }
    }

    fn normalized(mut self) -> Decimal {
        if self.mantissa == 0 {
            return Decimal::ZERO;
        }
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// Multiplies by `10^exp` (how 万 = 10^4 and 亿 = 10^8 are applied). `None` on overflow.
    pub fn scale_by_pow10(self, exp: u32) -> Option<Decimal> {
        let mut d = self;
        let mut exp = exp;
        while exp > 0 && d.scale > 0 {
            d.scale -= 1;
            exp -= 1;
        }
        let factor = 10i128.checked_pow(exp)?;
        d.mantissa = d.mantissa.checked_mul(factor)?;
        Some(d.normalized())
    }

    /// Multiplies two decimals exactly, rounding to at most `max_scale` digits after the point.
    /// `None` on overflow. Used by the synthetic-corpus generator to scale figures.
    pub fn mul_rounded(self, other: Decimal, max_scale: u32) -> Option<Decimal> {
        let mut mantissa = self.mantissa.checked_mul(other.mantissa)?;
        let mut scale = self.scale + other.scale;
        while scale > max_scale.min(MAX_SCALE) {
            let rem = mantissa % 10;
            mantissa /= 10;
            if rem >= 5 {
                mantissa += 1;
            } else if rem <= -5 {
                mantissa -= 1;
            }
            scale -= 1;
        }
        Some(Decimal { mantissa, scale }.normalized())
    }

    /// The same number with the opposite sign (`负十一` is -11, `-2.1%` is -2.1).
    pub fn negated(self) -> Decimal {
        Decimal { mantissa: -self.mantissa, scale: self.scale }
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The exact sum, `None` on overflow (`1万600` is 1 × 10^4 + 600).
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self.mantissa.checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other.mantissa.checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Decimal::new(a.checked_add(b)?, scale)
    }

    /// The exact quotient by a positive integer, if it has a finite decimal expansion of at most 18 digits after
    /// the point (`1 / 5` is 0.2); `None` otherwise (`1 / 3`), or when `divisor` is not positive.
    pub fn div_exact(self, divisor: i128) -> Option<Decimal> {
        if divisor <= 0 {
            return None;
        }
        let (mut mantissa, mut scale) = (self.mantissa, self.scale);
        while mantissa % divisor != 0 {
            if scale >= MAX_SCALE {
                return None;
            }
            mantissa = mantissa.checked_mul(10)?;
            scale += 1;
        }
        Decimal::new(mantissa / divisor, scale)
    }

    /// `self - other`, exactly. `None` on overflow.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(Decimal { mantissa: other.mantissa.checked_neg()?, scale: other.scale })
    }

    /// True for a whole number.
    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    /// The number of digits after the decimal point.
    pub fn scale(self) -> u32 {
        self.scale
    }

    /// The nearest `f64`, for sorting, ratios and charts; never for display or comparison of curated values.
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    /// Parses a plain ASCII decimal such as `2062`, `48.02`, `-3.5` or `.5`. No exponents, no separators.
    pub fn parse(s: &str) -> Result<Decimal, ParseDecimalError> {
        let err = || ParseDecimalError(format!("`{s}` is not a decimal number"));
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(err());
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let digits = int_part.trim_start_matches('0').len() + frac_part.len();
        if digits > MAX_DIGITS || frac_part.len() > MAX_SCALE as usize {
            return Err(ParseDecimalError(format!("`{s}` has more digits than a figure can have")));
        }
        let mut mantissa: i128 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        if neg {
            mantissa = -mantissa;
        }
        Ok(Decimal { mantissa, scale: frac_part.len() as u32 }.normalized())
    }
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;
    fn from_str(s: &str) -> Result<Decimal, ParseDecimalError> {
        Decimal::parse(s)
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        // Bring both to the same scale; mantissas are bounded by MAX_DIGITS so this cannot overflow in practice,
        // and falls back to floats if it would.
        let scale = self.scale.max(other.scale);
        let a = 10i128.checked_pow(scale - self.scale).and_then(|f| self.mantissa.checked_mul(f));
        let b = 10i128.checked_pow(scale - other.scale).and_then(|f| other.mantissa.checked_mul(f));
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let mut out = String::with_capacity(digits.len() + 3);
        if neg {
            out.push('-');
        }
        if scale == 0 {
            out.push_str(&digits);
        } else if digits.len() > scale {
            let (i, fr) = digits.split_at(digits.len() - scale);
            out.push_str(i);
            out.push('.');
            out.push_str(fr);
        } else {
            out.push_str("0.");
            for _ in 0..(scale - digits.len()) {
                out.push('0');
            }
            out.push_str(&digits);
        }
        f.pad(&out)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({self})")
    }
}

/// Serialized as a JSON/YAML number when it fits exactly in an integer, else as a string: a consumer never
/// receives a rounded float.
impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.scale == 0 {
            if let Ok(n) = i64::try_from(self.mantissa) {
                return s.serialize_i64(n);
            }
        }
        // Decimals with a fraction: a float only when it round-trips to the same text.
        let text = self.to_string();
        let f = self.to_f64();
        if self.scale > 0 && format!("{f}") == text {
            s.serialize_f64(f)
        } else {
            s.serialize_str(&text)
        }
    }
}

/// Accepts a YAML number (`1500`, `48.02`) or a string of digits (`"48.02"`). A float from the YAML parser is
/// read back through its shortest round-trip text, which is exactly what the curator typed for any figure of
/// up to 15 significant digits.
impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number such as 1500 or 48.02")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from_int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal { mantissa: i128::from(v), scale: 0 })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if !v.is_finite() {
                    return Err(E::custom("a figure must be a finite number"));
                }
                let text = format!("{v}");
                Decimal::parse(&text)
                    .map_err(|_| E::custom(format!("{text} cannot be kept exactly; write it as a string")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                Decimal::parse(v.trim()).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A [`Decimal`] as its exact text, for formats that cannot describe themselves (the parser's
/// own `Deserialize` asks the format what it holds).
pub mod exact {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Decimal;

    /// Writes the decimal's text.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// Reads the decimal's text back.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Decimal::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An optional [`Decimal`] as its exact text (see [`exact`]).
pub mod exact_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Decimal;

    /// Writes the decimal's text, if any.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads the decimal's text back, if any.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        text.map(|t| Decimal::parse(&t).map_err(serde::de::Error::custom)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn scaling_is_exact() {
        assert_eq!(d("2.3").scale_by_pow10(8).unwrap().to_string(), "230000000");
        assert_eq!(d("48.02").scale_by_pow10(8).unwrap().to_string(), "4802000000");
        assert_eq!(d("5.7").scale_by_pow10(4).unwrap().to_string(), "57000");
        assert_eq!(d("112.5").scale_by_pow10(4).unwrap().to_string(), "1125000");
        assert_eq!(d("1").scale_by_pow10(12).unwrap().to_string(), "1000000000000");
    }

    #[test]
    fn equal_numbers_compare_equal_whatever_the_spelling() {
        assert_eq!(d("87.50"), d("87.5"));
        assert_eq!(d("0010"), d("10"));
        assert!(d("87.5") < d("87.51"));
        assert!(d("-1") < d("0.5"));
        assert_eq!(d("0.05").to_string(), "0.05");
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in ["", ".", "1e5", "1,000", "一", "1.2.3", "--1"] {
            assert!(Decimal::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn yaml_floats_come_back_as_typed() {
        let v: Vec<Decimal> = serde_yaml::from_str("[48.02, 87.5, 1500, \"20.24\", 0.1]").unwrap();
        let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(s, ["48.02", "87.5", "1500", "20.24", "0.1"]);
    }

    #[test]
    fn multiplication_rounds_half_away_from_zero() {
        assert_eq!(d("2062").mul_rounded(d("1.137"), 2).unwrap().to_string(), "2344.49");
        assert_eq!(d("0.125").mul_rounded(d("1"), 2).unwrap().to_string(), "0.13");
    }
}
