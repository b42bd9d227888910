//! The layer directory being filled: what each entry created, and how to reach directories
//! inside it without ever following a symlink.
//!
//! Every directory is reached from the root fd one component at a time with
//! `openat(O_NOFOLLOW|O_DIRECTORY)`, and every object is created with an `*at` call naming one
//! component in such a directory, so a symlink planted by the layer cannot redirect a write
//! outside `dest`. Nothing is ever removed or renamed except whiteout device nodes, so a
//! directory fd stays valid for its path for the whole unpack; that is what makes caching the
//! last parent safe.
use super::name::EntryPath;
use super::HOSTILE;
use anyhow::{anyhow, bail, Context, Result};
use rustix::fs::{
    fchmod, fsetxattr, futimens, makedev, mkdirat, mknodat, openat, unlinkat, AtFlags, FileType,
    Mode, OFlags, Timespec, Timestamps, XattrFlags, CWD,
};
use rustix::io::Errno;
use std::collections::HashMap;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;

/// What an entry put at a path, as far as later entries care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Node {
    /// A directory created only because entries below it needed it; a later directory entry
    /// for it is not a duplicate.
    Implicit,
    /// A directory entry; its mode and mtime are applied at the end.
    Dir {
        mode: u32,
        mtime: Stamp,
    },
    /// A regular file, or a hard link to one.
    File,
    Symlink,
    Fifo,
    /// An overlayfs whiteout (char 0/0) made from a `.wh.` entry.
    Whiteout,
    /// An entry that was not created (device node, unsupported type).
    Skipped,
}

impl Node {
    pub(super) fn is_dir(self) -> bool {
        matches!(self, Node::Implicit | Node::Dir { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(crate) sec: i64,
    pub(crate) nsec: u32,
}

impl Stamp {
    /// Access and modification time both set to the entry's mtime, as Docker does.
    pub(super) fn timestamps(self) -> Timestamps {
        let t = Timespec {
            tv_sec: self.sec,
            tv_nsec: self.nsec.into(),
        };
        Timestamps {
            last_access: t,
            last_modification: t,
        }
    }
}

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

pub(super) fn open_dir_at(dir: BorrowedFd<'_>, name: &[u8]) -> rustix::io::Result<OwnedFd> {
    openat(dir, name, DIR_FLAGS, Mode::empty())
}

pub(super) fn entry_error(path: &EntryPath, what: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("layer entry {:?}: {what}", path.show())
}

fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

pub(super) struct Tree {
    root: OwnedFd,
    known: HashMap<Vec<u8>, Node>,
    /// The directory of the previous entry: entries of one directory usually come in a row.
    cache: Option<(Vec<u8>, OwnedFd)>,
}

impl Tree {
    pub(super) fn open(dest: &Path) -> Result<Tree> {
        let root = openat(
            CWD,
            dest,
            DIR_FLAGS.difference(OFlags::NOFOLLOW),
            Mode::empty(),
        )
        .with_context(|| format!("cannot open the layer directory {}", dest.display()))?;
        let mut listing = std::fs::read_dir(dest)
            .with_context(|| format!("cannot list the layer directory {}", dest.display()))?;
        if listing.next().is_some() {
            bail!(
                "the layer directory {} is not empty; unpack each layer into a new empty directory",
                dest.display()
            );
        }
        Ok(Tree {
            root,
            known: HashMap::new(),
            cache: None,
        })
    }

    pub(super) fn node(&self, path: &[u8]) -> Option<Node> {
        self.known.get(path).copied()
    }

    pub(super) fn record(&mut self, path: &EntryPath, node: Node) {
        self.known.insert(path.full().to_vec(), node);
    }

    /// The directory `dir` (a normalized path, empty for the root), created with its missing
    /// parents if needed. `entry` is only used to name the culprit in errors.
    pub(super) fn dir(&mut self, dir: &[u8], entry: &EntryPath) -> Result<BorrowedFd<'_>> {
        if dir.is_empty() {
            return Ok(self.root.as_fd());
        }
        let hit = matches!(&self.cache, Some((cached, _)) if cached == dir);
        if !hit {
            let fd = self.walk(dir, entry)?;
            self.cache = Some((dir.to_vec(), fd));
        }
        match &self.cache {
            Some((_, fd)) => Ok(fd.as_fd()),
            None => unreachable!("the cache was just filled"),
        }
    }

    fn walk(&mut self, dir: &[u8], entry: &EntryPath) -> Result<OwnedFd> {
        let Tree { root, known, cache } = self;
        // Start below the cached directory when `dir` is inside it.
        let (start, mut done) = match &*cache {
            Some((cached, fd))
                if dir.len() > cached.len()
                    && dir.starts_with(cached)
                    && dir[cached.len()] == b'/' =>
            {
                (fd.as_fd(), cached.len() + 1)
            }
            _ => (root.as_fd(), 0),
        };
        let mut current: Option<OwnedFd> = None;
        while done < dir.len() {
            let end = dir[done..]
                .iter()
                .position(|&b| b == b'/')
                .map_or(dir.len(), |i| done + i);
            let base = current.as_ref().map_or(start, |fd| fd.as_fd());
            let next = step(base, &dir[done..end], &dir[..end], known, entry)?;
            current = Some(next);
            done = end + 1;
        }
        current.ok_or_else(|| anyhow!("internal error: empty directory walk"))
    }

    /// Opens an existing directory without creating anything (hard link targets, final modes).
    pub(super) fn open_existing(&self, dir: &[u8]) -> rustix::io::Result<OwnedFd> {
        if dir.is_empty() {
            return rustix::io::fcntl_dupfd_cloexec(&self.root, 0);
        }
        let mut components = dir.split(|&b| b == b'/');
        let mut current = open_dir_at(self.root.as_fd(), components.next().unwrap_or_default())?;
        for component in components {
            current = open_dir_at(current.as_fd(), component)?;
        }
        Ok(current)
    }

    /// Marks `dir` (created if missing) as hiding everything below it in lower layers.
    pub(super) fn make_opaque(&mut self, dir: &[u8], entry: &EntryPath) -> Result<()> {
        let fd = self.dir(dir, entry)?;
        set_opaque(fd).map_err(|e| entry_error(entry, e))
    }

    /// Applies directory modes and mtimes, deepest first, so a read-only directory could still
    /// receive its children and no later creation disturbs a parent's mtime.
    pub(super) fn finish(mut self) -> Result<()> {
        self.cache = None;
        let mut dirs: Vec<(&[u8], u32, Option<Stamp>)> = self
            .known
            .iter()
            .filter_map(|(path, node)| match *node {
                Node::Implicit => Some((path.as_slice(), 0o755, None)),
                Node::Dir { mode, mtime } => Some((path.as_slice(), mode, Some(mtime))),
                _ => None,
            })
            .collect();
        // Reverse byte order puts every directory after everything below it (a descendant is
        // its path and more), and usually right after a child: then `..` of the child is one
        // open, where a walk from the root costs one per level (quadratic in a deep tree).
        dirs.sort_unstable_by(|a, b| b.0.cmp(a.0));
        let mut last: Option<(&[u8], OwnedFd)> = None;
        for (path, mode, mtime) in dirs {
            let shown = || show(path);
            let up = match &last {
                Some((child, fd)) if parent_of(child) == path => {
                    open_dir_at(fd.as_fd(), b"..").ok()
                }
                _ => None,
            };
            let fd = up
                .map_or_else(|| self.open_existing(path), Ok)
                .map_err(|e| {
                    anyhow!(
                        "layer entry {}: cannot reopen it to set its mode: {e}",
                        shown()
                    )
                })?;
            fchmod(&fd, Mode::from_raw_mode(mode)).map_err(|e| {
                anyhow!("layer entry {}: cannot set its mode {mode:o}: {e}", shown())
            })?;
            if let Some(stamp) = mtime {
                futimens(&fd, &stamp.timestamps()).map_err(|e| {
                    anyhow!(
                        "layer entry {}: cannot set its modification time: {e}",
                        shown()
                    )
                })?;
            }
            last = Some((path, fd));
        }
        Ok(())
    }
}

/// The parent of a normalized path (empty for a top-level name).
fn parent_of(path: &[u8]) -> &[u8] {
    path.iter()
        .rposition(|&b| b == b'/')
        .map_or(&path[..0], |i| &path[..i])
}

/// One component of a directory walk: open it, creating it if the layer never named it.
fn step(
    base: BorrowedFd<'_>,
    component: &[u8],
    prefix: &[u8],
    known: &mut HashMap<Vec<u8>, Node>,
    entry: &EntryPath,
) -> Result<OwnedFd> {
    let failed = |what: &str, e: Errno| {
        entry_error(
            entry,
            format_args!("cannot {what} directory {}: {e}", show(prefix)),
        )
    };
    match open_dir_at(base, component) {
        Ok(fd) => return Ok(fd),
        Err(Errno::NOENT) if !known.contains_key(prefix) => {
            mkdirat(base, component, Mode::from_raw_mode(0o755))
                .map_err(|e| failed("create", e))?;
            known.insert(prefix.to_vec(), Node::Implicit);
        }
        Err(e @ (Errno::LOOP | Errno::NOTDIR | Errno::NOENT)) => match known.get(prefix) {
            Some(Node::Whiteout) => {
                // `.wh.d` and `d/x` in one layer: the lower `d` is gone and this layer's `d`
                // replaces it, which overlayfs spells as an opaque directory.
                replace_whiteout_with_dir(base, component, 0o755)
                    .map_err(|e| failed("create", e))?;
                known.insert(prefix.to_vec(), Node::Implicit);
                let fd = open_dir_at(base, component).map_err(|e| failed("open", e))?;
                set_opaque(fd.as_fd()).map_err(|e| entry_error(entry, e))?;
                return Ok(fd);
            }
            Some(Node::Symlink) => {
                return Err(entry_error(
                    entry,
                    format_args!("goes through symlink {}; {HOSTILE}", show(prefix)),
                ))
            }
            Some(_) => {
                return Err(entry_error(
                    entry,
                    format_args!("its parent {} is not a directory; {HOSTILE}", show(prefix)),
                ))
            }
            None => return Err(failed("open", e)),
        },
        Err(e) => return Err(failed("open", e)),
    }
    open_dir_at(base, component).map_err(|e| failed("open", e))
}

/// Swaps a whiteout made earlier by this layer for a new, empty directory.
pub(super) fn replace_whiteout_with_dir(
    dir: BorrowedFd<'_>,
    name: &[u8],
    mode: u32,
) -> rustix::io::Result<()> {
    unlinkat(dir, name, AtFlags::empty())?;
    mkdirat(dir, name, Mode::from_raw_mode(mode))
}

/// The overlayfs whiteout: a character device 0/0 (needs the user namespace: EPERM outside).
pub(super) fn make_whiteout(dir: BorrowedFd<'_>, name: &[u8]) -> rustix::io::Result<()> {
    mknodat(
        dir,
        name,
        FileType::CharacterDevice,
        Mode::empty(),
        makedev(0, 0),
    )
}

/// `user.overlay.opaque=y`, the opaque marker overlayfs reads when mounted with `userxattr`.
pub(super) fn set_opaque(dir: BorrowedFd<'_>) -> Result<()> {
    fsetxattr(dir, "user.overlay.opaque", b"y", XattrFlags::empty()).map_err(|e| {
        anyhow!(
            "cannot mark the directory opaque (xattr user.overlay.opaque): {e}; \
             the storage filesystem must support user xattrs"
        )
    })
}
