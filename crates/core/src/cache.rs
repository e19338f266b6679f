//! The load cache: the verified records of each indicator file, kept in the user's cache folder so that the next
//! start re-reads and re-verifies only the files that changed.
//!
//! A [`Snapshot`] is what one successful load verified: per indicator file its records, keyed by the file's path,
//! size and modification time, plus the stamps of the files every record depends on (the four tables of `data/`
//! and every source text). [`crate::load::Loader::reload`] reuses a file's records only when the program
//! build, the shared stamps and the file's own stamp (size, mtime, ctime, inode) are all unchanged, and the file
//! was not modified in or after the second the earlier load started (git's "racy" rule: such a file may have changed again within the
//! same timestamp). Checks across files (unique ids, links, duplicate targets) run over all records every time.
//!
//! On disk a snapshot is one file per dataset root, `$XDG_CACHE_HOME/zhibiao/<hash of the root's path>.bin`
//! (or `~/.cache/zhibiao/`): a header with the build identity ([`crate::BUILD`], a hash of the sources) and the
//! root's path, then the tables (which a start needs first), then the
//! source texts' entries with an index of the files, then one postcard blob per indicator file, each part with
//! its own CRC-32. A start maps the file, hands the tables over as soon as they are read and decodes the blobs on
//! every core; the records' strings stay in the mapping ([`crate::shared_str::SharedStr`]), which is why a cache
//! file is only ever replaced whole, by a rename, never written in place.
//! The file ends with the query index (`crate::lookup`) a warm filtered `list` answers from without this load.
//! A truncated, corrupt, foreign or stale file is ignored and rewritten, never trusted and never an error; so is
//! anything else in its place (a named pipe, a folder, a link, a file of gigabytes: only a regular file of bounded
//! size is opened); a folder that cannot be written just means no cache. Writes are atomic, one process at a time
//! per root (`<name>.lock` beside the file), and remove what an interrupted write left. The embedded dataset is not cached: it is small and
//! loads in milliseconds.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::load::{Live, LoadCounter, LoadError};
use crate::root::Root;
pub use crate::root::{stamp_of, Stamp};
use crate::shared_str::{decoding_from, Backing};
use crate::snapshot::{id_hash, Early};
pub use crate::snapshot::{now_secs, FileEntry, Snapshot, Tables, TextEntry};

/// The first bytes of a cache file.
/// (The number after it is the layout's: 2 added the source texts' paragraph tables and one blob per file, 3 the
/// parsed tables, 4 put the tables first and gave every blob its own checksum, 5 added the query index, 6 read its documents
/// and stamps in place.)
const MAGIC: &[u8] = b"zhibiao-cache 6\n";

/// The folder the cache lives in: `$XDG_CACHE_HOME/zhibiao` when that is an absolute path, else
/// `~/.cache/zhibiao`; `None` when neither is known.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    let base = xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("zhibiao"))
}

/// Loads and verifies `root`, reusing what the cache in `dir` holds for its unchanged files and storing the new
/// state afterwards when anything changed, counting in `counter`. Only a folder on disk is cached; `dir: None`
/// loads without a cache. With `live`, what a live reload needs of the dataset too. (Reached through
/// [`crate::load::Loader::cache`].)
pub(crate) fn load_counted(
    root: &Root,
    dir: Option<&Path>,
    counter: Option<&LoadCounter>,
    live: bool,
) -> Result<(Dataset, Option<Live>), LoadError> {
    let idle = LoadCounter::new();
    let counter = counter.unwrap_or(&idle);
    if let Root::Dir(path) = root {
        // A read-only command cleans up after a writer that was killed mid-write.
        crate::atomic::sweep_if_idle(path);
    }
    let (Root::Dir(path), Some(dir)) = (root, dir) else {
        return crate::load::Loader::new(root).counter(counter).run(live);
    };
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    let name = file_name(&canonical);
    let file = dir.join(&name);
    let header = header(&canonical);
    // What a killed cache write of this root left, removed when no other process is writing it.
    if let Some(_lock) = dir.is_dir().then(|| crate::atomic::try_lock_file(&dir.join(format!("{name}.lock")))).flatten()
    {
        crate::atomic::sweep(dir, Some(&name));
    }
    // The cache decodes on a thread of its own: the tables first (handed over at once), then the records, while
    // the load stats every file.
    let (tx, rx) = std::sync::mpsc::channel();
    let done = std::thread::scope(|s| {
        let reading = s.spawn(|| read(&file, &header, tx, live).unwrap_or_default());
        let early = || rx.recv().ok().flatten();
        let previous = || reading.join().unwrap_or_default();
        crate::load::load_awaiting(root, early, previous, crate::load::Keep::IfChanged, live, Some(counter))
    });
    if let (Ok(ds), Some(snapshot)) = (&done.result, done.snapshot) {
        // A cache that cannot be written is no cache; never an error.
        let _ = write(dir, &file, &header, &snapshot, ds);
    }
    done.result.map(|ds| (ds, done.live))
}

/// The cache file's name for a dataset root (its canonical path): a hash of that path.
pub(crate) fn file_name(root: &Path) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(root.as_os_str().as_encoded_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("{hex}.bin")
}

/// Where `zhibiao watch` listens for the dataset at `root` whose cache lives in `dir`: beside the cache file, so
/// the two are found the same way; `None` when the path is too long for a socket's address.
pub fn watch_socket(dir: &Path, root: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let name = file_name(&canonical);
    let path = dir.join(format!("{}.watch", name.trim_end_matches(".bin")));
    // A Unix socket's address holds at most 107 bytes and a NUL.
    (path.as_os_str().len() < 108).then_some(path)
}

/// The largest cache file read: far above what any dataset's records take, far below what would exhaust memory.
pub(crate) const MAX_LEN: u64 = 1 << 31;

/// The header of a cache file: the magic, the build that wrote it and the dataset root (canonical path) it is
/// for, one line each. A file of another build or another root (a hash collision, a copied cache folder) is
/// never read further.
pub(crate) fn header(root: &Path) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(crate::BUILD.as_bytes());
    h.push(b'\n');
    h.extend_from_slice(root.as_os_str().as_encoded_bytes());
    h.push(b'\n');
    h
}

// After the header, a cache file holds four parts, in the order a start uses them:
//
// 1. `Front`: the tables and their files' stamps, which the load needs before anything else;
// 2. `Contents`: every shared stamp, and per indicator file its path and its blob's length and CRC-32;
// 3. every indicator file's `FileEntry`, one postcard blob after another: decoded on every core from the mapped
//    file, each checked before use, the records' strings left where they lie (see `crate::shared_str`);
// 4. `Texts`: the source texts' entries;
// 5. the query index (`crate::lookup`), which only a filtered answer reads.
//
// Parts 1, 2 and 4 are each a length (u32, little-endian), a CRC-32 of the bytes (u32) and the bytes, in
// postcard.

/// The first part of a cache file: what the load needs first, the tables with their files' stamps.
#[derive(Serialize, Deserialize)]
struct Front {
    started: i64,
    stamps: Vec<(String, Option<Stamp>)>,
    tables: Option<Tables>,
}

/// The second part: every shared stamp, and where each file's blob lies in the third.
#[derive(Serialize, Deserialize)]
struct Contents {
    shared: Vec<(String, Option<Stamp>)>,
    /// Per indicator file: its root-relative path, its blob's length and the blob's CRC-32.
    files: Vec<(String, u32, u32)>,
    /// The indicator folder's stamp and entry count when the snapshot was made (see [`Snapshot::folder`]).
    folder: Option<(Stamp, usize)>,
    /// See [`Snapshot::set_aside`].
    set_aside: Vec<crate::snapshot::SetAside>,
}

/// The fourth part: the source texts' entries (see [`Snapshot::texts`]).
#[derive(Serialize, Deserialize)]
struct Texts {
    texts: Vec<Option<TextEntry>>,
}

/// The length-and-checksum-prefixed part at `*at` of `bytes` (`None` when short or corrupt), `*at` moved past it.
fn part<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let head = bytes.get(*at..at.checked_add(8)?)?;
    let (len, crc) = head.split_at(4);
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    let body = bytes.get(*at + 8..(*at + 8).checked_add(len)?)?;
    *at += 8 + len;
    (crc32fast::hash(body) == u32::from_le_bytes(crc.try_into().ok()?)).then_some(body)
}

/// Appends one part (see [`part`]) to `out`.
fn put_part(out: &mut Vec<u8>, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}

/// Reads a snapshot; `None` for a missing, truncated, corrupt or foreign file. Its tables are sent to `early` as
/// soon as they are read (and not kept in the snapshot returned); nothing is sent when there are none. With
/// `hash_ids`, each file's ids are hashed as its records are decoded ([`Snapshot::id_hashes`]).
///
/// The file is mapped, and the records' strings borrow from the mapping ([`crate::shared_str::SharedStr`]): they
/// are read where the cache holds them for as long as a record needs them, not copied onto the heap one by one.
fn read(file: &Path, header: &[u8], early: std::sync::mpsc::Sender<Option<Early>>, hash_ids: bool) -> Option<Snapshot> {
    let f = crate::atomic::open_regular(file, MAX_LEN).ok()?;
    let backing = Arc::new(map(&f, false)?);
    let bytes = backing.bytes();
    if bytes.get(..header.len())? != header {
        return None;
    }
    let mut at = header.len();
    let front: Front = postcard::from_bytes(part(bytes, &mut at)?).ok()?;
    if let Some(tables) = front.tables {
        let _ = early.send(Some(Early { started: front.started, stamps: front.stamps, tables }));
    }
    drop(early);
    let contents: Contents = postcard::from_bytes(part(bytes, &mut at)?).ok()?;
    let blobs = places(contents.files.iter().map(|&(_, len, crc)| (len, crc)), &mut at, bytes.len())?;
    let texts: Texts = postcard::from_bytes(part(bytes, &mut at)?).ok()?;
    // What follows is the query index (see `crate::lookup`), which a full load does not read; only its end is
    // checked, so that a file cut short is rewritten whole rather than left without its index.
    let left = (bytes.len() - at) as u64;
    let mut rest = std::io::Cursor::new(bytes);
    rest.set_position(at as u64);
    if left != 0 && !crate::lookup::ends_well(&mut rest, left) {
        return None;
    }
    let entries = decode(&backing, &blobs, hash_ids);
    let mut files = HashMap::with_capacity(entries.len());
    let mut id_hashes = HashMap::with_capacity(if hash_ids { entries.len() } else { 0 });
    for ((rel, _, _), entry) in contents.files.into_iter().zip(entries) {
        let (entry, hashes) = entry?;
        if hash_ids {
            id_hashes.insert(rel.clone(), hashes);
        }
        files.insert(rel, entry);
    }
    Some(Snapshot {
        version: crate::BUILD.to_string(),
        started: front.started,
        shared: contents.shared,
        files,
        texts: texts.texts,
        tables: None,
        folder: contents.folder,
        set_aside: contents.set_aside,
        id_hashes,
    })
}

/// The bytes of the open cache file `f`: mapped, or read whole where it cannot be mapped.
/// With `scattered`, the pages are read as they are touched and no more (the query index touches a few parts
/// of a large file).
pub(crate) fn map(f: &std::fs::File, scattered: bool) -> Option<Backing> {
    // SAFETY: the mapping is read-only and private to this process; the cache never writes a file in place
    // (a write is a new file renamed over the old one, which leaves this mapping as it was). See `SharedStr`.
    match unsafe { memmap2::Mmap::map(f) } {
        Ok(m) => {
            #[cfg(unix)]
            if scattered {
                // Advice only: without it, the kernel maps the pages around each one touched too.
                let _ = m.advise(memmap2::Advice::Random);
            }
            Some(Backing::Mapped(m))
        }
        Err(_) => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut &*f, &mut bytes).ok()?;
            Some(Backing::Owned(bytes))
        }
    }
}

/// Where each blob of lengths and checksums `blobs` lies, one after another from `*at` (moved past the last);
/// `None` when a file of `len` bytes ends before they do.
fn places(
    blobs: impl ExactSizeIterator<Item = (u32, u32)>,
    at: &mut usize,
    len: usize,
) -> Option<Vec<(std::ops::Range<usize>, u32)>> {
    let mut places = Vec::with_capacity(blobs.len());
    for (blob, crc) in blobs {
        let end = at.checked_add(blob as usize).filter(|&end| end <= len)?;
        places.push((*at..end, crc));
        *at = end;
    }
    Some(places)
}

/// One file's blob decoded, with its ids' hashes when asked for (else none); `None` when the blob is corrupt.
type Decoded = Option<(FileEntry, Vec<u64>)>;

/// Decodes the blobs at `blobs` (places and CRC-32s) of `backing` on every core, their strings borrowed from it.
/// An entry is `None` when its blob is corrupt. With `hash_ids`, each entry comes with its ids' hashes, taken
/// while its records are fresh in the cache (later, they are 100,000 strings scattered in memory).
fn decode(backing: &Arc<Backing>, blobs: &[(std::ops::Range<usize>, u32)], hash_ids: bool) -> Vec<Decoded> {
    let bytes = backing.bytes();
    crate::parallel::map(blobs, |(place, crc)| {
        let blob = &bytes[place.clone()];
        let entry = (crc32fast::hash(blob) == *crc)
            .then(|| decoding_from(backing, || postcard::from_bytes::<FileEntry>(blob)).ok())
            .flatten()?;
        let hashes = if hash_ids { entry.indicators.iter().map(|(_, i)| id_hash(&i.id)).collect() } else { Vec::new() };
        Some((entry, hashes))
    })
}

/// Writes a snapshot atomically (see [`crate::atomic`]), replacing whatever stands at its place. Only one process
/// writes the cache of a root at a time; another one that finds it being written skips writing it.
fn write(dir: &Path, file: &Path, header: &[u8], snapshot: &Snapshot, ds: &Dataset) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(_lock) = crate::atomic::try_lock_file(&dir.join(format!("{name}.lock"))) else { return Ok(()) };
    crate::atomic::sweep(dir, Some(&name));
    let files: Vec<(&String, &FileEntry)> = snapshot.files.iter().collect();
    let blobs = crate::parallel::map(&files, |(_, e)| postcard::to_allocvec(e));
    let blobs = blobs.into_iter().collect::<Result<Vec<_>, _>>().map_err(std::io::Error::other)?;
    // The first four shared stamps are the tables' (see `Snapshot::early`).
    let stamps = snapshot.shared.iter().take(4).cloned().collect();
    let front = Front { started: snapshot.started, stamps, tables: snapshot.tables.clone() };
    let mut index = Vec::with_capacity(files.len());
    for ((rel, _), blob) in files.iter().zip(&blobs) {
        let len = u32::try_from(blob.len()).map_err(std::io::Error::other)?;
        index.push(((*rel).clone(), len, crc32fast::hash(blob)));
    }
    let contents = Contents {
        shared: snapshot.shared.clone(),
        files: index,
        folder: snapshot.folder,
        set_aside: snapshot.set_aside.clone(),
    };
    let texts = Texts { texts: snapshot.texts.clone() };
    let mut out = header.to_vec();
    put_part(&mut out, &postcard::to_allocvec(&front).map_err(std::io::Error::other)?)?;
    put_part(&mut out, &postcard::to_allocvec(&contents).map_err(std::io::Error::other)?)?;
    let mut last = Vec::new();
    put_part(&mut last, &postcard::to_allocvec(&texts).map_err(std::io::Error::other)?)?;
    let base = out.len() + blobs.iter().map(Vec::len).sum::<usize>() + last.len();
    // Written after `last` as it is, not appended to it: at 12,000 cities it is most of a gigabyte.
    let index = crate::lookup::encode(ds, snapshot, base as u64).unwrap_or_default();
    crate::atomic::write_with(file, crate::atomic::Links::Replace, |f| {
        // Thousands of small blobs: one write(2) per megabyte, not per blob.
        let mut tmp = std::io::BufWriter::with_capacity(1 << 20, f);
        tmp.write_all(&out)?;
        for blob in &blobs {
            tmp.write_all(blob)?;
        }
        tmp.write_all(&last)?;
        tmp.write_all(&index)?;
        tmp.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blobs of `n` file entries (entry `k` has `k` entries and one record), with their places and checksums.
    fn blobs(n: usize) -> (Vec<u8>, Vec<(std::ops::Range<usize>, u32)>) {
        let ds = crate::load_embedded().unwrap_or_else(|e| panic!("the bundled dataset verifies:\n{e}"));
        let (mut bytes, mut index) = (b"head".to_vec(), Vec::new());
        for k in 0..n {
            let stamp = Stamp { size: k as u64, mtime_s: 1, mtime_ns: 0, ctime_s: 1, ctime_ns: 0, ino: 1 };
            let record = ds.indicators()[k % ds.indicators().len()].clone();
            let entry = FileEntry { stamp, indicators: vec![(0, record)], ignored: Vec::new(), entries: k };
            let blob = postcard::to_allocvec(&entry).expect("encode");
            index.push((bytes.len()..bytes.len() + blob.len(), crc32fast::hash(&blob)));
            bytes.extend(blob);
        }
        (bytes, index)
    }

    #[test]
    fn blobs_decode_in_order_their_strings_borrowed_and_a_corrupt_one_is_refused() {
        let ds = crate::load_embedded().unwrap_or_else(|e| panic!("the bundled dataset verifies:\n{e}"));
        let (mut bytes, index) = blobs(500);
        let backing = Arc::new(Backing::Owned(bytes.clone()));
        let entries = decode(&backing, &index, true);
        let counts: Vec<Option<usize>> = entries.iter().map(|e| e.as_ref().map(|(e, _)| e.entries)).collect();
        assert_eq!(counts, (0..500).map(Some).collect::<Vec<_>>());
        for (k, (entry, hashes)) in entries.iter().flatten().enumerate() {
            let (record, want) = (&entry.indicators[0].1, &ds.indicators()[k % ds.indicators().len()]);
            assert_eq!((&record.id, &record.quote, &record.name_en), (&want.id, &want.quote, &want.name_en));
            assert!(record.id.is_borrowed() && record.quote.is_borrowed(), "the strings are read in place");
            assert_eq!(hashes, &[id_hash(&want.id)]);
        }
        // Placed one after another as the file lists their lengths; a file shorter than they say is no snapshot.
        let lens: Vec<(u32, u32)> = index.iter().map(|(p, crc)| (p.len() as u32, *crc)).collect();
        let mut at = index[0].0.start;
        assert_eq!(places(lens.iter().copied(), &mut at, bytes.len()), Some(index.clone()));
        assert_eq!(at, bytes.len());
        let mut at = index[0].0.start;
        assert_eq!(places(lens.iter().copied(), &mut at, bytes.len() - 1), None);
        // One flipped byte in blob 1: that entry only is refused.
        bytes[index[1].0.start] ^= 0x01;
        let entries = decode(&Arc::new(Backing::Owned(bytes)), &index, false);
        assert!(entries[1].is_none() && entries[0].is_some() && entries[2].is_some());
    }
}
