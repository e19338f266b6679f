//! How far a load has got, readable from another thread while it runs: files read and verified out of all.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the files a load has read and verified (source texts and indicator files), for a load bar or a
/// loading screen on another thread. The total is known once the tables are read; until then it is 0.
#[derive(Debug, Default)]
pub struct LoadCounter {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl LoadCounter {
    /// A counter at zero.
    pub fn new() -> LoadCounter {
        LoadCounter::default()
    }

    /// (files done, files in all); the total is 0 until it is known.
    pub fn get(&self) -> (usize, usize) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }

    pub(crate) fn add_total(&self, n: usize) {
        self.total.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_load_counts_every_source_and_indicator_file() {
        let counter = super::LoadCounter::new();
        let ds = crate::load::Loader::new(&crate::Root::Embedded)
            .counter(&counter)
            .load()
            .expect("the bundled dataset loads");
        let files = crate::Root::Embedded.indicator_files().expect("listed").len();
        let expected = ds.documents().len() + files;
        assert_eq!(counter.get(), (expected, expected));
    }
}
