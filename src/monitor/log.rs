//! Container logs in podman's k8s-file format, one line per output line:
//! `2026-11-24T04:55:00.123456789Z stdout F text` (`P` marks a partial line, continued next).
use anyhow::{Context, Result};
use chrono::{DateTime, SecondsFormat, Utc};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// A line longer than this is written in pieces (`P`), so memory stays bounded.
const MAX_LINE: usize = 16 * 1024;

pub(crate) struct LogWriter {
    file: File,
    partial: [Vec<u8>; 2],
}

pub(crate) const STREAMS: [&str; 2] = ["stdout", "stderr"];

impl LogWriter {
    pub(crate) fn open(path: &Path) -> Result<LogWriter> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("cannot open the log {}", path.display()))?;
        Ok(LogWriter {
            file,
            partial: [Vec::new(), Vec::new()],
        })
    }

    fn line(&mut self, stream: usize, tag: char, text: &[u8]) {
        let ts = Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true);
        let mut buf = Vec::with_capacity(text.len() + 48);
        buf.extend_from_slice(format!("{ts} {} {tag} ", STREAMS[stream]).as_bytes());
        buf.extend_from_slice(text);
        buf.push(b'\n');
        // One write(2) per line: lines of concurrent streams never interleave.
        let _ = self.file.write_all(&buf);
    }

    /// Logs a chunk of a stream's output.
    pub(crate) fn write(&mut self, stream: usize, mut data: &[u8]) {
        while let Some(n) = data.iter().position(|&b| b == b'\n') {
            let mut line = std::mem::take(&mut self.partial[stream]);
            line.extend_from_slice(&data[..n]);
            self.line(stream, 'F', &line);
            data = &data[n + 1..];
        }
        self.partial[stream].extend_from_slice(data);
        if self.partial[stream].len() >= MAX_LINE {
            let line = std::mem::take(&mut self.partial[stream]);
            self.line(stream, 'P', &line);
        }
    }

    /// Writes what is left of unterminated lines (at the container's exit).
    pub(crate) fn flush(&mut self) {
        for s in 0..2 {
            if !self.partial[s].is_empty() {
                let line = std::mem::take(&mut self.partial[s]);
                self.line(s, 'P', &line);
            }
        }
    }
}

/// One parsed log line.
pub(crate) struct Entry<'a> {
    pub(crate) time: DateTime<Utc>,
    pub(crate) stderr: bool,
    pub(crate) partial: bool,
    pub(crate) text: &'a [u8],
}

pub(crate) fn parse(line: &[u8]) -> Option<Entry<'_>> {
    let mut it = line.splitn(4, |&b| b == b' ');
    let ts = std::str::from_utf8(it.next()?).ok()?;
    let stream = it.next()?;
    let tag = it.next()?;
    let text = it.next().unwrap_or(b"");
    Some(Entry {
        time: DateTime::parse_from_rfc3339(ts).ok()?.with_timezone(&Utc),
        stderr: stream == b"stderr",
        partial: tag == b"P",
        text,
    })
}
