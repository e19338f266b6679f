//! The query index at the end of a load-cache file: what a filtered answer (`zhibiao list --city … --grep …`)
//! needs, so that a start with nothing changed reads the index, the selected cities' rows and the records it
//! prints, and decodes no other record.
//!
//! It is trusted under exactly the rules the cache's records are (see [`crate::snapshot`]): the same build and
//! dataset root (the file's header), the same tables and source texts, the same set of indicator files, each
//! with the stamp it had and none modified in or after the second the load that wrote it started. Then a full
//! load would reuse every record unchanged and skip the checks across files (they passed on exactly these
//! records), so its dataset is the one this index was written from. Anything else (a changed, added or removed
//! file, a part whose CRC-32 fails, an index out of bounds, a record that does not pass the filter it was
//! selected by) returns `None`, and the caller loads the normal way.
//!
//! Layout, after the cache's own parts (see `cache.rs`), at absolute offsets:
//! 1. every indicator's record (postcard), grouped by city, in dataset order within a city;
//! 2. per city, a block (length, CRC-32, postcard): per record its indexed fields, where its record lies (and
//!    its CRC-32), and its lower-cased search record, all of the city's search records in one string;
//! 3. the head (length, CRC-32, postcard): the stamps it is trusted under, the four tables as parsed, what the
//!    load resolved in them (each metric's theme, each document's city and text), the number of indicators, and
//!    where each city's block lies;
//! 4. a trailer: the head's offset (u64, little-endian) and [`TRAILER`].
//!
//! Postcard per record with an offset index, rather than a zero-copy format: a filtered answer decodes a few
//! dozen records of about ten short strings each (microseconds); the cost that stays is reading the head (the
//! tables) and stat'ing every file, which the verification rules ask for and which no layout removes.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Indicator};
use crate::ids::{CityId, DocId, MetricId, ThemeId};
use crate::load::tables::TABLES;
use crate::query::{Fields, Filter};
use crate::root::{Root, Stamp};
use crate::schema::Kind;
use crate::snapshot::{Snapshot, Tables, TextEntry};

/// The last bytes of a cache file that ends with a query index.
const TRAILER: &[u8; 8] = b"zbindex\n";

/// The stamps an index was trusted under: the shared files' and the indicator files'.
type Stamps = (Vec<(String, Option<Stamp>)>, Vec<(String, Stamp)>);

/// The head of the index (part 3).
#[derive(Serialize, Deserialize)]
struct Head {
    started: i64,
    shared: Vec<(String, Option<Stamp>)>,
    /// Every indicator file with its stamp, by path.
    files: Vec<(String, Stamp)>,
    tables: Tables,
    metric_themes: Vec<usize>,
    doc_cities: Vec<usize>,
    texts: Vec<TextEntry>,
    /// Indicators in the dataset.
    total: usize,
    /// Per city: its block's offset, length and CRC-32.
    blocks: Vec<(u64, u32, u32)>,
}

/// One city's block (part 2).
#[derive(Serialize, Deserialize)]
struct Block {
    rows: Vec<Row>,
    /// The search records of the rows, one after another.
    haystacks: String,
}

/// One indicator in its city's block.
#[derive(Serialize, Deserialize)]
struct Row {
    /// Its index in the dataset.
    index: u32,
    theme: u32,
    year: i32,
    kind: Kind,
    metric: u32,
    doc: u32,
    /// Its record's offset, length and CRC-32.
    at: u64,
    len: u32,
    crc: u32,
    /// Where its search record ends in the block's `haystacks` (it starts where the previous one ends).
    haystack_end: u32,
}

/// The index's bytes for `ds`, the dataset loaded with `snapshot`, to be written at offset `base` of the cache
/// file; `None` when something does not fit it (then the file has no index and every start loads).
pub(crate) fn encode(ds: &Dataset, snapshot: &Snapshot, base: u64) -> Option<Vec<u8>> {
    let tables = snapshot.tables.clone()?;
    let complete = tables.metrics.len() == ds.metrics().len()
        && tables.documents.len() == ds.documents().len()
        && tables.cities.len() == ds.cities().len()
        && snapshot.texts.len() == ds.documents().len();
    if !complete {
        return None;
    }
    let texts: Vec<TextEntry> = snapshot.texts.iter().cloned().collect::<Option<_>>()?;
    let mut files: Vec<(String, Stamp)> = snapshot.files.iter().map(|(rel, e)| (rel.clone(), e.stamp)).collect();
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut by_city: Vec<Vec<usize>> = vec![Vec::new(); ds.cities().len()];
    for (i, ind) in ds.indicators().iter().enumerate() {
        by_city.get_mut(ind.city.index())?.push(i);
    }
    let encoded = crate::parallel::map(&by_city, |ids| {
        let records: Vec<Vec<u8>> =
            ids.iter().map(|&i| postcard::to_allocvec(&ds.indicators()[i]).ok()).collect::<Option<_>>()?;
        let haystacks: Vec<String> =
            ids.iter().map(|&i| crate::dataset::haystack_of(&ds.indicators()[i], ds.metrics())).collect();
        Some((records, haystacks))
    });
    let mut out = Vec::new();
    let mut blocks = Vec::with_capacity(by_city.len());
    for (ids, encoded) in by_city.iter().zip(&encoded) {
        let (records, haystacks) = encoded.as_ref()?;
        let mut block = Block { rows: Vec::with_capacity(ids.len()), haystacks: String::new() };
        for ((&i, record), haystack) in ids.iter().zip(records).zip(haystacks) {
            let ind = &ds.indicators()[i];
            block.haystacks.push_str(haystack);
            block.rows.push(Row {
                index: u32::try_from(i).ok()?,
                theme: u32::try_from(ind.theme.index()).ok()?,
                year: ind.year,
                kind: ind.kind,
                metric: u32::try_from(ind.metric.index()).ok()?,
                doc: u32::try_from(ind.doc.index()).ok()?,
                at: base + out.len() as u64,
                len: u32::try_from(record.len()).ok()?,
                crc: crc32fast::hash(record),
                haystack_end: u32::try_from(block.haystacks.len()).ok()?,
            });
            out.extend_from_slice(record);
        }
        blocks.push(block);
    }
    let mut places = Vec::with_capacity(blocks.len());
    for block in &blocks {
        let bytes = postcard::to_allocvec(block).ok()?;
        places.push((base + out.len() as u64 + 8, u32::try_from(bytes.len()).ok()?, crc32fast::hash(&bytes)));
        put_part(&mut out, &bytes)?;
    }
    let head = Head {
        started: snapshot.started,
        shared: snapshot.shared.clone(),
        files,
        tables,
        metric_themes: ds.metrics().iter().map(|m| m.theme.index()).collect(),
        doc_cities: ds.documents().iter().map(|d| d.city.index()).collect(),
        texts,
        total: ds.indicators().len(),
        blocks: places,
    };
    let head_at = base + out.len() as u64;
    put_part(&mut out, &postcard::to_allocvec(&head).ok()?)?;
    out.extend_from_slice(&head_at.to_le_bytes());
    out.extend_from_slice(TRAILER);
    Some(out)
}

/// True when the last `left` bytes of `file` (what follows the cache's own parts) end in a trailer whose head
/// lies among them: an index cut short or missing is a cache to rewrite.
pub(crate) fn ends_well(file: &mut (impl Read + Seek), left: u64) -> bool {
    let mut trailer = [0u8; 16];
    let read = left >= 24 && file.seek(SeekFrom::End(-16)).is_ok() && file.read_exact(&mut trailer).is_ok();
    let (head_at, magic) = trailer.split_at(8);
    let head_at = u64::from_le_bytes(head_at.try_into().unwrap_or_default());
    let Ok(end) = file.stream_position() else { return false };
    read && magic == TRAILER && head_at >= end - left && head_at + 8 <= end - 16
}

/// Appends a length (u32), the CRC-32 of `bytes` and `bytes`.
fn put_part(out: &mut Vec<u8>, bytes: &[u8]) -> Option<()> {
    out.extend_from_slice(&u32::try_from(bytes.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
    out.extend_from_slice(bytes);
    Some(())
}

/// A trusted query index, open: the tables (as a dataset without indicators, to build a filter against) and
/// where each city's records are.
pub struct Lookup {
    file: std::fs::File,
    len: u64,
    tables: Dataset,
    total: usize,
    blocks: Vec<(u64, u32, u32)>,
    /// The stamps checked at opening, handed on to the answer.
    _stamps: Stamps,
}

/// What a filter selected: a dataset of the matching indicators alone (in dataset order) with every table, and
/// the number of indicators in the whole dataset.
pub struct Answer {
    /// The tables and the matching indicators.
    pub dataset: Dataset,
    /// Indicators in the whole dataset.
    pub total: usize,
    /// The stamps the index was trusted under, dropped with the answer (a command that exits next need not drop
    /// it at all: ten thousand small strings freed one by one cost more than the answer).
    _stamps: Stamps,
}

/// Opens the query index of the cache of `root` in `dir`, if there is one and it is trusted now (see the
/// module's comment); `None` otherwise.
pub fn open(root: &Root, dir: &Path) -> Option<Lookup> {
    let Root::Dir(path) = root else { return None };
    // A read-only command cleans up after a writer that was killed mid-write, as a load does.
    crate::atomic::sweep_if_idle(path);
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    let mut file =
        crate::atomic::open_regular(&dir.join(crate::cache::file_name(&canonical)), crate::cache::MAX_LEN).ok()?;
    let len = file.metadata().ok()?.len();
    let header = crate::cache::header(&canonical);
    if read_at(&mut file, len, 0, header.len())? != header {
        return None;
    }
    let trailer = read_at(&mut file, len, len.checked_sub(16)?, 16)?;
    let (head_at, magic) = trailer.split_at(8);
    if magic != TRAILER {
        return None;
    }
    let head_at = u64::from_le_bytes(head_at.try_into().ok()?);
    let head: Head = postcard::from_bytes(&part_at(&mut file, len, head_at)?).ok()?;
    // The same tables and sources as when it was written, none modified since its load began.
    let settled = |s: &Stamp| s.settled_before(head.started);
    let sources: Vec<&str> = head.tables.documents.iter().map(|d| d.source.as_str()).collect();
    let same_tables = head.shared.len() == TABLES.len() + sources.len()
        && TABLES
            .iter()
            .zip(&head.shared)
            .all(|(t, (rel, s))| rel == t && *s == root.stamp(t) && s.as_ref().is_some_and(settled))
        && sources.iter().zip(&head.shared[TABLES.len()..]).all(|(a, (b, _))| a == b);
    if !same_tables {
        return None;
    }
    let now = stamps(path, &sources);
    if !now.iter().zip(&head.shared[TABLES.len()..]).all(|(a, (_, b))| a == b && b.as_ref().is_some_and(settled)) {
        return None;
    }
    // The same indicator files, each unchanged.
    let mut files = root.indicator_files().ok()?;
    files.sort_unstable();
    if files.len() != head.files.len() || files.iter().zip(&head.files).any(|(a, (b, _))| a != b) {
        return None;
    }
    let rels: Vec<&str> = files.iter().map(String::as_str).collect();
    let now = stamps(path, &rels);
    if !now.iter().zip(&head.files).all(|(a, (_, b))| *a == Some(*b) && settled(b)) {
        return None;
    }
    let tables = tables_of(path, head.tables, head.metric_themes, head.doc_cities, head.texts)?;
    drop(files);
    if head.blocks.len() != tables.cities().len() {
        return None;
    }
    let stamps = (head.shared, head.files);
    Some(Lookup { file, len, tables, total: head.total, blocks: head.blocks, _stamps: stamps })
}

/// The stamps of the files `rels` under `root`, as [`Root::stamp`] gives them, on every core. On Unix each folder
/// is opened once and its files are stat'ed by name in it (`fstatat`): one path walk per folder, not per file,
/// which was a third of an answer's time at 1,000 cities.
fn stamps(root: &Path, rels: &[&str]) -> Vec<Option<Stamp>> {
    #[cfg(unix)]
    {
        use std::collections::HashMap;
        let mut folders: HashMap<&str, Option<std::fs::File>> = HashMap::new();
        for rel in rels {
            let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
            folders.entry(parent).or_insert_with(|| std::fs::File::open(root.join(parent)).ok());
        }
        crate::parallel::map(rels, |rel| {
            let (parent, name) = rel.rsplit_once('/').unwrap_or(("", rel));
            let folder = folders.get(parent)?.as_ref()?;
            stat_at(folder, name)
        })
    }
    #[cfg(not(unix))]
    {
        let root = Root::Dir(root.to_path_buf());
        crate::parallel::map(rels, |rel| root.stamp(rel))
    }
}

/// The stamp of the file `name` in the open folder `folder` (its target when it is a link, as
/// `std::fs::metadata` gives it); `None` when it cannot be stat'ed or was modified before 1970.
#[cfg(unix)]
fn stat_at(folder: &std::fs::File, name: &str) -> Option<Stamp> {
    use std::os::fd::AsRawFd;
    let name = std::ffi::CString::new(name).ok()?;
    // SAFETY: `name` is a NUL-terminated string that outlives the call, `st` is a plain C struct the call fills,
    // and the folder's descriptor stays open for the call (`folder` is borrowed).
    let st = unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        (libc::fstatat(folder.as_raw_fd(), name.as_ptr(), &mut st, 0) == 0).then_some(st)
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

/// The tables as a dataset without indicators, as a load over them would make them.
fn tables_of(
    root: &Path,
    tables: Tables,
    metric_themes: Vec<usize>,
    doc_cities: Vec<usize>,
    texts: Vec<TextEntry>,
) -> Option<Dataset> {
    let (themes, cities) = (tables.themes.len(), tables.cities.len());
    let sound = metric_themes.len() == tables.metrics.len()
        && metric_themes.iter().all(|&t| t < themes)
        && doc_cities.len() == tables.documents.len()
        && doc_cities.iter().all(|&c| c < cities)
        && texts.len() == tables.documents.len()
        && texts.iter().all(TextEntry::is_sound);
    if !sound {
        return None;
    }
    let docs = tables
        .documents
        .iter()
        .zip(doc_cities.into_iter().zip(texts))
        .map(|(d, (city, e))| {
            let text = crate::corpus::Text::deferred(root.join(&d.source), e.len, e.crc, e.paragraphs);
            (Some(text), Some(CityId::new(city)))
        })
        .collect();
    let metrics =
        crate::load::metrics_of(tables.metrics, metric_themes.into_iter().map(|t| Some(ThemeId::new(t))).collect());
    let documents = crate::load::documents_of(tables.documents, docs);
    let (cities, themes) = (crate::load::cities_of(tables.cities), crate::load::themes_of(tables.themes));
    Some(Dataset::new(cities, themes, metrics, documents, Vec::new(), Vec::new()))
}

impl Lookup {
    /// The tables, without indicators: what a filter is built against (city, theme, document and metric
    /// names).
    pub fn tables(&self) -> &Dataset {
        &self.tables
    }

    /// The indicators `filter` selects, read from their records alone; `None` when a part read is corrupt or
    /// does not agree with the index (the caller then loads the normal way).
    pub fn select(mut self, filter: &Filter) -> Option<Answer> {
        let sieve = filter.sieve(&self.tables);
        let mut cities: Vec<usize> = if filter.city.is_empty() {
            (0..self.blocks.len()).collect()
        } else {
            filter.city.iter().map(|c| c.index()).collect()
        };
        cities.sort_unstable();
        cities.dedup();
        let mut picked: Vec<(u32, Indicator)> = Vec::new();
        for city in cities {
            let &(at, len, crc) = self.blocks.get(city)?;
            let bytes = read_at(&mut self.file, self.len, at, len as usize)?;
            if crc32fast::hash(&bytes) != crc {
                return None;
            }
            let block: Block = postcard::from_bytes(&bytes).ok()?;
            let mut start = 0;
            for row in &block.rows {
                let end = row.haystack_end as usize;
                let haystack = block.haystacks.get(start..end)?;
                start = end;
                let fields = Fields {
                    city: CityId::new(city),
                    theme: ThemeId::new(row.theme as usize),
                    year: row.year,
                    kind: row.kind,
                    metric: MetricId::new(row.metric as usize),
                    doc: DocId::new(row.doc as usize),
                };
                if sieve.passes(&fields, haystack) {
                    let bytes = read_at(&mut self.file, self.len, row.at, row.len as usize)?;
                    if crc32fast::hash(&bytes) != row.crc {
                        return None;
                    }
                    picked.push((row.index, postcard::from_bytes(&bytes).ok()?));
                }
            }
        }
        picked.sort_unstable_by_key(|&(index, _)| index);
        let t = &self.tables;
        let bounds = |i: &Indicator| {
            i.doc.index() < t.documents().len()
                && i.city.index() < t.cities().len()
                && i.theme.index() < t.themes().len()
                && i.metric.index() < t.metrics().len()
        };
        if !picked.iter().all(|(_, i)| bounds(i)) || picked.windows(2).any(|w| w[0].0 == w[1].0) {
            return None;
        }
        let dataset = self.tables.with_indicators(picked.into_iter().map(|(_, i)| i).collect());

        // Each record must pass the filter it was selected by, on its own fields: a cache whose index and
        // records disagree is not trusted.
        if filter.apply(&dataset).len() != dataset.indicators().len() {
            return None;
        }
        Some(Answer { dataset, total: self.total, _stamps: self._stamps })
    }
}

/// `len` bytes of `file` (of length `file_len`) at offset `at`; `None` past its end.
fn read_at(file: &mut std::fs::File, file_len: u64, at: u64, len: usize) -> Option<Vec<u8>> {
    if at.checked_add(len as u64)? > file_len {
        return None;
    }
    file.seek(SeekFrom::Start(at)).ok()?;
    let mut bytes = vec![0u8; len];
    file.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

/// The part (length, CRC-32, bytes) at offset `at`; `None` when short or corrupt.
fn part_at(file: &mut std::fs::File, file_len: u64, at: u64) -> Option<Vec<u8>> {
    let head = read_at(file, file_len, at, 8)?;
    let (len, crc) = head.split_at(4);
    let len = u32::from_le_bytes(len.try_into().ok()?);
    let bytes = read_at(file, file_len, at + 8, len as usize)?;
    (crc32fast::hash(&bytes) == u32::from_le_bytes(crc.try_into().ok()?)).then_some(bytes)
}
