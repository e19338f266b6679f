//! The metrics component (view 5): the filtered indicators grouped by metric, the metrics listed by theme with
//! their counts (cities, targets, actuals), and for the selected metric its records by city and year with the
//! notes that say where they are not comparable (scope, status, period). Selection and scrolling are the browse
//! component's: here a group is a metric, a row is one of its records.

use std::collections::BTreeMap;

use ratatui::layout::Rect;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::{CityId, IndicatorId, ThemeId};
use zhibiao_core::progress::compare;
use zhibiao_core::query::{Group, GroupKey};
use zhibiao_core::schema::Kind;

use crate::layout::Areas;

/// The metrics view's right side: the chart above, the records table below (the browse screen's table and
/// detail panes together).
pub fn areas(a: &Areas) -> (Rect, Rect) {
    let right = Rect { height: a.table.height + a.detail.height, ..a.table };
    let chart_h = (right.height * 55 / 100).max(6).min(right.height);
    let chart = Rect { height: chart_h, ..right };
    let table = Rect { y: right.y + chart_h, height: right.height - chart_h, ..right };
    (chart, table)
}

/// Rows of records the metrics view's table shows (inside its border, below its header).
pub fn table_rows(a: &Areas) -> usize {
    usize::from(areas(a).1.height.saturating_sub(3))
}

/// The group key of indicator `ind` in the metrics view: its metric's theme, then the metric, so that the
/// groups (kept in key order) list the metrics theme by theme.
pub fn metric_key(ds: &Dataset, ind: IndicatorId) -> GroupKey {
    let m = ds.indicators()[ind].metric;
    GroupKey::Metric(ds.metric(m).theme, m)
}

/// Groups `matched` by metric; within a metric, records by city, then year (then document order).
pub fn groups(ds: &Dataset, matched: &[IndicatorId]) -> Vec<Group> {
    let mut by: BTreeMap<GroupKey, Vec<IndicatorId>> = BTreeMap::new();
    for &i in matched {
        by.entry(metric_key(ds, i)).or_default().push(i);
    }
    let ind = ds.indicators();
    by.into_iter()
        .map(|(key, mut members)| {
            members.sort_by(|&a, &b| {
                let city = |i: IndicatorId| &ds.city(ind[i].city).id;
                city(a).cmp(city(b)).then(ind[a].year.cmp(&ind[b].year)).then(a.cmp(&b))
            });
            Group { key, members }
        })
        .collect()
}

/// How many cities, targets and actuals a metric's records hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Distinct cities.
    pub cities: usize,
    /// Targets.
    pub targets: usize,
    /// Actuals.
    pub actuals: usize,
}

/// Counts the records `members` of one metric.
pub fn counts(ds: &Dataset, members: &[IndicatorId]) -> Counts {
    let mut cities: Vec<CityId> = members.iter().map(|&i| ds.keys_of(i).city()).collect();
    cities.sort_unstable();
    cities.dedup();
    let targets = members.iter().filter(|&&i| ds.keys_of(i).kind() == Kind::Target).count();
    Counts { cities: cities.len(), targets, actuals: members.len() - targets }
}

/// A line of the metrics list: a theme heading or a metric (by group index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListLine {
    /// A theme's heading.
    Theme(ThemeId),
    /// The metric of this group.
    Metric(usize),
}

/// The lines of the metrics list: each theme's heading, then its metrics.
pub fn list_lines(groups: &[Group]) -> Vec<ListLine> {
    let mut out = Vec::with_capacity(groups.len() * 2);
    let mut theme = None;
    for (g, group) in groups.iter().enumerate() {
        let GroupKey::Metric(t, _) = group.key else { continue };
        if theme != Some(t) {
            out.push(ListLine::Theme(t));
            theme = Some(t);
        }
        out.push(ListLine::Metric(g));
    }
    out
}

/// The first line of the metrics list to show in `rows` rows so that the selected metric (and, when it is the
/// first of its theme, its heading) shows.
pub fn list_top(lines: &[ListLine], sel: usize, rows: usize) -> usize {
    let at = lines.iter().position(|l| *l == ListLine::Metric(sel)).unwrap_or(0);
    let want = if at > 0 && matches!(lines[at - 1], ListLine::Theme(_)) { at - 1 } else { at };
    let rows = rows.max(1);
    if at < rows {
        0
    } else {
        (at + 1 - rows).min(want).min(lines.len().saturating_sub(rows))
    }
}

/// The comparability notes of records `rows` (one metric's): where they differ in scope, status or period.
pub fn notes(ds: &Dataset, rows: &[IndicatorId]) -> Vec<String> {
    let records: Vec<_> = rows.iter().map(|&i| zhibiao_core::progress::figure(ds, i)).collect();
    compare(&records).notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn metrics_are_listed_under_their_theme_with_counts() {
        let ds = sample::dataset();
        let all: Vec<IndicatorId> = ds.indicator_ids().collect();
        let gs = groups(&ds, &all);
        let five_g = gs
            .iter()
            .find(|g| g.key.metric().is_some_and(|m| ds.metric(m).id == "5g_base_stations"))
            .expect("the 5G metric is a group");
        assert_eq!(counts(&ds, &five_g.members), Counts { cities: 1, targets: 1, actuals: 1 });
        // In years order within the metric: the 2020 figure before the 2025 target.
        let ids: Vec<&str> = five_g.members.iter().map(|&i| ds.indicators()[i].id.as_str()).collect();
        assert_eq!(ids, ["sy-5g-2020", "sy-5g-2025"]);
        // Keys ascend, so themes come in order and each theme's metrics together.
        let themes: Vec<ThemeId> = gs.iter().filter_map(|g| Some(ds.metric(g.key.metric()?).theme)).collect();
        assert_eq!(themes.len(), gs.len(), "every group is a metric's");
        let mut sorted = themes.clone();
        sorted.sort();
        assert_eq!(themes, sorted);
    }

    #[test]
    fn the_list_scrolls_to_show_the_selection_with_its_heading() {
        let lines = [
            ListLine::Theme(ThemeId::new(0)),
            ListLine::Metric(0),
            ListLine::Metric(1),
            ListLine::Theme(ThemeId::new(1)),
            ListLine::Metric(2),
            ListLine::Metric(3),
        ];
        assert_eq!(list_top(&lines, 0, 3), 0);
        // Metric 2 is the first of theme 1: its heading shows above it.
        assert_eq!(list_top(&lines, 2, 3), 2);
        assert_eq!(list_top(&lines, 3, 3), 3);
    }
}
