//! `cargo xtask synth` as a developer runs it: the dataset it writes verifies, its figures differ from the seeds',
//! it is deterministic, and it never overwrites or half-writes a folder. The written dataset is checked through the
//! zhibiao library, the same `load` that `zhibiao check` runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use zhibiao_core::{Dataset, Root};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("the binary runs")
}

/// `zhibiao check --data dir`: the dataset verifies, or the test fails naming the first problems.
fn check(dir: &Path) -> Dataset {
    let root = Root::dir(dir).expect("a dataset root");
    match zhibiao_core::load(&root) {
        Ok(ds) => ds,
        Err(zhibiao_core::LoadError::Invalid(d)) => {
            panic!("{}", zhibiao_core::diagnostic::render_all(&d[..d.len().min(5)]))
        }
        Err(e) => panic!("{e}"),
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, absent path in the temporary folder for this test.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhibiao-synth-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn synth(n: usize, out: &Path, extra: &[&str]) -> Output {
    let n = n.to_string();
    let mut args = vec!["synth", "--cities", n.as_str(), "--out", out.to_str().expect("UTF-8 temp path")];
    args.extend_from_slice(extra);
    xtask(&args)
}

/// Every file under `dir` as (relative path, bytes), sorted.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// One indicator as `zhibiao list --format json` shows it: (id, metric, unit, doc, city, value, quote).
type Row = (String, String, String, String, String, String, String);

fn rows(ds: &Dataset) -> Vec<Row> {
    ds.indicators()
        .iter()
        .map(|i| {
            (
                i.id.to_string(),
                ds.metric_key(i).to_string(),
                i.unit.to_string(),
                ds.documents()[i.doc].id.clone(),
                ds.cities()[i.city].name.clone(),
                i.value.to_string(),
                i.quote.to_string(),
            )
        })
        .collect()
}

#[test]
fn three_synthetic_cities_pass_check_and_their_figures_differ_from_the_seeds() {
    let dir = scratch("three");
    let out = synth(3, &dir, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let original = rows(&zhibiao_core::load_embedded().expect("the bundled dataset verifies"));
    let by_id: BTreeMap<&str, &Row> = original.iter().map(|r| (r.0.as_str(), r)).collect();
    let ds = check(&dir);
    let synthetic = rows(&ds);
    assert_eq!(synthetic.len(), 3 * original.len());
    // `metrics` counts, per metric, the records and the cities of the rows above (each seed city's metrics, now
    // in three cities).
    let counted = zhibiao::cli::metrics::counts(&ds);
    for (m, &(records, cities)) in ds.metrics().iter().zip(&counted) {
        let of: Vec<&Row> = synthetic.iter().filter(|r| r.1 == m.id).collect();
        let distinct: std::collections::BTreeSet<&str> = of.iter().map(|r| r.4.as_str()).collect();
        assert_eq!((records, cities), (of.len(), distinct.len()), "{}", m.id);
    }
    assert!(counted.iter().any(|&(_, cities)| cities == 3), "some metric is counted in all three cities");
    for city in ["c0001", "c0002", "c0003"] {
        let rows: Vec<&Row> = synthetic.iter().filter(|r| r.0.starts_with(&format!("{city}-"))).collect();
        assert_eq!(rows.len(), original.len(), "{city}");
        let mut differ = 0;
        for r in &rows {
            let (id, metric, unit, doc, city_name, value, quote) = r;
            let orig = by_id[&id[city.len() + 1..]];
            // Same document and metric, another city, (mostly) another number — and its quote says so.
            assert_eq!(metric, &orig.1, "{id}");
            assert_eq!(unit, &orig.2, "{id}");
            assert_eq!(doc, &format!("{city}-{}", orig.3));
            assert_ne!(city_name, &orig.4, "{id}");
            assert_ne!(city_name, "沈阳");
            assert_ne!(city_name, "徐州");
            if value != &orig.5 {
                differ += 1;
                assert_ne!(quote, &orig.6, "{id}: the value changed but not the quote");
            }
        }
        assert!(differ * 10 >= rows.len() * 8, "{city}: only {differ} of {} figures changed", rows.len());
    }
    // The source texts are copies with the city renamed, not the originals.
    let seeds = snapshot(&dir);
    let texts: Vec<String> =
        seeds.iter().filter(|(p, _)| p.ends_with(".txt")).map(|(_, b)| String::from_utf8(b.clone()).unwrap()).collect();
    assert_eq!(texts.len(), 3 * 5);
    assert!(texts.iter().all(|t| !t.contains("沈阳") && !t.contains("徐州市")));
    // Every indicator file it writes (figures, quotes in single quotes, notes) is in the YAML subset the fast
    // reader takes, and reads to exactly what yaml_serde reads: the benchmark measures the path users get.
    let mut files = 0;
    for (path, bytes) in seeds.iter().filter(|(p, _)| p.starts_with("data/indicators/")) {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let fast = zhibiao_core::yamlfile::subset::from_str::<zhibiao_core::schema::IndicatorFile>(text);
        let slow = serde_yaml::from_str::<zhibiao_core::schema::IndicatorFile>(text).expect("yaml_serde reads it");
        assert_eq!(fast.map(|f| format!("{f:?}")), Some(format!("{slow:?}")), "{path}");
        files += 1;
    }
    assert_eq!(files, 3 * 5);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_same_count_gives_byte_identical_output() {
    let (a, b) = (scratch("det-a"), scratch("det-b"));
    for dir in [&a, &b] {
        let out = synth(2, dir, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 10);
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (path, bytes) in &sa {
        assert!(sb[path] == *bytes, "{path} differs between two runs");
    }
    // Another count seeds other factors.
    let c = scratch("det-c");
    assert_eq!(synth(3, &c, &[]).status.code(), Some(0));
    let sc = snapshot(&c);
    assert_ne!(
        sa["data/indicators/c0001-xuzhou-2020-new-infrastructure-opinions.yaml"],
        sc["data/indicators/c0001-xuzhou-2020-new-infrastructure-opinions.yaml"]
    );
    for dir in [a, b, c] {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn a_non_empty_out_is_refused_without_force_and_replaced_with_it() {
    let dir = scratch("force");
    assert_eq!(synth(2, &dir, &[]).status.code(), Some(0));
    let before = snapshot(&dir);

    let refused = synth(3, &dir, &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(snapshot(&dir), before, "a refused run must not touch the folder");

    let forced = synth(3, &dir, &["--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    let after = snapshot(&dir);
    assert!(after.keys().any(|p| p.starts_with("seeds/c0003/")), "the folder was not replaced");
    check(&dir);
    // Nothing is left beside it.
    let parent = dir.parent().unwrap();
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let leftovers: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with(&format!(".{name}.synth-")))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A folder that is not a dataset root is never replaced, even with --force.
    let other = scratch("force-other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let refused = synth(2, &other, &["--force"]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(other.join("notes.txt")).unwrap(), "mine");

    // Usage errors.
    assert_eq!(synth(0, &scratch("zero"), &[]).status.code(), Some(2));
    assert_eq!(synth(xtask::synth::max_cities() + 1, &scratch("many"), &[]).status.code(), Some(2));
    for d in [dir, other] {
        std::fs::remove_dir_all(d).unwrap();
    }
}

#[test]
fn an_interrupted_run_leaves_nothing_half_written() {
    let dir = scratch("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["synth", "--cities", "400", "--out", dir.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary runs");
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    // Either the run was interrupted and nothing is at --out, or it had finished and the dataset is whole.
    if dir.exists() {
        check(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    // The temporary sibling may remain (it is hidden and named after the process); clean it up.
    let parent = dir.parent().unwrap();
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    for e in std::fs::read_dir(parent).unwrap().flatten() {
        if e.file_name().to_string_lossy().starts_with(&format!(".{name}.synth-")) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
