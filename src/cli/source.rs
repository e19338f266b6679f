//! `zhibiao source DOC`: a source document with paragraph numbers, cited quotes highlighted on a terminal.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use zhibiao::dataset::Dataset;

/// Arguments of `zhibiao source`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Document id or source file name (see `zhibiao summary`).
    pub doc: String,
    /// Print only paragraph N (1-based; every non-blank line is a paragraph).
    #[arg(long, value_name = "N")]
    pub para: Option<usize>,
}

/// Runs `zhibiao source`.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let Some(d) = ds.document(&args.doc) else {
        let ids: Vec<&str> = ds.documents().iter().map(|d| d.id.as_str()).collect();
        eprintln!("zhibiao: no document `{}`; documents: {}", args.doc, ids.join(", "));
        return Ok(ExitCode::from(1));
    };
    let doc = &ds.documents()[d];
    let count = doc.text.paragraphs.len();
    let range = match args.para {
        Some(n) if n == 0 || n > count => {
            eprintln!("zhibiao: document {} has paragraphs 1 to {count}, not {n}", doc.id);
            return Ok(ExitCode::from(1));
        }
        Some(n) => n..n + 1,
        None => 1..count + 1,
    };
    let color = io::stdout().is_terminal();
    let mut spans: Vec<std::ops::Range<usize>> =
        ds.indicators_of_document(d).map(|i| ds.indicators()[i].span.clone()).collect();
    spans.sort_by_key(|s| s.start);
    let mut out = io::stdout().lock();
    if args.para.is_none() {
        writeln!(out, "{} · {} · {} · {}", doc.title, doc.issuer, doc.date, doc.source)?;
        writeln!(out)?;
    }
    let width = count.to_string().len();
    for n in range {
        let p = doc.text.paragraphs[n - 1].clone();
        let mut line = String::new();
        let mut at = p.start;
        if color {
            for s in spans.iter().filter(|s| s.start >= p.start && s.end <= p.end) {
                if s.start < at {
                    continue;
                }
                line.push_str(&doc.text.text[at..s.start]);
                line.push_str("\x1b[1;4m");
                line.push_str(&doc.text.text[s.clone()]);
                line.push_str("\x1b[0m");
                at = s.end;
            }
        }
        line.push_str(&doc.text.text[at..p.end]);
        writeln!(out, "{n:>width$}  {line}")?;
    }
    Ok(ExitCode::SUCCESS)
}
