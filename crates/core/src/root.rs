//! Where a dataset's files come from: a folder on disk, or the copy embedded in the binary.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io;
use std::path::{Component, Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// A dataset root: the folder that holds `data/` and the source texts (usually `seeds/`).
#[derive(Debug, Clone)]
pub enum Root {
    /// A folder on disk (`--data DIR`).
    Dir(PathBuf),
    /// The dataset bundled into the binary at build time.
    Embedded,
    /// Files held in memory as (root-relative path, bytes): for tests, fuzzing and generated datasets.
    Memory(Vec<(String, Vec<u8>)>),
}

impl Root {
    /// Opens a folder as a dataset root. It must exist and contain `data/`; this is a usage error, not a data
    /// problem, so it is reported before any checking starts.
    pub fn dir(path: impl Into<PathBuf>) -> io::Result<Root> {
        let path = path.into();
        let data = path.join("data");
        if !path.is_dir() {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("{}: no such directory", path.display())));
        }
        if !data.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{}: not a dataset root (it has no data/ folder)", path.display()),
            ));
        }
        Ok(Root::Dir(path))
    }

    /// Reads a file given by its path relative to the root (`data/cities.yaml`).
    pub fn read(&self, rel: &str) -> io::Result<Cow<'static, [u8]>> {
        match self {
            Root::Dir(dir) => read_regular(&dir.join(rel)).map(Cow::Owned),
            Root::Embedded => embedded::FILES
                .iter()
                .find(|(name, _)| *name == rel)
                .map(|(_, bytes)| Cow::Borrowed(*bytes))
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the embedded dataset")),
            Root::Memory(files) => files
                .iter()
                .find(|(name, _)| name == rel)
                .map(|(_, bytes)| Cow::Owned(bytes.clone()))
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file")),
        }
    }

    /// The identity of a file of a folder on disk, the load cache's key (see
    /// [`crate::cache`]); `None` for the embedded and in-memory datasets, and for a file that cannot be stat'ed.
    pub fn stamp(&self, rel: &str) -> Option<Stamp> {
        match self {
            Root::Dir(dir) => stamp_of(&std::fs::metadata(dir.join(rel)).ok()?),
            Root::Embedded | Root::Memory(_) => None,
        }
    }

    /// The stamps of many files (root-relative), in order, as [`Root::stamp`] gives each: in a folder on disk,
    /// on every core, each folder opened once per run of its files (see [`stamps_in`]).
    pub fn stamps(&self, rels: &[&str]) -> Vec<Option<Stamp>> {
        match self {
            Root::Dir(dir) => stamps_in(dir, rels),
            Root::Embedded | Root::Memory(_) => vec![None; rels.len()],
        }
    }

    /// The folder of the indicator files, relative to the root.
    pub const INDICATOR_FOLDER: &'static str = "data/indicators";

    /// The YAML files under `data/indicators/`, as root-relative paths, sorted by name.
    pub fn indicator_files(&self) -> io::Result<Vec<String>> {
        let mut files: Vec<String> = match self {
            Root::Dir(dir) => {
                let folder = dir.join(Self::INDICATOR_FOLDER);
                if !folder.is_dir() {
                    return Ok(Vec::new());
                }
                let mut out = Vec::new();
                for entry in std::fs::read_dir(&folder)? {
                    let entry = entry?;
                    let name = entry.file_name().to_string_lossy().into_owned();
                    // The entry's type comes with the listing; only a link needs a stat to see what it names.
                    let kind = entry.file_type()?;
                    let regular = kind.is_file() || (kind.is_symlink() && entry.path().is_file());
                    if (name.ends_with(".yaml") || name.ends_with(".yml")) && regular {
                        out.push(format!("data/indicators/{name}"));
                    }
                }
                out
            }
            Root::Embedded => embedded::FILES
                .iter()
                .map(|(name, _)| *name)
                .filter(|n| is_indicator_file(n))
                .map(str::to_string)
                .collect(),
            Root::Memory(files) => files
                .iter()
                .map(|(name, _)| name.as_str())
                .filter(|n| is_indicator_file(n))
                .map(str::to_string)
                .collect(),
        };
        files.sort();
        Ok(files)
    }

    /// How to show a root-relative path to the user: as a path they can open.
    pub fn display(&self, rel: &str) -> String {
        match self {
            Root::Dir(dir) if dir.as_os_str().is_empty() || dir == Path::new(".") => rel.to_string(),
            Root::Dir(dir) => dir.join(rel).display().to_string(),
            Root::Embedded | Root::Memory(_) => rel.to_string(),
        }
    }
}

/// Reads a file only if it is a regular file: a named pipe would block the reader forever, and a device or a
/// folder is never a dataset file. (Symbolic links are followed to what they name.)
pub(crate) fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "a folder" } else { "not a regular file (a named pipe, socket or device)" };
        return Err(io::Error::new(io::ErrorKind::InvalidInput, what));
    }
    std::fs::read(path)
}

/// A YAML file directly under `data/indicators/`.
fn is_indicator_file(rel: &str) -> bool {
    rel.strip_prefix("data/indicators/")
        .is_some_and(|name| !name.contains('/') && (name.ends_with(".yaml") || name.ends_with(".yml")))
}

/// Why a document's `source` path is refused.
pub fn check_source_path(source: &str) -> Result<(), &'static str> {
    let path = Path::new(source);
    if source.is_empty() {
        return Err("the source path is empty");
    }
    if path.is_absolute() || source.starts_with('/') || source.starts_with('\\') || source.contains(':') {
        return Err("the source path must be relative to the dataset root, not absolute");
    }
    if path.components().any(|c| matches!(c, Component::ParentDir)) || source.split(['/', '\\']).any(|c| c == "..") {
        return Err("the source path must stay inside the dataset root (no `..`)");
    }
    Ok(())
}

/// A file's identity as the cache keys it: size, modification time, status-change time and inode, as git's index
/// does. The modification time alone can be put back (`touch -d`, `rsync -t`, `cp -p`, `tar x`, an editor that
/// restores it), so an edit that keeps the size would go unseen; the status-change time cannot be set by a user
/// and the inode changes when a file is replaced, so either tells such an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Length in bytes.
    pub size: u64,
    /// Modification time, whole seconds since the epoch.
    pub mtime_s: i64,
    /// Nanoseconds within that second (0 on file systems without them).
    pub mtime_ns: u32,
    /// Status-change time (ctime), whole seconds since the epoch (0 where the system has none).
    pub ctime_s: i64,
    /// Nanoseconds within that second.
    pub ctime_ns: u32,
    /// The inode number (0 where the system has none).
    pub ino: u64,
}

impl Stamp {
    /// True when neither the contents nor the status of the file changed in or after second `started`: a file
    /// touched within the second a load started may change again within the same timestamp (git's "racy" rule).
    pub fn settled_before(&self, started: i64) -> bool {
        self.mtime_s < started && self.ctime_s < started
    }
}

/// The stamp of a file's metadata.
pub fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    let mtime = meta.modified().ok()?;
    let (s, ns) = match mtime.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()),
        Err(_) => return None,
    };
    #[cfg(unix)]
    let (ctime_s, ctime_ns, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.ctime(), u32::try_from(meta.ctime_nsec()).unwrap_or(0), meta.ino())
    };
    #[cfg(not(unix))]
    let (ctime_s, ctime_ns, ino) = (0, 0, 0);
    Some(Stamp { size: meta.len(), mtime_s: s, mtime_ns: ns, ctime_s, ctime_ns, ino })
}

/// A folder whose files are stat'ed by name.
pub(crate) struct Folder {
    #[cfg(unix)]
    dir: std::fs::File,
    #[cfg(not(unix))]
    dir: std::path::PathBuf,
}

impl Folder {
    pub(crate) fn open(root: &Path, rel: &str) -> Option<Folder> {
        #[cfg(unix)]
        return std::fs::File::open(root.join(rel)).ok().map(|dir| Folder { dir });
        #[cfg(not(unix))]
        return Some(Folder { dir: root.join(rel) });
    }

    /// The stamp of the file `name` in this folder (its target when it is a link, as `std::fs::metadata` gives
    /// it); `None` when it cannot be stat'ed or was modified before 1970. On Unix by `fstatat` in the open folder:
    /// one path walk per folder, not per file (a stat by full path took twice as long at 120,000 files).
    #[cfg(unix)]
    pub(crate) fn stamp(&self, name: &str) -> Option<Stamp> {
        use std::os::fd::AsRawFd;
        let name = std::ffi::CString::new(name).ok()?;
        // SAFETY: `name` is a NUL-terminated string that outlives the call, `st` is a plain C struct the call
        // fills, and the folder's descriptor stays open for the call (`self` is borrowed).
        let st = unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            (libc::fstatat(self.dir.as_raw_fd(), name.as_ptr(), &mut st, 0) == 0).then_some(st)
        }?;
        // As `root::stamp_of` reads `std::fs::Metadata`: a time before the epoch is no stamp.
        if st.st_mtime < 0 {
            return None;
        }
        Some(Stamp {
            size: u64::try_from(st.st_size).ok()?,
            mtime_s: st.st_mtime,
            mtime_ns: u32::try_from(st.st_mtime_nsec).ok()?,
            ctime_s: st.st_ctime,
            ctime_ns: u32::try_from(st.st_ctime_nsec).unwrap_or(0),
            ino: st.st_ino,
        })
    }

    #[cfg(not(unix))]
    pub(crate) fn stamp(&self, name: &str) -> Option<Stamp> {
        crate::root::stamp_of(&std::fs::metadata(self.dir.join(name)).ok()?)
    }
}

/// Files stat'ed by one task: a folder with more is split, so that one large folder (`data/indicators/`) still
/// spreads over every core.
const STAT_CHUNK: usize = 512;

/// The runs of `n` root-relative paths (`rel(i)`, sorted so that a folder's files are adjacent) to stat as one task
/// each: the files of one folder, at most [`STAT_CHUNK`] of them, so that a task opens its folder once (see
/// [`Folder::stamp`]). `None` when a path cannot be had.
pub(crate) fn stat_runs<'a>(n: usize, rel: impl Fn(usize) -> Option<&'a str>) -> Option<Vec<std::ops::Range<usize>>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut last: Option<&str> = None;
    for i in 0..n {
        let parent = parent_of(rel(i)?);
        match runs.last_mut() {
            Some(r) if last == Some(parent) && r.len() < STAT_CHUNK => r.end = i + 1,
            _ => runs.push(i..i + 1),
        }
        last = Some(parent);
    }
    Some(runs)
}

/// The folder part of a root-relative path (`""` at the root).
pub(crate) fn parent_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The file-name part of a root-relative path.
pub(crate) fn name_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(rel, |(_, n)| n)
}

/// The stamps of the files `rels` (root-relative, sorted) under the folder `root`, in order, `None` for one that
/// cannot be stat'ed: on every core, each folder opened once per run of its files (see [`stat_runs`]).
pub(crate) fn stamps_in(root: &Path, rels: &[&str]) -> Vec<Option<Stamp>> {
    let runs = stat_runs(rels.len(), |i| rels.get(i).copied()).unwrap_or_default();
    let found = crate::parallel::map(&runs, |run| {
        let folder = Folder::open(root, parent_of(rels[run.start]));
        rels[run.clone()].iter().map(|rel| folder.as_ref()?.stamp(name_of(rel))).collect::<Vec<_>>()
    });
    found.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_must_stay_inside_the_root() {
        assert!(check_source_path("seeds/a.txt").is_ok());
        assert!(check_source_path("../../etc/passwd").is_err());
        assert!(check_source_path("seeds/../../x").is_err());
        assert!(check_source_path("/etc/passwd").is_err());
        assert!(check_source_path("C:\\x").is_err());
        assert!(check_source_path("").is_err());
    }

    #[test]
    fn indicator_files_are_the_yaml_files_and_links_to_files_not_folders_or_links_to_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("data/indicators");
        std::fs::create_dir_all(folder.join("folder.yaml")).expect("folder");
        for name in ["b.yaml", "a.yml", "notes.txt"] {
            std::fs::write(folder.join(name), "indicators: []\n").expect("write");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(folder.join("b.yaml"), folder.join("c.yaml")).expect("link to a file");
            std::os::unix::fs::symlink(folder.join("folder.yaml"), folder.join("d.yaml")).expect("link to a folder");
        }
        let files = Root::Dir(dir.path().to_path_buf()).indicator_files().expect("listed");
        let mut expected = vec!["data/indicators/a.yml", "data/indicators/b.yaml"];
        if cfg!(unix) {
            expected.push("data/indicators/c.yaml");
        }
        assert_eq!(files, expected);
    }

    #[test]
    fn the_bundled_dataset_is_embedded() {
        let files = Root::Embedded.indicator_files().unwrap();
        assert!(!files.is_empty());
        assert!(Root::Embedded.read("data/cities.yaml").is_ok());
        assert!(Root::Embedded.read("seeds/004_65cc04307ce8a7c8.txt").is_ok());
    }
}
