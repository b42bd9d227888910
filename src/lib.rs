//! skiff's library: `cli` parses and prints, `engine` does the work, `runtime` runs OCI specs,
//! `store` owns the on-disk state. Calls go one way: cli → engine → runtime/store.
pub mod cli;
pub(crate) mod engine;
pub mod error;
pub mod monitor;
pub mod netns;
pub mod runtime;
pub(crate) mod store;
