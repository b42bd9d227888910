//! Checks on where a bind or volume lands: a target that resolves (through the image's
//! symlinks, inside the root) to the container's root directory itself is refused, since a
//! mount there would sit over the whole root file system (and below it after pivot_root).
use anyhow::{bail, Context, Result};
use rustix::fd::BorrowedFd;

/// Fails when `target` (opened inside `root`) is the root directory itself.
pub(crate) fn not_the_root(root: BorrowedFd, target: BorrowedFd, dest: &str) -> Result<()> {
    let r = rustix::fs::fstat(root).context("cannot stat the rootfs")?;
    let t = rustix::fs::fstat(target).with_context(|| format!("cannot stat {dest}"))?;
    if (r.st_dev, r.st_ino) == (t.st_dev, t.st_ino) {
        bail!("cannot mount on {dest}: in the image it resolves to the container's root directory (a symlink to /); choose another path");
    }
    Ok(())
}

/// Locks the flags of every mount (read-only above all) against a remount from inside: the
/// container's init, after pivot_root, moves into a user namespace of its own (mapping every id
/// to itself) with a copy of its mount namespace, and the kernel locks the flags of mounts
/// copied into a namespace owned by a less privileged user namespace, so even CAP_SYS_ADMIN
/// (`--privileged`) cannot `mount -o remount,bind,rw` them. The maps must be written from the
/// parent user namespace: a child forked before the unshare writes them, then exits.
pub(crate) fn lock_mounts() -> Result<()> {
    let identity = |file: &str| -> Result<String> {
        let m = std::fs::read_to_string(file).with_context(|| format!("cannot read {file}"))?;
        Ok(m.lines()
            .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
                [inside, _, count] => Some(format!("{inside} {inside} {count}\n")),
                _ => None,
            })
            .collect())
    };
    let (uids, gids) = (
        identity("/proc/self/uid_map")?,
        identity("/proc/self/gid_map")?,
    );
    let (r, w) = nix::unistd::pipe().context("pipe")?;
    let child = match super::proc::fork()? {
        nix::unistd::ForkResult::Child => {
            drop(w);
            let mut b = [0u8; 1];
            let ready = nix::unistd::read(&r, &mut b) == Ok(1);
            let pid = nix::unistd::getppid();
            let ok = ready
                && std::fs::write(format!("/proc/{pid}/uid_map"), &uids).is_ok()
                && std::fs::write(format!("/proc/{pid}/gid_map"), &gids).is_ok();
            // SAFETY: _exit ends the forked child without running the parent's destructors.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        nix::unistd::ForkResult::Parent { child } => child,
    };
    drop(r);
    let unshared = nix::sched::unshare(
        nix::sched::CloneFlags::CLONE_NEWUSER | nix::sched::CloneFlags::CLONE_NEWNS,
    );
    let _ = nix::unistd::write(&w, if unshared.is_ok() { b"1" } else { b"" });
    drop(w);
    let status = nix::sys::wait::waitpid(child, None).context("waitpid")?;
    unshared.context("cannot make the user namespace that locks the mounts")?;
    if status != nix::sys::wait::WaitStatus::Exited(child, 0) {
        bail!("cannot map the user namespace that locks the mounts ({status:?})");
    }
    Ok(())
}

/// Applies the binds' propagation options (`shared`, `rshared`, `slave`, `rslave`), after
/// pivot_root (which makes the old root's tree slave, and with it any peer made before), so the
/// paths are the container's own; `private` and `rprivate` are what every mount already is.
pub(crate) fn propagation(mounts: &[oci_spec::runtime::Mount]) -> Result<()> {
    use nix::mount::MsFlags as F;
    for m in mounts {
        let Some(flags) = m.options().iter().flatten().find_map(|o| match o.as_str() {
            "shared" => Some(F::MS_SHARED),
            "rshared" => Some(F::MS_SHARED | F::MS_REC),
            "slave" => Some(F::MS_SLAVE),
            "rslave" => Some(F::MS_SLAVE | F::MS_REC),
            _ => None,
        }) else {
            continue;
        };
        let dest = m.destination();
        nix::mount::mount(None::<&str>, dest, None::<&str>, flags, None::<&str>)
            .with_context(|| format!("cannot set the propagation of {}", dest.display()))?;
    }
    Ok(())
}
