//! The query index at the end of a load-cache file: what a filtered answer (`zhibiao list --city … --grep …`)
//! needs, so that a start with nothing changed reads the index, the selected cities' rows, the records it prints
//! and their documents, and decodes nothing else. The explorer's first frame is read the same way (`first.rs`).
//!
//! It is trusted under exactly the rules the cache's records are (see [`crate::snapshot`]): the same build and
//! dataset root (the file's header), the same tables and source texts, the same set of indicator files, each
//! with the stamp it had and none modified in or after the second the load that wrote it started. Then a full
//! load would reuse every record unchanged and skip the checks across files (they passed on exactly these
//! records), so its dataset is the one this index was written from. The set of indicator files is known from
//! the stamp `data/indicators/` had when that load listed it, or else by listing it again and comparing with the
//! index's own list (an editor that saves by renaming a new file into place changes the folder's stamp only).
//! Indicator files edited since are read and verified alone, with the checks across files that could fail
//! because of them (see `changed.rs`). Anything else (a changed table or source text, an added or removed file,
//! a problem in an edited file, a part whose CRC-32 fails, an index out of bounds, a record that does not pass
//! the filter it was selected by) returns `None`, and the caller loads the normal way.
//!
//! Layout, after the cache's own parts (see `cache.rs`), at absolute offsets:
//! 1. every indicator's record (postcard), grouped by city, in dataset order within a city;
//! 2. per city, a block (length, CRC-32, postcard): per record its indexed fields, where its record lies (and
//!    its CRC-32), and its lower-cased search record, all of the city's search records in one string;
//! 3. per document, its row of `documents.yaml`, its city and its text's entry (postcard);
//! 4. the documents' table (length, CRC-32, then per document the offset, length and CRC-32 of its part 3);
//! 5. the stamps' table (length, CRC-32, then the table of [`stamps`]): every indicator file and source text;
//!    5b. the indicator files as listed, each with its records' place, and the documents' ids (postcard), read
//!    only when a file changed; 5c. every indicator id's hash, in pages (see `taken.rs`), read a page per id of
//!    a changed file;
//! 6. the head (length, CRC-32, postcard): the tables' stamps, the indicator folder's, the cities (as columns),
//!    themes and metrics as parsed, the number of documents and indicators, and where each city's block and
//!    parts 4, 5, 5b and 5c lie;
//! 7. a trailer: the head's offset (u64, little-endian) and [`TRAILER`].
//!
//! Which files changed is known by stat'ing each (the stamps are compared where they lie), or, when a
//! `zhibiao watch` runs, by stat'ing only the paths it says changed since the index was written.
//!
//! Postcard per record with an offset index, rather than a fully archived format: a filtered answer decodes a
//! few dozen records (microseconds), their strings borrowed from the mapped file (see `crate::shared_str`). What
//! grows with the dataset is the head, kept to bytes copied rather than decoded (see `columns.rs`), and, without
//! a watcher, stat'ing every file.

mod changed;
mod columns;
mod first;
mod stamps;
mod taken;
mod write;

use columns::{CityColumns, Places};

pub use first::first_cities;
pub(crate) use write::encode;

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::corpus::Text;
use crate::dataset::Keys;
use crate::dataset::{City, Dataset, Document, Indicator};
use crate::ids::{CityId, DocId, MetricId, ThemeId};
use crate::load::tables::TABLES;
use crate::query::Filter;
use crate::root::{Root, Stamp};
use crate::schema::{DocumentEntry, Kind, MetricEntry, ThemeEntry};
use crate::shared_str::Backing;
use crate::snapshot::TextEntry;

/// The last bytes of a cache file that ends with a query index.
const TRAILER: &[u8; 8] = b"zbindex\n";

/// Bytes per document in the documents' table: offset (u64), length and CRC-32 (u32 each).
const DOC_ENTRY: usize = 16;

/// The head of the index (part 6).
#[derive(Serialize, Deserialize)]
struct Head {
    started: i64,
    /// The four tables' stamps, in the order of [`TABLES`].
    tables_stamps: Vec<(String, Option<Stamp>)>,
    /// The stamp `data/indicators/` had before the load listed it.
    folder: Stamp,
    cities: CityColumns,
    themes: Vec<ThemeEntry>,
    metrics: Vec<MetricEntry>,
    metric_themes: Vec<u32>,
    /// Documents in the dataset.
    documents: usize,
    /// Indicators in the dataset.
    total: usize,
    /// Per city: its block's offset, length and CRC-32.
    blocks: Places,
    /// Where parts 4 and 5 lie.
    doc_table_at: u64,
    stamps_at: u64,
    /// Where part 5b lies, and 5c.
    files_at: u64,
    ids_at: u64,
}

/// One document (part 3).
#[derive(Serialize, Deserialize)]
struct DocPart {
    entry: DocumentEntry,
    city: u32,
    text: TextEntry,
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

/// A trusted query index, open: the cities, themes and metrics (as a dataset, to build a filter against) and
/// where each city's records and each document are.
pub struct Lookup {
    file: Arc<Backing>,
    len: u64,
    root: std::path::PathBuf,
    /// The tables; without documents until [`Lookup::with_documents`] reads them all, and with blank cities but
    /// those [`Lookup::with_cities`] filled in.
    tables: Dataset,
    /// The cities as stored, and which of them the tables hold.
    columns: CityColumns,
    filled: Vec<bool>,
    documents: usize,
    total: usize,
    blocks: Places,
    /// Per document: where its part lies (see [`DOC_ENTRY`]).
    doc_table: Vec<u8>,
    /// The indicator files changed since the index was written, verified again (see `changed.rs`).
    replaced: Vec<changed::Replaced>,
    /// The unfinished drafts those files hold, set aside as a load sets them aside, in file order.
    unfinished: Vec<crate::dataset::Unfinished>,
    /// Where the ids' table lies (see `taken.rs`).
    ids_at: u64,
}

/// What a filter selected: a dataset of the matching indicators alone (in dataset order) with the cities,
/// themes, metrics and the documents they cite, and the number of indicators in the whole dataset.
pub struct Answer {
    /// The tables and the matching indicators.
    pub dataset: Dataset,
    /// Indicators in the whole dataset.
    pub total: usize,
}

/// Opens the query index of the cache of `root` in `dir`, if there is one and it is trusted now (see the
/// module's comment), stat'ing every indicator file and source text it was written from; `None` otherwise.
pub fn open(root: &Root, dir: &Path) -> Option<Lookup> {
    let opened = open_head(root, dir)?;
    let changed = opened.changed_every()?;
    opened.trust(&changed)?.with_cities(&[])
}

/// An index whose head was read, with the same tables and the same listing of indicator files as when it was
/// written: what is left to know before it is trusted is which indicator files and source texts changed since.
/// [`Opened::changed_every`] stats each of them; [`Opened::changed_among`] only those something that watched the
/// folders since says may have changed (`zhibiao watch`).
pub struct Opened {
    file: Arc<Backing>,
    len: u64,
    root: std::path::PathBuf,
    head: Head,
    /// The index's list of files, when reading it was needed already.
    files: Option<changed::Files>,
    identity: String,
}

/// Reads the head of the query index of the cache of `root` in `dir` and checks what it can without stat'ing
/// the files one by one: the cache's header, the four tables' stamps and the listing of indicator files; `None`
/// when there is no index or one of those differs.
pub fn open_head(root: &Root, dir: &Path) -> Option<Opened> {
    let Root::Dir(path) = root else { return None };
    // A read-only command cleans up after a writer that was killed mid-write, as a load does.
    crate::atomic::sweep_if_idle(path);
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    let opened =
        crate::atomic::open_regular(&dir.join(crate::cache::file_name(&canonical)), crate::cache::MAX_LEN).ok()?;
    // Mapped, as the full load maps it: what the index answers with borrows its strings from the file.
    let file = Arc::new(crate::cache::map(&opened, true)?);
    let len = file.bytes().len() as u64;
    let header = crate::cache::header(&canonical);
    if read_at(&file, len, 0, header.len())? != header {
        return None;
    }
    let trailer = read_at(&file, len, len.checked_sub(16)?, 16)?;
    let (head_at, magic) = trailer.split_at(8);
    if magic != TRAILER {
        return None;
    }
    let head_at = u64::from_le_bytes(head_at.try_into().ok()?);
    let head_bytes = part_at(&file, len, head_at)?;
    // The head's CRC-32 covers every city block's (and so every record's), the documents' and the stamps'.
    let identity = format!("{len:x}.{head_at:x}.{:08x}", crc32fast::hash(head_bytes));
    let head: Head = postcard::from_bytes(head_bytes).ok()?;
    // The same tables, none modified since its load began.
    let settled = |s: &Stamp| s.settled_before(head.started);
    let same_tables = head.tables_stamps.len() == TABLES.len()
        && TABLES
            .iter()
            .zip(&head.tables_stamps)
            .all(|(t, (rel, s))| rel == t && *s == root.stamp(t) && s.as_ref().is_some_and(settled));
    if !same_tables {
        return None;
    }
    // The same listing of indicator files: known from the folder's stamp, or else listed again (an editor that
    // saves by renaming a new file into place changes the folder's stamp and keeps its entries).
    let mut files: Option<changed::Files> = None;
    if root.stamp(Root::INDICATOR_FOLDER) != Some(head.folder) || !settled(&head.folder) {
        let listed: changed::Files = postcard::from_bytes(part_at(&file, len, head.files_at)?).ok()?;
        let now = root.indicator_files().ok()?;
        if now.len() != listed.files.len() || now.iter().zip(&listed.files).any(|(a, b)| *a != b.rel) {
            return None;
        }
        files = Some(listed);
    }
    Some(Opened { file, len, root: path.clone(), head, files, identity })
}

impl Opened {
    /// What tells this index from any other written for the same root: the same identity is the same index.
    pub fn identity(&self) -> &str {
        &self.identity
    }

    /// The indicator files and source texts changed since the index was written (or modified within the second
    /// it was made), each stat'ed; `None` when one is gone or the table is corrupt.
    pub fn changed_every(&self) -> Option<Vec<String>> {
        let table = part_at(&self.file, self.len, self.head.stamps_at)?;
        stamps::changed(&self.root, table, self.head.started)
    }

    /// The same as [`Opened::changed_every`] for an index no other file of which can have changed: of `paths`
    /// (root-relative, as a watch of the dataset's folders reported them), the indexed ones that changed. Paths
    /// the index does not hold are no part of it and are passed over.
    pub fn changed_among(&self, paths: &[String]) -> Option<Vec<String>> {
        if paths.is_empty() {
            return Some(Vec::new());
        }
        let table = part_at(&self.file, self.len, self.head.stamps_at)?;
        stamps::changed_among(&self.root, table, self.head.started, paths)
    }

    /// The index trusted with the files `changed` (of [`Opened::changed_every`] or [`Opened::changed_among`])
    /// read and verified again; `None` when the index is unsound or a changed file needs the full load.
    pub fn trust(self, changed: &[String]) -> Option<Lookup> {
        let Opened { file, len, root, head, files, .. } = self;
        let doc_table = part_at(&file, len, head.doc_table_at)?.to_vec();
        let (themes, cities) = (head.themes.len(), head.cities.count()?);
        let sound = head.metric_themes.len() == head.metrics.len()
            && head.metric_themes.iter().all(|&t| (t as usize) < themes)
            && head.blocks.len() == Some(cities)
            && doc_table.len() == DOC_ENTRY * head.documents;
        if !sound {
            return None;
        }
        // Kept as parsed only when changed files are verified against them.
        let parsed = (!changed.is_empty()).then(|| (head.themes.clone(), head.metrics.clone()));
        let metric_themes = head.metric_themes.iter().map(|&t| Some(ThemeId::new(t as usize))).collect();
        let metrics = crate::load::metrics_of(head.metrics, metric_themes);
        // Blank until a filter names them (see [`Lookup::with_cities`]): 12,000 cities are 60,000 strings.
        let blank = vec![City::default(); cities];
        let tables =
            Dataset::new(blank, crate::load::themes_of(head.themes), metrics, Vec::new(), Vec::new(), Vec::new());
        let (documents, total, blocks) = (head.documents, head.total, head.blocks);
        let (replaced, unfinished) = (Vec::new(), Vec::new());
        let (columns, filled) = (head.cities, vec![false; cities]);
        let mut lookup = Lookup {
            file,
            len,
            root,
            tables,
            columns,
            filled,
            documents,
            total,
            blocks,
            doc_table,
            replaced,
            unfinished,
            ids_at: head.ids_at,
        };
        if let Some((themes, metrics)) = parsed {
            let files = match files {
                Some(f) => f,
                None => postcard::from_bytes(part_at(&lookup.file, len, head.files_at)?).ok()?,
            };
            lookup.refresh(&files, changed, (&themes, &metrics))?;
        }
        Some(lookup)
    }
}

impl Lookup {
    /// The tables, without indicators: what a filter is built against (city, theme and metric names; document
    /// names only after [`Lookup::with_documents`]).
    pub fn tables(&self) -> &Dataset {
        &self.tables
    }

    /// The index with the cities that `keys` name (as [`Dataset::find_city`] reads a name) filled in — every city
    /// when `keys` is empty or one of them names none (then the filter says which cities there are); `None` when
    /// the cities' table is corrupt. Only a filled city's records can be selected.
    pub fn with_cities(mut self, keys: &[String]) -> Option<Lookup> {
        let n = self.filled.len();
        let mut wanted = vec![keys.is_empty(); n];
        for key in keys {
            let key = crate::dataset::CityKey::new(key);
            let mut found = false;
            for (k, want) in wanted.iter_mut().enumerate() {
                let [id, name, name_en, _, _] = self.columns.fields(k)?;
                if key.names(id, name, name_en) {
                    *want = true;
                    found = true;
                }
            }
            if !found {
                wanted = vec![true; n];
                break;
            }
        }
        self.fill(&wanted).then_some(self)
    }

    /// Fills in the cities `wanted` says (by position) that are still blank; false when the cities' table is
    /// corrupt.
    fn fill(&mut self, wanted: &[bool]) -> bool {
        if wanted.iter().zip(&self.filled).all(|(w, f)| !w || *f) {
            return true;
        }
        let (columns, filled) = (&self.columns, &mut self.filled);
        let mut sound = true;
        let tables = std::mem::replace(&mut self.tables, Dataset::empty());
        self.tables = tables.with_cities(|cities| {
            for (k, city) in cities.iter_mut().enumerate() {
                if wanted[k] && !filled[k] {
                    match columns.city(k) {
                        Some(c) => *city = c,
                        None => sound = false,
                    }
                    filled[k] = true;
                }
            }
        });
        sound
    }

    /// What a load says of the unfinished drafts it set aside (see [`Dataset::unfinished_summary`]); `None` when
    /// there are none.
    pub fn unfinished_summary(&self) -> Option<String> {
        crate::dataset::unfinished_summary(&self.unfinished)
    }

    /// The index with every document read, for a filter that names one (`--doc`); `None` when a part is corrupt.
    pub fn with_documents(mut self) -> Option<Lookup> {
        if self.tables.documents().len() != self.documents {
            let all: Vec<usize> = (0..self.documents).collect();
            let documents = self.read_documents(&all)?;
            self.tables = self.tables.with_records(documents, Vec::new());
        }
        Some(self)
    }

    /// The documents `ids` (dataset positions), in that order, read from their parts.
    fn read_documents(&mut self, ids: &[usize]) -> Option<Vec<Document>> {
        let (entries, docs) = self.read_document_parts(ids)?;
        Some(crate::load::documents_of(entries, docs))
    }

    /// The rows and (text, city) of the documents `ids`, in that order, as a load has them before it builds the
    /// documents.
    #[allow(clippy::type_complexity)]
    fn read_document_parts(
        &mut self,
        ids: &[usize],
    ) -> Option<(Vec<DocumentEntry>, Vec<(Option<Text>, Option<CityId>)>)> {
        let place = |d: usize| -> Option<(u64, usize, u32)> {
            let e = self.doc_table.get(d * DOC_ENTRY..(d + 1) * DOC_ENTRY)?;
            let at = u64::from_le_bytes(e[..8].try_into().ok()?);
            let len = u32::from_le_bytes(e[8..12].try_into().ok()?);
            Some((at, len as usize, u32::from_le_bytes(e[12..16].try_into().ok()?)))
        };
        let places: Vec<(u64, usize, u32)> = ids.iter().map(|&d| place(d)).collect::<Option<_>>()?;
        let mut entries = Vec::with_capacity(ids.len());
        let mut docs = Vec::with_capacity(ids.len());
        for (at, len, crc) in places {
            let bytes = read_at(&self.file, self.len, at, len)?;
            if crc32fast::hash(bytes) != crc {
                return None;
            }
            let part: DocPart = postcard::from_bytes(bytes).ok()?;
            if part.city as usize >= self.tables.cities().len() || !part.text.is_sound() {
                return None;
            }
            let t = part.text;
            let text = crate::corpus::Text::deferred(self.root.join(&part.entry.source), t.len, t.crc, t.paragraphs);
            docs.push((Some(text), Some(CityId::new(part.city as usize))));
            entries.push(part.entry);
        }
        Some((entries, docs))
    }

    /// The indicators `filter` selects, read from their records alone; `None` when a part read is corrupt or
    /// does not agree with the index (the caller then loads the normal way).
    pub fn select(mut self, filter: &Filter) -> Option<Answer> {
        let sieve = filter.sieve(&self.tables);
        let mut cities: Vec<usize> = if filter.city.is_empty() {
            (0..self.filled.len()).collect()
        } else {
            filter.city.iter().map(|c| c.index()).collect()
        };
        cities.sort_unstable();
        cities.dedup();
        // Each record picked with where it goes in dataset order: an indexed one at its position, a changed file's
        // (see `changed.rs`) at its file's, before the records that followed the file and in the file's order.
        let mut picked: Vec<((u32, bool, usize, usize), Indicator)> = Vec::new();
        for city in cities {
            let block = block(&self.file, self.len, &self.blocks, city)?;
            let mut start = 0;
            for row in &block.rows {
                let end = row.haystack_end as usize;
                let haystack = block.haystacks.get(start..end)?;
                start = end;
                if self.replaced.iter().any(|r| r.holds(row.index)) {
                    continue;
                }
                let fields = Keys::new(
                    CityId::new(city),
                    ThemeId::new(row.theme as usize),
                    MetricId::new(row.metric as usize),
                    DocId::new(row.doc as usize),
                    row.year,
                    row.kind,
                );
                if !sieve.passes(&fields, haystack) {
                    continue;
                }
                let bytes = read_at(&self.file, self.len, row.at, row.len as usize)?;
                if crc32fast::hash(bytes) != row.crc {
                    return None;
                }
                // Its strings borrowed from the mapped file, as the full load's are.
                let record = crate::shared_str::decoding_from(&self.file, || postcard::from_bytes(bytes));
                picked.push(((row.index, true, 0, 0), record.ok()?));
            }
            for (f, r) in self.replaced.iter().enumerate() {
                for (k, ind) in r.records.iter().enumerate().filter(|(_, i)| i.city.index() == city) {
                    if sieve.passes(&Keys::of(ind), &crate::dataset::haystack_of(ind, self.tables.metrics())) {
                        picked.push(((r.first, false, f, k), ind.clone()));
                    }
                }
            }
        }
        // Each record must pass the filter it was selected by on its own fields and text, not only on the index's
        // copy of them: a cache whose index and records disagree is not trusted.
        let metrics = self.tables.metrics();
        let haystack = |i: &Indicator| match sieve.reads_text() {
            true => crate::dataset::haystack_of(i, metrics),
            false => String::new(),
        };
        if !picked.iter().all(|(_, i)| sieve.passes(&Keys::of(i), &haystack(i))) {
            return None;
        }
        drop(sieve);
        picked.sort_unstable_by_key(|&(index, _)| index);
        let t = &self.tables;
        let bounds = |i: &Indicator| {
            i.doc.index() < self.documents
                && self.filled.get(i.city.index()).copied().unwrap_or(false)
                && i.theme.index() < t.themes().len()
                && i.metric.index() < t.metrics().len()
        };
        if !picked.iter().all(|(_, i)| bounds(i)) || picked.windows(2).any(|w| w[0].0 == w[1].0) {
            return None;
        }
        let mut indicators: Vec<Indicator> = picked.into_iter().map(|(_, i)| i).collect();
        // The filter's document was checked on each record's own fields above, before any renumbering.
        let dataset = if self.tables.documents().len() == self.documents {
            self.tables.with_indicators(indicators)
        } else {
            // Only the documents the records cite, numbered in dataset order; the records renumbered to match.
            let mut cited: Vec<usize> = indicators.iter().map(|i| i.doc.index()).collect();
            cited.sort_unstable();
            cited.dedup();
            for ind in &mut indicators {
                ind.doc = DocId::new(cited.binary_search(&ind.doc.index()).ok()?);
            }
            let documents = self.read_documents(&cited)?;
            self.tables.with_records(documents, indicators)
        };
        // Each record cites a document of its own city.
        let d = &dataset;
        if !d.indicators().iter().all(|i| d.documents().get(i.doc.index()).is_some_and(|doc| doc.city == i.city)) {
            return None;
        }
        Some(Answer { dataset, total: self.total })
    }
}

/// City `city`'s block, of the places `blocks`; `None` when it is out of bounds or corrupt.
fn block(file: &Backing, file_len: u64, blocks: &Places, city: usize) -> Option<Block> {
    let (at, len, crc) = blocks.get(city)?;
    let bytes = read_at(file, file_len, at, len as usize)?;
    if crc32fast::hash(bytes) != crc {
        return None;
    }
    postcard::from_bytes(bytes).ok()
}

/// `len` bytes of `file` (of length `file_len`) at offset `at`; `None` past its end.
fn read_at(file: &Backing, file_len: u64, at: u64, len: usize) -> Option<&[u8]> {
    if at.checked_add(len as u64)? > file_len {
        return None;
    }
    let at = usize::try_from(at).ok()?;
    file.bytes().get(at..at.checked_add(len)?)
}

/// The part (length, CRC-32, bytes) at offset `at`; `None` when short or corrupt.
fn part_at(file: &Backing, file_len: u64, at: u64) -> Option<&[u8]> {
    let head = read_at(file, file_len, at, 8)?;
    let (len, crc) = head.split_at(4);
    let len = u32::from_le_bytes(len.try_into().ok()?);
    let bytes = read_at(file, file_len, at + 8, len as usize)?;
    (crc32fast::hash(bytes) == u32::from_le_bytes(crc.try_into().ok()?)).then_some(bytes)
}
