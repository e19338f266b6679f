//! Typed positions into the dataset's tables: a [`CityId`] indexes the cities and nothing else, so a theme's
//! position can never be used as a city's, an indicator's row never as a document's, and a group key, a filter's
//! result or a selection says which table its numbers point into.
//!
//! Each id is the position of its row in the table's file order; it is only meaningful for the [`Dataset`] it
//! came from (a reload may number the rows differently: carry a row across by its string id instead).
//!
//! [`Dataset`]: crate::dataset::Dataset

use std::fmt;
use std::ops::Index;

use crate::dataset::{City, Document, Indicator, Metric, Theme};

/// Declares one id type over `usize` (serialised as the bare number, as the load cache always stored it) and
/// indexing of its table's rows through it.
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident => $row:ty;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
            #[serde(transparent)]
            pub struct $name(usize);

            impl $name {
                /// The id of row `position` of its table.
                pub const fn new(position: usize) -> $name {
                    $name(position)
                }

                /// The row's position in its table.
                pub const fn index(self) -> usize {
                    self.0
                }
            }

            impl fmt::Display for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    self.0.fmt(f)
                }
            }

            impl Index<$name> for [$row] {
                type Output = $row;
                fn index(&self, id: $name) -> &$row {
                    &self[id.0]
                }
            }
        )*
    };
}

ids! {
    /// A document: its position in `data/documents.yaml`.
    DocId => Document;
    /// A city: its position in `data/cities.yaml`.
    CityId => City;
    /// A theme: its position in `data/themes.yaml`.
    ThemeId => Theme;
    /// A metric of the registry: its position in `data/metrics.yaml`.
    MetricId => Metric;
    /// An indicator: its position in [`Dataset::indicators`](crate::dataset::Dataset::indicators) (document by
    /// document, each file's records in order). What a filter selects, a group holds and the explorer shows.
    IndicatorId => Indicator;
}
