//! Reading a stack of overlay directories (layer `diff/`s and a container's `upper/`) as
//! overlayfs merges them, for `diff`, `export` and `commit`: one directory at a time, with
//! no-follow `*at` calls on directory fds, so a symlink in a layer is never followed on the host.
//!
//! A whiteout is a char device 0/0 (what skiff's unpacker and overlayfs make) or, on kernels
//! that write them, a file marked `user.overlay.whiteout`; an opaque directory is marked
//! `user.overlay.opaque=y` (`userxattr`, how skiff mounts) or `trusted.` for privileged tools.
use anyhow::{anyhow, Context, Result};
use rustix::fs::{fgetxattr, openat, statat, AtFlags, Dir, FileType, Mode, OFlags, Stat, CWD};
use rustix::io::Errno;
use std::collections::BTreeSet;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::PathBuf;

pub(crate) const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

const OPAQUE_XATTRS: [&str; 2] = ["user.overlay.opaque", "trusted.overlay.opaque"];
const WHITEOUT_XATTRS: [&str; 2] = ["user.overlay.whiteout", "trusted.overlay.whiteout"];

/// One directory of the merged view: its copies in the layers, top first, down to the first
/// opaque one.
pub(crate) type Stack = Vec<OwnedFd>;

/// What a name is in a stack of directories.
pub(crate) enum Found {
    Missing,
    /// A directory: its top copy's metadata and the copies that merge.
    Dir(Stat, Stack),
    /// Anything else, as the top layer that has it holds it: that layer's directory and the
    /// entry's metadata.
    Other(usize, Stat),
}

/// Opens the layer directories (given top first) as the root stack. The paths belong to the
/// store, so they are opened as they are.
pub(crate) fn open_roots(layers: &[PathBuf]) -> Result<Stack> {
    let mut out = Stack::new();
    for l in layers {
        let fd = openat(
            CWD,
            l,
            DIR_FLAGS.difference(OFlags::NOFOLLOW),
            Mode::empty(),
        )
        .with_context(|| format!("cannot open the layer directory {}", l.display()))?;
        let opaque = is_opaque(&fd);
        out.push(fd);
        if opaque {
            break;
        }
    }
    Ok(out)
}

/// The names in a stack of directories, sorted as bytes (Go's `filepath.Walk` order).
pub(crate) fn names(stack: &[OwnedFd]) -> Result<BTreeSet<Vec<u8>>> {
    let mut out = BTreeSet::new();
    for fd in stack {
        let dup = fd
            .try_clone()
            .context("cannot duplicate a directory descriptor")?;
        let dir = Dir::new(dup).map_err(|e| anyhow!("cannot read a layer directory: {e}"))?;
        for ent in dir {
            let ent = ent.map_err(|e| anyhow!("cannot read a layer directory: {e}"))?;
            let name = ent.file_name().to_bytes();
            if name != b"." && name != b".." {
                out.insert(name.to_vec());
            }
        }
    }
    Ok(out)
}

/// Metadata of `name` in `dir`, never following a symlink; `None` when absent.
pub(crate) fn lstat(dir: BorrowedFd<'_>, name: &[u8]) -> Result<Option<Stat>> {
    match statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => Ok(Some(st)),
        Err(Errno::NOENT) => Ok(None),
        Err(e) => Err(anyhow!("cannot look up {}: {e}", show(name))),
    }
}

/// Looks `name` up as overlayfs does: the topmost layer with an entry decides; a whiteout hides
/// the name; a directory merges with same-named directories below it until an opaque one.
pub(crate) fn lookup(stack: &[OwnedFd], name: &[u8]) -> Result<Found> {
    let mut merged = Stack::new();
    let mut top: Option<Stat> = None;
    for (i, layer) in stack.iter().enumerate() {
        let Some(st) = lstat(layer.as_fd(), name)? else {
            continue;
        };
        let kind = FileType::from_raw_mode(st.st_mode);
        if top.is_some() && kind != FileType::Directory {
            break;
        }
        if kind == FileType::Directory {
            let fd = open_dir(layer.as_fd(), name)?;
            let opaque = is_opaque(&fd);
            merged.push(fd);
            top.get_or_insert(st);
            if opaque {
                break;
            }
        } else if is_whiteout(layer.as_fd(), name, &st) {
            return Ok(Found::Missing);
        } else {
            return Ok(Found::Other(i, st));
        }
    }
    Ok(match top {
        Some(st) => Found::Dir(st, merged),
        None => Found::Missing,
    })
}

/// When the topmost layer of `stack` that has `name` holds a whiteout there: its metadata.
pub(crate) fn top_whiteout(stack: &[OwnedFd], name: &[u8]) -> Result<Option<Stat>> {
    for layer in stack {
        if let Some(st) = lstat(layer.as_fd(), name)? {
            return Ok(is_whiteout(layer.as_fd(), name, &st).then_some(st));
        }
    }
    Ok(None)
}

/// Whether the directory `name`, whose merging copies `lookup` gave as `sub`, hides what the
/// layers below `stack` have there: its lowest copy is opaque, or a layer of `stack` below it
/// holds something else (a file, a whiteout) under that name.
pub(crate) fn hides_below(stack: &[OwnedFd], name: &[u8], sub: &[OwnedFd]) -> Result<bool> {
    if sub.last().is_some_and(is_opaque) {
        return Ok(true);
    }
    // The top copy is a directory (`lookup` said so): anything else below it ended the merge.
    for layer in stack {
        if let Some(st) = lstat(layer.as_fd(), name)? {
            if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

pub(crate) fn open_dir(dir: BorrowedFd<'_>, name: &[u8]) -> Result<OwnedFd> {
    openat(dir, name, DIR_FLAGS, Mode::empty())
        .map_err(|e| anyhow!("cannot open the directory {}: {e}", show(name)))
}

/// Whether `dir` hides the copies below it (`*.overlay.opaque` = `y`).
pub(crate) fn is_opaque(dir: &OwnedFd) -> bool {
    OPAQUE_XATTRS.iter().any(|x| {
        let mut v = [0u8; 2];
        // ENODATA (unmarked), ENOTSUP, or ERANGE for a longer value: not opaque.
        matches!(fgetxattr(dir, *x, &mut v), Ok(1) if v[0] == b'y')
    })
}

/// Whether the entry `name` (metadata `st`) in `dir` is an overlay whiteout.
pub(crate) fn is_whiteout(dir: BorrowedFd<'_>, name: &[u8], st: &Stat) -> bool {
    match FileType::from_raw_mode(st.st_mode) {
        FileType::CharacterDevice => st.st_rdev == 0,
        // xattr whiteouts are empty regular files; only those are worth an open.
        FileType::RegularFile if st.st_size == 0 => {
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
            let Ok(fd) = openat(dir, name, flags | OFlags::NOCTTY, Mode::empty()) else {
                return false;
            };
            WHITEOUT_XATTRS
                .iter()
                .any(|x| fgetxattr(&fd, *x, &mut [0u8; 0]).is_ok())
        }
        _ => false,
    }
}

/// Whether the entry is an empty regular file or an empty directory (a mount point's stub).
pub(crate) fn is_empty(dir: BorrowedFd<'_>, name: &[u8], st: &Stat) -> Result<bool> {
    Ok(match FileType::from_raw_mode(st.st_mode) {
        FileType::RegularFile => st.st_size == 0,
        FileType::Directory => names(&[open_dir(dir, name)?])?.is_empty(),
        _ => false,
    })
}

/// A name for messages.
pub(crate) fn show(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}
