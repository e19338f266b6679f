//! Units: the measure words a number may carry, multipliers (万, 亿, 千, 百) and how a unit normalises.

use super::chars::*;

/// A unit split into its power-of-ten multiplier and its base unit: `万座` is 10^4 × `座`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalUnit {
    /// The power of ten the multiplier stands for: 万 → 4, 亿 → 8, 万亿 → 12, 千 → 3, 百 → 2, none → 0.
    pub exponent: u32,
    /// The unit without its multiplier: `座`, `元`, `%`, `百分点`, `千瓦`. Empty for a bare multiplier (`10-20亿`).
    pub base: String,
}

/// Splits a unit as written into multiplier and base unit, so that values can be compared across documents.
///
/// `千` is a multiplier except where it is part of a unit (`千瓦`, `千瓦时`, `千米`, `千克`); `个百分点` and
/// `百分点` are both percentage points and normalise to `百分点`, which is never `%`. `成` is a tenth: `7成` is
/// 7 × 10^1 `%`.
pub fn normalize_unit(unit: &str) -> NormalUnit {
    let mut rest = unit;
    let mut exponent = 0;
    loop {
        let (exp, len) = if rest.starts_with("万亿") {
            (12, "万亿".len())
        } else if rest.starts_with('亿') {
            (8, '亿'.len_utf8())
        } else if rest.starts_with('万') {
            (4, '万'.len_utf8())
        } else if rest.starts_with('千') && !is_kilo_unit(rest) {
            (3, '千'.len_utf8())
        } else if rest.starts_with('百') && !rest.starts_with("百分") {
            (2, '百'.len_utf8())
        } else {
            break;
        };
        exponent += exp;
        rest = &rest[len..];
    }
    if let Some(&(_, base, exp)) = LATIN_UNITS.iter().find(|(written, _, _)| *written == rest) {
        return NormalUnit { exponent: exponent + exp, base: base.to_string() };
    }
    let base = match rest {
        "成" => {
            exponent += 1;
            "%"
        }
        "个百分点" => "百分点",
        "％" => "%",
        "块钱" => "元",
        other => other,
    };
    NormalUnit { exponent, base: base.to_string() }
}

/// Units written in Latin letters or symbols, as policy texts use them (`100GWh`, `35μg/m³`, `25℃`), with the
/// Chinese base unit each stands for and the power of ten its SI prefix adds. Matched longest first and only
/// where no letter follows, so `5G` and `4K` stay names.
#[rustfmt::skip]
pub(super) const LATIN_UNITS: &[(&str, &str, u32)] = &[
    ("TWh", "千瓦时", 9), ("GWh", "吉瓦时", 0), ("MWh", "兆瓦时", 0), ("kWh", "千瓦时", 0), ("KWh", "千瓦时", 0),
    ("kW·h", "千瓦时", 0), ("GW", "吉瓦", 0), ("MW", "兆瓦", 0), ("kW", "千瓦", 0), ("KW", "千瓦", 0),
    ("kV", "千伏", 0), ("kVA", "千伏安", 0),
    ("EFlops", "FLOPS", 18), ("EFLOPS", "FLOPS", 18), ("PFlops", "FLOPS", 15), ("PFLOPS", "FLOPS", 15),
    ("TFlops", "FLOPS", 12), ("TFLOPS", "FLOPS", 12),
    ("Tbps", "bps", 12), ("Gbps", "bps", 9), ("Mbps", "bps", 6),
    ("PB", "字节", 15), ("TB", "字节", 12), ("GB", "字节", 9),
    ("GHz", "赫兹", 9), ("MHz", "赫兹", 6),
    ("km²", "平方公里", 0), ("km2", "平方公里", 0), ("m²", "平方米", 0), ("m³", "立方米", 0), ("km", "公里", 0),
    ("kg", "千克", 0), ("mg", "毫克", 0),
    ("μg/m³", "微克/立方米", 0), ("µg/m³", "微克/立方米", 0), ("ug/m³", "微克/立方米", 0),
    ("ug/m3", "微克/立方米", 0), ("mg/m³", "毫克/立方米", 0),
    ("℃", "摄氏度", 0), ("°C", "摄氏度", 0), ("dB", "分贝", 0), ("TEU", "标箱", 0),
];

/// The Latin-letter unit starting `rest` (longest match), if no further ASCII letter or digit runs on from it.
pub(super) fn match_latin_unit(rest: &str) -> Option<&'static str> {
    let unit = LATIN_UNITS.iter().map(|(u, _, _)| *u).filter(|u| rest.starts_with(u)).max_by_key(|u| u.len())?;
    let runs_on = rest[unit.len()..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    (!runs_on).then_some(unit)
}

/// Characters after `成` that make it a word (`成立`, `成果`, `成为`) rather than tenths (`七成`).
const NOT_TENTHS: &str = "立员本果效交都为功绩熟品型长就套片规像";

/// True where `千` starts a unit of its own (kilowatt, kilometre, kilogram) rather than meaning "thousand".
pub(crate) fn is_kilo_unit(s: &str) -> bool {
    ["千瓦", "千米", "千克", "千伏", "千帕"].iter().any(|u| s.starts_with(u))
}

/// The base units (measure words) a number can have, after any multiplier. Matched longest first.
#[rustfmt::skip]
pub(super) const BASE_UNITS: &[&str] = &[
    // Percentages.
    "个百分点", "百分点", "%", "％", "‰", "‱",
    // Money.
    "元人民币", "人民币", "美元", "欧元", "港元", "日元", "英镑", "元", "圆", "块钱",
    // Counted things.
    "个工作日", "个季度", "个小时", "个月", "个", "家", "项", "座", "名", "人次", "人", "支", "场次", "场", "户次",
    "户", "条", "批次", "批", "位", "套", "间", "辆", "台套", "台", "件次", "件", "次", "倍", "成", "所", "张", "期", "块",
    "部", "单", "笔", "宗", "栋", "类", "种", "处", "份", "篇", "本", "门", "款", "例", "床", "只", "头", "株", "棵",
    "根", "艘", "架次", "架", "轮", "标箱", "岁", "個",
    // Length, area, volume, mass, energy.
    "平方公里", "平方千米", "平方米", "平米", "立方米", "公顷", "亩", "公里", "千米", "厘米", "毫米", "米", "吨标准煤",
    "吨", "千克", "公斤", "斤", "克", "毫克", "微克", "千瓦时", "千瓦", "兆瓦时", "兆瓦", "吉瓦时", "吉瓦", "千伏安",
    "千伏", "千帕", "摄氏度", "度", "分贝",
    // Time (`年` and `月` are checked against years and months separately).
    "工作日", "小时", "分钟", "周年", "周", "天", "年", "月",
];

/// Base units that count things; `提高`/`提升` before such a count mean "upgrade", not "increase by".
#[rustfmt::skip]
pub(super) const COUNT_UNITS: &[&str] = &[
    "个", "家", "项", "座", "所", "条", "支", "批", "处", "类", "种", "场", "部", "名", "位", "套", "台", "辆", "件",
    "张", "门", "款",
];

/// Base units that are durations; `近` before them means "the last …", not "nearly".
#[rustfmt::skip]
pub(super) const TIME_UNITS: &[&str] = &[
    "年", "个月", "月", "天", "周", "小时", "个小时", "个季度", "工作日", "个工作日",
];

/// What follows a number: its unit and where it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UnitMatch {
    /// The unit as reported: multipliers and base unit, `％` written `%`, without `余`/`多`.
    pub(super) unit: String,
    /// Byte offset just past the unit as written (including `余`/`多` and a bracketed unit).
    pub(super) end: usize,
    /// `余` or `多` came before the base unit: "more than".
    pub(super) more_than: bool,
    /// The unit is `强` (`20强`): the figure is a rank.
    pub(super) rank: bool,
}

/// The longest base unit starting `rest`.
pub(super) fn match_base_unit(rest: &str) -> Option<&'static str> {
    BASE_UNITS.iter().copied().filter(|u| rest.starts_with(u)).max_by_key(|u| u.len())
}

/// The multiplier character starting `rest`: `万`, `亿`, `千` (unless it starts `千瓦` …), `百` (unless `百分`).
pub(super) fn multiplier_at(rest: &str) -> Option<char> {
    let c = rest.chars().next()?;
    let is_multiplier = match c {
        '万' | '亿' | '萬' | '億' => true,
        '千' => !is_kilo_unit(rest),
        '百' => !rest.starts_with("百分"),
        _ => false,
    };
    is_multiplier.then_some(simplified(c))
}

/// The simplified form of a traditional character a unit may hold (`萬` → `万`, `億` → `亿`, `圆` → `元`,
/// `個` → `个`), so that a unit is written one way whatever the text: `3.5萬元` has unit `万元`.
pub(super) fn simplified(c: char) -> char {
    match c {
        '萬' => '万',
        '億' => '亿',
        '圆' => '元',
        '個' => '个',
        other => other,
    }
}

/// Reads the unit after a number ending at `start`: `[余|多] [multipliers] [余|多] base-unit`, or multipliers
/// alone, or `强`. Multipliers are allowed only after Arabic numbers (`allow_multiplier`).
pub(super) fn match_unit(text: &str, start: usize, allow_multiplier: bool) -> Option<UnitMatch> {
    let mut pos = skip_spaces(text, start);
    if starts_with_at(text, pos, "强") {
        return Some(UnitMatch { unit: "强".into(), end: pos + '强'.len_utf8(), more_than: false, rank: true });
    }
    let mut unit = String::new();
    let mut more_than = false;
    let mut multipliers = 0;
    loop {
        let rest = text.get(pos..)?;
        if let Some(base) = match_base_unit(rest) {
            let after = &rest[base.len()..];
            if base == "成" && (after.starts_with(|c: char| NOT_TENTHS.contains(c)) || after.starts_with("不变")) {
                return None; // `成立`, `成果`, `一成不变`: a word, not tenths.
            }
            match base {
                "％" => unit.push('%'),
                _ => unit.extend(base.chars().map(simplified)),
            }
            pos += base.len();
            pos = bracketed_unit(text, pos, &mut unit);
            pos = denominator(text, pos, &mut unit);
            return Some(UnitMatch { unit, end: pos, more_than, rank: false });
        }
        if let Some(latin) = match_latin_unit(rest) {
            unit.push_str(latin);
            return Some(UnitMatch { unit, end: pos + latin.len(), more_than, rank: false });
        }
        let several = !allow_multiplier && rest.starts_with('几'); // `十几个`: more than ten.
        if !more_than && (rest.starts_with('余') || rest.starts_with('多') || several) {
            more_than = true;
            pos += '余'.len_utf8();
            continue;
        }
        match multiplier_at(rest) {
            Some(m) if allow_multiplier && multipliers < 3 => {
                unit.push(m);
                pos += m.len_utf8();
                multipliers += 1;
            }
            _ => break,
        }
    }
    // A multiplier with no base unit is the unit (`10-20亿`); `余` alone is none.
    (!unit.is_empty()).then_some(UnitMatch { unit, end: pos, more_than, rank: false })
}

/// After a base unit, a bracketed unit such as `(间)` or `（间）` (`7.5万套(间)`) is appended to `unit` with ASCII
/// brackets; returns the position after it (or `pos` if there is none).
pub(super) fn bracketed_unit(text: &str, pos: usize, unit: &mut String) -> usize {
    let Some(open @ ('(' | '（')) = char_at(text, pos) else {
        return pos;
    };
    let inner_start = pos + open.len_utf8();
    let Some(inner) = text.get(inner_start..).and_then(match_base_unit) else {
        return pos;
    };
    let close_at = inner_start + inner.len();
    match char_at(text, close_at) {
        Some(close @ (')' | '）')) => {
            unit.push('(');
            unit.push_str(inner);
            unit.push(')');
            close_at + close.len_utf8()
        }
        _ => pos,
    }
}

/// After a unit, a denominator such as `/平方米` or `/万元` (`5000元/平方米`) is appended to `unit` as `/…`;
/// returns the position after it (or `pos` if there is none).
pub(super) fn denominator(text: &str, pos: usize, unit: &mut String) -> usize {
    let Some(slash @ ('/' | '／')) = char_at(text, pos) else {
        return pos;
    };
    let mut end = pos + slash.len_utf8();
    let mut written = String::from("/");
    for _ in 0..3 {
        match text.get(end..).and_then(multiplier_at) {
            Some(m) => {
                written.push(m);
                end += m.len_utf8();
            }
            None => break,
        }
    }
    // `20万立方米/日`: a day is written 日 in a rate, though 日 alone is no unit (it ends a date).
    let per_day = |rest: &str| rest.starts_with('日').then_some("日");
    match text.get(end..).and_then(|rest| match_base_unit(rest).or_else(|| per_day(rest))) {
        Some(base) => {
            unit.push_str(&written);
            unit.push_str(base);
            end + base.len()
        }
        None => pos,
    }
}

/// A unit split where its multipliers end: `万元` → (`万`, `元`), `千瓦` → (``, `千瓦`).
pub(super) fn split_multiplier(unit: &str) -> (&str, &str) {
    let mut pos = 0;
    while let Some(m) = unit.get(pos..).and_then(multiplier_at) {
        pos += m.len_utf8();
    }
    unit.split_at(pos)
}
