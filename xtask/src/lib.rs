//! Developer tasks for zhibiao, kept out of the product: the synthetic national-scale dataset generator (this
//! library, so its tests run with the workspace's) and, in the `xtask` binary, the benchmark and the man page.

pub mod synth;
