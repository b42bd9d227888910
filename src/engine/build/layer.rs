//! A COPY/ADD layer: the entries placed under their destination, written as a plain tar. The
//! destination's parent directories are written too (overlayfs shows an upper directory's
//! metadata), with the metadata they have in the parent image, or 0755 root when they are new.
use super::sources::{Content, Entry};
use crate::engine::image::digest::{Digest, Hashing};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Adds the missing parent directories of `entries` (paths relative to `/`), looked up in the
/// parent image's `layers` (top last) for their metadata. A directory the parent image does not
/// have is new: owned by `owner` (`--chown`, as buildah chowns the directories a COPY creates),
/// else root.
pub(crate) fn with_parents(
    entries: Vec<Entry>,
    layers: &[PathBuf],
    owner: Option<(u64, u64)>,
) -> Vec<Entry> {
    let mut all: BTreeMap<String, Entry> = BTreeMap::new();
    for e in entries {
        let mut p = e.path.as_str();
        while let Some((parent, _)) = p.rsplit_once('/') {
            if !all.contains_key(parent) {
                all.insert(parent.to_string(), parent_dir(parent, layers, owner));
            }
            p = parent;
        }
        all.insert(e.path.clone(), e);
    }
    all.into_values().filter(|e| !e.path.is_empty()).collect()
}

fn parent_dir(path: &str, layers: &[PathBuf], owner: Option<(u64, u64)>) -> Entry {
    let found = layers
        .iter()
        .rev()
        .find_map(|l| std::fs::symlink_metadata(l.join(path)).ok())
        .filter(|m| m.is_dir());
    let (uid, gid) = owner.unwrap_or((0, 0));
    Entry {
        path: path.to_string(),
        content: Content::Dir,
        mode: found.as_ref().map_or(0o755, |m| m.mode() & 0o7777),
        uid: found.as_ref().map_or(uid, |m| u64::from(m.uid())),
        gid: found.as_ref().map_or(gid, |m| u64::from(m.gid())),
        mtime: found.as_ref().map_or_else(now, |m| m.mtime().max(0) as u64),
    }
}

/// Writes `entries` as a tar to `tmp`; returns its digest (the diff_id) and size.
pub(crate) fn write(entries: &[Entry], tmp: &Path) -> Result<(Digest, u64)> {
    let f =
        std::fs::File::create(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut b = tar::Builder::new(Hashing::new(BufWriter::with_capacity(256 << 10, f)));
    for e in entries {
        let mut h = tar::Header::new_gnu();
        h.set_mode(e.mode);
        h.set_uid(e.uid);
        h.set_gid(e.gid);
        h.set_mtime(e.mtime);
        h.set_size(0);
        match &e.content {
            Content::Dir => {
                h.set_entry_type(tar::EntryType::Directory);
                b.append_data(&mut h, format!("{}/", e.path), std::io::empty())?;
            }
            Content::Symlink(target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                b.append_link(&mut h, &e.path, target)?;
            }
            Content::Bytes(data) => {
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(data.len() as u64);
                b.append_data(&mut h, &e.path, &data[..])?;
            }
            Content::File(p) => {
                let f = std::fs::File::open(p)
                    .with_context(|| format!("cannot read {}", p.display()))?;
                let len = f
                    .metadata()
                    .with_context(|| format!("cannot read {}", p.display()))?
                    .len();
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(len);
                b.append_data(&mut h, &e.path, f)?;
            }
        }
    }
    let mut out = b.into_inner()?;
    out.flush()
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    Ok((out.digest(), out.count))
}

/// A new directory's mtime: the build's time, as a `mkdir` in a RUN would give it.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
