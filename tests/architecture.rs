//! ARCHITECTURE.md's code map is true to the tree: every source file of the workspace is named in it (by its path
//! inside its crate's `src/`), and every `.rs` file it names exists. A new file fails here until the map says
//! what it holds; a renamed or deleted one fails until the map follows.

use std::path::{Path, PathBuf};

/// The source folders of the workspace's crates, relative to the root.
const SOURCE_ROOTS: [&str; 4] = ["crates/core/src", "crates/explorer/src", "src", "xtask/src"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn architecture() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

#[test]
fn every_source_file_is_named_in_the_code_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = architecture();
    let mut missing = Vec::new();
    let mut seen = 0;
    for base in SOURCE_ROOTS {
        let mut files = Vec::new();
        rust_files(&root.join(base), &mut files);
        for file in files {
            seen += 1;
            let rel = file.strip_prefix(root.join(base)).expect("under its root").to_string_lossy().replace('\\', "/");
            if !map.contains(&format!("`{rel}`")) && !map.contains(&format!("{base}/{rel}")) {
                missing.push(format!("{base}/{rel}"));
            }
        }
    }
    assert!(seen > 100, "the tree was read: {seen} files");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name these files; add a line saying what each holds:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_file_the_code_map_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = architecture();
    let named: Vec<&str> =
        map.split('`').skip(1).step_by(2).filter(|t| t.ends_with(".rs") && !t.contains([' ', '*', '<'])).collect();
    assert!(named.len() > 50, "the map was read: {named:?}");
    let stale: Vec<&str> = named
        .into_iter()
        .filter(|rel| {
            !root.join(rel).is_file()
                && !SOURCE_ROOTS.iter().any(|base| root.join(base).join(rel).is_file())
                && !root.join("tests").join(rel).is_file()
        })
        .collect();
    assert!(stale.is_empty(), "ARCHITECTURE.md names files that do not exist: {stale:?}");
}
