//! The groups pane and the indicator table (views 1–5), which are the model's own fields: filtering, grouping,
//! selection, scrolling, the mouse over the screen, sorting, export and what a pick does to the filters. Its
//! keys are the `Browse` and `Main` rows of the key table.

use zhibiao_core::ids::{IndicatorId, MetricId};
use zhibiao_core::query::{group, GroupKey};

use super::Model;
use crate::action::{Action, Effect};
use crate::component::metrics;
use crate::component::picker::Picker;
use crate::detail_text;
use crate::export;
use crate::filters::{FilterPath, Filters};
use crate::layout::{self, ColumnWidths};
use crate::scroll::{scrolled, step};
use crate::signed::signed_base_value;
use crate::sort::{Sort, SortKey};
use crate::state::Input;
use crate::text;
use crate::vocab::{Focus, Lang, ViewKind};

impl Model {
    pub(crate) fn group_key_of(&self, ind: IndicatorId) -> GroupKey {
        match self.ui.view {
            ViewKind::Metrics => metrics::metric_key(&self.ds, ind),
            _ => self.ui.view.group_by().key(&self.ds, ind),
        }
    }

    /// Recomputes `matched` after the filters changed (from `before`, when known), then the groups.
    pub(crate) fn apply_filters(&mut self, before: Option<&Filters>) {
        self.refilter(before);
        let keep = self.selected();
        self.regroup(keep);
    }

    /// Computes `matched` for the filters, without grouping it (see [`Model::apply_filters`]).
    pub(crate) fn refilter(&mut self, before: Option<&Filters>) {
        let f = self.ui.filters.query();
        if before.is_some_and(|b| self.ui.filters.narrows(b)) {
            self.matched = f.refine(&self.ds, &self.matched);
            self.filter_path = FilterPath::Refined;
        } else {
            self.matched = f.apply(&self.ds);
            self.filter_path = FilterPath::Full;
        }
        self.text_filter = f.text;
    }

    /// Regroups `matched` for the view, selecting indicator `keep` if it is still shown, else the same group.
    pub(crate) fn regroup(&mut self, keep: Option<IndicatorId>) {
        let old_key = self.group().map(|g| g.key);
        self.groups = if self.ui.view == ViewKind::Metrics {
            metrics::groups(&self.ds, &self.matched)
        } else {
            group(&self.ds, &self.matched, self.ui.view.group_by())
        };
        if self.ui.view == ViewKind::Years {
            // A timeline: within a year, targets first, then what was achieved; by city within each.
            let ds = &self.ds;
            for g in &mut self.groups {
                g.members.sort_by_key(|&i| (ds.keys_of(i).kind(), ds.keys_of(i).city(), i));
            }
        }
        if self.ui.sort != Sort::default() {
            if self.ui.sort.key == SortKey::Status {
                self.progress.prepare(&self.ds, self.matched.iter().copied());
            }
            for g in &mut self.groups {
                self.ui.sort.apply(&self.ds, &self.progress, &mut g.members);
            }
        }
        self.select(keep, old_key);
    }

    /// Selects indicator `ind` if it is shown; otherwise the group with key `key`, or the nearest group.
    pub(crate) fn select(&mut self, ind: Option<IndicatorId>, key: Option<GroupKey>) {
        let found = ind.and_then(|i| {
            let k = self.group_key_of(i);
            let g = self.groups.binary_search_by_key(&k, |g| g.key).ok()?;
            let r = self.groups[g].members.iter().position(|&m| m == i)?;
            Some((g, r))
        });
        match found {
            Some((g, r)) => {
                self.ui.group_sel = g;
                self.ui.row_sel = r;
            }
            None => {
                self.ui.group_sel = match key.map(|k| self.groups.binary_search_by_key(&k, |g| g.key)) {
                    Some(Ok(g)) => g,
                    Some(Err(g)) => g.min(self.groups.len().saturating_sub(1)),
                    None => self.ui.group_sel.min(self.groups.len().saturating_sub(1)),
                };
                self.ui.row_sel = 0;
            }
        }
        self.refresh_table();
    }

    /// Selects group `g` with its first row at the top, unless it is already selected.
    pub(crate) fn select_group(&mut self, g: usize) {
        if g != self.ui.group_sel {
            self.ui.group_sel = g;
            self.ui.row_sel = 0;
            self.ui.row_top = 0;
            self.refresh_table();
        }
    }

    /// Measures the table's columns for the selected group and keeps the selection in view.
    pub(crate) fn refresh_table(&mut self) {
        let mut w = ColumnWidths::default();
        let en = self.ui.lang == Lang::En;
        let mut cities = vec![false; self.ds.cities().len()];
        let rows = self.groups.get(self.ui.group_sel).map_or(&[][..], |g| &g.members);
        self.progress.prepare(&self.ds, rows.iter().copied());
        for &i in rows {
            let [name, name_en, value] = self.cell_widths.get(&self.ds, i);
            w.name = w.name.max(name);
            if en {
                w.name_en = w.name_en.max(name_en);
            }
            w.value = w.value.max(value);
            w.progress = w.progress.max(self.progress.cell_width(i));
            if self.ui.show_base {
                w.base = w.base.max(text::width(&signed_base_value(&self.ds.indicators()[i])));
            }
            cities[self.ds.indicators()[i].city.index()] = true;
        }
        for (city, _) in self.ds.cities().iter().zip(&cities).filter(|(_, &seen)| seen) {
            let name = if en { &city.name_en } else { &city.name };
            w.city = w.city.max(text::width(name));
        }
        self.widths = w;
        self.metric_notes = match self.ui.view {
            ViewKind::Metrics => metrics::notes(&self.ds, self.rows()),
            _ => Vec::new(),
        };
        self.ui.row_sel = self.ui.row_sel.min(self.rows().len().saturating_sub(1));
        self.keep_in_view();
    }

    /// Scrolls the group list and the table so their selections are visible.
    pub(crate) fn keep_in_view(&mut self) {
        let a = self.areas();
        self.ui.group_top = scrolled(self.ui.group_top, self.ui.group_sel, a.group_rows(), self.groups.len());
        self.ui.row_top = scrolled(self.ui.row_top, self.ui.row_sel, self.table_rows(), self.rows().len());
    }

    /// Rows the table of the current view shows.
    pub(crate) fn table_rows(&self) -> usize {
        match self.ui.view {
            ViewKind::Metrics => metrics::table_rows(&self.areas()),
            _ => self.areas().table_rows(),
        }
    }

    pub(crate) fn move_rows(&mut self, delta: isize) {
        match self.ui.focus {
            Focus::Groups => {
                let g = step(self.ui.group_sel, delta, self.groups.len());
                self.select_group(g);
            }
            Focus::Table => {
                self.ui.row_sel = step(self.ui.row_sel, delta, self.rows().len());
                self.keep_in_view();
            }
        }
    }

    /// A click at (`col`, `row`); a click on a tab returns the action it stands for, for `update` to apply.
    pub(crate) fn click(&mut self, col: u16, row: u16) -> Option<Action> {
        let a = self.areas();
        if a.too_small() || self.ui.input.is_overlay() {
            return None;
        }
        if layout::contains(a.tabs, col, row) {
            return a.tab_ranges().into_iter().find(|(_, r)| r.contains(&col)).map(|(v, _)| Action::ShowView(v));
        }
        if self.ui.source.is_some() {
            if layout::contains(a.source, col, row) && row > a.source.y {
                self.click_source(usize::from(row - a.source.y - 1));
            }
            return None;
        }
        if self.ui.view == ViewKind::Metrics && layout::contains(a.groups, col, row) && row > a.groups.y {
            if self.click_metric(usize::from(row - a.groups.y - 1)) {
                self.ui.focus = Focus::Groups;
            }
            return None;
        }
        if layout::contains(a.groups, col, row) && row > a.groups.y {
            let g = self.ui.group_top + usize::from(row - a.groups.y - 1);
            if g < self.groups.len() {
                self.ui.focus = Focus::Groups;
                self.select_group(g);
            }
        }
        if self.ui.view != ViewKind::Metrics && layout::contains(a.detail, col, row) && row > a.detail.y {
            // A click on an actual's "counts to" line goes to the target.
            if let Some(i) = self.current_indicator() {
                let width = usize::from(a.detail.width.saturating_sub(2));
                let line = usize::from(row - a.detail.y - 1) + self.detail_offset();
                if detail_text::counts_lines(&self.ds, &self.progress, self.ui.lang, i, width).contains(&line) {
                    self.go_to_target();
                }
            }
            return None;
        }
        let table = if self.ui.view == ViewKind::Metrics { metrics::areas(&a).1 } else { a.table };
        if layout::contains(table, col, row) && row > table.y + 1 {
            let r = self.ui.row_top + usize::from(row - table.y - 2);
            if r < self.rows().len() {
                self.ui.focus = Focus::Table;
                self.ui.row_sel = r;
                self.keep_in_view();
            }
        }
        None
    }

    pub(crate) fn wheel(&mut self, col: u16, row: u16, down: bool) {
        let d: isize = if down { 3 } else { -3 };
        match &mut self.ui.input {
            Input::Help(s) => {
                *s = if down { *s + 3 } else { s.saturating_sub(3) };
                return;
            }
            Input::Picker(p) => {
                p.move_by(d);
                return;
            }
            _ => {}
        }
        let a = self.areas();
        let panel = crate::errors::rect(&a);
        if !self.load_errors.is_empty() && layout::contains(panel, col, row) {
            // The errors panel covers what is under it: the wheel scrolls the errors, three lines at a time.
            let (w, h) = (usize::from(panel.width.saturating_sub(2)), usize::from(panel.height.saturating_sub(2)));
            let total = crate::errors::lines(&self.load_errors, w).len();
            let max = total.saturating_sub(h.saturating_sub(1).max(1));
            self.ui.errors_scroll = (self.ui.errors_scroll.min(max) as isize + d).clamp(0, max as isize) as usize;
        } else if self.ui.source.is_some() {
            self.scroll_source(d);
        } else if self.ui.view == ViewKind::Candidates {
            // View 6: the wheel moves through the figures (or the documents, on the left).
            self.ui.focus = if layout::contains(a.groups, col, row) { Focus::Groups } else { Focus::Table };
            self.move_candidates(d.signum());
        } else if self.ui.view != ViewKind::Metrics && layout::contains(a.detail, col, row) {
            // The detail pane scrolls its own text; the table's selection stays.
            let n = (self.detail_offset() as isize + d).max(0) as usize;
            self.ui.detail_scroll = (self.current_indicator(), n);
        } else if layout::contains(a.groups, col, row) {
            let g = step(self.ui.group_sel, d.signum(), self.groups.len());
            self.select_group(g);
        } else {
            self.ui.row_sel = step(self.ui.row_sel, d, self.rows().len());
            self.keep_in_view();
        }
    }

    /// The metric whose records the metrics view shows.
    pub fn selected_metric(&self) -> Option<MetricId> {
        self.group().and_then(|g| g.key.metric())
    }

    /// A click on line `line` (0-based, inside the border) of the metrics list selects that metric.
    pub(crate) fn click_metric(&mut self, line: usize) -> bool {
        let lines = metrics::list_lines(&self.groups);
        let top = metrics::list_top(&lines, self.ui.group_sel, self.areas().group_rows());
        match lines.get(top + line) {
            Some(metrics::ListLine::Metric(g)) => {
                self.select_group(*g);
                true
            }
            _ => false,
        }
    }

    /// Sorts by the next column, or reverses the sort; the selected indicator stays selected.
    pub(crate) fn change_sort(&mut self, reverse: bool) {
        if reverse {
            self.ui.sort.reverse = !self.ui.sort.reverse;
        } else {
            self.ui.sort.key = self.ui.sort.key.next();
        }
        let keep = self.selected();
        self.regroup(keep);
        self.ui.message = Some(self.ui.sort.label());
    }

    /// Opens the prompt for the export's file name, offering the default name.
    pub(crate) fn start_export(&mut self) {
        if self.rows().is_empty() {
            self.ui.message = Some("nothing to export: no row is shown".to_string());
            return;
        }
        self.ui.input = Input::Export(export::DEFAULT_NAME.to_string());
    }

    /// Asks for the table's rows (filtered, in the order shown) to be written to the file `name` typed in the
    /// prompt.
    pub(crate) fn finish_export(&mut self, name: String) -> Option<Effect> {
        Some(Effect::Export { dir: self.ui.export_dir.clone(), name, rows: self.rows().to_vec() })
    }

    /// Remembers which fields of the filters gained a value since `before`, most recent last, for Backspace.
    pub(crate) fn note_added(&mut self, before: &Filters) {
        for field in self.ui.filters.added_since(before) {
            self.ui.filter_order.retain(|&f| f != field);
            self.ui.filter_order.push(field);
        }
    }

    /// Enter in a picker: its choices replace the filter's values.
    pub(crate) fn pick(&mut self, p: &Picker) {
        let before = self.ui.filters.clone();
        p.apply(&mut self.ui.filters);
        self.note_added(&before);
        if self.ui.filters != before {
            self.apply_filters(Some(&before));
        }
    }
}
