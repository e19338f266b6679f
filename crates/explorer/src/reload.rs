//! Live reload: a background thread watches the dataset folder (the `notify` crate) and, when a YAML file or a
//! source text changes, loads the dataset again off the event loop; [`update`] then swaps the new dataset into
//! the model, keeping the view, the filters, the selection and the open source where their ids still exist — or,
//! when the dataset no longer verifies, keeps the last good one and shows `check`'s errors in a panel.
//!
//! The thread only loads and sends; the model changes only in [`update`], which tests drive with a [`Reload`]
//! message and no watcher at all.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};
use zhibiao_core::{Dataset, LoadError, Root};

use crate::app::Model;
use crate::nav::{BrowseLoc, Location};
use crate::state::{IdMap, ViewState};
use crate::vocab::ViewKind;

/// What a reload found.
#[derive(Debug)]
pub enum Reload {
    /// The dataset loaded and verified.
    Loaded(Box<Dataset>),
    /// It did not: `check`'s errors, one rendered diagnostic each.
    Failed(Vec<String>),
}

/// How long the files must stay quiet before a reload (an editor's save is several events).
const QUIET: Duration = Duration::from_millis(150);

/// The watcher thread's end: reload messages as they come.
pub struct Watcher {
    rx: Receiver<Reload>,
}

/// A watch on a dataset's `data/` folder started before the dataset is loaded: the changes it sees are kept until
/// [`Watcher::start`] takes them over, so a save made while the explorer is still loading is not lost.
pub struct EarlyWatch {
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Event>,
}

impl EarlyWatch {
    /// Starts watching `root`'s `data/` (recursively).
    pub fn start(root: &Path) -> notify::Result<EarlyWatch> {
        let (ev_tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(ev) = res {
                let _ = ev_tx.send(ev);
            }
        })?;
        watcher.watch(&root.join("data"), RecursiveMode::Recursive)?;
        Ok(EarlyWatch { watcher, events })
    }
}

impl Watcher {
    /// Watches the dataset folder `root` (its `data/` and every folder holding a source of `ds`) and reloads
    /// in a background thread on each change.
    pub fn start(root: PathBuf, ds: &Dataset) -> notify::Result<Watcher> {
        Watcher::take_over(EarlyWatch::start(&root)?, root, ds)
    }

    /// [`Watcher::start`] from a watch begun before `ds` was loaded: a change it saw meanwhile reloads at once.
    pub fn take_over(early: EarlyWatch, root: PathBuf, ds: &Dataset) -> notify::Result<Watcher> {
        let EarlyWatch { mut watcher, events: ev_rx } = early;
        watch_dirs(&mut watcher, &root, ds)?;
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new().name("zhibiao-reload".into()).spawn(move || {
            // The watcher lives as long as this thread, which ends when the explorer drops its receiver.
            let mut watcher = watcher;
            // What the last successful reload verified, per indicator file: the next one re-reads only the files
            // that changed (the first one reads everything, as the dataset shown came from another load).
            let mut snapshot = zhibiao_core::cache::Snapshot::default();
            while let Ok(ev) = ev_rx.recv() {
                if !relevant(&ev) {
                    continue;
                }
                // Let a burst of events settle.
                loop {
                    match ev_rx.recv_timeout(QUIET) {
                        Ok(_) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                let (msg, next) = load_reusing_unchanged(&root, std::mem::take(&mut snapshot));
                snapshot = next;
                if let Reload::Loaded(ds) = &msg {
                    let _ = watch_dirs(&mut watcher, &root, ds);
                }
                if tx.send(msg).is_err() {
                    return;
                }
            }
        })?;
        Ok(Watcher { rx })
    }

    /// The reloads that finished since the last call, oldest first.
    pub fn ready(&self) -> Vec<Reload> {
        self.rx.try_iter().collect()
    }
}

/// Watches `data/` (recursively) and the folders the sources are in.
fn watch_dirs(w: &mut notify::RecommendedWatcher, root: &Path, ds: &Dataset) -> notify::Result<()> {
    w.watch(&root.join("data"), RecursiveMode::Recursive)?;
    let dirs: HashSet<PathBuf> = ds
        .documents()
        .iter()
        .filter_map(|d| root.join(&d.source).parent().map(Path::to_path_buf))
        .filter(|d| !d.starts_with(root.join("data")))
        .collect();
    for d in dirs {
        // A folder that vanished is reported by the reload, not here.
        let _ = w.watch(&d, RecursiveMode::NonRecursive);
    }
    Ok(())
}

/// True for a change to a file the dataset may read: not a hidden or temporary file (the atomic writes'
/// `.name.zhibiao-tmp-XXXX`, an editor's swap file), and not a mere read.
pub fn relevant(ev: &notify::Event) -> bool {
    if matches!(ev.kind, EventKind::Access(_) | EventKind::Other) {
        return false;
    }
    ev.paths.iter().any(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        !name.is_empty()
            && !name.starts_with('.')
            && !name.ends_with('~')
            && ![".tmp", ".swp", ".swx"].iter().any(|s| name.ends_with(s))
    })
}

/// Loads the dataset at `root` as `check` would, every file (the tests' reload).
#[cfg(test)]
pub fn load(root: &Path) -> Reload {
    load_reusing_unchanged(root, zhibiao_core::cache::Snapshot::default()).0
}

/// Loads the dataset at `root` as `check` would, reusing what `previous` verified of the indicator files that did
/// not change and re-reading the rest (checks across files run over every record); returns the outcome and what
/// this load verified, to pass as `previous` next time. An empty `previous` reads every file.
pub fn load_reusing_unchanged(
    root: &Path,
    previous: zhibiao_core::cache::Snapshot,
) -> (Reload, zhibiao_core::cache::Snapshot) {
    let mut next = zhibiao_core::cache::Snapshot::default();
    let loaded = Root::dir(root).map_err(|e| vec![e.to_string()]).and_then(|r| {
        let (result, snapshot) = zhibiao_core::Loader::new(&r).reload(previous);
        next = snapshot;
        result.map_err(|e| match e {
            LoadError::Invalid(diags) => {
                let mut sorted = diags;
                sorted.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
                sorted
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| zhibiao_core::control_chars::escape(&d.to_string()).into_owned())
                    .collect()
            }
            LoadError::Io(msg) => vec![msg],
        })
    });
    let msg = match loaded {
        Ok(ds) => Reload::Loaded(Box::new(ds)),
        Err(errors) => Reload::Failed(errors),
    };
    (msg, next)
}

/// After [`crate::action::Done::Changed`]: loads the dataset again at once because `changed`, a file a
/// write was about to go to, was saved by someone else since the load; says that nothing was written.
pub fn reload_changed(m: &mut Model, changed: &str) {
    let Some(dir) = m.ui.root.clone() else { return };
    let (reloaded, _) = load_reusing_unchanged(&dir, zhibiao_core::cache::Snapshot::default());
    update(m, reloaded);
    m.ui.message = Some(if m.load_errors.is_empty() {
        format!("{changed} changed on disk since it was loaded: reloaded it and wrote nothing; check the selection and press again")
    } else {
        format!(
            "{changed} changed on disk since it was loaded and the dataset no longer verifies ({}): nothing was written",
            crate::text::count(m.load_errors.len(), "error")
        )
    });
}

/// Applies a reload to the model: a failed one shows its errors and keeps the dataset; a good one replaces the
/// dataset and carries the user's place over by ids.
pub fn update(m: &mut Model, msg: Reload) {
    match msg {
        Reload::Failed(errors) => {
            m.ui.message = Some(format!(
                "the dataset does not verify ({}): showing the last good one",
                crate::text::count(errors.len(), "error")
            ));
            if errors != m.load_errors {
                m.ui.errors_scroll = 0;
            }
            m.load_errors = errors;
        }
        Reload::Loaded(ds) => swap(m, *ds),
    }
}

/// Replaces the dataset under the user's [`crate::state::ViewState`], which stays as it is but for the indices
/// it holds (mapped by id), then selects the same group, record and source view where the new dataset still
/// has them.
fn swap(m: &mut Model, ds: Dataset) {
    let map = IdMap { old: &m.ds, new: &ds };
    let selected = m.selected().and_then(|i| map.indicator(i));
    let group = m.group().and_then(|g| map.group_key(g.key));
    let source = m.ui.source.as_ref().map(|s| (map.indicator(s.indicator()), s.top, map.browse(s.back)));
    let cand_keep = m.candidate_key();
    let size = m.ui.size;
    let mut ui = std::mem::replace(&mut m.ui, ViewState::new(size));
    ui.remap(&m.ds, &ds);
    let old = std::mem::replace(m, Model::with_state(ds, ui));
    // Handing 100,000 records back to the allocator takes tens of milliseconds the next frame need not wait
    // for.
    drop_elsewhere(old.ds);
    let indicator = selected.filter(|i| m.matched.binary_search(i).is_ok());
    m.restore(Location::Browse(BrowseLoc { view: m.ui.view, group, indicator }));
    if let Some((Some(i), top, back)) = source {
        m.open_source(i, back);
        if let Some(s) = m.ui.source.as_mut() {
            s.top = top.min(m.ds.document(s.doc).text.text.len());
        }
        m.scroll_source(0);
    }
    if m.ui.view == ViewKind::Candidates {
        m.refresh_candidates_keeping(cand_keep);
    }
    let drafts = match m.ds.unfinished().len() {
        0 => String::new(),
        n => format!("; {n} unfinished drafts set aside (view 6)"),
    };
    m.ui.message = Some(format!("reloaded: {} indicators{drafts}", m.ds.indicators().len()));
    // The source view may show an indicator of a city its group did not judge.
    m.settle();
}

/// Drops `old` on a thread of its own; when no thread can be started, the closure that holds it is dropped, and
/// `old` with it, here.
fn drop_elsewhere<T: Send + 'static>(old: T) {
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(old));
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::action::Action;
    use crate::app::scratch;
    use crate::app::update as act;
    use crate::vocab::PickerKind;

    const FILE: &str = "data/indicators/test-plan.yaml";

    /// The screen as text (a wide character once).
    fn drawn(m: &Model) -> String {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(m.ui.size.0, m.ui.size.1)).unwrap();
        t.draw(|f| crate::view::render(m, f)).unwrap();
        let b = t.backend().buffer();
        let mut out = String::new();
        for y in 0..b.area.height {
            let mut x = 0;
            while x < b.area.width {
                let sym = b[(x, y)].symbol();
                out.push_str(sym);
                x += (crate::text::width(sym) as u16).max(1);
            }
            out.push('\n');
        }
        out
    }

    fn selected_id(m: &Model) -> Option<&str> {
        m.selected().map(|i| m.ds.indicators()[i].id.as_str())
    }

    /// Selects the row of indicator `id` in the table.
    fn select(m: &mut Model, id: &str) {
        act(m, Action::Top);
        while selected_id(m) != Some(id) {
            let before = m.ui.row_sel;
            act(m, Action::Down);
            assert_ne!(m.ui.row_sel, before, "{id} is not in the table");
        }
    }

    #[test]
    fn a_reload_keeps_view_filters_and_selection_by_id_and_a_broken_save_keeps_the_last_good_dataset() {
        let dir = scratch::dataset("reload");
        let mut m = scratch::model(&dir, (100, 30));
        act(&mut m, Action::ShowView(ViewKind::Themes));
        act(&mut m, Action::OpenPicker(PickerKind::Theme));
        for c in "transport".chars() {
            act(&mut m, Action::InputChar(c));
        }
        act(&mut m, Action::Accept);
        act(&mut m, Action::FocusTable);
        select(&mut m, "t-green-travel");
        let filters = m.ui.filters.clone();

        // A record is added before the selected one: every index after it moves, the ids stay.
        let path = dir.join(FILE);
        let text = fs::read_to_string(&path).unwrap();
        let added = "  - id: a-first\n    metric: ev_charging_points\n    name: 新建充电桩\n    name_en: New charging points\n    kind: target\n    comparator: equal\n    value: 3000\n    unit: 个\n    year: 2024\n    quote: 全市新建充电桩3000个\n";
        fs::write(&path, text.replacen("indicators:\n", &format!("indicators:\n{added}"), 1)).unwrap();
        update(&mut m, load(&dir));
        assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
        assert_eq!(m.ds.indicators().len(), 6);
        assert_eq!(m.ui.view, ViewKind::Themes);
        assert_eq!(m.ui.filters, filters, "the theme filter, remapped by id");
        assert_eq!(selected_id(&m), Some("t-green-travel"));
        assert_eq!(m.rows().len(), 4, "the three transport records and the new charging target");

        // A broken save: the dataset shown stays, the selection too, and the errors are there to read.
        fs::write(&path, fs::read_to_string(&path).unwrap().replace("    value: 3000\n", "    value: 300\n")).unwrap();
        update(&mut m, load(&dir));
        assert_eq!(m.ds.indicators().len(), 6);
        assert_eq!(selected_id(&m), Some("t-green-travel"));
        assert_eq!(m.load_errors.len(), 1, "{:?}", m.load_errors);
        let said = m.ui.message.clone().unwrap_or_default();
        assert!(said.contains("(1 error)"), "one error is counted in the singular: {said}");
        assert!(
            m.load_errors[0].contains("test-plan.yaml:") && m.load_errors[0].contains("error:"),
            "{:?}",
            m.load_errors
        );
        let screen = drawn(&m);
        assert!(screen.contains("check: 1 error") && screen.contains("value"), "{screen}");

        // Fixed: the errors go, the selection stays.
        fs::write(&path, fs::read_to_string(&path).unwrap().replace("    value: 300\n", "    value: 3000\n")).unwrap();
        update(&mut m, load(&dir));
        assert!(m.load_errors.is_empty());
        assert_eq!(selected_id(&m), Some("t-green-travel"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_reload_keeps_the_sort_the_normalised_column_a_half_typed_export_name_and_the_jump_history() {
        let dir = scratch::dataset("reload-state");
        let mut m = scratch::model(&dir, (120, 30));
        act(&mut m, Action::ShowView(ViewKind::All));
        act(&mut m, Action::CycleSort);
        act(&mut m, Action::CycleSort);
        act(&mut m, Action::ReverseSort);
        act(&mut m, Action::ToggleBaseValue);
        select(&mut m, "t-green-travel");
        act(&mut m, Action::Open);
        act(&mut m, Action::Back);
        let (sort, history) = (m.ui.sort, m.ui.history.depth());
        assert_ne!(history, (0, 0));
        act(&mut m, Action::StartExport);
        for c in "-transport".chars() {
            act(&mut m, Action::InputChar(c));
        }
        let path = dir.join(FILE);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replace("EV charging points", "EV charging points (public)")).unwrap();
        update(&mut m, load(&dir));
        assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
        assert_eq!(m.ui.sort, sort);
        assert!(m.ui.show_base, "the normalised column stays");
        assert_eq!(m.ui.input, crate::state::Input::Export("zhibiao-export.csv-transport".to_string()));
        assert_eq!(m.ui.history.depth(), history);
        assert_eq!(selected_id(&m), Some("t-green-travel"));
        // Ctrl-o still goes back to the source view left before the reload, on the same record.
        act(&mut m, Action::Cancel);
        act(&mut m, Action::JumpBack);
        let s = m.ui.source.as_ref().expect("Ctrl-o goes back to the source view");
        assert_eq!(m.ds.indicators()[s.indicator()].id, "t-green-travel");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_metric_filter_and_group_follow_their_metric_when_the_registry_is_reordered() {
        let dir = scratch::dataset("reload-metrics");
        let mut m = scratch::model(&dir, (100, 30));
        act(&mut m, Action::ShowView(ViewKind::Metrics));
        act(&mut m, Action::OpenPicker(PickerKind::Metric));
        for c in "green_travel".chars() {
            act(&mut m, Action::InputChar(c));
        }
        act(&mut m, Action::Accept);
        let picked: Vec<&str> = m.ui.filters.metric.iter().map(|&k| m.ds.metric(k).id.as_str()).collect();
        assert_eq!(picked, ["green_travel_share"]);
        let rows: Vec<String> = m.rows().iter().map(|&i| m.ds.indicators()[i].id.clone()).collect();
        assert!(!rows.is_empty());

        // The registry's first metric moved to the end: every metric after it is numbered one less.
        let path = dir.join("data/metrics.yaml");
        let text = fs::read_to_string(&path).unwrap();
        let second = text.find("\n- id:").expect("a second metric") + 1;
        fs::write(&path, format!("{}{}", &text[second..], &text[..second])).unwrap();
        update(&mut m, load(&dir));
        assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
        let picked: Vec<&str> = m.ui.filters.metric.iter().map(|&k| m.ds.metric(k).id.as_str()).collect();
        assert_eq!(picked, ["green_travel_share"], "the filter names the same metric, not the same number");
        let group = m.group().and_then(|g| g.key.metric()).map(|k| m.ds.metric(k).id.as_str());
        assert_eq!(group, Some("green_travel_share"));
        let after: Vec<String> = m.rows().iter().map(|&i| m.ds.indicators()[i].id.clone()).collect();
        assert_eq!(after, rows);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn at_80x24_every_error_of_a_failed_reload_can_be_read_and_the_status_line_is_whole() {
        let mut m = Model::new(crate::sample::dataset(), (80, 24));
        let errors: Vec<String> =
            (1..=12).map(|k| format!("data/indicators/x.yaml:{k}:5: error: problem number {k}")).collect();
        update(&mut m, Reload::Failed(errors.clone()));
        let mut read = Vec::new();
        for page in 0..4 {
            let screen = drawn(&m);
            if page == 0 {
                let status = screen.lines().nth(23).unwrap_or_default().trim_end().to_string();
                assert_eq!(status, " the dataset does not verify (12 errors): showing the last good one");
                assert!(screen.contains("… and 8 more below (E scrolls)"), "{screen}");
                assert!(screen.contains(" check: 12 errors — the last good dataset is shown; save a fix to reload "));
            }
            read.extend(errors.iter().filter(|e| screen.contains(e.as_str())).cloned());
            act(&mut m, Action::ScrollErrors);
        }
        read.sort();
        read.dedup();
        assert_eq!(read.len(), 12, "every error was on some page: {read:?}");
    }

    #[test]
    fn the_open_source_view_survives_a_reload_and_closes_if_its_record_is_gone() {
        let dir = scratch::dataset("reload-source");
        let mut m = scratch::model(&dir, (100, 30));
        act(&mut m, Action::ShowView(ViewKind::All));
        act(&mut m, Action::FocusTable);
        select(&mut m, "t-charging");
        act(&mut m, Action::Open);
        let path = dir.join(FILE);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replace("EV charging points", "EV charging points (public)")).unwrap();
        update(&mut m, load(&dir));
        let s = m.ui.source.as_ref().expect("the source view stays open");
        assert_eq!(m.ds.indicators()[s.indicator()].id, "t-charging");
        assert_eq!(m.ds.indicators()[s.indicator()].name_en, "EV charging points (public)");
        // The record removed: back to the table.
        let start = text.find("  - id: t-charging").unwrap();
        let end = text.find("  - id: t-green-travel").unwrap();
        fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
        update(&mut m, load(&dir));
        assert!(m.load_errors.is_empty(), "{:?}", m.load_errors);
        assert!(m.ui.source.is_none());
        assert!(m.ds.indicator("t-charging").is_none());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_save_made_while_the_dataset_loads_is_reloaded() {
        let dir = scratch::dataset("early-watch");
        // The watch starts before the load, as the explorer starts it before the loading frame.
        let early = EarlyWatch::start(&dir).expect("watch data/");
        let loaded = match load(&dir) {
            Reload::Loaded(ds) => ds,
            Reload::Failed(e) => panic!("{e:?}"),
        };
        // Saved after the load read the file, before the explorer's watcher took over.
        let path = dir.join(FILE);
        let text = fs::read_to_string(&path).unwrap();
        let wrong = "  - id: a-first\n    metric: ev_charging_points\n    name: 新建充电桩\n    name_en: New charging points\n    kind: target\n    comparator: equal\n    value: 300\n    unit: 个\n    year: 2024\n    quote: 全市新建充电桩3000个\n";
        fs::write(&path, text.replacen("indicators:\n", &format!("indicators:\n{wrong}"), 1)).unwrap();
        let watcher = Watcher::take_over(early, dir.clone(), &loaded).expect("watcher");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let msg = loop {
            if let Some(msg) = watcher.ready().pop() {
                break msg;
            }
            assert!(std::time::Instant::now() < deadline, "the save made during the load was never reloaded");
            std::thread::sleep(Duration::from_millis(20));
        };
        // The reload read the saved file: its broken figure is reported.
        match msg {
            Reload::Failed(errors) => assert!(errors.iter().any(|e| e.contains("test-plan.yaml:")), "{errors:?}"),
            Reload::Loaded(_) => panic!("the reload did not see the save"),
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn temporary_and_hidden_files_and_reads_do_not_trigger_a_reload() {
        use notify::event::{AccessKind, CreateKind, ModifyKind};
        let ev = |kind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
        let modify = EventKind::Modify(ModifyKind::Any);
        assert!(relevant(&ev(modify, "/d/data/indicators/a.yaml")));
        assert!(relevant(&ev(EventKind::Create(CreateKind::File), "/d/seeds/new.txt")));
        assert!(!relevant(&ev(modify, "/d/data/indicators/.a.yaml.x1y2.tmp")));
        assert!(!relevant(&ev(modify, "/d/data/indicators/a.yaml.swp")));
        assert!(!relevant(&ev(EventKind::Access(AccessKind::Any), "/d/data/indicators/a.yaml")));
    }
}
