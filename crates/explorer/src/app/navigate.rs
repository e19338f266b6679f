//! Moving around the explorer as a whole: where the user is ([`Location`]), jumping with a history entry and
//! coming back, opening the source view of an indicator and going from a quote or an actual to its record or
//! target, moving by rows or lines in whatever has the keyboard. These touch several components at once, so
//! they are the model's; the source view's own moves are [`crate::component::source`].

use std::rc::Rc;

use zhibiao_core::ids::IndicatorId;

use super::Model;
use crate::component::source::SourceState;
use crate::doclayout::DocLayout;
use crate::nav::{BrowseLoc, Location, Stop};
use crate::vocab::{Focus, ViewKind};

impl Model {
    pub(crate) fn browse_loc(&self) -> BrowseLoc {
        BrowseLoc { view: self.ui.view, group: self.group().map(|g| g.key), indicator: self.selected() }
    }

    pub(crate) fn location(&self) -> Location {
        match &self.ui.source {
            Some(s) => Location::Source { indicator: s.indicator(), back: s.back },
            None => Location::Browse(self.browse_loc()),
        }
    }
    /// Goes to `loc` without recording a jump.
    pub(crate) fn restore(&mut self, loc: Location) {
        match loc {
            Location::Browse(b) => {
                self.ui.source = None;
                self.ui.view = b.view;
                let keep = b.indicator.filter(|i| self.matched.binary_search(i).is_ok());
                self.groups.clear();
                self.regroup(keep);
                if keep.is_none() {
                    self.select(None, b.group);
                }
            }
            Location::Source { indicator, back } => self.open_source(indicator, back),
        }
    }

    /// Goes back or forward to a remembered stop, restoring its filters when the jump away from it changed them.
    pub(crate) fn restore_stop(&mut self, stop: Stop) {
        if let Some(f) = stop.filters {
            if f != self.ui.filters {
                self.ui.filters = f;
                self.apply_filters(None);
                self.ui.message = Some("filters restored".to_string());
            }
        }
        self.restore(stop.loc);
    }

    /// Goes to `loc`, recording a jump from here.
    pub(crate) fn jump(&mut self, loc: Location) {
        let here = self.location();
        self.ui.history.jump(here, None);
        self.restore(loc);
    }

    pub(crate) fn page(&self) -> isize {
        let a = self.areas();
        let rows = match (&self.ui.source, self.ui.focus) {
            (Some(_), _) => a.source_rows(),
            (None, _) if self.ui.view == ViewKind::Candidates => a.table_rows(),
            (None, Focus::Groups) => a.group_rows(),
            (None, Focus::Table) => self.table_rows(),
        };
        rows.max(1) as isize
    }

    /// Moves by `delta` rows in the browse screen or lines in the source view.
    pub(crate) fn move_by(&mut self, delta: isize) {
        if self.ui.source.is_some() {
            self.scroll_source(delta);
        } else if self.ui.view == ViewKind::Candidates {
            self.move_candidates(delta);
        } else {
            self.move_rows(delta);
        }
    }

    /// The wrapped layout of the open document at the source pane's width (cached; wrapped on first use).
    pub fn source_layout(&mut self) -> Option<Rc<DocLayout>> {
        let doc = self.ui.source.as_ref()?.doc;
        let text = &self.ds.documents()[doc].text;
        let width = self.areas().source_text_width(text.paragraphs.len());
        Some(self.layouts.get(doc, text, width))
    }

    /// Opens the source view of indicator `ind`'s document, its quote current and in view.
    pub(crate) fn open_source(&mut self, ind: IndicatorId, back: BrowseLoc) {
        self.ui.source = Some(SourceState::open(&self.ds, ind, back));
        self.scroll_to_quote();
    }

    /// Scrolls the source view so the current quote is in view, a third of the way down when it was not.
    pub(crate) fn scroll_to_quote(&mut self) {
        let rows = self.areas().source_rows();
        let Some(layout) = self.source_layout() else { return };
        if let Some(s) = self.ui.source.as_mut() {
            s.scroll_to_quote(&self.ds, &layout, rows);
        }
    }

    /// Scrolls the source view by `delta` lines.
    pub(crate) fn scroll_source(&mut self, delta: isize) {
        let rows = self.areas().source_rows();
        let Some(layout) = self.source_layout() else { return };
        if let Some(s) = self.ui.source.as_mut() {
            s.scroll(&layout, rows, delta);
        }
    }

    /// A click on line `line` of the source pane makes the first quote on that line current.
    pub(crate) fn click_source(&mut self, line: usize) {
        let Some(layout) = self.source_layout() else { return };
        if let Some(s) = self.ui.source.as_mut() {
            s.click(&self.ds, &layout, line);
        }
    }

    /// Goes from the source view to the current quote's indicator in the table, clearing filters that hide it;
    /// the jump remembers them, so Ctrl-o brings them back.
    pub(crate) fn go_to_indicator(&mut self) {
        let Some(s) = &self.ui.source else { return };
        let ind = s.indicator();
        let view = s.back.view;
        let here = self.location();
        let mut replaced = None;
        if self.matched.binary_search(&ind).is_err() {
            replaced = Some(std::mem::take(&mut self.ui.filters));
            self.apply_filters(None);
        }
        self.ui.focus = Focus::Table;
        self.ui.history.jump(here, replaced.clone());
        self.restore(Location::Browse(BrowseLoc { view, group: None, indicator: Some(ind) }));
        if replaced.is_some() {
            self.ui.message = Some("filters cleared to show the indicator (Ctrl-o brings them back)".to_string());
        }
    }

    /// From a selected actual, goes to the first target it counts toward (clearing filters that hide it; Ctrl-o
    /// comes back).
    pub(crate) fn go_to_target(&mut self) {
        let Some(i) = self.current_indicator() else { return };
        let Some(&t) = self.progress.toward(i).first() else {
            self.ui.message = Some("this record counts toward no target".to_string());
            return;
        };
        let here = self.location();
        let mut replaced = None;
        if self.matched.binary_search(&t).is_err() {
            replaced = Some(std::mem::take(&mut self.ui.filters));
            self.apply_filters(None);
        }
        self.ui.focus = Focus::Table;
        self.ui.history.jump(here, replaced.clone());
        let view = self.ui.view;
        self.restore(Location::Browse(BrowseLoc { view, group: None, indicator: Some(t) }));
        self.ui.message = Some(match replaced {
            Some(_) => {
                format!("target {} (filters cleared to show it; Ctrl-o brings them back)", self.ds.indicators()[t].id)
            }
            None => format!("target {}", self.ds.indicators()[t].id),
        });
    }
}
