//! Ranges: `10-20亿`, `2至3个`, `10%-20%` and `1万(含)-5万元` (both ends with a unit), and ranges of Chinese
//! numerals, whose multiplier is shared from the right end (`两到三万` is 20000 to 30000).

use super::arabic::*;
use super::chars::*;
use super::chinese::*;
use super::collect::{Collector, Figure};
use super::comparator::{suffix_word, INCLUSIVE};
use super::mixed::trailing_multiplier;
use super::units::*;
use crate::decimal::Decimal;

/// If a range connector and a second number follow `first`, reads the range (`10-20亿`, `2至3个`) and returns
/// where it ends — whether or not it is a figure (`2019-2021年` and `2022-10-21` are consumed and skipped).
pub(super) fn scan_range(text: &str, first: &Number, out: &mut Collector<'_>) -> Option<usize> {
    let at = skip_spaces(text, first.end);
    let second_start = skip_spaces(text, at + connector_len(text, at)?);
    if !is_digit_at(text, second_start) {
        return None;
    }
    let second = lex_number(text, second_start);
    if is_in_name(text, second_start, second.end) {
        return Some(second.end);
    }
    let continues = |pos: usize| connector_len(text, pos).is_some_and(|len| is_digit_at(text, pos + len));
    if compound_end(text, second.end).is_some() || continues(second.end) {
        return Some(skip_compound(text, second.end));
    }
    let (Some(min), Some(max)) = (first.value, second.value) else {
        return Some(second.end);
    };
    let Some(unit) = match_unit(text, second.end, true) else {
        return Some(second.end);
    };
    let is_time = match unit.unit.as_str() {
        "年" => first.is_year() || second.is_year() || starts_with_at(text, unit.end, "代"),
        "月" => is_month_value(min) || is_month_value(max),
        _ => false,
    };
    if is_time || unit.rank || max <= min {
        return Some(unit.end);
    }
    let end = suffix_word(text, unit.end).map_or(unit.end, |(_, end)| end);
    out.push_figure(Figure::range(first.start..end, min, max, unit.unit));
    Some(end)
}

/// After a figure's unit, a connector and a second number with the same base unit (`10%-20%`, `3个至5个`,
/// `1万-5万元`, `1万元--5万元`, `1万(含)-5万元`): both ends in one unit, and where the second unit ends. A first
/// end with only a multiplier takes the base of the second (`1万-5万元` is 1 to 5 `万元`); ends with different
/// multipliers are written in the smaller (`5000万-1亿元` is 5000 to 10000 `万元`).
pub(super) fn unit_range(text: &str, value: Decimal, unit: &UnitMatch) -> Option<(Decimal, Decimal, String, usize)> {
    let mut at = skip_spaces(text, unit.end);
    // `(含)`: the lower end is included, as a range's ends are anyway.
    if let Some(word) = INCLUSIVE.iter().find(|w| starts_with_at(text, at, w)) {
        at = skip_spaces(text, at + word.len());
    }
    let second_start = skip_spaces(text, at + connector_len(text, at)?);
    if !is_digit_at(text, second_start) {
        return None;
    }
    let second = lex_number(text, second_start);
    if is_in_name(text, second_start, second.end) {
        return None;
    }
    let second_unit = match_unit(text, second.end, true)?;
    if second_unit.rank {
        return None;
    }
    let max = second.value?;
    if second_unit.unit == unit.unit {
        return Some((value, max, unit.unit.clone(), second_unit.end));
    }
    let (first_multiplier, first_base) = split_multiplier(&unit.unit);
    let (second_multiplier, second_base) = split_multiplier(&second_unit.unit);
    if !(first_base == second_base || first_base.is_empty()) {
        return None;
    }
    let (e1, e2) = (normalize_unit(first_multiplier).exponent, normalize_unit(second_multiplier).exponent);
    let (low, high, multiplier) = if e1 <= e2 {
        (value, max.scale_by_pow10(e2 - e1)?, first_multiplier)
    } else {
        (value.scale_by_pow10(e1 - e2)?, max, second_multiplier)
    };
    Some((low, high, format!("{multiplier}{second_base}"), second_unit.end))
}

/// A Chinese numeral range starting at `start`, the first numeral `first` (`两到三万人`, `一百二十到一百五十万元`,
/// `三至五年`): a range figure, or a candidate with a note where the shared multiplier is unclear; `None` when
/// no connector and second numeral follow. Returns where it ends.
pub(super) fn scan_chinese_range(
    text: &str,
    start: usize,
    first: &ChineseNumber,
    out: &mut Collector<'_>,
) -> Option<usize> {
    let at = skip_spaces(text, first.end);
    let second_start = skip_spaces(text, at + connector_len(text, at)?);
    let c = char_at(text, second_start)?;
    if !matches!(numeral_kind(c), Some(Numeral::Digit(_) | Numeral::Small(_))) {
        return None;
    }
    let second = lex_chinese(text, second_start);
    let (Some(low), Some(high)) = (first.value, second.value) else {
        return Some(second.end);
    };
    let (low, note) = shared_multiplier(&text[start..first.end], low, &text[second_start..second.end], high);
    let (mut low, mut high) = (low, high);
    let unit = match match_unit(text, second.end, false) {
        Some(unit) if !unit.rank && !unit.more_than => unit,
        Some(_) => return Some(second.end),
        // `两到三万`, no unit after it: like `2-3万`, counted in its last place.
        None => {
            let Some(unit) = trailing_multiplier(text, second_start, second.end) else { return Some(second.end) };
            let divisor = 10i128.pow(normalize_unit(&unit.unit).exponent);
            match (low.div_exact(divisor), high.div_exact(divisor)) {
                (Some(l), Some(h)) => (low, high) = (l, h),
                _ => return Some(second.end),
            }
            unit
        }
    };
    if low >= high || (unit.unit == "年" && (is_year_value(low) || is_year_value(high))) {
        return Some(unit.end);
    }
    let end = suffix_word(text, unit.end).map_or(unit.end, |(_, end)| end);
    let mut figure = Figure::range(start..end, low, high, unit.unit);
    figure.note = note;
    out.push_figure(figure);
    Some(end)
}

/// The low end of a Chinese range once the multiplier written only on the high end is shared. The high end is
/// a head and a closing `万`/`亿` (`三万`, `一百五十万`, `三千万`), or, without those, a digit and a place
/// (`三千`, `五百`):
/// - a one-digit low end stands for the head's digit: `两到三万` is 20000 to 30000, `两到三千万` 2×10^7 to
///   3×10^7, `一到两千` 1000 to 2000 (with a bare `十`, `二到三十`, it may be 2 or 20: a note);
/// - any other low end takes the closing `万`/`亿`: `一百二十到一百五十万` is 1.2×10^6 to 1.5×10^6, `一千到三千万`
///   10^7 to 3×10^7, `五到十万` 50000 to 100000 — unless that would pass the high end (`五千到一万` stays 5000 to
///   10000);
/// - a one-digit low end before a head of several places (`两到三千五百万`) is unclear: a note.
fn shared_multiplier(first: &str, low: Decimal, second: &str, high: Decimal) -> (Decimal, Option<String>) {
    let (head, big) = ["万亿", "亿", "億", "万", "萬"]
        .into_iter()
        .find_map(|b| {
            second
                .strip_suffix(b)
                .map(|head| (head, if b.contains(['亿', '億']) { 8 + 4 * u32::from(b == "万亿") } else { 4 }))
        })
        .unwrap_or((second, 0));
    let kinds: Vec<Option<Numeral>> = head.chars().map(numeral_kind).collect();
    let one_digit = |k: &[Option<Numeral>]| matches!(k, [Some(Numeral::Digit(_))]);
    let digit_place = match kinds.as_slice() {
        [Some(Numeral::Digit(_)), Some(Numeral::Small(p))] if !head.contains(['廿', '卅']) => Some(*p),
        _ => None,
    };
    let first_kinds: Vec<Option<Numeral>> = first.chars().map(numeral_kind).collect();
    let scaled = |exp: u32| low.scale_by_pow10(exp).filter(|&v| v < high);
    let note =
        |shared: Decimal| Some(format!("`{first}` to `{second}` may start at {low} or at {shared}: check by hand"));
    if one_digit(&first_kinds) {
        if one_digit(&kinds) {
            return scaled(big).map_or((low, None), |v| (v, None));
        }
        if let Some(place) = digit_place {
            if let Some(v) = scaled(big + place.ilog10()) {
                return if place == 10 && big == 0 { (v, note(v)) } else { (v, None) };
            }
        }
        if big > 0 && digit_place.is_none() && !kinds.iter().all(|k| matches!(k, Some(Numeral::Small(_)))) {
            if let Some(v) = scaled(big) {
                return (v, note(v));
            }
        }
    }
    match scaled(big).filter(|_| big > 0) {
        Some(v) => (v, None),
        None => (low, None),
    }
}
