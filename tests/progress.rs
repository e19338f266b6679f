//! `zhibiao progress` and `zhibiao compare` as a user runs them (the built binary), and the library's per-indicator
//! index, on the bundled data and on `tests/fixtures/tracking` (two cities, a stock metric, a district scope, a
//! stretch target). Expected figures are worked out by hand from the rules in the README.

mod common;

use common::{stderr, stdout, zhibiao};

use std::process::Output;

use serde_json::{json, Value};
use zhibiao_core::progress::{Index, ProgressStatus};
use zhibiao_core::Root;

fn tracking() -> String {
    common::fixture("tracking").display().to_string()
}

fn json_of(o: &Output) -> Vec<Value> {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

#[test]
fn shenyangs_5g_target_is_in_progress_at_1202_of_3000() {
    let rows = json_of(&zhibiao(&["progress", "--city", "沈阳", "--metric", "5g_base_stations", "--format", "json"]));
    // 力争建成5G基站3000个以上 by 2020, against 已建成并开通5G基站1202个 in the reply of 2020-05-28:
    // 1202 / 3000 = 0.40066…, 3000 − 1202 = 1798, and no earlier figure in 2020 to draw a path from.
    let expected = json!([{
        "target": "sy2020-5g-stations-target",
        "city": "沈阳",
        "metric": "5g_base_stations",
        "year": 2020,
        "status": "in-progress",
        "actual": "sy2020-5g-stations",
        "achieved": 0.4007,
        "gap": 1798,
        "why": "in-progress (stretch target) — 1202 of ≥3000 个 (40%) as of 2020-05-28; no earlier figure to judge \
                the pace",
        "city_id": "shenyang",
    }]);
    assert_eq!(Value::Array(rows), expected);
}

#[test]
fn progress_json_has_exactly_the_contract_keys_in_order_on_every_target() {
    let out = zhibiao(&["progress", "--format", "json"]);
    let rows = json_of(&out);
    let listed = json_of(&zhibiao(&["list", "--kind", "target", "--format", "json"]));
    // Every bundled target is tracked: none is superseded or a restatement.
    assert_eq!(rows.len(), listed.len());
    // serde_json's map sorts keys, so the order as written is read from the text: one `    "key": ` per line.
    let text = stdout(&out);
    let objects: Vec<Vec<&str>> = text
        .split("\n  }")
        .filter(|o| o.contains('"'))
        .map(|o| o.lines().filter_map(|l| l.strip_prefix("    \"")?.split_once("\": ").map(|(k, _)| k)).collect())
        .collect();
    assert_eq!(objects.len(), rows.len());
    for keys in objects {
        assert_eq!(keys, ["target", "city", "metric", "year", "status", "actual", "achieved", "gap", "why", "city_id"]);
    }
}

#[test]
fn progress_names_each_target_s_city_as_list_does() {
    // `city` means one thing in every command's output: the Chinese name `list` shows; `city_id` is the id.
    let progress = json_of(&zhibiao(&["progress", "--format", "json"]));
    let listed = json_of(&zhibiao(&["list", "--kind", "target", "--format", "json"]));
    assert!(!progress.is_empty());
    for row in &progress {
        let record = listed.iter().find(|r| r["id"] == row["target"]).expect("every tracked target is listed");
        assert_eq!(row["city"], record["city"], "{row}");
        assert_eq!(row["city_id"], record["city_id"], "{row}");
    }
    assert!(progress.iter().any(|r| r["city"] == "沈阳" && r["city_id"] == "shenyang"));
}

#[test]
fn progress_csv_has_the_header_and_one_line_per_target() {
    let out = zhibiao(&["progress", "--data", &tracking(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().map(|h| h.iter().map(str::to_string).collect()).unwrap_or_default();
    assert_eq!(header, ["target", "city", "metric", "year", "status", "actual", "achieved", "gap", "why", "city_id"]);
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    let firsts: Vec<(&str, &str, &str)> = rows.iter().map(|r| (&r[0], &r[4], &r[6])).collect();
    assert_eq!(firsts, [("sy-charging-target", "in-progress", "0.3333"), ("xz-charging-target", "behind", "0.625")]);
}

#[test]
fn a_target_behind_its_straight_path_says_where_the_path_stands() {
    let rows = json_of(&zhibiao(&["progress", "--data", &tracking(), "--city", "xuzhou", "--format", "json"]));
    // ≥4000 by the end of 2022, from 1500 as of 2020-05-31 (the earliest figure within the plan's years) to 2500
    // at the end of 2021: 579 of 944 days along, the path stands at 1500 + 2500 × 579 / 944 = 3033.37 > 2500.
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "behind");
    assert_eq!(rows[0]["actual"], "xz-charging-2021");
    assert_eq!(rows[0]["achieved"], 0.625);
    assert_eq!(rows[0]["gap"], 1500);
    assert_eq!(
        rows[0]["why"],
        "behind — 2500 of ≥4000 个 (62%) as of 2021-12-31; the straight path from 1500 (2020-05-31) to 4000 \
         (2022-12-31) stands at 3033.37 on that date"
    );
}

#[test]
fn progress_filters_by_status_and_rejects_unknown_names_with_the_nearest() {
    let rows = json_of(&zhibiao(&["progress", "--data", &tracking(), "--status", "behind,met", "--format", "json"]));
    let targets: Vec<&Value> = rows.iter().map(|r| &r["target"]).collect();
    assert_eq!(targets, ["xz-charging-target"]);

    let out = zhibiao(&["progress", "--status", "behnd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown status `behnd`; nearest: behind"), "{}", stderr(&out));
    let out = zhibiao(&["progress", "--metric", "5g_base_station"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown metric `5g_base_station`; nearest: 5g_base_stations"), "{}", stderr(&out));
    let out = zhibiao(&["progress", "--city", "beijing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown city `beijing`"), "{}", stderr(&out));
}

#[test]
fn progress_table_shows_the_why_whole_and_counts_the_rows() {
    let out = zhibiao(&["progress", "--data", &tracking(), "--city", "shenyang"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].starts_with("sy-charging-target  沈阳  2023  in-progress (stretch)  33%"), "{text}");
    assert!(lines[1].ends_with("4000 个  2000 of 6000 个 (33%) as of 2020-12-31; no earlier figure to judge the pace"));
    assert_eq!(lines[2], "1 of 2 tracked targets");
}

#[test]
fn compare_orders_by_city_then_year_in_the_metric_unit_with_notes() {
    let out = zhibiao(&["compare", "charging_points", "--data", &tracking(), "--format", "json"]);
    let rows = json_of(&out);
    let order: Vec<(&str, i64)> =
        rows.iter().map(|r| (r["id"].as_str().unwrap_or(""), r["year"].as_i64().unwrap_or(0))).collect();
    // The file order is Xuzhou first; compare puts Shenyang first, then each city's years in order.
    assert_eq!(
        order,
        [
            ("sy-charging-2020", 2020),
            ("sy-hunnan-charging-2020", 2020),
            ("sy-charging-target", 2023),
            ("xz-charging-2020", 2020),
            ("xz-charging-2021", 2021),
            ("xz-charging-target", 2022),
        ]
    );
    // The keys of `list`, in its order.
    let listed = json_of(&zhibiao(&["list", "--data", &tracking(), "--format", "json"]));
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(keys(&rows[0]), keys(&listed[0]));
    // With JSON on stdout, the notes go to stderr: a district figure and a stretch target among the rows.
    let notes = stderr(&out);
    let notes: Vec<&str> = notes.lines().collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("note: rows cover different scopes: the whole city (sy-charging-2020, "));
    assert!(notes[0].contains("浑南区 (sy-hunnan-charging-2020); figures of different scopes are not comparable"));
    assert!(notes[1].starts_with("note: rows mix firm and stretch figures: "), "{}", notes[1]);
    assert!(notes[1].contains("stretch (sy-charging-target)"), "{}", notes[1]);
}

#[test]
fn compare_table_gives_values_in_the_metric_unit_and_the_notes_below() {
    // Xuzhou's 新建5G基站1万座: 1万 applied and 座 counted as the metric's 个.
    let out = zhibiao(&["compare", "5g_base_stations_new"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().any(|l| l.starts_with("xz2020-5g-new") && l.contains("10000 个")), "{text}");
    assert!(text.contains("1 record of 5g_base_stations_new in 个"), "{text}");
    let out = zhibiao(&["compare", "5g_base_stations"]);
    let text = stdout(&out);
    assert!(text.contains("note: rows mix firm and stretch figures"), "{text}");
}

#[test]
fn compare_of_an_unknown_metric_is_a_usage_error_naming_the_nearest() {
    let out = zhibiao(&["compare", "5g_base_station"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("unknown metric `5g_base_station`; nearest: 5g_base_stations, 5g_base_stations_new"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_index_answers_per_indicator_what_a_target_stands_at_and_what_an_actual_counts_toward() {
    let ds = zhibiao_core::load(&Root::dir(common::fixture("tracking")).expect("fixture root")).expect("fixture loads");
    let index = Index::new(&ds);
    let at = |id: &str| ds.find_indicator(id).unwrap_or_else(|| panic!("no indicator {id}"));
    assert_eq!(index.all().len(), 2);
    let xz = index.target(at("xz-charging-target")).expect("tracked");
    assert_eq!(
        (xz.status, xz.actual, xz.label().as_str()),
        (ProgressStatus::Behind, Some(at("xz-charging-2021")), "behind 62%")
    );
    // The 2021 figure decides; the 2020 one starts the straight path; Shenyang's district figure counts for nothing.
    assert_eq!(index.counts_toward(at("xz-charging-2021")), [at("xz-charging-target")]);
    assert_eq!(index.counts_toward(at("xz-charging-2020")), [at("xz-charging-target")]);
    assert_eq!(index.counts_toward(at("sy-charging-2020")), [at("sy-charging-target")]);
    assert!(index.counts_toward(at("sy-hunnan-charging-2020")).is_empty());
    assert!(index.target(at("xz-charging-2021")).is_none(), "an actual is not a tracked target");
    // The same answer as judging one target from scratch.
    let one = zhibiao_core::progress::for_target(&ds, at("sy-charging-target")).expect("tracked");
    let indexed = index.target(at("sy-charging-target")).expect("tracked");
    let why = index.why(&ds, at("sy-charging-target")).expect("a why");
    assert_eq!((one.status, one.achieved, one.why.as_str()), (indexed.status, indexed.achieved, why.as_str()));
}
