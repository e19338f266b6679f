//! The explorer's shared vocabulary: views, focus, label language, picker kinds and key modes. Every other
//! explorer module may import it; it imports none of them.

use zhibiao_core::query::GroupBy;

/// The browse views.
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
    /// Metrics by theme, with a chart and the records of the selected one.
    Metrics,
    /// The quantities no record or ignored passage accounts for, by document, each with its drafted record.
    Candidates,
}

impl ViewKind {
    /// The views in tab order.
    pub const ALL: [ViewKind; 6] =
        [ViewKind::Cities, ViewKind::Themes, ViewKind::Years, ViewKind::All, ViewKind::Metrics, ViewKind::Candidates];

    /// The number key of the view, less one (the tab shows it).
    pub fn index(self) -> usize {
        match self {
            ViewKind::Cities => 0,
            ViewKind::Themes => 1,
            ViewKind::Years => 2,
            ViewKind::All => 3,
            ViewKind::Metrics => 4,
            ViewKind::Candidates => 5,
        }
    }

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            ViewKind::Cities => "Cities",
            ViewKind::Themes => "Themes",
            ViewKind::Years => "Years",
            ViewKind::All => "All",
            ViewKind::Metrics => "Metrics",
            ViewKind::Candidates => "Candidates",
        }
    }

    /// How the library groups indicators for this view.
    pub fn group_by(self) -> GroupBy {
        match self {
            ViewKind::Cities => GroupBy::City,
            ViewKind::Themes => GroupBy::Theme,
            ViewKind::Years => GroupBy::Year,
            // The metrics view groups by metric itself (see the metrics component).
            ViewKind::All | ViewKind::Metrics | ViewKind::Candidates => GroupBy::All,
        }
    }

    /// True when the table of this view mixes cities (so it shows a city column).
    pub fn mixes_cities(self) -> bool {
        self != ViewKind::Cities
    }

    pub(crate) fn step(self, by: isize) -> ViewKind {
        let at = ViewKind::ALL.iter().position(|&v| v == self).unwrap_or(0);
        let i = (at as isize + by).rem_euclid(ViewKind::ALL.len() as isize);
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
    /// A metric (the registry's ids are not guessable, so they are picked).
    Metric,
}

impl PickerKind {
    /// The picker's title.
    pub fn title(self) -> &'static str {
        match self {
            PickerKind::City => "City 城市",
            PickerKind::Theme => "Theme 主题",
            PickerKind::Year => "Year 年份",
            PickerKind::Metric => "Metric 指标",
        }
    }
}

/// The mode decides which key bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Groups and table.
    Browse,
    /// View 6, the candidates.
    Candidates,
    /// A document with its cited quotes.
    Source,
    /// Typing the text filter.
    FilterInput,
    /// A picker is open.
    Picker,
    /// The help overlay is open.
    Help,
    /// Typing the name of a file to export to.
    Prompt,
}
