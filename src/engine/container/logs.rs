//! `logs`: the k8s-file log the monitor writes, filtered and optionally followed.
use super::record::{self, Status};
use crate::monitor::log;
use crate::store::Paths;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use std::io::{BufRead, BufReader, Seek, SeekFrom};
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

/// One piece of output: which stream, when, and the bytes (with their newline if complete).
pub(crate) struct Chunk {
    pub(crate) stderr: bool,
    pub(crate) time: DateTime<Utc>,
    pub(crate) data: Vec<u8>,
}

/// Streams the log of container `key` to `out`; with `follow`, until the container stops.
pub(crate) fn logs(
    paths: &Paths,
    key: &str,
    o: &LogOptions,
    out: &mut dyn FnMut(Chunk),
) -> Result<()> {
    let rec = record::find(paths, key)?;
    let path = paths.container(&rec.id).join("ctr.log");
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(_) if !o.follow => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut r = BufReader::new(file);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut line = Vec::new();
    while r.read_until(b'\n', &mut line)? > 0 {
        if line.ends_with(b"\n") {
            lines.push(std::mem::take(&mut line));
        } else {
            break;
        }
    }
    let pos = r.stream_position()? - line.len() as u64;
    let skip = o.tail.map(|n| lines.len().saturating_sub(n)).unwrap_or(0);
    let emit = |l: &[u8], out: &mut dyn FnMut(Chunk)| {
        let Some(e) = log::parse(l.strip_suffix(b"\n").unwrap_or(l)) else {
            return;
        };
        if o.since.is_some_and(|s| e.time < s) || o.until.is_some_and(|u| e.time > u) {
            return;
        }
        let mut data = e.text.to_vec();
        if !e.partial {
            data.push(b'\n');
        }
        out(Chunk {
            stderr: e.stderr,
            time: e.time,
            data,
        });
    };
    for l in &lines[skip..] {
        emit(l, out);
    }
    if !o.follow {
        return Ok(());
    }
    let mut f = std::fs::File::open(&path)?;
    f.seek(SeekFrom::Start(pos))?;
    let mut r = BufReader::new(f);
    let mut pending = Vec::new();
    loop {
        let running = match record::load(paths, &rec.id)? {
            Some(r) => r.live_status() == Status::Running || r.monitor_alive(),
            None => false,
        };
        while r.read_until(b'\n', &mut pending)? > 0 {
            if !pending.ends_with(b"\n") {
                break;
            }
            emit(&pending, out);
            pending.clear();
        }
        if !running || o.until.is_some_and(|u| Utc::now() > u) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
