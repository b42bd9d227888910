//! Container logs in podman's k8s-file format, one line per output line:
//! `2026-11-24T04:55:00.123456789Z stdout F text` (`P` marks a partial line, continued next).
use anyhow::{Context, Result};
use chrono::{SecondsFormat, Utc};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A line longer than this is written in pieces (`P`), so memory stays bounded.
const MAX_LINE: usize = 16 * 1024;

/// `--log-opt max-size/max-file`: rotate when the log would grow past `max_size` bytes,
/// keeping `files` files in all (`ctr.log`, `ctr.log.1`, ... oldest last; 1: truncate).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Rotation {
    /// 0: never rotate.
    pub(crate) max_size: u64,
    pub(crate) files: u32,
}

pub(crate) struct LogWriter {
    path: PathBuf,
    file: File,
    /// The current file's size, for rotation.
    size: u64,
    rotation: Rotation,
    partial: [Vec<u8>; 2],
    /// The lines of one chunk, written with one write(2).
    batch: Vec<u8>,
}

pub(crate) const STREAMS: [&str; 2] = ["stdout", "stderr"];

fn open_append(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open the log {}", path.display()))
}

/// The `n`th rotated file of `path` (`ctr.log.1` for 1).
pub(crate) fn rotated(path: &Path, n: u32) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(format!(".{n}"));
    PathBuf::from(p)
}

impl LogWriter {
    /// Opens the log for appending: a new run adds to what earlier runs wrote.
    pub(crate) fn open(path: &Path, rotation: Rotation) -> Result<LogWriter> {
        let file = open_append(path)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(LogWriter {
            path: path.to_path_buf(),
            file,
            size,
            rotation,
            partial: [Vec::new(), Vec::new()],
            batch: Vec::new(),
        })
    }

    fn line(&mut self, ts: &str, stream: usize, tag: char, text: &[u8]) {
        let len = (ts.len() + 10 + text.len()) as u64;
        let max = self.rotation.max_size;
        if max > 0 && self.size + self.batch.len() as u64 + len > max {
            self.write_batch();
            if self.size > 0 {
                self.rotate();
            }
        }
        let b = &mut self.batch;
        b.extend_from_slice(ts.as_bytes());
        b.push(b' ');
        b.extend_from_slice(STREAMS[stream].as_bytes());
        b.push(b' ');
        b.push(tag as u8);
        b.push(b' ');
        b.extend_from_slice(text);
        b.push(b'\n');
    }

    /// Whole lines only, in one write(2): a reader never sees half a line of ours.
    fn write_batch(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        if self.file.write_all(&self.batch).is_ok() {
            self.size += self.batch.len() as u64;
        }
        self.batch.clear();
    }

    /// `ctr.log.(k)` → `.(k+1)` from the oldest kept down, `ctr.log` → `.1`, and a new
    /// `ctr.log`; with one file in all, the log is emptied in place.
    fn rotate(&mut self) {
        let files = self.rotation.files.max(1);
        if files == 1 {
            if self.file.set_len(0).is_ok() {
                self.size = 0;
            }
            return;
        }
        let _ = std::fs::remove_file(rotated(&self.path, files - 1));
        for k in (1..files - 1).rev() {
            let _ = std::fs::rename(rotated(&self.path, k), rotated(&self.path, k + 1));
        }
        if std::fs::rename(&self.path, rotated(&self.path, 1)).is_ok() {
            if let Ok(f) = open_append(&self.path) {
                self.file = f;
                self.size = 0;
            }
        }
    }

    /// Logs a chunk of a stream's output (its lines share one timestamp: they were read at once).
    pub(crate) fn write(&mut self, stream: usize, mut data: &[u8]) {
        let ts = Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true);
        while let Some(n) = data.iter().position(|&b| b == b'\n') {
            if self.partial[stream].is_empty() {
                self.line(&ts, stream, 'F', &data[..n]);
            } else {
                let mut line = std::mem::take(&mut self.partial[stream]);
                line.extend_from_slice(&data[..n]);
                self.line(&ts, stream, 'F', &line);
            }
            data = &data[n + 1..];
        }
        self.partial[stream].extend_from_slice(data);
        if self.partial[stream].len() >= MAX_LINE {
            let line = std::mem::take(&mut self.partial[stream]);
            self.line(&ts, stream, 'P', &line);
        }
        self.write_batch();
    }

    /// Writes what is left of unterminated lines (at the container's exit).
    pub(crate) fn flush(&mut self) {
        let ts = Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true);
        for s in 0..2 {
            if !self.partial[s].is_empty() {
                let line = std::mem::take(&mut self.partial[s]);
                self.line(&ts, s, 'P', &line);
            }
        }
        self.write_batch();
    }
}

/// A log line split without parsing its time (what `logs` needs unless it filters by time).
pub(crate) struct RawEntry<'a> {
    pub(crate) time: &'a [u8],
    pub(crate) stderr: bool,
    pub(crate) partial: bool,
    pub(crate) text: &'a [u8],
}

pub(crate) fn parse_raw(line: &[u8]) -> Option<RawEntry<'_>> {
    let mut it = line.splitn(4, |&b| b == b' ');
    let time = it.next()?;
    let stream = it.next()?;
    let tag = it.next()?;
    Some(RawEntry {
        time,
        stderr: stream == b"stderr",
        partial: tag == b"P",
        text: it.next().unwrap_or(b""),
    })
}
