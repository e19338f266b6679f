//! Indicator tables copied into text, end to end: every numeric cell is listed by `candidates`, `draft` drafts
//! each cell whose column names a year with the whole row as quote, `check` verifies such a record against the
//! cell of its year — and refuses one whose year or value is another column's. A yearless column stays listed.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const PLAN: &str = "江城市生态环境保护规划（2024—2027年）
一、主要指标
指标  单位  2020年(基期)  2023年  2025年  2027年  属性
森林覆盖率  %  40.1  41  41.5  ≥43  约束性
粮食产量  万吨  120  122  —  125以上  预期性
下表为参考值：
指标名称\t单位\t基期值\t目标值
污水处理率\t%\t95\t98
";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibiao")).args(args).output().expect("the binary runs")
}

fn copy_dataset(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    for sub in ["data", "data/indicators", "seeds"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
        for e in fs::read_dir(sub).unwrap() {
            let e = e.unwrap();
            if e.path().is_file() {
                fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
}

#[test]
fn table_cells_are_listed_drafted_and_checked_by_their_column_s_year() {
    let dir = std::env::temp_dir().join(format!("zhibiao-table-{}", std::process::id()));
    copy_dataset(&dir);
    let root = dir.to_str().unwrap();
    let text = dir.join("plan.txt");
    fs::write(&text, PLAN).unwrap();
    let cities = fs::read_to_string("data/cities.yaml").unwrap();
    let city = cities.lines().find_map(|l| l.strip_prefix("- id: ")).unwrap().to_string();
    let o = run(&[
        "--data",
        root,
        "add-doc",
        text.to_str().unwrap(),
        "--city",
        &city,
        "--title",
        "江城",
        "--title-en",
        "J",
        "--issuer",
        "江城市人民政府",
        "--issuer-en",
        "J",
        "--date",
        "2024-03-01",
        "--kind",
        "work-plan",
        "--id",
        "jc-eco",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));

    // Every numeric cell is a candidate, the yearless ones with a note; attributes and dashes are not.
    let o = run(&["--data", root, "candidates", "--doc", "jc-eco"]);
    let listed = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(listed.contains("9 unaccounted quantities"), "{listed}");
    assert_eq!(listed.matches("a table cell whose column names no year").count(), 2, "{listed}");

    let o = run(&["--data", root, "draft", "--doc", "jc-eco", "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let file = dir.join("data/indicators/jc-eco.yaml");
    let drafted = fs::read_to_string(&file).unwrap();
    assert_eq!(drafted.matches("\n  - id: ").count(), 7, "{drafted}");
    assert!(
        drafted.contains("kind: target\n    comparator: at-least\n    value: 43\n    unit: \"%\"\n    year: 2027\n")
    );
    assert!(drafted.contains("kind: actual\n    comparator: equal\n    value: 122\n    unit: 万吨\n    year: 2023\n"));
    assert!(!drafted.contains("污水处理率"), "a yearless column is not drafted: {drafted}");
    let o = run(&["--data", root, "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["--data", root, "candidates", "--doc", "jc-eco"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("2 unaccounted quantities"));

    // The explorer's Candidates view: the yearless cells with their note, and an unfinished draft of a cell beside
    // them, its figure the cell of its row (the row's numbers have no unit of their own).
    let unfinished = drafted.replacen("metric: forest_coverage\n", "metric: TODO\n", 1);
    fs::write(&file, &unfinished).unwrap();
    let ds = zhibiao_core::load::load(&zhibiao_core::Root::dir(&dir).unwrap()).unwrap();
    let rows = zhibiao_explorer::component::candidates::rows_of(&ds, &[], &Default::default());
    let mine: Vec<_> = rows.iter().filter(|r| r.record.contains("jc-eco") || r.draft.quote.contains("污水")).collect();
    let seen: Vec<_> =
        mine.iter().map(|r| (r.text.as_str(), r.note.is_some(), r.unfinished.is_some(), r.draft.year)).collect();
    assert_eq!(seen[..1], [("40.1", false, true, 2020)], "{seen:?}");
    assert_eq!(mine.iter().filter(|r| r.note.as_deref() == Some("a table cell whose column names no year")).count(), 2);

    // The row's number of another year is not the record's figure, nor a year the header does not name.
    let wrong_value = drafted.replacen("value: 41.5\n", "value: 41\n", 1);
    fs::write(&file, &wrong_value).unwrap();
    let o = run(&["--data", root, "check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error: value 41 is not a figure of the quote"), "{err}");
    let wrong_year = drafted.replacen("year: 2025\n", "year: 2024\n", 1);
    fs::write(&file, &wrong_year).unwrap();
    let o = run(&["--data", root, "check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("no column of its table is of year 2024"), "{err}");
    assert!(err.contains("years of the columns: 2020, 2023, 2025, 2027"), "{err}");
    let _ = fs::remove_dir_all(&dir);
}
