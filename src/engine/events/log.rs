//! The log file: one JSON line per event, appended with one write(2) to an `O_APPEND`
//! descriptor, so lines of concurrent writers never interleave (the kernel moves the offset to
//! the end and writes in one step), and no lock is taken to write. At `MAX` bytes the file is
//! renamed to `events.log.1` (replacing the previous one), under an flock of the file so two
//! writers past the limit rotate once.
use super::Event;
use crate::store::Paths;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};

pub(crate) const FILE: &str = "events.log";
pub(crate) const ROTATED: &str = "events.log.1";

/// The size at which the log is rotated: some 40,000 events are kept in the two files.
const MAX: u64 = 8 << 20;

pub(super) fn append(paths: &Paths, e: &Event) {
    let Ok(mut line) = serde_json::to_vec(e) else {
        return;
    };
    line.push(b'\n');
    let path = paths.data.join(FILE);
    let Ok(mut f) = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(&path)
    else {
        // No store (removed under us), or it is unwritable: the verb's change stands.
        return;
    };
    // One write(2), never `write_all`: a second write for a short one could land after
    // another writer's line. A short write is a full disk, which the next reader skips.
    if f.write(&line).is_err() {
        return;
    }
    if f.metadata().is_ok_and(|m| m.len() > MAX) {
        rotate(paths, &f);
    }
}

/// Renames the log away if it is still the file `f` (no other writer rotated it first).
fn rotate(paths: &Paths, f: &File) {
    use nix::fcntl::{Flock, FlockArg};
    let Ok(f) = f.try_clone() else { return };
    let Ok(_lock) = Flock::lock(f, FlockArg::LockExclusive) else {
        return;
    };
    let path = paths.data.join(FILE);
    let (Ok(ours), Ok(now)) = (_lock.metadata(), std::fs::metadata(&path)) else {
        return;
    };
    if ours.ino() == now.ino() && ours.dev() == now.dev() && now.len() > MAX {
        let _ = std::fs::rename(&path, paths.data.join(ROTATED));
    }
}
