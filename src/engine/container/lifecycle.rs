//! stop, kill, wait, restart, rename: acting on a container's process and record.
use super::record::{self, Record, Status};
use super::reserve;
use super::tombstone;
use crate::engine::spec::parse::parse_signal;
use crate::error::coded;
use crate::store::{Lock, Paths};
use anyhow::Result;
use std::time::{Duration, Instant};

/// Sends signal number `sig` (real-time ones included, which nix's `Signal` cannot name).
fn send(pid: i32, sig: i32) -> std::io::Result<()> {
    // SAFETY: kill(2) on the pid of a container's process the record names; no memory passed.
    match unsafe { libc::kill(pid, sig) } {
        0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    }
}

fn wait_gone(rec: &Record, limit: Duration) -> bool {
    rec.wait_exit(limit)
}

/// Waits (bounded) while the record says running, its process is gone and its monitor lives:
/// until the monitor has recorded the exit.
pub(crate) fn wait_recorded(paths: &Paths, id: &str, limit: Duration) {
    let t = Instant::now();
    while t.elapsed() < limit {
        match record::load(paths, id) {
            Ok(Some(r))
                if r.state.status == Status::Running && r.monitor_alive() && !r.is_alive() => {}
            _ => return,
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `stop`: the stop signal, then SIGKILL after `timeout` seconds (the container's
/// `--stop-timeout`, else 10). A stopped container is not restarted by its policy.
pub(crate) fn stop(paths: &Paths, key: &str, timeout: Option<u64>) -> Result<Record> {
    let rec = record::find(paths, key)?;
    if rec.live_status() != Status::Running {
        return Ok(rec);
    }
    let marker = super::supervise::stop_marker(paths, &rec.id);
    if let Some(d) = marker.parent() {
        std::fs::create_dir_all(d)?;
    }
    std::fs::write(&marker, b"")?;
    let sig = parse_signal(&rec.stop_signal).unwrap_or(libc::SIGTERM);
    let secs = timeout.or(rec.config.stop_timeout).unwrap_or(10);
    let _ = send(rec.state.pid, sig);
    super::pause::thaw_signalled(paths, &rec);
    if !wait_gone(&rec, Duration::from_secs(secs)) {
        let _ = send(rec.state.pid, libc::SIGKILL);
        wait_gone(&rec, Duration::from_secs(10));
    }
    wait_recorded(paths, &rec.id, Duration::from_secs(5));
    // No monitor recorded it (one was killed): we saw the exit, we release the helper.
    super::teardown::collect(paths, &rec.id);
    crate::engine::events::container(paths, &rec, "stop", &[]);
    Ok(rec)
}

/// `kill -s SIG`.
pub(crate) fn kill(paths: &Paths, key: &str, signal: &str) -> Result<Record> {
    let sig = parse_signal(signal)?;
    let rec = record::find(paths, key)?;
    if rec.live_status() != Status::Running {
        return Err(coded(
            1,
            format!("cannot kill container {}: it is not running", rec.name),
        ));
    }
    send(rec.state.pid, sig)
        .map_err(|e| anyhow::anyhow!("cannot signal container {}: {e}", rec.name))?;
    crate::engine::events::container(paths, &rec, "kill", &[("signal", sig.to_string())]);
    if sig == libc::SIGKILL {
        super::pause::thaw_signalled(paths, &rec);
    }
    if sig == libc::SIGKILL && wait_gone(&rec, Duration::from_secs(10)) {
        super::teardown::collect(paths, &rec.id);
    }
    Ok(rec)
}

/// `wait`: blocks until the container is not running; its exit code. A container that was
/// created and never started (or whose start failed) answers at once, as with Docker and
/// podman: 0, or the failed start's code. A `--rm` container's code outlives its record in a
/// tombstone (`tombstone.rs`), so a wait that comes as it is removed, or after, still gets it.
pub(crate) fn wait(paths: &Paths, key: &str) -> Result<i32> {
    let rec = match record::find(paths, key) {
        Ok(r) => r,
        Err(e) if crate::error::is_no_such(&e) => return tombstone::find(paths, key).ok_or(e),
        Err(e) => return Err(e),
    };
    let mut last = rec.state.exit_code;
    loop {
        match record::load(paths, &rec.id)? {
            // Removed: by --rm (the tombstone has the code) or by `rm -f` (the last we saw).
            None => return Ok(tombstone::find(paths, &rec.id).unwrap_or(last)),
            Some(r) => {
                last = r.state.exit_code;
                let pending =
                    r.state.status == Status::Running && (r.is_alive() || r.monitor_alive());
                if !pending {
                    return Ok(r.state.exit_code);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits (bounded by `limit`) until container `id`'s record is gone: a `--rm` container's
/// monitor removes it just after telling an attached `run` the exit code, and `run --rm`
/// returns only once it is removed, as Docker's does.
pub(crate) fn wait_removed(paths: &Paths, id: &str, limit: Duration) {
    let t = Instant::now();
    while t.elapsed() < limit {
        match record::load(paths, id) {
            Ok(Some(r)) if r.monitor_alive() || r.is_alive() => {}
            _ => return,
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `rename OLD NEW`: the new name is taken first (link(2), so two renames to one name cannot
/// both win), then the record changes, then the old name is freed. A kill -9 in between leaves a
/// name whose container bears another: stale, and freed by its next taker.
pub(crate) fn rename(paths: &Paths, key: &str, new: &str) -> Result<()> {
    if !super::names::valid(new) {
        anyhow::bail!("invalid container name {new:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    let rec = record::find(paths, key)?;
    match reserve::try_reserve(paths, new, &rec.id)? {
        None => {}
        Some(holder) if holder == rec.id => return Ok(()), // already its name
        Some(holder) => return Err(reserve::conflict(new, &holder)),
    }
    let mut old = None;
    let updated = record::update(paths, &rec.id, |r| {
        old = Some(std::mem::replace(&mut r.name, new.to_string()));
    });
    if !matches!(updated, Ok(Some(_))) {
        // We took the name and are alive: nobody else removes or replaces it meanwhile.
        reserve::release(paths, new, &rec.id);
        updated?;
        return Err(crate::error::no_such_container(key));
    }
    if let Some(old) = old.filter(|o| o != new) {
        let _lock = Lock::exclusive(&paths.container_lock())?;
        reserve::release(paths, &old, &rec.id);
    }
    Ok(())
}
