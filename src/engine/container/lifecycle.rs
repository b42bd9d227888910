//! stop, kill, wait, restart, rename: acting on a container's process and record.
use super::config::parse_signal;
use super::record::{self, Record, Status};
use crate::error::coded;
use crate::store::{Lock, Paths};
use anyhow::Result;
use nix::sys::signal::{kill as send, Signal};
use nix::unistd::Pid;
use std::time::{Duration, Instant};

fn wait_gone(rec: &Record, limit: Duration) -> bool {
    let t = Instant::now();
    while rec.is_alive() {
        if t.elapsed() >= limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}

/// Waits (bounded) until the record no longer says running: the monitor has recorded the exit.
fn wait_recorded(paths: &Paths, id: &str, limit: Duration) {
    let t = Instant::now();
    while t.elapsed() < limit {
        match record::load(paths, id) {
            Ok(Some(r)) if r.state.status == Status::Running && r.monitor_alive() => {}
            _ => return,
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `stop`: the stop signal, then SIGKILL after `timeout` seconds (the container's
/// `--stop-timeout`, else 10). A stopped container is not restarted by its policy.
pub fn stop(paths: &Paths, key: &str, timeout: Option<u64>) -> Result<Record> {
    let rec = record::find(paths, key)?;
    if rec.live_status() != Status::Running {
        return Ok(rec);
    }
    let marker = crate::monitor::stop_marker(paths, &rec.id);
    if let Some(d) = marker.parent() {
        std::fs::create_dir_all(d)?;
    }
    std::fs::write(&marker, b"")?;
    let sig = parse_signal(&rec.stop_signal).unwrap_or(Signal::SIGTERM);
    let secs = timeout.or(rec.options.stop_timeout).unwrap_or(10);
    let _ = send(Pid::from_raw(rec.state.pid), sig);
    if !wait_gone(&rec, Duration::from_secs(secs)) {
        let _ = send(Pid::from_raw(rec.state.pid), Signal::SIGKILL);
        wait_gone(&rec, Duration::from_secs(10));
    }
    wait_recorded(paths, &rec.id, Duration::from_secs(5));
    // No monitor recorded it (one was killed): we saw the exit, we release the helper.
    super::teardown::collect(paths, &rec.id);
    Ok(rec)
}

/// `kill -s SIG`.
pub fn kill(paths: &Paths, key: &str, signal: &str) -> Result<Record> {
    let sig = parse_signal(signal)?;
    let rec = record::find(paths, key)?;
    if rec.live_status() != Status::Running {
        return Err(coded(
            1,
            format!("cannot kill container {}: it is not running", rec.name),
        ));
    }
    send(Pid::from_raw(rec.state.pid), sig)?;
    if sig == Signal::SIGKILL && wait_gone(&rec, Duration::from_secs(10)) {
        super::teardown::collect(paths, &rec.id);
    }
    Ok(rec)
}

/// `wait`: blocks until the container exits; its exit code.
pub fn wait(paths: &Paths, key: &str) -> Result<i32> {
    let rec = record::find(paths, key)?;
    let mut last = rec.state.exit_code;
    loop {
        match record::load(paths, &rec.id)? {
            // Removed (--rm): the monitor recorded nothing we can read any more.
            None => return Ok(last),
            Some(r) => {
                last = r.state.exit_code;
                let pending =
                    r.state.status == Status::Running && (r.is_alive() || r.monitor_alive());
                if !pending && r.state.status != Status::Created {
                    return Ok(r.state.exit_code);
                }
                if r.state.status == Status::Created && !r.monitor_alive() {
                    // Not started yet: Docker's wait blocks until it runs and exits.
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `rename OLD NEW`: the check and the write under one lock, so two renames to one name
/// cannot both win.
pub fn rename(paths: &Paths, key: &str, new: &str) -> Result<()> {
    if !super::names::valid(new) {
        anyhow::bail!("invalid container name {new:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    let rec = record::find(paths, key)?;
    let _lock = Lock::exclusive(&paths.container_lock())?;
    if let Some(o) = record::list(paths)?
        .iter()
        .find(|r| r.name == new && r.id != rec.id)
    {
        return Err(coded(
            crate::error::ENGINE,
            format!("the container name \"{new}\" is already in use by container \"{}\": remove or rename that container first", o.id),
        ));
    }
    let Some(mut r) = record::load(paths, &rec.id)? else {
        anyhow::bail!("no such container: {key}");
    };
    r.name = new.to_string();
    record::save(paths, &r)
}
