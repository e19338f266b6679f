//! The `zhibiao` command: the command line and (on a terminal, with no command) the explorer.

use std::process::ExitCode;

use clap::Parser;
use zhibiao::cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    cli::run(cli)
}
