//! `exec`: a new process in a running container. `skiff-enter` (see `tenant`) joins the
//! container's namespaces and forks the command into its pid namespace (joining a pid namespace
//! only applies to children), then relays its exit status; the CLI's own namespaces never change.
use super::{init, proc, seccomp::Bpf, setup, ChildFds, Prepared};
use anyhow::{Context, Result};
use nix::sched::{setns, CloneFlags};
use nix::unistd::{ForkResult, Pid};
use std::fs::File;

/// Runs in `skiff-enter` (see `tenant`): joins the namespaces, forks the command into the
/// container and relays its exit status. Never returns.
pub(super) fn intermediate(
    p: &Prepared,
    ns: Vec<(File, CloneFlags)>,
    fds: Option<ChildFds>,
    bpf: Option<&Bpf>,
    ends: init::ChildEnds,
) -> ! {
    // Checked before joining: once in the container's mount namespace, /proc is the
    // container's, where we (outside its pid namespace) have no /proc/self. Nothing between
    // here and the fork starts a thread.
    let one = match proc::single_threaded() {
        Ok(one) => one,
        Err(e) => init::finish(p, ends, Err(e.into())),
    };
    // The container's v1 cgroups first, from outside its cgroup namespace (v1 checks the
    // mover's ids). Its v2 cgroup is the command's birthplace instead: moving there costs an
    // RCU grace period (~11 ms), being cloned there nothing.
    let v2 = p.cgroup_into.as_ref().map(|(i, _)| *i);
    let moved = p
        .cgroup_procs
        .iter()
        .enumerate()
        .try_for_each(|(i, fd)| match Some(i) == v2 {
            true => Ok(()),
            false => nix::unistd::write(fd, b"0")
                .map(drop)
                .context("cannot join the container's cgroup"),
        });
    if let Err(e) = moved {
        init::finish(p, ends, Err(e));
    }
    // The cgroup namespace is joined by the command after its clone: a cgroup outside the
    // namespace joined (ours) may not be the source of a clone into one inside (nsdelegate).
    // The user namespace goes last, after it (see tenant's NAMESPACES).
    let (late, ns): (Vec<_>, Vec<_>) = ns
        .into_iter()
        .partition(|(_, f)| *f == CloneFlags::CLONE_NEWCGROUP || *f == CloneFlags::CLONE_NEWUSER);
    let joined = ns
        .iter()
        .try_for_each(|(f, flag)| setns(f, *flag))
        .context("cannot join the container's namespaces");
    drop(ns);
    if let Err(e) = joined {
        init::finish(p, ends, Err(e));
    }
    // Blocked before the fork, so a command that ends at once cannot have its SIGCHLD lost
    // before relay waits for it (the grandchild resets its mask).
    let _ = relay_signals().thread_block();
    // The grandchild ends in exec or _exit.
    match fork_into(one, p) {
        Ok((ForkResult::Child, unplaced)) => {
            let res =
                join_late(p, unplaced, &late).and_then(|()| setup(p, fds.as_ref(), bpf, &ends));
            init::finish(p, ends, res)
        }
        Ok((ForkResult::Parent { child }, _)) => {
            drop(ends);
            drop(fds);
            relay(child)
        }
        Err(e) => init::finish(p, ends, Err(e)),
    }
}

/// Forks the command: into the container's v2 cgroup where there is one (the index of its
/// `cgroup.procs` is returned when the kernel would not, for the command to move itself).
fn fork_into(one: proc::SingleThreaded, p: &Prepared) -> Result<(ForkResult, Option<usize>)> {
    use std::os::fd::AsFd;
    let Some((i, dir)) = &p.cgroup_into else {
        return Ok((one.fork()?, None));
    };
    let (pid, placed) = one
        .clone_placed(0, dir.as_fd())
        .map_err(std::io::Error::from_raw_os_error)
        .context("cannot fork the command")?;
    let unplaced = (!placed).then_some(*i);
    Ok(match pid {
        0 => (ForkResult::Child, unplaced),
        pid => (
            ForkResult::Parent {
                child: Pid::from_raw(pid),
            },
            unplaced,
        ),
    })
}

/// In the command: its v2 cgroup if the clone could not place it there, then the cgroup
/// namespace (see `intermediate`), then the container's own user namespace if it has one.
fn join_late(p: &Prepared, unplaced: Option<usize>, late: &[(File, CloneFlags)]) -> Result<()> {
    if let Some(fd) = unplaced.and_then(|i| p.cgroup_procs.get(i)) {
        nix::unistd::write(fd, b"0").context("cannot join the container's cgroup")?;
    }
    for (f, flag) in late {
        let what = match *flag == CloneFlags::CLONE_NEWUSER {
            true => "user",
            false => "cgroup",
        };
        setns(f, *flag).with_context(|| format!("cannot join the container's {what} namespace"))?;
    }
    Ok(())
}

/// Waits for the command and exits with its status; signals sent to us go to it.
fn relay_signals() -> nix::sys::signal::SigSet {
    use nix::sys::signal::{SigSet, Signal};
    let mut set = SigSet::empty();
    for s in [
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGCHLD,
    ] {
        set.add(s);
    }
    set
}

fn relay(child: Pid) -> ! {
    use nix::sys::signal::Signal;
    use nix::sys::wait::{waitpid, WaitStatus};
    let set = relay_signals();
    loop {
        match set.wait() {
            Ok(Signal::SIGCHLD) => match waitpid(child, Some(nix::sys::wait::WaitPidFlag::WNOHANG))
            {
                // SAFETY: _exit with the command's status; nothing else to clean up.
                Ok(WaitStatus::Exited(_, c)) => unsafe { libc::_exit(c) },
                // SAFETY: as above.
                Ok(WaitStatus::Signaled(_, s, _)) => unsafe { libc::_exit(128 + s as i32) },
                _ => {}
            },
            Ok(s) => {
                let _ = nix::sys::signal::kill(child, s);
            }
            Err(_) => {}
        }
    }
}

fn setup(
    p: &Prepared,
    fds: Option<&ChildFds>,
    bpf: Option<&Bpf>,
    ends: &init::ChildEnds,
) -> Result<()> {
    setup::reset_signals();
    setup::process(p, fds, bpf, ends)
}
