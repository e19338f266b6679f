//! The command line: arguments, dispatch, and the conventions every subcommand follows.
//!
//! Exit codes: 0 success (also when the reader closes stdout early); 1 problems found (a dataset that does not
//! verify, candidates left); 2 usage or I/O error, including a document, id or paragraph the user typed that does
//! not exist. Data problems go to stderr compiler-style; results go to stdout through [`output`].

pub mod add_doc;
pub mod candidates;
pub mod check;
pub mod compare;
pub mod complete;
pub mod draft;
pub mod list;
pub mod loading;
pub mod man;
pub mod metrics;
pub mod output;
pub mod progress;
pub mod sheet;
pub mod show;
pub mod source;
pub mod suggest;
pub mod summary;
pub mod table;
pub mod watch;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use unicode_width::UnicodeWidthStr;
use zhibiao_core::{Dataset, LoadError, Root};

/// The help heading of the options every command takes, listed after a command's own.
const GLOBAL: &str = "Global options";

/// Explore the numeric goals Chinese city governments publish — and the figures they report — each traceable
/// to the verbatim sentence of its source document.
///
/// With no command, on a terminal, opens the explorer. Every command reads the dataset bundled into the
/// binary unless --data names another dataset root (a folder holding data/ and the source texts).
#[derive(Debug, Parser)]
#[command(name = "zhibiao", version, about, long_about, after_help = examples())]
pub struct Cli {
    /// Dataset root to read instead of the bundled dataset (a folder holding data/ and seeds/).
    #[arg(long, value_name = "DIR", global = true, help_heading = GLOBAL)]
    pub data: Option<PathBuf>,

    /// Colour and underline: on a terminal unless NO_COLOR is set (auto), always, or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = output::ColorChoice::Auto, global = true, help_heading = GLOBAL)]
    pub color: output::ColorChoice,

    /// Read every file and verify it again, neither reusing nor writing the cache of verified records (kept in
    /// $XDG_CACHE_HOME/zhibiao or ~/.cache/zhibiao for a --data folder; `check` never reuses it).
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_cache: bool,

    /// Print a generated file and exit: the man page (`man`: zhibiao --generate man >
    /// ~/.local/share/man/man1/zhibiao.1) or a completion script (complete-bash, complete-zsh, complete-fish, …).
    #[arg(long, value_enum, value_name = "KIND")]
    pub generate: Option<Generate>,

    /// What to do; without one, the explorer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The examples under `zhibiao --help`: (command, what it does), the second column aligned by display width
/// (a Chinese character takes two columns).
const EXAMPLES: &[(&str, &str)] = &[
    ("zhibiao", "open the explorer"),
    ("zhibiao list --city 沈阳 --kind target", "targets of Shenyang"),
    ("zhibiao list --grep 5G --format json", "every 5G figure, as JSON"),
    ("zhibiao show xz2020-5g-new", "one indicator and its source paragraph"),
    ("zhibiao progress --city 沈阳", "where Shenyang's targets stand, and why"),
    ("zhibiao compare 5g_base_stations", "one metric across cities and years"),
    ("zhibiao source xuzhou-2020-new-infrastructure-opinions --para 19", ""),
    ("zhibiao check --data ./my-dataset", "verify a dataset, compiler-style"),
    ("zhibiao list --format xlsx --output goals.xlsx", "every indicator as an Excel workbook"),
    ("zhibiao completions bash > ~/.local/share/bash-completion/completions/zhibiao", ""),
    ("zhibiao --generate man > ~/.local/share/man/man1/zhibiao.1", ""),
];

/// The `Examples:` block of the top-level help.
pub fn examples() -> String {
    let width = EXAMPLES.iter().filter(|(_, what)| !what.is_empty()).map(|(cmd, _)| cmd.width()).max().unwrap_or(0);
    let mut out = String::from("Examples:");
    for (cmd, what) in EXAMPLES {
        out.push_str("\n  ");
        out.push_str(cmd);
        if !what.is_empty() {
            out.push_str(&" ".repeat(width - cmd.width() + 3));
            out.push_str(what);
        }
    }
    out
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List indicators, filtered; as an aligned table, CSV, JSON or an Excel workbook.
    List(list::Args),
    /// List the metric registry: what each metric measures, its unit, how many records and cities have it.
    Metrics(metrics::Args),
    /// Where each target stands: met, missed, on-track, behind, in-progress or no-data, with the figure that
    /// decides it and why.
    Progress(progress::Args),
    /// Every record of one metric across cities and years, in the metric's unit, with notes where rows differ.
    Compare(compare::Args),
    /// Show one indicator with its source paragraph, the quote highlighted.
    Show(show::Args),
    /// Print a source document with paragraph numbers.
    Source(source::Args),
    /// Verify the dataset: every quote in its source, every number in its quote. Exit 1 on problems.
    Check(check::Args),
    /// List quantities in the sources that no indicator cites and no curator ignored. Exit 1 if any.
    Candidates(candidates::Args),
    /// Count indicators per city, theme, year and document.
    Summary,
    /// Print a first draft of a document's records (every quantity not yet curated); --write appends it.
    Draft(draft::Args),
    /// Copy a new source text into the dataset (--data) and register it in data/documents.yaml.
    AddDoc(add_doc::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell) to stdout.
    Completions(CompletionsArgs),
    /// Watch a dataset's folders so that `list` stats only the files that changed (large datasets; Linux).
    #[command(long_about = watch::LONG_ABOUT)]
    Watch(watch::Args),
}

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The zhibiao(1) man page, with every command's options and the explorer's keys.
    Man,
    /// The bash completion script (as `zhibiao completions bash`).
    CompleteBash,
    /// The zsh completion script.
    CompleteZsh,
    /// The fish completion script.
    CompleteFish,
    /// The elvish completion script.
    CompleteElvish,
    /// The PowerShell completion script.
    CompletePowershell,
}

/// Arguments of `zhibiao completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Install, e.g.:
  zhibiao completions bash > ~/.local/share/bash-completion/completions/zhibiao
  zhibiao completions zsh > ~/.zfunc/_zhibiao      # with fpath+=~/.zfunc before compinit
  zhibiao completions fish > ~/.config/fish/completions/zhibiao.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
    /// An Excel workbook (needs --output FILE): header row frozen, numbers as numbers.
    Xlsx,
}

/// Runs a parsed command line, returning the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    output::init(cli.color);
    suggest::init(cli.data.as_deref());
    loading::set_no_cache(cli.no_cache);
    if let Some(what) = cli.generate {
        return finish(generate(what));
    }
    let result = match cli.command {
        Some(Command::Check(args)) => return check::run(&cli.data, &args),
        Some(Command::AddDoc(args)) => return add_doc::run(&cli.data, &args),
        Some(Command::Draft(args)) => {
            // `--write` drafts from the dataset as it stands under the lock: a second `draft --write` of the same
            // document waits, then finds the first one's records and appends nothing twice.
            let _lock = match (&cli.data, args.write) {
                (Some(dir), true) if dir.join("data").is_dir() => match zhibiao_core::atomic::lock_dataset(dir) {
                    Ok(lock) => Some(lock),
                    Err(e) => {
                        eprintln!("zhibiao: draft --write: {e}");
                        return ExitCode::from(2);
                    }
                },
                _ => None,
            };
            with_dataset(&cli.data, |ds| draft::run(&cli.data, ds, &args))
        }
        Some(Command::List(args)) => {
            list::run_indexed(&cli.data, &args).unwrap_or_else(|| with_dataset(&cli.data, |ds| list::run(ds, &args)))
        }
        Some(Command::Metrics(args)) => metrics::run_on(&cli.data, &args),
        Some(Command::Progress(args)) => with_dataset(&cli.data, |ds| progress::run(ds, &args)),
        Some(Command::Compare(args)) => with_dataset(&cli.data, |ds| compare::run(ds, &args)),
        Some(Command::Show(args)) => with_dataset(&cli.data, |ds| show::run(ds, &args)),
        Some(Command::Source(args)) => with_dataset(&cli.data, |ds| source::run(ds, &args)),
        Some(Command::Candidates(args)) => with_dataset(&cli.data, |ds| candidates::run(ds, &args)),
        Some(Command::Summary) => with_dataset(&cli.data, summary::run),
        Some(Command::Completions(args)) => completions(&args),
        Some(Command::Watch(args)) => watch::run(&cli.data, &args),
        None => explore(&cli.data),
    };
    finish(result)
}

/// The exit code of a command's result: a closed stdout ends quietly, an I/O or usage error exits 2.
fn finish(result: io::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhibiao: {}", output::for_stderr(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// `zhibiao completions SHELL`: the completion script, generated from the same definition that parses arguments.
fn completions(args: &CompletionsArgs) -> io::Result<ExitCode> {
    let mut out = output::stdout();
    out.write_all(&completion_script(args.shell))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The completion script for `shell`, completing the bundled dataset's names (see [`complete`]).
pub fn completion_script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut complete::with_names(Cli::command()), "zhibiao", &mut script);
    script
}

/// `zhibiao --generate KIND`.
fn generate(what: Generate) -> io::Result<ExitCode> {
    use clap_complete::Shell;
    let bytes = match what {
        Generate::Man => man::page(Cli::command())?,
        Generate::CompleteBash => completion_script(Shell::Bash),
        Generate::CompleteZsh => completion_script(Shell::Zsh),
        Generate::CompleteFish => completion_script(Shell::Fish),
        Generate::CompleteElvish => completion_script(Shell::Elvish),
        Generate::CompletePowershell => completion_script(Shell::PowerShell),
    };
    let mut out = io::stdout().lock();
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Bare `zhibiao`: the explorer on a terminal; anywhere else, a pointer to the commands that print.
fn explore(data: &Option<PathBuf>) -> io::Result<ExitCode> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "zhibiao: the explorer needs a terminal; to print indicators use `{}` (or `{}`, `zhibiao --help`)",
            suggest::command("list"),
            suggest::command("summary")
        );
        return Ok(ExitCode::from(2));
    }
    let root = root(data)?;
    let (what, folder) = match &root {
        Root::Dir(path) => (path.display().to_string(), Some(path.clone())),
        _ => ("the bundled dataset".to_string(), None),
    };
    let dir = loading::cache_dir();
    let data = folder.clone();
    match zhibiao_explorer::run_loading(what, folder, move |started| {
        // The first cities from the cache's index while every record is decoded (a second or more at 12,000
        // cities); with no index to trust, the loading frame until the load is done.
        let index = data.as_deref().zip(dir.as_deref()).and_then(|(data, dir)| loading::trusted_index(data, dir));
        if let Some(first) = index.and_then(|index| index.first_cities(started.rows())) {
            started.show_first(first);
            hold_if_a_test_asks();
        }
        zhibiao_core::Loader::new(&root).cache(dir.as_deref()).counter(started.counter()).load_live()
    })? {
        None => Ok(ExitCode::SUCCESS),
        Some(e) => load_failed(e),
    }
}

/// A test-only pause between the first cities shown and the whole load (`ZHIBIAO_TEST_HOLD_LOAD`, in
/// milliseconds), so a real-terminal test can type while they are shown. Debug builds only.
#[cfg(debug_assertions)]
fn hold_if_a_test_asks() {
    if let Some(ms) = std::env::var("ZHIBIAO_TEST_HOLD_LOAD").ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(not(debug_assertions))]
fn hold_if_a_test_asks() {}

/// Opens the dataset root named on the command line, or the bundled one.
pub fn root(data: &Option<PathBuf>) -> io::Result<Root> {
    match data {
        Some(dir) => Root::dir(dir),
        None => Ok(Root::Embedded),
    }
}

/// Loads the dataset and runs `f` on it; a dataset that does not verify is reported and never half-shown.
pub fn with_dataset(data: &Option<PathBuf>, f: impl FnOnce(&Dataset) -> io::Result<ExitCode>) -> io::Result<ExitCode> {
    let root = root(data)?;
    match loading::load(&root) {
        Ok(ds) => {
            report_unfinished(data, &ds);
            let result = f(&ds);
            // The process ends next: handing 100,000 records back to the allocator one by one would cost a
            // tenth of a warm start for nothing.
            std::mem::forget(ds);
            result
        }
        Err(e) => load_failed(e),
    }
}

/// Says once, on stderr, how many unfinished drafts the load set aside and where, and how to see their TODOs.
pub fn report_unfinished(data: &Option<PathBuf>, ds: &Dataset) {
    report_unfinished_summary(data, ds.unfinished_summary());
}

/// Says `summary` (what a load said of the unfinished drafts it set aside) as [`report_unfinished`] does.
pub fn report_unfinished_summary(data: &Option<PathBuf>, summary: Option<String>) {
    if let Some(summary) = summary {
        let check = command_line(data, "check");
        eprintln!("zhibiao: note: {}", output::for_stderr(&summary));
        eprintln!("  hint: the rest of the dataset is used without them; `{check}` lists each TODO to fill in");
    }
}

/// The command line that runs `command` on the same dataset (`zhibiao --data DIR check`): see [`suggest`].
pub fn command_line(data: &Option<PathBuf>, command: &str) -> String {
    suggest::with(data.as_deref(), command)
}

/// Reports a dataset that did not load: an I/O error (exit 2) or every problem found (exit 1).
pub fn load_failed(e: LoadError) -> io::Result<ExitCode> {
    match e {
        LoadError::Io(msg) => Err(io::Error::other(msg)),
        LoadError::Invalid(diags) => {
            let mut err = io::stderr().lock();
            write!(err, "{}", output::for_stderr(&check::render(&diags, false)))?;
            writeln!(
                err,
                "zhibiao: the dataset does not verify; run `{}` for the full report",
                suggest::command("check")
            )?;
            Ok(ExitCode::from(1))
        }
    }
}
