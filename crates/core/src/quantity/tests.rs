//! Table-driven tests of the parser: one sentence per form and per trap, and the seeds as a corpus.

use super::chinese::parse_chinese_numeral;
use super::*;

mod corpus;
mod forms;
mod round_trip;
mod written_forms;

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
/// A margin's reference is written after the span as `ref=…`, a note as `(uncertain)`.
pub(super) fn show(text: &str) -> Vec<String> {
    find_all_quantities(text)
        .iter()
        .map(|q| {
            let number = match q.value_max {
                Some(max) => format!("{}-{}", q.value, max),
                None => q.value.to_string(),
            };
            let mut line = format!("{number} {} {} [{}]", q.unit, q.comparator, q.text(text));
            if let Some(r) = &q.reference {
                line.push_str(&format!(" ref={r}"));
            }
            if q.note.is_some() {
                line.push_str(" (uncertain)");
            }
            line
        })
        .collect()
}

/// Asserts that `text` holds exactly the quantities `expected`, written as by [`show`].
#[track_caller]
pub(super) fn check(text: &str, expected: &[&str]) {
    assert_eq!(show(text), expected, "in {text:?}");
}

/// Asserts that no quantity is found in any of `texts`.
#[track_caller]
pub(super) fn nothing(texts: &[&str]) {
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
    check("年均增速高于规模以上工业 3个百分点", &["3 个百分点 equal [3个百分点] ref=规模以上工业"]);
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
        &["13.1 个百分点 equal [13.1] ref=全国", "8.6 个百分点 equal [8.6个百分点] ref=全国"],
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
    check("年均增速高于规模以上工业 3个百分点", &["3 个百分点 equal [3个百分点] ref=规模以上工业"]);
    check("增速低于全国平均2个百分点", &["2 个百分点 equal [2个百分点] ref=全国平均"]);
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
    check("数字经济核心产业规模达2062亿元,增长20.24%", &["2062 亿元 equal [2062亿元]", "20.24 % increase [20.24%]"]);
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
    check("峰会期间共有万余人、1851家企业参会", &["10000 人 more-than [万余人]", "1851 家 equal [1851家]"]);
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
