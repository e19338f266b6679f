//! Loading the dataset for a command: through the cache unless `--no-cache`, with a load bar on stderr when
//! a terminal is attached and the load takes more than half a second.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use zhibiao_core::load::LoadCounter;
use zhibiao_core::{Dataset, LoadError, Loader, Root};

/// How long a load runs before the bar appears: a fast load shows nothing.
const QUIET: Duration = Duration::from_millis(500);

/// Set by `--no-cache`.
static NO_CACHE: AtomicBool = AtomicBool::new(false);

/// Records the `--no-cache` flag for every load of this process.
pub fn set_no_cache(no_cache: bool) {
    NO_CACHE.store(no_cache, Ordering::Relaxed);
}

/// The cache folder to use, `None` under `--no-cache`.
pub fn cache_dir() -> Option<std::path::PathBuf> {
    if NO_CACHE.load(Ordering::Relaxed) {
        None
    } else {
        zhibiao_core::cache::default_dir()
    }
}

/// The query index of the cache of the dataset folder `data` in `dir`, trusted: a running `zhibiao watch` says
/// which files may have changed since it was written, or else each is stat'ed. `None` when there is no index to
/// trust (or the root is not a folder).
pub fn trusted_index(data: &std::path::Path, dir: &std::path::Path) -> Option<zhibiao_core::lookup::Lookup> {
    let root = Root::dir(data).ok()?;
    let opened = zhibiao_core::lookup::open_head(&root, dir)?;
    let changed = match super::watch::ask(data, dir, opened.identity()) {
        Some(paths) => opened.changed_among(&paths)?,
        None => opened.changed_every()?,
    };
    opened.trust(&changed)
}

/// Loads the dataset at `root` through the cache (unless `--no-cache`), with a load bar.
pub fn load(root: &Root) -> Result<Dataset, LoadError> {
    let dir = cache_dir();
    with_load_bar(|counter| Loader::new(root).cache(dir.as_deref()).counter(counter).load())
}

/// Runs `load` on a worker thread; if it takes over half a second and stderr is a terminal, shows a bar of the
/// files read and verified until it ends. Never draws when stderr is piped.
pub fn with_load_bar<T: Send>(load: impl FnOnce(&LoadCounter) -> T + Send) -> T {
    let counter = LoadCounter::new();
    if !std::io::stderr().is_terminal() {
        return load(&counter);
    }
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<()>();
        let counter = &counter;
        let worker = scope.spawn(move || {
            let out = load(counter);
            let _ = done_tx.send(());
            out
        });
        if done_rx.recv_timeout(QUIET).is_err() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} files ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message("zhibiao: reading and verifying");
            loop {
                let (done, total) = counter.get();
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                match done_rx.recv_timeout(Duration::from_millis(100)) {
                    Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    _ => break,
                }
            }
            bar.finish_and_clear();
        }
        // A panic in the load is a bug: carry it to this thread unchanged.
        worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
