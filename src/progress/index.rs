//! The progress of a whole dataset: [`figures`] turns its verified indicators into the rules' input,
//! [`of_dataset`] judges every target, and [`Index`] keeps the results by indicator, computed once per dataset,
//! so that the explorer can ask about one indicator (its progress as a target, the targets it counts toward as
//! an actual) without judging anything again.

use std::collections::HashMap;

use crate::dataset::Dataset;
use crate::decimal::Decimal;
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
/// it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracked {
    /// The target's indicator index.
    pub target: usize,
    /// Where it stands.
    pub status: ProgressStatus,
    /// The indicator index of the actual that decides, if any.
    pub actual: Option<usize>,
    /// Actual ÷ target in the metric's unit, rounded to four places.
    pub achieved: Option<f64>,
    /// Target − actual in the metric's unit (percentage points for a share).
    pub gap: Option<Decimal>,
    /// The sentence a reader can check.
    pub why: String,
    /// The indicator indices of every actual that counted.
    pub counted: Vec<usize>,
    /// A stretch target.
    pub stretch: bool,
    /// The target or a counted figure is an estimate.
    pub estimate: bool,
}

impl Tracked {
    /// The short form for a progress column: `met`, `behind 60%`, `40%`, … (see [`Progress::label`]).
    pub fn label(&self) -> String {
        super::label(self.status, self.achieved)
    }
}

/// The progress of every target of a dataset, computed once, looked up by indicator index.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every tracked target, in the dataset's order.
    tracked: Vec<Tracked>,
    /// Indicator index → position in `tracked`, for tracked targets.
    of_target: HashMap<usize, usize>,
    /// Actual's indicator index → the targets' indicator indices it counts toward, in the dataset's order.
    toward: HashMap<usize, Vec<usize>>,
}

impl Index {
    /// Judges every target of `ds`.
    pub fn new(ds: &Dataset) -> Index {
        let at = |id: &str| ds.indicator(id);
        let mut index = Index::default();
        for p in of_dataset(ds) {
            let Some(target) = at(p.target) else { continue };
            let counted: Vec<usize> = p.counted.iter().filter_map(|id| at(id)).collect();
            for &a in &counted {
                index.toward.entry(a).or_default().push(target);
            }
            index.of_target.insert(target, index.tracked.len());
            index.tracked.push(Tracked {
                target,
                status: p.status,
                actual: p.actual.and_then(at),
                achieved: p.achieved,
                gap: p.gap,
                why: p.why,
                counted,
                stretch: p.stretch,
                estimate: p.estimate,
            });
        }
        index
    }

    /// Every tracked target, in the dataset's order.
    pub fn all(&self) -> &[Tracked] {
        &self.tracked
    }

    /// The progress of indicator `target`, when it is a tracked target.
    pub fn target(&self, target: usize) -> Option<&Tracked> {
        self.of_target.get(&target).map(|&k| &self.tracked[k])
    }

    /// The targets (indicator indices) that indicator `actual` counts toward: it decides their progress or helps
    /// decide it (the start of a straight path, a part of a flow). Empty for a target or an actual that counts
    /// toward nothing.
    pub fn counts_toward(&self, actual: usize) -> &[usize] {
        self.toward.get(&actual).map_or(&[], Vec::as_slice)
    }
}
