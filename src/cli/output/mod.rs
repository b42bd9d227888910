//! Rendering, and the only place that writes to the terminal besides the verbs: Go templates for
//! `--format`, the list verbs' tables, pull progress, errors and warnings.
pub(crate) mod containers;
pub(crate) mod disk_usage;
pub(crate) mod events;
pub(crate) mod format;
pub(crate) mod images;
pub(crate) mod info;
pub(crate) mod progress;
pub(crate) mod report;
pub(crate) mod session;
pub(crate) mod volumes;
