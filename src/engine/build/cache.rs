//! The build cache: `build-cache/<key>.json` names the image a step made, where the key hashes
//! the parent, the expanded instruction (so the ARG values it uses), for a RUN the ARGs in its
//! environment, and the checksum of its sources.
//! The images are ordinary untagged images in the index. An entry is written atomically after
//! its image is committed, and names the image's top layer too: an entry whose image or layer
//! is gone (`rmi`, a crash, a damaged store) is a miss and is removed when found, never a
//! dangling reference. `builder prune` (`prune.rs`) removes entries and their step images.
use crate::engine::image::digest::{chain_ids, diff_ids, ChainId, Digest};
use crate::engine::image::list::{ImageRow, NONE};
use crate::engine::image::store::{layer_path, read_config, Index};
use crate::store::{read_json, write_json_atomic, Paths};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::PathBuf;

thread_local! {
    /// The entries recorded since a `Recording` started (`--layers=false`).
    static RECORDED: RefCell<Option<Vec<(PathBuf, Digest)>>> = const { RefCell::new(None) };
}

/// Collects the entries a build records, so that `--layers=false` can remove them and their
/// images when it is done (podman's: no intermediate images are kept).
pub(crate) struct Recording;

impl Recording {
    pub(crate) fn start() -> Recording {
        RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
        Recording
    }

    /// The entry files and images recorded meanwhile.
    pub(crate) fn finish(self) -> Vec<(PathBuf, Digest)> {
        RECORDED.with(|r| r.borrow_mut().take().unwrap_or_default())
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        RECORDED.with(|r| *r.borrow_mut() = None);
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    image: Digest,
    /// The image's top layer (none for an image without layers); entries written before this
    /// field existed have none and are checked by their image only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    top: Option<ChainId>,
}

/// A step's key: what it was built on and everything that decides what it makes.
pub(crate) fn key(parent: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(parent);
    for p in parts {
        h.update(b"\n");
        h.update(p);
    }
    h.update(super::clock::key_part());
    hex::encode(h.finalize())
}

fn entry_path(paths: &Paths, key: &str) -> PathBuf {
    paths.build_cache().join(format!("{key}.json"))
}

/// The image cached under `key`, if it is still in the store with its layers. A dangling entry
/// is removed (best effort: another build may be removing it too).
pub(crate) fn lookup(paths: &Paths, key: &str) -> Result<Option<Digest>> {
    let path = entry_path(paths, key);
    let Some(e) = read_json::<Entry>(&path)? else {
        return Ok(None);
    };
    let index = Index::read(paths)?;
    let layer_there = e
        .top
        .as_ref()
        .is_none_or(|c| layer_path(paths, c).join("layer.json").exists());
    if index.by_id(e.image.as_str()).is_some() && layer_there {
        return Ok(Some(e.image));
    }
    let _ = std::fs::remove_file(&path);
    Ok(None)
}

pub(crate) fn record(paths: &Paths, key: &str, image: &Digest) -> Result<()> {
    let dir = paths.build_cache();
    crate::store::mkdir_private(&dir)?;
    let config = read_config(paths, image)?;
    let top = chain_ids(&diff_ids(&config)?).pop();
    let path = entry_path(paths, key);
    write_json_atomic(
        &path,
        &Entry {
            image: image.clone(),
            top,
        },
        false,
    )?;
    RECORDED.with(|r| {
        if let Some(v) = r.borrow_mut().as_mut() {
            v.push((path, image.clone()));
        }
    });
    Ok(())
}

/// Every entry that can be read: its file and the image it names. An entry being written (a
/// temp file) or unreadable is left out.
pub(crate) fn entries(paths: &Paths) -> Result<Vec<(PathBuf, Digest)>> {
    let dir = paths.build_cache();
    let list = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let mut out = Vec::new();
    for entry in list.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "json") {
            if let Ok(Some(e)) = read_json::<Entry>(&path) {
                out.push((path, e.image));
            }
        }
    }
    Ok(out)
}

/// `images` without `-a`: drops the untagged images that build steps made (those a cache entry
/// names), as Docker and podman hide intermediate images. Reads the cache only when an
/// untagged image is listed, so a plain `images` costs nothing more.
pub(crate) fn hide_steps(paths: &Paths, rows: &mut Vec<ImageRow>) -> Result<()> {
    if !rows.iter().any(|r| r.repository == NONE) {
        return Ok(());
    }
    let steps: HashSet<Digest> = entries(paths)?.into_iter().map(|(_, id)| id).collect();
    rows.retain(|r| r.repository != NONE || !steps.contains(&r.id));
    Ok(())
}
