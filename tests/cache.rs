//! The cache of verified records: whatever state it is in (truncated, from another version, racy, stale after
//! an edit, a file deleted or added, its folder read-only or missing), `list` prints what `--no-cache` prints.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

/// A dataset root with its indicators in two files, and a cache folder of its own.
struct Setup {
    root: PathBuf,
    cache: tempfile::TempDir,
}

impl Setup {
    fn new(tag: &str) -> Setup {
        let root = common::scratch_copy("base", &format!("cache-{tag}"));
        let file = root.join("data/indicators/test-plan.yaml");
        let text = std::fs::read_to_string(&file).expect("read the fixture");
        // The first record stays with the ignored passages; the others move to a second file.
        let second = text.match_indices("\n  - id: ").nth(1).map(|(i, _)| i + 1).expect("a second record");
        let ignored = text.find("\nignored:").map(|i| i + 1).expect("ignored passages");
        let first = format!("{}{}", &text[..second], &text[ignored..]);
        let rest = format!("document: test-plan\nindicators:\n{}", &text[second..ignored]);
        std::fs::write(&file, first).expect("write");
        std::fs::write(root.join("data/indicators/test-plan-more.yaml"), rest).expect("write");
        // Every file is old: nothing is racy unless a test makes it so.
        age_all(&root);
        Setup { root, cache: tempfile::tempdir().expect("temp dir") }
    }

    fn run(&self, args: &[&str], cache: &Path) -> Output {
        Command::new(env!("CARGO_BIN_EXE_zhibiao"))
            .arg("--data")
            .arg(&self.root)
            .args(args)
            .env("XDG_CACHE_HOME", cache)
            .output()
            .expect("the binary runs")
    }

    /// `list --format json`, through the cache.
    fn list(&self) -> String {
        let o = self.run(&["list", "--format", "json"], self.cache.path());
        assert!(o.status.success(), "list failed: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("UTF-8")
    }

    /// `list --format json --no-cache`.
    fn fresh(&self) -> String {
        let o = self.run(&["--no-cache", "list", "--format", "json"], self.cache.path());
        assert!(o.status.success(), "list --no-cache failed: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("UTF-8")
    }

    /// The cache files written so far.
    fn cache_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.cache.path().join("zhibiao")) {
            Ok(dir) => dir.map(|e| e.expect("entry").path()).collect(),
            Err(_) => Vec::new(),
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.root.join("data/indicators").join(name)
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Sets a file's modification time.
fn set_mtime(path: &Path, t: SystemTime) {
    let f = std::fs::File::options().write(true).open(path).expect("open");
    f.set_modified(t).expect("set mtime");
}

/// Makes every file of a folder a minute old.
fn age_all(dir: &Path) {
    let old = SystemTime::now() - Duration::from_secs(60);
    for entry in std::fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            age_all(&path);
        } else {
            set_mtime(&path, old);
        }
    }
}

/// Replaces `from` by `to` (of the same length) in a file, keeping its size and modification time: an edit the
/// cache cannot see.
fn edit_unseen(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let mtime = std::fs::metadata(path).and_then(|m| m.modified()).expect("mtime");
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
    set_mtime(path, mtime);
}

#[test]
fn a_warm_cache_is_used_and_gives_the_same_records() {
    let s = Setup::new("warm");
    let fresh = s.fresh();
    assert!(s.cache_files().is_empty(), "--no-cache writes no cache");
    assert_eq!(s.list(), fresh);
    assert_eq!(s.cache_files().len(), 1, "the first load writes the cache");
    assert_eq!(s.list(), fresh);
    // Proof that the second start reused the cache: an edit that keeps size and time is not seen...
    edit_unseen(&s.file("test-plan-more.yaml"), "EV charging points", "EV Charging points");
    assert_eq!(s.list(), fresh);
    // ...while `--no-cache` and `check` read everything again.
    assert!(s.fresh().contains("EV Charging points"));
    let o = s.run(&["check"], s.cache.path());
    assert!(o.status.success());
}

#[test]
fn a_truncated_or_corrupt_cache_is_ignored_and_rebuilt() {
    let s = Setup::new("truncated");
    let fresh = s.fresh();
    s.list();
    let file = s.cache_files().pop().expect("a cache file");
    let bytes = std::fs::read(&file).expect("read cache");
    std::fs::write(&file, &bytes[..bytes.len() / 2]).expect("truncate");
    assert_eq!(s.list(), fresh);
    let rebuilt = std::fs::read(&file).expect("read cache");
    assert!(rebuilt.len() > bytes.len() / 2 && rebuilt.starts_with(b"zhibiao-cache"), "rebuilt whole");
    // One flipped byte in the records: refused by the checksum, not shown.
    let mut flipped = bytes.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x20;
    std::fs::write(&file, &flipped).expect("corrupt");
    assert_eq!(s.list(), fresh);
    std::fs::write(&file, b"garbage").expect("garbage");
    assert_eq!(s.list(), fresh);
}

#[test]
fn a_cache_from_another_version_is_ignored() {
    let s = Setup::new("version");
    let fresh = s.fresh();
    s.list();
    let file = s.cache_files().pop().expect("a cache file");
    let bytes = std::fs::read(&file).expect("read cache");
    let version = env!("CARGO_PKG_VERSION");
    let at = bytes.windows(version.len()).position(|w| w == version.as_bytes()).expect("the version in the header");
    let mut other = bytes[..at].to_vec();
    other.extend_from_slice(b"0.0.0-other");
    other.extend_from_slice(&bytes[at + version.len()..]);
    std::fs::write(&file, &other).expect("write");
    // With a stale record in it too: were the foreign cache trusted, the old name would show.
    edit_unseen(&s.file("test-plan-more.yaml"), "EV charging points", "EV Charging points");
    assert_eq!(s.list(), s.fresh());
    assert_ne!(s.fresh(), fresh);
}

#[test]
fn a_file_edited_within_the_caches_second_is_read_again() {
    let s = Setup::new("racy");
    // The file's time is in the second the cache is written (or later): it may change again unseen.
    let soon = SystemTime::now() + Duration::from_secs(5);
    let file = s.file("test-plan-more.yaml");
    set_mtime(&file, soon);
    s.list();
    // Same size, same time: only the racy rule makes the cache read it again.
    edit_unseen(&file, "EV charging points", "EV Charging points");
    let listed = s.list();
    assert!(listed.contains("EV Charging points"));
    assert_eq!(listed, s.fresh());
}

#[test]
fn an_edit_a_deleted_and_an_added_file_are_seen() {
    let s = Setup::new("files");
    s.list();
    // An ordinary edit: a new size.
    let more = s.file("test-plan-more.yaml");
    let text = std::fs::read_to_string(&more).expect("read");
    std::fs::write(&more, text.replacen("EV charging points", "Charging points for EVs", 1)).expect("write");
    let listed = s.list();
    assert!(listed.contains("Charging points for EVs"));
    assert_eq!(listed, s.fresh());
    // Deleted: its records go.
    std::fs::remove_file(&more).expect("remove");
    let listed = s.list();
    assert!(!listed.contains("Charging points for EVs"));
    assert_eq!(listed, s.fresh());
    // Added back: they return.
    std::fs::write(&more, &text).expect("write");
    let listed = s.list();
    assert!(listed.contains("EV charging points"));
    assert_eq!(listed, s.fresh());
}

#[test]
fn a_changed_source_text_or_table_is_verified_again() {
    let s = Setup::new("shared");
    s.list();
    // A city renamed in the table: every record shows the new name, though no indicator file changed.
    let cities = s.root.join("data/cities.yaml");
    let text = std::fs::read_to_string(&cities).expect("read");
    let name_en = text.lines().find_map(|l| l.trim().strip_prefix("name_en: ")).expect("a city's English name");
    std::fs::write(&cities, text.replacen(name_en, &format!("{name_en} City"), 1)).expect("write");
    let listed = s.list();
    assert!(listed.contains(&format!("{name_en} City")));
    assert_eq!(listed, s.fresh());
    // A source text whose quote is gone: the records citing it no longer verify, through the cache too.
    let source = s.root.join("seeds/plan.txt");
    let text = std::fs::read_to_string(&source).expect("read");
    std::fs::write(&source, text.replace("4000个", "5000个")).expect("write");
    let cached = s.run(&["list", "--format", "json"], s.cache.path());
    let fresh = s.run(&["--no-cache", "list", "--format", "json"], s.cache.path());
    assert_eq!(fresh.status.code(), Some(1), "{}", String::from_utf8_lossy(&fresh.stderr));
    assert_eq!(cached.status.code(), Some(1));
    assert_eq!(cached.stderr, fresh.stderr);
}

#[test]
fn a_read_only_or_missing_cache_folder_is_no_cache() {
    let s = Setup::new("readonly");
    let fresh = s.fresh();
    // A cache home that cannot exist (a file stands where the folder would be).
    let blocked = s.cache.path().join("blocked");
    std::fs::write(&blocked, "a file, not a folder").expect("write");
    let o = s.run(&["list", "--format", "json"], &blocked);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), fresh);
    assert!(o.stderr.is_empty(), "no complaint: {}", String::from_utf8_lossy(&o.stderr));
    // A read-only folder.
    let ro = s.cache.path().join("ro");
    std::fs::create_dir_all(ro.join("zhibiao")).expect("mkdir");
    let mut perms = std::fs::metadata(ro.join("zhibiao")).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(ro.join("zhibiao"), perms).expect("chmod");
    for _ in 0..2 {
        let o = s.run(&["list", "--format", "json"], &ro);
        assert!(o.status.success());
        assert_eq!(String::from_utf8_lossy(&o.stdout), fresh);
        assert!(o.stderr.is_empty());
    }
}

#[test]
fn load_incremental_rereads_only_the_file_that_changed() {
    let s = Setup::new("incremental");
    let root = zhibiao_core::Root::dir(&s.root).expect("a dataset root");
    let (first, snapshot) = zhibiao_core::load_incremental(&root, zhibiao_core::cache::Snapshot::default());
    let first = first.expect("the fixture verifies");
    assert_eq!(snapshot.files.len(), 2, "one entry per indicator file");
    let name = |ds: &zhibiao_core::Dataset, id: &str| ds.indicators()[ds.indicator(id).expect(id)].name_en.clone();
    assert_eq!(name(&first, "t-charging"), "EV charging points");
    // One file edited so the cache cannot see it, the other edited for real (a new size).
    edit_unseen(&s.file("test-plan-more.yaml"), "EV charging points", "EV Charging points");
    let plan = s.file("test-plan.yaml");
    let text = std::fs::read_to_string(&plan).expect("read");
    std::fs::write(&plan, text.replacen("New 5G base stations", "New 5G base stations (all)", 1)).expect("write");
    let (second, _) = zhibiao_core::load_incremental(&root, snapshot);
    let second = second.expect("still verifies");
    // The edited file was read again; the other one's records came from the snapshot.
    assert_eq!(name(&second, "t-5g"), "New 5G base stations (all)");
    assert_eq!(name(&second, "t-charging"), "EV charging points");
    assert_eq!(second.indicators().len(), first.indicators().len());
}

#[test]
fn a_warm_start_reads_source_texts_on_use_and_never_trusts_a_changed_one() {
    let s = Setup::new("texts");
    let source = |cache: &Path, no_cache: bool| {
        let mut args = vec!["source", "test-plan"];
        if no_cache {
            args.insert(0, "--no-cache");
        }
        let o = s.run(&args, cache);
        assert!(o.status.success(), "source failed: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("UTF-8")
    };
    let fresh = source(s.cache.path(), true);
    assert!(fresh.contains("4000个"), "the fixture's text: {fresh}");
    assert_eq!(source(s.cache.path(), false), fresh, "the load that writes the cache");
    assert_eq!(source(s.cache.path(), false), fresh, "a warm start: the text is read when shown");
    // A source changed so that its size and time stay the same: the cache vouches for it, the text's recorded
    // CRC-32 does not. It reads as blanks (no quote cut in half, no panic); `--no-cache` and `check` see the edit.
    edit_unseen(&s.root.join("seeds/plan.txt"), "4000个", "5000个");
    let warm = source(s.cache.path(), false);
    assert!(!warm.contains("4000个") && !warm.contains("5000个"), "{warm}");
    assert!(!s.run(&["--no-cache", "source", "test-plan"], s.cache.path()).status.success());
    assert!(!s.run(&["check"], s.cache.path()).status.success());
}

#[test]
fn a_problem_found_with_the_tables_from_the_cache_reads_as_without_it() {
    let s = Setup::new("tables");
    let fresh = s.fresh();
    assert_eq!(s.list(), fresh, "writes the cache, tables included");
    // An edit (new size) to an indicator file: it is read again and checked against the cached tables.
    let more = s.file("test-plan-more.yaml");
    let text = std::fs::read_to_string(&more).expect("read");
    std::fs::write(&more, text.replacen("metric: ev_charging_points", "metric: ev_charging_point", 1)).expect("write");
    let warm = s.run(&["list"], s.cache.path());
    let cold = s.run(&["--no-cache", "list"], s.cache.path());
    assert_eq!(warm.status.code(), Some(1), "{}", String::from_utf8_lossy(&warm.stderr));
    let stderr = String::from_utf8_lossy(&warm.stderr);
    assert!(stderr.contains("unknown metric `ev_charging_point`") && stderr.contains("ev_charging_points"), "{stderr}");
    assert_eq!(stderr, String::from_utf8_lossy(&cold.stderr), "same message, position and hint");
}
