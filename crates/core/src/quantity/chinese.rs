//! Chinese numerals: which characters are numerals and how a well-formed numeral reads as an integer.

use super::chars::*;
use super::units::is_kilo_unit;
use crate::decimal::Decimal;

/// What a Chinese numeral character stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Numeral {
    /// `一` … `九`, `两`, `兩` and the financial `壹` … `玖`.
    Digit(u128),
    /// `零`, `〇`, `○`: a placeholder (`一千零五`).
    Zero,
    /// `十`, `百`, `千` (financial `拾`, `佰`, `仟`): positions within a group of four digits.
    Small(u128),
    /// `万`, `亿` (`萬`, `億`): groups of four and eight digits.
    Big(u128),
}

/// The meaning of `c` as part of a Chinese numeral.
pub(super) fn numeral_kind(c: char) -> Option<Numeral> {
    Some(match c {
        '零' | '〇' | '○' => Numeral::Zero,
        '一' | '壹' => Numeral::Digit(1),
        '二' | '两' | '兩' | '贰' | '貳' => Numeral::Digit(2),
        '三' | '叁' | '參' => Numeral::Digit(3),
        '四' | '肆' => Numeral::Digit(4),
        '五' | '伍' => Numeral::Digit(5),
        '六' | '陆' | '陸' => Numeral::Digit(6),
        '七' | '柒' => Numeral::Digit(7),
        '八' | '捌' => Numeral::Digit(8),
        '九' | '玖' => Numeral::Digit(9),
        '十' | '拾' => Numeral::Small(10),
        '百' | '佰' => Numeral::Small(100),
        '千' | '仟' => Numeral::Small(1000),
        '万' | '萬' => Numeral::Big(10_000),
        '亿' | '億' => Numeral::Big(100_000_000),
        // `廿` (twenty) and `卅` (thirty) stand for a digit and `十`; `parse_chinese_numeral` spells them out.
        '廿' | '卅' => Numeral::Small(10),
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
/// positions out of order (`百千万`), a position with no digit (`百万`, except `十` at the start, after `百`
/// or after `零`: `十五`, `一百十一`, `一千零十`), a trailing `零`, or a value of 10^24 or more. `廿` and `卅`
/// read as `二十` and `三十`; colloquial elisions read as the next position down (`两千六` is 2600, `三万五`
/// 35000, `一百二` 120).
pub(super) fn parse_chinese_numeral(s: &str) -> Option<u128> {
    if s.contains(['廿', '卅']) {
        return parse_plain_numeral(&s.replace('廿', "二十").replace('卅', "三十"));
    }
    parse_plain_numeral(s)
}

/// [`parse_chinese_numeral`] without `廿` and `卅`.
fn parse_plain_numeral(s: &str) -> Option<u128> {
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
                    (None, Prev::Start | Prev::Small(100) | Prev::Zero) if unit == 10 => 1,
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

/// A Chinese number as read from the text: a numeral, possibly with a decimal part after `点` and a multiplier
/// after that (`一点二亿` is 120000000, `十三点五` is 13.5).
pub(super) struct ChineseNumber {
    /// Byte offset just past it.
    pub(super) end: usize,
    /// Its length in characters.
    pub(super) chars: usize,
    /// Its value; `None` when it is not a well-formed number.
    pub(super) value: Option<Decimal>,
    /// True when written with `点`.
    pub(super) decimal: bool,
}

/// Reads the Chinese number starting at `start` (a numeral character): a numeral (`一百二十`), optionally
/// followed by `点`, digits (`二点五`, `百分之四十二点五`) and a multiplier (`一点二亿`). A decimal whose whole
/// part holds `万` or `亿`, or that runs on into more numerals (`一点五十`), is no number.
pub(super) fn lex_chinese(text: &str, start: usize) -> ChineseNumber {
    let (end, chars) = chinese_run_end(text, start);
    let whole = &text[start..end];
    let point = end + '点'.len_utf8();
    let first_fraction = char_at(text, end).filter(|&c| c == '点' || c == '點').and_then(|_| char_at(text, point));
    // `一百点123`: Arabic digits after the point are the decimals as well.
    if let Some(value) = first_fraction.filter(|&c| digit_value(c).is_some()).and(arabic_decimals(text, whole, point)) {
        return ChineseNumber { end: value.1, chars: chars + 1, value: value.0, decimal: true };
    }
    if !matches!(first_fraction.and_then(numeral_kind), Some(Numeral::Digit(_) | Numeral::Zero)) {
        let value = parse_chinese_numeral(whole).and_then(chinese_decimal);
        return ChineseNumber { end, chars, value, decimal: false };
    }
    let mut pos = point;
    let mut count = chars + 1;
    let mut fraction = String::new();
    while let Some(c) = char_at(text, pos) {
        match numeral_kind(c) {
            Some(Numeral::Digit(d)) if c != '两' && c != '兩' => fraction.push(char::from(b'0' + d as u8)),
            Some(Numeral::Zero) => fraction.push('0'),
            _ => break,
        }
        pos += c.len_utf8();
        count += 1;
    }
    let mut exponent = 0;
    for (word, exp) in [("万亿", 12), ("亿", 8), ("億", 8), ("万", 4), ("萬", 4)] {
        if starts_with_at(text, pos, word) {
            exponent = exp;
            pos += word.len();
            count += word.chars().count();
            break;
        }
    }
    let runs_on = char_at(text, pos).is_some_and(|c| numeral_kind(c).is_some() && !starts_unit_at(text, pos));
    let whole_value = match whole {
        "零" | "〇" | "○" => Some(0),
        _ if whole.contains(['万', '亿', '萬', '億']) => None,
        _ => parse_chinese_numeral(whole),
    };
    let value = match whole_value {
        Some(w) if !runs_on && !fraction.is_empty() && fraction.len() <= 12 => {
            Decimal::parse(&format!("{w}.{fraction}")).ok().and_then(|d| d.scale_by_pow10(exponent))
        }
        _ => None,
    };
    let end = if runs_on { chinese_run_end(text, pos).0 } else { pos };
    ChineseNumber { end, chars: count, value, decimal: true }
}

/// A Chinese whole part with Arabic decimals from `pos` (`一百点123`): the value, if well formed, and the end.
fn arabic_decimals(text: &str, whole: &str, pos: usize) -> Option<(Option<Decimal>, usize)> {
    let mut end = pos;
    let mut digits = String::new();
    while let Some(d) = char_at(text, end).and_then(digit_value) {
        digits.push(char::from(b'0' + d));
        end += char_at(text, end).map_or(1, char::len_utf8);
    }
    // More numerals or a point after the digits make it something else (`三点15分`, a time, has no unit anyway).
    if char_at(text, end).is_some_and(|c| numeral_kind(c).is_some() || matches!(c, '.' | '．' | ':' | '：')) {
        return Some((None, end));
    }
    let whole = match whole {
        "零" | "〇" | "○" => Some(0),
        _ if whole.contains(['万', '亿', '萬', '億']) => None,
        _ => parse_chinese_numeral(whole),
    };
    let value = whole.filter(|_| digits.len() <= 12).and_then(|w| Decimal::parse(&format!("{w}.{digits}")).ok());
    Some((value, end))
}

/// True where a numeral character at `pos` starts a unit instead (`千瓦`, `百分点`).
fn starts_unit_at(text: &str, pos: usize) -> bool {
    let rest = &text[pos..];
    is_kilo_unit(rest) || rest.starts_with("百分")
}

/// Reads a year written digit by digit in Chinese numerals (`二〇二五`, `二零二五年`, `一九九八`): the year, or
/// `None` if `text` is anything else. Such years are dates, never quantities; `draft` reads them with this.
pub fn read_chinese_year(text: &str) -> Option<u32> {
    let digits = text.strip_suffix('年').unwrap_or(text);
    let mut year = 0;
    let mut count = 0;
    for c in digits.chars() {
        let d = match c {
            '〇' | '○' | '零' => 0,
            '两' | '兩' | '十' | '百' | '千' | '万' | '亿' => return None,
            _ => match numeral_kind(c)? {
                Numeral::Digit(d) => d as u32,
                _ => return None,
            },
        };
        year = year * 10 + d;
        count += 1;
        if count > 4 {
            return None;
        }
    }
    (count == 4 && year >= 1000).then_some(year)
}
