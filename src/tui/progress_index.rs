//! The progress of every target of the dataset as the explorer shows it: the library's [`progress::Index`],
//! computed once when the explorer opens (owned, so the model does not borrow its own dataset), plus what the
//! table needs per indicator (the progress cell and its display width) and the chart's fractional-year dates.

use zhibiao::dataset::Dataset;
use zhibiao::progress::{self, Tracked};

/// Progress looked up by indicator index, with each indicator's progress cell measured once, so sizing a large
/// table's column costs a lookup per row.
#[derive(Debug, Clone, Default)]
pub struct ProgressIndex {
    index: progress::Index,
    /// Display width of each indicator's progress cell.
    widths: Vec<u8>,
}

impl ProgressIndex {
    /// Computes the progress of every tracked target of `ds`.
    pub fn new(ds: &Dataset) -> ProgressIndex {
        let mut idx = ProgressIndex { index: progress::Index::new(ds), widths: Vec::new() };
        let n = ds.indicators().len();
        idx.widths = (0..n).map(|i| u8::try_from(crate::tui::text::width(&idx.cell(i))).unwrap_or(u8::MAX)).collect();
        idx
    }

    /// Display width of [`ProgressIndex::cell`] of `ind`.
    pub fn cell_width(&self, ind: usize) -> usize {
        self.widths.get(ind).copied().map_or(0, usize::from)
    }

    /// The sentence that explains the progress of target `ind` (see [`progress::Index::why`]).
    pub fn why(&self, ds: &Dataset, ind: usize) -> Option<String> {
        self.index.why(ds, ind)
    }

    /// The progress of target `ind`, when it is a tracked target.
    pub fn of(&self, ind: usize) -> Option<&Tracked> {
        self.index.target(ind)
    }

    /// The targets actual `ind` counts toward, in dataset order.
    pub fn toward(&self, ind: usize) -> Vec<usize> {
        self.index.counts_toward(ind)
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
    use zhibiao::progress::Date;
    let d = progress::dated(ds, ind);
    let start = Date::start_of_year(d.year).days_since_epoch();
    let end = Date::end_of_year(d.year).days_since_epoch();
    f64::from(d.year) + (d.days_since_epoch() - start) as f64 / ((end - start + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::sample;
    use zhibiao::progress::ProgressStatus;

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
