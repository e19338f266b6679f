//! Helpers shared by the integration tests.

#[allow(dead_code)]
pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the built `zhibiao` with `args`, as a user would.
#[allow(dead_code)]
pub fn zhibiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibiao")).args(args).output().expect("the binary runs")
}

/// What a run printed on stdout, as text.
#[allow(dead_code)]
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run printed on stderr, as text.
#[allow(dead_code)]
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder under tests/fixtures/.
#[allow(dead_code)]
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A fresh copy of fixture `name` in a temporary folder unique to this test (`tag`), for tests that modify a
/// dataset. The caller removes it.
#[allow(dead_code)]
pub fn scratch_copy(name: &str, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhibiao-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixture(name), &dir);
    dir
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}
