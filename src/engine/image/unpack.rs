//! Unpacking one layer tar (untrusted input) into an empty directory, inside the user namespace.
use anyhow::Result;
use std::io::Read;
use std::path::Path;

pub struct UnpackOptions {
    /// Single-id mapping: every file is owned by 0 (the user), whatever the tar says.
    pub single_id: bool,
    /// Owners at or above these limits cannot be represented; they are an error.
    pub uid_limit: u64,
    pub gid_limit: u64,
}

#[derive(Debug, Default)]
pub struct UnpackReport {
    /// `sha256:<hex>` of the whole uncompressed stream (to check against the config's diff_id).
    pub diff_id: String,
    /// Bytes of regular file content written.
    pub size: u64,
    /// Things skipped, for the CLI to mention (e.g. device nodes).
    pub notes: Vec<String>,
}

/// Unpacks `layer` (gzip or plain; sniffed) into `dest`, which must exist and be empty.
pub fn unpack(_layer: impl Read, _dest: &Path, _opts: &UnpackOptions) -> Result<UnpackReport> {
    anyhow::bail!("unpack is not built yet")
}
