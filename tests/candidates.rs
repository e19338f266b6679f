//! `zhibiao candidates` as a process: its JSON keys are a contract, values are exact, and uncertain readings
//! are reported with a note rather than taken as figures.

mod common;

use common::zhibiao;

use std::path::Path;
use std::process::Output;

/// The base fixture without its ignored passage, and with a blank line and a paragraph of new number forms
/// appended to its source.
fn dataset(tag: &str) -> std::path::PathBuf {
    let dir = common::scratch_copy("base", tag);
    let ind = dir.join("data/indicators/test-plan.yaml");
    let text = std::fs::read_to_string(&ind).unwrap();
    std::fs::write(&ind, text.split("ignored:").next().unwrap()).unwrap();
    let seed = dir.join("seeds/plan.txt");
    let mut text = std::fs::read_to_string(&seed).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("\n全年接待游客一点二亿人次,增长-2.1%,新建1万5个。\n");
    std::fs::write(&seed, text).unwrap();
    dir
}

fn run(dir: &Path, format: &str) -> Output {
    zhibiao(&["candidates", "--data", dir.to_str().unwrap(), "--format", format])
}

#[test]
fn json_has_exactly_the_published_keys_and_exact_values() {
    let dir = dataset("cand-json");
    let out = run(&dir, "json");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array");
    let keys =
        ["doc", "paragraph", "line", "text", "value", "value_max", "unit", "base_value", "base_unit", "comparator"];
    for row in rows {
        let mut got: Vec<&str> = row.as_object().unwrap().keys().map(String::as_str).collect();
        got.sort();
        let mut want = keys.to_vec();
        want.sort();
        assert_eq!(got, want);
    }
    let brief: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} p{} l{} {} {} {} {} {} {}",
                r["doc"].as_str().unwrap(),
                r["paragraph"],
                r["line"],
                r["text"].as_str().unwrap(),
                r["value"],
                r["unit"].as_str().unwrap(),
                r["base_value"],
                r["base_unit"].as_str().unwrap(),
                r["comparator"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "test-plan p6 l6 1万座 1 万座 10000 座 equal",
            "test-plan p7 l8 一点二亿人次 120000000 人次 120000000 人次 equal",
            "test-plan p7 l8 -2.1% -2.1 % -2.1 % increase",
            "test-plan p7 l8 1万5个 15000 个 15000 个 equal",
        ]
    );
    assert!(rows.iter().all(|r| r["value_max"].is_null()));
}

#[test]
fn csv_and_table_carry_the_same_rows_and_lines_carry_the_note() {
    let dir = dataset("cand-csv");
    let csv = String::from_utf8(run(&dir, "csv").stdout).unwrap();
    let table = String::from_utf8(run(&dir, "table").stdout).unwrap();
    let lines = String::from_utf8(zhibiao(&["candidates", "--data", dir.to_str().unwrap()]).stdout).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let mut csv_lines = csv.lines();
    assert_eq!(csv_lines.next(), Some("doc,paragraph,line,text,value,value_max,unit,base_value,base_unit,comparator"));
    assert_eq!(csv_lines.next(), Some("test-plan,6,6,1万座,1,,万座,10000,座,equal"));
    assert_eq!(csv.lines().count(), 5);
    assert_eq!(table.lines().count(), 5);
    assert!(table.lines().nth(3).unwrap().contains("-2.1%"), "{table}");
    assert!(lines.contains("   note: `1万5` is 15000 when spoken but 10005 digit by digit"), "{lines}");
}
