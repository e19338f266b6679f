//! Finding and parsing quantities in Chinese text.
//!
//! # How the files fit
//!
//! [`find_quantities`] (`scan.rs`) walks the text once; at each number it calls a reader — `arabic.rs` for
//! digits, `chinese.rs` for Chinese numerals, `mixed.rs` for digits with Chinese places (`1万600`, `8千4百萬`),
//! `ranges.rs` for `10-20亿`, `1万-5万元` and `两到三万` — then `units.rs` reads the unit after it (Chinese
//! measure words and Latin units) and `comparator.rs` the words around it; `forms.rs` reads the other forms
//! (signs, 翻…番, fractions, `百分之…`) and records plain figures, `money.rs` the `角`/`分` of an amount and currency
//! signs, and `names.rs` says which numbers are no figures (headings, programme names, years in prose, vague
//! amounts). Every reader reports to the collector in `collect.rs`, which settles lists and comparators; it sits
//! below the readers, so no file imports one that imports it back. `chars.rs` holds the byte-position helpers they
//! share; `tests.rs` and `tests/` the table-driven and property tests, and `tests/number_forms/` at the workspace root a
//! scored collection of sentences.
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
//!   digits (`48.02`), and optional thousands separators written as an ASCII or full-width comma followed by
//!   exactly three digits (`1,500`, `82，225.00`) after at most three digits. More than 24 significant digits is
//!   not a figure.
//! - Chinese numerals (`一万`, `两千`, `十五`, `一百二十`, `三千零五十`, `一万五`) are read whole — `万` and `亿`
//!   inside them are part of the value, so `一万座` is 10000 `座`. A Chinese numeral is reported only when it is
//!   at least two characters long *and* has a unit (the exceptions are below): `五个示范`, `三篇`, `一批`, `百强`
//!   are not figures.
//!   Numerals that are not well formed are never figures: digit-by-digit years (`二○三五`, `二〇二五`),
//!   five-year-plan names (`十四五`, `十三五`, `十五五`), `百千万`, `一一`.
//! - `百分之十五` (or `百分之15`) is 15 `%`; `千分之五` is 5 `‰`; `万分之三` is 3 `‱`. The span starts at
//!   `百`/`千`/`万`. Other fractions are percentages when exact (`五分之一` is 20 `%`); `三分之一` is kept as
//!   1 `/3` with a note.
//! - Chinese decimals: `二点五` is 2.5, `一点二亿` is 120000000 (a multiplier after the decimals is read into the
//!   value, as in any Chinese numeral). Financial numerals (`壹贰叁…拾佰仟萬億`), `〇`, `兩` and `廿`/`卅` are
//!   numerals; elisions read as the next place down (`两千六` 2600, `三万五` 35000, `一百二` 120), and `十`
//!   may stand alone after `百` or `零` (`一百十一` 111, `一千零十` 1010). The decimal point may be `點`, and the
//!   decimals Arabic digits (`一百点123` is 100.123). `萬`, `億` and `個` are written `万`, `亿`, `个` in a unit.
//! - A one-character Chinese numeral is a figure before `成` (tenths: `七成`, normalised to 70 `%`), `倍`
//!   (`两倍`) or percentage points (`提高三个百分点`), `十` before `余`/`多`/`几` (`十余所`, more-than), a lone
//!   `百`/`千`/`万` before `余`/`多` or after `逾`, `超`, `近` … (`百余家`, `逾百个`, `近千人`), `廿`/`卅`, a digit
//!   before `元` with `角`/`分` after it (`五元五角`), and any numeral after a sign (`负一度`). `翻一番` is 2 `倍`,
//!   `翻两番` 4 `倍`.
//! - `多`/`余` between a Chinese numeral and a multiplier is more-than, the multiplier read into the value:
//!   `一百多万人` is more than 1000000 `人`.
//! - An Arabic number, a place (`万`, `亿`, `千`, `百`), then more digits or a Chinese numeral is one number
//!   (`mixed.rs`): `1万600个` is 10600 `个`, `100万三千` 1003000, `3亿5000万元` 350000000 `元`, `8千4百萬元`
//!   84000000 `元`, `200亿零四千230元` 20000004230 `元`, `1百01个` 101 `个`; with no unit after it, its closing
//!   `万`/`亿` is its unit (`8千4百萬` is 8400 `万`). A digit that may be the next place down or the units
//!   (`1万5`: 15000 spoken, 10005 written; `1千5万`; `4千23`) is reported with a note, never as a figure for
//!   `check`. Digits glued after a Chinese numeral (`四千230个`) are no figure.
//! - Signs: `-`, `－`, `−` right before a number (not after a digit, letter, numeral, date or unit), `负`/`負`
//!   before it, and `负增长` before it make the value negative (`增长-2.1%` is an increase of -2.1 `%`); in
//!   `负百分之1` and `百分之负三点八` the sign is the percentage's.
//! - Money (`money.rs`): after a whole amount in `元` or `圆` (written `元`), `N角` and `N分` are its tenths and
//!   hundredths (`123元1角1分` is 123.11 `元`, `壹佰元零伍分` 100.05), and a closing `整`/`正` before
//!   punctuation or the end is part of the span (`壹佰壹拾壹圆整`). A currency sign before a number gives its unit:
//!   `￥1500` is 1500 `元`, `$5亿` 5 `亿美元`.
//! - A number right after `每` or `单位` sizes a unit and is no figure (`每万人`, `每十万人口`, `单位万元GDP`).
//!
//! **Units** follow the number, after at most four spaces (`超 300 亿元`). A unit is
//! `[余|多] [multipliers] [余|多] base-unit`, where the multipliers are `万`, `亿`, `千`, `百` as written
//! (`万`, `亿元`, `万亿元`, `千万元`) and the base unit is the longest match from a fixed list of measure
//! words: `%` (full-width `％` is written `%`), `‰`, `个百分点`, `百分点`, `元`, `美元`, `人民币`, `个`, `家`,
//! `项`, `座`, `名`, `人`, `人次`, `户`, `条`, `批次`, `公里`, `平方米`, `千瓦`, `千瓦时`, `吨`, `斤`, `微克`,
//! `摄氏度`, `天`, `年`, `个月`, … (see `BASE_UNITS`), or a unit in Latin letters or symbols where no letter runs
//! on from it: `GWh`, `kWh`, `MW`, `PFlops`, `Gbps`, `kg`, `km`, `km²`, `m²`, `m³`, `μg/m³`, `℃`, `°C`, `dB`,
//! `TEU`, … (see `LATIN_UNITS`; [`normalize_unit`] maps each to its Chinese base unit, `km²` to `平方公里`,
//! `℃` to `摄氏度`, `亿kWh` to 10^8 `千瓦时`). So:
//! - the multiplier stays in the unit: `1万座` is 1 `万座`, `48.02亿元` is 48.02 `亿元`, `210万千瓦` is 210
//!   `万千瓦` (in `千瓦`, `千瓦时`, `千米`, `千克` the `千` belongs to the unit, see `is_kilo_unit`);
//! - a multiplier alone is a unit: `10-20亿` has unit `亿`, `900万沈阳人` is 900 `万`;
//! - `余`/`多` between the number and the unit (`350余场`, `112.5万余户`) means more-than; they are in the
//!   span but not in the unit (`万户`);
//! - a bracketed unit right after the unit is kept, written with ASCII brackets: `7.5万套(间)` and
//!   `7.5万套（间）` both have unit `万套(间)`;
//! - a unit may have a denominator after `/` or `／`: `5000元/平方米` has unit `元/平方米`, `35微克/立方米`
//!   `微克/立方米`, `20万立方米/日` `万立方米/日`;
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
//! - document numbers: `号` is no unit, so `〔2020〕84号` and `徐委发〔2018〕8号` give nothing;
//! - years of an era (`公元前202年`, `公元960年`); a four-digit number before `年` outside 1900–2100 (`1840年`)
//!   is a candidate with a note, as it is as often a year in prose as a duration;
//! - section numbers at the start of a line glued to a one-character measure word that starts the heading
//!   (`2.2本计划投资…`, `4.1人才队伍建设`);
//! - programme names and slogans: a travel time or distance before `…圈` (`15分钟生活圈`, `1小时通勤圈`), a
//!   numeral right after `N个` (`两个一百年`);
//! - a number inside a bracket that says a bound is included (`10万元以上（含10万元）`);
//! - vague amounts: a numeral after `数` or `几` (`数十亿元`, `几十万人`) is a candidate with a note, never a
//!   figure (`人数十万` is: `人数` is a noun).
//!
//! **Fractions**: `N分之M` with a Chinese or Arabic denominator (`五分之一`, `4分之3`) and `M/N` (`1/4`) are
//! percentages when exact (`4分之3` is 75 `%`); one with no exact decimal (`三分之一`, `1/3`) is kept as `1 /3`
//! with a note, and so is a slash fraction whose denominator is above 10 and not 100 (`6/30` may be a date).
//!
//! **Ranges**: two Arabic numbers joined by `-`, `－`, `–`, `—`, `~`, `～`, `〜` (any of the dashes doubled:
//! `--`, `——`), `至` or `到` and followed by a unit are one figure with `value_max` and comparator range; the unit
//! (multiplier included) applies to both ends (`10-20亿`, `2—3个`, `2至3个`). Both ends may carry a unit: with
//! the same base (`10%-20%`, `1万元--5万元`), with only a multiplier on the first (`1万-5万元` is 1 to 5 `万元`),
//! with different multipliers (`5000万-1亿元` is 5000 to 10000 `万元`, the smaller kept), and with `(含)`
//! between (`1万(含)-5万元`). `百分之三十到四十一` and `百分之三十至百分之四十` are ranges of `%`. Chinese numerals
//! joined the same way share the multiplier written on the upper end: a one-digit lower end stands for the upper
//! end's leading digit (`两到三万人` is 20000 to 30000 `人`, `两到三千万` 2×10^7 to 3×10^7, `一到两千亩` 1000 to
//! 2000), any other takes its closing `万`/`亿` (`一百二十到一百五十万元`, `五到十万元` 50000 to 100000) unless it
//! would pass the upper end (`五千到一万元` stays 5000 to 10000); unclear cases (`二到三十个`) are candidates
//! with a note. Without a unit, the closing `万`/`亿` is the unit (`两到三万` is 2 to 3 `万`). A range whose
//! upper end is not above its lower end is not a figure.
//!
//! **Ranks**: `第N位` and `第N名` (Arabic or any Chinese numeral, even one character: `第一名`) are ranks with
//! unit `位`/`名` and a span starting at `第`; `N强` (`20强`, `世界500强`) is a rank with unit `强`. `前N位`,
//! `前N名`, `前N强` bound a rank (the top N) and are candidates with a note.
//!
//! **Lists**: a number with no unit followed by `、` and another number borrows the unit of the first figure
//! after it: `高于全国13.1、8.6个百分点` is 13.1 and 8.6 `个百分点` (not at the very start of the text, where
//! `1、` is a list ordinal). Figures joined by `、`, `和`, `及`, `与`, `或` (`分别达到2880亿元、366亿元和270亿元`)
//! form a list whose members without a comparator word of their own take the prefix comparator of the first.
//!
//! **Comparators**, strongest first:
//! 1. range and rank figures are always range and rank;
//! 2. a suffix word right after the unit, possibly after `(含)` (included in the span): `以上`, `及以上` →
//!    at-least; `以下`, `及以下`, `以内` → at-most; `左右`, `上下` → about;
//! 3. `余`/`多` before the unit → more-than (so `约1900余个` is more-than);
//! 4. a prefix word right before the number, possibly across a few spaces (not in the span):
//!    `超过`, `超`, `突破`, `高于`, `高出`, `多于`, `大于`, `逾` → more-than; `不少于`, `不低于`, `不小于`,
//!    `至少`, `最少`, `至少达到`, `至少达`, `最少达到` → at-least; `不超过`, `不高于`, `不多于`, `不大于`, `最多`,
//!    `至多`, `最多达到` → at-most; `低于`, `少于`,
//!    `小于`, `不到`, `不足` → less-than; `约`, `大约`, `约为`, `近`, `接近`, `将近` → about; `达到`, `达` → equal;
//!    `增长`, `增加`, `提高`, `提升`, `上升`, `上涨`, `增` → increase; `下降`, `降低`, `减少`, `下跌`, `减` →
//!    decrease (a `了` after the verb changes nothing: `增长了8%`); but
//!    "rise/fall *to*" (`提高到`, `提升至`, `增长到`, `下降到`, `降至`, `升至`, …) → equal. Exceptions:
//!    `新增` is no comparator (a count of new things); `签约`, `节约`, `预约`, `集约` … are not `约`; `最近`,
//!    `附近` are not `近`, nor is `近` before a duration (`近3年` is "the last three years"); `提高`/`提升`
//!    before a count (`提升20个基地`, "upgrade 20 bases") are no comparator;
//! 5. a comparative a few words before the number (`高于规模以上工业 3个百分点`, `高于全国13.1`,
//!    `不超过LPR的50%`): `高于`, `低于`, `超过`, `高出`, `多于`, `少于`, `大于`, `小于`, `快于`, `慢于` →
//!    more-than or less-than, and every one's `不` form — `不低于`, `不少于`, `不小于`, `不慢于` → at-least;
//!    `不高于`, `不超过`, `不高出`, `不多于`, `不大于`, `不快于` → at-most — separated from the number by at
//!    most eight letters (Han or Latin)
//!    or spaces and no punctuation or digits (see `COMPARATIVES`);
//! 6. otherwise equal. `力争` (aspiration) is no comparator.
//!
//! **Margins**: a comparative of rule 5 with words between it and a number of percentage points is a margin of
//! exactly that many points over those words (`高于全国13.1个百分点`): comparator equal, and
//! [`Quantity::reference`] holds the words (`全国`). Its `不` form bounds the margin: `不大于全国平均3个百分点` is
//! at most 3 points over `全国平均` (at-most, reference `全国平均`), never 3 points above.

mod arabic;
mod chars;
mod chinese;
mod collect;
mod comparator;
mod forms;
mod mixed;
mod money;
mod names;
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
    /// The unit as written, multiplier included: `万座`, `亿元`, `%`, `个百分点`, `位`, `GWh`. Full-width `％` is
    /// written as `%`, and the traditional `萬`, `億`, `個`, `圆` as `万`, `亿`, `个`, `元`.
    pub unit: String,
    /// What the wording says about the value.
    pub comparator: Comparator,
    /// For a margin over a reference (`高于全国13.1个百分点`, comparator equal; `不高于全国2个百分点`, at-most):
    /// the reference as written (`全国`), else `None`.
    pub reference: Option<String>,
    /// Why the reading is uncertain (`1万5` may be 15000 or 10005; `三分之一` is no exact decimal; `数十亿元` is
    /// vague; `前10名` bounds a rank), else `None`.
    /// [`find_quantities`] never returns such a figure; [`find_all_quantities`] does, for `candidates`.
    pub note: Option<String>,
}

impl Quantity {
    /// The text of this quantity in `source`, the text it was found in; empty if the span does not fit `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.span.clone()).unwrap_or("")
    }
}
