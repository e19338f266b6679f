//! Money: `元`/`圆` with `角` and `分` as decimals (`123元1角1分` is 123.11 元), `整`/`正` closing a 大写 amount
//! (`壹佰壹拾壹圆整`), and currency signs before a number (`￥1500`, `$5亿`).

use super::chars::*;
use super::chinese::*;
use super::units::UnitMatch;
use crate::decimal::Decimal;

/// After an amount in whole `元` (no multiplier), the `角` and `分` that follow it as tenths and hundredths, and a
/// closing `整`/`正`: the value with its decimals and the unit extended over them. `三千三百八十元五角八分` is
/// 3380.58 `元`; `壹拾壹元壹角` 11.1 `元`.
pub(super) fn with_jiao_fen(text: &str, value: Decimal, mut unit: UnitMatch) -> (Decimal, UnitMatch) {
    if unit.unit != "元" || unit.more_than || !value.is_integer() {
        return (value, unit);
    }
    let mut pos = unit.end;
    let mut cents = 0i128;
    let mut read_any = false;
    for (word, weight) in [('角', 10), ('分', 1)] {
        let mut at = pos;
        if let Some(z) = char_at(text, at).filter(|&c| matches!(numeral_kind(c), Some(Numeral::Zero))) {
            at += z.len_utf8(); // `壹佰元零伍分`
        }
        let Some((digit, digit_len)) = one_digit(text, at) else { continue };
        let after = at + digit_len;
        // `5分钟`, `3分之1` are no cents.
        let is_word = char_at(text, after) == Some(word)
            && !(word == '分' && ["分钟", "分之", "分别", "分类"].iter().any(|w| starts_with_at(text, after, w)));
        if !is_word {
            continue;
        }
        cents += digit * weight;
        pos = after + word.len_utf8();
        read_any = true;
    }
    let value = match Decimal::new(cents, 2).and_then(|c| value.checked_add(c)) {
        Some(v) if read_any => v,
        _ => value,
    };
    unit.end = if read_any { pos } else { unit.end };
    unit.end = closing_word_end(text, unit.end);
    (value, unit)
}

/// A single digit, Arabic or Chinese, at `pos`: its value and byte length.
fn one_digit(text: &str, pos: usize) -> Option<(i128, usize)> {
    let c = char_at(text, pos)?;
    let d = match (digit_value(c), numeral_kind(c)) {
        (Some(d), _) => i128::from(d),
        (None, Some(Numeral::Digit(d))) => d as i128,
        _ => return None,
    };
    let next_is_digit = char_at(text, pos + c.len_utf8()).is_some_and(|n| digit_value(n).is_some());
    (!next_is_digit).then_some((d, c.len_utf8()))
}

/// Past a closing `整` or `正` at `pos` (`壹佰圆整`) when it ends the amount — before punctuation, a space, a
/// bracket or the end of the text, so `整体` and `正在` are left alone.
fn closing_word_end(text: &str, pos: usize) -> usize {
    let Some(c @ ('整' | '正')) = char_at(text, pos) else { return pos };
    let after = pos + c.len_utf8();
    let ends = char_at(text, after)
        .is_none_or(|n| n.is_ascii_punctuation() || is_space(n) || "，。；：、）】”’！？\n\r".contains(n));
    if ends {
        after
    } else {
        pos
    }
}

/// The currency a sign right before byte `start` names (`￥`/`¥` yuan, `$` US dollars), and where the sign starts.
pub(super) fn currency_before(text: &str, start: usize) -> Option<(&'static str, usize)> {
    let c = char_before(text, start)?;
    let currency = match c {
        '￥' | '¥' => "元",
        '$' | '＄' => "美元",
        _ => return None,
    };
    Some((currency, start - c.len_utf8()))
}

/// The unit of an amount after a currency sign: the unit written after the number if it names money
/// (`￥100元`), its multipliers with the sign's currency (`$5亿` is 5 `亿美元`), or the currency alone (`￥1500`).
pub(super) fn currency_unit(currency: &str, written: Option<UnitMatch>, number_end: usize) -> Option<UnitMatch> {
    match written {
        Some(u) if u.rank => None,
        Some(mut u) if super::units::normalize_unit(&u.unit).base.is_empty() => {
            u.unit.push_str(currency);
            Some(u)
        }
        Some(u) if u.unit.ends_with('元') => Some(u),
        Some(_) => None,
        None => Some(UnitMatch { unit: currency.into(), end: number_end, more_than: false, rank: false }),
    }
}
