//! The files a query index is trusted under, as one table checked in place: per file its root-relative path and
//! stamp at fixed width, checked where it lies in runs of one folder's files (`root::stat_runs`, each folder
//! opened once per run, on every core), or only at the paths a watcher named, found by binary search in place.
//!
//! Layout: the number of entries (u32), then per entry, sorted by path, [`ENTRY`] bytes (little-endian): where
//! its path starts and how long it is in the names that follow (u32 each), then its stamp (size u64, mtime
//! seconds i64, nanoseconds u32, ctime seconds i64, nanoseconds u32, inode u64); then the paths, one after
//! another.

use std::path::Path;

use crate::root::{name_of, parent_of, stat_runs, Folder, Stamp};

/// Bytes per entry.
const ENTRY: usize = 48;

/// A stamp no file has (a size no file reaches): the entry of a file to be read again every time.
pub(super) const NEVER: Stamp =
    Stamp { size: u64::MAX, mtime_s: i64::MIN, mtime_ns: 0, ctime_s: i64::MIN, ctime_ns: 0, ino: 0 };

/// The table of `files` (root-relative path and stamp); `None` when it does not fit the layout's widths.
pub(super) fn encode(files: &mut [(&str, Stamp)]) -> Option<Vec<u8>> {
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut out = u32::try_from(files.len()).ok()?.to_le_bytes().to_vec();
    let mut at = 0usize;
    for (rel, s) in files.iter() {
        out.extend_from_slice(&u32::try_from(at).ok()?.to_le_bytes());
        out.extend_from_slice(&u32::try_from(rel.len()).ok()?.to_le_bytes());
        out.extend_from_slice(&s.size.to_le_bytes());
        out.extend_from_slice(&s.mtime_s.to_le_bytes());
        out.extend_from_slice(&s.mtime_ns.to_le_bytes());
        out.extend_from_slice(&s.ctime_s.to_le_bytes());
        out.extend_from_slice(&s.ctime_ns.to_le_bytes());
        out.extend_from_slice(&s.ino.to_le_bytes());
        at += rel.len();
    }
    for (rel, _) in files.iter() {
        out.extend_from_slice(rel.as_bytes());
    }
    Some(out)
}

/// A table read from the cache file.
struct Table<'a> {
    entries: &'a [u8],
    names: &'a [u8],
}

impl<'a> Table<'a> {
    fn parse(bytes: &'a [u8]) -> Option<Table<'a>> {
        let (count, rest) = bytes.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_le_bytes(*count)).ok()?.checked_mul(ENTRY)?;
        let (entries, names) = (rest.get(..len)?, rest.get(len..)?);
        Some(Table { entries, names })
    }

    fn len(&self) -> usize {
        self.entries.len() / ENTRY
    }

    /// The entry of the path `rel` (the table is sorted by path), `Some(None)` when it holds none; `None` when
    /// an entry on the way is not sound.
    fn find(&self, rel: &str) -> Option<Option<usize>> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid)?.0.cmp(rel) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(Some(mid)),
            }
        }
        Some(None)
    }

    /// Entry `i`: its path and stamp; `None` when its path is not inside the names or not UTF-8.
    fn get(&self, i: usize) -> Option<(&'a str, Stamp)> {
        let e = self.entries.get(i * ENTRY..(i + 1) * ENTRY)?;
        let u32_at = |k: usize| e.get(k..k + 4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes);
        let u64_at = |k: usize| e.get(k..k + 8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes);
        let i64_at = |k: usize| e.get(k..k + 8).and_then(|b| b.try_into().ok()).map(i64::from_le_bytes);
        let (start, len) = (usize::try_from(u32_at(0)?).ok()?, usize::try_from(u32_at(4)?).ok()?);
        let name = std::str::from_utf8(self.names.get(start..start.checked_add(len)?)?).ok()?;
        let stamp = Stamp {
            size: u64_at(8)?,
            mtime_s: i64_at(16)?,
            mtime_ns: u32_at(24)?,
            ctime_s: i64_at(28)?,
            ctime_ns: u32_at(36)?,
            ino: u64_at(40)?,
        };
        Some((name, stamp))
    }
}

/// The files of the table `bytes` under `root` whose stamp differs from the one kept or was taken in or after
/// second `started` (git's racy rule, as for the cache's records: such a file may have changed since within the
/// same timestamp), in table order; `None` when one cannot be stat'ed (removed) or the table is not sound.
pub(super) fn changed(root: &Path, bytes: &[u8], started: i64) -> Option<Vec<String>> {
    let table = Table::parse(bytes)?;
    // Compared where they lie, run by run on every core: 120,000 entries are not copied out first.
    let runs = stat_runs(table.len(), |i| table.get(i).map(|(rel, _)| rel))?;
    let found = crate::parallel::map(&runs, |run| {
        let folder = Folder::open(root, parent_of(table.get(run.start)?.0))?;
        let mut changed = Vec::new();
        for i in run.clone() {
            let (rel, then) = table.get(i)?;
            if folder.stamp(name_of(rel))? != then || !then.settled_before(started) {
                changed.push(rel.to_string());
            }
        }
        Some(changed)
    });
    found.into_iter().try_fold(Vec::new(), |mut all, c| {
        all.extend(c?);
        Some(all)
    })
}

/// Of `paths` (root-relative), those the table `bytes` holds whose stamp differs from the one kept or was taken
/// in or after second `started`, in the order given and each once; a path the table does not hold is passed
/// over. `None` when one it holds cannot be stat'ed (removed) or the table is not sound.
pub(super) fn changed_among(root: &Path, bytes: &[u8], started: i64, paths: &[String]) -> Option<Vec<String>> {
    let table = Table::parse(bytes)?;
    let mut changed: Vec<String> = Vec::new();
    for rel in paths {
        let Some(i) = table.find(rel)? else { continue };
        let (_, then) = table.get(i)?;
        let now = crate::root::stamp_of(&std::fs::metadata(root.join(rel)).ok()?)?;
        if (now != then || !then.settled_before(started)) && !changed.contains(rel) {
            changed.push(rel.clone());
        }
    }
    Some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp_of(path: &Path) -> Stamp {
        crate::root::stamp_of(&std::fs::metadata(path).expect("stat")).expect("stamp")
    }

    #[test]
    fn a_table_holds_what_was_stat_and_tells_a_changed_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("a/b")).expect("folders");
        let names = ["a/b/one.txt", "a/two.txt", "top.txt", "a/b/三.txt"];
        for (k, n) in names.iter().enumerate() {
            std::fs::write(dir.path().join(n), "x".repeat(k + 1)).expect("write");
        }
        let mut files: Vec<(&str, Stamp)> = names.iter().map(|n| (*n, stamp_of(&dir.path().join(n)))).collect();
        let bytes = encode(&mut files).expect("fits");
        let table = Table::parse(&bytes).expect("a table");
        let mut sorted = names.to_vec();
        sorted.sort_unstable();
        let read: Vec<&str> = (0..table.len()).map(|i| table.get(i).expect("entry").0).collect();
        assert_eq!(read, sorted);
        assert_eq!(table.get(0).expect("entry").1, stamp_of(&dir.path().join(sorted[0])));

        // Every file is older than a load starting a minute from now; none is older than one starting now.
        let later = crate::snapshot::now_secs() + 60;
        assert_eq!(changed(dir.path(), &bytes, later), Some(Vec::new()));
        assert_eq!(changed(dir.path(), &bytes, later - 120).map(|c| c.len()), Some(names.len()));

        // The same size written again in place: the status-change time or the modification time tells it.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("a/two.txt"), "yy").expect("rewrite");
        assert_eq!(changed(dir.path(), &bytes, later), Some(vec!["a/two.txt".to_string()]));
        std::fs::remove_file(dir.path().join("a/two.txt")).expect("remove");
        assert_eq!(changed(dir.path(), &bytes, later), None);
    }

    #[test]
    fn among_named_paths_only_those_held_and_changed_are_told() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("d")).expect("folder");
        let names = ["d/a.yaml", "d/b.yaml", "c.txt"];
        for n in names {
            std::fs::write(dir.path().join(n), n).expect("write");
        }
        let mut files: Vec<(&str, Stamp)> = names.iter().map(|n| (*n, stamp_of(&dir.path().join(n)))).collect();
        let bytes = encode(&mut files).expect("fits");
        let later = crate::snapshot::now_secs() + 60;
        let ask = |paths: &[&str]| {
            let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
            changed_among(dir.path(), &bytes, later, &paths)
        };
        assert_eq!(ask(&["d/a.yaml", "c.txt", "not/held.yaml"]), Some(Vec::new()));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("d/b.yaml"), "d/b.yaml, edited").expect("rewrite");
        // Only a path named is looked at: the edit is told when its path is among them, once.
        assert_eq!(ask(&["d/a.yaml"]), Some(Vec::new()));
        assert_eq!(ask(&["d/b.yaml", "d/a.yaml", "d/b.yaml"]), Some(vec!["d/b.yaml".to_string()]));
        std::fs::remove_file(dir.path().join("c.txt")).expect("remove");
        assert_eq!(ask(&["c.txt"]), None);
        assert_eq!(ask(&["d/a.yaml"]), Some(Vec::new()));
    }

    #[test]
    fn a_table_cut_short_or_pointing_outside_its_names_is_not_trusted() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("f.txt"), "x").expect("write");
        let mut files = vec![("f.txt", stamp_of(&dir.path().join("f.txt")))];
        let bytes = encode(&mut files).expect("fits");
        let later = crate::snapshot::now_secs() + 60;
        assert_eq!(changed(dir.path(), &bytes, later), Some(Vec::new()));
        assert_eq!(changed(dir.path(), &bytes[..bytes.len() - 1], later), None);
        assert_eq!(changed(dir.path(), &bytes[..10], later), None);
        let mut far = bytes.clone();
        far[4] = 200; // the name's start, past the names
        assert_eq!(changed(dir.path(), &far, later), None);
    }
}
