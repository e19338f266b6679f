//! zhibiao (指标): the numeric goals Chinese city governments publish, each traceable to its source sentence.
//!
//! This library is everything but the terminal: it loads a dataset (curated YAML in `data/` plus the source
//! texts in `seeds/`), verifies every citation against the source, and answers queries. The command line and the
//! explorer are thin layers over it.

pub mod decimal;
pub mod model;
pub mod quantity;
