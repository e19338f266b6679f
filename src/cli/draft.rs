//! `zhibiao draft --doc ID [--write]`: a first draft of the records of a document, for every quantity no record or
//! ignored entry accounts for — printed as an indicators file, or appended to `data/indicators/<doc>.yaml`.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use zhibiao_core::candidates::candidates;
use zhibiao_core::draft;
use zhibiao_core::edit::{self, List};
use zhibiao_core::plural::count;
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
    let mut ctx = draft::doc_context(ds, d);
    ctx.firm_targets = draft::firm_targets_by_city(ds).remove(&doc.city).unwrap_or_default();
    // Numbers that are not the city's figures (a size class, a province's total, a service time) stay candidates
    // for the curator to ignore; they are not drafted.
    let found: Vec<_> = candidates(ds, Some(d))
        .into_iter()
        .filter(|c| {
            let para = ctx.paragraphs.get(c.paragraph.wrapping_sub(1)).copied().unwrap_or("");
            let start = doc.text.paragraphs.get(c.paragraph.wrapping_sub(1)).map_or(0, |r| r.start);
            let mut q = c.quantity.clone();
            q.span = q.span.start.saturating_sub(start)..q.span.end.saturating_sub(start);
            // A table cell whose column names no year stays a candidate: its year would be a guess.
            !draft::traps::is_trap(para, &q) && q.note.as_deref() != Some(zhibiao_core::quantity::table::NO_YEAR)
        })
        .collect();
    let drafts = draft::draft_candidates(ds, &ctx, &found, &metrics);
    if drafts.is_empty() {
        eprintln!("zhibiao: nothing to draft: every quantity of `{}` is curated or ignored", doc.id);
        return Ok(ExitCode::SUCCESS);
    }
    let taken: HashSet<String> = ds.indicators().iter().map(|i| i.id.to_string()).collect();
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
    println!(
        "appended {} to {} ({} TODO)",
        count(items.len(), "drafted record"),
        root.display(&rel),
        count(todo, "field")
    );
    // Records with a TODO are set aside by the other commands until filled; `check` names each one.
    println!(
        "next: read each quote against its paragraph (`{}`), fill the TODOs, then `{}`",
        super::suggest::command(&format!("source {}", doc.id)),
        super::suggest::command("check")
    );
    Ok(ExitCode::SUCCESS)
}
