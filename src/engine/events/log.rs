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
use std::path::Path;

pub(crate) const FILE: &str = "events.log";
pub(crate) const ROTATED: &str = "events.log.1";

/// The size at which the log is rotated: some 40,000 events are kept in the two files.
const MAX: u64 = 8 << 20;

pub(super) fn append(paths: &Paths, e: &Event) {
    let Ok(mut line) = serde_json::to_vec(e) else {
        return;
    };
    line.push(b'\n');
    append_line(&paths.data, &line, MAX);
}

/// Appends `line` to `dir`'s log, rotating it once it is over `max` bytes.
fn append_line(dir: &Path, line: &[u8], max: u64) {
    let path = dir.join(FILE);
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
    if f.write(line).is_err() {
        return;
    }
    if f.metadata().is_ok_and(|m| m.len() > max) {
        rotate(dir, &f, max);
    }
}

/// Renames the log away if it is still the file `f` (no other writer rotated it first).
fn rotate(dir: &Path, f: &File, max: u64) {
    use nix::fcntl::{Flock, FlockArg};
    let Ok(f) = f.try_clone() else { return };
    let Ok(lock) = Flock::lock(f, FlockArg::LockExclusive) else {
        return;
    };
    let path = dir.join(FILE);
    let (Ok(ours), Ok(now)) = (lock.metadata(), std::fs::metadata(&path)) else {
        return;
    };
    if ours.ino() == now.ino() && ours.dev() == now.dev() && now.len() > max {
        let _ = std::fs::rename(&path, dir.join(ROTATED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight writers at once: every line whole, none lost.
    #[test]
    fn concurrent_lines_never_interleave() {
        let dir = tempfile::tempdir().unwrap();
        std::thread::scope(|s| {
            for t in 0..8 {
                let dir = dir.path();
                s.spawn(move || {
                    for i in 0..500 {
                        let line =
                            format!("{{\"t\":{t},\"i\":{i},\"pad\":\"{}\"}}\n", "x".repeat(300));
                        append_line(dir, line.as_bytes(), u64::MAX);
                    }
                });
            }
        });
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4000);
        for l in lines {
            serde_json::from_str::<serde_json::Value>(l).unwrap();
        }
    }

    /// Past the limit the log moves to events.log.1 (replacing the older one) and a new one
    /// starts: the last events are always in the two files, in order.
    #[test]
    fn rotation_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..100 {
            append_line(dir.path(), format!("{i:09}\n").as_bytes(), 95);
        }
        let old = std::fs::read_to_string(dir.path().join(ROTATED)).unwrap();
        let cur = std::fs::read_to_string(dir.path().join(FILE)).unwrap_or_default();
        let all: Vec<u32> = (old + &cur).lines().map(|l| l.parse().unwrap()).collect();
        assert!(all.len() >= 9 && all.len() <= 20, "{all:?}");
        let want: Vec<u32> = (100 - all.len() as u32..100).collect();
        assert_eq!(all, want);
    }
}
