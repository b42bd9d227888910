//! Atomic replacement of files: write a temp file in the same directory, fsync it, rename it
//! over the target, fsync the directory. Readers see the old or the new content, never half.
use anyhow::{Context, Result};
use serde::{de::DeserializeOwned, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Prefix of every temp file or directory the store makes; leftovers are garbage by definition.
pub const TMP_PREFIX: &str = ".tmp-";

pub fn tmp_name() -> String {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).expect("getrandom");
    format!("{TMP_PREFIX}{}", hex::encode(b))
}

/// Replaces `path` with `data`. With `durable`, the data and the rename reach the disk before
/// this returns; without it (records of `--rm` containers, which die with the process anyway),
/// the rename is still atomic but may be lost in a power cut.
pub fn write_atomic(path: &Path, data: &[u8], durable: bool) -> Result<()> {
    let dir = path.parent().context("path has no parent")?;
    let tmp = dir.join(tmp_name());
    let res = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&tmp)?;
        f.write_all(data)?;
        if durable {
            f.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        if durable {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res.with_context(|| format!("cannot write {}", path.display()))
}

pub fn write_json_atomic<T: Serialize>(path: &Path, v: &T, durable: bool) -> Result<()> {
    let data = serde_json::to_vec_pretty(v)?;
    write_atomic(path, &data, durable)
}

/// Reads a JSON file; `Ok(None)` when it does not exist.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    match fs::read(path) {
        Ok(b) => serde_json::from_slice(&b)
            .map(Some)
            .with_context(|| format!("{} is corrupt", path.display())),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Removes temp files and directories left in `dir` by a process that died mid-write. Call it only
/// while holding the lock that guards `dir`, so no live writer's temp file is touched. Directories
/// may hold files owned by subordinate ids: call from inside the user namespace.
pub fn remove_tmp_leftovers(dir: &Path) -> Result<usize> {
    let mut n = 0;
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    for ent in rd {
        let ent = ent?;
        if !ent.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
            continue;
        }
        let p = ent.path();
        let r = if ent.file_type()?.is_dir() {
            fs::remove_dir_all(&p)
        } else {
            fs::remove_file(&p)
        };
        r.with_context(|| format!("cannot remove leftover {}", p.display()))?;
        n += 1;
    }
    Ok(n)
}
