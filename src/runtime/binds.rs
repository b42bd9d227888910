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
