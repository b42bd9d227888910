//! Temp and trash names tagged with their owner, so work can run without a lock.
//!
//! Every temp file or directory in the store is named `.tmp-<pid>-<start>-<random>`, and every
//! tree being deleted `.trash-<pid>-<start>-<random>`, where `<pid> <start>` (the start time from
//! `/proc/PID/stat`) name the process that made it for the life of the machine. Such an entry is
//! garbage once that process is dead, whatever lock anyone holds: a pull can download into
//! `layers/.tmp-…` with no lock while an `rmi` collects the leftovers of a killed pull beside it.
//!
//! Deleting a big tree is slow (many files), so it never happens under a lock: the tree is renamed
//! to a trash name under the lock (atomic: readers see it or not, and only one process can claim a
//! dead owner's leftover) and deleted after the lock is released (`Trash`).
use anyhow::{Context, Result};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Prefix of every temp file or directory the store makes.
pub(crate) const TMP_PREFIX: &str = ".tmp-";
/// Prefix of a tree renamed away to be deleted.
pub(crate) const TRASH_PREFIX: &str = ".trash-";

/// Field 22 of /proc/PID/stat, the start time in clock ticks since boot; None for a process that
/// is gone or a zombie (it has ended). The same reading as `runtime::userns::start_time`, kept
/// here because the store sits below the runtime.
fn start_time(pid: u32) -> Option<u64> {
    let s = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut rest = s[s.rfind(')')? + 2..].split_whitespace();
    if matches!(rest.next()?, "Z" | "X") {
        return None;
    }
    rest.nth(18)?.parse().ok()
}

/// `<pid>-<start>` of this process, read once.
fn own_tag() -> &'static str {
    static TAG: OnceLock<String> = OnceLock::new();
    TAG.get_or_init(|| {
        let pid = std::process::id();
        format!("{pid}-{}", start_time(pid).unwrap_or(0))
    })
}

fn tagged_name(prefix: &str) -> String {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).expect("getrandom");
    format!("{prefix}{}-{}", own_tag(), hex::encode(b))
}

/// A fresh temp name owned by this process (`.tmp-<pid>-<start>-<random>`).
pub(crate) fn tmp_name() -> String {
    tagged_name(TMP_PREFIX)
}

/// A fresh trash name owned by this process (`.trash-<pid>-<start>-<random>`).
pub(crate) fn trash_name() -> String {
    tagged_name(TRASH_PREFIX)
}

/// A name owned by this process with another prefix (`<prefix><pid>-<start>-<random>`): a
/// build's step containers are named so, and collected when their owner died.
pub(crate) fn owner_tagged(prefix: &str) -> String {
    tagged_name(prefix)
}

/// True when `name` is `<prefix><pid>-<start>-<random>` and that owner has died.
pub(crate) fn is_dead_owner(name: &str, prefix: &str) -> bool {
    let Some(rest) = name.strip_prefix(prefix) else {
        return false;
    };
    let mut f = rest.splitn(3, '-');
    match (
        f.next().map(str::parse::<u32>),
        f.next().map(str::parse::<u64>),
    ) {
        (Some(Ok(pid)), Some(Ok(start))) if pid > 0 => start_time(pid) != Some(start),
        _ => false,
    }
}

/// True when `name` is a temp or trash entry whose owner has died. A temp name without an owner
/// tag was written by an older skiff, which made them only under the lock its callers hold now.
pub(crate) fn is_dead_leftover(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(TMP_PREFIX)
        .or_else(|| name.strip_prefix(TRASH_PREFIX))
    else {
        return false;
    };
    let mut f = rest.splitn(3, '-');
    let (Some(pid), Some(start), Some(_)) = (f.next(), f.next(), f.next()) else {
        return true;
    };
    match (pid.parse::<u32>(), start.parse::<u64>()) {
        (Ok(pid), Ok(start)) if pid > 0 => start_time(pid) != Some(start),
        _ => true,
    }
}

/// Trees and files renamed away under a lock, to be deleted after it is released. Whatever is
/// still in it when dropped is deleted then (best effort): declare it before the lock guard, so
/// the guard drops first.
#[derive(Default)]
pub(crate) struct Trash {
    doomed: Vec<PathBuf>,
}

impl Trash {
    pub(crate) fn new() -> Trash {
        Trash::default()
    }

    /// Renames `path` to a trash name in `dir` (on the same file system; usually its parent).
    /// False when `path` does not exist. Call it holding the lock that guards `path`.
    pub(crate) fn take(&mut self, path: &Path, dir: &Path) -> std::io::Result<bool> {
        let to = dir.join(trash_name());
        match fs::rename(path, &to) {
            Ok(()) => {
                self.doomed.push(to);
                Ok(true)
            }
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Claims the temp and trash entries in `dir` whose owners died (a killed pull, rm or
    /// create): each is renamed to a name of ours, so two collectors never delete the same tree.
    /// Needs no lock. Returns how many it claimed.
    pub(crate) fn claim_leftovers(&mut self, dir: &Path) -> Result<usize> {
        let rd = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
        };
        let mut n = 0;
        for ent in rd {
            let ent = ent.with_context(|| format!("cannot list {}", dir.display()))?;
            if !is_dead_leftover(&ent.file_name().to_string_lossy()) {
                continue;
            }
            // Another collector may have claimed it first: that is its to delete.
            if self
                .take(&ent.path(), dir)
                .with_context(|| format!("cannot collect leftover {}", ent.path().display()))?
            {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Deletes everything taken. Trees may hold files owned by subordinate ids: call it inside
    /// the user namespace (what fails stays under our trash name, collected once we are gone).
    pub(crate) fn empty(mut self) -> Result<()> {
        let mut first = Ok(());
        for p in std::mem::take(&mut self.doomed) {
            if let Err(e) = remove_any(&p) {
                if first.is_ok() {
                    first = Err(e).with_context(|| format!("cannot remove {}", p.display()));
                }
            }
        }
        first
    }
}

impl Drop for Trash {
    fn drop(&mut self) {
        for p in &self.doomed {
            let _ = remove_any(p);
        }
    }
}

fn remove_any(p: &Path) -> std::io::Result<()> {
    // Not `remove_dir_all`: a container's tree can be deeper than the open-file limit.
    super::tree::remove_tree(p)
}

/// Removes the dead owners' leftovers in `dir` now (for small directories: records, names).
pub(crate) fn remove_tmp_leftovers(dir: &Path) -> Result<usize> {
    let mut t = Trash::new();
    let n = t.claim_leftovers(dir)?;
    t.empty()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_names_are_alive_and_dead_owners_are_garbage() {
        assert!(!is_dead_leftover(&tmp_name()));
        assert!(!is_dead_leftover(&trash_name()));
        assert!(!is_dead_leftover("0123456789abcdef"), "not a temp name");
        assert!(
            is_dead_leftover(".tmp-a1b2c3d4e5f6"),
            "untagged: older skiff"
        );
        let pid = std::process::id();
        assert!(is_dead_leftover(&format!(".tmp-{pid}-1-abc")), "pid reused");
        // A process that has exited (and was reaped) owns nothing.
        let mut c = std::process::Command::new("true").spawn().unwrap();
        let gone = c.id();
        c.wait().unwrap();
        assert!(is_dead_leftover(&format!(".trash-{gone}-0-abc")));
    }

    #[test]
    fn claims_only_dead_owners_and_deletes_after() {
        let d = tempfile::tempdir().unwrap();
        let mine = d.path().join(tmp_name());
        let dead = d.path().join(".trash-999999999-1-x");
        let record = d.path().join("a".repeat(64));
        for p in [&mine, &dead, &record] {
            fs::create_dir_all(p.join("sub")).unwrap();
        }
        let mut t = Trash::new();
        assert_eq!(t.claim_leftovers(d.path()).unwrap(), 1);
        assert!(!dead.exists(), "renamed away at once");
        assert!(t.take(&record, d.path()).unwrap());
        assert!(!t.take(&record, d.path()).unwrap(), "gone already");
        assert_eq!(
            fs::read_dir(d.path()).unwrap().count(),
            3,
            "not deleted yet"
        );
        t.empty().unwrap();
        let left: Vec<_> = fs::read_dir(d.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].path(), mine);
    }
}
