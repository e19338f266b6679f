//! Embeds the bundled dataset (`data/` and `seeds/`) into the binary, so an installed `zhibiao` works from any
//! folder. Generates `$OUT_DIR/embedded.rs` with one `include_bytes!` per file. The dataset lives at the
//! workspace root, two folders above this crate.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "txt")) {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    let mut files = Vec::new();
    for top in ["data", "seeds"] {
        println!("cargo:rerun-if-changed=../../{top}");
        collect(&root.join(top), &mut files);
    }
    files.sort();
    let mut code = String::from("/// Every file of the bundled dataset: (path relative to the root, bytes).\n");
    code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for path in &files {
        let rel = path.strip_prefix(&root).expect("collected under the root");
        let rel = rel.to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_bytes!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
