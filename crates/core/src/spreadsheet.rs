//! Tables as Excel workbooks (.xlsx), for the analysts who read Chinese plans in Excel or WPS: one sheet, the
//! header row bold and frozen, numbers as numbers, each column as wide as its widest cell counted in display
//! width (a Chinese character takes two columns). Any table — the command line's outputs, the explorer's export
//! — goes through [`write_xlsx`] as headers and rows of [`Cell`]s.

use std::io;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (an absent value).
    Empty,
    /// A number, written as a number Excel can sum and sort.
    Number(f64),
    /// Text, written as it is.
    Text(String),
}

/// A column is never made wider than this many display columns, so one long quote does not push the rest of the
/// sheet off the screen.
const MAX_WIDTH: usize = 60;

/// Excel's own limits: rows per sheet, characters per cell.
const MAX_ROWS: usize = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;

/// The cells of `items` under `keys`, each item serialised as a JSON object: a JSON number is a number (when
/// it reads back as the same figure from a double), a string is text, `null` is empty. So a decimal that is
/// a JSON string because it is not exact as a double stays exact, as text.
pub fn rows_of<T: Serialize>(items: impl IntoIterator<Item = T>, keys: &[&str]) -> io::Result<Vec<Vec<Cell>>> {
    items
        .into_iter()
        .map(|item| {
            let value = serde_json::to_value(item).map_err(io::Error::other)?;
            Ok(keys.iter().map(|k| cell_of(value.get(*k).unwrap_or(&serde_json::Value::Null))).collect())
        })
        .collect()
}

/// A JSON value as a cell.
pub fn cell_of(value: &serde_json::Value) -> Cell {
    match value {
        serde_json::Value::Null => Cell::Empty,
        serde_json::Value::Number(n) => match n.as_f64() {
            // Written back as text when a double would change it (an integer beyond 2^53).
            Some(f) if n.as_i64().is_none_or(|i| i.unsigned_abs() <= 1 << 53) => Cell::Number(f),
            _ => Cell::Text(n.to_string()),
        },
        serde_json::Value::String(s) => Cell::Text(s.clone()),
        serde_json::Value::Bool(b) => Cell::Text(b.to_string()),
        other => Cell::Text(other.to_string()),
    }
}

/// The workbook's bytes: one sheet with `headers` (bold, frozen) and `rows`.
pub fn xlsx_bytes(headers: &[&str], rows: &[Vec<Cell>]) -> io::Result<Vec<u8>> {
    if rows.len() >= MAX_ROWS {
        return Err(io::Error::other(format!(
            "{} rows do not fit in one Excel sheet ({MAX_ROWS} at most)",
            rows.len()
        )));
    }
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    fill(sheet, headers, rows).map_err(io::Error::other)?;
    workbook.save_to_buffer().map_err(io::Error::other)
}

/// Writes the workbook of [`xlsx_bytes`] to `path` atomically (whole or not at all).
pub fn write_xlsx(path: &Path, headers: &[&str], rows: &[Vec<Cell>]) -> io::Result<()> {
    let bytes = xlsx_bytes(headers, rows)?;
    crate::atomic::write(path, &bytes)
}

fn fill(sheet: &mut Worksheet, headers: &[&str], rows: &[Vec<Cell>]) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = Format::new().set_bold();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate().take(headers.len()) {
            let shown = match cell {
                Cell::Empty => continue,
                Cell::Number(f) => {
                    sheet.write_number(r, col(c), *f)?;
                    f.to_string()
                }
                Cell::Text(s) => {
                    let s = cut(s);
                    sheet.write_string(r, col(c), s)?;
                    s.to_string()
                }
            };
            widths[c] = widths[c].max(shown.width());
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(col(c), (*w).min(MAX_WIDTH) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A column number as Excel counts them (at most 16,384 columns; no table here comes near).
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// `s` cut to what one Excel cell holds.
fn cut(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_are_numbers_and_strings_text() {
        #[derive(Serialize)]
        struct Row {
            id: &'static str,
            value: f64,
            year: i32,
            big: u64,
            note: Option<&'static str>,
        }
        let rows = rows_of(
            [Row { id: "2020", value: 48.02, year: 2022, big: 1 << 60, note: None }],
            &["id", "value", "year", "big", "note"],
        )
        .unwrap();
        assert_eq!(
            rows[0],
            [
                Cell::Text("2020".into()),
                Cell::Number(48.02),
                Cell::Number(2022.0),
                Cell::Text((1u64 << 60).to_string()),
                Cell::Empty
            ]
        );
    }

    #[test]
    fn a_workbook_is_a_zip_file() {
        let bytes =
            xlsx_bytes(&["id", "名称"], &[vec![Cell::Text("a".into()), Cell::Text("新建5G基站".into())]]).unwrap();
        assert!(bytes.starts_with(b"PK"), "an xlsx file is a zip archive");
    }
}
