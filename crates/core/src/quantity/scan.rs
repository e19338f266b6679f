//! The scanner: one left-to-right pass that hands each number to its reader and collects figures and lists.

use super::arabic::*;
use super::chars::*;
use super::chinese::*;
use super::collect::*;
use super::comparator::*;
use super::forms::*;
use super::ranges::*;
use super::units::*;
use super::Quantity;
use crate::decimal::Decimal;

/// Finds every quantity in `text`, in order of position. Never panics, whatever the input.
///
/// The rules are in the [module documentation](crate::quantity).
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    let mut found = find_all_quantities(text);
    found.retain(|q| q.note.is_none());
    found
}

/// Like [`find_quantities`], but also the figures whose reading is uncertain, each with a note saying why
/// (`1万5个`, `三分之一`): candidates for a curator, never evidence for `check`.
pub fn find_all_quantities(text: &str) -> Vec<Quantity> {
    let mut out = Collector::new(text);
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        let next = if ["百分之", "千分之", "万分之"].iter().any(|w| starts_with_at(text, pos, w)) {
            scan_fraction_words(text, pos, &mut out)
        } else if c == '翻' {
            scan_doubling(text, pos, &mut out)
        } else if c == '第' {
            scan_ordinal(text, pos, &mut out)
        } else if digit_value(c).is_some() {
            Some(scan_arabic(text, pos, &mut out))
        } else if numeral_kind(c).is_some() {
            Some(scan_chinese(text, pos, &mut out))
        } else {
            None
        };
        // Every scanner returns a position past what it read; the guard keeps the loop moving regardless.
        pos = match next {
            Some(next) if next > pos => next,
            _ => pos + c.len_utf8(),
        };
    }
    out.finish()
}

// ---------------------------------------------------------------------------------------------------------------
// The scanners. Each starts at the character that triggered it and returns where scanning resumes.
// ---------------------------------------------------------------------------------------------------------------

/// Scans from an Arabic digit at `start`: a figure, a range, a bare list member, or something to skip.
pub(super) fn scan_arabic(text: &str, start: usize, out: &mut Collector<'_>) -> usize {
    let mut number = lex_number(text, start);
    if is_in_name(text, start, number.end) {
        return number.end;
    }
    if let Some(end) = compound_end(text, number.end) {
        return end;
    }
    if let Some(sign) = sign_before(text, start).filter(|_| !number.is_year()) {
        number.start = sign;
        number.value = number.value.map(Decimal::negated);
    }
    if let Some(end) = scan_range(text, &number, out) {
        return end;
    }
    let Some(value) = number.value else {
        return number.end;
    };
    if is_per_unit(text, number.start) {
        return match_unit(text, number.end, true).map_or(number.end, |u| u.end);
    }
    if let Some(mixed) = mixed_number(text, &number) {
        let Some((value, unit)) = mixed.value.zip(match_unit(text, mixed.end, false)) else {
            return mixed.end;
        };
        if unit.rank {
            return unit.end;
        }
        return emit_plain(text, number.start, value, unit, mixed.note, out);
    }
    let Some(unit) = match_unit(text, number.end, true) else {
        offer_bare(text, &number, value, out);
        return number.end;
    };
    if is_year_or_month(text, number.is_year(), value, &unit) {
        return unit.end;
    }
    if unit.rank {
        out.push_figure(Figure::rank(number.start..unit.end, value, &unit.unit));
        return unit.end;
    }
    emit_plain(text, number.start, value, unit, None, out)
}

/// True if a number with unit `unit` is a time, not a quantity: a year (`2025年`, `year_like` says whether the
/// number is one), a decade (`80年代`) or a month (`6月`).
pub(super) fn is_year_or_month(text: &str, year_like: bool, value: Decimal, unit: &UnitMatch) -> bool {
    match unit.unit.as_str() {
        "年" => (year_like && !unit.more_than) || starts_with_at(text, unit.end, "代"),
        "月" => is_month_value(value),
        _ => false,
    }
}

/// Offers a number without a unit to the collector if `、` and another number follow it.
pub(super) fn offer_bare(text: &str, number: &Number, value: Decimal, out: &mut Collector<'_>) {
    if is_line_start(text, number.start) {
        return; // `1、` at the start of a line is a list ordinal.
    }
    let after = skip_spaces(text, number.end);
    if !starts_with_at(text, after, "、") {
        return;
    }
    let next_start = skip_spaces(text, after + "、".len());
    if is_digit_at(text, next_start) {
        let prefix = prefix_comparator(text, number.start, "");
        let reference = margin_reference(text, number.start);
        out.push_bare(Bare { span: number.start..number.end, value, prefix, reference, next_start });
    }
}

/// Scans from a Chinese numeral character at `start`: a figure if the number is well formed and has a unit,
/// and is at least two characters long — or one before `成`, `倍` or (`十` only) `余`/`多`/`几`: `七成`,
/// `两倍`, `十余所`. `N分之M` is a fraction; a number right after `每` or `单位` names a unit (`每万人`).
pub(super) fn scan_chinese(text: &str, start: usize, out: &mut Collector<'_>) -> usize {
    let number = lex_chinese(text, start);
    let end = number.end;
    if !number.decimal && starts_with_at(text, end, "分之") {
        return scan_fraction_of(text, start, end, out);
    }
    if is_per_unit(text, start) {
        return match_unit(text, end, false).map_or(end, |u| u.end);
    }
    // A lone 百, 千 or 万 has no digit, so it is no numeral; before 余/多 it is still a bound (checked below).
    let lone_power = || match &text[start..end] {
        "百" | "佰" => Some(Decimal::from_int(100)),
        "千" | "仟" => Some(Decimal::from_int(1000)),
        "万" => Some(Decimal::from_int(10_000)),
        _ => None,
    };
    let Some(value) = number.value.or_else(lone_power) else {
        return end;
    };
    let Some(unit) = match_unit(text, end, false) else {
        return end;
    };
    if number.chars < 2 && !number.decimal && !is_short_numeral_figure(&text[start..end], &unit) {
        return end;
    }
    if is_year_or_month(text, is_year_value(value), value, &unit) {
        return unit.end;
    }
    if unit.rank {
        out.push_figure(Figure::rank(start..unit.end, value, &unit.unit));
        return unit.end;
    }
    let (value, unit) = tenths_and_a_digit(text, value, unit);
    match sign_before(text, start) {
        Some(sign) => emit_plain(text, sign, value.negated(), unit, None, out),
        None => emit_plain(text, start, value, unit, None, out),
    }
}

/// `七成五` is 7.5 `成`: one more digit right after `成` (and no numeral after it) is the next place down.
fn tenths_and_a_digit(text: &str, value: Decimal, mut unit: UnitMatch) -> (Decimal, UnitMatch) {
    let digit = match char_at(text, unit.end).map(|c| (c, numeral_kind(c))) {
        Some((c, Some(Numeral::Digit(d)))) if unit.unit == "成" && !unit.more_than => Some((c, d)),
        _ => None,
    };
    let Some((c, d)) = digit else { return (value, unit) };
    let after = unit.end + c.len_utf8();
    let tenth = Decimal::new(d as i128, 1).and_then(|t| value.checked_add(t));
    match tenth {
        Some(v) if char_at(text, after).is_none_or(|n| numeral_kind(n).is_none()) => {
            unit.end = after;
            (v, unit)
        }
        _ => (value, unit),
    }
}

/// True for a one-character numeral that is a figure with this unit: a digit or `十` before `成` or `倍`
/// (`七成`, `两倍`), or `十` with `余`/`多`/`几` (`十余所`).
fn is_short_numeral_figure(numeral: &str, unit: &UnitMatch) -> bool {
    let is_digit = matches!(numeral.chars().next().and_then(numeral_kind), Some(Numeral::Digit(_)));
    let is_ten = numeral == "十" || numeral == "拾";
    // 百余, 千多, 万余: a power of ten with 余/多 after it is a lower bound (万余人: more than 10000 people); alone
    // (百强, 千家万户) it is a name or a figure of speech.
    let is_power = ["百", "佰", "千", "仟", "万"].contains(&numeral);
    match unit.unit.as_str() {
        "成" | "倍" => is_digit || is_ten,
        _ => (is_ten || is_power) && unit.more_than,
    }
}

/// Scans from `第` at `start`: `第N位`/`第N名` is a rank; any other `第N` is an ordinal and skipped whole.
pub(super) fn scan_ordinal(text: &str, start: usize, out: &mut Collector<'_>) -> Option<usize> {
    let number_start = skip_spaces(text, start + '第'.len_utf8());
    let (value, number_end) = if is_digit_at(text, number_start) {
        let number = lex_number(text, number_start);
        (number.value, number.end)
    } else {
        let (end, count) = chinese_run_end(text, number_start);
        if count == 0 {
            return None;
        }
        (parse_chinese_numeral(&text[number_start..end]).and_then(chinese_decimal), end)
    };
    let unit_start = skip_spaces(text, number_end);
    match (value, char_at(text, unit_start)) {
        (Some(value), Some(unit @ ('位' | '名'))) => {
            let end = unit_start + unit.len_utf8();
            out.push_figure(Figure::rank(start..end, value, if unit == '位' { "位" } else { "名" }));
            Some(end)
        }
        _ => Some(number_end),
    }
}
