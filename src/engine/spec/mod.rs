//! "specgen": `ContainerConfig`, the one typed request every producer of containers fills (the
//! CLI's flags, and next compose, kube and build), its parsers, and the OCI runtime spec made
//! from it and the image.
pub mod config;
pub mod generate;
pub mod health;
pub mod parse;

pub use config::ContainerConfig;
