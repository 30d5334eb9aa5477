//! Developer tools: not used by the application itself, kept in the library so
//! that benchmarks (`examples/perf.rs`), examples and tests share one copy.

pub mod bombs;
pub mod measure;
pub mod synthetic;
