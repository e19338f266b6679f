//! Drafting records.
