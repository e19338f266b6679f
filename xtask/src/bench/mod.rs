//! `cargo xtask bench`: how fast and how lean the tool is on synthetic datasets of 10, 100 and 1000 cities, each
//! figure beside its floor (reading the bytes; a single-threaded `serde_yaml::Value` parse of the same YAML) so
//! results compare across machines.
//!
//! Every measurement that involves memory or a cold start runs in a fresh child process (this binary, in a
//! hidden `--child` mode) that prints its figures as one JSON line; peak RSS is the child's own `VmHWM` from
//! `/proc/self/status`. The page cache is warm (the floors read every file first), so "cold" means a new
//! process, not an empty disk cache.

mod child;
mod draft;
mod report;
mod side;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde_json::{json, Map, Value};
use xtask::synth::{self, Plan};
use zhibiao_core::Root;

use child::{child, secs};
use report::Report;

/// The national scale `--national` adds: about as many indicators as China's prefectures and counties would
/// hold at 20 documents of 20 figures each.
const NATIONAL: usize = 12_000;

/// The terminal size the explorer is measured at.
const COLS: u16 = 200;
const ROWS: u16 = 60;

/// Arguments of `cargo xtask bench`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Run it (release build; about a minute on 2 cores once built, the datasets included):
  cargo xtask bench
  cargo xtask bench --cities 10,100 --markdown bench.md

Datasets are generated with `cargo xtask synth` into DIR/nN (default: the system temp folder's zhibiao-bench/) and
reused when present; delete them after the seeds change. Timings are medians of --runs fresh processes; peak RSS
is each process's VmHWM (Linux). Budgets are checked at the largest N.")]
pub struct Args {
    /// City counts to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "10,100,1000", value_name = "N,N,…")]
    pub cities: Vec<usize>,

    /// Folder for the generated datasets (DIR/n10, DIR/n100, …); never put it inside the repository.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Fresh processes per measurement; the median is reported.
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub runs: usize,

    /// Also write the results as Markdown to this file.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,

    /// Also answer one selection at the largest N with `zhibiao list` as a process (warm cache and --no-cache),
    /// DuckDB and VisiData on the exported CSV (needs `cargo build --release`; missing tools are skipped).
    #[arg(long)]
    pub side_by_side: bool,

    /// Also measure 12,000 cities (1.2 M indicators, about 1.4 GB on disk and minutes to generate): where one
    /// machine stops serving. Heavy phases run once there, and the single-threaded profile is skipped.
    #[arg(long)]
    pub national: bool,

    /// Internal: run one measurement in this process and print it as JSON.
    #[arg(long, hide = true, value_enum)]
    pub child: Option<Phase>,

    /// Internal: the dataset root the child measures.
    #[arg(long, hide = true)]
    pub root: Option<PathBuf>,
}

/// One measurement, run in its own process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Phase {
    /// Nothing: the process's own baseline memory.
    Idle,
    /// Floor: list and read every file of data/ and seeds/.
    Read,
    /// Floor: parse every YAML file of data/ into `serde_yaml::Value`, on one thread.
    Yaml,
    /// `zhibiao_core::load`: everything `check` does.
    Load,
    /// Load, first frame of the explorer, scripted keystrokes and view renders on a 200×60 TestBackend.
    Explorer,
    /// Where load's time goes: its steps redone one after the other on one thread.
    Profile,
    /// Start-up through the cache of verified records (see `child::warm`): the first run of a row starts with
    /// an empty cache and writes it, the others reuse it.
    Warm,
    /// A start through the cache after one indicator file changed.
    Changed,
    /// A warm filtered answer from the cache's index (`list --city … --grep 5G` without the process start).
    Indexed,
    /// The explorer's live reload of one saved indicator file.
    Reload,
}

/// Runs `cargo xtask bench` (or, with `--child`, one measurement).
pub fn run(args: &Args) -> ExitCode {
    if let Some(phase) = args.child {
        let Some(root) = &args.root else {
            eprintln!("xtask bench: --child needs --root");
            return ExitCode::from(2);
        };
        return match child(phase, root) {
            Ok(v) => {
                println!("{v}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("xtask bench: {e}");
                ExitCode::from(2)
            }
        };
    }
    match parent(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xtask bench: {e}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The parent: datasets, children, the table.

/// Medians and samples of one N.
struct Row {
    n: usize,
    bytes: u64,
    yaml_bytes: u64,
    files: usize,
    /// Median of each numeric field per phase.
    phases: BTreeMap<&'static str, Map<String, Value>>,
    /// Keystroke and frame samples of every explorer run, in ms.
    keys: Vec<f64>,
    filter_keys: Vec<f64>,
    frames: Vec<f64>,
    /// Per scripted key (label): (update ms, update + draw ms) of every repetition.
    per_key: BTreeMap<String, Vec<(f64, f64)>>,
}

impl Row {
    fn get(&self, phase: &str, key: &str) -> f64 {
        self.phases.get(phase).and_then(|m| m.get(key)).and_then(Value::as_f64).unwrap_or(f64::NAN)
    }
}

fn parent(args: &Args) -> io::Result<ExitCode> {
    if args.cities.is_empty() || args.cities.contains(&0) {
        eprintln!("xtask bench: --cities needs positive counts, e.g. --cities 10,100,1000");
        return Ok(ExitCode::from(2));
    }
    let dir = args.dir.clone().unwrap_or_else(|| std::env::temp_dir().join("zhibiao-bench"));
    std::fs::create_dir_all(&dir).map_err(|e| io::Error::other(format!("{}: {e}", dir.display())))?;
    let runs = args.runs.max(1);
    let mut plan: Option<Plan> = None;
    let mut rows = Vec::new();
    let idle = run_child(Phase::Idle, &dir)?;
    let mut cities = args.cities.clone();
    if args.national && !cities.contains(&NATIONAL) {
        cities.push(NATIONAL);
    }
    for &n in &cities {
        let root = dir.join(format!("n{n}"));
        if root.join("data").is_dir() {
            eprintln!("bench: N={n}: reusing {}", root.display());
        } else {
            if plan.is_none() {
                plan = Some(Plan::new(&Root::Embedded).map_err(|e| io::Error::other(e.to_string()))?);
            }
            let p = plan.as_ref().expect("just made");
            eprint!("bench: N={n}: generating {} … ", root.display());
            let t = Instant::now();
            let w = synth::write_dataset(p, n, &root, false).map_err(|e| io::Error::other(e.to_string()))?;
            eprintln!(
                "{} documents, {} indicators, {:.1} MB in {:.1} s",
                w.documents,
                w.indicators,
                w.bytes as f64 / 1e6,
                secs(t.elapsed())
            );
        }
        let (bytes, yaml_bytes, files) = dataset_size(&root)?;
        let mut row = Row {
            n,
            bytes,
            yaml_bytes,
            files,
            phases: BTreeMap::new(),
            keys: Vec::new(),
            filter_keys: Vec::new(),
            frames: Vec::new(),
            per_key: BTreeMap::new(),
        };
        for (name, phase) in [
            ("read", Phase::Read),
            ("yaml", Phase::Yaml),
            ("load", Phase::Load),
            ("explorer", Phase::Explorer),
            ("profile", Phase::Profile),
            ("prime", Phase::Warm),
            ("warm", Phase::Warm),
            ("indexed", Phase::Indexed),
            ("changed", Phase::Changed),
            ("reload", Phase::Reload),
        ] {
            if name == "profile" && n > 1000 {
                continue;
            }
            let k = if matches!(name, "profile" | "prime") || n > 1000 { 1 } else { runs };
            if name == "prime" {
                // A cold start: no cache yet; this run writes it.
                let cache = child::cache_dir_for(&root);
                if cache.exists() {
                    std::fs::remove_dir_all(&cache)
                        .map_err(|e| io::Error::other(format!("{}: {e}", cache.display())))?;
                }
            }
            eprint!("bench: N={n}: {name} ×{k} …");
            let mut results = Vec::new();
            for _ in 0..k {
                let v = run_child(phase, &root)?;
                if phase == Phase::Explorer {
                    row.keys.extend(samples(&v, "key_ms"));
                    row.filter_keys.extend(samples(&v, "filter_key_ms"));
                    row.frames.extend(samples(&v, "frame_ms"));
                    let labels = v.get("key_labels").and_then(Value::as_array).cloned().unwrap_or_default();
                    let (upd, tot) = (samples(&v, "update_ms"), samples(&v, "key_ms"));
                    for (i, l) in labels.iter().enumerate() {
                        if let (Some(l), Some(u), Some(t)) = (l.as_str(), upd.get(i), tot.get(i)) {
                            row.per_key.entry(l.to_string()).or_default().push((*u, *t));
                        }
                    }
                }
                results.push(v);
            }
            eprintln!(" done");
            row.phases.insert(name, medians(&results));
        }
        rows.push(row);
    }
    let idle_kb = idle.get("vmhwm_kb").and_then(Value::as_f64).unwrap_or(0.0);
    let report = Report { rows, idle_mb: idle_kb / 1024.0 };
    let draft = draft::run(&dir, runs)?;
    let side = match (args.side_by_side, cities.iter().max()) {
        (true, Some(n)) => Some(side::run(&dir.join(format!("n{n}")), runs)?),
        _ => None,
    };
    let text = report.text();
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    writeln!(out, "\n{draft}")?;
    if let Some(side) = &side {
        writeln!(out, "\n{side}")?;
    }
    if let Some(path) = &args.markdown {
        let markdown = report.markdown() + "\n" + &draft + &side.map(|s| format!("\n{s}")).unwrap_or_default();
        std::fs::write(path, markdown).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
        writeln!(out, "\nMarkdown written to {}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs this binary in `--child` mode and parses the JSON it prints.
fn run_child(phase: Phase, root: &Path) -> io::Result<Map<String, Value>> {
    let exe = std::env::current_exe()?;
    let name = format!("{phase:?}").to_lowercase();
    let out = Command::new(exe).args(["bench", "--child", &name, "--root"]).arg(root).output()?;
    if !out.status.success() {
        return Err(io::Error::other(format!(
            "the {name} measurement on {} failed: {}",
            root.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let line = String::from_utf8_lossy(&out.stdout);
    match serde_json::from_str::<Value>(line.trim()) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(io::Error::other(format!("the {name} measurement printed no result: {line}"))),
    }
}

fn samples(v: &Map<String, Value>, key: &str) -> Vec<f64> {
    v.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default()
}

/// The median of every numeric field across runs.
fn medians(results: &[Map<String, Value>]) -> Map<String, Value> {
    let mut out = Map::new();
    let Some(first) = results.first() else { return out };
    for key in first.keys() {
        let mut xs: Vec<f64> = results.iter().filter_map(|r| r.get(key).and_then(Value::as_f64)).collect();
        if xs.is_empty() {
            continue;
        }
        xs.sort_by(f64::total_cmp);
        out.insert(key.clone(), json!(xs[xs.len() / 2]));
    }
    out
}

/// The `p`-th percentile (nearest rank) of `xs`.
fn percentile(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// Total bytes of data/ and seeds/, of the YAML alone, and the number of files.
fn dataset_size(root: &Path) -> io::Result<(u64, u64, usize)> {
    let files = dataset_files(root)?;
    let mut bytes = 0;
    let mut yaml = 0;
    for f in &files {
        let len = std::fs::metadata(f)?.len();
        bytes += len;
        if is_yaml(f) {
            yaml += len;
        }
    }
    Ok((bytes, yaml, files.len()))
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Every file under `root/data` and `root/seeds`, sorted.
fn dataset_files(root: &Path) -> io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                walk(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for top in ["data", "seeds"] {
        let d = root.join(top);
        if d.is_dir() {
            walk(&d, &mut out)?;
        }
    }
    out.sort();
    Ok(out)
}
