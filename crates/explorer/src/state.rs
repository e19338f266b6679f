//! What the user has set, kept apart from the data it is set on: [`ViewState`] (the view, sort, columns, filters,
//! selection, history, language, what is being typed) and [`Input`], the one place that says what the keyboard
//! is typing into. A reload swaps the dataset under an unchanged `ViewState`; only the fields that hold indices
//! into the dataset are carried over by id ([`ViewState::remap`]), and that function names every field, so a
//! field added here cannot be forgotten by a reload.

use std::path::PathBuf;

use zhibiao_core::dataset::{Dataset, Moves};
use zhibiao_core::ids::{CityId, IndicatorId, MetricId, ThemeId};
use zhibiao_core::query::GroupKey;

use crate::component::picker::Picker;
use crate::component::source::SourceState;
use crate::filters::{Field, Filters};
use crate::nav::{BrowseLoc, History, Location};
use crate::sort::Sort;
use crate::vocab::{Focus, Lang, Mode, ViewKind};

/// What the keyboard types into, if anything beyond the screen's own keys. One value, so the precedence of
/// overlays over prompts over the filter is the order of nothing: only one of them can be open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Input {
    /// Nothing open: the keys of the screen (browse, source view, view 6).
    #[default]
    None,
    /// The key help, scrolled by this many lines.
    Help(usize),
    /// A picker.
    Picker(Picker),
    /// Typing the text filter (the text itself is in the filters, which it changes as it is typed).
    Filter,
    /// Typing the file name of an export.
    Export(String),
    /// Typing the reason for ignoring view 6's selected figure.
    Reason(String),
}

impl Input {
    /// True when an overlay (help or a picker) covers the screen.
    pub fn is_overlay(&self) -> bool {
        matches!(self, Input::Help(_) | Input::Picker(_))
    }
}

/// Everything the user has set or moved to, apart from the dataset.
#[derive(Debug)]
pub struct ViewState {
    /// Filters set.
    pub filters: Filters,
    /// The fields of the filters in the order the user added them, most recent last (Backspace drops the last).
    pub filter_order: Vec<Field>,
    /// What the keyboard types into.
    pub input: Input,
    /// The browse view.
    pub view: ViewKind,
    /// Selected group.
    pub group_sel: usize,
    /// First group shown.
    pub group_top: usize,
    /// Selected row of the table.
    pub row_sel: usize,
    /// First row shown.
    pub row_top: usize,
    /// Lines the detail pane is scrolled by (the mouse wheel over it), and the indicator that scroll belongs to:
    /// another indicator shows from its top.
    pub detail_scroll: (Option<IndicatorId>, usize),
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// Label language.
    pub lang: Lang,
    /// The source view, when open.
    pub source: Option<SourceState>,
    /// Jump history.
    pub history: History,
    /// A one-off message for the status bar (cleared by the next key).
    pub message: Option<String>,
    /// Terminal size, columns × rows.
    pub size: (u16, u16),
    /// Set when the user quits.
    pub quit: bool,
    /// The dataset folder (`--data`), where view 6 writes and the watcher looks; `None` for the bundled dataset.
    pub root: Option<PathBuf>,
    /// The load cache the dataset shown was loaded through (`None` under `--no-cache`): a reload the event loop
    /// must make itself goes through it too.
    pub load_cache: Option<PathBuf>,
    /// The order of the table's rows.
    pub sort: Sort,
    /// True when the table shows the normalised value (with its direction) as a column.
    pub show_base: bool,
    /// Where exports are written (the working directory).
    pub export_dir: PathBuf,
    /// Lines the panel of `check`'s errors is scrolled by.
    pub errors_scroll: usize,
}

impl ViewState {
    /// The state of an explorer just opened on a terminal of `size`.
    pub fn new(size: (u16, u16)) -> ViewState {
        ViewState {
            filters: Filters::default(),
            filter_order: Vec::new(),
            input: Input::None,
            view: ViewKind::Cities,
            group_sel: 0,
            group_top: 0,
            row_sel: 0,
            row_top: 0,
            detail_scroll: (None, 0),
            focus: Focus::Table,
            lang: Lang::Zh,
            source: None,
            history: History::default(),
            message: None,
            size,
            quit: false,
            root: None,
            load_cache: None,
            sort: Sort::default(),
            show_base: false,
            export_dir: PathBuf::from("."),
            errors_scroll: 0,
        }
    }

    /// The mode, which decides the key bindings: what is being typed into, else the screen.
    pub fn mode(&self) -> Mode {
        match (&self.input, &self.source) {
            (Input::Help(_), _) => Mode::Help,
            (Input::Picker(_), _) => Mode::Picker,
            (Input::Export(_), _) => Mode::Prompt,
            (Input::Filter | Input::Reason(_), _) => Mode::FilterInput,
            (Input::None, Some(_)) => Mode::Source,
            (Input::None, None) if self.view == ViewKind::Candidates => Mode::Candidates,
            (Input::None, None) => Mode::Browse,
        }
    }

    /// Carries the state over to another dataset as `map` says: the fields holding indices into the dataset
    /// are mapped by id (what no longer exists is dropped), every other field stays as it is. The selection
    /// (`group_sel`, `row_sel`) and the open source view are positions the model restores from ids after it has
    /// regrouped (see `reload`), so they are cleared here.
    pub(crate) fn remap(&mut self, map: &IdMap<'_>) {
        // Every field is named: a new one does not compile until it says what a reload does with it.
        let ViewState {
            filters,
            filter_order: _,
            input,
            view: _,
            group_sel,
            group_top: _,
            row_sel,
            row_top: _,
            detail_scroll,
            focus: _,
            lang: _,
            source,
            history,
            message: _,
            size: _,
            quit: _,
            root: _,
            load_cache: _,
            sort: _,
            show_base: _,
            export_dir: _,
            errors_scroll: _,
        } = self;
        map.filters(filters);
        history.remap(|loc| map.location(loc), |f| map.filters(f));
        *detail_scroll = match detail_scroll.0.map(|i| map.indicator(i)) {
            Some(Some(i)) => (Some(i), detail_scroll.1),
            _ => (None, 0),
        };
        *source = None;
        *group_sel = 0;
        *row_sel = 0;
        // A picker counts records of the old dataset: it is closed (the filters it would set are kept).
        if matches!(input, Input::Picker(_)) {
            *input = Input::None;
        }
    }
}

/// Maps indices of one dataset to the same records, cities, themes and metrics of another.
pub(crate) enum IdMap<'a> {
    /// Another dataset loaded whole: everything by its string id.
    Reloaded {
        /// The dataset the indices are in.
        old: &'a Dataset,
        /// The one they are mapped into.
        new: &'a Dataset,
    },
    /// The same dataset with a few files' records spliced in: the tables are as they were, and the records moved
    /// as `moves` says.
    Spliced {
        /// The dataset once spliced.
        ds: &'a Dataset,
        /// Where its records went.
        moves: &'a Moves,
    },
}

impl IdMap<'_> {
    /// The new id of the old indicator `i`.
    pub fn indicator(&self, i: IndicatorId) -> Option<IndicatorId> {
        match self {
            IdMap::Reloaded { old, new } => new.find_indicator(&old.indicators().get(i.index())?.id),
            IdMap::Spliced { ds, moves } => moves.indicator(ds, i),
        }
    }

    fn city(&self, c: CityId) -> Option<CityId> {
        match self {
            IdMap::Reloaded { old, new } => new.find_city(&old.city(c).id),
            IdMap::Spliced { .. } => Some(c),
        }
    }

    fn theme(&self, t: ThemeId) -> Option<ThemeId> {
        match self {
            IdMap::Reloaded { old, new } => new.find_theme(&old.theme(t).id),
            IdMap::Spliced { .. } => Some(t),
        }
    }

    fn metric(&self, k: MetricId) -> Option<MetricId> {
        match self {
            IdMap::Reloaded { old, new } => new.find_metric(&old.metric(k).id),
            IdMap::Spliced { .. } => Some(k),
        }
    }

    /// The filters' cities, themes and metrics that still exist, by id.
    pub fn filters(&self, f: &mut Filters) {
        f.city = f.city.iter().filter_map(|&c| self.city(c)).collect();
        f.theme = f.theme.iter().filter_map(|&t| self.theme(t)).collect();
        f.metric = f.metric.iter().filter_map(|&k| self.metric(k)).collect();
    }

    /// A group key in the new dataset: cities, themes and metrics by id (a metric's key holds its theme, which
    /// the new registry may have changed), years as they are.
    pub fn group_key(&self, key: GroupKey) -> Option<GroupKey> {
        match key {
            GroupKey::City(c) => self.city(c).map(GroupKey::City),
            GroupKey::Theme(t) => self.theme(t).map(GroupKey::Theme),
            GroupKey::Metric(theme, k) => match self {
                IdMap::Reloaded { new, .. } => self.metric(k).map(|k| GroupKey::Metric(new.metric(k).theme, k)),
                IdMap::Spliced { .. } => Some(GroupKey::Metric(theme, k)),
            },
            GroupKey::Year(_) | GroupKey::All => Some(key),
        }
    }

    /// A browse location in the new dataset (a group or indicator gone becomes none).
    pub fn browse(&self, b: BrowseLoc) -> BrowseLoc {
        BrowseLoc {
            view: b.view,
            group: b.group.and_then(|k| self.group_key(k)),
            indicator: b.indicator.and_then(|i| self.indicator(i)),
        }
    }

    /// A location in the new dataset; a source view whose record is gone is dropped.
    pub fn location(&self, loc: Location) -> Option<Location> {
        Some(match loc {
            Location::Browse(b) => Location::Browse(self.browse(b)),
            Location::Source { indicator, back } => {
                Location::Source { indicator: self.indicator(indicator)?, back: self.browse(back) }
            }
        })
    }
}
