//! Comparators: the words around a figure that say how it relates to its value (以上, 超过, 约, 增长 …).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::chars::*;
use super::units::{normalize_unit, COUNT_UNITS, TIME_UNITS};

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

/// At most this many characters may separate a comparative such as `高于` from its number.
pub(super) const MAX_COMPARATIVE_GAP: usize = 8;

/// Words right before a number that say how the figure relates to its value. The longest match wins.
pub(super) const PREFIX_WORDS: &[(&str, Comparator)] = &[
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("至少达到", Comparator::AtLeast),
    ("至少达", Comparator::AtLeast),
    ("最少达到", Comparator::AtLeast),
    ("最多达到", Comparator::AtMost),
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
    ("上涨", Comparator::Increase),
    ("上涨到", Comparator::Equal),
    ("上涨至", Comparator::Equal),
    ("下跌", Comparator::Decrease),
    ("下跌到", Comparator::Equal),
    ("下跌至", Comparator::Equal),
    ("增", Comparator::Increase),
];

/// Comparatives that may stand a few words before their number, the compared thing in between
/// (`高于规模以上工业 3个百分点`). The longest match wins.
///
/// Every comparative has its `不` form, which bounds the figure instead (`不大于全国平均3个百分点` is at most
/// three points over the national average, never three points above it); the longest match makes `不大于` win
/// over the `大于` inside it.
pub(super) const COMPARATIVES: &[(&str, Comparator)] = &[
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("不高出", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("高于", Comparator::MoreThan),
    ("高出", Comparator::MoreThan),
    ("超过", Comparator::MoreThan),
    ("多于", Comparator::MoreThan),
    ("大于", Comparator::MoreThan),
    ("低于", Comparator::LessThan),
    ("少于", Comparator::LessThan),
    ("小于", Comparator::LessThan),
    // Growth compared: `增速快于城镇居民两个百分点`.
    ("快于", Comparator::MoreThan),
    ("慢于", Comparator::LessThan),
    ("不快于", Comparator::AtMost),
    ("不慢于", Comparator::AtLeast),
];

/// Brackets saying that the bound just written is included (`1万元(含)以上`, `1万(含)-5万元`).
pub(super) const INCLUSIVE: &[&str] = &["(含)", "（含）", "(不含)", "（不含）"];

/// Words right after a unit that qualify the figure; they are part of the span. The first match wins.
pub(super) const SUFFIX_WORDS: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("左右", Comparator::About),
    ("上下", Comparator::About),
];

/// The suffix word (`以上`, `以内`, `左右` …) after a unit ending at `end`: its comparator and where it ends.
///
/// A bracketed `含` (inclusive) may stand between: `1万元(含)以上` is at least 1 `万元`.
pub(super) fn suffix_word(text: &str, end: usize) -> Option<(Comparator, usize)> {
    let mut pos = skip_spaces(text, end);
    if let Some(inclusive) = INCLUSIVE.iter().find(|w| starts_with_at(text, pos, w)) {
        pos = skip_spaces(text, pos + inclusive.len());
    }
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
pub(super) fn longest_ending(before: &str, words: &[(&'static str, Comparator)]) -> Option<(&'static str, Comparator)> {
    words.iter().copied().filter(|(w, _)| before.ends_with(w)).max_by_key(|(w, _)| w.len())
}

/// The comparator given by the words before a number starting at `start` with unit `unit` (empty if not yet
/// known): a prefix word right before it (after at most a few spaces), else a comparative a few words before.
pub(super) fn prefix_comparator(text: &str, start: usize, unit: &str) -> Option<Comparator> {
    let before = text.get(..skip_spaces_back(text, start))?;
    // `增长了8%`, `下降了-3.8%`: the aspect particle after the verb changes nothing.
    let before = before.strip_suffix('了').filter(|b| longest_ending(b, PREFIX_WORDS).is_some()).unwrap_or(before);
    if let Some((word, comparator)) = longest_ending(before, PREFIX_WORDS) {
        let rest = &before[..before.len() - word.len()];
        return (!is_false_prefix(word, rest, unit)).then_some(comparator);
    }
    distant_comparative(before)
}

/// True where a prefix word is really part of another word or means something else here: `新增`, `签约`,
/// `最近`, `近` before a duration, `提升` before a count.
pub(super) fn is_false_prefix(word: &str, rest: &str, unit: &str) -> bool {
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
pub(super) fn distant_comparative(before: &str) -> Option<Comparator> {
    comparative_ending_near(before).map(|(_, comparator)| comparator)
}

/// Walks back from the end of `before` over at most [`MAX_COMPARATIVE_GAP`] word characters to a comparative:
/// where the comparative ends (a byte offset in `before`) and what it says.
fn comparative_ending_near(before: &str) -> Option<(usize, Comparator)> {
    let mut end = before.len();
    for _ in 0..=MAX_COMPARATIVE_GAP {
        let head = &before[..end];
        if let Some((_, comparator)) = longest_ending(head, COMPARATIVES) {
            return Some((end, comparator));
        }
        let c = head.chars().next_back()?;
        // Latin letters name things in between as well (`不超过LPR的50%`, `高于GDP增速2个百分点`); digits do not.
        let is_word_char = is_space(c) || c.is_alphabetic();
        if !is_word_char {
            return None;
        }
        end -= c.len_utf8();
    }
    None
}

/// The reference of a margin: the words between a comparative a few words before the number at `start` and the
/// number (`全国` in `高于全国13.1个百分点`, `规模以上工业` in `高于规模以上工业 3个百分点`); `None` when a prefix
/// word stands right before the number or no words stand between.
pub(super) fn margin_reference(text: &str, start: usize) -> Option<String> {
    let before = text.get(..skip_spaces_back(text, start))?;
    let particle = before.strip_suffix('了').is_some_and(|b| longest_ending(b, PREFIX_WORDS).is_some());
    if longest_ending(before, PREFIX_WORDS).is_some() || particle {
        return None;
    }
    let (end, _) = comparative_ending_near(before)?;
    let reference = before[end..].trim_matches(|c: char| is_space(c));
    (!reference.is_empty()).then(|| reference.to_string())
}
