//! What a successful load verified, per indicator file and per source text, and the rules for reusing it: the
//! data the load cache (`cache.rs`) stores on disk and a live reload keeps in memory. Below `load`, so that both
//! `load` and `cache` can use it without importing each other.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::dataset::{Ignored, Indicator};
use crate::root::Stamp;
use crate::schema::{CityEntry, DocumentEntry, MetricEntry, ThemeEntry};

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
    /// The build that verified it ([`crate::BUILD`]): another build's records are never reused.
    pub version: String,
    /// When the load that made it started, in whole seconds since the epoch.
    pub started: i64,
    /// Stamps of the files every record depends on: the tables of `data/` and every source text, in load order
    /// (`None` for a file that could not be stat'ed).
    pub shared: Vec<(String, Option<Stamp>)>,
    /// The indicator files, by root-relative path.
    pub files: HashMap<String, FileEntry>,
    /// Per row of `data/documents.yaml`: what its source text verified to, so that a start with nothing changed
    /// reads no source text (see [`crate::corpus::SourceText`]).
    pub texts: Vec<Option<TextEntry>>,
    /// The four tables of `data/` as parsed, so that a start where none of them changed parses no YAML at all.
    pub tables: Option<Tables>,
    /// The stamp `data/indicators/` had just before the load listed it, and how many indicator files the listing
    /// held: a folder whose entries changed has a new stamp, so the query index (`crate::lookup`) can trust the
    /// listing without reading it again. `None` when not known.
    pub folder: Option<(Stamp, usize)>,
    /// The indicator files not in `files` because they hold unfinished drafts (every load reads them again), with
    /// the stamp each had: a load that finds them as they were has changed nothing worth writing down.
    pub set_aside: Vec<SetAside>,
    /// Per indicator file, its records' ids hashed ([`id_hash`]) as the cache decoded them, when the load asked
    /// (for a live reload's id lookup, `crate::load::Live`); never stored.
    #[serde(skip)]
    pub id_hashes: HashMap<String, Vec<u64>>,
}

/// An indicator id's hash for the lookups kept in memory (any good 64-bit hash will do; one shared function, so
/// that hashes taken by the cache's reader and by a live reload agree).
pub(crate) fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// An indicator file read again by every load because it holds unfinished drafts (see [`Snapshot::set_aside`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    /// Its root-relative path.
    pub rel: String,
    /// Its stamp when the snapshot's load read it.
    pub stamp: Stamp,
    /// How many of its records verified (they are in the dataset; its drafts are not).
    pub records: usize,
    /// The document it cites, when known.
    pub doc: Option<crate::ids::DocId>,
}

/// The tables of `data/` as parsed (see [`Snapshot::tables`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Tables {
    /// `data/cities.yaml`.
    pub cities: Vec<CityEntry>,
    /// `data/themes.yaml`.
    pub themes: Vec<ThemeEntry>,
    /// `data/metrics.yaml`.
    pub metrics: Vec<MetricEntry>,
    /// `data/documents.yaml`.
    pub documents: Vec<DocumentEntry>,
}

/// What a load needs of a snapshot before the rest of it: the tables, with the stamps they had and when.
#[derive(Debug)]
pub(crate) struct Early {
    pub(crate) started: i64,
    pub(crate) stamps: Vec<(String, Option<Stamp>)>,
    pub(crate) tables: Tables,
}

impl Early {
    /// The tables, if the tables' files have these stamps still, none modified in or after the second the
    /// snapshot's load started.
    pub(crate) fn tables_if_unchanged(self, stamps: &[(String, Option<Stamp>)]) -> Option<Tables> {
        let same =
            self.stamps == stamps && stamps.iter().all(|(_, s)| s.is_some_and(|s| s.settled_before(self.started)));
        same.then_some(self.tables)
    }
}

/// A verified source text, without its characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEntry {
    /// Length in bytes, without a byte-order mark.
    pub len: usize,
    /// CRC-32 of those bytes.
    pub crc: u32,
    /// The paragraphs' byte ranges.
    pub paragraphs: Vec<std::ops::Range<usize>>,
}

impl TextEntry {
    /// The entry of a loaded text (a deferred one is not read).
    pub fn of(text: &crate::corpus::Text) -> TextEntry {
        let (len, crc) = text.text.fingerprint();
        TextEntry { len, crc, paragraphs: text.paragraphs.clone() }
    }

    /// True when every paragraph lies inside the text, in order (a cache that lies is not trusted).
    pub fn is_sound(&self) -> bool {
        let mut at = 0;
        self.paragraphs.iter().all(|p| {
            let ok = at <= p.start && p.start <= p.end && p.end <= self.len;
            at = p.end;
            ok
        })
    }
}

impl Snapshot {
    /// True when the records of this snapshot may be reused with these shared stamps: same build, same
    /// tables and sources, none of them modified in or after the second the snapshot's load started.
    pub fn trusts_shared(&self, shared: &[(String, Option<Stamp>)]) -> bool {
        self.version == crate::BUILD
            && self.shared == shared
            && shared.iter().all(|(_, s)| s.is_some_and(|s| s.settled_before(self.started)))
    }

    /// Takes the tables out, with what decides whether they may be reused (the first four shared stamps are the
    /// tables').
    pub(crate) fn early(&mut self) -> Option<Early> {
        let tables = self.tables.take().filter(|_| self.version == crate::BUILD)?;
        Some(Early { started: self.started, stamps: self.shared.iter().take(4).cloned().collect(), tables })
    }

    /// The entry of `rel` if its file still has `stamp` and was not modified in the snapshot's second.
    pub fn reusable(&self, rel: &str, stamp: Option<Stamp>) -> Option<&FileEntry> {
        let stamp = stamp?;
        self.files.get(rel).filter(|e| e.stamp == stamp && stamp.settled_before(self.started))
    }
}

/// Seconds since the epoch now (0 if the clock is before it, which makes every file racy: nothing is reused).
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
