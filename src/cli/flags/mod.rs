//! Flag groups several verbs share, flattened into their `Args` (`run` and `create`'s own group
//! is `container_flags.rs`).
pub(crate) mod create;
pub(crate) mod format;
pub(crate) mod logging;
pub(crate) mod logs;
pub(crate) mod registry;
pub(crate) mod resources;
pub(crate) mod style;
