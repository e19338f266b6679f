//! The layering is a dependency graph: the dataset library (`zhibiao-core`) depends on no terminal, argument,
//! file-watching or progress-bar crate, directly or through another crate, and the explorer does not depend on the
//! command line. Asked of cargo itself, so an alias (`use ratatui as r;`) or a re-export cannot hide a dependency.

use std::process::Command;

/// The normal (non-dev, non-build) dependency tree of `package`, one crate name per line.
fn normal_dependencies(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "--offline", "-e", "normal", "--prefix", "none", "--format", "{p}", "-p", package])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree -p {package}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_core_library_has_no_terminal_or_argument_crates() {
    let deps = normal_dependencies("zhibiao-core");
    assert!(deps.iter().any(|d| d == "serde"), "the tree was read: {deps:?}");
    for banned in ["ratatui", "crossterm", "clap", "clap_complete", "notify", "indicatif", "signal-hook"] {
        assert!(!deps.iter().any(|d| d == banned), "zhibiao-core depends on {banned}: {deps:?}");
    }
}

#[test]
fn the_explorer_does_not_depend_on_the_command_line() {
    let deps = normal_dependencies("zhibiao-explorer");
    assert!(deps.iter().any(|d| d == "ratatui"), "the tree was read: {deps:?}");
    for banned in ["zhibiao", "clap", "indicatif"] {
        assert!(!deps.iter().any(|d| d == banned), "zhibiao-explorer depends on {banned}: {deps:?}");
    }
}
