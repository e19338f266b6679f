//! `zhibiao draft --doc ID [--write]`: a first draft of the records of a document, for every quantity no record or
//! ignored entry accounts for — printed as an indicators file, or appended to `data/indicators/<doc>.yaml`.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use zhibiao_core::candidates::candidates;
use zhibiao_core::draft;
use zhibiao_core::edit::{self, List};
use zhibiao_core::{Dataset, Root};

/// Arguments of `zhibiao draft`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document to draft (id or source file name).
    #[arg(long)]
    pub doc: String,
    /// Append the draft to the document's indicator file (data/indicators/<doc>.yaml, or the file that already
    /// holds its records), atomically and keeping its comments, instead of printing it.
    #[arg(long)]
    pub write: bool,
}

/// Runs `zhibiao draft` on a loaded dataset.
pub fn run(data: &Option<PathBuf>, ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let Some(d) = ds.find_document(&args.doc) else {
        eprintln!("zhibiao: no document `{}`", args.doc);
        return Ok(ExitCode::from(2));
    };
    let root = super::root(data)?;
    if args.write && !matches!(root, Root::Dir(_)) {
        eprintln!("zhibiao: draft --write: the bundled dataset is read-only; name a dataset folder with --data DIR");
        return Ok(ExitCode::from(2));
    }
    let metrics = draft::metric::registry_of(ds);
    let doc = &ds.documents()[d];
    let ctx = draft::doc_context(ds, d.index());
    let drafts: Vec<_> =
        candidates(ds, Some(d)).iter().map(|c| draft::draft_candidate(ds, &ctx, c, &metrics)).collect();
    if drafts.is_empty() {
        eprintln!("zhibiao: nothing to draft: every quantity of `{}` is curated or ignored", doc.id);
        return Ok(ExitCode::SUCCESS);
    }
    let taken: HashSet<String> = ds.indicators().iter().map(|i| i.id.clone()).collect();
    if !args.write {
        let mut out = io::stdout().lock();
        write!(out, "{}", draft::render_file(&ctx, &drafts, &metrics, &taken))?;
        return Ok(ExitCode::SUCCESS);
    }
    let Root::Dir(dir) = &root else { return Ok(ExitCode::from(2)) };
    let items = draft::render_items(&ctx, &drafts, &metrics, &taken);
    let todo = items.iter().map(|i| i.matches("TODO").count()).sum::<usize>();
    let rel = edit::indicator_file_for(dir, &doc.id);
    edit::append_to_indicator_file(&dir.join(&rel), &doc.id, List::Indicators, &items)?;
    println!("appended {} drafted records to {} ({todo} fields TODO)", items.len(), root.display(&rel));
    println!("next: read each quote against its paragraph, fill the TODOs, then `zhibiao check`");
    Ok(ExitCode::SUCCESS)
}
