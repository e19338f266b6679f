//! One sentence per form of the second round: Chinese ranges sharing their multiplier, every dash, money with
//! 角/分 and 整, thousands separators, traditional characters, signs, compound numbers, Latin units, fractions,
//! names and vague amounts — each with exact value, unit, comparator and span, or no figure, or a noted candidate.

use super::forms::one;
use super::{check, nothing};
use crate::quantity::{find_quantities, normalize_unit, Comparator};

#[test]
fn chinese_ranges_share_the_multiplier_from_the_right() {
    check("新增就业两到三万人", &["20000-30000 人 range [两到三万人]"]);
    check("两到三万", &["2-3 万 range [两到三万]"]);
    check("投资一百二十到一百五十万元", &["1200000-1500000 元 range [一百二十到一百五十万元]"]);
    check("覆盖二十一到一千零一个", &["21-1001 个 range [二十一到一千零一个]"]);
    check("规模一千到三千万元", &["10000000-30000000 元 range [一千到三千万元]"]);
    check("两到三千万元", &["20000000-30000000 元 range [两到三千万元]"]);
    check("奖励五千到一万元", &["5000-10000 元 range [五千到一万元]"]);
    check("补助五到十万元", &["50000-100000 元 range [五到十万元]"]);
    check("面积一到两千亩", &["1000-2000 亩 range [一到两千亩]"]);
    check("用三至五年", &["3-5 年 range [三至五年]"]);
    check("建设一点五到两万套", &["15000-20000 套 range [一点五到两万套]"]);
    check("两到三成企业", &["2-3 成 range [两到三成]"]);
    // Unclear which end carries the multiplier: candidates, never figures.
    check("二到三十个", &["20-30 个 range [二到三十个] (uncertain)"]);
    check("五到一百二十万人", &["50000-1200000 人 range [五到一百二十万人] (uncertain)"]);
    assert!(find_quantities("二到三十个").is_empty());
    // Years are not ranges of years.
    nothing(&["二〇二一到二〇二五年"]);
}

#[test]
fn percentage_ranges() {
    check("占比百分之三十到四十一", &["30-41 % range [百分之三十到四十一]"]);
    check("百分之三十至百分之四十", &["30-40 % range [百分之三十至百分之四十]"]);
    check("提高百分之十五到2025年", &["15 % increase [百分之十五]"]);
}

#[test]
fn every_dash_joins_a_range() {
    for dash in ["-", "--", "—", "——", "－", "～", "~", "至", "到"] {
        let text = format!("奖励1万{dash}5万元");
        check(&text, &[&format!("1-5 万元 range [1万{dash}5万元]")]);
        let text = format!("建设2{dash}3个");
        check(&text, &[&format!("2-3 个 range [2{dash}3个]")]);
    }
    check("给予1万元--5万元补助", &["1-5 万元 range [1万元--5万元]"]);
    check("1万(含)-5万元", &["1-5 万元 range [1万(含)-5万元]"]);
    check("1万（含）—5万元", &["1-5 万元 range [1万（含）—5万元]"]);
    check("规模5000万-1亿元", &["5000-10000 万元 range [5000万-1亿元]"]);
    nothing(&["2021——2025年", "1——6月"]);
}

#[test]
fn money_reads_jiao_and_fen_as_decimals() {
    use Comparator::*;
    one("补助壹拾壹元壹角", "11.1", "元", Equal, "壹拾壹元壹角");
    one("收费123元1角1分", "123.11", "元", Equal, "123元1角1分");
    one("缴费三千三百八十元五角八分", "3380.58", "元", Equal, "三千三百八十元五角八分");
    one("金额壹佰壹拾壹圆整", "111", "元", Equal, "壹佰壹拾壹圆整");
    one("金额壹佰壹拾壹圆正。", "111", "元", Equal, "壹佰壹拾壹圆正");
    one("单价壹佰元零伍分", "100.05", "元", Equal, "壹佰元零伍分");
    one("水价五元五角", "5.5", "元", Equal, "五元五角");
    // 整 and 正 that start a word, and 分 that is no cent, stay outside.
    one("投资100元整体提升", "100", "元", Equal, "100元");
    check("票价5元5分钟一班", &["5 元 equal [5元]", "5 分钟 equal [5分钟]"]);
    one("控制价￥1,500,000", "1500000", "元", Equal, "￥1,500,000");
    one("投资额￥1.2亿", "1.2", "亿元", Equal, "￥1.2亿");
    one("外资$5亿", "5", "亿美元", Equal, "$5亿");
    one("起拍价¥800万元", "800", "万元", Equal, "¥800万元");
}

#[test]
fn thousands_separators_may_be_full_width() {
    use Comparator::*;
    one("预算82，225.00元", "82225", "元", Equal, "82，225.00元");
    one("投资1，250，000元", "1250000", "元", Equal, "1，250，000元");
    // A full-width comma between clauses is punctuation.
    check("增长12%，100个项目", &["12 % increase [12%]", "100 个 equal [100个]"]);
    check("到2025年，200个", &["200 个 equal [200个]"]);
}

#[test]
fn traditional_characters() {
    use Comparator::*;
    one("投入2千萬", "2", "千万", Equal, "2千萬");
    one("總投資8千4百萬元", "84000000", "元", Equal, "8千4百萬元");
    one("8千4百萬", "8400", "万", Equal, "8千4百萬");
    one("人數3.5萬", "3.5", "万", Equal, "3.5萬");
    one("基金50億元", "50", "亿元", Equal, "50億元");
    one("氣溫負十點五度", "-10.5", "度", Equal, "負十點五度");
    one("增長一點零零五倍", "1.005", "倍", Equal, "一點零零五倍");
    one("投資三點五億元", "350000000", "元", Equal, "三點五億元");
    one("建成5個示範區", "5", "个", Equal, "5個");
    assert_eq!(normalize_unit("万元").exponent, 4);
}

#[test]
fn signs_before_and_inside_percentages() {
    use Comparator::*;
    one("增长负百分之1", "-1", "%", Increase, "负百分之1");
    one("增速为百分之负三点八", "-3.8", "%", Equal, "百分之负三点八");
    one("气温负十度", "-10", "度", Equal, "负十度");
    one("气温负一度", "-1", "度", Equal, "负一度");
    one("利润负三千万元", "-30000000", "元", Equal, "负三千万元");
    nothing(&["负一", "负十", "正负一度"]);
}

#[test]
fn compound_numbers() {
    use Comparator::*;
    one("实现200亿零四千230元", "20000004230", "元", Equal, "200亿零四千230元");
    one("共计1百01个", "101", "个", Equal, "1百01个");
    one("一百点123个", "100.123", "个", Equal, "一百点123个");
    one("安排资金2亿3千万元", "230000000", "元", Equal, "2亿3千万元");
    one("建成8千5百套", "8500", "套", Equal, "8千5百套");
    // A digit after a place may be the next place down or the units: flagged.
    check("产值1千5万元", &["15000000 元 equal [1千5万元] (uncertain)"]);
    check("共4千23个", &["4230 个 equal [4千23个] (uncertain)"]);
    // Digits glued to a Chinese numeral are no figure of their own; more digits than places make no number.
    nothing(&["四千230个", "1百001个", "1千00005个"]);
}

#[test]
fn one_character_numerals_before_points_and_after_bounds() {
    use Comparator::*;
    one("城镇化率提高三个百分点", "3", "个百分点", Increase, "三个百分点");
    one("下降两个百分点", "2", "个百分点", Decrease, "两个百分点");
    one("提升十个百分点", "10", "个百分点", Increase, "十个百分点");
    one("引进项目逾百个", "100", "个", MoreThan, "百个");
    one("集聚企业近千家", "1000", "家", About, "千家");
    one("培育廿个特色村", "20", "个", Equal, "廿个");
    one("人口一百多万人", "1000000", "人", MoreThan, "一百多万人");
    one("投资二百余万元", "2000000", "元", MoreThan, "二百余万元");
    nothing(&["三个代表", "带动上万人就业", "十几万元", "几百万元"]);
}

#[test]
fn latin_and_symbol_units() {
    use Comparator::*;
    one("浓度降至35微克/立方米", "35", "微克/立方米", Equal, "35微克/立方米");
    one("浓度28μg/m³", "28", "μg/m³", Equal, "28μg/m³");
    one("室温不低于18℃", "18", "℃", AtLeast, "18℃");
    one("水温25°C左右", "25", "°C", About, "25°C左右");
    one("室温26摄氏度", "26", "摄氏度", Equal, "26摄氏度");
    one("储能100GWh", "100", "GWh", Equal, "100GWh");
    one("算力100PFlops", "100", "PFlops", Equal, "100PFlops");
    one("发电50亿kWh", "50", "亿kWh", Equal, "50亿kWh");
    one("清运量1.2kg", "1.2", "kg", Equal, "1.2kg");
    one("绿道150km", "150", "km", Equal, "150km");
    one("面积120km²", "120", "km²", Equal, "120km²");
    one("住房40m²", "40", "m²", Equal, "40m²");
    one("粮食产量50亿斤以上", "50", "亿斤", AtLeast, "50亿斤以上");
    one("供水20万立方米/日", "20", "万立方米/日", Equal, "20万立方米/日");
    // Latin units normalise to the Chinese base unit a metric is kept in.
    let n = |u: &str| (normalize_unit(u).exponent, normalize_unit(u).base);
    assert_eq!(n("km²"), (0, "平方公里".into()));
    assert_eq!(n("℃"), (0, "摄氏度".into()));
    assert_eq!(n("°C"), (0, "摄氏度".into()));
    assert_eq!(n("μg/m³"), (0, "微克/立方米".into()));
    assert_eq!(n("亿kWh"), (8, "千瓦时".into()));
    assert_eq!(n("PFlops"), (15, "FLOPS".into()));
    assert_eq!(n("kg"), (0, "千克".into()));
    // Letters that are no unit keep the number a name.
    nothing(&["5G基站", "4K视频", "3D打印", "IPv6部署", "COVID-19"]);
}

#[test]
fn fractions() {
    use Comparator::*;
    one("超过1/4的村庄", "25", "%", MoreThan, "1/4");
    one("占1/2以上", "50", "%", AtLeast, "1/2以上");
    one("实现4分之3的乡镇", "75", "%", Equal, "4分之3");
    check("约1/3的企业", &["1 /3 about [1/3] (uncertain)"]);
    check("每年6/30前", &["6 /30 equal [6/30] (uncertain)"]);
    nothing(&["2022/10/21", "24/7"]);
}

#[test]
fn names_headings_and_years_are_no_figures() {
    nothing(&[
        "2.2本计划投资以政府引导为主",
        "3.1本市将加快推进",
        "4.1人才队伍建设",
        "打造15分钟生活圈",
        "构建1小时通勤圈",
        "建设十五分钟便民生活圈",
        "实现“两个一百年”奋斗目标",
        "汉朝建立于公元前202年",
        "始建于公元960年",
        "于前221年统一",
    ]);
    check("自1840年以来", &["1840 年 equal [1840年] (uncertain)"]);
    check("2.3万人次参与", &["2.3 万人次 equal [2.3万人次]"]);
    check("总投资1.5倍", &["1.5 倍 equal [1.5倍]"]);
}

#[test]
fn vague_amounts_and_rank_bounds_are_candidates_at_most() {
    check("争取数十亿元", &["1000000000 元 equal [十亿元] (uncertain)"]);
    check("惠及几十万人", &["100000 人 equal [十万人] (uncertain)"]);
    assert!(find_quantities("争取数十亿元").is_empty());
    // `人数` is a noun: what follows it is a figure.
    check("参观人数十万人次", &["100000 人次 equal [十万人次]"]);
    check("排名全省前10名", &["10 名 rank [10名] (uncertain)"]);
    check("进入全国前50强", &["50 强 rank [50强] (uncertain)"]);
}

#[test]
fn inclusive_brackets() {
    check("营业收入1万元（含）以上", &["1 万元 at-least [1万元（含）以上]"]);
    check("500万元(含)以下", &["500 万元 at-most [500万元(含)以下]"]);
    check("10万元以上（含10万元）的项目", &["10 万元 at-least [10万元以上]"]);
}

#[test]
fn comparatives_have_their_negated_forms() {
    check("增速不大于全国平均3个百分点", &["3 个百分点 at-most [3个百分点] ref=全国平均"]);
    check("增速不低于全国平均2个百分点", &["2 个百分点 at-least [2个百分点] ref=全国平均"]);
    check("增幅不高于全省1.5个百分点", &["1.5 个百分点 at-most [1.5个百分点] ref=全省"]);
    check("增速不小于全省0.5个百分点", &["0.5 个百分点 at-least [0.5个百分点] ref=全省"]);
    check("比重不超过全国平均4个百分点", &["4 个百分点 at-most [4个百分点] ref=全国平均"]);
    check("不多于全省平均1个百分点", &["1 个百分点 at-most [1个百分点] ref=全省平均"]);
    check("不少于全省平均1个百分点", &["1 个百分点 at-least [1个百分点] ref=全省平均"]);
    check("贴息比例不超过LPR的50%", &["50 % at-most [50%]"]);
    check("增速快于城镇居民两个百分点", &["2 个百分点 equal [两个百分点] ref=城镇居民"]);
    check("增速不慢于全省1个百分点", &["1 个百分点 at-least [1个百分点] ref=全省"]);
    check("总额至少达到1000亿元", &["1000 亿元 at-least [1000亿元]"]);
    // Every comparative the module documents is in the table, and its 不 form reads as a bound.
    for word in ["高于", "低于", "超过", "高出", "多于", "少于", "大于", "小于", "快于", "慢于"] {
        let negated = format!("不{word}全国平均3个百分点");
        let found = find_quantities(&negated);
        assert_eq!(found.len(), 1, "{negated}");
        assert!(
            matches!(found[0].comparator, Comparator::AtLeast | Comparator::AtMost),
            "{negated}: {:?}",
            found[0].comparator
        );
    }
}

#[test]
fn verbs_of_change_with_their_particle_and_more_after_the_unit() {
    use Comparator::*;
    one("价格上涨了2.5%", "2.5", "%", Increase, "2.5%");
    one("出口下跌了5.2%", "5.2", "%", Decrease, "5.2%");
    one("比上年增长了12.3%", "12.3", "%", Increase, "12.3%");
    one("提高了0.5个百分点", "0.5", "个百分点", Increase, "0.5个百分点");
    one("外贸总额增长了两倍多", "2", "倍", MoreThan, "两倍多");
    one("用3年多时间", "3", "年", MoreThan, "3年多");
    one("3年多措并举", "3", "年", Equal, "3年");
    one("起步价10块钱", "10", "块钱", Equal, "10块钱");
    assert_eq!(normalize_unit("块钱").base, "元");
}
