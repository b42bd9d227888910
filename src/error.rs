//! Errors that carry Docker's exit codes. Anything else that reaches the CLI exits 125.
use std::fmt;

/// Docker's exit code for an error of the engine itself (bad flag, unknown image, store trouble).
pub const ENGINE: i32 = 125;
/// The container's command exists but cannot be executed.
pub const CANNOT_EXEC: i32 = 126;
/// The container's command was not found.
pub const NOT_FOUND: i32 = 127;

/// An error with the exit code the CLI must return for it.
#[derive(Debug)]
pub struct Coded {
    pub code: i32,
    pub msg: String,
}

impl fmt::Display for Coded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Coded {}

/// An `anyhow::Error` that exits with `code`.
pub fn coded(code: i32, msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Coded {
        code,
        msg: msg.into(),
    })
}

/// The exit code for an error: the first `Coded` in its chain, else 125.
pub fn exit_code(e: &anyhow::Error) -> i32 {
    e.chain()
        .find_map(|c| c.downcast_ref::<Coded>().map(|c| c.code))
        .unwrap_or(ENGINE)
}
