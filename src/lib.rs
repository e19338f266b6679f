//! The `zhibiao` command line as a library: the argument definition and the subcommands, over the dataset
//! library (`zhibiao_core`) and the explorer (`zhibiao_explorer`). `src/main.rs` runs it; `cargo xtask man`
//! reads the same definition to write the man page.

pub mod cli;

/// What zhibiao is, in one line (the package description).
pub const DESCRIPTION: &str = env!("CARGO_PKG_DESCRIPTION");
