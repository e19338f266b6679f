//! Export of the rows the table shows to a CSV, JSON or Excel (.xlsx) file (by the name's extension), with the
//! keys of `list` (the library's record writers and its workbook writer), written atomically: a temporary file in the same folder, then a rename (through
//! a symbolic link to the file it names; a new file gets the user's umask).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::record;

/// The name offered when the prompt opens.
pub const DEFAULT_NAME: &str = "zhibiao-export.csv";

/// The format a file name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values (any name not ending in `.json` or `.xlsx`).
    Csv,
    /// A JSON array of records.
    Json,
    /// An Excel workbook, as `list --format xlsx` writes it (numbers as numbers, the header frozen).
    Xlsx,
}

impl Format {
    /// JSON for a name ending in `.json`, a workbook for `.xlsx` (any case), else CSV.
    pub fn of(name: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Format::Json
        } else if lower.ends_with(".xlsx") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// Writes indicators `ids` of `ds` to `name` inside `dir` and returns the path written. The file appears whole
/// or not at all. A name with a folder in it, or an empty name, is refused.
pub fn write(ds: &Dataset, ids: &[IndicatorId], dir: &Path, name: &str) -> io::Result<PathBuf> {
    let name = name.trim();
    if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("`{name}` is not a file name in this folder")));
    }
    let path = dir.join(name);
    if Format::of(name) == Format::Xlsx {
        let records = ids.iter().map(|&i| record::Record::new(ds, &ds.indicators()[i]));
        let rows = zhibiao_core::spreadsheet::rows_of(records, &record::KEYS)?;
        zhibiao_core::spreadsheet::write_xlsx(&path, &record::KEYS, &rows)?;
        return Ok(path);
    }
    // Atomic, through a link to the real file, with the user's umask for a new file (see `zhibiao_core::atomic`).
    zhibiao_core::atomic::write_with(&path, zhibiao_core::atomic::Links::Follow, |f| {
        let mut out = BufWriter::new(f);
        match Format::of(name) {
            Format::Json => record::write_json(&mut out, ds, ids)?,
            Format::Csv | Format::Xlsx => record::write_csv(&mut out, ds, ids)?,
        }
        out.flush()
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn a_name_with_a_folder_is_refused_and_nothing_is_written() {
        let ds = sample::dataset();
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write(&ds, &[IndicatorId::new(0)], dir.path(), "../x.csv").expect_err("refused");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
        assert_eq!(Format::of("a.JSON"), Format::Json);
        assert_eq!(Format::of("a.txt"), Format::Csv);
        assert_eq!(Format::of("表.XLSX"), Format::Xlsx);
    }

    #[test]
    fn an_xlsx_name_writes_a_workbook_with_the_header_and_one_row_per_exported_record() {
        let ds = sample::dataset();
        let dir = tempfile::tempdir().expect("temp dir");
        let first: Vec<IndicatorId> = ds.indicator_ids().take(3).collect();
        let path = write(&ds, &first, dir.path(), "rows.xlsx").expect("written");
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(&path).expect("opens as a workbook");
        let sheet = book.worksheet_range_at(0).expect("a first sheet").expect("readable");
        let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(rows.len(), 4, "the header and three records");
        assert_eq!(rows[0].len(), record::KEYS.len());
        assert_eq!(rows[0][0], Data::String("id".into()));
        for (row, &i) in rows[1..].iter().zip(&first) {
            assert_eq!(row[0], Data::String(ds.indicator_at(i).id.to_string()));
        }
        let value = record::KEYS.iter().position(|k| *k == "value").expect("a value column");
        assert!(matches!(rows[1][value], Data::Float(_) | Data::Int(_)), "a number, not text: {:?}", rows[1][value]);
    }
}
