//! The container's first process, from clone to execve: mounts, pivot_root, terminal, limits,
//! seccomp, capabilities, user, exec. It runs in a fresh child of a single-threaded parent, so
//! ordinary Rust (allocation included) is safe here. Any failure is sent to the parent as one
//! message on the error pipe and ends the child with the matching exit code.
use super::{exec, mounts, proc, setup, Launch, Prepared};
use anyhow::{Context, Result};
use rustix::fd::AsFd;
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};

/// The child's ends of the channels to the parent.
pub(crate) struct ChildEnds {
    pub(crate) err: OwnedFd,
    pub(crate) tty: Option<OwnedFd>,
    /// Read end of the parent's go (see `Prepared::wait_for_go`).
    pub(crate) go: Option<OwnedFd>,
    /// Read end of the parent's word that our user namespace is mapped (`Prepared::id_maps`).
    pub(crate) maps: Option<OwnedFd>,
    /// The index in `Prepared::cgroup_procs` of the cgroup the clone put us in already.
    pub(crate) placed: Option<usize>,
}

/// Runs the container init; never returns.
pub(crate) fn run(l: &Launch, p: &Prepared, ends: ChildEnds) -> ! {
    let res = setup(l, p, &ends);
    finish(p, ends, res)
}

/// After setup: exec the command (under the minimal init with `--init`), or report why not.
pub(super) fn finish(p: &Prepared, ends: ChildEnds, setup: Result<()>) -> ! {
    let (code, msg) = match setup.and_then(|()| command(p, &ends)) {
        Ok(e) => (e.code, e.msg),
        Err(e) => (crate::error::ENGINE, crate::error::describe(&e)),
    };
    let mut f = std::fs::File::from(ends.err);
    let mut buf = vec![code as u8];
    buf.extend_from_slice(msg.as_bytes());
    let _ = f.write_all(&buf);
    // SAFETY: _exit ends the child without running the parent's atexit handlers or destructors.
    unsafe { libc::_exit(code) }
}

/// Execs the command; returns only why it could not (an init that could not start, or the
/// exec's own failure).
fn command(p: &Prepared, ends: &ChildEnds) -> Result<exec::ExecError> {
    // Nothing of ours but stdio may reach the container (a caller's stray fds included).
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets flags on open descriptors.
    unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    // `run --preserve-fds N`: the caller's 3 to 3+N-1 (checked open by the CLI) go through.
    for fd in 3..3 + p.preserve_fds as i32 {
        // SAFETY: clears FD_CLOEXEC on a descriptor number; no memory is involved.
        unsafe { libc::fcntl(fd, libc::F_SETFD, 0) };
    }
    if p.init {
        reaper(ends).context("cannot start the minimal init (--init)")?;
    }
    Ok(exec::exec(&p.args, &p.env))
}

/// `--init`: this process stays pid 1, forwards signals to the command (its child) and reaps
/// every orphan, exiting with the command's status. Returns only in the child, which goes on
/// to exec the command. Signals stay blocked in pid 1 (blocked signals reach a namespace's
/// init even without handlers) and are taken with sigwait.
fn reaper(ends: &ChildEnds) -> Result<()> {
    let all = nix::sys::signal::SigSet::all();
    let _ = all.thread_block();
    // The child only resets its mask and execs.
    let child = match proc::fork()? {
        nix::unistd::ForkResult::Child => {
            let _ = nix::sys::signal::SigSet::empty().thread_set_mask();
            return Ok(());
        }
        nix::unistd::ForkResult::Parent { child } => child,
    };
    // The command's exec closes the descriptors marked close-on-exec; pid 1 never execs, so it
    // must close them itself (the error pipe, a monitor's ready pipe...), or whoever waits for
    // their end would wait as long as the container lives. It needs none of them.
    let _ = ends;
    // SAFETY: closes our own descriptors above stderr, none of which this process uses again.
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    loop {
        let Ok(sig) = all.wait() else { continue };
        if sig != nix::sys::signal::Signal::SIGCHLD {
            let _ = nix::sys::signal::kill(child, sig);
            continue;
        }
        loop {
            match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(pid, code)) if pid == child => {
                    // SAFETY: ending pid 1; the kernel ends the rest of the namespace.
                    unsafe { libc::_exit(code) }
                }
                Ok(WaitStatus::Signaled(pid, s, _)) if pid == child => {
                    // SAFETY: as above.
                    unsafe { libc::_exit(128 + s as i32) }
                }
                Ok(WaitStatus::StillAlive) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
}

fn lo_up() -> Result<()> {
    // SAFETY: a plain socket(2) call; the fd is owned right away.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error()).context("socket");
    }
    // SAFETY: fd was just returned by socket(2) and is owned by nobody else.
    let sock = unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    // SAFETY: ifreq is plain old data; zeroed is a valid value.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in ifr.ifr_name.iter_mut().zip(b"lo\0") {
        *d = *s as libc::c_char;
    }
    ifr.ifr_ifru.ifru_flags = (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
    // SAFETY: SIOCSIFFLAGS reads a valid ifreq.
    if unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) } < 0 {
        return Err(std::io::Error::last_os_error()).context("cannot bring lo up");
    }
    Ok(())
}

fn ns_name(flag: nix::sched::CloneFlags) -> &'static str {
    use nix::sched::CloneFlags as F;
    match flag {
        F::CLONE_NEWNET => "network",
        F::CLONE_NEWIPC => "ipc",
        F::CLONE_NEWUTS => "uts",
        F::CLONE_NEWPID => "pid",
        _ => "other",
    }
}

/// The steps before the mounts that a user namespace of the container's own needs: wait for
/// the parent's maps and become its root; then the cgroup namespace and the network namespace
/// for the parent.
fn enter_own_namespaces(p: &Prepared, ends: &ChildEnds) -> Result<()> {
    if let Some(m) = &ends.maps {
        // Nothing can be owned or mounted with the right ids before the maps exist.
        let mut b = [0u8; 1];
        if nix::unistd::read(m, &mut b).unwrap_or(0) != 1 {
            anyhow::bail!("skiff did not map the container's user namespace");
        }
        // Root of the new namespace (when mapped), as the container's mounts and files expect.
        let _ = nix::unistd::setresgid(0.into(), 0.into(), 0.into());
        let _ = nix::unistd::setresuid(0.into(), 0.into(), 0.into());
    }
    cgroup_namespace(p)?;
    if let Some(go) = &ends.go {
        // Sent, not opened by the parent through /proc: once this process switches to the
        // container's user (or, joining a pid namespace, from its start: see
        // spawn::clone_into) it is not dumpable and the parent may not open its namespaces; a
        // parent that was slow to open them failed with EACCES on a loaded machine.
        let ns = std::fs::File::open("/proc/self/ns/net").context("/proc/self/ns/net")?;
        super::pty::send_fd(go, &ns).context("cannot pass the network namespace to skiff")?;
    }
    Ok(())
}

/// The overlay mount's error `e`, said plainly when a user namespace of the container's own
/// cannot reach the store.
fn unreachable_store(e: anyhow::Error, p: &Prepared) -> anyhow::Error {
    // In a user namespace of its own the container's root is not you: it reaches the store
    // through a private directory only if that directory's group is yours (then mapped too).
    let denied = e.chain().any(|c| {
        c.downcast_ref::<rustix::io::Errno>() == Some(&rustix::io::Errno::ACCESS)
            || c.downcast_ref::<std::io::Error>()
                .and_then(|e| e.raw_os_error())
                == Some(libc::EACCES)
    });
    match (denied, &p.id_maps) {
        (true, Some(_)) => e.context("the container's user namespace (--userns, --uidmap) cannot reach skiff's store: a private (0700) directory above it belongs to a group that is not yours; chgrp it to your group or chmod it 0711"),
        _ => e,
    }
}

fn setup(l: &Launch, p: &Prepared, ends: &ChildEnds) -> Result<()> {
    setup::reset_signals();
    // With the creds the parent opened them with: once mapped and root in a user namespace of
    // its own (--userns), cgroup v1 no longer lets the opener's file move this process.
    move_to_cgroups(p, ends.placed)?;
    enter_own_namespaces(p, ends)?;
    use nix::mount::{mount, MsFlags};
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .context("cannot make / private")?;
    // Before the mounts: /dev/mqueue belongs to the ipc namespace it is mounted in.
    for (ns, flag) in &p.join {
        nix::sched::setns(ns, *flag).with_context(|| {
            format!(
                "cannot join the other container's {} namespace",
                ns_name(*flag)
            )
        })?;
    }
    if let Some(h) = &p.hostname {
        nix::unistd::sethostname(h).context("sethostname")?;
    }
    if p.new_net {
        lo_up()?;
    }
    let r = l.rootfs;
    mounts::overlay(&r.lowers, &r.upper, &r.work, &r.target)
        .map_err(|e| unreachable_store(e, p))?;
    let root = rustix::fs::open(
        &r.target,
        rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .context("cannot open the rootfs")?;
    for m in &p.mounts {
        mounts::mount_one(root.as_fd(), m)?;
        if m.destination().as_os_str() == "/dev" {
            mounts::populate_dev(root.as_fd())?;
        }
    }
    mounts::mask(root.as_fd(), &p.masked)?;
    mounts::read_only(root.as_fd(), &p.readonly)?;
    // Docker creates a missing working directory; do it while the rootfs is still writable.
    mounts::mountpoint(root.as_fd(), &p.cwd, true)?;
    if p.readonly_root {
        use rustix::mount::MountAttrFlags as A;
        mounts::set_attrs(root.as_fd(), A::MOUNT_ATTR_RDONLY, A::empty(), false)?;
    }
    mounts::pivot(root.as_fd())?;
    drop(root);
    super::binds::propagation(&p.mounts)?;
    if p.lock_mounts {
        super::binds::lock_mounts()?;
    }
    setup::process(p, l.fds.as_ref(), l.seccomp, ends)?;
    // After the uid switch, which clears the parent-death signal.
    die_with_parent(p)?;
    if let Some(go) = &ends.go {
        let mut b = [0u8; 1];
        // EOF without a byte means the parent gave up (its after_clone failed).
        if nix::unistd::read(go, &mut b).unwrap_or(0) != 1 {
            anyhow::bail!("the container's start was abandoned");
        }
    }
    Ok(())
}

/// Moves this process into the container's cgroups, before it allocates anything.
fn move_to_cgroups(p: &Prepared, placed: Option<usize>) -> Result<()> {
    for (_, fd) in p
        .cgroup_procs
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != placed)
    {
        nix::unistd::write(fd, b"0").context("cannot move the container into its cgroup")?;
    }
    Ok(())
}

/// Makes the cgroup namespace (held back from the clone for this) once in the container's
/// cgroups, so the container sees its own cgroup as `/`, as runc and crun do. Then
/// `--oom-score-adj`.
fn cgroup_namespace(p: &Prepared) -> Result<()> {
    if p.unshare_cgroupns {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWCGROUP)
            .context("cannot create the container's cgroup namespace")?;
    }
    if let Some(adj) = p.oom_score_adj {
        std::fs::write("/proc/self/oom_score_adj", adj.to_string())
            .with_context(|| format!("cannot set --oom-score-adj {adj}: a rootless container may raise it, not lower it below skiff's"))?;
    }
    Ok(())
}

/// With a foreground run, the container is killed when the CLI dies (even by `kill -9`). Set
/// after the uid switch, which clears it; a parent that died before is seen on its pidfd.
fn die_with_parent(p: &Prepared) -> Result<()> {
    let Some(parent) = &p.parent else {
        return Ok(());
    };
    nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL).context("pdeathsig")?;
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let mut fds = [PollFd::new(parent.as_fd(), PollFlags::POLLIN)];
    if poll(&mut fds, PollTimeout::ZERO).unwrap_or(0) > 0 {
        anyhow::bail!("the skiff process running the container has ended");
    }
    Ok(())
}
