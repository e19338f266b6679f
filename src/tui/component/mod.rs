//! The explorer's components. Each owns a part of the state and the update code for it; the key table
//! (`super::keymap`) says which keys reach which component through its contexts.
//!
//! - [`browse`]: the groups pane and the indicator table (views 1–4).
//! - [`source`]: the source view of one document.
//! - [`picker`]: the city, theme and year pickers.
//! - [`candidates`]: view 6, the unaccounted figures with their drafts (accept, ignore).
//! - [`metrics`]: the metrics view (view 5): metrics by theme, the selected metric's records.
//! - [`table_ops`]: sorting, exporting and the normalised-value column of the indicator table.
//!
//! A new view is a new file here plus its rows in the key table and its drawing in `super::view`.

pub mod browse;
pub mod candidates;
pub mod metrics;
pub mod picker;
pub mod source;
pub mod table_ops;
