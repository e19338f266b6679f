//! A live reload's way of changing a dataset in place: the records of a few edited indicator files put where the
//! old ones were, every other record kept where it is, the indices (id lookup, search buffer) patched rather than
//! rebuilt. A [`Splice`] is only ever made by the load (`crate::load::live`) after the edited files verified alone
//! and their ids were found unique; the links, which need the records of the edited files' cities, are checked
//! here, where those records are, by the rule the load hands over with the splice. A splice whose records break
//! a link is refused like one computed against another dataset, so a dataset stays one that passed `check`.
//!
//! Each dataset has a lineage, a number no other dataset is given: a splice names the lineage it was computed
//! against and refuses any other dataset (one the explorer loaded itself in the meantime), since its positions
//! would point at the wrong records there.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{indicator_parts, push_record, Dataset, Ignored, Indicator, Metric, SharedStr};
use crate::ids::{CityId, IndicatorId};
use crate::root::Stamp;

/// The next lineage to hand out (see the module's comment). Starts at 1 so that 0 is never a dataset's.
static NEXT_LINEAGE: AtomicU64 = AtomicU64::new(1);

/// A lineage no dataset had before.
pub(crate) fn fresh_lineage() -> u64 {
    NEXT_LINEAGE.fetch_add(1, Ordering::Relaxed)
}

/// The edited indicator files of a dataset, verified, to put in place of their old records (see the module's
/// comment). Made by the load only.
#[derive(Debug)]
pub struct Splice {
    /// The lineage of the dataset the positions are in, and the one the dataset has once spliced.
    pub(crate) base: u64,
    pub(crate) next: u64,
    /// One per edited file, in the dataset's order, none overlapping.
    pub(crate) parts: Vec<Part>,
    /// The rule the links of a city's records must pass (`crate::verify::links`, which this module does not
    /// depend on): true when they resolve and agree.
    pub(crate) links_hold: fn(&[&Indicator], &[Metric]) -> bool,
}

/// One edited file of a [`Splice`].
#[derive(Debug)]
pub(crate) struct Part {
    /// Root-relative path, and the stamp the file had when it was read.
    pub(crate) rel: String,
    pub(crate) stamp: Stamp,
    /// Where its old records and ignored passages are in the dataset.
    pub(crate) records: Range<usize>,
    pub(crate) ignored: Range<usize>,
    /// What it verified to now.
    pub(crate) new_records: Vec<Indicator>,
    pub(crate) new_ignored: Vec<Ignored>,
}

impl Splice {
    /// The files it reads again, each with the stamp it had when read (the explorer writes to a file only while
    /// it is still as the dataset shown was loaded).
    pub fn files(&self) -> impl Iterator<Item = (&str, Stamp)> {
        self.parts.iter().map(|p| (p.rel.as_str(), p.stamp))
    }
}

/// Where the records of a dataset went when it was spliced: the records of unchanged files keep their order and
/// move by what the parts before them grew or shrank; a record of an edited file is found by its id among the
/// new records.
#[derive(Debug, Clone, Default)]
pub struct Moves {
    /// Per part: its old records' range and ids, and its new records' range.
    parts: Vec<(Range<usize>, Vec<SharedStr>, Range<usize>)>,
    /// The cities of those records, old and new, in order, once each.
    cities: Vec<CityId>,
}

impl Moves {
    /// The position in the spliced dataset `ds` of what was record `old` before, if it is still there: a record
    /// of an edited file wherever its id is now (it may have moved to another edited file), any other where its
    /// file's records moved.
    pub fn indicator(&self, ds: &Dataset, old: IndicatorId) -> Option<IndicatorId> {
        let i = old.index();
        if let Some((before, ids, _)) = self.parts.iter().find(|(before, _, _)| before.contains(&i)) {
            let id = ids.get(i - before.start)?;
            return self.parts.iter().find_map(|(_, _, now)| {
                now.clone().find(|&k| ds.indicators().get(k).is_some_and(|r| &r.id == id)).map(IndicatorId::new)
            });
        }
        self.kept(old).filter(|k| k.index() < ds.indicators().len())
    }

    /// The old ranges and the new ranges of the records that changed, in order: each old range was replaced by the
    /// new one (the explorer's per-record tables are spliced the same way).
    pub fn changed(&self) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
        self.parts.iter().map(|(before, _, now)| (before.clone(), now.clone()))
    }

    /// The cities whose records changed: those of the edited files' records, old and new (every other city's
    /// records are as they were, only renumbered).
    pub fn cities(&self) -> &[CityId] {
        &self.cities
    }

    /// The position of what was record `old` before, when it is a record of a file that did not change (those of
    /// the edited files are found by id, [`Moves::indicator`]).
    pub fn kept(&self, old: IndicatorId) -> Option<IndicatorId> {
        let i = old.index();
        let mut shift = 0isize;
        for (before, _, now) in &self.parts {
            if i < before.start {
                break;
            }
            if i < before.end {
                return None;
            }
            shift += now.len() as isize - before.len() as isize;
        }
        i.checked_add_signed(shift).map(IndicatorId::new)
    }

    /// True when no record moved: every edited file has as many records as before, so every position outside
    /// the edited files' still names the same record.
    pub fn in_place(&self) -> bool {
        self.parts.iter().all(|(before, _, now)| before.len() == now.len())
    }
}

impl Dataset {
    /// This dataset's lineage (see [`Splice`]).
    pub(crate) fn lineage(&self) -> u64 {
        self.lineage
    }

    /// Puts the records of `s` in place of the old ones of its files, keeping every other record where it is;
    /// returns where the records went. A splice computed against another dataset, or whose records would break a
    /// link (the full load then says which), is handed back untouched.
    pub fn splice(&mut self, s: Splice) -> Result<Moves, Splice> {
        let fits = |r: &Range<usize>, len: usize| r.start <= r.end && r.end <= len;
        let ordered = s.parts.windows(2).all(|w| w[0].records.end <= w[1].records.start);
        if s.base != self.lineage
            || !ordered
            || !s.parts.iter().all(|p| fits(&p.records, self.indicators.len()) && fits(&p.ignored, self.ignored.len()))
            || !self.links_would_hold(&s)
        {
            return Err(s);
        }
        let mut moves = Moves::default();
        // Last part first: the positions of the earlier ones do not move meanwhile.
        let mut parts = s.parts;
        let mut shift = 0isize;
        let mut placed = Vec::with_capacity(parts.len());
        for p in &parts {
            let start = p.records.start.checked_add_signed(shift).unwrap_or(p.records.start);
            placed.push(start..start + p.new_records.len());
            shift += p.new_records.len() as isize - p.records.len() as isize;
        }
        for (p, now) in parts.iter().zip(&placed) {
            let old = &self.indicators[p.records.clone()];
            moves.parts.push((p.records.clone(), old.iter().map(|r| r.id.clone()).collect(), now.clone()));
            moves.cities.extend(old.iter().chain(&p.new_records).map(|r| r.city));
        }
        moves.cities.sort_unstable();
        moves.cities.dedup();
        self.patch_by_id(&parts, &placed);
        self.patch_search(&parts);
        for p in parts.iter_mut().rev() {
            if let Some(keys) = self.keys.get_mut() {
                keys.splice(p.records.clone(), p.new_records.iter().map(super::Keys::of));
            }
            self.indicators.splice(p.records.clone(), std::mem::take(&mut p.new_records));
            self.ignored.splice(p.ignored.clone(), std::mem::take(&mut p.new_ignored));
        }
        self.lineage = s.next;
        Ok(moves)
    }

    /// True when, with `s` spliced in, the records of every city its files' records had or have pass its links
    /// rule (records of other cities cannot link to them). One pass over the keys column per city: a few
    /// milliseconds at a million records, and nothing kept per city between splices.
    fn links_would_hold(&self, s: &Splice) -> bool {
        let mut cities: Vec<CityId> = s
            .parts
            .iter()
            .flat_map(|p| self.indicators[p.records.clone()].iter().chain(&p.new_records).map(|r| r.city))
            .collect();
        cities.sort_unstable();
        cities.dedup();
        // The city of every other record from the keys column: 24 bytes a record, not the record's 400.
        let keys = self.keys();
        cities.into_iter().all(|city| {
            let of_city = |at: Range<usize>| at.filter(move |&i| keys[i].city() == city).map(|i| &self.indicators[i]);
            let mut records: Vec<&Indicator> = Vec::new();
            let mut at = 0;
            for p in &s.parts {
                records.extend(of_city(at..p.records.start));
                records.extend(p.new_records.iter().filter(|r| r.city == city));
                at = p.records.end;
            }
            records.extend(of_city(at..self.indicators.len()));
            (s.links_hold)(&records, &self.metrics)
        })
    }

    /// The id lookup, when it was built, brought up to date with `parts` (placed at `placed` once spliced).
    fn patch_by_id(&mut self, parts: &[Part], placed: &[Range<usize>]) {
        let Some(by_id) = self.by_id.get_mut() else { return };
        for p in parts {
            for old in &self.indicators[p.records.clone()] {
                by_id.remove(old.id.as_str());
            }
        }
        if !parts.iter().all(|p| p.records.len() == p.new_records.len()) {
            // Every record after an edited file that grew or shrank moves by what the files before it did.
            for at in by_id.values_mut() {
                let i = at.index();
                let shift: isize = parts
                    .iter()
                    .take_while(|p| p.records.end <= i)
                    .map(|p| p.new_records.len() as isize - p.records.len() as isize)
                    .sum();
                *at = IndicatorId::new(i.checked_add_signed(shift).unwrap_or(i));
            }
        }
        for (p, now) in parts.iter().zip(placed) {
            for (k, r) in p.new_records.iter().enumerate() {
                by_id.insert(r.id.clone(), IndicatorId::new(now.start + k));
            }
        }
    }

    /// The search buffer, when it was built, with the edited files' records replaced (the last part first, so
    /// that the earlier ones' offsets hold).
    fn patch_search(&mut self, parts: &[Part]) {
        let metrics = &self.metrics;
        let Some((text, starts)) = self.search.get_mut() else { return };
        for p in parts.iter().rev() {
            let from = starts.get(p.records.start).copied().unwrap_or(text.len());
            let to = starts.get(p.records.end).copied().unwrap_or(text.len());
            let (mut new_text, mut new_starts) = (String::new(), Vec::with_capacity(p.new_records.len()));
            for r in &p.new_records {
                push_record(&mut new_text, &mut new_starts, &indicator_parts(r, metrics));
            }
            let grown = new_text.len() as isize - (to - from) as isize;
            text.replace_range(from..to, &new_text);
            for s in &mut starts[p.records.end..] {
                *s = s.checked_add_signed(grown).unwrap_or(*s);
            }
            starts.splice(p.records.clone(), new_starts.into_iter().map(|s| s + from));
        }
    }
}
