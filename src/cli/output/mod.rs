//! Rendering, and the only place that writes to the terminal besides the verbs: Go templates for
//! `--format`, the list verbs' tables, pull progress, errors and warnings.
pub mod containers;
pub mod format;
pub mod images;
pub mod progress;
pub mod report;
pub mod session;
