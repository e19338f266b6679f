//! A query index brought up to date with the indicator files edited since it was written, without a full load:
//! each changed file is read and verified alone against the index's tables and documents (which have not
//! changed), then the checks across files are run where they can fail. Indicator ids are unique across the
//! whole dataset, so the new ids are checked against every other id; links join records of one city only (a
//! link across cities is an error), so the links are checked over the records of the cities the changed files
//! had and have — which covers every record that links to a changed one. A file with unfinished drafts is read
//! this way by every answer (a load reads it every time too), its drafts set aside as a load sets them aside.
//! Any problem at all means the normal load, which reports it exactly as before.
//!
//! The index on disk is not rewritten: every `list` does this again, at the cost of the changed files alone,
//! until a load through the cache writes it anew (more than a few files edited, or a table, source text or the
//! listing changed: see `few_edits` in `load.rs`).

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::{block, read_at, Lookup};
use crate::corpus::Text;
use crate::dataset::{Dataset, Indicator};
use crate::ids::CityId;
use crate::root::Root;
use crate::schema::{MetricEntry, ThemeEntry};
use crate::snapshot::Snapshot;

/// Part 5b of the index: the indicator files as the load that wrote it listed them, and the documents' ids.
#[derive(Serialize, Deserialize)]
pub(super) struct Files {
    /// In listing order (which is the dataset's order of records).
    pub(super) files: Vec<FileRow>,
    /// The documents' ids, in table order.
    documents: Vec<String>,
}

/// One indicator file of the index.
#[derive(Serialize, Deserialize)]
pub(super) struct FileRow {
    /// Its root-relative path.
    pub(super) rel: String,
    /// Its records' first position in the dataset, and their number.
    first: u32,
    count: u32,
    /// The city and document of its records (a file's records cite its one document); `None` when it has none.
    city: Option<u32>,
    doc: Option<u32>,
}

/// A changed file's records as they are now, in place of those the index holds.
pub(super) struct Replaced {
    /// Where the file's records were in the indexed dataset: their first position and their number.
    pub(super) first: u32,
    pub(super) count: u32,
    pub(super) records: Vec<Indicator>,
}

impl Replaced {
    /// True when the indexed record at `index` is one this replaces.
    pub(super) fn holds(&self, index: u32) -> bool {
        index >= self.first && index - self.first < self.count
    }
}

/// Part 5b for `ds`, the dataset loaded with `snapshot`; `None` when the snapshot's files do not account for the
/// dataset's records in listing order (then the file has no index).
pub(super) fn encode(ds: &Dataset, snapshot: &Snapshot) -> Option<Files> {
    // The files kept, and those set aside for their unfinished drafts (whose verified records are in the dataset
    // too), in listing order.
    let mut rels: Vec<(&String, usize)> = snapshot.files.iter().map(|(rel, e)| (rel, e.indicators.len())).collect();
    rels.extend(snapshot.set_aside.iter().map(|a| (&a.rel, a.records)));
    rels.sort_unstable();
    let mut files = Vec::with_capacity(rels.len());
    let mut first = 0usize;
    for (rel, count) in rels {
        let records = ds.indicators().get(first..first + count)?;
        let kept = snapshot.files.get(rel).map_or(&[][..], |e| &e.indicators[..]);
        if records.iter().zip(kept).any(|(a, (_, b))| a.id != b.id) {
            return None;
        }
        // A file set aside may have no verified record: its document is known all the same.
        let aside = snapshot.set_aside.iter().find(|a| a.rel == *rel).and_then(|a| a.doc);
        let (city, doc) = match (records.first(), aside) {
            (Some(r), _) => (Some(u32::try_from(r.city.index()).ok()?), Some(u32::try_from(r.doc.index()).ok()?)),
            (None, Some(d)) => {
                let city = ds.documents().get(d.index())?.city;
                (Some(u32::try_from(city.index()).ok()?), Some(u32::try_from(d.index()).ok()?))
            }
            (None, None) => (None, None),
        };
        let count = u32::try_from(records.len()).ok()?;
        files.push(FileRow { rel: rel.clone(), first: u32::try_from(first).ok()?, count, city, doc });
        first += records.len();
    }
    if first != ds.indicators().len() {
        return None;
    }
    let documents = ds.documents().iter().map(|d| d.id.clone()).collect();
    Some(Files { files, documents })
}

impl Lookup {
    /// Brings the index up to date with the files `changed` (root-relative paths, every one an indicator file of
    /// `files`), given the index's themes and metrics as parsed; `None` when that cannot be done here (see the
    /// module's comment). Only the documents the changed files cited are read: a file that now cites another
    /// one is left to the full load.
    pub(super) fn refresh(
        &mut self,
        files: &Files,
        changed: &[String],
        (themes, metrics): (&[ThemeEntry], &[MetricEntry]),
    ) -> Option<()> {
        let mut which: Vec<usize> = changed
            .iter()
            .map(|rel| files.files.binary_search_by(|f| f.rel.as_str().cmp(rel)).ok())
            .collect::<Option<_>>()?;
        which.sort_unstable();
        which.dedup();
        let ids = super::taken::Taken::open(&self.file, self.len, self.ids_at)?;
        if files.documents.len() != self.documents || ids.count() != self.total {
            return None;
        }
        let mut docs: Vec<(Option<Text>, Option<CityId>)> = vec![(None, None); self.documents];
        let mut cited: Vec<usize> = which.iter().filter_map(|&k| files.files[k].doc).map(|d| d as usize).collect();
        cited.sort_unstable();
        cited.dedup();
        let (_, texts) = self.read_document_parts(&cited)?;
        for (d, text) in cited.into_iter().zip(texts) {
            docs[d] = text;
        }
        let rels: Vec<String> = which.iter().map(|&k| files.files[k].rel.clone()).collect();
        let known = crate::load::Verified { themes, metrics, documents: &files.documents, docs: &docs };
        let now = crate::load::verify_alone(&Root::Dir(self.root.clone()), &known, &rels)?;

        let mut unfinished = Vec::new();
        let replaced: Vec<Replaced> = which
            .iter()
            .zip(now)
            .map(|(&k, alone)| {
                unfinished.extend(alone.unfinished);
                let records = alone.indicators.into_iter().map(|(_, ind)| ind).collect();
                Replaced { first: files.files[k].first, count: files.files[k].count, records }
            })
            .collect();
        let gone = |index: usize| replaced.iter().any(|r| u32::try_from(index).is_ok_and(|i| r.holds(i)));
        // Indicator ids unique across the dataset: the new ones among themselves and against every other.
        let mut new_ids: FxHashSet<&str> = FxHashSet::default();
        if !replaced.iter().flat_map(|r| &r.records).all(|ind| new_ids.insert(ind.id.as_str())) {
            return None;
        }
        for id in &new_ids {
            let hash = super::taken::hash(id);
            if ids.taken(&self.file, self.len, hash, |index| gone(index as usize))? {
                // Taken, or a hash shared with another id: the full load compares the ids themselves.
                return None;
            }
        }
        // The links, over every record of each city a changed file had or has.
        let mut cities: Vec<usize> = which.iter().filter_map(|&k| files.files[k].city).map(|c| c as usize).collect();
        cities.extend(replaced.iter().flat_map(|r| &r.records).map(|ind| ind.city.index()));
        cities.sort_unstable();
        cities.dedup();
        for city in cities {
            let block = block(&self.file, self.len, &self.blocks, city)?;
            let mut records = Vec::with_capacity(block.rows.len());
            for row in block.rows.iter().filter(|row| !replaced.iter().any(|r| r.holds(row.index))) {
                let bytes = read_at(&self.file, self.len, row.at, row.len as usize)?;
                if crc32fast::hash(bytes) != row.crc {
                    return None;
                }
                let record = crate::shared_str::decoding_from(&self.file, || postcard::from_bytes::<Indicator>(bytes));
                records.push(record.ok()?);
            }
            let mut all: Vec<&Indicator> = records.iter().collect();
            all.extend(replaced.iter().flat_map(|r| &r.records).filter(|ind| ind.city.index() == city));
            if !crate::verify::links::check_links(&all, self.tables.metrics()).is_empty() {
                return None;
            }
        }
        let (before, after) =
            replaced.iter().fold((0usize, 0usize), |(b, a), r| (b + r.count as usize, a + r.records.len()));
        self.total = (self.total + after).checked_sub(before)?;
        if self.total == 0 {
            // A dataset with no indicators is an error the full load reports.
            return None;
        }
        self.replaced = replaced;
        self.unfinished = unfinished;
        Some(())
    }
}
