//! `diff`: what a container changed, from its upper dir against its image's layers, with
//! Docker's rules (`archive.changes` over overlay): a whiteout is `D`; a name the image has is
//! `C` (a directory only when its size, mode or mtime differ, since copy-up brings parents
//! along); anything else `A`; the parent of an `A` or `D` is `C` when not listed yet. Names
//! come in Go's `filepath.Walk` order (depth first, each directory's names sorted as bytes).
use super::record::Record;
use crate::engine::image::merged::{self, Found, Stack};
use crate::store::Paths;
use anyhow::Result;
use rustix::fs::{FileType, Stat};
use std::collections::HashSet;
use std::os::fd::{AsFd, OwnedFd};

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
    let upper = merged::open_roots(&[paths.container(&rec.id).join("upper")])?;
    let mut lowers = rec.layer_dirs(paths);
    lowers.reverse();
    let lower = merged::open_roots(&lowers)?;
    let mut walk = Walk {
        stubs: mount_points(paths, rec),
        ..Walk::default()
    };
    walk.dir(&upper[0], &lower, "")?;
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

impl Walk {
    fn dir(&mut self, upper: &OwnedFd, lower: &Stack, prefix: &str) -> Result<()> {
        for name in merged::names(std::slice::from_ref(upper))? {
            let Some(st) = merged::lstat(upper.as_fd(), &name)? else {
                continue; // removed while we read (a running container)
            };
            let path = format!("{prefix}/{}", merged::show(&name));
            if self.stubs.contains(&path) && merged::is_empty(upper.as_fd(), &name, &st)? {
                continue;
            }
            let is_dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
            let below = merged::lookup(lower, &name)?;
            let kind = if merged::is_whiteout(upper.as_fd(), &name, &st) {
                Some(Kind::Deleted)
            } else {
                match &below {
                    Found::Missing => Some(Kind::Added),
                    Found::Dir(low, _) if is_dir && same_dir(&st, low) => None,
                    _ => Some(Kind::Changed),
                }
            };
            if let Some(kind) = kind {
                if kind != Kind::Changed && !prefix.is_empty() && !self.listed.contains(prefix) {
                    self.listed.insert(prefix.to_string());
                    self.changes.push(Change {
                        kind: Kind::Changed,
                        path: prefix.to_string(),
                    });
                }
                if is_dir {
                    self.listed.insert(path.clone());
                }
                self.changes.push(Change {
                    kind,
                    path: path.clone(),
                });
            }
            if is_dir {
                let sub = merged::open_dir(upper.as_fd(), &name)?;
                // An opaque directory hides what the image has below it.
                let sub_lower = match below {
                    Found::Dir(_, s) if !merged::is_opaque(&sub) => s,
                    _ => Stack::new(),
                };
                self.dir(&sub, &sub_lower, &path)?;
            }
        }
        Ok(())
    }
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
