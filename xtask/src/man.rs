//! `cargo xtask man`: the zhibiao(1) man page, generated with clap_mangen from the same definition that parses
//! the command line, so the page cannot drift from `zhibiao --help`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

/// Arguments of `cargo xtask man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Example:
  cargo xtask man && man target/man/zhibiao.1
An installed zhibiao prints the same zhibiao.1: zhibiao --generate man > ~/.local/share/man/man1/zhibiao.1")]
pub struct Args {
    /// Folder to write zhibiao.1 (and one page per subcommand, zhibiao-list.1, …) into; created if absent.
    /// Default: man/ in Cargo's target folder ($CARGO_TARGET_DIR, else target/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Where the pages go without --out: `man/` in the target folder Cargo builds into.
fn default_out(target_dir: Option<std::ffi::OsString>) -> PathBuf {
    match target_dir.filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir).join("man"),
        None => PathBuf::from("target/man"),
    }
}

/// Writes the pages; exit 2 on an I/O error.
pub fn run(args: &Args) -> ExitCode {
    // Compiled into xtask, clap would take the version and description of the xtask package: use zhibiao's.
    let cmd = zhibiao::cli::Cli::command().version(zhibiao_core::VERSION).about(zhibiao::DESCRIPTION);
    let out = args.out.clone().unwrap_or_else(|| default_out(std::env::var_os("CARGO_TARGET_DIR")));
    // One page per subcommand as clap_mangen writes them, then zhibiao.1 itself as `zhibiao --generate man`
    // prints it: every command's options and the explorer's keys.
    let written = std::fs::create_dir_all(&out)
        .and_then(|()| clap_mangen::generate_to(cmd.clone(), &out))
        .and_then(|()| zhibiao::cli::man::page(cmd))
        .and_then(|page| std::fs::write(out.join("zhibiao.1"), page));
    match written {
        Ok(()) => {
            println!("wrote {}", out.join("zhibiao.1").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask man: {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}
