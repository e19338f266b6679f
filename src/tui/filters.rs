//! The filters the user has set in the explorer, and how they become a library query.

use zhibiao::model::Kind;
use zhibiao::query::{Filter, TextFilter};

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
