//! The library has no terminal code: no module declared in src/lib.rs (its file or folder) names ratatui,
//! crossterm or clap. The command line and the explorer are layers over it, in the binary only.

use std::path::{Path, PathBuf};

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("read folder") {
            rust_files(&entry.expect("entry").path(), out);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn no_library_module_uses_terminal_or_argument_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    assert!(modules.len() >= 10, "{modules:?}");
    let mut files = vec![src.join("lib.rs")];
    for m in &modules {
        rust_files(&src.join(format!("{m}.rs")), &mut files);
        rust_files(&src.join(m), &mut files);
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read module");
        for name in ["ratatui", "crossterm", "clap"] {
            assert!(
                !text.lines().any(|l| !l.trim_start().starts_with("//") && l.contains(&format!("{name}::"))),
                "{} uses {name}: the library must stay free of terminal and argument code",
                file.display()
            );
        }
    }
}
