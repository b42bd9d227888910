//! Images: references, the store of blobs and manifests, unpacked layers, load/save/import.
pub mod unpack;

use crate::store::Paths;
use anyhow::Result;
use std::path::PathBuf;

/// What `run`/`create` need of an image.
#[derive(Debug, Clone)]
pub struct ResolvedImage {
    /// The image id: `sha256:<hex>` of its config blob.
    pub id: String,
    /// The normalized name the reference matched (`docker.io/library/busybox:latest`), or the
    /// id when the user named the image by id.
    pub name: String,
    /// The manifest digest (`sha256:<hex>`).
    pub digest: String,
    /// The image configuration (Env, Cmd, Entrypoint, WorkingDir, User, ...).
    pub config: oci_spec::image::ImageConfiguration,
    /// The unpacked layer directories (`layers/<chain-id>/diff`), bottom layer first.
    pub layers: Vec<PathBuf>,
}

/// Resolves a reference (name, name:tag, name@digest, full id, or unique id prefix) to a local
/// image. An unknown image is an error with a hint: `image "x" not found locally`.
pub fn resolve(_paths: &Paths, reference: &str) -> Result<ResolvedImage> {
    anyhow::bail!("image {reference:?} not found locally")
}
