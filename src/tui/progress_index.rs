//! The progress of every target of the dataset, computed once when the explorer opens and kept per indicator
//! (owned, so the model does not borrow its own dataset): each target's status, label and `why`, each actual's
//! targets, and where a straight path is drawn. A thin adapter over the library's `progress` rules; it builds
//! one `progress::Record` per indicator from the dataset's indicators and metrics.

use std::collections::HashMap;

use zhibiao::dataset::Dataset;
use zhibiao::model;
use zhibiao::progress::{self, Better, Date, Measure, ProgressStatus, Record, Status};
use zhibiao::verify::record::parse_period;

/// The progress of one target, as the explorer shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetProgress {
    /// Where the target stands.
    pub status: ProgressStatus,
    /// The short form for the table: `met`, `behind 92%`, `40%`.
    pub label: String,
    /// The sentence that explains it.
    pub why: String,
    /// Actual ÷ target.
    pub achieved: Option<f64>,
    /// The indicator of the deciding actual.
    pub actual: Option<usize>,
    /// For `on-track`/`behind`: the actual the straight path starts from.
    pub path_from: Option<usize>,
}

/// Progress looked up by indicator index.
#[derive(Debug, Clone, Default)]
pub struct ProgressIndex {
    target: Vec<Option<TargetProgress>>,
    toward: Vec<Vec<usize>>,
    /// Display width of each indicator's progress cell, so sizing a large table's column costs a lookup per row.
    widths: Vec<u8>,
}

impl ProgressIndex {
    /// Computes the progress of every tracked target of `ds`.
    pub fn new(ds: &Dataset) -> ProgressIndex {
        let records: Vec<Record<'_>> = (0..ds.indicators().len()).map(|i| record(ds, i)).collect();
        let n = records.len();
        let mut target = vec![None; n];
        let mut toward = vec![Vec::new(); n];
        let index: HashMap<&str, usize> = records.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let at = |id: &str| index.get(id).copied();
        for p in progress::progress(&records) {
            let Some(t) = at(p.target) else { continue };
            let counted: Vec<usize> = p.counted.iter().filter_map(|id| at(id)).collect();
            for &a in &counted {
                toward[a].push(t);
            }
            let path_from = matches!(p.status, ProgressStatus::OnTrack | ProgressStatus::Behind)
                .then(|| counted.iter().copied().min_by_key(|&a| records[a].date()))
                .flatten();
            target[t] = Some(TargetProgress {
                status: p.status,
                label: p.label(),
                why: p.why.clone(),
                achieved: p.achieved,
                actual: p.actual.and_then(at),
                path_from,
            });
        }
        let mut idx = ProgressIndex { target, toward, widths: Vec::new() };
        idx.widths = (0..n).map(|i| u8::try_from(crate::tui::text::width(&idx.cell(i))).unwrap_or(u8::MAX)).collect();
        idx
    }

    /// Display width of [`ProgressIndex::cell`] of `ind`.
    pub fn cell_width(&self, ind: usize) -> usize {
        self.widths.get(ind).copied().map_or(0, usize::from)
    }

    /// The progress of target `ind`, when it is a tracked target.
    pub fn of(&self, ind: usize) -> Option<&TargetProgress> {
        self.target.get(ind).and_then(Option::as_ref)
    }

    /// The targets actual `ind` counts toward.
    pub fn toward(&self, ind: usize) -> &[usize] {
        self.toward.get(ind).map_or(&[], Vec::as_slice)
    }

    /// The table's progress cell: the label of a target, `→ N targets` for an actual that counts toward some.
    pub fn cell(&self, ind: usize) -> String {
        match self.of(ind) {
            Some(p) => p.label.clone(),
            None => match self.toward(ind).len() {
                0 => String::new(),
                1 => "→ 1 target".to_string(),
                k => format!("→ {k} targets"),
            },
        }
    }
}

/// The date a figure of `ds` stands at (its `as_of`, else the end of its year), as a fractional year for a chart.
pub fn date_of(ds: &Dataset, ind: usize) -> f64 {
    let i = &ds.indicators()[ind];
    let d = i.as_of().and_then(|s| Date::parse(s).ok()).unwrap_or(Date::end_of_year(i.year));
    let start = Date::start_of_year(d.year).days_since_epoch();
    let end = Date::end_of_year(d.year).days_since_epoch();
    f64::from(d.year) + (d.days_since_epoch() - start) as f64 / ((end - start + 1) as f64)
}

/// The progress record of indicator `ind`: values in the metric's unit, qualifiers parsed (a malformed one,
/// which `check` reports, counts as absent).
pub fn record(ds: &Dataset, ind: usize) -> Record<'_> {
    let i = &ds.indicators()[ind];
    let metric = &ds.metrics()[i.metric_index];
    let doc = &ds.documents()[i.doc];
    let doc_year = doc.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(i.year);
    Record {
        id: &i.id,
        kind: i.kind,
        metric: &i.metric,
        city: &ds.cities()[i.city].id,
        scope: i.scope(),
        year: i.year,
        doc_year,
        comparator: i.comparator,
        base_value: i.base_value,
        base_value_max: i.base_value_max,
        unit: &metric.unit,
        measure: measure(metric.measure),
        better: match metric.better {
            model::Better::Higher => Better::Higher,
            model::Better::Lower => Better::Lower,
        },
        status: match i.status {
            model::Status::Firm => Status::Firm,
            model::Status::Stretch => Status::Stretch,
            model::Status::Estimate => Status::Estimate,
        },
        as_of: i.as_of().and_then(|s| Date::parse(s).ok()),
        period: i.period().and_then(parse_period),
        baseline_year: i.baseline_year,
        supersedes: i.supersedes(),
        restates: i.restates(),
    }
}

fn measure(m: model::Measure) -> Measure {
    match m {
        model::Measure::Stock => Measure::Stock,
        model::Measure::Flow => Measure::Flow,
        model::Measure::Share => Measure::Share,
        model::Measure::Change => Measure::Change,
        model::Measure::Level => Measure::Level,
        model::Measure::Rank => Measure::Rank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::sample;

    #[test]
    fn the_sample_5g_target_is_in_progress_at_40_percent_and_the_2020_figure_counts_toward_it() {
        let ds = sample::dataset();
        let idx = ProgressIndex::new(&ds);
        let t = ds.indicator("sy-5g-2025").expect("sample target");
        let a = ds.indicator("sy-5g-2020").expect("sample actual");
        let p = idx.of(t).expect("tracked");
        assert_eq!(p.status, ProgressStatus::InProgress);
        assert_eq!(p.label, "40%");
        assert!(p.why.contains("1202"), "{}", p.why);
        assert_eq!(p.actual, Some(a));
        assert_eq!(idx.toward(a), &[t]);
        assert_eq!(idx.cell(a), "→ 1 target");
        assert!(idx.of(a).is_none());
    }

    #[test]
    fn dates_become_fractional_years() {
        let ds = sample::dataset();
        let a = ds.indicator("sy-5g-2020").expect("sample actual");
        // No as_of: the end of 2020.
        let x = date_of(&ds, a);
        assert!((2020.99..2021.0).contains(&x), "{x}");
    }
}
