//! `teardown.json` in a container's run dir (DESIGN §3): what a detached start acquired that
//! outlives the process that made it, so that a `kill -9` of the monitor neither takes the
//! running container's network along nor leaks it after the container ends. Today that is the
//! network helper (pasta, slirp4netns) and the host ports it holds.
//!
//! The monitor writes it as soon as the helper exists and releases it through `release` when the
//! container exits. Any other command that sees the container gone and the monitor dead releases
//! it through `collect`: one teardown path. Processes are named by pid and start time, so a
//! reused pid is never signalled.
use super::network::ports::Port;
use crate::store::{self, Paths};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::path::PathBuf;
use std::time::Duration;

/// How long a killed helper may take to exit (pasta frees ~30 MiB and its sockets: tens of ms).
const EXIT_WAIT: Duration = Duration::from_secs(3);

/// One process, for the life of the machine (teardown.json keeps `{"pid", "start"}`).
pub(crate) use crate::runtime::proc::Identity as Proc;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Teardown {
    /// The process that made the start (the monitor): while it lives, it releases.
    pub(crate) owner: Proc,
    /// The container's process: while it lives, nothing is released (except by rm -f).
    pub(crate) container: Proc,
    /// The network helper and its kind (`pasta`, `slirp4netns`).
    pub(crate) helper: Option<Proc>,
    pub(crate) helper_kind: String,
    /// The host ports the helper holds.
    pub(crate) ports: Vec<Port>,
}

pub(crate) fn file(paths: &Paths, id: &str) -> PathBuf {
    paths.run_container(id).join("teardown.json")
}

/// Writes what the start of container `id` by this process acquired. Not durable: the run dir
/// is volatile, like the processes it names.
pub(crate) fn record(paths: &Paths, id: &str, t: &Teardown) -> Result<()> {
    let dir = paths.run_container(id);
    std::fs::create_dir_all(&dir)?;
    store::write_json_atomic(&file(paths, id), t, false)
}

/// The record for a start by this process of `container`, with `helper` (of `kind`) holding
/// `ports`.
pub(crate) fn acquired(container: i32, kind: &str, helper: i32, ports: &[Port]) -> Teardown {
    let me = nix::unistd::getpid().as_raw();
    Teardown {
        owner: Proc::of(me).unwrap_or_default(),
        container: Proc::of(container).unwrap_or_default(),
        helper: Proc::of(helper),
        helper_kind: kind.to_string(),
        ports: ports.to_vec(),
    }
}

/// Releases what the last start of container `id` acquired, whoever owns it: ends the helper
/// (if it is still the recorded process), waits until it has exited and so let go of its host
/// ports, and deletes the record. For the owner at the container's exit, and for `rm -f`.
pub(crate) fn release(paths: &Paths, id: &str) -> Result<()> {
    // User networks: leases, veths, DNS records (and the rootless netns with the last user).
    let left = crate::engine::network::bridge::leave(paths, id, None);
    let path = file(paths, id);
    let Some(t) = store::read_json::<Teardown>(&path)? else {
        return left;
    };
    if let Some(h) = t.helper {
        end(h);
    }
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => left,
    }
}

/// Releases what the last start of container `id` acquired if no one else will: its owner and
/// its container are both gone (a killed monitor). Returns whether something was released.
pub(crate) fn collect(paths: &Paths, id: &str) -> bool {
    let path = file(paths, id);
    let Ok(Some(t)) = store::read_json::<Teardown>(&path) else {
        return false;
    };
    if t.owner.is_alive() || t.container.is_alive() {
        return false;
    }
    release(paths, id).is_ok()
}

/// `collect` for every container: a host port is in use, maybe by the helper of a container
/// whose monitor was killed and that no command has looked at since. Returns how many.
pub(crate) fn collect_all(paths: &Paths) -> usize {
    let Ok(dir) = std::fs::read_dir(paths.run.join("containers")) else {
        return 0;
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|id| collect(paths, id))
        .count()
}

/// SIGKILLs `p` if it is still that process, and waits (bounded) until it has exited.
fn end(p: Proc) {
    // A pidfd names the process itself: once its start time matches, the signal and the wait
    // cannot reach another process that reused the pid.
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, p.pid, 0) };
    if fd < 0 {
        return;
    }
    // SAFETY: a descriptor pidfd_open just returned, owned by nothing else.
    let fd = unsafe { OwnedFd::from_raw_fd(fd as i32) };
    if !p.is_alive() {
        return;
    }
    // SAFETY: pidfd_send_signal on our pidfd, with no siginfo.
    let sent = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            fd.as_raw_fd(),
            libc::SIGKILL,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
    if sent != 0 {
        return;
    }
    // Readable once it has exited, after the kernel closed its sockets: the ports are free.
    let mut fds = [nix::poll::PollFd::new(
        fd.as_fd(),
        nix::poll::PollFlags::POLLIN,
    )];
    let ms = EXIT_WAIT.as_millis() as u16;
    let _ = nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(ms));
    // Reap it when it is our child (the monitor started it); anyone else gets ECHILD.
    // SAFETY: waitid on our pidfd into a zeroed siginfo on our stack.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        libc::waitid(
            libc::P_PIDFD,
            fd.as_raw_fd() as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_kills_the_process_and_waits_for_its_exit_but_never_a_stale_one() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let p = Proc::of(child.id() as i32).unwrap();
        // The same pid with another start time is another process: left alone.
        end(Proc {
            start: p.start + 1,
            ..p
        });
        assert!(child.try_wait().unwrap().is_none());
        end(p);
        assert!(!p.is_alive());
        // Reaped by `end` (it is our child): nothing left to wait for.
        assert!(child.try_wait().is_err() || child.try_wait().unwrap().is_some());
    }
}
