//! Starting a container: clone into new namespaces, run the caller's `after_clone` hook, and wait
//! until the command has been exec'd (or report why it could not be).
use super::{init, proc, pty, Launch, Prepared};
use crate::error::coded;
use anyhow::{Context, Result};
use nix::sys::signal::{kill, Signal};
use nix::sys::wait::waitpid;
use nix::unistd::Pid;
use std::io::Read;
use std::os::fd::{AsFd, OwnedFd};

/// A started container: its host pid and, with a terminal, the pty master.
pub(crate) struct Spawned {
    pub(crate) pid: Pid,
    pub(crate) master: Option<OwnedFd>,
}

/// Starts the container described by `l`. Signals the caller wants to handle should be blocked
/// before this (the child unblocks everything before exec).
pub(crate) fn spawn(l: &mut Launch) -> Result<Spawned> {
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
    let (maps_r, maps_w) = match p.id_maps {
        Some(_) => {
            let (r, w) = pipe()?;
            (Some(r), Some(w))
        }
        None => (None, None),
    };
    let (pid, placed) = match &p.join_pid {
        None => clone_child(p.clone_flags, p.cgroup_into.as_ref())?,
        Some(ns) => (clone_into(ns, p.clone_flags)?, None),
    };
    if pid == 0 {
        drop(err_r);
        drop(tty_parent);
        drop(go_w);
        drop(maps_w);
        let ends = init::ChildEnds {
            err: err_w,
            tty: tty_child,
            go: go_r,
            maps: maps_r,
            placed,
        };
        init::run(l, p, ends);
    }
    let pid = Pid::from_raw(pid);
    drop(err_w);
    drop(tty_child);
    drop(go_r);
    drop(maps_r);
    if let (Some((uids, gids)), Some(w)) = (&p.id_maps, maps_w) {
        if let Err(e) = write_id_maps(pid, uids, gids) {
            drop(w);
            return Err(abandon(err_r, pid, e));
        }
        let _ = nix::unistd::write(&w, b"1");
    }
    let master = pty::take_master(tty_parent.as_ref())?;
    if let (Some(hook), Some(go)) = (l.after_clone.as_mut(), go_w) {
        let netns = match netns_of(&go) {
            Ok(Some(ns)) => ns,
            // The child failed before it could send it: its own message says why.
            Ok(None) => {
                drop(go);
                exec_result(err_r, pid)?;
                anyhow::bail!("the container ended before its network could be set up");
            }
            Err(e) => return Err(abandon(err_r, pid, e)),
        };
        if let Err(e) = hook(pid.as_raw(), &netns) {
            drop(go);
            return Err(abandon(err_r, pid, e));
        }
        super::pty::send_go(&go);
    }
    exec_result(err_r, pid)?;
    Ok(Spawned { pid, master })
}

/// Maps the child's user namespace onto ours: we hold CAP_SETUID and CAP_SETGID in skiff's
/// namespace, its parent, so any of its ids may be written (no setuid helper needed).
fn write_id_maps(pid: Pid, uids: &str, gids: &str) -> Result<()> {
    for (file, text) in [("gid_map", gids), ("uid_map", uids)] {
        let path = format!("/proc/{pid}/{file}");
        std::fs::write(&path, text)
            .with_context(|| format!("cannot write {path} (the container's user namespace)"))?;
    }
    Ok(())
}

/// Ends a child whose start failed on our side with `e`, and reaps it. If the child had already
/// failed on its own (a bad working directory, an unmapped user), its message is the one that
/// says why, not our failure to reach a process that was gone.
fn abandon(err_r: OwnedFd, pid: Pid, e: anyhow::Error) -> anyhow::Error {
    let _ = kill(pid, Signal::SIGKILL);
    match exec_result(err_r, pid) {
        Err(reason) => reason,
        Ok(()) => {
            let _ = waitpid(pid, None);
            e
        }
    }
}

/// A fork-like clone (no new stack, SIGCHLD on exit) into new namespaces: 0 in the child, its
/// pid in the parent; with `into` (a cgroup v2 directory and its index in `cgroup_procs`),
/// born in that cgroup where the kernel can, and then that index is returned too.
fn clone_child(
    flags: libc::c_int,
    into: Option<&(usize, OwnedFd)>,
) -> Result<(i32, Option<usize>)> {
    let one = proc::single_threaded()?;
    let made = match into {
        Some((i, dir)) => one
            .clone_placed(flags, dir.as_fd())
            .map(|(pid, placed)| (pid, placed.then_some(*i))),
        None => one.clone(flags).map(|pid| (pid, None)),
    };
    made.map_err(std::io::Error::from_raw_os_error)
        .context("cannot create the container's namespaces")
}

/// `clone_child` into the existing pid namespace `ns` (`--pid container:NAME`). Joining a pid
/// namespace only applies to children, and a process cannot leave one it joined, so a forked
/// intermediate joins it and clones the init as OUR child (CLONE_PARENT), then exits.
///
/// The init runs skiff code while the other container can see it, until its execve: it must
/// never let that container reach the skiff binary through /proc/PID/exe (CVE-2019-5736). The
/// intermediate makes itself non-dumpable before the clone, so the init is non-dumpable from
/// its first instruction (the flag belongs to the memory map, which the clone copies) and its
/// /proc files cannot be opened without CAP_SYS_PTRACE over the initial user namespace; the
/// command's execve makes it dumpable again. We cannot open them either: the init sends its
/// network namespace itself (`netns_of`).
fn clone_into(ns: &std::fs::File, flags: libc::c_int) -> Result<i32> {
    let (r, w) = pipe()?;
    // The intermediate only calls prctl, setns, reads its /proc/self/stat, clones, writes and
    // _exits; the init it makes goes on like a `clone_child` child.
    match proc::fork()? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            let joined = nix::sys::prctl::set_dumpable(false)
                .and_then(|()| nix::sched::setns(ns, nix::sched::CloneFlags::CLONE_NEWPID))
                .map_err(|e| e as i32);
            // Checked again: this is a new process (one thread, unless a bug says otherwise).
            let clone = |()| match proc::single_threaded() {
                Ok(one) => one.clone(flags | libc::CLONE_PARENT),
                Err(e) => Err(e.errno()),
            };
            // The init's host pid, or minus the errno.
            let msg = match joined.and_then(clone) {
                Ok(0) => return Ok(0),
                Ok(pid) => pid,
                Err(errno) => -errno,
            };
            let _ = nix::unistd::write(&w, &msg.to_le_bytes());
            // SAFETY: _exit ends the intermediate without running the parent's destructors.
            unsafe { libc::_exit(0) }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(w);
            let _ = waitpid(child, None);
            let mut buf = [0u8; 4];
            std::fs::File::from(r)
                .read_exact(&mut buf)
                .context("cannot join the other container's pid namespace")?;
            let pid = i32::from_le_bytes(buf);
            if pid <= 0 {
                let e = std::io::Error::from_raw_os_error(-pid);
                return Err(e).context("cannot join the other container's pid namespace");
            }
            Ok(pid)
        }
    }
}

/// The container's network namespace for the `after_clone` hook, received from the child (see
/// `init::setup`: once it runs as the container's user, its /proc files are closed to us).
fn netns_of(go: &OwnedFd) -> Result<Option<std::fs::File>> {
    Ok(pty::receive_fd(go)
        .context("cannot receive the container's network namespace")?
        .map(std::fs::File::from))
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
