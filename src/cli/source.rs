//! `zhibiao source DOC`: a source document with paragraph numbers, cited quotes highlighted on a terminal.

use std::io::{self, Write};
use std::process::ExitCode;

use zhibiao_core::dataset::Dataset;
use zhibiao_core::diagnostic::did_you_mean;

use super::output;

/// Arguments of `zhibiao source`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Document id or source file name (see `zhibiao summary`).
    pub doc: String,
    /// Print only paragraph N (1-based; every non-blank line is a paragraph).
    #[arg(long, value_name = "N")]
    pub para: Option<usize>,
}

/// Runs `zhibiao source`. A document or paragraph that does not exist is a usage error (exit 2).
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let Some(d) = ds.find_document(&args.doc) else {
        let mut msg = format!("no document `{}`", args.doc);
        match did_you_mean(&args.doc, ds.documents().iter().map(|d| d.id.as_str())) {
            Some(best) => msg.push_str(&format!("; did you mean `{best}`?")),
            None => msg.push_str(&format!("; `zhibiao summary` lists the {} documents", ds.documents().len())),
        }
        eprintln!("zhibiao: {}", output::for_stderr(&msg));
        return Ok(ExitCode::from(2));
    };
    let doc = ds.document(d);
    let count = doc.text.paragraphs.len();
    let range = match args.para {
        Some(n) if n == 0 || n > count => {
            eprintln!("zhibiao: document {} has paragraphs 1 to {count}, not {n}", doc.id);
            return Ok(ExitCode::from(2));
        }
        Some(n) => n..n + 1,
        None => 1..count + 1,
    };
    let mut out = output::stdout();
    let color = out.style().color;
    let mut spans: Vec<std::ops::Range<usize>> =
        ds.indicators_of_document(d).map(|i| ds.indicators()[i].span.clone()).collect();
    spans.sort_by_key(|s| s.start);
    if args.para.is_none() {
        writeln!(out, "{} · {} · {} · {}", doc.title, doc.issuer, doc.date, doc.source)?;
        writeln!(out)?;
    }
    let width = count.to_string().len();
    for n in range {
        let p = doc.text.paragraphs[n - 1].clone();
        write!(out, "{n:>width$}  ")?;
        let mut at = p.start;
        if color {
            for s in spans.iter().filter(|s| s.start >= p.start && s.end <= p.end) {
                if s.start < at {
                    continue;
                }
                write!(out, "{}", &doc.text.text[at..s.start])?;
                out.paint("\x1b[1;4m")?;
                write!(out, "{}", &doc.text.text[s.clone()])?;
                out.paint("\x1b[0m")?;
                at = s.end;
            }
        }
        writeln!(out, "{}", &doc.text.text[at..p.end])?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
