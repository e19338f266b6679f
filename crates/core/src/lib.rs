//! zhibiao (指标): the numeric goals Chinese city governments publish, each traceable to its source sentence.
//!
//! This library is everything but the terminal: it loads a dataset (curated YAML in `data/` plus the source
//! texts in `seeds/`), verifies every citation against the source, and answers queries. The command line and the
//! explorer are thin layers over it.

pub mod atomic;
pub mod cache;
pub mod candidates;
pub mod control_chars;
pub mod corpus;
pub mod dataset;
pub mod decimal;
pub mod diagnostic;
pub mod draft;
pub mod edit;
pub mod ids;
pub mod load;
pub mod lookup;
pub mod memory;
pub mod parallel;
pub mod plural;
pub mod progress;
pub mod quantity;
pub mod query;
pub mod record;
pub mod root;
pub mod schema;
pub mod shared_str;
pub mod snapshot;
pub mod spreadsheet;
pub mod verify;
pub mod yamlfile;
pub mod yamlpos;

pub use dataset::Dataset;
pub use load::{load, LoadError, Loader};
pub use root::Root;

/// This version of zhibiao (the package version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// This build of zhibiao: the version and a hash of the sources it was built from (see `build.rs`). A cache is
/// reused only by the build that wrote it: a rule changed without a new version number must not trust records an
/// older rule verified.
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("ZHIBIAO_BUILD_ID"));

/// Loads and verifies the dataset bundled into the binary.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    load(&Root::Embedded)
}
