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
    // The container's cgroups first, from outside its cgroup namespace.
    let moved = p.cgroup_procs.iter().try_for_each(|fd| {
        nix::unistd::write(fd, b"0")
            .map(drop)
            .context("cannot join the container's cgroup")
    });
    if let Err(e) = moved {
        init::finish(p, ends, Err(e));
    }
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
    match one.fork() {
        Ok(ForkResult::Child) => {
            let res = setup(p, fds.as_ref(), bpf, &ends);
            init::finish(p, ends, res)
        }
        Ok(ForkResult::Parent { child }) => {
            drop(ends);
            drop(fds);
            relay(child)
        }
        Err(e) => init::finish(p, ends, Err(e.into())),
    }
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
