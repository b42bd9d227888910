//! `attach`: connecting to a running container's monitor (see `monitor::attach`).
use super::exec::running;
use super::record::Record;
use crate::monitor::attach;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::os::unix::net::UnixStream;

/// Connects to the monitor of running container `key`.
pub(crate) fn connect(paths: &Paths, key: &str) -> Result<(Record, UnixStream)> {
    let rec = running(paths, key)?;
    if !rec.monitor_alive() {
        // A detached container's monitor was killed (a foreground run's CLI is its monitor).
        bail!(
            "container {0} has no monitor to attach to (it was killed): restart it with `skiff restart {0}`",
            rec.name
        );
    }
    let dir = std::fs::File::open(paths.run_container(&rec.id))
        .with_context(|| format!("container {} has no attach socket", rec.name))?;
    let addr = attach::address(&dir)?;
    let path = addr.path().context("attach socket address")?;
    let s = UnixStream::connect(path)
        .with_context(|| format!("cannot attach to container {}", rec.name))?;
    Ok((rec, s))
}

/// `--detach-keys` (`ctrl-p,ctrl-q`, `ctrl-a`, `x`): the byte sequence that detaches.
pub(crate) fn detach_keys(spec: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for k in spec.split(',').filter(|k| !k.is_empty()) {
        let b = match k.strip_prefix("ctrl-") {
            Some(c) if c.len() == 1 => match c.as_bytes()[0] {
                c @ b'a'..=b'z' => c - b'a' + 1,
                b'@' => 0,
                b'[' => 27,
                b'\\' => 28,
                b']' => 29,
                b'^' => 30,
                b'_' => 31,
                _ => bail!("invalid detach key {k:?}: use ctrl-<a-z@[\\]^_> or a single character"),
            },
            None if k.len() == 1 => k.as_bytes()[0],
            _ => bail!("invalid detach key {k:?}: use ctrl-<a-z@[\\]^_> or a single character"),
        };
        out.push(b);
    }
    Ok(out)
}
