//! The scanner: one left-to-right pass that hands each number to its reader and collects figures and lists.

use super::arabic::*;
use super::chars::*;
use super::chinese::*;
use super::collect::*;
use super::comparator::*;
use super::forms::*;
use super::mixed::*;
use super::money::*;
use super::names::*;
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
    // Digits glued to a Chinese numeral before them (`四千230个`) are the tail of a number read no further.
    if is_in_name(text, start, number.end) || char_before(text, start).and_then(numeral_kind).is_some() {
        return number.end;
    }
    if is_inclusion_note(text, start) {
        return match_unit(text, number.end, true).map_or(number.end, |u| u.end);
    }
    if let Some(end) = scan_slash_fraction(text, &number, out) {
        return end;
    }
    if let Some(end) = compound_end(text, number.end) {
        return end;
    }
    if starts_with_at(text, number.end, "分之") {
        return scan_arabic_fraction_of(text, &number, out);
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
        let unit = match_unit(text, mixed.end, false).or_else(|| trailing_multiplier(text, number.start, mixed.end));
        let Some((mut value, unit)) = mixed.value.zip(unit) else {
            return mixed.end;
        };
        if unit.end == mixed.end {
            // No unit after it: its last place is its unit, as for `2千万` (`8千4百万` is 8400 `万`).
            let exponent = normalize_unit(&unit.unit).exponent;
            let Some(scaled) = value.div_exact(10i128.pow(exponent)) else { return mixed.end };
            value = scaled;
        }
        if unit.rank {
            return unit.end;
        }
        return emit_plain(text, number.start, value, unit, mixed.note, out);
    }
    if let Some((currency, sign_start)) = currency_before(text, number.start) {
        let written = match_unit(text, number.end, true);
        let Some(unit) = currency_unit(currency, written, number.end) else { return number.end };
        return emit_plain(text, sign_start, value, unit, None, out);
    }
    let Some(unit) = match_unit(text, number.end, true) else {
        offer_bare(text, &number, value, out);
        return number.end;
    };
    if is_year_or_month(text, number.is_year(), value, &unit) || is_era_year(text, number.start, &unit) {
        return unit.end;
    }
    let written = &text[number.start..number.end];
    let fraction_digits = written.split(['.', '．']).nth(1).map_or(0, |f| f.chars().count());
    if is_section_number(text, &number, fraction_digits, &unit) || is_circle_name(text, &unit) {
        return unit.end;
    }
    if let Some(figure) = top_ranks(text, number.start, value, &unit) {
        out.push_figure(figure);
        return unit.end;
    }
    if unit.rank {
        out.push_figure(Figure::rank(number.start..unit.end, value, &unit.unit));
        return unit.end;
    }
    let note = old_year_note(&text[number.start..unit.end], &number, &unit);
    emit_plain(text, number.start, value, unit, note, out)
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
    if let Some(end) = scan_chinese_range(text, start, &number, out) {
        return end;
    }
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
    let Some((value, unit)) =
        match_unit(text, end, false).map(|u| (value, u)).or_else(|| bound_then_multiplier(text, end, value))
    else {
        return end;
    };
    let sign = sign_before(text, start);
    let short = number.chars < 2 && !number.decimal && sign.is_none();
    if short && !is_short_numeral_figure(text, start, end, &unit) {
        return end;
    }
    if is_year_or_month(text, is_year_value(value), value, &unit) || is_era_year(text, start, &unit) {
        return unit.end;
    }
    if is_slogan_numeral(text, start) || is_circle_name(text, &unit) {
        return unit.end;
    }
    if let Some(figure) = top_ranks(text, start, value, &unit) {
        out.push_figure(figure);
        return unit.end;
    }
    if unit.rank {
        out.push_figure(Figure::rank(start..unit.end, value, &unit.unit));
        return unit.end;
    }
    let (value, unit) = tenths_and_a_digit(text, value, unit);
    let note = vague_note(text, start, &text[start..end]);
    match sign {
        Some(sign) => emit_plain(text, sign, value.negated(), unit, note, out),
        None => emit_plain(text, start, value, unit, note, out),
    }
}

/// `一百多万人`, `二百余万元`: after a Chinese numeral, `多`/`余` and then a multiplier, which is read into the
/// value as it would be without `多` (`一百万人` is 1000000 `人`): the value and a more-than unit.
fn bound_then_multiplier(text: &str, end: usize, value: Decimal) -> Option<(Decimal, UnitMatch)> {
    if !(starts_with_at(text, end, "多") || starts_with_at(text, end, "余")) {
        return None;
    }
    let mut unit = match_unit(text, end, true)?;
    let normal = normalize_unit(&unit.unit);
    if normal.exponent == 0 || normal.base.is_empty() || !unit.more_than {
        return None;
    }
    let value = value.scale_by_pow10(normal.exponent)?;
    unit.unit = split_multiplier(&unit.unit).1.to_string();
    Some((value, unit))
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

/// True for a one-character numeral from `start` to `end` that is a figure with this unit: a digit or `十`
/// before `成`, `倍` or percentage points (`七成`, `两倍`, `提高三个百分点`), `十` with `余`/`多`/`几` (`十余所`),
/// a power of ten that is a bound (`百余家`, `逾百个`, `近千人`), `廿`/`卅` (two digits in one), a digit before a
/// kilo unit (`五千米`), and a digit before `元` with `角`/`分` after it (`五元五角`).
fn is_short_numeral_figure(text: &str, start: usize, end: usize, unit: &UnitMatch) -> bool {
    let numeral = &text[start..end];
    let is_digit = matches!(numeral.chars().next().and_then(numeral_kind), Some(Numeral::Digit(_)));
    let is_ten = numeral == "十" || numeral == "拾";
    // 百余, 千多, 万余: a power of ten with 余/多 after it is a lower bound (万余人: more than 10000 people), as it
    // is after 逾, 超, 近 (逾百个, 近千人); alone (百强, 千家万户, 上万人) it is a name or a figure of speech.
    let is_power = ["百", "佰", "千", "仟", "万"].contains(&numeral);
    let bound_before = ["逾", "超", "超过", "突破", "近", "将近", "接近"].iter().any(|w| text[..start].ends_with(w));
    match unit.unit.as_str() {
        _ if numeral == "廿" || numeral == "卅" => true,
        // `提高三个百分点`: a one-character count of points is the commonest margin in plans.
        "成" | "倍" | "个百分点" | "百分点" => is_digit || is_ten,
        // `五千米`, `三千瓦`: the 千 is the unit's, so the one digit stands for thousands.
        kilo if is_kilo_unit(kilo) => is_digit,
        "元" if is_digit => with_jiao_fen(text, Decimal::from_int(1), unit.clone()).1.end > unit.end,
        _ => (is_ten || is_power) && (unit.more_than || (bound_before && !is_ten)),
    }
}

/// `前五十位`, `前10名`, `前50强`: a bound on a rank (among the top N), offered as a rank with a note, never as the rank.
pub(super) fn top_ranks(text: &str, start: usize, value: Decimal, unit: &UnitMatch) -> Option<Figure> {
    let is_top = text[..start].ends_with('前') && ["位", "名", "强"].contains(&unit.unit.as_str());
    if !is_top {
        return None;
    }
    let mut figure = Figure::rank(start..unit.end, value, &unit.unit);
    figure.note = Some(format!(
        "`前{}` is a bound on a rank (the top {value}), not a rank: check by hand",
        &text[start..unit.end]
    ));
    Some(figure)
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
