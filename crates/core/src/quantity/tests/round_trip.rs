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

/// Asserts that `written`, in a sentence, reads back as one trusted quantity of `value` (and `value_max`) in
/// `unit`, whose text is `written`.
fn reads_back_exactly(
    written: &str,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: &str,
) -> Result<(), TestCaseError> {
    let text = format!("全市共{written},其中");
    let found = crate::quantity::find_quantities(&text);
    prop_assert_eq!(found.len(), 1, "{} -> {:?}", text, found);
    prop_assert_eq!((found[0].value, found[0].value_max), (value, value_max), "{}", text);
    prop_assert_eq!(found[0].unit.as_str(), unit, "{}", text);
    prop_assert_eq!(found[0].text(&text), written);
    Ok(())
}

/// `n` with thousands separated by `sep`: `1，250，000`.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

const DASHES: [&str; 11] = ["-", "--", "—", "——", "－", "–", "~", "～", "〜", "至", "到"];

proptest! {
    #[test]
    fn chinese_ranges_share_the_closing_multiplier(
        low in 10u64..9_999, span in 1u64..10_000, big in prop::sample::select(vec![("万", 4u32), ("亿", 8)]),
        dash in prop::sample::select(vec!["到", "至", "-", "—", "～", "~"]),
    ) {
        // The head before 万 or 亿 stays below 10^4: `一万万` is no numeral.
        let high = (low + span).min(9_999);
        prop_assume!(high > low);
        let written = format!("{}{dash}{}{}人", chinese(low), chinese(high), big.0);
        let scale = |n: u64| Decimal::from_int(n as i64).scale_by_pow10(big.1).expect("small");
        reads_back_exactly(&written, scale(low), Some(scale(high)), "人")?;
    }

    #[test]
    fn one_digit_chinese_ranges_stand_for_the_leading_digit(
        low in 1u64..9, step in 1u64..9, place in prop::sample::select(vec![("", 0u32), ("千", 3), ("百", 2)]),
        big in prop::sample::select(vec![("万", 4u32), ("亿", 8)]),
    ) {
        let high = (low + step).min(9);
        prop_assume!(high > low);
        let written = format!("{}到{}{}{}元", DIGITS[low as usize], DIGITS[high as usize], place.0, big.0);
        let scale = |n: u64| Decimal::from_int(n as i64).scale_by_pow10(place.1 + big.1).expect("small");
        reads_back_exactly(&written, scale(low), Some(scale(high)), "元")?;
    }

    #[test]
    fn arabic_ranges_with_every_dash(
        low in 1u64..100_000, span in 1u64..100_000, dash in prop::sample::select(DASHES.to_vec()),
        multiplier in prop::sample::select(vec!["", "万", "亿"]), repeat_unit: bool, inclusive: bool,
    ) {
        let high = low + span;
        let first_unit = if repeat_unit { format!("{multiplier}元") } else { multiplier.to_string() };
        prop_assume!(!first_unit.is_empty());
        let mark = if inclusive { "(含)" } else { "" };
        let written = format!("{low}{first_unit}{mark}{dash}{high}{multiplier}元");
        let unit = format!("{multiplier}元");
        reads_back_exactly(&written, Decimal::from_int(low as i64), Some(Decimal::from_int(high as i64)), &unit)?;
    }

    #[test]
    fn percentage_ranges_in_words(low in 1u64..100, span in 1u64..100, repeat: bool) {
        let high = low + span;
        let numeral = chinese;
        let again = if repeat { "百分之" } else { "" };
        let written = format!("百分之{}到{again}{}", numeral(low), numeral(high));
        reads_back_exactly(&written, Decimal::from_int(low as i64), Some(Decimal::from_int(high as i64)), "%")?;
    }

    #[test]
    fn money_with_jiao_and_fen(
        yuan in 11u64..100_000_000, jiao in 0u64..10, fen in 0u64..10,
        form in prop::sample::select(vec!["arabic", "chinese", "financial"]), closing: bool,
    ) {
        let digit = |d: u64| match form { "arabic" => d.to_string(), _ => DIGITS[d as usize].to_string() };
        let whole = match form { "arabic" => yuan.to_string(), "chinese" => chinese(yuan), _ => financial(&chinese(yuan)) };
        let mut written = format!("{whole}元");
        if jiao > 0 {
            written.push_str(&format!("{}角", digit(jiao)));
        }
        if fen > 0 {
            let zero = if jiao == 0 && form != "arabic" { "零" } else { "" };
            written.push_str(&format!("{zero}{}分", digit(fen)));
        }
        if closing && form == "financial" {
            written.push('整');
        }
        let written = if form == "financial" { written.replace('元', "圆") } else { written };
        let written = if form == "financial" { financial(&written) } else { written };
        let value = Decimal::new((yuan * 100 + jiao * 10 + fen) as i128, 2).expect("cents");
        reads_back_exactly(&written, value, None, "元")?;
    }

    #[test]
    fn thousands_separators(n in 1000u64..10_000_000_000, cents in 0u64..100, full_width: bool) {
        let written = format!("{}.{cents:02}元", grouped(n, if full_width { "，" } else { "," }));
        reads_back_exactly(&written, Decimal::new((n * 100 + cents) as i128, 2).expect("cents"), None, "元")?;
    }

    #[test]
    fn traditional_multipliers_and_points(n in 1u64..10_000, tenths in 1u64..10, wan: bool) {
        let (big, simplified) = if wan { ("萬", "万") } else { ("億", "亿") };
        reads_back_exactly(&format!("{n}{big}元"), Decimal::from_int(n as i64), None, &format!("{simplified}元"))?;
        let written = format!("負{}點{}度", chinese(n), DIGITS[tenths as usize]);
        let value = Decimal::new(-((n * 10 + tenths) as i128), 1).expect("tenths");
        reads_back_exactly(&written, value, None, "度")?;
    }

    #[test]
    fn signs_around_percentages(whole in 1u64..100, tenths in 1u64..10, inside: bool) {
        let number = format!("{}点{}", chinese(whole), DIGITS[tenths as usize]);
        let written = if inside { format!("百分之负{number}") } else { format!("负百分之{number}") };
        reads_back_exactly(&written, Decimal::new(-((whole * 10 + tenths) as i128), 1).expect("tenths"), None, "%")?;
    }

    #[test]
    fn arabic_digits_with_chinese_places(thousands in 1u64..10, hundreds in 1u64..10, wan: bool) {
        let written = if wan { format!("{thousands}千{hundreds}百萬元") } else { format!("{thousands}千{hundreds}百元") };
        let value = (thousands * 1000 + hundreds * 100) * if wan { 10_000 } else { 1 };
        reads_back_exactly(&written, Decimal::from_int(value as i64), None, "元")?;
    }

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
