//! Rendering: Go templates for `--format`, tables and progress.
pub mod format;
