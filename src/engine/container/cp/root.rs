//! A descriptor of a container's root directory for `cp`, which resolves every container-side
//! path under it with `RESOLVE_IN_ROOT`.
//!
//! - **Running**: `/proc/PID/root` of its init, opened from skiff's user namespace (where we
//!   hold CAP_SYS_PTRACE over the container). That is the very overlay mount the container
//!   writes through, in its own mount namespace, with its volumes and tmpfs mounts on it: a
//!   file the container writes meanwhile is seen as it sees it, and what we write goes through
//!   overlayfs's copy-up like its own writes. Writing into the upper dir behind a mounted
//!   overlay's back would be undefined behaviour (overlayfs caches lookups and copy-ups).
//! - **Stopped or created**: its overlay mounted afresh as a detached mount (`fsmount`, attached
//!   nowhere) in a mount namespace of this process's own, so nothing else ever sees it and it
//!   goes away with the descriptor. Its volumes are not mounted on it (a seam: the volumes
//!   issue adds them there); a `start` meanwhile mounts the same upper dir a second time, which
//!   overlayfs allows (with a kernel warning): the copy then lands as the container sees it
//!   once it looks the names up.
use super::super::record::Record;
use crate::runtime::mounts;
use crate::store::Paths;
use anyhow::{anyhow, Context, Result};
use rustix::fs::{openat, Mode, OFlags, CWD};
use std::os::fd::OwnedFd;

pub(crate) struct ContainerRoot {
    pub(crate) fd: OwnedFd,
}

/// The root of `rec`'s file system; the caller is in skiff's user namespace and single-threaded.
pub(crate) fn open(paths: &Paths, rec: &Record) -> Result<ContainerRoot> {
    if rec.is_alive() {
        let proc_root = format!("/proc/{}/root", rec.state.pid);
        let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = openat(CWD, proc_root.as_str(), flags, Mode::empty());
        // The pid may have been reused between the check and the open: the same start time
        // after the open proves the descriptor is the container's root.
        if let (Ok(fd), true) = (fd, rec.is_alive()) {
            return Ok(ContainerRoot { fd });
        }
        if rec.is_alive() {
            return Err(anyhow!(
                "cannot open the root of container {}: its process cannot be reached",
                rec.name
            ));
        }
    }
    // Our own mount namespace, owned by skiff's user namespace, lets us mount the overlay; it
    // dies with this process.
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)
        .context("cannot make a mount namespace to reach the container's files")?;
    let dir = paths.container(&rec.id);
    let mnt = mounts::overlay_detached(
        &super::super::idmap::lower_dirs(paths, rec)?,
        &dir.join("upper"),
        &dir.join("work"),
    )?;
    // fsmount's descriptor is the mount's root directory (as with O_PATH).
    Ok(ContainerRoot { fd: mnt })
}
