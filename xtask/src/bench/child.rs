//! One benchmark measurement in a fresh child process: reading, parsing, loading, the explorer, the profile.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::widgets::Paragraph;
use ratatui::Terminal;
use serde_json::{json, Value};
use zhibiao_core::corpus::Text;
use zhibiao_core::schema::IndicatorFile;
use zhibiao_core::verify::{self, Claim};
use zhibiao_core::{LoadError, Root};

use super::{dataset_files, is_yaml, Phase, COLS, ROWS};
use zhibiao_explorer::action::Action;
use zhibiao_explorer::app::{self, Model};
use zhibiao_explorer::vocab::Mode;
use zhibiao_explorer::{keymap, view};

pub(super) fn secs(d: Duration) -> f64 {
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

/// Bytes of heap the allocator has handed out and not had back (glibc's own count, `mallinfo2`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn heap_in_use() -> f64 {
    // SAFETY: mallinfo2 only reads the allocator's counters, under its own locks.
    let m = unsafe { libc::mallinfo2() };
    (m.uordblks + m.hblkhd) as f64
}

/// NaN: only glibc says how much of its heap is in use.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn heap_in_use() -> f64 {
    f64::NAN
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
fn memory_breakdown(ds: &zhibiao_core::Dataset) -> Value {
    use std::mem::size_of;
    use zhibiao_core::dataset::SharedStr;
    // Strings borrowed from the mapped cache file hold nothing on the heap (they count in `m_borrowed`).
    let cap = |s: &SharedStr| s.heap_bytes() as f64;
    let opt = |s: &Option<SharedStr>| s.as_ref().map_or(0.0, cap);
    let inds = ds.indicators();
    let sum = |f: &dyn Fn(&zhibiao_core::dataset::Indicator) -> f64| inds.iter().map(f).sum::<f64>();
    json!({
        "m_texts": ds.documents().iter().map(|d| d.text.text.len() as f64 + (d.text.paragraphs.capacity() * size_of::<std::ops::Range<usize>>()) as f64).sum::<f64>(),
        "m_structs": std::mem::size_of_val(inds) as f64,
        "m_haystack": ds.search_buffer().0.len() as f64 + std::mem::size_of_val(ds.search_buffer().1) as f64,
        "m_quote": sum(&|i| cap(&i.quote)),
        "m_names": sum(&|i| cap(&i.name) + cap(&i.name_en)),
        "m_other_strings": sum(&|i| cap(&i.id) + cap(&i.unit) + cap(&i.base_unit) + opt(&i.note)),
        "m_borrowed": sum(&|i| [&i.id, &i.name, &i.name_en, &i.unit, &i.base_unit, &i.quote].into_iter().chain(&i.note).filter(|s| s.is_borrowed()).map(|s| s.len() as f64).sum()),
        "m_string_count": (inds.len() * 7 + inds.iter().filter(|i| i.note.is_some()).count()) as f64,
        "m_ignored": ds.ignored().iter().map(|g| (g.quote.capacity() + g.reason.capacity() + size_of::<zhibiao_core::dataset::Ignored>()) as f64).sum::<f64>(),
    })
}

fn load_error(e: LoadError) -> io::Error {
    match e {
        LoadError::Io(msg) => io::Error::other(msg),
        LoadError::Invalid(d) => io::Error::other(format!("the dataset does not verify ({} problems)", d.len())),
    }
}

pub(super) fn child(phase: Phase, root: &Path) -> io::Result<Value> {
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
            let ds = zhibiao_core::load(&root).map_err(load_error)?;
            let (load_s, load_cpu_s) = (secs(t.elapsed()), cpu_s() - cpu);
            let mut out = json!({
                "load_s": load_s,
                "load_cpu_s": load_cpu_s,
                "indicators": ds.indicators().len(),
                "documents": ds.documents().len(),
                "vmhwm_kb": vmhwm_kb(),
                "vmrss_kb": vmrss_kb(),
                "heap_in_use": heap_in_use(),
            });
            if let (Value::Object(o), Value::Object(m)) = (&mut out, memory_breakdown(&ds)) {
                o.extend(m);
            }
            Ok(out)
        }
        Phase::Explorer => explorer(root),
        Phase::Profile => profile(root),
        Phase::Warm => warm(root),
        Phase::Changed => changed(root),
        Phase::Indexed => indexed(root),
        Phase::Reload => live_reload(root),
    }
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// The keys a terminal sends for typed text: capitals come with Shift held.
fn chars(s: &str) -> Vec<KeyEvent> {
    s.chars()
        .map(|c| {
            let shift = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            KeyEvent::new(KeyCode::Char(c), shift)
        })
        .collect()
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
    // Kind cycling (full scans; `K`, since `k` moves up) and the other pickers.
    s.extend(chars("KKK"));
    s.extend(chars("t"));
    s.extend([key(Down), key(Enter)]);
    s.extend(chars("y"));
    s.extend([key(Down), key(Enter)]);
    s.extend(chars("x"));
    s
}

/// The cache folder the bench uses for a dataset root: next to it, never the user's own.
pub(super) fn cache_dir_for(root: &Path) -> std::path::PathBuf {
    beside(root, "cache")
}

/// A path next to the dataset root `DIR/nN`: `DIR/nN-<suffix>`.
pub(super) fn beside(root: &Path, suffix: &str) -> std::path::PathBuf {
    let name = root.file_name().map_or_else(|| "root".into(), |n| n.to_string_lossy().into_owned());
    root.with_file_name(format!("{name}-{suffix}"))
}

/// Start-up as the explorer does it, through the cache: the load on a thread while the loading frame is drawn
/// (first paint), then the dataset (load through the cache), a filtered selection as `list --city` makes it,
/// and the explorer's first real frame. Times are from the start of this function.
fn warm(root: &Path) -> io::Result<Value> {
    use std::sync::Arc;
    use zhibiao_core::load::LoadCounter;
    let t = Instant::now();
    let root = Root::dir(root)?;
    let cache = cache_dir_for(match &root {
        Root::Dir(p) => p,
        _ => Path::new("."),
    });
    let counter = Arc::new(LoadCounter::new());
    let (first_tx, first_rx) = std::sync::mpsc::channel();
    let worker = {
        let (root, counter) = (root.clone(), Arc::clone(&counter));
        // As the explorer loads: the first cities from the index, then every record with the live state the
        // explorer's watcher is given.
        std::thread::spawn(move || {
            let rows = zhibiao_explorer::loading::cities_shown((COLS, ROWS));
            let _ = first_tx.send(zhibiao_core::lookup::first_cities(&root, &cache, rows));
            zhibiao_core::Loader::new(&root).cache(Some(&cache)).counter(&counter).load_live()
        })
    };
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap_or_else(|e| match e {});
    term.draw(|f| zhibiao_explorer::draw_loading(f, "the benchmark dataset", counter.get()))
        .unwrap_or_else(|e| match e {});
    let first_paint_s = secs(t.elapsed());
    // No index to trust (the cache was written by another build): no first cities, as in the explorer.
    let first_cities_s = match first_rx.recv().map_err(|_| io::Error::other("the load panicked"))? {
        Some(first) => {
            let mut m = Model::new(first.dataset, (COLS, ROWS));
            app::update(&mut m, Action::Resize(COLS, ROWS));
            term.draw(|f| zhibiao_explorer::draw_first(f, &m, first.total, counter.get(), 0))
                .unwrap_or_else(|e| match e {});
            Some(secs(t.elapsed()))
        }
        None => None,
    };
    let (ds, live) = worker.join().map_err(|_| io::Error::other("the load panicked"))?.map_err(load_error)?;
    let load_s = secs(t.elapsed());
    std::hint::black_box(&live);
    let filter = zhibiao_core::query::Filter {
        city: vec![zhibiao_core::ids::CityId::new(ds.cities().len() / 2)],
        ..Default::default()
    };
    let ids = filter.apply(&ds);
    let listed: usize = ids.iter().map(|&i| ds.indicators()[i].id.len()).sum();
    std::hint::black_box(listed);
    let list_s = secs(t.elapsed());
    let tm = Instant::now();
    let mut m = Model::new(ds, (COLS, ROWS));
    app::update(&mut m, Action::Resize(COLS, ROWS));
    term.draw(|f| view::render(&m, f)).unwrap_or_else(|e| match e {});
    let first_frame_s = load_s + secs(tm.elapsed());
    Ok(json!({
        "first_paint_s": first_paint_s,
        "first_cities_s": first_cities_s,
        "load_s": load_s,
        "list_s": list_s,
        "first_frame_s": first_frame_s,
        "selected": ids.len(),
        "vmhwm_kb": vmhwm_kb(),
        // What is resident at the end, anonymous memory apart from the mapped cache file's pages (which the page
        // cache holds anyway, and the system can take back without writing them out).
        "rss_anon_kb": proc_status_kb("RssAnon:"),
        "rss_file_kb": proc_status_kb("RssFile:"),
    }))
}

/// Appends a comment to the middle indicator file of `root` (a new stamp, the same records): "one file saved".
fn touch_middle(root: &Root) -> io::Result<()> {
    let Root::Dir(dir) = root else { return Err(io::Error::other("not a folder")) };
    let files = root.indicator_files()?;
    let file = dir.join(files.get(files.len() / 2).ok_or_else(|| io::Error::other("no indicator file"))?);
    let mut text = std::fs::read_to_string(&file)?;
    text.push_str("# bench: one file changed\n");
    std::fs::write(&file, text)
}

/// After one indicator file changed: `list --city … --grep 5G` answered from the index with that file verified
/// alone (as `list` does), then a start through the cache, which reads and verifies that file again, reuses the
/// others and rewrites the cache (as any other command does).
fn changed(root: &Path) -> io::Result<Value> {
    let root = Root::dir(root)?;
    let Root::Dir(dir) = &root else { return Err(io::Error::other("not a folder")) };
    touch_middle(&root)?;
    let cache = cache_dir_for(dir);
    let t = Instant::now();
    let selected = answer(&root, &cache)?;
    let answer_s = secs(t.elapsed());
    let t = Instant::now();
    let ds = zhibiao_core::Loader::new(&root).cache(Some(&cache)).load().map_err(load_error)?;
    let load_s = secs(t.elapsed());
    Ok(json!({
        "answer_s": answer_s,
        "selected": selected,
        "load_s": load_s,
        "indicators": ds.indicators().len(),
        "vmhwm_kb": vmhwm_kb(),
    }))
}

/// `list --city <middle city> --grep 5G` from the cache's index, without the process: the index opened and
/// checked, the selection read; the number of records selected.
fn answer(root: &Root, cache: &Path) -> io::Result<usize> {
    let lookup = zhibiao_core::lookup::open(root, cache).ok_or_else(|| io::Error::other("no trusted index"))?;
    let city = lookup.tables().cities().len() / 2;
    let text = zhibiao_core::query::TextFilter::regex("5G").map_err(io::Error::other)?;
    let city = zhibiao_core::ids::CityId::new(city);
    let filter = zhibiao_core::query::Filter { city: vec![city], text: Some(text), ..Default::default() };
    let answer = lookup.select(&filter).ok_or_else(|| io::Error::other("the index did not answer"))?;
    Ok(answer.dataset.indicators().len())
}

/// A warm filtered answer from the cache's index (see [`answer`]).
fn indexed(root: &Path) -> io::Result<Value> {
    let root = Root::dir(root)?;
    let Root::Dir(dir) = &root else { return Err(io::Error::other("not a folder")) };
    let cache = cache_dir_for(dir);
    let t = Instant::now();
    let selected = answer(&root, &cache)?;
    Ok(json!({ "answer_s": secs(t.elapsed()), "selected": selected, "vmhwm_kb": vmhwm_kb() }))
}

/// The explorer's live reload of the first file saved in a session: the explorer open on the dataset as it
/// starts (loaded through the cache, with the live state that load gives), one indicator file saved, then what
/// the event loop does — the reload (the saved file verified alone and spliced in, when it can be), the model
/// brought up to date under the view state, the next frame drawn.
fn live_reload(root: &Path) -> io::Result<Value> {
    use zhibiao_explorer::reload::{self, Reload};
    let opened = Root::dir(root)?;
    let cache = cache_dir_for(root);
    let (ds, mut live) = zhibiao_core::Loader::new(&opened)
        .cache(Some(&cache))
        .load_live()
        .map_err(|e| io::Error::other(format!("the dataset does not verify: {e}")))?;
    // As the watcher's thread does while the explorer draws its first frame.
    live.prepare();
    let mut m = Model::new(ds, (COLS, ROWS));
    app::update(&mut m, Action::Resize(COLS, ROWS));
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap_or_else(|e| match e {});
    term.draw(|f| view::render(&m, f)).unwrap_or_else(|e| match e {});
    touch_middle(&Root::dir(root)?)?;
    let t = Instant::now();
    let again = reload::load_reusing_unchanged(root, &mut live);
    let load_s = secs(t.elapsed());
    let spliced = matches!(again, Reload::Spliced(_));
    if let Reload::Failed(errors) = &again {
        return Err(io::Error::other(format!("the reload failed: {errors:?}")));
    }
    if reload::update(&mut m, again) != reload::After::Shown {
        return Err(io::Error::other("the model refused the splice"));
    }
    let update_s = secs(t.elapsed()) - load_s;
    term.draw(|f| view::render(&m, f)).unwrap_or_else(|e| match e {});
    let total_s = secs(t.elapsed());
    Ok(json!({
        "load_s": load_s,
        "update_s": update_s,
        "total_s": total_s,
        "spliced": spliced,
        "vmhwm_kb": vmhwm_kb(),
    }))
}

fn explorer(root: &Path) -> io::Result<Value> {
    let t = Instant::now();
    let ds = zhibiao_core::load(&Root::dir(root)?).map_err(load_error)?;
    let load_s = secs(t.elapsed());
    let rss_load_kb = vmrss_kb();
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
    let rss_frame_kb = vmrss_kb();

    // The search buffer, built at once here: what building it costs. The explorer builds it while nobody types,
    // after the first frame (a text-filter key pays it only when typed before that is done); the floors and the
    // scripted keys below find it built.
    let tb = Instant::now();
    std::hint::black_box(m.ds.search_buffer().0.len());
    let search_build_ms = secs(tb.elapsed()) * 1e3;
    let rss_search_kb = vmrss_kb();
    // The first frame judged the progress of its own city only; the event loop judges the others (and measures
    // the table's cells) while nobody types, as here before the scripted keys.
    let tw = Instant::now();
    while m.has_work_ahead() {
        app::update(&mut m, Action::WorkAhead);
    }
    let work_ahead_ms = secs(tw.elapsed()) * 1e3;

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
            let typing = matches!(mode, Mode::FilterInput | Mode::Picker);
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
        "search_build_ms": search_build_ms,
        "work_ahead_ms": work_ahead_ms,
        "render_floor_ms": med(floor),
        "key_ms": key_ms,
        "filter_key_ms": filter_key_ms,
        "frame_ms": frame_ms,
        "key_labels": key_labels,
        "update_ms": update_ms,
        "rss_load_kb": rss_load_kb,
        "rss_frame_kb": rss_frame_kb,
        "rss_search_kb": rss_search_kb,
        "vmhwm_kb": vmhwm_kb(),
        "rss_anon_kb": proc_status_kb("RssAnon:"),
        "rss_file_kb": proc_status_kb("RssFile:"),
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
    let documents: Vec<zhibiao_core::schema::DocumentEntry> =
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
    let mut diags = Vec::new();
    let parsed: Vec<IndicatorFile> = yaml_texts
        .iter()
        .zip(&files)
        .map(|(b, rel)| {
            let text = std::str::from_utf8(b).map_err(io::Error::other)?;
            zhibiao_core::yamlfile::parse(rel, text, &["indicators", "ignored"], &mut diags)
                .ok_or_else(|| io::Error::other(format!("{rel} does not parse")))
        })
        .collect::<io::Result<_>>()?;
    let p_yaml_s = secs(t.elapsed());
    // The same files through yaml_serde alone, as load read them before the subset reader (not part of load).
    let t = Instant::now();
    for b in &yaml_texts {
        let f = serde_yaml::from_slice::<IndicatorFile>(b).map_err(|e| io::Error::other(e.to_string()))?;
        std::hint::black_box(f);
    }
    let p_yaml_serde_s = secs(t.elapsed());

    let t = Instant::now();
    let mut placed = 0usize;
    for f in &parsed {
        let Some(&d) = by_id.get(f.document.as_str()) else { continue };
        // As load does: every distinct quote of the file found in one pass, then each placed.
        let mut quotes: Vec<&str> =
            f.indicators.iter().map(|e| e.quote.as_str()).chain(f.ignored.iter().map(|e| e.quote.as_str())).collect();
        quotes.sort_unstable();
        quotes.dedup();
        let hits = zhibiao_core::corpus::find_many(&texts[d], &quotes);
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
            let claim = Claim::of(e);
            matched += verify::match_figure(&e.quote, &claim).is_ok() as usize;
        }
    }
    let p_figures_s = secs(t.elapsed());

    let t = Instant::now();
    let mut ignored = 0usize;
    for f in &parsed {
        for e in &f.ignored {
            ignored += zhibiao_core::quantity::find_quantities(&e.quote).len();
        }
    }
    let p_ignored_s = secs(t.elapsed());

    std::hint::black_box((placed, matched, ignored));
    Ok(json!({
        "p_read_s": p_read_s,
        "p_decode_s": p_decode_s,
        "p_yaml_s": p_yaml_s,
        "p_quotes_s": p_quotes_s,
        "p_figures_s": p_figures_s,
        "p_ignored_s": p_ignored_s,
        "p_yaml_serde_s": p_yaml_serde_s,
    }))
}
