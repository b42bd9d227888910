//! "specgen": `ContainerConfig`, the one typed request every producer of containers fills (the
//! CLI's flags, and next compose, kube and build), its parsers, and the OCI runtime spec made
//! from it and the image.
pub(crate) mod config;
pub(crate) mod generate;
pub(crate) mod health;
pub(crate) mod logging;
pub(crate) mod mount_flags;
pub(crate) mod mounts;
pub(crate) mod parse;
pub(crate) mod passwd;
pub(crate) mod ulimit;
pub(crate) mod userns;

pub(crate) use config::ContainerConfig;
