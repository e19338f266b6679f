//! Output for spreadsheets, shared by every command that writes a table (list, compare, progress, metrics,
//! candidates): `--bom` puts a UTF-8 byte-order mark before CSV, so that Excel and WPS read its Chinese text as
//! UTF-8 rather than as the system's code page; `--format xlsx --output FILE` writes an Excel workbook through
//! [`zhibiao_core::spreadsheet`], numbers as numbers.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::Format;

/// The options of every command that writes a table.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SheetArgs {
    /// With --format csv: start with a UTF-8 byte-order mark, so that Excel and WPS open the Chinese text
    /// as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// With --format xlsx: the workbook to write (replaced whole, or left as it was on an error).
    #[arg(long, short, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

impl SheetArgs {
    /// Refuses the combinations that cannot mean anything: a BOM on anything but CSV, a workbook without a file
    /// to write it to (it is not text for a terminal or a pipe), --output with a text format (redirect it).
    pub fn check(&self, format: Option<Format>) -> io::Result<()> {
        let usage = |msg: &str| Err(io::Error::new(io::ErrorKind::InvalidInput, msg.to_string()));
        match (format, self.bom, &self.output) {
            (Some(Format::Csv), _, None) | (Some(Format::Xlsx), false, Some(_)) => Ok(()),
            (_, true, _) if format != Some(Format::Csv) => {
                usage("--bom marks CSV output as UTF-8: use it with --format csv")
            }
            (Some(Format::Xlsx), _, None) => {
                usage("--format xlsx writes a workbook file, not text for a terminal or a pipe: add --output FILE.xlsx")
            }
            (_, _, Some(_)) => {
                usage("--output names the workbook of --format xlsx; redirect the other formats instead (> FILE)")
            }
            _ => Ok(()),
        }
    }

    /// Writes the byte-order mark when `--bom` asks for it.
    pub fn bom(&self, out: &mut impl Write) -> io::Result<()> {
        if self.bom {
            out.write_all(BOM)?;
        }
        Ok(())
    }

    /// Writes `items` (each serialised with the keys `keys`) as the workbook `--output` names.
    pub fn xlsx<T: Serialize>(&self, keys: &[&str], items: impl IntoIterator<Item = T>) -> io::Result<()> {
        let Some(path) = &self.output else {
            return self.check(Some(Format::Xlsx));
        };
        let rows = zhibiao_core::spreadsheet::rows_of(items, keys)?;
        zhibiao_core::spreadsheet::write_xlsx(path, keys, &rows)
    }
}
