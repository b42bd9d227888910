//! The engine: typed options in, typed reports out, one function per verb. No clap, no printing.
pub(crate) mod build;
pub mod compose;
pub(crate) mod container;
pub(crate) mod events;
pub(crate) mod image;
pub(crate) mod info;
pub(crate) mod network;
pub(crate) mod spec;
pub(crate) mod system;
pub(crate) mod volume;
