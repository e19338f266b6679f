//! `zhibiao check`: verify a dataset and report every problem, compiler-style, with warnings for control
//! characters in the YAML and the source texts.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use zhibiao_core::diagnostic::Diagnostic;
use zhibiao_core::{Dataset, LoadError, Root};

use super::output;

/// How many problems are shown before the rest are only counted (unless `--all`).
pub const SHOWN: usize = 50;

/// Arguments of `zhibiao check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print only the problems and the summary line, not the success report.
    #[arg(long, short)]
    pub quiet: bool,

    /// Show every problem; by default the first 50 are shown and the rest counted.
    #[arg(long)]
    pub all: bool,
}

/// Runs `zhibiao check`: exit 0 when the dataset verifies (warnings allowed), 1 with the problems listed, 2 when
/// the dataset root cannot be read at all.
pub fn run(data: &Option<PathBuf>, args: &Args) -> ExitCode {
    let root = match super::root(data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zhibiao: {}", output::for_stderr(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    if let Root::Dir(dir) = &root {
        // `check` never uses the cache, but cleans up after a writer that was killed mid-write as every run does.
        zhibiao_core::atomic::sweep_if_idle(dir);
    }
    let (loaded, mut diags) =
        match super::loading::with_load_bar(|c| zhibiao_core::Loader::new(&root).counter(c).load()) {
            Ok(ds) => (Some(ds), Vec::new()),
            Err(LoadError::Invalid(diags)) => (None, diags),
            Err(LoadError::Io(msg)) => {
                eprintln!("zhibiao: {}", output::for_stderr(&msg));
                return ExitCode::from(2);
            }
        };
    // Unfinished drafts do not keep the rest from loading elsewhere, but `check` is where each TODO is named.
    let unfinished = loaded.as_ref().map_or(0, |ds| ds.unfinished().len());
    if let Some(ds) = &loaded {
        diags.extend(ds.unfinished().iter().flat_map(|u| u.todos.iter().cloned()));
    }
    diags.extend(control_warnings(&root, loaded.as_ref()));
    if !diags.is_empty() {
        let _ = write!(io::stderr(), "{}", output::for_stderr(&render(&diags, args.all)));
    }
    let Some(ds) = loaded else {
        return ExitCode::from(1);
    };
    if unfinished > 0 {
        let records = if unfinished == 1 { "record is an unfinished draft" } else { "records are unfinished drafts" };
        let _ = writeln!(
            io::stderr(),
            "zhibiao: {unfinished} {records} (set aside by the other commands until every TODO is filled in)"
        );
        std::mem::forget(ds);
        return ExitCode::from(1);
    }
    if !args.quiet {
        let mut out = output::stdout();
        let _ = writeln!(
            out,
            "ok: {} indicators and {} ignored passages in {} documents verified ({} cities, {} themes)",
            ds.indicators().len(),
            ds.ignored().len(),
            ds.documents().len(),
            ds.cities().len(),
            ds.themes().len()
        );
        let _ = out.flush();
    }
    // The process ends next (as in `with_dataset`): freeing every record one by one would only delay the prompt.
    std::mem::forget(ds);
    ExitCode::SUCCESS
}

/// Renders diagnostics sorted by file and position: the first [`SHOWN`] (every one with `all`), a line counting
/// the rest, and the summary of them all.
pub fn render(diags: &[Diagnostic], all: bool) -> String {
    if all || diags.len() <= SHOWN {
        return zhibiao_core::diagnostic::render_all(diags);
    }
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    let mut out = String::new();
    for d in &sorted[..SHOWN] {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out.push_str(&format!("… and {} more; `zhibiao check --all` shows them all\n", diags.len() - SHOWN));
    // The summary line counts every problem, shown or not.
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    out.push_str(&format!("{}, {}\n", plural(errors, "error"), plural(diags.len() - errors, "warning")));
    out
}

/// Warnings for control characters in every YAML file of the root and, once loaded, every source text.
fn control_warnings(root: &Root, ds: Option<&Dataset>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The files the loader reads, asked of the loader, so that this scan and the load cannot disagree on them.
    let yaml = zhibiao_core::load::yaml_files(root).unwrap_or_default();
    // Every file is read and scanned again: on both cores, in the order given (so the warnings' order is fixed).
    let per_yaml = zhibiao_core::parallel::map(&yaml, |rel| match root.read(rel) {
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => zhibiao_core::control_chars::warnings(&root.display(rel), text, true),
            Err(_) => Vec::new(),
        },
        Err(_) => Vec::new(),
    });
    let docs = ds.map(|ds| ds.documents()).unwrap_or_default();
    let per_doc = zhibiao_core::parallel::map(docs, |doc| {
        zhibiao_core::control_chars::warnings(&root.display(&doc.source), &doc.text.text, false)
    });
    out.extend(per_yaml.into_iter().flatten());
    out.extend(per_doc.into_iter().flatten());
    out
}
