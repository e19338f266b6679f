//! Finding and parsing quantities in Chinese text.
//!
//! # How the files fit
//!
//! [`find_quantities`] (`scan.rs`) walks the text once; at each number it calls a reader — `arabic.rs` for
//! digits, `chinese.rs` for Chinese numerals, `ranges.rs` for `10-20亿` and `百分之十五` — then `units.rs` reads
//! the unit after it and `comparator.rs` the words around it; `forms.rs` reads the other forms (signs, `1万600`,
//! 翻…番, …分之…) and records plain figures. Every reader reports to the collector in `collect.rs`, which settles
//! lists and comparators; it sits below the readers, so no file imports one that imports it back. `chars.rs`
//! holds the byte-position helpers they share; `tests.rs` the table-driven tests.
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
//! - `百分之十五` (or `百分之15`) is 15 `%`; `千分之五` is 5 `‰`; `万分之三` is 3 `‱`. The span starts at
//!   `百`/`千`/`万`. Other fractions are percentages when exact (`五分之一` is 20 `%`); `三分之一` is kept as
//!   1 `/3` with a note.
//! - Chinese decimals: `二点五` is 2.5, `一点二亿` is 120000000 (a multiplier after the decimals is read into the
//!   value, as in any Chinese numeral). Financial numerals (`壹贰叁…拾佰仟萬億`), `〇`, `兩` and `廿`/`卅` are
//!   numerals; elisions read as the next place down (`两千六` 2600, `三万五` 35000, `一百二` 120), and `十`
//!   may stand alone after `百` or `零` (`一百十一` 111, `一千零十` 1010).
//! - A one-character Chinese numeral is a figure before `成` (tenths: `七成`, normalised to 70 `%`) or `倍`
//!   (`两倍`), and `十` before `余`/`多`/`几` (`十余所`, more-than). `翻一番` is 2 `倍`, `翻两番` 4 `倍`.
//! - An Arabic number, `万`/`亿`, then more digits or a Chinese numeral is one number: `1万600个` is 10600 `个`,
//!   `100万三千` 1003000, `3亿5000万元` 350000000 `元`. A one-digit tail (`1万5`: 15000 spoken, 10005 written)
//!   is reported with a note, never as a figure for `check`.
//! - Signs: `-`, `－`, `−` right before a number (not after a digit, letter, numeral, date or unit), `负` before
//!   it, and `负增长` before it make the value negative (`增长-2.1%` is an increase of -2.1 `%`).
//! - A number right after `每` or `单位` sizes a unit and is no figure (`每万人`, `每十万人口`, `单位万元GDP`).
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
//!
//! **Margins**: a comparative of rule 5 with words between it and a number of percentage points is a margin of
//! exactly that many points over those words (`高于全国13.1个百分点`): comparator equal, and
//! [`Quantity::reference`] holds the words (`全国`).

mod arabic;
mod chars;
mod chinese;
mod collect;
mod comparator;
mod forms;
mod ranges;
mod scan;
#[cfg(test)]
mod tests;
mod units;

use std::ops::Range;

use crate::decimal::Decimal;

pub use chinese::read_chinese_year;
pub use comparator::Comparator;
pub use scan::{find_all_quantities, find_quantities};
pub use units::{normalize_unit, NormalUnit};

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
    /// For a margin over a reference (`高于全国13.1个百分点`, comparator equal): the reference as written
    /// (`全国`), else `None`.
    pub reference: Option<String>,
    /// Why the reading is uncertain (`1万5` may be 15000 or 10005; `三分之一` is no exact decimal), else `None`.
    /// [`find_quantities`] never returns such a figure; [`find_all_quantities`] does, for `candidates`.
    pub note: Option<String>,
}

impl Quantity {
    /// The text of this quantity in `source`, the text it was found in; empty if the span does not fit `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.span.clone()).unwrap_or("")
    }
}
