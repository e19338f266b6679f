//! The progress of a whole dataset: [`figures`] turns its verified indicators into the rules' input,
//! [`of_dataset`] judges every target, and [`Index`] keeps the results by indicator, computed once per dataset,
//! so that the explorer can ask about one indicator (its progress as a target, the targets it counts toward as
//! an actual) without judging anything again.

use crate::dataset::Dataset;
use crate::verify::record::parse_period;

use super::{progress, progress_of, Date, Figure, Progress, ProgressStatus};

/// The year of a document's date (`2020-05-28`, `2020-05` or `2020`).
fn doc_year(date: &str) -> Option<i32> {
    date.get(..4).and_then(|y| y.parse().ok())
}

/// One [`Figure`] per indicator of `ds`, in the dataset's order (figure `i` is indicator `i`).
pub fn figures(ds: &Dataset) -> Vec<Figure<'_>> {
    (0..ds.indicators().len()).map(|i| figure(ds, i)).collect()
}

/// The [`Figure`] of indicator `i` of `ds`: city by id, values in the metric's unit, measure and better direction
/// from the registry, `as_of` and `period` as `check` let them through (a malformed one, which `check` reports,
/// counts as absent).
pub fn figure(ds: &Dataset, i: usize) -> Figure<'_> {
    let ind = &ds.indicators()[i];
    let metric = &ds.metrics()[ind.metric_index];
    Figure {
        id: &ind.id,
        kind: ind.kind,
        metric: &ind.metric,
        city: &ds.cities()[ind.city].id,
        scope: ind.scope(),
        year: ind.year,
        doc_year: doc_year(&ds.documents()[ind.doc].date).unwrap_or(ind.year),
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
pub fn for_target(ds: &Dataset, target: usize) -> Option<Progress<'_>> {
    let id = &ds.indicators().get(target)?.id;
    progress_of(id, &figures(ds))
}

/// The progress of one target, by indicator index: it owns its data, so an [`Index`] can live beside the dataset
/// it was computed from. The sentence that explains it is worked out on demand ([`Index::why`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tracked {
    /// The target's indicator index.
    pub target: usize,
    /// Where it stands.
    pub status: ProgressStatus,
    /// The indicator index of the actual that decides, if any.
    pub actual: Option<usize>,
    /// Actual ÷ target in the metric's unit, rounded to four places.
    pub achieved: Option<f64>,
    /// For `on-track`/`behind`: the indicator index of the earliest actual, where the straight path starts.
    pub path_from: Option<usize>,
}

impl Tracked {
    /// The short form for a progress column: `met`, `behind 60%`, `40%`, … (see [`Progress::label`]).
    pub fn label(&self) -> String {
        super::label(self.status, self.achieved)
    }
}

/// The progress of every target of a dataset, computed once, looked up by indicator index.
///
/// Kept small at 100,000 indicators: progress pairs records only within one metric and city (and `check` keeps
/// links within them too), so each (metric, city) is judged on its own and only its results are kept — a slot
/// per indicator, the tracked targets, and the actual → target pairs sorted for a binary search.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Per indicator: its position in `tracked`, or `u32::MAX`.
    slot: Vec<u32>,
    /// Every tracked target, in the dataset's order.
    tracked: Vec<Tracked>,
    /// (actual, target) for every actual that counts toward a target, sorted.
    toward: Vec<(u32, u32)>,
}

impl Index {
    /// Judges every target of `ds`.
    pub fn new(ds: &Dataset) -> Index {
        let ind = ds.indicators();
        let key = |i: u32| (ind[i as usize].metric_index, ind[i as usize].city);
        let mut order: Vec<u32> = (0..ind.len() as u32).collect();
        order.sort_unstable_by_key(|&i| (key(i), i));
        // Sized up front: growing it would briefly hold two copies at the largest size.
        let mut tracked = Vec::with_capacity(ind.iter().filter(|i| i.kind == crate::model::Kind::Target).count());
        let mut toward: Vec<(u32, u32)> = Vec::new();
        for chunk in order.chunk_by(|&a, &b| key(a) == key(b)) {
            if !chunk.iter().any(|&i| ind[i as usize].kind == crate::model::Kind::Target) {
                continue;
            }
            let figures: Vec<Figure<'_>> = chunk.iter().map(|&i| figure(ds, i as usize)).collect();
            for p in progress(&figures) {
                let Some(target) = ds.indicator(p.target) else { continue };
                let counted: Vec<usize> = p.counted.iter().filter_map(|id| ds.indicator(id)).collect();
                toward.extend(counted.iter().map(|&a| (a as u32, target as u32)));
                let path_from = matches!(p.status, ProgressStatus::OnTrack | ProgressStatus::Behind)
                    .then(|| counted.iter().copied().min_by_key(|&a| dated(ds, a)))
                    .flatten();
                let actual = p.actual.and_then(|id| ds.indicator(id));
                tracked.push(Tracked { target, status: p.status, actual, achieved: p.achieved, path_from });
            }
        }
        tracked.sort_unstable_by_key(|t| t.target);
        let mut slot = vec![u32::MAX; ind.len()];
        for (k, t) in tracked.iter().enumerate() {
            slot[t.target] = k as u32;
        }
        toward.sort_unstable();
        toward.dedup();
        Index { slot, tracked, toward }
    }

    /// Every tracked target, in the dataset's order.
    pub fn all(&self) -> &[Tracked] {
        &self.tracked
    }

    /// The progress of indicator `target`, when it is a tracked target.
    pub fn target(&self, target: usize) -> Option<&Tracked> {
        self.slot.get(target).and_then(|&k| self.tracked.get(k as usize))
    }

    /// The targets (indicator indices, in the dataset's order) that indicator `actual` counts toward: it decides
    /// their progress or helps decide it (the start of a straight path, a part of a flow). Empty for a target or
    /// an actual that counts toward nothing.
    pub fn counts_toward(&self, actual: usize) -> Vec<usize> {
        let Ok(a) = u32::try_from(actual) else { return Vec::new() };
        let from = self.toward.partition_point(|&(x, _)| x < a);
        self.toward[from..].iter().take_while(|&&(x, _)| x == a).map(|&(_, t)| t as usize).collect()
    }

    /// The sentence that explains the progress of tracked target `target`, worked out again from the records of
    /// its metric and city (only the one shown needs it).
    pub fn why(&self, ds: &Dataset, target: usize) -> Option<String> {
        self.target(target)?;
        let t = &ds.indicators()[target];
        let figures: Vec<Figure<'_>> = (0..ds.indicators().len())
            .filter(|&k| ds.indicators()[k].metric_index == t.metric_index && ds.indicators()[k].city == t.city)
            .map(|k| figure(ds, k))
            .collect();
        progress_of(&t.id, &figures).map(|p| p.why)
    }
}

/// The date indicator `i` of `ds` stands at: its `as_of`, else the end of its year.
pub fn dated(ds: &Dataset, i: usize) -> Date {
    let ind = &ds.indicators()[i];
    ind.as_of().and_then(|d| Date::parse(d).ok()).unwrap_or(Date::end_of_year(ind.year))
}
