//! `skiff healthcheck VERB` (podman's noun).
pub mod run;

pub use run::{run, Cmd};
