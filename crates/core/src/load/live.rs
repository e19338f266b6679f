//! The explorer's live reload: what it keeps between reloads ([`Live`]) and its fast way through a save of a few
//! indicator files, the one `list` takes from its on-disk index (`crate::lookup::changed`) done in memory.
//!
//! When nothing but indicator files changed (no table, no source text, no file added or removed, no unfinished
//! draft involved), each saved file is read and verified alone against the tables and its document, which have
//! not changed; its ids are checked against every other id; the links are checked over the records of the
//! cities it had and has (a link across cities is an error, so no other record can link to it); and the result
//! is a [`Splice`]: its records to put in place of the old ones in the dataset shown, every other record left
//! where it is. A full load copies every record into the next snapshot and runs the checks across files over all
//! of them; this does none of that. Anything else, or any problem at all, takes the full load, which reports it
//! exactly as `check` does.

use rustc_hash::{FxHashMap, FxHashSet};

use super::file::{verify_alone, Alone, Verified};
use super::tables::TABLES;
use super::{metrics_of, LoadError, Loader};
use crate::corpus::Text;
use crate::dataset::{fresh_lineage, Dataset, Indicator, Part, Splice};
use crate::ids::{CityId, ThemeId};
use crate::root::{stamps_in, Root, Stamp};
use crate::snapshot::{now_secs, FileEntry, Snapshot};

/// More files saved at once than this are loaded the full way (a checkout, a search and replace): checking
/// them alone would no longer be the cheaper way.
const SPLICED_AT_MOST: usize = 16;

/// What a live reload keeps from one reload to the next: what the last dataset that loaded verified, per
/// indicator file, and which dataset that is. `Live::default()` has nothing: the first reload is a full one.
#[derive(Debug, Default)]
pub struct Live {
    /// What the last successful reload verified (a failed one leaves it as it was, since the dataset shown
    /// stays the last good one).
    snapshot: Snapshot,
    /// The lineage of the dataset `snapshot` describes, the one a splice is computed against.
    shown: Option<u64>,
    /// Built from `snapshot` while nobody waits ([`Live::prepare`]), else by the first splice that needs it.
    index: Option<Index>,
}

/// Where each indicator id and each city's records are among the snapshot's files.
#[derive(Debug)]
struct Index {
    /// The files in listing order, which is the dataset's order of records.
    order: Vec<String>,
    /// What the snapshot holds of each, in the same order.
    slots: Vec<Slot>,
    /// Every indicator id, with the position in `order` of the file it is in.
    ids: FxHashMap<String, u32>,
    /// The files of each city (every record of a file cites the file's one document, so has its city).
    by_city: FxHashMap<CityId, Vec<u32>>,
}

/// What the snapshot holds of one indicator file, counted.
#[derive(Debug, Clone, Copy)]
struct Slot {
    stamp: Stamp,
    records: usize,
    ignored: usize,
    entries: usize,
}

impl Slot {
    fn of(e: &FileEntry) -> Slot {
        Slot { stamp: e.stamp, records: e.indicators.len(), ignored: e.ignored.len(), entries: e.entries }
    }
}

impl Index {
    fn of(snapshot: &Snapshot) -> Index {
        let mut order: Vec<String> = snapshot.files.keys().cloned().collect();
        order.sort_unstable();
        let total = snapshot.files.values().map(|e| e.indicators.len()).sum();
        let mut ids = FxHashMap::with_capacity_and_hasher(total, Default::default());
        let mut by_city: FxHashMap<CityId, Vec<u32>> = FxHashMap::default();
        let mut slots = Vec::with_capacity(order.len());
        for (slot, rel) in order.iter().enumerate() {
            let Some(entry) = snapshot.files.get(rel) else { continue };
            slots.push(Slot::of(entry));
            let slot = u32::try_from(slot).unwrap_or(u32::MAX);
            for (_, ind) in &entry.indicators {
                ids.insert(ind.id.clone(), slot);
            }
            if let Some((_, first)) = entry.indicators.first() {
                by_city.entry(first.city).or_default().push(slot);
            }
        }
        Index { order, slots, ids, by_city }
    }
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
    /// Does now what the next splice would otherwise do first: indexes the ids and cities of what the last reload
    /// verified (tens of milliseconds at 1,000 cities), for a caller that has a moment while nobody waits.
    pub fn prepare(&mut self) {
        if self.shown.is_some() && self.index.is_none() {
            self.index = Some(Index::of(&self.snapshot));
        }
    }

    /// Says that the dataset shown is no longer the one this describes (the caller loaded another, or refused a
    /// splice): the next reload loads the whole dataset, still reusing the records kept of unchanged files.
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
        let Live { snapshot: snap, index, .. } = self;
        let tables = snap.tables.as_ref().filter(|_| snap.set_aside.is_empty())?;
        let index = index.get_or_insert_with(|| Index::of(snap));
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
        // be as the snapshot has them, then the indicator files.
        let mut rels: Vec<&str> = TABLES.to_vec();
        rels.extend(tables.documents.iter().map(|d| d.source.as_str()));
        let shared = rels.len();
        rels.extend(files.iter().map(String::as_str));
        let mut stamps = stamps_in(dir, &rels);
        let file_stamps = stamps.split_off(shared);
        let same = snap.shared.len() == shared
            && snap.shared.iter().zip(&rels).zip(&stamps).all(|(((rel, was), now), is)| rel == now && was == is);
        if snap.version != crate::BUILD
            || !same
            || !stamps.iter().all(|s| s.is_some_and(|s| s.settled_before(snap.started)))
        {
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
        let old = |k: usize| snap.files.get(&files[k]);

        // Each saved file alone, against the document it cited (one that now cites another is the full load's).
        let mut docs = vec![(None, None); tables.documents.len()];
        for &(k, _) in &changed {
            let first = &old(k)?.indicators.first()?.1;
            let row = tables.documents.get(first.doc.index())?;
            let entry = snap.texts.get(first.doc.index())?.as_ref().filter(|e| e.is_sound())?;
            let text = Text::deferred(dir.join(&row.source), entry.len, entry.crc, entry.paragraphs.clone());
            docs[first.doc.index()] = (Some(text), Some(first.city));
        }
        let documents: Vec<String> = tables.documents.iter().map(|d| d.id.clone()).collect();
        let known = Verified { themes: &tables.themes, metrics: &tables.metrics, documents: &documents, docs: &docs };
        let saved: Vec<String> = changed.iter().map(|&(k, _)| files[k].clone()).collect();
        let now = verify_alone(root, &known, &saved)?;
        if now.iter().any(|a| !a.unfinished.is_empty()) {
            return None;
        }

        // Indicator ids unique across the dataset: the new ones among themselves and against every other file's.
        let is_saved = |slot: u32| changed.iter().any(|&(k, _)| k == slot as usize);
        let mut fresh: FxHashSet<&str> = FxHashSet::default();
        for (_, ind) in now.iter().flat_map(|a| &a.indicators) {
            let elsewhere = index.ids.get(ind.id.as_str()).is_some_and(|&slot| !is_saved(slot));
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
        // The links, over every record of each city a saved file had or has.
        let theme_of = |id: &str| tables.themes.iter().position(|t| t.id == id).map(ThemeId::new);
        let themes: Vec<Option<ThemeId>> = tables.metrics.iter().map(|m| theme_of(&m.theme)).collect();
        if themes.iter().any(Option::is_none) {
            return None;
        }
        let metrics = metrics_of(tables.metrics.clone(), themes);
        let mut cities: Vec<CityId> =
            changed.iter().filter_map(|&(k, _)| Some(old(k)?.indicators.first()?.1.city)).collect();
        cities.extend(now.iter().flat_map(|a| &a.indicators).map(|(_, ind)| ind.city));
        cities.sort_unstable();
        cities.dedup();
        for city in cities {
            let mut all: Vec<&Indicator> = Vec::new();
            for &slot in index.by_city.get(&city).into_iter().flatten().filter(|&&slot| !is_saved(slot)) {
                all.extend(old(slot as usize)?.indicators.iter().map(|(_, ind)| ind));
            }
            all.extend(now.iter().flat_map(|a| &a.indicators).map(|(_, ind)| ind).filter(|ind| ind.city == city));
            if !crate::verify::links::check_links(&all, &metrics).is_empty() {
                return None;
            }
        }

        // Where the saved files' records are in the dataset shown: after those of every file listed before.
        let mut parts = Vec::with_capacity(changed.len());
        let mut kept = Vec::with_capacity(changed.len());
        let (mut record, mut ignored) = (0usize, 0usize);
        let mut pending = changed.iter().zip(now).peekable();
        for (k, slot) in index.slots.iter().enumerate() {
            if let Some((&(_, stamp), alone)) = pending.next_if(|((c, _), _)| *c == k) {
                parts.push(Part {
                    rel: files[k].clone(),
                    stamp,
                    records: record..record + slot.records,
                    ignored: ignored..ignored + slot.ignored,
                    new_records: alone.indicators.iter().map(|(_, ind)| ind.clone()).collect(),
                    new_ignored: alone.ignored.clone(),
                });
                let Alone { indicators, ignored, entries, .. } = alone;
                kept.push((k, FileEntry { stamp, indicators, ignored, entries }));
            }
            record += slot.records;
            ignored += slot.ignored;
        }

        // What is kept for the next reload: each saved file as it verified now, the rest as it was.
        for (k, _) in &kept {
            for (_, ind) in snap.files.get(&files[*k]).map_or(&[][..], |e| &e.indicators[..]) {
                index.ids.remove(&ind.id);
            }
        }
        for (k, entry) in kept {
            let slot = u32::try_from(k).unwrap_or(u32::MAX);
            for (_, ind) in &entry.indicators {
                index.ids.insert(ind.id.clone(), slot);
            }
            index.slots[k] = Slot::of(&entry);
            snap.files.insert(files[k].clone(), entry);
        }
        // Every other file was found as the snapshot had it, settled before its load began, so before this one;
        // the folder's stamp was taken before the listing it vouches for was compared.
        snap.started = started;
        if !listed {
            snap.folder = folder.map(|f| (f, files.len()));
        }
        let next = fresh_lineage();
        self.shown = Some(next);
        Some(Splice { base, next, parts })
    }
}

impl Loader<'_> {
    /// Loads the dataset again for the explorer: the saved files spliced in when they can be (see the module's
    /// comment), else a full load reusing what `live` kept of the files that did not change. A failed load
    /// leaves `live` describing the dataset still shown, so that the save that fixes it can be spliced.
    pub fn reload_live(self, live: &mut Live) -> Result<Reloaded, LoadError> {
        if let Some(s) = live.splice(self.root) {
            return Ok(Reloaded::Spliced(s));
        }
        let tables = live.snapshot.tables.clone();
        let files = live.snapshot.files.len();
        let (result, snapshot) = self.reload(std::mem::take(&mut live.snapshot));
        live.snapshot = snapshot;
        match result {
            Ok(ds) => {
                live.shown = Some(ds.lineage());
                live.index = None;
                Ok(Reloaded::Whole(Box::new(ds)))
            }
            Err(e) => {
                live.snapshot.tables = tables;
                if live.snapshot.files.len() != files {
                    // The load failed before it took the snapshot over: nothing is known any more.
                    *live = Live::default();
                }
                Err(e)
            }
        }
    }
}
