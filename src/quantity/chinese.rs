//! Chinese numerals: which characters are numerals and how a well-formed numeral reads as an integer.

use super::chars::*;
use super::units::is_kilo_unit;
use crate::decimal::Decimal;

/// What a Chinese numeral character stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Numeral {
    /// `一` … `九`, `两`.
    Digit(u128),
    /// `零`, `〇`, `○`: a placeholder (`一千零五`).
    Zero,
    /// `十`, `百`, `千`: positions within a group of four digits.
    Small(u128),
    /// `万`, `亿`: groups of four and eight digits.
    Big(u128),
}

/// The meaning of `c` as part of a Chinese numeral.
pub(super) fn numeral_kind(c: char) -> Option<Numeral> {
    Some(match c {
        '零' | '〇' | '○' => Numeral::Zero,
        '一' => Numeral::Digit(1),
        '二' | '两' => Numeral::Digit(2),
        '三' => Numeral::Digit(3),
        '四' => Numeral::Digit(4),
        '五' => Numeral::Digit(5),
        '六' => Numeral::Digit(6),
        '七' => Numeral::Digit(7),
        '八' => Numeral::Digit(8),
        '九' => Numeral::Digit(9),
        '十' => Numeral::Small(10),
        '百' => Numeral::Small(100),
        '千' => Numeral::Small(1000),
        '万' => Numeral::Big(10_000),
        '亿' => Numeral::Big(100_000_000),
        _ => return None,
    })
}

/// The end of the run of Chinese numeral characters starting at `start`, and its length in characters. The run
/// stops before a `千` that starts a unit (`二十万千瓦`) and before `百分` (`二十个百分点` aside, `十五百分点`).
pub(super) fn chinese_run_end(text: &str, start: usize) -> (usize, usize) {
    let mut pos = start;
    let mut count = 0;
    while let Some(c) = char_at(text, pos) {
        let rest = &text[pos..];
        let starts_unit = (c == '千' && is_kilo_unit(rest)) || (c == '百' && rest.starts_with("百分"));
        if numeral_kind(c).is_none() || starts_unit {
            break;
        }
        pos += c.len_utf8();
        count += 1;
    }
    (pos, count)
}

/// Reads a well-formed Chinese numeral (`十五`, `一百二十`, `三千零五十`, `两万`, `一万五`, `三亿五千万`, `一万亿`).
///
/// `None` for anything else: digit-by-digit numbers (`二○三五`, `一一`), five-year-plan names (`十四五`),
/// positions out of order (`百千万`), a position with no digit (`百万`, except a leading `十`), a trailing
/// `零`, or a value of 10^24 or more.
pub(super) fn parse_chinese_numeral(s: &str) -> Option<u128> {
    /// The previous character's kind.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Prev {
        Start,
        Digit,
        Zero,
        Small(u128),
        Big(u128),
    }
    let mut total: u128 = 0; // everything closed by 亿
    let mut section: u128 = 0; // the part closed by 万, below 亿
    let mut group: u128 = 0; // the part below 万
    let mut digit: Option<(u128, Prev)> = None; // a digit waiting for its position, and what came before it
    let mut smallest = 10_000; // the smallest of 十百千 used in the current group
    let (mut seen_wan, mut seen_yi) = (false, false);
    let mut prev = Prev::Start;
    for c in s.chars() {
        match numeral_kind(c)? {
            Numeral::Digit(d) => {
                if prev == Prev::Digit {
                    return None;
                }
                digit = Some((d, prev));
                prev = Prev::Digit;
            }
            Numeral::Zero => {
                if !matches!(prev, Prev::Small(_) | Prev::Big(_)) {
                    return None;
                }
                prev = Prev::Zero;
            }
            Numeral::Small(unit) => {
                if unit >= smallest {
                    return None;
                }
                let d = match (digit.take(), prev) {
                    (Some((d, _)), _) => d,
                    (None, Prev::Start) if unit == 10 => 1,
                    _ => return None,
                };
                group = group.checked_add(d.checked_mul(unit)?)?;
                smallest = unit;
                prev = Prev::Small(unit);
            }
            Numeral::Big(unit) => {
                if matches!(prev, Prev::Start | Prev::Zero) {
                    return None;
                }
                let below = group.checked_add(digit.take().map_or(0, |(d, _)| d))?;
                if unit == 10_000 {
                    if seen_wan || below == 0 {
                        return None;
                    }
                    seen_wan = true;
                    section = below.checked_mul(unit)?;
                } else {
                    let part = section.checked_add(below)?;
                    if seen_yi || part == 0 {
                        return None;
                    }
                    seen_yi = true;
                    seen_wan = false;
                    total = part.checked_mul(unit)?;
                    section = 0;
                }
                group = 0;
                smallest = 10_000;
                prev = Prev::Big(unit);
            }
        }
    }
    if prev == Prev::Zero {
        return None;
    }
    // A trailing digit right after 百, 千, 万 or 亿 is the next position down: 一百五 is 150, 一万五 is 15000.
    let last = match digit {
        Some((d, Prev::Small(u) | Prev::Big(u))) if u >= 100 => d.checked_mul(u / 10)?,
        Some((d, _)) => d,
        None => 0,
    };
    let value = total.checked_add(section)?.checked_add(group)?.checked_add(last)?;
    (value < 10u128.pow(24)).then_some(value)
}

/// A Chinese numeral's value as a [`Decimal`].
pub(super) fn chinese_decimal(value: u128) -> Option<Decimal> {
    Decimal::new(i128::try_from(value).ok()?, 0)
}
