//! The progress of every target of the dataset as the explorer shows it: the library's [`progress::Index`]
//! (owned, so the model does not borrow its own dataset), judged city by city as the explorer needs it, plus
//! what the table needs per indicator (the progress cell and its display width) and the chart's fractional-year
//! dates.
//!
//! The first frame shows one city; judging the other thousand first would cost more than the rest of the frame.
//! So the model asks for the cities it is about to show ([`ProgressIndex::prepare`], in `update`), and the event
//! loop judges the rest a few cities at a time while nobody types ([`ProgressIndex::work_ahead`]). What is shown
//! is always judged: nothing on screen waits for it.

use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::{CityId, IndicatorId};
use zhibiao_core::progress::{self, Tracked};

/// The width of a cell not judged yet (a real one is narrower).
const UNJUDGED: u8 = u8::MAX;

/// Progress looked up by indicator, with each indicator's progress cell measured when its city is judged,
/// so sizing a large table's column costs a lookup per row.
#[derive(Debug, Clone, Default)]
pub struct ProgressIndex {
    index: progress::Index,
    /// Display width of each indicator's progress cell, or [`UNJUDGED`] before its city is judged.
    widths: Vec<u8>,
}

impl ProgressIndex {
    /// Judges every tracked target of `ds` at once.
    #[cfg(test)]
    pub fn new(ds: &Dataset) -> ProgressIndex {
        let mut idx = ProgressIndex::lazy(ds);
        while idx.work_ahead(ds, usize::MAX) {}
        idx
    }

    /// An index of `ds` with nothing judged yet (a pass over the indicators, no judging).
    pub fn lazy(ds: &Dataset) -> ProgressIndex {
        ProgressIndex { index: progress::Index::lazy(ds), widths: vec![UNJUDGED; ds.indicators().len()] }
    }

    /// The index of `ds` once spliced as `moves` says: the cities whose records changed are judged again when
    /// shown, every other keeps its judgments and measured cells.
    pub fn spliced(&self, ds: &Dataset, moves: &zhibiao_core::dataset::Moves) -> ProgressIndex {
        let index = self.index.spliced(ds, moves);
        let mut widths = vec![UNJUDGED; ds.indicators().len()];
        let keys = ds.keys();
        for (old, &w) in self.widths.iter().enumerate().filter(|(_, &w)| w != UNJUDGED) {
            let Some(new) = moves.kept(IndicatorId::new(old)) else { continue };
            let judged = keys.get(new.index()).is_some_and(|k| index.is_judged(k.city()));
            if let (true, Some(slot)) = (judged, widths.get_mut(new.index())) {
                *slot = w;
            }
        }
        ProgressIndex { index, widths }
    }

    /// Judges the cities of indicators `inds` of `ds` not judged yet, so that everything about them is final.
    pub fn prepare(&mut self, ds: &Dataset, inds: impl IntoIterator<Item = IndicatorId>) {
        if self.index.is_complete() {
            return;
        }
        let keys = ds.keys();
        for i in inds {
            if let Some(city) = keys.get(i.index()).map(|k| k.city()) {
                self.judge(ds, city);
            }
        }
    }

    /// Judges up to `cities` more cities of `ds`; true while some are left.
    pub fn work_ahead(&mut self, ds: &Dataset, cities: usize) -> bool {
        for _ in 0..cities {
            let Some(city) = self.index.next_pending() else { break };
            self.judge(ds, city);
        }
        !self.index.is_complete()
    }

    /// True when every city is judged.
    pub fn is_complete(&self) -> bool {
        self.index.is_complete()
    }

    /// Judges `city` of `ds` and measures its indicators' progress cells.
    fn judge(&mut self, ds: &Dataset, city: CityId) {
        if self.index.judge_city(ds, city) {
            for i in self.index.members(city) {
                let width = crate::text::width(&label(&self.index, i));
                self.widths[i.index()] = u8::try_from(width).unwrap_or(UNJUDGED).min(UNJUDGED - 1);
            }
        }
    }

    /// Display width of [`ProgressIndex::cell`] of `ind`.
    pub fn cell_width(&self, ind: IndicatorId) -> usize {
        self.judged(ind);
        self.widths.get(ind.index()).copied().filter(|&w| w != UNJUDGED).map_or(0, usize::from)
    }

    /// In tests, a lookup of an indicator whose city is not judged yet is a bug in the caller: the model judges
    /// what it shows before it is shown.
    fn judged(&self, ind: IndicatorId) {
        #[cfg(test)]
        assert!(
            self.widths.get(ind.index()).is_none_or(|&w| w != UNJUDGED),
            "progress of {ind} looked up before judged"
        );
        let _ = ind;
    }

    /// The sentence that explains the progress of target `ind` (see [`progress::Index::why`]).
    pub fn why(&self, ds: &Dataset, ind: IndicatorId) -> Option<String> {
        self.judged(ind);
        self.index.why(ds, ind)
    }

    /// The progress of target `ind`, when it is a tracked target.
    pub fn of(&self, ind: IndicatorId) -> Option<&Tracked> {
        self.judged(ind);
        self.index.target(ind)
    }

    /// The targets actual `ind` counts toward, in dataset order.
    pub fn toward(&self, ind: IndicatorId) -> Vec<IndicatorId> {
        self.judged(ind);
        self.index.counts_toward(ind)
    }

    /// The table's progress cell: the label of a target, `→ N targets` for an actual that counts toward some.
    pub fn cell(&self, ind: IndicatorId) -> String {
        self.judged(ind);
        label(&self.index, ind)
    }
}

/// [`ProgressIndex::cell`], unchecked.
fn label(index: &progress::Index, ind: IndicatorId) -> String {
    match index.target(ind) {
        Some(p) => p.label(),
        None => match index.counts_toward(ind).len() {
            0 => String::new(),
            1 => "→ 1 target".to_string(),
            k => format!("→ {k} targets"),
        },
    }
}

/// The date a figure of `ds` stands at (its `as_of`, else the end of its year), as a fractional year for a chart.
pub fn date_of(ds: &Dataset, ind: IndicatorId) -> f64 {
    use zhibiao_core::progress::Date;
    let d = progress::dated(ds, ind);
    let start = Date::start_of_year(d.year).days_since_epoch();
    let end = Date::end_of_year(d.year).days_since_epoch();
    f64::from(d.year) + (d.days_since_epoch() - start) as f64 / ((end - start + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;
    use zhibiao_core::progress::ProgressStatus;

    #[test]
    fn the_sample_5g_target_is_in_progress_at_40_percent_and_the_2020_figure_counts_toward_it() {
        let ds = sample::dataset();
        let idx = ProgressIndex::new(&ds);
        let t = ds.find_indicator("sy-5g-2025").expect("sample target");
        let a = ds.find_indicator("sy-5g-2020").expect("sample actual");
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
        let a = ds.find_indicator("sy-5g-2020").expect("sample actual");
        // No as_of: the end of 2020.
        let x = date_of(&ds, a);
        assert!((2020.99..2021.0).contains(&x), "{x}");
    }
}
