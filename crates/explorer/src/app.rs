//! The explorer's state and the one function that changes it: [`Model`], which composes the components, and
//! [`update`], which routes each [`Action`] to them.
//!
//! Keys and mouse events become actions (see [`crate::keymap`]); [`update`] applies an action to the model and
//! returns the side effect, if any, for the event loop to perform (writing to the clipboard). The components
//! (`crate::component`) own their state and the moves within it and know nothing of the model; the model calls
//! them with the parts they need. What changes several parts at once is the model's, in three files beside this
//! one: `browse.rs` (the groups pane and the table, which are the model's own fields: filtering, grouping,
//! selection, the mouse, sorting, export), `navigate.rs` (locations, jumps, the source view opened and left) and
//! `candidates.rs` (view 6's rows for the dataset and its writes). The view only reads the model.

mod browse;
mod candidates;
mod navigate;

use ratatui::layout::Rect;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::query::{Group, TextFilter};
use zhibiao_core::schema::Kind;

#[cfg(test)]
pub(crate) use self::candidates::scratch;
use crate::action::{Action, Effect};
use crate::clipboard;
use crate::component::candidates::Candidates;
use crate::component::picker::Picker;
use crate::component::source::SourceState;
use crate::doclayout::LayoutCache;
use crate::filters::{FilterPath, Filters};
use crate::layout::{Areas, CellWidths, ColumnWidths};
use crate::nav::{BrowseLoc, History, Location};
use crate::progress_index::ProgressIndex;
use crate::sort::Sort;
use crate::vocab::{Focus, Lang, Mode, ViewKind};

/// An overlay over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing.
    None,
    /// The key help, scrolled by this many lines.
    Help(usize),
    /// A picker.
    Picker(Picker),
}

/// Cities judged per [`Action::WorkAhead`]: at a hundred records a city, about a millisecond.
const WORK_AHEAD_CITIES: usize = 16;
/// Cells measured per [`Action::WorkAhead`].
const WORK_AHEAD_ROWS: usize = 4000;

/// The whole state of the explorer.
#[derive(Debug)]
pub struct Model {
    /// The dataset, read-only.
    pub ds: Dataset,
    /// Filters set.
    pub filters: Filters,
    /// The compiled text filter, for highlighting matches.
    pub text_filter: Option<TextFilter>,
    /// True while typing the text filter.
    pub editing: bool,
    /// Indicators passing the filters, in dataset order.
    pub matched: Vec<usize>,
    /// How `matched` was last computed.
    pub filter_path: FilterPath,
    /// The browse view.
    pub view: ViewKind,
    /// Groups of `matched` for the view.
    pub groups: Vec<Group>,
    /// Selected group.
    pub group_sel: usize,
    /// First group shown.
    pub group_top: usize,
    /// Selected row of the table.
    pub row_sel: usize,
    /// First row shown.
    pub row_top: usize,
    /// Content widths of the table's columns.
    pub widths: ColumnWidths,
    /// Display widths of each indicator's name, English name and value, measured once (on first use).
    pub(crate) cell_widths: CellWidths,
    /// Lines the detail pane is scrolled by (the mouse wheel over it), and the indicator that scroll belongs to:
    /// another indicator shows from its top.
    pub detail_scroll: (Option<usize>, usize),
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// Label language.
    pub lang: Lang,
    /// The source view, when open.
    pub source: Option<SourceState>,
    /// The overlay, if any.
    pub overlay: Overlay,
    /// Jump history.
    pub history: History,
    /// A one-off message for the status bar (cleared by the next key).
    pub message: Option<String>,
    /// Terminal size, columns × rows.
    pub size: (u16, u16),
    /// Wrapped documents by (document, width).
    pub layouts: LayoutCache,
    /// Set when the user quits.
    pub quit: bool,
    /// The dataset folder (`--data`), where view 6 writes and the watcher looks; `None` for the bundled dataset.
    pub root: Option<std::path::PathBuf>,
    /// The indicator files of `root` as they were when the dataset shown was loaded (path → stamp): view 6 writes
    /// a file only if it is still so, else it reloads first (someone saved an edit the explorer has not shown).
    pub loaded: std::collections::HashMap<String, zhibiao_core::cache::Stamp>,
    /// View 6: the candidates and their drafts.
    pub cands: Candidates,
    /// `check`'s errors from the last reload that failed (the dataset shown is the last good one); empty when
    /// the last reload succeeded.
    pub load_errors: Vec<String>,
    /// The progress of every target, judged city by city: always for what is shown (see [`ProgressIndex`]).
    pub progress: ProgressIndex,
    /// The order of the table's rows.
    pub sort: Sort,
    /// True when the table shows the normalised value (with its direction) as a column.
    pub show_base: bool,
    /// The file name being typed for an export, while the prompt is open.
    pub prompt: Option<String>,
    /// Where exports are written (the working directory).
    pub export_dir: std::path::PathBuf,
    /// Comparability notes of the metric the metrics view shows.
    pub metric_notes: Vec<String>,
}

impl Model {
    /// A model showing every indicator of `ds`, grouped by city, for a terminal of `size`.
    pub fn new(ds: Dataset, size: (u16, u16)) -> Model {
        // Nothing is measured or judged for the other groups yet: the first frame shows one (see `work_ahead`).
        let cell_widths = CellWidths::new(&ds);
        let progress = ProgressIndex::lazy(&ds);
        let mut m = Model {
            ds,
            filters: Filters::default(),
            text_filter: None,
            editing: false,
            matched: Vec::new(),
            filter_path: FilterPath::Full,
            view: ViewKind::Cities,
            groups: Vec::new(),
            group_sel: 0,
            group_top: 0,
            row_sel: 0,
            row_top: 0,
            widths: ColumnWidths::default(),
            cell_widths,
            detail_scroll: (None, 0),
            focus: Focus::Table,
            lang: Lang::Zh,
            source: None,
            overlay: Overlay::None,
            history: History::default(),
            message: None,
            size,
            layouts: LayoutCache::default(),
            quit: false,
            root: None,
            loaded: std::collections::HashMap::new(),
            cands: Candidates::default(),
            load_errors: Vec::new(),
            progress,
            sort: Sort::default(),
            show_base: false,
            prompt: None,
            export_dir: std::path::PathBuf::from("."),
            metric_notes: Vec::new(),
        };
        m.apply_filters(None);
        m.settle();
        m
    }

    /// Judges the progress of what the screen shows and no more: the rows of the selected group (measured with
    /// the table) and the indicator the detail pane is about. Runs after every update.
    pub(crate) fn settle(&mut self) {
        if self.progress.is_complete() {
            return;
        }
        let rows = self.groups.get(self.group_sel).map_or(&[][..], |g| &g.members);
        self.progress.prepare(&self.ds, rows.iter().copied().chain(self.current_indicator()));
    }

    /// True while some progress is left to judge or some cell to measure ahead of need (see
    /// [`Action::WorkAhead`]).
    pub fn has_work_ahead(&self) -> bool {
        !self.progress.is_complete() || !self.cell_widths.is_complete()
    }

    /// A few milliseconds of the work the first frame skipped: judging the next cities' progress and measuring
    /// the next cells, so that a view over every city (or a sort by status) finds them done.
    fn work_ahead(&mut self) {
        self.progress.work_ahead(&self.ds, WORK_AHEAD_CITIES);
        self.cell_widths.work_ahead(&self.ds, WORK_AHEAD_ROWS);
    }

    /// The mode, which decides the key bindings.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.editing, &self.source) {
            (Overlay::Help(_), _, _) => Mode::Help,
            (Overlay::Picker(_), _, _) => Mode::Picker,
            _ if self.prompt.is_some() => Mode::Prompt,
            (Overlay::None, true, _) => Mode::FilterInput,
            (Overlay::None, false, _) if self.cands.reason.is_some() => Mode::FilterInput,
            (Overlay::None, false, Some(_)) => Mode::Source,
            (Overlay::None, false, None) if self.view == ViewKind::Candidates => Mode::Candidates,
            (Overlay::None, false, None) => Mode::Browse,
        }
    }

    /// The pane rectangles for the current terminal size.
    pub fn areas(&self) -> Areas {
        Areas::of(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// The selected group, if any.
    pub fn group(&self) -> Option<&Group> {
        self.groups.get(self.group_sel)
    }

    /// The rows of the table: the members of the selected group.
    pub fn rows(&self) -> &[usize] {
        self.group().map_or(&[], |g| g.members.as_slice())
    }

    /// The indicator selected in the table.
    pub fn selected(&self) -> Option<usize> {
        self.rows().get(self.row_sel).copied()
    }

    /// The indicator the detail pane and the yank key are about: the current quote in the source view, else
    /// the table's selection.
    pub fn current_indicator(&self) -> Option<usize> {
        match &self.source {
            Some(s) => Some(s.indicator()),
            None => self.selected(),
        }
    }

    /// Lines the detail pane of the current indicator is scrolled by.
    pub fn detail_offset(&self) -> usize {
        match self.detail_scroll {
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
        m.message = None;
    }
    match action {
        Action::Quit => m.quit = true,
        Action::WorkAhead => m.work_ahead(),
        Action::ToggleHelp => {
            m.overlay = match m.overlay {
                Overlay::Help(_) => Overlay::None,
                _ => Overlay::Help(0),
            }
        }
        Action::CloseOverlay => m.overlay = Overlay::None,
        Action::ToggleLang => {
            m.lang = match m.lang {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            };
            m.refresh_table();
        }
        Action::Yank => {
            let Some(i) = m.current_indicator() else {
                m.message = Some("nothing selected to copy".to_string());
                return None;
            };
            let citation = clipboard::citation(&m.ds, i, m.lang);
            m.message = Some(format!("copied citation of {} to the clipboard (OSC 52)", m.ds.indicators()[i].id));
            return Some(Effect::Copy(citation));
        }
        Action::StartFilter => m.editing = true,
        Action::CycleSort | Action::ReverseSort => m.change_sort(action == Action::ReverseSort),
        Action::ToggleBaseValue => {
            m.show_base = !m.show_base;
            m.refresh_table();
        }
        Action::StartExport => m.start_export(),
        Action::GoToTarget => m.go_to_target(),
        Action::OpenPicker(kind) => m.overlay = Overlay::Picker(Picker::new(kind, &m.ds, &m.filters, m.lang)),
        Action::CycleKind => {
            let before = m.filters.clone();
            m.filters.kind = match m.filters.kind {
                None => Some(Kind::Target),
                Some(Kind::Target) => Some(Kind::Actual),
                Some(Kind::Actual) => None,
            };
            m.apply_filters(Some(&before));
        }
        Action::ToggleChoice => {
            if let Overlay::Picker(p) = &mut m.overlay {
                p.toggle();
            }
        }
        Action::DropFilter => {
            let before = m.filters.clone();
            if m.filters.drop_last() {
                m.apply_filters(Some(&before));
                m.message = Some("dropped the last filter".to_string());
            } else {
                m.message = Some("no filter to drop".to_string());
            }
        }
        Action::ClearFilters => {
            if !m.filters.is_empty() {
                m.filters = Filters::default();
                m.apply_filters(None);
                m.message = Some("filters cleared".to_string());
            }
        }
        Action::NextView => update_view(m, m.view.step(1)),
        Action::PrevView => update_view(m, m.view.step(-1)),
        Action::ShowView(v) => update_view(m, v),
        Action::FocusGroups => m.focus = Focus::Groups,
        Action::FocusTable => m.focus = Focus::Table,
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
            match &mut m.overlay {
                Overlay::Help(s) => *s = (*s as isize + delta).max(0) as usize,
                Overlay::Picker(p) => p.move_by(delta.signum() * delta.abs().min(10)),
                Overlay::None => m.move_by(delta),
            }
        }
        Action::Top | Action::Bottom => {
            let delta = if action == Action::Top { isize::MIN / 2 } else { isize::MAX / 2 };
            if m.source.is_none() {
                m.history.jump(m.location(), None);
            }
            m.move_by(delta);
        }
        Action::Open => match (&m.source, m.focus) {
            (Some(_), _) => m.go_to_indicator(),
            (None, _) if m.view == ViewKind::Candidates => m.open_candidate(),
            (None, Focus::Groups) => m.focus = Focus::Table,
            (None, Focus::Table) => {
                if let Some(i) = m.selected() {
                    let back = m.browse_loc();
                    m.jump(Location::Source { indicator: i, back });
                }
            }
        },
        Action::Back => {
            if let Some(s) = &m.source {
                let back = s.back;
                m.jump(Location::Browse(back));
            }
        }
        Action::NextQuote | Action::PrevQuote => {
            if let Some(s) = &m.source {
                let n = s.stops.len();
                let current = if action == Action::NextQuote { (s.current + 1) % n } else { (s.current + n - 1) % n };
                let loc = Location::Source { indicator: s.stops[current], back: s.back };
                let (top, wrapped) = (s.top, (action == Action::NextQuote) == (current < s.current));
                m.jump(loc);
                if let Some(s) = m.source.as_mut() {
                    s.top = top;
                }
                m.scroll_to_quote();
                if wrapped && n > 1 {
                    m.message = Some(if action == Action::NextQuote {
                        "wrapped to the first quote".to_string()
                    } else {
                        "wrapped to the last quote".to_string()
                    });
                }
            }
        }
        Action::JumpBack => {
            let here = m.location();
            match m.history.back(here, &m.filters) {
                Some(to) => m.restore_stop(to),
                None => m.message = Some("no earlier jump".to_string()),
            }
        }
        Action::JumpForward => {
            let here = m.location();
            match m.history.forward(here, &m.filters) {
                Some(to) => m.restore_stop(to),
                None => m.message = Some("no later jump".to_string()),
            }
        }
        Action::InputChar(c) if m.prompt.is_some() => m.prompt.get_or_insert_with(String::new).push(c),
        Action::InputBackspace | Action::InputClear if m.prompt.is_some() => {
            if let Some(p) = m.prompt.as_mut() {
                if action == Action::InputClear {
                    p.clear();
                } else {
                    p.pop();
                }
            }
        }
        Action::Accept if m.prompt.is_some() => m.finish_export(),
        Action::Cancel if m.prompt.is_some() => {
            m.prompt = None;
            m.message = Some("export cancelled".to_string());
        }
        Action::InputChar(c) => match &mut m.overlay {
            Overlay::Picker(p) => p.type_char(c),
            _ if m.cands.reason.is_some() => m.cands.type_reason(c),
            _ => {
                let before = m.filters.clone();
                m.filters.text.push(c);
                m.apply_filters(Some(&before));
            }
        },
        Action::InputBackspace | Action::InputClear => match &mut m.overlay {
            Overlay::Picker(p) => p.erase(action == Action::InputClear),
            _ if m.cands.reason.is_some() => m.cands.erase_reason(action == Action::InputClear),
            _ => {
                if action == Action::InputClear {
                    m.filters.text.clear();
                } else {
                    m.filters.text.pop();
                }
                m.apply_filters(None);
            }
        },
        Action::Accept => match std::mem::replace(&mut m.overlay, Overlay::None) {
            Overlay::Picker(p) => m.pick(&p),
            Overlay::None if m.cands.reason.is_some() => return m.finish_ignore(),
            other => {
                m.overlay = other;
                m.editing = false;
            }
        },
        Action::Cancel => {
            if matches!(m.overlay, Overlay::Picker(_)) {
                m.overlay = Overlay::None;
            } else if m.cands.reason.take().is_some() {
                m.message = Some("ignore cancelled; nothing was written".to_string());
            } else {
                m.editing = false;
                if !m.filters.text.is_empty() {
                    m.filters.text.clear();
                    m.apply_filters(None);
                }
            }
        }
        Action::Resize(w, h) => {
            m.size = (w, h);
            m.keep_in_view();
            if m.source.is_some() {
                // Re-anchor at the start of the line that now holds the old top.
                if let Some(layout) = m.source_layout() {
                    if let Some(s) = m.source.as_mut() {
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

/// Switches the browse view (from the source view too), recording a jump.
///
/// A view opens on its first group, at the top: the first theme, the earliest year (Ctrl-o goes back to where
/// the user was).
fn update_view(m: &mut Model, v: ViewKind) {
    if m.source.is_none() && v == m.view {
        return;
    }
    m.jump(Location::Browse(BrowseLoc { view: v, group: None, indicator: None }));
    if v == ViewKind::Metrics {
        // The metrics view opens on its list: j/k walk the metrics, l or Enter goes to the records.
        m.focus = Focus::Groups;
    }
    m.group_sel = 0;
    m.group_top = 0;
    m.row_sel = 0;
    m.row_top = 0;
    m.refresh_table();
    if v == ViewKind::Candidates && !m.cands.fresh {
        m.refresh_candidates();
    }
}
