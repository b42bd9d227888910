//! Starting a container: clone into new namespaces, run the caller's `after_clone` hook, and wait
//! until the command has been exec'd (or report why it could not be).
use super::{init, pty, Launch, Prepared};
use crate::error::coded;
use anyhow::{Context, Result};
use nix::sys::signal::{kill, Signal};
use nix::sys::wait::waitpid;
use nix::unistd::Pid;
use std::io::Read;
use std::os::fd::OwnedFd;

/// A started container: its host pid and, with a terminal, the pty master.
pub struct Spawned {
    pub pid: Pid,
    pub master: Option<OwnedFd>,
}

/// Starts the container described by `l`. Signals the caller wants to handle should be blocked
/// before this (the child unblocks everything before exec).
pub fn spawn(l: &mut Launch) -> Result<Spawned> {
    let p = super::prepare(l)?;
    spawn_prepared(l, &p)
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    Ok(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?)
}

pub(super) fn spawn_prepared(l: &mut Launch, p: &Prepared) -> Result<Spawned> {
    let (err_r, err_w) = pipe()?;
    let (tty_parent, tty_child) = pty::channel(p.terminal)?;
    // A socket, not a pipe: the go is sent with MSG_NOSIGNAL, so a child that already failed
    // (and closed its end) gives EPIPE instead of killing us with SIGPIPE.
    let (go_r, go_w) = match p.wait_for_go {
        true => {
            let (r, w) = super::pty::stream_pair()?;
            (Some(r), Some(w))
        }
        false => (None, None),
    };
    // SAFETY: a fork-like clone (no new stack, SIGCHLD on exit) of a single-threaded process;
    // the child continues on a copy of this stack and ends in execve or _exit.
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone,
            (p.clone_flags | libc::SIGCHLD) as libc::c_ulong,
            0usize,
            0usize,
            0usize,
            0usize,
        )
    };
    if pid < 0 {
        return Err(std::io::Error::last_os_error())
            .context("cannot create the container's namespaces");
    }
    if pid == 0 {
        drop(err_r);
        drop(tty_parent);
        drop(go_w);
        let ends = init::ChildEnds {
            err: err_w,
            tty: tty_child,
            go: go_r,
        };
        init::run(l, p, ends);
    }
    let pid = Pid::from_raw(pid as i32);
    drop(err_w);
    drop(tty_child);
    drop(go_r);
    let master = pty::take_master(tty_parent.as_ref())?;
    if let (Some(hook), Some(go)) = (l.after_clone.as_mut(), go_w) {
        if let Err(e) = hook(pid.as_raw()) {
            drop(go);
            let _ = kill(pid, Signal::SIGKILL);
            let _ = waitpid(pid, None);
            return Err(e);
        }
        super::pty::send_go(&go);
    }
    exec_result(err_r, pid)?;
    Ok(Spawned { pid, master })
}

/// Waits for the exec handshake: EOF on the error pipe means the command runs; a message is
/// the child's failure (its first byte the exit code), after which the child is reaped.
pub(super) fn exec_result(err_r: OwnedFd, pid: Pid) -> Result<()> {
    let mut msg = Vec::new();
    std::fs::File::from(err_r).read_to_end(&mut msg)?;
    if let Some((&code, text)) = msg.split_first() {
        let _ = waitpid(pid, None);
        return Err(coded(
            code as i32,
            String::from_utf8_lossy(text).to_string(),
        ));
    }
    Ok(())
}
