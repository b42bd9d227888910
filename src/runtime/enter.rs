//! `exec`: a new process in a running container. An intermediate child joins the container's
//! namespaces and forks the command into its pid namespace (joining a pid namespace only
//! applies to children), then relays its exit status; the caller's own namespaces never change.
use super::{init, pty, seccomp::Bpf, ChildFds, Prepared, Spawned};
use anyhow::{Context, Result};
use nix::sched::{setns, CloneFlags};
use nix::unistd::{fork, ForkResult, Pid};
use std::fs::File;

const NAMESPACES: [(&str, CloneFlags); 6] = [
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("net", CloneFlags::CLONE_NEWNET),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ("pid", CloneFlags::CLONE_NEWPID),
    ("mnt", CloneFlags::CLONE_NEWNS),
];

/// Starts `p` (the container's spec with the exec's process) inside the container whose init is
/// `target`. Returns the intermediate process (its exit status is the command's) and the pty.
pub fn exec_in(
    target: i32,
    p: &Prepared,
    fds: Option<ChildFds>,
    bpf: Option<&Bpf>,
) -> Result<Spawned> {
    let mut ns = Vec::new();
    for (name, flag) in NAMESPACES {
        let path = format!("/proc/{target}/ns/{name}");
        let f =
            File::open(&path).with_context(|| format!("the container is not running ({path})"))?;
        ns.push((f, flag));
    }
    let (err_r, err_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let (tty_parent, tty_child) = pty::channel(p.terminal)?;
    // SAFETY: fork of a single-threaded process; the child ends in exec or _exit.
    match unsafe { fork() }? {
        ForkResult::Child => {
            drop(err_r);
            drop(tty_parent);
            let ends = init::ChildEnds {
                err: err_w,
                tty: tty_child,
                go: None,
            };
            intermediate(p, ns, fds, bpf, ends)
        }
        ForkResult::Parent { child } => {
            drop(err_w);
            drop(tty_child);
            drop(fds);
            let master = pty::take_master(tty_parent.as_ref())?;
            super::spawn::exec_result(err_r, child)?;
            Ok(Spawned { pid: child, master })
        }
    }
}

fn intermediate(
    p: &Prepared,
    ns: Vec<(File, CloneFlags)>,
    fds: Option<ChildFds>,
    bpf: Option<&Bpf>,
    ends: init::ChildEnds,
) -> ! {
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
    // SAFETY: fork of a single-threaded process; the grandchild ends in exec or _exit.
    match unsafe { fork() } {
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
    init::reset_signals();
    init::stdio_with(fds, p, ends)?;
    for (res, soft, hard) in &p.rlimits {
        nix::sys::resource::setrlimit(*res, *soft, *hard)
            .with_context(|| format!("setrlimit {res:?}"))?;
    }
    if p.no_new_privs {
        nix::sys::prctl::set_no_new_privs().context("no_new_privs")?;
    }
    if let Some(b) = bpf {
        super::seccomp::install(b).context("cannot load the seccomp filter")?;
    }
    init::user(p)?;
    init::workdir(&p.cwd)?;
    Ok(())
}
