//! The progress of a whole dataset: [`figures`] turns its verified indicators into the rules' input,
//! [`of_dataset`] judges every target, and [`Index`] keeps the results by indicator, computed once per dataset,
//! so that the explorer can ask about one indicator (its progress as a target, the targets it counts toward as
//! an actual) without judging anything again.

use crate::dataset::{Dataset, Moves};
use crate::ids::{CityId, IndicatorId};
use crate::verify::entry::parse_period;

use super::{progress, progress_of, Date, Figure, Progress, ProgressStatus};

/// The year of a document's date (`2020-05-28`, `2020-05` or `2020`).
fn doc_year(date: &str) -> Option<i32> {
    date.get(..4).and_then(|y| y.parse().ok())
}

/// One [`Figure`] per indicator of `ds`, in the dataset's order (figure `k` is indicator `IndicatorId::new(k)`).
pub fn figures(ds: &Dataset) -> Vec<Figure<'_>> {
    ds.indicator_ids().map(|i| figure(ds, i)).collect()
}

/// The [`Figure`] of indicator `i` of `ds`: city by id, values in the metric's unit, measure and better direction
/// from the registry, `as_of` and `period` as `check` let them through (a malformed one, which `check` reports,
/// counts as absent).
pub fn figure(ds: &Dataset, i: IndicatorId) -> Figure<'_> {
    let ind = ds.indicator_at(i);
    let metric = ds.metric(ind.metric);
    Figure {
        id: &ind.id,
        kind: ind.kind,
        metric: &metric.id,
        city: &ds.city(ind.city).id,
        scope: ind.scope(),
        year: ind.year,
        doc_year: doc_year(&ds.document(ind.doc).date).unwrap_or(ind.year),
        comparator: ind.comparator,
        base_value: ind.base_value,
        base_value_max: ind.base_value_max,
        unit: &metric.unit,
        measure: metric.measure,
        better: metric.better,
        status: ind.status,
        as_of: ind.as_of().and_then(|d| Date::parse(d).ok()),
        period: ind.period().and_then(parse_period),
        baseline_year: ind.baseline_year,
        supersedes: ind.supersedes(),
        restates: ind.restates(),
    }
}

/// The progress of every tracked target of `ds`, in the dataset's order.
pub fn of_dataset(ds: &Dataset) -> Vec<Progress<'_>> {
    progress(&figures(ds))
}

/// The progress of indicator `target` of `ds`, or `None` when it is not a tracked target (an actual, a
/// superseded target, a restatement). Judges from scratch: to ask about many indicators, build an [`Index`].
pub fn for_target(ds: &Dataset, target: IndicatorId) -> Option<Progress<'_>> {
    let id = &ds.indicators().get(target.index())?.id;
    progress_of(id, &figures(ds))
}

/// The progress of one target, by indicator: it owns its data, so an [`Index`] can live beside the dataset it was
/// computed from. The sentence that explains it is worked out on demand ([`Index::why`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tracked {
    /// The target.
    pub target: IndicatorId,
    /// Where it stands.
    pub status: ProgressStatus,
    /// The actual that decides, if any.
    pub actual: Option<IndicatorId>,
    /// Actual ÷ target in the metric's unit, rounded to four places.
    pub achieved: Option<f64>,
    /// For `on-track`/`behind`: the earliest actual, where the straight path starts.
    pub path_from: Option<IndicatorId>,
}

impl Tracked {
    /// The short form for a progress column: `met`, `behind 60%`, `40%`, … (see [`Progress::label`]).
    pub fn label(&self) -> String {
        super::label(self.status, self.achieved)
    }
}

/// The progress of a dataset's targets, looked up by indicator, judged city by city as they are asked
/// for ([`Index::lazy`], [`Index::judge_city`]) or all at once ([`Index::new`]).
///
/// Kept small at 100,000 indicators: progress pairs records only within one metric and city (and `check` keeps
/// links within them too), so each (metric, city) is judged on its own and only its results are kept — a slot
/// per indicator, the tracked targets, and the actual → target pairs. Judging one city costs what its own
/// records cost, so a caller that shows one city at a time (the explorer's first frame) need not judge the other
/// thousand first.
///
/// Indicators are stored as [`Packed`] (four bytes, not eight: these arrays hold one or more entries per record,
/// and at 100,000 records the width is memory the explorer keeps for the whole session); they turn back into
/// [`IndicatorId`]s in [`pack`] and [`unpack`] alone, and every method takes and returns `IndicatorId`s.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Per indicator: its position in `tracked`, or [`NONE`].
    slot: Vec<u32>,
    /// The tracked targets judged so far.
    tracked: Vec<Tracked>,
    /// (actual, target) for every actual that counts toward a target; the pairs of one actual are together,
    /// sorted by target (they are found when its city is judged).
    toward: Vec<(Packed, Packed)>,
    /// Per indicator: where its pairs start in `toward`, or [`NONE`].
    toward_at: Vec<u32>,
    /// The indicators of every city, city after city, each city's in the dataset's order.
    by_city: Vec<Packed>,
    /// Where each city's indicators start in `by_city` (one more entry than cities).
    city_start: Vec<u32>,
    /// Per city: judged yet.
    judged: Vec<bool>,
    /// Cities not judged yet.
    pending: usize,
}

/// No entry.
const NONE: u32 = u32::MAX;

/// An [`IndicatorId`] in the four bytes the index stores it in.
type Packed = u32;

/// The stored form of `id`. A dataset has far fewer than 2³² indicators (each takes hundreds of bytes in memory),
/// so the position always fits.
fn pack(id: IndicatorId) -> Packed {
    id.index() as Packed
}

/// The indicator a stored entry stands for.
fn unpack(k: Packed) -> IndicatorId {
    IndicatorId::new(k as usize)
}

impl Index {
    /// Judges every target of `ds`; [`Index::all`] lists them in the dataset's order.
    pub fn new(ds: &Dataset) -> Index {
        let mut index = Index::lazy(ds);
        for city in 0..index.judged.len() {
            index.judge_city(ds, CityId::new(city));
        }
        index.tracked.sort_unstable_by_key(|t| t.target);
        for (k, t) in index.tracked.iter().enumerate() {
            index.slot[t.target.index()] = k as u32;
        }
        index
    }

    /// An index of `ds` with nothing judged yet: only the indicators sorted by city (one pass).
    pub fn lazy(ds: &Dataset) -> Index {
        // The cities from the keys column, not the records: three passes over 24-byte rows.
        let keys = ds.keys();
        let cities = keys.iter().map(|k| k.city().index() + 1).max().unwrap_or(0).max(ds.cities().len());
        let mut city_start = vec![0u32; cities + 1];
        for k in keys {
            city_start[k.city().index() + 1] += 1;
        }
        for c in 0..cities {
            city_start[c + 1] += city_start[c];
        }
        let mut next = city_start.clone();
        let mut by_city: Vec<Packed> = vec![0; keys.len()];
        for k in ds.indicator_ids() {
            let city = keys[k.index()].city().index();
            by_city[next[city] as usize] = pack(k);
            next[city] += 1;
        }
        Index {
            slot: vec![NONE; keys.len()],
            tracked: Vec::new(),
            toward: Vec::new(),
            toward_at: vec![NONE; keys.len()],
            by_city,
            city_start,
            judged: vec![false; cities],
            pending: cities,
        }
    }

    /// True when every city is judged.
    pub fn is_complete(&self) -> bool {
        self.pending == 0
    }

    /// True when `city` is judged (so every answer about its indicators is final).
    pub fn is_judged(&self, city: CityId) -> bool {
        self.judged.get(city.index()).copied().unwrap_or(true)
    }

    /// The first city not judged yet, if any.
    pub fn next_pending(&self) -> Option<CityId> {
        if self.pending == 0 {
            return None;
        }
        self.judged.iter().position(|&j| !j).map(CityId::new)
    }

    /// The indicators of `city`, in the dataset's order.
    pub fn members(&self, city: CityId) -> impl ExactSizeIterator<Item = IndicatorId> + '_ {
        self.packed_members(city).iter().copied().map(unpack)
    }

    /// The indicators of `city` as stored.
    fn packed_members(&self, city: CityId) -> &[Packed] {
        match (self.city_start.get(city.index()), self.city_start.get(city.index() + 1)) {
            (Some(&a), Some(&b)) => &self.by_city[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Judges the targets of `city` of `ds` (the dataset the index was made for); false when it was judged
    /// already.
    pub fn judge_city(&mut self, ds: &Dataset, city: CityId) -> bool {
        if self.is_judged(city) {
            return false;
        }
        self.judged[city.index()] = true;
        self.pending -= 1;
        let ind = ds.indicators();
        let mut members: Vec<IndicatorId> = self.members(city).collect();
        // Stable: within a metric, the dataset's order.
        members.sort_by_key(|&i| ind[i].metric);
        let mut pairs: Vec<(IndicatorId, IndicatorId)> = Vec::new();
        for chunk in members.chunk_by(|&a, &b| ind[a].metric == ind[b].metric) {
            if !chunk.iter().any(|&i| ind[i].kind == crate::schema::Kind::Target) {
                continue;
            }
            let figures: Vec<Figure<'_>> = chunk.iter().map(|&i| figure(ds, i)).collect();
            // Progress names records by id; they are all in this chunk.
            let mut ids: Vec<(&str, IndicatorId)> = figures.iter().map(|f| f.id).zip(chunk.iter().copied()).collect();
            ids.sort_unstable();
            let at = |id: &str| ids.binary_search_by(|(x, _)| (*x).cmp(id)).ok().map(|k| ids[k].1);
            for p in progress(&figures) {
                let Some(target) = at(p.target) else { continue };
                let counted: Vec<IndicatorId> = p.counted.iter().filter_map(|id| at(id)).collect();
                pairs.extend(counted.iter().map(|&a| (a, target)));
                let path_from = matches!(p.status, ProgressStatus::OnTrack | ProgressStatus::Behind)
                    .then(|| counted.iter().copied().min_by_key(|&a| dated(ds, a)))
                    .flatten();
                let actual = p.actual.and_then(at);
                self.slot[target.index()] = self.tracked.len() as u32;
                self.tracked.push(Tracked { target, status: p.status, actual, achieved: p.achieved, path_from });
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        for (k, &(a, _)) in pairs.iter().enumerate() {
            if k == 0 || pairs[k - 1].0 != a {
                self.toward_at[a.index()] = (self.toward.len() + k) as u32;
            }
        }
        let pairs = pairs.into_iter().map(|(a, t)| (pack(a), pack(t)));
        self.toward.extend(pairs);
        true
    }

    /// The index of `ds` once spliced as `moves` says (see [`Dataset::splice`]): the cities whose records changed
    /// are to be judged again, every other city keeps what it was judged to, its records renumbered. Progress
    /// pairs records of one city only, so nothing else can have changed; judging all thousand cities again would
    /// cost the explorer a tenth of a second after each save once it has judged them all.
    pub fn spliced(&self, ds: &Dataset, moves: &Moves) -> Index {
        let mut next = Index::lazy(ds);
        let kept = |city: usize| {
            self.judged.get(city).copied().unwrap_or(false) && !moves.cities().contains(&CityId::new(city))
        };
        let moved = |k: Packed| moves.kept(unpack(k)).map(pack);
        let keys = ds.keys();
        let stays = |i: IndicatorId| keys.get(i.index()).is_some_and(|k| kept(k.city().index()));
        for t in &self.tracked {
            let Some(target) = moves.kept(t.target).filter(|&i| stays(i)) else { continue };
            let map = |i: Option<IndicatorId>| i.and_then(|i| moves.kept(i));
            if let Some(slot) = next.slot.get_mut(target.index()) {
                *slot = next.tracked.len() as u32;
                next.tracked.push(Tracked { target, actual: map(t.actual), path_from: map(t.path_from), ..*t });
            }
        }
        // Still grouped by actual and sorted: the renumbering keeps the order of the records it keeps.
        for &(a, t) in &self.toward {
            let (Some(a), Some(t)) = (moved(a), moved(t)) else { continue };
            if !stays(unpack(a)) {
                continue;
            }
            if next.toward.last().is_none_or(|&(last, _)| last != a) {
                if let Some(at) = next.toward_at.get_mut(a as usize) {
                    *at = next.toward.len() as u32;
                }
            }
            next.toward.push((a, t));
        }
        for city in (0..next.judged.len()).filter(|&c| kept(c)) {
            next.judged[city] = true;
            next.pending -= 1;
        }
        next
    }

    /// Every tracked target judged so far: in the dataset's order when made by [`Index::new`], else in the order
    /// judged.
    pub fn all(&self) -> &[Tracked] {
        &self.tracked
    }

    /// The progress of indicator `target`, when it is a tracked target (of a judged city).
    pub fn target(&self, target: IndicatorId) -> Option<&Tracked> {
        self.slot.get(target.index()).and_then(|&k| self.tracked.get(k as usize))
    }

    /// The targets (in the dataset's order) that indicator `actual` counts toward: it decides their progress or
    /// helps decide it (the start of a straight path, a part of a flow). Empty for a target or an actual that
    /// counts toward nothing (or of a city not judged yet).
    pub fn counts_toward(&self, actual: IndicatorId) -> Vec<IndicatorId> {
        let Some(&from) = self.toward_at.get(actual.index()).filter(|&&k| k != NONE) else { return Vec::new() };
        let a = pack(actual);
        self.toward[from as usize..].iter().take_while(|&&(x, _)| x == a).map(|&(_, t)| unpack(t)).collect()
    }

    /// The sentence that explains the progress of tracked target `target`, worked out again from the records of
    /// its metric and city (only the one shown needs it).
    pub fn why(&self, ds: &Dataset, target: IndicatorId) -> Option<String> {
        self.target(target)?;
        let t = ds.indicator_at(target);
        let figures: Vec<Figure<'_>> =
            (self.members(t.city)).filter(|&k| ds.indicator_at(k).metric == t.metric).map(|k| figure(ds, k)).collect();
        progress_of(&t.id, &figures).map(|p| p.why)
    }
}

/// The date indicator `i` of `ds` stands at: its `as_of`, else the end of its year.
pub fn dated(ds: &Dataset, i: IndicatorId) -> Date {
    let ind = ds.indicator_at(i);
    ind.as_of().and_then(|d| Date::parse(d).ok()).unwrap_or(Date::end_of_year(ind.year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::root::Root;

    #[test]
    fn a_lazy_index_answers_for_the_cities_judged_and_only_those() {
        let root =
            Root::dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/tracking")).expect("fixture root");
        let ds = crate::load(&root).expect("fixture loads");
        let at = |id: &str| ds.find_indicator(id).unwrap_or_else(|| panic!("no indicator {id}"));
        let (shenyang, xuzhou) = (ds.find_city("shenyang").expect("city"), ds.find_city("xuzhou").expect("city"));
        let mut index = Index::lazy(&ds);
        assert!(!index.is_complete() && !index.is_judged(xuzhou));
        assert!(index.target(at("xz-charging-target")).is_none(), "nothing judged yet");
        let mut xz: Vec<&str> = index.members(xuzhou).map(|i| ds.indicator_at(i).id.as_str()).collect();
        xz.sort_unstable();
        assert_eq!(xz, ["xz-charging-2020", "xz-charging-2021", "xz-charging-target"]);

        assert!(index.judge_city(&ds, xuzhou));
        assert!(!index.judge_city(&ds, xuzhou), "judged once");
        let t = index.target(at("xz-charging-target")).expect("tracked");
        assert_eq!(
            (t.status, t.actual, t.label().as_str()),
            (ProgressStatus::Behind, Some(at("xz-charging-2021")), "behind 62%")
        );
        assert_eq!(t.path_from, Some(at("xz-charging-2020")), "the straight path starts at the earliest actual");
        assert_eq!(index.counts_toward(at("xz-charging-2020")), [at("xz-charging-target")]);
        // Shenyang is not judged yet: no answer about it, and it is the one left.
        assert!(index.target(at("sy-charging-target")).is_none());
        assert!(index.counts_toward(at("sy-charging-2020")).is_empty());
        assert_eq!(index.next_pending(), Some(shenyang));

        assert!(index.judge_city(&ds, shenyang));
        assert!(index.is_complete() && index.next_pending().is_none());
        assert_eq!(index.counts_toward(at("sy-charging-2020")), [at("sy-charging-target")]);
        assert!(index.counts_toward(at("sy-hunnan-charging-2020")).is_empty(), "another scope counts for nothing");
        let why = index.why(&ds, at("sy-charging-target")).expect("a why");
        let one = for_target(&ds, at("sy-charging-target")).expect("tracked");
        assert_eq!(why, one.why);
        assert_eq!(index.all().len(), 2);
    }
}
