//! The filters the user has set in the explorer, and how they become a library query.

use zhibiao_core::ids::{CityId, MetricId, ThemeId};
use zhibiao_core::query::{Filter, TextFilter};
use zhibiao_core::schema::Kind;

/// The filters the user has set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Cities, in the order picked (several: side by side).
    pub city: Vec<CityId>,
    /// Themes.
    pub theme: Vec<ThemeId>,
    /// Years.
    pub year: Vec<i32>,
    /// Metrics.
    pub metric: Vec<MetricId>,
    /// Target or actual.
    pub kind: Option<Kind>,
    /// Text filter as typed (empty: none).
    pub text: String,
}

impl Filters {
    /// The library query for these filters.
    pub fn query(&self) -> Filter {
        Filter {
            city: self.city.clone(),
            theme: self.theme.clone(),
            year: self.year.clone(),
            metric: self.metric.clone(),
            kind: self.kind,
            text: (!self.text.is_empty()).then(|| TextFilter::new(&self.text)),
            ..Filter::default()
        }
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Drops the last filter chip the status bar shows (see `view::status::chips`): the kind, else the last
    /// metric, year, theme or city, else the text. Returns false when there was nothing to drop.
    pub fn drop_last(&mut self) -> bool {
        if self.kind.take().is_some() {
            return true;
        }
        if self.metric.pop().is_some() || self.year.pop().is_some() || self.theme.pop().is_some() {
            return true;
        }
        if self.city.pop().is_some() {
            return true;
        }
        if !self.text.is_empty() {
            self.text.clear();
            return true;
        }
        false
    }

    /// True when `self` can only match a subset of what `before` matched because a literal text filter got
    /// longer and nothing else changed, so the earlier result can be narrowed instead of re-scanned.
    pub(crate) fn narrows(&self, before: &Filters) -> bool {
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
