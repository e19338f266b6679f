//! The source view component: one document with its cited quotes, the current one, scrolling and clicking a line.
//! It works on the document's wrapped layout at the pane's width, which the explorer passes in; going from a
//! quote to its indicator changes the rest of the explorer and is in `app/navigate.rs`. Its keys are the
//! `Source` rows of the key table.

use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::{DocId, IndicatorId};

use crate::doclayout::DocLayout;
use crate::nav::BrowseLoc;

/// The source view: one document, its cited quotes, the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceState {
    /// The document.
    pub doc: DocId,
    /// Every indicator citing the document, in order of their quotes.
    pub stops: Vec<IndicatorId>,
    /// Index into `stops` of the current quote.
    pub current: usize,
    /// Byte offset of the first line shown (a byte offset, so scrolling survives a resize).
    pub top: usize,
    /// Where Esc returns to.
    pub back: BrowseLoc,
}

impl SourceState {
    /// The indicator whose quote is current.
    pub fn indicator(&self) -> IndicatorId {
        self.stops[self.current]
    }

    /// The source view of indicator `ind`'s document, its quote current; `back` is where Esc returns to.
    pub fn open(ds: &Dataset, ind: IndicatorId, back: BrowseLoc) -> SourceState {
        let doc = ds.indicators()[ind].doc;
        let mut stops: Vec<IndicatorId> = ds.indicators_of_document(doc).collect();
        stops.sort_by_key(|&i| (ds.indicators()[i].span.start, ds.indicators()[i].span.end, i));
        let current = stops.iter().position(|&i| i == ind).unwrap_or(0);
        SourceState { doc, stops, current, top: 0, back }
    }

    /// Scrolls so the current quote is in view in `rows` rows, a third of the way down when it was not.
    pub fn scroll_to_quote(&mut self, ds: &Dataset, layout: &DocLayout, rows: usize) {
        let rows = rows.max(1);
        if layout.lines.is_empty() {
            return;
        }
        let span = ds.indicators()[self.indicator()].span.clone();
        let (first, last) = layout.lines_of(&span);
        let top = layout.line_of(self.top);
        let new_top = if first >= top && last < top + rows {
            top
        } else if last - first + 1 >= rows {
            first
        } else {
            first.saturating_sub(rows / 3)
        };
        self.top = layout.lines[new_top.min(layout.lines.len() - 1)].range.start;
    }

    /// Scrolls by `delta` lines, keeping the last page of `rows` rows full.
    pub fn scroll(&mut self, layout: &DocLayout, rows: usize, delta: isize) {
        if layout.lines.is_empty() {
            return;
        }
        let max_top = layout.lines.len().saturating_sub(rows.max(1));
        let top = (layout.line_of(self.top) as isize + delta).clamp(0, max_top as isize) as usize;
        self.top = layout.lines[top].range.start;
    }

    /// A click on line `line` of the pane makes the first quote on that line current.
    pub fn click(&mut self, ds: &Dataset, layout: &DocLayout, line: usize) {
        let Some(l) = layout.lines.get(layout.line_of(self.top) + line) else { return };
        if let Some(k) = self.stops.iter().position(|&i| {
            let sp = &ds.indicators()[i].span;
            sp.start < l.range.end && l.range.start < sp.end
        }) {
            self.current = k;
        }
    }
}
