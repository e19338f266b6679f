//! `zhibiao check`: verify a dataset and report every problem, compiler-style.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use zhibiao::LoadError;

/// Arguments of `zhibiao check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print only the problems and the summary line, not the success report.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `zhibiao check`: exit 0 when the dataset verifies, 1 with the problems listed, 2 when the dataset root
/// cannot be read at all.
pub fn run(data: &Option<PathBuf>, args: &Args) -> ExitCode {
    let root = match super::root(data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zhibiao: {e}");
            return ExitCode::from(2);
        }
    };
    match zhibiao::load(&root) {
        Ok(ds) => {
            if !args.quiet {
                let _ = writeln!(
                    io::stdout(),
                    "ok: {} indicators and {} ignored passages in {} documents verified ({} cities, {} themes)",
                    ds.indicators().len(),
                    ds.ignored().len(),
                    ds.documents().len(),
                    ds.cities().len(),
                    ds.themes().len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(LoadError::Invalid(diags)) => {
            let _ = write!(io::stderr(), "{}", zhibiao::diagnostic::render_all(&diags));
            ExitCode::from(1)
        }
        Err(LoadError::Io(msg)) => {
            eprintln!("zhibiao: {msg}");
            ExitCode::from(2)
        }
    }
}
