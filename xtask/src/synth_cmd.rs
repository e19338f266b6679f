//! `cargo xtask synth`: write a synthetic dataset of N cities made from the real seeds, for benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use xtask::synth::{self, Plan, SynthError};
use zhibiao_core::{LoadError, Root};

/// Arguments of `cargo xtask synth`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each city gets its own copy of every source document, its name in place of the original city's and every
curated figure scaled by a per-city factor (in the text and in the YAML alike), so the result passes
`zhibiao check`. The same --cities gives byte-identical output. At --cities 1000 expect about 5,000
documents, 100,000 indicators and 150 MB.

Example:
  cargo xtask synth --cities 100 --out /tmp/zb-n100 && zhibiao check --data /tmp/zb-n100")]
pub struct Args {
    /// How many synthetic cities to make (1 to at least 12,000; past 2,389 the names have three characters).
    #[arg(long, value_name = "N")]
    pub cities: usize,

    /// Folder to write the dataset root (data/ and seeds/) to. It must be empty or absent unless --force.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Replace --out if it already holds a dataset (a folder with data/); other folders are never replaced.
    #[arg(long)]
    pub force: bool,

    /// Dataset root to copy from (default: the bundled dataset).
    #[arg(long, alias = "data", value_name = "DIR")]
    pub from: Option<PathBuf>,
}

/// Runs `cargo xtask synth`: exit 0 when written, 1 when the source dataset does not verify, 2 for a usage or I/O
/// error (including a non-empty --out without --force).
pub fn run(args: &Args) -> ExitCode {
    let root = match args.from.as_deref().map_or(Ok(Root::Embedded), Root::dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("xtask synth: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let result = Plan::new(&root).and_then(|plan| synth::write_dataset(&plan, args.cities, &args.out, args.force));
    match result {
        Ok(w) => {
            println!(
                "wrote {} cities, {} documents, {} indicators ({} files, {:.1} MB) to {} in {:.1} s",
                w.cities,
                w.documents,
                w.indicators,
                w.files,
                w.bytes as f64 / 1e6,
                args.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(SynthError::Source(LoadError::Invalid(diags))) => {
            eprint!("{}", zhibiao_core::diagnostic::render_all(&diags));
            eprintln!("xtask synth: the source dataset does not verify; run `zhibiao check` on it first");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("xtask synth: {e}");
            ExitCode::from(2)
        }
    }
}
