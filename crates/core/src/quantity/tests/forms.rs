//! One sentence per number form the parser reads and per trap, each asserting exact value, unit, comparator and sign.

use super::{check, nothing};
use crate::decimal::Decimal;
use crate::quantity::{find_all_quantities, find_quantities, normalize_unit, read_chinese_year, Comparator};

/// Asserts the one quantity in `text`: its value (as a decimal string), unit, comparator and span text.
#[track_caller]
pub(super) fn one(text: &str, value: &str, unit: &str, comparator: Comparator, span: &str) {
    let found = find_quantities(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let q = &found[0];
    let expected: Decimal = value.parse().expect("test value");
    assert_eq!((q.value, q.unit.as_str(), q.comparator, q.text(text)), (expected, unit, comparator, span), "{text}");
    assert_eq!(q.value.is_negative(), value.starts_with('-'), "sign of {text}");
}

#[test]
fn chinese_decimals() {
    use Comparator::*;
    one("研发投入占比达到百分之二点五", "2.5", "%", Equal, "百分之二点五");
    one("森林覆盖率达到百分之四十二点五", "42.5", "%", Equal, "百分之四十二点五");
    one("能耗降低百分之十三点五", "13.5", "%", Decrease, "百分之十三点五");
    one("全年接待游客一点二亿人次", "120000000", "人次", Equal, "一点二亿人次");
    one("平均降幅零点五个百分点", "0.5", "个百分点", Equal, "零点五个百分点");
    one("下降零点五个百分点", "0.5", "个百分点", Decrease, "零点五个百分点");
    one("增长一点五倍", "1.5", "倍", Increase, "一点五倍");
    one("人均三点零五万元", "30500", "元", Equal, "三点零五万元");
    // 点 that is not a decimal point.
    nothing(&["一点都没有", "重点项目", "三点一线", "一点五十个"]);
}

#[test]
fn signs() {
    use Comparator::*;
    one("规模以上工业增加值同比增长-2.1%", "-2.1", "%", Increase, "-2.1%");
    one("利润总额-10.1万元", "-10.1", "万元", Equal, "-10.1万元");
    one("最低气温负十一度", "-11", "度", Equal, "负十一度");
    one("最低气温负11度", "-11", "度", Equal, "负11度");
    one("出口同比负增长3.5%", "-3.5", "%", Increase, "3.5%");
    one("增速为－0.8个百分点", "-0.8", "个百分点", Equal, "－0.8个百分点");
    one("增速:-2.1%", "-2.1", "%", Equal, "-2.1%");
    // Hyphens that are no sign: ranges, codes, dates, dashes after a unit.
    check("建设2-3个", &["2-3 个 range [2-3个]"]);
    nothing(&["COVID-19疫情", "2019年-2020年", "电话024-12345678"]);
    check("正负5%", &["5 % equal [5%]"]);
}

#[test]
fn percentages_per_mille_and_fractions() {
    use Comparator::*;
    one("占比百分之三十", "30", "%", Equal, "百分之三十");
    one("千分之五", "5", "‰", Equal, "千分之五");
    one("万分之三", "3", "‱", Equal, "万分之三");
    one("占五分之一", "20", "%", Equal, "五分之一");
    one("占十分之三以上", "30", "%", AtLeast, "十分之三以上");
    one("覆盖率百分之百", "100", "%", Equal, "百分之百");
    // No exact decimal: a candidate with a note, never evidence.
    check("约三分之一的企业", &["1 /3 about [三分之一] (uncertain)"]);
    assert!(find_quantities("约三分之一的企业").is_empty());
}

#[test]
fn tenths_multiples_and_doublings() {
    use Comparator::*;
    one("七成以上", "7", "成", AtLeast, "七成以上");
    assert_eq!(normalize_unit("成"), crate::quantity::NormalUnit { exponent: 1, base: "%".into() });
    one("约八成企业", "8", "成", About, "八成");
    one("增长两倍", "2", "倍", Increase, "两倍");
    one("实现翻一番", "2", "倍", Equal, "翻一番");
    one("力争翻两番", "4", "倍", Equal, "翻两番");
    one("收入翻番", "2", "倍", Equal, "翻番");
    one("经济总量翻了一番以上", "2", "倍", AtLeast, "翻了一番以上");
    one("翻了三番多", "8", "倍", MoreThan, "翻了三番多");
    one("七成五的企业", "7.5", "成", Equal, "七成五");
    // 成 in words.
    nothing(&["建成一批", "2020年成立", "三成立", "形成合力", "一成不变的"]);
}

#[test]
fn lower_bounds_after_chinese_numerals() {
    use Comparator::*;
    one("新建学校十余所", "10", "所", MoreThan, "十余所");
    one("三十多个项目", "30", "个", MoreThan, "三十多个");
    one("十几个", "10", "个", MoreThan, "十几个");
    one("二十几家", "20", "家", MoreThan, "二十几家");
    one("峰会期间共有万余人", "10000", "人", MoreThan, "万余人");
    one("引进企业百余家", "100", "家", MoreThan, "百余家");
    one("千多名志愿者", "1000", "名", MoreThan, "千多名");
    nothing(&["几十个", "百强市", "千家万户"]);
}

#[test]
fn financial_numerals_and_rare_characters() {
    use Comparator::*;
    one("资金壹佰万元", "1000000", "元", Equal, "壹佰万元");
    one("合计贰仟叁佰肆拾伍元", "2345", "元", Equal, "贰仟叁佰肆拾伍元");
    one("伍拾陆万柒仟捌佰玖拾元", "567890", "元", Equal, "伍拾陆万柒仟捌佰玖拾元");
    one("一千〇五个", "1005", "个", Equal, "一千〇五个");
    one("兩千家", "2000", "家", Equal, "兩千家");
    one("廿五个", "25", "个", Equal, "廿五个");
    one("一百廿个", "120", "个", Equal, "一百廿个");
    one("壹萬元", "10000", "元", Equal, "壹萬元");
}

#[test]
fn colloquial_elisions() {
    use Comparator::*;
    one("两千六个", "2600", "个", Equal, "两千六个");
    one("三万五人", "35000", "人", Equal, "三万五人");
    one("一百二个", "120", "个", Equal, "一百二个");
    one("一百十一个", "111", "个", Equal, "一百十一个");
    one("一千零十个", "1010", "个", Equal, "一千零十个");
    one("一百一十个", "110", "个", Equal, "一百一十个");
}

#[test]
fn mixed_arabic_and_chinese() {
    use Comparator::*;
    one("1万600个", "10600", "个", Equal, "1万600个");
    one("100万三千人", "1003000", "人", Equal, "100万三千人");
    one("3亿5000万元", "350000000", "元", Equal, "3亿5000万元");
    one("5万5千元", "55000", "元", Equal, "5万5千元");
    one("1万零600个", "10600", "个", Equal, "1万零600个");
    one("2亿3百万元", "203000000", "元", Equal, "2亿3百万元");
    one("3千架", "3", "千架", Equal, "3千架");
    assert_eq!(normalize_unit("千架").exponent, 3);
    one("10.1万人", "10.1", "万人", Equal, "10.1万人");
    one("16.4亿元", "16.4", "亿元", Equal, "16.4亿元");
    // `1万5`: spoken 15000, written 10005. Never guessed.
    check("1万5个", &["15000 个 equal [1万5个] (uncertain)"]);
    assert!(find_quantities("1万5个").is_empty());
    // Parts that do not make one number are no figure at all, rather than two wrong ones.
    nothing(&["1万20000个", "1.5万600个"]);
}

#[test]
fn numbers_inside_units_are_not_quantities() {
    use Comparator::*;
    one("万元地区生产总值能耗降低百分之十三点五", "13.5", "%", Decrease, "百分之十三点五");
    one("单位万元GDP能耗下降15%", "15", "%", Decrease, "15%");
    one("每万人拥有5G基站10个", "10", "个", Equal, "10个");
    one("每十万人口拥有医生3名", "3", "名", Equal, "3名");
    one("每1000人床位6张", "6", "张", Equal, "6张");
    one("年发电量100千瓦时", "100", "千瓦时", Equal, "100千瓦时");
    nothing(&["每千瓦时电价", "每百户"]);
}

#[test]
fn years_ordinals_and_names_are_not_quantities() {
    nothing(&["到二〇二五年", "二零三五年远景目标", "第二", "第二批", "“十四五”时期", "5G基站", "十三五规划"]);
    assert_eq!(read_chinese_year("二〇二五年"), Some(2025));
    assert_eq!(read_chinese_year("二零三五"), Some(2035));
    assert_eq!(read_chinese_year("一九九八年"), Some(1998));
    for not_a_year in ["二十五", "十四五", "二〇二", "二〇二五五", "两〇二五", ""] {
        assert_eq!(read_chinese_year(not_a_year), None, "{not_a_year}");
    }
}

#[test]
fn margins_over_a_reference_are_equal() {
    check("增速高于全国13.1个百分点", &["13.1 个百分点 equal [13.1个百分点] ref=全国"]);
    check("低于全省平均0.5个百分点", &["0.5 个百分点 equal [0.5个百分点] ref=全省平均"]);
    // No reference between, or not percentage points: the comparator stands.
    check("高于3个百分点", &["3 个百分点 more-than [3个百分点]"]);
    check("高于全国3%", &["3 % more-than [3%]"]);
    let q = &find_all_quantities("增速高于全国13.1个百分点")[0];
    assert_eq!(q.reference.as_deref(), Some("全国"));
}
