//! The explorer's state and the one function that changes it: [`Model`], [`Action`] and [`update`].
//!
//! Keys and mouse events become actions (see [`super::keymap`]); [`update`] applies an action to the model and
//! returns the side effect, if any, for the event loop to perform (writing to the clipboard). Filtering and
//! grouping happen here, only when the filter or the view changes; the view only reads the model.

use std::rc::Rc;

use ratatui::layout::Rect;
use zhibiao::dataset::Dataset;
use zhibiao::model::Kind;
use zhibiao::query::{group, Filter, Group, GroupBy, TextFilter};

use super::clipboard;
use super::doclayout::{DocLayout, LayoutCache};
use super::layout::{self, Areas};
use super::nav::{BrowseLoc, History, Location};
use super::text;

/// The four browse views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    /// Indicators by city.
    Cities,
    /// Indicators by theme.
    Themes,
    /// A timeline: years, earliest first, targets then actuals of each year.
    Years,
    /// Every indicator in one list.
    All,
}

impl ViewKind {
    /// The views in tab order.
    pub const ALL: [ViewKind; 4] = [ViewKind::Cities, ViewKind::Themes, ViewKind::Years, ViewKind::All];

    /// Position in tab order (0-based).
    pub fn index(self) -> usize {
        match self {
            ViewKind::Cities => 0,
            ViewKind::Themes => 1,
            ViewKind::Years => 2,
            ViewKind::All => 3,
        }
    }

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            ViewKind::Cities => "Cities",
            ViewKind::Themes => "Themes",
            ViewKind::Years => "Years",
            ViewKind::All => "All",
        }
    }

    /// How the library groups indicators for this view.
    pub fn group_by(self) -> GroupBy {
        match self {
            ViewKind::Cities => GroupBy::City,
            ViewKind::Themes => GroupBy::Theme,
            ViewKind::Years => GroupBy::Year,
            ViewKind::All => GroupBy::All,
        }
    }

    /// True when the table of this view mixes cities (so it shows a city column).
    pub fn mixes_cities(self) -> bool {
        self != ViewKind::Cities
    }

    fn step(self, by: isize) -> ViewKind {
        let i = (self.index() as isize + by).rem_euclid(ViewKind::ALL.len() as isize);
        ViewKind::ALL[i as usize]
    }
}

/// Which browse pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The groups on the left.
    Groups,
    /// The indicator table on the right.
    Table,
}

/// Language of the labels (names of indicators and themes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Chinese names.
    Zh,
    /// Chinese and English names.
    En,
}

/// What a picker picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// A city.
    City,
    /// A theme.
    Theme,
    /// A year.
    Year,
}

impl PickerKind {
    /// The picker's title.
    pub fn title(self) -> &'static str {
        match self {
            PickerKind::City => "City 城市",
            PickerKind::Theme => "Theme 主题",
            PickerKind::Year => "Year 年份",
        }
    }
}

/// The mode decides which key bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Groups and table.
    Browse,
    /// A document with its cited quotes.
    Source,
    /// Typing the text filter.
    FilterInput,
    /// A picker is open.
    Picker,
    /// The help overlay is open.
    Help,
}

/// Everything the user can ask for. Keys map to these through the key table; the mouse and the terminal
/// produce the last three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Close the open overlay.
    CloseOverlay,
    /// Switch label language.
    ToggleLang,
    /// Copy a citation of the selected indicator.
    Yank,
    /// Start typing the text filter.
    StartFilter,
    /// Open a picker.
    OpenPicker(PickerKind),
    /// All → targets → actuals → all.
    CycleKind,
    /// Remove every filter.
    ClearFilters,
    /// Next view tab.
    NextView,
    /// Previous view tab.
    PrevView,
    /// A given view tab.
    ShowView(ViewKind),
    /// Keyboard to the groups pane.
    FocusGroups,
    /// Keyboard to the table.
    FocusTable,
    /// One row or line down.
    Down,
    /// One row or line up.
    Up,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// First row, or top of the document.
    Top,
    /// Last row, or end of the document.
    Bottom,
    /// Enter: open the source (browse) or go to the quote's indicator (source).
    Open,
    /// Leave the source view.
    Back,
    /// Next cited quote.
    NextQuote,
    /// Previous cited quote.
    PrevQuote,
    /// Ctrl-o.
    JumpBack,
    /// Ctrl-i.
    JumpForward,
    /// A typed character.
    InputChar(char),
    /// Delete the last typed character.
    InputBackspace,
    /// Delete everything typed.
    InputClear,
    /// Enter while typing.
    Accept,
    /// Esc while typing.
    Cancel,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The wheel turned over (column, row); true for down.
    Wheel(u16, u16, bool),
}

/// A side effect for the event loop to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
}

/// The filters the user has set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// City index.
    pub city: Option<usize>,
    /// Theme index.
    pub theme: Option<usize>,
    /// Year.
    pub year: Option<i32>,
    /// Target or actual.
    pub kind: Option<Kind>,
    /// Text filter as typed (empty: none).
    pub text: String,
}

impl Filters {
    /// The library query for these filters.
    pub fn query(&self) -> Filter {
        Filter {
            city: self.city,
            theme: self.theme,
            year: self.year,
            kind: self.kind,
            text: (!self.text.is_empty()).then(|| TextFilter::new(&self.text)),
            ..Filter::default()
        }
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// True when `self` can only match a subset of what `before` matched because a literal text filter got
    /// longer and nothing else changed, so the earlier result can be narrowed instead of re-scanned.
    fn narrows(&self, before: &Filters) -> bool {
        let same_rest =
            Filters { text: String::new(), ..self.clone() } == Filters { text: String::new(), ..before.clone() };
        if !same_rest || before.text.is_empty() || self.text.len() <= before.text.len() {
            return false;
        }
        TextFilter::new(&before.text).is_literal()
            && TextFilter::new(&self.text).is_literal()
            && self.text.to_lowercase().contains(&before.text.to_lowercase())
    }
}

/// How the last filter change was computed (for tests and the curious).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterPath {
    /// The whole dataset was scanned.
    Full,
    /// The previous result was narrowed with `Filter::refine`.
    Refined,
}

/// One choice in a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    /// City or theme index, or year; `None` for "any".
    pub value: Option<i64>,
    /// What the user reads.
    pub label: String,
    /// Indicators it would show with the other filters kept.
    pub count: usize,
    search: String,
}

/// An open picker: type to narrow, Enter to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// What it picks.
    pub kind: PickerKind,
    /// What the user typed.
    pub query: String,
    /// Every choice.
    pub options: Vec<PickOption>,
    /// Indices into `options` of the choices the query lets through.
    pub shown: Vec<usize>,
    /// Index into `shown` of the highlighted choice.
    pub selected: usize,
}

impl Picker {
    fn narrow(&mut self) {
        let q = self.query.to_lowercase();
        self.shown = (0..self.options.len())
            .filter(|&i| {
                let o = &self.options[i];
                if q.is_empty() {
                    true
                } else {
                    o.value.is_some() && o.search.contains(&q)
                }
            })
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }
}

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

/// Content widths of the table's columns for the group shown, measured when the group changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColumnWidths {
    /// Chinese name.
    pub name: usize,
    /// English name.
    pub name_en: usize,
    /// Value as a reader writes it.
    pub value: usize,
    /// City name.
    pub city: usize,
}

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
    /// Display widths of each indicator's name, English name and value, measured once so that sizing the
    /// columns of a large group costs a lookup per row.
    cell_widths: Vec<[u16; 3]>,
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
}

impl Model {
    /// A model showing every indicator of `ds`, grouped by city, for a terminal of `size`.
    pub fn new(ds: Dataset, size: (u16, u16)) -> Model {
        let w = |s: &str| u16::try_from(text::width(s)).unwrap_or(u16::MAX);
        let cell_widths = ds.indicators().iter().map(|i| [w(&i.name), w(&i.name_en), w(&i.display_value())]).collect();
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
            focus: Focus::Table,
            lang: Lang::Zh,
            source: None,
            overlay: Overlay::None,
            history: History::default(),
            message: None,
            size,
            layouts: LayoutCache::default(),
            quit: false,
        };
        m.apply_filters(None);
        m
    }

    /// The mode, which decides the key bindings.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.editing, &self.source) {
            (Overlay::Help(_), _, _) => Mode::Help,
            (Overlay::Picker(_), _, _) => Mode::Picker,
            (Overlay::None, true, _) => Mode::FilterInput,
            (Overlay::None, false, Some(_)) => Mode::Source,
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

    /// The wrapped layout of the open document at the source pane's width (cached; wrapped on first use).
    pub fn source_layout(&mut self) -> Option<Rc<DocLayout>> {
        let doc = self.source.as_ref()?.doc;
        let text = &self.ds.documents()[doc].text;
        let width = self.areas().source_text_width(text.paragraphs.len());
        Some(self.layouts.get(doc, text, width))
    }

    fn browse_loc(&self) -> BrowseLoc {
        BrowseLoc { view: self.view, group: self.group().map(|g| g.key), indicator: self.selected() }
    }

    fn location(&self) -> Location {
        match &self.source {
            Some(s) => Location::Source { indicator: s.indicator(), back: s.back },
            None => Location::Browse(self.browse_loc()),
        }
    }

    fn group_key_of(&self, ind: usize) -> i64 {
        let i = &self.ds.indicators()[ind];
        match self.view {
            ViewKind::Cities => i.city as i64,
            ViewKind::Themes => i.theme as i64,
            ViewKind::Years => i64::from(i.year),
            ViewKind::All => 0,
        }
    }

    /// Recomputes `matched` after the filters changed (from `before`, when known), then the groups.
    fn apply_filters(&mut self, before: Option<&Filters>) {
        let f = self.filters.query();
        if before.is_some_and(|b| self.filters.narrows(b)) {
            self.matched = f.refine(&self.ds, &self.matched);
            self.filter_path = FilterPath::Refined;
        } else {
            self.matched = f.apply(&self.ds);
            self.filter_path = FilterPath::Full;
        }
        self.text_filter = f.text;
        let keep = self.selected();
        self.regroup(keep);
    }

    /// Regroups `matched` for the view, selecting indicator `keep` if it is still shown, else the same group.
    fn regroup(&mut self, keep: Option<usize>) {
        let old_key = self.group().map(|g| g.key);
        self.groups = group(&self.ds, &self.matched, self.view.group_by());
        if self.view == ViewKind::Years {
            // A timeline: within a year, targets first, then what was achieved; by city within each.
            let ds = &self.ds;
            for g in &mut self.groups {
                g.members.sort_by_key(|&i| (ds.indicators()[i].kind, ds.indicators()[i].city, i));
            }
        }
        self.select(keep, old_key);
    }

    /// Selects indicator `ind` if it is shown; otherwise the group with key `key`, or the nearest group.
    fn select(&mut self, ind: Option<usize>, key: Option<i64>) {
        let found = ind.and_then(|i| {
            let k = self.group_key_of(i);
            let g = self.groups.binary_search_by_key(&k, |g| g.key).ok()?;
            let r = self.groups[g].members.iter().position(|&m| m == i)?;
            Some((g, r))
        });
        match found {
            Some((g, r)) => {
                self.group_sel = g;
                self.row_sel = r;
            }
            None => {
                self.group_sel = match key.map(|k| self.groups.binary_search_by_key(&k, |g| g.key)) {
                    Some(Ok(g)) => g,
                    Some(Err(g)) => g.min(self.groups.len().saturating_sub(1)),
                    None => self.group_sel.min(self.groups.len().saturating_sub(1)),
                };
                self.row_sel = 0;
            }
        }
        self.refresh_table();
    }

    /// Measures the table's columns for the selected group and keeps the selection in view.
    fn refresh_table(&mut self) {
        let mut w = ColumnWidths::default();
        let en = self.lang == Lang::En;
        let mut cities = vec![false; self.ds.cities().len()];
        for &i in self.groups.get(self.group_sel).map_or(&[][..], |g| &g.members) {
            let [name, name_en, value] = self.cell_widths[i].map(usize::from);
            w.name = w.name.max(name);
            if en {
                w.name_en = w.name_en.max(name_en);
            }
            w.value = w.value.max(value);
            cities[self.ds.indicators()[i].city] = true;
        }
        for (c, _) in cities.iter().enumerate().filter(|(_, &seen)| seen) {
            w.city = w.city.max(text::width(&self.ds.cities()[c].name));
        }
        self.widths = w;
        self.row_sel = self.row_sel.min(self.rows().len().saturating_sub(1));
        self.keep_in_view();
    }

    /// Scrolls the group list and the table so their selections are visible.
    fn keep_in_view(&mut self) {
        let a = self.areas();
        self.group_top = scrolled(self.group_top, self.group_sel, a.group_rows(), self.groups.len());
        self.row_top = scrolled(self.row_top, self.row_sel, a.table_rows(), self.rows().len());
    }

    /// Opens the source view of indicator `ind`'s document, its quote current and in view.
    fn open_source(&mut self, ind: usize, back: BrowseLoc) {
        let doc = self.ds.indicators()[ind].doc;
        let ds = &self.ds;
        let mut stops: Vec<usize> = ds.indicators_of_document(doc).collect();
        stops.sort_by_key(|&i| (ds.indicators()[i].span.start, ds.indicators()[i].span.end, i));
        let current = stops.iter().position(|&i| i == ind).unwrap_or(0);
        self.source = Some(SourceState { doc, stops, current, top: 0, back });
        self.scroll_to_quote();
    }

    /// Scrolls the source view so the current quote is in view, a third of the way down when it was not.
    fn scroll_to_quote(&mut self) {
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
    fn scroll_source(&mut self, delta: isize) {
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

    /// Goes to `loc` without recording a jump.
    fn restore(&mut self, loc: Location) {
        match loc {
            Location::Browse(b) => {
                self.source = None;
                self.view = b.view;
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

    /// Goes to `loc`, recording a jump from here.
    fn jump(&mut self, loc: Location) {
        let here = self.location();
        self.history.jump(here);
        self.restore(loc);
    }

    fn move_rows(&mut self, delta: isize) {
        match self.focus {
            Focus::Groups => {
                let g = step(self.group_sel, delta, self.groups.len());
                if g != self.group_sel {
                    self.group_sel = g;
                    self.row_sel = 0;
                    self.row_top = 0;
                    self.refresh_table();
                }
            }
            Focus::Table => {
                self.row_sel = step(self.row_sel, delta, self.rows().len());
                self.keep_in_view();
            }
        }
    }

    fn page(&self) -> isize {
        let a = self.areas();
        let rows = match (&self.source, self.focus) {
            (Some(_), _) => a.source_rows(),
            (None, Focus::Groups) => a.group_rows(),
            (None, Focus::Table) => a.table_rows(),
        };
        rows.max(1) as isize
    }

    /// Moves by `delta` rows in the browse screen or lines in the source view.
    fn move_by(&mut self, delta: isize) {
        if self.source.is_some() {
            self.scroll_source(delta);
        } else {
            self.move_rows(delta);
        }
    }

    fn open_picker(&mut self, kind: PickerKind) {
        let ds = &self.ds;
        let mut others = self.filters.clone();
        let by = match kind {
            PickerKind::City => {
                others.city = None;
                GroupBy::City
            }
            PickerKind::Theme => {
                others.theme = None;
                GroupBy::Theme
            }
            PickerKind::Year => {
                others.year = None;
                GroupBy::Year
            }
        };
        let counts = group(ds, &others.query().apply(ds), by);
        let count = |key: i64| counts.binary_search_by_key(&key, |g| g.key).map_or(0, |g| counts[g].members.len());
        let total: usize = counts.iter().map(|g| g.members.len()).sum();
        let option = |value: Option<i64>, label: String, search: String, count: usize| PickOption {
            value,
            label,
            count,
            search: search.to_lowercase(),
        };
        let mut options = vec![option(None, "(any)".to_string(), String::new(), total)];
        match kind {
            PickerKind::City => {
                for (i, c) in ds.cities().iter().enumerate() {
                    let label = format!("{} · {}", c.name, c.name_en);
                    let search = format!("{} {} {} {}", c.id, c.name, c.name_en, c.province_en);
                    options.push(option(Some(i as i64), label, search, count(i as i64)));
                }
            }
            PickerKind::Theme => {
                for (i, t) in ds.themes().iter().enumerate() {
                    let label = format!("{} · {}", t.name, t.name_en);
                    let search = format!("{} {} {}", t.id, t.name, t.name_en);
                    options.push(option(Some(i as i64), label, search, count(i as i64)));
                }
            }
            PickerKind::Year => {
                let all: Vec<usize> = (0..ds.indicators().len()).collect();
                for g in group(ds, &all, GroupBy::Year) {
                    options.push(option(Some(g.key), g.key.to_string(), g.key.to_string(), count(g.key)));
                }
            }
        }
        let current = match kind {
            PickerKind::City => self.filters.city.map(|c| c as i64),
            PickerKind::Theme => self.filters.theme.map(|t| t as i64),
            PickerKind::Year => self.filters.year.map(i64::from),
        };
        let mut p = Picker { kind, query: String::new(), options, shown: Vec::new(), selected: 0 };
        p.narrow();
        p.selected = p.shown.iter().position(|&i| p.options[i].value == current).unwrap_or(0);
        self.overlay = Overlay::Picker(p);
    }

    fn pick(&mut self, p: &Picker) {
        let Some(choice) = p.shown.get(p.selected).map(|&i| &p.options[i]) else { return };
        let before = self.filters.clone();
        match p.kind {
            PickerKind::City => self.filters.city = choice.value.map(|v| v as usize),
            PickerKind::Theme => self.filters.theme = choice.value.map(|v| v as usize),
            PickerKind::Year => self.filters.year = choice.value.and_then(|v| i32::try_from(v).ok()),
        }
        if self.filters != before {
            self.apply_filters(Some(&before));
        }
    }

    /// Goes from the source view to the current quote's indicator in the table, clearing filters that hide it.
    fn go_to_indicator(&mut self) {
        let Some(s) = &self.source else { return };
        let ind = s.indicator();
        let view = s.back.view;
        if self.matched.binary_search(&ind).is_err() {
            self.filters = Filters::default();
            self.apply_filters(None);
            self.message = Some("filters cleared to show the indicator".to_string());
        }
        self.focus = Focus::Table;
        self.jump(Location::Browse(BrowseLoc { view, group: None, indicator: Some(ind) }));
    }

    fn click(&mut self, col: u16, row: u16) {
        let a = self.areas();
        if a.too_small() || self.overlay != Overlay::None {
            return;
        }
        if layout::contains(a.tabs, col, row) {
            if let Some((v, _)) = a.tab_ranges().into_iter().find(|(_, r)| r.contains(&col)) {
                update(self, Action::ShowView(v));
            }
            return;
        }
        if self.source.is_some() {
            if layout::contains(a.source, col, row) && row > a.source.y {
                self.click_source(usize::from(row - a.source.y - 1));
            }
            return;
        }
        if layout::contains(a.groups, col, row) && row > a.groups.y {
            let g = self.group_top + usize::from(row - a.groups.y - 1);
            if g < self.groups.len() {
                self.focus = Focus::Groups;
                if g != self.group_sel {
                    self.group_sel = g;
                    self.row_sel = 0;
                    self.row_top = 0;
                    self.refresh_table();
                }
            }
        } else if layout::contains(a.table, col, row) && row > a.table.y + 1 {
            let r = self.row_top + usize::from(row - a.table.y - 2);
            if r < self.rows().len() {
                self.focus = Focus::Table;
                self.row_sel = r;
                self.keep_in_view();
            }
        }
    }

    /// A click on line `line` of the source pane makes the first quote on that line current.
    fn click_source(&mut self, line: usize) {
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

    fn wheel(&mut self, col: u16, row: u16, down: bool) {
        let d: isize = if down { 3 } else { -3 };
        match &mut self.overlay {
            Overlay::Help(s) => {
                *s = if down { *s + 3 } else { s.saturating_sub(3) };
                return;
            }
            Overlay::Picker(p) => {
                p.selected = step(p.selected, d, p.shown.len());
                return;
            }
            Overlay::None => {}
        }
        let a = self.areas();
        if self.source.is_some() {
            self.scroll_source(d);
        } else if layout::contains(a.groups, col, row) {
            let g = step(self.group_sel, d.signum(), self.groups.len());
            if g != self.group_sel {
                self.group_sel = g;
                self.row_sel = 0;
                self.row_top = 0;
                self.refresh_table();
            }
        } else {
            self.row_sel = step(self.row_sel, d, self.rows().len());
            self.keep_in_view();
        }
    }
}

/// `sel + delta`, kept within `0..len`.
fn step(sel: usize, delta: isize, len: usize) -> usize {
    (sel as isize + delta).clamp(0, len.saturating_sub(1) as isize) as usize
}

/// The first row to show so that `sel` is visible in `rows` rows of a list of `len`, scrolling as little as
/// possible from `top`.
pub fn scrolled(top: usize, sel: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let top = if sel < top {
        sel
    } else if sel >= top + rows {
        sel + 1 - rows
    } else {
        top
    };
    top.min(len.saturating_sub(rows))
}

/// Applies `action` to the model; returns the side effect for the event loop, if any.
pub fn update(m: &mut Model, action: Action) -> Option<Effect> {
    if !matches!(action, Action::Resize(..) | Action::Wheel(..)) {
        m.message = None;
    }
    match action {
        Action::Quit => m.quit = true,
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
            let citation = clipboard::citation(&m.ds, i);
            m.message = Some(format!("copied citation of {} to the clipboard (OSC 52)", m.ds.indicators()[i].id));
            return Some(Effect::Copy(citation));
        }
        Action::StartFilter => m.editing = true,
        Action::OpenPicker(kind) => m.open_picker(kind),
        Action::CycleKind => {
            let before = m.filters.clone();
            m.filters.kind = match m.filters.kind {
                None => Some(Kind::Target),
                Some(Kind::Target) => Some(Kind::Actual),
                Some(Kind::Actual) => None,
            };
            m.apply_filters(Some(&before));
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
                Overlay::Picker(p) => {
                    p.selected = step(p.selected, delta.signum() * delta.abs().min(10), p.shown.len())
                }
                Overlay::None => m.move_by(delta),
            }
        }
        Action::Top | Action::Bottom => {
            let delta = if action == Action::Top { isize::MIN / 2 } else { isize::MAX / 2 };
            if m.source.is_none() {
                m.history.jump(m.location());
            }
            m.move_by(delta);
        }
        Action::Open => match (&m.source, m.focus) {
            (Some(_), _) => m.go_to_indicator(),
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
            match m.history.back(here) {
                Some(to) => m.restore(to),
                None => m.message = Some("no earlier jump".to_string()),
            }
        }
        Action::JumpForward => {
            let here = m.location();
            match m.history.forward(here) {
                Some(to) => m.restore(to),
                None => m.message = Some("no later jump".to_string()),
            }
        }
        Action::InputChar(c) => match &mut m.overlay {
            Overlay::Picker(p) => {
                p.query.push(c);
                p.narrow();
            }
            _ => {
                let before = m.filters.clone();
                m.filters.text.push(c);
                m.apply_filters(Some(&before));
            }
        },
        Action::InputBackspace | Action::InputClear => match &mut m.overlay {
            Overlay::Picker(p) => {
                if action == Action::InputClear {
                    p.query.clear();
                } else {
                    p.query.pop();
                }
                p.narrow();
            }
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
            other => {
                m.overlay = other;
                m.editing = false;
            }
        },
        Action::Cancel => {
            if matches!(m.overlay, Overlay::Picker(_)) {
                m.overlay = Overlay::None;
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
        Action::Click(col, row) => m.click(col, row),
        Action::Wheel(col, row, down) => m.wheel(col, row, down),
    }
    None
}

/// Switches the browse view (from the source view too), recording a jump.
fn update_view(m: &mut Model, v: ViewKind) {
    let keep = match &m.source {
        Some(s) => s.back.indicator,
        None => m.selected(),
    };
    if m.source.is_none() && v == m.view {
        return;
    }
    m.jump(Location::Browse(BrowseLoc { view: v, group: None, indicator: keep }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap;
    use crate::tui::sample;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// Feeds keys through the key table and the update function, as the event loop does.
    fn keys(m: &mut Model, keys: &[KeyEvent]) -> Vec<Effect> {
        let mut effects = Vec::new();
        for k in keys {
            if let Some(a) = keymap::action_for(m.mode(), k) {
                effects.extend(update(m, a));
            }
        }
        effects
    }

    fn k(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn code(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(s: &str) -> Vec<KeyEvent> {
        s.chars().map(k).collect()
    }

    fn id(m: &Model, i: usize) -> &str {
        &m.ds.indicators()[i].id
    }

    #[test]
    fn filter_pick_city_open_source_next_quote_and_back() {
        let mut m = Model::new(sample::dataset(), (120, 40));
        assert_eq!(m.matched.len(), m.ds.indicators().len());
        // `/5g` narrows live; Enter keeps the filter.
        keys(&mut m, &[k('/')]);
        assert_eq!(m.mode(), Mode::FilterInput);
        keys(&mut m, &typed("5g"));
        assert_eq!(m.filters.text, "5g");
        let fiveg: Vec<&str> = m.matched.iter().map(|&i| id(&m, i)).collect();
        assert_eq!(fiveg, vec!["sy-5g-2020", "sy-5g-2025", "xz-5g-new"]);
        keys(&mut m, &[code(KeyCode::Enter)]);
        assert_eq!(m.mode(), Mode::Browse);
        // `c` opens the city picker; typing narrows it; Enter picks 徐州.
        keys(&mut m, &[k('c')]);
        assert_eq!(m.mode(), Mode::Picker);
        keys(&mut m, &typed("xu"));
        let Overlay::Picker(p) = &m.overlay else { panic!("picker closed") };
        assert_eq!(p.shown.len(), 1);
        assert_eq!(p.options[p.shown[0]].label, "徐州 · Xuzhou");
        keys(&mut m, &[code(KeyCode::Enter)]);
        assert_eq!(m.filters.city, Some(1));
        assert_eq!(m.matched.iter().map(|&i| id(&m, i)).collect::<Vec<_>>(), vec!["xz-5g-new"]);
        assert_eq!(m.selected().map(|i| id(&m, i)), Some("xz-5g-new"));
        // Enter opens the source at that quote.
        keys(&mut m, &[code(KeyCode::Enter)]);
        assert_eq!(m.mode(), Mode::Source);
        let s = m.source.as_ref().unwrap();
        assert_eq!(m.ds.documents()[s.doc].id, "xz-doc");
        assert_eq!(id(&m, s.indicator()), "xz-5g-new");
        // `n` goes to the next cited quote of the document, whatever the filters.
        keys(&mut m, &[k('n')]);
        assert_eq!(id(&m, m.source.as_ref().unwrap().indicator()), "xz-charging");
        keys(&mut m, &[k('N'), k('N')]);
        assert_eq!(id(&m, m.source.as_ref().unwrap().indicator()), "xz-growth");
        assert!(m.message.as_deref().unwrap_or("").contains("wrapped"));
        // Esc goes back to the table, with the filters and selection as they were.
        keys(&mut m, &[code(KeyCode::Esc)]);
        assert_eq!(m.mode(), Mode::Browse);
        assert_eq!(m.selected().map(|i| id(&m, i)), Some("xz-5g-new"));
        assert_eq!(m.filters.text, "5g");
        // Ctrl-o retraces the jumps: the source at the last quote, then the quotes before it.
        keys(&mut m, &[ctrl('o')]);
        assert_eq!(m.mode(), Mode::Source);
        assert_eq!(id(&m, m.source.as_ref().unwrap().indicator()), "xz-growth");
        keys(&mut m, &[ctrl('o'), ctrl('o'), ctrl('o'), ctrl('o')]);
        assert_eq!(m.mode(), Mode::Browse);
        assert_eq!(m.message.as_deref(), None);
        // …and Ctrl-i goes forward again.
        keys(&mut m, &[ctrl('i')]);
        assert_eq!(m.mode(), Mode::Source);
        assert_eq!(id(&m, m.source.as_ref().unwrap().indicator()), "xz-5g-new");
        // Esc in the browse screen clears every filter.
        keys(&mut m, &[code(KeyCode::Esc), code(KeyCode::Esc)]);
        assert!(m.filters.is_empty());
        assert_eq!(m.matched.len(), m.ds.indicators().len());
    }

    #[test]
    fn enter_on_a_quote_goes_to_its_indicator_even_when_filtered_out() {
        let mut m = Model::new(sample::dataset(), (120, 40));
        keys(&mut m, &[k('4'), k('/')]);
        keys(&mut m, &typed("1万座"));
        keys(&mut m, &[code(KeyCode::Enter), code(KeyCode::Enter), k('n')]);
        let target = m.source.as_ref().unwrap().indicator();
        assert_eq!(id(&m, target), "xz-charging");
        keys(&mut m, &[code(KeyCode::Enter)]);
        assert_eq!(m.mode(), Mode::Browse);
        assert_eq!(m.view, ViewKind::All);
        assert!(m.filters.is_empty(), "the filter hiding the indicator was cleared");
        assert_eq!(m.selected(), Some(target));
    }

    #[test]
    fn a_longer_literal_filter_refines_the_previous_result() {
        let mut m = Model::new(sample::dataset(), (120, 40));
        keys(&mut m, &[k('/'), k('5')]);
        assert_eq!(m.filter_path, FilterPath::Full);
        keys(&mut m, &[k('G')]);
        assert_eq!(m.filter_path, FilterPath::Refined);
        let refined = m.matched.clone();
        assert_eq!(refined, m.filters.query().apply(&m.ds));
        // Deleting or turning the text into a regex scans again.
        keys(&mut m, &[code(KeyCode::Backspace)]);
        assert_eq!(m.filter_path, FilterPath::Full);
        keys(&mut m, &typed("G|充电"));
        assert_eq!(m.filter_path, FilterPath::Full);
        assert_eq!(m.matched.len(), 4);
        // Esc while typing drops the text filter.
        keys(&mut m, &[code(KeyCode::Esc)]);
        assert_eq!(m.mode(), Mode::Browse);
        assert!(m.filters.text.is_empty());
    }

    #[test]
    fn kind_cycles_and_views_switch_keeping_the_selection() {
        let mut m = Model::new(sample::dataset(), (120, 40));
        keys(&mut m, &[k('j')]);
        let sel = m.selected();
        keys(&mut m, &[code(KeyCode::Tab)]);
        assert_eq!(m.view, ViewKind::Themes);
        assert_eq!(m.selected(), sel);
        keys(&mut m, &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT), k('3')]);
        assert_eq!(m.view, ViewKind::Years);
        assert_eq!(m.selected(), sel);
        // Years: earliest first, targets before actuals within a year.
        let years: Vec<i64> = m.groups.iter().map(|g| g.key).collect();
        assert!(years.windows(2).all(|w| w[0] < w[1]));
        for g in &m.groups {
            let kinds: Vec<Kind> = g.members.iter().map(|&i| m.ds.indicators()[i].kind).collect();
            assert!(kinds.windows(2).all(|w| w[0] <= w[1]));
        }
        keys(&mut m, &[k('k')]);
        assert_eq!(m.filters.kind, Some(Kind::Target));
        assert!(m.matched.iter().all(|&i| m.ds.indicators()[i].kind == Kind::Target));
        keys(&mut m, &[k('k'), k('k')]);
        assert_eq!(m.filters.kind, None);
        keys(&mut m, &[k('y')]);
        keys(&mut m, &typed("2025"));
        keys(&mut m, &[code(KeyCode::Enter)]);
        assert_eq!(m.filters.year, Some(2025));
        keys(&mut m, &[k('x')]);
        assert!(m.filters.is_empty());
    }

    #[test]
    fn yank_returns_a_citation_to_copy_and_says_so() {
        let mut m = Model::new(sample::dataset(), (120, 40));
        let effects = keys(&mut m, &[k('Y')]);
        let Some(Effect::Copy(text)) = effects.first() else { panic!("no copy effect") };
        let ind = &m.ds.indicators()[m.selected().unwrap()];
        assert!(text.contains(&ind.quote));
        assert!(text.contains(&m.ds.documents()[ind.doc].title));
        assert!(m.message.as_deref().unwrap().contains("clipboard"));
        // The next key clears the message.
        keys(&mut m, &[k('j')]);
        assert!(m.message.is_none());
    }

    #[test]
    fn help_overlay_and_quit() {
        let mut m = Model::new(sample::dataset(), (120, 40));
        keys(&mut m, &[k('?')]);
        assert_eq!(m.mode(), Mode::Help);
        keys(&mut m, &[k('j'), k('k'), k('q')]);
        assert_eq!(m.mode(), Mode::Browse);
        assert!(!m.quit);
        keys(&mut m, &[ctrl('c')]);
        assert!(m.quit);
    }

    #[test]
    fn groups_focus_moves_between_groups_and_mouse_selects() {
        let mut m = Model::new(sample::dataset(), (120, 40));
        assert_eq!(m.group_sel, 0);
        keys(&mut m, &[k('h'), k('j')]);
        assert_eq!(m.group_sel, 1);
        assert_eq!(m.row_sel, 0);
        keys(&mut m, &[k('l'), k('G')]);
        assert_eq!(m.row_sel, m.rows().len() - 1);
        keys(&mut m, &[k('g')]);
        assert_eq!(m.row_sel, 0);
        let a = m.areas();
        update(&mut m, Action::Click(a.groups.x + 2, a.groups.y + 1));
        assert_eq!(m.group_sel, 0);
        update(&mut m, Action::Click(a.table.x + 2, a.table.y + 3));
        assert_eq!(m.row_sel, 1);
        // The wheel over the table moves the selection three rows; over the source it scrolls.
        update(&mut m, Action::Wheel(a.table.x + 2, a.table.y + 3, true));
        assert_eq!(m.row_sel, 4);
        update(&mut m, Action::Wheel(a.table.x + 2, a.table.y + 3, false));
        assert_eq!(m.row_sel, 1);
        let tab = a.tab_ranges()[3].1.start;
        update(&mut m, Action::Click(tab, 0));
        assert_eq!(m.view, ViewKind::All);
    }

    #[test]
    fn source_scrolls_and_keeps_its_place_across_a_resize() {
        let mut m = Model::new(sample::dataset(), (60, 20));
        keys(&mut m, &[code(KeyCode::Enter)]);
        let top = m.source.as_ref().unwrap().top;
        keys(&mut m, &[k('G')]);
        let bottom = m.source.as_ref().unwrap().top;
        assert!(bottom >= top);
        update(&mut m, Action::Resize(120, 40));
        let layout = m.source_layout().unwrap();
        let s = m.source.as_ref().unwrap();
        assert!(layout.lines.iter().any(|l| l.range.start == s.top));
    }
}
