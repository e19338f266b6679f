//! What the xtask integration tests share: synthetic datasets written to a fresh folder.

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
