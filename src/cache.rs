//! The load cache: the verified records of each indicator file, kept in the user's cache folder so that the next
//! start re-reads and re-verifies only the files that changed.
//!
//! A [`Snapshot`] is what one successful load verified: per indicator file its records, keyed by the file's path,
//! size and modification time, plus the stamps of the files every record depends on (the four tables of `data/`
//! and every source text). [`crate::load::load_incremental`] reuses a file's records only when the program
//! version, the shared stamps and the file's own stamp are all unchanged, and the file was not modified in or
//! after the second the earlier load started (git's "racy" rule: such a file may have changed again within the
//! same timestamp). Checks across files (unique ids, links, duplicate targets) run over all records every time.
//!
//! On disk a snapshot is one file per dataset root, `$XDG_CACHE_HOME/zhibiao/<hash of the root's path>.bin`
//! (or `~/.cache/zhibiao/`): a header with the version and a CRC-32 of the body, then the body in postcard.
//! A truncated, corrupt, foreign or stale file is ignored and rewritten, never trusted and never an error; a
//! folder that cannot be written just means no cache. The embedded dataset is not cached: it is small and
//! loads in milliseconds.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Ignored, Indicator};
use crate::load::{LoadCounter, LoadError};
use crate::root::Root;

/// The first bytes of a cache file.
const MAGIC: &[u8] = b"zhibiao-cache\n";

/// A file's size and modification time, as the cache keys it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Length in bytes.
    pub size: u64,
    /// Modification time, whole seconds since the epoch.
    pub mtime_s: i64,
    /// Nanoseconds within that second (0 on file systems without them).
    pub mtime_ns: u32,
}

/// What one indicator file verified to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    /// The file's stamp when it was read.
    pub stamp: Stamp,
    /// The verified records, each with its index among the file's entries.
    pub indicators: Vec<(usize, Indicator)>,
    /// The verified ignored passages.
    pub ignored: Vec<Ignored>,
    /// Entries in the file.
    pub entries: usize,
}

/// The verified state of a dataset root, per indicator file: what a later load (at start-up, or a live reload)
/// can reuse. Empty (`Snapshot::default()`) means nothing is reused.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// The program version that verified it.
    pub version: String,
    /// When the load that made it started, in whole seconds since the epoch.
    pub started: i64,
    /// Stamps of the files every record depends on: the tables of `data/` and every source text, in load order
    /// (`None` for a file that could not be stat'ed).
    pub shared: Vec<(String, Option<Stamp>)>,
    /// The indicator files, by root-relative path.
    pub files: HashMap<String, FileEntry>,
}

impl Snapshot {
    /// True when the records of this snapshot may be reused with these shared stamps: same version, same
    /// tables and sources, none of them modified in or after the second the snapshot's load started.
    pub fn trusts_shared(&self, shared: &[(String, Option<Stamp>)]) -> bool {
        self.version == crate::VERSION
            && self.shared == shared
            && shared.iter().all(|(_, s)| s.is_some_and(|s| s.mtime_s < self.started))
    }

    /// The entry of `rel` if its file still has `stamp` and was not modified in the snapshot's second.
    pub fn reusable(&self, rel: &str, stamp: Option<Stamp>) -> Option<&FileEntry> {
        let stamp = stamp?;
        self.files.get(rel).filter(|e| e.stamp == stamp && stamp.mtime_s < self.started)
    }
}

/// Seconds since the epoch now (0 if the clock is before it, which makes every file racy: nothing is reused).
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The stamp of a file's metadata.
pub fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    let mtime = meta.modified().ok()?;
    let (s, ns) = match mtime.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()),
        Err(_) => return None,
    };
    Some(Stamp { size: meta.len(), mtime_s: s, mtime_ns: ns })
}

/// The folder the cache lives in: `$XDG_CACHE_HOME/zhibiao` when that is an absolute path, else
/// `~/.cache/zhibiao`; `None` when neither is known.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    let base = xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("zhibiao"))
}

/// Loads and verifies `root`, reusing what the cache in `dir` holds for its unchanged files and storing the new
/// state afterwards when anything changed. Only a folder on disk is cached; `dir: None` loads without a cache.
pub fn load(root: &Root, dir: Option<&Path>) -> Result<Dataset, LoadError> {
    load_counted(root, dir, &LoadCounter::new())
}

/// [`load`], counting the files read and verified in `counter` as it goes.
pub fn load_counted(root: &Root, dir: Option<&Path>, counter: &LoadCounter) -> Result<Dataset, LoadError> {
    let (Root::Dir(path), Some(dir)) = (root, dir) else { return crate::load::load_counted(root, counter) };
    let file = dir.join(file_name(path));
    let previous = read(&file).unwrap_or_default();
    let (result, snapshot) = crate::load::load_with(root, previous, crate::load::Keep::IfChanged, Some(counter));
    if let (Ok(_), Some(snapshot)) = (&result, snapshot) {
        // A cache that cannot be written is no cache; never an error.
        let _ = write(dir, &file, &snapshot);
    }
    result
}

/// The cache file's name for a dataset root: a hash of its absolute path.
fn file_name(root: &Path) -> String {
    use sha2::Digest;
    let path = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let digest = sha2::Sha256::digest(path.as_os_str().as_encoded_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("{hex}.bin")
}

/// The header of a cache file: magic, version line, CRC-32 of the body (4 bytes, little-endian).
fn header() -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(crate::VERSION.as_bytes());
    h.push(b'\n');
    h
}

/// Reads a snapshot; `None` for a missing, truncated, corrupt or foreign file.
fn read(file: &Path) -> Option<Snapshot> {
    let bytes = std::fs::read(file).ok()?;
    let rest = bytes.strip_prefix(header().as_slice())?;
    let (crc, body) = rest.split_first_chunk::<4>()?;
    if crc32fast::hash(body) != u32::from_le_bytes(*crc) {
        return None;
    }
    let snapshot: Snapshot = postcard::from_bytes(body).ok()?;
    (snapshot.version == crate::VERSION).then_some(snapshot)
}

/// Writes a snapshot atomically (a temporary file in the same folder, renamed over the old one).
fn write(dir: &Path, file: &Path, snapshot: &Snapshot) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let body = postcard::to_allocvec(snapshot).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&header())?;
    tmp.write_all(&crc32fast::hash(&body).to_le_bytes())?;
    tmp.write_all(&body)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// A [`crate::decimal::Decimal`] as its exact text, for formats that cannot describe themselves (the parser's
/// own `Deserialize` asks the format what it holds).
pub mod exact {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::decimal::Decimal;

    /// Writes the decimal's text.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// Reads the decimal's text back.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Decimal::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An optional [`crate::decimal::Decimal`] as its exact text (see [`exact`]).
pub mod exact_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::decimal::Decimal;

    /// Writes the decimal's text, if any.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads the decimal's text back, if any.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        text.map(|t| Decimal::parse(&t).map_err(serde::de::Error::custom)).transpose()
    }
}
