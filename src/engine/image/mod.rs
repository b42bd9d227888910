//! Images: references, the store of blobs and manifests, unpacked layers, load/save/import.
//! One file per operation; `store` owns the on-disk format and `ingest` every write of new
//! images (`staging` the unlocked half of `load` and `import`), so each verb stays a short
//! script over them.
pub(crate) mod archive;
pub(crate) mod auth;
pub(crate) mod changes;
pub(crate) mod commit;
pub(crate) mod digest;
pub(crate) mod history;
pub(crate) mod human;
pub(crate) mod import;
pub(crate) mod ingest;
pub(crate) mod inspect;
pub(crate) mod layer_view;
pub(crate) mod list;
pub(crate) mod load;
pub(crate) mod login;
pub(crate) mod lookup;
pub(crate) mod manifest;
pub(crate) mod merged;
pub(crate) mod pack;
pub(crate) mod pull;
pub(crate) mod pull_layers;
pub(crate) mod push;
pub(crate) mod recompress;
pub(crate) mod reference;
pub(crate) mod registries_conf;
pub(crate) mod registry;
pub(crate) mod remove;
pub(crate) mod save;
pub(crate) mod search;
pub(crate) mod staging;
pub(crate) mod store;
pub(crate) mod tag;
pub(crate) mod unpack;
pub(crate) mod walk;

use crate::store::Paths;
use anyhow::Result;
use digest::Digest;
use std::path::PathBuf;

/// What `run`/`create` need of an image.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedImage {
    /// The image id: the digest of its config blob.
    pub(crate) id: Digest,
    /// The normalized name the reference matched (`docker.io/library/busybox:latest`), or the
    /// id when the user named the image by id.
    pub(crate) name: String,
    /// The manifest digest.
    pub(crate) digest: Digest,
    /// The image configuration (Env, Cmd, Entrypoint, WorkingDir, User, ...).
    pub(crate) config: oci_spec::image::ImageConfiguration,
    /// Docker's `config.Healthcheck`, which the OCI configuration type has no field for.
    pub(crate) healthcheck: Option<serde_json::Value>,
    /// The unpacked layer directories (`layers/<chain-id>/diff`), bottom layer first.
    pub(crate) layers: Vec<PathBuf>,
}

/// Resolves a reference (name, name:tag, name@digest, full id, or unique id prefix) to a local
/// image. An unknown image is an error with a hint: `image "x" not found locally`.
/// Takes no lock: index.json and blobs are only ever replaced by atomic renames.
pub(crate) fn resolve(paths: &Paths, reference: &str) -> Result<ResolvedImage> {
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
    let blob = store::read_blob(paths, &img.id)?;
    use anyhow::Context as _;
    let corrupt = || format!("image config {} is corrupt", img.id);
    let config: oci_spec::image::ImageConfiguration =
        serde_json::from_slice(&blob).with_context(corrupt)?;
    let docker: DockerConfig = serde_json::from_slice(&blob).with_context(corrupt)?;
    let layers = store::layer_dirs(paths, &digest::diff_ids(&config)?);
    Ok(ResolvedImage {
        id: img.id.clone(),
        name: found.name.unwrap_or_else(|| img.id.to_string()),
        digest: img.manifest.clone(),
        config,
        healthcheck: docker.config.healthcheck,
        layers,
    })
}

/// The fields of Docker's image configuration that the OCI type drops, read from the same bytes.
#[derive(serde::Deserialize, Default)]
struct DockerConfig {
    #[serde(default)]
    config: DockerContainerConfig,
}

#[derive(serde::Deserialize, Default)]
struct DockerContainerConfig {
    #[serde(rename = "Healthcheck", default)]
    healthcheck: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests;
