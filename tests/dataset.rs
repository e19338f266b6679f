//! The bundled dataset's coverage invariants: everything the parser finds is accounted for, shared metrics
//! are comparable, every city and theme is used, and the figures the curation brief names are present.

use zhibiao_core::quantity::Comparator;
use zhibiao_core::schema::{Kind, Measure, Status};

fn dataset() -> zhibiao_core::Dataset {
    match zhibiao_core::load_embedded() {
        Ok(ds) => ds,
        Err(e) => panic!("the bundled dataset does not verify:\n{e}"),
    }
}

#[test]
fn every_quantity_in_the_seeds_is_curated_or_ignored() {
    let ds = dataset();
    let left = zhibiao_core::candidates::candidates(&ds, None);
    let listed: Vec<String> = left
        .iter()
        .map(|c| {
            format!(
                "{}:{}: {}",
                ds.documents()[c.doc].source,
                c.paragraph,
                &ds.documents()[c.doc].text.text[c.quantity.span.clone()]
            )
        })
        .collect();
    assert!(left.is_empty(), "unaccounted quantities:\n{}", listed.join("\n"));
    for ig in ds.ignored() {
        assert!(ig.reason.trim().len() > 5, "ignored passage without a real reason: {}", ig.quote);
    }
}

#[test]
fn records_of_one_metric_share_its_unit_and_measure_the_same_thing() {
    let ds = dataset();
    for ind in ds.indicators() {
        let metric = ds.metric(ind.metric);
        assert_eq!(ind.base_unit, metric.unit, "{} normalises to the unit of {}", ind.id, metric.id);
        assert_eq!(ind.theme, metric.theme, "{} has the theme of {}", ind.id, metric.id);
    }
    // New construction over three years (a flow) and stations in service (a stock) are different metrics.
    let metric_of = |id: &str| {
        let ind = ds.indicator(id).expect(id);
        (ds.metric_key(ind), ds.metric(ind.metric).measure)
    };
    assert_eq!(metric_of("sy2020-5g-stations"), ("5g_base_stations", Measure::Stock));
    assert_eq!(metric_of("sy2020-5g-stations-target"), ("5g_base_stations", Measure::Stock));
    assert_eq!(metric_of("xz2020-5g-new"), ("5g_base_stations_new", Measure::Flow));
}

#[test]
fn margins_over_a_reference_are_exact_and_name_the_reference() {
    let ds = dataset();
    let margins: Vec<_> =
        ds.indicators().iter().filter(|i| i.quote.contains("高于") && i.unit.contains("百分点")).collect();
    assert_eq!(margins.len(), 3);
    for m in margins {
        assert_eq!(m.comparator, Comparator::Equal, "{}", m.id);
        assert!(m.reference().is_some(), "{} names no reference", m.id);
    }
}

#[test]
fn every_document_records_the_hash_of_its_source() {
    let ds = dataset();
    for doc in ds.documents() {
        let hash = doc.sha256.as_deref().unwrap_or_else(|| panic!("{} has no sha256", doc.id));
        assert!(hash.starts_with("sha256:") && hash.len() == 7 + 64, "{hash}");
    }
}

#[test]
fn every_city_and_theme_is_used() {
    let ds = dataset();
    for (c, city) in ds.city_ids().zip(ds.cities()) {
        assert!(ds.indicators().iter().any(|i| i.city == c), "city {} unused", city.id);
    }
    // A theme holds indicators, or metrics of the common catalogue that drafting offers for the next documents.
    for (t, theme) in ds.theme_ids().zip(ds.themes()) {
        let used = ds.indicators().iter().any(|i| i.theme == t) || ds.metrics().iter().any(|m| m.theme == t);
        assert!(used, "theme {} unused", theme.id);
    }
    for (d, doc) in ds.document_ids().zip(ds.documents()) {
        assert!(ds.indicators_of_document(d).count() > 0, "document {} has no indicators", doc.id);
    }
}

/// Finds the one indicator of `city` whose quote contains `needle` and whose value is `value`.
fn find<'a>(
    ds: &'a zhibiao_core::Dataset,
    city: &str,
    needle: &str,
    value: &str,
) -> &'a zhibiao_core::dataset::Indicator {
    let c = ds.find_city(city).expect("city");
    let hits: Vec<_> = ds
        .indicators()
        .iter()
        .filter(|i| i.city == c && i.quote.contains(needle) && i.value.to_string() == value)
        .collect();
    assert_eq!(hits.len(), 1, "{city} {needle} {value}: {:?}", hits.iter().map(|i| &i.id).collect::<Vec<_>>());
    hits[0]
}

#[test]
fn the_figures_the_brief_names_are_curated() {
    let ds = dataset();
    let xz_5g = find(&ds, "xuzhou", "5G基站", "1");
    assert_eq!((xz_5g.unit.as_str(), xz_5g.base_value.to_string().as_str(), xz_5g.year), ("万座", "10000", 2022));
    let charging = find(&ds, "xuzhou", "充电桩", "4000");
    assert_eq!(charging.year, 2022);
    let sy_5g_target = find(&ds, "shenyang", "5G基站3000个以上", "3000");
    assert_eq!(
        (sy_5g_target.comparator, sy_5g_target.kind, sy_5g_target.year),
        (Comparator::AtLeast, Kind::Target, 2020)
    );
    let sy_5g_actual = find(&ds, "shenyang", "5G基站1202个", "1202");
    assert_eq!(sy_5g_actual.kind, Kind::Actual);
    // The stock in service and its target share a metric; Xuzhou's new construction is another.
    assert_eq!(sy_5g_target.metric, sy_5g_actual.metric);
    assert_ne!(sy_5g_target.metric, xz_5g.metric);
    assert_eq!((sy_5g_target.status, sy_5g_actual.status), (Status::Stretch, Status::Firm));

    let energy = find(&ds, "shenyang", "能源消耗比2020年下降15%", "15");
    assert_eq!(
        (energy.comparator, energy.baseline_year, energy.unit.as_str()),
        (Comparator::Decrease, Some(2020), "%")
    );
    assert_eq!(find(&ds, "shenyang", "清洁能源消费占比", "37").comparator, Comparator::AtLeast);
    assert_eq!(find(&ds, "shenyang", "绿色出行比例", "75").comparator, Comparator::AtLeast);
    assert_eq!(find(&ds, "shenyang", "空气质量优良天数比例", "87.5").comparator, Comparator::AtLeast);
    assert_eq!(find(&ds, "shenyang", "数字经济核心产业规模达2062亿元", "2062").year, 2019);
    assert_eq!(find(&ds, "shenyang", "棚户区50个地块", "50").year, 2015);
    assert_eq!(find(&ds, "shenyang", "涉及居民22549户", "22549").year, 2015);

    // Every industry chain of the two 分别 sentences is its own 2023 indicator.
    let chains: Vec<_> =
        ds.indicators().iter().filter(|i| i.year == 2023 && i.quote.contains("产业链产值分别达到")).collect();
    assert_eq!(chains.len(), 13, "{:?}", chains.iter().map(|i| &i.id).collect::<Vec<_>>());
    // 一网通办 shares for 2022 and 2023.
    assert_eq!(find(&ds, "shenyang", "80%申请材料", "80").year, 2022);
    assert_eq!(find(&ds, "shenyang", "90%申请材料", "90").year, 2023);
}

#[test]
fn percent_and_percentage_points_are_never_confused() {
    let ds = dataset();
    for ind in ds.indicators() {
        if ind.unit.contains("百分点") {
            assert_eq!(ind.base_unit, "百分点", "{}", ind.id);
        }
        if ind.unit == "%" {
            assert!(!ind.quote.contains(&format!("{}个百分点", ind.value)), "{}", ind.id);
        }
    }
}
