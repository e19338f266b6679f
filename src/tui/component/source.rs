//! The source view component: one document with its cited quotes, scrolling, clicking a line, and going from a
//! quote to its indicator. Its keys are the `Source` rows of the key table.

use crate::tui::app::Model;
use crate::tui::nav::{BrowseLoc, Location};
use crate::tui::vocab::Focus;

/// The source view: one document, its cited quotes, the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceState {
    /// Document index.
    pub doc: usize,
    /// Every indicator citing the document, in order of their quotes.
    pub stops: Vec<usize>,
    /// Index into `stops` of the current quote.
    pub current: usize,
    /// Byte offset of the first line shown (a byte offset, so scrolling survives a resize).
    pub top: usize,
    /// Where Esc returns to.
    pub back: BrowseLoc,
}

impl SourceState {
    /// The indicator whose quote is current.
    pub fn indicator(&self) -> usize {
        self.stops[self.current]
    }
}

impl Model {
    /// Opens the source view of indicator `ind`'s document, its quote current and in view.
    pub(crate) fn open_source(&mut self, ind: usize, back: BrowseLoc) {
        let doc = self.ds.indicators()[ind].doc;
        let ds = &self.ds;
        let mut stops: Vec<usize> = ds.indicators_of_document(doc).collect();
        stops.sort_by_key(|&i| (ds.indicators()[i].span.start, ds.indicators()[i].span.end, i));
        let current = stops.iter().position(|&i| i == ind).unwrap_or(0);
        self.source = Some(SourceState { doc, stops, current, top: 0, back });
        self.scroll_to_quote();
    }

    /// Scrolls the source view so the current quote is in view, a third of the way down when it was not.
    pub(crate) fn scroll_to_quote(&mut self) {
        let rows = self.areas().source_rows().max(1);
        let Some(layout) = self.source_layout() else { return };
        let Some(s) = self.source.as_mut() else { return };
        if layout.lines.is_empty() {
            return;
        }
        let span = self.ds.indicators()[s.indicator()].span.clone();
        let (first, last) = layout.lines_of(&span);
        let top = layout.line_of(s.top);
        let new_top = if first >= top && last < top + rows {
            top
        } else if last - first + 1 >= rows {
            first
        } else {
            first.saturating_sub(rows / 3)
        };
        s.top = layout.lines[new_top.min(layout.lines.len() - 1)].range.start;
    }

    /// Scrolls the source view by `delta` lines.
    pub(crate) fn scroll_source(&mut self, delta: isize) {
        let rows = self.areas().source_rows();
        let Some(layout) = self.source_layout() else { return };
        let Some(s) = self.source.as_mut() else { return };
        if layout.lines.is_empty() {
            return;
        }
        let max_top = layout.lines.len().saturating_sub(rows.max(1));
        let top = (layout.line_of(s.top) as isize + delta).clamp(0, max_top as isize) as usize;
        s.top = layout.lines[top].range.start;
    }

    /// Goes from the source view to the current quote's indicator in the table, clearing filters that hide it;
    /// the jump remembers them, so Ctrl-o brings them back.
    pub(crate) fn go_to_indicator(&mut self) {
        let Some(s) = &self.source else { return };
        let ind = s.indicator();
        let view = s.back.view;
        let here = self.location();
        let mut replaced = None;
        if self.matched.binary_search(&ind).is_err() {
            replaced = Some(std::mem::take(&mut self.filters));
            self.apply_filters(None);
        }
        self.focus = Focus::Table;
        self.history.jump(here, replaced.clone());
        self.restore(Location::Browse(BrowseLoc { view, group: None, indicator: Some(ind) }));
        if replaced.is_some() {
            self.message = Some("filters cleared to show the indicator (Ctrl-o brings them back)".to_string());
        }
    }

    /// A click on line `line` of the source pane makes the first quote on that line current.
    pub(crate) fn click_source(&mut self, line: usize) {
        let Some(layout) = self.source_layout() else { return };
        let Some(s) = self.source.as_mut() else { return };
        let Some(l) = layout.lines.get(layout.line_of(s.top) + line) else { return };
        let ds = &self.ds;
        if let Some(k) = s.stops.iter().position(|&i| {
            let sp = &ds.indicators()[i].span;
            sp.start < l.range.end && l.range.start < sp.end
        }) {
            s.current = k;
        }
    }
}
