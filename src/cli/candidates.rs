//! `zhibiao candidates`: the curation coverage report, as lines, a table, CSV or JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use zhibiao_core::candidates::{candidates, Candidate};
use zhibiao_core::dataset::Dataset;
use zhibiao_core::decimal::Decimal;
use zhibiao_core::verify::describe;

use super::{table, Format};

/// Arguments of `zhibiao candidates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this document (id or source file name).
    #[arg(long)]
    pub doc: Option<String>,
    /// Output format; without it, one line per quantity with its context.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

/// One candidate as `--format json` and `csv` write it. The keys are a published contract.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub doc: &'a str,
    pub paragraph: usize,
    pub line: usize,
    pub text: &'a str,
    pub value: Decimal,
    pub value_max: Option<Decimal>,
    pub unit: &'a str,
    pub base_value: Option<Decimal>,
    pub base_unit: String,
    pub comparator: &'static str,
}

/// The CSV columns, in the order of [`Row`].
const KEYS: [&str; 10] =
    ["doc", "paragraph", "line", "text", "value", "value_max", "unit", "base_value", "base_unit", "comparator"];

impl<'a> Row<'a> {
    fn new(ds: &'a Dataset, c: &'a Candidate) -> Row<'a> {
        let q = &c.quantity;
        Row {
            doc: &ds.documents()[c.doc].id,
            paragraph: c.paragraph,
            line: c.line,
            text: ds.documents()[c.doc].text.text.get(q.span.clone()).unwrap_or(""),
            value: q.value,
            value_max: q.value_max,
            unit: &q.unit,
            base_value: c.base_value(),
            base_unit: c.base_unit(),
            comparator: q.comparator.as_str(),
        }
    }

    /// The cells in [`KEYS`] order, as text (empty for none).
    fn cells(&self) -> [String; 10] {
        let opt = |d: Option<Decimal>| d.map_or(String::new(), |d| d.to_string());
        [
            self.doc.to_string(),
            self.paragraph.to_string(),
            self.line.to_string(),
            self.text.to_string(),
            self.value.to_string(),
            opt(self.value_max),
            self.unit.to_string(),
            opt(self.base_value),
            self.base_unit.clone(),
            self.comparator.to_string(),
        ]
    }
}

/// Runs `zhibiao candidates`. Exit 0 when every quantity is curated or ignored, 1 otherwise.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let only = match &args.doc {
        Some(d) => match ds.find_document(d) {
            Some(i) => Some(i),
            None => {
                eprintln!("zhibiao: {}", super::output::for_stderr(&format!("no document `{d}`")));
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let found = candidates(ds, only);
    let mut out = super::output::stdout();
    let rows: Vec<Row<'_>> = found.iter().map(|c| Row::new(ds, c)).collect();
    match args.format {
        None => write_lines(&mut out, ds, &found, only.is_some())?,
        Some(Format::Json) => {
            serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Some(Format::Csv) => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(KEYS)?;
            for row in &rows {
                w.write_record(row.cells())?;
            }
            w.flush()?;
        }
        Some(Format::Table) => {
            let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells().to_vec()).collect();
            write!(out, "{}", table::render(&KEYS, &cells, 40))?;
        }
    }
    out.flush()?;
    Ok(if found.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// One line per candidate, `source:paragraph: text  (reading)  …context…`, a note on its own line when the
/// reading is uncertain, and a count.
fn write_lines(out: &mut impl Write, ds: &Dataset, found: &[Candidate], one_doc: bool) -> io::Result<()> {
    for c in found {
        let doc = &ds.documents()[c.doc];
        let text = &doc.text.text;
        let para = &doc.text.paragraphs[c.paragraph - 1];
        let q = &c.quantity;
        let before: String =
            text[para.start..q.span.start].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = text[q.span.end..para.end].chars().take(8).collect();
        let figure = &text[q.span.clone()];
        writeln!(out, "{}:{}: {figure}  ({})  …{before}[{figure}]{after}…", doc.source, c.paragraph, describe(q))?;
        if let Some(note) = &q.note {
            writeln!(out, "   note: {note}")?;
        }
    }
    let docs = if one_doc { 1 } else { ds.documents().len() };
    writeln!(out, "{} unaccounted quantities in {docs} documents", found.len())
}
