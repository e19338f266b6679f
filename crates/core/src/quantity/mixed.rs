//! Numbers mixing Arabic digits with Chinese places: `1万600`, `100万三千`, `3亿5000万`, `8千4百萬`,
//! `200亿零四千230`, `1百01` — read as one number, or flagged where the writing allows two readings (`1万5`).

use super::arabic::*;
use super::chars::*;
use super::chinese::*;
use super::units::{is_kilo_unit, UnitMatch};
use crate::decimal::Decimal;

/// An Arabic number continued by a place (`万`, `亿`, `千`, `百`) and more of the number.
pub(super) struct Mixed {
    /// The whole value; `None` when the parts do not make one number (`1万20000`, `1.5万600`).
    pub(super) value: Option<Decimal>,
    /// Byte offset just past it.
    pub(super) end: usize,
    /// Set when the reading is uncertain: `1万5` is 15000 when spoken, but 10005 digit by digit.
    pub(super) note: Option<String>,
}

/// One piece of a mixed number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Digits: their value, how many Arabic digits were written (0 for a Chinese digit).
    Num(u128, usize),
    /// `零`, or the leading zero that marks an empty place.
    Zero,
    /// `十`, `百`, `千`.
    Small(u128),
    /// `万`, `亿`.
    Big(u128),
}

/// The place a character at `pos` stands for in a mixed number; `千` that starts `千瓦` and `百` that starts
/// `百分` are units, not places.
fn place_at(text: &str, pos: usize) -> Option<(Piece, usize)> {
    let c = char_at(text, pos)?;
    let rest = &text[pos..];
    let piece = match numeral_kind(c)? {
        Numeral::Small(_) if c == '廿' || c == '卅' => return None,
        Numeral::Small(1000) if is_kilo_unit(rest) => return None,
        Numeral::Small(100) if rest.starts_with("百分") => return None,
        Numeral::Small(u) => Piece::Small(u),
        Numeral::Big(u) => Piece::Big(u),
        _ => return None,
    };
    Some((piece, c.len_utf8()))
}

/// Reads an Arabic integer followed at once by a place and more of the number as one number: `1万600` is 10600,
/// `100万三千` 1003000, `3亿5000万` 350000000, `8千4百萬` 84000000, `200亿零四千230` 20000004230, `1百01` 101.
/// `None` when no such tail follows (`1万座`, `2千萬元`: the places are then the unit's multiplier).
///
/// A one-digit Arabic tail (`1万5`, `1千5`) is 15000 spoken but 10005 digit by digit, and a tail after `千` or
/// `百` that does not fill its places (`4千23`: 4023 or 4230?) is just as unclear: both are flagged with a note.
pub(super) fn mixed_number(text: &str, number: &Number) -> Option<Mixed> {
    let (first, len) = place_at(text, number.end)?;
    let after = number.end + len;
    let starts_number = |pos: usize| {
        is_digit_at(text, pos)
            || char_at(text, pos).is_some_and(|c| matches!(numeral_kind(c), Some(Numeral::Digit(_))) || c == '十')
    };
    let zero_then_number = char_at(text, after)
        .filter(|&c| numeral_kind(c) == Some(Numeral::Zero))
        .is_some_and(|z| starts_number(after + z.len_utf8()));
    if !starts_number(after) && !zero_then_number {
        return None;
    }
    let head = number.value.filter(|_| number.integer).and_then(whole_number);
    let mut pieces = vec![(Piece::Num(head.unwrap_or(0), number.int_digits), number.end), (first, after)];
    let mut pos = after;
    let mut bad = head.is_none();
    while let Some(c) = char_at(text, pos) {
        if let Some((piece, len)) = place_at(text, pos) {
            pos += len;
            pieces.push((piece, pos));
        } else if digit_value(c).is_some() {
            let n = lex_number(text, pos);
            if is_in_name(text, pos, n.end) {
                break;
            }
            let value = n.value.filter(|_| n.integer).and_then(whole_number);
            bad |= value.is_none();
            pos = n.end;
            pieces.push((Piece::Num(value.unwrap_or(0), n.int_digits), pos));
        } else {
            match numeral_kind(c) {
                Some(Numeral::Digit(d)) => pieces.push((Piece::Num(d, 0), pos + c.len_utf8())),
                Some(Numeral::Zero) => pieces.push((Piece::Zero, pos + c.len_utf8())),
                _ => break,
            }
            pos += c.len_utf8();
        }
    }
    // A trailing zero belongs to what follows (`1万零`), not to the number.
    while pieces.last().is_some_and(|(p, _)| *p == Piece::Zero) {
        pieces.pop();
    }
    let end = pieces.last().map_or(number.end, |&(_, end)| end);
    let written = &text[number.start..end];
    let kinds: Vec<Piece> = pieces.iter().map(|&(p, _)| p).collect();
    let reading = if bad { None } else { evaluate(&kinds) };
    let Some(reading) = reading else {
        return Some(Mixed { value: None, end, note: None });
    };
    let value = Decimal::new(i128::try_from(reading.value).ok()?, 0);
    let note = reading.literal.map(|literal| {
        format!("`{written}` is {} when spoken but {literal} digit by digit: check by hand", reading.value)
    });
    Some(Mixed { value, end, note })
}

/// The value of a mixed number, and for a tail that can be read two ways, its digit-by-digit reading.
struct Reading {
    value: u128,
    literal: Option<u128>,
}

/// Evaluates the pieces as a Chinese numeral whose digits may be Arabic numbers: a number before `十`, `百` or
/// `千` is one digit; before `万` less than 10^4; the part before `亿` less than 10^8. `None` for anything that is
/// not one well-formed number.
fn evaluate(pieces: &[Piece]) -> Option<Reading> {
    let (mut total, mut section, mut group) = (0u128, 0u128, 0u128);
    let mut pending: Option<(u128, usize, bool)> = None; // a number waiting for its place: value, digits, after 零
    let mut smallest = 10_000; // the smallest place used in the current group
    let mut last_place = 1; // the last place written
    let (mut seen_wan, mut seen_yi, mut zero) = (false, false, false);
    let mut elided: Option<u128> = None; // how much more the spoken reading of an elided digit is
    for &piece in pieces {
        match piece {
            Piece::Num(n, digits) => {
                if pending.is_some() {
                    return None;
                }
                pending = Some((n, digits, zero));
                zero = false;
            }
            Piece::Zero => {
                if pending.is_some() || zero {
                    return None;
                }
                zero = true;
            }
            Piece::Small(u) => {
                // `1万十`: a bare 十 is 一十.
                let (n, _, _) = pending.take().or((u == 10).then_some((1, 0, zero)))?;
                if u >= smallest || n >= 10 || n == 0 || zero {
                    return None;
                }
                group = group.checked_add(n * u)?;
                smallest = u;
                last_place = u;
            }
            Piece::Big(u) => {
                if zero {
                    return None;
                }
                let pending = pending.take();
                // `1千5万`: 1500万 spoken, 1005万 digit by digit.
                if let Some((n, 1, false)) = pending.filter(|_| (100..10_000).contains(&smallest)) {
                    elided = Some((n * (smallest / 10) - n).checked_mul(u)?);
                }
                let below = group.checked_add(pending.map_or(0, |(n, _, _)| n))?;
                if u == 10_000 {
                    if seen_wan || below == 0 || below >= 10_000 {
                        return None;
                    }
                    seen_wan = true;
                    section = below * u;
                } else {
                    let part = section.checked_add(below)?;
                    if seen_yi || part == 0 || part >= 100_000_000 {
                        return None;
                    }
                    seen_yi = true;
                    seen_wan = false;
                    total = part.checked_mul(u)?;
                    section = 0;
                }
                group = 0;
                smallest = 10_000;
                last_place = u;
            }
        }
    }
    if zero {
        return None;
    }
    let whole = total.checked_add(section)?.checked_add(group)?;
    if let Some(extra) = elided {
        // The spoken reading, flagged; a tail after it would only add to the doubt.
        let literal = whole.checked_add(pending.map_or(0, |(n, _, _)| n))?;
        return Some(Reading { value: literal.checked_add(extra)?, literal: Some(literal) });
    }
    let Some((n, digits, after_zero)) = pending else {
        return Some(Reading { value: whole, literal: None });
    };
    if n >= last_place {
        return None;
    }
    let places = last_place.ilog10() as usize;
    let literal = whole.checked_add(n)?;
    match (digits, after_zero) {
        // `四千零5`, `1万零600`: the zero says the digits stand at the bottom.
        (_, true) => Some(Reading { value: literal, literal: None }),
        // A Chinese digit right after a place is the next place down: `一万五` is 15000.
        (0, false) => {
            let spoken = if last_place >= 100 { whole.checked_add(n * (last_place / 10))? } else { literal };
            Some(Reading { value: spoken, literal: None })
        }
        // `1万5`, `1千5`: spoken 15000 / 1500, digit by digit 10005 / 1005.
        (1, false) if last_place >= 100 => {
            Some(Reading { value: whole.checked_add(n * (last_place / 10))?, literal: Some(literal) })
        }
        // `四千230`, `1百01`: the digits fill the places below, so they read as written.
        (d, false) if d == places => Some(Reading { value: literal, literal: None }),
        // `1万600`, `3亿5000`: after 万 or 亿 digits are read as written, as they are in print.
        (_, false) if last_place >= 10_000 => Some(Reading { value: literal, literal: None }),
        // `4千23`: 4023 or 4230. More digits than places (`1百001`) is no number.
        _ => {
            let shift = u32::try_from(places.checked_sub(digits)?).ok()?;
            Some(Reading { value: whole.checked_add(n.checked_mul(10u128.pow(shift))?)?, literal: Some(literal) })
        }
    }
}

/// A non-negative integer's value.
fn whole_number(v: Decimal) -> Option<u128> {
    v.to_string().parse().ok()
}

/// For a mixed number from `start` to `end` with no unit after it, its last place as its unit when that is `万`
/// or `亿` (`8千4百萬`): the value is then counted in that place.
pub(super) fn trailing_multiplier(text: &str, start: usize, end: usize) -> Option<UnitMatch> {
    let written = text.get(start..end)?;
    let unit = ["万亿", "亿", "万", "億", "萬"].into_iter().find(|m| written.ends_with(m))?;
    let unit = match unit {
        "億" => "亿",
        "萬" => "万",
        other => other,
    };
    Some(UnitMatch { unit: unit.into(), end, more_than: false, rank: false })
}
