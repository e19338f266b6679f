//! `zhibiao check` on deliberately broken datasets: each fixture under tests/fixtures/broken/ has one fault,
//! and each test asserts the exit code, the `path:line:col` and the message a curator would see.
//! (tests/fixtures/make_fixtures.py regenerates the fixtures from one valid base.)

mod common;

use std::path::Path;
use std::process::Command;

use sha2::Digest;

use common::fixture;

/// Runs `zhibiao check --data DIR` and returns (exit code, stdout + stderr).
fn check(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zhibiao")).arg("check").arg("--data").arg(dir).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// Asserts that checking broken fixture `name` exits 1 and reports every line of `expected` (each matched
/// as a substring, so the fixture's absolute path prefix does not matter).
fn assert_reports(name: &str, expected: &[&str]) -> String {
    let (code, text) = check(&fixture("broken").join(name));
    assert_eq!(code, 1, "{name}: expected exit 1\n{text}");
    for e in expected {
        assert!(text.contains(e), "{name}: expected\n  {e}\nin\n{text}");
    }
    text
}

#[test]
fn the_base_fixture_is_valid() {
    let (code, text) = check(&fixture("base"));
    assert_eq!(code, 0, "{text}");
    assert!(text.starts_with("ok: 5 indicators and 1 ignored passage in 1 document verified"), "{text}");
}

#[test]
fn yaml_syntax_errors_are_located_with_a_hint() {
    assert_reports(
        "yaml-unclosed-quote",
        &[
            "data/indicators/test-plan.yaml:33:11: error: unclosed quote: the value of `unit` opens with \" here and \
             is not closed on its line",
            "next: line 34 starts a new field: year: 2025",
            "hint: close the quote (\"%\") or remove it",
        ],
    );
    assert_reports(
        "yaml-tab",
        &[
            "data/indicators/test-plan.yaml:22:1: error: found a tab character that violates indentation",
            "hint: YAML indentation must use spaces, not tabs",
        ],
    );
    assert_reports(
        "yaml-bad-indent",
        &["data/indicators/test-plan.yaml:21:12: error: indicators[1].value: `4000 unit` is not a decimal number"],
    );
}

#[test]
fn wrong_types_name_the_field_and_its_position() {
    assert_reports(
        "wrong-type-year",
        &[
            "data/indicators/test-plan.yaml:56:11: error: indicators[4].year: invalid type: string \"2025年\", expected i32",
            "hint: write the year as a plain number, e.g. 2025",
        ],
    );
    assert_reports(
        "wrong-type-value",
        &["data/indicators/test-plan.yaml:21:12: error: indicators[1].value: `四千` is not a decimal number"],
    );
}

#[test]
fn unknown_fields_suggest_the_near_miss() {
    assert_reports(
        "unknown-field",
        &[
            "data/indicators/test-plan.yaml:24:5: error: indicators[1]: unknown field `quot`",
            "hint: did you mean `quote`?",
        ],
    );
}

#[test]
fn missing_fields_point_at_their_entry() {
    assert_reports(
        "missing-field",
        &["data/indicators/test-plan.yaml:14:5: error: indicators[1]: missing field `metric`"],
    );
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    assert_reports(
        "duplicate-id",
        &[
            "data/indicators/test-plan.yaml:3:5: error: duplicate indicator id `t-5g`",
            "first: ",
            "data/indicators/more.yaml:3",
        ],
    );
}

#[test]
fn unknown_references_are_errors_with_suggestions() {
    assert_reports(
        "unknown-document",
        &["data/indicators/test-plan.yaml:1:1: error: unknown document `test-plna`", "hint: did you mean `test-plan`?"],
    );
    assert_reports(
        "unknown-city",
        &["data/documents.yaml:3:3: error: unknown city `suzhou`", "hint: did you mean `xuzhou`?"],
    );
    let text = assert_reports(
        "unknown-theme",
        &["data/metrics.yaml:12:3: error: unknown theme `transportation`", "hint: did you mean `transport`?"],
    );
    assert!(text.contains("1 error,"), "the metric's records are not blamed for its theme:\n{text}");
    assert_reports(
        "unknown-metric",
        &[
            "data/indicators/test-plan.yaml:26:5: error: unknown metric `green_travel_shares`",
            "hint: did you mean `green_travel_share`?",
        ],
    );
}

#[test]
fn sources_must_exist_stay_inside_the_root_and_be_utf8() {
    assert_reports(
        "missing-source",
        &["data/documents.yaml:2:3: error: cannot read source `seeds/plan-2020.txt`: no such file"],
    );
    assert_reports(
        "source-escapes-root",
        &["data/documents.yaml:2:3: error: source `../../etc/passwd` is refused: the source path must stay inside the dataset root"],
    );
    assert_reports(
        "source-absolute",
        &["data/documents.yaml:2:3: error: source `/etc/passwd` is refused: the source path must be relative to the dataset root"],
    );
    assert_reports(
        "source-not-utf8",
        &["data/documents.yaml:2:3: error: source `seeds/plan.txt` is not valid UTF-8 at byte offset 30"],
    );
    assert_reports("source-is-a-directory", &["data/documents.yaml:2:3: error: cannot read source `seeds`"]);
}

#[test]
fn a_bom_and_crlf_line_ends_are_accepted() {
    let (code, text) = check(&fixture("broken/source-bom-crlf"));
    assert_eq!(code, 0, "{text}");
}

#[test]
fn a_quote_not_in_the_source_shows_the_closest_paragraph_and_the_difference() {
    assert_reports(
        "quote-not-found",
        &[
            "data/indicators/test-plan.yaml:35:5: error: quote not found in document test-plan",
            "quote: 绿色出行比例提高到75%,城市公交",
            "closest: paragraph 4: 到2025年,绿色出行比例提高到75%以上,城市公交",
            "hint: the source has \"75%以上,城\" where the quote has \"75%,城\"",
        ],
    );
}

#[test]
fn a_quote_differing_only_in_punctuation_width_names_the_characters() {
    assert_reports(
        "quote-punctuation",
        &[
            "data/indicators/test-plan.yaml:35:5: error: quote not found in document test-plan",
            "the quote matches only if punctuation width and spacing are ignored",
            "',' (U+002C) where the quote has '，' (U+FF0C)",
        ],
    );
}

#[test]
fn a_quote_found_twice_needs_a_paragraph() {
    assert_reports(
        "quote-ambiguous",
        &[
            "data/indicators/test-plan.yaml:13:5: error: quote occurs more than once in document test-plan (paragraphs 3, 6)",
            "hint: lengthen the quote until it is unique, or add `paragraph: N`",
        ],
    );
}

#[test]
fn the_number_in_the_record_must_be_the_number_in_the_quote() {
    assert_reports(
        "value-mismatch",
        &[
            "data/indicators/test-plan.yaml:21:5: error: value 400 is not a figure of the quote",
            "found: 4000 个 (equal)",
        ],
    );
    assert_reports(
        "unit-mismatch",
        &[
            "data/indicators/test-plan.yaml:11:5: error: unit `座` does not match the quote, which has `万座`",
            "hint: write the unit as the source does",
        ],
    );
    assert_reports(
        "comparator-mismatch",
        &["data/indicators/test-plan.yaml:31:5: error: comparator `equal` does not match the quote's wording, which reads as `at-least`"],
    );
}

#[test]
fn a_record_agrees_with_its_metric_in_the_registry() {
    assert_reports(
        "unit-not-the-metric-s",
        &[
            "data/indicators/test-plan.yaml:44:5: error: unit `%` does not convert to `个`, the unit of metric `ev_charging_points`",
            "hint: records of a metric normalise to its unit",
        ],
    );
    assert_reports(
        "theme-not-the-metric-s",
        &[
            "data/indicators/test-plan.yaml:18:5: error: theme `energy-emissions` differs from `transport`, the theme of metric `ev_charging_points`",
            "hint: the theme belongs to the metric: remove `theme:` from the record",
        ],
    );
}

#[test]
fn each_measure_has_its_own_demands() {
    assert_reports(
        "change-without-baseline",
        &[
            "data/indicators/test-plan.yaml:31:5: error: metric `green_travel_share` is a change, but this record says neither what it changes from nor which way",
            "hint: give `baseline_year`",
        ],
    );
    assert_reports(
        "rank-not-in-places",
        &["data/indicators/test-plan.yaml:22:5: error: metric `ev_charging_points` is a rank, but the unit is `个`"],
    );
    assert_reports(
        "period-not-ending-in-year",
        &[
            "data/indicators/test-plan.yaml:13:5: error: period `2020-2021` does not end in the record's year 2022",
            "hint: a flow is counted in the last year it covers",
        ],
    );
    assert_reports(
        "period-on-a-stock",
        &[
            "data/indicators/test-plan.yaml:24:5: error: metric `ev_charging_points` is a stock, which stands at a moment and covers no period",
            "hint: use `as_of` for when a stock was measured",
        ],
    );
    assert_reports(
        "as-of-outside-year",
        &["data/indicators/test-plan.yaml:24:5: error: as_of `2021-03` is not in the record's year 2022"],
    );
}

#[test]
fn a_baseline_value_is_checked_against_the_quote_like_the_value() {
    assert_reports(
        "baseline-value-not-in-quote",
        &[
            "data/indicators/test-plan.yaml:58:5: error: baseline value 20 is not a figure of the quote",
            "found: 15 % (decrease)",
        ],
    );
}

#[test]
fn links_resolve_like_for_like_and_never_circle() {
    assert_reports(
        "link-unresolved",
        &[
            "data/indicators/test-plan.yaml:69:5: error: `restates` names `t-5gg`, which is no indicator's id",
            "hint: did you mean `t-5g`?",
        ],
    );
    assert_reports(
        "link-across-metrics",
        &["data/indicators/test-plan.yaml:69:5: error: `supersedes: t-charging` links across metrics: `5g_base_stations_new` here, `ev_charging_points` there"],
    );
    assert_reports(
        "link-across-kinds",
        &["data/indicators/test-plan.yaml:68:5: error: `restates: t-5g` links across kinds: `actual` here, `target` there"],
    );
    assert_reports(
        "link-across-cities",
        &["data/indicators/other-plan.yaml:12:5: error: `supersedes: t-5g` links across cities"],
    );
    let text = assert_reports(
        "link-cycle",
        &["data/indicators/test-plan.yaml:81:5: error: links form a cycle: t-5g-a → t-5g-b → t-5g-a"],
    );
    assert!(text.contains("1 error,"), "one cycle is one error:\n{text}");
}

#[test]
fn a_stretch_figure_goes_beyond_its_firm_one() {
    assert_reports(
        "stretch-not-beyond",
        &["data/indicators/test-plan.yaml:65:5: error: stretch figure 10000 个 is not above its firm figure 10000 个 (t-5g), and metric `5g_base_stations_new` is better higher"],
    );
}

#[test]
fn two_firm_targets_for_one_metric_city_scope_and_year_need_a_link() {
    assert_reports(
        "duplicate-firm-targets",
        &[
            "data/indicators/test-plan.yaml:60:5: error: a second firm target of `5g_base_stations_new` for the same city, scope and year as `t-5g`",
            "hint: say how they relate: `supersedes: t-5g`",
        ],
    );
}

#[test]
fn a_source_whose_bytes_changed_since_curation_is_reported() {
    assert_reports(
        "source-changed",
        &[
            "data/documents.yaml:10:3: error: source `seeds/plan.txt` changed since it was curated",
            "now: sha256:8d5412ac690dab2b7485f02e83ea033340d2a7b47f39d0b870fe510a0c6a9f60",
            "hint: re-verify the records of document test-plan against the new text",
        ],
    );
}

#[test]
fn an_empty_dataset_is_an_error() {
    assert_reports("empty-dataset", &["data/indicators:1:1: error: the dataset has no indicators"]);
}

#[test]
fn hostile_yaml_is_refused_quickly() {
    let start = std::time::Instant::now();
    assert_reports(
        "billion-laughs",
        &["data/indicators/test-plan.yaml:2:4: error: YAML anchors are not allowed in a dataset"],
    );
    // 5,000 levels of `[`: refused by the pre-scan at the 65th, before the parser sees it.
    assert_reports(
        "deeply-nested",
        &["data/indicators/test-plan.yaml:2:77: error: YAML nested more than 64 levels deep"],
    );
    // Not a benchmark: a generous bound that only an unbounded expansion would exceed.
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn nesting_50_000_and_200_000_deep_is_refused_in_linear_time() {
    for depth in [50_000, 200_000] {
        let dir = common::scratch_copy("base", &format!("nested-{depth}"));
        let yaml = format!("document: test-plan\nindicators: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        std::fs::write(dir.join("data/indicators/test-plan.yaml"), yaml).unwrap();
        let start = std::time::Instant::now();
        let (code, text) = check(&dir);
        let took = start.elapsed();
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("test-plan.yaml:2:77: error: YAML nested more than 64 levels deep"), "{text}");
        // The parser took 6.7 s at 50,000 and over 20 s at 200,000; the scan is linear (milliseconds).
        assert!(took.as_secs_f64() < 3.0, "{depth} levels took {took:?}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn a_source_that_is_a_named_pipe_is_refused_without_blocking() {
    let dir = common::scratch_copy("base", "fifo");
    let plan = dir.join("seeds/plan.txt");
    std::fs::remove_file(&plan).unwrap();
    match Command::new("mkfifo").arg(&plan).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("SKIPPED: mkfifo is not available");
            return;
        }
    }
    // Run check in a thread so that a regression fails the test instead of hanging it.
    let (tx, rx) = std::sync::mpsc::channel();
    let d = dir.clone();
    std::thread::spawn(move || tx.send(check(&d)).unwrap());
    let (code, text) = match rx.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(r) => r,
        Err(_) => {
            // Unblock the child (it is waiting for a writer) before failing.
            let _ = std::fs::OpenOptions::new().write(true).open(&plan);
            panic!("check blocked on a named pipe");
        }
    };
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("data/documents.yaml:2:3: error: cannot read source `seeds/plan.txt`: not a regular file"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_problem_is_reported_in_one_run() {
    // Copy the base and break two files in two different ways.
    let dir = common::scratch_copy("base", "many");
    let ind = dir.join("data/indicators/test-plan.yaml");
    let text = std::fs::read_to_string(&ind).unwrap();
    let text =
        text.replace("theme: transport\n", "theme: transportation\n").replace("    value: 4000\n", "    value: 4001\n");
    std::fs::write(&ind, text).unwrap();
    let docs = dir.join("data/documents.yaml");
    std::fs::write(&docs, std::fs::read_to_string(&docs).unwrap().replace("date: 2020-06-01", "date: 2020-6-1"))
        .unwrap();
    let (code, text) = check(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1);
    assert!(text.contains("error: date `2020-6-1` is not YYYY, YYYY-MM or YYYY-MM-DD"), "{text}");
    assert_eq!(text.matches("theme `transportation` differs from `transport`").count(), 3, "{text}");
    assert!(text.contains("value 4001 is not a figure of the quote"), "{text}");
    assert!(text.contains("5 errors, 0 warnings"), "{text}");
}

#[test]
fn a_missing_dataset_root_is_a_usage_error() {
    let (code, text) = check(Path::new("/nonexistent/zhibiao-dataset"));
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("/nonexistent/zhibiao-dataset: no such directory"), "{text}");
    let (code, text) = check(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path());
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a dataset root (it has no data/ folder)"), "{text}");
}

#[test]
fn a_new_city_using_the_new_fields_is_added_as_data_only() {
    let dir = common::scratch_copy("base", "new-city");
    let append = |rel: &str, text: &str| {
        let path = dir.join(rel);
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::write(&path, old + text).expect("write");
    };
    let seed =
        "苏州市5G建设情况\n截至2020年5月,全市已建成5G基站1202个,力争年底建成3000个以上。\n工业园区新建5G基站500个。\n";
    std::fs::write(dir.join("seeds/suzhou.txt"), seed).expect("write seed");
    let hash: String = sha2::Sha256::digest(seed.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    append(
        "data/cities.yaml",
        "- id: suzhou\n  name: 苏州\n  name_en: Suzhou\n  province: 江苏\n  province_en: Jiangsu\n",
    );
    append(
        "data/documents.yaml",
        &format!(
            "- id: suzhou-5g\n  source: seeds/suzhou.txt\n  city: suzhou\n  title: 苏州市5G建设情况\n  title_en: 5G in Suzhou\n  issuer: 苏州市\n  issuer_en: Suzhou\n  date: 2020-06-01\n  kind: news-report\n  sha256: \"sha256:{hash}\"\n"
        ),
    );
    append(
        "data/metrics.yaml",
        "- id: 5g_base_stations\n  name: 5G基站(累计)\n  name_en: 5G base stations in service\n  theme: digital-infrastructure\n  measure: stock\n  unit: 个\n  aliases: [座]\n  better: higher\n",
    );
    std::fs::write(
        dir.join("data/indicators/suzhou-5g.yaml"),
        "document: suzhou-5g\nindicators:\n  - id: sz-5g\n    metric: 5g_base_stations\n    name: 已建成5G基站\n    name_en: 5G base stations built\n    kind: actual\n    comparator: equal\n    value: 1202\n    unit: 个\n    year: 2020\n    as_of: \"2020-05\"\n    quote: 全市已建成5G基站1202个\n  - id: sz-5g-target\n    metric: 5g_base_stations\n    name: 建成5G基站\n    name_en: 5G base stations built\n    kind: target\n    comparator: at-least\n    value: 3000\n    unit: 个\n    year: 2020\n    status: stretch\n    quote: 力争年底建成3000个以上\n  - id: sz-park-5g-new\n    metric: 5g_base_stations_new\n    name: 工业园区新建5G基站\n    name_en: New 5G base stations in the industrial park\n    kind: target\n    comparator: equal\n    value: 500\n    unit: 个\n    year: 2020\n    period: \"2020\"\n    scope: 工业园区\n    quote: 工业园区新建5G基站500个\n",
    )
    .expect("write indicators");
    let (code, text) = check(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .args(["list", "--format", "json", "--city", "suzhou", "--data"])
        .arg(&dir)
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 0, "{text}");
    assert!(text.starts_with("ok: 8 indicators"), "{text}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let park = rows.as_array().expect("array").iter().find(|r| r["id"] == "sz-park-5g-new").expect("park record");
    assert_eq!(
        (&park["scope"], &park["period"], &park["measure"]),
        (&"工业园区".into(), &"2020".into(), &"flow".into())
    );
}

/// A draft cannot pass unread: every `TODO` left in a field is an error at the TODO itself, in any file, and it
/// stands alone (no "unknown metric `TODO`", no wrong type for `year: TODO` on the same line).
#[test]
fn every_todo_left_by_a_draft_is_an_error_at_its_line_and_column() {
    let text = assert_reports(
        "todo-left",
        &[
            "data/indicators/draft.yaml:11:11: error: still TODO: `year` was left to fill in",
            "data/indicators/test-plan.yaml:26:13: error: still TODO: `metric` was left to fill in\n  draft: nearest: green_travel_share",
            "data/indicators/test-plan.yaml:28:15: error: still TODO: `name_en` was left to fill in",
        ],
    );
    assert!(text.contains("3 errors, 0 warnings"), "only the TODOs are reported:\n{text}");
}
