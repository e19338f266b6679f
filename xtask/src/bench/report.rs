//! The benchmark report: the tables of medians against their floors and budgets, as text and Markdown.

use serde_json::Value;

use super::{percentile, Row};

pub(super) struct Report {
    pub(super) rows: Vec<Row>,
    pub(super) idle_mb: f64,
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
        // Two timings of one phase, then its peak memory.
        let two_and_peak = |phase: &str, a: &str, b: &str| {
            let (a, b) = (each(&|x| dur(x.get(phase, a))), each(&|x| dur(x.get(phase, b))));
            let peak = each(&|x| mb(x.get(phase, "vmhwm_kb") * 1024.0));
            a.into_iter().zip(b).zip(peak).map(|((a, b), p)| format!("{a} | {b} | {p}")).collect::<Vec<_>>()
        };
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
                "  after it, while nobody types: other cities' progress, cells".into(),
                each(&|x| ms(x.get("explorer", "work_ahead_ms"))),
            ),
            (
                "cold start, cache written (load | ÷ YAML floor)".into(),
                each(&|x| format!("{} | {}", dur(x.get("prime", "load_s")), ratio(x.get("prime", "load_s"), yaml(x)))),
            ),
            (
                "warm cache: load | ÷ YAML floor".into(),
                each(&|x| format!("{} | {}", dur(x.get("warm", "load_s")), ratio(x.get("warm", "load_s"), yaml(x)))),
            ),
            (
                "warm cache: filtered list (load + --city) | ÷ YAML floor".into(),
                each(&|x| format!("{} | {}", dur(x.get("warm", "list_s")), ratio(x.get("warm", "list_s"), yaml(x)))),
            ),
            (
                "warm cache: first frame | ÷ YAML floor".into(),
                each(&|x| {
                    format!(
                        "{} | {}",
                        dur(x.get("warm", "first_frame_s")),
                        ratio(x.get("warm", "first_frame_s"), yaml(x))
                    )
                }),
            ),
            ("first paint (loading frame, load running)".into(), each(&|x| dur(x.get("warm", "first_paint_s")))),
            (
                "warm cache: first cities drawn from the index, load running".into(),
                each(&|x| dur(x.get("warm", "first_cities_s"))),
            ),
            (
                "warm answer from the index (--city, --grep 5G) | peak RSS".into(),
                each(&|x| {
                    format!("{} | {}", dur(x.get("indexed", "answer_s")), mb(x.get("indexed", "vmhwm_kb") * 1024.0))
                }),
            ),
            (
                "one file changed: answer from the index | load through the cache | peak RSS".into(),
                two_and_peak("changed", "answer_s", "load_s"),
            ),
            (
                "live reload of one saved file: reload | + update and frame | peak RSS".into(),
                two_and_peak("reload", "load_s", "total_s"),
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
                "  the search buffer built, once (while nobody types)".into(),
                each(&|x| ms(x.get("explorer", "search_build_ms"))),
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
        let (warm_list, warm_frame) = (x.get("warm", "list_s"), x.get("warm", "first_frame_s"));
        let paint = x.get("warm", "first_paint_s");
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
                format!("load + verify ≤ 0.75× YAML floor (N={})", x.n),
                load <= 0.75 * yaml,
                format!("{} vs {} = {}", dur(load), dur(yaml), ratio(load, yaml)),
            ),
            (
                format!("warm cache: filtered list and first frame ≤ 0.15× YAML floor (N={})", x.n),
                warm_list.max(warm_frame) <= 0.15 * yaml,
                format!("{} and {} vs {}", ratio(warm_list, yaml), ratio(warm_frame, yaml), dur(yaml)),
            ),
            (format!("first paint ≤ 100 ms (N={})", x.n), paint <= 0.1, dur(paint)),
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

    pub(super) fn text(&self) -> String {
        let lines = self.lines();
        let header: Vec<String> = self.rows.iter().map(|r| format!("N = {}", r.n)).collect();
        let lw = lines.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
        let mut cw: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for (_, cells) in &lines {
            for (i, c) in cells.iter().enumerate() {
                cw[i] = cw[i].max(c.chars().count());
            }
        }
        let mut out = format!("cargo xtask bench — {}\n\n", Report::machine());
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
            out.push_str(
                "\nWhere the memory of check and of the explorer goes (largest N; heap capacities after load):\n",
            );
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
        if let Some(v) = p.get("p_yaml_serde_s").and_then(Value::as_f64) {
            out.push_str(&format!("  {:<52} {:>10}\n", "(the same YAML with yaml_serde alone, not in load)", dur(v)));
        }
        out
    }

    pub(super) fn markdown(&self) -> String {
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
            out.push_str(&format!(
                "\nWhere the memory of check and of the explorer goes (N = {}):\n\n```\n{}```\n",
                x.n,
                memory_lines(x)
            ));
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
    let heap = g("heap_in_use");
    out.push_str(&format!("  {:<52} {:>10}\n", "heap in use after load (malloc's own count)", mb(heap)));
    out.push_str(&format!("  {:<52} {:>10}\n", "RSS after load (VmRSS)", mb(rss)));
    out.push_str(&format!("  {:<52} {:>10}\n", "  not heap in use: code, stacks, free pages kept", mb(rss - heap)));
    out.push_str(&format!("  {:<52} {:>10}\n", "peak RSS during load (VmHWM)", mb(peak)));
    // Built on first use (a text filter), after these figures: `check` never holds it.
    out.push_str(&format!(
        "  {:<52} {:>10}\n",
        "search buffer, when a text filter first needs it",
        mb(g("m_haystack"))
    ));
    // The explorer's process, step by step.
    let e = |k: &str| x.get("explorer", k) * 1024.0;
    out.push_str("explorer (its own process):\n");
    out.push_str(&format!("  {:<52} {:>10}\n", "RSS after load", mb(e("rss_load_kb"))));
    let model = e("rss_frame_kb") - e("rss_load_kb");
    out.push_str(&format!("  {:<52} {:>10}\n", "+ model and first frame (progress index, widths)", mb(model)));
    let search = e("rss_search_kb") - e("rss_frame_kb");
    out.push_str(&format!("  {:<52} {:>10}\n", "+ search buffer (built while nobody types)", mb(search)));
    out.push_str(&format!("  {:<52} {:>10}\n", "peak RSS after the scripted keys (VmHWM)", mb(e("vmhwm_kb"))));
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
    ("p_yaml_s", "YAML into the schema types (yamlfile::parse)"),
    ("p_quotes_s", "place every quote (corpus::find_many, place_quote)"),
    ("p_figures_s", "match every figure (verify::match_figure)"),
    ("p_ignored_s", "quantities of ignored passages (find_quantities)"),
];
