//! The event loop's side of an [`Effect`]: the file writes the model asks for, carried out here and reported back
//! as a [`Done`] (the clipboard, which writes to the terminal, is the loop's own). An append to the dataset takes
//! the dataset's lock (waiting a few seconds at most for another writer) and writes only a file still as the
//! explorer loaded it.

use std::path::Path;
use std::time::{Duration, Instant};

use zhibiao_core::dataset::Dataset;
use zhibiao_core::edit;

use crate::action::{Append, Done, Effect};
use crate::export;

/// Carries out `effect` over `ds`; `None` for an effect this module does not perform (the clipboard copy).
pub fn perform(effect: Effect, ds: &Dataset) -> Option<Done> {
    match effect {
        Effect::Copy(_) => None,
        Effect::Export { dir, name, rows } => {
            Some(Done::Exported(rows.len(), export::write(ds, &rows, &dir, &name).map_err(|e| e.to_string())))
        }
        Effect::Append(a) => Some(append(a)),
    }
}

/// Appends `a.entry` to its file under the dataset's lock, unless someone saved the file since the load.
fn append(a: Append) -> Done {
    let lock = match lock_briefly(&a.root) {
        Ok(lock) => lock,
        Err(msg) => return Done::Appended(Box::new(a), Err(msg)),
    };
    let root = zhibiao_core::Root::Dir(a.root.clone());
    if root.stamp(&a.rel) != a.loaded {
        return Done::Changed(a.rel);
    }
    let path = a.root.join(&a.rel);
    let result = edit::append_to_indicator_file(&path, &a.doc_id, a.list, std::slice::from_ref(&a.entry))
        .map(|()| (std::fs::read_to_string(&path).unwrap_or_default(), root.stamp(&a.rel)))
        .map_err(|e| e.to_string());
    drop(lock);
    Done::Appended(Box::new(a), result)
}

/// How long a write waits for another writer of the dataset (a `draft --write`, an `add-doc`) to finish.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// The dataset's lock, waited for a few seconds at most: the explorer does not freeze behind another writer.
fn lock_briefly(dir: &Path) -> Result<zhibiao_core::atomic::Lock, String> {
    let start = Instant::now();
    loop {
        match zhibiao_core::atomic::try_lock_dataset(dir) {
            Ok(Some(lock)) => return Ok(lock),
            Ok(None) if start.elapsed() < LOCK_WAIT => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => return Err("another zhibiao is writing the dataset; nothing was written, try again".into()),
            Err(e) => return Err(format!("{e}; nothing was written")),
        }
    }
}
