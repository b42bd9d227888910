//! Atomic replacement of files: write a temp file in the same directory, fsync it, rename it
//! over the target, fsync the directory. Readers see the old or the new content, never half.
use anyhow::{Context, Result};
use serde::{de::DeserializeOwned, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::leftovers::tmp_name;

/// Replaces `path` with `data`. With `durable`, the data and the rename reach the disk before
/// this returns; without it (records of `--rm` containers, which die with the process anyway),
/// the rename is still atomic but may be lost in a power cut.
pub(crate) fn write_atomic(path: &Path, data: &[u8], durable: bool) -> Result<()> {
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

/// Like `write_json_atomic`, without the indentation: for records read by the thousand.
pub(crate) fn write_json_compact<T: Serialize>(path: &Path, v: &T, durable: bool) -> Result<()> {
    let data = serde_json::to_vec(v)?;
    write_atomic(path, &data, durable)
}

pub(crate) fn write_json_atomic<T: Serialize>(path: &Path, v: &T, durable: bool) -> Result<()> {
    let data = serde_json::to_vec_pretty(v)?;
    write_atomic(path, &data, durable)
}

/// Reads a JSON file; `Ok(None)` when it does not exist.
pub(crate) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    READ_BUF.with_borrow_mut(|buf| match read_small(path, buf) {
        Ok(len) => serde_json::from_slice(&buf[..len])
            .map(Some)
            .with_context(|| format!("{} is corrupt", path.display())),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    })
}

/// `read_json` of `rel` under the open directory `dir` (`shown` names it in errors): listing
/// reads thousands of records, and a lookup from the directory walks two components, not the
/// whole store path.
pub(crate) fn read_json_at<T: DeserializeOwned>(
    dir: std::os::fd::BorrowedFd,
    rel: &str,
    shown: &Path,
) -> Result<Option<T>> {
    use rustix::fs::{openat, Mode, OFlags};
    READ_BUF.with_borrow_mut(|buf| {
        let read = openat(dir, rel, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())
            .map_err(std::io::Error::from)
            .and_then(|fd| read_all(&mut File::from(fd), buf));
        match read {
            Ok(len) => serde_json::from_slice(&buf[..len])
                .map(Some)
                .with_context(|| format!("{} is corrupt", shown.display())),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", shown.display())),
        }
    })
}

thread_local! {
    /// One buffer for every record read: `ps` reads two small files per container, and a fresh
    /// zeroed allocation for each cost more than parsing them.
    static READ_BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads a whole file into `buf` as records are read (open, read until EOF, close) and returns
/// its length. `fs::read` and `read_to_end` also stat and seek to size their buffer: for the
/// small records `ps` reads by the thousand, that was two of five system calls per file.
fn read_small(path: &Path, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    read_all(&mut File::open(path)?, buf)
}

/// Reads `f` to its end into `buf` (kept zeroed and grown, never shrunk); returns the length.
fn read_all(f: &mut File, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read;
    let mut len = 0;
    loop {
        if len == buf.len() {
            // Zeroed once and kept: later reads reuse it.
            buf.resize((buf.len() * 2).max(16 << 10), 0);
        }
        match f.read(&mut buf[len..]) {
            Ok(0) => return Ok(len),
            Ok(n) => len += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}
