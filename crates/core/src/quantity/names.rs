//! Numbers that are no figures whatever unit follows them: section numbers glued to text (`2.2本计划`), numbers
//! inside programme names (`15分钟生活圈`, `两个一百年`), years in prose (`公元前202年`, `1840年`), and vague
//! amounts (`数十亿元`, `几十万人`) that are at most a candidate with a note.

use super::arabic::Number;
use super::chars::*;
use super::chinese::*;
use super::units::{normalize_unit, UnitMatch, COUNT_UNITS};

/// True for a section number at the start of a line followed at once by a measure word that starts the heading's
/// first word (`2.2本计划投资…`, `3.1项目建设`, `4.1人才队伍`): one or two digits, a point, one or two digits,
/// and a one-character count unit glued to a Han character. `2.2万人` (a multiplier) and `1.5倍` stay figures.
pub(super) fn is_section_number(text: &str, number: &Number, fraction_digits: usize, unit: &UnitMatch) -> bool {
    let one_char = unit.unit.chars().count() == 1;
    let counts = one_char && (COUNT_UNITS.contains(&unit.unit.as_str()) || "本人户次期批单笔宗".contains(&unit.unit));
    let glued = unit.end == number.end + unit.unit.len();
    let heading = !number.integer && number.int_digits <= 2 && (1..=2).contains(&fraction_digits);
    let word_follows = char_at(text, unit.end).is_some_and(is_han);
    heading && counts && glued && word_follows && super::collect::is_line_start(text, number.start)
}

/// True for a CJK ideograph.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// True where a figure with this unit names a programme: a travel time or distance followed within a few
/// characters by `圈` (`15分钟生活圈`, `1小时经济圈`, `10分钟便民服务圈`).
pub(super) fn is_circle_name(text: &str, unit: &UnitMatch) -> bool {
    let base = normalize_unit(&unit.unit).base;
    if !["分钟", "小时", "公里", "千米", "米", "天"].contains(&base.as_str()) {
        return false;
    }
    let mut pos = unit.end;
    for _ in 0..6 {
        match char_at(text, pos) {
            Some('圈') => return true,
            Some(c) if is_han(c) => pos += c.len_utf8(),
            _ => return false,
        }
    }
    false
}

/// True for a number at `start` inside a bracket that says a bound is included (`10万元以上（含10万元）`): it
/// repeats the bound just read, and is no figure of its own.
pub(super) fn is_inclusion_note(text: &str, start: usize) -> bool {
    ["(含", "（含", "(不含", "（不含"].iter().any(|w| text[..start].ends_with(w))
}

/// True for a Chinese numeral at `start` right after `N个` (`两个一百年`, `三个一千万`): part of a slogan.
pub(super) fn is_slogan_numeral(text: &str, start: usize) -> bool {
    let Some('个') = char_before(text, start) else { return false };
    char_before(text, start - '个'.len_utf8()).and_then(numeral_kind).is_some()
}

/// True where the number at `start` with unit `年` is a year of an era (`公元前202年`, `公元960年`, `前221年`).
pub(super) fn is_era_year(text: &str, start: usize, unit: &UnitMatch) -> bool {
    unit.unit == "年" && !unit.more_than && ["公元前", "公元", "西元", "前"].iter().any(|w| text[..start].ends_with(w))
}

/// For a four-digit integer before `年` outside 1900–2100 (`1840年`, `1500年`): a note, as it is a year in
/// prose at least as often as a duration.
pub(super) fn old_year_note(written: &str, number: &Number, unit: &UnitMatch) -> Option<String> {
    let four = number.integer && number.int_digits == 4 && number.value.is_some_and(|v| !v.is_negative());
    (unit.unit == "年" && !unit.more_than && four)
        .then(|| format!("`{written}` may be a year rather than a duration: check by hand"))
}

/// Characters that make `X数` a noun (`人数`, `户数`, `指数`), so a numeral after it is a figure (`人数十万`).
const NOUNS_BEFORE_SHU: &str = "人户次个总件指倍基家床座项所台辆位天年岁分票页字笔宗单例名批期";

/// For a Chinese numeral at `start` after `数` or `几` (`数十亿元`, `几十万人`, `数百家`): a note, as the amount is
/// vague — tens of, hundreds of — and no figure.
pub(super) fn vague_note(text: &str, start: usize, written: &str) -> Option<String> {
    let prefix = char_before(text, start)?;
    let vague = match prefix {
        '几' => true,
        '数' => !char_before(text, start - prefix.len_utf8()).is_some_and(|c| NOUNS_BEFORE_SHU.contains(c)),
        _ => false,
    };
    vague.then(|| format!("`{prefix}{written}` is a vague amount, not a figure"))
}
