//! The round trip: a number written in one of the forms the parser reads, inside a sentence, comes back as one
//! quantity whose value is that number and whose text is exactly what was written.

use proptest::prelude::*;

use crate::decimal::Decimal;
use crate::quantity::find_all_quantities;

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A group below 10000 in standard form; `first` allows the bare `十` of `十五`.
fn group(n: u64, first: bool) -> String {
    let mut out = String::new();
    let (mut started, mut zero) = (false, false);
    for (place, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = (n / place % 10) as usize;
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(place == 10 && d == 1 && !started && first) {
            out.push(DIGITS[d]);
        }
        out.push_str(name);
        started = true;
    }
    out
}

/// `n` (1 ≤ n < 10^12) as a standard Chinese numeral: `一亿零五`, `十万零一十`, `三千零五十`.
fn chinese(n: u64) -> String {
    let mut out = String::new();
    let mut started = false;
    let mut zero = false;
    for (part, name) in [(n / 100_000_000, "亿"), (n / 10_000 % 10_000, "万"), (n % 10_000, "")] {
        if part == 0 {
            zero |= started;
            continue;
        }
        if started && (zero || part < 1000) {
            out.push('零');
        }
        out.push_str(&group(part, !started));
        out.push_str(name);
        started = true;
        zero = false;
    }
    out
}

/// The financial form of a standard numeral: `壹佰贰拾`.
fn financial(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '一' => '壹',
            '二' => '贰',
            '三' => '叁',
            '四' => '肆',
            '五' => '伍',
            '六' => '陆',
            '七' => '柒',
            '八' => '捌',
            '九' => '玖',
            '十' => '拾',
            '百' => '佰',
            '千' => '仟',
            '万' => '萬',
            '亿' => '億',
            other => other,
        })
        .collect()
}

/// Asserts that `written` + `unit`, in a sentence, reads back as one quantity of `value` whose text is
/// `written` + `unit`.
fn reads_back(written: &str, unit: &str, value: Decimal) -> Result<(), TestCaseError> {
    let figure = format!("{written}{unit}");
    let text = format!("全市共{figure},其中");
    let found = find_all_quantities(&text);
    prop_assert_eq!(found.len(), 1, "{} -> {:?}", text, found);
    prop_assert_eq!(found[0].value, value, "{}", text);
    prop_assert_eq!(found[0].text(&text), figure.as_str());
    Ok(())
}

proptest! {
    #[test]
    fn arabic_numbers_with_sign_and_multiplier(
        mantissa in -1_000_000_000i64..1_000_000_000, scale in 0u32..4,
        unit in prop::sample::select(vec!["个", "万元", "亿元", "%", "人次", "千架", "万千瓦"]),
    ) {
        let value = Decimal::new(mantissa.into(), scale).expect("small scale");
        reads_back(&value.to_string(), unit, value)?;
    }

    #[test]
    fn chinese_numerals(n in 11u64..1_000_000_000_000, financial_form: bool) {
        let standard = chinese(n);
        prop_assume!(standard.chars().count() >= 2);
        let written = if financial_form { financial(&standard) } else { standard };
        reads_back(&written, "个", Decimal::from_int(n as i64))?;
    }

    #[test]
    fn chinese_decimals_and_percentages(whole in 0u64..1000, fraction in 1u32..1000) {
        let fraction_digits = fraction.to_string().trim_end_matches('0').to_string();
        let digits: String = fraction_digits.chars().map(|c| DIGITS[c as usize - '0' as usize]).collect();
        let whole_text = if whole == 0 { "零".to_string() } else { chinese(whole) };
        let written = format!("百分之{whole_text}点{digits}");
        let value: Decimal = format!("{whole}.{fraction_digits}").parse().expect("decimal");
        reads_back(&written, "", value)?;
    }

    #[test]
    fn mixed_arabic_and_chinese(head in 1u64..10_000, tail in 10u64..10_000, chinese_tail: bool) {
        let written = if chinese_tail { format!("{head}万{}", chinese(tail)) } else { format!("{head}万{tail}") };
        reads_back(&written, "个", Decimal::from_int((head * 10_000 + tail) as i64))?;
    }

    #[test]
    fn doublings(times in 1u32..10) {
        let written = format!("翻{}番", chinese(times.into()).replace('二', "两"));
        reads_back(&written, "", Decimal::from_int(1 << times))?;
    }
}

#[test]
fn the_writer_writes_standard_numerals() {
    assert_eq!(chinese(15), "十五");
    assert_eq!(chinese(110), "一百一十");
    assert_eq!(chinese(3050), "三千零五十");
    assert_eq!(chinese(100_010), "十万零一十");
    assert_eq!(chinese(100_000_005), "一亿零五");
    assert_eq!(chinese(10_005_000), "一千万五千");
}
