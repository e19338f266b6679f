//! Arabic numbers: digits (ASCII or full-width), thousands separators, a decimal point; names and versions.

use super::chars::*;
use super::units::match_latin_unit;
use crate::decimal::Decimal;

/// The longest Arabic number (digits and point) whose text is kept; longer runs are skipped whole.
pub(super) const MAX_NUMBER_CHARS: usize = 40;

/// An Arabic number as read from the text.
pub(super) struct Number {
    /// Byte offset of its first digit.
    pub(super) start: usize,
    /// Byte offset just past its last digit.
    pub(super) end: usize,
    /// Its value; `None` when it has too many digits to be a figure.
    pub(super) value: Option<Decimal>,
    /// How many digits it has before the point (separators not counted).
    pub(super) int_digits: usize,
    /// True when written without a decimal point.
    pub(super) integer: bool,
}

impl Number {
    /// True for a four-digit integer from 1900 to 2100: with `年` after it, a year.
    pub(super) fn is_year(&self) -> bool {
        self.integer && self.int_digits == 4 && self.value.is_some_and(is_year_value)
    }
}

/// True for an integer from 1900 to 2100.
pub(super) fn is_year_value(v: Decimal) -> bool {
    v.is_integer() && v >= Decimal::from_int(1900) && v <= Decimal::from_int(2100)
}

/// True for an integer from 1 to 12: with `月` after it, a month of the year.
pub(super) fn is_month_value(v: Decimal) -> bool {
    v.is_integer() && v >= Decimal::from_int(1) && v <= Decimal::from_int(12)
}

/// Reads the Arabic number starting at `start` (which must be a digit): digits, optional thousands separators
/// (`,` and exactly three digits) and an optional fraction. Full-width digits are read as ASCII ones.
pub(super) fn lex_number(text: &str, start: usize) -> Number {
    let mut ascii = String::new();
    let mut pos = start;
    let mut int_digits = 0;
    let push = |ascii: &mut String, d: u8| {
        if ascii.len() <= MAX_NUMBER_CHARS {
            ascii.push(char::from(b'0' + d));
        }
    };
    while let Some(c) = char_at(text, pos) {
        let Some(d) = digit_value(c) else { break };
        push(&mut ascii, d);
        int_digits += 1;
        pos += c.len_utf8();
    }
    if int_digits <= 3 {
        while let Some(group_end) = thousands_group_end(text, pos) {
            for b in text.as_bytes()[group_end - 3..group_end].iter() {
                push(&mut ascii, b - b'0');
            }
            int_digits += 3;
            pos = group_end;
        }
    }
    let mut integer = true;
    if let Some(point @ ('.' | '．')) = char_at(text, pos) {
        let after_point = pos + point.len_utf8();
        if is_digit_at(text, after_point) {
            integer = false;
            ascii.push('.');
            pos = after_point;
            while let Some(c) = char_at(text, pos) {
                let Some(d) = digit_value(c) else { break };
                push(&mut ascii, d);
                pos += c.len_utf8();
            }
        }
    }
    let value = if ascii.len() > MAX_NUMBER_CHARS { None } else { Decimal::parse(&ascii).ok() };
    Number { start, end: pos, value, int_digits, integer }
}

/// If a thousands separator and exactly three ASCII digits (not followed by a fourth digit) start at `pos`, the
/// end of that group. The separator is an ASCII comma or a full-width `，` (`82，225.00元`): a full-width comma is
/// also punctuation, but a clause of a plan does not start with exactly three digits right after a number of at
/// most three digits.
pub(super) fn thousands_group_end(text: &str, pos: usize) -> Option<usize> {
    let sep_len = match char_at(text, pos)? {
        ',' => 1,
        '，' => '，'.len_utf8(),
        _ => return None,
    };
    let digits = text.as_bytes().get(pos + sep_len..pos + sep_len + 3)?;
    let end = pos + sep_len + 3;
    let is_group = digits.iter().all(u8::is_ascii_digit) && !is_digit_at(text, end);
    is_group.then_some(end)
}

/// True if the number at `start..end` is part of a name or code: it touches an ASCII letter (`5G`, `IPv6`), or
/// is glued to an ASCII letter by `-`, `_`, `.`, `:` or `/` before it (`COVID-19`, `v.2`).
pub(super) fn is_in_name(text: &str, start: usize, end: usize) -> bool {
    let unit_after = text.get(end..).and_then(match_latin_unit).is_some(); // `100GWh`, `50kg`: a unit, not a name
    if char_before(text, start).is_some_and(is_name_char)
        || (char_at(text, end).is_some_and(is_name_char) && !unit_after)
    {
        return true;
    }
    match char_before(text, start) {
        Some(glue @ ('-' | '_' | '.' | ':' | '/')) => {
            char_before(text, start - glue.len_utf8()).is_some_and(is_name_char)
        }
        _ => false,
    }
}

/// If the number ending at `end` continues as a version, time, date or fraction (`1.2.3`, `10:06:09`,
/// `2022/10/21`), the end of that whole run, which is no figure.
pub(super) fn compound_end(text: &str, end: usize) -> Option<usize> {
    let glue = char_at(text, end).filter(|&c| is_compound_glue(c))?;
    if !is_digit_at(text, end + glue.len_utf8()) {
        return None;
    }
    Some(skip_compound(text, end))
}

/// Skips a run of digits, glue characters and hyphens from `pos` (the rest of `2022-10-21` or `10:06:09`).
pub(super) fn skip_compound(text: &str, mut pos: usize) -> usize {
    while let Some(c) = char_at(text, pos) {
        if digit_value(c).is_some() || is_compound_glue(c) || c == '-' {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}
