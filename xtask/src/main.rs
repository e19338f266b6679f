//! `cargo xtask`: developer tasks that are not part of the `zhibiao` product — `synth` (a synthetic dataset of N
//! cities), `bench` (the benchmark behind BENCHMARKS.md) and `man` (the man page generated from the command line's
//! definition).

mod bench;
mod man;
mod synth_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Developer tasks for zhibiao (run as `cargo xtask …`).
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about)]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Write a synthetic dataset of N cities made from the real seeds (for benchmarks).
    Synth(synth_cmd::Args),
    /// Measure load, first frame, keystrokes, rendering and memory on synthetic datasets of 10, 100, 1000 cities.
    Bench(bench::Args),
    /// Write the zhibiao(1) man page, generated from the command line's definition.
    Man(man::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Task::Synth(args) => synth_cmd::run(&args),
        Task::Bench(args) => bench::run(&args),
        Task::Man(args) => man::run(&args),
    }
}
