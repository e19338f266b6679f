//! `cargo xtask bench --side-by-side`: one selection answered by `zhibiao list` as a process (warm cache and
//! `--no-cache`) and by DuckDB and VisiData reading the CSV that `zhibiao list --format csv` exports. A tool that
//! is not installed is skipped with a note; every command must print the same number of rows.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use zhibiao_core::schema::CityEntry;

use super::child::beside;

/// One contender: a label and the command, run with `XDG_CACHE_HOME` set to the bench's own folder.
struct Contender {
    label: String,
    program: String,
    args: Vec<String>,
    /// Where it writes its rows, when not to stdout.
    out_file: Option<PathBuf>,
}

impl Contender {
    fn new(label: &str, program: &str, args: &[&str]) -> Contender {
        Contender {
            label: label.to_string(),
            program: program.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
            out_file: None,
        }
    }

    /// Runs once: wall seconds and the lines it wrote to stdout.
    fn run(&self, xdg: &Path) -> io::Result<(f64, usize)> {
        self.run_measured(xdg, false).map(|(wall, lines, _)| (wall, lines))
    }

    /// Runs once: wall seconds, the lines it wrote to stdout and, with `rss` (through `/usr/bin/time -f %M`, whose
    /// own start is timed with it), the peak resident memory in KiB.
    fn run_measured(&self, xdg: &Path, rss: bool) -> io::Result<(f64, usize, Option<u64>)> {
        if let Some(path) = &self.out_file {
            // VisiData will not overwrite a file in batch mode.
            let _ = std::fs::remove_file(path);
        }
        let t = Instant::now();
        let mut command = if rss {
            let mut c = Command::new(TIME);
            c.args(["-f", "%M", &self.program]);
            c
        } else {
            Command::new(&self.program)
        };
        let out = command
            .args(&self.args)
            .env("XDG_CACHE_HOME", xdg)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| io::Error::other(format!("{}: {e}", self.program)))?;
        let wall = t.elapsed().as_secs_f64();
        if !out.status.success() {
            return Err(io::Error::other(format!(
                "{} failed: {}",
                self.label,
                String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("")
            )));
        }
        let written = match &self.out_file {
            Some(path) => std::fs::read(path)?,
            None => out.stdout,
        };
        let kib = rss.then(|| String::from_utf8_lossy(&out.stderr).lines().last()?.trim().parse().ok()).flatten();
        Ok((wall, written.iter().filter(|&&b| b == b'\n').count(), kib))
    }
}

/// GNU time, which reports a command's peak resident memory (`%M`, KiB).
const TIME: &str = "/usr/bin/time";

/// True when `program args` runs and exits 0.
fn available(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// The `zhibiao` binary built beside this one (`target/release/zhibiao`).
pub(super) fn zhibiao_binary() -> io::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let bin = exe.with_file_name(format!("zhibiao{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(io::Error::other(format!("{} is not built; run `cargo build --release` first", bin.display())))
    }
}

/// Times the selection "targets of the first city" at `root` with every contender, `runs` fresh processes each
/// (taken in turn, so that the machine's drift touches them alike), and returns the table as Markdown.
pub(super) fn run(root: &Path, runs: usize) -> io::Result<String> {
    let zhibiao = zhibiao_binary()?;
    let zhibiao = zhibiao.to_string_lossy().into_owned();
    let root_s = root.to_string_lossy().into_owned();
    let cities: Vec<CityEntry> = serde_yaml::from_str(&std::fs::read_to_string(root.join("data/cities.yaml"))?)
        .map_err(|e| io::Error::other(format!("data/cities.yaml: {e}")))?;
    let city = cities.first().ok_or_else(|| io::Error::other("the dataset has no city"))?.name_en.clone();
    let xdg = beside(root, "xdg");
    let csv = beside(root, "all.csv");
    let csv_s = csv.to_string_lossy().into_owned();

    eprint!("bench: side by side: exporting {} … ", csv.display());
    let export = Command::new(&zhibiao)
        .args(["--data", &root_s, "list", "--format", "csv"])
        .env("XDG_CACHE_HOME", &xdg)
        .output()?;
    if !export.status.success() {
        return Err(io::Error::other(format!("export failed: {}", String::from_utf8_lossy(&export.stderr))));
    }
    std::fs::write(&csv, &export.stdout)?;
    eprintln!("{:.1} MB", export.stdout.len() as f64 / 1e6);

    let select = ["--data", &root_s, "list", "--city", &city, "--kind", "target", "--format", "csv"];
    let mut contenders = vec![
        Contender::new("`zhibiao list`, warm cache", &zhibiao, &select),
        Contender::new("`zhibiao list --no-cache`", &zhibiao, &[&select[..], &["--no-cache"]].concat()),
    ];
    let mut notes = Vec::new();
    if available("python3", &["-c", "import duckdb"]) {
        let sql = format!(
            "import duckdb; duckdb.sql(\"COPY (SELECT * FROM read_csv('{csv_s}') WHERE city_en = '{city}' AND kind = \
             'target') TO '/dev/stdout' (HEADER)\")"
        );
        contenders.push(Contender::new("DuckDB (Python) on the CSV", "python3", &["-c", &sql]));
    } else {
        notes.push("DuckDB skipped: `python3 -c 'import duckdb'` fails (pip install duckdb)");
    }
    if available("vd", &["--version"]) {
        let sheet = csv.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let script = beside(root, "select.vdj");
        let out = beside(root, "vd.csv");
        let line = |sheet: &str, col: &str, longname: &str, input: &str| {
            format!(
                "{{\"sheet\": \"{sheet}\", \"col\": \"{col}\", \"row\": \"\", \"longname\": \"{longname}\", \"input\": \
                 \"{input}\", \"keystrokes\": \"\", \"comment\": \"\"}}\n"
            )
        };
        let text = format!(
            "#!vd -p\n{}{}{}{}",
            line(&sheet, "city_en", "select-col-regex", &format!("^{city}$")),
            line(&sheet, "kind", "unselect-col-regex", "^actual$"),
            line(&sheet, "", "dup-selected", ""),
            line(&format!("{sheet}_selectedref"), "", "save-sheet", &out.to_string_lossy()),
        );
        std::fs::write(&script, text)?;
        let script_s = script.to_string_lossy().into_owned();
        let mut vd = Contender::new("VisiData batch (`vd -b`) on the CSV", "vd", &["-b", "-p", &script_s, &csv_s]);
        vd.out_file = Some(out);
        contenders.push(vd);
    } else {
        notes.push("VisiData skipped: `vd` is not installed (pip install visidata)");
    }

    // Prime the cache (the warm row's premise), then the timed rounds.
    contenders[0].run(&xdg)?;
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); contenders.len()];
    let mut rows: Vec<usize> = vec![0; contenders.len()];
    for round in 0..runs.max(1) {
        eprint!("\rbench: side by side: round {} of {} …", round + 1, runs.max(1));
        for (i, c) in contenders.iter().enumerate() {
            let (wall, lines) = c.run(&xdg)?;
            times[i].push(wall);
            rows[i] = lines;
        }
    }
    eprintln!(" done");

    let filtered = filtered(&zhibiao, root, &xdg, runs)?;
    let mut out = format!(
        "Side by side at {} (targets of {city}; medians of {} fresh processes, taken in turn):\n\n\
         | command | median | min | lines out |\n|---|---|---|---|\n",
        root.display(),
        runs.max(1)
    );
    for ((c, t), lines) in contenders.iter().zip(&mut times).zip(&rows) {
        t.sort_by(f64::total_cmp);
        let _ = writeln!(out, "| {} | {:.2} s | {:.2} s | {lines} |", c.label, t[t.len() / 2], t[0]);
    }
    if rows.iter().any(|&r| r != rows[0]) {
        notes.push("the commands did not print the same number of lines: check the selection");
    }
    for n in notes {
        let _ = writeln!(out, "\nNote: {n}");
    }
    Ok(out + "\n" + &filtered)
}

/// A warm filtered answer against `grep` over the YAML: `zhibiao list --city <first city> --grep 5G` (warm,
/// answered from the cache's index; and `--no-cache`) and `grep -r <first city> data/`, taken in turn (A B C A B
/// C …), with each process's peak RSS; the table as Markdown, with the machine's load average.
fn filtered(zhibiao: &str, root: &Path, xdg: &Path, runs: usize) -> io::Result<String> {
    let cities: Vec<CityEntry> = serde_yaml::from_str(&std::fs::read_to_string(root.join("data/cities.yaml"))?)
        .map_err(|e| io::Error::other(format!("data/cities.yaml: {e}")))?;
    let city = cities.first().ok_or_else(|| io::Error::other("the dataset has no city"))?.name.clone();
    let root_s = root.to_string_lossy().into_owned();
    let data_s = root.join("data").to_string_lossy().into_owned();
    let select = ["--data", &root_s, "list", "--city", &city, "--grep", "5G"];
    let contenders = [
        Contender::new("`zhibiao list --city X --grep 5G`, warm (the index)", zhibiao, &select),
        Contender::new("the same, `--no-cache`", zhibiao, &[&["--no-cache"], &select[..]].concat()),
        Contender::new("`grep -r X data/`", "grep", &["-r", &city, &data_s]),
    ];
    let rss = Path::new(TIME).is_file();
    contenders[0].run(xdg)?;
    let rounds = runs.max(5);
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); contenders.len()];
    let mut peaks: Vec<u64> = vec![0; contenders.len()];
    for round in 0..rounds {
        eprint!("\rbench: filtered answer: round {} of {rounds} …", round + 1);
        for (i, c) in contenders.iter().enumerate() {
            let (wall, _, kib) = c.run_measured(xdg, rss)?;
            times[i].push(wall);
            peaks[i] = peaks[i].max(kib.unwrap_or(0));
        }
    }
    eprintln!(" done");
    // Then with a `zhibiao watch` of the dataset running, which `list` asks instead of stat'ing every file; its
    // own grep times beside it, taken in turn.
    let watched = watched(zhibiao, &root_s, xdg, &contenders, rounds, rss)?;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut out = format!(
        "Warm filtered answer against grep at {} (X = {city}; {rounds} rounds, the commands in turn; load average \
         {}):\n\n| command | median | min | median ÷ grep's | peak RSS |\n|---|---|---|---|---|\n",
        root.display(),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    for t in &mut times {
        t.sort_by(f64::total_cmp);
    }
    let grep = times[2][times[2].len() / 2];
    for ((c, t), kib) in contenders.iter().zip(&times).zip(&peaks) {
        let median = t[t.len() / 2];
        let peak = if rss { format!("{:.1} MiB", *kib as f64 / 1024.0) } else { "–".into() };
        let _ = writeln!(out, "| {} | {:.3} s | {:.3} s | {:.2}× | {peak} |", c.label, median, t[0], median / grep);
    }
    if let Some((mut t, kib, mut g)) = watched {
        t.sort_by(f64::total_cmp);
        g.sort_by(f64::total_cmp);
        let (median, grep) = (t[t.len() / 2], g[g.len() / 2]);
        let peak = if rss { format!("{:.1} MiB", kib as f64 / 1024.0) } else { "–".into() };
        let label = "the same, warm, with `zhibiao watch` running (÷ grep's times taken with it)";
        let _ = writeln!(out, "| {label} | {median:.3} s | {:.3} s | {:.2}× | {peak} |", t[0], median / grep);
    }
    Ok(out)
}

/// The warm answer (`contenders[0]`) and grep (`contenders[2]`) in turn for `rounds` rounds while a
/// `zhibiao watch` of `root` runs: their wall times and the answer's peak RSS. `None` where there is no watcher
/// (not Linux).
#[allow(clippy::type_complexity)]
fn watched(
    zhibiao: &str,
    root: &str,
    xdg: &Path,
    contenders: &[Contender],
    rounds: usize,
    rss: bool,
) -> io::Result<Option<(Vec<f64>, u64, Vec<f64>)>> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    let mut watcher = Command::new(zhibiao)
        .args(["--data", root, "watch"])
        .env("XDG_CACHE_HOME", xdg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let result = (|| {
        // Listening, and its first baseline made: the first answer after it is as fast as the rest.
        let listening = || {
            std::fs::read_dir(xdg.join("zhibiao")).into_iter().flatten().filter_map(Result::ok).any(|e| {
                e.path().extension().is_some_and(|x| x == "watch")
                    && std::os::unix::net::UnixStream::connect(e.path()).is_ok()
            })
        };
        let started = Instant::now();
        while !listening() {
            if started.elapsed().as_secs() > 120 {
                return Err(io::Error::other("`zhibiao watch` never listened"));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        contenders[0].run(xdg)?;
        let (mut times, mut peak, mut greps) = (Vec::new(), 0u64, Vec::new());
        for round in 0..rounds {
            eprint!("\rbench: filtered answer with a watcher: round {} of {rounds} …", round + 1);
            let (wall, _, kib) = contenders[0].run_measured(xdg, rss)?;
            times.push(wall);
            peak = peak.max(kib.unwrap_or(0));
            greps.push(contenders[2].run_measured(xdg, false)?.0);
        }
        eprintln!(" done");
        Ok(Some((times, peak, greps)))
    })();
    // Stopped as Ctrl-C stops it, so that it removes its socket.
    let stopped = Command::new("kill").args(["-TERM", &watcher.id().to_string()]).status();
    if !stopped.is_ok_and(|s| s.success()) {
        let _ = watcher.kill();
    }
    let _ = watcher.wait();
    result
}
