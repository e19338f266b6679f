//! Embeds the bundled dataset (`data/` and `seeds/`) into the binary, so an installed `zhibiao` works from any
//! folder. Generates `$OUT_DIR/embedded.rs` with one `include_bytes!` per file (the dataset lives at the
//! workspace root, two folders above this crate), and sets `ZHIBIAO_BUILD_ID`: a hash of this crate's sources
//! (where every rule lives) and the lock file, so that a build with other rules never trusts an older build's
//! cache (the package version does not change when a rule does).

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

/// Every file under `dir`, any extension.
fn collect_all(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_all(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The build identity: FNV-1a (128-bit) over the path and bytes of every source file, the build script and the
/// nearest Cargo.lock (the dependencies' versions decide behaviour too), in a fixed order.
fn build_id(root: &Path) -> String {
    let mut files = Vec::new();
    collect_all(&root.join("src"), &mut files);
    files.push(root.join("build.rs"));
    files.sort();
    if let Some(lock) = root.ancestors().map(|d| d.join("Cargo.lock")).find(|p| p.is_file()) {
        println!("cargo:rerun-if-changed={}", lock.display());
        files.push(lock);
    }
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u128::from(b);
            hash = hash.wrapping_mul(0x0000000001000000000000000000013B);
        }
    };
    for path in &files {
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        feed(rel.as_bytes());
        feed(&[0]);
        feed(&fs::read(path).unwrap_or_default());
        feed(&[0]);
    }
    format!("{hash:032x}")
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=ZHIBIAO_BUILD_ID={}", build_id(&manifest));
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
