//! The scanner: one left-to-right pass that hands each number to its reader and collects figures and lists.

use std::ops::Range;

use super::arabic::*;
use super::chars::*;
use super::chinese::*;
use super::comparator::*;
use super::forms::*;
use super::ranges::*;
use super::units::*;
use super::Quantity;
use crate::decimal::Decimal;

/// Words that join the members of a list of figures (`2880亿元、366亿元和270亿元`). The first match wins.
pub(super) const LIST_JOINERS: &[&str] = &["、", "以及", "和", "及", "与", "或"];

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

/// Where the next member of a list would start, if the figure ending at `end` is followed by `、`, `和` ….
pub(super) fn list_continuation(text: &str, end: usize) -> Option<usize> {
    let pos = skip_spaces(text, end);
    let joiner = LIST_JOINERS.iter().find(|j| starts_with_at(text, pos, j))?;
    Some(skip_spaces(text, pos + joiner.len()))
}

/// True if only spaces (at most a few) stand between the start of the text or line and `pos`.
pub(super) fn is_line_start(text: &str, pos: usize) -> bool {
    let p = skip_spaces_back(text, pos);
    p == 0 || matches!(char_before(text, p), Some('\n' | '\r'))
}

// ---------------------------------------------------------------------------------------------------------------
// Figures and lists.
// ---------------------------------------------------------------------------------------------------------------

/// What shape a figure has, which fixes its comparator for ranges and ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A number with a unit.
    Plain,
    /// `10-20亿`.
    Range,
    /// `第20位`, `20强`.
    Rank,
}

/// A figure found by a scanner, before its comparator is settled by the list it may be in.
pub(super) struct Figure {
    pub(super) span: Range<usize>,
    pub(super) value: Decimal,
    pub(super) value_max: Option<Decimal>,
    pub(super) unit: String,
    pub(super) shape: Shape,
    /// The comparator from a suffix word or `余`/`多`.
    pub(super) suffix: Option<Comparator>,
    /// The comparator from the words before the number.
    pub(super) prefix: Option<Comparator>,
    /// The reference of a margin (`全国` in `高于全国3个百分点`), if the words before name one.
    pub(super) reference: Option<String>,
    /// Why the reading is uncertain, if it is.
    pub(super) note: Option<String>,
}

impl Figure {
    /// A rank figure (`第20位`, `20强`).
    pub(super) fn rank(span: Range<usize>, value: Decimal, unit: &str) -> Figure {
        let (suffix, prefix, reference, note) = (None, None, None, None);
        Figure { span, value, value_max: None, unit: unit.into(), shape: Shape::Rank, suffix, prefix, reference, note }
    }
}

/// A number without a unit followed by `、` and another number (`13.1` in `13.1、8.6个百分点`).
pub(super) struct Bare {
    pub(super) span: Range<usize>,
    pub(super) value: Decimal,
    /// The comparator from the words before it.
    pub(super) prefix: Option<Comparator>,
    /// The reference of a margin, as for [`Figure::reference`].
    pub(super) reference: Option<String>,
    /// Where the next number starts.
    pub(super) next_start: usize,
}

/// A list of figures being read: where its next member would start and the comparator its first member took
/// from the words before it.
pub(super) struct OpenList {
    pub(super) next_start: usize,
    pub(super) head_prefix: Option<Comparator>,
    pub(super) head_reference: Option<String>,
}

/// Collects figures in order, lending units to bare numbers and comparators across lists.
pub(super) struct Collector<'a> {
    pub(super) text: &'a str,
    pub(super) found: Vec<Quantity>,
    /// Bare numbers waiting for the unit of the next figure.
    pub(super) pending: Vec<Bare>,
    /// The list the last figure belongs to, if it continues.
    pub(super) list: Option<OpenList>,
}

impl<'a> Collector<'a> {
    pub(super) fn new(text: &'a str) -> Collector<'a> {
        Collector { text, found: Vec::new(), pending: Vec::new(), list: None }
    }

    /// Keeps a bare number until the next figure says whether it lends it a unit.
    pub(super) fn push_bare(&mut self, bare: Bare) {
        if self.pending.last().is_some_and(|b| b.next_start != bare.span.start) {
            self.pending.clear();
        }
        self.pending.push(bare);
    }

    /// Records a figure, and the bare numbers right before it that borrow its unit.
    pub(super) fn push_figure(&mut self, figure: Figure) {
        let pending = std::mem::take(&mut self.pending);
        let lends_unit =
            figure.shape == Shape::Plain && pending.last().is_some_and(|b| b.next_start == figure.span.start);
        let first_start = match pending.first() {
            Some(b) if lends_unit => b.span.start,
            _ => figure.span.start,
        };
        let continued = self.list.take().filter(|l| l.next_start == first_start);
        let (head_prefix, head_reference) = match (continued, pending.first()) {
            (Some(list), _) => (list.head_prefix, list.head_reference),
            (None, Some(b)) if lends_unit => (b.prefix, b.reference.clone()),
            (None, _) => (figure.prefix, figure.reference.clone()),
        };
        let head = (head_prefix, head_reference.clone());
        if lends_unit {
            for b in pending {
                let (comparator, reference) = settle(figure.suffix, (b.prefix, b.reference), &head, &figure.unit);
                self.found.push(Quantity {
                    span: b.span,
                    value: b.value,
                    value_max: None,
                    unit: figure.unit.clone(),
                    comparator,
                    reference,
                    note: None,
                });
            }
        }
        let (comparator, reference) = match figure.shape {
            Shape::Range => (Comparator::Range, None),
            Shape::Rank => (Comparator::Rank, None),
            Shape::Plain => settle(figure.suffix, (figure.prefix, figure.reference), &head, &figure.unit),
        };
        if figure.shape == Shape::Plain {
            self.list = list_continuation(self.text, figure.span.end).map(|next_start| OpenList {
                next_start,
                head_prefix,
                head_reference,
            });
        }
        self.found.push(Quantity {
            span: figure.span,
            value: figure.value,
            value_max: figure.value_max,
            unit: figure.unit,
            comparator,
            reference,
            note: figure.note,
        });
    }

    pub(super) fn finish(self) -> Vec<Quantity> {
        self.found
    }
}

/// The comparator of a plain figure: its suffix word, else its own prefix, else the head of its list (`head`,
/// which is its own prefix when it is not in a list). A comparative naming a reference before a number of
/// percentage points is a margin of exactly that many points (`高于全国13.1个百分点`): equal, with the reference.
fn settle(
    suffix: Option<Comparator>,
    own: (Option<Comparator>, Option<String>),
    head: &(Option<Comparator>, Option<String>),
    unit: &str,
) -> (Comparator, Option<String>) {
    let (comparator, reference) = match (suffix, own) {
        (Some(s), _) => (s, None),
        (None, (Some(p), r)) => (p, r),
        (None, (None, _)) => (head.0.unwrap_or(Comparator::Equal), head.1.clone()),
    };
    let is_margin = matches!(comparator, Comparator::MoreThan | Comparator::LessThan)
        && normalize_unit(unit).base == "百分点"
        && reference.is_some();
    if is_margin {
        (Comparator::Equal, reference)
    } else {
        (comparator, None)
    }
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
            out.push_figure(Figure {
                span: start..end,
                value,
                value_max: Some(max),
                unit: unit.unit,
                shape: Shape::Range,
                suffix: None,
                prefix: None,
                reference: None,
                note: None,
            });
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
    let Some(value) = number.value else {
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
    match unit.unit.as_str() {
        "成" | "倍" => is_digit || is_ten,
        _ => is_ten && unit.more_than,
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
