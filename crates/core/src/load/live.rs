//! The explorer's live reload: what it keeps between reloads ([`Live`]) and its fast way through a save of a few
//! indicator files, the one `list` takes from its on-disk index (`crate::lookup::changed`) done in memory.
//!
//! When nothing but indicator files changed (no table, no source text, no file added or removed, no unfinished
//! draft involved), each saved file is read and verified alone against the tables and its document, which have
//! not changed; its ids are checked against every other id; and the result is a [`Splice`]: its records to put
//! in place of the old ones in the dataset shown, every other record left where it is. The links are checked
//! where the records are, by [`Dataset::splice`], over the records of the cities the saved files had and have (a
//! link across cities is an error, so no other record can link to them). Anything else, or any problem at all,
//! takes the full load, which reports it exactly as `check` does.
//!
//! A `Live` holds no record: per indicator file its stamp, counts, document and city, and every id as a hash.
//! That is what lets the load that starts the explorer hand one over at once (a copy of every record would cost
//! the explorer a third more memory), so that the first save of a session is spliced like every other.

use std::collections::HashMap;
use std::path::PathBuf;

use rustc_hash::{FxHashMap, FxHashSet};

use super::file::{verify_alone, Alone, Verified};
use super::tables::TABLES;
use super::{FileResult, LoadError, Loader};
use crate::corpus::Text;
use crate::dataset::{fresh_lineage, Dataset, Indicator, Metric, Part, Splice};
use crate::ids::{CityId, DocId};
use crate::root::{stamps_in, Root, Stamp};
use crate::schema::{DocumentEntry, MetricEntry, ThemeEntry};
use crate::snapshot::{id_hash, now_secs, TextEntry};

/// More files saved at once than this are loaded the full way (a checkout, a search and replace): checking
/// them alone would no longer be the cheaper way.
const SPLICED_AT_MOST: usize = 16;

/// An id hash two different ids share: any id with it is taken to be taken.
const SHARED: u32 = u32::MAX;

/// What a live reload keeps from one reload to the next about the dataset shown. `Live::default()` knows
/// nothing: the next reload is a full one. [`Loader::load_live`] gives one with the dataset it loads.
#[derive(Debug, Default)]
pub struct Live {
    /// What the load of the dataset shown found of everything but the indicator files.
    state: State,
    /// The lineage of the dataset `state` describes, the one a splice is computed against.
    shown: Option<u64>,
    index: Index,
    /// The load cache the full reloads go through (the one the dataset shown was loaded through).
    cache: Option<PathBuf>,
}

/// What a load found of everything but the indicator files (the build is this one: a `Live` is never stored).
#[derive(Debug, Default)]
pub(super) struct State {
    /// When the load started, in whole seconds since the epoch (see `crate::snapshot::Snapshot::started`).
    pub(super) started: i64,
    /// The stamps of the tables and then of each document's source text, in that order.
    pub(super) shared: Vec<(String, Option<Stamp>)>,
    /// Per document: what its source text verified to.
    pub(super) texts: Vec<Option<TextEntry>>,
    pub(super) tables: KnownTables,
    /// The indicator folder's stamp before it was listed, and how many files the listing held.
    pub(super) folder: Option<(Stamp, usize)>,
}

/// The tables a saved file is verified against, owned (what `Verified` borrows; not the snapshot's `Tables`, which
/// keeps every row as parsed).
#[derive(Debug, Default)]
pub(super) struct KnownTables {
    themes: Vec<ThemeEntry>,
    metrics: Vec<MetricEntry>,
    /// The documents' ids (their sources are `State::shared`'s names after the tables').
    documents: Vec<String>,
}

impl KnownTables {
    pub(super) fn of(themes: &[ThemeEntry], metrics: &[MetricEntry], documents: &[DocumentEntry]) -> KnownTables {
        let documents = documents.iter().map(|d| d.id.clone()).collect();
        KnownTables { themes: themes.to_vec(), metrics: metrics.to_vec(), documents }
    }
}

/// What each indicator file holds, and where each id is.
#[derive(Debug, Default)]
struct Index {
    /// The files in listing order, which is the dataset's order of records.
    order: Vec<String>,
    /// What each held, in the same order.
    slots: Vec<Slot>,
    /// Every indicator id's hash, with the position in `order` of its file ([`SHARED`] for a hash two ids have);
    /// built from `hashes` by [`Live::prepare`], off the path to the explorer's first frame.
    ids: Option<FxHashMap<u64, u32>>,
    /// Per file, its ids' hashes, until `ids` is built.
    hashes: Vec<Vec<u64>>,
}

impl Index {
    /// `ids`, built first if need be.
    fn ids(&mut self) -> &mut FxHashMap<u64, u32> {
        let hashes = &mut self.hashes;
        self.ids.get_or_insert_with(|| {
            let total = hashes.iter().map(Vec::len).sum();
            let mut ids = FxHashMap::with_capacity_and_hasher(total, Default::default());
            for (slot, file) in std::mem::take(hashes).into_iter().enumerate() {
                add(&mut ids, u32::try_from(slot).unwrap_or(SHARED), file.into_iter());
            }
            ids
        })
    }
}

/// What one indicator file held, counted.
#[derive(Debug, Clone, Copy)]
struct Slot {
    stamp: Stamp,
    records: usize,
    ignored: usize,
    entries: usize,
    /// The document and city its records cite (all of them the same), when it has any.
    cites: Option<(DocId, CityId)>,
}

impl Slot {
    fn of(stamp: Stamp, records: &[(usize, Indicator)], ignored: usize, entries: usize) -> Slot {
        let cites = records.first().map(|(_, r)| (r.doc, r.city));
        Slot { stamp, records: records.len(), ignored, entries, cites }
    }
}

/// File `slot`'s ids, by their hashes, added to `index`.
fn add(index: &mut FxHashMap<u64, u32>, slot: u32, hashes: impl Iterator<Item = u64>) {
    for h in hashes {
        let at = index.entry(h).or_insert(slot);
        if *at != slot {
            *at = SHARED;
        }
    }
}

/// The links between `records`, every record of a city as a splice would leave them, still resolve and agree:
/// the check [`Dataset::splice`] makes where the records are (the dataset does not depend on the rules).
fn links_hold(records: &[&Indicator], metrics: &[Metric]) -> bool {
    crate::verify::links::check_links(records, metrics).is_empty()
}

/// What a live reload found.
#[derive(Debug)]
pub enum Reloaded {
    /// A dataset loaded the full way, to show in place of the one shown.
    Whole(Box<Dataset>),
    /// The saved files verified alone: their records, to splice into the dataset shown.
    Spliced(Splice),
}

impl Live {
    /// What a successful load leaves for the next reload: `state` and, per indicator file in listing order, its
    /// stamp and what it held. A file with unfinished drafts is no part of it, as in a snapshot: the listing then
    /// differs and every reload is a full one until the drafts are finished. The ids of the files taken from
    /// the load cache come hashed as the cache decoded them (`known`); the others are hashed here, on every core
    /// (reading 100,000 ids scattered in memory would cost the explorer's first frame 7 ms); the lookup over them
    /// is built later ([`Live::prepare`]).
    pub(super) fn seeded(
        state: State,
        files: &[FileResult],
        stamps: &[(&String, Option<Stamp>)],
        mut known: HashMap<String, Vec<u64>>,
    ) -> Live {
        let kept: Vec<(&FileResult, Stamp)> = files
            .iter()
            .zip(stamps)
            .filter(|(r, _)| r.unfinished.is_empty())
            .filter_map(|(r, (_, stamp))| Some((r, (*stamp)?)))
            .collect();
        let mut hashes: Vec<Option<Vec<u64>>> = kept
            .iter()
            .map(|(r, _)| known.remove(&r.rel).filter(|h| r.reused && h.len() == r.indicators.len()))
            .collect();
        let missing: Vec<usize> = (0..kept.len()).filter(|&k| hashes[k].is_none()).collect();
        let computed =
            crate::parallel::map(&missing, |&k| kept[k].0.indicators.iter().map(|(_, i)| id_hash(&i.id)).collect());
        for (k, h) in missing.into_iter().zip(computed) {
            hashes[k] = Some(h);
        }
        let hashes = hashes.into_iter().map(Option::unwrap_or_default).collect();
        let index = Index {
            order: kept.iter().map(|(r, _)| r.rel.clone()).collect(),
            slots: kept.iter().map(|(r, stamp)| Slot::of(*stamp, &r.indicators, r.ignored.len(), r.entries)).collect(),
            ids: None,
            hashes,
        };
        Live { state, shown: None, index, cache: None }
    }

    /// The load cache the full reloads go through, the one the dataset shown was loaded through.
    pub fn cache_dir(&self) -> Option<&std::path::Path> {
        self.cache.as_deref()
    }

    /// A live state that knows nothing (the next reload is a full one) but the load cache it goes through.
    pub fn through(cache: Option<PathBuf>) -> Live {
        Live { cache, ..Live::default() }
    }

    /// Every indicator file of the dataset this describes with the stamp the load found it with (the one its
    /// records were read or reused under): what a write checks the file against before it appends. `None` when
    /// this does not know every listed file: `Live::default()`, or a file left out (one with unfinished drafts,
    /// or one that could not be stat'ed), which a write may still go to.
    pub fn file_stamps(&self) -> Option<HashMap<String, Stamp>> {
        let Index { order, slots, .. } = &self.index;
        let every = self.state.folder.is_some_and(|(_, listed)| listed == order.len());
        (every && !order.is_empty()).then(|| order.iter().cloned().zip(slots.iter().map(|s| s.stamp)).collect())
    }

    /// Builds now what the next splice would otherwise build first (the id lookup: milliseconds at 1,000 cities),
    /// for a caller that has a moment while nobody waits.
    pub fn prepare(&mut self) {
        self.index.ids();
    }

    /// Says that `ds`, the dataset the load that seeded this made, is the one shown.
    pub(super) fn showing(self, ds: &Dataset) -> Live {
        Live { shown: Some(ds.lineage()), ..self }
    }

    /// Says that the dataset shown is no longer the one this describes (the caller loaded another, or refused a
    /// splice): the next reload loads the whole dataset.
    pub fn shown_elsewhere(&mut self) {
        self.shown = None;
    }

    /// The saved files spliced in, when the fast way applies and every check passes (see the module's comment);
    /// `None` leaves `self` as it was.
    fn splice(&mut self, root: &Root) -> Option<Splice> {
        // Taken before any file is looked at, as a load's: a file modified in this second is read again next time.
        let started = now_secs();
        let base = self.shown?;
        let Root::Dir(dir) = root else { return None };
        let Live { state: snap, index, .. } = self;
        let tables = &snap.tables;
        if snap.shared.len() != TABLES.len() + tables.documents.len() {
            return None;
        }
        // The listing is read again only when the folder's stamp says an entry may have been added or removed
        // (an editor's or zhibiao's own save through a temporary file does that too).
        let folder = root.stamp(Root::INDICATOR_FOLDER);
        let listed = snap
            .folder
            .is_some_and(|(s, n)| Some(s) == folder && s.settled_before(snap.started) && n == index.order.len());
        if !listed && root.indicator_files().ok()? != index.order {
            return None;
        }
        let files = &index.order;
        // Every file a record depends on, stat'ed in one pass over both cores: the tables and sources, which must
        // be as the load found them, then the indicator files.
        let mut rels: Vec<&str> = snap.shared.iter().map(|(rel, _)| rel.as_str()).collect();
        rels.extend(files.iter().map(String::as_str));
        let mut stamps = stamps_in(dir, &rels);
        let file_stamps = stamps.split_off(snap.shared.len());
        let same = snap.shared.iter().zip(&stamps).all(|((_, was), is)| was == is);
        if !same || !stamps.iter().all(|s| s.is_some_and(|s| s.settled_before(snap.started))) {
            return None;
        }
        let changed: Vec<(usize, Stamp)> = file_stamps
            .iter()
            .zip(&index.slots)
            .enumerate()
            .filter(|(_, (now, slot))| **now != Some(slot.stamp) || !slot.stamp.settled_before(snap.started))
            .map(|(k, (now, _))| Some((k, (*now)?)))
            .collect::<Option<_>>()?;
        if changed.len() > SPLICED_AT_MOST {
            return None;
        }

        // Each saved file alone, against the document it cited (one that now cites another is the full load's).
        let mut docs = vec![(None, None); tables.documents.len()];
        for &(k, _) in &changed {
            let (doc, city) = index.slots[k].cites?;
            let (source, _) = snap.shared.get(TABLES.len() + doc.index())?;
            let entry = snap.texts.get(doc.index())?.as_ref().filter(|e| e.is_sound())?;
            let text = Text::deferred(dir.join(source), entry.len, entry.crc, entry.paragraphs.clone());
            *docs.get_mut(doc.index())? = (Some(text), Some(city));
        }
        let known =
            Verified { themes: &tables.themes, metrics: &tables.metrics, documents: &tables.documents, docs: &docs };
        let saved: Vec<String> = changed.iter().map(|&(k, _)| files[k].clone()).collect();
        let now = verify_alone(root, &known, &saved)?;
        if now.iter().any(|a| !a.unfinished.is_empty()) {
            return None;
        }

        // Indicator ids unique across the dataset: the new ones among themselves and against every other file's
        // (a hash another file's id has is taken to be that id: the full load then compares the ids).
        let is_saved = |slot: u32| changed.iter().any(|&(k, _)| k == slot as usize);
        let mut fresh: FxHashSet<&str> = FxHashSet::default();
        for (_, ind) in now.iter().flat_map(|a| &a.indicators) {
            let elsewhere = index.ids().get(&id_hash(&ind.id)).is_some_and(|&slot| slot == SHARED || !is_saved(slot));
            if elsewhere || !fresh.insert(&ind.id) {
                return None;
            }
        }
        // A dataset with no indicators at all is an error the full load reports.
        let before: usize = index.slots.iter().map(|s| s.entries).sum();
        let gone: usize = changed.iter().map(|&(k, _)| index.slots[k].entries).sum();
        if before.saturating_sub(gone) + now.iter().map(|a| a.entries).sum::<usize>() == 0 {
            return None;
        }

        // Where the saved files' records are in the dataset shown: after those of every file listed before. What
        // is kept for the next reload: each saved file as it verified now, the rest as it was.
        index.ids();
        let Index { order, slots, ids: Some(ids), .. } = index else { return None };
        let files = &*order;
        ids.retain(|_, slot| !is_saved(*slot));
        let mut parts = Vec::with_capacity(changed.len());
        let (mut record, mut ignored) = (0usize, 0usize);
        let mut pending = changed.iter().zip(now).peekable();
        for (k, slot) in slots.iter_mut().enumerate() {
            let (records, ignoring) = (slot.records, slot.ignored);
            if let Some((&(_, stamp), alone)) = pending.next_if(|((c, _), _)| *c == k) {
                let Alone { indicators, ignored: new_ignored, entries, .. } = alone;
                *slot = Slot::of(stamp, &indicators, new_ignored.len(), entries);
                add(ids, u32::try_from(k).unwrap_or(SHARED), indicators.iter().map(|(_, ind)| id_hash(&ind.id)));
                parts.push(Part {
                    rel: files[k].clone(),
                    stamp,
                    records: record..record + records,
                    ignored: ignored..ignored + ignoring,
                    new_records: indicators.into_iter().map(|(_, ind)| ind).collect(),
                    new_ignored,
                });
            }
            record += records;
            ignored += ignoring;
        }
        // Every other file was found as the snapshot had it, settled before its load began, so before this one;
        // the folder's stamp was taken before the listing it vouches for was compared.
        snap.started = started;
        if !listed {
            snap.folder = folder.map(|f| (f, files.len()));
        }
        let next = fresh_lineage();
        self.shown = Some(next);
        Some(Splice { base, next, parts, links_hold })
    }
}

impl Loader<'_> {
    /// Loads the dataset as [`Loader::load`] does, and what a live reload needs to splice the next save into it
    /// (see [`Live`]).
    pub fn load_live(self) -> Result<(Dataset, Live), LoadError> {
        let (ds, live) = self.run(true)?;
        let mut live = live.unwrap_or_default();
        live.cache = self.cache.map(std::path::Path::to_path_buf);
        Ok((ds, live))
    }

    /// Loads the dataset again for the explorer: the saved files spliced in when they can be (see the module's
    /// comment), else a full load ([`Loader::load_live`], through the load cache `live` was loaded through when
    /// this loader names none). A failed load leaves `live` describing the dataset still shown, so that the save
    /// that fixes it can be spliced.
    pub fn reload_live(self, live: &mut Live) -> Result<Reloaded, LoadError> {
        if let Some(s) = live.splice(self.root) {
            return Ok(Reloaded::Spliced(s));
        }
        let cache = self.cache.map(std::path::Path::to_path_buf).or_else(|| live.cache.clone());
        let (ds, next) = Loader { cache: cache.as_deref(), ..self }.load_live()?;
        *live = next;
        Ok(Reloaded::Whole(Box::new(ds)))
    }
}
