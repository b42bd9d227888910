//! `push --compression-format`: layers stored in another compression are recompressed into a
//! temporary blob (digest computed while writing) and the manifest is rewritten to name it.
use super::digest::{Digest, Hashing};
use super::ingest::decompressed;
use super::ingest::TempFile;
use super::store::blob_path;
use crate::store::{self, Paths};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::PathBuf;

/// A layer blob made for one push, deleted when dropped (it is not part of any stored image).
pub(crate) struct TempBlob {
    pub(crate) path: PathBuf,
    pub(crate) digest: Digest,
    pub(crate) size: u64,
}

impl Drop for TempBlob {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The compression a layer media type names: "gzip", "zstd" or "" (plain tar).
pub(crate) fn of_media_type(mt: &str) -> &'static str {
    if mt.contains("zstd") {
        "zstd"
    } else if mt.contains("gzip") {
        "gzip"
    } else {
        ""
    }
}

/// The OCI media type for a layer in `format`.
pub(crate) fn media_type(format: &str) -> String {
    format!("application/vnd.oci.image.layer.v1.tar+{format}")
}

/// Recompresses stored blob `digest` into `format` (gzip or zstd).
pub(crate) fn recompress(paths: &Paths, digest: &Digest, format: &str) -> Result<TempBlob> {
    let src = std::fs::File::open(blob_path(paths, digest))
        .with_context(|| format!("cannot open blob {digest}"))?;
    let mut plain = decompressed(src)?;
    let path = paths.blobs().join(store::tmp_name());
    let file = std::fs::File::create(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = Hashing::new(std::io::BufWriter::new(file));
    // Owned from here on, so an error below removes the partial file.
    let guard = TempFile(path);
    match format {
        "gzip" => {
            let mut enc = flate2::write::GzEncoder::new(&mut out, flate2::Compression::default());
            std::io::copy(&mut plain, &mut enc).context("cannot recompress a layer")?;
            enc.finish()?;
        }
        "zstd" => {
            let mut enc = zstd::stream::write::Encoder::new(&mut out, 3)?;
            std::io::copy(&mut plain, &mut enc).context("cannot recompress a layer")?;
            enc.finish()?;
        }
        f => bail!("unknown --compression-format {f:?}: use gzip or zstd"),
    }
    out.flush()?;
    Ok(TempBlob {
        path: guard.take(),
        digest: out.digest(),
        size: out.count,
    })
}
