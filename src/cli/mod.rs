//! The command line: arguments, dispatch, and the conventions every subcommand follows.
//!
//! Exit codes: 0 success; 1 problems found (a dataset that does not verify, candidates left, no such
//! indicator); 2 usage or I/O error. Data problems go to stderr compiler-style; results go to stdout.

pub mod bench;
pub mod candidates;
pub mod check;
pub mod list;
pub mod metrics;
pub mod show;
pub mod source;
pub mod summary;
pub mod synth;
pub mod table;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zhibiao::{Dataset, LoadError, Root};

/// Explore the numeric goals Chinese city governments publish — and the figures they report — each traceable
/// to the verbatim sentence of its source document.
///
/// With no command, on a terminal, opens the explorer. Every command reads the dataset bundled into the
/// binary unless --data names another dataset root (a folder holding data/ and the source texts).
#[derive(Debug, Parser)]
#[command(name = "zhibiao", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    /// Dataset root to read instead of the bundled dataset (a folder holding data/ and seeds/).
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,

    /// What to do; without one, the explorer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "\
Examples:
  zhibiao                                   open the explorer
  zhibiao list --city 沈阳 --kind target     targets of Shenyang
  zhibiao list --grep 5G --format json      every 5G figure, as JSON
  zhibiao show xz2020-5g-new                one indicator and its source paragraph
  zhibiao source xuzhou-2020-new-infrastructure-opinions --para 19
  zhibiao check --data ./my-dataset         verify a dataset, compiler-style";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List indicators, filtered; as an aligned table, CSV or JSON.
    List(list::Args),
    /// List the metric registry: what each metric measures, its unit, how many records and cities have it.
    Metrics(metrics::Args),
    /// Show one indicator with its source paragraph, the quote highlighted.
    Show(show::Args),
    /// Print a source document with paragraph numbers.
    Source(source::Args),
    /// Verify the dataset: every quote in its source, every number in its quote. Exit 1 on problems.
    Check(check::Args),
    /// List quantities in the sources that no indicator cites and no curator ignored. Exit 1 if any.
    Candidates(candidates::Args),
    /// Count indicators per city, theme and year.
    Summary,
    /// Write a synthetic dataset of N cities made from the real seeds (for benchmarks).
    Synth(synth::Args),
    /// Measure load, first frame, keystrokes, rendering and memory on synthetic datasets of 10, 100, 1000 cities.
    Bench(bench::Args),
}

/// Output formats shared by the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading (Chinese text counts as double width).
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Runs a parsed command line, returning the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Check(args)) => return check::run(&cli.data, &args),
        Some(Command::Synth(args)) => return synth::run(&cli.data, &args),
        Some(Command::Bench(args)) => return bench::run(&args),
        Some(Command::List(args)) => with_dataset(&cli.data, |ds| list::run(&ds, &args)),
        Some(Command::Metrics(args)) => with_dataset(&cli.data, |ds| metrics::run(&ds, &args)),
        Some(Command::Show(args)) => with_dataset(&cli.data, |ds| show::run(&ds, &args)),
        Some(Command::Source(args)) => with_dataset(&cli.data, |ds| source::run(&ds, &args)),
        Some(Command::Candidates(args)) => with_dataset(&cli.data, |ds| candidates::run(&ds, &args)),
        Some(Command::Summary) => with_dataset(&cli.data, |ds| summary::run(&ds)),
        None => explore(&cli.data),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhibiao: {e}");
            ExitCode::from(2)
        }
    }
}

/// Bare `zhibiao`: the explorer on a terminal; anywhere else, a pointer to the commands that print.
fn explore(data: &Option<PathBuf>) -> io::Result<ExitCode> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "zhibiao: the explorer needs a terminal; to print indicators use `zhibiao list` (or `zhibiao summary`, `zhibiao --help`)"
        );
        return Ok(ExitCode::from(2));
    }
    with_dataset(data, |ds| crate::tui::run(ds).map(|()| ExitCode::SUCCESS))
}

/// Opens the dataset root named on the command line, or the bundled one.
pub fn root(data: &Option<PathBuf>) -> io::Result<Root> {
    match data {
        Some(dir) => Root::dir(dir),
        None => Ok(Root::Embedded),
    }
}

/// Loads the dataset and runs `f` on it; a dataset that does not verify is reported and never half-shown.
pub fn with_dataset(data: &Option<PathBuf>, f: impl FnOnce(Dataset) -> io::Result<ExitCode>) -> io::Result<ExitCode> {
    let root = root(data)?;
    match zhibiao::load(&root) {
        Ok(ds) => f(ds),
        Err(LoadError::Io(msg)) => Err(io::Error::other(msg)),
        Err(LoadError::Invalid(diags)) => {
            let mut err = io::stderr().lock();
            write!(err, "{}", zhibiao::diagnostic::render_all(&diags))?;
            writeln!(err, "zhibiao: the dataset does not verify; run `zhibiao check` for the full report")?;
            Ok(ExitCode::from(1))
        }
    }
}
