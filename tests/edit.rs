//! Appending to the curated YAML: comments and order kept byte for byte, the result parses back to the old records
//! plus the new ones, and a failed write leaves the old file.

use std::fs;

use serde_yaml::Value;
use zhibiao_core::edit::{self, List};

/// An indicator file as a curator writes it: a header comment, comments between and inside records, an `ignored:`
/// section with its own introducing comment, a blank line between sections.
const INDICATORS: &str = "\
# Indicators of a work plan (Testville, 2023).
document: testville-plan
indicators:
  # The headline target.
  - id: tv-5g
    metric: 5g_base_stations   # stock, not new construction
    name: 5G基站
    value: 3000
    quote: 建成5G基站3000个以上

  - id: tv-gdp
    metric: gdp
    value: 1000
    quote: 地区生产总值达到1000亿元

# Passages looked at and left out.
ignored:
  - quote: 第154号
    reason: a proposal number
";

fn parse(text: &str) -> Value {
    serde_yaml::from_str(text).expect("valid YAML")
}

fn list(v: &Value, key: &str) -> Vec<Value> {
    v.get(key).and_then(Value::as_sequence).cloned().unwrap_or_default()
}

#[test]
fn appended_indicator_keeps_every_byte_before_and_after_it() {
    let item = "id: tv-new\nmetric: TODO  # nearest: 5g_base_stations\nvalue: 1\nquote: 新建5G基站1万座\n".to_string();
    let out = edit::append_to_key(INDICATORS, "indicators", &[item]).expect("appends");
    let expected_insert =
        "  - id: tv-new\n    metric: TODO  # nearest: 5g_base_stations\n    value: 1\n    quote: 新建5G基站1万座\n";
    // The new record sits right after the last record, before the blank line and the comment of `ignored:`.
    let cut = INDICATORS.find("\n\n# Passages").unwrap() + 1;
    assert_eq!(out, format!("{}{}{}", &INDICATORS[..cut], expected_insert, &INDICATORS[cut..]));
    let (old, new) = (parse(INDICATORS), parse(&out));
    let mut want = list(&old, "indicators");
    want.push(parse("id: tv-new\nmetric: TODO\nvalue: 1\nquote: 新建5G基站1万座\n"));
    assert_eq!(list(&new, "indicators"), want);
    assert_eq!(list(&new, "ignored"), list(&old, "ignored"));
    assert_eq!(new.get("document"), old.get("document"));
}

#[test]
fn appended_ignored_entry_goes_to_the_end_of_its_list() {
    let item = format!("quote: {}\nreason: a national figure\n", edit::scalar("全国: 100万个"));
    let out = edit::append_to_key(INDICATORS, "ignored", &[item]).expect("appends");
    assert!(out.starts_with(INDICATORS), "everything before is kept");
    assert!(out.ends_with("  - quote: \"全国: 100万个\"\n    reason: a national figure\n"), "{out}");
    let ignored = list(&parse(&out), "ignored");
    assert_eq!(ignored.len(), 2);
    assert_eq!(ignored[1].get("quote").and_then(Value::as_str), Some("全国: 100万个"));
}

#[test]
fn an_ignored_entry_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("testville-plan.yaml");
    fs::write(&path, INDICATORS).unwrap();
    let entry = edit::ignored_entry("第154号: 提案", "a proposal number, not a figure", Some(3));
    edit::append_to_indicator_file(&path, "testville-plan", List::Ignored, &[entry]).unwrap();
    let file = parse(&fs::read_to_string(&path).unwrap());
    let ignored = list(&file, "ignored");
    assert_eq!(ignored.len(), 2);
    assert_eq!(ignored[1], parse("{quote: '第154号: 提案', reason: 'a proposal number, not a figure', paragraph: 3}"));
    assert_eq!(list(&file, "indicators"), list(&parse(INDICATORS), "indicators"));
}

#[test]
fn a_missing_list_is_added_and_an_empty_flow_list_is_opened() {
    let text = "document: d  # the doc\nindicators:\n  - id: a\n    value: 1\n";
    let out = edit::append_to_key(text, "ignored", &["quote: x\nreason: y\n".to_string()]).expect("appends");
    assert_eq!(out, format!("{text}ignored:\n  - quote: x\n    reason: y\n"));

    let text = "document: d\nindicators: []  # none yet\n";
    let out = edit::append_to_key(text, "indicators", &["id: a\n".to_string()]).expect("appends");
    assert_eq!(out, "document: d\nindicators: # none yet\n  - id: a\n");
    assert_eq!(list(&parse(&out), "indicators").len(), 1);
}

#[test]
fn the_file_indentation_and_line_ends_are_matched() {
    // Items at column 0 under their key, and Windows line ends.
    let text = "document: d\r\nindicators:\r\n- id: a\r\n  value: 1\r\n";
    let out = edit::append_to_key(text, "indicators", &["id: b\nvalue: 2\n".to_string()]).expect("appends");
    assert_eq!(out, format!("{text}- id: b\r\n  value: 2\r\n"));
    assert_eq!(list(&parse(&out), "indicators").len(), 2);
}

#[test]
fn documents_entry_is_appended_after_the_last_document_keeping_trailing_comments() {
    let text = "# Source documents.\n- id: a\n  source: seeds/a.txt\n  # a comment inside\n  date: 2020-01-01\n\n# end of list\n";
    let out = edit::append_to_sequence(text, &["id: b\nsource: seeds/b.txt\n".to_string()]).expect("appends");
    assert_eq!(
        out,
        "# Source documents.\n- id: a\n  source: seeds/a.txt\n  # a comment inside\n  date: 2020-01-01\n- id: b\n  source: seeds/b.txt\n\n# end of list\n"
    );
    let docs = parse(&out);
    let docs = docs.as_sequence().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].get("id").and_then(Value::as_str), Some("b"));
}

#[test]
fn a_missing_indicator_file_is_created_with_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-doc.yaml");
    edit::append_to_indicator_file(&path, "new-doc", List::Indicators, &["id: x\nvalue: 5\n".to_string()]).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "document: new-doc\nindicators:\n  - id: x\n    value: 5\n");
}

#[test]
fn writing_to_disk_keeps_comments_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("testville-plan.yaml");
    fs::write(&path, INDICATORS).unwrap();
    edit::append_to_indicator_file(&path, "testville-plan", List::Ignored, &["quote: q\nreason: r\n".to_string()])
        .unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text, format!("{INDICATORS}  - quote: q\n    reason: r\n"));
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "only the file itself: {names:?}");
}

#[test]
fn a_failure_mid_write_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("documents.yaml");
    fs::write(&path, INDICATORS).unwrap();
    let result = zhibiao_core::atomic::write_with(&path, zhibiao_core::atomic::Links::Follow, |f| {
        use std::io::Write;
        f.write_all(b"document: half-writt")?;
        Err(std::io::Error::other("disk full"))
    });
    let err = result.unwrap_err().to_string();
    assert_eq!(err, format!("{}: cannot write: disk full", path.display()), "the file and the operation named");
    assert_eq!(fs::read_to_string(&path).unwrap(), INDICATORS);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A process killed in the middle of an atomic write: the old file is intact, and the only trace is a hidden
/// temporary file whose name (`.<name>.zhibiao-tmp-<random>`) the loader never reads as a dataset file and the
/// next writer removes.
#[test]
fn a_kill_mid_write_leaves_the_old_file() {
    const CHILD: &str = "ZHIBIAO_EDIT_KILL_CHILD";
    if let Some(path) = std::env::var_os(CHILD) {
        // The child: write part of the new text, flush it to disk, then hang until killed.
        let _ =
            zhibiao_core::atomic::write_with(std::path::Path::new(&path), zhibiao_core::atomic::Links::Follow, |f| {
                use std::io::Write;
                f.write_all(b"document: half-writt")?;
                f.sync_all()?;
                std::thread::sleep(std::time::Duration::from_secs(120));
                Ok(())
            });
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("testville-plan.yaml");
    fs::write(&path, INDICATORS).unwrap();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["a_kill_mid_write_leaves_the_old_file", "--exact", "--test-threads=1"])
        .env(CHILD, &path)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let temp = loop {
        let others: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "testville-plan.yaml")
            .collect();
        if let Some(t) = others.into_iter().find(|n| fs::metadata(dir.path().join(n)).is_ok_and(|m| m.len() > 0)) {
            break t;
        }
        assert!(started.elapsed().as_secs() < 60, "the child never started writing");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), INDICATORS, "the old file is untouched");
    assert!(temp.starts_with(".testville-plan.yaml.zhibiao-tmp-"), "{temp}");
    assert!(zhibiao_core::atomic::is_leftover(&temp, Some("testville-plan.yaml")));
    // The next sweep (a writer holding the lock) removes it and nothing else.
    zhibiao_core::atomic::sweep(dir.path(), None);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["testville-plan.yaml"]);
}
