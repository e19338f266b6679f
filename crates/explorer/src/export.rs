//! Export of the rows the table shows to a CSV or JSON file (by the name's extension), with the keys of `list`
//! (the library's record writers), written atomically: a temporary file in the same folder, then a rename (through
//! a symbolic link to the file it names; a new file gets the user's umask).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zhibiao_core::dataset::Dataset;
use zhibiao_core::record;

/// The name offered when the prompt opens.
pub const DEFAULT_NAME: &str = "zhibiao-export.csv";

/// The format a file name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values (any name not ending in `.json`).
    Csv,
    /// A JSON array of records.
    Json,
}

impl Format {
    /// JSON for a name ending in `.json` (any case), else CSV.
    pub fn of(name: &str) -> Format {
        if name.to_ascii_lowercase().ends_with(".json") {
            Format::Json
        } else {
            Format::Csv
        }
    }
}

/// Writes indicators `ids` of `ds` to `name` inside `dir` and returns the path written. The file appears whole
/// or not at all. A name with a folder in it, or an empty name, is refused.
pub fn write(ds: &Dataset, ids: &[usize], dir: &Path, name: &str) -> io::Result<PathBuf> {
    let name = name.trim();
    if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("`{name}` is not a file name in this folder")));
    }
    let path = dir.join(name);
    // Atomic, through a link to the real file, with the user's umask for a new file (see `zhibiao_core::atomic`).
    zhibiao_core::atomic::write_with(&path, zhibiao_core::atomic::Links::Follow, |f| {
        let mut out = BufWriter::new(f);
        match Format::of(name) {
            Format::Json => record::write_json(&mut out, ds, ids)?,
            Format::Csv => record::write_csv(&mut out, ds, ids)?,
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
        let err = write(&ds, &[0], dir.path(), "../x.csv").expect_err("refused");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
        assert_eq!(Format::of("a.JSON"), Format::Json);
        assert_eq!(Format::of("a.txt"), Format::Csv);
    }
}
