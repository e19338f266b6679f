//! Number forms beyond a plain number: signs (`-2.1%`, `负十一`, `负增长`, `百分之负三点八`), numbers that size a
//! unit rather than count (`每万人`), `翻一番`, fractions (`五分之一`, `4分之3`, `1/4`), `百分之…` and its ranges,
//! and the recording of a plain figure.

use super::arabic::*;
use super::chars::*;
use super::chinese::*;
use super::collect::{Collector, Figure, Shape};
use super::comparator::*;
use super::money::with_jiao_fen;
use super::ranges::unit_range;
use super::units::*;
use crate::decimal::Decimal;

/// If a minus sign or `负` stands right before the number starting at `start`, where that sign starts. A hyphen
/// right after a digit, a letter, a numeral, a point or slash, or a time word is a range, a code or a dash
/// (`10-20`, `COVID-19`, `2019年-2020年`), not a sign (after a colon it is: `增速:-2.1%`); `正负` is "plus or
/// minus".
pub(super) fn sign_before(text: &str, start: usize) -> Option<usize> {
    let c = char_before(text, start)?;
    let sign_start = start - c.len_utf8();
    let prev = char_before(text, sign_start);
    match c {
        '负' | '負' => (prev != Some('正')).then_some(sign_start),
        '-' | '－' | '−' => {
            let glued = prev.is_some_and(|p| {
                digit_value(p).is_some()
                    || is_name_char(p)
                    || matches!(p, '.' | '．' | '/' | '／')
                    || numeral_kind(p).is_some()
                    || "-－−—–~～年月日号%％‰)）]】".contains(p)
            });
            (!glued).then_some(sign_start)
        }
        _ => None,
    }
}

/// True after `负增长` (negative growth): `负增长2.1%` is an increase of -2.1 %.
pub(super) fn is_negative_growth(text: &str, start: usize) -> bool {
    text.get(..skip_spaces_back(text, start)).is_some_and(|before| before.ends_with("负增长"))
}

/// True where the number at `start` sizes a unit instead of counting: right after `每` or `单位` (`每万人`,
/// `每10万人口`, `单位万元GDP`).
pub(super) fn is_per_unit(text: &str, start: usize) -> bool {
    text.get(..start).is_some_and(|before| before.ends_with('每') || before.ends_with("单位"))
}

/// Scans from `翻` at `start`: `翻一番` (doubling) is 2 `倍`, `翻两番` 4 `倍`, `翻番` 2 `倍`; `翻了一番` too, and
/// `翻了三番多` is more than 8 `倍`.
pub(super) fn scan_doubling(text: &str, start: usize, out: &mut Collector<'_>) -> Option<usize> {
    let mut pos = start + '翻'.len_utf8();
    if starts_with_at(text, pos, "了") {
        pos += '了'.len_utf8();
    }
    let times = if starts_with_at(text, pos, "番") {
        1
    } else if is_digit_at(text, pos) {
        let n = lex_number(text, pos);
        pos = n.end;
        n.value.filter(|v| n.integer && v.is_integer()).map(|v| v.to_string().parse::<u32>().ok())??
    } else {
        let (end, count) = chinese_run_end(text, pos);
        let n = parse_chinese_numeral(text.get(pos..end)?).filter(|_| count > 0)?;
        pos = end;
        u32::try_from(n).ok()?
    };
    if !starts_with_at(text, pos, "番") || !(1..=20).contains(&times) {
        return Some(pos);
    }
    let mut end = pos + '番'.len_utf8();
    let more_than = starts_with_at(text, end, "多") || starts_with_at(text, end, "余");
    if more_than {
        end += '多'.len_utf8();
    }
    let value = Decimal::from_int(1i64 << times);
    let unit = UnitMatch { unit: "倍".into(), end, more_than, rank: false };
    Some(emit_plain(text, start, value, unit, None, out))
}

/// Scans from `百分之`, `千分之` or `万分之` at `start`: a percentage (`百分之十五` → 15 `%`,
/// `百分之二点五` → 2.5 `%`), per-mille (`‰`) or per-ten-thousand (`‱`) figure.
pub(super) fn scan_fraction_words(text: &str, start: usize, out: &mut Collector<'_>) -> Option<usize> {
    let (unit, word) = [("%", "百分之"), ("‰", "千分之"), ("‱", "万分之")]
        .into_iter()
        .find(|(_, w)| starts_with_at(text, start, w))?;
    // `百分之负三点八`: the sign may stand inside, after 分之, as well as before (`负百分之1`).
    let mut after = start + word.len();
    let inner_sign = ['负', '負', '-', '－', '−'].into_iter().find(|&c| char_at(text, after) == Some(c));
    if let Some(c) = inner_sign {
        after += c.len_utf8();
    }
    let (value, end) = numerator(text, after)?;
    let Some(value) = value else { return Some(end) };
    if let Some((high, range_end)) = fraction_range_end(text, end, word).filter(|_| inner_sign.is_none()) {
        let Some(high) = high.filter(|&h| h > value) else { return Some(range_end) };
        let range_end = suffix_word(text, range_end).map_or(range_end, |(_, end)| end);
        out.push_figure(Figure::range(start..range_end, value, high, unit.into()));
        return Some(range_end);
    }
    let unit = UnitMatch { unit: unit.into(), end, more_than: false, rank: false };
    let outer_sign = sign_before(text, start);
    let value = if inner_sign.is_some() != outer_sign.is_some() { value.negated() } else { value };
    Some(emit_plain(text, outer_sign.unwrap_or(start), value, unit, None, out))
}

/// After `百分之三十` ending at `end`, a connector and the upper end, with or without its own `百分之`
/// (`百分之三十到四十一`, `百分之三十至百分之四十`): the upper value, if well formed, and where it ends.
fn fraction_range_end(text: &str, end: usize, word: &str) -> Option<(Option<Decimal>, usize)> {
    let at = skip_spaces(text, end);
    let mut pos = skip_spaces(text, at + connector_len(text, at)?);
    if starts_with_at(text, pos, word) {
        pos += word.len();
    }
    let c = char_at(text, pos)?;
    let starts = digit_value(c).is_some() || matches!(numeral_kind(c), Some(Numeral::Digit(_) | Numeral::Small(_)));
    if !starts {
        return None;
    }
    let (value, end) = numerator(text, pos)?;
    // `百分之十五到2025年`: "15 % by 2025", no range.
    (!char_at(text, end).is_some_and(|c| matches!(c, '年' | '月' | '日'))).then_some((value, end))
}

/// The number after `分之` at `pos` (Arabic, Chinese, with `点` decimals, or `百` alone in `百分之百`): its value,
/// if well formed, and its end; `None` when no number starts there.
fn numerator(text: &str, pos: usize) -> Option<(Option<Decimal>, usize)> {
    if is_digit_at(text, pos) {
        let number = lex_number(text, pos);
        if is_in_name(text, pos, number.end) || compound_end(text, number.end).is_some() {
            return Some((None, number.end));
        }
        return Some((number.value, number.end));
    }
    if starts_with_at(text, pos, "百") && !starts_with_at(text, pos, "百分") {
        let (end, _) = chinese_run_end(text, pos);
        if end == pos + '百'.len_utf8() {
            return Some((Some(Decimal::from_int(100)), end));
        }
    }
    let number = lex_chinese(text, pos);
    (number.chars > 0).then_some((number.value, number.end))
}

/// Scans `N分之M` whose denominator `N` runs from `start` to `den_end`: `五分之一` is 20 `%`, `万分之三` 3 `‱`.
/// A fraction with no exact decimal (`三分之一`) is kept as numerator over denominator (1 `/3`) with a note.
pub(super) fn scan_fraction_of(text: &str, start: usize, den_end: usize, out: &mut Collector<'_>) -> usize {
    let numeral = &text[start..den_end];
    let denominator = if numeral == "万" { Some(10_000) } else { parse_chinese_numeral(numeral) };
    fraction_after_fen_zhi(text, start, den_end, denominator, out)
}

/// `4分之3`: an Arabic denominator before `分之`, read as [`scan_fraction_of`] reads a Chinese one.
pub(super) fn scan_arabic_fraction_of(text: &str, number: &Number, out: &mut Collector<'_>) -> usize {
    let denominator =
        number.value.filter(|v| number.integer && v.is_integer()).and_then(|v| v.to_string().parse().ok());
    fraction_after_fen_zhi(text, number.start, number.end, denominator, out)
}

/// The numerator after `分之` (which starts at `den_end`) over `denominator`, as a figure from `start`.
fn fraction_after_fen_zhi(
    text: &str,
    start: usize,
    den_end: usize,
    denominator: Option<u128>,
    out: &mut Collector<'_>,
) -> usize {
    let after = den_end + "分之".len();
    let Some((value, end)) = numerator(text, after) else {
        return after;
    };
    let (Some(value), Some(denominator)) = (value, denominator.and_then(|d| i128::try_from(d).ok())) else {
        return end;
    };
    fraction_figure(text, start, end, value, denominator, true, out)
}

/// `1/3`, `3/4`: a slash fraction of two integers, numerator below the denominator, read as `N分之M`. A
/// denominator above 10 other than 100 is more often a date or a score than a share (`6/30`), so only those up to
/// 10 and 100 give a figure; others are candidates with a note. `None` when no such fraction follows `number`.
pub(super) fn scan_slash_fraction(text: &str, number: &Number, out: &mut Collector<'_>) -> Option<usize> {
    let slash = char_at(text, number.end).filter(|&c| c == '/' || c == '／')?;
    let second_start = number.end + slash.len_utf8();
    if !is_digit_at(text, second_start) {
        return None;
    }
    let second = lex_number(text, second_start);
    if compound_end(text, second.end).is_some() || is_in_name(text, second_start, second.end) {
        return None;
    }
    let integer =
        |n: &Number| n.value.filter(|v| n.integer && v.is_integer()).and_then(|v| v.to_string().parse::<i128>().ok());
    let (Some(top), Some(bottom)) = (integer(number), integer(&second)) else { return None };
    if top < 1 || top >= bottom || bottom > 1000 {
        return None;
    }
    let usual = bottom <= 10 || bottom == 100;
    Some(fraction_figure(text, number.start, second.end, Decimal::from_int(top as i64), bottom, usual, out))
}

/// Records `value` over `denominator`, written from `start` to `end`: a percentage when exact (`五分之一` is
/// 20 `%`), per ten thousand over 10000; else numerator over denominator (1 `/3`) with a note. `usual` false
/// flags even an exact one.
fn fraction_figure(
    text: &str,
    start: usize,
    end: usize,
    value: Decimal,
    denominator: i128,
    usual: bool,
    out: &mut Collector<'_>,
) -> usize {
    if denominator == 0 || value.is_negative() {
        return end;
    }
    let written = &text[start..end];
    let (value, unit, note) = if denominator == 10_000 {
        (value, "‱".to_string(), None)
    } else {
        match value.scale_by_pow10(2).and_then(|v| v.div_exact(denominator)).filter(|_| usual) {
            Some(percent) => (percent, "%".to_string(), None),
            None if !usual => {
                let note =
                    format!("`{written}` may be a share of {value}/{denominator}, a date or a score: check by hand");
                (value, format!("/{denominator}"), Some(note))
            }
            None => {
                let note = format!("`{written}` is {value}/{denominator}, which has no exact decimal");
                (value, format!("/{denominator}"), Some(note))
            }
        }
    };
    let unit = UnitMatch { unit, end, more_than: false, rank: false };
    emit_plain(text, start, value, unit, note, out)
}

/// `两倍多`, `3年多`, `半年余`: `多`/`余` right after a multiple or a duration is more-than, as it is before a unit
/// (`3万多名`). Not where `多` starts a word (`多措并举`, `多元`).
fn more_after_unit(text: &str, mut unit: UnitMatch) -> UnitMatch {
    let base = normalize_unit(&unit.unit).base;
    let applies = base == "倍" || TIME_UNITS.contains(&base.as_str());
    let Some(c @ ('多' | '余')) = char_at(text, unit.end).filter(|_| applies && !unit.more_than) else {
        return unit;
    };
    let word =
        char_at(text, unit.end + c.len_utf8()).is_some_and(|n| "措元样层方部种项次家渠点头管级彩万亿".contains(n));
    if !word {
        unit.more_than = true;
        unit.end += c.len_utf8();
    }
    unit
}

/// Records a plain figure (or a `10%-20%` range) for a number at `start` with its unit, and a note if its reading
/// is uncertain; returns its end. After `负增长` the value is negative.
pub(super) fn emit_plain(
    text: &str,
    start: usize,
    value: Decimal,
    unit: UnitMatch,
    note: Option<String>,
    out: &mut Collector<'_>,
) -> usize {
    let (mut value, unit) = with_jiao_fen(text, value, unit);
    let unit = more_after_unit(text, unit);
    if let Some((low, high, range_unit, range_end)) = unit_range(text, value, &unit).filter(|_| note.is_none()) {
        if high > low {
            let end = suffix_word(text, range_end).map_or(range_end, |(_, end)| end);
            out.push_figure(Figure::range(start..end, low, high, range_unit));
            return end;
        }
    }
    let (suffix, end) = match suffix_word(text, unit.end) {
        Some((comparator, end)) => (Some(comparator), end),
        None => (unit.more_than.then_some(Comparator::MoreThan), unit.end),
    };
    let prefix = prefix_comparator(text, start, &unit.unit);
    if is_negative_growth(text, start) && !value.is_negative() {
        value = value.negated();
    }
    out.push_figure(Figure {
        span: start..end,
        value,
        value_max: None,
        unit: unit.unit,
        shape: Shape::Plain,
        suffix,
        prefix,
        reference: margin_reference(text, start),
        note,
    });
    end
}
