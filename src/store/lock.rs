//! `flock`-based locks: released by the kernel when the process dies, so a `kill -9` never
//! leaves the store locked.
use anyhow::{Context, Result};
use nix::fcntl::{Flock, FlockArg};
use std::fs::{File, OpenOptions};
use std::path::Path;

pub struct Lock {
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
    pub fn exclusive(path: &Path) -> Result<Lock> {
        Lock::take(path, FlockArg::LockExclusive)
    }
    /// Waits for and takes a shared lock on `path` (created if missing).
    pub fn shared(path: &Path) -> Result<Lock> {
        Lock::take(path, FlockArg::LockShared)
    }
}
