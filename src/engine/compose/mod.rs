//! Compose files: discovery, parsing, interpolation, merging and validation into the typed,
//! normalised model of `model.rs` (what `skiff compose config` prints and `up` runs).
//!
//! The pipeline of `load`: each file is parsed to a raw document (YAML merge keys applied,
//! `!reset`/`!override` tags kept as markers), interpolated, validated against the Compose
//! specification's schema, its `include`s and `extends` resolved, and rewritten into the long
//! form (`normalize`); the files are then merged in order (`merge`), profiles applied, the
//! defaults compose-go adds filled in, and the result typed and checked (`check`).
pub mod model;

mod check;
pub(crate) mod down;
mod envfile;
mod extends;
mod finish;
mod include;
mod interpolate;
mod load;
mod merge;
mod normalize;
pub(crate) mod plan;
mod schema;
mod short;
pub(crate) mod state;
pub(crate) mod up;
mod values;
pub(crate) mod watch;
mod yaml;

#[allow(unused_imports)] // the runtime half (`up`, `down`, ...) uses them
pub use check::{config_hash, start_order};
#[allow(unused_imports)]
pub use load::{load, normalize_project_name, LoadOptions, Loaded, FILE_NAMES};
pub use model::*;

/// What can go wrong loading a project; each message names the file, path or variable.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("no configuration file provided: not found (looked for compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml in {0} and its parents)")]
    NotFound(std::path::PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// A YAML syntax error: `FILE:LINE:COLUMN: message`.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: std::path::PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A file the Compose specification's schema refuses, at a path like `services.web.ports[0]`.
    #[error("{file}: {path}: {message}")]
    #[allow(dead_code)] // made by schema.rs's validator (step 2)
    Schema {
        file: std::path::PathBuf,
        path: String,
        message: String,
    },
    /// `${VAR:?message}` or `${VAR?message}` with VAR unset (or empty).
    #[error("required variable {variable} is missing a value{}", if .message.is_empty() { String::new() } else { format!(": {}", .message) })]
    MissingVariable { variable: String, message: String },
    /// Anything else: bad values, unknown references, cycles, port clashes.
    #[error("{0}")]
    Invalid(String),
}

impl ComposeError {
    fn invalid(msg: impl Into<String>) -> Self {
        ComposeError::Invalid(msg.into())
    }
}

#[cfg(test)]
mod tests;
