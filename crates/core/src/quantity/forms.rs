//! Number forms beyond a plain number: signs (`-2.1%`, `负十一`, `负增长`), mixed Arabic and Chinese (`1万600`),
//! numbers that size a unit rather than count (`每万人`), `翻一番`, and fractions (`百分之二点五`, `五分之一`).

use super::arabic::*;
use super::chars::*;
use super::chinese::*;
use super::collect::{Collector, Figure, Shape};
use super::comparator::*;
use super::ranges::same_unit_range;
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
        '负' => (prev != Some('正')).then_some(sign_start),
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

/// `万`, `亿` or `万亿` at `pos`: its power of ten and byte length.
fn big_multiplier(text: &str, pos: usize) -> Option<(u32, usize)> {
    [("万亿", 12), ("亿", 8), ("万", 4)]
        .into_iter()
        .find(|(w, _)| starts_with_at(text, pos, w))
        .map(|(w, exp)| (exp, w.len()))
}

/// An Arabic number continued by `万`/`亿` and more of the number (`1万600`, `100万三千`, `3亿5000万`).
pub(super) struct Mixed {
    /// The whole value; `None` when the parts do not make one number (`1万20000`, `1.5万600`).
    pub(super) value: Option<Decimal>,
    /// Byte offset just past it.
    pub(super) end: usize,
    /// Set when the reading is uncertain: `1万5` is 15000 when spoken, but 10005 digit by digit.
    pub(super) note: Option<String>,
}

/// Reads an Arabic number followed at once by `万`/`亿` and more digits or a Chinese numeral as one number:
/// `1万600` is 10600, `100万三千` 1003000, `3亿5000万` 350000000. `None` when no such tail follows (`1万座`).
pub(super) fn mixed_number(text: &str, number: &Number) -> Option<Mixed> {
    let (exp, len) = big_multiplier(text, number.end)?;
    let mut tail_start = number.end + len;
    // `1万零600`: a zero before digits only marks the empty places.
    let zero = char_at(text, tail_start).filter(|&c| matches!(c, '零' | '〇' | '○'));
    let zero_then_digit = zero.is_some_and(|z| is_digit_at(text, tail_start + z.len_utf8()));
    if let Some(z) = zero.filter(|_| zero_then_digit) {
        tail_start += z.len_utf8();
    }
    let (tail, tail_end, one_digit) = if is_digit_at(text, tail_start) {
        let n = lex_number(text, tail_start);
        // `5万5千`: a digit with its own place (`千`, `百`) is no elision.
        let place = text.get(n.end..).and_then(multiplier_at).filter(|&m| m == '千' || m == '百');
        let (exp, len) = match place {
            Some('千') => (3, '千'.len_utf8()),
            Some(_) => (2, '百'.len_utf8()),
            None => (0, 0),
        };
        let value = n.value.filter(|_| n.integer).and_then(|v| v.scale_by_pow10(exp));
        (value, n.end + len, n.int_digits == 1 && place.is_none() && !zero_then_digit)
    } else {
        let (end, count) = chinese_run_end(text, tail_start);
        if count == 0 {
            return None;
        }
        let numeral = &text[tail_start..end];
        let value = parse_chinese_numeral(numeral).and_then(chinese_decimal);
        let one_digit = count == 1 && matches!(numeral.chars().next().and_then(numeral_kind), Some(Numeral::Digit(_)));
        (value, end, one_digit)
    };
    let (tail_exp, tail_len) = big_multiplier(text, tail_end).filter(|&(e, _)| e < exp).unwrap_or((0, 0));
    let end = tail_end + tail_len;
    let written = &text[number.start..end];
    let tail_value = tail.and_then(|t| t.scale_by_pow10(tail_exp));
    let limit = Decimal::from_int(1).scale_by_pow10(exp);
    let head = number.value.filter(|v| number.integer && !v.is_negative());
    let whole = |tail: Decimal| head?.scale_by_pow10(exp)?.checked_add(tail);
    if one_digit && tail_exp == 0 {
        // Spoken, `1万5` is 15000; digit by digit it would be 10005. Offered with the spoken reading, flagged.
        let spoken = tail.and_then(|t| t.scale_by_pow10(exp - 1)).and_then(whole);
        let literal = tail.and_then(whole);
        let note = match (spoken, literal) {
            (Some(s), Some(l)) => format!("`{written}` is {s} when spoken but {l} digit by digit: check by hand"),
            _ => format!("`{written}` is ambiguous: check by hand"),
        };
        return Some(Mixed { value: spoken, end, note: Some(note) });
    }
    let value = tail_value.zip(limit).filter(|(t, l)| t < l).and_then(|(t, _)| whole(t));
    let note = None;
    Some(Mixed { value, end, note })
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
    let (value, end) = numerator(text, start + word.len())?;
    let Some(value) = value else { return Some(end) };
    let unit = UnitMatch { unit: unit.into(), end, more_than: false, rank: false };
    Some(emit_plain(text, start, value, unit, None, out))
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
    let after = den_end + "分之".len();
    let Some((value, end)) = numerator(text, after) else {
        return after;
    };
    let denominator = if numeral == "万" { Some(10_000) } else { parse_chinese_numeral(numeral) };
    let (Some(value), Some(denominator)) = (value, denominator.and_then(|d| i128::try_from(d).ok())) else {
        return end;
    };
    if denominator == 0 || value.is_negative() {
        return end;
    }
    let (value, unit, note) = if denominator == 10_000 {
        (Some(value), "‱".to_string(), None)
    } else {
        match value.scale_by_pow10(2).and_then(|v| v.div_exact(denominator)) {
            Some(percent) => (Some(percent), "%".to_string(), None),
            None => {
                let note = format!("`{}` is {value}/{denominator}, which has no exact decimal", &text[start..end]);
                (Some(value), format!("/{denominator}"), Some(note))
            }
        }
    };
    let Some(value) = value else { return end };
    let unit = UnitMatch { unit, end, more_than: false, rank: false };
    emit_plain(text, start, value, unit, note, out)
}

/// Records a plain figure (or a `10%-20%` range) for a number at `start` with its unit, and a note if its reading
/// is uncertain; returns its end. After `负增长` the value is negative.
pub(super) fn emit_plain(
    text: &str,
    start: usize,
    mut value: Decimal,
    unit: UnitMatch,
    note: Option<String>,
    out: &mut Collector<'_>,
) -> usize {
    if let Some((max, range_end)) = same_unit_range(text, &unit).filter(|_| note.is_none()) {
        if max > value {
            let end = suffix_word(text, range_end).map_or(range_end, |(_, end)| end);
            out.push_figure(Figure::range(start..end, value, max, unit.unit));
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
