//! Copy-up (Docker's rule): a volume whose data directory is empty, mounted where the image
//! has a directory with content, gets a copy of that content (owners and modes as the image
//! has them, the directory's own too), unless the mount says `nocopy`. The copy is made beside
//! `_data` under a temp name and swapped in with one `renameat2(RENAME_EXCHANGE)`, so a `kill
//! -9` leaves the volume empty (copied again next time) or whole, never half copied.
use crate::engine::image::{ingest, merged, pack, unpack};
use crate::runtime::userns::Mapping;
use crate::store::{self, Paths, Trash};
use anyhow::{Context, Result};
use rustix::fs::{FileType, RenameFlags, CWD};
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Copies the image's content at `dest` into the volume `name` if its data dir is empty.
/// `layers` are the image's, bottom first. The caller holds `volumes.lock` and has joined the
/// user namespace. Returns whether anything was copied.
pub(crate) fn copy_up(
    paths: &Paths,
    name: &str,
    layers: &[PathBuf],
    dest: &str,
    mapping: &Mapping,
) -> Result<bool> {
    let data = super::data_dir(paths, name);
    if !is_empty_dir(&data)? {
        return Ok(false);
    }
    let top_first: Vec<PathBuf> = layers.iter().rev().cloned().collect();
    let mut stack = merged::open_roots(&top_first)?;
    let mut top = None;
    // Component by component, no symlink followed: an image whose mount point is (or passes
    // through) a symlink gets no copy, rather than a copy of whatever the link names.
    for c in dest.split('/').filter(|c| !c.is_empty()) {
        match merged::lookup(&stack, c.as_bytes())? {
            merged::Found::Dir(st, s) => {
                stack = s;
                top = Some(st);
            }
            _ => return Ok(false),
        }
    }
    let Some(st) = top else { return Ok(false) };
    let vdir = super::dir(paths, name);
    let mut trash = Trash::new();
    trash.claim_leftovers(&vdir)?;
    let tmp = vdir.join(store::tmp_name());
    let res = (|| -> Result<()> {
        let spool = super::archive::spool(&vdir)?;
        let mut spool = pack::pack_stack(stack, spool)?;
        spool.seek(SeekFrom::Start(0))?;
        std::fs::create_dir(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        unpack::unpack(spool, &tmp, &ingest::unpack_options(mapping))
            .with_context(|| format!("cannot copy the image's {dest} into volume {name}"))?;
        std::os::unix::fs::lchown(&tmp, Some(st.st_uid), Some(st.st_gid))
            .with_context(|| format!("cannot chown {}", tmp.display()))?;
        rustix::fs::chmod(&tmp, rustix::fs::Mode::from_raw_mode(st.st_mode & 0o7777))
            .with_context(|| format!("cannot chmod {}", tmp.display()))?;
        store::fault::point("volume.copy-up");
        rustix::fs::renameat_with(CWD, &tmp, CWD, &data, RenameFlags::EXCHANGE)
            .with_context(|| format!("cannot swap the copy into {}", data.display()))?;
        Ok(())
    })();
    // After the swap `tmp` is the old, empty data dir; before it, a partial copy.
    let _ = store::remove_tree(&tmp);
    res?;
    Ok(true)
}

fn is_empty_dir(p: &Path) -> Result<bool> {
    let st = rustix::fs::lstat(p).with_context(|| format!("cannot stat {}", p.display()))?;
    if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
        return Ok(false);
    }
    Ok(std::fs::read_dir(p)
        .with_context(|| format!("cannot read {}", p.display()))?
        .next()
        .is_none())
}
