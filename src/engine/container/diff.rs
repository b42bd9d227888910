//! `diff`: what a container changed, from its upper dir against its image's layers, with
//! Docker's rules (`archive.changes` over overlay): a whiteout is `D`; a name the image has is
//! `C` (a directory only when its size, mode or mtime differ, since copy-up brings parents
//! along); anything else `A`; the parent of an `A` or `D` is `C` when not listed yet. Names
//! come in Go's `filepath.Walk` order (depth first, each directory's names sorted as bytes).
use super::record::Record;
use crate::engine::image::merged::{self, Found};
use crate::engine::image::walk::{self, Visitor};
use crate::store::Paths;
use anyhow::Result;
use rustix::fs::{FileType, Stat};
use std::collections::HashSet;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Added,
    Changed,
    Deleted,
}

impl Kind {
    /// Docker's letter for the kind.
    pub(crate) fn letter(self) -> &'static str {
        match self {
            Kind::Added => "A",
            Kind::Changed => "C",
            Kind::Deleted => "D",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub(crate) kind: Kind,
    /// Absolute in the container (`/etc/passwd`).
    pub(crate) path: String,
}

/// The changes of `rec`'s file system; the container may be running or stopped.
pub(crate) fn diff(paths: &Paths, rec: &Record) -> Result<Vec<Change>> {
    let mut dirs = merged::open_roots(&[paths.container(&rec.id).join("upper")])?;
    let mut lowers = rec.layer_dirs(paths);
    lowers.reverse();
    dirs.extend(merged::open_roots(&lowers)?);
    let mut walk = Walk {
        stubs: mount_points(paths, rec),
        ..Walk::default()
    };
    walk::walk(&mut walk, dirs)?;
    Ok(walk.changes)
}

#[derive(Default)]
struct Walk {
    changes: Vec<Change>,
    /// Directories listed already (as `C` or `A`), so a parent is listed once.
    listed: HashSet<String>,
    /// The container's mount points: their empty stubs are the runtime's, not changes.
    stubs: HashSet<String>,
}

impl Visitor for Walk {
    /// The upper dir's names: only what the container wrote can have changed.
    fn names(&self, dirs: &[OwnedFd]) -> Result<Vec<Vec<u8>>> {
        Ok(merged::names(&dirs[..1])?.into_iter().collect())
    }

    /// `dirs` is the upper dir's copy, then the image's below it.
    fn visit(&mut self, dirs: &[OwnedFd], name: &[u8], rel: &str) -> Result<Option<Vec<OwnedFd>>> {
        let (upper, lower) = (dirs[0].as_fd(), &dirs[1..]);
        let Some(st) = merged::lstat(upper, name)? else {
            return Ok(None); // removed while we read (a running container)
        };
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("/{rel}")
        };
        let path = format!("{prefix}/{}", merged::show(name));
        if self.stubs.contains(&path) && merged::is_empty(upper, name, &st)? {
            return Ok(None);
        }
        let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
        let below = merged::lookup(lower, name)?;
        let kind = if merged::is_whiteout(upper, name, &st) {
            Some(Kind::Deleted)
        } else {
            match &below {
                Found::Missing => Some(Kind::Added),
                Found::Dir(low, _) if is_dir && same_dir(&st, low) => None,
                _ => Some(Kind::Changed),
            }
        };
        if let Some(kind) = kind {
            if kind != Kind::Changed && !prefix.is_empty() && !self.listed.contains(&prefix) {
                self.listed.insert(prefix.clone());
                self.changes.push(Change {
                    kind: Kind::Changed,
                    path: prefix,
                });
            }
            if is_dir {
                self.listed.insert(path.clone());
            }
            self.changes.push(Change { kind, path });
        }
        if !is_dir {
            return Ok(None);
        }
        Ok(Some(sub_dirs(upper, below, name)?))
    }

    fn descend(&self, dirs: &[OwnedFd], name: &[u8]) -> Result<Option<Vec<OwnedFd>>> {
        let below = merged::lookup(&dirs[1..], name)?;
        Ok(Some(sub_dirs(dirs[0].as_fd(), below, name)?))
    }
}

/// The upper copy of directory `name`, then what the image has below it (nothing when the upper
/// copy is opaque).
fn sub_dirs(upper: BorrowedFd<'_>, below: Found, name: &[u8]) -> Result<Vec<OwnedFd>> {
    let sub = merged::open_dir(upper, name)?;
    let opaque = merged::is_opaque(&sub);
    let mut out = vec![sub];
    if let Found::Dir(_, s) = below {
        if !opaque {
            out.extend(s);
        }
    }
    Ok(out)
}

/// The destinations of the container's mounts (`/etc/hosts`, `/proc`, volumes...), as the
/// runtime makes an empty file or directory in the upper dir to mount on when the image has none.
pub(crate) fn mount_points(paths: &Paths, rec: &Record) -> HashSet<String> {
    let spec = super::start::load_spec(paths, rec).ok();
    let mounts = spec.as_ref().and_then(|s| s.mounts().as_ref());
    mounts
        .into_iter()
        .flatten()
        .map(|m| {
            let d = m.destination().to_string_lossy();
            let d = d.trim_end_matches('/');
            format!("/{}", d.trim_start_matches('/'))
        })
        .collect()
}

/// Docker's test for a directory copied up only because something below it changed.
fn same_dir(a: &Stat, b: &Stat) -> bool {
    a.st_size == b.st_size
        && a.st_mode == b.st_mode
        && a.st_mtime == b.st_mtime
        && a.st_mtime_nsec == b.st_mtime_nsec
}
