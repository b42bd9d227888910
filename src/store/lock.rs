//! `flock`-based locks: released by the kernel when the process dies, so a `kill -9` never
//! leaves the store locked.
//!
//! # What each lock guards, and for how long
//!
//! Locks are short and per object (DESIGN §3). Nothing slow runs under one: downloads, spooled
//! archives and unpacks (`pull`, `load`, `import`) write into owner-tagged temp names with no
//! lock and take `images.lock` only to rename into place and rewrite `index.json`; deletions rename the tree to a trash name under the lock
//! and delete it after releasing it (`store::Trash`).
//!
//! - `$run/userns.lock`: starting the user namespace holder. Taken by a single-threaded process
//!   before it has joined the namespace, so before any other lock.
//! - `$run/pulls/<chain>.lock`: one layer being downloaded, so two pulls of the same layer share
//!   the work (the second waits, then finds it in place). Held while downloading, never while
//!   waiting for another lock except `images.lock` for the short commit.
//! - `images.lock`: `index.json`, the names in it, renames into `blobs/` and `layers/`, and the
//!   garbage collection's marking (which blobs and layers any image still uses). Shared by
//!   `create` from resolving the image until the container exists (so `rmi` cannot delete its
//!   layers in between) and by `save`.
//! - `containers.lock`: container records and directories (create's commit, rm's rename, state
//!   updates, rename) and the removal of a stale name file.
//! - `volumes.lock`: volume directories (create's rename, rm's and prune's rename away, the
//!   copy-up's swap). Held by a container's `create` from making its volumes until its record
//!   exists (so `volume rm`, which reads the records under it, cannot remove one in between);
//!   `rm -v` takes it after releasing `containers.lock`.
//! - networks, pods and the build cache: one lock each, as they come.
//!
//! # Order
//!
//! A process holding several locks takes them in this order and never the reverse, so no two
//! processes can wait for each other:
//!
//! ```text
//! userns → pulls/<chain> → images → volumes → containers → network | pod | build cache
//! ```
//!
//! Checked at every taker: `create` holds `images` (shared), then `volumes`, and takes
//! `containers` to commit; `volume rm` and `prune` hold `volumes` and read container records
//! (whose settling may take `containers`);
//! `rmi` holds `images` and reads container records (`users_of_image`, whose settling may take
//! `containers`); a pull holds a layer's `pulls/` lock and takes `images` to commit that layer;
//! nothing under `containers` touches images. A new lock goes at its place in this list.
use anyhow::{Context, Result};
use nix::fcntl::{Flock, FlockArg};
use std::fs::{File, OpenOptions};
use std::path::Path;

pub(crate) struct Lock {
    _flock: Flock<File>,
}

impl Lock {
    fn take(path: &Path, arg: FlockArg) -> Result<Lock> {
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open lock {}", path.display()))?;
        let flock = Flock::lock(f, arg)
            .map_err(|(_, e)| e)
            .with_context(|| format!("cannot lock {}", path.display()))?;
        Ok(Lock { _flock: flock })
    }
    /// Waits for and takes an exclusive lock on `path` (created if missing).
    pub(crate) fn exclusive(path: &Path) -> Result<Lock> {
        Lock::take(path, FlockArg::LockExclusive)
    }
    /// Takes an exclusive lock on `path` (created if missing) if no one holds it, else None.
    pub(crate) fn try_exclusive(path: &Path) -> Result<Option<Lock>> {
        match Lock::take(path, FlockArg::LockExclusiveNonblock) {
            Ok(l) => Ok(Some(l)),
            Err(e)
                if e.downcast_ref::<nix::errno::Errno>()
                    == Some(&nix::errno::Errno::EWOULDBLOCK) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
    /// Waits for and takes a shared lock on `path` (created if missing).
    pub(crate) fn shared(path: &Path) -> Result<Lock> {
        Lock::take(path, FlockArg::LockShared)
    }
}
