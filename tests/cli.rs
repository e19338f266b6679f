//! The command line as a user runs it: the built binary as a process, on the bundled dataset and on fixtures.

mod common;

use common::{stderr, stdout, zhibiao};

use std::process::Command;

fn base() -> String {
    common::fixture("base").display().to_string()
}

#[test]
fn the_bundled_dataset_verifies_from_any_folder() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_zhibiao")).arg("check").current_dir(std::env::temp_dir()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("ok: "), "{}", stdout(&out));
}

/// Every key of a `list --format json|csv` record, in order: the published contract (written out here, not
/// taken from the code).
const CONTRACT_KEYS: [&str; 35] = [
    "id",
    "doc",
    "source",
    "city",
    "city_en",
    "theme",
    "theme_en",
    "metric",
    "measure",
    "better",
    "name",
    "name_en",
    "kind",
    "status",
    "comparator",
    "value",
    "value_max",
    "unit",
    "base_value",
    "base_value_max",
    "base_unit",
    "year",
    "period",
    "as_of",
    "baseline_year",
    "baseline_value",
    "scope",
    "reference",
    "stretch_of",
    "supersedes",
    "restates",
    "paragraph",
    "quote",
    "note",
    "city_id",
];

#[test]
fn list_json_has_every_contract_key_in_order_on_every_record() {
    let out = zhibiao(&["list", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 100);
    for row in rows {
        let keys: Vec<&str> = row.as_object().expect("an object").keys().map(String::as_str).collect();
        let mut sorted_contract = CONTRACT_KEYS.to_vec();
        sorted_contract.sort_unstable();
        assert_eq!(keys, sorted_contract, "keys of {row}");
    }
    // serde_json's map sorts keys; the order as written is checked on the raw text of the first record.
    let first = text.split("\n  },").next().expect("a first record");
    let positions: Vec<usize> =
        CONTRACT_KEYS.iter().map(|k| first.find(&format!("\n    \"{k}\": ")).expect(k)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "keys out of order in\n{first}");
    // Absent values are null, not missing; the new fields carry the curation.
    let sy_5g = rows.iter().find(|r| r["id"] == "sy2020-5g-stations").expect("sy2020-5g-stations");
    assert_eq!(sy_5g["measure"], "stock");
    assert_eq!(sy_5g["as_of"], "2020-05-28");
    assert!(sy_5g["scope"].is_null() && sy_5g["stretch_of"].is_null());
    let xz_5g = rows.iter().find(|r| r["id"] == "xz2020-5g-new").expect("xz2020-5g-new");
    assert_eq!(
        (&xz_5g["metric"], &xz_5g["measure"], &xz_5g["period"]),
        (&"5g_base_stations_new".into(), &"flow".into(), &"2020-2022".into())
    );
    let stretch = rows.iter().find(|r| r["id"] == "sy2022-next-gen-it-revenue-2025-stretch").expect("stretch");
    assert_eq!(
        (&stretch["status"], &stretch["stretch_of"]),
        (&"stretch".into(), &"sy2022-next-gen-it-revenue-2025".into())
    );
}

#[test]
fn list_csv_has_the_contract_header_and_one_line_per_record() {
    let out = zhibiao(&["list", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(CONTRACT_KEYS.join(",").as_str()));
    let out = zhibiao(&["list", "--format", "csv", "--metric", "5g_base_stations_new"]);
    let text = stdout(&out);
    let record: Vec<&str> = text.lines().nth(1).expect("one record").split(',').collect();
    let field = |k: &str| record[CONTRACT_KEYS.iter().position(|c| *c == k).expect(k)];
    assert_eq!(
        (field("id"), field("measure"), field("period"), field("scope")),
        ("xz2020-5g-new", "flow", "2020-2022", "")
    );
    assert_eq!(text.lines().count(), 2, "{text}");
}

#[test]
fn metrics_lists_the_registry_with_counts() {
    let out = zhibiao(&["metrics", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().next(), Some("id,name,name_en,theme,measure,unit,better,records,cities"));
    assert!(
        text.contains(
            "\n5g_base_stations,5G基站(累计),5G base stations in service,digital-infrastructure,stock,个,higher,2,1\n"
        ),
        "{text}"
    );
    assert!(text.contains("\n5g_base_stations_new,新建5G基站,5G base stations newly built,digital-infrastructure,flow,个,higher,1,1\n"), "{text}");
    let out = zhibiao(&["metrics", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let total: u64 = rows.as_array().expect("array").iter().map(|r| r["records"].as_u64().expect("count")).sum();
    assert_eq!(total, 100);
}

#[test]
fn list_json_carries_exact_normalised_values() {
    let out = zhibiao(&["list", "--data", &base(), "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let five_g = rows.as_array().unwrap().iter().find(|r| r["id"] == "t-5g").unwrap();
    assert_eq!(five_g["value"], 1);
    assert_eq!(five_g["unit"], "万座");
    assert_eq!(five_g["base_value"], 10000);
    // 座 is an alias of the metric's unit 个: the normalised value is in the metric's unit.
    assert_eq!(five_g["base_unit"], "个");
    assert_eq!(five_g["source"], "plan.txt");
    assert_eq!(five_g["paragraph"], 3);
    assert_eq!(five_g["city"], "徐州");
    assert_eq!(five_g["city_en"], "Xuzhou");
    let energy = rows.as_array().unwrap().iter().find(|r| r["id"] == "t-energy-intensity").unwrap();
    assert_eq!(energy["comparator"], "decrease");
    assert_eq!(energy["baseline_year"], 2020);
    assert_eq!(energy["base_unit"], "%");
}

#[test]
fn list_filters_accept_ids_and_names_in_both_languages() {
    for city in ["xuzhou", "徐州", "Xuzhou", "徐州市"] {
        let out = zhibiao(&["list", "--city", city, "--format", "csv"]);
        assert_eq!(out.status.code(), Some(0), "{city}: {}", stderr(&out));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 2, "{city}: {text}");
        assert!(lines[1..].iter().all(|l| l.contains(",徐州,Xuzhou,")), "{city}: {text}");
    }
    let out = zhibiao(&["list", "--data", &base(), "--theme", "交通", "--kind", "target", "--format", "csv"]);
    assert_eq!(stdout(&out).lines().count(), 1 + 3, "{}", stdout(&out));
    let out = zhibiao(&["list", "--data", &base(), "--grep", "5g|充电桩", "--format", "csv"]);
    assert_eq!(stdout(&out).lines().count(), 1 + 2, "{}", stdout(&out));
}

#[test]
fn list_table_aligns_chinese_text_by_display_width() {
    let out = zhibiao(&["list", "--data", &base()]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("t-")).collect();
    assert_eq!(lines.len(), 5, "{text}");
    // The year column starts at the same display column on every row, whatever the width of the names.
    let year_col = |l: &str| {
        let at = l.find("  2022").or_else(|| l.find("  2025")).expect("a year");
        unicode_width::UnicodeWidthStr::width(&l[..at])
    };
    let first = year_col(lines[0]);
    assert!(lines.iter().all(|l| year_col(l) == first), "{text}");
    assert!(text.ends_with("5 of 5 indicators\n"), "{text}");
}

#[test]
fn unknown_filter_values_are_usage_errors() {
    let out = zhibiao(&["list", "--city", "atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown city `atlantis`; known: "), "{}", stderr(&out));
    let out = zhibiao(&["list", "--grep", "(unclosed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid --grep pattern"), "{}", stderr(&out));
    let out = zhibiao(&["list", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = zhibiao(&["list", "--metric", "5g_stations"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown metric `5g_stations`; nearest: 5g_base_stations, 5g_base_stations_new"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn show_prints_the_record_and_its_paragraph() {
    let out = zhibiao(&["show", "t-green-travel", "--data", &base()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("value: ≥ 75 %"), "{text}");
    assert!(text.contains("source: seeds/plan.txt ¶4"), "{text}");
    assert!(text.contains("¶4 到2025年,绿色出行比例提高到75%以上,城市公交"), "{text}");
    assert!(text.contains("quote: 绿色出行比例提高到75%以上"), "{text}");
    // Not a terminal: no escape codes.
    assert!(!text.contains('\x1b'), "{text}");
    // An id the user typed that does not exist is a usage error.
    let out = zhibiao(&["show", "t-green-travl", "--data", &base()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `t-green-travel`?"), "{}", stderr(&out));
}

#[test]
fn source_numbers_paragraphs_as_documented() {
    let out = zhibiao(&["source", "test-plan", "--data", &base(), "--para", "2"]);
    assert_eq!(stdout(&out), "2  (徐委办〔2020〕84号)\n");
    let out = zhibiao(&["source", "plan.txt", "--data", &base()]);
    let text = stdout(&out);
    assert!(text.contains("\n6  新建 5G基站 1万座\n"), "{text}");
    let out = zhibiao(&["source", "test-plan", "--data", &base(), "--para", "9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has paragraphs 1 to 6, not 9"));
}

#[test]
fn candidates_on_the_bundled_dataset_are_all_accounted_for() {
    let out = zhibiao(&["candidates"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("0 unaccounted quantities in 5 documents\n"));
}

#[test]
fn candidates_lists_what_is_neither_cited_nor_ignored() {
    // Without its ignored passage the base fixture has one uncited figure: the repeated sentence.
    let dir = common::scratch_copy("base", "cand");
    let ind = dir.join("data/indicators/test-plan.yaml");
    let text = std::fs::read_to_string(&ind).unwrap();
    std::fs::write(&ind, text.split("ignored:").next().unwrap()).unwrap();
    let out = zhibiao(&["candidates", "--data", dir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "seeds/plan.txt:6: 1万座  (1 万座 (equal))  …新建 5G基站 [1万座]…\n1 unaccounted quantity in 1 document\n"
    );
}

#[test]
fn bare_zhibiao_without_a_terminal_points_at_list() {
    let out = zhibiao(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use `zhibiao list`"), "{}", stderr(&out));
}

#[test]
fn help_teaches_the_commands() {
    let out = zhibiao(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for word in ["list", "show", "source", "check", "candidates", "--data", "Examples:"] {
        assert!(text.contains(word), "--help lacks {word}:\n{text}");
    }
}

#[test]
fn read_commands_never_modify_the_dataset() {
    let dir = common::scratch_copy("base", "readonly");
    let snapshot = |dir: &std::path::Path| {
        let mut files = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let meta = std::fs::metadata(&p).unwrap();
                    files.push((p.clone(), std::fs::read(&p).unwrap(), meta.modified().unwrap()));
                }
            }
        }
        files.sort();
        files
    };
    let before = snapshot(&dir);
    let d = dir.to_str().unwrap();
    for args in [
        vec!["check", "--data", d],
        vec!["list", "--data", d, "--format", "json"],
        vec!["show", "t-5g", "--data", d],
        vec!["source", "test-plan", "--data", d],
        vec!["candidates", "--data", d],
        vec!["summary", "--data", d],
    ] {
        let out = zhibiao(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    let after = snapshot(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(before, after, "a read command changed the dataset");
}

#[test]
fn grep_matches_each_record_on_its_own() {
    // Records are scanned in one buffer; a match must never run from one indicator into the next, and
    // anchors refer to a record's own start and end.
    let rows = |pattern: &str| {
        let out = zhibiao(&["list", "--data", &base(), "--grep", pattern, "--format", "csv"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out).lines().skip(1).map(|l| l.split(',').next().unwrap_or("").to_string()).collect::<Vec<_>>()
    };
    assert_eq!(rows("^新建"), ["t-5g"]);
    assert_eq!(rows("个$"), ["t-charging"]);
    assert!(rows(r"座[\s\S]电动").is_empty());
    assert_eq!(rows("充电桩|绿色出行").len(), 2);
}

#[test]
fn list_filters_take_several_values_repeated_or_comma_separated() {
    let count = |args: &[&str]| {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        let out = zhibiao(&all);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        rows.as_array().expect("an array").len()
    };
    let (sy, xz) = (count(&["--city", "shenyang"]), count(&["--city", "xuzhou"]));
    assert!(sy > 0 && xz > 0);
    assert_eq!(count(&["--city", "shenyang,xuzhou"]), sy + xz);
    assert_eq!(count(&["--city", "shenyang", "--city", "徐州"]), sy + xz);
    let (y20, y25) = (count(&["--year", "2020"]), count(&["--year", "2025"]));
    assert_eq!(count(&["--year", "2020,2025"]), y20 + y25);
    assert!(count(&["--year", "2020", "--year", "2025", "--city", "xuzhou"]) <= xz);
    let out = zhibiao(&["list", "--city", "shenyang,atlantis"]);
    assert_eq!(out.status.code(), Some(2), "an unknown city among several is a usage error");
}

#[test]
fn summary_counts_each_documents_records_as_list_prints_them() {
    // The documents section against the records `list` prints, counted by their `doc` key here.
    let out = zhibiao(&["list", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let mut want: std::collections::BTreeMap<String, usize> = Default::default();
    for r in records.as_array().expect("an array") {
        *want.entry(r["doc"].as_str().expect("a doc id").to_string()).or_default() += 1;
    }
    let out = zhibiao(&["summary"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let section = text.split("\ndocuments").nth(1).expect("a documents section");
    let got: std::collections::BTreeMap<String, usize> = section
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            (cells[cells.len() - 2].to_string(), cells[cells.len() - 1].parse().expect("a count"))
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 5, "every bundled document has records");
}
