//! The explorer's components. Each owns a part of the state and the update over that part, and knows nothing of
//! the model that composes them (`super::app`), which calls them with the parts they need; the key table
//! (`super::keymap`) says which keys reach which component through its contexts.
//!
//! - [`source`]: the source view of one document: its quotes, scrolling, clicking a line.
//! - [`picker`]: the city, theme, year and metric pickers: building the choices, narrowing, marking, picking.
//! - [`candidates`]: view 6's rows (the unaccounted figures with their drafts) and the moves through them.
//! - [`metrics`]: the metrics view (view 5): metrics by theme, their list and pane geometry, comparability notes.
//!
//! The groups pane and the table (views 1–5) are the model's own fields, changed in `app/browse.rs`. A new view
//! is a new file here plus its rows in the key table, its drawing in `super::view` and its arm in `app::update`.

pub mod candidates;
pub mod metrics;
pub mod picker;
pub mod source;
