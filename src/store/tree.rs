//! Deleting a directory tree that a container wrote, however deep: `std::fs::remove_dir_all`
//! holds one open directory per level (a container's 2000 nested directories exhaust the usual
//! limit of 1024 open files), and path strings would pass PATH_MAX long before that.
//!
//! This walk holds one directory open at a time (two while it reads one, or climbs): it goes
//! down with a no-follow `openat` relative to the directory it is in, and back up with `..`,
//! checked to be the very directory (device and inode) it came down from, so a tree moved
//! while it runs stops the removal instead of steering it outside the tree. A symlink is
//! unlinked, never followed. Names still to delete are kept in memory, one list per level.
use rustix::fs::{fstat, openat, statat, unlinkat, AtFlags, Dir, FileType, Mode, OFlags, CWD};
use rustix::io::Errno;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// A directory on the way down: its name in its parent, its identity, the names left in it.
struct Level {
    name: Vec<u8>,
    id: (u64, u64),
    pending: Vec<Vec<u8>>,
}

/// Deletes `path` and everything below it (a file or symlink is just unlinked); Ok when it does
/// not exist. `path`'s parent belongs to the store and is opened as it is; below it nothing is
/// followed.
pub(crate) fn remove_tree(path: &Path) -> io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a removable path",
        ));
    };
    let top = openat(
        CWD,
        parent,
        DIR_FLAGS.difference(OFlags::NOFOLLOW),
        Mode::empty(),
    )?;
    let name = name.as_bytes();
    let st = match statat(&top, name, AtFlags::SYMLINK_NOFOLLOW) {
        Err(Errno::NOENT) => return Ok(()),
        r => r?,
    };
    if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
        return ignore_gone(unlinkat(&top, name, AtFlags::empty()));
    }
    let root = openat(&top, name, DIR_FLAGS, Mode::empty())?;
    empty_dir(root)?;
    ignore_gone(unlinkat(&top, name, AtFlags::REMOVEDIR))
}

/// Deletes everything in the directory `root`, level by level, with at most two descriptors
/// open at any time.
fn empty_dir(root: OwnedFd) -> io::Result<()> {
    let mut levels = vec![level(&root, Vec::new())?];
    let mut cur = root;
    loop {
        let last = levels.last_mut().expect("the root level stays");
        if let Some(name) = last.pending.pop() {
            match unlinkat(&cur, name.as_slice(), AtFlags::empty()) {
                Ok(()) | Err(Errno::NOENT) => {}
                // unlink(2) refuses directories with EISDIR: go down into it.
                Err(Errno::ISDIR) => {
                    let child = openat(&cur, name.as_slice(), DIR_FLAGS, Mode::empty())?;
                    levels.push(level(&child, name)?);
                    cur = child;
                }
                Err(e) => return Err(e.into()),
            }
            continue;
        }
        // Read once more: only what is really gone lets the directory go.
        last.pending = names(cur.as_fd())?;
        if !last.pending.is_empty() {
            continue;
        }
        if levels.len() == 1 {
            return Ok(());
        }
        let done = levels.pop().expect("more than the root");
        let up = openat(&cur, "..", DIR_FLAGS, Mode::empty())?;
        let want = levels.last().expect("a parent level").id;
        if identity(&up)? != want {
            return Err(io::Error::other(
                "a directory was moved while its tree was being removed",
            ));
        }
        drop(cur);
        ignore_gone(unlinkat(&up, done.name.as_slice(), AtFlags::REMOVEDIR))?;
        cur = up;
    }
}

fn level(dir: &OwnedFd, name: Vec<u8>) -> io::Result<Level> {
    Ok(Level {
        name,
        id: identity(dir)?,
        pending: names(dir.as_fd())?,
    })
}

fn identity(dir: &OwnedFd) -> io::Result<(u64, u64)> {
    let st = fstat(dir)?;
    Ok((st.st_dev, st.st_ino))
}

/// The names in `dir` but `.` and `..`, read through a descriptor of its own (so from the
/// start every time).
fn names(dir: BorrowedFd<'_>) -> io::Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for ent in Dir::read_from(dir)? {
        let name = ent?.file_name().to_bytes().to_vec();
        if name != b"." && name != b".." {
            out.push(name);
        }
    }
    Ok(out)
}

fn ignore_gone(r: rustix::io::Result<()>) -> io::Result<()> {
    match r {
        Err(Errno::NOENT) => Ok(()),
        r => Ok(r?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn removes_a_deep_tree_and_never_follows_a_symlink() {
        let d = tempfile::tempdir().unwrap();
        let outside = d.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("keep"), b"x").unwrap();
        let top = d.path().join("tree");
        fs::create_dir(&top).unwrap();
        let mut cur = fs::File::open(&top).unwrap();
        // Deeper than PATH_MAX, made relative to each level's descriptor.
        for _ in 0..2100 {
            rustix::fs::mkdirat(&cur, "dd", Mode::from_raw_mode(0o755)).unwrap();
            rustix::fs::symlinkat(&*outside, &cur, "link").unwrap();
            let next = openat(&cur, "dd", DIR_FLAGS, Mode::empty()).unwrap();
            cur = fs::File::from(next);
        }
        drop(cur);
        remove_tree(&top).unwrap();
        assert!(!top.exists());
        assert!(outside.join("keep").exists(), "a symlink was followed");
        remove_tree(&top).unwrap();
    }
}
