//! The explorer: an interactive terminal view over a verified dataset.

use std::io;

use zhibiao::Dataset;

/// Runs the explorer until the user quits. The terminal is restored on every exit path.
pub fn run(ds: Dataset) -> io::Result<()> {
    let _ = ds;
    Err(io::Error::other("the explorer is not built yet; use `zhibiao summary` or `zhibiao list`"))
}
