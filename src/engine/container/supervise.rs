//! The launch phase of a detached container's monitor (podman's conmon): started by `run
//! -d`/`start`, away from the CLI (own session, stdio on /dev/null). `skiff monitor ID` starts
//! the container as its child, then execs the small `skiff-monitor` binary (`monitor::watch`),
//! which owns the container's stdout/stderr (or pty), writes the log, serves attach, runs health
//! checks and reaps it; at the exit it execs `skiff monitor ID --exited CODE` back, which lands
//! here again: records the exit, applies `--rm` and the restart policy, and starts it again if
//! that says so. One process all along (the pid `ps` and `stop` know stays the same), no
//! threads, no async runtime. This half reads records and so lives in the engine; `monitor/`
//! (the loop, attach protocol, log format) imports only the runtime.
use super::record::{self, Record};
use super::{start, teardown};
use crate::monitor::{attach, watch};
use crate::runtime::{self, ChildFds, Launch};
use crate::store::Paths;
use anyhow::{Context, Result};
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::Duration;

/// The env var naming the descriptor on which the monitor reports the first start to the CLI:
/// `ok` once the command runs, or `err CODE MESSAGE`.
pub(crate) const READY_FD: &str = "SKIFF_MONITOR_READY_FD";

/// The env var naming an attach client's socket the CLI hands the monitor (`run -it`): served
/// from the container's first output, so a shell's first prompt is not lost.
pub(crate) const CLIENT_FD: &str = "SKIFF_MONITOR_CLIENT_FD";

/// The file whose presence tells the monitor the user stopped the container (no restart).
pub(crate) fn stop_marker(paths: &Paths, id: &str) -> std::path::PathBuf {
    paths.run_container(id).join("stopped")
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    Ok(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?)
}

/// Runs the monitor for container `id`; returns the process exit code.
pub(crate) fn main(
    paths: &Paths,
    id: &str,
    ready: Option<OwnedFd>,
    client: Option<OwnedFd>,
    exited: Option<i32>,
) -> i32 {
    let mut ready = ready.map(std::fs::File::from);
    let res = supervise(paths, id, &mut ready, client, exited);
    if let (Err(e), Some(r)) = (&res, ready.as_mut()) {
        let _ = write!(r, "err {} {e:#}", crate::error::exit_code(e));
    }
    i32::from(res.is_err())
}

struct Run {
    pid: nix::unistd::Pid,
    out: Vec<(usize, OwnedFd)>,
    /// Where attached clients' input goes: the stdin pipe (`-i`) or the terminal (`-t`).
    stdin: Option<OwnedFd>,
    /// The terminal, for resizes.
    tty: bool,
}

fn launch(parts: &start::Parts, net: &mut start::NetSlot) -> Result<Run> {
    let tty = parts
        .spec
        .process()
        .as_ref()
        .and_then(|p| p.terminal())
        .unwrap_or(false);
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let interactive = rec_interactive(parts);
    let (in_r, in_w) = match interactive && !tty {
        true => {
            let (r, w) = pipe()?;
            (Some(r), Some(w))
        }
        false => (None, None),
    };
    let mut l = Launch {
        spec: &parts.spec,
        rootfs: &parts.rootfs,
        stdin: false,
        seccomp: parts.bpf.as_ref(),
        after_clone: None,
        fds: Some(ChildFds {
            stdin: in_r,
            stdout: out_w,
            stderr: err_w,
        }),
        // The container outlives a killed monitor (ps shows it; rm -f ends it).
        die_with_parent: false,
        preserve_fds: 0,
        cgroup: parts.cgroup.as_ref(),
    };
    let needed = net.needed();
    let mut hook = |pid: i32, netns: &std::fs::File| net.attach(pid, netns);
    if needed {
        l.after_clone = Some(&mut hook);
    }
    let child = runtime::spawn(&mut l)?;
    drop(l);
    let (out, stdin) = match child.master {
        Some(m) if tty => {
            let input = m.try_clone()?;
            (vec![(0, m)], Some(input))
        }
        _ => (vec![(0, out_r), (1, err_r)], in_w),
    };
    Ok(Run {
        pid: child.pid,
        out,
        stdin,
        tty,
    })
}

/// Whether the container keeps stdin open (`-i`): the spec's annotation set by create.
fn rec_interactive(parts: &start::Parts) -> bool {
    parts
        .spec
        .annotations()
        .as_ref()
        .and_then(|a| a.get(crate::engine::spec::generate::STDIN_ANNOTATION))
        .is_some_and(|v| v == "true")
}

/// The small binary that runs the loop, next to ours: checked before the container starts, so
/// a missing one is an error and not an unsupervised container.
fn watch_binary(skiff: &std::path::Path) -> Result<std::path::PathBuf> {
    let bin = skiff.with_file_name(watch::BINARY);
    nix::unistd::access(&bin, nix::unistd::AccessFlags::X_OK).map_err(|_| {
        anyhow::Error::msg(format!(
            "cannot find {}: install it next to {} (cargo install installs both)",
            bin.display(),
            skiff.display()
        ))
    })?;
    Ok(bin)
}

/// The pause before restart number `n` (from 1): 100 ms, doubling up to 5 s.
fn backoff(n: u32) -> Duration {
    Duration::from_millis(100 << n.saturating_sub(1).min(6)).min(Duration::from_secs(5))
}

/// Records the exit `code` (the loop's, through `--exited`), applies `--rm`, and decides on a
/// restart: returns the record to start again, or None when the monitor is done.
fn after_exit(paths: &Paths, id: &str, code: i32) -> Result<Option<Record>> {
    let stopped = stop_marker(paths, id).exists();
    // First, so the ports are free for a restart, and a kill -9 from here on leaves the rest
    // to whoever sees the exit.
    // Its failure must not lose the exit: a monitor that returned here without recording it
    // left a "running" record whose process and monitor are gone, which `wait` answered with 0
    // and a `ps` swept without a tombstone. What was not released stays in teardown.json for
    // the next command that sees the container gone; the exit is recorded regardless.
    let released = teardown::release(paths, id);
    let oom = record::load(paths, id)
        .ok()
        .flatten()
        .is_some_and(|r| super::limits::finish(&r));
    let Some(rec) = start::mark_exit(paths, id, &Ok(code), oom)? else {
        return released.map(|()| None);
    };
    // Not restarted with its last start's helpers or leases still held.
    released?;
    let again = !stopped && rec.config.restart.restarts(code, rec.state.restart_count);
    if !again {
        return Ok(None);
    }
    let Some(rec) = record::update(paths, id, |r| r.state.restart_count += 1)? else {
        return Ok(None);
    };
    std::thread::sleep(backoff(rec.state.restart_count));
    Ok(Some(rec))
}

/// Starts the container (again, after `--exited`) and execs the loop binary over us.
fn supervise(
    paths: &Paths,
    id: &str,
    ready: &mut Option<std::fs::File>,
    client: Option<OwnedFd>,
    exited: Option<i32>,
) -> Result<()> {
    // Blocked from here on (and across the exec): the container's exit is never missed.
    watch::signals().thread_block()?;
    let skiff = std::fs::read_link("/proc/self/exe").context("cannot find the skiff binary")?;
    // A binary replaced while we run (an upgrade, a rebuild) reads "PATH (deleted)": the loop
    // execs the one now at PATH when the container exits.
    let skiff = match skiff.to_str().and_then(|s| s.strip_suffix(" (deleted)")) {
        Some(s) => std::path::PathBuf::from(s),
        None => skiff,
    };
    let bin = watch_binary(&skiff)?;
    let mut rec = match exited {
        Some(code) => match after_exit(paths, id, code)? {
            Some(rec) => rec,
            None => return Ok(()),
        },
        None => record::load(paths, id)?.ok_or_else(|| crate::error::no_such_container(id))?,
    };
    if rec.config.log.driver == crate::engine::spec::logging::LogDriver::Passthrough {
        anyhow::bail!("{}", super::output::PASSTHROUGH_DETACHED);
    }
    let _ = std::fs::remove_file(stop_marker(paths, id));
    let listener = attach::listen(&paths.run_container(id))?;
    let fail = |e: anyhow::Error| -> Result<()> {
        start::mark_finished(paths, id, &Err(anyhow::anyhow!("{e:#}")))?;
        Err(e)
    };
    let parts = match start::parts(paths, &mut rec, None) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut net = start::NetSlot::detached(paths, &rec);
    let run = match launch(&parts, &mut net) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    start::mark_started(paths, &mut rec, run.pid.as_raw())?;
    let helper = net.handle.take().and_then(|h| h.release());
    let h = watch::Handoff {
        id: id.to_string(),
        pid: run.pid.as_raw(),
        out: run.out.iter().map(|(s, fd)| (*s, fd.as_raw_fd())).collect(),
        stdin: run.stdin.as_ref().map(|fd| fd.as_raw_fd()),
        tty: run.tty,
        listener: listener.as_raw_fd(),
        log: rec
            .config
            .log
            .driver
            .keeps_log()
            .then(|| super::output::log_path(paths, &rec)),
        rotation: super::output::rotation(&rec),
        dir: paths.container(id),
        helper: helper.as_ref().map(|(pid, _)| *pid),
        keep: helper
            .iter()
            .filter_map(|(_, fd)| fd.as_ref().map(|f| f.as_raw_fd()))
            .collect(),
        health_ms: rec
            .healthcheck
            .as_ref()
            .map_or(0, |hc| (hc.interval / 1_000_000).max(1)),
        timeout_s: rec.config.timeout.unwrap_or(0),
        skiff,
        skiff_args: paths.global_args(),
        client: client.as_ref().map(|fd| fd.as_raw_fd()),
    };
    let pass: Vec<RawFd> = h
        .out
        .iter()
        .map(|(_, fd)| *fd)
        .chain(h.stdin)
        .chain([h.listener])
        .chain(h.client)
        .chain(h.keep.iter().copied())
        .collect();
    for fd in pass {
        // SAFETY: clearing FD_CLOEXEC on a descriptor we own, so the loop binary inherits it.
        unsafe { libc::fcntl(fd, libc::F_SETFD, 0) };
    }
    if let Some(mut r) = ready.take() {
        let _ = r.write_all(b"ok");
    }
    // The CLI that waits for "ok" must see the pipe's end, and no one else may hold it.
    std::env::remove_var(READY_FD);
    std::env::remove_var(CLIENT_FD);
    // exec returns only when it failed.
    let e = match watch::exec(&bin, watch::BINARY, &h.to_args()) {
        Err(e) => e,
        Ok(()) => anyhow::anyhow!("cannot exec {}", bin.display()),
    };
    // The container runs and no one would watch it: end it and say why.
    let _ = nix::sys::signal::kill(run.pid, nix::sys::signal::Signal::SIGKILL);
    let _ = nix::sys::wait::waitpid(run.pid, None);
    drop(helper);
    let _ = teardown::release(paths, id);
    start::mark_finished(paths, id, &Err(anyhow::anyhow!("{e:#}")))?;
    Err(e)
}

#[cfg(test)]
mod tests {
    #[test]
    fn restart_backoff_doubles_from_100ms_up_to_5s() {
        let ms = |n| super::backoff(n).as_millis();
        assert_eq!([ms(1), ms(2), ms(3), ms(6)], [100, 200, 400, 3200]);
        assert_eq!([ms(7), ms(50), ms(u32::MAX)], [5000, 5000, 5000]);
    }
}
