//! The engine: typed options in, typed reports out, one function per verb. No clap, no printing.
pub mod container;
pub mod image;
pub mod network;
pub mod spec;
