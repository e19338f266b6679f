//! The filters the user has set in the explorer, and how they become a library query.

use zhibiao_core::dataset::Dataset;
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

    /// The fields that gained a value since `before` (a city picked, the kind set, text typed where there was
    /// none), in chip order.
    pub fn added_since(&self, before: &Filters) -> Vec<Field> {
        let grew = |now: bool, then: bool| now && !then;
        let mut out = Vec::new();
        if grew(!self.text.is_empty(), !before.text.is_empty()) {
            out.push(Field::Text);
        }
        if self.city.iter().any(|c| !before.city.contains(c)) {
            out.push(Field::City);
        }
        if self.theme.iter().any(|t| !before.theme.contains(t)) {
            out.push(Field::Theme);
        }
        if self.year.iter().any(|y| !before.year.contains(y)) {
            out.push(Field::Year);
        }
        if self.metric.iter().any(|m| !before.metric.contains(m)) {
            out.push(Field::Metric);
        }
        if self.kind.is_some() && self.kind != before.kind {
            out.push(Field::Kind);
        }
        out
    }

    /// Drops one filter: the last value of the field added last according to `order` (most recent last; a
    /// field that has lost its values since is skipped), else the last chip the status bar shows. Returns what
    /// was dropped, or `None` when nothing was filtered.
    pub fn drop_last(&mut self, order: &mut Vec<Field>) -> Option<Dropped> {
        while let Some(field) = order.pop() {
            if let Some(d) = self.drop_from(field) {
                if self.has(field) {
                    // More values of the field remain (several cities picked together): it stays next in line.
                    order.push(field);
                }
                return Some(d);
            }
        }
        [Field::Kind, Field::Metric, Field::Year, Field::Theme, Field::City, Field::Text]
            .into_iter()
            .find_map(|f| self.drop_from(f))
    }

    fn has(&self, field: Field) -> bool {
        match field {
            Field::Text => !self.text.is_empty(),
            Field::City => !self.city.is_empty(),
            Field::Theme => !self.theme.is_empty(),
            Field::Year => !self.year.is_empty(),
            Field::Metric => !self.metric.is_empty(),
            Field::Kind => self.kind.is_some(),
        }
    }

    /// Removes the last value of `field`, if it has one.
    fn drop_from(&mut self, field: Field) -> Option<Dropped> {
        match field {
            Field::Text if !self.text.is_empty() => Some(Dropped::Text(std::mem::take(&mut self.text))),
            Field::Text => None,
            Field::City => self.city.pop().map(Dropped::City),
            Field::Theme => self.theme.pop().map(Dropped::Theme),
            Field::Year => self.year.pop().map(Dropped::Year),
            Field::Metric => self.metric.pop().map(Dropped::Metric),
            Field::Kind => self.kind.take().map(Dropped::Kind),
        }
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

/// A field of the filters, for the order they were added in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The text filter.
    Text,
    /// Cities.
    City,
    /// Themes.
    Theme,
    /// Years.
    Year,
    /// Metrics.
    Metric,
    /// Target or actual.
    Kind,
}

/// One filter value dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    /// The text filter.
    Text(String),
    /// A city.
    City(CityId),
    /// A theme.
    Theme(ThemeId),
    /// A year.
    Year(i32),
    /// A metric.
    Metric(MetricId),
    /// The kind.
    Kind(Kind),
}

impl Dropped {
    /// The chip as the status bar showed it (`city:西安`, `/5g`).
    pub fn chip(&self, ds: &Dataset, en: bool) -> String {
        let pick = |zh: &str, en_name: &str| if en { en_name.to_string() } else { zh.to_string() };
        match self {
            Dropped::Text(t) => format!("/{t}"),
            Dropped::City(c) => format!("city:{}", pick(&ds.city(*c).name, &ds.city(*c).name_en)),
            Dropped::Theme(t) => format!("theme:{}", pick(&ds.theme(*t).name, &ds.theme(*t).name_en)),
            Dropped::Year(y) => format!("year:{y}"),
            Dropped::Metric(m) => format!("metric:{}", ds.metric(*m).id),
            Dropped::Kind(k) => format!("kind:{}", k.as_str()),
        }
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
