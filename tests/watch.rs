//! `zhibiao watch`: while it runs, `list` asks it which files changed instead of stat'ing each one, and still
//! prints what `--no-cache` prints after every kind of change (an edit in place that puts the time back, a save
//! by renaming, a file added or removed, a source text or table changed); a watcher that was killed, or a second
//! one, changes nothing but a message.
#![cfg(target_os = "linux")]

mod common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

struct Setup {
    root: PathBuf,
    cache: tempfile::TempDir,
    watcher: Option<Child>,
}

impl Setup {
    fn new(tag: &str) -> Setup {
        let root = common::scratch_copy("base", &format!("watch-{tag}"));
        // Every file a minute old, and the first load in a later second: nothing is racy unless made so.
        let old = SystemTime::now() - Duration::from_secs(60);
        for dir in ["data", "data/indicators", "seeds"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("folder") {
                let path = entry.expect("entry").path();
                if path.is_file() {
                    std::fs::File::options().write(true).open(&path).and_then(|f| f.set_modified(old)).expect("age");
                }
            }
        }
        std::thread::sleep(Duration::from_millis(1100));
        Setup { root, cache: tempfile::tempdir().expect("temp dir"), watcher: None }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_zhibiao"));
        c.arg("--data").arg(&self.root).args(args).env("XDG_CACHE_HOME", self.cache.path());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    /// `list --format json` through the cache (and the watcher, when one runs) equals `--no-cache`'s.
    fn same_as_fresh(&self, what: &str) {
        let warm = self.run(&["list", "--format", "json"]);
        let fresh = self.run(&["--no-cache", "list", "--format", "json"]);
        assert!(fresh.status.success(), "{what}: {}", common::stderr(&fresh));
        assert_eq!(common::stdout(&warm), common::stdout(&fresh), "{what}: {}", common::stderr(&warm));
    }

    fn socket(&self) -> PathBuf {
        let dir = self.cache.path().join("zhibiao");
        let found = std::fs::read_dir(&dir).ok().and_then(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "watch"))
        });
        found.unwrap_or_else(|| dir.join("none.watch"))
    }

    /// Starts `zhibiao watch` and waits until it answers.
    fn start_watcher(&mut self) {
        let child = self.command(&["watch"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("starts");
        self.watcher = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while UnixStream::connect(self.socket()).is_err() {
            assert!(Instant::now() < deadline, "the watcher never listened");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// What the watcher answers about the cache's index now.
    fn ask(&self) -> String {
        let root = zhibiao_core::Root::dir(&self.root).expect("root");
        let opened = zhibiao_core::lookup::open_head(&root, &self.cache.path().join("zhibiao")).expect("an index");
        let mut stream = UnixStream::connect(self.socket()).expect("the watcher listens");
        stream.write_all(format!("ask {}\n", opened.identity()).as_bytes()).expect("ask");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).expect("reply");
        reply
    }

    fn file(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        if let Some(mut w) = self.watcher.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Replaces `from` by `to` (the same length) in place, then puts the modification time back.
fn edit_in_place(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let mtime = std::fs::metadata(path).and_then(|m| m.modified()).expect("mtime");
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    let mut f = std::fs::File::options().write(true).open(path).expect("open");
    f.write_all(text.replacen(from, to, 1).as_bytes()).expect("write");
    f.set_modified(mtime).expect("mtime back");
}

/// Saves `path` as an editor that writes a new file and renames it into place does.
fn save_by_renaming(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    let new = path.with_extension("yaml.new");
    std::fs::write(&new, text.replacen(from, to, 1)).expect("write");
    std::fs::rename(&new, path).expect("rename");
}

#[test]
fn the_watcher_tells_each_edit_and_list_prints_what_no_cache_prints() {
    let mut s = Setup::new("edits");
    s.same_as_fresh("the first load, which writes the cache");
    s.start_watcher();
    assert_eq!(s.ask(), "changed\n.\n", "nothing changed since the index was written");
    s.same_as_fresh("nothing changed");

    let plan = "data/indicators/test-plan.yaml";
    edit_in_place(&s.file(plan), "name: 电动汽车充电桩", "name: 电动汽车充電桩");
    assert_eq!(s.ask(), format!("changed\n{plan}\n.\n"), "an edit in place with its time put back");
    s.same_as_fresh("an edit in place with its time put back");

    save_by_renaming(&s.file(plan), "name: 绿色出行比例", "name: 绿色出行占比");
    assert!(s.ask().contains(&format!("\n{plan}\n")), "a save by renaming");
    s.same_as_fresh("a save by renaming");

    let more = "data/indicators/test-plan-more.yaml";
    std::fs::write(s.file(more), "document: test-plan\nindicators: []\n").expect("add a file");
    s.same_as_fresh("a file added");
    std::fs::remove_file(s.file(more)).expect("remove it");
    s.same_as_fresh("the file removed");

    let source = "seeds/plan.txt";
    let text = std::fs::read_to_string(s.file(source)).expect("source");
    std::fs::write(s.file(source), text.replacen("4000个", "4001个", 1)).expect("change the source");
    let o = s.run(&["list"]);
    assert_eq!(o.status.code(), Some(1), "a changed source no longer verifies: {}", common::stdout(&o));
    std::fs::write(s.file(source), text).expect("the source back");
    s.same_as_fresh("the source put back");

    let metrics = s.file("data/metrics.yaml");
    let table = std::fs::read_to_string(&metrics).expect("metrics");
    std::fs::write(&metrics, format!("{table}\n# a comment\n")).expect("a table changed");
    s.same_as_fresh("a table changed");
}

#[test]
fn folders_created_renamed_and_removed_under_the_watch_change_no_answer() {
    let mut s = Setup::new("folders");
    s.same_as_fresh("the first load");
    s.start_watcher();
    // A folder the watcher did not know, with a file in it: watched from then on.
    std::fs::create_dir_all(s.file("seeds/more/deeper")).expect("folders");
    std::fs::write(s.file("seeds/more/deeper/note.txt"), "not a source").expect("a file");
    s.same_as_fresh("a folder created");
    // The folder holding the source text renamed away and back: no event names the file, yet it moved.
    std::fs::rename(s.file("seeds"), s.file("seeds-away")).expect("rename away");
    let o = s.run(&["list"]);
    assert_ne!(o.status.code(), Some(0), "the source text is gone: {}", common::stdout(&o));
    std::fs::rename(s.file("seeds-away"), s.file("seeds")).expect("rename back");
    s.same_as_fresh("the folder back");
    // An edit after folders came and went is told like any other.
    edit_in_place(&s.file("data/indicators/test-plan.yaml"), "name: 新建5G基站", "name: 新建5G站点");
    s.same_as_fresh("an edit after folders came and went");
    std::fs::remove_dir_all(s.file("seeds/more")).expect("remove");
    s.same_as_fresh("a folder removed");
}

#[test]
fn a_killed_watcher_or_a_second_one_changes_no_answer() {
    let mut s = Setup::new("killed");
    s.same_as_fresh("the first load");
    s.start_watcher();
    let second = s.run(&["watch"]);
    assert_eq!(second.status.code(), Some(2));
    assert!(common::stderr(&second).contains("watched already"), "{}", common::stderr(&second));

    // Killed at once: its socket stays behind, and nobody answers on it.
    let mut w = s.watcher.take().expect("a watcher");
    w.kill().expect("kill");
    w.wait().expect("reaped");
    assert!(s.socket().exists());
    edit_in_place(&s.file("data/indicators/test-plan.yaml"), "name: 新建5G基站", "name: 新建5G站点");
    s.same_as_fresh("an edit after the watcher was killed");
    // A new watcher takes the place of the dead one's socket.
    s.start_watcher();
    s.same_as_fresh("a new watcher");
}

#[test]
fn a_watcher_stopped_by_a_signal_removes_its_socket_and_one_without_data_is_a_usage_error() {
    let mut s = Setup::new("signal");
    s.same_as_fresh("the first load");
    s.start_watcher();
    let mut w = s.watcher.take().expect("a watcher");
    let pid = w.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs").success());
    let status = w.wait().expect("reaped");
    assert_eq!(status.code(), Some(0));
    assert!(!s.socket().exists(), "the socket is removed on the way out");

    let o = common::zhibiao(&["watch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("watch needs --data DIR"), "{}", common::stderr(&o));
    // Its help says what it is for, that answers do not depend on it, and how it stops.
    let help = common::stdout(&common::zhibiao(&["watch", "--help"]));
    for words in ["stats those alone", "The answers are the same with or without it", "Ctrl-C", "Examples:"] {
        assert!(help.contains(words), "{words:?} in\n{help}");
    }
}
