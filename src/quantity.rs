//! Finding and parsing quantities in Chinese text.
//!
//! [`find_quantities`] scans a paragraph and returns every figure a reader would call a quantity — a number with
//! a unit (`1万座`, `48.02亿元`, `87.5%`, `3个百分点`), a range (`10-20亿`), or a rank (`第20位`, `20强`) — together
//! with the comparator the wording gives it (`以上`, `超过`, `约`, `下降` …). It deliberately skips numbers that
//! are not quantities: document numbers (`〔2020〕84号`), dates (`2023年05月06日`), years used as time
//! (`到2025年`), list ordinals, and digits inside names (`5G`, `IPv6`, `十四五`).
//!
//! Values are kept exactly as written ([`Decimal`]); the multiplier (`万`, `亿`, …) stays in the unit as written,
//! and [`normalize_unit`] says how to turn that into a base unit.
//!
//! # The rules
//!
//! The scanner reads the text once, left to right (linear time, no backtracking), and never panics. Every span
//! is a byte range into the text as given.
//!
//! **Numbers.**
//! - Arabic numbers: ASCII or full-width digits (`１２３`), an optional decimal point (`.` or `．`) followed by
//!   digits (`48.02`), and optional thousands separators written as an ASCII comma followed by exactly three
//!   digits (`1,500`). More than 24 significant digits is not a figure.
//! - Chinese numerals (`一万`, `两千`, `十五`, `一百二十`, `三千零五十`, `一万五`) are read whole — `万` and `亿`
//!   inside them are part of the value, so `一万座` is 10000 `座`. A Chinese numeral is reported only when it is
//!   at least two characters long *and* has a unit: `五个示范`, `三篇`, `一批`, `百强` are not figures.
//!   Numerals that are not well formed are never figures: digit-by-digit years (`二○三五`, `二〇二五`),
//!   five-year-plan names (`十四五`, `十三五`, `十五五`), `百千万`, `一一`.
//! - `百分之十五` (or `百分之15`) is 15 `%`; `千分之五` is 5 `‰`. The span starts at `百`/`千`.
//!
//! **Units** follow the number, after at most four spaces (`超 300 亿元`). A unit is
//! `[余|多] [multipliers] [余|多] base-unit`, where the multipliers are `万`, `亿`, `千`, `百` as written
//! (`万`, `亿元`, `万亿元`, `千万元`) and the base unit is the longest match from a fixed list of measure
//! words: `%` (full-width `％` is written `%`), `‰`, `个百分点`, `百分点`, `元`, `美元`, `人民币`, `个`, `家`,
//! `项`, `座`, `名`, `人`, `人次`, `户`, `条`, `批次`, `公里`, `平方米`, `千瓦`, `千瓦时`, `吨`, `天`, `年`,
//! `个月`, … (see `BASE_UNITS`). So:
//! - the multiplier stays in the unit: `1万座` is 1 `万座`, `48.02亿元` is 48.02 `亿元`, `210万千瓦` is 210
//!   `万千瓦` (in `千瓦`, `千瓦时`, `千米`, `千克` the `千` belongs to the unit, see `is_kilo_unit`);
//! - a multiplier alone is a unit: `10-20亿` has unit `亿`, `900万沈阳人` is 900 `万`;
//! - `余`/`多` between the number and the unit (`350余场`, `112.5万余户`) means more-than; they are in the
//!   span but not in the unit (`万户`);
//! - a bracketed unit right after the unit is kept, written with ASCII brackets: `7.5万套(间)` and
//!   `7.5万套（间）` both have unit `万套(间)`;
//! - a unit may have a denominator after `/` or `／`: `5000元/平方米` has unit `元/平方米`;
//! - a number with no unit (`1.注重规划引领`, `12+24`, `2.0版`, `8大行动`, `报告2021`, `2019工业互联网`) is
//!   not a figure — except in a list, see below.
//!
//! **Not figures**, whatever follows them:
//! - a number touching an ASCII letter or `_` on either side, or joined to a letter before it by `-`, `.`, `:`
//!   or `/` — it is part
//!   of a name or code (`5G`, `IPv6`, `4K`, `Q400`, `3D打印`, `COVID-19`);
//! - a number followed by `.`, `:`, `/` and another digit — a version, time, date or fraction (`1.2.3`,
//!   `10:06:09`, `2022/10/21`); the whole run is skipped;
//! - a date written with hyphens (`2022-10-21`);
//! - years: a four-digit integer from 1900 to 2100 followed by `年` (`到2025年`, `2030年前`, `2019年度`),
//!   year ranges (`2019-2021年`), and Chinese numerals from 1900 to 2100 followed by `年`; also `N年代`;
//! - months: `N月` with N an integer from 1 to 12 (`6月27日`, `2019年10月`, `1月至8月`); durations are
//!   written `N个月`;
//! - ordinals: `第` followed by a number is skipped (`第154号`, `第162期`, `第二届`, `第十四个五年规划`) unless
//!   it is a rank (below);
//! - document numbers: `号` is no unit, so `〔2020〕84号` and `徐委发〔2018〕8号` give nothing.
//!
//! **Ranges**: two Arabic numbers joined by `-`, `－`, `–`, `—`, `~`, `～`, `〜`, `至` or `到` and followed by a
//! unit are one figure with `value_max` and comparator range; the unit (multiplier included) applies to both
//! ends (`10-20亿`, `2—3个`, `2至3个`). `10%-20%` (both ends with the same unit) is also a range. A range
//! whose upper end is not above its lower end is not a figure.
//!
//! **Ranks**: `第N位` and `第N名` (Arabic or any Chinese numeral, even one character: `第一名`) are ranks with
//! unit `位`/`名` and a span starting at `第`; `N强` (`20强`, `世界500强`) is a rank with unit `强`.
//!
//! **Lists**: a number with no unit followed by `、` and another number borrows the unit of the first figure
//! after it: `高于全国13.1、8.6个百分点` is 13.1 and 8.6 `个百分点` (not at the very start of the text, where
//! `1、` is a list ordinal). Figures joined by `、`, `和`, `及`, `与`, `或` (`分别达到2880亿元、366亿元和270亿元`)
//! form a list whose members without a comparator word of their own take the prefix comparator of the first.
//!
//! **Comparators**, strongest first:
//! 1. range and rank figures are always range and rank;
//! 2. a suffix word right after the unit (included in the span): `以上`, `及以上` → at-least; `以下`, `及以下`,
//!    `以内` → at-most; `左右`, `上下` → about;
//! 3. `余`/`多` before the unit → more-than (so `约1900余个` is more-than);
//! 4. a prefix word right before the number, possibly across a few spaces (not in the span):
//!    `超过`, `超`, `突破`, `高于`, `高出`, `多于`, `大于`, `逾` → more-than; `不少于`, `不低于`, `不小于`,
//!    `至少` → at-least; `不超过`, `不高于`, `不多于`, `不大于`, `最多`, `至多` → at-most; `低于`, `少于`,
//!    `小于`, `不到`, `不足` → less-than; `约`, `大约`, `约为`, `近`, `接近`, `将近` → about; `达到`, `达` → equal;
//!    `增长`, `增加`, `提高`, `提升`, `上升`, `增` → increase; `下降`, `降低`, `减少`, `减` → decrease; but
//!    "rise/fall *to*" (`提高到`, `提升至`, `增长到`, `下降到`, `降至`, `升至`, …) → equal. Exceptions:
//!    `新增` is no comparator (a count of new things); `签约`, `节约`, `预约`, `集约` … are not `约`; `最近`,
//!    `附近` are not `近`, nor is `近` before a duration (`近3年` is "the last three years"); `提高`/`提升`
//!    before a count (`提升20个基地`, "upgrade 20 bases") are no comparator;
//! 5. a comparative a few words before the number (`高于规模以上工业 3个百分点`, `高于全国13.1`): `高于`,
//!    `低于`, `超过`, `高出`, `多于`, `少于`, `大于`, `小于` and their `不` forms, separated from the number by
//!    at most eight Han characters or spaces and no punctuation or digits;
//! 6. otherwise equal. `力争` (aspiration) is no comparator.
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;

/// How a figure relates to its value: the wording around the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparator {
    /// `以上`, `不少于`, `不低于`: the value or more.
    AtLeast,
    /// `超过`, `超`, `突破`, `高于`, `余`, `多`: more than the value.
    MoreThan,
    /// No qualifying word, or `达到`/`达`: exactly the value.
    Equal,
    /// `以内`, `以下`, `不超过`: the value or less.
    AtMost,
    /// `低于`, `不到`, `少于`: less than the value.
    LessThan,
    /// `约`, `近`, `左右`: approximately the value.
    About,
    /// `10-20亿`: between `value` and `value_max`.
    Range,
    /// `第20位`, `20强`: a position in a ranking.
    Rank,
    /// `增长`, `提高`, `增加` followed by the amount: an increase by the value.
    Increase,
    /// `下降`, `降低`, `减少` followed by the amount: a decrease by the value.
    Decrease,
}

impl Comparator {
    /// Every comparator, in the order they are documented.
    pub const ALL: [Comparator; 10] = [
        Comparator::AtLeast,
        Comparator::MoreThan,
        Comparator::Equal,
        Comparator::AtMost,
        Comparator::LessThan,
        Comparator::About,
        Comparator::Range,
        Comparator::Rank,
        Comparator::Increase,
        Comparator::Decrease,
    ];

    /// The name used in YAML and JSON (`at-least`, `more-than`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at-least",
            Comparator::MoreThan => "more-than",
            Comparator::Equal => "equal",
            Comparator::AtMost => "at-most",
            Comparator::LessThan => "less-than",
            Comparator::About => "about",
            Comparator::Range => "range",
            Comparator::Rank => "rank",
            Comparator::Increase => "increase",
            Comparator::Decrease => "decrease",
        }
    }

    /// The short prefix a reader writes before the number: `≥`, `>`, `≤`, `<`, `≈`, `第`, `+`, `下降` …; empty
    /// for [`Comparator::Equal`] and [`Comparator::Range`].
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::MoreThan => ">",
            Comparator::Equal | Comparator::Range => "",
            Comparator::AtMost => "≤",
            Comparator::LessThan => "<",
            Comparator::About => "≈",
            Comparator::Rank => "#",
            Comparator::Increase => "增长",
            Comparator::Decrease => "下降",
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One quantity found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// Byte range in the scanned text, from the first character of the number (or `第` of a rank) to the end of
    /// the unit and any suffix word such as `以上`; prefix words such as `超过` are not included.
    pub span: Range<usize>,
    /// The number as written, before any multiplier in the unit: `1` in `1万座`, `48.02` in `48.02亿元`. A
    /// Chinese numeral is read whole: `一万座` is 10000 座, `十五` is 15.
    pub value: Decimal,
    /// The upper end of a range (`20` in `10-20亿`), else `None`.
    pub value_max: Option<Decimal>,
    /// The unit as written, multiplier included: `万座`, `亿元`, `%`, `个百分点`, `位`. Full-width `％` is
    /// written as `%`.
    pub unit: String,
    /// What the wording says about the value.
    pub comparator: Comparator,
}

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
/// `百分点` are both percentage points and normalise to `百分点`, which is never `%`.
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
    let base = match rest {
        "个百分点" => "百分点",
        "％" => "%",
        other => other,
    };
    NormalUnit { exponent, base: base.to_string() }
}

/// True where `千` starts a unit of its own (kilowatt, kilometre, kilogram) rather than meaning "thousand".
pub(crate) fn is_kilo_unit(s: &str) -> bool {
    ["千瓦", "千米", "千克", "千伏", "千帕"].iter().any(|u| s.starts_with(u))
}

impl Quantity {
    /// The text of this quantity in `source`, the text it was found in; empty if the span does not fit `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.span.clone()).unwrap_or("")
    }
}

/// At most this many spaces may separate a number from its unit, a prefix word, a connector or a suffix word.
const MAX_SPACES: usize = 4;

/// At most this many characters may separate a comparative such as `高于` from its number.
const MAX_COMPARATIVE_GAP: usize = 8;

/// The longest Arabic number (digits and point) whose text is kept; longer runs are skipped whole.
const MAX_NUMBER_CHARS: usize = 40;

/// The base units (measure words) a number can have, after any multiplier. Matched longest first.
#[rustfmt::skip]
const BASE_UNITS: &[&str] = &[
    // Percentages.
    "个百分点", "百分点", "%", "％", "‰",
    // Money.
    "元人民币", "人民币", "美元", "欧元", "港元", "元",
    // Counted things.
    "个工作日", "个季度", "个小时", "个月", "个", "家", "项", "座", "名", "人次", "人", "支", "场次", "场", "户次",
    "户", "条", "批次", "批", "位", "套", "间", "辆", "台套", "台", "件次", "件", "次", "倍", "所", "张", "期", "块",
    "部", "单", "笔", "宗", "栋", "类", "种", "处", "份", "篇", "本", "门", "款", "例", "床", "只", "头", "株", "棵",
    "根", "艘", "架次", "架", "轮", "标箱", "岁",
    // Length, area, volume, mass, energy.
    "平方公里", "平方千米", "平方米", "平米", "立方米", "公顷", "亩", "公里", "千米", "厘米", "毫米", "米", "吨标准煤",
    "吨", "千克", "公斤", "克", "千瓦时", "千瓦", "兆瓦", "吉瓦", "千伏安", "千伏", "千帕", "度",
    // Time (`年` and `月` are checked against years and months separately).
    "工作日", "小时", "分钟", "周年", "周", "天", "年", "月",
];

/// Base units that count things; `提高`/`提升` before such a count mean "upgrade", not "increase by".
#[rustfmt::skip]
const COUNT_UNITS: &[&str] = &[
    "个", "家", "项", "座", "所", "条", "支", "批", "处", "类", "种", "场", "部", "名", "位", "套", "台", "辆", "件",
    "张", "门", "款",
];

/// Base units that are durations; `近` before them means "the last …", not "nearly".
#[rustfmt::skip]
const TIME_UNITS: &[&str] = &[
    "年", "个月", "月", "天", "周", "小时", "个小时", "个季度", "工作日", "个工作日",
];

/// Words right before a number that say how the figure relates to its value. The longest match wins.
const PREFIX_WORDS: &[(&str, Comparator)] = &[
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("最少", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("最多", Comparator::AtMost),
    ("至多", Comparator::AtMost),
    ("超过", Comparator::MoreThan),
    ("超", Comparator::MoreThan),
    ("突破", Comparator::MoreThan),
    ("高于", Comparator::MoreThan),
    ("高出", Comparator::MoreThan),
    ("多于", Comparator::MoreThan),
    ("大于", Comparator::MoreThan),
    ("逾", Comparator::MoreThan),
    ("低于", Comparator::LessThan),
    ("少于", Comparator::LessThan),
    ("小于", Comparator::LessThan),
    ("不到", Comparator::LessThan),
    ("不足", Comparator::LessThan),
    ("大约", Comparator::About),
    ("约为", Comparator::About),
    ("约", Comparator::About),
    ("接近", Comparator::About),
    ("将近", Comparator::About),
    ("近", Comparator::About),
    ("达到", Comparator::Equal),
    ("达", Comparator::Equal),
    ("提高到", Comparator::Equal),
    ("提高至", Comparator::Equal),
    ("提升到", Comparator::Equal),
    ("提升至", Comparator::Equal),
    ("增加到", Comparator::Equal),
    ("增加至", Comparator::Equal),
    ("增长到", Comparator::Equal),
    ("增长至", Comparator::Equal),
    ("增至", Comparator::Equal),
    ("上升到", Comparator::Equal),
    ("上升至", Comparator::Equal),
    ("升至", Comparator::Equal),
    ("下降到", Comparator::Equal),
    ("下降至", Comparator::Equal),
    ("降低到", Comparator::Equal),
    ("降低至", Comparator::Equal),
    ("降至", Comparator::Equal),
    ("减少到", Comparator::Equal),
    ("减少至", Comparator::Equal),
    ("减至", Comparator::Equal),
    ("下降", Comparator::Decrease),
    ("降低", Comparator::Decrease),
    ("减少", Comparator::Decrease),
    ("减", Comparator::Decrease),
    ("增长", Comparator::Increase),
    ("增加", Comparator::Increase),
    ("提高", Comparator::Increase),
    ("提升", Comparator::Increase),
    ("上升", Comparator::Increase),
    ("增", Comparator::Increase),
];

/// Comparatives that may stand a few words before their number, the compared thing in between
/// (`高于规模以上工业 3个百分点`). The longest match wins.
const COMPARATIVES: &[(&str, Comparator)] = &[
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("高于", Comparator::MoreThan),
    ("高出", Comparator::MoreThan),
    ("超过", Comparator::MoreThan),
    ("多于", Comparator::MoreThan),
    ("大于", Comparator::MoreThan),
    ("低于", Comparator::LessThan),
    ("少于", Comparator::LessThan),
    ("小于", Comparator::LessThan),
];

/// Words right after a unit that qualify the figure; they are part of the span. The first match wins.
const SUFFIX_WORDS: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("左右", Comparator::About),
    ("上下", Comparator::About),
];

/// Words that join the members of a list of figures (`2880亿元、366亿元和270亿元`). The first match wins.
const LIST_JOINERS: &[&str] = &["、", "以及", "和", "及", "与", "或"];

/// Finds every quantity in `text`, in order of position. Never panics, whatever the input.
///
/// The rules are in the [module documentation](self).
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    let mut out = Collector::new(text);
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        let next = if starts_with_at(text, pos, "百分之") || starts_with_at(text, pos, "千分之") {
            scan_fraction_words(text, pos, &mut out)
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
// Characters and positions.
// ---------------------------------------------------------------------------------------------------------------

/// The character starting at byte `pos`, if `pos` is a character boundary inside `text`.
fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The character ending at byte `pos`, if `pos` is a character boundary inside `text`.
fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// True if `word` starts at byte `pos` of `text`.
fn starts_with_at(text: &str, pos: usize, word: &str) -> bool {
    text.get(pos..).is_some_and(|rest| rest.starts_with(word))
}

/// The value of an ASCII (`0`–`9`) or full-width (`０`–`９`) digit.
fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// True for an ASCII or full-width digit at byte `pos`.
fn is_digit_at(text: &str, pos: usize) -> bool {
    char_at(text, pos).is_some_and(|c| digit_value(c).is_some())
}

/// Spaces that may sit between a number and the words around it.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Skips at most [`MAX_SPACES`] spaces forward from `pos`.
fn skip_spaces(text: &str, mut pos: usize) -> usize {
    for _ in 0..MAX_SPACES {
        match char_at(text, pos) {
            Some(c) if is_space(c) => pos += c.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// Skips at most [`MAX_SPACES`] spaces backward from `pos`.
fn skip_spaces_back(text: &str, mut pos: usize) -> usize {
    for _ in 0..MAX_SPACES {
        match char_before(text, pos) {
            Some(c) if is_space(c) => pos -= c.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// Letters that make a touching number part of a name or code (`5G`, `IPv6`, `Q400`).
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Characters that glue numbers into versions, times, dates and fractions (`1.2.3`, `10:06`, `2022/10`).
fn is_compound_glue(c: char) -> bool {
    matches!(c, '.' | '．' | ':' | '：' | '/' | '／')
}

/// The byte length of a range connector (`-`, `—`, `~`, `至`, `到` …) at `pos`, if there is one.
fn connector_len(text: &str, pos: usize) -> Option<usize> {
    match char_at(text, pos)? {
        c @ ('-' | '－' | '–' | '—' | '~' | '～' | '〜' | '至' | '到') => Some(c.len_utf8()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Arabic numbers.
// ---------------------------------------------------------------------------------------------------------------

/// An Arabic number as read from the text.
struct Number {
    /// Byte offset of its first digit.
    start: usize,
    /// Byte offset just past its last digit.
    end: usize,
    /// Its value; `None` when it has too many digits to be a figure.
    value: Option<Decimal>,
    /// How many digits it has before the point (separators not counted).
    int_digits: usize,
    /// True when written without a decimal point.
    integer: bool,
}

impl Number {
    /// True for a four-digit integer from 1900 to 2100: with `年` after it, a year.
    fn is_year(&self) -> bool {
        self.integer && self.int_digits == 4 && self.value.is_some_and(is_year_value)
    }
}

/// True for an integer from 1900 to 2100.
fn is_year_value(v: Decimal) -> bool {
    v.is_integer() && v >= Decimal::from_int(1900) && v <= Decimal::from_int(2100)
}

/// True for an integer from 1 to 12: with `月` after it, a month of the year.
fn is_month_value(v: Decimal) -> bool {
    v.is_integer() && v >= Decimal::from_int(1) && v <= Decimal::from_int(12)
}

/// Reads the Arabic number starting at `start` (which must be a digit): digits, optional thousands separators
/// (`,` and exactly three digits) and an optional fraction. Full-width digits are read as ASCII ones.
fn lex_number(text: &str, start: usize) -> Number {
    let mut ascii = String::new();
    let mut pos = start;
    let mut int_digits = 0;
    let push = |ascii: &mut String, d: u8| {
        if ascii.len() <= MAX_NUMBER_CHARS {
            ascii.push(char::from(b'0' + d));
        }
    };
    while let Some(c) = char_at(text, pos) {
        let Some(d) = digit_value(c) else { break };
        push(&mut ascii, d);
        int_digits += 1;
        pos += c.len_utf8();
    }
    if int_digits <= 3 {
        while let Some(group_end) = thousands_group_end(text, pos) {
            for b in text.as_bytes()[pos + 1..group_end].iter() {
                push(&mut ascii, b - b'0');
            }
            int_digits += 3;
            pos = group_end;
        }
    }
    let mut integer = true;
    if let Some(point @ ('.' | '．')) = char_at(text, pos) {
        let after_point = pos + point.len_utf8();
        if is_digit_at(text, after_point) {
            integer = false;
            ascii.push('.');
            pos = after_point;
            while let Some(c) = char_at(text, pos) {
                let Some(d) = digit_value(c) else { break };
                push(&mut ascii, d);
                pos += c.len_utf8();
            }
        }
    }
    let value = if ascii.len() > MAX_NUMBER_CHARS { None } else { Decimal::parse(&ascii).ok() };
    Number { start, end: pos, value, int_digits, integer }
}

/// If an ASCII comma and exactly three ASCII digits (not followed by a fourth digit) start at `pos`, the end of
/// that group.
fn thousands_group_end(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes().get(pos..pos + 4)?;
    let is_group = bytes[0] == b',' && bytes[1..].iter().all(u8::is_ascii_digit) && !is_digit_at(text, pos + 4);
    is_group.then_some(pos + 4)
}

/// True if the number at `start..end` is part of a name or code: it touches an ASCII letter (`5G`, `IPv6`), or
/// is glued to an ASCII letter by `-`, `_`, `.`, `:` or `/` before it (`COVID-19`, `v.2`).
fn is_in_name(text: &str, start: usize, end: usize) -> bool {
    if char_before(text, start).is_some_and(is_name_char) || char_at(text, end).is_some_and(is_name_char) {
        return true;
    }
    match char_before(text, start) {
        Some(glue @ ('-' | '_' | '.' | ':' | '/')) => {
            char_before(text, start - glue.len_utf8()).is_some_and(is_name_char)
        }
        _ => false,
    }
}

/// If the number ending at `end` continues as a version, time, date or fraction (`1.2.3`, `10:06:09`,
/// `2022/10/21`), the end of that whole run, which is no figure.
fn compound_end(text: &str, end: usize) -> Option<usize> {
    let glue = char_at(text, end).filter(|&c| is_compound_glue(c))?;
    if !is_digit_at(text, end + glue.len_utf8()) {
        return None;
    }
    Some(skip_compound(text, end))
}

/// Skips a run of digits, glue characters and hyphens from `pos` (the rest of `2022-10-21` or `10:06:09`).
fn skip_compound(text: &str, mut pos: usize) -> usize {
    while let Some(c) = char_at(text, pos) {
        if digit_value(c).is_some() || is_compound_glue(c) || c == '-' {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}

// ---------------------------------------------------------------------------------------------------------------
// Chinese numerals.
// ---------------------------------------------------------------------------------------------------------------

/// What a Chinese numeral character stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numeral {
    /// `一` … `九`, `两`.
    Digit(u128),
    /// `零`, `〇`, `○`: a placeholder (`一千零五`).
    Zero,
    /// `十`, `百`, `千`: positions within a group of four digits.
    Small(u128),
    /// `万`, `亿`: groups of four and eight digits.
    Big(u128),
}

/// The meaning of `c` as part of a Chinese numeral.
fn numeral_kind(c: char) -> Option<Numeral> {
    Some(match c {
        '零' | '〇' | '○' => Numeral::Zero,
        '一' => Numeral::Digit(1),
        '二' | '两' => Numeral::Digit(2),
        '三' => Numeral::Digit(3),
        '四' => Numeral::Digit(4),
        '五' => Numeral::Digit(5),
        '六' => Numeral::Digit(6),
        '七' => Numeral::Digit(7),
        '八' => Numeral::Digit(8),
        '九' => Numeral::Digit(9),
        '十' => Numeral::Small(10),
        '百' => Numeral::Small(100),
        '千' => Numeral::Small(1000),
        '万' => Numeral::Big(10_000),
        '亿' => Numeral::Big(100_000_000),
        _ => return None,
    })
}

/// The end of the run of Chinese numeral characters starting at `start`, and its length in characters. The run
/// stops before a `千` that starts a unit (`二十万千瓦`) and before `百分` (`二十个百分点` aside, `十五百分点`).
fn chinese_run_end(text: &str, start: usize) -> (usize, usize) {
    let mut pos = start;
    let mut count = 0;
    while let Some(c) = char_at(text, pos) {
        let rest = &text[pos..];
        let starts_unit = (c == '千' && is_kilo_unit(rest)) || (c == '百' && rest.starts_with("百分"));
        if numeral_kind(c).is_none() || starts_unit {
            break;
        }
        pos += c.len_utf8();
        count += 1;
    }
    (pos, count)
}

/// Reads a well-formed Chinese numeral (`十五`, `一百二十`, `三千零五十`, `两万`, `一万五`, `三亿五千万`, `一万亿`).
///
/// `None` for anything else: digit-by-digit numbers (`二○三五`, `一一`), five-year-plan names (`十四五`),
/// positions out of order (`百千万`), a position with no digit (`百万`, except a leading `十`), a trailing
/// `零`, or a value of 10^24 or more.
fn parse_chinese_numeral(s: &str) -> Option<u128> {
    /// The previous character's kind.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Prev {
        Start,
        Digit,
        Zero,
        Small(u128),
        Big(u128),
    }
    let mut total: u128 = 0; // everything closed by 亿
    let mut section: u128 = 0; // the part closed by 万, below 亿
    let mut group: u128 = 0; // the part below 万
    let mut digit: Option<(u128, Prev)> = None; // a digit waiting for its position, and what came before it
    let mut smallest = 10_000; // the smallest of 十百千 used in the current group
    let (mut seen_wan, mut seen_yi) = (false, false);
    let mut prev = Prev::Start;
    for c in s.chars() {
        match numeral_kind(c)? {
            Numeral::Digit(d) => {
                if prev == Prev::Digit {
                    return None;
                }
                digit = Some((d, prev));
                prev = Prev::Digit;
            }
            Numeral::Zero => {
                if !matches!(prev, Prev::Small(_) | Prev::Big(_)) {
                    return None;
                }
                prev = Prev::Zero;
            }
            Numeral::Small(unit) => {
                if unit >= smallest {
                    return None;
                }
                let d = match (digit.take(), prev) {
                    (Some((d, _)), _) => d,
                    (None, Prev::Start) if unit == 10 => 1,
                    _ => return None,
                };
                group = group.checked_add(d.checked_mul(unit)?)?;
                smallest = unit;
                prev = Prev::Small(unit);
            }
            Numeral::Big(unit) => {
                if matches!(prev, Prev::Start | Prev::Zero) {
                    return None;
                }
                let below = group.checked_add(digit.take().map_or(0, |(d, _)| d))?;
                if unit == 10_000 {
                    if seen_wan || below == 0 {
                        return None;
                    }
                    seen_wan = true;
                    section = below.checked_mul(unit)?;
                } else {
                    let part = section.checked_add(below)?;
                    if seen_yi || part == 0 {
                        return None;
                    }
                    seen_yi = true;
                    seen_wan = false;
                    total = part.checked_mul(unit)?;
                    section = 0;
                }
                group = 0;
                smallest = 10_000;
                prev = Prev::Big(unit);
            }
        }
    }
    if prev == Prev::Zero {
        return None;
    }
    // A trailing digit right after 百, 千, 万 or 亿 is the next position down: 一百五 is 150, 一万五 is 15000.
    let last = match digit {
        Some((d, Prev::Small(u) | Prev::Big(u))) if u >= 100 => d.checked_mul(u / 10)?,
        Some((d, _)) => d,
        None => 0,
    };
    let value = total.checked_add(section)?.checked_add(group)?.checked_add(last)?;
    (value < 10u128.pow(24)).then_some(value)
}

/// A Chinese numeral's value as a [`Decimal`].
fn chinese_decimal(value: u128) -> Option<Decimal> {
    Decimal::new(i128::try_from(value).ok()?, 0)
}

// ---------------------------------------------------------------------------------------------------------------
// Units and the words around a figure.
// ---------------------------------------------------------------------------------------------------------------

/// What follows a number: its unit and where it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
struct UnitMatch {
    /// The unit as reported: multipliers and base unit, `％` written `%`, without `余`/`多`.
    unit: String,
    /// Byte offset just past the unit as written (including `余`/`多` and a bracketed unit).
    end: usize,
    /// `余` or `多` came before the base unit: "more than".
    more_than: bool,
    /// The unit is `强` (`20强`): the figure is a rank.
    rank: bool,
}

/// The longest base unit starting `rest`.
fn match_base_unit(rest: &str) -> Option<&'static str> {
    BASE_UNITS.iter().copied().filter(|u| rest.starts_with(u)).max_by_key(|u| u.len())
}

/// The multiplier character starting `rest`: `万`, `亿`, `千` (unless it starts `千瓦` …), `百` (unless `百分`).
fn multiplier_at(rest: &str) -> Option<char> {
    let c = rest.chars().next()?;
    let is_multiplier = match c {
        '万' | '亿' => true,
        '千' => !is_kilo_unit(rest),
        '百' => !rest.starts_with("百分"),
        _ => false,
    };
    is_multiplier.then_some(c)
}

/// Reads the unit after a number ending at `start`: `[余|多] [multipliers] [余|多] base-unit`, or multipliers
/// alone, or `强`. Multipliers are allowed only after Arabic numbers (`allow_multiplier`).
fn match_unit(text: &str, start: usize, allow_multiplier: bool) -> Option<UnitMatch> {
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
            unit.push_str(if base == "％" { "%" } else { base });
            pos += base.len();
            pos = bracketed_unit(text, pos, &mut unit);
            pos = denominator(text, pos, &mut unit);
            return Some(UnitMatch { unit, end: pos, more_than, rank: false });
        }
        if !more_than && (rest.starts_with('余') || rest.starts_with('多')) {
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
fn bracketed_unit(text: &str, pos: usize, unit: &mut String) -> usize {
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
fn denominator(text: &str, pos: usize, unit: &mut String) -> usize {
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
    match text.get(end..).and_then(match_base_unit) {
        Some(base) => {
            unit.push_str(&written);
            unit.push_str(base);
            end + base.len()
        }
        None => pos,
    }
}

/// The suffix word (`以上`, `以内`, `左右` …) after a unit ending at `end`: its comparator and where it ends.
fn suffix_word(text: &str, end: usize) -> Option<(Comparator, usize)> {
    let pos = skip_spaces(text, end);
    let rest = text.get(pos..)?;
    for &(word, comparator) in SUFFIX_WORDS {
        if let Some(after) = rest.strip_prefix(word) {
            // `上下游`, `上下级` are words of their own.
            if word == "上下" && (after.starts_with('游') || after.starts_with('级')) {
                continue;
            }
            return Some((comparator, pos + word.len()));
        }
    }
    None
}

/// The longest word of `words` that `before` ends with.
fn longest_ending(before: &str, words: &[(&'static str, Comparator)]) -> Option<(&'static str, Comparator)> {
    words.iter().copied().filter(|(w, _)| before.ends_with(w)).max_by_key(|(w, _)| w.len())
}

/// The comparator given by the words before a number starting at `start` with unit `unit` (empty if not yet
/// known): a prefix word right before it (after at most a few spaces), else a comparative a few words before.
fn prefix_comparator(text: &str, start: usize, unit: &str) -> Option<Comparator> {
    let before = text.get(..skip_spaces_back(text, start))?;
    if let Some((word, comparator)) = longest_ending(before, PREFIX_WORDS) {
        let rest = &before[..before.len() - word.len()];
        return (!is_false_prefix(word, rest, unit)).then_some(comparator);
    }
    distant_comparative(before)
}

/// True where a prefix word is really part of another word or means something else here: `新增`, `签约`,
/// `最近`, `近` before a duration, `提升` before a count.
fn is_false_prefix(word: &str, rest: &str, unit: &str) -> bool {
    let prev = rest.chars().next_back();
    let base = normalize_unit(unit).base;
    match word {
        "增" => prev == Some('新'),
        "约" => prev.is_some_and(|c| "签节制契预条合邀履违集公特".contains(c)),
        "近" => prev.is_some_and(|c| "最附邻靠就".contains(c)) || TIME_UNITS.contains(&base.as_str()),
        "提高" | "提升" => COUNT_UNITS.contains(&base.as_str()),
        _ => false,
    }
}

/// A comparative (`高于`, `低于` …) at most [`MAX_COMPARATIVE_GAP`] Han characters or spaces before the end of
/// `before`, with no punctuation, digit or Latin letter in between (`高于规模以上工业 `, `高于全国`).
fn distant_comparative(before: &str) -> Option<Comparator> {
    let mut end = before.len();
    for _ in 0..=MAX_COMPARATIVE_GAP {
        let head = &before[..end];
        if let Some((_, comparator)) = longest_ending(head, COMPARATIVES) {
            return Some(comparator);
        }
        let c = head.chars().next_back()?;
        let is_word_char = is_space(c) || (c.is_alphabetic() && !c.is_ascii() && !is_name_char(c));
        if !is_word_char {
            return None;
        }
        end -= c.len_utf8();
    }
    None
}

/// Where the next member of a list would start, if the figure ending at `end` is followed by `、`, `和` ….
fn list_continuation(text: &str, end: usize) -> Option<usize> {
    let pos = skip_spaces(text, end);
    let joiner = LIST_JOINERS.iter().find(|j| starts_with_at(text, pos, j))?;
    Some(skip_spaces(text, pos + joiner.len()))
}

/// True if only spaces (at most a few) stand between the start of the text or line and `pos`.
fn is_line_start(text: &str, pos: usize) -> bool {
    let p = skip_spaces_back(text, pos);
    p == 0 || matches!(char_before(text, p), Some('\n' | '\r'))
}

// ---------------------------------------------------------------------------------------------------------------
// Figures and lists.
// ---------------------------------------------------------------------------------------------------------------

/// What shape a figure has, which fixes its comparator for ranges and ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A number with a unit.
    Plain,
    /// `10-20亿`.
    Range,
    /// `第20位`, `20强`.
    Rank,
}

/// A figure found by a scanner, before its comparator is settled by the list it may be in.
struct Figure {
    span: Range<usize>,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: String,
    shape: Shape,
    /// The comparator from a suffix word or `余`/`多`.
    suffix: Option<Comparator>,
    /// The comparator from the words before the number.
    prefix: Option<Comparator>,
}

impl Figure {
    /// A rank figure (`第20位`, `20强`).
    fn rank(span: Range<usize>, value: Decimal, unit: &str) -> Figure {
        Figure { span, value, value_max: None, unit: unit.into(), shape: Shape::Rank, suffix: None, prefix: None }
    }
}

/// A number without a unit followed by `、` and another number (`13.1` in `13.1、8.6个百分点`).
struct Bare {
    span: Range<usize>,
    value: Decimal,
    /// The comparator from the words before it.
    prefix: Option<Comparator>,
    /// Where the next number starts.
    next_start: usize,
}

/// A list of figures being read: where its next member would start and the comparator its first member took
/// from the words before it.
struct OpenList {
    next_start: usize,
    head_prefix: Option<Comparator>,
}

/// Collects figures in order, lending units to bare numbers and comparators across lists.
struct Collector<'a> {
    text: &'a str,
    found: Vec<Quantity>,
    /// Bare numbers waiting for the unit of the next figure.
    pending: Vec<Bare>,
    /// The list the last figure belongs to, if it continues.
    list: Option<OpenList>,
}

impl<'a> Collector<'a> {
    fn new(text: &'a str) -> Collector<'a> {
        Collector { text, found: Vec::new(), pending: Vec::new(), list: None }
    }

    /// Keeps a bare number until the next figure says whether it lends it a unit.
    fn push_bare(&mut self, bare: Bare) {
        if self.pending.last().is_some_and(|b| b.next_start != bare.span.start) {
            self.pending.clear();
        }
        self.pending.push(bare);
    }

    /// Records a figure, and the bare numbers right before it that borrow its unit.
    fn push_figure(&mut self, figure: Figure) {
        let pending = std::mem::take(&mut self.pending);
        let lends_unit =
            figure.shape == Shape::Plain && pending.last().is_some_and(|b| b.next_start == figure.span.start);
        let first_start = match pending.first() {
            Some(b) if lends_unit => b.span.start,
            _ => figure.span.start,
        };
        let continued = self.list.take().filter(|l| l.next_start == first_start).map(|l| l.head_prefix);
        let head_prefix = match (continued, pending.first()) {
            (Some(head), _) => head,
            (None, Some(b)) if lends_unit => b.prefix,
            (None, _) => figure.prefix,
        };
        let in_list = continued.is_some() || lends_unit;
        if lends_unit {
            for b in pending {
                let comparator = figure.suffix.or(b.prefix).or(head_prefix).unwrap_or(Comparator::Equal);
                self.found.push(Quantity {
                    span: b.span,
                    value: b.value,
                    value_max: None,
                    unit: figure.unit.clone(),
                    comparator,
                });
            }
        }
        let comparator = match figure.shape {
            Shape::Range => Comparator::Range,
            Shape::Rank => Comparator::Rank,
            Shape::Plain => figure
                .suffix
                .or(figure.prefix)
                .or(if in_list { head_prefix } else { None })
                .unwrap_or(Comparator::Equal),
        };
        if figure.shape == Shape::Plain {
            self.list =
                list_continuation(self.text, figure.span.end).map(|next_start| OpenList { next_start, head_prefix });
        }
        self.found.push(Quantity {
            span: figure.span,
            value: figure.value,
            value_max: figure.value_max,
            unit: figure.unit,
            comparator,
        });
    }

    fn finish(self) -> Vec<Quantity> {
        self.found
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The scanners. Each starts at the character that triggered it and returns where scanning resumes.
// ---------------------------------------------------------------------------------------------------------------

/// Scans from an Arabic digit at `start`: a figure, a range, a bare list member, or something to skip.
fn scan_arabic(text: &str, start: usize, out: &mut Collector<'_>) -> usize {
    let number = lex_number(text, start);
    if is_in_name(text, start, number.end) {
        return number.end;
    }
    if let Some(end) = compound_end(text, number.end) {
        return end;
    }
    if let Some(end) = scan_range(text, &number, out) {
        return end;
    }
    let Some(value) = number.value else {
        return number.end;
    };
    let Some(unit) = match_unit(text, number.end, true) else {
        offer_bare(text, &number, value, out);
        return number.end;
    };
    if is_year_or_month(text, number.is_year(), value, &unit) {
        return unit.end;
    }
    if unit.rank {
        out.push_figure(Figure::rank(start..unit.end, value, &unit.unit));
        return unit.end;
    }
    emit_plain(text, start, value, unit, out)
}

/// True if a number with unit `unit` is a time, not a quantity: a year (`2025年`, `year_like` says whether the
/// number is one), a decade (`80年代`) or a month (`6月`).
fn is_year_or_month(text: &str, year_like: bool, value: Decimal, unit: &UnitMatch) -> bool {
    match unit.unit.as_str() {
        "年" => (year_like && !unit.more_than) || starts_with_at(text, unit.end, "代"),
        "月" => is_month_value(value),
        _ => false,
    }
}

/// Offers a number without a unit to the collector if `、` and another number follow it.
fn offer_bare(text: &str, number: &Number, value: Decimal, out: &mut Collector<'_>) {
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
        out.push_bare(Bare { span: number.start..number.end, value, prefix, next_start });
    }
}

/// If a range connector and a second number follow `first`, reads the range (`10-20亿`, `2至3个`) and returns
/// where it ends — whether or not it is a figure (`2019-2021年` and `2022-10-21` are consumed and skipped).
fn scan_range(text: &str, first: &Number, out: &mut Collector<'_>) -> Option<usize> {
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
    out.push_figure(Figure {
        span: first.start..end,
        value: min,
        value_max: Some(max),
        unit: unit.unit,
        shape: Shape::Range,
        suffix: None,
        prefix: None,
    });
    Some(end)
}

/// Records a plain figure (or a `10%-20%` range) for a number at `start` with its unit; returns its end.
fn emit_plain(text: &str, start: usize, value: Decimal, unit: UnitMatch, out: &mut Collector<'_>) -> usize {
    if let Some((max, range_end)) = same_unit_range(text, &unit) {
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
            });
            return end;
        }
    }
    let (suffix, end) = match suffix_word(text, unit.end) {
        Some((comparator, end)) => (Some(comparator), end),
        None => (unit.more_than.then_some(Comparator::MoreThan), unit.end),
    };
    let prefix = prefix_comparator(text, start, &unit.unit);
    out.push_figure(Figure {
        span: start..end,
        value,
        value_max: None,
        unit: unit.unit,
        shape: Shape::Plain,
        suffix,
        prefix,
    });
    end
}

/// After a figure's unit, a connector and a second number with the very same unit (`10%-20%`, `3个至5个`): the
/// second value and where its unit ends.
fn same_unit_range(text: &str, unit: &UnitMatch) -> Option<(Decimal, usize)> {
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

/// Scans from a Chinese numeral character at `start`: a figure if the numeral is well formed, at least two
/// characters long and has a unit.
fn scan_chinese(text: &str, start: usize, out: &mut Collector<'_>) -> usize {
    let (end, count) = chinese_run_end(text, start);
    if count < 2 {
        return end;
    }
    let Some(number) = parse_chinese_numeral(&text[start..end]) else {
        return end;
    };
    let Some(value) = chinese_decimal(number) else {
        return end;
    };
    let Some(unit) = match_unit(text, end, false) else {
        return end;
    };
    if is_year_or_month(text, is_year_value(value), value, &unit) {
        return unit.end;
    }
    if unit.rank {
        out.push_figure(Figure::rank(start..unit.end, value, &unit.unit));
        return unit.end;
    }
    emit_plain(text, start, value, unit, out)
}

/// Scans from `第` at `start`: `第N位`/`第N名` is a rank; any other `第N` is an ordinal and skipped whole.
fn scan_ordinal(text: &str, start: usize, out: &mut Collector<'_>) -> Option<usize> {
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

/// Scans from `百分之` or `千分之` at `start`: a percentage (`百分之十五` → 15 `%`) or per-mille figure.
fn scan_fraction_words(text: &str, start: usize, out: &mut Collector<'_>) -> Option<usize> {
    let (unit, word) = if starts_with_at(text, start, "百分之") { ("%", "百分之") } else { ("‰", "千分之") };
    let number_start = start + word.len();
    let (value, end) = if is_digit_at(text, number_start) {
        let number = lex_number(text, number_start);
        if is_in_name(text, number_start, number.end) || compound_end(text, number.end).is_some() {
            return Some(number.end);
        }
        (number.value, number.end)
    } else {
        let (end, count) = chinese_run_end(text, number_start);
        if count == 0 {
            return None;
        }
        let numeral = &text[number_start..end];
        let value = if numeral == "百" { Some(100) } else { parse_chinese_numeral(numeral) };
        (value.and_then(chinese_decimal), end)
    };
    let Some(value) = value else { return Some(end) };
    let unit = UnitMatch { unit: unit.into(), end, more_than: false, rank: false };
    Some(emit_plain(text, start, value, unit, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_into_multiplier_and_base() {
        let n = |u: &str| {
            let n = normalize_unit(u);
            (n.exponent, n.base)
        };
        assert_eq!(n("万座"), (4, "座".into()));
        assert_eq!(n("亿元"), (8, "元".into()));
        assert_eq!(n("万亿元"), (12, "元".into()));
        assert_eq!(n("千瓦"), (0, "千瓦".into()));
        assert_eq!(n("万千瓦"), (4, "千瓦".into()));
        assert_eq!(n("千瓦时"), (0, "千瓦时".into()));
        assert_eq!(n("千个"), (3, "个".into()));
        assert_eq!(n("个百分点"), (0, "百分点".into()));
        assert_eq!(n("百分点"), (0, "百分点".into()));
        assert_eq!(n("%"), (0, "%".into()));
        assert_eq!(n("亿"), (8, "".into()));
    }

    /// Every quantity in `text` as `value[-max] unit comparator [span text]`.
    fn show(text: &str) -> Vec<String> {
        find_quantities(text)
            .iter()
            .map(|q| {
                let number = match q.value_max {
                    Some(max) => format!("{}-{}", q.value, max),
                    None => q.value.to_string(),
                };
                format!("{number} {} {} [{}]", q.unit, q.comparator, q.text(text))
            })
            .collect()
    }

    /// Asserts that `text` holds exactly the quantities `expected`, written as by [`show`].
    #[track_caller]
    fn check(text: &str, expected: &[&str]) {
        assert_eq!(show(text), expected, "in {text:?}");
    }

    /// Asserts that no quantity is found in any of `texts`.
    #[track_caller]
    fn nothing(texts: &[&str]) {
        for text in texts {
            assert_eq!(show(text), Vec::<String>::new(), "in {text:?}");
        }
    }

    #[test]
    fn arabic_and_full_width_digits_and_decimals() {
        check("签约金额达48.02亿元", &["48.02 亿元 equal [48.02亿元]"]);
        check("比例87.5%", &["87.5 % equal [87.5%]"]);
        check("建成１２３个", &["123 个 equal [１２３个]"]);
        check("占比５０．５％以上", &["50.5 % at-least [５０．５％以上]"]);
        check("共1,500亿元", &["1500 亿元 equal [1,500亿元]"]);
        check("达0.5吨", &["0.5 吨 equal [0.5吨]"]);
    }

    #[test]
    fn spans_are_byte_ranges_of_the_original_text() {
        let text = "比例达到５０％以上,新增1万座";
        let found = find_quantities(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].span.clone()], "５０％以上");
        assert_eq!(found[0].unit, "%");
        assert_eq!(&text[found[1].span.clone()], "1万座");
        assert_eq!(found[1].text(text), "1万座");
        let q = Quantity { span: 3..400, ..found[0].clone() };
        assert_eq!(q.text(text), "");
        let q = Quantity { span: 1..2, ..found[0].clone() };
        assert_eq!(q.text(text), "", "not a char boundary");
    }

    #[test]
    fn spaces_may_separate_number_and_unit() {
        check("电子信息制造业规模超 300 亿元", &["300 亿元 more-than [300 亿元]"]);
        check("新建 5G基站 1万座", &["1 万座 equal [1万座]"]);
        check("完成实物投资量超 1500亿元", &["1500 亿元 more-than [1500亿元]"]);
        check("新增轨道交通总里程达 80公里", &["80 公里 equal [80公里]"]);
        nothing(&["共 300     个"]);
    }

    #[test]
    fn chinese_numerals_are_read_whole() {
        check("新建一万座", &["10000 座 equal [一万座]"]);
        check("引进两千家企业", &["2000 家 equal [两千家]"]);
        check("组织十五场", &["15 场 equal [十五场]"]);
        check("用二十年", &["20 年 equal [二十年]"]);
        check("培训三千人", &["3000 人 equal [三千人]"]);
        check("完成一百二十项", &["120 项 equal [一百二十项]"]);
        check("共三千零五十名", &["3050 名 equal [三千零五十名]"]);
        check("投资一万五千元", &["15000 元 equal [一万五千元]"]);
        check("二十万千瓦风电", &["200000 千瓦 equal [二十万千瓦]"]);
        check("三亿五千万元", &["350000000 元 equal [三亿五千万元]"]);
        check("二十余家", &["20 家 more-than [二十余家]"]);
        check("超过二十个百分点", &["20 个百分点 more-than [二十个百分点]"]);
    }

    #[test]
    fn chinese_numeral_grammar() {
        let p = parse_chinese_numeral;
        assert_eq!(p("十"), Some(10));
        assert_eq!(p("十五"), Some(15));
        assert_eq!(p("二十"), Some(20));
        assert_eq!(p("一百二十"), Some(120));
        assert_eq!(p("一百零五"), Some(105));
        assert_eq!(p("一百五"), Some(150));
        assert_eq!(p("两千五"), Some(2500));
        assert_eq!(p("一万五"), Some(15000));
        assert_eq!(p("十万"), Some(100_000));
        assert_eq!(p("一万亿"), Some(1_000_000_000_000));
        assert_eq!(p("两亿三千万"), Some(230_000_000));
        for bad in [
            "二○三五",
            "二〇二五",
            "二零二五",
            "十四五",
            "十三五",
            "十五五",
            "百千万",
            "一一",
            "万",
            "百万",
            "一千零",
            "零五",
            "万一",
            "一亿一亿",
            "一万一万",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn single_character_chinese_numerals_are_not_reported() {
        nothing(&[
            "作出“五个示范”",
            "做好“三篇大文章”",
            "建成一批",
            "四项重点工作",
            "十大行动",
            "峰会期间共有万余人",
            "百强市",
            "一是加强",
            "两化融合",
        ]);
    }

    #[test]
    fn chinese_years_and_five_year_plan_names_are_not_quantities() {
        nothing(&[
            "二○三五年远景目标纲要",
            "到二〇二五年",
            "二零二五年",
            "《“十四五”数字经济发展规划》",
            "“十三五”文化产业规划",
            "十二五期间",
            "“十五五”规划",
            "“十四五 ”规划",
            "百千万人才工程",
            "两千零二十年",
        ]);
    }

    #[test]
    fn multipliers_stay_in_the_unit() {
        check("新建1万座", &["1 万座 equal [1万座]"]);
        check("1.5万亿元", &["1.5 万亿元 equal [1.5万亿元]"]);
        check("推进已纳入全省建设计划的210万千瓦风电项目", &["210 万千瓦 equal [210万千瓦]"]);
        check("5.7万个泊位", &["5.7 万个 equal [5.7万个]"]);
        check("全市112.5万余户市场主体", &["112.5 万户 more-than [112.5万余户]"]);
        check("组织350余场", &["350 场 more-than [350余场]"]);
        check("目录10200余条", &["10200 条 more-than [10200余条]"]);
        check("吸引10余万人", &["10 万人 more-than [10余万人]"]);
        check("3万多名", &["3 万名 more-than [3万多名]"]);
        check("投资5千万元", &["5 千万元 equal [5千万元]"]);
        check("5千个", &["5 千个 equal [5千个]"]);
        check("发起设立10-20亿注册资本金", &["10-20 亿 range [10-20亿]"]);
        check("900万沈阳人", &["900 万 equal [900万]"]);
        assert_eq!(normalize_unit("万亿元").exponent, 12);
        assert_eq!(normalize_unit("千万元").exponent, 7);
    }

    #[test]
    fn kilo_units_keep_their_kilo() {
        check("100千瓦时", &["100 千瓦时 equal [100千瓦时]"]);
        check("3千米", &["3 千米 equal [3千米]"]);
        check("20千克", &["20 千克 equal [20千克]"]);
        check("5万千瓦时", &["5 万千瓦时 equal [5万千瓦时]"]);
    }

    #[test]
    fn measure_words_are_units() {
        let figures = "3座 4个 5家 6项 7名 8人 9支 10场 11户 12条 13批次 14批 15公里 16千米 17米 18平方米 19平方公里 \
            20千瓦时 21千瓦 22吨 23天 24位 25套 26间 27辆 28台 29次 30件 31倍 32亩 33所 34张 35期 3年 6个月 18月 \
            37场次 38块 39部 40单 41笔 42宗 43栋 44类 45种 46人次 47元 48美元 49公顷 50小时 51万人民币 52立方米 \
            53兆瓦 54亿度 55‰ 56个工作日 57万吨标准煤";
        for text in figures.split_whitespace() {
            let unit = text.trim_start_matches(|c: char| c.is_ascii_digit());
            let found = find_quantities(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].unit, unit, "{text}");
            assert_eq!(found[0].text(text), text);
        }
    }

    #[test]
    fn a_bracketed_unit_is_kept_with_ascii_brackets() {
        check("实现年均7.5万套(间)人才住房保障能力", &["7.5 万套(间) equal [7.5万套(间)]"]);
        check("实现年均7.5万套（间）人才住房", &["7.5 万套(间) equal [7.5万套（间）]"]);
        assert_eq!(normalize_unit("万套(间)").base, "套(间)");
        check("3套(其他)", &["3 套 equal [3套]"]);
    }

    #[test]
    fn a_unit_may_have_a_denominator() {
        check("均价5000元/平方米", &["5000 元/平方米 equal [5000元/平方米]"]);
        check("能耗0.5吨标准煤/万元", &["0.5 吨标准煤/万元 equal [0.5吨标准煤/万元]"]);
        check("5000元/", &["5000 元 equal [5000元]"]);
    }

    #[test]
    fn durations_are_quantities_but_years_are_not() {
        check("用3年时间", &["3 年 equal [3年]"]);
        check("连续12个月位列全省第一", &["12 个月 equal [12个月]"]);
        check("2000多年历史", &["2000 年 more-than [2000多年]"]);
        nothing(&[
            "到2025年",
            "2019年",
            "确保2030年前",
            "2025年底前",
            "2019年度",
            "上世纪80年代",
            "到 2025 年",
            "成功举办“2019工业互联网全球峰会”",
            "《国家创新型城市创新能力评价报告2021》",
            "制定出台了《沈阳市加快数字经济发展行动计划(2019-2021年)》",
            "《沈阳市电子商务发展规划(2015-2020年)》",
            "2015年—2020年",
            "２０２５年",
        ]);
        check("尽快启动2015年二期及2016年一期共198亿元贷款准备工作", &["198 亿元 equal [198亿元]"]);
    }

    #[test]
    fn dates_and_times_are_not_quantities() {
        nothing(&[
            "发布时间:2023年05月06日 作者:",
            "沈阳市于6月27日以市政府办公室名义",
            "2015年2月11日",
            "来源:辽宁日报  |  2022-10-21 10:06:09",
            "2019年10月通过市人大一审",
            "今年1月至8月",
            "1-3月",
            "2022/10/21",
            "2022.10.21",
            "8月份",
            "10:06",
        ]);
    }

    #[test]
    fn document_numbers_are_not_quantities() {
        nothing(&[
            "〔2020〕84号",
            "(沈政办发【2022】18号)",
            "[2020]84号",
            "(2020)84号",
            "关于推进“新基建”设施建设 促进城市高质量发展的提案(第154号)的答复",
            "沈政办发〔2014〕35号",
            "(徐委发〔2018〕8号)",
            "徐委办〔2020〕84号",
            "认真贯彻落实中发37号文件精神",
            "根据市委常委会会议纪要(第162期)要求",
        ]);
    }

    #[test]
    fn list_ordinals_formulas_and_bare_numbers_are_not_quantities() {
        nothing(&[
            "1.注重规划引领。",
            "10.完善人才保障机制。",
            "(一)加快推进",
            "“12+24”重点产业园区",
            "加快构建“2+3+N”多层次投资基金体系",
            "构建“1+10”政策体系",
            "1、加强组织领导",
            "共有100",
            "分别为100和200",
            "沈阳:作出“五个示范” 当好振兴表率_fororder_1",
        ]);
        check("“4条主线+8大行动+10项工程+若干项目”", &["4 条 equal [4条]", "10 项 equal [10项]"]);
    }

    #[test]
    fn digits_inside_names_and_versions_are_not_quantities() {
        nothing(&[
            "建设5G精品网络",
            "基于IPv6的下一代互联网",
            "VR/AR、4K传输",
            "庞巴迪Q400总装",
            "A股上市",
            "组建3D打印等技术创新联盟",
            "IC装备",
            "COVID-19疫情",
            "５Ｇ基站",
            "《数字辽宁发展规划(2.0版)》",
            "版本1.2.3",
            "G20峰会",
            "5A级景区",
        ]);
        check("力争建成5G基站3000个以上", &["3000 个 at-least [3000个以上]"]);
        check("已建成并开通5G基站1202个", &["1202 个 equal [1202个]"]);
    }

    #[test]
    fn percentages() {
        check("增长15%", &["15 % increase [15%]"]);
        check("清洁能源消费占比达到37%以上", &["37 % at-least [37%以上]"]);
        check("增长20.24%", &["20.24 % increase [20.24%]"]);
        check("占比５０％", &["50 % equal [５０％]"]);
        check("占比 15 %", &["15 % equal [15 %]"]);
        check("提高百分之十五", &["15 % increase [百分之十五]"]);
        check("占百分之三十以上", &["30 % at-least [百分之三十以上]"]);
        check("覆盖率百分之百", &["100 % equal [百分之百]"]);
        check("百分之15", &["15 % equal [百分之15]"]);
        check("千分之五", &["5 ‰ equal [千分之五]"]);
        nothing(&["百分之", "百分之几", "百分点"]);
    }

    #[test]
    fn percentage_points_are_not_percent() {
        check("年均增速高于规模以上工业 3个百分点", &["3 个百分点 more-than [3个百分点]"]);
        check("下降0.5百分点", &["0.5 百分点 decrease [0.5百分点]"]);
        assert_eq!(normalize_unit("个百分点").base, "百分点");
    }

    #[test]
    fn ranges() {
        check("共同发起设立10-20亿注册资本金", &["10-20 亿 range [10-20亿]"]);
        check("建设2—3个", &["2-3 个 range [2—3个]"]);
        check("建设2~3个", &["2-3 个 range [2~3个]"]);
        check("建设2～3个", &["2-3 个 range [2～3个]"]);
        check("建设2至3个", &["2-3 个 range [2至3个]"]);
        check("用3到5年", &["3-5 年 range [3到5年]"]);
        check("投资10–20亿元", &["10-20 亿元 range [10–20亿元]"]);
        check("投资10 - 20亿元左右", &["10-20 亿元 range [10 - 20亿元左右]"]);
        check("占比10%-20%", &["10-20 % range [10%-20%]"]);
        check("增长1.5－2.5倍", &["1.5-2.5 倍 range [1.5－2.5倍]"]);
        nothing(&["2019-2021年", "2015-2020年", "20-10个", "3-3个", "1-3月", "电话024-12345678"]);
    }

    #[test]
    fn numbers_before_a_unit_share_it_in_a_list() {
        check(
            "信息安全收入、国产嵌入式系统软件收入增速分别高于全国13.1、8.6个百分点",
            &["13.1 个百分点 more-than [13.1]", "8.6 个百分点 more-than [8.6个百分点]"],
        );
        check("分别为1、2、3个", &["1 个 equal [1]", "2 个 equal [2]", "3 个 equal [3个]"]);
        check("分别为10、20亿元以上", &["10 亿元 at-least [10]", "20 亿元 at-least [20亿元以上]"]);
        nothing(&["1、2、3、4", "2019、2020年"]);
        check("2019、2020年3个", &["3 个 equal [3个]"]);
    }

    #[test]
    fn members_of_a_list_take_the_first_members_comparator() {
        check(
            "汽车及零部件(不含新能源汽车)、通用机械装备、石化重矿轨道交通及专用装备、机床及功能部件、电力装备产业链产值分别达到2880亿元、366亿元、310亿元、65亿元和270亿元。",
            &[
                "2880 亿元 equal [2880亿元]",
                "366 亿元 equal [366亿元]",
                "310 亿元 equal [310亿元]",
                "65 亿元 equal [65亿元]",
                "270 亿元 equal [270亿元]",
            ],
        );
        check("分别增长10%、20%", &["10 % increase [10%]", "20 % increase [20%]"]);
        check("分别增长10%、约20%", &["10 % increase [10%]", "20 % about [20%]"]);
        check("增长10%,20个", &["10 % increase [10%]", "20 个 equal [20个]"]);
        check("已接入538个停车场、5.7万个泊位", &["538 个 equal [538个]", "5.7 万个 equal [5.7万个]"]);
    }

    #[test]
    fn ranks() {
        check("沈阳创新能力排名第20位", &["20 位 rank [第20位]"]);
        check("位列第20名", &["20 名 rank [第20名]"]);
        check("全国第 3 位", &["3 位 rank [第 3 位]"]);
        check("获得第一名", &["1 名 rank [第一名]"]);
        check("进入国家先进制造业百强市20强", &["20 强 rank [20强]"]);
        check("世界500强", &["500 强 rank [500强]"]);
        check("进入全国二十强", &["20 强 rank [二十强]"]);
        nothing(&[
            "(第154号)",
            "(第162期)",
            "第二届“一带一路”国际合作高峰论坛",
            "成为科创板辽宁“第一股”",
            "建设东北数字经济应用场景第一城",
            "《沈阳市国民经济和社会发展第十四个五年规划》",
            "第二个探索数据立法的城市",
            "市委第十二届十次全会",
            "第三方机构",
            "第",
        ]);
    }

    #[test]
    fn prefix_words_set_the_comparator() {
        for (text, comparator) in [
            ("超过100个", Comparator::MoreThan),
            ("超100个", Comparator::MoreThan),
            ("突破100个", Comparator::MoreThan),
            ("高于3%", Comparator::MoreThan),
            ("多于100个", Comparator::MoreThan),
            ("大于100个", Comparator::MoreThan),
            ("逾100个", Comparator::MoreThan),
            ("不少于100个", Comparator::AtLeast),
            ("不低于3%", Comparator::AtLeast),
            ("至少100个", Comparator::AtLeast),
            ("不超过100个", Comparator::AtMost),
            ("不高于3%", Comparator::AtMost),
            ("最多100个", Comparator::AtMost),
            ("低于3%", Comparator::LessThan),
            ("少于100个", Comparator::LessThan),
            ("不到100个", Comparator::LessThan),
            ("小于3%", Comparator::LessThan),
            ("不足100个", Comparator::LessThan),
            ("约100个", Comparator::About),
            ("近8亿元", Comparator::About),
            ("大约100个", Comparator::About),
            ("接近100个", Comparator::About),
            ("将近100个", Comparator::About),
            ("达到100个", Comparator::Equal),
            ("达100个", Comparator::Equal),
            ("下降15%", Comparator::Decrease),
            ("降低15%", Comparator::Decrease),
            ("减少100个", Comparator::Decrease),
            ("减15%", Comparator::Decrease),
            ("增长15%", Comparator::Increase),
            ("提高15%", Comparator::Increase),
            ("提升15%", Comparator::Increase),
            ("增加100个", Comparator::Increase),
            ("同比增15%", Comparator::Increase),
            ("提高到75%", Comparator::Equal),
            ("提升到75%", Comparator::Equal),
            ("增加到100个", Comparator::Equal),
            ("增长到100个", Comparator::Equal),
            ("提高至75%", Comparator::Equal),
            ("下降到10%", Comparator::Equal),
            ("降至10%", Comparator::Equal),
            ("超 300 亿元", Comparator::MoreThan),
            ("达   80公里", Comparator::Equal),
            ("100个", Comparator::Equal),
        ] {
            let found = find_quantities(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].comparator, comparator, "{text}");
            let span = found[0].text(text);
            assert!(span.starts_with(|c: char| c.is_ascii_digit()), "prefix word in span {span:?} of {text}");
        }
    }

    #[test]
    fn suffix_words_win_over_prefix_words() {
        check("绿色出行比例提高到75%以上", &["75 % at-least [75%以上]"]);
        check("空气质量优良天数比例达到87.5%以上", &["87.5 % at-least [87.5%以上]"]);
        check("可开放类政务数据资源目录约1900余个", &["1900 个 more-than [1900余个]"]);
        check("控制在100个以内", &["100 个 at-most [100个以内]"]);
        check("降到100个以下", &["100 个 at-most [100个以下]"]);
        check("增长50%左右", &["50 % about [50%左右]"]);
        check("50%上下", &["50 % about [50%上下]"]);
        check("3个及以上", &["3 个 at-least [3个及以上]"]);
        check("超过3家以下", &["3 家 at-most [3家以下]"]);
        check("500家上下游企业", &["500 家 equal [500家]"]);
    }

    #[test]
    fn prefix_words_that_mean_something_else_are_ignored() {
        check("实现签约34个", &["34 个 equal [34个]"]);
        check("新增100家", &["100 家 equal [100家]"]);
        check("节约10%", &["10 % equal [10%]"]);
        check("最近3年", &["3 年 equal [3年]"]);
        check("近3年累计", &["3 年 equal [3年]"]);
        check("提升20个科技成果转化中试基地效能", &["20 个 equal [20个]"]);
        check("提高10个百分点", &["10 个百分点 increase [10个百分点]"]);
        check("力争实现2000亿元", &["2000 亿元 equal [2000亿元]"]);
    }

    #[test]
    fn a_comparative_may_stand_a_few_words_before_its_number() {
        check("年均增速高于规模以上工业 3个百分点", &["3 个百分点 more-than [3个百分点]"]);
        check("增速低于全国平均2个百分点", &["2 个百分点 less-than [2个百分点]"]);
        check("高于全国平均水平,达到30个", &["30 个 equal [30个]"]);
        check("高于全国平均水平,共30个", &["30 个 equal [30个]"]);
        check("高于这个非常非常非常遥远的30个", &["30 个 equal [30个]"]);
        check("规模以上工业增加值增长8%", &["8 % increase [8%]"]);
    }

    #[test]
    fn real_sentences_from_the_seeds() {
        check("完成实物投资量超 1500亿元", &["1500 亿元 more-than [1500亿元]"]);
        check("电动汽车充电桩 4000个", &["4000 个 equal [4000个]"]);
        check("电子商务交易额突破 3000亿元", &["3000 亿元 more-than [3000亿元]"]);
        check(
            "数字经济核心产业规模达2062亿元,增长20.24%",
            &["2062 亿元 equal [2062亿元]", "20.24 % increase [20.24%]"],
        );
        check("国拨资金累计到位近8亿元", &["8 亿元 about [8亿元]"]);
        check("单位地区生产总值能源消耗比2020年下降15%", &["15 % decrease [15%]"]);
        check("城市公交、市区出租车清洁能源比例达到100%", &["100 % equal [100%]"]);
        check(
            "80%申请材料实现“只提交一次”或免于提交,“一件事一次办”场景数突破1000个",
            &["80 % equal [80%]", "1000 个 more-than [1000个]"],
        );
        check("计划改造棚户区50个地块,涉及居民22549户", &["50 个 equal [50个]", "22549 户 equal [22549户]"]);
        check(
            "人民银行设立2000亿元以上的设备更新改造专项再贷款,向21家金融机构",
            &["2000 亿元 at-least [2000亿元以上]", "21 家 equal [21家]"],
        );
        check("市区两级共计9065名执法人员", &["9065 名 equal [9065名]"]);
        check("发布数据约213万条", &["213 万条 about [213万条]"]);
        check("峰会期间共有万余人、1851家企业参会", &["1851 家 equal [1851家]"]);
        check("组织洽谈对接活动300余次,实现签约34个", &["300 次 more-than [300余次]", "34 个 equal [34个]"]);
        check(
            "新建 5G基站 1万座、电动汽车充电桩 4000个,新增轨道交通总里程达 80公里",
            &["1 万座 equal [1万座]", "4000 个 equal [4000个]", "80 公里 equal [80公里]"],
        );
        check(
            "到2025年,设立科技成果转化基金,天使、创投基金达10支以上,6家以上科技型企业实现上市。",
            &["10 支 at-least [10支以上]", "6 家 at-least [6家以上]"],
        );
    }

    /// The seed texts, as (file name, text).
    fn seeds() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut files: Vec<_> = std::fs::read_dir(dir).expect("seeds/").map(|e| e.expect("entry").path()).collect();
        files.sort();
        files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("seed text")))
            .collect()
    }

    /// Checks the invariants every result must keep: spans inside the text on character boundaries, in order and
    /// not overlapping, non-empty.
    #[track_caller]
    fn assert_well_formed(text: &str, found: &[Quantity]) {
        let mut last_end = 0;
        for q in found {
            assert!(q.span.start < q.span.end && q.span.end <= text.len(), "{q:?}");
            assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end), "{q:?}");
            assert!(q.span.start >= last_end, "overlapping or out of order: {q:?}");
            assert!(!q.unit.is_empty(), "{q:?}");
            last_end = q.span.end;
        }
    }

    #[test]
    fn every_seed_parses_into_well_formed_quantities() {
        let seeds = seeds();
        assert!(!seeds.is_empty());
        let mut total = 0;
        for (name, text) in &seeds {
            let found = find_quantities(text);
            assert_well_formed(text, &found);
            for q in &found {
                let t = q.text(text);
                assert!(!t.contains('号'), "{name}: document number {t:?}");
                let is_year =
                    t.strip_suffix('年').is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()));
                assert!(!is_year, "{name}: year {t:?}");
                assert!(!t.contains("年") || q.unit.contains('年'), "{name}: {t:?}");
                // A span that ends with its unit reads back as the same figure on its own.
                if !t.ends_with(|c: char| c.is_ascii_digit()) {
                    let again = find_quantities(t);
                    assert_eq!(again.len(), 1, "{name}: {t:?}");
                    assert_eq!((again[0].value, again[0].value_max, &again[0].unit), (q.value, q.value_max, &q.unit));
                }
            }
            // Paragraph by paragraph gives the same figures.
            let by_line: usize = text.lines().map(|l| find_quantities(l).len()).sum();
            assert_eq!(by_line, found.len(), "{name}");
            total += found.len();
        }
        assert!(total > 100, "only {total} quantities in the seeds");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long_digits = "9".repeat(10_000);
        #[rustfmt::skip]
        let texts = [
            "", "第", "百分之", "千分之", "百分之百分之", ".", "1.", "1,", "1,00", "1,000,", "１", "１．", "1-", "1-2", "1—",
            "第1", "第一", "1、", "1、2", "一", "十", "万", "亿亿亿", "千瓦", "5万", "5余", "5多", "5/", "5元/", "3套(",
            "3套（间", "0", "00000个", "0.0000000000000000001个", "99999999999999999999999999个", "一万亿亿元",
            "九千九百九十九万九千九百九十九亿个", &long_digits, "\u{0}1个", "1\u{feff}个", "🎉1个🎉", "1%-", "1%-2",
            "第 ", "百分之 1", "1 、 2个", "达", "高于", "、1个",
        ];
        for text in texts {
            let found = find_quantities(text);
            assert_well_formed(text, &found);
        }
        check("00000个", &["0 个 equal [00000个]"]);
        check(
            "九千九百九十九万九千九百九十九亿个",
            &["9999999900000000 个 equal [九千九百九十九万九千九百九十九亿个]"],
        );
        nothing(&["99999999999999999999999999个", "一万亿亿元"]);
    }

    #[test]
    fn pathological_inputs_take_linear_time() {
        let size = 200_000;
        #[rustfmt::skip]
        let patterns = [
            "1", "一", "十", "第", "百分之", "1、", "1-", "1.", "1,000", " ", "1 ", "万", "余", "高于", "一十", "1个、",
            "5G", "12+", "1%-", "第一", "二〇", "1至", "、", "1、2个、", "高于全国1、",
        ];
        for pattern in patterns {
            let text = pattern.repeat(size / pattern.len() + 1);
            let started = std::time::Instant::now();
            let found = find_quantities(&text);
            assert_well_formed(&text, &found);
            assert!(started.elapsed().as_secs() < 10, "{pattern:?} took {:?}", started.elapsed());
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_well_formed(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '0', '1', '2', '9', '１', '５', '.', '．', ',', '-', '—', '~', '至', '到', '、', '和', ' ', '\u{3000}',
                '一', '二', '两', '十', '百', '千', '万', '亿', '零', '〇', '第', '分', '之', '个', '元', '年', '月', '日',
                '号', '%', '％', '余', '多', '以', '上', '下', '内', '左', '右', '超', '过', '约', '近', '达', '增', '长',
                '提', '高', '于', '不', '新', '强', '位', '名', '套', '(', '（', '间', ')', '）', '/', 'G', 'v', ':', '\n',
                '瓦', '时', '点', '百', '🎉',
            ]), 0..60)
        ) {
            let text: String = chars.into_iter().collect();
            let found = find_quantities(&text);
            assert_well_formed(&text, &found);
            for q in &found {
                if let Some(max) = q.value_max {
                    proptest::prop_assert!(max > q.value);
                    proptest::prop_assert_eq!(q.comparator, Comparator::Range);
                }
            }
        }

        #[test]
        fn never_panics_on_arbitrary_unicode(text in "\\PC{0,80}") {
            let found = find_quantities(&text);
            assert_well_formed(&text, &found);
        }
    }
}
