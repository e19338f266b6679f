//! Every write of the dataset under ordinary accidents, run as a user would run the commands: concurrent writers
//! (real processes) queue instead of losing updates, a symbolic link stays a link, new files follow the umask and
//! old ones keep their mode, a document's file is found by what its `document:` says, flow-style lists are
//! appended to or refused with their line, an interrupted write's leftovers go, `add-doc` can be run again, and
//! an I/O error names the file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_yaml::Value;

/// The drafting fixture's texts.
const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/draft");

/// The Hefei plan's id, a document with 15 figures to draft and no records yet.
const HEFEI: &str = "hefei-2022-5g-plan";

/// A scratch dataset: the base fixture plus the Hefei plan, registered, with the metrics it needs.
struct Scratch {
    dir: PathBuf,
    cache: tempfile::TempDir,
}

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = common::scratch_copy("base", &format!("writes-{tag}"));
        let path = dir.join("data/metrics.yaml");
        let mut registry = fs::read_to_string(&path).expect("read");
        let extra = fs::read_to_string(Path::new(DIR).join("metrics.yaml")).expect("read");
        for entry in extra.split("\n- id: ").skip(1) {
            let id = entry.lines().next().unwrap_or_default();
            if !registry.contains(&format!("- id: {id}\n")) {
                registry.push_str(&format!("- id: {}\n", entry.trim_end()));
            }
        }
        fs::write(&path, registry).expect("write");
        fs::copy(Path::new(DIR).join("hefei-2022-5g-plan.txt"), dir.join("seeds/hefei.txt")).expect("copy");
        let docs = dir.join("data/documents.yaml");
        let mut yaml = fs::read_to_string(&docs).expect("read");
        yaml.push_str(&format!("- id: {HEFEI}\n  source: seeds/hefei.txt\n  city: xuzhou\n  title: 合肥市推进5G网络建设三年行动计划\n  title_en: Hefei 5G plan\n  issuer: 合肥市人民政府\n  issuer_en: Hefei government\n  date: 2022-03-15\n  kind: work-plan\n"));
        fs::write(&docs, yaml).expect("write");
        Scratch { dir, cache: tempfile::tempdir().expect("temp dir") }
    }

    /// The command `zhibiao --data DIR ARGS…`, with a cache folder of its own, under umask 022.
    fn command(&self, args: &[&str]) -> Command {
        self.command_umask("022", args)
    }

    fn command_umask(&self, umask: &str, args: &[&str]) -> Command {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_zhibiao"))
            .arg("--data")
            .arg(&self.dir)
            .args(args)
            .env("XDG_CACHE_HOME", self.cache.path());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The list `key` of a YAML text.
fn list(yaml: &str, key: &str) -> Vec<Value> {
    let v: Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("not YAML ({e}):\n{yaml}"));
    v.get(key).and_then(Value::as_sequence).cloned().unwrap_or_default()
}

/// The files of a folder, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

/// Eight `add-doc` at once, each its own text: all eight registered, none lost, and the dataset verifies.
#[test]
fn eight_concurrent_add_docs_all_land_in_documents_yaml() {
    let s = Scratch::new("add-doc-8");
    let texts = tempfile::tempdir().expect("temp dir");
    let children: Vec<_> = (0..8)
        .map(|k| {
            let file = texts.path().join(format!("report-{k}.txt"));
            fs::write(&file, format!("第{k}号报告。\n全市新建5G基站{}座。\n", 100 + k)).expect("write");
            s.command(&[
                "add-doc",
                file.to_str().unwrap_or_default(),
                "--city",
                "xuzhou",
                "--title",
                &format!("报告{k}"),
                "--date",
                "2023-05-01",
                "--title-en",
                &format!("Report {k}"),
                "--issuer",
                "测试市",
                "--issuer-en",
                "Test city",
                "--kind",
                "news-report",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
        })
        .collect();
    for child in children {
        let o = child.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    }
    let docs: Vec<Value> = serde_yaml::from_str(&s.read("data/documents.yaml")).expect("documents.yaml parses");
    let ids: Vec<&str> = docs.iter().filter_map(|d| d.get("id").and_then(Value::as_str)).collect();
    for k in 0..8 {
        assert!(ids.contains(&format!("xuzhou-2023-report-{k}").as_str()), "report {k} lost: {ids:?}");
    }
    assert_eq!(ids.len(), 2 + 8);
    let o = s.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

/// Two `draft --write` of one document at once: its records are appended once.
#[test]
fn two_concurrent_draft_writes_of_one_document_append_once() {
    let s = Scratch::new("draft-2");
    let children: Vec<_> = (0..2)
        .map(|_| {
            s.command(&["draft", "--doc", HEFEI, "--write"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().expect("wait")).collect();
    let appended = outputs.iter().filter(|o| text(&o.stdout).contains("appended 15 drafted records")).count();
    assert_eq!(appended, 1, "{:?}", outputs.iter().map(|o| text(&o.stdout) + &text(&o.stderr)).collect::<Vec<_>>());
    let file = s.read(&format!("data/indicators/{HEFEI}.yaml"));
    assert_eq!(list(&file, "indicators").len(), 15, "{file}");
}

/// An indicator file that is a symbolic link: written through, the link kept.
#[cfg(unix)]
#[test]
fn draft_write_through_a_symlink_keeps_the_link() {
    let s = Scratch::new("symlink");
    fs::create_dir_all(s.path("curated")).expect("mkdir");
    let real = s.path("curated/hefei.yaml");
    fs::write(&real, format!("# kept elsewhere\ndocument: {HEFEI}\nindicators:\n")).expect("write");
    let link = s.path(&format!("data/indicators/{HEFEI}.yaml"));
    std::os::unix::fs::symlink("../../curated/hefei.yaml", &link).expect("symlink");
    let o = s.run(&["draft", "--doc", HEFEI, "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(fs::symlink_metadata(&link).expect("meta").file_type().is_symlink(), "the link is still a link");
    let written = fs::read_to_string(&real).expect("read");
    assert!(written.starts_with("# kept elsewhere\n"));
    assert_eq!(list(&written, "indicators").len(), 15, "the real file got the records");
}

/// Files the tool creates follow the umask (0644 under 022, 0600 under 077); a file that exists keeps its mode.
#[cfg(unix)]
#[test]
fn new_files_follow_the_umask_and_old_ones_keep_their_mode() {
    let s = Scratch::new("modes");
    let o = s.run(&["draft", "--doc", HEFEI, "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let file = s.path(&format!("data/indicators/{HEFEI}.yaml"));
    assert_eq!(mode(&file), 0o644, "a new indicators file under umask 022");
    let texts = tempfile::tempdir().expect("temp dir");
    let t = texts.path().join("notice.txt");
    fs::write(&t, "通知。\n").expect("write");
    let t = t.to_str().unwrap_or_default();
    let o = s.run(&["add-doc", t, "--city", "xuzhou", "--title", "通知", "--date", "2023"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(mode(&s.path("seeds/notice.txt")), 0o644, "the copied text under umask 022");
    // An existing file with its own mode keeps it.
    let docs = s.path("data/documents.yaml");
    let before = mode(&docs);
    assert_eq!(before, 0o644);
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&docs, fs::Permissions::from_mode(0o640)).expect("chmod");
    fs::write(texts.path().join("second.txt"), "第二份通知。\n").expect("write");
    let second = texts.path().join("second.txt");
    let o = s
        .command_umask(
            "077",
            &["add-doc", second.to_str().unwrap_or_default(), "--city", "xuzhou", "--title", "二", "--date", "2023"],
        )
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(mode(&docs), 0o640, "documents.yaml keeps its mode");
    assert_eq!(mode(&s.path("seeds/second.txt")), 0o600, "a new file under umask 077");
}

/// A document's records in a file not named after it, its `document:` quoted or commented: `draft --write`
/// appends there and starts no second file.
#[test]
fn the_documents_file_is_found_by_its_document_line_in_every_form() {
    for (k, line) in [
        format!("document: '{HEFEI}'"),
        format!("document: \"{HEFEI}\""),
        format!("document: {HEFEI}  # the Hefei plan"),
    ]
    .iter()
    .enumerate()
    {
        let s = Scratch::new(&format!("document-line-{k}"));
        let rel = "data/indicators/hefei-records.yaml";
        fs::write(s.path(rel), format!("{line}\nindicators: []\n")).expect("write");
        let o = s.run(&["draft", "--doc", HEFEI, "--write"]);
        assert_eq!(o.status.code(), Some(0), "{line}: {}", text(&o.stderr));
        assert_eq!(names(&s.path("data/indicators")), ["hefei-records.yaml", "test-plan.yaml"], "{line}");
        assert_eq!(list(&s.read(rel), "indicators").len(), 15, "{line}");
        assert!(text(&o.stdout).contains("hefei-records.yaml"), "{}", text(&o.stdout));
    }
}

/// The base fixture's records with one taken out (so one figure is left to draft), written back in flow style.
fn flow_dataset(tag: &str, one_line: bool) -> (Scratch, Vec<Value>) {
    let s = Scratch::new(tag);
    let rel = "data/indicators/test-plan.yaml";
    let mut records = list(&s.read(rel), "indicators");
    let ignored = list(&s.read(rel), "ignored");
    records.retain(|r| r.get("id").and_then(Value::as_str) != Some("t-charging"));
    let json = |v: &Value| serde_json::to_string(v).expect("JSON");
    let items: Vec<String> = records.iter().map(json).collect();
    let body = if one_line {
        format!("indicators: [ {} ]  # flow style\n", items.join(", "))
    } else {
        format!("indicators: [\n  {}  # the last one\n]\n", items.join(",\n  "))
    };
    let ignored: Vec<String> = ignored.iter().map(json).collect();
    let yaml = format!("# a flow-style file\ndocument: test-plan\n{body}ignored: [{}]\n", ignored.join(", "));
    fs::write(s.path(rel), yaml).expect("write");
    (s, records)
}

#[test]
fn a_flow_style_list_is_appended_to_and_still_loads() {
    for one_line in [true, false] {
        let (s, records) = flow_dataset(&format!("flow-{one_line}"), one_line);
        let o = s.run(&["check"]);
        assert_eq!(o.status.code(), Some(0), "the flow-style fixture verifies: {}", text(&o.stderr));
        let o = s.run(&["draft", "--doc", "test-plan", "--write"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let after = s.read("data/indicators/test-plan.yaml");
        assert_eq!(after.matches("\nindicators:").count(), 1, "one key: {after}");
        let now = list(&after, "indicators");
        assert_eq!(now[..records.len()], records[..], "the old records as they were");
        assert_eq!(now.len(), records.len() + 1, "{after}");
        assert!(now[records.len()].get("quote").and_then(Value::as_str).is_some_and(|q| q.contains("4000个")));
        // What check says now is about the draft's TODOs, not about a file it cannot read.
        let o = s.run(&["check"]);
        let err = text(&o.stderr);
        assert!(!err.contains("duplicate") && !err.contains("did not find"), "{err}");
    }
}

#[test]
fn a_list_that_cannot_be_appended_safely_is_refused_with_its_line() {
    let s = Scratch::new("refused");
    let rel = "data/indicators/test-plan.yaml";
    let text_before = s.read(rel);
    // A tag on the list: valid YAML, but not a form to append text to blindly.
    let tagged = text_before.replacen("indicators:\n", "indicators: !!seq\n", 1);
    let charging = tagged.find("  - id: t-charging").expect("the record");
    let next = tagged[charging + 3..].find("  - id: ").map(|i| charging + 3 + i).expect("a next record");
    let tagged = format!("{}{}", &tagged[..charging], &tagged[next..]);
    fs::write(s.path(rel), &tagged).expect("write");
    let o = s.run(&["draft", "--doc", "test-plan", "--write"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("{}:2:1: error: cannot append to `indicators:` safely", s.path(rel).display())),
        "{err}"
    );
    assert_eq!(s.read(rel), tagged, "nothing written");
}

/// What a killed write left (its temporary files, in data/, data/indicators/, seeds/ and the cache folder) is
/// removed by the next run; a hidden file of the user's is not.
#[test]
fn leftovers_of_an_interrupted_write_are_removed_by_the_next_run() {
    let s = Scratch::new("leftovers");
    assert_eq!(s.run(&["list"]).status.code(), Some(0));
    let cache = s.cache.path().join("zhibiao");
    let cache_file = names(&cache).into_iter().find(|n| n.ends_with(".bin")).expect("a cache file");
    // A writer killed mid-write: its lock file exists, its temporary files are left.
    let add_doc = s.run(&[
        "add-doc",
        &format!("{DIR}/wuxi-2023-5g-progress.txt"),
        "--city",
        "xuzhou",
        "--title",
        "t",
        "--date",
        "2023",
    ]);
    assert_eq!(add_doc.status.code(), Some(0), "{}", text(&add_doc.stderr));
    let left = [
        s.path("data/indicators/.test-plan.yaml.zhibiao-tmp-Ab12Cd34"),
        s.path("data/.documents.yaml.zhibiao-tmp-Ef56Gh78"),
        s.path("seeds/.plan.txt.zhibiao-tmp-Ij90Kl12"),
        cache.join(format!(".{cache_file}.zhibiao-tmp-Mn34Op56")),
    ];
    for f in &left {
        fs::write(f, "half a write").expect("write");
    }
    fs::write(s.path("data/indicators/.notes"), "mine").expect("write");
    let o = s.run(&["list"]);
    assert_eq!(o.status.code(), Some(1), "the added text's TODO fields stop the load: {}", text(&o.stderr));
    for f in &left {
        assert!(!f.exists(), "{} is left", f.display());
    }
    assert!(s.path("data/indicators/.notes").exists(), "the user's own hidden file stays");
}

/// `add-doc` run again with the same text and name: nothing to do (exit 0); cut short after the copy: the next
/// run registers it instead of refusing the identical copy.
#[test]
fn add_doc_is_idempotent_and_completes_a_half_done_registration() {
    let s = Scratch::new("add-doc-again");
    let file = format!("{DIR}/wuxi-2023-5g-progress.txt");
    let args = ["add-doc", &file, "--city", "xuzhou", "--title", "无锡", "--date", "2023-01-18"];
    assert_eq!(s.run(&args).status.code(), Some(0));
    let docs = s.read("data/documents.yaml");
    let o = s.run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("already registered"), "{}", text(&o.stdout));
    assert_eq!(s.read("data/documents.yaml"), docs, "nothing written twice");
    // Another text under a name already taken is still refused.
    let other = tempfile::tempdir().expect("temp dir");
    let changed = other.path().join("wuxi-2023-5g-progress.txt");
    fs::write(&changed, "另一份文本。\n").expect("write");
    let o = s.run(&[
        "add-doc",
        changed.to_str().unwrap_or_default(),
        "--city",
        "xuzhou",
        "--title",
        "x",
        "--date",
        "2023",
        "--id",
        "another",
    ]);
    assert_eq!(o.status.code(), Some(2));

    // Killed between the copy and the entry: the copy is there, the entry is not.
    let t = Scratch::new("add-doc-half");
    let docs_before = t.read("data/documents.yaml");
    fs::copy(&file, t.path("seeds/wuxi-2023-5g-progress.txt")).expect("copy");
    let o = t.run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let docs_after = t.read("data/documents.yaml");
    assert!(docs_after.starts_with(&docs_before) && docs_after.contains("source: seeds/wuxi-2023-5g-progress.txt"));
}

/// A write that fails for want of space (here: a file-size limit) names the file and what was being done.
#[cfg(unix)]
#[test]
fn an_io_error_names_the_file_and_the_operation() {
    let s = Scratch::new("efbig");
    let big = tempfile::tempdir().expect("temp dir");
    let file = big.path().join("long.txt");
    fs::write(&file, "全市新建5G基站一万座。\n".repeat(4000)).expect("write");
    // A limit of a few KB on files this process writes (and the signal it would raise ignored, so the write
    // fails with an error instead of killing the process).
    let o = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_zhibiao"))
        .arg("--data")
        .arg(&s.dir)
        .args(["add-doc", file.to_str().unwrap_or_default(), "--city", "xuzhou", "--title", "t", "--date", "2023"])
        .env("XDG_CACHE_HOME", s.cache.path())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains(&format!("{}: cannot write:", s.path("seeds/long.txt").display())), "{err}");
    assert!(!s.path("seeds/long.txt").exists(), "no half copy");
    assert_eq!(names(&s.path("seeds")), ["hefei.txt", "plan.txt"], "no temporary file left");
}
