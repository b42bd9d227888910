//! The build cache: `build-cache/<key>.json` names the image a step made, where the key hashes
//! the parent, the expanded instruction, the build args it sees and the checksum of its sources.
//! The images are ordinary untagged images in the index; an entry whose image is gone (`rmi`,
//! `image prune`) is a miss, never a dangling reference, and each entry is written atomically.
use crate::engine::image::digest::Digest;
use crate::engine::image::list::{ImageRow, NONE};
use crate::engine::image::store::Index;
use crate::store::{read_json, write_json_atomic, Paths};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::collections::HashSet;

#[derive(Serialize, Deserialize)]
struct Entry {
    image: Digest,
}

/// A step's key: what it was built on and everything that decides what it makes.
pub(crate) fn key(parent: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(parent);
    for p in parts {
        h.update(b"\n");
        h.update(p);
    }
    hex::encode(h.finalize())
}

/// The image cached under `key`, if it is still in the store.
pub(crate) fn lookup(paths: &Paths, key: &str) -> Result<Option<Digest>> {
    let Some(e) = read_json::<Entry>(&paths.build_cache().join(format!("{key}.json")))? else {
        return Ok(None);
    };
    let index = Index::read(paths)?;
    Ok(index.by_id(e.image.as_str()).map(|_| e.image))
}

pub(crate) fn record(paths: &Paths, key: &str, image: &Digest) -> Result<()> {
    let dir = paths.build_cache();
    crate::store::mkdir_private(&dir)?;
    write_json_atomic(
        &dir.join(format!("{key}.json")),
        &Entry {
            image: image.clone(),
        },
        false,
    )
}

/// `images` without `-a`: drops the untagged images that build steps made (those a cache entry
/// names), as Docker and podman hide intermediate images. Reads the cache only when an
/// untagged image is listed, so a plain `images` costs nothing more.
pub(crate) fn hide_steps(paths: &Paths, rows: &mut Vec<ImageRow>) -> Result<()> {
    if !rows.iter().any(|r| r.repository == NONE) {
        return Ok(());
    }
    let dir = paths.build_cache();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let mut steps = HashSet::new();
    for entry in entries.flatten() {
        // An entry being written (a temp file) or unreadable is no step image: show the image.
        if let Ok(Some(e)) = read_json::<Entry>(&entry.path()) {
            steps.insert(e.image);
        }
    }
    rows.retain(|r| r.repository != NONE || !steps.contains(&r.id));
    Ok(())
}
