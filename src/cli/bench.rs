//! `zhibiao bench`: how fast and how lean the tool is on synthetic datasets of 10, 100 and 1000 cities, each
//! figure beside its floor (reading the bytes; a single-threaded `serde_yaml::Value` parse of the same YAML) so
//! results compare across machines.
//!
//! Every measurement that involves memory or a cold start runs in a fresh child process (this binary, in a
//! hidden `--child` mode) that prints its figures as one JSON line; peak RSS is the child's own `VmHWM` from
//! `/proc/self/status`. The page cache is warm (the floors read every file first), so "cold" means a new
//! process, not an empty disk cache.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::widgets::Paragraph;
use ratatui::Terminal;
use serde_json::{json, Map, Value};
use zhibiao::corpus::Text;
use zhibiao::model::IndicatorFile;
use zhibiao::synth::{self, Plan};
use zhibiao::verify::{self, Claim};
use zhibiao::{LoadError, Root};

use crate::tui::app::{self, Action, Model};
use crate::tui::{keymap, view};

/// The terminal size the explorer is measured at.
const COLS: u16 = 200;
const ROWS: u16 = 60;

/// Arguments of `zhibiao bench`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Run it (release build; about a minute on 2 cores once built, the datasets included):
  cargo run --release -- bench
  cargo run --release -- bench --cities 10,100 --markdown bench.md

Datasets are generated with `zhibiao synth` into DIR/nN (default: the system temp folder's zhibiao-bench/) and
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
    /// `zhibiao::load`: everything `check` does.
    Load,
    /// Load, first frame of the explorer, scripted keystrokes and view renders on a 200×60 TestBackend.
    Explorer,
    /// Where load's time goes: its steps redone one after the other on one thread.
    Profile,
}

/// Runs `zhibiao bench` (or, with `--child`, one measurement).
pub fn run(args: &Args) -> ExitCode {
    if let Some(phase) = args.child {
        let Some(root) = &args.root else {
            eprintln!("zhibiao: --child needs --root");
            return ExitCode::from(2);
        };
        return match child(phase, root) {
            Ok(v) => {
                println!("{v}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("zhibiao: {e}");
                ExitCode::from(2)
            }
        };
    }
    match parent(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("zhibiao: {e}");
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
        eprintln!("zhibiao: --cities needs positive counts, e.g. --cities 10,100,1000");
        return Ok(ExitCode::from(2));
    }
    let dir = args.dir.clone().unwrap_or_else(|| std::env::temp_dir().join("zhibiao-bench"));
    std::fs::create_dir_all(&dir).map_err(|e| io::Error::other(format!("{}: {e}", dir.display())))?;
    let runs = args.runs.max(1);
    let mut plan: Option<Plan> = None;
    let mut rows = Vec::new();
    let idle = run_child(Phase::Idle, &dir)?;
    for &n in &args.cities {
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
        ] {
            let k = if phase == Phase::Profile { 1 } else { runs };
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
    let text = report.text();
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if let Some(path) = &args.markdown {
        std::fs::write(path, report.markdown()).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
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

// ---------------------------------------------------------------------------------------------------------------
// The report.

struct Report {
    rows: Vec<Row>,
    idle_mb: f64,
}

/// A duration in seconds, shown with a unit that suits it.
fn dur(s: f64) -> String {
    if !s.is_finite() {
        "–".to_string()
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}

fn ms(x: f64) -> String {
    dur(x / 1e3)
}

fn ratio(a: f64, b: f64) -> String {
    if a.is_finite() && b.is_finite() && b > 0.0 {
        format!("{:.2}×", a / b)
    } else {
        "–".to_string()
    }
}

fn mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

impl Report {
    /// (label, cells) rows of the table.
    fn lines(&self) -> Vec<(String, Vec<String>)> {
        let r = &self.rows;
        let each = |f: &dyn Fn(&Row) -> String| r.iter().map(f).collect::<Vec<_>>();
        let load = |x: &Row| x.get("load", "load_s");
        let yaml = |x: &Row| x.get("yaml", "parse_s");
        let read = |x: &Row| x.get("read", "read_s");
        let inds = |x: &Row| x.get("load", "indicators");
        vec![
            (
                "cities / documents / indicators".into(),
                each(&|x| format!("{} / {} / {}", x.n, x.get("load", "documents"), inds(x))),
            ),
            (
                "dataset on disk (YAML part), files".into(),
                each(&|x| format!("{} ({}), {}", mb(x.bytes as f64), mb(x.yaml_bytes as f64), x.files)),
            ),
            ("floor: read data/ + seeds/".into(), each(&|x| dur(read(x)))),
            ("floor: serde_yaml::Value parse, 1 thread".into(), each(&|x| dur(yaml(x)))),
            ("load + verify (= check)".into(), each(&|x| dur(load(x)))),
            (
                "  CPU time, all threads (÷ YAML floor's CPU)".into(),
                each(&|x| {
                    let cpu = x.get("load", "load_cpu_s");
                    format!("{} ({})", dur(cpu), ratio(cpu, x.get("yaml", "parse_cpu_s")))
                }),
            ),
            (
                "  ÷ YAML floor | ÷ read floor".into(),
                each(&|x| format!("{} | {}", ratio(load(x), yaml(x)), ratio(load(x), read(x)))),
            ),
            (
                "  per indicator (load | YAML floor)".into(),
                each(&|x| format!("{:.1} µs | {:.1} µs", load(x) / inds(x) * 1e6, yaml(x) / inds(x) * 1e6)),
            ),
            ("first frame (load + model + draw)".into(), each(&|x| dur(x.get("explorer", "first_frame_s")))),
            ("  ÷ YAML floor".into(), each(&|x| ratio(x.get("explorer", "first_frame_s"), yaml(x)))),
            (
                "  model | first draw".into(),
                each(&|x| format!("{} | {}", dur(x.get("explorer", "model_s")), dur(x.get("explorer", "draw_s")))),
            ),
            (
                "peak RSS: check (÷ disk)".into(),
                each(&|x| {
                    format!(
                        "{} ({})",
                        mb(x.get("load", "vmhwm_kb") * 1024.0),
                        ratio(x.get("load", "vmhwm_kb") * 1024.0, x.bytes as f64)
                    )
                }),
            ),
            (
                "peak RSS: explorer (÷ disk)".into(),
                each(&|x| {
                    format!(
                        "{} ({})",
                        mb(x.get("explorer", "vmhwm_kb") * 1024.0),
                        ratio(x.get("explorer", "vmhwm_kb") * 1024.0, x.bytes as f64)
                    )
                }),
            ),
            (
                "  explorer above idle process (÷ disk)".into(),
                each(&|x| {
                    let net = (x.get("explorer", "vmhwm_kb") / 1024.0 - self.idle_mb) * 1024.0 * 1024.0;
                    format!("{} ({})", mb(net), ratio(net, x.bytes as f64))
                }),
            ),
            (
                "keystroke p50 / p99 / max (update + draw)".into(),
                each(&|x| {
                    format!(
                        "{} / {} / {}",
                        ms(percentile(&x.keys, 50.0)),
                        ms(percentile(&x.keys, 99.0)),
                        ms(percentile(&x.keys, 100.0))
                    )
                }),
            ),
            (
                "  filter typing only: p50 / p99".into(),
                each(&|x| {
                    format!("{} / {}", ms(percentile(&x.filter_keys, 50.0)), ms(percentile(&x.filter_keys, 99.0)))
                }),
            ),
            (
                "  floor: one substring scan of all indicators".into(),
                each(&|x| {
                    format!(
                        "{} (p99 {})",
                        ms(x.get("explorer", "scan_floor_ms")),
                        ratio(percentile(&x.filter_keys, 99.0), x.get("explorer", "scan_floor_ms"))
                    )
                }),
            ),
            (
                "render p50 / p99 / max (200×60)".into(),
                each(&|x| {
                    format!(
                        "{} / {} / {}",
                        ms(percentile(&x.frames, 50.0)),
                        ms(percentile(&x.frames, 99.0)),
                        ms(percentile(&x.frames, 100.0))
                    )
                }),
            ),
            (
                "  floor: an empty 200×60 frame".into(),
                each(&|x| {
                    format!(
                        "{} (p99 {})",
                        ms(x.get("explorer", "render_floor_ms")),
                        ratio(percentile(&x.frames, 99.0), x.get("explorer", "render_floor_ms"))
                    )
                }),
            ),
        ]
    }

    /// Budget verdicts at the largest N, and the flatness of the per-indicator cost.
    fn budgets(&self) -> Vec<(String, bool, String)> {
        let (Some(first), Some(last)) = (self.rows.first(), self.rows.last()) else { return Vec::new() };
        let x = last;
        let load = x.get("load", "load_s");
        let yaml = x.get("yaml", "parse_s");
        let ff = x.get("explorer", "first_frame_s");
        let k99 = percentile(&x.filter_keys, 99.0).max(percentile(&x.keys, 99.0));
        let r99 = percentile(&x.frames, 99.0);
        let rss = x.get("explorer", "vmhwm_kb").max(x.get("load", "vmhwm_kb")) * 1024.0;
        // Cost per indicator of everything that should scale linearly, compared step by step (N → next N).
        let idle_kb = self.idle_mb * 1024.0;
        // Costs below 5 ms (or 5 MB) are left out: at that size timer noise and caches, not the algorithm, decide.
        let costs: [Cost<'_>; 4] = [
            ("load", &|r| r.get("load", "load_s"), 5e-3),
            ("first frame", &|r| r.get("explorer", "first_frame_s"), 5e-3),
            ("model", &|r| r.get("explorer", "model_s"), 5e-3),
            ("RSS above idle", &|r| (r.get("explorer", "vmhwm_kb") - idle_kb) * 1024.0, 5e6),
        ];
        let mut worst = (0.0f64, "no step measurable".to_string());
        for (name, cost, min) in costs {
            for w in self.rows.windows(2) {
                if cost(&w[0]) < min {
                    continue;
                }
                let per = |r: &Row| cost(r) / r.get("load", "indicators");
                let step = per(&w[1]) / per(&w[0]);
                if step.is_finite() && step > worst.0 {
                    worst =
                        (step, format!("worst step: {name} per indicator, N={} → N={}: {step:.2}×", w[0].n, w[1].n));
                }
            }
        }
        vec![
            (
                format!("load + verify ≤ 1.0× YAML floor (N={})", x.n),
                load <= yaml,
                format!("{} vs {} = {}", dur(load), dur(yaml), ratio(load, yaml)),
            ),
            (format!("first frame ≤ 3 s (N={})", x.n), ff <= 3.0, dur(ff)),
            (format!("keystroke p99 ≤ 16 ms (N={})", x.n), k99 <= 16.0, ms(k99)),
            (format!("render p99 ≤ 5 ms (N={})", x.n), r99 <= 5.0, ms(r99)),
            (
                format!("peak RSS ≤ 2.5× disk (N={})", x.n),
                rss <= 2.5 * x.bytes as f64,
                format!("{} vs {} = {}", mb(rss), mb(x.bytes as f64), ratio(rss, x.bytes as f64)),
            ),
            (
                format!("cost per indicator flat, N={} → N={} (every step ≤ 1.25×)", first.n, last.n),
                worst.0 <= 1.25,
                worst.1,
            ),
        ]
    }

    fn machine() -> String {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
            })
            .unwrap_or_else(|| "unknown CPU".to_string());
        let mem = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("MemTotal"))
                    .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
            })
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or("unknown memory".to_string(), |kb| format!("{:.0} GB RAM", kb / 1024.0 / 1024.0));
        let build = if cfg!(debug_assertions) { "DEBUG build (use --release)" } else { "release build" };
        format!("{cores} cores, {cpu}, {mem}, {build}")
    }

    fn text(&self) -> String {
        let lines = self.lines();
        let header: Vec<String> = self.rows.iter().map(|r| format!("N = {}", r.n)).collect();
        let lw = lines.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
        let mut cw: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for (_, cells) in &lines {
            for (i, c) in cells.iter().enumerate() {
                cw[i] = cw[i].max(c.chars().count());
            }
        }
        let mut out = format!("zhibiao bench — {}\n\n", Report::machine());
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
        out.push_str(&pad("", lw));
        for (h, w) in header.iter().zip(&cw) {
            out.push_str("  ");
            out.push_str(&pad(h, *w));
        }
        out.push('\n');
        for (label, cells) in &lines {
            out.push_str(&pad(label, lw));
            for (c, w) in cells.iter().zip(&cw) {
                out.push_str("  ");
                out.push_str(&pad(c, *w));
            }
            out.push('\n');
        }
        out.push_str("\nBudgets:\n");
        for (what, ok, detail) in self.budgets() {
            out.push_str(&format!("  {} {what}: {detail}\n", if ok { "PASS" } else { "FAIL" }));
        }
        if let Some(x) = self.rows.last() {
            out.push_str(&format!("\nSlowest scripted keys at N = {} (mean update | update + draw):\n", x.n));
            out.push_str(&slow_keys(x));
        }
        out.push_str("\nWhere load's time goes (its steps redone on one thread, largest N):\n");
        if let Some(x) = self.rows.last() {
            out.push_str(&self.profile_lines(x));
            out.push_str("\nWhere check's memory goes (largest N; heap capacities after load):\n");
            out.push_str(&memory_lines(x));
        }
        out
    }

    fn profile_lines(&self, x: &Row) -> String {
        let Some(p) = x.phases.get("profile") else { return String::new() };
        let total: f64 = PROFILE_STEPS.iter().map(|(k, _)| p.get(*k).and_then(Value::as_f64).unwrap_or(0.0)).sum();
        let mut out = String::new();
        for (k, label) in PROFILE_STEPS {
            let v = p.get(*k).and_then(Value::as_f64).unwrap_or(f64::NAN);
            out.push_str(&format!("  {label:<52} {:>10}  {:>5.1}%\n", dur(v), v / total * 100.0));
        }
        out.push_str(&format!("  {:<52} {:>10}\n", "sum (one thread)", dur(total)));
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!(
            "Machine: {}\n\n| | {} |\n|---|{}\n",
            Report::machine(),
            self.rows.iter().map(|r| format!("N = {}", r.n)).collect::<Vec<_>>().join(" | "),
            "---|".repeat(self.rows.len())
        );
        for (label, cells) in self.lines() {
            out.push_str(&format!(
                "| {} | {} |\n",
                label.trim().replace('|', "\\|"),
                cells.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | ")
            ));
        }
        out.push_str("\n| budget | verdict | measured |\n|---|---|---|\n");
        for (what, ok, detail) in self.budgets() {
            out.push_str(&format!("| {what} | {} | {detail} |\n", if ok { "pass" } else { "**FAIL**" }));
        }
        if let Some(x) = self.rows.last() {
            out.push_str(&format!(
                "\nSlowest scripted keys at N = {} (mean update \\| update + draw):\n\n```\n{}```\n",
                x.n,
                slow_keys(x)
            ));
            out.push_str(&format!(
                "\nLoad's steps redone on one thread (N = {}):\n\n```\n{}```\n",
                x.n,
                self.profile_lines(x)
            ));
            out.push_str(&format!("\nWhere check's memory goes (N = {}):\n\n```\n{}```\n", x.n, memory_lines(x)));
        }
        out
    }
}

/// What the loaded dataset holds, by part, against the load process's peak and final RSS.
fn memory_lines(x: &Row) -> String {
    let g = |k: &str| x.get("load", k);
    let parts = [
        ("source texts and paragraph tables", g("m_texts")),
        ("Indicator structs (Vec capacity × size)", g("m_structs")),
        ("  haystack (lower-cased search copy)", g("m_haystack")),
        ("  quote (also a span of the source text)", g("m_quote")),
        ("  name, name_en", g("m_names")),
        ("  id, metric, unit, base_unit, note", g("m_other_strings")),
        ("ignored passages", g("m_ignored")),
    ];
    let held: f64 = parts.iter().map(|p| p.1).sum();
    let mut out = String::new();
    for (label, bytes) in parts {
        out.push_str(&format!("  {label:<52} {:>10}\n", mb(bytes)));
    }
    let rss = g("vmrss_kb") * 1024.0;
    let peak = g("vmhwm_kb") * 1024.0;
    out.push_str(&format!("  {:<52} {:>10}\n", "sum of the above", mb(held)));
    out.push_str(&format!(
        "  {:<52} {:>10}\n",
        format!("+ {:.0}k heap blocks × ~16 B malloc overhead", g("m_string_count") / 1000.0),
        mb(g("m_string_count") * 16.0)
    ));
    out.push_str(&format!("  {:<52} {:>10}\n", "RSS after load (VmRSS)", mb(rss)));
    out.push_str(&format!("  {:<52} {:>10}\n", "peak RSS during load (VmHWM)", mb(peak)));
    out
}

/// A named cost of a row (to divide by its number of indicators) and the least value worth comparing.
type Cost<'a> = (&'a str, &'a dyn Fn(&Row) -> f64, f64);

/// The six slowest keys of the script, by mean latency.
fn slow_keys(x: &Row) -> String {
    let mut keys: Vec<(String, f64, f64)> = x
        .per_key
        .iter()
        .map(|(l, v)| {
            let n = v.len().max(1) as f64;
            (l.clone(), v.iter().map(|p| p.0).sum::<f64>() / n, v.iter().map(|p| p.1).sum::<f64>() / n)
        })
        .collect();
    keys.sort_by(|a, b| b.2.total_cmp(&a.2));
    keys.iter().take(6).map(|(l, u, t)| format!("  {l:<52} {:>9} | {:>9}\n", ms(*u), ms(*t))).collect()
}

/// The profile's steps: (JSON key, label).
const PROFILE_STEPS: &[(&str, &str)] = &[
    ("p_read_s", "read every file"),
    ("p_decode_s", "decode sources, split paragraphs (Text::decode)"),
    ("p_yaml_s", "YAML into the schema types (serde_yaml, typed)"),
    ("p_quotes_s", "place every quote (corpus::find_many, place_quote)"),
    ("p_figures_s", "match every figure (verify::match_figure)"),
    ("p_ignored_s", "quantities of ignored passages (find_quantities)"),
    ("p_haystack_s", "lower-cased search text per indicator"),
];

// ---------------------------------------------------------------------------------------------------------------
// The child: one measurement in a fresh process.

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// This process's peak resident set size in kB (`VmHWM`), 0 where /proc is not available.
fn vmhwm_kb() -> u64 {
    proc_status_kb("VmHWM:")
}

/// This process's resident set size now, in kB (`VmRSS`).
fn vmrss_kb() -> u64 {
    proc_status_kb("VmRSS:")
}

/// A `kB` line of `/proc/self/status`.
fn proc_status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

/// CPU time this process has used so far, every thread included (user + system, from `/proc/self/stat`, in
/// clock ticks of 10 ms); NaN where /proc is not available.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name, which is in parentheses and may hold spaces.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(f64::NAN)
}

/// Bytes the dataset holds, by what holds them (capacities of the heap buffers, and the structs themselves).
fn memory_breakdown(ds: &zhibiao::Dataset) -> Value {
    use std::mem::size_of;
    let cap = |s: &String| s.capacity() as f64;
    let opt = |s: &Option<String>| s.as_ref().map_or(0.0, |s| s.capacity() as f64);
    let inds = ds.indicators();
    let sum = |f: &dyn Fn(&zhibiao::dataset::Indicator) -> f64| inds.iter().map(f).sum::<f64>();
    json!({
        "m_texts": ds.documents().iter().map(|d| d.text.text.capacity() as f64 + (d.text.paragraphs.capacity() * size_of::<std::ops::Range<usize>>()) as f64).sum::<f64>(),
        "m_structs": std::mem::size_of_val(inds) as f64,
        "m_haystack": ds.search_buffer().0.len() as f64 + std::mem::size_of_val(ds.search_buffer().1) as f64,
        "m_quote": sum(&|i| cap(&i.quote)),
        "m_names": sum(&|i| cap(&i.name) + cap(&i.name_en)),
        "m_other_strings": sum(&|i| cap(&i.id) + cap(&i.metric) + cap(&i.unit) + cap(&i.base_unit) + opt(&i.note)),
        "m_string_count": (inds.len() * 8 + inds.iter().filter(|i| i.note.is_some()).count()) as f64,
        "m_ignored": ds.ignored().iter().map(|g| (g.quote.capacity() + g.reason.capacity() + size_of::<zhibiao::dataset::Ignored>()) as f64).sum::<f64>(),
    })
}

fn load_error(e: LoadError) -> io::Error {
    match e {
        LoadError::Io(msg) => io::Error::other(msg),
        LoadError::Invalid(d) => io::Error::other(format!("the dataset does not verify ({} problems)", d.len())),
    }
}

fn child(phase: Phase, root: &Path) -> io::Result<Value> {
    match phase {
        Phase::Idle => Ok(json!({ "vmhwm_kb": vmhwm_kb() })),
        Phase::Read => {
            let t = Instant::now();
            let files = dataset_files(root)?;
            let mut bytes = 0usize;
            let mut kept = Vec::with_capacity(files.len());
            for f in &files {
                let b = std::fs::read(f)?;
                bytes += b.len();
                kept.push(b);
            }
            let read_s = secs(t.elapsed());
            Ok(json!({ "read_s": read_s, "bytes": bytes, "vmhwm_kb": vmhwm_kb() }))
        }
        Phase::Yaml => {
            let texts: Vec<String> = dataset_files(root)?
                .into_iter()
                .filter(|p| is_yaml(p))
                .map(std::fs::read_to_string)
                .collect::<io::Result<_>>()?;
            let (t, cpu) = (Instant::now(), cpu_s());
            let mut nodes = 0usize;
            for s in &texts {
                let v: serde_yaml::Value = serde_yaml::from_str(s).map_err(|e| io::Error::other(e.to_string()))?;
                nodes += matches!(v, serde_yaml::Value::Mapping(_) | serde_yaml::Value::Sequence(_)) as usize;
            }
            Ok(
                json!({ "parse_s": secs(t.elapsed()), "parse_cpu_s": cpu_s() - cpu, "files": texts.len(), "documents_parsed": nodes }),
            )
        }
        Phase::Load => {
            let root = Root::dir(root)?;
            let (t, cpu) = (Instant::now(), cpu_s());
            let ds = zhibiao::load(&root).map_err(load_error)?;
            let (load_s, load_cpu_s) = (secs(t.elapsed()), cpu_s() - cpu);
            let mut out = json!({
                "load_s": load_s,
                "load_cpu_s": load_cpu_s,
                "indicators": ds.indicators().len(),
                "documents": ds.documents().len(),
                "vmhwm_kb": vmhwm_kb(),
                "vmrss_kb": vmrss_kb(),
            });
            if let (Value::Object(o), Value::Object(m)) = (&mut out, memory_breakdown(&ds)) {
                o.extend(m);
            }
            Ok(out)
        }
        Phase::Explorer => explorer(root),
        Phase::Profile => profile(root),
    }
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn chars(s: &str) -> Vec<KeyEvent> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The scripted session: filter typing (literal, narrowing, widening, regex), pickers, views, the source view.
fn script(city_name: &str) -> Vec<KeyEvent> {
    use KeyCode::{Backspace, Down, Enter, Esc, PageDown, Tab};
    let mut s = Vec::new();
    // Literal filter: type, narrow, widen again, switch to Chinese text, keep it; then clear.
    s.extend(chars("/5G"));
    s.extend([key(Backspace), key(Backspace)]);
    s.extend(chars("基站"));
    s.push(key(Enter));
    s.push(key(Esc));
    // A regular expression, typed one character at a time (every keystroke a full scan), then cancelled.
    s.extend(chars("/5g|充电|亿元"));
    s.extend([key(Backspace), key(Backspace), key(Esc)]);
    // City picker: narrow by the first character of a city's name, pick.
    s.push(key(KeyCode::Char('c')));
    s.extend(chars(&city_name.chars().take(1).collect::<String>()));
    s.push(key(Enter));
    // Views and movement.
    s.extend(chars("4G"));
    s.extend(chars("gjj"));
    s.push(key(PageDown));
    s.extend(chars("2"));
    s.push(key(Tab));
    s.extend(chars("3"));
    // The source view: open, next quotes, back.
    s.extend(chars("1"));
    s.push(key(Enter));
    s.extend(chars("nnN"));
    s.push(key(Esc));
    // Kind cycling (full scans) and the other pickers.
    s.extend(chars("kkk"));
    s.extend(chars("t"));
    s.extend([key(Down), key(Enter)]);
    s.extend(chars("y"));
    s.extend([key(Down), key(Enter)]);
    s.extend(chars("x"));
    s
}

fn explorer(root: &Path) -> io::Result<Value> {
    let t = Instant::now();
    let ds = zhibiao::load(&Root::dir(root)?).map_err(load_error)?;
    let load_s = secs(t.elapsed());
    let city_name = ds.cities().get(ds.cities().len() / 2).map(|c| c.name.clone()).unwrap_or_default();
    let tm = Instant::now();
    let mut m = Model::new(ds, (COLS, ROWS));
    app::update(&mut m, Action::Resize(COLS, ROWS));
    let model_s = secs(tm.elapsed());
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap_or_else(|e| match e {});
    let td = Instant::now();
    term.draw(|f| view::render(&m, f)).unwrap_or_else(|e| match e {});
    let draw_s = secs(td.elapsed());
    let first_frame_s = secs(t.elapsed());

    // Floors: one literal scan over every indicator's search text; drawing an empty frame (buffer swap and diff).
    let mut scan = Vec::new();
    for needle in ["基站", "亿元", "zzz"] {
        let t = Instant::now();
        let n = memchr::memmem::find_iter(m.ds.search_buffer().0.as_bytes(), needle).count();
        scan.push(secs(t.elapsed()) * 1e3);
        std::hint::black_box(n);
    }
    let mut floor_term = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap_or_else(|e| match e {});
    let mut floor = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        floor_term.draw(|f| f.render_widget(Paragraph::new(""), f.area())).unwrap_or_else(|e| match e {});
        floor.push(secs(t.elapsed()) * 1e3);
    }

    let mut key_ms = Vec::new();
    let mut filter_key_ms = Vec::new();
    let mut frame_ms = Vec::new();
    let mut key_labels = Vec::new();
    let mut update_ms = Vec::new();
    for _ in 0..3 {
        for ev in script(&city_name) {
            let mode = m.mode();
            let typing = matches!(mode, app::Mode::FilterInput | app::Mode::Picker);
            let t0 = Instant::now();
            let action = keymap::action_for(mode, &ev);
            if let Some(action) = action {
                app::update(&mut m, action);
            }
            let t1 = Instant::now();
            key_labels.push(match action {
                Some(a) => format!("{a:?} ({mode:?})"),
                None => format!("{:?} (no action in {mode:?})", ev.code),
            });
            update_ms.push(secs(t1 - t0) * 1e3);
            term.draw(|f| view::render(&m, f)).unwrap_or_else(|e| match e {});
            let t2 = Instant::now();
            let total = secs(t2 - t0) * 1e3;
            key_ms.push(total);
            if typing {
                filter_key_ms.push(total);
            }
            frame_ms.push(secs(t2 - t1) * 1e3);
        }
        // Back to a known state for the next round.
        for ev in [key(KeyCode::Esc), key(KeyCode::Esc), key(KeyCode::Char('x')), key(KeyCode::Char('1'))] {
            if let Some(action) = keymap::action_for(m.mode(), &ev) {
                app::update(&mut m, action);
            }
        }
    }
    // Each main view, drawn a few times.
    for v in ["1", "2", "3", "4"] {
        if let Some(action) = keymap::action_for(m.mode(), &chars(v)[0]) {
            app::update(&mut m, action);
        }
        for _ in 0..5 {
            let t = Instant::now();
            term.draw(|f| view::render(&m, f)).unwrap_or_else(|e| match e {});
            frame_ms.push(secs(t.elapsed()) * 1e3);
        }
    }
    let med = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    Ok(json!({
        "load_s": load_s,
        "model_s": model_s,
        "draw_s": draw_s,
        "first_frame_s": first_frame_s,
        "scan_floor_ms": med(scan),
        "render_floor_ms": med(floor),
        "key_ms": key_ms,
        "filter_key_ms": filter_key_ms,
        "frame_ms": frame_ms,
        "key_labels": key_labels,
        "update_ms": update_ms,
        "vmhwm_kb": vmhwm_kb(),
    }))
}

/// Load's steps, one after the other on one thread, timed separately: where the time goes.
fn profile(root: &Path) -> io::Result<Value> {
    let r = Root::dir(root)?;
    let t = Instant::now();
    let docs_yaml = r.read("data/documents.yaml")?.into_owned();
    let files = r.indicator_files()?;
    let yaml_texts: Vec<Vec<u8>> =
        files.iter().map(|f| r.read(f).map(|b| b.into_owned())).collect::<io::Result<_>>()?;
    let documents: Vec<zhibiao::model::DocumentEntry> =
        serde_yaml::from_slice(&docs_yaml).map_err(|e| io::Error::other(e.to_string()))?;
    let sources: Vec<Vec<u8>> =
        documents.iter().map(|d| r.read(&d.source).map(|b| b.into_owned())).collect::<io::Result<_>>()?;
    let p_read_s = secs(t.elapsed());

    let t = Instant::now();
    let texts: Vec<Text> = sources.into_iter().map(|b| Text::decode(b).unwrap_or_default()).collect();
    let p_decode_s = secs(t.elapsed());
    let by_id: std::collections::HashMap<&str, usize> =
        documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();

    let t = Instant::now();
    let parsed: Vec<IndicatorFile> = yaml_texts
        .iter()
        .map(|b| serde_yaml::from_slice::<IndicatorFile>(b).map_err(|e| io::Error::other(e.to_string())))
        .collect::<io::Result<_>>()?;
    let p_yaml_s = secs(t.elapsed());

    let t = Instant::now();
    let mut placed = 0usize;
    for f in &parsed {
        let Some(&d) = by_id.get(f.document.as_str()) else { continue };
        // As load does: every distinct quote of the file found in one pass, then each placed.
        let mut quotes: Vec<&str> =
            f.indicators.iter().map(|e| e.quote.as_str()).chain(f.ignored.iter().map(|e| e.quote.as_str())).collect();
        quotes.sort_unstable();
        quotes.dedup();
        let hits = zhibiao::corpus::find_many(&texts[d], &quotes);
        let hits_of = |q: &str| quotes.binary_search(&q).ok().map_or(&[][..], |k| hits[k].as_slice());
        for (quote, paragraph) in f
            .indicators
            .iter()
            .map(|e| (&e.quote, e.paragraph))
            .chain(f.ignored.iter().map(|e| (&e.quote, e.paragraph)))
        {
            placed += verify::place_quote(&texts[d], quote, paragraph, hits_of(quote)).is_ok() as usize;
        }
    }
    let p_quotes_s = secs(t.elapsed());

    let t = Instant::now();
    let mut matched = 0usize;
    for f in &parsed {
        for e in &f.indicators {
            let claim = Claim {
                value: e.value,
                value_max: e.value_max,
                unit: &e.unit,
                comparator: e.comparator,
                reference: e.reference.as_deref(),
            };
            matched += verify::match_figure(&e.quote, &claim).is_ok() as usize;
        }
    }
    let p_figures_s = secs(t.elapsed());

    let t = Instant::now();
    let mut ignored = 0usize;
    for f in &parsed {
        for e in &f.ignored {
            ignored += zhibiao::quantity::find_quantities(&e.quote).len();
        }
    }
    let p_ignored_s = secs(t.elapsed());

    let t = Instant::now();
    let mut hay = 0usize;
    for f in &parsed {
        for e in &f.indicators {
            hay += [e.name.as_str(), &e.name_en, &e.metric, &e.unit, &e.quote].join("\u{1f}").to_lowercase().len();
        }
    }
    let p_haystack_s = secs(t.elapsed());
    std::hint::black_box((placed, matched, ignored, hay));
    Ok(json!({
        "p_read_s": p_read_s,
        "p_decode_s": p_decode_s,
        "p_yaml_s": p_yaml_s,
        "p_quotes_s": p_quotes_s,
        "p_figures_s": p_figures_s,
        "p_ignored_s": p_ignored_s,
        "p_haystack_s": p_haystack_s,
    }))
}
