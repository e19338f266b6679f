//! The order of the table's rows: document order (the default), or by year, value, city, name or progress
//! status, either way round. The sort key cycles with one key and reverses with another; the table's title says
//! which sort is on.

use std::cmp::Ordering;

use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::progress::ProgressStatus;
use zhibiao_core::quantity::Comparator;
use zhibiao_core::schema::Measure;

use crate::progress_index::ProgressIndex;

/// What the rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As the view orders them (document order; a timeline by kind and city).
    #[default]
    Document,
    /// Target or reported year.
    Year,
    /// Normalised value with its sign (a fall below zero), within blocks of one measure and unit.
    Value,
    /// City name.
    City,
    /// Indicator name.
    Name,
    /// Progress status (targets), then kind.
    Status,
}

impl SortKey {
    /// The next key in the cycle.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Document => SortKey::Year,
            SortKey::Year => SortKey::Value,
            SortKey::Value => SortKey::City,
            SortKey::City => SortKey::Name,
            SortKey::Name => SortKey::Status,
            SortKey::Status => SortKey::Document,
        }
    }

    /// The word the table's title shows.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Document => "document",
            SortKey::Year => "year",
            SortKey::Value => "value",
            SortKey::City => "city",
            SortKey::Name => "name",
            SortKey::Status => "status",
        }
    }
}

/// A sort key and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    /// What to sort by.
    pub key: SortKey,
    /// True for descending.
    pub reverse: bool,
}

impl Sort {
    /// `sort: year ↑`, as the table's title shows it.
    pub fn label(self) -> String {
        format!("sort: {} {}", self.key.as_str(), if self.reverse { "↓" } else { "↑" })
    }

    /// Sorts `rows` (indicators in the view's order) stably; the view's order breaks ties.
    pub fn apply(self, ds: &Dataset, progress: &ProgressIndex, rows: &mut [IndicatorId]) {
        if self.key == SortKey::Document {
            if self.reverse {
                rows.reverse();
            }
            return;
        }
        let ind = ds.indicators();
        let status = |i: IndicatorId| progress.of(i).map_or(ProgressStatus::ALL.len(), |p| p.status as usize);
        // Values compare only within one measure and unit: a sort by value keeps blocks of them (in the order
        // of the measures, then the units) and orders by the signed value inside a block, a fall below zero.
        let block = |i: IndicatorId| {
            let x = &ind[i];
            let measure = Some(ds.metric(x.metric).measure);
            (Measure::ALL.iter().position(|&k| Some(k) == measure), x.base_unit.as_str())
        };
        let signed = |i: IndicatorId| {
            let v = ind[i].base_value.to_f64();
            if ind[i].comparator == Comparator::Decrease {
                -v
            } else {
                v
            }
        };
        let cmp = |&a: &IndicatorId, &b: &IndicatorId| -> Ordering {
            let (x, y) = (&ind[a], &ind[b]);
            match self.key {
                SortKey::Document => Ordering::Equal,
                SortKey::Year => x.year.cmp(&y.year),
                SortKey::Value => signed(a).total_cmp(&signed(b)),
                SortKey::City => ds.cities()[x.city].name.cmp(&ds.cities()[y.city].name),
                SortKey::Name => x.name.cmp(&y.name),
                SortKey::Status => status(a).cmp(&status(b)).then(x.kind.cmp(&y.kind)),
            }
        };
        let blocks = |a: &IndicatorId, b: &IndicatorId| match self.key {
            SortKey::Value => block(*a).cmp(&block(*b)),
            _ => Ordering::Equal,
        };
        if self.reverse {
            rows.sort_by(|a, b| blocks(a, b).then_with(|| cmp(b, a)));
        } else {
            rows.sort_by(|a, b| blocks(a, b).then_with(|| cmp(a, b)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn ids(ds: &Dataset, rows: &[IndicatorId]) -> Vec<String> {
        rows.iter().map(|&i| ds.indicators()[i].id.to_string()).collect()
    }

    #[test]
    fn year_sort_orders_by_year_both_ways_and_document_order_is_kept_within_a_year() {
        let ds = sample::dataset();
        let p = ProgressIndex::new(&ds);
        let mut rows: Vec<IndicatorId> = ds.indicator_ids().collect();
        Sort { key: SortKey::Year, reverse: false }.apply(&ds, &p, &mut rows);
        let years: Vec<i32> = rows.iter().map(|&i| ds.indicators()[i].year).collect();
        let mut sorted = years.clone();
        sorted.sort();
        assert_eq!(years, sorted);
        let mut down: Vec<IndicatorId> = ds.indicator_ids().collect();
        Sort { key: SortKey::Year, reverse: true }.apply(&ds, &p, &mut down);
        assert_eq!(ds.indicators()[down[0]].year, *sorted.last().expect("rows"));
        assert_eq!(ds.indicators()[*down.last().expect("rows")].year, sorted[0]);
        // The two sample 2025 targets of Shenyang keep document order.
        let y2025: Vec<String> =
            ids(&ds, &rows).into_iter().filter(|id| id == "sy-5g-2025" || id == "sy-energy").collect();
        assert_eq!(y2025, ["sy-5g-2025", "sy-energy"]);
    }

    #[test]
    fn value_sort_keeps_measures_and_units_apart_and_reads_a_fall_as_negative() {
        let ds = sample::dataset();
        let p = ProgressIndex::new(&ds);
        let key = |i: IndicatorId| {
            let x = &ds.indicators()[i];
            (ds.metric(x.metric).measure, x.base_unit.to_string())
        };
        for reverse in [false, true] {
            let mut rows: Vec<IndicatorId> = ds.indicator_ids().collect();
            Sort { key: SortKey::Value, reverse }.apply(&ds, &p, &mut rows);
            // Each (measure, unit) is one run of rows.
            let mut runs: Vec<(Measure, String)> = Vec::new();
            for &i in &rows {
                if runs.last() != Some(&key(i)) {
                    assert!(!runs.contains(&key(i)), "{:?} split: {:?}", key(i), ids(&ds, &rows));
                    runs.push(key(i));
                }
            }
            // Within a run, by signed value.
            for w in rows.windows(2).filter(|w| key(w[0]) == key(w[1])) {
                let v = |i: IndicatorId| {
                    let x = &ds.indicators()[i];
                    let v = x.base_value.to_f64();
                    if x.comparator == Comparator::Decrease {
                        -v
                    } else {
                        v
                    }
                };
                assert!(if reverse { v(w[0]) >= v(w[1]) } else { v(w[0]) <= v(w[1]) }, "{:?}", ids(&ds, &rows));
            }
        }
        // A fall of 15 % is below a rise of 8 % (both percentages of the same kind would sort apart from 个).
        let energy = ds.indicator("sy-energy").expect("sample");
        assert_eq!(energy.comparator, Comparator::Decrease);
    }

    #[test]
    fn the_key_cycles_through_every_column_back_to_document_order() {
        let mut k = SortKey::Document;
        let mut seen = Vec::new();
        for _ in 0..6 {
            k = k.next();
            seen.push(k.as_str());
        }
        assert_eq!(seen, ["year", "value", "city", "name", "status", "document"]);
        assert_eq!(Sort { key: SortKey::Value, reverse: true }.label(), "sort: value ↓");
    }
}
