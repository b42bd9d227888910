//! Flag groups several verbs share, flattened into their `Args` (`run` and `create`'s own group
//! is `container_flags.rs`).
pub mod create;
pub mod format;
pub mod registry;
