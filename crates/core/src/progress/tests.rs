//! One small fixture per progress rule; every expectation is worked out by hand from the rule.

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::parse(s).unwrap_or_else(|e| panic!("bad fixture number {s}: {e}"))
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| panic!("bad fixture date {s}: {e}"))
}

/// A firm, whole-city stock record of metric `m` in 个 for city `c`, better higher, from a document of `year`.
fn rec(id: &'static str, kind: Kind, year: i32, comparator: Comparator, value: &str) -> Figure<'static> {
    Figure {
        id,
        kind,
        metric: "m",
        city: "c",
        scope: None,
        year,
        doc_year: year,
        comparator,
        base_value: dec(value),
        base_value_max: None,
        unit: "个",
        measure: Measure::Stock,
        better: Better::Higher,
        status: Status::Firm,
        as_of: None,
        period: None,
        baseline_year: None,
        supersedes: None,
        restates: None,
    }
}

fn target(id: &'static str, year: i32, comparator: Comparator, value: &str) -> Figure<'static> {
    rec(id, Kind::Target, year, comparator, value)
}

fn actual(id: &'static str, year: i32, value: &str) -> Figure<'static> {
    rec(id, Kind::Actual, year, Comparator::Equal, value)
}

/// The only progress result among `records`.
fn only<'a>(records: &[Figure<'a>]) -> Progress<'a> {
    let mut all = progress(records);
    assert_eq!(all.len(), 1, "expected one tracked target, got {all:?}");
    all.remove(0)
}

#[test]
fn stock_met_or_missed_at_the_deadline() {
    let t = target("t", 2020, Comparator::AtLeast, "3000");
    let p = only(&[t.clone(), actual("a", 2020, "3200")]);
    assert_eq!(p.status, ProgressStatus::Met);
    assert_eq!(p.actual, Some("a"));
    assert_eq!(p.achieved, Some(1.0667));
    assert_eq!(p.gap, Some(dec("-200")));
    assert_eq!(p.why, "met — 3200 of ≥3000 个 (107%) as of 2020-12-31, the deadline");

    let p = only(&[t, actual("a", 2020, "2500")]);
    assert_eq!(p.status, ProgressStatus::Missed);
    assert_eq!(p.achieved, Some(0.8333));
    assert_eq!(p.gap, Some(dec("500")));
    assert_eq!(p.why, "missed — 2500 of ≥3000 个 (83%) as of 2020-12-31, the deadline");
}

#[test]
fn stock_met_before_the_deadline_and_later_figures_ignored() {
    let early = Figure { as_of: Some(day("2020-06-30")), ..actual("early", 2020, "3100") };
    // Dated after the deadline: not the one that decides, however recent.
    let late = actual("late", 2021, "2000");
    let p = only(&[target("t", 2020, Comparator::AtLeast, "3000"), early, late]);
    assert_eq!(p.status, ProgressStatus::Met);
    assert_eq!(p.actual, Some("early"));
    assert_eq!(p.why, "met — 3100 of ≥3000 个 (103%) as of 2020-06-30, before the 2020-12-31 deadline");
}

/// A target of more than 20000 by 2022 from a 2020 document, 6000 at the end of 2020 and `latest` a year later.
/// The straight path runs 730 days from 6000 to 20000: after 365 days it stands at 6000 + 14000 / 2 = 13000.
fn on_a_path(latest: &str) -> Progress<'static> {
    let t = Figure { doc_year: 2020, ..target("t", 2022, Comparator::MoreThan, "20000") };
    // Before the target's document year: never the start of the path.
    let old = actual("a2019", 2019, "1000");
    only(&[t, old, actual("a2020", 2020, "6000"), actual("a2021", 2021, latest)])
}

#[test]
fn stock_behind_the_straight_path() {
    let p = on_a_path("12000");
    assert_eq!(p.status, ProgressStatus::Behind);
    assert_eq!(p.actual, Some("a2021"));
    assert_eq!(p.achieved, Some(0.6));
    assert_eq!(p.gap, Some(dec("8000")));
    assert_eq!(p.counted, ["a2021", "a2020"]);
    assert_eq!(
        p.why,
        "behind — 12000 of >20000 个 (60%) as of 2021-12-31; the straight path from 6000 (2020-12-31) to 20000 \
         (2022-12-31) stands at 13000 on that date"
    );
}

#[test]
fn stock_on_track_on_or_past_the_path() {
    let p = on_a_path("14000");
    assert_eq!(p.status, ProgressStatus::OnTrack);
    assert_eq!(p.achieved, Some(0.7));
    assert!(p.why.starts_with("on-track — 14000 of >20000 个 (70%) as of 2021-12-31; the straight path"), "{}", p.why);
    // Exactly on the line counts as on track; a unit below it does not.
    assert_eq!(on_a_path("13000").status, ProgressStatus::OnTrack);
    assert_eq!(on_a_path("12999").status, ProgressStatus::Behind);
}

#[test]
fn stock_without_an_earlier_figure_is_in_progress() {
    // Shenyang's 5G target as curated in the bundled data: 力争建成5G基站3000个以上 in 2020 (at-least, stretch),
    // against 已建成并开通5G基站1202个 in the reply of 2020-05-28.
    let t =
        Figure { status: Status::Stretch, ..target("sy2020-5g-stations-target", 2020, Comparator::AtLeast, "3000") };
    let a = Figure { as_of: Some(day("2020-05-28")), ..actual("sy2020-5g-stations", 2020, "1202") };
    let p = only(&[t, a]);
    assert_eq!(p.status, ProgressStatus::InProgress);
    assert_eq!(p.actual, Some("sy2020-5g-stations"));
    // 1202 / 3000 = 0.400666…
    assert_eq!(p.achieved, Some(0.4007));
    assert_eq!(p.gap, Some(dec("1798")));
    assert!(p.stretch);
    assert_eq!(
        p.why,
        "in-progress (stretch target) — 1202 of ≥3000 个 (40%) as of 2020-05-28; no earlier figure to judge the pace"
    );
    let json = serde_json::to_value(&p).unwrap_or_default();
    let expected = serde_json::json!({
        "target": "sy2020-5g-stations-target", "city": "c", "metric": "m", "year": 2020, "status": "in-progress",
        "actual": "sy2020-5g-stations", "achieved": 0.4007, "gap": 1798, "why": p.why,
    });
    assert_eq!(json, expected);
}

#[test]
fn a_stretch_target_is_judged_like_a_firm_one_and_labelled() {
    let firm = target("t", 2020, Comparator::AtLeast, "3000");
    let stretch = Figure { status: Status::Stretch, ..firm.clone() };
    let a = actual("a", 2020, "3200");
    let (f, s) = (only(&[firm, a.clone()]), only(&[stretch, a]));
    assert_eq!((s.status, s.achieved, s.gap, s.actual), (f.status, f.achieved, f.gap, f.actual));
    assert!(s.stretch && !f.stretch);
    assert_eq!(s.why, "met (stretch target) — 3200 of ≥3000 个 (107%) as of 2020-12-31, the deadline");
}

#[test]
fn an_estimate_decides_but_is_labelled() {
    let est = Figure { status: Status::Estimate, ..actual("a", 2020, "2900") };
    let p = only(&[target("t", 2020, Comparator::AtLeast, "3000"), est]);
    assert_eq!(p.status, ProgressStatus::Missed);
    assert!(p.estimate);
    assert_eq!(p.why, "missed — 2900 of ≥3000 个 (97%) as of 2020-12-31, the deadline; a is an estimate");
    // At the same date a firm figure is preferred to an estimate.
    let firm = actual("firm", 2020, "3000");
    let est = Figure { status: Status::Estimate, ..actual("est", 2020, "2900") };
    let p = only(&[target("t", 2020, Comparator::AtLeast, "3000"), firm, est]);
    assert_eq!((p.status, p.actual, p.estimate), (ProgressStatus::Met, Some("firm"), false));
}

fn flow(r: Figure<'static>, period: Option<(i32, i32)>) -> Figure<'static> {
    Figure { measure: Measure::Flow, period, ..r }
}

#[test]
fn flow_of_the_same_period_missed_and_other_years_ignored() {
    let t = flow(target("t", 2022, Comparator::Equal, "10000"), None);
    let p = only(&[t, flow(actual("a2021", 2021, "12000"), None), flow(actual("a2022", 2022, "8000"), None)]);
    assert_eq!(p.status, ProgressStatus::Missed);
    assert_eq!(p.actual, Some("a2022"));
    assert_eq!(p.achieved, Some(0.8));
    assert_eq!(p.gap, Some(dec("2000")));
    assert_eq!(p.why, "missed — 8000 of 10000 个 (80%) over 2022");
}

#[test]
fn flow_of_part_of_a_year_does_not_decide() {
    let t = flow(target("t", 2022, Comparator::AtLeast, "100"), None);
    let half = Figure { as_of: Some(day("2022-06")), ..flow(actual("h", 2022, "60"), None) };
    let p = only(&[t, half]);
    assert_eq!(p.status, ProgressStatus::InProgress);
    assert_eq!(p.why, "in-progress — 60 of ≥100 个 (60%) over 2022 as of 2022-06-30, before the period ends");
}

#[test]
fn multi_year_flow_adds_up_consecutive_parts() {
    let t = flow(Figure { doc_year: 2022, ..target("t", 2024, Comparator::AtLeast, "50") }, Some((2022, 2024)));
    let a22 = flow(actual("a22", 2022, "20"), None);
    let a23 = flow(actual("a23", 2023, "15"), None);
    let p = only(&[t.clone(), a22.clone(), a23.clone()]);
    assert_eq!(p.status, ProgressStatus::InProgress);
    assert_eq!(p.actual, Some("a23"));
    assert_eq!(p.achieved, Some(0.7));
    assert_eq!(p.gap, Some(dec("15")));
    assert_eq!(p.counted, ["a22", "a23"]);
    assert_eq!(
        p.why,
        "in-progress — 35 of ≥50 个 (70%) over 2022-2023 of 2022-2024, from 2022 (a22) + 2023 (a23); 2024 not \
         reported yet"
    );
    // The last year reported: the whole period is covered, 45 < 50.
    let p = only(&[t.clone(), a22, a23, flow(actual("a24", 2024, "10"), None)]);
    assert_eq!((p.status, p.gap), (ProgressStatus::Missed, Some(dec("5"))));
    // A two-year part counts as one piece of the chain.
    let a2324 = flow(actual("a2324", 2024, "40"), Some((2023, 2024)));
    let p = only(&[t, flow(actual("a22", 2022, "20"), None), a2324]);
    assert_eq!((p.status, p.achieved), (ProgressStatus::Met, Some(1.2)));
}

#[test]
fn one_year_never_decides_a_three_year_target() {
    let t = flow(target("t", 2024, Comparator::AtLeast, "50"), Some((2022, 2024)));
    // 60 in 2024 alone is more than the whole target, but it is not the period nor a part from its start.
    let p = only(&[t, flow(actual("a24", 2024, "60"), None)]);
    assert_eq!(p.status, ProgressStatus::NoData);
    assert_eq!((p.actual, p.achieved, p.gap), (None, None, None));
    assert_eq!(p.why, "no-data — no actual covers 2022-2024 nor adds up from 2022; the actuals cover 2024 (a24)");
}

#[test]
fn a_superseded_target_is_not_tracked() {
    let old = target("old", 2022, Comparator::AtLeast, "3000");
    let new = Figure { supersedes: Some("old"), ..target("new", 2022, Comparator::AtLeast, "2500") };
    let records = [old, new, actual("a", 2022, "2800")];
    let all = progress(&records);
    assert_eq!(all.iter().map(|p| (p.target, p.status)).collect::<Vec<_>>(), [("new", ProgressStatus::Met)]);
    assert_eq!(progress_of("old", &records), None);
    assert_eq!(progress_of("new", &records).map(|p| p.status), Some(ProgressStatus::Met));
}

#[test]
fn a_restated_figure_counts_once() {
    // The reply of 2020-05-28 reports 1202; a year-end review repeats it without a date of its own. Counted
    // twice, the repetition would date the figure at the deadline and call the target missed.
    let first = Figure { as_of: Some(day("2020-05-28")), ..actual("first", 2020, "1202") };
    let again = Figure { restates: Some("first"), ..actual("again", 2020, "1202") };
    let p = only(&[target("t", 2020, Comparator::AtLeast, "3000"), first, again]);
    assert_eq!((p.status, p.actual), (ProgressStatus::InProgress, Some("first")));
    assert_eq!(counted(&[actual("x", 2020, "1"), Figure { restates: Some("x"), ..actual("y", 2020, "1") }]).len(), 1);
}

#[test]
fn different_scopes_are_never_paired() {
    let park = Figure { scope: Some("中德产业园"), ..target("t", 2020, Comparator::AtLeast, "100") };
    let p = only(&[park.clone(), actual("city", 2020, "500")]);
    assert_eq!(p.status, ProgressStatus::NoData);
    assert_eq!(p.why, "no-data — no actual of m for c (中德产业园)");
    let in_park = Figure { scope: Some("中德产业园"), ..actual("park", 2020, "80") };
    let p = only(&[park, actual("city", 2020, "500"), in_park]);
    assert_eq!((p.status, p.actual), (ProgressStatus::Missed, Some("park")));
}

#[test]
fn other_cities_and_metrics_are_never_paired() {
    let t = target("t", 2020, Comparator::AtLeast, "100");
    let elsewhere = Figure { city: "other", ..actual("o", 2020, "500") };
    let other_metric = Figure { metric: "n", ..actual("n", 2020, "500") };
    let p = only(&[t, elsewhere, other_metric]);
    assert_eq!(p.status, ProgressStatus::NoData);
}

#[test]
fn equal_means_at_least_or_at_most_by_the_better_direction() {
    // 达到 0.5 on an intensity where lower is better: 0.45 reaches it, 0.55 does not.
    let t = Figure {
        measure: Measure::Level,
        better: Better::Lower,
        unit: "吨/万元",
        ..target("t", 2020, Comparator::Equal, "0.5")
    };
    let level = |v: &'static str| Figure { measure: Measure::Level, unit: "吨/万元", ..actual("a", 2020, v) };
    assert_eq!(only(&[t.clone(), level("0.45")]).status, ProgressStatus::Met);
    assert_eq!(only(&[t.clone(), level("0.55")]).status, ProgressStatus::Missed);
    assert_eq!(only(&[t, level("0.55")]).gap, Some(dec("-0.05")));
    // 达到 3000 where higher is better: 3100 reaches it.
    assert_eq!(
        only(&[target("t", 2020, Comparator::Equal, "3000"), actual("a", 2020, "3100")]).status,
        ProgressStatus::Met
    );
}

#[test]
fn a_rank_is_met_at_or_above_its_position() {
    let rank = |r: Figure<'static>| Figure { measure: Measure::Rank, better: Better::Lower, unit: "位", ..r };
    let p = only(&[rank(target("t", 2020, Comparator::Rank, "20")), rank(actual("a", 2020, "18"))]);
    assert_eq!((p.status, p.gap), (ProgressStatus::Met, Some(dec("2"))));
}

#[test]
fn a_share_gap_is_in_percentage_points() {
    let share = |r: Figure<'static>| Figure { measure: Measure::Share, unit: "%", ..r };
    let p = only(&[share(target("t", 2022, Comparator::AtLeast, "60")), share(actual("a", 2022, "57"))]);
    assert_eq!((p.status, p.gap, p.achieved), (ProgressStatus::Missed, Some(dec("3")), Some(0.95)));
    assert_eq!(p.why, "missed — 57 of ≥60% (95%) as of 2022-12-31, the deadline");
    assert_eq!(share(actual("a", 2022, "57")).gap_unit(), "百分点");
    assert_eq!(actual("a", 2022, "57").gap_unit(), "个");
}

fn change(r: Figure<'static>, baseline: i32) -> Figure<'static> {
    Figure { measure: Measure::Change, better: Better::Lower, unit: "%", baseline_year: Some(baseline), ..r }
}

#[test]
fn a_change_is_judged_only_against_the_same_baseline_and_period() {
    // 到2025年能耗比2020年下降13.5%: an energy-intensity change, where lower (a bigger fall) is better.
    let t = change(target("t", 2025, Comparator::Decrease, "13.5"), 2020);
    let fell = change(rec("a", Kind::Actual, 2025, Comparator::Decrease, "14"), 2020);
    let p = only(&[t.clone(), fell]);
    assert_eq!(p.status, ProgressStatus::Met);
    // −14 against −13.5: 14 / 13.5 = 1.037037…; gap −13.5 − (−14) = 0.5.
    assert_eq!((p.achieved, p.gap), (Some(1.037), Some(dec("0.5"))));
    assert_eq!(p.why, "met — a change of -14% against 2020 over 2025, for a target of 下降13.5% (104%)");

    let other_base = change(rec("b", Kind::Actual, 2025, Comparator::Decrease, "20"), 2019);
    let p = only(&[t.clone(), other_base]);
    assert_eq!(p.status, ProgressStatus::NoData);
    assert_eq!(p.why, "no-data — no actual change against 2020 over 2025; the actuals are b (against 2019 over 2025)");

    let no_base = Figure { baseline_year: None, ..t };
    let p = only(&[no_base, change(rec("a", Kind::Actual, 2025, Comparator::Decrease, "14"), 2020)]);
    assert_eq!(p.status, ProgressStatus::NoData);
    assert!(p.why.contains("names no baseline year"), "{}", p.why);
}

#[test]
fn no_actual_is_no_data() {
    let p = only(&[target("t", 2020, Comparator::AtLeast, "3000")]);
    assert_eq!((p.status, p.actual, p.achieved, p.gap), (ProgressStatus::NoData, None, None, None));
    assert_eq!(p.why, "no-data — no actual of m for c");
    let late = actual("late", 2021, "4000");
    let p = only(&[target("t", 2020, Comparator::AtLeast, "3000"), late]);
    assert_eq!(p.why, "no-data — no figure dated by the 2020-12-31 deadline; the first is late as of 2021-12-31");
}

#[test]
fn names_serialise_as_the_issues_spell_them() {
    let names = serde_json::to_string(&ProgressStatus::ALL).unwrap_or_default();
    assert_eq!(names, r#"["met","missed","on-track","behind","in-progress","no-data"]"#);
    assert_eq!(
        ProgressStatus::ALL.map(ProgressStatus::as_str),
        ["met", "missed", "on-track", "behind", "in-progress", "no-data"]
    );
    let measures: Vec<Measure> =
        serde_json::from_str(r#"["stock","flow","share","change","level","rank"]"#).unwrap_or_default();
    assert_eq!(measures, Measure::ALL);
    assert_eq!(Measure::ALL.map(Measure::as_str), ["stock", "flow", "share", "change", "level", "rank"]);
    let better: Vec<Better> = serde_json::from_str(r#"["higher","lower"]"#).unwrap_or_default();
    assert_eq!(better, [Better::Higher, Better::Lower]);
    let status: Vec<Status> = serde_json::from_str(r#"["firm","stretch","estimate"]"#).unwrap_or_default();
    assert_eq!(status, [Status::Firm, Status::Stretch, Status::Estimate]);
}

#[test]
fn compare_orders_by_city_then_year_and_notes_differences() {
    let xz = |r: Figure<'static>| Figure { city: "xuzhou", ..r };
    let sy = |r: Figure<'static>| Figure { city: "shenyang", ..r };
    let records = [
        xz(flow(actual("xz23", 2023, "5"), None)),
        sy(flow(
            Figure { status: Status::Stretch, ..target("sy-t", 2024, Comparator::AtLeast, "50") },
            Some((2022, 2024)),
        )),
        xz(flow(actual("xz22", 2022, "4"), None)),
        sy(flow(Figure { scope: Some("浑南区"), ..actual("sy22", 2022, "9") }, None)),
    ];
    let c = compare(&records);
    assert_eq!(c.rows.iter().map(|r| r.id).collect::<Vec<_>>(), ["sy22", "sy-t", "xz22", "xz23"]);
    assert_eq!(
        c.notes,
        [
            "rows cover different scopes: the whole city (sy-t, xz22, xz23), 浑南区 (sy22); figures of different \
             scopes are not comparable",
            "rows mix firm and stretch figures: firm (sy22, xz22, xz23), stretch (sy-t); a stretch target is an \
             aspiration and an estimate is not a final figure",
            "rows cover different periods: 2022 (sy22, xz22), 2022-2024 (sy-t), 2023 (xz23); a figure over several \
             years is not a yearly one",
        ]
    );
    // Alike rows: no notes.
    let alike = [actual("a", 2020, "1"), Figure { city: "b", ..actual("b", 2019, "2") }];
    assert_eq!(compare(&alike).notes, Vec::<String>::new());
}

#[test]
fn a_range_is_reached_at_its_near_end() {
    let range =
        |better| Figure { base_value_max: Some(dec("20")), better, ..target("t", 2020, Comparator::Range, "10") };
    // Higher is better: 10–20 is reached from 10 on.
    let p = only(&[range(Better::Higher), actual("a", 2020, "12")]);
    assert_eq!((p.status, p.gap, p.achieved), (ProgressStatus::Met, Some(dec("-2")), Some(1.2)));
    assert_eq!(p.why, "met — 12 of 10–20 个 (120%) as of 2020-12-31, the deadline");
    // Lower is better: 10–20 is reached at 20 or less; 25 is 5 too many.
    let p = only(&[range(Better::Lower), actual("a", 2020, "25")]);
    assert_eq!((p.status, p.gap, p.achieved), (ProgressStatus::Missed, Some(dec("-5")), Some(1.25)));
}

#[test]
fn compare_notes_mixed_metrics_and_names_at_most_four_rows() {
    let ids = ["a", "b", "c", "d", "e", "f"];
    let mut records: Vec<Figure<'static>> =
        ids.iter().map(|id| Figure { scope: Some("港区"), ..actual(id, 2020, "1") }).collect();
    records.push(Figure { metric: "n", ..actual("g", 2020, "1") });
    let c = compare(&records);
    assert_eq!(
        c.notes,
        [
            "rows come from 2 metrics: m (a, b, c, d and 2 more), n (g); compare one metric at a time",
            "rows cover different scopes: the whole city (g), 港区 (a, b, c, d and 2 more); figures of different scopes \
             are not comparable",
        ]
    );
}

#[test]
fn short_labels_and_the_targets_an_actual_counts_toward() {
    assert_eq!(on_a_path("12000").label(), "behind 60%");
    assert_eq!(on_a_path("14000").label(), "on-track 70%");
    let t = target("t", 2020, Comparator::AtLeast, "3000");
    let early = Figure { as_of: Some(day("2020-05-28")), ..actual("early", 2020, "1202") };
    assert_eq!(only(&[t.clone(), early]).label(), "40%");
    assert_eq!(only(&[t.clone(), actual("a", 2020, "3200")]).label(), "met");
    assert_eq!(only(&[t.clone(), actual("a", 2020, "2500")]).label(), "missed 83%");
    assert_eq!(only(&[t]).label(), "no-data");

    // a2020 starts t's path; a2021 decides both t and u; a2019 counts toward neither.
    let t = Figure { doc_year: 2020, ..target("t", 2022, Comparator::MoreThan, "20000") };
    let u = target("u", 2021, Comparator::AtLeast, "10000");
    let records = [t, u, actual("a2019", 2019, "1000"), actual("a2020", 2020, "6000"), actual("a2021", 2021, "12000")];
    let results = progress(&records);
    assert_eq!(counts_toward("a2021", &results), ["t", "u"]);
    assert_eq!(counts_toward("a2020", &results), ["t"]);
    assert_eq!(counts_toward("a2019", &results), Vec::<&str>::new());
}
