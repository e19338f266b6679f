//! The cache of verified records: whatever state it is in (truncated, from another build or root, racy, stale
//! after an edit that put the modification time back, a file deleted or added, a named pipe or a folder in its
//! place, its folder read-only or missing), `list` prints what `--no-cache` prints.

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
        // Every file is old: nothing is racy unless a test makes it so. The files' status-change times are now,
        // which the racy rule also looks at: the first load starts in a later second.
        age_all(&root);
        next_second();
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

    /// The cache files written so far (not their lock files).
    fn cache_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.cache.path().join("zhibiao")) {
            Ok(dir) => {
                dir.map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "bin")).collect()
            }
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

/// Waits for the next second of the clock.
fn next_second() {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).expect("clock").as_secs();
    while SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).expect("clock").as_secs() == now {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What tells one file from its replacement: (inode, mtime, ctime in ns); a rewritten cache file has another.
#[cfg(unix)]
fn identity(path: &Path) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).expect("meta");
    (m.ino(), m.mtime_nsec() + m.mtime() * 1_000_000_000, m.ctime_nsec() + m.ctime() * 1_000_000_000)
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

/// Replaces `from` by `to` (of the same length) in a file, keeping its size and putting its modification time
/// back, as `rsync -t`, `cp -p` or an editor may: only the status-change time and (with a new file) the inode tell.
fn edit_unseen(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let mtime = std::fs::metadata(path).and_then(|m| m.modified()).expect("mtime");
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
    set_mtime(path, mtime);
}

#[cfg(unix)]
#[test]
fn a_warm_cache_is_used_and_gives_the_same_records() {
    let s = Setup::new("warm");
    let fresh = s.fresh();
    assert!(s.cache_files().is_empty(), "--no-cache writes no cache");
    assert_eq!(s.list(), fresh);
    assert_eq!(s.cache_files().len(), 1, "the first load writes the cache");
    let file = s.cache_files().pop().expect("a cache file");
    let written = identity(&file);
    assert_eq!(s.list(), fresh);
    // Proof that the second start reused everything: a load that re-read anything writes the cache again.
    assert_eq!(identity(&file), written, "a warm start with nothing changed leaves the cache as it is");
    let o = s.run(&["check"], s.cache.path());
    assert!(o.status.success());
}

#[test]
fn an_edit_that_keeps_size_and_puts_the_time_back_is_seen() {
    let s = Setup::new("unseen");
    s.list();
    edit_unseen(&s.file("test-plan-more.yaml"), "EV charging points", "EV Charging points");
    let listed = s.list();
    assert!(listed.contains("EV Charging points"), "the cache trusted a changed file");
    assert_eq!(listed, s.fresh());
    // An edit that breaks the quote: `list` fails as `check` does, not exit 0 with the old value.
    edit_unseen(&s.file("test-plan-more.yaml"), "4000个", "5000个");
    let cached = s.run(&["list", "--format", "json"], s.cache.path());
    let check = s.run(&["check"], s.cache.path());
    assert_eq!(check.status.code(), Some(1), "a quote not in its source no longer verifies");
    assert_eq!(cached.status.code(), Some(1), "{}", String::from_utf8_lossy(&cached.stdout));
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

#[cfg(unix)]
#[test]
fn a_cache_from_another_build_or_root_is_ignored_and_rewritten() {
    let s = Setup::new("build");
    let fresh = s.fresh();
    s.list();
    let file = s.cache_files().pop().expect("a cache file");
    let bytes = std::fs::read(&file).expect("read cache");
    // The header: the magic, the build (version + a hash of the sources), the dataset root.
    let lines: Vec<&[u8]> = bytes.splitn(4, |&b| b == b'\n').take(3).collect();
    let build = String::from_utf8_lossy(lines[1]).into_owned();
    let (version, hash) = build.split_once('+').expect("version+hash");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    assert!(hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{build}");
    let canonical = std::fs::canonicalize(&s.root).expect("canonical");
    assert_eq!(lines[2], canonical.as_os_str().as_encoded_bytes());
    // The same version with other rules: another hash. Its cache is not read, and is replaced.
    let other_hash: String = hash.chars().map(|c| if c == '0' { '1' } else { '0' }).collect();
    let at = lines[0].len() + 1 + version.len() + 1;
    let mut other = bytes.clone();
    other[at..at + hash.len()].copy_from_slice(other_hash.as_bytes());
    std::fs::write(&file, &other).expect("write");
    let header = |f: &Path| -> Vec<u8> {
        let b = std::fs::read(f).expect("read");
        b[..b.iter().enumerate().filter(|(_, &c)| c == b'\n').nth(2).map_or(0, |(i, _)| i)].to_vec()
    };
    let written = identity(&file);
    assert_eq!(s.list(), fresh);
    assert_ne!(identity(&file), written, "the other build's cache was replaced");
    assert_eq!(header(&file), bytes[..header(&file).len()], "by this build's");
    // Another root's cache under this root's name (a copied cache folder): not read, replaced.
    let twin = common::scratch_copy("base", "cache-build-twin");
    let mut foreign = bytes.clone();
    let root_at = lines[0].len() + lines[1].len() + 2;
    let twin_path = std::fs::canonicalize(&twin).expect("canonical");
    foreign.splice(root_at..root_at + lines[2].len(), twin_path.as_os_str().as_encoded_bytes().iter().copied());
    std::fs::write(&file, &foreign).expect("write");
    let written = identity(&file);
    assert_eq!(s.list(), fresh);
    assert_ne!(identity(&file), written, "the foreign cache was replaced");
    assert!(std::fs::read(&file).expect("read").starts_with(&bytes[..root_at + lines[2].len()]));
    let _ = std::fs::remove_dir_all(&twin);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_folder_in_place_of_the_cache_file_is_ignored_and_replaced() {
    let s = Setup::new("fifo");
    let fresh = s.fresh();
    s.list();
    let file = s.cache_files().pop().expect("a cache file");
    std::fs::remove_file(&file).expect("remove");
    let made = Command::new("mkfifo").arg(&file).status().expect("mkfifo runs");
    assert!(made.success());
    // Opening a pipe for reading waits for a writer: a command that did so would hang here.
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .arg("--data")
        .arg(&s.root)
        .args(["list", "--format", "json"])
        .env("XDG_CACHE_HOME", s.cache.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("`list` hung on a named pipe in the cache folder");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(String::from_utf8_lossy(&out.stdout), fresh);
    assert!(std::fs::symlink_metadata(&file).expect("meta").is_file(), "the pipe was replaced by a cache file");
    // A folder in its place, with something in it.
    std::fs::remove_file(&file).expect("remove");
    std::fs::create_dir_all(file.join("inner")).expect("mkdir");
    assert_eq!(s.list(), fresh);
    assert!(std::fs::symlink_metadata(&file).expect("meta").is_file(), "the folder was replaced by a cache file");
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
fn load_incremental_rereads_only_the_file_that_changed_and_only_for_its_own_build() {
    let s = Setup::new("incremental");
    let root = zhibiao_core::Root::dir(&s.root).expect("a dataset root");
    let (first, snapshot) = zhibiao_core::Loader::new(&root).reload(zhibiao_core::cache::Snapshot::default());
    let first = first.expect("the fixture verifies");
    assert_eq!(snapshot.files.len(), 2, "one entry per indicator file");
    let name = |ds: &zhibiao_core::Dataset, id: &str| ds.indicator(id).expect(id).name_en.clone();
    assert_eq!(name(&first, "t-charging"), "EV charging points");
    // A mark in the snapshot's records of the file left alone: it shows only if they are reused.
    let mut marked = snapshot.clone();
    for (_, ind) in &mut marked.files.get_mut("data/indicators/test-plan-more.yaml").expect("entry").indicators {
        ind.name_en = format!("{} (from the snapshot)", ind.name_en).into();
    }
    // The other file edited, keeping its size and putting its time back.
    edit_unseen(&s.file("test-plan.yaml"), "New 5G base stations", "New 5G Base stations");
    let (second, _) = zhibiao_core::Loader::new(&root).reload(marked.clone());
    let second = second.expect("still verifies");
    assert_eq!(name(&second, "t-5g"), "New 5G Base stations", "the edited file was read again");
    assert_eq!(name(&second, "t-charging"), "EV charging points (from the snapshot)", "the other one was reused");
    assert_eq!(second.indicators().len(), first.indicators().len());
    // The same snapshot from another build (same version, other rules): nothing of it is reused.
    marked.version = format!("{}+other", env!("CARGO_PKG_VERSION"));
    let (third, _) = zhibiao_core::Loader::new(&root).reload(marked);
    assert_eq!(name(&third.expect("verifies"), "t-charging"), "EV charging points");
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
    // A source changed so that its size and modification time stay the same: the cache sees it (a new
    // status-change time and inode), so the warm start fails as `--no-cache` and `check` do, and never prints
    // blanks for paragraphs.
    edit_unseen(&s.root.join("seeds/plan.txt"), "4000个", "5000个");
    let warm = s.run(&["source", "test-plan"], s.cache.path());
    let cold = s.run(&["--no-cache", "source", "test-plan"], s.cache.path());
    assert!(!cold.status.success());
    assert_eq!(warm.status.code(), cold.status.code(), "{}", String::from_utf8_lossy(&warm.stdout));
    assert_eq!(warm.stderr, cold.stderr);
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

#[test]
fn a_warm_filtered_list_prints_what_no_cache_prints_in_every_format() {
    let s = Setup::new("indexed");
    s.list();
    let file = s.cache_files().pop().expect("a cache file");
    let written = identity(&file);
    let filters: &[&[&str]] = &[
        &[],
        &["--city", "徐州"],
        &["--city", "xuzhou", "--grep", "5G"],
        &["--grep", "^ev"],
        &["--grep", "徐州"],
        &["--grep", "Transport"],
        &["--grep", "nothing-matches-this"],
        &["--theme", "transport", "--year", "2025"],
        &["--kind", "target", "--metric", "ev_charging_points,green_travel_share"],
        &["--doc", "test-plan", "--grep", "充电|公交"],
        &["--year", "2022", "--kind", "actual"],
    ];
    let mut shown = Vec::new();
    for filter in filters {
        for format in ["table", "csv", "json"] {
            let mut args = vec!["list", "--format", format];
            args.extend_from_slice(filter);
            let warm = s.run(&args, s.cache.path());
            let mut plain = vec!["--no-cache"];
            plain.extend_from_slice(&args);
            let fresh = s.run(&plain, s.cache.path());
            assert_eq!(warm.status.code(), fresh.status.code(), "{args:?}");
            assert_eq!(String::from_utf8_lossy(&warm.stdout), String::from_utf8_lossy(&fresh.stdout), "{args:?}");
            assert_eq!(String::from_utf8_lossy(&warm.stderr), String::from_utf8_lossy(&fresh.stderr), "{args:?}");
            if format == "table" {
                shown.push(String::from_utf8_lossy(&warm.stdout).lines().last().unwrap_or_default().to_string());
            }
        }
    }
    // Not vacuous: some filters print nothing, some a part, one everything.
    assert!(shown.iter().any(|l| l.starts_with("0 of ")), "{shown:?}");
    assert!(shown.iter().any(|l| !l.starts_with("0 of ") && shown[0] != *l), "{shown:?}");
    // An unknown city is the same usage error (exit 2) either way.
    let warm = s.run(&["list", "--city", "nowhere"], s.cache.path());
    let fresh = s.run(&["--no-cache", "list", "--city", "nowhere"], s.cache.path());
    assert_eq!((warm.status.code(), warm.stderr), (Some(2), fresh.stderr));
    assert_eq!(identity(&file), written, "answers from the index leave the cache as it is");
}

/// `list` through the cache and with `--no-cache` print the same (stdout, stderr, exit code) for each filter and
/// format; the cache file's identity after them.
fn same_as_no_cache(s: &Setup, what: &str) -> (u64, i64, i64) {
    for filter in [&[][..], &["--grep", "充电|5G"][..], &["--theme", "transport"][..]] {
        for format in ["table", "json"] {
            let mut args = vec!["list", "--format", format];
            args.extend_from_slice(filter);
            let warm = s.run(&args, s.cache.path());
            let fresh = s.run(&[&["--no-cache"][..], &args].concat(), s.cache.path());
            let text = |o: &Output| (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned());
            assert_eq!(text(&warm), text(&fresh), "{what}: {args:?}");
            assert_eq!(String::from_utf8_lossy(&warm.stderr), String::from_utf8_lossy(&fresh.stderr), "{what}");
        }
    }
    identity(&s.cache_files().pop().expect("a cache file"))
}

#[cfg(unix)]
#[test]
fn an_edited_indicator_file_is_verified_alone_and_anything_it_breaks_is_the_full_loads_error() {
    let s = Setup::new("changed");
    // A record of the second file restates one of the first: a link across files.
    let more = s.file("test-plan-more.yaml");
    let again = "  - id: t-5g-again\n    metric: 5g_base_stations_new\n    name: 新建5G基站\n    name_en: New 5G \
                 base stations, again\n    theme: digital-infrastructure\n    kind: target\n    comparator: equal\n    \
                 value: 1\n    unit: 万座\n    year: 2022\n    quote: 到2022年,新建 5G基站 1万座\n    restates: t-5g\n";
    let text = std::fs::read_to_string(&more).expect("read");
    std::fs::write(&more, format!("{text}{again}")).expect("write");
    age_all(&s.root);
    next_second();
    assert!(s.list().contains("t-5g-again"), "the linked record loads");
    let written = identity(&s.cache_files().pop().expect("a cache file"));

    // Edits that verify: answered from the index and the edited file alone, so the cache is not rewritten.
    let edit = |path: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(path).expect("read");
        assert!(text.contains(from), "{from}");
        std::fs::write(path, text.replacen(from, to, 1)).expect("write");
    };
    edit(&more, "name_en: EV charging points", "name_en: EV charging posts");
    assert_eq!(same_as_no_cache(&s, "a name edited"), written, "the index answered");
    assert!(s.list().contains("EV charging posts"), "the edit is seen");
    // Saved the way many editors save: a new file renamed over the old one (the folder's stamp changes).
    let first = s.file("test-plan.yaml");
    let saved = s.root.join("data/indicators/.test-plan.yaml.swp");
    std::fs::write(&saved, std::fs::read_to_string(&first).expect("read") + "# saved\n").expect("write");
    std::fs::rename(&saved, &first).expect("rename");
    assert_eq!(same_as_no_cache(&s, "saved by renaming"), written, "the index answered");

    // A command that loads in full (`show`) writes the cache again, once the edits are a second old: then only the
    // file each break edits has changed.
    age_all(&s.root);
    next_second();
    assert!(s.run(&["show", "t-charging"], s.cache.path()).status.success());
    let rewritten = identity(&s.cache_files().pop().expect("a cache file"));
    assert_ne!(rewritten, written, "a full load rewrote the cache");

    // Edits that break the dataset: the index is refused and the full load reports them, exactly as without the
    // cache. A new record whose id another file has (its link valid); a link from the edited file to a record of another metric; a record
    // another file links to renamed (what links to it breaks); an entry that no longer verifies.
    let duplicate = format!("{}ignored:", again.replace("t-5g-again", "t-green-travel"));
    let breaks: [(&Path, &str, &str); 4] = [
        (&first, "ignored:", &duplicate),
        (&more, "    quote: 电动汽车充电桩 4000个\n", "    quote: 电动汽车充电桩 4000个\n    restates: t-5g\n"),
        (&first, "id: t-5g\n", "id: t-5h\n"),
        (&more, "value: 4000", "value: 4001"),
    ];
    for (path, from, to) in breaks {
        let before = std::fs::read_to_string(path).expect("read");
        edit(path, from, to);
        let o = s.run(&["list"], s.cache.path());
        assert_eq!(o.status.code(), Some(1), "{to}: {}", String::from_utf8_lossy(&o.stderr));
        same_as_no_cache(&s, to);
        std::fs::write(path, before).expect("restore");
    }
    same_as_no_cache(&s, "restored");
}

#[cfg(unix)]
#[test]
fn a_file_with_an_unfinished_draft_is_read_again_but_the_cache_is_not_rewritten_for_it() {
    let s = Setup::new("draft");
    let more = s.file("test-plan-more.yaml");
    let text = std::fs::read_to_string(&more).expect("read");
    std::fs::write(&more, text.replacen("name_en: EV charging points", "name_en: TODO", 1)).expect("write");
    age_all(&s.root);
    next_second();
    let first = s.run(&["list"], s.cache.path());
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stderr).contains("1 unfinished drafted record set aside"));
    let written = identity(&s.cache_files().pop().expect("a cache file"));
    next_second();
    // Every start reads the draft's file again (its note is printed each time), and finds the rest as it was.
    let again = s.run(&["list"], s.cache.path());
    assert_eq!(again.stderr, first.stderr);
    assert_eq!(again.stdout, first.stdout);
    assert_eq!(identity(&s.cache_files().pop().expect("a cache file")), written, "the cache was rewritten");
    // Answered from the index with the draft's file read again: the same records, note and errors as without
    // the cache (the note comes before a filter's usage error too).
    assert_eq!(same_as_no_cache(&s, "with a draft"), written);
    let warm = s.run(&["list", "--city", "nowhere"], s.cache.path());
    let fresh = s.run(&["--no-cache", "list", "--city", "nowhere"], s.cache.path());
    assert_eq!((warm.status.code(), &warm.stderr), (fresh.status.code(), &fresh.stderr));
    assert!(String::from_utf8_lossy(&warm.stderr).contains("unfinished drafted record"));
    // The draft's file edited: one file read again, as always; a few edited files are not worth rewriting the
    // cache for, so it stays as it is, and every answer is still the full load's.
    std::fs::write(&more, std::fs::read_to_string(&more).expect("read") + "# edited\n").expect("write");
    assert!(s.run(&["show", "t-5g"], s.cache.path()).status.success());
    assert_eq!(same_as_no_cache(&s, "the draft's file edited"), written);
}

/// A warm start's records read their strings where the mapped cache file holds them; the cache file replaced
/// the way a write replaces it (a new file renamed over it) while they are in use leaves them as they were.
#[test]
fn a_warm_starts_records_read_their_strings_from_the_cache_file_which_a_rewrite_does_not_disturb() {
    let s = Setup::new("mapped");
    let root = zhibiao_core::Root::dir(&s.root).expect("a dataset root");
    let dir = s.cache.path().join("zhibiao");
    let load = || zhibiao_core::Loader::new(&root).cache(Some(&dir)).load().expect("the fixture verifies");
    // Every field of every record, as its Debug form prints it (strings as their text).
    let records =
        |ds: &zhibiao_core::Dataset| -> Vec<String> { ds.indicators().iter().map(|i| format!("{i:?}")).collect() };
    let cold = load();
    assert!(cold.indicators().iter().all(|i| !i.quote.is_borrowed()), "a load from the YAML owns its strings");
    let written = s.cache_files();
    assert_eq!(written.len(), 1, "the cold load wrote the cache");
    let warm = load();
    assert_eq!(records(&warm), records(&cold));
    assert!(!warm.indicators().is_empty());
    for i in warm.indicators() {
        let strings = [&i.id, &i.name, &i.name_en, &i.unit, &i.base_unit, &i.quote];
        assert!(strings.iter().all(|s| s.is_borrowed()), "{} read in place", i.id);
    }
    // Replaced whole while the warm records are alive: they still read what they read.
    let tmp = dir.join("replacement.tmp");
    std::fs::write(&tmp, vec![b'x'; 4096]).expect("write");
    std::fs::rename(&tmp, &written[0]).expect("rename over the cache file");
    assert_eq!(records(&warm), records(&cold));
    // And the next start finds a file that is no cache, and loads (and rewrites it) as a cold start does.
    assert_eq!(records(&load()), records(&cold));
    assert!(load().indicators().iter().all(|i| i.quote.is_borrowed()), "the rewritten cache is read in place");
}
