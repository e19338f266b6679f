//! Ranges: `10-20亿`, `2至3个`, and `10%-20%` (both ends with the same unit).

use super::arabic::*;
use super::chars::*;
use super::collect::{Collector, Figure};
use super::comparator::suffix_word;
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

/// After a figure's unit, a connector and a second number with the very same unit (`10%-20%`, `3个至5个`): the
/// second value and where its unit ends.
pub(super) fn same_unit_range(text: &str, unit: &UnitMatch) -> Option<(Decimal, usize)> {
    let at = skip_spaces(text, unit.end);
    let second_start = skip_spaces(text, at + connector_len(text, at)?);
    if !is_digit_at(text, second_start) {
        return None;
    }
    let second = lex_number(text, second_start);
    if is_in_name(text, second_start, second.end) {
        return None;
    }
    let second_unit = match_unit(text, second.end, true)?;
    (second_unit.unit == unit.unit && !second_unit.rank).then_some((second.value?, second_unit.end))
}
