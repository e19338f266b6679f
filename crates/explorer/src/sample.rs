//! A small hand-built dataset for the explorer's tests: two cities, two documents, seven indicators, with the
//! spans, paragraphs and normalised values computed the way the loader computes them.

use zhibiao_core::corpus::Text;
use zhibiao_core::dataset::{City, Dataset, Document, Ignored, Indicator, Metric, Theme};
use zhibiao_core::decimal::Decimal;
use zhibiao_core::ids::{CityId, DocId, MetricId, ThemeId};
use zhibiao_core::quantity::{normalize_unit, Comparator};
use zhibiao_core::schema::{Better, Kind, Measure, Status};

const SY_TEXT: &str = "关于构建新经济体系推动沈阳经济高质量发展的提案的答复

民盟沈阳市委:
您提出的关于构建新经济体系的提案收悉,现答复如下:
一、数字经济发展情况。2019年,我市数字经济核心产业规模达2062亿元,增长20.24%。截至2020年4月底,全市已建成并开通5G基站1202个,力争建成5G基站3000个以上,带动1000家企业上云。
二、下一步工作。到2025年,单位地区生产总值能源消耗比2020年下降15%,清洁能源消费占比达到37%以上。
三、共同发起设立10-20亿注册资本金的金融租赁公司,支持实体经济发展。
沈阳市发展和改革委员会
2020年5月28日
";

const XZ_TEXT: &str = "市政府办公室关于印发推进全市新型基础设施建设若干意见的通知
徐委办〔2020〕84号

到2022年,新建 5G基站 1万座、电动汽车充电桩 4000个,全市战略性新兴产业年均增速高于规模以上工业 3个百分点。
";

/// The parts of the sample before they are assembled.
#[derive(Default)]
struct Parts {
    cities: Vec<City>,
    themes: Vec<Theme>,
    metrics: Vec<Metric>,
    documents: Vec<Document>,
    indicators: Vec<Indicator>,
    ignored: Vec<Ignored>,
}

/// One indicator as the tests describe it: (id, document, theme, metric, name, English name, kind, comparator,
/// value, value_max, unit, year, quote).
type Spec = (
    &'static str,
    usize,
    usize,
    &'static str,
    &'static str,
    &'static str,
    Kind,
    Comparator,
    &'static str,
    Option<&'static str>,
    &'static str,
    i32,
    &'static str,
);

const SPECS: &[Spec] = &[
    (
        "sy-digital-economy",
        0,
        3,
        "digital_economy_core_output",
        "数字经济核心产业规模",
        "Core digital-economy output",
        Kind::Actual,
        Comparator::Equal,
        "2062",
        None,
        "亿元",
        2019,
        "数字经济核心产业规模达2062亿元",
    ),
    (
        "sy-5g-2020",
        0,
        0,
        "5g_base_stations",
        "5G基站",
        "5G base stations",
        Kind::Actual,
        Comparator::Equal,
        "1202",
        None,
        "个",
        2020,
        "已建成并开通5G基站1202个",
    ),
    (
        "sy-5g-2025",
        0,
        0,
        "5g_base_stations",
        "5G基站",
        "5G base stations",
        Kind::Target,
        Comparator::AtLeast,
        "3000",
        None,
        "个",
        2025,
        "力争建成5G基站3000个以上",
    ),
    (
        "sy-energy",
        0,
        1,
        "energy_intensity_reduction",
        "单位地区生产总值能源消耗降低",
        "Cut in energy use per unit of GDP",
        Kind::Target,
        Comparator::Decrease,
        "15",
        None,
        "%",
        2025,
        "单位地区生产总值能源消耗比2020年下降15%",
    ),
    (
        "sy-leasing",
        0,
        3,
        "leasing_company_capital",
        "金融租赁公司注册资本金",
        "Registered capital of a leasing company",
        Kind::Target,
        Comparator::Range,
        "10",
        Some("20"),
        "亿",
        2016,
        "共同发起设立10-20亿注册资本金的金融租赁公司",
    ),
    (
        "xz-5g-new",
        1,
        0,
        "new_5g_base_stations",
        "新建5G基站",
        "New 5G base stations built",
        Kind::Target,
        Comparator::Equal,
        "1",
        None,
        "万座",
        2022,
        "新建 5G基站 1万座",
    ),
    (
        "xz-charging",
        1,
        2,
        "ev_charging_points_new",
        "新建电动汽车充电桩",
        "New EV charging points built",
        Kind::Target,
        Comparator::Equal,
        "4000",
        None,
        "个",
        2022,
        "电动汽车充电桩 4000个",
    ),
    (
        "xz-growth",
        1,
        3,
        "emerging_industry_growth_gap",
        "战略性新兴产业增速领先",
        "Lead of emerging-industry growth",
        Kind::Target,
        Comparator::MoreThan,
        "3",
        None,
        "个百分点",
        2022,
        "全市战略性新兴产业年均增速高于规模以上工业 3个百分点",
    ),
];

fn decimal(s: &str) -> Decimal {
    Decimal::parse(s).expect("sample values are decimals")
}

/// Builds the sample dataset.
pub fn dataset() -> Dataset {
    let mut ds = Parts::default();
    let city = |id: &str, name: &str, name_en: &str, province: &str, province_en: &str| City {
        id: id.into(),
        name: name.into(),
        name_en: name_en.into(),
        province: province.into(),
        province_en: province_en.into(),
    };
    ds.cities = vec![
        city("shenyang", "沈阳", "Shenyang", "辽宁", "Liaoning"),
        city("xuzhou", "徐州", "Xuzhou", "江苏", "Jiangsu"),
    ];
    let theme = |id: &str, name: &str, name_en: &str| Theme {
        id: id.into(),
        name: name.into(),
        name_en: name_en.into(),
        description: String::new(),
    };
    ds.themes = vec![
        theme("digital-infrastructure", "数字基础设施", "Digital infrastructure"),
        theme("energy-emissions", "能源与碳排放", "Energy and emissions"),
        theme("transport", "交通", "Transport"),
        theme("economy", "经济发展", "Economic development"),
    ];
    let doc = |id: &str, city: usize, title: &str, issuer: &str, date: &str, text: &str| Document {
        id: id.into(),
        source: format!("seeds/{id}.txt"),
        city: CityId::new(city),
        title: title.into(),
        title_en: format!("{id} (English title)"),
        issuer: issuer.into(),
        issuer_en: "Issuer".into(),
        date: date.into(),
        kind: "policy-opinions".into(),
        note: None,
        sha256: None,
        text: Text::from_string(text.to_string()),
    };
    ds.documents = vec![
        doc(
            "sy-doc",
            0,
            "关于构建新经济体系推动沈阳经济高质量发展的提案的答复",
            "沈阳市发展和改革委员会",
            "2020-05-28",
            SY_TEXT,
        ),
        doc("xz-doc", 1, "关于推进全市新型基础设施建设的若干意见", "徐州市人民政府办公室", "2020-06-01", XZ_TEXT),
    ];
    for &(id, d, theme, metric, name, name_en, kind, comparator, value, value_max, unit, year, quote) in SPECS {
        let text = &ds.documents[d].text;
        let (paragraph, span) = text.find(quote).into_iter().next().expect("sample quotes are in their documents");
        let norm = normalize_unit(unit);
        let value = decimal(value);
        let value_max = value_max.map(decimal);
        let scale = |v: Decimal| v.scale_by_pow10(norm.exponent).expect("sample values fit");
        // One registry entry per metric key, as data/metrics.yaml would declare it.
        let metric_index = ds.metrics.iter().position(|m| m.id == metric).unwrap_or_else(|| {
            ds.metrics.push(Metric {
                id: metric.into(),
                name: name.into(),
                name_en: name_en.into(),
                theme: ThemeId::new(theme),
                measure: Measure::Stock,
                unit: norm.base.clone(),
                aliases: Vec::new(),
                names: Vec::new(),
                better: Better::Higher,
                description: None,
            });
            ds.metrics.len() - 1
        });
        ds.indicators.push(Indicator {
            id: id.into(),
            doc: DocId::new(d),
            city: ds.documents[d].city,
            theme: ThemeId::new(theme),
            metric: MetricId::new(metric_index),
            name: name.into(),
            name_en: name_en.into(),
            kind,
            comparator,
            value,
            value_max,
            unit: unit.into(),
            base_value: scale(value),
            base_value_max: value_max.map(scale),
            base_unit: norm.base.clone().into(),
            year,
            baseline_year: (id == "sy-energy").then_some(2020),
            baseline_value: None,
            quote: quote.into(),
            paragraph,
            span,
            status: Status::Firm,
            qualifiers: None,
            note: (id == "xz-5g-new").then(|| "New construction over 2020–2022 (a flow), not the stock.".into()),
        });
    }
    // Build the indices (ids, search buffer) over the parts.
    Dataset::unverified_for_tests(ds.cities, ds.themes, ds.metrics, ds.documents, ds.indicators, ds.ignored)
}
