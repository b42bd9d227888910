//! A depth-first walk of overlay directories (`diff`, `export`, `commit`) that works at any
//! depth: a container can nest thousands of directories, deeper than the open-file limit and
//! the call stack would allow a recursive walk holding each level's descriptors, and longer
//! than PATH_MAX (no full path is ever opened: every step is a no-follow `*at` call).
//!
//! The levels are an explicit stack. The first levels keep their directories open (up to
//! `BUDGET` descriptors); a deeper level closes its own when it goes down, and they are opened
//! again when the walk comes back: through `..` of the child's directories when each is the
//! very directory (device and inode) that was closed, which a directory moved meanwhile is
//! not; otherwise by looking the names up again from the deepest level still open.
use anyhow::{anyhow, Context, Result};
use rustix::fs::{fstat, openat, Mode};
use std::os::fd::OwnedFd;

/// Descriptors the levels above the current one may keep open.
const BUDGET: usize = 128;

/// What a walk does with each entry.
pub(crate) trait Visitor {
    /// The names of the directory whose copies are `dirs`, in the order they are visited.
    fn names(&self, dirs: &[OwnedFd]) -> Result<Vec<Vec<u8>>>;
    /// Handles `name` of `dirs` (`path` is its path in the tree); returns the directories to
    /// walk into when it is one.
    fn visit(&mut self, dirs: &[OwnedFd], name: &[u8], path: &str) -> Result<Option<Vec<OwnedFd>>>;
    /// The directories `visit` walks into for `name`, again, with no side effect.
    fn descend(&self, dirs: &[OwnedFd], name: &[u8]) -> Result<Option<Vec<OwnedFd>>>;
}

struct Level {
    /// None while a deeper level is walked and this one closed its directories.
    dirs: Option<Vec<OwnedFd>>,
    /// (device, inode) of each directory, recorded when they were closed.
    ids: Vec<(u64, u64)>,
    /// Kept open while deeper levels are walked (counted in the budget).
    kept: bool,
    /// Names left, last first.
    names: Vec<Vec<u8>>,
    /// Its name in the parent, and the length of the parent's path.
    name: Vec<u8>,
    parent_len: usize,
}

/// Walks the tree whose root copies are `root`; paths are relative (`a/b`, no leading `/`).
pub(crate) fn walk<V: Visitor>(v: &mut V, root: Vec<OwnedFd>) -> Result<()> {
    let mut levels = vec![level(v, root, Vec::new(), 0)?];
    let mut path = String::new();
    let mut kept = 0;
    loop {
        let is_root = levels.len() == 1;
        let cur = levels.last_mut().expect("a level");
        let Some(name) = cur.names.pop() else {
            let done = levels.pop().expect("a level");
            let Some(parent) = levels.last_mut() else {
                return Ok(());
            };
            path.truncate(done.parent_len);
            if parent.kept {
                parent.kept = false;
                kept -= parent.dirs.as_ref().map_or(0, Vec::len);
            } else {
                reopen(v, &mut levels, done.dirs.unwrap_or_default())?;
            }
            continue;
        };
        let dirs = cur.dirs.as_ref().expect("the current level is open");
        let Some(child) = v.visit(dirs, &name, &path)? else {
            continue;
        };
        let parent_len = path.len();
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(&String::from_utf8_lossy(&name));
        // The root stays open whatever its size: reopening starts there.
        if is_root || kept + dirs.len() <= BUDGET {
            kept += dirs.len();
            cur.kept = true;
        } else {
            let dirs = cur.dirs.take().expect("open");
            cur.ids = dirs.iter().map(identity).collect::<Result<_>>()?;
        }
        levels.push(level(v, child, name, parent_len)?);
    }
}

fn level<V: Visitor>(v: &V, dirs: Vec<OwnedFd>, name: Vec<u8>, parent_len: usize) -> Result<Level> {
    let mut names = v.names(&dirs)?;
    names.reverse();
    Ok(Level {
        dirs: Some(dirs),
        ids: Vec::new(),
        kept: false,
        names,
        name,
        parent_len,
    })
}

fn identity(fd: &OwnedFd) -> Result<(u64, u64)> {
    let st = fstat(fd).map_err(|e| anyhow!("cannot read a directory's metadata: {e}"))?;
    Ok((st.st_dev, st.st_ino))
}

/// Opens the directories of the last level again, `child` being the ones of the level below it
/// that just ended.
fn reopen<V: Visitor>(v: &V, levels: &mut [Level], child: Vec<OwnedFd>) -> Result<()> {
    let cur = levels.last_mut().expect("a level");
    let mut slots: Vec<Option<OwnedFd>> = cur.ids.iter().map(|_| None).collect();
    for c in &child {
        let up = openat(c, "..", super::merged::DIR_FLAGS, Mode::empty())
            .context("cannot open a parent directory")?;
        let id = identity(&up)?;
        if let Some(i) = (0..slots.len()).find(|&i| slots[i].is_none() && cur.ids[i] == id) {
            slots[i] = Some(up);
        }
    }
    drop(child);
    if slots.iter().all(Option::is_some) {
        cur.dirs = Some(slots.into_iter().flatten().collect());
        return Ok(());
    }
    drop(slots);
    // A directory below the level moved, or a copy has no child here: by names from the
    // deepest level still open.
    let from = levels
        .iter()
        .rposition(|l| l.dirs.is_some())
        .expect("the root stays open");
    let mut dirs: Option<Vec<OwnedFd>> = None;
    for l in &levels[from + 1..] {
        let parent = dirs.as_deref().or(levels[from].dirs.as_deref());
        let parent = parent.expect("open");
        let next = v.descend(parent, &l.name)?.ok_or_else(|| {
            anyhow!(
                "the directory {} changed while it was read; try again",
                super::merged::show(&l.name)
            )
        })?;
        dirs = Some(next);
    }
    levels.last_mut().expect("a level").dirs = dirs;
    Ok(())
}
