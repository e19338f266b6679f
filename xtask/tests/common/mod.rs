//! What the xtask integration tests share: synthetic datasets written to a fresh folder, edits to their files,
//! and what a full load of them says.

// Each test binary uses some of these.
#![allow(dead_code)]

use std::path::PathBuf;

/// A synthetic dataset of `n` cities in a fresh folder, every file settled (a second has passed since it was
/// written, so the racy rule lets a cache or a reload trust it).
pub fn dataset(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join(format!("n{n}"));
    let plan = xtask::synth::Plan::new(&zhibiao_core::Root::Embedded).expect("the bundled dataset verifies");
    xtask::synth::write_dataset(&plan, n, &out, false).expect("synth writes");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    (dir, out)
}

/// What a full load of `root` says now, every file read and no cache.
pub fn full(root: &zhibiao_core::Root) -> Result<zhibiao_core::Dataset, zhibiao_core::LoadError> {
    zhibiao_core::load(root)
}

/// Every problem of a load, as `check` renders them, sorted.
pub fn rendered(e: zhibiao_core::LoadError) -> Vec<String> {
    let mut out: Vec<String> = match e {
        zhibiao_core::LoadError::Invalid(diags) => diags.iter().map(ToString::to_string).collect(),
        zhibiao_core::LoadError::Io(msg) => vec![msg],
    };
    out.sort();
    out
}

/// Rewrites the file at `path` with `f`, which must change it.
pub fn edit(path: &std::path::Path, f: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).expect("read");
    let new = f(&text);
    assert_ne!(new, text, "{} unchanged", path.display());
    std::fs::write(path, new).expect("write");
}

/// The text of `file` without its first record (from its first `- id:` to its second).
pub fn first_record_removed(text: &str) -> String {
    let first = text.find("\n- id:").expect("a record") + 1;
    let second = first + text[first..].find("\n- id:").expect("a second record") + 1;
    format!("{}{}", &text[..first], &text[second..])
}

/// A link from one file to another within a city, added to the dataset at `dir`: a new file
/// `data/indicators/zz-restated.yaml` citing the middle file's document, whose one record restates that file's
/// first record. Returns the middle file's path, its text and the id restated; the files settle before it returns.
pub fn restatement(dir: &std::path::Path) -> (PathBuf, String, String) {
    let files = zhibiao_core::Root::dir(dir).expect("a dataset root").indicator_files().expect("listed");
    let linked = dir.join(&files[files.len() / 2]);
    let text = std::fs::read_to_string(&linked).expect("read");
    let document = text.lines().find_map(|l| l.strip_prefix("document: ")).expect("its document").to_string();
    let first = text.find("\n- id: ").expect("a record") + 1;
    let end = first + 1 + text[first + 1..].find("\n- id: ").expect("a second record") + 1;
    let block = &text[first..end];
    let id = block["- id: ".len()..].lines().next().expect("its id").to_string();
    let copy = block.replacen(&format!("- id: {id}\n"), &format!("- id: {id}-again\n  restates: {id}\n"), 1);
    std::fs::write(dir.join("data/indicators/zz-restated.yaml"), format!("document: {document}\nindicators:\n{copy}"))
        .expect("write");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    (linked, text, id)
}
