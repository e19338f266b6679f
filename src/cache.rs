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

use crate::dataset::Dataset;
use crate::load::{LoadCounter, LoadError};
use crate::root::Root;
pub use crate::root::{stamp_of, Stamp};
use crate::snapshot::Early;
pub use crate::snapshot::{now_secs, FileEntry, Snapshot, Tables, TextEntry};

/// The first bytes of a cache file.
/// (The number after it is the layout's: 2 added the source texts' paragraph tables and one blob per file, 3 the
/// parsed tables.)
const MAGIC: &[u8] = b"zhibiao-cache 3\n";

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
    // The cache decodes on a thread of its own: the tables first (handed over at once), then the records, while
    // the load stats every file.
    let (tx, rx) = std::sync::mpsc::channel();
    let (result, snapshot) = std::thread::scope(|s| {
        let reading = s.spawn(|| read(&file, tx).unwrap_or_default());
        let early = || rx.recv().ok().flatten();
        let previous = || reading.join().unwrap_or_default();
        crate::load::load_awaiting(root, early, previous, crate::load::Keep::IfChanged, Some(counter))
    });
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

/// A snapshot as stored: each indicator file's entry is a postcard blob of its own, so that the blobs decode in
/// parallel (decoding 100,000 records' strings is most of a warm start).
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    version: String,
    started: i64,
    shared: Vec<(String, Option<Stamp>)>,
    #[serde(borrow)]
    files: Vec<(String, Blob<'a>)>,
    texts: Vec<Option<TextEntry>>,
    tables: Option<Tables>,
}

/// Bytes stored as one length and the bytes themselves (a `&[u8]` would be stored byte by byte).
struct Blob<'a>(&'a [u8]);

impl Serialize for Blob<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Blob<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(d).map(Blob)
    }
}

/// Reads a snapshot; `None` for a missing, truncated, corrupt or foreign file. Its tables are sent to `early` as
/// soon as they are decoded (and not kept in the snapshot returned); nothing is sent when there are none.
fn read(file: &Path, early: std::sync::mpsc::Sender<Option<Early>>) -> Option<Snapshot> {
    let bytes = std::fs::read(file).ok()?;
    let rest = bytes.strip_prefix(header().as_slice())?;
    let (crc, body) = rest.split_first_chunk::<4>()?;
    if crc32fast::hash(body) != u32::from_le_bytes(*crc) {
        return None;
    }
    let mut stored: Stored<'_> = postcard::from_bytes(body).ok()?;
    if stored.version != crate::VERSION {
        return None;
    }
    if let Some(tables) = stored.tables.take() {
        let stamps = stored.shared.iter().take(4).cloned().collect();
        let _ = early.send(Some(Early { started: stored.started, stamps, tables }));
    }
    drop(early);
    let entries = crate::parallel::map(&stored.files, |(_, blob)| postcard::from_bytes::<FileEntry>(blob.0).ok());
    let mut files = HashMap::with_capacity(entries.len());
    for ((rel, _), entry) in stored.files.into_iter().zip(entries) {
        files.insert(rel, entry?);
    }
    Some(Snapshot {
        version: stored.version,
        started: stored.started,
        shared: stored.shared,
        files,
        texts: stored.texts,
        tables: None,
    })
}

/// Writes a snapshot atomically (a temporary file in the same folder, renamed over the old one).
fn write(dir: &Path, file: &Path, snapshot: &Snapshot) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let files: Vec<(&String, &FileEntry)> = snapshot.files.iter().collect();
    let blobs = crate::parallel::map(&files, |(_, e)| postcard::to_allocvec(e));
    let blobs = blobs.into_iter().collect::<Result<Vec<_>, _>>().map_err(std::io::Error::other)?;
    let stored = Stored {
        version: snapshot.version.clone(),
        started: snapshot.started,
        shared: snapshot.shared.clone(),
        files: files.iter().zip(&blobs).map(|((rel, _), blob)| ((*rel).clone(), Blob(blob))).collect(),
        texts: snapshot.texts.clone(),
        tables: snapshot.tables.clone(),
    };
    let body = postcard::to_allocvec(&stored).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&header())?;
    tmp.write_all(&crc32fast::hash(&body).to_le_bytes())?;
    tmp.write_all(&body)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}
