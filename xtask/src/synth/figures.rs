//! Locating and rewriting the figures of a source text: names to replace, the Arabic numbers of each figure,
//! their new values written the way the old ones were, and where old positions stand in the new text.

use super::*;

/// Base units of durations and ages: such figures are never scaled (a year is a year).
pub(super) const TIME_UNITS: &[&str] =
    &["年", "个月", "月", "天", "周", "周年", "小时", "个小时", "分钟", "个季度", "工作日", "个工作日", "岁"];

/// Byte ranges of `name` in `text`, and of its first character where it abbreviates the city in a document
/// number (`徐委办〔2020〕84号`): the character, up to three more Han characters, then an opening bracket.
pub(super) fn name_spans(text: &str, name: &str) -> Vec<(Range<usize>, bool)> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    if name.is_empty() {
        return out;
    }
    out.extend(text.match_indices(name).map(|(i, s)| (i..i + s.len(), true)));
    if let Some(first) = name.chars().next() {
        let pattern = format!("{}\\p{{Han}}{{0,3}}[〔［\\[（(]\\d{{4}}", regex::escape(&first.to_string()));
        if let Ok(re) = Regex::new(&pattern) {
            for m in re.find_iter(text) {
                let at = m.start()..m.start() + first.len_utf8();
                let preceded_by_han = text[..m.start()].chars().next_back().is_some_and(is_han);
                if !preceded_by_han && !out.iter().any(|(r, _)| r.start < at.end && at.start < r.end) {
                    out.push((at, false));
                }
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The digit value of an ASCII or full-width digit.
pub(super) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The Arabic numbers written in `text[at]`, as slots with positions in `text`.
pub(super) fn number_slots(text: &str, at: Range<usize>) -> Vec<Slot> {
    let Some(s) = text.get(at.clone()) else { return Vec::new() };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut ascii = String::new();
        let (mut full_width, mut full_width_point, mut grouped, mut seen_point) = (false, false, false, false);
        let mut decimals = 0;
        while i < chars.len() {
            let c = chars[i].1;
            if let Some(d) = digit(c) {
                full_width |= c > '9';
                ascii.push(char::from_digit(d, 10).unwrap_or('0'));
                if seen_point {
                    decimals += 1;
                }
                i += 1;
            } else if (c == '.' || c == '．')
                && !seen_point
                && chars.get(i + 1).is_some_and(|&(_, n)| digit(n).is_some())
            {
                seen_point = true;
                full_width_point = c == '．';
                ascii.push('.');
                i += 1;
            } else if c == ','
                && !seen_point
                && (1..=3).all(|k| chars.get(i + k).is_some_and(|&(_, n)| n.is_ascii_digit()))
                && chars.get(i + 4).is_none_or(|&(_, n)| digit(n).is_none())
            {
                grouped = true;
                i += 1;
            } else {
                break;
            }
        }
        let end = chars.get(i).map_or(s.len(), |&(b, _)| b);
        if let Ok(value) = Decimal::parse(&ascii) {
            out.push(Slot {
                at: at.start + start..at.start + end,
                value,
                decimals,
                full_width,
                full_width_point,
                grouped,
            });
        }
    }
    out
}

/// The figure an indicator cites at `at` (the matched quantity's span in the document), and how it may change.
pub(super) fn figure_at(text: &str, at: Range<usize>, e: &IndicatorEntry) -> Figure {
    let slots = number_slots(text, at);
    let wanted: Vec<Decimal> = std::iter::once(e.value).chain(e.value_max).collect();
    let readable = slots.len() == wanted.len() && slots.iter().zip(&wanted).all(|(s, w)| s.value == *w);
    let base = normalize_unit(&e.unit).base;
    let rule = if !readable || TIME_UNITS.contains(&base.as_str()) {
        Rule::Frozen
    } else if e.comparator == Comparator::Rank {
        if (base == "位" || base == "名") && e.value.is_integer() {
            Rule::Rank
        } else {
            Rule::Frozen
        }
    } else {
        let hundred = Decimal::from_int(100);
        Rule::Scale { cap: base == "%" && wanted.iter().all(|v| *v <= hundred) }
    };
    Figure { slots, rule }
}

/// Freezes figures whose numbers overlap another figure's without being the same numbers: rewriting one would
/// change the other.
pub(super) fn freeze_overlaps(figures: &mut [Figure]) {
    let mut frozen = vec![false; figures.len()];
    for i in 0..figures.len() {
        for j in i + 1..figures.len() {
            let overlap = figures[i]
                .slots
                .iter()
                .any(|a| figures[j].slots.iter().any(|b| a.at.start < b.at.end && b.at.start < a.at.end));
            if overlap {
                frozen[i] = true;
                frozen[j] = true;
            }
        }
    }
    for (f, frozen) in figures.iter_mut().zip(frozen) {
        if frozen {
            f.rule = Rule::Frozen;
        }
    }
}

/// One unit in the last written decimal place (`decimals` = 2 → 0.01).
pub(super) fn ulp(decimals: u32) -> Decimal {
    Decimal::new(1, decimals).unwrap_or(Decimal::from_int(1))
}

/// The new values of a figure's numbers for a city with this factor.
pub(super) fn new_values(fig: &Figure, factor: Decimal, rng: &mut SplitMix) -> Vec<Decimal> {
    let old: Vec<Decimal> = fig.slots.iter().map(|s| s.value).collect();
    match fig.rule {
        Rule::Frozen => old,
        Rule::Rank => {
            // Drawn even for ranks that end up unchanged, so every later draw stays put.
            let delta = rng.below(5) as i64 - 2;
            fig.slots
                .iter()
                .map(|s| {
                    let v = s.value.to_string().parse::<i64>().unwrap_or(1);
                    Decimal::from_int((v + delta).max(1))
                })
                .collect()
        }
        Rule::Scale { cap } => {
            let hundred = Decimal::from_int(100);
            let mut new: Vec<Decimal> = fig
                .slots
                .iter()
                .map(|s| {
                    let mut v = s.value.mul_rounded(factor, s.decimals).unwrap_or(s.value);
                    if s.value > Decimal::ZERO && v <= Decimal::ZERO {
                        v = ulp(s.decimals);
                    }
                    if s.decimals == 0 && s.value >= Decimal::from_int(1) && v < Decimal::from_int(1) {
                        v = Decimal::from_int(1);
                    }
                    if cap && v > hundred {
                        v = hundred;
                    }
                    v
                })
                .collect();
            if let [lo, hi] = new.as_mut_slice() {
                if *hi <= *lo {
                    // Keep the range a range: one written unit above the lower end.
                    let step = ulp(fig.slots[1].decimals);
                    *hi = add(*lo, step).unwrap_or(*hi);
                    if cap && *hi > hundred {
                        return old;
                    }
                }
            }
            new
        }
    }
}

/// `a + b` for decimals (through their text, exact).
pub(super) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    let ma: i128 = fixed(a, scale).replace('.', "").parse().ok()?;
    let mb: i128 = fixed(b, scale).replace('.', "").parse().ok()?;
    Decimal::new(ma.checked_add(mb)?, scale)
}

/// `d` written with exactly `decimals` digits after the point.
pub(super) fn fixed(d: Decimal, decimals: u32) -> String {
    let s = d.to_string();
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    if decimals == 0 {
        return int.to_string();
    }
    let width = decimals as usize;
    format!("{int}.{frac:0<width$}")
}

/// A new value written the way the slot was written.
pub(super) fn write_like(slot: &Slot, value: Decimal) -> String {
    let plain = fixed(value, slot.decimals);
    let (int, frac) = plain.split_once('.').map_or((plain.as_str(), None), |(i, f)| (i, Some(f)));
    let mut int = int.to_string();
    if slot.grouped {
        let digits: Vec<char> = int.chars().collect();
        let mut g = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                g.push(',');
            }
            g.push(*c);
        }
        int = g;
    }
    let widen = |s: &str| -> String {
        if slot.full_width {
            s.chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32('０' as u32 + d)).unwrap_or(c)).collect()
        } else {
            s.to_string()
        }
    };
    let mut out = widen(&int);
    if let Some(frac) = frac {
        out.push(if slot.full_width_point { '．' } else { '.' });
        out.push_str(&widen(frac));
    }
    out
}

/// A replacement in the text: the old byte range and where its replacement stands in the new text.
#[derive(Debug, Clone)]
pub(super) struct Mapped {
    pub(super) old: Range<usize>,
    pub(super) new: Range<usize>,
}

/// Where an old byte position stands in the new text. A position strictly inside a replaced range maps to the
/// replacement's start (for a span's start) or end (for a span's end), so a span always covers whole
/// replacements.
pub(super) fn map_pos(edits: &[Mapped], p: usize, is_end: bool) -> usize {
    let i = edits.partition_point(|e| e.old.end <= p);
    if let Some(e) = edits.get(i) {
        if e.old.start < p {
            return if is_end { e.new.end } else { e.new.start };
        }
    }
    match i.checked_sub(1).and_then(|j| edits.get(j)) {
        Some(e) => p - e.old.end + e.new.end,
        None => p,
    }
}
