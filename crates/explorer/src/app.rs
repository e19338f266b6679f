//! The explorer's state and the one function that changes it: [`Model`], which holds the dataset with what is
//! computed from it and the user's [`ViewState`], and [`update`], which routes each [`Action`] to the components.
//!
//! Keys and mouse events become actions (see [`crate::keymap`]); [`update`] applies an action to the model and
//! returns the side effect, if any, for the event loop to perform (the clipboard, an export, an append to the
//! dataset: `update` writes no file); the loop hands the outcome back through [`finish`]. The components
//! (`crate::component`) own their state and the moves within it and know nothing of the model; the model calls
//! them with the parts they need. What changes several parts at once is the model's, in three files beside this
//! one: `browse.rs` (the groups pane and the table: filtering, grouping, selection, the mouse, sorting, export),
//! `navigate.rs` (locations, jumps, the source view opened and left) and `candidates.rs` (view 6's rows for the
//! dataset and its writes). The view only reads the model.

mod browse;
mod candidates;
mod navigate;

use ratatui::layout::Rect;
use zhibiao_core::dataset::{Dataset, Moves, SearchBuild};
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::query::{Group, TextFilter};
use zhibiao_core::schema::Kind;

#[cfg(test)]
pub(crate) use self::candidates::scratch;
use crate::action::{Action, Done, Effect};
use crate::clipboard;
use crate::component::candidates::Candidates;
use crate::component::picker::Picker;
use crate::doclayout::LayoutCache;
use crate::filters::{FilterPath, Filters};
use crate::layout::{Areas, CellWidths, ColumnWidths};
use crate::nav::{BrowseLoc, Location};
use crate::progress_index::ProgressIndex;
use crate::state::{Input, ViewState};
use crate::vocab::{Focus, Lang, Mode, ViewKind};

/// Cities judged per [`Action::WorkAhead`]: at a hundred records a city, about a millisecond.
const WORK_AHEAD_CITIES: usize = 16;
/// Cells measured per [`Action::WorkAhead`].
const WORK_AHEAD_ROWS: usize = 4000;
/// Records of the search buffer measured or added per [`Action::WorkAhead`]: about a millisecond.
const WORK_AHEAD_SEARCH: usize = 2000;

/// The whole state of the explorer: the dataset with what is computed from it for the screen, and the
/// [`ViewState`] the user has set, which a reload keeps (see `crate::reload`).
#[derive(Debug)]
pub struct Model {
    /// The dataset, read-only.
    pub ds: Dataset,
    /// What the user has set: view, filters, sort, columns, selection, history, what is being typed.
    pub ui: ViewState,
    /// The indicator files of the dataset folder as they were when the dataset shown was loaded (path → stamp):
    /// view 6 writes a file only if it is still so, else it reloads first (someone saved an edit not shown yet).
    pub loaded: std::collections::HashMap<String, zhibiao_core::cache::Stamp>,
    /// The compiled text filter, for highlighting matches.
    pub text_filter: Option<TextFilter>,
    /// Indicators passing the filters, in dataset order.
    pub matched: Vec<IndicatorId>,
    /// How `matched` was last computed.
    pub filter_path: FilterPath,
    /// Groups of `matched` for the view.
    pub groups: Vec<Group>,
    /// Content widths of the table's columns.
    pub widths: ColumnWidths,
    /// Display widths of each indicator's name, English name and value, measured once (on first use).
    pub(crate) cell_widths: CellWidths,
    /// Wrapped documents by (document, width).
    pub layouts: LayoutCache,
    /// View 6: the candidates and their drafts.
    pub cands: Candidates,
    /// `check`'s errors from the last reload that failed (the dataset shown is the last good one); empty when
    /// the last reload succeeded.
    pub load_errors: Vec<String>,
    /// The progress of every target, judged city by city: always for what is shown (see [`ProgressIndex`]).
    pub progress: ProgressIndex,
    /// Comparability notes of the metric the metrics view shows.
    pub metric_notes: Vec<String>,
    /// The search buffer being built while nobody types, so that the first key of a text filter finds it built
    /// (about 0.1 s at 1,000 cities, 1.4 s at 12,000, if that key had to build it).
    search_build: SearchBuild,
}

impl Model {
    /// A model showing every indicator of `ds`, grouped by city, for a terminal of `size`.
    pub fn new(ds: Dataset, size: (u16, u16)) -> Model {
        Model::with_state(ds, ViewState::new(size))
    }

    /// A model showing `ds` as `ui` says (its filters, view and sort applied; the first group selected).
    pub fn with_state(ds: Dataset, ui: ViewState) -> Model {
        // Nothing is measured or judged for the other groups yet: the first frame shows one (see `work_ahead`).
        let cell_widths = CellWidths::new(&ds);
        let progress = ProgressIndex::lazy(&ds);
        let loaded = ui.root.as_deref().map(candidates::stamps_of).unwrap_or_default();
        let mut m = Model {
            ds,
            ui,
            loaded,
            text_filter: None,
            matched: Vec::new(),
            filter_path: FilterPath::Full,
            groups: Vec::new(),
            widths: ColumnWidths::default(),
            cell_widths,
            layouts: LayoutCache::default(),
            cands: Candidates::default(),
            load_errors: Vec::new(),
            progress,
            metric_notes: Vec::new(),
            search_build: SearchBuild::default(),
        };
        m.apply_filters(None);
        m.settle();
        m
    }

    /// After the dataset was spliced in place as `moves` says (a live reload of a few saved files): the records'
    /// widths spliced the same way, the files read again noted as loaded, the progress of their cities to judge
    /// again as shown (every other city's kept), and the filters applied again. What depends on the documents
    /// alone (their wrapped layouts) stays.
    pub(crate) fn spliced(&mut self, moves: &Moves, files: Vec<(String, zhibiao_core::cache::Stamp)>) {
        self.cell_widths.splice(moves);
        self.progress = self.progress.spliced(&self.ds, moves);
        if self.ui.root.is_some() {
            self.loaded.extend(files);
        }
        self.cands = Candidates::default();
        self.load_errors.clear();
        // Grouped once the place to keep is known (`reload`'s `restore`).
        self.refilter(None);
    }

    /// Judges the progress of what the screen shows and no more: the rows of the selected group (measured with
    /// the table) and the indicator the detail pane is about. Runs after every update.
    pub(crate) fn settle(&mut self) {
        if self.progress.is_complete() {
            return;
        }
        let rows = self.groups.get(self.ui.group_sel).map_or(&[][..], |g| &g.members);
        self.progress.prepare(&self.ds, rows.iter().copied().chain(self.current_indicator()));
    }

    /// True while some progress is left to judge, some cell to measure or the search buffer to build ahead of
    /// need (see [`Action::WorkAhead`]).
    pub fn has_work_ahead(&self) -> bool {
        !self.progress.is_complete() || !self.cell_widths.is_complete() || !self.ds.search_is_built()
    }

    /// A few milliseconds of the work the first frame skipped: judging the next cities' progress, measuring the
    /// next cells and building the search buffer, so that a view over every city (or a sort by status, or a text
    /// filter) finds them done.
    fn work_ahead(&mut self) {
        self.progress.work_ahead(&self.ds, WORK_AHEAD_CITIES);
        self.cell_widths.work_ahead(&self.ds, WORK_AHEAD_ROWS);
        self.ds.build_search_step(&mut self.search_build, WORK_AHEAD_SEARCH);
    }

    /// The mode, which decides the key bindings.
    pub fn mode(&self) -> Mode {
        self.ui.mode()
    }

    /// The pane rectangles for the current terminal size.
    pub fn areas(&self) -> Areas {
        Areas::of(Rect::new(0, 0, self.ui.size.0, self.ui.size.1))
    }

    /// The selected group, if any.
    pub fn group(&self) -> Option<&Group> {
        self.groups.get(self.ui.group_sel)
    }

    /// The rows of the table: the members of the selected group.
    pub fn rows(&self) -> &[IndicatorId] {
        self.group().map_or(&[], |g| g.members.as_slice())
    }

    /// The indicator selected in the table.
    pub fn selected(&self) -> Option<IndicatorId> {
        self.rows().get(self.ui.row_sel).copied()
    }

    /// The indicator the detail pane and the yank key are about: the current quote in the source view, else
    /// the table's selection.
    pub fn current_indicator(&self) -> Option<IndicatorId> {
        match &self.ui.source {
            Some(s) => Some(s.indicator()),
            None => self.selected(),
        }
    }

    /// Lines the detail pane of the current indicator is scrolled by.
    pub fn detail_offset(&self) -> usize {
        match self.ui.detail_scroll {
            (Some(i), n) if Some(i) == self.current_indicator() => n,
            _ => 0,
        }
    }
}

/// Applies `action` to the model; returns the side effect for the event loop, if any. Afterwards, the progress of
/// everything the view can show is judged (see [`Model::settle`]).
pub fn update(m: &mut Model, action: Action) -> Option<Effect> {
    let effect = apply(m, action);
    // Work ahead changes nothing a view shows.
    if action != Action::WorkAhead {
        m.settle();
    }
    effect
}

/// [`update`] without settling.
fn apply(m: &mut Model, action: Action) -> Option<Effect> {
    if !matches!(action, Action::Resize(..) | Action::Wheel(..) | Action::WorkAhead) {
        m.ui.message = None;
    }
    match action {
        Action::Quit => m.ui.quit = true,
        Action::WorkAhead => m.work_ahead(),
        Action::ToggleHelp => {
            m.ui.input = match m.ui.input {
                Input::Help(_) => Input::None,
                _ => Input::Help(0),
            }
        }
        Action::CloseOverlay => m.ui.input = Input::None,
        Action::ToggleLang => {
            m.ui.lang = match m.ui.lang {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            };
            m.refresh_table();
        }
        Action::Yank if m.ui.source.is_none() && m.ui.view == ViewKind::Candidates => {
            // View 6's row is a figure of a document, not the table's record left selected in another view.
            let Some(r) = m.cands.selected() else {
                m.ui.message = Some("nothing selected to copy".to_string());
                return None;
            };
            let citation = clipboard::cite(&m.ds, r.doc, &r.draft.quote, r.paragraph, m.ui.lang);
            m.ui.message = Some(format!("copied citation of {} (¶{}) to the clipboard (OSC 52)", r.text, r.paragraph));
            return Some(Effect::Copy(citation));
        }
        Action::Yank => {
            let Some(i) = m.current_indicator() else {
                m.ui.message = Some("nothing selected to copy".to_string());
                return None;
            };
            let citation = clipboard::citation(&m.ds, i, m.ui.lang);
            m.ui.message = Some(format!("copied citation of {} to the clipboard (OSC 52)", m.ds.indicators()[i].id));
            return Some(Effect::Copy(citation));
        }
        Action::StartFilter => m.ui.input = Input::Filter,
        Action::CycleSort | Action::ReverseSort => m.change_sort(action == Action::ReverseSort),
        Action::ToggleBaseValue => {
            m.ui.show_base = !m.ui.show_base;
            m.refresh_table();
        }
        Action::StartExport => m.start_export(),
        Action::GoToTarget => m.go_to_target(),
        Action::OpenPicker(kind) => m.ui.input = Input::Picker(Picker::new(kind, &m.ds, &m.ui.filters, m.ui.lang)),
        Action::CycleKind => {
            let before = m.ui.filters.clone();
            m.ui.filters.kind = match m.ui.filters.kind {
                None => Some(Kind::Target),
                Some(Kind::Target) => Some(Kind::Actual),
                Some(Kind::Actual) => None,
            };
            m.note_added(&before);
            m.apply_filters(Some(&before));
        }
        Action::ToggleChoice => {
            if let Input::Picker(p) = &mut m.ui.input {
                p.toggle();
            }
        }
        Action::DropFilter => {
            let before = m.ui.filters.clone();
            match m.ui.filters.drop_last(&mut m.ui.filter_order) {
                Some(d) => {
                    m.apply_filters(Some(&before));
                    let chip = d.chip(&m.ds, m.ui.lang == Lang::En);
                    m.ui.message = Some(format!("dropped {chip}, the filter added last"));
                }
                None => m.ui.message = Some("no filter to drop".to_string()),
            }
        }
        Action::ClearFilters => {
            if !m.ui.filters.is_empty() {
                m.ui.filters = Filters::default();
                m.apply_filters(None);
                m.ui.message = Some("filters cleared".to_string());
            }
        }
        Action::ScrollErrors => {
            if m.load_errors.is_empty() {
                m.ui.message = Some("no errors: the dataset verifies".to_string());
            } else {
                let r = crate::errors::rect(&m.areas());
                let (w, h) = (usize::from(r.width.saturating_sub(2)), usize::from(r.height.saturating_sub(2)));
                m.ui.errors_scroll = crate::errors::next_page(&m.load_errors, w, h, m.ui.errors_scroll);
            }
        }
        Action::NextView => update_view(m, m.ui.view.step(1)),
        Action::PrevView => update_view(m, m.ui.view.step(-1)),
        Action::ShowView(v) => update_view(m, v),
        Action::FocusGroups => m.ui.focus = Focus::Groups,
        Action::FocusTable => m.ui.focus = Focus::Table,
        Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
            let page = m.page();
            let delta = match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::PageDown => page,
                Action::PageUp => -page,
                Action::HalfPageDown => (page / 2).max(1),
                _ => -(page / 2).max(1),
            };
            match &mut m.ui.input {
                Input::Help(s) => *s = (*s as isize + delta).max(0) as usize,
                Input::Picker(p) => p.move_by(delta.signum() * delta.abs().min(10)),
                _ => m.move_by(delta),
            }
        }
        Action::Top | Action::Bottom => {
            let delta = if action == Action::Top { isize::MIN / 2 } else { isize::MAX / 2 };
            if m.ui.source.is_none() {
                m.ui.history.jump(m.location(), None);
            }
            m.move_by(delta);
        }
        Action::Open => match (&m.ui.source, m.ui.focus) {
            (Some(_), _) => m.go_to_indicator(),
            (None, _) if m.ui.view == ViewKind::Candidates => m.open_candidate(),
            (None, Focus::Groups) => m.ui.focus = Focus::Table,
            (None, Focus::Table) => {
                if let Some(i) = m.selected() {
                    let back = m.browse_loc();
                    m.jump(Location::Source { indicator: i, back });
                }
            }
        },
        Action::Back => {
            if let Some(s) = &m.ui.source {
                let back = s.back;
                m.jump(Location::Browse(back));
            }
        }
        Action::NextQuote | Action::PrevQuote => {
            if let Some(s) = &m.ui.source {
                let n = s.stops.len();
                let current = if action == Action::NextQuote { (s.current + 1) % n } else { (s.current + n - 1) % n };
                let loc = Location::Source { indicator: s.stops[current], back: s.back };
                let (top, wrapped) = (s.top, (action == Action::NextQuote) == (current < s.current));
                m.jump(loc);
                if let Some(s) = m.ui.source.as_mut() {
                    s.top = top;
                }
                m.scroll_to_quote();
                if wrapped && n > 1 {
                    m.ui.message = Some(if action == Action::NextQuote {
                        "wrapped to the first quote".to_string()
                    } else {
                        "wrapped to the last quote".to_string()
                    });
                }
            }
        }
        Action::JumpBack => {
            let here = m.location();
            match m.ui.history.back(here, &m.ui.filters) {
                Some(to) => m.restore_stop(to),
                None => m.ui.message = Some("no earlier jump".to_string()),
            }
        }
        Action::JumpForward => {
            let here = m.location();
            match m.ui.history.forward(here, &m.ui.filters) {
                Some(to) => m.restore_stop(to),
                None => m.ui.message = Some("no later jump".to_string()),
            }
        }
        Action::InputChar(c) => match &mut m.ui.input {
            Input::Picker(p) => p.type_char(c),
            Input::Export(text) | Input::Reason(text) => text.push(c),
            Input::Filter | Input::None | Input::Help(_) => {
                let before = m.ui.filters.clone();
                m.ui.filters.text.push(c);
                m.note_added(&before);
                m.apply_filters(Some(&before));
            }
        },
        Action::InputBackspace | Action::InputClear => {
            let all = action == Action::InputClear;
            match &mut m.ui.input {
                Input::Picker(p) => p.erase(all),
                Input::Export(text) | Input::Reason(text) => erase(text, all),
                Input::Filter | Input::None | Input::Help(_) => {
                    erase(&mut m.ui.filters.text, all);
                    m.apply_filters(None);
                }
            }
        }
        Action::Accept => match std::mem::take(&mut m.ui.input) {
            Input::Picker(p) => m.pick(&p),
            Input::Export(name) => return m.finish_export(name),
            Input::Reason(reason) => return m.finish_ignore(&reason),
            Input::Filter | Input::None | Input::Help(_) => {}
        },
        Action::Cancel => match std::mem::take(&mut m.ui.input) {
            Input::Picker(_) | Input::Help(_) => {}
            Input::Export(_) => m.ui.message = Some("export cancelled".to_string()),
            Input::Reason(_) => m.ui.message = Some("ignore cancelled; nothing was written".to_string()),
            Input::Filter | Input::None => {
                if !m.ui.filters.text.is_empty() {
                    m.ui.filters.text.clear();
                    m.apply_filters(None);
                }
            }
        },
        Action::Resize(w, h) => {
            m.ui.size = (w, h);
            m.keep_in_view();
            if m.ui.source.is_some() {
                // Re-anchor at the start of the line that now holds the old top.
                if let Some(layout) = m.source_layout() {
                    if let Some(s) = m.ui.source.as_mut() {
                        if let Some(l) = layout.lines.get(layout.line_of(s.top)) {
                            s.top = l.range.start;
                        }
                    }
                }
            }
        }
        Action::AcceptCandidate => return m.accept_candidate(),
        Action::IgnoreCandidate => m.start_ignore(),
        Action::Click(col, row) => {
            if let Some(then) = m.click(col, row) {
                return apply(m, then);
            }
        }
        Action::Wheel(col, row, down) => m.wheel(col, row, down),
    }
    None
}

/// Backspace (or, with `all`, Ctrl-u) in a typed text.
fn erase(text: &mut String, all: bool) {
    if all {
        text.clear();
    } else {
        text.pop();
    }
}

/// Hands what came of an effect back to the model: says how an export went, and for a write to the dataset,
/// takes the written figure out of view 6 (the reload that follows confirms it).
pub fn finish(m: &mut Model, done: Done) {
    match done {
        Done::Exported(n, Ok(path)) => {
            m.ui.message = Some(format!("wrote {} to {}", crate::text::count(n, "record"), path.display()))
        }
        Done::Exported(_, Err(e)) => m.ui.message = Some(format!("export failed: {e}")),
        Done::Appended(append, result) => m.appended(*append, result),
        // The event loop reloads (see `crate::step`); nothing was written.
        Done::Changed(rel) => {
            m.ui.message = Some(format!("{rel} changed on disk since it was loaded; nothing was written"))
        }
    }
    m.settle();
}

/// Switches the browse view (from the source view too), recording a jump.
///
/// A view opens on its first group, at the top: the first theme, the earliest year (Ctrl-o goes back to where
/// the user was).
fn update_view(m: &mut Model, v: ViewKind) {
    if m.ui.source.is_none() && v == m.ui.view {
        return;
    }
    m.jump(Location::Browse(BrowseLoc { view: v, group: None, indicator: None }));
    if v == ViewKind::Metrics {
        // The metrics view opens on its list: j/k walk the metrics, l or Enter goes to the records.
        m.ui.focus = Focus::Groups;
    }
    m.ui.group_sel = 0;
    m.ui.group_top = 0;
    m.ui.row_sel = 0;
    m.ui.row_top = 0;
    m.refresh_table();
    if v == ViewKind::Candidates && !m.cands.fresh {
        m.refresh_candidates();
    }
}
