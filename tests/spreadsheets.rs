//! Output for spreadsheet users, through the built binary: CSV with a UTF-8 byte-order mark, and Excel workbooks
//! read back with an independent reader (calamine) — the header row, one row per record, numbers as numbers, the
//! header frozen and columns as wide as their Chinese text.

mod common;

use std::io::Read;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{stderr, stdout, zhibiao};
use unicode_width::UnicodeWidthStr;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("zhibiao-sheets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir.join(name)
}

#[test]
fn csv_with_bom_starts_with_the_mark_in_every_command_and_without_it_does_not() {
    for args in [&["list"][..], &["compare", "5g_base_stations"], &["progress"], &["metrics"], &["candidates"]] {
        let with: Vec<&str> = args.iter().copied().chain(["--format", "csv", "--bom"]).collect();
        let out = zhibiao(&with);
        assert!(out.status.code().is_some_and(|c| c <= 1), "{with:?}: {}", stderr(&out));
        assert!(out.stdout.starts_with(BOM), "{with:?} does not start with a BOM");
        // After the mark, the header row as without it.
        let plain: Vec<&str> = args.iter().copied().chain(["--format", "csv"]).collect();
        let out_plain = zhibiao(&plain);
        assert!(!out_plain.stdout.starts_with(BOM), "{plain:?}");
        assert_eq!(&out.stdout[BOM.len()..], &out_plain.stdout[..], "{with:?}");
    }
}

#[test]
fn bom_and_xlsx_are_refused_where_they_mean_nothing() {
    for (args, says) in [
        (&["list", "--bom"][..], "--bom marks CSV output"),
        (&["list", "--format", "json", "--bom"], "--bom marks CSV output"),
        (&["list", "--format", "xlsx"], "add --output FILE.xlsx"),
        (&["progress", "--format", "xlsx"], "add --output FILE.xlsx"),
        (&["list", "--format", "csv", "--output", "x.csv"], "redirect the other formats"),
    ] {
        let out = zhibiao(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
    }
}

/// Every row of the first sheet of a workbook.
fn rows_of(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("opens as a workbook");
    let sheet = book.worksheet_range_at(0).expect("a first sheet").expect("readable");
    sheet.rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn list_as_xlsx_has_the_header_and_one_row_per_record_with_numbers_as_numbers() {
    let path = temp("list.xlsx");
    let out = zhibiao(&["list", "--format", "xlsx", "--output", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let rows = rows_of(&path);
    let json: serde_json::Value = serde_json::from_str(&stdout(&zhibiao(&["list", "--format", "json"]))).unwrap();
    let records = json.as_array().expect("array");
    assert_eq!(rows.len(), 1 + records.len(), "the header and one row per record");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let keys: Vec<String> = records[0].as_object().unwrap().keys().cloned().collect();
    let mut sorted = header.clone();
    sorted.sort();
    assert_eq!(sorted, keys, "the keys of list --format json");
    assert_eq!(header[0], "id");
    assert_eq!(header.last().map(String::as_str), Some("city_id"));
    let col = |k: &str| header.iter().position(|h| h == k).expect(k);
    let row = rows.iter().find(|r| r[0] == Data::String("sy2020-5g-stations".into())).expect("the 5G actual");
    assert_eq!(row[col("value")], Data::Float(1202.0), "a number is a number");
    assert_eq!(row[col("year")], Data::Float(2020.0));
    assert_eq!(row[col("city")], Data::String("沈阳".into()));
    assert_eq!(row[col("city_id")], Data::String("shenyang".into()));
    assert_eq!(row[col("value_max")], Data::Empty, "an absent value is an empty cell");
    assert_eq!(row[col("quote")], Data::String("已建成并开通5G基站1202个".into()));
}

#[test]
fn every_table_command_writes_a_workbook_with_its_json_keys() {
    for (args, rows_from) in [
        (&["progress"][..], &["progress", "--format", "json"][..]),
        (&["metrics"], &["metrics", "--format", "json"]),
        (&["candidates"], &["candidates", "--format", "json"]),
        (&["compare", "5g_base_stations"], &["compare", "5g_base_stations", "--format", "json"]),
    ] {
        let path = temp(&format!("{}.xlsx", args[0]));
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--format", "xlsx", "-o", path.to_str().unwrap()]);
        let out = zhibiao(&all);
        assert!(out.status.code().is_some_and(|c| c <= 1), "{all:?}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&zhibiao(rows_from))).unwrap();
        let rows = rows_of(&path);
        assert_eq!(rows.len(), 1 + json.as_array().unwrap().len(), "{all:?}");
    }
}

#[test]
fn the_header_row_is_frozen_and_columns_fit_their_chinese_text() {
    let path = temp("metrics.xlsx");
    let out = zhibiao(&["metrics", "--format", "xlsx", "--output", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).expect("a zip archive");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").expect("the sheet").read_to_string(&mut xml).unwrap();
    assert!(xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#), "header not frozen: {xml:.400}");
    // Column B holds the Chinese names: as wide as the widest in display columns (two per character), plus 2.
    let json: serde_json::Value = serde_json::from_str(&stdout(&zhibiao(&["metrics", "--format", "json"]))).unwrap();
    let widest = json.as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().width()).max();
    let widest = widest.unwrap().min(60) as f64 + 2.0;
    let col_b = xml.split("<col ").find(|c| c.starts_with(r#"min="2" max="2""#)).expect("column B's width");
    let width: f64 = col_b.split(r#"width=""#).nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    // Excel stores the width with the font's padding added (under one column).
    assert!(width >= widest && width < widest + 1.0, "column B is {width} wide for text {widest} columns wide");
    assert!(
        widest
            > 2.0
                + json.as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().chars().count()).max().unwrap()
                    as f64,
        "the names are Chinese: wider than their count of characters"
    );
}
