//! `zhibiao candidates`: the curation coverage report.

use std::io::{self, Write};
use std::process::ExitCode;

use zhibiao::candidates::candidates;
use zhibiao::dataset::Dataset;
use zhibiao::verify::describe;

/// Arguments of `zhibiao candidates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this document (id or source file name).
    #[arg(long)]
    pub doc: Option<String>,
}

/// Runs `zhibiao candidates`: one line per unaccounted quantity, `source:paragraph: text  (reading)  context`.
/// Exit 0 when every quantity is curated or ignored, 1 otherwise.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let only = match &args.doc {
        Some(d) => match ds.document(d) {
            Some(i) => Some(i),
            None => {
                eprintln!("zhibiao: no document `{d}`");
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let found = candidates(ds, only);
    let mut out = io::stdout().lock();
    for c in &found {
        let doc = &ds.documents()[c.doc];
        let text = &doc.text.text;
        let para = &doc.text.paragraphs[c.paragraph - 1];
        let q = &c.quantity;
        let before: String =
            text[para.start..q.span.start].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = text[q.span.end..para.end].chars().take(8).collect();
        writeln!(
            out,
            "{}:{}: {}  ({})  …{before}[{}]{after}…",
            doc.source,
            c.paragraph,
            &text[q.span.clone()],
            describe(q),
            &text[q.span.clone()]
        )?;
    }
    let docs = if only.is_some() { 1 } else { ds.documents().len() };
    writeln!(out, "{} unaccounted quantities in {docs} documents", found.len())?;
    Ok(if found.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
