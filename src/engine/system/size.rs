//! The bytes a tree takes, as `du -sb` counts them: the apparent size (`st_size`) of every
//! entry, directories and symlinks included, a file with several links once. At any depth: the
//! one iterative walk (`image::walk`), never a recursion holding a directory per level.
use crate::engine::image::merged;
use crate::engine::image::walk::{self, Visitor};
use anyhow::Result;
use rustix::fs::FileType;
use std::collections::HashSet;
use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;

/// The bytes of everything below `dir` (not `dir` itself, so an empty writable layer is 0B as
/// in Docker); 0 when it is missing. Entries that cannot be
/// read count as nothing (run inside the user namespace, where every store tree is readable).
pub(crate) fn tree_bytes(dir: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    let Ok(root) = merged::open_roots(&[dir.to_path_buf()]) else {
        return 0;
    };
    let mut v = Bytes {
        total: 0,
        linked: HashSet::new(),
    };
    let _ = walk::walk(&mut v, root);
    v.total
}

struct Bytes {
    total: u64,
    /// (device, inode) of the files with several links already counted.
    linked: HashSet<(u64, u64)>,
}

impl Visitor for Bytes {
    fn names(&self, dirs: &[OwnedFd]) -> Result<Vec<Vec<u8>>> {
        Ok(merged::names(dirs)?.into_iter().collect())
    }

    fn visit(&mut self, dirs: &[OwnedFd], name: &[u8], _: &str) -> Result<Option<Vec<OwnedFd>>> {
        let Ok(Some(st)) = merged::lstat(dirs[0].as_fd(), name) else {
            return Ok(None);
        };
        let dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
        if dir || st.st_nlink <= 1 || self.linked.insert((st.st_dev, st.st_ino)) {
            self.total += st.st_size as u64;
        }
        match dir {
            true => self.descend(dirs, name),
            false => Ok(None),
        }
    }

    fn descend(&self, dirs: &[OwnedFd], name: &[u8]) -> Result<Option<Vec<OwnedFd>>> {
        Ok(merged::open_dir(dirs[0].as_fd(), name)
            .ok()
            .map(|d| vec![d]))
    }
}
