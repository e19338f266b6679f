//! The progress of every target of the dataset, computed once when the explorer opens and kept per indicator
//! (owned, so the model does not borrow its own dataset): each target's status and how far it got, each actual's
//! targets, and where a straight path is drawn; the `why` of one target is worked out again when it is shown.
//! A thin, memory-lean cache over the library's `progress` rules and its `progress::index::figure`: one
//! (metric, city) at a time, keeping only what the table and chart read.

use zhibiao::dataset::Dataset;
use zhibiao::model::Kind;
use zhibiao::progress::figure;
use zhibiao::progress::{self, Date, Figure, ProgressStatus};

/// The progress of one target, as the explorer shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetProgress {
    /// Where the target stands.
    pub status: ProgressStatus,
    /// Actual ÷ target.
    pub achieved: Option<f64>,
    /// The indicator of the deciding actual.
    pub actual: Option<usize>,
    /// For `on-track`/`behind`: the actual the straight path starts from.
    pub path_from: Option<usize>,
}

/// Progress looked up by indicator index. Kept small at 100,000 indicators: a slot per indicator, the results
/// of tracked targets only, and the actual → target pairs sorted for a binary search.
#[derive(Debug, Clone, Default)]
pub struct ProgressIndex {
    /// Per indicator: its position in `targets`, or `u32::MAX`.
    slot: Vec<u32>,
    /// The progress of every tracked target.
    targets: Vec<TargetProgress>,
    /// (actual, target) for every actual that counts toward a target, sorted.
    toward: Vec<(u32, u32)>,
    /// Display width of each indicator's progress cell, so sizing a large table's column costs a lookup per row.
    widths: Vec<u8>,
}

impl TargetProgress {
    /// The short form for a table: `met`, `behind 92%`, `40%` (the library's label).
    pub fn label(&self) -> String {
        progress::label(self.status, self.achieved)
    }
}

impl ProgressIndex {
    /// Computes the progress of every tracked target of `ds`.
    ///
    /// Progress pairs records only within one metric and city (and `check` keeps links within them too), so each
    /// (metric, city) is computed on its own: the progress records built at any one time stay few.
    pub fn new(ds: &Dataset) -> ProgressIndex {
        let ind = ds.indicators();
        let n = ind.len();
        let key = |i: u32| (ind[i as usize].metric_index, ind[i as usize].city);
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by_key(|&i| (key(i), i));
        let mut slot = vec![u32::MAX; n];
        // Sized up front: growing it would briefly hold two copies at the largest size.
        let mut targets = Vec::with_capacity(ind.iter().filter(|i| i.kind == Kind::Target).count());
        let mut toward: Vec<(u32, u32)> = Vec::new();
        for chunk in order.chunk_by(|&a, &b| key(a) == key(b)) {
            if !chunk.iter().any(|&i| ind[i as usize].kind == Kind::Target) {
                continue;
            }
            let records: Vec<Figure<'_>> = chunk.iter().map(|&i| figure(ds, i as usize)).collect();
            for p in progress::progress(&records) {
                let Some(t) = ds.indicator(p.target) else { continue };
                let counted: Vec<usize> = p.counted.iter().filter_map(|id| ds.indicator(id)).collect();
                toward.extend(counted.iter().map(|&a| (a as u32, t as u32)));
                let path_from = matches!(p.status, ProgressStatus::OnTrack | ProgressStatus::Behind)
                    .then(|| counted.iter().copied().min_by(|&a, &b| date_of(ds, a).total_cmp(&date_of(ds, b))))
                    .flatten();
                slot[t] = targets.len() as u32;
                targets.push(TargetProgress {
                    status: p.status,
                    achieved: p.achieved,
                    actual: p.actual.and_then(|id| ds.indicator(id)),
                    path_from,
                });
            }
        }
        toward.sort_unstable();
        toward.dedup();
        let mut idx = ProgressIndex { slot, targets, toward, widths: Vec::new() };
        idx.widths = (0..n).map(|i| u8::try_from(crate::tui::text::width(&idx.cell(i))).unwrap_or(u8::MAX)).collect();
        idx
    }

    /// Display width of [`ProgressIndex::cell`] of `ind`.
    pub fn cell_width(&self, ind: usize) -> usize {
        self.widths.get(ind).copied().map_or(0, usize::from)
    }

    /// The sentence that explains the progress of target `ind` (worked out again from the records of its metric
    /// and city: only the one shown needs it).
    pub fn why(&self, ds: &Dataset, ind: usize) -> Option<String> {
        self.of(ind)?;
        let i = &ds.indicators()[ind];
        let records: Vec<Figure<'_>> = (0..ds.indicators().len())
            .filter(|&k| ds.indicators()[k].metric_index == i.metric_index && ds.indicators()[k].city == i.city)
            .map(|k| figure(ds, k))
            .collect();
        progress::progress_of(&i.id, &records).map(|p| p.why)
    }

    /// The progress of target `ind`, when it is a tracked target.
    pub fn of(&self, ind: usize) -> Option<&TargetProgress> {
        self.slot.get(ind).and_then(|&k| self.targets.get(k as usize))
    }

    /// The targets actual `ind` counts toward, in dataset order.
    pub fn toward(&self, ind: usize) -> Vec<usize> {
        let Ok(a) = u32::try_from(ind) else { return Vec::new() };
        let from = self.toward.partition_point(|&(x, _)| x < a);
        self.toward[from..].iter().take_while(|&&(x, _)| x == a).map(|&(_, t)| t as usize).collect()
    }

    /// The table's progress cell: the label of a target, `→ N targets` for an actual that counts toward some.
    pub fn cell(&self, ind: usize) -> String {
        match self.of(ind) {
            Some(p) => p.label(),
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
        assert_eq!(p.label(), "40%");
        let why = idx.why(&ds, t).expect("a why");
        assert!(why.contains("1202 of ≥3000 个 (40%)"), "{why}");
        assert_eq!(idx.why(&ds, a), None);
        assert_eq!(p.actual, Some(a));
        assert_eq!(idx.toward(a), [t]);
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
