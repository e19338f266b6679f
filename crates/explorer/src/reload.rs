//! Live reload: a background thread watches the dataset folder (the `notify` crate) and, when a YAML file or a
//! source text changes, loads the dataset again off the event loop; [`update`] then puts the new data into the
//! model, keeping the view, the filters, the selection and the open source where their ids still exist — or,
//! when the dataset no longer verifies, keeps the last good one and shows `check`'s errors in a panel.
//!
//! A save of a few indicator files, the usual case, is verified alone and spliced into the dataset shown
//! ([`Reload::Spliced`], see `zhibiao_core::load::Live`): the model changes where those files' records are and
//! keeps everything else it computed. Anything else loads the whole dataset again ([`Reload::Loaded`]).
//!
//! The thread only loads and sends; the model changes only in [`update`], which tests drive with a [`Reload`]
//! message and no watcher at all.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};
use zhibiao_core::dataset::Splice;
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::load::{Live, Reloaded};
use zhibiao_core::query::GroupKey;
use zhibiao_core::{Dataset, LoadError, Root};

use crate::app::Model;
use crate::component::candidates::CandidateKey;
use crate::nav::{BrowseLoc, Location};
use crate::state::{IdMap, ViewState};
use crate::vocab::ViewKind;

/// What a reload found.
#[derive(Debug)]
pub enum Reload {
    /// The dataset loaded and verified.
    Loaded(Box<Dataset>),
    /// Only a few indicator files changed and each verified alone: their records, to splice into the dataset
    /// shown.
    Spliced(Splice),
    /// It did not: `check`'s errors, one rendered diagnostic each.
    Failed(Vec<String>),
}

/// What the event loop does after [`update`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Nothing more: the model shows what the reload found.
    Shown,
    /// The model refused the splice: it was computed against another dataset than the one shown (the model
    /// loaded one itself since), or its records break a link: the watcher must load the whole dataset
    /// ([`Watcher::load_whole`]), which reports any problem.
    LoadWhole,
}

/// How long the files must stay quiet before a reload (an editor's save is several events).
const QUIET: Duration = Duration::from_millis(150);

/// What wakes the watcher's thread.
enum Wake {
    /// A change in a watched folder.
    Changed(notify::Event),
    /// The model asks for the whole dataset.
    LoadWhole,
}

/// The watcher thread's end: reload messages as they come.
pub struct Watcher {
    rx: Receiver<Reload>,
    wake: Sender<Wake>,
    busy: Arc<AtomicBool>,
}

/// A watch on a dataset's `data/` folder started before the dataset is loaded: the changes it sees are kept until
/// [`Watcher::start`] takes them over, so a save made while the explorer is still loading is not lost.
pub struct EarlyWatch {
    watcher: notify::RecommendedWatcher,
    events: Receiver<Wake>,
    wake: Sender<Wake>,
}

impl EarlyWatch {
    /// Starts watching `root`'s `data/` (recursively).
    pub fn start(root: &Path) -> notify::Result<EarlyWatch> {
        let (wake, events) = mpsc::channel();
        let ev_tx = wake.clone();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(ev) = res {
                let _ = ev_tx.send(Wake::Changed(ev));
            }
        })?;
        watcher.watch(&root.join("data"), RecursiveMode::Recursive)?;
        Ok(EarlyWatch { watcher, events, wake })
    }
}

impl Watcher {
    /// Watches the dataset folder `root` (its `data/` and every folder holding a source of `ds`) and reloads
    /// in a background thread on each change; `live` is what the load of `ds` left for the next reload
    /// ([`zhibiao_core::Loader::load_live`]; `Live::default()` makes the first reload a whole load).
    pub fn start(root: PathBuf, ds: &Dataset, live: Live) -> notify::Result<Watcher> {
        Watcher::take_over(EarlyWatch::start(&root)?, root, ds, live)
    }

    /// [`Watcher::start`] from a watch begun before `ds` was loaded: a change it saw meanwhile reloads at once.
    pub fn take_over(early: EarlyWatch, root: PathBuf, ds: &Dataset, live: Live) -> notify::Result<Watcher> {
        let EarlyWatch { mut watcher, events: ev_rx, wake } = early;
        watch_dirs(&mut watcher, &root, ds)?;
        let (tx, rx) = mpsc::channel();
        let busy = Arc::new(AtomicBool::new(false));
        let working = Arc::clone(&busy);
        std::thread::Builder::new().name("zhibiao-reload".into()).spawn(move || {
            // The watcher lives as long as this thread, which ends when the explorer drops its receiver.
            let mut watcher = watcher;
            // What the load of the dataset shown verified, but its records: a save is spliced into it. Its id
            // lookup is built here, while the explorer draws its first frame.
            let mut live = live;
            live.prepare();
            while let Ok(wake) = ev_rx.recv() {
                let mut whole = match &wake {
                    Wake::Changed(ev) if !relevant(ev) => continue,
                    Wake::Changed(_) => false,
                    Wake::LoadWhole => true,
                };
                // From the first event on, so that the event loop's wait for a key ends soon after the reload.
                working.store(true, Ordering::Release);
                // Let a burst of events settle.
                loop {
                    match ev_rx.recv_timeout(QUIET) {
                        Ok(w) => whole |= matches!(w, Wake::LoadWhole),
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if whole {
                    live.shown_elsewhere();
                }
                let msg = load_reusing_unchanged(&root, &mut live);
                if let Reload::Loaded(ds) = &msg {
                    let _ = watch_dirs(&mut watcher, &root, ds);
                }
                let sent = tx.send(msg);
                working.store(false, Ordering::Release);
                if sent.is_err() {
                    return;
                }
                // While the explorer draws what was sent and nobody saves, what the next splice needs first.
                live.prepare();
            }
        })?;
        Ok(Watcher { rx, wake, busy })
    }

    /// The reloads that finished since the last call, oldest first.
    pub fn ready(&self) -> Vec<Reload> {
        self.rx.try_iter().collect()
    }

    /// True while a reload is being computed: the event loop looks for its outcome more often.
    pub fn busy(&self) -> bool {
        self.busy.load(Ordering::Acquire)
    }

    /// Asks for the whole dataset to be loaded again (see [`After::LoadWhole`]).
    pub fn load_whole(&self) {
        let _ = self.wake.send(Wake::LoadWhole);
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
    load_reusing_unchanged(root, &mut Live::default())
}

/// Loads the dataset at `root` again as `check` would, with what `live` kept of the last reload: the saved
/// indicator files spliced in when they verify alone, else the whole dataset, re-reading only the files that
/// changed (checks across files then run over every record). `live` is brought up to date for next time; an
/// empty one loads every file.
pub fn load_reusing_unchanged(root: &Path, live: &mut Live) -> Reload {
    let loaded = Root::dir(root).map_err(|e| vec![e.to_string()]).and_then(|r| {
        zhibiao_core::Loader::new(&r).reload_live(live).map_err(|e| match e {
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
    match loaded {
        Ok(Reloaded::Whole(ds)) => Reload::Loaded(ds),
        Ok(Reloaded::Spliced(s)) => Reload::Spliced(s),
        Err(errors) => Reload::Failed(errors),
    }
}

/// After [`crate::action::Done::Changed`]: loads the dataset again at once because `changed`, a file a
/// write was about to go to, was saved by someone else since the load; says that nothing was written. Through the
/// load cache the dataset shown was loaded through, so that only the changed files are read again.
pub fn reload_changed(m: &mut Model, changed: &str) {
    let Some(dir) = m.ui.root.clone() else { return };
    let reloaded = load_reusing_unchanged(&dir, &mut Live::through(m.ui.load_cache.clone()));
    // A whole dataset: never a splice the model could refuse.
    let _ = update(m, reloaded);
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
/// dataset, or splices the saved files into it, and carries the user's place over by ids.
pub fn update(m: &mut Model, msg: Reload) -> After {
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
        Reload::Spliced(s) => {
            if splice_in(m, s).is_err() {
                return After::LoadWhole;
            }
        }
    }
    After::Shown
}

/// Where the user is, in the indices of the dataset shown before a reload.
struct Place {
    selected: Option<IndicatorId>,
    group: Option<GroupKey>,
    source: Option<(IndicatorId, usize, BrowseLoc)>,
    cands: CandidateKey,
}

impl Place {
    fn of(m: &Model) -> Place {
        Place {
            selected: m.selected(),
            group: m.group().map(|g| g.key),
            source: m.ui.source.as_ref().map(|s| (s.indicator(), s.top, s.back)),
            cands: m.candidate_key(),
        }
    }

    /// The same place in the new dataset, as far as it still exists there.
    fn mapped(self, map: &IdMap<'_>) -> Mapped {
        Mapped {
            selected: self.selected.and_then(|i| map.indicator(i)),
            group: self.group.and_then(|g| map.group_key(g)),
            source: self.source.map(|(i, top, back)| (map.indicator(i), top, map.browse(back))),
            cands: self.cands,
        }
    }
}

/// A [`Place`] in the new dataset's indices.
struct Mapped {
    selected: Option<IndicatorId>,
    group: Option<GroupKey>,
    source: Option<(Option<IndicatorId>, usize, BrowseLoc)>,
    cands: CandidateKey,
}

/// Replaces the dataset under the user's [`crate::state::ViewState`], which stays as it is but for the indices
/// it holds (mapped by id), then selects the same group, record and source view where the new dataset still
/// has them.
fn swap(m: &mut Model, ds: Dataset) {
    let map = IdMap::Reloaded { old: &m.ds, new: &ds };
    let place = Place::of(m).mapped(&map);
    let size = m.ui.size;
    let mut ui = std::mem::replace(&mut m.ui, ViewState::new(size));
    ui.remap(&map);
    let old = std::mem::replace(m, Model::with_state(ds, ui));
    // Handing 100,000 records back to the allocator takes tens of milliseconds the next frame need not wait
    // for.
    drop_elsewhere(old.ds);
    restore(m, place);
}

/// Splices the saved files into the dataset shown, and what the model computed from it with them: the rest of
/// the records keep their widths, the view state its place. A splice computed against another dataset, or one
/// whose records break a link, is handed back.
fn splice_in(m: &mut Model, s: Splice) -> Result<(), Splice> {
    let place = Place::of(m);
    let files: Vec<(String, zhibiao_core::cache::Stamp)> = s.files().map(|(r, st)| (r.to_string(), st)).collect();
    let moves = m.ds.splice(s)?;
    let map = IdMap::Spliced { ds: &m.ds, moves: &moves };
    let place = place.mapped(&map);
    m.ui.remap(&map);
    m.spliced(&moves, files);
    restore(m, place);
    Ok(())
}

/// After the data changed under the view state: selects the same group, record and source view where they
/// still exist, and says what was reloaded.
fn restore(m: &mut Model, place: Mapped) {
    let indicator = place.selected.filter(|i| m.matched.binary_search(i).is_ok());
    m.restore(Location::Browse(BrowseLoc { view: m.ui.view, group: place.group, indicator }));
    if let Some((Some(i), top, back)) = place.source {
        m.open_source(i, back);
        if let Some(s) = m.ui.source.as_mut() {
            s.top = top.min(m.ds.document(s.doc).text.text.len());
        }
        m.scroll_source(0);
    }
    if m.ui.view == ViewKind::Candidates {
        m.refresh_candidates_keeping(place.cands);
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
mod tests;
#[cfg(test)]
mod tests_splice;
