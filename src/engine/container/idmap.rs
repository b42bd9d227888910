//! The image's layers as a container with a user namespace of its own (`--userns`, `--uidmap`)
//! must see them. The store's layers are owned by ids of skiff's namespace, which are the
//! container ids of the default mapping; under another mapping the same files would show other
//! owners (with keep-id, root's files as the user's). Idmapped mounts would fix that without a
//! copy, but the kernel allows them only to whoever controls the layers' file system (the
//! store's ext4/xfs belongs to the initial namespace), so, as podman does there, each layer is
//! copied once per mapping with its owners shifted (`layers/<chain>/map-<key>/diff`, removed
//! with the layer) and reused by every container with that mapping.
use super::record::Record;
use crate::engine::image::merged;
use crate::engine::image::walk::{self, Visitor};
use crate::engine::spec::userns::UserNs;
use crate::runtime::userns::IdMap;
use crate::store::Paths;
use anyhow::{anyhow, bail, Context, Result};
use rustix::fs::{chmodat, chownat, AtFlags, FileType, Gid, Mode, Uid};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

/// `rec`'s lower layer directories (bottom first) with owners as its user namespace shows them:
/// the store's own without one, else the shifted copies, made now when missing.
pub(crate) fn lower_dirs(paths: &Paths, rec: &Record) -> Result<Vec<PathBuf>> {
    let u = &rec.config.userns;
    let dirs = rec.layer_dirs(paths);
    if !u.own() {
        return Ok(dirs);
    }
    let key = map_key(u);
    dirs.iter().map(|d| shifted(d, &key, u)).collect()
}

/// A name for a mapping (the same maps give the same copies).
fn map_key(u: &UserNs) -> String {
    use sha2::Digest;
    let text = format!("{:?}/{:?}", u.uids, u.gids);
    let h = sha2::Sha256::digest(text.as_bytes());
    hex::encode(&h[..8])
}

/// The shifted copy of the layer `diff`, made under a temp name and renamed into place (a
/// concurrent start making the same copy loses the rename and uses the winner's).
fn shifted(diff: &Path, key: &str, u: &UserNs) -> Result<PathBuf> {
    let layer = diff.parent().context("a layer directory has a parent")?;
    let dir = layer.join(format!("map-{key}"));
    if dir.join("diff").is_dir() {
        return Ok(dir.join("diff"));
    }
    let tmp = layer.join(format!(".tmp-map-{key}-{}", std::process::id()));
    let _ = crate::store::remove_tree(&tmp);
    std::fs::create_dir(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    // cp -a keeps modes, times, hard links, xattrs (the opaque markers) and whiteouts.
    let out = std::process::Command::new("cp")
        .arg("-a")
        .arg(diff)
        .arg(tmp.join("diff"))
        .output()
        .context("cannot run cp to copy a layer for the container's user namespace")?;
    if !out.status.success() {
        let _ = crate::store::remove_tree(&tmp);
        bail!(
            "cannot copy the layer {} for the container's user namespace: {}",
            diff.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let roots = merged::open_roots(&[tmp.join("diff")])?;
    let top = roots[0].try_clone()?;
    let mut shift = Shift {
        uids: &u.uids,
        gids: &u.gids,
    };
    shift.entry(top.as_fd(), b".")?;
    walk::walk(&mut shift, roots)?;
    match std::fs::rename(&tmp, &dir) {
        Ok(()) => {}
        Err(_) if dir.join("diff").is_dir() => {
            let _ = crate::store::remove_tree(&tmp);
        }
        Err(e) => {
            let _ = crate::store::remove_tree(&tmp);
            return Err(e).with_context(|| format!("cannot rename {}", tmp.display()));
        }
    }
    Ok(dir.join("diff"))
}

struct Shift<'a> {
    uids: &'a [IdMap],
    gids: &'a [IdMap],
}

impl Shift<'_> {
    /// Gives `name` in `dir` the owners its ids are under the container's maps. chown clears
    /// setuid and setgid bits, so the mode is set again after it.
    fn entry(&self, dir: std::os::fd::BorrowedFd<'_>, name: &[u8]) -> Result<Option<FileType>> {
        let Some(st) = merged::lstat(dir, name)? else {
            return Ok(None);
        };
        let kind = FileType::from_raw_mode(st.st_mode);
        let uid = UserNs::outer(self.uids, st.st_uid).unwrap_or(st.st_uid);
        let gid = UserNs::outer(self.gids, st.st_gid).unwrap_or(st.st_gid);
        let show = merged::show(name);
        chownat(
            dir,
            name,
            Some(Uid::from_raw(uid)),
            Some(Gid::from_raw(gid)),
            AtFlags::SYMLINK_NOFOLLOW,
        )
        .map_err(|e| anyhow!("cannot change the owner of {show}: {e}"))?;
        if kind != FileType::Symlink && st.st_mode & 0o6000 != 0 {
            chmodat(
                dir,
                name,
                Mode::from_raw_mode(st.st_mode & 0o7777),
                AtFlags::empty(),
            )
            .map_err(|e| anyhow!("cannot chmod {show}: {e}"))?;
        }
        Ok(Some(kind))
    }
}

impl Visitor for Shift<'_> {
    fn names(&self, dirs: &[OwnedFd]) -> Result<Vec<Vec<u8>>> {
        Ok(merged::names(&dirs[..1])?.into_iter().collect())
    }

    fn visit(
        &mut self,
        dirs: &[OwnedFd],
        name: &[u8],
        _path: &str,
    ) -> Result<Option<Vec<OwnedFd>>> {
        match self.entry(dirs[0].as_fd(), name)? {
            Some(FileType::Directory) => Ok(Some(vec![merged::open_dir(dirs[0].as_fd(), name)?])),
            _ => Ok(None),
        }
    }

    fn descend(&self, dirs: &[OwnedFd], name: &[u8]) -> Result<Option<Vec<OwnedFd>>> {
        Ok(Some(vec![merged::open_dir(dirs[0].as_fd(), name)?]))
    }
}

/// Gives the container's upper dir (the root directory it sees, until it changes it) to the
/// container's root, as the image's root directory is.
pub(crate) fn own_upper(paths: &Paths, rec: &Record) -> Result<()> {
    let u = &rec.config.userns;
    if !u.own() {
        return Ok(());
    }
    let upper = paths.container(&rec.id).join("upper");
    let (Some(uid), Some(gid)) = (UserNs::outer(&u.uids, 0), UserNs::outer(&u.gids, 0)) else {
        return Ok(());
    };
    rustix::fs::chown(&upper, Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)))
        .map_err(|e| anyhow!("cannot change the owner of {}: {e}", upper.display()))
}

/// The maps of `rec`'s own user namespace, for archives that record its ids.
pub(crate) fn maps(rec: &Record) -> Option<(Vec<IdMap>, Vec<IdMap>)> {
    let u = &rec.config.userns;
    u.own().then(|| (u.uids.clone(), u.gids.clone()))
}
