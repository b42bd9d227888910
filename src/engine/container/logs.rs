//! `logs`: the k8s-file log the monitor writes, filtered and optionally followed.
use super::record::{self, Status};
use crate::monitor::log;
use crate::store::Paths;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Default)]
pub(crate) struct LogOptions {
    pub(crate) follow: bool,
    pub(crate) tail: Option<usize>,
    pub(crate) since: Option<DateTime<Utc>>,
    pub(crate) until: Option<DateTime<Utc>>,
}

/// `--since`/`--until`: an RFC 3339 time, a Unix timestamp, or a duration ago (`10m`).
pub(crate) fn parse_time(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(secs) = s.parse::<f64>() {
        if let Some(t) = DateTime::from_timestamp(secs as i64, ((secs.fract()) * 1e9) as u32) {
            return Ok(t);
        }
    }
    match crate::engine::spec::parse::parse_duration(s) {
        Ok(ns) => Ok(now - chrono::Duration::nanoseconds(ns as i64)),
        Err(_) => bail!(
            "invalid time {s:?}: use an RFC 3339 time, a Unix timestamp or a duration such as 10m"
        ),
    }
}

/// One log line: which stream, its time as written (RFC 3339), the text, and whether the line
/// is complete (the text then takes a newline).
pub(crate) struct Chunk<'a> {
    pub(crate) stderr: bool,
    pub(crate) time: &'a [u8],
    pub(crate) text: &'a [u8],
    pub(crate) newline: bool,
}

/// Where `logs` puts what it reads.
pub(crate) trait LogSink {
    fn chunk(&mut self, c: Chunk);
    /// Nothing more for now (the end, or a pause while following): flush.
    fn idle(&mut self);
}

/// The log files of `path`, oldest first: the rotated ones (`.N` … `.1`), then the current.
fn files(path: &Path, kept: u32) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = (1..kept.max(1))
        .rev()
        .map(|n| log::rotated(path, n))
        .filter(|p| p.exists())
        .collect();
    v.push(path.to_path_buf());
    v
}

/// Streams the log of container `key` to `out`; with `follow`, until the container stops.
pub(crate) fn logs(paths: &Paths, key: &str, o: &LogOptions, out: &mut dyn LogSink) -> Result<()> {
    let rec = record::find(paths, key)?;
    if !rec.config.log.driver.keeps_log() {
        bail!("{}", crate::engine::spec::logging::NO_READING);
    }
    let path = super::output::log_path(paths, &rec);
    let files = files(&path, rec.config.log.files());
    let emit = |l: &[u8], out: &mut dyn LogSink| {
        let Some(c) = chunk(l) else { return };
        if o.since.is_some() || o.until.is_some() {
            let t = std::str::from_utf8(c.time)
                .ok()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
            let Some(t) = t else { return };
            if o.since.is_some_and(|s| t < s) || o.until.is_some_and(|u| t > u) {
                return;
            }
        }
        out.chunk(c);
    };
    // The current file's position and identity, for following.
    let mut current: Option<(std::fs::File, u64)> = None;
    match o.tail {
        Some(n) => {
            let mut all = Vec::new();
            for f in &files {
                if let Ok(mut file) = std::fs::File::open(f) {
                    file.read_to_end(&mut all)?;
                    let len = file.stream_position()?;
                    current = Some((file, len));
                }
            }
            // Only whole lines count; a half-written last one is read when followed.
            let end = all.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            if let Some((_, pos)) = current.as_mut() {
                *pos -= (all.len() - end) as u64;
            }
            let body = &all[..end];
            let mut start = body.len();
            for _ in 0..n {
                match body[..start.saturating_sub(1)]
                    .iter()
                    .rposition(|b| *b == b'\n')
                {
                    Some(i) => start = i + 1,
                    None => {
                        start = 0;
                        break;
                    }
                }
            }
            if n == 0 {
                start = body.len();
            }
            for l in body[start..].split_inclusive(|b| *b == b'\n') {
                emit(l, out);
            }
        }
        None => {
            for f in &files {
                let Ok(file) = std::fs::File::open(f) else {
                    continue;
                };
                let mut r = BufReader::with_capacity(256 * 1024, file);
                let pos = read_lines(&mut r, 0, &mut |l| emit(l, out))?;
                current = Some((r.into_inner(), pos));
            }
        }
    }
    out.idle();
    if !o.follow {
        return Ok(());
    }
    follow(paths, &rec.id, &path, current, o, &emit, out)
}

/// Calls `line` with each whole line of `r` from `pos`; returns the position after the last.
fn read_lines(
    r: &mut BufReader<std::fs::File>,
    mut pos: u64,
    line: &mut dyn FnMut(&[u8]),
) -> Result<u64> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf)?;
        if n == 0 || !buf.ends_with(b"\n") {
            // A half-written line: read again, whole, next time.
            r.seek(SeekFrom::Start(pos))?;
            return Ok(pos);
        }
        pos += n as u64;
        line(&buf);
    }
}

/// `logs -f`: what the log gains until the container stops, across rotations (a new file at
/// the path, or the same one emptied).
fn follow(
    paths: &Paths,
    id: &str,
    path: &Path,
    current: Option<(std::fs::File, u64)>,
    o: &LogOptions,
    line: &dyn Fn(&[u8], &mut dyn LogSink),
    out: &mut dyn LogSink,
) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mut current = current.map(|(f, pos)| (BufReader::new(f), pos));
    loop {
        let running = match record::load(paths, id)? {
            Some(r) => r.live_status() == Status::Running || r.monitor_alive(),
            None => false,
        };
        if let Some((r, pos)) = current.as_mut() {
            r.seek(SeekFrom::Start(*pos))?;
            *pos = read_lines(r, *pos, &mut |l| line(l, out))?;
        }
        out.idle();
        let now = std::fs::metadata(path).ok();
        let moved = match (&current, &now) {
            (Some((r, pos)), Some(m)) => {
                let old = r.get_ref().metadata()?;
                old.ino() != m.ino() || old.dev() != m.dev() || m.len() < *pos
            }
            (None, Some(_)) => true,
            _ => false,
        };
        if moved {
            current = std::fs::File::open(path)
                .ok()
                .map(|f| (BufReader::new(f), 0));
            continue;
        }
        if !running || o.until.is_some_and(|u| Utc::now() > u) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A log line as a chunk (None if it is not one of ours).
fn chunk(l: &[u8]) -> Option<Chunk<'_>> {
    let e = log::parse_raw(l.strip_suffix(b"\n").unwrap_or(l))?;
    Some(Chunk {
        stderr: e.stderr,
        time: e.time,
        text: e.text,
        newline: !e.partial,
    })
}
