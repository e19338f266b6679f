//! `cargo xtask man`: the zhibiao(1) man page, generated with clap_mangen from the same definition that parses
//! the command line, so the page cannot drift from `zhibiao --help`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

/// Arguments of `cargo xtask man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Example:
  cargo xtask man --out target/man && man target/man/zhibiao.1")]
pub struct Args {
    /// Folder to write zhibiao.1 (and one page per subcommand, zhibiao-list.1, …) into; created if absent.
    #[arg(long, value_name = "DIR", default_value = "target/man")]
    pub out: PathBuf,
}

/// Writes the pages; exit 2 on an I/O error.
pub fn run(args: &Args) -> ExitCode {
    // Compiled into xtask, clap would take the version and description of the xtask package: use zhibiao's.
    let cmd = zhibiao::cli::Cli::command().version(zhibiao_core::VERSION).about(zhibiao::DESCRIPTION);
    let written = std::fs::create_dir_all(&args.out).and_then(|()| clap_mangen::generate_to(cmd, &args.out));
    match written {
        Ok(()) => {
            println!("wrote {}", args.out.join("zhibiao.1").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask man: {}: {e}", args.out.display());
            ExitCode::from(2)
        }
    }
}
