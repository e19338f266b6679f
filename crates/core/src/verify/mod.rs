//! Verification rules, one function per rule; [`crate::load`] reads the files and calls them.
//!
//! - [`quote`]: the quote is in its document, once (or once in the paragraph named);
//! - [`figure`]: the number the parser reads in the quote is the record's value, range, unit and comparator,
//!   and its baseline value;
//! - [`record`]: a record agrees with its metric in the registry (unit, theme, measure) and its own fields are
//!   well-formed (`as_of`, `period`);
//! - [`links`]: the rules across records (`stretch_of`, `supersedes`, `restates`, duplicate firm targets);
//! - [`todo`]: no field still says `TODO` (what `draft` and `add-doc` leave for the curator).
//!
//! Each rule returns what is wrong as data ([`Problem`], [`QuoteProblem`], [`FigureProblem`]); the loader
//! turns it into a located [`crate::diagnostic::Diagnostic`].

pub mod entry;
pub mod figure;
pub mod links;
pub mod quote;
pub mod report;
pub mod source;
pub mod todo;

pub use figure::{
    baseline_in_quote, describe, match_figure, match_figure_in, normalize_value, unit_dimension, Claim, FigureProblem,
};
pub use quote::{locate_quote, normalize_for_compare, place_quote, Located, QuoteProblem};

/// A problem with one field of a record: which field, what is wrong, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The YAML key the problem is located at (`unit`, `period`, `stretch_of`).
    pub key: &'static str,
    /// One line saying what is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem at `key`.
    pub fn new(key: &'static str, message: impl Into<String>) -> Problem {
        Problem { key, message: message.into(), hint: None }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}
