//! Images: references, the store of blobs and manifests, unpacked layers, load/save/import.
//! One file per operation; `store` owns the on-disk format and `ingest` every write of new
//! images, so each verb stays a short script over them.
pub mod archive;
pub mod auth;
pub mod changes;
pub mod digest;
pub mod history;
pub mod human;
pub mod import;
pub mod ingest;
pub mod inspect;
pub mod layer_view;
pub mod list;
pub mod load;
pub mod login;
pub mod lookup;
pub mod manifest;
pub mod pull;
pub mod pull_layers;
pub mod push;
pub mod recompress;
pub mod reference;
pub mod registries_conf;
pub mod registry;
pub mod remove;
pub mod save;
pub mod store;
pub mod tag;
pub mod unpack;

use crate::store::Paths;
use anyhow::Result;
use digest::Digest;
use std::path::PathBuf;

/// What `run`/`create` need of an image.
#[derive(Debug, Clone)]
pub struct ResolvedImage {
    /// The image id: the digest of its config blob.
    pub id: Digest,
    /// The normalized name the reference matched (`docker.io/library/busybox:latest`), or the
    /// id when the user named the image by id.
    pub name: String,
    /// The manifest digest.
    pub digest: Digest,
    /// The image configuration (Env, Cmd, Entrypoint, WorkingDir, User, ...).
    pub config: oci_spec::image::ImageConfiguration,
    /// The unpacked layer directories (`layers/<chain-id>/diff`), bottom layer first.
    pub layers: Vec<PathBuf>,
}

/// Resolves a reference (name, name:tag, name@digest, full id, or unique id prefix) to a local
/// image. An unknown image is an error with a hint: `image "x" not found locally`.
/// Takes no lock: index.json and blobs are only ever replaced by atomic renames.
pub fn resolve(paths: &Paths, reference: &str) -> Result<ResolvedImage> {
    resolve_in(paths, &store::Index::read(paths)?, reference)
}

/// `resolve` in an index already read.
pub(crate) fn resolve_in(
    paths: &Paths,
    index: &store::Index,
    reference: &str,
) -> Result<ResolvedImage> {
    let found = lookup::find(index, reference)?;
    let img = &index.images[found.idx];
    let config = store::read_config(paths, &img.id)?;
    let layers = store::layer_dirs(paths, &digest::diff_ids(&config)?);
    Ok(ResolvedImage {
        id: img.id.clone(),
        name: found.name.unwrap_or_else(|| img.id.to_string()),
        digest: img.manifest.clone(),
        config,
        layers,
    })
}

#[cfg(test)]
mod tests;
